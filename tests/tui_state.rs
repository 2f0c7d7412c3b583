//! State tests for the explorer: build the app from fixture data, apply keys
//! and actions, check selection, marks, filters, mode and effects.

#[path = "tui_support/mod.rs"]
mod common;

use std::path::PathBuf;

use annals::export::Format;
use annals::tui::action::{Action, Command, Effect};
use annals::tui::app::{DateField, Focus, Mode, PickerKind};
use annals::tui::export_hook::ExportOutcome;
use annals::tui::input;
use annals::tui::keymap::{Key, KeyMap};
use annals::tui::layout;
use common::*;
use crossterm::event::{Event, KeyCode, KeyEvent, KeyEventKind, KeyEventState, KeyModifiers};

#[test]
fn opens_on_every_event_with_the_first_selected() {
    let app = app();
    assert_eq!(app.shown.len(), app.timeline.len());
    assert_eq!(app.timeline.len(), 18);
    assert_eq!(app.selected, 0);
    assert_eq!(app.mode, Mode::Normal);
    assert_eq!(app.focus, Focus::Timeline);
    assert!(app.marks.is_empty());
    assert_eq!(
        app.years().iter().map(|y| y.0).collect::<Vec<_>>(),
        [2015, 2016, 2017, 2018, 2019, 2020, 2021]
    );
}

#[test]
fn vim_keys_and_arrows_move_and_stop_at_the_ends() {
    let mut app = app();
    press(&mut app, &["j", "Down", "j"]);
    assert_eq!(app.selected, 3);
    press(&mut app, &["k", "Up"]);
    assert_eq!(app.selected, 1);
    press(&mut app, &["k", "k", "k"]);
    assert_eq!(app.selected, 0);
    press(&mut app, &["G"]);
    assert_eq!(app.selected, 17);
    press(&mut app, &["j"]);
    assert_eq!(app.selected, 17);
    press(&mut app, &["g"]);
    assert_eq!(app.selected, 0);
    press(&mut app, &["End"]);
    assert_eq!(app.selected, 17);
    press(&mut app, &["Home"]);
    assert_eq!(app.selected, 0);
}

#[test]
fn pages_and_half_pages_move_by_the_list_height() {
    let mut app = app_sized(80, 24, true);
    let h = app.list_height();
    assert!(h > 4 && h < 18, "list height {h}");
    press(&mut app, &["PageDown"]);
    assert_eq!(app.selected, h - 1);
    press(&mut app, &["PageUp"]);
    assert_eq!(app.selected, 0);
    press(&mut app, &["Ctrl-d"]);
    let half = app.selected;
    assert!(half > 0 && half < h - 1, "{half}");
    press(&mut app, &["Ctrl-u"]);
    assert_eq!(app.selected, 0);
}

#[test]
fn brackets_jump_between_years() {
    let mut app = app();
    press(&mut app, &["]"]);
    assert_eq!(
        selected_title(&app),
        "Russian interference in the US presidential election"
    );
    press(&mut app, &["]"]);
    assert_eq!(selected_title(&app), "Astana talks on Syria begin");
    // inside a year, `[` goes to its first event, then to the year before
    press(&mut app, &["j", "["]);
    assert_eq!(selected_title(&app), "Astana talks on Syria begin");
    press(&mut app, &["["]);
    assert_eq!(
        app.timeline
            .event(app.shown[app.selected])
            .date
            .first_year(),
        2016
    );
    press(&mut app, &["G", "]"]);
    assert_eq!(app.selected, 17);
    assert!(app.message.is_some(), "the last year says so");
}

#[test]
fn search_narrows_live_keeps_on_enter_and_clears_on_esc() {
    let mut app = app();
    press(&mut app, &["/"]);
    assert_eq!(app.mode, Mode::Search);
    type_text(&mut app, "co");
    let after_co = app.shown.len();
    type_text(&mut app, "up");
    assert!(app.shown.len() < after_co);
    assert_eq!(app.filter.query, "coup");
    // the coup and the purge that follows it, not the Council of Europe whose
    // title and summary hold c, o, u, p in order
    assert_eq!(
        shown_titles(&app),
        ["Coup attempt in Turkey", "State of emergency and purges"]
    );
    press(&mut app, &["Enter"]);
    assert_eq!(app.mode, Mode::Normal);
    assert_eq!(app.filter.query, "coup");
    assert_eq!(app.shown.len(), 2);
    press(&mut app, &["/", "Backspace"]);
    assert_eq!(app.filter.query, "cou");
    press(&mut app, &["Esc"]);
    assert_eq!(app.mode, Mode::Normal);
    assert_eq!(app.filter.query, "");
    assert_eq!(app.shown.len(), 18);
}

#[test]
fn search_uses_the_same_semantics_as_list_query() {
    let mut app = app();
    press(&mut app, &["/"]);
    type_text(&mut app, "s-400 russia");
    let filter = annals::filter::Filter {
        query: "s-400 russia".into(),
        ..Default::default()
    };
    assert_eq!(*app.shown, app.timeline.filter(&filter));
    assert!(
        shown_titles(&app).contains(&"Turkey signs the S-400 purchase deal with Russia".into())
    );
}

#[test]
fn selection_stays_on_its_event_through_filtering() {
    let mut app = app();
    select_title(&mut app, "Turkey signs the S-400");
    press(&mut app, &["c"]);
    type_text(&mut app, "rus");
    press(&mut app, &["Enter", "Esc"]);
    assert_eq!(app.filter.countries, ["RU"]);
    assert_eq!(
        selected_title(&app),
        "Turkey signs the S-400 purchase deal with Russia"
    );
    // when the selected event is filtered out, the nearest by date is selected
    press(&mut app, &["/"]);
    type_text(&mut app, "sochi");
    press(&mut app, &["Enter"]);
    assert_eq!(
        selected_title(&app),
        "Putin, Erdogan and Rouhani meet in Sochi"
    );
}

