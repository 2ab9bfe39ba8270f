//! Reading and writing workspace files: limits, clear errors, atomic saves with backups.
//!
//! [`open_workspace`] refuses files over [`MAX_WORKSPACE_FILE_BYTES`] before reading them,
//! reads the `version` first (a newer file is refused by name, version 0 is migrated), parses
//! with a nesting limit, and checks every note and embedded text against its limit. Every
//! failure is a [`WorkspaceError`] that says what is wrong and, for bad RON, where.
//!
//! [`save_atomic`] writes a temporary file in the same folder, syncs it, rotates the backups
//! (`.bak1` newest … `.bak3`), renames the temporary file over the target and syncs the folder:
//! a crash at any point leaves the old file or the new one. [`save_atomic_with`] is the same
//! with a hook that can fail any step, for tests. A failed write names the file and what went
//! wrong in the person's words ("the disk is full"), and leaves the previous file as it was.
//!
//! [`open_workspace_stamped`] also returns a [`FileStamp`] (size, time, content hash) of the
//! bytes it read; [`save_atomic_checked`] refuses with [`WorkspaceError::ChangedOnDisk`] when
//! the file no longer matches it (another program edited it), so the app can offer to
//! overwrite, save elsewhere or reload. [`write_recovery`] / [`read_recovery`] keep an
//! autosave with absolute document paths; [`save_for_sharing`] embeds the documents' texts.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{SystemTime, UNIX_EPOCH};

use serde::Deserialize;

use crate::core::document::content_hash;
use crate::core::workspace::anchor::MAX_QUOTE_BYTES;
use crate::core::workspace::migrate::{WorkspaceV0, migrate_v0};
use crate::core::workspace::model::{CURRENT_VERSION, Workspace};
use crate::core::workspace::paths::{absolute_document_path, stored_document_path};
use crate::core::workspace::{
    BACKUP_COUNT, MAX_CONTEXT_BYTES, MAX_EMBEDDED_DOCUMENT_BYTES, MAX_EMBEDDED_TOTAL_BYTES,
    MAX_NESTING_DEPTH, MAX_NOTE_BYTES, MAX_NOTEBOOK_BYTES, MAX_TAG_BYTES, MAX_WORKSPACE_FILE_BYTES,
};

/// Why a workspace could not be opened or saved.
#[derive(Debug, thiserror::Error)]
pub enum WorkspaceError {
    /// Reading failed.
    #[error("could not read {}: {source}", path.display())]
    Read {
        /// The file.
        path: PathBuf,
        /// The system's reason.
        #[source]
        source: io::Error,
    },
    /// Writing failed (the previous file is intact).
    #[error("could not write {}: {}", path.display(), describe_write_error(source))]
    Write {
        /// The file.
        path: PathBuf,
        /// The system's reason.
        #[source]
        source: io::Error,
    },
    /// The file is larger than any workspace Lectern writes.
    #[error(
        "{} is {len_bytes} bytes; Lectern opens workspace files up to {limit_bytes} bytes",
        path.display()
    )]
    FileTooLarge {
        /// The file.
        path: PathBuf,
        /// Its size.
        len_bytes: u64,
        /// The limit.
        limit_bytes: u64,
    },
    /// The file is not UTF-8 text.
    #[error("the workspace file is not UTF-8 text (invalid byte at offset {byte_offset})")]
    NotUtf8 {
        /// First invalid byte.
        byte_offset: usize,
    },
    /// Bad RON syntax or a value of the wrong shape.
    #[error("the workspace file is malformed at line {line}, column {column}: {message}")]
    Malformed {
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
        /// What the parser expected.
        message: String,
    },
    /// Nested deeper than [`MAX_NESTING_DEPTH`] (a workspace never is; the file is crafted or
    /// damaged).
    #[error(
        "the workspace file nests values deeper than {limit_levels} levels at line {line}, column {column}"
    )]
    TooDeeplyNested {
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
        /// The limit.
        limit_levels: usize,
    },
    /// Written by a newer Lectern.
    #[error(
        "This workspace was made by a newer Lectern (version {version}); this one reads up to version {current}",
        current = CURRENT_VERSION
    )]
    FutureVersion {
        /// The file's version.
        version: u64,
    },
    /// A note, tag, quote or embedded text over its limit (refused, never cut).
    #[error("{what} is {len_bytes} bytes; the limit is {limit_bytes}")]
    TooLong {
        /// Which value ("the note on claim #3", …).
        what: String,
        /// Its length.
        len_bytes: usize,
        /// The limit.
        limit_bytes: usize,
    },
    /// Two entries with the same key.
    #[error("the workspace file is inconsistent: {0}")]
    Inconsistent(String),
    /// The workspace could not be turned into RON.
    #[error("could not write the workspace as RON: {0}")]
    Serialize(String),
    /// The path has no file name.
    #[error("{} is not a file path", path.display())]
    NotAFilePath {
        /// The path.
        path: PathBuf,
    },
    /// Another program changed the file since Lectern opened or saved it: saving now would
    /// overwrite its changes, so nothing was written.
    #[error(
        "{} was changed by another program since it was opened; nothing was written",
        path.display()
    )]
    ChangedOnDisk {
        /// The file.
        path: PathBuf,
        /// What the file is now (`None`: it could not be read).
        now: Option<FileStamp>,
    },
}

