//! Tokenizer and word lexicon shared by the cue rules and the learned model.
//!
//! [`tokenize`] turns a sentence into [`Token`]s without building strings: each token carries
//! its byte span, a hash of its normalised (lowercased) form and lexicon flags. The model file
//! stores readable keys; [`token_key`] rebuilds the normalised form so `fnv(key) == hash`.

use std::collections::HashMap;
use std::sync::LazyLock;

use crate::core::chars::is_letter_or_digit;

/// 64-bit FNV-1a over bytes; `const` so multi-word patterns compare against constants.
pub const fn fnv(text: &str) -> u64 {
    let bytes = text.as_bytes();
    let mut hash = FNV_OFFSET;
    let mut i = 0;
    while i < bytes.len() {
        hash ^= bytes[i] as u64;
        hash = hash.wrapping_mul(FNV_PRIME);
        i += 1;
    }
    hash
}

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
const FNV_PRIME: u64 = 0x0000_0100_0000_01b3;

/// Hash of a bigram from the hashes of its two tokens (order matters).
pub const fn bigram_hash(first: u64, second: u64) -> u64 {
    (first.rotate_left(29) ^ second).wrapping_mul(0x9e37_79b9_7f4a_7c15) ^ 0x5bd1_e995
}

/// Key of numbers that are neither years nor decades, so "71" and "43" share a weight.
pub const NUM_KEY: &str = "<num>";
/// Key of four-digit years such as "2018".
pub const YEAR_KEY: &str = "<year>";
/// Key of decades such as "1950s".
pub const DECADE_KEY: &str = "<decade>";
/// Key of the virtual token before the first word (so bigrams see sentence openings).
pub const START_KEY: &str = "<s>";
/// Hash of [`START_KEY`].
pub const START_HASH: u64 = fnv(START_KEY);
const NUM_HASH: u64 = fnv(NUM_KEY);
const YEAR_HASH: u64 = fnv(YEAR_KEY);
const DECADE_HASH: u64 = fnv(DECADE_KEY);

/// Shape bit: first character is uppercase.
pub const SHAPE_CAPITALIZED: u16 = 1;
/// Shape bit: the token contains a digit.
pub const SHAPE_NUMBER: u16 = 1 << 1;
/// Shape bit: a four-digit year (1800–2100).
pub const SHAPE_YEAR: u16 = 1 << 2;
/// Shape bit: a decade such as "1950s".
pub const SHAPE_DECADE: u16 = 1 << 3;
/// Shape bit: a footnote marker glued to punctuation ("1990s.2"); ignored by every rule.
pub const SHAPE_FOOTNOTE: u16 = 1 << 4;
/// Shape bit: the token touches the previous one with only a hyphen between ("second-largest").
pub const SHAPE_HYPHENATED: u16 = 1 << 5;
/// Shape bit: a currency or percent symbol token.
pub const SHAPE_SYMBOL: u16 = 1 << 6;
/// Shape bit: digits with an ordinal suffix ("1st", "20th").
pub const SHAPE_ORDINAL_NUMBER: u16 = 1 << 7;
/// Shape bit: the token is entirely uppercase letters (acronyms such as "UN").
pub const SHAPE_ALL_CAPS: u16 = 1 << 8;

/// One word, number or symbol of a sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    /// Byte offset of the first byte.
    pub start: u32,
    /// Byte offset one past the last byte.
    pub end: u32,
    /// `fnv(token_key(..))`.
    pub hash: u64,
    /// Lexicon flags (`LEX_*`).
    pub lex: u32,
    /// Shape flags (`SHAPE_*`).
    pub shape: u16,
}

impl Token {
    /// True when any of the given lexicon flags is set.
    pub fn is_lex(&self, flags: u32) -> bool {
        self.lex & flags != 0
    }
    /// True when any of the given shape flags is set.
    pub fn is_shape(&self, flags: u16) -> bool {
        self.shape & flags != 0
    }
    /// The token's text in its sentence ("" if the span is somehow invalid).
    pub fn text<'a>(&self, sentence: &'a str) -> &'a str {
        sentence
            .get(self.start as usize..self.end as usize)
            .unwrap_or("")
    }
}

/// Byte class bit: an ASCII letter or digit.
const CLASS_ALNUM: u8 = 1;
/// Byte class bit: an ASCII digit.
const CLASS_DIGIT: u8 = 1 << 1;
/// Byte class bit: an ASCII lowercase letter.
const CLASS_LOWER: u8 = 1 << 2;
/// Byte class bit: ASCII that starts no token (spaces and punctuation other than `%`, `$`).
const CLASS_SKIP: u8 = 1 << 3;
/// Byte class bit: `"`, `!` or `?`, which the cue rules look for between the tokens.
const CLASS_MARK: u8 = 1 << 4;
/// Byte class bit: an ASCII letter (so a run of letters and digits whose classes OR to no
/// letter bit is all digits, without a second accumulator).
const CLASS_LETTER: u8 = 1 << 5;
/// Byte class bit: `'`, `,` or `.`, which may join a word to what follows (with
/// [`CLASS_SKIP`]: between words they are skipped like other punctuation).
const CLASS_JOINER: u8 = 1 << 6;

/// The class bits of every byte (0 for non-ASCII bytes, which are decoded instead).
const BYTE_CLASS: [u8; 256] = {
    let mut classes = [0u8; 256];
    let mut byte = 0;
    while byte < 128 {
        let b = byte as u8;
        classes[byte] = if b.is_ascii_digit() {
            CLASS_ALNUM | CLASS_DIGIT
        } else if b.is_ascii_lowercase() {
            CLASS_ALNUM | CLASS_LETTER | CLASS_LOWER
        } else if b.is_ascii_uppercase() {
            CLASS_ALNUM | CLASS_LETTER
        } else if b == b'%' || b == b'$' {
            0
        } else if b == b'"' || b == b'!' || b == b'?' {
            CLASS_SKIP | CLASS_MARK
        } else if b == b'\'' || b == b',' || b == b'.' {
            CLASS_SKIP | CLASS_JOINER
        } else {
            CLASS_SKIP
        };
        byte += 1;
    }
    classes
};

