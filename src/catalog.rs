//! The curated catalog (`events.toml`, or a JSON array of events): parsing and
//! validation, with every problem named by file, line and column.
//!
//! Large catalogs are read in pieces that are parsed in parallel: a JSON array
//! is streamed from the file element by element, so the file is never held
//! whole, and a TOML file is cut at its `[[event]]` headers. Whenever the
//! pieces are not plain (a syntax error, an unusual layout), the whole text is
//! parsed the ordinary way instead, which gives the exact error; nothing is
//! loaded half-way.

use std::io::Read;
use std::path::Path;

use rayon::prelude::*;
use serde::Deserialize;
use toml::Spanned;

use crate::diag::{LineIndex, LoadError, Location, Problem};
use crate::gazetteer::Gazetteer;
use crate::model::{DateValue, Event, Names, Origin};

/// Catalogs (and gazetteers) larger than this are refused rather than read.
/// Loaded, a catalog takes about twice its size in memory; a million events
/// with a summary each make a file of about 550 MB, so the limit leaves room
/// for some two million.
pub const MAX_CATALOG_BYTES: u64 = 1 << 30;

/// Bytes read from the file at a time.
const BLOCK: usize = 4 << 20;

/// Bytes of JSON elements parsed together, in parallel.
const BATCH: usize = 8 << 20;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCatalog {
    #[serde(default)]
    event: Vec<Spanned<RawEvent>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawEvent {
    id: Spanned<String>,
    date: Spanned<String>,
    #[serde(default)]
    end: Option<Spanned<String>>,
    title: String,
    #[serde(default)]
    summary: String,
    #[serde(default)]
    countries: Option<Spanned<Names>>,
    #[serde(default)]
    actors: Option<Spanned<Names>>,
    #[serde(default)]
    tags: Option<Spanned<Names>>,
    #[serde(default)]
    aliases: Option<Spanned<Names>>,
}

/// The most countries, actors, tags or aliases one event may list. An event
/// with more is refused with one message, rather than read (or reported on)
/// item by item.
pub const MAX_LIST_ITEMS: usize = 1000;

/// The message for a list longer than `MAX_LIST_ITEMS`, if this one is.
fn overlong(id: &str, field: &str, len: usize) -> Option<String> {
    (len > MAX_LIST_ITEMS)
        .then(|| format!("event `{id}`: {len} {field}; an event may list at most {MAX_LIST_ITEMS}"))
}

fn spanned_list(list: Option<Spanned<Names>>) -> Names {
    list.map(Spanned::into_inner).unwrap_or_default()
}

/// The events of a catalog that passed validation, and the problems found.
#[derive(Debug, Default)]
pub struct Catalog {
    pub events: Vec<Event>,
    pub problems: Vec<Problem>,
}

/// Reads a catalog file: TOML, or JSON when the name ends in `.json` or the text
/// starts with `[`.
pub fn load_file(path: &Path, gazetteer: &Gazetteer) -> Result<Catalog, LoadError> {
    load_file_with_progress(path, gazetteer, &|_, _| {})
}

/// [`load_file`], calling `progress(bytes read, file size)` as it reads.
pub fn load_file_with_progress(
    path: &Path,
    gazetteer: &Gazetteer,
    progress: &(dyn Fn(u64, u64) + Sync),
) -> Result<Catalog, LoadError> {
    load_file_with_preview(path, gazetteer, progress, &|_| {})
}

/// A JSON catalog at least this many batches long hands its first batch's
/// events to a preview while the rest is read.
const PREVIEW_BATCHES: u64 = 4;

/// [`load_file_with_progress`], and for a large JSON array (32 MB or more,
/// some 50,000 events) also `preview(events)` once, with the checked events
/// of its first part, so that a display can show them while the rest loads.
/// Those events are checked among themselves only: the whole catalog can
/// still turn out to repeat an id, or to be broken further on.
pub fn load_file_with_preview(
    path: &Path,
    gazetteer: &Gazetteer,
    progress: &(dyn Fn(u64, u64) + Sync),
    preview: &(dyn Fn(&[Event]) + Sync),
) -> Result<Catalog, LoadError> {
    let io = |source| LoadError::Io {
        path: path.to_path_buf(),
        source,
    };
    let limit = MAX_CATALOG_BYTES;
    let refused = |size| crate::diag::refusal(path, "the catalog", size, limit);
    let file = std::fs::File::open(path).map_err(io)?;
    let size = file.metadata().map_err(io)?.len();
    if size > limit {
        return Err(refused(Some(size)));
    }
    // the limit holds while reading too: a device or a growing file states a
    // size that is not what it gives
    let mut file = file.take(limit + 1);
    let mut start = Vec::with_capacity(BLOCK.min(size as usize + 1));
    (&mut file)
        .take(BLOCK as u64)
        .read_to_end(&mut start)
        .map_err(io)?;
    progress(start.len() as u64, size);
    let first = start.iter().copied().find(|b| !b.is_ascii_whitespace());
    if first == Some(b'[') {
        let sizes = (BLOCK, BATCH);
        // the preview is checked and handed over on a thread of its own, so
        // that reading the rest does not wait for it; it is done before this
        // returns (the scope's end), so it always comes before the whole
        let found = std::thread::scope(|scope| {
            let mut first_batch = |events: &[Event]| {
                let events = events.to_vec();
                let show = move || {
                    let places = vec![(1, 1); events.len()];
                    let checked = validate_json(path, (events, places), gazetteer);
                    preview(&checked.events);
                };
                // no thread to be had: no preview, the load goes on
                let _ = std::thread::Builder::new()
                    .name("annals-preview".into())
                    .spawn_scoped(scope, show);
            };
            stream_json(&mut file, start, size, progress, sizes, &mut first_batch)
        })
        .map_err(io)?;
        if file.limit() == 0 {
            return Err(refused(None));
        }
        if let Some(found) = found {
            return Ok(validate_json(path, found, gazetteer));
        }
        // not a plain array: read it whole, for the exact error
        file = std::fs::File::open(path).map_err(io)?.take(limit + 1);
        start = Vec::new();
    }
    let mut bytes = start;
    let mut block = vec![0u8; BLOCK];
    loop {
        let n = file.read(&mut block).map_err(io)?;
        if n == 0 {
            break;
        }
        bytes.extend_from_slice(&block[..n]);
        progress(bytes.len() as u64, size);
    }
    drop(block);
    if bytes.len() as u64 > limit {
        return Err(refused(None));
    }
    let text = String::from_utf8(bytes).map_err(|e| {
        let offset = e.utf8_error().valid_up_to();
        let text = String::from_utf8_lossy(e.as_bytes()).into_owned();
        LoadError::syntax(path, &text, offset, "the catalog is not valid UTF-8")
    })?;
    parse(path, &text, gazetteer)
}

/// Parses catalog text; `path` names it in messages and decides the format.
pub fn parse(path: &Path, text: &str, gazetteer: &Gazetteer) -> Result<Catalog, LoadError> {
    let t = text.trim_start();
    let json = path.extension().is_some_and(|e| e == "json")
        || t.starts_with('{')
        || t.strip_prefix('[')
            .is_some_and(|r| r.trim_start().starts_with(['{', ']']) || r.trim().is_empty());
    if json {
        parse_json(path, text, gazetteer)
    } else {
        parse_toml(path, text, gazetteer)
    }
}

/// For each item, true when its id (`None` for none) repeats an earlier one.
fn repeated_ids<'a>(ids: impl Iterator<Item = Option<&'a str>>) -> Vec<bool> {
    let ids: Vec<Option<&str>> = ids.collect();
    let mut keyed: Vec<(u64, usize)> = ids
        .par_iter()
        .enumerate()
        .filter_map(|(i, id)| id.map(|id| (hash(id), i)))
        .collect();
    keyed.par_sort_unstable();
    let mut repeated = vec![false; ids.len()];
    for run in keyed.chunk_by(|a, b| a.0 == b.0) {
        if run.len() < 2 {
            continue;
        }
        // equal hashes: group equal ids, earliest first
        let mut run: Vec<(&str, usize)> = run
            .iter()
            .map(|&(_, i)| (ids[i].unwrap_or_default(), i))
            .collect();
        run.sort_unstable();
        for pair in run.windows(2) {
            if pair[0].0 == pair[1].0 {
                repeated[pair[1].1] = true;
            }
        }
    }
    repeated
}

