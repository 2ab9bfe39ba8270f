//! The desktop app: eframe/egui panels over the core study.
//!
//! [`LecternApp`] owns the open [`Study`], what the person is looking at ([`Selection`]) and
//! the loading job. Each panel lives in its own file with a `*_ui` function that turns core
//! values into widgets and pushes [`Command`]s; [`LecternApp::apply`] carries them out after
//! the frame. File dialogs are called only from there ([`dialogs`]).

mod apply;
mod claim_index;
mod claims_panel;
pub mod command;
mod compare_window;
pub mod dialogs;
pub mod loading;
mod notes_panel;
mod outline_panel;
mod question;
mod reader_panel;
pub mod recovery;
mod run;
mod search_panel;
mod status_bar;
pub mod workspace_file;

use std::path::PathBuf;

pub use claim_index::{ClaimIndex, ClaimKey, Claims, OwnClaim};
pub use claims_panel::{ClaimFilter, Scope, visible_claims};
pub use command::{Action, Command, SaveConflictAnswer, UnsavedAnswer};
pub use reader_panel::TextPick;
pub use run::{Startup, run_native};
pub use search_panel::SearchState;

use crate::core::analysis::{ClaimRef, Source, Study};
use crate::core::document::Span;
use crate::core::history::History;
use crate::core::report::quoted;
use crate::core::workspace::{ClaimRecord, ItemId, Verdict, Workspace};
use dialogs::FileDialogs;
use loading::{LoadingJob, Poll};

/// What part of a document the reader shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum View {
    /// A section, by index.
    Section(usize),
    /// The document's reference list.
    References,
}

impl Default for View {
    fn default() -> Self {
        Self::Section(0)
    }
}

/// The document and section on screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Selection {
    /// Index into `Study::documents`.
    pub doc: usize,
    /// Which part of it.
    pub view: View,
}

impl Selection {
    /// The selected section index, if a section is shown.
    pub fn section(&self) -> Option<usize> {
        match self.view {
            View::Section(i) => Some(i),
            View::References => None,
        }
    }
}

/// The sidebar's tabs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SidebarTab {
    /// The claims list.
    Claims,
    /// Section, document and workspace notes.
    Notes,
}

/// What to do once "Save your changes?" is answered.
#[derive(Debug, Clone, PartialEq, Eq)]
enum AfterPrompt {
    /// Close the window.
    Quit,
    /// Carry out this command (open another study…).
    Run(Command),
}

/// The workspace item of a claim; for a detected claim, made when the person first acts on it.
fn track_claim(workspace: &mut Workspace, study: &Study, key: ClaimKey) -> Option<ItemId> {
    let r = match key {
        ClaimKey::Detected(r) => r,
        ClaimKey::Own(item) => return workspace.claim(item).map(|c| c.id),
    };
    let d = study.documents.get(r.doc)?;
    let sentence = study.sentence(r)?;
    let claim = sentence.claim.as_ref()?;
    workspace
        .track_detected_claim(&d.workspace_input(), &claim.id, sentence.span)
        .ok()
}

/// The person's record of the claim at `r`, if they acted on it.
pub fn claim_record<'w>(
    workspace: &'w Workspace,
    study: &Study,
    r: ClaimRef,
) -> Option<&'w ClaimRecord> {
    let id = &study.claim(r)?.id;
    workspace
        .find_detected(id)
        .and_then(|item| workspace.claim(item))
}

/// How the person arranged the window, remembered between runs (eframe keeps window size and
/// position, theme, text size and panel widths itself).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct LayoutPrefs {
    /// The reader shows the whole document.
    pub is_whole_document: bool,
    /// The documents panel is shown.
    pub is_outline_shown: bool,
    /// The Notes tab (not the Claims tab) is in front.
    pub is_notes_tab: bool,
}

impl Default for LayoutPrefs {
    fn default() -> Self {
        Self {
            is_whole_document: false,
            is_outline_shown: true,
            is_notes_tab: false,
        }
    }
}

/// Key of [`LayoutPrefs`] in eframe's storage.
pub const LAYOUT_PREFS_KEY: &str = "lectern_layout";

/// A message shown to the person in the window (a double-clicked app has no terminal).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notice {
    /// The text.
    pub text: String,
    /// Errors are shown in the error colour.
    pub is_error: bool,
}

