//! Property tests for the explorer: any text as a key map, any text typed as
//! a search or a date range, and any sequence of actions at any terminal size
//! from 1x1 to 300x100. Nothing panics, and after every step the invariants
//! hold: the selection is inside the shown list (or the list is empty), the
//! marks name events of the timeline, and the shown list is exactly what the
//! filters keep, checked one event at a time with `Filter::keeps_structured`
//! and `Query::matches`. Each step is drawn into a test backend of the
//! current size, and no control or bidirectional character from the data
//! reaches a cell. The timeline is the explorer's fixture data plus events
//! whose every text is full of escape sequences.

#[path = "tui_support/mod.rs"]
mod common;

use std::path::Path;
use std::sync::{Arc, OnceLock};

use annals::filter::{Filter, Query};
use annals::model::{ArticleMeta, Event, Names, Origin, Source};
use annals::text::is_dangerous;
use annals::timeline::Timeline;
use annals::tui::action::{Action, Command, Effect, Fresh};
use annals::tui::app::{App, Mode, update};
use annals::tui::keymap::KeyMap;
use annals::tui::layout;
use proptest::prelude::*;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

/// Clear screen, home, set the window title, a hyperlink, colours, a C1
/// CSI, DEL, and bidirectional overrides and isolates.
const HOSTILE: &str = "\u{1b}[2J\u{1b}[H\u{1b}]0;pwned\u{7}\u{1b}]8;;https://example.invalid/\u{1b}\\link\u{1b}]8;;\u{1b}\\ \u{1b}[31mred\u{1b}[0m \u{202e}desrever\u{202c} \u{2066}isolated\u{2069} \u{9b}1m \u{7f}";

fn hostile_event(n: usize, date: &str) -> Event {
    let article = Arc::new(ArticleMeta {
        file: format!("evil{HOSTILE}{n}.txt"),
        title: Some(format!("Article {HOSTILE}")),
        source: Some(format!("Outlet {HOSTILE}")),
        author: Some(HOSTILE.into()),
        ..Default::default()
    });
    let sentence = format!("On 15 July 2016 {HOSTILE} the talks ended.");
    Event {
        id: format!("hostile-{n}{HOSTILE}"),
        date: date.parse().expect("a fixed date"),
        end: None,
        title: format!("Hostile {n} {HOSTILE} title"),
        summary: format!("Summary {HOSTILE}\nsecond line\tand a tab"),
        countries: Names::from(["TR".to_string(), format!("X{HOSTILE}")]),
        actors: Names::from([format!("Actor {HOSTILE}")]),
        tags: Names::from([format!("tag{HOSTILE}"), "coup".to_string()]),
        aliases: Names::from([format!("alias {HOSTILE}")]),
        origin: if n % 2 == 0 {
            Origin::Curated
        } else {
            Origin::Extracted
        },
        status: Default::default(),
        confidence: None,
        sources: vec![Source {
            article,
            start: 3,
            end: 15,
            text: "15 July 2016".into(),
            dated: true,
            sentence: sentence.into(),
            sentence_start: 0,
            why: Default::default(),
        }],
    }
}

fn timeline() -> Arc<Timeline> {
    static T: OnceLock<Arc<Timeline>> = OnceLock::new();
    Arc::clone(T.get_or_init(|| {
        let base = common::fixture_timeline();
        let mut events = base.owned_events().expect("in memory").to_vec();
        events.push(hostile_event(1, "2016-07-15"));
        events.push(hostile_event(2, "2019"));
        events.push(hostile_event(3, "2017-03"));
        Arc::new(Timeline::new(events, base.gazetteer.clone()))
    }))
}

/// The invariants, checked against a plain scan of the timeline.
fn check(app: &App) -> Result<(), TestCaseError> {
    // small data filters at once: what is shown is the current filter's result
    prop_assert_eq!(app.filtering(), None);
    prop_assert_eq!(app.applied().as_ref(), Some(&app.filter));
    check_shown(app)
}

