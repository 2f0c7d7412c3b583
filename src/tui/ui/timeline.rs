//! The timeline pane: year headings and event rows, or how the load goes.

use ratatui::Frame;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::{pane_block, seconds};
use crate::model::{DateValue, Status};
use crate::text::one_line;
use crate::tui::action::{Command, LoadStatus};
use crate::tui::app::{App, Focus};
use crate::tui::glyphs::{EXPECTED_GLYPH, EXTRACTED_GLYPH, MARK_GLYPH, SELECTED_GLYPH};
use crate::tui::keymap;
use crate::tui::layout::{self, Areas, Row};
use crate::tui::styled::{self, fit, wrap};

/// A date at its precision for the timeline's date column, under its year
/// heading: `07-15` for a day, `07` for a month, nothing for a year.
pub fn short_date(d: &DateValue) -> String {
    use chrono::Datelike;
    match *d {
        DateValue::Day(day) => format!("{:02}-{:02}", day.month(), day.day()),
        DateValue::Month { month, .. } => format!("{month:02}"),
        DateValue::Year(_) => String::new(),
        DateValue::Week { week, .. } => format!("W{week:02}"),
        DateValue::Season { season, .. } => season.code().to_string(),
        DateValue::Quarter { quarter, .. } => format!("Q{quarter}"),
        DateValue::Decade(n) => format!("{n}x"),
        DateValue::Century(n) => format!("{n}xx"),
    }
}

/// Draws the timeline pane.
pub(super) fn draw(app: &App, frame: &mut Frame, a: &Areas) {
    let t = &app.theme;
    let focused = app.focus == Focus::Timeline;
    let title = if app.shown.is_empty() {
        " Timeline ".to_string()
    } else {
        format!(" Timeline · {} of {} ", app.selected + 1, app.shown.len())
    };
    frame.render_widget(pane_block(app, title, focused), a.timeline);
    let inner = a.timeline_inner;
    let h = inner.height as usize;
    let w = inner.width as usize;
    if let Some(l) = app.load_status().filter(|_| app.waiting_for_data()) {
        frame.render_widget(Paragraph::new(loading_lines(app, l, w)), inner);
        return;
    }
    if app.shown.is_empty() {
        let lines = wrap(&[("No event matches the filters.", t.dim())], w, 0);
        frame.render_widget(Paragraph::new(lines), inner);
        return;
    }
    let total = layout::total_rows(app.years(), app.shown.len());
    let row = layout::row_of_event(app.years(), app.selected);
    let first_of_year = layout::year_of_event(app.years(), app.selected)
        .is_some_and(|y| app.years()[y].1 == app.selected);
    let start = if first_of_year { row - 1 } else { row };
    let scroll = layout::keep_visible(app.scroll(), h, total, start..row + 1);
    let mut lines = Vec::with_capacity(h);
    for r in scroll..(scroll + h).min(total) {
        match layout::row_at(app.years(), app.shown.len(), r) {
            Some(Row::Year(y)) => lines.push(year_row(app, y, w)),
            Some(Row::Event(p)) => lines.push(event_row(app, p, w)),
            None => break,
        }
    }
    frame.render_widget(Paragraph::new(lines), inner);
}

/// The timeline pane while the data loads: what the load is doing, for how
/// long, and how far it is when the loader can tell.
fn loading_lines(app: &App, l: &LoadStatus, w: usize) -> Vec<Line<'static>> {
    let t = &app.theme;
    let mut lines = wrap(&[("Loading the data…", t.title())], w, 0);
    let phase = format!("{} · {}", one_line(&l.phase), seconds(l.tenths));
    lines.extend(wrap(&[(&phase, t.base())], w, 0));
    if l.total > 0 {
        let done = l.done.min(l.total);
        let bar_w = w.saturating_sub(8).min(40);
        let filled = (done as u128 * bar_w as u128 / l.total as u128) as usize;
        let pct = done as u128 * 100 / l.total as u128;
        let bar = format!(
            "{}{} {pct:>3}%",
            "█".repeat(filled),
            "░".repeat(bar_w - filled)
        );
        lines.push(Line::from(Span::styled(bar, t.bar())));
        let count = format!("{done} of {}", l.total);
        lines.extend(wrap(&[(&count, t.dim())], w, 0));
    }
    lines.push(Line::default());
    let quit = app
        .keymap
        .first_key(Command::Quit)
        .map_or_else(|| keymap::QUIT_ALWAYS.to_string(), |k| k.to_string());
    let search = app
        .keymap
        .first_key(Command::Search)
        .map(|k| format!("Press {k} to type a search meanwhile; "))
        .unwrap_or_default();
    let hint = format!("{search}{quit} quits.");
    lines.extend(wrap(&[(&hint, t.dim())], w, 0));
    lines
}

