//! The loader: catalog, gazetteer and articles turned into a timeline of dated,
//! sourced events.
//!
//! A load reads the data the [`Sources`] name (this file), finds and reads the
//! article files (`files`), runs the map step over the articles (`map`, each
//! article through `process`, with the catalog's aliases found by `linker`),
//! and ends in the reduce step (`reduce`), which builds the timeline.

mod files;
mod linker;
mod map;
mod process;
pub mod quick;
mod reduce;

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::bundled;
use crate::cache::articles::ArticleCache;
use crate::catalog::{self, Catalog};
use crate::diag::{LoadError, Problem};
use crate::gazetteer::Gazetteer;
pub use crate::mapped::{ArticleResult, MentionRecord};
use crate::model::Event;
use crate::timeline::Timeline;

use files::read_articles;
pub use files::{ArticleFile, MAX_TOTAL_ARTICLE_BYTES, article_files};
pub use linker::Linker;
pub use map::map_articles;
use map::map_articles_cached;
pub use process::{MAX_MENTIONS_PER_ARTICLE, result_for_text};
use reduce::{Reducible, reduce_mapped};
pub use reduce::{file_order, reduce};

/// Where the data comes from. `None` means the default: `./events.toml`,
/// `./assets/articles` and `./assets/countries.toml` when present, else the
/// copy bundled into the binary. No articles named: the default articles go
/// with the default catalog only (see [`default_articles`]); a catalog named
/// in `events` is read without articles.
#[derive(Debug, Clone, Default)]
pub struct Sources {
    pub events: Option<PathBuf>,
    pub articles: Vec<PathBuf>,
    pub countries: Option<PathBuf>,
    /// How the events file is read (annals' catalog or a GDELT export).
    pub events_options: crate::input::EventsOptions,
    /// The load is wanted for its timeline (and its counts, problems and
    /// articles) alone: [`Loaded::mentions`] is left empty, and the mention
    /// records are dropped as soon as events are made from them, which
    /// roughly halves the memory a large archive takes.
    pub timeline_only: bool,
    /// With `timeline_only`: a timeline read from the cache's timeline file
    /// may leave its events there, each read when asked for
    /// ([`Timeline::is_stored`]), instead of decoding them all. This suits
    /// a caller that shows a few at a time (the explorer), and opens a
    /// large timeline at once in little memory.
    pub stored_events: bool,
}

/// Counts for `annals check`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Stats {
    pub events: usize,
    pub curated: usize,
    pub extracted: usize,
    pub articles: usize,
    pub mentions: usize,
    pub links: usize,
}

impl Stats {
    /// The counts in the order the cache's timeline file keeps them.
    fn to_array(&self) -> [usize; 6] {
        let Stats {
            events,
            curated,
            extracted,
            articles,
            mentions,
            links,
        } = *self;
        [events, curated, extracted, articles, mentions, links]
    }

    fn from_array(a: [usize; 6]) -> Stats {
        let [events, curated, extracted, articles, mentions, links] = a;
        Stats {
            events,
            curated,
            extracted,
            articles,
            mentions,
            links,
        }
    }
}

/// Everything loaded.
pub struct Loaded {
    pub timeline: Timeline,
    /// Every article's mention records, in the order of their files; empty
    /// when the sources asked for the timeline alone
    /// ([`Sources::timeline_only`]).
    pub mentions: Vec<MentionRecord>,
    pub problems: Vec<Problem>,
    pub stats: Stats,
    /// What the cache of article results did (nothing unless the load used
    /// one: see [`load_using`]).
    pub cache: crate::cache::articles::Report,
    /// What was understood of each article, in the order read.
    pub articles: Vec<crate::input::ArticleRow>,
    /// The cache's timeline file this load should write, once it is used
    /// (see [`Loaded::write_cache`]).
    pub(crate) to_cache: Option<TimelineFile>,
}

/// The cache's timeline file of a load's sources, not yet written.
pub(crate) struct TimelineFile {
    dir: PathBuf,
    id: crate::cache::search::Identity,
    /// Each article file's path with its content hash and stamp.
    articles: Vec<(Vec<u8>, crate::cache::Hashed)>,
    /// The file is there already and only its article hashes are to be
    /// written again (see [`crate::cache::search::refresh_article_hashes`]).
    refresh: bool,
}

impl Loaded {
    /// True when the load should write the cache's timeline file (it came
    /// through a cache that lacked it, or that holds article hashes to take
    /// again: see [`Loaded::cache_refreshes`]).
    pub fn cache_to_write(&self) -> bool {
        self.to_cache.is_some()
    }

    /// True when the timeline came from the cache's timeline file and only
    /// the file's article hashes are to be written again (they were taken
    /// too soon after the articles were written to be trusted; those of this
    /// load will be).
    pub fn cache_refreshes(&self) -> bool {
        self.to_cache.as_ref().is_some_and(|f| f.refresh)
    }