/// The invariants that hold at every moment, a filter running in the
/// background or not: `shown` is exactly what the applied filter keeps.
fn check_shown(app: &App) -> Result<(), TestCaseError> {
    let t = &app.timeline;
    if app.shown.is_empty() {
        prop_assert_eq!(app.selected, 0);
    } else {
        prop_assert!(app.selected < app.shown.len());
    }
    for i in app.marks.indices() {
        prop_assert!(i < t.len(), "mark {} is past the timeline's end", i);
    }
    prop_assert_eq!(app.marks.indices().count(), app.marks.len());
    let Some(applied) = app.applied() else {
        // between a new timeline and its first result: part of that result,
        // in timeline order
        let query = Query::parse(&app.filter.query);
        prop_assert!(app.shown.windows(2).all(|w| w[0] < w[1]));
        for &i in app.shown.iter() {
            prop_assert!(i < t.len());
            let e = &t.event(i);
            prop_assert!(app.filter.keeps_structured(e) && query.matches(e));
        }
        return Ok(());
    };
    let query = Query::parse(&applied.query);
    let expect: Vec<usize> = (0..t.len())
        .filter(|&i| applied.keeps_structured(&t.event(i)) && query.matches(&t.event(i)))
        .collect();
    prop_assert_eq!(&*app.shown, &expect, "filter {:?}", applied);
    // year headings: one per year, at its first event
    let mut years: Vec<(i32, usize)> = Vec::new();
    for (p, &i) in app.shown.iter().enumerate() {
        let y = t.event(i).date.first_year();
        if years.last().is_none_or(|&(last, _)| last != y) {
            years.push((y, p));
        }
    }
    prop_assert_eq!(app.years(), &years);
    let total = layout::total_rows(app.years(), app.shown.len());
    prop_assert!(app.scroll() <= total);
    Ok(())
}

/// Draws the app at its size; no dangerous character may reach a cell.
fn draw(app: &App) -> Result<String, TestCaseError> {
    let mut term =
        Terminal::new(TestBackend::new(app.width(), app.height())).expect("a test terminal");
    term.draw(|f| annals::tui::ui::view(app, f)).expect("draw");
    let buf = term.backend().buffer();
    let mut text = String::new();
    for cell in &buf.content {
        prop_assert!(
            !cell.symbol().chars().any(is_dangerous),
            "a cell holds {:?}",
            cell.symbol()
        );
        text.push_str(cell.symbol());
    }
    Ok(text)
}

/// Runs effects as the loop would, without touching files: a reload brings
/// the same data back, an export is reported as failed.
fn settle(app: &mut App, effects: Vec<Effect>) {
    let mut queue = effects;
    while !queue.is_empty() {
        let mut next = Vec::new();
        for e in queue {
            let action = match e {
                // nothing comes back from quitting or from the clipboard
                Effect::Quit | Effect::Copy(_) | Effect::Free(_) => continue,
                Effect::Reload => Action::Reloaded(Ok(Box::new(Fresh {
                    timeline: timeline(),
                    problems: 0,
                    warning: None,
                    unfiltered: None,
                }))),
                Effect::Filter { .. } => panic!("small data filters at once"),
                Effect::Export { .. } => Action::ExportFinished(
                    annals::tui::export_hook::ExportOutcome::Failed("not in tests".into()),
                ),
            };
            next.extend(update(app, action));
        }
        queue = next;
    }
}

fn any_command() -> impl Strategy<Value = Command> {
    prop::sample::select(Command::ALL.to_vec())
}

/// Characters people type, and anything else but NUL: the core's search
/// index separates an event's short fields with NUL bytes and a query with a
/// NUL matches them (see `a_nul_in_a_query_matches_no_field_separator`); NUL
/// joins the other characters here once that is fixed.
fn typed_char() -> impl Strategy<Value = char> {
    prop_oneof![
        4 => prop::sample::select("coupturkeys-400 gasIRTR2016".chars().collect::<Vec<_>>()),
        1 => any::<char>().prop_filter("NUL", |&c| c != '\0'),
        1 => prop::sample::select(vec!['\u{1b}', '\u{7}', '\u{9b}', '\u{202e}', '\u{2066}', '\n', '\t']),
    ]
}

#[derive(Debug, Clone)]
enum Step {
    Act(ActionSpec),
    Resize(u16, u16),
}

/// `Action` is not `Clone`/`Debug`, so steps are described and built.
#[derive(Debug, Clone)]
enum ActionSpec {
    Cmd(Command),
    Input(char),
    DeleteBack,
    Submit,
    Back,
    NextField,
    Toggle,
    Confirm,
    Click(u16, u16),
    Wheel(u16, u16, bool),
}

impl ActionSpec {
    fn build(&self) -> Action {
        match *self {
            ActionSpec::Cmd(c) => Action::Cmd(c),
            ActionSpec::Input(c) => Action::Input(c),
            ActionSpec::DeleteBack => Action::DeleteBack,
            ActionSpec::Submit => Action::Submit,
            ActionSpec::Back => Action::Back,
            ActionSpec::NextField => Action::NextField,
            ActionSpec::Toggle => Action::Toggle,
            ActionSpec::Confirm => Action::Confirm,
            ActionSpec::Click(column, row) => Action::Click { column, row },
            ActionSpec::Wheel(column, row, down) => Action::Wheel { column, row, down },
        }
    }
}

