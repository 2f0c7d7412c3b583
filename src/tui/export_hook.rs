//! The one place where the explorer calls the export layer.
//!
//! The export dialog produces an `Effect::Export`; the loop hands it to
//! `write` below and feeds the outcome back as `Action::ExportFinished`.

use std::path::{Path, PathBuf};

use crate::export::{self, ExportError, Format};
use crate::timeline::Timeline;

/// The formats the dialog offers, in its order.
pub const FORMATS: [Format; 5] = Format::ALL;

/// The file name the dialog proposes for a format, in the current folder.
pub fn default_file(format: Format) -> String {
    format.default_file_name().to_string()
}

/// How an export went.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ExportOutcome {
    /// The file was written with this many events.
    Written {
        count: usize,
        path: PathBuf,
    },
    /// The file exists and overwriting was not asked for.
    Exists(PathBuf),
    Failed(String),
}

/// Writes the events at `indices` (timeline order) to `path` in the format
/// named `format_name`.
pub fn write(
    timeline: &Timeline,
    indices: &[usize],
    format_name: &str,
    path: &Path,
    force: bool,
    filter_description: &str,
) -> ExportOutcome {
    let format = match format_name.parse::<Format>() {
        Ok(f) => f,
        Err(e) => return ExportOutcome::Failed(e.to_string()),
    };
    match export::write_file(timeline, indices, format, path, force, filter_description) {
        Ok(count) => ExportOutcome::Written {
            count,
            path: path.to_path_buf(),
        },
        Err(ExportError::Exists(p)) => ExportOutcome::Exists(p),
        Err(e) => ExportOutcome::Failed(crate::text::one_line(&e.to_string())),
    }
}
