//! Lectern's integration tests: one binary, a module per behaviour, fixtures in `support`.

mod adversarial;
mod adversarial_cases;
mod architecture;
mod claims;
mod cli;
#[cfg(feature = "gui")]
mod conflict;
mod desktop;
mod export;
mod fuzz_corpus;
mod golden_rules;
mod loading;
#[cfg(feature = "gui")]
mod reader;
mod sections;
mod support;
#[cfg(feature = "gui")]
mod ui;
