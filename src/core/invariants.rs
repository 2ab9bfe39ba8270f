//! The promises every stage of the engine keeps, whatever its input: one checker per stage.
//!
//! Each `check_*` function takes raw bytes (as a fuzzer produces them), runs one stage of the
//! engine on them and returns `Err` with a description when an output breaks a promise: a
//! span off a UTF-8 boundary, out of order, overlapping or outside its text; a skip reason or
//! error without words or position; a save → open round trip that does not return what was
//! saved. The fuzz targets in `fuzz/` call these, and so do the ordinary tests (over the
//! committed fuzz corpus and the adversarial documents), so both hold the engine to the same
//! rules. Hidden from the docs: this is test machinery, not part of the engine's API.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

use crate::core::analysis::{
    AnalyzedDocument, SectionAnalysis, analyze_document_guarded, analyze_sections, explain_claim,
};
use crate::core::claims::{self, ClaimKinds, Cue};
use crate::core::decode::normalise_text;
use crate::core::document::{Document, Format, Span};
use crate::core::extract::{Extracted, extract_html, extract_markdown};
use crate::core::load::{document_from_bytes, format_of};
use crate::core::relations::{ClaimText, find_relations};
use crate::core::sentences::split_sentences;
use crate::core::structure::{MarkedHeading, Structured, structure_document};
use crate::core::workspace::{
    self, Anchor, ClaimOrigin, ClaimRecord, DocumentInput, REATTACH_THRESHOLD, SectionNote,
    SectionOutline, Stage, Verdict, Workspace, WorkspaceError,
};

/// The result of one check: `Err` names the broken promise.
pub type Checked = Result<(), String>;

/// Fails with `message` unless `condition` holds.
fn ensure(condition: bool, message: impl FnOnce() -> String) -> Checked {
    if condition { Ok(()) } else { Err(message()) }
}

/// Checks that `spans` lie inside `text`, on character boundaries, each non-empty unless
/// `allow_empty`, in order and without overlapping.
pub fn check_spans(
    what: &str,
    text: &str,
    spans: impl IntoIterator<Item = Span>,
    allow_empty: bool,
) -> Checked {
    let mut previous_end = 0usize;
    for (index, span) in spans.into_iter().enumerate() {
        ensure(span.start <= span.end, || {
            format!("{what} #{index}: reversed span {span:?}")
        })?;
        ensure(span.end <= text.len(), || {
            format!(
                "{what} #{index}: {span:?} ends past the text ({} bytes)",
                text.len()
            )
        })?;
        ensure(
            text.is_char_boundary(span.start) && text.is_char_boundary(span.end),
            || format!("{what} #{index}: {span:?} splits a character"),
        )?;
        ensure(allow_empty || span.start < span.end, || {
            format!("{what} #{index}: empty span {span:?}")
        })?;
        ensure(span.start >= previous_end, || {
            format!(
                "{what} #{index}: {span:?} overlaps or precedes the previous one (ended at {previous_end})"
            )
        })?;
        previous_end = span.end;
    }
    Ok(())
}

/// Checks one span alone: inside `text` and on character boundaries.
fn check_span(what: &str, text: &str, span: Span) -> Checked {
    check_spans(what, text, [span], true)
}

/// The text of the input, as a person's file would be read after decoding.
fn lossy(data: &[u8]) -> String {
    String::from_utf8_lossy(data).into_owned()
}

// ------------------------------------------------------------------------------------------
// Loading
// ------------------------------------------------------------------------------------------

