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
///
/// Each line is a stretch of the pieces' characters (spaces where it breaks
/// are dropped), so the text is laid out once with its widths and each line
/// is then cut into spans of equal style.
pub fn wrap(pieces: &[(&str, Style)], width: usize, indent: usize) -> Vec<Line<'static>> {
    if width == 0 {
        return Vec::new();
    }
    let indent = if indent * 2 >= width { 0 } else { indent };
    // every character, white space as a plain space, with its piece
    let mut chars: Vec<(char, u32)> = Vec::with_capacity(pieces.iter().map(|(t, _)| t.len()).sum());
    for (k, &(text, _)) in pieces.iter().enumerate() {
        chars.extend(text.chars().map(|c| {
            let c = if c == '\n' || c == '\t' || c == '\r' {
                ' '
            } else {
                c
            };
            (c, k as u32)
        }));
    }
    // lines as ranges of `chars`
    let mut lines: Vec<(usize, usize)> = Vec::new();
    let mut start: Option<usize> = None;
    let mut end = 0usize;
    let mut cur_w = 0usize;
    let mut content = false;
    let mut pending_w = 0usize;
    let mut i = 0;
    while i < chars.len() {
        let space = chars[i].0 == ' ';
        let j = chars[i..]
            .iter()
            .position(|&(c, _)| (c == ' ') != space)
            .map_or(chars.len(), |n| i + n);
        let w: usize = chars[i..j].iter().map(|&(c, _)| char_width(c)).sum();
        if space {
            if content {
                pending_w = w;
            } else if lines.is_empty() {
                // leading spaces of the first line are an indent: keep them
                start.get_or_insert(i);
                end = j;
                cur_w += w;
            }
            i = j;
            continue;
        }
        if content && cur_w + pending_w + w > width {
            lines.push((start.unwrap_or(end), end));
            start = None;
            cur_w = indent;
            content = false;
        } else if content {
            cur_w += pending_w;
        }
        pending_w = 0;
        for (k, &(c, _)) in chars.iter().enumerate().take(j).skip(i) {
            let cw = char_width(c);
            if content && cur_w + cw > width {
                // a word longer than the line: cut it here
                lines.push((start.unwrap_or(end), end));
                start = None;
                cur_w = indent;
            }
            start.get_or_insert(k);
            end = k + 1;
            cur_w += cw;
            content = true;
        }
        i = j;
    }
    if content || lines.is_empty() {
        lines.push((start.unwrap_or(end), end));
    }
    lines
        .into_iter()
        .enumerate()
        .map(|(n, (a, b))| {
            let mut spans: Vec<Span<'static>> = Vec::new();
            if n > 0 && indent > 0 {
                spans.push(Span::styled(" ".repeat(indent), Style::new()));
            }
            for &(c, k) in &chars[a..b] {
                let style = pieces[k as usize].1;
                match spans.last_mut() {
                    Some(last) if last.style == style => last.content.to_mut().push(c),
                    _ => spans.push(Span::styled(c.to_string(), style)),
                }
            }
            Line::from(spans)
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