/// Splits a sentence into tokens: letter/digit runs (with inner apostrophes and, in numbers,
/// inner `,`/`.`), plus `%`, `$`, `€`, `£`, `¥` as their own tokens. Hyphens split words.
/// One pass over the bytes; the lowercase hash is folded in as the token is scanned.
///
/// Most tokens are plain ASCII words ended by a space or by punctuation that cannot join:
/// they are scanned by one tight loop (a table lookup and a multiply per byte) and finished
/// without decoding a character. A word that opens with a non-ASCII character, or reaches one,
/// or reaches a separator that may join (`'` after a letter, `,`/`.` after digits) goes on
/// through [`scan_word_tail`], the general character-decoding scanner. A test compares the
/// result with a plain one-path tokenizer on tricky input.
///
/// Returns whether the sentence holds a quotation mark (`"`, `“`, `”`), `!` or `?`: the
/// marks [`super::cues::detect_cues`] looks for, which it need not look for otherwise.
pub fn tokenize(sentence: &str, tokens: &mut Vec<Token>) -> bool {
    tokenize_counted(sentence, tokens).has_marks
}

/// What [`tokenize_counted`] found besides the tokens.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Tokenized {
    /// What [`tokenize`] returns: whether the sentence holds a quotation mark, `!` or `?`.
    pub has_marks: bool,
    /// The tokens that are words or numbers: neither symbols ([`SHAPE_SYMBOL`]) nor footnote
    /// markers ([`SHAPE_FOOTNOTE`]), counted as they are made.
    pub words: usize,
}

/// [`tokenize`], also counting the word tokens (the few others are counted where they are
/// made, so the tokens need not be walked again).
pub fn tokenize_counted(sentence: &str, tokens: &mut Vec<Token>) -> Tokenized {
    tokens.clear();
    let mut non_words = 0usize;
    let bytes = sentence.as_bytes();
    let lexicon: &HashTable<u32> = &LEXICON_FLAGS;
    let mut skipped = 0u8;
    let mut has_curly_quote = false;
    let mut pos = 0;
    while let Some(&byte) = bytes.get(pos) {
        let class = BYTE_CLASS[usize::from(byte)];
        if class & CLASS_SKIP != 0 {
            skipped |= class; // spaces and punctuation: the common case, no decoding
            pos += 1;
            continue;
        }
        let start = pos;
        let mut word = if class & CLASS_ALNUM != 0 {
            // The run of ASCII letters and digits from here, first byte included. For them,
            // setting bit 0x20 lowercases (digits already have it).
            let mut hash = FNV_OFFSET;
            let mut any_class = 0u8;
            let mut len = 0;
            // The class of the byte that ends the run (the end of the text ends it like a space).
            let mut stop_class = CLASS_SKIP;
            for &b in bytes.get(pos..).unwrap_or_default() {
                let class = BYTE_CLASS[usize::from(b)];
                if class & CLASS_ALNUM == 0 {
                    stop_class = class;
                    break;
                }
                any_class |= class;
                hash = (hash ^ u64::from(b | 0x20)).wrapping_mul(FNV_PRIME);
                len += 1;
            }
            pos += len;
            let starts_with_digit = class & CLASS_DIGIT != 0;
            let all_digits = any_class & CLASS_LETTER == 0;
            // What follows decides, as in `scan_word_tail`: an apostrophe never joins after a
            // digit, `,` and `.` only join digits, other ASCII never joins. A space or other
            // punctuation that never joins, the common case, is told by its class alone.
            let ends_here = stop_class & (CLASS_SKIP | CLASS_JOINER) == CLASS_SKIP
                || match bytes.get(pos) {
                    None => true,
                    Some(b'\'') => starts_with_digit,
                    Some(b',' | b'.') => !all_digits,
                    Some(&next) => next.is_ascii(),
                };
            if ends_here && any_class & CLASS_DIGIT == 0 {
                // A plain ASCII word, the common case: finished here, as below.
                let mut shape = 0u16;
                if class & CLASS_LOWER == 0 {
                    shape |= SHAPE_CAPITALIZED;
                    if any_class & CLASS_LOWER == 0 && len >= 2 {
                        shape |= SHAPE_ALL_CAPS;
                    }
                }
                if is_hyphenated(bytes, start) {
                    shape |= SHAPE_HYPHENATED;
                }
                tokens.push(Token {
                    start: start as u32,
                    end: pos as u32,
                    hash,
                    lex: lexicon.get(hash).unwrap_or(0),
                    shape,
                });
                continue;
            }
            let mut word = Word {
                hash,
                starts_with_digit,
                all_digits,
                has_digit: any_class & CLASS_DIGIT != 0,
                has_lowercase: any_class & CLASS_LOWER != 0,
                is_uppercase: class & (CLASS_DIGIT | CLASS_LOWER) == 0,
                char_count: len,
            };
            if !ends_here {
                pos = scan_word_tail(sentence, pos, &mut word, &mut has_curly_quote);
            }
            word
        } else {
            // `%`, `$` or a non-ASCII character.
            let Some(ch) = char_at(sentence, pos, byte) else {
                pos += 1;
                continue;
            };
            has_curly_quote |= is_curly_quote(bytes, pos);
            pos += ch.len_utf8();
            if matches!(ch, '%' | '$' | '€' | '£' | '¥') {
                let mut buf = [0u8; 4];
                tokens.push(Token {
                    start: start as u32,
                    end: pos as u32,
                    hash: fnv(ch.encode_utf8(&mut buf)),
                    lex: 0,
                    shape: SHAPE_SYMBOL,
                });
                non_words += 1;
                continue;
            }
            if !is_letter_or_digit(ch) {
                continue;
            }
            let starts_with_digit = ch.is_ascii_digit();
            let mut hash = FNV_OFFSET;
            fold_lowercase(&mut hash, ch);
            let mut word = Word {
                hash,
                starts_with_digit,
                all_digits: starts_with_digit,
                has_digit: starts_with_digit,
                has_lowercase: ch.is_lowercase(),
                is_uppercase: ch.is_uppercase(),
                char_count: 1,
            };
            pos = scan_word_tail(sentence, pos, &mut word, &mut has_curly_quote);
            word
        };
        let end = pos;
        let mut shape = 0u16;
        if word.is_uppercase {
            shape |= SHAPE_CAPITALIZED;
            if !word.has_lowercase && word.char_count >= 2 {
                shape |= SHAPE_ALL_CAPS;
            }
        }
        if is_hyphenated(bytes, start) {
            shape |= SHAPE_HYPHENATED;
        }
        let lex = if word.has_digit {
            // What touches the number on the left decides footnotes ("severed.3").
            let before = start.checked_sub(1).and_then(|i| bytes.get(i)).copied();
            let text = sentence.get(start..end).unwrap_or("");
            let prev_is_currency = tokens.last().is_some_and(|t| {
                t.is_shape(SHAPE_SYMBOL) && t.end as usize == start && t.hash != PERCENT_HASH
            });
            let (number_shape, hash) =
                classify_number(text, word.all_digits, before, prev_is_currency);
            shape |= SHAPE_NUMBER | number_shape;
            non_words += usize::from(number_shape & SHAPE_FOOTNOTE != 0);
            word.hash = hash;
            0
        } else {
            lexicon.get(word.hash).unwrap_or(0)
        };
        tokens.push(Token {
            start: start as u32,
            end: end as u32,
            hash: word.hash,
            lex,
            shape,
        });
    }
    Tokenized {
        has_marks: skipped & CLASS_MARK != 0 || has_curly_quote,
        words: tokens.len() - non_words,
    }
}

