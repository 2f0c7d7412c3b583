//! The timeline: every event, curated and extracted, in date order, with indexes
//! by country and tag.
//!
//! Its events are either held in memory or read one at a time from where
//! they are stored (the cache's timeline file, see [`StoredEvents`]): a
//! timeline of stored events keeps only its indexes and a few compact arrays
//! (each event's dates, origin, status and confidence), which is what the
//! filters read, and decodes an event when it is shown, exported or matched.

use std::borrow::Cow;
use std::collections::HashMap;

use std::hash::{BuildHasherDefault, Hasher};
use std::sync::OnceLock;

use chrono::{Datelike, NaiveDate};
use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use crate::filter::{Filter, Query};
use crate::gazetteer::Gazetteer;
use crate::model::{DateValue, Event, Precision, Status, timeline_order};
use crate::quick_hash::QuickHasher;
use crate::search::{self, SearchIndex};

/// Events in timeline order, with what the filters need to be quick.
pub struct Timeline {
    events: Events,
    pub gazetteer: Gazetteer,
    by_country: Index,
    by_tag: Index,
    /// Event indexes by the hash of their ids, sorted.
    by_id: Vec<(u64, u32)>,
    /// Each event's span start ([`Event::span_start`]).
    starts: Vec<NaiveDate>,
    /// Each event's span end (see [`Event::span_end`]).
    ends: Vec<NaiveDate>,
    /// Whether each event was found in an article.
    extracted: Vec<bool>,
    /// Each event's status and confidence, for their filters.
    status: Vec<Status>,
    confidence: Vec<Option<f32>>,
    /// Built by [`Timeline::prepare_search`]; until then queries read every
    /// event. (Stored events have their index where they are stored.)
    search: OnceLock<SearchIndex>,
}

/// Where a timeline's events are.
enum Events {
    Owned(Vec<Event>),
    Stored {
        store: Box<dyn StoredEvents>,
        /// Why the store turned out to be damaged, once it has.
        damage: OnceLock<String>,
    },
}

/// Events kept outside a timeline's memory, in timeline order, read when
/// asked for. A store checks what it reads (the cache's checks each event
/// against its own checksum), so that damage is found instead of shown.
pub trait StoredEvents: Send + Sync {
    /// How many events there are.
    fn len(&self) -> usize;
    fn is_empty(&self) -> bool {
        self.len() == 0
    }
    /// Event `i`; `Err` (why) when it cannot be read as it was stored.
    fn event(&self, i: usize) -> Result<Event, String>;
    /// The events among `candidates` (sorted indexes; every event when
    /// `None`) that `query` matches, in order, as [`Query::matches`] answers.
    fn select(&self, query: &Query, candidates: Option<&[usize]>) -> Result<Vec<usize>, String>;
    /// The events at `indexes` (sorted, each below [`StoredEvents::len`]),
    /// in their order; `Err` (why) when one cannot be read. Decoding many
    /// at once may be quicker, and keep less of the store in memory, than
    /// one by one.
    fn events_at(&self, indexes: &[usize]) -> Result<Vec<Event>, String> {
        indexes.iter().map(|&i| self.event(i)).collect()
    }
    /// `Err` (why) when one of the events at `indexes` (sorted, each below
    /// [`StoredEvents::len`]) cannot be read, so that a caller can know it
    /// before it shows any; a store that can tell without decoding them
    /// (the cache checks their checksums) keeps none in memory.
    fn check_at(&self, indexes: &[usize]) -> Result<(), String> {
        for &i in indexes {
            self.event(i)?;
        }
        Ok(())
    }
    /// Called once, when the store has been found damaged: it should see to
    /// it that the next load does not read it again.
    fn discard(&self);
}

/// The title shown for a stored event that could not be read (see
/// [`Timeline::event`]).
pub const UNREADABLE: &str = "(this event could not be read from the cache; reloading)";

/// Events taken from a timeline ([`Timeline::events_at`]): borrowed from a
/// timeline that holds its events (a reference each, where a list of
/// [`Cow`]s would take an event's whole size each), else decoded.
pub enum Taken<'a> {
    Borrowed(Vec<&'a Event>),
    Decoded(Vec<Event>),
}

impl Taken<'_> {
    /// The events, in order.
    pub fn refs(&self) -> Vec<&Event> {
        match self {
            Taken::Borrowed(events) => events.clone(),
            Taken::Decoded(events) => events.iter().collect(),
        }
    }
}

