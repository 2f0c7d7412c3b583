//! Per-keystroke filtering over synthetic catalogs of 10k, 100k and 1M events:
//! short and long queries, with and without a country filter, plus catalog
//! loading per 100k events (TOML and JSON).
//!
//!     cargo bench --bench filter

#[path = "../examples/synth/mod.rs"]
mod synth;

use std::hint::black_box;
use std::path::Path;
use std::time::Duration;

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};

use annals::filter::Filter;
use annals::gazetteer::Gazetteer;
use annals::timeline::Timeline;

fn gazetteer() -> Gazetteer {
    Gazetteer::from_toml(Path::new("countries.toml"), annals::bundled::COUNTRIES)
        .expect("the bundled gazetteer parses")
}

fn timeline(n: usize) -> Timeline {
    let events = synth::Synth::new(7).events(n);
    Timeline::new(events, gazetteer())
}

fn sizes() -> Vec<usize> {
    match std::env::var("ANNALS_BENCH_SIZES") {
        Ok(s) => s.split(',').filter_map(|n| n.trim().parse().ok()).collect(),
        Err(_) => vec![10_000, 100_000, 1_000_000],
    }
}

fn keystroke(c: &mut Criterion) {
    let mut group = c.benchmark_group("filter");
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(3));
    group.warm_up_time(Duration::from_millis(500));
    for n in sizes() {
        let t = timeline(n);
        let cases: [(&str, &str, Vec<String>); 5] = [
            ("q1", "g", vec![]),
            ("q3", "gas", vec![]),
            ("q12", "gas agreemen", vec![]),
            ("q20", "turkey sign gas agre", vec![]),
            ("q3+TR", "gas", vec!["TR".into()]),
        ];
        for (name, query, countries) in cases {
            let f = Filter {
                query: query.into(),
                countries: countries.clone(),
                ..Default::default()
            };
            group.throughput(Throughput::Elements(n as u64));
            group.bench_with_input(BenchmarkId::new(name, n), &f, |b, f| {
                b.iter(|| black_box(t.filter(f)).len())
            });
        }
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

criterion_group!(benches, keystroke, load);
criterion_main!(benches);
