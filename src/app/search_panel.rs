//! The search bar: Ctrl+F in the open document, Ctrl+Shift+F across all documents; results
//! with context; Enter / F3 for the next match, Shift+F3 for the previous one.

use crate::app::{Action, Command};
use crate::core::analysis::Study;
use crate::core::document::Span;
use crate::core::search::{Query, SearchHit, search_study};

/// At most this many hits are collected: the first results come back at once on 50 MB.
pub const MAX_HITS: usize = 2_000;

/// The search bar's state.
#[derive(Debug, Default)]
pub struct SearchState {
    /// Whether the bar is shown.
    pub is_open: bool,
    /// Search every document (else only the open one).
    pub is_workspace: bool,
    /// What the person typed.
    pub text: String,
    /// Hits for `text`, in reading order.
    pub hits: Vec<SearchHit>,
    /// The hit Enter / F3 went to.
    pub current: Option<usize>,
    /// Focus the text field next frame.
    pub wants_focus: bool,
    /// Scroll the reader to the current hit next frame.
    pub scroll_to_current: bool,
    /// (text, workspace?, document) the hits were computed for.
    searched: Option<(String, bool, usize)>,
}

impl SearchState {
    /// Opens the bar for the open document or for all documents.
    pub fn open(&mut self, is_workspace: bool) {
        self.is_open = true;
        self.is_workspace = is_workspace;
        self.wants_focus = true;
    }

    /// Recomputes the hits when the words, the scope or the open document changed.
    pub fn refresh(&mut self, study: &Study, open_doc: usize) {
        let key = (
            self.text.clone(),
            self.is_workspace,
            if self.is_workspace {
                usize::MAX
            } else {
                open_doc
            },
        );
        if self.searched.as_ref() == Some(&key) {
            return;
        }
        self.hits = match Query::new(&self.text) {
            Some(query) => search_study(
                study,
                &query,
                (!self.is_workspace).then_some(open_doc),
                MAX_HITS,
            ),
            None => Vec::new(),
        };
        self.current = None;
        self.searched = Some(key);
    }

    /// Forgets the hits (a new study was opened).
    pub fn invalidate(&mut self) {
        self.searched = None;
        self.hits.clear();
        self.current = None;
    }

    /// Moves to the next (`delta` 1) or previous (-1) hit, wrapping around.
    pub fn step(&mut self, delta: isize) -> Option<&SearchHit> {
        let n = self.hits.len();
        if n == 0 {
            return None;
        }
        let next = match self.current {
            None if delta < 0 => n - 1,
            None => 0,
            Some(i) => (i as isize + delta).rem_euclid(n as isize) as usize,
        };
        self.current = Some(next);
        self.scroll_to_current = true;
        self.hits.get(next)
    }

    /// Matches in one document, sorted (for the reader's highlights).
    pub fn matches_in(&self, doc: usize) -> Vec<Span> {
        if !self.is_open {
            return Vec::new();
        }
        self.hits
            .iter()
            .filter(|h| h.doc == doc)
            .map(|h| h.span)
            .collect()
    }

    /// The current hit's span, if it is in `doc`.
    pub fn current_in(&self, doc: usize) -> Option<Span> {
        self.current
            .and_then(|i| self.hits.get(i))
            .filter(|h| h.doc == doc && self.is_open)
            .map(|h| h.span)
    }
}

/// Draws the search bar and its results.
pub fn search_bar_ui(
    ui: &mut egui::Ui,
    search: &mut SearchState,
    study: &Study,
    commands: &mut Vec<Command>,
) {
    ui.horizontal(|ui| {
        ui.label(if search.is_workspace {
            "Search all documents:"
        } else {
            "Search this document:"
        });
        let edit = ui.add(
            egui::TextEdit::singleline(&mut search.text)
                .hint_text("words to find")
                .desired_width(280.0)
                .id_salt("search_text"),
        );
        if search.wants_focus {
            edit.request_focus();
            search.wants_focus = false;
        }
        if edit.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter)) {
            let action = if ui.input(|i| i.modifiers.shift) {
                Action::FindPrevious
            } else {
                Action::FindNext
            };
            commands.push(action.into());
            search.wants_focus = true;
        }
        ui.checkbox(&mut search.is_workspace, "All documents");
        let count = search.hits.len();
        let position = match search.current {
            Some(i) => format!("{} of {count}", i + 1),
            None if count >= MAX_HITS => format!("{count}+ matches"),
            None => format!("{count} matches"),
        };
        if !search.text.trim().is_empty() {
            ui.label(position);
        }
        for action in [Action::FindPrevious, Action::FindNext, Action::CloseSearch] {
            if ui
                .button(action.label())
                .on_hover_text(action.tooltip())
                .clicked()
            {
                commands.push(action.into());
            }
        }
    });
    if search.hits.is_empty() {
        return;
    }
    egui::ScrollArea::vertical()
        .id_salt("search_results")
        .max_height(140.0)
        .auto_shrink([false, true])
        .show(ui, |ui| {
            for (i, hit) in search.hits.iter().enumerate().take(300) {
                let mut job = egui::text::LayoutJob::default();
                let normal = egui::TextFormat {
                    color: ui.visuals().text_color(),
                    ..Default::default()
                };
                let strong = egui::TextFormat {
                    color: ui.visuals().strong_text_color(),
                    background: ui.visuals().selection.bg_fill,
                    ..Default::default()
                };
                let c = &hit.context;
                let (a, b) = (hit.context_match.start, hit.context_match.end);
                if let Some(title) = study
                    .documents
                    .get(hit.doc)
                    .map(|d| d.document.title.as_str())
                    && search.is_workspace
                {
                    job.append(
                        &format!("{title}: "),
                        0.0,
                        egui::TextFormat {
                            color: ui.visuals().weak_text_color(),
                            ..Default::default()
                        },
                    );
                }
                job.append(c.get(..a).unwrap_or(""), 0.0, normal.clone());
                job.append(c.get(a..b).unwrap_or(""), 0.0, strong);
                job.append(c.get(b..).unwrap_or(""), 0.0, normal);
                let row = ui.selectable_label(search.current == Some(i), job);
                if row.clicked() {
                    commands.push(Command::GoToSearchHit(i));
                }
                if search.current == Some(i) && search.scroll_to_current {
                    row.scroll_to_me(None);
                }
            }
            if search.hits.len() > 300 {
                ui.weak(format!(
                    "… and {} more (F3 goes through all of them)",
                    search.hits.len() - 300
                ));
            }
        });
}
