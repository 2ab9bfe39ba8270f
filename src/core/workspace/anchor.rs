//! Anchors into a document's text and how they are found again after the text changed.
//!
//! [`build_anchor`] records a span with its quote, 32 characters of context either side and
//! its section's title path. [`Reanchorer`] (or the one-shot [`reanchor`]) finds an
//! [`Anchor`] in the current text in stages, returning an [`AnchorResult`]:
//!
//! 1. [`Stage::Unchanged`]: the stored span still holds the quote.
//! 2. [`Stage::ExactSearch`]: the quote occurs elsewhere; the occurrence whose context matches
//!    best, then the one nearest the old position, wins.
//! 3. [`Stage::FuzzySection`] / [`Stage::FuzzyDocument`]: the quote was edited. Candidate
//!    windows come from votes of the quote's rarest words (an inverted index of the text,
//!    built once per document, so no scan of the text per anchor). In each window the quote's
//!    words are aligned by a semi-global edit distance (Sellers; a misspelt word counts as a
//!    partial substitution), the match is widened over the quote's edge punctuation, and its
//!    similarity is the better of the character and word similarities. The confidence is
//!    that similarity weighted by how well the 32-character context matches, less a penalty
//!    when the match borders other kinds of characters than the quote did (a cut-off
//!    near-duplicate). Candidates in the anchor's own section are tried first.
//! 4. Below [`REATTACH_THRESHOLD`] the item is an orphan: kept, with a suggested span.
//!
//! Measured with [`reanchor_benchmark`](crate::core::workspace::reanchor_benchmark): see there.

use std::cell::OnceCell;
use std::collections::HashMap;

use crate::core::document::Span;
use crate::core::workspace::model::Anchor;

/// Characters of context stored before and after a quote.
pub const CONTEXT_CHARS: usize = 32;
/// Re-anchoring below this confidence leaves the item an orphan ("needs review").
pub const REATTACH_THRESHOLD: f32 = 0.8;
/// Longest quote an anchor may hold (a long selection is refused, not cut).
pub const MAX_QUOTE_BYTES: usize = 16 * 1024;

/// Quotes up to this long also get a character-level similarity (quadratic in the quote).
const CHAR_ALIGN_MAX_CHARS: usize = 1000;
/// Quotes of up to this many words grade word substitutions by spelling.
const GRADED_WORDS_MAX: usize = 200;
/// Vote budget of the candidate search: bounds the work per anchor on huge documents.
const VOTE_BUDGET: usize = 100_000;
/// Words occurring more often than this only vote when the quote has no rarer words.
const COMMON_WORD_POSTINGS: usize = 256;
/// Candidate windows tried per anchor in the whole document and in its section.
const DOCUMENT_CANDIDATES: usize = 8;
const SECTION_CANDIDATES: usize = 4;

/// One section of the current text, as re-anchoring needs it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SectionOutline<'a> {
    /// Heading text; "" for the untitled text before the first heading.
    pub title: &'a str,
    /// Heading level, 1 (top) to 6.
    pub level: u8,
    /// The section's body.
    pub body: Span,
}

impl<'a> SectionOutline<'a> {
    /// A section outline.
    pub fn new(title: &'a str, level: u8, body: Span) -> Self {
        Self { title, level, body }
    }
}

