//! The window, driven like a person would: find widgets by label, click, check what shows.

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use lectern::app::dialogs::ScriptedDialogs;
use lectern::app::{LecternApp, View};
use lectern::core::analysis::Source;

use crate::support::{fixture, harness, seeds, seeds_app};

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
        harness.state().claims(),
        harness.state().selection(),
        &Default::default(),
    );
    assert!(
        !listed.is_empty()
            && listed
                .iter()
                .all(|c| c.detected().is_some_and(|c| c.section == 1))
    );

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
    app.push(lectern::app::Command::SelectClaim(relation.a.into()));
    let mut harness = harness(app);
    harness.run();
    assert_eq!(harness.state().selection().doc, relation.a.doc);
    let other_text = harness.state().study().sentence_text(relation.b).to_owned();
    scroll_to(&mut harness, &other_text);
    harness.get_by_label(&other_text).click();
    harness.run();
    assert_eq!(harness.state().selected_claim(), Some(relation.b.into()));
    assert_eq!(harness.state().selection().doc, relation.b.doc);
}

#[test]
fn kind_filter_narrows_the_list() {
    let mut harness = harness(seeds_app());
    harness.run();
    harness.get_by_label("All documents").click();
    harness.run();
    let all = lectern::app::visible_claims(
        harness.state().claims(),
        harness.state().selection(),
        harness.state().filter(),
    );
    harness.get_by_label("Prediction").click();
    harness.run();
    let predictions = lectern::app::visible_claims(
        harness.state().claims(),
        harness.state().selection(),
        harness.state().filter(),
    );
    assert!(!predictions.is_empty() && predictions.len() < all.len());
    let study = harness.state().study();
    assert!(
        predictions.iter().all(
            |&k| k.detected().and_then(|r| study.claim(r)).is_some_and(|c| {
                c.kinds
                    .contains(lectern::core::claims::ClaimKind::Prediction)
            })
        )
    );
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
        .and_then(lectern::app::ClaimKey::detected)
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

mod workspace_files {
    use super::*;
    use lectern::core::workspace::Verdict;

    /// A folder with one article and a study of it saved next to it: the first claim of
    /// "Bilateral Relations" judged Supported with a note.
    fn saved_study() -> (tempfile::TempDir, std::path::PathBuf, String) {
        let dir = crate::support::temp_folder(&[(
            "docs/korea.txt",
            lectern::core::seeds::SEEDS[0].bytes,
        )]);
        let path = dir.path().join("study.lectern.ron");
        let dialogs = ScriptedDialogs {
            save_paths: vec![path.clone()],
            ..Default::default()
        };
        let study = crate::support::open_paths(&[&dir.path().join("docs")]);
        let mut app = LecternApp::with_study(
            study,
            Source::Paths(vec![dir.path().join("docs")]),
            Box::new(dialogs),
        );
        let r = app
            .study()
            .claim_refs()
            .find(|r| r.section == 1)
            .expect("a claim");
        let text = app.study().sentence_text(r).to_owned();
        app.push(lectern::app::Command::SetVerdict(
            r.into(),
            Verdict::Supported,
        ));
        app.push(lectern::app::Command::SetClaimNote(
            r.into(),
            "check the customs data".into(),
        ));
        app.push(lectern::app::Command::SelectSection { doc: 0, section: 1 });
        app.push(lectern::app::Action::Save);
        let mut harness = harness(app);
        harness.run();
        assert!(path.exists(), "saved");
        (dir, path, text)
    }

    fn open_in_new_window(
        path: &std::path::Path,
        dialogs: ScriptedDialogs,
    ) -> Harness<'static, LecternApp> {
        let mut app = LecternApp::with_study(Default::default(), Source::Seeds, Box::new(dialogs));
        app.push(lectern::app::Command::OpenWorkspace(path.to_path_buf()));
        let mut harness = harness(app);
        harness.step();
        harness.state_mut().wait_for_loading();
        harness.run();
        harness
    }

    #[test]
    fn a_saved_study_reopens_with_its_verdicts_and_notes() {
        let (_dir, path, text) = saved_study();
        let harness = open_in_new_window(&path, ScriptedDialogs::default());
        let app = harness.state();
        assert_eq!(app.study().documents.len(), 1);
        let r = app
            .study()
            .claim_refs()
            .find(|&r| app.study().sentence_text(r) == text)
            .expect("same claim");
        assert_eq!(app.verdict(r), Verdict::Supported);
        let note =
            lectern::app::claim_record(app.workspace(), app.study(), r).map(|c| c.note.clone());
        assert_eq!(note.as_deref(), Some("check the customs data"));
        assert_eq!(app.window_title(), "study.lectern.ron — Lectern");
        assert!(!app.is_dirty());
        assert_eq!(
            app.selection().view,
            View::Section(1),
            "back where the person was"
        );
    }

    #[test]
    fn an_edited_document_keeps_the_verdict_on_its_moved_sentence_and_says_so() {
        let (dir, path, text) = saved_study();
        let doc = dir.path().join("docs/korea.txt");
        let original = std::fs::read_to_string(&doc).expect("read");
        let edited = original.replacen(
            "Bilateral Relations\n",
            "Bilateral Relations\n\nA new paragraph written after the study was saved.\n",
            1,
        );
        std::fs::write(&doc, edited).expect("write");
        let harness = open_in_new_window(&path, ScriptedDialogs::default());
        let app = harness.state();
        let r = app
            .study()
            .claim_refs()
            .find(|&r| app.study().sentence_text(r) == text)
            .expect("same claim");
        assert_eq!(
            app.verdict(r),
            Verdict::Supported,
            "the verdict followed its sentence"
        );
        let notice = app.notice().expect("a report").text.clone();
        assert!(notice.contains("changed on disk"), "{notice}");
    }

    #[test]
    fn a_rewritten_sentence_becomes_an_item_to_review_and_can_be_attached_again() {
        let (dir, path, text) = saved_study();
        let doc = dir.path().join("docs/korea.txt");
        let original = std::fs::read_to_string(&doc).expect("read");
        assert!(original.contains(&text));
        std::fs::write(
            &doc,
            original.replace(
                &text,
                "Trade figures between the two are disputed by every source we asked.",
            ),
        )
        .expect("write");
        let mut harness = open_in_new_window(&path, ScriptedDialogs::default());
        assert_eq!(
            harness.state().orphans().len(),
            1,
            "the judged sentence is gone: its item needs review"
        );
        assert!(
            harness.query_by_label("Needs review").is_some(),
            "the review list opens by itself"
        );
        assert_eq!(
            harness.state().workspace().claims.len(),
            1,
            "kept, not dropped"
        );
        // Attach it to the sentence that replaced it.
        let r = harness
            .state()
            .study()
            .claim_refs()
            .find(|&r| {
                harness
                    .state()
                    .study()
                    .sentence_text(r)
                    .starts_with("Trade figures between")
            })
            .expect("the new sentence is a claim");
        harness
            .state_mut()
            .push(lectern::app::Command::SelectClaim(r.into()));
        harness.run();
        harness.get_by_label("Attach to the selected claim").click();
        harness.run();
        assert!(harness.state().orphans().is_empty());
        assert_eq!(
            harness.state().verdict(r),
            Verdict::Supported,
            "the verdict moved onto the chosen claim"
        );
    }

    #[test]
    fn a_study_saved_for_sharing_opens_without_its_documents_and_extracts_them() {
        let (dir, _path, text) = saved_study();
        let shared = dir.path().join("shared.lectern.ron");
        // Reopen the study, then save it for sharing.
        let mut harness = open_in_new_window(
            &dir.path().join("study.lectern.ron"),
            ScriptedDialogs {
                save_paths: vec![shared.clone()],
                ..Default::default()
            },
        );
        harness
            .state_mut()
            .push(lectern::app::Action::SaveForSharing);
        harness.run();
        assert!(shared.exists());
        // On the recipient's computer the documents do not exist.
        std::fs::remove_dir_all(dir.path().join("docs")).expect("remove docs");
        let out = dir.path().join("extracted");
        let mut harness = open_in_new_window(
            &shared,
            ScriptedDialogs {
                folders: vec![out.clone()],
                ..Default::default()
            },
        );
        let app = harness.state();
        assert_eq!(app.study().documents.len(), 1, "read from inside the study");
        let r = app
            .study()
            .claim_refs()
            .find(|&r| app.study().sentence_text(r) == text)
            .expect("same claim");
        assert_eq!(app.verdict(r), Verdict::Supported);
        harness
            .state_mut()
            .push(lectern::app::Action::ExtractDocuments);
        harness.run();
        let written: Vec<_> = std::fs::read_dir(&out).expect("folder").collect();
        assert_eq!(written.len(), 1, "the document was extracted");
    }

    #[test]
    fn a_moved_document_keeps_its_data_and_can_be_located() {
        let (dir, path, text) = saved_study();
        let moved = dir.path().join("elsewhere/korea-renamed.txt");
        std::fs::create_dir_all(moved.parent().expect("parent")).expect("mkdir");
        std::fs::rename(dir.path().join("docs/korea.txt"), &moved).expect("move");
        let mut harness = open_in_new_window(
            &path,
            ScriptedDialogs {
                files: vec![vec![moved.clone()]],
                ..Default::default()
            },
        );
        assert!(harness.state().study().documents.is_empty());
        assert_eq!(
            harness.state().workspace().claims.len(),
            1,
            "kept while the document is missing"
        );
        assert!(harness.query_by_label("Missing documents").is_some());
        harness.get_by_label("Locate…").click();
        harness.step();
        harness.state_mut().wait_for_loading();
        harness.run();
        let app = harness.state();
        assert_eq!(app.study().documents.len(), 1);
        let r = app
            .study()
            .claim_refs()
            .find(|&r| app.study().sentence_text(r) == text)
            .expect("same claim");
        assert_eq!(app.verdict(r), Verdict::Supported);
        assert!(app.is_dirty(), "the new place is a change to save");
    }

    #[test]
    fn a_malformed_workspace_says_where_and_leaves_the_study_untouched() {
        let dir = tempfile::tempdir().expect("tmp");
        let path = dir.path().join("broken.lectern.ron");
        std::fs::write(
            &path,
            "(\n  version: 1,\n  documents: [ (id: \"x\" ,, ],\n)",
        )
        .expect("write");
        let mut app = seeds_app();
        app.push(lectern::app::Command::OpenWorkspace(path));
        let mut harness = harness(app);
        harness.run();
        assert_eq!(
            harness.state().study().documents.len(),
            2,
            "the seeds are still open"
        );
        let notice = harness.state().notice().expect("an error").clone();
        assert!(notice.is_error);
        assert!(notice.text.contains("line 3"), "{}", notice.text);
    }

    #[test]
    fn documents_outside_the_folder_are_not_read_without_consent_and_their_data_is_kept() {
        let (dir, _path, _text) = saved_study();
        // Move the study into a subfolder: its document is now "../docs/korea.txt".
        let sub = dir.path().join("sub");
        std::fs::create_dir(&sub).expect("mkdir");
        let moved = sub.join("study.lectern.ron");
        let text = std::fs::read_to_string(dir.path().join("study.lectern.ron")).expect("read");
        std::fs::write(
            &moved,
            text.replace("\"docs/korea.txt\"", "\"../docs/korea.txt\""),
        )
        .expect("write");
        let mut app = seeds_app();
        app.push(lectern::app::Command::OpenWorkspace(moved));
        let mut harness = harness(app);
        harness.run();
        assert!(
            harness
                .query_by_label("Read documents outside the workspace's folder?")
                .is_some()
        );
        harness.get_by_label("Don't read them").click();
        harness.step();
        harness.state_mut().wait_for_loading();
        harness.run();
        let app = harness.state();
        assert!(app.study().documents.is_empty(), "nothing was read");
        assert_eq!(
            app.workspace().claims.len(),
            1,
            "the verdict and note are kept"
        );
        assert!(app.notice().expect("report").text.contains("missing"));
    }
}