/// The system's reason for a failed write, with what it means for the person first.
fn describe_write_error(error: &io::Error) -> String {
    let meaning = match error.kind() {
        io::ErrorKind::StorageFull => "the disk is full",
        io::ErrorKind::QuotaExceeded => "the disk quota is used up",
        io::ErrorKind::ReadOnlyFilesystem => "the disk is read-only",
        io::ErrorKind::PermissionDenied => "no permission to write there",
        io::ErrorKind::NotADirectory => "a part of the path is a file, not a folder",
        io::ErrorKind::NotFound => "the folder does not exist",
        io::ErrorKind::FileTooLarge => "the file is too large for this disk",
        _ => return error.to_string(),
    };
    format!("{meaning} ({error})")
}

/// What a workspace file held when Lectern last read or wrote it: tells whether another
/// program changed it since.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileStamp {
    /// Its size.
    pub len_bytes: u64,
    /// Its modification time, where the system keeps one.
    pub modified: Option<SystemTime>,
    /// BLAKE3 hash of its bytes (hex, as [`content_hash`] gives it).
    pub content_hash: String,
}

impl FileStamp {
    /// The stamp of `bytes` as a file modified at `modified`.
    pub fn of_bytes(bytes: &[u8], modified: Option<SystemTime>) -> Self {
        Self {
            len_bytes: bytes.len() as u64,
            modified,
            content_hash: content_hash(bytes),
        }
    }

    /// The stamp of the file at `path` now; `None` when there is no such file.
    pub fn read(path: &Path) -> Result<Option<Self>, WorkspaceError> {
        match File::open(path) {
            Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(None),
            Err(source) => Err(WorkspaceError::Read {
                path: path.to_owned(),
                source,
            }),
            Ok(file) => read_stamped(path, file).map(|(_, stamp)| Some(stamp)),
        }
    }

    /// Whether two stamps name the same content (the time alone never decides: a file that
    /// was touched but not changed is the same file).
    pub fn is_same_content(&self, other: &Self) -> bool {
        self.len_bytes == other.len_bytes && self.content_hash == other.content_hash
    }
}

/// A point in [`save_atomic_with`] where a test hook may fail the save.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SaveStep {
    /// About to write more bytes to the temporary file.
    Writing {
        /// Bytes written so far.
        written_bytes: usize,
    },
    /// The temporary file is complete and synced.
    TempSynced,
    /// Backups rotated; the target still holds the old content.
    BackupsRotated,
    /// The temporary file replaced the target.
    Replaced,
}

/// Only the version, read before the rest so a newer file is refused by name (unknown fields
/// are skipped; the rename accepts files that spell the struct name).
#[derive(Deserialize)]
#[serde(rename = "Workspace")]
struct Header {
    #[serde(default)]
    version: u64,
}

fn ron_options() -> ron::Options {
    ron::Options::default().with_recursion_limit(MAX_NESTING_DEPTH)
}

fn ron_error(error: ron::error::SpannedError) -> WorkspaceError {
    let line = error.span.start.line;
    let column = error.span.start.col;
    match error.code {
        ron::Error::ExceededRecursionLimit => WorkspaceError::TooDeeplyNested {
            line,
            column,
            limit_levels: MAX_NESTING_DEPTH,
        },
        code => WorkspaceError::Malformed {
            line,
            column,
            message: code.to_string(),
        },
    }
}

/// The number after a `version:` that comes before any string, for files too new to parse.
fn scan_version(text: &str) -> Option<u64> {
    let head = text.get(..text.len().min(64 * 1024)).unwrap_or(text);
    let at = head.find("version")?;
    if head.get(..at)?.contains('"') {
        return None;
    }
    let after = at + "version".len();
    let rest = head.get(after..)?.trim_start();
    let digits = rest.strip_prefix(':')?.trim_start();
    let end = digits
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(digits.len());
    digits.get(..end)?.parse().ok()
}

/// Parses a workspace from RON text: version check, migration, limits (no base folder set).
pub fn parse_workspace(text: &str) -> Result<Workspace, WorkspaceError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let options = ron_options();
    let version = match options.from_str::<Header>(text) {
        Ok(header) => header.version,
        Err(error) => {
            if let Some(version) = scan_version(text).filter(|v| *v > u64::from(CURRENT_VERSION)) {
                return Err(WorkspaceError::FutureVersion { version });
            }
            return Err(ron_error(error));
        }
    };
    if version > u64::from(CURRENT_VERSION) {
        return Err(WorkspaceError::FutureVersion { version });
    }
    let mut workspace = if version == 0 {
        migrate_v0(options.from_str::<WorkspaceV0>(text).map_err(ron_error)?)
    } else {
        options.from_str::<Workspace>(text).map_err(ron_error)?
    };
    workspace.version = CURRENT_VERSION;
    check_limits(&workspace)?;
    workspace.normalize();
    Ok(workspace)
}

/// Opens a workspace file; document paths stay as stored, relative to its folder
/// (see [`resolve_document_paths`](crate::core::workspace::resolve_document_paths)).
pub fn open_workspace(path: &Path) -> Result<Workspace, WorkspaceError> {
    open_workspace_stamped(path).map(|(workspace, _)| workspace)
}

/// [`open_workspace`], with the stamp of the bytes it read: keep it and pass it to
/// [`save_atomic_checked`] so a change by another program is noticed before it is overwritten.
pub fn open_workspace_stamped(path: &Path) -> Result<(Workspace, FileStamp), WorkspaceError> {
    let (text, stamp) = read_limited(path)?;
    let mut workspace = parse_workspace(&text)?;
    workspace.base_dir = Some(folder_of(path)?);
    Ok((workspace, stamp))
}

