//! The window, driven like a person would: find widgets by label, click, check what shows.

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use lectern::app::dialogs::ScriptedDialogs;
use lectern::app::{LecternApp, View};
use lectern::core::analysis::Source;

use crate::support::{fixture, seeds};

fn harness(app: LecternApp) -> Harness<'static, LecternApp> {
    Harness::builder()
        .with_size([1200.0, 800.0])
        .build_ui_state(|ui, app: &mut LecternApp| app.ui(ui), app)
}

fn seeds_app() -> LecternApp {
    LecternApp::with_study(seeds(), Source::Seeds, Box::new(ScriptedDialogs::default()))
}

#[test]
fn the_window_lists_the_seeds_and_navigates_to_a_section() {
    let mut harness = harness(seeds_app());
    harness.run();
    // Both sample documents are listed; the first is open at its introduction.
    assert!(
        harness
            .query_by_label("North Korea and Russian Relations")
            .is_some()
    );
    harness.get_by_label_contains("Bilateral Relations").click();
    harness.run();
    assert_eq!(harness.state().selection().view, View::Section(1));
    // The reader shows that section's text.
    assert!(
        harness
            .query_all_by_label_contains("trade volume between them increasing steadily")
            .count()
            >= 1
    );

    // Open the second document and its references.
    harness
        .get_by_label("North Korea and Russian Relations")
        .click();
    harness.run();
    assert_eq!(harness.state().selection().doc, 1);
    harness.get_by_label_contains("References").click();
    harness.run();
    assert_eq!(harness.state().selection().view, View::References);
    assert!(
        harness
            .query_by_label_contains("Complaint of Aggression upon the Republic of Korea")
            .is_some()
    );
}

#[test]
fn keyboard_moves_between_sections_across_documents() {
    let mut harness = harness(seeds_app());
    harness.run();
    harness.key_press_modifiers(egui::Modifiers::ALT, egui::Key::ArrowDown);
    harness.run();
    assert_eq!(harness.state().selection().view, View::Section(1));
    for _ in 0..20 {
        harness.key_press_modifiers(egui::Modifiers::ALT, egui::Key::ArrowDown);
        harness.run();
    }
    assert_eq!(
        harness.state().selection().doc,
        1,
        "moving on past the last section reaches the next document"
    );
}

#[test]
fn open_folder_uses_the_dialog_and_lists_skipped_files() {
    let dir = crate::support::temp_folder(&[
        ("good.txt", b"Good Title\n\nFine text."),
        ("bad.pdf", b"%PDF"),
    ]);
    let dialogs = ScriptedDialogs {
        folders: vec![dir.path().to_path_buf()],
        ..Default::default()
    };
    let app = LecternApp::with_study(seeds(), Source::Seeds, Box::new(dialogs));
    let mut harness = harness(app);
    harness.run();
    harness.get_by_label("File").click();
    harness.run();
    harness.get_by_label_contains("Open folder…").click();
    harness.step();
    harness.state_mut().wait_for_loading();
    harness.run();
    assert_eq!(harness.state().study().documents.len(), 1);
    assert!(
        harness.state().window_title().starts_with(
            &dir.path()
                .file_name()
                .expect("name")
                .to_string_lossy()
                .to_string()
        )
    );
    harness.get_by_label_contains("1 skipped").click();
    harness.run();
    assert!(
        harness
            .query_by_label_contains("unsupported file type")
            .is_some()
    );
}

#[test]
fn opening_a_folder_of_only_bad_files_keeps_the_open_study() {
    let dir = crate::support::temp_folder(&[("bad.pdf", b"%PDF")]);
    let mut app = seeds_app();
    app.push(lectern::app::Command::OpenPaths(vec![
        dir.path().to_path_buf(),
    ]));
    let mut harness = harness(app);
    harness.step();
    harness.state_mut().wait_for_loading();
    harness.run();
    assert_eq!(
        harness.state().study().documents.len(),
        2,
        "the seeds stay open"
    );
    assert!(harness.state().notice().is_some_and(|n| n.is_error));
}

