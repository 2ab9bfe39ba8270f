//! Where a study's memory goes once it is open: bytes held by each part of the analysis of a
//! folder (capacities, not lengths; allocator overhead not counted).
//!
//! ```sh
//! cargo run --release --no-default-features --example mem_census -- /tmp/c50
//! ```
//! Compare the total with the peak resident size of `lectern analyze --format stats` on the
//! same folder: the difference is what the analysis holds only while it runs (issue 6).

use std::mem::size_of;

use lectern::core::analysis::{
    AnalyzedDocument, ClaimRelation, SectionAnalysis, Sentence, Source, open_study_now,
};
use lectern::core::document::{Reference, Section};

fn strings<'a>(items: impl Iterator<Item = &'a String>) -> usize {
    items.map(|s| s.capacity() + size_of::<String>()).sum()
}

fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: mem_census FOLDER");
        std::process::exit(2);
    };
    let study = open_study_now(&Source::Paths(vec![path.into()]));
    let mut parts: Vec<(&str, usize)> = vec![
        ("text", 0),
        ("sections", 0),
        ("references", 0),
        ("sentences and claims", 0),
        ("footnote markers and citations", 0),
        ("documents (ids, paths, titles, chrome)", 0),
    ];
    for d in &study.documents {
        let doc = &d.document;
        parts[0].1 += doc.text.capacity();
        parts[1].1 += doc.sections.capacity() * size_of::<Section>()
            + doc
                .sections
                .iter()
                .map(|s| s.title.capacity())
                .sum::<usize>()
            + d.sections.capacity() * size_of::<SectionAnalysis>();
        parts[2].1 += doc.references.capacity() * size_of::<Reference>()
            + doc
                .references
                .iter()
                .map(|r| r.label.capacity())
                .sum::<usize>();
        parts[5].1 += size_of::<AnalyzedDocument>()
            + doc.id.capacity()
            + doc.path.capacity()
            + doc.hash.capacity()
            + doc.title.capacity()
            + strings(doc.removed_chrome.iter());
        for section in &d.sections {
            parts[3].1 += section.sentences.capacity() * size_of::<Sentence>();
            for sentence in &section.sentences {
                parts[4].1 += strings(sentence.footnotes.iter());
                if let Some(claim) = &sentence.claim {
                    parts[4].1 += strings(claim.citations.iter());
                }
            }
        }
    }
    parts.push((
        "relations",
        study.relations.capacity() * size_of::<ClaimRelation>()
            + study
                .relations
                .iter()
                .map(|r| r.reason.capacity())
                .sum::<usize>(),
    ));
    let text: usize = study.documents.iter().map(|d| d.document.text.len()).sum();
    let mb = |bytes: usize| bytes as f64 / 1e6;
    for (name, bytes) in &parts {
        println!("{name:<40} {:>8.1} MB", mb(*bytes));
    }
    let total: usize = parts.iter().map(|(_, b)| b).sum();
    println!(
        "{:<40} {:>8.1} MB = {:.2}x the text ({:.1} MB)",
        "total",
        mb(total),
        total as f64 / text as f64,
        mb(text)
    );
}
