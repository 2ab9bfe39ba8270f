//! The editing API the app calls: every change a person makes to a [`Workspace`].
//!
//! Claim items are addressed by [`ItemId`]. A detected claim gets an item the first time the
//! person acts on it ([`Workspace::track_detected_claim`]); own claims are made from a text
//! selection ([`Workspace::add_own_claim`]). Notes and tags are size-limited; a change over a
//! limit is refused with an [`EditError`], never cut. Deleting is always explicit.

use crate::core::document::Span;
use crate::core::workspace::anchor::{AnchorError, build_anchor};
use crate::core::workspace::model::{
    ClaimOrigin, ClaimRecord, DocumentEntry, ItemId, SectionNote, Verdict, Workspace,
};
use crate::core::workspace::reanchor::DocumentInput;
use crate::core::workspace::{MAX_NOTE_BYTES, MAX_NOTEBOOK_BYTES, MAX_TAG_BYTES};

/// Why a change to the workspace was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EditError {
    /// No claim item with this id.
    #[error("no claim item {0} in this workspace")]
    UnknownItem(ItemId),
    /// The document is not part of the workspace.
    #[error("document {0} is not part of this workspace")]
    UnknownDocument(String),
    /// The selection cannot be anchored.
    #[error(transparent)]
    Selection(#[from] AnchorError),
    /// A note or tag over its limit.
    #[error("{what} is {len_bytes} bytes; the limit is {limit_bytes}")]
    TooLong {
        /// What was too long ("the note", "the tag", …).
        what: &'static str,
        /// Its length.
        len_bytes: usize,
        /// The limit.
        limit_bytes: usize,
    },
    /// A tag of only whitespace.
    #[error("a tag needs at least one visible character")]
    EmptyTag,
    /// No note on that section.
    #[error("document {document_id} has no note on section \"{section}\"")]
    UnknownSectionNote {
        /// The document.
        document_id: String,
        /// The section's title path, joined with " › ".
        section: String,
    },
    /// Own claims are deleted, not dismissed.
    #[error("claim item {0} is the person's own claim; only detected claims are dismissed")]
    NotDetected(ItemId),
}

fn check_len(what: &'static str, text: &str, limit_bytes: usize) -> Result<(), EditError> {
    if text.len() > limit_bytes {
        return Err(EditError::TooLong {
            what,
            len_bytes: text.len(),
            limit_bytes,
        });
    }
    Ok(())
}

impl Workspace {
    /// An empty workspace.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds a document or updates its path, hash and title (its note and items are kept).
    pub fn upsert_document(&mut self, id: &str, path: &str, hash: &str, title: &str) {
        if let Some(entry) = self.documents.iter_mut().find(|d| d.id == id) {
            path.clone_into(&mut entry.path);
            hash.clone_into(&mut entry.hash);
            title.clone_into(&mut entry.title);
            return;
        }
        self.documents.push(DocumentEntry {
            id: id.to_owned(),
            path: path.to_owned(),
            hash: hash.to_owned(),
            title: title.to_owned(),
            note: String::new(),
            embedded_text: None,
        });
        self.documents.sort_by(|a, b| a.id.cmp(&b.id));
    }

    /// The document entry with this id.
    pub fn document(&self, id: &str) -> Option<&DocumentEntry> {
        self.documents.iter().find(|d| d.id == id)
    }

    /// The claim item with this id.
    pub fn claim(&self, item: ItemId) -> Option<&ClaimRecord> {
        self.claims.iter().find(|c| c.id == item)
    }

    /// Claim items of one document, sorted by their stored position.
    pub fn claims_in_document(&self, document_id: &str) -> Vec<&ClaimRecord> {
        let mut claims: Vec<&ClaimRecord> = self
            .claims
            .iter()
            .filter(|c| c.anchor.document_id == document_id)
            .collect();
        claims.sort_by_key(|c| (c.anchor.span, c.id));
        claims
    }

    /// The item that tracks a detected claim id, if the person acted on it.
    pub fn find_detected(&self, claim_id: &str) -> Option<ItemId> {
        self.claims
            .iter()
            .find(|c| c.detected_claim_id() == Some(claim_id))
            .map(|c| c.id)
    }