/// Whether the token at `start` touches the previous one with only a hyphen between
/// ("second-largest").
fn is_hyphenated(bytes: &[u8], start: usize) -> bool {
    start >= 2
        && bytes.get(start - 1) == Some(&b'-')
        && bytes.get(start - 2).is_some_and(u8::is_ascii_alphanumeric)
}

/// A word token being scanned: its hash so far and what its characters were.
struct Word {
    /// FNV-1a of the lowercased characters so far.
    hash: u64,
    starts_with_digit: bool,
    all_digits: bool,
    has_digit: bool,
    has_lowercase: bool,
    /// The first character is uppercase.
    is_uppercase: bool,
    /// Letters and digits so far (joining separators are not counted).
    char_count: usize,
}

/// Scans the rest of a word from `pos` (just after its first character or an ASCII run):
/// ASCII runs, non-ASCII letters and digits, inner apostrophes and number separators.
/// Returns where the word ends.
fn scan_word_tail(
    sentence: &str,
    mut pos: usize,
    word: &mut Word,
    has_curly_quote: &mut bool,
) -> usize {
    let bytes = sentence.as_bytes();
    loop {
        // A run of ASCII letters and digits: one table lookup per byte.
        let run_start = pos;
        let mut any_class = 0u8;
        let mut every_class = CLASS_DIGIT;
        for &b in bytes.get(pos..).unwrap_or_default() {
            let class = BYTE_CLASS[usize::from(b)];
            if class & CLASS_ALNUM == 0 {
                break;
            }
            any_class |= class;
            every_class &= class;
            word.hash = (word.hash ^ u64::from(b | 0x20)).wrapping_mul(FNV_PRIME);
            pos += 1;
        }
        if pos > run_start {
            word.has_digit |= any_class & CLASS_DIGIT != 0;
            word.all_digits &= every_class & CLASS_DIGIT != 0;
            word.has_lowercase |= any_class & CLASS_LOWER != 0;
            word.char_count += pos - run_start;
        }
        let Some(&next_byte) = bytes.get(pos) else {
            return pos;
        };
        if next_byte.is_ascii() && !matches!(next_byte, b'\'' | b',' | b'.') {
            return pos;
        }
        let Some(next) = char_at(sentence, pos, next_byte) else {
            return pos;
        };
        let width = next.len_utf8();
        if is_letter_or_digit(next) {
            // Non-ASCII: ASCII letters and digits were taken by the run above.
            *has_curly_quote |= is_curly_quote(bytes, pos);
            word.has_lowercase |= next.is_lowercase();
            word.all_digits = false;
            word.char_count += 1;
            fold_lowercase(&mut word.hash, next);
            pos += width;
            continue;
        }
        // Inner apostrophes ("don't", "Korea’s") and number separators ("33,000", "4.5").
        let after = || {
            bytes
                .get(pos + width)
                .and_then(|&b| char_at(sentence, pos + width, b))
        };
        let joins = match next {
            '\'' | '’' => !word.starts_with_digit && after().is_some_and(char::is_alphabetic),
            ',' => word.all_digits && after().is_some_and(|c| c.is_ascii_digit()),
            '.' => {
                word.all_digits
                    && after().is_some_and(|c| c.is_ascii_digit())
                    && !is_glued_footnote(bytes, pos + 1)
            }
            _ => false,
        };
        if !joins {
            return pos;
        }
        fold_lowercase(&mut word.hash, next);
        pos += width;
    }
}

