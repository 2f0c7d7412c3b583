//! Measures the memory a catalog takes once loaded as the explorer holds it
//! (events, timeline indexes and search index), as peak resident memory.
//!
//!     cargo run --release --example gen-corpus -- --events 1000000 --articles 0 --seed 7 --out /tmp/c1m
//!     cargo run --release --example memory -- /tmp/c1m/events.json
//!
//! Prints the peak after each stage, the bytes of the events' text (ids,
//! titles, summaries and list items) and the peak beyond that text per event.
//! Linux only: it reads VmHWM from /proc/self/status.

use std::path::Path;
use std::process::ExitCode;
use std::time::Instant;

use annals::gazetteer::Gazetteer;
use annals::timeline::Timeline;

/// Peak resident memory so far, in bytes.
fn peak() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kib: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib * 1024)
}

fn mib(bytes: u64) -> String {
    format!("{:.0} MiB", bytes as f64 / (1 << 20) as f64)
}

fn main() -> ExitCode {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: memory CATALOG");
        return ExitCode::from(2);
    };
    let gazetteer = Gazetteer::from_toml(Path::new("countries.toml"), annals::bundled::COUNTRIES)
        .expect("the bundled gazetteer reads");
    let Some(before) = peak() else {
        eprintln!("memory: cannot read /proc/self/status");
        return ExitCode::FAILURE;
    };
    let t = Instant::now();
    let catalog = match annals::catalog::load_file(Path::new(&path), &gazetteer) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::FAILURE;
        }
    };
    let n = catalog.events.len() as u64;
    let text: u64 = catalog
        .events
        .iter()
        .map(|e| {
            let lists = [&e.countries, &e.actors, &e.tags, &e.aliases];
            let items: usize = lists.iter().flat_map(|l| l.iter()).map(str::len).sum();
            (e.id.len() + e.title.len() + e.summary.len() + items) as u64
        })
        .sum();
    println!(
        "catalog   {:>6.2} s  peak {}",
        t.elapsed().as_secs_f64(),
        mib(peak().unwrap_or(0))
    );
    let t = Instant::now();
    let timeline = Timeline::new(catalog.events, gazetteer);
    println!(
        "timeline  {:>6.2} s  peak {}",
        t.elapsed().as_secs_f64(),
        mib(peak().unwrap_or(0))
    );
    let t = Instant::now();
    timeline.prepare_search();
    let after = peak().unwrap_or(0);
    println!(
        "search    {:>6.2} s  peak {}",
        t.elapsed().as_secs_f64(),
        mib(after)
    );
    let beyond = after.saturating_sub(before).saturating_sub(text);
    println!(
        "{n} events, text {}; peak beyond the text {} = {} bytes per event",
        mib(text),
        mib(beyond),
        beyond / n.max(1)
    );
    // the process ends here; freeing a million events would only take time
    std::mem::forget(timeline);
    ExitCode::SUCCESS
}
