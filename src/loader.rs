//! The loader: catalog, gazetteer and articles turned into a timeline of dated,
//! sourced events.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

use aho_corasick::{AhoCorasick, MatchKind};
use rayon::prelude::*;

use crate::article::{self, Article};
use crate::bundled;
use crate::cache::articles::ArticleCache;
use crate::catalog::{self, Catalog};
use crate::diag::{LoadError, Problem};
use crate::extract::{self, Mention};
use crate::gazetteer::Gazetteer;
pub use crate::mapped::{ArticleResult, MentionRecord};
use crate::model::{Event, Source};
use crate::text::{at_word_bounds, inflection_len, normalize_for_matching};
use crate::timeline::Timeline;

/// Where the data comes from. `None` means the default: `./events.toml`,
/// `./assets/articles` and `./assets/countries.toml` when present, else the
/// copy bundled into the binary.
#[derive(Debug, Clone, Default)]
pub struct Sources {
    pub events: Option<PathBuf>,
    pub articles: Vec<PathBuf>,
    pub countries: Option<PathBuf>,
    /// How the events file is read (annals' catalog or a GDELT export).
    pub events_options: crate::input::EventsOptions,
}

/// An article with more date expressions than this is read only up to there,
/// with a warning: real articles have a few hundred at most, and each one
/// quotes its sentence, so the limit bounds the memory an article can take.
pub const MAX_MENTIONS_PER_ARTICLE: usize = 10_000;

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

/// Everything loaded.
pub struct Loaded {
    pub timeline: Timeline,
    pub mentions: Vec<MentionRecord>,
    pub problems: Vec<Problem>,
    pub stats: Stats,
    /// What the cache of article results did (nothing unless the load used
    /// one: see [`load_using`]).
    pub cache: crate::cache::articles::Report,
    /// What was understood of each article, in the order read.
    pub articles: Vec<crate::input::ArticleRow>,
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

/// An article file found under the `--articles` paths.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArticleFile {
    pub path: PathBuf,
    /// The file's path relative to the `--articles` path it was found under
    /// (for a path that is itself a file, its file name). When several paths
    /// are given, the path as given comes first, so that `a.txt` in two
    /// folders gives two names. Names are unique within one load and stay the
    /// same from one run to the next with the same arguments.
    pub name: String,
}

/// The name of `file` found under the `--articles` path `root`; `several`
/// when more than one path was given.
fn article_name(root: &Path, file: &Path, several: bool) -> String {
    let rel = match file.strip_prefix(root) {
        Ok(r) if !r.as_os_str().is_empty() => r,
        _ => Path::new(file.file_name().unwrap_or(file.as_os_str())),
    };
    let rel = rel.to_string_lossy().replace('\\', "/");
    if !several {
        return rel;
    }
    let given = root.to_string_lossy().replace('\\', "/");
    let given = given.trim_end_matches('/');
    let given = given.strip_prefix("./").unwrap_or(given);
    if root.is_dir() {
        if given.is_empty() || given == "." {
            rel
        } else {
            format!("{given}/{rel}")
        }
    } else {
        given.to_string()
    }
}

