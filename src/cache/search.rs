//! The cached search text of a timeline made of a catalog alone, so that a
//! warm `annals list --query Q` reads only the text a query is matched
//! against, and decodes only the events that match.
//!
//! # What is stored
//!
//! One file per catalog (kind 3 in the layout of [`super`]), written by the
//! first `list --query` that finds none, from the timeline that run built.
//! It holds the timeline's events in timeline order, in chunks of [`CHUNK`]
//! events. Each chunk has four entries, keyed by a section number (the
//! key's first byte) and the chunk's number (its last eight bytes,
//! big-endian):
//!
//! - 1, the *search text*: one record per event, the texts a query is
//!   matched against (see [`crate::filter::Query`]), as they are in the
//!   event: the count of short fields (title, actors, aliases, tags, in
//!   that order), each as its byte length and its UTF-8 bytes, then the
//!   same for the long texts (the summary). Counts and lengths are
//!   [`NUMBER`] bytes of seven bits each, least significant first, so that
//!   they are ASCII and the whole entry is UTF-8: it is checked as such once,
//!   and each text is then cut out of it where a character starts.
//! - 2, where each record ends in the search text: one `u32` per event
//!   (little-endian, as every other integer here).
//! - 3, the events themselves, each encoded with postcard as the catalog
//!   cache stores one ([`super::catalog`]).
//! - 4, where each event ends in section 3: one `u32` per event.
//!
//! A last entry (key all zero) holds the number of events and the problems
//! the catalog gave, postcard-encoded.
//!
//! # Reading
//!
//! The file is opened through [`super::Reader`] (magic, format, kind,
//! lengths, the checksum over the whole file). A query then walks each
//! chunk's search text where it lies in the map, on every core, and reads
//! the strings in place (checked as UTF-8, never copied); only the events
//! whose text matches are decoded, and then the other filters
//! ([`Filter::keeps_structured`]) are applied to them. Since the text is
//! matched by [`Query::matches_texts`], the same test as on a loaded event,
//! and the events are in timeline order already, the answer is the one the
//! loaded timeline gives.
//!
//! A record or an end that does not fit its chunk, text that is not UTF-8,
//! an event that does not decode, or a count of entries that does not agree
//! with the number of events, is damage: the caller warns once, loads as
//! usual, and writes the file again.
//!
//! # Its key
//!
//! The file is named by the catalog's cache name (its path and how it is
//! read) and holds for the catalog's context ([`super::catalog::identity`]:
//! this build, the catalog's size, modification time and content, the
//! gazetteer's content). It is only used, and only written, when the
//! sources name no article file at all, so that the timeline is the
//! catalog's events alone.

use std::path::{Path, PathBuf};

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use super::catalog::{StoredEvent, load_event, store_event};
use super::{Hashed, Key, Kind, Reader, Rejected, StoredProblem, load_problem, store_problem};
use crate::diag::Problem;
use crate::filter::{Filter, Query, long_texts, short_fields};
use crate::model::Event;

/// Events per chunk.
pub const CHUNK: usize = 16_384;

/// Events read by one task of a query (a chunk has several, so that every
/// core has work till the end).
const PART: usize = 2048;

/// Bytes of a count or length in the search text (seven bits each).
const NUMBER: usize = 5;

/// The search file's own layout version, part of its context: a file of
/// another layout is one written for other inputs, and rewritten.
const LAYOUT: u32 = 2;

/// The key of the entry holding the number of events and the problems.
const META: Key = [0; 16];

/// The key of the entry holding the catalog's content hash and stamp
/// (see [`crate::cache::hash_file`]).
const HASHED: Key = [0xFF; 16];

/// The sections of a chunk (the first byte of their keys).
#[derive(Debug, Clone, Copy)]
enum Section {
    Text = 1,
    TextEnds = 2,
    Events = 3,
    EventEnds = 4,
}

fn key(section: Section, chunk: usize) -> Key {
    let mut k = [0u8; 16];
    k[0] = section as u8;
    k[8..].copy_from_slice(&(chunk as u64).to_be_bytes());
    k
}

