//! Adversarial documents and folders: each loads with sensible sections and sentences, or is
//! listed as skipped with the reason a person would read. The cases are built by
//! `adversarial_cases` (shared with `examples/adversarial_bench.rs`, which measures their time
//! and memory in a release build; see docs/ROBUSTNESS.md).

use std::path::Path;

use lectern::core::analysis::{AnalyzedDocument, Study};
use lectern::core::document::Format;
use lectern::core::invariants;
use lectern::core::load::{self, SkipReason};

use crate::adversarial_cases::{self, Case, Expect, Scale};
use crate::support::{doc, open_paths, temp_folder};

/// The promises every loaded document keeps, checked on a study.
fn assert_well_formed(study: &Study) {
    for d in &study.documents {
        assert_eq!(d.error, None, "{}: analysis failed", d.document.path);
        invariants::check_document(&d.document)
            .and_then(|()| invariants::check_analysis(&d.document, &d.sections))
            .unwrap_or_else(|e| panic!("{}: {e}", d.document.path));
    }
    for s in &study.skipped {
        assert!(!s.reason.to_string().trim().is_empty(), "{}", s.path);
    }
}

fn sentence_count(d: &AnalyzedDocument) -> usize {
    d.sections.iter().map(|s| s.sentences.len()).sum()
}

/// Loads the cases in one folder and checks what the person sees for each.
fn assert_cases_load_as_expected(cases: &[Case]) -> Study {
    let dir = tempfile::tempdir().expect("temp dir");
    adversarial_cases::write_cases(dir.path(), cases).expect("write cases");
    let study = open_paths(&[dir.path()]);
    assert_well_formed(&study);
    for case in cases {
        match case.expect {
            Expect::Loads { min_sentences } => {
                let d = doc(&study, case.name);
                assert!(
                    sentence_count(d) >= min_sentences,
                    "{}: {} sentences, expected at least {min_sentences}",
                    case.name,
                    sentence_count(d)
                );
                assert!(
                    !d.document.sections.is_empty(),
                    "{}: no sections",
                    case.name
                );
            }
            Expect::Skipped(reason) => {
                let skipped = study
                    .skipped
                    .iter()
                    .find(|s| s.path == case.name)
                    .unwrap_or_else(|| panic!("{} was not skipped", case.name));
                assert_eq!(skipped.reason.to_string(), reason, "{}", case.name);
            }
        }
    }
    study
}

#[test]
fn every_adversarial_file_loads_or_is_skipped_with_its_reason() {
    let cases = adversarial_cases::file_cases(Scale::Full);
    let study = assert_cases_load_as_expected(&cases);
    // What a reader sees of the worst ones.
    let flat = doc(&study, "no-newline.txt");
    // One paragraph of 20 MB is cut into parts of whole sentences a window can lay out.
    assert!(
        flat.document.sections.len() > 300,
        "{} parts",
        flat.document.sections.len()
    );
    for section in &flat.document.sections {
        let body = flat.document.slice(section.body);
        assert!(
            body.len() <= 64 * 1024 && body.ends_with("survey."),
            "{}",
            section.title
        );
    }
    let long = doc(&study, "one-long-sentence.txt");
    // A sentence without an end is cut only where a 64 KB part must end.
    assert_eq!(sentence_count(long), long.document.sections.len());
    assert!((16..=17).contains(&long.document.sections.len()));
    let deep = doc(&study, "nested.html");
    assert_eq!(deep.document.title, "Deep");
    assert!(
        deep.document
            .text
            .contains("The innermost paragraph says 41 ships sank in 1917."),
        "{:?}",
        deep.document.text
    );
    let lists = doc(&study, "unclosed-lists.html");
    assert_eq!(lists.document.title, "Lists");
    assert!(lists.document.text.contains("• level 19999"));
    assert!(
        lists
            .document
            .text
            .contains("The last item says 12 bridges opened in 2021.")
    );
    let broken = doc(&study, "unclosed-tags.html");
    let titles: Vec<_> = broken
        .document
        .sections
        .iter()
        .map(|s| s.title.as_str())
        .collect();
    assert!(titles.contains(&"Second part"), "{titles:?}");
    let world = doc(&study, "world-scripts.txt");
    for words in [
        "ارتفع النهر",
        "הנהר עלה",
        "河水在2019年上涨了3米。",
        "Река поднялась",
        "👩‍👩‍👧‍👦",
        "e\u{301}te\u{301}",
    ] {
        assert!(world.document.text.contains(words), "{words} lost");
    }
    let invisible = doc(&study, "invisible.txt");
    assert!(invisible.document.text.contains("grew 4"));
    let mixed = doc(&study, "mixed-endings.txt");
    assert!(!mixed.document.text.contains('\r'));
    assert!(
        mixed
            .document
            .text
            .contains("Line 299 says 3 ships sank in 1917.")
    );
    let invalid = doc(&study, "one-invalid-byte.txt");
    assert_eq!(invalid.document.encoding, "UTF-8");
    assert_eq!(invalid.document.text.matches('\u{FFFD}').count(), 1);
    assert!(!invalid.document.text.contains("Ã"), "no mojibake");
    let controls = doc(&study, "control-characters.txt");
    assert!(
        !controls
            .document
            .text
            .contains(['\0', '\u{7}', '\u{1b}', '\u{7f}'])
    );
}

