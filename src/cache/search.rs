//! The cached timeline: the finished timeline of a load (merged, reduced,
//! sorted) with its search index, so that a warm load reads it back instead
//! of building it, and a warm `annals list --query Q` over a catalog alone
//! reads only the few sets of events its words need, checks only their
//! candidates, and decodes only the events that match.
//!
//! # What is stored
//!
//! One file per set of inputs (kind 3 in the layout of [`super`]), left by a
//! load that found none for its caller to write once the data is shown
//! (`loader::Loaded::write_cache`).
//! It holds the timeline's events in timeline order, in chunks of [`CHUNK`]
//! events, and the explorer's search index of them. Each chunk has two
//! entries, keyed by a section number (the key's first byte) and the
//! chunk's number (its last eight bytes, big-endian):
//!
//! - 0x20, the events themselves, each encoded with postcard: the event as
//!   the catalog cache stores one ([`super::catalog`]), then its sources,
//!   each with the number of its article in the article table and the place
//!   of its sentence in that article's stored text.
//! - 0x21, for each event, where it ends in section 0x20 (`u32`,
//!   little-endian as every integer here) and the XXH3-64 of its bytes
//!   (`u64`).
//!
//! One more entry, 0x22 (chunk 0), holds the timeline's own indexes. The
//! search index ([`crate::search::SearchIndex`]) is stored as the entries
//! [`crate::search::stored`] describes (first key bytes 0x10 to 0x19). The
//! first entry (key all zero) holds the number of events, the problems the
//! catalog gave, the number of index entries, the article table with each
//! article's text, the rows of `annals articles` and the load's counts; the
//! last two (keys all 0xFE and all 0xFF) each article file's content hash
//! and the catalog's, with their stamps (see [`super::hash_file`]).
//!
//! A file is written in key order, each entry encoded as its turn comes
//! ([`super::write_file_making`]): the search index before the events, so
//! that one built for the file is let go before they are encoded.
//!
//! # Reading
//!
//! The file is opened lazily through [`super::Reader::open_lazy`]: the
//! header and the entry table are checked at once, each entry when it is
//! first read, and each event, whose entry is not hashed as a whole, against
//! its own checksum before it is decoded. So a query touches and hashes only
//! what it reads: a few sets, the short fields of a few candidates (kept in
//! the index for events whose fields are all ASCII; the others' are read
//! from the event itself), the events that match. The index answers as
//! [`Query::matches`] does (the tests of [`crate::search`] check that for
//! the stored index too), and the events are in timeline order already, so
//! the answer is the one the loaded timeline gives. The other filters ([`Filter::keeps_structured`]) are then
//! applied to the events decoded. The pages of each chunk's events are given
//! back once read ([`super::Reader::release`]), so that a query that matches
//! many events does not keep the whole file in memory.
//!
//! An end or a set that does not fit its entry, text that is not UTF-8, a
//! checksum that does not match, an event that does not decode, or a count
//! of entries that does not agree with the number of events, is damage: the caller warns once, loads as usual, and writes the file again.
//!
//! # Its key
//!
//! A catalog alone (a catalog file and no article file) has its file named
//! by the catalog's cache name (its path and how it is read), holding for
//! the catalog's context ([`super::catalog::identity`]: this build, the
//! catalog's size, modification time and content, the gazetteer's content);
//! such a catalog has no file of its own besides. Other inputs have their
//! file named by the article, catalog and gazetteer paths, holding for this
//! build, the content of the catalog and the gazetteer, how the catalog is
//! read, every article's key (name, path, size, modification time, content)
//! and the problems met finding and reading the articles (see
//! `loader::timeline_identity`). Only the catalog alone has the quick
//! query path ([`crate::loader::quick`]).

use std::collections::HashMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use xxhash_rust::xxh3::xxh3_64;

use super::articles::{
    Quoted, StoredMeta, StoredSource, load_meta, load_source, store_meta, store_source_at,
    text_address,
};
use super::catalog::{StoredEvent, load_event, store_event_fields};
use super::{
    Blob, BlobWriter, Hashed, Key, Kind, Reader, Rejected, StoredProblem, load_problem,
    store_problem,
};
use crate::diag::Problem;
use crate::filter::{Filter, Query, short_fields};
use crate::gazetteer::Gazetteer;
use crate::input::ArticleRow;
use crate::model::{ArticleMeta, DateFrom, DateValue, Event, Excerpt, Source};
use crate::search::SearchIndex;
use crate::search::stored::{Blobs, Stored};
use crate::timeline::{Parts, StoredEvents, Timeline};

/// Events per chunk.
pub const CHUNK: usize = 16_384;

/// The search file's own layout version, part of its context: a file of
/// another layout is one written for other inputs, and rewritten.
const LAYOUT: u32 = 8;

/// The key of the entry holding the number of events and the problems.
const META: Key = [0; 16];

/// The key of the entry holding the catalog's content hash and stamp
/// (see [`crate::cache::hash_file`]).
const HASHED: Key = [0xFF; 16];

/// The key of the entry holding each article file's content hash with its
/// stamp (see [`remembered_articles`]).
const ARTICLE_HASHES: Key = [0xFE; 16];

/// The sections of a chunk (the first byte of their keys).
#[derive(Debug, Clone, Copy)]
enum Section {
    Events = 0x20,
    EventEnds = 0x21,
    /// The timeline's indexes (one entry, chunk 0).
    Parts = 0x22,
}

fn key(section: Section, chunk: usize) -> Key {
    let mut k = [0u8; 16];
    k[0] = section as u8;
    k[8..].copy_from_slice(&(chunk as u64).to_be_bytes());
    k
}

/// The file's meta entry; `A` is an article as [`Meta::articles`] holds it:
/// `(&StoredMeta, &str)` as it is written (the text borrowed from the
/// events), `(StoredMeta, String)` as it is read. Both encode alike.
#[derive(Serialize, Deserialize)]
struct Meta<A> {
    events: u64,
    problems: Vec<StoredProblem>,
    /// How many entries the stored index has.
    index: u64,
    /// Every article the events' sources cite, once each, with a text that
    /// holds the sentences its sources quote: the article's whole text when
    /// they all quote it, else each sentence once, one after the other ([`ArticleText`]). A
    /// source names its article by its place here, and its sentence by its
    /// place in that text.
    articles: Vec<A>,
    /// The rows of `annals articles`, in the order the load gave them.
    rows: Vec<StoredRow>,
    /// The load's counts: events, curated, extracted, articles, mentions,
    /// links.
    stats: [u64; 6],
}

