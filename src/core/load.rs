//! Loading documents from files and folders.
//!
//! [`discover`] walks the inputs (files and folders, recursively, sorted, hidden entries
//! skipped, symlink loops survived) into [`SourceFile`]s; [`load_source`] reads one into a
//! [`Document`] or says why it was skipped ([`SkipReason`]). One bad file never fails the rest.

use std::borrow::Cow;
use std::collections::HashSet;
use std::io::Read;
use std::path::{Path, PathBuf};

use crate::core::decode::{NotText, decode_bytes};
use crate::core::document::{Document, Format, content_hash, document_id};
use crate::core::extract::{extract_html, extract_markdown};
use crate::core::seeds::EmbeddedFile;
use crate::core::structure::{MarkedHeading, structure_document};

/// Files larger than this are skipped unless the caller sets another limit.
pub const DEFAULT_MAX_FILE_BYTES: u64 = 50 * 1024 * 1024;

/// A file found among the inputs, not yet read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceFile {
    /// Path relative to the opened folder, with `/` separators.
    pub relative: String,
    /// Where to read it.
    pub absolute: PathBuf,
}

/// Why a file was not loaded.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum SkipReason {
    /// Not a format Lectern reads.
    #[error("unsupported file type “.{0}” (Lectern reads .txt, .md and .html)")]
    UnsupportedExtension(String),
    /// No extension to tell the format by.
    #[error("no file extension (Lectern reads .txt, .md and .html)")]
    NoExtension,
    /// Over the size limit.
    #[error("too large: {size_mb:.1} MB (the limit is {limit_mb:.0} MB)")]
    TooLarge {
        /// The file's size.
        size_mb: f64,
        /// The limit.
        limit_mb: f64,
    },
    /// Binary content.
    #[error("binary file (not text)")]
    Binary,
    /// Nothing to read.
    #[error("empty file")]
    Empty,
    /// The operating system refused or failed the read.
    #[error("could not be read: {0}")]
    Unreadable(String),
    /// A symbolic link pointing back to a folder above it.
    #[error("symbolic link loop (points back to {0})")]
    SymlinkLoop(String),
    /// The path does not exist.
    #[error("not found")]
    NotFound,
}

/// A file that was not loaded, and why: listed to the person, never fatal.
#[derive(Debug, Clone, PartialEq)]
pub struct Skipped {
    /// The path as the person knows it (relative to the opened folder where possible).
    pub path: String,
    /// Why it was skipped.
    pub reason: SkipReason,
}

/// Walks files and folders into the list of files to read (sorted by path within each folder)
/// and the entries that could not even be listed.
pub fn discover(inputs: &[PathBuf]) -> (Vec<SourceFile>, Vec<Skipped>) {
    let mut files = Vec::new();
    let mut skipped = Vec::new();
    let mut seen = SeenFiles::default();
    for input in inputs {
        let Ok(meta) = std::fs::metadata(input) else {
            skipped.push(Skipped {
                path: input.display().to_string(),
                reason: if input.symlink_metadata().is_ok() {
                    SkipReason::Unreadable("broken symbolic link".to_owned())
                } else {
                    SkipReason::NotFound
                },
            });
            continue;
        };
        if meta.is_file() {
            let name = input.file_name().map_or_else(
                || input.display().to_string(),
                |n| n.to_string_lossy().into_owned(),
            );
            push_unique(&mut files, &mut seen, name, input.clone(), input);
            continue;
        }
        let walker = walkdir::WalkDir::new(input)
            .follow_links(true)
            .sort_by_file_name()
            .into_iter()
            .filter_entry(|e| e.depth() == 0 || !is_hidden(e.file_name()));
        for entry in walker {
            match entry {
                Ok(entry) if entry.file_type().is_file() => {
                    let relative = relative_path(input, entry.path());
                    push_unique(
                        &mut files,
                        &mut seen,
                        relative,
                        entry.path().to_path_buf(),
                        input,
                    );
                }
                Ok(_) => {}
                Err(err) => {
                    let path = err
                        .path()
                        .map_or_else(|| input.display().to_string(), |p| relative_path(input, p));
                    let reason = if let Some(ancestor) = err.loop_ancestor() {
                        SkipReason::SymlinkLoop(relative_path(input, ancestor))
                    } else {
                        SkipReason::Unreadable(
                            err.io_error()
                                .map_or_else(|| err.to_string(), ToString::to_string),
                        )
                    };
                    skipped.push(Skipped { path, reason });
                }
            }
        }
    }
    (files, skipped)
}

/// What `discover` has listed so far: real paths (a file reached twice is read once) and
/// relative names (two inputs with the same relative path are told apart).
#[derive(Default)]
struct SeenFiles {
    canonical: HashSet<PathBuf>,
    relative: HashSet<String>,
}

/// Adds a file unless it is already listed; two inputs with the same relative path are told
/// apart by their folder's name.
fn push_unique(
    files: &mut Vec<SourceFile>,
    seen: &mut SeenFiles,
    relative: String,
    absolute: PathBuf,
    root: &Path,
) {
    let canonical = absolute.canonicalize().unwrap_or_else(|_| absolute.clone());
    if !seen.canonical.insert(canonical) {
        return;
    }
    let seen = &mut seen.relative;
    let mut relative = relative;
    if !seen.insert(relative.clone()) {
        let root_name = root
            .file_name()
            .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
        let mut n = 1;
        let base = if root_name.is_empty() {
            relative.clone()
        } else {
            format!("{root_name}/{relative}")
        };
        relative = base.clone();
        while !seen.insert(relative.clone()) {
            n += 1;
            relative = format!("{base} ({n})");
        }
    }
    files.push(SourceFile { relative, absolute });
}

