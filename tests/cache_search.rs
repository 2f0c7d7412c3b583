//! The cached search index of a catalog (`annals list --query` over a catalog
//! and no article): a warm query prints exactly what a load prints, with
//! every filter and in both formats; a damaged search file is rebuilt with
//! one warning; a changed catalog is read again; a load with articles
//! has a search file of its own.

mod common;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Output;

use annals::cache::{Kind, Reader};

/// A JSON catalog of `n` events, varied in every field a filter or query
/// reads: titles, actors, aliases and tags (some non-ASCII), summaries,
/// dates of each precision, spans, countries, statuses and confidences, and
/// two problems (a duplicate id, an unknown country).
fn catalog(n: usize) -> String {
    const WORDS: [&str; 12] = [
        "gas",
        "Turkey",
        "signs",
        "S-400",
        "Çavuşoğlu",
        "pipeline",
        "talks",
        "İstanbul",
        "ceasefire",
        "Straße",
        "sanctions",
        "deal",
    ];
    const COUNTRIES: [&str; 5] = ["TR", "RU", "US", "DE", "SY"];
    const DATES: [&str; 6] = [
        "2016-10-10",
        "2017-03",
        "2015",
        "2017-W10",
        "2016-Q3",
        "2018-05-02",
    ];
    let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut next = |below: usize| {
        seed = seed
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        ((seed >> 33) as usize) % below
    };
    let mut out = String::from("[\n");
    for i in 0..n {
        let mut words = |k: usize| -> String {
            (0..k)
                .map(|_| WORDS[next(WORDS.len())])
                .collect::<Vec<_>>()
                .join(" ")
        };
        let title = words(2 + i % 3);
        let summary = if i % 4 == 0 { String::new() } else { words(6) };
        let actor = words(1);
        let alias = words(2);
        let tag = ["energy", "Energy", "defence", "Ünlü"][i % 4];
        let date = DATES[i % DATES.len()];
        let end = if i % 7 == 0 {
            ", \"end\": \"2019-01\""
        } else {
            ""
        };
        let c1 = COUNTRIES[i % COUNTRIES.len()];
        let c2 = COUNTRIES[(i / 3) % COUNTRIES.len()];
        let extracted = if i % 5 == 0 {
            let status = ["happened", "expected", "mentioned"][i % 3];
            format!(
                ", \"origin\": \"extracted\", \"status\": \"{status}\", \"confidence\": 0.{}",
                3 + i % 6
            )
        } else {
            String::new()
        };
        out.push_str(&format!(
            "{{\"id\": \"e{i}\", \"date\": \"{date}\"{end}, \"title\": \"{title}\", \
             \"summary\": \"{summary}\", \"countries\": [\"{c1}\", \"{c2}\"], \
             \"actors\": [\"{actor}\"], \"aliases\": [\"{alias}\"], \"tags\": [\"{tag}\"]{extracted}}},\n"
        ));
    }
    out.push_str(
        "{\"id\": \"e1\", \"date\": \"2016\", \"title\": \"A second e1\"},\n\
         {\"id\": \"odd\", \"date\": \"2016\", \"title\": \"Gas in XX\", \"countries\": [\"XX\"]}\n]",
    );
    out
}

struct Setup {
    _tmp: tempfile::TempDir,
    events: PathBuf,
    empty: PathBuf,
    home: PathBuf,
}

fn setup(n: usize) -> Setup {
    let tmp = tempfile::tempdir().unwrap();
    let events = tmp.path().join("events.json");
    fs::write(&events, catalog(n)).unwrap();
    let empty = tmp.path().join("no-articles");
    fs::create_dir_all(&empty).unwrap();
    let home = tmp.path().join("xdg");
    Setup {
        events,
        empty,
        home,
        _tmp: tmp,
    }
}

impl Setup {
    fn folder(&self) -> PathBuf {
        self.home.join("annals")
    }

