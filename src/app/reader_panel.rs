//! Centre panel: the reader. Shows the selected section's text, wrapped at a readable width,
//! selectable, with claims highlighted in place and footnote markers set apart.

use egui::text::{LayoutJob, TextFormat};
use egui::{Color32, FontId, Stroke};

use crate::app::{Action, Command, Selection, View};
use crate::core::analysis::{AnalyzedDocument, SectionAnalysis, Study};
use crate::core::document::Span;

/// Widest the text column gets, in points: about 75 characters a line.
const READABLE_WIDTH_PT: f32 = 720.0;

/// Draws the reader.
pub fn reader_ui(
    ui: &mut egui::Ui,
    study: &Study,
    selection: Selection,
    is_loading: bool,
    commands: &mut Vec<Command>,
) {
    let Some(doc) = study.documents.get(selection.doc) else {
        empty_state_ui(ui, is_loading, commands);
        return;
    };
    let available = ui.available_width();
    let width = available.min(READABLE_WIDTH_PT);
    let margin = ((available - width) / 2.0).max(0.0);
    egui::ScrollArea::vertical()
        .id_salt(("reader", selection.doc, selection.view))
        .auto_shrink([false, false])
        .show(ui, |ui| {
            ui.horizontal_top(|ui| {
                ui.add_space(margin);
                ui.vertical(|ui| {
                    ui.set_max_width(width);
                    ui.add_space(8.0);
                    ui.label(egui::RichText::new(&doc.document.title).size(24.0).strong());
                    ui.weak(&doc.document.path);
                    ui.add_space(12.0);
                    match selection.view {
                        View::Section(i) => section_ui(ui, doc, i, width),
                        View::References => references_ui(ui, doc),
                    }
                    ui.add_space(16.0);
                    ui.horizontal(|ui| {
                        for action in [Action::PreviousSection, Action::NextSection] {
                            let text = if action == Action::PreviousSection {
                                "Previous section"
                            } else {
                                "Next section"
                            };
                            if ui.button(text).on_hover_text(action.tooltip()).clicked() {
                                commands.push(action.into());
                            }
                        }
                    });
                    ui.add_space(24.0);
                });
            });
        });
}

fn empty_state_ui(ui: &mut egui::Ui, is_loading: bool, commands: &mut Vec<Command>) {
    ui.vertical_centered(|ui| {
        ui.add_space(ui.available_height() / 3.0);
        if is_loading {
            ui.spinner();
            ui.label("Opening documents…");
            return;
        }
        ui.heading("No documents open");
        ui.label("Open a folder of articles, reports or saved web pages (.txt, .md, .html), or drop them here.");
        ui.add_space(8.0);
        for action in [Action::OpenFolder, Action::OpenFiles, Action::OpenSamples] {
            if ui.button(action.label()).on_hover_text(action.tooltip()).clicked() {
                commands.push(action.into());
            }
        }
    });
}

fn section_ui(ui: &mut egui::Ui, doc: &AnalyzedDocument, index: usize, width: f32) {
    let Some(section) = doc.document.sections.get(index) else {
        ui.weak("This document has no text sections.");
        return;
    };
    ui.label(
        egui::RichText::new(section.display_title())
            .size(19.0)
            .strong(),
    );
    ui.add_space(6.0);
    let empty = SectionAnalysis::default();
    let analysis = doc.sections.get(index).unwrap_or(&empty);
    let text = &doc.document.text;
    let body = section.body;
    // Paragraph by paragraph: one galley each keeps layout cheap and selection natural.
    let mut start = body.start;
    for para in body.slice(text).split("\n\n") {
        let span = Span::new(start, start + para.len());
        start = span.end + 2;
        if para.trim().is_empty() {
            continue;
        }
        let job = paragraph_job(ui, text, span, analysis, width);
        ui.add(egui::Label::new(job).selectable(true));
        ui.add_space(10.0);
    }
}

/// Lays out one paragraph with claim sentences highlighted and footnote markers raised.
fn paragraph_job(
    ui: &egui::Ui,
    text: &str,
    para: Span,
    analysis: &SectionAnalysis,
    width: f32,
) -> LayoutJob {
    let visuals = ui.visuals();
    let body_font = FontId::proportional(15.5);
    let plain = TextFormat {
        font_id: body_font.clone(),
        color: visuals.text_color(),
        line_height: Some(23.0),
        ..Default::default()
    };
    let claim_bg = if visuals.dark_mode {
        Color32::from_rgb(74, 62, 24)
    } else {
        Color32::from_rgb(255, 238, 186)
    };
    let hedge_line = Stroke::new(
        1.5,
        if visuals.dark_mode {
            Color32::from_rgb(230, 150, 60)
        } else {
            Color32::from_rgb(200, 110, 20)
        },
    );
    let marker = TextFormat {
        font_id: FontId::proportional(10.5),
        color: visuals.hyperlink_color,
        valign: egui::Align::TOP,
        ..Default::default()
    };
    let mut job = LayoutJob {
        wrap: egui::text::TextWrapping {
            max_width: width,
            ..Default::default()
        },
        ..Default::default()
    };
    let mut pos = para.start;
    let push = |job: &mut LayoutJob, from: usize, to: usize, format: &TextFormat| {
        if to > from
            && let Some(s) = text.get(from..to)
        {
            job.append(s, 0.0, format.clone());
        }
    };
    for sentence in analysis
        .sentences
        .iter()
        .filter(|s| s.span.start >= para.start && s.span.end <= para.end)
    {
        push(&mut job, pos, sentence.span.start, &plain);
        let format = match &sentence.claim {
            Some(claim) => TextFormat {
                background: claim_bg,
                underline: if claim.is_hedged() {
                    hedge_line
                } else {
                    Stroke::NONE
                },
                ..plain.clone()
            },
            None => plain.clone(),
        };
        push(&mut job, sentence.span.start, sentence.span.end, &format);
        pos = sentence.span.end;
        if !sentence.footnote_span.is_empty() && sentence.footnote_span.end <= para.end {
            push(
                &mut job,
                sentence.footnote_span.start.max(pos),
                sentence.footnote_span.end,
                &marker,
            );
            pos = pos.max(sentence.footnote_span.end);
        }
    }
    push(&mut job, pos, para.end, &plain);
    job
}

fn references_ui(ui: &mut egui::Ui, doc: &AnalyzedDocument) {
    ui.label(egui::RichText::new("References").size(19.0).strong());
    ui.add_space(6.0);
    for reference in &doc.document.references {
        ui.horizontal_top(|ui| {
            ui.label(egui::RichText::new(format!("{}.", reference.label)).strong());
            ui.add(egui::Label::new(&reference.text).wrap());
        });
        ui.add_space(4.0);
    }
}
