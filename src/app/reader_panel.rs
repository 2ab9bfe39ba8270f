//! Centre panel: the reader. Shows the selected section's text, wrapped at a readable width,
//! selectable, with claims highlighted in place and footnote markers set apart.

use egui::text::{LayoutJob, TextFormat};
use egui::{Color32, FontId, Stroke};

use crate::app::claims_panel::{claim_badges_ui, verdict_color};
use crate::app::{Action, Command, Selection, View};
use crate::core::analysis::{AnalyzedDocument, ClaimRef, SectionAnalysis, Study};
use crate::core::document::Span;
use crate::core::workspace::Verdict;

/// What the reader needs besides the study: the selected claim, and a one-shot request to
/// scroll it into view (cleared once done).
pub struct ReaderState<'a> {
    /// The person's verdicts colour the claims.
    pub workspace: &'a crate::core::workspace::Workspace,
    /// Highlighted more strongly than other claims.
    pub selected_claim: Option<ClaimRef>,
    /// Scroll the selected claim into view this frame.
    pub scroll_to_claim: &'a mut bool,
    /// Search matches in the open document, sorted.
    pub search_matches: &'a [Span],
    /// The match Enter / F3 went to.
    pub current_match: Option<Span>,
    /// Scroll the current match into view this frame.
    pub scroll_to_match: &'a mut bool,
}

/// Widest the text column gets, in points: about 75 characters a line.
const READABLE_WIDTH_PT: f32 = 720.0;

/// Draws the reader.
pub fn reader_ui(
    ui: &mut egui::Ui,
    study: &Study,
    selection: Selection,
    mut reader: ReaderState<'_>,
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
                        View::Section(i) => {
                            section_ui(ui, study, selection.doc, i, width, &mut reader, commands)
                        }
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

fn section_ui(
    ui: &mut egui::Ui,
    study: &Study,
    doc_index: usize,
    index: usize,
    width: f32,
    reader: &mut ReaderState<'_>,
    commands: &mut Vec<Command>,
) {
    let Some(doc) = study.documents.get(doc_index) else {
        return;
    };
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
    let selected_sentence = reader
        .selected_claim
        .filter(|c| c.doc == doc_index && c.section == index)
        .map(|c| c.sentence);
    // Once per section, not per paragraph. None for a claim the person dismissed: shown as plain text.
    let verdicts: Vec<Option<Verdict>> = (0..analysis.sentences.len())
        .map(|i| {
            let r = ClaimRef {
                doc: doc_index,
                section: index,
                sentence: i,
            };
            match crate::app::claim_record(reader.workspace, study, r) {
                Some(record) if record.is_dismissed => None,
                Some(record) => Some(record.verdict),
                None => Some(Verdict::Unreviewed),
            }
        })
        .collect();
    // Paragraph by paragraph: one galley each keeps layout cheap and selection natural.
    let mut start = section.body.start;
    for para in section.body.slice(text).split("\n\n") {
        let span = Span::new(start, start + para.len());
        start = span.end + 2;
        if para.trim().is_empty() {
            continue;
        }
        let marks = ParagraphMarks {
            verdicts: &verdicts,
            analysis,
            selected_sentence,
            matches: reader.search_matches,
            current_match: reader.current_match,
        };
        let job = paragraph_job(ui, text, span, &marks, width);
        let response = ui.add(
            egui::Label::new(job.clone())
                .selectable(true)
                .sense(egui::Sense::click()),
        );
        // Which sentence is under the pointer: lay the same job out again (egui caches it).
        let galley = ui.fonts_mut(|f| f.layout_job(job));
        let sentence_at = |pos: egui::Pos2| -> Option<usize> {
            let cursor = galley.cursor_from_pos(pos - response.rect.min);
            let byte = span.start
                + para
                    .char_indices()
                    .nth(cursor.index.0)
                    .map_or(para.len(), |(b, _)| b);
            analysis
                .sentences
                .iter()
                .position(|s| s.span.start <= byte && byte < s.footnote_span.end.max(s.span.end))
        };
        if let Some(hover) = response.hover_pos()
            && let Some(i) = sentence_at(hover)
            && analysis.sentences[i].claim.is_some()
        {
            let r = ClaimRef {
                doc: doc_index,
                section: index,
                sentence: i,
            };
            response
                .clone()
                .on_hover_ui_at_pointer(|ui| claim_tooltip_ui(ui, study, r));
            ui.ctx().set_cursor_icon(egui::CursorIcon::PointingHand);
        }
        if response.clicked()
            && let Some(pos) = response.interact_pointer_pos()
            && let Some(i) = sentence_at(pos)
            && analysis.sentences[i].claim.is_some()
        {
            commands.push(Command::SelectClaim(ClaimRef {
                doc: doc_index,
                section: index,
                sentence: i,
            }));
        }
        if *reader.scroll_to_claim
            && let Some(i) = selected_sentence
            && let Some(sentence) = analysis.sentences.get(i)
            && sentence.span.start >= span.start
            && sentence.span.end <= span.end
        {
            ui.scroll_to_rect(response.rect, Some(egui::Align::Center));
            *reader.scroll_to_claim = false;
        }
        if *reader.scroll_to_match
            && let Some(m) = reader.current_match
            && m.start >= span.start
            && m.start < span.end
        {
            ui.scroll_to_rect(response.rect, Some(egui::Align::Center));
            *reader.scroll_to_match = false;
        }
        ui.add_space(10.0);
    }
}

fn claim_tooltip_ui(ui: &mut egui::Ui, study: &Study, r: ClaimRef) {
    let Some(claim) = study.claim(r) else { return };
    ui.set_max_width(360.0);
    claim_badges_ui(ui, study, r);
    ui.label(format!("Check-worthiness {:.0}%", claim.score * 100.0));
    if let Some(hedge) = &claim.hedge {
        ui.label(format!("Hedged by “{}”", hedge.text));
    }
    if !claim.reasons.is_empty() {
        ui.label("Detected because of:");
        for cue in claim.reasons.iter().take(4) {
            ui.label(format!("  “{}” — {}", cue.text, cue.why));
        }
    }
    ui.weak("Click to select it in the sidebar.");
}

/// How one paragraph is to be drawn: sentences, the selected claim, search matches.
struct ParagraphMarks<'a> {
    /// The person's verdict per sentence of the section.
    verdicts: &'a [Option<Verdict>],
    analysis: &'a SectionAnalysis,
    selected_sentence: Option<usize>,
    /// Search matches in the document, sorted.
    matches: &'a [Span],
    current_match: Option<Span>,
}

