//! The workspace RON parser: a parsed file writes back the same; errors name line and column.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Err(broken) = lectern::core::invariants::check_workspace_ron(data) {
        panic!("{broken}");
    }
});
