//! The reduce step: every article's results, in any order, linked to the
//! catalog and built into one timeline.

use std::collections::HashMap;
use std::path::Path;

use rayon::prelude::*;

use super::{Loaded, OnProgress, Progress, Stage, Stats};
use crate::catalog::Catalog;
use crate::diag::Problem;
use crate::events::Candidate;
use crate::gazetteer::Gazetteer;
use crate::mapped::ArticleResult;
use crate::model::{Event, Source};
use crate::timeline::Timeline;

/// The reduce step: links what the articles gave to the catalog's events,
/// merges the events found in them, and builds the timeline. The articles'
/// results may come in any order: they are taken in the order of their file
/// references, so the timeline is the same however they were gathered. A
/// local load and `annals events --from-mentions` both end here.
pub fn reduce(
    gazetteer: Gazetteer,
    catalog: Catalog,
    results: Vec<ArticleResult>,
    problems: Vec<Problem>,
    progress: OnProgress,
) -> Loaded {
    let results = results.into_iter().map(Reducible::whole).collect();
    reduce_mapped(gazetteer, catalog, results, problems, progress)
}

/// One article's results as the reduce step takes them: with its mention
/// records, or with the candidates already made from them and the records
/// dropped ([`Reducible::lean`]).
pub(super) struct Reducible {
    result: ArticleResult,
    /// How many mention records the article gave.
    mentions: usize,
    /// The candidates made from the records, when they were made at once,
    /// each in a box of its own (see [`crate::events::merging::merge_each`]).
    // boxed on purpose: see `crate::events::boxed`
    #[allow(clippy::vec_box)]
    candidates: Option<Vec<Box<Candidate>>>,
}

impl Reducible {
    /// The results as they are: the load keeps their mention records.
    pub(super) fn whole(result: ArticleResult) -> Reducible {
        Reducible {
            mentions: result.mentions.len(),
            candidates: None,
            result,
        }
    }

    /// The results with their candidates made now and their mention records
    /// dropped, so that a load that keeps no records never holds those of
    /// every article at once.
    pub(super) fn lean(mut result: ArticleResult) -> Reducible {
        // kept until every article is read
        let candidates = crate::events::boxed(crate::events::candidates_of(
            &result.article,
            &result.mentions,
        ));
        let mentions = std::mem::take(&mut result.mentions).len();
        Reducible {
            result,
            mentions,
            candidates: Some(candidates),
        }
    }
}

