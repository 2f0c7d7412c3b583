//! `annals events --from-mentions`: the events built from extracted lines,
//! however they were split among workers and in whatever order they come,
//! equal those of a local load of the same articles; lines about articles it
//! was not told of are reported and skipped; a malformed line is an error
//! naming its line.

mod common;
#[path = "../examples/synth/mod.rs"]
mod synth;

use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::process::Output;

use serde_json::Value;

/// Runs annals in the repository with `input` on its standard input.
fn run(args: &[&OsStr], input: Option<&str>) -> Output {
    common::annals_fed(&common::root(), args, input, 100)
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

/// A generated corpus: its catalog and its folder of articles.
fn corpus(dir: &Path) -> (PathBuf, PathBuf) {
    synth::write_corpus(dir, 400, 60, 5, false).expect("the corpus is written");
    (dir.join("events.toml"), dir.join("articles"))
}

fn data_args<'a>(events: &'a Path, countries: &'a Path) -> Vec<&'a OsStr> {
    vec![
        "--events".as_ref(),
        events.as_os_str(),
        "--countries".as_ref(),
        countries.as_os_str(),
    ]
}

/// `list --format json` of a local load of `articles`.
fn local(events: &Path, countries: &Path, articles: &Path) -> String {
    let mut args = data_args(events, countries);
    args.extend(["--articles".as_ref(), articles.as_os_str()]);
    args.extend(["list", "--format", "json"].map(OsStr::new));
    let o = run(&args, None);
    assert!(o.status.success(), "{}", text(&o.stderr));
    text(&o.stdout)
}

/// `events --from-mentions -` fed `lines`.
fn from_mentions(events: &Path, countries: &Path, lines: &str) -> Output {
    let mut args = data_args(events, countries);
    args.extend(["events", "--from-mentions", "-"].map(OsStr::new));
    run(&args, Some(lines))
}

/// A small deterministic shuffle (xorshift), so a failure can be replayed.
fn shuffle<T>(v: &mut [T], mut seed: u64) {
    for i in (1..v.len()).rev() {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        v.swap(i, (seed % (i as u64 + 1)) as usize);
    }
}

/// The article and mention lines of every article, written by `extract
/// --stdin --for-events` as three workers would, each given a third of the
/// articles as `{"id", "text"}` records named as the local load names them.
fn extracted_by_workers(events: &Path, countries: &Path, articles: &Path) -> Vec<String> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(articles)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    files.sort();
    let mut lines = Vec::new();
    for part in files.chunks(files.len().div_ceil(3)) {
        let mut input = String::new();
        for f in part {
            let record = serde_json::json!({
                "id": f.file_name().unwrap().to_string_lossy(),
                "text": std::fs::read_to_string(f).unwrap(),
            });
            input.push_str(&record.to_string());
            input.push('\n');
        }
        let mut args = data_args(events, countries);
        args.extend(["extract", "--stdin", "--for-events"].map(OsStr::new));
        let o = run(&args, Some(&input));
        assert!(o.status.success(), "{}", text(&o.stderr));
        lines.extend(text(&o.stdout).lines().map(String::from));
    }
    lines
}

#[test]
fn shuffled_and_split_mentions_give_the_local_events() {
    let tmp = tempfile::tempdir().unwrap();
    let (events, articles) = corpus(tmp.path());
    let countries = common::root().join("assets/countries.toml");
    let want = local(&events, &countries, &articles);
    let listed: Vec<Value> = serde_json::from_str(&want).unwrap();
    let sources = |v: &[Value]| -> usize {
        v.iter()
            .map(|e| e["sources"].as_array().map_or(0, Vec::len))
            .sum()
    };
    assert!(
        listed.iter().any(|e| e["origin"] == "extracted") && sources(&listed) > 60,
        "the corpus gives extracted events and many sources"
    );

    // from the workers' lines, in the order they came and shuffled
    let mut lines = extracted_by_workers(&events, &countries, &articles);
    assert!(lines.iter().any(|l| l.starts_with("{\"article\":")));
    for seed in [0, 7, 2024] {
        if seed > 0 {
            shuffle(&mut lines, seed);
        }
        let o = from_mentions(&events, &countries, &(lines.join("\n") + "\n"));
        assert!(o.status.success(), "{}", text(&o.stderr));
        assert_eq!(text(&o.stderr), "", "no problems");
        let got = text(&o.stdout);
        if got != want {
            let got: Vec<Value> = serde_json::from_str(&got).unwrap();
            assert_eq!(got.len(), listed.len(), "as many events (seed {seed})");
            for (g, w) in got.iter().zip(&listed) {
                assert_eq!(g, w, "seed {seed}");
            }
            panic!("the same events, printed differently (seed {seed})");
        }
    }

    // `extract --for-events` over the folder gives the same lines as the
    // workers did, and they read from a file as from standard input
    let mut args = data_args(&events, &countries);
    args.extend(["extract", "--for-events"].map(OsStr::new));
    args.push(articles.as_os_str());
    let o = run(&args, None);
    assert!(o.status.success(), "{}", text(&o.stderr));
    let mut from_folder: Vec<String> = text(&o.stdout).lines().map(String::from).collect();
    from_folder.sort();
    lines.sort();
    assert_eq!(from_folder, lines);
    let file = tmp.path().join("mentions.jsonl");
    std::fs::write(&file, text(&o.stdout)).unwrap();
    let mut args = data_args(&events, &countries);
    args.extend([
        "events".as_ref(),
        "--from-mentions".as_ref(),
        file.as_os_str(),
    ]);
    let o = run(&args, None);
    assert!(o.status.success(), "{}", text(&o.stderr));
    assert_eq!(text(&o.stdout), want);
}