/// One event as section 3 stores it: the event without its sources, and
/// its sources, each with the number of its article in [`Meta::articles`].
#[derive(Serialize, Deserialize)]
struct StoredEntry {
    event: StoredEvent,
    sources: Vec<(u32, StoredSource)>,
}

/// A row of `annals articles`, with its names spelt out.
#[derive(Serialize, Deserialize)]
struct StoredRow {
    file: String,
    kind: String,
    title: Option<String>,
    source: Option<String>,
    author: Option<String>,
    published: Option<DateValue>,
    published_from: String,
    url: Option<String>,
    offsets: String,
    bytes: u64,
    mentions: u64,
}

/// What names the search file of a catalog and what it holds for.
#[derive(Debug, Clone)]
pub struct Identity {
    name: Vec<u8>,
    context: Key,
    /// The catalog's content hash and stamp, for a catalog alone (see
    /// [`remembered`]).
    catalog: Option<Hashed>,
}

impl Identity {
    /// The search file's identity for the catalog named by `catalog`.
    pub fn of(catalog: &super::catalog::Identity) -> Identity {
        Identity {
            catalog: Some(catalog.content),
            ..Identity::new(&catalog.name, &catalog.context)
        }
    }

    /// The identity of the timeline file of inputs named by `inputs` (what
    /// names their files in the cache) whose load depends on nothing but
    /// what `context` hashes.
    pub fn new(inputs: &[u8], context: &Key) -> Identity {
        Identity {
            name: name(inputs),
            context: super::key_of(&[b"search", &LAYOUT.to_le_bytes(), context]),
            catalog: None,
        }
    }

    /// The file in the cache folder `dir`.
    pub fn path(&self, dir: &Path) -> PathBuf {
        super::file_for(dir, &self.name)
    }
}

/// What names the search file of the catalog whose cache name is `catalog`
/// (see [`super::catalog::name`]).
pub fn name(catalog: &[u8]) -> Vec<u8> {
    let mut name = b"search".to_vec();
    name.extend(catalog);
    name
}

/// An open, checked search file.
pub struct Index {
    reader: Reader,
    events: usize,
    problems: Vec<Problem>,
    /// Each cited article, with the text its sources' sentences are in.
    articles: Vec<(Arc<ArticleMeta>, Arc<str>)>,
    rows: Vec<StoredRow>,
    stats: [u64; 6],
}

/// A timeline as the file holds it: what a load gives, but the mentions.
pub struct Kept {
    /// In timeline order.
    pub events: Vec<Event>,
    /// The problems of the data after the gazetteer's own.
    pub problems: Vec<Problem>,
    /// The load's counts (see [`ToStore::stats`]).
    pub stats: [usize; 6],
    pub rows: Vec<ArticleRow>,
}

/// Why a search file was not used: none for these inputs (missing, or
/// written for other ones), or damaged (why).
pub fn open(dir: &Path, id: &Identity) -> Result<Index, Rejected> {
    let path = id.path(dir);
    if is_discarded(&path) {
        return Err(Rejected::Missing);
    }
    check(Reader::open_lazy(&path)?, id)
}

/// Timeline files found damaged while their events were read lazily (see
/// [`Lazy::discard`]): this process does not open them again, even where
/// they could not be removed, until it writes them anew.
static DISCARDED: std::sync::Mutex<Vec<PathBuf>> = std::sync::Mutex::new(Vec::new());

/// True when this process found the timeline file at `path` damaged (see
/// [`open`]).
pub fn is_discarded(path: &Path) -> bool {
    lock_discarded().iter().any(|p| p == path)
}

fn lock_discarded() -> std::sync::MutexGuard<'static, Vec<PathBuf>> {
    DISCARDED.lock().unwrap_or_else(|e| e.into_inner())
}

/// The catalog's content hash and stamp the search file `reader` has open
/// remembers (see [`crate::cache::hash_file`]); `Ok(None)` when it is
/// another kind of file or has none, `Err` (why) when that entry is
/// damaged.
pub fn remembered(reader: &Reader) -> Result<Option<Hashed>, String> {
    if reader.kind() != Kind::Search {
        return Ok(None);
    }
    match reader.fetch(&HASHED)? {
        None => Ok(None),
        // a file of other inputs than a catalog alone remembers none
        Some(b) => postcard::from_bytes::<Option<Hashed>>(b)
            .map_err(|_| "its catalog hash entry does not decode".to_string()),
    }
}

/// Each article file's content hash with the stamp it had when hashed, by
/// the bytes of its path, as the timeline file `reader` has open remembers
/// them; `Ok(None)` for another kind of file, `Err` (why) when the entry is
/// damaged. A load whose article files all keep their stamps (and were
/// modified well before they were hashed: see
/// [`Hashed::holds_for`]) knows their keys without reading them.
pub fn remembered_articles(reader: &Reader) -> Result<Option<HashMap<Vec<u8>, Hashed>>, String> {
    if reader.kind() != Kind::Search {
        return Ok(None);
    }
    match reader.fetch(&ARTICLE_HASHES)? {
        None => Ok(None),
        Some(b) => postcard::from_bytes::<Vec<(Vec<u8>, Hashed)>>(b)
            .map(|v| Some(v.into_iter().collect()))
            .map_err(|_| "its article hashes entry does not decode".to_string()),
    }
}

/// Writes the timeline file of `id` in `dir` again with `articles` as its
/// article hashes ([`remembered_articles`]) and every other entry as it is,
/// each checked as it is read; nothing when the file is not there or holds
/// for other inputs, an error when it is damaged.
pub fn refresh_article_hashes(
    dir: &Path,
    id: &Identity,
    articles: &[(Vec<u8>, Hashed)],
) -> std::io::Result<()> {
    let path = id.path(dir);
    let Ok(reader) = Reader::open_lazy(&path) else {
        return Ok(());
    };
    if reader.kind() != Kind::Search || reader.context() != id.context || is_discarded(&path) {
        return Ok(());
    }
    let hashes = postcard::to_stdvec(articles).map_err(std::io::Error::other)?;
    let entries = reader
        .keys()
        .map(|k| {
            let blob = if k == ARTICLE_HASHES {
                Some(&hashes[..])
            } else {
                reader.fetch(&k).map_err(std::io::Error::other)?
            };
            let blob = blob.ok_or_else(|| std::io::Error::other("an entry is missing"))?;
            Ok((k, blob))
        })
        .collect::<std::io::Result<Vec<(Key, &[u8])>>>()?;
    super::write_file(&path, Kind::Search, &id.context, &entries)
}

