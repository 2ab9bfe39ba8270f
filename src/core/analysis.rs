//! The analysis pipeline: load → sections → sentences → claims → relations.
//!
//! [`open_study`] turns a [`Source`] (paths, or the embedded seeds) into a [`Study`]: every
//! [`AnalyzedDocument`] with its sentences and [`Claim`]s per section, the [`ClaimRelation`]s
//! across documents, and the files that were skipped. Documents are processed in parallel
//! (rayon); [`Progress`] reports how far it got and a cancel flag stops it between documents.

use std::collections::HashMap;
use std::panic::AssertUnwindSafe;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, AtomicU8, AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use compact_str::CompactString;
use rayon::prelude::*;
use thin_vec::ThinVec;

use crate::core::claims::{self, ClaimKinds};
use crate::core::document::{Document, Reference, Span};
use crate::core::load::{self, Skipped, SourceFile};
use crate::core::relations::{self, ClaimText, RelationKind};
use crate::core::seeds::SEEDS;
use crate::core::sentences::split_sentences;

/// What to open.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// The two sample documents compiled into the binary.
    Seeds,
    /// Files and folders on disk.
    Paths(Vec<PathBuf>),
    /// The documents a workspace file names, each with the id the workspace knows it by.
    Listed(Vec<ListedDocument>),
}

/// A document a workspace names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListedDocument {
    /// The id the workspace's data refers to (kept, whatever the file is called now).
    pub id: String,
    /// The path to show (as the workspace stores it).
    pub path: String,
    /// Where its text comes from.
    pub location: Location,
}

/// Where a listed document's text comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Location {
    /// One of the sample documents compiled into the binary, by file name.
    Sample(String),
    /// A file on disk.
    File(PathBuf),
    /// Text embedded in a workspace saved for sharing.
    Text(String),
}

/// Loads one listed document under the workspace's id.
fn load_listed(listed: &ListedDocument, options: OpenOptions) -> Result<Document, Skipped> {
    let skip = |reason| Skipped {
        path: listed.path.clone(),
        reason,
    };
    let mut document = match &listed.location {
        Location::Sample(name) => {
            let sample = SEEDS
                .iter()
                .find(|s| s.name == name)
                .ok_or_else(|| skip(load::SkipReason::NotFound))?;
            load::load_embedded(sample)?
        }
        Location::File(path) => {
            let file = SourceFile {
                relative: listed.path.clone(),
                absolute: path.clone(),
            };
            load::load_source(&file, options.max_file_bytes)?
        }
        // Embedded text is already normalised plain text, whatever the original's markup was.
        Location::Text(text) => load::document_from_bytes(
            &listed.path,
            None,
            text.as_bytes(),
            crate::core::document::Format::Text,
        )
        .map_err(skip)?,
    };
    document.id.clone_from(&listed.id);
    document.path.clone_from(&listed.path);
    Ok(document)
}

/// Options for opening a study.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OpenOptions {
    /// Files larger than this are skipped.
    pub max_file_bytes: u64,
}

impl Default for OpenOptions {
    fn default() -> Self {
        Self {
            max_file_bytes: load::DEFAULT_MAX_FILE_BYTES,
        }
    }
}

/// Stage of the pipeline, for the progress indicator.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u8)]
pub enum Stage {
    /// Walking folders.
    Discovering = 0,
    /// Reading and structuring files.
    Loading = 1,
    /// Sentences and claims.
    Analysing = 2,
    /// Relations across documents.
    Relating = 3,
    /// Finished.
    Done = 4,
}

impl Stage {
    /// Words for the progress bar.
    pub fn label(self) -> &'static str {
        match self {
            Self::Discovering => "Finding files",
            Self::Loading => "Reading documents",
            Self::Analysing => "Finding claims",
            Self::Relating => "Relating claims across documents",
            Self::Done => "Done",
        }
    }
}

/// Shared progress of a running [`open_study`], readable from another thread.
#[derive(Debug, Default)]
pub struct Progress {
    stage: AtomicU8,
    /// Documents to process in the current stage.
    pub total: AtomicUsize,
    /// Documents processed in the current stage.
    pub done: AtomicUsize,
}

impl Progress {
    /// The current stage.
    pub fn stage(&self) -> Stage {
        match self.stage.load(Ordering::Relaxed) {
            0 => Stage::Discovering,
            1 => Stage::Loading,
            2 => Stage::Analysing,
            3 => Stage::Relating,
            _ => Stage::Done,
        }
    }

    fn start(&self, stage: Stage, total: usize) {
        self.done.store(0, Ordering::Relaxed);
        self.total.store(total, Ordering::Relaxed);
        self.stage.store(stage as u8, Ordering::Relaxed);
    }

    fn tick(&self) {
        self.done.fetch_add(1, Ordering::Relaxed);
    }

    /// Fraction of the current stage done, 0..=1.
    pub fn fraction(&self) -> f32 {
        let total = self.total.load(Ordering::Relaxed);
        if total == 0 {
            0.0
        } else {
            self.done.load(Ordering::Relaxed) as f32 / total as f32
        }
    }
}

/// The opening was cancelled by the person.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("cancelled")]
pub struct Cancelled;

/// A detected check-worthy claim.
#[derive(Debug, Clone, PartialEq)]
pub struct Claim {
    /// Stable id: document id + hash of the sentence text (+ "-N" for repeats). Ids are 24
    /// bytes, which `CompactString` keeps inline: no allocation per claim.
    pub id: CompactString,
    /// Check-worthiness, 0..1.
    pub score: f32,
    /// What kind of claim it is.
    pub kinds: ClaimKinds,
    /// Whether it is softened ("reportedly", "may", …); [`explain_claim`] gives the cue.
    pub is_hedged: bool,
    /// Labels of the reference entries it cites (a `ThinVec`: one pointer, nothing allocated
    /// when empty).
    pub citations: ThinVec<String>,
}

impl Claim {
    /// Whether the claim is softened ("reportedly", "may", …).
    pub fn is_hedged(&self) -> bool {
        self.is_hedged
    }
}

/// Why the sentence `text` is (or is not) a claim: its hedge cue and reasons, spans into
/// `text`. A study keeps only each claim's verdict; the explanation is recomputed when it is
/// shown, from the same text, so it is the one the analysis saw.
pub fn explain_claim(text: &str) -> claims::Assessment {
    claims::assess(assessed_part(text))
}

/// One sentence of a section.
#[derive(Debug, Clone, PartialEq)]
pub struct Sentence {
    /// Byte span into the document text (without glued footnote markers).
    pub span: Span,
    /// Footnote markers glued to its end ("…War.2" → "2"); rare, so a one-pointer `ThinVec`.
    pub footnotes: ThinVec<String>,
    /// End of those markers (`span.end` when there are none); see [`Sentence::footnote_span`].
    pub footnotes_end: usize,
    /// The claim, when the sentence is check-worthy.
    pub claim: Option<Claim>,
}