/// The title path of every section, in order (outermost title first, untitled levels skipped).
pub fn section_paths(sections: &[SectionOutline<'_>]) -> Vec<Vec<String>> {
    let mut stack: Vec<(u8, &str)> = Vec::new();
    let mut paths = Vec::with_capacity(sections.len());
    for section in sections {
        while stack
            .last()
            .is_some_and(|(level, _)| *level >= section.level)
        {
            stack.pop();
        }
        stack.push((section.level, section.title));
        paths.push(
            stack
                .iter()
                .filter(|(_, title)| !title.is_empty())
                .map(|(_, title)| (*title).to_owned())
                .collect(),
        );
    }
    paths
}

/// The title path of the section holding byte `offset` (empty before the first section).
pub fn section_path_at(sections: &[SectionOutline<'_>], offset: usize) -> Vec<String> {
    let after = sections.partition_point(|s| s.body.start <= offset);
    let Some(index) = after.checked_sub(1) else {
        return Vec::new();
    };
    section_paths(sections)
        .into_iter()
        .nth(index)
        .unwrap_or_default()
}

/// The text a section path covers: the section's body and its subsections' bodies.
pub fn section_scope(sections: &[SectionOutline<'_>], path: &[String]) -> Option<Span> {
    let paths = section_paths(sections);
    let index = paths.iter().position(|p| p.as_slice() == path)?;
    let first = sections.get(index)?;
    let end = sections
        .iter()
        .skip(index + 1)
        .take_while(|s| s.level > first.level)
        .map(|s| s.body.end)
        .fold(first.body.end, usize::max);
    Some(Span::new(first.body.start, end))
}

/// Why a selection cannot become an anchor.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AnchorError {
    /// The span does not fit the text.
    #[error("the selection {start}..{end} is outside the document ({len_bytes} bytes)")]
    OutOfRange {
        /// Start byte.
        start: usize,
        /// End byte.
        end: usize,
        /// The document's length.
        len_bytes: usize,
    },
    /// The span cuts a character in two.
    #[error("the selection {start}..{end} splits a character")]
    NotCharBoundary {
        /// Start byte.
        start: usize,
        /// End byte.
        end: usize,
    },
    /// Nothing but whitespace selected.
    #[error("the selection holds no text")]
    Empty,
    /// The selection is longer than [`MAX_QUOTE_BYTES`].
    #[error("the selection is {len_bytes} bytes; a claim can quote at most {limit_bytes}")]
    TooLong {
        /// The selection's length.
        len_bytes: usize,
        /// The limit.
        limit_bytes: usize,
    },
}

/// Builds the anchor of `span` (trimmed of surrounding whitespace) in a document's text.
pub fn build_anchor(
    document_id: &str,
    text: &str,
    sections: &[SectionOutline<'_>],
    span: Span,
) -> Result<Anchor, AnchorError> {
    if span.start > span.end || span.end > text.len() {
        return Err(AnchorError::OutOfRange {
            start: span.start,
            end: span.end,
            len_bytes: text.len(),
        });
    }
    let Some(selected) = text.get(span.start..span.end) else {
        return Err(AnchorError::NotCharBoundary {
            start: span.start,
            end: span.end,
        });
    };
    let trimmed_start = span.start + (selected.len() - selected.trim_start().len());
    let trimmed = selected.trim();
    if trimmed.is_empty() {
        return Err(AnchorError::Empty);
    }
    if trimmed.len() > MAX_QUOTE_BYTES {
        return Err(AnchorError::TooLong {
            len_bytes: trimmed.len(),
            limit_bytes: MAX_QUOTE_BYTES,
        });
    }
    let span = Span::new(trimmed_start, trimmed_start + trimmed.len());
    Ok(Anchor {
        document_id: document_id.to_owned(),
        span,
        section_path: section_path_at(sections, span.start),
        quote: trimmed.to_owned(),
        prefix: chars_before(text, span.start, CONTEXT_CHARS).to_owned(),
        suffix: chars_after(text, span.end, CONTEXT_CHARS).to_owned(),
    })
}

/// Which stage of re-anchoring placed an anchor.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Stage {
    /// The stored span still holds the quote.
    Unchanged,
    /// The exact quote was found elsewhere.
    ExactSearch,
    /// An edited version of the quote was found in the same section.
    FuzzySection,
    /// An edited version of the quote was found elsewhere in the document.
    FuzzyDocument,
    /// An item migrated without a quote was placed by its detected claim id.
    DetectedClaimId,
    /// Not found with enough confidence: needs the person's review.
    Orphan,
}

impl Stage {
    /// Words for the person.
    pub fn label(self) -> &'static str {
        match self {
            Self::Unchanged => "unchanged",
            Self::ExactSearch => "found the same text elsewhere",
            Self::FuzzySection => "found edited text in the same section",
            Self::FuzzyDocument => "found edited text elsewhere in the document",
            Self::DetectedClaimId => "placed by its claim id",
            Self::Orphan => "needs review",
        }
    }
}

/// Where an anchor is in the current text.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct AnchorResult {
    /// The span in the current text; `None` for orphans.
    pub span: Option<Span>,
    /// 0..=1; at least [`REATTACH_THRESHOLD`] whenever `span` is set.
    pub confidence: f32,
    /// Which stage decided.
    pub stage: Stage,
    /// The span differs from the stored one.
    pub moved: bool,
    /// For orphans: the best place found, to offer the person.
    pub suggestion: Option<Span>,
}

impl AnchorResult {
    fn found(anchor: &Anchor, span: Span, confidence: f32, stage: Stage) -> Self {
        Self {
            span: Some(span),
            confidence,
            stage,
            moved: span != anchor.span,
            suggestion: None,
        }
    }

    fn orphan(best: Option<(Span, f32)>) -> Self {
        Self {
            span: None,
            confidence: best.map_or(0.0, |(_, c)| c),
            stage: Stage::Orphan,
            moved: false,
            suggestion: best.map(|(s, _)| s),
        }
    }

    /// True when the item is attached (not an orphan).
    pub fn is_attached(&self) -> bool {
        self.span.is_some()
    }
}

/// Re-anchors one anchor; for many anchors on one document use a [`Reanchorer`].
pub fn reanchor(anchor: &Anchor, text: &str, sections: &[SectionOutline<'_>]) -> AnchorResult {
    Reanchorer::new(text, sections).reanchor(anchor)
}

/// Re-anchors many anchors against one document, building its word index once, when needed.
#[derive(Debug)]
pub struct Reanchorer<'a> {
    text: &'a str,
    sections: &'a [SectionOutline<'a>],
    index: OnceCell<WordIndex<'a>>,
}

/// Words of the text with their positions: the candidate finder of the fuzzy stage.
#[derive(Debug)]
struct WordIndex<'a> {
    /// Byte span of every word, in order.
    words: Vec<(usize, usize)>,
    /// Word → indices into `words`, ascending.
    postings: HashMap<&'a str, Vec<usize>>,
}

impl<'a> WordIndex<'a> {
    fn build(text: &'a str) -> Self {
        let words = word_spans(text);
        let mut postings: HashMap<&'a str, Vec<usize>> = HashMap::new();
        for (index, &(start, end)) in words.iter().enumerate() {
            if let Some(word) = text.get(start..end) {
                postings.entry(word).or_default().push(index);
            }
        }
        Self { words, postings }
    }
}

/// A place the fuzzy stage considers.
#[derive(Debug, Clone, Copy)]
struct Candidate {
    span: Span,
    confidence: f32,
}

impl<'a> Reanchorer<'a> {
    /// A re-anchorer over a document's current text and sections.
    pub fn new(text: &'a str, sections: &'a [SectionOutline<'a>]) -> Self {
        Self {
            text,
            sections,
            index: OnceCell::new(),
        }
    }

    /// The current text.
    pub fn text(&self) -> &'a str {
        self.text
    }