#[test]
fn deep_html_is_read_without_the_tree_and_normal_pages_with_it() {
    use lectern::core::extract::{extract_html, html_nesting_cost};
    let deep = String::from_utf8(adversarial_cases::unclosed_list_html(20_000)).expect("utf-8");
    assert!(html_nesting_cost(&deep).is_pathological());
    let extracted = extract_html(&deep);
    assert_eq!(extracted.title.as_deref(), Some("Unclosed"));
    assert_eq!(extracted.headings.len(), 1);
    assert!(extracted.text.starts_with("Lists\n\n• level 0\n• level 1"));
    invariants::check_extracted(&extracted).expect("well formed");
    // Real pages (and 500 levels of closed divs) get the tree and its chrome removal.
    let page =
        std::fs::read_to_string(crate::support::fixture("docs/web-article.html")).expect("fixture");
    assert!(!html_nesting_cost(&page).is_pathological());
    let shallow = String::from_utf8(adversarial_cases::nested_html(500)).expect("utf-8");
    assert!(!html_nesting_cost(&shallow).is_pathological());
    let siblings = "<li>item ".repeat(50_000);
    assert_eq!(
        html_nesting_cost(&siblings).max_depth,
        0,
        "<li> closes <li>"
    );
}

#[test]
fn a_folder_of_ten_thousand_empty_files_lists_each_as_empty() {
    let dir = tempfile::tempdir().expect("temp dir");
    adversarial_cases::write_empty_files(dir.path(), 10_000).expect("write");
    std::fs::write(
        dir.path().join("real.txt"),
        adversarial_cases::CLAIM_SENTENCE,
    )
    .expect("write");
    let study = open_paths(&[dir.path()]);
    assert_eq!(study.documents.len(), 1);
    assert_eq!(study.skipped.len(), 10_000);
    assert!(
        study
            .skipped
            .iter()
            .all(|s| s.reason == SkipReason::Empty && s.reason.to_string() == "empty file")
    );
}

#[cfg(unix)]
#[test]
fn a_symlink_loop_is_reported_and_the_document_beside_it_loads() {
    let dir = tempfile::tempdir().expect("temp dir");
    adversarial_cases::write_symlink_loop(dir.path()).expect("write");
    let study = open_paths(&[dir.path()]);
    assert_well_formed(&study);
    assert_eq!(study.documents.len(), 1);
    assert_eq!(study.documents[0].document.path, "inner/doc.txt");
    let looped = study
        .skipped
        .iter()
        .find(|s| matches!(s.reason, SkipReason::SymlinkLoop(_)))
        .expect("the loop is listed");
    assert_eq!(looped.path, "inner/loop");
    assert!(looped.reason.to_string().starts_with("symbolic link loop"));
}

/// Lists a folder, lets `change` alter it, then reads what was listed: what happens when a
/// file changes between the listing and the reading (the loader's two steps).
fn load_after_change(
    files: &[(&str, &[u8])],
    max_file_bytes: u64,
    change: impl FnOnce(&Path),
) -> Vec<Result<lectern::core::document::Document, load::Skipped>> {
    let dir = temp_folder(files);
    let (listed, skipped) = load::discover(&[dir.path().to_path_buf()]);
    assert!(skipped.is_empty(), "{skipped:?}");
    change(dir.path());
    listed
        .iter()
        .map(|f| load::load_source(f, max_file_bytes))
        .collect()
}

#[test]
fn a_file_that_disappears_or_changes_while_being_read_is_skipped_with_its_reason() {
    let text = adversarial_cases::CLAIM_SENTENCE.as_bytes();
    let results = load_after_change(
        &[
            ("a-gone.txt", text),
            ("b-emptied.txt", text),
            ("c-binary.txt", text),
            ("d-grown.txt", text),
            ("e-kept.txt", text),
        ],
        4_096,
        |dir| {
            std::fs::remove_file(dir.join("a-gone.txt")).expect("remove");
            std::fs::write(dir.join("b-emptied.txt"), b"").expect("truncate");
            std::fs::write(dir.join("c-binary.txt"), b"\x89PNG\r\n\x1a\n\0\0").expect("replace");
            std::fs::write(dir.join("d-grown.txt"), vec![b'a'; 5_000]).expect("grow");
        },
    );
    let reasons: Vec<String> = results
        .iter()
        .map(|r| match r {
            Ok(d) => format!("loaded {}", d.path),
            Err(s) => format!("{}: {}", s.path, s.reason),
        })
        .collect();
    assert_eq!(
        reasons,
        [
            "a-gone.txt: could not be read: the file disappeared while being read",
            "b-emptied.txt: empty file",
            "c-binary.txt: binary file (not text)",
            "d-grown.txt: too large: 0.0 MB (the limit is 0 MB)",
            "loaded e-kept.txt",
        ]
    );
}

