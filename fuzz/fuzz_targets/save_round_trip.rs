//! Save → open returns the person's data as it was saved.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Err(broken) = lectern::core::invariants::check_save_round_trip(data) {
        panic!("{broken}");
    }
});