impl Timeline {
    pub fn new(events: Vec<Event>, gazetteer: Gazetteer) -> Timeline {
        // sort small keys (start, precision, the title's first bytes),
        // settling ties with the full order, then move the events into place
        let mut order: Vec<(NaiveDate, std::cmp::Reverse<Precision>, u128, u32)> = events
            .par_iter()
            .enumerate()
            .map(|(i, e)| {
                let key = (e.span_start(), std::cmp::Reverse(e.precision()));
                (key.0, key.1, title_key(&e.title), i as u32)
            })
            .collect();
        order.par_sort_by(|a, b| {
            (a.0, a.1, a.2)
                .cmp(&(b.0, b.1, b.2))
                .then_with(|| timeline_order(&events[a.3 as usize], &events[b.3 as usize]))
        });
        let mut from: Vec<u32> = order.iter().map(|o| o.3).collect();
        drop(order);
        let mut events = events;
        permute(&mut events, &mut from);
        Timeline::in_order(events, gazetteer)
    }

    /// A timeline of `events` that are in timeline order already (as
    /// [`Timeline::new`] leaves them, and as the cache stores them): nothing
    /// is sorted, and the indexes are built on every core. Events out of
    /// order give a timeline whose date filters miss some of them, so this is
    /// for events that came out of a timeline.
    pub fn in_order(events: Vec<Event>, gazetteer: Gazetteer) -> Timeline {
        /// Events per task building the country and tag indexes.
        const PIECE: usize = 1 << 15;
        let add = |index: &mut Index, key: &str, i: u32| {
            let v = match index.get_mut(key) {
                Some(v) => v,
                None => index.entry(key.to_string()).or_default(),
            };
            if v.last() != Some(&i) {
                v.push(i);
            }
        };
        // each piece indexes its events; the pieces' lists are joined in
        // order, so every list stays sorted
        let pieces: Vec<(Index, Index)> = events
            .par_chunks(PIECE)
            .enumerate()
            .map(|(p, chunk)| {
                let (mut by_country, mut by_tag) = (Index::default(), Index::default());
                for (k, e) in chunk.iter().enumerate() {
                    let i = (p * PIECE + k) as u32;
                    for c in &e.countries {
                        add(&mut by_country, c, i);
                    }
                    for t in &e.tags {
                        add(&mut by_tag, t, i);
                    }
                }
                (by_country, by_tag)
            })
            .collect();
        let join = |parts: Vec<Index>| {
            let mut parts = parts.into_iter();
            let mut all = parts.next().unwrap_or_default();
            for part in parts {
                for (key, list) in part {
                    all.entry(key).or_default().extend(list);
                }
            }
            all
        };
        let (countries, tags): (Vec<Index>, Vec<Index>) = pieces.into_iter().unzip();
        let ((by_country, by_tag), (by_id, arrays)) = rayon::join(
            || rayon::join(|| join(countries), || join(tags)),
            || {
                rayon::join(
                    || {
                        let mut by_id: Vec<(u64, u32)> = events
                            .par_iter()
                            .enumerate()
                            .map(|(i, e)| (id_hash(&e.id), i as u32))
                            .collect();
                        by_id.par_sort_unstable();
                        by_id
                    },
                    || Arrays::of(&events),
                )
            },
        );
        Timeline {
            events: Events::Owned(events),
            search: OnceLock::new(),
            gazetteer,
            by_country,
            by_tag,
            by_id,
            starts: arrays.starts,
            ends: arrays.ends,
            extracted: arrays.extracted,
            status: arrays.status,
            confidence: arrays.confidence,
        }
    }