#[derive(Serialize, Deserialize)]
struct Meta {
    events: u64,
    problems: Vec<StoredProblem>,
}

/// What names the search file of a catalog and what it holds for.
#[derive(Debug, Clone)]
pub struct Identity {
    name: Vec<u8>,
    context: Key,
    catalog: Hashed,
}

impl Identity {
    /// The search file's identity for the catalog named by `catalog`.
    pub fn of(catalog: &super::catalog::Identity) -> Identity {
        Identity {
            name: name(&catalog.name),
            context: super::key_of(&[b"search", &LAYOUT.to_le_bytes(), &catalog.context]),
            catalog: catalog.content,
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
}

/// Why a search file was not used: none for these inputs (missing, or
/// written for other ones), or damaged (why).
pub fn open(dir: &Path, id: &Identity) -> Result<Index, Rejected> {
    check(Reader::open_lazy(&id.path(dir))?, id)
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
        Some(b) => postcard::from_bytes(b)
            .map(Some)
            .map_err(|_| "its catalog hash entry does not decode".to_string()),
    }
}

/// The search file `reader` has open (checked as every cache file is), when
/// it holds for `id`.
pub fn check(reader: Reader, id: &Identity) -> Result<Index, Rejected> {
    if reader.kind() != Kind::Search || reader.context() != id.context {
        // another catalog, build or setting: out of date, not damaged
        return Err(Rejected::Missing);
    }
    let damaged = |why: &str| Rejected::Damaged(why.to_string());
    let meta: Meta = reader
        .fetch(&META)
        .map_err(Rejected::Damaged)?
        .and_then(|b| postcard::from_bytes(b).ok())
        .ok_or_else(|| damaged("its summary entry does not decode"))?;
    let events = usize::try_from(meta.events).map_err(|_| damaged("it counts too many events"))?;
    let chunks = events.div_ceil(CHUNK);
    if chunks.checked_mul(4).and_then(|n| n.checked_add(2)) != Some(reader.len()) {
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
    Ok(Index {
        reader,
        events,
        problems,
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

    /// The events `query` matches that `filter`'s other parts keep, in
    /// timeline order; `Err` (why) when the file turns out to be damaged.
    pub fn select(&self, query: &Query, filter: &Filter) -> Result<Vec<Event>, String> {
        let parts: Vec<(usize, usize)> = (0..self.events.div_ceil(CHUNK))
            .flat_map(|c| {
                let n = (self.events - c * CHUNK).min(CHUNK);
                (0..n.div_ceil(PART)).map(move |p| (c, p))
            })
            .collect();
        let found: Vec<Vec<Event>> = parts
            .into_par_iter()
            .map(|(c, p)| self.select_in(c, p, query, filter))
            .collect::<Result<_, _>>()?;
        Ok(found.concat())
    }

    /// [`Index::select`] in part `p` of chunk `c`.
    fn select_in(
        &self,
        c: usize,
        p: usize,
        query: &Query,
        filter: &Filter,
    ) -> Result<Vec<Event>, String> {
        let n = (self.events - c * CHUNK).min(CHUNK);
        let entry = |s: Section| {
            self.reader
                .fetch(&key(s, c))?
                .ok_or_else(|| format!("chunk {c} lacks an entry"))
        };
        let outside = || format!("an end in chunk {c} points outside its entry");
        let text = entry(Section::Text)?;
        let text_ends = Ends::new(entry(Section::TextEnds)?, n, text.len())?;
        let events = entry(Section::Events)?;
        let event_ends = Ends::new(entry(Section::EventEnds)?, n, events.len())?;
        let (first, last) = (p * PART, ((p + 1) * PART).min(n));
        // the part's records, checked as UTF-8 at once (each starts and ends
        // with ASCII, so a part is UTF-8 when the chunk is)
        let from = text_ends.range(first).ok_or_else(outside)?.start;
        let to = text_ends.range(last - 1).ok_or_else(outside)?.end;
        let part = text
            .get(from..to)
            .and_then(|b| std::str::from_utf8(b).ok())
            .ok_or_else(|| format!("the search text of chunk {c} is malformed (not UTF-8)"))?;
        let mut short: Vec<&str> = Vec::new();
        let mut long: Vec<&str> = Vec::new();
        let mut out = Vec::new();
        for k in first..last {
            let range = text_ends.range(k).ok_or_else(outside)?;
            range
                .start
                .checked_sub(from)
                .and_then(|a| part.get(a..range.end - from))
                .and_then(|record| read_record(record, &mut short, &mut long))
                .ok_or_else(|| {
                    format!("the search text of event {} is malformed", c * CHUNK + k)
                })?;
            if !query.matches_texts(&short, &long) {
                continue;
            }
            let bytes = &events[event_ends.range(k).ok_or_else(outside)?];
            let event = match postcard::take_from_bytes::<StoredEvent>(bytes) {
                Ok((stored, [])) => load_event(stored),
                _ => None,
            }
            .ok_or_else(|| format!("event {} does not decode", c * CHUNK + k))?;
            if filter.keeps_structured(&event) {
                out.push(event);
            }
        }
        // what this part read is not needed again
        self.reader.release(part.as_bytes());
        if let (Some(a), Some(b)) = (event_ends.range(first), event_ends.range(last - 1)) {
            self.reader
                .release(events.get(a.start..b.end).unwrap_or_default());
        }
        Ok(out)
    }
}

/// The ends of a chunk's records, in the `len` bytes they point into.
struct Ends<'a> {
    bytes: &'a [u8],
    len: usize,
}

impl<'a> Ends<'a> {
    fn new(bytes: &'a [u8], n: usize, len: usize) -> Result<Ends<'a>, String> {
        if bytes.len() != n * 4 {
            return Err("a table of ends has the wrong length".into());
        }
        Ok(Ends { bytes, len })
    }

    fn end(&self, k: usize) -> usize {
        let mut b = [0u8; 4];
        b.copy_from_slice(&self.bytes[k * 4..k * 4 + 4]);
        u32::from_le_bytes(b) as usize
    }

    /// The byte range of record `k` (below the `n` given to `new`); `None`
    /// when it runs backwards or past the end.
    fn range(&self, k: usize) -> Option<std::ops::Range<usize>> {
        let start = if k == 0 { 0 } else { self.end(k - 1) };
        let end = self.end(k);
        (start <= end && end <= self.len).then_some(start..end)
    }
}

/// Reads one search record into its short fields and long texts; `None`
/// when it is malformed.
fn read_record<'a>(
    mut record: &'a str,
    short: &mut Vec<&'a str>,
    long: &mut Vec<&'a str>,
) -> Option<()> {
    fn take<'a>(rest: &mut &'a str, n: usize) -> Option<&'a str> {
        let head = rest.get(..n)?;
        *rest = rest.get(n..)?;
        Some(head)
    }
    fn number(rest: &mut &str) -> Option<usize> {
        let digits = take(rest, NUMBER)?.as_bytes();
        digits
            .iter()
            .rev()
            .try_fold(0usize, |n, &d| (d < 0x80).then(|| n << 7 | usize::from(d)))
    }
    for list in [&mut *short, &mut *long] {
        list.clear();
        let count = number(&mut record)?;
        for _ in 0..count {
            let len = number(&mut record)?;
            list.push(take(&mut record, len)?);
        }
    }
    record.is_empty().then_some(())
}

/// Appends `n` as [`NUMBER`] bytes of seven bits; `None` when it does not
/// fit.
fn put_number(out: &mut Vec<u8>, n: usize) -> Option<()> {
    if (n as u64) >> (7 * NUMBER) != 0 {
        return None;
    }
    out.extend((0..NUMBER).map(|k| (n >> (7 * k)) as u8 & 0x7f));
    Some(())
}

/// Appends the search record of `e` to `out`; `None` when a text is too
/// long for its length field.
fn write_record(e: &Event, out: &mut Vec<u8>) -> Option<()> {
    let mut texts = |list: Vec<&str>| -> Option<()> {
        put_number(out, list.len())?;
        for t in list {
            put_number(out, t.len())?;
            out.extend(t.as_bytes());
        }
        Some(())
    };
    texts(short_fields(e).collect())?;
    texts(long_texts(e).collect())
}

/// The four entries of one chunk of events; `None` when an event cannot be
/// stored (one with sources) or the chunk is too large for its ends.
fn encode_chunk(events: &[Event]) -> Option<[Vec<u8>; 4]> {
    let mut text = Vec::new();
    let mut text_ends = Vec::with_capacity(events.len() * 4);
    let mut stored = Vec::new();
    let mut stored_ends = Vec::with_capacity(events.len() * 4);
    for e in events {
        write_record(e, &mut text)?;
        text_ends.extend(u32::try_from(text.len()).ok()?.to_le_bytes());
        let bytes = postcard::to_stdvec(&store_event(e)?).ok()?;
        stored.extend(bytes);
        stored_ends.extend(u32::try_from(stored.len()).ok()?.to_le_bytes());
    }
    Some([text, text_ends, stored, stored_ends])
}

/// Writes the search file of a timeline of `events` (in timeline order)
/// made of a catalog alone, which gave `problems`. A timeline that cannot be
/// stored faithfully is not stored, and that is not an error.
pub fn store(
    dir: &Path,
    id: &Identity,
    events: &[Event],
    problems: &[Problem],
) -> std::io::Result<()> {
    let chunks: Option<Vec<[Vec<u8>; 4]>> = events.par_chunks(CHUNK).map(encode_chunk).collect();
    let meta = Meta {
        events: events.len() as u64,
        problems: problems.iter().map(store_problem).collect(),
    };
    let (Some(chunks), Ok(meta), Ok(hashed)) = (
        chunks,
        postcard::to_stdvec(&meta),
        postcard::to_stdvec(&id.catalog),
    ) else {
        return Ok(());
    };
    let sections = [
        Section::Text,
        Section::TextEnds,
        Section::Events,
        Section::EventEnds,
    ];
    let mut entries: Vec<(Key, &[u8])> = vec![(META, &meta), (HASHED, &hashed)];
    for (c, parts) in chunks.iter().enumerate() {
        for (s, part) in sections.iter().zip(parts) {
            entries.push((key(*s, c), part));
        }
    }
    super::prepare_dir(dir)?;
    super::write_file(&id.path(dir), Kind::Search, &id.context, &entries)
}

#[cfg(test)]
mod tests {
    use super::*;
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
            catalog: Hashed {
                stamp,
                at: 6,
                hash: [7; 16],
            },
        }
    }

    #[test]
    fn records_read_back_as_the_event_gives_its_texts() {
        let e = event(2);
        let mut bytes = Vec::new();
        write_record(&e, &mut bytes).unwrap();
        let text = std::str::from_utf8(&bytes).unwrap();
        let (mut short, mut long) = (Vec::new(), Vec::new());
        read_record(text, &mut short, &mut long).unwrap();
        assert_eq!(short, short_fields(&e).collect::<Vec<_>>());
        assert_eq!(long, vec!["Çavuşoğlu signs"]);
        // a record cut anywhere, or with a character more, is refused
        for len in 0..bytes.len() {
            if let Ok(cut) = std::str::from_utf8(&bytes[..len]) {
                assert!(read_record(cut, &mut short, &mut long).is_none());
            }
        }
        let longer = format!("{text}x");
        assert!(read_record(&longer, &mut short, &mut long).is_none());
        // numbers are seven bits a byte
        let mut n = Vec::new();
        put_number(&mut n, 300).unwrap();
        assert_eq!(n, [(300 & 0x7f) as u8, (300 >> 7) as u8, 0, 0, 0]);
        assert!(put_number(&mut n, 1 << 35).is_none());
    }

    #[test]
    fn a_stored_index_selects_what_the_query_matches_in_order_across_chunks() {
        let dir = tempfile::tempdir().unwrap();
        let events: Vec<Event> = (0..CHUNK + 10).map(event).collect();
        store(dir.path(), &identity(), &events, &[]).unwrap();
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
            assert_eq!(got, want, "{q}");
        }
        // another context is no file for these inputs
        let other = Identity {
            context: [4; 16],
            ..identity()
        };
        assert!(matches!(open(dir.path(), &other), Err(Rejected::Missing)));
    }
}
