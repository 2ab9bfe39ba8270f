//! Lectern's entry point: parse arguments, then run a headless command or open the window.

// No console window behind the release build on Windows.
#![cfg_attr(all(windows, not(debug_assertions)), windows_subsystem = "windows")]

use clap::Parser;
use lectern::cli::{Cli, check_paths, run};
use lectern::core::analysis::Source;

fn main() {
    let cli = Cli::parse();
    if let Some(command) = cli.command {
        std::process::exit(run(command));
    }
    if let Err(err) = check_paths(&cli.paths) {
        eprintln!("lectern: {err}");
        std::process::exit(1);
    }
    let source = if cli.paths.is_empty() {
        Source::Seeds
    } else {
        Source::Paths(cli.paths)
    };
    if let Err(err) = lectern::app::run_native(source) {
        eprintln!("lectern: could not open the window: {err}");
        std::process::exit(1);
    }
}
