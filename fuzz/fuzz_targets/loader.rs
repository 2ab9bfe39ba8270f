//! The loader: the bytes as a .txt, .md and .html file give a document or a skip reason.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Err(broken) = lectern::core::invariants::check_loader(data) {
        panic!("{broken}");
    }
});
