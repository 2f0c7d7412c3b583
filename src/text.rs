//! Text helpers shared by the core: keeping untrusted text inert, word boundaries.

use std::borrow::Cow;

/// True for characters that must never reach a terminal from data: C0 and C1
/// controls other than newline and tab, DEL, and the bidirectional overrides.
pub fn is_dangerous(c: char) -> bool {
    matches!(c, '\u{0}'..='\u{8}' | '\u{b}'..='\u{1f}' | '\u{7f}'..='\u{9f}')
        || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// Text with every dangerous character shown as a visible escape (`\u{1b}`).
/// Newlines and tabs are kept.
pub fn inert(s: &str) -> Cow<'_, str> {
    if !s.chars().any(is_dangerous) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if is_dangerous(c) {
            out.push_str(&format!("\\u{{{:x}}}", c as u32));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// Text for a single screen line: dangerous characters escaped, and newlines and
/// tabs turned into spaces.
/// A count with its noun, singular for one: "1 problem", "2 problems",
/// "0 warnings". For nouns whose plural adds an s.
pub fn count(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

pub fn one_line(s: &str) -> String {
    inert(s)
        .chars()
        .map(|c| {
            if c == '\n' || c == '\t' || c == '\r' {
                ' '
            } else {
                c
            }
        })
        .collect()
}

/// True when the character can be part of a word.
pub fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

/// True when `s[start..end]` is not glued to letters or digits on either side.
pub fn at_word_bounds(s: &str, start: usize, end: usize) -> bool {
    let before = s[..start].chars().next_back();
    let after = s[end..].chars().next();
    !before.is_some_and(is_word_char) && !after.is_some_and(is_word_char)
}

/// Length in bytes of a plural or possessive ending at the start of `rest`
/// ("s", "es", "'s", "’s", "s'"), or 0.
pub fn inflection_len(rest: &str) -> usize {
    for suffix in [
        "'s",
        "\u{2019}s",
        "es",
        "s'",
        "s\u{2019}",
        "s",
        "'",
        "\u{2019}",
    ] {
        if let Some(after) = rest.strip_prefix(suffix) {
            if !after.chars().next().is_some_and(is_word_char) {
                return suffix.len();
            }
        }
    }
    0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_agree_with_their_nouns() {
        assert_eq!(count(0, "problem"), "0 problems");
        assert_eq!(count(1, "problem"), "1 problem");
        assert_eq!(count(2, "warning"), "2 warnings");
    }

    #[test]
    fn escapes_controls_and_bidi_but_keeps_newlines() {
        assert_eq!(inert("a\u{1b}[2Jb"), "a\\u{1b}[2Jb");
        assert_eq!(inert("x\u{202e}y"), "x\\u{202e}y");
        assert_eq!(inert("line\nnext\tcol"), "line\nnext\tcol");
        assert_eq!(one_line("a\nb"), "a b");
    }

    #[test]
    fn inflections() {
        assert_eq!(inflection_len("s and"), 1);
        assert_eq!(inflection_len("’s most"), 4);
        assert_eq!(inflection_len("ing"), 0);
        assert_eq!(inflection_len(""), 0);
    }
}

/// A copy of `s` for matching names: every run of white space (non-breaking
/// spaces included) becomes one space, and curly quotes become straight ones.
/// The second value maps each byte of the copy to its byte in `s` (plus one
/// entry for the end).
pub fn normalize_for_matching(s: &str) -> (String, Vec<usize>) {
    let mut out = String::with_capacity(s.len());
    let mut map = Vec::with_capacity(s.len() + 1);
    let mut in_space = false;
    for (i, c) in s.char_indices() {
        let r = match c {
            c if c.is_whitespace() => {
                if in_space {
                    continue;
                }
                in_space = true;
                ' '
            }
            '\u{2019}' | '\u{2018}' => '\'',
            '\u{201c}' | '\u{201d}' => '"',
            c => c,
        };
        if r != ' ' {
            in_space = false;
        }
        let before = out.len();
        out.push(r);
        map.extend(std::iter::repeat_n(i, out.len() - before));
    }
    map.push(s.len());
    (out, map)
}

/// A text as [`normalize_for_matching`] makes it, with the way back to its
/// offsets; borrowed when normalizing would change nothing, as in most
/// sentences, so that matching them copies nothing and maps nothing.
pub struct Normalized<'a> {
    text: Cow<'a, str>,
    /// Each byte of the copy to its byte in the text (plus the end), when
    /// there is a copy.
    map: Option<Vec<usize>>,
}

impl<'a> Normalized<'a> {
    pub fn of(s: &'a str) -> Normalized<'a> {
        if is_normal(s) {
            return Normalized {
                text: Cow::Borrowed(s),
                map: None,
            };
        }
        let (text, map) = normalize_for_matching(s);
        Normalized {
            text: Cow::Owned(text),
            map: Some(map),
        }
    }

    /// The normalized text.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// The offset in the original text of byte `i` of the normalized one,
    /// a character boundary (where a match starts or ends).
    pub fn source_offset(&self, i: usize) -> usize {
        self.map.as_ref().map_or(i, |map| map[i])
    }
}

/// True when [`normalize_for_matching`] gives `s` back unchanged: no white
/// space but single spaces, and no curly quotes.
fn is_normal(s: &str) -> bool {
    // byte by byte while the text is ASCII, as most is
    let mut space = false;
    for (i, &b) in s.as_bytes().iter().enumerate() {
        match b {
            b' ' if space => return false,
            b' ' => space = true,
            b'\t' | b'\n' | 0x0b | 0x0c | b'\r' => return false,
            0x80.. => return is_normal_from(&s[i..], space),
            _ => space = false,
        }
    }
    true
}

/// [`is_normal`] for the rest of a text, `space` saying whether a space
/// comes before it.
fn is_normal_from(s: &str, mut space: bool) -> bool {
    for c in s.chars() {
        match c {
            ' ' if space => return false,
            ' ' => space = true,
            '\u{2018}' | '\u{2019}' | '\u{201c}' | '\u{201d}' => return false,
            c if c.is_whitespace() => return false,
            _ => space = false,
        }
    }
    true
}

#[cfg(test)]
mod normalize_tests {
    use super::*;

    #[test]
    fn a_normalized_text_is_borrowed_only_when_nothing_changes() {
        let texts = [
            "Talks in Ankara on Friday.",
            "",
            " ",
            "a  b",
            "a\tb",
            "line\nnext",
            "a\u{a0}b",
            "a\u{2009}b",
            "Russia\u{2019}s",
            "\u{201c}quoted\u{201d}",
            "caf\u{e9} au lait, \u{e9}t\u{e9}",
            "trailing ",
            " leading",
            "a \u{a0}b",
            "caf\u{e9}  au lait",
            "caf\u{e9} \u{2018}au\u{2019} lait",
            "a\u{b}b",
            "a\u{c}b\rc",
            "\u{1c}\u{1f}",
        ];
        for t in texts {
            let n = Normalized::of(t);
            let (copy, map) = normalize_for_matching(t);
            assert_eq!(n.as_str(), copy, "{t:?}");
            assert_eq!(matches!(n.text, Cow::Borrowed(_)), copy == t, "{t:?}");
            for (i, &at) in map.iter().enumerate() {
                if copy.is_char_boundary(i) {
                    assert_eq!(n.source_offset(i), at, "{t:?} at {i}");
                }
            }
        }
    }

    #[test]
    fn maps_back_to_original_offsets() {
        let s = "imposed\u{a0}these  Russia’s";
        let (n, map) = normalize_for_matching(s);
        assert_eq!(n, "imposed these Russia's");
        let i = n.find("Russia").unwrap();
        assert_eq!(&s[map[i]..], "Russia’s");
        assert_eq!(map[n.len()], s.len());
    }
}

/// JSON text with the dangerous characters that JSON allows raw (DEL, the C1
/// controls, the bidirectional overrides) written as `\uXXXX` escapes too, so
/// that JSON printed to a terminal stays inert. The JSON value is unchanged:
/// outside strings JSON text is ASCII punctuation, digits and letters, so these
/// characters can only stand inside strings, where the escape means the same.
pub fn json_inert(json: String) -> String {
    if !json.chars().any(is_dangerous) {
        return json;
    }
    let mut out = String::with_capacity(json.len() + 16);
    for c in json.chars() {
        if is_dangerous(c) {
            out.push_str(&format!("\\u{:04x}", c as u32));
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod json_tests {
    use super::*;

    #[test]
    fn json_keeps_its_value_and_loses_raw_controls() {
        let v = serde_json::json!({"t": "a\u{1b}[2J\u{9b}31m\u{202e}b\u{7f}\n"});
        let s = json_inert(serde_json::to_string(&v).unwrap());
        assert!(!s.chars().any(is_dangerous), "{s}");
        assert!(s.contains("\\u009b") && s.contains("\\u202e") && s.contains("\\u001b"));
        let back: serde_json::Value = serde_json::from_str(&s).unwrap();
        assert_eq!(back, v);
    }
}