    /// Finds `anchor` in the current text (see the module documentation for the stages).
    pub fn reanchor(&self, anchor: &Anchor) -> AnchorResult {
        if anchor.quote.is_empty() {
            return AnchorResult::orphan(None);
        }
        let stored = self.text.get(anchor.span.start..anchor.span.end);
        if stored == Some(anchor.quote.as_str()) {
            return AnchorResult::found(anchor, anchor.span, 1.0, Stage::Unchanged);
        }
        let exact = self.exact_search(anchor);
        if let Some(found) = exact.filter(|c| c.confidence >= REATTACH_THRESHOLD) {
            return AnchorResult::found(anchor, found.span, found.confidence, Stage::ExactSearch);
        }
        let (fuzzy, in_section) = self.fuzzy_search(anchor);
        if let Some(found) = fuzzy.filter(|c| c.confidence >= REATTACH_THRESHOLD) {
            let stage = if in_section {
                Stage::FuzzySection
            } else {
                Stage::FuzzyDocument
            };
            return AnchorResult::found(anchor, found.span, found.confidence, stage);
        }
        let best = [exact, fuzzy]
            .into_iter()
            .flatten()
            .max_by(|a, b| a.confidence.total_cmp(&b.confidence));
        AnchorResult::orphan(best.map(|c| (c.span, c.confidence)))
    }

    /// Stage 2: every exact occurrence, ranked by matching context, then by distance.
    fn exact_search(&self, anchor: &Anchor) -> Option<Candidate> {
        let quote = anchor.quote.as_str();
        let prefix: Vec<char> = anchor.prefix.chars().map(normalize_char).collect();
        let suffix: Vec<char> = anchor.suffix.chars().map(normalize_char).collect();
        let mut occurrences = 0usize;
        let mut ties_at_best = 0usize;
        // (context chars matched, distance to the old start, start)
        let mut best: Option<(usize, usize, usize)> = None;
        for (start, _) in self.text.match_indices(quote) {
            occurrences += 1;
            let end = start + quote.len();
            let context = matching_context_chars(self.text, start, end, &prefix, &suffix);
            let distance = start.abs_diff(anchor.span.start);
            match best {
                Some((best_context, _, _)) if context < best_context => {}
                Some((best_context, best_distance, _)) if context == best_context => {
                    ties_at_best += 1;
                    if distance < best_distance {
                        best = Some((context, distance, start));
                    }
                }
                _ => {
                    ties_at_best = 1;
                    best = Some((context, distance, start));
                }
            }
        }
        let (context, _, start) = best?;
        let context_total = prefix.len() + suffix.len();
        let context_ratio = if context_total == 0 {
            1.0
        } else {
            context as f32 / context_total as f32
        };
        let confidence = if occurrences == 1 {
            0.95 + 0.05 * context_ratio
        } else if ties_at_best == 1 && context > 0 {
            0.9 + 0.1 * context_ratio
        } else if quote.chars().count() >= 24 {
            // The same long sentence twice says the same thing: either copy carries the verdict.
            0.85
        } else {
            // A short repeated phrase with nothing to tell the copies apart: ask the person.
            0.7
        };
        Some(Candidate {
            span: Span::new(start, start + quote.len()),
            confidence,
        })
    }

    /// Stage 3: edited quote; returns the best candidate and whether it lies in the section.
    fn fuzzy_search(&self, anchor: &Anchor) -> (Option<Candidate>, bool) {
        let index = self.index.get_or_init(|| WordIndex::build(self.text));
        let quote_words: Vec<&str> = word_spans(&anchor.quote)
            .into_iter()
            .filter_map(|(s, e)| anchor.quote.get(s..e))
            .collect();
        if quote_words.is_empty() || index.words.is_empty() {
            return (None, false);
        }
        let (diagonals, voting_positions) = candidate_diagonals(index, &quote_words);
        if diagonals.is_empty() {
            return (None, false);
        }
        let old_word = index.words.partition_point(|w| w.0 < anchor.span.start);
        let scope = section_scope(self.sections, &anchor.section_path);
        let word_start = |diagonal: i64| -> usize {
            let clamped = usize::try_from(diagonal.max(0)).unwrap_or(0);
            index
                .words
                .get(clamped.min(index.words.len().saturating_sub(1)))
                .map_or(0, |w| w.0)
        };
        let ranked = rank_clusters(&diagonals, voting_positions, quote_words.len(), old_word);
        let spacing = (quote_words.len() / 2).max(2) as i64;
        if let Some(scope) = scope {
            let in_scope: Vec<i64> = ranked
                .iter()
                .copied()
                .filter(|d| {
                    let start = word_start(*d);
                    start >= scope.start && start < scope.end
                })
                .collect();
            let picks = pick_spaced(&in_scope, spacing, SECTION_CANDIDATES);
            let best = self.best_candidate(anchor, index, &quote_words, &picks);
            if best.is_some_and(|c| c.confidence >= REATTACH_THRESHOLD) {
                return (best, true);
            }
        }
        let picks = pick_spaced(&ranked, spacing, DOCUMENT_CANDIDATES);
        let best = self.best_candidate(anchor, index, &quote_words, &picks);
        let in_section = match (best, scope) {
            (Some(c), Some(scope)) => c.span.start >= scope.start && c.span.start < scope.end,
            _ => false,
        };
        (best, in_section)
    }

