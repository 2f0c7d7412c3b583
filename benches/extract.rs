//! Throughput of temporal extraction: reading an article (front matter, page
//! furniture, sentences) and extracting and resolving its expressions.
//!
//!   cargo bench --bench extract
//!
//! Groups (criterion reports MB/s from the byte counts):
//! - `aquaint`: the TempEval-3 AQUAINT texts in ../shared/timeml/aquaint, one
//!   thread (skipped with a message when ../shared is absent; ANNALS_SHARED
//!   overrides the location);
//! - `synthetic`: a deterministic news-like corpus generated here, one thread;
//! - `parallel`: the synthetic corpus as many files over all cores (rayon).

use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::Duration;

use annals::article::{self, Article};
use annals::extract;
use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use rayon::prelude::*;

/// Extracts the temporal expressions of one article file; returns how many.
fn extract_article(path: &Path, bytes: &[u8]) -> usize {
    let art = Article::parse(path, bytes);
    let text = art.text.as_str();
    let skip = article::furniture(text, art.body_start);
    let sentences = article::sentences(text, art.body_start);
    extract::extract(text, &sentences, &skip, art.meta.published, &[]).len()
}

fn aquaint_files() -> Option<Vec<(PathBuf, Vec<u8>)>> {
    let shared = std::env::var_os("ANNALS_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared"));
    let dir = shared.join("timeml/aquaint");
    let mut files: Vec<(PathBuf, Vec<u8>)> = std::fs::read_dir(&dir)
        .ok()?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .filter_map(|p| std::fs::read(&p).ok().map(|b| (p, b)))
        .collect();
    files.sort();
    (!files.is_empty()).then_some(files)
}

/// A small deterministic generator (xorshift), so every run measures the same text.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[(self.next() % items.len() as u64) as usize]
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

const SUBJECTS: &[&str] = &[
    "The foreign minister",
    "Officials in Ankara",
    "A spokesman for the ministry",
    "Rebel commanders",
    "The central bank",
    "Police",
    "The prime minister's office",
    "Witnesses",
    "Negotiators from both sides",
    "The United Nations envoy",
];
const VERBS: &[&str] = &[
    "said",
    "announced",
    "will meet",
    "met",
    "are expected to vote",
    "reported",
    "denied the claims",
    "signed the agreement",
    "postponed the talks",
    "warned",
];
const TIMES: &[&str] = &[
    "on Tuesday",
    "last week",
    "on Aug. 7",
    "in March 2019",
    "three years ago",
    "earlier this month",
    "next Friday",
    "in the third quarter",
    "in the 1990s",
    "on 15 July 2016",
    "yesterday",
    "later this year",
    "since 2017",
    "two days later",
    "in the fall of 1998",
    "at 10:35 a.m. Friday",
    "for about five hours",
    "every week",
    "",
    "",
    "",
];
const FILLERS: &[&str] = &[
    "that the border crossing would stay closed",
    "after 2000 people were injured in the clashes",
    "as the S-400 deliveries continued",
    "while prices rose 2.5 percent to 1,998 points",
    "in a statement carried by state television",
    "despite objections from opposition lawmakers",
    "according to a report by the Associated Press",
    "after the convoy left at 2000 hours",
    "and called the hotline at 555-2016",
    "as more than 250 troops moved into the region",
];

/// One news-like article of about `size` bytes, with front matter.
fn synthetic_article(rng: &mut Rng, size: usize) -> String {
    let mut s = format!(
        "+++\ntitle = \"Report {}\"\npublished = \"20{:02}-{:02}-{:02}\"\n+++\n\n",
        rng.below(100_000),
        10 + rng.below(15),
        1 + rng.below(12),
        1 + rng.below(28)
    );
    while s.len() < size {
        let sentences = 2 + rng.below(4);
        for _ in 0..sentences {
            let subject = rng.pick(SUBJECTS);
            let verb = rng.pick(VERBS);
            let time = rng.pick(TIMES);
            let filler = rng.pick(FILLERS);
            if time.is_empty() {
                s.push_str(&format!("{subject} {verb} {filler}. "));
            } else if rng.below(3) == 0 {
                let mut t = time.to_string();
                if let Some(c) = t.get_mut(0..1) {
                    c.make_ascii_uppercase();
                }
                s.push_str(&format!(
                    "{t}, {} {verb} {filler}. ",
                    subject.to_lowercase()
                ));
            } else {
                s.push_str(&format!("{subject} {verb} {time} {filler}. "));
            }
        }
        s.push_str("\n\n");
    }
    s
}

fn synthetic_corpus(files: usize, size: usize) -> Vec<(PathBuf, Vec<u8>)> {
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    (0..files)
        .map(|i| {
            (
                PathBuf::from(format!("synthetic-{i:04}.txt")),
                synthetic_article(&mut rng, size).into_bytes(),
            )
        })
        .collect()
}

fn total(files: &[(PathBuf, Vec<u8>)]) -> u64 {
    files.iter().map(|(_, b)| b.len() as u64).sum()
}

fn bench(c: &mut Criterion) {
    match aquaint_files() {
        Some(files) => {
            let mut g = c.benchmark_group("aquaint");
            g.throughput(Throughput::Bytes(total(&files)));
            g.bench_function("single_thread", |b| {
                b.iter(|| {
                    files
                        .iter()
                        .map(|(p, bytes)| extract_article(p, black_box(bytes)))
                        .sum::<usize>()
                })
            });
            g.finish();
        }
        None => eprintln!("aquaint: ../shared/timeml/aquaint not found; skipping that group"),
    }

    // 500 articles of about 4 KB: 2 MB of text
    let corpus = synthetic_corpus(500, 4096);
    let mut g = c.benchmark_group("synthetic");
    g.throughput(Throughput::Bytes(total(&corpus)));
    g.bench_function("single_thread", |b| {
        b.iter(|| {
            corpus
                .iter()
                .map(|(p, bytes)| extract_article(p, black_box(bytes)))
                .sum::<usize>()
        })
    });
    g.finish();

    let mut g = c.benchmark_group("parallel");
    g.throughput(Throughput::Bytes(total(&corpus)));
    g.bench_function(format!("{}_threads", rayon::current_num_threads()), |b| {
        b.iter(|| {
            corpus
                .par_iter()
                .map(|(p, bytes)| extract_article(p, black_box(bytes)))
                .sum::<usize>()
        })
    });
    g.finish();
}

criterion_group! {
    name = benches;
    // the machine is shared: short runs
    config = Criterion::default()
        .sample_size(20)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(4));
    targets = bench
}
criterion_main!(benches);
