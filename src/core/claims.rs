//! Check-worthiness scoring for the claims sidebar: [`assess`] takes one sentence and returns
//! an [`Assessment`] — a probability-like `score`, whether it is a claim, its [`ClaimKind`]s
//! (statistic, temporal, attribution, comparison, causal, prediction), the hedge that softens
//! it, and the [`Cue`]s (byte spans of the sentence) that explain the verdict to the reader.
//!
//! The score comes from a small logistic regression ([`model`]) over word unigrams/bigrams
//! and the hand-written cue [`rules`] (found by [`cues`] over the tokens of [`text`]), trained
//! by `examples/train_claims.rs` and shipped as `assets/claims_model.json`. Vetoes ([`Veto`])
//! keep questions, headings, page chrome and bibliography entries out of the claims whatever
//! their score.

pub mod cues;
pub mod model;
pub mod rules;
pub mod text;

use std::borrow::Cow;
use std::cell::RefCell;
use std::sync::LazyLock;

use model::{Analysis, Model, Scored, sigmoid};
use rules::{Rule, RuleCue};
use smol_str::SmolStr;
use text::*;

/// The kind of verifiable content a claim carries.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum ClaimKind {
    /// Numbers, percentages, amounts, ranks ("43 times", "second-largest").
    Statistic,
    /// A dated event ("in April 2019", "since the 1950s", "last week").
    Temporal,
    /// What a named source said ("according to", "noted", a quotation).
    Attribution,
    /// More/less than, superlatives, "compared with".
    Comparison,
    /// Because, led to, due to, enabled.
    Causal,
    /// Will, is expected to, forecast, could lead to.
    Prediction,
}

impl ClaimKind {
    /// Every kind, in display order.
    pub const ALL: [ClaimKind; 6] = [
        ClaimKind::Statistic,
        ClaimKind::Temporal,
        ClaimKind::Attribution,
        ClaimKind::Comparison,
        ClaimKind::Causal,
        ClaimKind::Prediction,
    ];

    /// Lowercase name, as serialised.
    pub fn as_str(self) -> &'static str {
        match self {
            ClaimKind::Statistic => "statistic",
            ClaimKind::Temporal => "temporal",
            ClaimKind::Attribution => "attribution",
            ClaimKind::Comparison => "comparison",
            ClaimKind::Causal => "causal",
            ClaimKind::Prediction => "prediction",
        }
    }
}

/// A set of [`ClaimKind`]s in one byte; iterates in display (= sorted) order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct ClaimKinds(u8);

impl ClaimKinds {
    /// No kinds.
    pub const EMPTY: ClaimKinds = ClaimKinds(0);

    fn bit(kind: ClaimKind) -> u8 {
        1 << (kind as u8)
    }

    /// Adds a kind.
    pub fn insert(&mut self, kind: ClaimKind) {
        self.0 |= Self::bit(kind);
    }

    /// Whether the set holds `kind`.
    pub fn contains(self, kind: ClaimKind) -> bool {
        self.0 & Self::bit(kind) != 0
    }

    /// Whether the set is empty.
    pub fn is_empty(self) -> bool {
        self.0 == 0
    }

    /// The kinds, sorted.
    pub fn iter(self) -> impl Iterator<Item = ClaimKind> {
        ClaimKind::ALL
            .into_iter()
            .filter(move |k| self.contains(*k))
    }
}

impl FromIterator<ClaimKind> for ClaimKinds {
    fn from_iter<I: IntoIterator<Item = ClaimKind>>(iter: I) -> Self {
        let mut kinds = ClaimKinds::EMPTY;
        for kind in iter {
            kinds.insert(kind);
        }
        kinds
    }
}

/// A word or phrase of the sentence that contributed, as a byte span into the sentence.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Cue {
    /// Byte offset of the first byte (a char boundary).
    pub start: usize,
    /// Byte offset one past the last byte (a char boundary).
    pub end: usize,
    /// `sentence[start..end]` (short cues are stored inline: no allocation per cue).
    pub text: SmolStr,
    /// Reader-facing reason: "number", "date", "reporting verb", "hedge: reportedly", …
    /// (borrowed from the rule table unless several reasons were joined).
    pub why: Cow<'static, str>,
    /// Contribution to the log-odds of being a claim (negative for hedges that lower it).
    pub weight: f32,
}

impl Cue {
    /// The hover text, e.g. `"43 times" — number (multiple)`.
    pub fn label(&self) -> String {
        format!("\u{201c}{}\u{201d} \u{2014} {}", self.text, self.why)
    }
}

/// Why a sentence is not a claim whatever its score.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Veto {
    /// No words at all.
    Empty,
    /// Ends with a question mark.
    Question,
    /// A short title-case line without final punctuation ("Military Cooperation").
    Heading,
    /// A few words without a verb ("Skip to main content").
    Fragment,
    /// Site navigation or archive labels ("Monthly Archives: September 2019").
    PageChrome,
    /// A bibliography/reference entry ("Lukin, Artyom, “The Putin …,” 38 North, May 2, 2019.").
    Reference,
}