/// The shape bits (besides [`SHAPE_NUMBER`]) and the class hash of a token with a digit:
/// footnote marker, year, decade or other number (maybe ordinal).
fn classify_number(
    text: &str,
    all_digits: bool,
    before: Option<u8>,
    prev_is_currency: bool,
) -> (u16, u64) {
    // A closing quote is three bytes ending in 0x9D ("…world.”3").
    let glued_to_punct = matches!(before, Some(b'.' | b',' | b')' | 0x9d));
    if all_digits && glued_to_punct && text.len() <= 2 {
        (SHAPE_FOOTNOTE, NUM_HASH)
    } else if all_digits && text.len() == 4 && !prev_is_currency && is_year_value(text) {
        (SHAPE_YEAR, YEAR_HASH)
    } else if is_decade(text) {
        (SHAPE_DECADE, DECADE_HASH)
    } else if is_ordinal_number(text) {
        (SHAPE_ORDINAL_NUMBER, NUM_HASH)
    } else {
        (0, NUM_HASH)
    }
}

/// Whether the character at `pos` is `“` or `”` (E2 80 9C/9D). Like the quotation rule, only
/// the first and last bytes are compared.
fn is_curly_quote(bytes: &[u8], pos: usize) -> bool {
    bytes.get(pos) == Some(&0xe2) && matches!(bytes.get(pos + 2), Some(0x9c | 0x9d))
}

const PERCENT_HASH: u64 = fnv("%");

/// True when the one or two digits at `digits_start` end the text or are followed by a space
/// and a capital: "April 2019.6" and "Resolution 84.1 This" cite footnotes, they are not decimals.
fn is_glued_footnote(bytes: &[u8], digits_start: usize) -> bool {
    let digit_count = bytes
        .get(digits_start..)
        .unwrap_or(&[])
        .iter()
        .take_while(|b| b.is_ascii_digit())
        .count();
    if digit_count == 0 || digit_count > 2 {
        return false;
    }
    let rest = bytes.get(digits_start + digit_count..).unwrap_or(&[]);
    match rest {
        [] => true,
        [b' ', next, ..] => next.is_ascii_uppercase(),
        _ => false,
    }
}

/// The char starting at byte `pos` (ASCII without decoding); `None` off a char boundary.
fn char_at(sentence: &str, pos: usize, byte: u8) -> Option<char> {
    if byte.is_ascii() {
        Some(byte as char)
    } else {
        sentence.get(pos..)?.chars().next()
    }
}

/// Folds one character, lowercased and with `’` as `'`, into an FNV-1a hash.
fn fold_lowercase(hash: &mut u64, ch: char) {
    if ch.is_ascii() {
        *hash ^= ch.to_ascii_lowercase() as u64;
        *hash = hash.wrapping_mul(FNV_PRIME);
        return;
    }
    let mut buf = [0u8; 4];
    push_lowercase(ch, &mut |c| {
        for &b in c.encode_utf8(&mut buf).as_bytes() {
            *hash ^= b as u64;
            *hash = hash.wrapping_mul(FNV_PRIME);
        }
    });
}

/// The normalised form a token is hashed from: lowercase, `’` as `'`, numbers as a class key.
pub fn token_key(sentence: &str, token: &Token) -> String {
    if token.is_shape(SHAPE_YEAR) {
        return YEAR_KEY.to_string();
    }
    if token.is_shape(SHAPE_DECADE) {
        return DECADE_KEY.to_string();
    }
    if token.is_shape(SHAPE_NUMBER) {
        return NUM_KEY.to_string();
    }
    let mut key = String::with_capacity(token.text(sentence).len());
    for ch in token.text(sentence).chars() {
        push_lowercase(ch, &mut |c| key.push(c));
    }
    key
}

fn push_lowercase(ch: char, push: &mut impl FnMut(char)) {
    match ch {
        '’' | '‘' => push('\''),
        c if c.is_ascii() => push(c.to_ascii_lowercase()),
        c => c.to_lowercase().for_each(&mut *push),
    }
}

/// FNV-1a of the lowercased, apostrophe-normalised text (equals `fnv(&token_key(..))`).
pub fn hash_lowercase(text: &str) -> u64 {
    let mut hash = FNV_OFFSET;
    text.chars().for_each(|c| fold_lowercase(&mut hash, c));
    hash
}

fn is_year_value(text: &str) -> bool {
    text.parse::<u32>()
        .is_ok_and(|y| (1800..=2100).contains(&y))
}

fn is_decade(text: &str) -> bool {
    let Some(digits) = text.strip_suffix('s') else {
        return false;
    };
    (digits.len() == 4 || digits.len() == 2)
        && digits.bytes().all(|b| b.is_ascii_digit())
        && digits.ends_with('0')
}

fn is_ordinal_number(text: &str) -> bool {
    let split = text
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(text.len());
    split > 0
        && text.get(split..).is_some_and(|suffix| {
            ["st", "nd", "rd", "th"]
                .iter()
                .any(|s| suffix.eq_ignore_ascii_case(s))
        })
}

/// The numeric value of a digit token ("33,000" → 33000.0), if it parses.
pub fn number_value(text: &str) -> Option<f64> {
    let cleaned: String = text.chars().filter(|c| *c != ',').collect();
    cleaned.parse::<f64>().ok()
}