/// The search file `reader` has open (checked as every cache file is), when
/// it holds for `id`.
pub fn check(reader: Reader, id: &Identity) -> Result<Index, Rejected> {
    if reader.kind() != Kind::Search || reader.context() != id.context {
        // another catalog, build or setting: out of date, not damaged
        return Err(Rejected::Missing);
    }
    let damaged = |why: &str| Rejected::Damaged(why.to_string());
    let meta: Meta<(StoredMeta, String)> = reader
        .fetch(&META)
        .map_err(Rejected::Damaged)?
        .and_then(|b| postcard::from_bytes(b).ok())
        .ok_or_else(|| damaged("its summary entry does not decode"))?;
    let events = usize::try_from(meta.events).map_err(|_| damaged("it counts too many events"))?;
    let chunks = events.div_ceil(CHUNK);
    let entries = chunks
        .checked_mul(2)
        .and_then(|n| n.checked_add(4))
        .and_then(|n| n.checked_add(usize::try_from(meta.index).ok()?));
    if entries != Some(reader.len()) {
        return Err(damaged(
            "its entries do not agree with its number of events",
        ));
    }
    let problems = meta
        .problems
        .into_iter()
        .map(load_problem)
        .collect::<Option<Vec<_>>>()
        .ok_or_else(|| damaged("a stored problem does not decode"))?;
    let articles = meta
        .articles
        .into_iter()
        .map(|(m, quoted)| (Arc::new(load_meta(m)), Arc::from(quoted)))
        .collect();
    Ok(Index {
        reader,
        events,
        problems,
        articles,
        rows: meta.rows,
        stats: meta.stats,
    })
}

impl Index {
    /// How many events the timeline has.
    pub fn len(&self) -> usize {
        self.events
    }

    pub fn is_empty(&self) -> bool {
        self.events == 0
    }

    /// The problems the catalog gave.
    pub fn problems(&self) -> &[Problem] {
        &self.problems
    }

    /// Every event in timeline order with the problems, the counts and the
    /// article rows of the load the file was written from; `Err` (why) when
    /// the file turns out to be damaged. The events are decoded on every
    /// core, each straight into its place, each checked against its own
    /// checksum.
    pub fn timeline(self) -> Result<Kept, String> {
        let n = self.events;
        let chunks: Vec<Chunk> = (0..n.div_ceil(CHUNK))
            .into_par_iter()
            .map(|c| self.chunk(c))
            .collect::<Result<_, String>>()?;
        let bad = AtomicBool::new(false);
        let events: Vec<Event> = (0..n)
            .into_par_iter()
            .with_min_len(256)
            .map(|i| {
                chunks[i / CHUNK]
                    .bytes(i)
                    .ok()
                    .and_then(|b| self.event(b))
                    .unwrap_or_else(|| {
                        bad.store(true, Ordering::Relaxed);
                        placeholder()
                    })
            })
            .collect();
        // the bytes decoded are not needed again
        chunks
            .par_iter()
            .for_each(|chunk| self.reader.release(chunk.events));
        if bad.into_inner() {
            return Err("an event does not decode or match its checksum".into());
        }
        let rows = self
            .rows
            .into_iter()
            .map(load_row)
            .collect::<Option<Vec<_>>>()
            .ok_or("an article's row does not decode")?;
        Ok(Kept {
            events,
            problems: self.problems,
            stats: self.stats.map(|n| usize::try_from(n).unwrap_or(usize::MAX)),
            rows,
        })
    }

    /// The timeline with its events left in the file, decoded when asked
    /// for (see [`crate::timeline::StoredEvents`]), with the problems, the
    /// counts and the article rows of the load the file was written from;
    /// `Err` (why) when the file turns out to be damaged. `path` is the
    /// file's, which is removed should damage be found later.
    pub fn lazy(mut self, gazetteer: Gazetteer, path: PathBuf) -> Result<LazyKept, String> {
        let parts: Parts = self
            .reader
            .fetch(&key(Section::Parts, 0))?
            .and_then(|b| postcard::from_bytes(b).ok())
            .ok_or("its timeline's indexes do not decode")?;
        let rows = std::mem::take(&mut self.rows)
            .into_iter()
            .map(load_row)
            .collect::<Option<Vec<_>>>()
            .ok_or("an article's row does not decode")?;
        let problems = std::mem::take(&mut self.problems);
        let stats = self.stats.map(|n| usize::try_from(n).unwrap_or(usize::MAX));
        let store = Lazy { index: self, path };
        Ok(LazyKept {
            timeline: Timeline::stored(Box::new(store), parts, gazetteer)?,
            problems,
            stats,
            rows,
        })
    }

    /// The event stored as `bytes`; `None` when they do not decode.
    fn event(&self, bytes: &[u8]) -> Option<Event> {
        let (StoredEntry { event, sources }, []) = postcard::take_from_bytes(bytes).ok()? else {
            return None;
        };
        let mut event = load_event(event)?;
        event.sources = sources
            .into_iter()
            .map(|(a, s)| {
                let (article, quoted) = self.articles.get(a as usize)?;
                load_source(s, article, quoted)
            })
            .collect::<Option<_>>()?;
        Some(event)
    }

    /// The events `query` matches that `filter`'s other parts keep, in
    /// timeline order; `Err` (why) when the file turns out to be damaged.
    pub fn select(&self, query: &Query, filter: &Filter) -> Result<Vec<Event>, String> {
        let stored = Stored::open(self, self.events)?;
        let found = stored.select(query)?;
        self.decode_all(&found, filter)
    }

    /// The events at `found` (sorted indexes) that `filter`'s parts other
    /// than the query keep, decoded chunk by chunk on every core, each
    /// chunk's pages given back once read.
    fn decode_all(&self, found: &[usize], filter: &Filter) -> Result<Vec<Event>, String> {
        let groups: Vec<&[usize]> = found.chunk_by(|a, b| a / CHUNK == b / CHUNK).collect();
        let kept: Vec<Vec<Event>> = groups
            .into_par_iter()
            .map(|group| self.decode(group, filter))
            .collect::<Result<_, _>>()?;
        // moved, not cloned as `concat` would
        let mut out = Vec::with_capacity(kept.iter().map(Vec::len).sum());
        for part in kept {
            out.extend(part);
        }
        Ok(out)
    }

