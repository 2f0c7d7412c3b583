//! A small tokenizer: words, numbers and single punctuation marks with byte spans.

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
}

/// Appends the tokens of `text[range]` to `out`; spans are offsets into `text`.
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
        let start = i;
        let kind = if b.is_ascii_digit() {
            while i < bytes.len() && bytes[i].is_ascii_digit() {
                i += 1;
            }
            Kind::Num
        } else if b.is_ascii_alphabetic() {
            while i < bytes.len() && bytes[i].is_ascii_alphabetic() {
                i += 1;
            }
            // a word may go on with non-ASCII letters
            while i < bytes.len() && bytes[i] >= 0x80 {
                let c = s[i..].chars().next().unwrap_or(' ');
                if !c.is_alphabetic() {
                    break;
                }
                i += c.len_utf8();
                while i < bytes.len() && bytes[i].is_ascii_alphabetic() {
                    i += 1;
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
                loop {
                    let Some(n) = s[i..].chars().next() else {
                        break;
                    };
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
        });
        space = false;
        brk = false;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
    }
}