impl Sentence {
    /// Where the glued footnote markers stand (empty when there are none).
    pub fn footnote_span(&self) -> Span {
        Span::new(self.span.end, self.footnotes_end.max(self.span.end))
    }

    /// End of the sentence with its glued footnote markers.
    pub fn end_with_footnotes(&self) -> usize {
        self.footnotes_end.max(self.span.end)
    }
}

/// Sentences of one section.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct SectionAnalysis {
    /// In order.
    pub sentences: Vec<Sentence>,
}

impl SectionAnalysis {
    /// Number of claims in the section.
    pub fn claim_count(&self) -> usize {
        self.sentences.iter().filter(|s| s.claim.is_some()).count()
    }
}

/// A document with its derived analysis.
#[derive(Debug, Clone, PartialEq)]
pub struct AnalyzedDocument {
    /// The loaded document.
    pub document: Document,
    /// One entry per `document.sections`.
    pub sections: Vec<SectionAnalysis>,
    /// Set when the analysis failed for this document (the rest of the study goes on).
    pub error: Option<String>,
}

impl AnalyzedDocument {
    /// Number of claims in the document.
    pub fn claim_count(&self) -> usize {
        self.sections.iter().map(SectionAnalysis::claim_count).sum()
    }
}

/// Where a claim is: document, section and sentence indices.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ClaimRef {
    /// Index into `Study::documents`.
    pub doc: usize,
    /// Index into that document's sections.
    pub section: usize,
    /// Index into that section's sentences.
    pub sentence: usize,
}

/// Two claims in different documents about the same thing.
#[derive(Debug, Clone, PartialEq)]
pub struct ClaimRelation {
    /// First claim (earlier document).
    pub a: ClaimRef,
    /// Second claim.
    pub b: ClaimRef,
    /// Agrees, contrasts or merely related.
    pub kind: RelationKind,
    /// Strength, 0..1.
    pub score: f32,
    /// In words a reader understands.
    pub reason: String,
}

/// Wall time of each pipeline stage.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct StageTimes {
    /// Walking folders.
    pub discover: Duration,
    /// Reading, decoding, extracting and sectioning.
    pub load: Duration,
    /// Sentences and claims.
    pub analyse: Duration,
    /// Relations.
    pub relate: Duration,
}

/// Everything opened: documents with their analysis, relations, skipped files.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Study {
    /// In the order of the inputs (sorted within folders).
    pub documents: Vec<AnalyzedDocument>,
    /// Related claims across documents, sorted.
    pub relations: Vec<ClaimRelation>,
    /// Files that were not loaded, with reasons.
    pub skipped: Vec<Skipped>,
    /// Bytes of text read.
    pub bytes_read: u64,
    /// How long each stage took.
    pub times: StageTimes,
}

impl Study {
    /// The claim at `r`, if it exists.
    pub fn claim(&self, r: ClaimRef) -> Option<&Claim> {
        self.sentence(r)?.claim.as_ref()
    }

    /// Why the claim at `r` was detected: hedge cue and reasons (recomputed, see
    /// [`explain_claim`]); `None` when there is no claim there.
    pub fn explain(&self, r: ClaimRef) -> Option<claims::Assessment> {
        self.claim(r)?;
        Some(explain_claim(self.sentence_text(r)))
    }

    /// The sentence at `r`, if it exists.
    pub fn sentence(&self, r: ClaimRef) -> Option<&Sentence> {
        self.documents
            .get(r.doc)?
            .sections
            .get(r.section)?
            .sentences
            .get(r.sentence)
    }

    /// The text of the sentence at `r`.
    pub fn sentence_text(&self, r: ClaimRef) -> &str {
        match (self.documents.get(r.doc), self.sentence(r)) {
            (Some(d), Some(s)) => d.document.slice(s.span),
            _ => "",
        }
    }

    /// Every claim, in reading order.
    pub fn claim_refs(&self) -> impl Iterator<Item = ClaimRef> + '_ {
        claims_in_order(&self.documents).map(|(r, _, _)| r)
    }

    /// Relations that involve the claim at `r`, with the other side first.
    pub fn relations_of(
        &self,
        r: ClaimRef,
    ) -> impl Iterator<Item = (ClaimRef, &ClaimRelation)> + '_ {
        self.relations.iter().filter_map(move |rel| {
            if rel.a == r {
                Some((rel.b, rel))
            } else if rel.b == r {
                Some((rel.a, rel))
            } else {
                None
            }
        })
    }

    /// Total number of sections.
    pub fn section_count(&self) -> usize {
        self.documents.iter().map(|d| d.sections.len()).sum()
    }

    /// Total number of sentences.
    pub fn sentence_count(&self) -> usize {
        self.documents
            .iter()
            .flat_map(|d| &d.sections)
            .map(|s| s.sentences.len())
            .sum()
    }

    /// Total number of claims.
    pub fn claim_count(&self) -> usize {
        self.documents
            .iter()
            .map(AnalyzedDocument::claim_count)
            .sum()
    }
}

/// Opens a study: loads, structures and analyses every document, then relates claims.
pub fn open_study(
    source: &Source,
    options: OpenOptions,
    progress: &Progress,
    cancel: &AtomicBool,
) -> Result<Study, Cancelled> {
    open_study_listing(source, options, progress, cancel, &|_, _| {})
}

/// [`open_study`] with default options, no progress shown and nothing to cancel it: for the
/// command line's tools, benchmarks and tests, which wait for the whole study.
pub fn open_study_now(source: &Source) -> Study {
    let never = AtomicBool::new(false);
    // Only cancelling fails, and nothing can cancel this.
    open_study(source, OpenOptions::default(), &Progress::default(), &never).unwrap_or_default()
}

