//! Export a selection of the timeline: a Markdown briefing, CSV, JSON,
//! iCalendar, TimelineJS and plain text. Each format is a module that declares
//! itself in a [`Spec`]; [`Format::ALL`] lists them, and everything else (the
//! command line, the explorer's dialog, messages, help) is made from that list.
//!
//! [`render`] turns events into text; [`write_file`] puts that text in a file
//! safely (a temporary file beside the target, then a rename, and never over an
//! existing file unless asked). The explorer's export dialog and `annals export`
//! both call these two functions.

use std::borrow::Cow;
use std::fmt;
use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::str::FromStr;
use std::sync::atomic::{AtomicU32, Ordering};

use chrono::{DateTime, Utc};

use crate::diag::shown_path as shown;
use crate::model::{Event, Precision, Source};
use crate::text::inert;
use crate::timeline::Timeline;

pub mod csv;
pub mod ics;
mod json;
mod md;
pub mod timelinejs;
mod txt;

/// Everything annals knows about one export format, declared once beside
/// the format's code (each format module has a `SPEC`). The command line's
/// `--format` values and their help, the explorer's export dialog, the
/// message for an unknown name and `annals export --help` are all made from
/// these.
pub struct Spec {
    /// The name on the command line and in the dialog: `md`.
    pub name: &'static str,
    /// Other names accepted for it, in any case: `markdown`.
    pub aliases: &'static [&'static str],
    /// The file name extension, without the dot.
    pub extension: &'static str,
    /// What the format is for, in a few words.
    pub label: &'static str,
    /// A file name to offer when the user has not chosen one; no two formats
    /// offer the same one.
    pub default_file_name: &'static str,
    /// The arguments after `annals export --format NAME` of an example for
    /// `annals export --help`.
    pub example: &'static str,
    /// Turns the selected events (at least one, in timeline order) into text.
    pub render: fn(&Timeline, &[&Event], &ExportContext) -> Result<String, String>,
}

/// An export format: a handle on its [`Spec`]. Compared by name.
#[derive(Clone, Copy)]
pub struct Format(&'static Spec);

impl Format {
    /// Every format, in the order help and menus show them. A new format is a
    /// module with its `SPEC` and one line here.
    pub const ALL: &'static [Format] = &[
        Format(&md::SPEC),
        Format(&csv::SPEC),
        Format(&json::SPEC),
        Format(&ics::SPEC),
        Format(&timelinejs::SPEC),
        Format(&txt::SPEC),
    ];

    /// The Markdown briefing.
    pub const MD: Format = Format(&md::SPEC);
    /// RFC 4180 CSV, one row per event.
    pub const CSV: Format = Format(&csv::SPEC);
    /// The events as a JSON array that annals loads back as a catalog.
    pub const JSON: Format = Format(&json::SPEC);
    /// iCalendar (RFC 5545), one all-day event per event.
    pub const ICS: Format = Format(&ics::SPEC);
    /// The JSON that Knight Lab's TimelineJS 3 loads.
    pub const TIMELINEJS: Format = Format(&timelinejs::SPEC);

    pub fn spec(self) -> &'static Spec {
        self.0
    }

    /// The name on the command line: `md`, `csv`, ...
    pub fn name(self) -> &'static str {
        self.0.name
    }

    /// The file name extension, without the dot.
    pub fn extension(self) -> &'static str {
        self.0.extension
    }

    /// What the format is for, in a few words.
    pub fn label(self) -> &'static str {
        self.0.label
    }

    /// A file name to offer when the user has not chosen one.
    pub fn default_file_name(self) -> &'static str {
        self.0.default_file_name
    }

    /// The formats' names, for messages: "md, csv, json, ics, timelinejs or txt".
    pub fn names() -> String {
        let names: Vec<&str> = Format::ALL.iter().map(|f| f.name()).collect();
        match names.split_last() {
            Some((last, rest)) if !rest.is_empty() => format!("{} or {last}", rest.join(", ")),
            _ => names.join(""),
        }
    }

    /// The one-line help of `annals export`.
    pub fn command_about() -> String {
        format!("Export the timeline, filtered, as {}", Format::names())
    }

    /// The examples that end `annals export --help`, one per format.
    pub fn command_examples() -> String {
        let mut s = String::from("Examples:");
        for &f in Format::ALL {
            s.push_str(&format!(
                "\n  annals export --format {} {}",
                f.name(),
                f.0.example
            ));
        }
        s
    }
}

