//! Applying commands: the one place where the app's state changes (selection, the person's
//! data with its undo history, saving, opening), after the frame has been laid out.

use crate::app::SaveConflictAnswer;
use crate::app::{
    Action, AfterPrompt, ClaimKey, Command, LecternApp, Notice, Selection, UnsavedAnswer, View,
    track_claim, visible_claims,
};
use crate::core::analysis::{Source, Study};
use crate::core::workspace::{Workspace, WorkspaceError, save_atomic, save_atomic_checked};

impl LecternApp {
    /// Applies every queued command.
    pub fn apply_pending(&mut self, ctx: &egui::Context) {
        if !self.pending.is_empty() {
            // What the commands changed is drawn in the next frame.
            ctx.request_repaint();
        }
        for command in std::mem::take(&mut self.pending) {
            self.apply(ctx, command);
        }
    }

    /// Carries out one command: the one place where the app changes.
    pub fn apply(&mut self, ctx: &egui::Context, command: Command) {
        if matches!(command, Command::OpenPaths(_) | Command::OpenWorkspace(_))
            && self.guard_unsaved(command.clone())
        {
            return;
        }
        match command {
            Command::Action(action) => self.apply_action(ctx, action),
            Command::OpenPaths(paths) => {
                if !paths.is_empty() {
                    self.start_loading(Source::Paths(paths));
                }
            }
            Command::SelectClaim(key) => self.select_claim(key),
            Command::SelectWhenOpened(position) => self.select_when_opened = Some(position),
            Command::MarkOwnClaim { doc, span } => {
                let mut made = None;
                self.edit(None, |ws, study| {
                    let Some(d) = study.documents.get(doc) else {
                        return false;
                    };
                    made = ws.add_own_claim(&d.workspace_input(), span).ok();
                    made.is_some()
                });
                if let Some(item) = made {
                    self.reader_selection = None;
                    ctx.plugin::<egui::text_selection::LabelSelectionState>()
                        .lock()
                        .clear_selection();
                    self.select_claim(ClaimKey::Own(item));
                }
            }
            Command::DeleteOwnClaim(item) => {
                self.edit(None, |ws, _| ws.delete_item(item).is_ok());
            }
            Command::ShowReference { doc, label } => {
                if self.study.documents.get(doc).is_some() {
                    if !self.is_whole_document {
                        self.selection = Selection {
                            doc,
                            view: View::References,
                        };
                    } else {
                        self.selection.doc = doc;
                    }
                    self.reference_target = Some((doc, label));
                    self.scroll_to_reference = true;
                }
            }
            Command::SetVerdict(r, verdict) => self.edit(None, |ws, study| {
                track_claim(ws, study, r).is_some_and(|item| ws.set_verdict(item, verdict).is_ok())
            }),
            Command::SetClaimNote(r, text) => {
                let coalesce = Some(format!("note:{}", self.claims().stable_id(r)));
                self.edit(coalesce, |ws, study| {
                    track_claim(ws, study, r)
                        .is_some_and(|item| ws.set_claim_note(item, &text).is_ok())
                });
            }
            Command::SetSectionNote { doc, section, text } => {
                let key = Some(format!("section-note:{doc}:{section}"));
                self.edit(key, |ws, study| {
                    let Some(d) = study.documents.get(doc) else {
                        return false;
                    };
                    let Some(s) = d.document.sections.get(section) else {
                        return false;
                    };
                    ws.set_section_note(&d.document.id, std::slice::from_ref(&s.title), &text)
                        .is_ok()
                });
            }
            Command::SetDocumentNote(doc, text) => {
                let key = Some(format!("document-note:{doc}"));
                self.edit(key, |ws, study| {
                    study
                        .documents
                        .get(doc)
                        .is_some_and(|d| ws.set_document_note(&d.document.id, &text).is_ok())
                });
            }
            Command::SetNotebook(text) => self.edit(Some("notebook".to_owned()), |ws, _| {
                ws.set_notebook(&text).is_ok()
            }),
            Command::AnswerUnsaved(answer) => self.answer_unsaved(ctx, answer),
            Command::AnswerSaveConflict(answer) => self.answer_save_conflict(answer),
            Command::OpenWorkspace(path) => self.open_workspace_file(path),
            Command::Compare(a, b) => self.compare = Some((a, b)),
            Command::LocateDocument(id) => self.locate_document(&id),
            Command::ReattachOrphan(item, r) => {
                self.edit(None, |ws, study| {
                    let (Some(d), Some(sentence)) = (study.documents.get(r.doc), study.sentence(r))
                    else {
                        return false;
                    };
                    let ok = ws
                        .reattach(item, &d.workspace_input(), sentence.span)
                        .is_ok();
                    // The item now stands for this detected claim (its verdict shows there).
                    if ok
                        && let Some(claim) = &sentence.claim
                        && let Some(record) = ws.claims.iter_mut().find(|c| c.id == item)
                        && record.detected_claim_id().is_some()
                    {
                        record.origin = crate::core::workspace::ClaimOrigin::Detected {
                            claim_id: claim.id.to_string(),
                        };
                    }
                    ok
                });
                self.orphans
                    .retain(|o| o.target != crate::core::workspace::OrphanTarget::Claim(item));
            }
            Command::DeleteOrphan(item) => {
                self.edit(None, |ws, _| ws.delete_item(item).is_ok());
                self.orphans
                    .retain(|o| o.target != crate::core::workspace::OrphanTarget::Claim(item));
            }
            Command::AnswerRecovery(is_recovering) => self.answer_recovery(is_recovering),
            Command::SetDismissed(r, is_dismissed) => self.edit(None, |ws, study| {
                track_claim(ws, study, r).is_some_and(|item| {
                    if is_dismissed {
                        ws.dismiss(item).is_ok()
                    } else {
                        ws.restore(item).is_ok()
                    }
                })
            }),
            Command::AddTag(r, tag) => self.edit(None, |ws, study| {
                track_claim(ws, study, r)
                    .is_some_and(|item| ws.add_tag(item, &tag).unwrap_or(false))
            }),
            Command::RemoveTag(r, tag) => self.edit(None, |ws, study| {
                track_claim(ws, study, r)
                    .is_some_and(|item| ws.remove_tag(item, &tag).unwrap_or(false))
            }),
            Command::AnswerConsent(is_allowed) => self.answer_consent(is_allowed),
            Command::GoToSearchHit(i) => {
                self.search.current = Some(i);
                self.search.scroll_to_current = true;
                self.show_current_hit();
            }
            Command::SelectDocument(doc) => {
                if doc < self.study.documents.len() {
                    self.go_to(Selection {
                        doc,
                        view: View::Section(0),
                    });
                }
            }
            Command::SelectSection { doc, section } => {
                let Some(d) = self.study.documents.get(doc) else {
                    return;
                };
                self.go_to(Selection {
                    doc,
                    view: if section < d.document.sections.len() {
                        View::Section(section)
                    } else {
                        View::References
                    },
                });
            }
        }
    }

