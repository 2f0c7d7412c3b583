//! The view: draws the state. It only reads `App`; the layout arithmetic it
//! shares with `update` lives in `layout`. One file per region of the
//! screen: the header, the density strip, the timeline, the detail pane, the
//! bottom line, and the popups (pickers, date range, export, help).

mod bottom;
mod dates;
mod density;
mod detail;
mod export;
mod header;
mod help;
mod picker;
mod timeline;

pub use bottom::{MORE_HINTS, MORE_KEYS};
pub use density::axis_layout;
pub use timeline::short_date;

use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Clear, Paragraph};

use crate::tui::action::Command;
use crate::tui::app::{App, Mode};
use crate::tui::keymap;
use crate::tui::layout;
use crate::tui::styled::wrap;

/// Tenths of a second as `1.4 s`.
pub fn seconds(tenths: u64) -> String {
    format!("{}.{} s", tenths / 10, tenths % 10)
}

/// Draws the whole screen.
pub fn view(app: &App, frame: &mut Frame) {
    draw(app, frame);
    scrub(frame.buffer_mut());
}

/// The last guard between data and the terminal: every text from the data is
/// made inert where it is drawn (`one_line`, which shows escapes), and any
/// control or bidirectional character that still reached a cell becomes `�`
/// here. A look at each cell: nothing next to drawing the frame.
pub fn scrub(buf: &mut Buffer) {
    for cell in &mut buf.content {
        if cell.symbol().chars().any(crate::text::is_dangerous) {
            cell.set_symbol("\u{fffd}");
        }
    }
}

fn draw(app: &App, frame: &mut Frame) {
    let area = frame.area();
    if area.width == 0 || area.height == 0 {
        return;
    }
    let Some(a) = layout::areas(area) else {
        too_small(app, frame, area);
        return;
    };
    header::draw(app, frame, a.header);
    density::draw(app, frame, a.density);
    timeline::draw(app, frame, &a);
    detail::draw(app, frame, &a);
    bottom::draw(app, frame, a.bottom);
    match &app.mode {
        Mode::Picker(p) => picker::draw(app, p, frame, area),
        Mode::Dates(_) => dates::draw(app, frame, area),
        Mode::Export(_) => export::draw(app, frame, area),
        Mode::Help { scroll } => help::draw(app, *scroll, frame, area),
        Mode::Normal | Mode::Search => {}
    }
}

fn too_small(app: &App, frame: &mut Frame, area: Rect) {
    let t = &app.theme;
    let quit = app
        .keymap
        .first_key(Command::Quit)
        .map_or_else(|| keymap::QUIT_ALWAYS.to_string(), |k| k.to_string());
    let text = format!(
        "The terminal is too small ({}x{}). annals needs at least {}x{}: make the window larger, or press {} to quit.",
        area.width,
        area.height,
        layout::MIN_WIDTH,
        layout::MIN_HEIGHT,
        quit
    );
    let lines = wrap(&[(&text, t.title())], area.width as usize, 0);
    let top = (area.height as usize).saturating_sub(lines.len()) / 2;
    let rect = Rect::new(
        area.x,
        area.y + top as u16,
        area.width,
        area.height - top as u16,
    );
    frame.render_widget(Paragraph::new(lines), rect);
}

fn line_in(frame: &mut Frame, area: Rect, spans: Vec<Span<'static>>) {
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}

fn pane_block(app: &App, title: String, focused: bool) -> Block<'static> {
    let t = &app.theme;
    let (kind, style) = if focused {
        (BorderType::Thick, t.focused_border())
    } else {
        (BorderType::Plain, t.border())
    };
    Block::bordered()
        .border_type(kind)
        .border_style(style)
        .title(Span::styled(
            title,
            if focused { t.title() } else { t.base() },
        ))
}

fn popup(app: &App, frame: &mut Frame, area: Rect, title: &str) -> Rect {
    frame.render_widget(Clear, area);
    let block = Block::bordered()
        .border_type(BorderType::Thick)
        .border_style(app.theme.focused_border())
        .title(Span::styled(format!(" {title} "), app.theme.title()));
    frame.render_widget(block, area);
    layout::inner(area)
}
