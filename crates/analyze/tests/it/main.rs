//! Integration tests of `marsad-analyze`: one binary, one module per concept.

mod category;