#[test]
fn a_saved_sample_study_reopens_from_the_embedded_samples() {
    use lectern::core::workspace::Verdict;
    let dir = tempfile::tempdir().expect("tmp");
    let path = dir.path().join("samples.lectern.ron");
    let mut app = LecternApp::with_study(
        seeds(),
        Source::Seeds,
        Box::new(ScriptedDialogs {
            save_paths: vec![path.clone()],
            ..Default::default()
        }),
    );
    let r = app.study().claim_refs().nth(3).expect("claim");
    app.push(lectern::app::Command::SetVerdict(
        r.into(),
        Verdict::Disputed,
    ));
    app.push(lectern::app::Action::Save);
    harness(app).run();
    let saved = std::fs::read_to_string(&path).expect("saved");
    assert!(
        saved.contains("lectern-sample:does-north-korea-side-with-russia.txt"),
        "{saved}"
    );

    let mut app = LecternApp::with_study(
        Default::default(),
        Source::Seeds,
        Box::new(ScriptedDialogs::default()),
    );
    app.push(lectern::app::Command::OpenWorkspace(path));
    let mut harness = harness(app);
    harness.step();
    harness.state_mut().wait_for_loading();
    harness.run();
    assert_eq!(harness.state().study().documents.len(), 2);
    assert_eq!(harness.state().verdict(r), Verdict::Disputed);
}

