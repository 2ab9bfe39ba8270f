//! Left panel: the documents and the open one's section outline, with claim counts.

use crate::app::{Command, Selection, View};
use crate::core::analysis::Study;
use crate::core::workspace::Workspace;

/// Draws the document list and outline; clicks become [`Command`]s.
pub fn outline_ui(
    ui: &mut egui::Ui,
    study: &Study,
    workspace: &Workspace,
    selection: Selection,
    filter: &mut String,
    commands: &mut Vec<Command>,
) {
    ui.add_space(4.0);
    ui.heading("Documents");
    ui.add(
        egui::TextEdit::singleline(filter)
            .hint_text("filter documents and sections")
            .desired_width(f32::INFINITY),
    );
    ui.add_space(2.0);
    let needle = filter.trim().to_lowercase();
    let matches = |text: &str| needle.is_empty() || text.to_lowercase().contains(&needle);
    egui::ScrollArea::vertical()
        .auto_shrink([false, false])
        .show(ui, |ui| {
            if study.documents.is_empty() {
                ui.weak("No documents open.");
            }
            for (doc, d) in study.documents.iter().enumerate() {
                let is_title_match = matches(&d.document.title) || matches(&d.document.path);
                let is_section_match = d.document.sections.iter().any(|s| matches(&s.title));
                if !is_title_match && !is_section_match {
                    continue;
                }
                // With a filter, every matching document shows its matching sections.
                let is_open = doc == selection.doc || (!needle.is_empty() && is_section_match);
                let claims = d.claim_count();
                let label = egui::RichText::new(&d.document.title).strong();
                let response = ui.selectable_label(is_open, label).on_hover_text(format!(
                    "{}\n{} sections · {} claims",
                    d.document.path,
                    d.document.sections.len(),
                    claims
                ));
                if response.clicked() {
                    commands.push(Command::SelectDocument(doc));
                }
                if let Some(error) = &d.error {
                    ui.colored_label(ui.visuals().error_fg_color, error);
                }
                if !is_open {
                    continue;
                }
                ui.indent(("outline", doc), |ui| {
                    for (i, (section, analysis)) in
                        d.document.sections.iter().zip(&d.sections).enumerate()
                    {
                        if !is_title_match && !matches(&section.title) {
                            continue;
                        }
                        let depth = f32::from(section.level.saturating_sub(1).min(4));
                        ui.horizontal(|ui| {
                            ui.add_space(depth * 10.0);
                            let count = analysis.claim_count();
                            let text = if count > 0 {
                                format!("{}  ·  {count}", section.display_title())
                            } else {
                                section.display_title().to_owned()
                            };
                            let selected =
                                doc == selection.doc && selection.view == View::Section(i);
                            let response = ui.selectable_label(selected, text).on_hover_text(
                                format!("{} — {count} claim(s)", section.display_title()),
                            );
                            if response.clicked() {
                                commands.push(Command::SelectSection { doc, section: i });
                            }
                        });
                    }
                    if !d.document.references.is_empty() {
                        let selected = doc == selection.doc && selection.view == View::References;
                        let text = format!("References  ·  {}", d.document.references.len());
                        if ui.selectable_label(selected, text).clicked() {
                            commands.push(Command::SelectSection {
                                doc,
                                section: usize::MAX,
                            });
                        }
                    }
                });
                ui.add_space(6.0);
            }
            missing_documents_ui(ui, study, workspace, commands);
        });
}

/// Documents the study's workspace knows but that are not open: their data is kept, and
/// "Locate…" points the study at the file's new place.
fn missing_documents_ui(
    ui: &mut egui::Ui,
    study: &Study,
    workspace: &Workspace,
    commands: &mut Vec<Command>,
) {
    let missing: Vec<_> = workspace
        .documents
        .iter()
        .filter(|entry| !study.documents.iter().any(|d| d.document.id == entry.id))
        .collect();
    if missing.is_empty() {
        return;
    }
    ui.separator();
    ui.label(egui::RichText::new("Missing documents").strong())
        .on_hover_text("Not found where the study expects them; their verdicts and notes are kept");
    for entry in missing {
        ui.horizontal_wrapped(|ui| {
            ui.label(if entry.title.is_empty() {
                entry.path.as_str()
            } else {
                entry.title.as_str()
            });
            let kept = workspace.claims_in_document(&entry.id).len();
            ui.weak(format!("({kept} item(s) kept)"));
            if ui
                .button("Locate…")
                .on_hover_text(format!("Was at {}", entry.path))
                .clicked()
            {
                commands.push(Command::LocateDocument(entry.id.clone()));
            }
        });
    }
}
