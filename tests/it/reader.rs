//! The reader, driven like a person would: select text and mark it as a claim, read the whole
//! document with the outline following, follow a citation to its reference entry, and scroll
//! a very long section that is laid out only where it is visible.

use egui::{Event, Modifiers, PointerButton, Pos2, Rect, pos2, vec2};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use lectern::app::dialogs::ScriptedDialogs;
use lectern::app::{ClaimKey, LecternApp, View};
use lectern::core::analysis::Source;
use lectern::core::workspace::{ClaimOrigin, Verdict};

use crate::support::{harness, seeds, seeds_app, temp_folder};

/// The reader's paragraph holding `text` (the widest match: the sidebar repeats claim texts
/// in narrower rows).
fn paragraph_rect(h: &Harness<'static, LecternApp>, text: &str) -> Rect {
    h.query_all_by_label_contains(text)
        .map(|n| n.rect())
        .max_by(|a, b| a.width().total_cmp(&b.width()))
        .unwrap_or_else(|| panic!("no paragraph shows {text:?}"))
}

/// Presses the mouse at `from`, drags to `to` and lets go, a frame per step.
fn drag_select(h: &mut Harness<'static, LecternApp>, from: Pos2, to: Pos2) {
    let button = |pos, pressed| Event::PointerButton {
        pos,
        button: PointerButton::Primary,
        pressed,
        modifiers: Modifiers::NONE,
    };
    h.input_mut().events.push(Event::PointerMoved(from));
    h.step();
    h.input_mut().events.push(button(from, true));
    h.step();
    for t in [0.3, 0.6, 1.0] {
        h.input_mut()
            .events
            .push(Event::PointerMoved(from + (to - from) * t));
        h.step();
    }
    h.input_mut().events.push(button(to, false));
    h.run();
}

fn wheel_down(h: &mut Harness<'static, LecternApp>, over: Pos2, points: f32) {
    h.input_mut().events.push(Event::PointerMoved(over));
    h.input_mut().events.push(Event::MouseWheel {
        unit: egui::MouseWheelUnit::Point,
        delta: vec2(0.0, -points),
        phase: egui::TouchPhase::Move,
        source: egui::MouseWheelSource::Unknown,
        modifiers: Modifiers::NONE,
    });
    h.run();
}

#[test]
fn selected_text_is_marked_as_an_own_claim_judged_and_undone() {
    let mut h = harness(seeds_app());
    h.run();
    h.get_by_label_contains("Bilateral Relations").click();
    h.run();
    let rect = paragraph_rect(&h, "trade volume between them increasing steadily");
    // Drag along the paragraph's first line.
    let y = rect.top() + 10.0;
    drag_select(
        &mut h,
        pos2(rect.left() + 1.0, y),
        pos2(rect.left() + 220.0, y),
    );
    let pick = h
        .state()
        .reader_selection()
        .cloned()
        .expect("the selection is offered for marking");
    let text =
        h.state().study().documents[0].document.text[pick.span.start..pick.span.end].to_owned();
    assert!(
        text.split_whitespace().count() >= 3,
        "a few words selected: {text:?}"
    );
    assert!(h.query_by_label_contains("Mark as claim (M)").is_some());

    h.key_press(egui::Key::M);
    h.run();
    let own: Vec<_> = h
        .state()
        .workspace()
        .claims
        .iter()
        .filter(|c| c.origin == ClaimOrigin::Own)
        .cloned()
        .collect();
    assert_eq!(own.len(), 1, "one own claim made");
    assert_eq!(own[0].anchor.quote, text, "it holds exactly the selection");
    assert_eq!(h.state().selected_claim(), Some(ClaimKey::Own(own[0].id)));
    assert!(h.state().is_dirty());
    assert!(h.query_by_label("Your claim").is_some(), "details show it");

    // Judged like any claim: by key.
    h.key_press(egui::Key::Num3);
    h.run();
    assert_eq!(
        h.state().verdict(ClaimKey::Own(own[0].id)),
        Verdict::Disputed
    );
    // Listed in the sidebar with the section's detected claims.
    let listed = lectern::app::visible_claims(
        h.state().claims(),
        h.state().selection(),
        h.state().filter(),
    );
    assert!(listed.contains(&ClaimKey::Own(own[0].id)));

    // Undo twice: the verdict, then the claim itself.
    h.key_press_modifiers(Modifiers::COMMAND, egui::Key::Z);
    h.key_press_modifiers(Modifiers::COMMAND, egui::Key::Z);
    h.run();
    assert!(
        h.state()
            .workspace()
            .claims
            .iter()
            .all(|c| c.origin != ClaimOrigin::Own)
    );
    assert_eq!(
        h.state().selected_claim(),
        None,
        "a gone claim is unselected"
    );
}

