//! STUB — replaced by the real splitter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SentenceSpan {
    pub start: usize,
    pub end: usize,
    pub footnotes: Vec<String>,
    pub footnotes_end: usize,
}
pub fn split_sentences(text: &str) -> Vec<SentenceSpan> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, c) in text.char_indices() {
        if c == '.' || c == '\n' {
            let s = &text[start..i + 1];
            let t = s.trim();
            if !t.is_empty() {
                let off = start + (s.len() - s.trim_start().len());
                out.push(SentenceSpan {
                    start: off,
                    end: off + t.len(),
                    footnotes: vec![],
                    footnotes_end: off + t.len(),
                });
            }
            start = i + 1;
        }
    }
    let s = &text[start..];
    let t = s.trim();
    if !t.is_empty() {
        let off = start + (s.len() - s.trim_start().len());
        out.push(SentenceSpan {
            start: off,
            end: off + t.len(),
            footnotes: vec![],
            footnotes_end: off + t.len(),
        });
    }
    out
}
pub fn split_sentence_texts(text: &str) -> Vec<&str> {
    split_sentences(text)
        .iter()
        .map(|s| &text[s.start..s.end])
        .collect()
}
