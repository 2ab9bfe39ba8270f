//! Bytes → text: encoding detection and line-ending normalisation.
//!
//! [`decode_text`] turns a file's bytes into a normalised `String` (UTF-8, `\n` line endings,
//! no NUL or stray control characters) and names the encoding it found ([`Decoded`]).
//! Binary data is refused with [`NotText`] so the loader can list it with a reason.

use std::borrow::Cow;

use encoding_rs::{Encoding, UTF_8, UTF_16BE, UTF_16LE};

/// Text decoded from a file, with the encoding it was read as.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    /// Normalised text: UTF-8, `\n` line endings, control characters other than tab removed.
    pub text: String,
    /// Encoding name as the WHATWG Encoding Standard spells it ("UTF-8", "windows-1252", …).
    pub encoding: &'static str,
    /// How many malformed byte sequences were replaced by U+FFFD (0 for clean files).
    pub replaced_sequences: usize,
}

/// Why bytes could not be read as text.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum NotText {
    /// NUL bytes or many control bytes: an image, archive, PDF or other binary format.
    #[error("binary file (not text)")]
    Binary,
    /// Nothing but whitespace after decoding.
    #[error("empty file")]
    Empty,
}

/// How much of the file the binary sniffing looks at.
const SNIFF_LEN_BYTES: usize = 8 * 1024;

/// Decodes a file's bytes: BOM first (UTF-8, UTF-16LE/BE), then valid UTF-8, then UTF-8 with a
/// few broken bytes, then a legacy single-byte encoding guessed by `chardetng`.
pub fn decode_text(bytes: &[u8]) -> Result<Decoded, NotText> {
    decode_bytes(Cow::Borrowed(bytes))
}

/// [`decode_text`] of bytes it may keep: owned UTF-8 bytes become the text where they are
/// (a BOM moved out of the way), instead of being copied into a second buffer as large.
pub fn decode_bytes(bytes: Cow<'_, [u8]>) -> Result<Decoded, NotText> {
    let (encoding, text, replaced_sequences) =
        if let Some((enc, bom_len)) = Encoding::for_bom(&bytes) {
            match bytes {
                Cow::Owned(mut owned) if enc == UTF_8 => {
                    owned.drain(..bom_len);
                    match into_utf8(Cow::Owned(owned)) {
                        Ok(text) => (UTF_8, text, 0),
                        Err(broken) => decode_as(UTF_8, &broken),
                    }
                }
                _ => decode_as(enc, &bytes[bom_len..]),
            }
        } else if looks_binary(&bytes) {
            return Err(NotText::Binary);
        } else {
            // Most files: valid UTF-8, validated once.
            match into_utf8(bytes) {
                Ok(text) => (UTF_8, text, 0),
                Err(bytes) => decode_as(guess_encoding(&bytes), &bytes),
            }
        };
    // Most files need no normalising: keep their text instead of copying it.
    let normalised = match normalise(&text) {
        Cow::Borrowed(_) => None,
        Cow::Owned(changed) => Some(changed),
    };
    let text = normalised.unwrap_or(text);
    if text.trim().is_empty() {
        return Err(NotText::Empty);
    }
    Ok(Decoded {
        text,
        encoding: encoding.name(),
        replaced_sequences,
    })
}

/// The bytes as text when they are valid UTF-8 (owned bytes kept, borrowed ones copied),
/// else the bytes back.
fn into_utf8(bytes: Cow<'_, [u8]>) -> Result<String, Cow<'_, [u8]>> {
    match bytes {
        Cow::Borrowed(borrowed) => std::str::from_utf8(borrowed)
            .map(str::to_owned)
            .map_err(|_| Cow::Borrowed(borrowed)),
        Cow::Owned(owned) => String::from_utf8(owned).map_err(|e| Cow::Owned(e.into_bytes())),
    }
}

/// Binary when the head holds a NUL byte or more than 10% control bytes other than whitespace.
fn looks_binary(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(SNIFF_LEN_BYTES)];
    if head.contains(&0) {
        return true;
    }
    let control = head
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0c))
        .count();
    control * 10 > head.len().max(1)
}