#[test]
fn country_picker_lists_counts_narrows_and_toggles() {
    let mut app = app();
    press(&mut app, &["c"]);
    let Mode::Picker(p) = &app.mode else {
        panic!("picker not open: {:?}", app.mode)
    };
    assert_eq!(p.kind, PickerKind::Countries);
    assert_eq!(
        p.items[0],
        ("TR".to_string(), 15),
        "14 curated and 1 extracted"
    );
    assert!(p.items.iter().any(|(c, n)| c == "IR" && *n == 5));
    // codes, alpha-3 codes and names all narrow the list
    for (typed, first) in [
        ("tr", "TR"),
        ("rus", "RU"),
        ("iran", "IR"),
        ("united", "US"),
    ] {
        type_text(&mut app, typed);
        let Mode::Picker(p) = &app.mode else { panic!() };
        assert_eq!(p.items[p.matches[0]].0, first, "typed {typed}");
        for _ in 0..typed.len() {
            press(&mut app, &["Backspace"]);
        }
    }
    // Enter toggles the typed match and clears the typing; the list updates live
    type_text(&mut app, "iran");
    press(&mut app, &["Enter"]);
    assert_eq!(app.filter.countries, ["IR"]);
    assert_eq!(app.shown.len(), 5);
    let Mode::Picker(p) = &app.mode else { panic!() };
    assert!(p.input.is_empty());
    // Space toggles the highlighted row: Turkey, first by count
    press(&mut app, &["Space"]);
    assert_eq!(app.filter.countries, ["IR", "TR"]);
    assert_eq!(app.shown.len(), 15 + 2, "any of: Iran or Turkey");
    press(&mut app, &["Tab"]);
    assert!(app.filter.all_countries);
    assert_eq!(app.shown.len(), 3, "all of: Iran and Turkey");
    press(&mut app, &["Tab", "Space"]);
    assert_eq!(app.filter.countries, ["IR"]);
    press(&mut app, &["Esc"]);
    assert_eq!(app.mode, Mode::Normal);
    assert_eq!(app.filter.countries, ["IR"], "choices stay after closing");
}

#[test]
fn picker_says_when_nothing_matches() {
    let mut app = app();
    press(&mut app, &["c"]);
    type_text(&mut app, "zz");
    press(&mut app, &["Enter"]);
    assert!(app.filter.countries.is_empty());
    let m = app.message.clone().expect("a message");
    assert!(m.error && m.text.contains("zz"), "{m:?}");
    // Enter with nothing typed closes
    for _ in 0..2 {
        press(&mut app, &["Backspace"]);
    }
    press(&mut app, &["Enter"]);
    assert_eq!(app.mode, Mode::Normal);
}

#[test]
fn tag_picker_works_the_same_way() {
    let mut app = app();
    press(&mut app, &["t"]);
    type_text(&mut app, "s-4");
    press(&mut app, &["Enter", "Esc"]);
    assert_eq!(app.filter.tags, ["s-400"]);
    assert_eq!(
        shown_titles(&app),
        [
            "Turkey signs the S-400 purchase deal with Russia",
            "First S-400 components delivered to Turkey",
            "US removes Turkey from the F-35 programme"
        ]
    );
}

#[test]
fn date_range_accepts_three_precisions_and_refuses_bad_dates() {
    let mut app = app();
    press(&mut app, &["d"]);
    assert!(matches!(&app.mode, Mode::Dates(d) if d.field == DateField::From));
    type_text(&mut app, "2017");
    press(&mut app, &["Tab"]);
    type_text(&mut app, "2019-13");
    press(&mut app, &["Enter"]);
    let Mode::Dates(d) = &app.mode else {
        panic!("dialog closed on a bad date")
    };
    let err = d.error.clone().unwrap();
    assert!(err.starts_with("to: ") && err.contains("2019-13"), "{err}");
    assert!(app.filter.to.is_none());
    press(&mut app, &["Backspace", "Backspace", "Backspace"]);
    press(&mut app, &["Enter"]);
    assert_eq!(app.mode, Mode::Normal);
    assert_eq!(app.filter.from.unwrap().to_string(), "2017");
    assert_eq!(app.filter.to.unwrap().to_string(), "2019");
    assert_eq!(app.shown.len(), 6);
    // a day and a month; then a range that ends before it starts
    press(
        &mut app,
        &["d", "Backspace", "Backspace", "Backspace", "Backspace"],
    );
    type_text(&mut app, "2016-07-15");
    press(
        &mut app,
        &["Tab", "Backspace", "Backspace", "Backspace", "Backspace"],
    );
    type_text(&mut app, "2016-07");
    press(&mut app, &["Enter"]);
    assert_eq!(
        shown_titles(&app),
        [
            "Russian interference in the US presidential election",
            "Coup attempt in Turkey",
            "State of emergency and purges"
        ]
    );
    press(&mut app, &["d", "Tab"]);
    for _ in 0..7 {
        press(&mut app, &["Backspace"]);
    }
    type_text(&mut app, "2015");
    press(&mut app, &["Enter"]);
    assert!(
        matches!(&app.mode, Mode::Dates(d) if d.error.as_deref().is_some_and(|e| e.contains("empty")))
    );
    // Esc cancels without changing the filter
    press(&mut app, &["Esc"]);
    assert_eq!(app.filter.to.unwrap().to_string(), "2016-07");
}

#[test]
fn x_hides_extracted_events_and_backspace_clears_every_filter() {
    let mut app = app();
    assert!(
        app.shown
            .iter()
            .any(|&i| app.timeline.event(i).is_extracted())
    );
    // the first press hides extracted events of low confidence, the second
    // every extracted event
    press(&mut app, &["x", "x"]);
    assert!(app.filter.curated_only);
    assert_eq!(app.shown.len(), 17);
    press(&mut app, &["c"]);
    type_text(&mut app, "tr");
    press(&mut app, &["Enter", "Esc", "/"]);
    type_text(&mut app, "nato");
    press(&mut app, &["Enter"]);
    assert!(!app.filter.is_empty());
    press(&mut app, &["Backspace"]);
    assert!(app.filter.is_empty());
    assert_eq!(app.shown.len(), 18);
}

fn status_app() -> annals::tui::app::App {
    annals::tui::app::App::new(status_timeline(), KeyMap::default(), true, 120, 40)
}

fn shown_ids(app: &annals::tui::app::App) -> Vec<String> {
    app.shown
        .iter()
        .map(|&i| app.timeline.event(i).id.clone())
        .collect()
}

#[test]
fn x_hides_low_confidence_extracted_events_then_every_extracted_one() {
    let mut app = status_app();
    let all = app.shown.len();
    let extracted = app.timeline.iter().filter(|e| e.is_extracted()).count();
    let low: Vec<String> = app
        .timeline
        .iter()
        .filter(|e| annals::tui::app::is_low(e))
        .map(|e| e.id.clone())
        .collect();
    // the low ones are the two of 0.35 and 0.45; 0.85 is not low
    assert!(low.contains(&"x-low".to_string()) && low.contains(&"x-expected".to_string()));
    assert!(!low.contains(&"x-sure".to_string()));
    press(&mut app, &["x"]);
    assert_eq!(app.shown.len(), all - low.len());
    assert!(low.iter().all(|id| !shown_ids(&app).contains(id)));
    assert!(shown_ids(&app).contains(&"x-sure".to_string()));
    assert!(message(&app).contains("below 0.5"), "{}", message(&app));
    assert!(app.filter.describe().contains("confidence at least 0.50"));
    press(&mut app, &["x"]);
    assert_eq!(app.shown.len(), all - extracted);
    assert!(
        app.shown
            .iter()
            .all(|&i| !app.timeline.event(i).is_extracted())
    );
    press(&mut app, &["x"]);
    assert_eq!(app.shown.len(), all);
    assert!(app.filter.is_empty());
}

