//! The study engine: documents, sections, sentences, claims, relations.
//!
//! Nothing here draws or opens dialogs: `src/core` never imports egui, eframe or rfd, so the
//! GUI, the command line and the tests share one engine. Start at [`analysis::open_study`].

pub mod analysis;
mod chars;
pub mod claims;
pub mod contract;
pub mod decode;
pub mod document;
pub mod extract;
pub mod history;
#[doc(hidden)]
pub mod invariants;
pub mod load;
pub mod recent;
pub mod relations;
pub mod report;
pub mod search;
pub mod seeds;
pub mod selection;
pub mod sentences;
pub mod structure;
mod swar;
#[cfg(test)]
mod test_text;
pub mod workspace;
