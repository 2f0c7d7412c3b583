//! The cache of a parsed catalog: its events, checked against the gazetteer,
//! and its problems, so that a large catalog is not parsed and checked again
//! on every run.
//!
//! One cache file per catalog path and way of reading it (kind 2, see the
//! layout in [`super`]). Its context hashes this build of annals, the
//! format, the catalog file's size, modification time and content (a hash a
//! cache file remembers with the file's stamp stands for the content while
//! the stamp holds, see [`super::hash_file`]), the
//! gazetteer the events were checked against, and how the file is read
//! (`--events-format`, `--fold`). Any change there and the catalog is parsed
//! again and the file rewritten, with no warning.
//!
//! The events are stored in chunks of [`CHUNK`] events, one entry each (the
//! key is the chunk's number), encoded with postcard through mirror types
//! that take every field of [`Event`] apart by name, so that a new field
//! cannot be left out silently. The chunks are decoded on every core. The
//! catalog's problems are one more entry, under [`PROBLEMS`].
//!
//! A damaged file (the checks of [`super::Reader`], or an entry that does not
//! decode) is rebuilt with one warning; a folder or file that cannot be
//! written means no cache for that run, with one warning. The load itself is
//! never affected: the cache gives back exactly what parsing gave.

use std::path::Path;

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use super::{Hashed, Key, Kind, Reader, Rejected, StoredProblem, load_problem, store_problem};
use crate::catalog::Catalog;
use crate::diag::LoadError;
use crate::model::{DateValue, Event, Names, Origin, Status};

/// Events per entry.
pub const CHUNK: usize = 16_384;

/// The key of the entry holding the catalog's problems (after every chunk).
pub const PROBLEMS: Key = [0xFF; 16];

/// The key of chunk `n`: its number, big-endian, so that keys sort as chunks.
fn chunk_key(n: usize) -> Key {
    let mut k = [0u8; 16];
    k[8..].copy_from_slice(&(n as u64).to_be_bytes());
    k
}

/// What the catalog cache did in one load.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Report {
    /// The catalog came from the cache.
    pub hit: bool,
    /// The one warning about the cache, if something went wrong with it.
    pub warning: Option<String>,
    /// The cache file could not be written, or the folder used (see
    /// [`super::articles::Report::unwritable`]).
    pub unwritable: bool,
}

/// What names a catalog's cache file and what its entries hold for.
pub struct Identity {
    /// Names the file: the catalog's full path and how it is read.
    pub name: Vec<u8>,
    /// The context: everything the parsed catalog depends on.
    pub context: Key,
    /// The catalog file's content hash and stamp, for a cache file to
    /// remember (see [`super::hash_file`]).
    pub content: Hashed,
}

/// The identity of the catalog file `path` read with `how` (the settings
/// that change how it is read) and checked against a gazetteer whose content
/// hashes to `gazetteer`. The file's content hash is `remembered` when that
/// still holds for it (see [`super::hash_file`]), else the file is read.
/// `None` when the file cannot be read to hash it.
pub fn identity(
    path: &Path,
    how: &[u8],
    gazetteer: &Key,
    remembered: Option<&Hashed>,
) -> Option<Identity> {
    let name = name(path, how);
    let content = super::hash_file(path, remembered).ok()?;
    let context = super::key_of(&[
        &super::build_identity(),
        &super::FORMAT.to_le_bytes(),
        &name,
        &content.stamp.size.to_le_bytes(),
        &content.stamp.mtime.to_le_bytes(),
        &content.hash,
        gazetteer,
    ]);
    Some(Identity {
        name,
        context,
        content,
    })
}

/// What names the cache file of the catalog file `path` read with `how`
/// (the [`Identity::name`] [`identity`] gives, without reading the file).
pub fn name(path: &Path, how: &[u8]) -> Vec<u8> {
    let full = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
    let mut name = b"catalog".to_vec();
    for part in [full.as_os_str().as_encoded_bytes(), how] {
        name.extend((part.len() as u64).to_le_bytes());
        name.extend(part);
    }
    name
}

