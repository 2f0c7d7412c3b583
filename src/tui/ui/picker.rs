//! The country and tag picker popup.

use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::{line_in, popup};
use crate::text::one_line;
use crate::tui::app::{App, Picker, PickerKind};
use crate::tui::keymap::{self, DialogOp};
use crate::tui::layout;
use crate::tui::styled::{self, fit, pad};

/// Draws the picker popup over the screen.
pub(super) fn draw(app: &App, p: &Picker, frame: &mut Frame, screen: Rect) {
    let t = &app.theme;
    let (title, chosen, all) = match p.kind {
        PickerKind::Countries => ("Countries", &app.filter.countries, app.filter.all_countries),
        PickerKind::Tags => ("Tags", &app.filter.tags, app.filter.all_tags),
    };
    let inner = popup(app, frame, layout::picker(screen, p.items.len()), title);
    if inner.height == 0 || inner.width == 0 {
        return;
    }
    let w = inner.width as usize;
    let prompt = match p.kind {
        PickerKind::Countries => "code, alpha-3 code or name",
        PickerKind::Tags => "tag",
    };
    let mut input = vec![Span::styled("› ", t.key())];
    let typed = one_line(&p.input);
    let typed_w = styled::width(&typed);
    if typed.is_empty() {
        input.push(Span::styled(format!("type a {prompt}"), t.dim()));
    } else {
        input.push(Span::styled(typed, t.title()));
    }
    line_in(frame, Rect::new(inner.x, inner.y, inner.width, 1), input);
    frame.set_cursor_position(Position::new(
        (inner.x + 2 + typed_w as u16).min(inner.right().saturating_sub(1)),
        inner.y,
    ));
    if inner.height > 1 {
        let (how, other) = if all {
            ("all of", "any of")
        } else {
            ("any of", "all of")
        };
        let mut spans = if chosen.is_empty() {
            vec![Span::styled(
                "nothing chosen: every event is shown".to_string(),
                t.dim(),
            )]
        } else {
            vec![
                Span::styled(format!("{how}: "), t.label()),
                Span::styled(one_line(&chosen.join(", ")), t.marked()),
            ]
        };
        if let Some(k) = keymap::PICKER_KEYS.first_key(DialogOp::NextField) {
            spans.push(Span::styled(format!("   {k}: {other}"), t.dim()));
        }
        let flat: Vec<(char, Style)> = spans
            .iter()
            .flat_map(|s| s.content.chars().map(move |c| (c, s.style)))
            .collect();
        let (sp, _) = fit(flat, w);
        line_in(frame, Rect::new(inner.x, inner.y + 1, inner.width, 1), sp);
    }
    let list = layout::picker_list(screen, p.items.len());
    let h = list.height as usize;
    if p.matches.is_empty() {
        if h > 0 {
            line_in(
                frame,
                Rect::new(list.x, list.y, list.width, 1),
                vec![Span::styled(
                    format!("nothing matches “{}”", one_line(&p.input)),
                    t.dim(),
                )],
            );
        }
        return;
    }
    let scroll = layout::keep_visible(p.scroll, h, p.matches.len(), p.cursor..p.cursor + 1);
    let mut lines = Vec::with_capacity(h);
    for (k, &i) in p.matches.iter().enumerate().skip(scroll).take(h) {
        let (value, count) = &p.items[i];
        let on = chosen.contains(value);
        let style = if k == p.cursor {
            t.selected()
        } else if on {
            t.marked()
        } else {
            t.base()
        };
        let check = if on { "[x] " } else { "[ ] " };
        let label = match p.kind {
            PickerKind::Countries => format!(
                "{:<5} {}",
                one_line(value),
                one_line(app.timeline.gazetteer.name(value))
            ),
            PickerKind::Tags => one_line(value),
        };
        let count = format!(" {count:>5}");
        let room = w.saturating_sub(4 + count.len());
        let (sp, used) = fit(label.chars().map(|c| (c, style)), room);
        let mut spans = vec![Span::styled(check, style)];
        spans.extend(sp);
        spans.push(pad(used, room, style));
        spans.push(Span::styled(count, style));
        lines.push(Line::from(spans));
    }
    frame.render_widget(Paragraph::new(lines), list);
}