fn size() -> impl Strategy<Value = (u16, u16)> {
    prop_oneof![
        2 => (1u16..=300, 1u16..=100),
        3 => (60u16..=160, 12u16..=50),
    ]
}

fn step() -> impl Strategy<Value = Step> {
    let action = prop_oneof![
        6 => any_command().prop_map(ActionSpec::Cmd),
        5 => typed_char().prop_map(ActionSpec::Input),
        1 => Just(ActionSpec::DeleteBack),
        2 => Just(ActionSpec::Submit),
        2 => Just(ActionSpec::Back),
        1 => Just(ActionSpec::NextField),
        2 => Just(ActionSpec::Toggle),
        1 => Just(ActionSpec::Confirm),
        1 => (0u16..300, 0u16..100).prop_map(|(c, r)| ActionSpec::Click(c, r)),
        1 => (0u16..300, 0u16..100, any::<bool>()).prop_map(|(c, r, d)| ActionSpec::Wheel(c, r, d)),
    ];
    prop_oneof![
        12 => action.prop_map(Step::Act),
        1 => size().prop_map(|(w, h)| Step::Resize(w, h)),
    ]
}

/// A step of the background variant: an action, or a filter result coming
/// back (any of those on their way, in any order).
#[derive(Debug, Clone)]
enum BgStep {
    Step(Step),
    Deliver(prop::sample::Index),
}

fn bg_step() -> impl Strategy<Value = BgStep> {
    prop_oneof![
        3 => step().prop_map(BgStep::Step),
        1 => any::<prop::sample::Index>().prop_map(BgStep::Deliver),
    ]
}

/// Runs effects with filters left on their way, to come back later.
fn settle_bg(app: &mut App, effects: Vec<Effect>, on_the_way: &mut Vec<(u64, Filter)>) {
    let mut queue = effects;
    while !queue.is_empty() {
        let mut next: Vec<Effect> = Vec::new();
        for e in queue {
            let action = match e {
                Effect::Filter { generation, filter } => {
                    on_the_way.push((generation, filter));
                    continue;
                }
                // nothing comes back from quitting or from the clipboard
                Effect::Quit | Effect::Copy(_) | Effect::Free(_) => continue,
                Effect::Reload => Action::Reloaded(Ok(Box::new(Fresh {
                    timeline: timeline(),
                    problems: 0,
                    warning: None,
                    unfiltered: None,
                }))),
                Effect::Export { .. } => Action::ExportFinished(
                    annals::tui::export_hook::ExportOutcome::Failed("not in tests".into()),
                ),
            };
            next.extend(update(app, action));
        }
        queue = next;
    }
}

fn deliver(app: &mut App, (generation, filter): (u64, Filter)) -> Vec<Effect> {
    let result = annals::tui::shown::compute(&app.timeline, &filter, None);
    update(
        app,
        Action::Filtered {
            generation,
            result: Box::new(result),
        },
    )
}

