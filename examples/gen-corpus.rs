//! Writes a synthetic corpus for scale tests and benchmarks:
//!
//!     cargo run --release --example gen-corpus -- --events 100000 --articles 1000 --seed 7 --out /tmp/corpus
//!
//! gives `/tmp/corpus/events.toml`, `/tmp/corpus/events.json` and
//! `/tmp/corpus/articles/*.txt` (2 to 8 KB each), and with `--titles` the
//! titles one per line in `/tmp/corpus/titles.txt`. The same seed gives the
//! same bytes.

mod synth;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Parser;
use rand::Rng;
use rand::SeedableRng;

#[derive(Parser)]
struct Args {
    /// Catalog events to write
    #[arg(long, default_value_t = 10_000)]
    events: usize,
    /// Articles to write
    #[arg(long, default_value_t = 100)]
    articles: usize,
    /// Seed for the generator
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Output folder (created)
    #[arg(long)]
    out: PathBuf,
    /// Also write the events' titles, one per line, to `titles.txt` (what
    /// `scripts/bench-vs-peers` gives fzf)
    #[arg(long)]
    titles: bool,
}

fn main() -> ExitCode {
    let args = Args::parse();
    match run(&args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("gen-corpus: {e}");
            ExitCode::from(1)
        }
    }
}

fn run(args: &Args) -> Result<(), Box<dyn std::error::Error>> {
    let mut synth = synth::Synth::new(args.seed);
    let events = synth.events(args.events);
    std::fs::create_dir_all(args.out.join("articles"))?;
    std::fs::write(args.out.join("events.toml"), synth::to_toml(&events))?;
    std::fs::write(
        args.out.join("events.json"),
        serde_json::to_string(&events)?,
    )?;
    if args.titles {
        let mut titles = String::with_capacity(events.len() * 48);
        for e in &events {
            titles.push_str(&e.title);
            titles.push('\n');
        }
        std::fs::write(args.out.join("titles.txt"), titles)?;
    }
    let mut sizes = rand_chacha::ChaCha8Rng::seed_from_u64(args.seed ^ 0x5eed);
    for n in 0..args.articles {
        let target = sizes.random_range(2048..8192);
        let (name, text) = synth.article(n, target);
        std::fs::write(args.out.join("articles").join(name), text)?;
    }
    eprintln!(
        "wrote {} events and {} articles to {}",
        events.len(),
        args.articles,
        args.out.display()
    );
    Ok(())
}
