//! The cache of article results and of the loaded timeline: it never
//! changes what a load gives, an edited article is the only one extracted
//! again (and the timeline is built again), a new catalog or gazetteer
//! rebuilds it, a damaged file is rebuilt with one warning, concurrent
//! builders leave a whole file, an unusable folder means no cache, and
//! `--no-cache`, `cache info` and `cache clear` do what they say.

mod common;
mod damage;
mod skip;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Output, Stdio};

use annals::cache::{Kind, Reader};
use annals::loader::{self, Loaded, Sources};

/// A folder of articles: the repository's seed articles and a few more made
/// here, one of them with a problem (an unknown front matter key) so that
/// problems go through the cache too.
fn articles(dir: &Path) -> PathBuf {
    let out = common::bundled_articles_in(dir);
    fs::write(
        out.join("talks.txt"),
        "+++\npublished = 2017-03-03\n+++\nTalks on Syria opened in Astana on Friday. \
         Turkey and Russia signed a gas deal on 10 October 2016, officials said.\n",
    )
    .unwrap();
    fs::write(
        out.join("odd.md"),
        "+++\npublished = 2018-05-02\nmood = \"grim\"\n+++\nTwo days later, on 4 May 2018, \
         the ministers met again in Moscow.\n",
    )
    .unwrap();
    out
}

fn sources(articles: &Path) -> Sources {
    let root = common::root();
    Sources {
        events: Some(root.join("events.toml")),
        articles: vec![articles.to_path_buf()],
        countries: Some(root.join("assets/countries.toml")),
        ..Default::default()
    }
}

fn load(sources: &Sources, cache: Option<&Path>) -> Loaded {
    loader::load_using(sources, cache, &|_| {}, &|_, _| {}).unwrap()
}

/// Asserts that two loads gave the same events, mentions, problems and counts.
fn assert_same(a: &Loaded, b: &Loaded) {
    assert_same_timeline(a, b);
    assert_eq!(a.mentions, b.mentions);
}

/// Asserts that two loads gave the same events, problems, counts and article
/// rows (what a load read from the timeline file gives: no mentions).
fn assert_same_timeline(a: &Loaded, b: &Loaded) {
    let events = |l: &Loaded| {
        l.timeline
            .iter()
            .map(|e| e.into_owned())
            .collect::<Vec<_>>()
    };
    assert_eq!(events(a), events(b));
    assert_eq!(a.problems, b.problems);
    assert_eq!(a.stats, b.stats);
    assert_eq!(a.articles, b.articles);
    assert_eq!(a.timeline.len(), b.timeline.len());
    // the indexes built from the stored order answer as the sorted ones
    let filter = annals::filter::Filter {
        countries: vec!["TR".into()],
        from: "2016".parse().ok(),
        ..Default::default()
    };
    assert_eq!(a.timeline.filter(&filter), b.timeline.filter(&filter));
    for e in a.timeline.iter() {
        assert_eq!(
            a.timeline.index_of(&e.id),
            b.timeline.index_of(&e.id),
            "{}",
            e.id
        );
    }
}

/// The sources asking for the timeline alone, as the command line asks: only
/// such loads read the timeline file, which keeps no mentions.
fn only(sources: &Sources) -> Sources {
    Sources {
        timeline_only: true,
        ..sources.clone()
    }
}

/// A load through the cache that then writes the timeline file, as the
/// command line does once the data is shown.
fn fill(sources: &Sources, cache: &Path) -> Loaded {
    let loaded = load(sources, Some(cache));
    assert!(loaded.cache_to_write());
    assert_eq!(loaded.write_cache(), None);
    loaded
}

/// The one cache file in `dir` that holds `kind` (articles' results or a
/// parsed catalog).
fn file_of(dir: &Path, kind: Kind) -> PathBuf {
    let mut found: Vec<PathBuf> = common::files_in(dir)
        .into_iter()
        .filter(|p| Reader::open(p).is_ok_and(|r| r.kind() == kind))
        .collect();
    assert_eq!(found.len(), 1, "{kind:?} in {:?}", common::files_in(dir));
    found.pop().unwrap()
}

#[test]
fn a_cached_load_equals_a_load_without_the_cache() {
    let tmp = tempfile::tempdir().unwrap();
    let s = sources(&articles(tmp.path()));
    let cache = tmp.path().join("cache");
    let plain = load(&s, None);
    assert!(plain.stats.articles == 6 && plain.stats.links > 0 && plain.stats.extracted > 0);
    assert!(
        plain
            .problems
            .iter()
            .any(|p| p.to_string().contains("odd.md"))
    );
    assert_eq!(plain.cache, Default::default(), "no cache, no report");

    let cold = load(&s, Some(&cache));
    assert_same(&plain, &cold);
    assert_eq!((cold.cache.reused, cold.cache.extracted), (0, 6));
    assert_eq!(cold.cache.warning, None);
    // the articles' results, and the catalog's events
    assert_eq!(common::files_in(&cache).len(), 2);
    file_of(&cache, Kind::Articles);
    assert!(!cold.cache.catalog);

    let warm = load(&s, Some(&cache));
    assert_same(&plain, &warm);
    assert_eq!((warm.cache.reused, warm.cache.extracted), (6, 0));
    assert_eq!(warm.cache.warning, None);
    assert!(warm.cache.catalog);
}

