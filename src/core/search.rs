//! Full-text search over the study: document text, claims and (later) notes.
//!
//! [`Query`] compiles the person's words once (case-insensitive, literal — what they typed is
//! what is found, no regex syntax); [`Query::find_in`] returns [`Match`] spans in a text, and
//! [`search_study`] collects [`SearchHit`]s with context across documents, in reading order,
//! stopping at a limit so the first results come back at once even on 50 MB.

use regex::{Regex, RegexBuilder};

use crate::core::analysis::Study;
use crate::core::document::Span;

/// A compiled search.
#[derive(Debug, Clone)]
pub struct Query {
    text: String,
    regex: Regex,
}

impl Query {
    /// A case-insensitive literal search for `text`; `None` for blank input.
    pub fn new(text: &str) -> Option<Self> {
        let trimmed = text.trim();
        if trimmed.is_empty() {
            return None;
        }
        // Whitespace in the query matches any run of whitespace (line breaks in the text).
        let pattern = trimmed
            .split_whitespace()
            .map(regex::escape)
            .collect::<Vec<_>>()
            .join(r"\s+");
        let regex = RegexBuilder::new(&pattern)
            .case_insensitive(true)
            .size_limit(1 << 20)
            .build()
            .ok()?;
        Some(Self {
            text: trimmed.to_owned(),
            regex,
        })
    }

    /// The words searched for.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// Every match in `haystack`, in order.
    pub fn find_in<'h>(&'h self, haystack: &'h str) -> impl Iterator<Item = Span> + 'h {
        self.regex
            .find_iter(haystack)
            .map(|m| Span::new(m.start(), m.end()))
    }
}

/// One place the query was found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchHit {
    /// Document index.
    pub doc: usize,
    /// Section index, when the match is inside a section body.
    pub section: Option<usize>,
    /// The match in the document text.
    pub span: Span,
    /// About 60 characters either side, on one line.
    pub context: String,
    /// The match inside `context`.
    pub context_match: Span,
}

/// Searches every document (`only_doc` limits it to one), in reading order, up to `limit` hits.
pub fn search_study(
    study: &Study,
    query: &Query,
    only_doc: Option<usize>,
    limit: usize,
) -> Vec<SearchHit> {
    let mut hits = Vec::new();
    for (doc, d) in study.documents.iter().enumerate() {
        if only_doc.is_some_and(|o| o != doc) {
            continue;
        }
        let text = &d.document.text;
        for span in query.find_in(text) {
            if hits.len() >= limit {
                return hits;
            }
            let section = d
                .document
                .sections
                .iter()
                .position(|s| s.body.start <= span.start && span.end <= s.body.end);
            let (context, context_match) = context_of(text, span, 60);
            hits.push(SearchHit {
                doc,
                section,
                span,
                context,
                context_match,
            });
        }
    }
    hits
}

/// About `chars` characters either side of `span`, line breaks flattened to spaces.
pub fn context_of(text: &str, span: Span, chars: usize) -> (String, Span) {
    let before_start = text[..span.start]
        .char_indices()
        .rev()
        .nth(chars.saturating_sub(1))
        .map_or(0, |(i, _)| i);
    let after_end = text[span.end..]
        .char_indices()
        .nth(chars)
        .map_or(text.len(), |(i, _)| span.end + i);
    let flat = |s: &str| s.replace(['\n', '\t'], " ");
    let before = flat(&text[before_start..span.start]);
    let matched = flat(&text[span.start..span.end]);
    let after = flat(&text[span.end..after_end]);
    let prefix = if before_start > 0 { "…" } else { "" };
    let suffix = if after_end < text.len() { "…" } else { "" };
    let start = prefix.len() + before.len();
    let context = format!("{prefix}{before}{matched}{after}{suffix}");
    (context, Span::new(start, start + matched.len()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn search_is_case_insensitive_literal_and_spans_line_breaks() {
        let q = Query::new("north  KOREA").unwrap();
        let text = "North Korea and north\nkorea; (north korea)?";
        let spans: Vec<_> = q.find_in(text).map(|s| &text[s.start..s.end]).collect();
        assert_eq!(spans, vec!["North Korea", "north\nkorea", "north korea"]);
        let q = Query::new("(a.b)?").unwrap();
        assert_eq!(
            q.find_in("x (a.b)? y (aXb)").count(),
            1,
            "regex symbols are literal"
        );
        assert!(Query::new("   ").is_none());
    }

    #[test]
    fn context_is_one_line_with_the_match_marked() {
        let text = "First line.\nThe quick brown fox jumps.\nLast line here.";
        let span = Span::new(text.find("brown").unwrap(), text.find("brown").unwrap() + 5);
        let (context, m) = context_of(text, span, 10);
        assert_eq!(&context[m.start..m.end], "brown");
        assert!(!context.contains('\n'));
        assert!(context.starts_with('…') && context.ends_with('…'));
        let (context, _) = context_of("é brown ü", Span::new(3, 8), 100);
        assert_eq!(context, "é brown ü");
    }
}
