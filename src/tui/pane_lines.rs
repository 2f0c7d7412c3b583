//! The text of the detail pane and of help, as wrapped lines. Pure functions of
//! the state and a width: the view draws them and `update` counts them to know
//! how far those panes scroll.

use std::rc::Rc;
use std::sync::Arc;

use ratatui::style::Style;
use ratatui::text::{Line, Span};

use crate::model::Event;
use crate::text::one_line;

use super::action::Command;
use super::app::App;
use super::keymap;
use super::styled::{self, wrap};

/// Sources quoted in the detail pane; past this many, a line says how many
/// more there are (an export lists them all). Keeps a frame cheap when an
/// event is mentioned by thousands of articles.
pub const MAX_SOURCES_SHOWN: usize = 100;

/// The widest keys that share a line with what they do in help.
const HELP_KEY_COLUMN: usize = 24;

/// What the detail pane's lines depend on, besides the theme.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DetailKey {
    timeline: usize,
    index: usize,
    width: usize,
    marked: bool,
    query: String,
}

/// The detail pane's lines for the selected event at `width` columns, built
/// once per event (and width, mark, query) and kept, so that redrawing or
/// scrolling the pane does not wrap the event's text again.
pub fn detail_lines(app: &App, width: usize) -> Rc<Vec<Line<'static>>> {
    let Some(index) = app.selected_index() else {
        return Rc::new(build_detail(app, width));
    };
    let key = DetailKey {
        timeline: Arc::as_ptr(&app.timeline) as usize,
        index,
        width,
        marked: app.is_marked(index),
        // the words the pane highlights
        query: app.query.words().collect::<Vec<_>>().join(" "),
    };
    let mut cache = app.detail_cache.borrow_mut();
    if let Some((k, lines)) = cache.as_ref() {
        if *k == key {
            return Rc::clone(lines);
        }
    }
    let lines = Rc::new(build_detail(app, width));
    *cache = Some((key, Rc::clone(&lines)));
    lines
}

fn build_detail(app: &App, width: usize) -> Vec<Line<'static>> {
    let t = &app.theme;
    let Some(e) = app.selected_event() else {
        if app.waiting_for_data() {
            return wrap(
                &[("The events appear here once the data has loaded.", t.dim())],
                width,
                0,
            );
        }
        let mut out = wrap(&[("No event matches the filters.", t.title())], width, 0);
        if !app.filter.is_empty() {
            let key = app
                .keymap
                .first_key(Command::ClearFilters)
                .map(|k| k.to_string())
                .unwrap_or_else(|| "clear-filters".into());
            out.push(Line::default());
            out.extend(wrap(
                &[
                    ("Active: ", t.label()),
                    (&one_line(&app.filter.describe()), t.base()),
                    (". Press ", t.base()),
                    (&key, t.key()),
                    (" to clear every filter.", t.base()),
                ],
                width,
                0,
            ));
        }
        return out;
    };
    event_lines(app, e, width)
}

fn event_lines(app: &App, e: &Event, width: usize) -> Vec<Line<'static>> {
    let t = &app.theme;
    let mut out: Vec<Line<'static>> = Vec::new();
    let title = one_line(&e.title);
    let hl = app.query.highlights(&title);
    let title_spans = styled::spans(styled::highlighted(&title, &hl, t.title(), t.matched()));
    let pieces: Vec<(&str, Style)> = title_spans
        .iter()
        .map(|s| (s.content.as_ref(), s.style))
        .collect();
    out.extend(wrap(&pieces, width, 0));
    let mut when = vec![(e.describe_date(), t.base())];
    if app.is_marked_id(&e.id) {
        when.push((
            format!("  {} marked", super::glyphs::MARK_GLYPH),
            t.marked(),
        ));
    }
    let when_pieces: Vec<(&str, Style)> = when.iter().map(|(s, st)| (s.as_str(), *st)).collect();
    out.extend(wrap(&when_pieces, width, 0));
    if e.is_extracted() {
        out.extend(wrap(
            &[("~ extracted from an article, not curated", t.dim())],
            width,
            2,
        ));
    }
    out.push(Line::default());
    let field = |out: &mut Vec<Line<'static>>, label: &str, value: String| {
        if value.is_empty() {
            return;
        }
        out.extend(wrap(
            &[(&format!("{label:<10}"), t.label()), (&value, t.base())],
            width,
            10,
        ));
    };
    let countries: Vec<String> = e
        .countries
        .iter()
        .map(|c| one_line(app.timeline.gazetteer.name(c)))
        .collect();
    field(&mut out, "Countries", countries.join(", "));
    field(&mut out, "Actors", one_line(&e.actors.join(", ")));
    field(&mut out, "Tags", one_line(&e.tags.join(", ")));
    if !e.summary.trim().is_empty() {
        out.push(Line::default());
        out.extend(wrap(&[(&one_line(e.summary.trim()), t.base())], width, 0));
    }
    out.push(Line::default());
    if e.sources.is_empty() {
        out.extend(wrap(
            &[("No article in the data mentions this event.", t.dim())],
            width,
            0,
        ));
        return out;
    }
    let articles = e.sources_by_article();
    let mut heading = plural(articles.len(), "article");
    if e.sources.len() > articles.len() {
        heading.push_str(&format!(" · {}", plural(e.sources.len(), "sentence")));
    }
    out.push(Line::from(Span::styled(heading, t.heading())));
    // the numbers' column: "1. ", or "10. " and wider from ten articles on;
    // past MAX_SOURCES_SHOWN sentences, a line says how many more there are
    let mut budget = MAX_SOURCES_SHOWN;
    let numbered = articles
        .iter()
        .scan(0usize, |quoted, g| {
            let first = *quoted < MAX_SOURCES_SHOWN;
            *quoted += g.len();
            first.then_some(())
        })
        .count();
    let col = (numbered.to_string().len() + 2).max(3);
    let pad = " ".repeat(col);
    for (n, group) in articles.iter().enumerate() {
        if budget == 0 {
            break;
        }
        out.push(Line::default());
        let a = &group[0].article;
        let name = a.title.clone().unwrap_or_else(|| a.file.clone());
        let num = format!("{:<col$}", format!("{}.", n + 1));
        out.extend(wrap(
            &[(&num, t.label()), (&one_line(&name), t.title())],
            width,
            col,
        ));
        let mut about: Vec<String> = Vec::new();
        if let Some(o) = &a.source {
            about.push(one_line(o));
        }
        about.push(match &a.published {
            Some(d) => format!("published {}", d.describe()),
            None => "publication date unknown".into(),
        });
        if let Some(k) = a.kind {
            about.push(k.as_str().to_string());
        }
        out.extend(wrap(
            &[(&pad, t.base()), (&about.join(" · "), t.dim())],
            width,
            col,
        ));
        for s in group.iter().take(budget) {
            budget -= 1;
            quote_lines(app, s, &pad, width, &mut out);
        }
    }
    if let Some(more) = e
        .sources
        .len()
        .checked_sub(MAX_SOURCES_SHOWN)
        .filter(|&m| m > 0)
    {
        out.push(Line::default());
        let text = format!(
            "… and {more} more source{}: export the event to read them all",
            if more == 1 { "" } else { "s" }
        );
        out.extend(wrap(&[(&text, t.dim())], width, 0));
    }
    out
}

