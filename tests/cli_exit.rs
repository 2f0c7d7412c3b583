//! Exit codes and messages of the command line for arguments and data a
//! careful user gets wrong: `check` on warnings, on errors and on data that
//! cannot be loaded; `extract` on a path that is not there; the same article
//! named twice; a date range the wrong way round; an empty country code.

mod common;
mod skip;

use std::path::Path;

use common::{annals, root, stderr, stdout};

const EVENT: &str = r#"[[event]]
id = "talks"
date = "2016-08-09"
title = "Talks in St Petersburg"
summary = "The two leaders met."
countries = ["TR", "RU"]
"#;

/// A folder with a one-event catalog, the bundled gazetteer and an
/// `articles` folder holding `files`.
fn data(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join("events.toml"), EVENT).unwrap();
    std::fs::copy(
        root().join("assets/countries.toml"),
        dir.path().join("countries.toml"),
    )
    .unwrap();
    std::fs::create_dir(dir.path().join("articles")).unwrap();
    for (name, text) in files {
        std::fs::write(dir.path().join("articles").join(name), text).unwrap();
    }
    dir
}

fn run(dir: &Path, args: &[&str]) -> std::process::Output {
    let mut all = vec![
        "--events",
        "events.toml",
        "--countries",
        "countries.toml",
        "--articles",
        "articles",
    ];
    all.extend_from_slice(args);
    annals(dir, &all)
}

const ARTICLE: &str = "+++\ntitle = \"Talks\"\npublished = \"2016-08-10\"\n+++\n\
    Erdogan and Putin met on 9 August 2016 in St Petersburg.\n";

#[test]
fn check_passes_with_warnings_only() {
    // front matter that is never closed is a warning: the article is read as text
    let dir = data(&[(
        "open.txt",
        "+++\ntitle = \"x\"\nThey met on 9 August 2016.\n",
    )]);
    let o = run(dir.path(), &["check"]);
    assert!(stderr(&o).contains("warning"), "{}", stderr(&o));
    assert!(stdout(&o).contains("0 errors, 1 warning"), "{}", stdout(&o));
    assert_eq!(o.status.code(), Some(0), "a warning does not fail check");
}

#[test]
fn check_fails_with_1_on_errors_and_2_when_nothing_loads() {
    let dir = data(&[("a.txt", ARTICLE)]);
    let bad_event =
        format!("{EVENT}\n[[event]]\nid = \"bad\"\ndate = \"2016-13-40\"\ntitle = \"x\"\n");
    std::fs::write(dir.path().join("events.toml"), bad_event).unwrap();
    let o = run(dir.path(), &["check"]);
    assert!(stdout(&o).contains("1 error"), "{}", stdout(&o));
    assert_eq!(o.status.code(), Some(1), "an error fails check");

    std::fs::write(dir.path().join("events.toml"), "[[event]\nid = 1\n").unwrap();
    let o = run(dir.path(), &["check"]);
    assert!(stderr(&o).contains("events.toml:1:"), "{}", stderr(&o));
    assert!(stdout(&o).contains("could not be loaded"), "{}", stdout(&o));
    assert_eq!(o.status.code(), Some(2), "data that cannot be loaded");
}

#[test]
fn extract_names_a_missing_path_and_fails() {
    let dir = data(&[("a.txt", ARTICLE)]);
    let o = run(dir.path(), &["extract", "articles/a.txt", "nowhere.txt"]);
    let err = stderr(&o);
    assert!(err.contains("nowhere.txt"), "{err}");
    assert!(err.contains("error"), "{err}");
    assert_ne!(o.status.code(), Some(0), "{err}");
    // the article that is there is still read
    assert!(stdout(&o).contains("9 August 2016"), "{}", stdout(&o));
}

#[cfg(unix)]
#[test]
fn extract_names_an_unreadable_file_and_fails() {
    use std::os::unix::fs::PermissionsExt;
    let dir = data(&[("a.txt", ARTICLE), ("locked.txt", ARTICLE)]);
    let locked = dir.path().join("articles/locked.txt");
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).unwrap();
    if std::fs::read(&locked).is_ok() {
        // root reads any file: there is no unreadable file to test with
        skip::not_here("this user (root) can read a file with mode 000");
        return;
    }
    let o = run(dir.path(), &["extract", "articles"]);
    let err = stderr(&o);
    assert!(err.contains("locked.txt"), "{err}");
    assert_ne!(o.status.code(), Some(0), "{err}");
}

#[test]
fn an_article_named_twice_is_read_once() {
    let dir = data(&[("a.txt", ARTICLE), ("b.txt", "Nothing happened.\n")]);
    let count = |args: &[&str]| {
        let mut all = vec!["--events", "events.toml", "--countries", "countries.toml"];
        all.extend_from_slice(args);
        all.extend_from_slice(&["extract", "--format", "json"]);
        let o = annals(dir.path(), &all);
        assert!(o.status.success(), "{args:?}: {}", stderr(&o));
        let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
        v.as_array().unwrap().len()
    };
    let once = count(&["--articles", "articles"]);
    assert_eq!(once, 1);
    assert_eq!(
        count(&["--articles", "articles", "--articles", "articles"]),
        once
    );
    assert_eq!(
        count(&["--articles", "articles", "--articles", "articles/a.txt"]),
        once
    );
    assert_eq!(
        count(&[
            "--articles",
            "articles/a.txt",
            "--articles",
            "./articles/a.txt"
        ]),
        once
    );
    // the check counts the article once too
    let o = annals(
        dir.path(),
        &[
            "--events",
            "events.toml",
            "--countries",
            "countries.toml",
            "--articles",
            "articles",
            "--articles",
            "articles",
            "check",
        ],
    );
    assert!(stdout(&o).contains("2 articles"), "{}", stdout(&o));
}

#[test]
fn a_range_that_ends_before_it_starts_is_refused() {
    let dir = data(&[]);
    for command in [&["list"][..], &["export", "--format", "csv"]] {
        let mut args = command.to_vec();
        args.extend_from_slice(&["--from", "2019", "--to", "2017"]);
        let o = run(dir.path(), &args);
        let err = stderr(&o);
        assert_eq!(o.status.code(), Some(2), "{command:?}: {err}");
        assert!(
            err.contains("--to 2017") && err.contains("--from 2019"),
            "{command:?}: {err}"
        );
        assert!(stdout(&o).is_empty());
    }
    // the same month, or a day inside the year, is a fine range
    let o = run(dir.path(), &["list", "--from", "2016-08", "--to", "2016"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains("Talks"), "{}", stdout(&o));
}

#[test]
fn an_empty_country_code_or_tag_is_refused() {
    let dir = data(&[]);
    for args in [
        &["list", "--country", ""][..],
        &["list", "--country", "TR,"],
        &["list", "--country", " "],
        &["export", "--format", "csv", "--country", ""],
        &["list", "--tag", ""],
    ] {
        let o = run(dir.path(), args);
        let err = stderr(&o);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {err}");
        assert!(err.contains("empty"), "{args:?}: {err}");
        assert!(stdout(&o).is_empty(), "{args:?}");
    }
    let o = run(dir.path(), &["list", "--country", "tr"]);
    assert!(stdout(&o).contains("Talks"), "{}", stdout(&o));
}
