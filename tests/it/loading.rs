//! Loading: every format, every encoding, every kind of skipped file, nested folders.

use lectern::core::analysis::{OpenOptions, Source};
use lectern::core::load::SkipReason;

use crate::support::{doc, fixture, open_paths, open_with, temp_folder};

fn utf16(text: &str, little_endian: bool) -> Vec<u8> {
    let mut out = if little_endian {
        vec![0xFF, 0xFE]
    } else {
        vec![0xFE, 0xFF]
    };
    for unit in text.encode_utf16() {
        out.extend(if little_endian {
            unit.to_le_bytes()
        } else {
            unit.to_be_bytes()
        });
    }
    out
}

#[test]
fn each_format_loads_with_title_and_sections() {
    let study = open_paths(&[&fixture("docs")]);
    let html = doc(&study, "web-article.html");
    assert_eq!(
        html.document.title,
        "Night trains return to the Alps after a six-year pause"
    );
    assert!(
        !html.document.text.contains("cookie"),
        "cookie banner must be dropped"
    );
    assert!(!html.document.text.contains("<"), "no markup in the text");
    let md = doc(&study, "notes.md");
    assert_eq!(md.document.title, "Urban heat islands");
    assert!(
        !md.document.text.contains("**") && !md.document.text.contains("]("),
        "no Markdown symbols"
    );
    assert_eq!(md.document.references.len(), 3);
    let txt_dir = temp_folder(&[(
        "a.txt",
        b"Plain Title\n\nSome text here.\n\nA Heading\n\nMore text.",
    )]);
    let study = open_paths(&[txt_dir.path()]);
    let txt = doc(&study, "a.txt");
    assert_eq!(txt.document.title, "Plain Title");
    let titles: Vec<_> = txt
        .document
        .sections
        .iter()
        .map(|s| s.title.as_str())
        .collect();
    assert_eq!(titles, vec!["", "A Heading"]);
}

#[test]
fn every_encoding_reads_without_mojibake() {
    let text = "Café Title\n\nThe naïve café’s crème brûlée costs €5 — “really”.";
    let cp1252 = b"Caf\xE9 Title\n\nThe na\xEFve caf\xE9\x92s cr\xE8me br\xFBl\xE9e costs \x805 \x97 \x93really\x94.".to_vec();
    let latin1 = b"Caf\xE9 Title\n\nThe na\xEFve caf\xE9 cr\xE8me br\xFBl\xE9e co\xFBte cinq euros, tr\xE8s cher.".to_vec();
    let mut bom = b"\xEF\xBB\xBF".to_vec();
    bom.extend(text.as_bytes());
    let crlf = text.replace('\n', "\r\n");
    let dir = temp_folder(&[
        ("1-utf8.txt", text.as_bytes()),
        ("2-utf8-bom.txt", &bom),
        ("3-utf16le.txt", &utf16(text, true)),
        ("4-utf16be.txt", &utf16(text, false)),
        ("5-windows-1252.txt", &cp1252),
        ("6-latin1.txt", &latin1),
        ("7-crlf.txt", crlf.as_bytes()),
    ]);
    let study = open_paths(&[dir.path()]);
    assert!(study.skipped.is_empty(), "{:?}", study.skipped);
    assert_eq!(study.documents.len(), 7);
    for d in &study.documents {
        assert_eq!(d.document.title, "Café Title", "{}", d.document.path);
        assert!(
            !d.document.text.contains('\r'),
            "{}: line endings normalised",
            d.document.path
        );
        assert!(
            !d.document.text.contains('\u{FFFD}') && !d.document.text.contains("Ã"),
            "{}: mojibake",
            d.document.path
        );
        if d.document.path != "6-latin1.txt" {
            assert!(
                d.document
                    .text
                    .contains("crème brûlée costs €5 — “really”."),
                "{}: {:?}",
                d.document.path,
                d.document.text
            );
        }
    }
    assert!(
        doc(&study, "6-latin1.txt")
            .document
            .text
            .contains("crème brûlée coûte cinq euros, très cher.")
    );
    assert_eq!(doc(&study, "3-utf16le.txt").document.encoding, "UTF-16LE");
    assert_eq!(
        doc(&study, "5-windows-1252.txt").document.encoding,
        "windows-1252"
    );
}