    fn best_candidate(
        &self,
        anchor: &Anchor,
        index: &WordIndex<'_>,
        quote_words: &[&str],
        diagonals: &[i64],
    ) -> Option<Candidate> {
        let mut aligned: Vec<Aligned> = diagonals
            .iter()
            .filter_map(|&d| self.align_candidate(anchor, index, quote_words, d))
            .collect();
        aligned.sort_by_key(|a| a.span);
        aligned.dedup_by_key(|a| a.span);
        // Equal up to whitespace, quotes and dashes (a re-wrap), and the only such place:
        // as good as an exact match.
        let exact_count = aligned.iter().filter(|a| a.is_exact).count();
        let quote_chars = anchor.quote.chars().count();
        let mut best: Option<Candidate> = None;
        for found in aligned {
            let confidence = if found.is_exact && exact_count == 1 {
                0.95 + 0.05 * found.context
            } else {
                fuzzy_confidence(found.similarity, found.context, quote_chars)
                    - BOUNDARY_PENALTY * f32::from(found.boundary_mismatches)
            };
            let candidate = Candidate {
                span: found.span,
                confidence: confidence.clamp(0.0, 1.0),
            };
            let is_better = match best {
                None => true,
                Some(b) => {
                    candidate.confidence > b.confidence
                        || (candidate.confidence == b.confidence
                            && candidate.span.start.abs_diff(anchor.span.start)
                                < b.span.start.abs_diff(anchor.span.start))
                }
            };
            if is_better {
                best = Some(candidate);
            }
        }
        best
    }

    /// Aligns the quote's words within the window around one candidate diagonal, extends the
    /// match over the quote's leading and trailing punctuation, and measures it.
    fn align_candidate(
        &self,
        anchor: &Anchor,
        index: &WordIndex<'_>,
        quote_words: &[&str],
        diagonal: i64,
    ) -> Option<Aligned> {
        let word_count = index.words.len() as i64;
        let m = quote_words.len() as i64;
        let slack = (m / 3).max(4);
        let lo = (diagonal - slack).clamp(0, word_count);
        let hi = (diagonal + m + slack).clamp(0, word_count);
        if lo >= hi {
            return None;
        }
        let window = index
            .words
            .get(usize::try_from(lo).ok()?..usize::try_from(hi).ok()?)?;
        let pattern: Vec<u32> = quote_words.iter().map(|w| word_symbol(w)).collect();
        let symbols: Vec<u32> = window
            .iter()
            .map(|&(s, e)| word_symbol(self.text.get(s..e).unwrap_or("")))
            .collect();
        // A misspelt word is a partial substitution, so that alignment prefers it to a
        // different word (bounded: long quotes use all-or-nothing word costs).
        let is_graded = quote_words.len() <= GRADED_WORDS_MAX;
        let spell = |word: &str| -> Vec<char> { word.chars().collect() };
        let (quote_spelling, window_spelling): (Vec<Vec<char>>, Vec<Vec<char>>) = if is_graded {
            (
                quote_words.iter().map(|w| spell(w)).collect(),
                window
                    .iter()
                    .map(|&(s, e)| spell(self.text.get(s..e).unwrap_or("")))
                    .collect(),
            )
        } else {
            (Vec::new(), Vec::new())
        };
        let substitution_cost = |i: usize, j: usize| -> usize {
            let (Some(a), Some(b)) = (quote_spelling.get(i), window_spelling.get(j)) else {
                return INDEL_COST;
            };
            let longest = a.len().max(b.len()).max(1);
            (word_edit_distance(a, b) * INDEL_COST).div_ceil(longest)
        };
        let found = align_semi_global(&pattern, &symbols, &substitution_cost)?;
        if found.end <= found.start {
            return None;
        }
        let span = Span::new(window.get(found.start)?.0, window.get(found.end - 1)?.1);
        let span = self.extend_over_punctuation(span, &anchor.quote);
        let matched = span.slice(self.text);
        let word_similarity = 1.0
            - found.distance as f32
                / (INDEL_COST * pattern.len().max(found.end - found.start).max(1)) as f32;
        let quote_chars = anchor.quote.chars().count();
        let is_exact = anchor
            .quote
            .chars()
            .map(normalize_char)
            .eq(matched.chars().map(normalize_char));
        let similarity = if is_exact {
            1.0
        } else if quote_chars <= CHAR_ALIGN_MAX_CHARS {
            // A typo is one character, a long inserted word one word: take the kinder measure.
            let quote: Vec<char> = anchor.quote.chars().map(normalize_char).collect();
            let text: Vec<char> = matched.chars().map(normalize_char).collect();
            let distance = edit_distance(&quote, &text);
            let char_similarity = 1.0 - distance as f32 / quote.len().max(text.len()).max(1) as f32;
            char_similarity.max(word_similarity)
        } else {
            word_similarity
        };
        if similarity <= 0.0 {
            return None;
        }
        Some(Aligned {
            span,
            similarity,
            context: context_similarity(self.text, span, anchor),
            is_exact,
            boundary_mismatches: boundary_mismatches(self.text, span, anchor),
        })
    }

    /// Widens a word-aligned match over the punctuation the quote starts or ends with
    /// (an opening quote mark, a final full stop), where the text has the same.
    fn extend_over_punctuation(&self, span: Span, quote: &str) -> Span {
        let is_punctuation = |c: char| !c.is_alphanumeric() && !c.is_whitespace();
        let leading: Vec<char> = quote.chars().take_while(|c| is_punctuation(*c)).collect();
        let trailing: Vec<char> = quote
            .chars()
            .rev()
            .take_while(|c| is_punctuation(*c))
            .collect();
        let mut start = span.start;
        let before = self.text.get(..span.start).unwrap_or("");
        for (c, wanted) in before.chars().rev().zip(leading.iter().rev()) {
            if !is_punctuation(c) || normalize_char(c) != normalize_char(*wanted) {
                break;
            }
            start -= c.len_utf8();
        }
        let mut end = span.end;
        let after = self.text.get(span.end..).unwrap_or("");
        for (c, wanted) in after.chars().zip(trailing.iter().rev()) {
            if !is_punctuation(c) || normalize_char(c) != normalize_char(*wanted) {
                break;
            }
            end += c.len_utf8();
        }
        Span::new(start, end)
    }
}

