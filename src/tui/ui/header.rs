//! The header: the counts, the load or filter going on, the marks, the filters.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Span;

use super::{line_in, seconds};
use crate::text::one_line;
use crate::tui::app::App;
use crate::tui::glyphs::MARK_GLYPH;
use crate::tui::styled::{self, fit};

/// Draws the header line.
pub(super) fn draw(app: &App, frame: &mut Frame, area: Rect) {
    let t = &app.theme;
    let w = area.width as usize;
    let mut spans = vec![
        Span::styled("annals", t.header()),
        Span::styled("  ", t.base()),
    ];
    match app.load_status() {
        Some(l) if !l.reload && app.previewing() => {
            spans.push(Span::styled(
                format!(
                    "{} of {} events so far",
                    app.shown.len(),
                    app.timeline.len()
                ),
                t.title(),
            ));
            spans.push(Span::styled("  ", t.base()));
            // what the load does, without the unit the loading screen counts in
            let phase = one_line(&l.phase);
            let phase = phase.split(" (").next().unwrap_or_default();
            let pct = (l.done.min(l.total) * 100)
                .checked_div(l.total)
                .map(|p| format!(" {p}%"))
                .unwrap_or_default();
            spans.push(Span::styled(
                format!("loading… {phase}{pct} · {}", seconds(l.tenths)),
                t.info(),
            ));
        }
        Some(l) if !l.reload => {
            spans.push(Span::styled(
                format!("loading… {}", seconds(l.tenths)),
                t.info(),
            ));
        }
        _ => spans.push(Span::styled(
            format!("{} of {} events", app.shown.len(), app.timeline.len()),
            t.title(),
        )),
    }
    if let Some(l) = app.load_status().filter(|l| l.reload) {
        spans.push(Span::styled("  ", t.base()));
        spans.push(Span::styled(
            format!("reloading… {}", seconds(l.tenths)),
            t.info(),
        ));
    }
    if app.filtering().is_some() {
        // the busy sign: the list still shows the previous filter's result
        spans.push(Span::styled("  ", t.base()));
        spans.push(Span::styled("filtering…", t.info()));
    }
    if !app.marks.is_empty() {
        spans.push(Span::styled("  ", t.base()));
        spans.push(Span::styled(
            format!("{MARK_GLYPH} {} marked", app.marks.len()),
            t.marked(),
        ));
    }
    spans.push(Span::styled("  │  ", t.dim()));
    let used: usize = spans.iter().map(|s| styled::width(&s.content)).sum();
    let (f, _) = fit(
        one_line(&app.filter.describe())
            .chars()
            .map(|c| (c, t.base())),
        w.saturating_sub(used),
    );
    spans.extend(f);
    line_in(frame, area, spans);
}
