//! Centre panel: the reader. Shows one section, or the whole document in one scroll, wrapped
//! at a readable width, selectable, with claims highlighted in place (the person's own too),
//! footnote markers set apart and search matches marked.
//!
//! Long documents stay smooth because only what is visible is laid out: the text is cut into
//! [`Block`]s (a heading, a paragraph, a reference entry), [`ReaderLayout`] keeps each block's
//! height (estimated until it was drawn once, then measured) and their running offsets, and
//! each frame draws just the blocks that meet the viewport. egui caches each block's galley.

use egui::text::{LayoutJob, TextFormat};
use egui::{Color32, FontId, Stroke};

use crate::app::claims_panel::{claim_badges_ui, verdict_color};
use crate::app::{Action, ClaimKey, Claims, Command, Selection, View};
use crate::core::analysis::{AnalyzedDocument, ClaimRef, Study};
use crate::core::document::Span;
use crate::core::report::quoted;
use crate::core::workspace::Verdict;

/// Text the person selected in the reader, found in the document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TextPick {
    /// Index into `Study::documents`.
    pub doc: usize,
    /// Where the selection is in the document's text.
    pub span: Span,
}

/// What the reader needs besides the study, and the one-shot scroll requests it clears.
pub struct ReaderState<'a> {
    /// Claims, verdicts and the person's own claims.
    pub claims: Claims<'a>,
    /// Highlighted more strongly than other claims.
    pub selected_claim: Option<ClaimKey>,
    /// Scroll the selected claim into view this frame.
    pub scroll_to_claim: &'a mut bool,
    /// Search matches in the open document, sorted.
    pub search_matches: &'a [Span],
    /// The match Enter / F3 went to.
    pub current_match: Option<Span>,
    /// Scroll the current match into view this frame.
    pub scroll_to_match: &'a mut bool,
    /// Show the whole document instead of one section.
    pub is_whole_document: bool,
    /// Whole-document mode: scroll to the selected section this frame.
    pub scroll_to_section: &'a mut bool,
    /// A reference entry to show and mark (its label).
    pub reference_target: Option<&'a str>,
    /// Scroll the reference entry into view this frame.
    pub scroll_to_reference: &'a mut bool,
    /// Text selected in the reader, offered for "Mark as claim".
    pub pick: Option<&'a TextPick>,
    /// Blocks and their heights, kept between frames.
    pub layout: &'a mut ReaderLayout,
}

/// What the reader tells the app after drawing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ReaderOutput {
    /// Whole-document mode: the part at the top of the view (the outline follows it).
    pub part_in_view: Option<View>,
    /// Where in the document the pointer was pressed over the text this frame.
    pub press_byte: Option<usize>,
    /// Where in the document the pointer was released over the text this frame.
    pub release_byte: Option<usize>,
}

/// Widest the text column gets, in points: about 75 characters a line.
const READABLE_WIDTH_PT: f32 = 720.0;
/// Paragraphs longer than this are drawn as several blocks (a 20 MB line stays smooth).
const MAX_BLOCK_BYTES: usize = 4096;
/// Space under a paragraph.
const PARAGRAPH_GAP_PT: f32 = 10.0;
const BODY_FONT_PT: f32 = 15.5;
const BODY_LINE_PT: f32 = 23.0;

/// One piece of the reader's column, drawn or skipped as a whole.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Block {
    /// Document title and path.
    Title,
    /// A section's heading.
    Heading(usize),
    /// "This document has no text sections."
    NoSections,
    /// Part of a section's text (a paragraph, or a slice of a very long one).
    Paragraph {
        /// The section it belongs to.
        section: usize,
        /// Its text.
        span: Span,
    },
    /// "References".
    ReferencesHeading,
    /// One reference entry, by index.
    Reference(usize),
    /// Previous / next buttons.
    Nav,
}

/// Which part of a document the block list covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Part {
    Whole,
    Section(usize),
    References,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct LayoutKey {
    doc: usize,
    doc_len: usize,
    part: Part,
    /// Column width in whole points: heights change with it.
    width_pt: u32,
}

