//! The explorer's background work, tested without timing: filters over a
//! large timeline go to the worker and only the latest result is kept; the
//! data loads behind a screen that draws and takes keys; a reload keeps the
//! selection when the filter has to run again in the background.

#[path = "tui_support/mod.rs"]
mod common;

use std::sync::Arc;
use std::sync::mpsc;
use std::time::Duration;

use annals::filter::Filter;
use annals::loader::Sources;
use annals::tui::action::{Action, Effect, Fresh, LoadStatus};
use annals::tui::app::{App, Mode};
use annals::tui::keymap::KeyMap;
use annals::tui::shown;
use annals::tui::worker::FilterWorker;
use common::*;

/// An app that sends every filter to the background, as one over a large
/// timeline does.
fn background_app() -> App {
    let mut app = app_sized(100, 30, true);
    app.sync_limit = 0;
    app
}

/// [`background_app`] over the fixture data with `query` searched for and
/// kept (Enter), its result in place.
fn searched_for(query: &str) -> (App, Sources) {
    let mut app = background_app();
    let sources = fixture_sources();
    press(&mut app, &["/"]);
    let effects = type_text(&mut app, query);
    annals::tui::run_effects(&mut app, &sources, effects);
    press(&mut app, &["Enter"]);
    (app, sources)
}

fn filter_effects(effects: &[Effect]) -> Vec<(u64, Filter)> {
    effects
        .iter()
        .filter_map(|e| match e {
            Effect::Filter { generation, filter } => Some((*generation, filter.clone())),
            _ => None,
        })
        .collect()
}

fn result_for(app: &App, generation: u64, filter: &Filter) -> Action {
    Action::Filtered {
        generation,
        result: Box::new(shown::compute(&app.timeline, filter, None)),
    }
}

#[test]
fn a_large_timeline_filters_in_the_background_and_the_latest_query_wins() {
    let mut app = background_app();
    press(&mut app, &["/"]);
    let asked = filter_effects(&type_text(&mut app, "coup"));
    assert_eq!(asked.len(), 4, "one request per key: {asked:?}");
    let (last_gen, last_filter) = asked.last().cloned().unwrap();
    assert_eq!(last_filter.query, "coup");
    // typing did not wait: the old list is still there, with the busy sign
    assert_eq!(app.shown.len(), 18);
    assert_eq!(app.filtering(), Some(last_gen));
    let s = screen(&mut app, 100, 30);
    assert!(s.contains("filtering…"), "{s}");
    assert!(s.contains("18 of 18 events"), "{s}");

    // an older result arriving first is dropped
    let (g1, f1) = asked[0].clone();
    let r = result_for(&app, g1, &f1);
    act(&mut app, r);
    assert_eq!(app.shown.len(), 18);
    assert_eq!(app.filtering(), Some(last_gen));

    // the newest replaces the list and the busy sign goes
    let r = result_for(&app, last_gen, &last_filter);
    act(&mut app, r);
    assert_eq!(app.filtering(), None);
    assert_eq!(
        shown_titles(&app),
        ["Coup attempt in Turkey", "State of emergency and purges"]
    );
    assert_eq!(app.applied().as_ref(), Some(&last_filter));
    let s = screen(&mut app, 100, 30);
    assert!(!s.contains("filtering…"), "{s}");
    assert!(s.contains("2 of 18 events"), "{s}");

    // and one arriving late does not bring an old list back
    let (g2, f2) = asked[1].clone();
    let r = result_for(&app, g2, &f2);
    act(&mut app, r);
    assert_eq!(app.shown.len(), 2);
}

#[test]
fn the_selection_follows_its_event_when_a_background_result_arrives() {
    let mut app = background_app();
    select_title(&mut app, "Turkey signs the S-400");
    press(&mut app, &["/"]);
    let asked = filter_effects(&type_text(&mut app, "turkey"));
    // the user moves while the filter runs (and comes back): the event they
    // chose stays selected, rather than the first match
    press(&mut app, &["Up", "Down", "Enter"]);
    let (g, f) = asked.last().cloned().unwrap();
    let r = result_for(&app, g, &f);
    act(&mut app, r);
    assert_eq!(
        selected_title(&app),
        "Turkey signs the S-400 purchase deal with Russia"
    );
}