/// The loader: the bytes as a `.txt`, a `.md` and an `.html` file each give a document that
/// keeps [`check_document`]'s promises, or a skip reason with words.
pub fn check_loader(data: &[u8]) -> Checked {
    for name in ["fuzz.txt", "fuzz.md", "fuzz.html"] {
        let format = format_of(Path::new(name)).map_err(|e| format!("{name}: {e}"))?;
        match document_from_bytes(name, None, data, format) {
            Ok(document) => check_document(&document).map_err(|e| format!("{name}: {e}"))?,
            Err(reason) => ensure(!reason.to_string().trim().is_empty(), || {
                format!("{name}: skip reason without words: {reason:?}")
            })?,
        }
    }
    // Names Lectern does not read are refused with a reason, never read.
    for name in ["fuzz.pdf", "fuzz", "fuzz."] {
        match format_of(Path::new(name)) {
            Ok(format) => return Err(format!("{name} read as {format:?}")),
            Err(reason) => ensure(!reason.to_string().trim().is_empty(), || {
                format!("{name}: skip reason without words")
            })?,
        }
    }
    Ok(())
}

/// A loaded document: normalised text (no `\r`, no control characters but tab and newline),
/// a title, sections in order inside the text with their headings before their bodies,
/// reference entries inside the reference list, and that list after every section.
pub fn check_document(document: &Document) -> Checked {
    let text = &document.text;
    ensure(!text.trim().is_empty(), || {
        "a document without text".to_owned()
    })?;
    if let Some(bad) = text
        .chars()
        .find(|&c| c.is_control() && c != '\n' && c != '\t')
    {
        return Err(format!("control character {bad:?} in the normalised text"));
    }
    ensure(!document.title.trim().is_empty(), || {
        "a document without a title".to_owned()
    })?;
    ensure(!document.title.contains('\n'), || {
        format!("a title with a line break: {:?}", document.title)
    })?;
    check_sections_and_references(
        text,
        &Structured {
            text: String::new(),
            title: None,
            sections: document.sections.clone(),
            references: document.references.clone(),
            references_span: document.references_span,
            removed_chrome: Vec::new(),
        },
    )
}

/// Sections and references of `text` (the `text` field of `structured` is ignored).
fn check_sections_and_references(text: &str, structured: &Structured) -> Checked {
    let mut parts = Vec::new();
    for (index, section) in structured.sections.iter().enumerate() {
        ensure((1..=6).contains(&section.level), || {
            format!("section #{index}: level {}", section.level)
        })?;
        ensure(!section.title.contains('\n'), || {
            format!(
                "section #{index}: title with a line break {:?}",
                section.title
            )
        })?;
        if let Some(heading) = section.heading {
            parts.push(heading);
        }
        parts.push(section.body);
    }
    check_spans("section heading or body", text, parts.iter().copied(), true)?;
    if let Some(list) = structured.references_span {
        check_span("reference list", text, list)?;
        if let Some(last) = parts.last() {
            ensure(last.end <= list.start, || {
                format!("a section ({last:?}) runs into the reference list ({list:?})")
            })?;
        }
        for (index, reference) in structured.references.iter().enumerate() {
            ensure(
                reference.span.start >= list.start && reference.span.end <= list.end,
                || {
                    format!(
                        "reference #{index} {:?} outside its list {list:?}",
                        reference.span
                    )
                },
            )?;
        }
    } else {
        ensure(structured.references.is_empty(), || {
            "references without a reference list".to_owned()
        })?;
    }
    check_spans(
        "reference",
        text,
        structured.references.iter().map(|r| r.span),
        false,
    )?;
    for (index, reference) in structured.references.iter().enumerate() {
        ensure(!reference.label.trim().is_empty(), || {
            format!("reference #{index} without a label")
        })?;
    }
    Ok(())
}

// ------------------------------------------------------------------------------------------
// Extraction and structure
// ------------------------------------------------------------------------------------------

/// HTML extraction of the bytes (read as UTF-8, bad bytes replaced).
pub fn check_html(data: &[u8]) -> Checked {
    check_extracted(&extract_html(&normalise_text(&lossy(data))))
}

/// Markdown extraction of the bytes (read as UTF-8, bad bytes replaced).
pub fn check_markdown(data: &[u8]) -> Checked {
    check_extracted(&extract_markdown(&normalise_text(&lossy(data))))
}