/// Lexicon flag: cardinal number word ("seventeen", "million").
pub const LEX_NUMBER_WORD: u32 = 1;
/// Lexicon flag: magnitude word ("million", "dozens").
pub const LEX_MAGNITUDE: u32 = 1 << 1;
/// Lexicon flag: percent word.
pub const LEX_PERCENT: u32 = 1 << 2;
/// Lexicon flag: ordinal word ("second").
pub const LEX_ORDINAL: u32 = 1 << 3;
/// Lexicon flag: superlative ("largest").
pub const LEX_SUPERLATIVE: u32 = 1 << 4;
/// Lexicon flag: comparative ("greater", "more").
pub const LEX_COMPARATIVE: u32 = 1 << 5;
/// Lexicon flag: month name.
pub const LEX_MONTH: u32 = 1 << 6;
/// Lexicon flag: weekday name.
pub const LEX_WEEKDAY: u32 = 1 << 7;
/// Lexicon flag: unit of time ("weeks", "decade").
pub const LEX_TIME_UNIT: u32 = 1 << 8;
/// Lexicon flag: reporting verb or report noun ("said", "reports").
pub const LEX_REPORT: u32 = 1 << 9;
/// Lexicon flag: hedging adverb/adjective ("reportedly", "likely").
pub const LEX_HEDGE: u32 = 1 << 10;
/// Lexicon flag: modal of possibility ("may", "might", "could").
pub const LEX_MODAL_POSSIBILITY: u32 = 1 << 11;
/// Lexicon flag: single-word causal cue ("because", "enabled").
pub const LEX_CAUSAL: u32 = 1 << 12;
/// Lexicon flag: future/forecast word ("will", "forecast").
pub const LEX_FUTURE: u32 = 1 << 13;
/// Lexicon flag: first-person pronoun.
pub const LEX_FIRST_PERSON: u32 = 1 << 14;
/// Lexicon flag: second-person pronoun.
pub const LEX_SECOND_PERSON: u32 = 1 << 15;
/// Lexicon flag: obligation modal ("must", "should").
pub const LEX_OBLIGATION: u32 = 1 << 16;
/// Lexicon flag: evaluative adjective typical of opinion ("wonderful").
pub const LEX_EVALUATIVE: u32 = 1 << 17;
/// Lexicon flag: auxiliary or very common finite verb (verb evidence for fragments).
pub const LEX_VERB: u32 = 1 << 18;
/// Lexicon flag: determiner/possessive (a following "will" is a noun).
pub const LEX_DETERMINER: u32 = 1 << 19;
/// Lexicon flag: trend verb ("increased", "fell").
pub const LEX_TREND: u32 = 1 << 20;
/// Lexicon flag: relative time word before a unit ("last", "past", "next").
pub const LEX_TIME_RELATIVE: u32 = 1 << 21;
/// Lexicon flag: function word allowed in lowercase inside a title ("of", "and").
pub const LEX_TITLE_STOPWORD: u32 = 1 << 22;
/// Lexicon flag: currency name ("dollars").
pub const LEX_CURRENCY: u32 = 1 << 23;
/// Lexicon flag: preposition that introduces a date ("in", "since").
pub const LEX_DATE_PREPOSITION: u32 = 1 << 24;
/// Lexicon flag: comparative without "than" that signals a weak comparison ("closer").
pub const LEX_BARE_COMPARATIVE: u32 = 1 << 25;
/// Lexicon flag: opinion verb after a first-person pronoun ("think", "believe").
pub const LEX_OPINION_VERB: u32 = 1 << 26;
/// Lexicon flag: number word below ten ("two"), a statistic only before "million", "times", …
pub const LEX_SMALL_NUMBER: u32 = 1 << 27;
/// Lexicon flag: a word some cue pattern starts from (tokens without any flag skip the rules).
pub const LEX_PATTERN: u32 = 1 << 29;
/// Lexicon flag: a function word that often opens a sentence ("Although", "Despite").
pub const LEX_FUNCTION_WORD: u32 = 1 << 30;
/// Lexicon flag: a collective source noun ("experts", "officials"), weak attribution.
pub const LEX_SOURCE_NOUN: u32 = 1 << 28;

const LEXICON: &[(u32, &str)] = &[
    (
        LEX_NUMBER_WORD,
        "ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty \
         thirty forty fifty sixty seventy eighty ninety hundred thousand million billion trillion \
         hundreds thousands millions billions trillions dozen dozens",
    ),
    (
        LEX_MAGNITUDE,
        "hundred thousand million billion trillion hundreds thousands millions billions \
         trillions dozen dozens",
    ),
    (
        LEX_SMALL_NUMBER,
        "one two three four five six seven eight nine",
    ),
    (
        LEX_FUNCTION_WORD,
        "although though despite while whilst when whenever after before since because if unless \
         as however indeed furthermore moreover meanwhile nevertheless nonetheless unlike like \
         under between among both neither either many most some all every each other another \
         these those there here what which who whom whose how why where yes no but so then \
         thus also even only just yet still instead once today now",
    ),
    (
        LEX_SOURCE_NOUN,
        "experts officials analysts sources critics observers researchers scientists studies \
         study survey surveys poll polls data statistics figures media spokesman spokeswoman \
         spokesperson",
    ),
    (LEX_PERCENT, "percent percentage percentages pct"),
    (
        LEX_ORDINAL,
        "first second third fourth fifth sixth seventh eighth ninth tenth",
    ),
    (
        LEX_SUPERLATIVE,
        "largest biggest highest lowest greatest smallest strongest weakest worst best least \
         fastest slowest longest shortest richest poorest closest oldest youngest newest \
         deadliest wealthiest heaviest cheapest earliest hardest toughest deepest widest \
         hottest coldest safest busiest costliest fewest tallest warmest driest wettest",
    ),
    (
        LEX_COMPARATIVE,
        "more less fewer greater higher lower larger smaller bigger better worse faster slower \
         longer shorter richer poorer cheaper stronger weaker older younger newer earlier later \
         harder easier bigger heavier wider deeper safer closer further farther",
    ),
    (
        LEX_BARE_COMPARATIVE,
        "greater higher lower larger smaller bigger stronger weaker closer increasingly \
         fewer",
    ),
    (
        LEX_MONTH,
        "january february march april may june july august september october november december \
         jan feb mar apr jun jul aug sep sept oct nov dec",
    ),
    (
        LEX_WEEKDAY,
        "monday tuesday wednesday thursday friday saturday sunday",
    ),
    (
        LEX_TIME_UNIT,
        "day days week weeks weekend month months year years decade decades century centuries \
         quarter summer winter spring autumn term session",
    ),
    (
        LEX_REPORT,
        "said says say told tells reported reports report noted notes stated announced \
         announces claimed claims wrote writes confirmed confirms denied denies acknowledged \
         acknowledges warned warns argued argues insisted insists declared declares added \
         explained testified admitted admits revealed reveals urged urges expressed estimated \
         estimates concluded concludes agree agrees agreed found showed shows criticized \
         criticised condemned accused praised denounced",
    ),
    (
        LEX_HEDGE,
        "reportedly allegedly apparently possibly perhaps probably presumably supposedly \
         purportedly potentially likely unlikely arguably seemingly reputedly rumored rumoured \
         unconfirmed maybe",
    ),
    (LEX_MODAL_POSSIBILITY, "may might could"),
    (
        LEX_CAUSAL,
        "because consequently therefore thus hence caused causes causing enabled enables \
         enable enabling triggered prompted fueled fuelled",
    ),
    (
        LEX_FUTURE,
        "will won't shall forecast forecasts forecasted predicted predicts predict projected \
         expects expected expect i'll we'll you'll they'll he'll she'll it'll that'll there'll \
         who'll",
    ),
    (
        LEX_FIRST_PERSON,
        "i we i'm we're i've we've i'd we'd i'll we'll my our me us let's",
    ),
    (
        LEX_SECOND_PERSON,
        "you your you're you've you'll you'd yourself",
    ),
    (LEX_OBLIGATION, "must should ought shouldn't mustn't"),
    (
        LEX_EVALUATIVE,
        "wonderful terrible awful horrible amazing ridiculous outrageous fantastic incredible \
         tremendous disgraceful shameful disastrous beautiful stupid absurd great sad \
         understandable concerning worrying troubling alarming encouraging unfortunate \
         regrettable remarkable disappointing deplorable laudable admirable shocking",
    ),
    (
        LEX_VERB,
        "is are was were be been being am has have had do does did will would can could may \
         might must shall should isn't aren't wasn't weren't don't doesn't didn't hasn't \
         haven't hadn't won't can't couldn't wouldn't shouldn't it's that's there's he's she's \
         i'm we're they're said says made make makes took take takes gave give gives got get \
         gets went go goes came come comes saw see sees became become becomes remained remains \
         lasted seems seemed appears appeared shows showed means meant",
    ),
    (
        LEX_DETERMINER,
        "the a an his her their its our your my this that political free good ill own",
    ),
    (
        LEX_TREND,
        "increased decreased rose risen fell fallen declined grew grown doubled tripled halved \
         surged plunged dropped soared climbed steadily",
    ),
    (
        LEX_TIME_RELATIVE,
        "last past next previous coming recent this following",
    ),
    (
        LEX_TITLE_STOPWORD,
        "of the and in on for to a an with at by from vs or as its into about",
    ),
    (
        LEX_CURRENCY,
        "dollars dollar euros euro pounds yen yuan rubles roubles cents",
    ),
    (
        LEX_DATE_PREPOSITION,
        "in since until till by during from before after early late mid between through on",
    ),
    (
        LEX_OPINION_VERB,
        "think believe feel guess suppose hope want wish",
    ),
];

