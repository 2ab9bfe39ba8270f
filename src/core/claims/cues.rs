//! Hand-written cue detection: [`detect_cues`] finds the words that make a sentence a
//! statistic, a dated event, an attribution, a comparison, a cause or a prediction, the words
//! that soften it (hedges) and those that mark opinion or rhetoric, as [`RuleCue`]s over the
//! tokens from [`super::text::tokenize`]. The learned model weighs each [`Rule`]; the reader
//! sees the cue's span as the reason.

use super::rules::{Rule, RuleCue};
use super::text::*;

macro_rules! word_hashes {
    ($($name:ident = $word:literal),* $(,)?) => {
        $(const $name: u64 = fnv($word);)*
        /// Every word a cue pattern mentions (the lexicon flags them so others skip the rules).
        pub(super) const PATTERN_WORDS: &[&str] = &[$($word),*];
    };
}

/// Pattern words that only ever appear as context around a trigger word; flagging these
/// frequent words would make every sentence run every rule for nothing.
#[rustfmt::skip]
pub(super) const CONTEXT_ONLY_WORDS: &[&str] = &[
    "to", "the", "of", "in", "a", "as", "at", "on", "for", "with", "from", "that", "not", "it",
    "is", "are", "was", "were", "be", "been", "being", "by", "%", "have", "there", "me", "us",
    "very", "more", "well", "over", "am", "i'm", "we're", "they're", "you're", "it's", "he's",
    "she's", "who's", "need", "near", "few", "several", "couple", "difficult", "easier",
    "harder", "impossible", "opinion", "view", "quite", "highly", "long",
];

word_hashes! {
    H_TO = "to", H_THAN = "than", H_THE = "the", H_IN = "in", H_OF = "of", H_IT = "it",
    H_IS = "is", H_ARE = "are", H_WAS = "was", H_WERE = "were", H_BE = "be", H_BEEN = "been",
    H_BEING = "being", H_AS = "as", H_A = "a", H_AT = "at", H_ON = "on", H_FOR = "for",
    H_WITH = "with", H_FROM = "from", H_THAT = "that", H_NOT = "not",
    H_RESULT = "result", H_RESULTS = "results", H_RESULTED = "resulted",
    H_RESULTING = "resulting", H_CONSEQUENCE = "consequence", H_DUE = "due",
    H_OWING = "owing", H_THANKS = "thanks", H_LED = "led", H_LEAD = "lead", H_LEADS = "leads",
    H_LEADING = "leading", H_SO = "so", H_ACCORDING = "according", H_UNNAMED = "unnamed",
    H_ANONYMOUS = "anonymous", H_UNIDENTIFIED = "unidentified", H_SOME = "some",
    H_TIMES = "times", H_COMPARED = "compared", H_COMPARISON = "comparison",
    H_CONTRAST = "contrast", H_RELATIVE = "relative", H_VERSUS = "versus", H_OPPOSED = "opposed",
    H_RATHER = "rather", H_OTHER = "other", H_MOST = "most", H_LEAST = "least", H_WILL = "will",
    H_GOING = "going", H_SAID = "said", H_SAYS = "says", H_SAY = "say", H_TOLD = "told",
    H_TELLS = "tells", H_REPORT = "report", H_REPORTS = "reports", H_CLAIMS = "claims",
    H_NOTES = "notes", H_ESTIMATES = "estimates", H_FOUND = "found", H_SHOWED = "showed",
    H_SHOWS = "shows", H_AGREE = "agree", H_AGREES = "agrees", H_AGREED = "agreed",
    H_CALLED = "called", H_BELIEVED = "believed", H_THOUGHT = "thought", H_WIDELY = "widely",
    H_SEEMS = "seems", H_SEEM = "seem", H_SEEMED = "seemed", H_APPEARS = "appears",
    H_APPEAR = "appear", H_APPEARED = "appeared", H_SUGGEST = "suggest",
    H_SUGGESTS = "suggests", H_SUGGESTED = "suggested", H_SUGGESTING = "suggesting",
    H_POSSIBLE = "possible", H_POTENTIALLY = "potentially", H_POSSIBLY = "possibly",
    H_WELL = "well", H_FUTURE = "future", H_NEAR = "near", H_NEXT = "next",
    H_COMING = "coming", H_AGO = "ago", H_YESTERDAY = "yesterday", H_TOMORROW = "tomorrow",
    H_CENTURY = "century", H_HALF = "half", H_MAJORITY = "majority", H_THIRD = "third",
    H_QUARTER = "quarter", H_FIFTH = "fifth", H_TWICE = "twice", H_DOUBLE = "double",
    H_TRIPLE = "triple", H_TOP = "top", H_NUMBER = "number", H_ONE = "one", H_PER = "per",
    H_CENT = "cent", H_THERE = "there", H_HAVE = "have",
    H_MY = "my", H_OPINION = "opinion", H_VIEW = "view", H_LET = "let", H_ME = "me",
    H_US = "us", H_I = "i", H_WE = "we", H_NEED = "need", H_ALLOWED = "allowed",
    H_ALLOWS = "allows", H_ALLOW = "allow", H_ALLOWING = "allowing", H_HELPED = "helped",
    H_HELPS = "helps", H_MADE = "made", H_MAKES = "makes", H_CONTRIBUTED = "contributed",
    H_RESPONSIBLE = "responsible", H_DRIVEN = "driven", H_STEMS = "stems",
    H_EXPECTED = "expected", H_EXPECTS = "expects", H_EXPECT = "expect", H_SET = "set",
    H_POISED = "poised", H_TRACK = "track", H_LIKELY = "likely", H_VERY = "very",
    H_HIGHLY = "highly", H_MORE = "more", H_QUITE = "quite", H_COULD = "could",
    H_MAY = "may", H_MIGHT = "might", H_WOULD = "would", H_CAUSE = "cause", H_DECADES = "decades",
    H_YEARS = "years", H_CENTURIES = "centuries", H_LONG = "long", H_STANDING = "standing",
    H_HISTORY = "history", H_FEW = "few", H_SEVERAL = "several", H_COUPLE = "couple",
    H_DIFFICULT = "difficult", H_EASIER = "easier", H_HARDER = "harder",
    H_IMPOSSIBLE = "impossible", H_PERCENT_SIGN = "%", H_RANKED = "ranked", H_RANKS = "ranks",
    H_OVER = "over",
    H_AM = "am", H_IM = "i'm", H_WERE_C = "we're", H_THEYRE = "they're", H_YOURE = "you're",
    H_ITS_C = "it's", H_HES = "he's", H_SHES = "she's", H_WHOS = "who's", H_BY = "by",
    H_BECAUSE = "because", H_LETS = "let's", H_WONT = "won't",
    H_SHALL = "shall", H_APPARENT = "apparent", H_CLEAR = "clear", H_OBVIOUS = "obvious",
    H_EVIDENT = "evident",
}