/// The verdict on one sentence.
#[derive(Debug, Clone, PartialEq, Default, serde::Serialize)]
pub struct Assessment {
    /// 0..1 probability-like check-worthiness (the model's, before vetoes).
    pub score: f32,
    /// `score >= THRESHOLD` and not vetoed.
    pub is_claim: bool,
    /// Kinds of verifiable content, sorted and deduplicated.
    pub kinds: Vec<ClaimKind>,
    /// The softening cue, if any ("reportedly", "is said to", "may", …).
    pub hedge: Option<Cue>,
    /// What made it a claim: kind cues first, then names and top-weighted model words, each
    /// group by weight (most important first).
    pub reasons: Vec<Cue>,
    /// Why it cannot be a claim, if a guard rejected it.
    pub veto: Option<Veto>,
}

impl Assessment {
    /// True when a hedge softens the sentence.
    pub fn is_hedged(&self) -> bool {
        self.hedge.is_some()
    }
}

/// Score at and above which a sentence is a claim. Training balances the classes, so 0.5 is
/// the neutral point; 0.55 has the best dev F1 and, on the seed articles, keeps the factual
/// sentences scoring 0.55–0.6 while the analysis and opinion sentences below it drop out.
pub const THRESHOLD: f32 = 0.55;

/// At most this many reasons are returned.
const MAX_REASONS: usize = 7;
/// Model words below this contribution (log-odds) are not worth showing.
const MIN_WORD_CONTRIBUTION: f32 = 0.08;
/// At most this many plain model words among the reasons.
const MAX_WORD_REASONS: usize = 3;

static MODEL: LazyLock<Model> = LazyLock::new(|| {
    Model::from_json(include_str!("../../assets/claims_model.json"))
        .unwrap_or_else(|_| Model::rules_only())
});

/// The shipped model (loaded on first use).
pub fn shipped_model() -> &'static Model {
    &MODEL
}

/// What the analysis keeps of a detected claim: score, kinds and whether it is hedged. The
/// explanation (cues, hedge text, reasons) is not kept: [`assess`] recomputes it, the same,
/// when a claim is shown (a few microseconds), which keeps a study's memory small.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Detection {
    /// As [`Assessment::score`].
    pub score: f32,
    /// As [`Assessment::kinds`].
    pub kinds: ClaimKinds,
    /// As [`Assessment::is_hedged`].
    pub is_hedged: bool,
}

/// The [`Detection`] of a sentence that is a claim (the same verdict as [`assess`]), `None`
/// for any other; nothing is explained, so nothing is allocated, and a sentence scored below
/// the threshold is not even checked for a veto.
pub fn detect_claim(sentence: &str) -> Option<Detection> {
    with_analysis(sentence, |analysis, _| {
        // A sentence below the threshold is no claim whatever the vetoes say: scored first,
        // only the others are checked for a veto.
        let score = sigmoid(MODEL.logit(analysis));
        if score < THRESHOLD || find_veto(analysis).is_some() {
            return None;
        }
        let (kinds, _) = claim_kinds(&analysis.cues, true);
        let is_hedged = analysis.cues.iter().any(|c| c.rule == Rule::Hedge);
        Some(Detection {
            score,
            kinds,
            is_hedged,
        })
    })
}

/// Scores one sentence with the shipped model.
pub fn assess(sentence: &str) -> Assessment {
    assess_with(&MODEL, sentence)
}

/// Scores one sentence with a given model (training evaluates candidate models this way).
/// Every sentence is scored, vetoed ones too.
pub fn assess_with(model: &Model, sentence: &str) -> Assessment {
    with_analysis(sentence, |analysis, ngrams| {
        let veto = find_veto(analysis);
        let scored = model.score_with_buffer(analysis, std::mem::take(ngrams));
        let assessment = explain(model, analysis, &scored, veto);
        *ngrams = scored.ngrams;
        assessment
    })
}

/// Token, cue and n-gram vectors reused by every assessment on a thread.
#[derive(Default)]
struct Scratch {
    tokens: Vec<Token>,
    cues: Vec<RuleCue>,
    ngrams: Vec<(usize, usize, f32)>,
}

thread_local! {
    static SCRATCH: RefCell<Scratch> = RefCell::default();
}