impl PartialEq for Format {
    fn eq(&self, other: &Format) -> bool {
        self.name() == other.name()
    }
}

impl Eq for Format {}

impl std::hash::Hash for Format {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.name().hash(state)
    }
}

impl fmt::Debug for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Format({})", self.name())
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// The format name was not one annals knows.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown export format `{}`: use one of {}", inert(.0), Format::names())]
pub struct UnknownFormat(pub String);

impl FromStr for Format {
    type Err = UnknownFormat;

    /// Reads a format name or one of its aliases, ignoring case.
    fn from_str(s: &str) -> Result<Format, UnknownFormat> {
        let wanted = s.trim();
        Format::ALL
            .iter()
            .copied()
            .find(|f| {
                std::iter::once(&f.name())
                    .chain(f.0.aliases)
                    .any(|n| n.eq_ignore_ascii_case(wanted))
            })
            .ok_or_else(|| UnknownFormat(s.to_string()))
    }
}

impl clap::ValueEnum for Format {
    fn value_variants<'a>() -> &'a [Self] {
        Format::ALL
    }

    fn to_possible_value(&self) -> Option<clap::builder::PossibleValue> {
        Some(
            clap::builder::PossibleValue::new(self.name())
                .help(self.label())
                .aliases(self.0.aliases.iter().copied()),
        )
    }
}

/// What an export says about itself: which events it holds and when it was made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportContext {
    /// The selection in words: the filters used ("countries TR or RU", "no
    /// filters") or, from the explorer, "3 marked events".
    pub filter_description: String,
    /// When the export was made. Passed in so that output is reproducible.
    pub exported_at: DateTime<Utc>,
}

impl ExportContext {
    pub fn new(filter_description: impl Into<String>, exported_at: DateTime<Utc>) -> Self {
        ExportContext {
            filter_description: filter_description.into(),
            exported_at,
        }
    }

    /// A context stamped with the current time.
    pub fn now(filter_description: impl Into<String>) -> Self {
        ExportContext::new(filter_description, Utc::now())
    }
}

/// Why an export failed.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    /// The selection is empty.
    #[error("nothing to export: no events are selected")]
    Nothing,
    /// The target exists and overwriting was not allowed.
    #[error("{} already exists", shown(.0))]
    Exists(PathBuf),
    /// The target's folder does not exist.
    #[error("cannot write {}: the folder {} does not exist", shown(.path), shown(.folder))]
    NoFolder { path: PathBuf, folder: PathBuf },
    /// Something on the way to the target is a file, not a folder.
    #[error("cannot write {}: {} is not a folder", shown(.path), shown(.folder))]
    NotAFolder { path: PathBuf, folder: PathBuf },
    /// The target is a folder.
    #[error("cannot write {}: it is a folder", shown(.0))]
    IsAFolder(PathBuf),
    /// The target is there but is no regular file: a FIFO, a device, a
    /// socket or a symbolic link. Writing through it or replacing it could
    /// feed a program, a device or a file elsewhere, so it is left alone,
    /// even with `force`.
    #[error("cannot replace {}: it is {kind}, not a regular file", shown(.path))]
    NotAFile { path: PathBuf, kind: &'static str },
    /// The path names no file (it is empty or ends in `/` or `..`).
    #[error("cannot write `{}`: the path names no file", shown(.0))]
    NoFileName(PathBuf),
    /// Writing failed: permission denied, disk full, read-only file system.
    #[error("cannot write {}: {source}", shown(.path))]
    Io { path: PathBuf, source: io::Error },
    /// An event could not be read from where it is stored (the cache's
    /// timeline file turned out to be damaged).
    #[error("cannot export: {0}; the data is loaded again")]
    Unreadable(String),
    /// The events could not be turned into the format.
    #[error("cannot render {format}: {message}")]
    Render { format: Format, message: String },
}

/// The events at `indices`, in timeline order, each once. Indexes beyond the
/// timeline are left out; an event that cannot be read from where it is
/// stored fails the whole selection.
pub fn selected<'a>(
    timeline: &'a Timeline,
    indices: &[usize],
) -> Result<Vec<Cow<'a, Event>>, ExportError> {
    let mut sorted: Vec<usize> = indices.to_vec();
    sorted.sort_unstable();
    sorted.dedup();
    sorted
        .into_iter()
        .filter(|&i| i < timeline.len())
        .map(|i| timeline.try_event(i).map_err(ExportError::Unreadable))
        .collect()
}