#[test]
fn a_search_in_the_background_selects_its_first_match() {
    let mut app = background_app();
    select_title(&mut app, "Turkey signs the S-400");
    press(&mut app, &["/"]);
    let asked = filter_effects(&type_text(&mut app, "turkey"));
    press(&mut app, &["Enter"]);
    let (g, f) = asked.last().cloned().unwrap();
    let r = result_for(&app, g, &f);
    act(&mut app, r);
    assert_eq!(app.selected, 0);
    assert_eq!(selected_title(&app), shown_titles(&app)[0]);
    assert_ne!(
        selected_title(&app),
        "Turkey signs the S-400 purchase deal with Russia"
    );
}

#[test]
fn the_worker_narrows_and_hands_back_the_newest_result() {
    let timeline = Arc::new(fixture_timeline());
    let (tx, rx) = mpsc::channel();
    let worker = FilterWorker::spawn(move |g, r| tx.send((g, r)).is_ok()).unwrap();
    let queries = ["t", "tu", "tur", "turk", "turkey", "turkey s-4"];
    for (g, q) in queries.iter().enumerate() {
        let f = Filter {
            query: q.to_string(),
            ..Default::default()
        };
        worker.request(Arc::clone(&timeline), g as u64 + 1, f);
    }
    // results come in order of request, some skipped, the last one always
    let mut seen = Vec::new();
    loop {
        let (g, r) = rx
            .recv_timeout(Duration::from_secs(60))
            .expect("the worker answers");
        let expect = timeline.filter(&r.filter);
        assert_eq!(*r.events, expect, "generation {g}");
        assert_eq!(r.filter.query, queries[g as usize - 1]);
        seen.push(g);
        if g == queries.len() as u64 {
            break;
        }
    }
    assert!(seen.windows(2).all(|w| w[0] < w[1]), "{seen:?}");
    // a different structured filter after a query cannot narrow: full run
    let f = Filter {
        countries: vec!["IR".into()],
        ..Default::default()
    };
    worker.request(Arc::clone(&timeline), 99, f.clone());
    let (g, r) = rx.recv_timeout(Duration::from_secs(60)).unwrap();
    assert_eq!(g, 99);
    assert_eq!(*r.events, timeline.filter(&f));
}

#[test]
fn while_loading_the_explorer_draws_takes_a_query_and_fills_in() {
    let mut app = App::loading(KeyMap::default(), true, 80, 24);
    assert!(app.first_load());
    let s = screen(&mut app, 80, 24);
    assert!(s.contains("Loading the data…"), "{s}");
    assert!(s.contains("loading… 0.0 s"), "{s}");
    act(
        &mut app,
        Action::Progress(LoadStatus {
            reload: false,
            tenths: 14,
            phase: "reading the articles".into(),
            done: 50,
            total: 200,
        }),
    );
    let s = screen(&mut app, 80, 24);
    assert!(s.contains("reading the articles · 1.4 s"), "{s}");
    assert!(s.contains("25%"), "{s}");
    assert!(s.contains("50 of 200"), "{s}");
    insta::assert_snapshot!("loading_80x24", s);

    // pickers wait for the data; a query can be typed meanwhile
    press(&mut app, &["c"]);
    assert_eq!(app.mode, Mode::Normal);
    assert!(
        app.message
            .as_ref()
            .is_some_and(|m| m.text.contains("loading"))
    );
    press(&mut app, &["/"]);
    let effects = type_text(&mut app, "coup");
    assert!(effects.is_empty(), "nothing to filter yet: {effects:?}");
    press(&mut app, &["Enter"]);

    // the data comes: the query applies to it
    let effects = load_fixture(&mut app, 3);
    assert!(effects.is_empty());
    assert!(!app.first_load());
    assert_eq!(
        shown_titles(&app),
        ["Coup attempt in Turkey", "State of emergency and purges"]
    );
    let m = app.message.clone().unwrap();
    assert!(m.error && m.text.contains("3 problems"), "{m:?}");
    let s = screen(&mut app, 80, 24);
    assert!(s.contains("2 of 18 events"), "{s}");
    assert!(!s.contains("Loading"), "{s}");
}

