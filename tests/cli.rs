//! The headless command line on the bundled data: filters, formats, stdin.

mod common;

use common::{annals, annals_fed, root, stderr, stdout};
use serde_json::Value;
use unicode_width::UnicodeWidthStr;

fn list_json(args: &[&str]) -> Vec<Value> {
    let mut all = vec!["list", "--format", "json"];
    all.extend_from_slice(args);
    let o = annals(&root(), &all);
    assert!(o.status.success(), "{}", stderr(&o));
    serde_json::from_str(&stdout(&o)).unwrap()
}

fn ids(events: &[Value]) -> Vec<String> {
    events
        .iter()
        .map(|e| e["id"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn query_coup_finds_the_coup_not_scattered_letters() {
    let found = list_json(&["--query", "coup"]);
    assert!(ids(&found).contains(&"coup-attempt-2016".to_string()));
    for e in &found {
        let blob = serde_json::to_string(e).unwrap().to_lowercase();
        assert!(
            blob.contains("coup"),
            "{} has no word starting with coup",
            e["id"]
        );
    }
    assert!(found.len() < 10, "{:?}", ids(&found));
}

#[test]
fn countries_any_of_and_all_of() {
    let any = list_json(&["--country", "IR,RU"]);
    let all = list_json(&["--country", "IR,RU", "--all-countries"]);
    assert!(all.len() < any.len());
    for e in &any {
        let c = e["countries"].as_array().unwrap();
        assert!(c.iter().any(|c| c == "IR" || c == "RU"));
    }
    for e in &all {
        let c = e["countries"].as_array().unwrap();
        assert!(c.iter().any(|c| c == "IR") && c.iter().any(|c| c == "RU"));
    }
}

#[test]
fn date_ranges_accept_partial_dates_and_overlap_spans() {
    let found = list_json(&["--from", "2017", "--to", "2019-07"]);
    assert!(!found.is_empty());
    for e in &found {
        let d = e["date"].as_str().unwrap();
        let last = e["end"].as_str().unwrap_or(d);
        assert!(last >= "2017" && d < "2019-08", "{d} to {last}");
    }
    // the Nagorno-Karabakh war runs into November 2020
    let nov = list_json(&["--from", "2020-11", "--to", "2020-11"]);
    assert!(
        nov.iter().any(|e| e["end"].is_string()),
        "an event spanning into the range is kept: {:?}",
        ids(&nov)
    );
}

#[test]
fn s400_events_involving_russia_between_2017_and_2019() {
    let found = list_json(&[
        "--query",
        "s-400",
        "--country",
        "RU",
        "--from",
        "2017",
        "--to",
        "2019",
    ]);
    let ids = ids(&found);
    assert!(ids.contains(&"s400-deal-2017".to_string()), "{ids:?}");
    assert!(
        ids.contains(&"s400-first-delivery-2019".to_string()),
        "{ids:?}"
    );
}

#[test]
fn tags_and_curated_only() {
    let curated = list_json(&["--curated-only"]);
    assert!(curated.iter().all(|e| e["origin"] == "curated"));
    let all = list_json(&[]);
    assert!(all.iter().any(|e| e["origin"] == "extracted"));
    let tagged = list_json(&["--tag", "sanctions"]);
    assert!(!tagged.is_empty());
    assert!(tagged.iter().all(|e| {
        e["tags"]
            .as_array()
            .unwrap()
            .iter()
            .any(|t| t == "sanctions")
    }));
}

#[test]
fn the_table_fits_80_columns() {
    let o = annals_fed(&root(), &["list"], None, 80);
    let out = stdout(&o);
    assert!(out.lines().count() > 30);
    for line in out.lines() {
        assert!(line.width() <= 80, "too wide: {line}");
    }
    assert!(out.contains("Coup attempt in Turkey"));
}

#[test]
fn extract_reads_json_lines_from_stdin() {
    let input = concat!(
        r#"{"id": "wire-1", "published": "2016-08-10", "text": "Erdogan met Putin on Tuesday, weeks after the July 15 coup attempt."}"#,
        "\n",
        r#"{"id": 42, "text": "Talks began in Astana in 2017."}"#,
        "\n"
    );
    let o = annals_fed(&root(), &["extract", "--stdin"], Some(input), 100);
    assert!(o.status.success(), "{}", stderr(&o));
    let lines: Vec<Value> = stdout(&o)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let find = |text: &str| lines.iter().find(|l| l["text"] == text).cloned();
    let tue = find("Tuesday").expect("Tuesday found");
    assert_eq!(tue["file"], "wire-1");
    assert_eq!(tue["value"], "2016-08-09");
    let coup = find("July 15").expect("July 15 found");
    assert_eq!(coup["value"], "2016-07-15");
    assert_eq!(coup["event"], "coup-attempt-2016");
    assert_eq!(coup["countries"], serde_json::json!(["RU", "TR"]));
    let y = find("2017").expect("2017 found");
    assert_eq!(y["file"], "42");
}

#[test]
fn extract_writes_timeline_values_when_asked() {
    let input = concat!(
        r#"{"id": "dated", "published": "2015-07-14", "text": "The deal was announced at 9:45 a.m. on Tuesday. Talks resume at the weekend."}"#,
        "\n",
        r#"{"id": "undated", "text": "The vote closed at 10:35 a.m."}"#,
        "\n"
    );
    let mentions = |flags: &[&str]| -> Vec<(String, String, String)> {
        let args: Vec<&str> = ["extract", "--stdin"]
            .iter()
            .chain(flags)
            .copied()
            .collect();
        let o = annals_fed(&root(), &args, Some(input), 100);
        assert!(o.status.success(), "{}", stderr(&o));
        stdout(&o)
            .lines()
            .map(|l| {
                let v: Value = serde_json::from_str(l).unwrap();
                let s = |k: &str| v[k].as_str().unwrap_or_default().to_string();
                (s("text"), s("value"), s("precision"))
            })
            .collect()
    };
    let row = |t: &str, v: &str, p: &str| (t.to_string(), v.to_string(), p.to_string());
    // TimeML's forms by default
    assert_eq!(
        mentions(&[]),
        [
            row("9:45 a.m.", "2015-07-14T09:45", "time"),
            row("Tuesday", "2015-07-14", "day"),
            row("the weekend", "2015-W29-WE", "week"),
            row("10:35 a.m.", "XXXX-XX-XXT10:35", "time"),
        ]
    );
    // the day of a time on a known day and the week of a weekend; a time on
    // no known day is kept
    assert_eq!(
        mentions(&["--timeline-values"]),
        [
            row("9:45 a.m.", "2015-07-14", "day"),
            row("Tuesday", "2015-07-14", "day"),
            row("the weekend", "2015-W29", "week"),
            row("10:35 a.m.", "XXXX-XX-XXT10:35", "time"),
        ]
    );
}

#[test]
fn extract_json_format_is_one_array() {
    let o = annals(&root(), &["extract", "--format", "json"]);
    let v: Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert!(v.as_array().unwrap().len() >= 13);
}

/// The events `list --format json` prints, run in `dir` with `args`.
fn list_json_in(dir: &std::path::Path, args: &[&str]) -> Vec<Value> {
    let mut all = vec!["--no-cache", "list", "--format", "json"];
    all.extend_from_slice(args);
    let o = annals(dir, &all);
    assert!(o.status.success(), "{}", stderr(&o));
    serde_json::from_str(&stdout(&o)).unwrap()
}

/// The files `annals articles` lists, run in `dir` with `args`.
fn article_files_in(dir: &std::path::Path, args: &[&str]) -> Vec<String> {
    let mut all = vec!["--no-cache"];
    all.extend_from_slice(args);
    all.extend_from_slice(&["articles", "--format", "jsonl"]);
    let o = annals(dir, &all);
    assert!(o.status.success(), "{}", stderr(&o));
    stdout(&o)
        .lines()
        .map(|l| {
            let v: Value = serde_json::from_str(l).unwrap();
            v["file"].as_str().unwrap().to_string()
        })
        .collect()
}

fn source_files(events: &[Value]) -> std::collections::BTreeSet<String> {
    events
        .iter()
        .flat_map(|e| e["sources"].as_array().unwrap().iter())
        .filter_map(|s| s["article"]["file"].as_str().map(str::to_string))
        .collect()
}

const OWN_CATALOG: &str = r#"[[event]]
id = "own-harbour"
date = "2021-06-02"
title = "The harbour reopens"
countries = ["TR"]
"#;

const OWN_ARTICLE: &str = "+++\npublished = \"2021-06-03\"\n+++\n\
The ferry from Izmir to Athens resumed on 1 June 2021 after talks in Ankara.\n";

/// The bundled articles go with the bundled catalog only: a catalog of one's
/// own, named with `--events` or found as `./events.toml`, is read without
/// them, while no arguments at all give the bundled catalog with its articles
/// and `--articles` alone gives the bundled catalog with those articles.
#[test]
fn the_bundled_articles_go_with_the_bundled_catalog_only() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(d.join("own.toml"), OWN_CATALOG).unwrap();
    std::fs::create_dir(d.join("mine")).unwrap();
    std::fs::write(d.join("mine/harbour.txt"), OWN_ARTICLE).unwrap();
    let mut bundled: Vec<String> = std::fs::read_dir(root().join("assets/articles"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    bundled.sort();
    assert!(!bundled.is_empty());

    // no arguments: the bundled catalog and the bundled articles
    assert_eq!(article_files_in(d, &[]), bundled);
    let plain = list_json_in(d, &[]);
    assert!(plain.iter().any(|e| e["origin"] == "extracted"));

    // --events alone: that catalog, and no article at all
    assert!(article_files_in(d, &["--events", "own.toml"]).is_empty());
    let own = list_json_in(d, &["--events", "own.toml"]);
    assert_eq!(ids(&own), ["own-harbour"]);
    assert!(source_files(&own).is_empty(), "{own:?}");

    // --events with --articles: those articles, not the bundled ones
    let with = list_json_in(d, &["--events", "own.toml", "--articles", "mine"]);
    assert_eq!(source_files(&with), ["harbour.txt".to_string()].into());

    // --articles alone: the bundled catalog with those articles only
    let curated = plain.iter().filter(|e| e["origin"] == "curated").count();
    let mine = list_json_in(d, &["--articles", "mine"]);
    assert_eq!(
        mine.iter().filter(|e| e["origin"] == "curated").count(),
        curated
    );
    assert!(mine.iter().any(|e| e["origin"] == "extracted"));
    let files = source_files(&mine);
    assert!(files.contains("harbour.txt"), "{files:?}");
    assert!(
        bundled.iter().all(|b| !files.contains(b)),
        "bundled articles leaked: {files:?}"
    );

    // ./events.toml found by default, with no ./assets/articles: alone too
    std::fs::copy(d.join("own.toml"), d.join("events.toml")).unwrap();
    assert!(article_files_in(d, &[]).is_empty());
    assert_eq!(ids(&list_json_in(d, &[])), ["own-harbour"]);
}
