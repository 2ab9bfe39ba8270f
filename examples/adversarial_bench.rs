//! Time and peak memory of opening each adversarial document (issue #8), one child process per
//! case so each peak is its own. Prints a Markdown table for docs/ROBUSTNESS.md.
//!
//! ```sh
//! cargo run --release --no-default-features --example adversarial_bench
//! cargo run --release --no-default-features --example adversarial_bench -- --case nested.html
//! ```

#[path = "../tests/it/adversarial_cases.rs"]
mod adversarial_cases;

use std::path::PathBuf;
use std::time::Instant;

use adversarial_cases::{Scale, file_cases};
use lectern::core::analysis::{Source, open_study_now};

/// The folder cases, beside the single files.
const FOLDER_CASES: [&str; 2] = ["10000-empty-files", "symlink-loop"];

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if let Some(name) = args
        .iter()
        .position(|a| a == "--case")
        .and_then(|i| args.get(i + 1))
    {
        run_case(name);
        return;
    }
    let exe = std::env::current_exe().expect("own path");
    println!("| case | input | outcome | time | peak memory |");
    println!("| --- | --- | --- | --- | --- |");
    let names: Vec<String> = file_cases(Scale::Full)
        .iter()
        .map(|c| c.name.to_owned())
        .chain(FOLDER_CASES.iter().map(|s| (*s).to_owned()))
        .collect();
    for name in names {
        let output = std::process::Command::new(&exe)
            .args(["--case", &name])
            .output()
            .expect("run case");
        let row = String::from_utf8_lossy(&output.stdout);
        if output.status.success() {
            print!("{row}");
        } else {
            println!(
                "| {name} | | crashed: {} | | |",
                String::from_utf8_lossy(&output.stderr).trim()
            );
        }
    }
}

/// Opens one case and prints its table row.
fn run_case(name: &str) {
    let dir = tempfile::tempdir().expect("temp dir");
    let (input, described) =
        if let Some(case) = file_cases(Scale::Full).into_iter().find(|c| c.name == name) {
            std::fs::write(dir.path().join(case.name), &case.bytes).expect("write");
            (dir.path().join(case.name), format_bytes(case.bytes.len()))
        } else if name == "10000-empty-files" {
            adversarial_cases::write_empty_files(dir.path(), 10_000).expect("write");
            (
                dir.path().to_path_buf(),
                "10,000 files of 0 bytes".to_owned(),
            )
        } else if name == "symlink-loop" {
            adversarial_cases::write_symlink_loop(dir.path()).expect("write");
            (
                dir.path().to_path_buf(),
                "a folder linking to itself".to_owned(),
            )
        } else {
            eprintln!("unknown case {name}");
            std::process::exit(2);
        };
    let started = Instant::now();
    let study = open_study_now(&Source::Paths(vec![PathBuf::from(&input)]));
    let elapsed = started.elapsed();
    let outcome = match (study.documents.first(), study.skipped.first()) {
        (Some(d), _) => format!(
            "{} sections, {} sentences, {} claims{}{}",
            d.document.sections.len(),
            study.sentence_count(),
            study.claim_count(),
            if study.skipped.is_empty() {
                String::new()
            } else {
                format!(
                    "; {} skipped ({})",
                    study.skipped.len(),
                    study.skipped[0].reason
                )
            },
            d.error
                .as_ref()
                .map_or_else(String::new, |e| format!("; {e}"))
        ),
        (None, Some(s)) => format!("{} skipped: {}", study.skipped.len(), s.reason),
        (None, None) => "nothing".to_owned(),
    };
    println!(
        "| {name} | {described} | {outcome} | {:.2} s | {} |",
        elapsed.as_secs_f64(),
        peak_memory().unwrap_or_else(|| "n/a".to_owned())
    );
}

fn format_bytes(len: usize) -> String {
    if len >= 1024 * 1024 {
        format!("{:.1} MB", len as f64 / (1024.0 * 1024.0))
    } else {
        format!("{:.0} KB", len as f64 / 1024.0)
    }
}

/// Peak resident memory of this process (Linux: `VmHWM`).
fn peak_memory() -> Option<String> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(format!("{:.0} MB", kb / 1024.0))
}
