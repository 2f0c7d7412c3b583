//! A small tokenizer: words, numbers and single punctuation marks with byte
//! spans, each word looked up once in the lexicon.

use super::lexicon::{self, Info};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Word,
    Num,
    Punct(char),
}

#[derive(Debug, Clone, Copy)]
pub struct Tok {
    pub start: usize,
    pub end: usize,
    pub kind: Kind,
    /// True when white space separates this token from the one before.
    pub space_before: bool,
    /// True when a line break lies between this token and the one before.
    pub break_before: bool,
    /// True when a word starts with an upper-case letter.
    pub cap: bool,
    /// What the lexicon says of a word (default for numbers and marks).
    pub info: Info,
    /// The value of a number of at most nine digits, else `u32::MAX`.
    pub num: u32,
}

impl Tok {
    pub fn len(&self) -> usize {
        self.end - self.start
    }
    pub fn is_empty(&self) -> bool {
        self.end == self.start
    }
}

/// Appends the tokens of `text[from..to]` to `out`; spans are offsets into `text`.
pub fn tokenize(text: &str, from: usize, to: usize, out: &mut Vec<Tok>) {
    let s = &text[from..to];
    let bytes = s.as_bytes();
    let mut i = 0;
    let mut space = true;
    let mut brk = false;
    while i < bytes.len() {
        let b = bytes[i];
        if b.is_ascii_whitespace() {
            if b == b'\n' {
                brk = true;
            }
            space = true;
            i += 1;
            continue;
        }
        let mut start = i;
        let mut num = u32::MAX;
        let mut info = Info::default();
        let mut cap = false;
        let kind = if b.is_ascii_digit() {
            let mut v: u64 = 0;
            while i < bytes.len() && bytes[i].is_ascii_digit() {
                v = v
                    .saturating_mul(10)
                    .saturating_add((bytes[i] - b'0') as u64);
                i += 1;
            }
            if i - start <= 9 {
                num = v as u32;
            }
            Kind::Num
        } else if b.is_ascii_alphabetic() {
            cap = b.is_ascii_uppercase();
            while i < bytes.len() && bytes[i].is_ascii_alphabetic() {
                i += 1;
            }
            let mut ascii = true;
            // a word may go on with non-ASCII letters
            while i < bytes.len() && bytes[i] >= 0x80 {
                let c = s[i..].chars().next().unwrap_or(' ');
                if !c.is_alphabetic() {
                    break;
                }
                ascii = false;
                i += c.len_utf8();
                while i < bytes.len() && bytes[i].is_ascii_alphabetic() {
                    i += 1;
                }
            }
            if ascii {
                info = lexicon::lookup(&s[start..i]);
                // text glued by page extraction: "UpdatedJan 9, 2017",
                // "READMar 3, 2018"; the word before is a token of its own
                if let Some(p) = glued_name(s, start, i) {
                    out.push(Tok {
                        start: from + start,
                        end: from + p,
                        kind: Kind::Word,
                        space_before: space,
                        break_before: brk,
                        cap,
                        info: lexicon::lookup(&s[start..p]),
                        num,
                    });
                    space = false;
                    brk = false;
                    start = p;
                    cap = true;
                    info = lexicon::lookup(&s[p..i]);
                }
            }
            Kind::Word
        } else if b < 0x80 {
            i += 1;
            Kind::Punct(b as char)
        } else {
            let c = s[i..].chars().next().unwrap_or(' ');
            i += c.len_utf8();
            if c.is_alphabetic() {
                cap = c.is_uppercase();
                while let Some(n) = s[i..].chars().next() {
                    if n.is_alphabetic() {
                        i += n.len_utf8();
                    } else {
                        break;
                    }
                }
                Kind::Word
            } else if c.is_whitespace() {
                space = true;
                continue;
            } else {
                Kind::Punct(c)
            }
        };
        out.push(Tok {
            start: from + start,
            end: from + i,
            kind,
            space_before: space,
            break_before: brk,
            cap,
            info,
            num,
        });
        space = false;
        brk = false;
    }
}

/// Where a month or weekday name glued to the word before starts in
/// `s[start..end]`, when a number or a comma follows it ("UpdatedJan 9",
/// "READMar 3", "PublishedMonday, 3 March"): the name begins with a capital
/// after a small letter, or after a run of capitals ("READ"), and the word
/// before it has three letters or more (not "DeMarch").
fn glued_name(s: &str, start: usize, end: usize) -> Option<usize> {
    let b = s.as_bytes();
    if end - start < 5 || lexicon::lookup(&s[start..end]).lex != lexicon::Lex::None {
        return None;
    }
    let p = (start + 3..end - 2).find(|&p| {
        b[p].is_ascii_uppercase()
            && b[p + 1].is_ascii_lowercase()
            && (b[p - 1].is_ascii_lowercase() || b[p - 1].is_ascii_uppercase())
    })?;
    let name = lexicon::lookup(&s[p..end]).lex;
    if !matches!(name, lexicon::Lex::Month(_) | lexicon::Lex::Weekday(_)) {
        return None;
    }
    // what follows: "9", ". 9", ", "
    let rest = s[end..].trim_start_matches('.').trim_start();
    rest.starts_with(|c: char| c.is_ascii_digit() || c == ',')
        .then_some(p)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::lexicon::Lex;

    #[test]
    fn splits_words_numbers_and_marks() {
        let t = "On Aug. 9Credit: S-400s, Çavuşoğlu’s";
        let mut v = Vec::new();
        tokenize(t, 0, t.len(), &mut v);
        let parts: Vec<&str> = v.iter().map(|k| &t[k.start..k.end]).collect();
        assert_eq!(
            parts,
            [
                "On",
                "Aug",
                ".",
                "9",
                "Credit",
                ":",
                "S",
                "-",
                "400",
                "s",
                ",",
                "Çavuşoğlu",
                "’",
                "s"
            ]
        );
        assert!(!v[4].space_before);
        assert_eq!(v[1].info.lex, Lex::Month(8));
        assert!(v[1].cap);
        assert_eq!(v[3].num, 9);
        assert_eq!(v[8].num, 400);
    }

    #[test]
    fn splits_names_glued_by_page_extraction() {
        let words = |t: &str| {
            let mut v = Vec::new();
            tokenize(t, 0, t.len(), &mut v);
            v.iter()
                .map(|k| t[k.start..k.end].to_string())
                .collect::<Vec<_>>()
        };
        assert_eq!(
            words("UpdatedJan 9, 2017"),
            ["Updated", "Jan", "9", ",", "2017"]
        );
        assert_eq!(words("4 MIN READMar 3"), ["4", "MIN", "READ", "Mar", "3"]);
        assert_eq!(
            words("PublishedMonday, 3"),
            ["Published", "Monday", ",", "3"]
        );
        // names inside a word that no number follows stay whole
        assert_eq!(words("McMay said"), ["McMay", "said"]);
        assert_eq!(words("DeMarch 3"), ["DeMarch", "3"]);
        assert_eq!(words("iPhone 7"), ["iPhone", "7"]);
    }

    #[test]
    fn long_numbers_have_no_value() {
        let t = "12345678901 7";
        let mut v = Vec::new();
        tokenize(t, 0, t.len(), &mut v);
        assert_eq!(v[0].num, u32::MAX);
        assert_eq!(v[1].num, 7);
    }
}
