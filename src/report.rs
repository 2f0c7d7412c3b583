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
    let events: Vec<&Event> = shown.iter().map(|&i| &timeline.events[i]).collect();
    table_of(&events, timeline.len(), width)
}

/// [`table`] of the events shown, given by themselves (in order), out of a
/// timeline of `total` events.
pub fn table_of(shown: &[&Event], total: usize, width: usize) -> String {
    let width = width.max(60);
    let mut out = String::new();
    let title_w = width - 10 - 1 - 11 - 1 - 2 - 4;
    out.push_str(&format!(
        "{} {} {}  {}\n",
        pad("DATE", 10),
        pad("COUNTRIES", 11),
        pad("TITLE", title_w),
        "SRC"
    ));
    for e in shown {
        let title = one_line(&e.title);
        let title = if e.is_extracted() {
            format!("~ {title}")
        } else {
            title
        };
        out.push_str(&format!(
            "{} {} {} {:>4}\n",
            pad(&short_date(&e.date), 10),
            pad(&fit(&one_line(&e.countries.join(",")), 11), 11),
            pad(&fit(&title, title_w), title_w),
            e.sources.len()
        ));
    }
    let extracted = shown.iter().filter(|e| e.is_extracted()).count();
    out.push_str(&format!(
        "{} of {} events ({} curated, {} extracted marked ~)\n",
        shown.len(),
        total,
        shown.len() - extracted,
        extracted
    ));
    out
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

#[cfg(test)]
mod tests {
    use super::*;

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