/// The Lectern desktop app.
pub struct LecternApp {
    study: Study,
    source: Option<Source>,
    selection: Selection,
    selected_claim: Option<ClaimKey>,
    /// Record lookups and own-claim places, rebuilt when the workspace or study changes.
    index: ClaimIndex,
    /// Text selected in the reader (settled), ready for "Mark as claim".
    reader_selection: Option<reader_panel::TextPick>,
    /// Read the whole document in one scroll instead of one section at a time.
    is_whole_document: bool,
    /// A reference entry to show (and mark) in the reader: document and label.
    reference_target: Option<(usize, String)>,
    scroll_to_reference: bool,
    /// Whole-document mode: scroll to the selected section (after a click in the outline).
    scroll_to_section: bool,
    /// Where the pointer was last released over the reader's text: document and byte.
    pick_hint: Option<(usize, usize)>,
    /// Where the pointer was pressed over the reader's text: document and byte.
    drag_start: Option<(usize, usize)>,
    /// The reader's blocks and their measured heights.
    reader_layout: reader_panel::ReaderLayout,
    /// A document clicked while the study was still opening (its input position): shown once
    /// the analysis is done.
    select_when_opened: Option<usize>,
    /// Set when the reader should scroll the selected claim into view (once).
    scroll_to_claim: bool,
    filter: ClaimFilter,
    search: SearchState,
    loading: Option<LoadingJob>,
    pending: Vec<Command>,
    dialogs: Box<dyn FileDialogs>,
    notice: Option<Notice>,
    show_skipped: bool,
    show_shortcuts: bool,
    sent_title: String,
    /// What the person made: verdicts, notes.
    workspace: Workspace,
    /// Where the workspace was last saved.
    workspace_path: Option<PathBuf>,
    /// What that file held after our last open or save (another program's edits are noticed).
    workspace_stamp: Option<crate::core::workspace::FileStamp>,
    /// Saving found the file changed by another program: the person chooses what happens.
    save_conflict: Option<PathBuf>,
    history: History<Workspace>,
    is_dirty: bool,
    /// "Save your changes?" is being asked; what to do after the answer.
    unsaved_prompt: Option<AfterPrompt>,
    /// The person chose to quit without saving: let the window close.
    may_close: bool,
    sidebar_tab: SidebarTab,
    /// The person's items that could not be put back on the text: kept, listed for review.
    orphans: Vec<crate::core::workspace::Orphan>,
    show_orphans: bool,
    notes_view: notes_panel::NotesView,
    outline_filter: String,
    is_outline_shown: bool,
    /// Recently opened or saved studies, and the file that keeps them.
    recent: crate::core::recent::RecentList,
    recent_file: Option<PathBuf>,
    /// Unsaved work kept for after a crash.
    recovery: Option<recovery::Recovery>,
    /// Two claims shown side by side.
    compare: Option<(ClaimRef, ClaimRef)>,
    /// A workspace file whose documents are loading.
    incoming: Option<workspace_file::Incoming>,
    /// Asking whether to read documents outside a workspace's folder.
    consent: Option<workspace_file::ConsentRequest>,
    ctx: Option<egui::Context>,
}

impl LecternApp {
    /// An app that starts opening `source` in the background.
    pub fn new(ctx: &egui::Context, source: Source, dialogs: Box<dyn FileDialogs>) -> Self {
        let mut app = Self::empty(dialogs);
        app.ctx = Some(ctx.clone());
        app.start_loading(source);
        app
    }

    /// An app with nothing open yet (it will open a workspace file).
    pub fn new_idle(ctx: &egui::Context, dialogs: Box<dyn FileDialogs>) -> Self {
        let mut app = Self::empty(dialogs);
        app.ctx = Some(ctx.clone());
        app
    }

    /// An app showing an already opened study (tests, benchmarks).
    pub fn with_study(study: Study, source: Source, dialogs: Box<dyn FileDialogs>) -> Self {
        let mut app = Self::empty(dialogs);
        app.study = study;
        app.source = Some(source);
        app.reset_workspace();
        app
    }

    fn empty(dialogs: Box<dyn FileDialogs>) -> Self {
        Self {
            study: Study::default(),
            source: None,
            selection: Selection::default(),
            selected_claim: None,
            index: ClaimIndex::default(),
            reader_selection: None,
            is_whole_document: false,
            reference_target: None,
            scroll_to_reference: false,
            scroll_to_section: false,
            pick_hint: None,
            drag_start: None,
            reader_layout: reader_panel::ReaderLayout::default(),
            select_when_opened: None,
            scroll_to_claim: false,
            filter: ClaimFilter::default(),
            search: SearchState::default(),
            loading: None,
            pending: Vec::new(),
            dialogs,
            notice: None,
            show_skipped: false,
            show_shortcuts: false,
            sent_title: String::new(),
            workspace: Workspace::new(),
            workspace_path: None,
            workspace_stamp: None,
            save_conflict: None,
            history: History::new(200),
            is_dirty: false,
            unsaved_prompt: None,
            may_close: false,
            sidebar_tab: SidebarTab::Claims,
            compare: None,
            recovery: None,
            recent: crate::core::recent::RecentList::default(),
            recent_file: None,
            notes_view: notes_panel::NotesView::default(),
            outline_filter: String::new(),
            is_outline_shown: true,
            orphans: Vec::new(),
            show_orphans: false,
            incoming: None,
            consent: None,
            ctx: None,
        }
    }

    /// The open study.
    pub fn study(&self) -> &Study {
        &self.study
    }

    /// What is on screen.
    pub fn selection(&self) -> Selection {
        self.selection
    }

    /// The two claims in the Compare window, if it is open.
    pub fn compared(&self) -> Option<(ClaimRef, ClaimRef)> {
        self.compare
    }