fn is_hidden(name: &std::ffi::OsStr) -> bool {
    name.to_string_lossy().starts_with('.')
}

/// `path` relative to `root`, with `/` separators.
fn relative_path(root: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(root).unwrap_or(path);
    let parts: Vec<String> = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    if parts.is_empty() {
        path.display().to_string()
    } else {
        parts.join("/")
    }
}

/// Reads one file into a document, or says why not.
pub fn load_source(file: &SourceFile, max_file_bytes: u64) -> Result<Document, Skipped> {
    let skip = |reason| Skipped {
        path: file.relative.clone(),
        reason,
    };
    let format = format_of(&file.absolute).map_err(skip)?;
    let bytes = read_limited(&file.absolute, max_file_bytes).map_err(skip)?;
    document_from(
        &file.relative,
        Some(file.absolute.clone()),
        Cow::Owned(bytes),
        format,
    )
    .map_err(skip)
}

/// The format a path's extension names, or why it is not read.
pub fn format_of(path: &Path) -> Result<Format, SkipReason> {
    let Some(ext) = path.extension() else {
        return Err(SkipReason::NoExtension);
    };
    let ext = ext.to_string_lossy();
    Format::from_extension(&ext).ok_or_else(|| SkipReason::UnsupportedExtension(ext.to_lowercase()))
}

/// Reads at most `limit + 1` bytes so a file that grows while being read stays bounded.
fn read_limited(path: &Path, limit: u64) -> Result<Vec<u8>, SkipReason> {
    let mb = |n: u64| n as f64 / (1024.0 * 1024.0);
    let file = std::fs::File::open(path).map_err(|e| SkipReason::Unreadable(io_message(&e)))?;
    let size = file.metadata().map(|m| m.len()).unwrap_or(0);
    if size > limit {
        return Err(SkipReason::TooLarge {
            size_mb: mb(size),
            limit_mb: mb(limit),
        });
    }
    let mut bytes = Vec::with_capacity(usize::try_from(size).unwrap_or(0));
    file.take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| SkipReason::Unreadable(io_message(&e)))?;
    if bytes.len() as u64 > limit {
        return Err(SkipReason::TooLarge {
            size_mb: mb(bytes.len() as u64),
            limit_mb: mb(limit),
        });
    }
    Ok(bytes)
}

fn io_message(err: &std::io::Error) -> String {
    match err.kind() {
        std::io::ErrorKind::PermissionDenied => "permission denied".to_owned(),
        std::io::ErrorKind::NotFound => "the file disappeared while being read".to_owned(),
        _ => err.to_string(),
    }
}

/// Builds a document from a file's bytes: decode, extract markup, find structure.
pub fn document_from_bytes(
    relative: &str,
    source_path: Option<PathBuf>,
    bytes: &[u8],
    format: Format,
) -> Result<Document, SkipReason> {
    document_from(relative, source_path, Cow::Borrowed(bytes), format)
}

/// [`document_from_bytes`] of bytes it may keep: a file read into its own buffer becomes the
/// text where it is when it is UTF-8.
fn document_from(
    relative: &str,
    source_path: Option<PathBuf>,
    bytes: Cow<'_, [u8]>,
    format: Format,
) -> Result<Document, SkipReason> {
    let hash = content_hash(&bytes);
    let decoded = decode_bytes(bytes).map_err(|e| match e {
        NotText::Binary => SkipReason::Binary,
        NotText::Empty => SkipReason::Empty,
    })?;
    let (text, headings, markup_title) = match format {
        Format::Text => (decoded.text, Vec::new(), None),
        Format::Markdown | Format::Html => {
            let extracted = if format == Format::Html {
                extract_html(&decoded.text)
            } else {
                extract_markdown(&decoded.text)
            };
            let headings = extracted
                .headings
                .iter()
                .map(|h| MarkedHeading {
                    level: h.level,
                    span: crate::core::document::Span::new(h.start, h.end),
                })
                .collect();
            (extracted.text, headings, extracted.title)
        }
    };
    let structured = structure_document(&text, &headings, format == Format::Text);
    if structured.text.trim().is_empty() {
        return Err(SkipReason::Empty);
    }
    let mut structured = structured;
    structured.text.shrink_to_fit();
    let title = structured
        .title
        .clone()
        .or_else(|| markup_title.filter(|t| !t.trim().is_empty()))
        .unwrap_or_else(|| file_stem(relative));
    Ok(Document {
        id: document_id(relative),
        path: relative.to_owned(),
        source_path,
        format,
        encoding: decoded.encoding,
        hash,
        title,
        text: structured.text,
        sections: structured.sections,
        references: structured.references,
        references_span: structured.references_span,
        removed_chrome: structured.removed_chrome,
    })
}

fn file_stem(relative: &str) -> String {
    let name = relative.rsplit('/').next().unwrap_or(relative);
    name.rsplit_once('.')
        .map_or(name, |(stem, _)| stem)
        .to_owned()
}

/// Loads an embedded file (the seeds).
pub fn load_embedded(file: &EmbeddedFile) -> Result<Document, Skipped> {
    let skip = |reason| Skipped {
        path: file.name.to_owned(),
        reason,
    };
    let format = format_of(Path::new(file.name)).map_err(skip)?;
    document_from_bytes(file.name, None, file.bytes, format).map_err(skip)
}