    /// `annals [--no-cache] --events … --articles … list ARGS`.
    fn list(&self, cached: bool, args: &[&str]) -> Output {
        let mut all = vec![
            "--events",
            self.events.to_str().unwrap(),
            "--articles",
            self.empty.to_str().unwrap(),
        ];
        if !cached {
            all.push("--no-cache");
        }
        all.push("list");
        all.extend(args);
        let o = common::spawn::annals_command()
            .current_dir(common::root())
            .args(&all)
            .env("XDG_CACHE_HOME", &self.home)
            .env("COLUMNS", "100")
            .env_remove("HOME")
            .output()
            .unwrap();
        assert!(o.status.success(), "{all:?}: {}", common::stderr(&o));
        o
    }
}

fn file_of(dir: &Path, kind: Kind) -> Option<PathBuf> {
    let mut found: Vec<PathBuf> = common::files_in(dir)
        .into_iter()
        .filter(|p| Reader::open(p).is_ok_and(|r| r.kind() == kind))
        .collect();
    assert!(found.len() <= 1, "{kind:?} in {:?}", common::files_in(dir));
    found.pop()
}

/// The cache files in `folder` with their inodes. A catalog alone is kept
/// in its search file only; a run that did not use that file would write it
/// again, under a new inode (files are renamed into place), so a snapshot
/// that does not change shows that every run in between used it.
fn snapshot(folder: &Path) -> Vec<(PathBuf, u64)> {
    use std::os::unix::fs::MetadataExt;
    let files: Vec<(PathBuf, u64)> = common::files_in(folder)
        .into_iter()
        .map(|p| {
            let inode = fs::metadata(&p).unwrap().ino();
            (p, inode)
        })
        .collect();
    assert_eq!(files.len(), 1, "one file, the search file: {files:?}");
    assert!(file_of(folder, Kind::Search).is_some());
    files
}

#[test]
fn a_warm_query_prints_what_a_load_prints_with_every_filter_and_format() {
    let s = setup(600);
    let cases: &[&[&str]] = &[
        &["--query", "gas"],
        &["--query", "g"],
        &["--query", "zzqxv"],
        &["--query", "çavuş"],
        &["--query", "CAVUSOGLU"],
        &["--query", "istanbul straße"],
        &["--query", "s-400 turkey"],
        &["--query", "sgns"],
        &["--query", "gas", "--country", "TR"],
        &["--query", "gas", "--country", "TR,RU", "--all-countries"],
        &["--query", "deal", "--country", "XX,TR"],
        &["--query", "talks", "--from", "2016-07", "--to", "2017-06"],
        &["--query", "pipe", "--from", "2018"],
        &["--query", "gas", "--status", "expected,mentioned"],
        &["--query", "gas", "--min-confidence", "0.5"],
        &["--query", "sanctions", "--curated-only"],
        &["--query", "deal", "--tag", "energy"],
        &["--query", "deal", "--tag", "energy,ünlü", "--country", "DE"],
    ];
    let mut kept = None;
    for case in cases {
        for format in ["table", "json"] {
            let mut args = case.to_vec();
            args.extend(["--format", format]);
            let plain = s.list(false, &args);
            let cached = s.list(true, &args);
            // the first query wrote the search file; every run after it
            // reads it, and none writes it again
            kept.get_or_insert_with(|| snapshot(&s.folder()));
            let warm = s.list(true, &args);
            for o in [&cached, &warm] {
                assert_eq!(common::stdout(o), common::stdout(&plain), "{args:?}");
                assert_eq!(common::stderr(o), common::stderr(&plain), "{args:?}");
            }
        }
    }
    // the problems of the catalog are printed as a load prints them
    let o = s.list(true, &["--query", "gas"]);
    let err = common::stderr(&o);
    assert!(err.contains("e1") && err.contains("XX"), "{err}");
    // some queries match many events, some none
    let counts: Vec<usize> = ["g", "zzqxv"]
        .iter()
        .map(|q| {
            let o = s.list(true, &["--query", q, "--format", "json"]);
            common::stdout(&o).matches("\"id\":").count()
        })
        .collect();
    assert!(counts[0] > 300 && counts[1] == 0, "{counts:?}");
    assert_eq!(Some(snapshot(&s.folder())), kept);
}

