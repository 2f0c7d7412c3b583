//! The explorer's state and `update`, the one function that changes it.
//!
//! `update` is deterministic and does no I/O: it returns effects (quit, reload,
//! export) for the loop to run, and the loop reports back with an action. The
//! state holds the timeline and indexes into it, never copies of events.

use std::borrow::Cow;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use chrono::NaiveDate;
use ratatui::layout::Rect;

use crate::filter::{Filter, Query};
use crate::timeline::Timeline;

use super::action::{Action, Command, Effect, LoadStatus};
use super::density::Density;
use super::export_hook::{self};
use super::keymap::KeyMap;
use super::layout::{self};
use super::marks::Marks;
use super::pane_lines::{self, Detail};
use super::shown::{self, Shown};
use super::theme::Theme;

mod data;
mod dialogs;
mod normal;

pub use dialogs::delete_word;

/// Which pane the movement keys act on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    Timeline,
    Detail,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PickerKind {
    Countries,
    Tags,
}

/// The country or tag picker: every value in the data with its event count,
/// narrowed by what is typed. The chosen values live in the filter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Picker {
    pub kind: PickerKind,
    pub input: String,
    /// Values and their event counts, most events first.
    pub items: Vec<(String, usize)>,
    /// Indexes into `items` that the input matches.
    pub matches: Vec<usize>,
    /// Position in `matches`.
    pub cursor: usize,
    /// First visible position in `matches`.
    pub scroll: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateField {
    From,
    To,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateDialog {
    pub from: String,
    pub to: String,
    pub field: DateField,
    pub error: Option<String>,
}

/// What the export dialog asks before it writes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Ask {
    /// The file exists: overwrite it?
    Overwrite(PathBuf),
    /// The name's extension (typed by the user) is not the format's: export
    /// to it anyway?
    Extension {
        typed: String,
        format: String,
        expected: String,
    },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportDialog {
    pub format: crate::export::Format,
    /// The file's name as typed: relative to `dir`, or absolute.
    pub path: String,
    /// The folder a relative name is written in.
    pub dir: PathBuf,
    /// True when the marked events are exported, false for the shown ones.
    pub marked: bool,
    pub count: usize,
    /// Marked events that the filters hide (they are exported too).
    pub hidden: usize,
    /// Set while the dialog asks before writing.
    pub confirm: Option<Ask>,
    pub error: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Mode {
    Normal,
    /// The search line is open; the query is `filter.query`.
    Search,
    Picker(Picker),
    Dates(DateDialog),
    Export(ExportDialog),
    Help {
        scroll: usize,
    },
}

/// A line for the bottom of the screen until the next key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    pub text: String,
    pub error: bool,
}

impl Message {
    pub fn info(text: impl Into<String>) -> Message {
        Message {
            text: text.into(),
            error: false,
        }
    }
    pub fn error(text: impl Into<String>) -> Message {
        Message {
            text: text.into(),
            error: true,
        }
    }
}

/// Extracted events below this confidence (in hundredths) are of low
/// confidence: the extracted toggle hides them first. Confidence starts at
/// 0.5 and each signal adds or takes away (README, `events::confidence`), so
/// below 0.5 the signals against an event outweigh those for it.
pub const LOW_CONFIDENCE: u8 = 50;

/// True when the event is extracted and of low confidence.
pub fn is_low(e: &crate::model::Event) -> bool {
    e.confidence
        .is_some_and(|c| c * 100.0 + 1e-3 < f32::from(LOW_CONFIDENCE))
}

/// Timelines with more events than this are filtered on a worker thread, so
/// that typing never waits for a filter; smaller ones are filtered at once.
pub const SYNC_LIMIT: usize = 50_000;

/// The explorer's state. Fields that only `update` changes are private, with
/// a reader each; the rest are set by the explorer's start (and by tests).
pub struct App {
    /// Shared with the filter worker and the loader.
    pub timeline: Arc<Timeline>,
    /// The filters as the user set them. While a filter runs in the
    /// background, `shown` is still the result of `applied`.
    pub filter: Filter,
    /// The filter that `shown` is the result of over this timeline, or `None`
    /// when `shown` is not a filter's whole result: before the data has
    /// loaded, and while the result over a new timeline is computed (`shown`
    /// then holds the events carried over from the old one that `filter`
    /// keeps, a part of that result).
    applied: Option<Filter>,
    /// The applied query, parsed, for highlighting.
    query: Query,
    /// Timeline indexes of the events shown, in timeline order.
    pub shown: Arc<Vec<usize>>,
    /// Year headings: (year, position in `shown` of its first event).
    years: Vec<(i32, usize)>,
    density: Density,
    /// Position in `shown` of the selected event (0 when nothing is shown).
    pub selected: usize,
    /// First visible row of the timeline.
    scroll: usize,
    /// Marked events, by id.
    pub marks: Marks,
    pub focus: Focus,
    detail_scroll: usize,
    pub mode: Mode,
    pub message: Option<Message>,
    pub keymap: KeyMap,
    pub theme: Theme,
    width: u16,
    height: u16,
    quitting: bool,
    /// The folder the export dialog writes a relative file name in: the
    /// current folder when the explorer started, then the folder of the last
    /// file exported (for the session; it is not saved).
    pub export_dir: PathBuf,
    /// Timelines up to this size are filtered in `update`; larger ones in
    /// the background (`Effect::Filter`).
    pub sync_limit: usize,
    /// The generation of the background filter whose result is awaited.
    filtering: Option<u64>,
    generation: u64,
    /// A load running in the background: the first one (nothing to show
    /// yet) or a reload.
    loading: Option<LoadStatus>,
    /// True while the first load goes on and a preview of it is shown.
    previewing: bool,
    /// Why the timeline's events could not be read from the cache, once the
    /// explorer has set out to load the data again because of it; shown
    /// when the new data comes.
    damage: Option<String>,
    /// Effects asked for by helpers, returned by `update`.
    outbox: Vec<Effect>,
    /// The event selected before a new timeline came in, to select again
    /// when the filter's result over the new timeline arrives.
    anchor_hint: Option<(String, NaiveDate)>,
    /// Set when the query was typed: the next result shown selects its first
    /// event (the first match) rather than the event selected before.
    first_match: bool,
}

impl App {
    /// An explorer on a loaded timeline. Its first filter runs here, whatever
    /// the timeline's size.
    pub fn new(
        timeline: impl Into<Arc<Timeline>>,
        keymap: KeyMap,
        color: bool,
        width: u16,
        height: u16,
    ) -> App {
        let mut app = App::empty(timeline.into(), keymap, color, width, height);
        let all = shown::compute(&app.timeline, &app.filter, None);
        app.install(all, None);
        app
    }

    /// An explorer whose data is still loading: it draws, takes keys (a
    /// query can be typed), and fills in on `Action::Loaded`.
    pub fn loading(keymap: KeyMap, color: bool, width: u16, height: u16) -> App {
        let gazetteer = crate::gazetteer::Gazetteer::from_toml(Path::new("countries.toml"), "")
            .expect("an empty gazetteer");
        let timeline = Arc::new(Timeline::new(Vec::new(), gazetteer));
        let mut app = App::empty(timeline, keymap, color, width, height);
        app.loading = Some(LoadStatus {
            reload: false,
            tenths: 0,
            phase: "starting".into(),
            done: 0,
            total: 0,
        });
        app
    }

    fn empty(timeline: Arc<Timeline>, keymap: KeyMap, color: bool, width: u16, height: u16) -> App {
        App {
            timeline,
            filter: Filter::default(),
            applied: None,
            query: Query::parse(""),
            shown: Arc::new(Vec::new()),
            years: Vec::new(),
            density: Density {
                unit: super::density::Unit::Year,
                first: 0,
                counts: Vec::new(),
            },
            selected: 0,
            scroll: 0,
            marks: Marks::default(),
            focus: Focus::Timeline,
            detail_scroll: 0,
            mode: Mode::Normal,
            message: None,
            keymap,
            theme: Theme::new(color),
            width,
            height,
            quitting: false,
            export_dir: std::env::current_dir().unwrap_or_default(),
            sync_limit: SYNC_LIMIT,
            filtering: None,
            generation: 0,
            loading: None,
            previewing: false,
            damage: None,
            outbox: Vec::new(),
            anchor_hint: None,
            first_match: false,
        }
    }

    pub fn quitting(&self) -> bool {
        self.quitting
    }

    /// The filter that `shown` is the result of (see the field's note).
    pub fn applied(&self) -> &Option<Filter> {
        &self.applied
    }

    /// The applied query, parsed, for highlighting.
    pub fn query(&self) -> &Query {
        &self.query
    }

    /// Year headings: (year, position in `shown` of its first event).
    pub fn years(&self) -> &[(i32, usize)] {
        &self.years
    }

    pub fn density(&self) -> &Density {
        &self.density
    }

    /// First visible row of the timeline.
    pub fn scroll(&self) -> usize {
        self.scroll
    }

    pub fn detail_scroll(&self) -> usize {
        self.detail_scroll
    }

    pub fn width(&self) -> u16 {
        self.width
    }

    pub fn height(&self) -> u16 {
        self.height
    }

    /// The generation of the background filter whose result is awaited.
    pub fn filtering(&self) -> Option<u64> {
        self.filtering
    }

    /// The load running in the background, if any.
    pub fn load_status(&self) -> Option<&LoadStatus> {
        self.loading.as_ref()
    }

    /// True while the first load goes on and a preview of it is shown.
    pub fn previewing(&self) -> bool {
        self.previewing
    }

    /// True while the data the explorer opened on is still loading.
    pub fn first_load(&self) -> bool {
        self.loading.as_ref().is_some_and(|l| !l.reload)
    }

    /// True while there is no data to show yet: the first load goes on and
    /// no preview of it has come.
    pub fn waiting_for_data(&self) -> bool {
        self.first_load() && !self.previewing
    }

    pub fn screen(&self) -> Rect {
        Rect::new(0, 0, self.width, self.height)
    }

    /// The timeline index of the selected event.
    pub fn selected_index(&self) -> Option<usize> {
        self.shown.get(self.selected).copied()
    }

    pub fn selected_event(&self) -> Option<Cow<'_, crate::model::Event>> {
        self.selected_index().map(|i| self.timeline.event(i))
    }

    pub fn is_marked(&self, index: usize) -> bool {
        self.marks.contains(index)
    }

    /// Whether the event with this id is marked.
    pub fn is_marked_id(&self, id: &str) -> bool {
        self.timeline
            .index_of(id)
            .is_some_and(|i| self.marks.contains(i))
    }

    /// The ids of the marked events, in timeline order.
    pub fn marked_ids(&self) -> Vec<String> {
        self.marks.ids(&self.timeline).collect()
    }

    /// Rows of the timeline pane.
    pub fn list_height(&self) -> usize {
        layout::areas(self.screen()).map_or(1, |a| a.timeline_inner.height.max(1) as usize)
    }

    fn detail_height(&self) -> usize {
        layout::areas(self.screen()).map_or(1, |a| a.detail_inner.height.max(1) as usize)
    }

    /// What the detail pane shows: the selected event, or why there is none.
    pub fn detail(&self) -> Detail<'_> {
        let Some(index) = self.selected_index() else {
            if self.waiting_for_data() {
                return Detail::Waiting;
            }
            let active = (!self.filter.is_empty()).then(|| {
                let key = self
                    .keymap
                    .first_key(Command::ClearFilters)
                    .map_or_else(|| "clear-filters".into(), |k| k.to_string());
                (self.filter.describe(), key)
            });
            return Detail::NoMatch { active };
        };
        let event = self.timeline.event(index);
        Detail::Event {
            low_confidence: is_low(&event),
            event,
            gazetteer: &self.timeline.gazetteer,
            query: &self.query,
            marked: self.is_marked(index),
        }
    }

    /// How far the detail pane can scroll: its lines, counted as text, past
    /// its height.
    pub fn detail_max_scroll(&self) -> usize {
        let Some(a) = layout::areas(self.screen()) else {
            return 0;
        };
        let lines = pane_lines::detail_lines(&self.detail(), a.detail_inner.width as usize).len();
        lines.saturating_sub(a.detail_inner.height as usize)
    }

    fn help_max_scroll(&self) -> usize {
        let area = layout::inner(layout::help(self.screen()));
        pane_lines::help_lines(&self.keymap, area.width as usize)
            .len()
            .saturating_sub(area.height as usize)
    }

    /// The selected event's id and date, to find it (or its neighbour) again
    /// in a new result.
    fn anchor(&self) -> Option<(String, NaiveDate)> {
        self.selected_event()
            .map(|e| (e.id.clone(), e.span_start()))
            .or_else(|| self.anchor_hint.clone())
    }

    /// Runs the filter again after it changed: here for a small timeline, in
    /// the background for a large one (the shown events stay until the
    /// result comes). The selection stays on the same event when it is still
    /// shown, else on the nearest one by date.
    pub fn refilter(&mut self) {
        if self.waiting_for_data() {
            // nothing to filter yet: the filter applies when the data comes
            return;
        }
        if self.timeline.len() <= self.sync_limit {
            let base = self.applied.as_ref().map(|f| (f, self.shown.as_slice()));
            let result = shown::compute(&self.timeline, &self.filter, base);
            // a result computed now supersedes any still on its way
            self.filtering = None;
            let anchor = self.anchor();
            self.install(result, anchor);
        } else {
            if self.applied.is_none() && !self.shown.is_empty() {
                // events carried over from an old timeline (see
                // `swap_timeline`) were kept by the filter before this
                // change, not necessarily by this one
                let anchor = self.anchor();
                self.show_nothing_until_result(anchor);
            }
            self.generation += 1;
            self.filtering = Some(self.generation);
            self.outbox.push(Effect::Filter {
                generation: self.generation,
                filter: self.filter.clone(),
            });
        }
    }

    /// Shows no events until a filter's result comes, and then selects
    /// `anchor`'s event (or the one nearest its date) again.
    fn show_nothing_until_result(&mut self, anchor: Option<(String, NaiveDate)>) {
        // an empty list is no search's result: the first match is still to come
        let first_match = self.first_match;
        self.install(
            shown::from_events(&self.timeline, Filter::default(), Vec::new()),
            None,
        );
        self.first_match = first_match;
        self.applied = None;
        self.anchor_hint = anchor;
    }

    /// Shows a filter's result over `self.timeline`; `anchor` is the event
    /// selected before (perhaps in an older timeline).
    fn install(&mut self, result: Shown, anchor: Option<(String, NaiveDate)>) {
        let before = anchor.as_ref().map(|(id, _)| id.clone());
        self.anchor_hint = None;
        self.query = Query::parse(&result.filter.query);
        self.applied = Some(result.filter);
        self.shown = result.events;
        self.years = result.years;
        self.density = result.density;
        let anchor = if std::mem::take(&mut self.first_match) {
            None
        } else {
            anchor
        };
        let pos = match anchor {
            None => 0,
            Some((id, date)) => {
                match self
                    .timeline
                    .index_of(&id)
                    .and_then(|i| self.shown.binary_search(&i).ok())
                {
                    Some(p) => p,
                    None => self
                        .shown
                        .partition_point(|&i| self.timeline.span_start(i) < date),
                }
            }
        };
        self.selected = pos.min(self.shown.len().saturating_sub(1));
        let after = self
            .selected_index()
            .map(|i| self.timeline.event(i).id.clone());
        if before != after {
            self.detail_scroll = 0;
        }
        self.keep_selection_visible();
    }

    /// Scrolls the timeline so that the selected event (and its year heading
    /// when it is the year's first event) is in view.
    pub fn keep_selection_visible(&mut self) {
        let total = layout::total_rows(&self.years, self.shown.len());
        if self.shown.is_empty() {
            self.scroll = 0;
            return;
        }
        let row = layout::row_of_event(&self.years, self.selected);
        let first_of_year = layout::year_of_event(&self.years, self.selected)
            .is_some_and(|y| self.years[y].1 == self.selected);
        let start = if first_of_year { row - 1 } else { row };
        self.scroll = layout::keep_visible(self.scroll, self.list_height(), total, start..row + 1);
    }

    fn select(&mut self, pos: usize) {
        if self.shown.is_empty() {
            return;
        }
        let pos = pos.min(self.shown.len() - 1);
        // the user chose: a search's result on its way keeps this event
        self.first_match = false;
        if pos != self.selected {
            self.selected = pos;
            self.detail_scroll = 0;
        }
        self.keep_selection_visible();
    }

    fn move_by(&mut self, delta: isize) {
        let pos = self.selected.saturating_add_signed(delta);
        self.select(pos);
    }

    fn scroll_detail(&mut self, delta: isize) {
        let max = self.detail_max_scroll();
        self.detail_scroll = self.detail_scroll.saturating_add_signed(delta).min(max);
    }

    fn year_jump(&mut self, forward: bool) {
        let Some(y) = layout::year_of_event(&self.years, self.selected) else {
            return;
        };
        let target = if forward {
            self.years.get(y + 1).map(|&(_, p)| p)
        } else if self.years[y].1 < self.selected {
            Some(self.years[y].1)
        } else {
            y.checked_sub(1).map(|p| self.years[p].1)
        };
        match target {
            Some(p) => self.select(p),
            None => {
                self.message = Some(Message::info(if forward {
                    "this is the last year shown"
                } else {
                    "this is the first year shown"
                }))
            }
        }
    }

    /// Timeline indexes of the marked events, in timeline order.
    pub fn marked_indices(&self) -> Vec<usize> {
        self.marks.indices().collect()
    }

    fn open_picker(&mut self, kind: PickerKind) {
        let items = match kind {
            PickerKind::Countries => self.timeline.country_counts(),
            PickerKind::Tags => self.timeline.tag_counts(),
        };
        if items.is_empty() {
            self.message = Some(Message::info(match kind {
                PickerKind::Countries => "no event in the data has a country",
                PickerKind::Tags => "no event in the data has a tag",
            }));
            return;
        }
        let mut p = Picker {
            kind,
            input: String::new(),
            matches: (0..items.len()).collect(),
            items,
            cursor: 0,
            scroll: 0,
        };
        self.keep_picker_visible(&mut p);
        self.mode = Mode::Picker(p);
    }

    fn rematch(&self, p: &mut Picker) {
        let q = p.input.trim().to_lowercase();
        p.matches = if q.is_empty() {
            (0..p.items.len()).collect()
        } else {
            match p.kind {
                PickerKind::Countries => {
                    let found: Vec<String> = self
                        .timeline
                        .gazetteer
                        .lookup(&q)
                        .iter()
                        .map(|c| c.code.clone())
                        .collect();
                    (0..p.items.len())
                        .filter(|&i| {
                            let code = &p.items[i].0;
                            found.contains(code) || code.to_lowercase().starts_with(&q)
                        })
                        .collect()
                }
                PickerKind::Tags => {
                    let mut starts: Vec<usize> = Vec::new();
                    let mut contains: Vec<usize> = Vec::new();
                    for (i, (t, _)) in p.items.iter().enumerate() {
                        let t = t.to_lowercase();
                        if t.starts_with(&q) {
                            starts.push(i);
                        } else if t.contains(&q) {
                            contains.push(i);
                        }
                    }
                    starts.extend(contains);
                    starts
                }
            }
        };
        p.cursor = 0;
        p.scroll = 0;
    }

    fn picker_height(&self, p: &Picker) -> usize {
        layout::picker_list(self.screen(), p.items.len())
            .height
            .max(1) as usize
    }

    fn keep_picker_visible(&self, p: &mut Picker) {
        p.scroll = layout::keep_visible(
            p.scroll,
            self.picker_height(p),
            p.matches.len(),
            p.cursor..p.cursor + 1,
        );
    }

    /// Chooses or drops a country or tag in the filter.
    fn toggle_value(&mut self, kind: PickerKind, value: &str) {
        let list = match kind {
            PickerKind::Countries => &mut self.filter.countries,
            PickerKind::Tags => &mut self.filter.tags,
        };
        if let Some(at) = list.iter().position(|v| v == value) {
            list.remove(at);
        } else {
            list.push(value.to_string());
        }
        self.refilter();
    }

    fn open_dates(&mut self) {
        self.mode = Mode::Dates(DateDialog {
            from: self.filter.from.map(|d| d.to_string()).unwrap_or_default(),
            to: self.filter.to.map(|d| d.to_string()).unwrap_or_default(),
            field: DateField::From,
            error: None,
        });
    }

    fn open_export(&mut self) {
        let marked = !self.marks.is_empty();
        let (count, hidden) = if marked {
            // both lists are in timeline order: walk them together
            let mut shown = self.shown.iter().copied().peekable();
            let mut hidden = 0;
            for i in self.marks.indices() {
                while shown.next_if(|&s| s < i).is_some() {}
                if shown.peek() != Some(&i) {
                    hidden += 1;
                }
            }
            (self.marks.len(), hidden)
        } else {
            (self.shown.len(), 0)
        };
        let format = crate::export::Format::ALL[0];
        self.mode = Mode::Export(ExportDialog {
            format,
            path: export_hook::default_file(format),
            dir: self.export_dir.clone(),
            marked,
            count,
            hidden,
            confirm: None,
            error: None,
        });
    }

    fn export_effect(&self, d: &ExportDialog, force: bool) -> Result<Effect, String> {
        let indices = if d.marked {
            self.marked_indices()
        } else {
            self.shown.to_vec()
        };
        if indices.is_empty() {
            return Err("nothing to export: no event is shown or marked".into());
        }
        let path = d.path.trim();
        if path.is_empty() {
            return Err("type the path of the file to write".into());
        }
        let selection = if d.marked {
            format!(
                "{} marked event{}",
                indices.len(),
                if indices.len() == 1 { "" } else { "s" }
            )
        } else {
            self.filter.describe()
        };
        Ok(Effect::Export {
            format: d.format,
            selection,
            path: d.dir.join(path),
            force,
            indices,
        })
    }
}