#[test]
fn the_extracted_key_says_in_help_what_it_hides() {
    let low = format!(
        "below {:.1}",
        f32::from(annals::tui::app::LOW_CONFIDENCE) / 100.0
    );
    assert!(Command::ToggleExtracted.describe().contains(&low));
    assert!(
        Command::ToggleExtracted
            .describe()
            .contains("low confidence")
    );
}

#[test]
fn p_hides_and_shows_expected_events() {
    let mut app = status_app();
    let all = app.shown.len();
    assert!(shown_ids(&app).contains(&"x-expected".to_string()));
    press(&mut app, &["p"]);
    assert_eq!(app.shown.len(), all - 1);
    assert!(!shown_ids(&app).contains(&"x-expected".to_string()));
    assert_eq!(message(&app), "expected events are hidden");
    // other filters combine with it, and clearing the filters shows them
    press(&mut app, &["x"]);
    assert!(!shown_ids(&app).contains(&"x-low".to_string()));
    press(&mut app, &["Backspace"]);
    assert_eq!(app.shown.len(), all);
    press(&mut app, &["p", "p"]);
    assert_eq!(app.shown.len(), all);
    assert!(message(&app).contains("expected events are shown"));
}

#[test]
fn marks_move_down_survive_filtering_and_clear() {
    let mut app = app();
    press(&mut app, &["Space", "Space"]);
    assert_eq!(app.selected, 2);
    let first_two: Vec<String> = app.shown[..2]
        .iter()
        .map(|&i| app.timeline.event(i).id.clone())
        .collect();
    assert_eq!(app.marked_ids(), first_two);
    for id in &first_two {
        assert!(app.is_marked_id(id));
    }
    // unmark by pressing again on the same event
    press(&mut app, &["k", "Space"]);
    assert_eq!(app.marks.len(), 1);
    // marks are kept by id while filters hide their events
    press(&mut app, &["/"]);
    type_text(&mut app, "coup");
    press(&mut app, &["Enter"]);
    assert_eq!(app.marks.len(), 1);
    press(&mut app, &["V"]);
    assert_eq!(app.marks.len(), 3);
    press(&mut app, &["Esc", "/", "Esc"]);
    assert_eq!(app.shown.len(), 18);
    assert_eq!(app.marks.len(), 3);
    assert_eq!(app.marked_indices().len(), 3);
    press(&mut app, &["U"]);
    assert!(app.marks.is_empty());
}

#[test]
fn tab_focuses_the_detail_which_then_scrolls() {
    let mut app = app_sized(80, 24, true);
    select_title(&mut app, "Coup attempt");
    press(&mut app, &["Tab"]);
    assert_eq!(app.focus, Focus::Detail);
    let max = app.detail_max_scroll();
    assert!(
        max > 0,
        "the coup's detail is longer than the pane at 80x24"
    );
    press(&mut app, &["j", "j"]);
    assert_eq!(app.detail_scroll(), 2);
    assert_eq!(
        selected_title(&app),
        "Coup attempt in Turkey",
        "j scrolls, it does not move"
    );
    press(&mut app, &["G"]);
    assert_eq!(app.detail_scroll(), max);
    press(&mut app, &["j"]);
    assert_eq!(app.detail_scroll(), max);
    press(&mut app, &["g"]);
    assert_eq!(app.detail_scroll(), 0);
    press(&mut app, &["Tab", "j"]);
    assert_eq!(app.focus, Focus::Timeline);
    assert_eq!(selected_title(&app), "State of emergency and purges");
}

#[test]
fn every_mode_backs_out_with_esc_and_ctrl_c_always_quits() {
    for open in [&["/"][..], &["c"], &["t"], &["d"], &["e"], &["?"]] {
        let mut app = app();
        press(&mut app, open);
        assert_ne!(app.mode, Mode::Normal, "{open:?}");
        press(&mut app, &["Esc"]);
        assert_eq!(app.mode, Mode::Normal, "{open:?}");
        let mut app = common::app();
        press(&mut app, open);
        assert_eq!(press(&mut app, &["Ctrl-c"]), [Effect::Quit], "{open:?}");
        assert!(app.quitting());
    }
    let mut app = app();
    assert_eq!(press(&mut app, &["q"]), [Effect::Quit]);
}

#[test]
fn q_and_letters_are_typed_in_inputs_not_run() {
    let mut app = app();
    press(&mut app, &["/"]);
    assert!(press(&mut app, &["q", "j", "x"]).is_empty());
    assert_eq!(app.filter.query, "qjx");
    assert!(!app.filter.curated_only);
}

#[test]
fn key_releases_are_ignored() {
    let app = app();
    let mut ev = KeyEvent::new(KeyCode::Char('j'), KeyModifiers::NONE);
    ev.kind = KeyEventKind::Release;
    ev.state = KeyEventState::NONE;
    assert!(input::action_for(&app, &Event::Key(ev)).is_none());
    ev.kind = KeyEventKind::Press;
    assert!(matches!(
        input::action_for(&app, &Event::Key(ev)),
        Some(Action::Cmd(Command::Down))
    ));
}

#[test]
fn resizing_keeps_the_selection_in_view() {
    let mut app = app();
    press(&mut app, &["G"]);
    for (w, h) in [(80, 24), (60, 12), (200, 60), (61, 13), (10, 3), (120, 40)] {
        act(
            &mut app,
            Action::Resize {
                width: w,
                height: h,
            },
        );
        let rows = app.list_height();
        let row = layout::row_of_event(app.years(), app.selected);
        assert!(
            app.scroll() <= row && row < app.scroll() + rows,
            "{w}x{h}: row {row} not in {}..{}",
            app.scroll(),
            app.scroll() + rows
        );
    }
    // and scrolling up shows the year heading of a year's first event
    act(
        &mut app,
        Action::Resize {
            width: 80,
            height: 24,
        },
    );
    press(&mut app, &["g"]);
    assert_eq!(app.scroll(), 0);
}

