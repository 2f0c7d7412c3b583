//! The bottom line: the search line, a message, or the hints of the mode.

use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::text::Span;

use super::line_in;
use crate::text::one_line;
use crate::tui::action::Command;
use crate::tui::app::{App, Ask, Mode};
use crate::tui::keymap::{self, ModeKeys};
use crate::tui::styled::{self, fit, pad};

/// The word the help hint takes when the hint line had no room for some
/// keys: help lists them all.
pub const MORE_KEYS: &str = "more keys";

/// What ends a dialog's hint line when some of its keys had no room.
pub const MORE_HINTS: &str = "…";

/// The hint line: as many (keys, word) items as fit, in their order. The
/// items that back out (`Esc`) or open help and quit always find room; when
/// some item is left out, the help hint says that help has more keys, or (in
/// a dialog, where there is no help to open) the line ends with `…`.
fn hint_spans(app: &App, items: &[(String, &'static str)], width: usize) -> Vec<Span<'static>> {
    let t = &app.theme;
    let need = |(k, word): &(String, &str)| styled::width(k) + 1 + styled::width(word) + 2;
    let help = app.keymap.first_key(Command::Help).map(|k| k.to_string());
    let quit = app.keymap.first_key(Command::Quit).map(|k| k.to_string());
    let back = keymap::BACK.to_string();
    let is_help = |k: &str| help.as_deref() == Some(k);
    let pinned = |k: &str| is_help(k) || quit.as_deref() == Some(k) || k == back;
    let has_help = items.iter().any(|(k, _)| is_help(k));
    // room for the longer word of the help hint, or for the `…`
    let extra = if has_help {
        styled::width(MORE_KEYS).saturating_sub(
            items
                .iter()
                .find(|(k, _)| is_help(k))
                .map_or(0, |(_, w)| styled::width(w)),
        )
    } else {
        styled::width(MORE_HINTS) + 1
    };
    let reserved: usize = items.iter().filter(|(k, _)| pinned(k)).map(need).sum();
    let all: usize = items.iter().map(need).sum();
    let fits_all = all <= width + 2;
    let mut room = (width + 2).saturating_sub(reserved + if fits_all { 0 } else { extra });
    let mut keep = vec![false; items.len()];
    for (i, item) in items.iter().enumerate() {
        if pinned(&item.0) {
            keep[i] = true;
        } else if fits_all || need(item) <= room {
            room = room.saturating_sub(need(item));
            keep[i] = true;
        } else {
            room = 0;
        }
    }
    let dropped = keep.iter().any(|k| !k);
    let mut spans = Vec::new();
    for (item, _) in items.iter().zip(&keep).filter(|(_, k)| **k) {
        let word = if dropped && is_help(&item.0) {
            MORE_KEYS
        } else {
            item.1
        };
        spans.push(Span::styled(item.0.clone(), t.key()));
        spans.push(Span::styled(format!(" {word}  "), t.dim()));
    }
    if dropped && !has_help {
        spans.push(Span::styled(MORE_HINTS, t.dim()));
    }
    spans
}

fn mode_keys(app: &App) -> Option<&'static ModeKeys> {
    match &app.mode {
        Mode::Normal => None,
        Mode::Search => Some(&keymap::SEARCH_KEYS),
        Mode::Picker(_) => Some(&keymap::PICKER_KEYS),
        Mode::Dates(_) => Some(&keymap::DATES_KEYS),
        Mode::Export(d) => Some(match &d.confirm {
            Some(Ask::Overwrite(_)) => &keymap::OVERWRITE_KEYS,
            Some(Ask::Extension { .. }) => &keymap::EXTENSION_KEYS,
            None => &keymap::EXPORT_KEYS,
        }),
        Mode::Help { .. } => Some(&keymap::HELP_KEYS),
    }
}

/// Draws the bottom line.
pub(super) fn draw(app: &App, frame: &mut Frame, area: Rect) {
    let t = &app.theme;
    let w = area.width as usize;
    if let Mode::Search = app.mode {
        let q = one_line(&app.filter.query);
        let hints = hint_spans(app, &keymap::mode_hints(&keymap::SEARCH_KEYS)[..2], w / 2);
        let hint_w: usize = hints.iter().map(|s| styled::width(&s.content)).sum();
        let room = w.saturating_sub(hint_w + 3);
        // show the end of a long query
        let mut shown: Vec<char> = Vec::new();
        let mut used = 0;
        for c in q.chars().rev() {
            let cw = styled::char_width(c);
            if used + cw > room {
                break;
            }
            used += cw;
            shown.push(c);
        }
        shown.reverse();
        let text: String = shown.into_iter().collect();
        let mut spans = vec![
            Span::styled("/", t.key()),
            Span::styled(text, t.title()),
            Span::raw(" "),
        ];
        let cursor_x = area.x + 1 + used as u16;
        spans.push(pad(used + 2, w.saturating_sub(hint_w), t.base()));
        spans.extend(hints);
        line_in(frame, area, spans);
        frame.set_cursor_position(Position::new(
            cursor_x.min(area.right().saturating_sub(1)),
            area.y,
        ));
        return;
    }
    if let Some(m) = &app.message {
        let style = if m.error { t.error() } else { t.info() };
        let (sp, _) = fit(one_line(&m.text).chars().map(|c| (c, style)), w);
        line_in(frame, area, sp);
        return;
    }
    let items = match mode_keys(app) {
        Some(keys) => keymap::mode_hints(keys),
        None => keymap::hints(&app.keymap),
    };
    line_in(frame, area, hint_spans(app, &items, w));
}