fn read_limited(path: &Path) -> Result<(String, FileStamp), WorkspaceError> {
    let file = File::open(path).map_err(|source| WorkspaceError::Read {
        path: path.to_owned(),
        source,
    })?;
    let (bytes, stamp) = read_stamped(path, file)?;
    let text = String::from_utf8(bytes).map_err(|e| WorkspaceError::NotUtf8 {
        byte_offset: e.utf8_error().valid_up_to(),
    })?;
    Ok((text, stamp))
}

/// Reads an open file, refusing it before reading when it is over the size limit.
fn read_stamped(path: &Path, file: File) -> Result<(Vec<u8>, FileStamp), WorkspaceError> {
    let read_error = |source| WorkspaceError::Read {
        path: path.to_owned(),
        source,
    };
    let too_large = |len_bytes| WorkspaceError::FileTooLarge {
        path: path.to_owned(),
        len_bytes,
        limit_bytes: MAX_WORKSPACE_FILE_BYTES,
    };
    let meta = file.metadata().map_err(read_error)?;
    let len_bytes = meta.len();
    if len_bytes > MAX_WORKSPACE_FILE_BYTES {
        return Err(too_large(len_bytes));
    }
    // The file may grow between the size check and the read: never read past the limit.
    let mut bytes = Vec::with_capacity(usize::try_from(len_bytes).unwrap_or(0));
    file.take(MAX_WORKSPACE_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(read_error)?;
    if bytes.len() as u64 > MAX_WORKSPACE_FILE_BYTES {
        return Err(too_large(bytes.len() as u64));
    }
    let stamp = FileStamp::of_bytes(&bytes, meta.modified().ok());
    Ok((bytes, stamp))
}

/// Refuses any note, tag, quote or embedded text over its limit, and duplicate keys.
pub fn check_limits(workspace: &Workspace) -> Result<(), WorkspaceError> {
    fn limit(
        what: impl FnOnce() -> String,
        text: &str,
        limit_bytes: usize,
    ) -> Result<(), WorkspaceError> {
        if text.len() > limit_bytes {
            return Err(WorkspaceError::TooLong {
                what: what(),
                len_bytes: text.len(),
                limit_bytes,
            });
        }
        Ok(())
    }
    limit(
        || "the notebook".to_owned(),
        &workspace.notebook,
        MAX_NOTEBOOK_BYTES,
    )?;
    let mut embedded_total = 0usize;
    for doc in &workspace.documents {
        let name = || {
            if doc.title.is_empty() {
                doc.id.clone()
            } else {
                doc.title.clone()
            }
        };
        limit(
            || format!("the note on document \"{}\"", name()),
            &doc.note,
            MAX_NOTE_BYTES,
        )?;
        if let Some(text) = &doc.embedded_text {
            limit(
                || format!("the embedded text of \"{}\"", name()),
                text,
                MAX_EMBEDDED_DOCUMENT_BYTES,
            )?;
            embedded_total = embedded_total.saturating_add(text.len());
        }
    }
    if embedded_total > MAX_EMBEDDED_TOTAL_BYTES {
        return Err(WorkspaceError::TooLong {
            what: "the embedded texts together".to_owned(),
            len_bytes: embedded_total,
            limit_bytes: MAX_EMBEDDED_TOTAL_BYTES,
        });
    }
    for claim in &workspace.claims {
        let id = claim.id;
        limit(
            || format!("the note on claim {id}"),
            &claim.note,
            MAX_NOTE_BYTES,
        )?;
        limit(
            || format!("the quote of claim {id}"),
            &claim.anchor.quote,
            MAX_QUOTE_BYTES,
        )?;
        limit(
            || format!("the context of claim {id}"),
            &claim.anchor.prefix,
            MAX_CONTEXT_BYTES,
        )?;
        limit(
            || format!("the context of claim {id}"),
            &claim.anchor.suffix,
            MAX_CONTEXT_BYTES,
        )?;
        for tag in &claim.tags {
            limit(|| format!("a tag on claim {id}"), tag, MAX_TAG_BYTES)?;
        }
    }
    for note in &workspace.section_notes {
        limit(
            || format!("the note on section \"{}\"", note.section_path.join(" › ")),
            &note.note,
            MAX_NOTE_BYTES,
        )?;
    }
    check_unique(workspace.documents.iter().map(|d| &d.id), "document")?;
    check_unique(
        workspace.claims.iter().map(|c| c.id.to_string()),
        "claim item",
    )?;
    check_unique(
        workspace
            .section_notes
            .iter()
            .map(|n| format!("{} › {}", n.document_id, n.section_path.join(" › "))),
        "section note",
    )?;
    Ok(())
}

fn check_unique<T: Ord + std::fmt::Display>(
    keys: impl Iterator<Item = T>,
    what: &str,
) -> Result<(), WorkspaceError> {
    let mut seen = std::collections::BTreeSet::new();
    for key in keys {
        if seen.contains(&key) {
            return Err(WorkspaceError::Inconsistent(format!(
                "{what} {key} appears twice"
            )));
        }
        seen.insert(key);
    }
    Ok(())
}

/// How document paths are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum PathStyle {
    /// Relative to this folder where the document lies inside it, else absolute.
    RelativeTo,
    /// Absolute (recovery files live anywhere).
    Absolute,
}