#[test]
fn mouse_clicks_select_rows_and_focus_panes_and_the_wheel_scrolls() {
    let mut app = app();
    let a = layout::areas(app.screen()).unwrap();
    // row 0 is the 2015 heading, row 1 its event, row 2 the 2016 heading,
    // row 3 the 2016 (year) event, row 4 the coup
    act(
        &mut app,
        Action::Click {
            column: a.timeline_inner.x + 5,
            row: a.timeline_inner.y + 4,
        },
    );
    assert_eq!(selected_title(&app), "Coup attempt in Turkey");
    // a click on a heading selects the year's first event
    act(
        &mut app,
        Action::Click {
            column: a.timeline_inner.x + 5,
            row: a.timeline_inner.y,
        },
    );
    assert_eq!(app.selected, 0);
    act(
        &mut app,
        Action::Click {
            column: a.detail_inner.x + 2,
            row: a.detail_inner.y + 2,
        },
    );
    assert_eq!(app.focus, Focus::Detail);
    act(
        &mut app,
        Action::Wheel {
            column: a.timeline_inner.x + 2,
            row: a.timeline_inner.y + 2,
            down: true,
        },
    );
    assert_eq!(app.selected, 3);
    act(
        &mut app,
        Action::Wheel {
            column: a.timeline_inner.x + 2,
            row: a.timeline_inner.y + 2,
            down: false,
        },
    );
    assert_eq!(app.selected, 0);
}

#[test]
fn help_opens_scrolls_and_closes() {
    let mut app = app_sized(80, 24, true);
    press(&mut app, &["?"]);
    assert_eq!(app.mode, Mode::Help { scroll: 0 });
    press(&mut app, &["j", "j"]);
    assert_eq!(app.mode, Mode::Help { scroll: 2 });
    press(&mut app, &["q"]);
    assert_eq!(app.mode, Mode::Normal);
    assert!(!app.quitting(), "q closes help, it does not quit");
}

#[test]
fn export_dialog_exports_marks_or_shown_and_asks_before_overwriting() {
    let mut app = app();
    app.export_dir = PathBuf::from("/exports");
    press(&mut app, &["e"]);
    let Mode::Export(d) = &app.mode else { panic!() };
    assert!(!d.marked);
    assert_eq!(d.count, 18);
    assert_eq!(d.path, "annals-briefing.md");
    press(&mut app, &["Esc"]);
    // mark two, hide one of them behind a filter
    press(&mut app, &["Space", "Space", "/"]);
    type_text(&mut app, "russian");
    press(&mut app, &["Enter", "e"]);
    let Mode::Export(d) = &app.mode else { panic!() };
    assert!(d.marked);
    assert_eq!((d.count, d.hidden), (2, 0));
    // the format changes the proposed file name
    press(&mut app, &["Down"]);
    let Mode::Export(d) = &app.mode else { panic!() };
    assert_eq!(d.path, "annals-events.csv");
    let effects = press(&mut app, &["Enter"]);
    assert_eq!(
        effects,
        [Effect::Export {
            format: Format::CSV,
            selection: "2 marked events".into(),
            path: PathBuf::from("/exports/annals-events.csv"),
            force: false,
            indices: vec![0, 1],
        }]
    );
    // the file exists: ask, and export with force on `y`
    act(
        &mut app,
        Action::ExportFinished(ExportOutcome::Exists(PathBuf::from("annals-events.csv"))),
    );
    assert!(matches!(&app.mode, Mode::Export(d) if d.confirm.is_some()));
    press(&mut app, &["n"]);
    assert!(matches!(&app.mode, Mode::Export(d) if d.confirm.is_none()));
    press(&mut app, &["Enter"]);
    act(
        &mut app,
        Action::ExportFinished(ExportOutcome::Exists(PathBuf::from("annals-events.csv"))),
    );
    let effects = press(&mut app, &["y"]);
    assert!(
        matches!(&effects[..], [Effect::Export { force: true, .. }]),
        "{effects:?}"
    );
    act(
        &mut app,
        Action::ExportFinished(ExportOutcome::Written {
            count: 2,
            path: PathBuf::from("annals-events.csv"),
        }),
    );
    assert_eq!(app.mode, Mode::Normal);
    assert!(
        app.message
            .as_ref()
            .unwrap()
            .text
            .contains("exported 2 events")
    );
}

/// Clears the dialog's path and types another.
fn set_export_path(app: &mut annals::tui::app::App, path: &str) {
    let Mode::Export(d) = &app.mode else {
        panic!("not in the export dialog")
    };
    for _ in 0..d.path.chars().count() {
        press(app, &["Backspace"]);
    }
    type_text(app, path);
}

#[test]
fn marking_two_events_and_exporting_writes_exactly_those_two() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("two.json");
    let mut app = app();
    select_title(&mut app, "Turkey signs the S-400");
    press(&mut app, &["Space"]);
    select_title(&mut app, "Coup attempt");
    press(&mut app, &["Space"]);
    press(&mut app, &["e", "Down", "Down"]);
    set_export_path(&mut app, out.to_str().unwrap());
    let effects = press(&mut app, &["Enter"]);
    assert!(!annals::tui::run_effects(
        &mut app,
        &fixture_sources(),
        effects
    ));
    assert_eq!(app.mode, Mode::Normal, "the dialog closes after writing");
    let written: Vec<serde_json::Value> =
        serde_json::from_str(&std::fs::read_to_string(&out).unwrap()).unwrap();
    let mut titles: Vec<&str> = written
        .iter()
        .map(|e| e["title"].as_str().unwrap())
        .collect();
    titles.sort();
    assert_eq!(titles.len(), 2);
    assert!(titles[0].starts_with("Coup attempt"), "{titles:?}");
    assert!(
        titles[1].starts_with("Turkey signs the S-400"),
        "{titles:?}"
    );
    assert_eq!(app.marks.len(), 2, "marks survive an export");
}

#[test]
fn exporting_onto_an_existing_file_asks_first_and_a_bad_folder_keeps_marks() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("brief.md");
    std::fs::write(&out, "keep me").unwrap();
    let mut app = app();
    press(&mut app, &["Space", "e"]);
    set_export_path(&mut app, out.to_str().unwrap());
    let effects = press(&mut app, &["Enter"]);
    annals::tui::run_effects(&mut app, &fixture_sources(), effects);
    assert!(
        matches!(&app.mode, Mode::Export(d) if d.confirm.is_some()),
        "asks"
    );
    assert_eq!(std::fs::read_to_string(&out).unwrap(), "keep me");
    // `n` keeps the file; Enter and `y` replace it
    press(&mut app, &["n"]);
    assert_eq!(std::fs::read_to_string(&out).unwrap(), "keep me");
    let effects = press(&mut app, &["Enter"]);
    annals::tui::run_effects(&mut app, &fixture_sources(), effects);
    let effects = press(&mut app, &["y"]);
    annals::tui::run_effects(&mut app, &fixture_sources(), effects);
    assert_eq!(app.mode, Mode::Normal);
    assert!(std::fs::read_to_string(&out).unwrap().starts_with('#'));
    // a folder that does not exist: an error in the dialog, marks intact
    press(&mut app, &["e"]);
    set_export_path(
        &mut app,
        dir.path().join("no/such/dir/x.md").to_str().unwrap(),
    );
    let effects = press(&mut app, &["Enter"]);
    assert!(!annals::tui::run_effects(
        &mut app,
        &fixture_sources(),
        effects
    ));
    let Mode::Export(d) = &app.mode else {
        panic!("the dialog stays open")
    };
    assert!(
        d.error.as_deref().is_some_and(|e| e.contains("no")),
        "{:?}",
        d.error
    );
    assert_eq!(app.marks.len(), 1);
}