/// Extracted text: no trailing whitespace on any line or at the end, no leading blank line,
/// at most one blank line in a row; headings trimmed, in order, inside, levels 1–6.
pub fn check_extracted(extracted: &Extracted) -> Checked {
    let text = &extracted.text;
    ensure(text.trim_end() == text, || "trailing whitespace".to_owned())?;
    ensure(!text.starts_with('\n'), || "leading blank line".to_owned())?;
    ensure(!text.contains("\n\n\n"), || {
        "more than one blank line in a row".to_owned()
    })?;
    if let Some(line) = text.lines().find(|line| line.trim_end() != *line) {
        return Err(format!("line with trailing whitespace: {line:?}"));
    }
    if let Some(bad) = text
        .chars()
        .chain(extracted.title.iter().flat_map(|t| t.chars()))
        .find(|&c| c.is_control() && c != '\n' && c != '\t')
    {
        return Err(format!("control character {bad:?} in the text or title"));
    }
    let spans: Vec<Span> = extracted
        .headings
        .iter()
        .map(|h| Span::new(h.start, h.end))
        .collect();
    check_spans("heading", text, spans.iter().copied(), false)?;
    for (heading, span) in extracted.headings.iter().zip(&spans) {
        ensure((1..=6).contains(&heading.level), || {
            format!("heading level {}", heading.level)
        })?;
        let slice = span.slice(text);
        ensure(slice.trim() == slice, || {
            format!("heading not trimmed: {slice:?}")
        })?;
    }
    Ok(())
}

/// The sectioner. The first byte chooses plain text (reader-style headings) or marked
/// headings (every line starting with `#`, as a markup parser would report them).
pub fn check_structure(data: &[u8]) -> Checked {
    let (is_plain, rest) = match data.split_first() {
        Some((first, rest)) => (first % 2 == 0, rest),
        None => (true, data),
    };
    let text = normalise_text(&lossy(rest));
    let mut headings = Vec::new();
    if !is_plain {
        let mut offset = 0usize;
        for line in text.split('\n') {
            let level = line.bytes().take_while(|&b| b == b'#').count();
            if level > 0 && line.len() > level {
                headings.push(MarkedHeading {
                    level: u8::try_from(level.min(6)).unwrap_or(6),
                    span: Span::new(offset, offset + line.len()),
                });
            }
            offset += line.len() + 1;
        }
    }
    let structured = structure_document(&text, &headings, is_plain);
    check_sections_and_references(&structured.text, &structured)?;
    ensure(!structured.text.contains('\r'), || {
        "a \\r in the text".to_owned()
    })?;
    if let Some(title) = &structured.title {
        ensure(!title.contains('\n'), || {
            format!("title with a line break: {title:?}")
        })?;
    }
    Ok(())
}

// ------------------------------------------------------------------------------------------
// Sentences, claims, relations
// ------------------------------------------------------------------------------------------

/// The sentence splitter: trimmed, non-empty sentences in order; footnote markers right after
/// their sentence and before the next; every visible character in a sentence or a marker.
pub fn check_sentences(data: &[u8]) -> Checked {
    let text = lossy(data);
    let sentences = split_sentences(&text);
    let mut covered = Vec::with_capacity(sentences.len());
    let mut previous_end = 0usize;
    for (index, sentence) in sentences.iter().enumerate() {
        let span = Span::new(sentence.start, sentence.end);
        check_span("sentence", &text, span)?;
        ensure(sentence.start < sentence.end, || {
            format!("sentence #{index} is empty")
        })?;
        ensure(sentence.start >= previous_end, || {
            format!("sentence #{index} overlaps the previous one or its footnotes")
        })?;
        let slice = span.slice(&text);
        ensure(slice.trim() == slice, || {
            format!("sentence #{index} not trimmed: {slice:?}")
        })?;
        let markers = Span::new(sentence.end, sentence.footnotes_end);
        check_span("footnote markers", &text, markers)?;
        ensure(
            sentence.footnotes.is_empty() == (sentence.footnotes_end == sentence.end),
            || {
                format!(
                    "sentence #{index}: footnotes {:?} vs their span {markers:?}",
                    sentence.footnotes
                )
            },
        )?;
        previous_end = sentence.footnotes_end.max(sentence.end);
        covered.push(Span::new(sentence.start, previous_end));
    }
    // Nothing visible is lost between sentences.
    let mut from = 0usize;
    for span in covered
        .iter()
        .chain(std::iter::once(&Span::new(text.len(), text.len())))
    {
        let gap = text.get(from..span.start).unwrap_or("");
        if let Some(lost) = gap.chars().find(|c| !c.is_whitespace()) {
            return Err(format!(
                "{lost:?} at {from}..{} belongs to no sentence: {gap:?}",
                span.start
            ));
        }
        from = span.end;
    }
    Ok(())
}

