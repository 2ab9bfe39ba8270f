//! Right panel: the claims of the current section, document or whole study, with kind badges,
//! hedge marker, citations and related-claim counts; filters by kind, hedge and text; the
//! selected claim's details and its related claims in other documents.

use std::collections::BTreeSet;

use egui::{Color32, RichText};

use crate::app::{Action, ClaimKey, Claims, Command, Selection, View};
use crate::core::analysis::{ClaimRef, Study};
use crate::core::claims::ClaimKind;
use crate::core::relations::RelationKind;
use crate::core::report::quoted;
use crate::core::workspace::Verdict;

/// Which claims the sidebar lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Scope {
    /// The section on screen.
    #[default]
    Section,
    /// The document on screen.
    Document,
    /// Every document.
    Workspace,
}

impl Scope {
    fn label(self) -> &'static str {
        match self {
            Self::Section => "Section",
            Self::Document => "Document",
            Self::Workspace => "All documents",
        }
    }
}

/// The sidebar's filters.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ClaimFilter {
    /// Which claims are listed.
    pub scope: Scope,
    /// Only claims with one of these kinds (empty: any).
    pub kinds: BTreeSet<ClaimKind>,
    /// Only hedged claims.
    pub is_hedged_only: bool,
    /// Only claims whose text or tags contain this (case-insensitive).
    pub text: String,
    /// Also list the claims the person dismissed.
    pub is_showing_dismissed: bool,
}

/// The claims the sidebar lists for this selection and filter, the person's own among the
/// detected ones, in reading order.
pub fn visible_claims(
    claims: Claims<'_>,
    selection: Selection,
    filter: &ClaimFilter,
) -> Vec<ClaimKey> {
    let needle = filter.text.trim().to_lowercase();
    let in_scope = |doc: usize, section: usize| match filter.scope {
        Scope::Section => doc == selection.doc && selection.view == View::Section(section),
        Scope::Document => doc == selection.doc,
        Scope::Workspace => true,
    };
    let matches_text = |key: ClaimKey| {
        needle.is_empty()
            || claims.text(key).to_lowercase().contains(&needle)
            || claims
                .record(key)
                .is_some_and(|c| c.tags.iter().any(|t| t.to_lowercase().contains(&needle)))
    };
    let study = claims.study;
    let detected = detected_in_scope(study, selection, filter.scope)
        .filter(|&r| {
            let Some(claim) = study.claim(r) else {
                return false;
            };
            let key = ClaimKey::Detected(r);
            (filter.is_showing_dismissed || !claims.is_dismissed(key))
                && (filter.kinds.is_empty()
                    || claim.kinds.iter().any(|k| filter.kinds.contains(&k)))
                && (!filter.is_hedged_only || claim.is_hedged())
                && matches_text(key)
        })
        .map(|r| {
            let start = study.sentence(r).map_or(0, |s| s.span.start);
            ((r.doc, start), ClaimKey::Detected(r))
        });
    // The person's own claims have no detected kinds or hedge: a kind or hedge filter hides them.
    let own_shown = filter.kinds.is_empty() && !filter.is_hedged_only;
    let own = claims
        .index
        .own_claims()
        .iter()
        .filter(|o| own_shown && in_scope(o.doc, o.section))
        .map(|o| ((o.doc, o.span.start), ClaimKey::Own(o.item)))
        .filter(|&(_, key)| matches_text(key));
    let mut listed: Vec<((usize, usize), ClaimKey)> = detected.chain(own).collect();
    listed.sort_by_key(|&(place, key)| (place, key));
    listed.into_iter().map(|(_, key)| key).collect()
}

