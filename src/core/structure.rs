//! Document structure: page chrome, title, sections and the reference list.
//!
//! [`structure_document`] takes normalised text (plus the headings a Markdown or HTML parser
//! found) and returns a [`Structured`] document: the text with page chrome removed, its title,
//! its [`Section`]s as byte spans and its trailing [`Reference`] list. Plain text has no markup,
//! so headings are found the way a reader finds them ([`is_plain_heading`]).

use crate::core::document::{Reference, Section, Span};

/// A heading a markup parser found, as a byte span of the input text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MarkedHeading {
    /// 1..=6.
    pub level: u8,
    /// Byte span of the heading text.
    pub span: Span,
}

/// The structure of one document.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Structured {
    /// The text with chrome lines removed and blank lines collapsed; all spans point here.
    pub text: String,
    /// The title line or first heading, if the document starts with one.
    pub title: Option<String>,
    /// Sections in order.
    pub sections: Vec<Section>,
    /// The reference list, in order.
    pub references: Vec<Reference>,
    /// Where the reference list stands.
    pub references_span: Option<Span>,
    /// Chrome lines that were removed.
    pub removed_chrome: Vec<String>,
}

/// Documents without headings longer than this are split into parts of paragraphs.
const SPLIT_UNTITLED_ABOVE_BYTES: usize = 6_000;
/// Target size of one such part.
const PART_TARGET_BYTES: usize = 3_000;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum LineKind {
    Blank,
    Text,
    Heading(u8),
}

#[derive(Debug, Clone, Copy)]
struct Line {
    /// Span of the line without trailing whitespace.
    span: Span,
    kind: LineKind,
}

/// Finds chrome, title, sections and references. `headings` are those a markup parser found
/// (empty for plain text, which then gets reader-style heading detection when `is_plain`).
pub fn structure_document(text: &str, headings: &[MarkedHeading], is_plain: bool) -> Structured {
    let (text, mut lines, removed_chrome) = remove_chrome(text, headings);
    if is_plain {
        mark_plain_headings(&text, &mut lines);
    }
    let blocks = blocks(&lines);

    // Title: the first block when it is a heading (plain text: a standalone title line).
    let mut title = None;
    let mut first_body_block = 0;
    if let Some(first) = blocks.first() {
        let first_line = lines[first.0];
        let is_single = first.1 == first.0 + 1;
        let is_title_line = match first_line.kind {
            LineKind::Heading(_) => is_single,
            _ => {
                is_plain
                    && is_single
                    && blocks.len() > 1
                    && is_title_line(first_line.span.slice(&text))
            }
        };
        if is_title_line {
            title = Some(clean_heading(first_line.span.slice(&text)));
            first_body_block = 1;
        }
    }

    // References: a heading named like a reference list, or a trailing run of entry-like lines.
    let body_blocks = &blocks[first_body_block.min(blocks.len())..];
    let (references, references_span, body_end_line) = find_references(&text, &lines, body_blocks);

    let sections = build_sections(&text, &lines, body_blocks, body_end_line);
    Structured {
        text,
        title,
        sections,
        references,
        references_span,
        removed_chrome,
    }
}

/// Drops chrome lines, trims trailing whitespace, collapses blank runs; returns the new text
/// and its lines (headings from the parser carried over).
fn remove_chrome(text: &str, headings: &[MarkedHeading]) -> (String, Vec<Line>, Vec<String>) {
    let mut out = String::with_capacity(text.len());
    let mut lines = Vec::new();
    let mut removed = Vec::new();
    let mut heading_iter = headings.iter().peekable();
    let mut offset = 0usize;
    let mut pending_blank = false;
    // The lines of `text.split('\n')`, found with memchr.
    let line_ends = memchr::memchr_iter(b'\n', text.as_bytes()).chain(std::iter::once(text.len()));
    for line_end in line_ends {
        let raw = &text[offset..line_end];
        let line_start = offset;
        offset += raw.len() + 1;
        // Headings whose span starts on this line mark it.
        let mut level = None;
        while let Some(h) = heading_iter.peek() {
            if h.span.start <= line_end {
                if h.span.start >= line_start && h.span.start < line_end {
                    level = Some(h.level);
                }
                heading_iter.next();
            } else {
                break;
            }
        }
        let trimmed = raw.trim_end();
        if trimmed.trim_start().is_empty() {
            pending_blank = !lines.is_empty();
            continue;
        }
        if is_chrome_line(trimmed.trim_start()) {
            removed.push(trimmed.trim().to_owned());
            pending_blank = !lines.is_empty();
            continue;
        }
        if pending_blank {
            let start = out.len();
            out.push('\n');
            lines.push(Line {
                span: Span::new(start, start),
                kind: LineKind::Blank,
            });
            pending_blank = false;
        }
        let start = out.len();
        out.push_str(trimmed);
        lines.push(Line {
            span: Span::new(start, out.len()),
            kind: level.map_or(LineKind::Text, LineKind::Heading),
        });
        out.push('\n');
    }
    while out.ends_with('\n') {
        out.pop();
    }
    (out, lines, removed)
}

/// Consecutive non-blank lines, as `(first_line, end_line)` index ranges; a heading line is
/// always a block of its own.
fn blocks(lines: &[Line]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, line) in lines.iter().enumerate() {
        match line.kind {
            LineKind::Blank => {
                if let Some(s) = start.take() {
                    out.push((s, i));
                }
            }
            LineKind::Heading(_) => {
                if let Some(s) = start.take() {
                    out.push((s, i));
                }
                out.push((i, i + 1));
            }
            LineKind::Text => {
                start.get_or_insert(i);
            }
        }
    }
    if let Some(s) = start {
        out.push((s, lines.len()));
    }
    out
}

/// Plain text: single-line blocks that read as headings become headings.
fn mark_plain_headings(text: &str, lines: &mut [Line]) {
    let blocks = blocks(lines);
    for (bi, &(start, end)) in blocks.iter().enumerate() {
        if end != start + 1 || bi + 1 == blocks.len() {
            continue;
        }
        let line = lines[start].span.slice(text);
        if let Some(level) = is_plain_heading(line) {
            lines[start].kind = LineKind::Heading(level);
        }
    }
}

/// Words that stay lower-case in Title Case.
const MINOR_WORDS: &[&str] = &[
    "a", "an", "the", "and", "but", "or", "nor", "for", "so", "yet", "of", "in", "on", "at", "to",
    "by", "from", "with", "as", "into", "onto", "upon", "via", "vs", "vs.", "over", "per", "than",
    "off", "up", "out", "about", "under", "after", "before", "between", "against", "during",
    "without", "within", "through", "its", "their", "his", "her",
];

/// Whether a standalone line reads as a heading; returns its level (2, or deeper for "1.2").
///
/// A heading is short, has no terminal punctuation and is Title Case, ALL CAPS or numbered
/// ("1.", "II.", "Chapter 3"). Short sentences, list items and reference entries are not.
pub fn is_plain_heading(line: &str) -> Option<u8> {
    let line = line.trim();
    // Over 400 bytes is over 100 characters (a character is at most four bytes): paragraphs
    // are ruled out without counting their characters.
    if line.len() > 400 {
        return None;
    }
    let char_count = line.chars().count();
    if !(2..=100).contains(&char_count) {
        return None;
    }
    if line.ends_with(['.', ',', ';', ':', '!', '"', '”', '’', ')'])
        && !is_numbered_prefix_only(line)
    {
        return None;
    }
    if line.starts_with(['-', '*', '•', '–', '—', '>', '+', '·', '(', '[', '"', '“']) {
        return None;
    }
    if reference_entry_score_up_to(line, 2) >= 2 || line.contains("http") || line.contains('@') {
        return None;
    }
    let words: Vec<&str> = line.split_whitespace().collect();
    if words.is_empty() || words.len() > 12 {
        return None;
    }
    // "1) item" and "a) item" are list items.
    if words[0].len() <= 4 && words[0].ends_with(')') {
        return None;
    }
    // Numbered headings: "1. Introduction", "2.3 Results", "II. Background", "Chapter 3".
    let (number_depth, rest) = strip_heading_number(&words);
    let rest_words = &words[rest..];
    if number_depth > 0 {
        if rest_words.is_empty() {
            // "Chapter 3" alone, or "IV." alone.
            return (words.len() <= 2).then_some(2);
        }
        return is_title_case(rest_words).then_some((1 + number_depth).min(6));
    }
    if line.ends_with('?') {
        return (is_title_case(&words) && words.len() >= 2).then_some(2);
    }
    (is_title_case(&words) || is_all_caps(line)).then_some(2)
}