/// A read-only map from precomputed 64-bit hashes (FNV words, bigram hashes) to small
/// values: open addressing with linear probing over a power-of-two array at most a quarter
/// full (a miss, the common case, then mostly reads one empty slot),
/// keys and values apart so a miss reads keys only. Key 0 marks an empty slot; a real key 0
/// is kept aside.
#[derive(Debug, Clone)]
pub struct HashTable<V> {
    keys: Vec<u64>,
    values: Vec<V>,
    /// 64 − log2(slots): the top bits of the mixed key pick the first slot.
    shift: u32,
    zero: Option<V>,
    len: usize,
}

impl<V: Copy + Default> HashTable<V> {
    /// Multiplier that spreads FNV's weak low bits over the top bits.
    const MIX: u64 = 0x9e37_79b9_7f4a_7c15;

    /// The table holding `entries` (keys unique, as in a map).
    pub fn new(entries: impl ExactSizeIterator<Item = (u64, V)>) -> Self {
        let len = entries.len();
        let slots = (4 * len).next_power_of_two().max(16);
        let mut table = HashTable {
            keys: vec![0; slots],
            values: vec![V::default(); slots],
            shift: 64 - slots.trailing_zeros(),
            zero: None,
            len,
        };
        for (key, value) in entries {
            if key == 0 {
                table.zero = Some(value);
                continue;
            }
            let mask = slots - 1;
            let mut slot = table.first_slot(key);
            while table.keys[slot] != 0 {
                slot = (slot + 1) & mask;
            }
            table.keys[slot] = key;
            table.values[slot] = value;
        }
        table
    }

    fn first_slot(&self, key: u64) -> usize {
        (key.wrapping_mul(Self::MIX) >> self.shift) as usize
    }

    /// The value stored under `key`.
    #[inline]
    pub fn get(&self, key: u64) -> Option<V> {
        if key == 0 {
            return self.zero;
        }
        let mask = self.keys.len() - 1;
        let mut slot = self.first_slot(key);
        loop {
            match self.keys.get(slot) {
                Some(&k) if k == key => return self.values.get(slot).copied(),
                Some(&k) if k != 0 => slot = (slot + 1) & mask,
                _ => return None,
            }
        }
    }

    /// [`HashTable::get`] for a loop of lookups in one table (the model's n-grams): slots are
    /// masked by the slot count less one, so they index the keys and the values without a
    /// bounds test, and the one test that the tables are not empty (they never are) is
    /// hoisted out of the caller's loop. Key 0 needs no test of its own on the way: its probe
    /// meets an empty slot (the table is at most a quarter full), whose key 0 equals it, and
    /// gets the value kept aside. A test compares with [`HashTable::get`].
    #[inline]
    pub fn get_in_loop(&self, key: u64) -> Option<V> {
        let (keys, values) = (self.keys.as_slice(), self.values.as_slice());
        if keys.is_empty() || values.is_empty() {
            return None;
        }
        let mask = keys.len() - 1;
        let value_mask = values.len() - 1;
        let mut slot = self.first_slot(key) & mask;
        loop {
            match keys.get(slot) {
                Some(&k) if k == key => {
                    return if key == 0 {
                        self.zero
                    } else {
                        values.get(slot & value_mask).copied()
                    };
                }
                Some(&k) if k != 0 => slot = (slot + 1) & mask,
                _ => return None,
            }
        }
    }