/// One aligned candidate before scoring.
#[derive(Debug, Clone, Copy)]
struct Aligned {
    span: Span,
    /// Similarity of the quote and the text found, 0..=1.
    similarity: f32,
    /// Similarity of the stored context and the context found, 0..=1.
    context: f32,
    /// Equal to the quote up to whitespace, quote marks and dashes.
    is_exact: bool,
    /// Sides (0..=2) where the character next to the match is of another kind (space,
    /// letter or digit, punctuation) than next to the quote when anchored: a match that cuts
    /// a longer sentence ("…May 2" of "…May 2, 2019.") is a near-duplicate, not the quote.
    boundary_mismatches: u8,
}

/// Confidence lost per side whose boundary character differs in kind.
const BOUNDARY_PENALTY: f32 = 0.1;

/// How many sides of `span` border a different kind of character than the anchor did.
fn boundary_mismatches(text: &str, span: Span, anchor: &Anchor) -> u8 {
    fn kind(c: char) -> u8 {
        if c.is_whitespace() {
            0
        } else if c.is_alphanumeric() {
            1
        } else {
            2
        }
    }
    let before_now = chars_before(text, span.start, 1).chars().next();
    let after_now = chars_after(text, span.end, 1).chars().next();
    let before_then = anchor.prefix.chars().next_back();
    let after_then = anchor.suffix.chars().next();
    // The start or end of the text borders like whitespace.
    let differs = |then: Option<char>, now: Option<char>| {
        u8::from(kind(then.unwrap_or(' ')) != kind(now.unwrap_or(' ')))
    };
    differs(before_then, before_now) + differs(after_then, after_now)
}

/// Least weight of the context in a fuzzy match's confidence; short quotes lean on their
/// context more (a short edited quote on its own could be anywhere).
const CONTEXT_WEIGHT_MIN: f32 = 0.2;

/// Confidence of a fuzzy match: the quote's similarity, discounted when the context differs.
fn fuzzy_confidence(similarity: f32, context: f32, quote_chars: usize) -> f32 {
    let weight = (16.0 / quote_chars.max(1) as f32).clamp(CONTEXT_WEIGHT_MIN, 0.5);
    similarity * ((1.0 - weight) + weight * context)
}

/// Votes for word-diagonals (text word index − quote word index) from the quote's rarest
/// words, sorted, and how many quote positions voted (the most votes one place can get).
fn candidate_diagonals(index: &WordIndex<'_>, quote_words: &[&str]) -> (Vec<i64>, usize) {
    let mut positions: HashMap<&str, Vec<usize>> = HashMap::new();
    for (position, word) in quote_words.iter().enumerate() {
        positions.entry(word).or_default().push(position);
    }
    let mut by_rarity: Vec<(usize, &str)> = positions
        .keys()
        .filter_map(|w| index.postings.get(w).map(|p| (p.len(), *w)))
        .collect();
    by_rarity.sort_unstable();
    let mut votes: Vec<i64> = Vec::new();
    let mut voting_positions = 0usize;
    for (chosen, (count, word)) in by_rarity.into_iter().enumerate() {
        let in_quote = positions.get(word).map_or(0, Vec::len);
        let is_needed = chosen < 2;
        if !is_needed
            && (count > COMMON_WORD_POSTINGS || votes.len() + count * in_quote > VOTE_BUDGET)
        {
            break;
        }
        let (Some(postings), Some(quote_positions)) =
            (index.postings.get(word), positions.get(word))
        else {
            continue;
        };
        voting_positions += quote_positions.len();
        for &p in postings {
            for &q in quote_positions {
                votes.push(p as i64 - q as i64);
            }
        }
    }
    votes.sort_unstable();
    (votes, voting_positions)
}

/// Diagonals ranked by how many votes fall within a quarter-quote of them, then by nearness
/// to the old position; places with under 30% of the possible votes cannot hold a quote
/// similar enough and are left out.
fn rank_clusters(
    votes: &[i64],
    voting_positions: usize,
    quote_words: usize,
    old_word: usize,
) -> Vec<i64> {
    let least_votes = (voting_positions * 3).div_ceil(10).max(1);
    let width = (quote_words / 4).max(2) as i64;
    let mut clusters: Vec<(usize, u64, i64)> = Vec::with_capacity(votes.len());
    let mut end = 0usize;
    for (start, &first) in votes.iter().enumerate() {
        end = end.max(start);
        while votes.get(end).is_some_and(|&v| v <= first + width) {
            end += 1;
        }
        let Some(&median) = votes.get((start + end - 1) / 2) else {
            continue;
        };
        if end - start < least_votes {
            continue;
        }
        let distance = median.abs_diff(old_word as i64);
        clusters.push((end - start, distance, median));
    }
    clusters.sort_unstable_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    clusters.into_iter().map(|(_, _, d)| d).collect()
}

/// The first `limit` diagonals, skipping any within `spacing` of one already picked.
fn pick_spaced(ranked: &[i64], spacing: i64, limit: usize) -> Vec<i64> {
    let mut picked: Vec<i64> = Vec::with_capacity(limit);
    for &d in ranked {
        if picked.len() >= limit {
            break;
        }
        if picked
            .iter()
            .all(|p| p.abs_diff(d) > spacing.unsigned_abs())
        {
            picked.push(d);
        }
    }
    picked
}

