//! Events from a user's own articles (issue 18, items 25, 27 and 31): weak
//! links by an undated alias, photo captions as sources, and what a plain
//! article's headline, dateline and relative dates give.

mod common;

use std::path::Path;

use common::{annals, stderr, stdout};
use serde_json::Value;

fn write(path: &Path, text: &str) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

fn list(dir: &Path, catalog: &str) -> Vec<Value> {
    let o = annals(
        dir,
        &[
            "--events",
            catalog,
            "--articles",
            "arts",
            "list",
            "--format",
            "json",
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    serde_json::from_str(&stdout(&o)).unwrap()
}

fn event<'a>(events: &'a [Value], id: &str) -> &'a Value {
    events
        .iter()
        .find(|e| e["id"] == id)
        .unwrap_or_else(|| panic!("event {id}"))
}

fn sources(e: &Value) -> &Vec<Value> {
    e["sources"].as_array().unwrap()
}

const CATALOG: &str = r#"[[event]]
id = "s400-contract"
date = "2017-09-12"
title = "Turkey signs the S-400 contract"
countries = ["TR", "RU"]
aliases = ["S-400"]

[[event]]
id = "s400-delivery"
date = "2019-07-12"
title = "First S-400 components delivered to Turkey"
countries = ["TR", "RU"]
aliases = ["S-400"]

[[event]]
id = "st-petersburg"
date = "2016-08-09"
title = "Putin and Erdogan meet in St Petersburg"
countries = ["TR", "RU"]
aliases = ["St Petersburg meeting"]
"#;

/// Item 25: an alias named without a date goes to the one event it fits best
/// (here the nearest to the article's date), marked as naming it undated.
#[test]
fn an_undated_alias_is_a_source_of_one_event_marked_undated() {
    let dir = tempfile::tempdir().unwrap();
    write(&dir.path().join("events.toml"), CATALOG);
    write(
        &dir.path().join("arts/wants.txt"),
        "+++\ntitle = \"From Russia, Ankara wants more\"\npublished = \"2021-09-20\"\n+++\n\
         From Russia, Ankara wants more S-400s, officials in the capital say.\n",
    );
    let events = list(dir.path(), "events.toml");
    assert!(sources(event(&events, "s400-contract")).is_empty());
    let got = sources(event(&events, "s400-delivery"));
    assert_eq!(got.len(), 1, "{got:?}");
    assert_eq!(got[0]["dated"], false);
    let why = got[0]["why"].as_str().unwrap();
    assert!(why.contains("not dated here"), "{why}");
}

/// Item 27: a photo caption with a credit glued to it is not a second source
/// of an event the prose already gives, nor an event of its own.
#[test]
fn a_caption_glued_to_its_credit_is_no_second_source() {
    let dir = tempfile::tempdir().unwrap();
    write(&dir.path().join("events.toml"), CATALOG);
    write(
        &dir.path().join("arts/meeting.txt"),
        "+++\ntitle = \"Reset in St Petersburg\"\npublished = \"2016-08-10\"\n+++\n\
         Erdogan and Putin held their St Petersburg meeting on August 9, 2016, ending a rift.\n\n\
         Putin and Erdogan shake hands in St Petersburg on August 9, 2016Credit: Getty Images\n\n\
         The two leaders spoke for hours.\n",
    );
    let events = list(dir.path(), "events.toml");
    let got = sources(event(&events, "st-petersburg"));
    assert_eq!(got.len(), 1, "{got:?}");
    assert!(!got[0]["sentence"].as_str().unwrap().contains("Credit"));
    assert!(
        events.iter().all(|e| e["origin"] != "extracted"),
        "{events:?}"
    );
}

const PLAIN: &str = "Erdogan to attend first prayers at Hagia Sophia on Friday\n\n\
    ISTANBUL - Thousands of worshippers gathered on July 24, 2020 for the first Friday \
    prayers in 86 years at Hagia Sophia, after a court ruling reversed its status.\n\n\
    President Erdogan signed the decree last week, hours after the ruling.\n\n\
    A vendor sells bread at a market in Aleppo, Syria, on Feb. 2, 2018. Credit: Getty Images\n";

/// Item 31: a plain-text article with an empty catalog.
#[test]
fn a_plain_article_gives_its_events_and_no_furniture() {
    let dir = tempfile::tempdir().unwrap();
    write(&dir.path().join("empty.toml"), "");
    write(&dir.path().join("arts/hagia.txt"), PLAIN);
    let events = list(dir.path(), "empty.toml");
    let dates: Vec<&str> = events.iter().map(|e| e["date"].as_str().unwrap()).collect();
    // "in 86 years" dates nothing (no 1934); the headline's Friday dates
    // nothing; the anonymous caption is no event
    assert!(!dates.iter().any(|d| d.starts_with("1934")), "{dates:?}");
    assert!(!dates.iter().any(|d| d.starts_with("2018")), "{dates:?}");
    for e in &events {
        for s in sources(e) {
            assert!(
                !s["sentence"]
                    .as_str()
                    .unwrap()
                    .starts_with("Erdogan to attend"),
                "the headline's Friday is no event: {e}"
            );
        }
        let title = e["title"].as_str().unwrap();
        assert!(
            !title.starts_with("ISTANBUL"),
            "the dateline is cut: {title}"
        );
        assert!(title.chars().count() <= 80, "{title}");
    }
    let prayers = events
        .iter()
        .find(|e| e["date"] == "2020-07-24")
        .expect("the prayers");
    // the article is named by its headline, not its file name
    assert_eq!(
        sources(prayers)[0]["article"]["title"],
        "Erdogan to attend first prayers at Hagia Sophia on Friday"
    );
    // "last week" is the week's days, never the raw week value
    let week = events
        .iter()
        .find(|e| sources(e)[0]["text"] == "last week")
        .expect("the decree");
    assert!(!week["date"].as_str().unwrap().contains('W'), "{week}");
    assert!(week["end"].is_string(), "{week}");
    let o = annals(
        dir.path(),
        &["--events", "empty.toml", "--articles", "arts", "list"],
    );
    assert!(!stdout(&o).contains("-W"), "{}", stdout(&o));
}
