//! Re-anchoring a whole workspace onto the documents as they are now.
//!
//! [`reanchor_workspace`] is pure: it takes the workspace and the loaded documents
//! ([`DocumentInput`]) and returns a [`ReanchorReport`] (per document: hash changed, items
//! that stayed, moved or became orphans; the orphans with quote and reason; the new anchors).
//! [`Workspace::apply_reanchor`] then writes the new positions into the workspace. Items of
//! documents that are missing are reported as such and left exactly as they were.

use std::collections::BTreeSet;

use crate::core::document::Span;
use crate::core::workspace::anchor::{
    AnchorResult, Reanchorer, SectionOutline, Stage, build_anchor, section_paths,
};
use crate::core::workspace::model::{Anchor, ClaimOrigin, ItemId, Workspace};

/// A detected claim of the current analysis: its id and where it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DetectedClaimRef<'a> {
    /// The detected claim's id.
    pub id: &'a str,
    /// Its sentence's byte span.
    pub span: Span,
}

/// A loaded document as re-anchoring and the editing API need it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocumentInput<'a> {
    /// Stable document id.
    pub id: &'a str,
    /// Content hash of the file's bytes now.
    pub hash: &'a str,
    /// Normalised text now.
    pub text: &'a str,
    /// Sections now, in reading order.
    pub sections: Vec<SectionOutline<'a>>,
    /// Detected claims now (only needed to place items migrated without a quote and to keep
    /// detected claim ids current; may be empty).
    pub detected_claims: Vec<DetectedClaimRef<'a>>,
}

impl<'a> DocumentInput<'a> {
    /// A document without detected claims.
    pub fn new(
        id: &'a str,
        hash: &'a str,
        text: &'a str,
        sections: Vec<SectionOutline<'a>>,
    ) -> Self {
        Self {
            id,
            hash,
            text,
            sections,
            detected_claims: Vec::new(),
        }
    }

    /// The detected claim at `span`, or else the one overlapping it most.
    fn detected_claim_at(&self, span: Span) -> Option<&'a str> {
        if let Some(exact) = self.detected_claims.iter().find(|c| c.span == span) {
            return Some(exact.id);
        }
        self.detected_claims
            .iter()
            .map(|c| {
                let overlap = c
                    .span
                    .end
                    .min(span.end)
                    .saturating_sub(c.span.start.max(span.start));
                (overlap, c.id)
            })
            .filter(|(overlap, _)| *overlap * 2 > span.len_bytes())
            .max_by_key(|(overlap, _)| *overlap)
            .map(|(_, id)| id)
    }
}

/// How a document compares with what the workspace remembers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum DocumentStatus {
    /// Same content hash.
    Unchanged,
    /// The file changed since the workspace was saved.
    Changed,
    /// Not loaded (deleted, moved, or not read without the person's consent): its items wait.
    Missing,
}

/// Re-anchoring outcome of one document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocumentReport {
    /// Document id.
    pub document_id: String,
    /// Title remembered by the workspace ("" when it had none).
    pub title: String,
    /// Unchanged, changed or missing.
    pub status: DocumentStatus,
    /// Items whose span still holds their quote.
    pub stayed: usize,
    /// Items found elsewhere (moved or edited text).
    pub moved: usize,
    /// Items not found with enough confidence.
    pub orphaned: usize,
    /// Items kept untouched because the document is missing.
    pub waiting: usize,
}

impl DocumentReport {
    /// True when the file's content hash differs from the saved one (or it is missing).
    pub fn is_hash_changed(&self) -> bool {
        self.status != DocumentStatus::Unchanged
    }
}

/// What an orphan is.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum OrphanTarget {
    /// A claim item.
    Claim(ItemId),
    /// A section note, by its stored title path.
    SectionNote {
        /// The stored title path.
        section_path: Vec<String>,
    },
}

/// Why an item became an orphan.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum OrphanReason {
    /// Its text was not found with enough confidence (deleted or rewritten).
    TextNotFound,
    /// Migrated from version 0 without a quote, and its detected claim is gone.
    MigratedClaimNotFound,
    /// No section with its title path.
    SectionNotFound,
}

impl OrphanReason {
    /// Words for the person.
    pub fn describe(self) -> &'static str {
        match self {
            Self::TextNotFound => "its text was deleted or rewritten",
            Self::MigratedClaimNotFound => {
                "it came from an older workspace and its claim is no longer detected"
            }
            Self::SectionNotFound => "no section has this title any more",
        }
    }
}

