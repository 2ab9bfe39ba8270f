//! Commands: everything the person can ask of the app, defined in one place.
//!
//! [`Action`] lists the frequent actions with their label, tooltip and keyboard shortcut, so
//! menus, buttons and key bindings cannot drift apart. Panels never mutate the app while
//! drawing: they push a [`Command`], and `LecternApp::apply` handles it after the frame.

use std::path::PathBuf;

use egui::{Key, KeyboardShortcut, Modifiers};

use crate::core::analysis::ClaimRef;

/// A frequent action with a fixed label and shortcut.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Action {
    /// Pick a folder with the native dialog and open it.
    OpenFolder,
    /// Pick files with the native dialog and open them.
    OpenFiles,
    /// Open the two sample documents.
    OpenSamples,
    /// Stop the loading in progress.
    CancelLoading,
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
    pub const ALL: [Action; 22] = [
        Self::OpenFolder,
        Self::OpenFiles,
        Self::OpenSamples,
        Self::CancelLoading,
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
            Self::OpenFolder => "Open folder…",
            Self::OpenFiles => "Open files…",
            Self::OpenSamples => "Open the sample study",
            Self::CancelLoading => "Cancel loading",
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
            Self::OpenFolder => {
                "Open every document in a folder and its subfolders (.txt, .md, .html)"
            }
            Self::OpenFiles => "Open one or more documents (.txt, .md, .html)",
            Self::OpenSamples => "Open the two sample articles that come with Lectern",
            Self::CancelLoading => "Stop reading documents; the study you had stays open",
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
            Self::OpenFolder => k(cmd_shift, Key::O),
            Self::OpenFiles | Self::OpenSamples | Self::ShowSkipped => None,
            Self::CancelLoading => k(Modifiers::NONE, Key::Escape),
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
    /// Show this document (its first section).
    SelectDocument(usize),
    /// Select a claim: show its section, scroll to it, list its details.
    SelectClaim(ClaimRef),
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
