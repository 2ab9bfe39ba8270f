//! The two sample documents compiled into the binary: the embedded default study.
//!
//! Two articles on the same question that disagree — the case Lectern is for. With no
//! arguments the app and `lectern analyze` open these, from any directory.

/// A file compiled into the binary.
#[derive(Debug, Clone, Copy)]
pub struct EmbeddedFile {
    /// File name, used as the document's path.
    pub name: &'static str,
    /// The file's bytes, identical to `seeds/<name>`.
    pub bytes: &'static [u8],
}

/// The sample documents, in the order they are shown.
pub const SEEDS: [EmbeddedFile; 2] = [
    EmbeddedFile {
        name: "does-north-korea-side-with-russia.txt",
        bytes: include_bytes!("../../seeds/does-north-korea-side-with-russia.txt"),
    },
    EmbeddedFile {
        name: "north-korea-and-russian-relations.txt",
        bytes: include_bytes!("../../seeds/north-korea-and-russian-relations.txt"),
    },
];

/// How a workspace file names a sample document: `lectern-sample:<file name>`.
pub const SAMPLE_PREFIX: &str = "lectern-sample:";
