//! The core figures of issue 6, on a generated corpus of 1,000 documents / 50 MB
//! (`examples/gen_corpus.rs`, seed 7, written once to `$TMPDIR/lectern-bench-c50`, or to
//! `$LECTERN_BENCH_CORPUS`):
//!
//! - `open_study_50mb`: the whole analysis (load, sections, sentences, claims, relations);
//! - `document_list_50mb`: until every document has been reported with its title and
//!   sections (`open_study_listing`), the analysis then cancelled;
//! - `search_*`: the first 100 hits of a common phrase, and a phrase found nowhere (the
//!   whole 50 MB scanned: the slowest way to a first result);
//! - `workspace_save_10k` / `workspace_open_10k`: a workspace with 10,000 of the person's
//!   claims (8,000 detected claims with a verdict, 2,000 own claims) and 1,000 notes, saved
//!   atomically, and opened again: parsed and re-anchored against the documents.
//!
//! ```sh
//! cargo bench --no-default-features --bench core
//! ```
//! Targets and recorded figures are in docs/BENCHMARKS.md. Divan prints each figure (median
//! and fastest); `open_study_50mb` also prints its throughput.

use std::path::PathBuf;
use std::sync::LazyLock;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use divan::Bencher;
use divan::counter::BytesCount;
use lectern::core::analysis::{
    OpenOptions, Progress, Source, Study, open_study_listing, open_study_now,
};
use lectern::core::search::{Query, search_study};
use lectern::core::workspace::{Verdict, Workspace, open_workspace, save_atomic, section_paths};

#[allow(dead_code)]
#[path = "../examples/gen_corpus.rs"]
mod gen_corpus;

fn main() {
    divan::main();
}

/// The 50 MB corpus, generated on first use.
static CORPUS: LazyLock<PathBuf> = LazyLock::new(|| {
    let dir = std::env::var_os("LECTERN_BENCH_CORPUS")
        .map(PathBuf::from)
        .unwrap_or_else(|| std::env::temp_dir().join("lectern-bench-c50"));
    let marker = dir.join(".complete");
    if !marker.exists() {
        eprintln!("generating the 50 MB corpus in {}", dir.display());
        let written = gen_corpus::write_corpus(&dir, 1000, 50.0, 7);
        if let Err(err) = written.and_then(|_| {
            std::fs::write(&marker, b"1000 documents, 50 MB, seed 7").map_err(|e| e.to_string())
        }) {
            panic!("cannot write the corpus: {err}");
        }
    }
    dir
});

/// The corpus, analysed once for the benchmarks that need a study.
static STUDY: LazyLock<Study> =
    LazyLock::new(|| open_study_now(&Source::Paths(vec![CORPUS.clone()])));

#[divan::bench(sample_count = 3, sample_size = 1)]
fn open_study_50mb(bencher: Bencher) {
    let source = Source::Paths(vec![CORPUS.clone()]);
    let bytes = STUDY.bytes_read;
    bencher
        .counter(BytesCount::new(bytes))
        .bench(|| open_study_now(&source));
}

#[divan::bench(sample_count = 5, sample_size = 1)]
fn document_list_50mb(bencher: Bencher) {
    let source = Source::Paths(vec![CORPUS.clone()]);
    let documents = STUDY.documents.len();
    bencher.bench(|| {
        let cancel = AtomicBool::new(false);
        let listed = AtomicUsize::new(0);
        // Once the last document is listed the outline is complete; the analysis is not
        // part of this figure, so it is cancelled there.
        let result = open_study_listing(
            &source,
            OpenOptions::default(),
            &Progress::default(),
            &cancel,
            &|_, document| {
                divan::black_box(document.sections.len());
                if listed.fetch_add(1, Ordering::Relaxed) + 1 >= documents {
                    cancel.store(true, Ordering::Relaxed);
                }
            },
        );
        assert!(result.is_err(), "the analysis should have been cancelled");
        listed.load(Ordering::Relaxed)
    });
}

#[divan::bench(sample_count = 20)]
fn search_first_100_hits_50mb(bencher: Bencher) {
    let study = &*STUDY;
    let Some(query) = Query::new("the central bank") else {
        return;
    };
    bencher.bench(|| search_study(study, &query, None, 100));
}