    /// A timeline of the events in `store`, with the indexes `parts` (as
    /// [`Timeline::parts`] gave them for those events); `Err` (why) when
    /// the parts do not fit the store.
    pub fn stored(
        store: Box<dyn StoredEvents>,
        parts: Parts,
        gazetteer: Gazetteer,
    ) -> Result<Timeline, String> {
        let n = store.len();
        let Parts {
            by_country,
            by_tag,
            by_id,
            starts,
            ends,
            flags,
            confidence,
        } = parts;
        let sizes = [starts.len(), ends.len(), flags.len(), confidence.len()];
        if sizes.iter().any(|&s| s != n) || by_id.len() != n {
            return Err("its indexes do not count its events".into());
        }
        let index = |lists: Vec<(String, Vec<u32>)>| -> Result<Index, String> {
            let mut index = Index::default();
            for (key, list) in lists {
                let ordered = list.windows(2).all(|w| w[0] < w[1]);
                if !ordered || list.last().is_some_and(|&i| i as usize >= n) {
                    return Err("a list of its country or tag index is out of order".into());
                }
                index.insert(key, list);
            }
            Ok(index)
        };
        if by_id.windows(2).any(|w| w[0] > w[1]) || by_id.iter().any(|&(_, i)| i as usize >= n) {
            return Err("its index of ids is out of order".into());
        }
        let dates = |days: Vec<i32>| -> Result<Vec<NaiveDate>, String> {
            days.into_par_iter()
                .map(|d| NaiveDate::from_num_days_from_ce_opt(d).ok_or("a date is out of range"))
                .collect::<Result<_, _>>()
                .map_err(str::to_string)
        };
        let (status, extracted): (Vec<Status>, Vec<bool>) = flags
            .par_iter()
            .map(|&f| {
                let status = Status::ALL.get(usize::from(f >> 1)).copied();
                status.map(|s| (s, f & 1 != 0)).ok_or("a status is unknown")
            })
            .collect::<Result<Vec<_>, _>>()?
            .into_iter()
            .unzip();
        Ok(Timeline {
            events: Events::Stored {
                store,
                damage: OnceLock::new(),
            },
            gazetteer,
            by_country: index(by_country)?,
            by_tag: index(by_tag)?,
            by_id,
            starts: dates(starts)?,
            ends: dates(ends)?,
            extracted,
            status,
            confidence,
            search: OnceLock::new(),
        })
    }

    /// The timeline's indexes and arrays, to store beside its events (see
    /// [`Timeline::stored`]).
    pub fn parts(&self) -> Parts {
        let lists = |index: &Index| -> Vec<(String, Vec<u32>)> {
            let mut v: Vec<(String, Vec<u32>)> =
                index.iter().map(|(k, l)| (k.clone(), l.clone())).collect();
            v.sort_unstable_by(|a, b| a.0.cmp(&b.0));
            v
        };
        let days = |dates: &[NaiveDate]| dates.par_iter().map(|d| d.num_days_from_ce()).collect();
        let status = |s: Status| Status::ALL.iter().position(|&a| a == s).unwrap_or(0) as u8;
        Parts {
            by_country: lists(&self.by_country),
            by_tag: lists(&self.by_tag),
            by_id: self.by_id.clone(),
            starts: days(&self.starts),
            ends: days(&self.ends),
            flags: self
                .status
                .par_iter()
                .zip(&self.extracted)
                .map(|(&s, &x)| status(s) << 1 | u8::from(x))
                .collect(),
            confidence: self.confidence.clone(),
        }
    }

    /// Builds the search index, which makes each text query a matter of
    /// milliseconds over a million events (about 0.2 s of work per 100,000
    /// events on two cores, and some 350 to 400 bytes each). Until it is
    /// built, queries read every event, which suits a single query on the
    /// command line; the explorer builds it in the background once the data
    /// is loaded. Stored events have theirs stored with them.
    /// Building twice does nothing.
    pub fn prepare_search(&self) {
        if let Events::Owned(events) = &self.events {
            self.search.get_or_init(|| SearchIndex::build(events));
        }
    }

    /// The search index [`Timeline::prepare_search`] built, once it has.
    pub fn search_index(&self) -> Option<&SearchIndex> {
        self.search.get()
    }

    /// True once [`Timeline::prepare_search`] has finished.
    pub fn search_ready(&self) -> bool {
        matches!(self.events, Events::Stored { .. }) || self.search.get().is_some()
    }

    pub fn len(&self) -> usize {
        self.starts.len()
    }

    pub fn is_empty(&self) -> bool {
        self.starts.is_empty()
    }

    /// True when the events are read from where they are stored.
    pub fn is_stored(&self) -> bool {
        matches!(self.events, Events::Stored { .. })
    }