/// The reader's blocks with their heights and offsets, rebuilt when the document, the part
/// shown or the column width changes.
#[derive(Debug, Default)]
pub struct ReaderLayout {
    key: Option<LayoutKey>,
    blocks: Vec<Block>,
    heights: Vec<f32>,
    is_measured: Vec<bool>,
    /// `offsets[i]` is the top of block `i`; one more entry for the end.
    offsets: Vec<f32>,
    are_offsets_stale: bool,
    /// Scroll correction for heights measured above the view (keeps the text still).
    scroll_correction: f32,
    /// Blocks drawn in the last frame (tests and benchmarks check that long texts are not
    /// laid out whole).
    pub drawn_last_frame: usize,
}

impl ReaderLayout {
    /// How many blocks the open document is cut into.
    pub fn block_count(&self) -> usize {
        self.blocks.len()
    }

    fn prepare(&mut self, key: LayoutKey, doc: &AnalyzedDocument, char_width: f32) {
        if self.key == Some(key) {
            return;
        }
        self.blocks = build_blocks(doc, key.part);
        let width = key.width_pt as f32;
        self.heights = self
            .blocks
            .iter()
            .map(|b| estimated_height(*b, doc, width, char_width))
            .collect();
        self.is_measured = vec![false; self.blocks.len()];
        self.are_offsets_stale = true;
        self.scroll_correction = 0.0;
        self.key = Some(key);
    }

    fn offsets(&mut self) -> &[f32] {
        if self.are_offsets_stale || self.offsets.len() != self.blocks.len() + 1 {
            self.offsets.clear();
            let mut y = 0.0;
            self.offsets.push(y);
            for h in &self.heights {
                y += h;
                self.offsets.push(y);
            }
            self.are_offsets_stale = false;
        }
        &self.offsets
    }

    fn record_height(&mut self, i: usize, height: f32, is_above_view: bool) {
        let (Some(old), Some(measured)) = (self.heights.get_mut(i), self.is_measured.get_mut(i))
        else {
            return;
        };
        *measured = true;
        if (*old - height).abs() > 0.5 {
            if is_above_view {
                self.scroll_correction += height - *old;
            }
            *old = height;
            self.are_offsets_stale = true;
        }
    }

    /// The first block whose text reaches `byte`.
    fn block_at_byte(&self, byte: usize) -> Option<usize> {
        self.blocks.iter().position(|b| match b {
            Block::Paragraph { span, .. } => span.end > byte,
            _ => false,
        })
    }
}

/// Cuts the part of a document into blocks, in reading order.
fn build_blocks(doc: &AnalyzedDocument, part: Part) -> Vec<Block> {
    let mut blocks = vec![Block::Title];
    let sections = &doc.document.sections;
    let range = match part {
        Part::Whole => 0..sections.len(),
        Part::Section(i) if i < sections.len() => i..i + 1,
        Part::Section(_) => {
            blocks.push(Block::NoSections);
            0..0
        }
        Part::References => 0..0,
    };
    let text = &doc.document.text;
    for i in range {
        blocks.push(Block::Heading(i));
        let body = sections[i].body;
        let mut start = body.start;
        for para in body.slice(text).split("\n\n") {
            let span = Span::new(start, start + para.len());
            start = span.end + 2;
            if para.trim().is_empty() {
                continue;
            }
            for piece in split_long(text, span) {
                blocks.push(Block::Paragraph {
                    section: i,
                    span: piece,
                });
            }
        }
    }
    if matches!(part, Part::Whole | Part::References) && !doc.document.references.is_empty() {
        blocks.push(Block::ReferencesHeading);
        blocks.extend((0..doc.document.references.len()).map(Block::Reference));
    }
    blocks.push(Block::Nav);
    blocks
}