    /// The item of a detected claim at `span`, made now if the person had not acted on it yet.
    pub fn track_detected_claim(
        &mut self,
        document: &DocumentInput<'_>,
        claim_id: &str,
        span: Span,
    ) -> Result<ItemId, EditError> {
        if let Some(existing) = self.find_detected(claim_id) {
            return Ok(existing);
        }
        let origin = ClaimOrigin::Detected {
            claim_id: claim_id.to_owned(),
        };
        self.add_claim(document, span, origin)
    }

    /// Marks a selection of a document as the person's own claim.
    pub fn add_own_claim(
        &mut self,
        document: &DocumentInput<'_>,
        span: Span,
    ) -> Result<ItemId, EditError> {
        self.add_claim(document, span, ClaimOrigin::Own)
    }

    fn add_claim(
        &mut self,
        document: &DocumentInput<'_>,
        span: Span,
        origin: ClaimOrigin,
    ) -> Result<ItemId, EditError> {
        if self.document(document.id).is_none() {
            return Err(EditError::UnknownDocument(document.id.to_owned()));
        }
        let anchor = build_anchor(document.id, document.text, &document.sections, span)?;
        self.normalize();
        let id = ItemId(self.next_item_id);
        self.next_item_id = self.next_item_id.saturating_add(1);
        self.claims.push(ClaimRecord {
            id,
            origin,
            anchor,
            ..ClaimRecord::default()
        });
        Ok(id)
    }

    fn claim_mut(&mut self, item: ItemId) -> Result<&mut ClaimRecord, EditError> {
        self.claims
            .iter_mut()
            .find(|c| c.id == item)
            .ok_or(EditError::UnknownItem(item))
    }

    /// Sets the person's verdict on a claim.
    pub fn set_verdict(&mut self, item: ItemId, verdict: Verdict) -> Result<(), EditError> {
        self.claim_mut(item)?.verdict = verdict;
        Ok(())
    }

    /// Replaces the note on a claim ("" clears it).
    pub fn set_claim_note(&mut self, item: ItemId, note: &str) -> Result<(), EditError> {
        check_len("the note", note, MAX_NOTE_BYTES)?;
        note.clone_into(&mut self.claim_mut(item)?.note);
        Ok(())
    }

    /// Adds a tag (trimmed) to a claim; false when it was already there.
    pub fn add_tag(&mut self, item: ItemId, tag: &str) -> Result<bool, EditError> {
        let tag = tag.trim();
        if tag.is_empty() {
            return Err(EditError::EmptyTag);
        }
        check_len("the tag", tag, MAX_TAG_BYTES)?;
        Ok(self.claim_mut(item)?.tags.insert(tag.to_owned()))
    }

    /// Removes a tag from a claim; false when it was not there.
    pub fn remove_tag(&mut self, item: ItemId, tag: &str) -> Result<bool, EditError> {
        Ok(self.claim_mut(item)?.tags.remove(tag.trim()))
    }

    /// Hides a detected claim from the claim list (kept, restorable).
    pub fn dismiss(&mut self, item: ItemId) -> Result<(), EditError> {
        let claim = self.claim_mut(item)?;
        if claim.origin == ClaimOrigin::Own {
            return Err(EditError::NotDetected(item));
        }
        claim.is_dismissed = true;
        Ok(())
    }

    /// Shows a dismissed claim again.
    pub fn restore(&mut self, item: ItemId) -> Result<(), EditError> {
        self.claim_mut(item)?.is_dismissed = false;
        Ok(())
    }

    /// Dismissed claims, sorted by id.
    pub fn dismissed_claims(&self) -> Vec<&ClaimRecord> {
        self.claims.iter().filter(|c| c.is_dismissed).collect()
    }

    /// Points a claim (typically an orphan) at a new selection, in any document of the
    /// workspace; its verdict, tags and note stay.
    pub fn reattach(
        &mut self,
        item: ItemId,
        document: &DocumentInput<'_>,
        span: Span,
    ) -> Result<(), EditError> {
        if self.document(document.id).is_none() {
            return Err(EditError::UnknownDocument(document.id.to_owned()));
        }
        let anchor = build_anchor(document.id, document.text, &document.sections, span)?;
        self.claim_mut(item)?.anchor = anchor;
        Ok(())
    }