#[test]
fn fixtures_folder_opens_in_the_window() {
    let mut app = seeds_app();
    app.push(lectern::app::Command::OpenPaths(vec![fixture("docs")]));
    let mut harness = harness(app);
    harness.step();
    harness.state_mut().wait_for_loading();
    harness.run();
    assert_eq!(harness.state().study().documents.len(), 3);
    assert_eq!(harness.state().window_title(), "docs — Lectern");
}

#[test]
fn picking_a_section_lists_its_claims_and_j_k_move_between_them() {
    let mut harness = harness(seeds_app());
    harness.run();
    harness.get_by_label_contains("Bilateral Relations").click();
    harness.run();
    // The sidebar lists the section's claims; a statistic of that section is among them.
    assert!(
        harness
            .query_all_by_label_contains("accounted for around 10% of its total exports")
            .count()
            >= 1
    );
    let listed = lectern::app::visible_claims(
        harness.state().study(),
        harness.state().selection(),
        &Default::default(),
    );
    assert!(!listed.is_empty() && listed.iter().all(|c| c.section == 1));

    harness.key_press(egui::Key::J);
    harness.run();
    assert_eq!(harness.state().selected_claim(), Some(listed[0]));
    harness.key_press(egui::Key::J);
    harness.run();
    assert_eq!(harness.state().selected_claim(), Some(listed[1]));
    harness.key_press(egui::Key::K);
    harness.run();
    assert_eq!(harness.state().selected_claim(), Some(listed[0]));
    // The details show why it was detected.
    assert!(harness.query_by_label("Selected claim").is_some());
}

#[test]
fn clicking_a_related_claim_goes_to_the_other_document() {
    let study = seeds();
    let Some(relation) = study.relations.first().cloned() else {
        panic!("the seeds disagree: there must be related claims across them");
    };
    let mut app =
        LecternApp::with_study(study, Source::Seeds, Box::new(ScriptedDialogs::default()));
    app.push(lectern::app::Command::SelectClaim(relation.a));
    let mut harness = harness(app);
    harness.run();
    assert_eq!(harness.state().selection().doc, relation.a.doc);
    let other_text = harness.state().study().sentence_text(relation.b).to_owned();
    harness
        .get_all_by_label(&other_text)
        .last()
        .expect("related claim link")
        .click_accesskit();
    harness.run();
    assert_eq!(harness.state().selected_claim(), Some(relation.b));
    assert_eq!(harness.state().selection().doc, relation.b.doc);
}

#[test]
fn kind_filter_narrows_the_list() {
    let mut harness = harness(seeds_app());
    harness.run();
    harness.get_by_label("All documents").click();
    harness.run();
    let all = lectern::app::visible_claims(
        harness.state().study(),
        harness.state().selection(),
        harness.state().filter(),
    );
    harness.get_by_label("Prediction").click();
    harness.run();
    let predictions = lectern::app::visible_claims(
        harness.state().study(),
        harness.state().selection(),
        harness.state().filter(),
    );
    assert!(!predictions.is_empty() && predictions.len() < all.len());
    let study = harness.state().study();
    assert!(predictions.iter().all(|&r| study.claim(r).is_some_and(|c| {
        c.kinds
            .contains(&lectern::core::claims::ClaimKind::Prediction)
    })));
}

#[test]
fn ctrl_f_searches_the_document_and_enter_jumps_to_the_match() {
    let mut harness = harness(seeds_app());
    harness.run();
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::F);
    harness.run();
    assert!(harness.state().search().is_open && !harness.state().search().is_workspace);
    let field = harness
        .get_all_by_role(egui::accesskit::Role::TextInput)
        .find(|n| n.is_focused())
        .expect("the search field has focus");
    field.type_text("vladivostok");
    harness.run();
    assert_eq!(
        harness.state().search().hits.len(),
        1,
        "one match in the first document"
    );
    harness.key_press(egui::Key::Enter);
    harness.run();
    let study = harness.state().study();
    let financial = study.documents[0]
        .document
        .sections
        .iter()
        .position(|s| s.title == "Financial Cooperation")
        .expect("section");
    assert_eq!(
        harness.state().selection().view,
        View::Section(financial),
        "the reader jumped to the match"
    );
    assert_eq!(harness.state().search().current, Some(0));
    // The result list shows the match in its context.
    assert!(
        harness
            .query_all_by_label_contains("had met in Vladivostok to discuss")
            .count()
            >= 1
    );
}