/// Result of a semi-global alignment: pattern[..] against text[start..end].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Alignment {
    start: usize,
    end: usize,
    distance: usize,
}

/// Cost of inserting or deleting one symbol; a substitution costs 1..=this.
const INDEL_COST: usize = 10;

/// Sellers' algorithm: the substring of `text` with the least edit distance to `pattern`
/// (insertions and deletions cost [`INDEL_COST`], substitutions what `substitution_cost`
/// says for pattern index i and text index j). O(|pattern| · |text|) time, O(|pattern|) memory.
///
/// Ties are where an inserted word at the edge of the quote and a deleted quote word cost the
/// same; they go to the alignment that starts and ends on a matching symbol, so that a word
/// inserted near the end is included and the next sentence's first word is not.
fn align_semi_global(
    pattern: &[u32],
    text: &[u32],
    substitution_cost: &dyn Fn(usize, usize) -> usize,
) -> Option<Alignment> {
    /// One cell: cost, where the path started, whether its first step was a match.
    #[derive(Clone, Copy)]
    struct Cell {
        cost: usize,
        start: usize,
        starts_with_match: bool,
    }
    fn better(a: Cell, b: Cell) -> bool {
        (a.cost, !a.starts_with_match, std::cmp::Reverse(a.start))
            < (b.cost, !b.starts_with_match, std::cmp::Reverse(b.start))
    }
    let m = pattern.len();
    if m == 0 {
        return None;
    }
    let mut column: Vec<Cell> = (0..=m)
        .map(|i| Cell {
            cost: i * INDEL_COST,
            start: 0,
            starts_with_match: false,
        })
        .collect();
    // (cost, ends with a match, end, start)
    let mut best: Option<(usize, bool, usize, usize)> = None;
    for (j, &symbol) in text.iter().enumerate() {
        let col = j + 1;
        let mut diagonal = column[0];
        column[0] = Cell {
            cost: 0,
            start: col,
            starts_with_match: false,
        };
        let mut ends_with_match = false;
        for (i, &wanted) in pattern.iter().enumerate() {
            let row = i + 1;
            let up = column[row];
            let is_match = wanted == symbol;
            let substitution = if is_match {
                0
            } else {
                substitution_cost(i, j).clamp(1, INDEL_COST)
            };
            let mut cell = Cell {
                cost: diagonal.cost + substitution,
                start: diagonal.start,
                starts_with_match: if row == 1 {
                    is_match
                } else {
                    diagonal.starts_with_match
                },
            };
            let mut via_diagonal_match = is_match;
            let left = column[row - 1];
            let skip_pattern = Cell {
                cost: left.cost + INDEL_COST,
                ..left
            };
            if better(skip_pattern, cell) {
                cell = skip_pattern;
                via_diagonal_match = false;
            }
            let skip_text = Cell {
                cost: up.cost + INDEL_COST,
                ..up
            };
            if better(skip_text, cell) {
                cell = skip_text;
                via_diagonal_match = false;
            }
            diagonal = up;
            column[row] = cell;
            if row == m {
                ends_with_match = via_diagonal_match;
            }
        }
        let end = column[m];
        let is_better = match best {
            None => true,
            Some((cost, matched, _, _)) => {
                end.cost < cost || (end.cost == cost && ends_with_match && !matched)
            }
        };
        if is_better {
            best = Some((end.cost, ends_with_match, col, end.start));
        }
    }
    best.map(|(distance, _, end, start)| Alignment {
        start,
        end,
        distance,
    })
}

/// Levenshtein distance of two short sequences (contexts of 32 characters, a quote's words).
fn edit_distance<T: PartialEq>(a: &[T], b: &[T]) -> usize {
    let mut row = vec![0; b.len() + 1];
    edit_distance_in(a, b, &mut row)
}

/// [`edit_distance`] without allocating for words of up to 63 characters (called per cell of
/// the word alignment).
fn word_edit_distance(a: &[char], b: &[char]) -> usize {
    const STACK: usize = 64;
    if b.len() >= STACK {
        return edit_distance(a, b);
    }
    let mut row = [0usize; STACK];
    edit_distance_in(a, b, &mut row[..=b.len()])
}

/// The Levenshtein dynamic programme over one row of `b.len() + 1` cells.
fn edit_distance_in<T: PartialEq>(a: &[T], b: &[T], row: &mut [usize]) -> usize {
    for (j, cell) in row.iter_mut().enumerate() {
        *cell = j;
    }
    for (i, ca) in a.iter().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let up = row[j + 1];
            row[j + 1] = (diagonal + usize::from(ca != cb))
                .min(up + 1)
                .min(row[j] + 1);
            diagonal = up;
        }
    }
    row[b.len()]
}

/// How much the text around `span` resembles the anchor's stored context, 0..=1.
fn context_similarity(text: &str, span: Span, anchor: &Anchor) -> f32 {
    let normalized = |s: &str| -> Vec<char> { s.chars().map(normalize_char).collect() };
    let stored_prefix = normalized(&anchor.prefix);
    let stored_suffix = normalized(&anchor.suffix);
    let prefix = normalized(chars_before(text, span.start, CONTEXT_CHARS));
    let suffix = normalized(chars_after(text, span.end, CONTEXT_CHARS));
    let total = stored_prefix.len().max(prefix.len()) + stored_suffix.len().max(suffix.len());
    if total == 0 {
        return 1.0;
    }
    let distance = edit_distance(&stored_prefix, &prefix) + edit_distance(&stored_suffix, &suffix);
    1.0 - distance as f32 / total as f32
}

