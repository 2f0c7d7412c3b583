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
    synth::write_corpus(
        &args.out,
        args.events,
        args.articles,
        args.seed,
        args.titles,
    )?;
    eprintln!(
        "wrote {} events and {} articles to {}",
        args.events,
        args.articles,
        args.out.display()
    );
    Ok(())
}
