//! The data folder: where it is and how to open the store in it.
