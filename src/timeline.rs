//! The timeline: every event, curated and extracted, in date order, with indexes
//! by country and tag.

use std::collections::{BTreeMap, HashMap};

use crate::filter::{Filter, Query};
use crate::gazetteer::Gazetteer;
use crate::model::{Event, timeline_order};

/// Events in timeline order, with what the filters need to be quick.
pub struct Timeline {
    pub events: Vec<Event>,
    pub gazetteer: Gazetteer,
    by_country: HashMap<String, Vec<u32>>,
    by_tag: HashMap<String, Vec<u32>>,
    by_id: HashMap<String, u32>,
}

impl Timeline {
    pub fn new(mut events: Vec<Event>, gazetteer: Gazetteer) -> Timeline {
        events.sort_by(timeline_order);
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
        Timeline {
            events,
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
        let query = Query::parse(&filter.query);
        let candidates = self.candidates(filter);
        let keep =
            |i: usize| filter.keeps_structured(&self.events[i]) && query.matches(&self.events[i]);
        match candidates {
            Some(list) => list.into_iter().filter(|&i| keep(i)).collect(),
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