/// The text of `body` in `encoding`, and how many malformed sequences were replaced.
fn decode_as(encoding: &'static Encoding, body: &[u8]) -> (&'static Encoding, String, usize) {
    if encoding == UTF_8 {
        let (text, replaced) = decode_utf8_counting(body);
        return (encoding, text, replaced);
    }
    let (cow, _had_errors) = encoding.decode_without_bom_handling(body);
    let replaced = if encoding == UTF_16LE || encoding == UTF_16BE {
        cow.matches('\u{FFFD}').count()
    } else {
        0
    };
    (encoding, cow.into_owned(), replaced)
}

/// Valid UTF-8, or UTF-8 with a handful of broken bytes (one bad byte must not turn a whole
/// UTF-8 document into mojibake), else the legacy encoding chardetng guesses.
fn guess_encoding(bytes: &[u8]) -> &'static Encoding {
    let mut errors = 0usize;
    let mut multibyte_chars = 0usize;
    // More errors than this and the file is not UTF-8, whatever the rest holds: stop reading.
    let max_errors = 3 + bytes.len() / 10_000;
    let mut rest = bytes;
    loop {
        match std::str::from_utf8(rest) {
            Ok(valid) => {
                multibyte_chars += valid.bytes().filter(|b| *b >= 0xC0).count();
                break;
            }
            Err(err) => {
                let (valid, after) = rest.split_at(err.valid_up_to());
                multibyte_chars += valid.iter().filter(|b| **b >= 0xC0).count();
                errors += 1;
                if errors > max_errors {
                    break;
                }
                let skip = err.error_len().unwrap_or(after.len()).max(1);
                rest = after.get(skip..).unwrap_or_default();
                if rest.is_empty() {
                    break;
                }
            }
        }
    }
    if errors == 0 || (multibyte_chars > 0 && errors <= max_errors && errors <= multibyte_chars) {
        return UTF_8;
    }
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(&guess_sample(bytes), true);
    detector.guess(None, chardetng::Utf8Detection::Deny)
}

/// How many bytes of a legacy-encoded file chardetng reads: plenty to tell the encodings
/// apart, where a whole file cost more than everything else done to it (chardetng runs
/// every candidate encoding over every byte, several hundred instructions a byte).
const GUESS_SAMPLE_BYTES: usize = 16 * 1024;

/// What chardetng reads of a file: its words that hold non-ASCII bytes (ASCII tells the
/// candidates little; the word keeps the letters around a non-ASCII byte), in order, each
/// followed by a space, up to [`GUESS_SAMPLE_BYTES`].
fn guess_sample(bytes: &[u8]) -> Cow<'_, [u8]> {
    if bytes.len() <= GUESS_SAMPLE_BYTES {
        return Cow::Borrowed(bytes);
    }
    let mut sample = Vec::with_capacity(GUESS_SAMPLE_BYTES + 1);
    for word in non_ascii_words(bytes) {
        let room = GUESS_SAMPLE_BYTES.saturating_sub(sample.len());
        sample.extend_from_slice(word.get(..room).unwrap_or(word));
        sample.push(b' ');
        if sample.len() >= GUESS_SAMPLE_BYTES {
            break;
        }
    }
    Cow::Owned(sample)
}

/// The words of `bytes` (split at ASCII white space) that hold a non-ASCII byte, in order:
/// found from their non-ASCII bytes, the ASCII runs between them skipped 32 bytes at a time,
/// instead of splitting the whole file word by word.
fn non_ascii_words(bytes: &[u8]) -> impl Iterator<Item = &[u8]> {
    let mut at = 0;
    std::iter::from_fn(move || {
        while bytes.get(at..at + 32).is_some_and(<[u8]>::is_ascii) {
            at += 32;
        }
        let hit = at + bytes.get(at..)?.iter().position(|&b| !b.is_ascii())?;
        let start = bytes[..hit]
            .iter()
            .rposition(u8::is_ascii_whitespace)
            .map_or(0, |p| p + 1);
        let end = bytes[hit..]
            .iter()
            .position(u8::is_ascii_whitespace)
            .map_or(bytes.len(), |p| hit + p);
        at = end;
        Some(&bytes[start..end])
    })
}

