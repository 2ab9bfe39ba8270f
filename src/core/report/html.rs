//! The HTML report: one self-contained page (inline CSS, no scripts, no external resources),
//! readable on screen and printable.
//!
//! Everything from the documents and the workspace is escaped. The person's notes are
//! Markdown and are rendered, but raw HTML in them is shown as text, images become links
//! (an image would load an external resource) and only web, mail and in-page links are kept;
//! `lectern://claim/<id>` links (from "Insert quote") lead to the claim in the report.

use std::fmt::Write;

use pulldown_cmark::{CowStr, Event, LinkType, Options, Parser, Tag, TagEnd};

use crate::core::report::{
    ClaimSide, Report, ReportCitation, ReportClaim, ReportDocument, ReviewItem, ReviewTarget,
    capitalised, plural,
};
use crate::core::workspace::Verdict;

const STYLE: &str = r#"
:root { color-scheme: light; --ink: #1d1d1f; --muted: #5f6368; --line: #dadce0; --paper: #fff;
  --soft: #f6f7f9; --supported: #1e7d32; --disputed: #b3261e; --unsupported: #8e4a00;
  --needs-source: #7b1fa2; --unreviewed: #9aa0a6; }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 52rem; padding: 2rem 1.25rem 4rem; color: var(--ink);
  background: var(--paper); font: 16px/1.55 system-ui, -apple-system, "Segoe UI", Roboto,
  "Noto Sans", sans-serif; }
h1 { font-size: 1.9rem; margin: 0 0 .25rem; line-height: 1.2; }
h2 { font-size: 1.45rem; margin: 2.5rem 0 .5rem; padding-top: .5rem;
  border-top: 2px solid var(--line); }