/// Sentences and claims of one analysed document: sentences inside their section, in order;
/// claims with a score in 0..=1 at or above the threshold, sorted kinds, cues inside their
/// sentence, unique ids, citations that name a reference entry.
pub fn check_analysis(document: &Document, sections: &[SectionAnalysis]) -> Checked {
    ensure(sections.len() == document.sections.len(), || {
        format!(
            "{} analyses for {} sections",
            sections.len(),
            document.sections.len()
        )
    })?;
    let text = &document.text;
    let mut ids = std::collections::HashSet::new();
    for (section, analysis) in document.sections.iter().zip(sections) {
        let body = section.body;
        check_spans(
            "sentence (with its markers)",
            text,
            analysis
                .sentences
                .iter()
                .map(|s| Span::new(s.span.start, s.end_with_footnotes())),
            false,
        )?;
        for sentence in &analysis.sentences {
            ensure(
                sentence.span.start >= body.start && sentence.end_with_footnotes() <= body.end,
                || format!("sentence {:?} outside its section {body:?}", sentence.span),
            )?;
            ensure(
                sentence.footnotes.is_empty() == (sentence.footnotes_end <= sentence.span.end),
                || {
                    format!(
                        "footnote markers {:?} and their span {:?} disagree",
                        sentence.footnotes,
                        sentence.footnote_span()
                    )
                },
            )?;
            let Some(claim) = &sentence.claim else {
                continue;
            };
            let sentence_text = document.slice(sentence.span);
            ensure(
                claim.score.is_finite() && (claims::THRESHOLD..=1.0).contains(&claim.score),
                || format!("claim score {} for {sentence_text:?}", claim.score),
            )?;
            let explained = explain_claim(sentence_text);
            ensure(
                explained.kinds.iter().copied().collect::<ClaimKinds>() == claim.kinds
                    && explained.is_hedged() == claim.is_hedged
                    && explained.score == claim.score,
                || format!("the explanation of {sentence_text:?} disagrees with its claim"),
            )?;
            ensure(explained.kinds.windows(2).all(|w| w[0] < w[1]), || {
                format!("kinds not sorted and unique: {:?}", explained.kinds)
            })?;
            for cue in explained.hedge.iter().chain(&explained.reasons) {
                check_cue(sentence_text, cue)?;
            }
            ensure(ids.insert(claim.id.clone()), || {
                format!("claim id {} given twice", claim.id)
            })?;
            for label in &claim.citations {
                ensure(
                    document.references.is_empty()
                        || document.references.iter().any(|r| &r.label == label),
                    || format!("citation {label:?} names no reference entry"),
                )?;
            }
        }
    }
    Ok(())
}

fn check_cue(sentence: &str, cue: &Cue) -> Checked {
    check_span("cue", sentence, Span::new(cue.start, cue.end))?;
    ensure(
        sentence.get(cue.start..cue.end) == Some(cue.text.as_str()),
        || format!("cue text {:?} is not its span of {sentence:?}", cue.text),
    )?;
    ensure(cue.weight.is_finite(), || {
        format!("cue weight {}", cue.weight)
    })?;
    ensure(!cue.why.trim().is_empty(), || {
        "a cue without a reason".to_owned()
    })
}

