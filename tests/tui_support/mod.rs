//! Helpers for the explorer's tests: fixture data, feeding keys, rendering.
#![allow(dead_code)]

use std::path::PathBuf;

use annals::loader::{self, Sources};
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
        .map(|&i| app.timeline.events[i].title.clone())
        .collect()
}

/// Selects the shown event whose title starts with `prefix`, with `j`/`k`.
pub fn select_title(app: &mut App, prefix: &str) {
    let target = app
        .shown
        .iter()
        .position(|&i| app.timeline.events[i].title.starts_with(prefix))
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
