//! The saved model: [`Workspace`] and everything in it that the person made.
//!
//! Only the person's data is stored (verdicts, own claims, dismissals, tags, notes, view
//! state) plus enough about each document to find it again ([`DocumentEntry`]) and, for every
//! item that points into a document, an [`Anchor`]. Derived data (sections, detected claims,
//! relations) is recomputed on open and never saved. Field order is the file's order; every
//! collection is kept sorted so that saving the same study twice gives the same bytes.

use std::collections::BTreeSet;
use std::fmt;
use std::path::PathBuf;

use serde::{Deserialize, Serialize};

use crate::core::document::Span;

/// The workspace file format this build writes and the newest it reads.
pub const CURRENT_VERSION: u32 = 1;

/// Stable key of a claim item inside one workspace (a counter, never reused).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default, Serialize, Deserialize,
)]
#[serde(transparent)]
pub struct ItemId(pub u64);

impl fmt::Display for ItemId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "#{}", self.0)
    }
}

/// The person's judgement of a claim.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default, Serialize, Deserialize,
)]
pub enum Verdict {
    /// Not judged yet.
    #[default]
    Unreviewed,
    /// The sources back it.
    Supported,
    /// Sources contradict it.
    Disputed,
    /// Nothing backs it.
    Unsupported,
    /// Needs a source before it can be judged.
    NeedsSource,
}

impl Verdict {
    /// Every verdict, in menu order.
    pub const ALL: [Verdict; 5] = [
        Verdict::Unreviewed,
        Verdict::Supported,
        Verdict::Disputed,
        Verdict::Unsupported,
        Verdict::NeedsSource,
    ];

    /// Words for the person.
    pub fn label(self) -> &'static str {
        match self {
            Self::Unreviewed => "Unreviewed",
            Self::Supported => "Supported",
            Self::Disputed => "Disputed",
            Self::Unsupported => "Unsupported",
            Self::NeedsSource => "Needs source",
        }
    }

    /// Reads a verdict written by hand or by an earlier version ("needs source", "SUPPORTED", …).
    pub fn parse_loose(text: &str) -> Option<Self> {
        let key: String = text
            .chars()
            .filter(|c| c.is_alphanumeric())
            .flat_map(char::to_lowercase)
            .collect();
        match key.as_str() {
            "unreviewed" | "none" | "" => Some(Self::Unreviewed),
            "supported" | "true" | "correct" => Some(Self::Supported),
            "disputed" | "false" | "contested" => Some(Self::Disputed),
            "unsupported" => Some(Self::Unsupported),
            "needssource" | "needsource" | "needscitation" => Some(Self::NeedsSource),
            _ => None,
        }
    }
}

/// Where an item points into a document, robust to edits of that document.
///
/// The span is only a hint: re-anchoring trusts the quote and its context first.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Anchor {
    /// The document it points into.
    pub document_id: String,
    /// Byte span into the document's normalised text when the anchor was made.
    pub span: Span,
    /// Titles of the enclosing sections, outermost first (`["Bilateral Relations"]`).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub section_path: Vec<String>,
    /// The exact text of the span ("" only for items migrated from version 0).
    pub quote: String,
    /// Up to 32 characters just before the quote.
    pub prefix: String,
    /// Up to 32 characters just after the quote.
    pub suffix: String,
}

/// Where a claim item came from.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Default, Serialize, Deserialize)]
pub enum ClaimOrigin {
    /// A claim Lectern detected; its id when the person acted on it (ids change with the text).
    Detected {
        /// The detected claim's id at the time.
        claim_id: String,
    },
    /// A claim the person marked from a text selection.
    #[default]
    Own,
}

/// One claim the person did something with: judged, tagged, noted, dismissed or marked.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ClaimRecord {
    /// Stable key inside this workspace.
    pub id: ItemId,
    /// Detected by Lectern or marked by the person.
    pub origin: ClaimOrigin,
    /// Where it is.
    pub anchor: Anchor,
    /// The person's judgement.
    pub verdict: Verdict,
    /// Hidden from the claim list by the person (detected claims only; restorable).
    #[serde(skip_serializing_if = "is_false")]
    pub is_dismissed: bool,
    /// Free tags, sorted.
    #[serde(skip_serializing_if = "BTreeSet::is_empty")]
    pub tags: BTreeSet<String>,
    /// The person's note (Markdown).
    #[serde(skip_serializing_if = "String::is_empty")]
    pub note: String,
}

impl ClaimRecord {
    /// True when the record holds nothing the person made beyond pointing at a detected claim.
    pub fn is_untouched(&self) -> bool {
        matches!(self.origin, ClaimOrigin::Detected { .. })
            && self.verdict == Verdict::Unreviewed
            && !self.is_dismissed
            && self.tags.is_empty()
            && self.note.is_empty()
    }

    /// The detected claim id, when this is a detected claim.
    pub fn detected_claim_id(&self) -> Option<&str> {
        match &self.origin {
            ClaimOrigin::Detected { claim_id } => Some(claim_id),
            ClaimOrigin::Own => None,
        }
    }
}