    /// The claim selected in the sidebar or the reader.
    pub fn selected_claim(&self) -> Option<ClaimKey> {
        self.selected_claim
    }

    /// Study, workspace and index together, to ask about claims.
    pub fn claims(&self) -> Claims<'_> {
        Claims {
            study: &self.study,
            workspace: &self.workspace,
            index: &self.index,
        }
    }

    /// Rebuilds the claim lookups; called after every change of the workspace or the study.
    fn refresh_index(&mut self) {
        self.index = ClaimIndex::build(&self.study, &self.workspace);
        if let Some(key) = self.selected_claim
            && !self.claims().exists(key)
        {
            self.selected_claim = None;
        }
    }

    /// Text selected in the reader, waiting for "Mark as claim".
    pub fn reader_selection(&self) -> Option<&reader_panel::TextPick> {
        self.reader_selection.as_ref()
    }

    /// How many blocks the reader cut the open part into, and how many it laid out in the
    /// last frame (only the visible ones).
    pub fn reader_blocks(&self) -> (usize, usize) {
        (
            self.reader_layout.block_count(),
            self.reader_layout.drawn_last_frame,
        )
    }

    /// The window arrangement to remember.
    pub fn layout_prefs(&self) -> LayoutPrefs {
        LayoutPrefs {
            is_whole_document: self.is_whole_document,
            is_outline_shown: self.is_outline_shown,
            is_notes_tab: self.sidebar_tab == SidebarTab::Notes,
        }
    }

    /// Restores a remembered window arrangement.
    pub fn with_layout_prefs(mut self, prefs: LayoutPrefs) -> Self {
        self.is_whole_document = prefs.is_whole_document;
        self.is_outline_shown = prefs.is_outline_shown;
        self.sidebar_tab = if prefs.is_notes_tab {
            SidebarTab::Notes
        } else {
            SidebarTab::Claims
        };
        self
    }

    /// Whether the reader shows the whole document in one scroll.
    pub fn is_whole_document(&self) -> bool {
        self.is_whole_document
    }

    /// The sidebar's filters.
    pub fn filter(&self) -> &ClaimFilter {
        &self.filter
    }

    /// Whether documents are being opened.
    pub fn is_loading(&self) -> bool {
        self.loading.is_some()
    }

    /// The message shown to the person, if any.
    pub fn notice(&self) -> Option<&Notice> {
        self.notice.as_ref()
    }

    /// Blocks until a running load finishes (tests and headless use).
    pub fn wait_for_loading(&mut self) {
        if let Some(job) = self.loading.take() {
            let poll = job.wait();
            self.finish_loading(job, poll);
        }
    }

    /// Queues a command, applied after the current frame (or at once by [`Self::apply_pending`]).
    pub fn push(&mut self, command: impl Into<Command>) {
        self.pending.push(command.into());
    }

    /// The window title: app name, study name, and `*` when there are unsaved changes.
    pub fn window_title(&self) -> String {
        let name = match &self.source {
            None => return "Lectern".to_owned(),
            Some(Source::Seeds) => "Sample study".to_owned(),
            Some(Source::Listed(listed)) => format!("{} documents", listed.len()),
            Some(Source::Paths(paths)) => match paths.as_slice() {
                [one] => one.file_name().map_or_else(
                    || one.display().to_string(),
                    |n| n.to_string_lossy().into_owned(),
                ),
                many => format!("{} items", many.len()),
            },
        };
        let name = self
            .workspace_path
            .as_ref()
            .and_then(|p| p.file_name())
            .map_or(name, |n| n.to_string_lossy().into_owned());
        let star = if self.is_dirty { "*" } else { "" };
        format!("{star}{name} — Lectern")
    }

    /// The person's data (verdicts, notes).
    pub fn workspace(&self) -> &Workspace {
        &self.workspace
    }

    /// Whether there are changes not saved to a workspace file.
    pub fn is_dirty(&self) -> bool {
        self.is_dirty
    }

    /// Whether "Save your changes?" is on screen.
    pub fn is_asking_to_save(&self) -> bool {
        self.unsaved_prompt.is_some()
    }

    /// The person's verdict on a claim.
    pub fn verdict(&self, key: impl Into<ClaimKey>) -> Verdict {
        self.claims().verdict(key.into())
    }

    /// A fresh workspace for the open study: every document, no user data yet.
    fn reset_workspace(&mut self) {
        self.workspace = self.study.new_workspace();
        self.workspace_path = None;
        self.workspace_stamp = None;
        self.history.clear();
        self.is_dirty = false;
        self.refresh_index();
    }

    fn start_loading(&mut self, source: Source) {
        if let Some(old) = self.loading.take() {
            old.cancel();
        }
        let ctx = self.ctx.clone();
        self.loading = Some(LoadingJob::start(source, move || {
            if let Some(ctx) = ctx {
                ctx.request_repaint();
            }
        }));
    }

    fn poll_loading(&mut self) {
        let Some(job) = &self.loading else { return };
        let poll = job.poll();
        if matches!(poll, Poll::Running) {
            return;
        }
        if let Some(job) = self.loading.take() {
            self.finish_loading(job, poll);
        }
    }

    fn finish_loading(&mut self, job: LoadingJob, poll: Poll) {
        match poll {
            Poll::Running => self.loading = Some(job),
            Poll::Done(study) => {
                let skipped = study.skipped.len();
                let incoming = self.incoming.take();
                if study.documents.is_empty() && incoming.is_none() {
                    // Keep what was open: an empty result must not wipe the study.
                    self.notice = Some(Notice {
                        text: if skipped > 0 {
                            format!(
                                "No document could be opened: {skipped} file(s) skipped. See “Skipped files…”."
                            )
                        } else {
                            "No documents found there (Lectern reads .txt, .md and .html)."
                                .to_owned()
                        },
                        is_error: true,
                    });
                    if skipped > 0 {
                        self.study.skipped = study.skipped;
                        self.show_skipped = true;
                    }
                    return;
                }
                if skipped > 0 {
                    self.notice = Some(Notice {
                        text: format!("{skipped} file(s) could not be opened and were skipped."),
                        is_error: false,
                    });
                } else if !self.notice.as_ref().is_some_and(|n| n.is_error) {
                    // An error the person has not seen yet stays; a stale message goes.
                    self.notice = None;
                }
                self.study = *study;
                let arrived = job.arrived();
                self.source = Some(job.source);
                self.selection = Selection::default();
                self.selected_claim = None;
                self.search.invalidate();
                match incoming {
                    Some(incoming) => self.attach_incoming(incoming),
                    None => self.reset_workspace(),
                }
                if let Some(position) = self.select_when_opened.take() {
                    // Documents keep the order of their inputs; skipped files never arrived.
                    let doc = arrived.iter().filter(|a| a.position < position).count();
                    if doc < self.study.documents.len() {
                        self.selection = Selection {
                            doc,
                            view: View::Section(0),
                        };
                    }
                }
            }
            Poll::Stopped(message) => {
                self.incoming = None;
                self.notice = Some(Notice {
                    text: message,
                    is_error: true,
                });
            }
        }
    }

    /// The search bar's state.
    pub fn search(&self) -> &SearchState {
        &self.search
    }

    /// Turns keyboard shortcuts into commands. Zoom keys are left to egui's own handler.
    fn shortcuts_ui(&mut self, ctx: &egui::Context) {
        // Escape closes the search bar when nothing is loading.
        if self.loading.is_none()
            && self.search.is_open
            && ctx.input_mut(|i| i.consume_key(egui::Modifiers::NONE, egui::Key::Escape))
        {
            self.push(Action::CloseSearch);
        }
        // Most specific first: Ctrl+Shift+F must not be taken for Ctrl+F.
        let mut actions: Vec<(Action, egui::KeyboardShortcut)> = Action::ALL
            .into_iter()
            .filter(|a| !matches!(a, Action::ZoomIn | Action::ZoomOut | Action::ZoomReset))
            .filter(|a| *a != Action::CancelLoading || self.loading.is_some())
            .filter_map(|a| a.shortcut().map(|s| (a, s)))
            // Plain letter keys belong to a text field while one has focus.
            .filter(|(_, s)| {
                !(s.modifiers.is_none()
                    && s.logical_key.name().chars().count() == 1
                    && ctx.egui_wants_keyboard_input())
            })
            .collect();
        actions.sort_by_key(|(_, s)| std::cmp::Reverse(modifier_count(s.modifiers)));
        // Key presses in the order they happened ("2" then "J" in one frame judges the claim
        // before moving on, not after).
        let presses: Vec<(egui::Key, egui::Modifiers)> = ctx.input(|i| {
            i.events
                .iter()
                .filter_map(|e| match e {
                    egui::Event::Key {
                        key,
                        pressed: true,
                        modifiers,
                        ..
                    } => Some((*key, *modifiers)),
                    _ => None,
                })
                .collect()
        });
        for (key, modifiers) in presses {
            let Some((action, shortcut)) = actions
                .iter()
                .find(|(_, s)| s.logical_key == key && modifiers.matches_logically(s.modifiers))
            else {
                continue;
            };
            if ctx.input_mut(|i| i.consume_shortcut(shortcut)) {
                self.push(*action);
            }
        }
    }

    fn dropped_files_ui(&mut self, ctx: &egui::Context) {
        let dropped: Vec<PathBuf> = ctx.input(|i| {
            i.raw
                .dropped_files
                .iter()
                .map(|f| f.path().to_path_buf())
                .collect()
        });
        match dropped.as_slice() {
            [] => {}
            [one] if workspace_file::is_workspace_file(one) => {
                self.push(Command::OpenWorkspace(one.clone()))
            }
            _ => self.push(Command::OpenPaths(dropped)),
        }
        let hovering = ctx.input(|i| !i.raw.hovered_files.is_empty());
        if hovering {
            let screen = ctx.content_rect();
            let painter = ctx.layer_painter(egui::LayerId::new(
                egui::Order::Foreground,
                egui::Id::unique("drop_overlay"),
            ));
            painter.rect_filled(screen, 0.0, egui::Color32::from_black_alpha(160));
            painter.text(
                screen.center(),
                egui::Align2::CENTER_CENTER,
                "Drop files or folders to open them",
                egui::FontId::proportional(24.0),
                egui::Color32::WHITE,
            );
        }
    }

    /// The whole window, one frame.
    pub fn ui(&mut self, ui: &mut egui::Ui) {
        let ctx = ui.ctx().clone();
        if self.ctx.is_none() {
            self.ctx = Some(ctx.clone());
        }
        self.poll_loading();
        self.text_selection_ui(&ctx);
        self.shortcuts_ui(&ctx);
        if ctx.input(|i| i.viewport().close_requested()) && self.is_dirty && !self.may_close {
            ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
            self.unsaved_prompt = Some(AfterPrompt::Quit);
        }
        self.dropped_files_ui(&ctx);

        egui::Panel::top("menu_bar").show(ui, |ui| {
            egui::MenuBar::new().ui(ui, |ui| self.menu_ui(ui));
        });
        if self.search.is_open {
            self.search.refresh(&self.study, self.selection.doc);
            egui::Panel::top("search_bar").show(ui, |ui| {
                search_panel::search_bar_ui(ui, &mut self.search, &self.study, &mut self.pending);
            });
        }
        egui::Panel::bottom("status_bar").show(ui, |ui| {
            status_bar::status_bar_ui(
                ui,
                &self.study,
                self.loading.as_ref(),
                self.notice.as_ref(),
                &mut self.pending,
            );
        });
        egui::Panel::left("outline")
            .resizable(true)
            .default_size(280.0)
            .min_size(160.0)
            .show_collapsible(ui, &mut self.is_outline_shown, |ui| {
                if let Some(job) = &self.loading {
                    outline_panel::arriving_ui(
                        ui,
                        &job.arrived(),
                        job.progress
                            .total
                            .load(std::sync::atomic::Ordering::Relaxed),
                        self.select_when_opened,
                        if self.study.documents.is_empty() {
                            1.0
                        } else {
                            0.6
                        },
                        &mut self.pending,
                    );
                    if self.study.documents.is_empty() {
                        // Nothing else to list yet: no empty "Documents" heading under the
                        // documents that are arriving.
                        return;
                    }
                }
                outline_panel::outline_ui(
                    ui,
                    &self.study,
                    &self.workspace,
                    self.selection,
                    &mut self.outline_filter,
                    &mut self.pending,
                );
            });
        egui::Panel::right("claims")
            .resizable(true)
            .default_size(360.0)
            .min_size(220.0)
            .show(ui, |ui| {
                ui.horizontal(|ui| {
                    ui.selectable_value(&mut self.sidebar_tab, SidebarTab::Claims, "Claims");
                    ui.selectable_value(&mut self.sidebar_tab, SidebarTab::Notes, "Notes");
                });
                let claims = Claims {
                    study: &self.study,
                    workspace: &self.workspace,
                    index: &self.index,
                };
                match self.sidebar_tab {
                    SidebarTab::Claims => claims_panel::claims_sidebar_ui(
                        ui,
                        claims,
                        self.selection,
                        self.selected_claim,
                        &mut self.filter,
                        &mut self.pending,
                    ),
                    SidebarTab::Notes => notes_panel::notes_ui(
                        ui,
                        claims,
                        self.selection,
                        self.selected_claim,
                        &mut self.notes_view,
                        &mut self.pending,
                    ),
                }
            });
        let reader_output = egui::CentralPanel::default()
            .show(ui, |ui| {
                let matches = self.search.matches_in(self.selection.doc);
                let reference_target = self
                    .reference_target
                    .as_ref()
                    .filter(|(doc, _)| *doc == self.selection.doc)
                    .map(|(_, label)| label.as_str());
                let reader = reader_panel::ReaderState {
                    claims: Claims {
                        study: &self.study,
                        workspace: &self.workspace,
                        index: &self.index,
                    },
                    selected_claim: self.selected_claim,
                    scroll_to_claim: &mut self.scroll_to_claim,
                    search_matches: &matches,
                    current_match: self.search.current_in(self.selection.doc),
                    scroll_to_match: &mut self.search.scroll_to_current,
                    is_whole_document: self.is_whole_document,
                    scroll_to_section: &mut self.scroll_to_section,
                    reference_target,
                    scroll_to_reference: &mut self.scroll_to_reference,
                    pick: self.reader_selection.as_ref(),
                    layout: &mut self.reader_layout,
                };
                reader_panel::reader_ui(
                    ui,
                    &self.study,
                    self.selection,
                    reader,
                    self.loading.is_some(),
                    &mut self.pending,
                )
            })
            .inner;
        self.follow_reader(&ctx, reader_output);
        self.skipped_window_ui(&ctx);
        self.orphans_window_ui(&ctx);
        self.unsaved_prompt_ui(&ctx);
        self.save_conflict_ui(&ctx);
        self.consent_prompt_ui(&ctx);
        self.recovery_prompt_ui(&ctx);
        self.autosave_ui(&ctx);
        if let Some(pair) = self.compare {
            let mut is_open = true;
            compare_window::compare_ui(
                &ctx,
                Claims {
                    study: &self.study,
                    workspace: &self.workspace,
                    index: &self.index,
                },
                pair,
                &mut is_open,
                &mut self.pending,
            );
            if !is_open {
                self.compare = None;
            }
        }
        self.shortcuts_window_ui(&ctx);

        if self.loading.is_some() {
            ctx.request_repaint_after(std::time::Duration::from_millis(50));
        }
        let title = self.window_title();
        if title != self.sent_title {
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.sent_title = title;
        }
        self.claim_links_ui(&ctx);
        self.apply_pending(&ctx);
    }

    fn menu_ui(&mut self, ui: &mut egui::Ui) {
        let recent = &self.recent.paths;
        let mut open_recent = None;
        let pending = &mut self.pending;
        let mut item = |ui: &mut egui::Ui, action: Action| {
            let mut button = egui::Button::new(action.label());
            if let Some(shortcut) = action.shortcut() {
                button = button.shortcut_text(ui.ctx().format_shortcut(&shortcut));
            }
            if ui.add(button).on_hover_text(action.tooltip()).clicked() {
                pending.push(action.into());
            }
        };
        ui.menu_button("File", |ui| {
            item(ui, Action::NewStudy);
            item(ui, Action::OpenWorkspace);
            ui.menu_button("Open recent", |ui| {
                if recent.is_empty() {
                    ui.weak("No recent studies");
                }
                for path in recent {
                    let name = path.file_name().map_or_else(
                        || path.display().to_string(),
                        |n| n.to_string_lossy().into_owned(),
                    );
                    if ui
                        .button(name)
                        .on_hover_text(path.display().to_string())
                        .clicked()
                    {
                        open_recent = Some(path.clone());
                    }
                }
            });
            item(ui, Action::OpenFolder);
            item(ui, Action::OpenFiles);
            item(ui, Action::OpenSamples);
            ui.separator();
            item(ui, Action::Save);
            item(ui, Action::SaveAs);
            item(ui, Action::SaveForSharing);
            item(ui, Action::ExtractDocuments);
            ui.separator();
            item(ui, Action::Export);
            ui.separator();
            item(ui, Action::ShowSkipped);
            ui.separator();
            item(ui, Action::Quit);
        });
        ui.menu_button("Claim", |ui| {
            for verdict in Verdict::ALL {
                item(ui, Action::for_verdict(verdict));
            }
            ui.separator();
            item(ui, Action::ToggleDismiss);
            item(ui, Action::MarkSelectionAsClaim);
            item(ui, Action::ShowOrphans);
        });
        ui.menu_button("Go", |ui| {
            item(ui, Action::NextSection);
            item(ui, Action::PreviousSection);
            item(ui, Action::NextClaim);
            item(ui, Action::PreviousClaim);
            item(ui, Action::NextDocument);
            item(ui, Action::PreviousDocument);
        });
        ui.menu_button("Edit", |ui| {
            item(ui, Action::Undo);
            item(ui, Action::Redo);
            ui.separator();
            item(ui, Action::FindInDocument);
            item(ui, Action::FindInWorkspace);
            item(ui, Action::FindNext);
            item(ui, Action::FindPrevious);
        });
        ui.menu_button("View", |ui| {
            item(ui, Action::ToggleOutline);
            item(ui, Action::ToggleWholeDocument);
            item(ui, Action::ToggleTheme);
            item(ui, Action::ZoomIn);
            item(ui, Action::ZoomOut);
            item(ui, Action::ZoomReset);
        });
        ui.menu_button("Help", |ui| {
            item(ui, Action::ShowShortcuts);
            item(ui, Action::ShowLogFolder);
        });
        if let Some(path) = open_recent {
            self.pending.push(Command::OpenWorkspace(path));
        }
    }

    fn unsaved_prompt_ui(&mut self, ctx: &egui::Context) {
        if self.unsaved_prompt.is_none() {
            return;
        }
        let answers = [
            ("Save", UnsavedAnswer::Save),
            ("Discard", UnsavedAnswer::Discard),
            ("Cancel", UnsavedAnswer::Cancel),
        ];
        let text = "Your verdicts and notes have changes that are not saved. If you go on without saving, they are lost.";
        if let Some(answer) = question::question_ui(
            ctx,
            "unsaved_prompt",
            "Save your changes?",
            text,
            |_| {},
            &answers,
            Some(UnsavedAnswer::Cancel),
        ) {
            self.pending.push(Command::AnswerUnsaved(answer));
        }
    }

    /// Whether "changed by another program" is being asked.
    pub fn is_asking_about_conflict(&self) -> bool {
        self.save_conflict.is_some()
    }

    fn save_conflict_ui(&mut self, ctx: &egui::Context) {
        let Some(path) = &self.save_conflict else {
            return;
        };
        let name = path.file_name().map_or_else(
            || path.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        );
        let text = format!(
            "{name} was changed by another program since you opened or saved it. Nothing was \
             written. Overwrite it with your version, save yours under another name, or reload \
             the other version (yours is then kept beside it, nothing is lost)."
        );
        let answers = [
            ("Overwrite", SaveConflictAnswer::Overwrite),
            ("Save as…", SaveConflictAnswer::SaveAs),
            ("Reload theirs", SaveConflictAnswer::Reload),
            ("Cancel", SaveConflictAnswer::Cancel),
        ];
        if let Some(answer) = question::question_ui(
            ctx,
            "save_conflict",
            "The study file was changed elsewhere",
            &text,
            |_| {},
            &answers,
            Some(SaveConflictAnswer::Cancel),
        ) {
            self.pending.push(Command::AnswerSaveConflict(answer));
        }
    }

    /// Remembers recent studies in `file` (and reads the ones already there).
    pub fn with_recent_file(mut self, file: PathBuf) -> Self {
        self.recent = crate::core::recent::RecentList::load(&file);
        self.recent_file = Some(file);
        self
    }

    /// Recently opened or saved studies, newest first.
    pub fn recent(&self) -> &[PathBuf] {
        &self.recent.paths
    }

    /// Puts a study at the top of the recent list.
    pub(crate) fn remember_recent(&mut self, path: &std::path::Path) {
        self.recent.push(path);
        if let Some(file) = &self.recent_file
            && let Err(err) = self.recent.save(file)
        {
            self.notice = Some(Notice {
                text: format!("Could not update the recent studies list: {err}"),
                is_error: true,
            });
        }
    }

    /// A click on a `lectern://claim/<id>` link (in the notes' preview) selects that claim
    /// instead of asking the system to open it.
    fn claim_links_ui(&mut self, ctx: &egui::Context) {
        let mut targets = Vec::new();
        ctx.output_mut(|o| {
            o.commands.retain(|c| match c {
                egui::OutputCommand::OpenUrl(open)
                    if open.url.starts_with(notes_panel::CLAIM_LINK_PREFIX) =>
                {
                    targets.push(open.url[notes_panel::CLAIM_LINK_PREFIX.len()..].to_owned());
                    false
                }
                _ => true,
            });
        });
        for id in targets {
            let own = id
                .strip_prefix("own-")
                .and_then(|n| n.parse().ok())
                .map(|n| ClaimKey::Own(ItemId(n)))
                .filter(|&key| self.claims().exists(key));
            let detected = || {
                self.study
                    .claim_refs()
                    .find(|&r| self.study.claim(r).is_some_and(|c| c.id == id))
                    .map(ClaimKey::Detected)
            };
            match own.or_else(detected) {
                Some(key) => self.pending.push(Command::SelectClaim(key)),
                None => {
                    self.notice = Some(Notice {
                        text: "That claim is not in the open documents.".to_owned(),
                        is_error: true,
                    })
                }
            }
        }
    }

    /// Turns a text selection in the reader, once settled, into a [`TextPick`] for "Mark as
    /// claim"; forgets it when the selection is gone.
    fn text_selection_ui(&mut self, ctx: &egui::Context) {
        if ctx.plugin_opt::<SelectionWatcher>().is_none() {
            ctx.add_plugin(SelectionWatcher::default());
        }
        let settled = ctx
            .with_plugin(|w: &mut SelectionWatcher| std::mem::take(&mut w.settled))
            .unwrap_or_default();
        if let Some(text) = settled.last()
            && let Some((doc, near)) = self.pick_hint.take()
            && let Some(d) = self.study.documents.get(doc)
        {
            self.reader_selection =
                crate::core::selection::find_selection(&d.document.text, text, Some(near))
                    .map(|span| TextPick { doc, span });
        }
        let has_selection = ctx
            .with_plugin(|s: &mut egui::text_selection::LabelSelectionState| s.has_selection())
            .unwrap_or(false);
        if !has_selection {
            self.reader_selection = None;
        }
        // Set again by the reader if the press or release was over its text.
        if ctx.input(|i| i.pointer.any_released()) {
            self.pick_hint = None;
        }
        if ctx.input(|i| i.pointer.any_pressed()) {
            self.drag_start = None;
        }
    }

    /// After the reader drew: remember where a selection ended, and let the outline follow the
    /// section in view (whole-document mode).
    fn follow_reader(&mut self, ctx: &egui::Context, output: reader_panel::ReaderOutput) {
        let doc = self.selection.doc;
        if let Some(byte) = output.press_byte {
            self.drag_start = Some((doc, byte));
        }
        if let Some(end) = output.release_byte {
            match self.drag_start {
                // A drag over the text: the selection runs from where it was pressed to here.
                Some((d, start)) if d == doc && start != end => {
                    let span = Span::new(start.min(end), start.max(end));
                    self.reader_selection = self.study.documents.get(doc).and_then(|d| {
                        let trimmed = crate::core::selection::trim_span(&d.document.text, span)?;
                        Some(TextPick { doc, span: trimmed })
                    });
                }
                // A double or triple click selects a word or line: egui reports its text at the
                // end of this frame; it is looked for around here in the next one.
                _ => {
                    self.pick_hint = Some((doc, end));
                    ctx.request_repaint();
                }
            }
        }
        if self.is_whole_document
            && !self.scroll_to_section
            && let Some(view) = output.part_in_view
        {
            self.selection.view = view;
        }
    }

    /// Items needing review after the documents changed.
    pub fn orphans(&self) -> &[crate::core::workspace::Orphan] {
        &self.orphans
    }

    fn orphans_window_ui(&mut self, ctx: &egui::Context) {
        let mut open = self.show_orphans;
        egui::Window::new("Needs review").open(&mut open).default_width(480.0).show(ctx, |ui| {
            if self.orphans.is_empty() {
                ui.label("Every verdict and note is attached to its text.");
                return;
            }
            ui.label(
                "These items could not be put back on the text with confidence. They are kept: select \
                 the claim they belong to and attach them, or delete them.",
            );
            egui::ScrollArea::vertical().max_height(380.0).show(ui, |ui| {
                for orphan in &self.orphans {
                    ui.separator();
                    let title = self.workspace.document(&orphan.document_id).map_or("", |d| d.title.as_str());
                    ui.weak(format!("{title} — {}", orphan.reason.describe()));
                    ui.label(egui::RichText::new(quoted(&orphan.quote)).italics());
                    let crate::core::workspace::OrphanTarget::Claim(item) = orphan.target else {
                        ui.weak("A section note: it is kept with the document's notes.");
                        continue;
                    };
                    ui.horizontal(|ui| {
                        let selected = self.selected_claim.and_then(ClaimKey::detected);
                        let attach = ui.add_enabled(selected.is_some(), egui::Button::new("Attach to the selected claim"));
                        if attach.on_hover_text("Move its verdict, note and tags onto the claim selected in the sidebar").clicked()
                            && let Some(r) = selected
                        {
                            self.pending.push(Command::ReattachOrphan(item, r));
                        }
                        if ui.button("Delete").on_hover_text("Delete this item and its verdict, note and tags (Ctrl+Z undoes)").clicked() {
                            self.pending.push(Command::DeleteOrphan(item));
                        }
                    });
                }
            });
        });
        self.show_orphans = open;
    }

    fn skipped_window_ui(&mut self, ctx: &egui::Context) {
        let mut open = self.show_skipped;
        egui::Window::new("Skipped files")
            .open(&mut open)
            .default_width(460.0)
            .show(ctx, |ui| {
                if self.study.skipped.is_empty() {
                    ui.label("No file was skipped.");
                    return;
                }
                ui.label(format!(
                    "{} file(s) could not be opened:",
                    self.study.skipped.len()
                ));
                egui::ScrollArea::vertical()
                    .max_height(360.0)
                    .show(ui, |ui| {
                        egui::Grid::new("skipped_grid")
                            .striped(true)
                            .num_columns(2)
                            .show(ui, |ui| {
                                for skipped in &self.study.skipped {
                                    ui.label(egui::RichText::new(&skipped.path).monospace());
                                    ui.label(skipped.reason.to_string());
                                    ui.end_row();
                                }
                            });
                    });
            });
        self.show_skipped = open;
    }

    fn shortcuts_window_ui(&mut self, ctx: &egui::Context) {
        let mut open = self.show_shortcuts;
        egui::Window::new("Keyboard shortcuts")
            .open(&mut open)
            .show(ctx, |ui| {
                egui::Grid::new("shortcuts_grid")
                    .striped(true)
                    .num_columns(2)
                    .show(ui, |ui| {
                        for action in Action::ALL {
                            if let Some(shortcut) = action.shortcut() {
                                ui.label(ctx.format_shortcut(&shortcut));
                                ui.label(action.label());
                                ui.end_row();
                            }
                        }
                    });
            });
        self.show_shortcuts = open;
    }
}

/// Catches the text selection egui reports at the end of a frame (after the app's code ran).
#[derive(Default)]
struct SelectionWatcher {
    settled: Vec<String>,
}

impl egui::Plugin for SelectionWatcher {
    fn debug_name(&self) -> &'static str {
        "lectern_selection_watcher"
    }

    fn output_hook(&mut self, _ctx: &egui::Context, output: &mut egui::FullOutput) {
        for command in &output.platform_output.commands {
            if let egui::OutputCommand::TextSelectionSettled(text) = command {
                self.settled.push(text.clone());
            }
        }
    }
}

fn modifier_count(m: egui::Modifiers) -> u8 {
    u8::from(m.alt) + u8::from(m.ctrl || m.command || m.mac_cmd) + u8::from(m.shift)
}

impl eframe::App for LecternApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        LecternApp::ui(self, ui);
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, LAYOUT_PREFS_KEY, &self.layout_prefs());
    }
}
