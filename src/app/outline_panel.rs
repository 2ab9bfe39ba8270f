//! Left panel: the documents and the open one's section outline, with claim counts.

use crate::app::{Command, Selection, View};
use crate::core::analysis::Study;
use crate::core::workspace::{DocumentEntry, Workspace};

/// One line of the outline.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Row {
    Document(usize),
    /// "could not be analysed: …" under a document.
    Error(usize),
    Section(usize, usize),
    References(usize),
}

/// The outline's lines for this selection and filter, in order.
fn outline_rows(study: &Study, selection: Selection, needle: &str) -> Vec<Row> {
    let matches = |text: &str| needle.is_empty() || text.to_lowercase().contains(needle);
    let mut rows = Vec::new();
    for (doc, d) in study.documents.iter().enumerate() {
        let is_title_match = matches(&d.document.title) || matches(&d.document.path);
        let is_section_match =
            !needle.is_empty() && d.document.sections.iter().any(|s| matches(&s.title));
        if !is_title_match && !is_section_match {
            continue;
        }
        rows.push(Row::Document(doc));
        if d.error.is_some() {
            rows.push(Row::Error(doc));
        }
        // With a filter, every matching document shows its matching sections.
        let is_open = doc == selection.doc || is_section_match;
        if !is_open {
            continue;
        }
        rows.extend(
            d.document
                .sections
                .iter()
                .enumerate()
                .filter(|(_, s)| is_title_match || matches(&s.title))
                .map(|(i, _)| Row::Section(doc, i)),
        );
        if !d.document.references.is_empty() {
            rows.push(Row::References(doc));
        }
    }
    rows
}

/// Draws the document list and outline; clicks become [`Command`]s. Only the visible lines
/// are laid out (a folder of 1,000 documents, a document of 3,000 sections), and the outline
/// scrolls to keep the section being read in view.
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
    if study.documents.is_empty() {
        ui.weak("No documents open.");
    }
    let needle = filter.trim().to_lowercase();
    let rows = outline_rows(study, selection, &needle);
    let missing = missing_documents(study, workspace);
    let row_height = ui.spacing().interact_size.y;
    let spacing = ui.spacing().item_spacing.y;
    let current = rows.iter().position(|row| match *row {
        Row::Section(doc, i) => doc == selection.doc && selection.view == View::Section(i),
        Row::References(doc) => doc == selection.doc && selection.view == View::References,
        _ => false,
    });
    // Follow the selection when it changes (a click elsewhere, whole-document scrolling).
    let memory = ui.scope_id().with("outline_last_selection");
    let last = ui.data(|d| d.get_temp::<(usize, View)>(memory));
    let now = (selection.doc, selection.view);
    let mut scroll = egui::ScrollArea::vertical()
        .id_salt("outline_rows")
        .auto_shrink([false, false])
        .max_height(ui.available_height() - missing_height(missing.len()));
    if last != Some(now)
        && let Some(row) = current
    {
        ui.data_mut(|d| d.insert_temp(memory, now));
        let offset =
            egui::scroll_area::State::load(ui.ctx(), ui.make_persistent_id("outline_rows"))
                .map_or(0.0, |s| s.clamped_offset().y);
        let top = row as f32 * (row_height + spacing);
        let view = ui.available_height() * 0.8;
        if top < offset || top > offset + view {
            scroll = scroll.vertical_scroll_offset((top - 3.0 * row_height).max(0.0));
        }
    }
    scroll.show_rows(ui, row_height, rows.len(), |ui, range| {
        for row in rows.get(range).unwrap_or(&[]) {
            row_ui(ui, study, selection, *row, commands);
        }
    });
    missing_documents_ui(ui, &missing, workspace, commands);
}