#[test]
fn a_dismissed_claim_leaves_the_list_and_can_be_restored() {
    let (mut harness, r) = app_with_selected_claim();
    let listed = |h: &Harness<'static, LecternApp>| {
        lectern::app::visible_claims(
            h.state().claims(),
            h.state().selection(),
            h.state().filter(),
        )
    };
    assert!(listed(&harness).contains(&r.into()));
    scroll_to(&mut harness, "Dismiss");
    harness.get_by_label("Dismiss").click();
    harness.run();
    assert!(
        !listed(&harness).contains(&r.into()),
        "dismissed claims are not listed"
    );
    let record =
        lectern::app::claim_record(harness.state().workspace(), harness.state().study(), r)
            .expect("kept");
    assert!(
        record.is_dismissed,
        "kept in the workspace, marked dismissed"
    );
    // Show dismissed claims, then restore it with the keyboard.
    harness.get_by_label("Dismissed").click();
    harness.run();
    assert!(listed(&harness).contains(&r.into()));
    harness.key_press(egui::Key::Delete);
    harness.run();
    let record =
        lectern::app::claim_record(harness.state().workspace(), harness.state().study(), r)
            .expect("kept");
    assert!(!record.is_dismissed);
}

#[test]
fn tags_are_added_with_enter_and_removed_with_their_button() {
    let (mut harness, r) = app_with_selected_claim();
    // The tag field is the single-line input in the details (the filter is the other one).
    let fields: Vec<_> = harness
        .get_all_by_role(egui::accesskit::Role::TextInput)
        .collect();
    let tag_field = fields.last().expect("tag field");
    tag_field.focus();
    harness.run();
    harness
        .get_all_by_role(egui::accesskit::Role::TextInput)
        .last()
        .expect("tag field")
        .type_text("trade");
    harness.key_press(egui::Key::Enter);
    harness.run();
    let tags = |h: &Harness<'static, LecternApp>| {
        lectern::app::claim_record(h.state().workspace(), h.state().study(), r)
            .map(|c| c.tags.iter().cloned().collect::<Vec<_>>())
            .unwrap_or_default()
    };
    assert_eq!(tags(&harness), vec!["trade".to_owned()]);
    scroll_to(&mut harness, "trade ×");
    harness.get_by_label("trade ×").click();
    harness.run();
    assert!(tags(&harness).is_empty());
}

