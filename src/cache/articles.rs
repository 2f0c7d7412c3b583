//! The cache of the map step: each article's results ([`ArticleResult`]),
//! kept under a key made of the article's name, path, size, modification time
//! and content hash, in a file whose context covers the catalog, the gazetteer
//! and the build of annals (see the [module above](super)).
//!
//! An entry is the results of one article file (a feed gives one per item)
//! encoded with postcard, through the
//! `Stored*` types below. They take every field of the model's types apart by
//! name, so that a field added to an event, a source or a mention fails to
//! compile here until it is stored too (and [`super::FORMAT`] raised).

use std::borrow::Cow;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use serde::{Deserialize, Serialize};

use super::{Key, Kind, Reader, Rejected, StoredProblem, load_problem, store_problem};
use crate::article::ArticleInput;
use crate::mapped::{ArticleResult, MentionRecord, Place};
use crate::model::{ArticleKind, ArticleMeta, DateFrom, DateValue, Excerpt, Offsets, Source};

/// What the cache did during one load.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Report {
    /// Articles whose results were read from the cache.
    pub reused: usize,
    /// Articles extracted (and stored when the cache could be written).
    pub extracted: usize,
    /// The one warning about the cache, if something went wrong with it (the
    /// load itself is never affected).
    pub warning: Option<String>,
    /// The catalog's parsed events came from the cache (see
    /// [`super::catalog`]).
    pub catalog: bool,
    /// The whole timeline came from the cache's timeline file (see
    /// [`super::search`]): no article was extracted or read back, and
    /// nothing was merged.
    pub timeline: bool,
    /// The timeline file remembered every article file's content hash, and
    /// every file kept the stamp it had when hashed: no article was read.
    pub unread: bool,
    /// A cache file could not be written in this load (a read-only or full
    /// folder, or one that cannot be made): the timeline file, which would
    /// go beside it, is not tried, and the load gives one warning, not two.
    pub unwritable: bool,
}

/// The cache of one load's articles: the file read at the start, the entries
/// made during the load, and the file written at the end.
pub struct ArticleCache {
    path: PathBuf,
    /// False when the folder cannot be used at all.
    writable: bool,
    context: Key,
    old: Option<Reader>,
    /// Keys of the entries this load used, and the entries it made.
    used: Mutex<Vec<Key>>,
    fresh: Mutex<Spill>,
    reused: AtomicUsize,
    extracted: AtomicUsize,
    warning: Mutex<Option<String>>,
}

impl ArticleCache {
    /// Opens the cache for the inputs named by `identity` in `dir`, for
    /// `context`. Never fails: a folder or a file that cannot be used gives a
    /// cache that stores nothing, or that starts empty, with a warning.
    pub fn open(dir: &Path, identity: &[u8], context: Key) -> ArticleCache {
        let path = super::file_for(dir, identity);
        let mut warning = None;
        let mut writable = true;
        let old = match super::prepare_dir(dir) {
            Err(e) => {
                writable = false;
                warning = Some(format!(
                    "the cache folder {} cannot be used ({e}); loading without it",
                    crate::diag::shown_path(dir)
                ));
                None
            }
            Ok(()) => match Reader::open(&path) {
                Ok(r) if r.kind() == Kind::Articles && r.context() == context => Some(r),
                // another context (inputs, settings, build): out of date, not damaged
                Ok(_) | Err(Rejected::Missing) => None,
                Err(Rejected::Damaged(why)) => {
                    warning = Some(format!(
                        "the cache file {} could not be used: {why}; it is rebuilt",
                        crate::diag::shown_path(&path)
                    ));
                    None
                }
            },
        };
        ArticleCache {
            path,
            writable,
            context,
            old,
            used: Mutex::new(Vec::new()),
            fresh: Mutex::new(Spill::default()),
            reused: AtomicUsize::new(0),
            extracted: AtomicUsize::new(0),
            warning: Mutex::new(warning),
        }
    }

    /// The key of an article read from a file whose stamp was `stamp`
    /// before it was read (`None`: not a regular file), with its content
    /// hash and that stamp, hashed `at` (nanoseconds since 1970, also taken
    /// before the file was read). A file changed after its stamp was taken
    /// has another stamp now, so its hash is never trusted again.
    pub fn key_and_hash(
        input: &ArticleInput,
        stamp: Option<super::Stamp>,
        at: u128,
    ) -> Option<(Key, super::Hashed)> {
        let stamp = stamp?;
        let hash = super::content_hash(&input.bytes);
        let key = ArticleCache::key_from(&input.name, &input.path, stamp.size, stamp.mtime, &hash);
        Some((key, super::Hashed { stamp, at, hash }))
    }