#[test]
fn reload_keeps_filters_marks_and_selection_and_a_failed_reload_keeps_the_data() {
    let dir = tempfile::tempdir().unwrap();
    let events = dir.path().join("events.toml");
    let original = std::fs::read_to_string(fixture_dir().join("events.toml")).unwrap();
    std::fs::write(&events, &original).unwrap();
    let sources = annals::loader::Sources {
        events: Some(events.clone()),
        ..fixture_sources()
    };
    let mut app = app();
    select_title(&mut app, "Turkey signs the S-400");
    press(&mut app, &["Space"]);
    select_title(&mut app, "Coup attempt");
    press(&mut app, &["Space", "k", "t"]);
    type_text(&mut app, "military");
    press(&mut app, &["Enter", "Esc"]);
    select_title(&mut app, "Turkey signs the S-400");
    // the coup event disappears from the file; a new event appears
    let edited = original.replace("id = \"coup-attempt\"", "id = \"coup-attempt-renamed\"")
        + "\n[[event]]\nid = \"new-one\"\ndate = \"2018\"\ntitle = \"A new military event\"\ncountries = [\"TR\"]\ntags = [\"military\"]\n";
    std::fs::write(&events, edited).unwrap();
    let effects = press(&mut app, &["r"]);
    assert_eq!(effects, [Effect::Reload]);
    annals::tui::run_effects(&mut app, &sources, effects);
    assert_eq!(app.timeline.len(), 19);
    assert_eq!(app.filter.tags, ["military"]);
    assert_eq!(
        selected_title(&app),
        "Turkey signs the S-400 purchase deal with Russia"
    );
    assert_eq!(app.marked_ids(), ["s400-deal"]);
    assert!(shown_titles(&app).contains(&"A new military event".to_string()));
    let m = app.message.clone().unwrap();
    assert!(
        !m.error && m.text.contains("1 marked event is gone"),
        "{m:?}"
    );
    // a broken file: the error is shown and the data stays
    std::fs::write(&events, "[[event]]\nid = \n").unwrap();
    let effects = press(&mut app, &["r"]);
    annals::tui::run_effects(&mut app, &sources, effects);
    assert_eq!(app.timeline.len(), 19);
    let m = app.message.clone().unwrap();
    assert!(m.error && m.text.contains("events.toml:2:"), "{m:?}");
}

#[test]
fn a_key_map_file_overrides_single_bindings() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("keys.toml");
    std::fs::write(
        &path,
        "# my keys\nmark = \"m\"\ndown = [\"j\", \"n\", \"Down\"]\n",
    )
    .unwrap();
    let (map, notes) = KeyMap::load(Some(&path));
    assert!(notes.is_empty(), "{notes:?}");
    assert_eq!(map.command(Key::ch('m')), Some(Command::Mark));
    assert_eq!(map.command(Key::ch(' ')), None, "Space no longer marks");
    assert_eq!(map.command(Key::ch('n')), Some(Command::Down));
    assert_eq!(
        map.command(Key::ch('q')),
        Some(Command::Quit),
        "the rest stay"
    );
    // help and hints follow the map
    let help = annals::tui::keymap::help(&map);
    assert!(
        help.iter()
            .flat_map(|s| &s.rows)
            .any(|(k, d)| k == "m" && d.starts_with("mark or unmark"))
    );
    assert!(
        annals::tui::keymap::hints(&map)
            .iter()
            .any(|(k, w)| k == "m" && *w == "mark")
    );
}

#[test]
fn unknown_actions_and_conflicts_are_reported_with_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("keys.toml");
    std::fs::write(&path, "mark = \"m\"\n\nfly = \"f\"\nquit = \"j\"\n").unwrap();
    let (map, notes) = KeyMap::load(Some(&path));
    let shown = path.display().to_string();
    assert!(
        notes
            .iter()
            .any(|n| n.starts_with(&format!("{shown}:3:")) && n.contains("unknown command `fly`")),
        "{notes:?}"
    );
    assert!(
        notes.iter().any(|n| n.starts_with(&format!("{shown}:4:"))
            && n.contains("`j`")
            && n.contains("down")
            && n.contains("quit")),
        "{notes:?}"
    );
    assert!(notes.last().unwrap().contains("default keys"));
    // the defaults run
    assert_eq!(map.command(Key::ch(' ')), Some(Command::Mark));
    assert_eq!(map.command(Key::ch('j')), Some(Command::Down));
    // a bad key name, a reserved key, a syntax error
    std::fs::write(&path, "mark = \"Hyper-x\"\nhelp = \"Esc\"\n").unwrap();
    let (_, notes) = KeyMap::load(Some(&path));
    assert!(notes[0].starts_with(&format!("{shown}:1:")), "{notes:?}");
    assert!(
        notes[1].starts_with(&format!("{shown}:2:")) && notes[1].contains("reserved"),
        "{notes:?}"
    );
    std::fs::write(&path, "mark = \n").unwrap();
    let (_, notes) = KeyMap::load(Some(&path));
    assert!(notes[0].starts_with(&format!("{shown}:1:")), "{notes:?}");
    // no file: the defaults, silently
    let (_, notes) = KeyMap::load(Some(&dir.path().join("absent.toml")));
    assert!(notes.is_empty());
}

#[test]
fn an_empty_result_keeps_working() {
    let mut app = app();
    press(&mut app, &["/"]);
    type_text(&mut app, "zzzzqqq");
    assert!(app.shown.is_empty());
    assert!(app.selected_event().is_none());
    press(
        &mut app,
        &[
            "Enter", "j", "k", "G", "g", "]", "[", "Space", "V", "Tab", "j",
        ],
    );
    assert!(app.marks.is_empty());
    assert!(app.density().is_empty());
    press(&mut app, &["Backspace"]);
    assert_eq!(app.shown.len(), 18);
}