/// Lays out one paragraph with claim sentences highlighted (the selected one more strongly),
/// hedged claims underlined, footnote markers raised and search matches marked.
fn paragraph_job(
    ui: &egui::Ui,
    text: &str,
    para: Span,
    marks: &ParagraphMarks<'_>,
    width: f32,
) -> LayoutJob {
    let visuals = ui.visuals();
    let dark = visuals.dark_mode;
    let pick = |d: (u8, u8, u8), l: (u8, u8, u8)| {
        let (r, g, b) = if dark { d } else { l };
        Color32::from_rgb(r, g, b)
    };
    let plain = TextFormat {
        font_id: FontId::proportional(15.5),
        color: visuals.text_color(),
        line_height: Some(23.0),
        ..Default::default()
    };
    let claim_bg = pick((66, 56, 30), (255, 238, 186));
    let selected_bg = pick((40, 90, 140), (170, 210, 255));
    let match_bg = pick((120, 100, 0), (255, 214, 0));
    let current_match_bg = pick((200, 110, 0), (255, 150, 0));
    let hedge_line = Stroke::new(1.5, pick((230, 150, 60), (200, 110, 20)));

    // Every place the format may change, then one run per piece.
    let sentences: Vec<(usize, &crate::core::analysis::Sentence)> = marks
        .analysis
        .sentences
        .iter()
        .enumerate()
        .filter(|(_, s)| s.span.start >= para.start && s.span.end <= para.end)
        .collect();
    let first_match = marks.matches.partition_point(|m| m.end <= para.start);
    let matches: Vec<Span> = marks.matches[first_match..]
        .iter()
        .take_while(|m| m.start < para.end)
        .copied()
        .collect();
    let mut cuts = vec![para.start, para.end];
    for (_, s) in &sentences {
        cuts.extend([s.span.start, s.span.end, s.footnote_span.end.min(para.end)]);
    }
    for m in &matches {
        cuts.extend([m.start.max(para.start), m.end.min(para.end)]);
    }
    cuts.retain(|&c| c >= para.start && c <= para.end && text.is_char_boundary(c));
    cuts.sort_unstable();
    cuts.dedup();

    let mut job = LayoutJob {
        wrap: egui::text::TextWrapping {
            max_width: width,
            ..Default::default()
        },
        ..Default::default()
    };
    for piece in cuts.windows(2) {
        let (from, to) = (piece[0], piece[1]);
        let Some(slice) = text.get(from..to) else {
            continue;
        };
        let mut format = plain.clone();
        let sentence = sentences
            .iter()
            .find(|(_, s)| s.span.start <= from && from < s.footnote_span.end.max(s.span.end));
        if let Some((i, s)) = sentence {
            if from >= s.span.end {
                // A footnote marker glued to the sentence.
                format.font_id = FontId::proportional(10.5);
                format.color = visuals.hyperlink_color;
                format.valign = egui::Align::TOP;
            } else if let Some(claim) = &s.claim
                && let Some(verdict) = marks
                    .verdicts
                    .get(*i)
                    .copied()
                    .unwrap_or(Some(Verdict::Unreviewed))
            {
                format.color = visuals.strong_text_color();

                format.background = if marks.selected_sentence == Some(*i) {
                    selected_bg
                } else if verdict == Verdict::Unreviewed {
                    claim_bg
                } else {
                    verdict_color(verdict).gamma_multiply(if dark { 0.45 } else { 0.3 })
                };
                if claim.is_hedged() {
                    format.underline = hedge_line;
                }
            }
        }
        if let Some(m) = matches.iter().find(|m| m.start <= from && from < m.end) {
            format.background = if Some(*m) == marks.current_match {
                current_match_bg
            } else {
                match_bg
            };
            format.color = if dark { Color32::WHITE } else { Color32::BLACK };
        }
        job.append(slice, 0.0, format);
    }
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
