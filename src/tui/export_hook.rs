//! The one place where the explorer calls the export layer (issue 4).
//!
//! The export dialog produces an `Effect::Export`; the loop hands it to
//! `export` below and feeds the outcome back as `Action::ExportFinished`.
//! Until `annals::export` is merged, `export` reports that it is not available.
//! To connect it: map the format name to `annals::export::Format` (by
//! `Format::ALL` and `name()`), call `annals::export::write_file`, and turn
//! `Ok(n)` into `Written`, `ExportError::Exists` into `Exists`, and any other
//! error into `Failed(error.to_string())`.

use std::path::{Path, PathBuf};

use crate::timeline::Timeline;

/// The formats the dialog offers, with their file extensions.
pub const FORMATS: &[(&str, &str)] = &[
    ("md", "md"),
    ("csv", "csv"),
    ("json", "json"),
    ("ics", "ics"),
    ("timelinejs", "json"),
];

/// False until the export layer is connected; the dialog says so.
pub const AVAILABLE: bool = false;

/// Why export cannot run yet, shown in the dialog and after Enter.
pub const UNAVAILABLE: &str = "export is not available yet (issue 4)";

/// The file name the dialog proposes for a format, in the current folder.
pub fn default_file(format: &str) -> String {
    let ext = FORMATS
        .iter()
        .find(|(n, _)| *n == format)
        .map_or("txt", |(_, e)| e);
    if format == "timelinejs" {
        format!("annals-timeline.{ext}")
    } else {
        format!("annals-export.{ext}")
    }
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
pub fn export(
    timeline: &Timeline,
    indices: &[usize],
    format_name: &str,
    path: &Path,
    force: bool,
    filter_description: &str,
) -> ExportOutcome {
    let _ = (
        timeline,
        indices,
        format_name,
        path,
        force,
        filter_description,
    );
    ExportOutcome::Failed(UNAVAILABLE.to_string())
}