/// [`open_study`], reporting every document as soon as it is loaded — title, sections and
/// references known, sentences and claims not yet — so a caller can show the outline long
/// before the analysis ends. `on_loaded(position, document)` runs on a worker thread, in no
/// particular order; `position` is the document's place among the inputs (the files in the
/// order they were found, where a file skipped while loading keeps its place).
/// [`Progress::total`] holds the number of inputs while it runs.
pub fn open_study_listing(
    source: &Source,
    options: OpenOptions,
    progress: &Progress,
    cancel: &AtomicBool,
    on_loaded: &(dyn Fn(usize, &Document) + Sync),
) -> Result<Study, Cancelled> {
    let report = |position: usize, result: &Result<Document, Skipped>| {
        if let Ok(document) = result {
            on_loaded(position, document);
        }
    };
    let check = || {
        if cancel.load(Ordering::Relaxed) {
            Err(Cancelled)
        } else {
            Ok(())
        }
    };
    let t0 = Instant::now();
    progress.start(Stage::Discovering, 0);
    let (loaded, mut skipped, discover_time) = match source {
        Source::Listed(listed) => {
            progress.start(Stage::Loading, listed.len());
            let loaded = listed
                .par_iter()
                .enumerate()
                .map(|(position, l)| {
                    let result = load_listed(l, options);
                    report(position, &result);
                    progress.tick();
                    result
                })
                .collect();
            (loaded, Vec::new(), Duration::ZERO)
        }
        Source::Seeds => {
            progress.start(Stage::Loading, SEEDS.len());
            let loaded: Vec<_> = SEEDS
                .iter()
                .enumerate()
                .map(|(position, f)| {
                    let result = load::load_embedded(f);
                    report(position, &result);
                    progress.tick();
                    result
                })
                .collect();
            (loaded, Vec::new(), Duration::ZERO)
        }
        Source::Paths(paths) => {
            let (files, skipped) = load::discover(paths);
            let discover_time = t0.elapsed();
            check()?;
            progress.start(Stage::Loading, files.len());
            let loaded = load_files(&files, options, progress, cancel, &report);
            (loaded, skipped, discover_time)
        }
    };
    check()?;
    let t1 = Instant::now();
    let mut documents = Vec::new();
    for result in loaded {
        match result {
            Ok(doc) => documents.push(doc),
            Err(skip) => skipped.push(skip),
        }
    }
    let bytes_read = documents.iter().map(|d| d.text.len() as u64).sum();
    let load_time = t1 - t0 - discover_time.min(t1 - t0);

    progress.start(Stage::Analysing, documents.len());
    let analysed: Vec<AnalyzedDocument> = documents
        .into_par_iter()
        .map(|doc| {
            if cancel.load(Ordering::Relaxed) {
                return None;
            }
            let result = analyze_document_guarded(doc);
            progress.tick();
            Some(result)
        })
        .collect::<Option<Vec<_>>>()
        .ok_or(Cancelled)?;
    let t2 = Instant::now();
    check()?;

    progress.start(Stage::Relating, 1);
    let relations = relate(&analysed, cancel).ok_or(Cancelled)?;
    progress.tick();
    let t3 = Instant::now();
    progress.start(Stage::Done, 0);
    for skip in &skipped {
        log::info!("skipped {}: {}", skip.path, skip.reason);
    }
    log::info!(
        "opened {} document(s) ({} skipped, {} related claim pairs) in {} ms",
        analysed.len(),
        skipped.len(),
        relations.len(),
        (t3 - t0).as_millis()
    );
    Ok(Study {
        documents: analysed,
        relations,
        skipped,
        bytes_read,
        times: StageTimes {
            discover: discover_time,
            load: load_time,
            analyse: t2 - t1,
            relate: t3 - t2,
        },
    })
}

fn load_files(
    files: &[SourceFile],
    options: OpenOptions,
    progress: &Progress,
    cancel: &AtomicBool,
    report: &(dyn Fn(usize, &Result<Document, Skipped>) + Sync),
) -> Vec<Result<Document, Skipped>> {
    files
        .par_iter()
        .enumerate()
        .map(|(position, file)| {
            if cancel.load(Ordering::Relaxed) {
                return Err(Skipped {
                    path: file.relative.clone(),
                    reason: load::SkipReason::Unreadable("cancelled".to_owned()),
                });
            }
            // A bug in one file's parsing must not take the others down.
            let result = std::panic::catch_unwind(AssertUnwindSafe(|| {
                load::load_source(file, options.max_file_bytes)
            }))
            .unwrap_or_else(|panic| {
                log::error!(
                    "{} could not be parsed: {}",
                    file.relative,
                    panic_message(&panic)
                );
                Err(Skipped {
                    path: file.relative.clone(),
                    reason: load::SkipReason::Unreadable(format!(
                        "could not be parsed ({})",
                        panic_message(&panic)
                    )),
                })
            });
            report(position, &result);
            progress.tick();
            result
        })
        .collect()
}

/// Test hook: the analysis of the document with this id panics, to prove the boundary holds.
#[doc(hidden)]
pub static PANIC_IN_ANALYSIS_OF: std::sync::RwLock<Option<String>> = std::sync::RwLock::new(None);

/// Analyses one document; a panic in the analysis marks the document instead of failing all.
pub fn analyze_document_guarded(document: Document) -> AnalyzedDocument {
    let analyse = || {
        let is_forced_panic = PANIC_IN_ANALYSIS_OF
            .read()
            .is_ok_and(|id| id.as_deref() == Some(document.id.as_str()));
        if is_forced_panic {
            panic!("forced by the test hook");
        }
        analyze_sections(&document)
    };
    match std::panic::catch_unwind(AssertUnwindSafe(analyse)) {
        Ok(sections) => AnalyzedDocument {
            document,
            sections,
            error: None,
        },
        Err(panic) => {
            log::error!(
                "{} could not be analysed: {}",
                document.path,
                panic_message(&panic)
            );
            let sections = vec![SectionAnalysis::default(); document.sections.len()];
            AnalyzedDocument {
                error: Some(format!("could not be analysed: {}", panic_message(&panic))),
                document,
                sections,
            }
        }
    }
}

fn panic_message(panic: &Box<dyn std::any::Any + Send>) -> String {
    panic
        .downcast_ref::<&str>()
        .map(|s| (*s).to_owned())
        .or_else(|| panic.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "internal error".to_owned())
}

/// Sentences and claims of every section of a document.
pub fn analyze_sections(document: &Document) -> Vec<SectionAnalysis> {
    // Repeats of a claim id within the document, by digest (the id's only varying part).
    // Sized for the claims a document of this length usually holds (one per ~110 bytes), so
    // the table is not grown and rehashed several times.
    let mut id_counts: HashMap<u64, usize, std::hash::BuildHasherDefault<DigestHasher>> =
        HashMap::with_capacity_and_hasher(document.text.len() / 128, Default::default());
    let references = ReferenceIndex::new(document);
    document
        .sections
        .iter()
        .map(|section| {
            let body = document.slice(section.body);
            let sentences = split_sentences(body)
                .into_iter()
                .map(|s| {
                    let span = Span::new(section.body.start + s.start, section.body.start + s.end);
                    let text = document.slice(span);
                    let claim = claims::detect_claim(assessed_part(text)).map(|detection| {
                        let digest = claim_digest(text);
                        let base = claim_id_of_digest(&document.id, digest);
                        let mut key = [0u8; 8];
                        key[..5].copy_from_slice(&digest);
                        let count = id_counts.entry(u64::from_le_bytes(key)).or_insert(0);
                        *count += 1;
                        let id = if *count == 1 {
                            base
                        } else {
                            compact_str::format_compact!("{base}-{count}")
                        };
                        Claim {
                            id,
                            score: detection.score,
                            kinds: detection.kinds,
                            is_hedged: detection.is_hedged,
                            citations: thin(references.citations_of(text, &s.footnotes)),
                        }
                    });
                    let footnotes_end = section.body.start + s.footnotes_end.max(s.end);
                    Sentence {
                        span,
                        footnotes: thin(s.footnotes),
                        footnotes_end,
                        claim,
                    }
                })
                .collect();
            SectionAnalysis { sentences }
        })
        .collect()
}

