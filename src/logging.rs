//! Logging: the `log` facade throughout the crate; [`init`] (called once by `main`) sends it
//! to a rotating file in the platform's data directory ([`log_dir`]) and, with `--verbose`,
//! to stderr.
//!
//! The window logs to the file, because a double-clicked app has no terminal and the file is
//! what a person can attach to a bug report. Each start begins a fresh `lectern_rCURRENT.log`;
//! earlier runs are kept as `lectern_r00000.log`, `lectern_r00001.log`… (at most
//! [`KEPT_LOG_FILES`]; a file is also rotated when it reaches [`MAX_LOG_FILE_BYTES`]).
//! Headless commands log to stderr only, and only with `--verbose`: scripts and tests run many
//! at once, and several processes rotating one file would lose lines.
//! `RUST_LOG` (e.g. `RUST_LOG=debug`) overrides the levels.

use std::path::{Path, PathBuf};

use flexi_logger::writers::FileLogWriter;
use flexi_logger::{
    Cleanup, Criterion, Duplicate, FileSpec, FlexiLoggerError, Logger, LoggerHandle, Naming,
};

/// The log files' name before the rotation infix (`lectern_rCURRENT.log`).
pub const LOG_FILE_BASENAME: &str = "lectern";
/// A log file is rotated when it reaches this size.
pub const MAX_LOG_FILE_BYTES: u64 = 2 * 1024 * 1024;
/// Rotated log files kept besides the current one.
pub const KEPT_LOG_FILES: usize = 4;
/// Levels when `RUST_LOG` is not set: Lectern's own messages from `info`, other crates' from
/// `warn` (the GUI stack is chatty at `info`).
const DEFAULT_LEVELS: &str = "warn, lectern=info";
/// Levels with `--verbose`.
const VERBOSE_LEVELS: &str = "warn, lectern=debug";

/// The folder of the log files: `~/.local/share/lectern/logs` on Linux,
/// `%LOCALAPPDATA%\Lectern\data\logs` on Windows, `~/Library/Application Support/Lectern/logs`
/// on macOS; `None` when the platform names no home folder.
pub fn log_dir() -> Option<PathBuf> {
    directories::ProjectDirs::from("", "", "Lectern").map(|dirs| dirs.data_local_dir().join("logs"))
}

/// The file the running app writes to (inside [`log_dir`]).
pub fn current_log_file() -> Option<PathBuf> {
    log_dir().map(|dir| current_log_file_in(&dir))
}

/// The current log file in `dir`.
pub fn current_log_file_in(dir: &Path) -> PathBuf {
    dir.join(format!("{LOG_FILE_BASENAME}_rCURRENT.log"))
}

/// Where the log goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LogSetup {
    /// Write rotating log files into this folder.
    pub file_dir: Option<PathBuf>,
    /// Also print to stderr.
    pub is_verbose: bool,
    /// Rotate a file at this size.
    pub max_file_bytes: u64,
    /// Rotated files kept.
    pub kept_files: usize,
}

impl LogSetup {
    /// The window's: to the file in [`log_dir`], and to stderr with `--verbose`.
    pub fn for_window(is_verbose: bool) -> Self {
        Self {
            file_dir: log_dir(),
            is_verbose,
            max_file_bytes: MAX_LOG_FILE_BYTES,
            kept_files: KEPT_LOG_FILES,
        }
    }

    /// A headless command's: to stderr with `--verbose`, else nowhere.
    pub fn for_command(is_verbose: bool) -> Self {
        Self {
            file_dir: None,
            ..Self::for_window(is_verbose)
        }
    }
}

/// Keeps the logger running; dropping it flushes and closes the log file.
#[derive(Default)]
pub struct LogGuard {
    handle: Option<LoggerHandle>,
}

impl Drop for LogGuard {
    fn drop(&mut self) {
        if let Some(handle) = &self.handle {
            handle.flush();
        }
    }
}