#[test]
fn an_own_claim_is_deleted_from_its_details_and_survives_save_and_reopen() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("study.lectern.ron");
    let study = seeds();
    let body = study.documents[1].document.sections[1].body;
    let span = lectern::core::document::Span::new(body.start, body.start + 40);
    let mut app = LecternApp::with_study(
        study,
        Source::Seeds,
        Box::new(ScriptedDialogs {
            save_paths: vec![path.clone()],
            ..Default::default()
        }),
    );
    app.push(lectern::app::Command::MarkOwnClaim { doc: 1, span });
    app.push(lectern::app::Action::Save);
    let mut h = harness(app);
    h.run();
    assert!(path.exists());
    let Some(ClaimKey::Own(item)) = h.state().selected_claim() else {
        panic!("the new claim is selected");
    };
    // Reopen: the own claim is back on its text.
    h.state_mut()
        .push(lectern::app::Command::OpenWorkspace(path.clone()));
    h.step();
    h.state_mut().wait_for_loading();
    h.run();
    let placed = h.state().claims().place(ClaimKey::Own(item));
    assert_eq!(placed.map(|p| (p.0, p.2)), Some((1, span)));
    h.state_mut()
        .push(lectern::app::Command::SelectClaim(ClaimKey::Own(item)));
    h.run();
    h.get_by_label("Delete this claim").click();
    h.run();
    assert!(h.state().workspace().claim(item).is_none());
    assert!(h.state().is_dirty());
}

#[test]
fn whole_document_mode_scrolls_through_sections_and_the_outline_follows() {
    let mut h = harness(seeds_app());
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, egui::Key::D);
    h.run();
    assert!(h.state().is_whole_document());
    assert_eq!(h.state().selection().view, View::Section(0));
    // Remembered for the next run, which starts in the same mode.
    let prefs = h.state().layout_prefs();
    assert!(prefs.is_whole_document);
    assert!(seeds_app().with_layout_prefs(prefs).is_whole_document());
    assert!(!seeds_app().is_whole_document());
    // Scroll down a long way over the reader: a later section is on top, and the outline
    // (the selection) follows it.
    for _ in 0..6 {
        wheel_down(&mut h, pos2(600.0, 400.0), 900.0);
    }
    let View::Section(now) = h.state().selection().view else {
        panic!("still in the sections");
    };
    assert!(now >= 2, "the outline followed the scroll to section {now}");
    // Clicking a section in the outline scrolls there.
    h.get_by_label_contains("Bilateral Relations").click();
    h.run();
    assert_eq!(h.state().selection().view, View::Section(1));
    assert!(
        h.query_all_by_label_contains("trade volume between them increasing steadily")
            .count()
            >= 1
    );
}

#[test]
fn a_citation_opens_its_exact_reference_entry() {
    let study = seeds();
    let (r, label, entry) = study
        .claim_refs()
        .find_map(|r| {
            let claim = study.claim(r)?;
            let label = claim.citations.last()?.clone();
            let document = &study.documents[r.doc].document;
            let refs = &document.references;
            let entry = document
                .reference_text(refs.iter().find(|x| x.label == label)?)
                .to_owned();
            // A late entry: it is off screen until the reader goes there.
            (refs.len() > 5 && refs.iter().position(|x| x.label == label)? > 3)
                .then_some((r, label, entry))
        })
        .expect("the second seed cites its references");
    let mut app =
        LecternApp::with_study(study, Source::Seeds, Box::new(ScriptedDialogs::default()));
    app.push(lectern::app::Action::ToggleWholeDocument);
    app.push(lectern::app::Command::SelectClaim(r.into()));
    let mut h = harness(app);
    h.run();
    let link = format!("[{label}] {entry}");
    h.get_by_label(&link).scroll_to_me();
    h.run();
    h.get_by_label(&link).click();
    h.run();
    assert_eq!(h.state().selection().doc, r.doc);
    // The entry is drawn in the reader (only what is in view is), beside its label.
    assert!(h.query_by_label(&entry).is_some(), "the entry is in view");
    assert!(h.query_by_label(&format!("{label}.")).is_some());
}