/// Splits a paragraph longer than [`MAX_BLOCK_BYTES`] at spaces (or anywhere, for text
/// without spaces), on character boundaries.
fn split_long(text: &str, span: Span) -> Vec<Span> {
    let mut pieces = Vec::new();
    let mut start = span.start;
    while span.end - start > MAX_BLOCK_BYTES {
        let mut cut = start + MAX_BLOCK_BYTES;
        while cut > start && !text.is_char_boundary(cut) {
            cut -= 1;
        }
        let window = text.get(start + MAX_BLOCK_BYTES / 2..cut).unwrap_or("");
        if let Some(space) = window.rfind(' ') {
            cut = start + MAX_BLOCK_BYTES / 2 + space + 1;
        }
        if cut <= start {
            break;
        }
        pieces.push(Span::new(start, cut));
        start = cut;
    }
    pieces.push(Span::new(start, span.end));
    pieces
}

fn estimated_height(block: Block, doc: &AnalyzedDocument, width: f32, char_width: f32) -> f32 {
    let lines = |text: &str, char_width: f32| {
        let chars_per_line = (width / char_width).max(10.0);
        (text.chars().count() as f32 / chars_per_line)
            .ceil()
            .max(1.0)
    };
    match block {
        Block::Title => 90.0,
        Block::Heading(_) | Block::ReferencesHeading => 36.0,
        Block::NoSections => 24.0,
        Block::Paragraph { span, .. } => {
            // Counting characters of a huge block would cost more than it saves.
            let text = doc.document.text.get(span.start..span.end).unwrap_or("");
            lines(text, char_width) * BODY_LINE_PT + PARAGRAPH_GAP_PT
        }
        Block::Reference(i) => doc.document.references.get(i).map_or(24.0, |r| {
            lines(doc.document.reference_text(r), char_width * 0.9) * 18.0 + 8.0
        }),
        Block::Nav => 64.0,
    }
}