#[test]
fn a_file_that_cannot_be_read_is_listed_with_the_systems_reason() {
    let dir = temp_folder(&[
        ("ok.txt", adversarial_cases::CLAIM_SENTENCE.as_bytes()),
        ("locked.txt", adversarial_cases::CLAIM_SENTENCE.as_bytes()),
    ]);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let locked = dir.path().join("locked.txt");
        std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).expect("chmod");
        // Root (as in CI containers) reads whatever the permission bits say: then the file
        // loads. Anyone else gets the reason.
        let is_privileged = std::fs::read(&locked).is_ok();
        let study = open_paths(&[dir.path()]);
        if is_privileged {
            assert_eq!(study.documents.len(), 2);
        } else {
            let skipped = study
                .skipped
                .iter()
                .find(|s| s.path == "locked.txt")
                .expect("listed");
            assert_eq!(
                skipped.reason.to_string(),
                "could not be read: permission denied"
            );
        }
    }
    // A read that fails for everyone, root included: /proc/self/mem errors at offset 0.
    #[cfg(target_os = "linux")]
    {
        std::os::unix::fs::symlink("/proc/self/mem", dir.path().join("memory.txt"))
            .expect("symlink");
        let study = open_paths(&[dir.path()]);
        let skipped = study
            .skipped
            .iter()
            .find(|s| s.path == "memory.txt")
            .expect("the unreadable file is listed");
        assert!(
            skipped
                .reason
                .to_string()
                .starts_with("could not be read: "),
            "{}",
            skipped.reason
        );
        assert!(study.documents.iter().any(|d| d.document.path == "ok.txt"));
    }
}

#[test]
fn the_same_bytes_under_each_extension_load_or_say_why_not() {
    for case in adversarial_cases::file_cases(Scale::Small) {
        for format in [Format::Text, Format::Markdown, Format::Html] {
            match load::document_from_bytes(case.name, None, &case.bytes, format) {
                Ok(document) => invariants::check_document(&document)
                    .unwrap_or_else(|e| panic!("{} as {format:?}: {e}", case.name)),
                Err(reason) => assert!(
                    matches!(case.expect, Expect::Skipped(_)),
                    "{} as {format:?} skipped: {reason}",
                    case.name
                ),
            }
        }
    }
}

#[test]
fn the_small_cases_open_together_for_the_window() {
    // The set the UI tests can load: every case at a tenth of the size, in one folder.
    let study = assert_cases_load_as_expected(&adversarial_cases::file_cases(Scale::Small));
    assert_eq!(study.documents.len() + study.skipped.len(), 13);
}

#[test]
fn a_panic_in_one_documents_analysis_marks_it_and_the_study_goes_on() {
    use lectern::core::analysis::PANIC_IN_ANALYSIS_OF;
    let claim = "The Danube flooded 14 villages in 2013, the regional office reported.";
    let dir = temp_folder(&[
        ("boundary-a.txt", claim.as_bytes()),
        ("boundary-panics.txt", claim.as_bytes()),
        ("boundary-c.txt", claim.as_bytes()),
    ]);
    let failing_id = lectern::core::document::document_id("boundary-panics.txt");
    *PANIC_IN_ANALYSIS_OF.write().expect("hook") = Some(failing_id);
    let study = open_paths(&[dir.path()]);
    *PANIC_IN_ANALYSIS_OF.write().expect("hook") = None;

    let failed = doc(&study, "boundary-panics.txt");
    assert_eq!(
        failed.error.as_deref(),
        Some("could not be analysed: forced by the test hook")
    );
    assert_eq!(failed.claim_count(), 0);
    assert_eq!(failed.sections.len(), failed.document.sections.len());
    assert!(
        failed.document.text.contains("Danube"),
        "the text stays readable"
    );
    for path in ["boundary-a.txt", "boundary-c.txt"] {
        let d = doc(&study, path);
        assert_eq!(d.error, None);
        assert_eq!(d.claim_count(), 1, "{path}");
    }
    let failed_index = study
        .documents
        .iter()
        .position(|d| d.error.is_some())
        .expect("failed document");
    assert!(!study.relations.is_empty(), "the other two still relate");
    assert!(
        study
            .relations
            .iter()
            .all(|r| r.a.doc != failed_index && r.b.doc != failed_index)
    );
    let json = lectern::core::contract::AnalyzeOutput::from_study(&study);
    let failed_out = json
        .documents
        .iter()
        .find(|d| d.path == "boundary-panics.txt")
        .expect("in the JSON");
    assert_eq!(
        failed_out.error.as_deref(),
        Some("could not be analysed: forced by the test hook")
    );
}