    fn apply_action(&mut self, ctx: &egui::Context, action: Action) {
        if matches!(
            action,
            Action::OpenFolder
                | Action::OpenFiles
                | Action::OpenSamples
                | Action::OpenWorkspace
                | Action::NewStudy
        ) && self.guard_unsaved(action.into())
        {
            return;
        }
        if let Some(verdict) = action.verdict() {
            if let Some(r) = self.selected_claim {
                self.apply(ctx, Command::SetVerdict(r, verdict));
            }
            return;
        }
        match action {
            Action::MarkUnreviewed
            | Action::MarkSupported
            | Action::MarkDisputed
            | Action::MarkUnsupported
            | Action::MarkNeedsSource => {}
            Action::Save => {
                self.save(false);
            }
            Action::ShowOrphans => self.show_orphans = true,
            Action::ToggleDismiss => {
                if let Some(key @ ClaimKey::Detected(_)) = self.selected_claim {
                    let is_dismissed = self.claims().is_dismissed(key);
                    self.apply(ctx, Command::SetDismissed(key, !is_dismissed));
                }
            }
            Action::MarkSelectionAsClaim => match self.reader_selection.clone() {
                Some(pick) => self.apply(
                    ctx,
                    Command::MarkOwnClaim {
                        doc: pick.doc,
                        span: pick.span,
                    },
                ),
                None => {
                    self.notice = Some(Notice {
                        text: "Select some text in the reader first, then mark it as a claim."
                            .to_owned(),
                        is_error: false,
                    });
                }
            },
            Action::ToggleWholeDocument => {
                self.is_whole_document = !self.is_whole_document;
                self.scroll_to_section = true;
            }
            Action::SaveForSharing => {
                if let Some(path) = self.dialogs.pick_save_path() {
                    self.capture_view();
                    let texts: Vec<(&str, &str)> = self
                        .study
                        .documents
                        .iter()
                        .map(|d| (d.document.id.as_str(), d.document.text.as_str()))
                        .collect();
                    self.notice = Some(
                        match crate::core::workspace::save_for_sharing(
                            &path,
                            &self.workspace,
                            &texts,
                        ) {
                            Ok(missing) if missing.is_empty() => Notice {
                                text: format!(
                                    "Saved for sharing to {}: the documents are inside.",
                                    path.display()
                                ),
                                is_error: false,
                            },
                            Ok(missing) => Notice {
                                text: format!(
                                    "Saved to {}, but {} document(s) were not open and are not inside.",
                                    path.display(),
                                    missing.len()
                                ),
                                is_error: true,
                            },
                            Err(err) => Notice {
                                text: format!("Could not save for sharing: {err}"),
                                is_error: true,
                            },
                        },
                    );
                }
            }
            Action::ExtractDocuments => {
                if let Some(folder) = self.dialogs.pick_folder() {
                    self.notice = Some(match crate::core::workspace::extract_embedded(&self.workspace, &folder) {
                        Ok(written) if written.is_empty() => Notice {
                            text: "This study has no documents inside it (only studies saved for sharing do).".to_owned(),
                            is_error: true,
                        },
                        Ok(written) => Notice {
                            text: format!("Wrote {} document(s) to {}.", written.len(), folder.display()),
                            is_error: false,
                        },
                        Err(err) => Notice { text: format!("Could not extract the documents: {err}"), is_error: true },
                    });
                }
            }
            Action::ToggleOutline => self.is_outline_shown = !self.is_outline_shown,
            Action::Export => self.export_report(),
            Action::ShowLogFolder => match crate::logging::log_dir() {
                Some(dir) => {
                    let _ = std::fs::create_dir_all(&dir);
                    ctx.open_url(egui::OpenUrl::new_tab(format!("file://{}", dir.display())));
                    self.notice = Some(Notice {
                        text: format!("Lectern's log is in {}", dir.display()),
                        is_error: false,
                    });
                }
                None => {
                    self.notice = Some(Notice {
                        text: "This system has no data folder for a log.".to_owned(),
                        is_error: true,
                    });
                }
            },
            Action::NewStudy => {
                if let Some(job) = self.loading.take() {
                    job.cancel();
                }
                self.study = Study::default();
                self.source = None;
                self.selection = Selection::default();
                self.selected_claim = None;
                self.orphans.clear();
                self.search.invalidate();
                self.reset_workspace();
            }
            Action::OpenWorkspace => {
                if let Some(path) = self.dialogs.pick_workspace() {
                    self.open_workspace_file(path);
                }
            }
            Action::SaveAs => {
                self.save(true);
            }
            Action::Undo => {
                if let Some(previous) = self.history.undo(&self.workspace) {
                    self.workspace = previous;
                    self.refresh_index();
                    self.mark_dirty();
                }
            }
            Action::Redo => {
                if let Some(next) = self.history.redo(&self.workspace) {
                    self.workspace = next;
                    self.refresh_index();
                    self.mark_dirty();
                }
            }
            Action::OpenFolder => {
                if let Some(folder) = self.dialogs.pick_folder() {
                    self.start_loading(Source::Paths(vec![folder]));
                }
            }
            Action::OpenFiles => {
                if let Some(files) = self.dialogs.pick_files() {
                    self.start_loading(Source::Paths(files));
                }
            }
            Action::OpenSamples => self.start_loading(Source::Seeds),
            Action::CancelLoading => {
                if let Some(job) = &self.loading {
                    job.cancel();
                }
            }
            Action::NextSection => self.step_section(1),
            Action::PreviousSection => self.step_section(-1),
            Action::NextClaim => self.step_claim(1),
            Action::PreviousClaim => self.step_claim(-1),
            Action::NextDocument => self.step_document(1),
            Action::PreviousDocument => self.step_document(-1),
            Action::ToggleTheme => {
                let next = if ctx.theme() == egui::Theme::Dark {
                    egui::Theme::Light
                } else {
                    egui::Theme::Dark
                };
                ctx.set_theme(next);
            }
            Action::ZoomIn => egui::gui_zoom::zoom_in(ctx),
            Action::ZoomOut => egui::gui_zoom::zoom_out(ctx),
            Action::ZoomReset => ctx.set_zoom_factor(1.0),
            Action::ShowSkipped => self.show_skipped = true,
            Action::ShowShortcuts => self.show_shortcuts = true,
            Action::FindInDocument => self.search.open(false),
            Action::FindInWorkspace => self.search.open(true),
            Action::FindNext => self.step_search(1),
            Action::FindPrevious => self.step_search(-1),
            Action::CloseSearch => self.search.is_open = false,
            Action::Quit => ctx.send_viewport_cmd(egui::ViewportCommand::Close),
        }
    }

