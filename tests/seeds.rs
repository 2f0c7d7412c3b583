//! The loader on the four seed articles, judged by the ground truth in
//! `expected.toml` (from `../shared/seeds` when present, else the copy in
//! `tests/fixtures`).

mod common;

use std::collections::BTreeSet;

use common::{annals, root, shared, stdout};
use serde_json::Value;

fn expected() -> toml::Table {
    let path = shared()
        .map(|s| s.join("seeds/expected.toml"))
        .filter(|p| p.exists())
        .unwrap_or_else(|| root().join("tests/fixtures/expected.toml"));
    let text = std::fs::read_to_string(&path).expect("expected.toml is readable");
    toml::from_str(&text).expect("expected.toml parses")
}

fn norm(s: &str) -> String {
    s.to_lowercase()
        .replace('\u{2019}', "'")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

fn overlaps(a: &str, b: &str) -> bool {
    let (a, b) = (norm(a), norm(b));
    !a.is_empty() && !b.is_empty() && (a.contains(&b) || b.contains(&a))
}

/// True for the calendar values the scorer counts (not refs, not `XXXX-…`).
fn is_calendar(v: &str) -> bool {
    v.parse::<annals::model::DateValue>().is_ok()
}

#[test]
fn extract_finds_the_seed_mentions_with_their_values() {
    let out = annals(
        &root(),
        &["extract", "assets/articles", "--format", "jsonl"],
    );
    assert!(out.status.success());
    let lines: Vec<Value> = stdout(&out)
        .lines()
        .map(|l| serde_json::from_str(l).expect("each line is JSON"))
        .collect();
    // exactly the keys the issue names
    let keys: BTreeSet<&str> = [
        "file",
        "start",
        "end",
        "text",
        "value",
        "precision",
        "sentence",
        "countries",
        "event",
    ]
    .into_iter()
    .collect();
    for l in &lines {
        let got: BTreeSet<&str> = l.as_object().unwrap().keys().map(String::as_str).collect();
        assert_eq!(got, keys);
    }
    let exp = expected();
    let mentions = exp["mention"].as_array().unwrap();
    let files: BTreeSet<&str> = mentions
        .iter()
        .map(|m| m["file"].as_str().unwrap())
        .collect();
    let outs: Vec<&Value> = lines
        .iter()
        .filter(|o| files.contains(o["file"].as_str().unwrap()))
        .filter(|o| is_calendar(o["value"].as_str().unwrap()))
        .collect();
    let hit = |o: &Value, m: &toml::Value| {
        let mut values = vec![m["value"].as_str().unwrap().to_string()];
        if let Some(alt) = m.get("alt").and_then(|a| a.as_array()) {
            values.extend(alt.iter().filter_map(|v| v.as_str().map(String::from)));
        }
        o["file"].as_str() == m["file"].as_str()
            && values
                .iter()
                .any(|v| Some(v.as_str()) == o["value"].as_str())
            && overlaps(o["text"].as_str().unwrap(), m["text"].as_str().unwrap())
    };
    let found = mentions
        .iter()
        .filter(|m| outs.iter().any(|o| hit(o, m)))
        .count();
    let right = outs
        .iter()
        .filter(|o| mentions.iter().any(|m| hit(o, m)))
        .count();
    assert!(
        found >= 12,
        "found {found} of {} expected mentions",
        mentions.len()
    );
    assert!(
        right * 10 >= outs.len() * 9,
        "only {right} of {} printed mentions are right",
        outs.len()
    );
}

#[test]
fn offsets_point_at_the_expression_in_the_file_as_read() {
    let out = annals(&root(), &["extract", "assets/articles"]);
    for line in stdout(&out).lines() {
        let o: Value = serde_json::from_str(line).unwrap();
        let file = root()
            .join("assets/articles")
            .join(o["file"].as_str().unwrap());
        let bytes = std::fs::read(file).unwrap();
        let (s, e) = (
            o["start"].as_u64().unwrap() as usize,
            o["end"].as_u64().unwrap() as usize,
        );
        assert_eq!(
            String::from_utf8_lossy(&bytes[s..e]),
            o["text"].as_str().unwrap()
        );
    }
}

fn listed() -> Vec<Value> {
    let out = annals(&root(), &["list", "--format", "json"]);
    assert!(out.status.success(), "{}", common::stderr(&out));
    serde_json::from_str(&stdout(&out)).expect("list --format json is a JSON array")
}

#[test]
fn list_shows_every_seed_event_at_its_date_with_its_countries() {
    let events = listed();
    for e in expected()["event"].as_array().unwrap() {
        let value = e["value"].as_str().unwrap();
        let want: BTreeSet<&str> = e["countries"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c.as_str().unwrap())
            .collect();
        let ok = events.iter().any(|ev| {
            let have: BTreeSet<&str> = ev["countries"]
                .as_array()
                .unwrap()
                .iter()
                .map(|c| c.as_str().unwrap())
                .collect();
            ev["date"].as_str() == Some(value) && want.is_subset(&have)
        });
        assert!(ok, "no event on {value} for {}", e["event"]);
    }
}

#[test]
fn named_catalog_events_cite_the_articles_that_name_them() {
    let events = listed();
    let cases = [
        ("coup-attempt-2016", "002_01d692dc91377d95.txt"),
        ("s400-deal-2017", "001_7490c6972c1be176.txt"),
        ("s400-deal-2017", "003_06102edd073c02b5.txt"),
        ("f35-removal-2019", "000_08db30d2da96f915.txt"),
        ("astana-talks-2017", "001_7490c6972c1be176.txt"),
        ("su-24-shootdown-2015", "002_01d692dc91377d95.txt"),
        ("caatsa-sanctions-turkey-2020", "000_08db30d2da96f915.txt"),
        ("armenian-genocide-1915", "003_06102edd073c02b5.txt"),
    ];
    for (id, file) in cases {
        let ev = events
            .iter()
            .find(|e| e["id"] == id)
            .unwrap_or_else(|| panic!("{id} is listed"));
        let cites = ev["sources"]
            .as_array()
            .unwrap()
            .iter()
            .any(|s| s["article"]["file"] == file);
        assert!(cites, "{id} should cite {file}: {}", ev["sources"]);
    }
}

#[test]
fn dates_keep_their_precision_in_json() {
    let events = listed();
    let cavusoglu = events
        .iter()
        .find(|e| e["date"] == "2016-08")
        .expect("a month-precision event");
    assert_eq!(cavusoglu["precision"], "month");
    let genocide = events.iter().find(|e| e["date"] == "1915").unwrap();
    assert_eq!(genocide["precision"], "year");
}

#[test]
fn works_from_any_folder_with_the_bundled_data() {
    let dir = tempfile::tempdir().unwrap();
    let out = annals(dir.path(), &["list", "--format", "json"]);
    assert!(out.status.success());
    let events: Vec<Value> = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(events.len(), listed().len());
}
