//! Never lose a note: unsaved changes are written to a recovery file after a few seconds of
//! idle, and the next start offers them back after a crash or a kill.
//!
//! The recovery file lives in the platform's data folder (eframe's storage dir); a sidecar
//! `.path` file remembers which workspace file the work belonged to. Saving, or choosing to
//! discard the changes, removes both.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use crate::app::question::question_ui;
use crate::app::workspace_file::Incoming;
use crate::app::{Command, LecternApp, Notice};
use crate::core::analysis::listed_documents;
use crate::core::workspace::{Workspace, read_recovery, write_recovery};

/// Unsaved changes are written this long after the last edit.
pub const AUTOSAVE_IDLE: Duration = Duration::from_secs(3);

/// Where unsaved work goes, and whether the latest edits are already there.
#[derive(Debug)]
pub struct Recovery {
    /// The recovery file.
    pub path: PathBuf,
    /// How long after the last edit it is written.
    pub idle: Duration,
    last_edit: Option<Instant>,
    is_written: bool,
    /// Work found at start, waiting for the person's answer.
    offered: Option<Workspace>,
}

impl Recovery {
    fn sidecar(&self) -> PathBuf {
        let mut name = self.path.file_name().unwrap_or_default().to_os_string();
        name.push(".path");
        self.path.with_file_name(name)
    }
}

/// The default recovery file: `recovery.lectern.ron` in the app's data folder.
pub fn default_recovery_path() -> Option<PathBuf> {
    eframe::storage_dir("lectern").map(|dir| dir.join("recovery.lectern.ron"))
}

impl LecternApp {
    /// Keeps unsaved work in `path` (written `idle` after the last edit), and offers back what
    /// is already there from a previous run.
    pub fn with_recovery_file(mut self, path: PathBuf, idle: Duration) -> Self {
        let offered = match read_recovery(&path) {
            Ok(found) => found,
            Err(err) => {
                self.notice = Some(Notice {
                    text: format!("The recovery file could not be read: {err}"),
                    is_error: true,
                });
                None
            }
        };
        self.recovery = Some(Recovery {
            path,
            idle,
            last_edit: None,
            is_written: true,
            offered,
        });
        self
    }

    /// Whether unsaved work from an earlier run is being offered.
    pub fn is_offering_recovery(&self) -> bool {
        self.recovery.as_ref().is_some_and(|r| r.offered.is_some())
    }

    /// Records that the person changed something (the title gets its asterisk; the recovery
    /// file is written once they pause).
    pub(crate) fn mark_dirty(&mut self) {
        self.is_dirty = true;
        if let Some(recovery) = &mut self.recovery {
            recovery.last_edit = Some(Instant::now());
            recovery.is_written = false;
        }
    }

    /// The changes are saved (or knowingly discarded): nothing to recover any more.
    pub(crate) fn mark_saved(&mut self) {
        self.is_dirty = false;
        if let Some(recovery) = &mut self.recovery {
            recovery.is_written = true;
            // Already gone is fine; anything else only means the file outlives the save.
            let _ = std::fs::remove_file(&recovery.path);
            let _ = std::fs::remove_file(recovery.sidecar());
        }
    }

    /// Writes the recovery file once the person has paused; called every frame.
    pub(crate) fn autosave_ui(&mut self, ctx: &egui::Context) {
        let Some(recovery) = &mut self.recovery else {
            return;
        };
        if recovery.is_written || !self.is_dirty {
            return;
        }
        let since = recovery.last_edit.map_or(recovery.idle, |t| t.elapsed());
        if since < recovery.idle {
            ctx.request_repaint_after(recovery.idle - since);
            return;
        }
        if let Some(parent) = recovery.path.parent() {
            let _ = std::fs::create_dir_all(parent);
        }
        match write_recovery(&recovery.path, &self.workspace) {
            Ok(()) => {
                recovery.is_written = true;
                let owner = self
                    .workspace_path
                    .as_ref()
                    .map(|p| p.display().to_string())
                    .unwrap_or_default();
                let _ = std::fs::write(recovery.sidecar(), owner);
            }
            Err(err) => {
                // Try again after the next pause; tell the person once.
                recovery.last_edit = Some(Instant::now());
                self.notice = Some(Notice {
                    text: format!("Could not write the recovery file: {err}"),
                    is_error: true,
                });
            }
        }
    }

    /// The person's answer to "Recover unsaved work?".
    pub(crate) fn answer_recovery(&mut self, is_recovering: bool) {
        let Some(recovery) = &mut self.recovery else {
            return;
        };
        let Some(workspace) = recovery.offered.take() else {
            return;
        };
        if !is_recovering {
            self.mark_saved();
            return;
        }
        let owner = std::fs::read_to_string(recovery.sidecar())
            .ok()
            .filter(|s| !s.trim().is_empty())
            .map(PathBuf::from);
        // Our own file with absolute paths: every document is read without asking.
        let (mut listed, outside) = listed_documents(&workspace, std::path::Path::new("/"));
        listed.extend(outside);
        self.load_workspace_documents(
            Incoming {
                workspace,
                path: owner,
                is_unsaved: true,
                stamp: None,
            },
            listed,
        );
    }

    /// The question about unsaved work from an earlier run.
    pub(crate) fn recovery_prompt_ui(&mut self, ctx: &egui::Context) {
        if !self.is_offering_recovery() || self.unsaved_prompt.is_some() {
            return;
        }
        let text = "Lectern closed before your last changes were saved. They were kept: verdicts, notes and tags.";
        let answers = [("Recover", true), ("Discard them", false)];
        if let Some(is_recovering) = question_ui(
            ctx,
            "recovery_prompt",
            "Recover unsaved work?",
            text,
            |_| {},
            &answers,
            None,
        ) {
            self.pending.push(Command::AnswerRecovery(is_recovering));
        }
    }
}