#[test]
fn a_very_long_document_is_laid_out_only_where_it_is_visible() {
    let mut text = String::from("A Long Report\n\n");
    for i in 0..4000 {
        text.push_str(&format!(
            "Paragraph {i} says that exports rose by {i} percent in 2020 according to the ministry.\n\n"
        ));
    }
    let dir = temp_folder(&[("long.txt", text.as_bytes())]);
    let mut app = LecternApp::with_study(
        lectern::core::analysis::Study::default(),
        Source::Seeds,
        Box::new(ScriptedDialogs::default()),
    );
    app.push(lectern::app::Command::OpenPaths(vec![
        dir.path().join("long.txt"),
    ]));
    app.push(lectern::app::Action::ToggleWholeDocument);
    let mut h = harness(app);
    h.step();
    h.state_mut().wait_for_loading();
    h.run();
    let (blocks, drawn) = h.state().reader_blocks();
    assert!(blocks > 4000, "every paragraph is a block ({blocks})");
    assert!(drawn < 80, "only the visible ones were laid out ({drawn})");
    // Jump to the last paragraph through search: it is drawn, the first is not.
    h.key_press_modifiers(Modifiers::COMMAND, egui::Key::F);
    h.run();
    h.get_all_by_role(egui::accesskit::Role::TextInput)
        .find(|n| n.is_focused())
        .expect("the search field has focus")
        .type_text("Paragraph 3999 says");
    h.run();
    h.key_press(egui::Key::Enter);
    h.run();
    // The reader's column (wider than the sidebar's rows) shows it.
    assert!(paragraph_rect(&h, "Paragraph 3999 says").width() > 450.0);
    assert!(h.query_by_label_contains("Paragraph 0 says").is_none());
    assert!(h.state().reader_blocks().1 < 80);
}

#[test]
fn the_window_takes_a_folder_of_adversarial_documents_without_going_down() {
    use crate::adversarial_cases::{Expect, Scale, file_cases, write_cases, write_symlink_loop};
    let dir = tempfile::tempdir().expect("tmp");
    let cases = file_cases(Scale::Small);
    write_cases(dir.path(), &cases).expect("cases written");
    write_symlink_loop(dir.path()).expect("loop written");
    let dialogs = ScriptedDialogs {
        folders: vec![dir.path().to_path_buf()],
        ..Default::default()
    };
    let app = LecternApp::with_study(seeds(), Source::Seeds, Box::new(dialogs));
    // Right-to-left, CJK and emoji need system fonts that a test machine may lack: tofu is
    // fine here, what is tested is that nothing panics and everything is reachable.
    let mut h = Harness::builder()
        .with_max_steps(16)
        .with_size([1200.0, 800.0])
        .allow_missing_glyphs()
        .build_ui_state(|ui, app: &mut LecternApp| app.ui(ui), app);
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, egui::Key::O);
    h.step();
    h.state_mut().wait_for_loading();
    h.run();
    let loads = cases
        .iter()
        .filter(|c| matches!(c.expect, Expect::Loads { .. }))
        .count();
    assert!(
        h.state().study().documents.len() >= loads,
        "every readable case is open ({} of {loads})",
        h.state().study().documents.len()
    );
    // Every document, whole and by section, draws; every section of each can be visited.
    for whole in [false, true] {
        if whole {
            h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, egui::Key::D);
            h.run();
        }
        for doc in 0..h.state().study().documents.len() {
            h.state_mut()
                .push(lectern::app::Command::SelectDocument(doc));
            h.run();
            assert_eq!(h.state().selection().doc, doc);
            wheel_down(&mut h, pos2(600.0, 400.0), 900.0);
            h.state_mut().push(lectern::app::Action::NextClaim);
            // Long jumps animate the sidebar's scroll for a while.
            h.run_steps(48);
        }
    }
    // Search across all of it.
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, egui::Key::F);
    h.run();
    h.get_all_by_role(egui::accesskit::Role::TextInput)
        .find(|n| n.is_focused())
        .expect("search field")
        .type_text("river");
    h.run();
    assert!(!h.state().search().hits.is_empty());
}

#[test]
fn a_document_chosen_while_the_study_opens_is_shown_when_it_is_ready() {
    // Inputs in order: a.txt (0), b.bin (1, skipped), c.txt (2), d.txt (3).
    let dir = temp_folder(&[
        (
            "a.txt",
            b"Alpha\n\nThe first report says exports rose 5% in 2020.",
        ),
        ("b.bin", b"\x00\x01\x02\x03binary"),
        (
            "c.txt",
            b"Gamma\n\nThe third report says imports fell 3% in 2021.",
        ),
        (
            "d.txt",
            b"Delta\n\nThe fourth report says prices rose 2% in 2022.",
        ),
    ]);
    let mut app =
        LecternApp::with_study(seeds(), Source::Seeds, Box::new(ScriptedDialogs::default()));
    app.push(lectern::app::Command::OpenPaths(vec![
        dir.path().to_path_buf(),
    ]));
    app.push(lectern::app::Command::SelectWhenOpened(2));
    let mut h = harness(app);
    h.step();
    h.state_mut().wait_for_loading();
    h.run();
    let doc = h.state().selection().doc;
    assert_eq!(h.state().study().documents[doc].document.title, "Gamma");
}
