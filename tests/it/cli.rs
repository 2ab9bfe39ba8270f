//! The headless CLI contract: keys, exit codes, formats.

use serde_json::Value;

use crate::support::{fixture, run_cli, temp_folder};

fn json(args: &[&str]) -> Value {
    let out = run_cli(args, "");
    assert!(
        out.status.success(),
        "{args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("valid JSON")
}

fn keys(v: &Value) -> Vec<&str> {
    let mut k: Vec<&str> = v
        .as_object()
        .expect("object")
        .keys()
        .map(String::as_str)
        .collect();
    k.sort_unstable();
    k
}

/// Every key of the contract is present, with the right type, at every level.
fn assert_contract(v: &Value) {
    for key in ["documents", "relations", "skipped"] {
        assert!(v[key].is_array(), "top-level {key}");
    }
    for d in v["documents"].as_array().expect("documents") {
        for key in ["id", "path", "title", "hash"] {
            assert!(d[key].is_string(), "document.{key}");
        }
        assert!(d["references"].is_array());
        for r in d["references"].as_array().expect("references") {
            assert!(r["label"].is_string() && r["text"].is_string());
        }
        let text_len = usize::MAX;
        for s in d["sections"].as_array().expect("sections") {
            assert!(s["title"].is_string() && s["level"].is_u64());
            let (start, end) = (
                s["start"].as_u64().expect("start"),
                s["end"].as_u64().expect("end"),
            );
            assert!(start <= end && (end as usize) < text_len);
            for sentence in s["sentences"].as_array().expect("sentences") {
                assert!(sentence["text"].is_string());
                let (a, b) = (
                    sentence["start"].as_u64().expect("start"),
                    sentence["end"].as_u64().expect("end"),
                );
                assert!(
                    start <= a && a < b && b <= end,
                    "sentence inside its section"
                );
                let claim = &sentence["claim"];
                if !claim.is_null() {
                    assert!(
                        claim["id"].is_string()
                            && claim["kinds"].is_array()
                            && claim["hedged"].is_boolean()
                    );
                    assert!(claim["score"].is_number() && claim["citations"].is_array());
                }
            }
        }
    }
    for r in v["relations"].as_array().expect("relations") {
        assert!(r["a"].is_string() && r["b"].is_string() && r["score"].is_number());
        assert!(["agrees", "contrasts", "related"].contains(&r["kind"].as_str().expect("kind")));
    }
    for s in v["skipped"].as_array().expect("skipped") {
        assert!(s["path"].is_string() && s["reason"].is_string());
    }
}

#[test]
fn analyze_without_paths_gives_the_seeds_as_json() {
    let v = json(&["analyze", "--format", "json"]);
    assert_eq!(keys(&v), vec!["documents", "relations", "skipped"]);
    assert_contract(&v);
    let titles: Vec<_> = v["documents"]
        .as_array()
        .expect("docs")
        .iter()
        .map(|d| d["title"].as_str().expect("title"))
        .collect();
    assert_eq!(
        titles,
        vec![
            "Does North Korea Side With Russia",
            "North Korea and Russian Relations"
        ]
    );
    let first = &v["documents"][0];
    assert_eq!(first["sections"][0]["title"], "", "untitled introduction");
    assert_eq!(first["sections"][1]["title"], "Bilateral Relations");
    assert_eq!(
        v["documents"][1]["references"]
            .as_array()
            .expect("refs")
            .len(),
        9
    );
}

#[test]
fn analyze_a_folder_of_fixtures_and_a_folder_of_bad_files() {
    let v = json(&[
        "analyze",
        fixture("docs").to_str().expect("utf8"),
        "--format",
        "json",
    ]);
    assert_contract(&v);
    assert_eq!(v["documents"].as_array().expect("docs").len(), 3);

    let bad = temp_folder(&[("a.pdf", b"%PDF"), ("b.txt", b"\0\0\0"), ("c.md", b"")]);
    let v = json(&[
        "analyze",
        bad.path().to_str().expect("utf8"),
        "--format",
        "json",
    ]);
    assert_contract(&v);
    assert!(v["documents"].as_array().expect("docs").is_empty());
    let skipped: Vec<_> = v["skipped"]
        .as_array()
        .expect("skipped")
        .iter()
        .map(|s| {
            (
                s["path"].as_str().expect("p"),
                s["reason"].as_str().expect("r"),
            )
        })
        .collect();
    assert_eq!(
        skipped,
        vec![
            (
                "a.pdf",
                "unsupported file type “.pdf” (Lectern reads .txt, .md and .html)"
            ),
            ("b.txt", "binary file (not text)"),
            ("c.md", "empty file")
        ]
    );
}

#[test]
fn analyze_text_prints_a_readable_outline() {
    let out = run_cli(&["analyze"], "");
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).expect("utf8");
    assert!(text.contains("Does North Korea Side With Russia"));
    assert!(text.contains("§ Bilateral Relations"));
    assert!(text.contains("References: 9"));
}