    /// Writes the cache's timeline file, so that the next load of the same
    /// inputs reads the finished timeline from there. A load writes nothing
    /// itself: it leaves this to its caller, to do after the data is shown
    /// (it takes a while) or on another thread. Nothing to write is `None`;
    /// a file that cannot be written is a warning.
    pub fn write_cache(&self) -> Option<String> {
        let file = self.to_cache.as_ref()?;
        let own = self.timeline.gazetteer.problems().len();
        file.write(
            &self.timeline,
            self.problems.get(own..).unwrap_or_default(),
            &self.stats,
            &self.articles,
        )
    }

    /// What [`Loaded::write_cache`] needs but the timeline, taken out of the
    /// load, so that the timeline can be shared (and the file written
    /// later, from it, with [`CacheWriter::write`]).
    pub fn cache_writer(&mut self) -> Option<CacheWriter> {
        let file = self.to_cache.take()?;
        let own = self.timeline.gazetteer.problems().len();
        Some(CacheWriter {
            file,
            problems: self.problems.get(own..).unwrap_or_default().to_vec(),
            stats: self.stats.clone(),
            rows: self.articles.clone(),
        })
    }
}

/// The cache's timeline file of a load, to write from its timeline (see
/// [`Loaded::cache_writer`]).
pub struct CacheWriter {
    file: TimelineFile,
    problems: Vec<Problem>,
    stats: Stats,
    rows: Vec<crate::input::ArticleRow>,
}

impl CacheWriter {
    /// Writes the file from `timeline`, the load's; a warning when it cannot.
    pub fn write(&self, timeline: &Timeline) -> Option<String> {
        self.file
            .write(timeline, &self.problems, &self.stats, &self.rows)
    }
}

impl TimelineFile {
    fn write(
        &self,
        timeline: &Timeline,
        problems: &[Problem],
        stats: &Stats,
        rows: &[crate::input::ArticleRow],
    ) -> Option<String> {
        let stored = crate::cache::search::ToStore {
            timeline,
            articles: &self.articles,
            problems,
            stats: stats.to_array(),
            rows,
        };
        let written = if self.refresh {
            crate::cache::search::refresh_article_hashes(&self.dir, &self.id, &self.articles)
        } else {
            crate::cache::search::store(&self.dir, &self.id, stored)
        };
        written.err().map(|e| {
            format!(
                "cannot write the cache file {} ({e}); the next load builds the timeline again",
                crate::diag::shown_path(&self.id.path(&self.dir))
            )
        })
    }
}

/// What loading is busy with, for a progress display.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    /// Reading the catalog; counted in bytes.
    Catalog,
    /// Reading article files; counted in files.
    Reading,
    /// Finding dates and events in the articles, on every core; counted in
    /// articles.
    Articles,
    /// Sorting the events into a timeline; 0 of 1, then 1 of 1.
    Timeline,
}

/// How far loading has got: `done` of `total` in the stage's unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Progress {
    pub stage: Stage,
    pub done: u64,
    pub total: u64,
}

/// A progress callback: called from any thread, often, so it should be quick
/// (store the numbers; draw elsewhere).
pub type OnProgress<'a> = &'a (dyn Fn(Progress) + Sync);

pub use crate::article::ArticleInput;

/// The gazetteer the sources name, or the bundled one.
pub fn load_gazetteer(sources: &Sources) -> Result<Gazetteer, LoadError> {
    match countries_path(sources) {
        Some(p) => {
            let bytes = crate::diag::read_capped(&p, catalog::MAX_CATALOG_BYTES, "the gazetteer")?;
            let text = String::from_utf8(bytes).map_err(|e| {
                let offset = e.utf8_error().valid_up_to();
                let text = String::from_utf8_lossy(e.as_bytes()).into_owned();
                LoadError::syntax(&p, &text, offset, "the gazetteer is not valid UTF-8")
            })?;
            Gazetteer::from_toml(&p, &text)
        }
        None => Gazetteer::from_toml(Path::new("<bundled>/countries.toml"), bundled::COUNTRIES),
    }
}

/// Loads everything the sources name.
pub fn load(sources: &Sources) -> Result<Loaded, LoadError> {
    load_with_progress(sources, &|_| {})
}

/// [`load`], telling `progress` how far it has got. To keep a display alive
/// while loading, run this on another thread and have the callback store
/// the numbers where the display reads them (atomics, a channel).
pub fn load_with_progress(sources: &Sources, progress: OnProgress) -> Result<Loaded, LoadError> {
    load_with_preview(sources, progress, &|_, _| {})
}

/// A preview callback: catalog events that can be shown while the load goes
/// on, with the gazetteer they were checked against.
pub type OnPreview<'a> = &'a (dyn Fn(&[Event], &Gazetteer) + Sync);