#[test]
fn pages_and_feeds_go_through_the_cache_as_they_were_read() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("mixed");
    fs::create_dir_all(&dir).unwrap();
    fs::write(
        dir.join("page.html"),
        "<html><head><title>Harbour talks</title>\
         <meta property=\"article:published_time\" content=\"2019-03-04T10:00:00Z\"></head>\
         <body><article><p>The council met on 2 March 2019 to discuss the harbour, which had \
         been closed since the storm of the winter before.</p></article></body></html>",
    )
    .unwrap();
    let items: String = (1..=11)
        .map(|i| {
            format!(
                "<item><title>Item {i}</title><pubDate>Tue, {i:02} Mar 2020 10:00:00 GMT</pubDate>\
                 <description>&lt;p&gt;Talks resumed on {i} March 2020.&lt;/p&gt;</description></item>"
            )
        })
        .collect();
    fs::write(
        dir.join("news.rss"),
        format!("<rss version=\"2.0\"><channel><title>Harbour News</title>{items}</channel></rss>"),
    )
    .unwrap();
    fs::write(dir.join("broken.xml"), "<rss><channel><item></channel>").unwrap();
    let s = sources(&dir);
    let cache = tmp.path().join("cache");
    let plain = load(&s, None);
    let cold = load(&s, Some(&cache));
    let warm = load(&s, Some(&cache));
    assert_eq!((warm.cache.reused, warm.cache.extracted), (3, 0));
    for l in [&cold, &warm] {
        assert_same(&plain, l);
        assert_eq!(plain.articles, l.articles);
    }
    assert_eq!(warm.articles.len(), 12, "a page and 11 feed items");
    let page = warm.articles.iter().find(|r| r.kind == "html").unwrap();
    assert_eq!(page.published_from, "meta");
    assert_eq!(page.offsets, "text");
    let items: Vec<&str> = warm
        .articles
        .iter()
        .filter(|r| r.kind == "feed item")
        .map(|r| r.file.as_str())
        .collect();
    assert_eq!(items.len(), 11);
    assert_eq!(items[0], "news.rss#1");
    assert_eq!(items[1], "news.rss#2");
    assert_eq!(items[10], "news.rss#11");
    assert!(
        warm.problems
            .iter()
            .any(|p| p.to_string().contains("broken.xml") && !p.warning),
        "{:?}",
        warm.problems
    );
    assert!(
        warm.mentions
            .iter()
            .all(|m| m.offsets == Some(annals::model::Offsets::Text))
    );
}

#[test]
fn an_edited_article_is_the_only_one_extracted_again() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = articles(tmp.path());
    let s = sources(&dir);
    let cache = tmp.path().join("cache");
    load(&s, Some(&cache));

    fs::write(
        dir.join("talks.txt"),
        "+++\npublished = 2017-03-03\n+++\nTalks on Syria resumed in Astana on 14 March 2017.\n",
    )
    .unwrap();
    let edited = load(&s, Some(&cache));
    assert_eq!((edited.cache.reused, edited.cache.extracted), (5, 1));
    assert_same(&load(&s, None), &edited);
    assert!(
        edited
            .mentions
            .iter()
            .any(|m| m.file == "talks.txt" && m.value == "2017-03-14")
    );

    // a new article is extracted, a removed one drops out of the file
    fs::write(dir.join("new.txt"), "On 2 June 2019 a summit was held.\n").unwrap();
    fs::remove_file(dir.join("odd.md")).unwrap();
    let changed = load(&s, Some(&cache));
    assert_eq!((changed.cache.reused, changed.cache.extracted), (5, 1));
    assert_same(&load(&s, None), &changed);
    let files = annals::cache::info(&cache).unwrap();
    assert_eq!(files.len(), 2);
    assert!(
        files
            .iter()
            .any(|f| f.state.as_ref().ok() == Some(&(Kind::Articles, 6))),
        "{files:?}"
    );
    let again = load(&s, Some(&cache));
    assert_eq!((again.cache.reused, again.cache.extracted), (6, 0));
}

/// Sources made of copies in `dir` that a test may change: the articles of
/// [`articles`], the bundled catalog and the bundled gazetteer; with the
/// articles' folder, the catalog's path and the gazetteer's.
fn copied_inputs(dir: &Path) -> (Sources, PathBuf, PathBuf, PathBuf) {
    let articles = articles(dir);
    let root = common::root();
    let events = dir.join("events.toml");
    let countries = dir.join("countries.toml");
    fs::copy(root.join("events.toml"), &events).unwrap();
    fs::copy(root.join("assets/countries.toml"), &countries).unwrap();
    let s = Sources {
        events: Some(events.clone()),
        articles: vec![articles.clone()],
        countries: Some(countries.clone()),
        ..Default::default()
    };
    (s, articles, events, countries)
}

#[test]
fn the_timeline_file_gives_the_load_back_until_an_input_changes() {
    let tmp = tempfile::tempdir().unwrap();
    let (s, dir, events, countries) = copied_inputs(tmp.path());
    let cache = tmp.path().join("cache");
    let cold = fill(&s, &cache);
    assert!(!cold.cache.timeline);
    file_of(&cache, Kind::Search);
    // warm: the whole timeline from the file, no article read back
    let warm = |want: &Loaded| {
        let warm = load(&only(&s), Some(&cache));
        assert!(warm.cache.timeline, "the timeline file is used");
        assert_eq!((warm.cache.reused, warm.cache.extracted), (0, 0));
        assert!(!warm.cache_to_write() || warm.cache_refreshes());
        assert_eq!(warm.cache.warning, None);
        assert_same_timeline(want, &warm);
        assert!(warm.mentions.is_empty() && warm.stats.mentions > 0);
        // a load that wants the mentions does not read the file
        let full = load(&s, Some(&cache));
        assert!(!full.cache.timeline);
        assert_same(&load(&s, None), &full);
    };
    let plain = load(&s, None);
    assert!(plain.timeline.iter().any(|e| !e.sources.is_empty()));
    assert!(
        plain
            .problems
            .iter()
            .any(|p| p.to_string().contains("odd.md"))
    );
    warm(&plain);

    // one article edited: only it is extracted again, the timeline is built
    // again and written again
    fs::write(
        dir.join("talks.txt"),
        "+++\npublished = 2017-03-03\n+++\nTalks on Syria resumed in Astana on 14 March 2017.\n",
    )
    .unwrap();
    let plain = load(&s, None);
    let edited = fill(&s, &cache);
    assert!(!edited.cache.timeline);
    assert_eq!((edited.cache.reused, edited.cache.extracted), (5, 1));
    assert_same(&plain, &edited);
    warm(&plain);
    // an edit that keeps the size and the modification time is still seen
    let text = fs::read_to_string(dir.join("talks.txt")).unwrap();
    let modified = fs::metadata(dir.join("talks.txt"))
        .unwrap()
        .modified()
        .unwrap();
    fs::write(dir.join("talks.txt"), text.replace("14 March", "15 March")).unwrap();
    set_mtime(dir.join("talks.txt"), modified);
    let plain = load(&s, None);
    let edited = fill(&s, &cache);
    assert_eq!((edited.cache.reused, edited.cache.extracted), (5, 1));
    assert_same(&plain, &edited);
    warm(&plain);
    // an article more, one fewer
    fs::write(dir.join("new.txt"), "On 2 June 2019 a summit was held.\n").unwrap();
    let plain = load(&s, None);
    assert_eq!(fill(&s, &cache).cache.extracted, 1);
    warm(&plain);
    fs::remove_file(dir.join("new.txt")).unwrap();
    let plain = load(&s, None);
    assert_eq!(fill(&s, &cache).cache.extracted, 0);
    warm(&plain);

    // the catalog, then the gazetteer
    let mut catalog = fs::read_to_string(&events).unwrap();
    catalog.push_str(
        "\n[[event]]\nid = \"cache-test-summit\"\ndate = 2019-06-02\n\
         title = \"A summit\"\ncountries = [\"TR\"]\n",
    );
    fs::write(&events, catalog).unwrap();
    let plain = load(&s, None);
    let rebuilt = fill(&s, &cache);
    assert!(!rebuilt.cache.timeline && !rebuilt.cache.catalog);
    assert_same(&plain, &rebuilt);
    warm(&plain);
    let gazetteer = fs::read_to_string(&countries).unwrap();
    fs::write(&countries, gazetteer + "\n# edited\n").unwrap();
    let plain = load(&s, None);
    let rebuilt = fill(&s, &cache);
    assert!(!rebuilt.cache.timeline);
    assert_same(&plain, &rebuilt);
    warm(&plain);
    // how the catalog is read is part of the key too
    let folded = Sources {
        events_options: annals::input::EventsOptions {
            fold: true,
            ..Default::default()
        },
        ..only(&s)
    };
    assert!(load(&only(&s), Some(&cache)).cache.timeline);
    assert!(!load(&folded, Some(&cache)).cache.timeline);
}

