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

use annals::timeline::{Taken, Timeline};

use annals::filter::Filter;
use annals::loader::{Loaded, Sources};

use super::{
    exit_without_freeing, json_out, load_showing_progress, terminal_width, warn_unknown_countries,
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
    // a query that met damage has no answer, nor has a list with an event
    // that cannot be read: the data is loaded again. A list of one part is
    // decoded at once, before any of it is printed; a longer one has every
    // event checked against its checksum first (damage is found there,
    // before any is printed), then is decoded a part at a time. An event
    // whose checksum holds was written as it reads, so its decoding does
    // not fail short of a bug; should it, the list ends with the error.
    let ready = match loaded.timeline.damage() {
        Some(why) => Err(why.to_string()),
        None if shown.len() <= PART => loaded.timeline.events_at(&shown).map(Some),
        None => loaded.timeline.check_at(&shown).map(|()| None),
    };
    match ready {
        Ok(decoded) => finish(args, &filter, &loaded, &shown, decoded)?,
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
            finish(args, &filter, &again, &shown, None)?;
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
    shown: &[usize],
    decoded: Option<Taken<'_>>,
) -> Result<(), Box<dyn std::error::Error>> {
    for p in &loaded.problems {
        note!("{p}");
    }
    warn_unknown_countries(filter, &loaded.timeline.gazetteer);
    write_cache_beside(loaded, || {
        print_shown(args.format, &loaded.timeline, shown, decoded)
    })
}

/// The most stored events `list` decodes at once.
const PART: usize = 16_384;

/// Prints the events at `shown` (indexes into `timeline`), a part at a
/// time, so that a list of a million stored events never holds them all;
/// `decoded`: the events of the first part, when they are decoded already.
fn print_shown(
    format: ListFormat,
    timeline: &Timeline,
    shown: &[usize],
    decoded: Option<Taken<'_>>,
) -> Result<(), Box<dyn std::error::Error>> {
    let skip = usize::from(decoded.is_some());
    let rest = shown.chunks(PART).skip(skip).map(|p| timeline.events_at(p));
    let mut parts = decoded.map(Ok).into_iter().chain(rest);
    match format {
        ListFormat::Table => {
            let width = terminal_width().unwrap_or(80);
            report::write_table_head(width, out)?;
            for events in parts {
                report::write_table_rows(&events?.refs(), width, out)?;
            }
            let extracted = shown.iter().filter(|&&i| timeline.is_extracted(i)).count();
            report::write_table_foot(shown.len(), timeline.len(), extracted, out)?;
        }
        ListFormat::Json => {
            let mut array = report::JsonArray::default();
            for events in &mut parts {
                let events = events?;
                // an event's JSON is some kilobytes: a few thousand at once
                for piece in events.refs().chunks(4096) {
                    array.write_items::<Box<dyn std::error::Error>>(piece, json_out)?;
                }
            }
            array.finish(json_out)?;
            out("\n")?;
        }
    }
    Ok(())
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
