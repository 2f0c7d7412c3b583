//! Bad catalogs and articles from `tests/bad/`: each problem gets a clear
//! message naming the file and line, and the right exit code, with no panic.

mod common;

use common::{annals, root, stderr, stdout};
use std::path::PathBuf;

fn bad() -> PathBuf {
    root().join("tests/bad")
}

/// Runs `annals check` on a catalog with no articles.
fn check(catalog: &str) -> std::process::Output {
    annals(
        &bad(),
        &["check", "--events", catalog, "--articles", "empty_articles"],
    )
}

fn assert_no_panic(o: &std::process::Output) {
    let err = stderr(o);
    assert!(!err.contains("panicked"), "panic: {err}");
}

#[test]
fn broken_toml_names_file_line_and_column() {
    let o = check("broken_syntax.toml");
    assert_eq!(o.status.code(), Some(2), "the catalog cannot be loaded");
    assert!(
        stderr(&o).contains("broken_syntax.toml:9:"),
        "{}",
        stderr(&o)
    );
    let o = annals(&bad(), &["list", "--events", "broken_syntax.toml"]);
    assert_eq!(o.status.code(), Some(2), "list cannot load its data");
    assert!(stderr(&o).contains("broken_syntax.toml:9:"));
    assert!(stdout(&o).is_empty());
    assert_no_panic(&o);
}

#[test]
fn broken_json_names_file_line_and_column() {
    let o = check("broken.json");
    assert_eq!(o.status.code(), Some(2), "the catalog cannot be loaded");
    assert!(stderr(&o).contains("broken.json:3:"), "{}", stderr(&o));
}

#[test]
fn duplicate_ids_are_named_with_their_line() {
    let o = check("duplicate_id.toml");
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(
        err.contains("duplicate_id.toml:8:") && err.contains("duplicate id `coup-attempt-2016`"),
        "{err}"
    );
}

#[test]
fn unknown_country_codes_are_named() {
    let o = check("unknown_country.toml");
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(
        err.contains("unknown_country.toml:5:")
            && err.contains("`atlantis-summit`")
            && err.contains("`XX`"),
        "{err}"
    );
}

#[test]
fn impossible_dates_are_named() {
    let o = check("impossible_date.toml");
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(
        err.contains("impossible_date.toml:3:")
            && err.contains("`thirteenth-month`")
            && err.contains("2016-13-40"),
        "{err}"
    );
}

#[test]
fn an_end_before_the_date_is_named() {
    let o = check("end_before_date.toml");
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(
        err.contains("end_before_date.toml:4:")
            && err.contains("`backwards-war`")
            && err.contains("before its date"),
        "{err}"
    );
}

#[test]
fn unknown_fields_are_named() {
    let o = check("unknown_field.toml");
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(
        err.contains("unknown_field.toml:4:") && err.contains("titel"),
        "{err}"
    );
}

#[test]
fn a_bad_event_is_skipped_and_the_rest_listed() {
    let o = annals(
        &bad(),
        &[
            "list",
            "--events",
            "duplicate_id.toml",
            "--articles",
            "empty_articles",
            "--format",
            "json",
        ],
    );
    assert_eq!(o.status.code(), Some(0));
    let events: Vec<serde_json::Value> = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(events.len(), 1);
    assert_eq!(events[0]["title"], "Coup attempt in Turkey");
}

#[test]
fn non_utf8_articles_are_read_lossily_with_a_warning() {
    let o = annals(
        &bad(),
        &[
            "extract",
            "articles/not_utf8.txt",
            "--events",
            "minimal.toml",
        ],
    );
    assert_eq!(o.status.code(), Some(0));
    let err = stderr(&o);
    assert!(
        err.contains("not_utf8.txt:3:") && err.contains("not valid UTF-8"),
        "{err}"
    );
    // its dateline still gives the publication date, and the text still yields dates
    let out = stdout(&o);
    assert!(out.contains("\"value\":\"2016-07-15\""), "{out}");
    assert!(out.contains("\"value\":\"2016-07-18\""), "{out}");
}

#[test]
fn unclosed_front_matter_is_a_warning_and_read_as_text() {
    let o = annals(
        &bad(),
        &[
            "extract",
            "articles/unclosed_front_matter.txt",
            "--events",
            "minimal.toml",
        ],
    );
    assert_eq!(o.status.code(), Some(0));
    assert!(
        stderr(&o).contains("unclosed_front_matter.txt:1:1: warning: front matter is not closed")
    );
    // read as plain text from the first byte: the unclosed block is text too,
    // and "July 15" takes its year from the nearest date before it
    let out = stdout(&o);
    let text = std::fs::read_to_string(bad().join("articles/unclosed_front_matter.txt")).unwrap();
    let at = text.find("July 15").unwrap();
    assert!(out.contains(&format!("\"start\":{at},")), "{out}");
    assert!(out.contains("\"value\":\"2016-07-15\""), "{out}");
}

#[test]
fn an_empty_or_missing_article_folder_gives_the_catalog_alone() {
    for folder in ["empty_articles", "no_such_folder"] {
        let o = annals(
            &bad(),
            &[
                "list",
                "--events",
                "minimal.toml",
                "--articles",
                folder,
                "--format",
                "json",
            ],
        );
        assert_eq!(o.status.code(), Some(0), "{folder}: {}", stderr(&o));
        let events: Vec<serde_json::Value> = serde_json::from_str(&stdout(&o)).unwrap();
        assert_eq!(events.len(), 1, "{folder}");
    }
}

#[test]
fn usage_errors_exit_2() {
    let o = annals(&bad(), &["list", "--from", "2016-13"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("2016-13"));
    let o = annals(&bad(), &["check", "--no-such-flag"]);
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn a_missing_catalog_file_is_named() {
    let o = annals(&bad(), &["list", "--events", "nowhere.toml"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("nowhere.toml"), "{}", stderr(&o));
}
