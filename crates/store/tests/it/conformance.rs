//! The conformance suite on each backend.

mod embedded {
    marsad_store::conformance_tests!(crate::fresh_embedded());
}

mod memory {
    marsad_store::conformance_tests!(async { (marsad_store::Store::memory(), ()) });
}

mod postgres {
    marsad_store::conformance_tests!(@skippable crate::postgres::fresh());
}