    /// The key of the article file named `name` at `path`, of `size` bytes,
    /// modified at `mtime` (nanoseconds since 1970), whose content hashes to
    /// `hash` ([`super::content_hash`]).
    pub fn key_from(name: &str, path: &Path, size: u64, mtime: u128, hash: &Key) -> Key {
        super::key_of(&[
            name.as_bytes(),
            path.as_os_str().as_encoded_bytes(),
            &size.to_le_bytes(),
            &mtime.to_le_bytes(),
            hash,
        ])
    }

    /// The results stored under `key` (one per article the file gave), when
    /// there are any and they fit a catalog of `events` events.
    pub fn get(&self, key: &Key, events: usize) -> Option<Vec<ArticleResult>> {
        let blob = self.old.as_ref()?.get(key)?;
        let fits =
            |rs: &Vec<ArticleResult>| rs.iter().all(|r| r.links.iter().all(|(i, _)| *i < events));
        match decode(blob).filter(fits) {
            Some(r) => {
                self.reused.fetch_add(1, Ordering::Relaxed);
                lock(&self.used).push(*key);
                Some(r)
            }
            None => {
                self.warn(format!(
                    "an entry of the cache file {} could not be read; it is rebuilt",
                    crate::diag::shown_path(&self.path)
                ));
                None
            }
        }
    }

    /// Stores the results of an article file, just extracted.
    pub fn put(&self, key: Key, results: &[ArticleResult]) {
        self.extracted.fetch_add(1, Ordering::Relaxed);
        if !self.writable || lock(&self.fresh).failed {
            return;
        }
        let Some(blob) = encode(results) else {
            return;
        };
        let dir = self.path.parent().unwrap_or(Path::new("."));
        if let Err(e) = lock(&self.fresh).put(dir, key, &blob) {
            self.warn(unwritten(&self.path, &e));
        }
    }

    fn warn(&self, message: String) {
        let mut w = lock(&self.warning);
        if w.is_none() {
            *w = Some(message);
        }
    }

    /// Writes the file when this load changed it (an article extracted, one
    /// gone, a file rebuilt) and says what the cache did.
    pub fn finish(self) -> Report {
        let used = self.used.into_inner().unwrap_or_else(|e| e.into_inner());
        let mut fresh = self.fresh.into_inner().unwrap_or_else(|e| e.into_inner());
        let reused = self.reused.into_inner();
        let extracted = self.extracted.into_inner();
        let mut warning = self.warning.into_inner().unwrap_or_else(|e| e.into_inner());
        let same =
            fresh.made.is_empty() && self.old.as_ref().is_some_and(|r| r.len() == used.len());
        if !same && self.writable && !fresh.failed {
            use super::Blob;
            let mut entries: Vec<(Key, Blob)> = Vec::with_capacity(used.len() + fresh.made.len());
            if let Some(old) = &self.old {
                entries.extend(
                    used.iter()
                        .filter_map(|k| old.get(k).map(|b| (*k, Blob::Bytes(b)))),
                );
            }
            entries.extend(fresh.made.iter().map(|k| (*k, Blob::Made)));
            let written = super::write_file_making(
                &self.path,
                Kind::Articles,
                &self.context,
                &entries,
                |k, w| fresh.copy_to(k, w),
            );
            if let Err(e) = written {
                warning.get_or_insert_with(|| unwritten(&self.path, &e));
                fresh.failed = true;
            }
        }
        Report {
            reused,
            extracted,
            warning,
            catalog: false,
            timeline: false,
            unread: false,
            unwritable: !self.writable || fresh.failed,
        }
    }
}

/// The entries a load made, kept as they are made in a temporary file beside
/// the cache file (one with no name, gone when closed), not in memory: over
/// 10,000 articles they take some 80 MB. The cache file is written from it at
/// the end ([`ArticleCache::finish`]).
#[derive(Default)]
struct Spill {
    /// Made at the first entry.
    file: Option<std::fs::File>,
    /// Each entry's key, in the order made.
    made: Vec<Key>,
    /// Where the first entry of each key lies in the file (start, length).
    at: std::collections::HashMap<Key, (u64, u64)>,
    end: u64,
    /// An entry could not be written: the cache file is not written either.
    failed: bool,
}