fn row_ui(
    ui: &mut egui::Ui,
    study: &Study,
    selection: Selection,
    row: Row,
    commands: &mut Vec<Command>,
) {
    match row {
        Row::Document(doc) => {
            let Some(d) = study.documents.get(doc) else {
                return;
            };
            let label = egui::RichText::new(&d.document.title).strong();
            let response = ui
                .add(egui::Button::selectable(doc == selection.doc, label).truncate())
                .on_hover_text(format!(
                    "{}\n{} sections · {} claims",
                    d.document.path,
                    d.document.sections.len(),
                    d.claim_count()
                ));
            if response.clicked() {
                commands.push(Command::SelectDocument(doc));
            }
        }
        Row::Error(doc) => {
            if let Some(error) = study.documents.get(doc).and_then(|d| d.error.as_ref()) {
                ui.add(
                    egui::Label::new(egui::RichText::new(error).color(ui.visuals().error_fg_color))
                        .truncate(),
                );
            }
        }
        Row::Section(doc, i) => {
            let Some(d) = study.documents.get(doc) else {
                return;
            };
            let Some(section) = d.document.sections.get(i) else {
                return;
            };
            let count = d.sections.get(i).map_or(0, |a| a.claim_count());
            let depth = f32::from(section.level.saturating_sub(1).min(4));
            ui.horizontal(|ui| {
                ui.add_space(12.0 + depth * 10.0);
                let text = if count > 0 {
                    format!("{}  ·  {count}", section.display_title())
                } else {
                    section.display_title().to_owned()
                };
                let selected = doc == selection.doc && selection.view == View::Section(i);
                let response = ui
                    .add(egui::Button::selectable(selected, text).truncate())
                    .on_hover_text(format!("{} — {count} claim(s)", section.display_title()));
                if response.clicked() {
                    commands.push(Command::SelectSection { doc, section: i });
                }
            });
        }
        Row::References(doc) => {
            let Some(d) = study.documents.get(doc) else {
                return;
            };
            ui.horizontal(|ui| {
                ui.add_space(12.0);
                let selected = doc == selection.doc && selection.view == View::References;
                let text = format!("References  ·  {}", d.document.references.len());
                if ui.selectable_label(selected, text).clicked() {
                    commands.push(Command::SelectSection {
                        doc,
                        section: usize::MAX,
                    });
                }
            });
        }
    }
}

/// The documents the workspace names that are not open.
fn missing_documents<'w>(study: &Study, workspace: &'w Workspace) -> Vec<&'w DocumentEntry> {
    let open: std::collections::HashSet<&str> = study
        .documents
        .iter()
        .map(|d| d.document.id.as_str())
        .collect();
    workspace
        .documents
        .iter()
        .filter(|entry| !open.contains(entry.id.as_str()))
        .collect()
}

/// Room kept under the outline for `missing` missing documents.
fn missing_height(missing: usize) -> f32 {
    if missing == 0 {
        0.0
    } else {
        40.0 + 28.0 * missing.min(6) as f32
    }
}

/// While a study opens: the documents read so far, listed as they arrive (the analysis of
/// claims and relations goes on). Clicking one shows it as soon as the study is ready. The
/// list takes `share` of the panel's height (all of it when no study is open below it).
pub fn arriving_ui(
    ui: &mut egui::Ui,
    arrived: &[crate::app::loading::Arrived],
    total: usize,
    chosen: Option<usize>,
    share: f32,
    commands: &mut Vec<Command>,
) {
    ui.add_space(4.0);
    ui.label(egui::RichText::new(format!("Opening: {} of {total} read", arrived.len())).strong());
    let row_height = ui.spacing().interact_size.y;
    egui::ScrollArea::vertical()
        .id_salt("arriving")
        .max_height(ui.available_height() * share)
        .auto_shrink([false, true])
        .show_rows(ui, row_height, arrived.len(), |ui, range| {
            for a in arrived.get(range).unwrap_or(&[]) {
                let text = format!("{}  ·  {} sections", a.title, a.sections.len());
                let response = ui
                    .add(egui::Button::selectable(chosen == Some(a.position), text).truncate())
                    .on_hover_text(format!(
                        "Claims are still being found. Click to read it as soon as they are.\n{}",
                        a.sections.join("\n")
                    ));
                if response.clicked() {
                    commands.push(Command::SelectWhenOpened(a.position));
                }
            }
        });
    ui.separator();
}

/// Documents the study's workspace knows but that are not open: their data is kept, and
/// "Locate…" points the study at the file's new place.
fn missing_documents_ui(
    ui: &mut egui::Ui,
    missing: &[&DocumentEntry],
    workspace: &Workspace,
    commands: &mut Vec<Command>,
) {
    if missing.is_empty() {
        return;
    }
    ui.separator();
    ui.label(egui::RichText::new("Missing documents").strong())
        .on_hover_text("Not found where the study expects them; their verdicts and notes are kept");
    for entry in missing.iter().copied() {
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