h3, h4, h5, h6 { margin: 1.6rem 0 .4rem; }
h3 { font-size: 1.2rem; } h4 { font-size: 1.08rem; } h5, h6 { font-size: 1rem; }
a { color: #1a56b8; }
code { font: .85em ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; color: var(--muted); }
.meta, .path, .where, .facts { color: var(--muted); font-size: .92rem; }
.summary { margin: 1rem 0; }
table { border-collapse: collapse; margin: .5rem 0 1rem; }
th, td { border-bottom: 1px solid var(--line); padding: .2rem .9rem .2rem 0; text-align: left; }
td.n { text-align: right; font-variant-numeric: tabular-nums; }
nav ol { padding-left: 1.4rem; margin: .25rem 0; }
.note { background: var(--soft); border-radius: 6px; padding: .1rem .9rem; margin: .5rem 0; }
.note > .label { font-size: .8rem; text-transform: uppercase; letter-spacing: .04em;
  color: var(--muted); margin: .5rem 0 0; }
.note h1, .note h2, .note h3, .note h4, .note h5, .note h6 { font-size: 1rem; border: 0;
  margin: .8rem 0 .3rem; padding: 0; }
ul.claims { list-style: none; padding: 0; margin: .5rem 0 1rem; }
li.claim { border-left: 4px solid var(--unreviewed); padding: .35rem 0 .35rem .8rem;
  margin: .7rem 0; break-inside: avoid; }
li.claim blockquote { margin: 0; font-size: 1.02rem; }
li.supported { border-color: var(--supported); }
li.disputed { border-color: var(--disputed); }
li.unsupported { border-color: var(--unsupported); }
li.needs-source { border-color: var(--needs-source); }
li.dismissed blockquote { color: var(--muted); text-decoration: line-through; }
.verdict { font-weight: 600; color: var(--ink); }
.badge { display: inline-block; border: 1px solid var(--line); border-radius: 999px;
  padding: 0 .5rem; margin-right: .25rem; font-size: .8rem; }
.contrasts { color: var(--disputed); font-weight: 600; }
.agrees { color: var(--supported); font-weight: 600; }
.related { color: var(--muted); font-weight: 600; }
ul.details { margin: .3rem 0; padding-left: 1.2rem; font-size: .93rem; }
ul.details li { margin: .15rem 0; }
.pair { break-inside: avoid; margin: .8rem 0; padding: .1rem .9rem; border-left: 4px solid var(--line); }
.pair p { margin: .35rem 0; }
.contrasts-pair { border-color: var(--disputed); }
.agrees-pair { border-color: var(--supported); }
.why { color: var(--muted); font-size: .92rem; }
a.quote { color: inherit; text-decoration: none; border-bottom: 1px dotted var(--muted); }
@media print {
  body { max-width: none; padding: 0; font-size: 10.5pt; }
  @page { margin: 16mm 15mm; }
  nav { display: none; }
  a { color: inherit; text-decoration: none; }
  h2, h3, h4 { break-after: avoid; }
  section.document + section.document { break-before: page; }
  .note { background: none; border-left: 2px solid var(--line); border-radius: 0; }
}
"#;

/// The report as one HTML page.
pub(super) fn render(report: &Report) -> String {
    let mut out = String::new();
    out.push_str("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
    out.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    out.push_str("<meta name=\"generator\" content=\"Lectern\">\n");
    let _ = writeln!(out, "<title>{}</title>", escape(&report.title));
    let _ = writeln!(out, "<style>{STYLE}</style>\n</head>\n<body>\n<header>");
    let _ = writeln!(out, "<h1>{}</h1>", escape(&report.title));
    if let Some(generated) = &report.generated {
        let _ = writeln!(
            out,
            "<p class=\"meta\">Generated {}.</p>",
            escape(generated)
        );
    }
    summary(&mut out, report);
    contents(&mut out, report);
    out.push_str("</header>\n<main>\n");
    if !report.pairs.is_empty() {
        out.push_str("<section id=\"across\">\n<h2>Across documents</h2>\n");
        for kind in ["contrasts", "agrees"] {
            let pairs: Vec<_> = report.pairs.iter().filter(|p| p.kind == kind).collect();
            if pairs.is_empty() {
                continue;
            }
            let _ = writeln!(out, "<h3>{} ({})</h3>", capitalised(kind), pairs.len());
            for pair in pairs {
                let _ = writeln!(
                    out,
                    "<div class=\"pair {kind}-pair\">\n<p>{}</p>\n<p>{}</p>\n<p class=\"why\">Why: {}</p>\n</div>",
                    side(&pair.a),
                    side(&pair.b),
                    escape(&pair.reason)
                );
            }
        }
        let related = report.pairs.iter().filter(|p| p.kind == "related").count();
        if related > 0 {
            let _ = writeln!(
                out,
                "<p>{} on the same topic are listed under their claims.</p>",
                plural(related, "more pair", "more pairs")
            );
        }
        out.push_str("</section>\n");
    }
    for (index, document) in report.documents.iter().enumerate() {
        write_document(&mut out, index, document);
    }
    if !report.notebook.trim().is_empty() {
        out.push_str("<section id=\"notebook\">\n<h2>Notebook</h2>\n");
        let _ = writeln!(
            out,
            "<div class=\"note\">\n{}</div>",
            markdown_html(&report.notebook)
        );
        out.push_str("</section>\n");
    }
    if !report.needs_review.is_empty() {
        let _ = writeln!(
            out,
            "<section id=\"review\">\n<h2>Needs review ({})</h2>\n<p>Kept in the study, but not shown on the text:</p>\n<ul class=\"claims\">",
            report.needs_review.len()
        );
        for item in &report.needs_review {
            review_item(&mut out, item);
        }
        out.push_str("</ul>\n</section>\n");
    }
    if !report.skipped.is_empty() {
        let _ = writeln!(
            out,
            "<section id=\"skipped\">\n<h2>Skipped files ({})</h2>\n<ul>",
            report.skipped.len()
        );
        for (path, reason) in &report.skipped {
            let _ = writeln!(out, "<li>{}: {}</li>", escape(path), escape(reason));
        }
        out.push_str("</ul>\n</section>\n");
    }
    out.push_str("</main>\n</body>\n</html>\n");
    out
}

fn summary(out: &mut String, report: &Report) {
    let s = &report.summary;
    let _ = writeln!(
        out,
        "<p class=\"summary\">{} · {} · {} · {} · {}</p>",
        plural(s.documents, "document", "documents"),
        plural(s.detected_claims, "detected claim", "detected claims"),
        plural(s.own_claims, "own claim", "own claims"),
        plural(s.pairs, "related pair", "related pairs"),
        plural(s.needs_review, "item needs review", "items need review"),
    );
    out.push_str("<table>\n<tr><th>Verdict</th><th>Claims</th></tr>\n");
    for (verdict, count) in &s.verdicts {
        let _ = writeln!(
            out,
            "<tr><td>{}</td><td class=\"n\">{count}</td></tr>",
            verdict.label()
        );
    }
    let _ = writeln!(
        out,
        "<tr><td>Dismissed</td><td class=\"n\">{}</td></tr>\n</table>",
        s.dismissed
    );
}

fn contents(out: &mut String, report: &Report) {
    out.push_str("<nav>\n<ol>\n");
    if !report.pairs.is_empty() {
        out.push_str("<li><a href=\"#across\">Across documents</a></li>\n");
    }
    for (index, document) in report.documents.iter().enumerate() {
        let _ = writeln!(
            out,
            "<li><a href=\"#doc-{index}\">{}</a></li>",
            escape(&document.title)
        );
    }
    let extras = [
        (!report.notebook.trim().is_empty(), "notebook", "Notebook"),
        (!report.needs_review.is_empty(), "review", "Needs review"),
        (!report.skipped.is_empty(), "skipped", "Skipped files"),
    ];
    for (is_shown, id, label) in extras {
        if is_shown {
            let _ = writeln!(out, "<li><a href=\"#{id}\">{label}</a></li>");
        }
    }
    out.push_str("</ol>\n</nav>\n");
}

fn write_document(out: &mut String, index: usize, document: &ReportDocument) {
    let _ = writeln!(
        out,
        "<section class=\"document\" id=\"doc-{index}\">\n<h2>{}</h2>\n<p class=\"path\">{}</p>",
        escape(&document.title),
        escape(&document.path)
    );
    if let Some(error) = &document.error {
        let _ = writeln!(
            out,
            "<p><strong>Not analysed:</strong> {}</p>",
            escape(error)
        );
    }
    note(out, "Note on the document", &document.note);
    for section in &document.sections {
        let level = usize::from(section.level).saturating_add(2).min(6);
        let _ = writeln!(
            out,
            "<section class=\"section\">\n<h{level}>{}</h{level}>",
            escape(&section.title)
        );
        note(out, "Note on the section", &section.note);
        if !section.claims.is_empty() {
            out.push_str("<ul class=\"claims\">\n");
            for claim in &section.claims {
                write_claim(out, claim, true);
            }
            out.push_str("</ul>\n");
        }
        out.push_str("</section>\n");
    }
    if !document.references.is_empty() {
        out.push_str("<section class=\"references\">\n<h3>References</h3>\n<ul>\n");
        for reference in &document.references {
            let _ = writeln!(out, "<li>{}</li>", citation(reference));
        }
        out.push_str("</ul>\n</section>\n");
    }
    out.push_str("</section>\n");
}

fn write_claim(out: &mut String, claim: &ReportClaim, is_anchored: bool) {
    let mut classes = vec!["claim", verdict_class(claim.verdict)];
    if claim.is_dismissed {
        classes.push("dismissed");
    }
    let id = if is_anchored {
        format!(" id=\"claim-{}\"", escape(&claim.id))
    } else {
        String::new()
    };
    let _ = writeln!(
        out,
        "<li class=\"{}\"{id}>\n<blockquote>“{}”</blockquote>",
        classes.join(" "),
        escape(&claim.text)
    );
    let mut facts = vec![format!(
        "<span class=\"verdict\">{}</span>",
        claim.verdict.label()
    )];
    if claim.is_own {
        facts.push("<span class=\"badge\">own claim</span>".to_owned());
    }
    for kind in &claim.kinds {
        facts.push(format!("<span class=\"badge\">{kind}</span>"));
    }
    if let Some(cue) = &claim.hedge_cue {
        facts.push(format!(
            "<span class=\"badge\">hedged: “{}”</span>",
            escape(cue)
        ));
    }
    if claim.is_dismissed {
        facts.push("<span class=\"badge\">dismissed</span>".to_owned());
    }
    facts.push(format!("<code>{}</code>", escape(&claim.id)));
    let _ = writeln!(out, "<p class=\"facts\">{}</p>", facts.join(" "));
    let has_details =
        !claim.tags.is_empty() || !claim.citations.is_empty() || !claim.related.is_empty();
    if has_details {
        out.push_str("<ul class=\"details\">\n");
        if !claim.tags.is_empty() {
            let tags: Vec<String> = claim
                .tags
                .iter()
                .map(|t| format!("<span class=\"badge\">{}</span>", escape(t)))
                .collect();
            let _ = writeln!(out, "<li>Tags: {}</li>", tags.join(" "));
        }
        for cited in &claim.citations {
            let _ = writeln!(out, "<li>Cites {}</li>", citation(cited));
        }
        for related in &claim.related {
            let _ = writeln!(
                out,
                "<li><span class=\"{0}\">{1}</span> {2} — {3}</li>",
                related.kind,
                capitalised(related.kind),
                side(&related.other),
                escape(&related.reason)
            );
        }
        out.push_str("</ul>\n");
    }
    note(out, "Note", &claim.note);
    out.push_str("</li>\n");
}

fn review_item(out: &mut String, item: &ReviewItem) {
    let whose = format!(
        "<p class=\"where\">{} — {}</p>",
        escape(&item.document),
        escape(&item.reason)
    );
    match &item.target {
        ReviewTarget::Claim(claim) => {
            let mut inner = String::new();
            write_claim(&mut inner, claim, false);
            // The claim's own <li>, with where it belonged and why it is here first.
            let inner = inner.replacen("<blockquote>", &format!("{whose}\n<blockquote>"), 1);
            out.push_str(&inner);
        }
        ReviewTarget::SectionNote {
            section,
            note: text,
        } => {
            let section = if section.is_empty() {
                "Introduction"
            } else {
                section
            };
            let _ = writeln!(out, "<li class=\"claim\">\n{whose}");
            note(
                out,
                &format!("Note on the section “{}”", escape(section)),
                text,
            );
            out.push_str("</li>\n");
        }
        ReviewTarget::DocumentNote { note: text } => {
            let _ = writeln!(out, "<li class=\"claim\">\n{whose}");
            note(out, "Note on the document", text);
            out.push_str("</li>\n");
        }
    }
}

/// A labelled note box (`label` is already HTML).
fn note(out: &mut String, label: &str, text: &str) {
    if text.trim().is_empty() {
        return;
    }
    let _ = writeln!(
        out,
        "<div class=\"note\"><p class=\"label\">{label}</p>\n{}</div>",
        markdown_html(text)
    );
}

fn side(side: &ClaimSide) -> String {
    format!(
        "<a class=\"quote\" href=\"#claim-{}\">“{}”</a> <span class=\"where\">{} › {} · {}</span>",
        escape(&side.claim_id),
        escape(&side.text),
        escape(&side.document),
        escape(&side.section),
        side.verdict.label()
    )
}

fn citation(cited: &ReportCitation) -> String {
    if cited.text.is_empty() {
        format!(
            "<strong>[{}]</strong> (no entry in the reference list)",
            escape(&cited.label)
        )
    } else {
        format!(
            "<strong>[{}]</strong> {}",
            escape(&cited.label),
            escape(&cited.text)
        )
    }
}

fn verdict_class(verdict: Verdict) -> &'static str {
    match verdict {
        Verdict::Unreviewed => "unreviewed",
        Verdict::Supported => "supported",
        Verdict::Disputed => "disputed",
        Verdict::Unsupported => "unsupported",
        Verdict::NeedsSource => "needs-source",
    }
}

/// Text for HTML content and attribute values.
pub(super) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// The person's Markdown as HTML that loads nothing and runs nothing (see the module doc).
pub(super) fn markdown_html(text: &str) -> String {
    let options =
        Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH | Options::ENABLE_TASKLISTS;
    // For each open link or image: whether its start was kept (its end must match).
    let mut kept: Vec<bool> = Vec::new();
    let events = Parser::new_ext(text, options).filter_map(|event| match event {
        Event::Html(raw) | Event::InlineHtml(raw) => Some(Event::Text(raw)),
        Event::Start(Tag::Image {
            dest_url, title, ..
        }) => {
            // An image would be fetched when the page opens: offer it as a link instead.
            let link = safe_link(&dest_url).map(|dest_url| {
                Event::Start(Tag::Link {
                    link_type: LinkType::Inline,
                    dest_url,
                    title,
                    id: CowStr::Borrowed(""),
                })
            });
            kept.push(link.is_some());
            link
        }
        Event::Start(Tag::Link {
            link_type,
            dest_url,
            title,
            id,
        }) => {
            let link = safe_link(&dest_url).map(|dest_url| {
                Event::Start(Tag::Link {
                    link_type,
                    dest_url,
                    title,
                    id,
                })
            });
            kept.push(link.is_some());
            link
        }
        Event::End(TagEnd::Image | TagEnd::Link) => kept
            .pop()
            .unwrap_or(false)
            .then_some(Event::End(TagEnd::Link)),
        other => Some(other),
    });
    let mut html = String::new();
    pulldown_cmark::html::push_html(&mut html, events);
    html
}

/// The link target to keep: web and mail links as they are, a link back to a claim as a link
/// within the report, nothing else (`javascript:`, `data:`, `file:` …).
fn safe_link<'a>(dest_url: &CowStr<'a>) -> Option<CowStr<'a>> {
    let url = dest_url.trim();
    if let Some(claim) = url.strip_prefix("lectern://claim/") {
        return Some(CowStr::from(format!("#claim-{claim}")));
    }
    let lower = url.to_ascii_lowercase();
    let is_safe = lower.starts_with("https://")
        || lower.starts_with("http://")
        || lower.starts_with("mailto:")
        || lower.starts_with('#');
    is_safe.then(|| dest_url.clone())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn raw_html_in_notes_is_shown_as_text() {
        let html = markdown_html("Hi <script>alert(1)</script>\n\n<iframe src=\"x\"></iframe>");
        assert!(!html.contains("<script"), "{html}");
        assert!(!html.contains("<iframe"), "{html}");
        assert!(html.contains("&lt;script&gt;"), "{html}");
    }

    #[test]
    fn images_become_links_and_unsafe_links_become_text() {
        let html = markdown_html(
            "![chart](https://example.org/a.png) [x](javascript:alert(1)) [ok](https://a.org) [q](lectern://claim/d1-abc)",
        );
        assert!(!html.contains("<img"), "{html}");
        assert!(
            html.contains("<a href=\"https://example.org/a.png\">chart</a>"),
            "{html}"
        );
        assert!(!html.contains("javascript"), "{html}");
        assert!(html.contains("<a href=\"https://a.org\">ok</a>"), "{html}");
        assert!(html.contains("<a href=\"#claim-d1-abc\">q</a>"), "{html}");
    }

    #[test]
    fn text_is_escaped_for_content_and_attributes() {
        assert_eq!(
            escape("a<b & \"c\" 'd'>"),
            "a&lt;b &amp; &quot;c&quot; &#39;d&#39;&gt;"
        );
    }
}
