//! Per-keystroke filtering over synthetic catalogs of 10k, 100k and 1M events:
//! short and long queries, with and without a country filter, each followed by
//! the highlights of the 50 rows a frame shows; narrowing a previous result;
//! plus catalog loading per 100k events (TOML and JSON), and extraction in
//! bytes of article per second.
//!
//! Pick sizes with `ANNALS_BENCH_SIZES=100000,1000000`.
//!
//!     cargo bench --bench filter

#[path = "../examples/synth/mod.rs"]
mod synth;

use std::hint::black_box;
use std::path::Path;
use std::time::Duration;

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};

use annals::filter::{Filter, Query};
use annals::gazetteer::Gazetteer;
use annals::timeline::Timeline;

fn gazetteer() -> Gazetteer {
    Gazetteer::from_toml(Path::new("countries.toml"), annals::bundled::COUNTRIES)
        .expect("the bundled gazetteer parses")
}

fn timeline(n: usize) -> Timeline {
    let events = synth::Synth::new(7).events(n);
    let t = Timeline::new(events, gazetteer());
    t.prepare_search();
    t
}

fn sizes() -> Vec<usize> {
    match std::env::var("ANNALS_BENCH_SIZES") {
        Ok(s) => s.split(',').filter_map(|n| n.trim().parse().ok()).collect(),
        Err(_) => vec![10_000, 100_000, 1_000_000],
    }
}

/// The queries typed: (name, query, countries).
fn cases() -> Vec<(&'static str, &'static str, Vec<String>)> {
    vec![
        ("q1", "g", vec![]),
        ("q3", "gas", vec![]),
        ("q3mid", "ate", vec![]),
        ("q3across", "sag", vec![]),
        ("q12", "gas agreemen", vec![]),
        ("q20", "turkey sign gas agre", vec![]),
        ("q20b", "negotiateceasefirepl", vec![]),
        ("q3+TR", "gas", vec!["TR".into()]),
        ("q12+TR", "gas agreemen", vec!["TR".into()]),
    ]
}

/// What a frame shows: the first rows of the result, with their titles'
/// highlights.
const VISIBLE_ROWS: usize = 50;

fn rows(t: &Timeline, shown: &[usize], query: &Query) -> usize {
    shown
        .iter()
        .take(VISIBLE_ROWS)
        .map(|&i| query.highlights(&t.event(i).title).len())
        .sum()
}

fn keystroke(c: &mut Criterion) {
    let mut group = c.benchmark_group("filter");
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(3));
    group.warm_up_time(Duration::from_millis(500));
    for n in sizes() {
        let t = timeline(n);
        group.throughput(Throughput::Elements(n as u64));
        for (name, query, countries) in cases() {
            let f = Filter {
                query: query.into(),
                countries: countries.clone(),
                ..Default::default()
            };
            // narrowing, then the visible rows with their highlights
            group.bench_with_input(BenchmarkId::new(name, n), &f, |b, f| {
                b.iter(|| {
                    let shown = t.filter(f);
                    let q = Query::parse(&f.query);
                    black_box(rows(&t, &shown, &q)) + shown.len()
                })
            });
        }
        // one more letter typed: the previous result narrowed
        let before = Filter {
            query: "gas agreeme".into(),
            ..Default::default()
        };
        let after = Filter {
            query: "gas agreemen".into(),
            ..Default::default()
        };
        let shown = t.filter(&before);
        group.bench_function(BenchmarkId::new("refine_q12", n), |b| {
            b.iter(|| black_box(t.refine(&after, &before, &shown)).len())
        });
        let dated = Filter {
            query: "gas".into(),
            from: "1990".parse().ok(),
            to: "1999".parse().ok(),
            ..Default::default()
        };
        group.bench_function(BenchmarkId::new("q3+1990s", n), |b| {
            b.iter(|| black_box(t.filter(&dated)).len())
        });
    }
    group.finish();
}

/// The visible rows alone: highlights for 50 titles.
fn visible_rows(c: &mut Criterion) {
    let t = timeline(10_000);
    let mut group = c.benchmark_group("rows");
    group.sample_size(20);
    group.measurement_time(Duration::from_secs(2));
    for (name, query, _) in cases() {
        let f = Filter {
            query: query.into(),
            ..Default::default()
        };
        let shown = t.filter(&f);
        let q = Query::parse(query);
        group.bench_function(BenchmarkId::new("highlights_50", name), |b| {
            b.iter(|| black_box(rows(&t, &shown, &q)))
        });
    }
    group.finish();
}

fn load(c: &mut Criterion) {
    let n = 100_000;
    let events = synth::Synth::new(7).events(n);
    let toml_text = synth::to_toml(&events);
    let json_text = serde_json::to_string(&events).expect("events serialize");
    let g = gazetteer();
    let mut group = c.benchmark_group("catalog_load_100k");
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(5));
    group.bench_function("toml", |b| {
        b.iter(|| {
            annals::catalog::parse(Path::new("e.toml"), &toml_text, &g)
                .map(|c| c.events.len())
                .unwrap_or(0)
        })
    });
    group.bench_function("json", |b| {
        b.iter(|| {
            annals::catalog::parse(Path::new("e.json"), &json_text, &g)
                .map(|c| c.events.len())
                .unwrap_or(0)
        })
    });
    group.bench_function("timeline_from_parsed", |b| {
        b.iter(|| Timeline::new(events.clone(), g.clone()).len())
    });
    group.finish();
}

/// Extraction: articles (2 to 8 KB of news prose with front matter) turned
/// into dated mentions and events on every core, against a 1,000-event
/// catalog; reported in bytes of article per second.
fn extraction(c: &mut Criterion) {
    let mut synth = synth::Synth::new(11);
    let catalog_events = synth.events(1000);
    let articles: Vec<(String, String)> = (0..400)
        .map(|n| synth.article(n, 2048 + (n * 997) % 6144))
        .collect();
    let bytes: usize = articles.iter().map(|(_, t)| t.len()).sum();
    let g = gazetteer();
    let mut group = c.benchmark_group("extraction");
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(5));
    group.throughput(Throughput::Bytes(bytes as u64));
    group.bench_function("400_articles", |b| {
        b.iter(|| {
            let inputs = articles
                .iter()
                .map(|(name, text)| annals::loader::ArticleInput {
                    path: name.into(),
                    name: name.to_string(),
                    bytes: text.as_bytes().to_vec(),
                })
                .collect();
            let catalog = annals::catalog::Catalog {
                events: catalog_events.clone(),
                problems: Vec::new(),
            };
            annals::loader::build(g.clone(), catalog, inputs, Vec::new())
                .stats
                .mentions
        })
    });
    group.finish();
}

criterion_group!(benches, keystroke, visible_rows, load, extraction);
criterion_main!(benches);
