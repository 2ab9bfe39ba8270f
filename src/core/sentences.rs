//! English sentence splitting for article prose.
//!
//! [`split_sentences`] cuts a text into [`SentenceSpan`]s: byte ranges of trimmed sentences, plus
//! any footnote markers glued to a sentence's end ("…the Korean War.2 The next…").
//! [`split_sentence_texts`] returns just the sentence strings.
//!
//! The splitter is one hand-written forward scan, linear in the input and without regexes: it
//! visits only candidate bytes (`.` `!` `?`, newlines, `…`, bullets, CJK full stops) and decides
//! each one from a few bytes of context on either side. The rules:
//!
//! - A blank line always ends a sentence. A single newline ends one when the next line is a list
//!   item, when either line is a table row (a tab, or two spaces after a letter or digit), or
//!   when the line stands alone: the paragraph is not hard-wrapped, or the next line's first
//!   word would have fitted on this line (a heading such as "Introduction"). It never does when
//!   the next line starts lowercase or the line ends in a hyphen.
//! - `.` `!` `?` end a sentence when followed (after closing quotes and brackets) by whitespace and
//!   a capitalised word, a digit or a symbol; never before a lowercase word ("Yahoo! in…",
//!   "'This is great.' she said"). After a period the word before matters: titles (Mr., Dr.,
//!   Gen.) never end a sentence; other abbreviations (Inc., etc., U.S., Jan.) and initials end one
//!   only before a common sentence opener ("The", "It", "How"…); "I." ends one unless it follows a
//!   capitalised name ("Albert I. Jones"); a.m./p.m. and B.C./A.D. end one unless they close a
//!   short opening phrase ("At 5 a.m. Mr. Smith went…") or a time zone follows ("p.m. EST");
//!   a unit after a number ends one before a capital ("5 lb. Tom…") but not before another
//!   measure ("5 ft. 3 in."). Numbers, URLs and e-mail addresses end a sentence only at a period
//!   followed by whitespace, so inner dots never split. With the space missing ("world.Today"),
//!   a sentence still ends before a common opener.
//! - Ellipses: "..." and "…" end a sentence only before a capitalised word or digit; ". . ." after a
//!   space never does; a fourth dot is a period ("that.... She", "a period . . . . Next");
//!   "word. . . . The" ends after the first dot and the next sentence opens with ". . .";
//!   bracketed "[...]" never does.
//! - Lists: a sentence may open with a marker (`1.`, `1)`, `1.)`, `(a)`, `a.`, `iv.`, `1.E.1.`,
//!   `•`, `-`); the marker's own period is not a sentence end, and the next marker of the same
//!   series (" 2. ", " b. ") starts a new sentence even without punctuation before it; a bullet
//!   after a space always does.
//! - Reference entries: a line opening like a bibliography entry ("Lukin, Artyom. 2019. …",
//!   "Snyder, Scott, “Title?” …") is kept whole, one sentence per line.
//! - Footnote markers: 1–3 digits (comma-separated groups allowed), superscript digits or
//!   bracketed numbers (`[2]`) glued right after a sentence's final punctuation, and bracketed
//!   numbers set off by a space ("…a gas. [1] It…"). Bracketed and superscript markers count
//!   whenever a sentence can end there. Plain digits look like a decimal, so they count only when
//!   followed by whitespace and a capitalised prose word (capital then lowercase, or "I"/"A"), or
//!   by the paragraph's end after a word (not a number). After a number they also need a single
//!   space, no money sign or thousands comma, and a whole part other than 0. So "grew 3.5
//!   percent", "version 2.0 is", "2.5 GHz", "$1,000.25 The", "0.61⏎Ours" and a paragraph ending in
//!   "Python 3.12" stay decimals, while "Resolution 84.1 This" and "April 2019.6 Indeed" read as a
//!   sentence end plus a footnote: in prose, a decimal followed by a capitalised word is far more
//!   often a footnote. The price: "in 2019.5 Percent…" with a capital P would be misread (the
//!   lowercase "in 2019.5 percent" is not).

/// One sentence found in a text: a byte span (trimmed of surrounding whitespace) plus
/// footnote markers that were glued to its end and are not part of its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SentenceSpan {
    /// Byte offset of the sentence's first character in the input.
    pub start: usize,
    /// Byte offset just past the sentence's last character (footnote markers excluded).
    pub end: usize,
    /// Footnote numbers glued to the sentence's end, e.g. `["2"]` for "…Korean War.2 The next…".
    pub footnotes: Vec<String>,
    /// Byte offset just past the footnote markers (equal to `end` when there are none).
    pub footnotes_end: usize,
}

impl SentenceSpan {
    /// The sentence's text within `source`, the string it was split from (empty if out of range).
    pub fn text<'t>(&self, source: &'t str) -> &'t str {
        source.get(self.start..self.end).unwrap_or_default()
    }
}

/// Splits `text` into sentences, in text order; see the module docs for the rules.
pub fn split_sentences(text: &str) -> Vec<SentenceSpan> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(text.len() / 128 + 1);
    let mut lines: Vec<LineInfo> = Vec::new();
    let mut line_start = 0;
    loop {
        let line_end = find_newline(text, line_start, bytes.len()).unwrap_or(bytes.len());
        let line = text.get(line_start..line_end).unwrap_or_default();
        match LineInfo::measure(line, line_start, line_end) {
            Some(info) => lines.push(info),
            None => {
                // A blank line: the paragraph so far is complete.
                split_paragraph(text, &lines, &mut out);
                lines.clear();
            }
        }
        if line_end >= bytes.len() {
            break;
        }
        line_start = line_end + 1;
    }
    split_paragraph(text, &lines, &mut out);
    out
}

/// Convenience: the sentence strings of `text`, in order (footnote markers left out).
pub fn split_sentence_texts(text: &str) -> Vec<&str> {
    split_sentences(text)
        .iter()
        .filter_map(|span| text.get(span.start..span.end))
        .collect()
}

/// Tokens longer than this (URLs, base64) are never treated as abbreviations.
const MAX_TOKEN_BYTES: usize = 64;
/// Stands for "no such position" in the scanner's optional offsets.
const NO_POSITION: usize = usize::MAX;

/// Layout of one non-blank line, used to tell hard-wrapped prose from stand-alone lines.
#[derive(Debug, Clone, Copy)]
struct LineInfo {
    /// First non-whitespace byte.
    start: usize,
    /// Offset of the line's `\n` (or the text's end).
    break_at: usize,
    len_chars: usize,
    first_word_chars: usize,
    starts_lowercase: bool,
    ends_with_hyphen: bool,
    /// Has a tab or a double space after a letter or digit: a table row or aligned columns.
    has_column_gap: bool,
}

impl LineInfo {
    /// Measures `line` (which starts at byte `line_start`); `None` for a blank line.
    fn measure(line: &str, line_start: usize, break_at: usize) -> Option<Self> {
        let from_first = line.trim_start();
        if from_first.is_empty() {
            return None;
        }
        let content = from_first.trim_end();
        let first_word = content
            .split(char::is_whitespace)
            .next()
            .unwrap_or_default();
        let mut tail = content.chars().rev();
        let ends_with_hyphen =
            tail.next() == Some('-') && tail.next().is_some_and(char::is_alphabetic);
        Some(Self {
            start: line_start + (line.len() - from_first.len()),
            break_at,
            len_chars: content.chars().count(),
            first_word_chars: first_word.chars().count(),
            starts_lowercase: content.chars().next().is_some_and(char::is_lowercase),
            ends_with_hyphen,
            has_column_gap: (content.contains("  ") || content.contains('\t'))
                && content.as_bytes().windows(3).any(|w| match w {
                    [before, b' ', b' '] => before.is_ascii_alphanumeric() || *before == b'%',
                    [_, b'\t', _] => true,
                    _ => false,
                }),
        })
    }
}

/// Whether the next line's first word would have fitted on `line`, i.e. the break was a choice
/// rather than a wrap. `max_chars` stands in for the wrap width.
fn next_word_would_fit(line: &LineInfo, next: &LineInfo, max_chars: usize) -> bool {
    10 * (line.len_chars + 1 + next.first_word_chars) <= 9 * max_chars
        || 3 * line.len_chars <= 2 * max_chars
}

fn split_paragraph(text: &str, lines: &[LineInfo], out: &mut Vec<SentenceSpan>) {
    let (Some(first), Some(last)) = (lines.first(), lines.last()) else {
        return;
    };
    let end = text
        .get(..last.break_at)
        .map_or(last.break_at, |s| s.trim_end().len());
    let max_line_chars = lines.iter().map(|l| l.len_chars).max().unwrap_or(0);
    let breaks = lines.len() - 1;
    let soft_breaks = lines
        .windows(2)
        .filter(|pair| match pair {
            [line, next] => {
                next.starts_lowercase
                    || line.ends_with_hyphen
                    || !next_word_would_fit(line, next, max_line_chars)
            }
            _ => false,
        })
        .count();
    let scan = Scanner {
        text,
        bytes: text.as_bytes(),
        lines,
        out,
        start: first.start,
        end,
        max_line_chars,
        is_wrapped: soft_breaks > 0 && soft_breaks * 2 >= breaks,
        seg_start: first.start,
        line_idx: 0,
        last_item: None,
        next_item_at: NO_POSITION,
        reference_line_end: NO_POSITION,
    };
    scan.run();
}

/// What kind of sentence-final punctuation a cluster of `.`/`!`/`?`/`…` is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Stop {
    /// A single `.`: needs the abbreviation checks.
    Period,
    /// Contains `?` or `!`.
    Strong,
    /// "..." or "…": a pause that ends a sentence only before a capital or digit.
    Ellipsis,
    /// Two dots, four or more, or an ellipsis plus a period.
    LongEllipsis,
}

/// What follows a candidate sentence end, after closing quotes/brackets and whitespace.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Next {
    /// Nothing but whitespace up to the paragraph's end.
    End,
    /// A non-space character right after the punctuation ("e.g.,", "3.14", "U.S.A").
    Glued,
    Lower,
    /// An uppercase or caseless letter starting the word `word_start..word_end`.
    Upper {
        word_start: usize,
        word_end: usize,
    },
    Digit,
    /// Continuing punctuation: `,` `;` `:` `)` dashes and the like.
    Punct,
    /// Any other symbol (currency, bullets, emoji).
    Other,
}

