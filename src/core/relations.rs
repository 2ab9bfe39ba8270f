//! Cross-document claim relations.
//!
//! [`find_relations`] takes every claim of a workspace as a [`ClaimText`] and returns the
//! [`Relation`]s between claims of *different* documents that are about the same thing, each
//! labelled with a [`RelationKind`] (`agrees`, `contrasts`, `related`), a 0..1 score and a reason
//! a reader can check against the two sentences.
//!
//! How it works, in one pass over the text plus one over an inverted index:
//! - each claim becomes a bag of terms: stemmed content words, named entities (capitalised
//!   multiword names, acronyms, a small alias table so "US", "U.S." and "American" meet), numbers
//!   with their unit and years;
//! - terms are weighted by TF-IDF; terms found in a large share of all claims ("North Korea" in a
//!   workspace about North Korea) are kept only at their (low) IDF weight and never make a pair
//!   on their own;
//! - candidates come from an inverted index walked rarest term first within a fixed budget of
//!   pair visits (terms of a single document are skipped), so the work stays near-linear; the
//!   best partners of each claim are rescored by exact cosine and at most
//!   [`MAX_PARTNERS_PER_CLAIM`] are kept per claim;
//! - the label comes from cues anchored on the shared terms: a shared term negated in one claim
//!   only, opposite directions ("growing" vs "weakening") on a shared term, antonyms, different
//!   years or figures for the same thing, or hedged versus certain wording.
//!
//! Only the term vectors are kept for every claim (one flat array per analysis chunk); the
//! tokens, years and figures the labels read are analysed again, against the finished
//! vocabulary, for the few claims met in candidate pairs.
//!
//! False contrasts cost a reader's trust, so every contrast rule needs a clear anchor and a
//! minimum similarity; anything doubtful falls back to `related`.

use std::collections::{HashMap, HashSet};
use std::fmt::Write as _;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::LazyLock;
use std::sync::atomic::{AtomicBool, Ordering};

use once_cell::race::OnceBox;
use rayon::prelude::*;

use crate::core::chars::{is_letter, is_letter_or_digit};
use crate::core::swar;

/// A small multiplicative hasher (FxHash-like): term interning hashes millions of short
/// strings, where the default SipHash dominates; the input is local, so no DoS concern.
#[derive(Default, Clone, Copy)]
struct FastHasher {
    hash: u64,
}

impl FastHasher {
    fn add(&mut self, word: u64) {
        self.hash = (self.hash.rotate_left(5) ^ word).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

impl Hasher for FastHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for chunk in chunks.by_ref() {
            let mut word = [0u8; 8];
            word.copy_from_slice(chunk);
            self.add(u64::from_le_bytes(word));
        }
        let tail = chunks.remainder();
        if !tail.is_empty() {
            self.add(load_tail(tail));
        }
    }

    fn write_u8(&mut self, byte: u8) {
        self.add(u64::from(byte));
    }

    fn write_u64(&mut self, word: u64) {
        self.add(word);
    }

    fn finish(&self) -> u64 {
        self.hash
    }
}

/// The 1 to 7 bytes of `tail` as a little-endian `u64`, zero-padded: what copying them into a
/// zeroed `[u8; 8]` gives, without a variable-length copy (a `memcpy` call per short word).
/// Four or more bytes are read as two overlapping `u32`s, fewer as three single bytes (the
/// first, middle and last, overlapping when fewer than three).
fn load_tail(tail: &[u8]) -> u64 {
    let n = tail.len();
    let u32_at = |at: usize| {
        tail.get(at..at + 4)
            .and_then(|b| <[u8; 4]>::try_from(b).ok())
            .map_or(0, |b| u64::from(u32::from_le_bytes(b)))
    };
    let byte_at = |at: usize| tail.get(at).map_or(0, |&b| u64::from(b));
    if n >= 4 {
        u32_at(0) | (u32_at(n - 4) << ((n - 4) * 8))
    } else if n > 0 {
        byte_at(0) | (byte_at(n / 2) << (n / 2 * 8)) | (byte_at(n - 1) << ((n - 1) * 8))
    } else {
        0
    }
}

/// The 0 to 8 bytes of `bytes` as a little-endian `u64`, zero-padded (see [`load_tail`]).
fn load_padded(bytes: &[u8]) -> u64 {
    match <[u8; 8]>::try_from(bytes) {
        Ok(word) => u64::from_le_bytes(word),
        Err(_) => load_tail(bytes),
    }
}

/// A word's surface as the word caches key it. Most words are at most 16 bytes: those are
/// packed into one integer, so a lookup hashes two words and compares two words, where a
/// slice key costs a hashing loop with a length prefix and a `memcmp` call per probe. A
/// word's bytes are never zero (letters, digits, apostrophes, dots, or bytes of multi-byte
/// UTF-8 characters), so the zero padding cannot make two surfaces equal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum SurfaceKey<'t> {
    Short(u128),
    Long(&'t [u8]),
}

impl std::hash::Hash for SurfaceKey<'_> {
    fn hash<H: Hasher>(&self, state: &mut H) {
        match *self {
            SurfaceKey::Short(word) => {
                state.write_u64(word as u64);
                state.write_u64((word >> 64) as u64);
            }
            SurfaceKey::Long(bytes) => state.write(bytes),
        }
    }
}

/// Surfaces up to this many bytes are keyed as [`SurfaceKey::Short`].
const SHORT_SURFACE: usize = 16;

impl<'t> SurfaceKey<'t> {
    /// The key of `text[start..end]` (a lexeme's span). Inlined: one per word looked up.
    #[inline]
    fn of(text: &'t [u8], start: usize, end: usize) -> Self {
        let len = end.saturating_sub(start);
        if len > SHORT_SURFACE {
            return SurfaceKey::Long(text.get(start..end).unwrap_or(&[]));
        }
        // Sixteen bytes read at once when the text has them, the bytes past the word
        // masked off; near the end of the text, the word's own bytes zero-padded.
        let word = match text.get(start..start + SHORT_SURFACE) {
            Some(window) => {
                let (low, high) = window.split_at(8);
                let load = |half: &[u8]| <[u8; 8]>::try_from(half).map_or(0, u64::from_le_bytes);
                // Each half keeps the bytes of the word it holds (none past 16 - len).
                let keep =
                    |bytes: usize| u64::MAX.checked_shr((64 - 8 * bytes) as u32).unwrap_or(0);
                let low = load(low) & keep(len.min(8));
                let high = load(high) & keep(len.saturating_sub(8));
                u128::from(low) | (u128::from(high) << 64)
            }
            None => packed_near_end(text.get(start..end).unwrap_or(&[])),
        };
        SurfaceKey::Short(word)
    }
}

/// A short surface's bytes zero-padded into a `u128`, for the words too near the end of the
/// text to read sixteen bytes at once; out of line, so that [`SurfaceKey::of`] stays small.
#[cold]
#[inline(never)]
fn packed_near_end(surface: &[u8]) -> u128 {
    let (low, high) = surface.split_at(surface.len().min(8));
    u128::from(load_padded(low)) | (u128::from(load_padded(high)) << 64)
}

type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<FastHasher>>;
type FastSet<K> = HashSet<K, BuildHasherDefault<FastHasher>>;

/// How two claims about the same thing relate.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum RelationKind {
    /// Same key terms, same polarity, no conflicting figures.
    Agrees,
    /// Same subject but opposite polarity, opposite direction or conflicting figures.
    Contrasts,
    /// Same subject, no clear stance either way.
    Related,
}

impl RelationKind {
    /// The lowercase label used in the UI and in serialised output.
    pub fn as_str(self) -> &'static str {
        match self {
            RelationKind::Agrees => "agrees",
            RelationKind::Contrasts => "contrasts",
            RelationKind::Related => "related",
        }
    }
}

/// One claim as the relation finder sees it.
#[derive(Debug, Clone, Copy)]
pub struct ClaimText<'a> {
    /// Index of the document the claim comes from; claims of one document are never related.
    pub doc: u32,
    /// The claim sentence.
    pub text: &'a str,
    /// Whether the claim is worded with a hedge ("reportedly", "may", "is said to").
    pub is_hedged: bool,
}

/// A relation between two claims of different documents.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Relation {
    /// Index of the first claim in the input slice (`a < b`).
    pub a: usize,
    /// Index of the second claim in the input slice; its document differs from `a`'s.
    pub b: usize,
    /// The label.
    pub kind: RelationKind,
    /// Similarity of the two claims, 0..1 (cosine of their TF-IDF term vectors).
    pub score: f32,
    /// Why: the shared terms and the cue that decided the label, in plain words.
    pub reason: String,
}

/// At most this many partners are kept for any one claim.
pub const MAX_PARTNERS_PER_CLAIM: usize = 5;
/// Index-walk score below which a candidate is not rescored (the key-score bar is
/// [`MIN_KEY_SCORE`]; skipped long posting lists can add a little).
const MIN_PARTIAL_SCORE: f32 = 0.05;
/// Partners rescored exactly per claim, taken from the best partial index scores.
const CANDIDATES_PER_CLAIM: usize = 10;
/// Below this cosine two claims are not considered to be about the same thing.
const MIN_RELATION_SCORE: f32 = 0.14;
/// The part of the cosine carried by non-common terms must reach this, so that common terms
/// ("North Korea", "Russia") cannot relate claims on their own.
const MIN_KEY_SCORE: f32 = 0.09;
/// A pair sharing a single non-common term needs at least this cosine.
const SINGLE_TERM_MIN_SCORE: f32 = 0.25;
/// A pair whose single shared key term is a name or a number needs at least this cosine.
const SINGLE_NAME_MIN_SCORE: f32 = 0.3;
/// Polarity contrasts (negation, direction, antonyms) need at least this cosine.
const CONTRAST_MIN_SCORE: f32 = 0.16;
/// Conflicting years or figures only count when the claims are this similar.
const FIGURE_CONFLICT_MIN_SCORE: f32 = 0.3;
/// Whole-claim opposite words (no shared anchor) need near paraphrases.
const UNANCHORED_CONTRAST_MIN_SCORE: f32 = 0.3;
/// Hedged-versus-certain only counts for near paraphrases.
const HEDGE_CONTRAST_MIN_SCORE: f32 = 0.5;
/// `agrees` on a shared term with the same stance on both sides needs this cosine.
const AGREE_MIN_SCORE: f32 = 0.25;
/// `agrees` on a shared term negated on both sides needs this cosine.
const BOTH_NEGATED_AGREE_MIN_SCORE: f32 = 0.2;
/// `agrees` from wording alone (no stance cue) needs this cosine.
const PLAIN_AGREE_MIN_SCORE: f32 = 0.45;
/// A term in more than this share of all claims is "common" ...
const COMMON_TERM_SHARE: f64 = 0.2;
/// ... provided it is also in more than this many claims (tiny workspaces have no common terms).
const COMMON_TERM_MIN_CLAIMS: usize = 8;
/// Pair visits (sum of squared posting-list lengths) the candidate walk may spend; rarer terms
/// are walked first. Bounds the work at 100,000 claims; small workspaces walk every term.
const WALK_BUDGET: usize = 16_000_000;
/// Content words after a negation cue that fall in its scope.
const NEGATION_SCOPE_TERMS: usize = 3;
/// Shared terms named in a reason.
const REASON_TERMS: usize = 4;

/// Names weigh more than words of the same rarity: they pin down what a claim is about.
const ENTITY_BOOST: f32 = 1.5;
/// Years and figures with a unit weigh a little more than words.
const NUMBER_BOOST: f32 = 1.3;
/// Marks a token that is not a term (stopword, punctuation, bare number).
const NO_TERM: u32 = u32::MAX;

/// Finds, for every claim, the claims in other documents about the same thing and labels each
/// pair; sorted by `(a, b)`, no duplicates, `a < b`.
pub fn find_relations(claims: &[ClaimText<'_>]) -> Vec<Relation> {
    find_relations_until(claims, &AtomicBool::new(false)).unwrap_or_default()
}

/// [`find_relations`] that gives up, returning `None`, soon after `cancel` is set: it is
/// checked between chunks of claims, so a large workspace stops within a fraction of a second.
pub fn find_relations_until(
    claims: &[ClaimText<'_>],
    cancel: &AtomicBool,
) -> Option<Vec<Relation>> {
    let is_cancelled = || cancel.load(Ordering::Relaxed);
    let first_doc = claims.first().map(|c| c.doc);
    if claims.iter().all(|c| Some(c.doc) == first_doc) {
        return Some(Vec::new());
    }
    let mut corpus = Corpus::build(claims, cancel)?;
    let index = corpus.build_index(claims);
    corpus.partition_terms(&index);
    let pairs = corpus.select_pairs(claims, &index, cancel);
    if is_cancelled() {
        return None;
    }
    // Labels are independent per pair; the parallel map keeps the pairs' order, by (a, b).
    // Each job reuses one scratch for its pairs.
    let relations: Vec<Relation> = pairs
        .into_par_iter()
        .map_init(LabelScratch::default, |scratch, (score, a, b)| {
            let (kind, reason) = corpus.label_pair(claims, a, b, score, scratch);
            Relation {
                a,
                b,
                kind,
                score,
                reason,
            }
        })
        .collect();
    // The vocabulary and the term vectors are a great many small allocations: they are
    // freed off the caller's path.
    let Corpus {
        vocab,
        chunks,
        details,
        ..
    } = corpus;
    rayon::spawn(move || drop((vocab, chunks, details)));
    Some(relations)
}

// ---------------------------------------------------------------------------------------------
// Lexing
// ---------------------------------------------------------------------------------------------

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum LexKind {
    Word,
    Number,
    ClauseBreak,
    SentenceBreak,
}

#[derive(Debug, Clone, Copy)]
struct Lexeme {
    start: usize,
    end: usize,
    kind: LexKind,
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '\u{2019}' | '\u{2018}')
}

fn char_at(text: &str, i: usize) -> Option<char> {
    text.get(i..).and_then(|s| s.chars().next())
}

/// Splits text into words, numbers and the punctuation that bounds clauses and sentences.
fn lex_into(text: &str, out: &mut Vec<Lexeme>) {
    lex_from(text, 0, out);
}

/// [`lex_into`] from byte `start`, where no lexeme of the whole text may be cut (a space).
fn lex_from(text: &str, start: usize, out: &mut Vec<Lexeme>) {
    out.clear();
    let bytes = text.as_bytes();
    let mut i = start;
    while let Some(&byte) = bytes.get(i) {
        // Spaces, the most common byte between words, bound nothing.
        if byte == b' ' {
            i += 1;
            continue;
        }
        // ASCII bytes are always char boundaries; other chars are decoded at their lead byte.
        let (c, len) = if byte.is_ascii() {
            (char::from(byte), 1)
        } else {
            let Some(c) = char_at(text, i) else {
                break;
            };
            (c, c.len_utf8())
        };
        if is_letter(c) {
            let end = scan_word(text, i);
            out.push(Lexeme {
                start: i,
                end,
                kind: LexKind::Word,
            });
            i = end;
        } else if c.is_ascii_digit() {
            let end = scan_number(text, i);
            out.push(Lexeme {
                start: i,
                end,
                kind: LexKind::Number,
            });
            i = end;
        } else {
            let kind = match c {
                '.' | '!' | '?' | '\u{2026}' => Some(LexKind::SentenceBreak),
                ',' | ';' | ':' | '(' | ')' | '[' | ']' | '"' | '\u{201C}' | '\u{201D}'
                | '\u{2014}' | '\u{2013}' => Some(LexKind::ClauseBreak),
                _ => None,
            };
            if let Some(kind) = kind {
                out.push(Lexeme {
                    start: i,
                    end: i + len,
                    kind,
                });
            }
            i += len;
        }
    }
}

fn scan_word(text: &str, start: usize) -> usize {
    let bytes = text.as_bytes();
    let is_alphabetic_at = |i: usize| match bytes.get(i) {
        Some(b) if b.is_ascii() => b.is_ascii_alphabetic(),
        Some(_) => char_at(text, i).is_some_and(is_letter),
        None => false,
    };
    let mut end = start;
    loop {
        // ASCII letters and digits, the bulk of every word, in one run.
        end += bytes.get(end..).map_or(0, ascii_alnum_run);
        let Some(&byte) = bytes.get(end) else {
            break;
        };
        if byte.is_ascii() {
            // An apostrophe stays inside a word only before a letter ("Korea's", "don't").
            if byte == b'\'' && is_alphabetic_at(end + 1) {
                end += 1;
            } else {
                break;
            }
        } else {
            let Some(c) = char_at(text, end) else {
                break;
            };
            let len = c.len_utf8();
            if is_letter_or_digit(c) || (is_apostrophe(c) && is_alphabetic_at(end + len)) {
                end += len;
            } else {
                break;
            }
        }
    }
    // Dotted acronyms ("U.S.", "U.N.") stay one word so the alias table can see them.
    if end == start + 1 && bytes.get(start).is_some_and(u8::is_ascii_uppercase) {
        let mut acronym_end = end;
        while bytes.get(acronym_end) == Some(&b'.')
            && bytes
                .get(acronym_end + 1)
                .is_some_and(u8::is_ascii_uppercase)
            && !bytes
                .get(acronym_end + 2)
                .is_some_and(u8::is_ascii_alphanumeric)
        {
            acronym_end += 2;
        }
        if acronym_end > end {
            if bytes.get(acronym_end) == Some(&b'.') {
                acronym_end += 1;
            }
            end = acronym_end;
        }
    }
    end
}

/// Length of the run of ASCII letters and digits at the start of `bytes`, eight bytes at a
/// time.
fn ascii_alnum_run(bytes: &[u8]) -> usize {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    // Sets the high bit of each byte of `v` that is at least `lo`; the bytes of `v` are
    // below 0x80, so no sum carries into the next byte.
    let at_least = |v: u64, lo: u8| v + (0x80 - u64::from(lo)) * ONES;
    let mut run = 0;
    let mut chunks = bytes.chunks_exact(8);
    for chunk in chunks.by_ref() {
        let mut word = [0u8; 8];
        word.copy_from_slice(chunk);
        let x = u64::from_le_bytes(word);
        let low = x & !HIGH;
        let is_digit = at_least(low, b'0') & !at_least(low, b'9' + 1);
        // Setting bit 5 maps exactly the capitals onto the small letters.
        let folded = low | (0x20 * ONES);
        let is_letter = at_least(folded, b'a') & !at_least(folded, b'z' + 1);
        // Non-ASCII bytes end the run too.
        let ends = (!(is_digit | is_letter) | x) & HIGH;
        if ends != 0 {
            return run + (ends.trailing_zeros() / 8) as usize;
        }
        run += 8;
    }
    run + chunks
        .remainder()
        .iter()
        .take_while(|b| b.is_ascii_alphanumeric())
        .count()
}

fn scan_number(text: &str, start: usize) -> usize {
    let bytes = text.as_bytes();
    let mut end = start;
    while let Some(&b) = bytes.get(end) {
        let is_inner_separator = (b == b',' || b == b'.')
            && end > start
            && bytes.get(end + 1).is_some_and(u8::is_ascii_digit);
        if b.is_ascii_digit() || is_inner_separator {
            end += 1;
        } else {
            break;
        }
    }
    if bytes.get(end) == Some(&b'%') {
        return end + 1;
    }
    // Suffixes such as "1990s" or "2nd" belong to the number token.
    let mut chars = text.get(end..).unwrap_or("").char_indices();
    for (off, c) in chars.by_ref() {
        if !c.is_alphanumeric() {
            return end + off;
        }
    }
    text.len()
}

fn is_capitalised(surface: &str) -> bool {
    match surface.as_bytes().first() {
        Some(byte) if byte.is_ascii() => byte.is_ascii_uppercase(),
        _ => surface.chars().next().is_some_and(char::is_uppercase),
    }
}

/// [`is_capitalised`] of a word lexeme of `text`, without slicing the text when its first
/// byte is ASCII (a char boundary, and all that decides). Inlined (it is asked of every
/// word), the rare non-ASCII case out of line.
#[inline(always)]
fn is_capitalised_at(text: &str, lexeme: &Lexeme) -> bool {
    match text.as_bytes().get(lexeme.start) {
        Some(byte) if byte.is_ascii() => byte.is_ascii_uppercase(),
        _ => is_capitalised_lexeme(text, lexeme),
    }
}

/// [`is_capitalised`] of a word lexeme of `text`.
#[cold]
#[inline(never)]
fn is_capitalised_lexeme(text: &str, lexeme: &Lexeme) -> bool {
    is_capitalised(text.get(lexeme.start..lexeme.end).unwrap_or(""))
}

fn is_all_caps(surface: &str) -> bool {
    let mut letters = 0;
    for c in surface.chars() {
        if c.is_alphabetic() {
            if !c.is_uppercase() {
                return false;
            }
            letters += 1;
        }
    }
    letters >= 2
}

/// Lowercases, folds curly apostrophes, drops dots and a possessive "'s".
fn normalize_word_into(surface: &str, buf: &mut String) {
    buf.clear();
    if surface.is_ascii() {
        // Fast path for the common case: no Unicode case mapping needed, copied in one go.
        buf.push_str(surface);
        buf.make_ascii_lowercase();
        if surface.contains('.') {
            buf.retain(|c| c != '.');
        }
    } else {
        for c in surface.chars() {
            if is_apostrophe(c) {
                buf.push('\'');
            } else if c != '.' {
                buf.extend(c.to_lowercase());
            }
        }
    }
    if let Some(stripped_len) = buf.strip_suffix("'s").map(str::len) {
        buf.truncate(stripped_len);
    }
}

/// The surface without a trailing possessive, for display and the capitalisation set.
fn strip_possessive(surface: &str) -> &str {
    for suffix in ["'s", "\u{2019}s"] {
        if let Some(stripped) = surface.strip_suffix(suffix) {
            return stripped;
        }
    }
    surface
}

// ---------------------------------------------------------------------------------------------
// Word lists
// ---------------------------------------------------------------------------------------------

static STOPWORDS: LazyLock<FastSet<&'static str>> =
    LazyLock::new(|| STOPWORD_LIST.split_whitespace().collect());

/// Function words and fillers that carry no topic (negations and cues are detected apart).
const STOPWORD_LIST: &str = "a about above according across after again against all almost along already also although \
 always am among an and another any are around as at be became because become becomes been \
 before being below between both but by can cannot could did do does doing done down during \
 each either else especially even ever every far few for from further had has have having he \
 her here hers herself him himself his how however i if in into is it its itself just least \
 less let like little many may me might more most much must my necessarily neither never no \
 nor not now of off often on once one only or other others our ours out over own particularly \
 per percent perhaps quite rather really said same say says seem seemed seems several shall \
 she should since so some still such than that the their theirs them themselves then there \
 these they this those though three through thus to too two under until up upon us very via \
 was we well were what when where whether which while who whom whose why will with within \
 without would yet you your yours it's there's that's whereas instead whole making make made \
 based including include includes";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Cue {
    None,
    /// Starts a negation scope over the phrase that follows.
    Negation,
    /// A word taking a side on a concept (see [`CONCEPTS`]): `sign` is +1 or -1.
    Polar {
        concept: u8,
        sign: i8,
    },
    /// Articles and adverbs a negation reaches through ("not necessarily allies").
    Filler,
    /// Auxiliaries a negation skips before its first content word ("refused to commit").
    Auxiliary,
    /// Ends a clause: negation and direction do not reach across it.
    Boundary,
}

/// Concepts with two opposite sides (label, positive words, negative words); a shared term on
/// opposite sides makes a contrast.
/// Index 0 (degree) is special: "more"/"less" words are too frequent to count unanchored.
const CONCEPTS: &[(&str, &str, &str)] = &[
    (
        "opposite direction",
        "increase increases increased increasing increasingly grow grows grew grown growing \
         growth rise rises rose rising risen more higher greater closer stronger strong \
         strengthen strengthened strengthening deepen deepened deepening warming expand \
         expanded expanding expansion boost boosted bolstered improve improved improving \
         tighter",
        "decrease decreases decreased decreasing decline declines declined declining fall \
         falls fell fallen falling drop dropped dropping reduce reduced reducing reduction \
         less lower fewer weaker weak weaken weakened weakening cooling shrink shrank \
         shrinking severed diminish diminished diminishing",
    ),
    (
        "opposite stance",
        "support supports supported supporting supporter supporters backed backing endorse \
         endorsed endorses favor favour favors favored favoured uphold upheld upholds enforce \
         enforced enforces enforcing comply complied complies abide abided welcome welcomed \
         welcomes",
        "oppose opposed opposes opposing bypass bypassed bypassing circumvent circumvented \
         circumventing evade evaded evading violate violated violates violating undermine \
         undermined undermines undermining defy defied defying flout flouted condemn \
         condemned condemns criticize criticized criticise criticised",
    ),
    (
        "dependent vs independent",
        "depend depends dependent dependence dependency reliant reliance rely relies relied \
         relying",
        "independent independence independently",
    ),
    (
        "ally vs adversary",
        "ally allies allied alliance friend friends friendly partner partners partnership",
        "enemy enemies adversary adversaries rival rivals foe foes hostile hostility",
    ),
    (
        "agree vs disagree",
        "agree agreed agrees accept accepted accepts approve approved",
        "disagree disagreed disagrees disagreement",
    ),
    (
        "success vs failure",
        "succeed succeeded success successful win won wins",
        "failure unsuccessful lose lost loses",
    ),
    (
        "legal vs illegal",
        "legal lawful legitimate",
        "illegal unlawful illegitimate",
    ),
];

static CUE_WORDS: LazyLock<FastMap<&'static str, Cue>> = LazyLock::new(|| {
    const NEGATION: &str = "not no never neither nor none nothing nobody nowhere cannot without hardly barely \
     scarcely little refuse refused refuses refusing reject rejected rejects rejecting deny \
     denied denies denying unlikely improbable lack lacks lacked lacking fail failed fails \
     limited";
    const FILLER: &str = "a an the any very too fully necessarily so really quite at all much even entirely \
     completely particularly especially longer directly publicly officially yet";
    const AUXILIARY: &str = "to be been being have has had is are was were do does did make made making that will \
     would can could seem seems seemed";
    const BOUNDARY: &str = "but while although though however whereas which because";
    let mut map = FastMap::default();
    // Later inserts win: boundaries and fillers never override negations or concepts.
    for (words, cue) in [
        (AUXILIARY, Cue::Auxiliary),
        (FILLER, Cue::Filler),
        (BOUNDARY, Cue::Boundary),
    ] {
        for word in words.split_whitespace() {
            map.insert(word, cue);
        }
    }
    for (index, &(_, positive, negative)) in CONCEPTS.iter().enumerate() {
        let concept = u8::try_from(index).unwrap_or(u8::MAX);
        for (words, sign) in [(positive, 1), (negative, -1)] {
            for word in words.split_whitespace() {
                map.insert(word, Cue::Polar { concept, sign });
            }
        }
    }
    for word in NEGATION.split_whitespace() {
        map.insert(word, Cue::Negation);
    }
    map
});

