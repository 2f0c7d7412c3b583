//! Human and machine output of the timeline for the command line.

use unicode_width::UnicodeWidthStr;

use crate::model::{DateValue, Event};
use crate::text::one_line;
use crate::timeline::Timeline;

/// Cuts `s` to at most `width` columns, ending with "…" when cut. Widths
/// are measured as [`pad`] measures them, on the whole string (an emoji
/// joined by ZWJ is as wide as the terminal shows it, not the sum of its
/// parts), so that a fitted cell padded to `width` is exactly `width` wide.
pub fn fit(s: &str, width: usize) -> String {
    if s.width() <= width {
        return s.to_string();
    }
    // a cell never shows more characters than this (a joined emoji takes
    // a dozen for two columns), which bounds the measuring
    let most = 8 * width + 16;
    let mut end = 0;
    for (i, c) in s.char_indices().take(most) {
        let with = i + c.len_utf8();
        if s[..with].width() + 1 > width {
            break;
        }
        end = with;
    }
    format!("{}…", &s[..end])
}

/// Pads `s` with spaces to `width` columns.
pub fn pad(s: &str, width: usize) -> String {
    let w = s.width();
    if w >= width {
        s.to_string()
    } else {
        format!("{s}{}", " ".repeat(width - w))
    }
}

/// A date at its precision for a table column: `2016-07-15`, `2016-07`, `2016`.
pub fn short_date(d: &DateValue) -> String {
    d.to_string()
}

/// The events as a table that fits `width` columns (80 is the least assumed).
pub fn table(timeline: &Timeline, shown: &[usize], width: usize) -> String {
    let events: Vec<std::borrow::Cow<Event>> = shown.iter().map(|&i| timeline.event(i)).collect();
    let events: Vec<&Event> = events.iter().map(|e| &**e).collect();
    table_of(&events, timeline.len(), width)
}

/// [`table`] of the events shown, given by themselves (in order), out of a
/// timeline of `total` events.
pub fn table_of(shown: &[&Event], total: usize, width: usize) -> String {
    let mut out = String::new();
    let _ = write_table(shown, total, width, |piece| {
        out.push_str(piece);
        Ok::<(), std::convert::Infallible>(())
    });
    out
}

/// [`table_of`] given to `write` in pieces of a few thousand rows, each made
/// in parallel (a query over a large timeline can show a hundred thousand
/// rows), so the whole table is never held at once; the first error `write`
/// gives ends it.
pub fn write_table<E>(
    shown: &[&Event],
    total: usize,
    width: usize,
    mut write: impl FnMut(&str) -> Result<(), E>,
) -> Result<(), E> {
    let extracted = shown.iter().filter(|e| e.is_extracted()).count();
    write_table_head(width, &mut write)?;
    write_table_rows(shown, width, &mut write)?;
    write_table_foot(shown.len(), total, extracted, write)
}

/// The title column's width in a table `width` columns wide.
fn title_width(width: usize) -> usize {
    width.max(60) - 10 - 1 - 11 - 1 - 2 - 4
}

/// The header line of [`write_table`].
pub fn write_table_head<E>(
    width: usize,
    mut write: impl FnMut(&str) -> Result<(), E>,
) -> Result<(), E> {
    write(&format!(
        "{} {} {}  {}\n",
        pad("DATE", 10),
        pad("COUNTRIES", 11),
        pad("TITLE", title_width(width)),
        "SRC"
    ))
}

/// The rows of [`write_table`], for a caller that has its events in parts.
pub fn write_table_rows<E>(
    shown: &[&Event],
    width: usize,
    mut write: impl FnMut(&str) -> Result<(), E>,
) -> Result<(), E> {
    use rayon::prelude::*;
    let title_w = title_width(width);
    // as many rows at once as there are cores, a few thousand each
    let rows = 4096;
    let batch = rows * rayon::current_num_threads().max(1);
    for part in shown.chunks(batch) {
        let pieces: Vec<String> = part
            .par_chunks(rows)
            .map(|rows| {
                let mut piece = String::with_capacity(rows.len() * (width.max(60) + 1));
                for e in rows {
                    table_row(&mut piece, e, title_w);
                }
                piece
            })
            .collect();
        for piece in &pieces {
            write(piece)?;
        }
    }
    Ok(())
}

/// The last line of [`write_table`]: how many events were shown out of
/// `total`, and how many of them were extracted.
pub fn write_table_foot<E>(
    shown: usize,
    total: usize,
    extracted: usize,
    mut write: impl FnMut(&str) -> Result<(), E>,
) -> Result<(), E> {
    write(&format!(
        "{} of {} events ({} curated, {} extracted marked ~)\n",
        shown,
        total,
        shown - extracted,
        extracted
    ))
}

/// Appends the table row of `e`, whose title column is `title_w` wide.
fn table_row(out: &mut String, e: &Event, title_w: usize) {
    use std::fmt::Write;
    let title = one_line(&e.title);
    let title = if e.is_extracted() {
        format!("~ {title}")
    } else {
        title
    };
    // writing to a String cannot fail
    let _ = writeln!(
        out,
        "{} {} {} {:>4}",
        pad(&short_date(&e.date), 10),
        pad(&fit(&one_line(&e.countries.join(",")), 11), 11),
        pad(&fit(&title, title_w), title_w),
        e.sources.len()
    );
}

/// An event as JSON with every field, its precision, and every source.
pub fn event_json(e: &Event) -> serde_json::Value {
    let mut v = serde_json::to_value(e).unwrap_or(serde_json::Value::Null);
    if let serde_json::Value::Object(map) = &mut v {
        map.insert(
            "precision".into(),
            serde_json::Value::String(e.precision().as_str().into()),
        );
    }
    v
}