/// How the word before a period behaves.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum TokenClass {
    Word,
    Number,
    /// Comes before a name: never ends a sentence (Mr., Dr., Gen.).
    Title,
    /// Latin connectives that never end a sentence (vs., cf., e.g., i.e.).
    Latin,
    /// Comes before a number (No., Fig., Vol., pp.).
    NumberLabel,
    /// Other known abbreviations (Inc., etc., Jan., St.).
    Abbreviation,
    /// A single letter: an initial, "I", or "p.".
    Letter(char),
    /// Dotted initials such as U.S, E.U, a.m, B.C.
    Initials(Initials),
    /// Academic degrees that cannot be a name's initials (Ph.D., LL.M.).
    Degree,
}

/// What dotted single-letter initials stand for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Initials {
    /// a.m., p.m.
    Time,
    /// B.C., A.D., C.E., B.C.E.
    Era,
    /// U.S., E.U., J.R.R.
    Other,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum MarkerKind {
    Plain,
    Superscript,
    Bracketed,
}

/// A footnote marker glued after a sentence's final punctuation.
#[derive(Debug, Clone, Copy)]
struct Marker {
    start: usize,
    end: usize,
    kind: MarkerKind,
}

impl Marker {
    fn numbers(&self, text: &str) -> Vec<String> {
        let raw = text.get(self.start..self.end).unwrap_or_default();
        match self.kind {
            MarkerKind::Plain => raw.split(',').map(str::to_owned).collect(),
            MarkerKind::Bracketed => raw
                .split(['[', ']'])
                .filter(|n| !n.trim().is_empty())
                .map(str::to_owned)
                .collect(),
            MarkerKind::Superscript => raw
                .split(',')
                .map(|group| group.chars().filter_map(superscript_digit).collect())
                .collect(),
        }
    }
}

/// Everything after a candidate sentence end that the decision needs.
struct After {
    closers_end: usize,
    marker: Option<Marker>,
    next: Next,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ItemKind {
    Number,
    LowerLetter,
    UpperLetter,
    LowerRoman,
    UpperRoman,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ItemStyle {
    /// `1.`
    Dot,
    /// `1)`
    Paren,
    /// `1.)`
    DotParen,
    /// `(1)`
    Enclosed,
}

/// A numbered or lettered list item's label.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct ListItem {
    kind: ItemKind,
    value: u32,
    style: ItemStyle,
}

impl ListItem {
    /// The label of the item that would follow this one, e.g. "2.)" after "1.)".
    fn next_label(&self) -> Option<String> {
        let value = self.value + 1;
        let label = match self.kind {
            ItemKind::Number => value.to_string(),
            ItemKind::LowerLetter | ItemKind::UpperLetter => {
                let base = if self.kind == ItemKind::LowerLetter {
                    b'a'
                } else {
                    b'A'
                };
                let offset = u8::try_from(value - 1).ok().filter(|o| *o < 26)?;
                char::from(base + offset).to_string()
            }
            ItemKind::LowerRoman => (*ROMAN.get(usize::try_from(value - 1).ok()?)?).to_owned(),
            ItemKind::UpperRoman => ROMAN
                .get(usize::try_from(value - 1).ok()?)?
                .to_ascii_uppercase(),
        };
        Some(match self.style {
            ItemStyle::Dot => format!("{label}."),
            ItemStyle::Paren => format!("{label})"),
            ItemStyle::DotParen => format!("{label}.)"),
            ItemStyle::Enclosed => format!("({label})"),
        })
    }
}

const ROMAN: [&str; 20] = [
    "i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii", "xiii", "xiv", "xv",
    "xvi", "xvii", "xviii", "xix", "xx",
];

/// The raw label of a list marker, before letter/roman ambiguity is settled.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Label {
    Number(u32),
    Letter(u8),
    Roman(u32, bool),
}

/// A list marker at a segment's start: an optional bullet and an optional item label.
#[derive(Debug, Clone, Copy)]
struct ListMarker {
    end: usize,
    label: Option<(Label, ItemStyle)>,
}

/// Scans one paragraph (a run of non-blank lines) and appends its sentences.
struct Scanner<'t, 'o> {
    text: &'t str,
    bytes: &'t [u8],
    lines: &'o [LineInfo],
    out: &'o mut Vec<SentenceSpan>,
    start: usize,
    /// End of the paragraph's last non-whitespace character.
    end: usize,
    max_line_chars: usize,
    is_wrapped: bool,
    /// First byte of the sentence being built.
    seg_start: usize,
    line_idx: usize,
    last_item: Option<ListItem>,
    /// Where the next item of an inline list starts.
    next_item_at: usize,
    /// Line break ending a reference entry, which always ends its sentence.
    reference_line_end: usize,
}

impl Scanner<'_, '_> {
    fn run(mut self) {
        let mut i = self.start_segment(self.start);
        while i < self.end {
            if i >= self.next_item_at {
                i = self.on_list_item(i);
                continue;
            }
            let limit = self.end.min(self.next_item_at);
            let Some(j) = find_candidate(self.bytes, i, limit) else {
                i = limit;
                continue;
            };
            i = match self.bytes.get(j) {
                Some(b'.' | b'!' | b'?') => self.on_stop(j),
                Some(b'\n') => self.on_newline(j),
                Some(0xE2) => self.on_e2(j),
                Some(0xE3 | 0xEF) => self.on_fullwidth(j),
                _ => j + 1,
            };
        }
        if self.seg_start < self.end {
            self.emit(self.end, Vec::new(), None);
        }
    }

    fn byte(&self, p: usize) -> u8 {
        self.bytes.get(p).copied().unwrap_or(0)
    }

    /// The largest char boundary at or below `p`.
    fn floor_char_boundary(&self, mut p: usize) -> usize {
        while p > 0 && !self.text.is_char_boundary(p) {
            p -= 1;
        }
        p
    }

    /// The char starting at `p` (`None` at the end or inside a char); ASCII without decoding.
    fn char_at(&self, p: usize) -> Option<char> {
        match self.bytes.get(p) {
            Some(&b) if b.is_ascii() => Some(char::from(b)),
            _ => self.text.get(p..).and_then(|s| s.chars().next()),
        }
    }

    /// The char ending at `p` (`None` at the start or inside a char); ASCII without decoding.
    fn prev_char(&self, p: usize) -> Option<char> {
        match p.checked_sub(1).and_then(|q| self.bytes.get(q)) {
            Some(&b) if b.is_ascii() => Some(char::from(b)),
            _ => self.text.get(..p).and_then(|s| s.chars().next_back()),
        }
    }

    fn is_space_at(&self, p: usize) -> bool {
        match self.bytes.get(p) {
            Some(b) if b.is_ascii() => b.is_ascii_whitespace() || *b == 0x0B,
            Some(_) => self.char_at(p).is_some_and(char::is_whitespace),
            None => false,
        }
    }

    fn is_space_before(&self, p: usize) -> bool {
        self.prev_char(p).is_some_and(char::is_whitespace)
    }

    /// First non-whitespace byte at or after `p`, at most the paragraph's end.
    fn skip_space(&self, mut p: usize) -> usize {
        while p < self.end {
            match self.bytes.get(p) {
                Some(b) if b.is_ascii() => {
                    if !(b.is_ascii_whitespace() || *b == 0x0B) {
                        break;
                    }
                    p += 1;
                }
                _ => match self.char_at(p) {
                    Some(c) if c.is_whitespace() => p += c.len_utf8(),
                    _ => break,
                },
            }
        }
        p.min(self.end)
    }

    /// Records the sentence from `seg_start` to `end` (trimmed), if it is not empty.
    fn emit(&mut self, end: usize, footnotes: Vec<String>, footnotes_end: Option<usize>) {
        let start = self.seg_start;
        let mut end = end.min(self.end);
        while end > start {
            match self.prev_char(end) {
                Some(c) if c.is_whitespace() => end -= c.len_utf8(),
                _ => break,
            }
        }
        if end <= start {
            return;
        }
        self.out.push(SentenceSpan {
            start,
            end,
            footnotes,
            footnotes_end: footnotes_end.unwrap_or(end),
        });
    }

    /// Ends the current sentence at `end` and starts the next one; returns where to scan on.
    fn end_sentence(&mut self, end: usize, marker: Option<Marker>) -> usize {
        match marker {
            Some(marker) => {
                let numbers = marker.numbers(self.text);
                self.emit(end, numbers, Some(marker.end));
                self.start_segment(marker.end)
            }
            None => {
                self.emit(end, Vec::new(), None);
                self.start_segment(end)
            }
        }
    }

    /// Starts a sentence at the first non-space byte from `from`; returns where to scan on
    /// (past a list marker, or to the end of a reference entry's line).
    fn start_segment(&mut self, from: usize) -> usize {
        let s = self.skip_space(from);
        self.seg_start = s;
        if s >= self.end {
            return self.end;
        }
        if self.is_line_start(s) && self.looks_like_reference_entry(s) {
            let line_end = find_newline(self.text, s, self.end).unwrap_or(self.end);
            self.reference_line_end = line_end;
            self.next_item_at = NO_POSITION;
            return line_end;
        }
        match detect_list_marker(self.text, s, self.end) {
            Some(marker) => {
                if let Some((label, style)) = marker.label {
                    self.note_list_item(label, style, marker.end);
                }
                marker.end
            }
            None => s,
        }
    }

    fn is_line_start(&self, s: usize) -> bool {
        let mut p = s;
        while p > self.start && matches!(self.byte(p - 1), b' ' | b'\t' | b'\r') {
            p -= 1;
        }
        p <= self.start || self.byte(p - 1) == b'\n'
    }

    /// Remembers a list item and finds where the next item of its series starts in this
    /// paragraph, so that "1) first 2) second" splits before "2)".
    fn note_list_item(&mut self, label: Label, style: ItemStyle, from: usize) {
        let previous = self.last_item;
        let follows = |kind: ItemKind, value: u32| {
            previous.is_some_and(|p| p.kind == kind && p.value + 1 == value)
        };
        let item = match label {
            Label::Number(value) => ListItem {
                kind: ItemKind::Number,
                value,
                style,
            },
            Label::Roman(value, is_upper) => {
                let kind = if is_upper {
                    ItemKind::UpperRoman
                } else {
                    ItemKind::LowerRoman
                };
                ListItem { kind, value, style }
            }
            Label::Letter(letter) => {
                let is_upper = letter.is_ascii_uppercase();
                let (letter_kind, roman_kind) = if is_upper {
                    (ItemKind::UpperLetter, ItemKind::UpperRoman)
                } else {
                    (ItemKind::LowerLetter, ItemKind::LowerRoman)
                };
                let letter_value = u32::from(letter.to_ascii_lowercase() - b'a' + 1);
                let roman_value = match letter.to_ascii_lowercase() {
                    b'i' => Some(1),
                    b'v' => Some(5),
                    b'x' => Some(10),
                    _ => None,
                };
                match roman_value {
                    Some(r) if follows(roman_kind, r) || (r == 1 && !follows(letter_kind, 9)) => {
                        ListItem {
                            kind: roman_kind,
                            value: r,
                            style,
                        }
                    }
                    _ => ListItem {
                        kind: letter_kind,
                        value: letter_value,
                        style,
                    },
                }
            }
        };
        self.last_item = Some(item);
        self.next_item_at = item
            .next_label()
            .and_then(|label| self.find_list_label(&label, from))
            .unwrap_or(NO_POSITION);
    }

