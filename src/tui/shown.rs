//! A filter's result, ready to draw: the events it keeps, their year
//! headings and the density strip's counts. Built once per result (on the
//! worker thread when the timeline is large), so that drawing a frame only
//! looks at the rows on screen.

use std::sync::Arc;

use chrono::Datelike;

use crate::filter::Filter;
use crate::timeline::Timeline;

use super::density::Density;
use super::key_runs::key_runs;

/// What a filter shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Shown {
    /// The filter this is the result of.
    pub filter: Filter,
    /// Timeline indexes of the events kept, in timeline order.
    pub events: Arc<Vec<usize>>,
    /// Year headings: (year, position in `events` of its first event).
    pub years: Vec<(i32, usize)>,
    pub density: Density,
}

/// Runs `filter` over the timeline. When `base` is the result of an earlier
/// filter over the same timeline, the core narrows it instead of scanning
/// every event if it can (the query only grew).
pub fn compute(timeline: &Timeline, filter: &Filter, base: Option<(&Filter, &[usize])>) -> Shown {
    let events = match base {
        Some((previous, shown)) => timeline.refine(filter, previous, shown),
        None => timeline.filter(filter),
    };
    from_events(timeline, filter.clone(), events)
}

/// The headings and density of a list of events in timeline order.
pub fn from_events(timeline: &Timeline, filter: Filter, events: Vec<usize>) -> Shown {
    Shown::from_arc(timeline, filter, Arc::new(events))
}

impl Shown {
    /// Like [`from_events`], for a list that is shared already.
    pub fn from_arc(timeline: &Timeline, filter: Filter, events: Arc<Vec<usize>>) -> Shown {
        let years = key_runs(&events, |i| timeline.span_start(i).year() as i64)
            .into_iter()
            .map(|(y, p)| (y as i32, p))
            .collect();
        let density = Density::compute(timeline, &events);
        Shown {
            filter,
            events,
            years,
            density,
        }
    }
}