    /// Event `i` (which must be below [`Timeline::len`]). A stored event
    /// that cannot be read is shown as what it is: an event of its year
    /// titled [`UNREADABLE`]; the timeline remembers the damage
    /// ([`Timeline::damage`]) so that its holder loads the data again.
    pub fn event(&self, i: usize) -> Cow<'_, Event> {
        self.try_event(i)
            .unwrap_or_else(|_| Cow::Owned(self.unreadable(i)))
    }

    /// [`Timeline::event`], `None` past the end.
    pub fn get(&self, i: usize) -> Option<Cow<'_, Event>> {
        (i < self.len()).then(|| self.event(i))
    }

    /// Event `i`, or why it cannot be read (which the timeline remembers).
    pub fn try_event(&self, i: usize) -> Result<Cow<'_, Event>, String> {
        match &self.events {
            Events::Owned(events) => events
                .get(i)
                .map(Cow::Borrowed)
                .ok_or_else(|| format!("there is no event {i}")),
            Events::Stored { .. } if i >= self.len() => Err(format!("there is no event {i}")),
            Events::Stored { store, .. } => store
                .event(i)
                .map(Cow::Owned)
                .map_err(|why| self.damaged(why)),
        }
    }

    /// `Err` (why, which the timeline remembers) when one of the events at
    /// `indexes` (sorted) cannot be read; always `Ok` for events held in
    /// memory. See [`StoredEvents::check_at`].
    pub fn check_at(&self, indexes: &[usize]) -> Result<(), String> {
        match &self.events {
            Events::Owned(_) => Ok(()),
            Events::Stored { .. } if indexes.last().is_some_and(|&i| i >= self.len()) => {
                Err("an event asked for is past the end".into())
            }
            Events::Stored { store, .. } => {
                store.check_at(indexes).map_err(|why| self.damaged(why))
            }
        }
    }

    /// True when event `i` was found in an article (known without reading
    /// a stored event).
    pub fn is_extracted(&self, i: usize) -> bool {
        self.extracted.get(i).copied().unwrap_or(false)
    }

    /// The events, when they are held in memory.
    pub fn owned_events(&self) -> Option<&[Event]> {
        match &self.events {
            Events::Owned(events) => Some(events),
            Events::Stored { .. } => None,
        }
    }

    /// The events at `indexes` (sorted, each below [`Timeline::len`]), in
    /// their order: borrowed when held in memory, else decoded together;
    /// `Err` (why, which the timeline remembers) when one cannot be read.
    pub fn events_at(&self, indexes: &[usize]) -> Result<Taken<'_>, String> {
        match &self.events {
            Events::Owned(events) => indexes
                .iter()
                .map(|&i| {
                    events
                        .get(i)
                        .ok_or_else(|| format!("there is no event {i}"))
                })
                .collect::<Result<_, _>>()
                .map(Taken::Borrowed),
            Events::Stored { store, .. } => match store.events_at(indexes) {
                Ok(events) => Ok(Taken::Decoded(events)),
                Err(why) => Err(self.damaged(why)),
            },
        }
    }

    /// Every event in order.
    pub fn iter(&self) -> impl Iterator<Item = Cow<'_, Event>> + '_ {
        (0..self.len()).map(|i| self.event(i))
    }

    /// The events, in order, held in memory; `Err` (why) when stored ones
    /// cannot be read.
    pub fn into_events(self) -> Result<Vec<Event>, String> {
        match self.events {
            Events::Owned(events) => Ok(events),
            Events::Stored { store, .. } => (0..store.len())
                .into_par_iter()
                .map(|i| store.event(i))
                .collect(),
        }
    }

    /// Why the stored events turned out to be damaged, once they have.
    pub fn damage(&self) -> Option<&str> {
        match &self.events {
            Events::Owned(_) => None,
            Events::Stored { damage, .. } => damage.get().map(String::as_str),
        }
    }

    /// Remembers the first damage found, and has the store discarded.
    fn damaged(&self, why: String) -> String {
        if let Events::Stored { store, damage } = &self.events {
            if damage.set(why.clone()).is_ok() {
                store.discard();
            }
        }
        why
    }

    fn unreadable(&self, i: usize) -> Event {
        let year = self.starts.get(i).map_or(1, |d| d.year());
        Event::bare(
            DateValue::year(year).unwrap_or(DateValue::Year(1)),
            UNREADABLE,
        )
    }

    /// The first day of event `i`'s span ([`Event::span_start`]).
    pub fn span_start(&self, i: usize) -> NaiveDate {
        self.starts[i]
    }

    /// The first day of each event's span, in order.
    pub fn starts(&self) -> &[NaiveDate] {
        &self.starts
    }

    /// The event's countries by name, in its order.
    pub fn country_names<'a>(&'a self, e: &'a Event) -> Vec<&'a str> {
        e.countries.iter().map(|c| self.gazetteer.name(c)).collect()
    }

    pub fn index_of(&self, id: &str) -> Option<usize> {
        // of equal ids, the last in timeline order (as a map filled in order
        // would keep)
        let h = id_hash(id);
        let from = self.by_id.partition_point(|&(k, _)| k < h);
        self.by_id[from..]
            .iter()
            .take_while(|&&(k, _)| k == h)
            .filter(|&&(_, i)| self.try_event(i as usize).is_ok_and(|e| e.id == id))
            .map(|&(_, i)| i as usize)
            .max()
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
        let n = self.len();
        // events are sorted by start: those starting before the end of `to`
        // are a prefix
        let upto = match filter.to {
            Some(to) => {
                let end = to.end();
                self.starts.partition_point(|&s| s < end)
            }
            None => n,
        };
        let from = filter.from.map(|f| f.start());
        let curated_only = filter.curated_only;
        let by_status = filter.any_status_or_confidence();
        let plain = from.is_none() && !curated_only && !by_status && upto == n;
        let keep = |i: usize| {
            i < upto
                && from.is_none_or(|f| self.ends.get(i).is_some_and(|&e| e > f))
                && !(curated_only && self.extracted.get(i).copied().unwrap_or(false))
                && (!by_status
                    || filter.keeps_status_and_confidence_of(self.status[i], self.confidence[i]))
        };
        // the structured filters first, over compact arrays
        let structured: Option<Vec<usize>> = match candidates {
            Some(list) if plain => Some(list.to_vec()),
            Some(list) => Some(list.iter().copied().filter(|&i| keep(i)).collect()),
            None if plain => None,
            None => Some((0..upto).filter(|&i| keep(i)).collect()),
        };
        let query = Query::parse(&filter.query);
        if query.is_empty() {
            return structured.unwrap_or_else(|| (0..n).collect());
        }
        match &self.events {
            Events::Owned(events) => match self.search.get() {
                Some(index) => index.select(&query, events, structured.as_deref()),
                None => search::scan(&query, events, structured.as_deref()),
            },
            // a damaged store answers nothing; its holder loads again
            Events::Stored { store, .. } => store
                .select(&query, structured.as_deref())
                .unwrap_or_else(|why| {
                    self.damaged(why);
                    Vec::new()
                }),
        }
    }

    /// The events the country and tag indexes allow, or `None` for all.
    fn candidates(&self, filter: &Filter) -> Option<Vec<usize>> {
        let pick = |index: &Index, keys: &[String], all: bool| {
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
        // tags ignore case: each asked tag stands for every way it is written
        let b = (!filter.tags.is_empty()).then(|| {
            let per_tag: Vec<Vec<u32>> = filter
                .tags
                .iter()
                .map(|t| {
                    let lists: Vec<&[u32]> = self
                        .by_tag
                        .iter()
                        .filter(|(k, _)| crate::filter::same_tag(k, t))
                        .map(|(_, v)| v.as_slice())
                        .collect();
                    union(&lists)
                })
                .collect();
            let lists: Vec<&[u32]> = per_tag.iter().map(Vec::as_slice).collect();
            if filter.all_tags {
                intersect(&lists)
            } else {
                union(&lists)
            }
        });
        let merged = match (a, b) {
            (Some(a), Some(b)) => Some(intersect(&[&a, &b])),
            (a, b) => a.or(b),
        };
        merged.map(|v| v.into_iter().map(|i| i as usize).collect())
    }
}