/// `items` as a `ThinVec`; nearly always empty, which costs nothing to convert.
fn thin<T>(items: Vec<T>) -> ThinVec<T> {
    if items.is_empty() {
        ThinVec::new()
    } else {
        items.into_iter().collect()
    }
}

/// Longest part of a sentence the claim scorer reads. Real sentences stay far below; a
/// "sentence" of a megabyte (a file without punctuation) would cost the scorer time that grows
/// with the square of its length, so only its opening is scored.
pub const MAX_ASSESSED_SENTENCE_BYTES: usize = 4 * 1024;

/// The opening of `sentence` the scorer reads: all of it, or up to the last space (else the
/// last character boundary) within [`MAX_ASSESSED_SENTENCE_BYTES`].
fn assessed_part(sentence: &str) -> &str {
    if sentence.len() <= MAX_ASSESSED_SENTENCE_BYTES {
        return sentence;
    }
    let mut end = MAX_ASSESSED_SENTENCE_BYTES;
    while !sentence.is_char_boundary(end) {
        end -= 1;
    }
    let head = sentence.get(..end).unwrap_or(sentence);
    head.rfind(char::is_whitespace)
        .and_then(|at| head.get(..at))
        .filter(|part| !part.is_empty())
        .unwrap_or(head)
}

/// Stable claim id from the document id and the sentence's words (whitespace-insensitive).
pub fn claim_id(doc_id: &str, sentence: &str) -> CompactString {
    claim_id_of_digest(doc_id, claim_digest(sentence))
}

/// Hashes a claim digest (already uniform: a BLAKE3 prefix) by one multiply that spreads it
/// over the 64 bits the table reads, instead of SipHash.
#[derive(Default)]
struct DigestHasher(u64);

impl std::hash::Hasher for DigestHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &byte in bytes {
            self.0 = self.0.rotate_left(8) ^ u64::from(byte);
        }
    }

    fn write_u64(&mut self, value: u64) {
        self.0 = value.wrapping_mul(0x9e37_79b9_7f4a_7c15);
    }
}

/// The part of a claim id its sentence gives: the first five bytes of the BLAKE3 hash of its
/// words.
fn claim_digest(sentence: &str) -> [u8; 5] {
    thread_local! {
        static WORDS: std::cell::RefCell<Vec<u8>> = const { std::cell::RefCell::new(Vec::new()) };
    }
    // The words joined, each followed by one space, hashed in one call (hashing word by word
    // gives the same digest at several times the cost). Most sentences are that already but
    // for the final space, and are copied whole; one-shot hashing of the copy costs about half
    // of a `Hasher` fed the sentence and the space separately.
    let hash = WORDS.with_borrow_mut(|words| {
        words.clear();
        if is_single_spaced(sentence) {
            words.extend_from_slice(sentence.as_bytes());
            words.push(b' ');
        } else {
            join_words(sentence, words);
        }
        blake3::hash(words)
    });
    let mut digest = [0u8; 5];
    digest.copy_from_slice(hash.as_bytes().get(..5).unwrap_or(&[0; 5]));
    digest
}

/// `{doc_id}-{digest in hex}`.
fn claim_id_of_digest(doc_id: &str, digest: [u8; 5]) -> CompactString {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let mut digits = [0u8; 10];
    for (pair, byte) in digits.chunks_exact_mut(2).zip(digest) {
        pair[0] = HEX[usize::from(byte >> 4)];
        pair[1] = HEX[usize::from(byte & 0xf)];
    }
    // Built on the stack and made a `CompactString` once: ids are 24 bytes, kept inline.
    let mut id = [0u8; 64];
    match id.get_mut(..doc_id.len() + 11) {
        Some(bytes) => {
            let (doc_part, rest) = bytes.split_at_mut(doc_id.len());
            doc_part.copy_from_slice(doc_id.as_bytes());
            rest[0] = b'-';
            rest[1..].copy_from_slice(&digits);
            CompactString::from_utf8(&*bytes).unwrap_or_default()
        }
        // A document id longer than any Lectern makes.
        None => {
            let digits = std::str::from_utf8(&digits).unwrap_or_default();
            CompactString::from(format!("{doc_id}-{digits}"))
        }
    }
}

/// A white space character's length if one starts at byte `at` of `text`.
fn space_at(text: &str, at: usize) -> Option<usize> {
    match text.as_bytes().get(at)? {
        b'\t'..=b'\r' | b' ' => Some(1),
        0x80.. => text
            .get(at..)
            .and_then(|rest| rest.chars().next())
            .filter(|c| c.is_whitespace())
            .map(char::len_utf8),
        _ => None,
    }
}

/// Where the next byte that may start white space is, from `from` on: ASCII white space and
/// the lead bytes of the non-ASCII white space characters.
fn next_space_candidate(bytes: &[u8], from: usize) -> Option<usize> {
    let rest = bytes.get(from..)?;
    let offset = rest
        .iter()
        .position(|&b| b <= b' ' || matches!(b, 0xC2 | 0xE1..=0xE3))?;
    Some(from + offset)
}

/// Whether `text` is words separated by single plain spaces, with no white space around.
/// Eight bytes at a time: plain spaces are found with exact zero-byte masks (two in a row, in
/// one word or across two, fail); only control characters and the lead bytes of non-ASCII
/// white space (U+0085, U+00A0, U+1680, U+2000–U+200A, U+2028/9, U+202F, U+205F, U+3000:
/// `C2`, `E1`–`E3`) are looked at one by one, decoding the character there.
fn is_single_spaced(text: &str) -> bool {
    let may_start_space = |b: u8| b < 0x20 || b == 0xC2 || (0xE1..=0xE3).contains(&b);
    let bytes = text.as_bytes();
    let (Some(&first), Some(&last)) = (bytes.first(), bytes.last()) else {
        return false;
    };
    if first == b' ' || last == b' ' {
        return false;
    }
    // Any other white space character fails; `at` is a char boundary (an ASCII byte or a
    // lead byte).
    let is_other_space_at = |at: usize| {
        bytes
            .get(at)
            .is_some_and(|&b| may_start_space(b) && space_at(text, at).is_some())
    };
    let mut doubled = 0u64;
    let mut previous_was_space = false;
    let mut chunks = bytes.chunks_exact(8);
    for (n, chunk) in chunks.by_ref().enumerate() {
        let mut eight = [0u8; 8];
        eight.copy_from_slice(chunk);
        let word = u64::from_le_bytes(eight);
        let spaces = super::swar::bytes_equal_to(word, b' ');
        doubled |= spaces & (spaces >> 8);
        doubled |= u64::from(previous_was_space && spaces & 0x80 != 0);
        previous_was_space = spaces >> 63 != 0;
        // Words holding a control character or a non-ASCII byte are looked at byte by byte.
        let rare =
            super::swar::some_byte_below(word, 0x20) | super::swar::some_byte_non_ascii(word);
        if rare != 0 && (n * 8..n * 8 + 8).any(is_other_space_at) {
            return false;
        }
    }
    let tail_start = bytes.len() - chunks.remainder().len();
    for (at, &byte) in chunks.remainder().iter().enumerate() {
        let is_space = byte == b' ';
        doubled |= u64::from(previous_was_space && is_space);
        previous_was_space = is_space;
        if is_other_space_at(tail_start + at) {
            return false;
        }
    }
    doubled == 0
}