fn new_app(w: u16, h: u16) -> App {
    App::new(timeline(), KeyMap::default(), true, w, h)
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 48,
        // a failure prints its minimal input; nothing is written into tests/
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn any_actions_at_any_size_keep_the_invariants(
        (w, h) in size(),
        steps in prop::collection::vec(step(), 1..40),
    ) {
        let mut app = new_app(w, h);
        check(&app)?;
        draw(&app)?;
        for s in &steps {
            let effects = match s {
                Step::Act(a) => update(&mut app, a.build()),
                Step::Resize(w, h) => update(&mut app, Action::Resize { width: *w, height: *h }),
            };
            settle(&mut app, effects);
            check(&app)?;
            draw(&app)?;
        }
    }

    #[test]
    fn with_filters_in_the_background_the_latest_filter_wins(
        (w, h) in size(),
        steps in prop::collection::vec(bg_step(), 1..40),
        order in any::<prop::sample::Index>(),
    ) {
        let mut app = new_app(w, h);
        app.sync_limit = 0;
        let mut on_the_way: Vec<(u64, Filter)> = Vec::new();
        for s in &steps {
            let effects = match s {
                BgStep::Step(Step::Act(a)) => update(&mut app, a.build()),
                BgStep::Step(Step::Resize(w, h)) => {
                    update(&mut app, Action::Resize { width: *w, height: *h })
                }
                BgStep::Deliver(i) if !on_the_way.is_empty() => {
                    let item = on_the_way.remove(i.index(on_the_way.len()));
                    deliver(&mut app, item)
                }
                BgStep::Deliver(_) => Vec::new(),
            };
            settle_bg(&mut app, effects, &mut on_the_way);
            check_shown(&app)?;
            if app.filtering().is_none() && app.load_status().is_none() {
                prop_assert_eq!(app.applied().as_ref(), Some(&app.filter));
            }
            draw(&app)?;
        }
        // everything on its way comes back, in some order: the newest wins
        while !on_the_way.is_empty() {
            let item = on_the_way.remove(order.index(on_the_way.len()));
            let effects = deliver(&mut app, item);
            settle_bg(&mut app, effects, &mut on_the_way);
        }
        check(&app)?;
        draw(&app)?;
    }

    #[test]
    fn any_text_typed_as_a_search_keeps_the_invariants(
        text in prop::collection::vec(typed_char(), 0..30),
        backspaces in 0usize..5,
        (w, h) in size(),
    ) {
        let mut app = new_app(w, h);
        update(&mut app, Action::Cmd(Command::Search));
        for c in &text {
            update(&mut app, Action::Input(*c));
            check(&app)?;
        }
        let typed: String = text.iter().collect();
        if layout::areas(app.screen()).is_none() {
            // the "too small" screen takes no keys but quit
            prop_assert_eq!(&app.mode, &Mode::Normal);
            prop_assert_eq!(&app.filter.query, "");
            return Ok(());
        }
        prop_assert_eq!(&app.filter.query, &typed);
        for _ in 0..backspaces {
            update(&mut app, Action::DeleteBack);
            check(&app)?;
        }
        let screen = draw(&app)?;
        if app.width() >= layout::MIN_WIDTH && app.height() >= layout::MIN_HEIGHT && !typed.is_empty() {
            // the search line shows the query's end, with escapes visible
            prop_assert!(screen.contains('/'));
        }
        update(&mut app, Action::Submit);
        prop_assert_eq!(&app.mode, &Mode::Normal);
        check(&app)?;
        draw(&app)?;
    }

    #[test]
    fn any_text_typed_as_a_date_range_keeps_the_invariants(
        from in prop_oneof![
            3 => "[0-9]{1,4}(-[0-9]{1,2}){0,2}",
            1 => "\\PC{0,12}",
            1 => prop::collection::vec(typed_char(), 0..12).prop_map(|v| v.into_iter().collect::<String>()),
        ],
        to in prop_oneof![
            3 => "[0-9]{1,4}(-[0-9]{1,2}){0,2}",
            1 => "\\PC{0,12}",
            1 => prop::collection::vec(typed_char(), 0..12).prop_map(|v| v.into_iter().collect::<String>()),
        ],
        (w, h) in size(),
    ) {
        let mut app = new_app(w, h);
        update(&mut app, Action::Cmd(Command::Dates));
        for c in from.chars() {
            update(&mut app, Action::Input(c));
        }
        update(&mut app, Action::NextField);
        for c in to.chars() {
            update(&mut app, Action::Input(c));
        }
        draw(&app)?;
        update(&mut app, Action::Submit);
        check(&app)?;
        draw(&app)?;
        match &app.mode {
            // refused: the filter is untouched and the dialog says why
            Mode::Dates(d) => {
                prop_assert!(d.error.is_some());
                prop_assert_eq!(&app.filter, &Filter::default());
            }
            // accepted: the shown events overlap the range
            Mode::Normal => {
                let (a, b) = (app.filter.from, app.filter.to);
                for &i in app.shown.iter() {
                    let e = &app.timeline.event(i);
                    if let Some(a) = a {
                        prop_assert!(e.span_end() > a.start());
                    }
                    if let Some(b) = b {
                        prop_assert!(e.span_start() < b.end());
                    }
                }
            }
            other => prop_assert!(false, "unexpected mode {:?}", other),
        }
    }

    #[test]
    fn any_text_as_a_key_map_is_read_or_refused_with_inert_messages(
        text in prop_oneof![
            1 => "\\PC{0,80}",
            1 => any::<String>(),
            3 => key_map_text(),
        ],
    ) {
        let path = Path::new("keys.toml");
        match KeyMap::from_toml(path, &text) {
            Ok(map) => {
                for c in Command::ALL {
                    let keys = map.keys_text(c);
                    prop_assert!(!keys.chars().any(is_dangerous), "{:?}", keys);
                    for k in map.keys(c) {
                        prop_assert_eq!(map.command(*k), Some(c));
                    }
                }
                // help and hints are drawn from it
                let mut app = App::new(timeline(), map, true, 100, 30);
                draw(&app)?;
                update(&mut app, Action::Cmd(Command::Help));
                draw(&app)?;
            }
            Err(problems) => {
                prop_assert!(!problems.is_empty());
                for p in &problems {
                    prop_assert!(p.starts_with("keys.toml:"), "{:?}", p);
                    prop_assert!(!p.chars().any(is_dangerous), "{:?}", p);
                }
            }
        }
    }
}