/// Applies one action to the state and returns what the loop must do.
pub fn update(app: &mut App, action: Action) -> Vec<Effect> {
    let mut effects = step(app, action);
    effects.append(&mut app.outbox);
    effects
}

fn step(app: &mut App, action: Action) -> Vec<Effect> {
    match action {
        Action::ForceQuit => {
            app.quitting = true;
            return vec![Effect::Quit];
        }
        Action::Resize { width, height } => {
            app.width = width;
            app.height = height;
            app.keep_selection_visible();
            app.detail_scroll = app.detail_scroll.min(app.detail_max_scroll());
            let mut mode = std::mem::replace(&mut app.mode, Mode::Normal);
            match &mut mode {
                Mode::Picker(p) => app.keep_picker_visible(p),
                Mode::Help { scroll } => *scroll = (*scroll).min(app.help_max_scroll()),
                _ => {}
            }
            app.mode = mode;
            return Vec::new();
        }
        Action::Preview(fresh) => {
            // only while the data the explorer opened on loads
            if app.first_load() {
                app.previewing = true;
                data::swap_timeline(app, *fresh);
            }
            return Vec::new();
        }
        Action::Loaded(fresh) => {
            app.loading = None;
            app.previewing = false;
            let (problems, warning) = (fresh.problems, fresh.warning.clone());
            data::swap_timeline(app, *fresh);
            if problems > 0 {
                app.message = Some(Message::error(format!(
                    "the data has {}; they are printed when you quit (or run `annals check`)",
                    crate::text::count(problems, "problem")
                )));
            }
            data::add_warning(app, warning.as_deref());
            return Vec::new();
        }
        Action::Reloaded(result) => {
            app.loading = None;
            data::reloaded(app, result);
            return Vec::new();
        }
        Action::Damaged => {
            // once per timeline: a reload that fails keeps the damaged one
            let Some(why) = app.timeline.damage().map(crate::text::one_line) else {
                return Vec::new();
            };
            if app.damage.is_some() || app.loading.is_some() {
                return Vec::new();
            }
            app.damage = Some(format!(
                "the cache could not be read ({why}); the data was loaded again from the sources"
            ));
            app.message = Some(Message::error(format!(
                "the cache could not be read ({why}); loading the data again from the sources"
            )));
            app.loading = Some(LoadStatus::reload_starting());
            return vec![Effect::Reload];
        }
        Action::Progress(status) => {
            if app.loading.is_some() {
                app.loading = Some(status);
            }
            return Vec::new();
        }
        Action::Filtered { generation, result } => {
            // a result for an older query (or timeline) is dropped: the
            // latest query wins
            if app.filtering == Some(generation) {
                app.filtering = None;
                let anchor = app.anchor();
                app.install(*result, anchor);
            }
            return Vec::new();
        }
        Action::Warning(w) => {
            data::add_warning(app, Some(&w));
            return Vec::new();
        }
        Action::ExportFinished(outcome) => {
            data::export_finished(app, outcome);
            return Vec::new();
        }
        _ => {}
    }
    if layout::areas(app.screen()).is_none() {
        // the screen only says it is too small: the keys typed meanwhile do
        // nothing, but the quit key that it names
        if matches!(action, Action::Cmd(Command::Quit)) {
            app.quitting = true;
            return vec![Effect::Quit];
        }
        return Vec::new();
    }
    app.message = None;
    let mode = std::mem::replace(&mut app.mode, Mode::Normal);
    match mode {
        Mode::Normal => normal::on_normal(app, action),
        Mode::Search => {
            dialogs::on_search(app, action);
            Vec::new()
        }
        Mode::Picker(mut p) => {
            if dialogs::on_picker(app, &mut p, action) {
                app.mode = Mode::Picker(p);
            }
            Vec::new()
        }
        Mode::Dates(mut d) => {
            if dialogs::on_dates(app, &mut d, action) {
                app.mode = Mode::Dates(d);
            }
            Vec::new()
        }
        Mode::Export(mut d) => {
            let (effects, keep) = dialogs::on_export(app, &mut d, action);
            if keep {
                app.mode = Mode::Export(d);
            }
            effects
        }
        Mode::Help { mut scroll } => {
            if dialogs::on_help(app, &mut scroll, action) {
                app.mode = Mode::Help { scroll };
            }
            Vec::new()
        }
    }
}