/// The RON text of a workspace: sorted, limits checked, pretty, stable field order.
pub fn workspace_to_ron(workspace: &Workspace) -> Result<String, WorkspaceError> {
    let mut workspace = workspace.clone();
    workspace.version = CURRENT_VERSION;
    workspace.normalize();
    check_limits(&workspace)?;
    let config = ron::ser::PrettyConfig::new()
        .struct_names(false)
        .escape_strings(true);
    let mut text = ron_options()
        .to_string_pretty(&workspace, config)
        .map_err(|e| WorkspaceError::Serialize(e.to_string()))?;
    text.push('\n');
    Ok(text)
}

fn serialize_for(
    workspace: &Workspace,
    folder: &Path,
    style: PathStyle,
) -> Result<String, WorkspaceError> {
    let mut copy = workspace.clone();
    let base = workspace.base_dir.as_deref();
    for doc in &mut copy.documents {
        doc.path = match style {
            PathStyle::RelativeTo => stored_document_path(&doc.path, base, folder),
            PathStyle::Absolute => absolute_document_path(&doc.path, base),
        };
    }
    workspace_to_ron(&copy)
}

fn folder_of(path: &Path) -> Result<PathBuf, WorkspaceError> {
    let not_a_file = || WorkspaceError::NotAFilePath {
        path: path.to_owned(),
    };
    if path.file_name().is_none() {
        return Err(not_a_file());
    }
    let absolute = std::path::absolute(path).map_err(|_| not_a_file())?;
    absolute
        .parent()
        .map(Path::to_path_buf)
        .ok_or_else(not_a_file)
}

/// Saves a workspace atomically, keeping the previous versions as `.bak1` … `.bak3`.
pub fn save_atomic(path: &Path, workspace: &Workspace) -> Result<(), WorkspaceError> {
    save_atomic_with(path, workspace, &mut |_| Ok(())).map(|_| ())
}

/// [`save_atomic`], unless another program changed the file since `expected` (the stamp of
/// the last open or save): then [`WorkspaceError::ChangedOnDisk`] and nothing is written.
/// `None` saves whatever is there (a first save, "Save as", or the person chose to
/// overwrite); a file removed since is written again. Returns the stamp of what was written.
///
/// The check reads the file just before the save; a program writing in the few milliseconds
/// between the check and the rename is not noticed (no file system offers more without locks
/// that other editors ignore).
pub fn save_atomic_checked(
    path: &Path,
    workspace: &Workspace,
    expected: Option<&FileStamp>,
) -> Result<FileStamp, WorkspaceError> {
    save_checked_with(path, workspace, expected, &mut |_| Ok(()))
}

/// [`save_atomic`] with a hook called at every [`SaveStep`]; an error from the hook aborts the
/// save there (fault injection for tests). Returns the stamp of what was written.
pub fn save_atomic_with(
    path: &Path,
    workspace: &Workspace,
    hook: &mut dyn FnMut(SaveStep) -> io::Result<()>,
) -> Result<FileStamp, WorkspaceError> {
    save_checked_with(path, workspace, None, hook)
}

/// [`save_atomic_checked`] with a fault-injection hook.
pub fn save_checked_with(
    path: &Path,
    workspace: &Workspace,
    expected: Option<&FileStamp>,
    hook: &mut dyn FnMut(SaveStep) -> io::Result<()>,
) -> Result<FileStamp, WorkspaceError> {
    let folder = folder_of(path)?;
    let text = serialize_for(workspace, &folder, PathStyle::RelativeTo)?;
    if let Some(expected) = expected {
        let now = FileStamp::read(path);
        let is_unchanged = match &now {
            Ok(None) => true,
            Ok(Some(now)) => now.is_same_content(expected),
            Err(_) => false,
        };
        if !is_unchanged {
            return Err(WorkspaceError::ChangedOnDisk {
                path: path.to_owned(),
                now: now.ok().flatten(),
            });
        }
    }
    write_file_atomic(path, text.as_bytes(), BACKUP_COUNT, hook)
}

/// Embeds the given documents' texts (id, normalised text) and saves, so the recipient needs
/// nothing else. Returns the ids of documents left without an embedded text, sorted.
pub fn save_for_sharing(
    path: &Path,
    workspace: &Workspace,
    texts: &[(&str, &str)],
) -> Result<Vec<String>, WorkspaceError> {
    let mut shared = workspace.clone();
    let mut without_text = Vec::new();
    for doc in &mut shared.documents {
        match texts.iter().find(|(id, _)| *id == doc.id) {
            Some((_, text)) => doc.embedded_text = Some((*text).to_owned()),
            None if doc.embedded_text.is_none() => without_text.push(doc.id.clone()),
            None => {}
        }
    }
    // check_limits (inside the save) refuses a text over its limit by name.
    save_atomic(path, &shared)?;
    without_text.sort();
    Ok(without_text)
}

/// Writes an autosave recovery file (atomically, no backups, absolute document paths).
pub fn write_recovery(path: &Path, workspace: &Workspace) -> Result<(), WorkspaceError> {
    let folder = folder_of(path)?;
    let text = serialize_for(workspace, &folder, PathStyle::Absolute)?;
    write_file_atomic(path, text.as_bytes(), 0, &mut |_| Ok(())).map(|_| ())
}

/// Reads a recovery file; `None` when there is none.
pub fn read_recovery(path: &Path) -> Result<Option<Workspace>, WorkspaceError> {
    match fs::symlink_metadata(path) {
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
        Err(source) => {
            return Err(WorkspaceError::Read {
                path: path.to_owned(),
                source,
            });
        }
        Ok(_) => {}
    }
    let (text, _) = read_limited(path)?;
    parse_workspace(&text).map(Some)
}

