//! Articles are named by their path relative to the `--articles` path they
//! were found under: two files with the same stem, or the same file name in
//! two folders, give distinct sources, mentions and event ids.

mod common;

use std::collections::HashSet;
use std::path::Path;

use common::{annals, stderr, stdout};
use serde_json::Value;

const CATALOG: &str = r#"[[event]]
id = "other"
date = "1990"
title = "Something else entirely"
"#;

/// Two articles whose events have the same date at the same offset but are
/// different events (so they are not merged by date and title).
const TEXT: &str = "The harbour festival opened on 3 March 2011 in the old town.\n";
const OTHER: &str = "Snow closed the mountain pass road on 3 March 2011 near the border.\n";

fn write(path: &Path, text: &str) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

fn run_json(dir: &Path, args: &[&str]) -> Value {
    let o = annals(dir, args);
    assert!(o.status.success(), "{args:?}: {}", stderr(&o));
    serde_json::from_str(&stdout(&o)).unwrap()
}

fn extracted_ids(events: &Value) -> Vec<String> {
    events
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["id"].as_str().unwrap().to_string())
        .filter(|id| id.starts_with("x-"))
        .collect()
}

fn source_files(events: &Value) -> HashSet<String> {
    events
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|e| e["sources"].as_array().unwrap().iter())
        .map(|s| s["article"]["file"].as_str().unwrap().to_string())
        .collect()
}

/// Lists, exports as JSON, and lists the export again: every article's event
/// survives with its own id and source.
fn round_trip(dir: &Path, articles: &[&str], files: &[&str]) {
    let mut args = vec!["list", "--format", "json", "--events", "events.toml"];
    for a in articles {
        args.extend_from_slice(&["--articles", a]);
    }
    let listed = run_json(dir, &args);
    let ids = extracted_ids(&listed);
    assert_eq!(ids.len(), files.len(), "{ids:?}");
    assert_eq!(
        ids.iter().collect::<HashSet<_>>().len(),
        ids.len(),
        "{ids:?}"
    );
    let want: HashSet<String> = files.iter().map(|f| f.to_string()).collect();
    assert_eq!(source_files(&listed), want);

    let export = dir.join("export.json");
    std::fs::write(&export, serde_json::to_string(&listed).unwrap()).unwrap();
    let mut again = vec!["list", "--format", "json", "--events", "export.json"];
    for a in articles {
        again.extend_from_slice(&["--articles", a]);
    }
    let o = annals(dir, &again);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(!stderr(&o).contains("duplicate"), "{}", stderr(&o));
    let reloaded: Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(extracted_ids(&reloaded), ids);
    for e in reloaded
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["origin"] != "curated")
    {
        assert_eq!(e["sources"].as_array().unwrap().len(), 1, "{e}");
    }
}

#[test]
fn same_stem_in_one_folder_gives_two_events() {
    let dir = tempfile::tempdir().unwrap();
    write(&dir.path().join("events.toml"), CATALOG);
    write(&dir.path().join("arts/a.txt"), TEXT);
    write(&dir.path().join("arts/a.md"), OTHER);
    round_trip(dir.path(), &["arts"], &["a.md", "a.txt"]);
}

#[test]
fn same_name_in_two_folders_gives_two_events() {
    let dir = tempfile::tempdir().unwrap();
    write(&dir.path().join("events.toml"), CATALOG);
    write(&dir.path().join("d1/a.txt"), TEXT);
    write(&dir.path().join("d2/a.txt"), OTHER);
    round_trip(dir.path(), &["d1", "d2/"], &["d1/a.txt", "d2/a.txt"]);
}

#[test]
fn extract_names_files_by_their_path_under_the_root() {
    let dir = tempfile::tempdir().unwrap();
    write(&dir.path().join("events.toml"), CATALOG);
    write(&dir.path().join("d1/a.txt"), TEXT);
    write(&dir.path().join("d2/a.txt"), OTHER);
    let o = annals(
        dir.path(),
        &["extract", "--events", "events.toml", "d1", "./d2"],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let files: Vec<String> = stdout(&o)
        .lines()
        .map(|l| serde_json::from_str::<Value>(l).unwrap()["file"].to_string())
        .collect();
    assert_eq!(files, ["\"d1/a.txt\"", "\"d2/a.txt\""]);
    // one folder: names relative to it, the same from run to run
    let o = annals(dir.path(), &["extract", "--events", "events.toml", "d1"]);
    let line: Value = serde_json::from_str(stdout(&o).lines().next().unwrap()).unwrap();
    assert_eq!(line["file"], "a.txt");
}