/// A timeline's indexes and per-event arrays as they are stored (see
/// [`Timeline::parts`]): dates as days from the first of January of year 1,
/// and each event's origin (bit 0: extracted) and status (its place in
/// [`Status::ALL`], above bit 0) in one byte.
#[derive(Serialize, Deserialize)]
pub struct Parts {
    by_country: Vec<(String, Vec<u32>)>,
    by_tag: Vec<(String, Vec<u32>)>,
    by_id: Vec<(u64, u32)>,
    starts: Vec<i32>,
    ends: Vec<i32>,
    flags: Vec<u8>,
    confidence: Vec<Option<f32>>,
}

/// The per-event arrays of a timeline held in memory.
struct Arrays {
    starts: Vec<NaiveDate>,
    ends: Vec<NaiveDate>,
    extracted: Vec<bool>,
    status: Vec<Status>,
    confidence: Vec<Option<f32>>,
}

impl Arrays {
    fn of(events: &[Event]) -> Arrays {
        let ((starts, ends), (extracted, (status, confidence))) = rayon::join(
            || {
                rayon::join(
                    || events.par_iter().map(Event::span_start).collect(),
                    || events.par_iter().map(Event::span_end).collect(),
                )
            },
            || {
                rayon::join(
                    || events.par_iter().map(Event::is_extracted).collect(),
                    || {
                        rayon::join(
                            || events.par_iter().map(|e| e.status).collect(),
                            || events.par_iter().map(|e| e.confidence).collect(),
                        )
                    },
                )
            },
        );
        Arrays {
            starts,
            ends,
            extracted,
            status,
            confidence,
        }
    }
}

