//! Character tests for the scans over words (the claim tokenizer, the relation finder's
//! lexer), answering the most common non-ASCII characters without a Unicode table lookup.

use std::ops::RangeInclusive;

/// The General Punctuation block (dashes, curly quotes, ellipsis, invisible spaces): the
/// non-ASCII characters met most in text, and none of them a letter or a digit (see the
/// tests).
pub const GENERAL_PUNCTUATION: RangeInclusive<char> = '\u{2000}'..='\u{206F}';

/// The accented Latin letters (Latin-1 Supplement from À, Latin Extended-A and -B): all
/// letters but × and ÷, and none a digit (see the tests).
pub const ACCENTED_LATIN: RangeInclusive<char> = '\u{C0}'..='\u{24F}';

/// `char::is_alphabetic`, with [`ACCENTED_LATIN`] and [`GENERAL_PUNCTUATION`] answered at
/// once.
#[inline]
pub fn is_letter(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphabetic();
    }
    is_non_ascii_letter(c)
}

#[inline(never)]
fn is_non_ascii_letter(c: char) -> bool {
    if ACCENTED_LATIN.contains(&c) {
        return c != '×' && c != '÷';
    }
    !GENERAL_PUNCTUATION.contains(&c) && c.is_alphabetic()
}

/// `char::is_alphanumeric`, with [`ACCENTED_LATIN`] and [`GENERAL_PUNCTUATION`] answered at
/// once.
#[inline]
pub fn is_letter_or_digit(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    is_non_ascii_letter_or_digit(c)
}

#[inline(never)]
fn is_non_ascii_letter_or_digit(c: char) -> bool {
    if ACCENTED_LATIN.contains(&c) {
        return c != '×' && c != '÷';
    }
    !GENERAL_PUNCTUATION.contains(&c) && c.is_alphanumeric()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn general_punctuation_has_no_letters_or_digits() {
        for c in GENERAL_PUNCTUATION {
            assert!(!c.is_alphabetic() && !c.is_alphanumeric(), "{c:?}");
            assert!(!is_letter(c) && !is_letter_or_digit(c), "{c:?}");
        }
        for c in [
            'a', 'Z', 'é', 'É', 'ß', 'Ж', '中', '北', '5', '٣', '²', 'ª', '\u{1ff0}', '\u{2019}',
            '\u{2014}', '\u{2070}', '\u{2071}', '€',
        ] {
            assert_eq!(is_letter(c), c.is_alphabetic(), "{c:?}");
            assert_eq!(is_letter_or_digit(c), c.is_alphanumeric(), "{c:?}");
        }
    }

    #[test]
    fn agrees_with_the_standard_library_below_combining_marks() {
        for c in '\0'..'\u{300}' {
            assert_eq!(is_letter(c), c.is_alphabetic(), "{c:?}");
            assert_eq!(is_letter_or_digit(c), c.is_alphanumeric(), "{c:?}");
        }
        for c in ACCENTED_LATIN {
            assert!(!c.is_numeric(), "{c:?}");
        }
    }
}
