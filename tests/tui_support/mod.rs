//! Helpers for the explorer's tests: fixture data, feeding keys, rendering.
#![allow(dead_code)]

use std::path::PathBuf;
use std::sync::Arc;

use annals::loader::{self, Sources};
use annals::model::{ArticleMeta, Event, Names, Origin, Source, Status};
use annals::timeline::Timeline;
use annals::tui::action::{Action, Effect};
use annals::tui::app::{App, update};
use annals::tui::input;
use annals::tui::keymap::{Key, KeyMap};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;

pub fn fixture_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/tui")
}

pub fn fixture_sources() -> Sources {
    let d = fixture_dir();
    Sources {
        events: Some(d.join("events.toml")),
        articles: vec![d.join("articles")],
        countries: Some(d.join("countries.toml")),
        ..Default::default()
    }
}

pub fn fixture_timeline() -> Timeline {
    let loaded = loader::load(&fixture_sources()).expect("fixture data loads");
    assert!(
        loaded.problems.is_empty(),
        "fixture problems: {:?}",
        loaded.problems
    );
    loaded.timeline
}

/// An extracted event dated `date` with one source per sentence; a
/// sentence's `why` is the text after ` | ` in it.
pub fn extracted_event(
    id: &str,
    date: &str,
    title: &str,
    status: Status,
    confidence: f32,
    sentences: &[&str],
) -> Event {
    let article = Arc::new(ArticleMeta {
        file: format!("{id}.txt"),
        title: Some(format!("Article on {title}")),
        source: Some("Example Outlet".into()),
        ..Default::default()
    });
    let sources = sentences
        .iter()
        .map(|s| {
            let (sentence, why) = s.split_once(" | ").unwrap_or((s, ""));
            Source {
                article: Arc::clone(&article),
                start: 0,
                end: 0,
                text: Box::default(),
                dated: true,
                sentence: sentence.into(),
                sentence_start: 0,
                why: why.into(),
            }
        })
        .collect();
    Event {
        id: id.into(),
        date: date.parse().expect("a fixed date"),
        end: None,
        title: title.into(),
        summary: String::new(),
        countries: Names::from(["TR".to_string()]),
        actors: Names::default(),
        tags: Names::default(),
        aliases: Names::default(),
        origin: Origin::Extracted,
        status,
        confidence: Some(confidence),
        sources,
    }
}

/// The fixture data plus three extracted events of 2022: a confident one
/// merged from two sentences (the second says why), one of low confidence,
/// and an expected one.
pub fn status_timeline() -> Timeline {
    let base = fixture_timeline();
    let mut events = base.owned_events().expect("in memory").to_vec();
    events.push(extracted_event(
        "x-sure",
        "2022-02-10",
        "Talks in Ankara ended without a deal",
        Status::Happened,
        0.85,
        &[
            "Talks in Ankara ended without a deal on 10 February 2022.",
            "The Ankara talks broke up on Thursday. | shared words: talks, Ankara; same date, 10 February 2022",
        ],
    ));
    events.push(extracted_event(
        "x-low",
        "2022",
        "Ties were strained",
        Status::Happened,
        0.35,
        &["Ties were strained in 2022."],
    ));
    events.push(extracted_event(
        "x-expected",
        "2022-06",
        "A summit is planned in Istanbul",
        Status::Expected,
        0.45,
        &["A summit is planned in Istanbul in June 2022."],
    ));
    Timeline::new(events, base.gazetteer.clone())
}

/// An explorer on the fixture data, sized `width` x `height`.
pub fn app_sized(width: u16, height: u16, color: bool) -> App {
    App::new(fixture_timeline(), KeyMap::default(), color, width, height)
}

pub fn app() -> App {
    app_sized(120, 40, true)
}

/// Presses keys written as in keys.toml (`j`, `Space`, `Ctrl-d`), the way the
/// loop does: through the key map of the current mode, then `update`.
/// Returns every effect asked for.
pub fn press(app: &mut App, keys: &[&str]) -> Vec<Effect> {
    let mut effects = Vec::new();
    for k in keys {
        let key = Key::parse(k).unwrap_or_else(|e| panic!("{e}"));
        if let Some(action) = input::key_action(app, key) {
            effects.extend(update(app, action));
        }
    }
    effects
}

/// Types text character by character.
pub fn type_text(app: &mut App, text: &str) -> Vec<Effect> {
    let mut effects = Vec::new();
    for c in text.chars() {
        let key = Key::ch(c);
        if let Some(action) = input::key_action(app, key) {
            effects.extend(update(app, action));
        }
    }
    effects
}

pub fn act(app: &mut App, action: Action) -> Vec<Effect> {
    update(app, action)
}

/// The text of the message on the status line, or "" when there is none.
pub fn message(app: &App) -> &str {
    app.message.as_ref().map_or("", |m| m.text.as_str())
}

/// The title of the selected event.
pub fn selected_title(app: &App) -> String {
    app.selected_event()
        .map(|e| e.title.clone())
        .unwrap_or_default()
}

/// Titles of the events shown.
pub fn shown_titles(app: &App) -> Vec<String> {
    app.shown
        .iter()
        .map(|&i| app.timeline.event(i).title.clone())
        .collect()
}

/// Selects the shown event whose title starts with `prefix`, with `j`/`k`.
pub fn select_title(app: &mut App, prefix: &str) {
    let target = app
        .shown
        .iter()
        .position(|&i| app.timeline.event(i).title.starts_with(prefix))
        .unwrap_or_else(|| panic!("no shown event starts with {prefix:?}"));
    while app.selected < target {
        press(app, &["j"]);
    }
    while app.selected > target {
        press(app, &["k"]);
    }
}

/// Draws the app into a test terminal of the given size.
pub fn draw(app: &App, width: u16, height: u16) -> Buffer {
    let mut term = Terminal::new(TestBackend::new(width, height)).expect("test terminal");
    term.draw(|f| annals::tui::ui::view(app, f)).expect("draw");
    term.backend().buffer().clone()
}

/// The screen's text, one line per row, trailing spaces removed.
pub fn text(buf: &Buffer) -> String {
    let mut out = String::new();
    for y in 0..buf.area.height {
        let mut line = String::new();
        let mut skip = 0usize;
        for x in 0..buf.area.width {
            let cell = &buf[(x, y)];
            if skip > 0 {
                skip -= 1;
                continue;
            }
            let sym = cell.symbol();
            line.push_str(sym);
            skip = unicode_width::UnicodeWidthStr::width(sym).saturating_sub(1);
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

/// Draws and returns the text, after telling the app its size.
pub fn screen(app: &mut App, width: u16, height: u16) -> String {
    update(app, Action::Resize { width, height });
    text(&draw(app, width, height))
}
