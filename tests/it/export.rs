//! Study reports: Markdown, HTML and CSV of the seeds with a person's verdicts, notes, tags,
//! a dismissal, an own claim, notes and items needing review; `lectern export`.

use lectern::core::analysis::{ClaimRef, Study};
use lectern::core::document::Span;
use lectern::core::report::{
    ReportFormat, ReportOptions, ReviewTarget, build_report, render_report,
};
use lectern::core::workspace::{Orphan, Verdict, Workspace};

use crate::support::{fixture, run_cli, seeds};

/// The first claim whose sentence starts with `prefix`.
fn claim_starting(study: &Study, prefix: &str) -> ClaimRef {
    study
        .claim_refs()
        .find(|r| study.sentence_text(*r).starts_with(prefix))
        .unwrap_or_else(|| panic!("no claim starting with {prefix:?}"))
}

/// Tracks the detected claim at `r` and returns its item.
fn track(study: &Study, ws: &mut Workspace, r: ClaimRef) -> lectern::core::workspace::ItemId {
    let d = &study.documents[r.doc];
    let sentence = study.sentence(r).expect("sentence");
    let id = &sentence.claim.as_ref().expect("claim").id;
    ws.track_detected_claim(&d.workspace_input(), id, sentence.span)
        .expect("track")
}

/// The seeds with a small study on them: verdicts, a note, tags, a dismissal, an own claim,
/// section, document and notebook notes, and two items that need review.
fn studied_seeds() -> (Study, Workspace, Vec<Orphan>) {
    let study = seeds();
    let mut ws = study.new_workspace();
    let russia = &study.documents[0];
    let relations = &study.documents[1];

    let exports = claim_starting(&study, "In 2020, North Korea’s exports");
    let item = track(&study, &mut ws, exports);
    ws.set_verdict(item, Verdict::NeedsSource).expect("verdict");
    ws.add_tag(item, "trade").expect("tag");
    ws.add_tag(item, "figures").expect("tag");
    ws.set_claim_note(
        item,
        "Which source gives **10%**? Compare with <b>KOTRA</b>.\n\n- check 2019 too",
    )
    .expect("note");

    let imports = claim_starting(&study, "In 2018, Chinese imports");
    let item = track(&study, &mut ws, imports);
    ws.set_verdict(item, Verdict::Supported).expect("verdict");

    let conference = claim_starting(&study, "At the 2018 Moscow Conference");
    let item = track(&study, &mut ws, conference);
    ws.set_verdict(item, Verdict::Disputed).expect("verdict");
    ws.set_claim_note(item, "The quote is not in the transcript.")
        .expect("note");

    let dismissed = study
        .claim_refs()
        .find(|r| r.doc == 1)
        .expect("a claim in the second seed");
    let item = track(&study, &mut ws, dismissed);
    ws.dismiss(item).expect("dismiss");

    // The person's own claim: a sentence Lectern did not pick.
    let input = russia.workspace_input();
    let own_sentence = russia
        .sections
        .iter()
        .flat_map(|s| &s.sentences)
        .find(|s| s.claim.is_none() && s.span.len_bytes() > 40)
        .expect("a sentence without a claim");
    let own = ws
        .add_own_claim(&input, own_sentence.span)
        .expect("own claim");
    ws.set_verdict(own, Verdict::Unsupported).expect("verdict");
    ws.set_claim_note(own, "Marked by hand.").expect("note");

    // An item whose text has gone from the document: it must still be in every report.
    let gone = ws
        .add_own_claim(
            &input,
            Span::new(own_sentence.span.start, own_sentence.span.start + 20),
        )
        .expect("own claim");
    let record = ws.claims.iter_mut().find(|c| c.id == gone).expect("record");
    record.anchor.quote = "Pyongyang signed a treaty with Moscow in 1999.".to_owned();
    record.anchor.prefix = "zzz ".to_owned();
    record.anchor.suffix = " zzz".to_owned();
    record.note = "Where did this go?".to_owned();

    let section = &russia.document.sections[1];
    ws.set_section_note(
        &russia.document.id,
        std::slice::from_ref(&section.title),
        "Read with the 2019 report.",
    )
    .expect("section note");
    ws.set_section_note(
        &russia.document.id,
        &["A Section That Was Renamed".to_owned()],
        "Orphaned section note.",
    )
    .expect("section note");
    ws.set_document_note(&relations.document.id, "Student essay; uses footnotes.")
        .expect("document note");
    let exports_id = &study.claim(exports).expect("claim").id;
    ws.set_notebook(&format!(
        "# Findings\n\nTrade figures disagree: [the exports claim](lectern://claim/{exports_id}).\n\n<script>alert(1)</script>\n"
    ))
    .expect("notebook");

    let report = study.attach(&mut ws);
    (study, ws, report.orphans)
}