fn hash(s: &str) -> u64 {
    use std::hash::Hasher;
    let mut h = crate::search::QuickHasher::default();
    h.write(s.as_bytes());
    h.finish()
}

/// Where each `[[event]]` table starts, when the text is nothing but such
/// tables (with comments and blank lines); `None` otherwise, and for
/// multi-line strings, which could hide a header.
fn toml_tables(text: &str) -> Option<Vec<usize>> {
    if text.contains("\"\"\"") || text.contains("\'\'\'") {
        return None;
    }
    let mut starts = Vec::new();
    let mut at = 0;
    for line in text.split_inclusive('\n') {
        let t = line.trim();
        if t == "[[event]]" {
            starts.push(at);
        } else if t.starts_with('[') || (starts.is_empty() && !t.is_empty() && !t.starts_with('#'))
        {
            return None;
        }
        at += line.len();
    }
    (!starts.is_empty()).then_some(starts)
}

/// The raw events of a TOML catalog, parsed table by table in parallel when
/// it is plain enough, with their spans in the whole text.
fn raw_toml_events(path: &Path, text: &str) -> Result<Vec<Spanned<RawEvent>>, LoadError> {
    let whole = || -> Result<Vec<Spanned<RawEvent>>, LoadError> {
        let raw: RawCatalog = toml::from_str(text).map_err(|e| {
            let offset = e.span().map_or(0, |s| s.start);
            LoadError::syntax(path, text, offset, e.message().trim().to_string())
        })?;
        Ok(raw.event)
    };
    let Some(starts) = toml_tables(text) else {
        return whole();
    };
    // about a thousand tables per piece
    let bounds: Vec<usize> = starts
        .iter()
        .copied()
        .step_by(1024)
        .chain(std::iter::once(text.len()))
        .collect();
    let pieces: Vec<Result<Vec<Spanned<RawEvent>>, LoadError>> = bounds
        .par_windows(2)
        .map(|w| {
            let raw: RawCatalog = toml::from_str(&text[w[0]..w[1]]).map_err(|e| {
                // the pieces hold nothing but whole `[[event]]` tables, so a
                // piece's first error is where reading the whole text would
                // stop, with the same message
                let offset = w[0] + e.span().map_or(0, |s| s.start);
                LoadError::syntax(path, text, offset, e.message().trim().to_string())
            })?;
            Ok(raw.event.into_iter().map(|e| shift(e, w[0])).collect())
        })
        .collect();
    let mut events = Vec::new();
    for piece in pieces {
        events.extend(piece?);
    }
    Ok(events)
}