/// The detected claims of the scope, in reading order, visiting only the sentences of the
/// section or document in scope (a 10 MB study has ~100,000 sentences; this runs every frame).
fn detected_in_scope(
    study: &Study,
    selection: Selection,
    scope: Scope,
) -> impl Iterator<Item = ClaimRef> + '_ {
    let docs = match scope {
        Scope::Workspace => 0..study.documents.len(),
        Scope::Section | Scope::Document => {
            selection.doc..(selection.doc + 1).min(study.documents.len())
        }
    };
    docs.flat_map(move |doc| {
        let count = study.documents.get(doc).map_or(0, |d| d.sections.len());
        let sections = match (scope, selection.view) {
            (Scope::Section, View::Section(i)) => i.min(count)..(i + 1).min(count),
            (Scope::Section, View::References) => 0..0,
            _ => 0..count,
        };
        sections.flat_map(move |section| {
            let sentences = study
                .documents
                .get(doc)
                .and_then(|d| d.sections.get(section))
                .map_or(&[][..], |s| s.sentences.as_slice());
            sentences
                .iter()
                .enumerate()
                .filter(|(_, s)| s.claim.is_some())
                .map(move |(sentence, _)| ClaimRef {
                    doc,
                    section,
                    sentence,
                })
        })
    })
}

fn capitalised(word: &str) -> String {
    let mut chars = word.chars();
    chars
        .next()
        .map_or_else(String::new, |c| c.to_uppercase().chain(chars).collect())
}

/// Colour of a kind badge.
pub fn kind_color(kind: ClaimKind, dark: bool) -> Color32 {
    let (r, g, b) = match kind {
        ClaimKind::Statistic => (60, 120, 200),
        ClaimKind::Temporal => (130, 90, 190),
        ClaimKind::Attribution => (30, 140, 130),
        ClaimKind::Comparison => (200, 120, 30),
        ClaimKind::Causal => (190, 70, 70),
        ClaimKind::Prediction => (60, 150, 70),
    };
    if dark {
        Color32::from_rgb(r, g, b)
    } else {
        Color32::from_rgb(r / 4 * 3, g / 4 * 3, b / 4 * 3)
    }
}

/// Colour and words for a relation kind.
pub fn relation_style(kind: RelationKind) -> (Color32, &'static str) {
    match kind {
        RelationKind::Agrees => (Color32::from_rgb(70, 160, 80), "agrees"),
        RelationKind::Contrasts => (Color32::from_rgb(210, 80, 70), "contrasts"),
        RelationKind::Related => (Color32::from_rgb(120, 130, 150), "related"),
    }
}

fn badge(ui: &mut egui::Ui, text: &str, color: Color32) {
    egui::Frame::new()
        .fill(color)
        .corner_radius(3.0)
        .inner_margin(egui::Margin::symmetric(4, 1))
        .show(ui, |ui| {
            ui.label(RichText::new(text).small().color(Color32::WHITE));
        });
}

/// The badges of one claim: kinds, hedge, citations, related count.
pub fn claim_badges_ui(ui: &mut egui::Ui, study: &Study, r: ClaimRef) {
    let Some(claim) = study.claim(r) else { return };
    let dark = ui.visuals().dark_mode;
    ui.horizontal_wrapped(|ui| {
        ui.spacing_mut().item_spacing.x = 4.0;
        for kind in claim.kinds.iter() {
            badge(ui, kind.as_str(), kind_color(kind, dark));
        }
        let hedge = claim
            .is_hedged
            .then(|| study.explain(r).and_then(|e| e.hedge))
            .flatten();
        if let Some(hedge) = hedge {
            badge(
                ui,
                &format!("hedged: {}", hedge.text),
                Color32::from_rgb(170, 110, 30),
            );
        }
        if !claim.citations.is_empty() {
            ui.label(
                RichText::new(format!("cites {}", claim.citations.join(", ")))
                    .small()
                    .weak(),
            );
        }
        let related = study.relations_of(r).count();
        if related > 0 {
            ui.label(RichText::new(format!("{related} related")).small().weak());
        }
    });
}