/// Runs `f` on the sentence's analysis and an n-gram buffer, with the thread's reused vectors.
fn with_analysis<T>(
    sentence: &str,
    f: impl FnOnce(&Analysis<'_>, &mut Vec<(usize, usize, f32)>) -> T,
) -> T {
    SCRATCH.with(|cell| match cell.try_borrow_mut() {
        Ok(mut scratch) => {
            let scratch = &mut *scratch;
            let analysis = Analysis::with_buffers(
                sentence,
                std::mem::take(&mut scratch.tokens),
                std::mem::take(&mut scratch.cues),
            );
            let result = f(&analysis, &mut scratch.ngrams);
            let Analysis { tokens, cues, .. } = analysis;
            scratch.tokens = tokens;
            scratch.cues = cues;
            result
        }
        // Only if `f` itself assesses a sentence: the inner call gets fresh vectors.
        Err(_) => {
            let analysis = Analysis::with_buffers(sentence, Vec::new(), Vec::new());
            f(&analysis, &mut Vec::new())
        }
    })
}

/// The verdict from a scored analysis.
fn explain(
    model: &Model,
    analysis: &Analysis<'_>,
    scored: &Scored,
    veto: Option<Veto>,
) -> Assessment {
    let sentence = analysis.sentence;
    let score = sigmoid(scored.logit);
    let is_claim = veto.is_none() && score >= THRESHOLD;
    let (kinds, use_weak) = claim_kinds(&analysis.cues, is_claim);
    let hedge = analysis
        .cues
        .iter()
        .find(|c| c.rule == Rule::Hedge)
        .map(|c| {
            let text = span_text(sentence, c.start as usize, c.end as usize);
            Cue {
                start: c.start as usize,
                end: c.end as usize,
                why: Cow::Owned(format!("hedge: {text}")),
                text: SmolStr::new(text),
                weight: model.rule_weight(Rule::Hedge),
            }
        });
    let reasons = build_reasons(analysis, scored, model, use_weak);
    Assessment {
        score,
        is_claim,
        kinds: kinds.iter().collect(),
        hedge,
        reasons,
        veto,
    }
}

fn span_text(sentence: &str, start: usize, end: usize) -> &str {
    sentence.get(start..end).unwrap_or("")
}

/// The kinds the cues give, and whether weak cues were counted: they are, for a claim that no
/// strong cue gives a kind.
fn claim_kinds(cues: &[RuleCue], is_claim: bool) -> (ClaimKinds, bool) {
    let strong: ClaimKinds = cues
        .iter()
        .filter(|c| !c.rule.is_weak())
        .filter_map(|c| c.rule.kind())
        .collect();
    if strong.is_empty() && is_claim {
        (cues.iter().filter_map(|c| c.rule.kind()).collect(), true)
    } else {
        (strong, false)
    }
}

/// Kind cues (and names) with their rule weight, plus the strongest model words; a word that
/// overlaps a cue adds its weight to the cue instead of being listed twice.
fn build_reasons(
    analysis: &Analysis<'_>,
    scored: &Scored,
    model: &Model,
    use_weak: bool,
) -> Vec<Cue> {
    struct Draft {
        start: u32,
        end: u32,
        why: Cow<'static, str>,
        weight: f32,
        is_kind_cue: bool,
    }
    let mut drafts: Vec<Draft> = Vec::new();
    let mut names_shown = 0;
    for cue in &analysis.cues {
        let rule = cue.rule;
        let weight = model.rule_weight(rule);
        let is_kind_cue = rule.kind().is_some() && (!rule.is_weak() || use_weak);
        let is_name = rule == Rule::ProperName && weight > 0.0 && names_shown < 2;
        if !(is_kind_cue || is_name) || cue.end <= cue.start {
            continue;
        }
        names_shown += usize::from(is_name);
        if let Some(same) = drafts
            .iter_mut()
            .find(|d| d.start == cue.start && d.end == cue.end)
        {
            if !same.why.split(", ").any(|w| w == rule.why()) {
                let why = same.why.to_mut();
                why.push_str(", ");
                why.push_str(rule.why());
            }
            same.weight = same.weight.max(weight);
            same.is_kind_cue |= is_kind_cue;
            continue;
        }
        drafts.push(Draft {
            start: cue.start,
            end: cue.end,
            why: Cow::Borrowed(rule.why()),
            weight,
            is_kind_cue,
        });
    }
    // Words overlapping a cue add to it; the strongest others are kept, best first.
    const WORD_CANDIDATES: usize = 12;
    let mut top_words: Vec<(u32, u32, f32)> = Vec::with_capacity(WORD_CANDIDATES + 1);
    for &(first, last, contribution) in &scored.ngrams {
        let (Some(a), Some(b)) = (analysis.tokens.get(first), analysis.tokens.get(last)) else {
            continue;
        };
        if contribution <= 0.0 {
            continue;
        }
        let (start, end) = (a.start, b.end);
        if let Some(cue) = drafts.iter_mut().find(|d| d.start < end && start < d.end) {
            cue.weight += contribution;
            continue;
        }
        if contribution >= MIN_WORD_CONTRIBUTION {
            let at = top_words.partition_point(|w| w.2 >= contribution);
            if at < WORD_CANDIDATES {
                top_words.insert(at, (start, end, contribution));
                top_words.truncate(WORD_CANDIDATES);
            }
        }
    }
    let mut shown_words: Vec<&str> = Vec::with_capacity(MAX_WORD_REASONS);
    for (start, end, contribution) in top_words {
        // The same word twice ("exports … exports") explains nothing new.
        let text = span_text(analysis.sentence, start as usize, end as usize);
        if shown_words.len() >= MAX_WORD_REASONS
            || shown_words.iter().any(|w| w.eq_ignore_ascii_case(text))
        {
            continue;
        }
        shown_words.push(text);
        drafts.push(Draft {
            start,
            end,
            why: Cow::Borrowed("claim-like wording"),
            weight: contribution,
            is_kind_cue: false,
        });
    }
    // Kind cues lead (they say what to verify), then names and words, each by weight.
    drafts.sort_by(|a, b| {
        b.is_kind_cue
            .cmp(&a.is_kind_cue)
            .then(b.weight.total_cmp(&a.weight))
            .then(a.start.cmp(&b.start))
    });
    drafts.truncate(MAX_REASONS);
    drafts
        .into_iter()
        .map(|d| {
            let (start, end) = (d.start as usize, d.end as usize);
            Cue {
                start,
                end,
                text: SmolStr::new(span_text(analysis.sentence, start, end)),
                why: d.why,
                weight: d.weight,
            }
        })
        .collect()
}

/// The last meaningful character, skipping closing quotes/brackets and a glued footnote number.
fn final_char(sentence: &str) -> Option<char> {
    // The common case: the sentence ends in a visible ASCII character that is no closer and
    // no digit, so nothing is trimmed and it is the answer.
    if let Some(&last) = sentence.as_bytes().last()
        && last.is_ascii_graphic()
        && !last.is_ascii_digit()
        && !matches!(last, b'"' | b'\'' | b')' | b']')
    {
        return Some(char::from(last));
    }
    let trimmed = sentence.trim_end_matches(is_closer);
    let without_footnote = trimmed.trim_end_matches(|c: char| c.is_ascii_digit());
    let candidate = match without_footnote.chars().next_back() {
        Some('.' | '!' | '?' | '”' | '"') if without_footnote.len() + 2 >= trimmed.len() => {
            without_footnote
        }
        _ => trimmed,
    };
    candidate.trim_end_matches(is_closer).chars().next_back()
}

/// Whitespace, closing quotes and brackets: what may follow a sentence's final punctuation.
fn is_closer(c: char) -> bool {
    c.is_whitespace() || matches!(c, '"' | '”' | '’' | '\'' | ')' | ']')
}

const PAGE_CHROME_PREFIXES: [&str; 24] = [
    "skip to",
    "monthly archives",
    "archives:",
    "posted on",
    "posted by",
    "share this",
    "read more",
    "click here",
    "sign up",
    "sign in",
    "log in",
    "subscribe",
    "all rights reserved",
    "copyright",
    "©",
    "tags:",
    "categories:",
    "filed under",
    "leave a comment",
    "related posts",
    "previous post",
    "next post",
    "menu",
    "search for",
];

// Each prefix is a bit of a `u32` in [`starts_with_page_chrome`].
const _: () = assert!(PAGE_CHROME_PREFIXES.len() <= 32);

fn find_veto(analysis: &Analysis<'_>) -> Option<Veto> {
    let sentence = analysis.sentence;
    let words = analysis.word_count();
    if words == 0 {
        return Some(Veto::Empty);
    }
    let last = final_char(sentence);
    if last == Some('?') {
        return Some(Veto::Question);
    }
    let has_final_punctuation = matches!(last, Some('.' | '!' | '…' | ':' | ';'));
    if words <= 12 && starts_with_page_chrome(sentence) {
        return Some(Veto::PageChrome);
    }
    if looks_like_reference(analysis) {
        return Some(Veto::Reference);
    }
    if !has_final_punctuation && words <= 14 && is_title_case(analysis) {
        return Some(Veto::Heading);
    }
    // Only short sentences can be fragments: the verb scan is skipped for the others.
    if (words < 4 || (!has_final_punctuation && words <= 6))
        && !analysis.tokens.iter().any(|t| is_verb_like(sentence, t))
    {
        return Some(Veto::Fragment);
    }
    None
}

/// Whether the sentence opens with a [`PAGE_CHROME_PREFIXES`] entry, ignoring case.
fn starts_with_page_chrome(sentence: &str) -> bool {
    const LONGEST: usize = {
        let mut longest = 0;
        let mut i = 0;
        while i < PAGE_CHROME_PREFIXES.len() {
            if PAGE_CHROME_PREFIXES[i].len() > longest {
                longest = PAGE_CHROME_PREFIXES[i].len();
            }
            i += 1;
        }
        longest
    };
    // Bit `i` of entry `b`: prefix `i` starts with byte `b`.
    const BY_FIRST_BYTE: [u32; 256] = {
        let mut table = [0u32; 256];
        let mut i = 0;
        while i < PAGE_CHROME_PREFIXES.len() {
            table[PAGE_CHROME_PREFIXES[i].as_bytes()[0] as usize] |= 1 << i;
            i += 1;
        }
        table
    };
    let head = sentence.trim_start();
    let bytes = head.as_bytes();
    if bytes.get(..LONGEST).unwrap_or(bytes).is_ascii() {
        // ASCII lowercases byte for byte (and cannot start with "©"); the first byte alone
        // rules out most prefixes before any comparison.
        let Some(first) = bytes.first().map(u8::to_ascii_lowercase) else {
            return false;
        };
        return prefixes_in(BY_FIRST_BYTE[usize::from(first)]).any(|p| {
            bytes
                .get(..p.len())
                .is_some_and(|h| h.eq_ignore_ascii_case(p.as_bytes()))
        });
    }
    // The lowercased head starts with the first character's lowercase: only the prefixes that
    // start with it (so with its first byte) are compared.
    let Some(first) = head.chars().next().and_then(|c| c.to_lowercase().next()) else {
        return false;
    };
    let mut buf = [0u8; 4];
    let first_byte = first.encode_utf8(&mut buf).as_bytes()[0];
    prefixes_in(BY_FIRST_BYTE[usize::from(first_byte)]).any(|prefix| {
        prefix.starts_with(first) && crate::core::structure::lowercase_starts_with(head, prefix)
    })
}

/// The [`PAGE_CHROME_PREFIXES`] whose bits are set in `mask`, in order.
fn prefixes_in(mut mask: u32) -> impl Iterator<Item = &'static str> {
    std::iter::from_fn(move || {
        let index = mask.trailing_zeros() as usize;
        mask &= mask.wrapping_sub(1);
        PAGE_CHROME_PREFIXES.get(index).copied()
    })
}