/// The path of backup `n` (1 = newest) of a workspace file.
pub fn backup_path(path: &Path, n: usize) -> PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(format!(".bak{n}"));
    path.with_file_name(name)
}

/// Removes the temporary file unless the save got as far as renaming it.
struct TempGuard {
    path: PathBuf,
    is_armed: bool,
}

impl Drop for TempGuard {
    fn drop(&mut self) {
        if self.is_armed {
            let _ = fs::remove_file(&self.path);
        }
    }
}

static TEMP_COUNTER: AtomicU64 = AtomicU64::new(0);

fn create_temp_file(folder: &Path, name: &str) -> io::Result<(File, TempGuard)> {
    let nanos = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.subsec_nanos());
    for _ in 0..100 {
        let counter = TEMP_COUNTER.fetch_add(1, Ordering::Relaxed);
        let temp = folder.join(format!(
            ".{name}.{}-{nanos:x}-{counter}.tmp",
            std::process::id()
        ));
        let mut options = OpenOptions::new();
        options.write(true).create_new(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt;
            options.mode(0o666);
        }
        match options.open(&temp) {
            Ok(file) => {
                return Ok((
                    file,
                    TempGuard {
                        path: temp,
                        is_armed: true,
                    },
                ));
            }
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {}
            Err(e) => return Err(e),
        }
    }
    Err(io::Error::new(
        io::ErrorKind::AlreadyExists,
        "could not create a temporary file",
    ))
}

/// Writes `bytes` to `path` so that `path` always holds either its old or its new content.
fn write_file_atomic(
    path: &Path,
    bytes: &[u8],
    backups: usize,
    hook: &mut dyn FnMut(SaveStep) -> io::Result<()>,
) -> Result<FileStamp, WorkspaceError> {
    // Saving through a symlink updates the file it points to, not the link.
    let target = match fs::symlink_metadata(path) {
        Ok(meta) if meta.file_type().is_symlink() => {
            fs::canonicalize(path).unwrap_or_else(|_| path.to_owned())
        }
        _ => path.to_owned(),
    };
    let folder = folder_of(&target)?;
    let write_error = |source| WorkspaceError::Write {
        path: target.clone(),
        source,
    };
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let (mut file, mut guard) = create_temp_file(&folder, &name).map_err(write_error)?;
    let mut written = 0usize;
    for chunk in bytes.chunks(8 * 1024) {
        hook(SaveStep::Writing {
            written_bytes: written,
        })
        .map_err(write_error)?;
        file.write_all(chunk).map_err(write_error)?;
        written += chunk.len();
    }
    file.sync_all().map_err(write_error)?;
    // The rename keeps the time, so this is the stamp the target will have.
    let stamp = FileStamp::of_bytes(bytes, file.metadata().and_then(|m| m.modified()).ok());
    hook(SaveStep::TempSynced).map_err(write_error)?;
    let old = fs::metadata(&target).ok().filter(|m| m.is_file());
    if let Some(old) = &old {
        // Keep the old file's permissions (a new file gets the usual 0666 & umask).
        file.set_permissions(old.permissions())
            .map_err(write_error)?;
    }
    drop(file);
    if old.is_some() && backups > 0 {
        rotate_backups(&target, backups).map_err(write_error)?;
    }
    hook(SaveStep::BackupsRotated).map_err(write_error)?;
    fs::rename(&guard.path, &target).map_err(write_error)?;
    guard.is_armed = false;
    sync_folder(&folder);
    hook(SaveStep::Replaced).map_err(write_error)?;
    Ok(stamp)
}

/// `.bak(n-1)` → `.bakn` … `.bak1` → `.bak2`, then the current file becomes `.bak1`
/// (a hard link, so the current file is never absent; a copy where links are unsupported).
fn rotate_backups(target: &Path, backups: usize) -> io::Result<()> {
    for n in (1..backups).rev() {
        let from = backup_path(target, n);
        if fs::symlink_metadata(&from).is_ok() {
            fs::rename(&from, backup_path(target, n + 1))?;
        }
    }
    let newest = backup_path(target, 1);
    match fs::remove_file(&newest) {
        Err(e) if e.kind() != io::ErrorKind::NotFound => return Err(e),
        _ => {}
    }
    if fs::hard_link(target, &newest).is_err() {
        fs::copy(target, &newest)?;
    }
    Ok(())
}