    /// Checks the events at `found` against their checksums, decoding none.
    fn check_all(&self, found: &[usize]) -> Result<(), String> {
        let groups: Vec<&[usize]> = found.chunk_by(|a, b| a / CHUNK == b / CHUNK).collect();
        groups.into_par_iter().try_for_each(|group| {
            // `chunk_by` gives no empty group
            let chunk = self.chunk(group[0] / CHUNK)?;
            for &i in group {
                chunk.bytes(i)?;
            }
            self.reader.release(chunk.events);
            Ok(())
        })
    }

    /// The events `group` (indexes in one chunk) that `filter`'s other
    /// parts keep.
    fn decode(&self, group: &[usize], filter: &Filter) -> Result<Vec<Event>, String> {
        let Some(&first) = group.first() else {
            return Ok(Vec::new());
        };
        let chunk = self.chunk(first / CHUNK)?;
        let mut out = Vec::with_capacity(group.len());
        for &i in group {
            let event = self.checked_event(&chunk, i)?;
            if filter.keeps_structured(&event) {
                out.push(event);
            }
        }
        // what this read is not needed again
        self.reader.release(chunk.events);
        Ok(out)
    }

    /// Event `i` (of the timeline) of `chunk`, checked and decoded.
    fn checked_event(&self, chunk: &Chunk, i: usize) -> Result<Event, String> {
        self.event(chunk.bytes(i)?)
            .ok_or_else(|| format!("event {i} does not decode"))
    }

    /// The events of chunk `c` and where each ends.
    fn chunk(&self, c: usize) -> Result<Chunk<'_>, String> {
        let n = self.events.saturating_sub(c * CHUNK).min(CHUNK);
        // each event is checked on its own, against its checksum beside its
        // end, so that only the events read are hashed
        let events = self
            .reader
            .fetch_unchecked(&key(Section::Events, c))
            .ok_or_else(|| format!("chunk {c} lacks an entry"))?;
        let ends = self
            .reader
            .fetch(&key(Section::EventEnds, c))?
            .ok_or_else(|| format!("chunk {c} lacks an entry"))?;
        if ends.len() != n * 12 {
            return Err("a table of ends has the wrong length".into());
        }
        Ok(Chunk {
            first: c * CHUNK,
            events,
            ends,
        })
    }
}

impl Blobs for Index {
    fn blob(&self, key: &Key) -> Result<Option<&[u8]>, String> {
        self.reader.fetch(key)
    }

    fn any_short_field(&self, i: usize, test: &dyn Fn(&str) -> bool) -> Result<bool, String> {
        let e = self.checked_event(&self.chunk(i / CHUNK)?, i)?;
        Ok(short_fields(&e).any(test))
    }
}

/// A timeline read from the file, its events left there (see
/// [`Index::lazy`]).
pub struct LazyKept {
    pub timeline: Timeline,
    /// The problems of the data after the gazetteer's own.
    pub problems: Vec<Problem>,
    /// The load's counts (see [`ToStore::stats`]).
    pub stats: [usize; 6],
    pub rows: Vec<ArticleRow>,
}

/// The events of an open file, read one at a time.
struct Lazy {
    index: Index,
    path: PathBuf,
}

impl StoredEvents for Lazy {
    fn len(&self) -> usize {
        self.index.events
    }

    fn event(&self, i: usize) -> Result<Event, String> {
        if i >= self.index.events {
            return Err(format!("there is no event {i}"));
        }
        self.index.checked_event(&self.index.chunk(i / CHUNK)?, i)
    }

    fn select(&self, query: &Query, candidates: Option<&[usize]>) -> Result<Vec<usize>, String> {
        Stored::open(&self.index, self.index.events)?.select_among(query, candidates)
    }

    fn events_at(&self, indexes: &[usize]) -> Result<Vec<Event>, String> {
        if indexes.last().is_some_and(|&i| i >= self.index.events) {
            return Err("an event asked for is past the end".into());
        }
        self.index.decode_all(indexes, &Filter::default())
    }

    fn check_at(&self, indexes: &[usize]) -> Result<(), String> {
        if indexes.last().is_some_and(|&i| i >= self.index.events) {
            return Err("an event asked for is past the end".into());
        }
        self.index.check_all(indexes)
    }

    fn discard(&self) {
        // the next load finds no file and writes a sound one; the map read
        // here stays valid. Only the file read is removed: one another
        // process renamed into place since is sound, and stays (this
        // process passes it by, as it does a file that cannot be removed),
        // unless it lands between the check and the removal, which costs a
        // rebuild. Where the system gives no inode, nothing is removed: the
        // load that follows writes the file again.
        lock_discarded().push(self.path.clone());
        if self.index.reader.maps(&self.path) {
            let _ = std::fs::remove_file(&self.path);
        }
    }
}

/// A chunk's events: each one's postcard bytes one after the other, and for
/// each where it ends (`u32`) and its checksum (`u64`).
struct Chunk<'a> {
    /// The number of its first event.
    first: usize,
    events: &'a [u8],
    ends: &'a [u8],
}

impl Chunk<'_> {
    fn end(&self, k: usize) -> usize {
        let b = &self.ends[k * 12..k * 12 + 4];
        u32::from_le_bytes([b[0], b[1], b[2], b[3]]) as usize
    }

    /// The bytes of event `i` (of the timeline), checked against its
    /// checksum.
    fn bytes(&self, i: usize) -> Result<&[u8], String> {
        let k = i
            .checked_sub(self.first)
            .filter(|k| k * 12 < self.ends.len())
            .ok_or_else(|| format!("event {i} is not in its chunk"))?;
        let start = if k == 0 { 0 } else { self.end(k - 1) };
        let bytes = self
            .events
            .get(start..self.end(k))
            .ok_or_else(|| format!("the end of event {i} points outside its entry"))?;
        let hash = &self.ends[k * 12 + 4..k * 12 + 12];
        if u64::from_le_bytes(hash.try_into().unwrap_or_default()) != xxh3_64(bytes) {
            return Err(format!("the checksum of event {i} does not match it"));
        }
        Ok(bytes)
    }
}