/// With this many article files or more, the catalog's events are previewed
/// before the articles are read.
pub const PREVIEW_MIN_ARTICLES: usize = 100;

/// [`load_with_progress`], also handing `preview` events that a display can
/// show before the load ends: the first part of a large JSON catalog while the
/// rest is read, and the catalog's events before many articles are read and
/// searched. A preview is never the whole truth: the final result may leave
/// some of its events out (a repeated id found later) and adds the rest.
pub fn load_with_preview(
    sources: &Sources,
    progress: OnProgress,
    preview: OnPreview,
) -> Result<Loaded, LoadError> {
    load_using(sources, crate::cache::dir().as_deref(), progress, preview)
}

/// [`load_with_preview`] with the cache of article results in `cache_dir`
/// (`None`: no cache). Only articles read from files are cached; the cache
/// never changes what is loaded, and a cache that cannot be used is a
/// warning in [`Loaded::cache`], never an error.
pub fn load_using(
    sources: &Sources,
    cache_dir: Option<&Path>,
    progress: OnProgress,
    preview: OnPreview,
) -> Result<Loaded, LoadError> {
    // a load for the timeline alone turns each article's mention records
    // into candidates as soon as they are made, and keeps no records
    let finish = if sources.timeline_only {
        Reducible::lean
    } else {
        Reducible::whole
    };
    let Some(dir) = cache_dir else {
        let (gazetteer, catalog, inputs, problems, _) = gather(sources, None, progress, preview)?;
        let results = map_articles_cached(
            inputs,
            &[],
            &catalog.events,
            &gazetteer,
            progress,
            None,
            finish,
        );
        return Ok(reduce_mapped(
            gazetteer, catalog, results, problems, progress,
        ));
    };
    // the articles are read first: the timeline file's key holds each one's
    let gazetteer = load_gazetteer(sources)?;
    let mut problems = gazetteer.problems().to_vec();
    let own = gazetteer.problems().len();
    // a folder that cannot be used is the other files' to warn about
    let usable = crate::cache::prepare_dir(dir).is_ok();
    let listed = list_inputs(sources, &mut problems);
    // files whose content hashes the timeline file remembers, unchanged
    // since: the timeline is read without reading them
    if let (true, true, Listed::Files(files)) = (usable, sources.timeline_only, &listed) {
        // (no file: the catalog alone, whose file remembers the catalog's)
        if let Some(loaded) = (!files.is_empty())
            .then(|| remembered_load(sources, files, &problems, own, dir, &gazetteer))
            .flatten()
        {
            return Ok(loaded);
        }
    }
    // each file's stamp, and the time, before the files are read
    let at = crate::cache::now_nanos();
    let stamps = stamps_of(&listed);
    let inputs = read_listed(listed, &mut problems, progress);
    let hashed: Vec<Option<(crate::cache::Key, crate::cache::Hashed)>> = inputs
        .par_iter()
        .map(|input| ArticleCache::key_and_hash(input, stamps.get(&input.path).copied(), at))
        .collect();
    // the article files found, read or not
    let listed_files = stamps.len();
    drop(stamps);
    let keys: Vec<Option<crate::cache::Key>> = hashed.iter().map(|h| h.map(|(k, _)| k)).collect();
    let named: Vec<(&str, Option<crate::cache::Key>)> = inputs
        .iter()
        .zip(&keys)
        .map(|(input, key)| (input.name.as_str(), *key))
        .collect();
    let timeline = if usable {
        timeline_identity(sources, &named, &problems[own..], dir)
    } else {
        None
    };
    drop(named);
    // each article file's content hash with its stamp, for the next load to
    // trust while the file keeps that stamp
    let articles: Vec<(Vec<u8>, crate::cache::Hashed)> = inputs
        .iter()
        .zip(&hashed)
        .filter_map(|(input, h)| {
            let (_, h) = (*h)?;
            Some((input.path.as_os_str().as_encoded_bytes().to_vec(), h))
        })
        .collect();
    let mut warning = None;
    // the file keeps no mentions: it serves loads that want none
    if let Some((id, _)) = timeline.as_ref().filter(|_| sources.timeline_only) {
        let read = crate::cache::search::open(dir, id)
            .and_then(|index| timeline_from(index, sources, &gazetteer, id, dir));
        match read {
            Ok(stored) => {
                let mut loaded = from_timeline_file(&gazetteer, problems, stored);
                // the articles were read: the file's hashes of them did not
                // hold (too new when it was written, or a file's stamp has
                // moved without its content). Those just taken are written
                // to it when they will hold, so the next load reads none.
                // (every file found was read: one that was not, skipped or
                // unreadable, has no hash, and the next load reads them all
                // anyway)
                let settled = articles.len() == listed_files
                    && articles.iter().all(|(_, h)| h.holds_for(&h.stamp));
                if settled && !inputs.is_empty() {
                    loaded.to_cache = Some(TimelineFile {
                        dir: dir.to_path_buf(),
                        id: id.clone(),
                        articles,
                        refresh: true,
                    });
                }
                return Ok(loaded);
            }
            Err(crate::cache::Rejected::Missing) => {}
            Err(crate::cache::Rejected::Damaged(why)) => {
                warning = Some(format!(
                    "the cache file {} could not be used: {why}; it is rebuilt",
                    crate::diag::shown_path(&id.path(dir))
                ))
            }
        }
    }
    // the catalog alone is kept in the timeline file, not in a file of its
    // own as well
    let catalog_alone = timeline.as_ref().is_some_and(|(_, alone)| *alone);
    let (catalog, catalog_cache) = if catalog_alone {
        (load_catalog(sources, &gazetteer, progress, preview)?, None)
    } else {
        load_catalog_cached(sources, &gazetteer, dir, progress, preview)?
    };
    if inputs.len() >= PREVIEW_MIN_ARTICLES {
        preview(&catalog.events, &gazetteer);
    }
    let cache = if keys.iter().any(Option::is_some) {
        cache_context(sources)
            .map(|(identity, context)| ArticleCache::open(dir, &identity, context))
    } else {
        None
    };
    let results = map_articles_cached(
        inputs,
        &keys,
        &catalog.events,
        &gazetteer,
        progress,
        cache.as_ref(),
        finish,
    );
    let mut report = cache.map(ArticleCache::finish).unwrap_or_default();
    if let Some(c) = catalog_cache {
        report.catalog = c.hit;
        report.unwritable |= c.unwritable;
        // one warning: the catalog's comes first (it was met first)
        report.warning = c.warning.or(report.warning);
    }
    // the timeline file's before both
    report.warning = warning.or(report.warning);
    let mut loaded = reduce_mapped(gazetteer, catalog, results, problems, progress);
    // a folder where a cache file could not be written gets no timeline
    // file either: the one warning said so
    let unwritable = report.unwritable;
    loaded.cache = report;
    loaded.to_cache = timeline
        .filter(|_| !unwritable)
        .map(|(id, _)| TimelineFile {
            dir: dir.to_path_buf(),
            id,
            articles,
            refresh: false,
        });
    Ok(loaded)
}

