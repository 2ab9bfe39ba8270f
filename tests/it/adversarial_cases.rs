//! Builders of adversarial documents: what people's folders hold at worst, generated (nothing
//! large lives in git). Standard library only, so `examples/adversarial_bench.rs` includes this
//! file too (`#[path]`), and the UI tests can load the same cases into the window.
//!
//! [`file_cases`] lists single files with what a person should see ([`Expect`]); the folder
//! builders ([`write_empty_files`], [`write_symlink_loop`]) make whole folders.

#![allow(dead_code)]

use std::path::Path;

/// How big the generated documents are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scale {
    /// The sizes issue #8 names (20 MB, 1 MB, 100,000 paragraphs, 10,000 levels).
    Full,
    /// A tenth or less of those, for tests that drive the window.
    Small,
}

impl Scale {
    fn pick(self, full: usize, small: usize) -> usize {
        match self {
            Self::Full => full,
            Self::Small => small,
        }
    }
}

/// What the person should see for a case.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Expect {
    /// A document, with at least this many sentences.
    Loads {
        /// Lower bound on the sentences found.
        min_sentences: usize,
    },
    /// Listed under "Skipped files" with this reason.
    Skipped(&'static str),
}

/// One generated file.
#[derive(Debug, Clone)]
pub struct Case {
    /// File name, extension included.
    pub name: &'static str,
    /// Its bytes.
    pub bytes: Vec<u8>,
    /// What a person should see.
    pub expect: Expect,
}

/// A sentence of ordinary prose with a claim in it (a figure and a year).
pub const CLAIM_SENTENCE: &str = "The river rose 3.2 metres in 2019, according to the survey. ";

/// `len_bytes` of prose sentences on one line: no newline anywhere.
pub fn text_without_newline(len_bytes: usize) -> Vec<u8> {
    repeat_to(CLAIM_SENTENCE, len_bytes)
}

/// One "sentence" of `len_bytes`: words and commas, no sentence end, no newline.
pub fn one_long_sentence(len_bytes: usize) -> Vec<u8> {
    let mut bytes = repeat_to("the survey counted 42 boats, ", len_bytes);
    bytes.extend_from_slice(b"and then it ended.");
    bytes
}

/// `count` paragraphs of one short sentence each.
pub fn tiny_paragraphs(count: usize) -> Vec<u8> {
    let mut text = String::with_capacity(count * 16);
    for n in 0..count {
        text.push_str(&format!("Item {n} is 3 m.\n\n"));
    }
    text.into_bytes()
}

/// `depth` nested `<div>`s, closed, around one paragraph.
pub fn nested_html(depth: usize) -> Vec<u8> {
    let mut html = String::from("<!doctype html><title>Deep</title><body>");
    html.push_str(&"<div>".repeat(depth));
    html.push_str("<p>The innermost paragraph says 41 ships sank in 1917.</p>");
    html.push_str(&"</div>".repeat(depth));
    html.push_str("</body>");
    html.into_bytes()
}

/// `depth` unclosed `<ul><li>` pairs, each item with a few words: the tree builder's worst case.
pub fn unclosed_list_html(depth: usize) -> Vec<u8> {
    let mut html = String::from("<!doctype html><title>Unclosed</title><h1>Lists</h1>");
    for n in 0..depth {
        html.push_str(&format!("<ul><li>level {n} "));
    }
    html.push_str("<p>The last item says 12 bridges opened in 2021.");
    html.into_bytes()
}

/// Unclosed tags of every kind, stray end tags and a never-ending comment.
pub fn unclosed_tags_html() -> Vec<u8> {
    let mut html = String::from("<html><head><title>Broken page</title><body><h2>First part");
    for _ in 0..2_000 {
        html.push_str("<p>Unclosed paragraph with 7 words in it.<b><i><span><a href=x>");
    }
    html.push_str("</div></div></table></ul><h2>Second part</h2><p>Text after 2 stray tags.");
    html.push_str("<!-- a comment that never ends <p>hidden");
    html.into_bytes()
}

