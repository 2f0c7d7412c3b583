//! The curated catalog (`events.toml`, or a JSON array of events): parsing and
//! validation, with every problem named by file, line and column.
//!
//! Large catalogs are read in pieces that are parsed in parallel: a JSON array
//! is streamed from the file element by element, so the file is never held
//! whole, and a TOML file is cut at its `[[event]]` headers. Whenever the
//! pieces are not plain (a syntax error, an unusual layout), the whole text is
//! parsed the ordinary way instead, which gives the exact error; nothing is
//! loaded half-way.

mod check;

use std::collections::BTreeMap;
use std::io::Read;
use std::path::Path;

use rayon::prelude::*;
use serde::Deserialize;
use serde_json::value::RawValue;
use toml::Spanned;

use crate::diag::{LineIndex, LoadError, Location, Problem};
use crate::gazetteer::Gazetteer;
use crate::model::Event;
use check::{Checked, RawEvent, RawField};

/// A line and a column (in characters), both from 1.
type Place = (usize, usize);

/// Catalogs (and gazetteers) larger than this are refused rather than read.
/// Loaded, a catalog takes about twice its size in memory; a million events
/// with a summary each make a file of about 550 MB, so the limit leaves room
/// for some two million.
pub const MAX_CATALOG_BYTES: u64 = 1 << 30;

/// Bytes read from the file at a time.
const BLOCK: usize = 4 << 20;

/// Bytes of JSON elements parsed together, in parallel.
const BATCH: usize = 8 << 20;

/// A TOML event as read: any keys, any values, each with its span; what
/// they must be is checked by [`check`], the same for TOML and JSON.
type TomlFields = BTreeMap<Spanned<String>, Spanned<toml::Value>>;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCatalog {
    #[serde(default)]
    event: Vec<Spanned<TomlFields>>,
}

/// The most countries, actors, tags or aliases one event may list. An event
/// with more is refused with one message, rather than read (or reported on)
/// item by item.
pub const MAX_LIST_ITEMS: usize = 1000;

/// A TOML value as JSON, for the one check both formats pass. A native TOML
/// date (`date = 2016-07-15`) becomes the string it stands for; of a date
/// with a time, the date is kept.
fn toml_to_json(v: toml::Value) -> serde_json::Value {
    use serde_json::Value as J;
    match v {
        toml::Value::String(s) => J::String(s),
        toml::Value::Integer(i) => J::from(i),
        toml::Value::Float(f) => serde_json::Number::from_f64(f).map_or(J::Null, J::Number),
        toml::Value::Boolean(b) => J::Bool(b),
        toml::Value::Datetime(d) => J::String(match d.date {
            Some(date) => date.to_string(),
            None => d.to_string(),
        }),
        toml::Value::Array(a) => J::Array(a.into_iter().map(toml_to_json).collect()),
        toml::Value::Table(t) => {
            J::Object(t.into_iter().map(|(k, v)| (k, toml_to_json(v))).collect())
        }
    }
}

/// A TOML event parsed from a piece of the text that starts at `by`.
fn toml_event(e: Spanned<TomlFields>, by: usize) -> RawEvent {
    let at = e.span().start + by;
    let fields = e
        .into_inner()
        .into_iter()
        .map(|(key, value)| RawField {
            at: value.span().start + by,
            key: key.into_inner(),
            value: toml_to_json(value.into_inner()),
        })
        .collect();
    RawEvent {
        at,
        fields: Ok(fields),
    }
}

/// A JSON event from its bytes (`base` is where they start, for the
/// offsets of its fields); `None` when they are not JSON.
fn json_event(bytes: &[u8], base: usize) -> Option<RawEvent> {
    let offset = |s: &str| base + (s.as_ptr() as usize).saturating_sub(bytes.as_ptr() as usize);
    if let Ok(map) = serde_json::from_slice::<BTreeMap<String, &RawValue>>(bytes) {
        let fields = map
            .into_iter()
            .map(|(key, raw)| RawField {
                key,
                at: offset(raw.get()),
                value: serde_json::from_str(raw.get()).unwrap_or(serde_json::Value::Null),
            })
            .collect();
        let at = base + bytes.iter().take_while(|b| b.is_ascii_whitespace()).count();
        return Some(RawEvent {
            at,
            fields: Ok(fields),
        });
    }
    let v: serde_json::Value = serde_json::from_slice(bytes).ok()?;
    Some(RawEvent {
        at: base,
        fields: Err(check::kind(&v)),
    })
}

