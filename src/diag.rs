//! Diagnostics: errors and problems that name a file, a line and a column.

use std::fmt;
use std::path::{Path, PathBuf};

/// A place in a file, 1-based line and column (column counted in characters).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    pub file: PathBuf,
    pub line: usize,
    pub col: usize,
}

impl Location {
    /// The location of byte `offset` in `text`.
    pub fn at(file: &Path, text: &str, offset: usize) -> Location {
        let offset = floor_char_boundary(text, offset.min(text.len()));
        let before = &text[..offset];
        let line = before.bytes().filter(|&b| b == b'\n').count() + 1;
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let col = before[line_start..].chars().count() + 1;
        Location {
            file: file.to_path_buf(),
            line,
            col,
        }
    }
}

/// Where each line of a text starts, to turn many byte offsets into locations
/// without counting lines from the top for each one (a catalog of many
/// thousand events, each with a problem, would otherwise take quadratic time).
pub struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    pub fn new(text: &str) -> LineIndex {
        let starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        LineIndex { starts }
    }

    /// The location of byte `offset` in `text` (the text this index was made
    /// from), the same as `Location::at` gives.
    pub fn location(&self, file: &Path, text: &str, offset: usize) -> Location {
        let offset = floor_char_boundary(text, offset.min(text.len()));
        let line = self.starts.partition_point(|&s| s <= offset).max(1);
        let line_start = self.starts[line - 1].min(offset);
        let col = text[line_start..offset].chars().count() + 1;
        Location {
            file: file.to_path_buf(),
            line,
            col,
        }
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}:{}", shown_path(&self.file), self.line, self.col)
    }
}

/// A path for a message: a file name is data too, so its control characters
/// are shown as escapes.
pub fn shown_path(path: &Path) -> String {
    crate::text::inert(&path.display().to_string()).into_owned()
}

/// The largest char boundary at or below `i`.
pub fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    if i >= s.len() {
        return s.len();
    }
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Something wrong in the data that does not stop loading: the item is skipped or
/// read another way, and the problem is reported.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub location: Location,
    pub message: String,
    /// A warning does not make `annals check` fail.
    pub warning: bool,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let kind = if self.warning { "warning" } else { "error" };
        write!(
            f,
            "{}: {kind}: {}",
            self.location,
            crate::text::inert(&self.message)
        )
    }
}

/// Errors that stop loading.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error("{}: {}", shown_path(path), crate::text::inert(&source.to_string()))]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{location}: {}", crate::text::inert(message))]
    Syntax { location: Location, message: String },
    #[error("{}: {}", shown_path(path), crate::text::inert(message))]
    Refused { path: PathBuf, message: String },
}

impl LoadError {
    pub fn syntax(file: &Path, text: &str, offset: usize, message: impl Into<String>) -> Self {
        LoadError::Syntax {
            location: Location::at(file, text, offset),
            message: message.into(),
        }
    }
}

/// The refusal of a file of `size` bytes (`None`: more than the limit, found
/// while reading) over `limit`; `what` names its kind ("the catalog").
pub fn refusal(path: &Path, what: &str, size: Option<u64>, limit: u64) -> LoadError {
    LoadError::Refused {
        path: path.to_path_buf(),
        message: match size {
            Some(n) => format!(
                "{what} is {n} bytes ({} MiB); the limit is {} MiB",
                n >> 20,
                limit >> 20
            ),
            None => format!("{what} holds more than the limit of {} MiB", limit >> 20),
        },
    }
}

/// Reads a whole file, refusing it when it holds more than `limit` bytes. The
/// limit is checked while reading, not only against the size the file system
/// states, so that a device, a pipe or a growing file cannot fill the memory.
/// `what` names the file's kind in the refusal ("catalog", "article").
pub fn read_capped(path: &Path, limit: u64, what: &str) -> Result<Vec<u8>, LoadError> {
    use std::io::Read;
    let io = |source| LoadError::Io {
        path: path.to_path_buf(),
        source,
    };
    let refused = |size| refusal(path, what, size, limit);
    let file = std::fs::File::open(path).map_err(io)?;
    let stated = file.metadata().map_err(io)?.len();
    if stated > limit {
        return Err(refused(Some(stated)));
    }
    let mut bytes = Vec::with_capacity(stated as usize);
    file.take(limit + 1).read_to_end(&mut bytes).map_err(io)?;
    if bytes.len() as u64 > limit {
        return Err(refused(None));
    }
    Ok(bytes)
}
