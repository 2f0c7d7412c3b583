//! What can happen to the explorer: the commands a key can be bound to, the
//! actions `update` understands, and the effects it asks the loop to run.

use std::path::PathBuf;
use std::sync::Arc;

use crate::filter::Filter;
use crate::timeline::Timeline;

pub use super::commands::Command;
use super::export_hook::ExportOutcome;
use super::shown::Shown;

/// The one way the explorer's state changes.
pub enum Action {
    /// A command from the key map (also used for moving in pickers and dialogs).
    Cmd(Command),
    /// A character typed into the active input.
    Input(char),
    /// Delete the character before the cursor of the active input.
    DeleteBack,
    /// Delete the word before the cursor of the active input (Ctrl-w): back
    /// to the previous space or `/`.
    DeleteWord,
    /// Empty the active input (Ctrl-u).
    ClearInput,
    /// Enter: accept the search, apply the dialog, toggle the typed match.
    Submit,
    /// Escape: leave the current mode.
    Back,
    /// Tab in a dialog: the next field (any-of / all-of in a picker).
    NextField,
    /// Space in a picker: toggle the highlighted item.
    Toggle,
    /// `y` when asked to overwrite a file.
    Confirm,
    /// Ctrl-c: quit from anywhere.
    ForceQuit,
    Resize {
        width: u16,
        height: u16,
    },
    Click {
        column: u16,
        row: u16,
    },
    Wheel {
        column: u16,
        row: u16,
        down: bool,
    },
    /// The data the explorer opened on has loaded (in the background).
    Loaded(Box<Fresh>),
    /// Part of the data the explorer opens on, to show while the rest loads.
    Preview(Box<Fresh>),
    /// The result of a reload: the new data, or the error that stopped it.
    Reloaded(Result<Box<Fresh>, String>),
    /// The timeline's events turned out unreadable in the cache (see
    /// [`crate::timeline::Timeline::damage`]): the data is loaded again.
    Damaged,
    /// How a load running in the background is going.
    Progress(LoadStatus),
    /// A filter run in the background has finished. Only the result of the
    /// latest filter asked for is kept.
    Filtered {
        generation: u64,
        result: Box<Shown>,
    },
    ExportFinished(ExportOutcome),
    /// A warning from work done in the background (the cache's timeline
    /// file could not be written), for the status line.
    Warning(String),
}

/// Data fresh from a load.
pub struct Fresh {
    pub timeline: Arc<Timeline>,
    /// How many problems the data has (they are printed on quitting).
    pub problems: usize,
    /// A warning about the load that is not a problem of the data (the cache
    /// could not be used), shown in the status line.
    pub warning: Option<String>,
    /// What the timeline shows with no filter, computed with the load.
    pub unfiltered: Option<Shown>,
}

/// A load running in the background, as the explorer shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadStatus {
    /// False for the data the explorer opens on, true for a reload (when the
    /// data loaded before stays on screen).
    pub reload: bool,
    /// Tenths of a second since the load started.
    pub tenths: u64,
    /// What the load is doing, in a few words.
    pub phase: String,
    /// Work done out of the total, when the loader can tell (files, events).
    pub done: u64,
    pub total: u64,
}

impl LoadStatus {
    /// A reload, just asked for.
    pub fn reload_starting() -> LoadStatus {
        LoadStatus {
            reload: true,
            tenths: 0,
            phase: "starting".into(),
            done: 0,
            total: 0,
        }
    }
}

/// What `update` asks the loop to do; the loop does the I/O and reports back
/// with an action.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    Quit,
    Reload,
    /// Run `filter` in the background and report back with
    /// `Action::Filtered` and this generation.
    Filter {
        generation: u64,
        filter: Filter,
    },
    Export {
        format: crate::export::Format,
        /// Which events these are, in words, for the export's title: the
        /// filters, or "3 marked events".
        selection: String,
        /// Absolute when the dialog knew its folder (see `App::export_dir`).
        path: PathBuf,
        force: bool,
        /// Timeline indexes, in timeline order.
        indices: Vec<usize>,
    },
    /// Put this text on the clipboard, through the terminal (OSC 52).
    Copy(String),
    /// Let go of a large timeline the explorer no longer shows, off the
    /// loop's thread (freeing it takes tens of milliseconds).
    Free(Retired),
}

/// A timeline the explorer no longer shows. Effects compare it by identity.
#[derive(Clone)]
pub struct Retired(pub Arc<Timeline>);

impl std::fmt::Debug for Retired {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Retired({} events)", self.0.len())
    }
}

impl PartialEq for Retired {
    fn eq(&self, other: &Retired) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

impl Eq for Retired {}