/// Draws the sidebar.
pub fn claims_sidebar_ui(
    ui: &mut egui::Ui,
    claims: Claims<'_>,
    selection: Selection,
    selected: Option<ClaimKey>,
    filter: &mut ClaimFilter,
    commands: &mut Vec<Command>,
) {
    let study = claims.study;
    ui.add_space(4.0);
    ui.horizontal(|ui| {
        ui.label("Show:");
        for scope in [Scope::Section, Scope::Document, Scope::Workspace] {
            ui.selectable_value(&mut filter.scope, scope, scope.label());
        }
    });
    ui.horizontal(|ui| {
        ui.label("Filter:");
        ui.add(
            egui::TextEdit::singleline(&mut filter.text)
                .hint_text("words in the claim")
                .desired_width(f32::INFINITY),
        );
    });
    ui.horizontal_wrapped(|ui| {
        ui.spacing_mut().item_spacing.x = 4.0;
        for kind in ClaimKind::ALL {
            let mut on = filter.kinds.contains(&kind);
            let title = capitalised(kind.as_str());
            if ui
                .toggle_value(&mut on, title)
                .on_hover_text(format!("Only {} claims", kind.as_str()))
                .changed()
            {
                if on {
                    filter.kinds.insert(kind);
                } else {
                    filter.kinds.remove(&kind);
                }
            }
        }
        ui.toggle_value(&mut filter.is_hedged_only, "Hedged")
            .on_hover_text("Only hedged claims");
        ui.toggle_value(&mut filter.is_showing_dismissed, "Dismissed")
            .on_hover_text("Also list the claims you dismissed (to restore them)");
    });
    ui.separator();

    let listed = visible_claims(claims, selection, filter);
    let details_height = if selected.is_some() {
        ui.available_height() * 0.55
    } else {
        0.0
    };
    let row_height = 64.0;
    egui::ScrollArea::vertical()
        .id_salt("claims_list")
        .max_height(ui.available_height() - details_height)
        .auto_shrink([false, false])
        .show(ui, |ui| {
            if listed.is_empty() {
                ui.weak(
                    if study.claim_count() == 0 && claims.index.own_claims().is_empty() {
                        "No claims found."
                    } else {
                        "No claims here match the filters."
                    },
                );
            }
            ui.weak(format!("{} claim(s)", listed.len()));
            let is_moving = ui
                .ctx()
                .input(|i| i.key_pressed(egui::Key::J) || i.key_pressed(egui::Key::K));
            // Rows far outside the view are not laid out (a study may list thousands): they
            // take an estimated height; the selected row is drawn when J/K moves to it.
            let clip = ui.clip_rect();
            for &key in &listed {
                let is_selected = selected == Some(key);
                let top = ui.cursor().top();
                let is_far =
                    top > clip.bottom() + row_height * 4.0 || top + row_height * 8.0 < clip.top();
                if is_far && !(is_selected && is_moving) {
                    ui.add_space(row_height);
                    continue;
                }
                claim_row_ui(
                    ui,
                    claims,
                    filter.scope,
                    key,
                    is_selected,
                    is_moving,
                    commands,
                );
                ui.add_space(4.0);
            }
        });
    if let Some(key) = selected {
        ui.separator();
        claim_details_ui(ui, claims, key, commands);
    }
}

/// One row of the list: verdict and kind badges, the claim's text, its document.
fn claim_row_ui(
    ui: &mut egui::Ui,
    claims: Claims<'_>,
    scope: Scope,
    key: ClaimKey,
    is_selected: bool,
    is_moving: bool,
    commands: &mut Vec<Command>,
) {
    let frame = egui::Frame::new()
        .inner_margin(6.0)
        .corner_radius(4.0)
        .fill(if is_selected {
            ui.visuals().selection.bg_fill.gamma_multiply(0.5)
        } else {
            ui.visuals().faint_bg_color
        });
    let response = frame
        .show(ui, |ui| {
            ui.set_width(ui.available_width());
            ui.horizontal(|ui| {
                verdict_badge_ui(ui, claims.verdict(key));
                match key {
                    ClaimKey::Detected(r) => claim_badges_ui(ui, claims.study, r),
                    ClaimKey::Own(_) => own_badge_ui(ui),
                }
            });
            let text = claims.text(key);
            let mut short: String = text.chars().take(220).collect();
            if short.len() < text.len() {
                short.push('…');
            }
            ui.add(egui::Label::new(short).wrap().selectable(false));
            if scope == Scope::Workspace
                && let Some((doc, _, _)) = claims.place(key)
                && let Some(d) = claims.study.documents.get(doc)
            {
                ui.label(RichText::new(&d.document.title).small().weak());
            }
        })
        .response;
    // Only the visible part of a row takes clicks: a row scrolled out of the list must not
    // catch clicks meant for the details below it.
    let response = ui.interact(
        response.rect.intersect(ui.clip_rect()),
        ui.scope_id().with(("claim_row", key)),
        egui::Sense::click(),
    );
    if response.clicked() {
        commands.push(Command::SelectClaim(key));
    }
    if is_selected && is_moving {
        response.scroll_to_me(None);
    }
}