/// [`reduce`] over results that may carry their candidates already: those
/// that do leave no mention records in [`Loaded::mentions`].
pub(super) fn reduce_mapped(
    gazetteer: Gazetteer,
    catalog: Catalog,
    mut results: Vec<Reducible>,
    mut problems: Vec<Problem>,
    progress: OnProgress,
) -> Loaded {
    problems.extend(catalog.problems);
    let mut events = catalog.events;
    // how many sources each event had before this step: those are kept as
    // they are, and only the added ones are checked for repeats
    let mut had: Vec<usize> = events.iter().map(|e| e.sources.len()).collect();
    results.sort_by(|a, b| file_order(&a.result.article.file, &b.result.article.file));
    let mut stats = Stats {
        articles: results.iter().filter(|r| r.result.row.is_some()).count(),
        ..Default::default()
    };
    for r in &results {
        stats.mentions += r.mentions;
    }
    // what the map step freed (the files' bytes) goes back before building
    crate::memory::give_back();
    // events from the mentions no catalog event took ([`crate::events`]):
    // each article's candidates (made here unless the map step made them),
    // in the order of the articles
    let made: Vec<Vec<Box<Candidate>>> = results
        .par_iter_mut()
        .map(|r| {
            r.candidates.take().unwrap_or_else(|| {
                crate::events::boxed(crate::events::candidates_of(
                    &r.result.article,
                    &r.result.mentions,
                ))
            })
        })
        .collect();
    // the sources the articles give catalog events: those the map step
    // linked, in the order of the articles, then (as events are built) those
    // of the events merged into them; each event's list made the size it
    // ends at first, where growing it by doubling took tens of megabytes
    // over 10,000 articles
    let mut added = vec![0usize; events.len()];
    for (idx, _) in results.iter().flat_map(|r| &r.result.links) {
        added[*idx] += 1;
    }
    for (e, n) in events.iter_mut().zip(&added) {
        e.sources.reserve_exact(*n);
    }
    drop(added);
    for r in &mut results {
        for (idx, source) in r.result.links.drain(..) {
            events[idx].sources.push(source);
            stats.links += 1;
        }
        r.result.links = Vec::new();
    }
    let built = crate::events::build_from(made, &mut events);
    stats.links += built.links;
    // A catalog may carry extracted events already (a JSON export loaded
    // back): the same event found again, by id or by date and title, adds
    // only the sources it lacks. The new ones follow the catalog's events,
    // in the order they were built: the catalog's are put in front of them,
    // in the room the new ones' list has for them, so that neither list is
    // copied.
    let mut extracted_keys = ByKey::default();
    let mut catalog_ids: HashMap<String, usize> = HashMap::new();
    let catalog_len = events.len();
    // the keys' hashes, made on every core: those of the catalog's
    // extracted events and of the new ones
    let mut hashes: Vec<u64> = Vec::new();
    if !built.events.is_empty() {
        let mut all = built.events;
        all.splice(0..0, events);
        events = all;
        hashes = events
            .par_iter()
            .enumerate()
            .map(|(i, e)| {
                if i >= catalog_len || e.is_extracted() {
                    ByKey::hash(e)
                } else {
                    0
                }
            })
            .collect();
        for (i, e) in events[..catalog_len].iter().enumerate() {
            catalog_ids.insert(e.id.clone(), i);
            if e.is_extracted() {
                extracted_keys.insert(&events, i, hashes[i]);
            }
        }
    }
    had.reserve_exact(events.len() - catalog_len);
    // the new events found again, whose sources went to the first
    let mut again = vec![false; events.len()];
    for i in catalog_len..events.len() {
        let found = catalog_ids
            .get(&events[i].id)
            .copied()
            .or_else(|| extracted_keys.find(&events, i, hashes[i]));
        match found {
            Some(first) => {
                let sources = std::mem::take(&mut events[i].sources);
                events[first].sources.extend(sources);
                again[i] = true;
            }
            None => {
                extracted_keys.insert(&events, i, hashes[i]);
                had.push(events[i].sources.len());
            }
        }
    }
    if again.iter().any(|&a| a) {
        let mut again = again.into_iter();
        events.retain(|_| !again.next().unwrap_or(false));
    }
    let mut articles = Vec::with_capacity(results.len());
    let mut mentions = Vec::with_capacity(results.iter().map(|r| r.result.mentions.len()).sum());
    for Reducible { result: r, .. } in results {
        problems.extend(r.problems);
        articles.extend(r.row);
        mentions.extend(r.mentions);
    }
    // sources were added above without looking for the place among those an
    // event has: the repeats go here, once an event, so that an event cited
    // by thousands of mentions is not searched for each
    for (e, had) in events.iter_mut().zip(had) {
        drop_repeated_sources(e, had);
    }
    stats.events = events.len();
    stats.extracted = events.iter().filter(|e| e.is_extracted()).count();
    stats.curated = stats.events - stats.extracted;
    let step = |done| {
        progress(Progress {
            stage: Stage::Timeline,
            done,
            total: 1,
        })
    };
    step(0);
    let timeline = Timeline::new(events, gazetteer);
    step(1);
    Loaded {
        timeline,
        mentions,
        problems,
        stats,
        cache: Default::default(),
        articles,
        to_cache: None,
    }
}

/// The order of article file references: by path, and the items of one feed
/// (`news.xml#2`, `news.xml#10`) by their number.
pub fn file_order(a: &str, b: &str) -> std::cmp::Ordering {
    fn split(s: &str) -> (&str, Option<u64>) {
        match s.rsplit_once('#') {
            Some((file, n)) if !n.is_empty() && n.bytes().all(|c| c.is_ascii_digit()) => {
                (file, n.parse().ok())
            }
            _ => (s, None),
        }
    }
    let (fa, na) = split(a);
    let (fb, nb) = split(b);
    Path::new(fa).cmp(Path::new(fb)).then(na.cmp(&nb))
}

fn extracted_key(e: &Event) -> (String, String) {
    (e.date.to_string(), e.title.to_lowercase())
}

/// Events by their [`extracted_key`], held as their places in a list of
/// events with the key's hash ([`ByKey::hash`], made once for each event
/// and kept, so that growing the table makes no key again): a map holding
/// each key's two strings took some 20 MB over 130,000 events, for the few
/// that are found again. A key is made only to compare two events whose
/// hashes are equal.
#[derive(Default)]
struct ByKey(hashbrown::HashTable<(u64, usize)>);

impl ByKey {
    fn hash(e: &Event) -> u64 {
        use std::hash::{Hash, Hasher};
        let mut h = rustc_hash::FxHasher::default();
        extracted_key(e).hash(&mut h);
        h.finish()
    }

