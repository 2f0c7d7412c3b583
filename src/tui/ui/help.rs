//! The help popup, scrolled.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Paragraph};

use super::popup;
use crate::tui::app::App;
use crate::tui::keymap::{self, DialogOp};
use crate::tui::layout;
use crate::tui::pane_lines;

/// Draws help over the screen, scrolled to `scroll`.
pub(super) fn draw(app: &App, scroll: usize, frame: &mut Frame, screen: Rect) {
    let area = layout::help(screen);
    let inner = popup(app, frame, area, "Help");
    let lines = pane_lines::help_lines(&app.keymap, inner.width as usize);
    let h = inner.height as usize;
    let max = lines.len().saturating_sub(h);
    let scroll = scroll.min(max);
    if max > 0 {
        let more = if scroll < max {
            let keys: Vec<String> = [DialogOp::Down, DialogOp::PageDown]
                .into_iter()
                .filter_map(|op| keymap::HELP_KEYS.first_key(op))
                .map(|k| k.to_string())
                .collect();
            format!(" ↓ {} more: {} ", max - scroll, keys.join(", "))
        } else {
            " end ".to_string()
        };
        let block = Block::bordered()
            .border_type(BorderType::Thick)
            .border_style(app.theme.focused_border())
            .title(Span::styled(" Help ", app.theme.title()))
            .title_bottom(Line::from(Span::styled(more, app.theme.dim())).right_aligned());
        frame.render_widget(block, area);
    }
    let visible = app.theme.lines(lines.iter().skip(scroll).take(h));
    frame.render_widget(Paragraph::new(visible), inner);
}