/// `1 article`, `2 articles`.
fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("1 {word}")
    } else {
        format!("{n} {word}s")
    }
}

/// One quoted sentence of a source, its date expression set apart, under
/// its article.
fn quote_lines(
    app: &App,
    s: &crate::model::Source,
    pad: &str,
    width: usize,
    out: &mut Vec<Line<'static>>,
) {
    let t = &app.theme;
    let col = pad.len();
    let sentence = &s.sentence;
    let (before, expr, after) = match s.expression_in_sentence() {
        Some(r) => (
            &sentence[..r.start],
            &sentence[r.clone()],
            &sentence[r.end..],
        ),
        None => (sentence.as_str(), "", ""),
    };
    let (before, expr, after) = (
        one_line(before.trim_start()),
        one_line(expr),
        one_line(after.trim_end()),
    );
    out.extend(wrap(
        &[
            (&format!("{pad}“"), t.dim()),
            (&before, t.base()),
            (&expr, t.expression()),
            (&after, t.base()),
            ("”", t.dim()),
        ],
        width,
        col + 1,
    ));
    if !s.dated {
        out.extend(wrap(
            &[(&format!("{pad}names the event without dating it"), t.dim())],
            width,
            col,
        ));
    }
}

/// Help's lines at `width` columns, generated from the key map.
pub fn help_lines(app: &App, width: usize) -> Vec<Line<'static>> {
    let t = &app.theme;
    let sections = keymap::help(&app.keymap);
    let mut out = Vec::new();
    out.extend(wrap(
        &[(
            "annals shows events from a curated catalog and from news articles. \
             Filters combine; marks are kept while you filter.",
            t.base(),
        )],
        width,
        0,
    ));
    out.push(Line::default());
    let legend = format!(
        "In the timeline, {} is the selected event, {} a marked one and {} an event \
         extracted from an article rather than curated; the number ending a row counts \
         the articles that mention the event (several sentences of one article count \
         once; the detail pane lists the sentences under their article). Dates sit under their year at the \
         precision known: 07-15 is a day, 07 a month, nothing the whole year.",
        super::glyphs::SELECTED_GLYPH,
        super::glyphs::MARK_GLYPH,
        super::glyphs::EXTRACTED_GLYPH
    );
    out.extend(wrap(&[(&legend, t.base())], width, 0));
    for s in sections {
        // keys line up within a section; keys too long for the column go on
        // a line of their own, whole, above what they do
        let key_col = (s
            .rows
            .iter()
            .map(|(k, _)| styled::width(k))
            .filter(|&w| w <= HELP_KEY_COLUMN)
            .max()
            .unwrap_or(8)
            .max(6)
            + 2)
        .min(width / 2);
        out.push(Line::default());
        out.push(Line::from(Span::styled(s.title, t.heading())));
        for (keys, what) in s.rows {
            let mut spans = Vec::new();
            let kw = styled::width(&keys);
            if kw < key_col {
                spans.push(Span::styled(keys, t.key()));
                spans.push(Span::raw(" ".repeat(key_col - kw)));
            } else {
                out.extend(wrap(&[(&keys, t.key())], width.max(1), 2));
                spans.push(Span::raw(" ".repeat(key_col)));
            }
            let rest = width.saturating_sub(key_col);
            let mut lines = wrap(&[(&what, t.base())], rest.max(1), 0).into_iter();
            if let Some(first) = lines.next() {
                spans.extend(first.spans);
            }
            out.push(Line::from(spans));
            for l in lines {
                let mut sp = vec![Span::raw(" ".repeat(key_col))];
                sp.extend(l.spans);
                out.push(Line::from(sp));
            }
        }
    }
    out
}
