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