/// Why logging could not start (the program goes on without it).
#[derive(Debug, thiserror::Error)]
pub enum LogError {
    /// The log folder could not be made.
    #[error("could not create the log folder {path}: {source}")]
    Folder {
        /// The folder.
        path: PathBuf,
        /// What went wrong.
        source: std::io::Error,
    },
    /// The logger refused to start (another one is installed, or the file cannot be opened).
    #[error("could not start logging: {0}")]
    Logger(#[from] FlexiLoggerError),
}

/// Starts logging as `setup` says; keep the guard until the program ends.
pub fn init(setup: &LogSetup) -> Result<LogGuard, LogError> {
    let levels = if setup.is_verbose {
        VERBOSE_LEVELS
    } else {
        DEFAULT_LEVELS
    };
    let logger = Logger::try_with_env_or_str(levels)?;
    let logger = match &setup.file_dir {
        Some(dir) => {
            std::fs::create_dir_all(dir).map_err(|source| LogError::Folder {
                path: dir.clone(),
                source,
            })?;
            let writer = rotating_file_writer(dir, setup.max_file_bytes, setup.kept_files)?;
            let duplicate = if setup.is_verbose {
                Duplicate::All
            } else {
                Duplicate::None
            };
            logger
                .log_to_writer(Box::new(writer))
                .duplicate_to_stderr(duplicate)
                .format_for_stderr(flexi_logger::default_format)
        }
        None if setup.is_verbose => logger
            .log_to_stderr()
            .format_for_stderr(flexi_logger::default_format),
        // Nothing asked for: no logger, `log` calls cost a level check.
        None => return Ok(LogGuard::default()),
    };
    let handle = logger.start()?;
    if let Some(dir) = &setup.file_dir {
        log::info!(
            "Lectern {} started; log in {}",
            env!("CARGO_PKG_VERSION"),
            dir.display()
        );
    }
    Ok(LogGuard {
        handle: Some(handle),
    })
}

/// The file writer: `lectern_rCURRENT.log` in `dir`, the previous run's file rotated away at
/// start, rotated again at `max_file_bytes`, `kept_files` rotated files kept.
pub fn rotating_file_writer(
    dir: &Path,
    max_file_bytes: u64,
    kept_files: usize,
) -> Result<FileLogWriter, FlexiLoggerError> {
    FileLogWriter::builder(
        FileSpec::default()
            .directory(dir)
            .basename(LOG_FILE_BASENAME)
            .suppress_timestamp(),
    )
    .rotate(
        Criterion::Size(max_file_bytes),
        Naming::Numbers,
        Cleanup::KeepLogFiles(kept_files),
    )
    // Cleaning up in the caller's thread keeps the number of files exact when it returns.
    .cleanup_in_background_thread(false)
    .format(flexi_logger::detailed_format)
    .try_build()
}

#[cfg(test)]
mod tests {
    use flexi_logger::DeferredNow;
    use flexi_logger::writers::LogWriter;

    use super::*;

    fn write_lines(writer: &FileLogWriter, count: usize) {
        for n in 0..count {
            let args = format_args!("line {n}: a message long enough to fill the file quickly");
            let record = log::Record::builder()
                .args(args)
                .level(log::Level::Info)
                .target("lectern::test")
                .build();
            writer.write(&mut DeferredNow::new(), &record).unwrap();
        }
        writer.flush().unwrap();
    }

    fn log_files(dir: &Path) -> Vec<(String, u64)> {
        let mut files: Vec<(String, u64)> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| {
                let e = e.unwrap();
                (
                    e.file_name().to_string_lossy().into_owned(),
                    e.metadata().unwrap().len(),
                )
            })
            .collect();
        files.sort();
        files
    }

    #[test]
    fn log_files_rotate_at_their_size_and_only_a_few_are_kept() {
        let dir = tempfile::tempdir().unwrap();
        let max_bytes = 2_000;
        let writer = rotating_file_writer(dir.path(), max_bytes, 2).unwrap();
        write_lines(&writer, 300);
        let files = log_files(dir.path());
        assert_eq!(files.len(), 3, "current + 2 kept: {files:?}");
        assert!(current_log_file_in(dir.path()).exists(), "{files:?}");
        // A file is rotated after the line that crosses the limit.
        assert!(
            files.iter().all(|(_, len)| *len < max_bytes + 200),
            "{files:?}"
        );
        let current = std::fs::read_to_string(current_log_file_in(dir.path())).unwrap();
        assert!(
            current.contains("line 299"),
            "the newest line is in the current file"
        );
        assert!(current.contains("INFO"), "{current}");
        writer.shutdown();

        // The next start rotates the previous run's file away: a fresh file per run.
        let writer = rotating_file_writer(dir.path(), max_bytes, 2).unwrap();
        write_lines(&writer, 1);
        let current = std::fs::read_to_string(current_log_file_in(dir.path())).unwrap();
        assert!(current.contains("line 0") && !current.contains("line 299"));
        assert_eq!(log_files(dir.path()).len(), 3);
    }

    #[test]
    fn the_log_folder_is_in_the_platforms_data_folder() {
        if let Some(dir) = log_dir() {
            assert!(dir.ends_with("logs"));
            assert!(dir.to_string_lossy().to_lowercase().contains("lectern"));
        }
    }
}