/// Renders the events at `indices` (indexes into `timeline.events`) in `format`.
/// The events go out in timeline order whatever the order of `indices`.
pub fn render(
    timeline: &Timeline,
    indices: &[usize],
    format: Format,
    ctx: &ExportContext,
) -> Result<String, ExportError> {
    let events = selected(timeline, indices)?;
    let events: Vec<&Event> = events.iter().map(|e| &**e).collect();
    if events.is_empty() {
        return Err(ExportError::Nothing);
    }
    (format.0.render)(timeline, &events, ctx)
        .map_err(|message| ExportError::Render { format, message })
}

/// Renders the events at `indices` and writes them to `path`, stamped with the
/// current time. Returns how many events were written.
///
/// The text goes to a temporary file beside `path` that is then renamed into
/// place, so `path` is never left half written. An existing `path` is replaced
/// only when `force` is true ([`ExportError::Exists`] otherwise).
pub fn write_file(
    timeline: &Timeline,
    indices: &[usize],
    format: Format,
    path: &Path,
    force: bool,
    filter_description: &str,
) -> Result<usize, ExportError> {
    let count = indices
        .iter()
        .filter(|&&i| i < timeline.len())
        .collect::<std::collections::HashSet<_>>()
        .len();
    if count == 0 {
        return Err(ExportError::Nothing);
    }
    check_target(path, force)?;
    let text = render(
        timeline,
        indices,
        format,
        &ExportContext::now(filter_description),
    )?;
    write_atomic(path, text.as_bytes(), force)?;
    Ok(count)
}

/// The folder a file path lives in (`.` for a bare file name).
fn folder_of(path: &Path) -> PathBuf {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// Checks that `path` can be written: its folder exists, it is not a folder,
/// and it does not exist unless `force`.
pub fn check_target(path: &Path, force: bool) -> Result<(), ExportError> {
    let ends_in_separator = path
        .to_string_lossy()
        .ends_with(['/', std::path::MAIN_SEPARATOR]);
    if path.file_name().is_none() || ends_in_separator {
        return Err(match fs::metadata(path) {
            Ok(m) if m.is_dir() => ExportError::IsAFolder(path.to_path_buf()),
            _ => ExportError::NoFileName(path.to_path_buf()),
        });
    }
    let folder = folder_of(path);
    match fs::metadata(&folder) {
        Ok(m) if m.is_dir() => {}
        Ok(_) => {
            return Err(ExportError::NotAFolder {
                path: path.to_path_buf(),
                folder,
            });
        }
        Err(e) if e.kind() == io::ErrorKind::NotFound => {
            return Err(missing_folder(path, &folder));
        }
        Err(source) => {
            return Err(ExportError::Io {
                path: path.to_path_buf(),
                source,
            });
        }
    }
    // the path itself, not what a symbolic link points to
    match fs::symlink_metadata(path) {
        Ok(m) if m.is_dir() => Err(ExportError::IsAFolder(path.to_path_buf())),
        Ok(m) if !m.is_file() => Err(ExportError::NotAFile {
            path: path.to_path_buf(),
            kind: kind_of(&m.file_type()),
        }),
        Ok(_) if !force => Err(ExportError::Exists(path.to_path_buf())),
        _ => Ok(()),
    }
}

/// What a file that is not a regular one is, in words: "a FIFO".
fn kind_of(t: &fs::FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if t.is_fifo() {
            return "a FIFO";
        }
        if t.is_char_device() || t.is_block_device() {
            return "a device";
        }
        if t.is_socket() {
            return "a socket";
        }
    }
    if t.is_symlink() {
        "a symbolic link"
    } else {
        "a special file"
    }
}

/// The folder of `path` does not exist: names the first missing one, or the
/// file standing where a folder should be.
fn missing_folder(path: &Path, folder: &Path) -> ExportError {
    let mut missing = folder.to_path_buf();
    for ancestor in folder.ancestors().skip(1) {
        if ancestor.as_os_str().is_empty() {
            break;
        }
        match fs::metadata(ancestor) {
            Ok(m) if m.is_dir() => break,
            Ok(_) => {
                return ExportError::NotAFolder {
                    path: path.to_path_buf(),
                    folder: ancestor.to_path_buf(),
                };
            }
            Err(_) => missing = ancestor.to_path_buf(),
        }
    }
    ExportError::NoFolder {
        path: path.to_path_buf(),
        folder: missing,
    }
}

