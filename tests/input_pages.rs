//! Web pages, feeds and GDELT files of the shared data set (`../shared/data`):
//! the targets of issue 15. Each test skips with a message when the shared
//! data is absent.

mod skip;

mod spawn;

use spawn::annals_uncached as annals;
use std::path::{Path, PathBuf};

use annals::loader::{self, Sources};

fn shared(rel: &str) -> Option<PathBuf> {
    let p = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/data")
        .join(rel);
    if p.exists() {
        Some(p)
    } else {
        skip::not_here(&format!("{} is absent", p.display()));
        None
    }
}

/// Title text compared without regard to runs of white space.
fn norm(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The Readability test pages: publication date right to the day on at least
/// 95% of the pages that have one, the title right on at least 95% of pages.
#[test]
fn readability_pages_meet_the_date_and_title_targets() {
    let Some(dir) = shared("html/readability") else {
        return;
    };
    let mut pages: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("folder")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.join("source.html").exists())
        .collect();
    pages.sort();
    // read as `annals articles` reads them: one load, rows in the order given
    let files: Vec<PathBuf> = pages.iter().map(|p| p.join("source.html")).collect();
    let loaded = loader::load(&Sources {
        articles: files,
        ..Default::default()
    })
    .expect("the pages load");
    assert_eq!(loaded.articles.len(), pages.len());
    let (mut dated, mut dated_right, mut titled, mut title_right) = (0, 0, 0, 0);
    let mut misses = Vec::new();
    for (p, row) in pages.iter().zip(&loaded.articles) {
        let expected: serde_json::Value = serde_json::from_str(
            &std::fs::read_to_string(p.join("expected-metadata.json")).expect("metadata"),
        )
        .expect("json");
        assert_eq!(row.kind, "html");
        assert_eq!(row.offsets, "text");
        let meta = row;
        let name = p.file_name().unwrap().to_string_lossy();
        if let Some(want) = expected["publishedTime"].as_str() {
            dated += 1;
            let day = want.get(..10).unwrap_or(want);
            let got = meta.published.map(|d| d.to_string());
            if got.as_deref() == Some(day) {
                dated_right += 1;
            } else {
                misses.push(format!("{name}: date {got:?}, expected {want}"));
            }
        }
        titled += 1;
        let want = norm(expected["title"].as_str().unwrap_or(""));
        let got = norm(meta.title.as_deref().unwrap_or(""));
        if got == want {
            title_right += 1;
        } else {
            misses.push(format!("{name}: title {got:?}, expected {want:?}"));
        }
    }
    let date_share = dated_right as f64 / dated.max(1) as f64;
    let title_share = title_right as f64 / titled.max(1) as f64;
    eprintln!(
        "{} pages: date right on {dated_right} of {dated} dated pages ({:.1}%), title right on \
         {title_right} of {titled} ({:.1}%)",
        pages.len(),
        date_share * 100.0,
        title_share * 100.0
    );
    for m in &misses {
        eprintln!("  {m}");
    }
    assert!(pages.len() >= 100, "only {} pages", pages.len());
    // the issue's target is 95% for both; the floors hold the level reached
    // (32 of 33 dated pages, every title): raise them, never lower them
    assert!(
        date_share >= 0.96,
        "dates right on {:.1}%",
        date_share * 100.0
    );
    assert!(
        title_share >= 1.0,
        "titles right on {:.1}%",
        title_share * 100.0
    );
}