/// Pieces of the input that become the documents of a small study: split at NUL bytes (at
/// most four), or else in two halves, so relations across documents are always looked for.
fn study_pieces(data: &[u8]) -> Vec<&[u8]> {
    let pieces: Vec<&[u8]> = data.split(|&b| b == 0).take(4).collect();
    if pieces.len() >= 2 {
        return pieces;
    }
    let (a, b) = data.split_at(data.len() / 2);
    vec![a, b]
}

/// The claim scorer and relation finder over a small study built from the input (each piece
/// a plain-text document): [`check_analysis`] for each document, and relations between
/// claims of different documents, `a < b`, sorted, unique, scored 0..=1, with a reason.
pub fn check_claims_and_relations(data: &[u8]) -> Checked {
    let mut documents = Vec::new();
    for (index, piece) in study_pieces(data).into_iter().enumerate() {
        let name = format!("doc{index}.txt");
        let Ok(document) = document_from_bytes(&name, None, piece, Format::Text) else {
            continue;
        };
        // Unguarded: a panic here is a finding, not a marked document.
        let sections = analyze_sections(&document);
        check_analysis(&document, &sections).map_err(|e| format!("{name}: {e}"))?;
        documents.push(AnalyzedDocument {
            document,
            sections,
            error: None,
        });
    }
    let mut claim_texts = Vec::new();
    for (doc, analysed) in documents.iter().enumerate() {
        for sentence in analysed.sections.iter().flat_map(|s| &s.sentences) {
            if let Some(claim) = &sentence.claim {
                claim_texts.push(ClaimText {
                    doc: u32::try_from(doc).unwrap_or(u32::MAX),
                    text: analysed.document.slice(sentence.span),
                    is_hedged: claim.is_hedged(),
                });
            }
        }
    }
    let relations = find_relations(&claim_texts);
    let mut previous = None;
    for relation in &relations {
        let (Some(a), Some(b)) = (claim_texts.get(relation.a), claim_texts.get(relation.b)) else {
            return Err(format!(
                "relation {}–{} names no claim",
                relation.a, relation.b
            ));
        };
        ensure(relation.a < relation.b, || {
            format!("relation {}–{} not ordered", relation.a, relation.b)
        })?;
        ensure(a.doc != b.doc, || {
            format!("relation {}–{} inside one document", relation.a, relation.b)
        })?;
        ensure(previous < Some((relation.a, relation.b)), || {
            "relations not sorted or repeated".to_owned()
        })?;
        ensure(
            relation.score.is_finite() && (0.0..=1.0 + 1e-4).contains(&relation.score),
            || format!("relation score {}", relation.score),
        )?;
        ensure(!relation.reason.trim().is_empty(), || {
            "a relation without a reason".to_owned()
        })?;
        previous = Some((relation.a, relation.b));
    }
    Ok(())
}

/// The analysis boundary: a document analysed behind `catch_unwind` either has its
/// analysis, or none at all and an error that says so.
pub fn check_guarded_analysis(document: Document) -> Checked {
    let analysed = analyze_document_guarded(document);
    match &analysed.error {
        None => check_analysis(&analysed.document, &analysed.sections),
        Some(error) => {
            ensure(error.starts_with("could not be analysed: "), || {
                format!("error without the person's words: {error}")
            })?;
            ensure(
                analysed.sections.len() == analysed.document.sections.len()
                    && analysed.claim_count() == 0,
                || "a failed analysis kept part of its claims".to_owned(),
            )
        }
    }
}

// ------------------------------------------------------------------------------------------
// Workspaces
// ------------------------------------------------------------------------------------------

/// The workspace RON parser: text that parses writes back to text that parses to the same
/// workspace; text that does not is refused with line and column (or a named limit).
pub fn check_workspace_ron(data: &[u8]) -> Checked {
    let Ok(text) = std::str::from_utf8(data) else {
        return Ok(());
    };
    match workspace::parse_workspace(text) {
        Ok(parsed) => {
            let written = workspace::workspace_to_ron(&parsed)
                .map_err(|e| format!("a parsed workspace cannot be written: {e}"))?;
            let again = workspace::parse_workspace(&written)
                .map_err(|e| format!("written workspace does not parse: {e}\n{written}"))?;
            ensure(again == parsed, || {
                format!("round trip changed the workspace:\n{parsed:?}\n{again:?}")
            })
        }
        Err(error) => check_open_error(&error),
    }
}