/// Prose with NUL bytes and other control characters past the binary sniff window (8 KB).
pub fn control_characters_late() -> Vec<u8> {
    let mut bytes = repeat_to(CLAIM_SENTENCE, 9_000);
    for (at, byte) in [
        (8_500, 0u8),
        (8_600, 7),
        (8_700, 27),
        (8_800, 0x7f),
        (8_900, 0),
    ] {
        if let Some(slot) = bytes.get_mut(at) {
            *slot = byte;
        }
    }
    bytes
}

/// A NUL byte at the start: read as a binary file.
pub fn nul_at_start() -> Vec<u8> {
    let mut bytes = b"\0\0".to_vec();
    bytes.extend_from_slice(CLAIM_SENTENCE.as_bytes());
    bytes
}

/// Zero-width spaces and joiners, soft hyphens, BOMs inside words and bidi controls.
pub fn invisible_characters() -> Vec<u8> {
    let mut text = String::from("Invisible\u{200b} Characters\n\n");
    for _ in 0..200 {
        text.push_str(
            "The bud\u{ad}get grew 4\u{200b}% in 2020.\u{200d} \u{202e}Reversed text\u{202c} \
             and \u{2067}isolated\u{2069} words\u{feff} are here \u{200e}left\u{200f}right. ",
        );
    }
    text.into_bytes()
}

/// Arabic, Hebrew, CJK, Cyrillic, emoji with skin tones and ZWJ sequences, combining marks.
pub fn world_scripts() -> Vec<u8> {
    let mut text = String::from("Many Scripts\n\n");
    for _ in 0..50 {
        text.push_str("ارتفع النهر ٣ أمتار في عام ٢٠١٩ وفقا للمسح. ");
        text.push_str("הנהר עלה 3 מטרים בשנת 2019, לפי הסקר. ");
        text.push_str("河水在2019年上涨了3米。调查显示如此。");
        text.push_str("川の水位は2019年に3メートル上昇した。");
        text.push_str("Река поднялась на 3 метра в 2019 году, по данным опроса. ");
        text.push_str("Emoji 👍🏽 and 👩‍👩‍👧‍👦 and 🏳️‍🌈 rose 3 times in 2019. ");
        text.push_str("Combining: e\u{301}te\u{301}, a\u{308}\u{304}\u{330}, Z\u{335}\u{321}a\u{336}\u{31b}l\u{334}g\u{337}o grew 5% in 2018.\n\n");
    }
    text.into_bytes()
}

/// `\r\n`, lone `\r`, `\n`, form feeds and Unicode line separators mixed.
pub fn mixed_line_endings() -> Vec<u8> {
    let mut text = String::from("Mixed Endings\r\n\r\n");
    for n in 0..300 {
        let ending = ["\r\n", "\r", "\n", "\u{c}", "\u{2028}", "\r\n\r\n", "\n\r"][n % 7];
        text.push_str(&format!("Line {n} says 3 ships sank in 1917.{ending}"));
    }
    text.into_bytes()
}

/// UTF-8 prose with one invalid byte in the middle.
pub fn utf8_with_one_invalid_byte() -> Vec<u8> {
    let mut bytes = format!(
        "Café Report\n\n{}",
        "The café’s “special” grew 3% in 2019. ".repeat(100)
    )
    .into_bytes();
    let middle = bytes.len() / 2;
    // Not inside a multi-byte character: before an ASCII byte.
    let at = (middle..bytes.len())
        .find(|&i| bytes[i].is_ascii())
        .unwrap_or(middle);
    bytes.insert(at, 0xFF);
    bytes
}