/// [`is_single_spaced`] the plain way, decoding the lead bytes of non-ASCII white space: what
/// the eight-bytes-at-a-time version is tested against.
#[cfg(test)]
fn is_single_spaced_decoding(text: &str) -> bool {
    let bytes = text.as_bytes();
    let mut i = 0;
    while let Some(at) = next_space_candidate(bytes, i) {
        // The common case first: a space between two printable ASCII characters.
        if at > 0
            && bytes.get(at) == Some(&b' ')
            && bytes.get(at + 1).is_some_and(u8::is_ascii_graphic)
        {
            i = at + 2;
            continue;
        }
        match space_at(text, at) {
            Some(1) if bytes.get(at) == Some(&b' ') => {
                if at == 0 || at + 1 == bytes.len() || space_at(text, at + 1).is_some() {
                    return false;
                }
                i = at + 1;
            }
            Some(_) => return false,
            None => i = at + 1,
        }
    }
    !bytes.is_empty()
}

/// Appends the words of `sentence` (as `split_whitespace` finds them), each followed by one
/// space. Runs are copied whole; only the lead bytes of the non-ASCII white space characters
/// (U+0085, U+00A0, U+1680, U+2000–U+200A, U+2028/9, U+202F, U+205F, U+3000) are decoded.
fn join_words(sentence: &str, out: &mut Vec<u8>) {
    let bytes = sentence.as_bytes();
    // Start of the word being read (empty while between words).
    let mut word_start = 0;
    let mut i = 0;
    while let Some(at) = next_space_candidate(bytes, i) {
        match space_at(sentence, at) {
            Some(len) => {
                if word_start < at {
                    out.extend_from_slice(bytes.get(word_start..at).unwrap_or_default());
                    out.push(b' ');
                }
                word_start = at + len;
                i = at + len;
            }
            None => i = at + 1,
        }
    }
    if word_start < bytes.len() {
        out.extend_from_slice(bytes.get(word_start..).unwrap_or_default());
        out.push(b' ');
    }
}

/// Reference labels a sentence cites: glued footnote markers, bracketed markers ("[3]",
/// "[2, 5]", "[4–6]") and author–year citations ("(Lukin 2019)") that match an entry.
pub fn citations_of(sentence: &str, footnotes: &[String], document: &Document) -> Vec<String> {
    ReferenceIndex::new(document).citations_of(sentence, footnotes)
}

/// A document's reference entries prepared once for [`citations_of`]: every sentence of the
/// document is matched against them, so the per-entry work (surname, the four-digit runs a
/// year could match) is not redone per sentence and per parenthesis.
struct ReferenceIndex<'r> {
    references: &'r [Reference],
    labels: std::collections::HashSet<&'r str>,
    /// Per entry: its first word when longer than one byte (the author's surname).
    surnames: Vec<Option<&'r str>>,
    /// Every run of four ASCII digits in an entry's text (a year matches one of them), with
    /// the entries holding it, in order.
    entries_by_digits: HashMap<[u8; 4], Vec<usize>>,
}

impl<'r> ReferenceIndex<'r> {
    fn new(document: &'r Document) -> Self {
        let references = &document.references;
        let surnames = references
            .iter()
            .map(|r| {
                document
                    .reference_text(r)
                    .split([',', ' '])
                    .next()
                    .filter(|s| s.len() > 1)
            })
            .collect();
        let mut entries_by_digits: HashMap<[u8; 4], Vec<usize>> = HashMap::new();
        for (entry, reference) in references.iter().enumerate() {
            let windows = document
                .reference_text(reference)
                .as_bytes()
                .windows(4)
                .filter(|w| w.iter().all(u8::is_ascii_digit))
                .filter_map(|w| <[u8; 4]>::try_from(w).ok());
            for window in windows {
                let entries = entries_by_digits.entry(window).or_default();
                if entries.last() != Some(&entry) {
                    entries.push(entry);
                }
            }
        }
        Self {
            references,
            labels: references.iter().map(|r| r.label.as_str()).collect(),
            surnames,
            entries_by_digits,
        }
    }

    fn citations_of(&self, sentence: &str, footnotes: &[String]) -> Vec<String> {
        // Most sentences cite nothing: no marker, no bracket, no parenthesis (or no reference
        // entry holding a year, which author–year citations in parentheses need).
        let bytes = sentence.as_bytes();
        if footnotes.is_empty()
            && (memchr::memchr2(b'[', b'(', bytes).is_none()
                || (self.entries_by_digits.is_empty() && memchr::memchr(b'[', bytes).is_none()))
        {
            return Vec::new();
        }
        let mut labels: Vec<String> = footnotes.to_vec();
        // Bracketed markers.
        let mut rest = sentence;
        while let Some(open) = memchr::memchr(b'[', rest.as_bytes()) {
            let after = &rest[open + 1..];
            let Some(close) = memchr::memchr(b']', after.as_bytes()) else {
                break;
            };
            let inner = &after[..close];
            for part in inner.split([',', ';']) {
                let part = part.trim();
                if let Some((a, b)) = part.split_once(['–', '-']) {
                    if let (Ok(a), Ok(b)) = (a.trim().parse::<u32>(), b.trim().parse::<u32>())
                        && a <= b
                        && b - a < 50
                    {
                        labels.extend((a..=b).map(|n| n.to_string()));
                    }
                } else if !part.is_empty()
                    && part.len() <= 4
                    && part.chars().all(|c| c.is_ascii_digit())
                {
                    labels.push(part.to_owned());
                }
            }
            rest = &after[close + 1..];
        }
        // Author–year: a reference whose first word (surname) and a year both appear in a
        // parenthesis of the sentence.
        let mut years: Vec<[u8; 4]> = Vec::new();
        let mut entries: Vec<usize> = Vec::new();
        for paren in parenthesised(sentence) {
            four_digit_years(paren, &mut years);
            if years.is_empty() {
                continue;
            }
            // Cheapest test first: few entries share a year with the parenthesis. They are
            // taken in the order of the list.
            entries.clear();
            for year in &years {
                entries.extend(self.entries_by_digits.get(year).into_iter().flatten());
            }
            entries.sort_unstable();
            entries.dedup();
            for &entry in &entries {
                let (Some(reference), Some(Some(surname))) = (
                    self.references.get(entry),
                    self.surnames.get(entry).copied(),
                ) else {
                    continue;
                };
                if labels.contains(&reference.label) {
                    continue;
                }
                let names_author = paren.contains(surname)
                    || (sentence.contains(surname)
                        && sentence_has_author_before_paren(sentence, surname, paren));
                if names_author {
                    labels.push(reference.label.clone());
                }
            }
        }
        let references_empty = self.references.is_empty();
        labels.retain(|l| references_empty || self.labels.contains(l.as_str()));
        // The first of repeated labels is kept.
        let mut unique: Vec<String> = Vec::with_capacity(labels.len());
        for label in labels {
            if !unique.contains(&label) {
                unique.push(label);
            }
        }
        unique
    }
}