#[test]
fn bad_files_are_skipped_with_reasons_and_the_rest_loads() {
    let big = "Big Title\n\nWords here.\n".repeat(200);
    let dir = temp_folder(&[
        ("good.txt", b"Good Title\n\nA fine sentence."),
        ("image.txt", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0"),
        ("report.pdf", b"%PDF-1.4"),
        ("README", b"no extension"),
        ("empty.md", b""),
        ("blank.txt", b"  \n\n\t\n"),
        ("big.txt", big.as_bytes()),
    ]);
    #[cfg(unix)]
    std::os::unix::fs::symlink(dir.path().join("gone.txt"), dir.path().join("dangling.txt"))
        .expect("symlink");
    let study = open_with(
        Source::Paths(vec![dir.path().to_path_buf()]),
        OpenOptions {
            max_file_bytes: 1000,
        },
    );
    let paths: Vec<_> = study
        .documents
        .iter()
        .map(|d| d.document.path.as_str())
        .collect();
    assert_eq!(paths, vec!["good.txt"]);
    let reason = |p: &str| {
        study
            .skipped
            .iter()
            .find(|s| s.path == p)
            .map(|s| s.reason.clone())
            .unwrap_or_else(|| panic!("{p} not skipped: {:?}", study.skipped))
    };
    assert_eq!(reason("image.txt"), SkipReason::Binary);
    assert_eq!(
        reason("report.pdf"),
        SkipReason::UnsupportedExtension("pdf".into())
    );
    assert_eq!(reason("README"), SkipReason::NoExtension);
    assert_eq!(reason("empty.md"), SkipReason::Empty);
    assert_eq!(reason("blank.txt"), SkipReason::Empty);
    assert!(matches!(reason("big.txt"), SkipReason::TooLarge { .. }));
    #[cfg(unix)]
    assert!(matches!(reason("dangling.txt"), SkipReason::Unreadable(_)));
    // Reasons read as sentences a person understands.
    assert_eq!(
        reason("report.pdf").to_string(),
        "unsupported file type “.pdf” (Lectern reads .txt, .md and .html)"
    );
    assert!(reason("big.txt").to_string().starts_with("too large"));
}

#[test]
fn folders_are_walked_recursively_sorted_and_hidden_entries_skipped() {
    let dir = temp_folder(&[
        ("b.txt", b"B Title\n\nText b."),
        ("a/z.txt", b"Z Title\n\nText z."),
        ("a/deeper/c.md", b"# C Title\n\nText c."),
        (".hidden.txt", b"Hidden\n\nSecret."),
        (".git/config.txt", b"Nope\n\nNope."),
    ]);
    let study = open_paths(&[dir.path()]);
    let paths: Vec<_> = study
        .documents
        .iter()
        .map(|d| d.document.path.as_str())
        .collect();
    assert_eq!(paths, vec!["a/deeper/c.md", "a/z.txt", "b.txt"]);
    assert!(study.skipped.is_empty());
    // Ids are stable: the same folder opened twice gives the same ids and hashes.
    let again = open_paths(&[dir.path()]);
    let ids = |s: &lectern::core::analysis::Study| {
        s.documents
            .iter()
            .map(|d| (d.document.id.clone(), d.document.hash.clone()))
            .collect::<Vec<_>>()
    };
    assert_eq!(ids(&study), ids(&again));
}

#[cfg(unix)]
#[test]
fn a_symlink_loop_is_survived_and_reported() {
    let dir = temp_folder(&[("docs/one.txt", b"One Title\n\nText one.")]);
    std::os::unix::fs::symlink(dir.path().join("docs"), dir.path().join("docs/loop"))
        .expect("symlink");
    let study = open_paths(&[dir.path()]);
    assert_eq!(study.documents.len(), 1);
    assert!(
        study
            .skipped
            .iter()
            .any(|s| matches!(s.reason, SkipReason::SymlinkLoop(_))),
        "{:?}",
        study.skipped
    );
}

#[test]
fn files_and_folders_mix_and_a_file_given_twice_loads_once() {
    let dir = temp_folder(&[
        ("x/one.txt", b"One Title\n\nText."),
        ("two.md", b"# Two\n\nText."),
    ]);
    let one = dir.path().join("x/one.txt");
    let study = open_paths(&[&one, dir.path(), &one]);
    let paths: Vec<_> = study
        .documents
        .iter()
        .map(|d| d.document.path.as_str())
        .collect();
    assert_eq!(paths, vec!["one.txt", "two.md"]);
}

#[test]
fn seeds_are_embedded_and_byte_identical_to_the_shared_copies() {
    for seed in lectern::core::seeds::SEEDS {
        let on_disk = std::fs::read(
            std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("seeds")
                .join(seed.name),
        )
        .expect("seed file");
        assert_eq!(on_disk, seed.bytes, "{}", seed.name);
    }
    let study = crate::support::seeds();
    assert_eq!(study.documents.len(), 2);
    assert!(study.skipped.is_empty());
}

#[test]
fn the_document_list_comes_before_the_analysis_and_names_every_loaded_file() {
    use std::sync::Mutex;
    use std::sync::atomic::{AtomicBool, Ordering};

    use lectern::core::analysis::{Progress, Stage, open_study_listing};

    let dir = temp_folder(&[
        ("a.txt", b"First Report\n\nTrade rose 5% in 2019."),
        (
            "b.md",
            b"# Second Report\n\n## Exports\n\nExports fell in 2020.",
        ),
        ("b0.txt", b""),
        (
            "c.txt",
            b"Third Report\n\nOfficials said the port reopened.",
        ),
    ]);
    let progress = Progress::default();
    let listed: Mutex<Vec<(usize, String, usize, Stage)>> = Mutex::new(Vec::new());
    let study = open_study_listing(
        &Source::Paths(vec![dir.path().to_path_buf()]),
        OpenOptions::default(),
        &progress,
        &AtomicBool::new(false),
        &|position, document| {
            if let Ok(mut listed) = listed.lock() {
                listed.push((
                    position,
                    document.title.clone(),
                    document.sections.len(),
                    progress.stage(),
                ));
            }
        },
    )
    .expect("not cancelled");
    let mut listed = listed.into_inner().expect("lock");
    listed.sort_by_key(|l| l.0);
    // Reported while loading, with title and sections, before any sentence is analysed.
    assert!(listed.iter().all(|l| l.3 == Stage::Loading), "{listed:?}");
    let titles: Vec<_> = listed.iter().map(|l| l.1.as_str()).collect();
    let study_titles: Vec<_> = study
        .documents
        .iter()
        .map(|d| d.document.title.as_str())
        .collect();
    assert_eq!(titles, study_titles);
    assert_eq!(
        titles,
        vec!["First Report", "Second Report", "Third Report"]
    );
    for (l, d) in listed.iter().zip(&study.documents) {
        assert_eq!(l.2, d.document.sections.len());
    }
    // Positions are places among the files found: the empty one, skipped, keeps its place.
    let positions: Vec<_> = listed.iter().map(|l| l.0).collect();
    assert_eq!(positions, vec![0, 1, 3]);

    // Cancelling from the callback stops the opening.
    let cancel = AtomicBool::new(false);
    let result = open_study_listing(
        &Source::Paths(vec![dir.path().to_path_buf()]),
        OpenOptions::default(),
        &Progress::default(),
        &cancel,
        &|_, _| cancel.store(true, Ordering::Relaxed),
    );
    assert!(result.is_err());
}