fn is_verb_like(sentence: &str, token: &Token) -> bool {
    const VERB_FLAGS: u32 = LEX_VERB
        | LEX_REPORT
        | LEX_TREND
        | LEX_CAUSAL
        | LEX_FUTURE
        | LEX_MODAL_POSSIBILITY
        | LEX_OBLIGATION;
    let text = token.text(sentence);
    token.is_lex(VERB_FLAGS)
        || (text.len() > 4 && text.ends_with("ed") && !token.is_shape(SHAPE_CAPITALIZED))
}

/// Every word capitalised except short function words ("Analysis of the Strength of the Alliance").
fn is_title_case(analysis: &Analysis<'_>) -> bool {
    let mut capitalized = 0;
    for token in &analysis.tokens {
        if token.is_shape(SHAPE_NUMBER | SHAPE_SYMBOL) {
            continue;
        }
        if token.is_shape(SHAPE_CAPITALIZED) {
            capitalized += 1;
        } else if !token.is_lex(LEX_TITLE_STOPWORD) {
            return false;
        }
    }
    capitalized > 0
}

/// Bibliography entries: author-first names, a quoted title, a date, trailing commas, and no
/// verb outside the quoted title.
fn looks_like_reference(analysis: &Analysis<'_>) -> bool {
    let sentence = analysis.sentence;
    let has_date = analysis
        .cues
        .iter()
        .any(|c| matches!(c.rule, Rule::Year | Rule::Date));
    // No sentence ends in a comma; a list entry with a date or a closing title quote does.
    let ends_with_comma = sentence.trim_end().ends_with(',');
    // Without quotation marks (the tokenizer saw none) there is no title to search for.
    if ends_with_comma && (has_date || (analysis.has_marks && sentence.contains('”'))) {
        return true;
    }
    let title = if analysis.has_marks {
        quoted_title(sentence)
    } else {
        None
    };
    let Some(title) = title else {
        return analysis.tokens.iter().any(|t| t.is_shape(SHAPE_YEAR))
            && has_reference_marker(sentence);
    };
    // The tokens outside the title, walked twice rather than collected.
    let tokens_outside = || {
        analysis
            .tokens
            .iter()
            .filter(|t| (t.end as usize) <= title.0 || (t.start as usize) >= title.1)
    };
    if tokens_outside().any(|t| is_verb_like(sentence, t) && !t.is_shape(SHAPE_CAPITALIZED)) {
        return false;
    }
    let lowercase_words = tokens_outside()
        .filter(|t| {
            !t.is_shape(SHAPE_CAPITALIZED | SHAPE_NUMBER | SHAPE_SYMBOL)
                && !t.is_lex(LEX_TITLE_STOPWORD)
        })
        .count();
    if lowercase_words > 3 {
        return false; // too much running text, whatever the signals below
    }
    let first_comma = sentence.find(',');
    let starts_with_name = first_comma.is_some_and(|comma| {
        let head = sentence.get(..comma).unwrap_or("");
        let head_words = head.split_whitespace().count();
        (1..=4).contains(&head_words)
            && head
                .split_whitespace()
                .all(|w| w.chars().next().is_some_and(char::is_uppercase))
    }) && title.0 > 0;
    // "“Title,” Publisher, May 2.": nothing but names and numbers after a leading title.
    let is_title_then_names = title.0 == 0 && lowercase_words == 0;
    let signals = usize::from(starts_with_name)
        + usize::from(is_title_then_names)
        + usize::from(ends_with_comma)
        + usize::from(has_date)
        + 2 * usize::from(has_reference_marker(sentence));
    signals >= 2
}