/// Damages the search file with `damage`, then checks that the next query
/// warns once about it, prints what a load prints, and that the query after
/// it uses the rebuilt file without a warning.
fn damaged_search_file_is_rebuilt(damage: impl Fn(&Path), why: &str) {
    let s = setup(300);
    let args = ["--query", "gas turkey", "--format", "json"];
    let plain = s.list(false, &args);
    s.list(true, &args);
    let file = file_of(&s.folder(), Kind::Search).expect("a search file");
    damage(&file);
    let after = s.list(true, &args);
    assert_eq!(common::stdout(&after), common::stdout(&plain));
    let err = common::stderr(&after);
    assert_eq!(
        err.matches("annals: warning: the cache file").count(),
        1,
        "{err}"
    );
    assert!(
        err.contains("could not be used") && err.contains(why) && err.contains("it is rebuilt"),
        "{why}: {err}"
    );
    // the rebuilt file answers the next query, without a warning
    assert!(Reader::open(&file).is_ok_and(|r| r.kind() == Kind::Search));
    let kept = snapshot(&s.folder());
    let next = s.list(true, &args);
    assert_eq!(common::stdout(&next), common::stdout(&plain));
    assert_eq!(common::stderr(&next), common::stderr(&plain));
    assert_eq!(snapshot(&s.folder()), kept);
}

fn rewrite(file: &Path, change: impl Fn(&mut Vec<u8>)) {
    let mut bytes = fs::read(file).unwrap();
    change(&mut bytes);
    fs::write(file, bytes).unwrap();
}

#[test]
fn a_truncated_or_flipped_search_file_is_rebuilt_with_one_warning() {
    damaged_search_file_is_rebuilt(|f| rewrite(f, |b| b.truncate(b.len() / 2)), "truncated");
    damaged_search_file_is_rebuilt(|f| rewrite(f, |b| b.truncate(30)), "truncated");
    damaged_search_file_is_rebuilt(
        |f| {
            rewrite(f, |b| {
                let at = b.len() - 9;
                b[at] ^= 0x20;
            })
        },
        "checksum",
    );
}

#[test]
fn a_search_file_of_another_format_or_a_foreign_file_is_rebuilt() {
    damaged_search_file_is_rebuilt(
        |f| {
            rewrite(f, |b| {
                b[8..12].copy_from_slice(&(annals::cache::FORMAT + 1).to_le_bytes())
            })
        },
        "format",
    );
    damaged_search_file_is_rebuilt(
        |f| fs::write(f, b"<!doctype html><title>not a cache</title>".repeat(4)).unwrap(),
        "not an annals cache file",
    );
}

/// The search file rewritten with its entries changed by `change` (a key's
/// first byte is the section: 0x20 events, 0x21 event ends and checksums, 0x10 to 0x19 the stored index; the all-zero key is the
/// count and problems, the all-0xFF one the catalog's hash), with checksums
/// that hold for the new bytes.
fn reencode(file: &Path, change: impl Fn(&[u8; 16], &mut Vec<u8>)) {
    let r = Reader::open(file).unwrap();
    let keys: Vec<[u8; 16]> = r.keys().collect();
    for section in [0u8, 0x20, 0x21, 0x13, 0xFF] {
        assert!(keys.iter().any(|k| k[0] == section), "section {section}");
    }
    let blobs: Vec<Vec<u8>> = keys
        .iter()
        .map(|k| {
            let mut b = r.get(k).unwrap().to_vec();
            change(k, &mut b);
            b
        })
        .collect();
    let entries: Vec<([u8; 16], &[u8])> = keys
        .iter()
        .copied()
        .zip(blobs.iter().map(|b| &b[..]))
        .collect();
    let bytes = annals::cache::encode(Kind::Search, &r.context(), &entries);
    drop(r);
    fs::write(file, bytes).unwrap();
}