/// An item that needs the person's review; its data is kept.
#[derive(Debug, Clone, PartialEq)]
pub struct Orphan {
    /// Which item.
    pub target: OrphanTarget,
    /// Its document.
    pub document_id: String,
    /// The quote (claims) or the section title path joined with " › " (section notes).
    pub quote: String,
    /// Why.
    pub reason: OrphanReason,
    /// Best confidence found, 0..1.
    pub best_confidence: f32,
    /// Best place found, to offer the person.
    pub suggestion: Option<Span>,
}

/// Re-anchoring outcome of one claim item of a loaded document.
#[derive(Debug, Clone, PartialEq)]
pub struct ItemOutcome {
    /// The item.
    pub item: ItemId,
    /// Its document.
    pub document_id: String,
    /// Where it is now.
    pub result: AnchorResult,
    /// The anchor rebuilt at the new place, when it differs from the stored one.
    pub new_anchor: Option<Anchor>,
    /// The id of the detected claim now at that place, when it differs from the stored one.
    pub new_detected_claim_id: Option<String>,
}

/// A section note whose section was renamed in its parents but found by its own title.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SectionNoteMove {
    /// Document.
    pub document_id: String,
    /// Stored path.
    pub from: Vec<String>,
    /// Path now.
    pub to: Vec<String>,
}

/// Everything re-anchoring found.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ReanchorReport {
    /// One per document the workspace knows, sorted by id.
    pub documents: Vec<DocumentReport>,
    /// One per claim item of a loaded document, sorted by item id.
    pub outcomes: Vec<ItemOutcome>,
    /// Items needing review, sorted by document then item.
    pub orphans: Vec<Orphan>,
    /// Section notes found under a changed title path.
    pub section_note_moves: Vec<SectionNoteMove>,
}

impl ReanchorReport {
    /// The report of one document.
    pub fn document(&self, document_id: &str) -> Option<&DocumentReport> {
        self.documents.iter().find(|d| d.document_id == document_id)
    }

    /// The outcome of one claim item.
    pub fn outcome(&self, item: ItemId) -> Option<&ItemOutcome> {
        self.outcomes.iter().find(|o| o.item == item)
    }
}

