//! Lectern's integration tests: one binary, a module per behaviour, fixtures in `support`.

mod adversarial;
mod adversarial_cases;
mod architecture;
mod claims;
mod cli;
mod fuzz_corpus;
mod golden_rules;
mod loading;
mod sections;
mod support;
#[cfg(feature = "gui")]
mod ui;