#[test]
fn an_event_quoted_by_many_articles_shows_the_first_hundred_and_a_count() {
    let base = fixture_timeline();
    let mut events = base.owned_events().expect("in memory").to_vec();
    let e = events
        .iter_mut()
        .find(|e| !e.sources.is_empty())
        .expect("a fixture event with a source");
    let id = e.id.clone();
    let first = e.sources[0].clone();
    e.sources = (0..250)
        .map(|n| {
            let mut s = first.clone();
            let mut meta = (*s.article).clone();
            meta.title = Some(format!("Report number {n}"));
            // each its own article
            meta.file = format!("report-{n}.txt");
            s.article = std::sync::Arc::new(meta);
            s
        })
        .collect();
    let timeline = annals::timeline::Timeline::new(events, base.gazetteer.clone());
    let mut app = annals::tui::app::App::new(timeline, KeyMap::default(), true, 200, 50);
    let pos = app
        .shown
        .iter()
        .position(|&i| app.timeline.event(i).id == id)
        .unwrap();
    while app.selected < pos {
        press(&mut app, &["j"]);
    }
    press(&mut app, &["Tab"]);
    let s = screen(&mut app, 200, 50);
    assert!(s.contains("250 articles"), "{s}");
    assert!(s.contains("1.   Report number 0"), "{s}");
    press(&mut app, &["G"]);
    let s = screen(&mut app, 200, 50);
    assert!(s.contains("100. Report number 99"), "{s}");
    assert!(!s.contains("Report number 100"), "{s}");
    assert!(
        s.contains("… and 150 more sources: export the event to read them all"),
        "{s}"
    );
}

// issue 18, item 29: help and keys

#[test]
fn the_keys_that_open_help_close_it() {
    let mut app = app();
    press(&mut app, &["F1"]);
    assert!(matches!(app.mode, Mode::Help { .. }));
    press(&mut app, &["F1"]);
    assert_eq!(app.mode, Mode::Normal);
    // a rebound help key closes help too
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("keys.toml");
    std::fs::write(&path, "help = \"h\"\n").unwrap();
    let (map, problems) = KeyMap::load(Some(&path));
    assert!(problems.is_empty(), "{problems:?}");
    let mut app = annals::tui::app::App::new(fixture_timeline(), map, true, 120, 40);
    press(&mut app, &["h"]);
    assert!(matches!(app.mode, Mode::Help { .. }));
    press(&mut app, &["h"]);
    assert_eq!(app.mode, Mode::Normal);
}

#[test]
fn help_says_how_to_close_it() {
    let help = annals::tui::keymap::help(&KeyMap::default());
    let section = help
        .iter()
        .find(|s| s.title == "In this help")
        .expect("help lists its own keys");
    let (keys, what) = section
        .rows
        .iter()
        .find(|(_, what)| what == "close")
        .expect("a row says how to close help");
    for k in ["Esc", "q", "?", "F1"] {
        assert!(keys.split(" / ").any(|x| x == k), "{k} missing from {keys}");
    }
    assert_eq!(what, "close");
}

#[test]
fn keys_typed_on_the_too_small_screen_do_nothing_but_quit() {
    let mut app = app_sized(50, 10, true);
    for k in ["c", "t", "d", "e", "/", "?", "Space", "j", "x", "Backspace"] {
        let effects = press(&mut app, &[k]);
        assert!(effects.is_empty(), "{k}: {effects:?}");
        assert_eq!(app.mode, Mode::Normal, "{k}");
    }
    assert!(app.marks.is_empty());
    assert!(app.filter.is_empty());
    assert_eq!(app.selected, 0);
    // a click or the wheel does nothing either
    let ev = Event::Mouse(crossterm::event::MouseEvent {
        kind: crossterm::event::MouseEventKind::ScrollDown,
        column: 3,
        row: 5,
        modifiers: KeyModifiers::NONE,
    });
    assert!(input::action_for(&app, &ev).is_none());
    // the key the screen names quits, even from a dialog left open
    let mut app = common::app();
    press(&mut app, &["/"]);
    screen(&mut app, 50, 10);
    assert_eq!(press(&mut app, &["q"]), [Effect::Quit]);
}

#[test]
fn a_search_selects_its_first_match() {
    let mut app = app();
    press(&mut app, &["G"]);
    press(&mut app, &["/"]);
    type_text(&mut app, "s-400");
    assert_eq!(app.selected, 0);
    assert_eq!(selected_title(&app), shown_titles(&app)[0]);
    assert!(shown_titles(&app).len() >= 2);
    // narrowing again goes back to the first match
    press(&mut app, &["Down"]);
    assert_eq!(app.selected, 1);
    press(&mut app, &["Backspace"]);
    assert_eq!(app.selected, 0);
    // clearing the query keeps the event selected
    press(&mut app, &["Down"]);
    let chosen = selected_title(&app);
    press(&mut app, &["Esc"]);
    assert_eq!(app.filter.query, "");
    assert_eq!(selected_title(&app), chosen);
}

// issue 18, item 28: the export dialog

fn export_dialog(app: &annals::tui::app::App) -> &annals::tui::app::ExportDialog {
    match &app.mode {
        Mode::Export(d) => d,
        other => panic!("not in the export dialog: {other:?}"),
    }
}

#[test]
fn the_export_dialog_shows_its_folder_and_writes_there() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app();
    app.export_dir = dir.path().to_path_buf();
    press(&mut app, &["e"]);
    assert_eq!(export_dialog(&app).dir, dir.path());
    let s = screen(&mut app, 120, 40);
    let shown = dir.path().display().to_string();
    assert!(
        s.lines()
            .any(|l| l.contains("Folder") && l.contains(&shown)),
        "{s}"
    );
    let effects = press(&mut app, &["Enter"]);
    match &effects[..] {
        [Effect::Export { path, .. }] => assert_eq!(path, &dir.path().join("annals-briefing.md")),
        other => panic!("{other:?}"),
    }
    annals::tui::run_effects(&mut app, &fixture_sources(), effects);
    assert!(dir.path().join("annals-briefing.md").is_file());
}