#[test]
fn the_bundled_articles_give_the_local_events() {
    let root = common::root();
    let (events, countries) = (root.join("events.toml"), root.join("assets/countries.toml"));
    let articles = root.join("assets/articles");
    let want = local(&events, &countries, &articles);
    let mut lines = extracted_by_workers(&events, &countries, &articles);
    shuffle(&mut lines, 3);
    let o = from_mentions(&events, &countries, &(lines.join("\n") + "\n"));
    assert!(o.status.success(), "{}", text(&o.stderr));
    assert_eq!(text(&o.stdout), want);
}

#[test]
fn mentions_of_an_article_no_line_describes_are_reported_and_skipped() {
    let root = common::root();
    let (events, countries) = (root.join("events.toml"), root.join("assets/countries.toml"));
    let articles = root.join("assets/articles");
    let lines = extracted_by_workers(&events, &countries, &articles);
    // leave out the article line of an article with mentions and links
    let (gone, name) = lines
        .iter()
        .enumerate()
        .find_map(|(i, l)| {
            let v: Value = serde_json::from_str(l).unwrap();
            (v["mentions"].as_u64() > Some(2) && !v["links"].as_array()?.is_empty())
                .then(|| (i, v["article"]["file"].as_str().unwrap().to_string()))
        })
        .expect("an article with mentions and links");
    let kept: Vec<&str> = lines
        .iter()
        .enumerate()
        .filter(|&(i, _)| i != gone)
        .map(|(_, l)| l.as_str())
        .collect();
    let first_mention = kept
        .iter()
        .position(|l| l.contains(&format!("\"file\":\"{name}\"")) && !l.starts_with("{\"article\""))
        .expect("its mentions are there")
        + 1;
    let o = from_mentions(&events, &countries, &(kept.join("\n") + "\n"));
    assert!(o.status.success(), "{}", text(&o.stderr));
    let err = text(&o.stderr);
    assert!(
        err.contains(&format!("<stdin>:{first_mention}:1: warning: "))
            && err.contains(&format!(
                "of article `{name}`, which no article line describes; skipped"
            )),
        "{err}"
    );
    // the events are those of a local load without that article
    let tmp = tempfile::tempdir().unwrap();
    for f in std::fs::read_dir(&articles).unwrap() {
        let f = f.unwrap().path();
        if f.file_name().unwrap().to_string_lossy() != name {
            std::fs::copy(&f, tmp.path().join(f.file_name().unwrap())).unwrap();
        }
    }
    let without = local(&events, &countries, tmp.path());
    assert_eq!(text(&o.stdout), without);
    assert_ne!(without, local(&events, &countries, &articles));

    // an article line whose mention lines are missing is named too
    let partial: Vec<&str> = lines
        .iter()
        .filter(|l| !(l.contains(&format!("\"file\":\"{name}\"")) && l.starts_with("{\"file\"")))
        .map(String::as_str)
        .collect();
    let o = from_mentions(&events, &countries, &(partial.join("\n") + "\n"));
    assert!(o.status.success(), "{}", text(&o.stderr));
    assert!(
        text(&o.stderr).contains(&format!("article `{name}` has ")),
        "{}",
        text(&o.stderr)
    );
}

#[test]
fn malformed_lines_are_errors_naming_the_line() {
    let root = common::root();
    let (events, countries) = (root.join("events.toml"), root.join("assets/countries.toml"));
    let articles = root.join("assets/articles");
    let mut lines = extracted_by_workers(&events, &countries, &articles);
    lines.insert(4, "{\"file\": \"x.txt\", \"start\": \"twelve\"".into());
    lines.insert(9, "not json at all".into());
    lines.insert(11, "{\"file\": \"x.txt\", \"start\": 1}".into());
    lines.insert(12, "{\"article\": {\"file\": \"y.txt\"}}".into());
    let o = from_mentions(&events, &countries, &(lines.join("\n") + "\n"));
    assert_eq!(o.status.code(), Some(2), "{}", text(&o.stderr));
    assert_eq!(text(&o.stdout), "", "nothing is written");
    let err = text(&o.stderr);
    for (n, what) in [
        (5, "error: not JSON"),
        (10, "error: not JSON"),
        (12, "error: not a mention line: missing field"),
        (13, "error: not an article line: missing field `mentions`"),
    ] {
        assert!(err.contains(&format!("<stdin>:{n}:")), "line {n}: {err}");
        let line = err
            .lines()
            .find(|l| l.starts_with(&format!("<stdin>:{n}:")))
            .unwrap();
        assert!(line.contains(what), "{line}");
    }
    assert!(err.contains("no events were written"), "{err}");

    // a missing file is named
    let mut args = data_args(&events, &countries);
    args.extend(["events", "--from-mentions", "/nonexistent/m.jsonl"].map(OsStr::new));
    let o = run(&args, None);
    assert_eq!(o.status.code(), Some(2));
    assert!(text(&o.stderr).contains("/nonexistent/m.jsonl"));
}