    /// Next occurrence of `label` standing alone (space before and after) from `from` on.
    fn find_list_label(&self, label: &str, from: usize) -> Option<usize> {
        // Inline items are short; a bounded window keeps many list-led sentences linear.
        let to = self.floor_char_boundary(self.end.min(from + 1024));
        let hay = self.text.get(from..to)?;
        let mut offset = 0;
        while let Some(k) = hay.get(offset..).and_then(|h| h.find(label)) {
            let at = from + offset + k;
            let after = at + label.len();
            if self.is_space_before(at) && (after >= self.end || self.is_space_at(after)) {
                return Some(at);
            }
            // Labels start with an ASCII byte, so one byte on is a char boundary.
            offset += k + 1;
        }
        None
    }

    fn on_list_item(&mut self, i: usize) -> usize {
        let at = self.next_item_at;
        self.next_item_at = NO_POSITION;
        if at > self.seg_start && at < self.end {
            self.emit(at, Vec::new(), None);
            return self.start_segment(at).max(i);
        }
        i
    }

    /// Whether the line starting at `p` opens with a list marker.
    fn line_starts_list_item(&self, p: usize) -> bool {
        let Some(marker) = detect_list_marker(self.text, p, self.end) else {
            return false;
        };
        match marker.label {
            None => true,
            Some((Label::Number(_), _)) => true,
            Some((_, ItemStyle::Paren | ItemStyle::DotParen | ItemStyle::Enclosed)) => true,
            // "J. Smith" at a wrapped line's start is an initial: only a series' first letter
            // or the expected next one counts.
            Some((Label::Letter(letter), ItemStyle::Dot)) => {
                matches!(letter, b'a' | b'A' | b'i' | b'I')
                    || self.last_item.is_some_and(|item| {
                        matches!(item.kind, ItemKind::LowerLetter | ItemKind::UpperLetter)
                            && u32::from(letter.to_ascii_lowercase() - b'a') == item.value
                    })
            }
            Some((Label::Roman(value, _), ItemStyle::Dot)) => {
                value == 1 || self.last_item.is_some_and(|item| item.value + 1 == value)
            }
        }
    }

    fn on_newline(&mut self, i: usize) -> usize {
        while self.line_idx + 1 < self.lines.len()
            && self
                .lines
                .get(self.line_idx)
                .is_some_and(|l| l.break_at < i)
        {
            self.line_idx += 1;
        }
        if self.reference_line_end == i {
            self.reference_line_end = NO_POSITION;
            return self.end_sentence(i, None);
        }
        let (Some(line), Some(next)) = (
            self.lines.get(self.line_idx),
            self.lines.get(self.line_idx + 1),
        ) else {
            return i + 1;
        };
        let is_hard_break = self.line_starts_list_item(next.start)
            || (!next.starts_lowercase && (line.has_column_gap || next.has_column_gap))
            || (!next.starts_lowercase
                && !line.ends_with_hyphen
                && (!self.is_wrapped || next_word_would_fit(line, next, self.max_line_chars)));
        if is_hard_break {
            self.end_sentence(i, None)
        } else {
            i + 1
        }
    }

    /// Bytes starting 0xE2: the ellipsis and double marks are stops, bullets open list items.
    fn on_e2(&mut self, i: usize) -> usize {
        let Some(c) = self.char_at(i) else {
            return i + 1;
        };
        match c {
            '…' | '‼' | '⁇' | '⁈' | '⁉' => self.on_stop(i),
            c if is_bullet(c) && i > self.seg_start && self.is_space_before(i) => {
                self.emit(i, Vec::new(), None);
                self.start_segment(i).max(i + c.len_utf8())
            }
            c => i + c.len_utf8(),
        }
    }

    /// CJK full stops end a sentence without needing a space after them.
    fn on_fullwidth(&mut self, i: usize) -> usize {
        let Some(c) = self.char_at(i) else {
            return i + 1;
        };
        if !matches!(c, '。' | '！' | '？' | '｡') {
            return i + c.len_utf8();
        }
        let mut p = i + c.len_utf8();
        while let Some(next) = self.char_at(p) {
            if matches!(next, '。' | '！' | '？' | '｡' | '!' | '?') || is_closer(next) {
                p += next.len_utf8();
            } else {
                break;
            }
        }
        if p >= self.end {
            return p;
        }
        self.end_sentence(p, None)
    }

    /// Reads the run of stop characters starting at `i`: its end and kind.
    fn read_stop_cluster(&self, i: usize) -> (usize, Stop) {
        let (mut p, mut dots, mut ellipses, mut is_strong) = (i, 0u32, 0u32, false);
        loop {
            match self.byte(p) {
                b'.' => {
                    dots += 1;
                    p += 1;
                }
                b'!' | b'?' => {
                    is_strong = true;
                    p += 1;
                }
                0xE2 => match self.char_at(p) {
                    Some('…') => {
                        ellipses += 1;
                        p += '…'.len_utf8();
                    }
                    Some(c @ ('‼' | '⁇' | '⁈' | '⁉')) => {
                        is_strong = true;
                        p += c.len_utf8();
                    }
                    _ => break,
                },
                _ => break,
            }
        }
        let stop = if is_strong {
            Stop::Strong
        } else if dots == 1 && ellipses == 0 {
            Stop::Period
        } else if (dots == 3 && ellipses == 0) || (dots == 0 && ellipses == 1) {
            Stop::Ellipsis
        } else {
            Stop::LongEllipsis
        };
        (p, stop)
    }

    fn on_stop(&mut self, i: usize) -> usize {
        let (stop_end, stop) = self.read_stop_cluster(i);
        if stop == Stop::Period && self.byte(stop_end) == b' ' && self.byte(stop_end + 1) == b'.' {
            return self.on_spaced_dots(i);
        }
        self.decide(i, stop_end, stop)
    }

    /// ". . ." style ellipses, where dots are separated by single spaces.
    fn on_spaced_dots(&mut self, i: usize) -> usize {
        let (mut last, mut count) = (i, 1u32);
        while last + 2 < self.end && self.byte(last + 1) == b' ' && self.byte(last + 2) == b'.' {
            last += 2;
            count += 1;
        }
        let run_end = last + 1;
        let is_glued = i > self.seg_start && !self.is_space_before(i);
        match (is_glued, count) {
            // "compounds. . . . The practice": the glued dot ends the sentence and the
            // ellipsis opens the next one.
            (true, 4..) => {
                let after = self.look_after(run_end);
                if after.marker.is_none() && matches!(after.next, Next::Upper { .. } | Next::Digit)
                {
                    self.end_sentence(i + 1, None)
                } else {
                    run_end
                }
            }
            // " . . . " inside a sentence.
            (false, ..=3) => run_end,
            // " . . . . Next": the fourth dot is a period.
            (false, _) => self.decide(last, run_end, Stop::LongEllipsis),
            (true, _) => self.decide(i, run_end, Stop::Ellipsis),
        }
    }

    /// Closing quotes/brackets, footnote marker and next word after a stop ending at `stop_end`.
    fn look_after(&self, stop_end: usize) -> After {
        let mut closers_end = stop_end;
        for _ in 0..8 {
            match self.char_at(closers_end) {
                Some(c) if is_closer(c) => closers_end += c.len_utf8(),
                _ => break,
            }
        }
        let marker = self.read_footnote_marker(closers_end);
        let after_marker = marker.map_or(closers_end, |m| m.end);
        let next = if after_marker < self.end && !self.is_space_at(after_marker) {
            Next::Glued
        } else {
            let next_at = self.skip_space(after_marker);
            if next_at >= self.end {
                Next::End
            } else {
                self.classify_next(next_at)
            }
        };
        After {
            closers_end,
            marker,
            next,
        }
    }

    fn classify_next(&self, p: usize) -> Next {
        let mut q = p;
        for _ in 0..4 {
            match self.char_at(q) {
                Some(c) if is_opener(c) => q += c.len_utf8(),
                _ => break,
            }
        }
        let Some(c) = self.char_at(q) else {
            return Next::Other;
        };
        if c.is_lowercase() {
            Next::Lower
        } else if c.is_ascii_digit() {
            Next::Digit
        } else if c.is_alphabetic() {
            let mut word_end = q;
            while word_end - q < 32 {
                match self.char_at(word_end) {
                    Some(w) if w.is_alphabetic() || w == '\'' || w == '’' => {
                        word_end += w.len_utf8()
                    }
                    _ => break,
                }
            }
            Next::Upper {
                word_start: q,
                word_end,
            }
        } else if matches!(
            c,
            ',' | ';'
                | ':'
                | ')'
                | ']'
                | '}'
                | '%'
                | '-'
                | '–'
                | '—'
                | '/'
                | '&'
                | '.'
                | '…'
                | '!'
                | '?'
        ) {
            Next::Punct
        } else {
            Next::Other
        }
    }

    /// Decides whether the stop `stop_start..stop_end` ends the sentence; returns where to scan on.
    fn decide(&mut self, stop_start: usize, stop_end: usize, stop: Stop) -> usize {
        let after = self.look_after(stop_end);
        if after.next == Next::Glued {
            if matches!(stop, Stop::Period | Stop::Strong)
                && self.is_glued_sentence_start(stop_start, after.closers_end)
            {
                return self.end_sentence(after.closers_end, None);
            }
            return stop_end;
        }
        let is_bracketed = matches!(self.prev_char(stop_start), Some('[' | '('))
            && matches!(self.byte(stop_end), b']' | b')');
        if stop == Stop::Ellipsis && is_bracketed {
            return after.closers_end;
        }
        if let Some(marker) = after.marker {
            if self.accepts_footnote(stop_start, marker, after.next) {
                return self.end_sentence(after.closers_end, Some(marker));
            }
            return marker.end;
        }
        let is_end = match (stop, after.next) {
            (_, Next::End | Next::Glued | Next::Lower | Next::Punct) => false,
            (Stop::Strong | Stop::LongEllipsis, _) => true,
            (Stop::Ellipsis, next) => matches!(next, Next::Upper { .. } | Next::Digit),
            (Stop::Period, next) => self.period_ends_sentence(stop_start, next),
        };
        if is_end {
            let spaced_marker = self.spaced_bracket_marker(after.closers_end);
            self.end_sentence(after.closers_end, spaced_marker)
        } else {
            after.closers_end
        }
    }

