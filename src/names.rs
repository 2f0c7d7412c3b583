//! `Names`: a short list of strings (an event's countries, actors, tags or
//! aliases) kept in one allocation whatever its length.
//!
//! A million events list some ten million such strings. As `Vec<String>` each
//! string is an allocation of its own with a 24-byte header beside it, which
//! costs more than the text; here the items are written one after the other
//! in one string, each after its length.
//!
//! A length is written as one character whose code is the length (skipping
//! the surrogate range, which no `char` can hold): one byte for items shorter
//! than 128 bytes. A length past the highest code is written as that code,
//! meaning "this much, and the next character adds more", then the rest.

use std::fmt;

use serde::de::{SeqAccess, Visitor};
use serde::ser::SerializeSeq;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// An immutable list of strings. Build it from any iterator of strings
/// (`collect`, `From<Vec<_>>`, `From<[_; N]>`); read it with `iter`, `get`,
/// `contains`, `join`.
#[derive(Clone, Default, PartialEq, Eq, Hash)]
pub struct Names {
    /// Each item's length, as characters, then the item.
    text: Box<str>,
}

/// The first code point past the surrogates, and how far it is moved.
const SURROGATES: u32 = 0xD800;
const SURROGATE_SPAN: u32 = 0x800;
/// The highest length one character holds; it also means "more follows".
const TOP: u32 = char::MAX as u32 - SURROGATE_SPAN;

fn length_char(v: u32) -> char {
    let code = if v < SURROGATES {
        v
    } else {
        v + SURROGATE_SPAN
    };
    // v is at most TOP, so code is at most char::MAX and never a surrogate
    char::from_u32(code).unwrap_or(char::MAX)
}

fn char_length(c: char) -> u32 {
    let c = c as u32;
    if c < SURROGATES {
        c
    } else {
        c - SURROGATE_SPAN
    }
}

/// Collects items into `Names`.
#[derive(Default)]
struct Builder {
    text: String,
}

impl Builder {
    fn push(&mut self, item: &str) {
        let mut rest = item.len();
        while rest >= TOP as usize {
            self.text.push(length_char(TOP));
            rest -= TOP as usize;
        }
        self.text.push(length_char(rest as u32));
        self.text.push_str(item);
    }

    fn finish(self) -> Names {
        Names {
            text: self.text.into_boxed_str(),
        }
    }
}

impl Names {
    pub fn new() -> Names {
        Names::default()
    }

    /// The number of items (counted: lists are short).
    pub fn len(&self) -> usize {
        self.iter().count()
    }

    pub fn is_empty(&self) -> bool {
        self.text.is_empty()
    }

    /// Item `i`, if there is one.
    pub fn get(&self, i: usize) -> Option<&str> {
        self.iter().nth(i)
    }

    pub fn first(&self) -> Option<&str> {
        self.iter().next()
    }

    pub fn iter(&self) -> Iter<'_> {
        Iter { rest: &self.text }
    }

    pub fn contains(&self, item: &str) -> bool {
        self.iter().any(|s| s == item)
    }

    /// The items with `sep` between them.
    pub fn join(&self, sep: &str) -> String {
        let mut out = String::with_capacity(self.text.len());
        for (i, s) in self.iter().enumerate() {
            if i > 0 {
                out.push_str(sep);
            }
            out.push_str(s);
        }
        out
    }

    pub fn to_vec(&self) -> Vec<String> {
        self.iter().map(str::to_string).collect()
    }

    /// Bytes on the heap.
    pub fn heap_bytes(&self) -> usize {
        self.text.len()
    }
}

/// The items of a [`Names`], in order.
#[derive(Clone)]
pub struct Iter<'a> {
    rest: &'a str,
}

impl<'a> Iterator for Iter<'a> {
    type Item = &'a str;

    fn next(&mut self) -> Option<&'a str> {
        let mut len = 0usize;
        loop {
            let c = self.rest.chars().next()?;
            self.rest = &self.rest[c.len_utf8()..];
            let v = char_length(c);
            len += v as usize;
            if v < TOP {
                break;
            }
        }
        // the builder wrote `len` bytes of a str here, so this is a boundary
        let item = self.rest.get(..len)?;
        self.rest = &self.rest[len..];
        Some(item)
    }
}

impl<'a> IntoIterator for &'a Names {
    type Item = &'a str;
    type IntoIter = Iter<'a>;

    fn into_iter(self) -> Iter<'a> {
        self.iter()
    }
}