/// The shared feeds (RSS 2.0 and Atom): one article per item, each with its
/// title, link and outlet, dated where its item is, its text free of markup
/// and entities.
#[test]
fn shared_feeds_give_an_article_per_item() {
    let Some(dir) = shared("feeds") else {
        return;
    };
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("folder")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    files.sort();
    assert!(files.len() >= 6, "{files:?}");
    let mut total = 0;
    for f in &files {
        let xml = std::fs::read_to_string(f).expect("feed");
        let name = f.file_name().unwrap().to_string_lossy().into_owned();
        // the items and their dates, counted from the XML here
        let mut reader = quick_xml::Reader::from_str(&xml);
        let (mut items, mut dated) = (0, 0);
        let mut in_item = false;
        let mut item_dated = false;
        loop {
            match reader.read_event().expect("the shared feeds are XML") {
                quick_xml::events::Event::Start(e) => match e.local_name().into_inner() {
                    "item" | "entry" => {
                        items += 1;
                        in_item = true;
                        item_dated = false;
                    }
                    "pubDate" | "published" | "updated" | "date" if in_item => item_dated = true,
                    _ => {}
                },
                quick_xml::events::Event::End(e)
                    if matches!(e.local_name().into_inner(), "item" | "entry") =>
                {
                    in_item = false;
                    if item_dated {
                        dated += 1;
                    }
                }
                quick_xml::events::Event::Eof => break,
                _ => {}
            }
        }
        let read = annals::input::read_file(f, xml.as_bytes());
        assert!(read.problems.is_empty(), "{name}: {:?}", read.problems);
        assert_eq!(read.articles.len(), items, "{name}");
        assert!(items >= 1, "{name}");
        let with_date = read
            .articles
            .iter()
            .filter(|a| a.meta.published.is_some())
            .count();
        assert_eq!(with_date, dated, "{name}: every dated item is dated");
        for (k, a) in read.articles.iter().enumerate() {
            let what = format!("{name} item {}", k + 1);
            assert_eq!(a.input, "feed item", "{what}");
            assert_eq!(a.meta.file, format!("{name}#{}", k + 1));
            assert!(
                a.meta.title.as_deref().is_some_and(|t| !t.is_empty()),
                "{what}"
            );
            assert!(a.meta.source.is_some(), "{what}");
            assert!(
                a.meta.url.as_deref().is_some_and(|u| u.starts_with("http")),
                "{what}: {:?}",
                a.meta.url
            );
            let text = a.body();
            assert!(!text.trim().is_empty(), "{what}");
            for bad in [
                "<p", "<a ", "</", "<br", "<img", "<div", "&lt;", "&amp;", "&#",
            ] {
                assert!(!text.contains(bad), "{what}: {bad:?} in {text:?}");
            }
        }
        total += items;
    }
    assert!(total >= 30, "{total} items");

    // what `annals articles` shows of three of them
    let rows = |file: &str| -> Vec<serde_json::Value> {
        let o = annals(&dir, &["articles", "--format", "jsonl", file]);
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        String::from_utf8_lossy(&o.stdout)
            .lines()
            .map(|l| serde_json::from_str(l).expect("json line"))
            .collect()
    };
    let atom = &rows("atom_example_1.xml")[0];
    assert_eq!(atom["title"], "Atom draft-07 snapshot");
    assert_eq!(atom["author"], "Mark Pilgrim");
    assert_eq!(atom["source"], "dive into mark");
    // the entry's published date, not its later updated one
    assert_eq!(atom["published"], "2003-12-13");
    assert_eq!(atom["published_from"], "feed");
    let it = &rows("rss_2.0_ilgiornale.xml")[0];
    // RSS's `address (Name)`: the name alone
    assert_eq!(it["author"], "Angela Leucci");
    assert_eq!(it["published"], "2022-11-15");
    // a date written outside RFC 2822 ("Sat, Dec 16 2023 02:02:33 PM")
    let ny = &rows("rss_2.0_nbcny.xml")[0];
    assert_eq!(ny["published"], "2023-12-16");
    assert_eq!(ny["published_from"], "feed");
    assert_eq!(ny["author"], "Gaby Acevedo and Jessica Cunnington");
}

/// The GDELT sample's rows as tab-separated fields, read here without annals.
fn gdelt_rows(file: &Path) -> Vec<Vec<String>> {
    std::fs::read_to_string(file)
        .expect("gdelt file")
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| l.split('\t').map(str::to_string).collect())
        .collect()
}

/// `annals list --format json` with `args`, without articles: the events.
fn list_json(dir: &Path, args: &[&str]) -> (Vec<serde_json::Value>, String) {
    let empty = dir.join("no-articles");
    std::fs::create_dir_all(&empty).unwrap();
    let mut all = vec!["list", "--format", "json", "--articles", "no-articles"];
    all.extend_from_slice(args);
    let o = annals(dir, &all);
    let err = String::from_utf8_lossy(&o.stderr).into_owned();
    assert!(o.status.success(), "{err}");
    let events: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
    (events.as_array().expect("array").clone(), err)
}

fn ids(events: &[serde_json::Value]) -> std::collections::BTreeSet<String> {
    events
        .iter()
        .map(|e| e["id"].as_str().unwrap().to_string())
        .collect()
}

