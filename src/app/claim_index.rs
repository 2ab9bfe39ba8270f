//! Claims as the person sees them: the ones Lectern detected and the ones they marked, behind
//! one handle.
//!
//! [`ClaimKey`] names either kind. [`ClaimIndex`] finds the person's record of a detected claim
//! without scanning the workspace (the reader and the sidebar ask for every claim in view,
//! every frame) and places the person's own claims in the open documents. [`Claims`] bundles
//! the study, the workspace and the index, so a panel asks one value about a claim.

use std::collections::HashMap;

use crate::core::analysis::{Claim, ClaimRef, Study};
use crate::core::document::Span;
use crate::core::workspace::{ClaimRecord, ItemId, Verdict, Workspace};

/// A claim the person can select and judge.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ClaimKey {
    /// A sentence Lectern detected as a claim.
    Detected(ClaimRef),
    /// A passage the person marked as a claim ("Mark as claim").
    Own(ItemId),
}

impl From<ClaimRef> for ClaimKey {
    fn from(r: ClaimRef) -> Self {
        Self::Detected(r)
    }
}

impl ClaimKey {
    /// The detected claim, if this is one.
    pub fn detected(self) -> Option<ClaimRef> {
        match self {
            Self::Detected(r) => Some(r),
            Self::Own(_) => None,
        }
    }
}

/// One of the person's own claims, placed in the open study.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OwnClaim {
    /// Its workspace item.
    pub item: ItemId,
    /// Index into `Study::documents`.
    pub doc: usize,
    /// The section it starts in.
    pub section: usize,
    /// Where it is in the document's text.
    pub span: Span,
}

/// Lookups rebuilt whenever the workspace or the study changes.
#[derive(Debug, Clone, Default)]
pub struct ClaimIndex {
    /// Detected claim id → position of its record in `Workspace::claims`.
    detected: HashMap<String, usize>,
    /// Item id → position of its record in `Workspace::claims`.
    items: HashMap<ItemId, usize>,
    /// The person's own claims that sit on their text, sorted by document and position.
    own: Vec<OwnClaim>,
    /// Own claim's item id → its position in `own`.
    own_positions: HashMap<ItemId, usize>,
}

impl ClaimIndex {
    /// Indexes `workspace`'s claim records against `study`.
    pub fn build(study: &Study, workspace: &Workspace) -> Self {
        let mut detected = HashMap::with_capacity(workspace.claims.len());
        let mut items = HashMap::with_capacity(workspace.claims.len());
        let mut own = Vec::new();
        let doc_index: HashMap<&str, usize> = study
            .documents
            .iter()
            .enumerate()
            .map(|(i, d)| (d.document.id.as_str(), i))
            .collect();
        for (position, record) in workspace.claims.iter().enumerate() {
            items.entry(record.id).or_insert(position);
            if let Some(id) = record.detected_claim_id() {
                detected.entry(id.to_owned()).or_insert(position);
                continue;
            }
            let anchor = &record.anchor;
            let Some(&doc) = doc_index.get(anchor.document_id.as_str()) else {
                continue;
            };
            let Some(d) = study.documents.get(doc) else {
                continue;
            };
            // Only items sitting on their quote are shown in the text; the others are listed
            // under "Needs review".
            if d.document.text.get(anchor.span.start..anchor.span.end) != Some(&anchor.quote)
                || anchor.quote.is_empty()
            {
                continue;
            }
            let section = d
                .document
                .sections
                .iter()
                .rposition(|s| s.body.start <= anchor.span.start)
                .unwrap_or(0);
            own.push(OwnClaim {
                item: record.id,
                doc,
                section,
                span: anchor.span,
            });
        }
        own.sort_by_key(|o| (o.doc, o.span.start, o.span.end, o.item));
        let own_positions = own.iter().enumerate().map(|(i, o)| (o.item, i)).collect();
        Self {
            detected,
            items,
            own,
            own_positions,
        }
    }

    /// The person's own claims in one document, in reading order.
    pub fn own_in_document(&self, doc: usize) -> &[OwnClaim] {
        let start = self.own.partition_point(|o| o.doc < doc);
        let end = self.own.partition_point(|o| o.doc <= doc);
        self.own.get(start..end).unwrap_or(&[])
    }

    /// Every own claim placed in the study, in reading order.
    pub fn own_claims(&self) -> &[OwnClaim] {
        &self.own
    }
}

/// The study, the person's workspace and the index: everything needed to show a claim.
#[derive(Clone, Copy)]
pub struct Claims<'a> {
    /// The open documents and their detected claims.
    pub study: &'a Study,
    /// What the person made.
    pub workspace: &'a Workspace,
    /// Lookups over both.
    pub index: &'a ClaimIndex,
}

