//! Styled text at the right width: cutting to a column count, highlighting
//! characters, and word wrapping, all measured with `unicode-width` so that
//! "Çavuşoğlu", curly quotes and wide characters line up.

use ratatui::style::Style;
use ratatui::text::{Line, Span};
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// Columns a character takes.
pub fn char_width(c: char) -> usize {
    c.width().unwrap_or(0)
}

/// Columns a string takes.
pub fn width(s: &str) -> usize {
    s.width()
}

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
/// ends.
pub fn wrap(pieces: &[(&str, Style)], width: usize, indent: usize) -> Vec<Line<'static>> {
    if width == 0 {
        return Vec::new();
    }
    let indent = if indent * 2 >= width { 0 } else { indent };
    // words and runs of spaces, each a list of styled characters
    let mut tokens: Vec<(bool, Vec<(char, Style)>)> = Vec::new();
    for &(text, style) in pieces {
        for c in text.chars() {
            let c = if c == '\n' || c == '\t' || c == '\r' {
                ' '
            } else {
                c
            };
            let space = c == ' ';
            match tokens.last_mut() {
                Some((s, v)) if *s == space => v.push((c, style)),
                _ => tokens.push((space, vec![(c, style)])),
            }
        }
    }
    let mut lines: Vec<Vec<(char, Style)>> = Vec::new();
    let mut cur: Vec<(char, Style)> = Vec::new();
    let mut cur_w = 0usize;
    let mut content = false;
    let mut pending: Vec<(char, Style)> = Vec::new();
    let new_line = |lines: &mut Vec<Vec<(char, Style)>>,
                    cur: &mut Vec<(char, Style)>,
                    cur_w: &mut usize,
                    content: &mut bool| {
        lines.push(std::mem::take(cur));
        cur.extend(std::iter::repeat_n((' ', Style::new()), indent));
        *cur_w = indent;
        *content = false;
    };
    for (space, chars) in tokens {
        if space {
            if content {
                pending = chars;
            } else if lines.is_empty() {
                // leading spaces of the first line are an indent: keep them
                cur_w += chars.iter().map(|&(c, _)| char_width(c)).sum::<usize>();
                cur.extend(chars);
            }
            continue;
        }
        let w: usize = chars.iter().map(|&(c, _)| char_width(c)).sum();
        let pw: usize = pending.iter().map(|&(c, _)| char_width(c)).sum();
        if content && cur_w + pw + w > width {
            new_line(&mut lines, &mut cur, &mut cur_w, &mut content);
        } else if content {
            cur_w += pw;
            cur.append(&mut pending);
        }
        pending.clear();
        for (c, s) in chars {
            let cw = char_width(c);
            if content && cur_w + cw > width {
                new_line(&mut lines, &mut cur, &mut cur_w, &mut content);
            }
            cur.push((c, s));
            cur_w += cw;
            content = true;
        }
    }
    if content || lines.is_empty() {
        lines.push(cur);
    }
    lines.into_iter().map(|l| Line::from(spans(l))).collect()
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
