//! The document model: what Lectern knows about one loaded file.
//!
//! A [`Document`] holds the normalised text and, as byte spans into it, its [`Section`]s and
//! [`Reference`]s. Everything else (sentences, claims) is derived from these spans later.

use std::path::PathBuf;

/// A byte range into a document's normalised text.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    Default,
    serde::Serialize,
    serde::Deserialize,
)]
pub struct Span {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
}

impl Span {
    /// A span from `start` to `end`.
    pub fn new(start: usize, end: usize) -> Self {
        Self { start, end }
    }

    /// Length in bytes.
    pub fn len_bytes(&self) -> usize {
        self.end.saturating_sub(self.start)
    }

    /// True when the span holds no bytes.
    pub fn is_empty(&self) -> bool {
        self.end <= self.start
    }

    /// The text of this span, or "" when it does not fit `text` or splits a character.
    pub fn slice<'t>(&self, text: &'t str) -> &'t str {
        text.get(self.start..self.end).unwrap_or("")
    }
}

/// The markup a document was written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    /// Plain text: headings found the way a reader finds them.
    Text,
    /// Markdown / CommonMark.
    Markdown,
    /// HTML, e.g. a saved web page.
    Html,
}

impl Format {
    /// The format a file name's extension stands for, if Lectern reads it.
    pub fn from_extension(ext: &str) -> Option<Self> {
        match ext.to_ascii_lowercase().as_str() {
            "txt" | "text" => Some(Self::Text),
            "md" | "markdown" | "mdown" | "mkd" => Some(Self::Markdown),
            "html" | "htm" | "xhtml" => Some(Self::Html),
            _ => None,
        }
    }

    /// Lower-case name, as in the JSON output.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Text => "text",
            Self::Markdown => "markdown",
            Self::Html => "html",
        }
    }
}

/// A part of a document under one heading.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Section {
    /// Heading text; "" for the untitled text before the first heading.
    pub title: String,
    /// Heading level, 1 (top) to 6.
    pub level: u8,
    /// The heading line itself, when the section has one.
    pub heading: Option<Span>,
    /// The section's body text (without its heading), trimmed of blank lines.
    pub body: Span,
}

impl Section {
    /// The title to show a person: untitled sections read "Introduction".
    pub fn display_title(&self) -> &str {
        if self.title.is_empty() {
            "Introduction"
        } else {
            &self.title
        }
    }
}

/// One entry of a document's reference / notes / bibliography list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reference {
    /// The label footnote markers use: the entry's own ("[3]", "3.") or its position ("1", "2", …).
    pub label: String,
    /// Where the entry's text without its label stands (a span, not a copy: reference lists
    /// are long); [`Document::reference_text`] reads it.
    pub text_span: Span,
    /// Where the entry stands in the document text.
    pub span: Span,
}

/// One loaded document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Document {
    /// Stable id derived from the path (same file, same id, across runs).
    pub id: String,
    /// Path relative to the opened folder, with `/` separators (the file name for single files).
    pub path: String,
    /// Where it was read from on disk; `None` for the embedded samples.
    pub source_path: Option<PathBuf>,
    /// The markup it was written in.
    pub format: Format,
    /// The encoding it was decoded from.
    pub encoding: &'static str,
    /// BLAKE3 hash of the file's bytes (hex, 32 characters): tells when a file changed on disk.
    pub hash: String,
    /// Title: first heading or standalone title line, else the HTML `<title>`, else the file name.
    pub title: String,
    /// Normalised text: `\n` line endings, markup removed, page chrome removed.
    pub text: String,
    /// Sections in reading order; their bodies do not overlap.
    pub sections: Vec<Section>,
    /// The trailing reference list, in order.
    pub references: Vec<Reference>,
    /// Where the reference list stands in `text`, when there is one.
    pub references_span: Option<Span>,
    /// Page-chrome lines that were recognised and removed ("Skip to main content", …).
    pub removed_chrome: Vec<String>,
}

impl Document {
    /// The text of a span of this document.
    pub fn slice(&self, span: Span) -> &str {
        span.slice(&self.text)
    }

    /// The text of a reference entry of this document, without its label.
    pub fn reference_text(&self, reference: &Reference) -> &str {
        self.slice(reference.text_span)
    }
}

/// Stable document id: a short BLAKE3 hash of its relative path.
pub fn document_id(relative_path: &str) -> String {
    let hash = blake3::hash(relative_path.as_bytes());
    format!("d{}", &hash.to_hex()[..12])
}

/// Content hash of a file's bytes.
pub fn content_hash(bytes: &[u8]) -> String {
    blake3::hash(bytes).to_hex()[..32].to_owned()
}