/// An error opening a workspace has words, and a position where the file is malformed.
fn check_open_error(error: &WorkspaceError) -> Checked {
    ensure(!error.to_string().trim().is_empty(), || {
        format!("error without words: {error:?}")
    })?;
    match error {
        WorkspaceError::Malformed { line, column, .. }
        | WorkspaceError::TooDeeplyNested { line, column, .. } => {
            ensure(*line >= 1 && *column >= 1, || {
                format!("position {line}:{column} for {error}")
            })
        }
        _ => Ok(()),
    }
}

/// Splits input bytes into text fields (at `\u{1}` bytes), for building workspaces.
fn fields(data: &[u8]) -> Vec<String> {
    data.split(|&b| b == 1).map(lossy).collect()
}

/// A workspace holding the input's text in every kind of field the person can fill.
pub fn workspace_from_bytes(data: &[u8]) -> Workspace {
    let fields = fields(data);
    let field = |n: usize| fields.get(n).cloned().unwrap_or_default();
    let number = |n: usize| -> usize { fields.get(n).map_or(0, |f| f.len()) };
    let mut ws = Workspace::new();
    ws.upsert_document(
        "d1",
        &format!("docs/{}.txt", field(0).replace(['/', '\\'], "_")),
        "h",
        &field(1),
    );
    ws.upsert_document("d2", "/elsewhere/b.txt", "h2", "B");
    if let Some(doc) = ws.documents.iter_mut().find(|d| d.id == "d1") {
        doc.note = field(2);
    }
    ws.notebook = field(3);
    let verdicts = Verdict::ALL;
    ws.claims.push(ClaimRecord {
        id: workspace::ItemId(1),
        origin: if number(4) % 2 == 0 {
            ClaimOrigin::Own
        } else {
            ClaimOrigin::Detected { claim_id: field(4) }
        },
        anchor: Anchor {
            document_id: "d1".to_owned(),
            span: Span::new(number(5), number(5) + number(6)),
            section_path: vec![field(7), field(8)]
                .into_iter()
                .filter(|s| !s.is_empty())
                .collect(),
            quote: field(9),
            prefix: field(10),
            suffix: field(11),
        },
        verdict: verdicts[number(12) % verdicts.len()],
        is_dismissed: number(13) % 2 == 1,
        tags: [field(14), field(15)]
            .into_iter()
            .filter(|t| !t.is_empty())
            .collect(),
        note: field(16),
    });
    ws.section_notes.push(SectionNote {
        document_id: "d1".to_owned(),
        section_path: vec![field(7)],
        note: field(17),
    });
    ws.view.open_document = Some("d1".to_owned());
    ws.view.section_path = vec![field(8)];
    ws.view.filters.text = field(18);
    ws.view.filters.kinds = vec![field(19)];
    ws.normalize();
    ws
}

static ROUND_TRIP_COUNTER: AtomicU64 = AtomicU64::new(0);

