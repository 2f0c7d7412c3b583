//! The one place where the explorer calls the export layer.
//!
//! The export dialog produces an `Effect::Export`; the loop hands it to
//! `write` below and feeds the outcome back as `Action::ExportFinished`.

use std::path::{Path, PathBuf};

use crate::export::{self, ExportError, Format};
use crate::timeline::Timeline;

/// The file name the dialog proposes for a format, in the current folder.
pub fn default_file(format: Format) -> String {
    format.default_file_name().to_string()
}

/// The format after (`step` 1) or before (`step` -1) `format` in the
/// dialog's list, which is `Format::ALL`, going round.
pub fn next_format(format: Format, step: isize) -> Format {
    let all = Format::ALL;
    let at = all.iter().position(|&f| f == format).unwrap_or(0) as isize;
    all[(at + step).rem_euclid(all.len() as isize) as usize]
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

/// Writes the events at `indices` (timeline order) to `path` in `format`;
/// `selection` says in words which events they are ("3 marked events").
pub fn write(
    timeline: &Timeline,
    indices: &[usize],
    format: Format,
    path: &Path,
    force: bool,
    selection: &str,
) -> ExportOutcome {
    match export::write_file(timeline, indices, format, path, force, selection) {
        Ok(count) => ExportOutcome::Written {
            count,
            path: path.to_path_buf(),
        },
        Err(ExportError::Exists(p)) => ExportOutcome::Exists(p),
        Err(e) => ExportOutcome::Failed(crate::text::one_line(&e.to_string())),
    }
}