fn own_badge_ui(ui: &mut egui::Ui) {
    badge(ui, "your claim", Color32::from_rgb(20, 130, 110));
}

/// The selected claim: verdict, note, tags; for a detected claim also why it was detected,
/// its citations and its related claims in other documents.
fn claim_details_ui(
    ui: &mut egui::Ui,
    claims: Claims<'_>,
    key: ClaimKey,
    commands: &mut Vec<Command>,
) {
    if !claims.exists(key) {
        return;
    }
    let study = claims.study;
    egui::ScrollArea::vertical()
        .id_salt("claim_details")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            let heading = match key {
                ClaimKey::Detected(_) => "Selected claim",
                ClaimKey::Own(_) => "Your claim",
            };
            ui.label(RichText::new(heading).strong());
            ui.add(egui::Label::new(claims.text(key)).wrap());
            let record = claims.record(key);
            let current = claims.verdict(key);
            ui.horizontal_wrapped(|ui| {
                ui.label("Verdict:");
                for verdict in Verdict::ALL {
                    let action = Action::for_verdict(verdict);
                    let shortcut = action
                        .shortcut()
                        .map(|s| ui.ctx().format_shortcut(&s))
                        .unwrap_or_default();
                    let button = ui
                        .selectable_label(current == verdict, verdict.label())
                        .on_hover_text(format!("{} ({shortcut})", action.tooltip()));
                    if button.clicked() && current != verdict {
                        commands.push(Command::SetVerdict(key, verdict));
                    }
                }
            });
            if let ClaimKey::Detected(r) = key {
                related_ui(ui, study, r, commands);
            }
            ui.add_space(6.0);
            let mut note = record.map_or_else(String::new, |c| c.note.clone());
            let edit = ui.add(
                egui::TextEdit::multiline(&mut note)
                    .hint_text("Your note on this claim")
                    .desired_rows(2)
                    .desired_width(f32::INFINITY)
                    .id_salt(("claim_note", key)),
            );
            if edit.changed() {
                commands.push(Command::SetClaimNote(key, note));
            }
            tags_ui(ui, record.map(|c| &c.tags), key, commands);
            match key {
                ClaimKey::Own(item) => {
                    if ui
                        .button("Delete this claim")
                        .on_hover_text(
                            "Delete your claim with its verdict, note and tags (Ctrl+Z undoes)",
                        )
                        .clicked()
                    {
                        commands.push(Command::DeleteOwnClaim(item));
                    }
                }
                ClaimKey::Detected(r) => {
                    dismiss_button_ui(ui, claims.is_dismissed(key), key, commands);
                    detection_ui(ui, study, r, commands);
                }
            }
        });
}

fn dismiss_button_ui(
    ui: &mut egui::Ui,
    is_dismissed: bool,
    key: ClaimKey,
    commands: &mut Vec<Command>,
) {
    let (label, tip) = if is_dismissed {
        ("Restore", "List this claim again")
    } else {
        (
            "Dismiss",
            "Not a claim worth checking: hide it from the list (kept, restorable)",
        )
    };
    let shortcut = Action::ToggleDismiss
        .shortcut()
        .map(|s| ui.ctx().format_shortcut(&s))
        .unwrap_or_default();
    if ui
        .button(label)
        .on_hover_text(format!("{tip} ({shortcut})"))
        .clicked()
    {
        commands.push(Command::SetDismissed(key, !is_dismissed));
    }
}

