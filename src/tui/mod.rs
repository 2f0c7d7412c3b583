//! The explorer: a timeline with filters, a detail pane that quotes its
//! sources, and marks.
//!
//! The shape: terminal events become `Action`s (`input`), `app::update` applies
//! them to the `App` state and returns `Effect`s, the loop here runs the
//! effects (reload, export, quit) and feeds their results back as actions, and
//! `ui::view` draws the state. Only this module and its children know about the
//! terminal; the filtering, searching and loading are the core's.

pub mod action;
pub mod app;
pub mod density;
pub mod export_hook;
pub mod input;
pub mod keymap;
pub mod layout;
pub mod styled;
pub mod terminal;
pub mod theme;
pub mod ui;
pub mod view_model;

use std::collections::VecDeque;
use std::io;
use std::sync::atomic::Ordering;
use std::time::Duration;

use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;

use crate::loader::{self, Loaded, Sources};

use action::{Action, Effect};
use app::{App, Message, update};
use keymap::KeyMap;

/// Runs the effects `update` asked for, feeding their results back, until
/// nothing is left. Returns true when the explorer must quit.
pub fn run_effects(app: &mut App, sources: &Sources, first: Vec<Effect>) -> bool {
    let mut queue: VecDeque<Effect> = first.into();
    while let Some(effect) = queue.pop_front() {
        let action = match effect {
            Effect::Quit => return true,
            Effect::Reload => Action::Reloaded(
                loader::load(sources)
                    .map(|l| (Box::new(l.timeline), l.problems.len()))
                    .map_err(|e| e.to_string()),
            ),
            Effect::Export {
                format_name,
                path,
                force,
                indices,
            } => Action::ExportFinished(export_hook::export(
                &app.timeline,
                &indices,
                &format_name,
                &path,
                force,
                &app.filter.describe(),
            )),
        };
        queue.extend(update(app, action));
    }
    false
}

/// Opens the explorer on loaded data and runs it until the user quits. The
/// data is loaded before this is called, so a load error never leaves a
/// half-drawn screen. `notes` (problems with the key map, say) are shown at
/// the bottom when it opens.
pub fn run(sources: Sources, loaded: Loaded, keymap: KeyMap, notes: Vec<String>) -> io::Result<()> {
    let color = !theme::no_color_requested();
    let problems = loaded.problems.len();
    let mut app = App::new(loaded.timeline, keymap, color, 80, 24);
    if let Some(first) = notes.first() {
        app.message = Some(Message::error(format!(
            "the default keys are in use: {first}"
        )));
    } else if problems > 0 {
        app.message = Some(Message::error(format!(
            "the data has {problems} problems; they were printed before the explorer opened (see `annals check`)"
        )));
    }
    terminal::install_panic_hook();
    let stop = terminal::quit_signal()?;
    let _guard = terminal::enter()?;
    let mut term = Terminal::new(CrosstermBackend::new(io::stdout()))?;
    let size = term.size()?;
    update(
        &mut app,
        Action::Resize {
            width: size.width,
            height: size.height,
        },
    );
    let mut dirty = true;
    loop {
        if stop.load(Ordering::SeqCst) {
            break;
        }
        if dirty {
            term.draw(|f| ui::view(&app, f))?;
            dirty = false;
        }
        if !crossterm::event::poll(Duration::from_millis(200))? {
            continue;
        }
        let ev = crossterm::event::read()?;
        let Some(action) = input::action_for(&app, &ev) else {
            continue;
        };
        dirty = true;
        let effects = update(&mut app, action);
        if run_effects(&mut app, &sources, effects) {
            break;
        }
    }
    Ok(())
}