/// Characters of stored context that match at an occurrence (from the quote outwards).
fn matching_context_chars(
    text: &str,
    start: usize,
    end: usize,
    prefix: &[char],
    suffix: &[char],
) -> usize {
    let before = text
        .get(..start)
        .unwrap_or("")
        .chars()
        .rev()
        .map(normalize_char)
        .zip(prefix.iter().rev())
        .take_while(|(a, b)| a == *b)
        .count();
    let after = text
        .get(end..)
        .unwrap_or("")
        .chars()
        .map(normalize_char)
        .zip(suffix.iter())
        .take_while(|(a, b)| a == *b)
        .count();
    before + after
}

/// Up to `count` characters of `text` ending at byte `at` ("" when `at` is not a boundary).
pub(crate) fn chars_before(text: &str, at: usize, count: usize) -> &str {
    let Some(head) = text.get(..at) else {
        return "";
    };
    let start = head
        .char_indices()
        .rev()
        .take(count)
        .last()
        .map_or(at, |(i, _)| i);
    head.get(start..).unwrap_or("")
}

/// Up to `count` characters of `text` starting at byte `at` ("" when `at` is not a boundary).
pub(crate) fn chars_after(text: &str, at: usize, count: usize) -> &str {
    let Some(tail) = text.get(at..) else {
        return "";
    };
    let end = tail
        .char_indices()
        .nth(count)
        .map_or(tail.len(), |(i, _)| i);
    tail.get(..end).unwrap_or("")
}