/// Lists the article files under the given paths (files, or folders read one
/// level deep for the files an input kind claims by extension: text, web
/// pages, feeds; see [`crate::input::KINDS`]), sorted by name, each with its
/// name (see [`ArticleFile::name`]). A file named twice (the same folder given
/// twice, a file inside a folder also given, or two spellings of one path) is
/// listed once, where it is first found. A path that does not exist or cannot
/// be read is an error named with the path: the rest still loads.
pub fn article_files(paths: &[PathBuf], problems: &mut Vec<Problem>) -> Vec<ArticleFile> {
    let several = paths.len() > 1;
    let named = |root: &Path, f: PathBuf| ArticleFile {
        name: article_name(root, &f, several),
        path: f,
    };
    let mut out = Vec::new();
    let fail = |problems: &mut Vec<Problem>, p: &Path, message: String| {
        problems.push(Problem {
            location: crate::diag::Location {
                file: p.to_path_buf(),
                line: 1,
                col: 1,
            },
            message,
            warning: false,
        })
    };
    for p in paths {
        if p.is_dir() {
            let rd = match std::fs::read_dir(p) {
                Ok(rd) => rd,
                Err(e) => {
                    fail(problems, p, format!("cannot read the folder: {e}"));
                    continue;
                }
            };
            let mut files: Vec<PathBuf> = rd
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|f| f.is_file() && crate::input::is_article_file(f))
                .collect();
            files.sort();
            out.extend(files.into_iter().map(|f| named(p, f)));
        } else if p.exists() {
            out.push(named(p, p.clone()));
        } else {
            fail(
                problems,
                p,
                "no such file or folder; no articles read from it".into(),
            );
        }
    }
    let mut seen = std::collections::HashSet::new();
    out.retain(|f: &ArticleFile| {
        seen.insert(std::fs::canonicalize(&f.path).unwrap_or_else(|_| f.path.clone()))
    });
    out
}

/// All the articles of one load together may hold at most this much: past it,
/// the remaining files are skipped with a warning each.
pub const MAX_TOTAL_ARTICLE_BYTES: u64 = 1 << 30;

fn read_articles(
    files: &[ArticleFile],
    problems: &mut Vec<Problem>,
    progress: OnProgress,
) -> Vec<ArticleInput> {
    read_articles_within(files, MAX_TOTAL_ARTICLE_BYTES, problems, progress)
}

fn read_articles_within(
    files: &[ArticleFile],
    total_limit: u64,
    problems: &mut Vec<Problem>,
    progress: OnProgress,
) -> Vec<ArticleInput> {
    let mut out = Vec::new();
    let mut total = 0u64;
    for (k, file) in files.iter().enumerate() {
        let f = &file.path;
        progress(Progress {
            stage: Stage::Reading,
            done: k as u64,
            total: files.len() as u64,
        });
        let at_start = crate::diag::Location {
            file: f.clone(),
            line: 1,
            col: 1,
        };
        let left = total_limit.saturating_sub(total);
        match crate::diag::read_capped(f, article::MAX_ARTICLE_BYTES.min(left), "the article") {
            Ok(bytes) => {
                total += bytes.len() as u64;
                out.push(ArticleInput {
                    path: f.clone(),
                    name: file.name.clone(),
                    bytes,
                });
            }
            Err(LoadError::Refused { .. }) if left < article::MAX_ARTICLE_BYTES => {
                problems.push(Problem {
                    location: at_start,
                    message: format!(
                        "skipped: the articles read before it hold {} MiB, and all together \
                         may hold at most {} MiB",
                        total >> 20,
                        total_limit >> 20
                    ),
                    warning: true,
                });
            }
            Err(LoadError::Refused { message, .. }) => problems.push(Problem {
                location: at_start,
                message: format!("{message}; the article is skipped"),
                warning: true,
            }),
            Err(e) => problems.push(Problem {
                location: at_start,
                message: format!("cannot read: {}", io_reason(&e)),
                warning: false,
            }),
        }
    }
    out
}

/// The reason of an error without the path that the problem's location names.
fn io_reason(e: &LoadError) -> String {
    match e {
        LoadError::Io { source, .. } => source.to_string(),
        other => other.to_string(),
    }
}

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
    let (gazetteer, catalog, inputs, problems) = gather(sources, progress, preview)?;
    let Some(dir) = cache_dir else {
        return Ok(build_with_progress(
            gazetteer, catalog, inputs, problems, progress,
        ));
    };
    let keys: Vec<Option<crate::cache::Key>> = inputs.par_iter().map(ArticleCache::key).collect();
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
    );
    let report = cache.map(ArticleCache::finish).unwrap_or_default();
    let mut loaded = reduce(gazetteer, catalog, results, problems, progress);
    loaded.cache = report;
    Ok(loaded)
}