#[test]
fn ctrl_u_and_ctrl_w_edit_the_file_name() {
    let mut app = app();
    press(&mut app, &["e", "Ctrl-u"]);
    assert_eq!(export_dialog(&app).path, "");
    assert_eq!(app.mode, Mode::Export(export_dialog(&app).clone()));
    type_text(&mut app, "out/week 3/brief.md");
    press(&mut app, &["Ctrl-w"]);
    assert_eq!(export_dialog(&app).path, "out/week 3/");
    press(&mut app, &["Ctrl-w"]);
    assert_eq!(export_dialog(&app).path, "out/week ");
    press(&mut app, &["Ctrl-w", "Ctrl-w"]);
    assert_eq!(export_dialog(&app).path, "");
    // the search line and the date fields take them too
    press(&mut app, &["Esc", "/"]);
    type_text(&mut app, "coup attempt");
    press(&mut app, &["Ctrl-w"]);
    assert_eq!(app.filter.query, "coup ");
    press(&mut app, &["Ctrl-u"]);
    assert_eq!(app.filter.query, "");
    assert_eq!(app.shown.len(), 18);
}

#[test]
fn the_last_folder_exported_to_is_proposed_next() {
    let start = tempfile::tempdir().unwrap();
    let other = tempfile::tempdir().unwrap();
    let mut app = app();
    app.export_dir = start.path().to_path_buf();
    press(&mut app, &["e", "Ctrl-u"]);
    type_text(&mut app, other.path().join("a.md").to_str().unwrap());
    let effects = press(&mut app, &["Enter"]);
    annals::tui::run_effects(&mut app, &fixture_sources(), effects);
    assert_eq!(app.mode, Mode::Normal, "{:?}", app.message);
    press(&mut app, &["e"]);
    assert_eq!(export_dialog(&app).dir, other.path());
    // a name relative to it lands there
    press(&mut app, &["Ctrl-u"]);
    type_text(&mut app, "b.md");
    let effects = press(&mut app, &["Enter"]);
    annals::tui::run_effects(&mut app, &fixture_sources(), effects);
    assert!(other.path().join("b.md").is_file());
    assert!(!start.path().join("b.md").exists());
}

#[test]
fn the_extension_follows_the_format_unless_typed_and_then_the_dialog_asks() {
    let mut app = app();
    app.export_dir = PathBuf::from("/exports");
    press(&mut app, &["e", "Ctrl-u"]);
    type_text(&mut app, "x.md");
    // the name ends in the format's extension: it follows the format
    press(&mut app, &["Down"]);
    assert_eq!(export_dialog(&app).path, "x.csv");
    press(&mut app, &["Down"]);
    assert_eq!(export_dialog(&app).path, "x.json");
    press(&mut app, &["Up", "Up"]);
    assert_eq!(export_dialog(&app).path, "x.md");
    // an extension typed for another format stays, and Enter asks
    press(&mut app, &["Down", "Ctrl-u"]);
    type_text(&mut app, "x.md");
    press(&mut app, &["Down", "Up"]);
    assert_eq!(export_dialog(&app).path, "x.md", "csv chosen, .md typed");
    let effects = press(&mut app, &["Enter"]);
    assert!(effects.is_empty(), "{effects:?}");
    assert!(matches!(
        &export_dialog(&app).confirm,
        Some(annals::tui::app::Ask::Extension { typed, .. }) if typed == "md"
    ));
    let s = screen(&mut app, 120, 40);
    assert!(s.contains("ends in .md, not .csv"), "{s}");
    // `n` goes back to the dialog; `y` writes CSV to x.md as asked
    assert!(press(&mut app, &["n"]).is_empty());
    assert!(export_dialog(&app).confirm.is_none());
    press(&mut app, &["Enter"]);
    let effects = press(&mut app, &["y"]);
    assert_eq!(
        effects,
        [Effect::Export {
            format: Format::CSV,
            selection: "no filters".into(),
            path: PathBuf::from("/exports/x.md"),
            force: false,
            indices: (0..18).collect(),
        }]
    );
    // no extension at all is the user's choice: no question
    press(&mut app, &["Ctrl-u"]);
    type_text(&mut app, "notes");
    let effects = press(&mut app, &["Enter"]);
    assert_eq!(effects.len(), 1, "{effects:?}");
}

// issue 12: README's key table is the command table's

#[test]
fn readme_lists_the_keys_of_the_command_table() {
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md"))
        .expect("README.md");
    let start_mark = "<!-- keys: generated from src/tui/commands.rs; a test in tests/tui_state.rs prints it -->\n";
    let end_mark = "<!-- end of keys -->";
    let start = readme.find(start_mark).expect("README's key table marker") + start_mark.len();
    let end = readme[start..]
        .find(end_mark)
        .expect("README's end of keys marker")
        + start;
    let table = annals::tui::commands::readme_table();
    assert_eq!(
        &readme[start..end],
        table,
        "README's key table is not the command table's; paste this between the markers:\n{table}"
    );
}

// issue 12: `y` copies the selected event's citation, written to the terminal
// as an OSC 52 sequence by the effect interpreter

#[test]
fn y_copies_the_selected_events_citation_through_osc_52() {
    use base64::Engine;
    let whole = fixture_timeline();
    let mut events = whole.owned_events().expect("in memory").to_vec();
    for e in &mut events {
        for s in &mut e.sources {
            let mut a = (*s.article).clone();
            a.url = Some("https://example.org/coup".into());
            s.article = std::sync::Arc::new(a);
        }
    }
    let timeline = annals::timeline::Timeline::new(events, whole.gazetteer.clone());
    let mut app = annals::tui::app::App::new(timeline, KeyMap::default(), true, 120, 40);
    select_title(&mut app, "Coup attempt");
    let effects = press(&mut app, &["y"]);
    let expected =
        "Coup attempt in Turkey (15 July 2016). Fixture Review. https://example.org/coup";
    assert_eq!(effects, vec![Effect::Copy(expected.to_string())]);
    assert!(message(&app).contains(expected), "{}", message(&app));
    let sources = fixture_sources();
    let mut host = annals::tui::Inline::new(&sources);
    assert!(!annals::tui::run_effects_on(&mut app, &mut host, effects).unwrap());
    let encoded = base64::prelude::BASE64_STANDARD.encode(expected);
    assert_eq!(
        String::from_utf8(host.terminal).unwrap(),
        format!("\u{1b}]52;c;{encoded}\u{1b}\\")
    );
    // an event no article mentions: its title and date
    select_title(&mut app, "Astana talks");
    let effects = press(&mut app, &["y"]);
    let Effect::Copy(text) = &effects[0] else {
        panic!("{effects:?}")
    };
    assert!(text.starts_with("Astana talks on Syria begin ("), "{text}");
}

#[test]
fn y_with_nothing_shown_copies_nothing_and_says_so() {
    let mut app = app();
    type_text(&mut app, "/");
    type_text(&mut app, "zzzzqqq");
    press(&mut app, &["Enter"]);
    assert!(app.shown.is_empty());
    assert!(press(&mut app, &["y"]).is_empty());
    assert!(
        message(&app).contains("nothing to copy"),
        "{}",
        message(&app)
    );
}