/// Where each cited article is in [`Meta::articles`], by the address of its
/// shared metadata.
type ArticleNumbers = HashMap<usize, u32>;

/// Where a source is stored: its article's number, and its sentence's place
/// in that article's quoted text.
type Place = (u32, (u64, u64));

/// Every article the events' sources cite, numbered in the order first
/// cited, each with the text its sources' sentences are places in.
#[derive(Default)]
struct StoredArticles {
    numbers: ArticleNumbers,
    list: Vec<(StoredMeta, ArticleText)>,
}

impl StoredArticles {
    /// Adds the article `s` cites, and its sentence to that article's text.
    fn add(&mut self, s: &Source) {
        let list = &mut self.list;
        let n = *self.numbers.entry(address(&s.article)).or_insert_with(|| {
            list.push((store_meta(&s.article), ArticleText::of(&s.sentence)));
            (list.len() - 1) as u32
        });
        if let Some((_, text)) = list.get_mut(n as usize) {
            text.add(&s.sentence);
        }
    }

    /// Where `s` is stored; `None` unless it was added.
    fn place(&self, s: &Source) -> Option<Place> {
        let n = *self.numbers.get(&address(&s.article))?;
        let (_, text) = self.list.get(n as usize)?;
        Some((n, text.place(&s.sentence)?))
    }
}

/// The text an article is stored with, which its sources' sentences are
/// places in: the text they are pieces of, whole and shared (no copy), while
/// they all are pieces of one; else a copy of it followed by each sentence of
/// another text once ([`Quoted`]). The article's text is the usual case: a
/// loaded article's sources all quote its text. Copying each quoted sentence
/// instead took some 100 MB more over 10,000 articles, for a file 4% smaller.
///
/// Every source's sentence is added first ([`ArticleText::add`]); its place
/// is then read without changing the text ([`ArticleText::place`]), so the
/// places need not be kept while the file is written.
enum ArticleText {
    Whole(Arc<str>),
    /// The copy of the text at `first` (its address), and after it the
    /// sentences of other texts.
    Quoted {
        first: usize,
        quoted: Quoted,
    },
}

impl ArticleText {
    /// The text of an article whose first source quotes `first`.
    fn of(first: &Excerpt) -> ArticleText {
        ArticleText::Whole(first.text().clone())
    }

    /// Makes `e` a piece of the text: when it is a piece of another text,
    /// the text becomes a copy with `e` after it.
    fn add(&mut self, e: &Excerpt) {
        match self {
            ArticleText::Whole(text) if Arc::ptr_eq(text, e.text()) => {}
            ArticleText::Whole(text) => {
                let first = text_address(text);
                let mut quoted = Quoted::starting_with(text);
                quoted.place(e);
                *self = ArticleText::Quoted { first, quoted };
            }
            ArticleText::Quoted { first, quoted } => {
                if text_address(e.text()) != *first {
                    quoted.place(e);
                }
            }
        }
    }

    /// Where `e` lies in the text (start, length); `None` unless it was added.
    fn place(&self, e: &Excerpt) -> Option<(u64, u64)> {
        let r = e.range();
        let own = (r.start as u64, r.len() as u64);
        match self {
            ArticleText::Whole(text) => Arc::ptr_eq(text, e.text()).then_some(own),
            ArticleText::Quoted { first, .. } if text_address(e.text()) == *first => Some(own),
            ArticleText::Quoted { quoted, .. } => quoted.place_of(e),
        }
    }

    fn as_str(&self) -> &str {
        match self {
            ArticleText::Whole(text) => text,
            ArticleText::Quoted { quoted, .. } => &quoted.text,
        }
    }
}

/// The address of an article's shared metadata, which names it while a
/// timeline is stored (the events hold it all along).
fn address(article: &Arc<ArticleMeta>) -> usize {
    Arc::as_ptr(article) as usize
}

/// Writes the events of one chunk into `out`, each as it is encoded, and
/// gives the chunk's ends: each event's end in the chunk and the hash of its
/// bytes (12 bytes an event). An event that cannot be encoded, or a chunk
/// too large for its ends, is an [`Unencodable`] error.
fn write_chunk(
    events: &[Event],
    articles: &StoredArticles,
    out: &mut BlobWriter,
) -> std::io::Result<Vec<u8>> {
    let unmade = || std::io::Error::other(Unencodable);
    let mut ends = Vec::with_capacity(events.len() * 12);
    let mut bytes = Vec::new();
    for e in events {
        let sources = e.sources.iter().map(|s| {
            let (article, sentence) = articles.place(s)?;
            Some((article, store_source_at(s, sentence)))
        });
        let entry = StoredEntry {
            event: store_event_fields(e),
            sources: sources.collect::<Option<_>>().ok_or_else(unmade)?,
        };
        // encoded into one buffer, reused from event to event, then hashed
        // and written in one piece
        bytes.clear();
        bytes = postcard::to_extend(&entry, bytes).map_err(|_| unmade())?;
        out.write_all(&bytes)?;
        ends.extend(
            u32::try_from(out.written())
                .map_err(|_| unmade())?
                .to_le_bytes(),
        );
        ends.extend(xxh3_64(&bytes).to_le_bytes());
    }
    Ok(ends)
}

/// A writer that keeps the error of the writer it writes to, which postcard
/// reports as an error of its own (and so as a value it could not encode).
/// It does not flush: postcard flushes at the end of every value, and the
/// file is flushed once, when it is whole.
struct Keeping<'a, W: Write> {
    out: &'a mut W,
    failed: Option<std::io::Error>,
}

impl<W: Write> Write for Keeping<'_, W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.out.write(buf).map_err(|e| {
            let kind = e.kind();
            self.failed = Some(e);
            kind.into()
        })
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// What stands in an event's place while the events are decoded, when one
/// of them does not decode (the whole result is then thrown away).
fn placeholder() -> Event {
    Event::bare(DateValue::Year(0), "")
}

fn store_row(r: &ArticleRow) -> StoredRow {
    let ArticleRow {
        file,
        kind,
        title,
        source,
        author,
        published,
        published_from,
        url,
        offsets,
        bytes,
        mentions,
    } = r;
    StoredRow {
        file: file.clone(),
        kind: kind.to_string(),
        title: title.clone(),
        source: source.clone(),
        author: author.clone(),
        published: *published,
        published_from: published_from.to_string(),
        url: url.clone(),
        offsets: offsets.to_string(),
        bytes: *bytes as u64,
        mentions: *mentions as u64,
    }
}

