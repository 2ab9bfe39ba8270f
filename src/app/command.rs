//! Commands: everything the person can ask of the app, defined in one place.
//!
//! [`Action`] lists the frequent actions with their label, tooltip and keyboard shortcut, so
//! menus, buttons and key bindings cannot drift apart. Panels never mutate the app while
//! drawing: they push a [`Command`], and `LecternApp::apply` handles it after the frame.

use std::path::PathBuf;

use egui::{Key, KeyboardShortcut, Modifiers};

use crate::app::ClaimKey;
use crate::core::analysis::ClaimRef;
use crate::core::document::Span;
use crate::core::workspace::Verdict;

/// The answers to "Save your changes before …?".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UnsavedAnswer {
    /// Save, then go on.
    Save,
    /// Go on without saving.
    Discard,
    /// Stay.
    Cancel,
}

/// The answers to "the study file was changed by another program".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SaveConflictAnswer {
    /// Write this version over the other.
    Overwrite,
    /// Save this version to a new file.
    SaveAs,
    /// Keep this version beside the file, then open the other version.
    Reload,
    /// Do nothing now.
    Cancel,
}

/// A frequent action with a fixed label and shortcut.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Action {
    /// Close the study and start an empty one.
    NewStudy,
    /// Open a saved study (a .lectern.ron workspace file).
    OpenWorkspace,
    /// Pick a folder with the native dialog and open it.
    OpenFolder,
    /// Pick files with the native dialog and open them.
    OpenFiles,
    /// Open the two sample documents.
    OpenSamples,
    /// Stop the loading in progress.
    CancelLoading,
    /// Save the study to its workspace file (asks where the first time).
    Save,
    /// Save the study to a new workspace file.
    SaveAs,
    /// Save a self-contained copy with the documents' text inside, to send to someone.
    SaveForSharing,
    /// Write the documents embedded in a shared study to a folder.
    ExtractDocuments,
    /// Write a report of the study (Markdown, printable HTML or CSV).
    Export,
    /// Open the folder with Lectern's log files.
    ShowLogFolder,
    /// Undo the last change to verdicts or notes.
    Undo,
    /// Redo what was undone.
    Redo,
    /// Verdict of the selected claim: Unreviewed.
    MarkUnreviewed,
    /// Verdict of the selected claim: Supported.
    MarkSupported,
    /// Verdict of the selected claim: Disputed.
    MarkDisputed,
    /// Verdict of the selected claim: Unsupported.
    MarkUnsupported,
    /// Verdict of the selected claim: Needs source.
    MarkNeedsSource,
    /// Dismiss the selected claim (or restore it).
    ToggleDismiss,
    /// Make the text selected in the reader a claim of the person's own.
    MarkSelectionAsClaim,
    /// Read the whole document in one scroll, or one section at a time.
    ToggleWholeDocument,
    /// List the items that could not be re-attached after documents changed.
    ShowOrphans,
    /// Go to the next section (across documents).
    NextSection,
    /// Go to the previous section (across documents).
    PreviousSection,
    /// Select the next claim in the sidebar.
    NextClaim,
    /// Select the previous claim in the sidebar.
    PreviousClaim,
    /// Go to the next document.
    NextDocument,
    /// Go to the previous document.
    PreviousDocument,
    /// Search the open document.
    FindInDocument,
    /// Search every document.
    FindInWorkspace,
    /// Go to the next search match.
    FindNext,
    /// Go to the previous search match.
    FindPrevious,
    /// Hide the search bar.
    CloseSearch,
    /// Show or hide the documents panel.
    ToggleOutline,
    /// Switch between dark and light.
    ToggleTheme,
    /// Larger text.
    ZoomIn,
    /// Smaller text.
    ZoomOut,
    /// Default text size.
    ZoomReset,
    /// Show the list of files that were skipped.
    ShowSkipped,
    /// Show the keyboard shortcuts.
    ShowShortcuts,
    /// Close the app.
    Quit,
}