/// Every single-file case at `scale`.
pub fn file_cases(scale: Scale) -> Vec<Case> {
    let mb = 1024 * 1024;
    vec![
        Case {
            name: "no-newline.txt",
            bytes: text_without_newline(scale.pick(20 * mb, 2 * mb)),
            expect: Expect::Loads {
                min_sentences: scale.pick(20 * mb, 2 * mb) / CLAIM_SENTENCE.len() / 2,
            },
        },
        Case {
            name: "one-long-sentence.txt",
            bytes: one_long_sentence(scale.pick(mb, mb / 10)),
            expect: Expect::Loads { min_sentences: 1 },
        },
        Case {
            name: "tiny-paragraphs.txt",
            bytes: tiny_paragraphs(scale.pick(100_000, 10_000)),
            expect: Expect::Loads {
                min_sentences: scale.pick(100_000, 10_000) / 2,
            },
        },
        Case {
            name: "nested.html",
            bytes: nested_html(scale.pick(10_000, 1_000)),
            expect: Expect::Loads { min_sentences: 1 },
        },
        Case {
            name: "unclosed-lists.html",
            bytes: unclosed_list_html(scale.pick(20_000, 2_000)),
            expect: Expect::Loads { min_sentences: 1 },
        },
        Case {
            name: "unclosed-tags.html",
            bytes: unclosed_tags_html(),
            expect: Expect::Loads {
                min_sentences: 2_000,
            },
        },
        Case {
            name: "nested.md",
            bytes: {
                let mut md = b"# Deep Markdown\n\n".to_vec();
                md.extend(">".repeat(scale.pick(10_000, 1_000)).into_bytes());
                md.extend_from_slice(b" Quoted 5 times in 2020.\n\n");
                md.extend(nested_html(scale.pick(10_000, 1_000)));
                md
            },
            expect: Expect::Loads { min_sentences: 2 },
        },
        Case {
            name: "control-characters.txt",
            bytes: control_characters_late(),
            expect: Expect::Loads { min_sentences: 100 },
        },
        Case {
            name: "nul-first.txt",
            bytes: nul_at_start(),
            expect: Expect::Skipped("binary file (not text)"),
        },
        Case {
            name: "invisible.txt",
            bytes: invisible_characters(),
            expect: Expect::Loads { min_sentences: 200 },
        },
        Case {
            name: "world-scripts.txt",
            bytes: world_scripts(),
            expect: Expect::Loads { min_sentences: 250 },
        },
        Case {
            name: "mixed-endings.txt",
            bytes: mixed_line_endings(),
            expect: Expect::Loads { min_sentences: 300 },
        },
        Case {
            name: "one-invalid-byte.txt",
            bytes: utf8_with_one_invalid_byte(),
            expect: Expect::Loads { min_sentences: 100 },
        },
    ]
}

/// Writes `cases` into `dir`.
pub fn write_cases(dir: &Path, cases: &[Case]) -> std::io::Result<()> {
    for case in cases {
        std::fs::write(dir.join(case.name), &case.bytes)?;
    }
    Ok(())
}

/// `count` empty `.txt` files in `dir`.
pub fn write_empty_files(dir: &Path, count: usize) -> std::io::Result<()> {
    for n in 0..count {
        std::fs::File::create(dir.join(format!("empty-{n:05}.txt")))?;
    }
    Ok(())
}

/// `dir/inner/loop` pointing back at `dir`, with one readable document beside it.
#[cfg(unix)]
pub fn write_symlink_loop(dir: &Path) -> std::io::Result<()> {
    let inner = dir.join("inner");
    std::fs::create_dir_all(&inner)?;
    std::fs::write(inner.join("doc.txt"), CLAIM_SENTENCE)?;
    std::os::unix::fs::symlink(dir, inner.join("loop"))
}

fn repeat_to(piece: &str, len_bytes: usize) -> Vec<u8> {
    let mut bytes = Vec::with_capacity(len_bytes + piece.len());
    while bytes.len() < len_bytes {
        bytes.extend_from_slice(piece.as_bytes());
    }
    bytes
}