/// A raw event parsed from a piece of the text that starts at `by`, with its
/// spans moved to count from the start of the text.
fn shift(e: Spanned<RawEvent>, by: usize) -> Spanned<RawEvent> {
    fn moved<T>(s: Spanned<T>, by: usize) -> Spanned<T> {
        let span = s.span();
        Spanned::new(span.start + by..span.end + by, s.into_inner())
    }
    let span = e.span();
    let mut raw = e.into_inner();
    raw.id = moved(raw.id, by);
    raw.date = moved(raw.date, by);
    raw.end = raw.end.map(|s| moved(s, by));
    raw.countries = raw.countries.map(|s| moved(s, by));
    raw.actors = raw.actors.map(|s| moved(s, by));
    raw.tags = raw.tags.map(|s| moved(s, by));
    raw.aliases = raw.aliases.map(|s| moved(s, by));
    Spanned::new(span.start + by..span.end + by, raw)
}

fn parse_toml(path: &Path, text: &str, gazetteer: &Gazetteer) -> Result<Catalog, LoadError> {
    let raw_events = raw_toml_events(path, text)?;
    let repeated = repeated_ids(raw_events.iter().map(|r| {
        let id = r.get_ref().id.get_ref().trim();
        (!id.is_empty()).then_some(id)
    }));
    let mut lines: Option<LineIndex> = None;
    let mut catalog = Catalog {
        events: Vec::with_capacity(raw_events.len()),
        problems: Vec::new(),
    };
    for (spanned, repeated) in raw_events.into_iter().zip(repeated) {
        let raw = spanned.into_inner();
        let id = raw.id.get_ref().trim().to_string();
        let mut errors = Vec::new();
        if id.is_empty() {
            errors.push((
                raw.id.span().start,
                "an event needs a non-empty `id`".into(),
            ));
        } else if repeated {
            errors.push((raw.id.span().start, format!("duplicate id `{id}`")));
        }
        let date = match raw.date.get_ref().parse::<DateValue>() {
            Ok(d) => Some(d),
            Err(e) => {
                errors.push((raw.date.span().start, format!("event `{id}`: date {e}")));
                None
            }
        };
        let end = match &raw.end {
            None => None,
            Some(e) => match e.get_ref().parse::<DateValue>() {
                Ok(v) => Some(v),
                Err(err) => {
                    errors.push((e.span().start, format!("event `{id}`: end {err}")));
                    None
                }
            },
        };
        if let (Some(d), Some(e), Some(span)) = (date, end, raw.end.as_ref()) {
            if e.start() < d.start() {
                errors.push((
                    span.span().start,
                    format!("event `{id}`: end {e} is before its date {d}"),
                ));
            }
        }
        let lists = [
            ("countries", &raw.countries),
            ("actors", &raw.actors),
            ("tags", &raw.tags),
            ("aliases", &raw.aliases),
        ];
        let mut too_long = false;
        for (field, list) in lists {
            if let Some(l) = list {
                if let Some(message) = overlong(&id, field, l.get_ref().len()) {
                    errors.push((l.span().start, message));
                    too_long = true;
                }
            }
        }
        if !too_long {
            for code in raw
                .countries
                .as_ref()
                .map(|c| c.get_ref())
                .into_iter()
                .flatten()
            {
                if !gazetteer.contains(code) {
                    errors.push((
                        raw.countries.as_ref().map_or(0, |c| c.span().start),
                        format!("event `{id}`: unknown country code `{code}`"),
                    ));
                }
            }
        }
        if errors.is_empty() {
            if let Some(date) = date {
                let mut event = Event {
                    id,
                    date,
                    end,
                    title: raw.title,
                    summary: raw.summary,
                    countries: spanned_list(raw.countries),
                    actors: spanned_list(raw.actors),
                    tags: spanned_list(raw.tags),
                    aliases: spanned_list(raw.aliases),
                    origin: Origin::Curated,
                    sources: Vec::new(),
                };
                compact(&mut event);
                catalog.events.push(event);
            }
        }
        if !errors.is_empty() {
            let lines = lines.get_or_insert_with(|| LineIndex::new(text));
            for (offset, message) in errors {
                catalog.problems.push(Problem {
                    location: lines.location(path, text, offset),
                    message,
                    warning: false,
                });
            }
        }
    }
    Ok(catalog)
}

