//! Re-anchoring after random document edits: the share of the person's anchors re-attached
//! correctly, wrongly (above the threshold) and orphaned.
//!
//! ```sh
//! cargo run --release --example reanchor_bench [-- SEEDS]   # default 200 seeds per row
//! ```
//! Texts: the built-in sample and the two seed articles. Edits: insertions, deletions, moved
//! paragraphs and re-wrapped lines (see `core::workspace::bench`).

use lectern::core::seeds::SEEDS;
use lectern::core::workspace::{ReanchorStats, SAMPLE_TEXT, reanchor_benchmark_on};

fn main() {
    let seeds: u64 = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(200);
    let texts: Vec<String> = std::iter::once(SAMPLE_TEXT.to_owned())
        .chain(
            SEEDS
                .iter()
                .map(|s| String::from_utf8_lossy(s.bytes).into_owned()),
        )
        .collect();
    println!(
        "| edits per document | anchors | right outcome | wrong (above threshold) | orphaned |"
    );
    println!("| --- | --- | --- | --- | --- |");
    for edits in [5, 12, 30, 60] {
        let mut total = ReanchorStats::default();
        for seed in 0..seeds {
            for text in &texts {
                total.add(&reanchor_benchmark_on(text, seed, edits));
            }
        }
        let pct = |n: usize| 100.0 * n as f64 / total.anchors.max(1) as f64;
        let right = total.attached_correct + total.orphaned_expected;
        println!(
            "| {edits} | {} | {:.2} % | {} | {:.1} % ({} unexpected) |",
            total.anchors,
            pct(right),
            total.attached_wrong,
            pct(total.orphaned_expected + total.orphaned_unexpected),
            total.orphaned_unexpected
        );
    }
}
