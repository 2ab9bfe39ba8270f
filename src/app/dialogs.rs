//! Native file dialogs, behind a trait so tests can stand in for them.
//!
//! Only the command handler calls these (never a `*_ui` function): rfd blocks the UI thread
//! while a dialog is open, and kittest tests must never open a real one.

use std::path::PathBuf;

/// Asks the person for files or folders.
pub trait FileDialogs {
    /// A folder to open, or `None` when cancelled.
    fn pick_folder(&mut self) -> Option<PathBuf>;
    /// Documents to open, or `None` when cancelled.
    fn pick_files(&mut self) -> Option<Vec<PathBuf>>;
    /// Where to save a workspace, or `None` when cancelled.
    fn pick_save_path(&mut self) -> Option<PathBuf>;
    /// A workspace file to open, or `None` when cancelled.
    fn pick_workspace(&mut self) -> Option<PathBuf>;
    /// Where to write a report (Markdown, HTML or CSV by its extension), or `None`.
    fn pick_export_path(&mut self) -> Option<PathBuf>;
}

/// The operating system's dialogs, through rfd.
#[derive(Debug, Default)]
pub struct NativeDialogs;

impl FileDialogs for NativeDialogs {
    fn pick_folder(&mut self) -> Option<PathBuf> {
        rfd::FileDialog::new()
            .set_title("Open a folder of documents")
            .pick_folder()
    }

    fn pick_files(&mut self) -> Option<Vec<PathBuf>> {
        rfd::FileDialog::new()
            .set_title("Open documents")
            .add_filter("Documents", &["txt", "md", "markdown", "html", "htm"])
            .add_filter("All files", &["*"])
            .pick_files()
    }

    fn pick_workspace(&mut self) -> Option<PathBuf> {
        rfd::FileDialog::new()
            .set_title("Open a study")
            .add_filter("Lectern workspace", &["ron"])
            .pick_file()
    }

    fn pick_export_path(&mut self) -> Option<PathBuf> {
        Self::export_dialog()
    }

    fn pick_save_path(&mut self) -> Option<PathBuf> {
        let path = rfd::FileDialog::new()
            .set_title("Save the study")
            .add_filter("Lectern workspace", &["ron"])
            .set_file_name("study.lectern.ron")
            .save_file()?;
        // "study" → "study.lectern.ron"; keep what the person typed otherwise.
        let name = path.file_name()?.to_string_lossy().into_owned();
        Some(if name.ends_with(".ron") {
            path
        } else {
            path.with_file_name(format!("{name}.lectern.ron"))
        })
    }
}

impl NativeDialogs {
    /// The export dialog: one filter per report format; a name without one of their
    /// extensions gets `.html`.
    fn export_dialog() -> Option<PathBuf> {
        use crate::core::report::ReportFormat;
        let mut dialog = rfd::FileDialog::new()
            .set_title("Export a report of the study")
            .set_file_name("study-report.html");
        for format in ReportFormat::ALL {
            dialog = dialog.add_filter(format.label(), &[format.extension()]);
        }
        let path = dialog.save_file()?;
        let is_known = path
            .extension()
            .and_then(|e| ReportFormat::from_extension(&e.to_string_lossy()))
            .is_some();
        Some(if is_known {
            path
        } else {
            path.with_extension("html")
        })
    }
}

/// Dialogs that answer from a script: for tests and headless runs.
#[derive(Debug, Default)]
pub struct ScriptedDialogs {
    /// Answers to `pick_folder`, in order.
    pub folders: Vec<PathBuf>,
    /// Answers to `pick_files`, in order.
    pub files: Vec<Vec<PathBuf>>,
    /// Answers to `pick_save_path`, in order.
    pub save_paths: Vec<PathBuf>,
    /// Answers to `pick_workspace`, in order.
    pub workspaces: Vec<PathBuf>,
    /// Answers to `pick_export_path`, in order.
    pub exports: Vec<PathBuf>,
}

impl FileDialogs for ScriptedDialogs {
    fn pick_folder(&mut self) -> Option<PathBuf> {
        (!self.folders.is_empty()).then(|| self.folders.remove(0))
    }

    fn pick_files(&mut self) -> Option<Vec<PathBuf>> {
        (!self.files.is_empty()).then(|| self.files.remove(0))
    }

    fn pick_save_path(&mut self) -> Option<PathBuf> {
        (!self.save_paths.is_empty()).then(|| self.save_paths.remove(0))
    }

    fn pick_workspace(&mut self) -> Option<PathBuf> {
        (!self.workspaces.is_empty()).then(|| self.workspaces.remove(0))
    }

    fn pick_export_path(&mut self) -> Option<PathBuf> {
        (!self.exports.is_empty()).then(|| self.exports.remove(0))
    }
}