    /// Number of keys.
    pub fn len(&self) -> usize {
        self.len
    }

    /// Whether the table is empty.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }
}

impl<V: Copy + Default> Default for HashTable<V> {
    fn default() -> Self {
        HashTable::new(std::iter::empty())
    }
}

static LEXICON_FLAGS: LazyLock<HashTable<u32>> = LazyLock::new(|| {
    let mut map: HashMap<u64, u32> = HashMap::new();
    for (flag, words) in LEXICON {
        for word in words.split_whitespace() {
            *map.entry(fnv(word)).or_insert(0) |= *flag;
        }
    }
    for word in super::cues::PATTERN_WORDS {
        if !super::cues::CONTEXT_ONLY_WORDS.contains(word) {
            *map.entry(fnv(word)).or_insert(0) |= LEX_PATTERN;
        }
    }
    HashTable::new(map.into_iter())
});

#[cfg(test)]
mod tests {
    use super::*;

    /// The tokenizer as it was before the ASCII fast path: every word through one
    /// character-decoding loop. [`tokenize`] must give the same tokens.
    #[allow(clippy::too_many_lines)]
    fn tokenize_plain(sentence: &str, tokens: &mut Vec<Token>) -> bool {
        tokens.clear();
        let bytes = sentence.as_bytes();
        let lexicon: &HashTable<u32> = &LEXICON_FLAGS;
        let mut skipped = 0u8;
        let mut has_curly_quote = false;
        let mut pos = 0;
        while let Some(&byte) = bytes.get(pos) {
            let class = BYTE_CLASS[usize::from(byte)];
            if class & CLASS_SKIP != 0 {
                skipped |= class; // spaces and punctuation: the common case, no decoding
                pos += 1;
                continue;
            }
            let start = pos;
            let ch = if class & CLASS_ALNUM != 0 {
                pos += 1;
                char::from(byte)
            } else {
                // `%`, `$` or a non-ASCII character.
                let Some(ch) = char_at(sentence, pos, byte) else {
                    pos += 1;
                    continue;
                };
                has_curly_quote |= is_curly_quote(bytes, pos);
                pos += ch.len_utf8();
                if matches!(ch, '%' | '$' | '€' | '£' | '¥') {
                    let mut buf = [0u8; 4];
                    tokens.push(Token {
                        start: start as u32,
                        end: pos as u32,
                        hash: fnv(ch.encode_utf8(&mut buf)),
                        lex: 0,
                        shape: SHAPE_SYMBOL,
                    });
                    continue;
                }
                if !ch.is_alphanumeric() {
                    continue;
                }
                ch
            };
            let starts_with_digit = ch.is_ascii_digit();
            let mut all_digits = starts_with_digit;
            let mut has_digit = starts_with_digit;
            let mut has_lowercase = ch.is_lowercase();
            let mut char_count = 1usize;
            let mut hash = FNV_OFFSET;
            if ch.is_ascii() {
                hash = (hash ^ u64::from(byte | 0x20)).wrapping_mul(FNV_PRIME);
            } else {
                fold_lowercase(&mut hash, ch);
            }
            loop {
                // A run of ASCII letters and digits: one table lookup per byte. For them,
                // setting bit 0x20 lowercases (digits already have it).
                let run_start = pos;
                let mut any_class = 0u8;
                let mut every_class = CLASS_DIGIT;
                for &b in bytes.get(pos..).unwrap_or_default() {
                    let class = BYTE_CLASS[usize::from(b)];
                    if class & CLASS_ALNUM == 0 {
                        break;
                    }
                    any_class |= class;
                    every_class &= class;
                    hash = (hash ^ u64::from(b | 0x20)).wrapping_mul(FNV_PRIME);
                    pos += 1;
                }
                if pos > run_start {
                    has_digit |= any_class & CLASS_DIGIT != 0;
                    all_digits &= every_class & CLASS_DIGIT != 0;
                    has_lowercase |= any_class & CLASS_LOWER != 0;
                    char_count += pos - run_start;
                }
                let Some(&next_byte) = bytes.get(pos) else {
                    break;
                };
                if next_byte.is_ascii() && !matches!(next_byte, b'\'' | b',' | b'.') {
                    break;
                }
                let Some(next) = char_at(sentence, pos, next_byte) else {
                    break;
                };
                let width = next.len_utf8();
                if next.is_alphanumeric() {
                    // Non-ASCII: ASCII letters and digits were taken by the run above.
                    has_curly_quote |= is_curly_quote(bytes, pos);
                    has_lowercase |= next.is_lowercase();
                    all_digits = false;
                    char_count += 1;
                    fold_lowercase(&mut hash, next);
                    pos += width;
                    continue;
                }
                // Inner apostrophes ("don't", "Korea’s") and number separators ("33,000", "4.5").
                let after = || {
                    bytes
                        .get(pos + width)
                        .and_then(|&b| char_at(sentence, pos + width, b))
                };
                let joins = match next {
                    '\'' | '’' => !starts_with_digit && after().is_some_and(char::is_alphabetic),
                    ',' => all_digits && after().is_some_and(|c| c.is_ascii_digit()),
                    '.' => {
                        all_digits
                            && after().is_some_and(|c| c.is_ascii_digit())
                            && !is_glued_footnote(bytes, pos + 1)
                    }
                    _ => false,
                };
                if !joins {
                    break;
                }
                fold_lowercase(&mut hash, next);
                pos += width;
            }
            let end = pos;
            let mut shape = 0u16;
            if ch.is_uppercase() {
                shape |= SHAPE_CAPITALIZED;
                if !has_lowercase && char_count >= 2 {
                    shape |= SHAPE_ALL_CAPS;
                }
            }
            // What touches the token on the left decides footnotes ("severed.3") and hyphenation.
            let before = start.checked_sub(1).and_then(|i| bytes.get(i)).copied();
            let before2 = start.checked_sub(2).and_then(|i| bytes.get(i)).copied();
            if before == Some(b'-') && before2.is_some_and(|b| b.is_ascii_alphanumeric()) {
                shape |= SHAPE_HYPHENATED;
            }
            if has_digit {
                shape |= SHAPE_NUMBER;
                let text = sentence.get(start..end).unwrap_or("");
                let prev_is_currency = tokens.last().is_some_and(|t| {
                    t.is_shape(SHAPE_SYMBOL) && t.end as usize == start && t.hash != PERCENT_HASH
                });
                // A closing quote is three bytes ending in 0x9D ("…world.”3").
                let glued_to_punct = matches!(before, Some(b'.' | b',' | b')' | 0x9d));
                hash = if all_digits && glued_to_punct && text.len() <= 2 {
                    shape |= SHAPE_FOOTNOTE;
                    NUM_HASH
                } else if all_digits && text.len() == 4 && !prev_is_currency && is_year_value(text)
                {
                    shape |= SHAPE_YEAR;
                    YEAR_HASH
                } else if is_decade(text) {
                    shape |= SHAPE_DECADE;
                    DECADE_HASH
                } else {
                    if is_ordinal_number(text) {
                        shape |= SHAPE_ORDINAL_NUMBER;
                    }
                    NUM_HASH
                };
            }
            let lex = if has_digit {
                0
            } else {
                lexicon.get(hash).unwrap_or(0)
            };
            tokens.push(Token {
                start: start as u32,
                end: end as u32,
                hash,
                lex,
                shape,
            });
        }
        skipped & CLASS_MARK != 0 || has_curly_quote
    }

