//! A JSON export loaded back with the same articles gives the same timeline:
//! no sentence moves to another event or is cited twice.

mod common;

use std::path::Path;

use common::{annals, stderr, stdout};
use serde_json::Value;

/// Two events on the same day in the same country, listed so that the
/// catalog's order and the timeline's (by date, then title) differ.
const CATALOG: &str = r#"[[event]]
id = "zeta"
date = "2016-07-15"
title = "Zeta meeting in Ankara"
countries = ["TR"]

[[event]]
id = "alpha"
date = "2016-07-15"
title = "Alpha summit in Ankara"
countries = ["TR"]
"#;

const ARTICLE: &str = "On 15 July 2016 the Turkish capital saw crowds in the streets.\n";

fn list(dir: &Path, events: &str) -> Value {
    let o = annals(
        dir,
        &[
            "list",
            "--format",
            "json",
            "--events",
            events,
            "--articles",
            "arts",
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    serde_json::from_str(&stdout(&o)).unwrap()
}

fn citations(events: &Value) -> Vec<(String, String, u64)> {
    let mut out = Vec::new();
    for e in events.as_array().unwrap() {
        for s in e["sources"].as_array().unwrap() {
            out.push((
                e["id"].as_str().unwrap().to_string(),
                s["article"]["file"].as_str().unwrap().to_string(),
                s["start"].as_u64().unwrap(),
            ));
        }
    }
    out.sort();
    out
}

#[test]
fn a_json_round_trip_is_idempotent_with_two_events_on_one_day() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("events.toml"), CATALOG).unwrap();
    std::fs::create_dir(dir.path().join("arts")).unwrap();
    std::fs::write(dir.path().join("arts/a.txt"), ARTICLE).unwrap();
    let first = list(dir.path(), "events.toml");
    std::fs::write(dir.path().join("once.json"), first.to_string()).unwrap();
    let second = list(dir.path(), "once.json");
    std::fs::write(dir.path().join("twice.json"), second.to_string()).unwrap();
    let third = list(dir.path(), "twice.json");
    assert_eq!(citations(&second), citations(&first));
    assert_eq!(third, second);
    // the sentence is cited at most once
    let places: Vec<(String, u64)> = citations(&first)
        .into_iter()
        .map(|(_, f, s)| (f, s))
        .collect();
    let mut unique = places.clone();
    unique.dedup();
    assert_eq!(places, unique, "{:?}", citations(&second));
}
