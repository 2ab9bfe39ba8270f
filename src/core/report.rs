//! Study reports to share: every document by section, each claim with the person's verdict,
//! note and tags, its citations and related claims in the other documents, the notebook.
//!
//! [`build_report`] gathers a [`Report`] (plain data in reading order) from a [`Study`], the
//! person's [`Workspace`] and the [`Orphan`]s of the last re-anchoring; [`render_report`]
//! writes it as a [`ReportFormat`]: Markdown (readable, diff-friendly), self-contained
//! printable HTML, or CSV with one row per claim for spreadsheets.
//!
//! Nothing the person made is left out: items that could not be put back on the text and
//! items of documents that were not loaded are listed under "Needs review" (and in the CSV).
//! The output is deterministic — the same study and workspace give the same bytes — and holds
//! no date unless the caller passes one in [`ReportOptions`].

mod csv_table;
mod html;
mod markdown;

use std::collections::{BTreeSet, HashMap};

use crate::core::analysis::{ClaimRef, Study, citations_of, explain_claim};
use crate::core::document::Document;
use crate::core::workspace::{
    ClaimOrigin, ClaimRecord, ItemId, Orphan, OrphanTarget, Verdict, Workspace, section_paths,
};

/// The formats a report is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ReportFormat {
    /// Markdown: readable as plain text, friendly to diffs.
    Markdown,
    /// One self-contained HTML page (inline CSS, no external resources), printable.
    Html,
    /// One row per claim, RFC 4180 quoting.
    Csv,
}

impl ReportFormat {
    /// Every format, in menu order.
    pub const ALL: [ReportFormat; 3] = [Self::Markdown, Self::Html, Self::Csv];

    /// The usual file name extension (without the dot).
    pub fn extension(self) -> &'static str {
        match self {
            Self::Markdown => "md",
            Self::Html => "html",
            Self::Csv => "csv",
        }
    }

    /// Words for a menu or a file dialog's filter.
    pub fn label(self) -> &'static str {
        match self {
            Self::Markdown => "Markdown",
            Self::Html => "HTML (printable)",
            Self::Csv => "CSV (spreadsheet)",
        }
    }

    /// The format a file name's extension stands for ("md", "HTML", …).
    pub fn from_extension(ext: &str) -> Option<Self> {
        match ext.to_ascii_lowercase().as_str() {
            "md" | "markdown" => Some(Self::Markdown),
            "html" | "htm" => Some(Self::Html),
            "csv" => Some(Self::Csv),
            _ => None,
        }
    }
}

/// What the caller adds to a report.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ReportOptions {
    /// The report's title; "" gives "Study report".
    pub title: String,
    /// When it was made, as the caller wants it shown; `None` keeps the output reproducible.
    pub generated: Option<String>,
}

/// A study report: everything [`render_report`] writes, in reading order.
#[derive(Debug, Clone, PartialEq)]
pub struct Report {
    /// Title.
    pub title: String,
    /// When it was made, if the caller said.
    pub generated: Option<String>,
    /// Counts at a glance.
    pub summary: Summary,
    /// The loaded documents, in the study's order.
    pub documents: Vec<ReportDocument>,
    /// Related claim pairs across documents: contrasts first, then agrees, then related.
    pub pairs: Vec<ReportPair>,
    /// The person's notebook (Markdown).
    pub notebook: String,
    /// What the person made that is not shown on the text, with the reason.
    pub needs_review: Vec<ReviewItem>,
    /// Files that were not loaded, with the reason.
    pub skipped: Vec<(String, String)>,
}

/// Counts shown at the top of a report.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Summary {
    /// Documents loaded.
    pub documents: usize,
    /// Claims Lectern detected.
    pub detected_claims: usize,
    /// Claims the person marked.
    pub own_claims: usize,
    /// Detected claims the person dismissed.
    pub dismissed: usize,
    /// Claims (detected and own, on the text) per verdict, in [`Verdict::ALL`] order.
    pub verdicts: Vec<(Verdict, usize)>,
    /// Related claim pairs across documents.
    pub pairs: usize,
    /// Items needing review.
    pub needs_review: usize,
}

/// One document of a report.
#[derive(Debug, Clone, PartialEq)]
pub struct ReportDocument {
    /// Stable id.
    pub id: String,
    /// Title.
    pub title: String,
    /// Path as the study shows it.
    pub path: String,
    /// The person's note on the whole document.
    pub note: String,
    /// Set when the analysis of this document failed.
    pub error: Option<String>,
    /// Sections in reading order.
    pub sections: Vec<ReportSection>,
    /// The document's reference list.
    pub references: Vec<ReportCitation>,
}

