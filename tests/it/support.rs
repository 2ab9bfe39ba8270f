//! Shared fixtures: the repo's fixture folder, temporary folders of files, running the CLI.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::atomic::AtomicBool;

use lectern::core::analysis::{OpenOptions, Progress, Source, Study, open_study, open_study_now};

/// `tests/fixtures/<rel>`.
pub fn fixture(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(rel)
}

/// Opens a source synchronously with default options.
pub fn open(source: Source) -> Study {
    open_study_now(&source)
}

/// Opens a source synchronously.
pub fn open_with(source: Source, options: OpenOptions) -> Study {
    open_study(
        &source,
        options,
        &Progress::default(),
        &AtomicBool::new(false),
    )
    .expect("not cancelled")
}

/// Opens paths synchronously.
pub fn open_paths(paths: &[&Path]) -> Study {
    open(Source::Paths(
        paths.iter().map(|p| p.to_path_buf()).collect(),
    ))
}

/// The sample study.
pub fn seeds() -> Study {
    open(Source::Seeds)
}

/// A temporary folder filled with `(relative path, bytes)` files.
pub fn temp_folder(files: &[(&str, &[u8])]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    for (rel, bytes) in files {
        let path = dir.path().join(rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).expect("mkdir");
        }
        std::fs::write(&path, bytes).expect("write");
    }
    dir
}

/// Runs the `lectern` binary with `args` and `stdin`.
pub fn run_cli(args: &[&str], stdin: &str) -> Output {
    use std::io::Write;
    let mut child = Command::new(env!("CARGO_BIN_EXE_lectern"))
        .args(args)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("spawn lectern");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(stdin.as_bytes())
        .expect("write stdin");
    child.wait_with_output().expect("wait")
}

/// The document with this path in a study.
pub fn doc<'s>(study: &'s Study, path: &str) -> &'s lectern::core::analysis::AnalyzedDocument {
    study
        .documents
        .iter()
        .find(|d| d.document.path == path)
        .unwrap_or_else(|| {
            panic!(
                "no document {path}; have {:?}",
                study
                    .documents
                    .iter()
                    .map(|d| &d.document.path)
                    .collect::<Vec<_>>()
            )
        })
}

/// The window in a kittest harness (1200×800, settles within 16 frames).
#[cfg(feature = "gui")]
pub fn harness(
    app: lectern::app::LecternApp,
) -> egui_kittest::Harness<'static, lectern::app::LecternApp> {
    egui_kittest::Harness::builder()
        .with_max_steps(16)
        .with_size([1200.0, 800.0])
        .build_ui_state(|ui, app: &mut lectern::app::LecternApp| app.ui(ui), app)
}

/// The window with the sample study open and dialogs that answer nothing.
#[cfg(feature = "gui")]
pub fn seeds_app() -> lectern::app::LecternApp {
    lectern::app::LecternApp::with_study(
        seeds(),
        Source::Seeds,
        Box::new(lectern::app::dialogs::ScriptedDialogs::default()),
    )
}
