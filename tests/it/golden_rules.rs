//! The 48 English "Golden Rules" of the Pragmatic Segmenter (public eval data in
//! `../shared/eval/sentences/`) run against `lectern::core::sentences`.

use std::path::PathBuf;

use lectern::core::sentences::split_sentence_texts;

/// The eval directory: `$LECTERN_EVAL_DIR` if set, else `../shared/eval` beside the repo.
fn golden_rules_path() -> PathBuf {
    match std::env::var_os("LECTERN_EVAL_DIR") {
        Some(dir) => PathBuf::from(dir).join("sentences/golden_rules_en.jsonl"),
        None => PathBuf::from(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../shared/eval/sentences/golden_rules_en.jsonl"
        )),
    }
}

#[test]
fn all_48_golden_rules_pass() {
    let path = golden_rules_path();
    let data = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    let mut cases = 0;
    let mut failures = Vec::new();
    for line in data.lines().filter(|l| !l.trim().is_empty()) {
        let case: serde_json::Value = serde_json::from_str(line).expect("a JSON object per line");
        let text = case["text"].as_str().expect("a `text` string");
        let expected: Vec<&str> = case["sentences"]
            .as_array()
            .expect("a `sentences` array")
            .iter()
            .map(|s| s.as_str().expect("sentence strings").trim())
            .collect();
        let got: Vec<&str> = split_sentence_texts(text)
            .into_iter()
            .map(str::trim)
            .collect();
        cases += 1;
        if got != expected {
            failures.push(format!(
                "rule {} ({}):\n  expected {expected:?}\n  got      {got:?}",
                case["id"], case["rule"]
            ));
        }
    }
    assert_eq!(cases, 48, "expected 48 golden rules in {}", path.display());
    if !failures.is_empty() {
        for failure in &failures {
            eprintln!("{failure}");
        }
        panic!("{} of {cases} golden rules failed", failures.len());
    }
}
