//! The Notes tab: the person's notes on the open section, the open document, and the
//! workspace notebook. Every edit is a command (undoable, marks the study as changed).

use crate::app::{Command, Selection, View};
use crate::core::analysis::Study;
use crate::core::workspace::Workspace;

/// Words in a note, for the counter under it.
pub fn word_count(text: &str) -> usize {
    text.split_whitespace().count()
}

fn note_editor_ui(
    ui: &mut egui::Ui,
    id: &str,
    label: &str,
    hint: &str,
    text: &str,
    rows: usize,
) -> Option<String> {
    ui.label(egui::RichText::new(label).strong());
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
    study: &Study,
    workspace: &Workspace,
    selection: Selection,
    commands: &mut Vec<Command>,
) {
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
                    if let Some(text) = note_editor_ui(
                        ui,
                        &format!("section_note:{}:{i}", d.document.id),
                        &label,
                        "Notes on this section",
                        current,
                        5,
                    ) {
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
                if let Some(text) = note_editor_ui(
                    ui,
                    &format!("document_note:{}", d.document.id),
                    &label,
                    "Notes on this document",
                    current,
                    5,
                ) {
                    commands.push(Command::SetDocumentNote(selection.doc, text));
                }
            }
            if let Some(text) = note_editor_ui(
                ui,
                "notebook",
                "Notebook",
                "Your notes on the whole study (Markdown)",
                &workspace.notebook,
                10,
            ) {
                commands.push(Command::SetNotebook(text));
            }
        });
}