/// One section of a report's document.
#[derive(Debug, Clone, PartialEq)]
pub struct ReportSection {
    /// Title as shown ("Introduction" when untitled).
    pub title: String,
    /// Heading level within its document, 1..=6 (1 for the document's top-level sections).
    pub level: u8,
    /// The person's note on the section.
    pub note: String,
    /// Detected and own claims, in reading order.
    pub claims: Vec<ReportClaim>,
}

/// One claim with everything known about it.
#[derive(Debug, Clone, PartialEq)]
pub struct ReportClaim {
    /// The detected claim's id, or `own-N` for the person's own claim item N.
    pub id: String,
    /// Marked by the person rather than detected.
    pub is_own: bool,
    /// The sentence (or the person's selection).
    pub text: String,
    /// Kinds ("statistic", …), sorted; empty for own claims.
    pub kinds: Vec<&'static str>,
    /// The hedge cue's text, when hedged.
    pub hedge_cue: Option<String>,
    /// The person's verdict.
    pub verdict: Verdict,
    /// Dismissed by the person (kept, restorable).
    pub is_dismissed: bool,
    /// The person's note (Markdown).
    pub note: String,
    /// The person's tags, sorted.
    pub tags: Vec<String>,
    /// Reference entries cited.
    pub citations: Vec<ReportCitation>,
    /// Related claims in other documents, contrasts first.
    pub related: Vec<RelatedClaim>,
}

/// A cited reference entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportCitation {
    /// The label the text uses.
    pub label: String,
    /// The entry's text ("" when the document has no entry with this label).
    pub text: String,
}

/// The other side of a relation, seen from one claim.
#[derive(Debug, Clone, PartialEq)]
pub struct RelatedClaim {
    /// "agrees", "contrasts" or "related".
    pub kind: &'static str,
    /// The other claim.
    pub other: ClaimSide,
    /// Why, in words.
    pub reason: String,
}

/// Where a claim of a pair is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClaimSide {
    /// Claim id.
    pub claim_id: String,
    /// Its document's title.
    pub document: String,
    /// Its section's title.
    pub section: String,
    /// The sentence.
    pub text: String,
    /// The person's verdict on it.
    pub verdict: Verdict,
}

/// Two related claims in different documents.
#[derive(Debug, Clone, PartialEq)]
pub struct ReportPair {
    /// "agrees", "contrasts" or "related".
    pub kind: &'static str,
    /// Claim in the earlier document.
    pub a: ClaimSide,
    /// Claim in the later document.
    pub b: ClaimSide,
    /// Why, in words.
    pub reason: String,
}

/// Something the person made that is not shown on the text.
#[derive(Debug, Clone, PartialEq)]
pub struct ReviewItem {
    /// Its document's title (or id, when the workspace knows no title).
    pub document: String,
    /// Why it is here.
    pub reason: String,
    /// The item.
    pub target: ReviewTarget,
}

/// What kind of item needs review.
#[derive(Debug, Clone, PartialEq)]
pub enum ReviewTarget {
    /// A claim item (its text is the stored quote).
    Claim(ReportClaim),
    /// A section note.
    SectionNote {
        /// The stored section path, joined with " › ".
        section: String,
        /// The note.
        note: String,
    },
    /// The note on a document that was not loaded.
    DocumentNote {
        /// The note.
        note: String,
    },
}

/// The title a workspace file gives its report: the file name without `.lectern.ron`
/// ("korea.lectern.ron" → "korea").
pub fn report_title_for(workspace_file: &std::path::Path) -> String {
    let name = workspace_file
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let lower = name.to_lowercase();
    let suffix = [crate::core::workspace::WORKSPACE_EXTENSION, ".ron"]
        .into_iter()
        .find(|suffix| lower.ends_with(suffix));
    let stem_len = name.len() - suffix.map_or(0, str::len);
    // Lower-casing can change byte lengths: fall back to the whole name.
    name.get(..stem_len).unwrap_or(&name).to_owned()
}

/// Gathers a report from a study, the person's workspace (attached to the study) and the
/// orphans its re-anchoring reported.
pub fn build_report(
    study: &Study,
    workspace: &Workspace,
    orphans: &[Orphan],
    options: &ReportOptions,
) -> Report {
    Builder::new(study, workspace, orphans).build(options)
}

