//! The view: draws the state. It only reads `App`; the layout arithmetic it
//! shares with `update` lives in `layout`.

use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Clear, Paragraph};

use crate::model::DateValue;
use crate::text::one_line;

use super::action::{Command, LoadStatus};
use super::app::{App, Ask, DateField, Focus, Mode, Picker, PickerKind};
use super::density::Spread;
use super::export_hook;
use super::keymap::{self, DialogOp, ModeKeys};
use super::layout::{self, Areas, Row};
use super::styled::{self, fit, pad, wrap};
use super::view_model;

/// Tenths of a second as `1.4 s`.
pub fn seconds(tenths: u64) -> String {
    format!("{}.{} s", tenths / 10, tenths % 10)
}

/// The glyph before the selected row, and the one for marked events.
pub const SELECTED_GLYPH: char = '▸';
pub const MARK_GLYPH: char = '✓';
pub const EXTRACTED_GLYPH: char = '~';

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
    header(app, frame, a.header);
    density(app, frame, a.density);
    timeline(app, frame, &a);
    detail(app, frame, &a);
    bottom(app, frame, a.bottom);
    match &app.mode {
        Mode::Picker(p) => picker(app, p, frame, area),
        Mode::Dates(_) => dates(app, frame, area),
        Mode::Export(_) => export(app, frame, area),
        Mode::Help { scroll } => help(app, *scroll, frame, area),
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

fn header(app: &App, frame: &mut Frame, area: Rect) {
    let t = &app.theme;
    let w = area.width as usize;
    let mut spans = vec![
        Span::styled("annals", t.header()),
        Span::styled("  ", t.base()),
    ];
    match &app.loading {
        Some(l) if !l.reload && app.previewing => {
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
    if let Some(l) = app.loading.as_ref().filter(|l| l.reload) {
        spans.push(Span::styled("  ", t.base()));
        spans.push(Span::styled(
            format!("reloading… {}", seconds(l.tenths)),
            t.info(),
        ));
    }
    if app.filtering.is_some() {
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

const BLOCKS: [char; 9] = [' ', '▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];

fn density(app: &App, frame: &mut Frame, area: Rect) {
    let t = &app.theme;
    let d = &app.density;
    let gutter = 11usize;
    let w = (area.width as usize).saturating_sub(gutter + 1);
    if area.height < 3 || w == 0 || app.waiting_for_data() {
        return;
    }
    // what is drawn: buckets, and gaps where long empty runs were folded
    let slots = d.folded();
    let n = slots.len();
    let spread = Spread::new(n, w);
    let cols = spread.width(n).min(w);
    let column_slots = |x: usize| spread.buckets(x).filter_map(|k| slots.get(k).copied());
    let values: Vec<Option<u32>> = (0..cols)
        .map(|x| {
            let mut any = false;
            let mut sum = 0u32;
            for b in column_slots(x).flatten() {
                any = true;
                sum = sum.saturating_add(d.counts[b]);
            }
            any.then_some(sum)
        })
        .collect();
    let max = values.iter().flatten().copied().max().unwrap_or(0);
    let selected = app
        .selected_event()
        .and_then(|e| d.bucket(e.span_start()))
        .and_then(|b| slots.iter().position(|&s| s == Some(b)));
    let sel_cols = selected.map(|k| {
        let c = spread.column(k);
        c..c + spread.cols
    });
    let mut top: Vec<(char, Style)> = Vec::with_capacity(w);
    let mut low: Vec<(char, Style)> = Vec::with_capacity(w);
    for (x, v) in values.iter().enumerate() {
        let Some(v) = *v else {
            // a folded run of empty years or months
            top.push((' ', t.dim()));
            low.push(('┊', t.dim()));
            continue;
        };
        let level = if v == 0 || max == 0 {
            0
        } else {
            ((v as u64 * 16).div_ceil(max as u64)) as usize
        };
        let style = if sel_cols.as_ref().is_some_and(|r| r.contains(&x)) {
            t.bar_selected()
        } else {
            t.bar()
        };
        top.push((BLOCKS[level.saturating_sub(8).min(8)], style));
        low.push((BLOCKS[level.min(8)], style));
    }
    // the axis: the selected bucket's marker and as many labels as fit
    let labels: Vec<(usize, String)> = (0..n)
        .step_by(spread.per)
        .filter_map(|k| slots[k].map(|b| (spread.column(k), d.label(b))))
        .collect();
    let (marker, labels) = axis_layout(sel_cols, spread.cols, cols, &labels);
    let mut axis: Vec<(char, Style)> = vec![(' ', t.dim()); cols];
    for (x, label) in labels {
        for (i, c) in label.chars().enumerate() {
            axis[x + i] = (c, t.dim());
        }
    }
    if let Some(m) = marker {
        if m < axis.len() {
            axis[m] = ('▴', t.bar_selected());
        }
    }
    let gut = |s: String, style: Style| {
        let (sp, used) = fit(s.chars().map(|c| (c, style)), gutter);
        let mut v = sp;
        v.push(pad(used, gutter + 1, t.base()));
        v
    };
    let unit_line = if n == 0 {
        "no events".to_string()
    } else {
        format!("per {}", d.unit.word())
    };
    let rows = [
        (gut(unit_line, t.dim()), top),
        (gut(format!("max {max}"), t.dim()), low),
        (gut(String::new(), t.dim()), axis),
    ];
    for (y, (mut g, bars)) in rows.into_iter().enumerate() {
        g.extend(styled::spans(bars));
        line_in(
            frame,
            Rect::new(area.x, area.y + y as u16, area.width, 1),
            g,
        );
    }
}

/// Where the density strip's axis puts the selected bucket's marker and the
/// labels (column, text), given the selected bucket's columns, the width of
/// a bucket, the strip's width and every label that could be drawn.
///
/// The marker sits inside its bucket, past the room its label takes when the
/// bucket is wide enough. Labels that would touch the marker or another label
/// are left out, except the first: it says where the strip begins, so when
/// the marker falls under it the marker moves to a column of its bucket past
/// the label, or when there is none (a narrow first bucket) to the bucket's
/// first column, with the label just after it.
pub fn axis_layout(
    selected: Option<std::ops::Range<usize>>,
    bucket_cols: usize,
    cols: usize,
    labels: &[(usize, String)],
) -> (Option<usize>, Vec<(usize, String)>) {
    let label_w = labels.first().map_or(4, |(_, l)| styled::width(l));
    let mut marker = selected.as_ref().map(|r| {
        let at = if bucket_cols >= label_w + 2 {
            r.start + (bucket_cols / 2).max(label_w + 1)
        } else {
            r.start + bucket_cols / 2
        };
        at.min(r.end - 1).min(cols.max(1) - 1)
    });
    let touches = |m: usize, x: usize, end: usize| m + 1 >= x && m <= end;
    let mut out = Vec::new();
    let mut free = 0usize;
    for (k, (x, label)) in labels.iter().enumerate() {
        let mut x = *x;
        let end = x + styled::width(label);
        if k == 0 {
            if let (Some(m), Some(r)) = (marker, selected.as_ref()) {
                if touches(m, x, end) {
                    if end + 1 < r.end.min(cols) {
                        marker = Some(end + 1);
                    } else {
                        marker = Some(r.start);
                        x = r.start + 1;
                    }
                }
            }
            if x + styled::width(label) > cols {
                continue;
            }
            free = x + styled::width(label) + 2;
            out.push((x, label.clone()));
            continue;
        }
        if x < free || end > cols || marker.is_some_and(|m| touches(m, x, end)) {
            continue;
        }
        out.push((x, label.clone()));
        free = end + 2;
    }
    (marker, out)
}

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

fn timeline(app: &App, frame: &mut Frame, a: &Areas) {
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
    if let Some(l) = app.loading.as_ref().filter(|_| app.waiting_for_data()) {
        frame.render_widget(Paragraph::new(loading_lines(app, l, w)), inner);
        return;
    }
    if app.shown.is_empty() {
        let lines = wrap(&[("No event matches the filters.", t.dim())], w, 0);
        frame.render_widget(Paragraph::new(lines), inner);
        return;
    }
    let total = layout::total_rows(&app.years, app.shown.len());
    let row = layout::row_of_event(&app.years, app.selected);
    let first_of_year = layout::year_of_event(&app.years, app.selected)
        .is_some_and(|y| app.years[y].1 == app.selected);
    let start = if first_of_year { row - 1 } else { row };
    let scroll = layout::keep_visible(app.scroll, h, total, start..row + 1);
    let mut lines = Vec::with_capacity(h);
    for r in scroll..(scroll + h).min(total) {
        match layout::row_at(&app.years, app.shown.len(), r) {
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
    let (year, start) = app.years[y];
    let end = app.years.get(y + 1).map_or(app.shown.len(), |&(_, s)| s);
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
    let e = &app.timeline.events[i];
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
        if e.is_extracted() {
            EXTRACTED_GLYPH
        } else {
            ' '
        },
        base,
    ));
    chars.push((' ', base));
    let title = one_line(&e.title);
    let hl = if app.query.is_empty() {
        Vec::new()
    } else {
        app.query.highlights(&title)
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

fn detail(app: &App, frame: &mut Frame, a: &Areas) {
    let focused = app.focus == Focus::Detail;
    let inner = a.detail_inner;
    let lines = view_model::detail_lines(app, inner.width as usize);
    let h = inner.height as usize;
    let max = lines.len().saturating_sub(h);
    let scroll = app.detail_scroll.min(max);
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
    let visible: Vec<Line> = lines.iter().skip(scroll).take(h).cloned().collect();
    frame.render_widget(Paragraph::new(visible), inner);
}

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

fn bottom(app: &App, frame: &mut Frame, area: Rect) {
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

fn popup(app: &App, frame: &mut Frame, area: Rect, title: &str) -> Rect {
    frame.render_widget(Clear, area);
    let block = Block::bordered()
        .border_type(BorderType::Thick)
        .border_style(app.theme.focused_border())
        .title(Span::styled(format!(" {title} "), app.theme.title()));
    frame.render_widget(block, area);
    layout::inner(area)
}

fn picker(app: &App, p: &Picker, frame: &mut Frame, screen: Rect) {
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

fn dates(app: &App, frame: &mut Frame, screen: Rect) {
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

fn export(app: &App, frame: &mut Frame, screen: Rect) {
    let t = &app.theme;
    let Mode::Export(d) = &app.mode else {
        return;
    };
    let inner = popup(app, frame, layout::export(screen), "Export");
    let w = inner.width as usize;
    let what = if d.marked {
        let mut s = format!(
            "Exports the {} marked event{}",
            d.count,
            if d.count == 1 { "" } else { "s" }
        );
        if d.hidden > 0 {
            s.push_str(&format!(" ({} hidden by the filters)", d.hidden));
        }
        s.push('.');
        s
    } else {
        format!(
            "Exports the {} event{} shown (no event is marked).",
            d.count,
            if d.count == 1 { "" } else { "s" }
        )
    };
    let mut lines = wrap(&[(&what, t.title())], w, 0);
    lines.push(Line::default());
    let mut formats = vec![Span::styled("Format  ", t.label())];
    for (k, format) in export_hook::FORMATS.iter().enumerate() {
        let name = format.name();
        if k == d.format {
            formats.push(Span::styled(
                format!("{SELECTED_GLYPH}{name}"),
                t.selected(),
            ));
        } else {
            formats.push(Span::styled(format!(" {name}"), t.base()));
        }
        formats.push(Span::raw(" "));
    }
    lines.push(Line::from(formats));
    // the folder a relative name goes in, its end when it is long
    let folder = if std::path::Path::new(d.path.trim()).is_absolute() {
        "(not used: the path is absolute)".to_string()
    } else {
        one_line(&d.dir.display().to_string())
    };
    let mut dir = vec![Span::styled("Folder  ", t.label())];
    dir.extend(fit_end(&folder, w.saturating_sub(8), t.base()));
    lines.push(Line::from(dir));
    let path = one_line(&d.path);
    let room = w.saturating_sub(9);
    let (sp, used) = fit(path.chars().map(|c| (c, t.title())), room);
    let mut file = vec![Span::styled("File    ", t.label())];
    file.extend(sp);
    let cursor_y = lines.len() as u16;
    lines.push(Line::from(file));
    lines.push(Line::default());
    match &d.confirm {
        Some(Ask::Overwrite(p)) => {
            let text = format!(
                "{} exists. Overwrite it? {}",
                one_line(&p.display().to_string()),
                answer_keys(&keymap::OVERWRITE_KEYS)
            );
            lines.extend(wrap(&[(&text, t.error())], w, 0));
        }
        Some(Ask::Extension {
            typed,
            format,
            expected,
        }) => {
            let text = format!(
                "The name ends in .{}, not .{}: export {} to it anyway? {}",
                one_line(typed),
                one_line(expected),
                one_line(format),
                answer_keys(&keymap::EXTENSION_KEYS)
            );
            lines.extend(wrap(&[(&text, t.error())], w, 0));
        }
        None => {
            if let Some(e) = &d.error {
                lines.extend(wrap(&[(e.as_str(), t.error())], w, 0));
            }
        }
    }
    frame.render_widget(Paragraph::new(lines), inner);
    if d.confirm.is_none() && cursor_y < inner.height {
        frame.set_cursor_position(Position::new(
            (inner.x + 8 + used as u16).min(inner.right().saturating_sub(1)),
            inner.y + cursor_y,
        ));
    }
}

/// The keys of a yes / no question, from its table: `y / n`.
fn answer_keys(keys: &ModeKeys) -> String {
    keys.bindings
        .iter()
        .filter_map(|(ks, _, _, _)| ks.first().map(|k| k.to_string()))
        .collect::<Vec<_>>()
        .join(" / ")
}

/// The end of `text` in at most `width` columns, with `…` before it when
/// its start is cut (the end of a path says most).
fn fit_end(text: &str, width: usize, style: Style) -> Vec<Span<'static>> {
    if styled::width(text) <= width {
        return vec![Span::styled(text.to_string(), style)];
    }
    let mut kept: Vec<char> = Vec::new();
    let mut used = 1;
    for c in text.chars().rev() {
        let cw = styled::char_width(c);
        if used + cw > width {
            break;
        }
        used += cw;
        kept.push(c);
    }
    kept.reverse();
    let tail: String = kept.into_iter().collect();
    vec![Span::styled(format!("…{tail}"), style)]
}

fn help(app: &App, scroll: usize, frame: &mut Frame, screen: Rect) {
    let area = layout::help(screen);
    let inner = popup(app, frame, area, "Help");
    let lines = view_model::help_lines(app, inner.width as usize);
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
    let visible: Vec<Line> = lines.into_iter().skip(scroll).take(h).collect();
    frame.render_widget(Paragraph::new(visible), inner);
}

#[cfg(test)]
mod tests {
    use super::axis_layout;

    fn labels(xs: &[(usize, &str)]) -> Vec<(usize, String)> {
        xs.iter().map(|&(x, l)| (x, l.to_string())).collect()
    }

    #[test]
    fn the_marker_in_a_narrow_first_bucket_keeps_its_label() {
        // one column a month: the first month's label stays, after the marker
        let ls = labels(&[(0, "2016-07"), (9, "2016-04"), (18, "2017-01")]);
        let (m, out) = axis_layout(Some(0..1), 1, 40, &ls);
        assert_eq!(m, Some(0));
        assert_eq!(out[0], (1, "2016-07".to_string()));
        // a wider bucket: the marker moves past the label, inside its bucket
        let ls = labels(&[(0, "2016-07"), (10, "2016-08")]);
        let (m, out) = axis_layout(Some(0..10), 10, 40, &ls);
        assert_eq!(m, Some(8));
        assert_eq!(out[0], (0, "2016-07".to_string()));
        // a later bucket under the first label
        let (m, out) = axis_layout(Some(3..4), 1, 40, &labels(&[(0, "2016-07")]));
        assert_eq!(out.len(), 1);
        let (x, l) = &out[0];
        let m = m.unwrap();
        assert!(m < *x || m > x + l.len(), "{m} {x}");
    }

    #[test]
    fn other_labels_give_way_to_the_marker() {
        let ls = labels(&[(0, "2015"), (8, "2016"), (16, "2017")]);
        let (m, out) = axis_layout(Some(8..16), 8, 40, &ls);
        assert_eq!(m, Some(13));
        assert_eq!(out.len(), 3);
        let (m, out) = axis_layout(Some(8..10), 2, 40, &ls);
        assert_eq!(m, Some(9));
        assert_eq!(out.iter().map(|(x, _)| *x).collect::<Vec<_>>(), [0, 16]);
    }
}
