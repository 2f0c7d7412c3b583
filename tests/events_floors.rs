//! The floors of issue 13: events built from mentions, scored by
//! `../shared/tools/score_events.py` as the issue describes.
//!
//! - `../shared/events-dev` with an empty catalog, so that the extraction
//!   alone is judged: dated in text, extracted right and found twice at the
//!   level reached (raise them as the events improve; never lower them).
//! - The seeds with the bundled catalog: all 23 expected events, none found
//!   twice.
//!
//! The test needs `../shared` and `python3`. Without `../shared` it skips with
//! a message; without `python3` it skips locally and fails when `CI` is set.

mod common;
mod skip;

use std::path::Path;
use std::process::Command;

use common::{annals, root, shared, stderr, stdout};

/// events-dev with an empty catalog (the goals: 95%, 90%, 0).
const DEV_DATED_IN_TEXT: (usize, usize) = (84, 87);
const DEV_EXTRACTED_RIGHT_PERCENT: usize = 90;

/// The scorer's summary line, read into numbers.
#[derive(Debug)]
struct Score {
    dated: (usize, usize),
    outside: (usize, usize),
    right: (usize, usize),
    twice: usize,
}

fn fraction(line: &str, label: &str) -> (usize, usize) {
    let at = line
        .find(label)
        .unwrap_or_else(|| panic!("`{label}` in {line}"));
    let rest = line[at + label.len()..].trim_start();
    let frac = rest.split([' ', ',']).next().unwrap();
    let (a, b) = frac.split_once('/').unwrap();
    (a.parse().unwrap(), b.parse().unwrap())
}

fn parse(summary: &str) -> Score {
    let twice = summary
        .rsplit("found twice ")
        .next()
        .and_then(|s| s.trim().parse().ok())
        .unwrap_or_else(|| panic!("found twice in {summary}"));
    Score {
        dated: fraction(summary, "dated in text"),
        outside: fraction(summary, "known outside"),
        right: fraction(summary, "extracted right"),
        twice,
    }
}

/// Lists the events of `articles` against `catalog` and scores them against
/// `expected`; `None` when python3 is not there (and `CI` is not set).
fn score(shared: &Path, catalog: &Path, articles: &Path, expected: &Path) -> Option<Score> {
    let dir = tempfile::tempdir().unwrap();
    let args = [
        "--events",
        catalog.to_str().unwrap(),
        "--articles",
        articles.to_str().unwrap(),
        "list",
        "--format",
        "json",
    ];
    let out = annals(dir.path(), &args);
    assert!(out.status.success(), "{}", stderr(&out));
    let timeline = dir.path().join("timeline.json");
    std::fs::write(&timeline, stdout(&out)).unwrap();
    let run = Command::new("python3")
        .arg(shared.join("tools/score_events.py"))
        .arg(expected)
        .arg(&timeline)
        .output();
    let run = match run {
        Ok(r) => r,
        Err(e) => {
            assert!(
                std::env::var_os("CI").is_none(),
                "python3 is needed to score events: {e}"
            );
            skip::missing(&format!(
                "python3 not found ({e}); the floors are not checked"
            ));
            return None;
        }
    };
    let text = String::from_utf8_lossy(&run.stdout).into_owned();
    let summary = text
        .lines()
        .rev()
        .find(|l| l.starts_with("events:"))
        .unwrap_or_else(|| {
            panic!(
                "the scorer's summary: {text}{}",
                String::from_utf8_lossy(&run.stderr)
            )
        });
    Some(parse(summary))
}

fn shared_or_skip() -> Option<std::path::PathBuf> {
    let s = shared().filter(|s| s.join("tools/score_events.py").exists());
    if s.is_none() {
        skip::not_here("../shared not found; the floors are not checked");
    }
    s
}

#[test]
fn events_dev_with_an_empty_catalog_holds_its_floors() {
    let Some(shared) = shared_or_skip() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let empty = dir.path().join("empty.toml");
    std::fs::write(&empty, "").unwrap();
    let dev = shared.join("events-dev");
    let Some(s) = score(
        &shared,
        &empty,
        &dev.join("articles"),
        &dev.join("expected.toml"),
    ) else {
        return;
    };
    eprintln!("events-dev: {s:?}");
    assert_eq!(
        s.dated.1, DEV_DATED_IN_TEXT.1,
        "the expected events changed"
    );
    assert!(
        s.dated.0 >= DEV_DATED_IN_TEXT.0,
        "dated in text fell: {s:?}"
    );
    assert!(
        s.right.1 > 0 && s.right.0 * 100 >= DEV_EXTRACTED_RIGHT_PERCENT * s.right.1,
        "extracted right fell below {DEV_EXTRACTED_RIGHT_PERCENT}%: {s:?}"
    );
    // the goal, reached: no expected event is found twice
    assert_eq!(s.twice, 0, "events found twice: {s:?}");
}

#[test]
fn the_seeds_give_all_their_expected_events_once() {
    let Some(shared) = shared_or_skip() else {
        return;
    };
    let Some(s) = score(
        &shared,
        &root().join("events.toml"),
        &shared.join("seeds"),
        &shared.join("seeds/expected.toml"),
    ) else {
        return;
    };
    eprintln!("seeds: {s:?}");
    assert_eq!(s.dated.0 + s.outside.0, 23, "all 23 expected events: {s:?}");
    assert_eq!((s.dated.0, s.outside.0), (s.dated.1, s.outside.1), "{s:?}");
    assert_eq!(s.twice, 0, "none found twice: {s:?}");
}