/// Writes a study report in `format` (see [`build_report`]).
pub fn render_report(
    study: &Study,
    workspace: &Workspace,
    orphans: &[Orphan],
    options: &ReportOptions,
    format: ReportFormat,
) -> String {
    let report = build_report(study, workspace, orphans, options);
    match format {
        ReportFormat::Markdown => markdown::render(&report),
        ReportFormat::Html => html::render(&report),
        ReportFormat::Csv => csv_table::render(&report),
    }
}

/// Collects the report while remembering which of the person's items it has shown, so that
/// the rest can be listed under "Needs review" instead of being lost.
struct Builder<'a> {
    study: &'a Study,
    workspace: &'a Workspace,
    orphans: &'a [Orphan],
    /// Detected claim id → the person's item on it (orphans excluded: they are not on the text).
    detected: HashMap<&'a str, &'a ClaimRecord>,
    orphan_items: BTreeSet<ItemId>,
    /// Relations of each claim, as indices into `study.relations` (in the study's order).
    relations_of: HashMap<ClaimRef, Vec<usize>>,
    shown_items: BTreeSet<ItemId>,
    /// Indices into `workspace.section_notes`.
    shown_section_notes: BTreeSet<usize>,
}

impl<'a> Builder<'a> {
    fn new(study: &'a Study, workspace: &'a Workspace, orphans: &'a [Orphan]) -> Self {
        let orphan_items: BTreeSet<ItemId> = orphans
            .iter()
            .filter_map(|o| match o.target {
                OrphanTarget::Claim(item) => Some(item),
                OrphanTarget::SectionNote { .. } => None,
            })
            .collect();
        let mut detected = HashMap::new();
        for record in &workspace.claims {
            if let Some(id) = record.detected_claim_id()
                && !orphan_items.contains(&record.id)
            {
                // Records are sorted by item id: the first one wins, like `find_detected`.
                detected.entry(id).or_insert(record);
            }
        }
        let mut relations_of: HashMap<ClaimRef, Vec<usize>> = HashMap::new();
        for (index, relation) in study.relations.iter().enumerate() {
            relations_of.entry(relation.a).or_default().push(index);
            relations_of.entry(relation.b).or_default().push(index);
        }
        Self {
            study,
            workspace,
            orphans,
            detected,
            orphan_items,
            relations_of,
            shown_items: BTreeSet::new(),
            shown_section_notes: BTreeSet::new(),
        }
    }

    fn build(mut self, options: &ReportOptions) -> Report {
        let documents: Vec<ReportDocument> = (0..self.study.documents.len())
            .map(|doc| self.document(doc))
            .collect();
        let pairs = self.pairs();
        let needs_review = self.needs_review();
        let placed = documents
            .iter()
            .flat_map(|d| &d.sections)
            .flat_map(|s| &s.claims);
        let mut verdicts: Vec<(Verdict, usize)> = Verdict::ALL.iter().map(|v| (*v, 0)).collect();
        let mut summary = Summary {
            documents: documents.len(),
            pairs: pairs.len(),
            needs_review: needs_review.len(),
            ..Summary::default()
        };
        for claim in placed {
            if claim.is_own {
                summary.own_claims += 1;
            } else {
                summary.detected_claims += 1;
            }
            summary.dismissed += usize::from(claim.is_dismissed);
            if let Some(count) = verdicts.iter_mut().find(|(v, _)| *v == claim.verdict) {
                count.1 += 1;
            }
        }
        summary.verdicts = verdicts;
        let title = if options.title.trim().is_empty() {
            "Study report".to_owned()
        } else {
            options.title.trim().to_owned()
        };
        Report {
            title,
            generated: options.generated.clone(),
            summary,
            documents,
            pairs,
            notebook: self.workspace.notebook.clone(),
            needs_review,
            skipped: self
                .study
                .skipped
                .iter()
                .map(|s| (s.path.clone(), s.reason.to_string()))
                .collect(),
        }
    }