#[test]
fn missing_path_and_usage_errors_fail_with_one_line() {
    let out = run_cli(&["analyze", "/no/such/folder", "--format", "json"], "");
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8(out.stderr).expect("utf8");
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(stderr.contains("no such file or directory: /no/such/folder"));
    assert!(out.stdout.is_empty());

    let out = run_cli(&["analyze", "--format", "yaml"], "");
    assert_eq!(out.status.code(), Some(2));
    let out = run_cli(&["frobnicate-this-does-not-exist"], "");
    assert_eq!(
        out.status.code(),
        Some(1),
        "a missing path to open fails before any window"
    );
}

#[test]
fn stats_counts_every_stage() {
    let out = run_cli(&["analyze", "--format", "stats"], "");
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).expect("utf8");
    for key in [
        "documents   2",
        "sections",
        "sentences",
        "claims",
        "relations",
        "bytes read",
        "load",
        "analyse",
        "relate",
        "MB/s",
    ] {
        assert!(text.contains(key), "missing {key} in\n{text}");
    }
}

#[test]
fn split_prints_sentences_as_lines_or_json() {
    let out = run_cli(&["split"], "Hello World. My name is Jonas.");
    assert_eq!(
        String::from_utf8(out.stdout).expect("utf8"),
        "Hello World.\nMy name is Jonas.\n"
    );
    let out = run_cli(
        &["split", "--format", "json"],
        "What is your name? My name is Jonas.",
    );
    let v: Vec<String> = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(v, vec!["What is your name?", "My name is Jonas."]);
}

#[test]
fn score_prints_one_json_object_per_line() {
    let out = run_cli(
        &["score"],
        "In 2018, imports rose by 71 percent.\nI love it.\n",
    );
    assert!(out.status.success());
    let lines: Vec<Value> = String::from_utf8(out.stdout)
        .expect("utf8")
        .lines()
        .map(|l| serde_json::from_str(l).expect("json line"))
        .collect();
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[0]["text"], "In 2018, imports rose by 71 percent.");
    assert!(
        lines[0]["claim"]["kinds"]
            .as_array()
            .expect("kinds")
            .iter()
            .any(|k| k == "statistic")
    );
    assert!(lines[1]["claim"].is_null());
}

#[test]
fn analyze_workspace_prints_the_persons_verdicts_notes_tags_and_orphans() {
    let v1 = fixture("workspaces/v1.lectern.ron");
    let v1 = v1.to_str().expect("utf8");
    // Without consent, documents outside the workspace's folder are not read.
    let out = run_cli(&["analyze", "--workspace", v1, "--format", "json"], "");
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("outside the workspace's folder"));
    let v: Value = serde_json::from_slice(&out.stdout).expect("json");
    assert!(v["documents"].as_array().expect("docs").is_empty());
    // With consent, the seeds are read and the verdict sits on its claim.
    let v = json(&[
        "analyze",
        "--workspace",
        v1,
        "--allow-outside",
        "--format",
        "json",
    ]);
    assert_contract(&v);
    assert!(v["orphans"].is_array());
    let claims: Vec<&Value> = v["documents"]
        .as_array()
        .expect("docs")
        .iter()
        .flat_map(|d| d["sections"].as_array().expect("sections"))
        .flat_map(|s| s["sentences"].as_array().expect("sentences"))
        .filter(|s| !s["claim"].is_null())
        .collect();
    let exports = claims
        .iter()
        .find(|s| {
            s["text"]
                .as_str()
                .is_some_and(|t| t.starts_with("In 2020, North Korea’s exports"))
        })
        .expect("the exports claim");
    assert_eq!(exports["claim"]["verdict"], "Needs source");
    assert_eq!(exports["claim"]["tags"], serde_json::json!(["trade"]));
    assert!(
        claims.iter().all(|s| s["claim"]["verdict"].is_string()),
        "every claim carries a verdict"
    );
}

#[test]
fn new_workspace_writes_a_study_that_analyze_reads_back() {
    let dir = tempfile::tempdir().expect("tmp");
    let out_path = dir.path().join("fixtures.lectern.ron");
    let out = run_cli(
        &[
            "new-workspace",
            fixture("docs").to_str().expect("utf8"),
            "-o",
            out_path.to_str().expect("utf8"),
        ],
        "",
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v = json(&[
        "analyze",
        "--workspace",
        out_path.to_str().expect("utf8"),
        "--allow-outside",
        "--format",
        "json",
    ]);
    assert_eq!(v["documents"].as_array().expect("docs").len(), 3);
    assert_eq!(v["orphans"], serde_json::json!([]));
}

#[test]
fn a_malformed_workspace_fails_with_its_line_and_column() {
    let out = run_cli(
        &[
            "analyze",
            "--workspace",
            fixture("workspaces/malformed.lectern.ron")
                .to_str()
                .expect("utf8"),
        ],
        "",
    );
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8(out.stderr).expect("utf8");
    assert!(stderr.contains("line 7"), "{stderr}");
    let out = run_cli(
        &[
            "analyze",
            "--workspace",
            fixture("workspaces/future.lectern.ron")
                .to_str()
                .expect("utf8"),
        ],
        "",
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("newer Lectern"));
}