#[test]
fn compare_shows_both_passages_and_records_a_verdict_on_each() {
    use lectern::core::workspace::Verdict;
    let study = seeds();
    let relation = study
        .relations
        .iter()
        .find(|r| r.kind == lectern::core::relations::RelationKind::Contrasts)
        .cloned()
        .expect("the seeds contrast somewhere");
    let mut app =
        LecternApp::with_study(study, Source::Seeds, Box::new(ScriptedDialogs::default()));
    app.push(lectern::app::Command::SelectClaim(relation.a.into()));
    let mut harness = harness(app);
    harness.run();
    // The button is below the claim's details: scroll to it, as a person would.
    harness
        .get_all_by_label("Compare side by side")
        .next()
        .expect("compare button")
        .scroll_to_me();
    harness.run();
    harness
        .get_all_by_label("Compare side by side")
        .next()
        .expect("compare button")
        .click();
    harness.run();
    assert!(harness.state().compared().is_some());
    let (a, b) = harness.state().compared().expect("open");
    let kind = harness
        .state()
        .study()
        .relations_of(a)
        .find(|(o, _)| *o == b)
        .map(|(_, rel)| rel.kind)
        .expect("a relation");
    let words = match kind {
        lectern::core::relations::RelationKind::Agrees => "They agree",
        lectern::core::relations::RelationKind::Contrasts => "They contrast",
        lectern::core::relations::RelationKind::Related => "They are related",
    };
    assert!(
        harness.query_by_label(words).is_some(),
        "the relation is named"
    );
    // Both documents' titles are shown in the window, with a verdict row each.
    let supported: Vec<_> = harness.get_all_by_label("Supported").collect();
    assert!(supported.len() >= 3, "details + two sides");
    supported.last().expect("right side").click();
    harness.run();
    let (a, b) = harness.state().compared().expect("still open");
    assert_eq!(harness.state().verdict(b), Verdict::Supported);
    assert_eq!(harness.state().verdict(a), Verdict::Unreviewed);
}