impl Action {
    /// Every action, in menu order.
    pub const ALL: [Action; 42] = [
        Self::NewStudy,
        Self::OpenWorkspace,
        Self::OpenFolder,
        Self::OpenFiles,
        Self::OpenSamples,
        Self::CancelLoading,
        Self::Save,
        Self::SaveAs,
        Self::SaveForSharing,
        Self::ExtractDocuments,
        Self::Export,
        Self::ShowLogFolder,
        Self::Undo,
        Self::Redo,
        Self::MarkUnreviewed,
        Self::MarkSupported,
        Self::MarkDisputed,
        Self::MarkUnsupported,
        Self::MarkNeedsSource,
        Self::ToggleDismiss,
        Self::MarkSelectionAsClaim,
        Self::ShowOrphans,
        Self::NextSection,
        Self::PreviousSection,
        Self::NextClaim,
        Self::PreviousClaim,
        Self::NextDocument,
        Self::PreviousDocument,
        Self::FindInDocument,
        Self::FindInWorkspace,
        Self::FindNext,
        Self::FindPrevious,
        Self::CloseSearch,
        Self::ToggleOutline,
        Self::ToggleWholeDocument,
        Self::ToggleTheme,
        Self::ZoomIn,
        Self::ZoomOut,
        Self::ZoomReset,
        Self::ShowSkipped,
        Self::ShowShortcuts,
        Self::Quit,
    ];