/// What `text.split('(').skip(1)` gives, each piece up to its first `)` (pieces without one
/// are left out): the text of every parenthesis, cut at a nested `(`. By the `memchr` crate's
/// vector search; `(` and `)` are single bytes, never part of another char.
fn parenthesised(text: &str) -> impl Iterator<Item = &str> {
    let bytes = text.as_bytes();
    let mut opens = memchr::memchr_iter(b'(', bytes).peekable();
    std::iter::from_fn(move || {
        loop {
            let open = opens.next()?;
            let next_open = opens.peek().copied().unwrap_or(bytes.len());
            let piece = bytes.get(open + 1..next_open).unwrap_or_default();
            if let Some(close) = memchr::memchr(b')', piece) {
                return text.get(open + 1..open + 1 + close);
            }
        }
    })
}

/// [`parenthesised`] as first written, with `str::split`: what it is tested against.
#[cfg(test)]
fn parenthesised_by_split(text: &str) -> Vec<&str> {
    text.split('(')
        .skip(1)
        .filter_map(|p| p.split_once(')').map(|(inner, _)| inner))
        .collect()
}

fn sentence_has_author_before_paren(sentence: &str, surname: &str, paren: &str) -> bool {
    // "Lukin (2019) argues …"
    sentence.contains(&format!("{surname} ({paren})"))
}

/// The four-digit years (19xx, 20xx) of a text, as digit runs; replaces `years`.
/// The runs of ASCII digits are found byte by byte: the bytes of a non-ASCII character are
/// never digits, so they split runs exactly where its character does.
fn four_digit_years(text: &str, years: &mut Vec<[u8; 4]>) {
    years.clear();
    let bytes = text.as_bytes();
    let mut at = 0;
    while at < bytes.len() {
        let Some(start) = bytes
            .get(at..)
            .and_then(|rest| rest.iter().position(u8::is_ascii_digit))
            .map(|i| at + i)
        else {
            break;
        };
        let run = bytes.get(start..).map_or(0, |rest| {
            rest.iter().take_while(|b| b.is_ascii_digit()).count()
        });
        if run == 4
            && let Some(&[a, b, c, d]) = bytes.get(start..start + 4)
            && matches!([a, b], [b'1', b'9'] | [b'2', b'0'])
        {
            years.push([a, b, c, d]);
        }
        at = start + run;
    }
}

/// [`four_digit_years`] as first written, splitting the text at every non-digit character:
/// what the byte loop is tested against.
#[cfg(test)]
fn four_digit_years_by_chars(text: &str, years: &mut Vec<[u8; 4]>) {
    years.clear();
    years.extend(
        text.split(|c: char| !c.is_ascii_digit())
            .filter(|t| t.len() == 4 && (t.starts_with("19") || t.starts_with("20")))
            .filter_map(|t| <[u8; 4]>::try_from(t.as_bytes()).ok()),
    );
}

/// Related claims across documents, through the relation finder's index.
/// `None` when cancelled.
fn relate(documents: &[AnalyzedDocument], cancel: &AtomicBool) -> Option<Vec<ClaimRelation>> {
    // Where each document's claims start in the list handed to the relation finder.
    let counts: Vec<usize> = documents
        .par_iter()
        .map(AnalyzedDocument::claim_count)
        .collect();
    let mut starts = Vec::with_capacity(counts.len() + 1);
    let mut total = 0;
    for &count in &counts {
        starts.push(total);
        total += count;
    }
    starts.push(total);
    // Sized exactly, and filled a document per task: walking 600k sentences in one thread
    // left the other idle for tens of milliseconds.
    let blank = ClaimText {
        doc: 0,
        text: "",
        is_hedged: false,
    };
    let mut inputs = vec![blank; total];
    let mut parts = Vec::with_capacity(documents.len());
    let mut rest = inputs.as_mut_slice();
    for &count in &counts {
        let (part, tail) = rest.split_at_mut(count);
        parts.push(part);
        rest = tail;
    }
    parts
        .into_par_iter()
        .zip(documents.par_iter())
        .enumerate()
        .for_each(|(doc, (part, d))| {
            for (slot, (_, claim, span)) in part.iter_mut().zip(claims_of(doc, d)) {
                *slot = ClaimText {
                    doc: u32::try_from(doc).unwrap_or(u32::MAX),
                    text: d.document.slice(span),
                    is_hedged: claim.is_hedged(),
                };
            }
        });
    let relations = relations::find_relations_until(&inputs, cancel)?;
    // Where the related claims are: each input is a slice of its document's text, so its
    // sentence is found by where it starts (two binary searches); should one not be found so,
    // the places are found again by walking every document's claims, in parallel.
    let mut wanted: Vec<usize> = relations.iter().flat_map(|r| [r.a, r.b]).collect();
    wanted.sort_unstable();
    wanted.dedup();
    let by_position: Option<Vec<ClaimRef>> = wanted
        .par_iter()
        .map(|&claim| {
            let input = inputs.get(claim)?;
            let doc = input.doc as usize;
            place_by_position(doc, documents.get(doc)?, input.text)
        })
        .collect();
    drop(inputs);
    debug_assert!(
        by_position
            .as_ref()
            .is_none_or(|places| *places == claim_places(documents, &starts, &wanted))
    );
    let places = by_position.unwrap_or_else(|| claim_places(documents, &starts, &wanted));
    let place_of = |claim: usize| {
        let at = wanted.binary_search(&claim).ok()?;
        places.get(at).copied()
    };
    let relations = relations
        .into_iter()
        .filter_map(|r| {
            Some(ClaimRelation {
                a: place_of(r.a)?,
                b: place_of(r.b)?,
                kind: r.kind,
                score: r.score,
                reason: r.reason,
            })
        })
        .collect();
    Some(relations)
}

