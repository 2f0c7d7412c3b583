//! The command line's subcommands, one file each, and what they share:
//! loading with a progress bar on standard error, the problems of the data
//! printed there, the filter arguments applied, and the width of tables.
//! (Part of the binary, not of the core.)

pub mod articles;
pub mod cache;
pub mod check;
pub mod events;
pub mod explore;
pub mod export;
pub mod extract;
pub mod list;

use std::io::{self, IsTerminal};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use annals::diag::LoadError;
use annals::filter::Filter;
use annals::loader::{self, Loaded, Progress, Sources, Stage};
use annals::text::inert;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use crate::console::note;
use crate::{DataArgs, FilterArgs, UsageError};

/// Loads the data; when standard error is a terminal and loading takes more
/// than a moment, with a progress bar there.
pub fn load_showing_progress(sources: &Sources) -> Result<Loaded, LoadError> {
    let loaded = if !io::stderr().is_terminal() {
        loader::load(sources)
    } else {
        let bar = LoadBar::new();
        let loaded = loader::load_with_progress(sources, &|p| bar.update(p));
        bar.bar.finish_and_clear();
        loaded
    };
    if let Ok(Some(w)) = loaded.as_ref().map(|l| &l.cache.warning) {
        note!("annals: warning: {}", inert(w));
    }
    loaded
}

/// A progress bar on standard error that appears only once loading has
/// taken a quarter of a second.
struct LoadBar {
    bar: ProgressBar,
    started: Instant,
    stage: Mutex<Option<Stage>>,
}

impl LoadBar {
    fn new() -> LoadBar {
        LoadBar {
            bar: ProgressBar::with_draw_target(None, ProgressDrawTarget::hidden()),
            started: Instant::now(),
            stage: Mutex::new(None),
        }
    }

    fn update(&self, p: Progress) {
        if self.bar.is_hidden() && self.started.elapsed() >= Duration::from_millis(250) {
            self.bar.set_draw_target(ProgressDrawTarget::stderr());
        }
        let Ok(mut stage) = self.stage.lock() else {
            return;
        };
        if *stage != Some(p.stage) {
            *stage = Some(p.stage);
            let (template, message) = match p.stage {
                Stage::Catalog => (
                    "{msg} [{bar:30}] {bytes}/{total_bytes}",
                    "reading the catalog",
                ),
                Stage::Reading => ("{msg} [{bar:30}] {pos}/{len}", "reading articles"),
                Stage::Articles => (
                    "{msg} [{bar:30}] {pos}/{len} ({eta} left)",
                    "finding dates in articles",
                ),
                Stage::Timeline => ("{msg} {spinner}", "building the timeline"),
            };
            if let Ok(style) = ProgressStyle::with_template(template) {
                self.bar.set_style(style.progress_chars("=> "));
            }
            self.bar.set_message(message);
            self.bar.reset();
        }
        self.bar.set_length(p.total);
        self.bar.set_position(p.done);
    }
}

/// Loads what `sources` name, printing its problems to standard error.
pub fn load_reporting(sources: &Sources) -> Result<Loaded, LoadError> {
    let loaded = load_showing_progress(sources)?;
    for p in &loaded.problems {
        note!("{p}");
    }
    Ok(loaded)
}

/// Loads the data and applies the filter arguments, warning about country
/// codes the gazetteer does not know.
pub fn load_filtered(
    data: &DataArgs,
    args: &FilterArgs,
) -> Result<(Loaded, Filter, Vec<usize>), Box<dyn std::error::Error>> {
    let filter = args.filter().map_err(UsageError)?;
    let loaded = load_reporting(&data.sources())?;
    warn_unknown_countries(&filter, &loaded.timeline.gazetteer);
    let shown = loaded.timeline.filter(&filter);
    Ok((loaded, filter, shown))
}

/// Warns about each country code of `filter` the gazetteer does not know.
pub fn warn_unknown_countries(filter: &Filter, gazetteer: &annals::gazetteer::Gazetteer) {
    for c in &filter.countries {
        if !gazetteer.contains(c) {
            note!("annals: warning: unknown country code `{}`", inert(c));
        }
    }
}

/// Runs `show` (which prints what was loaded) while the cache's timeline
/// file is written on another thread, when the load left one to write, and
/// waits for both: the data is shown no later for it. A file that cannot be
/// written is a warning.
pub fn write_cache_beside<T>(loaded: &Loaded, show: impl FnOnce() -> T) -> T {
    if !loaded.cache_to_write() {
        return show();
    }
    let (shown, warning) = std::thread::scope(|scope| {
        let writer = scope.spawn(|| loaded.write_cache());
        let shown = show();
        (shown, writer.join().ok().flatten())
    });
    if let Some(w) = warning {
        note!("annals: warning: {}", inert(&w));
    }
    shown
}

/// Leaves the loaded data for the operating system to take back when the
/// process exits, which it does at once: freeing a million events one by one
/// would take a noticeable part of a second.
pub fn exit_without_freeing(loaded: Loaded) {
    std::mem::forget(loaded);
}

/// Writes events to standard output as a pretty JSON array and a line break,
/// with the characters a terminal would act on escaped
/// ([`annals::text::json_inert`]).
pub fn write_json(events: &[&annals::model::Event]) -> Result<(), Box<dyn std::error::Error>> {
    annals::report::write_events_json::<Box<dyn std::error::Error>>(events, json_out)?;
    crate::console::out("\n")?;
    Ok(())
}

/// Writes a piece of JSON to standard output, with the characters a
/// terminal would act on escaped ([`annals::text::json_inert`]).
pub fn json_out(piece: &str) -> Result<(), Box<dyn std::error::Error>> {
    Ok(crate::console::out(&annals::text::json_inert(
        piece.to_string(),
    ))?)
}

/// The width to print tables at, never more than a screen could show (a huge
/// `COLUMNS` would pad every line to it).
pub fn terminal_width() -> Option<usize> {
    const WIDEST: usize = 1000;
    annals::tui::terminal::width().map(|w| w.min(WIDEST))
}

/// The map step over the sources' articles, with a progress bar as
/// [`load_showing_progress`] shows one.
pub fn map_showing_progress(sources: &Sources) -> Result<loader::Mapped, LoadError> {
    if !io::stderr().is_terminal() {
        return loader::map_sources(sources, &|_| {});
    }
    let bar = LoadBar::new();
    let mapped = loader::map_sources(sources, &|p| bar.update(p));
    bar.bar.finish_and_clear();
    mapped
}