/// A note on one section, found again by the section's title path.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Default, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct SectionNote {
    /// The document.
    pub document_id: String,
    /// Titles of the section and its parents, outermost first; empty for the untitled intro.
    pub section_path: Vec<String>,
    /// The note (Markdown).
    pub note: String,
}

/// What the workspace remembers about one document.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct DocumentEntry {
    /// Stable document id (derived from its relative path).
    pub id: String,
    /// Where it is: relative to the workspace file's folder with `/` separators, or absolute.
    pub path: String,
    /// Content hash of the file's bytes when last saved (tells whether it changed).
    pub hash: String,
    /// Title, to name the document when it is missing.
    pub title: String,
    /// The person's note on the whole document (Markdown).
    #[serde(skip_serializing_if = "String::is_empty")]
    pub note: String,
    /// The document's normalised text, only in workspaces saved for sharing.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub embedded_text: Option<String>,
}

/// Which documents the sidebar lists claims from.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default, Serialize, Deserialize,
)]
pub enum FilterScope {
    /// Every document of the study.
    #[default]
    AllDocuments,
    /// Only the open document.
    OpenDocument,
}

/// Colour theme.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default, Serialize, Deserialize,
)]
pub enum Theme {
    /// Follow the system.
    #[default]
    System,
    /// Light.
    Light,
    /// Dark.
    Dark,
}

/// The sidebar's claim filters.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct SidebarFilters {
    /// Claim kinds shown ("statistic", …); empty shows all. Sorted.
    pub kinds: Vec<String>,
    /// Show only hedged claims.
    pub hedged_only: bool,
    /// Verdicts shown; empty shows all. Sorted.
    pub verdicts: Vec<Verdict>,
    /// Text search.
    pub text: String,
    /// Which documents.
    pub scope: FilterScope,
}

/// Where the person was.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ViewState {
    /// The open document's id.
    pub open_document: Option<String>,
    /// Title path of the section in view.
    pub section_path: Vec<String>,
    /// Sidebar filters.
    pub filters: SidebarFilters,
    /// Colour theme.
    pub theme: Theme,
}

/// A person's study: the documents it covers and everything the person made about them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Workspace {
    /// File format version ([`CURRENT_VERSION`] once loaded).
    pub version: u32,
    /// Documents, sorted by id.
    pub documents: Vec<DocumentEntry>,
    /// Claim items, sorted by id.
    pub claims: Vec<ClaimRecord>,
    /// Section notes, sorted by document and title path.
    pub section_notes: Vec<SectionNote>,
    /// The workspace notebook (Markdown).
    pub notebook: String,
    /// Where the person was.
    pub view: ViewState,
    /// The next [`ItemId`] to hand out.
    pub next_item_id: u64,
    /// The folder relative document paths are relative to (the workspace file's folder once
    /// opened or saved); not stored.
    #[serde(skip)]
    pub base_dir: Option<PathBuf>,
}

impl Default for Workspace {
    fn default() -> Self {
        Self {
            version: CURRENT_VERSION,
            documents: Vec::new(),
            claims: Vec::new(),
            section_notes: Vec::new(),
            notebook: String::new(),
            view: ViewState::default(),
            next_item_id: 1,
            base_dir: None,
        }
    }
}

impl Workspace {
    /// Sorts every collection into file order; keeps the id counter ahead of every id.
    pub fn normalize(&mut self) {
        self.documents.sort_by(|a, b| a.id.cmp(&b.id));
        self.claims.sort_by_key(|c| c.id);
        self.section_notes.sort_by(|a, b| {
            (&a.document_id, &a.section_path).cmp(&(&b.document_id, &b.section_path))
        });
        let filters = &mut self.view.filters;
        filters.kinds.sort();
        filters.kinds.dedup();
        filters.verdicts.sort();
        filters.verdicts.dedup();
        let after_last = self
            .claims
            .iter()
            .map(|c| c.id.0.saturating_add(1))
            .max()
            .unwrap_or(1);
        self.next_item_id = self.next_item_id.max(after_last).max(1);
    }

    /// The same workspace with only the person's data compared: documents' notes and paths,
    /// claims, notes, notebook and view (hashes, titles, embedded texts and base folder ignored).
    pub fn user_data_eq(&self, other: &Workspace) -> bool {
        let docs = |w: &Workspace| -> Vec<(String, String)> {
            let mut v: Vec<_> = w
                .documents
                .iter()
                .map(|d| (d.id.clone(), d.note.clone()))
                .collect();
            v.sort();
            v
        };
        let mut a = self.clone();
        let mut b = other.clone();
        a.normalize();
        b.normalize();
        docs(&a) == docs(&b)
            && a.claims == b.claims
            && a.section_notes == b.section_notes
            && a.notebook == b.notebook
            && a.view == b.view
    }
}

fn is_false(value: &bool) -> bool {
    !*value
}