    fn document(&mut self, doc: usize) -> ReportDocument {
        let study = self.study;
        let Some(d) = study.documents.get(doc) else {
            return empty_document();
        };
        let document = &d.document;
        let input = d.workspace_input();
        let paths = section_paths(&input.sections);
        // The person's own claims of this document, by the section they start in.
        let mut own: Vec<Vec<(usize, ReportClaim)>> = vec![Vec::new(); document.sections.len()];
        for record in &self.workspace.claims {
            let is_placeable = record.origin == ClaimOrigin::Own
                && record.anchor.document_id == document.id
                && !self.orphan_items.contains(&record.id);
            if !is_placeable {
                continue;
            }
            let start = record.anchor.span.start;
            let section = document
                .sections
                .partition_point(|s| s.body.start <= start)
                .saturating_sub(1);
            let Some(slot) = own.get_mut(section) else {
                continue;
            };
            let mut claim = record_claim(record);
            claim.citations =
                citations(&citations_of(&record.anchor.quote, &[], document), document);
            slot.push((start, claim));
            self.shown_items.insert(record.id);
        }
        // Heading levels relative to the document's top titled level: sections under a level 1
        // document title (or all at level 2) come right under the document in the report. The
        // untitled introduction is the text under the document's title: it does not count.
        let top_level = document
            .sections
            .iter()
            .filter(|s| !s.title.is_empty())
            .map(|s| s.level)
            .min()
            .unwrap_or(1);
        let mut sections = Vec::with_capacity(document.sections.len());
        for (index, (section, analysis)) in document.sections.iter().zip(&d.sections).enumerate() {
            let mut claims: Vec<(usize, ReportClaim)> = Vec::new();
            for (sentence_index, sentence) in analysis.sentences.iter().enumerate() {
                let Some(claim) = &sentence.claim else {
                    continue;
                };
                let r = ClaimRef {
                    doc,
                    section: index,
                    sentence: sentence_index,
                };
                let record = self.detected.get(claim.id.as_str()).copied();
                if let Some(record) = record {
                    self.shown_items.insert(record.id);
                }
                claims.push((
                    sentence.span.start,
                    ReportClaim {
                        id: claim.id.to_string(),
                        is_own: false,
                        text: one_line(document.slice(sentence.span)),
                        kinds: claim.kinds.iter().map(|k| k.as_str()).collect(),
                        hedge_cue: claim
                            .is_hedged
                            .then(|| explain_claim(document.slice(sentence.span)).hedge)
                            .flatten()
                            .map(|c| c.text.to_string()),
                        verdict: record.map_or(Verdict::Unreviewed, |r| r.verdict),
                        is_dismissed: record.is_some_and(|r| r.is_dismissed),
                        note: record.map(|r| r.note.clone()).unwrap_or_default(),
                        tags: record
                            .map(|r| r.tags.iter().cloned().collect())
                            .unwrap_or_default(),
                        citations: citations(&claim.citations, document),
                        related: self.related(r),
                    },
                ));
            }
            if let Some(mine) = own.get_mut(index) {
                claims.append(mine);
            }
            // Own claims after the detected claim that starts where they do.
            claims.sort_by_key(|(start, claim)| (*start, claim.is_own));
            let full_path = paths.get(index).map(Vec::as_slice).unwrap_or_default();
            let note = self.section_note(&document.id, full_path, &section.title);
            sections.push(ReportSection {
                title: section.display_title().to_owned(),
                level: (section.level.saturating_sub(top_level).saturating_add(1)).clamp(1, 6),
                note,
                claims: claims.into_iter().map(|(_, c)| c).collect(),
            });
        }
        ReportDocument {
            id: document.id.clone(),
            title: document.title.clone(),
            path: document.path.clone(),
            note: self
                .workspace
                .document(&document.id)
                .map(|e| e.note.clone())
                .unwrap_or_default(),
            error: d.error.clone(),
            sections,
            references: citations_all(document),
        }
    }

    /// The notes on a section: stored under its full title path, or (as the app stores them)
    /// under its own title alone. Notes that need review are not shown on the section.
    fn section_note(&mut self, document_id: &str, full_path: &[String], title: &str) -> String {
        let own_title = [title.to_owned()];
        let mut notes = Vec::new();
        for (index, note) in self.workspace.section_notes.iter().enumerate() {
            let matches = note.document_id == document_id
                && (note.section_path == full_path || note.section_path == own_title)
                && !self.is_orphan_section_note(document_id, &note.section_path)
                && !self.shown_section_notes.contains(&index);
            if matches && !note.note.is_empty() {
                notes.push(note.note.as_str());
                self.shown_section_notes.insert(index);
            }
        }
        notes.join("\n\n")
    }

    fn is_orphan_section_note(&self, document_id: &str, path: &[String]) -> bool {
        self.orphans.iter().any(|o| {
            o.document_id == document_id
                && matches!(&o.target, OrphanTarget::SectionNote { section_path } if section_path == path)
        })
    }

