//! Sectioning: the seeds' outlines (insta snapshots) and fixtures with traps.

use lectern::core::analysis::AnalyzedDocument;

use crate::support::{doc, fixture, open_paths, seeds};

/// A readable outline: title, then each section with its level and the start of its body.
fn outline(d: &AnalyzedDocument) -> String {
    let doc = &d.document;
    let mut out = format!("title: {}\n", doc.title);
    for s in &doc.sections {
        let body = doc.slice(s.body);
        let start: String = body.chars().take(48).collect();
        out.push_str(&format!(
            "{}[{}] {:?} — {start}…\n",
            "  ".repeat(usize::from(s.level)),
            s.level,
            s.title
        ));
    }
    for r in &doc.references {
        let text: String = doc.reference_text(r).chars().take(48).collect();
        out.push_str(&format!("ref {}: {text}\n", r.label));
    }
    if !doc.removed_chrome.is_empty() {
        out.push_str(&format!("chrome removed: {:?}\n", doc.removed_chrome));
    }
    out
}

#[test]
fn seed_outlines() {
    let study = seeds();
    insta::assert_snapshot!("seed_1_outline", outline(&study.documents[0]));
    insta::assert_snapshot!("seed_2_outline", outline(&study.documents[1]));
}

#[test]
fn seed_two_chrome_is_kept_out_of_title_and_body() {
    let study = seeds();
    let d = &study.documents[1].document;
    assert_eq!(d.title, "North Korea and Russian Relations");
    assert_eq!(
        d.removed_chrome,
        vec!["Skip to main content", "Monthly Archives: September 2019"]
    );
    assert!(!d.text.contains("Skip to main content"));
    assert!(
        d.text
            .starts_with("North Korea and Russian Relations\n\nAs a founding member")
    );
}

#[test]
fn seed_two_reference_list_is_found_without_a_heading() {
    let study = seeds();
    let d = &study.documents[1].document;
    assert_eq!(d.references.len(), 9);
    assert_eq!(d.references[0].label, "1");
    assert!(
        d.reference_text(&d.references[0])
            .starts_with("United Nations Security Council")
    );
    assert!(
        d.reference_text(&d.references[7])
            .starts_with("Lukin, Artyom, “The Putin and Kim Rendezvous")
    );
    // No section body reaches into the reference list.
    let refs_start = d.references_span.expect("reference span").start;
    assert!(d.sections.iter().all(|s| s.body.end <= refs_start));
}

#[test]
fn plain_text_traps_short_sentence_list_references_chrome() {
    let study = open_paths(&[&fixture("docs")]);
    let d = &doc(&study, "field-report.txt").document;
    assert_eq!(d.title, "Field Report: Water Levels in the Lower Basin");
    assert_eq!(d.removed_chrome, vec!["Skip to main content", "Share this"]);
    let titles: Vec<_> = d
        .sections
        .iter()
        .map(|s| (s.title.as_str(), s.level))
        .collect();
    // "It rained." (short sentence), the list items and "Short line here" are not headings.
    assert_eq!(
        titles,
        vec![
            ("", 1),
            ("1. Method", 2),
            ("2. Results", 2),
            ("Why It Matters", 2)
        ]
    );
    let labels: Vec<_> = d.references.iter().map(|r| r.label.as_str()).collect();
    assert_eq!(labels, vec!["1", "2"]);
    assert!(d.reference_text(&d.references[1]).starts_with("Lee, M."));
    assert!(
        !d.sections
            .iter()
            .any(|s| d.slice(s.body).contains("Gauge Network Handbook"))
    );
}

#[test]
fn markdown_and_html_headings_give_sections_with_levels() {
    let study = open_paths(&[&fixture("docs")]);
    let md = &doc(&study, "notes.md").document;
    let titles: Vec<_> = md
        .sections
        .iter()
        .map(|s| (s.title.as_str(), s.level))
        .collect();
    assert!(titles.iter().all(|(_, level)| (1..=6).contains(level)));
    assert!(
        titles
            .iter()
            .any(|(t, level)| *t == "Causes" && *level == 2),
        "{titles:?}"
    );
    assert!(
        !titles.iter().any(|(t, _)| *t == "References"),
        "the reference heading is not a body section"
    );
    let html = &doc(&study, "web-article.html").document;
    let titles: Vec<_> = html
        .sections
        .iter()
        .map(|s| (s.title.as_str(), s.level))
        .collect();
    assert!(
        titles
            .iter()
            .any(|(t, level)| *t == "Why the route came back" && *level == 2),
        "{titles:?}"
    );
    assert!(!html.text.contains("Share this"), "share block dropped");
}

#[test]
fn section_spans_are_ordered_on_char_boundaries_and_inside_the_text() {
    let mut study = seeds();
    study
        .documents
        .extend(open_paths(&[&fixture("docs")]).documents);
    for d in &study.documents {
        let doc = &d.document;
        let mut last_end = 0;
        for s in &doc.sections {
            assert!(
                s.body.start >= last_end
                    && s.body.start <= s.body.end
                    && s.body.end <= doc.text.len(),
                "{}: {s:?}",
                doc.path
            );
            assert!(
                doc.text.is_char_boundary(s.body.start) && doc.text.is_char_boundary(s.body.end)
            );
            last_end = s.body.end;
        }
    }
}
