//! Loading the data on a thread, so that the explorer draws its first frame
//! at once and shows how the load is going instead of a blank screen.
//!
//! `Progress` is the seam between the loader and the screen: the load writes
//! to it, and the loop reads it every tenth of a second and passes it to
//! `update` as `Action::Progress`. The loader reports its stage and counts
//! (catalog bytes, files read, articles processed), which become the phase and
//! the bar shown, and may offer a preview (part of the data), which the loop
//! passes on as `Action::Preview`.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::Instant;

use crate::diag::{LoadError, Problem};
use crate::filter::Filter;
use crate::gazetteer::Gazetteer;
use crate::loader::{self, Sources, Stage};
use crate::model::Event;
use crate::timeline::Timeline;

use super::action::{Fresh, LoadStatus};
use super::shown;

/// How a load is going, shared between the loading thread and the loop.
pub struct Progress {
    started: Instant,
    reload: bool,
    phase: Mutex<String>,
    done: AtomicU64,
    total: AtomicU64,
}

impl Progress {
    pub fn new(reload: bool) -> Progress {
        Progress {
            started: Instant::now(),
            reload,
            phase: Mutex::new("starting".into()),
            done: AtomicU64::new(0),
            total: AtomicU64::new(0),
        }
    }

    /// What the load is doing now, in a few words ("reading the articles").
    pub fn set_phase(&self, phase: &str) {
        if let Ok(mut p) = self.phase.lock() {
            phase.clone_into(&mut p);
        }
        self.total.store(0, Ordering::Relaxed);
        self.done.store(0, Ordering::Relaxed);
    }

    /// Work done out of the total in the current phase.
    pub fn set_counts(&self, done: u64, total: u64) {
        self.total.store(total, Ordering::Relaxed);
        self.done.store(done, Ordering::Relaxed);
    }

    /// The status as the explorer shows it.
    pub fn status(&self) -> LoadStatus {
        LoadStatus {
            reload: self.reload,
            tenths: (self.started.elapsed().as_millis() / 100) as u64,
            phase: self.phase.lock().map(|p| p.clone()).unwrap_or_default(),
            done: self.done.load(Ordering::Relaxed),
            total: self.total.load(Ordering::Relaxed),
        }
    }
}

/// Loaded data ready for the explorer, with its problems for printing.
pub struct Ready {
    pub fresh: Fresh,
    pub problems: Vec<Problem>,
    /// The cache's timeline file, to write from the timeline once it is
    /// shown (see [`spawn`]).
    pub cache: Option<Box<loader::CacheWriter>>,
}

/// Loads the data, reporting to `progress`, and prepares what the explorer
/// shows first (the unfiltered timeline), so the loop only swaps it in.
pub fn load(sources: &Sources, progress: &Progress) -> Result<Ready, LoadError> {
    load_previewing(sources, progress, &|_| {})
}

/// The most events a preview shows.
pub const PREVIEW_EVENTS: usize = 50_000;

/// A timeline of (at most [`PREVIEW_EVENTS` of) the events the loader offers
/// as a preview, ready for the explorer.
pub fn preview(events: &[Event], gazetteer: &Gazetteer) -> Fresh {
    let events = events[..events.len().min(PREVIEW_EVENTS)].to_vec();
    let timeline = Arc::new(Timeline::new(events, gazetteer.clone()));
    let unfiltered = shown::compute(&timeline, &Filter::default(), None);
    Fresh {
        problems: 0,
        warning: None,
        timeline,
        unfiltered: Some(unfiltered),
    }
}

