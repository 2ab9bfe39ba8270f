//! The sectioner: sections, headings and references in order inside the text.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Err(broken) = lectern::core::invariants::check_structure(data) {
        panic!("{broken}");
    }
});