    /// Deletes a claim item and everything on it (only on the person's explicit request).
    pub fn delete_item(&mut self, item: ItemId) -> Result<ClaimRecord, EditError> {
        let index = self
            .claims
            .iter()
            .position(|c| c.id == item)
            .ok_or(EditError::UnknownItem(item))?;
        Ok(self.claims.remove(index))
    }

    /// Forgets detected-claim items that hold nothing the person made; returns how many.
    pub fn remove_untouched_claims(&mut self) -> usize {
        let before = self.claims.len();
        self.claims.retain(|c| !c.is_untouched());
        before - self.claims.len()
    }

    /// The note on a section, if any.
    pub fn section_note(&self, document_id: &str, section_path: &[String]) -> Option<&str> {
        self.section_notes
            .iter()
            .find(|n| n.document_id == document_id && n.section_path == section_path)
            .map(|n| n.note.as_str())
    }

    /// Replaces the note on a section ("" removes it).
    pub fn set_section_note(
        &mut self,
        document_id: &str,
        section_path: &[String],
        note: &str,
    ) -> Result<(), EditError> {
        check_len("the section note", note, MAX_NOTE_BYTES)?;
        if self.document(document_id).is_none() {
            return Err(EditError::UnknownDocument(document_id.to_owned()));
        }
        let existing = self
            .section_notes
            .iter()
            .position(|n| n.document_id == document_id && n.section_path == section_path);
        match (existing, note.is_empty()) {
            (Some(index), true) => {
                self.section_notes.remove(index);
            }
            (Some(index), false) => {
                if let Some(entry) = self.section_notes.get_mut(index) {
                    note.clone_into(&mut entry.note);
                }
            }
            (None, true) => {}
            (None, false) => {
                self.section_notes.push(SectionNote {
                    document_id: document_id.to_owned(),
                    section_path: section_path.to_vec(),
                    note: note.to_owned(),
                });
                self.normalize();
            }
        }
        Ok(())
    }

    /// Moves a section note (typically an orphan) to another section of the same document;
    /// refused when that section already has a note.
    pub fn move_section_note(
        &mut self,
        document_id: &str,
        from: &[String],
        to: &[String],
    ) -> Result<bool, EditError> {
        if from == to {
            return Ok(true);
        }
        if self.section_note(document_id, to).is_some() {
            return Ok(false);
        }
        let Some(note) = self
            .section_notes
            .iter_mut()
            .find(|n| n.document_id == document_id && n.section_path == from)
        else {
            return Err(EditError::UnknownSectionNote {
                document_id: document_id.to_owned(),
                section: from.join(" › "),
            });
        };
        note.section_path = to.to_vec();
        self.normalize();
        Ok(true)
    }

    /// Replaces the note on a whole document ("" clears it).
    pub fn set_document_note(&mut self, document_id: &str, note: &str) -> Result<(), EditError> {
        check_len("the document note", note, MAX_NOTE_BYTES)?;
        let Some(entry) = self.documents.iter_mut().find(|d| d.id == document_id) else {
            return Err(EditError::UnknownDocument(document_id.to_owned()));
        };
        note.clone_into(&mut entry.note);
        Ok(())
    }

    /// Replaces the workspace notebook.
    pub fn set_notebook(&mut self, notebook: &str) -> Result<(), EditError> {
        check_len("the notebook", notebook, MAX_NOTEBOOK_BYTES)?;
        notebook.clone_into(&mut self.notebook);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::workspace::anchor::SectionOutline;

    const TEXT: &str = "Title\n\nRussia sold missiles to North Korea in 2019. Trade rose by 10%.";

    fn input() -> DocumentInput<'static> {
        DocumentInput::new(
            "d1",
            "h1",
            TEXT,
            vec![SectionOutline::new("", 1, Span::new(7, TEXT.len()))],
        )
    }

    fn workspace() -> Workspace {
        let mut ws = Workspace::new();
        ws.upsert_document("d1", "a.txt", "h1", "Title");
        ws
    }

    #[test]
    fn own_claim_from_selection_gets_an_anchor_and_a_new_id() {
        let mut ws = workspace();
        let start = TEXT.find("Trade").unwrap();
        let a = ws
            .add_own_claim(&input(), Span::new(start, TEXT.len()))
            .unwrap();
        let b = ws.add_own_claim(&input(), Span::new(7, 20)).unwrap();
        assert_ne!(a, b);
        assert_eq!(ws.claim(a).unwrap().anchor.quote, "Trade rose by 10%.");
        assert_eq!(ws.claim(a).unwrap().origin, ClaimOrigin::Own);
    }

