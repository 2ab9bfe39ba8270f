//! One shape for the app's questions ("Save your changes?", "Read documents outside…?",
//! "Recover unsaved work?"): a modal with a title, an explanation, optional details and a row
//! of answers.

/// Shows a modal question; returns the answer clicked this frame, if any. Closing the modal
/// (Escape or a click outside) answers `dismissed`, when given.
pub fn question_ui<T: Copy>(
    ctx: &egui::Context,
    id: &str,
    title: &str,
    text: &str,
    details_ui: impl FnOnce(&mut egui::Ui),
    answers: &[(&str, T)],
    dismissed: Option<T>,
) -> Option<T> {
    let mut answer = None;
    let response = egui::Modal::new(egui::Id::unique(id)).show(ctx, |ui| {
        ui.set_max_width(440.0);
        ui.heading(title);
        ui.label(text);
        details_ui(ui);
        ui.add_space(8.0);
        ui.horizontal(|ui| {
            for (label, value) in answers {
                if ui.button(*label).clicked() {
                    answer = Some(*value);
                }
            }
        });
    });
    if answer.is_none() && response.should_close() {
        return dismissed;
    }
    answer
}
