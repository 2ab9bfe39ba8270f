//! Finding a passage the person selected on screen in the document's text.
//!
//! A selection arrives as copied text: inside one paragraph it is the text itself, but where
//! it spans paragraphs the blank lines between them have become one newline or a space. So
//! [`find_selection`] matches word by word with any whitespace between words, and when the
//! passage occurs more than once it takes the occurrence nearest to where the pointer was.

use crate::core::document::Span;

/// How far around the pointer to look first, beyond the selection's own length.
const NEAR_WINDOW_BYTES: usize = 4096;

/// The span of `selected` in `text`, whitespace-insensitive between words, nearest to the
/// byte `near` (or the first occurrence). Leading and trailing whitespace is not included.
pub fn find_selection(text: &str, selected: &str, near: Option<usize>) -> Option<Span> {
    let words: Vec<&str> = selected.split_whitespace().collect();
    let first = *words.first()?;
    if let Some(near) = near {
        let reach = selected.len() * 2 + NEAR_WINDOW_BYTES;
        let mut from = near.saturating_sub(reach).min(text.len());
        while !text.is_char_boundary(from) {
            from -= 1;
        }
        let mut to = near.saturating_add(reach).min(text.len());
        while !text.is_char_boundary(to) {
            to += 1;
        }
        if let Some(span) = nearest_match(text, from, to, first, &words, near) {
            return Some(span);
        }
    }
    nearest_match(text, 0, text.len(), first, &words, near.unwrap_or(0))
}

fn nearest_match(
    text: &str,
    from: usize,
    to: usize,
    first: &str,
    words: &[&str],
    near: usize,
) -> Option<Span> {
    let window = text.get(from..to)?;
    let distance = |span: Span| {
        if span.start <= near && near <= span.end {
            0
        } else {
            span.start.abs_diff(near).min(span.end.abs_diff(near))
        }
    };
    window
        .match_indices(first)
        .filter_map(|(i, _)| match_words_at(text, from + i, words))
        .min_by_key(|&span| distance(span))
}

/// `span` without the whitespace at its ends; `None` when nothing else is left (or the span
/// is not on character boundaries of `text`).
pub fn trim_span(text: &str, span: Span) -> Option<Span> {
    let slice = text.get(span.start..span.end)?;
    let start = span.start + (slice.len() - slice.trim_start().len());
    let end = span.end - (slice.len() - slice.trim_end().len());
    (start < end).then(|| Span::new(start, end))
}

/// The span of `words` starting exactly at `start`, any whitespace between them.
fn match_words_at(text: &str, start: usize, words: &[&str]) -> Option<Span> {
    let mut pos = start;
    for (n, word) in words.iter().enumerate() {
        if n > 0 {
            let rest = text.get(pos..)?;
            let trimmed = rest.trim_start();
            pos += rest.len() - trimmed.len();
        }
        if !text.get(pos..)?.starts_with(word) {
            return None;
        }
        pos += word.len();
    }
    Some(Span::new(start, pos))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_selection_across_paragraphs_is_found_despite_changed_breaks() {
        let text = "First para ends here.\n\nSecond para starts there.";
        let span = find_selection(text, "ends here.\nSecond para", None).expect("found");
        assert_eq!(&text[span.start..span.end], "ends here.\n\nSecond para");
    }

    #[test]
    fn trimming_drops_surrounding_whitespace_only() {
        let text = "  two words \n";
        assert_eq!(
            trim_span(text, Span::new(0, text.len())),
            Some(Span::new(2, 11))
        );
        assert_eq!(trim_span(text, Span::new(0, 2)), None);
        assert_eq!(trim_span("é", Span::new(0, 1)), None, "not a char boundary");
    }

    #[test]
    fn the_occurrence_nearest_the_pointer_wins() {
        let text = "The rate rose. Later, the rate rose. Finally the rate rose.";
        let last = text.rfind("rate rose").expect("there");
        let span = find_selection(text, "rate rose", Some(last + 3)).expect("found");
        assert_eq!(span.start, last);
        let span = find_selection(text, "rate rose", None).expect("found");
        assert_eq!(span.start, text.find("rate rose").expect("there"));
    }

    #[test]
    fn partial_words_and_unicode_are_matched_and_absent_text_is_not() {
        let text = "Ünïcode wörds — «quoted» text.";
        let span = find_selection(text, "code wörds — «quo", Some(3)).expect("found");
        assert_eq!(&text[span.start..span.end], "code wörds — «quo");
        assert_eq!(find_selection(text, "missing", Some(2)), None);
        assert_eq!(find_selection(text, "   ", None), None);
        // A pointer position past the end or inside a character does not panic.
        assert!(find_selection(text, "text", Some(10_000)).is_some());
        assert!(find_selection(text, "text", Some(1)).is_some());
    }
}
