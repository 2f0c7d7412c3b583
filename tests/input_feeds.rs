//! Feeds in the versions the shared samples lack (RSS 0.91, 0.92 and 1.0,
//! JSON Feed), from `tests/fixtures/feeds`: each item is an article with its
//! title, link, date, author and its content with the markup stripped; a
//! feed that is not XML or JSON is an error at its file, line and column.

mod spawn;

use spawn::annals_uncached as annals;
use std::path::{Path, PathBuf};

use annals::article::Article;

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/feeds")
}

/// The articles of one fixture feed, read as a folder of articles reads it;
/// the file must read without a problem.
fn items(name: &str) -> Vec<Article> {
    let path = fixtures().join(name);
    let bytes = std::fs::read(&path).expect("fixture");
    let read = annals::input::read_file(&path, &bytes);
    assert!(read.problems.is_empty(), "{name}: {:?}", read.problems);
    for a in &read.articles {
        assert_eq!(a.input, "feed item", "{name}");
    }
    read.articles
}

fn day(a: &Article) -> Option<String> {
    a.meta.published.map(|d| d.to_string())
}

/// The item's text holds `sentence` and nothing of the markup around it.
fn plain(a: &Article, sentence: &str) {
    let text = a.body();
    assert!(text.contains(sentence), "{:?}", text);
    for markup in [
        "<", ">", "&lt;", "&amp;", "track()", "alert(", "color:", "comment",
    ] {
        assert!(!text.contains(markup), "{markup:?} in {text:?}");
    }
}

#[test]
fn rss_0_91_items_are_articles() {
    let a = items("harbour-0.91.rss");
    assert_eq!(a.len(), 2);
    assert_eq!(a[0].meta.file, "harbour-0.91.rss#1");
    assert_eq!(a[0].meta.title.as_deref(), Some("Ferry service resumes"));
    assert_eq!(a[0].meta.source.as_deref(), Some("Harbour Gazette"));
    assert_eq!(
        a[0].meta.url.as_deref(),
        Some("https://harbour.example/2019/04/ferry")
    );
    plain(
        &a[0],
        "The ferry to the island runs again from 12 April 2019, the port office said.",
    );
    // RSS 0.91 items carry no date: the feed gives none
    assert_eq!(day(&a[0]), None);
    assert_eq!(a[0].meta.published_from, None);
    assert_eq!(a[1].meta.title.as_deref(), Some("Lighthouse repainted"));
    plain(&a[1], "Painters finished the lighthouse on 3 April 2019.");
}

#[test]
fn rss_0_92_items_are_articles() {
    let a = items("valley-0.92.xml");
    assert_eq!(a.len(), 1);
    assert_eq!(
        a[0].meta.title.as_deref(),
        Some("Bridge closes for repairs")
    );
    assert_eq!(a[0].meta.source.as_deref(), Some("Valley Courier"));
    assert_eq!(
        a[0].meta.url.as_deref(),
        Some("https://valley.example/bridge")
    );
    plain(&a[0], "The old bridge closes on 2 June 2020 for a month.");
}

#[test]
fn rss_1_0_items_are_articles_with_their_dublin_core_date_and_creator() {
    let a = items("uplands-1.0.rdf");
    assert_eq!(a.len(), 2);
    assert_eq!(
        a[0].meta.title.as_deref(),
        Some("Early harvest after the dry summer")
    );
    assert_eq!(a[0].meta.source.as_deref(), Some("Uplands Weekly"));
    assert_eq!(a[0].meta.author.as_deref(), Some("Owen Field"));
    assert_eq!(
        a[0].meta.url.as_deref(),
        Some("https://uplands.example/2018/08/harvest")
    );
    // 21:30 at UTC-5 is the 8th in UTC; the day is the one the feed wrote
    assert_eq!(day(&a[0]).as_deref(), Some("2018-08-07"));
    assert_eq!(
        a[0].meta.published_from,
        Some(annals::model::DateFrom::Feed)
    );
    // the content, not the summary, and without its style and comment
    plain(
        &a[0],
        "Farmers began the harvest on 6 August 2018, two weeks early.",
    );
    assert!(!a[0].body().contains("summary"), "{}", a[0].body());
    assert_eq!(day(&a[1]).as_deref(), Some("2018-08-08"));
    assert_eq!(a[1].meta.author, None);
    plain(
        &a[1],
        "The weather office warned of gales on 9 August 2018.",
    );
}

#[test]
fn json_feed_items_are_articles() {
    let a = items("coast.json");
    assert_eq!(a.len(), 2);
    assert_eq!(a[0].meta.title.as_deref(), Some("Harbour wall finished"));
    assert_eq!(a[0].meta.source.as_deref(), Some("Coast Radio"));
    assert_eq!(a[0].meta.author.as_deref(), Some("Ria Shore"));
    assert_eq!(
        a[0].meta.url.as_deref(),
        Some("https://coast.example/news/1")
    );
    assert_eq!(day(&a[0]).as_deref(), Some("2022-03-22"));
    plain(
        &a[0],
        "Builders completed the new harbour wall on 21 March 2022.",
    );
    assert_eq!(day(&a[1]).as_deref(), Some("2022-12-01"));
    plain(
        &a[1],
        "The tide tables for 2023 were published on 1 December 2022.",
    );
}