/// Scrolls the widget with this label into view, as a person would before clicking it.
fn scroll_to(harness: &mut Harness<'static, LecternApp>, label: &str) {
    harness.get_by_label(label).scroll_to_me();
    harness.run();
}

#[test]
fn unsaved_work_survives_a_crash_through_the_recovery_file() {
    use lectern::core::workspace::Verdict;
    let dir = tempfile::tempdir().expect("tmp");
    let recovery = dir.path().join("recovery.lectern.ron");
    // First run: judge a claim, pause, then "crash" (drop the app without saving).
    let r = {
        let app = seeds_app().with_recovery_file(recovery.clone(), std::time::Duration::ZERO);
        let mut harness = harness(app);
        harness.run();
        let r = harness.state().study().claim_refs().nth(2).expect("claim");
        harness.state_mut().push(lectern::app::Command::SetVerdict(
            r.into(),
            Verdict::Disputed,
        ));
        harness.run();
        assert!(recovery.exists(), "written after the pause");
        r
    };
    // Next start: Lectern offers the work back.
    let saved = dir.path().join("study.lectern.ron");
    let dialogs = ScriptedDialogs {
        save_paths: vec![saved.clone()],
        ..Default::default()
    };
    let app = LecternApp::with_study(Default::default(), Source::Seeds, Box::new(dialogs))
        .with_recovery_file(recovery.clone(), std::time::Duration::ZERO);
    let mut harness = harness(app);
    harness.run();
    assert!(harness.state().is_offering_recovery());
    harness.get_by_label("Recover").click();
    harness.step();
    harness.state_mut().wait_for_loading();
    harness.run();
    assert_eq!(harness.state().verdict(r), Verdict::Disputed);
    assert!(
        harness.state().is_dirty(),
        "recovered work is still unsaved"
    );
    // Saving it removes the recovery file.
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::S);
    harness.run();
    assert!(saved.exists());
    assert!(!recovery.exists(), "saved work needs no recovery");
}

