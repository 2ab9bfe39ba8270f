//! Bottom bar: loading progress (with Cancel), study counts, skipped files, notices.

use crate::app::loading::LoadingJob;
use crate::app::{Action, Command, Notice};
use crate::core::analysis::Study;

/// Draws the status bar.
pub fn status_bar_ui(
    ui: &mut egui::Ui,
    study: &Study,
    loading: Option<&LoadingJob>,
    notice: Option<&Notice>,
    commands: &mut Vec<Command>,
) {
    ui.horizontal(|ui| {
        if let Some(job) = loading {
            let progress = &job.progress;
            let total = progress.total.load(std::sync::atomic::Ordering::Relaxed);
            let done = progress.done.load(std::sync::atomic::Ordering::Relaxed);
            let text = if total > 0 {
                format!("{} — {done} / {total}", progress.stage().label())
            } else {
                format!("{}…", progress.stage().label())
            };
            ui.add(
                egui::ProgressBar::new(progress.fraction())
                    .desired_width(280.0)
                    .text(text)
                    .animate(true),
            );
            let label = if job.is_cancelling() {
                "Cancelling…"
            } else {
                Action::CancelLoading.label()
            };
            if ui
                .add_enabled(!job.is_cancelling(), egui::Button::new(label))
                .on_hover_text(Action::CancelLoading.tooltip())
                .clicked()
            {
                commands.push(Action::CancelLoading.into());
            }
            ui.separator();
        }
        ui.label(format!(
            "{} documents · {} sections · {} claims · {} relations",
            study.documents.len(),
            study.section_count(),
            study.claim_count(),
            study.relations.len()
        ));
        if !study.skipped.is_empty() {
            ui.separator();
            let text = format!("{} skipped", study.skipped.len());
            if ui
                .link(text)
                .on_hover_text(Action::ShowSkipped.tooltip())
                .clicked()
            {
                commands.push(Action::ShowSkipped.into());
            }
        }
        if let Some(notice) = notice {
            ui.separator();
            if notice.is_error {
                ui.colored_label(ui.visuals().error_fg_color, &notice.text);
            } else {
                ui.label(&notice.text);
            }
        }
    });
}