    /// All sections in reading order, as (doc, view), references last in each document.
    fn reading_order(&self) -> Vec<(usize, View)> {
        let mut order = Vec::new();
        for (doc, d) in self.study.documents.iter().enumerate() {
            order.extend((0..d.document.sections.len()).map(|s| (doc, View::Section(s))));
            if !d.document.references.is_empty() {
                order.push((doc, View::References));
            }
        }
        order
    }

    fn step_section(&mut self, delta: isize) {
        let order = self.reading_order();
        let current = (self.selection.doc, self.selection.view);
        let Some(pos) = order.iter().position(|&x| x == current) else {
            return;
        };
        if let Some(&(doc, view)) = pos.checked_add_signed(delta).and_then(|p| order.get(p)) {
            self.go_to(Selection { doc, view });
        }
    }

    /// Moves the claim selection within the sidebar's list (the first claim when none is
    /// selected or the selection is not listed).
    fn step_claim(&mut self, delta: isize) {
        let claims = visible_claims(self.claims(), self.selection, &self.filter);
        let next = match self
            .selected_claim
            .and_then(|c| claims.iter().position(|&x| x == c))
        {
            Some(pos) => pos
                .checked_add_signed(delta)
                .and_then(|p| claims.get(p))
                .copied(),
            None => claims.first().copied(),
        };
        if let Some(r) = next {
            self.select_claim(r);
        }
    }