    #[test]
    fn detected_claim_is_tracked_once_and_keeps_verdict_tags_note() {
        let mut ws = workspace();
        let span = Span::new(7, TEXT.find(" Trade").unwrap());
        let item = ws.track_detected_claim(&input(), "d1-abc", span).unwrap();
        assert_eq!(
            ws.track_detected_claim(&input(), "d1-abc", span).unwrap(),
            item
        );
        ws.set_verdict(item, Verdict::Disputed).unwrap();
        assert!(ws.add_tag(item, " sanctions ").unwrap());
        assert!(!ws.add_tag(item, "sanctions").unwrap());
        ws.set_claim_note(item, "Check the **UN** report.\n")
            .unwrap();
        let claim = ws.claim(item).unwrap();
        assert_eq!(claim.verdict, Verdict::Disputed);
        assert!(claim.tags.contains("sanctions"));
        assert!(ws.remove_tag(item, "sanctions").unwrap());
        assert_eq!(ws.add_tag(item, "  "), Err(EditError::EmptyTag));
    }

    #[test]
    fn dismissed_claims_are_kept_and_restorable_but_own_claims_are_not_dismissed() {
        let mut ws = workspace();
        let item = ws
            .track_detected_claim(&input(), "d1-x", Span::new(7, 20))
            .unwrap();
        ws.dismiss(item).unwrap();
        assert_eq!(ws.dismissed_claims().len(), 1);
        ws.restore(item).unwrap();
        assert!(ws.dismissed_claims().is_empty());
        assert!(ws.claim(item).is_some());
        let own = ws.add_own_claim(&input(), Span::new(7, 20)).unwrap();
        assert_eq!(ws.dismiss(own), Err(EditError::NotDetected(own)));
    }

    #[test]
    fn notes_over_the_limit_are_refused_not_cut() {
        let mut ws = workspace();
        let long = "x".repeat(MAX_NOTE_BYTES + 1);
        assert!(matches!(
            ws.set_document_note("d1", &long),
            Err(EditError::TooLong { .. })
        ));
        assert_eq!(ws.document("d1").unwrap().note, "");
        assert!(ws.set_notebook("# Notebook\n").is_ok());
    }

    #[test]
    fn section_notes_set_replace_and_clear() {
        let mut ws = workspace();
        let path = vec!["Bilateral Relations".to_owned()];
        ws.set_section_note("d1", &path, "first").unwrap();
        ws.set_section_note("d1", &path, "second").unwrap();
        assert_eq!(ws.section_note("d1", &path), Some("second"));
        ws.set_section_note("d1", &path, "").unwrap();
        assert_eq!(ws.section_note("d1", &path), None);
        assert_eq!(
            ws.set_section_note("nope", &path, "x"),
            Err(EditError::UnknownDocument("nope".to_owned()))
        );
    }

    #[test]
    fn reattach_and_delete_are_explicit() {
        let mut ws = workspace();
        let item = ws.add_own_claim(&input(), Span::new(7, 20)).unwrap();
        ws.set_verdict(item, Verdict::Supported).unwrap();
        let start = TEXT.find("Trade").unwrap();
        ws.reattach(item, &input(), Span::new(start, TEXT.len()))
            .unwrap();
        let claim = ws.claim(item).unwrap();
        assert_eq!(claim.anchor.quote, "Trade rose by 10%.");
        assert_eq!(claim.verdict, Verdict::Supported);
        assert_eq!(ws.delete_item(item).unwrap().id, item);
        assert_eq!(ws.delete_item(item), Err(EditError::UnknownItem(item)));
    }

    #[test]
    fn untouched_detected_items_can_be_forgotten() {
        let mut ws = workspace();
        let kept = ws
            .track_detected_claim(&input(), "d1-a", Span::new(7, 20))
            .unwrap();
        ws.set_verdict(kept, Verdict::Supported).unwrap();
        ws.track_detected_claim(&input(), "d1-b", Span::new(21, 30))
            .unwrap();
        assert_eq!(ws.remove_untouched_claims(), 1);
        assert!(ws.claim(kept).is_some());
    }
}
