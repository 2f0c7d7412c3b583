//! Text laid out for the terminal without any terminal type: runs of text
//! with what they are (a `Role`), word-wrapped to a column count measured
//! with `unicode-width`. The detail pane and help are built from these, so
//! that `update` can count their lines (how far they scroll) and the view
//! alone turns roles into styles (`Theme::style`).

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// What a run of text is; the view gives each role its style.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Role {
    /// Plain text (and the spaces that indent a line).
    Base,
    /// Less important text: notes, counts, quotation marks.
    Dim,
    /// An event's or an article's title.
    Title,
    /// Characters of a title that match the search.
    TitleMatch,
    /// A field's name ("Countries"), a source's number.
    Label,
    /// A section's heading.
    Heading,
    /// A key to press.
    Key,
    /// The date expression inside a quoted sentence.
    Expression,
    /// Says that the event is marked.
    Marked,
}

/// One line: runs of text, each with its role.
pub type PlainLine = Vec<(String, Role)>;

/// Columns a character takes.
pub fn char_width(c: char) -> usize {
    c.width().unwrap_or(0)
}

/// Columns a string takes.
pub fn width(s: &str) -> usize {
    s.width()
}

/// The text of a line, its runs joined.
pub fn text(line: &[(String, Role)]) -> String {
    line.iter().map(|(t, _)| t.as_str()).collect()
}

/// Word-wraps pieces of text, each with a tag `S` (a role, a style), to
/// `width` columns. Lines after the first start with `indent` spaces tagged
/// `blank`. Words longer than a line are cut where the line ends. Each line
/// comes back as runs of equal tag.
///
/// Each line is a stretch of the pieces' characters (spaces where it breaks
/// are dropped), so the text is laid out once with its widths and each line
/// is then cut into runs.
pub fn wrap_runs<S: Copy + PartialEq>(
    pieces: &[(&str, S)],
    width: usize,
    indent: usize,
    blank: S,
) -> Vec<Vec<(String, S)>> {
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
            let mut runs: Vec<(String, S)> = Vec::new();
            if n > 0 && indent > 0 {
                runs.push((" ".repeat(indent), blank));
            }
            for &(c, k) in &chars[a..b] {
                let tag = pieces[k as usize].1;
                match runs.last_mut() {
                    Some(last) if last.1 == tag => last.0.push(c),
                    _ => runs.push((c.to_string(), tag)),
                }
            }
            runs
        })
        .collect()
}

/// Word-wraps pieces of text with roles; see [`wrap_runs`].
pub fn wrap(pieces: &[(&str, Role)], width: usize, indent: usize) -> Vec<PlainLine> {
    wrap_runs(pieces, width, indent, Role::Base)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(lines: &[PlainLine]) -> Vec<String> {
        lines.iter().map(|l| text(l)).collect()
    }

    #[test]
    fn wraps_at_words_with_hanging_indent() {
        let b = Role::Base;
        let l = wrap(
            &[("Countries: ", Role::Label), ("Turkey, Russia, Iran", b)],
            16,
            2,
        );
        assert_eq!(texts(&l), ["Countries:", "  Turkey,", "  Russia, Iran"]);
        for line in &l {
            assert!(width(&text(line)) <= 16);
        }
        // the label keeps its role; the indent is plain, one run with the
        // plain text after it
        assert_eq!(l[0], vec![("Countries:".to_string(), Role::Label)]);
        assert_eq!(l[1], vec![("  Turkey,".to_string(), Role::Base)]);
        let l = wrap(
            &[("Countries: ", Role::Label), ("Turkey, Russia", Role::Dim)],
            16,
            2,
        );
        assert_eq!(l[1][0], ("  ".to_string(), Role::Base));
    }

    #[test]
    fn keeps_the_first_line_indent() {
        let b = Role::Base;
        let l = wrap(&[("   “", Role::Dim), ("a quoted sentence”", b)], 14, 4);
        assert_eq!(texts(&l), ["   “a quoted", "    sentence”"]);
    }

    #[test]
    fn cuts_long_words_and_measures_unicode() {
        let l = wrap(
            &[("Çavuşoğlu’s “remarks” — abcdefghijkl", Role::Base)],
            8,
            0,
        );
        for line in &l {
            assert!(width(&text(line)) <= 8, "{line:?}");
        }
        assert_eq!(text(&l[0]), "Çavuşoğl");
        assert!(wrap(&[("x", Role::Base)], 0, 0).is_empty());
    }

    #[test]
    fn equal_roles_make_one_run() {
        let l = wrap(
            &[("a ", Role::Dim), ("b", Role::Dim), ("c", Role::Key)],
            20,
            0,
        );
        assert_eq!(
            l,
            vec![vec![
                ("a b".to_string(), Role::Dim),
                ("c".to_string(), Role::Key)
            ]]
        );
    }
}