#[test]
fn a_new_catalog_or_gazetteer_rebuilds_every_article() {
    let tmp = tempfile::tempdir().unwrap();
    let (s, _, events, countries) = copied_inputs(tmp.path());
    let cache = tmp.path().join("cache");
    load(&s, Some(&cache));
    let warm = load(&s, Some(&cache));
    assert_eq!((warm.cache.reused, warm.cache.catalog), (6, true));

    // a catalog with one event more: every article's links may change
    let mut catalog = fs::read_to_string(&events).unwrap();
    catalog.push_str(
        "\n[[event]]\nid = \"cache-test-gas-deal\"\ndate = 2016-10-10\n\
         title = \"Turkey and Russia sign a gas deal\"\ncountries = [\"TR\", \"RU\"]\n\
         aliases = [\"gas deal\"]\n",
    );
    fs::write(&events, catalog).unwrap();
    let rebuilt = load(&s, Some(&cache));
    assert_eq!((rebuilt.cache.reused, rebuilt.cache.extracted), (0, 6));
    assert!(!rebuilt.cache.catalog, "the edited catalog is parsed again");
    assert_eq!(rebuilt.cache.warning, None, "a new catalog is no damage");
    assert_same(&load(&s, None), &rebuilt);
    assert!(
        rebuilt
            .timeline
            .iter()
            .any(|e| e.id == "cache-test-gas-deal" && !e.sources.is_empty()),
        "the new event is linked from the article that names it"
    );
    let warm = load(&s, Some(&cache));
    assert_eq!((warm.cache.reused, warm.cache.catalog), (6, true));
    assert_same(&rebuilt, &warm);

    // the gazetteer: the same content rewritten keeps the cache, a change does not
    let gazetteer = fs::read_to_string(&countries).unwrap();
    fs::write(&countries, &gazetteer).unwrap();
    assert_eq!(load(&s, Some(&cache)).cache.reused, 6);
    fs::write(&countries, gazetteer + "\n# edited\n").unwrap();
    let rebuilt = load(&s, Some(&cache));
    assert_eq!((rebuilt.cache.reused, rebuilt.cache.extracted), (0, 6));
    assert!(!rebuilt.cache.catalog, "checked against another gazetteer");
    assert_same(&load(&s, None), &rebuilt);
}

#[test]
fn a_json_catalog_and_its_problems_come_back_from_the_cache_as_parsed() {
    let tmp = tempfile::tempdir().unwrap();
    let events = tmp.path().join("events.json");
    let empty = tmp.path().join("no-articles");
    fs::create_dir_all(&empty).unwrap();
    let catalog = |extra: &str| {
        format!(
            "[{{\"id\": \"gas-deal\", \"date\": \"2016-10-10\", \"title\": \"A gas deal\", \
             \"countries\": [\"TR\", \"RU\"], \"tags\": [\"energy\"]}},\n\
             {{\"id\": \"gas-deal\", \"date\": \"2016-10\", \"title\": \"Twice\"}},\n\
             {{\"id\": \"talks\", \"date\": \"2017-W10\", \"end\": \"2017-03\", \
             \"title\": \"Talks\", \"countries\": [\"XX\"]}},\n\
             {{\"id\": \"summit\", \"date\": \"2019\", \"title\": \"Summit\", \
             \"summary\": \"Çavuşoğlu spoke.\", \"aliases\": [\"the summit\"]}}{extra}]"
        )
    };
    fs::write(&events, catalog("")).unwrap();
    let s = Sources {
        events: Some(events.clone()),
        articles: vec![empty],
        countries: Some(common::root().join("assets/countries.toml")),
        ..Default::default()
    };
    let cache = tmp.path().join("cache");
    let plain = load(&s, None);
    assert!(plain.problems.len() >= 2, "{:?}", plain.problems);
    assert!(!plain.timeline.is_empty());
    let cold = fill(&s, &cache);
    assert!(!cold.cache.catalog && !cold.cache.timeline);
    // the catalog alone is kept once: in the timeline file, not in a file of
    // its own as well
    assert_eq!(common::files_in(&cache).len(), 1, "a catalog, no articles");
    file_of(&cache, Kind::Search);
    let warm = load(&only(&s), Some(&cache));
    assert!(warm.cache.timeline && !warm.cache_to_write());
    assert_eq!(warm.cache.warning, None);
    assert_same(&plain, &cold);
    assert_same_timeline(&plain, &warm);

    // an edit that keeps the file's size and modification time is still seen
    let modified = fs::metadata(&events).unwrap().modified().unwrap();
    let edited = catalog("").replace("Summit", "Sumit!");
    assert_eq!(edited.len(), catalog("").len());
    fs::write(&events, &edited).unwrap();
    set_mtime(&events, modified);
    let after = load(&only(&s), Some(&cache));
    assert!(!after.cache.catalog && !after.cache.timeline);
    assert!(after.timeline.iter().any(|e| e.title == "Sumit!"));
    assert_same_timeline(&load(&s, None), &after);

    // --no-cache through the binary: the same list, and no cache folder
    let home = tmp.path().join("xdg");
    let list = |extra: &[&str]| {
        let mut args = vec!["--events", events.to_str().unwrap(), "--articles"];
        args.push(s.articles[0].to_str().unwrap());
        args.extend(extra);
        args.extend(["list", "--format", "json"]);
        annals_in(&home, &args)
    };
    let uncached = list(&["--no-cache"]);
    assert!(!home.exists());
    let (first, second) = (list(&[]), list(&[]));
    assert_eq!(first.stdout, uncached.stdout);
    assert_eq!(second.stdout, uncached.stdout);
    assert!(common::stdout(&second).contains("Sumit!"));
    assert_eq!(common::files_in(&home.join("annals")).len(), 1);
}