    /// Menu and button label.
    pub fn label(self) -> &'static str {
        match self {
            Self::NewStudy => "New study",
            Self::OpenWorkspace => "Open study…",
            Self::OpenFolder => "Open folder…",
            Self::OpenFiles => "Open files…",
            Self::OpenSamples => "Open the sample study",
            Self::CancelLoading => "Cancel loading",
            Self::Save => "Save",
            Self::SaveAs => "Save as…",
            Self::SaveForSharing => "Save for sharing…",
            Self::ExtractDocuments => "Extract documents…",
            Self::Export => "Export report…",
            Self::ShowLogFolder => "Show log folder",
            Self::Undo => "Undo",
            Self::Redo => "Redo",
            Self::MarkUnreviewed => "Unreviewed",
            Self::MarkSupported => "Supported",
            Self::MarkDisputed => "Disputed",
            Self::MarkUnsupported => "Unsupported",
            Self::MarkNeedsSource => "Needs source",
            Self::ToggleDismiss => "Dismiss / restore claim",
            Self::MarkSelectionAsClaim => "Mark selection as claim",
            Self::ToggleWholeDocument => "Whole document / one section",
            Self::ShowOrphans => "Needs review…",
            Self::NextSection => "Next section",
            Self::PreviousSection => "Previous section",
            Self::NextClaim => "Next claim",
            Self::PreviousClaim => "Previous claim",
            Self::NextDocument => "Next document",
            Self::PreviousDocument => "Previous document",
            Self::FindInDocument => "Find in document…",
            Self::FindInWorkspace => "Find in all documents…",
            Self::FindNext => "Next match",
            Self::FindPrevious => "Previous match",
            Self::CloseSearch => "Close search",
            Self::ToggleOutline => "Show / hide documents",
            Self::ToggleTheme => "Toggle dark / light theme",
            Self::ZoomIn => "Larger text",
            Self::ZoomOut => "Smaller text",
            Self::ZoomReset => "Default text size",
            Self::ShowSkipped => "Skipped files…",
            Self::ShowShortcuts => "Keyboard shortcuts",
            Self::Quit => "Quit",
        }
    }

    /// Hover text.
    pub fn tooltip(self) -> &'static str {
        match self {
            Self::ToggleOutline => "Show or hide the documents panel, for more room to read",
            Self::NewStudy => "Close this study and start an empty one; then open documents",
            Self::OpenWorkspace => {
                "Open a saved study (.lectern.ron): its documents, verdicts and notes"
            }
            Self::OpenFolder => {
                "Open every document in a folder and its subfolders (.txt, .md, .html)"
            }
            Self::OpenFiles => "Open one or more documents (.txt, .md, .html)",
            Self::OpenSamples => "Open the two sample articles that come with Lectern",
            Self::CancelLoading => "Stop reading documents; the study you had stays open",
            Self::Save => "Save verdicts and notes to the workspace file",
            Self::SaveAs => "Save verdicts and notes to a new workspace file (.lectern.ron)",
            Self::SaveForSharing => {
                "Save a copy with the documents' text inside: the recipient needs nothing else"
            }
            Self::ExtractDocuments => "Write the documents inside a shared study to a folder",
            Self::Export => {
                "A report of the study to share or print: Markdown, printable HTML, or CSV for spreadsheets"
            }
            Self::ShowLogFolder => "Open the folder where Lectern writes its log (for bug reports)",
            Self::Undo => "Undo the last change to a verdict or a note",
            Self::Redo => "Redo the change you undid",
            Self::MarkUnreviewed => "Set the selected claim back to Unreviewed",
            Self::MarkSupported => "The sources back the selected claim",
            Self::MarkDisputed => "Sources contradict the selected claim",
            Self::MarkUnsupported => "Nothing backs the selected claim",
            Self::MarkNeedsSource => "The selected claim needs a source before it can be judged",
            Self::ToggleDismiss => {
                "Hide the selected claim from the list (kept, restorable), or list it again"
            }
            Self::MarkSelectionAsClaim => {
                "Select text in the reader, then make it a claim of your own to judge and annotate"
            }
            Self::ToggleWholeDocument => {
                "Read the whole document in one scroll (the outline follows), or one section at a time"
            }
            Self::ShowOrphans => {
                "Verdicts and notes that could not be put back on the text after a document changed"
            }
            Self::NextSection => "Read the next section",
            Self::PreviousSection => "Read the previous section",
            Self::NextClaim => "Select the next claim in the sidebar and show it in the text",
            Self::PreviousClaim => {
                "Select the previous claim in the sidebar and show it in the text"
            }
            Self::NextDocument => "Read the next document",
            Self::PreviousDocument => "Read the previous document",
            Self::FindInDocument => "Search the text of the open document",
            Self::FindInWorkspace => "Search the text of every open document",
            Self::FindNext => "Go to the next match (Enter in the search field)",
            Self::FindPrevious => "Go to the previous match (Shift+Enter in the search field)",
            Self::CloseSearch => "Hide the search bar and its highlights",
            Self::ToggleTheme => "Switch between the dark and the light theme",
            Self::ZoomIn => "Make all text larger",
            Self::ZoomOut => "Make all text smaller",
            Self::ZoomReset => "Reset the text size",
            Self::ShowSkipped => "List the files that could not be opened, and why",
            Self::ShowShortcuts => "List every keyboard shortcut",
            Self::Quit => "Close Lectern",
        }
    }

    /// Keyboard shortcut, if any (`COMMAND` is Ctrl, or ⌘ on macOS).
    pub fn shortcut(self) -> Option<KeyboardShortcut> {
        let cmd = Modifiers::COMMAND;
        let cmd_shift = Modifiers::COMMAND.plus(Modifiers::SHIFT);
        let k = |m, key| Some(KeyboardShortcut::new(m, key));
        match self {
            Self::NewStudy => k(cmd, Key::N),
            Self::OpenWorkspace => k(cmd, Key::O),
            Self::OpenFolder => k(cmd_shift, Key::O),
            Self::OpenFiles | Self::OpenSamples | Self::ShowSkipped => None,
            Self::CancelLoading => k(Modifiers::NONE, Key::Escape),
            Self::Save => k(cmd, Key::S),
            Self::SaveAs => k(cmd_shift, Key::S),
            Self::SaveForSharing | Self::ExtractDocuments | Self::ShowLogFolder => None,
            Self::Export => k(cmd, Key::E),
            Self::Undo => k(cmd, Key::Z),
            Self::Redo => k(cmd_shift, Key::Z),
            Self::MarkUnreviewed => k(Modifiers::NONE, Key::Num1),
            Self::MarkSupported => k(Modifiers::NONE, Key::Num2),
            Self::MarkDisputed => k(Modifiers::NONE, Key::Num3),
            Self::MarkUnsupported => k(Modifiers::NONE, Key::Num4),
            Self::MarkNeedsSource => k(Modifiers::NONE, Key::Num5),
            Self::ToggleDismiss => k(Modifiers::NONE, Key::Delete),
            Self::ShowOrphans => None,
            Self::MarkSelectionAsClaim => k(Modifiers::NONE, Key::M),
            Self::ToggleWholeDocument => k(cmd_shift, Key::D),
            Self::NextSection => k(Modifiers::ALT, Key::ArrowDown),
            Self::PreviousSection => k(Modifiers::ALT, Key::ArrowUp),
            Self::NextClaim => k(Modifiers::NONE, Key::J),
            Self::PreviousClaim => k(Modifiers::NONE, Key::K),
            Self::NextDocument => k(cmd, Key::PageDown),
            Self::PreviousDocument => k(cmd, Key::PageUp),
            Self::FindInDocument => k(cmd, Key::F),
            Self::FindInWorkspace => k(cmd_shift, Key::F),
            Self::FindNext => k(Modifiers::NONE, Key::F3),
            Self::FindPrevious => k(Modifiers::SHIFT, Key::F3),
            Self::CloseSearch => None,
            Self::ToggleOutline => k(cmd, Key::B),
            Self::ToggleTheme => k(cmd_shift, Key::T),
            Self::ZoomIn => k(cmd, Key::Plus),
            Self::ZoomOut => k(cmd, Key::Minus),
            Self::ZoomReset => k(cmd, Key::Num0),
            Self::ShowShortcuts => k(Modifiers::NONE, Key::F1),
            Self::Quit => k(cmd, Key::Q),
        }
    }
}