/// The timeline in the open timeline file `index` of `id` in `dir`, its
/// events left there when the sources allow it
/// ([`Sources::stored_events`]), else decoded.
fn timeline_from(
    index: crate::cache::search::Index,
    sources: &Sources,
    gazetteer: &Gazetteer,
    id: &crate::cache::search::Identity,
    dir: &Path,
) -> Result<crate::cache::search::LazyKept, crate::cache::Rejected> {
    use crate::cache::Rejected;
    if sources.stored_events {
        return index
            .lazy(gazetteer.clone(), id.path(dir))
            .map_err(Rejected::Damaged);
    }
    let kept = index.timeline().map_err(Rejected::Damaged)?;
    Ok(crate::cache::search::LazyKept {
        timeline: Timeline::in_order(kept.events, gazetteer.clone()),
        problems: kept.problems,
        stats: kept.stats,
        rows: kept.rows,
    })
}

/// The load of `files` from the timeline file, when it remembers every
/// file's content hash and every file still has the stamp it had then
/// (see [`crate::cache::Hashed::holds_for`]): the files are looked at, not
/// read. `None` sends the load the usual way, which reads them (and warns
/// about a damaged file). `problems` are the gazetteer's (the first `own`)
/// and those of finding the files.
fn remembered_load(
    sources: &Sources,
    files: &[ArticleFile],
    problems: &[Problem],
    own: usize,
    dir: &Path,
    gazetteer: &Gazetteer,
) -> Option<Loaded> {
    use crate::cache::{Hashed, Reader, Stamp, search};
    let (name, context) = cache_context(sources)?;
    let path = crate::cache::file_for(dir, &search::name(&name));
    if search::is_discarded(&path) {
        return None;
    }
    let reader = Reader::open_lazy(&path).ok()?;
    let remembered = search::remembered_articles(&reader).ok()??;
    let stamps: Vec<Option<Stamp>> = files
        .par_iter()
        .map(|f| {
            let m = std::fs::metadata(&f.path).ok()?;
            m.is_file().then(|| Stamp::of(&m))
        })
        .collect();
    let mut total = 0u64;
    let mut named = Vec::with_capacity(files.len());
    for (f, stamp) in files.iter().zip(stamps) {
        let stamp = stamp?;
        let h: &Hashed = remembered.get(f.path.as_os_str().as_encoded_bytes())?;
        // a file that would not be read as it was (too large now, or past
        // the total) is the usual load's to report
        total += stamp.size;
        if !h.holds_for(&stamp)
            || stamp.size > crate::article::MAX_ARTICLE_BYTES
            || total > MAX_TOTAL_ARTICLE_BYTES
        {
            return None;
        }
        let key = ArticleCache::key_from(&f.name, &f.path, stamp.size, stamp.mtime, &h.hash);
        named.push((f.name.as_str(), Some(key)));
    }
    let id = articles_identity(&name, &context, &named, &problems[own..])?;
    let index = search::check(reader, &id).ok()?;
    let stored = timeline_from(index, sources, gazetteer, &id, dir).ok()?;
    let mut loaded = from_timeline_file(gazetteer, problems.to_vec(), stored);
    loaded.cache.unread = true;
    Some(loaded)
}