fn year_row(app: &App, y: usize, w: usize) -> Line<'static> {
    let t = &app.theme;
    let (year, start) = app.years()[y];
    let end = app.years().get(y + 1).map_or(app.shown.len(), |&(_, s)| s);
    let n = end - start;
    let count = if n == 1 {
        " 1 event".to_string()
    } else {
        format!(" {n} events")
    };
    let label = format!("{year} ");
    let rule = w.saturating_sub(styled::width(&label) + count.len());
    let mut spans = vec![
        Span::styled(label, t.heading()),
        Span::styled("─".repeat(rule), t.dim()),
        Span::styled(count, t.dim()),
    ];
    if styled::width(&spans[0].content) > w {
        spans.truncate(1);
    }
    Line::from(spans)
}

fn event_row(app: &App, pos: usize, w: usize) -> Line<'static> {
    let t = &app.theme;
    let i = app.shown[pos];
    let e = app.timeline.event(i);
    let selected = pos == app.selected;
    let marked = app.is_marked(i);
    let base = if selected {
        t.selected()
    } else if marked {
        t.marked()
    } else {
        t.base()
    };
    let cw = if w >= 66 { 11 } else { 5 };
    let fixed = 2 + 1 + 5 + 1 + cw + 1 + 2 + 4;
    let title_w = w.saturating_sub(fixed);
    let mut chars: Vec<(char, Style)> = Vec::with_capacity(w);
    let push = |chars: &mut Vec<(char, Style)>, s: &str, width: usize, style: Style| {
        let (sp, used) = fit(s.chars().map(|c| (c, style)), width);
        for span in sp {
            chars.extend(span.content.chars().map(|c| (c, span.style)));
        }
        chars.extend(std::iter::repeat_n(
            (' ', style),
            width.saturating_sub(used),
        ));
    };
    chars.push((if selected { SELECTED_GLYPH } else { ' ' }, base));
    chars.push((if marked { MARK_GLYPH } else { ' ' }, base));
    chars.push((' ', base));
    push(&mut chars, &short_date(&e.date), 5, base);
    chars.push((' ', base));
    push(&mut chars, &one_line(&e.countries.join(",")), cw, base);
    chars.push((' ', base));
    chars.push((
        if e.status == Status::Expected {
            EXPECTED_GLYPH
        } else if e.is_extracted() {
            EXTRACTED_GLYPH
        } else {
            ' '
        },
        base,
    ));
    chars.push((' ', base));
    let title = one_line(&e.title);
    let hl = if app.query().is_empty() {
        Vec::new()
    } else {
        app.query().highlights(&title)
    };
    let (sp, used) = fit(styled::highlighted(&title, &hl, base, t.matched()), title_w);
    for span in sp {
        chars.extend(span.content.chars().map(|c| (c, span.style)));
    }
    chars.extend(std::iter::repeat_n(
        (' ', base),
        title_w.saturating_sub(used),
    ));
    // the articles that mention the event, not their sentences
    let n = e.article_count();
    let src = if n == 0 {
        "    ".to_string()
    } else {
        format!(" {n:>3}")
    };
    chars.extend(src.chars().map(|c| (c, base)));
    Line::from(styled::spans(chars))
}