#[test]
fn a_search_file_whose_checksum_holds_but_whose_content_does_not_is_rebuilt() {
    // every end of an event past its entry
    damaged_search_file_is_rebuilt(
        |f| {
            reencode(f, |k, b| {
                if k[0] == 0x21 {
                    for end in b.chunks_exact_mut(12) {
                        end[..4].copy_from_slice(&u32::MAX.to_le_bytes());
                    }
                }
            })
        },
        "points outside",
    );
    // tokens of the stored index that are no UTF-8
    damaged_search_file_is_rebuilt(
        |f| {
            reencode(f, |k, b| {
                if k[0] == 0x13 && k[15] == 0 {
                    b.iter_mut().for_each(|x| *x = 0xff);
                }
            })
        },
        "not UTF-8",
    );
    // events that are not the ones their checksums were taken of
    damaged_search_file_is_rebuilt(
        |f| {
            reencode(f, |k, b| {
                if k[0] == 0x20 {
                    b.iter_mut().for_each(|x| *x = 0xff);
                }
            })
        },
        "checksum of event",
    );
    // more events counted than the entries hold
    damaged_search_file_is_rebuilt(
        |f| {
            reencode(f, |k, b| {
                if *k == [0; 16] {
                    b[0] = b[0].wrapping_add(100);
                }
            })
        },
        "",
    );
}

#[test]
fn a_damaged_event_is_caught_when_a_query_reads_it_and_only_then() {
    let s = setup(300);
    let json = |o: &Output| -> Vec<serde_json::Value> {
        serde_json::from_str(&common::stdout(o)).unwrap()
    };
    // the first event of the timeline, and a query that matches it
    let all = s.list(false, &["--format", "json"]);
    let first_title = json(&all)[0]["title"].as_str().unwrap().to_string();
    let word = first_title.split(' ').next().unwrap().to_lowercase();
    let matching = ["--query", &word, "--format", "json"];
    let other = ["--query", "zzqxv", "--format", "json"];
    let (plain_matching, plain_other) = (s.list(false, &matching), s.list(false, &other));
    assert!(!json(&plain_matching).is_empty());
    s.list(true, &matching);
    let file = file_of(&s.folder(), Kind::Search).expect("a search file");
    // one byte of the first event flipped; the entry's own checksum made to
    // hold, so that only the event's checksum can tell
    reencode(&file, |k, b| {
        if k[0] == 0x20 && k[15] == 0 {
            b[1] ^= 0x04;
        }
    });
    // a query that does not read the event does not notice
    let o = s.list(true, &other);
    assert_eq!(common::stdout(&o), common::stdout(&plain_other));
    assert_eq!(common::stderr(&o), common::stderr(&plain_other));
    // one that matches it warns once, prints what a load prints, and
    // rebuilds the file
    let o = s.list(true, &matching);
    assert_eq!(common::stdout(&o), common::stdout(&plain_matching));
    let err = common::stderr(&o);
    assert_eq!(
        err.matches("annals: warning: the cache file").count(),
        1,
        "{err}"
    );
    assert!(err.contains("checksum of event 0"), "{err}");
    let o = s.list(true, &matching);
    assert_eq!(common::stderr(&o), common::stderr(&plain_matching));
}

