//! Lectern's entry point: parse arguments, start logging, then run a headless command or open
//! the window.

// No console window behind the release build on Windows.
#![cfg_attr(all(windows, not(debug_assertions)), windows_subsystem = "windows")]

use clap::Parser;
use lectern::cli::{Cli, check_paths, run};
use lectern::logging::{self, LogGuard, LogSetup};

fn main() {
    let cli = Cli::parse();
    let setup = if cli.command.is_some() {
        LogSetup::for_command(cli.verbose)
    } else {
        LogSetup::for_window(cli.verbose)
    };
    let log = logging::init(&setup).unwrap_or_else(|err| {
        // Lectern works without its log; say so where someone may read it.
        eprintln!("lectern: {err}");
        LogGuard::default()
    });
    let code = match cli.command {
        Some(command) => run(command),
        None => match check_paths(&cli.paths) {
            Ok(()) => open_window(cli.paths),
            Err(err) => {
                eprintln!("lectern: {err}");
                1
            }
        },
    };
    // `exit` skips destructors: flush the log first.
    drop(log);
    std::process::exit(code);
}

#[cfg(feature = "gui")]
fn open_window(paths: Vec<std::path::PathBuf>) -> i32 {
    match lectern::app::run_native(lectern::app::Startup::from_args(paths)) {
        Ok(()) => 0,
        Err(err) => {
            log::error!("could not open the window: {err}");
            eprintln!("lectern: could not open the window: {err}");
            1
        }
    }
}

#[cfg(not(feature = "gui"))]
fn open_window(_paths: Vec<std::path::PathBuf>) -> i32 {
    eprintln!("lectern: built without the window (feature `gui`); use a subcommand, see --help");
    2
}