/// The stamp of each regular file [`list_inputs`] found, by its path.
fn stamps_of(listed: &Listed) -> HashMap<PathBuf, crate::cache::Stamp> {
    let Listed::Files(files) = listed else {
        return HashMap::new();
    };
    files
        .par_iter()
        .filter_map(|f| {
            let m = std::fs::metadata(&f.path).ok()?;
            m.is_file()
                .then(|| (f.path.clone(), crate::cache::Stamp::of(&m)))
        })
        .collect()
}

/// The article files the sources name, not yet read.
enum Listed {
    Files(Vec<ArticleFile>),
    /// The copy bundled into the binary.
    Bundled,
    None,
}

/// Finds the article files the sources name (see [`read_inputs_then`]).
fn list_inputs(sources: &Sources, problems: &mut Vec<Problem>) -> Listed {
    if !sources.articles.is_empty() {
        return Listed::Files(article_files(&sources.articles, problems));
    }
    match default_articles(sources) {
        DefaultArticles::Folder(default) => Listed::Files(article_files(&[default], problems)),
        DefaultArticles::Bundled => Listed::Bundled,
        DefaultArticles::None => Listed::None,
    }
}

/// Reads the articles [`list_inputs`] found.
fn read_listed(
    listed: Listed,
    problems: &mut Vec<Problem>,
    progress: OnProgress,
) -> Vec<ArticleInput> {
    match listed {
        Listed::Files(files) => read_articles(&files, problems, progress),
        Listed::Bundled => bundled::articles(),
        Listed::None => Vec::new(),
    }
}

/// What a load gives from the timeline file: the stored timeline, ordered
/// already, with the gazetteer's problems and those of reading the articles
/// (`problems`, which are part of the file's key) in front of the stored ones.
fn from_timeline_file(
    gazetteer: &Gazetteer,
    mut problems: Vec<Problem>,
    stored: crate::cache::search::LazyKept,
) -> Loaded {
    // the stored problems begin with those of reading, found again here
    let own = gazetteer.problems().len();
    problems.truncate(own);
    problems.extend(stored.problems);
    Loaded {
        timeline: stored.timeline,
        mentions: Vec::new(),
        problems,
        stats: Stats::from_array(stored.stats),
        cache: crate::cache::articles::Report {
            timeline: true,
            ..Default::default()
        },
        articles: stored.rows,
        to_cache: None,
    }
}

/// The timeline file of these sources, and whether they are the catalog
/// alone; `None` when they cannot have one (articles that are not files,
/// such as the bundled ones, or inputs that cannot be read again to hash
/// them).
///
/// The catalog alone (a catalog file and no article file, with nothing wrong
/// in finding the articles) has the file `annals list --query` reads
/// ([`quick`]): named by the catalog's path, for the catalog's identity.
/// Otherwise the file is named by the article, catalog and gazetteer paths,
/// and holds for this build, the content of the catalog and the gazetteer,
/// the settings, every article's key (its name, path, size, modification
/// time and content) and the problems met finding and reading them.
fn timeline_identity(
    sources: &Sources,
    articles: &[(&str, Option<crate::cache::Key>)],
    reading: &[Problem],
    dir: &Path,
) -> Option<(crate::cache::search::Identity, bool)> {
    use crate::cache::search::{self, Identity};
    if articles.is_empty() && reading.is_empty() {
        // the catalog's content hash the file remembers, when it still holds
        let events = events_path(sources)?;
        let name = search::name(&crate::cache::catalog::name(&events, &catalog_how(sources)));
        let remembered = crate::cache::Reader::open_lazy(&crate::cache::file_for(dir, &name))
            .ok()
            .and_then(|r| search::remembered(&r).ok().flatten());
        let (_, catalog) = catalog_identity(sources, remembered.as_ref())?;
        return Some((Identity::of(&catalog), true));
    }
    let (name, context) = cache_context(sources)?;
    articles_identity(&name, &context, articles, reading).map(|id| (id, false))
}