/// Draws the reader.
pub fn reader_ui(
    ui: &mut egui::Ui,
    study: &Study,
    selection: Selection,
    mut reader: ReaderState<'_>,
    is_loading: bool,
    commands: &mut Vec<Command>,
) -> ReaderOutput {
    let mut output = ReaderOutput::default();
    let Some(doc) = study.documents.get(selection.doc) else {
        empty_state_ui(ui, is_loading, commands);
        return output;
    };
    // Measured before the toolbar: a wide toolbar must not widen the text column.
    let available = ui.available_width();
    toolbar_ui(
        ui,
        doc,
        reader.pick.filter(|p| p.doc == selection.doc),
        reader.is_whole_document,
        commands,
    );
    let width = available.min(READABLE_WIDTH_PT).floor();
    let margin = ((available - width) / 2.0).max(0.0);
    let part = match (reader.is_whole_document, selection.view) {
        (true, _) => Part::Whole,
        (false, View::Section(i)) => Part::Section(i),
        (false, View::References) => Part::References,
    };
    let key = LayoutKey {
        doc: selection.doc,
        doc_len: doc.document.text.len(),
        part,
        width_pt: width.max(1.0) as u32,
    };
    let body_font = FontId::proportional(BODY_FONT_PT);
    let char_width = ui.fonts_mut(|f| f.glyph_width(&body_font, 'e')).max(4.0);
    reader.layout.prepare(key, doc, char_width);

    let target = scroll_target(doc, selection, &mut reader);
    let view_height = ui.available_height();
    let salt = match part {
        Part::Whole => ("reader", selection.doc, usize::MAX),
        Part::Section(i) => ("reader", selection.doc, i),
        Part::References => ("reader", selection.doc, usize::MAX - 1),
    };
    let mut scroll = egui::ScrollArea::vertical()
        .id_salt(salt)
        .auto_shrink([false, false]);
    let previous_offset = egui::scroll_area::State::load(ui.ctx(), ui.make_persistent_id(salt))
        .map(|s| s.clamped_offset().y);
    let layout = &mut *reader.layout;
    if let Some((block, is_at_top)) = target {
        let top = layout.offsets().get(block).copied().unwrap_or(0.0);
        // A section goes to the top (the outline follows the top of the view); a claim or a
        // match a little below it, with some context above.
        let above = if is_at_top { 0.0 } else { view_height * 0.3 };
        scroll = scroll.vertical_scroll_offset((top - above).max(0.0));
        layout.scroll_correction = 0.0;
    } else if layout.scroll_correction != 0.0
        && let Some(offset) = previous_offset
    {
        scroll = scroll.vertical_scroll_offset((offset + layout.scroll_correction).max(0.0));
        layout.scroll_correction = 0.0;
    }

    // Out of `reader` while drawing, so the blocks can read the rest of it.
    let mut layout = std::mem::take(&mut *reader.layout);
    scroll.show_viewport(ui, |ui, viewport| {
        layout.offsets();
        let offsets = std::mem::take(&mut layout.offsets);
        let total = offsets.last().copied().unwrap_or(0.0);
        ui.set_height(total);
        let origin = ui.max_rect().min;
        let first = offsets
            .partition_point(|&top| top <= viewport.min.y)
            .saturating_sub(1);
        let mut drawn = 0;
        let mut i = first;
        while let (Some(&block), Some(&top)) = (layout.blocks.get(i), offsets.get(i)) {
            if top > viewport.max.y {
                break;
            }
            let rect = egui::Rect::from_min_size(
                egui::pos2(origin.x + margin, origin.y + top),
                egui::vec2(width, f32::INFINITY),
            );
            let mut block_ui = ui.new_child(
                egui::UiBuilder::new()
                    .max_rect(rect)
                    .id_salt(("block", i))
                    .layout(egui::Layout::top_down(egui::Align::Min)),
            );
            block_ui.set_max_width(width);
            draw_block(
                &mut block_ui,
                study,
                selection,
                block,
                &reader,
                width,
                commands,
                &mut output,
            );
            let height = block_ui.min_rect().height() + block_gap(block);
            // A block partly above the view that grows pushes the text being read down:
            // the scroll position follows.
            let is_above_view = top < viewport.min.y;
            layout.record_height(i, height, is_above_view);
            if reader.is_whole_document
                && output.part_in_view.is_none()
                && top + height > viewport.min.y + 24.0
            {
                output.part_in_view = part_of(block);
            }
            drawn += 1;
            i += 1;
        }
        layout.drawn_last_frame = drawn;
        if !layout.are_offsets_stale {
            layout.offsets = offsets;
        }
    });
    let are_offsets_stale = layout.are_offsets_stale;
    *reader.layout = layout;
    if are_offsets_stale {
        // Heights changed while drawing: lay out again with the measured ones.
        ui.ctx().request_repaint();
    }
    output
}

fn block_gap(block: Block) -> f32 {
    match block {
        Block::Paragraph { .. } => PARAGRAPH_GAP_PT,
        Block::Reference(_) => 4.0,
        Block::Title | Block::Heading(_) | Block::ReferencesHeading => 6.0,
        Block::NoSections | Block::Nav => 8.0,
    }
}

/// The outline entry a block belongs to.
fn part_of(block: Block) -> Option<View> {
    match block {
        Block::Title => Some(View::Section(0)),
        Block::Heading(i) | Block::Paragraph { section: i, .. } => Some(View::Section(i)),
        Block::ReferencesHeading | Block::Reference(_) => Some(View::References),
        Block::NoSections | Block::Nav => None,
    }
}

