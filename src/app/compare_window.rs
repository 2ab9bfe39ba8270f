//! The Compare window: two related claims from different documents side by side, each in its
//! paragraph for context, with the relation's label and reason and a verdict for each.

use egui::text::{LayoutJob, TextFormat};
use egui::{Color32, RichText};

use crate::app::claims_panel::relation_style;
use crate::app::{Claims, Command};
use crate::core::analysis::{ClaimRef, Study};
use crate::core::document::Span;
use crate::core::workspace::Verdict;

/// The paragraph around a claim, with the claim's span inside it.
fn paragraph_of(study: &Study, r: ClaimRef) -> Option<(String, Span)> {
    let d = study.documents.get(r.doc)?;
    let span = study.sentence(r)?.span;
    let text = &d.document.text;
    let start = text[..span.start].rfind("\n\n").map_or(0, |i| i + 2);
    let end = text[span.end..]
        .find("\n\n")
        .map_or(text.len(), |i| span.end + i);
    Some((
        text[start..end].to_owned(),
        Span::new(span.start - start, span.end - start),
    ))
}

fn side_ui(ui: &mut egui::Ui, claims: Claims<'_>, r: ClaimRef, commands: &mut Vec<Command>) {
    let study = claims.study;
    let Some(d) = study.documents.get(r.doc) else {
        return;
    };
    ui.label(RichText::new(&d.document.title).strong());
    if let Some(section) = d.document.sections.get(r.section) {
        ui.weak(section.display_title());
    }
    if let Some((paragraph, claim)) = paragraph_of(study, r) {
        let normal = TextFormat {
            color: ui.visuals().weak_text_color(),
            ..Default::default()
        };
        let strong = TextFormat {
            color: ui.visuals().strong_text_color(),
            background: if ui.visuals().dark_mode {
                Color32::from_rgb(66, 56, 30)
            } else {
                Color32::from_rgb(255, 238, 186)
            },
            ..Default::default()
        };
        let mut job = LayoutJob::default();

        job.append(
            paragraph.get(..claim.start).unwrap_or(""),
            0.0,
            normal.clone(),
        );
        job.append(claim.slice(&paragraph), 0.0, strong);
        job.append(paragraph.get(claim.end..).unwrap_or(""), 0.0, normal);
        egui::ScrollArea::vertical()
            .id_salt(("compare", r))
            .max_height(320.0)
            .show(ui, |ui| {
                ui.add(egui::Label::new(job).wrap().selectable(true));
            });
    }
    let current = claims.verdict(r.into());
    ui.horizontal_wrapped(|ui| {
        for verdict in Verdict::ALL {
            if ui
                .selectable_label(current == verdict, verdict.label())
                .clicked()
                && current != verdict
            {
                commands.push(Command::SetVerdict(r.into(), verdict));
            }
        }
    });
    if ui.button("Show in the reader").clicked() {
        commands.push(Command::SelectClaim(r.into()));
    }
}

/// Draws the Compare window for claims `a` and `b`.
pub fn compare_ui(
    ctx: &egui::Context,
    claims: Claims<'_>,
    (a, b): (ClaimRef, ClaimRef),
    is_open: &mut bool,
    commands: &mut Vec<Command>,
) {
    egui::Window::new("Compare claims")
        .open(is_open)
        .default_width(820.0)
        .show(ctx, |ui| {
            if let Some((_, relation)) = claims.study.relations_of(a).find(|(other, _)| *other == b)
            {
                let (color, word) = relation_style(relation.kind);
                ui.horizontal_wrapped(|ui| {
                    let verb = match word {
                        "agrees" => "They agree",
                        "contrasts" => "They contrast",
                        _ => "They are related",
                    };
                    ui.label(RichText::new(verb).color(color).strong());
                    ui.label(RichText::new(&relation.reason).italics());
                });
                ui.separator();
            }
            ui.columns(2, |columns| {
                side_ui(&mut columns[0], claims, a, commands);
                side_ui(&mut columns[1], claims, b, commands);
            });
        });
}
