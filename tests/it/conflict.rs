//! A study file edited by another program while it is open: saving notices, asks, and loses
//! neither version.

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use lectern::app::dialogs::ScriptedDialogs;
use lectern::app::{ClaimKey, LecternApp};
use lectern::core::analysis::Source;
use lectern::core::workspace::{Verdict, open_workspace};

use crate::support::{harness, seeds};

/// A seeds study saved to `korea.lectern.ron` in a new folder with one verdict, then another
/// program's edit of the file (a note in the notebook), then a second verdict here, and Ctrl+S.
fn conflicting_save() -> (
    Harness<'static, LecternApp>,
    ClaimKey,
    tempfile::TempDir,
    std::path::PathBuf,
) {
    let dir = tempfile::tempdir().expect("tmp");
    let path = dir.path().join("korea.lectern.ron");
    let dialogs = ScriptedDialogs {
        save_paths: vec![path.clone()],
        ..Default::default()
    };
    let study = seeds();
    let r = study.claim_refs().next().expect("a claim");
    let mut app = LecternApp::with_study(study, Source::Seeds, Box::new(dialogs));
    app.push(lectern::app::Command::SetVerdict(
        r.into(),
        Verdict::Supported,
    ));
    app.push(lectern::app::Action::Save);
    let mut h = harness(app);
    h.run();
    assert!(!h.state().is_dirty(), "first save went through");
    let mut theirs = open_workspace(&path).expect("saved");
    theirs.notebook = "Written by a colleague's copy of Lectern.".to_owned();
    lectern::core::workspace::save_atomic(&path, &theirs).expect("other program writes");

    h.state_mut().push(lectern::app::Command::SetVerdict(
        r.into(),
        Verdict::Disputed,
    ));
    h.run();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::S);
    h.run();
    (h, r.into(), dir, path)
}

#[test]
fn saving_over_another_programs_edit_asks_first_and_writes_nothing() {
    let (mut h, key, _dir, path) = conflicting_save();
    assert!(h.state().is_asking_about_conflict());
    assert!(
        h.state().is_dirty(),
        "our change is still unsaved, not lost"
    );
    let on_disk = open_workspace(&path).expect("file");
    assert_eq!(
        on_disk.notebook,
        "Written by a colleague's copy of Lectern."
    );

    // Overwrite: ours wins, knowingly.
    h.get_by_label("Overwrite").click();
    h.run();
    assert!(!h.state().is_asking_about_conflict());
    assert!(!h.state().is_dirty());
    let on_disk = open_workspace(&path).expect("file");
    assert!(on_disk.user_data_eq(h.state().workspace()));
    assert_eq!(h.state().verdict(key), Verdict::Disputed);
}

#[test]
fn reloading_the_other_version_keeps_ours_beside_it() {
    let (mut h, key, dir, _path) = conflicting_save();
    h.get_by_label("Reload theirs").click();
    h.step();
    h.state_mut().wait_for_loading();
    h.run();
    // Theirs is open now (their notebook, their verdict)...
    assert_eq!(
        h.state().workspace().notebook,
        "Written by a colleague's copy of Lectern."
    );
    assert_eq!(h.state().verdict(key), Verdict::Supported);
    // ...and ours is kept next to it.
    let mine = dir.path().join("korea (your version).lectern.ron");
    let kept = open_workspace(&mine).expect("our version was kept");
    assert!(kept.notebook.is_empty());
    assert!(
        kept.claims.iter().any(|c| c.verdict == Verdict::Disputed),
        "our verdict is in the kept file"
    );
}