fn options() -> ReportOptions {
    ReportOptions {
        title: "North Korea and Russia".to_owned(),
        generated: None,
    }
}

fn render(format: ReportFormat) -> String {
    let (study, ws, orphans) = studied_seeds();
    render_report(&study, &ws, &orphans, &options(), format)
}

#[test]
fn markdown_report_of_the_seeds() {
    insta::assert_snapshot!("seeds_report_md", render(ReportFormat::Markdown));
}

#[test]
fn html_report_of_the_seeds() {
    insta::assert_snapshot!("seeds_report_html", render(ReportFormat::Html));
}

#[test]
fn csv_report_of_the_seeds() {
    insta::assert_snapshot!("seeds_report_csv", render(ReportFormat::Csv));
}

#[test]
fn the_same_study_gives_the_same_bytes() {
    for format in ReportFormat::ALL {
        assert_eq!(render(format), render(format), "{format:?}");
    }
}

#[test]
fn nothing_the_person_made_is_left_out() {
    let (study, ws, orphans) = studied_seeds();
    assert_eq!(orphans.len(), 2, "{orphans:?}");
    let report = build_report(&study, &ws, &orphans, &options());
    assert_eq!(report.needs_review.len(), 2);
    assert!(report.needs_review.iter().any(|i| matches!(
        &i.target,
        ReviewTarget::Claim(c) if c.note == "Where did this go?" && c.is_own
    )));
    for format in ReportFormat::ALL {
        let text = render_report(&study, &ws, &orphans, &options(), format);
        let mut needles = vec![
            "Where did this go?",
            "Pyongyang signed a treaty with Moscow in 1999.",
            "Marked by hand.",
            "The quote is not in the transcript.",
        ];
        // The CSV has claims only; the reports have every note.
        if format != ReportFormat::Csv {
            needles.extend([
                "Orphaned section note.",
                "Read with the 2019 report.",
                "Student essay; uses footnotes.",
            ]);
        }
        for needle in needles {
            assert!(text.contains(needle), "{format:?} lacks {needle:?}");
        }
    }
    let summary = &report.summary;
    assert_eq!(summary.own_claims, 1);
    assert_eq!(summary.dismissed, 1);
    assert_eq!(summary.detected_claims, study.claim_count());
    let count = |v: Verdict| {
        summary
            .verdicts
            .iter()
            .find(|(x, _)| *x == v)
            .map_or(0, |(_, n)| *n)
    };
    assert_eq!(count(Verdict::Disputed), 1);
    assert_eq!(count(Verdict::Unsupported), 1);
}

#[test]
fn csv_parses_back_with_one_row_per_claim() {
    let (study, ws, orphans) = studied_seeds();
    let text = render_report(&study, &ws, &orphans, &options(), ReportFormat::Csv);
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let header = reader.headers().expect("header").clone();
    assert_eq!(
        &header[0], "document",
        "the byte order mark is not part of the header"
    );
    let column = |name: &str| {
        header
            .iter()
            .position(|h| h == name)
            .unwrap_or_else(|| panic!("no column {name}"))
    };
    let rows: Vec<csv::StringRecord> = reader
        .records()
        .collect::<Result<_, _>>()
        .expect("RFC 4180 rows");
    // Detected claims + the own claim + the claim needing review.
    assert_eq!(rows.len(), study.claim_count() + 2);
    assert!(rows.iter().all(|r| r.len() == header.len()));
    let exports = rows
        .iter()
        .find(|r| r[column("text")].starts_with("In 2020, North Korea’s exports"))
        .expect("exports row");
    assert_eq!(&exports[column("verdict")], "Needs source");
    assert_eq!(&exports[column("tags")], "figures; trade");
    assert!(
        exports[column("note")].contains("\n\n- check 2019 too"),
        "line breaks survive"
    );
    assert_eq!(&exports[column("origin")], "detected");
    let own = rows
        .iter()
        .find(|r| &r[column("origin")] == "own" && r[column("needs_review")].is_empty())
        .expect("own row");
    assert_eq!(&own[column("verdict")], "Unsupported");
    let dismissed = rows
        .iter()
        .filter(|r| &r[column("dismissed")] == "yes")
        .count();
    assert_eq!(dismissed, 1);
    let related: usize = rows
        .iter()
        .map(|r| r[column("related")].parse::<usize>().expect("a count"))
        .sum();
    assert_eq!(
        related,
        2 * study.relations.len(),
        "each pair counted on both sides"
    );
}

