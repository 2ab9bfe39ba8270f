//! Lectern's integration tests: one binary, a module per behaviour, fixtures in `support`.

mod architecture;
mod claims;
mod cli;
mod desktop;
mod export;
mod golden_rules;
mod loading;
mod sections;
mod support;
#[cfg(feature = "gui")]
mod ui;