/// The catalog file the sources name: `./events.toml` when present, else
/// none (the bundled catalog).
fn events_path(sources: &Sources) -> Option<PathBuf> {
    sources.events.clone().or_else(|| {
        let p = PathBuf::from("events.toml");
        p.exists().then_some(p)
    })
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
        vec![PathBuf::from("assets/articles")]
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
    let (gazetteer, catalog, inputs, mut problems) = gather(sources, progress, &|_, _| {})?;
    problems.extend(catalog.problems);
    let results = map_articles(inputs, &catalog.events, &gazetteer, progress);
    Ok(Mapped {
        events: catalog.events,
        results,
        problems,
    })
}

/// Loads the gazetteer and the catalog the sources name, and reads their
/// articles.
#[allow(clippy::type_complexity)]
fn gather(
    sources: &Sources,
    progress: OnProgress,
    preview: OnPreview,
) -> Result<(Gazetteer, Catalog, Vec<ArticleInput>, Vec<Problem>), LoadError> {
    let gazetteer = load_gazetteer(sources)?;
    let catalog = load_catalog(sources, &gazetteer, progress, preview)?;
    let mut problems = gazetteer.problems().to_vec();
    let inputs = if sources.articles.is_empty() {
        let default = PathBuf::from("assets/articles");
        if default.is_dir() {
            let files = article_files(&[default], &mut problems);
            read_articles(&files, &mut problems, progress)
        } else {
            bundled::articles()
        }
    } else {
        let files = article_files(&sources.articles, &mut problems);
        if files.len() >= PREVIEW_MIN_ARTICLES {
            preview(&catalog.events, &gazetteer);
        }
        read_articles(&files, &mut problems, progress)
    };
    Ok((gazetteer, catalog, inputs, problems))
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

/// The map step: reads each article on its own (on every core) and gives
/// what it holds. It needs the catalog and the gazetteer, never another
/// article, so it can run anywhere: `annals extract --stdin --for-events`
/// runs it on a worker and writes the result as JSON Lines (see
/// [`crate::findings`]).
pub fn map_articles(
    inputs: Vec<ArticleInput>,
    events: &[Event],
    gazetteer: &Gazetteer,
    progress: OnProgress,
) -> Vec<ArticleResult> {
    map_articles_cached(inputs, &[], events, gazetteer, progress, None)
}

/// The map step on one article file, read as the kind of input it is: the
/// results of each article it gives (a feed gives one per item), or, for a
/// file that gives none, one result holding only its problems.
fn map_input(
    input: &ArticleInput,
    linker: &Linker,
    gazetteer: &Gazetteer,
    events: &[Event],
) -> Vec<ArticleResult> {
    let read = crate::input::read(&input.path, &input.name, &input.bytes);
    let mut results: Vec<ArticleResult> = read
        .articles
        .into_iter()
        .map(|art| process_article(art, &input.path, linker, gazetteer, events))
        .collect();
    if !read.problems.is_empty() {
        // the file's own problems come first, with its first article
        match results.first_mut() {
            Some(r) => {
                r.problems.splice(0..0, read.problems);
            }
            None => results.push(ArticleResult {
                article: std::sync::Arc::new(crate::model::ArticleMeta {
                    file: input.name.clone(),
                    ..Default::default()
                }),
                problems: read.problems,
                ..Default::default()
            }),
        }
    }
    results
}

/// [`map_articles`], reading from `cache` (when there is one) the results of
/// each article whose key (`keys`, by input; missing keys are none) it holds,
/// and storing there the results of the others.
fn map_articles_cached(
    inputs: Vec<ArticleInput>,
    keys: &[Option<crate::cache::Key>],
    events: &[Event],
    gazetteer: &Gazetteer,
    progress: OnProgress,
    cache: Option<&ArticleCache>,
) -> Vec<ArticleResult> {
    let linker = std::sync::OnceLock::new();
    let total = inputs.len() as u64;
    let done = AtomicU64::new(0);
    inputs
        .par_iter()
        .enumerate()
        .flat_map_iter(|(i, input)| {
            let key = cache.zip(keys.get(i).and_then(Option::as_ref));
            let cached = key.and_then(|(c, k)| c.get(k, events.len()));
            let results = cached.unwrap_or_else(|| {
                // the linker is built only when an article must be read
                let linker = linker.get_or_init(|| Linker::new(events));
                let results = map_input(input, linker, gazetteer, events);
                if let Some((c, k)) = key {
                    c.put(*k, &results);
                }
                results
            });
            let done = done.fetch_add(1, Ordering::Relaxed) + 1;
            progress(Progress {
                stage: Stage::Articles,
                done,
                total,
            });
            results
        })
        .collect()
}

/// The reduce step: links what the articles gave to the catalog's events,
/// merges the events found in them, and builds the timeline. The articles'
/// results may come in any order: they are taken in the order of their file
/// references, so the timeline is the same however they were gathered. A
/// local load and `annals events --from-mentions` both end here.
pub fn reduce(
    gazetteer: Gazetteer,
    catalog: Catalog,
    mut results: Vec<ArticleResult>,
    mut problems: Vec<Problem>,
    progress: OnProgress,
) -> Loaded {
    problems.extend(catalog.problems);
    let mut events = catalog.events;
    results.sort_by(|a, b| file_order(&a.article.file, &b.article.file));
    let mut mentions = Vec::new();
    let mut stats = Stats {
        articles: results.iter().filter(|r| r.row.is_some()).count(),
        ..Default::default()
    };
    for r in &results {
        stats.mentions += r.mentions.len();
        for (idx, source) in &r.links {
            add_source(&mut events[*idx], source.clone());
            stats.links += 1;
        }
    }
    // events from the mentions no catalog event took ([`crate::events`])
    let built = crate::events::build(
        results.iter().map(|r| (&r.article, &r.mentions[..])),
        &events,
    );
    for (idx, source) in built.links {
        add_source(&mut events[idx], source);
        stats.links += 1;
    }
    // A catalog may carry extracted events already (a JSON export loaded
    // back): the same event found again, by id or by date and title, adds
    // only the sources it lacks.
    let mut extracted: Vec<Event> = Vec::new();
    let mut extracted_keys: HashMap<(String, String), Found> = HashMap::new();
    let mut catalog_ids: HashMap<String, usize> = HashMap::new();
    if !built.events.is_empty() {
        for (i, e) in events.iter().enumerate() {
            catalog_ids.insert(e.id.clone(), i);
            if e.is_extracted() {
                extracted_keys.insert(extracted_key(e), Found::InCatalog(i));
            }
        }
    }
    for ev in built.events {
        let key = extracted_key(&ev);
        let found = catalog_ids
            .get(&ev.id)
            .map(|&i| Found::InCatalog(i))
            .or_else(|| extracted_keys.get(&key).copied());
        let target = match found {
            Some(Found::InCatalog(i)) => &mut events[i],
            Some(Found::New(i)) => &mut extracted[i],
            None => {
                extracted_keys.insert(key, Found::New(extracted.len()));
                extracted.push(ev);
                continue;
            }
        };
        for s in ev.sources {
            add_source(target, s);
        }
    }
    let mut articles = Vec::with_capacity(results.len());
    for r in results {
        problems.extend(r.problems);
        articles.extend(r.row);
        mentions.extend(r.mentions);
    }
    events.extend(extracted);
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

/// Where an event found in an article already is.
#[derive(Clone, Copy)]
enum Found {
    InCatalog(usize),
    New(usize),
}

fn extracted_key(e: &Event) -> (String, String) {
    (e.date.to_string(), e.title.to_lowercase())
}

/// Adds a source to an event unless the event already cites that very place
/// (the same article, the same span), as an exported catalog does.
fn add_source(event: &mut Event, source: Source) {
    let same = |s: &Source| {
        s.article.file == source.article.file
            && s.start == source.start
            && s.end == source.end
            && s.dated == source.dated
    };
    if !event.sources.iter().any(same) {
        event.sources.push(source);
    }
}

/// Finds catalog aliases in sentences.
pub struct Linker {
    matcher: Option<AhoCorasick>,
    pattern_event: Vec<usize>,
}

impl Linker {
    pub fn new(events: &[Event]) -> Linker {
        let mut pats = Vec::new();
        let mut pattern_event = Vec::new();
        for (i, e) in events.iter().enumerate() {
            // events found in articles (a catalog may carry them) are not
            // link targets: articles add to the curated catalog only
            if e.is_extracted() {
                continue;
            }
            for a in &e.aliases {
                let a = a.trim();
                if a.len() >= 2 {
                    pats.push(normalize_for_matching(a).0);
                    pattern_event.push(i);
                }
            }
        }
        let matcher = AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::Standard)
            .build(&pats)
            .ok();
        Linker {
            matcher,
            pattern_event,
        }
    }

    /// Catalog events whose aliases occur in `text` as whole words (plural and
    /// possessive endings allowed): event index and the alias span.
    pub fn find(&self, text: &str) -> Vec<(usize, std::ops::Range<usize>)> {
        let mut out: Vec<(usize, std::ops::Range<usize>)> = Vec::new();
        let Some(m) = &self.matcher else {
            return out;
        };
        let (norm, map) = normalize_for_matching(text);
        let mut seen = HashSet::new();
        for hit in m.find_overlapping_iter(&norm) {
            let end = hit.end() + inflection_len(&norm[hit.end()..]);
            if at_word_bounds(&norm, hit.start(), end) {
                let ev = self.pattern_event[hit.pattern().as_usize()];
                if seen.insert(ev) {
                    out.push((ev, map[hit.start()]..map[hit.end()]));
                }
            }
        }
        out
    }
}

/// Reads one article (the map step): its mentions, each with its place in
/// the article, and the catalog events it is a source of. Events are built
/// from the mentions later, across articles ([`crate::events`]).
fn process_article(
    mut art: Article,
    path: &Path,
    linker: &Linker,
    gazetteer: &Gazetteer,
    events: &[Event],
) -> ArticleResult {
    if art.meta.published.is_none() {
        if let Some(d) = extract::dateline(&art.text, art.body_start) {
            art.set_published(d, Some(crate::model::DateFrom::Dateline));
        }
    }
    let text = art.text.as_str();
    let skip = article::furniture(text, art.body_start);
    let sentences = article::sentences(text, art.body_start);
    // catalog aliases, sentence by sentence: they link mentions to events, date
    // expressions such as "ten years after <alias>", and name undated events
    let sentence_links: Vec<Vec<(usize, std::ops::Range<usize>)>> = sentences
        .iter()
        .map(|s| linker.find(&text[s.clone()]))
        .collect();
    let mut anchors: Vec<extract::Anchor> = sentences
        .iter()
        .zip(&sentence_links)
        .flat_map(|(s, links)| {
            links.iter().map(move |(ev, span)| extract::Anchor {
                start: s.start + span.start,
                end: s.start + span.end,
                date: events[*ev].date,
            })
        })
        .collect();
    anchors.sort_by_key(|a| (a.start, a.end));
    let mut found = extract::extract(text, &sentences, &skip, art.meta.published, &anchors);
    let mut problems = std::mem::take(&mut art.problems);
    if found.len() > MAX_MENTIONS_PER_ARTICLE {
        let first_dropped = found[MAX_MENTIONS_PER_ARTICLE].start;
        problems.push(Problem {
            location: crate::diag::Location::at(path, text, first_dropped),
            message: format!(
                "{} date expressions; only the first {MAX_MENTIONS_PER_ARTICLE} are read",
                found.len()
            ),
            warning: true,
        });
        found.truncate(MAX_MENTIONS_PER_ARTICLE);
    }
    let layout = crate::events::candidates::Layout {
        text,
        body_start: art.body_start,
        title: art.meta.title.as_deref(),
    };
    let mut result = ArticleResult {
        article: art.meta.clone(),
        mentions: Vec::with_capacity(found.len()),
        links: Vec::new(),
        problems,
        row: Some(crate::input::ArticleRow::of(&art, found.len())),
    };
    let mut linked_events: HashSet<usize> = HashSet::new();
    // (event, sentence start) -> (index in result.links, precision of its date)
    let mut best_link: HashMap<(usize, usize), (usize, Option<crate::model::Precision>)> =
        HashMap::new();
    // links from photo captions: kept only for events the prose does not give
    let mut caption_links: Vec<(usize, Source)> = Vec::new();
    let no_links = Vec::new();
    let mut sentence_cache: Option<(usize, Vec<String>)> = None;
    let mut line: Option<crate::events::candidates::Line> = None;
    for m in &found {
        if sentence_cache
            .as_ref()
            .is_none_or(|c| c.0 != m.sentence.start)
        {
            let s = &text[m.sentence.clone()];
            sentence_cache = Some((m.sentence.start, gazetteer.countries_in(s)));
        }
        let (_, countries) = sentence_cache.as_ref().expect("set above");
        let aliases = sentences
            .binary_search_by_key(&m.sentence.start, |s| s.start)
            .map_or(&no_links, |k| &sentence_links[k]);
        let sentence = &text[m.sentence.clone()];
        if line.as_ref().is_none_or(|l| !l.contains(m.start)) {
            line = Some(crate::events::candidates::Line::at(&layout, m.start));
        }
        let place = crate::events::candidates::place_in_line(
            &layout,
            line.as_ref().expect("set above"),
            m.start..m.end,
        );
        let in_sentence = m.start - m.sentence.start..m.end - m.sentence.start;
        let furniture = crate::events::candidates::rejection(
            place,
            sentence,
            in_sentence,
            &text[m.start..m.end],
        )
        // (a headline that names an event is a source of it: what a
        // headline may not do is date a new event by a weekday)
        .filter(|_| {
            !matches!(
                place,
                crate::events::Place::Prose | crate::events::Place::Headline
            )
        });
        let event = m
            .value
            .date()
            .and_then(|d| choose_event(d, m, aliases, countries, events, sentence));
        let source = |why: String| Source {
            article: art.meta.clone(),
            start: m.start,
            end: m.end,
            text: text[m.start..m.end].to_string(),
            dated: true,
            sentence: sentence.to_string(),
            sentence_start: m.sentence.start,
            why,
        };
        match &event {
            // furniture is never a source
            Some(_) if furniture.is_some() => {}
            Some((i, why)) if place == crate::events::Place::Caption => {
                caption_links.push((*i, source(why.clone())));
            }
            Some((i, why)) => {
                let i = *i;
                linked_events.insert(i);
                // one source per sentence and event: the most precise date wins
                let precision = m.value.date().map(|d| d.precision());
                match best_link.get(&(i, m.sentence.start)) {
                    Some(&(_, p)) if p <= precision => {}
                    Some(&(at, _)) => {
                        result.links[at] = (i, source(why.clone()));
                        best_link.insert((i, m.sentence.start), (at, precision));
                    }
                    None => {
                        best_link.insert((i, m.sentence.start), (result.links.len(), precision));
                        result.links.push((i, source(why.clone())));
                    }
                }
            }
            None => {}
        }
        let heads = (place == crate::events::Place::Heading)
            .then(|| {
                sentences
                    .iter()
                    .find(|s| s.start >= m.sentence.end)
                    .map(|s| text[s.clone()].to_string())
            })
            .flatten();
        result.mentions.push(MentionRecord {
            file: art.meta.file.clone(),
            start: m.start,
            end: m.end,
            text: text[m.start..m.end].to_string(),
            value: m.value.to_string(),
            precision: m.value.precision_str().into(),
            sentence: sentence.to_string(),
            countries: countries.clone(),
            event: event.map(|(i, _)| events[i].id.clone()),
            sentence_start: m.sentence.start,
            place,
            heads,
            offsets: (!art.meta.offsets.is_file()).then_some(art.meta.offsets),
        });
    }
    for (i, s) in caption_links {
        if linked_events.insert(i) {
            result.links.push((i, s));
        }
    }
    // events the article names without dating them: where one alias names
    // several events, only the one it fits best
    let skip_ranges = &skip;
    let reference = art.meta.published;
    for (s, links) in sentences.iter().zip(&sentence_links) {
        let sentence = &text[s.clone()];
        let mut by_span: Vec<(std::ops::Range<usize>, Vec<usize>)> = Vec::new();
        for (ev, span) in links.iter().cloned() {
            let abs = s.start + span.start;
            if in_ranges(skip_ranges, abs) {
                continue;
            }
            match by_span
                .iter_mut()
                .find(|(r, _)| r.start < span.end && span.start < r.end)
            {
                Some((_, evs)) => evs.push(ev),
                None => by_span.push((span, vec![ev])),
            }
        }
        if by_span.is_empty() {
            continue;
        }
        let words = crate::events::words::key_words(sentence, None);
        for (span, evs) in by_span {
            if evs.iter().any(|e| linked_events.contains(e)) {
                continue;
            }
            let Some(ev) = crate::events::best_named(&evs, events, reference, &words) else {
                continue;
            };
            linked_events.insert(ev);
            let alias = &sentence[span.clone()];
            let why = if evs.len() > 1 {
                format!(
                    "named by alias “{alias}”, not dated here; of {} events with that alias, \
                     the nearest to the article's date",
                    evs.len()
                )
            } else {
                format!("named by alias “{alias}”, not dated here")
            };
            result.links.push((
                ev,
                Source {
                    article: art.meta.clone(),
                    start: s.start + span.start,
                    end: s.start + span.end,
                    text: alias.to_string(),
                    dated: false,
                    sentence: sentence.to_string(),
                    sentence_start: s.start,
                    why,
                },
            ));
        }
    }
    result
}

/// True when `at` lies in one of `ranges`, which are in order and do not
/// overlap (as `article::furniture` gives them).
fn in_ranges(ranges: &[std::ops::Range<usize>], at: usize) -> bool {
    let after = ranges.partition_point(|r| r.start <= at);
    after > 0 && ranges[after - 1].contains(&at)
}

/// The catalog event a dated mention speaks of, and why: one whose alias is
/// in the sentence and whose span is compatible with the date, or, for a day,
/// the one event on that very day that shares a country with the sentence.
fn choose_event(
    date: crate::model::DateValue,
    m: &Mention,
    aliases: &[(usize, std::ops::Range<usize>)],
    countries: &[String],
    events: &[Event],
    sentence: &str,
) -> Option<(usize, String)> {
    let rel = m.start - m.sentence.start;
    let by_alias = aliases
        .iter()
        .filter(|(i, _)| date.overlaps(events[*i].span_start(), events[*i].span_end()))
        .min_by_key(|(i, span)| {
            let dist = if span.start > rel {
                span.start - rel
            } else {
                rel.saturating_sub(span.end)
            };
            (events[*i].precision(), dist)
        });
    let relation = |e: &Event| {
        crate::events::merging::date_relation((e.date, e.end), (date, None))
            .unwrap_or_else(|| format!("{} overlaps {}", date.describe(), e.describe_date()))
    };
    if let Some((i, span)) = by_alias {
        let e = &events[*i];
        let alias = sentence.get(span.clone()).unwrap_or("");
        return Some((*i, format!("alias “{alias}”; {}", relation(e))));
    }
    if date.precision() != crate::model::Precision::Day {
        return None;
    }
    let mut on_day = events.iter().enumerate().filter(|(_, e)| {
        !e.is_extracted()
            && e.date == date
            && e.countries
                .iter()
                .any(|c| countries.iter().any(|x| x == c) && c != "NATO" && c != "EU")
    });
    let (first, _) = on_day.next()?;
    // two catalog events that day in those countries: which one the sentence
    // speaks of is not known, and a guess would follow the catalog's order
    // (which an export changes), so neither is linked
    if on_day.next().is_some() {
        return None;
    }
    let shared: Vec<&str> = events[first]
        .countries
        .iter()
        .filter(|c| countries.iter().any(|x| x == c))
        .collect();
    Some((
        first,
        format!(
            "same day, {}, and shared countries ({})",
            date.describe(),
            shared.join(", ")
        ),
    ))
}

/// Extracts the mentions of one text given with its id and publication date
/// (for `annals extract --stdin`).
pub fn mentions_for_text(
    id: &str,
    published: Option<crate::model::DateValue>,
    text: &str,
    linker: &Linker,
    gazetteer: &Gazetteer,
    events: &[Event],
) -> Vec<MentionRecord> {
    result_for_text(id, published, text, linker, gazetteer, events).mentions
}

/// [`mentions_for_text`], with everything else the article gives (for
/// `annals extract --stdin --for-events`).
pub fn result_for_text(
    id: &str,
    published: Option<crate::model::DateValue>,
    text: &str,
    linker: &Linker,
    gazetteer: &Gazetteer,
    events: &[Event],
) -> ArticleResult {
    let mut art = Article::parse_named(Path::new(id), id, text.as_bytes());
    if let Some(p) = published {
        art.set_published(p, None);
    }
    process_article(art, Path::new(id), linker, gazetteer, events)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn feed_items_keep_their_order_after_the_file_they_come_from() {
        let mut files = vec!["b.txt", "news.xml#10", "a.html", "news.xml#2", "news.xml#1"];
        files.sort_by(|a, b| file_order(a, b));
        assert_eq!(
            files,
            ["a.html", "b.txt", "news.xml#1", "news.xml#2", "news.xml#10"]
        );
    }

    #[test]
    fn articles_past_the_total_limit_are_skipped_with_a_warning_each() {
        let dir = tempfile::tempdir().unwrap();
        let files: Vec<ArticleFile> = (0..4)
            .map(|i| {
                let f = dir.path().join(format!("{i}.txt"));
                std::fs::write(&f, "x".repeat(40)).unwrap();
                ArticleFile {
                    path: f,
                    name: format!("{i}.txt"),
                }
            })
            .collect();
        let mut problems = Vec::new();
        let read = read_articles_within(&files, 100, &mut problems, &|_| {});
        assert_eq!(
            read.len(),
            2,
            "two of 40 bytes fit in 100, a third does not"
        );
        assert_eq!(problems.len(), 2);
        for (p, name) in problems.iter().zip(["2.txt", "3.txt"]) {
            let shown = p.to_string();
            assert!(p.warning && shown.contains(name), "{shown}");
            assert!(shown.contains("skipped"), "{shown}");
        }
        // a file that cannot be read is an error naming it
        let mut problems = Vec::new();
        let gone = ArticleFile {
            path: dir.path().join("gone.txt"),
            name: "gone.txt".into(),
        };
        assert!(read_articles_within(&[gone], 100, &mut problems, &|_| {}).is_empty());
        assert!(!problems[0].warning);
        assert!(
            problems[0]
                .to_string()
                .contains("gone.txt:1:1: error: cannot read")
        );
    }

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
        let curated = loaded
            .timeline
            .events
            .iter()
            .filter(|e| !e.is_extracted())
            .count();
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