/// Concepts whose cue word is a stance on its own: dependence, alliance, legality.
const SELF_STANCE_CONCEPTS: [u8; 3] = [2, 3, 6];

fn single_word_cue(lower: &str) -> Cue {
    if lower.ends_with("n't") {
        return Cue::Negation;
    }
    CUE_WORDS.get(lower).copied().unwrap_or(Cue::None)
}

struct Alias {
    canonical: &'static str,
    display: &'static str,
    /// Short keys ("us", "un") only count when written in capitals ("US", "UN", "U.S.").
    needs_caps: bool,
}

static ALIASES: LazyLock<FastMap<&'static str, Alias>> = LazyLock::new(|| {
    // canonical key, display name, every spelling separated by '|'
    let table: &[(&str, &str, &str)] = &[
        (
            "united states",
            "United States",
            "us|usa|united states|united states of america|america|american|americans",
        ),
        ("united nations", "United Nations", "un|united nations"),
        (
            "north korea",
            "North Korea",
            "dprk|north korea|north korean|north koreans",
        ),
        (
            "south korea",
            "South Korea",
            "rok|south korea|south korean|south koreans",
        ),
        (
            "china",
            "China",
            "prc|china|chinese|people republic of china",
        ),
        (
            "russia",
            "Russia",
            "russia|russian|russians|russian federation",
        ),
        (
            "soviet union",
            "Soviet Union",
            "ussr|soviet union|soviet|soviets",
        ),
        (
            "united kingdom",
            "United Kingdom",
            "uk|united kingdom|britain|great britain|british",
        ),
        ("european union", "European Union", "eu|european union"),
        ("japan", "Japan", "japan|japanese"),
        ("ukraine", "Ukraine", "ukraine|ukrainian|ukrainians"),
        ("iran", "Iran", "iran|iranian|iranians"),
        ("germany", "Germany", "germany|german|germans"),
        ("france", "France", "france|french"),
        ("india", "India", "india|indian|indians"),
        ("israel", "Israel", "israel|israeli|israelis"),
        ("nato", "NATO", "nato"),
    ];
    let mut map = FastMap::default();
    for &(canonical, display, keys) in table {
        for key in keys.split('|') {
            map.insert(
                key,
                Alias {
                    canonical,
                    display,
                    needs_caps: key.len() <= 3 && !key.contains(' '),
                },
            );
        }
    }
    map
});

/// The first words of the alias keys.
static ALIAS_FIRST_WORDS: LazyLock<FastSet<&'static str>> = LazyLock::new(|| {
    ALIASES
        .keys()
        .filter_map(|key| key.split(' ').next())
        .collect()
});

/// Longest alias key spans this many words.
const MAX_ALIAS_WORDS: usize = 4;

/// Light suffix folding: plurals, -ing/-ed, -ly, and -ence/-ent so "dependence" meets
/// "dependent"; into a reused buffer.
fn stem_into(lower: &str, w: &mut String) {
    w.clear();
    w.push_str(lower);
    // Non-ASCII words are left alone, which also keeps every truncation on a char boundary.
    if w.len() <= 3 || !w.is_ascii() {
        return;
    }
    if matches!(w.as_str(), "ally" | "allies" | "allied") {
        w.truncate(3);
        w.push('y');
        return;
    }
    if w.len() >= 5 && w.ends_with("ies") {
        w.truncate(w.len() - 3);
        w.push('y');
    } else if w.ends_with("sses") {
        w.truncate(w.len() - 2);
    } else if w.ends_with('s') && !w.ends_with("ss") && !w.ends_with("us") && !w.ends_with("is") {
        w.truncate(w.len() - 1);
    }
    if w.len() > 6 && w.ends_with("ly") {
        w.truncate(w.len() - 2);
    }
    let before = w.len();
    if w.len() >= 5 && w.ends_with("ied") {
        w.truncate(w.len() - 3);
        w.push('y');
    } else if w.len() >= 6 && w.ends_with("ing") {
        w.truncate(w.len() - 3);
    } else if w.len() >= 5 && w.ends_with("ed") {
        w.truncate(w.len() - 2);
    }
    if w.len() < before
        && let [.., x, y] = w.as_bytes()
        && x == y
        && !matches!(x, b'l' | b's' | b'z' | b'e' | b'o' | b'a' | b'i' | b'u')
    {
        // "stopped" -> "stopp" -> "stop"
        w.truncate(w.len() - 1);
    }
    if w.len() > 6 {
        for suffix in ["ence", "ency", "ent"] {
            if w.ends_with(suffix) {
                w.truncate(w.len() - suffix.len());
                break;
            }
        }
    }
    if w.len() > 4 && w.ends_with('e') {
        w.truncate(w.len() - 1);
    }
}

// ---------------------------------------------------------------------------------------------
// Analysis: claims to terms and cue-bearing tokens
// ---------------------------------------------------------------------------------------------

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum TermKind {
    Word,
    Entity,
    Number,
}

#[derive(Debug)]
struct TermInfo {
    kind: TermKind,
    display: Box<str>,
    /// Claims using the term.
    df: u32,
    /// The document of the first claim using the term (meaningless while `df` is 0).
    first_doc: u32,
    /// Whether claims of more than one document use the term.
    is_shared: bool,
    is_common: bool,
    idf: f32,
}

/// One token of a claim as the cue analysis sees it.
#[derive(Debug, Clone, Copy)]
struct Tok {
    /// Byte offsets as `u32`: claims are sentences, and half a million claims' tokens are
    /// kept until the pairs are labelled, so every byte of a `Tok` counts.
    start: u32,
    end: u32,
    term: u32,
    cue: Cue,
}

#[derive(Debug, Clone)]
struct NumberMention {
    /// "%" or the stem of the word after the number ("times", "missiles"); short, so inline.
    unit: smol_str::SmolStr,
    value: f64,
    /// Where the figure is written in the claim ("71 times").
    display: Span,
}

impl NumberMention {
    /// The figure as the claim writes it.
    fn text<'t>(&self, claim: &'t str) -> &'t str {
        claim
            .get(self.display.0 as usize..self.display.1 as usize)
            .unwrap_or("")
    }
}

/// A claim's tokens, years and figures: what the labels need. Only claims met in candidate
/// pairs need them, so they are not kept from the first analysis but analysed again on first
/// use (see [`Corpus::detail`]); the terms alone are kept for every claim.
#[derive(Debug, Default)]
struct ClaimData {
    toks: Vec<Tok>,
    years: Vec<u32>,
    numbers: Vec<NumberMention>,
}

impl ClaimData {
    fn clear(&mut self) {
        self.toks.clear();
        self.years.clear();
        self.numbers.clear();
    }
}

#[derive(Default)]
struct Vocab {
    ids: FastMap<String, u32>,
    infos: Vec<TermInfo>,
}

impl Vocab {
    fn intern(&mut self, key: &str, kind: TermKind, display: &str) -> u32 {
        if let Some(&id) = self.ids.get(key) {
            if kind == TermKind::Entity
                && let Some(info) = self.infos.get_mut(id as usize)
                && info.kind == TermKind::Word
            {
                info.kind = TermKind::Entity;
                info.display = display.into();
            }
            return id;
        }
        let id = u32::try_from(self.infos.len()).unwrap_or(NO_TERM - 1);
        self.ids.insert(key.to_string(), id);
        self.infos.push(TermInfo {
            kind,
            display: display.into(),
            df: 0,
            first_doc: 0,
            is_shared: false,
            is_common: false,
            idf: 1.0,
        });
        id
    }

    fn info(&self, term: u32) -> Option<&TermInfo> {
        self.infos.get(term as usize)
    }

    /// Adds a chunk's vocabulary as if its claims had been interned here one by one, after
    /// every earlier chunk: new terms get the next ids in the chunk's own order (its order of
    /// first use), and a word first seen as a name in this chunk becomes an entity, as
    /// [`Vocab::intern`] does; document frequencies and first documents (counted per chunk)
    /// combine as if counted over all claims in order. Returns the
    /// chunk's term ids mapped to the merged ids.
    fn merge_chunk(&mut self, chunk: Vocab) -> Vec<u32> {
        let mut keys: Vec<Option<String>> = Vec::new();
        keys.resize_with(chunk.infos.len(), || None);
        for (key, id) in chunk.ids {
            if let Some(slot) = keys.get_mut(id as usize) {
                *slot = Some(key);
            }
        }
        keys.into_iter()
            .zip(chunk.infos)
            .map(|(key, info)| {
                let key = key.unwrap_or_default();
                if let Some(&id) = self.ids.get(&key) {
                    if let Some(existing) = self.infos.get_mut(id as usize) {
                        if existing.df == 0 {
                            existing.first_doc = info.first_doc;
                            existing.is_shared = info.is_shared;
                        } else if info.df > 0 {
                            existing.is_shared |=
                                info.is_shared || info.first_doc != existing.first_doc;
                        }
                        existing.df += info.df;
                        if info.kind == TermKind::Entity && existing.kind == TermKind::Word {
                            existing.kind = TermKind::Entity;
                            existing.display = info.display;
                        }
                    }
                    return id;
                }
                let id = u32::try_from(self.infos.len()).unwrap_or(NO_TERM - 1);
                self.ids.insert(key, id);
                self.infos.push(info);
                id
            })
            .collect()
    }
}

/// Where the analyser's terms go: a chunk's own vocabulary while the corpus is built, or the
/// finished vocabulary's ids when a claim is analysed again for its tokens.
enum TermSink<'v> {
    Build(Vocab),
    Lookup(&'v FastMap<String, u32>),
}

impl TermSink<'_> {
    fn intern(&mut self, key: &str, kind: TermKind, display: &str) -> u32 {
        match self {
            TermSink::Build(vocab) => vocab.intern(key, kind, display),
            // Every key was interned when the corpus was built, from the same text.
            TermSink::Lookup(ids) => ids.get(key).copied().unwrap_or(NO_TERM),
        }
    }
}

/// Per-claim analyser state, reused across claims to avoid allocations; one per chunk of
/// claims, each with its own vocabulary (merged afterwards by [`Vocab::merge_chunk`]).
struct Analyzer<'t, 'c, 'v> {
    sink: TermSink<'v>,
    /// Capitalised words seen away from a sentence start: proper names, not sentence openers.
    mid_sentence_caps: &'c FastSet<&'t str>,
    /// Buffers and word caches, kept between claims (and between analysers, see
    /// [`Analyzer::into_buffers`]).
    b: AnalyzerBuffers<'t>,
}

/// An analyser's buffers and plain-word cache, kept between claims analysed again.
#[derive(Default)]
struct AnalyzerBuffers<'t> {
    lexemes: Vec<Lexeme>,
    buf: String,
    key: String,
    stemmed: String,
    number: String,
    bag: Vec<u32>,
    /// What a plain (non-name) word written this way means, for words seen before: most
    /// words recur, and one lookup of the surface replaces lowercasing, two word-list
    /// lookups, stemming and interning. Its term ids are the sink's. Keyed by the surface's
    /// bytes (see [`SurfaceKey`]).
    plain_words: FastMap<SurfaceKey<'t>, PlainWord>,
    /// What the name analysis asks of the words of capitalised runs, and what they mean as a
    /// single name or as a plain word once learned, so that a word of a run is looked up once.
    caps_words: FastMap<SurfaceKey<'t>, CapsEntry>,
    /// The last entry [`Analyzer::caps_word`] answered, by its start in the current claim:
    /// the name analysis asks about most words of a run two or three times in a row.
    last_caps_word: Option<(usize, CapsEntry)>,
}

/// A word of a capitalised run in [`AnalyzerBuffers::caps_words`].
#[derive(Debug, Clone, Copy)]
struct CapsEntry {
    word: CapsWord,
    /// Its meaning as a single name (interned as an entity: once a name's term is an entity,
    /// interning it again changes nothing), once learned.
    name: Option<PlainWord>,
    /// Its meaning as a plain word (a sentence opener, a stopword, "of"), once learned: the
    /// one [`AnalyzerBuffers::plain_words`] would give.
    plain: Option<PlainWord>,
}

/// A word of a capitalised run as the name analysis sees it, from its normalised form.
#[derive(Debug, Clone, Copy)]
struct CapsWord {
    /// It is the first word of an alias key ("united" of "united states").
    starts_alias: bool,
    is_stopword: bool,
    is_of: bool,
}

/// A plain word's cue and term, and whether it completes a two-word cue.
#[derive(Debug, Clone, Copy)]
struct PlainWord {
    cue: Cue,
    term: u32,
    second_of: SecondWord,
}