#[test]
fn saved_studies_are_listed_under_open_recent_and_reopen_from_there() {
    let dir = tempfile::tempdir().expect("tmp");
    let recent = dir.path().join("config/recent.ron");
    let study_path = dir.path().join("korea.lectern.ron");
    let app = LecternApp::with_study(
        seeds(),
        Source::Seeds,
        Box::new(ScriptedDialogs {
            save_paths: vec![study_path.clone()],
            ..Default::default()
        }),
    )
    .with_recent_file(recent.clone());
    let mut h = harness(app);
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::S);
    h.run();
    assert_eq!(h.state().recent().len(), 1);
    // Next start: the list is read back and the study opens from the menu.
    let app = LecternApp::with_study(
        Default::default(),
        Source::Seeds,
        Box::new(ScriptedDialogs::default()),
    )
    .with_recent_file(recent);
    let mut h = harness(app);
    h.run();
    h.get_by_label("File").click();
    h.run();
    h.get_by_label("Open recent").hover();
    h.run();
    h.get_by_label("korea.lectern.ron").click();
    h.step();
    h.state_mut().wait_for_loading();
    h.run();
    assert_eq!(h.state().study().documents.len(), 2);
    assert_eq!(h.state().window_title(), "korea.lectern.ron — Lectern");
}

#[test]
fn new_study_closes_the_documents_after_asking_about_changes() {
    let (mut h, _) = app_with_selected_claim();
    h.key_press(egui::Key::Num2);
    h.run();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::N);
    h.run();
    assert!(
        h.state().is_asking_to_save(),
        "unsaved verdict: Lectern asks first"
    );
    h.get_by_label("Discard").click();
    h.run();
    assert!(h.state().study().documents.is_empty());
    assert_eq!(h.state().window_title(), "Lectern");
    assert!(h.query_by_label("No documents open").is_some());
}

#[test]
fn insert_quote_puts_the_claim_in_the_notebook_and_its_link_leads_back() {
    let (mut h, r) = app_with_selected_claim();
    h.get_by_label("Notes").click();
    h.run();
    h.get_by_label("Insert quote").click();
    h.run();
    let notebook = h.state().workspace().notebook.clone();
    let claim_id = h.state().study().claim(r).expect("claim").id.clone();
    assert!(
        notebook.starts_with("> North Korea and Russia have maintained close ties"),
        "{notebook}"
    );
    assert!(
        notebook.contains(&format!("lectern://claim/{claim_id}")),
        "{notebook}"
    );
    assert!(h.state().is_dirty());
    // Select another claim, then follow the link from the rendered preview.
    h.key_press(egui::Key::J);
    h.run();
    assert_ne!(h.state().selected_claim(), Some(r.into()));
    h.get_by_label("Preview").click();
    h.run();
    h.get_by_label("Does North Korea Side With Russia, Bilateral Relations")
        .click();
    h.run();
    assert_eq!(
        h.state().selected_claim(),
        Some(r.into()),
        "the quote's link went back to its claim"
    );
}

#[test]
fn the_outline_filter_narrows_documents_and_sections_and_the_panel_hides() {
    let mut h = harness(seeds_app());
    h.run();
    let field = h
        .get_all_by_role(egui::accesskit::Role::TextInput)
        .next()
        .expect("outline filter (first field)");
    field.focus();
    h.run();
    h.get_all_by_role(egui::accesskit::Role::TextInput)
        .next()
        .expect("filter")
        .type_text("sanctions");
    h.run();
    assert!(
        h.query_by_label_contains("Sanctions Implications")
            .is_some()
    );
    assert!(
        h.query_by_label_contains("Military Cooperation").is_none(),
        "non-matching sections are hidden"
    );
    assert!(
        h.query_by_label("North Korea and Russian Relations")
            .is_none(),
        "no match in the second document"
    );
    // Ctrl+B hides the panel (and shows it again).
    h.key_press(egui::Key::Escape);
    h.run();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::B);
    h.run();
    assert!(h.query_by_label("Documents").is_none());
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::B);
    h.run();
    assert!(h.query_by_label("Documents").is_some());
}