impl<S: AsRef<str>> FromIterator<S> for Names {
    fn from_iter<I: IntoIterator<Item = S>>(items: I) -> Names {
        let mut b = Builder::default();
        for s in items {
            b.push(s.as_ref());
        }
        b.finish()
    }
}

impl<S: AsRef<str>> From<Vec<S>> for Names {
    fn from(items: Vec<S>) -> Names {
        items.into_iter().collect()
    }
}

impl<S: AsRef<str>, const N: usize> From<[S; N]> for Names {
    fn from(items: [S; N]) -> Names {
        items.into_iter().collect()
    }
}

impl<S: AsRef<str>> PartialEq<Vec<S>> for Names {
    fn eq(&self, other: &Vec<S>) -> bool {
        self.len() == other.len() && self.iter().zip(other).all(|(a, b)| a == b.as_ref())
    }
}

impl<S: AsRef<str>, const N: usize> PartialEq<[S; N]> for Names {
    fn eq(&self, other: &[S; N]) -> bool {
        self.len() == N && self.iter().zip(other).all(|(a, b)| a == b.as_ref())
    }
}

impl fmt::Debug for Names {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

impl Serialize for Names {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut seq = serializer.serialize_seq(Some(self.len()))?;
        for s in self {
            seq.serialize_element(s)?;
        }
        seq.end()
    }
}

impl<'de> Deserialize<'de> for Names {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Names, D::Error> {
        struct NamesVisitor;

        impl<'de> Visitor<'de> for NamesVisitor {
            type Value = Names;

            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a list of strings")
            }

            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Names, A::Error> {
                let mut b = Builder::default();
                // borrowed where the format allows, else owned
                while let Some(s) = seq.next_element::<std::borrow::Cow<'de, str>>()? {
                    b.push(&s);
                }
                Ok(b.finish())
            }
        }

        deserializer.deserialize_seq(NamesVisitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_items_in_order_with_empty_ones() {
        let n: Names = ["TR", "", "RU", "Ünïcode"].into();
        assert_eq!(n.len(), 4);
        assert_eq!(n.iter().collect::<Vec<_>>(), ["TR", "", "RU", "Ünïcode"]);
        assert_eq!(n.get(1), Some(""));
        assert_eq!(n.get(4), None);
        assert_eq!(n.first(), Some("TR"));
        assert!(n.contains("RU") && n.contains("") && !n.contains("R"));
        assert_eq!(n.join(", "), "TR, , RU, Ünïcode");
        assert_eq!(n, vec!["TR", "", "RU", "Ünïcode"]);
        assert_ne!(n, vec!["TR", "RU"]);
        assert_eq!(format!("{n:?}"), r#"["TR", "", "RU", "Ünïcode"]"#);
        let empty = Names::new();
        assert!(empty.is_empty() && empty.first().is_none() && empty.join(",").is_empty());
        assert_eq!(empty.heap_bytes(), 0);
    }

    #[test]
    fn keeps_items_of_any_length() {
        for len in [
            127,
            128,
            0xD7FF,
            0xD800,
            0xE000,
            TOP as usize - 1,
            TOP as usize,
            3 << 20,
        ] {
            let long = "é".repeat(len / 2) + &"x".repeat(len % 2);
            assert_eq!(long.len(), len);
            let n: Names = ["a", long.as_str(), "", "b"].into();
            assert_eq!(n.len(), 4, "length {len}");
            assert_eq!(n.get(1), Some(long.as_str()), "length {len}");
            assert_eq!(n.get(3), Some("b"));
        }
        let short: Names = ["TR", "RU"].into();
        assert_eq!(short.heap_bytes(), 6, "one byte of length per short item");
    }

    #[test]
    fn reads_and_writes_a_list_of_strings() {
        let n: Names = serde_json::from_str(r#"["a\"b", "c\u0000d", ""]"#).unwrap();
        assert_eq!(n, ["a\"b", "c\0d", ""]);
        assert_eq!(
            serde_json::to_string(&n).unwrap(),
            r#"["a\"b","c\u0000d",""]"#
        );
        #[derive(Deserialize)]
        struct T {
            x: Names,
        }
        let t: T = toml::from_str("x = ['TR', \"R\\u00fcs\"]").unwrap();
        assert_eq!(t.x, ["TR", "Rüs"]);
        assert!(serde_json::from_str::<Names>("[1]").is_err());
        assert!(serde_json::from_str::<Names>("\"TR\"").is_err());
    }
}
