//! Lectern: a desktop study app. Open a folder of documents, read them section by section,
//! judge the factual claims found in them, keep notes.
//!
//! - [`core`] is the study engine (no GUI): loading, structure, sentences, claims, relations.
//! - [`app`] is the eframe/egui desktop app.
//! - [`cli`] is the headless command line over the same engine.
//! - [`desktop`] registers the app with Linux desktops (launcher, icon, workspace MIME type).
//! - [`logging`] sends the `log` facade to a rotating file and, with `--verbose`, to stderr.

#[cfg(feature = "gui")]
pub mod app;
pub mod cli;
pub mod core;
pub mod desktop;
pub mod logging;
