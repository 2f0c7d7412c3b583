//! `annals list`: the timeline, filtered, as a table or as JSON.
//!
//! A query over a catalog alone is answered from the cache's search index
//! when it holds it ([`annals::loader::quick`]), without loading; the
//! output is the same.

use std::process::ExitCode;

use annals::loader::quick::{self, Quick};
use annals::model::Event;
use annals::report;
use annals::text::inert;

use super::{exit_without_freeing, load_filtered, terminal_width, write_cache_beside, write_json};
use crate::console::{note, out};
use crate::{DataArgs, ListArgs, ListFormat, UsageError};

pub fn run(data: &DataArgs, args: &ListArgs) -> Result<ExitCode, Box<dyn std::error::Error>> {
    if let Some(dir) = annals::cache::dir() {
        let filter = args.filter.filter().map_err(UsageError)?;
        match quick::list(&data.sources(), &filter, &dir) {
            Quick::Answer(answer) => {
                for p in &answer.problems {
                    note!("{p}");
                }
                for c in &filter.countries {
                    if !answer.gazetteer.contains(c) {
                        note!("annals: warning: unknown country code `{}`", inert(c));
                    }
                }
                let shown: Vec<&Event> = answer.events.iter().collect();
                print(args.format, &shown, answer.total)?;
                std::mem::forget(answer);
                return Ok(ExitCode::SUCCESS);
            }
            Quick::Load { warning } => {
                if let Some(w) = warning {
                    note!("annals: warning: {}", inert(&w));
                }
            }
        }
    }
    let (loaded, _, shown) = load_filtered(data, &args.filter)?;
    write_cache_beside(&loaded, || {
        let events: Vec<_> = shown.iter().map(|&i| loaded.timeline.event(i)).collect();
        let events: Vec<&Event> = events.iter().map(|e| &**e).collect();
        print(args.format, &events, loaded.timeline.len())
    })?;
    exit_without_freeing(loaded);
    Ok(ExitCode::SUCCESS)
}

/// Prints the events shown out of a timeline of `total`.
fn print(
    format: ListFormat,
    shown: &[&Event],
    total: usize,
) -> Result<(), Box<dyn std::error::Error>> {
    match format {
        ListFormat::Table => {
            let width = terminal_width().unwrap_or(80);
            out(&report::table_of(shown, total, width))?;
        }
        ListFormat::Json => write_json(shown)?,
    }
    Ok(())
}
