//! The sentence splitter: trimmed sentences in order, nothing visible lost.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Err(broken) = lectern::core::invariants::check_sentences(data) {
        panic!("{broken}");
    }
});
