//! Eight bytes at a time: exact tests on the bytes of a `u64`, for the scans that skip clean
//! text a word at a time (decoding, sentence splitting). Each returns a mask that is nonzero
//! exactly when some byte passes, so several tests combine with `|` and one comparison.

const ONES: u64 = 0x0101_0101_0101_0101;
const HIGHS: u64 = 0x8080_8080_8080_8080;

/// Nonzero exactly when some byte of `word` is below `n` (`n` ≤ 0x80):
/// `(w − n·0x01…) & !w & 0x80…`.
#[inline]
pub fn some_byte_below(word: u64, n: u8) -> u64 {
    word.wrapping_sub(u64::from(n) * ONES) & !word & HIGHS
}

/// Nonzero exactly when some byte of `word` is `byte`.
#[inline]
pub fn some_byte_is(word: u64, byte: u8) -> u64 {
    some_byte_below(word ^ (u64::from(byte) * ONES), 1)
}

/// The high bit of each byte of `word` that is `byte`, and no other bit. Unlike
/// [`some_byte_is`], which is only right about whether any byte matches, this is exact byte by
/// byte (no borrow crosses bytes), so its bits can be shifted and combined position by
/// position (`spaces & spaces >> 8`: a space followed by a space).
#[inline]
pub fn bytes_equal_to(word: u64, byte: u8) -> u64 {
    let x = word ^ (u64::from(byte) * ONES);
    !(((x & !HIGHS) + !HIGHS) | x) & HIGHS
}

/// Nonzero exactly when some byte of `word` is not ASCII.
#[inline]
pub fn some_byte_non_ascii(word: u64) -> u64 {
    word & HIGHS
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_word_tests_agree_with_the_bytes() {
        let samples: [[u8; 8]; 6] = [
            *b"abcdefgh",
            *b"ab.d\nf?h",
            [0, 1, 0x1F, 0x20, 0x7F, 0x80, 0xC2, 0xFF],
            [0xE2, 0x80, 0x9C, b'x', b'y', 0x7E, b'!', b' '],
            [0x20; 8],
            [0x21, 0x7F, 0x7F, 0x01, 0x02, 0xC1, 0xC3, 0xE1],
        ];
        for bytes in samples {
            for shift in 0..8 {
                let mut rotated = bytes;
                rotated.rotate_left(shift);
                let word = u64::from_le_bytes(rotated);
                for n in [1, 0x20, 0x21, 0x7F, 0x80] {
                    let expected = rotated.iter().any(|&b| b < n);
                    assert_eq!(some_byte_below(word, n) != 0, expected, "{rotated:?} < {n}");
                }
                for b in [0, b'.', b'\n', 0x7F, 0xC2, 0xE2, 0xFF] {
                    let expected = rotated.contains(&b);
                    assert_eq!(some_byte_is(word, b) != 0, expected, "{rotated:?} has {b}");
                }
                assert_eq!(some_byte_non_ascii(word) != 0, !rotated.is_ascii());
                for b in [0, b' ', b'.', 0x7F, 0xC2, 0xE2, 0xFF] {
                    let expected = rotated
                        .iter()
                        .enumerate()
                        .filter(|&(_, &x)| x == b)
                        .fold(0u64, |mask, (k, _)| mask | 0x80 << (8 * k));
                    assert_eq!(bytes_equal_to(word, b), expected, "{rotated:?} = {b}");
                }
            }
        }
    }
}