/// Byte spans of the words (runs of letters and digits) of `text`, in order.
fn word_spans(text: &str) -> Vec<(usize, usize)> {
    let mut words = Vec::new();
    let mut start: Option<usize> = None;
    for (i, c) in text.char_indices() {
        match (c.is_alphanumeric(), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                words.push((s, i));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        words.push((s, text.len()));
    }
    words
}

/// Folds the differences an edit or a re-wrap makes without changing meaning: any
/// whitespace, curly against straight quotes, dash variants.
fn normalize_char(c: char) -> char {
    match c {
        c if c.is_whitespace() => ' ',
        '\u{2018}' | '\u{2019}' | '\u{201B}' | '\u{2032}' => '\'',
        '\u{201C}' | '\u{201D}' | '\u{201F}' | '\u{2033}' => '"',
        '\u{2010}'..='\u{2015}' | '\u{2212}' => '-',
        c => c,
    }
}

/// FNV-1a of a word, folded to 32 bits: a symbol for word-level alignment.
fn word_symbol(word: &str) -> u32 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in word.bytes() {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    (hash ^ (hash >> 32)) as u32
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "Intro line here.\n\nBilateral Relations\n\nNorth Korea and Russia have maintained close ties for decades. In 2020, North Korea’s exports to Russia accounted for around 10% of its total exports. Trade grew.\n\nMilitary Cooperation\n\nRussia has sold various military equipment to North Korea. Trade grew.\n";

    fn sections(text: &str) -> Vec<SectionOutline<'static>> {
        let find = |s: &str| text.find(s).unwrap();
        let bilateral = find("North Korea and Russia have");
        let military = find("Military Cooperation\n\n") + "Military Cooperation\n\n".len();
        vec![
            SectionOutline::new("", 1, Span::new(0, 16)),
            SectionOutline::new(
                "Bilateral Relations",
                2,
                Span::new(bilateral, find("\n\nMilitary")),
            ),
            SectionOutline::new(
                "Military Cooperation",
                2,
                Span::new(military, text.len() - 1),
            ),
        ]
    }

    fn anchor_of(text: &str, quote: &str) -> Anchor {
        let start = text.find(quote).unwrap();
        build_anchor(
            "d1",
            text,
            &sections(text),
            Span::new(start, start + quote.len()),
        )
        .unwrap()
    }

    #[test]
    fn anchor_records_quote_context_and_section_path() {
        let anchor = anchor_of(TEXT, "In 2020, North Korea’s exports");
        assert_eq!(anchor.section_path, vec!["Bilateral Relations".to_owned()]);
        assert_eq!(anchor.prefix.chars().count(), CONTEXT_CHARS);
        assert!(anchor.prefix.ends_with("for decades. "));
        assert!(anchor.suffix.starts_with(" to Russia"));
        assert_eq!(anchor.span.slice(TEXT), anchor.quote);
    }

    #[test]
    fn selection_is_trimmed_and_bad_selections_are_refused() {
        let start = TEXT.find("Trade grew.").unwrap();
        let anchor = build_anchor("d1", TEXT, &[], Span::new(start - 1, start + 12)).unwrap();
        assert_eq!(anchor.quote, "Trade grew.");
        let quote_mark = TEXT.find('’').unwrap();
        assert!(matches!(
            build_anchor("d1", TEXT, &[], Span::new(quote_mark + 1, quote_mark + 5)),
            Err(AnchorError::NotCharBoundary { .. })
        ));
        assert_eq!(
            build_anchor("d1", TEXT, &[], Span::new(16, 18)),
            Err(AnchorError::Empty)
        );
        assert!(matches!(
            build_anchor("d1", TEXT, &[], Span::new(0, TEXT.len() + 1)),
            Err(AnchorError::OutOfRange { .. })
        ));
    }

    #[test]
    fn unchanged_text_is_stage_one() {
        let anchor = anchor_of(
            TEXT,
            "Russia has sold various military equipment to North Korea.",
        );
        let result = reanchor(&anchor, TEXT, &sections(TEXT));
        assert_eq!(result.stage, Stage::Unchanged);
        assert_eq!(result.confidence, 1.0);
        assert!(!result.moved);
    }

    #[test]
    fn inserted_text_before_moves_the_anchor_exactly() {
        let anchor = anchor_of(
            TEXT,
            "Russia has sold various military equipment to North Korea.",
        );
        let edited = TEXT.replace("Intro line here.", "A much longer introduction line here.");
        let result = reanchor(&anchor, &edited, &sections(&edited));
        assert_eq!(result.stage, Stage::ExactSearch);
        assert!(result.moved);
        assert_eq!(result.span.unwrap().slice(&edited), anchor.quote);
    }

    #[test]
    fn repeated_quote_goes_to_the_copy_whose_context_matches() {
        // "Trade grew." occurs twice; the anchor is the second one.
        let second = TEXT.rfind("Trade grew.").unwrap();
        let anchor =
            build_anchor("d1", TEXT, &sections(TEXT), Span::new(second, second + 11)).unwrap();
        let edited = format!("Preface.\n\n{TEXT}");
        let result = reanchor(&anchor, &edited, &sections(&edited));
        let span = result.span.unwrap();
        assert_eq!(span.start, edited.rfind("Trade grew.").unwrap());
        assert!(result.confidence >= REATTACH_THRESHOLD);
    }

    #[test]
    fn edited_sentence_is_found_fuzzily_in_its_section() {
        let quote = "In 2020, North Korea’s exports to Russia accounted for around 10% of its total exports.";
        let anchor = anchor_of(TEXT, quote);
        let edited = TEXT.replace("accounted for around 10%", "made up roughly 10%");
        let result = reanchor(&anchor, &edited, &sections(&edited));
        assert_eq!(result.stage, Stage::FuzzySection);
        let span = result.span.unwrap();
        assert_eq!(
            span.slice(&edited),
            "In 2020, North Korea’s exports to Russia made up roughly 10% of its total exports."
        );
        assert!(result.confidence >= REATTACH_THRESHOLD && result.confidence < 1.0);
    }

    #[test]
    fn rewrapped_lines_still_match() {
        let quote = "North Korea and Russia have maintained close ties for decades.";
        let anchor = anchor_of(TEXT, quote);
        let edited = TEXT.replace(
            "Russia have maintained close",
            "Russia have\nmaintained close",
        );
        let result = reanchor(&anchor, &edited, &sections(&edited));
        assert!(result.is_attached());
        assert!(result.confidence > 0.95, "{result:?}");
        assert_eq!(
            result.span.unwrap().slice(&edited),
            "North Korea and Russia have\nmaintained close ties for decades."
        );
    }

    #[test]
    fn deleted_sentence_becomes_an_orphan() {
        let quote = "Russia has sold various military equipment to North Korea.";
        let anchor = anchor_of(TEXT, quote);
        let edited = TEXT.replace(quote, "");
        let result = reanchor(&anchor, &edited, &sections(&edited));
        assert_eq!(result.stage, Stage::Orphan);
        assert_eq!(result.span, None);
        assert!(result.confidence < REATTACH_THRESHOLD);
    }

    #[test]
    fn stale_span_outside_the_text_does_not_panic() {
        let mut anchor = anchor_of(TEXT, "Trade grew.");
        anchor.span = Span::new(10_000, 5);
        let result = reanchor(&anchor, "é", &[]);
        assert_eq!(result.stage, Stage::Orphan);
        let result = reanchor(&anchor, "", &[]);
        assert_eq!(result.stage, Stage::Orphan);
    }

    #[test]
    fn section_paths_follow_heading_levels() {
        let sections = [
            SectionOutline::new("", 1, Span::new(0, 1)),
            SectionOutline::new("A", 2, Span::new(2, 3)),
            SectionOutline::new("B", 3, Span::new(4, 5)),
            SectionOutline::new("C", 2, Span::new(6, 7)),
        ];
        let paths = section_paths(&sections);
        assert_eq!(paths[0], Vec::<String>::new());
        assert_eq!(paths[2], vec!["A".to_owned(), "B".to_owned()]);
        assert_eq!(paths[3], vec!["C".to_owned()]);
        assert_eq!(
            section_scope(&sections, &["A".to_owned()]),
            Some(Span::new(2, 5))
        );
    }

    #[test]
    fn semi_global_alignment_finds_the_substring() {
        let p: Vec<u32> = "abcd".chars().map(u32::from).collect();
        let t: Vec<u32> = "xxabxdyy".chars().map(u32::from).collect();
        let a = align_semi_global(&p, &t, &|_, _| INDEL_COST).unwrap();
        assert_eq!(a.distance, INDEL_COST);
        assert_eq!((a.start, a.end), (2, 6));
    }

    proptest::proptest! {
        #[test]
        fn reanchoring_any_anchor_on_any_text_never_panics(
            text in "[a-cé “”.\n]{0,200}",
            quote in "[a-cé “”.\n]{0,30}",
            prefix in "[a-c ]{0,8}",
            start in 0usize..300,
            len in 0usize..40,
            cut in 0usize..300,
        ) {
            let sections = [SectionOutline::new("", 1, Span::new(cut, start))];
            let anchor = Anchor {
                document_id: "d".to_owned(),
                span: Span::new(start, start + len),
                section_path: Vec::new(),
                quote,
                prefix,
                suffix: String::new(),
            };
            let result = reanchor(&anchor, &text, &sections);
            if let Some(span) = result.span {
                proptest::prop_assert!(text.get(span.start..span.end).is_some());
                proptest::prop_assert!(result.confidence >= REATTACH_THRESHOLD);
            }
            let _ = build_anchor("d", &text, &sections, Span::new(start, start + len));
        }
    }
}
