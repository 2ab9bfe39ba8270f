//! Document paths: storing them relative to the workspace, classifying them on open, and
//! writing embedded documents out.
//!
//! [`resolve_document_paths`] only classifies: a stored path that is absolute or climbs out of
//! the workspace folder ([`PathLocation::needs_consent`]) must not be read until the person
//! agrees, because a workspace from someone else could point anywhere. [`extract_embedded`]
//! writes the texts of a shared workspace into a folder under sanitised names, never outside
//! it and never over an existing file.

use std::collections::HashSet;
use std::fs::{self, OpenOptions};
use std::io::{self, Write};
use std::path::{Component, Path, PathBuf};

use crate::core::workspace::model::Workspace;
use crate::core::workspace::store::WorkspaceError;

/// Where a stored document path leads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum PathLocation {
    /// Inside the workspace file's folder: safe to read.
    InsideFolder,
    /// An absolute path: ask the person first.
    Absolute,
    /// A relative path that climbs out of the folder with `..`: ask the person first.
    EscapesFolder,
    /// Empty or containing a NUL byte: cannot be read.
    Invalid,
}

impl PathLocation {
    /// True when the document must not be read without the person's consent.
    pub fn needs_consent(self) -> bool {
        self != Self::InsideFolder
    }
}

/// A document's stored path, where it leads, and whether reading it needs consent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResolvedDocumentPath {
    /// Document id.
    pub document_id: String,
    /// The path as stored in the workspace.
    pub stored_path: String,
    /// The absolute path it resolves to (lexically; nothing is read).
    pub absolute_path: PathBuf,
    /// Inside the folder, absolute, escaping or invalid.
    pub location: PathLocation,
}

/// True for `/x`, `\x`, `C:\x`, `C:x` and whatever the platform calls absolute: a workspace
/// may come from another system.
fn is_absolute_anywhere(stored: &str) -> bool {
    let bytes = stored.as_bytes();
    let has_drive = bytes.len() >= 2 && bytes[0].is_ascii_alphabetic() && bytes[1] == b':';
    stored.starts_with('/')
        || stored.starts_with('\\')
        || has_drive
        || Path::new(stored).is_absolute()
}

/// Classifies a stored document path without touching the file system.
pub fn classify_stored_path(stored: &str) -> PathLocation {
    if stored.is_empty() || stored.contains('\0') {
        return PathLocation::Invalid;
    }
    if is_absolute_anywhere(stored) {
        return PathLocation::Absolute;
    }
    let mut depth = 0i64;
    for part in stored.split(['/', '\\']) {
        match part {
            "" | "." => {}
            ".." => {
                depth -= 1;
                if depth < 0 {
                    return PathLocation::EscapesFolder;
                }
            }
            _ => depth += 1,
        }
    }
    PathLocation::InsideFolder
}