/// The block to scroll to this frame and whether it goes to the very top, if a request is
/// pending (requests are cleared).
fn scroll_target(
    doc: &AnalyzedDocument,
    selection: Selection,
    reader: &mut ReaderState<'_>,
) -> Option<(usize, bool)> {
    let layout = &*reader.layout;
    let mut target = None;
    if std::mem::take(reader.scroll_to_claim)
        && let Some(key) = reader.selected_claim
        && let Some((doc_index, _, span)) = reader.claims.place(key)
        && doc_index == selection.doc
    {
        target = layout.block_at_byte(span.start);
    }
    if std::mem::take(reader.scroll_to_match)
        && let Some(m) = reader.current_match
    {
        target = layout.block_at_byte(m.start).or(target);
    }
    if std::mem::take(reader.scroll_to_reference)
        && let Some(label) = reader.reference_target
        && let Some(k) = doc
            .document
            .references
            .iter()
            .position(|r| r.label == label)
    {
        target = layout
            .blocks
            .iter()
            .position(|b| *b == Block::Reference(k))
            .or(target);
    }
    if std::mem::take(reader.scroll_to_section) && reader.is_whole_document {
        let wanted = match selection.view {
            View::Section(0) => Block::Title,
            View::Section(i) => Block::Heading(i),
            View::References => Block::ReferencesHeading,
        };
        if let Some(block) = layout.blocks.iter().position(|b| *b == wanted) {
            return Some((block, true));
        }
    }
    target.map(|block| (block, false))
}

