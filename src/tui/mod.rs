//! The explorer: a timeline with filters, a detail pane that quotes its
//! sources, and marks.
//!
//! The shape: terminal events become `Action`s (`input`), `app::update` applies
//! them to the `App` state and returns `Effect`s, the loop here runs the
//! effects (reload, export, quit) and feeds their results back as actions, and
//! `ui::view` draws the state. Only this module and its children know about the
//! terminal; the filtering, searching and loading are the core's.
//!
//! Nothing slow runs on the loop's thread: the data loads on a thread while
//! the first frame is already drawn, filters over large timelines run on a
//! worker (the latest query wins), and keys arrive from an input thread, so
//! one channel wakes the loop for whatever comes first.

pub mod action;
pub mod app;
pub mod citation;
pub mod commands;
pub mod density;
pub mod export_hook;
pub mod glyphs;
pub mod input;
pub mod key;
pub mod key_runs;
pub mod keymap;
pub mod layout;
pub mod loading;
pub mod marks;
pub mod pane_lines;
pub mod plain;
pub mod shown;
pub mod styled;
pub mod terminal;
pub mod theme;
pub mod ui;
pub mod worker;

use std::collections::VecDeque;
use std::io;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, RecvTimeoutError, Sender};
use std::thread;
use std::time::Duration;

use ratatui::Terminal;
use ratatui::backend::{Backend, CrosstermBackend};

use crate::diag::{LoadError, Problem};
use crate::filter::Filter;
use crate::loader::Sources;
use crate::timeline::Timeline;

use action::{Action, Effect, LoadStatus};
use app::{App, Message, update};
use keymap::KeyMap;
use loading::{Progress, Ready};
use worker::FilterWorker;

/// What runs the effects `update` asks for: the explorer's threads, or (in
/// tests) this thread. `run_effects` is the one interpreter; a host only says
/// where loads and filters run and where the terminal is.
pub trait Host {
    /// Starts a reload of the data; returns its result when it ran here.
    fn reload(&mut self) -> io::Result<Option<Action>>;
    /// Starts `filter` over the app's timeline; returns its result when it
    /// ran here.
    fn filter(&mut self, app: &App, generation: u64, filter: Filter) -> Option<Action>;
    /// The terminal, for what is written to it besides frames (the clipboard).
    fn terminal(&mut self) -> &mut dyn io::Write;
    /// Lets go of a timeline no longer shown (the explorer's threads free a
    /// large one on a thread of its own).
    fn free(&mut self, timeline: Arc<Timeline>) {
        drop(timeline);
    }
    /// How the load running in the background goes, for the loading screen.
    fn progress(&self) -> Option<LoadStatus> {
        None
    }
    /// True when a thread of the host failed (its panic restored the
    /// terminal and said why).
    fn failed(&self) -> bool {
        false
    }
}

/// The deterministic host: loads and filters run on this thread, and what is
/// written to the terminal is kept in `terminal`.
pub struct Inline<'a> {
    pub sources: &'a Sources,
    pub terminal: Vec<u8>,
}

impl<'a> Inline<'a> {
    pub fn new(sources: &'a Sources) -> Inline<'a> {
        Inline {
            sources,
            terminal: Vec::new(),
        }
    }
}

impl Host for Inline<'_> {
    fn reload(&mut self) -> io::Result<Option<Action>> {
        Ok(Some(Action::Reloaded(
            loading::load(self.sources, &Progress::new(true))
                .map(|r| Box::new(r.fresh))
                .map_err(|e| e.to_string()),
        )))
    }

    fn filter(&mut self, app: &App, generation: u64, filter: Filter) -> Option<Action> {
        let base = app.applied().as_ref().map(|f| (f, app.shown.as_slice()));
        Some(Action::Filtered {
            generation,
            result: Box::new(shown::compute(&app.timeline, &filter, base)),
        })
    }

    fn terminal(&mut self) -> &mut dyn io::Write {
        &mut self.terminal
    }
}