    fn step_search(&mut self, delta: isize) {
        if !self.search.is_open {
            self.search.open(false);
            return;
        }
        self.search.refresh(&self.study, self.selection.doc);
        if self.search.step(delta).is_some() {
            self.show_current_hit();
        }
    }

    /// Shows the section holding the current search hit.
    fn show_current_hit(&mut self) {
        let Some(hit) = self.search.current.and_then(|i| self.search.hits.get(i)) else {
            return;
        };
        let view = match hit.section {
            Some(section) => View::Section(section),
            None if self.study.documents.get(hit.doc).is_some_and(|d| {
                d.document
                    .references_span
                    .is_some_and(|r| r.start <= hit.span.start)
            }) =>
            {
                View::References
            }
            None => self.selection.view,
        };
        self.selection = Selection { doc: hit.doc, view };
    }

    /// Shows `selection`; in whole-document mode the reader scrolls there.
    fn go_to(&mut self, selection: Selection) {
        self.selection = selection;
        self.scroll_to_section = true;
    }

    fn select_claim(&mut self, key: ClaimKey) {
        if let Some((doc, section, _)) = self.claims().place(key) {
            self.selection = Selection {
                doc,
                view: View::Section(section),
            };
            self.selected_claim = Some(key);
            self.scroll_to_claim = true;
        }
    }