/// Damages the cache file of `kind` in `cache` with `damage`, then checks
/// that the next load warns once, extracts the articles or parses the catalog
/// again (the other file is still used), gives the right data, and that the
/// load after it uses the rebuilt file without a warning.
fn damaged_file_is_rebuilt(kind: Kind, damage: impl Fn(&mut Vec<u8>), why: &str) {
    let tmp = tempfile::tempdir().unwrap();
    let s = sources(&articles(tmp.path()));
    let cache = tmp.path().join("cache");
    let plain = load(&s, None);
    // the timeline file, when written, is read before the others
    if kind == Kind::Search {
        fill(&s, &cache);
    } else {
        load(&s, Some(&cache));
    }
    let file = file_of(&cache, kind);
    let mut bytes = fs::read(&file).unwrap();
    damage(&mut bytes);
    fs::write(&file, bytes).unwrap();

    let after = load(&only(&s), Some(&cache));
    assert_same_timeline(&plain, &after);
    assert!(!after.cache.timeline);
    match kind {
        Kind::Articles => {
            assert_eq!((after.cache.reused, after.cache.extracted), (0, 6));
            assert!(after.cache.catalog);
        }
        Kind::Catalog => {
            assert_eq!((after.cache.reused, after.cache.extracted), (6, 0));
            assert!(!after.cache.catalog);
        }
        Kind::Search => {
            // the other files still serve: nothing is extracted
            assert_eq!((after.cache.reused, after.cache.extracted), (6, 0));
            assert!(after.cache.catalog);
            assert!(after.cache_to_write());
            assert_eq!(after.write_cache(), None);
            let next = load(&only(&s), Some(&cache));
            assert!(next.cache.timeline);
            assert_eq!(next.cache.warning, None);
            assert_same_timeline(&plain, &next);
        }
    }
    let warning = after
        .cache
        .warning
        .expect("a warning about the damaged file");
    assert!(
        warning.contains("could not be used") && warning.contains(why),
        "{why}: {warning}"
    );
    assert!(warning.contains("it is rebuilt"), "{warning}");

    if kind != Kind::Search {
        let next = load(&s, Some(&cache));
        assert_eq!((next.cache.reused, &next.cache.warning), (6, &None));
        assert!(next.cache.catalog);
        assert_same(&plain, &next);
    }
}

#[test]
fn a_truncated_cache_file_is_rebuilt_with_a_warning() {
    for kind in [Kind::Articles, Kind::Catalog, Kind::Search] {
        damaged_file_is_rebuilt(kind, |b| b.truncate(b.len() / 2), "truncated");
        damaged_file_is_rebuilt(kind, |b| b.truncate(10), "truncated");
    }
}

#[test]
fn flipped_bytes_in_a_cache_file_are_caught() {
    // the timeline file is checked as it is read: a byte of an event's
    // title (its last copy in the file is in the events, after the search
    // text), and one of the entry table
    damaged_file_is_rebuilt(
        Kind::Search,
        |b| {
            let at = b.windows(5).rposition(|w| w == b"Syria").unwrap();
            b[at + 1] ^= 0x20;
        },
        "checksum",
    );
    damaged_file_is_rebuilt(Kind::Search, |b| b[70] ^= 0x01, "checksum");
    for kind in [Kind::Articles, Kind::Catalog] {
        damaged_file_is_rebuilt(
            kind,
            |b| {
                let at = b.len() - 7;
                b[at] ^= 0x20;
            },
            "checksum",
        );
        damaged_file_is_rebuilt(kind, |b| b[70] ^= 0x01, "checksum");
    }
}

#[test]
fn a_cache_file_of_another_format_or_a_foreign_file_is_rebuilt() {
    for kind in [Kind::Articles, Kind::Catalog, Kind::Search] {
        damaged_file_is_rebuilt(
            kind,
            |b| b[8..12].copy_from_slice(&(annals::cache::FORMAT + 1).to_le_bytes()),
            "format",
        );
        damaged_file_is_rebuilt(
            kind,
            |b| *b = b"<!doctype html><title>not a cache</title>".repeat(4),
            "not an annals cache file",
        );
    }
}