/// Makes the rename durable (unix); best effort, as some file systems cannot sync folders.
fn sync_folder(folder: &Path) {
    #[cfg(unix)]
    if let Ok(dir) = File::open(folder) {
        let _ = dir.sync_all();
    }
    #[cfg(not(unix))]
    let _ = folder;
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::workspace::model::{ClaimRecord, ItemId, Verdict};

    fn sample(note: &str) -> Workspace {
        let mut ws = Workspace::new();
        ws.upsert_document("d1", "a.txt", "h", "A");
        ws.set_notebook(note).unwrap();
        ws.claims.push(ClaimRecord {
            id: ItemId(1),
            verdict: Verdict::Supported,
            ..ClaimRecord::default()
        });
        ws.normalize();
        ws
    }

    fn fixture(name: &str) -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/workspaces")
            .join(name)
    }

    #[test]
    fn malformed_ron_names_line_and_column() {
        let err = parse_workspace("(\n  version: 1,\n  notebook: \"x\",\n  claims: [ (id: ) ],\n)")
            .unwrap_err();
        let message = err.to_string();
        assert!(
            matches!(err, WorkspaceError::Malformed { line: 4, .. }),
            "{message}"
        );
        assert!(message.contains("line 4, column"), "{message}");
    }

    #[test]
    fn malformed_fixture_reports_its_position() {
        let err = open_workspace(&fixture("malformed.lectern.ron")).unwrap_err();
        assert_eq!(
            err.to_string(),
            "the workspace file is malformed at line 7, column 13: Expected comma"
        );
    }

    #[test]
    fn future_version_is_refused_by_name() {
        let err = open_workspace(&fixture("future.lectern.ron")).unwrap_err();
        assert_eq!(
            err.to_string(),
            "This workspace was made by a newer Lectern (version 7); this one reads up to version 1"
        );
        // Even when the rest uses syntax this version cannot parse.
        let err = parse_workspace("(version: 3, hologram: <<>>)").unwrap_err();
        assert!(matches!(err, WorkspaceError::FutureVersion { version: 3 }));
    }

    #[test]
    fn deeply_nested_file_is_refused_without_overflowing_the_stack() {
        let depth = 100_000;
        let text = format!(
            "(version: 1, junk: {}{})",
            "[".repeat(depth),
            "]".repeat(depth)
        );
        let err = parse_workspace(&text).unwrap_err();
        assert!(
            matches!(err, WorkspaceError::TooDeeplyNested { line: 1, .. }),
            "{err}"
        );
        let text = format!("{}{}", "[".repeat(depth), "]".repeat(depth));
        assert!(parse_workspace(&text).is_err());
    }

    #[test]
    fn oversized_file_is_refused_before_reading() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("huge.lectern.ron");
        let file = File::create(&path).unwrap();
        // Sparse: the size check must fire without reading (or allocating) 256 MB.
        file.set_len(MAX_WORKSPACE_FILE_BYTES + 1).unwrap();
        let err = open_workspace(&path).unwrap_err();
        assert!(
            matches!(err, WorkspaceError::FileTooLarge { len_bytes, .. } if len_bytes == MAX_WORKSPACE_FILE_BYTES + 1),
            "{err}"
        );
    }

    #[test]
    fn unknown_field_and_bad_utf8_are_named() {
        let err = parse_workspace("(version: 1, colour: \"red\")").unwrap_err();
        assert!(err.to_string().contains("colour"), "{err}");
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("bin.lectern.ron");
        fs::write(&path, b"(version: 1, notebook: \"\xff\")").unwrap();
        assert!(matches!(
            open_workspace(&path),
            Err(WorkspaceError::NotUtf8 { byte_offset: 24 })
        ));
    }

    #[test]
    fn over_limit_note_in_a_file_is_refused_not_cut() {
        let note = "n".repeat(MAX_NOTE_BYTES + 1);
        let text = format!("(version: 1, claims: [(id: 1, note: \"{note}\")])");
        let err = parse_workspace(&text).unwrap_err();
        assert!(err.to_string().contains("the note on claim #1"), "{err}");
    }

    #[test]
    fn struct_names_and_a_missing_version_are_accepted() {
        let ws = parse_workspace("Workspace(version: 1, notebook: \"n\")").unwrap();
        assert_eq!(ws.notebook, "n");
        // No version: the earliest layout, read strictly so nothing is silently skipped.
        let ws = parse_workspace("(notebook: \"old\")").unwrap();
        assert_eq!(ws.notebook, "old");
        let err = parse_workspace("(notebook: \"x\", claims: [])").unwrap_err();
        assert!(err.to_string().contains("claims"), "{err}");
    }

    #[test]
    fn duplicate_item_ids_are_inconsistent() {
        let err = parse_workspace("(version: 1, claims: [(id: 4), (id: 4)])").unwrap_err();
        assert!(matches!(err, WorkspaceError::Inconsistent(_)), "{err}");
    }

    #[test]
    fn saving_rotates_three_backups_newest_first() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("study.lectern.ron");
        for n in 0..5 {
            save_atomic(&path, &sample(&format!("save {n}"))).unwrap();
        }
        assert_eq!(open_workspace(&path).unwrap().notebook, "save 4");
        for (bak, expected) in [(1, "save 3"), (2, "save 2"), (3, "save 1")] {
            let backup = open_workspace(&backup_path(&path, bak)).unwrap();
            assert_eq!(backup.notebook, expected, "bak{bak}");
        }
        assert!(!backup_path(&path, 4).exists());
        let leftovers: Vec<_> = fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.ends_with(".tmp"))
            .collect();
        assert!(leftovers.is_empty(), "{leftovers:?}");
    }

    #[test]
    fn a_save_failing_at_any_point_leaves_the_old_or_the_new_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("study.lectern.ron");
        let old = sample("old");
        save_atomic(&path, &old).unwrap();
        let old_bytes = fs::read(&path).unwrap();
        // Big enough to be written in several chunks.
        let new = sample(&"new ".repeat(10_000));
        let new_len = workspace_to_ron(&new).unwrap().len();
        let mut failures = 0;
        for fail_at in 0..40 {
            let mut calls = 0;
            let result = save_atomic_with(&path, &new, &mut |_step| {
                calls += 1;
                if calls > fail_at {
                    Err(io::Error::other("injected failure"))
                } else {
                    Ok(())
                }
            });
            let now = fs::read(&path).unwrap();
            let reopened = open_workspace(&path).unwrap();
            if result.is_err() {
                failures += 1;
                assert!(
                    now == old_bytes || reopened.notebook == new.notebook,
                    "step {fail_at}: neither old nor new"
                );
            } else {
                assert_eq!(reopened.notebook, new.notebook);
                assert_eq!(now.len(), new_len);
            }
            // Go back to the old content for the next round.
            save_atomic(&path, &old).unwrap();
            let tmp = fs::read_dir(dir.path())
                .unwrap()
                .filter(|e| {
                    e.as_ref()
                        .unwrap()
                        .file_name()
                        .to_string_lossy()
                        .ends_with(".tmp")
                })
                .count();
            assert_eq!(tmp, 0, "temporary file left after step {fail_at}");
        }
        assert!(
            failures >= 6,
            "the hook must have failed writes, sync, rotation and rename"
        );
    }

    /// A writer that fails once `limit_bytes` have been written, with `kind`: a disk filling
    /// up (or going read-only) in the middle of a save.
    fn fail_after(
        limit_bytes: usize,
        kind: io::ErrorKind,
    ) -> impl FnMut(SaveStep) -> io::Result<()> {
        move |step| match step {
            SaveStep::Writing { written_bytes } if written_bytes >= limit_bytes => {
                Err(io::Error::from(kind))
            }
            _ => Ok(()),
        }
    }

    #[test]
    fn a_disk_full_during_save_names_the_file_and_keeps_the_old_one() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("study.lectern.ron");
        save_atomic(&path, &sample("old")).unwrap();
        let old_bytes = fs::read(&path).unwrap();
        let new = sample(&"new ".repeat(20_000));
        for (kind, meaning) in [
            (io::ErrorKind::StorageFull, "the disk is full"),
            (io::ErrorKind::ReadOnlyFilesystem, "the disk is read-only"),
            (io::ErrorKind::QuotaExceeded, "the disk quota is used up"),
        ] {
            for limit_bytes in [0, 8 * 1024, 40 * 1024] {
                let err =
                    save_atomic_with(&path, &new, &mut fail_after(limit_bytes, kind)).unwrap_err();
                let message = err.to_string();
                assert!(
                    message
                        .starts_with(&format!("could not write {}: {meaning} (", path.display())),
                    "{message}"
                );
                assert_eq!(
                    fs::read(&path).unwrap(),
                    old_bytes,
                    "the old file is intact"
                );
                let names: Vec<_> = fs::read_dir(dir.path())
                    .unwrap()
                    .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
                    .collect();
                assert_eq!(
                    names,
                    ["study.lectern.ron"],
                    "no backup rotated, no temporary file left"
                );
            }
        }
        // The same save succeeds once there is room again.
        save_atomic(&path, &new).unwrap();
        assert_eq!(open_workspace(&path).unwrap().notebook, new.notebook);
    }

    #[test]
    fn saving_where_the_folder_is_a_file_names_the_path_and_writes_nothing() {
        // Permission bits do not stop root (tests often run as root): a parent that is a file
        // fails for everyone, as a read-only or missing folder would.
        let dir = tempfile::tempdir().unwrap();
        let blocker = dir.path().join("not-a-folder");
        fs::write(&blocker, "a file").unwrap();
        let path = blocker.join("study.lectern.ron");
        let err = save_atomic(&path, &sample("x")).unwrap_err();
        assert!(matches!(err, WorkspaceError::Write { .. }), "{err:?}");
        let message = err.to_string();
        assert!(
            message.starts_with(&format!(
                "could not write {}: a part of the path is a file, not a folder",
                path.display()
            )),
            "{message}"
        );
        let missing = dir.path().join("no-such-folder").join("study.lectern.ron");
        let message = save_atomic(&missing, &sample("x")).unwrap_err().to_string();
        assert!(message.contains("the folder does not exist"), "{message}");
        assert_eq!(fs::read_to_string(&blocker).unwrap(), "a file");
    }

    #[test]
    fn a_file_changed_by_another_program_is_not_overwritten() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("study.lectern.ron");
        save_atomic(&path, &sample("mine")).unwrap();
        let (mut ws, stamp) = open_workspace_stamped(&path).unwrap();
        assert_eq!(FileStamp::read(&path).unwrap().as_ref(), Some(&stamp));

        // Another program rewrites the file while it is open.
        let theirs = workspace_to_ron(&sample("theirs")).unwrap();
        fs::write(&path, &theirs).unwrap();
        ws.set_notebook("mine, edited").unwrap();
        let err = save_atomic_checked(&path, &ws, Some(&stamp)).unwrap_err();
        assert!(
            matches!(&err, WorkspaceError::ChangedOnDisk { now: Some(now), .. } if !now.is_same_content(&stamp)),
            "{err:?}"
        );
        assert_eq!(
            err.to_string(),
            format!(
                "{} was changed by another program since it was opened; nothing was written",
                path.display()
            )
        );
        assert_eq!(
            fs::read_to_string(&path).unwrap(),
            theirs,
            "their change is kept"
        );

        // The person chose to overwrite: no stamp. The new stamp guards the next save.
        let written = save_atomic_checked(&path, &ws, None).unwrap();
        assert_eq!(open_workspace(&path).unwrap().notebook, "mine, edited");
        assert_eq!(FileStamp::read(&path).unwrap(), Some(written.clone()));
        ws.set_notebook("mine, again").unwrap();
        let again = save_atomic_checked(&path, &ws, Some(&written)).unwrap();
        assert!(!again.is_same_content(&written));
        // Their version is one backup away.
        assert_eq!(
            open_workspace(&backup_path(&path, 2)).unwrap().notebook,
            "theirs"
        );
    }

    #[test]
    fn a_touched_or_removed_file_is_no_conflict() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("study.lectern.ron");
        let stamp = save_atomic_checked(&path, &sample("one"), None).unwrap();
        // Same bytes written again (a sync tool, `touch`): the content decides, not the time.
        let bytes = fs::read(&path).unwrap();
        fs::write(&path, &bytes).unwrap();
        let stamp = save_atomic_checked(&path, &sample("two"), Some(&stamp)).unwrap();
        // Removed since: saving writes it again, nothing of anyone's is lost.
        fs::remove_file(&path).unwrap();
        assert_eq!(FileStamp::read(&path).unwrap(), None);
        save_atomic_checked(&path, &sample("three"), Some(&stamp)).unwrap();
        assert_eq!(open_workspace(&path).unwrap().notebook, "three");
    }

    /// Saves two workspaces in turn forever; run by the kill test as a child process.
    #[test]
    #[ignore = "helper of killed_saver_leaves_a_whole_file: runs forever"]
    fn child_saver_loop() {
        let Some(path) = std::env::var_os("LECTERN_WORKSPACE_CHILD_SAVE") else {
            return;
        };
        let path = PathBuf::from(path);
        let a = sample(&"a".repeat(200_000));
        let b = sample(&"b".repeat(300_000));
        loop {
            save_atomic(&path, &a).unwrap();
            save_atomic(&path, &b).unwrap();
        }
    }

    #[test]
    fn killed_saver_leaves_a_whole_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("study.lectern.ron");
        let module = module_path!();
        let test_name = format!(
            "{}::child_saver_loop",
            module.split_once("::").map_or(module, |(_, rest)| rest)
        );
        let exe = std::env::current_exe().unwrap();
        for round in 0..8u64 {
            let mut child = std::process::Command::new(&exe)
                .args([test_name.as_str(), "--exact", "--ignored", "--nocapture"])
                .env("LECTERN_WORKSPACE_CHILD_SAVE", &path)
                .stdout(std::process::Stdio::null())
                .stderr(std::process::Stdio::null())
                .spawn()
                .unwrap();
            // Wait until the child has saved at least once, then kill it at a varying moment.
            let started = std::time::Instant::now();
            while !path.exists() && started.elapsed() < std::time::Duration::from_secs(20) {
                std::thread::sleep(std::time::Duration::from_millis(5));
            }
            std::thread::sleep(std::time::Duration::from_millis(20 + round * 17));
            child.kill().unwrap();
            child.wait().unwrap();
            let ws = open_workspace(&path).unwrap();
            let first = ws.notebook.chars().next().unwrap();
            assert!(ws.notebook.chars().all(|c| c == first), "mixed content");
            assert!(ws.notebook.len() == 200_000 || ws.notebook.len() == 300_000);
        }
    }

    #[test]
    fn recovery_round_trips_and_is_absent_when_missing() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("recovery.lectern.ron");
        assert!(read_recovery(&path).unwrap().is_none());
        let mut ws = sample("unsaved thoughts");
        ws.base_dir = Some(PathBuf::from("/studies/korea"));
        write_recovery(&path, &ws).unwrap();
        let back = read_recovery(&path).unwrap().unwrap();
        assert!(back.user_data_eq(&ws));
        assert_eq!(back.documents[0].path, "/studies/korea/a.txt");
        assert!(!backup_path(&path, 1).exists());
    }

    #[test]
    fn save_stores_paths_relative_to_the_workspace_folder() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("study.lectern.ron");
        let mut ws = sample("x");
        let inside = dir.path().join("docs").join("a b.txt");
        ws.upsert_document("d1", &inside.to_string_lossy(), "h", "A");
        ws.upsert_document("d2", "/elsewhere/b.txt", "h", "B");
        save_atomic(&path, &ws).unwrap();
        let back = open_workspace(&path).unwrap();
        assert_eq!(back.document("d1").unwrap().path, "docs/a b.txt");
        assert_eq!(back.document("d2").unwrap().path, "/elsewhere/b.txt");
        // Save as elsewhere: relative paths follow the documents, not the old folder.
        let other = tempfile::tempdir().unwrap();
        let moved = other.path().join("copy.lectern.ron");
        save_atomic(&moved, &back).unwrap();
        let again = open_workspace(&moved).unwrap();
        assert_eq!(again.document("d1").unwrap().path, inside.to_string_lossy());
    }

    #[test]
    fn sharing_embeds_texts_within_limits() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("shared.lectern.ron");
        let mut ws = sample("x");
        ws.upsert_document("d2", "b.txt", "h2", "B");
        let missing = save_for_sharing(&path, &ws, &[("d1", "The text.\n")]).unwrap();
        assert_eq!(missing, vec!["d2".to_owned()]);
        let back = open_workspace(&path).unwrap();
        assert_eq!(
            back.document("d1").unwrap().embedded_text.as_deref(),
            Some("The text.\n")
        );
        let huge = "x".repeat(MAX_EMBEDDED_DOCUMENT_BYTES + 1);
        let err = save_for_sharing(&path, &ws, &[("d1", &huge)]).unwrap_err();
        assert!(err.to_string().contains("embedded text of \"A\""), "{err}");
        assert_eq!(
            open_workspace(&path)
                .unwrap()
                .document("d1")
                .unwrap()
                .embedded_text
                .as_deref(),
            Some("The text.\n")
        );
    }
}