    fn step_document(&mut self, delta: isize) {
        let count = self.study.documents.len();
        if let Some(doc) = self
            .selection
            .doc
            .checked_add_signed(delta)
            .filter(|&d| d < count)
        {
            self.go_to(Selection {
                doc,
                view: View::Section(0),
            });
        }
    }

    /// Changes the person's data through `edit`, with an undo step (one per `coalesce` key run)
    /// and the asterisk in the title. `edit` returns whether anything changed.
    fn edit(
        &mut self,
        coalesce: Option<String>,
        edit: impl FnOnce(&mut Workspace, &Study) -> bool,
    ) {
        if self.loading.is_some() && !self.study.documents.is_empty() {
            // This study is about to be replaced: a change now would be lost with it.
            self.notice = Some(Notice {
                text: "Other documents are opening, so this change was not made. Cancel the opening (Esc) \
                       to keep working here."
                    .to_owned(),
                is_error: true,
            });
            return;
        }
        let before = self.workspace.clone();
        if edit(&mut self.workspace, &self.study) && !self.workspace.user_data_eq(&before) {
            self.history.record(&before, coalesce.as_deref());
            self.refresh_index();
            self.mark_dirty();
        }
    }

    /// Saves to the workspace file (asking where when `ask_path` or never saved); true when saved.
    fn save(&mut self, ask_path: bool) -> bool {
        let path = match (&self.workspace_path, ask_path) {
            (Some(path), false) => path.clone(),
            _ => match self.dialogs.pick_save_path() {
                Some(path) => path,
                None => return false,
            },
        };
        self.capture_view();
        // Only the file this study came from is checked for other programs' edits.
        let expected = self
            .workspace_stamp
            .as_ref()
            .filter(|_| self.workspace_path.as_ref() == Some(&path));
        match save_atomic_checked(&path, &self.workspace, expected) {
            Ok(stamp) => {
                self.notice = Some(Notice {
                    text: format!("Saved to {}", path.display()),
                    is_error: false,
                });
                self.remember_recent(&path);
                self.workspace_path = Some(path);
                self.workspace_stamp = Some(stamp);
                self.mark_saved();
                true
            }
            Err(WorkspaceError::ChangedOnDisk { path, .. }) => {
                self.notice = Some(Notice {
                    text: format!(
                        "Not saved: {} was changed by another program. Your changes are still here.",
                        path.display()
                    ),
                    is_error: true,
                });
                self.save_conflict = Some(path);
                false
            }
            Err(err) => {
                log::error!("saving {} failed: {err}", path.display());
                self.notice = Some(Notice {
                    text: format!("Could not save: {err}. Your changes are still here."),
                    is_error: true,
                });
                false
            }
        }
    }