/// The selected claim's related claims in other documents, with Compare buttons.
fn related_ui(ui: &mut egui::Ui, study: &Study, r: ClaimRef, commands: &mut Vec<Command>) {
    let mut related: Vec<_> = study.relations_of(r).collect();
    related.sort_by(|a, b| b.1.score.total_cmp(&a.1.score));
    ui.add_space(6.0);
    ui.label(RichText::new(format!("Related in other documents ({})", related.len())).strong());
    for (other, relation) in related {
        let (color, word) = relation_style(relation.kind);
        ui.horizontal_wrapped(|ui| {
            badge(ui, word, color);
            if let Some(d) = study.documents.get(other.doc) {
                ui.label(RichText::new(&d.document.title).small().weak());
            }
        });
        ui.label(RichText::new(&relation.reason).small().italics());
        if ui
            .link(study.sentence_text(other))
            .on_hover_text("Go to this claim")
            .clicked()
        {
            commands.push(Command::SelectClaim(other.into()));
        }
        if ui
            .small_button("Compare side by side")
            .on_hover_text("Both passages with their context, and a verdict on each")
            .clicked()
        {
            commands.push(Command::Compare(r, other));
        }
        ui.add_space(4.0);
    }
}

/// Why a claim was detected, and its citations (click: the reference entry in the reader).
fn detection_ui(ui: &mut egui::Ui, study: &Study, r: ClaimRef, commands: &mut Vec<Command>) {
    let Some(claim) = study.claim(r) else { return };
    ui.label(
        RichText::new(format!("Check-worthiness {:.0}%", claim.score * 100.0))
            .small()
            .weak(),
    );
    let reasons = study.explain(r).map(|e| e.reasons).unwrap_or_default();
    if !reasons.is_empty() {
        ui.label(RichText::new("Why it was detected:").small());
        for cue in reasons.iter().take(6) {
            ui.label(RichText::new(format!("  {} — {}", quoted(&cue.text), cue.why)).small());
        }
    }
    let Some(d) = study.documents.get(r.doc) else {
        return;
    };
    for label in &claim.citations {
        if let Some(reference) = d.document.references.iter().find(|x| &x.label == label) {
            let link = ui
                .link(
                    RichText::new(format!(
                        "[{label}] {}",
                        d.document.reference_text(reference)
                    ))
                    .small(),
                )
                .on_hover_text("Show this entry of the reference list");
            if link.clicked() {
                commands.push(Command::ShowReference {
                    doc: r.doc,
                    label: label.clone(),
                });
            }
        }
    }
}

/// Colour of a verdict, for badges and the reader's highlights.
pub fn verdict_color(verdict: Verdict) -> Color32 {
    match verdict {
        Verdict::Unreviewed => Color32::from_rgb(110, 110, 110),
        Verdict::Supported => Color32::from_rgb(50, 140, 70),
        Verdict::Disputed => Color32::from_rgb(190, 60, 50),
        Verdict::Unsupported => Color32::from_rgb(150, 80, 120),
        Verdict::NeedsSource => Color32::from_rgb(50, 110, 180),
    }
}

fn verdict_badge_ui(ui: &mut egui::Ui, verdict: Verdict) {
    if verdict != Verdict::Unreviewed {
        badge(ui, verdict.label(), verdict_color(verdict));
    }
}

/// The claim's tags as removable chips, and a field to add one (Enter).
fn tags_ui(
    ui: &mut egui::Ui,
    tags: Option<&std::collections::BTreeSet<String>>,
    key: ClaimKey,
    commands: &mut Vec<Command>,
) {
    ui.horizontal_wrapped(|ui| {
        ui.label("Tags:");
        for tag in tags.into_iter().flatten() {
            if ui
                .button(format!("{tag} ×"))
                .on_hover_text("Remove this tag")
                .clicked()
            {
                commands.push(Command::RemoveTag(key, tag.clone()));
            }
        }
        let id = egui::Id::unique(("new_tag", key));
        let mut text = ui.data_mut(|d| d.get_temp::<String>(id).unwrap_or_default());
        let edit = ui.add(
            egui::TextEdit::singleline(&mut text)
                .hint_text("add a tag")
                .desired_width(90.0)
                .id_salt(("new_tag_edit", key)),
        );
        if edit.lost_focus()
            && ui.input(|i| i.key_pressed(egui::Key::Enter))
            && !text.trim().is_empty()
        {
            commands.push(Command::AddTag(key, text.trim().to_owned()));
            text.clear();
        }
        ui.data_mut(|d| d.insert_temp(id, text));
    });
}
