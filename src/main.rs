//! Lectern's entry point: parse arguments, then run a headless command or open the window.

// No console window behind the release build on Windows.
#![cfg_attr(all(windows, not(debug_assertions)), windows_subsystem = "windows")]

use clap::Parser;
use lectern::app::Startup;
use lectern::cli::{Cli, check_paths, run};

fn main() {
    let cli = Cli::parse();
    if let Some(command) = cli.command {
        std::process::exit(run(command));
    }
    if let Err(err) = check_paths(&cli.paths) {
        eprintln!("lectern: {err}");
        std::process::exit(1);
    }
    if let Err(err) = lectern::app::run_native(Startup::from_args(cli.paths)) {
        eprintln!("lectern: could not open the window: {err}");
        std::process::exit(1);
    }
}