/// Runs the effects `update` asked for, one after the other, feeding the
/// results that come at once back to `update`, until nothing is left.
/// Returns true when the explorer must quit.
pub fn run_effects_on(app: &mut App, host: &mut impl Host, first: Vec<Effect>) -> io::Result<bool> {
    let mut queue: VecDeque<Effect> = first.into();
    while let Some(effect) = queue.pop_front() {
        let action = match effect {
            Effect::Quit => return Ok(true),
            Effect::Reload => host.reload()?,
            Effect::Filter { generation, filter } => host.filter(app, generation, filter),
            Effect::Export {
                format,
                selection,
                path,
                force,
                indices,
            } => Some(run_export(app, format, &selection, &path, force, &indices)),
            Effect::Copy(text) => {
                copy_to_clipboard(host.terminal(), &text)?;
                None
            }
            Effect::Free(old) => {
                host.free(old.0);
                None
            }
        };
        if let Some(action) = action {
            queue.extend(update(app, action));
        }
    }
    Ok(false)
}

/// `run_effects_on` with everything on this thread (tests use it). Returns
/// true when the explorer must quit.
pub fn run_effects(app: &mut App, sources: &Sources, first: Vec<Effect>) -> bool {
    // nothing the inline host does can fail: it writes to memory
    run_effects_on(app, &mut Inline::new(sources), first).unwrap_or(true)
}

/// Puts `text` on the clipboard of the terminal's host with an OSC 52
/// sequence (terminals that do not allow it ignore it).
pub fn copy_to_clipboard(out: &mut dyn io::Write, text: &str) -> io::Result<()> {
    use crossterm::QueueableCommand;
    out.queue(crossterm::clipboard::CopyToClipboard::to_clipboard_from(
        text,
    ))?;
    out.flush()
}

fn run_export(
    app: &App,
    format: crate::export::Format,
    selection: &str,
    path: &std::path::Path,
    force: bool,
    indices: &[usize],
) -> Action {
    Action::ExportFinished(export_hook::write(
        &app.timeline,
        indices,
        format,
        path,
        force,
        selection,
    ))
}