#[test]
fn two_loads_building_the_same_cache_at_once_leave_a_whole_file() {
    let tmp = tempfile::tempdir().unwrap();
    let s = sources(&articles(tmp.path()));
    let cache = tmp.path().join("cache");
    let plain = load(&s, None);
    for _ in 0..3 {
        annals::cache::clear(&cache).unwrap();
        let (a, b) = std::thread::scope(|scope| {
            let a = scope.spawn(|| load(&s, Some(&cache)));
            let b = scope.spawn(|| load(&s, Some(&cache)));
            (a.join().unwrap(), b.join().unwrap())
        });
        assert_same(&plain, &a);
        assert_same(&plain, &b);
        assert_eq!(a.cache.warning, None);
        assert_eq!(b.cache.warning, None);
        let files = common::files_in(&cache);
        assert_eq!(files.len(), 2, "no temporary file is left: {files:?}");
        let warm = load(&s, Some(&cache));
        assert_eq!((warm.cache.reused, &warm.cache.warning), (6, &None));
        // the timeline file, written by both at once
        let (a, b) = std::thread::scope(|scope| {
            let a = scope.spawn(|| a.write_cache());
            let b = scope.spawn(|| b.write_cache());
            (a.join().unwrap(), b.join().unwrap())
        });
        assert_eq!((a, b), (None, None));
        let files = common::files_in(&cache);
        assert_eq!(files.len(), 3, "no temporary file is left: {files:?}");
        let warm = load(&only(&s), Some(&cache));
        assert!(warm.cache.timeline);
        assert_eq!(warm.cache.warning, None);
        assert_same_timeline(&plain, &warm);
    }
}

#[test]
fn two_processes_building_the_same_cache_at_once_leave_a_whole_file() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = articles(tmp.path());
    let home = tmp.path().join("xdg");
    let run = || {
        common::spawn::annals_command()
            .current_dir(common::root())
            .args(["--articles"])
            .arg(&dir)
            .args(["list", "--format", "json"])
            .env("XDG_CACHE_HOME", &home)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap()
    };
    let (a, b) = (run(), run());
    let (a, b) = (a.wait_with_output().unwrap(), b.wait_with_output().unwrap());
    let plain = common::spawn::annals_command()
        .current_dir(common::root())
        .arg("--no-cache")
        .arg("--articles")
        .arg(&dir)
        .args(["list", "--format", "json"])
        .output()
        .unwrap();
    for o in [&a, &b] {
        assert!(o.status.success(), "{}", common::stderr(o));
        assert_eq!(o.stdout, plain.stdout);
        assert!(
            !common::stderr(o).contains("cache"),
            "{}",
            common::stderr(o)
        );
    }
    let files = annals::cache::info(&home.join("annals")).unwrap();
    assert_eq!(files.len(), 3, "{files:?}");
    assert!(
        files
            .iter()
            .any(|f| f.state.as_ref().ok() == Some(&(Kind::Articles, 6))),
        "{files:?}"
    );
    assert!(
        files
            .iter()
            .any(|f| f.state.as_ref().is_ok_and(|(k, _)| *k == Kind::Search)),
        "{files:?}"
    );
    // and a third run reads the timeline file one of them left
    let o = run().wait_with_output().unwrap();
    assert_eq!(o.stdout, plain.stdout);
    assert_eq!(common::stderr(&o), common::stderr(&plain));
    let after = annals::cache::info(&home.join("annals")).unwrap();
    let names = |fs: &[annals::cache::FileInfo]| -> Vec<(PathBuf, u64)> {
        fs.iter().map(|f| (f.path.clone(), f.bytes)).collect()
    };
    assert_eq!(names(&after), names(&files));
}

#[test]
fn a_cache_folder_that_cannot_be_made_means_no_cache_and_one_warning() {
    let tmp = tempfile::tempdir().unwrap();
    let s = sources(&articles(tmp.path()));
    let plain = load(&s, None);
    // a file where the folder should be: it cannot be created, even by root
    let blocked = tmp.path().join("blocked");
    fs::write(&blocked, "a file").unwrap();
    for cache in [blocked.clone(), blocked.join("annals")] {
        let loaded = load(&s, Some(&cache));
        assert_same(&plain, &loaded);
        assert_eq!((loaded.cache.reused, loaded.cache.extracted), (0, 6));
        let warning = loaded.cache.warning.expect("one warning");
        assert!(warning.contains("cannot be used"), "{warning}");
    }
    assert_eq!(fs::read_to_string(&blocked).unwrap(), "a file");
}

#[test]
fn a_read_only_cache_folder_means_no_cache_and_one_warning() {
    use std::os::unix::fs::PermissionsExt;
    let tmp = tempfile::tempdir().unwrap();
    let s = sources(&articles(tmp.path()));
    let plain = load(&s, None);
    let cache = tmp.path().join("cache");
    fs::create_dir(&cache).unwrap();
    fs::set_permissions(&cache, fs::Permissions::from_mode(0o555)).unwrap();
    // root writes into read-only folders: there the folder is not read-only
    // in effect, and the test says so instead of checking the warning
    let probe = cache.join("probe");
    let writable = fs::write(&probe, "x").is_ok();
    let _ = fs::remove_file(&probe);
    let loaded = load(&s, Some(&cache));
    assert_same(&plain, &loaded);
    if writable {
        skip::not_here("the warning check: this user (root) can write into a read-only folder");
        assert_eq!(loaded.cache.warning, None);
    } else {
        let warning = loaded.cache.warning.clone().expect("one warning");
        assert!(warning.contains("cannot write the cache file"), "{warning}");
        assert!(common::files_in(&cache).is_empty());
        let again = load(&s, Some(&cache));
        assert_same(&plain, &again);
        assert_eq!(again.cache.extracted, 6);
    }
    fs::set_permissions(&cache, fs::Permissions::from_mode(0o755)).unwrap();

    // a valid file in a folder that became read-only is still read
    let tmp2 = tempfile::tempdir().unwrap();
    let cache = tmp2.path().join("cache");
    load(&s, Some(&cache));
    fs::set_permissions(&cache, fs::Permissions::from_mode(0o555)).unwrap();
    let warm = load(&s, Some(&cache));
    // the timeline file cannot be written there: one warning, nothing left
    let written = warm.write_cache();
    let files = common::files_in(&cache);
    fs::set_permissions(&cache, fs::Permissions::from_mode(0o755)).unwrap();
    assert_eq!((warm.cache.reused, &warm.cache.warning), (6, &None));
    assert_same(&plain, &warm);
    assert_eq!(files.len(), 2 + usize::from(writable), "{files:?}");
    if !writable {
        let warning = written.expect("a warning");
        assert!(warning.contains("cannot write the cache file"), "{warning}");
    }
    // a timeline file in a folder that became read-only is still read
    let tmp3 = tempfile::tempdir().unwrap();
    let cache = tmp3.path().join("cache");
    fill(&s, &cache);
    fs::set_permissions(&cache, fs::Permissions::from_mode(0o555)).unwrap();
    let warm = load(&only(&s), Some(&cache));
    fs::set_permissions(&cache, fs::Permissions::from_mode(0o755)).unwrap();
    assert!(warm.cache.timeline);
    assert_eq!(warm.cache.warning, None);
    assert_same_timeline(&plain, &warm);
}

