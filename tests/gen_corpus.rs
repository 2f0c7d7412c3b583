//! The corpus generator (`examples/gen-corpus.rs`, whose work is
//! `synth::write_corpus`) that the benchmarks and the scale figures stand on:
//! the same seed gives the same bytes, its TOML and JSON catalogs hold the
//! same events, and annals reads all of it without a problem.

mod common;
#[path = "../examples/synth/mod.rs"]
mod synth;

use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::process::Output;

fn generate(seed: u64, out: &Path) {
    synth::write_corpus(out, 3000, 40, seed, true).expect("the corpus is written");
}

/// Every file below `dir`, by path relative to it, with its bytes.
fn files(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut out = Vec::new();
    let mut todo = vec![dir.to_path_buf()];
    while let Some(d) = todo.pop() {
        for entry in std::fs::read_dir(&d).unwrap().flatten() {
            let p = entry.path();
            if p.is_dir() {
                todo.push(p);
            } else {
                let rel = p.strip_prefix(dir).unwrap().to_path_buf();
                out.push((rel, std::fs::read(&p).unwrap()));
            }
        }
    }
    out.sort();
    out
}

fn annals(args: &[&OsStr]) -> Output {
    common::annals_fed(&common::root(), args, None, 100)
}

#[test]
fn the_same_seed_gives_the_same_corpus_and_annals_reads_it() {
    let tmp = tempfile::tempdir().unwrap();
    let (a, b, c) = (
        tmp.path().join("a"),
        tmp.path().join("b"),
        tmp.path().join("c"),
    );
    generate(11, &a);
    generate(11, &b);
    generate(12, &c);
    let fa = files(&a);
    assert_eq!(
        fa.len(),
        3 + 40,
        "events.toml, events.json, titles.txt and 40 articles"
    );
    assert!(fa == files(&b), "seed 11 twice gave different bytes");
    let json = |d: &Path| std::fs::read(d.join("events.json")).unwrap();
    assert_ne!(json(&a), json(&c), "seeds 11 and 12 gave the same catalog");

    let titles = std::fs::read_to_string(a.join("titles.txt")).unwrap();
    assert_eq!(titles.lines().count(), 3000);

    // articles of 2 to 8 KB (a paragraph past the size drawn at most)
    for (path, bytes) in &fa {
        if path.starts_with("articles") {
            assert!(
                (2048..9 * 1024).contains(&bytes.len()),
                "{path:?}: {}",
                bytes.len()
            );
        }
    }

    // the TOML and JSON catalogs list the same events, and all of it loads
    let on = |catalog: &str, args: &[&str]| {
        let events = a.join(catalog);
        let arts = a.join("articles");
        let mut all: Vec<&OsStr> = vec![
            "--events".as_ref(),
            events.as_os_str(),
            "--articles".as_ref(),
            arts.as_os_str(),
        ];
        all.extend(args.iter().map(OsStr::new));
        annals(&all)
    };
    let list = |catalog: &str| {
        let o = on(catalog, &["list", "--curated-only", "--format", "json"]);
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        serde_json::from_slice::<serde_json::Value>(&o.stdout).unwrap()
    };
    let from_toml = list("events.toml");
    assert_eq!(from_toml.as_array().map(Vec::len), Some(3000));
    assert_eq!(from_toml, list("events.json"));

    let o = on("events.json", &["check"]);
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(
        o.status.success(),
        "{out}{}",
        String::from_utf8_lossy(&o.stderr)
    );
    assert!(
        out.contains("3000 curated") && out.contains("40 articles"),
        "{out}"
    );
    assert!(out.contains("0 errors, 0 warnings"), "{out}");
    let mentions: usize = out
        .split(", ")
        .find_map(|part| part.strip_suffix(" mentions")?.parse().ok())
        .expect("check counts the mentions");
    assert!(
        mentions >= 40 * 10,
        "the articles' date expressions are found: {out}"
    );
}