/// The catalog named by `id`, from its cache file in `dir` when that holds
/// it for the same context, else from `parse`, which is then stored. A parse
/// error is returned as it is and nothing is stored.
pub fn load(
    dir: &Path,
    id: &Identity,
    parse: impl FnOnce() -> Result<Catalog, LoadError>,
) -> Result<(Catalog, Report), LoadError> {
    let path = super::file_for(dir, &id.name);
    let mut warning = None;
    let writable = match super::prepare_dir(dir) {
        Ok(()) => true,
        Err(e) => {
            warning = Some(format!(
                "the cache folder {} cannot be used ({e}); loading without it",
                crate::diag::shown_path(dir)
            ));
            false
        }
    };
    if writable {
        let damaged = |why: String| {
            format!(
                "the cache file {} could not be used: {why}; it is rebuilt",
                crate::diag::shown_path(&path)
            )
        };
        match Reader::open(&path) {
            Ok(r) if r.kind() == Kind::Catalog && r.context() == id.context => match decode(&r) {
                Some(catalog) => {
                    let report = Report {
                        hit: true,
                        warning: None,
                        unwritable: false,
                    };
                    return Ok((catalog, report));
                }
                None => warning = Some(damaged("an entry does not decode".into())),
            },
            // another catalog version, build or setting: out of date, not damaged
            Ok(_) | Err(Rejected::Missing) => {}
            Err(Rejected::Damaged(why)) => warning = Some(damaged(why)),
        }
    }
    let catalog = parse()?;
    let mut unwritable = !writable;
    if writable && let Err(e) = store(&path, &id.context, &catalog) {
        unwritable = true;
        warning.get_or_insert_with(|| {
            format!(
                "cannot write the cache file {} ({e}); the next load parses the catalog again",
                crate::diag::shown_path(&path)
            )
        });
    }
    let report = Report {
        hit: false,
        warning,
        unwritable,
    };
    Ok((catalog, report))
}

/// Writes `catalog` as the cache file `path`. A catalog that cannot be
/// stored faithfully (an event with sources, which a catalog file never
/// gives) is not stored, and that is not an error.
fn store(path: &Path, context: &Key, catalog: &Catalog) -> std::io::Result<()> {
    let chunks: Option<Vec<Vec<u8>>> = catalog
        .events
        .par_chunks(CHUNK)
        .map(|events| {
            let stored: Option<Vec<StoredEvent>> = events.iter().map(store_event).collect();
            postcard::to_stdvec(&stored?).ok()
        })
        .collect();
    let problems: Vec<StoredProblem> = catalog.problems.iter().map(store_problem).collect();
    let (Some(chunks), Ok(problems)) = (chunks, postcard::to_stdvec(&problems)) else {
        return Ok(());
    };
    let keys: Vec<Key> = (0..chunks.len()).map(chunk_key).collect();
    let mut entries: Vec<(Key, &[u8])> = keys
        .iter()
        .zip(&chunks)
        .map(|(k, c)| (*k, c.as_slice()))
        .collect();
    entries.push((PROBLEMS, &problems));
    super::write_file(path, Kind::Catalog, context, &entries)
}

/// The catalog a checked file holds; `None` when an entry is missing or
/// does not decode.
fn decode(r: &Reader) -> Option<Catalog> {
    let chunks = r.len().checked_sub(1)?;
    let problems: Vec<StoredProblem> = postcard::from_bytes(r.get(&PROBLEMS)?).ok()?;
    let parts: Vec<Vec<Event>> = (0..chunks)
        .into_par_iter()
        .map(|n| {
            let stored: Vec<StoredEvent> = postcard::from_bytes(r.get(&chunk_key(n))?).ok()?;
            stored.into_iter().map(load_event).collect()
        })
        .collect::<Option<_>>()?;
    let mut events = Vec::with_capacity(parts.iter().map(Vec::len).sum());
    for p in parts {
        events.extend(p);
    }
    Some(Catalog {
        events,
        problems: problems
            .into_iter()
            .map(load_problem)
            .collect::<Option<_>>()?,
    })
}