    /// Lists `events[i]`, whose key's hash is `hash`, under its key, in the
    /// place of the event listed there before (as a map puts a value).
    fn insert(&mut self, events: &[Event], i: usize, hash: u64) {
        match self.0.find_mut(hash, Self::same(events, i, hash)) {
            Some(listed) => listed.1 = i,
            None => {
                self.0.insert_unique(hash, (hash, i), |&(h, _)| h);
            }
        }
    }

    /// The event listed under the key of `events[i]`, whose hash is `hash`.
    fn find(&self, events: &[Event], i: usize, hash: u64) -> Option<usize> {
        self.0
            .find(hash, Self::same(events, i, hash))
            .map(|&(_, j)| j)
    }

    /// True for a listing of an event with the key of `events[i]`.
    fn same(events: &[Event], i: usize, hash: u64) -> impl Fn(&(u64, usize)) -> bool {
        move |&(h, j)| h == hash && extracted_key(&events[j]) == extracted_key(&events[i])
    }
}

/// The place a source cites: its article and span.
fn place(s: &Source) -> (&str, usize, usize, bool) {
    (s.article.file.as_str(), s.start, s.end, s.dated)
}

/// Drops each source after the first `had` that cites a place an earlier
/// source of the event cites (the same article, the same span): an exported
/// catalog loaded back cites again what the articles find.
fn drop_repeated_sources(event: &mut Event, had: usize) {
    let n = event.sources.len();
    if n <= had.max(1) {
        return;
    }
    let repeated: Vec<bool> = if n <= 16 {
        (0..n)
            .map(|i| {
                i >= had && {
                    let p = place(&event.sources[i]);
                    event.sources[..i].iter().any(|s| place(s) == p)
                }
            })
            .collect()
    } else {
        let mut seen = std::collections::HashSet::with_capacity(n);
        (0..n)
            .map(|i| !seen.insert(place(&event.sources[i])) && i >= had)
            .collect()
    };
    if repeated.iter().any(|&r| r) {
        let mut flags = repeated.into_iter();
        event.sources.retain(|_| !flags.next().unwrap_or(false));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn events_are_found_by_date_and_title_in_any_case() {
        let day = |d: &str| d.parse::<crate::model::DateValue>().unwrap();
        let events = [
            Event::bare(day("2019-07-12"), "Russia delivers the S-400"),
            Event::bare(day("2019-07"), "Russia delivers the S-400"),
            Event::bare(day("2019-07-12"), "RUSSIA DELIVERS THE S-400"),
            Event::bare(day("2019-07-12"), "Russia delivers the S-400s"),
            Event::bare(day("2019-07-12"), "russia delivers the s-400"),
        ];
        let hashes: Vec<u64> = events.iter().map(ByKey::hash).collect();
        let mut keys = ByKey::default();
        assert_eq!(keys.find(&events, 0, hashes[0]), None);
        keys.insert(&events, 0, hashes[0]);
        keys.insert(&events, 1, hashes[1]);
        // the same day and title in other capitals; not another date, not
        // another title
        assert_eq!(keys.find(&events, 2, hashes[2]), Some(0));
        assert_eq!(keys.find(&events, 1, hashes[1]), Some(1));
        assert_eq!(keys.find(&events, 3, hashes[3]), None);
        // of two listed under one key, the last (as a map would keep it)
        keys.insert(&events, 4, hashes[4]);
        assert_eq!(keys.find(&events, 2, hashes[2]), Some(4));
        // many events: the table grows, and each is found under its key
        let many: Vec<Event> = (0..5000)
            .map(|i| Event::bare(day("2019-07-12"), &format!("Talks, round {i}")))
            .collect();
        let hashes: Vec<u64> = many.iter().map(ByKey::hash).collect();
        let mut keys = ByKey::default();
        for (i, &hash) in hashes.iter().enumerate() {
            keys.insert(&many, i, hash);
        }
        for (i, &hash) in hashes.iter().enumerate() {
            assert_eq!(keys.find(&many, i, hash), Some(i));
        }
    }

    #[test]
    fn feed_items_keep_their_order_after_the_file_they_come_from() {
        let mut files = vec!["b.txt", "news.xml#10", "a.html", "news.xml#2", "news.xml#1"];
        files.sort_by(|a, b| file_order(a, b));
        assert_eq!(
            files,
            ["a.html", "b.txt", "news.xml#1", "news.xml#2", "news.xml#10"]
        );
    }
}