#[derive(Deserialize)]
struct JsonObjectCatalog {
    #[serde(alias = "events")]
    event: Vec<Event>,
}

/// Events parsed from a JSON array, and the line and column where each starts.
type Found = (Vec<Event>, Vec<(usize, usize)>);

/// A JSON array's elements, found without parsing them.
#[derive(Default)]
struct Splitter {
    state: Where,
    depth: u32,
    in_string: bool,
    escaped: bool,
    /// Bytes scanned so far.
    pos: usize,
    /// The line being scanned, from 1, and where it starts.
    line: usize,
    line_start: usize,
    /// Where the element being scanned starts, and its line and column.
    start: (usize, usize, usize),
}

#[derive(Default, Clone, Copy, PartialEq, Eq)]
enum Where {
    #[default]
    Before,
    /// After `[`.
    Opened,
    /// After `,`.
    Comma,
    Inside,
    /// After an element.
    Element,
    /// After `]`.
    After,
}

/// An element: its byte range in the stream, line and column.
type Element = (std::ops::Range<usize>, usize, usize);

impl Splitter {
    fn new() -> Splitter {
        Splitter {
            line: 1,
            ..Default::default()
        }
    }

    /// Scans the next bytes of the stream, adding the elements they complete;
    /// `Err` when the text is not a plain array of objects.
    fn feed(&mut self, bytes: &[u8], out: &mut Vec<Element>) -> Result<(), ()> {
        let mut k = 0;
        while k < bytes.len() {
            if self.in_string && !self.escaped {
                // straight to the next quote or backslash (a line break
                // inside a string is not JSON: such an element fails to parse)
                match memchr::memchr2(b'"', b'\\', &bytes[k..]) {
                    Some(d) => {
                        k += d;
                        self.pos += d;
                    }
                    None => {
                        self.pos += bytes.len() - k;
                        return Ok(());
                    }
                }
            }
            let b = bytes[k];
            k += 1;
            let at = self.pos;
            self.pos += 1;
            if b == b'\n' {
                self.line += 1;
                self.line_start = self.pos;
            }
            if self.state == Where::Inside {
                if self.in_string {
                    if self.escaped {
                        self.escaped = false;
                    } else if b == b'\\' {
                        self.escaped = true;
                    } else if b == b'"' {
                        self.in_string = false;
                    }
                    continue;
                }
                match b {
                    b'"' => self.in_string = true,
                    b'{' | b'[' => self.depth += 1,
                    b'}' | b']' => {
                        self.depth -= 1;
                        if self.depth == 0 {
                            let (from, line, col) = self.start;
                            out.push((from..self.pos, line, col));
                            self.state = Where::Element;
                        }
                    }
                    _ => {}
                }
                continue;
            }
            if matches!(b, b' ' | b'\t' | b'\n' | b'\r') {
                continue;
            }
            self.state = match (self.state, b) {
                (Where::Before, b'[') => Where::Opened,
                (Where::Opened | Where::Comma, b'{') => {
                    self.depth = 1;
                    self.start = (at, self.line, at - self.line_start + 1);
                    Where::Inside
                }
                (Where::Element, b',') => Where::Comma,
                (Where::Opened | Where::Element, b']') => Where::After,
                _ => return Err(()),
            };
        }
        Ok(())
    }

    /// Where the bytes still needed start: the element being scanned, or
    /// nothing.
    fn keep_from(&self) -> usize {
        if self.state == Where::Inside {
            self.start.0
        } else {
            self.pos
        }
    }
}