#[derive(Serialize, Deserialize)]
pub(super) struct StoredEvent {
    id: String,
    date: DateValue,
    end: Option<DateValue>,
    title: String,
    summary: String,
    countries: Names,
    actors: Names,
    tags: Names,
    aliases: Names,
    extracted: bool,
    status: Status,
    confidence: Option<f32>,
}

/// An event as stored; `None` for one with sources.
pub(super) fn store_event(e: &Event) -> Option<StoredEvent> {
    e.sources.is_empty().then(|| store_event_fields(e))
}

/// An event as stored, without its sources (for the caller to store).
pub(super) fn store_event_fields(e: &Event) -> StoredEvent {
    let Event {
        id,
        date,
        end,
        title,
        summary,
        countries,
        actors,
        tags,
        aliases,
        origin,
        status,
        confidence,
        sources: _,
    } = e;
    StoredEvent {
        id: id.clone(),
        date: *date,
        end: *end,
        title: title.clone(),
        summary: summary.clone(),
        countries: countries.clone(),
        actors: actors.clone(),
        tags: tags.clone(),
        aliases: aliases.clone(),
        extracted: *origin == Origin::Extracted,
        status: *status,
        confidence: *confidence,
    }
}

pub(super) fn load_event(s: StoredEvent) -> Option<Event> {
    let StoredEvent {
        id,
        date,
        end,
        title,
        summary,
        countries,
        actors,
        tags,
        aliases,
        extracted,
        status,
        confidence,
    } = s;
    Some(Event {
        id,
        date,
        end,
        title,
        summary,
        countries,
        actors,
        tags,
        aliases,
        origin: if extracted {
            Origin::Extracted
        } else {
            Origin::Curated
        },
        status,
        confidence,
        sources: Vec::new(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::{Location, Problem};

    fn event(n: usize) -> Event {
        Event {
            id: format!("e{n}"),
            date: "2016-07-15".parse().unwrap(),
            end: (n % 3 == 0).then(|| "2016-08".parse().unwrap()),
            title: format!("Event number {n}"),
            summary: "ü".repeat(n % 5),
            countries: Names::from(["TR", "RU"]),
            actors: Names::from([format!("actor {n}")]),
            tags: Names::new(),
            aliases: Names::from(["a", "b"]),
            origin: if n % 2 == 0 {
                Origin::Curated
            } else {
                Origin::Extracted
            },
            status: Status::default(),
            confidence: (n % 2 == 1).then_some(0.5),
            sources: vec![],
        }
    }

    fn catalog(n: usize) -> Catalog {
        Catalog {
            events: (0..n).map(event).collect(),
            problems: vec![Problem {
                location: Location {
                    file: "events.json".into(),
                    line: 3,
                    col: 7,
                },
                message: "duplicate id `x`".into(),
                warning: false,
            }],
        }
    }

    #[test]
    fn a_stored_catalog_reads_back_the_same_in_order_across_chunks() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("c.cache");
        let want = catalog(CHUNK * 2 + 5);
        store(&path, &[7; 16], &want).unwrap();
        let r = Reader::open(&path).unwrap();
        assert_eq!(
            (r.kind(), r.context(), r.len()),
            (Kind::Catalog, [7; 16], 4)
        );
        let got = decode(&r).unwrap();
        assert_eq!(got.events, want.events);
        assert_eq!(got.problems, want.problems);
    }

    #[test]
    fn an_event_with_sources_is_not_stored() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("c.cache");
        let mut c = catalog(3);
        c.events[1].sources.push(crate::model::Source {
            article: Default::default(),
            start: 0,
            end: 1,
            text: "x".into(),
            dated: true,
            sentence: "x".into(),
            sentence_start: 0,
            why: Default::default(),
        });
        store(&path, &[1; 16], &c).unwrap();
        assert!(!path.exists());
    }
}
