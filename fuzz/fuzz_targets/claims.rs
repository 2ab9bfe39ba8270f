//! The claim scorer and relation finder over a small study built from the bytes.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Err(broken) = lectern::core::invariants::check_claims_and_relations(data) {
        panic!("{broken}");
    }
});