/// annals run by `sh` with `args`, with files limited to `blocks` blocks of
/// 512 or 1,024 bytes (`ulimit -f`): a write past that fails as on a full
/// disk (with EFBIG, the signal it would raise ignored). The standard
/// streams are pipes, which the limit does not reach.
fn annals_with_files_limited(home: &Path, blocks: u32, args: &[&str]) -> Output {
    let mut sh = common::spawn::runner("sh");
    sh.arg("-c")
        .arg(format!(
            "trap '' XFSZ; ulimit -f {blocks} && exec \"$0\" \"$@\""
        ))
        .arg(env!("CARGO_BIN_EXE_annals"));
    with_cache_home(sh, home, args)
}

/// A temporary folder holding the test articles ([`articles`]), their
/// folder's path, a cache home in it and the cache folder annals makes there.
fn articles_and_cache_home() -> (tempfile::TempDir, String, PathBuf, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let dir = articles(tmp.path()).to_str().unwrap().to_string();
    let home = tmp.path().join("xdg");
    let folder = home.join("annals");
    (tmp, dir, home, folder)
}

#[test]
fn a_full_cache_folder_means_no_cache_one_warning_and_nothing_left_in_it() {
    let (_tmp, dir, home, folder) = articles_and_cache_home();
    let args = ["--articles", &dir, "list", "--format", "json"];
    let plain = annals_in(&home, &[&["--no-cache"], &args[..]].concat());
    assert!(plain.status.success(), "{}", common::stderr(&plain));
    // no cache file fits in two blocks: every write into the folder fails
    let full = annals_with_files_limited(&home, 2, &args);
    let stderr = common::stderr(&full);
    assert!(full.status.success(), "{stderr}");
    assert_eq!(common::stdout(&full), common::stdout(&plain));
    // the articles' own problems, as without the cache, and warnings that
    // the cache could not be written
    let problems = common::stderr(&plain);
    let warnings: Vec<&str> = stderr.lines().filter(|l| !problems.contains(l)).collect();
    assert_eq!(warnings.len(), 1, "{stderr}");
    for p in problems.lines() {
        assert!(stderr.contains(p), "{stderr}");
    }
    for w in &warnings {
        assert!(
            w.starts_with("annals: warning: cannot write the cache file ")
                && w.contains(&folder.display().to_string()),
            "{stderr}"
        );
    }
    // nothing is left half written, not even a temporary file
    assert!(
        common::files_in(&folder).is_empty(),
        "{:?}",
        common::files_in(&folder)
    );
    // once there is room, the cache is filled and then used
    let filled = annals_in(&home, &args);
    assert!(filled.status.success(), "{}", common::stderr(&filled));
    assert_eq!(common::stdout(&filled), common::stdout(&plain));
    assert!(!common::files_in(&folder).is_empty());
    let warm = annals_in(&home, &args);
    assert_eq!(common::stdout(&warm), common::stdout(&plain));
    assert_eq!(common::stderr(&warm), common::stderr(&filled));
}

fn annals_in(home: &Path, args: &[&str]) -> Output {
    with_cache_home(common::spawn::annals_command(), home, args)
}

/// What `command` (annals, or what runs it) did with `args`, run from the
/// checkout with the cache home `home` and no `HOME`.
fn with_cache_home(mut command: std::process::Command, home: &Path, args: &[&str]) -> Output {
    command
        .current_dir(common::root())
        .args(args)
        .env("XDG_CACHE_HOME", home)
        .env_remove("HOME")
        .output()
        .unwrap()
}

#[test]
fn no_cache_leaves_the_cache_alone_and_the_cache_commands_show_and_clear_it() {
    let (_tmp, dir, home, folder) = articles_and_cache_home();
    let dir = dir.as_str();

    let o = annals_in(&home, &["--no-cache", "--articles", dir, "check"]);
    assert!(
        common::stdout(&o).contains("6 articles"),
        "{}",
        common::stdout(&o)
    );
    assert!(!home.exists(), "--no-cache made {}", home.display());
    let o = annals_in(&home, &["cache", "info"]);
    assert!(o.status.success());
    let shown = common::stdout(&o);
    assert!(
        shown.contains(&format!("cache folder: {}", folder.display())),
        "{shown}"
    );
    assert!(shown.ends_with("0 cache files, 0 bytes\n"), "{shown}");

    let o = annals_in(&home, &["--articles", dir, "check"]);
    assert_eq!(
        common::stderr(&o).matches("cache").count(),
        0,
        "{}",
        common::stderr(&o)
    );
    let o = annals_in(&home, &["cache", "info"]);
    let shown = common::stdout(&o);
    assert!(shown.contains(".cache: 6 articles' results, "), "{shown}");
    assert!(shown.contains(".cache: a catalog in 1 chunk, "), "{shown}");
    assert!(
        shown.contains(".cache: a timeline with its search text and index in "),
        "{shown}"
    );
    assert!(shown.contains("3 cache files, "), "{shown}");

    // --no-cache neither reads a damaged file nor mends it (the timeline
    // file: a warm load reads no other)
    let file = file_of(&folder, Kind::Search);
    fs::write(&file, "damaged").unwrap();
    let o = annals_in(&home, &["--no-cache", "--articles", dir, "check"]);
    assert!(
        !common::stderr(&o).contains("cache"),
        "{}",
        common::stderr(&o)
    );
    assert_eq!(fs::read(&file).unwrap(), b"damaged");
    let o = annals_in(&home, &["cache", "info"]);
    assert!(
        common::stdout(&o).contains("7 bytes, unusable: "),
        "{}",
        common::stdout(&o)
    );
    // a load warns once and mends it
    let o = annals_in(&home, &["--articles", dir, "check"]);
    let err = common::stderr(&o);
    assert_eq!(
        err.matches("annals: warning: the cache file").count(),
        1,
        "{err}"
    );
    assert!(
        common::stdout(&o).contains("0 errors, 1 warning"),
        "{}",
        common::stdout(&o)
    );
    let o = annals_in(&home, &["--articles", dir, "check"]);
    assert!(
        !common::stderr(&o).contains("cache"),
        "{}",
        common::stderr(&o)
    );
    // warm, `check` and `articles` decode no event of the timeline file;
    // they print what a load without the cache prints
    for args in [
        &["check"][..],
        &["articles"],
        &["articles", "--format", "json"],
    ] {
        let cold = annals_in(
            &home,
            &[&["--no-cache", "--articles", dir][..], args].concat(),
        );
        let warm = annals_in(&home, &[&["--articles", dir][..], args].concat());
        assert_eq!(common::stdout(&warm), common::stdout(&cold), "{args:?}");
        assert_eq!(common::stderr(&warm), common::stderr(&cold), "{args:?}");
        assert_eq!(warm.status.code(), cold.status.code(), "{args:?}");
    }

    let o = annals_in(&home, &["cache", "clear"]);
    assert!(o.status.success());
    assert!(
        common::stdout(&o).starts_with("removed 3 cache files ("),
        "{}",
        common::stdout(&o)
    );
    assert!(common::files_in(&folder).is_empty());
}