/// The lexicon flags with which a word can fire a rule by itself: the flags the word rules
/// test on the word at hand, and [`LEX_PATTERN`] for the words they match by hash. Words with
/// only context flags ("the", "in", "is") fire nothing unless capitalised or numeric.
const TRIGGER_FLAGS: u32 = LEX_NUMBER_WORD
    | LEX_SMALL_NUMBER
    | LEX_ORDINAL
    | LEX_TREND
    | LEX_TIME_RELATIVE
    | LEX_SOURCE_NOUN
    | LEX_REPORT
    | LEX_SUPERLATIVE
    | LEX_BARE_COMPARATIVE
    | LEX_CAUSAL
    | LEX_FUTURE
    | LEX_HEDGE
    | LEX_MODAL_POSSIBILITY
    | LEX_OBLIGATION
    | LEX_SECOND_PERSON
    | LEX_EVALUATIVE
    | LEX_PATTERN;

/// Words ending in "-er" that are not comparatives (so "than" after them is not a comparison).
fn is_false_comparative(word_hash: u64) -> bool {
    #[rustfmt::skip]
    const NOT_COMPARATIVE: [u64; 18] = [
        fnv("other"), fnv("rather"), fnv("whether"), fnv("either"), fnv("neither"), fnv("never"),
        fnv("ever"), fnv("order"), fnv("under"), fnv("over"), fnv("after"), fnv("number"),
        fnv("member"), fnv("power"), fnv("water"), fnv("together"), fnv("however"), fnv("matter"),
    ];
    NOT_COMPARATIVE.contains(&word_hash)
}

/// Whether a number token's text is a day of the month: its value (see [`number_value`]) is
/// 1 to 31. Plain digits, the common case, are read without building the separator-free copy
/// that `number_value` parses (leading zeros aside, a day has one or two digits); a test
/// compares with `number_value`.
fn is_day_text(text: &str) -> bool {
    if !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit()) {
        let digits = text.trim_start_matches('0');
        return digits.len() <= 2 && digits.parse::<u8>().is_ok_and(|d| (1..=31).contains(&d));
    }
    number_value(text).is_some_and(|d| (1.0..=31.0).contains(&d))
}

/// Finds every rule cue in a tokenized sentence; `out` is cleared first and left sorted by
/// start (longer cue first on ties). `has_marks` is what [`tokenize`] returned: without
/// quotation marks, `!` or `?` the bytes between the tokens are not searched.
pub fn detect_cues(sentence: &str, tokens: &[Token], has_marks: bool, out: &mut Vec<RuleCue>) {
    detect_cues_with(sentence, tokens, has_marks, out, false);
}

/// [`detect_cues`]; with `every_word` every word goes through every rule, without the skips
/// that [`TRIGGER_FLAGS`] allow (a test checks that the skips change nothing).
fn detect_cues_with(
    sentence: &str,
    tokens: &[Token],
    has_marks: bool,
    out: &mut Vec<RuleCue>,
    every_word: bool,
) {
    out.clear();
    let mut detector = Detector {
        sentence,
        tokens,
        out,
        numbers_done_until: 0,
        every_word,
    };
    for (i, token) in tokens.iter().enumerate() {
        if every_word
            || token.is_lex(TRIGGER_FLAGS)
            || token.is_shape(SHAPE_NUMBER)
            || (token.is_shape(SHAPE_CAPITALIZED) && token.is_lex(LEX_MONTH | LEX_WEEKDAY))
        {
            detector.at(i);
        } else if token.is_shape(SHAPE_CAPITALIZED) {
            // A capitalised word no other rule reads (not a trigger, number, month or
            // weekday): all `at` would do is the name rule, so it is called directly.
            detector.proper_name(i, *token);
        }
    }
    if has_marks {
        detector.quotations_and_marks();
    }
    // Mostly found in order already: then the sort is skipped.
    let order = |a: &RuleCue, b: &RuleCue| a.start.cmp(&b.start).then(b.end.cmp(&a.end));
    if !out.is_sorted_by(|a, b| order(a, b).is_le()) {
        out.sort_by(order);
    }
}

struct Detector<'a> {
    sentence: &'a str,
    tokens: &'a [Token],
    out: &'a mut Vec<RuleCue>,
    /// Tokens before this index are already part of a number/date cue.
    numbers_done_until: usize,
    /// Every word through every rule (see [`detect_cues_with`]).
    every_word: bool,
}

