//! The fuzzers' corpora as ordinary tests: every committed input of every target
//! (`fuzz/corpus/<target>/`) and every input that once broke a promise
//! (`tests/fixtures/fuzz-regressions/<target>/`) goes through the same invariant checks the
//! fuzz targets assert (`lectern::core::invariants`).

use std::path::{Path, PathBuf};

use lectern::core::invariants::{self, Checked};

/// A fuzz target's check.
type Check = fn(&[u8]) -> Checked;

/// Every fuzz target and the check it runs (the names of `fuzz/fuzz_targets/*.rs`).
const TARGETS: [(&str, Check); 9] = [
    ("claims", invariants::check_claims_and_relations),
    ("html", invariants::check_html),
    ("loader", invariants::check_loader),
    ("markdown", invariants::check_markdown),
    ("reanchor", invariants::check_reanchor),
    ("save_round_trip", invariants::check_save_round_trip),
    ("sentences", invariants::check_sentences),
    ("structure", invariants::check_structure),
    ("workspace_ron", invariants::check_workspace_ron),
];

fn files_in(dir: &Path) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut files: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_file())
        .collect();
    files.sort();
    files
}

fn run(dir_of: impl Fn(&str) -> PathBuf, require_files: bool) {
    let mut failures = Vec::new();
    for (target, check) in TARGETS {
        let dir = dir_of(target);
        let files = files_in(&dir);
        assert!(
            !require_files || !files.is_empty(),
            "no corpus for {target} in {}",
            dir.display()
        );
        for file in files {
            let bytes = std::fs::read(&file).expect("read corpus file");
            if let Err(broken) = check(&bytes) {
                failures.push(format!("{target} {}: {broken}", file.display()));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn every_corpus_input_keeps_its_targets_promises() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/corpus");
    run(|target| root.join(target), true);
}

#[test]
fn every_input_that_once_failed_keeps_its_targets_promises_now() {
    let root = crate::support::fixture("fuzz-regressions");
    run(|target| root.join(target), false);
}