/// Second words of the two-word cues decided in [`Analyzer::add_plain_word`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum SecondWord {
    None,
    /// "far from"
    From,
    /// "rather than"
    Than,
    /// "instead of"
    Of,
    /// "not only", "not just"
    OnlyOrJust,
    /// "a little", "a lack"
    LittleOrLack,
}

/// Capitalised words seen away from a sentence start in any claim: proper names, not
/// sentence openers. Built in parallel over chunks of claims and merged (a set union, so the
/// result does not depend on the chunking).
fn mid_sentence_caps<'t>(claims: &[ClaimText<'t>]) -> FastSet<&'t str> {
    claims
        .par_chunks(analysis_chunk_claims(claims.len()))
        .map(|chunk| {
            let mut lexemes = Vec::new();
            let mut caps = FastSet::default();
            for claim in chunk {
                if let Some(end) = mid_sentence_caps_extent(claim.text) {
                    let text = claim.text.get(..end).unwrap_or(claim.text);
                    let (start, is_sentence_start) = mid_sentence_caps_start(text.as_bytes());
                    add_mid_sentence_caps(text, start, is_sentence_start, &mut lexemes, &mut caps);
                }
            }
            caps
        })
        .reduce(FastSet::default, |mut a, b| {
            if a.len() < b.len() {
                return b.into_iter().chain(a).collect();
            }
            a.extend(b);
            a
        })
}

/// Adds the capitalised words of `text` that are away from a sentence start to `caps`,
/// lexing into `lexemes` from byte `start` (where no lexeme of the whole text is cut, see
/// [`mid_sentence_caps_start`]), `is_sentence_start` telling whether the lexemes before it
/// leave a sentence start.
fn add_mid_sentence_caps<'t>(
    text: &'t str,
    start: usize,
    mut is_sentence_start: bool,
    lexemes: &mut Vec<Lexeme>,
    caps: &mut FastSet<&'t str>,
) {
    lex_from(text, start, lexemes);
    for lexeme in lexemes.iter() {
        match lexeme.kind {
            LexKind::SentenceBreak => is_sentence_start = true,
            LexKind::ClauseBreak => {}
            LexKind::Number => is_sentence_start = false,
            LexKind::Word => {
                if !is_sentence_start && is_capitalised_at(text, lexeme) {
                    let surface = text.get(lexeme.start..lexeme.end).unwrap_or("");
                    caps.insert(strip_possessive(surface));
                }
                is_sentence_start = false;
            }
        }
    }
}

/// How much of `text` [`add_mid_sentence_caps`] needs to lex: `None` when it would find
/// nothing, else a prefix length that gives the same words.
///
/// A capitalised word starts with an ASCII capital or a non-ASCII byte; past the last such
/// byte every lexeme is a small word, a number or a break, and adds nothing. The prefix ends
/// at the first space after that byte (or is the whole text): no lexeme spans a space, and
/// the lexer reads a space and the end of the text alike (as neither letter, digit nor
/// dot), so the lexemes before the space are those of the whole text. Claims that are ASCII
/// with no capital but perhaps their first byte (their only capitalised word, if any, is at
/// the sentence start) are not lexed at all. Most claims' last capital is well before their
/// end, so this lexes about half of the text the whole claims would have.
fn mid_sentence_caps_extent(text: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    let last = last_capital_or_non_ascii(bytes)?;
    if last == 0 && bytes.first().is_some_and(u8::is_ascii) {
        return None;
    }
    let rest = bytes.get(last..).unwrap_or(&[]);
    Some(
        rest.iter()
            .position(|&b| b == b' ')
            .map_or(bytes.len(), |at| last + at),
    )
}

/// Where [`add_mid_sentence_caps`] may start lexing `bytes`, and whether that is a sentence
/// start, as the lexemes before would leave it.
///
/// The lexing starts at the last space before the first byte that may matter: an ASCII
/// capital past the first byte (a capitalised word away from the sentence start), a non-ASCII
/// byte (a capital, or "…"), or a sentence break ('.', '!', '?'). No lexeme spans a space,
/// so the lexemes from there are those of the whole text. Before it there is no sentence
/// break and no capitalised word but the first, at the sentence start: it only holds words,
/// numbers and clause breaks, and the sentence start is over once it holds a word or a number,
/// that is an ASCII letter or digit.
fn mid_sentence_caps_start(bytes: &[u8]) -> (usize, bool) {
    if bytes.first().is_none_or(|&b| b >= 0x80) {
        return (0, true);
    }
    let stop = bytes
        .get(1..)
        .and_then(first_that_may_matter)
        .map_or(bytes.len(), |at| at + 1);
    match bytes
        .get(..stop)
        .and_then(|head| head.iter().rposition(|&b| b == b' '))
    {
        Some(space) => (
            space,
            !bytes
                .get(..space)
                .unwrap_or(&[])
                .iter()
                .any(u8::is_ascii_alphanumeric),
        ),
        None => (0, true),
    }
}

/// Whether a byte may matter to [`mid_sentence_caps_start`]: an ASCII capital, a non-ASCII
/// byte or a sentence break.
fn may_matter(b: u8) -> bool {
    b.wrapping_sub(b'A') < 26 || b >= 0x80 || matches!(b, b'.' | b'!' | b'?')
}

/// Where the first byte that [`may_matter`] is, eight bytes at a time.
fn first_that_may_matter(bytes: &[u8]) -> Option<usize> {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    // As in `ascii_alnum_run`: the high bit of each byte of `v` (all below 0x80) that is at
    // least `lo`. Each test below is exact for the lowest byte it flags, so their union is.
    let at_least = |v: u64, lo: u8| v + (0x80 - u64::from(lo)) * ONES;
    let mut chunks = bytes.chunks_exact(8);
    let mut at = 0;
    for chunk in chunks.by_ref() {
        let mut word = [0u8; 8];
        word.copy_from_slice(chunk);
        let x = u64::from_le_bytes(word);
        let low = x & !HIGH;
        let capital = at_least(low, b'A') & !at_least(low, b'Z' + 1);
        let flagged = (x | capital) & HIGH
            | swar::bytes_equal_to(x, b'.')
            | swar::bytes_equal_to(x, b'!')
            | swar::bytes_equal_to(x, b'?');
        if flagged != 0 {
            return Some(at + (flagged.trailing_zeros() / 8) as usize);
        }
        at += 8;
    }
    chunks
        .remainder()
        .iter()
        .position(|&b| may_matter(b))
        .map(|i| at + i)
}

/// Where the last ASCII capital or non-ASCII byte of `bytes` is. Sixteen bytes at a time
/// from the end, each block tested by a branch-free fold (a byte-by-byte backward search
/// costs several instructions a byte over the long small-letter tails); only the block
/// holding that byte is searched byte by byte.
fn last_capital_or_non_ascii(bytes: &[u8]) -> Option<usize> {
    let mut end = bytes.len();
    while end > 0 {
        let start = end.saturating_sub(16);
        let block = bytes.get(start..end).unwrap_or(&[]);
        let flagged = block.iter().fold(0u8, |acc, &b| {
            acc | u8::from(b.wrapping_sub(b'A') < 26) | (b & 0x80)
        });
        if flagged != 0 {
            return block
                .iter()
                .rposition(|&b| b.wrapping_sub(b'A') < 26 || b >= 0x80)
                .map(|at| start + at);
        }
        end = start;
    }
    None
}

/// Claims analysed per task of the parallel analysis: large enough that a chunk's vocabulary
/// is mostly reused, small enough to spread over the threads.
const ANALYSIS_CHUNK_CLAIMS: usize = 4096;

/// Claims per chunk of the corpus analysis.
fn analysis_chunk_claims(claims: usize) -> usize {
    // Fewer, larger chunks learn fewer words twice and leave less to merge; a few per
    // thread still balance the load and keep cancelling prompt.
    let per_thread = claims.div_ceil(4 * rayon::current_num_threads().max(1));
    per_thread.clamp(ANALYSIS_CHUNK_CLAIMS, MAX_ANALYSIS_CHUNK_CLAIMS)
}

/// At most this many claims per chunk of the corpus analysis.
const MAX_ANALYSIS_CHUNK_CLAIMS: usize = 65_536;

impl<'t, 'c, 'v> Analyzer<'t, 'c, 'v> {
    fn new(mid_sentence_caps: &'c FastSet<&'t str>, sink: TermSink<'v>) -> Self {
        Self::with_buffers(mid_sentence_caps, sink, AnalyzerBuffers::default())
    }

    fn with_buffers(
        mid_sentence_caps: &'c FastSet<&'t str>,
        sink: TermSink<'v>,
        b: AnalyzerBuffers<'t>,
    ) -> Self {
        Analyzer {
            sink,
            mid_sentence_caps,
            b,
        }
    }

    fn into_buffers(self) -> AnalyzerBuffers<'t> {
        self.b
    }

    /// Analyses a claim into `data` (cleared first); its term ids, one per use, are left in
    /// `self.b.bag`, sorted when the sink builds the vocabulary.
    fn analyze(&mut self, text: &'t str, data: &mut ClaimData) {
        let mut lexemes = std::mem::take(&mut self.b.lexemes);
        lex_into(text, &mut lexemes);
        self.b.last_caps_word = None;
        self.b.bag.clear();
        data.clear();
        let mut is_sentence_start = true;
        let mut i = 0;
        while let Some(lexeme) = lexemes.get(i) {
            match lexeme.kind {
                LexKind::SentenceBreak | LexKind::ClauseBreak => {
                    self.push_tok(
                        data,
                        Tok {
                            start: offset_u32(lexeme.start),
                            end: offset_u32(lexeme.end),
                            term: NO_TERM,
                            cue: Cue::Boundary,
                        },
                    );
                    if lexeme.kind == LexKind::SentenceBreak {
                        is_sentence_start = true;
                    }
                    i += 1;
                }
                LexKind::Number => {
                    self.add_number(text, &lexemes, i, data);
                    is_sentence_start = false;
                    i += 1;
                }
                LexKind::Word => {
                    if is_capitalised_at(text, lexeme) {
                        let run_end = caps_run_end(text, &lexemes, i);
                        self.add_caps_run(text, &lexemes, i, run_end, is_sentence_start, data);
                        i = run_end;
                    } else {
                        self.add_plain_word(text, lexeme, data);
                        i += 1;
                    }
                    is_sentence_start = false;
                }
            }
        }
        self.b.lexemes = lexemes;
        // Only the corpus build reads the bag; a claim analysed again for its detail does not.
        if matches!(self.sink, TermSink::Build(_)) {
            self.b.bag.sort_unstable();
        }
    }

    /// Keeps a token for the claim's detail: only a claim analysed again for its detail
    /// reads the tokens (the corpus build reads the bag alone), so the build keeps none.
    #[inline(always)]
    fn push_tok(&self, data: &mut ClaimData, tok: Tok) {
        if matches!(self.sink, TermSink::Lookup(_)) {
            data.toks.push(tok);
        }
    }

    /// A word outside a capitalised run: stopword, cue, or stemmed content word.
    fn add_plain_word(&mut self, text: &'t str, lexeme: &Lexeme, data: &mut ClaimData) {
        let surface = SurfaceKey::of(text.as_bytes(), lexeme.start, lexeme.end);
        let word = match self.b.plain_words.get(&surface) {
            Some(&word) => word,
            None => self.learn_plain_word(text, lexeme, surface),
        };
        self.add_word(text, lexeme, word, data);
    }

    /// A word of a capitalised run as a single name (`is_name`) or as a plain word, its
    /// meaning read from its caps entry (looked up by [`Analyzer::caps_word`]) once learned.
    fn add_caps_word(
        &mut self,
        text: &'t str,
        lexeme: &Lexeme,
        entry: CapsEntry,
        is_name: bool,
        data: &mut ClaimData,
    ) {
        let known = if is_name { entry.name } else { entry.plain };
        let word = match known {
            Some(word) => word,
            None => self.learn_caps_word(text, lexeme, is_name),
        };
        self.add_word(text, lexeme, word, data);
    }

    /// The first use of a capitalised word as a name or a plain word, kept in its entry.
    #[inline(never)]
    fn learn_caps_word(&mut self, text: &'t str, lexeme: &Lexeme, is_name: bool) -> PlainWord {
        let surface_text = text.get(lexeme.start..lexeme.end).unwrap_or("");
        let word = self.plain_word(surface_text, is_name);
        let surface = SurfaceKey::of(text.as_bytes(), lexeme.start, lexeme.end);
        if let Some(entry) = self.b.caps_words.get_mut(&surface) {
            if is_name {
                entry.name = Some(word);
            } else {
                entry.plain = Some(word);
            }
            if let Some((start, last)) = self.b.last_caps_word.as_mut()
                && *start == lexeme.start
            {
                *last = *entry;
            }
        }
        word
    }

    /// Adds a word outside a name, its meaning known. Inlined: it runs once per word, and out
    /// of line its prologue was a tenth of its cost.
    #[inline(always)]
    fn add_word(&mut self, text: &'t str, lexeme: &Lexeme, word: PlainWord, data: &mut ClaimData) {
        let PlainWord {
            mut cue,
            term,
            second_of,
        } = word;
        // Two-word cues are decided by the word before.
        if second_of != SecondWord::None
            && let Some(last) = data.toks.last_mut()
        {
            let previous_word = text
                .get(last.start as usize..last.end as usize)
                .unwrap_or("");
            let previous_is = |word: &str| previous_word.eq_ignore_ascii_case(word);
            if (previous_is("far") && second_of == SecondWord::From)
                || (previous_is("rather") && second_of == SecondWord::Than)
                || (previous_is("instead") && second_of == SecondWord::Of)
            {
                last.cue = Cue::Negation;
                cue = Cue::Filler;
            } else if previous_is("not") && second_of == SecondWord::OnlyOrJust {
                last.cue = Cue::None;
            } else if previous_is("a") && second_of == SecondWord::LittleOrLack {
                cue = Cue::None;
            }
        }
        if term != NO_TERM {
            self.b.bag.push(term);
        }
        self.push_tok(
            data,
            Tok {
                start: offset_u32(lexeme.start),
                end: offset_u32(lexeme.end),
                term,
                cue,
            },
        );
    }

    /// A word's first use in [`Analyzer::add_plain_word`]: what it means, kept in the cache.
    /// Out of line, with [`Analyzer::plain_word`]: inlined, the buffers, the interning and
    /// the cache insertion would weigh (in saved registers) on every cache hit of the caller.
    #[inline(never)]
    fn learn_plain_word(
        &mut self,
        text: &'t str,
        lexeme: &Lexeme,
        surface: SurfaceKey<'t>,
    ) -> PlainWord {
        let surface_text = text.get(lexeme.start..lexeme.end).unwrap_or("");
        let word = self.plain_word(surface_text, false);
        self.b.plain_words.insert(surface, word);
        word
    }

    /// What a plain word or a single name means on its own: cue, term (interned here) and
    /// the two-word cue it may complete.
    fn plain_word(&mut self, surface: &str, is_name: bool) -> PlainWord {
        normalize_word_into(surface, &mut self.b.buf);
        let cue = single_word_cue(&self.b.buf);
        let second_of = match self.b.buf.as_str() {
            "from" => SecondWord::From,
            "than" => SecondWord::Than,
            "of" => SecondWord::Of,
            "only" | "just" => SecondWord::OnlyOrJust,
            "little" | "lack" => SecondWord::LittleOrLack,
            _ => SecondWord::None,
        };
        let term = if STOPWORDS.contains(self.b.buf.as_str()) || self.b.buf.is_empty() {
            NO_TERM
        } else {
            stem_into(&self.b.buf, &mut self.b.stemmed);
            let (kind, display) = if is_name {
                (TermKind::Entity, strip_possessive(surface))
            } else {
                (TermKind::Word, self.b.buf.as_str())
            };
            self.sink.intern(&self.b.stemmed, kind, display)
        };
        PlainWord {
            cue,
            term,
            second_of,
        }
    }

    /// What the name analysis asks of a word, looked up once per spelling.
    fn caps_word(&mut self, text: &'t str, lexeme: &Lexeme) -> CapsEntry {
        if let Some((start, word)) = self.b.last_caps_word
            && start == lexeme.start
        {
            return word;
        }
        let surface = SurfaceKey::of(text.as_bytes(), lexeme.start, lexeme.end);
        if let Some(&word) = self.b.caps_words.get(&surface) {
            self.b.last_caps_word = Some((lexeme.start, word));
            return word;
        }
        normalize_word_into(
            text.get(lexeme.start..lexeme.end).unwrap_or(""),
            &mut self.b.buf,
        );
        let word = CapsEntry {
            word: CapsWord {
                starts_alias: ALIAS_FIRST_WORDS.contains(self.b.buf.as_str()),
                is_stopword: STOPWORDS.contains(self.b.buf.as_str()),
                is_of: self.b.buf == "of",
            },
            name: None,
            plain: None,
        };
        self.b.caps_words.insert(surface, word);
        self.b.last_caps_word = Some((lexeme.start, word));
        word
    }

    fn alias_at(
        &mut self,
        text: &'t str,
        lexemes: &[Lexeme],
        at: usize,
        end: usize,
    ) -> Option<(usize, &'static Alias)> {
        let longest = (end - at).min(MAX_ALIAS_WORDS);
        // Most capitalised words start no alias: one lookup of the first word rules them out.
        let first = lexemes.get(at).filter(|_| longest > 0)?;
        if !self.caps_word(text, first).word.starts_alias {
            return None;
        }
        for len in (1..=longest).rev() {
            self.b.key.clear();
            let mut is_caps = true;
            for (n, lexeme) in lexemes.get(at..at + len)?.iter().enumerate() {
                let surface = text.get(lexeme.start..lexeme.end).unwrap_or("");
                is_caps &= is_all_caps(surface);
                normalize_word_into(surface, &mut self.b.buf);
                if n > 0 {
                    self.b.key.push(' ');
                }
                self.b.key.push_str(&self.b.buf);
            }
            if let Some(alias) = ALIASES.get(self.b.key.as_str())
                && (!alias.needs_caps || is_caps)
            {
                return Some((len, alias));
            }
        }
        None
    }

    /// A run of capitalised words: aliases, multiword names, single names, sentence openers.
    fn add_caps_run(
        &mut self,
        text: &'t str,
        lexemes: &[Lexeme],
        start: usize,
        end: usize,
        is_sentence_start: bool,
        data: &mut ClaimData,
    ) {
        let mut at = start;
        while at < end {
            let Some(lexeme) = lexemes.get(at).copied() else {
                return;
            };
            if let Some((len, alias)) = self.alias_at(text, lexemes, at, end) {
                let last_end = lexemes.get(at + len - 1).map_or(lexeme.end, |l| l.end);
                let term = self
                    .sink
                    .intern(alias.canonical, TermKind::Entity, alias.display);
                self.b.bag.push(term);
                self.push_tok(
                    data,
                    Tok {
                        start: offset_u32(lexeme.start),
                        end: offset_u32(last_end),
                        term,
                        cue: Cue::None,
                    },
                );
                at += len;
                continue;
            }
            let surface = text.get(lexeme.start..lexeme.end).unwrap_or("");
            let entry = self.caps_word(text, &lexeme);
            let word = entry.word;
            let is_opener = at == start
                && is_sentence_start
                && !self.mid_sentence_caps.contains(strip_possessive(surface))
                && !is_all_caps(surface);
            if is_opener || word.is_stopword || word.is_of {
                self.add_caps_word(text, &lexeme, entry, false, data);
                at += 1;
                continue;
            }
            // A name chunk runs until a stopword or the start of an alias.
            let mut chunk_end = at + 1;
            while chunk_end < end {
                let Some(next) = lexemes.get(chunk_end) else {
                    break;
                };
                let word = self.caps_word(text, next).word;
                if (!word.is_of && word.is_stopword)
                    || self.alias_at(text, lexemes, chunk_end, end).is_some()
                {
                    break;
                }
                chunk_end += 1;
            }
            // A chunk never ends on "of".
            while chunk_end > at + 1 {
                let Some(last) = lexemes.get(chunk_end - 1) else {
                    break;
                };
                let last_surface = text.get(last.start..last.end).unwrap_or("");
                if last_surface.eq_ignore_ascii_case("of") {
                    chunk_end -= 1;
                } else {
                    break;
                }
            }
            if chunk_end == at + 1 {
                self.add_caps_word(text, &lexeme, entry, true, data);
                at += 1;
                continue;
            }
            self.add_multiword_name(text, lexemes, at, chunk_end, data);
            at = chunk_end;
        }
    }

    fn add_multiword_name(
        &mut self,
        text: &str,
        lexemes: &[Lexeme],
        start: usize,
        end: usize,
        data: &mut ClaimData,
    ) {
        let Some(chunk) = lexemes.get(start..end) else {
            return;
        };
        let (Some(first), Some(last)) = (chunk.first(), chunk.last()) else {
            return;
        };
        self.b.key.clear();
        for (n, lexeme) in chunk.iter().enumerate() {
            let surface = text.get(lexeme.start..lexeme.end).unwrap_or("");
            normalize_word_into(surface, &mut self.b.buf);
            if n > 0 {
                self.b.key.push(' ');
            }
            self.b.key.push_str(&self.b.buf);
        }
        let display = strip_possessive(text.get(first.start..last.end).unwrap_or(""));
        let term = self.sink.intern(&self.b.key, TermKind::Entity, display);
        self.b.bag.push(term);
        // Parts of a long name ("Moscow" in "Moscow Conference on ...") still match on their own.
        for lexeme in chunk {
            let surface = text.get(lexeme.start..lexeme.end).unwrap_or("");
            normalize_word_into(surface, &mut self.b.buf);
            if self.b.buf == "of" {
                continue;
            }
            stem_into(&self.b.buf, &mut self.b.stemmed);
            let id = self
                .sink
                .intern(&self.b.stemmed, TermKind::Word, &self.b.buf);
            self.b.bag.push(id);
        }
        self.push_tok(
            data,
            Tok {
                start: offset_u32(first.start),
                end: offset_u32(last.end),
                term,
                cue: Cue::None,
            },
        );
    }

    fn add_number(&mut self, text: &str, lexemes: &[Lexeme], at: usize, data: &mut ClaimData) {
        let Some(lexeme) = lexemes.get(at) else {
            return;
        };
        let surface = text.get(lexeme.start..lexeme.end).unwrap_or("");
        // A non-ASCII char's lead byte is where the char is: bytes find what chars would.
        let digits_len = surface
            .bytes()
            .position(|b| !(b.is_ascii_digit() || b == b',' || b == b'.'))
            .unwrap_or(surface.len());
        let (digits, suffix) = surface.split_at(digits_len);
        let mut plain = std::mem::take(&mut self.b.number);
        plain.clear();
        if digits.contains(',') {
            plain.extend(digits.chars().filter(|&c| c != ','));
        } else {
            plain.push_str(digits);
        }
        let mut tok = Tok {
            start: offset_u32(lexeme.start),
            end: offset_u32(lexeme.end),
            term: NO_TERM,
            cue: Cue::None,
        };
        // Years and figures are only read by the labels, from claims analysed again.
        let keeps_figures = matches!(self.sink, TermSink::Lookup(_));
        let Some(value) = parse_figure(&plain) else {
            self.b.number = plain;
            self.push_tok(data, tok);
            return;
        };
        let is_year_shaped = plain.len() == 4 && !plain.contains('.');
        self.b.key.clear();
        self.b.key.push('#');
        self.b.key.push_str(&plain);
        match suffix {
            "s" if is_year_shaped => {
                self.b.key.push('s');
                tok.term = self.sink.intern(&self.b.key, TermKind::Number, surface);
            }
            "" if is_year_shaped && (1000.0..=2100.0).contains(&value) => {
                tok.term = self.sink.intern(&self.b.key, TermKind::Number, surface);
                if keeps_figures && let Ok(year) = plain.parse::<u32>() {
                    data.years.push(year);
                }
            }
            "%" | "" => {
                // The unit: "%", or the stem of the next word (in `self.b.stemmed`).
                let mut unit: Option<&str> = None;
                let mut display_end = lexeme.end;
                if suffix == "%" {
                    unit = Some("%");
                } else if let Some(next) = lexemes.get(at + 1).filter(|l| l.kind == LexKind::Word) {
                    let next_surface = text.get(next.start..next.end).unwrap_or("");
                    normalize_word_into(next_surface, &mut self.b.buf);
                    if matches!(self.b.buf.as_str(), "percent" | "pct") {
                        unit = Some("%");
                        display_end = next.end;
                    } else if !STOPWORDS.contains(self.b.buf.as_str()) {
                        stem_into(&self.b.buf, &mut self.b.stemmed);
                        unit = Some(self.b.stemmed.as_str());
                        display_end = next.end;
                    }
                }
                let Some(unit) = unit.filter(|u| !u.is_empty()) else {
                    // Bare numbers are mostly footnote marks and counts; they relate nothing.
                    self.b.number = plain;
                    self.push_tok(data, tok);
                    return;
                };
                let display_span = if text.get(lexeme.start..display_end).is_some() {
                    (lexeme.start, display_end)
                } else {
                    (lexeme.start, lexeme.end)
                };
                let display = text.get(display_span.0..display_span.1).unwrap_or(surface);
                self.b.key.push(' ');
                self.b.key.push_str(unit);
                if keeps_figures {
                    data.numbers.push(NumberMention {
                        unit: unit.into(),
                        value,
                        display: (offset_u32(display_span.0), offset_u32(display_span.1)),
                    });
                }
                tok.term = self.sink.intern(&self.b.key, TermKind::Number, display);
            }
            _ => {}
        }
        self.b.number = plain;
        if tok.term != NO_TERM {
            self.b.bag.push(tok.term);
        }
        self.push_tok(data, tok);
    }
}

