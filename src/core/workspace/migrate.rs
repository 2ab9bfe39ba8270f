//! Earlier file layouts and their migration to the current one.
//!
//! Version 0 ([`WorkspaceV0`]) kept verdicts and notes as flat maps from detected claim id to
//! a verdict string or note, without anchors. [`migrate_v0`] turns each into a claim item
//! with an empty quote; re-anchoring then places it by its claim id
//! ([`Stage::DetectedClaimId`](crate::core::workspace::Stage::DetectedClaimId)), or reports it
//! as an orphan, never dropping it.

use std::collections::{BTreeMap, BTreeSet};

use serde::Deserialize;

use crate::core::workspace::model::{
    Anchor, ClaimOrigin, ClaimRecord, DocumentEntry, ItemId, Verdict, Workspace,
};

/// The version 0 layout. Unknown fields are refused so that a later file without a version
/// is never read as version 0 with its data silently left out.
#[derive(Debug, Clone, PartialEq, Eq, Default, Deserialize)]
#[serde(default, deny_unknown_fields, rename = "Workspace")]
pub struct WorkspaceV0 {
    /// Always 0 (or absent).
    pub version: u32,
    /// Documents.
    pub documents: Vec<DocumentV0>,
    /// Detected claim id → verdict name ("Supported", "needs source", …).
    pub verdicts: BTreeMap<String, String>,
    /// Detected claim id → note.
    pub notes: BTreeMap<String, String>,
    /// The notebook.
    pub notebook: String,
}

/// A document in the version 0 layout.
#[derive(Debug, Clone, PartialEq, Eq, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct DocumentV0 {
    /// Document id.
    pub id: String,
    /// Path.
    pub path: String,
    /// Content hash.
    pub hash: String,
    /// Title.
    pub title: String,
}

/// Converts a version 0 workspace to the current layout, keeping every verdict and note.
pub fn migrate_v0(old: WorkspaceV0) -> Workspace {
    let mut workspace = Workspace::new();
    workspace.documents = old
        .documents
        .iter()
        .map(|d| DocumentEntry {
            id: d.id.clone(),
            path: d.path.clone(),
            hash: d.hash.clone(),
            title: d.title.clone(),
            note: String::new(),
            embedded_text: None,
        })
        .collect();
    workspace.notebook = old.notebook;
    let claim_ids: BTreeSet<&String> = old.verdicts.keys().chain(old.notes.keys()).collect();
    for (n, claim_id) in claim_ids.into_iter().enumerate() {
        let verdict_text = old.verdicts.get(claim_id).map(String::as_str).unwrap_or("");
        let mut note = old.notes.get(claim_id).cloned().unwrap_or_default();
        let verdict = Verdict::parse_loose(verdict_text).unwrap_or_else(|| {
            // An unknown verdict name is kept in the note rather than lost.
            if !note.is_empty() {
                note.push_str("\n\n");
            }
            note.push_str(&format!(
                "(Verdict from an earlier version: {verdict_text})"
            ));
            Verdict::Unreviewed
        });
        let document_id = document_of_claim(&old.documents, claim_id);
        workspace.claims.push(ClaimRecord {
            id: ItemId(n as u64 + 1),
            origin: ClaimOrigin::Detected {
                claim_id: claim_id.clone(),
            },
            anchor: Anchor {
                document_id,
                ..Anchor::default()
            },
            verdict,
            is_dismissed: false,
            tags: BTreeSet::new(),
            note,
        });
    }
    workspace.normalize();
    workspace
}

/// The document a detected claim id belongs to: ids are "<document id>-<sentence hash>".
fn document_of_claim(documents: &[DocumentV0], claim_id: &str) -> String {
    documents
        .iter()
        .filter(|d| {
            claim_id
                .strip_prefix(d.id.as_str())
                .is_some_and(|rest| rest.starts_with('-'))
        })
        .max_by_key(|d| d.id.len())
        .map(|d| d.id.clone())
        .unwrap_or_else(|| claim_id.split('-').next().unwrap_or("").to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn verdicts_and_notes_become_items_of_their_documents() {
        let old = WorkspaceV0 {
            version: 0,
            documents: vec![DocumentV0 {
                id: "dabc".to_owned(),
                path: "a.txt".to_owned(),
                hash: "h".to_owned(),
                title: "A".to_owned(),
            }],
            verdicts: BTreeMap::from([
                ("dabc-111".to_owned(), "needs source".to_owned()),
                ("dabc-222".to_owned(), "Plausible".to_owned()),
            ]),
            notes: BTreeMap::from([("dabc-111".to_owned(), "see UN report".to_owned())]),
            notebook: "nb".to_owned(),
        };
        let ws = migrate_v0(old);
        assert_eq!(ws.claims.len(), 2);
        let first = &ws.claims[0];
        assert_eq!(first.verdict, Verdict::NeedsSource);
        assert_eq!(first.note, "see UN report");
        assert_eq!(first.anchor.document_id, "dabc");
        assert_eq!(first.detected_claim_id(), Some("dabc-111"));
        let second = &ws.claims[1];
        assert_eq!(second.verdict, Verdict::Unreviewed);
        assert!(
            second.note.contains("Plausible"),
            "unknown verdict kept in the note"
        );
        assert_eq!(ws.notebook, "nb");
        assert_eq!(ws.next_item_id, 3);
    }
}