fn decode_utf8_counting(bytes: &[u8]) -> (String, usize) {
    match std::str::from_utf8(bytes) {
        Ok(text) => (text.to_owned(), 0),
        Err(_) => {
            let text = String::from_utf8_lossy(bytes).into_owned();
            let replaced = text.matches('\u{FFFD}').count();
            (text, replaced)
        }
    }
}

/// `\r\n` and lone `\r` become `\n`; form feeds and vertical tabs become line breaks; NUL and
/// other C0/C1 control characters (except tab) are removed; a leading BOM is dropped.
pub fn normalise_text(text: &str) -> String {
    normalise(text).into_owned()
}

/// A byte that may start a character [`normalise`] changes: C0 controls other than `\n` and
/// tab, DEL, and the lead bytes of C1 controls (`C2 80`–`C2 9F`) and of U+2028/U+2029
/// (`E2 80 A8`/`A9`). Lead bytes are never continuation bytes, so each hit is a char boundary.
#[cfg(test)]
fn may_change(b: u8) -> bool {
    (b < 0x20 && b != b'\n' && b != b'\t') || b == 0x7F || b == 0xC2 || b == 0xE2
}

/// Whether any of the eight bytes of `word` [`may_change`] (it may also say so for a `\n` or
/// tab, which [`changing_bytes`] then tells apart).
fn word_may_change(word: u64) -> bool {
    use crate::core::swar::{some_byte_below, some_byte_is};
    // A byte with bit 5 set is E2 exactly when it was C2 or E2: one test for both.
    (some_byte_below(word, 0x20)
        | some_byte_is(word, 0x7F)
        | some_byte_is(word | (0x20 * ONES), 0xE2))
        != 0
}

const ONES: u64 = 0x0101_0101_0101_0101;
const HIGHS: u64 = 0x8080_8080_8080_8080;

/// The high bit of each byte of `word` that [`may_change`], exactly: normal text stops the
/// eight-byte skip only at a byte that may change, not at every line feed or tab.
fn changing_bytes(word: u64) -> u64 {
    // High bit set where the byte is ≥ 0x20 (0x60 added to the low seven bits cannot carry).
    let printable_or_high = (((word & !HIGHS) + 0x60 * ONES) | word) & HIGHS;
    let is = |byte: u8| crate::core::swar::bytes_equal_to(word, byte);
    let control = !printable_or_high & HIGHS & !is(b'\n') & !is(b'\t');
    control | is(0x7F) | is(0xC2) | is(0xE2)
}

/// How many bytes [`block_is_unchanged`] tests at once.
const BLOCK_BYTES: usize = 32;

/// Whether the [`BLOCK_BYTES`] bytes from `i` on hold no start of a change [`normalise`]
/// makes (false when fewer than `BLOCK_BYTES + 2` bytes are left): no control character
/// other than `\n` and tab, no DEL, no C1 control (`C2 80`–`C2 9F`), no U+2028/U+2029
/// (`E2 80 A8`/`A9`). Exact, with the two bytes after each lead byte in view, so curly
/// quotes and dashes (`E2 80 9C`, …) do not stop it; written over fixed-size arrays without
/// early exit so that it compiles to vector instructions.
fn block_is_unchanged(bytes: &[u8], i: usize) -> bool {
    let Some(window) = bytes.get(i..i + BLOCK_BYTES + 2) else {
        return false;
    };
    let (Ok(x), Ok(y), Ok(z)) = (
        <&[u8; BLOCK_BYTES]>::try_from(&window[..BLOCK_BYTES]),
        <&[u8; BLOCK_BYTES]>::try_from(&window[1..=BLOCK_BYTES]),
        <&[u8; BLOCK_BYTES]>::try_from(&window[2..BLOCK_BYTES + 2]),
    ) else {
        return false;
    };
    let mut changes = false;
    for k in 0..BLOCK_BYTES {
        let (x, y, z) = (x[k], y[k], z[k]);
        let control = (x < 0x20) & (x != b'\n') & (x != b'\t') | (x == 0x7F);
        let c1 = (x == 0xC2) & (y & 0xE0 == 0x80);
        let separator = (x == 0xE2) & (y == 0x80) & ((z | 1) == 0xA9);
        changes |= control | c1 | separator;
    }
    !changes
}