/// The bar above the text: one section or the whole document, and "Mark as claim" for the
/// selected text. Always there and always as tall, so that a selection appearing does not
/// move the text under the pointer (which would also end the selection).
fn toolbar_ui(
    ui: &mut egui::Ui,
    doc: &AnalyzedDocument,
    pick: Option<&TextPick>,
    is_whole_document: bool,
    commands: &mut Vec<Command>,
) {
    let shortcut_of = |ui: &egui::Ui, action: Action| {
        action
            .shortcut()
            .map(|s| ui.ctx().format_shortcut(&s))
            .unwrap_or_default()
    };
    ui.horizontal(|ui| {
        ui.set_height(24.0);
        let toggle = Action::ToggleWholeDocument;
        for (is_whole, text) in [(false, "One section"), (true, "Whole document")] {
            let tip = format!("{} ({})", toggle.tooltip(), shortcut_of(ui, toggle));
            if ui
                .selectable_label(is_whole_document == is_whole, text)
                .on_hover_text(tip)
                .clicked()
                && is_whole_document != is_whole
            {
                commands.push(toggle.into());
            }
        }
        ui.separator();
        let mark = Action::MarkSelectionAsClaim;
        let button = egui::Button::new(format!("Mark as claim ({})", shortcut_of(ui, mark)));
        if ui
            .add_enabled(pick.is_some(), button)
            .on_hover_text(mark.tooltip())
            .on_disabled_hover_text("Select text in the reader first")
            .clicked()
        {
            commands.push(mark.into());
        }
        let Some(pick) = pick else {
            ui.add(
                egui::Label::new(
                    egui::RichText::new("Select text to mark it as a claim of your own.").weak(),
                )
                .truncate()
                .selectable(false),
            );
            return;
        };
        let text = doc
            .document
            .text
            .get(pick.span.start..pick.span.end)
            .unwrap_or("");
        let mut excerpt: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
        if excerpt.chars().count() > 60 {
            excerpt = excerpt.chars().take(60).collect::<String>() + "…";
        }
        ui.add(
            egui::Label::new(egui::RichText::new(quoted(&excerpt)).italics())
                .truncate()
                .selectable(false),
        );
    });
    ui.separator();
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

#[allow(clippy::too_many_arguments)]
fn draw_block(
    ui: &mut egui::Ui,
    study: &Study,
    selection: Selection,
    block: Block,
    reader: &ReaderState<'_>,
    width: f32,
    commands: &mut Vec<Command>,
    output: &mut ReaderOutput,
) {
    let Some(doc) = study.documents.get(selection.doc) else {
        return;
    };
    match block {
        Block::Title => {
            ui.add_space(8.0);
            ui.label(egui::RichText::new(&doc.document.title).size(24.0).strong());
            ui.weak(&doc.document.path);
            ui.add_space(6.0);
        }
        Block::Heading(i) => {
            if let Some(section) = doc.document.sections.get(i) {
                ui.add_space(4.0);
                ui.label(
                    egui::RichText::new(section.display_title())
                        .size(19.0)
                        .strong(),
                );
            }
        }
        Block::NoSections => {
            ui.weak("This document has no text sections.");
        }
        Block::Paragraph { section, span } => {
            paragraph_ui(
                ui,
                study,
                selection.doc,
                section,
                span,
                reader,
                width,
                commands,
                output,
            );
        }
        Block::ReferencesHeading => {
            ui.add_space(4.0);
            ui.label(egui::RichText::new("References").size(19.0).strong());
        }
        Block::Reference(k) => {
            if let Some(reference) = doc.document.references.get(k) {
                let is_target = reader.reference_target == Some(reference.label.as_str());
                let fill = if is_target {
                    ui.visuals().selection.bg_fill.gamma_multiply(0.5)
                } else {
                    Color32::TRANSPARENT
                };
                egui::Frame::new()
                    .fill(fill)
                    .corner_radius(3.0)
                    .inner_margin(2.0)
                    .show(ui, |ui| {
                        ui.horizontal_top(|ui| {
                            ui.label(egui::RichText::new(format!("{}.", reference.label)).strong());
                            let text = doc.document.reference_text(reference);
                            ui.add(egui::Label::new(text).wrap());
                        });
                    });
            }
        }
        Block::Nav => {
            ui.add_space(8.0);
            ui.horizontal(|ui| {
                let actions = if reader.is_whole_document {
                    [
                        (Action::PreviousDocument, "Previous document"),
                        (Action::NextDocument, "Next document"),
                    ]
                } else {
                    [
                        (Action::PreviousSection, "Previous section"),
                        (Action::NextSection, "Next section"),
                    ]
                };
                for (action, text) in actions {
                    if ui.button(text).on_hover_text(action.tooltip()).clicked() {
                        commands.push(action.into());
                    }
                }
            });
            ui.add_space(24.0);
        }
    }
}

/// One paragraph: its galley, hover tooltips, clicks that select claims, the context menu.
#[allow(clippy::too_many_arguments)]
fn paragraph_ui(
    ui: &mut egui::Ui,
    study: &Study,
    doc_index: usize,
    section: usize,
    span: Span,
    reader: &ReaderState<'_>,
    width: f32,
    commands: &mut Vec<Command>,
    output: &mut ReaderOutput,
) {
    let Some(doc) = study.documents.get(doc_index) else {
        return;
    };
    let Some(analysis) = doc.sections.get(section) else {
        return;
    };
    let text = &doc.document.text;
    let Some(para) = text.get(span.start..span.end) else {
        return;
    };
    let first_sentence = analysis
        .sentences
        .partition_point(|s| s.end_with_footnotes() <= span.start);
    let sentences: Vec<usize> = (first_sentence..analysis.sentences.len())
        .take_while(|&i| analysis.sentences[i].span.start < span.end)
        .collect();
    let own: Vec<_> = reader
        .claims
        .index
        .own_in_document(doc_index)
        .iter()
        .filter(|o| o.span.start < span.end && o.span.end > span.start)
        .copied()
        .collect();
    let job = paragraph_job(
        ui,
        text,
        span,
        &ParagraphMarks {
            claims: reader.claims,
            doc: doc_index,
            section,
            sentences: &sentences,
            own: &own,
            selected: reader.selected_claim,
            matches: reader.search_matches,
            current_match: reader.current_match,
        },
        width,
    );
    let response = ui.add(
        egui::Label::new(job.clone())
            .selectable(true)
            .sense(egui::Sense::click()),
    );
    // Which byte is under the pointer: lay the same job out again (egui caches it).
    let galley = ui.fonts_mut(|f| f.layout_job(job));
    let byte_at = |pos: egui::Pos2| -> usize {
        let cursor = galley.cursor_from_pos(pos - response.rect.min);
        span.start
            + para
                .char_indices()
                .nth(cursor.index.0)
                .map_or(para.len(), |(b, _)| b)
    };
    let claim_at = |byte: usize| -> Option<ClaimKey> {
        if let Some(o) = own
            .iter()
            .find(|o| o.span.start <= byte && byte < o.span.end)
        {
            return Some(ClaimKey::Own(o.item));
        }
        sentences
            .iter()
            .copied()
            .find(|&i| {
                let s = &analysis.sentences[i];
                s.claim.is_some() && s.span.start <= byte && byte < s.end_with_footnotes()
            })
            .map(|i| {
                ClaimKey::Detected(ClaimRef {
                    doc: doc_index,
                    section,
                    sentence: i,
                })
            })
    };
    let pointer = ui.input(|i| i.pointer.interact_pos());
    let visible = response.rect.intersect(ui.clip_rect());
    if let Some(pos) = pointer.filter(|&p| visible.contains(p)) {
        if ui.input(|i| i.pointer.any_pressed()) {
            output.press_byte = Some(byte_at(pos));
        }
        if ui.input(|i| i.pointer.any_released()) {
            output.release_byte = Some(byte_at(pos));
        }
    }
    if let Some(hover) = response.hover_pos()
        && let Some(key) = claim_at(byte_at(hover))
    {
        response
            .clone()
            .on_hover_ui_at_pointer(|ui| claim_tooltip_ui(ui, reader.claims, key));
        ui.ctx().set_cursor_icon(egui::CursorIcon::PointingHand);
    }
    if response.clicked()
        && let Some(pos) = response.interact_pointer_pos()
        && let Some(key) = claim_at(byte_at(pos))
    {
        commands.push(Command::SelectClaim(key));
    }
    let has_pick = reader.pick.is_some_and(|p| p.doc == doc_index);
    response.context_menu(|ui| {
        let action = Action::MarkSelectionAsClaim;
        if ui
            .add_enabled(has_pick, egui::Button::new(action.label()))
            .on_hover_text(action.tooltip())
            .clicked()
        {
            commands.push(action.into());
            ui.close();
        }
    });
}

fn claim_tooltip_ui(ui: &mut egui::Ui, claims: Claims<'_>, key: ClaimKey) {
    ui.set_max_width(360.0);
    let ClaimKey::Detected(r) = key else {
        ui.label(egui::RichText::new("Your claim").strong());
        ui.label(format!("Verdict: {}", claims.verdict(key).label()));
        ui.weak("Click to select it in the sidebar.");
        return;
    };
    let Some(claim) = claims.study.claim(r) else {
        return;
    };
    claim_badges_ui(ui, claims.study, r);
    ui.label(format!("Check-worthiness {:.0}%", claim.score * 100.0));
    let explained = claims.study.explain(r).unwrap_or_default();
    if let Some(hedge) = &explained.hedge {
        ui.label(format!("Hedged by {}", quoted(&hedge.text)));
    }
    if !explained.reasons.is_empty() {
        ui.label("Detected because of:");
        for cue in explained.reasons.iter().take(4) {
            ui.label(format!("  {} — {}", quoted(&cue.text), cue.why));
        }
    }
    ui.weak("Click to select it in the sidebar.");
}

/// How one paragraph is to be drawn: claims, the selected one, search matches.
struct ParagraphMarks<'a> {
    claims: Claims<'a>,
    doc: usize,
    section: usize,
    /// Indices of the section's sentences that meet the paragraph.
    sentences: &'a [usize],
    /// The person's own claims that meet the paragraph.
    own: &'a [crate::app::OwnClaim],
    selected: Option<ClaimKey>,
    /// Search matches in the document, sorted.
    matches: &'a [Span],
    current_match: Option<Span>,
}