/// Where a publication date may come from, by the name a row gives it.
fn date_from_named(name: &str) -> Option<&'static str> {
    DateFrom::ALL
        .iter()
        .map(|d| d.as_str())
        .chain(["none"])
        .find(|n| *n == name)
}

fn load_row(r: StoredRow) -> Option<ArticleRow> {
    Some(ArticleRow {
        file: r.file,
        kind: crate::input::kind_named(&r.kind)?.name,
        title: r.title,
        source: r.source,
        author: r.author,
        published: r.published,
        published_from: date_from_named(&r.published_from)?,
        url: r.url,
        offsets: ["file", "text"].into_iter().find(|o| *o == r.offsets)?,
        bytes: usize::try_from(r.bytes).ok()?,
        mentions: usize::try_from(r.mentions).ok()?,
    })
}

/// What a load gave, as the timeline file stores it.
pub struct ToStore<'a> {
    /// Its events are stored when they are held in memory.
    pub timeline: &'a Timeline,
    /// Each article file's path (its bytes) with its content hash and stamp.
    pub articles: &'a [(Vec<u8>, Hashed)],
    /// The problems of the data after the gazetteer's own.
    pub problems: &'a [Problem],
    /// The load's counts: events, curated, extracted, articles, mentions,
    /// links.
    pub stats: [usize; 6],
    pub rows: &'a [ArticleRow],
}

/// The search index a timeline file is written with: the timeline's own, or
/// one built for the file, which lets go of its parts as they are written.
enum Held<'a> {
    Borrowed(&'a SearchIndex),
    Owned(SearchIndex),
}

impl Held<'_> {
    fn get(&self) -> &SearchIndex {
        match self {
            Held::Borrowed(index) => index,
            Held::Owned(index) => index,
        }
    }
}

/// An event that cannot be encoded for the timeline file (a chunk of them
/// past 4 GiB).
#[derive(Debug)]
struct Unencodable;

impl std::fmt::Display for Unencodable {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("an event could not be encoded for the cache")
    }
}

impl std::error::Error for Unencodable {}