    fn side(&self, r: ClaimRef) -> ClaimSide {
        let study = self.study;
        let claim_id = study.claim(r).map(|c| c.id.clone()).unwrap_or_default();
        let verdict = self
            .detected
            .get(claim_id.as_str())
            .map_or(Verdict::Unreviewed, |record| record.verdict);
        let d = study.documents.get(r.doc);
        ClaimSide {
            document: d.map(|d| d.document.title.clone()).unwrap_or_default(),
            section: d
                .and_then(|d| d.document.sections.get(r.section))
                .map(|s| s.display_title().to_owned())
                .unwrap_or_default(),
            text: one_line(study.sentence_text(r)),
            claim_id: claim_id.to_string(),
            verdict,
        }
    }

    fn related(&self, r: ClaimRef) -> Vec<RelatedClaim> {
        let Some(indices) = self.relations_of.get(&r) else {
            return Vec::new();
        };
        let mut related = indices
            .iter()
            .filter_map(|&i| self.study.relations.get(i))
            .map(|relation| {
                let other = if relation.a == r {
                    relation.b
                } else {
                    relation.a
                };
                RelatedClaim {
                    kind: relation.kind.as_str(),
                    other: self.side(other),
                    reason: relation.reason.clone(),
                }
            })
            .collect::<Vec<_>>();
        // Contrasts first (stable: otherwise in the study's order).
        related.sort_by_key(|r| kind_rank(r.kind));
        related
    }

    fn pairs(&self) -> Vec<ReportPair> {
        let mut pairs: Vec<ReportPair> = self
            .study
            .relations
            .iter()
            .map(|relation| ReportPair {
                kind: relation.kind.as_str(),
                a: self.side(relation.a),
                b: self.side(relation.b),
                reason: relation.reason.clone(),
            })
            .collect();
        // Stable: within a kind, the study's order.
        pairs.sort_by_key(|p| kind_rank(p.kind));
        pairs
    }

    fn needs_review(&mut self) -> Vec<ReviewItem> {
        let workspace = self.workspace;
        let mut items = Vec::new();
        for orphan in self.orphans {
            let document = self.document_title(&orphan.document_id);
            let reason = orphan.reason.describe().to_owned();
            match &orphan.target {
                OrphanTarget::Claim(item) => {
                    let Some(record) = workspace.claim(*item) else {
                        continue;
                    };
                    if self.shown_items.insert(*item) {
                        items.push(ReviewItem {
                            document,
                            reason,
                            target: ReviewTarget::Claim(record_claim(record)),
                        });
                    }
                }
                OrphanTarget::SectionNote { section_path } => {
                    let found = workspace.section_notes.iter().position(|n| {
                        n.document_id == orphan.document_id && &n.section_path == section_path
                    });
                    let Some(index) = found else { continue };
                    if self.shown_section_notes.insert(index)
                        && let Some(note) = workspace.section_notes.get(index)
                    {
                        items.push(ReviewItem {
                            document,
                            reason,
                            target: ReviewTarget::SectionNote {
                                section: section_path.join(" › "),
                                note: note.note.clone(),
                            },
                        });
                    }
                }
            }
        }
        // Whatever is left was neither placed nor reported as an orphan: its document was not
        // loaded, or the workspace was not attached to this study.
        for record in &workspace.claims {
            if self.shown_items.contains(&record.id) || record.is_untouched() {
                continue;
            }
            items.push(ReviewItem {
                document: self.document_title(&record.anchor.document_id),
                reason: self.unplaced_reason(&record.anchor.document_id),
                target: ReviewTarget::Claim(record_claim(record)),
            });
        }
        for (index, note) in workspace.section_notes.iter().enumerate() {
            if self.shown_section_notes.contains(&index) || note.note.is_empty() {
                continue;
            }
            items.push(ReviewItem {
                document: self.document_title(&note.document_id),
                reason: self.unplaced_reason(&note.document_id),
                target: ReviewTarget::SectionNote {
                    section: note.section_path.join(" › "),
                    note: note.note.clone(),
                },
            });
        }
        for entry in &workspace.documents {
            if !entry.note.is_empty() && !self.is_loaded(&entry.id) {
                items.push(ReviewItem {
                    document: self.document_title(&entry.id),
                    reason: NOT_LOADED.to_owned(),
                    target: ReviewTarget::DocumentNote {
                        note: entry.note.clone(),
                    },
                });
            }
        }
        items
    }