/// Writes `bytes` to `path` through a temporary file in the same folder. Without
/// `force` an existing file is left alone, even one that appeared while writing.
pub fn write_atomic(path: &Path, bytes: &[u8], force: bool) -> Result<(), ExportError> {
    check_target(path, force)?;
    let folder = folder_of(path);
    let io_err = |source: io::Error| ExportError::Io {
        path: path.to_path_buf(),
        source,
    };
    let (tmp_path, mut file) = create_temp(&folder, path).map_err(io_err)?;
    // a file that is replaced keeps its permissions: 0600 stays 0600
    let kept = match fs::symlink_metadata(path) {
        Ok(m) if force && m.is_file() => file.set_permissions(m.permissions()),
        _ => Ok(()),
    };
    let written = kept
        .and_then(|()| file.write_all(bytes))
        .and_then(|_| file.sync_all())
        .map_err(io_err);
    drop(file);
    let result = written.and_then(|_| {
        if force {
            fs::rename(&tmp_path, path).map_err(io_err)
        } else {
            place_without_clobbering(&tmp_path, path)
        }
    });
    // After a rename the temporary file is gone; after a hard link or a
    // failure it is still there.
    if tmp_path.exists() {
        let _ = fs::remove_file(&tmp_path);
    }
    result
}

/// Puts the temporary file at `path` only if nothing is there: a hard link
/// fails when the name is taken, which a rename would not. File systems without
/// hard links fall back to a check and a rename.
fn place_without_clobbering(tmp: &Path, path: &Path) -> Result<(), ExportError> {
    match fs::hard_link(tmp, path) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {
            Err(ExportError::Exists(path.to_path_buf()))
        }
        Err(_) => {
            if fs::symlink_metadata(path).is_ok() {
                return Err(ExportError::Exists(path.to_path_buf()));
            }
            fs::rename(tmp, path).map_err(|source| ExportError::Io {
                path: path.to_path_buf(),
                source,
            })
        }
    }
}

static TEMP_COUNTER: AtomicU32 = AtomicU32::new(0);

/// Creates a new, empty, hidden file in `folder` named after `target`.
fn create_temp(folder: &Path, target: &Path) -> io::Result<(PathBuf, File)> {
    let stem = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "export".to_string());
    let pid = std::process::id();
    loop {
        let n = TEMP_COUNTER.fetch_add(1, Ordering::Relaxed);
        let tmp = folder.join(format!(".{stem}.annals-{pid}-{n}.tmp"));
        match OpenOptions::new().write(true).create_new(true).open(&tmp) {
            Ok(f) => return Ok((tmp, f)),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists && n < 10_000 => continue,
            Err(e) => return Err(e),
        }
    }
}

// ---------------------------------------------------------------- shared parts

/// "known to the month": how exactly a date is known, for coarse precisions.
pub(crate) fn precision_note(p: Precision) -> String {
    format!("date known to the {}", p.as_str())
}

/// The parts of a citation of one source.
pub(crate) struct Citation<'a> {
    /// The outlet, or the file name when the outlet is unknown.
    pub outlet: &'a str,
    pub title: Option<&'a str>,
    /// Publication date in words.
    pub published: Option<String>,
    /// The URL, when it is an http or https address.
    pub url: Option<&'a str>,
    pub sentence: &'a str,
}