/// Lays out one paragraph with claim sentences highlighted by verdict (the selected one more
/// strongly), the person's own claims marked, hedged claims underlined, footnote markers
/// raised and search matches marked.
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
        font_id: FontId::proportional(BODY_FONT_PT),
        color: visuals.text_color(),
        line_height: Some(BODY_LINE_PT),
        ..Default::default()
    };
    let claim_bg = pick((66, 56, 30), (255, 238, 186));
    let own_bg = pick((30, 70, 66), (190, 236, 228));
    let selected_bg = pick((40, 90, 140), (170, 210, 255));
    let match_bg = pick((120, 100, 0), (255, 214, 0));
    let current_match_bg = pick((200, 110, 0), (255, 150, 0));
    let hedge_line = Stroke::new(1.5, pick((230, 150, 60), (200, 110, 20)));
    let own_line = Stroke::new(1.5, pick((80, 190, 170), (20, 130, 110)));
    let Some(analysis) = marks
        .claims
        .study
        .documents
        .get(marks.doc)
        .and_then(|d| d.sections.get(marks.section))
    else {
        return LayoutJob::default();
    };

    let first_match = marks.matches.partition_point(|m| m.end <= para.start);
    let matches: Vec<Span> = marks.matches[first_match..]
        .iter()
        .take_while(|m| m.start < para.end)
        .copied()
        .collect();
    // Every place the format may change, then one run per piece.
    let mut cuts = vec![para.start, para.end];
    for &i in marks.sentences {
        let s = &analysis.sentences[i];
        cuts.extend([s.span.start, s.span.end, s.end_with_footnotes()]);
    }
    for o in marks.own {
        cuts.extend([o.span.start, o.span.end]);
    }
    for m in &matches {
        cuts.extend([m.start, m.end]);
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
    // The selected claim, an unjudged one in its own colour, a judged one in its verdict's.
    let background = |key: ClaimKey, unjudged: Color32| {
        let verdict = marks.claims.verdict(key);
        if marks.selected == Some(key) {
            selected_bg
        } else if verdict == Verdict::Unreviewed {
            unjudged
        } else {
            verdict_color(verdict).gamma_multiply(if dark { 0.45 } else { 0.3 })
        }
    };
    for piece in cuts.windows(2) {
        let (from, to) = (piece[0], piece[1]);
        let Some(slice) = text.get(from..to) else {
            continue;
        };
        let mut format = plain.clone();
        let sentence = marks.sentences.iter().copied().find(|&i| {
            let s = &analysis.sentences[i];
            s.span.start <= from && from < s.end_with_footnotes()
        });
        if let Some(i) = sentence {
            let s = &analysis.sentences[i];
            let key = ClaimKey::Detected(ClaimRef {
                doc: marks.doc,
                section: marks.section,
                sentence: i,
            });
            if from >= s.span.end {
                // A footnote marker glued to the sentence.
                format.font_id = FontId::proportional(10.5);
                format.color = visuals.hyperlink_color;
                format.valign = egui::Align::TOP;
            } else if let Some(claim) = &s.claim
                && !marks.claims.is_dismissed(key)
            {
                format.color = visuals.strong_text_color();
                format.background = background(key, claim_bg);
                if claim.is_hedged() {
                    format.underline = hedge_line;
                }
            }
        }
        if let Some(o) = marks
            .own
            .iter()
            .find(|o| o.span.start <= from && from < o.span.end)
        {
            format.color = visuals.strong_text_color();
            format.background = background(ClaimKey::Own(o.item), own_bg);
            format.underline = own_line;
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_paragraphs_are_cut_on_spaces_and_char_boundaries() {
        let text = "word ".repeat(3000) + &"é".repeat(5000);
        let pieces = split_long(&text, Span::new(0, text.len()));
        assert!(pieces.len() > 3);
        assert_eq!(pieces.first().map(|p| p.start), Some(0));
        assert_eq!(pieces.last().map(|p| p.end), Some(text.len()));
        for pair in pieces.windows(2) {
            assert_eq!(pair[0].end, pair[1].start, "pieces are contiguous");
        }
        for p in &pieces {
            assert!(p.end - p.start <= MAX_BLOCK_BYTES);
            assert!(text.is_char_boundary(p.start) && text.is_char_boundary(p.end));
        }
        // Cut after a space while there are spaces.
        assert!(text[..pieces[0].end].ends_with(' '));
    }
}