/// Something the app should do, queued by a panel and applied after the frame.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Command {
    /// A frequent action.
    Action(Action),
    /// Open these files and folders (command line, drag and drop, dialogs).
    OpenPaths(Vec<PathBuf>),
    /// Record the person's verdict on a claim.
    SetVerdict(ClaimKey, Verdict),
    /// Replace the person's note on a claim.
    SetClaimNote(ClaimKey, String),
    /// Put an item that needs review onto a claim.
    ReattachOrphan(crate::core::workspace::ItemId, ClaimRef),
    /// Delete an item that needs review (the person's explicit choice).
    DeleteOrphan(crate::core::workspace::ItemId),
    /// Ask where a missing document is now, and reopen the study with it.
    LocateDocument(String),
    /// Show two related claims side by side.
    Compare(ClaimRef, ClaimRef),
    /// Dismiss (true) or restore (false) a detected claim.
    SetDismissed(ClaimKey, bool),
    /// Add a tag to a claim.
    AddTag(ClaimKey, String),
    /// Remove a tag from a claim.
    RemoveTag(ClaimKey, String),
    /// Replace the note on a section.
    SetSectionNote {
        /// Document index.
        doc: usize,
        /// Section index.
        section: usize,
        /// The note.
        text: String,
    },
    /// Replace the note on a document.
    SetDocumentNote(usize, String),
    /// Replace the workspace notebook.
    SetNotebook(String),
    /// Open a workspace file.
    OpenWorkspace(std::path::PathBuf),
    /// Whether to recover unsaved work from an earlier run.
    AnswerRecovery(bool),
    /// Whether documents outside a workspace's folder may be read.
    AnswerConsent(bool),
    /// An answer to "save your changes?".
    AnswerUnsaved(UnsavedAnswer),
    /// An answer to "the study file was changed by another program".
    AnswerSaveConflict(SaveConflictAnswer),
    /// Show this document (its first section).
    SelectDocument(usize),
    /// Select a claim: show its section, scroll to it, list its details.
    SelectClaim(ClaimKey),
    /// Mark this passage of a document as the person's own claim (and select it).
    MarkOwnClaim {
        /// Document index.
        doc: usize,
        /// The passage.
        span: Span,
    },
    /// Delete one of the person's own claims with its verdict, note and tags (undoable).
    DeleteOwnClaim(crate::core::workspace::ItemId),
    /// Go to a reference entry of a document (a citation was clicked).
    ShowReference {
        /// Document index.
        doc: usize,
        /// The entry's label.
        label: String,
    },
    /// Show this document (by its input position) as soon as the opening study is ready.
    SelectWhenOpened(usize),
    /// Go to a search hit, by index into the search results.
    GoToSearchHit(usize),
    /// Show this section.
    SelectSection {
        /// Document index.
        doc: usize,
        /// Section index.
        section: usize,
    },
}

impl From<Action> for Command {
    fn from(action: Action) -> Self {
        Self::Action(action)
    }
}

impl Action {
    /// The verdict a `Mark…` action sets.
    pub fn verdict(self) -> Option<Verdict> {
        match self {
            Self::MarkUnreviewed => Some(Verdict::Unreviewed),
            Self::MarkSupported => Some(Verdict::Supported),
            Self::MarkDisputed => Some(Verdict::Disputed),
            Self::MarkUnsupported => Some(Verdict::Unsupported),
            Self::MarkNeedsSource => Some(Verdict::NeedsSource),
            _ => None,
        }
    }

    /// The `Mark…` action for a verdict.
    pub fn for_verdict(verdict: Verdict) -> Self {
        match verdict {
            Verdict::Unreviewed => Self::MarkUnreviewed,
            Verdict::Supported => Self::MarkSupported,
            Verdict::Disputed => Self::MarkDisputed,
            Verdict::Unsupported => Self::MarkUnsupported,
            Verdict::NeedsSource => Self::MarkNeedsSource,
        }
    }
}
