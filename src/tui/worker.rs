//! The filter worker: a thread that runs filters over large timelines so that
//! typing never waits for one. The latest query wins: requests carry a
//! generation, a filter that is still running gives up as soon as a newer
//! request comes (it checks between chunks of events), and `update` drops any
//! result that is not for the newest request.
//!
//! The worker narrows when it can: while the query only grows (the user types
//! on) and the other filters stay the same, it filters the previous result
//! instead of every event. Otherwise it filters the events the country, tag,
//! date and origin filters keep, which it keeps for as long as those do not
//! change. Either way the work is the core's `Timeline::refine` over a list
//! of candidates.

use std::sync::mpsc::{self, Receiver, Sender};
use std::sync::{Arc, Weak};
use std::thread;

use crate::filter::Filter;
use crate::timeline::Timeline;

use super::shown::{self, Shown};

/// Candidates filtered between two looks for a newer request.
const CHUNK: usize = 32_768;

struct Request {
    generation: u64,
    timeline: Arc<Timeline>,
    filter: Filter,
}

/// The handle the loop keeps; dropping it ends the thread once it is idle.
pub struct FilterWorker {
    requests: Sender<Request>,
}

impl FilterWorker {
    /// Starts the thread. `deliver` hands each result (with its generation)
    /// back to the loop and returns false when nobody listens any more.
    pub fn spawn(
        deliver: impl Fn(u64, Shown) -> bool + Send + 'static,
    ) -> std::io::Result<FilterWorker> {
        let (requests, rx) = mpsc::channel();
        thread::Builder::new()
            .name("annals-filter".into())
            .spawn(move || serve(rx, deliver))?;
        Ok(FilterWorker { requests })
    }

    /// Asks for `filter` over `timeline`.
    pub fn request(&self, timeline: Arc<Timeline>, generation: u64, filter: Filter) {
        // the thread only stops when the loop is gone
        let _ = self.requests.send(Request {
            generation,
            timeline,
            filter,
        });
    }
}

/// What the worker keeps between requests, for one timeline.
#[derive(Default)]
struct Cache {
    timeline: Weak<Timeline>,
    /// The filter without its query, and the events it keeps.
    structured: Option<(Filter, Arc<Vec<usize>>)>,
    /// The last filter run to the end, and its result.
    last: Option<(Filter, Arc<Vec<usize>>)>,
}

fn without_query(f: &Filter) -> Filter {
    Filter {
        query: String::new(),
        ..f.clone()
    }
}

fn serve(rx: Receiver<Request>, deliver: impl Fn(u64, Shown) -> bool) {
    let mut cache = Cache::default();
    let mut next: Option<Request> = None;
    loop {
        let mut req = match next.take() {
            Some(r) => r,
            None => match rx.recv() {
                Ok(r) => r,
                Err(_) => return,
            },
        };
        // skip to the newest request: the ones before it are stale
        while let Ok(newer) = rx.try_recv() {
            req = newer;
        }
        if !Weak::ptr_eq(&cache.timeline, &Arc::downgrade(&req.timeline)) {
            cache = Cache {
                timeline: Arc::downgrade(&req.timeline),
                ..Cache::default()
            };
        }
        match run(&req, &mut cache, &rx) {
            Ok(result) => {
                cache.last = Some((result.filter.clone(), Arc::clone(&result.events)));
                drop(req.timeline);
                if !deliver(req.generation, result) {
                    return;
                }
            }
            Err(newer) => next = Some(newer),
        }
    }
}

/// Runs one request, or returns the newer request that came meanwhile.
fn run(req: &Request, cache: &mut Cache, rx: &Receiver<Request>) -> Result<Shown, Request> {
    let timeline = &req.timeline;
    let f = &req.filter;
    let structure = without_query(f);
    let grows = cache.last.as_ref().filter(|(last, _)| {
        without_query(last) == structure && f.query.starts_with(last.query.as_str())
    });
    let candidates = match grows {
        Some((_, events)) => Arc::clone(events),
        None => match &cache.structured {
            Some((s, events)) if *s == structure => Arc::clone(events),
            _ => {
                let events = Arc::new(timeline.filter(&structure));
                cache.structured = Some((structure.clone(), Arc::clone(&events)));
                events
            }
        },
    };
    if f.query.trim().is_empty() {
        return Ok(Shown::from_arc(timeline, f.clone(), candidates));
    }
    // with a search index one pass over every candidate takes milliseconds,
    // where each chunk would pass over the whole index again
    let chunk = if timeline.search_ready() {
        candidates.len().max(1)
    } else {
        CHUNK
    };
    let mut kept = Vec::new();
    for chunk in candidates.chunks(chunk) {
        if let Ok(newer) = rx.try_recv() {
            return Err(newer);
        }
        // every candidate passes the other filters: only the query is checked
        kept.extend(timeline.refine(f, &structure, chunk));
    }
    Ok(shown::from_events(timeline, f.clone(), kept))
}