impl<'a> Claims<'a> {
    /// The person's record of a detected claim, if they acted on it.
    pub fn detected_record(&self, r: ClaimRef) -> Option<&'a ClaimRecord> {
        let id = self.study.claim(r)?.id.as_str();
        let record = self
            .index
            .detected
            .get(id)
            .and_then(|&p| self.workspace.claims.get(p))
            .filter(|c| c.detected_claim_id() == Some(id));
        // A stale index must never show another claim's verdict: fall back to a scan.
        record.or_else(|| {
            self.workspace
                .claims
                .iter()
                .find(|c| c.detected_claim_id() == Some(id))
        })
    }

    /// The person's record of a claim (own claims always have one).
    pub fn record(&self, key: ClaimKey) -> Option<&'a ClaimRecord> {
        match key {
            ClaimKey::Detected(r) => self.detected_record(r),
            ClaimKey::Own(item) => {
                let record = self
                    .index
                    .items
                    .get(&item)
                    .and_then(|&p| self.workspace.claims.get(p))
                    .filter(|c| c.id == item);
                // A stale index must never show another item's data: fall back to a scan.
                record.or_else(|| self.workspace.claim(item))
            }
        }
    }

    /// The person's verdict (Unreviewed until they judge it).
    pub fn verdict(&self, key: ClaimKey) -> Verdict {
        self.record(key).map_or(Verdict::Unreviewed, |c| c.verdict)
    }

    /// Whether the person dismissed it.
    pub fn is_dismissed(&self, key: ClaimKey) -> bool {
        self.record(key).is_some_and(|c| c.is_dismissed)
    }

    /// Where an own claim is in the study.
    pub fn own(&self, item: ItemId) -> Option<&'a OwnClaim> {
        let index = self.index;
        index
            .own_positions
            .get(&item)
            .and_then(|&p| index.own.get(p))
            .filter(|o| o.item == item)
    }

    /// The detected claim's analysis (kinds, hedge, reasons, citations).
    pub fn detected(&self, key: ClaimKey) -> Option<&'a Claim> {
        self.study.claim(key.detected()?)
    }

    /// Whether the claim is in the open study.
    pub fn exists(&self, key: ClaimKey) -> bool {
        match key {
            ClaimKey::Detected(r) => self.study.claim(r).is_some(),
            ClaimKey::Own(item) => self.own(item).is_some(),
        }
    }

    /// Document, section and text span of the claim.
    pub fn place(&self, key: ClaimKey) -> Option<(usize, usize, Span)> {
        match key {
            ClaimKey::Detected(r) => Some((r.doc, r.section, self.study.sentence(r)?.span)),
            ClaimKey::Own(item) => self.own(item).map(|o| (o.doc, o.section, o.span)),
        }
    }

    /// The claim's text.
    pub fn text(&self, key: ClaimKey) -> &'a str {
        match key {
            ClaimKey::Detected(r) => self.study.sentence_text(r),
            ClaimKey::Own(item) => self
                .own(item)
                .and_then(|o| {
                    let d = self.study.documents.get(o.doc)?;
                    d.document.text.get(o.span.start..o.span.end)
                })
                .unwrap_or(""),
        }
    }

    /// A stable string for widget ids and links.
    pub fn stable_id(&self, key: ClaimKey) -> String {
        match key {
            ClaimKey::Detected(r) => self
                .study
                .claim(r)
                .map_or_else(String::new, |c| c.id.to_string()),
            ClaimKey::Own(item) => format!("own-{}", item.0),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::analysis::{Source, open_study_now};

    fn seeds() -> Study {
        open_study_now(&Source::Seeds)
    }

    #[test]
    fn own_claims_are_placed_in_their_section_and_detected_records_found() {
        let study = seeds();
        let mut ws = study.new_workspace();
        let d = &study.documents[1];
        let section = 1;
        let body = d.document.sections[section].body;
        let span = Span::new(body.start, body.start + 20);
        let item = ws
            .add_own_claim(&d.workspace_input(), span)
            .expect("own claim");
        let r = study.claim_refs().next().expect("a claim");
        let tracked = {
            let doc = &study.documents[r.doc];
            let s = study.sentence(r).expect("sentence");
            ws.track_detected_claim(
                &doc.workspace_input(),
                &study.claim(r).expect("c").id,
                s.span,
            )
            .expect("tracked")
        };
        ws.set_verdict(tracked, Verdict::Disputed).expect("verdict");
        let index = ClaimIndex::build(&study, &ws);
        let claims = Claims {
            study: &study,
            workspace: &ws,
            index: &index,
        };
        assert_eq!(claims.place(ClaimKey::Own(item)), Some((1, section, span)));
        assert_eq!(claims.text(ClaimKey::Own(item)).len(), 20);
        assert_eq!(claims.verdict(r.into()), Verdict::Disputed);
        assert_eq!(index.own_in_document(1).len(), 1);
        assert!(index.own_in_document(0).is_empty());
    }
}