/// Every `.rs` file under `dir`.
fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn tests_start_annals_only_with_a_cache_folder_of_their_own() {
    // the helper gives the binary the tests' folder, not the user's
    let o = common::spawn::annals_command()
        .args(["cache", "info"])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", common::stderr(&o));
    let want = common::spawn::cache_home().join("annals");
    assert!(
        common::stdout(&o).starts_with(&format!("cache folder: {}\n", want.display())),
        "{}",
        common::stdout(&o)
    );
    // and no test starts the binary another way
    let tests = common::root().join("tests");
    let mut files = Vec::new();
    rust_files(&tests, &mut files);
    let direct: String = ["Command", "::new(env!(\"CARGO_BIN_EXE_annals\"))"].concat();
    let offenders: Vec<String> = files
        .iter()
        .filter(|p| !p.starts_with(tests.join("spawn")))
        .filter(|p| {
            let text: String = fs::read_to_string(p)
                .unwrap()
                .chars()
                .filter(|c| !c.is_whitespace())
                .collect();
            text.contains(&direct)
        })
        .map(|p| p.display().to_string())
        .collect();
    assert!(files.len() > 20, "found only {files:?}");
    assert!(
        offenders.is_empty(),
        "these start annals without tests/spawn's annals_command, so with the \
         user's cache folder: {offenders:?}"
    );
}

/// Sets the modification time of the file at `path`.
fn set_mtime(path: impl AsRef<Path>, time: std::time::SystemTime) {
    fs::File::options()
        .write(true)
        .open(path)
        .unwrap()
        .set_modified(time)
        .unwrap();
}

/// Sets the modification time of every file in `dir` an hour back, then
/// waits until their change time (now) is older than the cache's racy
/// window, as it is for files left alone a while.
fn age(dir: &Path) {
    let then = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
    for p in common::files_in(dir) {
        set_mtime(&p, then);
    }
    std::thread::sleep(annals::cache::RACY + std::time::Duration::from_millis(100));
}

#[test]
fn a_warm_load_of_unchanged_articles_does_not_read_them() {
    let tmp = tempfile::tempdir().unwrap();
    let (s, dir, _, _) = copied_inputs(tmp.path());
    let cache = tmp.path().join("cache");
    // files modified just before they are hashed prove nothing by their
    // stamps (git's racily clean rule): they are read again
    fill(&s, &cache);
    let racy = load(&only(&s), Some(&cache));
    assert!(racy.cache.timeline && !racy.cache.unread);
    // later, the hashes just taken hold: the load leaves them to write, and
    // the next load reads no article
    std::thread::sleep(annals::cache::RACY + std::time::Duration::from_millis(100));
    let settled = load(&only(&s), Some(&cache));
    assert!(settled.cache.timeline && !settled.cache.unread);
    assert!(settled.cache_to_write() && settled.cache_refreshes());
    assert_eq!(settled.write_cache(), None);
    let unread = load(&only(&s), Some(&cache));
    assert!(unread.cache.timeline && unread.cache.unread);
    assert!(!unread.cache_to_write());
    assert_same_timeline(&racy, &unread);
    // modified an hour before: their stamps stand for their content
    age(&dir);
    let plain = load(&s, None);
    fill(&s, &cache);
    for stored_events in [false, true] {
        let warm = load(
            &Sources {
                stored_events,
                ..only(&s)
            },
            Some(&cache),
        );
        assert!(warm.cache.timeline && warm.cache.unread, "{stored_events}");
        assert_eq!(warm.timeline.is_stored(), stored_events);
        assert_same_timeline(&plain, &warm);
    }
    // an edit that keeps the size and the modification time changes the
    // file's change time: it is read, and it alone extracted again
    let talks = dir.join("talks.txt");
    let modified = fs::metadata(&talks).unwrap().modified().unwrap();
    let text = fs::read_to_string(&talks).unwrap();
    fs::write(&talks, text.replace("10 October", "11 October")).unwrap();
    set_mtime(&talks, modified);
    let edited = load(&only(&s), Some(&cache));
    assert!(!edited.cache.timeline && !edited.cache.unread);
    assert_eq!((edited.cache.reused, edited.cache.extracted), (5, 1));
    assert_same_timeline(&load(&s, None), &edited);
    assert!(
        edited
            .timeline
            .iter()
            .any(|e| e.sources.iter().any(|s| s.sentence.contains("11 October")))
    );
    // a file more is read as any new file is
    age(&dir);
    fill(&s, &cache);
    assert!(load(&only(&s), Some(&cache)).cache.unread);
    fs::write(dir.join("new.txt"), "On 2 June 2019 a summit was held.\n").unwrap();
    let more = load(&only(&s), Some(&cache));
    assert!(!more.cache.timeline && !more.cache.unread);
    assert_eq!(more.cache.extracted, 1);
}

