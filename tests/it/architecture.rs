//! The core never imports the GUI crates: the CLI and tests use it without a display.

use std::path::Path;

fn rust_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("read src/core") {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn core_never_imports_egui_eframe_or_rfd() {
    let core = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/core");
    let mut files = Vec::new();
    rust_files(&core, &mut files);
    assert!(
        files.len() >= 8,
        "src/core should hold the engine's modules, found {files:?}"
    );
    let mut offenders = Vec::new();
    for file in files {
        let text = std::fs::read_to_string(&file).expect("read");
        for (n, line) in text.lines().enumerate() {
            let code = line.split("//").next().unwrap_or("");
            for gui in ["egui", "eframe", "rfd", "crate::app"] {
                let uses = code.contains(&format!("{gui}::"))
                    || code.contains(&format!("use {gui}"))
                    || code.contains(&format!("extern crate {gui}"));
                if uses {
                    offenders.push(format!("{}:{}: {}", file.display(), n + 1, line.trim()));
                }
            }
        }
    }
    assert!(
        offenders.is_empty(),
        "src/core must not use the GUI crates:\n{}",
        offenders.join("\n")
    );
}
