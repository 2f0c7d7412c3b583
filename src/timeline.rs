//! The timeline: every event, curated and extracted, in date order, with indexes
//! by country and tag.

use std::collections::{BTreeMap, HashMap};

use rayon::prelude::*;

use crate::filter::{Filter, Query};
use crate::search::SearchIndex;
use rayon::slice::ParallelSliceMut;

use crate::gazetteer::Gazetteer;
use crate::model::{Event, timeline_order};

/// Events in timeline order, with what the filters need to be quick.
pub struct Timeline {
    pub events: Vec<Event>,
    pub gazetteer: Gazetteer,
    by_country: HashMap<String, Vec<u32>>,
    by_tag: HashMap<String, Vec<u32>>,
    by_id: HashMap<String, u32>,
    search: SearchIndex,
}

impl Timeline {
    pub fn new(mut events: Vec<Event>, gazetteer: Gazetteer) -> Timeline {
        // sort by precomputed keys, then settle ties with the full order
        let mut keyed: Vec<(
            chrono::NaiveDate,
            std::cmp::Reverse<crate::model::Precision>,
            Event,
        )> = events
            .drain(..)
            .map(|e| (e.span_start(), std::cmp::Reverse(e.precision()), e))
            .collect();
        keyed.par_sort_by(|a, b| {
            (a.0, a.1)
                .cmp(&(b.0, b.1))
                .then_with(|| timeline_order(&a.2, &b.2))
        });
        events.extend(keyed.into_iter().map(|k| k.2));
        let mut by_country: HashMap<String, Vec<u32>> = HashMap::new();
        let mut by_tag: HashMap<String, Vec<u32>> = HashMap::new();
        let mut by_id = HashMap::with_capacity(events.len());
        for (i, e) in events.iter().enumerate() {
            let i = i as u32;
            for c in &e.countries {
                let v = by_country.entry(c.clone()).or_default();
                if v.last() != Some(&i) {
                    v.push(i);
                }
            }
            for t in &e.tags {
                let v = by_tag.entry(t.clone()).or_default();
                if v.last() != Some(&i) {
                    v.push(i);
                }
            }
            by_id.insert(e.id.clone(), i);
        }
        let search = SearchIndex::build(&events);
        Timeline {
            events,
            search,
            gazetteer,
            by_country,
            by_tag,
            by_id,
        }
    }

    pub fn len(&self) -> usize {
        self.events.len()
    }

    pub fn is_empty(&self) -> bool {
        self.events.is_empty()
    }

    /// The event's countries by name, in its order.
    pub fn country_names<'a>(&'a self, e: &'a Event) -> Vec<&'a str> {
        e.countries.iter().map(|c| self.gazetteer.name(c)).collect()
    }

    pub fn index_of(&self, id: &str) -> Option<usize> {
        self.by_id.get(id).map(|&i| i as usize)
    }

    /// Countries in the data with their event counts, most events first.
    pub fn country_counts(&self) -> Vec<(String, usize)> {
        counts(&self.by_country)
    }

    /// Tags in the data with their event counts, most events first.
    pub fn tag_counts(&self) -> Vec<(String, usize)> {
        counts(&self.by_tag)
    }

    /// Indexes (in timeline order) of the events the filter keeps.
    pub fn filter(&self, filter: &Filter) -> Vec<usize> {
        let candidates = self.candidates(filter);
        self.filter_candidates(filter, candidates.as_deref())
    }

    /// Like [`Timeline::filter`], reusing the result of a previous filter when
    /// the new one can only narrow it (same structured filters, and a query
    /// that extends the previous one), as when the user types one more letter.
    pub fn refine(&self, filter: &Filter, previous: &Filter, shown: &[usize]) -> Vec<usize> {
        if narrows(filter, previous) {
            self.filter_candidates(filter, Some(shown))
        } else {
            self.filter(filter)
        }
    }

    fn filter_candidates(&self, filter: &Filter, candidates: Option<&[usize]>) -> Vec<usize> {
        let query = Query::parse(&filter.query);
        let keep = |i: usize| {
            let e = &self.events[i];
            filter.keeps_structured(e) && (query.is_empty() || self.search.matches(&query, i, e))
        };
        const PARALLEL_FROM: usize = 20_000;
        match candidates {
            Some(list) if list.len() >= PARALLEL_FROM => {
                list.par_iter().copied().filter(|&i| keep(i)).collect()
            }
            Some(list) => list.iter().copied().filter(|&i| keep(i)).collect(),
            None if self.events.len() >= PARALLEL_FROM => (0..self.events.len())
                .into_par_iter()
                .filter(|&i| keep(i))
                .collect(),
            None => (0..self.events.len()).filter(|&i| keep(i)).collect(),
        }
    }

    /// The events the country and tag indexes allow, or `None` for all.
    fn candidates(&self, filter: &Filter) -> Option<Vec<usize>> {
        let pick = |index: &HashMap<String, Vec<u32>>, keys: &[String], all: bool| {
            if keys.is_empty() {
                return None;
            }
            let lists: Vec<&[u32]> = keys
                .iter()
                .map(|k| index.get(k).map_or(&[][..], |v| v.as_slice()))
                .collect();
            Some(if all {
                intersect(&lists)
            } else {
                union(&lists)
            })
        };
        let a = pick(&self.by_country, &filter.countries, filter.all_countries);
        let b = pick(&self.by_tag, &filter.tags, filter.all_tags);
        let merged = match (a, b) {
            (Some(a), Some(b)) => Some(intersect(&[&a, &b])),
            (a, b) => a.or(b),
        };
        merged.map(|v| v.into_iter().map(|i| i as usize).collect())
    }

    /// Year headings: for each year that has events, the index of its first one.
    pub fn year_starts(&self, shown: &[usize]) -> BTreeMap<i32, usize> {
        let mut out = BTreeMap::new();
        for (pos, &i) in shown.iter().enumerate() {
            out.entry(self.events[i].date.first_year()).or_insert(pos);
        }
        out
    }
}

/// True when every event `filter` keeps is also kept by `previous`.
fn narrows(filter: &Filter, previous: &Filter) -> bool {
    let same_structure = Filter {
        query: String::new(),
        ..filter.clone()
    } == Filter {
        query: String::new(),
        ..previous.clone()
    };
    let (new, old) = (filter.query.trim_start(), previous.query.trim_start());
    // each old word must still be there, extended or not, and none removed
    let new_words: Vec<&str> = new.split_whitespace().collect();
    let old_words: Vec<&str> = old.split_whitespace().collect();
    same_structure
        && old_words.len() <= new_words.len()
        && old_words
            .iter()
            .zip(&new_words)
            .all(|(o, n)| n.to_lowercase().starts_with(&o.to_lowercase()))
}

fn counts(index: &HashMap<String, Vec<u32>>) -> Vec<(String, usize)> {
    let mut v: Vec<(String, usize)> = index.iter().map(|(k, l)| (k.clone(), l.len())).collect();
    v.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    v
}

fn union(lists: &[&[u32]]) -> Vec<u32> {
    let mut out: Vec<u32> = lists.iter().flat_map(|l| l.iter().copied()).collect();
    out.sort_unstable();
    out.dedup();
    out
}

fn intersect(lists: &[&[u32]]) -> Vec<u32> {
    let Some((first, rest)) = lists.split_first() else {
        return Vec::new();
    };
    first
        .iter()
        .copied()
        .filter(|x| rest.iter().all(|l| l.binary_search(x).is_ok()))
        .collect()
}