#[test]
fn list_decodes_the_events_it_shows_and_loads_again_when_one_is_damaged() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = articles(tmp.path());
    let dir = dir.to_str().unwrap();
    let home = tmp.path().join("xdg");
    // `list` with these arguments, through the cache or without it
    let run = |cache: bool, rest: &[&str]| {
        let first: &[&str] = if cache { &[] } else { &["--no-cache"] };
        annals_in(&home, &[first, &["--articles", dir, "list"], rest].concat())
    };
    let list = |cache: bool| run(cache, &["--format", "json"]);
    let cold = list(false);
    assert!(cold.status.success());
    // the run that fills the cache, then a warm one
    for _ in 0..2 {
        let o = list(true);
        assert_eq!(common::stdout(&o), common::stdout(&cold));
        assert_eq!(common::stderr(&o), common::stderr(&cold));
    }
    // the first event's title damaged inside the timeline file, its
    // header and table intact
    let shown: serde_json::Value = serde_json::from_str(&common::stdout(&cold)).unwrap();
    let title = shown[0]["title"].as_str().unwrap().to_string();
    let file = file_of(&home.join("annals"), Kind::Search);
    damage::damage_once(&file, &title);
    // the same output, one warning, and the file written again
    let o = list(true);
    assert_eq!(common::stdout(&o), common::stdout(&cold));
    let err = common::stderr(&o);
    assert_eq!(
        err.matches("warning: the cache's timeline file could not be read (the checksum of event")
            .count(),
        1,
        "{err}"
    );
    assert_eq!(
        err.replace(err.lines().next().unwrap(), "").trim_start(),
        common::stderr(&cold)
    );
    assert!(Reader::open(&file).is_ok());
    let o = list(true);
    assert_eq!(common::stdout(&o), common::stdout(&cold));
    assert_eq!(common::stderr(&o), common::stderr(&cold));
    // a query that meets a damaged event while it checks a match (a word
    // across a space, in an event whose fields are not all ASCII: they are
    // read from the event) answers as a load without the cache
    let title = shown
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|e| e["title"].as_str())
        .find(|t| t.starts_with("Bah") && !t.is_ascii())
        .expect("an event whose title is not ASCII")
        .to_string();
    damage::damage_once(&file, &title);
    let query = |cache: bool| run(cache, &["--query", "commentscame"]);
    let want = query(false);
    assert!(
        common::stdout(&want).contains("Bah"),
        "{}",
        common::stdout(&want)
    );
    let o = query(true);
    assert_eq!(common::stdout(&o), common::stdout(&want));
    assert!(
        common::stderr(&o).contains("warning: the cache's timeline file could not be read"),
        "{}",
        common::stderr(&o)
    );
}

#[test]
fn a_list_of_stored_events_longer_than_a_part_prints_what_a_load_prints() {
    let tmp = tempfile::tempdir().unwrap();
    let home = tmp.path().join("xdg");
    // more events than `list` decodes at once (16,384), in several parts
    let n = 40_000;
    let mut events: Vec<serde_json::Value> = (0..n)
        .map(|i| {
            let country = ["TR", "RU", "IR"][i % 3];
            serde_json::json!({
                "id": format!("ev-{i:05}"),
                "date": format!("{}-{:02}-{:02}", 1950 + i % 70, 1 + i % 12, 1 + i % 28),
                "title": format!("Event number {i} in the {} talks", ["trade", "peace", "gas"][i % 3]),
                "countries": [country],
                "origin": if i % 5 == 0 { "extracted" } else { "curated" },
            })
        })
        .collect();
    // and one dated after all the others: the last of the last part
    events.push(serde_json::json!({
        "id": "ev-last",
        "date": "2100-01-01",
        "title": "The latest event of the catalog",
        "countries": ["TR"],
    }));
    let n = n + 1;
    let catalog = tmp.path().join("events.json");
    std::fs::write(&catalog, serde_json::to_string(&events).unwrap()).unwrap();
    let catalog = catalog.to_str().unwrap();
    let run = |cache: bool, rest: &[&str]| {
        let first: &[&str] = if cache { &[] } else { &["--no-cache"] };
        annals_in(
            &home,
            &[first, &["--events", catalog, "list"], rest].concat(),
        )
    };
    for rest in [&[][..], &["--format", "json"], &["--country", "TR"]] {
        let cold = run(false, rest);
        assert!(cold.status.success(), "{}", common::stderr(&cold));
        // the run that fills the cache, then a warm one, which reads the
        // stored events a part at a time
        for _ in 0..2 {
            let o = run(true, rest);
            assert_eq!(common::stdout(&o), common::stdout(&cold), "{rest:?}");
            assert_eq!(common::stderr(&o), common::stderr(&cold), "{rest:?}");
        }
    }
    let table = common::stdout(&run(true, &[]));
    assert!(
        table.ends_with(&format!(
            "{n} of {n} events ({} curated, {} extracted marked ~)\n",
            n - 8_000,
            8_000
        )),
        "{}",
        &table[table.len().saturating_sub(200)..]
    );
    let last_row = table.lines().rev().nth(1).unwrap();
    assert!(last_row.contains("The latest event"), "{last_row}");
    // the last event damaged, in the last part: nothing of the stored list
    // is printed, the data is loaded again, and the output is a load's
    let last = "The latest event of the catalog";
    damage::damage_once(&file_of(&home.join("annals"), Kind::Search), last);
    let cold = run(false, &[]);
    let o = run(true, &[]);
    assert_eq!(common::stdout(&o), common::stdout(&cold));
    let err = common::stderr(&o);
    assert!(
        err.starts_with(
            "annals: warning: the cache's timeline file could not be read (the checksum of event"
        ),
        "{err}"
    );
}
