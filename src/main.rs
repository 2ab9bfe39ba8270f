//! Lectern's entry point: parse arguments, then run a headless command or open the window.

// No console window behind the release build on Windows.
#![cfg_attr(all(windows, not(debug_assertions)), windows_subsystem = "windows")]

use clap::Parser;
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
    open_window(cli.paths);
}

#[cfg(feature = "gui")]
fn open_window(paths: Vec<std::path::PathBuf>) {
    if let Err(err) = lectern::app::run_native(lectern::app::Startup::from_args(paths)) {
        eprintln!("lectern: could not open the window: {err}");
        std::process::exit(1);
    }
}

#[cfg(not(feature = "gui"))]
fn open_window(_paths: Vec<std::path::PathBuf>) {
    eprintln!("lectern: built without the window (feature `gui`); use a subcommand, see --help");
    std::process::exit(2);
}