/// Removes `.` and resolves `..` without reading the file system.
fn normalize_lexically(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

/// `workspace_dir` joined with a stored relative path (either separator), lexically.
fn join_stored(workspace_dir: &Path, stored: &str) -> PathBuf {
    let mut path = workspace_dir.to_path_buf();
    for part in stored.split(['/', '\\']).filter(|p| !p.is_empty()) {
        path.push(part);
    }
    normalize_lexically(&path)
}

/// Where each document's stored path leads from `workspace_dir`, sorted by document id.
pub fn resolve_document_paths(
    workspace: &Workspace,
    workspace_dir: &Path,
) -> Vec<ResolvedDocumentPath> {
    let mut resolved: Vec<ResolvedDocumentPath> = workspace
        .documents
        .iter()
        .map(|doc| {
            let location = classify_stored_path(&doc.path);
            let absolute_path = match location {
                PathLocation::Absolute => normalize_lexically(Path::new(&doc.path)),
                _ => join_stored(workspace_dir, &doc.path),
            };
            ResolvedDocumentPath {
                document_id: doc.id.clone(),
                stored_path: doc.path.clone(),
                absolute_path,
                location,
            }
        })
        .collect();
    resolved.sort_by(|a, b| a.document_id.cmp(&b.document_id));
    resolved
}

/// `document` relative to `workspace_dir` with `/` separators, when it lies inside it.
pub fn relative_document_path(document: &Path, workspace_dir: &Path) -> Option<String> {
    let document = normalize_lexically(&std::path::absolute(document).ok()?);
    let folder = normalize_lexically(&std::path::absolute(workspace_dir).ok()?);
    let rest = document.strip_prefix(&folder).ok()?;
    let parts: Option<Vec<&str>> = rest
        .components()
        .map(|c| match c {
            Component::Normal(part) => part.to_str(),
            _ => None,
        })
        .collect();
    let parts = parts?;
    if parts.is_empty() {
        return None;
    }
    Some(parts.join("/"))
}

/// The path to store for a document when saving into `folder`: relative when the document
/// lies inside it, else absolute. `base` is the folder relative paths were relative to.
pub(crate) fn stored_document_path(stored: &str, base: Option<&Path>, folder: &Path) -> String {
    let absolute = if is_absolute_anywhere(stored) {
        PathBuf::from(stored)
    } else if let Some(base) = base {
        join_stored(base, stored)
    } else {
        // Never saved nor opened: relative paths are already relative to the new folder.
        return stored.to_owned();
    };
    relative_document_path(&absolute, folder)
        .unwrap_or_else(|| absolute.to_string_lossy().into_owned())
}

/// The absolute form of a stored path (for recovery files, which live anywhere).
pub(crate) fn absolute_document_path(stored: &str, base: Option<&Path>) -> String {
    match base {
        Some(base) if !is_absolute_anywhere(stored) => {
            join_stored(base, stored).to_string_lossy().into_owned()
        }
        _ => stored.to_owned(),
    }
}

/// A document written out by [`extract_embedded`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExtractedDocument {
    /// Document id.
    pub document_id: String,
    /// The file written.
    pub path: PathBuf,
    /// The same, relative to the extraction folder with `/` separators.
    pub relative_path: String,
}

const WINDOWS_RESERVED: [&str; 22] = [
    "CON", "PRN", "AUX", "NUL", "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8",
    "COM9", "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9",
];

/// A stored path made safe to create inside a folder on any system: no root, no drive, no
/// `..`, no characters Windows refuses, no reserved device names. `None` when nothing is left.
pub fn sanitized_relative_path(stored: &str) -> Option<Vec<String>> {
    let mut parts = Vec::new();
    for part in stored.split(['/', '\\']) {
        let cleaned: String = part
            .chars()
            .map(|c| {
                if c.is_control() || matches!(c, '<' | '>' | ':' | '"' | '|' | '?' | '*') {
                    '_'
                } else {
                    c
                }
            })
            .collect();
        let cleaned = cleaned.trim_end_matches(['.', ' ']).trim_start();
        if cleaned.is_empty() || cleaned.chars().all(|c| c == '.' || c == '_') {
            continue;
        }
        let mut cleaned = cleaned.to_owned();
        let stem = cleaned.split('.').next().unwrap_or("").to_ascii_uppercase();
        if WINDOWS_RESERVED.contains(&stem.as_str()) {
            cleaned.insert(0, '_');
        }
        while cleaned.len() > 200 {
            cleaned.pop();
        }
        parts.push(cleaned);
    }
    (!parts.is_empty()).then_some(parts)
}

/// `name (n).ext` for the n-th file wanting the same name.
fn numbered(name: &str, n: usize) -> String {
    match name.rsplit_once('.') {
        Some((stem, ext)) if !stem.is_empty() => format!("{stem} ({n}).{ext}"),
        _ => format!("{name} ({n})"),
    }
}