fn is_numbered_prefix_only(line: &str) -> bool {
    // "IV." or "3." alone are headings in some texts.
    let t = line.trim_end_matches('.');
    !t.is_empty() && (t.chars().all(|c| c.is_ascii_digit()) || is_roman(t))
}

/// Number of leading words that form a heading number, and its depth ("1.2" → 2).
fn strip_heading_number(words: &[&str]) -> (u8, usize) {
    let Some(first) = words.first() else {
        return (0, 0);
    };
    if lowercase_is_one_of(first, &["chapter", "part", "section", "appendix", "book"])
        && let Some(second) = words.get(1)
    {
        let t = second.trim_end_matches(['.', ':']);
        if t.chars().all(|c| c.is_ascii_digit())
            || is_roman(t)
            || (t.len() == 1 && t.chars().all(|c| c.is_ascii_uppercase()))
        {
            return (1, 2);
        }
    }
    let t = first.trim_end_matches(['.', ')']);
    if !t.is_empty()
        && t.split('.')
            .all(|p| !p.is_empty() && p.len() <= 3 && p.chars().all(|c| c.is_ascii_digit()))
    {
        let depth = t.split('.').count() as u8;
        // "1)" is a list marker, not a heading number; require "1." / "1.2" / "1.2." / "1".
        if first.ends_with(')') {
            return (0, 0);
        }
        return (depth, 1);
    }
    if first.ends_with('.') && is_roman(t) {
        return (1, 1);
    }
    (0, 0)
}

fn is_roman(s: &str) -> bool {
    !s.is_empty() && s.len() <= 6 && s.chars().all(|c| matches!(c, 'I' | 'V' | 'X' | 'L' | 'C'))
}

/// Title Case: the first word and most non-minor words start with a capital or a digit.
fn is_title_case(words: &[&str]) -> bool {
    let mut significant = 0;
    let mut capitalised = 0;
    for (i, word) in words.iter().enumerate() {
        let w = word.trim_matches(|c: char| !c.is_alphanumeric());
        let Some(first) = w.chars().next() else {
            continue;
        };
        let is_cap = first.is_uppercase() || first.is_ascii_digit();
        if i == 0 {
            if !is_cap {
                return false;
            }
            continue;
        }
        if lowercase_is_one_of(w, MINOR_WORDS) {
            continue;
        }
        significant += 1;
        if is_cap {
            capitalised += 1;
        }
    }
    // A single capitalised word ("Introduction") counts; otherwise most words are capitalised.
    significant == 0 || capitalised * 5 >= significant * 4
}

/// Whether `word`, lowercased, is one of `lower` (lowercase ASCII words). An ASCII word is
/// compared ASCII case-insensitively, without allocating; any other is lowercased, since a
/// non-ASCII character can lowercase to ASCII (the Kelvin sign to `k`: "BOO\u{212A}" is "book").
fn lowercase_is_one_of(word: &str, lower: &[&str]) -> bool {
    if word.is_ascii() {
        lower.iter().any(|l| word.eq_ignore_ascii_case(l))
    } else {
        lower.contains(&word.to_lowercase().as_str())
    }
}

fn is_all_caps(line: &str) -> bool {
    let letters: Vec<char> = line.chars().filter(|c| c.is_alphabetic()).collect();
    letters.len() >= 3 && letters.iter().all(|c| c.is_uppercase())
}

/// A standalone first line reads as a title: short, not a sentence ending in a period.
fn is_title_line(line: &str) -> bool {
    let line = line.trim();
    let words = line.split_whitespace().count();
    (1..=16).contains(&words)
        && line.chars().count() <= 140
        && !line.ends_with(['.', ',', ';', ':'])
        && !line.starts_with(['-', '*', '•'])
        && reference_entry_score_up_to(line, 2) < 2
}