/// [`normalise_text`], borrowing the text when nothing changes (most files): clean runs are
/// skipped eight bytes at a time, and the bytes that may start a change are told apart
/// without decoding characters (the text is valid UTF-8, so `C2` leads two bytes and `E2`
/// three).
fn normalise(text: &str) -> Cow<'_, str> {
    let had_bom = text.starts_with('\u{FEFF}');
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    let bytes = text.as_bytes();
    let mut out: Option<String> = None;
    let mut copied_to = 0;
    let mut i = 0;
    loop {
        // Whole blocks without a change first (most of a file), then eight bytes at a time up
        // to the next byte that may start one.
        while block_is_unchanged(bytes, i) {
            i += BLOCK_BYTES;
        }
        while let Some(word) = bytes.get(i..i + 8) {
            let word = u64::from_le_bytes(word.try_into().unwrap_or_default());
            // The cheap test first: most words hold nothing below 0x20 and no C2/E2/DEL.
            if !word_may_change(word) {
                i += 8;
                continue;
            }
            let changing = changing_bytes(word);
            if changing != 0 {
                i += (changing.trailing_zeros() / 8) as usize;
                break;
            }
            i += 8;
        }
        let Some(&b) = bytes.get(i) else {
            break;
        };
        let next = |k: usize| bytes.get(i + k).copied().unwrap_or(0);
        // (replacement, bytes replaced), or `None` with the length of a kept character.
        let (replacement, len) = match b {
            b'\r' if next(1) == b'\n' => (Some("\n"), 2),
            b'\r' | 0x0B | 0x0C => (Some("\n"), 1),
            b'\n' | b'\t' => (None, 1),
            0..0x20 | 0x7F => (Some(""), 1),
            // C1 controls, U+0080–U+009F.
            0xC2 if (0x80..0xA0).contains(&next(1)) => (Some(""), 2),
            0xC2 => (None, 2),
            // U+2028 LINE SEPARATOR and U+2029 PARAGRAPH SEPARATOR.
            0xE2 if next(1) == 0x80 && matches!(next(2), 0xA8 | 0xA9) => (Some("\n"), 3),
            0xE2 => (None, 3),
            _ => (None, 1),
        };
        let end = (i + len).min(bytes.len());
        if let Some(replacement) = replacement {
            let out = out.get_or_insert_with(|| String::with_capacity(text.len()));
            out.push_str(text.get(copied_to..i).unwrap_or_default());
            out.push_str(replacement);
            copied_to = end;
        }
        i = end;
    }
    match out {
        Some(mut out) => {
            out.push_str(text.get(copied_to..).unwrap_or_default());
            Cow::Owned(out)
        }
        None if had_bom => Cow::Owned(text.to_owned()),
        None => Cow::Borrowed(text),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_with_and_without_bom_read_the_same() {
        let plain = decode_text("Café – ok".as_bytes()).unwrap();
        let bom = decode_text(b"\xEF\xBB\xBFCaf\xC3\xA9 \xE2\x80\x93 ok").unwrap();
        assert_eq!(plain.text, "Café – ok");
        assert_eq!(bom.text, plain.text);
        assert_eq!(bom.encoding, "UTF-8");
    }

    #[test]
    fn utf16_with_bom_is_decoded() {
        let mut le = vec![0xFF, 0xFE];
        le.extend("Grüße\r\n".encode_utf16().flat_map(|u| u.to_le_bytes()));
        let d = decode_text(&le).unwrap();
        assert_eq!(d.text, "Grüße\n");
        assert_eq!(d.encoding, "UTF-16LE");
        let mut be = vec![0xFE, 0xFF];
        be.extend("Grüße".encode_utf16().flat_map(|u| u.to_be_bytes()));
        assert_eq!(decode_text(&be).unwrap().text, "Grüße");
    }

    #[test]
    fn windows_1252_is_detected_without_mojibake() {
        // "The café’s “special” costs €5 — naïve" in Windows-1252.
        let bytes =
            b"The caf\xE9\x92s \x93special\x94 costs \x805 \x97 na\xEFve. Cr\xE8me br\xFBl\xE9e.";
        let d = decode_text(bytes).unwrap();
        assert_eq!(
            d.text,
            "The café’s “special” costs €5 — naïve. Crème brûlée."
        );
        assert_eq!(d.encoding, "windows-1252");
    }

    #[test]
    fn a_large_legacy_file_is_guessed_from_its_non_ascii_words() {
        // 200 KB of ASCII, then the Windows-1252 lines near the end: the sample still finds
        // them and the whole file decodes without mojibake.
        let mut bytes = b"Plain ASCII line of an article.\n".repeat(6_000);
        bytes.extend_from_slice(b"The caf\xE9\x92s \x93special\x94 costs \x805 \x97 na\xEFve.\n");
        bytes.extend_from_slice(b"Cr\xE8me br\xFBl\xE9e, d\xE9j\xE0 vu, fa\xE7ade.\n");
        assert!(bytes.len() > GUESS_SAMPLE_BYTES);
        let d = decode_text(&bytes).unwrap();
        assert_eq!(d.encoding, "windows-1252");
        assert!(d.text.ends_with("Crème brûlée, déjà vu, façade.\n"));
        assert!(guess_sample(&bytes).len() < 200);
    }

    #[test]
    fn utf8_with_broken_bytes_is_kept_up_to_the_error_limit() {
        // 20 KB: up to 3 + 2 stray bytes still read as UTF-8, one more does not (the scan
        // stops counting there).
        let line = "Zoë said “hello” to José. ".repeat(4);
        let mut text = line.repeat(20_000 / line.len() + 1).into_bytes();
        text.truncate(20_000);
        while std::str::from_utf8(&text).is_err() {
            text.pop();
        }
        for (broken, expected) in [(5, "UTF-8"), (6, "windows-1252"), (40, "windows-1252")] {
            let mut bytes = text.clone();
            // One stray byte at a character boundary is one error.
            for k in (0..broken).rev() {
                let mut at = 100 + k * 400;
                while (bytes[at] as i8) < -0x40 {
                    at += 1;
                }
                bytes.insert(at, 0xFF);
            }
            assert_eq!(guess_encoding(&bytes).name(), expected, "{broken}");
        }
    }

    #[test]
    fn one_bad_byte_in_utf8_keeps_the_rest_readable() {
        let mut bytes = "Zoë said “hello” to José. ".repeat(20).into_bytes();
        bytes.insert(30, 0xFF);
        let d = decode_text(&bytes).unwrap();
        assert_eq!(d.encoding, "UTF-8");
        assert_eq!(d.replaced_sequences, 1);
        assert!(d.text.contains("Zoë said “hello” to José."));
    }

    #[test]
    fn line_endings_are_normalised_and_controls_removed() {
        let d = decode_text(b"a\r\nb\rc\nd\x07e\tf").unwrap();
        assert_eq!(d.text, "a\nb\nc\nde\tf");
    }

    /// [`normalise_text`] the plain way, a character at a time: what the fast scan is tested
    /// against.
    fn by_chars(text: &str) -> String {
        let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
        let mut out = String::new();
        let mut chars = text.chars().peekable();
        while let Some(c) = chars.next() {
            match c {
                '\r' => {
                    if chars.peek() == Some(&'\n') {
                        chars.next();
                    }
                    out.push('\n');
                }
                '\u{0B}' | '\u{0C}' | '\u{2028}' | '\u{2029}' => out.push('\n'),
                c if c.is_control() && c != '\t' && c != '\n' => {}
                c => out.push(c),
            }
        }
        out
    }

    #[test]
    fn normalising_matches_a_char_by_char_reading() {
        for text in [
            "",
            "plain text\n\twith tab",
            "\u{FEFF}bom then text",
            "a\r\nb\rc\r\r\nd\r",
            "x\u{0B}y\u{0C}z\u{2028}w\u{2029}v",
            "nul\0 bell\u{7} del\u{7F} c1\u{85}\u{9F} keep\u{A0}\u{A9}\u{2013}\u{20AC}",
            "\u{C2}\u{E2}\u{2027}\u{202A} é “quotes” — dash",
            "\r",
            "\u{FEFF}",
        ] {
            assert_eq!(normalise_text(text), by_chars(text), "{text:?}");
        }
        // Every character that changes, at every offset of a clean run (the run is skipped
        // eight bytes at a time, so a change must be found wherever it falls).
        for special in [
            "\r", "\r\n", "\u{7}", "\u{7F}", "\u{85}", "\u{2028}", "é", "“", "\t\n",
        ] {
            for at in 0..24 {
                let mut text = "clean ascii text, twenty-four+ bytes".to_owned();
                text.insert_str(at, special);
                assert_eq!(normalise_text(&text), by_chars(&text), "{text:?}");
            }
        }
        assert!(matches!(
            normalise("clean “text” — no change\n"),
            Cow::Borrowed(_)
        ));
    }

    #[test]
    fn the_changing_byte_mask_is_exact_byte_by_byte() {
        // Every byte value at every position, among neighbours that change and that do not.
        for b in 0..=255u8 {
            for filler in [b'a', b'\n', 0x00, 0x80, 0xE2, 0xFF] {
                for at in 0..8 {
                    let mut bytes = [filler; 8];
                    bytes[at] = b;
                    let expected = bytes
                        .iter()
                        .enumerate()
                        .filter(|&(_, &x)| may_change(x))
                        .fold(0u64, |mask, (k, _)| mask | 0x80 << (8 * k));
                    let word = u64::from_le_bytes(bytes);
                    assert_eq!(changing_bytes(word), expected, "{bytes:?}");
                }
            }
        }
    }

    #[test]
    fn normalising_mixed_text_matches_the_plain_reading() {
        // Tricky characters mixed at every offset and in runs, against `by_chars`: C1 controls
        // next to other C2 characters, U+2028 next to other E2 characters (curly quotes,
        // dashes, U+2027, U+202A), CRLF split across words.
        let pieces = [
            "a", "word ", "\n", "\t", "\r", "\r\n", "\u{0B}", "\u{0C}", "\0", "\u{1F}", "\u{7F}",
            "\u{80}", "\u{85}", "\u{9F}", "\u{A0}", "\u{A9}", "é", "\u{2018}", "“", "”", "—",
            "\u{2027}", "\u{2028}", "\u{2029}", "\u{202A}", "\u{20AC}", "\u{FEFF}", "K",
            "\u{212A}", "İ", "😀",
        ];
        for text in
            crate::core::test_text::mixed_strings(&pieces, 0x2545_F491_4F6C_DD1D, 20_000, 24)
        {
            assert_eq!(normalise_text(&text), by_chars(&text), "{text:?}");
        }
        assert!(matches!(
            normalise("line one\n\tline “two” — é\u{A0}x\nthree\n"),
            Cow::Borrowed(_)
        ));
    }

    #[test]
    fn normalising_long_mixed_text_matches_the_plain_reading() {
        // Long strings, mostly clean runs, so that the block test meets every tricky
        // character at every offset of a block and across block ends.
        let pieces = [
            "clean words here ",
            "0123456789abcdefghijklmnopqrstuvwxyz",
            "é",
            "“",
            "—",
            "\n",
            "\t",
            "\r",
            "\r\n",
            "\u{7}",
            "\u{7F}",
            "\u{85}",
            "\u{9F}",
            "\u{A0}",
            "\u{2027}",
            "\u{2028}",
            "\u{2029}",
            "\u{202A}",
            "\u{FEFF}",
            "😀",
            "x",
        ];
        for text in
            crate::core::test_text::mixed_strings(&pieces, 0x9E37_79B9_7F4A_7C15, 5_000, 120)
        {
            assert_eq!(normalise_text(&text), by_chars(&text), "{text:?}");
        }
    }

    #[test]
    fn the_block_test_is_exact() {
        // Each byte value (and each change) at every position of a clean block.
        let clean = b"abcdefghijklmnopqrstuvwxyz012345ab".to_vec();
        for at in 0..BLOCK_BYTES + 2 {
            for lead in [0x00, 0x09, 0x0A, 0x0D, 0x1F, 0x20, 0x7E, 0x7F, 0xC2, 0xE2] {
                for next in [0x80, 0x85, 0x9F, 0xA0, 0xA8, 0xA9, 0xAA, b'a'] {
                    for next2 in [0xA8, 0xA9, 0xAA, 0x9C] {
                        let mut bytes = clean.clone();
                        bytes[at] = lead;
                        if at + 1 < bytes.len() {
                            bytes[at + 1] = next;
                        }
                        if at + 2 < bytes.len() {
                            bytes[at + 2] = next2;
                        }
                        let starts_change = |k: usize| {
                            let (x, y, z) = (bytes[k], bytes[k + 1], bytes[k + 2]);
                            (x < 0x20 && x != b'\n' && x != b'\t')
                                || x == 0x7F
                                || (x == 0xC2 && (0x80..0xA0).contains(&y))
                                || (x == 0xE2 && y == 0x80 && matches!(z, 0xA8 | 0xA9))
                        };
                        let expected = !(0..BLOCK_BYTES).any(starts_change);
                        assert_eq!(block_is_unchanged(&bytes, 0), expected, "{bytes:?}");
                    }
                }
            }
        }
        assert!(!block_is_unchanged(&clean[..BLOCK_BYTES + 1], 0));
    }

    #[test]
    fn owned_bytes_decode_like_borrowed_ones() {
        let mut le = vec![0xFF, 0xFE];
        le.extend("Grüße\r\n".encode_utf16().flat_map(|u| u.to_le_bytes()));
        let mut broken = "Zoë said “hello” to José. ".repeat(20).into_bytes();
        broken.insert(30, 0xFF);
        let cases: Vec<Vec<u8>> = vec![
            b"plain text\n".to_vec(),
            b"\xEF\xBB\xBFCaf\xC3\xA9 \xE2\x80\x93 ok".to_vec(),
            b"\xEF\xBB\xBF\xEF\xBB\xBFtwo BOMs".to_vec(),
            b"\xEF\xBB\xBFbroken \xFF after a BOM".to_vec(),
            b"\xEF\xBB\xBF".to_vec(),
            b"The caf\xE9\x92s \x93special\x94 costs \x805.".to_vec(),
            b"a\r\nb\rc\nd\x07e\tf".to_vec(),
            b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec(),
            b"   \n".to_vec(),
            Vec::new(),
            le,
            broken,
        ];
        for bytes in cases {
            assert_eq!(
                decode_bytes(Cow::Owned(bytes.clone())),
                decode_text(&bytes),
                "{bytes:?}"
            );
        }
    }

    #[test]
    fn non_ascii_words_are_those_of_a_split() {
        let pieces: [&str; 9] = [
            "word",
            " ",
            "\n",
            "\t",
            "caf\u{E9}",
            "\u{201C}",
            "x",
            "  ",
            "\u{A0}",
        ];
        for text in
            crate::core::test_text::mixed_strings(&pieces, 0x2545_F491_4F6C_DD1D, 20_000, 60)
        {
            let mut bytes = text.into_bytes();
            // Latin-1 bytes too, not only UTF-8.
            bytes.iter_mut().step_by(7).for_each(|b| {
                if *b == b'x' {
                    *b = 0xE9;
                }
            });
            let expected: Vec<&[u8]> = bytes
                .split(|b| b.is_ascii_whitespace())
                .filter(|word| !word.is_ascii())
                .collect();
            assert_eq!(
                non_ascii_words(&bytes).collect::<Vec<_>>(),
                expected,
                "{bytes:?}"
            );
        }
    }

    #[test]
    fn binary_and_empty_are_refused() {
        assert_eq!(
            decode_text(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"),
            Err(NotText::Binary)
        );
        assert_eq!(decode_text(b"   \n\n "), Err(NotText::Empty));
        assert_eq!(decode_text(b""), Err(NotText::Empty));
    }
}