    fn answer_save_conflict(&mut self, answer: SaveConflictAnswer) {
        let Some(path) = self.save_conflict.take() else {
            return;
        };
        match answer {
            SaveConflictAnswer::Cancel => {}
            SaveConflictAnswer::SaveAs => {
                self.save(true);
            }
            SaveConflictAnswer::Overwrite => {
                self.workspace_stamp = None;
                self.save(false);
            }
            SaveConflictAnswer::Reload => {
                // Ours first goes beside theirs, so reloading loses nothing.
                let mine = mine_path(&path);
                self.capture_view();
                if let Err(err) = save_atomic(&mine, &self.workspace) {
                    self.notice = Some(Notice {
                        text: format!(
                            "Did not reload: your version could not be kept at {}: {err}",
                            mine.display()
                        ),
                        is_error: true,
                    });
                    return;
                }
                self.mark_saved();
                self.open_workspace_file(path);
                self.notice = Some(Notice {
                    text: format!("Reloaded; your version is kept in {}", mine.display()),
                    is_error: false,
                });
            }
        }
    }

    /// Writes a report of the study where the person chooses; the format follows the file's
    /// extension.
    fn export_report(&mut self) {
        use crate::core::report::{ReportFormat, ReportOptions, render_report, report_title_for};
        let Some(path) = self.dialogs.pick_export_path() else {
            return;
        };
        let format = path
            .extension()
            .and_then(|e| ReportFormat::from_extension(&e.to_string_lossy()))
            .unwrap_or(ReportFormat::Html);
        let title = self
            .workspace_path
            .as_deref()
            .map_or_else(|| "Untitled study".to_owned(), report_title_for);
        let options = ReportOptions {
            title,
            generated: None,
        };
        let text = render_report(
            &self.study,
            &self.workspace,
            &self.orphans,
            &options,
            format,
        );
        self.notice = Some(match std::fs::write(&path, text) {
            Ok(()) => Notice {
                text: format!("Exported the report to {}", path.display()),
                is_error: false,
            },
            Err(err) => {
                log::error!("export to {} failed: {err}", path.display());
                Notice {
                    text: format!("Could not export to {}: {err}", path.display()),
                    is_error: true,
                }
            }
        });
    }

    /// Runs `command` now, or first asks to save unsaved changes when it would close the study.
    fn guard_unsaved(&mut self, command: Command) -> bool {
        if self.is_dirty {
            self.unsaved_prompt = Some(AfterPrompt::Run(command));
            return true;
        }
        false
    }

    fn answer_unsaved(&mut self, ctx: &egui::Context, answer: UnsavedAnswer) {
        let Some(after) = self.unsaved_prompt.take() else {
            return;
        };
        let go_on = match answer {
            UnsavedAnswer::Cancel => false,
            UnsavedAnswer::Save => self.save(false),
            UnsavedAnswer::Discard => true,
        };
        if !go_on {
            return;
        }
        // Saved, or the person chose to let these changes go: no recovery for them either.
        self.mark_saved();
        match after {
            AfterPrompt::Quit => {
                self.may_close = true;
                ctx.send_viewport_cmd(egui::ViewportCommand::Close);
            }
            AfterPrompt::Run(command) => self.apply(ctx, command),
        }
    }
}

/// Where "Reload theirs" keeps the person's version: `study.lectern.ron` →
/// `study (your version).lectern.ron`, numbered when that exists.
fn mine_path(path: &std::path::Path) -> std::path::PathBuf {
    let name = path
        .file_name()
        .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
    let stem = name
        .strip_suffix(".lectern.ron")
        .or_else(|| name.strip_suffix(".ron"))
        .unwrap_or(&name)
        .to_owned();
    (1..)
        .map(|n| {
            let label = if n == 1 {
                " (your version)".to_owned()
            } else {
                format!(" (your version {n})")
            };
            path.with_file_name(format!("{stem}{label}.lectern.ron"))
        })
        .find(|p| !p.exists())
        .unwrap_or_else(|| path.with_extension("mine.ron"))
}
