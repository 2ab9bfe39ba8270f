//! Opening a workspace file: parse it (a bad file leaves the open study untouched), find its
//! documents (asking before reading any outside the workspace's folder), load them under the
//! workspace's ids, and put the person's data back on the text (re-anchoring), with a report.

use std::path::PathBuf;

use crate::app::question::question_ui;
use crate::app::{Command, LecternApp, Notice};
use crate::core::analysis::{ListedDocument, Location, Source, listed_documents};
use crate::core::workspace::{
    DocumentStatus, FileStamp, ReanchorReport, Workspace, open_workspace_stamped,
};

/// A workspace whose documents are being loaded.
#[derive(Debug)]
pub struct Incoming {
    /// The person's data, as read from the file.
    pub workspace: Workspace,
    /// The file (none for unsaved work recovered after a crash).
    pub path: Option<PathBuf>,
    /// Unsaved work (recovered after a crash, or a document just located): it stays marked as
    /// changed.
    pub is_unsaved: bool,
    /// What the file held when read (saving checks that no other program changed it since).
    pub stamp: Option<FileStamp>,
}

/// A workspace that names documents outside its folder: the person decides.
#[derive(Debug)]
pub struct ConsentRequest {
    incoming: Incoming,
    safe: Vec<ListedDocument>,
    outside: Vec<ListedDocument>,
}

/// Whether a file is a Lectern workspace (by its name).
pub fn is_workspace_file(path: &std::path::Path) -> bool {
    path.file_name()
        .is_some_and(|n| n.to_string_lossy().to_lowercase().ends_with(".ron"))
}

impl LecternApp {
    /// Reads a workspace file and starts loading its documents.
    pub(crate) fn open_workspace_file(&mut self, path: PathBuf) {
        let (workspace, stamp) = match open_workspace_stamped(&path) {
            Ok(opened) => opened,
            Err(err) => {
                self.notice = Some(Notice {
                    text: format!(
                        "Could not open {}: {err}. The open study is unchanged.",
                        path.display()
                    ),
                    is_error: true,
                });
                return;
            }
        };
        let folder = path
            .parent()
            .map(std::path::Path::to_path_buf)
            .unwrap_or_default();
        let (safe, outside) = listed_documents(&workspace, &folder);
        let incoming = Incoming {
            workspace,
            path: Some(path),
            is_unsaved: false,
            stamp: Some(stamp),
        };
        if outside.is_empty() {
            self.load_workspace_documents(incoming, safe);
        } else {
            self.consent = Some(ConsentRequest {
                incoming,
                safe,
                outside,
            });
        }
    }

    /// The person allowed (or not) reading documents outside the workspace's folder.
    pub(crate) fn answer_consent(&mut self, is_allowed: bool) {
        let Some(request) = self.consent.take() else {
            return;
        };
        let mut listed = request.safe;
        if is_allowed {
            listed.extend(request.outside);
        }
        self.load_workspace_documents(request.incoming, listed);
    }

    pub(crate) fn load_workspace_documents(
        &mut self,
        incoming: Incoming,
        listed: Vec<ListedDocument>,
    ) {
        self.incoming = Some(incoming);
        self.start_loading(Source::Listed(listed));
    }

    /// Puts the person's data from the incoming workspace onto the freshly loaded study.
    pub(crate) fn attach_incoming(&mut self, incoming: Incoming) {
        let Incoming {
            mut workspace,
            path,
            is_unsaved,
            stamp,
        } = incoming;
        self.workspace_stamp = stamp;
        let report = self.study.attach(&mut workspace);
        self.orphans = report.orphans.clone();
        self.show_orphans = !self.orphans.is_empty();
        let name = path
            .as_deref()
            .unwrap_or(std::path::Path::new("your unsaved work"));
        self.notice = Some(Notice {
            text: reanchor_summary(name, &report),
            is_error: !report.orphans.is_empty(),
        });
        self.workspace = workspace;
        self.refresh_index();
        self.workspace.base_dir = path
            .as_deref()
            .and_then(std::path::Path::parent)
            .map(std::path::Path::to_path_buf);
        if let Some(path) = &path
            && !is_unsaved
        {
            self.remember_recent(path);
        }
        self.workspace_path = path;
        self.history.clear();
        self.is_dirty = is_unsaved;
        self.restore_view();
    }

    /// Asks where a missing document is now, records it, and reloads the study's documents (the
    /// person chose the file, so no consent question).
    pub(crate) fn locate_document(&mut self, id: &str) {
        let Some(file) = self
            .dialogs
            .pick_files()
            .and_then(|files| files.into_iter().next())
        else {
            return;
        };
        let Some(entry) = self.workspace.documents.iter_mut().find(|d| d.id == id) else {
            return;
        };
        entry.path = std::path::absolute(&file)
            .unwrap_or(file)
            .display()
            .to_string();
        self.mark_dirty();
        let folder = self.workspace.base_dir.clone().unwrap_or_default();
        let (mut listed, outside) = listed_documents(&self.workspace, &folder);
        listed.extend(outside);
        let incoming = Incoming {
            workspace: self.workspace.clone(),
            path: self.workspace_path.clone(),
            is_unsaved: true,
            stamp: self.workspace_stamp.clone(),
        };
        self.load_workspace_documents(incoming, listed);
    }