    /// "Hello world.Today is…": a missing space (common where HTML blocks were joined) still
    /// ends a sentence when a plain word or number precedes and a common opener follows.
    fn is_glued_sentence_start(&self, stop_start: usize, p: usize) -> bool {
        let mut word_end = p;
        while word_end - p < 16 {
            match self.char_at(word_end) {
                Some(c) if c.is_alphabetic() => word_end += c.len_utf8(),
                _ => break,
            }
        }
        if self.char_at(word_end).is_some_and(char::is_alphanumeric) {
            return false;
        }
        let is_opener = self
            .text
            .get(p..word_end)
            .is_some_and(|w| w.len() > 1 && is_sentence_opener(w));
        if !is_opener {
            return false;
        }
        let (_, token) = self.token_before(stop_start);
        match classify_token(token) {
            TokenClass::Number => true,
            TokenClass::Word => {
                token.len() > 1 && token.chars().next_back().is_some_and(char::is_alphanumeric)
            }
            _ => false,
        }
    }

    /// Bracketed footnote markers set off by a space after a sentence end ("…a gas. [1] It
    /// is…"), on the same line and not followed by a lowercase word.
    fn spaced_bracket_marker(&self, p: usize) -> Option<Marker> {
        let mut start = p;
        while matches!(self.byte(start), b' ' | b'\t') {
            start += 1;
        }
        if start == p || self.byte(start) != b'[' {
            return None;
        }
        let mut end = self.scan_bracketed_marker(start)?;
        while self.byte(end) == b' ' && self.byte(end + 1) == b'[' {
            match self.scan_bracketed_marker(end + 1) {
                Some(group_end) => end = group_end,
                None => break,
            }
        }
        if end < self.end && !self.is_space_at(end) {
            return None;
        }
        let next_at = self.skip_space(end);
        if next_at < self.end && self.classify_next(next_at) == Next::Lower {
            return None;
        }
        Some(Marker {
            start,
            end,
            kind: MarkerKind::Bracketed,
        })
    }

    /// The word before the stop at `stop_start`: (start of the raw token, token with leading
    /// punctuation stripped). Overlong tokens come back empty.
    fn token_before(&self, stop_start: usize) -> (usize, &str) {
        let mut p = stop_start;
        while p > self.seg_start && stop_start - p <= MAX_TOKEN_BYTES {
            match self.byte(p - 1) {
                b if b.is_ascii() => {
                    if b.is_ascii_whitespace() || b == 0x0B {
                        break;
                    }
                    p -= 1;
                }
                _ => match self.prev_char(p) {
                    Some(c) if !c.is_whitespace() => p -= c.len_utf8(),
                    _ => break,
                },
            }
        }
        if stop_start - p > MAX_TOKEN_BYTES {
            return (p, "");
        }
        let raw = self.text.get(p..stop_start).unwrap_or_default();
        // Leading ASCII punctuation is skipped bytewise; a non-ASCII char needs the Unicode check.
        let ascii_skip = raw
            .bytes()
            .position(|b| !b.is_ascii() || b.is_ascii_alphanumeric())
            .unwrap_or(raw.len());
        let rest = raw.get(ascii_skip..).unwrap_or_default();
        if rest.as_bytes().first().is_none_or(u8::is_ascii) {
            // Empty, or starting with an ASCII letter or digit: nothing left to trim.
            return (p, rest);
        }
        (p, rest.trim_start_matches(|c: char| !c.is_alphanumeric()))
    }

    fn period_ends_sentence(&self, stop_start: usize, next: Next) -> bool {
        let (raw_start, token) = self.token_before(stop_start);
        let (word, next_is_initial) = match next {
            Next::Upper {
                word_start,
                word_end,
            } => (
                self.text.get(word_start..word_end),
                word_end == word_start + 1 && self.byte(word_end) == b'.',
            ),
            _ => (None, false),
        };
        let is_upper = word.is_some();
        // Evaluated only for the classes that need it.
        let opens_sentence = || word.is_some_and(is_sentence_opener) && !next_is_initial;
        let mut buf = [0u8; 16];
        let lower = ascii_lowercase(token, &mut buf);
        if lower.is_some_and(is_unit_abbreviation) && self.prev_word_is_number(raw_start) {
            return is_upper;
        }
        if is_time_zone(token) {
            return true;
        }
        match classify_token_lowered(token, lower) {
            TokenClass::Word | TokenClass::Number => true,
            TokenClass::Title | TokenClass::Latin => false,
            TokenClass::NumberLabel if token.eq_ignore_ascii_case("no") => next != Next::Digit,
            TokenClass::NumberLabel | TokenClass::Abbreviation => opens_sentence(),
            TokenClass::Degree => !next_is_initial,
            TokenClass::Letter('I') => {
                is_upper
                    && !next_is_initial
                    && (opens_sentence() || !self.prev_word_is_capitalized(raw_start))
            }
            TokenClass::Letter(_) | TokenClass::Initials(Initials::Other) => opens_sentence(),
            TokenClass::Initials(Initials::Time) => {
                (is_upper || next == Next::Digit)
                    && !next_is_initial
                    && !word.is_some_and(is_time_zone)
                    && (opens_sentence() || !self.is_opening_phrase(raw_start))
            }
            // "A.D. 79" puts the era before the year.
            TokenClass::Initials(Initials::Era) => {
                is_upper && (opens_sentence() || !self.is_opening_phrase(raw_start))
            }
        }
    }

    /// The last word before `p` in this sentence (at most `MAX_TOKEN_BYTES` looked at).
    fn prev_word(&self, p: usize) -> &str {
        let from = self.floor_char_boundary(p.saturating_sub(MAX_TOKEN_BYTES).max(self.seg_start));
        self.text
            .get(from..p)
            .and_then(|before| before.split_whitespace().next_back())
            .unwrap_or_default()
    }

    /// Whether the word before `p` is capitalised, as a name before an initial is
    /// ("Albert I. Jones").
    fn prev_word_is_capitalized(&self, p: usize) -> bool {
        self.prev_word(p)
            .chars()
            .find(|c| c.is_alphanumeric())
            .is_some_and(char::is_uppercase)
    }

    fn prev_word_is_number(&self, p: usize) -> bool {
        let word = self.prev_word(p);
        word.starts_with(|c: char| c.is_ascii_digit())
            && word
                .bytes()
                .all(|b| b.is_ascii_digit() || matches!(b, b',' | b'.'))
    }

