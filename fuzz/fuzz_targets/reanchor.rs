//! Re-anchoring: anchors on one text found again in an edited one.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Err(broken) = lectern::core::invariants::check_reanchor(data) {
        panic!("{broken}");
    }
});