/// Where the claim whose sentence is `text`, a slice of document `d`'s text, is: the sentence
/// of its section that starts where `text` starts. `None` when `text` is not such a slice.
fn place_by_position(doc: usize, d: &AnalyzedDocument, text: &str) -> Option<ClaimRef> {
    let whole = d.document.text.as_str();
    let offset = (text.as_ptr() as usize).checked_sub(whole.as_ptr() as usize)?;
    if text.is_empty() || offset + text.len() > whole.len() {
        return None;
    }
    let section = d
        .document
        .sections
        .partition_point(|s| s.body.start <= offset)
        .checked_sub(1)?;
    let sentences = &d.sections.get(section)?.sentences;
    let sentence = sentences.partition_point(|s| s.span.start < offset);
    let found = sentences.get(sentence)?;
    (found.claim.is_some() && found.span.start == offset && found.span.end == offset + text.len())
        .then_some(ClaimRef {
            doc,
            section,
            sentence,
        })
}

/// The places of the `wanted` claims (indices in the order of [`claims_in_order`], sorted),
/// found by walking every document's claims in parallel; `starts` holds where each document's
/// claims start in that order.
fn claim_places(
    documents: &[AnalyzedDocument],
    starts: &[usize],
    wanted: &[usize],
) -> Vec<ClaimRef> {
    documents
        .par_iter()
        .enumerate()
        .flat_map_iter(|(doc, d)| {
            let start = starts.get(doc).copied().unwrap_or(0);
            let end = starts.get(doc + 1).copied().unwrap_or(start);
            let mut want = wanted
                .get(wanted.partition_point(|&w| w < start)..)
                .unwrap_or_default()
                .iter()
                .map(move |&w| w - start)
                .take_while(move |&w| w < end - start)
                .peekable();
            claims_of(doc, d)
                .enumerate()
                .filter_map(move |(index, (place, _, _))| want.next_if_eq(&index).map(|_| place))
        })
        .collect()
}

/// Every claim of the study in order: its place, the claim, its sentence's span.
fn claims_in_order(
    documents: &[AnalyzedDocument],
) -> impl Iterator<Item = (ClaimRef, &Claim, Span)> + '_ {
    documents
        .iter()
        .enumerate()
        .flat_map(|(doc, d)| claims_of(doc, d))
}

/// The claims of document `d`, number `doc` of the study, in order.
fn claims_of(
    doc: usize,
    d: &AnalyzedDocument,
) -> impl Iterator<Item = (ClaimRef, &Claim, Span)> + '_ {
    d.sections.iter().enumerate().flat_map(move |(section, s)| {
        s.sentences
            .iter()
            .enumerate()
            .filter_map(move |(sentence, x)| {
                let claim = x.claim.as_ref()?;
                let place = ClaimRef {
                    doc,
                    section,
                    sentence,
                };
                Some((place, claim, x.span))
            })
    })
}

impl AnalyzedDocument {
    /// The document as the workspace's editing and re-anchoring API needs it.
    pub fn workspace_input(&self) -> crate::core::workspace::DocumentInput<'_> {
        use crate::core::workspace::{DetectedClaimRef, DocumentInput, SectionOutline};
        let doc = &self.document;
        let sections = doc
            .sections
            .iter()
            .map(|s| SectionOutline {
                title: &s.title,
                level: s.level,
                body: s.body,
            })
            .collect();
        let mut input = DocumentInput::new(&doc.id, &doc.hash, &doc.text, sections);
        input.detected_claims = self
            .sections
            .iter()
            .flat_map(|s| &s.sentences)
            .filter_map(|s| {
                s.claim.as_ref().map(|c| DetectedClaimRef {
                    id: &c.id,
                    span: s.span,
                })
            })
            .collect();
        input
    }
}

/// The documents a workspace names, as the loader needs them: those it may read at once, and
/// those outside the workspace's folder (absolute or `..` paths) that need the person's consent.
pub fn listed_documents(
    workspace: &crate::core::workspace::Workspace,
    folder: &std::path::Path,
) -> (Vec<ListedDocument>, Vec<ListedDocument>) {
    use crate::core::workspace::{PathLocation, resolve_document_paths};
    let resolved = resolve_document_paths(workspace, folder);
    let mut safe = Vec::new();
    let mut outside = Vec::new();
    for entry in &workspace.documents {
        let listed = |location| ListedDocument {
            id: entry.id.clone(),
            path: entry.path.clone(),
            location,
        };
        if let Some(text) = &entry.embedded_text {
            safe.push(listed(Location::Text(text.clone())));
        } else if let Some(name) = entry.path.strip_prefix(crate::core::seeds::SAMPLE_PREFIX) {
            safe.push(ListedDocument {
                path: name.to_owned(),
                ..listed(Location::Sample(name.to_owned()))
            });
        } else if let Some(r) = resolved.iter().find(|r| r.document_id == entry.id) {
            match r.location {
                PathLocation::Invalid => {}
                PathLocation::InsideFolder => {
                    safe.push(listed(Location::File(r.absolute_path.clone())))
                }
                PathLocation::Absolute | PathLocation::EscapesFolder => {
                    outside.push(listed(Location::File(r.absolute_path.clone())));
                }
            }
        }
    }
    (safe, outside)
}

impl Study {
    /// A new workspace for this study: every document (by absolute path, or as a sample),
    /// nothing the person made yet.
    pub fn new_workspace(&self) -> crate::core::workspace::Workspace {
        let mut workspace = crate::core::workspace::Workspace::new();
        for d in &self.documents {
            let doc = &d.document;
            let path = doc.source_path.as_ref().map_or_else(
                || format!("{}{}", crate::core::seeds::SAMPLE_PREFIX, doc.path),
                |p| {
                    std::path::absolute(p)
                        .unwrap_or_else(|_| p.clone())
                        .display()
                        .to_string()
                },
            );
            workspace.upsert_document(&doc.id, &path, &doc.hash, &doc.title);
        }
        workspace
    }

