//! "Ten years after <a dated event>": expressions anchored on catalog events
//! (through their aliases) or on dates in the same text, and the seed articles
//! scored against ../shared/seeds/expected.toml when it is there.

mod skip;
use std::path::{Path, PathBuf};

use annals::bundled;
use annals::catalog;
use annals::gazetteer::Gazetteer;
use annals::loader::{self, ArticleInput, MentionRecord, Sources};
use annals::model::DateValue;

const CATALOG: &str = r#"
[[event]]
id = "war-start"
date = "2011-03-15"
title = "The war begins"
countries = ["SY"]
aliases = ["Syrian conflict", "start of the Syrian conflict"]
"#;

fn mentions(text: &str) -> Vec<MentionRecord> {
    let gazetteer =
        Gazetteer::from_toml(Path::new("countries.toml"), bundled::COUNTRIES).expect("bundled");
    let catalog = catalog::parse(Path::new("events.toml"), CATALOG, &gazetteer).expect("catalog");
    let input = ArticleInput {
        path: PathBuf::from("a.txt"),
        name: "a.txt".into(),
        bytes: text.as_bytes().to_vec(),
    };
    loader::build(gazetteer, catalog, vec![input], Vec::new()).mentions
}

fn pairs(ms: &[MentionRecord]) -> Vec<(&str, &str, Option<&str>)> {
    ms.iter()
        .map(|m| (m.text.as_str(), m.value.as_str(), m.event.as_deref()))
        .collect()
}

#[test]
fn years_after_a_catalog_event() {
    let ms = mentions(
        "+++\npublished = \"2021-03-21\"\n+++\nTen years after the start of the Syrian conflict, the front lines are frozen.\n",
    );
    assert_eq!(
        pairs(&ms),
        [
            (
                "Ten years after the start of the Syrian conflict",
                "2021",
                None
            ),
            ("start of the Syrian conflict", "2011", Some("war-start")),
        ]
    );
}

#[test]
fn months_before_a_catalog_event_keep_the_month() {
    let ms = mentions("Two months before the Syrian conflict, protests spread.\n");
    assert_eq!(ms[0].text, "Two months before the Syrian conflict");
    assert_eq!(ms[0].value, "2011-01");
}

#[test]
fn years_after_a_date_in_the_text() {
    let ms = mentions("Two years after March 2011 the city fell.\n");
    assert_eq!(
        pairs(&ms),
        [
            ("Two years after March 2011", "2013", None),
            ("March 2011", "2011-03", None),
        ]
    );
}

#[test]
fn without_an_anchor_it_is_a_length_of_time() {
    let ms = mentions(
        "+++\npublished = \"2021-03-21\"\n+++\nTen years after the flood, the town was rebuilt.\n",
    );
    assert_eq!(pairs(&ms), [("Ten years", "P10Y", None)]);
}

/// The seed articles scored the way ../shared/tools/score_extract.py scores
/// them: an output line is right when its value equals an expected mention's
/// (or an `alt`) in the same file and the surface texts overlap.
#[test]
fn seed_articles_meet_the_expected_mentions() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let expected_path = std::env::var_os("ANNALS_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| root.join("../shared"))
        .join("seeds/expected.toml");
    let Ok(expected) = std::fs::read_to_string(&expected_path) else {
        skip::not_here(&format!(
            "{} not found (../shared absent)",
            expected_path.display()
        ));
        return;
    };
    let expected: toml::Value = toml::from_str(&expected).expect("expected.toml parses");
    let wanted: Vec<(String, String, Vec<String>, bool)> = expected["mention"]
        .as_array()
        .expect("mentions")
        .iter()
        .map(|m| {
            let s = |k: &str| m.get(k).and_then(|v| v.as_str()).unwrap_or("").to_string();
            let mut values = vec![s("value")];
            if let Some(alt) = m.get("alt").and_then(|a| a.as_array()) {
                values.extend(alt.iter().filter_map(|v| v.as_str().map(String::from)));
            }
            let hard = m.get("hard").and_then(|h| h.as_bool()).unwrap_or(false);
            (s("file"), s("text"), values, hard)
        })
        .collect();
    let loaded = loader::load(&Sources {
        events: Some(root.join("events.toml")),
        articles: vec![root.join("assets/articles")],
        countries: Some(root.join("assets/countries.toml")),
        ..Default::default()
    })
    .expect("the project's data loads");
    let files: Vec<&str> = wanted.iter().map(|w| w.0.as_str()).collect();
    // only calendar values are scored, as the scorer does
    let outputs: Vec<&MentionRecord> = loaded
        .mentions
        .iter()
        .filter(|m| files.contains(&m.file.as_str()) && m.value.parse::<DateValue>().is_ok())
        .collect();
    let norm = |s: &str| {
        s.to_lowercase()
            .replace('\u{2019}', "'")
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    };
    let hit = |o: &MentionRecord, w: &(String, String, Vec<String>, bool)| {
        let (a, b) = (norm(&o.text), norm(&w.1));
        o.file == w.0 && w.2.contains(&o.value) && (a.contains(&b) || b.contains(&a))
    };
    let found: Vec<bool> = wanted
        .iter()
        .map(|w| outputs.iter().any(|o| hit(o, w)))
        .collect();
    let right = outputs
        .iter()
        .filter(|o| wanted.iter().any(|w| hit(o, w)))
        .count();
    let recall = found.iter().filter(|f| **f).count();
    let missed: Vec<&str> = wanted
        .iter()
        .zip(&found)
        .filter(|(_, f)| !**f)
        .map(|(w, _)| w.1.as_str())
        .collect();
    println!(
        "seeds: recall {recall}/{}, precision {right}/{}",
        wanted.len(),
        outputs.len()
    );
    assert!(
        recall + 1 >= wanted.len(),
        "recall {recall}/{}; missed {missed:?}",
        wanted.len()
    );
    assert!(
        right * 10 >= outputs.len() * 9,
        "precision {right}/{}",
        outputs.len()
    );
    // the hard one: dated through the catalog's alias
    for (w, f) in wanted.iter().zip(&found) {
        if w.3 {
            assert!(*f, "the hard mention {:?} was not found", w.1);
        }
    }
}