#[test]
fn ctrl_shift_f_searches_every_document_and_f3_walks_the_matches() {
    let mut harness = harness(seeds_app());
    harness.run();
    harness.key_press_modifiers(
        egui::Modifiers::COMMAND | egui::Modifiers::SHIFT,
        egui::Key::F,
    );
    harness.run();
    assert!(harness.state().search().is_workspace);
    let field = harness
        .get_all_by_role(egui::accesskit::Role::TextInput)
        .find(|n| n.is_focused())
        .expect("focused");
    field.type_text("Putin");
    harness.run();
    let hits = harness.state().search().hits.clone();
    assert!(
        hits.iter().all(|h| h.doc == 1) && hits.len() >= 3,
        "Putin is only named in the second article"
    );
    for expected in 0..hits.len() {
        harness.key_press(egui::Key::F3);
        harness.run();
        assert_eq!(harness.state().search().current, Some(expected));
        assert_eq!(harness.state().selection().doc, 1);
    }
    harness.key_press_modifiers(egui::Modifiers::SHIFT, egui::Key::F3);
    harness.run();
    assert_eq!(harness.state().search().current, Some(hits.len() - 2));
    harness.key_press(egui::Key::Escape);
    harness.run();
    assert!(!harness.state().search().is_open);
}

/// The seeds app with the first claim of "Bilateral Relations" selected.
fn app_with_selected_claim() -> (
    Harness<'static, LecternApp>,
    lectern::core::analysis::ClaimRef,
) {
    let mut harness = harness(seeds_app());
    harness.run();
    harness.get_by_label_contains("Bilateral Relations").click();
    harness.run();
    harness.key_press(egui::Key::J);
    harness.run();
    let r = harness
        .state()
        .selected_claim()
        .expect("J selects the first claim");
    (harness, r)
}

#[test]
fn a_verdict_is_set_by_click_and_by_key_and_marks_the_study_changed() {
    use lectern::core::workspace::Verdict;
    let (mut harness, r) = app_with_selected_claim();
    assert!(!harness.state().is_dirty());
    assert!(!harness.state().window_title().starts_with('*'));
    harness.get_by_label("Supported").click();
    harness.run();
    assert_eq!(harness.state().verdict(r), Verdict::Supported);
    assert!(harness.state().is_dirty());
    assert!(
        harness.state().window_title().starts_with('*'),
        "asterisk in the title"
    );
    harness.key_press(egui::Key::Num3);
    harness.run();
    assert_eq!(harness.state().verdict(r), Verdict::Disputed);
    // The sidebar shows the verdict as a badge.
    assert!(
        harness.query_all_by_label("Disputed").count() >= 2,
        "button and badge"
    );
}

#[test]
fn undo_and_redo_restore_verdicts_and_notes() {
    use lectern::core::workspace::Verdict;
    let (mut harness, r) = app_with_selected_claim();
    harness.key_press(egui::Key::Num2);
    harness.run();
    harness.key_press(egui::Key::Num5);
    harness.run();
    assert_eq!(harness.state().verdict(r), Verdict::NeedsSource);
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    harness.run();
    assert_eq!(harness.state().verdict(r), Verdict::Supported);
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    harness.run();
    assert_eq!(harness.state().verdict(r), Verdict::Unreviewed);
    harness.key_press_modifiers(
        egui::Modifiers::COMMAND | egui::Modifiers::SHIFT,
        egui::Key::Z,
    );
    harness.run();
    assert_eq!(harness.state().verdict(r), Verdict::Supported);
}

#[test]
fn writing_a_note_marks_the_study_changed_and_is_one_undo_step() {
    let (mut harness, r) = app_with_selected_claim();
    let field = harness
        .get_all_by_role(egui::accesskit::Role::MultilineTextInput)
        .next()
        .expect("claim note field");
    field.focus();
    harness.run();
    let field = harness
        .get_all_by_role(egui::accesskit::Role::MultilineTextInput)
        .next()
        .expect("claim note field");
    field.type_text("Check the 2020 trade data");
    harness.run();
    let note_of = |h: &Harness<'static, LecternApp>| {
        lectern::app::claim_record(h.state().workspace(), h.state().study(), r)
            .map(|c| c.note.clone())
            .unwrap_or_default()
    };
    assert_eq!(note_of(&harness), "Check the 2020 trade data");
    assert!(harness.state().window_title().starts_with('*'));
    // Typing while the note has focus does not set verdicts: "2" went into the text.
    assert_eq!(
        harness.state().verdict(r),
        lectern::core::workspace::Verdict::Unreviewed
    );
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    harness.run();
    assert_eq!(note_of(&harness), "", "the whole note is one undo step");
}

