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

use annals::timeline::Taken;

use annals::filter::Filter;
use annals::loader::{Loaded, Sources};

use super::{
    exit_without_freeing, load_showing_progress, terminal_width, warn_unknown_countries,
    write_cache_beside, write_json,
};
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
    // a timeline from the cache leaves its events in the cache file, and
    // only those shown are decoded
    let stored = Sources {
        stored_events: true,
        ..data.sources()
    };
    let filter = args.filter.filter().map_err(UsageError)?;
    let loaded = load_showing_progress(&stored)?;
    let shown = loaded.timeline.filter(&filter);
    // a query that met damage has no answer: the data is loaded again
    let events = match loaded.timeline.damage() {
        Some(why) => Err(why.to_string()),
        None => loaded.timeline.events_at(&shown),
    };
    match events {
        Ok(events) => finish(args, &filter, &loaded, &events)?,
        Err(why) => {
            // the damaged file is gone: the data is loaded again without it
            note!(
                "annals: warning: the cache's timeline file could not be read ({}); \
                 the data is loaded again",
                inert(&why)
            );
            drop(shown);
            let again = load_showing_progress(&data.sources())?;
            let shown = again.timeline.filter(&filter);
            let events = again.timeline.events_at(&shown)?;
            finish(args, &filter, &again, &events)?;
            exit_without_freeing(again);
        }
    }
    exit_without_freeing(loaded);
    Ok(ExitCode::SUCCESS)
}

/// Reports the load's problems and the countries the gazetteer does not
/// know, then prints the events shown (writing the cache's timeline file
/// meanwhile, when the load left one to write).
fn finish(
    args: &ListArgs,
    filter: &Filter,
    loaded: &Loaded,
    events: &Taken<'_>,
) -> Result<(), Box<dyn std::error::Error>> {
    for p in &loaded.problems {
        note!("{p}");
    }
    warn_unknown_countries(filter, &loaded.timeline.gazetteer);
    write_cache_beside(loaded, || {
        print(args.format, &events.refs(), loaded.timeline.len())
    })
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
            report::write_table(shown, total, width, out)?;
        }
        ListFormat::Json => write_json(shown)?,
    }
    Ok(())
}