#[test]
fn keys_pressed_in_one_frame_act_in_the_order_they_were_pressed() {
    use lectern::core::workspace::Verdict;
    let (mut h, first) = app_with_selected_claim();
    // A fast "2 J 3": judge the first claim, move on, judge the second.
    h.key_press(egui::Key::Num2);
    h.key_press(egui::Key::J);
    h.key_press(egui::Key::Num3);
    h.run();
    let second = h.state().selected_claim().expect("moved on");
    assert_ne!(second, first.into());
    assert_eq!(h.state().verdict(first), Verdict::Supported);
    assert_eq!(h.state().verdict(second), Verdict::Disputed);
}

#[test]
fn a_change_while_other_documents_open_is_refused_with_a_message_not_lost() {
    use lectern::core::workspace::Verdict;
    let mut app = seeds_app();
    let r = app.study().claim_refs().next().expect("claim");
    app.push(lectern::app::Command::OpenPaths(vec![
        crate::support::fixture("docs"),
    ]));
    app.push(lectern::app::Command::SetVerdict(
        r.into(),
        Verdict::Supported,
    ));
    let mut h = harness(app);
    h.step();
    assert!(
        h.state()
            .notice()
            .is_some_and(|n| n.is_error && n.text.contains("not made")),
        "the person is told"
    );
    assert!(
        h.state().workspace().claims.is_empty(),
        "no verdict recorded on a study about to close"
    );
    h.state_mut().wait_for_loading();
    h.run();
    assert_eq!(h.state().study().documents.len(), 3);
}

#[test]
fn file_export_writes_a_report_in_the_format_of_the_chosen_file() {
    use lectern::core::workspace::Verdict;
    let dir = tempfile::tempdir().expect("tmp");
    let html = dir.path().join("report.html");
    let csv = dir.path().join("claims.csv");
    let dialogs = ScriptedDialogs {
        exports: vec![html.clone(), csv.clone()],
        ..Default::default()
    };
    let study = seeds();
    let r = study.claim_refs().next().expect("a claim");
    let text = study.sentence_text(r).to_owned();
    let mut app = LecternApp::with_study(study, Source::Seeds, Box::new(dialogs));
    app.push(lectern::app::Command::SetVerdict(
        r.into(),
        Verdict::Disputed,
    ));
    let mut h = harness(app);
    h.run();
    for _ in 0..2 {
        h.get_by_label("File").click();
        h.run();
        h.get_by_label_contains("Export report…").click();
        h.run();
    }
    let page = std::fs::read_to_string(&html).expect("the HTML report was written");
    assert!(page.starts_with("<!DOCTYPE html>") || page.starts_with("<!doctype html>"));
    assert!(page.contains("Disputed"), "the verdict is in the report");
    let table = std::fs::read_to_string(&csv).expect("the CSV was written");
    let first_words: String = text
        .split_whitespace()
        .take(5)
        .collect::<Vec<_>>()
        .join(" ");
    assert!(
        table.contains(&first_words),
        "the claim is a row of the CSV"
    );
    assert!(h.state().notice().is_some_and(|n| !n.is_error));
}

#[test]
fn a_quotation_that_made_a_claim_is_shown_in_one_pair_of_quotes() {
    let study = seeds();
    let r = study
        .claim_refs()
        .find(|&r| study.sentence_text(r).contains("stop creating obstacles"))
        .expect("the seeds quote the 2018 Moscow Conference");
    let mut app =
        LecternApp::with_study(study, Source::Seeds, Box::new(ScriptedDialogs::default()));
    app.push(lectern::app::Command::SelectClaim(r.into()));
    let mut harness = harness(app);
    harness.run();
    let reason = "  “stop creating obstacles between the two countries for having full-fledged \
                  dialogue.” — quotation";
    scroll_to(&mut harness, reason);
    assert!(harness.query_by_label(reason).is_some());
    assert!(harness.query_by_label_contains("““").is_none());
    // Words that are not a quotation get their quotes from the app.
    assert!(
        harness
            .query_by_label("  “called on” — reporting verb")
            .is_some()
    );
}