/// Byte range of the first quoted span with at least two words.
fn quoted_title(sentence: &str) -> Option<(usize, usize)> {
    let (open, close) = match sentence.find('“') {
        Some(open) => (
            open,
            sentence.get(open..)?.find('”')? + open + '”'.len_utf8(),
        ),
        None => {
            let open = sentence.find('"')?;
            (open, sentence.get(open + 1..)?.find('"')? + open + 2)
        }
    };
    let inner = sentence.get(open..close)?;
    // Two words are enough: the count stops at the second.
    (inner.split_whitespace().nth(1).is_some()).then_some((open, close))
}

fn has_reference_marker(sentence: &str) -> bool {
    // One pass over the sentence for all markers (the regex crate builds a multi-literal
    // searcher), instead of one substring search per marker.
    static MARKERS: LazyLock<Option<regex::Regex>> = LazyLock::new(|| {
        let markers = [
            "et al.",
            "doi:",
            "doi.org",
            "ISBN",
            "Retrieved ",
            "pp. ",
            "Vol. ",
            "vol. ",
            "http://",
            "https://",
        ];
        let pattern = markers
            .iter()
            .map(|m| regex::escape(m))
            .collect::<Vec<_>>()
            .join("|");
        regex::Regex::new(&pattern).ok()
    });
    // Each thread matches with its own copy, whose cache pool then belongs to that thread.
    thread_local! {
        static LOCAL: Option<regex::Regex> = MARKERS.clone();
    }
    LOCAL.with(|re| re.as_ref().is_some_and(|re| re.is_match(sentence)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(sentence: &str) -> Vec<ClaimKind> {
        assess(sentence).kinds
    }

    fn hedge_text(sentence: &str) -> Option<String> {
        assess(sentence).hedge.map(|h| h.text.to_string())
    }

    /// Every cue must point at its own text, on char boundaries.
    fn assert_spans_index_sentence(sentence: &str, assessment: &Assessment) {
        for cue in assessment.reasons.iter().chain(assessment.hedge.as_ref()) {
            assert!(cue.start < cue.end, "empty cue {cue:?}");
            assert_eq!(
                sentence.get(cue.start..cue.end),
                Some(cue.text.as_str()),
                "{cue:?}"
            );
        }
    }

    #[test]
    fn shipped_model_loads() {
        assert!(shipped_model().ngram_count() > 1000);
        assert!(shipped_model().rule_weight(Rule::Percentage) > 0.0);
    }

    #[test]
    fn statistic_is_detected() {
        let a = assess("Unemployment fell to 4.5 percent, the lowest rate in a decade.");
        assert!(a.kinds.contains(&ClaimKind::Statistic));
        assert!(a.is_claim);
        assert!(
            a.reasons
                .iter()
                .any(|r| r.text == "4.5 percent" && r.why == "percentage")
        );
    }

    #[test]
    fn rank_and_multiple_are_statistics() {
        assert!(
            kinds("Russia is the second-largest origin for imports.")
                .contains(&ClaimKind::Statistic)
        );
        assert!(
            kinds("China imported 43 times that of Russian imports.")
                .contains(&ClaimKind::Statistic)
        );
    }

    #[test]
    fn temporal_is_detected() {
        let a = assess("The two leaders met in Vladivostok in April 2019.");
        assert_eq!(a.kinds, vec![ClaimKind::Temporal]);
        assert!(
            a.reasons
                .iter()
                .any(|r| r.text == "in April 2019" && r.why == "date")
        );
        assert!(kinds("Ties date back to the 1950s.").contains(&ClaimKind::Temporal));
        assert!(kinds("The ministry announced the cuts last week.").contains(&ClaimKind::Temporal));
    }

    #[test]
    fn attribution_is_detected() {
        assert!(
            kinds("According to the World Bank, growth slowed sharply.")
                .contains(&ClaimKind::Attribution)
        );
        let a =
            assess("The State Department noted that abuses “remain among the worst in the world.”");
        assert!(a.kinds.contains(&ClaimKind::Attribution));
        assert!(
            a.reasons
                .iter()
                .any(|r| r.why == "reporting verb" && r.text == "noted")
        );
        assert!(a.reasons.iter().any(|r| r.why == "quotation"));
    }

    #[test]
    fn comparison_is_detected() {
        assert!(
            kinds("Exports to China are far larger than exports to Japan.")
                .contains(&ClaimKind::Comparison)
        );
        assert!(
            kinds("China is North Korea's most influential ally.").contains(&ClaimKind::Comparison)
        );
        assert!(
            kinds("Compared with South Korea, the North had little to offer.")
                .contains(&ClaimKind::Comparison)
        );
    }

    #[test]
    fn causal_is_detected() {
        assert!(kinds("The factory closed because demand collapsed.").contains(&ClaimKind::Causal));
        assert!(
            kinds("The collapse of the Soviet Union led to a reduction in aid.")
                .contains(&ClaimKind::Causal)
        );
        assert!(
            kinds("Sanctions enabled the regime to consolidate power.")
                .contains(&ClaimKind::Causal)
        );
    }

    #[test]
    fn prediction_is_detected() {
        assert!(
            kinds("The economy is expected to grow next year.").contains(&ClaimKind::Prediction)
        );
        assert!(
            kinds("The central bank will raise rates in June.").contains(&ClaimKind::Prediction)
        );
        // Past expectations describe history, not a forecast.
        assert!(
            !kinds("The USSR was expected to abide by UN resolutions.")
                .contains(&ClaimKind::Prediction)
        );
    }

    #[test]
    fn seed_statistic_sentence_is_a_claim_with_three_kinds() {
        let sentence = "In 2018, Chinese imports to North Korea increased to over 71 times greater than those from Russia.";
        let a = assess(sentence);
        assert!(a.is_claim, "{a:?}");
        assert_eq!(
            a.kinds,
            vec![
                ClaimKind::Statistic,
                ClaimKind::Temporal,
                ClaimKind::Comparison
            ]
        );
        assert!(a.hedge.is_none());
        assert!(
            a.reasons
                .iter()
                .any(|r| r.text == "In 2018" && r.why == "date")
        );
        assert!(a.reasons.iter().any(|r| r.text == "71 times"));
        assert_spans_index_sentence(sentence, &a);
    }

    #[test]
    fn every_hedge_form_is_found_with_its_span() {
        let cases = [
            (
                "Russia is said to be especially interested in rare earths.",
                "is said to",
            ),
            (
                "China has reportedly expressed concern over the relationship.",
                "reportedly",
            ),
            (
                "It is believed that the program is expanding.",
                "It is believed",
            ),
            (
                "North Korea and Russia may be closer allies than previously thought.",
                "may",
            ),
            ("Inflation is likely to rise next year.", "likely"),
            (
                "According to unnamed officials, the talks collapsed.",
                "According to unnamed",
            ),
            (
                "The deal could potentially lead to a formal alliance.",
                "could potentially",
            ),
            ("It seems the summit achieved little.", "It seems"),
            (
                "Reports from Russian media suggest that little was accomplished.",
                "suggest",
            ),
        ];
        for (sentence, expected) in cases {
            let a = assess(sentence);
            let hedge = a
                .hedge
                .as_ref()
                .unwrap_or_else(|| panic!("no hedge in {sentence:?}"));
            assert_eq!(hedge.text, expected, "{sentence:?}");
            assert_eq!(&sentence[hedge.start..hedge.end], expected);
            assert_eq!(hedge.why, format!("hedge: {expected}"));
            assert!(a.is_hedged());
        }
    }

    #[test]
    fn words_that_look_like_hedges_are_not() {
        assert_eq!(
            hedge_text("The leaders met in Vladivostok on May 2, 2019."),
            None
        );
        assert_eq!(
            hedge_text("Be that as it may, trade connections were eventually restored."),
            None
        );
        assert_eq!(
            hedge_text("Moscow joined Pyongyang in suggesting an easing of sanctions."),
            None
        );
        assert_eq!(hedge_text("Soviet aid could not reach the port."), None);
    }

    #[test]
    fn questions_are_not_claims() {
        let a = assess("Did the Soviet Union give North Korea 40 percent of its aid in 1950?");
        assert_eq!(a.veto, Some(Veto::Question));
        assert!(!a.is_claim);
        assert_eq!(assess("Does it matter?”").veto, Some(Veto::Question));
    }

    #[test]
    fn headings_and_page_chrome_are_not_claims() {
        for heading in [
            "Military Cooperation",
            "North Korea and Russian Relations",
            "Analysis of the Strength of the Alliance",
            "Does North Korea Side With Russia",
        ] {
            let a = assess(heading);
            assert_eq!(a.veto, Some(Veto::Heading), "{heading:?}");
            assert!(!a.is_claim);
        }
        assert_eq!(assess("Skip to main content").veto, Some(Veto::PageChrome));
        assert_eq!(
            assess("Monthly Archives: September 2019").veto,
            Some(Veto::PageChrome)
        );
        // Non-ASCII heads go through the lowercased character comparison.
        assert_eq!(assess("© 2019 Lectern").veto, Some(Veto::PageChrome));
        assert_ne!(assess("Éskip to").veto, Some(Veto::PageChrome));
        assert_eq!(
            assess("Clic\u{212a} here — Ünïcödé").veto,
            Some(Veto::PageChrome)
        );
        assert_eq!(assess("SUBSCRIBE “now”").veto, Some(Veto::PageChrome));
        assert_eq!(assess("Yes.").veto, Some(Veto::Fragment));
        assert_eq!(assess("the main content").veto, Some(Veto::Fragment));
    }

    #[test]
    fn reference_entries_are_not_claims() {
        for entry in [
            "Lukin, Artyom, “The Putin and Kim Rendezvous in Vladivostok: A Drive-By Summit,” 38 North, May 2, 2019.",
            "Osborn, Andrew, “Russia throws North Korea Lifeline to Stymie Regime Change,” Reuters, October 4, 2017,",
            "United Nations Security Council, Fifth year, “Complaint of Aggression upon the Republic of Korea,” S/1588, July 7, 1950,",
            "Smith, J. et al. 2019. Trade flows in East Asia. Journal of Economics 12: 45-67.",
        ] {
            let a = assess(entry);
            assert_eq!(a.veto, Some(Veto::Reference), "{entry:?}");
            assert!(!a.is_claim);
        }
        // A quotation with a date in a real sentence is not a reference.
        let quote =
            "“We will not give in to pressure,” Putin told reporters in Moscow on May 2, 2019.";
        assert_eq!(assess(quote).veto, None);
    }

    #[test]
    fn opinions_are_not_claims() {
        for opinion in [
            "I think this is wonderful.",
            "We must do better for our children.",
            "Let me be clear about that.",
        ] {
            let a = assess(opinion);
            assert!(!a.is_claim, "{opinion:?} scored {}", a.score);
        }
    }

    #[test]
    fn factual_article_sentences_are_claims() {
        for sentence in [
            "In 2020, North Korea’s exports to Russia accounted for around 10% of its total exports.",
            "In 2018, it was reported that North Korea and Russia had met in Vladivostok to discuss trade.",
            "The breakup of the Soviet Union led to the democratization of the Soviet Republics and satellite states.",
        ] {
            let a = assess(sentence);
            assert!(a.is_claim, "{sentence:?} scored {}", a.score);
            assert!(!a.kinds.is_empty());
            assert!(!a.reasons.is_empty());
            assert_spans_index_sentence(sentence, &a);
        }
    }

    #[test]
    fn reasons_lead_with_kind_cues_and_label_reads_well() {
        let a = assess(
            "In 2017, China imported goods to a value of over 43 times that of Russian imports.",
        );
        assert!(a.reasons.len() <= MAX_REASONS);
        let first = &a.reasons[0];
        assert!(
            first.why == "date" || first.why.starts_with("number"),
            "{first:?}"
        );
        let multiple = a
            .reasons
            .iter()
            .find(|r| r.text == "43 times")
            .map(Cue::label);
        assert_eq!(
            multiple.as_deref(),
            Some("\u{201c}43 times\u{201d} \u{2014} number (multiple)")
        );
    }

    #[test]
    fn footnote_markers_are_not_numbers() {
        let a = assess("Putin had not personally met with Kim Jong Un until April 2019.6");
        assert!(!a.kinds.contains(&ClaimKind::Statistic), "{a:?}");
        assert!(a.reasons.iter().any(|r| r.text == "until April 2019"));
    }

    #[test]
    fn kinds_are_sorted_and_unique() {
        let a = assess(
            "Because of sanctions, trade fell 40% in 2018 and 25% in 2019, more than in 2017.",
        );
        let mut sorted = a.kinds.clone();
        sorted.sort();
        sorted.dedup();
        assert_eq!(a.kinds, sorted);
        assert!(a.kinds.len() >= 3);
    }

    #[test]
    fn odd_input_does_not_panic_and_spans_stay_on_char_boundaries() {
        let long =
            "In 2018, imports rose 71% “because of sanctions,” officials said. ".repeat(1600);
        let inputs = [
            "",
            " ",
            "🙂🙂🙂",
            "北朝鮮とロシアは2019年4月に首脳会談を行った。",
            "Ünïcödé Ünion said 5 percent.",
            "“",
            "”",
            "\"",
            "$",
            "%",
            "’s",
            "1,",
            "2019.",
            "May",
            "than",
            "a - b — c",
            long.as_str(),
        ];
        for input in inputs {
            let a = assess(input);
            assert!((0.0..=1.0).contains(&a.score), "{input:?}");
            assert_spans_index_sentence(input, &a);
        }
        assert_eq!(assess("").veto, Some(Veto::Empty));
        assert!(assess(&long).kinds.contains(&ClaimKind::Statistic));
    }

    #[test]
    fn every_prefix_and_suffix_is_safe() {
        // Cut points land next to every pattern's first and last word, where lookbehind and
        // lookahead run off the token list.
        let sentences = [
            "In 2018, it is believed that 71 times more aid, said to be $4 billion, could potentially lead to war.",
            "According to unnamed officials, the 1950s ended 3 years ago; as a result, trade fell 5 per cent.",
            "“We will not,” he said: the second-largest, most influential ally — half of a third of May 2.",
            "It seems prices, expected to rise next year because of the war, may well double by 2019.6",
        ];
        for sentence in sentences {
            for (cut, _) in sentence.char_indices() {
                for part in [&sentence[..cut], &sentence[cut..]] {
                    let a = assess(part);
                    assert_spans_index_sentence(part, &a);
                }
            }
        }
    }

    #[test]
    fn token_hashes_match_model_keys() {
        let sentence =
            "North Korea’s 33,000 exports rose 4.5% in 2018 and the 1950s; we'll see. 北朝鮮 ÉTÉ";
        let analysis = Analysis::new(sentence);
        assert!(analysis.tokens.len() > 10);
        for token in &analysis.tokens {
            assert_eq!(
                token.hash,
                fnv(&token_key(sentence, token)),
                "{:?}",
                token.text(sentence)
            );
        }
        analysis.for_each_ngram(|ngram| {
            assert_eq!(
                model::hash_ngram_key(&analysis.ngram_key(&ngram)),
                Some(ngram.hash)
            );
        });
    }

    /// The page-chrome test compares only the prefixes that start with the sentence's first
    /// byte (lowercased): it must agree with comparing every prefix, lowercased character by
    /// character, on ASCII and non-ASCII heads.
    #[test]
    fn page_chrome_by_first_byte_agrees_with_every_prefix() {
        let mut pieces: Vec<String> = PAGE_CHROME_PREFIXES
            .iter()
            .flat_map(|p| {
                [
                    p.to_string(),
                    p.to_uppercase(),
                    p.get(..2).unwrap_or(p).to_owned(),
                ]
            })
            .collect();
        for piece in [
            " ",
            "  ",
            "\u{a0}",
            "\t",
            "Clic\u{212a}",
            "\u{212a}",
            "\u{130}",
            "É",
            "©",
            "Ⓒ",
            "ß",
            "x",
            "The ",
            "In ",
            "2019",
            ":",
            "\u{1F642}",
            "se",
            "SE",
            "s",
            "ı",
        ] {
            pieces.push(piece.to_owned());
        }
        let pieces: Vec<&str> = pieces.iter().map(String::as_str).collect();
        let every_prefix = |sentence: &str| {
            let head = sentence.trim_start();
            PAGE_CHROME_PREFIXES
                .iter()
                .any(|p| crate::core::structure::lowercase_starts_with(head, p))
        };
        let mut matched = 0;
        for sentence in
            crate::core::test_text::mixed_strings(&pieces, 0x2545_F491_4F6C_DD1D, 60_000, 6)
        {
            let expected = every_prefix(&sentence);
            assert_eq!(starts_with_page_chrome(&sentence), expected, "{sentence:?}");
            matched += usize::from(expected);
        }
        assert!(matched > 1000, "{matched}");
    }

    #[test]
    fn final_char_fast_path_agrees_with_the_trimming() {
        for sentence in [
            "",
            "A.",
            "A",
            "It rose 5%",
            "He said “no.”",
            "He said “no.”3",
            "April 2019.6",
            "Is it? ",
            "(see above)",
            "x\u{b}",
            "Done;",
            "Wait…",
            "a ]",
            "Ends with 1999",
        ] {
            let trimmed = sentence.trim_end_matches(is_closer);
            let without_footnote = trimmed.trim_end_matches(|c: char| c.is_ascii_digit());
            let candidate = match without_footnote.chars().next_back() {
                Some('.' | '!' | '?' | '”' | '"')
                    if without_footnote.len() + 2 >= trimmed.len() =>
                {
                    without_footnote
                }
                _ => trimmed,
            };
            let plain = candidate.trim_end_matches(is_closer).chars().next_back();
            assert_eq!(final_char(sentence), plain, "{sentence:?}");
        }
    }

    #[test]
    fn assessment_serializes_with_lowercase_kinds() {
        let json = serde_json::to_string(&assess("Trade fell 40% in 2018.")).unwrap_or_default();
        assert!(json.contains("\"statistic\""), "{json}");
        assert!(json.contains("\"temporal\""), "{json}");
    }
}
