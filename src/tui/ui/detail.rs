//! The detail pane: the selected event's lines, scrolled.

use ratatui::Frame;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::pane_block;
use crate::tui::action::Command;
use crate::tui::app::{App, Focus};
use crate::tui::layout::Areas;
use crate::tui::pane_lines;
use crate::tui::styled;

/// Draws the detail pane.
pub(super) fn draw(app: &App, frame: &mut Frame, a: &Areas) {
    let focused = app.focus == Focus::Detail;
    let inner = a.detail_inner;
    let lines = pane_lines::detail_lines(&app.detail(), inner.width as usize);
    let h = inner.height as usize;
    let max = lines.len().saturating_sub(h);
    let scroll = app.detail_scroll().min(max);
    let mut block = pane_block(app, " Detail ".into(), focused);
    if max > 0 {
        let more = if scroll >= max {
            " end ".to_string()
        } else if focused {
            format!(" ↓ {} more ", max - scroll)
        } else {
            let key = app
                .keymap
                .first_key(Command::SwitchFocus)
                .map_or_else(|| "switch-focus".to_string(), |k| k.to_string());
            let long = format!(" ↓ {} more · {key} to scroll ", max - scroll);
            if styled::width(&long) + 2 <= a.detail.width as usize {
                long
            } else {
                format!(" ↓ {} more ", max - scroll)
            }
        };
        block = block.title_bottom(Line::from(Span::styled(more, app.theme.dim())).right_aligned());
    }
    frame.render_widget(block, a.detail);
    let visible = app.theme.lines(lines.iter().skip(scroll).take(h));
    frame.render_widget(Paragraph::new(visible), inner);
}