    /// Whether the sentence so far, up to `p`, is a short opening phrase of time or place
    /// ("At 5", "On Jan. 5, at 6", "In the morning at 6") rather than a clause ("He left the
    /// bank at 6"): then "a.m."/"B.C." after it does not end the sentence.
    fn is_opening_phrase(&self, p: usize) -> bool {
        // Only the last 120 bytes are looked at, so long sentences cost nothing extra.
        let window_start = self.floor_char_boundary(p.saturating_sub(120).max(self.seg_start));
        let Some(window) = self.text.get(window_start..p) else {
            return false;
        };
        // A colon or semicolon opens a new clause: "He noted: In 44 B.C. Caesar died."
        let clause_start = [": ", "; "]
            .iter()
            .filter_map(|sep| window.rfind(sep).map(|k| k + sep.len()))
            .max();
        let before = match clause_start {
            Some(k) => window.get(k..).unwrap_or(window),
            None if window_start == self.seg_start => window,
            None => return false,
        };
        if before.len() > 80 {
            return false;
        }
        let mut words = before
            .split_whitespace()
            .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()));
        let mut buf = [0u8; 16];
        let Some(first) = words.next().and_then(|w| ascii_lowercase(w, &mut buf)) else {
            return false;
        };
        if !is_opening_preposition(first) {
            return false;
        }
        let mut count = 1;
        words.all(|w| {
            count += 1;
            let mut buf = [0u8; 16];
            count <= 8
                && (w.is_empty()
                    || w.starts_with(|c: char| c.is_ascii_digit() || c.is_uppercase())
                    || ascii_lowercase(w, &mut buf).is_some_and(is_time_phrase_word))
        })
    }

    fn read_footnote_marker(&self, p: usize) -> Option<Marker> {
        let b = self.byte(p);
        let (kind, end) = if b.is_ascii_digit() {
            (MarkerKind::Plain, self.scan_plain_marker(p)?)
        } else if b == b'[' {
            (MarkerKind::Bracketed, self.scan_bracketed_marker(p)?)
        } else if !b.is_ascii() && self.char_at(p).and_then(superscript_digit).is_some() {
            (MarkerKind::Superscript, self.scan_superscript_marker(p)?)
        } else {
            return None;
        };
        if end < self.end && !self.is_space_at(end) {
            return None;
        }
        Some(Marker {
            start: p,
            end,
            kind,
        })
    }

    /// Groups of 1–3 digits without a leading zero, separated by commas ("2", "2,3").
    fn scan_plain_marker(&self, mut p: usize) -> Option<usize> {
        loop {
            let group = p;
            while self.byte(p).is_ascii_digit() && p - group < 4 {
                p += 1;
            }
            if p == group || p - group > 3 || self.byte(group) == b'0' {
                return None;
            }
            if self.byte(p) == b',' && self.byte(p + 1).is_ascii_digit() {
                p += 1;
            } else {
                return Some(p);
            }
        }
    }

    /// One or more "[12]" groups.
    fn scan_bracketed_marker(&self, mut p: usize) -> Option<usize> {
        let mut groups = 0;
        while self.byte(p) == b'[' {
            let digits = p + 1;
            let mut q = digits;
            while self.byte(q).is_ascii_digit() && q - digits < 4 {
                q += 1;
            }
            if q == digits || q - digits > 3 || self.byte(q) != b']' {
                break;
            }
            p = q + 1;
            groups += 1;
        }
        (groups > 0).then_some(p)
    }

    /// Superscript digits ("²", "¹²"), comma-separated groups allowed.
    fn scan_superscript_marker(&self, mut p: usize) -> Option<usize> {
        loop {
            let mut digits = 0;
            while let Some(c) = self.char_at(p).filter(|c| superscript_digit(*c).is_some()) {
                p += c.len_utf8();
                digits += 1;
            }
            if digits == 0 || digits > 3 {
                return None;
            }
            let next_is_digit = self
                .char_at(p + 1)
                .is_some_and(|c| superscript_digit(c).is_some());
            if self.byte(p) == b',' && next_is_digit {
                p += 1;
            } else {
                return Some(p);
            }
        }
    }

    /// Whether `marker`, glued after the stop at `stop_start`, is a footnote marker rather than
    /// the fraction of a decimal number; see the module docs.
    fn accepts_footnote(&self, stop_start: usize, marker: Marker, next: Next) -> bool {
        if !matches!(next, Next::End | Next::Upper { .. } | Next::Other) {
            return false;
        }
        if marker.kind != MarkerKind::Plain {
            return true;
        }
        let (raw_start, token) = self.token_before(stop_start);
        let class = classify_token(token);
        if matches!(
            class,
            TokenClass::NumberLabel | TokenClass::Letter(_) | TokenClass::Title
        ) {
            return false;
        }
        match next {
            Next::End => {
                class != TokenClass::Number
                    && token.chars().next_back().is_some_and(char::is_alphabetic)
            }
            Next::Upper {
                word_start,
                word_end,
            } => {
                let word = self.text.get(word_start..word_end).unwrap_or_default();
                if !is_capitalized_prose_word(word) {
                    return false;
                }
                if class == TokenClass::Number {
                    // A decimal in a table or a money amount is not "sentence + marker"; nor
                    // is one set off by more than a single space ("0.61\nOurs").
                    let raw = self.text.get(raw_start..stop_start).unwrap_or_default();
                    let is_money = raw.starts_with(['$', '€', '£', '¥']);
                    let is_single_space =
                        self.byte(marker.end) == b' ' && !self.is_space_at(marker.end + 1);
                    return is_single_space
                        && token != "0"
                        && !is_money
                        && !raw.contains(',')
                        && !is_unit(word);
                }
                true
            }
            _ => false,
        }
    }

    /// Whether the line starting at `s` opens like a bibliography entry: "Surname, Given. 2019."
    /// or "Surname, Given (2019)" or "Surname, Given, “Title…".
    fn looks_like_reference_entry(&self, s: usize) -> bool {
        // Only the line's first 160 bytes matter; the line's length is checked last. `head` may
        // run into the next line: no part of the pattern below matches a newline, so the checks
        // stop at one anyway.
        let head_end = self.floor_char_boundary((s + 160).min(self.end));
        let head = self.text.get(s..head_end).unwrap_or_default();
        let is_name_char = |c: char| c.is_alphabetic() || matches!(c, '-' | '\'' | '’' | '.');
        let is_name_word = |w: &str| {
            w.chars().next().is_some_and(char::is_uppercase) && w.chars().all(is_name_char)
        };
        let surname_len = head.find(|c: char| !is_name_char(c)).unwrap_or(head.len());
        let (Some(surname), Some(after)) = (head.get(..surname_len), head.get(surname_len..))
        else {
            return false;
        };
        let Some(rest) = after.strip_prefix(", ") else {
            return false;
        };
        if surname.len() > 40 || !is_name_word(surname) || is_sentence_opener(surname) {
            return false;
        }
        let given_len = rest
            .find(|c: char| !(is_name_char(c) || c == ' '))
            .unwrap_or(rest.len());
        let (Some(given), Some(tail)) = (rest.get(..given_len), rest.get(given_len..)) else {
            return false;
        };
        let given_words = given.split_whitespace();
        if given.is_empty()
            || given_words.clone().count() > 4
            || !given_words.clone().all(is_name_word)
        {
            return false;
        }
        let is_year = |t: &str| t.len() >= 4 && t.bytes().take(4).all(|b| b.is_ascii_digit());
        let opens_like_reference = if let Some(t) = tail.strip_prefix(", ") {
            t.starts_with(['“', '"'])
        } else if let Some(t) = tail.strip_prefix('(') {
            is_year(t)
        } else {
            // "Given. 2019." ends the given names with a period inside `given`.
            given.ends_with(". ") && is_year(tail)
        };
        opens_like_reference && find_newline(self.text, s, self.end).unwrap_or(self.end) - s <= 400
    }
}

/// Finds the first byte worth a decision in `bytes[from..to]`.
///
/// Eight bytes at a time: a word with no candidate ASCII byte and no non-ASCII byte is skipped
/// whole; any other word is looked at byte by byte.
fn find_candidate(bytes: &[u8], from: usize, to: usize) -> Option<usize> {
    let hay = bytes.get(from..to)?;
    let is_candidate = |b: &u8| CANDIDATE[usize::from(*b)];
    let mut chunks = hay.chunks_exact(8);
    let mut offset = from;
    for chunk in &mut chunks {
        let word = <[u8; 8]>::try_from(chunk).map_or(u64::MAX, u64::from_le_bytes);
        if may_hold_candidate(word)
            && let Some(k) = chunk.iter().position(is_candidate)
        {
            return Some(offset + k);
        }
        offset += 8;
    }
    chunks
        .remainder()
        .iter()
        .position(is_candidate)
        .map(|k| offset + k)
}

/// Whether the eight bytes of `word` may include a [`CANDIDATE`]: a non-ASCII byte or one of
/// `.` `!` `?` `\n`. Never false for a word that has one.
fn may_hold_candidate(word: u64) -> bool {
    use crate::core::swar::{some_byte_is, some_byte_non_ascii};
    (some_byte_non_ascii(word)
        | some_byte_is(word, b'.')
        | some_byte_is(word, b'!')
        | some_byte_is(word, b'?')
        | some_byte_is(word, b'\n'))
        != 0
}

const CANDIDATE: [bool; 256] = {
    let mut table = [false; 256];
    table[b'.' as usize] = true;
    table[b'!' as usize] = true;
    table[b'?' as usize] = true;
    table[b'\n' as usize] = true;
    table[0xE2] = true;
    table[0xE3] = true;
    table[0xEF] = true;
    table
};

/// Offset of the first `\n` in `text[from..to]`, by the `memchr` crate's vector search
/// (`str::find` searches a word at a time); `\n` is one byte, never part of another char.
fn find_newline(text: &str, from: usize, to: usize) -> Option<usize> {
    text.get(from..to)?;
    memchr::memchr(b'\n', text.as_bytes().get(from..to)?).map(|k| from + k)
}

#[rustfmt::skip]
fn is_closer(c: char) -> bool {
    matches!(c, '"' | '\'' | '`' | ')' | ']' | '}' | '”' | '’' | '»' | '›' | '」' | '』' | '）' | '】' | '〕' | '〉' | '》')
}

#[rustfmt::skip]
fn is_opener(c: char) -> bool {
    matches!(c, '"' | '\'' | '`' | '(' | '[' | '{' | '“' | '‘' | '«' | '‹' | '„' | '¿' | '¡' | '「' | '『' | '（')
}

#[rustfmt::skip]
fn is_bullet(c: char) -> bool {
    matches!(c, '•' | '‣' | '⁃' | '◦' | '▪' | '▫' | '●' | '○' | '■' | '□' | '►' | '▸' | '➢' | '❖' | '✓' | '✔')
}

fn superscript_digit(c: char) -> Option<char> {
    Some(match c {
        '⁰' => '0',
        '¹' => '1',
        '²' => '2',
        '³' => '3',
        '⁴' => '4',
        '⁵' => '5',
        '⁶' => '6',
        '⁷' => '7',
        '⁸' => '8',
        '⁹' => '9',
        _ => return None,
    })
}

/// Reads a list marker at `s`: a bullet and/or a label such as "1.", "1)", "1.)", "(a)", "iv.",
/// followed by whitespace.
fn detect_list_marker(text: &str, s: usize, end: usize) -> Option<ListMarker> {
    let bytes = text.as_bytes();
    let byte = |p: usize| bytes.get(p).copied().unwrap_or(0);
    // Most lines and sentences start with a word: rule those out from two bytes.
    match byte(s) {
        b'0'..=b'9'
        | b'('
        | b'-'
        | b'*'
        | b'+'
        | 0xE2
        | b'i'
        | b'v'
        | b'x'
        | b'I'
        | b'V'
        | b'X' => {}
        b if b.is_ascii_alphabetic() && matches!(byte(s + 1), b'.' | b')') => {}
        _ => return None,
    }
    let is_space = |p: usize| {
        p >= end
            || text
                .get(p..)
                .and_then(|t| t.chars().next())
                .is_some_and(char::is_whitespace)
    };
    let mut p = s;
    let mut has_bullet = false;
    match text.get(p..).and_then(|t| t.chars().next()) {
        Some(c) if is_bullet(c) => {
            p += c.len_utf8();
            has_bullet = true;
        }
        Some('-' | '*' | '+') if matches!(byte(p + 1), b' ' | b'\t') => {
            p += 1;
            has_bullet = true;
        }
        _ => {}
    }
    let bullet_end = p;
    while has_bullet && matches!(byte(p), b' ' | b'\t') {
        p += 1;
    }
    let bullet_only = has_bullet.then_some(ListMarker {
        end: bullet_end,
        label: None,
    });
    if let Some(outline_end) = outline_label_end(bytes, p, end) {
        return Some(ListMarker {
            end: outline_end,
            label: None,
        });
    }
    let is_enclosed = byte(p) == b'(';
    if is_enclosed {
        p += 1;
    }
    let label_start = p;
    while byte(p).is_ascii_alphanumeric() && p - label_start <= 4 {
        p += 1;
    }
    let Some(label_text) = text.get(label_start..p) else {
        return bullet_only;
    };
    let Some(label) = parse_label(label_text) else {
        return bullet_only;
    };
    let style = if is_enclosed {
        if byte(p) != b')' {
            return bullet_only;
        }
        p += 1;
        ItemStyle::Enclosed
    } else if byte(p) == b'.' && byte(p + 1) == b')' {
        p += 2;
        ItemStyle::DotParen
    } else if byte(p) == b'.' {
        p += 1;
        ItemStyle::Dot
    } else if byte(p) == b')' {
        p += 1;
        ItemStyle::Paren
    } else {
        return bullet_only;
    };
    if !is_space(p) {
        return bullet_only;
    }
    Some(ListMarker {
        end: p,
        label: Some((label, style)),
    })
}