#[divan::bench(sample_count = 10)]
fn search_no_hit_50mb(bencher: Bencher) {
    let study = &*STUDY;
    let Some(query) = Query::new("zebra crossing") else {
        return;
    };
    bencher.bench(|| search_study(study, &query, None, 100));
}

/// 10,000 claims with verdicts and 1,000 notes on the analysed corpus.
fn build_workspace(study: &Study) -> Workspace {
    const DETECTED: usize = 8_000;
    const OWN: usize = 2_000;
    const CLAIM_NOTES: usize = 600;
    const SECTION_NOTES: usize = 300;
    const DOCUMENT_NOTES: usize = 100;
    let mut workspace = study.new_workspace();
    let verdicts = [
        Verdict::Supported,
        Verdict::Disputed,
        Verdict::Unsupported,
        Verdict::NeedsSource,
    ];
    let inputs: Vec<_> = study
        .documents
        .iter()
        .map(|d| d.workspace_input())
        .collect();
    let documents = inputs.len().max(1);
    let mut items = Vec::new();
    // Spread over every document: the n-th detected claim and the n-th plain sentence of each.
    let mut round = 0;
    while items.len() < DETECTED + OWN && round < 1000 {
        for (d, input) in study.documents.iter().zip(&inputs) {
            let sentences: Vec<_> = d.sections.iter().flat_map(|s| &s.sentences).collect();
            let detected = sentences.iter().filter(|s| s.claim.is_some()).nth(round);
            let plain = sentences.iter().filter(|s| s.claim.is_none()).nth(round);
            let want_own = items.len() % 5 == 4;
            let item = match (want_own, detected, plain) {
                (true, _, Some(s)) => workspace.add_own_claim(input, s.span).ok(),
                (_, Some(s), _) => s
                    .claim
                    .as_ref()
                    .and_then(|c| workspace.track_detected_claim(input, &c.id, s.span).ok()),
                _ => None,
            };
            if let Some(item) = item {
                let verdict = verdicts[items.len() % verdicts.len()];
                workspace.set_verdict(item, verdict).ok();
                items.push(item);
            }
            if items.len() >= DETECTED + OWN {
                break;
            }
        }
        round += 1;
    }
    for (n, &item) in items.iter().take(CLAIM_NOTES).enumerate() {
        let note = format!("Checked against the annual report, table {n}; see the notebook.");
        workspace.set_claim_note(item, &note).ok();
    }
    for (n, input) in inputs.iter().enumerate().take(SECTION_NOTES) {
        if let Some(path) = section_paths(&input.sections).get(1 + n % 3) {
            let note = format!("Section {n}: the figures here disagree with the second source.");
            workspace.set_section_note(input.id, path, &note).ok();
        }
    }
    for (n, d) in study.documents.iter().enumerate().take(DOCUMENT_NOTES) {
        let note = format!("Document {n}: read in full; {documents} documents in the study.");
        workspace.set_document_note(&d.document.id, &note).ok();
    }
    workspace
}

static WORKSPACE: LazyLock<Workspace> = LazyLock::new(|| build_workspace(&STUDY));

/// Beside the corpus, not in it: the corpus folder is opened as a study.
fn workspace_path() -> PathBuf {
    let dir = std::env::temp_dir().join("lectern-bench-workspace");
    std::fs::create_dir_all(&dir).ok();
    dir.join("bench.lectern.ron")
}

#[divan::bench(sample_count = 10, sample_size = 1)]
fn workspace_save_10k(bencher: Bencher) {
    let workspace = &*WORKSPACE;
    let path = workspace_path();
    bencher.bench(|| save_atomic(&path, workspace).is_ok());
}

#[divan::bench(sample_count = 10, sample_size = 1)]
fn workspace_open_10k(bencher: Bencher) {
    let path = workspace_path();
    if save_atomic(&path, &WORKSPACE).is_err() {
        return;
    }
    let study = &*STUDY;
    bencher.bench(|| {
        let Ok(mut workspace) = open_workspace(&path) else {
            return 0;
        };
        let report = study.attach(&mut workspace);
        divan::black_box(&report);
        workspace.claims.len()
    });
}
