//! Starting the native window.

use std::path::PathBuf;

use crate::app::dialogs::NativeDialogs;
use crate::app::{Command, LecternApp};
use crate::core::analysis::Source;

/// What the window opens first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Startup {
    /// Documents (or the samples).
    Open(Source),
    /// A saved study.
    Workspace(PathBuf),
}

impl Startup {
    /// From the command line: one `.ron` file is a saved study, anything else documents, nothing
    /// the samples.
    pub fn from_args(paths: Vec<PathBuf>) -> Self {
        match paths.as_slice() {
            [] => Self::Open(Source::Seeds),
            [one] if crate::app::workspace_file::is_workspace_file(one) => {
                Self::Workspace(one.clone())
            }
            _ => Self::Open(Source::Paths(paths)),
        }
    }
}

/// The app icon (assets/icons), also the window's and the taskbar's.
pub fn window_icon() -> egui::IconData {
    eframe::icon_data::from_png_bytes(include_bytes!("../../assets/icons/lectern-256.png"))
        .unwrap_or_default()
}

/// Opens the Lectern window and runs until it is closed.
pub fn run_native(startup: Startup) -> eframe::Result {
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("Lectern")
            .with_app_id("lectern")
            .with_inner_size([1200.0, 780.0])
            .with_min_inner_size([520.0, 360.0])
            .with_drag_and_drop(true)
            .with_icon(window_icon()),
        ..Default::default()
    };
    eframe::run_native(
        "Lectern",
        options,
        Box::new(move |cc| {
            let app = match startup {
                Startup::Open(source) => {
                    LecternApp::new(&cc.egui_ctx, source, Box::new(NativeDialogs))
                }
                Startup::Workspace(path) => {
                    let mut app = LecternApp::new_idle(&cc.egui_ctx, Box::new(NativeDialogs));
                    app.push(Command::OpenWorkspace(path));
                    app
                }
            };
            let app = match directories::ProjectDirs::from("", "", "Lectern") {
                Some(dirs) => app.with_recent_file(dirs.config_dir().join("recent.ron")),
                None => app,
            };
            let prefs = cc
                .storage
                .and_then(|s| eframe::get_value(s, crate::app::LAYOUT_PREFS_KEY))
                .unwrap_or_default();
            let app = app.with_layout_prefs(prefs);
            let app = match crate::app::recovery::default_recovery_path() {
                Some(path) => app.with_recovery_file(path, crate::app::recovery::AUTOSAVE_IDLE),
                None => app,
            };
            Ok(Box::new(app))
        }),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_window_icon_is_the_app_icon() {
        let icon = window_icon();
        assert_eq!((icon.width, icon.height), (256, 256));
        assert_eq!(icon.rgba.len(), 256 * 256 * 4);
    }

    #[test]
    fn one_ron_file_on_the_command_line_opens_a_saved_study() {
        assert_eq!(Startup::from_args(vec![]), Startup::Open(Source::Seeds));
        let study = PathBuf::from("korea.lectern.ron");
        assert_eq!(
            Startup::from_args(vec![study.clone()]),
            Startup::Workspace(study.clone())
        );
        let docs = vec![PathBuf::from("papers"), study];
        assert_eq!(
            Startup::from_args(docs.clone()),
            Startup::Open(Source::Paths(docs))
        );
        let one_doc = vec![PathBuf::from("notes.md")];
        assert_eq!(
            Startup::from_args(one_doc.clone()),
            Startup::Open(Source::Paths(one_doc))
        );
    }
}