#[test]
fn html_is_self_contained_escaped_and_printable() {
    let html = render(ReportFormat::Html);
    let lower = html.to_lowercase();
    for resource in [
        "<script", "<link", "<img", "<iframe", "<object", "<embed", "src=", "url(", "@import",
    ] {
        assert!(
            !lower.contains(resource),
            "HTML refers to a resource: {resource}"
        );
    }
    assert!(html.contains("@media print"));
    assert!(
        html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
        "raw HTML in a note is text"
    );
    assert!(html.contains("&lt;b&gt;KOTRA&lt;/b&gt;"));
    assert!(
        html.contains("<strong>10%</strong>"),
        "notes are rendered Markdown"
    );
    // The notebook's link back to a claim leads to the claim in the report.
    let (study, ..) = studied_seeds();
    let exports = claim_starting(&study, "In 2020, North Korea’s exports");
    let id = &study.claim(exports).expect("claim").id;
    assert!(html.contains(&format!("href=\"#claim-{id}\"")));
    assert!(html.contains(&format!("id=\"claim-{id}\"")));
}

#[test]
fn markdown_keeps_the_persons_markdown_and_escapes_the_documents() {
    let md = render(ReportFormat::Markdown);
    assert!(
        md.contains("> # Findings"),
        "the notebook is quoted, not a report heading"
    );
    assert!(md.contains("    > Which source gives **10%**?"));
    assert!(md.contains("## Needs review (2)"));
    assert!(md.ends_with('\n') && !md.ends_with("\n\n"));
}

#[test]
fn a_date_appears_only_when_given() {
    let (study, ws, orphans) = studied_seeds();
    let dated = ReportOptions {
        generated: Some("2026-11-23".to_owned()),
        ..options()
    };
    let md = render_report(&study, &ws, &orphans, &dated, ReportFormat::Markdown);
    assert!(md.contains("Generated 2026-11-23."));
    assert!(!render(ReportFormat::Markdown).contains("Generated"));
}

#[test]
fn export_writes_the_report_file() {
    let dir = tempfile::tempdir().expect("tmp");
    let v1 = fixture("workspaces/v1.lectern.ron");
    let v1 = v1.to_str().expect("utf8");
    for (format, name) in [("md", "r.md"), ("html", "r.html"), ("csv", "r.csv")] {
        let out_path = dir.path().join(name);
        let out = run_cli(
            &[
                "export",
                v1,
                "--allow-outside",
                "--format",
                format,
                "-o",
                out_path.to_str().expect("utf8"),
            ],
            "",
        );
        assert!(
            out.status.success(),
            "{format}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(out.stdout.is_empty());
        let text = std::fs::read_to_string(&out_path).expect("report written");
        assert!(
            text.contains("Which source gives 10%?"),
            "{format}: the fixture's note is in the report"
        );
    }
    let md = std::fs::read_to_string(dir.path().join("r.md")).expect("md");
    assert!(md.starts_with("# v1\n"), "titled after the workspace file");
    // The format follows the output's extension; stdout without -o.
    let html_path = dir.path().join("guess.html");
    let out = run_cli(
        &[
            "export",
            v1,
            "--allow-outside",
            "-o",
            html_path.to_str().expect("utf8"),
        ],
        "",
    );
    assert!(out.status.success());
    assert!(
        std::fs::read_to_string(&html_path)
            .expect("html")
            .starts_with("<!DOCTYPE html>")
    );
    let out = run_cli(&["export", v1, "--allow-outside", "--format", "csv"], "");
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stdout).contains("claim_id"));
}

#[test]
fn export_failures_exit_like_the_other_commands() {
    let out = run_cli(
        &["export", "/no/such/study.lectern.ron", "--format", "md"],
        "",
    );
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(String::from_utf8_lossy(&out.stderr).lines().count(), 1);
    let v1 = fixture("workspaces/v1.lectern.ron");
    let out = run_cli(
        &["export", v1.to_str().expect("utf8"), "-o", "report.txt"],
        "",
    );
    assert_eq!(
        out.status.code(),
        Some(1),
        "no format and an extension that says none"
    );
    assert!(String::from_utf8_lossy(&out.stderr).contains("--format"));
    let out = run_cli(
        &["export", v1.to_str().expect("utf8"), "--format", "pdf"],
        "",
    );
    assert_eq!(out.status.code(), Some(2), "usage error");
}

#[test]
fn verbose_prints_the_log_on_stderr() {
    for args in [
        ["--verbose", "analyze", "--format", "stats"],
        ["analyze", "--format", "stats", "-v"],
    ] {
        let out = run_cli(&args, "");
        assert!(out.status.success(), "{args:?}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            stderr.contains("opened 2 document(s)"),
            "{args:?}: {stderr}"
        );
    }
    let out = run_cli(&["analyze", "--format", "stats"], "");
    assert!(out.stderr.is_empty(), "quiet without --verbose");
}