    /// The question about documents outside the workspace's folder.
    pub(crate) fn consent_prompt_ui(&mut self, ctx: &egui::Context) {
        let Some(request) = &self.consent else { return };
        let text = "This workspace names documents outside its own folder. A workspace from someone else could point \
                    anywhere on your disk, so Lectern asks first:";
        let details = |ui: &mut egui::Ui| {
            egui::ScrollArea::vertical()
                .max_height(160.0)
                .show(ui, |ui| {
                    for listed in &request.outside {
                        if let Location::File(path) = &listed.location {
                            ui.monospace(path.display().to_string());
                        }
                    }
                });
            ui.label("If you don't allow it, their verdicts and notes are kept and shown as missing documents.");
        };
        let title = "Read documents outside the workspace's folder?";
        let answers = [("Allow", true), ("Don't read them", false)];
        if let Some(is_allowed) =
            question_ui(ctx, "consent_prompt", title, text, details, &answers, None)
        {
            self.pending.push(Command::AnswerConsent(is_allowed));
        }
    }
}

/// "Opened x: 2 documents changed on disk; 14 items moved, 1 needs review; 1 document missing."
pub fn reanchor_summary(path: &std::path::Path, report: &ReanchorReport) -> String {
    let name = path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    let changed: Vec<_> = report
        .documents
        .iter()
        .filter(|d| d.status == DocumentStatus::Changed)
        .collect();
    let missing = report
        .documents
        .iter()
        .filter(|d| d.status == DocumentStatus::Missing)
        .count();
    let moved: usize = report.documents.iter().map(|d| d.moved).sum();
    let mut parts = vec![format!("Opened {name}")];
    if !changed.is_empty() {
        parts.push(format!(
            "{} document(s) changed on disk since the save; {moved} item(s) moved",
            changed.len()
        ));
    }
    if !report.orphans.is_empty() {
        parts.push(format!(
            "{} item(s) need review (kept, not attached)",
            report.orphans.len()
        ));
    }
    if missing > 0 {
        parts.push(format!(
            "{missing} document(s) missing — their verdicts and notes are kept"
        ));
    }
    parts.join(". ") + "."
}

impl LecternApp {
    /// Puts where the person is (document, section, filters) into the workspace, for saving.
    pub(crate) fn capture_view(&mut self) {
        use crate::core::workspace::{FilterScope, SidebarFilters};
        let doc = self.study.documents.get(self.selection.doc);
        let section = match (doc, self.selection.view) {
            (Some(d), crate::app::View::Section(i)) => {
                d.document.sections.get(i).map(|s| vec![s.title.clone()])
            }
            _ => None,
        };
        let view = &mut self.workspace.view;
        view.open_document = doc.map(|d| d.document.id.clone());
        view.section_path = section.unwrap_or_default();
        view.filters = SidebarFilters {
            kinds: self
                .filter
                .kinds
                .iter()
                .map(|k| k.as_str().to_owned())
                .collect(),
            hedged_only: self.filter.is_hedged_only,
            verdicts: Vec::new(),
            text: self.filter.text.clone(),
            scope: if self.filter.scope == crate::app::Scope::Workspace {
                FilterScope::AllDocuments
            } else {
                FilterScope::OpenDocument
            },
        };
    }

    /// Goes back to where the saved workspace was (document, section, filters).
    pub(crate) fn restore_view(&mut self) {
        let view = &self.workspace.view;
        if let Some(doc) = view.open_document.as_ref().and_then(|id| {
            self.study
                .documents
                .iter()
                .position(|d| &d.document.id == id)
        }) {
            let sections = &self.study.documents[doc].document.sections;
            let section = view
                .section_path
                .last()
                .and_then(|t| sections.iter().position(|s| &s.title == t))
                .unwrap_or(0);
            self.selection = crate::app::Selection {
                doc,
                view: crate::app::View::Section(section),
            };
        }
        self.filter.kinds = crate::core::claims::ClaimKind::ALL
            .into_iter()
            .filter(|k| view.filters.kinds.iter().any(|s| s == k.as_str()))
            .collect();
        self.filter.is_hedged_only = view.filters.hedged_only;
        self.filter.text.clone_from(&view.filters.text);
        if view.filters.scope == crate::core::workspace::FilterScope::AllDocuments
            && view.open_document.is_some()
        {
            self.filter.scope = crate::app::Scope::Workspace;
        }
    }
}