/// The identity of the timeline file of articles (each named, with its key;
/// none when one has no key) and the problems met finding and reading them,
/// with the cache name and context of their sources ([`cache_context`]).
fn articles_identity(
    name: &[u8],
    context: &crate::cache::Key,
    articles: &[(&str, Option<crate::cache::Key>)],
    reading: &[Problem],
) -> Option<crate::cache::search::Identity> {
    let mut h = xxhash_rust::xxh3::Xxh3::new();
    h.update(context);
    for (article, key) in articles {
        let key = key.as_ref()?;
        h.update(&(article.len() as u64).to_le_bytes());
        h.update(article.as_bytes());
        h.update(key);
    }
    for p in reading {
        let p = p.to_string();
        h.update(&(p.len() as u64).to_le_bytes());
        h.update(p.as_bytes());
    }
    let context = h.digest128().to_le_bytes();
    Some(crate::cache::search::Identity::new(name, &context))
}

/// The catalog file the sources name: `./events.toml` when present, else
/// none (the bundled catalog).
fn events_path(sources: &Sources) -> Option<PathBuf> {
    sources.events.clone().or_else(|| {
        let p = PathBuf::from("events.toml");
        p.exists().then_some(p)
    })
}

/// The articles read when the sources name none.
#[derive(Debug, Clone, PartialEq, Eq)]
enum DefaultArticles {
    /// `./assets/articles`.
    Folder(PathBuf),
    /// The copy bundled into the binary.
    Bundled,
    /// No articles: the catalog alone.
    None,
}

/// Default articles go with the default catalog: a catalog named with
/// `--events` is read alone, so a user's own catalog never gains the demo
/// articles' events; `./events.toml` found by default goes with
/// `./assets/articles` when present; the bundled articles go with the
/// bundled catalog only, and `./assets/articles` is read beside it when
/// present.
fn default_articles(sources: &Sources) -> DefaultArticles {
    if sources.events.is_some() {
        return DefaultArticles::None;
    }
    let folder = PathBuf::from("assets/articles");
    if folder.is_dir() {
        DefaultArticles::Folder(folder)
    } else if events_path(sources).is_none() {
        DefaultArticles::Bundled
    } else {
        DefaultArticles::None
    }
}

/// The gazetteer file the sources name: `./assets/countries.toml` when
/// present, else none (the bundled gazetteer).
fn countries_path(sources: &Sources) -> Option<PathBuf> {
    sources.countries.clone().or_else(|| {
        let p = PathBuf::from("assets/countries.toml");
        p.exists().then_some(p)
    })
}

/// What names the cache file of these sources (the article, catalog and
/// gazetteer paths) and the context its entries hold for (this build of
/// annals, the cache format, and the content of the catalog and the
/// gazetteer, which every article's results depend on). `None` when the
/// catalog or the gazetteer cannot be read again to hash it.
fn cache_context(sources: &Sources) -> Option<(Vec<u8>, crate::cache::Key)> {
    use crate::cache::{content_hash, file_hash, key_of};
    let full = |p: &Path| std::fs::canonicalize(p).unwrap_or_else(|_| p.to_path_buf());
    let mut identity = b"articles".to_vec();
    let roots = if sources.articles.is_empty() {
        match default_articles(sources) {
            DefaultArticles::Folder(p) => vec![p],
            DefaultArticles::Bundled | DefaultArticles::None => Vec::new(),
        }
    } else {
        sources.articles.clone()
    };
    let mut part = |p: &[u8]| {
        identity.extend((p.len() as u64).to_le_bytes());
        identity.extend(p);
    };
    for r in &roots {
        part(full(r).as_os_str().as_encoded_bytes());
    }
    let events = events_path(sources);
    let countries = countries_path(sources);
    for p in [&events, &countries] {
        match p {
            Some(p) => part(full(p).as_os_str().as_encoded_bytes()),
            None => part(b"<bundled>"),
        }
    }
    let events_hash = match &events {
        Some(p) => file_hash(p).ok()?,
        None => content_hash(bundled::EVENTS.as_bytes()),
    };
    let countries_hash = match &countries {
        Some(p) => file_hash(p).ok()?,
        None => content_hash(bundled::COUNTRIES.as_bytes()),
    };
    let context = key_of(&[
        &crate::cache::build_identity(),
        &crate::cache::FORMAT.to_le_bytes(),
        &events_hash,
        &countries_hash,
        // how the catalog file is read: as annals' or GDELT's, rows folded
        &[
            sources.events_options.format as u8,
            sources.events_options.fold as u8,
        ],
    ]);
    Some((identity, context))
}

/// The map step alone over the articles the sources name (for `annals
/// extract`): the catalog's events the results point into, each article's
/// results in file order, and the problems of the catalog and of reading.
pub struct Mapped {
    pub events: Vec<Event>,
    pub results: Vec<ArticleResult>,
    pub problems: Vec<Problem>,
}