/// Why the explorer stopped, when the user did not quit it.
#[derive(Debug, thiserror::Error)]
pub enum RunError {
    /// The data could not be loaded; the terminal is restored before this is
    /// returned, so the message lands on the normal screen.
    #[error(transparent)]
    Load(LoadError),
    #[error("terminal: {0}")]
    Io(#[from] io::Error),
    /// Something went wrong inside the explorer.
    /// Drawing a frame failed.
    #[error("terminal: {0}")]
    Draw(String),
    #[error("{0}")]
    Failed(&'static str),
}

/// How long the explorer waits for the data before it draws the loading
/// screen.
const FIRST_WAIT_MS: u64 = 40;

/// What wakes the loop.
pub enum Incoming {
    Terminal(crossterm::event::Event),
    TerminalFailed(io::Error),
    Loaded(Result<Ready, LoadError>),
    Preview(action::Fresh),
    /// A warning from the loading thread, after the data was delivered.
    Warning(String),
    Filtered(u64, shown::Shown),
}

/// What the loop's wait for an input brought. (One lives at a time, moved
/// straight into the loop: its size does not matter.)
#[allow(clippy::large_enum_variant)]
pub enum Next {
    Input(Incoming),
    /// Nothing came in time.
    Quiet,
    /// No more inputs will come.
    Ended,
}

/// Where the loop's inputs come from: the channel the input, loading and
/// filter threads send to, or (in tests) a script.
pub trait Inputs {
    /// The next input, waiting at most `wait` for one.
    fn next(&mut self, wait: Duration) -> Next;
    /// An input already there, without waiting.
    fn ready(&mut self) -> Option<Incoming>;
}

impl Inputs for mpsc::Receiver<Incoming> {
    fn next(&mut self, wait: Duration) -> Next {
        match self.recv_timeout(wait) {
            Ok(m) => Next::Input(m),
            Err(RecvTimeoutError::Timeout) => Next::Quiet,
            Err(RecvTimeoutError::Disconnected) => Next::Ended,
        }
    }

    fn ready(&mut self) -> Option<Incoming> {
        self.try_recv().ok()
    }
}

/// A script of inputs for tests: each comes at once, and the script ends
/// when it is used up.
impl Inputs for VecDeque<Incoming> {
    fn next(&mut self, _wait: Duration) -> Next {
        self.pop_front().map_or(Next::Ended, Next::Input)
    }

    fn ready(&mut self) -> Option<Incoming> {
        None
    }
}

/// The loop's helpers: where results come back, the filter worker, the load
/// in progress.
struct Background {
    sources: Sources,
    tx: Sender<Incoming>,
    worker: FilterWorker,
    progress: Arc<Progress>,
    stdout: io::Stdout,
}

impl Background {
    fn load(&mut self, reload: bool) -> io::Result<()> {
        self.progress = Arc::new(Progress::new(reload));
        let tx = self.tx.clone();
        // a reload keeps the data loaded before on screen: no previews
        let preview_tx = (!reload).then(|| self.tx.clone());
        let show = move |fresh| {
            if let Some(tx) = &preview_tx {
                let _ = tx.send(Incoming::Preview(fresh));
            }
        };
        let warn_tx = self.tx.clone();
        loading::spawn(
            self.sources.clone(),
            Arc::clone(&self.progress),
            show,
            move |r| {
                let _ = tx.send(Incoming::Loaded(r));
            },
            move |w| {
                let _ = warn_tx.send(Incoming::Warning(w));
            },
        )
    }
}

/// Reads terminal events on a thread and passes them to the loop.
fn spawn_input(tx: Sender<Incoming>) -> io::Result<()> {
    thread::Builder::new()
        .name("annals-input".into())
        .spawn(move || {
            loop {
                let (msg, failed) = match crossterm::event::read() {
                    Ok(ev) => (Incoming::Terminal(ev), false),
                    Err(e) => (Incoming::TerminalFailed(e), true),
                };
                if tx.send(msg).is_err() || failed {
                    break;
                }
            }
        })?;
    Ok(())
}

impl Host for Background {
    fn reload(&mut self) -> io::Result<Option<Action>> {
        self.load(true)?;
        Ok(None)
    }

    fn filter(&mut self, app: &App, generation: u64, filter: Filter) -> Option<Action> {
        self.worker
            .request(Arc::clone(&app.timeline), generation, filter);
        None
    }

    fn terminal(&mut self) -> &mut dyn io::Write {
        &mut self.stdout
    }

    fn progress(&self) -> Option<LoadStatus> {
        Some(self.progress.status())
    }

    fn failed(&self) -> bool {
        !terminal::active()
    }

    fn free(&mut self, timeline: Arc<Timeline>) {
        // when no thread can start, the timeline is freed here as the
        // closure is dropped
        let _ = thread::Builder::new()
            .name("annals-free".into())
            .spawn(move || drop(timeline));
    }
}

/// Opens the explorer at once and loads the data behind it, showing how the
/// load goes. A load error restores the terminal and is returned, so it is
/// printed on the normal screen. `notes` (problems with the key map, say) are
/// shown at the bottom when it opens. Returns the problems of the data last
/// loaded, for printing once the terminal is restored.
pub fn run(sources: Sources, keymap: KeyMap, notes: Vec<String>) -> Result<Vec<Problem>, RunError> {
    let color = !theme::no_color_requested();
    let mut app = App::loading(keymap, color, 80, 24);
    if let Some(first) = notes.first() {
        app.message = Some(Message::error(format!(
            "the default keys are in use: {first}"
        )));
    }
    let (tx, mut rx) = mpsc::channel::<Incoming>();
    let filter_tx = tx.clone();
    let worker = FilterWorker::spawn(move |generation, result| {
        filter_tx
            .send(Incoming::Filtered(generation, result))
            .is_ok()
    })?;
    let mut bg = Background {
        sources,
        tx: tx.clone(),
        worker,
        progress: Arc::new(Progress::new(false)),
        stdout: io::stdout(),
    };
    bg.load(false)?;
    // small data loads in a few milliseconds: wait that long so the first
    // frame shows it, and so a load error is printed without the screen
    // ever switching
    // (a preview may come first: it is shown, not dropped)
    let early = match rx.recv_timeout(Duration::from_millis(FIRST_WAIT_MS)) {
        Ok(Incoming::Loaded(Err(e))) => return Err(RunError::Load(e)),
        Ok(m) => Some(m),
        Err(_) => None,
    };
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
    spawn_input(tx)?;
    let mut problems = Vec::new();
    match early {
        Some(Incoming::Loaded(Ok(ready))) => {
            problems = ready.problems;
            let effects = update(&mut app, Action::Loaded(Box::new(ready.fresh)));
            if run_effects_on(&mut app, &mut bg, effects)? {
                return Ok(problems);
            }
        }
        Some(Incoming::Preview(fresh)) => {
            let effects = update(&mut app, Action::Preview(Box::new(fresh)));
            if run_effects_on(&mut app, &mut bg, effects)? {
                return Ok(problems);
            }
        }
        // nothing else is sent before the input thread and the first filter
        _ => {}
    }
    main_loop(&mut term, &mut app, &mut bg, &mut rx, &stop, problems)
}

/// The explorer's loop: draws when something changed, waits for the next
/// input, turns it into actions for `update`, and runs the effects through
/// `host`, until the user quits, `stop` is raised or the inputs end. Generic
/// over the terminal's backend and where inputs come from, so tests run it
/// with `TestBackend` and a script. Returns the problems of the data last
/// loaded (`problems` are those known when it starts).
pub fn main_loop<B: Backend>(
    term: &mut Terminal<B>,
    app: &mut App,
    host: &mut impl Host,
    inputs: &mut impl Inputs,
    stop: &AtomicBool,
    mut problems: Vec<Problem>,
) -> Result<Vec<Problem>, RunError> {
    let mut dirty = true;
    while !stop.load(Ordering::SeqCst) {
        if host.failed() {
            // a loading or filter thread panicked: the hook has restored the
            // terminal and printed why
            return Err(RunError::Failed(
                "a loading or filtering thread failed (see above)",
            ));
        }
        if dirty {
            term.draw(|f| ui::view(app, f))
                .map_err(|e| RunError::Draw(e.to_string()))?;
            dirty = false;
        }
        // events found unreadable in the cache (drawn, filtered, exported):
        // the data is loaded again, with a warning
        if app.timeline.damage().is_some() {
            let effects = update(app, Action::Damaged);
            if !effects.is_empty() {
                dirty = true;
                if run_effects_on(app, host, effects)? {
                    return Ok(problems);
                }
                continue;
            }
        }
        // a tenth of a second while loading, for the elapsed time; else a
        // while, to notice the quit signal
        let wait = if app.load_status().is_some() {
            100
        } else {
            250
        };
        let first = match inputs.next(Duration::from_millis(wait)) {
            Next::Input(m) => Some(m),
            Next::Quiet => None,
            Next::Ended => break,
        };
        // take everything already queued, then draw once
        let queued = std::iter::from_fn(|| inputs.ready());
        let mut all: Vec<Incoming> = first.into_iter().collect();
        all.extend(queued);
        for msg in all {
            let effects = match msg {
                Incoming::Terminal(ev) => match input::action_for(app, &ev) {
                    Some(action) => update(app, action),
                    None => continue,
                },
                Incoming::TerminalFailed(e) => return Err(e.into()),
                Incoming::Loaded(Ok(ready)) => {
                    problems = ready.problems;
                    let fresh = Box::new(ready.fresh);
                    if app.first_load() {
                        update(app, Action::Loaded(fresh))
                    } else {
                        update(app, Action::Reloaded(Ok(fresh)))
                    }
                }
                Incoming::Loaded(Err(e)) => {
                    if app.first_load() {
                        return Err(RunError::Load(e));
                    }
                    update(app, Action::Reloaded(Err(e.to_string())))
                }
                Incoming::Preview(fresh) => update(app, Action::Preview(Box::new(fresh))),
                Incoming::Warning(w) => update(app, Action::Warning(w)),
                Incoming::Filtered(generation, result) => update(
                    app,
                    Action::Filtered {
                        generation,
                        result: Box::new(result),
                    },
                ),
            };
            dirty = true;
            if run_effects_on(app, host, effects)? {
                return Ok(problems);
            }
        }
        if app.load_status().is_some() {
            if let Some(status) = host.progress() {
                update(app, Action::Progress(status));
                dirty = true;
            }
        }
    }
    Ok(problems)
}