/// The real GDELT file: one event per row; `--country US` gives exactly the
/// rows with USA as either actor's country; tags come from the CAMEO root;
/// the codes the gazetteer lacks are reported once, with their count.
#[test]
fn gdelt_file_loads_a_row_an_event_and_filters_by_country_and_tag() {
    let Some(file) = shared("gdelt/20150218230000.export.CSV") else {
        return;
    };
    let rows = gdelt_rows(&file);
    assert_eq!(rows.len(), 2271);
    assert!(rows.iter().all(|r| r.len() == 61));
    let dir = tempfile::tempdir().expect("temp dir");
    let events_arg = file.to_string_lossy().into_owned();

    let (all, err) = list_json(dir.path(), &["--events", &events_arg]);
    assert_eq!(all.len(), rows.len());
    let want: std::collections::BTreeSet<String> =
        rows.iter().map(|r| format!("gdelt-{}", r[0])).collect();
    assert_eq!(ids(&all), want);
    // each source is dated by the day GDELT added its row (DATEADDED, column
    // 60), and says so
    let added: std::collections::HashMap<String, String> = rows
        .iter()
        .map(|r| {
            let d = &r[59];
            (
                format!("gdelt-{}", r[0]),
                format!("{}-{}-{}", &d[..4], &d[4..6], &d[6..8]),
            )
        })
        .collect();
    let mut dated = 0;
    for e in &all {
        for s in e["sources"].as_array().expect("sources") {
            let a = &s["article"];
            assert_eq!(a["published"], added[e["id"].as_str().unwrap()], "{e}");
            assert_eq!(a["published_from"], "gdelt-added", "{e}");
            dated += 1;
        }
    }
    assert!(dated > 2000, "{dated} sources");

    // Actor1CountryCode is column 8, Actor2CountryCode column 18
    let usa: std::collections::BTreeSet<String> = rows
        .iter()
        .filter(|r| r[7] == "USA" || r[17] == "USA")
        .map(|r| format!("gdelt-{}", r[0]))
        .collect();
    assert!(usa.len() > 100, "{}", usa.len());
    let (us, _) = list_json(dir.path(), &["--events", &events_arg, "--country", "US"]);
    assert_eq!(us.len(), usa.len(), "rows with USA as either actor");
    assert_eq!(ids(&us), usa);
    // without --articles too: a catalog of one's own is read alone, so the
    // bundled demo articles add no events to it
    let o = annals(
        dir.path(),
        &[
            "list",
            "--format",
            "json",
            "--events",
            &events_arg,
            "--country",
            "US",
        ],
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let alone: Vec<serde_json::Value> = serde_json::from_slice(&o.stdout).expect("json");
    assert_eq!(alone.len(), usa.len(), "--country US without --articles");
    assert_eq!(ids(&alone), usa);

    // tags from the CAMEO root code (column 29)
    for (root, tag) in [("14", "protest"), ("19", "fight"), ("01", "statement")] {
        let want: std::collections::BTreeSet<String> = rows
            .iter()
            .filter(|r| r[28] == root)
            .map(|r| format!("gdelt-{}", r[0]))
            .collect();
        assert!(!want.is_empty(), "root {root}");
        let (tagged, _) = list_json(dir.path(), &["--events", &events_arg, "--tag", tag]);
        assert_eq!(ids(&tagged), want, "--tag {tag}");
    }

    // actor country codes with no alpha3 in the bundled gazetteer: counted
    // here from the file and the gazetteer, reported once by annals
    let gazetteer: toml::Table =
        toml::from_str(annals::bundled::COUNTRIES).expect("bundled gazetteer");
    let alpha3: std::collections::HashSet<&str> = gazetteer
        .values()
        .filter_map(|c| c.get("alpha3").and_then(|a| a.as_str()))
        .collect();
    let mut unknown: std::collections::BTreeMap<&str, usize> = Default::default();
    for r in &rows {
        for c in [r[7].as_str(), r[17].as_str()] {
            if !c.is_empty() && !alpha3.contains(c) {
                *unknown.entry(c).or_default() += 1;
            }
        }
    }
    let total: usize = unknown.values().sum();
    assert!(total > 0);
    let reports: Vec<&str> = err
        .lines()
        .filter(|l| l.contains("actor country codes"))
        .collect();
    assert_eq!(reports.len(), 1, "reported once:\n{err}");
    assert!(
        reports[0].contains(&format!(
            "{total} actor country codes of {} kinds have",
            unknown.len()
        )),
        "{}",
        reports[0]
    );
    assert_eq!(err.lines().count(), 1, "nothing else to report:\n{err}");
}

/// The file's events export: `--country US` as JSON loads back as the same
/// events, their sources still dated by DATEADDED, and as CSV gives one row
/// an event.
#[test]
fn gdelt_file_exports_and_loads_back() {
    let Some(file) = shared("gdelt/20150218230000.export.CSV") else {
        return;
    };
    let rows = gdelt_rows(&file);
    let usa: std::collections::BTreeSet<String> = rows
        .iter()
        .filter(|r| r[7] == "USA" || r[17] == "USA")
        .map(|r| format!("gdelt-{}", r[0]))
        .collect();
    let dir = tempfile::tempdir().expect("temp dir");
    let events_arg = file.to_string_lossy().into_owned();
    for (format, name) in [("json", "us.json"), ("csv", "us.csv")] {
        let o = annals(
            dir.path(),
            &[
                "--events",
                &events_arg,
                "export",
                "--country",
                "US",
                "--format",
                format,
                "--output",
                name,
            ],
        );
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    }
    let (back, _) = list_json(dir.path(), &["--events", "us.json"]);
    assert_eq!(ids(&back), usa);
    for e in &back {
        for s in e["sources"].as_array().expect("sources") {
            assert_eq!(s["article"]["published_from"], "gdelt-added", "{e}");
        }
    }
    let mut reader = csv::Reader::from_path(dir.path().join("us.csv")).expect("csv");
    let id = reader
        .headers()
        .expect("header")
        .iter()
        .position(|h| h == "id")
        .expect("an id column");
    let from_csv: std::collections::BTreeSet<String> = reader
        .records()
        .map(|r| r.expect("record")[id].to_string())
        .collect();
    assert_eq!(from_csv, usa);
}

/// `--fold` merges the rows that repeat one event (same day, actors and event
/// code) and keeps the sum of their mentions.
#[test]
fn gdelt_fold_merges_repeated_rows_and_sums_their_counts() {
    let Some(file) = shared("gdelt/20150218230000.export.CSV") else {
        return;
    };
    let rows = gdelt_rows(&file);
    // SQLDATE, Actor1Code, Actor2Code, EventCode
    let keys: std::collections::HashSet<(&str, &str, &str, &str)> = rows
        .iter()
        .map(|r| (r[1].as_str(), r[5].as_str(), r[15].as_str(), r[26].as_str()))
        .collect();
    assert!(keys.len() < rows.len(), "the sample repeats some events");
    let mentions: u64 = rows.iter().map(|r| r[31].parse::<u64>().unwrap()).sum();
    let dir = tempfile::tempdir().expect("temp dir");
    let events_arg = file.to_string_lossy().into_owned();
    let (folded, _) = list_json(dir.path(), &["--events", &events_arg, "--fold"]);
    assert_eq!(folded.len(), keys.len());
    // each event's summary says how many mentions it has
    let summed: u64 = folded
        .iter()
        .map(|e| {
            let s = e["summary"].as_str().unwrap();
            let before = s.split(" mention").next().unwrap();
            before
                .rsplit(' ')
                .next()
                .unwrap()
                .parse::<u64>()
                .unwrap_or_else(|_| panic!("{s}"))
        })
        .sum();
    assert_eq!(summed, mentions);
    assert!(
        folded
            .iter()
            .any(|e| e["summary"].as_str().unwrap().contains("folded in")),
        "a merged event says so"
    );
}

/// A zipped export is read as it is; a row with the wrong number of columns
/// is named by file and line and skipped, and the other rows load.
#[test]
fn gdelt_zip_is_read_and_broken_rows_are_skipped() {
    use std::io::Write;
    let Some(file) = shared("gdelt/20150218230000.export.CSV") else {
        return;
    };
    let rows = gdelt_rows(&file);
    let dir = tempfile::tempdir().expect("temp dir");
    let zipped = dir.path().join("20150218230000.export.CSV.zip");
    let mut zip = zip::ZipWriter::new(std::fs::File::create(&zipped).unwrap());
    zip.start_file(
        "20150218230000.export.CSV",
        zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated),
    )
    .unwrap();
    zip.write_all(&std::fs::read(&file).unwrap()).unwrap();
    zip.finish().unwrap();
    let (from_zip, err) = list_json(dir.path(), &["--events", "20150218230000.export.CSV.zip"]);
    assert_eq!(from_zip.len(), rows.len());
    let (plain, _) = list_json(dir.path(), &["--events", &file.to_string_lossy()]);
    assert_eq!(ids(&from_zip), ids(&plain));
    assert!(!err.contains("columns"), "{err}");

    // line 5 cut short, line 9 with a column too many
    let text = std::fs::read_to_string(&file).unwrap();
    let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
    lines[4] = lines[4].split('\t').take(10).collect::<Vec<_>>().join("\t");
    lines[8].push_str("\textra");
    std::fs::write(dir.path().join("cut.export.CSV"), lines.join("\n") + "\n").unwrap();
    let (cut, err) = list_json(dir.path(), &["--events", "cut.export.CSV"]);
    assert_eq!(cut.len(), rows.len() - 2);
    let mut want = ids(&plain);
    want.remove(&format!("gdelt-{}", rows[4][0]));
    want.remove(&format!("gdelt-{}", rows[8][0]));
    assert_eq!(ids(&cut), want);
    assert!(
        err.contains("cut.export.CSV:5:1: warning: 10 columns; a GDELT event row has 61"),
        "{err}"
    );
    assert!(
        err.contains("cut.export.CSV:9:1: warning: 62 columns"),
        "{err}"
    );
}
