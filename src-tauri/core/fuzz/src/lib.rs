//! The fuzz targets, shared with the smoke run in the test suite (one file, one set of checks).
#[path = "../../tests/support/fuzz_targets.rs"]
pub mod targets;
