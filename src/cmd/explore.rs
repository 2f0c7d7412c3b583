//! The explorer, or `annals list` when standard input or output is not a
//! terminal.

use std::io;
use std::process::ExitCode;

use annals::text::inert;

use crate::console::note;
use crate::{DataArgs, FilterArgs, ListArgs, ListFormat};

/// The explorer. It opens at once and loads the data on a thread, showing
/// how the load goes; a load error restores the terminal and is reported on
/// the normal screen with exit code 2. The data's problems are printed once
/// the explorer has closed.
pub fn run(data: &DataArgs) -> Result<ExitCode, Box<dyn std::error::Error>> {
    use std::io::IsTerminal;
    if !(io::stdin().is_terminal() && io::stdout().is_terminal()) {
        return super::list::run(
            data,
            &ListArgs {
                filter: FilterArgs::default(),
                format: ListFormat::Table,
            },
        );
    }
    let path = annals::tui::keymap::config_path();
    let (keymap, notes) = annals::tui::keymap::KeyMap::load(path.as_deref());
    for n in &notes {
        note!("annals: {}", inert(n));
    }
    // the explorer shows a few events at a time: a timeline from the cache
    // keeps its events in the cache file, read as they are shown
    let sources = annals::loader::Sources {
        stored_events: true,
        ..data.sources()
    };
    let problems =
        annals::tui::run(sources, keymap, notes).map_err(|e| inert(&e.to_string()).into_owned())?;
    for p in &problems {
        note!("{}", inert(&p.to_string()));
    }
    // the terminal is back: what is left of writing the cache is done here
    if let Some(w) = annals::tui::loading::wait_for_cache_write() {
        note!("annals: warning: {}", inert(&w));
    }
    Ok(ExitCode::SUCCESS)
}
