//! The Markdown report: one fact per line so that two reports of a study diff well.
//!
//! Text from the documents is escaped (a sentence with `*` or `[` stays a sentence); the
//! person's notes and notebook are Markdown already and are kept as written, inside block
//! quotes so that a heading in a note cannot break the report's outline.

use std::fmt::Write;

use crate::core::report::{
    ClaimSide, Report, ReportCitation, ReportClaim, ReportDocument, ReviewItem, ReviewTarget,
    capitalised, plural,
};

/// The report as Markdown.
pub(super) fn render(report: &Report) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "# {}\n", escape(&report.title));
    if let Some(generated) = &report.generated {
        let _ = writeln!(out, "Generated {}.\n", escape(generated));
    }
    summary(&mut out, report);
    if !report.pairs.is_empty() {
        out.push_str("## Across documents\n\n");
        for kind in ["contrasts", "agrees"] {
            let pairs: Vec<_> = report.pairs.iter().filter(|p| p.kind == kind).collect();
            if pairs.is_empty() {
                continue;
            }
            let _ = writeln!(out, "### {} ({})\n", capitalised(kind), pairs.len());
            for pair in pairs {
                let _ = writeln!(out, "- {}", side(&pair.a));
                let _ = writeln!(out, "  - {}", side(&pair.b));
                let _ = writeln!(out, "  - Why: {}", escape(&pair.reason));
            }
            out.push('\n');
        }
        let related = report.pairs.iter().filter(|p| p.kind == "related").count();
        if related > 0 {
            let _ = writeln!(
                out,
                "{} on the same topic are listed under their claims.\n",
                plural(related, "more pair", "more pairs")
            );
        }
    }
    for document in &report.documents {
        write_document(&mut out, document);
    }
    if !report.notebook.trim().is_empty() {
        out.push_str("## Notebook\n\n");
        block_quote(&mut out, &report.notebook, "");
        out.push('\n');
    }
    if !report.needs_review.is_empty() {
        let _ = writeln!(out, "## Needs review ({})\n", report.needs_review.len());
        out.push_str("Kept in the study, but not shown on the text:\n\n");
        for item in &report.needs_review {
            review_item(&mut out, item);
        }
        out.push('\n');
    }
    if !report.skipped.is_empty() {
        let _ = writeln!(out, "## Skipped files ({})\n", report.skipped.len());
        for (path, reason) in &report.skipped {
            let _ = writeln!(out, "- {}: {}", escape(path), escape(reason));
        }
        out.push('\n');
    }
    // One trailing newline, whatever came last.
    let trimmed = out.trim_end().len();
    out.truncate(trimmed);
    out.push('\n');
    out
}

fn summary(out: &mut String, report: &Report) {
    let s = &report.summary;
    let _ = writeln!(
        out,
        "{} · {} · {} · {} · {}\n",
        plural(s.documents, "document", "documents"),
        plural(s.detected_claims, "detected claim", "detected claims"),
        plural(s.own_claims, "own claim", "own claims"),
        plural(s.pairs, "related pair", "related pairs"),
        plural(s.needs_review, "item needs review", "items need review"),
    );
    out.push_str("| Verdict | Claims |\n| --- | ---: |\n");
    for (verdict, count) in &s.verdicts {
        let _ = writeln!(out, "| {} | {count} |", verdict.label());
    }
    let _ = writeln!(out, "| Dismissed | {} |\n", s.dismissed);
}

fn write_document(out: &mut String, document: &ReportDocument) {
    let _ = writeln!(out, "## {}\n", escape(&document.title));
    let _ = writeln!(out, "File: {}\n", escape(&document.path));
    if let Some(error) = &document.error {
        let _ = writeln!(out, "**Not analysed:** {}\n", escape(error));
    }
    if !document.note.trim().is_empty() {
        out.push_str("Note on the document:\n\n");
        block_quote(out, &document.note, "");
        out.push('\n');
    }
    for section in &document.sections {
        let hashes = "#".repeat(usize::from(section.level).saturating_add(2).min(6));
        let _ = writeln!(out, "{hashes} {}\n", escape(&section.title));
        if !section.note.trim().is_empty() {
            out.push_str("Note on the section:\n\n");
            block_quote(out, &section.note, "");
            out.push('\n');
        }
        if section.claims.is_empty() {
            continue;
        }
        for claim in &section.claims {
            write_claim(out, claim);
        }
        out.push('\n');
    }
    if !document.references.is_empty() {
        out.push_str("### References\n\n");
        for reference in &document.references {
            let _ = writeln!(out, "- {}", citation(reference));
        }
        out.push('\n');
    }
}

