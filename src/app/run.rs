//! Starting the native window.

use crate::app::LecternApp;
use crate::app::dialogs::NativeDialogs;
use crate::core::analysis::Source;

/// Opens the Lectern window on `source` and runs until it is closed.
pub fn run_native(source: Source) -> eframe::Result {
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("Lectern")
            .with_app_id("lectern")
            .with_inner_size([1200.0, 780.0])
            .with_min_inner_size([520.0, 360.0])
            .with_drag_and_drop(true),
        ..Default::default()
    };
    eframe::run_native(
        "Lectern",
        options,
        Box::new(move |cc| {
            Ok(Box::new(LecternApp::new(
                &cc.egui_ctx,
                source,
                Box::new(NativeDialogs),
            )))
        }),
    )
}
