//! Queries and tags ignore case the same way in every field, and queries
//! ignore accents: the dotted İ, Çavuşoğlu and Cavusoglu, `--tag s-400` for
//! a tag written `S-400`. With and without the search index alike.

mod spawn;

use std::path::Path;

use annals::catalog;
use annals::filter::Filter;
use annals::gazetteer::Gazetteer;
use annals::timeline::Timeline;

const CATALOG: &str = r#"
[[event]]
id = "quake"
date = "2020-10-30"
title = "Earthquake in İzmir"
tags = ["Disaster"]

[[event]]
id = "talks"
date = "2017"
title = "Talks in Moscow"
summary = "Çavuşoğlu meets Lavrov."
tags = ["S-400", "Sanctions"]

[[event]]
id = "visit"
date = "2018"
title = "Cavusoglu visits Washington"
tags = ["sanctions"]
"#;

fn timeline() -> Timeline {
    let g = Gazetteer::from_toml(Path::new("c.toml"), annals::bundled::COUNTRIES).unwrap();
    let c = catalog::parse(Path::new("e.toml"), CATALOG, &g).unwrap();
    assert!(c.problems.is_empty(), "{:?}", c.problems);
    Timeline::new(c.events, g)
}

fn ids(t: &Timeline, f: &Filter) -> Vec<String> {
    let mut out: Vec<String> = t.filter(f).iter().map(|&i| t.event(i).id.clone()).collect();
    out.sort();
    out
}

fn query(q: &str) -> Filter {
    Filter {
        query: q.into(),
        ..Filter::default()
    }
}

fn tags(t: &[&str], all: bool) -> Filter {
    Filter {
        tags: t.iter().map(|s| s.to_string()).collect(),
        all_tags: all,
        ..Filter::default()
    }
}

fn check(t: &Timeline) {
    for q in ["İzmir", "izmir", "IZMIR", "İZMİR", "zmir"] {
        assert_eq!(ids(t, &query(q)), ["quake"], "{q}");
    }
    // accents are ignored both ways, in titles and in summaries
    for q in ["cavusoglu", "Çavuşoğlu", "çavuş"] {
        assert_eq!(ids(t, &query(q)), ["talks", "visit"], "{q}");
    }
    // tags ignore case, whichever way the catalog and the user write them
    assert_eq!(ids(t, &tags(&["s-400"], false)), ["talks"]);
    assert_eq!(ids(t, &tags(&["SANCTIONS"], false)), ["talks", "visit"]);
    assert_eq!(ids(t, &tags(&["sanctions", "s-400"], true)), ["talks"]);
    assert_eq!(ids(t, &tags(&["disaster"], false)), ["quake"]);
}

#[test]
fn queries_fold_case_and_accents_and_tags_fold_case() {
    let t = timeline();
    check(&t);
    t.prepare_search();
    check(&t);
}

#[test]
fn the_tag_flag_finds_tags_written_with_capitals() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("events.toml"), CATALOG).unwrap();
    std::fs::create_dir(dir.path().join("none")).unwrap();
    let out = spawn::annals_command()
        .current_dir(dir.path())
        .args([
            "list",
            "--format",
            "json",
            "--articles",
            "none",
            "--tag",
            "S-400",
        ])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let events: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(events.as_array().unwrap().len(), 1, "{events}");
    assert_eq!(events[0]["id"], "talks");
}