/// Event indexes by country or tag.
type Index = HashMap<String, Vec<u32>, BuildHasherDefault<QuickHasher>>;

/// The first 16 bytes of a title, as a number that sorts as the bytes do
/// (titles that share them are compared in full).
fn title_key(title: &str) -> u128 {
    let mut b = [0u8; 16];
    let n = title.len().min(16);
    b[..n].copy_from_slice(&title.as_bytes()[..n]);
    u128::from_be_bytes(b)
}

/// Reorders `items` so that item `k` is the one that was at `from[k]`,
/// in place (`from` is used up).
fn permute<T>(items: &mut [T], from: &mut [u32]) {
    const DONE: u32 = u32::MAX;
    for i in 0..from.len() {
        let mut at = i;
        while from[at] != DONE {
            let src = from[at] as usize;
            from[at] = DONE;
            if src == i {
                break;
            }
            items.swap(at, src);
            at = src;
        }
    }
}

fn id_hash(id: &str) -> u64 {
    let mut h = QuickHasher::default();
    h.write(id.as_bytes());
    h.finish()
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

fn counts(index: &Index) -> Vec<(String, usize)> {
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

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::model::{DateValue, Origin};
    use crate::names::Names;

    pub(crate) fn gazetteer() -> Gazetteer {
        Gazetteer::from_toml(
            std::path::Path::new("c.toml"),
            "[TR]\nname = \"Turkey\"\n[RU]\nname = \"Russia\"\n[IR]\nname = \"Iran\"\n",
        )
        .expect("test gazetteer")
    }

    /// Events with every combination the filters look at.
    pub(crate) fn events(n: usize) -> Vec<Event> {
        let words = ["gas", "grain", "deal", "coup", "summit", "S-400", "talks"];
        let countries = ["TR", "RU", "IR"];
        let tags = ["energy", "military", "trade"];
        let mut rng = crate::test_rng::Rng::new(7);
        let mut next = |m: usize| rng.below(m);
        (0..n)
            .map(|k| {
                let year = 1990 + next(30) as i32;
                let date = match next(3) {
                    0 => DateValue::year(year),
                    1 => DateValue::month(year, 1 + next(12) as u32),
                    _ => DateValue::day(year, 1 + next(12) as u32, 1 + next(28) as u32),
                }
                .expect("valid date");
                let end = (next(10) == 0).then(|| DateValue::Year(year + 1 + next(5) as i32));
                let extracted = next(4) == 0;
                Event {
                    id: format!("e{k}"),
                    date,
                    end,
                    title: format!("{} {}", words[next(7)], words[next(7)]),
                    summary: format!("The {} was discussed.", words[next(7)]),
                    countries: Names::from([countries[next(3)]]),
                    actors: Names::new(),
                    tags: Names::from([tags[next(3)]]),
                    aliases: Names::new(),
                    origin: if extracted {
                        Origin::Extracted
                    } else {
                        Origin::Curated
                    },
                    status: crate::model::Status::ALL[next(3)],
                    confidence: extracted.then(|| next(10) as f32 / 10.0),
                    sources: vec![],
                }
            })
            .collect()
    }

    pub(crate) fn filters() -> Vec<Filter> {
        let mut out = Vec::new();
        for query in ["", "g", "gas", "gas deal", "s4", "zz"] {
            for countries in [
                vec![],
                vec!["TR".to_string()],
                vec!["TR".into(), "RU".into()],
            ] {
                for (from, to) in [
                    (None, None),
                    (Some("2000"), Some("2005-06")),
                    (Some("2010"), None),
                ] {
                    for curated_only in [false, true] {
                        out.push(Filter {
                            countries: countries.clone(),
                            tags: if curated_only {
                                vec!["energy".into()]
                            } else {
                                vec![]
                            },
                            from: from.and_then(|d: &str| d.parse().ok()),
                            to: to.and_then(|d: &str| d.parse().ok()),
                            query: query.into(),
                            curated_only,
                            ..Default::default()
                        });
                    }
                }
            }
        }
        // status and confidence, alone and with other filters
        use crate::model::Status;
        for query in ["", "gas"] {
            for statuses in [
                vec![],
                vec![Status::Expected],
                vec![Status::Happened, Status::Mentioned],
            ] {
                for min_confidence in [None, Some(50)] {
                    for from in [None, Some("2010")] {
                        out.push(Filter {
                            from: from.and_then(|d: &str| d.parse().ok()),
                            query: query.into(),
                            statuses: statuses.iter().copied().collect(),
                            min_confidence,
                            ..Default::default()
                        });
                    }
                }
            }
        }
        out
    }

    #[test]
    fn filters_answer_as_each_event_would() {
        let t = Timeline::new(events(3000), gazetteer());
        let want = |f: &Filter| -> Vec<usize> {
            let q = Query::parse(&f.query);
            (0..t.len())
                .filter(|&i| f.keeps_structured(&t.event(i)) && q.matches(&t.event(i)))
                .collect()
        };
        let fs = filters();
        let scanned: Vec<Vec<usize>> = fs.iter().map(|f| t.filter(f)).collect();
        t.prepare_search();
        assert!(t.search_ready());
        for (f, scanned) in fs.iter().zip(&scanned) {
            let w = want(f);
            assert_eq!(&w, scanned, "{f:?} without the index");
            assert_eq!(t.filter(f), w, "{f:?} with the index");
        }
    }

    #[test]
    fn a_timeline_of_ordered_events_is_the_sorted_one() {
        // more events than one piece of the parallel indexes
        let sorted = Timeline::new(events(70_000), gazetteer());
        let again = Timeline::in_order(sorted.owned_events().unwrap().to_vec(), gazetteer());
        assert_eq!(again.owned_events(), sorted.owned_events());
        assert_eq!(again.by_country, sorted.by_country);
        assert_eq!(again.by_tag, sorted.by_tag);
        assert_eq!(again.by_id, sorted.by_id);
        assert_eq!(again.ends, sorted.ends);
        assert_eq!(again.extracted, sorted.extracted);
        for f in filters().iter().take(40) {
            assert_eq!(again.filter(f), sorted.filter(f), "{f:?}");
        }
    }

    #[test]
    fn refining_gives_what_filtering_gives() {
        let t = Timeline::new(events(3000), gazetteer());
        t.prepare_search();
        let typed = "gas deal";
        let mut previous = Filter::default();
        let mut shown = t.filter(&previous);
        for end in 1..=typed.len() {
            let f = Filter {
                query: typed[..end].into(),
                ..Default::default()
            };
            shown = t.refine(&f, &previous, &shown);
            assert_eq!(shown, t.filter(&f), "{:?}", f.query);
            previous = f;
        }
    }

    #[test]
    fn permutations_are_applied_in_place() {
        let mut items = vec!['a', 'b', 'c', 'd', 'e', 'f'];
        let mut from = vec![3, 0, 4, 1, 2, 5];
        permute(&mut items, &mut from);
        assert_eq!(items, ['d', 'a', 'e', 'b', 'c', 'f']);
        assert!(title_key("Coup") < title_key("Coup attempt"));
        assert!(title_key("B") < title_key("a"));
    }

    #[test]
    fn ids_are_found() {
        let t = Timeline::new(events(500), gazetteer());
        for (i, e) in t.iter().enumerate() {
            assert_eq!(t.index_of(&e.id), Some(i));
        }
        assert_eq!(t.index_of("nope"), None);
    }
}