/// Re-anchors every item of `workspace` onto `documents` (the documents as loaded now).
pub fn reanchor_workspace(
    workspace: &Workspace,
    documents: &[DocumentInput<'_>],
) -> ReanchorReport {
    let mut document_ids: BTreeSet<&str> =
        workspace.documents.iter().map(|d| d.id.as_str()).collect();
    document_ids.extend(
        workspace
            .claims
            .iter()
            .map(|c| c.anchor.document_id.as_str()),
    );
    document_ids.extend(
        workspace
            .section_notes
            .iter()
            .map(|n| n.document_id.as_str()),
    );

    let mut report = ReanchorReport::default();
    for document_id in document_ids {
        let entry = workspace.documents.iter().find(|d| d.id == document_id);
        let title = entry.map(|d| d.title.clone()).unwrap_or_default();
        let claims = workspace
            .claims
            .iter()
            .filter(|c| c.anchor.document_id == document_id);
        let notes = workspace
            .section_notes
            .iter()
            .filter(|n| n.document_id == document_id);
        let Some(input) = documents.iter().find(|d| d.id == document_id) else {
            report.documents.push(DocumentReport {
                document_id: document_id.to_owned(),
                title,
                status: DocumentStatus::Missing,
                stayed: 0,
                moved: 0,
                orphaned: 0,
                waiting: claims.count() + notes.count(),
            });
            continue;
        };
        let status = if entry.is_some_and(|e| e.hash == input.hash) {
            DocumentStatus::Unchanged
        } else {
            DocumentStatus::Changed
        };
        let mut doc_report = DocumentReport {
            document_id: document_id.to_owned(),
            title,
            status,
            stayed: 0,
            moved: 0,
            orphaned: 0,
            waiting: 0,
        };
        let reanchorer = Reanchorer::new(input.text, &input.sections);
        for claim in claims {
            let outcome =
                reanchor_claim(&reanchorer, input, claim.id, &claim.anchor, &claim.origin);
            match (outcome.result.is_attached(), outcome.result.moved) {
                (true, false) => doc_report.stayed += 1,
                (true, true) => doc_report.moved += 1,
                (false, _) => {
                    doc_report.orphaned += 1;
                    let reason = if claim.anchor.quote.is_empty() {
                        OrphanReason::MigratedClaimNotFound
                    } else {
                        OrphanReason::TextNotFound
                    };
                    report.orphans.push(Orphan {
                        target: OrphanTarget::Claim(claim.id),
                        document_id: document_id.to_owned(),
                        quote: claim.anchor.quote.clone(),
                        reason,
                        best_confidence: outcome.result.confidence,
                        suggestion: outcome.result.suggestion,
                    });
                }
            }
            report.outcomes.push(outcome);
        }
        let paths = section_paths(&input.sections);
        for note in notes {
            if paths.contains(&note.section_path) {
                doc_report.stayed += 1;
                continue;
            }
            let same_title: Vec<&Vec<String>> = match note.section_path.last() {
                Some(last) => paths.iter().filter(|p| p.last() == Some(last)).collect(),
                None => Vec::new(),
            };
            if let [only] = same_title.as_slice() {
                doc_report.moved += 1;
                report.section_note_moves.push(SectionNoteMove {
                    document_id: document_id.to_owned(),
                    from: note.section_path.clone(),
                    to: (*only).clone(),
                });
            } else {
                doc_report.orphaned += 1;
                report.orphans.push(Orphan {
                    target: OrphanTarget::SectionNote {
                        section_path: note.section_path.clone(),
                    },
                    document_id: document_id.to_owned(),
                    quote: note.section_path.join(" › "),
                    reason: OrphanReason::SectionNotFound,
                    best_confidence: 0.0,
                    suggestion: None,
                });
            }
        }
        report.documents.push(doc_report);
    }
    report.outcomes.sort_by_key(|o| o.item);
    report
        .orphans
        .sort_by(|a, b| (&a.document_id, &a.target).cmp(&(&b.document_id, &b.target)));
    report
}

fn reanchor_claim(
    reanchorer: &Reanchorer<'_>,
    input: &DocumentInput<'_>,
    item: ItemId,
    anchor: &Anchor,
    origin: &ClaimOrigin,
) -> ItemOutcome {
    let stored_claim_id = match origin {
        ClaimOrigin::Detected { claim_id } => Some(claim_id.as_str()),
        ClaimOrigin::Own => None,
    };
    let result = if anchor.quote.is_empty() {
        // Migrated from version 0: the claim id is all there is.
        let placed = stored_claim_id
            .and_then(|id| input.detected_claims.iter().find(|c| c.id == id))
            .map(|c| c.span);
        match placed {
            Some(span) => AnchorResult {
                span: Some(span),
                confidence: 1.0,
                stage: Stage::DetectedClaimId,
                moved: true,
                suggestion: None,
            },
            None => reanchorer.reanchor(anchor),
        }
    } else {
        reanchorer.reanchor(anchor)
    };
    let mut outcome = ItemOutcome {
        item,
        document_id: input.id.to_owned(),
        result,
        new_anchor: None,
        new_detected_claim_id: None,
    };
    let Some(span) = result.span else {
        return outcome;
    };
    if let Ok(rebuilt) = build_anchor(input.id, input.text, &input.sections, span)
        && rebuilt != *anchor
    {
        outcome.new_anchor = Some(rebuilt);
    }
    if let Some(stored) = stored_claim_id
        && let Some(now) = input.detected_claim_at(span)
        && now != stored
    {
        outcome.new_detected_claim_id = Some(now.to_owned());
    }
    outcome
}

impl Workspace {
    /// Writes a re-anchoring report into the workspace: new anchors and claim ids of the items
    /// that were found, moved section notes, and the current hashes of the loaded documents.
    /// Orphans and items of missing documents are left exactly as they were.
    pub fn apply_reanchor(&mut self, report: &ReanchorReport, documents: &[DocumentInput<'_>]) {
        for outcome in &report.outcomes {
            let Some(claim) = self.claims.iter_mut().find(|c| c.id == outcome.item) else {
                continue;
            };
            if let Some(anchor) = &outcome.new_anchor {
                claim.anchor = anchor.clone();
            }
            if let (Some(new_id), ClaimOrigin::Detected { claim_id }) =
                (&outcome.new_detected_claim_id, &mut claim.origin)
            {
                claim_id.clone_from(new_id);
            }
        }
        for moved in &report.section_note_moves {
            let is_taken = self
                .section_notes
                .iter()
                .any(|n| n.document_id == moved.document_id && n.section_path == moved.to);
            if is_taken {
                continue;
            }
            if let Some(note) = self
                .section_notes
                .iter_mut()
                .find(|n| n.document_id == moved.document_id && n.section_path == moved.from)
            {
                note.section_path.clone_from(&moved.to);
            }
        }
        for input in documents {
            if let Some(entry) = self.documents.iter_mut().find(|d| d.id == input.id) {
                input.hash.clone_into(&mut entry.hash);
            }
        }
        self.normalize();
    }
}