/// `annals articles` on the fixture folder: every item of every version, the
/// JSON Feed among them though `.json` is no article extension of its own.
#[test]
fn a_folder_of_feeds_lists_every_item() {
    let o = annals(&fixtures(), &["articles", "--format", "jsonl", "."]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let rows: Vec<serde_json::Value> = String::from_utf8_lossy(&o.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).expect("a JSON line"))
        .collect();
    let files: Vec<&str> = rows.iter().map(|r| r["file"].as_str().unwrap()).collect();
    assert_eq!(
        files,
        [
            "coast.json#1",
            "coast.json#2",
            "harbour-0.91.rss#1",
            "harbour-0.91.rss#2",
            "uplands-1.0.rdf#1",
            "uplands-1.0.rdf#2",
            "valley-0.92.xml#1",
        ]
    );
    for r in &rows {
        assert_eq!(r["kind"], "feed item", "{r}");
        assert_eq!(r["offsets"], "text", "{r}");
        assert!(r["mentions"].as_u64().unwrap() >= 1, "{r}");
    }
    let uplands = &rows[4];
    assert_eq!(uplands["published"], "2018-08-07");
    assert_eq!(uplands["published_from"], "feed");
    assert_eq!(uplands["author"], "Owen Field");
}

/// Feeds that are not XML or JSON: an error at the file, line and column
/// where they stop being so, a non-zero exit, and the good feed beside them
/// still read.
#[test]
fn a_broken_feed_is_an_error_at_its_line_and_column() {
    let dir = tempfile::tempdir().expect("temp dir");
    let d = dir.path();
    std::fs::write(
        d.join("broken.rss"),
        "<?xml version=\"1.0\"?>\n<rss version=\"2.0\"><channel>\n  <title>T</title>\n  \
         <item><title>x</title></itme>\n</channel></rss>\n",
    )
    .unwrap();
    std::fs::write(
        d.join("broken.json"),
        "{\"version\": \"https://jsonfeed.org/version/1.1\",\n  \"items\": [\n    {\"id\": 1,,}\n  ]\n}\n",
    )
    .unwrap();
    std::fs::write(d.join("notes.xml"), "Minutes of the meeting\n").unwrap();
    std::fs::copy(fixtures().join("valley-0.92.xml"), d.join("valley.xml")).unwrap();
    let o = annals(d, &["articles", "--format", "jsonl", "."]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(
        err.contains("broken.rss:4:25: error: the feed is not well-formed XML"),
        "{err}"
    );
    assert!(
        err.contains("broken.json:3:14: error: the feed is not valid JSON"),
        "{err}"
    );
    assert!(err.contains("notes.xml:1:1: error:"), "{err}");
    assert!(!err.contains("panicked"), "{err}");
    let out = String::from_utf8_lossy(&o.stdout);
    assert_eq!(out.lines().count(), 1, "{out}");
    assert!(out.contains("\"valley.xml#1\""), "{out}");
}

/// An item whose feed gives no date takes a date from its text only when the
/// text opens with a dateline: a date in a running sentence ("runs again from
/// 12 April 2019") is what the item tells, not when it was published.
#[test]
fn an_undated_item_takes_a_dateline_but_not_a_date_in_its_sentences() {
    let dir = tempfile::tempdir().expect("temp dir");
    let fixture = fixtures().join("harbour-0.91.rss");
    let fixture = fixture.to_string_lossy();
    let o = annals(dir.path(), &["articles", "--format", "jsonl", &fixture]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let rows = json_lines(&o);
    assert_eq!(rows.len(), 2);
    for r in &rows {
        assert_eq!(r["published"], serde_json::Value::Null, "{r}");
        assert_eq!(r["published_from"], "none", "{r}");
    }

    let feed = dir.path().join("wire.rss");
    std::fs::write(
        &feed,
        "<rss version=\"0.92\"><channel><title>Wire</title>\n\
         <item><title>Ferry fares</title><description>LONDON, 12 April 2019 -- Fares on the \
         island ferry rise by a tenth from 1 November 2019, the port office said.\
         </description></item>\n\
         <item><title>Quay works</title><description>Works on the quay begin on 3 June 2019, \
         the council said.</description></item>\n\
         </channel></rss>\n",
    )
    .unwrap();
    let o = annals(dir.path(), &["articles", "--format", "jsonl", "wire.rss"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let rows = json_lines(&o);
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[0]["published"], "2019-04-12", "{}", rows[0]);
    assert_eq!(rows[0]["published_from"], "dateline");
    assert_eq!(rows[1]["published"], serde_json::Value::Null, "{}", rows[1]);
    assert_eq!(rows[1]["published_from"], "none");
}

/// The JSON Lines a command printed, one value a line.
fn json_lines(o: &std::process::Output) -> Vec<serde_json::Value> {
    String::from_utf8_lossy(&o.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).expect("json line"))
        .collect()
}