/// Hands the fixture data to an explorer still loading, as the loading thread
/// does: with the unfiltered result prepared, and `problems` found.
fn load_fixture(app: &mut App, problems: usize) -> Vec<Effect> {
    load_fixture_warned(app, problems, None)
}

/// [`load_fixture`], with a warning about the load that is not a problem of
/// the data.
fn load_fixture_warned(app: &mut App, problems: usize, warning: Option<&str>) -> Vec<Effect> {
    let timeline = Arc::new(fixture_timeline());
    let unfiltered = shown::compute(&timeline, &Filter::default(), None);
    act(
        app,
        Action::Loaded(Box::new(Fresh {
            timeline,
            problems,
            warning: warning.map(Into::into),
            unfiltered: Some(unfiltered),
        })),
    )
}

const CACHE_WARNING: &str = "the cache folder /x/annals cannot be used (Not a directory); \
                             loading without it";

#[test]
fn a_cache_warning_shows_in_the_status_line_and_is_not_a_data_problem() {
    let mut app = App::loading(KeyMap::default(), true, 120, 24);
    load_fixture_warned(&mut app, 0, Some(CACHE_WARNING));
    let m = app.message.clone().expect("a message");
    assert!(!m.error, "{m:?}");
    assert_eq!(m.text, format!("warning: {CACHE_WARNING}"));
    assert!(!m.text.contains("problem"), "{m:?}");
    let s = screen(&mut app, 120, 24);
    assert!(s.contains("warning: the cache folder /x/annals"), "{s}");
    assert!(s.contains("18 of 18 events"), "{s}");

    // with problems too, the problems come first and the message is an error
    let mut app = App::loading(KeyMap::default(), true, 120, 24);
    load_fixture_warned(&mut app, 2, Some(CACHE_WARNING));
    let m = app.message.clone().expect("a message");
    assert!(m.error, "{m:?}");
    assert!(m.text.starts_with("the data has 2 problems;"), "{m:?}");
    assert!(
        m.text.ends_with(&format!("; warning: {CACHE_WARNING}")),
        "{m:?}"
    );

    // and without a warning there is no message
    let mut app = App::loading(KeyMap::default(), true, 120, 24);
    load_fixture_warned(&mut app, 0, None);
    assert_eq!(app.message, None);
}

#[test]
fn loaded_data_with_no_query_uses_the_result_prepared_with_the_load() {
    let mut app = App::loading(KeyMap::default(), true, 80, 24);
    app.sync_limit = 0;
    let effects = load_fixture(&mut app, 0);
    // no filter to run, even for a timeline filtered in the background
    assert!(effects.is_empty(), "{effects:?}");
    assert_eq!(app.shown.len(), 18);
    assert_eq!(app.filtering(), None);
    assert_eq!(app.years().len(), 7);
}

#[test]
fn a_reload_with_a_background_filter_keeps_the_selection() {
    let (mut app, sources) = searched_for("turkey");
    select_title(&mut app, "Turkey signs the S-400");
    let effects = press(&mut app, &["r"]);
    assert_eq!(effects, [Effect::Reload]);
    let s = screen(&mut app, 100, 30);
    assert!(s.contains("reloading… 0.0 s"), "{s}");
    // the reload runs the query again over the new timeline, in the background
    annals::tui::run_effects(&mut app, &sources, effects);
    assert!(app.load_status().is_none());
    assert_eq!(app.filtering(), None);
    assert_eq!(app.filter.query, "turkey");
    assert_eq!(
        *app.shown,
        app.timeline.filter(&Filter {
            query: "turkey".into(),
            ..Default::default()
        })
    );
    assert_eq!(
        selected_title(&app),
        "Turkey signs the S-400 purchase deal with Russia"
    );
}