/// Key map files that are mostly well formed: known and unknown action
/// names, keys as strings or lists, with now and then a value of the wrong
/// kind or a hostile character.
fn key_map_text() -> impl Strategy<Value = String> {
    let name = prop_oneof![
        4 => prop::sample::select(Command::ALL.iter().map(|c| c.name().to_string()).collect::<Vec<_>>()),
        1 => "[a-z-]{1,12}",
        1 => "\\PC{1,6}",
    ];
    let key = prop_oneof![
        4 => prop::sample::select(
            ["j", "k", "m", "G", "?", "Space", "Tab", "Enter", "Esc", "Ctrl-c", "Ctrl-d", "Alt-x",
             "PageDown", "F1", "F13", "Shift-Tab", "ctrl-", "", "banana", "C-M-x"]
                .iter().map(|s| s.to_string()).collect::<Vec<_>>()
        ),
        1 => any::<char>().prop_map(|c| c.to_string()),
        1 => "\\PC{0,8}",
    ];
    let value = prop_oneof![
        3 => key.clone().prop_map(|k| toml_string(&k)),
        2 => prop::collection::vec(key, 0..4)
            .prop_map(|ks| format!("[{}]", ks.iter().map(|k| toml_string(k)).collect::<Vec<_>>().join(", "))),
        1 => prop_oneof![Just("3".to_string()), Just("true".to_string()), Just("{ a = 1 }".to_string()), Just("[1, \"j\"]".to_string())],
    ];
    prop::collection::vec((name, value), 0..8).prop_map(|entries| {
        entries
            .iter()
            .map(|(n, v)| format!("{} = {v}\n", toml_key(n)))
            .collect()
    })
}

fn toml_string(s: &str) -> String {
    toml::Value::String(s.to_string()).to_string()
}

fn toml_key(s: &str) -> String {
    if !s.is_empty()
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
    {
        s.to_string()
    } else {
        toml_string(s)
    }
}

#[test]
fn hostile_text_shows_as_visible_escapes_in_the_detail_pane() {
    let mut app = new_app(160, 50);
    update(&mut app, Action::Cmd(Command::Search));
    for c in "hostile".chars() {
        update(&mut app, Action::Input(c));
    }
    update(&mut app, Action::Submit);
    assert_eq!(app.shown.len(), 3);
    let screen = common::screen(&mut app, 160, 50);
    assert!(
        screen.contains("Hostile 1 \\u{1b}[2J\\u{1b}[H\\u{1b}]0;pwned\\u{7}"),
        "{screen}"
    );
    assert!(screen.contains("\\u{202e}desrever"), "{screen}");
    assert!(screen.contains("\\u{2066}isolated\\u{2069}"), "{screen}");
    assert!(screen.contains("X\\u{1b}[2J"), "the country code: {screen}");
    assert!(screen.contains("tag\\u{1b}[2J"), "the tag: {screen}");
    assert!(!screen.contains('\u{1b}') && !screen.contains('\u{202e}'));
    // the picker lists the hostile country code and tag inertly
    update(&mut app, Action::Cmd(Command::Tags));
    let screen = common::screen(&mut app, 160, 50);
    assert!(screen.contains("tag\\u{1b}[2J"), "{screen}");
}

/// The search index keeps each event's short fields in one buffer, kept
/// apart by NUL bytes: a query holding a NUL must not match a separator, with
/// the index and without it.
#[test]
fn a_nul_in_a_query_matches_no_field_separator() {
    let t = timeline();
    t.prepare_search();
    assert!(t.search_ready());
    for q in ["\0", "a\0", "\0\0\0"] {
        let f = Filter {
            query: q.into(),
            ..Default::default()
        };
        let query = Query::parse(q);
        let expect: Vec<usize> = (0..t.len())
            .filter(|&i| query.matches(&t.event(i)))
            .collect();
        assert_eq!(t.filter(&f), expect, "query {q:?}");
    }
}
