//! The TimelineJS export, loaded by the real TimelineJS 3 library in headless
//! Chromium from a page on 127.0.0.1: TimelineJS must build one slide per
//! exported event plus the title slide.
//!
//! Needs node, Debian's chromium, and `npm ci` run in tests/browser; without
//! them the test says it skips, and fails when `CI` is set.

mod common;
mod skip;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

use annals::export::{self, Format};
use annals::timeline::Timeline;

fn browser_dir() -> PathBuf {
    common::root().join("tests/browser")
}

fn chromium() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("CHROMIUM") {
        return Some(PathBuf::from(p)).filter(|p| p.exists());
    }
    ["/usr/bin/chromium", "/usr/bin/chromium-browser"]
        .iter()
        .map(PathBuf::from)
        .find(|p| p.exists())
}

/// Why the test cannot run here, if it cannot.
fn missing() -> Option<String> {
    let node = Command::new("node").arg("--version").output();
    if !node.is_ok_and(|o| o.status.success()) {
        return Some("node is not installed".into());
    }
    if chromium().is_none() {
        return Some("chromium is not installed (apt-get install chromium)".into());
    }
    let modules = browser_dir().join("node_modules");
    for package in [
        "@knight-lab/timelinejs/dist/js/timeline.js",
        "playwright-core/package.json",
    ] {
        if !modules.join(package).exists() {
            return Some(format!(
                "npm package missing: {package} (run `npm ci` in tests/browser)"
            ));
        }
    }
    None
}

struct Case {
    name: &'static str,
    file: PathBuf,
    /// The exported JSON.
    doc: serde_json::Value,
    /// The exported events' titles as a browser shows them (HTML parsing
    /// turns CRLF into LF).
    titles: Vec<String>,
}

fn export_case(dir: &Path, name: &'static str, t: &Timeline, idx: &[usize]) -> Case {
    let text = export::render(t, idx, Format::TIMELINEJS, &common::ctx(name)).expect("renders");
    let file = dir.join(format!("{name}.json"));
    std::fs::write(&file, &text).expect("write");
    let titles = export::selected(t, idx)
        .expect("in memory")
        .iter()
        .map(|e| e.title.trim().replace("\r\n", "\n"))
        .collect();
    Case {
        name,
        file,
        doc: serde_json::from_str(&text).expect("json"),
        titles,
    }
}

#[test]
fn timelinejs_builds_one_slide_per_event_plus_the_title() {
    if let Some(why) = missing() {
        skip::missing(&format!("chromium/node/npm package missing: {why}"));
        return;
    }
    let dir = tempfile::tempdir().expect("tempdir");
    let loaded = common::bundled();
    let t = &loaded.timeline;
    let tricky = common::tricky();
    let cases = [
        export_case(dir.path(), "all", t, &common::all(t)),
        export_case(dir.path(), "selection", t, &common::selection(t)),
        export_case(dir.path(), "awkward", &tricky, &common::all(&tricky)),
    ];
    let mut cmd = Command::new("node");
    cmd.arg(browser_dir().join("check_timeline.mjs"));
    for c in &cases {
        cmd.arg(&c.file);
    }
    if let Some(c) = chromium() {
        cmd.env("CHROMIUM", c);
    }
    let out = cmd.output().expect("node runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        out.status.success(),
        "the browser check failed:\n{stdout}\n{stderr}"
    );
    let results: Vec<serde_json::Value> = stdout
        .lines()
        .map(|l| serde_json::from_str(l).expect("one JSON object per line"))
        .collect();
    assert_eq!(results.len(), cases.len(), "{stdout}\n{stderr}");
    for (c, r) in cases.iter().zip(&results) {
        let events = c.doc["events"].as_array().expect("events");
        assert_eq!(
            r["errors"].as_array().map(Vec::len),
            Some(0),
            "{}: TimelineJS reported errors: {r}",
            c.name
        );
        assert_eq!(
            r["slides"].as_u64(),
            Some(events.len() as u64 + 1),
            "{}: one slide per event plus the title slide",
            c.name
        );
        assert_eq!(r["titleSlides"].as_u64(), Some(1), "{}", c.name);
        let built: BTreeSet<&str> = r["slideIds"]
            .as_array()
            .expect("ids")
            .iter()
            .filter_map(|v| v.as_str())
            .collect();
        let mut wanted: BTreeSet<&str> = events
            .iter()
            .map(|e| e["unique_id"].as_str().expect("unique_id"))
            .collect();
        wanted.insert(export::timelinejs::TITLE_ID);
        assert_eq!(
            built, wanted,
            "{}: every event became its own slide",
            c.name
        );
        // headlines come through as text, markup and all, never as elements
        let headlines: BTreeSet<&str> = r["headlines"]
            .as_array()
            .expect("headlines")
            .iter()
            .filter_map(|v| v.as_str())
            .collect();
        for title in &c.titles {
            assert!(
                headlines.contains(title.as_str()),
                "{}: headline {title:?} shown as written; got {headlines:?}",
                c.name
            );
        }
    }
}
