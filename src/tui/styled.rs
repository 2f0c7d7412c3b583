//! Styled text at the right width: cutting to a column count, highlighting
//! characters, and word wrapping, all measured with `unicode-width` so that
//! "Çavuşoğlu", curly quotes and wide characters line up.

use ratatui::style::Style;
use ratatui::text::{Line, Span};

pub use super::plain::{char_width, width};

/// Collects styled characters into spans, one per run of equal style.
pub fn spans<I: IntoIterator<Item = (char, Style)>>(chars: I) -> Vec<Span<'static>> {
    let mut out: Vec<Span<'static>> = Vec::new();
    let mut cur = String::new();
    let mut style: Option<Style> = None;
    for (c, s) in chars {
        if style != Some(s) {
            if let Some(st) = style {
                out.push(Span::styled(std::mem::take(&mut cur), st));
            }
            style = Some(s);
        }
        cur.push(c);
    }
    if let Some(st) = style {
        out.push(Span::styled(cur, st));
    }
    out
}

/// Cuts styled characters to at most `max` columns, ending with "…" when cut.
/// Returns the spans and the columns they take.
pub fn fit<I: IntoIterator<Item = (char, Style)>>(
    chars: I,
    max: usize,
) -> (Vec<Span<'static>>, usize) {
    let all: Vec<(char, Style)> = chars.into_iter().collect();
    let total: usize = all.iter().map(|&(c, _)| char_width(c)).sum();
    if total <= max {
        return (spans(all), total);
    }
    if max == 0 {
        return (Vec::new(), 0);
    }
    let mut out = Vec::new();
    let mut w = 0;
    let mut last = Style::new();
    for (c, s) in all {
        let cw = char_width(c);
        if w + cw + 1 > max {
            break;
        }
        out.push((c, s));
        last = s;
        w += cw;
    }
    out.push(('…', last));
    (spans(out), w + 1)
}

/// Text with the characters at `positions` (char indexes, sorted) in `hl`,
/// the rest in `base`.
pub fn highlighted<'a>(
    text: &'a str,
    positions: &[usize],
    base: Style,
    hl: Style,
) -> impl Iterator<Item = (char, Style)> + 'a {
    let positions = positions.to_vec();
    text.chars().enumerate().map(move |(i, c)| {
        let s = if positions.binary_search(&i).is_ok() {
            base.patch(hl)
        } else {
            base
        };
        (c, s)
    })
}

/// Spaces to pad `used` columns to `width`.
pub fn pad(used: usize, width: usize, style: Style) -> Span<'static> {
    Span::styled(" ".repeat(width.saturating_sub(used)), style)
}

/// Word-wraps styled pieces of text to `width` columns. Lines after the first
/// start with `indent` spaces. Words longer than a line are cut where the line
/// ends (see [`super::plain::wrap_runs`], which lays the text out).
pub fn wrap(pieces: &[(&str, Style)], width: usize, indent: usize) -> Vec<Line<'static>> {
    super::plain::wrap_runs(pieces, width, indent, Style::new())
        .into_iter()
        .map(|runs| {
            Line::from(
                runs.into_iter()
                    .map(|(text, style)| Span::styled(text, style))
                    .collect::<Vec<_>>(),
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(lines: &[Line]) -> Vec<String> {
        lines
            .iter()
            .map(|l| l.spans.iter().map(|s| s.content.as_ref()).collect())
            .collect()
    }

    #[test]
    fn wraps_at_words_with_hanging_indent() {
        let s = Style::new();
        let l = wrap(&[("Countries: ", s), ("Turkey, Russia, Iran", s)], 16, 2);
        assert_eq!(text(&l), ["Countries:", "  Turkey,", "  Russia, Iran"]);
        for line in &l {
            assert!(line.width() <= 16);
        }
    }

    #[test]
    fn keeps_the_first_line_indent() {
        let s = Style::new();
        let l = wrap(&[("   “", s), ("a quoted sentence”", s)], 14, 4);
        assert_eq!(text(&l), ["   “a quoted", "    sentence”"]);
    }

    #[test]
    fn cuts_long_words_and_measures_unicode() {
        let s = Style::new();
        let l = wrap(&[("Çavuşoğlu’s “remarks” — abcdefghijkl", s)], 8, 0);
        for line in &l {
            assert!(line.width() <= 8, "{line:?}");
        }
        assert_eq!(text(&l)[0], "Çavuşoğl");
        let (sp, w) = fit("Bahçeli – leave".chars().map(|c| (c, s)), 9);
        assert_eq!(w, 9);
        assert_eq!(
            sp.iter().map(|s| s.content.as_ref()).collect::<String>(),
            "Bahçeli …"
        );
        assert!(wrap(&[("x", s)], 0, 0).is_empty());
    }
}
