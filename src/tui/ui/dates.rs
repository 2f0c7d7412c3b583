//! The date range popup.

use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::popup;
use crate::text::one_line;
use crate::tui::app::{App, DateField, Mode};
use crate::tui::glyphs::SELECTED_GLYPH;
use crate::tui::keymap;
use crate::tui::layout;
use crate::tui::styled::{fit, pad, wrap};

/// Draws the date range popup over the screen.
pub(super) fn draw(app: &App, frame: &mut Frame, screen: Rect) {
    let t = &app.theme;
    let Mode::Dates(d) = &app.mode else {
        return;
    };
    let inner = popup(app, frame, layout::dates(screen), "Date range");
    let w = inner.width as usize;
    let mut lines = wrap(
        &[("Show the events that overlap this range.", t.base())],
        w,
        0,
    );
    lines.push(Line::default());
    let mut cursor = None;
    for (label, value, field) in [
        ("From  ", &d.from, DateField::From),
        ("To    ", &d.to, DateField::To),
    ] {
        let active = d.field == field;
        let v = one_line(value);
        let box_w = 14usize;
        let style = if active { t.selected() } else { t.base() };
        let (sp, used) = fit(v.chars().map(|c| (c, style)), box_w);
        let mut spans = vec![
            Span::styled(
                if active {
                    format!("{SELECTED_GLYPH} ")
                } else {
                    "  ".to_string()
                },
                t.key(),
            ),
            Span::styled(label, t.label()),
            Span::styled("[", t.dim()),
        ];
        spans.extend(sp);
        spans.push(pad(used, box_w, style));
        spans.push(Span::styled("]", t.dim()));
        if active {
            cursor = Some((inner.x + 9 + used.min(box_w - 1) as u16, lines.len() as u16));
        }
        lines.push(Line::from(spans));
    }
    lines.push(Line::default());
    lines.extend(wrap(&[(keymap::DATE_FORMS, t.dim())], w, 0));
    if let Some(e) = &d.error {
        lines.extend(wrap(&[(e.as_str(), t.error())], w, 0));
    }
    frame.render_widget(Paragraph::new(lines), inner);
    if let Some((x, y)) = cursor {
        if y < inner.height {
            frame.set_cursor_position(Position::new(
                x.min(inner.right().saturating_sub(1)),
                inner.y + y,
            ));
        }
    }
}
