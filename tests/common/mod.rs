//! Fixtures shared by the export tests: the bundled data, a fixed selection
//! from it, a fixed clock, and a small timeline of awkward events.

#![allow(dead_code)]

#[path = "../spawn/mod.rs"]
pub mod spawn;

use std::ffi::OsStr;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Output, Stdio};
use std::sync::Arc;

use annals::export::ExportContext;
use annals::gazetteer::Gazetteer;
use annals::loader::{self, Loaded, Sources};
use annals::model::{ArticleKind, ArticleMeta, Event, Names, Origin, Source};
use annals::timeline::Timeline;
use chrono::{TimeZone, Utc};

pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// `../shared` beside the checkout, when it is there.
pub fn shared() -> Option<PathBuf> {
    let p = root().join("../shared");
    p.is_dir().then_some(p)
}

/// Runs the real binary in `dir` with `args`.
pub fn annals(dir: &Path, args: &[&str]) -> Output {
    annals_fed(dir, args, None, 100)
}

/// Runs the real binary in `dir` with `args`, `input` (when there is one) on
/// its standard input, and `COLUMNS` set to `columns`.
pub fn annals_fed<S: AsRef<OsStr>>(
    dir: &Path,
    args: &[S],
    input: Option<&str>,
    columns: u16,
) -> Output {
    let mut child = spawn::annals_command()
        .current_dir(dir)
        .args(args)
        .env("COLUMNS", columns.to_string())
        .stdin(if input.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the annals binary runs");
    // written from a thread of its own: annals streams, so its output may
    // fill the pipe before all the input is written
    let writer = match (input, child.stdin.take()) {
        (Some(input), Some(mut stdin)) => {
            let input = input.to_string();
            Some(std::thread::spawn(move || {
                // a program that stops reading early closes the pipe: what it
                // did with the rest is the test's to check, so a failed write
                // is fine
                let _ = stdin.write_all(input.as_bytes());
            }))
        }
        _ => None,
    };
    let out = child
        .wait_with_output()
        .expect("the annals binary finishes");
    if let Some(w) = writer {
        w.join().expect("the writing thread ends");
    }
    out
}

/// A folder `articles` in `dir` holding copies of the bundled articles, for
/// tests that add to them or change them.
pub fn bundled_articles_in(dir: &Path) -> PathBuf {
    let out = dir.join("articles");
    std::fs::create_dir_all(&out).unwrap();
    for entry in std::fs::read_dir(root().join("assets/articles")).unwrap() {
        let p = entry.unwrap().path();
        std::fs::copy(&p, out.join(p.file_name().unwrap())).unwrap();
    }
    out
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// The data shipped in the repository: events.toml, the gazetteer and the seed
/// articles, named by path so the test does not depend on its folder.
pub fn bundled() -> Loaded {
    let r = root();
    loader::load(&Sources {
        events: Some(r.join("events.toml")),
        articles: vec![r.join("assets/articles")],
        countries: Some(r.join("assets/countries.toml")),
        ..Default::default()
    })
    .expect("the bundled data loads")
}

pub fn gazetteer() -> Gazetteer {
    let path = root().join("assets/countries.toml");
    let text = std::fs::read_to_string(&path).expect("gazetteer");
    Gazetteer::from_toml(&path, &text).expect("gazetteer parses")
}

/// Ids of the fixed selection: a year, a day with an end and sources, a month,
/// a range across years, and a month with a source.
pub const SELECTION: [&str; 6] = [
    "armenian-genocide-1915",
    "russia-interference-2016",
    "coup-attempt-2016",
    "cavusoglu-nato-exit-remark-2016",
    "euphrates-shield-2016",
    "bahceli-nato-withdrawal-2021",
];

/// The fixed selection, plus the first event found in an article, given in an
/// order other than the timeline's.
pub fn selection(t: &Timeline) -> Vec<usize> {
    let mut v: Vec<usize> = SELECTION
        .iter()
        .map(|id| {
            t.index_of(id)
                .unwrap_or_else(|| panic!("{id} is in events.toml"))
        })
        .collect();
    if let Some(i) = t.iter().position(|e| e.is_extracted()) {
        v.push(i);
    }
    v.reverse();
    v
}

/// A fixed export time so that snapshots do not change.
pub fn ctx(description: &str) -> ExportContext {
    ExportContext::new(
        description,
        Utc.with_ymd_and_hms(2026, 1, 15, 9, 30, 0)
            .single()
            .expect("valid"),
    )
}

fn article(
    file: &str,
    outlet: Option<&str>,
    title: Option<&str>,
    url: Option<&str>,
) -> Arc<ArticleMeta> {
    Arc::new(ArticleMeta {
        file: file.into(),
        title: title.map(Into::into),
        source: outlet.map(Into::into),
        author: None,
        published: Some("2021-05-03".parse().expect("date")),
        kind: Some(ArticleKind::News),
        url: url.map(Into::into),
        ..Default::default()
    })
}

fn event(id: &str, date: &str, title: &str) -> Event {
    Event {
        id: id.into(),
        ..Event::bare(date.parse().expect("fixture date"), title)
    }
}

/// Events whose text would break a careless writer: commas, quotes, newlines,
/// formula starts, Markdown and HTML, iCalendar separators, long non-ASCII
/// text, and every precision.
pub fn tricky_events() -> Vec<Event> {
    let wire = article(
        "wire.txt",
        Some("Wire, \"Daily\"; Edition"),
        Some("Talks <b>resume</b> & *stall*"),
        Some("https://example.org/news?id=1&x=2"),
    );
    let blog = article("odd_blog.md", None, None, Some("javascript:alert(1)"));
    let mut a = event(
        "quote-comma-2016",
        "2016-07-15",
        "Talks in Ankara, \"Moscow\" and Tehran\nsecond line",
    );
    a.summary = "First line; with a semicolon, a comma and a back\\slash.\nSecond line.".into();
    a.countries = Names::from(["TR", "RU", "IR"]);
    a.actors = Names::from(["Smith | Jones", "O'Brien"]);
    a.tags = Names::from(["diplomacy", "a,b;c"]);
    a.sources = vec![Source {
        article: wire.clone(),
        start: 10,
        end: 20,
        text: "15 July".into(),
        dated: true,
        sentence: "On 15 July, the \"talks\" began; nobody < expected > them.".into(),
        sentence_start: 0,
        why: Default::default(),
    }];
    let mut b = event(
        "formula-2017",
        "2017-03",
        "=HYPERLINK(\"http://x\",\"click\")",
    );
    b.summary = "-2+3 is not a formula here".into();
    b.actors = Names::from(["@handle", "+plus"]);
    b.countries = Names::from(["SY"]);
    let mut c = event(
        "markdown-2018",
        "2018",
        "*Bold* _claim_ [link](http://x) <script>alert(1)</script> # not a heading",
    );
    c.summary =
        "1. Not a list\n- nor this <script>alert(1)</script> **bold** [link](http://x) _em_".into();
    c.tags = Names::from(["media"]);
    c.sources = vec![Source {
        article: blog,
        start: 0,
        end: 4,
        text: "2018".into(),
        dated: true,
        sentence: "In 2018 the `code` and ![img](x) stayed **text**.".into(),
        sentence_start: 0,
        why: Default::default(),
    }];
    let mut d = event("Unicode Ünïcødé 2019", "2019-SU", "Çavuşoğlu’s long speech");
    d.summary = "Ğ".repeat(60) + " — " + &"日本語".repeat(20);
    d.end = Some("2019-FA".parse().expect("season"));
    d.origin = Origin::Extracted;
    d.sources = vec![Source {
        article: wire,
        start: 30,
        end: 40,
        text: "summer".into(),
        dated: true,
        sentence: "Over the summer, Çavuşoğlu spoke at length.".into(),
        sentence_start: 25,
        why: Default::default(),
    }];
    let e = event("week-1998", "1998-W32", "A week in 1998");
    let f = event("decade-199", "199", "The 1990s");
    let g = event("quarter-2020", "2020-Q3", "Third quarter\r\nwith CRLF");
    vec![a, b, c, d, e, f, g]
}

pub fn tricky() -> Timeline {
    Timeline::new(tricky_events(), gazetteer())
}

/// Indexes of every event of a timeline.
pub fn all(t: &Timeline) -> Vec<usize> {
    (0..t.len()).collect()
}

/// Reads a file as text, naming it on failure.
pub fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The files in `dir`, sorted (none when it cannot be read).
pub fn files_in(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|rd| rd.map(|e| e.unwrap().path()).collect())
        .unwrap_or_default();
    files.sort();
    files
}