impl Spill {
    /// Adds the entry `blob` under `key`, making the file in `dir` if need be.
    fn put(&mut self, dir: &Path, key: Key, blob: &[u8]) -> std::io::Result<()> {
        use std::io::Write;
        if self.failed {
            return Ok(());
        }
        let written = (|| {
            let file = match &mut self.file {
                Some(f) => f,
                None => self.file.insert(tempfile::tempfile_in(dir)?),
            };
            file.write_all(blob)
        })();
        if written.is_err() {
            self.failed = true;
            return written;
        }
        let place = (self.end, blob.len() as u64);
        self.end += blob.len() as u64;
        self.made.push(key);
        self.at.entry(key).or_insert(place);
        Ok(())
    }

    /// Copies the entry under `key` from the file into `out`.
    fn copy_to(&mut self, key: &Key, out: &mut impl std::io::Write) -> std::io::Result<()> {
        use std::io::{Read, Seek};
        let (Some(file), Some(&(start, len))) = (&mut self.file, self.at.get(key)) else {
            return Err(std::io::Error::other("an entry made was not kept"));
        };
        file.seek(std::io::SeekFrom::Start(start))?;
        if std::io::copy(&mut file.take(len), out)? == len {
            Ok(())
        } else {
            Err(std::io::Error::other(
                "the file of entries made ended early",
            ))
        }
    }
}