impl<'a> Citation<'a> {
    pub fn of(s: &'a Source) -> Citation<'a> {
        let a = &s.article;
        let nonblank = |o: &'a Option<String>| o.as_deref().filter(|t| !t.trim().is_empty());
        Citation {
            outlet: nonblank(&a.source).unwrap_or(a.file.as_str()),
            title: nonblank(&a.title),
            published: a.published.map(|d| match a.published_from {
                Some(crate::model::DateFrom::GdeltAdded) => format!(
                    "on or before {} ({})",
                    d.describe(),
                    crate::model::DateFrom::GDELT_ADDED_NOTE
                ),
                _ => d.describe(),
            }),
            url: a.url.as_deref().filter(|u| is_web_url(u)),
            sentence: s.sentence.trim(),
        }
    }
}

/// True for an http or https URL without spaces, quotes or angle brackets: one
/// that can be written as a link in any of the formats.
pub(crate) fn is_web_url(u: &str) -> bool {
    let lower = u.get(..8).unwrap_or(u).to_ascii_lowercase();
    (lower.starts_with("http://") || lower.starts_with("https://"))
        && u.len() > 8
        && !u.chars().any(|c| {
            c.is_whitespace() || c.is_control() || matches!(c, '<' | '>' | '"' | '\'' | '`')
        })
}

/// The events' span in words: "1915 to 2021", or one year.
pub(crate) fn years_covered(events: &[&Event]) -> String {
    let first = events.iter().map(|e| e.date.first_year()).min();
    let last = events
        .iter()
        .map(|e| e.end.unwrap_or(e.date).first_year())
        .max();
    match (first, last) {
        (Some(a), Some(b)) if a == b => a.to_string(),
        (Some(a), Some(b)) => format!("{a} to {b}"),
        _ => String::new(),
    }
}

/// The title of an export of `n` events chosen as `selection` says: "7
/// events, countries TR or RU". A selection that counts its events itself
/// ("3 marked events") is not counted twice.
pub(crate) fn selection_title(n: usize, selection: &str) -> String {
    let selection = selection.trim();
    if selection.split_whitespace().next() == Some(n.to_string().as_str()) {
        selection.to_string()
    } else {
        format!("{}, {selection}", count_events(n))
    }
}

/// "1 event" / "12 events".
pub(crate) fn count_events(n: usize) -> String {
    if n == 1 {
        "1 event".to_string()
    } else {
        format!("{n} events")
    }
}

/// The export time in words, in UTC: "22 November 2026 at 04:52 UTC".
pub(crate) fn stamp_in_words(at: &DateTime<Utc>) -> String {
    at.format("%-d %B %Y at %H:%M UTC").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_parse_back() {
        for &f in Format::ALL {
            assert_eq!(f.name().parse::<Format>(), Ok(f));
            assert_eq!(f.name().to_uppercase().parse::<Format>(), Ok(f));
        }
        assert_eq!("markdown".parse::<Format>(), Ok(Format::MD));
        assert_eq!("ical".parse::<Format>(), Ok(Format::ICS));
        let err = "pdf".parse::<Format>().unwrap_err();
        assert!(err.to_string().contains("`pdf`"), "{err}");
        for &f in Format::ALL {
            assert!(err.to_string().contains(f.name()), "{err} lists {f}");
        }
    }

    #[test]
    fn clap_accepts_names_and_aliases() {
        use clap::ValueEnum;
        assert_eq!(
            <Format as ValueEnum>::from_str("timelinejs", true),
            Ok(Format::TIMELINEJS)
        );
        assert_eq!(
            <Format as ValueEnum>::from_str("icalendar", true),
            Ok(Format::ICS)
        );
        assert!(<Format as ValueEnum>::from_str("xml", true).is_err());
    }

    #[test]
    fn default_names_do_not_collide() {
        let mut names: Vec<&str> = Format::ALL.iter().map(|f| f.default_file_name()).collect();
        names.sort();
        names.dedup();
        assert_eq!(names.len(), Format::ALL.len());
        for &f in Format::ALL {
            assert!(
                f.default_file_name()
                    .ends_with(&format!(".{}", f.extension()))
            );
        }
    }

    #[test]
    fn paths_that_name_no_file_are_refused() {
        assert!(matches!(
            check_target(Path::new(""), true),
            Err(ExportError::NoFileName(_))
        ));
        assert!(matches!(
            check_target(Path::new(".."), true),
            Err(ExportError::IsAFolder(_))
        ));
        let err = check_target(Path::new("no-such-folder-annals/"), true).unwrap_err();
        assert!(err.to_string().contains("names no file"), "{err}");
    }

    #[test]
    fn web_urls() {
        assert!(is_web_url("https://example.org/a?b=c"));
        assert!(is_web_url("HTTP://example.org"));
        assert!(!is_web_url("javascript:alert(1)"));
        assert!(!is_web_url("https://exa mple.org"));
        assert!(!is_web_url("https://example.org/\"onmouseover"));
        assert!(!is_web_url("https://"));
    }
}