#[test]
fn a_key_while_a_reload_runs_does_not_start_another() {
    let mut app = app();
    assert_eq!(press(&mut app, &["r"]), [Effect::Reload]);
    assert!(press(&mut app, &["r"]).is_empty());
    assert!(
        app.message
            .as_ref()
            .is_some_and(|m| m.text.contains("already"))
    );
}

#[test]
fn a_preview_shows_part_of_the_data_until_the_whole_arrives() {
    let mut app = App::loading(KeyMap::default(), true, 100, 30);
    let whole = fixture_timeline();
    // the first ten events the loader read, as a preview
    let fresh =
        annals::tui::loading::preview(&whole.owned_events().unwrap()[..10], &whole.gazetteer);
    act(
        &mut app,
        Action::Progress(LoadStatus {
            reload: false,
            tenths: 7,
            phase: "reading the catalog (KiB)".into(),
            done: 40,
            total: 100,
        }),
    );
    act(&mut app, Action::Preview(Box::new(fresh)));
    assert!(app.first_load() && app.previewing());
    let s = screen(&mut app, 100, 30);
    assert!(s.contains("10 of 10 events so far"), "{s}");
    assert!(
        s.contains("loading… reading the catalog 40% · 0.7 s"),
        "{s}"
    );
    assert!(
        !s.contains("Loading the data"),
        "the preview replaces the loading screen: {s}"
    );

    // the preview can be searched and marked, but not exported
    let first = selected_title(&app);
    press(&mut app, &["Space"]);
    assert_eq!(app.marks.len(), 1);
    press(&mut app, &["e"]);
    assert_eq!(app.mode, Mode::Normal, "no export of a part");
    assert!(app.message.as_ref().unwrap().text.contains("still loading"));
    press(&mut app, &["/"]);
    type_text(&mut app, "coup");
    press(&mut app, &["Enter"]);
    let in_preview = shown_titles(&app);
    assert!(in_preview.len() < 10, "{in_preview:?}");

    // the whole data: the query and the mark carry over, the preview is gone
    let whole = Arc::new(whole);
    act(
        &mut app,
        Action::Loaded(Box::new(Fresh {
            unfiltered: Some(shown::compute(&whole, &Filter::default(), None)),
            timeline: whole,
            problems: 0,
            warning: None,
        })),
    );
    assert!(!app.first_load() && !app.previewing());
    assert_eq!(app.marks.len(), 1, "the mark made on the preview stays");
    assert_eq!(
        shown_titles(&app),
        ["Coup attempt in Turkey", "State of emergency and purges"]
    );
    let s = screen(&mut app, 100, 30);
    assert!(s.contains("2 of 18 events") && !s.contains("so far"), "{s}");
    press(&mut app, &["Escape"]);
    let marked: Vec<String> = app
        .timeline
        .iter()
        .enumerate()
        .filter(|(i, _)| app.marks.contains(*i))
        .map(|(_, e)| e.title.clone())
        .collect();
    assert_eq!(marked, [first]);
}

#[test]
fn a_preview_after_the_load_or_during_a_reload_is_ignored() {
    let mut app = app_sized(100, 30, true);
    let whole = fixture_timeline();
    let fresh =
        annals::tui::loading::preview(&whole.owned_events().unwrap()[..3], &whole.gazetteer);
    act(&mut app, Action::Preview(Box::new(fresh)));
    assert!(!app.previewing());
    assert_eq!(app.timeline.len(), 18);
}