    /// Puts a workspace's data back on this study's text (re-anchoring); returns the report.
    pub fn attach(
        &self,
        workspace: &mut crate::core::workspace::Workspace,
    ) -> crate::core::workspace::ReanchorReport {
        let inputs: Vec<_> = self
            .documents
            .iter()
            .map(AnalyzedDocument::workspace_input)
            .collect();
        let report = crate::core::workspace::reanchor_workspace(workspace, &inputs);
        workspace.apply_reanchor(&report, &inputs);
        report
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_claim_is_found_by_where_its_sentence_starts() {
        let study = open_study_now(&Source::Seeds);
        let mut found = 0;
        for (place, _, span) in claims_in_order(&study.documents) {
            let d = &study.documents[place.doc];
            let text = d.document.slice(span);
            assert_eq!(
                place_by_position(place.doc, d, text),
                Some(place),
                "{text:?}"
            );
            // A part of the sentence, or the same words elsewhere, is not the claim.
            let shorter = text.get(..text.len() - 1).unwrap_or("");
            assert_eq!(place_by_position(place.doc, d, shorter), None);
            let copy = String::from(text);
            assert_eq!(place_by_position(place.doc, d, copy.as_str()), None);
            found += 1;
        }
        assert!(found > 50, "the seeds hold claims: {found}");
    }

    #[test]
    fn parentheses_are_read_as_the_split_reads_them() {
        let pieces = [
            "(", ")", "((", "))", "Lukin", " 2019", "é", "–", "[3]", ", ", "",
        ];
        let mut seed = 0x2545_F491_4F6C_DD1Du64;
        let mut found = 0;
        for _ in 0..20_000 {
            let mut text = String::new();
            for _ in 0..(seed % 9) {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                text.push_str(pieces[(seed % pieces.len() as u64) as usize]);
            }
            let fast: Vec<&str> = parenthesised(&text).collect();
            assert_eq!(fast, parenthesised_by_split(&text), "{text:?}");
            found += fast.len();
            seed = seed.wrapping_add(1);
        }
        assert!(found > 1000, "the inputs hold parentheses: {found}");
    }

    #[test]
    fn four_digit_years_reads_digit_runs_as_the_character_split_does() {
        let pieces = [
            "1999", "2020", "19", "20", "1899", "2100", "19999", "0", "7", "2001", "1950s", " ",
            ",", ".", "–", "é", "٣", "(", ")", "Lukin", "²", "x",
        ];
        let mut seed = 0x9E37_79B9_7F4A_7C15u64;
        let (mut fast, mut slow) = (Vec::new(), Vec::new());
        let mut found = 0;
        for _ in 0..20_000 {
            let mut text = String::new();
            for _ in 0..(seed % 7) {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                text.push_str(pieces[(seed % pieces.len() as u64) as usize]);
            }
            four_digit_years(&text, &mut fast);
            four_digit_years_by_chars(&text, &mut slow);
            assert_eq!(fast, slow, "{text:?}");
            found += fast.len();
            seed = seed.wrapping_add(1);
        }
        assert!(found > 1000, "the inputs hold years: {found}");
    }

    #[test]
    fn a_repeated_claim_gets_a_numbered_id() {
        let text = "Report\n\nExports rose 12% in 2019, the ministry said. Exports rose 12% in \
                    2019, the ministry said.\n\nImports fell 3% in 2020. Exports  rose 12% in \
                    2019, the ministry said.";
        let document = crate::core::load::document_from_bytes(
            "report.txt",
            None,
            text.as_bytes(),
            crate::core::document::Format::Text,
        )
        .unwrap();
        let ids: Vec<String> = analyze_sections(&document)
            .iter()
            .flat_map(|s| &s.sentences)
            .filter_map(|s| s.claim.as_ref().map(|c| c.id.to_string()))
            .collect();
        let base = claim_id(&document.id, "Exports rose 12% in 2019, the ministry said.");
        let imports = claim_id(&document.id, "Imports fell 3% in 2020.");
        assert_eq!(
            ids,
            [
                base.to_string(),
                format!("{base}-2"),
                imports.to_string(),
                format!("{base}-3")
            ]
        );
    }

    #[test]
    fn claim_ids_ignore_how_words_are_spaced() {
        for sentence in [
            "",
            "  ",
            "one",
            " Exports  rose\t12%\nin 2019. ",
            "no\u{A0}break\u{2009}thin\u{3000}ideographic\u{85}next\u{2028}line",
            "not spaces: é “quotes” — dash \u{E1}\u{200B}zero-width",
            "Single spaced words.",
            "x",
            "a\u{2003}b c",
            "trailing ",
            " leading",
            "a \tb",
        ] {
            let mut joined = Vec::new();
            join_words(sentence, &mut joined);
            if is_single_spaced(sentence) {
                assert_eq!(joined, format!("{sentence} ").into_bytes());
            }
            let expected: String = sentence
                .split_whitespace()
                .map(|word| format!("{word} "))
                .collect();
            assert_eq!(String::from_utf8_lossy(&joined), expected, "{sentence:?}");
        }
        assert_eq!(
            claim_id("doc", "Exports rose 12% in 2019."),
            claim_id("doc", " Exports\n rose  12%\u{A0}in 2019. ")
        );
        assert_ne!(
            claim_id("doc", "Exports rose 12% in 2019."),
            claim_id("doc", "Exports rose 13% in 2019.")
        );
    }

    #[test]
    fn a_claim_id_is_the_document_id_and_ten_hex_digits_whatever_its_length() {
        let digest = [0x0b, 0xf8, 0xb0, 0x67, 0x17];
        for doc_id in ["d64a19428cd4e", "", &"long-id-".repeat(12)] {
            assert_eq!(
                claim_id_of_digest(doc_id, digest).as_str(),
                format!("{doc_id}-0bf8b06717")
            );
        }
    }

    #[test]
    fn the_spacing_test_agrees_with_decoding() {
        let pieces = [
            "a", "word", " ", "  ", "\t", "\n", "é", "\u{A0}", "\u{2009}", "\u{7F}", ".", "“",
            "\u{3000}", "\u{1680}", "\u{85}", "\u{1F}",
        ];
        // Every sequence of up to four pieces, shifted by up to eight bytes so that each
        // character falls inside a word of eight bytes and across two.
        let mut sequence = Vec::new();
        let mut single_spaced = 0;
        for n in 0..pieces.len().pow(4) {
            sequence.clear();
            let mut k = n;
            for _ in 0..4 {
                sequence.push(pieces[k % pieces.len()]);
                k /= pieces.len();
            }
            for shift in 0..8 {
                let text = format!("{}{}", "x".repeat(shift), sequence.concat());
                let expected = is_single_spaced_decoding(&text);
                assert_eq!(is_single_spaced(&text), expected, "{text:?}");
                single_spaced += usize::from(expected);
            }
        }
        assert!(single_spaced > 20_000, "{single_spaced}");
        assert!(!is_single_spaced(""));
        assert!(is_single_spaced("Exports rose 12%."));
        assert!(!is_single_spaced("Exports rose  12%."));
        assert!(!is_single_spaced("Exports rose\t12%."));
        assert!(is_single_spaced("“Exports” rose 12%."));
    }

    /// A 50 MB folder holds ~600k sentences: every byte of `Sentence` costs ~0.6 MB, and the
    /// study must stay within 4× its text (issue 6). These sizes are what that budget allows.
    #[test]
    fn a_sentence_and_its_claim_stay_small() {
        assert!(
            std::mem::size_of::<Claim>() <= 40,
            "{}",
            std::mem::size_of::<Claim>()
        );
        assert!(
            std::mem::size_of::<Sentence>() <= 72,
            "{}",
            std::mem::size_of::<Sentence>()
        );
    }
}
