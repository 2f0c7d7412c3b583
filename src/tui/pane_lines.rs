//! The text of the detail pane and of help, as wrapped lines of text with
//! roles (`plain`), no terminal type in them. Pure functions of plain data
//! and a width: `update` counts the lines to know how far those panes
//! scroll, and the view gives each role its style and draws them.

use crate::filter::Query;
use crate::gazetteer::Gazetteer;
use crate::model::{Event, Status};
use crate::text::one_line;

use super::glyphs;
use super::keymap::{self, KeyMap};
use super::plain::{self, PlainLine, Role, wrap};

/// Sources quoted in the detail pane; past this many, a line says how many
/// more there are (an export lists them all). Keeps a frame cheap when an
/// event is mentioned by thousands of articles.
pub const MAX_SOURCES_SHOWN: usize = 100;

/// The widest keys that share a line with what they do in help.
const HELP_KEY_COLUMN: usize = 24;

/// What the detail pane shows.
#[derive(Clone)]
pub enum Detail<'a> {
    /// The data has not loaded yet.
    Waiting,
    /// No event is shown. `active` describes the filters when some are set,
    /// with the key that clears them.
    NoMatch { active: Option<(String, String)> },
    /// The selected event.
    Event {
        event: std::borrow::Cow<'a, Event>,
        gazetteer: &'a Gazetteer,
        /// The search, whose matches the title highlights.
        query: &'a Query,
        marked: bool,
        /// Its confidence is low (the extracted toggle hides it first).
        low_confidence: bool,
    },
}

/// The detail pane's lines at `width` columns.
pub fn detail_lines(detail: &Detail, width: usize) -> Vec<PlainLine> {
    match *detail {
        Detail::Waiting => wrap(
            &[(
                "The events appear here once the data has loaded.",
                Role::Dim,
            )],
            width,
            0,
        ),
        Detail::NoMatch { ref active } => {
            let mut out = wrap(&[("No event matches the filters.", Role::Title)], width, 0);
            if let Some((filters, key)) = active {
                out.push(PlainLine::new());
                out.extend(wrap(
                    &[
                        ("Active: ", Role::Label),
                        (&one_line(filters), Role::Base),
                        (". Press ", Role::Base),
                        (key, Role::Key),
                        (" to clear every filter.", Role::Base),
                    ],
                    width,
                    0,
                ));
            }
            out
        }
        Detail::Event {
            ref event,
            gazetteer,
            query,
            marked,
            low_confidence,
        } => event_lines(event, gazetteer, query, marked, low_confidence, width),
    }
}

/// The runs of `text` with the characters at `positions` (char indexes,
/// sorted) in `hl` and the rest in `base`.
fn highlighted(text: &str, positions: &[usize], base: Role, hl: Role) -> Vec<(String, Role)> {
    let mut runs: Vec<(String, Role)> = Vec::new();
    for (i, c) in text.chars().enumerate() {
        let role = if positions.binary_search(&i).is_ok() {
            hl
        } else {
            base
        };
        match runs.last_mut() {
            Some(last) if last.1 == role => last.0.push(c),
            _ => runs.push((c.to_string(), role)),
        }
    }
    runs
}

