//! The cached search index of a timeline made of a catalog alone, so that a
//! warm `annals list --query Q` reads only the few sets of events its words
//! need, checks only their candidates, and decodes only the events that
//! match.
//!
//! # What is stored
//!
//! One file per catalog (kind 3 in the layout of [`super`]), written by the
//! first `list --query` that finds none, from the timeline that run built.
//! It holds the timeline's events in timeline order, in chunks of [`CHUNK`]
//! events, and the explorer's search index of them. Each chunk has two
//! entries, keyed by a section number (the key's first byte) and the
//! chunk's number (its last eight bytes, big-endian):
//!
//! - 3, the events themselves, each encoded with postcard as the catalog
//!   cache stores one ([`super::catalog`]).
//! - 4, for each event, where it ends in section 3 (`u32`, little-endian as
//!   every integer here) and the XXH3-64 of its bytes (`u64`).
//!
//! The search index ([`crate::search::SearchIndex`]) is stored as the
//! entries [`crate::search::stored`] describes (first key bytes 0x10 to
//! 0x19). A last entry (key all zero) holds the number of events, the
//! problems the catalog gave and the number of index entries, and one more
//! (key all 0xFF) the catalog's content hash with its stamp (see
//! [`super::hash_file`]).
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
//! The file is named by the catalog's cache name (its path and how it is
//! read) and holds for the catalog's context ([`super::catalog::identity`]:
//! this build, the catalog's size, modification time and content, the
//! gazetteer's content). It is only used, and only written, when the
//! sources name no article file at all, so that the timeline is the
//! catalog's events alone.

use std::path::{Path, PathBuf};

use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use xxhash_rust::xxh3::xxh3_64;

use super::catalog::{StoredEvent, load_event, store_event};
use super::{Hashed, Key, Kind, Reader, Rejected, StoredProblem, load_problem, store_problem};
use crate::diag::Problem;
use crate::filter::{Filter, Query, short_fields};
use crate::model::Event;
use crate::search::SearchIndex;
use crate::search::stored::{Blobs, Stored};

/// Events per chunk.
pub const CHUNK: usize = 16_384;

/// The search file's own layout version, part of its context: a file of
/// another layout is one written for other inputs, and rewritten.
const LAYOUT: u32 = 4;

/// The key of the entry holding the number of events and the problems.
const META: Key = [0; 16];

/// The key of the entry holding the catalog's content hash and stamp
/// (see [`crate::cache::hash_file`]).
const HASHED: Key = [0xFF; 16];

/// The sections of a chunk (the first byte of their keys).
#[derive(Debug, Clone, Copy)]
enum Section {
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
    /// How many entries the stored index has.
    index: u64,
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
    let entries = chunks
        .checked_mul(2)
        .and_then(|n| n.checked_add(2))
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
        let stored = Stored::open(self, self.events)?;
        let found = stored.select(query)?;
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

    /// The events `group` (indexes in one chunk) that `filter`'s other
    /// parts keep.
    fn decode(&self, group: &[usize], filter: &Filter) -> Result<Vec<Event>, String> {
        let Some(&first) = group.first() else {
            return Ok(Vec::new());
        };
        let chunk = self.chunk(first / CHUNK)?;
        let mut out = Vec::with_capacity(group.len());
        for &i in group {
            let event = chunk.event(i)?;
            if filter.keeps_structured(&event) {
                out.push(event);
            }
        }
        // what this read is not needed again
        self.reader.release(chunk.events);
        Ok(out)
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
        let e = self.chunk(i / CHUNK)?.event(i)?;
        Ok(short_fields(&e).any(test))
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

    /// Event `i` (of the timeline), checked against its checksum and
    /// decoded.
    fn event(&self, i: usize) -> Result<Event, String> {
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
        match postcard::take_from_bytes::<StoredEvent>(bytes) {
            Ok((stored, [])) => load_event(stored),
            _ => None,
        }
        .ok_or_else(|| format!("event {i} does not decode"))
    }
}

/// The two entries of one chunk of events; `None` when an event cannot be
/// stored (one with sources) or the chunk is too large for its ends.
fn encode_chunk(events: &[Event]) -> Option<[Vec<u8>; 2]> {
    let mut stored = Vec::new();
    let mut stored_ends = Vec::with_capacity(events.len() * 12);
    for e in events {
        let bytes = postcard::to_stdvec(&store_event(e)?).ok()?;
        stored.extend(&bytes);
        stored_ends.extend(u32::try_from(stored.len()).ok()?.to_le_bytes());
        stored_ends.extend(xxh3_64(&bytes).to_le_bytes());
    }
    Some([stored, stored_ends])
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
    let (chunks, index) = rayon::join(
        || -> Option<Vec<[Vec<u8>; 2]>> { events.par_chunks(CHUNK).map(encode_chunk).collect() },
        || SearchIndex::build(events).stored_entries(),
    );
    let meta = Meta {
        events: events.len() as u64,
        problems: problems.iter().map(store_problem).collect(),
        index: index.len() as u64,
    };
    let (Some(chunks), Ok(meta), Ok(hashed)) = (
        chunks,
        postcard::to_stdvec(&meta),
        postcard::to_stdvec(&id.catalog),
    ) else {
        return Ok(());
    };
    let sections = [Section::Events, Section::EventEnds];
    let mut entries: Vec<(Key, &[u8])> = vec![(META, &meta), (HASHED, &hashed)];
    for (c, parts) in chunks.iter().enumerate() {
        for (s, part) in sections.iter().zip(parts) {
            entries.push((key(*s, c), part));
        }
    }
    entries.extend(index.iter().map(|(k, b)| (*k, &b[..])));
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