#[test]
fn notebook_notes_are_kept_in_the_notes_tab() {
    let mut harness = harness(seeds_app());
    harness.run();
    harness.get_by_label("Notes").click();
    harness.run();
    let notebook = harness
        .get_all_by_role(egui::accesskit::Role::MultilineTextInput)
        .last()
        .expect("notebook field");
    notebook.focus();
    harness.run();
    harness
        .get_all_by_role(egui::accesskit::Role::MultilineTextInput)
        .last()
        .expect("notebook")
        .type_text("The two articles disagree on trade.");
    harness.run();
    assert_eq!(
        harness.state().workspace().notebook,
        "The two articles disagree on trade."
    );
    assert!(harness.query_by_label("6 words").is_some(), "word count");
    assert!(harness.state().is_dirty());
}

#[test]
fn save_writes_a_workspace_and_clears_the_asterisk() {
    let dir = tempfile::tempdir().expect("tmp");
    let path = dir.path().join("korea.lectern.ron");
    let dialogs = ScriptedDialogs {
        save_paths: vec![path.clone()],
        ..Default::default()
    };
    let app = LecternApp::with_study(seeds(), Source::Seeds, Box::new(dialogs));
    let mut harness = harness(app);
    harness.run();
    harness.get_by_label_contains("Bilateral Relations").click();
    harness.run();
    harness.key_press(egui::Key::J);
    harness.run();
    harness.key_press(egui::Key::Num2);
    harness.run();
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::S);
    harness.run();
    assert!(!harness.state().is_dirty());
    assert_eq!(
        harness.state().window_title(),
        "korea.lectern.ron — Lectern"
    );
    let saved = lectern::core::workspace::open_workspace(&path).expect("the saved file opens");
    assert!(saved.user_data_eq(harness.state().workspace()));
    assert!(
        saved
            .claims
            .iter()
            .any(|c| c.verdict == lectern::core::workspace::Verdict::Supported)
    );
}

#[test]
fn closing_or_opening_with_unsaved_changes_asks_first() {
    let (mut harness, _) = app_with_selected_claim();
    harness.key_press(egui::Key::Num2);
    harness.run();
    // Opening the samples again would replace the study: Lectern asks.
    harness.state_mut().push(lectern::app::Action::OpenSamples);
    harness.run();
    assert!(harness.state().is_asking_to_save());
    assert!(harness.query_by_label("Save your changes?").is_some());
    harness.get_by_label("Cancel").click();
    harness.run();
    assert!(!harness.state().is_asking_to_save());
    assert!(!harness.state().is_loading(), "cancel keeps the study");
    assert!(harness.state().is_dirty());
    // Closing the window (the system's close button) asks too; Discard lets it go.
    harness
        .input_mut()
        .viewports
        .entry(egui::ViewportId::ROOT)
        .or_default()
        .events
        .push(egui::ViewportEvent::Close);
    harness.run();
    assert!(harness.state().is_asking_to_save());
    harness.get_by_label("Discard").click();
    harness.step();
    assert!(!harness.state().is_dirty());
}

#[test]
fn the_theme_toggles_between_dark_and_light() {
    let mut harness = harness(seeds_app());
    harness.run();
    let before = harness.ctx.theme();
    harness.key_press_modifiers(
        egui::Modifiers::COMMAND | egui::Modifiers::SHIFT,
        egui::Key::T,
    );
    harness.run();
    assert_ne!(harness.ctx.theme(), before);
    harness.key_press_modifiers(
        egui::Modifiers::COMMAND | egui::Modifiers::SHIFT,
        egui::Key::T,
    );
    harness.run();
    assert_eq!(harness.ctx.theme(), before);
}