/// End of an outline number such as "1.A." or "1.E.1." at `p` (two or more parts, each ending
/// in a dot, the first a number), if one is there and followed by whitespace.
fn outline_label_end(bytes: &[u8], p: usize, end: usize) -> Option<usize> {
    let byte = |q: usize| bytes.get(q).copied().unwrap_or(0);
    let mut q = p;
    for part in 0..6 {
        let part_start = q;
        while byte(q).is_ascii_digit() && q - part_start < 3 {
            q += 1;
        }
        if q == part_start {
            if part == 0 || !byte(q).is_ascii_alphabetic() {
                return None;
            }
            q += 1;
        }
        if byte(q) != b'.' {
            return None;
        }
        q += 1;
        if q >= end || byte(q).is_ascii_whitespace() {
            return (part >= 1).then_some(q);
        }
    }
    None
}

fn parse_label(label: &str) -> Option<Label> {
    let bytes = label.as_bytes();
    match bytes {
        [] => None,
        [letter] if letter.is_ascii_alphabetic() => Some(Label::Letter(*letter)),
        _ if bytes.len() <= 3 && bytes.iter().all(u8::is_ascii_digit) => {
            label.parse().ok().map(Label::Number)
        }
        _ => {
            let is_upper = bytes.iter().all(u8::is_ascii_uppercase);
            let is_lower = bytes.iter().all(u8::is_ascii_lowercase);
            if !(is_upper || is_lower) {
                return None;
            }
            let index = ROMAN.iter().position(|r| r.eq_ignore_ascii_case(label))?;
            u32::try_from(index + 1)
                .ok()
                .map(|v| Label::Roman(v, is_upper))
        }
    }
}

/// Classifies the word before a period (leading punctuation already stripped).
fn classify_token(token: &str) -> TokenClass {
    let mut buf = [0u8; 16];
    classify_token_lowered(token, ascii_lowercase(token, &mut buf))
}

/// [`classify_token`] given `lower`, the token's [`ascii_lowercase`] form.
fn classify_token_lowered(token: &str, lower: Option<&[u8]>) -> TokenClass {
    let bytes = token.as_bytes();
    let Some(&first) = bytes.first() else {
        return TokenClass::Word;
    };
    if first.is_ascii_digit()
        && bytes
            .iter()
            .all(|b| b.is_ascii_digit() || matches!(b, b',' | b'.'))
    {
        return TokenClass::Number;
    }
    let mut chars = token.chars();
    if let (Some(c), None) = (chars.next(), chars.next()) {
        return if c.is_alphabetic() {
            TokenClass::Letter(c)
        } else {
            TokenClass::Word
        };
    }
    if matches!(token, "N°" | "Nº" | "n°" | "nº") {
        return TokenClass::NumberLabel;
    }
    let Some(lower) = lower else {
        return TokenClass::Word;
    };
    if !lower.contains(&b'.') {
        return abbreviation_class(lower);
    }
    let is_initials = lower
        .split(|&b| b == b'.')
        .all(|part| matches!(part, [b] if b.is_ascii_alphabetic()));
    match lower {
        b"e.g" | b"i.e" => TokenClass::Latin,
        b"a.m" | b"p.m" => TokenClass::Initials(Initials::Time),
        b"b.c" | b"a.d" | b"c.e" | b"b.c.e" => TokenClass::Initials(Initials::Era),
        b"ph.d" | b"ed.d" | b"m.sc" | b"b.sc" | b"m.phil" | b"d.phil" | b"ll.b" | b"ll.m"
        | b"ll.d" | b"psy.d" | b"th.d" | b"d.litt" | b"m.eng" | b"b.eng" => TokenClass::Degree,
        _ if is_initials => TokenClass::Initials(Initials::Other),
        // "Tuesday.Mr" (a missing space): a title after the last dot still is one.
        _ => match lower.rsplit(|&b| b == b'.').next().map(abbreviation_class) {
            Some(TokenClass::Title) => TokenClass::Title,
            _ => TokenClass::Word,
        },
    }
}

/// `token`'s bytes lowercased into `buf`, if it is ASCII and fits.
fn ascii_lowercase<'b>(token: &str, buf: &'b mut [u8; 16]) -> Option<&'b [u8]> {
    let bytes = token.as_bytes();
    let lower = buf.get_mut(..bytes.len())?;
    for (to, &from) in lower.iter_mut().zip(bytes) {
        if !from.is_ascii() {
            return None;
        }
        *to = from.to_ascii_lowercase();
    }
    Some(lower)
}

/// The class of a lowercased (ASCII), dot-free word: a known abbreviation's, or `Word`.
#[rustfmt::skip]
fn abbreviation_class(lower: &[u8]) -> TokenClass {
    match lower {
        b"mr" | b"mrs" | b"ms" | b"mx" | b"messrs" | b"mmes" | b"dr" | b"drs" | b"prof" | b"profs"
        | b"gen" | b"gens" | b"sen" | b"sens" | b"rep" | b"reps" | b"gov" | b"govs" | b"lt"
        | b"lieut" | b"col" | b"capt" | b"cmdr" | b"cdr" | b"adm" | b"maj" | b"sgt" | b"cpl"
        | b"pvt" | b"rev" | b"hon" | b"pres" | b"supt" | b"insp" | b"det" | b"mt" | b"mts" | b"ft"
        | b"fr" | b"rt" | b"mme" | b"mlle" | b"msgr" | b"atty" | b"amb" | b"brig" | b"sra"
        | b"srta" => TokenClass::Title,
        b"vs" | b"cf" | b"viz" => TokenClass::Latin,
        b"no" | b"nos" | b"nr" | b"fig" | b"figs" | b"vol" | b"vols" | b"pp" | b"pg" | b"ch"
        | b"chap" | b"sec" | b"secs" | b"eq" | b"eqs" | b"para" | b"paras" | b"tel" | b"ref"
        | b"refs" => TokenClass::NumberLabel,
        b"inc" | b"ltd" | b"co" | b"corp" | b"cos" | b"llc" | b"plc" | b"bros" | b"jr" | b"sr"
        | b"snr" | b"jnr" | b"esq" | b"etc" | b"al" | b"approx" | b"ca" | b"est" | b"dept"
        | b"depts" | b"univ" | b"assn" | b"assoc" | b"ave" | b"blvd" | b"rd" | b"st" | b"hwy"
        | b"jan" | b"feb" | b"mar" | b"apr" | b"jun" | b"jul" | b"aug" | b"sep" | b"sept" | b"oct"
        | b"nov" | b"dec" | b"mon" | b"tue" | b"tues" | b"thu" | b"thur" | b"thurs" | b"fri"
        | b"govt" | b"intl" | b"natl" | b"div" | b"dist" | b"misc" | b"mfg" | b"mgr" | b"mgmt"
        | b"bldg" | b"cert" | b"dir" | b"eds" | b"engr" | b"equiv" | b"esp" | b"exec" | b"ext"
        | b"hosp" | b"hrs" | b"incl" | b"inst" | b"lb" | b"lbs" | b"mfr" | b"mins" | b"mos"
        | b"mph" | b"oz" | b"pkg" | b"prob" | b"qt" | b"repr" | b"sq" | b"std" | b"tbsp" | b"tsp"
        | b"wt" | b"yr" | b"yrs" | b"ibid" | b"pt" | b"pts" | b"op"
        | b"ed" => TokenClass::Abbreviation,
        _ => TokenClass::Word,
    }
}

#[rustfmt::skip]
fn is_opening_preposition(lower: &[u8]) -> bool {
    matches!(
        lower,
        b"at" | b"by" | b"before" | b"after" | b"until" | b"till" | b"from" | b"since" | b"around"
        | b"about" | b"on" | b"in" | b"between" | b"during" | b"shortly" | b"starting" | b"early"
        | b"late" | b"approximately" | b"roughly" | b"nearly" | b"today" | b"tomorrow"
        | b"yesterday" | b"tonight" | b"every" | b"each" | b"this" | b"last" | b"next"
    )
}

/// Words that may appear inside an opening time phrase ("In the early morning of …").
#[rustfmt::skip]
fn is_time_phrase_word(lower: &[u8]) -> bool {
    is_opening_preposition(lower)
        || matches!(
            lower,
            b"the" | b"a" | b"an" | b"of" | b"and" | b"or" | b"morning" | b"evening" | b"afternoon"
            | b"night" | b"day" | b"days" | b"week" | b"weekend" | b"month" | b"year" | b"noon"
            | b"midnight" | b"dawn" | b"dusk" | b"sunrise" | b"sunset" | b"exactly" | b"precisely"
            | b"just" | b"some" | b"same" | b"time" | b"o'clock"
        )
}

/// Time zones that may follow "p.m." ("at 2:30 p.m. EST").
#[rustfmt::skip]
fn is_time_zone(word: &str) -> bool {
    matches!(
        word,
        "UTC" | "GMT" | "EST" | "EDT" | "CST" | "CDT" | "MST" | "MDT" | "PST" | "PDT" | "ET" | "CT"
        | "MT" | "PT" | "BST" | "CET" | "CEST" | "IST" | "JST" | "AEST" | "AEDT" | "KST" | "HKT"
        | "SGT" | "MSK" | "WET" | "EET" | "Z"
    )
}

/// Unit abbreviations that end a sentence after a number ("She weighed 5 lb. Tom…") but not
/// before another measure ("5 ft. 3 in.").
#[rustfmt::skip]
fn is_unit_abbreviation(lower: &[u8]) -> bool {
    matches!(
        lower,
        b"lb" | b"lbs" | b"oz" | b"ft" | b"in" | b"yd" | b"yds" | b"mi" | b"gal" | b"qt" | b"pt" | b"hr" | b"hrs"
        | b"min" | b"mins" | b"sec" | b"secs" | b"sq" | b"cu" | b"mph"
    )
}