fn event_lines(
    e: &Event,
    gazetteer: &Gazetteer,
    query: &Query,
    marked: bool,
    low_confidence: bool,
    width: usize,
) -> Vec<PlainLine> {
    let mut out: Vec<PlainLine> = Vec::new();
    let title = one_line(&e.title);
    let hl = query.highlights(&title);
    let title_runs = highlighted(&title, &hl, Role::Title, Role::TitleMatch);
    let pieces: Vec<(&str, Role)> = title_runs.iter().map(|(s, r)| (s.as_str(), *r)).collect();
    out.extend(wrap(&pieces, width, 0));
    let mut when = vec![(e.describe_date(), Role::Base)];
    if marked {
        when.push((format!("  {} marked", glyphs::MARK_GLYPH), Role::Marked));
    }
    let when_pieces: Vec<(&str, Role)> = when.iter().map(|(s, r)| (s.as_str(), *r)).collect();
    out.extend(wrap(&when_pieces, width, 0));
    if e.is_extracted() {
        let mut text = format!(
            "{} extracted from an article, not curated",
            glyphs::EXTRACTED_GLYPH
        );
        if let Some(c) = e.confidence {
            text.push_str(&format!(" · confidence {c:.2}"));
            if low_confidence {
                text.push_str(" (low)");
            }
        }
        out.extend(wrap(&[(&text, Role::Dim)], width, 2));
    }
    match e.status {
        Status::Happened => {}
        Status::Expected => out.extend(wrap(
            &[(
                &format!(
                    "{} expected: planned or foreseen, not reported as happened",
                    glyphs::EXPECTED_GLYPH
                ),
                Role::Dim,
            )],
            width,
            2,
        )),
        Status::Mentioned => out.extend(wrap(
            &[(
                "only mentioned: its date bounds something else (since, until) or no one acts",
                Role::Dim,
            )],
            width,
            2,
        )),
    }
    out.push(PlainLine::new());
    let field = |out: &mut Vec<PlainLine>, label: &str, value: String| {
        if value.is_empty() {
            return;
        }
        out.extend(wrap(
            &[(&format!("{label:<10}"), Role::Label), (&value, Role::Base)],
            width,
            10,
        ));
    };
    let countries: Vec<String> = e
        .countries
        .iter()
        .map(|c| one_line(gazetteer.name(c)))
        .collect();
    field(&mut out, "Countries", countries.join(", "));
    field(&mut out, "Actors", one_line(&e.actors.join(", ")));
    field(&mut out, "Tags", one_line(&e.tags.join(", ")));
    if !e.summary.trim().is_empty() {
        out.push(PlainLine::new());
        out.extend(wrap(&[(&one_line(e.summary.trim()), Role::Base)], width, 0));
    }
    out.push(PlainLine::new());
    if e.sources.is_empty() {
        out.extend(wrap(
            &[("No article in the data mentions this event.", Role::Dim)],
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
    out.push(vec![(heading, Role::Heading)]);
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
        out.push(PlainLine::new());
        let a = &group[0].article;
        let name = a.title.clone().unwrap_or_else(|| a.file.clone());
        let num = format!("{:<col$}", format!("{}.", n + 1));
        out.extend(wrap(
            &[(&num, Role::Label), (&one_line(&name), Role::Title)],
            width,
            col,
        ));
        let mut about: Vec<String> = Vec::new();
        if let Some(o) = &a.source {
            about.push(one_line(o));
        }
        about.push(match (&a.published, a.published_from) {
            (Some(d), Some(crate::model::DateFrom::GdeltAdded)) => format!(
                "published on or before {} ({})",
                d.describe(),
                crate::model::DateFrom::GDELT_ADDED_NOTE
            ),
            (Some(d), _) => format!("published {}", d.describe()),
            (None, _) => "publication date unknown".into(),
        });
        if let Some(k) = a.kind {
            about.push(k.as_str().to_string());
        }
        out.extend(wrap(
            &[(&pad, Role::Base), (&about.join(" · "), Role::Dim)],
            width,
            col,
        ));
        for s in group.iter().take(budget) {
            budget -= 1;
            quote_lines(s, &pad, width, &mut out);
        }
    }
    if let Some(more) = e
        .sources
        .len()
        .checked_sub(MAX_SOURCES_SHOWN)
        .filter(|&m| m > 0)
    {
        out.push(PlainLine::new());
        let text = format!(
            "… and {more} more source{}: export the event to read them all",
            if more == 1 { "" } else { "s" }
        );
        out.extend(wrap(&[(&text, Role::Dim)], width, 0));
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
fn quote_lines(s: &crate::model::Source, pad: &str, width: usize, out: &mut Vec<PlainLine>) {
    let col = pad.len();
    let sentence = &s.sentence;
    // a source that quotes nothing (a GDELT row's URL) shows no empty quote
    if sentence.trim().is_empty() {
        return;
    }
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
            (&format!("{pad}“"), Role::Dim),
            (&before, Role::Base),
            (&expr, Role::Expression),
            (&after, Role::Base),
            ("”", Role::Dim),
        ],
        width,
        col + 1,
    ));
    if !s.dated {
        out.extend(wrap(
            &[(
                &format!("{pad}names the event without dating it"),
                Role::Dim,
            )],
            width,
            col,
        ));
    }
    if !s.why.trim().is_empty() {
        out.extend(wrap(
            &[
                (&format!("{pad}why: "), Role::Label),
                (&one_line(s.why.trim()), Role::Dim),
            ],
            width,
            col + 5,
        ));
    }
}

/// Help's lines at `width` columns, generated from the key map.
pub fn help_lines(keys: &KeyMap, width: usize) -> Vec<PlainLine> {
    let sections = keymap::help(keys);
    let mut out = Vec::new();
    out.extend(wrap(
        &[(
            "annals shows events from a curated catalog and from news articles. \
             Filters combine; marks are kept while you filter.",
            Role::Base,
        )],
        width,
        0,
    ));
    out.push(PlainLine::new());
    let legend = format!(
        "In the timeline, {} is the selected event, {} a marked one, {} an event \
         extracted from an article rather than curated and {} an expected one (planned \
         or foreseen, not reported as happened); the number ending a row counts \
         the articles that mention the event (several sentences of one article count \
         once; the detail pane lists the sentences under their article). Dates sit under their year at the \
         precision known: 07-15 is a day, 07 a month, nothing the whole year.",
        glyphs::SELECTED_GLYPH,
        glyphs::MARK_GLYPH,
        glyphs::EXTRACTED_GLYPH,
        glyphs::EXPECTED_GLYPH
    );
    out.extend(wrap(&[(&legend, Role::Base)], width, 0));
    for s in sections {
        // keys line up within a section; keys too long for the column go on
        // a line of their own, whole, above what they do
        let key_col = (s
            .rows
            .iter()
            .map(|(k, _)| plain::width(k))
            .filter(|&w| w <= HELP_KEY_COLUMN)
            .max()
            .unwrap_or(8)
            .max(6)
            + 2)
        .min(width / 2);
        out.push(PlainLine::new());
        out.push(vec![(s.title, Role::Heading)]);
        for (keys, what) in s.rows {
            let mut runs = Vec::new();
            let kw = plain::width(&keys);
            if kw < key_col {
                runs.push((keys, Role::Key));
                runs.push((" ".repeat(key_col - kw), Role::Base));
            } else {
                out.extend(wrap(&[(&keys, Role::Key)], width.max(1), 2));
                runs.push((" ".repeat(key_col), Role::Base));
            }
            let rest = width.saturating_sub(key_col);
            let mut lines = wrap(&[(&what, Role::Base)], rest.max(1), 0).into_iter();
            if let Some(first) = lines.next() {
                runs.extend(first);
            }
            out.push(runs);
            for l in lines {
                let mut more = vec![(" ".repeat(key_col), Role::Base)];
                more.extend(l);
                out.push(more);
            }
        }
    }
    out
}