/// [`load`], handing `show` a preview of the data when the loader offers one
/// (the first part of a large catalog, or the catalog before many articles).
pub fn load_previewing(
    sources: &Sources,
    progress: &Progress,
    show: &(dyn Fn(Fresh) + Sync),
) -> Result<Ready, LoadError> {
    progress.set_phase("reading the catalog");
    let stage = Mutex::new(None);
    let on_preview = |events: &[Event], gazetteer: &Gazetteer| show(preview(events, gazetteer));
    let mut loaded = loader::load_with_preview(
        sources,
        &|p: loader::Progress| {
            let Ok(mut stage) = stage.lock() else {
                return;
            };
            if *stage != Some(p.stage) {
                *stage = Some(p.stage);
                progress.set_phase(phase_name(p.stage));
            }
            match p.stage {
                // bytes, shown in KiB
                Stage::Catalog => {
                    progress.set_counts(p.done.div_ceil(1024), p.total.div_ceil(1024))
                }
                _ => progress.set_counts(p.done, p.total),
            }
        },
        &on_preview,
    )?;
    progress.set_phase("preparing the timeline");
    let cache = loaded.cache_writer().map(Box::new);
    let timeline = Arc::new(loaded.timeline);
    let unfiltered = shown::compute(&timeline, &Filter::default(), None);
    Ok(Ready {
        fresh: Fresh {
            problems: loaded.problems.len(),
            warning: loaded.cache.warning,
            timeline: Arc::<Timeline>::clone(&timeline),
            unfiltered: Some(unfiltered),
        },
        problems: loaded.problems,
        cache,
    })
}

/// How the explorer names a stage of loading.
fn phase_name(stage: Stage) -> &'static str {
    match stage {
        Stage::Catalog => "reading the catalog (KiB)",
        Stage::Reading => "reading the articles",
        Stage::Articles => "finding dates and events in the articles",
        Stage::Timeline => "building the timeline",
    }
}

/// Builds the timeline's search index on a thread pool of its own. Queries
/// typed meanwhile are read event by event on rayon's global pool; were the
/// index built there too, their work would queue behind all of the index's
/// (seconds, for a million events) instead of sharing the cores with it.
pub fn build_search_aside(timeline: &Timeline) {
    let pool = rayon::ThreadPoolBuilder::new()
        .thread_name(|k| format!("annals-index-{k}"))
        .build();
    match pool {
        Ok(pool) => pool.install(|| timeline.prepare_search()),
        // no threads to be had: build it here, one core
        Err(_) => timeline.prepare_search(),
    }
}

/// Runs `load_previewing` on a thread, handing previews to `show`, the
/// result to `deliver`, and why the cache's timeline file could not be
/// written, if it could not, to `warn` (it is also kept for
/// [`wait_for_cache_write`], to print once the terminal is restored).
pub fn spawn(
    sources: Sources,
    progress: Arc<Progress>,
    show: impl Fn(Fresh) + Send + Sync + 'static,
    deliver: impl FnOnce(Result<Ready, LoadError>) + Send + 'static,
    warn: impl FnOnce(String) + Send + 'static,
) -> std::io::Result<()> {
    thread::Builder::new()
        .name("annals-load".into())
        .spawn(move || {
            let mut result = load_previewing(&sources, &progress, &show);
            let timeline = result.as_ref().ok().map(|r| Arc::clone(&r.fresh.timeline));
            let cache = result.as_mut().ok().and_then(|r| r.cache.take());
            // held from before the data is handed over, so that one who waits
            // for the file (see `wait_for_cache_write`) cannot miss it
            let writing = cache.is_some().then(|| lock(&WRITING));
            deliver(result);
            // the search index, built after the first frame shows the data:
            // until it is ready, queries read every event. The cache's
            // timeline file is written after it, and stores it: building a
            // second index for the file took some 60 MB more at the peak
            // over 10,000 articles
            if let Some(timeline) = timeline {
                build_search_aside(&timeline);
                if let Some(w) = cache.and_then(|c| c.write(&timeline)) {
                    warn(w.clone());
                    *lock(&CACHE_WARNING) = Some(w);
                }
                drop(writing);
            }
        })?;
    Ok(())
}

/// Held while the search index is built and then the cache's timeline file
/// written from it.
static WRITING: Mutex<()> = Mutex::new(());

/// Why the cache's timeline file could not be written, if it could not.
static CACHE_WARNING: Mutex<Option<String>> = Mutex::new(None);

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

/// Waits until the cache's timeline file a load is writing is written (so
/// that a process that ends leaves no part of one), and says why it could
/// not be written, if it could not.
pub fn wait_for_cache_write() -> Option<String> {
    drop(lock(&WRITING));
    lock(&CACHE_WARNING).take()
}