/// Reads the data the sources name and runs the map step on its articles.
pub fn map_sources(sources: &Sources, progress: OnProgress) -> Result<Mapped, LoadError> {
    let (gazetteer, catalog, inputs, mut problems, _) =
        gather(sources, None, progress, &|_, _| {})?;
    problems.extend(catalog.problems);
    let results = map_articles(inputs, &catalog.events, &gazetteer, progress);
    Ok(Mapped {
        events: catalog.events,
        results,
        problems,
    })
}

/// Loads the gazetteer and the catalog the sources name (the catalog through
/// the cache in `cache_dir`, when there is one), and reads their articles.
#[allow(clippy::type_complexity)]
fn gather(
    sources: &Sources,
    cache_dir: Option<&Path>,
    progress: OnProgress,
    preview: OnPreview,
) -> Result<
    (
        Gazetteer,
        Catalog,
        Vec<ArticleInput>,
        Vec<Problem>,
        Option<crate::cache::catalog::Report>,
    ),
    LoadError,
> {
    let gazetteer = load_gazetteer(sources)?;
    let (catalog, catalog_cache) = match cache_dir {
        Some(dir) => load_catalog_cached(sources, &gazetteer, dir, progress, preview)?,
        None => (load_catalog(sources, &gazetteer, progress, preview)?, None),
    };
    let mut problems = gazetteer.problems().to_vec();
    let inputs = read_inputs_then(sources, &mut problems, progress, &|files| {
        if files >= PREVIEW_MIN_ARTICLES {
            preview(&catalog.events, &gazetteer);
        }
    });
    Ok((gazetteer, catalog, inputs, problems, catalog_cache))
}

/// Finds and reads the articles the sources name, calling `found` with the
/// number of article files named (not the default ones) once they are found
/// and before they are read.
fn read_inputs_then(
    sources: &Sources,
    problems: &mut Vec<Problem>,
    progress: OnProgress,
    found: &dyn Fn(usize),
) -> Vec<ArticleInput> {
    if sources.articles.is_empty() {
        match default_articles(sources) {
            DefaultArticles::Folder(default) => {
                let files = article_files(&[default], problems);
                read_articles(&files, problems, progress)
            }
            DefaultArticles::Bundled => bundled::articles(),
            DefaultArticles::None => Vec::new(),
        }
    } else {
        let files = article_files(&sources.articles, problems);
        found(files.len());
        read_articles(&files, problems, progress)
    }
}

/// [`load_catalog`] through the cache of parsed catalogs in `dir` (see
/// [`crate::cache::catalog`]). The bundled catalog, and one that cannot be
/// read again to hash it, are parsed as usual, with no report.
fn load_catalog_cached(
    sources: &Sources,
    gazetteer: &Gazetteer,
    dir: &Path,
    progress: OnProgress,
    preview: OnPreview,
) -> Result<(Catalog, Option<crate::cache::catalog::Report>), LoadError> {
    let parse = || load_catalog(sources, gazetteer, progress, preview);
    let Some((path, id)) = catalog_identity(sources, None) else {
        return Ok((parse()?, None));
    };
    let (catalog, report) = crate::cache::catalog::load(dir, &id, parse)?;
    if report.hit {
        let size = std::fs::metadata(&path).map_or(0, |m| m.len());
        progress(Progress {
            stage: Stage::Catalog,
            done: size,
            total: size,
        });
    }
    Ok((catalog, Some(report)))
}

/// The catalog file the sources name and its identity in the cache (see
/// [`crate::cache::catalog::identity`], which takes the catalog's content
/// hash from `remembered` when that holds); `None` for the bundled catalog,
/// or when the catalog or the gazetteer cannot be read to hash them.
fn catalog_identity(
    sources: &Sources,
    remembered: Option<&crate::cache::Hashed>,
) -> Option<(PathBuf, crate::cache::catalog::Identity)> {
    let path = events_path(sources)?;
    let countries = match countries_path(sources) {
        Some(p) => crate::cache::file_hash(&p).ok()?,
        None => crate::cache::content_hash(bundled::COUNTRIES.as_bytes()),
    };
    let id = crate::cache::catalog::identity(&path, &catalog_how(sources), &countries, remembered)?;
    Some((path, id))
}

/// The settings that change how the sources' catalog file is read, as they
/// enter its cache identity.
fn catalog_how(sources: &Sources) -> [u8; 2] {
    [
        sources.events_options.format as u8,
        sources.events_options.fold as u8,
    ]
}

/// Loads the catalog the sources name (`./events.toml` when present, else
/// the bundled one), checked against the gazetteer.
pub fn load_catalog(
    sources: &Sources,
    gazetteer: &Gazetteer,
    progress: OnProgress,
    preview: OnPreview,
) -> Result<Catalog, LoadError> {
    let catalog = match &events_path(sources) {
        Some(p) if crate::input::events_are_gdelt(p, sources.events_options) => {
            crate::input::gdelt::load_file(p, gazetteer, sources.events_options.fold)?
        }
        Some(p) => catalog::load_file_with_preview(
            p,
            gazetteer,
            &|done, total| {
                progress(Progress {
                    stage: Stage::Catalog,
                    done,
                    total,
                })
            },
            &|events| preview(events, gazetteer),
        )?,
        None => catalog::parse(
            Path::new("<bundled>/events.toml"),
            bundled::EVENTS,
            gazetteer,
        )?,
    };
    Ok(catalog)
}