/// `plain` (a number's digits, perhaps with dots) as `str::parse::<f64>` reads it. Most
/// figures are whole numbers of a few digits: up to 15 digits are below 2^53, so their
/// value read as an integer converts to the same `f64` exactly, without the float parser.
/// With one dot, the digits read as an integer `m` with `k` after the dot: `m` and `10^k`
/// are exact as `f64` (`k` ≤ 15), and a division of exact operands is correctly rounded, as
/// the parser's reading of the decimal `m / 10^k` is: the same `f64`.
fn parse_figure(plain: &str) -> Option<f64> {
    const POWERS_OF_TEN: [f64; 16] = [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
    ];
    let bytes = plain.as_bytes();
    let mut value = 0u64;
    let mut digits = 0;
    let mut dot: Option<usize> = None;
    for (at, &b) in bytes.iter().enumerate() {
        if b.is_ascii_digit() {
            value = value * 10 + u64::from(b - b'0');
            digits += 1;
            if digits > 15 {
                return plain.parse::<f64>().ok();
            }
        } else if b == b'.' && dot.is_none() {
            dot = Some(at);
        } else {
            return plain.parse::<f64>().ok();
        }
    }
    if digits == 0 {
        return plain.parse::<f64>().ok();
    }
    match dot {
        None => Some(value as f64),
        Some(at) => POWERS_OF_TEN
            .get(bytes.len() - at - 1)
            .map(|&power| value as f64 / power),
    }
}

/// End (exclusive) of the run of capitalised words starting at `start`; "of" may join two
/// capitalised words ("Republic of China").
fn caps_run_end(text: &str, lexemes: &[Lexeme], start: usize) -> usize {
    let word_at = |i: usize| lexemes.get(i).filter(|l| l.kind == LexKind::Word);
    let is_of = |l: &Lexeme| text.as_bytes().get(l.start..l.end) == Some(b"of".as_slice());
    let mut end = start + 1;
    loop {
        match word_at(end) {
            Some(w) if is_capitalised_at(text, w) => end += 1,
            Some(w) if is_of(w) && word_at(end + 1).is_some_and(|l| is_capitalised_at(text, l)) => {
                end += 2;
            }
            _ => return end,
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Corpus: weights, candidates, labels
// ---------------------------------------------------------------------------------------------

/// How much two claims share.
#[derive(Debug, Default, Clone, Copy)]
struct Overlap {
    /// Cosine of the two term vectors.
    score: f32,
    /// The part of `score` carried by non-common terms.
    key_score: f32,
    /// Number of shared non-common terms.
    key_terms: u32,
    /// One of them (the last), meaningful when `key_terms == 1`.
    some_key_term: u32,
}

/// The candidate index: the posting lists of the walked terms, one after the other (claims in
/// order within each list), and what the walk makes of every term.
struct Index {
    /// Dense document number of every claim.
    docs: Vec<u32>,
    /// Where each term's postings start in `postings` (`term_starts[t]..term_starts[t + 1]`);
    /// empty for terms that are not walked.
    term_starts: Vec<u32>,
    postings: Vec<Posting>,
    /// Shareable terms that are not walked (common or over budget): they only rescore pairs
    /// found through the walked terms.
    is_unwalked: Vec<bool>,
}

impl Index {
    fn postings_of(&self, term: u32) -> &[Posting] {
        let term = term as usize;
        match (self.term_starts.get(term), self.term_starts.get(term + 1)) {
            (Some(&start), Some(&end)) => self
                .postings
                .get(start as usize..end as usize)
                .unwrap_or(&[]),
            _ => &[],
        }
    }

    fn is_walked(&self, term: u32) -> bool {
        let term = term as usize;
        match (self.term_starts.get(term), self.term_starts.get(term + 1)) {
            (Some(start), Some(end)) => start < end,
            _ => false,
        }
    }

    fn is_unwalked(&self, term: u32) -> bool {
        self.is_unwalked
            .get(term as usize)
            .copied()
            .unwrap_or(false)
    }
}

/// A pair one claim proposes, (score, lower claim, higher claim), as one integer whose order
/// is the order pairs are accepted in: score descending (positive finite scores order as
/// their bits), then lower claim, then higher claim; its low 64 bits are the pair.
type Nomination = u128;

/// The [`Nomination`] of a pair.
fn nomination(score: f32, a: u32, b: u32) -> Nomination {
    (u128::from(!score.to_bits()) << 64) | (u128::from(a) << 32) | u128::from(b)
}

/// The score and claims of a [`Nomination`].
fn nomination_parts(nomination: Nomination) -> (f32, usize, usize) {
    let score = f32::from_bits(!((nomination >> 64) as u32));
    (
        score,
        (nomination >> 32) as u32 as usize,
        nomination as u32 as usize,
    )
}

/// A claim's number as a nomination stores it (studies hold far fewer than 2³² claims).
fn claim_u32(claim: usize) -> u32 {
    u32::try_from(claim).unwrap_or(u32::MAX)
}

/// A partner's walked score and claim as one integer whose order is the partners' order:
/// higher score first, then lower claim. Scores are positive and finite, so their bits
/// order as the scores do; a sum already read (zero) gets the lowest keys.
fn candidate_key(score: f32, claim: u32) -> u64 {
    (u64::from(score.to_bits()) << 32) | u64::from(!claim)
}

/// The walked score and claim number of a [`candidate_key`].
fn from_candidate_key(key: u64) -> (f32, usize) {
    let claim = !(key as u32);
    (f32::from_bits((key >> 32) as u32), claim as usize)
}

/// Adds `weight` times each posting's weight to its claim's sum. A function of its own (called
/// once per term of a claim) so that the loop keeps everything in registers.
#[inline(never)]
fn accumulate(accumulator: &mut [f32], postings: &[Posting], weight: f32) {
    for posting in postings {
        if let Some(slot) = accumulator.get_mut(posting.claim as usize) {
            *slot += weight * posting.weight;
        }
    }
}

/// Reads and clears the sums of the postings' claims, adding those above `bar` and outside
/// document `doc` to `candidates` (see [`Corpus::nominate`]); returns the new bar. With
/// `ADDS`, first adds `weight` times each posting's weight to its sum, as [`accumulate`]
/// does: the last term accumulated completes its claims' sums as it goes, so its postings
/// are read once instead of twice.
#[inline(never)]
fn take_candidates<const ADDS: bool>(
    accumulator: &mut [f32],
    postings: &[Posting],
    weight: f32,
    doc: u32,
    mut bar: u64,
    candidates: &mut Candidates,
) -> u64 {
    // A key's high half is its sum's bits: a sum whose bits are below the bar's high half
    // cannot beat the bar whatever its claim, so most postings cost one 32-bit comparison
    // and the key is only built for the few that may pass.
    let mut bar_bits = (bar >> 32) as u32;
    for posting in postings {
        let Some(slot) = accumulator.get_mut(posting.claim as usize) else {
            continue;
        };
        let mut sum = std::mem::replace(slot, 0.0);
        if ADDS {
            sum += weight * posting.weight;
        }
        if sum.to_bits() < bar_bits {
            continue;
        }
        let key = candidate_key(sum, posting.claim);
        if key > bar && posting.doc != doc {
            bar = keep_candidate(candidates, key).unwrap_or(bar);
            bar_bits = (bar >> 32) as u32;
        }
    }
    bar
}

/// The best partners so far as [`candidate_key`]s, best first, at most
/// [`CANDIDATES_PER_CLAIM`]: a fixed array, so that inserting into it is a few moves, with no
/// growth path for the compiler to weigh in [`take_candidates`].
#[derive(Default)]
struct Candidates {
    keys: [u64; CANDIDATES_PER_CLAIM],
    len: usize,
}

impl Candidates {
    fn clear(&mut self) {
        self.len = 0;
    }

    fn as_slice(&self) -> &[u64] {
        self.keys.get(..self.len).unwrap_or(&[])
    }
}

/// Inserts `key` into `candidates` (best first, at most [`CANDIDATES_PER_CLAIM`], `key`
/// better than the last when full); the list's last key once it is full.
fn keep_candidate(candidates: &mut Candidates, key: u64) -> Option<u64> {
    // When full, the last key makes room; the worse keys move down one, a move at a time
    // (the list is short).
    let mut at = candidates.len.min(CANDIDATES_PER_CLAIM - 1);
    candidates.len = (candidates.len + 1).min(CANDIDATES_PER_CLAIM);
    let keys = &mut candidates.keys;
    while let Some(at_before) = at.checked_sub(1) {
        let Some(&kept) = keys.get(at_before) else {
            break;
        };
        if kept > key {
            break;
        }
        if let Some(slot) = keys.get_mut(at) {
            *slot = kept;
        }
        at = at_before;
    }
    if let Some(slot) = keys.get_mut(at) {
        *slot = key;
    }
    (candidates.len == CANDIDATES_PER_CLAIM)
        .then(|| keys.last().copied())
        .flatten()
}

/// Per-thread buffers of the candidate walk, reset after each claim.
struct WalkScratch {
    /// The walked terms' share of the score, per partner claim.
    accumulator: Vec<f32>,
    /// The current claim's unwalked term weights, by term.
    term_scratch: Vec<f32>,
    /// The best partners so far as [`candidate_key`]s, best first.
    candidates: Candidates,
    best: Vec<(f32, usize)>,
    /// The current claim's walked terms, heaviest first (see [`Corpus::nominate`]).
    heaviest: Vec<(f32, u32)>,
}

impl WalkScratch {
    fn new(claims: usize, terms: usize) -> Self {
        Self {
            accumulator: vec![0.0; claims],
            term_scratch: vec![0.0; terms],
            candidates: Candidates::default(),
            best: Vec::new(),
            heaviest: Vec::new(),
        }
    }
}

/// Claims per task of the parallel candidate walk.
const NOMINATION_CHUNK_CLAIMS: usize = 2048;

/// One claim in a term's posting list.
#[derive(Debug, Clone, Copy)]
struct Posting {
    claim: u32,
    /// Dense document number (see [`Index::docs`]), kept small so postings stay 12 bytes.
    doc: u32,
    weight: f32,
}

/// The term vectors of one chunk of claims, one after the other.
#[derive(Default)]
struct ChunkTerms {
    /// (term, weight) of every claim of the chunk, each claim's sorted by term.
    terms: Vec<(u32, f32)>,
    /// End of each claim's terms in `terms`.
    ends: Vec<u32>,
    /// Once the index is built ([`Corpus::partition_terms`]), each claim's terms are in three
    /// parts, each sorted by term: walked, unwalked, the rest (terms of one document); these
    /// are the lengths of the first two.
    parts: Vec<(u32, u32)>,
}

impl ChunkTerms {
    fn claim(&self, local: usize) -> &[(u32, f32)] {
        let start = match local.checked_sub(1) {
            Some(previous) => self.ends.get(previous).copied().unwrap_or(0),
            None => 0,
        };
        let end = self.ends.get(local).copied().unwrap_or(start);
        self.terms.get(start as usize..end as usize).unwrap_or(&[])
    }

    /// A claim's walked, unwalked and other terms.
    fn claim_parts(&self, local: usize) -> [&[(u32, f32)]; 3] {
        let terms = self.claim(local);
        let (walked, unwalked) = self.parts.get(local).copied().unwrap_or((0, 0));
        let (walked, rest) = terms.split_at((walked as usize).min(terms.len()));
        let (unwalked, rest) = rest.split_at((unwalked as usize).min(rest.len()));
        [walked, unwalked, rest]
    }

    fn claims_mut(&mut self, mut f: impl FnMut(&mut [(u32, f32)])) {
        let mut rest = self.terms.as_mut_slice();
        let mut start = 0;
        for &end in &self.ends {
            let (claim, tail) = rest.split_at_mut((end - start) as usize);
            f(claim);
            rest = tail;
            start = end;
        }
    }
}

/// A claim's tokens and the polarity cues read from them, in one allocation besides the
/// figures (mostly none): `words` holds, one part after the other, the tokens that carry a
/// term (four words each: term, start, end, span start), the years, the negated terms (term,
/// span), the stances (term, concept and sign, span) and the cues (concept and sign, span).
struct Detail {
    words: Box<[u32]>,
    /// Ends in `words` of the term tokens, the years, the negated terms and the stances.
    ends: [u32; 4],
    numbers: Vec<NumberMention>,
}

/// A token carrying a term, with where its plain span starts (see [`plain_span`]).
#[derive(Debug, Clone, Copy)]
struct TermTok {
    start: u32,
    end: u32,
    /// The start of the modifier just before it, if any, else `start`.
    span_start: u32,
}

/// A concept and a sign packed in one word.
fn pack_sign(concept: u8, sign: i8) -> u32 {
    u32::from(concept) | (u32::from(sign as u8) << 8)
}

fn unpack_sign(word: u32) -> (u8, i8) {
    (word as u8, (word >> 8) as u8 as i8)
}

impl Detail {
    /// Keeps of a claim's analysis what the labels read: polarity, years, figures, and the
    /// tokens that carry a term (the others only matter to the polarity). `polarity` is a
    /// buffer.
    fn of(data: &ClaimData, vocab: &Vocab, polarity: &mut Polarity) -> Detail {
        polarity.fill(data, vocab);
        let term_count = data.toks.iter().filter(|t| t.term != NO_TERM).count();
        let mut words = Vec::with_capacity(
            4 * term_count
                + data.years.len()
                + 3 * polarity.negated.len()
                + 4 * polarity.stances.len()
                + 3 * polarity.cues.len(),
        );
        let mut previous: Option<&Tok> = None;
        for tok in &data.toks {
            if tok.term != NO_TERM {
                let span_start = match previous {
                    Some(previous)
                        if previous.cue != Cue::Boundary
                            && (previous.term != NO_TERM
                                || matches!(previous.cue, Cue::Polar { .. })) =>
                    {
                        previous.start
                    }
                    _ => tok.start,
                };
                words.extend_from_slice(&[tok.term, tok.start, tok.end, span_start]);
            }
            previous = Some(tok);
        }
        let mut ends = [0; 4];
        ends[0] = offset_u32(words.len());
        words.extend_from_slice(&data.years);
        ends[1] = offset_u32(words.len());
        for &(term, (start, end)) in &polarity.negated {
            words.extend_from_slice(&[term, start, end]);
        }
        ends[2] = offset_u32(words.len());
        for &(term, concept, sign, (start, end)) in &polarity.stances {
            words.extend_from_slice(&[term, pack_sign(concept, sign), start, end]);
        }
        ends[3] = offset_u32(words.len());
        for &(concept, sign, (start, end)) in &polarity.cues {
            words.extend_from_slice(&[pack_sign(concept, sign), start, end]);
        }
        Detail {
            words: words.into_boxed_slice(),
            ends,
            // Cloned to its length: most details are kept to the end.
            numbers: data.numbers.clone(),
        }
    }

    /// Part `I` of `words` (see [`Detail`]); `I` is a constant, so are the indices.
    fn part<const I: usize>(&self) -> &[u32] {
        let start = I
            .checked_sub(1)
            .and_then(|previous| self.ends.get(previous))
            .map_or(0, |&e| e as usize);
        let end = self.ends.get(I).map_or(self.words.len(), |&e| e as usize);
        self.words.get(start..end).unwrap_or(&[])
    }

    fn years(&self) -> &[u32] {
        self.part::<1>()
    }

    fn polarity(&self) -> PolarityView<'_> {
        PolarityView {
            negated: self.part::<2>().as_chunks().0,
            stances: self.part::<3>().as_chunks().0,
            cues: self.part::<4>().as_chunks().0,
        }
    }

    /// The first token carrying `term`.
    fn term_tok(&self, term: u32) -> Option<TermTok> {
        self.part::<0>()
            .as_chunks::<4>()
            .0
            .iter()
            .find(|t| t[0] == term)
            .map(|&[_, start, end, span_start]| TermTok {
                start,
                end,
                span_start,
            })
    }
}

/// Buffers for analysing a claim again: the analyser's, the claim data and the polarity.
type AnalyzerSlot<'t> = (AnalyzerBuffers<'t>, ClaimData, Polarity);

struct Corpus<'a, 't> {
    claims: &'a [ClaimText<'t>],
    /// Capitalised words seen away from a sentence start (see [`mid_sentence_caps`]), kept to
    /// analyse claims again exactly as the first time.
    caps: FastSet<&'t str>,
    vocab: Vocab,
    /// Kind and commonness of every term, packed for the hot loops.
    term_flags: Vec<(TermKind, bool)>,
    /// Normalised term weights per claim, in chunks of [`Corpus::chunk_claims`] claims.
    chunks: Vec<ChunkTerms>,
    chunk_claims: usize,
    /// Computed on first use: only claims in candidate pairs need it. A `OnceBox` is one
    /// pointer (8 bytes a claim; `OnceLock<Box<_>>` takes 16); two threads may both analyse
    /// a claim the first time, one result is kept — they are the same.
    details: Vec<OnceBox<Detail>>,
    /// Buffers and plain-word caches (of the final term ids) for analysing claims again, each
    /// with the claim data it analyses into.
    /// One pool per thread of the pool (and one more for any other thread), each locked by
    /// its own thread only: a single shared pool was locked twice per claim by both threads.
    analyzers: Vec<std::sync::Mutex<Vec<AnalyzerSlot<'t>>>>,
}