/// A fresh, empty folder under the system's temporary folder; removed by the caller.
fn scratch_folder() -> Result<PathBuf, String> {
    let n = ROUND_TRIP_COUNTER.fetch_add(1, Ordering::Relaxed);
    let dir = std::env::temp_dir().join(format!("lectern-invariants-{}-{n}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).map_err(|e| format!("scratch folder {}: {e}", dir.display()))?;
    Ok(dir)
}

/// Save → open: a workspace built from the input, saved to a file and opened again, holds the
/// same person's data; a workspace over a limit is refused by name and nothing is written.
pub fn check_save_round_trip(data: &[u8]) -> Checked {
    let ws = workspace_from_bytes(data);
    let dir = scratch_folder()?;
    let result = save_and_reopen(&dir, &ws);
    let _ = std::fs::remove_dir_all(&dir);
    result
}

fn save_and_reopen(dir: &Path, ws: &Workspace) -> Checked {
    let path = dir.join("study.lectern.ron");
    let stamp = match workspace::save_atomic_checked(&path, ws, None) {
        Ok(stamp) => stamp,
        Err(WorkspaceError::TooLong { .. }) => {
            return ensure(!path.exists(), || "a refused save wrote a file".to_owned());
        }
        Err(error) => return Err(format!("save failed: {error}")),
    };
    let (back, opened_stamp) = workspace::open_workspace_stamped(&path)
        .map_err(|e| format!("a saved workspace does not open: {e}"))?;
    ensure(back.user_data_eq(ws), || {
        format!("save → open changed the person's data:\n{ws:?}\n{back:?}")
    })?;
    ensure(opened_stamp == stamp, || {
        format!("the stamp of the save {stamp:?} differs from the one read {opened_stamp:?}")
    })?;
    let ids = |w: &Workspace| w.documents.iter().map(|d| d.id.clone()).collect::<Vec<_>>();
    ensure(ids(&back) == ids(ws), || {
        format!("documents {:?} came back as {:?}", ids(ws), ids(&back))
    })
}

/// Re-anchoring: anchors built on the first part of the input (split at the first `\u{1}`;
/// sentences of the text, with stored spans shifted by the input's bytes) are found again in
/// the second part (the "edited" text). Attached items lie on character boundaries inside
/// the edited text with a confidence at or above the threshold; unchanged and exactly found
/// items hold their quote; the report counts every item once.
pub fn check_reanchor(data: &[u8]) -> Checked {
    let (original, edited) = match data.iter().position(|&b| b == 1) {
        Some(at) => (&data[..at], &data[at + 1..]),
        None => (data, data),
    };
    let original = normalise_text(&lossy(original));
    let edited = normalise_text(&lossy(edited));
    let structured = structure_document(&original, &[], true);
    let outline: Vec<SectionOutline<'_>> = structured
        .sections
        .iter()
        .map(|s| SectionOutline::new(&s.title, s.level, s.body))
        .collect();
    let input = DocumentInput::new("d1", "old", &structured.text, outline.clone());
    let mut ws = Workspace::new();
    ws.upsert_document("d1", "a.txt", "old", "A");
    let shifts: Vec<usize> = data.iter().map(|&b| usize::from(b) * 7).collect();
    for (index, section) in structured.sections.iter().enumerate() {
        for sentence in split_sentences(section.body.slice(&structured.text))
            .iter()
            .take(16)
        {
            let span = Span::new(
                section.body.start + sentence.start,
                section.body.start + sentence.end,
            );
            let Ok(item) = ws.add_own_claim(&input, span) else {
                continue;
            };
            // Stored spans are hints that may point anywhere after an edit.
            let shift = shifts.get(index + sentence.start).copied().unwrap_or(0);
            if let Some(record) = ws.claims.iter_mut().find(|c| c.id == item) {
                record.anchor.span =
                    Span::new(span.start + shift, span.end.saturating_sub(shift % 5));
            }
        }
    }
    let item_count = ws.claims.len();
    let now = structure_document(&edited, &[], true);
    let now_outline: Vec<SectionOutline<'_>> = now
        .sections
        .iter()
        .map(|s| SectionOutline::new(&s.title, s.level, s.body))
        .collect();
    let now_input = DocumentInput::new("d1", "new", &now.text, now_outline);
    let report = workspace::reanchor_workspace(&ws, std::slice::from_ref(&now_input));
    ensure(report.outcomes.len() == item_count, || {
        format!("{} outcomes for {item_count} items", report.outcomes.len())
    })?;
    let counted: usize = report
        .documents
        .iter()
        .map(|d| d.stayed + d.moved + d.orphaned + d.waiting)
        .sum();
    ensure(counted == item_count + ws.section_notes.len(), || {
        format!("report counts {counted} items of {item_count}")
    })?;
    for outcome in &report.outcomes {
        let result = &outcome.result;
        ensure(
            result.confidence.is_finite() && (0.0..=1.0 + 1e-4).contains(&result.confidence),
            || format!("confidence {}", result.confidence),
        )?;
        if let Some(suggestion) = result.suggestion {
            check_span("suggestion", &now.text, suggestion)?;
        }
        let Some(span) = result.span else {
            ensure(result.stage == Stage::Orphan, || {
                "an orphan with a stage".to_owned()
            })?;
            continue;
        };
        check_span("re-anchored span", &now.text, span)?;
        ensure(result.confidence >= REATTACH_THRESHOLD, || {
            format!("attached below the threshold: {}", result.confidence)
        })?;
        let quote = ws
            .claim(outcome.item)
            .map(|c| c.anchor.quote.as_str())
            .unwrap_or_default();
        if matches!(result.stage, Stage::Unchanged | Stage::ExactSearch) {
            ensure(span.slice(&now.text) == quote, || {
                format!(
                    "{:?} placed {quote:?} on {:?}",
                    result.stage,
                    span.slice(&now.text)
                )
            })?;
        }
    }
    let mut applied = ws.clone();
    applied.apply_reanchor(&report, std::slice::from_ref(&now_input));
    for record in &applied.claims {
        if report
            .outcome(record.id)
            .is_some_and(|o| o.result.is_attached())
        {
            let span = record.anchor.span;
            check_span("applied anchor", &now.text, span)?;
            ensure(span.slice(&now.text) == record.anchor.quote, || {
                format!(
                    "applied anchor {span:?} does not hold its quote {:?}",
                    record.anchor.quote
                )
            })?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn span_checks_catch_every_kind_of_bad_span() {
        let text = "héllo world";
        assert!(check_spans("s", text, [Span::new(0, 5), Span::new(7, 12)], false).is_ok());
        for (spans, why) in [
            (vec![Span::new(0, 2)], "splits a character"),
            (vec![Span::new(0, 99)], "ends past the text"),
            (vec![Span::new(4, 3)], "reversed"),
            (vec![Span::new(3, 3)], "empty"),
            (vec![Span::new(0, 5), Span::new(4, 8)], "overlaps"),
        ] {
            let err = check_spans("s", text, spans, false).unwrap_err();
            assert!(err.contains(why), "{err}");
        }
    }

    #[test]
    fn broken_promises_are_reported() {
        let bad = Extracted {
            text: "Title \nbody".to_owned(),
            headings: Vec::new(),
            title: None,
        };
        assert!(
            check_extracted(&bad)
                .unwrap_err()
                .contains("trailing whitespace")
        );
        let err = check_open_error(&WorkspaceError::Malformed {
            line: 0,
            column: 3,
            message: "x".to_owned(),
        });
        assert!(err.is_err());
    }

    #[test]
    fn the_sample_texts_keep_every_promise() {
        for seed in crate::core::seeds::SEEDS {
            check_loader(seed.bytes).unwrap();
            check_sentences(seed.bytes).unwrap();
            check_structure(seed.bytes).unwrap();
        }
        let both = [
            crate::core::seeds::SEEDS[0].bytes,
            crate::core::seeds::SEEDS[1].bytes,
        ]
        .join(&0u8);
        check_claims_and_relations(&both).unwrap();
        let mut edit = crate::core::seeds::SEEDS[0].bytes.to_vec();
        edit.push(1);
        edit.extend_from_slice(&crate::core::seeds::SEEDS[0].bytes[200..]);
        check_reanchor(&edit).unwrap();
        check_save_round_trip(b"a\x01Title\x01note\x01notebook").unwrap();
        // Character references to control characters must not reach the text.
        check_loader(b"<p>a&#1;b &#x7f; c&#0;d &#x9f;</p>").unwrap();
        check_workspace_ron(b"(version: 1, notebook: \"n\")").unwrap();
    }
}
