//! The core stays free of terminal code: no file under src/ other than the
//! explorer (src/tui/) and the binary (src/main.rs) may name ratatui or
//! crossterm.

use std::path::{Path, PathBuf};

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("read src") {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn the_core_never_imports_ratatui_or_crossterm() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let core: Vec<&PathBuf> = files
        .iter()
        .filter(|p| !p.starts_with(src.join("tui")) && *p != &src.join("main.rs"))
        .collect();
    assert!(core.len() > 5, "found only {core:?}");
    let mut offenders = Vec::new();
    for path in core {
        let text = std::fs::read_to_string(path).expect("read");
        for (n, line) in text.lines().enumerate() {
            let code = line.split("//").next().unwrap_or("");
            if code.contains("ratatui") || code.contains("crossterm") {
                offenders.push(format!("{}:{}: {}", path.display(), n + 1, line.trim()));
            }
        }
    }
    assert!(
        offenders.is_empty(),
        "terminal code in the core:\n{}",
        offenders.join("\n")
    );
}

#[test]
fn the_binary_reaches_the_terminal_only_through_the_explorer() {
    let main = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("src/main.rs"))
        .expect("read main.rs");
    for (n, line) in main.lines().enumerate() {
        let code = line.split("//").next().unwrap_or("");
        assert!(
            !code.contains("ratatui") && !code.contains("crossterm"),
            "src/main.rs:{}: {}",
            n + 1,
            line.trim()
        );
    }
}
