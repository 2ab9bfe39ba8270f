//! Markdown extraction: text and heading spans keep their promises.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Err(broken) = lectern::core::invariants::check_markdown(data) {
        panic!("{broken}");
    }
});