/// The events as one pretty-printed JSON array of [`event_json`], the same
/// text as `serde_json::to_string_pretty` of the whole array, given to
/// `write` in pieces of [`PIECE_WEIGHT`], each made in parallel: a large
/// timeline is neither turned into one value nor printed on one core.
pub fn write_events_json<E: From<serde_json::Error>>(
    events: &[&Event],
    write: impl FnMut(&str) -> Result<(), E>,
) -> Result<(), E> {
    write_events_json_in(events, PIECE_WEIGHT, write)
}

/// How much of a timeline [`JsonArray`] makes at once: events and their
/// sources together, a source counting as much as an event (one event at
/// least). A piece is held about four times over while it is written; a
/// catalog event may have thousands of sources, so a piece counted in
/// events alone took some 70 MB more at the peak over 10,000 articles.
pub const PIECE_WEIGHT: usize = 4096;

/// [`write_events_json`] in pieces of `weight`.
fn write_events_json_in<E: From<serde_json::Error>>(
    events: &[&Event],
    weight: usize,
    mut write: impl FnMut(&str) -> Result<(), E>,
) -> Result<(), E> {
    let mut array = JsonArray {
        started: false,
        weight,
    };
    array.write_items(events, &mut write)?;
    array.finish(write)
}

/// The pretty-printed JSON array of [`write_events_json`], written by a
/// caller that has its events in parts, in pieces of [`PIECE_WEIGHT`]:
/// each piece's elements are made in parallel.
pub struct JsonArray {
    started: bool,
    weight: usize,
}

impl Default for JsonArray {
    fn default() -> JsonArray {
        JsonArray {
            started: false,
            weight: PIECE_WEIGHT,
        }
    }
}

impl JsonArray {
    /// Writes the elements of `events`, after those written before.
    pub fn write_items<E: From<serde_json::Error>>(
        &mut self,
        mut events: &[&Event],
        mut write: impl FnMut(&str) -> Result<(), E>,
    ) -> Result<(), E> {
        while !events.is_empty() {
            let mut weight = 0;
            let n = events
                .iter()
                .take_while(|e| {
                    let first = weight == 0;
                    weight += 1 + e.sources.len();
                    first || weight <= self.weight
                })
                .count();
            let (piece, rest) = events.split_at(n);
            self.write_piece(piece, &mut write)?;
            events = rest;
        }
        Ok(())
    }

    fn write_piece<E: From<serde_json::Error>>(
        &mut self,
        events: &[&Event],
        mut write: impl FnMut(&str) -> Result<(), E>,
    ) -> Result<(), E> {
        use rayon::prelude::*;
        let items: Vec<String> = events
            .par_iter()
            .map(|e| {
                // an element sits one level in: every line of it moves two
                // spaces right (JSON strings hold no raw line breaks)
                serde_json::to_string_pretty(&event_json(e))
                    .map(|one| format!(",\n  {}", one.replace('\n', "\n  ")))
            })
            .collect::<Result<_, _>>()?;
        let mut text = items.concat();
        if !self.started {
            // the first element follows the bracket without a comma
            text.replace_range(..1, "[");
            self.started = true;
        }
        write(&text)
    }

    /// Closes the array (`[]` when it has no element).
    pub fn finish<E>(self, mut write: impl FnMut(&str) -> Result<(), E>) -> Result<(), E> {
        write(if self.started { "\n]" } else { "[]" })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn events_json_in_pieces_is_the_pretty_array() {
        let root = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR"));
        let loaded = crate::loader::load(&crate::loader::Sources {
            events: Some(root.join("events.toml")),
            articles: vec![root.join("assets/articles")],
            countries: Some(root.join("assets/countries.toml")),
            ..Default::default()
        })
        .unwrap();
        let all: Vec<&Event> = loaded.timeline.owned_events().unwrap().iter().collect();
        assert!(
            all.iter().any(|e| e.sources.len() > 1),
            "nested lists are tried"
        );
        for events in [&all[..0], &all[..1], &all[..]] {
            let whole: Vec<serde_json::Value> = events.iter().map(|e| event_json(e)).collect();
            let want = serde_json::to_string_pretty(&whole).unwrap();
            for weight in [1, 3, 4096] {
                let mut got = String::new();
                let mut pieces = 0;
                write_events_json_in::<serde_json::Error>(events, weight, |s| {
                    got.push_str(s);
                    pieces += 1;
                    Ok(())
                })
                .unwrap();
                assert_eq!(got, want, "in pieces of {weight}");
                // the closing bracket is a piece of its own
                let total = events.iter().map(|e| 1 + e.sources.len()).sum::<usize>();
                if weight == 1 {
                    assert_eq!(pieces, events.len() + 1, "an event a piece");
                } else if total <= weight {
                    assert!(pieces <= 2, "{pieces} pieces");
                }
            }
        }
    }

    #[test]
    fn fit_and_pad_measure_joined_emoji_alike() {
        let family = "👨\u{200d}👩\u{200d}👧";
        assert_eq!(family.width(), 2, "the terminal shows one glyph");
        // a heart shown as emoji: one column as a character, two with its
        // selector, which the terminal shows
        let heart = "❤\u{fe0f}";
        assert_eq!(heart.width(), 2);
        let titles = [
            format!("{family} families {family} cross {family} the border at dawn"),
            format!("{heart}{heart}{heart}{heart}{heart}{heart} a lot of love for the talks"),
            format!("{heart}\u{200d}🔥{heart}\u{200d}🔥{heart}\u{200d}🔥 hearts on fire"),
        ];
        for title in &titles {
            for width in 5..title.width() {
                let cell = pad(&fit(title, width), width);
                assert_eq!(cell.width(), width, "{cell:?}");
            }
        }
        // a title that fits is kept whole
        assert_eq!(fit(family, 2), family);
    }
}
