//! Sentence splitting: Lectern's splitter against the `sentencex` crate, on accuracy (the 48
//! English Golden Rules) and speed (the two seed articles repeated to 50 MB, one thread).
//!
//! ```sh
//! cargo bench --bench sentences            # 50 MB
//! cargo bench --bench sentences -- 10      # 10 MB
//! cargo bench --bench sentences -- /tmp/c50  # the text of a folder (e.g. gen_corpus output)
//! ```
//! The golden rules are read from `../shared/eval/sentences/` (or `$LECTERN_EVAL_DIR`).

use std::time::Instant;

type Splitter<'a> = &'a dyn Fn(&str) -> Vec<String>;

fn eval_dir() -> std::path::PathBuf {
    std::env::var_os("LECTERN_EVAL_DIR")
        .map(Into::into)
        .unwrap_or_else(|| std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/eval"))
}

/// Cases passed (exact match after trimming) and the ids of the failures.
fn golden_rules(split: Splitter<'_>) -> (usize, Vec<u64>) {
    let path = eval_dir().join("sentences/golden_rules_en.jsonl");
    let Ok(data) = std::fs::read_to_string(&path) else {
        eprintln!("cannot read {}", path.display());
        return (0, Vec::new());
    };
    let (mut passed, mut failed) = (0, Vec::new());
    for line in data.lines().filter(|l| !l.trim().is_empty()) {
        let Ok(case) = serde_json::from_str::<serde_json::Value>(line) else {
            continue;
        };
        let expected: Vec<String> = case["sentences"]
            .as_array()
            .map(|a| {
                a.iter()
                    .filter_map(|s| s.as_str())
                    .map(|s| s.trim().to_owned())
                    .collect()
            })
            .unwrap_or_default();
        if split(case["text"].as_str().unwrap_or_default()) == expected {
            passed += 1;
        } else {
            failed.push(case["id"].as_u64().unwrap_or_default());
        }
    }
    (passed, failed)
}

fn best_of(runs: usize, corpus: &str, f: &dyn Fn(&str) -> usize) -> (usize, f64) {
    let mut best = f64::MAX;
    let mut count = 0;
    for _ in 0..runs {
        let t = Instant::now();
        count = std::hint::black_box(f(std::hint::black_box(corpus)));
        best = best.min(t.elapsed().as_secs_f64());
    }
    (count, best)
}

fn main() {
    let mb: usize = std::env::args()
        .skip(1)
        .find_map(|a| a.parse().ok())
        .unwrap_or(50);
    let ours = |t: &str| -> Vec<String> {
        lectern::core::sentences::split_sentence_texts(t)
            .into_iter()
            .map(|s| s.trim().to_owned())
            .collect()
    };
    let theirs = |t: &str| -> Vec<String> {
        sentencex::segment("en", t)
            .into_iter()
            .map(|s| s.trim().to_owned())
            .filter(|s| !s.is_empty())
            .collect()
    };
    for (name, split) in [("lectern", &ours as Splitter<'_>), ("sentencex", &theirs)] {
        let (passed, failed) = golden_rules(split);
        println!("{name:10} golden rules {passed}/48, failing {failed:?}");
    }

    let folder = std::env::args()
        .skip(1)
        .map(std::path::PathBuf::from)
        .find(|p| p.is_dir());
    let corpus = match folder {
        // The documents' text as the pipeline sees it (decoded, markup removed), so the
        // splitters run on exactly what `lectern analyze` splits.
        Some(folder) => {
            let (files, _) = lectern::core::load::discover(std::slice::from_ref(&folder));
            let mut text = String::new();
            for file in &files {
                if let Ok(document) = lectern::core::load::load_source(
                    file,
                    lectern::core::load::DEFAULT_MAX_FILE_BYTES,
                ) {
                    text.push_str(&document.text);
                    text.push_str("\n\n");
                }
            }
            println!(
                "corpus: {:.1} MB (the text of {} files in {})",
                text.len() as f64 / 1e6,
                files.len(),
                folder.display()
            );
            text
        }
        None => {
            let mut seeds = String::new();
            for seed in lectern::core::seeds::SEEDS {
                seeds.push_str(&String::from_utf8_lossy(seed.bytes));
                seeds.push_str("\n\n");
            }
            let corpus = seeds.repeat(mb * 1_000_000 / seeds.len() + 1);
            println!(
                "corpus: {:.1} MB (the seeds repeated)",
                corpus.len() as f64 / 1e6
            );
            corpus
        }
    };
    let (n, secs) = best_of(5, &corpus, &|t| {
        lectern::core::sentences::split_sentences(t).len()
    });
    println!(
        "lectern    {n:8} sentences, best of 5: {secs:.3} s = {:.0} MB/s",
        corpus.len() as f64 / 1e6 / secs
    );
    let (n, secs) = best_of(3, &corpus, &|t| sentencex::segment("en", t).len());
    println!(
        "sentencex  {n:8} pieces,    best of 3: {secs:.3} s = {:.0} MB/s",
        corpus.len() as f64 / 1e6 / secs
    );
}