/// Parses elements in parallel, adding them to `found`; `None` when one does
/// not parse.
fn parse_elements(
    bytes: &[u8],
    base: usize,
    elements: &[Element],
    found: &mut Found,
) -> Option<()> {
    let parsed: Vec<Event> = elements
        .par_iter()
        .map(|(range, _, _)| {
            let slice = bytes.get(range.start - base..range.end - base)?;
            let mut event: Event = serde_json::from_slice(slice).ok()?;
            compact(&mut event);
            Some(event)
        })
        .collect::<Option<_>>()?;
    found.0.extend(parsed);
    found
        .1
        .extend(elements.iter().map(|(_, line, col)| (*line, *col)));
    Some(())
}

/// Gives back the room lists grew into while being read (a list of two
/// grows to room for four), so that a million events take less memory.
fn compact(e: &mut Event) {
    e.sources.shrink_to_fit();
}

/// Streams a JSON array of events from `reader`, which has given `start`
/// already, reading `block` bytes at a time and parsing about `batch` bytes
/// of elements together; `None` when it is not a plain array of valid events.
fn stream_json(
    reader: &mut impl Read,
    start: Vec<u8>,
    size: u64,
    progress: &(dyn Fn(u64, u64) + Sync),
    (block, batch): (usize, usize),
    first_batch: &mut dyn FnMut(&[Event]),
) -> std::io::Result<Option<Found>> {
    let mut splitter = Splitter::new();
    let mut pending = start;
    let mut base = 0; // where `pending` starts in the stream
    let mut read = pending.len() as u64;
    let mut elements: Vec<Element> = Vec::new();
    let mut found: Found = (Vec::new(), Vec::new());
    if splitter.feed(&pending, &mut elements).is_err() {
        return Ok(None);
    }
    let mut block = vec![0u8; block];
    loop {
        let batched =
            elements.last().map_or(0, |e| e.0.end) - elements.first().map_or(0, |e| e.0.start);
        let n = if batched >= batch {
            None
        } else {
            Some(reader.read(&mut block)?)
        };
        if let Some(n) = n {
            if n > 0 {
                pending.extend_from_slice(&block[..n]);
                read += n as u64;
                progress(read, size);
                if splitter.feed(&block[..n], &mut elements).is_err() {
                    return Ok(None);
                }
                continue;
            }
        }
        // a batch is ready, or the stream has ended
        let first = found.0.is_empty();
        if parse_elements(&pending, base, &elements, &mut found).is_none() {
            return Ok(None);
        }
        // a large file: what the first batch holds, to show while the rest
        // is read
        if first && n.is_none() && size >= PREVIEW_BATCHES * batch as u64 {
            first_batch(&found.0);
        }
        elements.clear();
        let keep = splitter.keep_from();
        pending.drain(..keep - base);
        base = keep;
        if n == Some(0) {
            break;
        }
    }
    Ok((splitter.state == Where::After).then_some(found))
}

fn parse_json(path: &Path, text: &str, gazetteer: &Gazetteer) -> Result<Catalog, LoadError> {
    let syntax = |e: serde_json::Error| {
        let msg = e.to_string();
        let msg = msg.split(" at line ").next().unwrap_or("").to_string();
        LoadError::Syntax {
            location: Location {
                file: path.to_path_buf(),
                line: e.line().max(1),
                col: e.column().max(1),
            },
            message: msg,
        }
    };
    // an array, element by element in parallel
    if text.trim_start().starts_with('[') {
        let mut splitter = Splitter::new();
        let mut elements = Vec::new();
        if splitter.feed(text.as_bytes(), &mut elements).is_ok() && splitter.state == Where::After {
            let mut found = (Vec::new(), Vec::new());
            if parse_elements(text.as_bytes(), 0, &elements, &mut found).is_some() {
                return Ok(validate_json(path, found, gazetteer));
            }
        }
    }
    // An array of events, or an object with an `event` (or `events`) array.
    let events: Vec<Event> = if text.trim_start().starts_with('{') {
        serde_json::from_str::<JsonObjectCatalog>(text)
            .map_err(syntax)?
            .event
    } else {
        serde_json::from_str(text).map_err(syntax)?
    };
    let places = vec![(1, 1); events.len()];
    Ok(validate_json(path, (events, places), gazetteer))
}