    /// [`HashTable::get_in_loop`] must answer like [`HashTable::get`]: stored keys (key 0
    /// among them or not), absent keys, and keys whose probes run through clusters.
    #[test]
    fn lookups_in_a_loop_answer_like_get() {
        let mut state = 0x2545_f491_4f6c_dd1d_u64;
        let mut next = || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        for size in [0usize, 1, 3, 4, 5, 16, 100, 1000] {
            for with_zero in [false, true] {
                let mut keys: Vec<u64> = (0..size).map(|_| next()).collect();
                // Neighbouring keys share their first slot often enough to make clusters.
                keys.extend((0..size / 4).map(|i| (i as u64) << 60));
                if with_zero {
                    keys.push(0);
                }
                keys.sort_unstable();
                keys.dedup();
                let table =
                    HashTable::new(keys.iter().enumerate().map(|(i, &k)| (k, i as u32 + 1)));
                let probes = keys
                    .iter()
                    .copied()
                    .chain((0..2000).map(|_| next()))
                    .chain((0..64).map(|i| i << 58))
                    .chain([0, 1, u64::MAX]);
                for key in probes {
                    assert_eq!(table.get_in_loop(key), table.get(key), "{key:#x} in {size}");
                }
            }
        }
        let empty = HashTable::<u32>::default();
        assert_eq!(empty.get_in_loop(0), None);
        assert_eq!(empty.get_in_loop(7), None);
    }

    #[test]
    fn fast_path_tokenizes_like_the_plain_scanner() {
        let mut sentences: Vec<String> = [
            "North Korea’s 33,000 exports rose 4.5% in 2018 and the 1950s; we'll see.",
            "Prices rose 10.5% to $3.2bn (€2.9bn, £2.5bn, ¥300bn) in the 1990s.2",
            "It fell 1,2 and 3.4.5 times, by 12.3 or 1.5. Then 7.1 This 84.1",
            "“We will not,” he said.3 “Don’t” isn't l'État's d'Artagnan's 'quoted' word'",
            "ÉTÉ été Über naïve café-au-lait Ünïcödé 北朝鮮 2019年4月 Straße ǅ İstanbul",
            "The 1st, 2nd, 3RD and 20th of May; 1950s 50s 1960S 2100 1799 1800 9999s",
            "second-largest -5 a-1 1-a x--y e.g. U.S. UN NATO's A B I'm O'Neil 9'o",
            "don’t 1’s 1's a’ a' 'a ’a a’’b a'1 1,000,000 1,a 1.a .5 5. 5.. 12,3.4",
            "Resolution 84.1 This April 2019.6 world.”3 (see 12) ),4 ,5 $12 %12 12% $",
            "naïve1 1naïve É1 1É abc\u{a0}def tab\tx newline\nx soft\u{ad}hyphen",
            "",
            " ",
            "?!\"",
            "\u{201c}quoted\u{201d} \u{2018}single\u{2019} \u{2019}tis",
            "a\u{2014}b \u{2013}5 x\u{2009}y z\u{2060}w \u{2070}1 a\u{2071}b \u{2026}.",
        ]
        .iter()
        .map(|s| (*s).to_owned())
        .collect();
        for seed in crate::core::seeds::SEEDS {
            let text = std::str::from_utf8(seed.bytes).unwrap_or_default();
            sentences.extend(text.lines().map(str::to_owned));
        }
        let (mut fast, mut plain) = (Vec::new(), Vec::new());
        for sentence in &sentences {
            // Every suffix too, so each word is seen at the very start and end.
            for (cut, _) in sentence.char_indices().take(64) {
                let part = &sentence[cut..];
                let fast_found = tokenize_counted(part, &mut fast);
                let plain_marks = tokenize_plain(part, &mut plain);
                assert_eq!(fast, plain, "{part:?}");
                assert_eq!(fast_found.has_marks, plain_marks, "{part:?}");
                let words = plain
                    .iter()
                    .filter(|t| !t.is_shape(SHAPE_FOOTNOTE | SHAPE_SYMBOL))
                    .count();
                assert_eq!(fast_found.words, words, "{part:?}");
            }
        }
    }
}