/// The warning that the cache file `path` could not be written, for `e`.
fn unwritten(path: &Path, e: &std::io::Error) -> String {
    format!(
        "cannot write the cache file {} ({e}); the next load extracts the articles again",
        crate::diag::shown_path(path)
    )
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

#[derive(Serialize, Deserialize)]
struct StoredResult {
    article: StoredMeta,
    /// The sentences the mentions and sources quote, each once, one after
    /// the other; they refer to theirs by its place here ([`Quoted`]).
    quoted: String,
    mentions: Vec<StoredMention>,
    links: Vec<(u64, StoredSource)>,
    problems: Vec<StoredProblem>,
    /// The row of `annals articles`: the input kind's name and the bytes of
    /// text (the rest of the row is the metadata's); none for a file that
    /// gave no article.
    row: Option<(String, u64)>,
}

#[derive(Serialize, Deserialize)]
pub(super) struct StoredMeta {
    file: String,
    title: Option<String>,
    source: Option<String>,
    author: Option<String>,
    published: Option<DateValue>,
    kind: Option<ArticleKind>,
    url: Option<String>,
    published_from: Option<DateFrom>,
    reference: Option<DateValue>,
    offsets: Offsets,
}

#[derive(Serialize, Deserialize)]
struct StoredMention {
    file: String,
    start: u64,
    end: u64,
    text: String,
    value: String,
    precision: String,
    sentence: (u64, u64),
    countries: Vec<String>,
    event: Option<String>,
    sentence_start: u64,
    place: Place,
    heads: Option<String>,
    offsets: Option<Offsets>,
}

/// A source of the article itself: its article is the result's.
#[derive(Serialize, Deserialize)]
pub(super) struct StoredSource {
    start: u64,
    end: u64,
    text: Box<str>,
    dated: bool,
    sentence: (u64, u64),
    sentence_start: u64,
    why: String,
}

/// The sentences of one result as they are stored: each distinct sentence
/// once, in the order first quoted, and where it went.
#[derive(Default)]
pub(super) struct Quoted {
    pub(super) text: String,
    /// (the text a sentence was taken from, its range there) -> its place
    /// in `text`
    at: std::collections::HashMap<(usize, usize, usize), (u64, u64)>,
}

impl Quoted {
    /// A text that starts with `text`, whose pieces keep their places.
    pub(super) fn starting_with(text: &str) -> Quoted {
        Quoted {
            text: text.to_string(),
            at: Default::default(),
        }
    }

    /// Where `e` is stored, storing it on first sight.
    pub(super) fn place(&mut self, e: &Excerpt) -> (u64, u64) {
        *self.at.entry(Quoted::key(e)).or_insert_with(|| {
            let start = self.text.len() as u64;
            self.text.push_str(e.as_str());
            (start, e.len() as u64)
        })
    }

    /// Where `e` is stored, if it is.
    pub(super) fn place_of(&self, e: &Excerpt) -> Option<(u64, u64)> {
        self.at.get(&Quoted::key(e)).copied()
    }

    fn key(e: &Excerpt) -> (usize, usize, usize) {
        let r = e.range();
        (text_address(e.text()), r.start, r.end)
    }
}

/// The address of a shared text, which names it while the texts are held
/// (a result's or a timeline's sources hold them all along).
pub(super) fn text_address(text: &Arc<str>) -> usize {
    Arc::as_ptr(text) as *const u8 as usize
}

/// The stored sentence at `(start, len)` in a result's shared `text`; `None`
/// when that is not a piece of it.
fn load_excerpt(text: &Arc<str>, (start, len): (u64, u64)) -> Option<Excerpt> {
    let start = usize::try_from(start).ok()?;
    let end = start.checked_add(usize::try_from(len).ok()?)?;
    Excerpt::new(text.clone(), start..end)
}

/// A source of `article`, or `None` when it cites another article (which a
/// result of the map step never does; such a result is not cached).
fn store_source(
    s: &Source,
    article: &Arc<ArticleMeta>,
    quoted: &mut Quoted,
) -> Option<StoredSource> {
    (Arc::ptr_eq(&s.article, article) || s.article == *article)
        .then(|| store_source_at(s, quoted.place(&s.sentence)))
}

/// A source as stored, its sentence stored at `sentence` (see [`Quoted`])
/// and its article by the caller.
pub(super) fn store_source_at(s: &Source, sentence: (u64, u64)) -> StoredSource {
    let Source {
        article: _,
        start,
        end,
        text,
        dated,
        sentence: _,
        sentence_start,
        why,
    } = s;
    StoredSource {
        start: *start as u64,
        end: *end as u64,
        text: text.clone(),
        dated: *dated,
        sentence,
        sentence_start: *sentence_start as u64,
        why: why.to_string(),
    }
}

/// An article's metadata as stored.
pub(super) fn store_meta(m: &ArticleMeta) -> StoredMeta {
    let ArticleMeta {
        file,
        title,
        source,
        author,
        published,
        kind,
        url,
        published_from,
        reference,
        offsets,
    } = m;
    StoredMeta {
        file: file.clone(),
        title: title.clone(),
        source: source.clone(),
        author: author.clone(),
        published: *published,
        kind: *kind,
        url: url.clone(),
        published_from: *published_from,
        reference: *reference,
        offsets: *offsets,
    }
}

/// Stored metadata back as an article's.
pub(super) fn load_meta(m: StoredMeta) -> ArticleMeta {
    ArticleMeta {
        file: m.file,
        title: m.title,
        source: m.source,
        author: m.author,
        published: m.published,
        kind: m.kind,
        url: m.url,
        published_from: m.published_from,
        reference: m.reference,
        offsets: m.offsets,
    }
}

pub(super) fn load_source(
    s: StoredSource,
    article: &Arc<ArticleMeta>,
    quoted: &Arc<str>,
) -> Option<Source> {
    Some(Source {
        article: Arc::clone(article),
        start: usize::try_from(s.start).ok()?,
        end: usize::try_from(s.end).ok()?,
        text: s.text,
        dated: s.dated,
        sentence: load_excerpt(quoted, s.sentence)?,
        sentence_start: usize::try_from(s.sentence_start).ok()?,
        why: s.why.into(),
    })
}

/// The results of an article file as an entry's bytes; `None` when they
/// cannot be stored faithfully.
pub fn encode(results: &[ArticleResult]) -> Option<Vec<u8>> {
    let stored = results
        .iter()
        .map(store_result)
        .collect::<Option<Vec<_>>>()?;
    postcard::to_stdvec(&stored).ok()
}

fn store_result(r: &ArticleResult) -> Option<StoredResult> {
    let ArticleResult {
        article,
        mentions,
        links,
        problems,
        row,
    } = r;
    let mut quoted = Quoted::default();
    let mentions = mentions
        .iter()
        .map(|m| {
            let MentionRecord {
                file,
                start,
                end,
                text,
                value,
                precision,
                sentence,
                countries,
                event,
                sentence_start,
                place,
                heads,
                offsets,
            } = m;
            StoredMention {
                file: file.clone(),
                start: *start as u64,
                end: *end as u64,
                text: text.clone(),
                value: value.clone(),
                precision: precision.to_string(),
                sentence: quoted.place(sentence),
                countries: countries.clone(),
                event: event.clone(),
                sentence_start: *sentence_start as u64,
                place: *place,
                heads: heads.clone(),
                offsets: *offsets,
            }
        })
        .collect();
    let links = links
        .iter()
        .map(|(i, s)| Some((*i as u64, store_source(s, article, &mut quoted)?)))
        .collect::<Option<_>>()?;
    Some(StoredResult {
        article: store_meta(article),
        quoted: quoted.text,
        mentions,
        links,
        problems: problems.iter().map(store_problem).collect(),
        row: row.as_ref().map(|r| (r.kind.to_string(), r.bytes as u64)),
    })
}

/// The precision names mentions carry, shared rather than copied.
const PRECISIONS: [&str; 10] = [
    "day", "week", "month", "season", "quarter", "year", "decade", "century", "time", "ref",
];

/// An entry's bytes back as the results of an article file; `None` when they
/// do not read as such.
pub fn decode(bytes: &[u8]) -> Option<Vec<ArticleResult>> {
    let (stored, rest): (Vec<StoredResult>, &[u8]) = postcard::take_from_bytes(bytes).ok()?;
    if !rest.is_empty() {
        return None;
    }
    stored.into_iter().map(load_result).collect()
}

fn load_result(stored: StoredResult) -> Option<ArticleResult> {
    let article = Arc::new(load_meta(stored.article));
    let usize_of = |n: u64| usize::try_from(n).ok();
    let quoted: Arc<str> = Arc::from(stored.quoted);
    let mentions: Vec<MentionRecord> = stored
        .mentions
        .into_iter()
        .map(|m| {
            let precision = match PRECISIONS.iter().find(|p| **p == m.precision) {
                Some(p) => Cow::Borrowed(*p),
                None => Cow::Owned(m.precision),
            };
            Some(MentionRecord {
                file: m.file,
                start: usize_of(m.start)?,
                end: usize_of(m.end)?,
                text: m.text,
                value: m.value,
                precision,
                sentence: load_excerpt(&quoted, m.sentence)?,
                countries: m.countries,
                event: m.event,
                sentence_start: usize_of(m.sentence_start)?,
                place: m.place,
                heads: m.heads,
                offsets: m.offsets,
            })
        })
        .collect::<Option<_>>()?;
    let links = stored
        .links
        .into_iter()
        .map(|(i, s)| Some((usize_of(i)?, load_source(s, &article, &quoted)?)))
        .collect::<Option<_>>()?;
    let problems = stored
        .problems
        .into_iter()
        .map(load_problem)
        .collect::<Option<_>>()?;
    let row = match stored.row {
        Some((kind, bytes)) => Some(crate::input::ArticleRow::from_meta(
            &article,
            crate::input::kind_named(&kind)?.name,
            usize_of(bytes)?,
            mentions.len(),
        )),
        None => None,
    };
    Some(ArticleResult {
        article,
        mentions,
        links,
        problems,
        row,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_kept_in_the_spill_file_read_back_by_key_the_first_of_a_key_winning() {
        let dir = tempfile::tempdir().unwrap();
        let mut spill = Spill::default();
        let (a, b) = ([1u8; 16], [2u8; 16]);
        spill.put(dir.path(), a, b"first entry").unwrap();
        spill.put(dir.path(), b, b"").unwrap();
        spill.put(dir.path(), a, b"again").unwrap();
        assert_eq!(spill.made.len(), 3);
        let mut read = |k: &Key| {
            let mut out = Vec::new();
            spill.copy_to(k, &mut out).map(|()| out)
        };
        assert_eq!(read(&b).unwrap(), b"");
        assert_eq!(read(&a).unwrap(), b"first entry");
        assert!(read(&[3u8; 16]).is_err());
        // the file has no name: the folder holds nothing
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
    }

    #[test]
    fn a_spill_that_cannot_be_made_says_so_and_keeps_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let gone = dir.path().join("missing");
        let mut spill = Spill::default();
        assert!(spill.put(&gone, [1u8; 16], b"entry").is_err());
        assert!(spill.failed && spill.made.is_empty());
        // later entries are not kept either
        assert!(spill.put(dir.path(), [2u8; 16], b"entry").is_ok());
        assert!(spill.made.is_empty());
    }
}