/// Checks events read from JSON: ids, end dates and countries. Those with
/// problems are left out.
fn validate_json(path: &Path, (mut events, places): Found, gazetteer: &Gazetteer) -> Catalog {
    let repeated = repeated_ids(
        events
            .iter()
            .map(|e| (!e.id.trim().is_empty()).then_some(e.id.as_str())),
    );
    let mut problems = Vec::new();
    let mut keep = vec![true; events.len()];
    for (i, ev) in events.iter().enumerate() {
        let mut errors = Vec::new();
        if ev.id.trim().is_empty() {
            errors.push(format!("event #{}: an event needs a non-empty `id`", i + 1));
        } else if repeated[i] {
            errors.push(format!("event #{}: duplicate id `{}`", i + 1, ev.id));
        }
        if let Some(e) = ev.end {
            if e.start() < ev.date.start() {
                errors.push(format!(
                    "event `{}`: end {e} is before its date {}",
                    ev.id, ev.date
                ));
            }
        }
        let lists = [
            ("countries", ev.countries.len()),
            ("actors", ev.actors.len()),
            ("tags", ev.tags.len()),
            ("aliases", ev.aliases.len()),
        ];
        let too_long: Vec<String> = lists
            .iter()
            .filter_map(|&(field, len)| overlong(&ev.id, field, len))
            .collect();
        if too_long.is_empty() {
            for code in &ev.countries {
                if !gazetteer.contains(code) {
                    errors.push(format!("event `{}`: unknown country code `{code}`", ev.id));
                }
            }
        }
        errors.extend(too_long);
        if errors.is_empty() {
            continue;
        }
        keep[i] = false;
        let (line, col) = places.get(i).copied().unwrap_or((1, 1));
        let location = Location {
            file: path.to_path_buf(),
            line,
            col,
        };
        problems.extend(errors.into_iter().map(|message| Problem {
            location: location.clone(),
            message,
            warning: false,
        }));
    }
    if !problems.is_empty() {
        let mut k = 0;
        events.retain(|_| {
            k += 1;
            keep[k - 1]
        });
    }
    Catalog { events, problems }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn gaz() -> Gazetteer {
        Gazetteer::from_toml(
            Path::new("c.toml"),
            "[TR]\nname = \"Turkey\"\n[RU]\nname = \"Russia\"\n",
        )
        .unwrap()
    }

    #[test]
    fn reads_events_with_partial_dates() {
        let c = parse(
            Path::new("events.toml"),
            r#"
[[event]]
id = "coup"
date = "2016-07-15"
title = "Coup attempt"
countries = ["TR"]
[[event]]
id = "talks"
date = "2017-01"
end = "2017-02"
title = "Talks"
"#,
            &gaz(),
        )
        .unwrap();
        assert!(c.problems.is_empty(), "{:?}", c.problems);
        assert_eq!(c.events.len(), 2);
        assert_eq!(c.events[1].date.to_string(), "2017-01");
    }

    #[test]
    fn names_each_problem_with_id_and_line() {
        let text = "[[event]]\nid = \"a\"\ndate = \"2016-13-40\"\ntitle = \"x\"\n\
                    [[event]]\nid = \"a\"\ndate = \"2016\"\ntitle = \"y\"\ncountries = [\"ZZ\"]\n\
                    [[event]]\nid = \"b\"\ndate = \"2016-05\"\nend = \"2016-04\"\ntitle = \"z\"\n";
        let c = parse(Path::new("events.toml"), text, &gaz()).unwrap();
        let msgs: Vec<String> = c.problems.iter().map(|p| p.to_string()).collect();
        assert!(
            msgs.iter()
                .any(|m| m.starts_with("events.toml:3:") && m.contains("not a real calendar date")),
            "{msgs:?}"
        );
        assert!(
            msgs.iter()
                .any(|m| m.starts_with("events.toml:6:") && m.contains("duplicate id `a`"))
        );
        assert!(
            msgs.iter()
                .any(|m| m.starts_with("events.toml:9:") && m.contains("`ZZ`"))
        );
        assert!(
            msgs.iter()
                .any(|m| m.starts_with("events.toml:13:") && m.contains("before its date"))
        );
        assert!(c.events.is_empty());
    }

    #[test]
    fn broken_toml_is_an_error_with_position() {
        let err = parse(
            Path::new("events.toml"),
            "[[event]]\nid = \"a\ntitle=1\n",
            &gaz(),
        )
        .unwrap_err();
        assert!(err.to_string().starts_with("events.toml:2:"), "{err}");
    }

    #[test]
    fn json_catalog_round_trips() {
        let c = parse(
            Path::new("e.json"),
            r#"[{"id":"x","date":"2016-07","title":"T","countries":["TR"]}]"#,
            &gaz(),
        )
        .unwrap();
        assert_eq!(c.events[0].date.to_string(), "2016-07");
        let err = parse(
            Path::new("e.json"),
            "[{\"id\":\"x\",\n\"date\":\"2016-99\"}]",
            &gaz(),
        )
        .unwrap_err();
        assert!(err.to_string().starts_with("e.json:2:"), "{err}");
    }
    fn gaz3() -> Gazetteer {
        Gazetteer::from_toml(
            Path::new("c.toml"),
            "[TR]\nname = \"Turkey\"\n[RU]\nname = \"Russia\"\n[IR]\nname = \"Iran\"\n",
        )
        .unwrap()
    }

    /// A catalog of `n` events as TOML, with a few problems in it.
    fn many_toml(n: usize) -> String {
        let mut t = String::from("# a catalog\n\n");
        for k in 0..n {
            let id = if k % 997 == 5 {
                "dup".to_string()
            } else {
                format!("e{k}")
            };
            let country = if k % 1500 == 7 { "ZZ" } else { "TR" };
            t.push_str(&format!(
                "[[event]]\nid = \"{id}\"\ndate = \"20{:02}-0{}\"\ntitle = \"Talks [{k}] \\\"quoted\\\"\"\ncountries = [\"{country}\"]\n\n",
                k % 100,
                1 + k % 9
            ));
        }
        t
    }

    fn summary(c: &Catalog) -> (Vec<String>, Vec<String>) {
        (
            c.events.iter().map(|e| e.id.clone()).collect(),
            c.problems.iter().map(|p| p.to_string()).collect(),
        )
    }

    #[test]
    fn toml_read_in_pieces_reads_as_a_whole() {
        let text = many_toml(5000);
        assert!(toml_tables(&text).is_some());
        let pieces = parse(Path::new("e.toml"), &text, &gaz3()).unwrap();
        // the same text with a multi-line string somewhere is read whole
        let whole_text = text.replacen(
            "title = \"Talks [3]",
            "summary = '''x'''\ntitle = \"Talks [3]",
            1,
        );
        assert!(toml_tables(&whole_text).is_none());
        let whole = parse(Path::new("e.toml"), &whole_text, &gaz3()).unwrap();
        let (a, b) = (summary(&pieces), summary(&whole));
        assert_eq!(a.0, b.0);
        assert_eq!(a.1.len(), b.1.len());
        assert_eq!(pieces.events.len(), 5000 - 5 - 4);
        assert_eq!(pieces.events[0].title, "Talks [0] \"quoted\"");
        // the second "dup" is event 1002: its id is on line 3 + 6 * 1002 + 1
        assert!(
            a.1.iter()
                .any(|m| m.starts_with("e.toml:6016:") && m.contains("duplicate id")),
            "{:?}",
            &a.1[..3]
        );
    }

    #[test]
    fn a_broken_table_in_a_large_toml_catalog_is_named_and_nothing_loads() {
        let mut text = many_toml(3000);
        let at = text.find("id = \"e2500\"").unwrap();
        text.insert_str(at, "oops\n");
        let line = text[..at].lines().count() + 1;
        let err = parse(Path::new("e.toml"), &text, &gaz3()).unwrap_err();
        assert!(
            err.to_string().starts_with(&format!("e.toml:{line}:")),
            "{err}"
        );
    }

    fn many_json(n: usize) -> String {
        let events: Vec<String> = (0..n)
            .map(|k| {
                let id = if k % 997 == 5 { "dup".to_string() } else { format!("e{k}") };
                format!(
                    r#"{{"id":"{id}","date":"2016-0{}","title":"a ] {{ \" \\ [{k}]","countries":["{}"]}}"#,
                    1 + k % 9,
                    if k % 1500 == 7 { "ZZ" } else { "RU" }
                )
            })
            .collect();
        format!("[\n{}\n]\n", events.join(",\n"))
    }

    #[test]
    fn json_read_in_pieces_reads_as_a_whole() {
        let text = many_json(4000);
        let pieces = parse(Path::new("e.json"), &text, &gaz3()).unwrap();
        let events: Vec<Event> = serde_json::from_str(&text).unwrap();
        assert_eq!(events.len(), 4000);
        assert_eq!(pieces.events.len(), 4000 - 4 - 3);
        assert_eq!(pieces.events[0].title, "a ] { \" \\ [0]");
        // problems name the line the event starts on: the second "dup" is
        // event 1002, on line 1004
        let p: Vec<String> = pieces.problems.iter().map(|p| p.to_string()).collect();
        assert!(
            p.iter()
                .any(|m| m.starts_with("e.json:1004:1:") && m.contains("duplicate id")),
            "{:?}",
            &p[..3]
        );
        // streamed from a file, in blocks, the same
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("e.json");
        std::fs::write(&file, &text).unwrap();
        let seen = std::sync::atomic::AtomicU64::new(0);
        let streamed = load_file_with_progress(&file, &gaz3(), &|done, total| {
            assert_eq!(total, text.len() as u64);
            seen.store(done, std::sync::atomic::Ordering::Relaxed);
        })
        .unwrap();
        assert_eq!(seen.into_inner(), text.len() as u64);
        let ids = |c: &Catalog| c.events.iter().map(|e| e.id.clone()).collect::<Vec<_>>();
        assert!(ids(&pieces) == ids(&streamed));
        let places = |c: &Catalog| {
            c.problems
                .iter()
                .map(|p| (p.location.line, p.location.col, p.message.clone()))
                .collect::<Vec<_>>()
        };
        assert_eq!(places(&pieces), places(&streamed));
    }

    #[test]
    fn a_broken_element_in_a_large_json_catalog_is_named_and_nothing_loads() {
        let text = many_json(3000).replacen(r#""id":"e2500""#, r#""id":"e2500",,"#, 1);
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("e.json");
        std::fs::write(&file, &text).unwrap();
        let err = load_file(&file, &gaz3()).unwrap_err();
        assert!(err.to_string().contains("e.json:2502:"), "{err}");
        // a trailing comma, and something after the array
        for bad in [r#"[{"id":"a","date":"2016","title":"t"},]"#, "[] x"] {
            std::fs::write(&file, bad).unwrap();
            assert!(load_file(&file, &gaz3()).is_err(), "{bad}");
        }
    }

    #[test]
    fn json_streamed_in_small_blocks_reads_as_a_whole() {
        let text = many_json(300);
        let whole = parse(Path::new("e.json"), &text, &gaz3()).unwrap();
        for (block, batch) in [(1, 1), (7, 100), (64, 5000)] {
            let found = stream_json(
                &mut text.as_bytes(),
                Vec::new(),
                0,
                &|_, _| {},
                (block, batch),
                &mut |_| panic!("no preview for a small file"),
            )
            .unwrap()
            .unwrap();
            let streamed = validate_json(Path::new("e.json"), found, &gaz3());
            assert_eq!(streamed.events, whole.events, "{block} {batch}");
            assert_eq!(streamed.problems, whole.problems, "{block} {batch}");
        }
        let cut = &text.as_bytes()[..text.len() / 2];
        let found = stream_json(
            &mut &cut[..],
            Vec::new(),
            0,
            &|_, _| {},
            (64, 500),
            &mut |_| {},
        )
        .unwrap();
        assert!(found.is_none(), "a cut array is not read");
    }

    #[test]
    fn a_large_stream_previews_its_first_batch_once() {
        let text = many_json(300);
        let size = text.len() as u64;
        let batch = text.len() / 10;
        let mut previews: Vec<Vec<Event>> = Vec::new();
        let found = stream_json(
            &mut text.as_bytes(),
            Vec::new(),
            size,
            &|_, _| {},
            (64, batch),
            &mut |events| previews.push(events.to_vec()),
        )
        .unwrap()
        .unwrap();
        assert_eq!(previews.len(), 1, "one preview");
        let first = &previews[0];
        assert!(
            !first.is_empty() && first.len() < found.0.len(),
            "{}",
            first.len()
        );
        assert_eq!(first[..], found.0[..first.len()], "the first events read");
        // a stream shorter than the preview threshold shows none
        let mut none = 0;
        stream_json(
            &mut text.as_bytes(),
            Vec::new(),
            size,
            &|_, _| {},
            (64, text.len() / 3),
            &mut |_| none += 1,
        )
        .unwrap();
        assert_eq!(none, 0);
    }

    #[test]
    fn the_splitter_finds_elements() {
        let mut s = Splitter::new();
        let mut out = Vec::new();
        let text = br#" [ {"a": "}\""}, {"b":[{}]} ]"#;
        for chunk in text.chunks(3) {
            s.feed(chunk, &mut out).unwrap();
        }
        assert!(s.state == Where::After);
        let parts: Vec<&[u8]> = out.iter().map(|(r, _, _)| &text[r.clone()]).collect();
        assert_eq!(parts, [&br#"{"a": "}\""}"#[..], &br#"{"b":[{}]}"#[..]]);
        assert!(Splitter::new().feed(b"[1]", &mut out).is_err());
    }

    #[test]
    fn errors_in_toml_pieces_are_those_of_the_whole_text() {
        let base = many_toml(3000);
        let at = base.find("id = \"e2100\"").unwrap();
        for (insert, what) in [
            ("oops\n", "a bare word"),
            ("id = \"again\"\n", "a duplicate key"),
            ("colour = \"red\"\n", "an unknown field"),
            ("actors = 5\n", "a wrong type"),
            ("title = \"unclosed\n", "an unclosed string"),
        ] {
            let mut text = base.clone();
            text.insert_str(at, insert);
            let whole = match toml::from_str::<RawCatalog>(&text) {
                Ok(_) => panic!("{what} parses"),
                Err(e) => {
                    let offset = e.span().map_or(0, |s| s.start);
                    LoadError::syntax(Path::new("e.toml"), &text, offset, e.message().trim())
                        .to_string()
                }
            };
            let pieces = parse(Path::new("e.toml"), &text, &gaz3()).unwrap_err();
            assert_eq!(pieces.to_string(), whole, "{what}");
        }
    }
}
