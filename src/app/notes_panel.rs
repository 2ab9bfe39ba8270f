//! The Notes tab: the person's notes on the open section, the open document, and the
//! workspace notebook — Markdown, with a rendered preview and "insert quote" of the selected
//! claim (a `lectern://claim/<id>` link that goes back to it). Every edit is a command
//! (undoable, marks the study as changed).

use egui_commonmark::{CommonMarkCache, CommonMarkViewer};

use crate::app::{ClaimKey, Claims, Command, Selection, View};
use crate::core::analysis::Study;

/// Links in notes that point at a claim: `lectern://claim/<claim id>`.
pub const CLAIM_LINK_PREFIX: &str = "lectern://claim/";

/// The Notes tab's own state: edit or preview, and the Markdown renderer's cache.
#[derive(Default)]
pub struct NotesView {
    /// Show rendered Markdown instead of the editors.
    pub is_preview: bool,
    cache: CommonMarkCache,
}

/// Words in a note, for the counter under it.
pub fn word_count(text: &str) -> usize {
    text.split_whitespace().count()
}

/// A Markdown quote of a claim with a link back to it, for the notebook.
pub fn quote_of_claim(claims: Claims<'_>, key: ClaimKey) -> Option<String> {
    let (doc, section, _) = claims.place(key)?;
    let d = claims.study.documents.get(doc)?;
    let section = d
        .document
        .sections
        .get(section)
        .map_or("", |s| s.display_title());
    let text = claims
        .text(key)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    Some(format!(
        "> {text}\n>\n> — [{}, {section}]({CLAIM_LINK_PREFIX}{})\n",
        d.document.title,
        claims.stable_id(key)
    ))
}

fn note_editor_ui(
    ui: &mut egui::Ui,
    view: &mut NotesView,
    id: &str,
    label: &str,
    hint: &str,
    text: &str,
    rows: usize,
) -> Option<String> {
    ui.label(egui::RichText::new(label).strong());
    if view.is_preview {
        if text.trim().is_empty() {
            ui.weak("(empty)");
        } else {
            CommonMarkViewer::new().show(ui, &mut view.cache, text);
        }
        ui.add_space(8.0);
        return None;
    }
    let mut buffer = text.to_owned();
    let response = ui.add(
        egui::TextEdit::multiline(&mut buffer)
            .hint_text(hint)
            .desired_rows(rows)
            .desired_width(f32::INFINITY)
            .id_salt(id),
    );
    ui.weak(format!("{} words", word_count(&buffer)));
    ui.add_space(8.0);
    response.changed().then_some(buffer)
}

/// Draws the Notes tab.
pub fn notes_ui(
    ui: &mut egui::Ui,
    claims: Claims<'_>,
    selection: Selection,
    selected_claim: Option<ClaimKey>,
    view: &mut NotesView,
    commands: &mut Vec<Command>,
) {
    let (study, workspace): (&Study, _) = (claims.study, claims.workspace);
    ui.horizontal(|ui| {
        ui.selectable_value(&mut view.is_preview, false, "Edit");
        ui.selectable_value(&mut view.is_preview, true, "Preview");
        let quote = selected_claim.and_then(|key| quote_of_claim(claims, key));
        let button = ui.add_enabled(quote.is_some(), egui::Button::new("Insert quote"));
        if button
            .on_hover_text(
                "Add the selected claim to the notebook as a quote with a link back to it",
            )
            .clicked()
            && let Some(quote) = quote
        {
            let mut notebook = workspace.notebook.clone();
            if !notebook.is_empty() && !notebook.ends_with("\n\n") {
                notebook.push_str(if notebook.ends_with('\n') {
                    "\n"
                } else {
                    "\n\n"
                });
            }
            notebook.push_str(&quote);
            commands.push(Command::SetNotebook(notebook));
        }
    });
    egui::ScrollArea::vertical()
        .id_salt("notes")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            if let Some(d) = study.documents.get(selection.doc) {
                if let View::Section(i) = selection.view
                    && let Some(section) = d.document.sections.get(i)
                {
                    let current = workspace
                        .section_note(&d.document.id, std::slice::from_ref(&section.title))
                        .unwrap_or("");
                    let label = format!("Section: {}", section.display_title());
                    let id = format!("section_note:{}:{i}", d.document.id);
                    if let Some(text) =
                        note_editor_ui(ui, view, &id, &label, "Notes on this section", current, 5)
                    {
                        commands.push(Command::SetSectionNote {
                            doc: selection.doc,
                            section: i,
                            text,
                        });
                    }
                }
                let current = workspace
                    .document(&d.document.id)
                    .map_or("", |e| e.note.as_str());
                let label = format!("Document: {}", d.document.title);
                let id = format!("document_note:{}", d.document.id);
                if let Some(text) =
                    note_editor_ui(ui, view, &id, &label, "Notes on this document", current, 5)
                {
                    commands.push(Command::SetDocumentNote(selection.doc, text));
                }
            }
            let hint = "Your notes on the whole study (Markdown)";
            if let Some(text) = note_editor_ui(
                ui,
                view,
                "notebook",
                "Notebook",
                hint,
                &workspace.notebook,
                10,
            ) {
                commands.push(Command::SetNotebook(text));
            }
        });
}
