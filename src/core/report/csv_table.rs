//! The CSV report: one row per claim (detected, own, and those needing review) for
//! spreadsheets, written by the `csv` crate (RFC 4180: quotes, commas and line breaks in a
//! cell are quoted; CRLF between records).
//!
//! Two things are for spreadsheets in particular: the file starts with a UTF-8 byte order
//! mark, without which Excel reads UTF-8 as a legacy code page (and the seeds' curly quotes
//! break); and a text cell starting with `=`, `+`, `-` or `@` gets a leading `'`, so that a
//! sentence in a document cannot run as a formula when the file is opened.

use crate::core::report::{Report, ReportClaim, ReviewTarget};

/// The columns, in order.
pub(super) const HEADER: [&str; 15] = [
    "document",
    "section",
    "claim_id",
    "origin",
    "text",
    "kinds",
    "hedged",
    "hedge_cue",
    "verdict",
    "dismissed",
    "needs_review",
    "note",
    "tags",
    "citations",
    "related",
];

/// The report as CSV.
pub(super) fn render(report: &Report) -> String {
    match write(report) {
        Ok(bytes) => String::from_utf8(bytes)
            .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned()),
        Err(err) => {
            // Writing to memory only fails on a bug in the csv crate; say so in the log.
            log::error!("could not write the CSV report: {err}");
            String::new()
        }
    }
}

fn write(report: &Report) -> Result<Vec<u8>, csv::Error> {
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::from("\u{feff}".as_bytes()));
    writer.write_record(HEADER)?;
    for document in &report.documents {
        for section in &document.sections {
            for claim in &section.claims {
                writer.write_record(row(&document.title, &section.title, claim, ""))?;
            }
        }
    }
    for item in &report.needs_review {
        if let ReviewTarget::Claim(claim) = &item.target {
            writer.write_record(row(&item.document, "", claim, &item.reason))?;
        }
    }
    writer.flush()?;
    writer
        .into_inner()
        .map_err(|e| csv::Error::from(e.into_error()))
}

fn row(document: &str, section: &str, claim: &ReportClaim, needs_review: &str) -> Vec<String> {
    let citations: Vec<String> = claim
        .citations
        .iter()
        .map(|c| {
            if c.text.is_empty() {
                c.label.clone()
            } else {
                format!("{}: {}", c.label, c.text)
            }
        })
        .collect();
    vec![
        cell(document),
        cell(section),
        cell(&claim.id),
        if claim.is_own { "own" } else { "detected" }.to_owned(),
        cell(&claim.text),
        claim.kinds.join("; "),
        yes_no(claim.hedge_cue.is_some()),
        cell(claim.hedge_cue.as_deref().unwrap_or("")),
        claim.verdict.label().to_owned(),
        yes_no(claim.is_dismissed),
        cell(needs_review),
        cell(&claim.note),
        cell(&claim.tags.join("; ")),
        // One citation per line of the cell.
        cell(&citations.join("\n")),
        claim.related.len().to_string(),
    ]
}

fn yes_no(value: bool) -> String {
    if value { "yes" } else { "no" }.to_owned()
}

/// A text cell that a spreadsheet will not read as a formula.
fn cell(text: &str) -> String {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}")
    } else {
        text.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_that_look_like_formulas_are_defused() {
        assert_eq!(cell("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(cell("-5% in 2020"), "'-5% in 2020");
        assert_eq!(cell("Trade rose."), "Trade rose.");
    }
}