    fn is_loaded(&self, document_id: &str) -> bool {
        self.study
            .documents
            .iter()
            .any(|d| d.document.id == document_id)
    }

    fn unplaced_reason(&self, document_id: &str) -> String {
        if self.is_loaded(document_id) {
            "not found on the current text".to_owned()
        } else {
            NOT_LOADED.to_owned()
        }
    }

    fn document_title(&self, document_id: &str) -> String {
        let loaded = self
            .study
            .documents
            .iter()
            .find(|d| d.document.id == document_id)
            .map(|d| d.document.title.clone());
        loaded
            .or_else(|| {
                self.workspace
                    .document(document_id)
                    .map(|e| e.title.clone())
                    .filter(|t| !t.is_empty())
            })
            .unwrap_or_else(|| document_id.to_owned())
    }
}

const NOT_LOADED: &str = "its document was not loaded";

fn empty_document() -> ReportDocument {
    ReportDocument {
        id: String::new(),
        title: String::new(),
        path: String::new(),
        note: String::new(),
        error: None,
        sections: Vec::new(),
        references: Vec::new(),
    }
}

/// Contrasts matter most to a reader, then agreement, then mere relatedness.
fn kind_rank(kind: &str) -> u8 {
    match kind {
        "contrasts" => 0,
        "agrees" => 1,
        _ => 2,
    }
}

/// The report's id for a claim item: the detected claim's id, or `own-N`.
fn item_claim_id(record: &ClaimRecord) -> String {
    match &record.origin {
        ClaimOrigin::Detected { claim_id } => claim_id.clone(),
        ClaimOrigin::Own => format!("own-{}", record.id.0),
    }
}

/// A claim item as the report shows it, from what the workspace stores alone.
fn record_claim(record: &ClaimRecord) -> ReportClaim {
    ReportClaim {
        id: item_claim_id(record),
        is_own: record.origin == ClaimOrigin::Own,
        text: one_line(&record.anchor.quote),
        kinds: Vec::new(),
        hedge_cue: None,
        verdict: record.verdict,
        is_dismissed: record.is_dismissed,
        note: record.note.clone(),
        tags: record.tags.iter().cloned().collect(),
        citations: Vec::new(),
        related: Vec::new(),
    }
}

fn citations(labels: &[String], document: &Document) -> Vec<ReportCitation> {
    labels
        .iter()
        .map(|label| ReportCitation {
            label: label.clone(),
            text: document
                .references
                .iter()
                .find(|r| &r.label == label)
                .map(|r| one_line(document.reference_text(r)))
                .unwrap_or_default(),
        })
        .collect()
}

fn citations_all(document: &Document) -> Vec<ReportCitation> {
    document
        .references
        .iter()
        .map(|r| ReportCitation {
            label: r.label.clone(),
            text: one_line(document.reference_text(r)),
        })
        .collect()
}

/// "1 document", "3 documents".
/// `text` between curly quotation marks, unless it is itself a quotation (it opens with a
/// quotation mark): a quoted cue such as `"We have …,"` is shown once quoted, not twice.
pub fn quoted(text: &str) -> String {
    let opens_a_quotation = text
        .chars()
        .next()
        .is_some_and(|c| matches!(c, '"' | '\u{201C}' | '\u{201E}' | '\u{2018}' | '\u{AB}'));
    if opens_a_quotation {
        text.to_string()
    } else {
        format!("\u{201C}{text}\u{201D}")
    }
}

fn plural(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

/// The word with its first letter in upper case.
fn capitalised(word: &str) -> String {
    let mut chars = word.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// A sentence on one line: inner line breaks and runs of spaces become one space.
fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;

    #[test]
    fn a_workspace_file_names_its_report() {
        assert_eq!(report_title_for(Path::new("/s/korea.lectern.ron")), "korea");
        assert_eq!(report_title_for(Path::new("Study.LECTERN.RON")), "Study");
        assert_eq!(report_title_for(Path::new("old.ron")), "old");
        assert_eq!(report_title_for(Path::new("notes")), "notes");
    }

    #[test]
    fn a_quotation_is_quoted_once() {
        assert_eq!(quoted("reportedly"), "\u{201C}reportedly\u{201D}");
        assert_eq!(quoted("\"We have no plans,\""), "\"We have no plans,\"");
        assert_eq!(
            quoted("\u{201C}stop creating threats\u{201D}"),
            "\u{201C}stop creating threats\u{201D}"
        );
        assert_eq!(quoted(""), "\u{201C}\u{201D}");
    }
}