/// Words that commonly open a sentence; after an abbreviation they signal that the
/// abbreviation also ended the sentence ("…& Co. It closed" vs "…the U.S. Government").
#[rustfmt::skip]
fn is_sentence_opener(word: &str) -> bool {
    matches!(
        word,
        "A" | "About" | "According" | "Additionally" | "After" | "Afterwards" | "Again" | "Against"
        | "All" | "Also" | "Although" | "Among" | "An" | "And" | "Another" | "Any" | "Anyway"
        | "Are" | "As" | "At" | "Be" | "Because" | "Before" | "Being" | "Besides" | "Both" | "But"
        | "By" | "Can" | "Consequently" | "Could" | "Despite" | "Did" | "Do" | "Does" | "During"
        | "Each" | "Earlier" | "Either" | "Even" | "Eventually" | "Every" | "Everyone"
        | "Everything" | "Finally" | "First" | "Following" | "For" | "From" | "Further"
        | "Furthermore" | "Given" | "Had" | "Has" | "Have" | "Having" | "He" | "Her" | "Here"
        | "His" | "How" | "However" | "I" | "If" | "In" | "Indeed" | "Instead" | "Is" | "It"
        | "Its" | "It's" | "It’s" | "Just" | "Last" | "Later" | "Let" | "Like" | "Many"
        | "Meanwhile" | "Moreover" | "Most" | "Much" | "My" | "Neither" | "Nevertheless" | "Next"
        | "No" | "Nobody" | "None" | "Nor" | "Not" | "Nothing" | "Now" | "Of" | "Often" | "On"
        | "Once" | "One" | "Only" | "Or" | "Other" | "Others" | "Otherwise" | "Our" | "Overall"
        | "Perhaps" | "Please" | "Rather" | "Recently" | "Second" | "Several" | "She" | "Should"
        | "Similarly" | "Since" | "So" | "Some" | "Someone" | "Something" | "Sometimes" | "Soon"
        | "Still" | "Such" | "That" | "The" | "Their" | "Then" | "There" | "Therefore" | "These"
        | "They" | "This" | "Those" | "Though" | "Thus" | "To" | "Today" | "Together" | "Too"
        | "Under" | "Unless" | "Unlike" | "Until" | "Upon" | "Was" | "We" | "Were" | "What"
        | "When" | "Whenever" | "Where" | "Whereas" | "Whether" | "Which" | "While" | "Who"
        | "Whose" | "Why" | "With" | "Within" | "Without" | "Would" | "Yes" | "Yesterday" | "Yet"
        | "You" | "Your"
    )
}

/// "This", "I", "A": a capital then lowercase (or a one-letter word), as prose starts; rules
/// out units and acronyms such as "GHz" or "GB" after a decimal.
fn is_capitalized_prose_word(word: &str) -> bool {
    let mut chars = word.chars();
    match (chars.next(), chars.next()) {
        (Some(first), None) => matches!(first, 'I' | 'A'),
        (Some(first), Some(second)) => first.is_uppercase() && second.is_lowercase(),
        _ => false,
    }
}