#[test]
fn a_query_typed_on_a_preview_keeps_its_matches_while_the_whole_is_filtered() {
    let mut app = App::loading(KeyMap::default(), true, 100, 30);
    app.sync_limit = 0;
    let whole = fixture_timeline();
    // the preview: every other event the loader read
    let part: Vec<_> = whole
        .iter()
        .step_by(2)
        .map(std::borrow::Cow::into_owned)
        .collect();
    let fresh = annals::tui::loading::preview(&part, &whole.gazetteer);
    act(&mut app, Action::Preview(Box::new(fresh)));
    press(&mut app, &["/"]);
    let effects = type_text(&mut app, "turkey");
    let (generation, filter) = filter_effects(&effects).pop().expect("a background filter");
    let result = result_for(&app, generation, &filter);
    act(&mut app, result);
    press(&mut app, &["Enter"]);
    let in_preview = shown_titles(&app);
    assert!(in_preview.len() >= 2, "{in_preview:?}");
    select_title(&mut app, &in_preview[1]);

    // the whole data comes: its own result is computed in the background,
    // and meanwhile the preview's matches stay, selection and all
    let whole = Arc::new(whole);
    let effects = act(
        &mut app,
        Action::Loaded(Box::new(Fresh {
            unfiltered: Some(shown::compute(&whole, &Filter::default(), None)),
            timeline: whole,
            problems: 0,
            warning: None,
        })),
    );
    let (generation, filter) = filter_effects(&effects)
        .pop()
        .expect("the filter runs again");
    assert_eq!(filter.query, "turkey");
    assert!(app.filtering().is_some() && app.applied().is_none());
    assert_eq!(shown_titles(&app), in_preview, "the preview's matches stay");
    assert_eq!(selected_title(&app), in_preview[1]);
    let s = screen(&mut app, 100, 30);
    assert!(s.contains("filtering…"), "{s}");
    // part of a result is not exported as if it were the whole
    press(&mut app, &["e"]);
    assert_eq!(app.mode, Mode::Normal);
    assert!(message(&app).contains("still being filtered"));

    // then the whole result, a superset, with the selection kept
    let result = result_for(&app, generation, &filter);
    act(&mut app, result);
    assert_eq!(app.applied().as_ref(), Some(&filter));
    let all = shown_titles(&app);
    assert!(all.len() > in_preview.len(), "{all:?}");
    assert!(in_preview.iter().all(|t| all.contains(t)));
    assert_eq!(selected_title(&app), in_preview[1]);
    press(&mut app, &["e"]);
    assert!(
        matches!(app.mode, Mode::Export(_)),
        "export opens on the whole result"
    );
}

#[test]
fn events_carried_over_a_reload_give_way_when_the_filter_changes() {
    let (mut app, sources) = searched_for("turkey");
    let effects = press(&mut app, &["r"]);
    assert_eq!(effects, [Effect::Reload]);
    let ready = annals::tui::loading::load(&sources, &annals::tui::loading::Progress::new(true))
        .expect("the fixture loads");
    let effects = act(&mut app, Action::Reloaded(Ok(Box::new(ready.fresh))));
    assert_eq!(filter_effects(&effects).len(), 1, "the filter runs again");
    let carried = shown_titles(&app);
    assert!(
        app.applied().is_none(),
        "the reloaded data's result is on its way"
    );
    assert!(
        carried.iter().any(|t| !t.contains("S-400")),
        "meanwhile the old list stays: {carried:?}"
    );

    // the query grows: the carried list was for the query before
    press(&mut app, &["/"]);
    let effects = type_text(&mut app, " s-400");
    let (generation, filter) = filter_effects(&effects).pop().expect("a background filter");
    assert_eq!(filter.query, "turkey s-400");
    let query = annals::filter::Query::parse(&filter.query);
    assert!(
        app.shown
            .iter()
            .all(|&i| query.matches(&app.timeline.event(i))),
        "an event the query does not match is still shown: {:?}",
        shown_titles(&app)
    );
    let result = result_for(&app, generation, &filter);
    act(&mut app, result);
    assert_eq!(app.applied().as_ref(), Some(&filter));
    let found = shown_titles(&app);
    assert!(
        !found.is_empty() && found.len() < carried.len(),
        "{found:?}"
    );
}