impl<'a, 't> Corpus<'a, 't> {
    /// The corpus of the claims' terms and weights; `None` when cancelled.
    fn build(claims: &'a [ClaimText<'t>], cancel: &AtomicBool) -> Option<Self> {
        let is_cancelled = || cancel.load(Ordering::Relaxed);
        let caps = mid_sentence_caps(claims);
        let chunk_claims = analysis_chunk_claims(claims.len());
        // Chunks are analysed in parallel, each with its own vocabulary; merging them in
        // order gives every term the id a single pass would have given it, so weights, sort
        // orders and ties are the same as in a sequential run.
        let analysed: Vec<(ChunkTerms, Vocab)> = claims
            .par_chunks(chunk_claims)
            .map(|chunk| {
                if is_cancelled() {
                    return (ChunkTerms::default(), Vocab::default());
                }
                let mut analyzer = Analyzer::new(&caps, TermSink::Build(Vocab::default()));
                let mut data = ClaimData::default();
                let mut terms = ChunkTerms::default();
                for claim in chunk {
                    analyzer.analyze(claim.text, &mut data);
                    let start = terms.terms.len();
                    for &term in &analyzer.b.bag {
                        match terms.terms.get_mut(start..).and_then(<[_]>::last_mut) {
                            Some((last, tf)) if *last == term => *tf += 1.0,
                            _ => terms.terms.push((term, 1.0)),
                        }
                    }
                    if let TermSink::Build(vocab) = &mut analyzer.sink {
                        for &(term, _) in terms.terms.get(start..).unwrap_or(&[]) {
                            if let Some(info) = vocab.infos.get_mut(term as usize) {
                                if info.df == 0 {
                                    info.first_doc = claim.doc;
                                } else if info.first_doc != claim.doc {
                                    info.is_shared = true;
                                }
                                info.df += 1;
                            }
                        }
                    }
                    terms
                        .ends
                        .push(u32::try_from(terms.terms.len()).unwrap_or(u32::MAX));
                }
                let vocab = match analyzer.sink {
                    TermSink::Build(vocab) => vocab,
                    TermSink::Lookup(_) => Vocab::default(),
                };
                (terms, vocab)
            })
            .collect();
        if is_cancelled() {
            return None;
        }
        // The first chunk's vocabulary is what merging it into an empty one would give (its
        // ids in its order of first use), so it is taken as it is and its terms keep their ids.
        let mut analysed = analysed.into_iter();
        let (first_terms, mut vocab) = analysed.next().unwrap_or_default();
        let mut chunks: Vec<(ChunkTerms, Option<Vec<u32>>)> = std::iter::once((first_terms, None))
            .chain(
                analysed.map(|(terms, chunk_vocab)| (terms, Some(vocab.merge_chunk(chunk_vocab)))),
            )
            .collect();
        let n = claims.len() as f64;
        let common_df = (COMMON_TERM_SHARE * n).max(COMMON_TERM_MIN_CLAIMS as f64);
        // A term each, independent of the others: in parallel, as there are hundreds of
        // thousands and each takes a logarithm.
        vocab.infos.par_iter_mut().for_each(|info| {
            let df = f64::from(info.df);
            info.is_common = df > common_df;
            let boost = match info.kind {
                TermKind::Word => 1.0,
                TermKind::Entity => ENTITY_BOOST,
                TermKind::Number => NUMBER_BOOST,
            };
            info.idf = (((n + 1.0) / (df + 1.0)).ln() + 1.0) as f32 * boost;
        });
        // Per claim, independent of the others: its terms given their merged ids (and sorted
        // by them again), then weights and norm; in one pass, as the term vectors are far
        // larger than the caches.
        chunks.par_iter_mut().for_each(|(chunk, ids)| {
            let global = |term: u32| {
                ids.as_ref().map_or(term, |ids| {
                    ids.get(term as usize).copied().unwrap_or(NO_TERM)
                })
            };
            chunk.claims_mut(|claim| {
                if ids.is_some() {
                    for (term, _) in claim.iter_mut() {
                        *term = global(*term);
                    }
                    claim.sort_unstable_by_key(|&(term, _)| term);
                }
                let mut norm = 0.0f32;
                for (term, weight) in claim.iter_mut() {
                    let idf = vocab.info(*term).map_or(0.0, |i| i.idf);
                    let tf_weight = if *weight > 1.0 {
                        1.0 + weight.ln()
                    } else {
                        1.0
                    };
                    *weight = tf_weight * idf;
                    norm += *weight * *weight;
                }
                let norm = norm.sqrt();
                if norm > 0.0 {
                    for (_, weight) in claim.iter_mut() {
                        *weight /= norm;
                    }
                }
            });
        });
        let chunks: Vec<ChunkTerms> = chunks.into_iter().map(|(terms, _)| terms).collect();
        let term_flags = vocab.infos.iter().map(|i| (i.kind, i.is_common)).collect();
        let mut details = Vec::new();
        details.resize_with(claims.len(), OnceBox::new);
        Some(Corpus {
            claims,
            caps,
            vocab,
            term_flags,
            chunks,
            chunk_claims,
            details,
            analyzers: (0..=rayon::current_num_threads())
                .map(|_| std::sync::Mutex::new(Vec::new()))
                .collect(),
        })
    }

    /// Claim `claim`'s normalised term weights, sorted by term until
    /// [`Corpus::partition_terms`], then by part (see [`Corpus::term_parts`]).
    fn terms(&self, claim: usize) -> &[(u32, f32)] {
        let chunk_claims = self.chunk_claims.max(1);
        self.chunks
            .get(claim / chunk_claims)
            .map_or(&[], |chunk| chunk.claim(claim % chunk_claims))
    }

    /// Claim `claim`'s walked, unwalked and other terms, each sorted by term.
    fn term_parts(&self, claim: usize) -> [&[(u32, f32)]; 3] {
        let chunk_claims = self.chunk_claims.max(1);
        self.chunks
            .get(claim / chunk_claims)
            .map_or([&[], &[], &[]], |chunk| {
                chunk.claim_parts(claim % chunk_claims)
            })
    }

    /// Orders every claim's terms walked first, then unwalked, then the rest, each part
    /// still sorted by term: the walk and the rescoring then read only the part they need,
    /// in the order a sorted list would give them.
    fn partition_terms(&mut self, index: &Index) {
        self.chunks.par_iter_mut().for_each(|chunk| {
            let mut parts = Vec::with_capacity(chunk.ends.len());
            let mut rest = Vec::new();
            chunk.claims_mut(|claim| {
                rest.clear();
                let mut walked = 0;
                for at in 0..claim.len() {
                    let Some(&entry) = claim.get(at) else {
                        break;
                    };
                    if index.is_walked(entry.0) {
                        if let Some(slot) = claim.get_mut(walked) {
                            *slot = entry;
                        }
                        walked += 1;
                    } else {
                        rest.push(entry);
                    }
                }
                let mut unwalked = walked;
                for &entry in &rest {
                    if index.is_unwalked(entry.0) {
                        if let Some(slot) = claim.get_mut(unwalked) {
                            *slot = entry;
                        }
                        unwalked += 1;
                    }
                }
                let mut other = unwalked;
                for &entry in &rest {
                    if !index.is_unwalked(entry.0) {
                        if let Some(slot) = claim.get_mut(other) {
                            *slot = entry;
                        }
                        other += 1;
                    }
                }
                let len = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
                parts.push((len(walked), len(unwalked - walked)));
            });
            chunk.parts = parts;
        });
    }

    fn is_key(&self, term: u32) -> bool {
        self.term_flags
            .get(term as usize)
            .is_some_and(|&(_, is_common)| !is_common)
    }

    /// Whether a pair is about the same thing: similar enough, on enough non-common terms. A
    /// pair with a single shared key term qualifies when that term is a content word and the
    /// pair is clearly similar, or when the pair contrasts on it ("growing dependence" / "far
    /// from dependent").
    fn is_related(&self, claims: &[ClaimText<'_>], a: usize, b: usize, overlap: &Overlap) -> bool {
        if overlap.score < MIN_RELATION_SCORE
            || overlap.key_score < MIN_KEY_SCORE
            || overlap.key_terms == 0
        {
            return false;
        }
        if overlap.key_terms >= 2 {
            return true;
        }
        let term = overlap.some_key_term;
        let is_word = self.kind_of(term) == Some(TermKind::Word);
        // One shared name ("United States") says too little on its own.
        let single_term_min = if is_word {
            SINGLE_TERM_MIN_SCORE
        } else {
            SINGLE_NAME_MIN_SCORE
        };
        if overlap.score >= single_term_min {
            return true;
        }
        // Only a negation or an opposite stance helps now, and [`Corpus::judge`] finds those
        // only between compatible actors at CONTRAST_MIN_SCORE and above: both are read from
        // the terms, before asking for the claims' details.
        if !is_word || overlap.score < CONTRAST_MIN_SCORE || !self.entities_compatible(a, b) {
            return false;
        }
        let (Some(polarity_a), Some(polarity_b)) = (self.polarity(a), self.polarity(b)) else {
            return false;
        };
        let carries_polarity = |p: &PolarityView<'_>| {
            p.negation_of(term).is_some() || p.stances_on(term).next().is_some()
        };
        (carries_polarity(&polarity_a) || carries_polarity(&polarity_b))
            && self.has_polarity_contrast(claims, a, b, overlap.score)
    }

    /// Inverted index for candidate generation. Terms used by a single document are left out
    /// (they cannot relate documents), common terms too, and the rarest terms are walked first
    /// until [`WALK_BUDGET`] pair visits are spent; the terms past it are "unwalked" and only
    /// rescore pairs found through rarer terms. Small workspaces walk every term.
    fn build_index(&self, claims: &[ClaimText<'_>]) -> Index {
        let mut dense_docs: FastMap<u32, u32> = FastMap::default();
        // A document's claims are mostly consecutive: the previous claim's number is reused.
        let mut previous: Option<(u32, u32)> = None;
        let docs: Vec<u32> = claims
            .iter()
            .map(|c| match previous {
                Some((doc, dense)) if doc == c.doc => dense,
                _ => {
                    let next = u32::try_from(dense_docs.len()).unwrap_or(u32::MAX);
                    let dense = *dense_docs.entry(c.doc).or_insert(next);
                    previous = Some((c.doc, dense));
                    dense
                }
            })
            .collect();
        let terms = self.vocab.infos.len();
        // A term's posting list holds every claim using it (a claim lists a term once).
        let list_len = |term: usize| self.vocab.infos.get(term).map_or(0, |i| i.df as usize);
        let mut is_unwalked = vec![false; terms];
        let mut walk_order: Vec<(usize, usize)> = Vec::new();
        for (term, info) in self.vocab.infos.iter().enumerate() {
            if !info.is_shared {
                continue;
            }
            if self.is_key(u32::try_from(term).unwrap_or(NO_TERM)) {
                walk_order.push((list_len(term), term));
            } else if let Some(flag) = is_unwalked.get_mut(term) {
                *flag = true;
            }
        }
        walk_order.sort_unstable();
        let mut term_lens = vec![0u32; terms + 1];
        let mut spent = 0usize;
        for (len, term) in walk_order {
            spent = spent.saturating_add(len.saturating_mul(len));
            if spent > WALK_BUDGET {
                if let Some(flag) = is_unwalked.get_mut(term) {
                    *flag = true;
                }
            } else if let Some(slot) = term_lens.get_mut(term) {
                *slot = u32::try_from(len).unwrap_or(u32::MAX);
            }
        }
        // Lengths to starts (the walk budget keeps the total far below `u32::MAX`).
        let mut total = 0u32;
        for slot in &mut term_lens {
            let len = *slot;
            *slot = total;
            total = total.saturating_add(len);
        }
        let term_starts = term_lens;
        let mut postings = vec![
            Posting {
                claim: 0,
                doc: 0,
                weight: 0.0,
            };
            total as usize
        ];
        // The postings are filled in parallel, one range of terms per thread, each range's
        // slice of `postings` by a scan of every claim in order: every list still holds its
        // claims in increasing order.
        let ranges = rayon::current_num_threads().clamp(1, 8);
        let mut parts: Vec<(usize, usize, &mut [Posting])> = Vec::with_capacity(ranges);
        let mut rest = postings.as_mut_slice();
        let mut low = 0usize;
        for k in 1..=ranges {
            let high = if k == ranges {
                terms
            } else {
                let target = u32::try_from(total as usize * k / ranges).unwrap_or(u32::MAX);
                term_starts
                    .partition_point(|&s| s < target)
                    .clamp(low, terms)
            };
            let span = |t: usize| term_starts.get(t).map_or(0, |&s| s as usize);
            let (part, tail) = rest.split_at_mut(span(high) - span(low));
            parts.push((low, high, part));
            rest = tail;
            low = high;
        }
        parts.into_par_iter().for_each(|(low, high, part)| {
            let base = term_starts.get(low).copied().unwrap_or(0);
            let mut cursor: Vec<u32> = term_starts
                .get(low..high)
                .unwrap_or(&[])
                .iter()
                .map(|&s| s - base)
                .collect();
            for (claim_index, &doc) in docs.iter().enumerate() {
                let Ok(claim) = u32::try_from(claim_index) else {
                    break;
                };
                for &(term, weight) in self.terms(claim_index) {
                    let term = term as usize;
                    if term < low || term >= high {
                        continue;
                    }
                    let (Some(&start), Some(&end)) =
                        (term_starts.get(term), term_starts.get(term + 1))
                    else {
                        continue;
                    };
                    if start == end {
                        continue;
                    }
                    if let Some(at) = cursor.get_mut(term - low)
                        && let Some(slot) = part.get_mut(*at as usize)
                    {
                        *slot = Posting { claim, doc, weight };
                        *at += 1;
                    }
                }
            }
        });
        Index {
            docs,
            term_starts,
            postings,
            is_unwalked,
        }
    }

    /// Claim `a`'s best partners in other documents, appended to `nominated` as
    /// `(score, smaller index, larger index)`.
    fn nominate(
        &self,
        claims: &[ClaimText<'_>],
        index: &Index,
        a: usize,
        scratch: &mut WalkScratch,
        nominated: &mut Vec<Nomination>,
    ) {
        let WalkScratch {
            accumulator,
            term_scratch,
            candidates,
            best,
            heaviest,
        } = scratch;
        let [walked_a, unwalked_a, _] = self.term_parts(a);
        let doc_a = index.docs.get(a).copied().unwrap_or(u32::MAX);
        // The walk only sums the walked terms' products per partner: a 4-byte entry per claim
        // keeps the randomly accessed accumulator small. Claims of `a`'s own document are
        // summed too (cheaper than testing each posting) and dropped when read.
        // Every term but the last (in term order: the order the sums are added in, which
        // the scores' bits depend on); the last is added as its postings are read below.
        let (last, earlier) = match walked_a.split_last() {
            Some((&last, earlier)) => (Some(last), earlier),
            None => (None, walked_a),
        };
        for &(term, weight_a) in earlier {
            accumulate(accumulator, index.postings_of(term), weight_a);
        }
        // The same postings again: each partner's sum is read and cleared at its first visit
        // (a later visit reads zero). The best CANDIDATES_PER_CLAIM partners (score
        // descending, then claim) are kept sorted by insertion; once the list is full its
        // last key is a bar that rejects most partners by one comparison. The order is total,
        // so the order partners are met in does not matter.
        candidates.clear();
        // The walked part is a lower bound of the key score; a pair far below the bar is not
        // worth rescoring: keys below a score of MIN_PARTIAL_SCORE are never kept.
        let mut bar = candidate_key(MIN_PARTIAL_SCORE, u32::MAX);
        // The last term's partners first, their sums completed as they are read.
        if let Some((term, weight_a)) = last {
            let postings = index.postings_of(term);
            bar = take_candidates::<true>(accumulator, postings, weight_a, doc_a, bar, candidates);
        }
        // Then the heaviest terms first: partners sharing them tend to have the highest sums,
        // so the list fills with good partners early and its bar rejects the others sooner
        // (the kept partners are the same in any order).
        heaviest.clear();
        heaviest.extend(earlier.iter().map(|&(term, weight)| (weight, term)));
        heaviest.sort_unstable_by(|x, y| y.0.total_cmp(&x.0));
        for &(_, term) in heaviest.iter() {
            let postings = index.postings_of(term);
            bar = take_candidates::<false>(accumulator, postings, 0.0, doc_a, bar, candidates);
        }
        best.clear();
        // Claim a's unwalked weights spread into a dense array: each candidate then looks
        // its own few unwalked terms up instead of running a branchy list merge.
        for &(term, weight) in unwalked_a {
            if let Some(slot) = term_scratch.get_mut(term as usize) {
                *slot = weight;
            }
        }
        for &key in candidates.as_slice() {
            let (walked_score, b) = from_candidate_key(key);
            let [walked_b, unwalked_b, _] = self.term_parts(b);
            let mut overlap = Overlap {
                score: walked_score,
                key_score: walked_score,
                key_terms: 0,
                some_key_term: NO_TERM,
            };
            for &(term, weight_b) in unwalked_b {
                let weight_a = term_scratch.get(term as usize).copied().unwrap_or(0.0);
                if weight_a > 0.0 {
                    overlap.score += weight_a * weight_b;
                    if self.is_key(term) {
                        overlap.key_score += weight_a * weight_b;
                        overlap.key_terms += 1;
                        overlap.some_key_term = term;
                    }
                }
            }
            overlap.score = overlap.score.min(1.0);
            if overlap.score < MIN_RELATION_SCORE || overlap.key_score < MIN_KEY_SCORE {
                continue;
            }
            // A candidate shares at least one walked term (its walked sum is positive). How
            // many only matters while no unwalked key term is shared: one, or two and more;
            // with one, which (the last, as the walk would have left it).
            if overlap.key_terms == 0 {
                let mut walked_terms = 0;
                for_each_shared(walked_a, walked_b, |term, _, _| {
                    walked_terms += 1;
                    overlap.some_key_term = term;
                });
                overlap.key_terms = walked_terms;
            } else {
                overlap.key_terms += 1;
            }
            if self.is_related(claims, a, b, &overlap) {
                best.push((overlap.score, b));
            }
        }
        for &(term, _) in unwalked_a {
            if let Some(slot) = term_scratch.get_mut(term as usize) {
                *slot = 0.0;
            }
        }
        best.sort_by(|x, y| y.0.total_cmp(&x.0).then(x.1.cmp(&y.1)));
        for &(score, b) in best.iter().take(MAX_PARTNERS_PER_CLAIM) {
            nominated.push(nomination(score, claim_u32(a.min(b)), claim_u32(a.max(b))));
        }
    }

    /// Each claim nominates its best partners; pairs are then accepted best-first while both
    /// claims have room, so no claim ends up with more than [`MAX_PARTNERS_PER_CLAIM`].
    /// Returned sorted by `(a, b)`, each pair once.
    /// When `cancel` is set the walk stops early and the result is incomplete (the caller
    /// checks the flag and discards it).
    fn select_pairs(
        &self,
        claims: &[ClaimText<'_>],
        index: &Index,
        cancel: &AtomicBool,
    ) -> Vec<(f32, usize, usize)> {
        let n = claims.len();
        let terms = self.vocab.infos.len();
        // Claims nominate partners in parallel chunks, each thread with its own scratch;
        // the chunks' nominations are concatenated in claim order, as one pass would list them.
        // Scratches are pooled: rayon may split the range into more jobs than threads, and
        // each scratch holds an entry per claim and per term.
        let pool: std::sync::Mutex<Vec<WalkScratch>> = std::sync::Mutex::new(Vec::new());
        let take = || {
            pool.lock()
                .ok()
                .and_then(|mut pool| pool.pop())
                .unwrap_or_else(|| WalkScratch::new(n, terms))
        };
        let mut nominated: Vec<Nomination> = (0..n.div_ceil(NOMINATION_CHUNK_CLAIMS))
            .into_par_iter()
            .map(|chunk| {
                if cancel.load(Ordering::Relaxed) {
                    return Vec::new();
                }
                let mut scratch = take();
                let first = chunk * NOMINATION_CHUNK_CLAIMS;
                let last = (first + NOMINATION_CHUNK_CLAIMS).min(n);
                let mut nominated = Vec::new();
                for a in first..last {
                    self.nominate(claims, index, a, &mut scratch, &mut nominated);
                }
                if let Ok(mut pool) = pool.lock() {
                    pool.push(scratch);
                }
                nominated
            })
            .flatten()
            .collect();
        // A pair nominated by both its claims has the same score both times (the same
        // products, summed in term order), so after one sort by score the copies are next
        // to each other.
        nominated.par_sort_unstable();
        nominated.dedup_by_key(|&mut p| p as u64);
        // Counts stay at or below MAX_PARTNERS_PER_CLAIM: a byte each.
        let mut partner_counts = vec![0u8; n];
        let mut accepted = Vec::new();
        for (score, a, b) in nominated.into_iter().map(nomination_parts) {
            let count = |c: usize| {
                partner_counts
                    .get(c)
                    .map_or(usize::MAX, |&k| usize::from(k))
            };
            let (count_a, count_b) = (count(a), count(b));
            if count_a < MAX_PARTNERS_PER_CLAIM && count_b < MAX_PARTNERS_PER_CLAIM {
                if let Some(c) = partner_counts.get_mut(a) {
                    *c += 1;
                }
                if let Some(c) = partner_counts.get_mut(b) {
                    *c += 1;
                }
                accepted.push((score, a, b));
            }
        }
        accepted.par_sort_unstable_by_key(|&(_, a, b)| (a, b));
        accepted
    }

    /// Shared non-common terms of a pair, strongest first, and whether the pair's entities
    /// are compatible (see [`Corpus::shared_key_terms_into`]).
    fn shared_key_terms(&self, a: usize, b: usize) -> (Vec<u32>, bool) {
        let mut terms = Vec::new();
        let is_compatible = self.shared_key_terms_into(a, b, &mut Vec::new(), &mut terms);
        (terms, is_compatible)
    }

    /// [`Corpus::shared_key_terms`] into `terms` (cleared first), `shared` (cleared too)
    /// holding the weights while they are sorted; returns [`Corpus::entities_compatible`],
    /// found in the same merge from the terms only one claim has.
    fn shared_key_terms_into(
        &self,
        a: usize,
        b: usize,
        shared: &mut Vec<(f32, u32)>,
        terms: &mut Vec<u32>,
    ) -> bool {
        shared.clear();
        terms.clear();
        let is_entity = |term: u32| self.kind_of(term) == Some(TermKind::Entity);
        let (mut only_a, mut only_b) = (false, false);
        // A term is in the same part for every claim.
        for (x, y) in self.term_parts(a).into_iter().zip(self.term_parts(b)) {
            let (mut i, mut j) = (0, 0);
            while let (Some(&(ta, wa)), Some(&(tb, wb))) = (x.get(i), y.get(j)) {
                match ta.cmp(&tb) {
                    std::cmp::Ordering::Less => {
                        only_a = only_a || is_entity(ta);
                        i += 1;
                    }
                    std::cmp::Ordering::Greater => {
                        only_b = only_b || is_entity(tb);
                        j += 1;
                    }
                    std::cmp::Ordering::Equal => {
                        if self.is_key(ta) {
                            shared.push((wa * wb, ta));
                        }
                        i += 1;
                        j += 1;
                    }
                }
            }
            let names_entity = |rest: Option<&[(u32, f32)]>| {
                rest.unwrap_or(&[]).iter().any(|&(t, _)| is_entity(t))
            };
            only_a = only_a || names_entity(x.get(i..));
            only_b = only_b || names_entity(y.get(j..));
        }
        shared.sort_by(|x, y| y.0.total_cmp(&x.0).then(x.1.cmp(&y.1)));
        terms.extend(shared.iter().map(|&(_, t)| t));
        let is_compatible = !(only_a && only_b);
        debug_assert_eq!(is_compatible, self.entities_compatible(a, b));
        is_compatible
    }

    /// A claim's tokens and polarity, analysed again on first use: the vocabulary is
    /// complete by then, so the tokens get the same term ids as in the first analysis.
    fn detail(&self, claim: usize) -> Option<&Detail> {
        let cell = self.details.get(claim)?;
        let text = self.claims.get(claim)?.text;
        Some(cell.get_or_init(|| {
            // This thread's own pool; the last one for a thread outside the thread pool.
            let last = self.analyzers.len().saturating_sub(1);
            let pool = rayon::current_thread_index().map_or(last, |thread| thread.min(last));
            let pool = self.analyzers.get(pool);
            let (buffers, mut data, mut polarity) = pool
                .and_then(|pool| pool.lock().ok())
                .and_then(|mut pool| pool.pop())
                .unwrap_or_default();
            let mut analyzer =
                Analyzer::with_buffers(&self.caps, TermSink::Lookup(&self.vocab.ids), buffers);
            analyzer.analyze(text, &mut data);
            let detail = Box::new(Detail::of(&data, &self.vocab, &mut polarity));
            if let Some(mut pool) = pool.and_then(|pool| pool.lock().ok()) {
                pool.push((analyzer.into_buffers(), data, polarity));
            }
            detail
        }))
    }

    fn polarity(&self, claim: usize) -> Option<PolarityView<'_>> {
        self.detail(claim).map(Detail::polarity)
    }

    /// Decides the label of a pair; rules run from the most specific contrast to plain wording.
    /// `is_same_actor` is [`Corpus::entities_compatible`]: claims naming different actors
    /// ("China" vs "Russia") may say opposite things about different subjects; polarity cues
    /// only count when one side's names cover the other's.
    fn judge(
        &self,
        claims: &[ClaimText<'_>],
        a: usize,
        b: usize,
        score: f32,
        shared_terms: &[u32],
        is_same_actor: bool,
    ) -> Verdict {
        let (Some(detail_a), Some(detail_b), Some(claim_a), Some(claim_b)) =
            (self.detail(a), self.detail(b), claims.get(a), claims.get(b))
        else {
            return Verdict::Related;
        };
        let (data_a, data_b) = (detail_a, detail_b);
        let (polarity_a, polarity_b) = (detail_a.polarity(), detail_b.polarity());
        let shared_content = shared_terms
            .iter()
            .filter(|&&t| self.kind_of(t) != Some(TermKind::Number))
            .count();
        // Most claims have no negation, stance or cue: the searches below over the shared
        // terms or the concepts are skipped when they cannot find anything.
        let (any_negated, both_negated_at_all) = (
            !polarity_a.negated.is_empty() || !polarity_b.negated.is_empty(),
            !polarity_a.negated.is_empty() && !polarity_b.negated.is_empty(),
        );
        let both_have_stances = !polarity_a.stances.is_empty() && !polarity_b.stances.is_empty();
        let both_have_cues = !polarity_a.cues.is_empty() && !polarity_b.cues.is_empty();
        let both_negated = shared_terms
            .iter()
            .copied()
            .filter(|_| both_negated_at_all)
            .find(|&t| polarity_a.negation_of(t).is_some() && polarity_b.negation_of(t).is_some());

        if is_same_actor && score >= CONTRAST_MIN_SCORE && both_negated.is_none() {
            for &term in shared_terms.iter().filter(|_| any_negated) {
                let spans = match (polarity_a.negation_of(term), polarity_b.negation_of(term)) {
                    (Some(span_a), None) => plain_span(data_b, term).map(|span_b| (span_a, span_b)),
                    (None, Some(span_b)) => plain_span(data_a, term).map(|span_a| (span_a, span_b)),
                    _ => None,
                };
                if let Some((span_a, span_b)) = spans {
                    return Verdict::Negation { span_a, span_b };
                }
            }
            for &term in shared_terms.iter().filter(|_| both_have_stances) {
                for (concept, sign_a, span_a) in polarity_a.stances_on(term) {
                    let opposite = polarity_b
                        .stances_on(term)
                        .find(|&(c, sign_b, _)| c == concept && sign_b == -sign_a);
                    if let Some((_, _, span_b)) = opposite {
                        return Verdict::OppositeStance {
                            concept,
                            span_a,
                            span_b,
                        };
                    }
                }
            }
            if score >= UNANCHORED_CONTRAST_MIN_SCORE && both_have_cues {
                // The degree concept ("more", "less") is too common to count unanchored.
                for concept in (1..CONCEPTS.len()).filter_map(|c| u8::try_from(c).ok()) {
                    if let (Some((sign_a, span_a)), Some((sign_b, span_b))) = (
                        polarity_a.overall_sign(concept),
                        polarity_b.overall_sign(concept),
                    ) && sign_a == -sign_b
                    {
                        return Verdict::OppositeStance {
                            concept,
                            span_a,
                            span_b,
                        };
                    }
                }
            }
        }

        if score >= FIGURE_CONFLICT_MIN_SCORE
            && shared_content >= 2
            && let Some(verdict) = figure_conflict(data_a, data_b)
        {
            return verdict;
        }

        if score >= HEDGE_CONTRAST_MIN_SCORE
            && shared_content >= 3
            && claim_a.is_hedged != claim_b.is_hedged
        {
            return Verdict::HedgedVsCertain;
        }

        if is_same_actor && shared_content >= 2 {
            if let Some(term) = both_negated
                && score >= BOTH_NEGATED_AGREE_MIN_SCORE
                && let (Some(span_a), Some(span_b)) =
                    (polarity_a.negation_of(term), polarity_b.negation_of(term))
            {
                return Verdict::BothDeny { span_a, span_b };
            }
            if score >= AGREE_MIN_SCORE && both_have_stances {
                for &term in shared_terms {
                    for (concept, sign_a, span_a) in polarity_a.stances_on(term) {
                        let same = polarity_b
                            .stances_on(term)
                            .find(|&(c, sign_b, _)| c == concept && sign_b == sign_a);
                        if let Some((_, _, span_b)) = same {
                            return Verdict::SameStance { span_a, span_b };
                        }
                    }
                }
            }
            if score >= PLAIN_AGREE_MIN_SCORE && shared_content >= 3 {
                return Verdict::SameWording;
            }
        }
        Verdict::Related
    }

    /// The reader-facing reason, appended to `out`: the shared terms, then the cue that
    /// decided the label.
    fn describe(
        &self,
        claims: &[ClaimText<'_>],
        a: usize,
        b: usize,
        verdict: &Verdict,
        shared_terms: &[u32],
        out: &mut String,
    ) {
        let (Some(detail_a), Some(detail_b), Some(claim_a), Some(claim_b)) =
            (self.detail(a), self.detail(b), claims.get(a), claims.get(b))
        else {
            return;
        };
        let (data_a, data_b) = (detail_a, detail_b);
        let (text_a, text_b) = (claim_a.text, claim_b.text);
        self.push_topic_phrase(out, shared_terms, text_a, data_a);
        // "'x' and 'y'" style quotes of the two spans, `middle` between them.
        let quote = |out: &mut String, before: &str, span_a: Span, middle: &str, span_b: Span| {
            out.push_str(before);
            push_span_text(out, text_a, span_a);
            out.push_str(middle);
            push_span_text(out, text_b, span_b);
        };
        match *verdict {
            Verdict::Negation { span_a, span_b } => {
                quote(out, "; one says '", span_a, "', the other '", span_b);
                out.push_str("' (negation)");
            }
            Verdict::OppositeStance {
                concept,
                span_a,
                span_b,
            } => {
                quote(out, "; one says '", span_a, "', the other '", span_b);
                let label = CONCEPTS
                    .get(usize::from(concept))
                    .map_or("opposite", |c| c.0);
                out.push_str("' (");
                out.push_str(label);
                out.push(')');
            }
            Verdict::DifferentYears => {
                out.push_str("; different years: one says ");
                push_years(out, data_a.years());
                out.push_str(", the other ");
                push_years(out, data_b.years());
            }
            Verdict::DifferentFigures { index_a, index_b } => {
                let x = data_a.numbers.get(index_a).map_or("", |m| m.text(text_a));
                let y = data_b.numbers.get(index_b).map_or("", |m| m.text(text_b));
                out.push_str("; different figures: one says ");
                out.push_str(x);
                out.push_str(", the other ");
                out.push_str(y);
            }
            Verdict::HedgedVsCertain => {
                out.push_str(if claim_a.is_hedged {
                    "; one is hedged, the other states it as certain"
                } else {
                    "; the other is hedged, one states it as certain"
                });
            }
            Verdict::BothDeny { span_a, span_b } => {
                quote(out, "; both deny it: '", span_a, "' and '", span_b);
                out.push('\'');
            }
            Verdict::SameStance { span_a, span_b } => {
                quote(out, "; same stance: '", span_a, "' and '", span_b);
                out.push('\'');
            }
            Verdict::SameWording => out.push_str("; same wording, no negation or opposite words"),
            Verdict::Related => {}
        }
    }

    /// Labels a kept pair: its kind and the reason in words (allocated once, to its length).
    fn label_pair(
        &self,
        claims: &[ClaimText<'_>],
        a: usize,
        b: usize,
        score: f32,
        scratch: &mut LabelScratch,
    ) -> (RelationKind, String) {
        let LabelScratch {
            weights,
            shared_terms,
            reason,
        } = scratch;
        let is_same_actor = self.shared_key_terms_into(a, b, weights, shared_terms);
        let verdict = self.judge(claims, a, b, score, shared_terms, is_same_actor);
        reason.clear();
        self.describe(claims, a, b, &verdict, shared_terms, reason);
        (verdict.kind(), reason.as_str().to_owned())
    }

    /// Whether the pair is a polarity contrast (negation or opposite stance on a shared term):
    /// such a pair is about the same thing even with a single shared key term.
    fn has_polarity_contrast(
        &self,
        claims: &[ClaimText<'_>],
        a: usize,
        b: usize,
        score: f32,
    ) -> bool {
        let (shared_terms, is_same_actor) = self.shared_key_terms(a, b);
        matches!(
            self.judge(claims, a, b, score, &shared_terms, is_same_actor),
            Verdict::Negation { .. } | Verdict::OppositeStance { .. }
        )
    }

    fn kind_of(&self, term: u32) -> Option<TermKind> {
        self.term_flags.get(term as usize).map(|&(kind, _)| kind)
    }

    /// False when each claim names an entity the other does not.
    fn entities_compatible(&self, a: usize, b: usize) -> bool {
        let is_entity = |term: u32| self.kind_of(term) == Some(TermKind::Entity);
        // Entities named by one claim only, counted in one merge per part: a term is in the
        // same part for every claim, and each part is sorted by term.
        let (mut only_a, mut only_b) = (false, false);
        for (x, y) in self.term_parts(a).into_iter().zip(self.term_parts(b)) {
            let (mut i, mut j) = (0, 0);
            loop {
                let (ta, tb) = match (x.get(i), y.get(j)) {
                    (None, None) => break,
                    (ta, tb) => (ta.map_or(u32::MAX, |t| t.0), tb.map_or(u32::MAX, |t| t.0)),
                };
                // NO_TERM (u32::MAX) is never a claim's term: it marks an exhausted list.
                match ta.cmp(&tb) {
                    std::cmp::Ordering::Less => {
                        only_a |= is_entity(ta);
                        i += 1;
                    }
                    std::cmp::Ordering::Greater => {
                        only_b |= is_entity(tb);
                        j += 1;
                    }
                    std::cmp::Ordering::Equal => {
                        i += 1;
                        j += 1;
                    }
                }
                if only_a && only_b {
                    return false;
                }
            }
        }
        true
    }

    /// Appends "both about X, Y, Z", naming terms as claim `a` writes them.
    fn push_topic_phrase(&self, out: &mut String, shared_terms: &[u32], text: &str, data: &Detail) {
        if shared_terms.is_empty() {
            out.push_str("similar wording");
            return;
        }
        out.push_str("both about ");
        for (i, &term) in shared_terms.iter().take(REASON_TERMS).enumerate() {
            if i > 0 {
                out.push_str(", ");
            }
            self.push_term_display(out, term, text, data);
        }
    }

    /// Appends the term as claim `text` writes it first (a name as the vocabulary shows it).
    fn push_term_display(&self, out: &mut String, term: u32, text: &str, data: &Detail) {
        let Some(info) = self.vocab.info(term) else {
            return;
        };
        if info.kind == TermKind::Entity {
            out.push_str(&info.display);
            return;
        }
        match data
            .term_tok(term)
            .and_then(|t| text.get(t.start as usize..t.end as usize))
        {
            Some(s) => out.push_str(strip_possessive(s)),
            None => out.push_str(&info.display),
        }
    }
}

/// Buffers reused between the pairs labelled by one job (see [`Corpus::label_pair`]).
#[derive(Default)]
struct LabelScratch {
    weights: Vec<(f32, u32)>,
    shared_terms: Vec<u32>,
    reason: String,
}

/// What decided a pair's label; put into words only for the pairs that are kept.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Verdict {
    /// A shared content word negated on one side only: "growing dependence" / "far from dependent".
    Negation { span_a: Span, span_b: Span },
    /// Opposite sides of a concept: "bypass the sanctions" / "supported UN sanctions".
    OppositeStance {
        concept: u8,
        span_a: Span,
        span_b: Span,
    },
    /// Both claims give years, none in common.
    DifferentYears,
    /// Figures with the same unit, none in common (indices into each claim's numbers).
    DifferentFigures { index_a: usize, index_b: usize },
    /// A near paraphrase, hedged on one side only.
    HedgedVsCertain,
    /// The same shared term negated on both sides.
    BothDeny { span_a: Span, span_b: Span },
    /// The same side of a concept on a shared term.
    SameStance { span_a: Span, span_b: Span },
    /// Much shared wording and nothing that points the other way.
    SameWording,
    /// About the same thing, no stance either way.
    Related,
}

impl Verdict {
    fn kind(&self) -> RelationKind {
        match self {
            Verdict::Negation { .. }
            | Verdict::OppositeStance { .. }
            | Verdict::DifferentYears
            | Verdict::DifferentFigures { .. }
            | Verdict::HedgedVsCertain => RelationKind::Contrasts,
            Verdict::BothDeny { .. } | Verdict::SameStance { .. } | Verdict::SameWording => {
                RelationKind::Agrees
            }
            Verdict::Related => RelationKind::Related,
        }
    }
}

/// Different years, or different figures with the same unit, in two similar claims.
fn figure_conflict(data_a: &Detail, data_b: &Detail) -> Option<Verdict> {
    let (years_a, years_b) = (data_a.years(), data_b.years());
    if !years_a.is_empty() && !years_b.is_empty() && !years_a.iter().any(|y| years_b.contains(y)) {
        return Some(Verdict::DifferentYears);
    }
    for (index_a, mention_a) in data_a.numbers.iter().enumerate() {
        let is_same_unit = |m: &&NumberMention| m.unit == mention_a.unit;
        let Some(index_b) = data_b.numbers.iter().position(|m| m.unit == mention_a.unit) else {
            continue;
        };
        let is_any_value_shared = data_a.numbers.iter().filter(is_same_unit).any(|x| {
            data_b
                .numbers
                .iter()
                .filter(is_same_unit)
                .any(|y| (x.value - y.value).abs() < 1e-9)
        });
        if !is_any_value_shared {
            return Some(Verdict::DifferentFigures { index_a, index_b });
        }
    }
    None
}

/// Calls `f(term, weight_a, weight_b)` for every term in both sorted lists.
fn for_each_shared(a: &[(u32, f32)], b: &[(u32, f32)], mut f: impl FnMut(u32, f32, f32)) {
    let (mut i, mut j) = (0, 0);
    while let (Some(&(ta, wa)), Some(&(tb, wb))) = (a.get(i), b.get(j)) {
        match ta.cmp(&tb) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                f(ta, wa, wb);
                i += 1;
                j += 1;
            }
        }
    }
}

/// Appends the distinct years, ascending, joined by " and ".
fn push_years(out: &mut String, years: &[u32]) {
    // Mostly one year, or a few already in order: copied and sorted only when needed, and
    // written straight into `out`.
    let sorted;
    let years = if years.is_sorted_by(|a, b| a < b) {
        years
    } else {
        let mut copy = years.to_vec();
        copy.sort_unstable();
        copy.dedup();
        sorted = copy;
        &sorted
    };
    for (i, year) in years.iter().enumerate() {
        if i > 0 {
            out.push_str(" and ");
        }
        let _ = write!(out, "{year}");
    }
}

/// Byte span of a claim's text, start and end on char boundaries.
type Span = (u32, u32);

/// A byte offset into a claim as stored in [`Tok`] (claims are far shorter than 4 GB).
fn offset_u32(offset: usize) -> u32 {
    u32::try_from(offset).unwrap_or(u32::MAX)
}

/// Appends the span's text, trimmed, cut to 60 bytes with "…" when longer.
fn push_span_text(out: &mut String, text: &str, (start, end): Span) {
    const MAX_SNIPPET_BYTES: usize = 60;
    let snippet = text.get(start as usize..end as usize).unwrap_or("").trim();
    if snippet.len() <= MAX_SNIPPET_BYTES {
        out.push_str(snippet);
        return;
    }
    let mut cut = MAX_SNIPPET_BYTES;
    while !snippet.is_char_boundary(cut) {
        cut -= 1;
    }
    out.push_str(snippet.get(..cut).unwrap_or("").trim_end());
    out.push('…');
}

/// The term as written, with the modifier just before it ("growing dependence").
fn plain_span(data: &Detail, term: u32) -> Option<Span> {
    data.term_tok(term).map(|t| (t.span_start, t.end))
}

/// Where a claim negates its terms or takes a side on a concept about them, as it is found
/// (kept in [`Detail`], read through [`PolarityView`]).
#[derive(Default)]
struct Polarity {
    /// (content-word term, span from the cue to the term), sorted by term.
    negated: Vec<(u32, Span)>,
    /// (anchor term, concept, sign, span of cue and anchor), sorted by term; an anchor with both
    /// signs for one concept is dropped.
    stances: Vec<(u32, u8, i8, Span)>,
    /// Every concept cue of the claim, after negation: (concept, sign, span of the cue).
    cues: Vec<(u8, i8, Span)>,
}

/// Content words after a negation cue that its scope reaches.
struct NegationScope {
    cue_start: u32,
    has_content: bool,
    terms_left: usize,
}

impl Polarity {
    fn fill(&mut self, data: &ClaimData, vocab: &Vocab) {
        self.negated.clear();
        self.stances.clear();
        self.cues.clear();
        let polarity = self;
        let toks = &data.toks;
        let mut scope: Option<NegationScope> = None;
        for (index, tok) in toks.iter().enumerate() {
            match tok.cue {
                Cue::Boundary => {
                    scope = None;
                    continue;
                }
                Cue::Negation => {
                    scope = Some(NegationScope {
                        cue_start: tok.start,
                        has_content: false,
                        terms_left: NEGATION_SCOPE_TERMS,
                    });
                    continue;
                }
                Cue::Polar { concept, sign } => {
                    let sign = if scope.is_some() { -sign } else { sign };
                    let cue_start = scope.as_ref().map_or(tok.start, |s| s.cue_start);
                    polarity.cues.push((concept, sign, (cue_start, tok.end)));
                    polarity.add_anchors(toks, index, concept, sign);
                    // A noun-like cue is itself a stance ("closest ally" / "influential ally");
                    // verbs ("supported") and degree words need their object to mean anything.
                    if SELF_STANCE_CONCEPTS.contains(&concept) && tok.term != NO_TERM {
                        let start = match index.checked_sub(1).and_then(|i| toks.get(i)) {
                            _ if scope.is_some() => cue_start,
                            Some(previous) if previous.term != NO_TERM => previous.start,
                            _ => tok.start,
                        };
                        polarity
                            .stances
                            .push((tok.term, concept, sign, (start, tok.end)));
                    }
                }
                Cue::None | Cue::Filler | Cue::Auxiliary => {}
            }
            let Some(active) = scope.as_mut() else {
                continue;
            };
            if tok.term != NO_TERM {
                // Negating a name ("unlikely that the United States ...") negates what is said
                // about it, not the name, so only content words become anchors.
                if vocab
                    .info(tok.term)
                    .is_some_and(|i| i.kind == TermKind::Word)
                {
                    polarity
                        .negated
                        .push((tok.term, (active.cue_start, tok.end)));
                }
                active.has_content = true;
                active.terms_left -= 1;
                if active.terms_left == 0 {
                    scope = None;
                }
            } else {
                let reaches_through = match tok.cue {
                    Cue::Filler | Cue::Polar { .. } => true,
                    Cue::Auxiliary => !active.has_content,
                    _ => false,
                };
                if !reaches_through {
                    scope = None;
                }
            }
        }
        polarity.negated.sort_by_key(|&(t, _)| t);
        polarity.negated.dedup_by_key(|&mut (t, _)| t);
        polarity.stances.sort_by_key(|&(t, c, _, _)| (t, c));
        // One entry per (term, concept), in place: the first, its sign zeroed when a later
        // entry disagrees.
        polarity.stances.dedup_by(|entry, last| {
            if (last.0, last.1) != (entry.0, entry.1) {
                return false;
            }
            if last.2 != entry.2 {
                last.2 = 0;
            }
            true
        });
        polarity.stances.retain(|&(_, _, sign, _)| sign != 0);
    }

    /// A concept word applies to the next two content words and to the one right before it.
    fn add_anchors(&mut self, toks: &[Tok], cue_index: usize, concept: u8, sign: i8) {
        const FORWARD_TERMS: usize = 2;
        const FORWARD_TOKENS: usize = 5;
        let Some(cue) = toks.get(cue_index) else {
            return;
        };
        let mut found = 0;
        for tok in toks.iter().skip(cue_index + 1).take(FORWARD_TOKENS) {
            if matches!(tok.cue, Cue::Boundary | Cue::Negation) || found == FORWARD_TERMS {
                break;
            }
            if tok.term != NO_TERM && !matches!(tok.cue, Cue::Polar { .. }) {
                self.stances
                    .push((tok.term, concept, sign, (cue.start, tok.end)));
                found += 1;
            }
        }
        for tok in toks.iter().take(cue_index).rev() {
            if !matches!(tok.cue, Cue::None | Cue::Filler) {
                break;
            }
            if tok.term != NO_TERM {
                self.stances
                    .push((tok.term, concept, sign, (tok.start, cue.end)));
                break;
            }
        }
    }
}

/// A claim's [`Polarity`] as [`Detail`] keeps it.
struct PolarityView<'a> {
    /// (term, span start, span end), sorted by term.
    negated: &'a [[u32; 3]],
    /// (term, concept and sign, span start, span end), sorted by term.
    stances: &'a [[u32; 4]],
    /// (concept and sign, span start, span end).
    cues: &'a [[u32; 3]],
}

impl PolarityView<'_> {
    fn negation_of(&self, term: u32) -> Option<Span> {
        let index = self.negated.binary_search_by_key(&term, |n| n[0]).ok()?;
        self.negated.get(index).map(|&[_, start, end]| (start, end))
    }

    /// (concept, sign, span) of every stance anchored on `term`.
    fn stances_on(&self, term: u32) -> impl Iterator<Item = (u8, i8, Span)> + '_ {
        let start = self.stances.partition_point(|s| s[0] < term);
        self.stances
            .get(start..)
            .unwrap_or(&[])
            .iter()
            .take_while(move |s| s[0] == term)
            .map(|&[_, packed, start, end]| {
                let (c, s) = unpack_sign(packed);
                (c, s, (start, end))
            })
    }

    /// The claim's single sign on a concept, if all its cues for it agree.
    fn overall_sign(&self, concept: u8) -> Option<(i8, Span)> {
        let mut result: Option<(i8, Span)> = None;
        for &[packed, start, end] in self.cues {
            let (c, sign) = unpack_sign(packed);
            if c != concept {
                continue;
            }
            let span = (start, end);
            match result {
                None => result = Some((sign, span)),
                Some((existing, _)) if existing != sign => return None,
                Some(_) => {}
            }
        }
        result
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn packed_signs_read_back() {
        for concept in u8::MIN..=u8::MAX {
            for sign in i8::MIN..=i8::MAX {
                assert_eq!(unpack_sign(pack_sign(concept, sign)), (concept, sign));
            }
        }
    }

    #[test]
    fn load_tail_matches_a_zero_padded_copy() {
        let bytes: Vec<u8> = (1..=7u8).map(|b| b.wrapping_mul(37) | 0x80).collect();
        for len in 0..=7 {
            let tail = bytes.get(..len).unwrap_or(&[]);
            let mut word = [0u8; 8];
            if let Some(dst) = word.get_mut(..len) {
                dst.copy_from_slice(tail);
            }
            assert_eq!(load_tail(tail), u64::from_le_bytes(word), "length {len}");
        }
    }

    #[test]
    fn parse_figure_reads_as_the_float_parser_does() {
        for plain in [
            "0",
            "7",
            "007",
            "42",
            "1990",
            "2024",
            "100000",
            "123456789012345",
            "999999999999999",
            "1234567890123456",
            "99999999999999999999",
            "3.5",
            "1.",
            ".5",
            "1.2.3",
            "0.1",
            "",
            "12a",
            ".",
            "..",
            "0.000000000000001",
            "12345678.9012345",
            "1234567890123.45",
            "1234567890123.456",
        ] {
            let expected = plain.parse::<f64>().ok();
            assert_eq!(
                parse_figure(plain).map(f64::to_bits),
                expected.map(f64::to_bits),
                "{plain:?}"
            );
        }
    }

    #[test]
    fn parse_figure_reads_generated_figures_as_the_float_parser_does() {
        let pieces = ["0", "1", "2", "3", "5", "7", "9", ".", "4", "6", "8"];
        for plain in crate::core::test_text::mixed_strings(&pieces, 0xF16_0E5, 200_000, 20) {
            assert_eq!(
                parse_figure(&plain).map(f64::to_bits),
                plain.parse::<f64>().ok().map(f64::to_bits),
                "{plain:?}"
            );
        }
    }

    #[test]
    fn surface_keys_are_equal_exactly_when_the_words_are() {
        let text = "U.S. officials said Korea's don't Café Zürich 1990s \
                    internationalisation internationalisations a ab abcdefgh abcdefghi \
                    abcdefghijklmnop abcdefghijklmnopq U.S. Korea's Café ab a";
        let mut lexemes = Vec::new();
        lex_into(text, &mut lexemes);
        let bytes = text.as_bytes();
        let spans: Vec<(usize, usize)> = lexemes.iter().map(|l| (l.start, l.end)).collect();
        assert!(spans.len() > 20);
        for &(start, end) in &spans {
            let surface = bytes.get(start..end).unwrap_or(&[]);
            // The same word copied to the very end of a text (the zero-padded path).
            let key = SurfaceKey::of(surface, 0, surface.len());
            assert_eq!(SurfaceKey::of(bytes, start, end), key);
            assert_eq!(
                matches!(key, SurfaceKey::Long(_)),
                surface.len() > SHORT_SURFACE
            );
            for &(other_start, other_end) in &spans {
                let other = bytes.get(other_start..other_end).unwrap_or(&[]);
                assert_eq!(
                    SurfaceKey::of(bytes, other_start, other_end) == key,
                    other == surface,
                    "{:?} vs {:?}",
                    String::from_utf8_lossy(surface),
                    String::from_utf8_lossy(other)
                );
            }
        }
    }

    #[test]
    fn last_capital_or_non_ascii_matches_a_backward_search() {
        let plain = |bytes: &[u8]| {
            bytes
                .iter()
                .rposition(|&b| b.is_ascii_uppercase() || !b.is_ascii())
        };
        for len in 0..50 {
            for byte in 0..=u8::MAX {
                for at in 0..len {
                    let mut bytes = vec![b'a'; len];
                    bytes[at] = byte;
                    // A second flagged byte before it, when there is room.
                    for first in [None, Some(at / 2)] {
                        let mut bytes = bytes.clone();
                        if let Some(first) = first.filter(|&f| f < at) {
                            bytes[first] = b'Q';
                        }
                        assert_eq!(
                            last_capital_or_non_ascii(&bytes),
                            plain(&bytes),
                            "{bytes:?}"
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn mid_sentence_caps_extent_finds_what_the_whole_text_does() {
        let pieces = [
            " ",
            "  ",
            ".",
            ". ",
            ",",
            "!",
            "?",
            "'",
            "\u{2019}",
            "\u{2026}",
            "\u{2014}",
            "\"",
            "(",
            "-",
            "%",
            "a",
            "word",
            "Word",
            "WORD",
            "U.S.",
            "U.N",
            "A.",
            "Korea's",
            "don't",
            "3.5",
            "1,000",
            "1990s",
            "2nd",
            "5%",
            "\u{e9}t\u{e9}",
            "\u{c9}cole",
            "na\u{ef}ve",
            "\u{3b1}",
            "McDonald",
            "x",
            "Z",
        ];
        // Every string of up to four pieces, and a sample of longer ones.
        let mut texts: Vec<String> = vec![String::new()];
        let mut frontier = texts.clone();
        for _ in 0..3 {
            frontier = frontier
                .iter()
                .flat_map(|t| pieces.iter().map(move |p| format!("{t}{p}")))
                .collect();
            texts.extend(frontier.iter().cloned());
        }
        let mut seed = 0x9E37_79B9_7F4A_7C15u64;
        for _ in 0..20_000 {
            let mut text = String::new();
            for _ in 0..12 {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                text.push_str(pieces[(seed % pieces.len() as u64) as usize]);
            }
            texts.push(text);
        }
        let mut lexemes = Vec::new();
        for text in &texts {
            let mut whole = FastSet::default();
            add_mid_sentence_caps(text, 0, true, &mut lexemes, &mut whole);
            let mut prefix = FastSet::default();
            if let Some(end) = mid_sentence_caps_extent(text) {
                let text = &text[..end];
                let (start, is_sentence_start) = mid_sentence_caps_start(text.as_bytes());
                add_mid_sentence_caps(text, start, is_sentence_start, &mut lexemes, &mut prefix);
            }
            assert_eq!(prefix, whole, "{text:?}");
        }
    }

    #[test]
    fn keep_candidate_keeps_the_best_keys_in_order() {
        let mut seed = 0x9E37_79B9_7F4A_7C15u64;
        for round in 0..2_000 {
            let mut candidates = Candidates::default();
            let mut reference: Vec<u64> = Vec::new();
            let mut bar = 0;
            for _ in 0..(round % 40) {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                // Few distinct high halves, as sums repeat; keys stay unique by their claim.
                let key = ((seed % 7) << 32) | (seed >> 40);
                if key <= bar || reference.contains(&key) {
                    continue;
                }
                bar = keep_candidate(&mut candidates, key).unwrap_or(bar);
                reference.push(key);
                reference.sort_unstable_by(|x, y| y.cmp(x));
                reference.truncate(CANDIDATES_PER_CLAIM);
                assert_eq!(candidates.as_slice(), reference.as_slice());
                let full = reference.len() == CANDIDATES_PER_CLAIM;
                let expected = reference.last().copied().filter(|_| full);
                assert_eq!(bar, expected.unwrap_or(0));
            }
        }
    }

    #[test]
    fn first_that_may_matter_matches_a_bytewise_scan() {
        let pieces = [
            " ", "a", "Z", "A", "z", "@", "[", ".", "!", "?", ",", "0", "\u{e9}", "\u{2026}", "'",
            "`", "{", "~", "\x7f", "-", "/", "\"", ">",
        ];
        for text in crate::core::test_text::mixed_strings(&pieces, 0x5EED_1234, 50_000, 40) {
            let bytes = text.as_bytes();
            for start in 0..bytes.len().min(9) {
                let rest = &bytes[start..];
                assert_eq!(
                    first_that_may_matter(rest),
                    rest.iter().position(|&b| may_matter(b)),
                    "{text:?} from {start}"
                );
            }
        }
        for b in 0..=255u8 {
            let mut bytes = [b'a'; 8];
            bytes[5] = b;
            let expected = may_matter(b).then_some(5);
            assert_eq!(first_that_may_matter(&bytes), expected, "{b}");
        }
    }

    #[test]
    fn ascii_alnum_run_matches_a_bytewise_scan() {
        let bytewise = |bytes: &[u8]| {
            bytes
                .iter()
                .take_while(|b| b.is_ascii_alphanumeric())
                .count()
        };
        for base in [b'a', b'z', b'A', b'Z', b'0', b'9'] {
            for byte in 0..=u8::MAX {
                for at in 0..19 {
                    let mut bytes = [base; 19];
                    bytes[at] = byte;
                    for len in [at + 1, 19] {
                        let bytes = &bytes[..len];
                        assert_eq!(ascii_alnum_run(bytes), bytewise(bytes), "{bytes:?}");
                    }
                }
            }
        }
    }

    /// Sentences from the two seed articles: the first argues Russia and North Korea are
    /// growing closer, the second that China, not Russia, is North Korea's main ally.
    const SEED_CLOSER: &[&str] = &[
        "North Korea and Russia have a long-standing relationship which dates back to the 1950s when the Soviet Union was providing economic and military aid to the country during its post-war reconstruction period.",
        "In recent years, the relationship between North Korea and Russia has become increasingly closer with both countries displaying closer ties in the diplomatic sphere.",
        "North Korea and Russia have maintained close ties for decades, with trade volume between them increasing steadily.",
        "Despite sanctions imposed on North Korea by the UN, Russia has made efforts to bypass the restrictions and has supported North Korean industry in a number of areas.",
        "Russia has consistently supported North Korea’s efforts to open up nuclear talks with the US, and the two countries share similar perspectives on many global issues.",
        "At the 2018 Moscow Conference on International Security, the two countries reaffirmed their strong relationship and called on the US and its allies to “stop creating obstacles between the two countries for having full-fledged dialogue.”",
        "China, North Korea’s closest ally, has reportedly expressed concern over the growing relationship between the two countries.",
        "More recently, South Korea and Japan have expressed concern over North Korea’s growing dependence on Russia, raising worries over their security.",
        "There have been reports of North Korea increasingly relying on Russia to bypass the sanctions imposed by the UN.",
        "Most experts agree that while Russia and North Korea have a strong relationship, they are not necessarily allies.",
        "In 2018, it was reported that North Korea and Russia had met in Vladivostok to discuss trade and potential investment opportunities.",
        "Russia has been providing North Korea with economic assistance in the form of oil imports and other resources.",
    ];
    const SEED_CHINA: &[&str] = &[
        "Consequently, Soviet aid to North Korea was kept as low-profile as possible, consisting mainly of weapons, vehicles and aircraft.",
        "With the continued Communist Party rule of China, North Korea retained a powerful economic ally with a common political system.",
        "From the North Korean perspective, Russia is a potential ally that shares its rivalry with the United States.",
        "This is not to say that the North Korean government is fully aligned with Russian wishes: Russia too has supported UN sanctions against North Korea.",
        "In 2018, Moscow and Beijing joined North Korea in suggesting an easing of sanctions during the North Korean denuclearization process, presenting the economic benefits as a continuous incentive to North Korean denuclearization.",
        "In terms of economy, Russia is the second-largest origin for imports to North Korea.",
        "This means that although trade with Russia is still significant, North Korea is far from dependent on Russian trade.",
        "In economic relationships as well as political, China again takes the lead as North Korea’s most influential ally.",
        "This is understandable given the limited value of Russian trade with North Korea and the political difficulties which result from appearing too close to Pyongyang.",
        "The Russia-North Korea summit in April 2019 lasted only a few hours, and reports from the Russian media suggest that little of substance was discussed or accomplished.",
        "It seems Putin is content to be a friendly neighbor to Kim Jong Un rather than a strong ally.",
        "While economic aid and cooperation on projects of mutual interest will continue, China long ago replaced Russia as the foreign power with the most influence on North Korea.",
    ];

    fn claims_from(docs: &[&[&'static str]]) -> Vec<ClaimText<'static>> {
        docs.iter()
            .enumerate()
            .flat_map(|(doc, texts)| {
                texts.iter().map(move |&text| ClaimText {
                    doc: doc as u32,
                    text,
                    is_hedged: false,
                })
            })
            .collect()
    }

    fn relation_between<'r>(
        relations: &'r [Relation],
        claims: &[ClaimText<'_>],
        x: &str,
        y: &str,
    ) -> Option<&'r Relation> {
        let find = |needle: &str| claims.iter().position(|c| c.text.contains(needle));
        let (i, j) = (find(x)?, find(y)?);
        let (a, b) = (i.min(j), i.max(j));
        relations.iter().find(|r| r.a == a && r.b == b)
    }

    /// Unrelated filler claims from other documents, so that IDF behaves as in a real workspace.
    const FILLER: &[&str] = &[
        "The river flooded the valley after three days of heavy rain.",
        "Quantum computers use qubits to perform certain calculations much faster.",
        "The orchestra performed a new symphony by a young composer from Lisbon.",
        "Coffee prices rose after a frost damaged plantations in the highlands.",
        "The museum reopened its gallery of medieval manuscripts to the public.",
        "A new vaccine against malaria showed promising results in early trials.",
    ];

    #[test]
    fn seed_dependence_claims_contrast_on_negation() {
        let claims = claims_from(&[SEED_CLOSER, SEED_CHINA]);
        let relations = find_relations(&claims);
        let relation = relation_between(
            &relations,
            &claims,
            "growing dependence",
            "far from dependent",
        )
        .expect("the dependence claims are related");
        assert_eq!(relation.kind, RelationKind::Contrasts, "{relation:?}");
        assert!(
            relation.reason.contains("far from dependent"),
            "{}",
            relation.reason
        );
        assert!(
            relation.reason.contains("growing dependence"),
            "{}",
            relation.reason
        );
    }

    #[test]
    fn seed_not_allies_and_friendly_neighbor_do_not_contrast() {
        let claims = claims_from(&[SEED_CLOSER, SEED_CHINA]);
        let relations = find_relations(&claims);
        let relation = relation_between(
            &relations,
            &claims,
            "not necessarily allies",
            "friendly neighbor",
        )
        .expect("both say Russia and North Korea are not strong allies");
        assert_ne!(relation.kind, RelationKind::Contrasts, "{relation:?}");
    }

    #[test]
    fn seed_moscow_2018_claims_are_related() {
        let claims = claims_from(&[SEED_CLOSER, SEED_CHINA]);
        let relations = find_relations(&claims);
        let relation = relation_between(
            &relations,
            &claims,
            "2018 Moscow Conference",
            "Moscow and Beijing",
        )
        .expect("both are about Moscow in 2018");
        assert_eq!(relation.kind, RelationKind::Related, "{relation:?}");
        assert!(
            relation.reason.contains("Moscow") && relation.reason.contains("2018"),
            "{}",
            relation.reason
        );
    }

    #[test]
    fn seed_bypassing_versus_supporting_sanctions_contrasts() {
        let claims = claims_from(&[SEED_CLOSER, SEED_CHINA]);
        let relations = find_relations(&claims);
        let relation = relation_between(
            &relations,
            &claims,
            "relying on Russia to bypass",
            "supported UN sanctions",
        )
        .expect("both are about Russia and UN sanctions");
        assert_eq!(relation.kind, RelationKind::Contrasts, "{relation:?}");
        assert!(
            relation.reason.contains("bypass") && relation.reason.contains("supported"),
            "{}",
            relation.reason
        );
    }

    #[test]
    fn seed_contrasts_are_rare() {
        let claims = claims_from(&[SEED_CLOSER, SEED_CHINA]);
        let relations = find_relations(&claims);
        let contrasts = relations
            .iter()
            .filter(|r| r.kind == RelationKind::Contrasts)
            .count();
        assert!(
            contrasts >= 2 && contrasts * 3 <= relations.len(),
            "{relations:#?}"
        );
    }

    #[test]
    fn negation_of_a_shared_statement_contrasts() {
        let claims = claims_from(&[
            &[
                "The new trade agreement between Brazil and Argentina was signed by both presidents in Buenos Aires.",
            ],
            &[
                "The new trade agreement between Brazil and Argentina was not signed by both presidents in Buenos Aires.",
            ],
            FILLER,
        ]);
        let relations = find_relations(&claims);
        assert_eq!(relations.len(), 1, "{relations:#?}");
        let relation = &relations[0];
        assert_eq!((relation.a, relation.b), (0, 1));
        assert_eq!(relation.kind, RelationKind::Contrasts);
        assert!(
            relation.reason.contains("not signed"),
            "{}",
            relation.reason
        );
        assert!(relation.reason.contains("negation"), "{}", relation.reason);
    }

    #[test]
    fn same_polarity_agrees() {
        let claims = claims_from(&[
            &[
                "Soybean exports from Brazil to China increased sharply last year because of strong demand from feed mills.",
            ],
            &[
                "Last year soybean exports from Brazil to China increased sharply, driven by strong demand from feed mills.",
            ],
            FILLER,
        ]);
        let relations = find_relations(&claims);
        assert_eq!(relations.len(), 1, "{relations:#?}");
        assert_eq!(
            relations[0].kind,
            RelationKind::Agrees,
            "{:?}",
            relations[0]
        );
        assert!(
            relations[0].reason.to_lowercase().contains("soybean"),
            "{}",
            relations[0].reason
        );
    }

    #[test]
    fn opposite_direction_contrasts() {
        let claims = claims_from(&[
            &["Soybean exports from Brazil to China increased sharply last year."],
            &["Soybean exports from Brazil to China decreased sharply last year."],
            FILLER,
        ]);
        let relations = find_relations(&claims);
        assert_eq!(relations.len(), 1, "{relations:#?}");
        assert_eq!(
            relations[0].kind,
            RelationKind::Contrasts,
            "{:?}",
            relations[0]
        );
        assert!(
            relations[0].reason.contains("opposite direction"),
            "{}",
            relations[0].reason
        );
    }

    #[test]
    fn conflicting_years_contrast_and_name_the_years() {
        let claims = claims_from(&[
            &["The first summit between the two leaders took place in Hanoi in 2019."],
            &["The first summit between the two leaders took place in Hanoi in 2018."],
            FILLER,
        ]);
        let relations = find_relations(&claims);
        assert_eq!(relations.len(), 1, "{relations:#?}");
        let relation = &relations[0];
        assert_eq!(relation.kind, RelationKind::Contrasts);
        assert!(
            relation.reason.contains("2019") && relation.reason.contains("2018"),
            "{}",
            relation.reason
        );
        assert!(relation.reason.contains("Hanoi"), "{}", relation.reason);
    }

    #[test]
    fn conflicting_percentages_contrast() {
        let claims = claims_from(&[
            &[
                "Unemployment in Spain fell to 12% in March, according to the national statistics office.",
            ],
            &[
                "According to the national statistics office, unemployment in Spain fell to 14% in March.",
            ],
            FILLER,
        ]);
        let relations = find_relations(&claims);
        assert_eq!(relations.len(), 1, "{relations:#?}");
        assert_eq!(relations[0].kind, RelationKind::Contrasts);
        assert!(
            relations[0].reason.contains("12%") && relations[0].reason.contains("14%"),
            "{}",
            relations[0].reason
        );
    }

    #[test]
    fn same_year_and_figure_do_not_conflict() {
        let claims = claims_from(&[
            &[
                "Unemployment in Spain fell to 12% in March 2021, according to the statistics office.",
            ],
            &[
                "According to the statistics office, unemployment in Spain fell to 12% in March 2021.",
            ],
            FILLER,
        ]);
        let relations = find_relations(&claims);
        assert_eq!(relations.len(), 1, "{relations:#?}");
        assert_eq!(
            relations[0].kind,
            RelationKind::Agrees,
            "{:?}",
            relations[0]
        );
    }

    #[test]
    fn hedged_versus_certain_paraphrase_contrasts() {
        let mut claims = claims_from(&[
            &["The central bank will raise interest rates in the autumn to fight inflation."],
            &["The central bank may raise interest rates in the autumn to fight inflation."],
            FILLER,
        ]);
        claims[1].is_hedged = true;
        let relations = find_relations(&claims);
        assert_eq!(relations.len(), 1, "{relations:#?}");
        assert_eq!(relations[0].kind, RelationKind::Contrasts);
        assert!(
            relations[0].reason.contains("hedged"),
            "{}",
            relations[0].reason
        );
    }

    #[test]
    fn different_subjects_are_not_contrasted() {
        let claims = claims_from(&[
            &["China is the most important ally of North Korea in the region today."],
            &["Russia is not the most important ally of North Korea in the region today."],
            FILLER,
        ]);
        let relations = find_relations(&claims);
        assert!(
            relations.iter().all(|r| r.kind != RelationKind::Contrasts),
            "{relations:#?}"
        );
    }

    #[test]
    fn unrelated_claims_are_not_related() {
        let claims = claims_from(&[&FILLER[..3], &FILLER[3..]]);
        assert!(find_relations(&claims).is_empty());
    }

    #[test]
    fn claims_in_the_same_document_are_never_related() {
        let same = "The first summit between the two leaders took place in Hanoi in 2019.";
        let claims = claims_from(&[
            &[
                same,
                same,
                "The summit in Hanoi ended early without any agreement.",
            ],
            &["Heavy rain fell over the capital during the night."],
        ]);
        assert!(find_relations(&claims).is_empty());
        let claims = claims_from(&[&[same, same], &[same]]);
        let relations = find_relations(&claims);
        assert_eq!(
            relations.iter().map(|r| (r.a, r.b)).collect::<Vec<_>>(),
            vec![(0, 2), (1, 2)]
        );
    }

    #[test]
    fn results_are_sorted_unique_and_cross_document() {
        let claims = claims_from(&[SEED_CLOSER, SEED_CHINA, SEED_CLOSER]);
        let relations = find_relations(&claims);
        assert!(!relations.is_empty());
        for pair in relations.windows(2) {
            assert!((pair[0].a, pair[0].b) < (pair[1].a, pair[1].b), "{pair:?}");
        }
        for relation in &relations {
            assert!(relation.a < relation.b);
            assert_ne!(claims[relation.a].doc, claims[relation.b].doc);
            assert!((0.0..=1.0).contains(&relation.score), "{relation:?}");
            assert!(!relation.reason.is_empty());
        }
        let mut partners = vec![0; claims.len()];
        for relation in &relations {
            partners[relation.a] += 1;
            partners[relation.b] += 1;
        }
        assert!(
            partners
                .iter()
                .all(|&count| count <= MAX_PARTNERS_PER_CLAIM),
            "{partners:?}"
        );
    }

    #[test]
    fn very_common_terms_alone_do_not_relate_claims() {
        let words = [
            "ports",
            "tunnels",
            "fishing",
            "railways",
            "satellites",
            "vaccines",
            "grain",
            "coal",
            "tourism",
            "students",
            "pipelines",
            "bridges",
            "movies",
            "football",
            "weather",
            "bananas",
            "chess",
            "poetry",
            "robots",
            "violins",
            "tractors",
            "glaciers",
            "opera",
            "bicycles",
            "lanterns",
            "marathons",
            "orchids",
            "volcanoes",
            "submarines",
            "comets",
        ];
        let texts: Vec<String> = words
            .iter()
            .map(|w| format!("North Korea and Russia talked about {w} with officials in Russia."))
            .collect();
        let claims: Vec<ClaimText<'_>> = texts
            .iter()
            .enumerate()
            .map(|(i, text)| ClaimText {
                doc: (i % 3) as u32,
                text,
                is_hedged: false,
            })
            .collect();
        let relations = find_relations(&claims);
        assert!(relations.is_empty(), "{relations:#?}");
        // Control: with the common terms, one rare shared word is enough to relate two claims.
        let mut texts = texts;
        texts.push(
            "North Korea and Russia talked about glaciers and comets with officials.".to_string(),
        );
        let claims: Vec<ClaimText<'_>> = texts
            .iter()
            .enumerate()
            .map(|(i, text)| ClaimText {
                doc: (i % 3) as u32,
                text,
                is_hedged: false,
            })
            .collect();
        let relations = find_relations(&claims);
        let last = claims.len() - 1;
        assert!(
            !relations.is_empty() && relations.iter().all(|r| r.b == last),
            "{relations:#?}"
        );
    }

    #[test]
    fn empty_and_single_document_inputs_give_nothing() {
        assert!(find_relations(&[]).is_empty());
        let claims = claims_from(&[SEED_CLOSER]);
        assert!(find_relations(&claims).is_empty());
    }

    #[test]
    fn cancelled_search_gives_up_and_uncancelled_matches_find_relations() {
        let claims = claims_from(&[SEED_CLOSER, SEED_CHINA]);
        let found = find_relations(&claims);
        assert!(!found.is_empty());
        assert_eq!(
            find_relations_until(&claims, &AtomicBool::new(false)),
            Some(found)
        );
        assert_eq!(find_relations_until(&claims, &AtomicBool::new(true)), None);
    }

    #[test]
    fn odd_text_does_not_panic() {
        let odd: &[&str] = &[
            "",
            "   ",
            "🙂🙂🙂 🚀 North Korea 🇰🇵 and Russia 🇷🇺!!!",
            "朝鲜和俄罗斯的关系越来越密切。",
            "朝鲜和俄罗斯的关系越来越密切。",
            "U.S.",
            "’s ’ ' '' . , ; : — – … “ ”",
            "1,000.5% 2018s 3rd 12ab 007 1e10 ٣٤ ½",
            "Ça coûte 10 € à l’école, n’est-ce pas? Ünïcödé ÀÉÎ.",
            "e\u{301}te\u{301} NOT NEVER no. Not only that, but also. Far from",
            "A.B.C.D.E. U.N. U.S.A",
            "rather than instead of a little far from not just",
        ];
        let claims: Vec<ClaimText<'_>> = odd
            .iter()
            .enumerate()
            .map(|(i, &text)| ClaimText {
                doc: i as u32,
                text,
                is_hedged: i % 2 == 0,
            })
            .collect();
        let relations = find_relations(&claims);
        for relation in &relations {
            assert!(relation.a < relation.b && relation.b < claims.len());
        }
        // The two identical Chinese sentences come from different documents: same thing.
        assert!(
            relations.iter().any(|r| (r.a, r.b) == (3, 4)),
            "{relations:#?}"
        );
    }

    #[test]
    fn relation_kind_labels_are_lowercase() {
        assert_eq!(RelationKind::Agrees.as_str(), "agrees");
        assert_eq!(RelationKind::Contrasts.as_str(), "contrasts");
        assert_eq!(RelationKind::Related.as_str(), "related");
    }

    #[test]
    fn aliases_and_stems_meet() {
        let claims = claims_from(&[
            &["The U.S. imposed new sanctions on the DPRK over its missile launches."],
            &["The United States imposed new sanctions on North Korea over missile launches."],
            FILLER,
        ]);
        let relations = find_relations(&claims);
        assert_eq!(relations.len(), 1, "{relations:#?}");
        assert!(
            relations[0].reason.contains("United States"),
            "{}",
            relations[0].reason
        );
        assert!(relations[0].score > 0.8, "{:?}", relations[0]);
    }
}