/// Capitalised unit words that may follow a decimal ("3.5 Mbps").
#[rustfmt::skip]
fn is_unit(word: &str) -> bool {
    matches!(
        word,
        "Mbps" | "Gbps" | "Kbps" | "Mb" | "Gb" | "Kb" | "Mhz" | "Ghz" | "Khz" | "Hz" | "Km" | "Kg"
        | "Mg" | "Ml" | "Pa" | "Wh" | "Ah" | "Mw" | "Gw" | "Kw" | "Million" | "Billion"
        | "Trillion" | "Percent"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(text: &str) -> Vec<&str> {
        split_sentence_texts(text)
    }

    #[test]
    fn find_candidate_matches_a_bytewise_scan() {
        let text =
            "Plain words, then a stop. Ünïcödé… and “quotes”!\nNext line? 1.5 x。y".as_bytes();
        for from in 0..text.len() {
            for to in from..=text.len() {
                let expected = (from..to).find(|&p| CANDIDATE[usize::from(text[p])]);
                assert_eq!(find_candidate(text, from, to), expected, "{from}..{to}");
            }
        }
    }

    /// Checks every invariant a caller relies on and returns the spans.
    fn checked(text: &str) -> Vec<SentenceSpan> {
        let spans = split_sentences(text);
        let mut covered = vec![false; text.len()];
        let mut previous_end = 0;
        for span in &spans {
            assert!(span.start < span.end, "empty span {span:?} in {text:?}");
            assert!(span.end <= span.footnotes_end, "{span:?}");
            assert!(
                span.start >= previous_end,
                "overlap at {span:?} in {text:?}"
            );
            for p in [span.start, span.end, span.footnotes_end] {
                assert!(
                    text.is_char_boundary(p),
                    "{p} not a char boundary in {text:?}"
                );
            }
            let sentence = &text[span.start..span.end];
            assert_eq!(sentence, sentence.trim(), "untrimmed span in {text:?}");
            assert_eq!(
                span.footnotes.is_empty(),
                span.end == span.footnotes_end,
                "{span:?}"
            );
            covered[span.start..span.footnotes_end].fill(true);
            previous_end = span.footnotes_end;
        }
        for (p, c) in text.char_indices() {
            if !c.is_whitespace() {
                assert!(covered[p], "{c:?} at {p} lost from {text:?}: {spans:?}");
            }
        }
        spans
    }

    #[test]
    fn abbreviations_do_not_end_sentences() {
        assert_eq!(
            texts(
                "Dr. Smith met Mr. Jones at St. Mary's. They talked about Acme Inc. for an hour."
            ),
            [
                "Dr. Smith met Mr. Jones at St. Mary's.",
                "They talked about Acme Inc. for an hour."
            ]
        );
        assert_eq!(
            texts(
                "Gen. Lee, Sen. Warren and Prof. Chen spoke, e.g. about taxes, i.e. money, etc. It was long."
            ),
            [
                "Gen. Lee, Sen. Warren and Prof. Chen spoke, e.g. about taxes, i.e. money, etc.",
                "It was long."
            ]
        );
        assert_eq!(
            texts(
                "The U.S. Army left on Jan. 5 at 9 a.m. sharp. The Lakers vs. Celtics game was No. 1."
            ),
            [
                "The U.S. Army left on Jan. 5 at 9 a.m. sharp.",
                "The Lakers vs. Celtics game was No. 1."
            ]
        );
        assert_eq!(
            texts("Shares of Acme Corp. rose. Smith & Co. It closed."),
            ["Shares of Acme Corp. rose.", "Smith & Co.", "It closed."]
        );
    }

    #[test]
    fn initials_stay_inside_the_name() {
        assert_eq!(
            texts("The Hobbit was written by J. R. R. Tolkien in 1937. It sold well."),
            [
                "The Hobbit was written by J. R. R. Tolkien in 1937.",
                "It sold well."
            ]
        );
        assert_eq!(
            texts("We make a good team, you and I. Did you see Albert I. Jones?"),
            [
                "We make a good team, you and I.",
                "Did you see Albert I. Jones?"
            ]
        );
        assert_eq!(
            texts("He took vitamin C. The cold went away."),
            ["He took vitamin C.", "The cold went away."]
        );
    }

    #[test]
    fn decimals_and_numbers_do_not_split() {
        assert_eq!(
            texts("Prices rose 10.5% to 1,000.25 points, and pi is 3.14. Next year it fell."),
            [
                "Prices rose 10.5% to 1,000.25 points, and pi is 3.14.",
                "Next year it fell."
            ]
        );
        assert_eq!(
            texts("It happened in 2019. 5 people died."),
            ["It happened in 2019.", "5 people died."]
        );
    }

    #[test]
    fn money_amounts_do_not_split() {
        assert_eq!(
            texts("The deal is worth $3.2bn, up from $100.00 last year. She has €5.50."),
            [
                "The deal is worth $3.2bn, up from $100.00 last year.",
                "She has €5.50."
            ]
        );
        let spans = checked("Revenue hit $1,000.25 The board was pleased.");
        assert_eq!(
            spans.len(),
            1,
            "a money amount is not a footnote: {spans:?}"
        );
    }

    #[test]
    fn ellipses_end_sentences_only_before_capitals() {
        assert_eq!(
            texts("I waited... Then he came. I mean...see, it was… odd."),
            ["I waited...", "Then he came.", "I mean...see, it was… odd."]
        );
        assert_eq!(
            texts("I never meant that.... She left the store."),
            ["I never meant that....", "She left the store."]
        );
        assert_eq!(
            texts("The thing is . . . I didn't mean it . . . . Next sentence."),
            [
                "The thing is . . . I didn't mean it . . . .",
                "Next sentence."
            ]
        );
        assert_eq!(
            texts("It was combined. . . . The practice was not abandoned. . . ."),
            [
                "It was combined.",
                ". . . The practice was not abandoned. . . ."
            ]
        );
        assert_eq!(
            texts("\"Bohr [...] used [...]\" (Smith 55)."),
            ["\"Bohr [...] used [...]\" (Smith 55)."]
        );
    }

    #[test]
    fn quotation_ending_a_sentence_stays_with_it() {
        assert_eq!(
            texts("He said \"stop.\" Then he left. 'This is great.' she said."),
            [
                "He said \"stop.\"",
                "Then he left.",
                "'This is great.' she said."
            ]
        );
        assert_eq!(
            texts("She turned to him, “This is great.” She held out the book."),
            [
                "She turned to him, “This is great.”",
                "She held out the book."
            ]
        );
    }

    #[test]
    fn parenthesis_ending_a_sentence_stays_with_it() {
        assert_eq!(
            texts("The method failed (see below.) Next we tried again."),
            ["The method failed (see below.)", "Next we tried again."]
        );
        assert_eq!(
            texts("He teaches (He worked as an engineer.) at the University."),
            ["He teaches (He worked as an engineer.) at the University."]
        );
    }

    #[test]
    fn list_items_are_separate_sentences() {
        assert_eq!(
            texts("1.) The first item 2.) The second item"),
            ["1.) The first item", "2.) The second item"]
        );
        assert_eq!(
            texts("1. The first item. 2. The second item."),
            ["1. The first item.", "2. The second item."]
        );
        assert_eq!(
            texts("a. The first item b. The second item c. The third item"),
            [
                "a. The first item",
                "b. The second item",
                "c. The third item"
            ]
        );
        assert_eq!(
            texts("• 9. The first item • 10. The second item"),
            ["• 9. The first item", "• 10. The second item"]
        );
        assert_eq!(
            texts("i. Fast ii. Cheap iii. Good"),
            ["i. Fast", "ii. Cheap", "iii. Good"]
        );
        assert_eq!(
            texts("We need:\n- eggs and\n  more eggs\n- milk\n(a) first\n(b) second"),
            [
                "We need:",
                "- eggs and\n  more eggs",
                "- milk",
                "(a) first",
                "(b) second"
            ]
        );
    }

    #[test]
    fn urls_do_not_split() {
        assert_eq!(
            texts(
                "The site is: https://www.example.50.com/new-site/awesome_content.html. Please check it out."
            ),
            [
                "The site is: https://www.example.50.com/new-site/awesome_content.html.",
                "Please check it out."
            ]
        );
        assert_eq!(
            texts("See www.bbc.co.uk/news?id=3.2 for details. It is free."),
            ["See www.bbc.co.uk/news?id=3.2 for details.", "It is free."]
        );
    }

    #[test]
    fn email_addresses_do_not_split() {
        assert_eq!(
            texts("Her email is Jane.Doe@example.com. I sent her an email."),
            ["Her email is Jane.Doe@example.com.", "I sent her an email."]
        );
    }

    #[test]
    fn question_and_exclamation_marks_end_sentences() {
        assert_eq!(
            texts("What is it?! I found it!! She works at Yahoo! in sales."),
            [
                "What is it?!",
                "I found it!!",
                "She works at Yahoo! in sales."
            ]
        );
    }

    #[test]
    fn newlines_blank_lines_and_headings() {
        assert_eq!(
            texts(
                "A wrapped line of prose that goes on\nand on until it stops. Next\nsentence here."
            ),
            [
                "A wrapped line of prose that goes on\nand on until it stops.",
                "Next\nsentence here."
            ]
        );
        assert_eq!(
            texts("Unfinished thought\n\nNew paragraph"),
            ["Unfinished thought", "New paragraph"]
        );
        assert_eq!(
            texts("Skip to main content\nMonthly Archives: September 2019\n\nTitle"),
            [
                "Skip to main content",
                "Monthly Archives: September 2019",
                "Title"
            ]
        );
        let wrapped = "Introduction\nThe quick brown fox jumps over the lazy dog and keeps\nRunning far away from the farm while the farmer sleeps.";
        assert_eq!(
            texts(wrapped),
            [
                "Introduction",
                "The quick brown fox jumps over the lazy dog and keeps\nRunning far away from the farm while the farmer sleeps."
            ]
        );
    }

    #[test]
    fn footnote_after_a_word_is_split_off() {
        let text = "Soviet pilots fought during the Korean War.2 The next year was calm.";
        let spans = checked(text);
        assert_eq!(spans.len(), 2);
        assert_eq!(
            spans[0].text(text),
            "Soviet pilots fought during the Korean War."
        );
        assert_eq!(spans[0].footnotes, ["2"]);
        assert_eq!(&text[spans[0].end..spans[0].footnotes_end], "2");
        assert_eq!(spans[1].text(text), "The next year was calm.");
        assert!(spans[1].footnotes.is_empty());
    }

    #[test]
    fn footnote_after_a_number_before_a_capital_is_split_off() {
        let text = "The Security Council adopted Resolution 84.1 This resolution led to war.";
        let spans = checked(text);
        assert_eq!(spans.len(), 2);
        assert_eq!(
            spans[0].text(text),
            "The Security Council adopted Resolution 84."
        );
        assert_eq!(spans[0].footnotes, ["1"]);
        assert_eq!(spans[1].text(text), "This resolution led to war.");
    }

    #[test]
    fn footnote_at_paragraph_end_is_split_off() {
        let text = "They fought until the 1990s.2\n\nWhile this early allegiance lasted, ties were severed.3 Be that as it may, trade resumed.[4]";
        let spans = checked(text);
        let got: Vec<(&str, Vec<String>)> = spans
            .iter()
            .map(|s| (s.text(text), s.footnotes.clone()))
            .collect();
        assert_eq!(
            got,
            [
                ("They fought until the 1990s.", vec!["2".to_owned()]),
                (
                    "While this early allegiance lasted, ties were severed.",
                    vec!["3".to_owned()]
                ),
                ("Be that as it may, trade resumed.", vec!["4".to_owned()]),
            ]
        );
        let spans = checked("Several wars followed.² Peace came.¹,³");
        assert_eq!(spans[0].footnotes, ["2"]);
        assert_eq!(spans[1].footnotes, ["1", "3"]);
    }

    #[test]
    fn decimals_are_not_footnotes() {
        for text in [
            "The economy grew 3.5 percent last year.",
            "We shipped version 2.0 in May.",
            "It runs at 2.5 GHz on battery.",
            "In 2019.5 percent of voters stayed home.",
            "Version 1.0 The first release.",
        ] {
            let spans = checked(text);
            assert_eq!(spans.len(), 1, "{text:?} was split: {spans:?}");
            assert!(spans[0].footnotes.is_empty());
        }
        let text = "The latest release is Python 3.12\n\nNext paragraph.";
        let spans = checked(text);
        assert_eq!(spans[0].text(text), "The latest release is Python 3.12");
        assert!(spans[0].footnotes.is_empty());
        let table = "Model    F1    Precision\nBaseline 0.54  0.61\nOurs     0.87  0.82";
        assert_eq!(
            texts(table),
            [
                "Model    F1    Precision",
                "Baseline 0.54  0.61",
                "Ours     0.87  0.82"
            ]
        );
    }

    #[test]
    fn spaced_bracket_markers_are_footnotes() {
        let text = "Hydrogen is a gas. [1][2] [3] It is colorless.";
        let spans = checked(text);
        assert_eq!(spans[0].text(text), "Hydrogen is a gas.");
        assert_eq!(spans[0].footnotes, ["1", "2", "3"]);
        assert_eq!(spans[1].text(text), "It is colorless.");
    }

    #[test]
    fn times_eras_units_and_degrees() {
        assert_eq!(
            texts("The meeting ended at 2:30 p.m. EST. Markets closed higher."),
            [
                "The meeting ended at 2:30 p.m. EST.",
                "Markets closed higher."
            ]
        );
        assert_eq!(
            texts("On Jan. 5, at 6 a.m. Mr. Smith arrived. At 6 a.m. The birds sing."),
            [
                "On Jan. 5, at 6 a.m. Mr. Smith arrived.",
                "At 6 a.m.",
                "The birds sing."
            ]
        );
        assert_eq!(
            texts("Rome was founded in 753 B.C. Augustus came later. In 44 B.C. Caesar died."),
            [
                "Rome was founded in 753 B.C.",
                "Augustus came later.",
                "In 44 B.C. Caesar died."
            ]
        );
        assert_eq!(
            texts("She weighed 5 lb. Tom was impressed. He is 5 ft. 3 in. tall."),
            [
                "She weighed 5 lb.",
                "Tom was impressed.",
                "He is 5 ft. 3 in. tall."
            ]
        );
        assert_eq!(
            texts("She earned her Ph.D. Tom was impressed."),
            ["She earned her Ph.D.", "Tom was impressed."]
        );
    }

    #[test]
    fn missing_space_before_a_sentence_opener_still_splits() {
        assert_eq!(
            texts("Hello world.Today is Tuesday. See example.com.The end. Node.Js is not split."),
            [
                "Hello world.",
                "Today is Tuesday.",
                "See example.com.",
                "The end.",
                "Node.Js is not split."
            ]
        );
    }

    #[test]
    fn outline_numbers_open_their_sentence() {
        assert_eq!(
            texts(
                "1.E.1. The following sentence must appear.\n\n1.E.2. If a work is derived, fine."
            ),
            [
                "1.E.1. The following sentence must appear.",
                "1.E.2. If a work is derived, fine."
            ]
        );
    }

    #[test]
    fn reference_list_lines_are_one_sentence_each() {
        let text = "Snyder, Scott, “Where Does the Relationship Stand?” Council on Foreign Relations, April 29, 2019,\nLukin, Artyom. 2019. “The Putin and Kim Rendezvous,” 38 North, May 2.";
        assert_eq!(
            texts(text),
            [
                "Snyder, Scott, “Where Does the Relationship Stand?” Council on Foreign Relations, April 29, 2019,",
                "Lukin, Artyom. 2019. “The Putin and Kim Rendezvous,” 38 North, May 2."
            ]
        );
    }

    #[test]
    fn spans_are_well_formed_on_varied_input() {
        let inputs = [
            "",
            "   \n\n\t  ",
            ".",
            "...",
            ". . . .",
            "a.b.c.d. e. F. G.1 H.",
            "北京是中国的首都。上海很大！你好吗？是的。",
            "Emoji 🎉 party. 👍🏽 Next one! Fine? 🙂",
            "Combining e\u{301}te\u{301}. Ame\u{301}lie left.",
            "مرحبا بالعالم. هذا نص عربي؟ نعم. Then English.",
            "שלום. Hello. עולם!",
            "Odd\u{a0}spaces.\u{a0}Here\u{2003}too.\u{3000}End\r\n\r\nWindows\r\nlines.\u{2028}Sep.",
            "Trailing marker.12",
            "Marker mid.7 Then more.[3][4] Also.⁵",
            "1) x 2) y 3) z\n- a\n* b\n• c\n",
            "(a) (b) (c) [1] [2] 1.) 2.) ...... !!!! ????",
            "word.\u{2026}\u{2026} Word… word. “Quote.” ‘Single.’ (Paren.) [Bracket.]",
            "U.S.A. e.g. i.e. a.m. P.M. N°. 12.34.56. Mr. Dr. St. Jr.'s",
            "x\ny\nz\n\n\n\nw",
            "Hello..... World!? \t\n  ",
            "\u{feff}BOM start. Second.",
            "ab.2 Cd.3\nEf.4\n\nGh.",
        ];
        for text in inputs {
            checked(text);
        }
        assert_eq!(
            texts("北京是中国的首都。上海很大！你好吗？是的。"),
            ["北京是中国的首都。", "上海很大！", "你好吗？", "是的。"]
        );
        assert_eq!(
            texts("Combining e\u{301}te\u{301}. Ame\u{301}lie left."),
            ["Combining e\u{301}te\u{301}.", "Ame\u{301}lie left."]
        );
        let long_token = format!("{}. Next sentence.", "a".repeat(500));
        assert_eq!(checked(&long_token).len(), 2);
    }

    #[test]
    fn golden_rule_samples_pass() {
        assert_eq!(
            texts(
                "At 5 a.m. Mr. Smith went to the bank. He left the bank at 6 P.M. Mr. Smith then went to the store."
            ),
            [
                "At 5 a.m. Mr. Smith went to the bank.",
                "He left the bank at 6 P.M.",
                "Mr. Smith then went to the store."
            ]
        );
        assert_eq!(
            texts("I live in the U.S. How about you? I work for the U.S. Government in Virginia."),
            [
                "I live in the U.S.",
                "How about you?",
                "I work for the U.S. Government in Virginia."
            ]
        );
        assert_eq!(
            texts("You can find it at N°. 1026.253.553. That is where the treasure is."),
            [
                "You can find it at N°. 1026.253.553.",
                "That is where the treasure is."
            ]
        );
    }
}