/// The place of byte `offset` of `bytes`, which start at `start` (a line and
/// a column in characters).
fn place_in(bytes: &[u8], start: Place, offset: usize) -> Place {
    let before = &bytes[..offset.min(bytes.len())];
    let chars = |b: &[u8]| b.iter().filter(|&&b| b & 0xC0 != 0x80).count();
    match memchr::memrchr(b'\n', before) {
        Some(nl) => (
            start.0 + memchr::memchr_iter(b'\n', before).count(),
            chars(&before[nl + 1..]) + 1,
        ),
        None => (start.0, start.1 + chars(before)),
    }
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
    // a byte-order mark is not part of the text
    if start.starts_with(BOM) {
        start.drain(..BOM.len());
    }
    let first = start.iter().copied().find(|b| !b.is_ascii_whitespace());
    if first == Some(b'[') {
        let sizes = (BLOCK, BATCH);
        // the preview is checked and handed over on a thread of its own, so
        // that reading the rest does not wait for it; it is done before this
        // returns (the scope's end), so it always comes before the whole
        let found = std::thread::scope(|scope| {
            let mut first_batch = |events: &[Event]| {
                let events = events.to_vec();
                let show = move || preview(&events);
                // no thread to be had: no preview, the load goes on
                let _ = std::thread::Builder::new()
                    .name("annals-preview".into())
                    .spawn_scoped(scope, show);
            };
            stream_json(
                &mut file,
                start,
                size,
                progress,
                sizes,
                gazetteer,
                &mut first_batch,
            )
        })
        .map_err(io)?;
        if file.limit() == 0 {
            return Err(refused(None));
        }
        if let Some(found) = found {
            return Ok(check::assemble(path, found));
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

/// The UTF-8 byte-order mark, which some editors write at the start of a file.
const BOM: &[u8] = b"\xEF\xBB\xBF";

/// Parses catalog text; `path` names it in messages and decides the format.
/// A byte-order mark at the start is skipped.
pub fn parse(path: &Path, text: &str, gazetteer: &Gazetteer) -> Result<Catalog, LoadError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
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
    let mut h = crate::quick_hash::QuickHasher::default();
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
fn raw_toml_events(path: &Path, text: &str) -> Result<Vec<RawEvent>, LoadError> {
    let whole = || -> Result<Vec<RawEvent>, LoadError> {
        let raw: RawCatalog = toml::from_str(text).map_err(|e| {
            let offset = e.span().map_or(0, |s| s.start);
            LoadError::syntax(path, text, offset, e.message().trim().to_string())
        })?;
        Ok(raw.event.into_iter().map(|e| toml_event(e, 0)).collect())
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
    let pieces: Vec<Result<Vec<RawEvent>, LoadError>> = bounds
        .par_windows(2)
        .map(|w| {
            let raw: RawCatalog = toml::from_str(&text[w[0]..w[1]]).map_err(|e| {
                // the pieces hold nothing but whole `[[event]]` tables, so a
                // piece's first error is where reading the whole text would
                // stop, with the same message
                let offset = w[0] + e.span().map_or(0, |s| s.start);
                LoadError::syntax(path, text, offset, e.message().trim().to_string())
            })?;
            Ok(raw.event.into_iter().map(|e| toml_event(e, w[0])).collect())
        })
        .collect();
    let mut events = Vec::new();
    for piece in pieces {
        events.extend(piece?);
    }
    Ok(events)
}

fn parse_toml(path: &Path, text: &str, gazetteer: &Gazetteer) -> Result<Catalog, LoadError> {
    let raw_events = raw_toml_events(path, text)?;
    let lines = LineIndex::new(text);
    let place = |offset: usize| {
        let l = lines.location(path, text, offset);
        (l.line, l.col)
    };
    let checked = check::check_all(raw_events, gazetteer, &place);
    Ok(check::assemble(path, checked))
}

#[derive(Deserialize)]
struct JsonObjectCatalog<'a> {
    #[serde(alias = "events", borrow)]
    event: Vec<&'a RawValue>,
}

/// Events read from a JSON array and checked one by one, in order.
type Found = Vec<Checked>;

/// A JSON array's elements, found without parsing them.
#[derive(Default)]
struct Splitter {
    state: Where,
    depth: u32,
    in_string: bool,
    escaped: bool,
    /// Bytes scanned so far.
    pos: usize,
    /// The line being scanned, from 1, where it starts, and how many
    /// continuation bytes of UTF-8 it has had (so that columns count
    /// characters).
    line: usize,
    line_start: usize,
    line_cont: usize,
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
                let skipped = memchr::memchr2(b'"', b'\\', &bytes[k..]).unwrap_or(bytes.len() - k);
                self.line_cont += continuation_bytes(&bytes[k..k + skipped]);
                k += skipped;
                self.pos += skipped;
                if k == bytes.len() {
                    return Ok(());
                }
            }
            let b = bytes[k];
            k += 1;
            let at = self.pos;
            self.pos += 1;
            if b == b'\n' {
                self.line += 1;
                self.line_start = self.pos;
                self.line_cont = 0;
            } else if b & 0xC0 == 0x80 {
                self.line_cont += 1;
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
                    self.start = (at, self.line, at - self.line_start - self.line_cont + 1);
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

/// The UTF-8 continuation bytes in `bytes`.
fn continuation_bytes(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&b| b & 0xC0 == 0x80).count()
}

/// Parses and checks elements in parallel, adding them to `found`; `None`
/// when one is not JSON.
fn parse_elements(
    bytes: &[u8],
    base: usize,
    elements: &[Element],
    found: &mut Found,
    gazetteer: &Gazetteer,
) -> Option<()> {
    let before = found.len();
    let checked: Vec<Checked> = elements
        .par_iter()
        .enumerate()
        .map(|(k, (range, line, col))| {
            let slice = bytes.get(range.start - base..range.end - base)?;
            let raw = json_event(slice, 0)?;
            let place = |offset| place_in(slice, (*line, *col), offset);
            Some(check::check_event(raw, before + k + 1, gazetteer, &place))
        })
        .collect::<Option<_>>()?;
    found.extend(checked);
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
    gazetteer: &Gazetteer,
    first_batch: &mut dyn FnMut(&[Event]),
) -> std::io::Result<Option<Found>> {
    let mut splitter = Splitter::new();
    let mut pending = start;
    let mut base = 0; // where `pending` starts in the stream
    let mut read = pending.len() as u64;
    let mut elements: Vec<Element> = Vec::new();
    let mut found: Found = Vec::new();
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
        let first = found.is_empty();
        if parse_elements(&pending, base, &elements, &mut found, gazetteer).is_none() {
            return Ok(None);
        }
        // a large file: what the first batch holds, to show while the rest
        // is read (checked among themselves only)
        if first && n.is_none() && size >= PREVIEW_BATCHES * batch as u64 {
            let mut seen = std::collections::HashSet::new();
            let passed: Vec<Event> = found
                .iter()
                .filter(|c| c.errors.is_empty())
                .filter_map(|c| c.event.clone())
                .filter(|e| seen.insert(e.id.clone()))
                .collect();
            first_batch(&passed);
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
        let line = e.line().max(1);
        LoadError::Syntax {
            location: Location {
                file: path.to_path_buf(),
                line,
                col: char_column(text, line, e.column()),
            },
            message: msg,
        }
    };
    // an array, element by element in parallel
    if text.trim_start().starts_with('[') {
        let mut splitter = Splitter::new();
        let mut elements = Vec::new();
        if splitter.feed(text.as_bytes(), &mut elements).is_ok() && splitter.state == Where::After {
            let mut found = Vec::new();
            if parse_elements(text.as_bytes(), 0, &elements, &mut found, gazetteer).is_some() {
                return Ok(check::assemble(path, found));
            }
        }
    }
    // An array of events, or an object with an `event` (or `events`) array.
    let elements: Vec<&RawValue> = if text.trim_start().starts_with('{') {
        serde_json::from_str::<JsonObjectCatalog>(text)
            .map_err(syntax)?
            .event
    } else {
        serde_json::from_str(text).map_err(syntax)?
    };
    let mut raw: Vec<RawEvent> = Vec::with_capacity(elements.len());
    for r in &elements {
        let base = (r.get().as_ptr() as usize).saturating_sub(text.as_ptr() as usize);
        match json_event(r.get().as_bytes(), base) {
            Some(e) => raw.push(e),
            // skipped over whole but not readable (nested past the limit)
            None => {
                let message = serde_json::from_str::<serde_json::Value>(r.get())
                    .err()
                    .map_or("the element cannot be read".into(), |e| {
                        let m = e.to_string();
                        m.split(" at line ").next().unwrap_or("").to_string()
                    });
                return Err(LoadError::syntax(path, text, base, message));
            }
        }
    }
    let lines = LineIndex::new(text);
    let place = |offset: usize| {
        let l = lines.location(path, text, offset);
        (l.line, l.col)
    };
    Ok(check::assemble(
        path,
        check::check_all(raw, gazetteer, &place),
    ))
}

/// The column, in characters, of the byte column `byte_col` (from 1) of line
/// `line` (from 1) of `text`, as serde_json counts them.
fn char_column(text: &str, line: usize, byte_col: usize) -> usize {
    let Some(l) = text.split('\n').nth(line.saturating_sub(1)) else {
        return byte_col.max(1);
    };
    let end = crate::diag::floor_char_boundary(l, byte_col.saturating_sub(1).min(l.len()));
    l[..end].chars().count() + 1
}

#[cfg(test)]
mod tests;