fn clean_heading(line: &str) -> String {
    line.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Whole chrome lines (lowercase, sorted by first letter for [`starting_with`]).
const CHROME_EXACT: &[&str] = &[
    "advertisement",
    "accept cookies",
    "accept all cookies",
    "accept all",
    "back to top",
    "cookie settings",
    "close",
    "close menu",
    "email",
    "follow us",
    "facebook",
    "home",
    "jump to navigation",
    "jump to content",
    "like this",
    "loading",
    "leave a comment",
    "leave a reply",
    "log in",
    "linkedin",
    "like",
    "main menu",
    "menu",
    "manage cookies",
    "navigation",
    "next",
    "open menu",
    "primary menu",
    "post navigation",
    "print",
    "pinterest",
    "posts navigation",
    "previous",
    "related posts",
    "related articles",
    "related",
    "reject all",
    "reddit",
    "skip to main content",
    "skip to content",
    "skip to navigation",
    "skip navigation",
    "search",
    "search for",
    "share this",
    "share",
    "share this article",
    "share this post",
    "share this story",
    "share this page",
    "share on facebook",
    "share on twitter",
    "scroll to top",
    "subscribe",
    "sign in",
    "toggle navigation",
    "tweet",
    "twitter",
    "whatsapp",
];

/// Openings of chrome lines of at most 120 characters (sorted by first letter).
const CHROME_PREFIXES: &[&str] = &[
    "author archives:",
    "archives:",
    "category archives:",
    "categories:",
    "click to share on",
    "daily archives:",
    "filed under:",
    "monthly archives:",
    "next post:",
    "next article:",
    "posted in:",
    "previous post:",
    "previous article:",
    "share this:",
    "tag archives:",
    "tagged:",
    "tags:",
    "yearly archives:",
    "you must be logged in",
];

/// Openings of cookie banners (sorted by first letter).
const CHROME_COOKIE: &[&str] = &[
    "by continuing to use this",
    "by using this site, you agree",
    "this website uses cookies",
    "this site uses cookies",
    "this website stores cookies",
    "we use cookies",
];

/// Page chrome that saved web pages carry: navigation, archive labels, share and cookie lines.
pub fn is_chrome_line(line: &str) -> bool {
    let line = line.trim();
    // A line of at most 200 bytes has at most 200 characters: count only longer ones.
    if line.is_empty() || (line.len() > 200 && line.chars().count() > 200) {
        return false;
    }
    // The line is compared lowercased character by character, each comparison stopping at
    // the first difference, instead of lowercasing the whole line (the patterns are short).
    let bare = line
        .trim_end_matches([':', '.', '…', '!', ' ', '»', '›', '→'])
        .trim_start_matches(['«', '‹', '←', ' ']);
    // Most lines are ruled out by their first letter: only the patterns starting with it are
    // tried (found by binary search), and an ASCII first letter is lowercased without the
    // Unicode tables.
    let first_lower = |text: &str| match text.as_bytes().first() {
        Some(b) if b.is_ascii() => Some(char::from(b.to_ascii_lowercase())),
        _ => text.chars().flat_map(char::to_lowercase).next(),
    };
    let (line_first, bare_first) = (first_lower(line), first_lower(bare));
    let starts_with = |p: &str| p.chars().next() == line_first && lowercase_starts_with(line, p);
    let ends_with = |p: &str| lowercase_ends_with(line, p);
    // Lowercasing never shortens a line in characters: one of more than 84 bytes (over 21
    // characters) is longer than every exact pattern.
    if bare.len() <= 84
        && starting_with(CHROME_EXACT, bare_first)
            .iter()
            .any(|e| lowercase_equals(bare, e))
    {
        return true;
    }
    if starting_with(CHROME_PREFIXES, line_first)
        .iter()
        .any(|p| starts_with(p))
        && line.chars().count() <= 120
    {
        return true;
    }
    if starting_with(CHROME_COOKIE, line_first)
        .iter()
        .any(|p| starts_with(p))
    {
        return true;
    }
    (starts_with("copyright ©") || starts_with("© ") || ends_with("all rights reserved"))
        && line.chars().count() <= 120
}

/// The patterns of `patterns` (ASCII, sorted by first byte) whose first character is
/// `first`: the only ones a line whose lowercase starts with `first` can match.
fn starting_with<'p>(patterns: &'p [&'p str], first: Option<char>) -> &'p [&'p str] {
    let Some(first) = first.filter(char::is_ascii) else {
        return &[];
    };
    let first = Some(first as u8);
    let start = patterns.partition_point(|p| p.as_bytes().first().copied() < first);
    let end = patterns.partition_point(|p| p.as_bytes().first().copied() <= first);
    patterns.get(start..end).unwrap_or_default()
}

/// Whether the characters `chars` start with those of `prefix`; reads no further than the
/// first difference.
fn chars_start_with(
    chars: impl Iterator<Item = char>,
    mut prefix: impl Iterator<Item = char>,
) -> bool {
    for c in chars {
        match prefix.next() {
            None => return true,
            Some(p) if p == c => {}
            Some(_) => return false,
        }
    }
    prefix.next().is_none()
}

/// Whether `text`, lowercased, starts with `lower` (lowercase), lowercasing no further than
/// the first difference.
pub(crate) fn lowercase_starts_with(text: &str, lower: &str) -> bool {
    chars_start_with(text.chars().flat_map(char::to_lowercase), lower.chars())
}

/// Whether `text`, lowercased, ends with `lower` (lowercase): the same test read backwards (a
/// character's lowercase backwards too).
fn lowercase_ends_with(text: &str, lower: &str) -> bool {
    chars_start_with(
        text.chars().rev().flat_map(|c| c.to_lowercase().rev()),
        lower.chars().rev(),
    )
}

/// Whether `text`, lowercased, is `lower` (lowercase).
fn lowercase_equals(text: &str, lower: &str) -> bool {
    let mut text = text.chars().flat_map(char::to_lowercase);
    lower.chars().all(|p| text.next() == Some(p)) && text.next().is_none()
}

/// Heading names of a reference list.
fn is_references_heading(title: &str) -> bool {
    let t = title.trim().trim_end_matches(':').to_lowercase();
    let t = t.trim_start_matches(|c: char| c.is_ascii_digit() || c == '.' || c == ' ');
    matches!(
        t,
        "references"
            | "reference"
            | "notes"
            | "endnotes"
            | "footnotes"
            | "bibliography"
            | "sources"
            | "works cited"
            | "citations"
            | "literature"
            | "cited works"
            | "notes and references"
            | "references and notes"
            | "sources and notes"
            | "further reading"
            | "source"
            | "reference list"
    )
}

/// How much a line looks like a bibliography entry (0 = not at all, 2+ = clearly).
pub fn reference_entry_score(line: &str) -> u32 {
    reference_entry_score_up_to(line, u32::MAX)
}

/// [`reference_entry_score`], or `cap` when it is `cap` or more: the callers only ask
/// whether a line scores 2 (or 3), and most entries show that within their first words, so
/// the rest of the line is not read.
fn reference_entry_score_up_to(line: &str, cap: u32) -> u32 {
    let line = line.trim();
    if line.len() < 12 || line.len() > 800 {
        return 0;
    }
    let mut score = 0;
    let (label, rest) = split_reference_label(line);
    if label.is_some() {
        score += 1;
    }
    if starts_with_name_and_comma(rest) {
        score += 1;
    }
    if score >= cap {
        return cap;
    }
    (score + entry_marks_until(rest, cap - score).count()).min(cap)
}

/// What [`reference_entry_score`] looks for in the text of an entry.
#[derive(Debug, Default, PartialEq, Eq)]
struct EntryMarks {
    /// A year ([`has_year`]) or "n.d.".
    year: bool,
    /// An opening curly quote, a straight quote after a space, or one opening the text.
    quote: bool,
    /// A link mark, as [`link_and_citation_marks`] finds it.
    link: bool,
    /// A citation mark, as [`link_and_citation_marks`] finds it.
    citation: bool,
}

impl EntryMarks {
    /// How many of the four marks were found.
    fn count(&self) -> u32 {
        u32::from(self.year)
            + u32::from(self.quote)
            + u32::from(self.link)
            + u32::from(self.citation)
    }
}

/// [`has_year`], the quote test and [`link_and_citation_marks`] in one pass over the bytes
/// (the three passes and two substring searches cost 4,400 instructions a line). The marks
/// are ASCII, `“` is `E2 80 9C` and "n.d." is matched with its case, as the plain tests do.
#[cfg(test)]
fn entry_marks(text: &str) -> EntryMarks {
    entry_marks_until(text, 4)
}

/// [`entry_marks`], stopping once `needed` of the marks are found: after every block of 32
/// bytes the marks found so far are counted (marks are only ever found, never lost, so a
/// search that reads on finds the same ones and perhaps more).
fn entry_marks_until(text: &str, needed: u32) -> EntryMarks {
    const BLOCK: usize = 32;
    let b = text.as_bytes();
    // The second byte first: the marks start with common letters ('e', 'r', 'i', 'h', 'd')
    // or a space, and the second byte rules out nearly all of those starts at once.
    let at = |i: usize, mark: &[u8]| {
        b.get(i + 1).map(u8::to_ascii_lowercase) == mark.get(1).copied()
            && b.get(i..i + mark.len())
                .is_some_and(|w| w.eq_ignore_ascii_case(mark))
    };
    let mut marks = EntryMarks {
        quote: b.first() == Some(&b'"'),
        ..EntryMarks::default()
    };
    let mut no_date = false;
    for (block_index, block) in b.chunks(BLOCK).enumerate() {
        if block_index > 0 && marks.count() + u32::from(no_date && !marks.year) >= needed {
            break;
        }
        for (j, &c) in block.iter().enumerate() {
            let i = block_index * BLOCK + j;
            match c {
                b'0'..=b'9' => {
                    if !marks.year {
                        marks.year = is_year_at(b, i);
                    }
                }
                b' ' => {
                    if !marks.quote {
                        marks.quote = b.get(i + 1) == Some(&b'"');
                    }
                    if !marks.citation {
                        marks.citation = at(i, b" pp.") || at(i, b" vol.");
                    }
                }
                0xE2 => {
                    if !marks.quote {
                        marks.quote = b.get(i + 1..i + 3) == Some(&[0x80, 0x9C]);
                    }
                }
                _ => {
                    let lower = c.to_ascii_lowercase();
                    if c == b'n' && !no_date {
                        no_date = b.get(i..i + 4) == Some(b"n.d.");
                    }
                    match lower {
                        b'h' if !marks.link => marks.link = at(i, b"http://") || at(i, b"https://"),
                        b'd' if !marks.link => marks.link = at(i, b"doi:") || at(i, b"doi.org"),
                        b'w' if !marks.link => marks.link = at(i, b"www."),
                        b'e' if !marks.citation => marks.citation = at(i, b"et al."),
                        b'r' if !marks.citation => marks.citation = at(i, b"retrieved "),
                        b'i' if !marks.citation => marks.citation = at(i, b"ibid"),
                        _ => {}
                    }
                }
            }
        }
    }
    marks.year |= no_date;
    marks
}

/// Whether a year (15xx–20xx with no digit on either side) starts at byte `i` of `b`.
fn is_year_at(b: &[u8], i: usize) -> bool {
    let Some(w) = b.get(i..i + 4) else {
        return false;
    };
    w.iter().all(u8::is_ascii_digit)
        && (w[0] == b'1' && (b'5'..=b'9').contains(&w[1]) || w[0] == b'2' && w[1] == b'0')
        && (i == 0 || !b[i - 1].is_ascii_digit())
        && b.get(i + 4).is_none_or(|c| !c.is_ascii_digit())
}

/// Whether `text`, lowercased, contains a link mark ("http://", "https://", "doi:",
/// "doi.org", "www.") and whether it contains a citation mark ("et al.", " pp.", " vol.",
/// "retrieved ", "ibid").
///
/// One pass comparing ASCII case-insensitively, without lowercasing the text: this is exact
/// because the marks are ASCII and the only non-ASCII characters whose lowercase holds ASCII
/// are the Kelvin sign (to `k`, in no mark) and `İ` (to `i` followed by U+0307, while no mark
/// ends in `i`), so no non-ASCII character can take part in a match either way.
#[cfg(test)]
fn link_and_citation_marks(text: &str) -> (bool, bool) {
    let b = text.as_bytes();
    let at = |i: usize, mark: &[u8]| {
        b.get(i..i + mark.len())
            .is_some_and(|w| w.eq_ignore_ascii_case(mark))
    };
    let (mut link, mut citation) = (false, false);
    for (i, c) in b.iter().enumerate() {
        match c.to_ascii_lowercase() {
            b'h' if !link => link = at(i, b"http://") || at(i, b"https://"),
            b'd' if !link => link = at(i, b"doi:") || at(i, b"doi.org"),
            b'w' if !link => link = at(i, b"www."),
            b'e' if !citation => citation = at(i, b"et al."),
            b' ' if !citation => citation = at(i, b" pp.") || at(i, b" vol."),
            b'r' if !citation => citation = at(i, b"retrieved "),
            b'i' if !citation => citation = at(i, b"ibid"),
            _ => continue,
        }
        if link && citation {
            break;
        }
    }
    (link, citation)
}

/// Whether `text` holds a year (15xx–20xx, no digit on either side) or "n.d.": the plain
/// test [`entry_marks`] is compared with.
#[cfg(test)]
fn has_year(text: &str) -> bool {
    let b = text.as_bytes();
    b.windows(4).enumerate().any(|(i, w)| {
        w.iter().all(u8::is_ascii_digit)
            && (w[0] == b'1' && (b'5'..=b'9').contains(&w[1]) || w[0] == b'2' && w[1] == b'0')
            && (i == 0 || !b[i - 1].is_ascii_digit())
            && b.get(i + 4).is_none_or(|c| !c.is_ascii_digit())
    }) || text.contains("n.d.")
}

/// "Surname, First…" or "Some Organisation Name, …": only capitalised words before the first comma.
fn starts_with_name_and_comma(text: &str) -> bool {
    let Some(comma) = memchr::memchr(b',', text.as_bytes()) else {
        return false;
    };
    let mut words = 0;
    for word in text[..comma].split_whitespace() {
        words += 1;
        if words > 6 || !word.chars().next().is_some_and(char::is_uppercase) {
            return false;
        }
    }
    words > 0
}

/// An entry's own label: "[3] …", "3. …", "3) …", "^3 …". Returns it and the rest of the line.
fn split_reference_label(line: &str) -> (Option<String>, &str) {
    let t = line.trim_start();
    if let Some(inner) = t.strip_prefix('[')
        && let Some(close) = inner.find(']')
    {
        let label = &inner[..close];
        // A label is a short run of visible characters: "[\t]" or "[ ]" labels nothing.
        if !label.is_empty() && label.len() <= 12 && !label.contains(char::is_whitespace) {
            return (Some(label.to_owned()), inner[close + 1..].trim_start());
        }
    }
    let t2 = t.strip_prefix('^').unwrap_or(t);
    let digits: String = t2.chars().take_while(char::is_ascii_digit).collect();
    if !digits.is_empty() && digits.len() <= 3 {
        let after = &t2[digits.len()..];
        if let Some(rest) = after
            .strip_prefix(". ")
            .or_else(|| after.strip_prefix(") "))
            .or_else(|| after.strip_prefix("] "))
        {
            return (Some(digits), rest.trim_start());
        }
        if t.starts_with('^') {
            return (Some(digits), after.trim_start());
        }
    }
    (None, t)
}

/// Finds the reference list; returns it, its span, and the line index where the body ends.
fn find_references(
    text: &str,
    lines: &[Line],
    blocks: &[(usize, usize)],
) -> (Vec<Reference>, Option<Span>, usize) {
    let body_end = lines.len();
    // 1. A heading named like a reference list, with no other section heading after it.
    let heading_block = blocks.iter().rposition(|&(s, e)| {
        e == s + 1
            && matches!(lines[s].kind, LineKind::Heading(_))
            && is_references_heading(lines[s].span.slice(text))
    });
    if let Some(bi) = heading_block {
        let heading_line = blocks[bi].0;
        let later_heading = lines[heading_line + 1..]
            .iter()
            .any(|l| matches!(l.kind, LineKind::Heading(_)));
        if !later_heading {
            let entries = collect_entries(text, &lines[heading_line + 1..]);
            let span = Span::new(lines[heading_line].span.start, text.len());
            return (entries, Some(span), heading_line);
        }
    }
    // 2. A trailing run of entry-like lines, without a heading.
    let mut first = lines.len();
    let mut strong = 0;
    for i in (0..lines.len()).rev() {
        let line = lines[i];
        match line.kind {
            LineKind::Blank => continue,
            LineKind::Heading(_) => break,
            LineKind::Text => {}
        }
        let s = line.span.slice(text);
        // Only "2 or more" is asked of the score, and "under 3" of a line shaped like prose.
        let shaped_like_prose = s.trim_end().ends_with('.') && s.split_whitespace().count() > 25;
        let score = reference_entry_score_up_to(s, if shaped_like_prose { 3 } else { 2 });
        let ends_like_prose = shaped_like_prose && score < 3;
        if score >= 2 && !ends_like_prose {
            strong += 1;
            first = i;
        } else {
            break;
        }
    }
    if strong >= 2 && first < lines.len() {
        let entries = collect_entries(text, &lines[first..]);
        let span = Span::new(lines[first].span.start, text.len());
        return (entries, Some(span), first);
    }
    (Vec::new(), None, body_end)
}

fn collect_entries(text: &str, lines: &[Line]) -> Vec<Reference> {
    let mut out: Vec<Reference> = Vec::new();
    for line in lines {
        if line.kind == LineKind::Blank {
            continue;
        }
        let raw = line.span.slice(text);
        let stripped = raw.trim_start_matches(['•', '-', '*', ' ']);
        let (label, rest) = split_reference_label(stripped);
        let label = label.unwrap_or_else(|| (out.len() + 1).to_string());
        let rest = rest.trim();
        // `rest` is a part of `raw`, itself `text[line.span]`: its span follows from the offset.
        let offset = (rest.as_ptr() as usize)
            .saturating_sub(raw.as_ptr() as usize)
            .min(raw.len());
        let end = (offset + rest.len()).min(raw.len());
        out.push(Reference {
            label,
            text_span: Span::new(line.span.start + offset, line.span.start + end),
            span: line.span,
        });
    }
    out
}

/// Sections from the heading lines among `blocks`, ending at line `body_end_line`.
fn build_sections(
    text: &str,
    lines: &[Line],
    blocks: &[(usize, usize)],
    body_end_line: usize,
) -> Vec<Section> {
    let body_end_byte = |line: usize| -> usize {
        // End of the last non-blank line before `line`.
        lines[..line.min(lines.len())]
            .iter()
            .rev()
            .find(|l| l.kind != LineKind::Blank)
            .map_or(0, |l| l.span.end)
    };
    let Some(&(first_line, _)) = blocks.first() else {
        return Vec::new();
    };
    if first_line >= body_end_line {
        return Vec::new();
    }
    let mut sections = Vec::new();
    let headings: Vec<usize> = blocks
        .iter()
        .map(|b| b.0)
        .filter(|&l| l < body_end_line && matches!(lines[l].kind, LineKind::Heading(_)))
        .collect();
    // Untitled text before the first heading.
    let intro_end_line = headings.first().copied().unwrap_or(body_end_line);
    if intro_end_line > first_line {
        let span = Span::new(lines[first_line].span.start, body_end_byte(intro_end_line));
        if !span.is_empty() {
            if headings.is_empty() && span.len_bytes() > SPLIT_UNTITLED_ABOVE_BYTES {
                sections.extend(split_into_parts(text, lines, first_line, intro_end_line));
            } else {
                sections.push(Section {
                    title: String::new(),
                    level: 1,
                    heading: None,
                    body: span,
                });
            }
        }
    }
    for (i, &h) in headings.iter().enumerate() {
        let LineKind::Heading(level) = lines[h].kind else {
            continue;
        };
        let next = headings.get(i + 1).copied().unwrap_or(body_end_line);
        let body_start = lines[h + 1..next]
            .iter()
            .find(|l| l.kind != LineKind::Blank)
            .map(|l| l.span.start);
        let body = match body_start {
            Some(start) => Span::new(start, body_end_byte(next).max(start)),
            None => Span::new(lines[h].span.end, lines[h].span.end),
        };
        sections.push(Section {
            title: clean_heading(lines[h].span.slice(text)),
            level,
            heading: Some(lines[h].span),
            body,
        });
    }
    sections
}

/// Splits a long headingless text into parts of whole paragraphs (an enormous paragraph into
/// parts of whole sentences, see [`cut_oversized_part`]).
fn split_into_parts(
    text: &str,
    lines: &[Line],
    first_line: usize,
    end_line: usize,
) -> Vec<Section> {
    let mut parts = Vec::new();
    let mut part_start: Option<usize> = None;
    let mut last_end = 0;
    let mut i = first_line;
    while i < end_line {
        let line = lines[i];
        if line.kind != LineKind::Blank {
            let start = *part_start.get_or_insert(line.span.start);
            last_end = line.span.end;
            let at_paragraph_end =
                lines.get(i + 1).is_none_or(|l| l.kind == LineKind::Blank) || i + 1 == end_line;
            if at_paragraph_end && last_end - start >= PART_TARGET_BYTES {
                parts.push(Span::new(start, last_end));
                part_start = None;
            }
        }
        i += 1;
    }
    if let Some(start) = part_start {
        // A short tail joins the previous part.
        match parts.last_mut() {
            Some(prev) if last_end - start < PART_TARGET_BYTES / 3 => prev.end = last_end,
            _ => parts.push(Span::new(start, last_end)),
        }
    }
    let parts: Vec<Span> = parts
        .into_iter()
        .flat_map(|part| cut_oversized_part(text, part))
        .collect();
    let count = parts.len();
    parts
        .into_iter()
        .enumerate()
        .map(|(i, body)| Section {
            title: if count > 1 {
                format!("Part {}", i + 1)
            } else {
                String::new()
            },
            level: if count > 1 { 2 } else { 1 },
            heading: None,
            body,
        })
        .collect()
}

/// A part longer than this (a file without blank lines, or without any newline) is cut.
const MAX_PART_BYTES: usize = 64 * 1024;

/// Cuts a part over [`MAX_PART_BYTES`] after the last ". " of each stretch of that size (else
/// at the last line end or space, else anywhere on a character boundary), so that no part is too long to
/// read or lay out; parts within the limit come back as they are.
fn cut_oversized_part(text: &str, part: Span) -> Vec<Span> {
    let mut out = Vec::new();
    let mut start = part.start;
    while part.end.saturating_sub(start) > MAX_PART_BYTES {
        let mut window_end = start + MAX_PART_BYTES;
        while !text.is_char_boundary(window_end) {
            window_end -= 1;
        }
        let window = text.get(start..window_end).unwrap_or_default();
        let cut = window
            .rfind(". ")
            .map(|at| at + 1)
            .or_else(|| window.rfind('\n'))
            .or_else(|| window.rfind(char::is_whitespace))
            .filter(|&at| at > 0)
            .unwrap_or(window.len());
        let end = start + cut;
        out.push(Span::new(start, end));
        let rest = text.get(end..part.end).unwrap_or_default();
        start = end + (rest.len() - rest.trim_start().len());
    }
    if start < part.end {
        out.push(Span::new(start, part.end));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_enormous_paragraph_is_cut_into_parts_at_sentence_ends() {
        let sentence = "The river rose 3.2 metres in 2019. ";
        let text = sentence.repeat(20_000);
        let text = text.trim_end();
        let s = structure_document(text, &[], true);
        assert!(s.sections.len() >= 10, "{} parts", s.sections.len());
        assert_eq!(s.sections[0].title, "Part 1");
        for section in &s.sections {
            let body = section.body.slice(&s.text);
            assert!(body.len() <= MAX_PART_BYTES, "{}", body.len());
            assert!(
                body.starts_with("The river") && body.ends_with("2019."),
                "{body:?}"
            );
        }
        // No space at all: cut on character boundaries, nothing lost.
        let solid = "é".repeat(100_000);
        let s = structure_document(&solid, &[], true);
        let joined: String = s.sections.iter().map(|x| x.body.slice(&s.text)).collect();
        assert_eq!(joined, solid);
    }

    #[test]
    fn a_bracket_holding_only_white_space_is_no_reference_label() {
        for blank in ["[\t]", "[ ]", "[\u{A0}]", "[\u{3000}]"] {
            let line = format!("{blank} Lee, M., “Annual report,” Basin Authority, 2024.");
            let (label, rest) = split_reference_label(&line);
            assert_eq!(label, None, "{line:?}");
            assert!(rest.starts_with(blank), "{rest:?}");
        }
        let (label, rest) = split_reference_label("[12] Lee, M., 2024.");
        assert_eq!((label.as_deref(), rest), (Some("12"), "Lee, M., 2024."));
        // A list whose entries start so keeps no blank label (a fuzzing find).
        let text = "Body text of the article.\n\n[\t] Lee, M., “Annual report,” Basin Authority, 2024.\n[2] Kim, J., “Water,” Press, 2019.";
        let s = structure_document(text, &[], true);
        assert!(
            s.references.iter().all(|r| !r.label.trim().is_empty()),
            "{:?}",
            s.references
        );
    }

    fn titles(s: &Structured) -> Vec<(&str, u8)> {
        s.sections
            .iter()
            .map(|x| (x.title.as_str(), x.level))
            .collect()
    }

    #[test]
    fn plain_headings_are_found_like_a_reader_would() {
        let text = "My Report\n\nIntro text here. It has two sentences.\n\nBackground\n\nSome words.\n\n2.1 Prior Work\n\nMore words.\n\nIt worked.\n\nThe end of it all.";
        let s = structure_document(text, &[], true);
        assert_eq!(s.title.as_deref(), Some("My Report"));
        assert_eq!(
            titles(&s),
            vec![("", 1), ("Background", 2), ("2.1 Prior Work", 3)]
        );
        assert_eq!(
            s.sections[2].body.slice(&s.text),
            "More words.\n\nIt worked.\n\nThe end of it all."
        );
    }

    #[test]
    fn short_sentences_and_list_items_are_not_headings() {
        assert_eq!(is_plain_heading("It worked."), None);
        assert_eq!(is_plain_heading("Thanks to everyone who came"), None);
        assert_eq!(is_plain_heading("- Buy Milk"), None);
        assert_eq!(is_plain_heading("1) Apples And Pears"), None);
        assert_eq!(is_plain_heading("Smith, John, “A Book,” Press, 2019"), None);
        assert_eq!(
            is_plain_heading("Analysis of the Strength of the Alliance"),
            Some(2)
        );
        assert_eq!(is_plain_heading("II. Background"), Some(2));
        assert_eq!(is_plain_heading("Chapter 3"), Some(2));
        assert_eq!(is_plain_heading("INTRODUCTION"), Some(2));
    }

    #[test]
    fn chrome_is_removed_and_kept_out_of_the_title() {
        let text = "Skip to main content\nMonthly Archives: September 2019\n\nThe Real Title\n\n\nBody text is here.\n\nShare this:\n\nMore body.";
        let s = structure_document(text, &[], true);
        assert_eq!(s.title.as_deref(), Some("The Real Title"));
        assert_eq!(
            s.removed_chrome,
            vec![
                "Skip to main content",
                "Monthly Archives: September 2019",
                "Share this:"
            ]
        );
        assert!(!s.text.contains("Skip"));
        assert_eq!(s.text, "The Real Title\n\nBody text is here.\n\nMore body.");
    }

    #[test]
    fn chrome_lines_are_found_in_any_case_and_prose_is_not() {
        for chrome in [
            "SKIP TO MAIN CONTENT",
            "« Previous",
            "Share This Article: ….",
            "Next »",
            "TAGS: economy, trade",
            "We Use Cookies to improve your experience.",
            "© 2024 The Daily Example",
            "Copyright © 2020 Example Media",
            "Example Media 2021. ALL RIGHTS RESERVED",
            "Étude Média — all rights reserved",
        ] {
            assert!(is_chrome_line(chrome), "{chrome:?}");
        }
        for prose in [
            "Exports rose 12% in 2019, according to the ministry.",
            "Share prices fell.",
            "Home prices rose in every region last year.",
            "The menu was short.",
            "All rights reserved, the author says, belong to the publisher of this long line that goes on and on past the limit of one hundred and twenty characters all rights reserved",
        ] {
            assert!(!is_chrome_line(prose), "{prose:?}");
        }
    }

    #[test]
    fn trailing_reference_list_without_heading_is_found() {
        let text = "Title Line\n\nBody says something.1 And more.2\n\nSmith, John, “First Book,” Big Press, May 2, 2019,\nDoe, Jane, “Second Paper,” Journal, 2020.";
        let s = structure_document(text, &[], true);
        assert_eq!(s.references.len(), 2);
        assert_eq!(s.references[0].label, "1");
        assert!(
            s.references[1]
                .text_span
                .slice(&s.text)
                .starts_with("Doe, Jane")
        );
        assert_eq!(s.sections.len(), 1);
        assert_eq!(
            s.sections[0].body.slice(&s.text),
            "Body says something.1 And more.2"
        );
    }

    #[test]
    fn headed_reference_list_keeps_its_own_labels() {
        let text = "Title\n\nBody.\n\nReferences\n\n[3] Smith 2019.\n[7] Doe 2020.";
        let s = structure_document(text, &[], true);
        let labels: Vec<_> = s.references.iter().map(|r| r.label.as_str()).collect();
        assert_eq!(labels, vec!["3", "7"]);
        assert_eq!(s.references[0].text_span.slice(&s.text), "Smith 2019.");
        assert_eq!(titles(&s), vec![("", 1)]);
    }

    #[test]
    fn marked_headings_from_markup_make_sections() {
        let text = "Doc Title\n\nIntro.\n\nPart A\n\nText a.";
        let headings = [
            MarkedHeading {
                level: 1,
                span: Span::new(0, 9),
            },
            MarkedHeading {
                level: 2,
                span: Span::new(19, 25),
            },
        ];
        let s = structure_document(text, &headings, false);
        assert_eq!(s.title.as_deref(), Some("Doc Title"));
        assert_eq!(titles(&s), vec![("", 1), ("Part A", 2)]);
        assert_eq!(s.sections[1].body.slice(&s.text), "Text a.");
    }

    #[test]
    fn long_headingless_text_is_split_into_parts() {
        let para = "This is a plain sentence of prose that goes on. ".repeat(20);
        let text = [para.trim(); 12].join("\n\n");
        let s = structure_document(&text, &[], true);
        assert!(s.sections.len() > 1);
        assert_eq!(s.sections[0].title, "Part 1");
        let covered: usize = s.sections.iter().map(|x| x.body.len_bytes()).sum();
        assert!(covered + 2 * s.sections.len() >= s.text.len());
    }

    #[test]
    fn empty_and_whitespace_text_give_no_sections() {
        assert!(structure_document("", &[], true).sections.is_empty());
        assert!(
            structure_document("\n\n  \n", &[], true)
                .sections
                .is_empty()
        );
    }
}

#[cfg(test)]
mod case_tests {
    use super::*;

    /// Lines mixing every mark with letter case, the Kelvin sign, Turkish `İ`/`ı`, `ß` and
    /// other characters whose lowercase differs in length or script.
    fn tricky_lines() -> Vec<String> {
        let marks = [
            "http://",
            "HTTPS://",
            "hTtP://",
            "DOI:",
            "Doi.Org",
            "WWW.",
            "Et Al.",
            " PP.",
            " Vol.",
            "RETRIEVED ",
            "Ibid",
            "İbid",
            "ıbid",
            "DOİ:",
            "doı:",
            "ET AL",
            " pp",
            "retrieved",
            "ww.",
            "htp://",
            "\u{212A}",
            "ẞ",
            "ß",
            "Σ",
            "ǅ",
            "ﬀ",
            "İ",
        ];
        let heads = [
            "",
            "[12] ",
            "3. ",
            "^7 ",
            "Smith, John ",
            "Ölçek, İsmail ",
            "ÉCOLE Normale, ",
            "\u{212A}elvin, Ann ",
            "“Quoted” ",
            "A line of ordinary prose ",
        ];
        let tails = [
            "",
            " 2019",
            " (n.d.)",
            " 1850.",
            " x",
            ", İstanbul 2001",
            " ǅ",
        ];
        let mut out = Vec::new();
        for head in heads {
            for (i, a) in marks.iter().enumerate() {
                for tail in tails {
                    out.push(format!("{head}{a}{tail}"));
                    let b = marks[(i * 7 + 3) % marks.len()];
                    out.push(format!("{head}{a}x{b}{tail}"));
                    out.push(format!("{head}{b} {a}{tail}"));
                }
            }
        }
        out.push("ET AL. 2019 PP. 4, VOL. 3".to_owned());
        out.push("Smith, J. (2019). Title. Retrieved from www.example.org".to_owned());
        out.push("[1] Jones, A., et al., “On Things,” J. Stuff, vol. 3, pp. 1–9, 2020".to_owned());
        out
    }

    /// The score as first written: lowercase the rest of the line, then search it.
    fn lowercasing_score(line: &str) -> u32 {
        let line = line.trim();
        if line.len() < 12 || line.len() > 800 {
            return 0;
        }
        let mut score = 0;
        let (label, rest) = split_reference_label(line);
        score += u32::from(label.is_some());
        score += u32::from(has_year(rest));
        score += u32::from(rest.contains('“') || rest.contains(" \"") || rest.starts_with('"'));
        score += u32::from(starts_with_name_and_comma(rest));
        let lower = rest.to_lowercase();
        score += u32::from(
            ["http://", "https://", "doi:", "doi.org", "www."]
                .iter()
                .any(|m| lower.contains(m)),
        );
        score += u32::from(
            ["et al.", " pp.", " vol.", "retrieved ", "ibid"]
                .iter()
                .any(|m| lower.contains(m)),
        );
        score
    }

    #[test]
    fn entry_marks_match_the_separate_tests() {
        let pieces = [
            "1",
            "2",
            "0",
            "5",
            "9",
            "19",
            "20",
            "14",
            "2024",
            "1999",
            "1499",
            "12345",
            " ",
            ",",
            "\"",
            " \"",
            "“",
            "”",
            "\u{2018}",
            "—",
            "\u{E2}",
            "n.d.",
            "N.D.",
            "n.d",
            "n",
            "é",
            "\u{212A}",
            "İ",
            "\r\n",
            "\u{2028}",
            "x",
            "http://",
            "HTTPS://",
            "htt",
            "doi:",
            "DOİ:",
            "doi.org",
            "www.",
            "WWW",
            "et al.",
            "ET AL.",
            " pp.",
            " PP",
            " vol.",
            " VOL.",
            "retrieved ",
            "Retrieved",
            "ibid",
            "İbid",
            "IBID",
        ];
        for text in
            crate::core::test_text::mixed_strings(&pieces, 0x9E37_79B9_7F4A_7C15, 40_000, 10)
        {
            let (link, citation) = link_and_citation_marks(&text);
            let expected = EntryMarks {
                year: has_year(&text),
                quote: text.contains('“') || text.contains(" \"") || text.starts_with('"'),
                link,
                citation,
            };
            assert_eq!(entry_marks(&text), expected, "{text:?}");
        }
    }

    #[test]
    fn a_capped_entry_score_is_the_score_up_to_its_cap() {
        let pieces = [
            "Smith, J. ",
            "[3] ",
            "12. ",
            "(2019). ",
            "n.d. ",
            "“Title,” ",
            " \"Title\" ",
            "Journal 12(3), ",
            " pp. 45–67. ",
            "https://doi.org/10.1/x ",
            "www.example.org ",
            "et al. ",
            "Retrieved May 2. ",
            "Ibid. ",
            "words of running prose ",
            "é ",
        ];
        let mut scores = [0usize; 8];
        for line in
            crate::core::test_text::mixed_strings(&pieces, 0x2545_F491_4F6C_DD1D, 40_000, 12)
        {
            let score = reference_entry_score(&line);
            for cap in 0..=6 {
                assert_eq!(
                    reference_entry_score_up_to(&line, cap),
                    score.min(cap),
                    "{line:?} capped at {cap}"
                );
            }
            scores[(score as usize).min(7)] += 1;
        }
        assert!(
            scores[0] > 100 && scores[2] > 100 && scores[4] > 100,
            "lines of every score: {scores:?}"
        );
    }

    #[test]
    fn reference_entry_score_matches_lowercasing_on_tricky_case() {
        for line in tricky_lines() {
            assert_eq!(
                reference_entry_score(&line),
                lowercasing_score(&line),
                "{line:?}"
            );
        }
        assert_eq!(reference_entry_score("Smith, J. ET AL. HTTPS://x.org"), 3);
        assert_eq!(
            reference_entry_score("Notes on the İbid and DOİ: things"),
            0
        );
    }

    #[test]
    fn heading_words_are_lowercased_exactly() {
        // Kelvin sign: lowercases to "k", so "BOO\u{212A}" is the word "book".
        assert_eq!(is_plain_heading("BOO\u{212A} 3"), Some(2));
        assert_eq!(is_plain_heading("Book IV"), Some(2));
        assert_eq!(is_plain_heading("CHAPTER 3"), Some(2));
        assert_eq!(is_plain_heading("ChApTeR XII"), Some(2));
        // Turkish capital I with dot: "SECTİON" lowercases to "secti̇on", not "section".
        assert_eq!(is_plain_heading("SECTİON 3"), Some(2));
        assert_eq!(is_plain_heading("Sectİon 3 of it"), None);
        assert_eq!(is_plain_heading("Section 3"), Some(2));
        // Minor words stay lower-case in Title Case, whatever their case.
        assert_eq!(is_plain_heading("Strength of the Alliance"), Some(2));
        assert_eq!(is_plain_heading("Strength OF THE Alliance"), Some(2));
        assert_eq!(is_plain_heading("Strength of the alliance"), None);
        assert_eq!(is_plain_heading("Strength İn the alliance"), None);
        assert_eq!(
            is_plain_heading("War ın the Old Alliance and the New Order Today"),
            Some(2)
        );
        assert_eq!(
            is_plain_heading("War ın the old alliance and the new"),
            None
        );
        assert_eq!(is_plain_heading("Ölçek İçin Yöntem"), Some(2));
        assert_eq!(
            is_plain_heading("Strength of \u{212A}ings and Queens"),
            Some(2)
        );
        assert_eq!(is_plain_heading("ÉCOLE ET SOCIÉTÉ"), Some(2));
        assert_eq!(is_plain_heading("1.2 Results and Discussion"), Some(3));
        assert_eq!(is_plain_heading("1) Results And Discussion"), None);
    }

    #[test]
    fn long_lines_are_never_chrome() {
        let menu = format!("Menu{}", " ".repeat(10));
        assert!(is_chrome_line(&menu));
        let wide = format!("Copyright © {}", "é".repeat(110));
        assert!(!is_chrome_line(&wide));
        let narrow = format!("Copyright © {}", "é".repeat(95));
        assert!(is_chrome_line(&narrow));
        let cookie = format!("We use cookies {}", "é".repeat(180));
        assert!(is_chrome_line(&cookie));
        let cookie = format!("We use cookies {}", "é".repeat(190));
        assert!(!is_chrome_line(&cookie));
        assert!(is_chrome_line("ALL RIGHTS RESERVED"));
        assert!(is_chrome_line("© 2020 Someone. All rights reserved."));
        assert!(is_chrome_line("SKİP TO CONTENT") == is_chrome_line("SKİP TO CONTENT "));
    }

    #[test]
    fn chrome_patterns_match_by_first_letter_in_any_case() {
        for chrome in [
            "© 2020 Someone",
            "Copyright © 2020",
            "COPYRIGHT © 2020",
            "« Previous",
            "Next »",
            "TWEET",
            "Tags: rivers, floods",
            "TAGGED: x",
            "We Use Cookies to improve",
            "YOU MUST BE LOGGED IN to comment",
            "Share This:",
        ] {
            assert!(is_chrome_line(chrome), "{chrome:?}");
        }
        for prose in [
            "©2020 Someone",
            "(c) 2020 Someone",
            "Ⓒ 2020",
            "\u{212A}eep reading",
            "SKİP TO CONTENT",
            "İ",
            "Tagsx: a",
            "Nexts",
            "é",
            "ß",
            "Tweets",
        ] {
            assert!(!is_chrome_line(prose), "{prose:?}");
        }
    }

    /// [`is_chrome_line`] as it was before the patterns were sorted by first letter: every
    /// pattern tried in turn, its first letter compared. What the fast one is tested against.
    fn chrome_by_scanning(line: &str) -> bool {
        let line = line.trim();
        // A line of at most 200 bytes has at most 200 characters: count only longer ones.
        if line.is_empty() || (line.len() > 200 && line.chars().count() > 200) {
            return false;
        }
        // The line is compared lowercased character by character, each comparison stopping at
        // the first difference, instead of lowercasing the whole line (the patterns are short).
        let bare = line
            .trim_end_matches([':', '.', '…', '!', ' ', '»', '›', '→'])
            .trim_start_matches(['«', '‹', '←', ' ']);
        // Most lines are ruled out by their first letter.
        let first_lower = |text: &str| match text.as_bytes().first() {
            Some(b) if b.is_ascii() => Some(char::from(b.to_ascii_lowercase())),
            _ => text.chars().flat_map(char::to_lowercase).next(),
        };
        let (line_first, bare_first) = (first_lower(line), first_lower(bare));
        let starts_with =
            |p: &str| p.chars().next() == line_first && lowercase_starts_with(line, p);
        let ends_with = |p: &str| lowercase_ends_with(line, p);
        const EXACT: &[&str] = &[
            "skip to main content",
            "skip to content",
            "skip to navigation",
            "skip navigation",
            "jump to navigation",
            "jump to content",
            "toggle navigation",
            "main menu",
            "primary menu",
            "menu",
            "search",
            "search for",
            "share this",
            "share",
            "share this article",
            "share this post",
            "share this story",
            "share this page",
            "share on facebook",
            "share on twitter",
            "tweet",
            "like this",
            "loading",
            "related posts",
            "related articles",
            "related",
            "leave a comment",
            "leave a reply",
            "post navigation",
            "advertisement",
            "back to top",
            "scroll to top",
            "subscribe",
            "sign in",
            "log in",
            "home",
            "accept cookies",
            "accept all cookies",
            "accept all",
            "reject all",
            "cookie settings",
            "manage cookies",
            "follow us",
            "print",
            "email",
            "facebook",
            "twitter",
            "linkedin",
            "reddit",
            "pinterest",
            "whatsapp",
            "like",
            "posts navigation",
            "navigation",
            "close",
            "open menu",
            "close menu",
            "previous",
            "next",
        ];
        // Lowercasing never shortens a line in characters: one of more than 84 bytes (over 21
        // characters) is longer than every exact pattern.
        if bare.len() <= 84
            && EXACT
                .iter()
                .any(|e| e.chars().next() == bare_first && lowercase_equals(bare, e))
        {
            return true;
        }
        const PREFIXES: &[&str] = &[
            "monthly archives:",
            "category archives:",
            "tag archives:",
            "yearly archives:",
            "daily archives:",
            "author archives:",
            "archives:",
            "filed under:",
            "posted in:",
            "tagged:",
            "tags:",
            "categories:",
            "click to share on",
            "previous post:",
            "next post:",
            "previous article:",
            "next article:",
            "you must be logged in",
            "share this:",
        ];
        if PREFIXES.iter().any(|p| starts_with(p)) && line.chars().count() <= 120 {
            return true;
        }
        const COOKIE: &[&str] = &[
            "this website uses cookies",
            "this site uses cookies",
            "we use cookies",
            "by continuing to use this",
            "by using this site, you agree",
            "this website stores cookies",
        ];
        if COOKIE.iter().any(|p| starts_with(p)) {
            return true;
        }
        (starts_with("copyright ©") || starts_with("© ") || ends_with("all rights reserved"))
            && line.chars().count() <= 120
    }

    #[test]
    fn chrome_lines_match_the_scan_of_every_pattern() {
        let mut pieces: Vec<&str> = CHROME_EXACT.to_vec();
        pieces.extend_from_slice(CHROME_PREFIXES);
        pieces.extend_from_slice(CHROME_COOKIE);
        pieces.extend_from_slice(&[
            "Copyright © ",
            "© ",
            "all rights reserved",
            "All Rights Reserved",
            "SHARE",
            "Tags:",
            "We Use",
            " ",
            ":",
            ".",
            "…",
            "!",
            "»",
            "›",
            "→",
            "«",
            "‹",
            "←",
            "İ",
            "\u{212A}",
            "é",
            "x",
            "2020 ",
            "word ",
            "a fairly long piece of ordinary prose, ",
        ]);
        for pattern in pieces.iter().take(CHROME_EXACT.len() + 25) {
            assert!(chrome_by_scanning(pattern), "{pattern:?}");
        }
        for line in
            crate::core::test_text::mixed_strings(&pieces, 0x51_7CC1_B727_220A, 30_000, 6).chain(
                crate::core::test_text::mixed_strings(&pieces, 0x2545_F491_4F6C_DD1D, 3_000, 40),
            )
        {
            assert_eq!(is_chrome_line(&line), chrome_by_scanning(&line), "{line:?}");
        }
        // Long lines that start or end like chrome, around the 120 and 200 character limits.
        for pattern in pieces.iter().take(CHROME_EXACT.len() + 25) {
            for filler in [".", "x", "é"] {
                for n in [100, 115, 121, 190, 199, 200, 201, 250, 900] {
                    for line in [
                        format!("{pattern}{}", filler.repeat(n)),
                        format!("{}{pattern}", filler.repeat(n)),
                        format!("{pattern} {} all rights reserved", filler.repeat(n)),
                    ] {
                        assert_eq!(is_chrome_line(&line), chrome_by_scanning(&line), "{line:?}");
                    }
                }
            }
        }
        for list in [CHROME_EXACT, CHROME_PREFIXES, CHROME_COOKIE] {
            assert!(list.iter().all(|p| p.is_ascii() && *p == p.to_lowercase()));
            assert!(
                list.windows(2)
                    .all(|w| w[0].as_bytes()[0] <= w[1].as_bytes()[0])
            );
        }
    }

    #[test]
    fn lines_split_at_every_newline() {
        for (text, expected) in [
            ("", ""),
            ("\n", ""),
            ("\n\nTitle\n", "Title"),
            ("A b c.\nD e f.\n\n\nG h.  \n", "A b c.\nD e f.\n\nG h."),
            ("Menu\nBody text here.\nShare\n", "Body text here."),
            ("x\n\u{212A}\n\n  \nİ\n", "x\n\u{212A}\n\nİ"),
        ] {
            assert_eq!(
                structure_document(text, &[], true).text,
                expected,
                "{text:?}"
            );
        }
        let heading = MarkedHeading {
            level: 2,
            span: Span::new(1, 6),
        };
        let s = structure_document("\nIntro\nBody one.\n", &[heading], false);
        assert_eq!(s.title.as_deref(), Some("Intro"));
    }

    #[test]
    fn names_before_the_first_comma() {
        assert!(starts_with_name_and_comma("Smith, John"));
        assert!(starts_with_name_and_comma("Ölçek İsmail, 2001"));
        assert!(starts_with_name_and_comma("\u{212A}elvin, A"));
        assert!(starts_with_name_and_comma("A B C D E F, x"));
        assert!(!starts_with_name_and_comma("A B C D E F G, x"));
        assert!(!starts_with_name_and_comma("A b, x"));
        assert!(!starts_with_name_and_comma("ıbid, x"));
        assert!(!starts_with_name_and_comma(", x"));
        assert!(!starts_with_name_and_comma("  , x"));
        assert!(!starts_with_name_and_comma("Smith John"));
        assert!(!starts_with_name_and_comma("Smith 3, x"));
        assert!(starts_with_name_and_comma("Smith\u{3000}John, x"));
    }
}