/// Writes the timeline file of a load: its events (in timeline order) with
/// their search text and index, its problems, counts and article rows. A
/// timeline that cannot be stored faithfully is not stored, and that is not
/// an error.
pub fn store(dir: &Path, id: &Identity, loaded: ToStore) -> std::io::Result<()> {
    // a timeline read from a file is stored there already
    let Some(events) = loaded.timeline.owned_events() else {
        return Ok(());
    };
    // every article the sources cite, with every sentence they quote; each
    // source's place is read from them when its event is written
    let mut articles = StoredArticles::default();
    for s in events.iter().flat_map(|e| &e.sources) {
        articles.add(s);
    }
    // the index: the timeline's own when it has built one (the explorer's),
    // else one built here. Its entries come before the events in the file:
    // each is encoded as it is written, and one built here lets go of each
    // part once written, and is gone before the events are encoded
    let mut index = match loaded.timeline.search_index() {
        Some(index) => Held::Borrowed(index),
        None => {
            let built = SearchIndex::build(events);
            // building it freed much, on every core
            crate::memory::give_back();
            Held::Owned(built)
        }
    };
    let index_keys = index.get().stored_keys();
    let last_index_key = index_keys.iter().max().copied();
    let meta = Meta {
        events: events.len() as u64,
        problems: loaded.problems.iter().map(store_problem).collect(),
        index: index_keys.len() as u64,
        articles: articles
            .list
            .iter()
            .map(|(meta, text)| (meta, text.as_str()))
            .collect(),
        rows: loaded.rows.iter().map(store_row).collect(),
        stats: loaded.stats.map(|n| n as u64),
    };
    let (Ok(hashed), Ok(parts), Ok(hashes)) = (
        postcard::to_stdvec(&id.catalog),
        postcard::to_stdvec(&loaded.timeline.parts()),
        postcard::to_stdvec(loaded.articles),
    ) else {
        return Ok(());
    };
    let chunks = events.len().div_ceil(CHUNK);
    // the meta entry (every article's text) and the events are encoded
    // straight into the file, when their turn comes
    let mut entries: Vec<(Key, Blob)> = vec![
        (META, Blob::Made),
        (HASHED, Blob::Bytes(&hashed)),
        (ARTICLE_HASHES, Blob::Bytes(&hashes)),
        (key(Section::Parts, 0), Blob::Bytes(&parts)),
    ];
    for c in 0..chunks {
        entries.push((key(Section::Events, c), Blob::Made));
        entries.push((key(Section::EventEnds, c), Blob::Made));
    }
    entries.extend(index_keys.iter().map(|k| (*k, Blob::Made)));
    // a chunk's events are encoded into the file as it is written, and
    // their ends (12 bytes an event) wait for their turn, which comes after
    // every chunk's events
    let mut ends: Vec<Option<Vec<u8>>> = vec![None; chunks];
    let unmade = || std::io::Error::other(Unencodable);
    let make = |k: &Key, out: &mut BlobWriter| -> std::io::Result<()> {
        if *k == META {
            let mut kept = Keeping { out, failed: None };
            return match postcard::to_io(&meta, &mut kept) {
                Ok(_) => Ok(()),
                Err(_) => Err(kept.failed.unwrap_or_else(unmade)),
            };
        }
        if crate::search::stored::is_index_key(k) {
            index.get().write_stored_entry(k, out)?;
            if let Held::Owned(built) = &mut index {
                built.release_stored(k);
                if Some(*k) == last_index_key {
                    *built = SearchIndex::default();
                    crate::memory::give_back();
                }
            }
            return Ok(());
        }
        let c = u64::from_be_bytes(k[8..].try_into().unwrap_or_default()) as usize;
        if k[0] == Section::Events as u8 {
            let these = events
                .get(c * CHUNK..(c * CHUNK + CHUNK).min(events.len()))
                .ok_or_else(unmade)?;
            let end = write_chunk(these, &articles, out)?;
            *ends.get_mut(c).ok_or_else(unmade)? = Some(end);
            // what encoding the chunk freed goes back before the next
            crate::memory::give_back();
            Ok(())
        } else {
            let end = ends.get_mut(c).and_then(Option::take).ok_or_else(unmade)?;
            out.write_all(&end)
        }
    };
    super::prepare_dir(dir)?;
    let path = id.path(dir);
    match super::write_file_making(&path, Kind::Search, &id.context, &entries, make) {
        // no file is left, as a timeline that cannot be stored faithfully
        // is not stored
        Err(e) if e.get_ref().is_some_and(|e| e.is::<Unencodable>()) => return Ok(()),
        written => written?,
    }
    lock_discarded().retain(|p| *p != path);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_articles_text_is_stored_whole_until_a_source_quotes_another() {
        let text: Arc<str> = Arc::from("First sentence. Second one here. Third.");
        let piece = |r: std::ops::Range<usize>| Excerpt::new(text.clone(), r).unwrap();
        let (a, b, c) = (piece(16..32), piece(0..15), piece(33..39));
        let mut stored = ArticleText::of(&a);
        stored.add(&a);
        stored.add(&b);
        assert!(matches!(&stored, ArticleText::Whole(t) if Arc::ptr_eq(t, &text)));
        assert_eq!(
            (stored.place(&a), stored.place(&b)),
            (Some((16, 16)), Some((0, 15)))
        );
        // a sentence of another text: the text is copied, then the sentence
        // follows it once; the pieces of the first text keep their places
        let other = Excerpt::from("Elsewhere.");
        stored.add(&other);
        stored.add(&c);
        stored.add(&other);
        assert_eq!(stored.as_str().len(), text.len() + "Elsewhere.".len());
        let at = |e: &Excerpt| {
            let (start, len) = stored.place(e).unwrap();
            &stored.as_str()[start as usize..(start + len) as usize]
        };
        assert_eq!(at(&a), "Second one here.");
        assert_eq!(at(&b), "First sentence.");
        assert_eq!(at(&c), "Third.");
        assert_eq!(at(&other), "Elsewhere.");
        // a sentence never added has no place
        assert_eq!(stored.place(&Excerpt::from("Unseen.")), None);
    }
    use crate::model::Origin;
    use crate::names::Names;

    fn event(n: usize) -> Event {
        Event {
            id: format!("e{n}"),
            date: "2016-07-15".parse().unwrap(),
            end: None,
            title: format!("Gas deal number {n}"),
            summary: if n % 2 == 0 {
                "Çavuşoğlu signs".into()
            } else {
                String::new()
            },
            countries: Names::from(["TR"]),
            actors: Names::from([format!("actor {n}")]),
            tags: Names::new(),
            aliases: Names::from(["a b"]),
            origin: Origin::Curated,
            status: Default::default(),
            confidence: None,
            sources: vec![],
        }
    }

    fn gazetteer() -> Gazetteer {
        Gazetteer::from_toml(Path::new("c.toml"), "[TR]\nname = \"Turkey\"\n").unwrap()
    }

    fn identity() -> Identity {
        let stamp = crate::cache::Stamp {
            size: 1,
            mtime: 2,
            ctime: 3,
            inode: 4,
            device: 5,
        };
        Identity {
            name: b"x".to_vec(),
            context: [3; 16],
            catalog: Some(Hashed {
                stamp,
                at: 6,
                hash: [7; 16],
            }),
        }
    }

    #[test]
    fn a_stored_index_selects_what_the_query_matches_in_order_across_chunks() {
        let events: Vec<Event> = (0..CHUNK + 10).map(event).collect();
        // the index is built for the file, or is the one the timeline built
        // (the explorer's), written where it lies
        for prepared in [false, true] {
            let dir = tempfile::tempdir().unwrap();
            let timeline = Timeline::in_order(events.clone(), gazetteer());
            if prepared {
                timeline.prepare_search();
                assert!(timeline.search_index().is_some());
            }
            let to_store = ToStore {
                timeline: &timeline,
                articles: &[],
                problems: &[],
                stats: [0; 6],
                rows: &[],
            };
            store(dir.path(), &identity(), to_store).unwrap();
            let index = open(dir.path(), &identity()).ok().unwrap();
            assert_eq!(index.len(), events.len());
            for q in ["gas 17", "cavus", "zzz", "actor 1638"] {
                let query = Query::parse(q);
                let want: Vec<Event> = events
                    .iter()
                    .filter(|e| query.matches(e))
                    .cloned()
                    .collect();
                let got = index.select(&query, &Filter::default()).unwrap();
                assert_eq!(got, want, "{q}, index prepared: {prepared}");
            }
            // another context is no file for these inputs
            let other = Identity {
                context: [4; 16],
                ..identity()
            };
            assert!(matches!(open(dir.path(), &other), Err(Rejected::Missing)));
        }
    }

    /// `events` stored in a folder of their own, and the file's path.
    fn stored(events: &[Event]) -> (tempfile::TempDir, PathBuf) {
        let dir = tempfile::tempdir().unwrap();
        let path = stored_in(dir.path(), events);
        (dir, path)
    }

    /// `events` stored in `dir`, and the file's path.
    fn stored_in(dir: &Path, events: &[Event]) -> PathBuf {
        let owned = Timeline::in_order(events.to_vec(), crate::timeline::tests::gazetteer());
        let to_store = ToStore {
            timeline: &owned,
            articles: &[],
            problems: &[],
            stats: [0; 6],
            rows: &[],
        };
        store(dir, &identity(), to_store).unwrap();
        identity().path(dir)
    }

    fn lazy(dir: &Path, path: &Path) -> Timeline {
        let gazetteer = crate::timeline::tests::gazetteer();
        let Ok(index) = open(dir, &identity()) else {
            panic!("the file opens");
        };
        index.lazy(gazetteer, path.to_path_buf()).unwrap().timeline
    }

    #[test]
    fn sources_of_one_article_quoting_other_texts_read_back_as_they_were() {
        let article = Arc::new(ArticleMeta {
            file: "a.txt".into(),
            ..Default::default()
        });
        let text: Arc<str> = Arc::from("Gas flowed. Talks ended in July. Then nothing.");
        let source = |sentence: Excerpt, why: &str| Source {
            article: article.clone(),
            start: 0,
            end: 0,
            text: "July".into(),
            dated: true,
            sentence,
            sentence_start: 0,
            why: why.into(),
        };
        let piece = |r: std::ops::Range<usize>| Excerpt::new(text.clone(), r).unwrap();
        // the article's own sentences, a sentence of another text between
        // them (the text becomes a copy), and that sentence again
        let mut events = vec![event(0), event(1)];
        events[0].sources = vec![
            source(piece(12..32), "first"),
            source(Excerpt::from("A quoted line."), "elsewhere"),
        ];
        events[1].sources = vec![
            source(piece(0..11), ""),
            source(Excerpt::from("A quoted line."), "again"),
            source(piece(33..46), "last"),
        ];
        let (dir, path) = stored(&events);
        let t = lazy(dir.path(), &path);
        for (i, e) in events.iter().enumerate() {
            assert_eq!(*t.event(i), *e, "event {i}");
        }
    }

    #[test]
    fn a_write_that_fails_is_kept_as_the_error_it_is() {
        struct Full;
        impl Write for Full {
            fn write(&mut self, _: &[u8]) -> std::io::Result<usize> {
                Err(std::io::Error::new(
                    std::io::ErrorKind::StorageFull,
                    "no room left",
                ))
            }
            fn flush(&mut self) -> std::io::Result<()> {
                Ok(())
            }
        }
        let mut kept = Keeping {
            out: &mut Full,
            failed: None,
        };
        assert!(postcard::to_io(&"some text", &mut kept).is_err());
        let failed = kept.failed.expect("the error is kept");
        assert_eq!(failed.kind(), std::io::ErrorKind::StorageFull);
        assert_eq!(failed.to_string(), "no room left");
    }

    #[test]
    fn a_timeline_left_in_the_file_answers_as_the_one_in_memory() {
        // more than one chunk, with every combination the filters look at
        let owned = Timeline::new(
            crate::timeline::tests::events(CHUNK + 900),
            crate::timeline::tests::gazetteer(),
        );
        let events = owned.owned_events().unwrap();
        let (dir, path) = stored(events);
        let t = lazy(dir.path(), &path);
        assert!(t.is_stored() && t.search_ready());
        assert_eq!(t.len(), owned.len());
        for (i, e) in events.iter().enumerate() {
            assert_eq!(*t.event(i), *e, "event {i}");
            assert_eq!(t.span_start(i), e.span_start());
        }
        assert_eq!(t.get(owned.len()), None);
        assert_eq!(t.country_counts(), owned.country_counts());
        assert_eq!(t.tag_counts(), owned.tag_counts());
        for e in events.iter().step_by(97) {
            assert_eq!(t.index_of(&e.id), owned.index_of(&e.id), "{}", e.id);
        }
        assert_eq!(t.index_of("nope"), None);
        owned.prepare_search();
        for f in crate::timeline::tests::filters() {
            assert_eq!(t.filter(&f), owned.filter(&f), "{f:?}");
        }
        // narrowing a query as it is typed
        let mut previous = Filter::default();
        let mut shown = t.filter(&previous);
        for end in 1..=3 {
            let f = Filter {
                query: "gas"[..end].into(),
                ..Default::default()
            };
            shown = t.refine(&f, &previous, &shown);
            assert_eq!(shown, owned.filter(&f), "{:?}", f.query);
            previous = f;
        }
        assert_eq!(t.damage(), None);
        assert!(path.exists());
        assert_eq!(t.into_events().unwrap(), events);
    }

    #[test]
    fn an_event_damaged_in_the_file_is_shown_as_unreadable_and_the_file_is_dropped() {
        let mut events: Vec<Event> = (0..CHUNK + 10).map(event).collect();
        events[3].title = "Märked Title Of Event Three".into();
        let (dir, path) = stored(&events);
        let mut bytes = std::fs::read(&path).unwrap();
        let marker = "Märked Title Of Event Three".as_bytes();
        let at: Vec<usize> = (0..bytes.len() - marker.len())
            .filter(|&k| &bytes[k..k + marker.len()] == marker)
            .collect();
        assert_eq!(at.len(), 1, "the title is stored once, in its event");
        bytes[at[0] + 3] ^= 0x20;
        std::fs::write(&path, &bytes).unwrap();
        let t = lazy(dir.path(), &path);
        // the other events read as they were stored
        assert_eq!(*t.event(2), events[2]);
        assert_eq!(*t.event(CHUNK + 1), events[CHUNK + 1]);
        assert_eq!(t.damage(), None);
        assert!(t.try_event(3).is_err());
        let shown = t.event(3);
        assert_eq!(shown.title, crate::timeline::UNREADABLE);
        assert_eq!(shown.date.to_string(), "2016", "the year is all it claims");
        assert!(
            t.damage().is_some_and(|d| d.contains("checksum")),
            "{:?}",
            t.damage()
        );
        assert!(!path.exists(), "the damaged file is removed");
        assert!(t.into_events().is_err());
        // a query that reads the damaged event finds the damage too
        let (dir, path) = stored(&events);
        std::fs::write(&path, &bytes).unwrap();
        let t = lazy(dir.path(), &path);
        // (a word across a space is checked against the event's fields,
        // read from the event itself when they are not all ASCII)
        let f = Filter {
            query: "eventthree".into(),
            ..Default::default()
        };
        assert_eq!(t.filter(&f), Vec::<usize>::new());
        assert!(t.damage().is_some());
    }

    #[test]
    fn a_sound_file_renamed_over_a_damaged_one_is_not_removed() {
        let mut events: Vec<Event> = (0..20).map(event).collect();
        events[3].title = "Märked Title Of Event Three".into();
        let (dir, path) = stored(&events);
        let sound = std::fs::read(&path).unwrap();
        let mut bytes = sound.clone();
        let marker = "Märked Title Of Event Three".as_bytes();
        let at = (0..bytes.len() - marker.len())
            .find(|&k| &bytes[k..k + marker.len()] == marker)
            .unwrap();
        bytes[at + 3] ^= 0x20;
        std::fs::write(&path, &bytes).unwrap();
        let t = lazy(dir.path(), &path);
        // another process writes the file again meanwhile, as annals writes
        // every cache file: beside it, then renamed over it
        let beside = dir.path().join("written-beside");
        std::fs::write(&beside, &sound).unwrap();
        std::fs::rename(&beside, &path).unwrap();
        assert_eq!(t.event(3).title, crate::timeline::UNREADABLE);
        assert!(t.damage().is_some());
        assert_eq!(std::fs::read(&path).unwrap(), sound, "the sound file stays");
    }
}
