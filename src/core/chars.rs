//! Character tests for the scans over words (the claim tokenizer, the relation finder's
//! lexer), answering the most common non-ASCII characters without a Unicode table lookup.

use std::ops::RangeInclusive;

/// The General Punctuation block (dashes, curly quotes, ellipsis, invisible spaces): the
/// non-ASCII characters met most in text, and none of them a letter or a digit (see the
/// tests).
pub const GENERAL_PUNCTUATION: RangeInclusive<char> = '\u{2000}'..='\u{206F}';

/// `char::is_alphabetic`, with [`GENERAL_PUNCTUATION`] answered at once.
pub fn is_letter(c: char) -> bool {
    !GENERAL_PUNCTUATION.contains(&c) && c.is_alphabetic()
}

/// `char::is_alphanumeric`, with [`GENERAL_PUNCTUATION`] answered at once.
pub fn is_letter_or_digit(c: char) -> bool {
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
}
