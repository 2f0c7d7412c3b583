//! A filter's result, ready to draw: the events it keeps, their year
//! headings and the density strip's counts. Built once per result (on the
//! worker thread when the timeline is large), so that drawing a frame only
//! looks at the rows on screen.

use std::sync::Arc;

use chrono::Datelike;

use crate::filter::Filter;
use crate::timeline::Timeline;

use super::density::Density;

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
        let years = runs(&events, |i| timeline.events[i].span_start().year() as i64)
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

/// The runs of equal keys in `list`, as (key, position of the run's first
/// item), for a key that never decreases along the list. Each run's end is
/// found by galloping then halving, so the cost grows with the number of runs,
/// not with the length of the list: a million events over a century take a
/// few thousand key reads.
pub fn runs(list: &[usize], key: impl Fn(usize) -> i64) -> Vec<(i64, usize)> {
    let mut out = Vec::new();
    let mut pos = 0;
    while pos < list.len() {
        let k = key(list[pos]);
        out.push((k, pos));
        // gallop to a position past the run, then search back
        let mut step = 1;
        let mut lo = pos;
        let mut hi = pos + 1;
        while hi < list.len() && key(list[hi]) == k {
            lo = hi;
            hi = (hi + step).min(list.len());
            step *= 2;
        }
        // the run ends in (lo, hi]: lo is in it, hi is not (or is the end)
        let end = lo + 1 + list[lo + 1..hi].partition_point(|&i| key(i) == k);
        pos = end;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn brute(list: &[usize], key: impl Fn(usize) -> i64) -> Vec<(i64, usize)> {
        let mut out: Vec<(i64, usize)> = Vec::new();
        for (p, &i) in list.iter().enumerate() {
            let k = key(i);
            if out.last().is_none_or(|&(last, _)| last != k) {
                out.push((k, p));
            }
        }
        out
    }

    #[test]
    fn runs_match_a_plain_scan() {
        // keys by value: runs of every length, from 1 to 300
        let mut keys: Vec<i64> = Vec::new();
        for (k, len) in [1usize, 2, 3, 7, 1, 64, 65, 300, 1, 1, 2]
            .iter()
            .enumerate()
        {
            keys.extend(std::iter::repeat_n(k as i64 * 3 - 5, *len));
        }
        let list: Vec<usize> = (0..keys.len()).collect();
        assert_eq!(runs(&list, |i| keys[i]), brute(&list, |i| keys[i]));
        for cut in 0..list.len() {
            assert_eq!(
                runs(&list[cut..], |i| keys[i]),
                brute(&list[cut..], |i| keys[i]),
                "from {cut}"
            );
        }
        assert!(runs(&[], |i| i as i64).is_empty());
    }
}