// issue 12: the explorer's own loop, on a test backend with a script of inputs

fn key_input(code: KeyCode) -> annals::tui::Incoming {
    annals::tui::Incoming::Terminal(Event::Key(KeyEvent::new(code, KeyModifiers::NONE)))
}

#[test]
fn the_real_loop_runs_a_script_of_keys_on_a_test_backend() {
    use std::collections::VecDeque;
    let mut app = app_sized(120, 40, true);
    let sources = fixture_sources();
    let mut host = annals::tui::Inline::new(&sources);
    let mut script: VecDeque<annals::tui::Incoming> = VecDeque::new();
    for c in "/coup".chars() {
        script.push_back(key_input(KeyCode::Char(c)));
    }
    script.push_back(key_input(KeyCode::Enter));
    script.push_back(key_input(KeyCode::Char('y')));
    script.push_back(key_input(KeyCode::Char('q')));
    // never reached: q quits
    script.push_back(key_input(KeyCode::Char('j')));
    let mut term = ratatui::Terminal::new(ratatui::backend::TestBackend::new(120, 40)).unwrap();
    let stop = std::sync::atomic::AtomicBool::new(false);
    let problems = annals::tui::main_loop(
        &mut term,
        &mut app,
        &mut host,
        &mut script,
        &stop,
        Vec::new(),
    )
    .expect("the loop ends without error");
    assert!(problems.is_empty());
    assert!(app.quitting());
    assert_eq!(script.len(), 1, "the loop stopped at q");
    assert_eq!(selected_title(&app), "Coup attempt in Turkey");
    let screen: String = term
        .backend()
        .buffer()
        .content
        .iter()
        .map(|c| c.symbol())
        .collect();
    assert!(screen.contains("matching “coup”"), "{screen}");
    let written = String::from_utf8(host.terminal).unwrap();
    assert!(written.starts_with("\u{1b}]52;c;"), "{written:?}");
}

#[test]
fn the_real_loop_ends_when_its_inputs_end_or_stop_is_raised() {
    use std::collections::VecDeque;
    let sources = fixture_sources();
    let mut term = ratatui::Terminal::new(ratatui::backend::TestBackend::new(80, 24)).unwrap();
    let mut app = app_sized(80, 24, true);
    let mut script: VecDeque<annals::tui::Incoming> =
        [key_input(KeyCode::Char('j')), key_input(KeyCode::Char('j'))].into();
    let stop = std::sync::atomic::AtomicBool::new(false);
    let mut host = annals::tui::Inline::new(&sources);
    annals::tui::main_loop(
        &mut term,
        &mut app,
        &mut host,
        &mut script,
        &stop,
        Vec::new(),
    )
    .unwrap();
    assert_eq!(app.selected, 2);
    assert!(!app.quitting());
    // a raised stop (SIGTERM) ends it before any input
    let mut script: VecDeque<annals::tui::Incoming> = [key_input(KeyCode::Char('j'))].into();
    stop.store(true, std::sync::atomic::Ordering::SeqCst);
    annals::tui::main_loop(
        &mut term,
        &mut app,
        &mut host,
        &mut script,
        &stop,
        Vec::new(),
    )
    .unwrap();
    assert_eq!(app.selected, 2);
    assert_eq!(script.len(), 1);
}

/// A store whose events cannot be read from `bad` on, as a cache file found
/// damaged; it records being discarded.
struct Damaged {
    events: Vec<annals::model::Event>,
    bad: usize,
    discarded: std::sync::Arc<std::sync::atomic::AtomicBool>,
}

impl annals::timeline::StoredEvents for Damaged {
    fn len(&self) -> usize {
        self.events.len()
    }

    fn event(&self, i: usize) -> Result<annals::model::Event, String> {
        if i >= self.bad {
            Err(format!("the checksum of event {i} does not match it"))
        } else {
            Ok(self.events[i].clone())
        }
    }

    fn select(
        &self,
        _query: &annals::filter::Query,
        _candidates: Option<&[usize]>,
    ) -> Result<Vec<usize>, String> {
        Err("a set of the stored index has a wrong length".into())
    }

    fn discard(&self) {
        self.discarded
            .store(true, std::sync::atomic::Ordering::SeqCst);
    }
}

#[test]
fn events_unreadable_in_the_cache_are_shown_as_such_and_the_data_is_loaded_again() {
    let whole = fixture_timeline();
    let discarded = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let store = Damaged {
        events: whole.owned_events().expect("in memory").to_vec(),
        bad: 2,
        discarded: std::sync::Arc::clone(&discarded),
    };
    let stored =
        annals::timeline::Timeline::stored(Box::new(store), whole.parts(), whole.gazetteer.clone())
            .expect("the parts fit");
    let mut app = annals::tui::app::App::new(stored, KeyMap::default(), false, 120, 40);
    assert_eq!(app.timeline.damage(), None);
    // nothing to do while every event read is sound
    assert!(act(&mut app, Action::Damaged).is_empty());
    // drawing reads the rows: the third cannot be read, and says so
    let s = screen(&mut app, 120, 40);
    assert!(s.contains(&annals::timeline::UNREADABLE[..24]), "{s}");
    assert!(app.timeline.damage().is_some());
    assert!(discarded.load(std::sync::atomic::Ordering::SeqCst));
    // the loop then asks for the data again, once, with a warning
    let effects = act(&mut app, Action::Damaged);
    assert_eq!(effects, [Effect::Reload]);
    assert!(
        message(&app).contains("the cache could not be read"),
        "{}",
        message(&app)
    );
    assert!(act(&mut app, Action::Damaged).is_empty(), "one reload");
    annals::tui::run_effects(&mut app, &fixture_sources(), effects);
    assert!(!app.timeline.is_stored());
    assert_eq!(app.timeline.len(), whole.len());
    let m = message(&app);
    assert!(
        m.contains("reloaded") && m.contains("warning: the cache could not be read"),
        "{m}"
    );
    let s = screen(&mut app, 120, 40);
    assert!(!s.contains(&annals::timeline::UNREADABLE[..24]), "{s}");
    assert!(act(&mut app, Action::Damaged).is_empty());
}

#[test]
fn a_warning_from_the_background_joins_the_status_line() {
    let mut app = app();
    press(&mut app, &["j"]);
    let effects = act(
        &mut app,
        Action::Warning("cannot write the cache file x.cache (disk full)".into()),
    );
    assert!(effects.is_empty());
    assert!(
        message(&app).contains("warning: cannot write the cache file x.cache (disk full)"),
        "{}",
        message(&app)
    );
}