fn write_claim(out: &mut String, claim: &ReportClaim) {
    let _ = writeln!(out, "- “{}”", escape(&claim.text));
    let mut facts = vec![code(&claim.id), format!("**{}**", claim.verdict.label())];
    if claim.is_own {
        facts.push("own claim".to_owned());
    }
    if !claim.kinds.is_empty() {
        facts.push(claim.kinds.join(", "));
    }
    if let Some(cue) = &claim.hedge_cue {
        facts.push(format!("hedged: “{}”", escape(cue)));
    }
    if claim.is_dismissed {
        facts.push("dismissed".to_owned());
    }
    let _ = writeln!(out, "  - {}", facts.join(" · "));
    if !claim.tags.is_empty() {
        let tags: Vec<String> = claim.tags.iter().map(|t| escape(t)).collect();
        let _ = writeln!(out, "  - Tags: {}", tags.join(", "));
    }
    for cited in &claim.citations {
        let _ = writeln!(out, "  - Cites {}", citation(cited));
    }
    for related in &claim.related {
        let _ = writeln!(
            out,
            "  - {} {} — {}",
            capitalised(related.kind),
            side(&related.other),
            escape(&related.reason)
        );
    }
    if !claim.note.trim().is_empty() {
        // A block quote may interrupt the item's text: no blank line, the list stays tight.
        out.push_str("  - Note:\n");
        block_quote(out, &claim.note, "    ");
    }
}

fn review_item(out: &mut String, item: &ReviewItem) {
    match &item.target {
        ReviewTarget::Claim(claim) => {
            let _ = writeln!(
                out,
                "- Claim in *{}* ({})",
                escape(&item.document),
                escape(&item.reason)
            );
            let mut claim_lines = String::new();
            write_claim(&mut claim_lines, claim);
            for line in claim_lines.lines() {
                let _ = writeln!(out, "  {line}");
            }
        }
        ReviewTarget::SectionNote { section, note } => {
            let section = if section.is_empty() {
                "Introduction"
            } else {
                section
            };
            let _ = writeln!(
                out,
                "- Note on section “{}” of *{}* ({}):",
                escape(section),
                escape(&item.document),
                escape(&item.reason)
            );
            block_quote(out, note, "  ");
        }
        ReviewTarget::DocumentNote { note } => {
            let _ = writeln!(
                out,
                "- Note on the document *{}* ({}):",
                escape(&item.document),
                escape(&item.reason)
            );
            block_quote(out, note, "  ");
        }
    }
}

fn side(side: &ClaimSide) -> String {
    format!(
        "“{}” (*{} › {}*, {}, {})",
        escape(&side.text),
        escape(&side.document),
        escape(&side.section),
        code(&side.claim_id),
        side.verdict.label()
    )
}

fn citation(cited: &ReportCitation) -> String {
    if cited.text.is_empty() {
        format!(
            "\\[{}\\] (no entry in the reference list)",
            escape(&cited.label)
        )
    } else {
        format!("\\[{}\\] {}", escape(&cited.label), escape(&cited.text))
    }
}

/// The person's Markdown, each line behind `indent> `.
fn block_quote(out: &mut String, text: &str, indent: &str) {
    for line in text.trim_end().lines() {
        let line = line.trim_end();
        if line.is_empty() {
            let _ = writeln!(out, "{indent}>");
        } else {
            let _ = writeln!(out, "{indent}> {line}");
        }
    }
}

/// Text shown literally: Markdown's inline punctuation is backslash-escaped, line breaks
/// become spaces.
pub(super) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for (i, word) in text.split_whitespace().enumerate() {
        if i > 0 {
            out.push(' ');
        }
        for c in word.chars() {
            if matches!(
                c,
                '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '~' | '|' | '&' | '#'
            ) {
                out.push('\\');
            }
            out.push(c);
        }
    }
    out
}

/// An id in a code span; ids read from a hand-edited file may hold anything, so one that
/// could close the span is escaped instead.
fn code(text: &str) -> String {
    if text.is_empty() || text.contains('`') || text.contains(char::is_whitespace) {
        escape(text)
    } else {
        format!("`{text}`")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_punctuation_in_document_text_is_escaped() {
        assert_eq!(
            escape("Trade *rose* by [3] <b>\n  10%_"),
            "Trade \\*rose\\* by \\[3\\] \\<b\\> 10%\\_"
        );
    }

    #[test]
    fn notes_are_quoted_line_by_line() {
        let mut out = String::new();
        block_quote(&mut out, "# Heading\n\nText  \n", "  ");
        assert_eq!(out, "  > # Heading\n  >\n  > Text\n");
    }
}