impl Detector<'_> {
    fn hash(&self, i: usize) -> u64 {
        self.tokens.get(i).map_or(0, |t| t.hash)
    }
    /// Hash of the token `back` places before `i` (0 when out of range).
    fn hash_before(&self, i: usize, back: usize) -> u64 {
        i.checked_sub(back).map_or(0, |j| self.hash(j))
    }
    fn lex(&self, i: usize) -> u32 {
        self.tokens.get(i).map_or(0, |t| t.lex)
    }
    fn lex_before(&self, i: usize, back: usize) -> u32 {
        i.checked_sub(back).map_or(0, |j| self.lex(j))
    }
    fn shape(&self, i: usize) -> u16 {
        self.tokens.get(i).map_or(0, |t| t.shape)
    }
    fn text(&self, i: usize) -> &str {
        self.tokens.get(i).map_or("", |t| t.text(self.sentence))
    }
    fn is_capitalized(&self, i: usize) -> bool {
        self.shape(i) & SHAPE_CAPITALIZED != 0
    }
    fn is_plain_number(&self, i: usize) -> bool {
        let shape = self.shape(i);
        shape & SHAPE_NUMBER != 0 && shape & (SHAPE_FOOTNOTE | SHAPE_YEAR | SHAPE_DECADE) == 0
    }
    fn is_day_number(&self, i: usize) -> bool {
        self.is_plain_number(i) && is_day_text(self.text(i))
    }
    fn is_aux_be(&self, i: usize) -> bool {
        matches!(
            self.tokens.get(i).map(|t| t.hash),
            Some(H_IS | H_ARE | H_WAS | H_WERE | H_BE | H_BEEN | H_BEING | H_AM)
        ) || matches!(
            self.tokens.get(i).map(|t| t.hash),
            Some(H_IM | H_WERE_C | H_THEYRE | H_YOURE | H_ITS_C | H_HES | H_SHES | H_WHOS)
        )
    }
    /// The first word is capitalised by position only when it is a known word or looks like
    /// a verb/adverb form ("Although", "Reinforcing", "Consequently"), not a name.
    fn is_common_opening_word(&self) -> bool {
        let Some(first) = self.tokens.first() else {
            return false;
        };
        let text = first.text(self.sentence);
        (first.lex != 0 && first.lex & LEX_SOURCE_NOUN == 0)
            || ["ing", "ed", "ly"]
                .iter()
                .any(|suffix| text.len() > 4 && text.ends_with(suffix))
    }

    /// True when tokens `a` and `b` are separated by spaces or a hyphen only ("North Korea",
    /// "Russia-North Korea"), not by punctuation ("UN, Russia").
    fn only_space_between(&self, a: usize, b: usize) -> bool {
        let (Some(x), Some(y)) = (self.tokens.get(a), self.tokens.get(b)) else {
            return false;
        };
        self.sentence
            .get(x.end as usize..y.start as usize)
            .is_some_and(|gap| gap.chars().all(|c| c == ' ' || c == '-' || c == '\u{a0}'))
    }

    /// Whether the word can match an arm of the word rules' `match tok.hash`: every arm names
    /// a word the lexicon flags [`LEX_PATTERN`] (numbers and symbols, which have no flags,
    /// hash to no such word), so the other words skip the arms' comparisons. With
    /// `every_word`, every word goes through them (the every-word test checks the skip).
    fn is_pattern(&self, tok: Token) -> bool {
        self.every_word || tok.is_lex(LEX_PATTERN)
    }

    fn push(&mut self, first: usize, last: usize, rule: Rule) {
        let (Some(a), Some(b)) = (self.tokens.get(first), self.tokens.get(last)) else {
            return;
        };
        self.out.push(RuleCue {
            start: a.start,
            end: b.end.max(a.start),
            rule,
        });
    }

    fn at(&mut self, i: usize) {
        let Some(&tok) = self.tokens.get(i) else {
            return;
        };
        // Most words trigger nothing: no trigger flag, not capitalised, not a number.
        let is_trigger = self.every_word || tok.is_lex(TRIGGER_FLAGS);
        if tok.is_shape(SHAPE_FOOTNOTE)
            || (!is_trigger && !tok.is_shape(SHAPE_CAPITALIZED | SHAPE_NUMBER))
        {
            return;
        }
        if i >= self.numbers_done_until {
            if tok.is_shape(SHAPE_NUMBER) {
                self.number(i);
            } else if tok.is_lex(LEX_NUMBER_WORD | LEX_SMALL_NUMBER) {
                self.number_word(i);
            } else if tok.is_lex(LEX_MONTH) && tok.is_shape(SHAPE_CAPITALIZED) {
                self.month(i);
            }
        }
        if tok.is_lex(LEX_WEEKDAY) && tok.is_shape(SHAPE_CAPITALIZED) {
            let start = if self.lex_before(i, 1) & (LEX_DATE_PREPOSITION | LEX_TIME_RELATIVE) != 0 {
                i.saturating_sub(1)
            } else {
                i
            };
            self.push(start, i, Rule::Date);
        }
        if !is_trigger {
            // A number or a capitalised word that no word rule mentions: only a name is left.
            self.proper_name(i, tok);
            return;
        }
        self.statistic_words(i, tok);
        self.temporal_words(i, tok);
        self.attribution(i, tok);
        self.comparison(i, tok);
        self.causal(i, tok);
        self.prediction(i, tok);
        self.hedge(i, tok);
        self.opinion(i, tok);
        self.proper_name(i, tok);
    }

    /// Digit tokens: years, decades, ordinals, percentages, money, multiples, plain numbers.
    fn number(&mut self, i: usize) {
        let shape = self.shape(i);
        if shape & SHAPE_YEAR != 0 {
            let start = self.preposition_start(i);
            self.push(start, i, Rule::Year);
            self.numbers_done_until = i + 1;
            return;
        }
        if shape & SHAPE_DECADE != 0 {
            let mut start = i;
            if self.hash_before(i, 1) == H_THE {
                start -= 1;
            }
            let start = self.preposition_start(start);
            self.push(start, i, Rule::Decade);
            self.numbers_done_until = i + 1;
            return;
        }
        if shape & SHAPE_ORDINAL_NUMBER != 0 {
            if self.hash(i + 1) == H_CENTURY {
                let start = if self.hash_before(i, 1) == H_THE {
                    i - 1
                } else {
                    i
                };
                self.push(start, i + 1, Rule::Date);
                self.numbers_done_until = i + 2;
            } else {
                self.push(i, i, Rule::Rank);
                self.numbers_done_until = i + 1;
            }
            return;
        }
        if self.lex(i + 1) & LEX_MONTH != 0 && self.is_capitalized(i + 1) && self.is_day_number(i) {
            return; // "7 July 1950": the month rule takes the day.
        }
        self.quantity(i, i);
    }

    /// Spelled numbers: "seventeen million", "ten times", "twenty-two"; small ones only with
    /// a unit ("two million", "three times"), since "two countries" is not a statistic.
    fn number_word(&mut self, i: usize) {
        let mut end = i;
        while self.shape(end + 1) & SHAPE_HYPHENATED != 0
            && self.lex(end + 1) & (LEX_NUMBER_WORD | LEX_SMALL_NUMBER) != 0
        {
            end += 1;
        }
        let next = self.lex(end + 1);
        let next_hash = self.hash(end + 1);
        let has_unit = next & (LEX_MAGNITUDE | LEX_PERCENT | LEX_CURRENCY) != 0
            || next_hash == H_TIMES
            || next_hash == H_PERCENT_SIGN
            || (next_hash == H_PER && self.hash(end + 2) == H_CENT);
        let is_large = self.lex(i) & LEX_NUMBER_WORD != 0 || end > i;
        if is_large || has_unit {
            self.quantity(i, end);
        }
    }

    /// A number spanning tokens `first..=last`, then its unit decides the rule.
    fn quantity(&mut self, first: usize, last: usize) {
        let mut start = first;
        let mut end = last;
        let mut rule = Rule::Number;
        if start > 0
            && self.shape(start - 1) & SHAPE_SYMBOL != 0
            && self.hash(start - 1) != H_PERCENT_SIGN
        {
            start -= 1;
            rule = Rule::Money;
        }
        while self.lex(end + 1) & LEX_MAGNITUDE != 0 {
            end += 1;
        }
        let next = end + 1;
        if self.hash(next) == H_PERCENT_SIGN || self.lex(next) & LEX_PERCENT != 0 {
            rule = Rule::Percentage;
            end = next;
        } else if self.hash(next) == H_PER && self.hash(next + 1) == H_CENT {
            rule = Rule::Percentage;
            end = next + 1;
        } else if self.lex(next) & LEX_CURRENCY != 0 {
            rule = Rule::Money;
            end = next;
        } else if self.hash(next) == H_TIMES {
            rule = Rule::Multiplier;
            end = next;
            let after = self.lex(next + 1);
            if after & LEX_COMPARATIVE != 0
                || matches!(self.hash(next + 1), H_THAT | H_AS | H_THE | H_MORE)
            {
                self.push(next, next + 1, Rule::MultipleOf);
            }
        }
        self.push(start, end, rule);
        self.numbers_done_until = end + 1;
    }

    /// Includes a date preposition before `i` ("in", "since", "until") in the cue.
    fn preposition_start(&self, i: usize) -> usize {
        if i > 0 && self.lex(i - 1) & LEX_DATE_PREPOSITION != 0 {
            i - 1
        } else {
            i
        }
    }

    /// "April 2019", "July 7, 1950", "7 July", "in April", "May 2".
    fn month(&mut self, i: usize) {
        let mut start = i;
        let mut end = i;
        let mut is_dated = false;
        if i > 0 && self.is_day_number(i - 1) {
            start = i - 1;
            is_dated = true;
        }
        if self.is_day_number(i + 1) {
            end = i + 1;
            is_dated = true;
            if self.shape(i + 2) & SHAPE_YEAR != 0 {
                end = i + 2;
            }
        } else if self.shape(i + 1) & SHAPE_YEAR != 0 {
            end = i + 1;
            is_dated = true;
        }
        let before = self.lex_before(start, 1);
        if before & (LEX_DATE_PREPOSITION | LEX_TIME_RELATIVE) != 0 && start > 0 {
            start -= 1;
            is_dated = true;
        }
        if is_dated {
            self.push(start, end, Rule::Date);
            self.numbers_done_until = end + 1;
        }
    }

    fn statistic_words(&mut self, i: usize, tok: Token) {
        if self.is_pattern(tok) {
            match tok.hash {
                H_HALF => self.push(i, i, Rule::Proportion),
                H_MAJORITY => self.push(i, i, Rule::Proportion),
                H_THIRD | H_QUARTER | H_FIFTH
                    if self.hash_before(i, 1) == H_A && self.hash(i + 1) == H_OF =>
                {
                    self.push(i - 1, i + 1, Rule::Proportion)
                }
                H_TWICE | H_DOUBLE | H_TRIPLE => {
                    self.push(i, i, Rule::Multiplier);
                    if self.hash(i + 1) == H_AS {
                        self.push(i, i + 1, Rule::MultipleOf);
                    }
                }
                H_TOP
                    if self.is_plain_number(i + 1)
                        || self.lex(i + 1) & (LEX_NUMBER_WORD | LEX_SMALL_NUMBER) != 0 =>
                {
                    self.push(i, i + 1, Rule::Rank)
                }
                H_NUMBER if self.hash(i + 1) == H_ONE => self.push(i, i + 1, Rule::Rank),
                H_RANKED | H_RANKS
                    if self.lex(i + 1) & LEX_ORDINAL != 0
                        || self.shape(i + 1) & SHAPE_ORDINAL_NUMBER != 0 =>
                {
                    self.push(i, i + 1, Rule::Rank)
                }
                _ => {}
            }
        }
        if tok.is_lex(LEX_ORDINAL) && self.lex(i + 1) & LEX_SUPERLATIVE != 0 {
            self.push(i, i + 1, Rule::Rank);
        }
        if tok.is_lex(LEX_TREND) {
            self.push(i, i, Rule::Trend);
        }
    }

    fn temporal_words(&mut self, i: usize, tok: Token) {
        if tok.is_lex(LEX_TIME_RELATIVE) {
            // "last week", "the past two decades", "in recent years", "next year".
            let mut j = i + 1;
            let mut skipped = 0;
            while skipped < 2
                && (self.is_plain_number(j)
                    || self.lex(j) & (LEX_NUMBER_WORD | LEX_SMALL_NUMBER) != 0
                    || matches!(self.hash(j), H_FEW | H_SEVERAL | H_COUPLE | H_OF))
            {
                j += 1;
                skipped += 1;
            }
            if self.lex(j) & LEX_TIME_UNIT != 0 {
                let mut start = i;
                if self.hash_before(start, 1) == H_THE {
                    start -= 1;
                }
                let start = self.preposition_start(start);
                self.push(start, j, Rule::RelativeTime);
                if matches!(tok.hash, H_NEXT | H_COMING) {
                    self.push(start, j, Rule::FutureTime);
                }
            }
        }
        if self.is_pattern(tok) {
            match tok.hash {
                H_AGO if i > 0 && self.lex(i - 1) & LEX_TIME_UNIT != 0 => {
                    let mut start = i - 1;
                    while start > 0
                        && start + 3 > i
                        && (self.is_plain_number(start - 1)
                            || self.lex(start - 1) & (LEX_NUMBER_WORD | LEX_SMALL_NUMBER) != 0
                            || matches!(self.hash(start - 1), H_FEW | H_A | H_SEVERAL))
                    {
                        start -= 1;
                    }
                    self.push(start, i, Rule::RelativeTime);
                }
                H_YESTERDAY => self.push(i, i, Rule::RelativeTime),
                H_TOMORROW => self.push(i, i, Rule::FutureTime),
                H_CENTURY if self.lex_before(i, 1) & LEX_ORDINAL != 0 => {
                    self.push(i - 1, i, Rule::Date)
                }
                H_DECADES | H_YEARS | H_CENTURIES
                    if matches!(self.hash_before(i, 1), H_FOR | H_OVER)
                        || self.hash(i + 1) == H_OF =>
                {
                    self.push(i, i, Rule::Duration)
                }
                H_STANDING if self.hash_before(i, 1) == H_LONG => {
                    self.push(i - 1, i, Rule::Duration)
                }
                H_HISTORY if self.hash_before(i, 1) == H_LONG => {
                    self.push(i - 1, i, Rule::Duration)
                }
                _ => {}
            }
        }
    }

    fn attribution(&mut self, i: usize, tok: Token) {
        if tok.hash == H_ACCORDING && self.hash(i + 1) == H_TO {
            self.push(i, i + 1, Rule::AccordingTo);
            if matches!(
                self.hash(i + 2),
                H_UNNAMED | H_ANONYMOUS | H_UNIDENTIFIED | H_SOME
            ) {
                self.push(i, i + 2, Rule::Hedge);
            }
            return;
        }
        if tok.hash == H_CALLED && matches!(self.hash(i + 1), H_FOR | H_ON) {
            self.push(i, i + 1, Rule::ReportingVerb);
            return;
        }
        if tok.is_lex(LEX_SOURCE_NOUN) {
            self.push(i, i, Rule::SourceNoun);
        }
        if !tok.is_lex(LEX_REPORT) {
            return;
        }
        let prev = self.lex_before(i, 1);
        match tok.hash {
            H_SAID | H_SAYS | H_SAY | H_TOLD | H_TELLS => {
                if self.hash(i + 1) == H_TO && i > 0 && self.is_aux_be(i - 1) {
                    // "is said to": a hedge, and no source is named.
                    self.push(i - 1, i + 1, Rule::Hedge);
                } else if prev & (LEX_FIRST_PERSON | LEX_SECOND_PERSON) == 0
                    && self.hash_before(i, 1) != H_TO
                {
                    // "I said" is the speaker, "to say" is no one: neither names a source.
                    self.push(i, i, Rule::ReportingVerb);
                }
            }
            H_REPORT | H_REPORTS | H_CLAIMS | H_NOTES | H_ESTIMATES => {
                if tok.hash == H_REPORTS
                    && self.hash_before(i, 1) == H_BEEN
                    && self.hash_before(i, 3) == H_THERE
                {
                    self.push(i - 3, i, Rule::Hedge);
                } else if tok.hash == H_REPORTS && self.hash_before(i, 2) == H_THERE {
                    self.push(i - 2, i, Rule::Hedge);
                } else if prev & LEX_DETERMINER != 0
                    || self.text(i.wrapping_sub(1)).ends_with('s')
                    || matches!(self.hash(i + 1), H_FROM | H_OF | H_BY)
                {
                    self.push(i, i, Rule::ReportNoun);
                } else if prev & (LEX_FIRST_PERSON | LEX_SECOND_PERSON) == 0 {
                    self.push(i, i, Rule::ReportingVerb);
                }
            }
            H_FOUND | H_SHOWED | H_SHOWS | H_AGREE | H_AGREES | H_AGREED => {
                if self.hash(i + 1) == H_THAT && prev & (LEX_FIRST_PERSON | LEX_SECOND_PERSON) == 0
                {
                    self.push(i, i, Rule::ReportingVerb);
                }
            }
            _ => {
                if prev & (LEX_FIRST_PERSON | LEX_SECOND_PERSON) == 0 {
                    self.push(i, i, Rule::ReportingVerb);
                }
            }
        }
    }

    fn comparison(&mut self, i: usize, tok: Token) {
        if self.is_pattern(tok) {
            match tok.hash {
                H_THAN => {
                    let prev = self.hash_before(i, 1);
                    if prev == H_RATHER || prev == H_OTHER {
                        return;
                    }
                    let comparative = (1..=4).map_while(|back| i.checked_sub(back)).find(|&j| {
                        let t = self.text(j);
                        self.lex(j) & LEX_COMPARATIVE != 0
                            || (t.len() >= 4
                                && (t.ends_with("er") || t.ends_with("ER"))
                                && !is_false_comparative(self.hash(j)))
                    });
                    self.push(comparative.unwrap_or(i), i, Rule::ComparativeThan);
                }
                H_COMPARED if matches!(self.hash(i + 1), H_WITH | H_TO) => {
                    self.push(i, i + 1, Rule::ComparedWith)
                }
                H_COMPARISON => self.push(i, i, Rule::ComparedWith),
                H_CONTRAST if self.hash_before(i, 1) == H_IN => {
                    self.push(i - 1, i, Rule::ComparedWith)
                }
                H_RELATIVE if self.hash(i + 1) == H_TO => self.push(i, i + 1, Rule::ComparedWith),
                H_VERSUS => self.push(i, i, Rule::ComparedWith),
                H_OPPOSED if self.hash_before(i, 1) == H_AS && self.hash(i + 1) == H_TO => {
                    self.push(i - 1, i + 1, Rule::ComparedWith)
                }
                H_MOST | H_LEAST => {
                    let prev_text = self.text(i.wrapping_sub(1));
                    let is_superlative_position = i > 0
                        && (self.hash(i - 1) == H_THE
                            || self.lex(i - 1) & LEX_DETERMINER != 0
                            || prev_text.ends_with("'s")
                            || prev_text.ends_with("’s"));
                    let next = self.text(i + 1);
                    let next_is_adjective = [
                        "al", "ful", "ive", "ant", "ent", "ous", "ic", "able", "ible", "ed",
                    ]
                    .iter()
                    .any(|suffix| next.len() > 4 && next.ends_with(suffix));
                    if self.hash_before(i, 1) == H_AT {
                        return; // "at least 10" bounds a number, it compares nothing.
                    }
                    if is_superlative_position || next_is_adjective {
                        let end = if next_is_adjective { i + 1 } else { i };
                        self.push(i, end, Rule::Superlative);
                    }
                }
                _ => {}
            }
        }
        if tok.is_lex(LEX_SUPERLATIVE) && tok.hash != H_LEAST {
            if tok.is_shape(SHAPE_HYPHENATED) || self.lex_before(i, 1) & LEX_ORDINAL != 0 {
                let first = if i > 0 && self.lex(i - 1) & LEX_ORDINAL != 0 {
                    i - 1
                } else {
                    i
                };
                self.push(first, i, Rule::Superlative);
            } else {
                self.push(i, i, Rule::Superlative);
            }
        }
        if tok.is_lex(LEX_BARE_COMPARATIVE)
            && !(i + 1..=i + 4).any(|j| self.hash(j) == H_THAN)
            && self.numbers_done_until <= i
        {
            self.push(i, i, Rule::BareComparative);
        }
    }

    fn causal(&mut self, i: usize, tok: Token) {
        if tok.is_lex(LEX_CAUSAL) {
            let end = if tok.hash == H_BECAUSE && self.hash(i + 1) == H_OF {
                i + 1
            } else {
                i
            };
            self.push(i, end, Rule::CausalLink);
            return;
        }
        let next = self.hash(i + 1);
        if self.is_pattern(tok) {
            match tok.hash {
                H_DUE | H_OWING | H_THANKS if next == H_TO => self.push(i, i + 1, Rule::CausalLink),
                H_LED | H_LEAD | H_LEADS | H_LEADING if next == H_TO => {
                    self.push(i, i + 1, Rule::CausalLink);
                    self.modal_forecast(i);
                }
                H_RESULT | H_RESULTS | H_RESULTED | H_RESULTING
                    if matches!(next, H_IN | H_FROM | H_OF) =>
                {
                    let start = if self.hash_before(i, 1) == H_A && self.hash_before(i, 2) == H_AS {
                        i - 2
                    } else {
                        i
                    };
                    self.push(start, i + 1, Rule::CausalLink);
                    if matches!(tok.hash, H_RESULT | H_RESULTS) {
                        self.modal_forecast(i);
                    }
                }
                H_RESULT | H_CONSEQUENCE
                    if self.hash_before(i, 1) == H_A && self.hash_before(i, 2) == H_AS =>
                {
                    self.push(i - 2, i, Rule::CausalLink)
                }
                H_CAUSE => {
                    self.push(i, i, Rule::CausalLink);
                    self.modal_forecast(i);
                }
                H_SO if next == H_THAT => self.push(i, i + 1, Rule::CausalLink),
                H_CONTRIBUTED if next == H_TO => self.push(i, i + 1, Rule::CausalLink),
                H_RESPONSIBLE if next == H_FOR => self.push(i, i + 1, Rule::CausalLink),
                H_DRIVEN if next == H_BY => self.push(i, i + 1, Rule::CausalLink),
                H_STEMS if next == H_FROM => self.push(i, i + 1, Rule::CausalLink),
                H_ALLOWED | H_ALLOWS | H_ALLOW | H_ALLOWING | H_HELPED | H_HELPS => {
                    self.push(i, i, Rule::WeakCause)
                }
                H_MADE | H_MAKES
                    if self.hash(i + 1) == H_IT
                        && matches!(
                            self.hash(i + 2),
                            H_DIFFICULT | H_EASIER | H_HARDER | H_IMPOSSIBLE | H_POSSIBLE
                        ) =>
                {
                    self.push(i, i + 2, Rule::WeakCause)
                }
                _ => {}
            }
        }
    }

    /// "could lead to", "may result in", "will cause": a forecast of a consequence.
    fn modal_forecast(&mut self, verb: usize) {
        let mut j = verb;
        if matches!(self.hash_before(j, 1), H_POTENTIALLY | H_POSSIBLY | H_WELL) {
            j -= 1;
        }
        if matches!(
            self.hash_before(j, 1),
            H_COULD | H_MAY | H_MIGHT | H_WOULD | H_WILL
        ) {
            self.push(j - 1, verb + 1, Rule::Expectation);
        }
    }

    fn prediction(&mut self, i: usize, tok: Token) {
        let next = self.hash(i + 1);
        if self.is_pattern(tok) {
            match tok.hash {
                H_WILL => {
                    if self.lex_before(i, 1) & LEX_DETERMINER == 0 {
                        self.push(i, i, Rule::FutureTense);
                    }
                    return;
                }
                H_GOING if next == H_TO && i > 0 && self.is_aux_be(i - 1) => {
                    if self.lex(i + 2) & LEX_DETERMINER == 0 {
                        self.push(i, i + 1, Rule::FutureTense);
                    }
                    return;
                }
                H_EXPECTED | H_EXPECTS | H_EXPECT => {
                    // "was expected to" describes the past; only present expectations forecast.
                    let is_past = matches!(self.hash_before(i, 1), H_WAS | H_WERE);
                    if next == H_TO && !is_past {
                        let start = if i > 0 && self.is_aux_be(i - 1) {
                            i - 1
                        } else {
                            i
                        };
                        self.push(start, i + 1, Rule::Expectation);
                    }
                    return;
                }
                H_LIKELY if next == H_TO => {
                    self.push(i, i + 1, Rule::Expectation);
                    return;
                }
                H_SET | H_POISED if next == H_TO && i > 0 && self.is_aux_be(i - 1) => {
                    self.push(i - 1, i + 1, Rule::Expectation);
                    return;
                }
                H_TRACK if self.hash_before(i, 1) == H_ON && next == H_TO => {
                    self.push(i - 1, i + 1, Rule::Expectation);
                    return;
                }
                H_FUTURE if matches!(self.hash_before(i, 1), H_THE | H_NEAR) => {
                    let mut start = i - 1;
                    if self.hash(start) == H_NEAR && self.hash_before(start, 1) == H_THE {
                        start -= 1;
                    }
                    if self.hash_before(start, 1) == H_IN {
                        start -= 1;
                    }
                    self.push(start, i, Rule::FutureTime);
                    return;
                }
                _ => {}
            }
        }
        if tok.is_lex(LEX_FUTURE) {
            let text = tok.text(self.sentence);
            let is_contraction =
                text.ends_with("'ll") || text.ends_with("’ll") || tok.hash == H_WONT;
            let rule = if is_contraction || tok.hash == H_SHALL {
                Rule::FutureTense
            } else {
                Rule::Expectation
            };
            self.push(i, i, rule);
        }
    }

    fn hedge(&mut self, i: usize, tok: Token) {
        if tok.is_lex(LEX_HEDGE) {
            let start = if matches!(
                self.hash_before(i, 1),
                H_MOST | H_MORE | H_VERY | H_HIGHLY | H_QUITE
            ) {
                i - 1
            } else {
                i
            };
            // "could potentially": the modal already covers the adverb.
            if !(matches!(tok.hash, H_POTENTIALLY | H_POSSIBLY)
                && self.lex_before(i, 1) & LEX_MODAL_POSSIBILITY != 0)
            {
                self.push(start, i, Rule::Hedge);
            }
            return;
        }
        if tok.is_lex(LEX_MODAL_POSSIBILITY) {
            // "May 2" is a date, "could not" states an inability rather than a possibility,
            // and "be that as it may" concedes rather than hedges.
            if i < self.numbers_done_until
                || (tok.hash == H_COULD && self.hash(i + 1) == H_NOT)
                || (self.hash_before(i, 1) == H_IT && self.hash_before(i, 2) == H_AS)
            {
                return;
            }
            let end = if matches!(self.hash(i + 1), H_POTENTIALLY | H_POSSIBLY | H_WELL) {
                i + 1
            } else {
                i
            };
            self.push(i, end, Rule::Hedge);
            return;
        }
        if self.is_pattern(tok) {
            match tok.hash {
                H_BELIEVED | H_THOUGHT => {
                    let passive = i > 0 && self.is_aux_be(i - 1);
                    if passive {
                        let start = if self.hash_before(i, 2) == H_IT {
                            i - 2
                        } else {
                            i - 1
                        };
                        self.push(start, i, Rule::Hedge);
                    } else if self.hash_before(i, 1) == H_WIDELY {
                        self.push(i - 1, i, Rule::Hedge);
                    } else if tok.hash == H_BELIEVED && self.hash(i + 1) == H_TO {
                        self.push(i, i, Rule::Hedge);
                    }
                }
                H_SEEMS | H_SEEM | H_SEEMED => {
                    let start = if self.hash_before(i, 1) == H_IT {
                        i - 1
                    } else {
                        i
                    };
                    self.push(start, i, Rule::Hedge);
                }
                H_APPEARS | H_APPEAR | H_APPEARED => {
                    if self.hash_before(i, 1) == H_IT {
                        self.push(i - 1, i, Rule::Hedge);
                    } else if matches!(self.hash(i + 1), H_TO | H_THAT) {
                        self.push(i, i, Rule::Hedge);
                    }
                }
                // "suggesting an easing of sanctions" proposes; "reports suggest that" hedges.
                H_SUGGEST | H_SUGGESTS | H_SUGGESTED | H_SUGGESTING
                    if self.lex_before(i, 1) & LEX_FIRST_PERSON == 0
                        && (self.hash(i + 1) == H_THAT
                            || self.lex(i + 1) & LEX_DETERMINER == 0) =>
                {
                    self.push(i, i, Rule::Hedge);
                }
                H_POSSIBLE
                    if self.hash(i + 1) == H_THAT
                        || (self.hash_before(i, 2) == H_IT
                            && self.is_aux_be(i.wrapping_sub(1))) =>
                {
                    let start = if self.hash_before(i, 2) == H_IT {
                        i - 2
                    } else {
                        i
                    };
                    self.push(start, i, Rule::Hedge);
                }
                _ => {}
            }
        }
    }

    fn opinion(&mut self, i: usize, tok: Token) {
        let next = self.hash(i + 1);
        if self.is_pattern(tok) {
            match tok.hash {
                H_I | H_WE if self.lex(i + 1) & LEX_OPINION_VERB != 0 => {
                    self.push(i, i + 1, Rule::OpinionMarker)
                }
                H_I | H_WE if self.lex(i + 1) & (LEX_OBLIGATION) != 0 || next == H_NEED => {
                    self.push(i, i + 1, Rule::OpinionMarker)
                }
                H_WE if next == H_HAVE && self.hash(i + 2) == H_TO => {
                    self.push(i, i + 2, Rule::OpinionMarker)
                }
                H_MY if matches!(next, H_OPINION | H_VIEW) => {
                    self.push(i, i + 1, Rule::OpinionMarker)
                }
                // "it is apparent that", "it is clear that": the writer's stance, not a source.
                H_APPARENT | H_CLEAR | H_OBVIOUS | H_EVIDENT
                    if self.hash_before(i, 2) == H_IT && self.is_aux_be(i - 1) =>
                {
                    self.push(i - 2, i, Rule::OpinionMarker)
                }
                // "This is not to say that …": rhetoric framing the next clause.
                H_SAY if self.hash_before(i, 1) == H_TO && self.hash_before(i, 2) == H_NOT => {
                    self.push(i - 2, i, Rule::OpinionMarker)
                }
                H_LET if matches!(next, H_ME | H_US) => self.push(i, i + 1, Rule::OpinionMarker),
                H_LETS => self.push(i, i, Rule::OpinionMarker),
                _ => {}
            }
        }
        if tok.is_lex(LEX_OBLIGATION) {
            self.push(i, i, Rule::Obligation);
        }
        if tok.is_lex(LEX_SECOND_PERSON) {
            self.push(i, i, Rule::SecondPerson);
        }
        if tok.is_lex(LEX_EVALUATIVE) {
            self.push(i, i, Rule::Evaluative);
        }
    }

    /// A run of capitalised words after the first word ("Vladimir Putin", "the UN").
    fn proper_name(&mut self, i: usize, tok: Token) {
        if !tok.is_shape(SHAPE_CAPITALIZED) || tok.is_shape(SHAPE_NUMBER) {
            return;
        }
        let is_name_word = |d: &Self, j: usize| {
            d.shape(j) & SHAPE_CAPITALIZED != 0
                && d.shape(j) & SHAPE_NUMBER == 0
                && d.lex(j) & (LEX_MONTH | LEX_WEEKDAY | LEX_FIRST_PERSON) == 0
                && !(j == 0 && d.is_common_opening_word())
        };
        if !is_name_word(self, i)
            || (i > 0 && is_name_word(self, i - 1) && self.only_space_between(i - 1, i))
        {
            return; // not a name, or not the start of the run
        }
        let mut end = i;
        while is_name_word(self, end + 1) && self.only_space_between(end, end + 1) {
            end += 1;
        }
        // A lone capitalised first word is just the start of the sentence.
        if i == 0 && end == 0 {
            return;
        }
        self.push(i, end, Rule::ProperName);
    }

    /// Quotations (three words or more) and `!`/`?` marks, found on the raw bytes.
    fn quotations_and_marks(&mut self) {
        use crate::core::swar::some_byte_is;
        let bytes = self.sentence.as_bytes();
        let mut open: Option<usize> = None;
        let mut exclamation = None;
        let mut question = None;
        let mut next = 0;
        while let Some(&byte) = bytes.get(next) {
            // Eight bytes without `"`, `!`, `?` or the last byte of a curly quote hold nothing
            // to look at: skipped at once.
            if let Some(chunk) = bytes.get(next..next + 8)
                && let Ok(chunk) = <[u8; 8]>::try_from(chunk)
            {
                let word = u64::from_le_bytes(chunk);
                let marks = some_byte_is(word, b'"')
                    | some_byte_is(word, b'!')
                    | some_byte_is(word, b'?')
                    | some_byte_is(word, 0x9c)
                    | some_byte_is(word, 0x9d);
                if marks == 0 {
                    next += 8;
                    continue;
                }
            }
            let pos = next;
            next += 1;
            // “ and ” are E2 80 9C / E2 80 9D; look at their last byte only.
            let (is_open, is_close) = match byte {
                b'"' => (open.is_none(), open.is_some()),
                0x9c if pos >= 2 && bytes.get(pos - 2) == Some(&0xe2) => (true, false),
                0x9d if pos >= 2 && bytes.get(pos - 2) == Some(&0xe2) => (false, true),
                b'!' => {
                    exclamation.get_or_insert(pos);
                    continue;
                }
                b'?' => {
                    question.get_or_insert(pos);
                    continue;
                }
                _ => continue,
            };
            if is_close {
                if let Some(start) = open.take() {
                    // Tokens are sorted by start: count the first three inside the quotes.
                    let first = self.tokens.partition_point(|t| (t.start as usize) < start);
                    let words = self
                        .tokens
                        .get(first..)
                        .unwrap_or(&[])
                        .iter()
                        .take(3)
                        .filter(|t| (t.end as usize) <= pos)
                        .count();
                    if words >= 3 {
                        self.out.push(RuleCue {
                            start: start as u32,
                            end: pos as u32 + 1,
                            rule: Rule::Quotation,
                        });
                    }
                }
            } else if is_open {
                open = Some(if byte == b'"' { pos } else { pos - 2 });
            }
        }
        for (mark, rule) in [
            (exclamation, Rule::Exclamation),
            (question, Rule::QuestionMark),
        ] {
            if let Some(pos) = mark {
                self.out.push(RuleCue {
                    start: pos as u32,
                    end: pos as u32 + 1,
                    rule,
                });
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The skips (words with only context flags fire no rule; capitalised words and numbers no
    /// word rule mentions go straight to the name rule) rest on every `match tok.hash` arm of
    /// the word rules naming a word the lexicon flags as a pattern: a rule that matched a
    /// context-only word as the word at hand would silently stop firing. Every word through
    /// every rule must give the same cues.
    /// The byte scan for quotations and marks skips eight bytes at a time: wherever the marks
    /// fall against those eight-byte steps, the same cues must come out, shifted.
    #[test]
    fn quotation_and_mark_cues_do_not_depend_on_alignment() {
        let body = "He said \"we will not give in\" and “they will not either” (loudly)! Why? \"x";
        let marks_of = |sentence: &str| {
            let mut tokens = Vec::new();
            let mut cues = Vec::new();
            let has_marks = tokenize(sentence, &mut tokens);
            detect_cues(sentence, &tokens, has_marks, &mut cues);
            cues.iter()
                .filter(|c| {
                    matches!(
                        c.rule,
                        Rule::Quotation | Rule::Exclamation | Rule::QuestionMark
                    )
                })
                .map(|c| (c.start, c.end, c.rule))
                .collect::<Vec<_>>()
        };
        let expected = marks_of(body);
        assert_eq!(expected.len(), 4, "{expected:?}");
        for pad in 1..20u32 {
            let sentence = format!(
                "{}{body}",
                "a ".repeat(pad as usize).trim_end_matches(' ').to_owned() + " "
            );
            let shift = 2 * pad;
            let shifted: Vec<_> = expected
                .iter()
                .map(|&(start, end, rule)| (start + shift, end + shift, rule))
                .collect();
            assert_eq!(marks_of(&sentence), shifted, "{sentence:?}");
        }
    }

    #[test]
    fn day_numbers_read_like_number_value() {
        let mut texts: Vec<String> = (0..400).map(|n| n.to_string()).collect();
        for n in 0..40 {
            texts.push(format!("0{n}"));
            texts.push(format!("00{n}"));
            texts.push(format!("{n}.0"));
            texts.push(format!("{n},0"));
            texts.push(format!("{n}e0"));
            texts.push(format!("{n}th"));
        }
        texts.extend(
            [
                "",
                "0",
                "000",
                "1e1",
                "3.",
                ".5",
                "1,5",
                "99999999999999999999999",
            ]
            .map(String::from),
        );
        for text in &texts {
            let expected = number_value(text).is_some_and(|d| (1.0..=31.0).contains(&d));
            assert_eq!(is_day_text(text), expected, "{text:?}");
        }
    }

    #[test]
    fn skipping_untriggered_words_changes_no_cue() {
        let mut sentences: Vec<String> = Vec::new();
        for seed in crate::core::seeds::SEEDS {
            let text = std::str::from_utf8(seed.bytes).unwrap_or_default();
            sentences.extend(
                crate::core::sentences::split_sentences(text)
                    .iter()
                    .filter_map(|s| text.get(s.start..s.end).map(str::to_owned)),
            );
        }
        for word in PATTERN_WORDS.iter().chain(CONTEXT_ONLY_WORDS) {
            let capitalised: String = word
                .chars()
                .take(1)
                .flat_map(char::to_uppercase)
                .chain(word.chars().skip(1))
                .collect();
            for template in [
                "{w} the report said exports rose 12% in 2019.",
                "Analysts {w} that the economy will grow by 3 percent next year.",
                "It is {w} than the 1990s, according to officials.",
                "The ministry {w} 40 times more, {w} it was said to be likely.",
            ] {
                sentences.push(template.replace("{w}", word));
                sentences.push(template.replace("{w}", &capitalised));
            }
        }
        let (mut tokens, mut fast, mut every) = (Vec::new(), Vec::new(), Vec::new());
        for sentence in &sentences {
            let has_marks = tokenize(sentence, &mut tokens);
            detect_cues_with(sentence, &tokens, has_marks, &mut fast, false);
            detect_cues_with(sentence, &tokens, has_marks, &mut every, true);
            let show = |cues: &[RuleCue]| {
                cues.iter()
                    .map(|c| (c.start, c.end, c.rule))
                    .collect::<Vec<_>>()
            };
            assert_eq!(show(&fast), show(&every), "{sentence:?}");
        }
        assert!(sentences.len() > 500);
    }
}