#[test]
fn an_edited_catalog_is_read_again_and_articles_have_a_search_file_of_their_own() {
    let s = setup(200);
    let args = ["--query", "renamed", "--format", "json"];
    s.list(true, &args);
    assert!(file_of(&s.folder(), Kind::Search).is_some());
    let text = fs::read_to_string(&s.events).unwrap().replacen(
        "\"title\": \"",
        "\"title\": \"Renamed ",
        3,
    );
    fs::write(&s.events, text).unwrap();
    let plain = s.list(false, &args);
    assert_eq!(common::stdout(&plain).matches("\"id\":").count(), 3);
    let warm = s.list(true, &args);
    assert_eq!(common::stdout(&warm), common::stdout(&plain));
    assert_eq!(common::stderr(&warm), common::stderr(&plain));
    let again = s.list(true, &args);
    assert_eq!(common::stdout(&again), common::stdout(&plain));

    // with an article, the timeline is not the catalog alone: its file is
    // named by the articles too, and the catalog and the article have files
    // of their own
    let s = setup(50);
    fs::write(
        s.empty.join("talks.txt"),
        "+++\npublished = 2017-03-03\n+++\nTurkey and Russia signed a gas deal on 10 October 2016.\n",
    )
    .unwrap();
    let args = ["--query", "gas", "--format", "json"];
    let plain = s.list(false, &args);
    for _ in 0..2 {
        let o = s.list(true, &args);
        assert_eq!(common::stdout(&o), common::stdout(&plain));
        assert_eq!(common::stderr(&o), common::stderr(&plain));
    }
    assert_eq!(common::files_in(&s.folder()).len(), 3);
    for kind in [Kind::Search, Kind::Catalog, Kind::Articles] {
        assert!(file_of(&s.folder(), kind).is_some(), "{kind:?}");
    }
}

#[test]
fn a_catalog_named_without_articles_is_answered_from_the_search_file() {
    // a catalog named with --events is read alone (no default articles)
    let s = setup(120);
    let run = |cached: bool| {
        let mut args = vec!["--events", s.events.to_str().unwrap()];
        if !cached {
            args.push("--no-cache");
        }
        args.extend(["list", "--query", "deal", "--country", "TR"]);
        common::spawn::annals_command()
            .current_dir(common::root())
            .args(&args)
            .env("XDG_CACHE_HOME", &s.home)
            .env("COLUMNS", "100")
            .env_remove("HOME")
            .output()
            .unwrap()
    };
    let plain = run(false);
    assert!(plain.status.success());
    run(true);
    let kept = snapshot(&s.folder());
    let warm = run(true);
    assert_eq!(common::stdout(&warm), common::stdout(&plain));
    assert_eq!(common::stderr(&warm), common::stderr(&plain));
    assert_eq!(snapshot(&s.folder()), kept);
}

/// Sets the modification time of `path` to `t`.
fn set_mtime(path: &Path, t: std::time::SystemTime) {
    fs::File::options()
        .write(true)
        .open(path)
        .unwrap()
        .set_modified(t)
        .unwrap();
}

#[test]
fn a_catalog_edited_with_its_size_and_modification_time_kept_is_read_again() {
    let s = setup(200);
    // last changed an hour ago: the hash the search file remembers with the
    // catalog's stamp is trusted while the stamp holds
    let hour_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
    set_mtime(&s.events, hour_ago);
    let args = ["--query", "quartz", "--format", "json"];
    let plain = s.list(false, &args);
    assert_eq!(common::stdout(&plain).matches("\"id\":").count(), 0);
    s.list(true, &args);
    assert!(file_of(&s.folder(), Kind::Search).is_some());
    // the same length, the same modification time, other words: only the
    // change time (which nothing can set) tells
    let text = fs::read_to_string(&s.events).unwrap();
    let edited = text.replacen("\"title\": \"", "\"title\": \"Quartz ", 2);
    // keep the size: drop as many spaces after colons as letters were added
    let mut edited = edited.into_bytes();
    let mut extra = edited.len() - text.len();
    let mut k = 0;
    while extra > 0 {
        if edited[k] == b':' && edited[k + 1] == b' ' {
            edited.remove(k + 1);
            extra -= 1;
        }
        k += 1;
    }
    assert_eq!(edited.len(), text.len());
    fs::write(&s.events, &edited).unwrap();
    set_mtime(&s.events, hour_ago);
    let plain = s.list(false, &args);
    assert_eq!(common::stdout(&plain).matches("\"id\":").count(), 2);
    let warm = s.list(true, &args);
    assert_eq!(common::stdout(&warm), common::stdout(&plain));
    assert_eq!(common::stderr(&warm), common::stderr(&plain));
}