/// Turns a catalog and articles into a timeline.
pub fn build(
    gazetteer: Gazetteer,
    catalog: Catalog,
    inputs: Vec<ArticleInput>,
    problems: Vec<Problem>,
) -> Loaded {
    build_with_progress(gazetteer, catalog, inputs, problems, &|_| {})
}

/// [`build`], telling `progress` how far it has got.
pub fn build_with_progress(
    gazetteer: Gazetteer,
    catalog: Catalog,
    inputs: Vec<ArticleInput>,
    problems: Vec<Problem>,
    progress: OnProgress,
) -> Loaded {
    let results = map_articles(inputs, &catalog.events, &gazetteer, progress);
    reduce(gazetteer, catalog, results, problems, progress)
}

#[cfg(test)]
mod tests {
    use super::*;

    use std::sync::Mutex;

    #[test]
    fn many_articles_preview_the_catalog_before_they_are_read() {
        let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
        let dir = tempfile::tempdir().unwrap();
        for i in 0..PREVIEW_MIN_ARTICLES {
            let text = format!(
                "+++\npublished = 2017-03-0{}\n+++\nTalks in Ankara on Friday.\n",
                i % 9 + 1
            );
            std::fs::write(dir.path().join(format!("a{i:03}.txt")), text).unwrap();
        }
        let sources = |articles: PathBuf| Sources {
            events: Some(root.join("events.toml")),
            articles: vec![articles],
            countries: Some(root.join("assets/countries.toml")),
            ..Default::default()
        };
        let seen: Mutex<Vec<String>> = Mutex::new(Vec::new());
        let loaded = load_with_preview(
            &sources(dir.path().to_path_buf()),
            &|p| seen.lock().unwrap().push(format!("{:?}", p.stage)),
            &|events, gazetteer| {
                assert!(!gazetteer.is_empty());
                seen.lock()
                    .unwrap()
                    .push(format!("preview {}", events.len()));
            },
        )
        .unwrap();
        let seen = seen.into_inner().unwrap();
        let curated = loaded.timeline.iter().filter(|e| !e.is_extracted()).count();
        let previews: Vec<usize> = (0..seen.len())
            .filter(|&i| seen[i].starts_with("preview"))
            .collect();
        assert_eq!(previews.len(), 1, "{seen:?}");
        assert_eq!(seen[previews[0]], format!("preview {curated}"));
        assert!(
            seen[..previews[0]].iter().all(|s| s == "Catalog"),
            "{seen:?}"
        );
        assert!(seen[previews[0] + 1..].iter().any(|s| s == "Articles"));
        // fewer articles: no preview
        std::fs::remove_file(dir.path().join("a000.txt")).unwrap();
        let previewed = Mutex::new(false);
        load_with_preview(&sources(dir.path().to_path_buf()), &|_| {}, &|_, _| {
            *previewed.lock().unwrap() = true;
        })
        .unwrap();
        assert!(!*previewed.lock().unwrap());
    }

    #[test]
    fn loading_reports_its_progress() {
        let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
        let sources = Sources {
            events: Some(root.join("events.toml")),
            articles: vec![root.join("assets/articles")],
            countries: Some(root.join("assets/countries.toml")),
            ..Default::default()
        };
        let seen: Mutex<Vec<Progress>> = Mutex::new(Vec::new());
        let loaded = load_with_progress(&sources, &|p| seen.lock().unwrap().push(p)).unwrap();
        let seen = seen.into_inner().unwrap();
        let last = |stage: Stage| seen.iter().rev().find(|p| p.stage == stage).copied();
        let size = std::fs::metadata(root.join("events.toml")).unwrap().len();
        assert_eq!(
            last(Stage::Catalog).map(|p| (p.done, p.total)),
            Some((size, size))
        );
        let articles = loaded.stats.articles as u64;
        assert!(articles > 0);
        assert_eq!(
            last(Stage::Articles).map(|p| (p.done, p.total)),
            Some((articles, articles))
        );
        assert_eq!(last(Stage::Timeline).map(|p| p.done), Some(1));
        // stages come in order
        let order: Vec<Stage> = seen.iter().map(|p| p.stage).collect();
        let first = |s: Stage| order.iter().position(|&x| x == s).unwrap();
        assert!(first(Stage::Catalog) < first(Stage::Reading));
        assert!(first(Stage::Reading) < first(Stage::Articles));
        assert!(first(Stage::Articles) < first(Stage::Timeline));
    }
}