/// Creates `relative` directories under `root`, refusing to pass through a symlink.
fn create_dirs_inside(root: &Path, relative: &[String]) -> io::Result<PathBuf> {
    let mut dir = root.to_path_buf();
    for part in relative {
        dir.push(part);
        match fs::symlink_metadata(&dir) {
            Ok(meta) if meta.is_dir() => {}
            Ok(_) => {
                return Err(io::Error::new(
                    io::ErrorKind::AlreadyExists,
                    format!("{} exists and is not a folder", dir.display()),
                ));
            }
            Err(e) if e.kind() == io::ErrorKind::NotFound => fs::create_dir(&dir)?,
            Err(e) => return Err(e),
        }
    }
    Ok(dir)
}

/// Writes every embedded document text into `folder` (created if needed) under its stored
/// relative path, sanitised; name clashes get " (2)", " (3)", …; nothing is overwritten.
/// Returns the files written, sorted by document id.
pub fn extract_embedded(
    workspace: &Workspace,
    folder: &Path,
) -> Result<Vec<ExtractedDocument>, WorkspaceError> {
    let write_error = |path: &Path, source| WorkspaceError::Write {
        path: path.to_owned(),
        source,
    };
    fs::create_dir_all(folder).map_err(|e| write_error(folder, e))?;
    let mut documents: Vec<_> = workspace
        .documents
        .iter()
        .filter_map(|d| d.embedded_text.as_ref().map(|t| (d, t)))
        .collect();
    documents.sort_by(|a, b| a.0.id.cmp(&b.0.id));
    let mut taken: HashSet<String> = HashSet::new();
    let mut written = Vec::new();
    for (doc, text) in documents {
        let parts = sanitized_relative_path(&doc.path)
            .or_else(|| sanitized_relative_path(&format!("{}.txt", doc.id)))
            .unwrap_or_else(|| vec!["document.txt".to_owned()]);
        let Some((file_name, dirs)) = parts.split_last() else {
            continue;
        };
        let dir = create_dirs_inside(folder, dirs).map_err(|e| write_error(folder, e))?;
        let mut attempt = 1usize;
        loop {
            let name = if attempt == 1 {
                file_name.clone()
            } else {
                numbered(file_name, attempt)
            };
            let mut relative: Vec<&str> = dirs.iter().map(String::as_str).collect();
            relative.push(&name);
            let relative = relative.join("/");
            attempt += 1;
            // Case-insensitive file systems would merge "A.txt" and "a.txt".
            if !taken.insert(relative.to_lowercase()) {
                continue;
            }
            let path = dir.join(&name);
            let file = OpenOptions::new().write(true).create_new(true).open(&path);
            let mut file = match file {
                Ok(file) => file,
                Err(e) if e.kind() == io::ErrorKind::AlreadyExists && attempt < 10_000 => continue,
                Err(e) => return Err(write_error(&path, e)),
            };
            file.write_all(text.as_bytes())
                .and_then(|()| file.sync_all())
                .map_err(|e| write_error(&path, e))?;
            written.push(ExtractedDocument {
                document_id: doc.id.clone(),
                path,
                relative_path: relative,
            });
            break;
        }
    }
    Ok(written)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_and_absolute_paths_need_consent() {
        assert_eq!(
            classify_stored_path("docs/a.txt"),
            PathLocation::InsideFolder
        );
        assert_eq!(
            classify_stored_path("docs/../a.txt"),
            PathLocation::InsideFolder
        );
        assert_eq!(
            classify_stored_path("../x.txt"),
            PathLocation::EscapesFolder
        );
        assert_eq!(
            classify_stored_path("a/../../x.txt"),
            PathLocation::EscapesFolder
        );
        assert_eq!(
            classify_stored_path("..\\x.txt"),
            PathLocation::EscapesFolder
        );
        assert_eq!(classify_stored_path("/etc/passwd"), PathLocation::Absolute);
        assert_eq!(
            classify_stored_path("C:\\Windows\\win.ini"),
            PathLocation::Absolute
        );
        assert_eq!(classify_stored_path(""), PathLocation::Invalid);
        assert!(PathLocation::EscapesFolder.needs_consent());
        assert!(!PathLocation::InsideFolder.needs_consent());
    }

    #[test]
    fn resolve_classifies_every_document_without_reading() {
        let mut ws = Workspace::new();
        ws.upsert_document("d1", "a.txt", "", "");
        ws.upsert_document("d2", "../x.txt", "", "");
        ws.upsert_document("d3", "/etc/passwd", "", "");
        let resolved = resolve_document_paths(&ws, Path::new("/home/p/study"));
        let found: Vec<_> = resolved
            .iter()
            .map(|r| (r.document_id.as_str(), r.absolute_path.clone(), r.location))
            .collect();
        assert_eq!(
            found,
            vec![
                (
                    "d1",
                    PathBuf::from("/home/p/study/a.txt"),
                    PathLocation::InsideFolder
                ),
                (
                    "d2",
                    PathBuf::from("/home/p/x.txt"),
                    PathLocation::EscapesFolder
                ),
                ("d3", PathBuf::from("/etc/passwd"), PathLocation::Absolute),
            ]
        );
    }

    #[test]
    fn relative_paths_only_inside_the_folder() {
        let folder = Path::new("/home/p/study");
        assert_eq!(
            relative_document_path(Path::new("/home/p/study/docs/a.txt"), folder),
            Some("docs/a.txt".to_owned())
        );
        assert_eq!(
            relative_document_path(Path::new("/home/p/other/a.txt"), folder),
            None
        );
        assert_eq!(
            relative_document_path(Path::new("/home/p/study/../other/a.txt"), folder),
            None
        );
    }

    #[test]
    fn sanitised_names_stay_inside() {
        let s = |p: &str| sanitized_relative_path(p).map(|v| v.join("/"));
        assert_eq!(s("../../etc/passwd"), Some("etc/passwd".to_owned()));
        assert_eq!(s("/abs/x.txt"), Some("abs/x.txt".to_owned()));
        assert_eq!(s("C:\\Users\\a.txt"), Some("C_/Users/a.txt".to_owned()));
        assert_eq!(s("docs/CON.txt"), Some("docs/_CON.txt".to_owned()));
        assert_eq!(s("a<b>?.txt"), Some("a_b__.txt".to_owned()));
        assert_eq!(s("../.."), None);
    }

    #[test]
    fn extraction_never_leaves_the_folder_and_handles_clashes() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("out");
        let mut ws = Workspace::new();
        for (id, path) in [
            ("d1", "../../evil.txt"),
            ("d2", "evil.txt"),
            ("d3", "/etc/passwd"),
            ("d4", "sub/Evil.TXT"),
            ("d5", "sub/evil.txt"),
        ] {
            ws.upsert_document(id, path, "", "");
        }
        for doc in &mut ws.documents {
            doc.embedded_text = Some(format!("text of {}", doc.id));
        }
        fs::write(out.parent().unwrap().join("evil.txt"), "outside").ok();
        let written = extract_embedded(&ws, &out).unwrap();
        let names: Vec<_> = written.iter().map(|w| w.relative_path.as_str()).collect();
        assert_eq!(
            names,
            vec![
                "evil.txt",
                "evil (2).txt",
                "etc/passwd",
                "sub/Evil.TXT",
                "sub/evil (2).txt"
            ]
        );
        for w in &written {
            assert!(w.path.starts_with(&out));
            assert_eq!(
                fs::read_to_string(&w.path).unwrap(),
                format!("text of {}", w.document_id)
            );
        }
        assert_eq!(
            fs::read_to_string(dir.path().join("evil.txt")).unwrap(),
            "outside"
        );
        // A second extraction into the same folder writes new names, overwriting nothing.
        let again = extract_embedded(&ws, &out).unwrap();
        assert_eq!(again[0].relative_path, "evil (3).txt");
    }
}
