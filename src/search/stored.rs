//! The search index stored in a file, and read where it lies: a query reads
//! the few sets its words need and checks only their candidates one by one,
//! and gives the same answers as the index built in memory (and so as
//! [`Query::matches`]).
//!
//! # Entries
//!
//! The index is a set of entries, each a key and some bytes ([`keys`],
//! [`write_entry`]);
//! the file they are kept in finds them by key ([`Blobs`]). A key's first
//! byte says what it holds, its last eight bytes a number (big-endian); the
//! first bytes used are 0x10 to 0x19, so that a file can keep other entries
//! beside them.
//!
//! - 0x10, 0x11, 0x12 + class or pair number: the events whose short fields
//!   use a character class, hold a class pair, or hold it across whitespace.
//! - 0x13: the distinct short-field tokens: number 0 their text, one after
//!   the other; 1 where each ends (`u32`); 2 the class mask of each (`u64`).
//!   0x14 + token number: its events.
//! - 0x15: the long-text words, sorted: number 0 their text, 1 where each
//!   ends. 0x16 + word number: its events.
//! - 0x17, 0x18 + chunk number: the lower-cased short fields of the chunk's
//!   ASCII events, and where each event's run starts (`u32`, plus the end).
//! - 0x19: a bit per event whose short fields are all ASCII.
//!
//! A set of events is a bitmap of `u64` when dense, and sorted `u32`
//! indexes when sparse; a sparse set is always shorter than a bitmap (it is
//! only kept when it holds fewer than one event in 32), so the length tells
//! which. Integers are little-endian. A set that is absent is empty.
//!
//! What the entries cannot be checked for (a set holding an event past the
//! end, say) is harmless: such an index is ignored. The file's checksums
//! guard against damage; whatever the store reports as damaged (an `Err`)
//! ends the query with that reason.

use super::{
    BUILD_CHUNK, PAIRS, SearchIndex, Set, SetRef, Sets, Word, gap_match_ascii_in, token_matches,
    words_for,
};
use crate::filter::Query;

/// A 128-bit entry key.
pub type Key = [u8; 16];

const CHARS: u8 = 0x10;
const PAIR_SETS: u8 = 0x11;
const ACROSS: u8 = 0x12;
const TOKENS: u8 = 0x13;
const TOKEN_SETS: u8 = 0x14;
const VOCABULARY: u8 = 0x15;
const WORD_SETS: u8 = 0x16;
const SHORT: u8 = 0x17;
const SHORT_OFFSETS: u8 = 0x18;
const ASCII: u8 = 0x19;

/// The key of entry `n` of kind `what`.
pub fn key(what: u8, n: usize) -> Key {
    let mut k = [0u8; 16];
    k[0] = what;
    k[8..].copy_from_slice(&(n as u64).to_be_bytes());
    k
}

/// True when `key` is one of the index's.
pub fn is_index_key(key: &Key) -> bool {
    (CHARS..=ASCII).contains(&key[0])
}

fn set_bytes(s: &Set) -> Vec<u8> {
    match s {
        Set::Dense(bits) => bits.iter().flat_map(|w| w.to_le_bytes()).collect(),
        Set::Sparse(list) => list.iter().flat_map(|i| i.to_le_bytes()).collect(),
    }
}

/// The keys of the entries that store `index`, in key order (the order a
/// file is written in).
pub(super) fn keys(index: &SearchIndex) -> Vec<Key> {
    let mut out = Vec::new();
    for (what, sets) in [
        (CHARS, &index.chars),
        (PAIR_SETS, &index.pairs),
        (ACROSS, &index.across),
    ] {
        let present = sets.iter().enumerate().filter(|(_, s)| s.is_some());
        out.extend(present.map(|(n, _)| key(what, n)));
    }
    out.extend([key(TOKENS, 0), key(TOKENS, 1), key(TOKENS, 2)]);
    out.extend((0..index.tokens.len()).map(|n| key(TOKEN_SETS, n)));
    out.extend([key(VOCABULARY, 0), key(VOCABULARY, 1)]);
    out.extend((0..index.vocabulary.len()).map(|n| key(WORD_SETS, n)));
    out.extend((0..index.short.len()).map(|c| key(SHORT, c)));
    out.extend((0..index.short.len()).map(|c| key(SHORT_OFFSETS, c)));
    out.push(key(ASCII, 0));
    out
}

/// The number in `key` (its last eight bytes).
fn number_of(key: &Key) -> usize {
    let n = u64::from_be_bytes(key[8..].try_into().unwrap_or_default());
    usize::try_from(n).unwrap_or(usize::MAX)
}

/// Writes the entry under `key` of those that store `index` ([`keys`]) into
/// `out`, read from the index where it lies; a key that is none of them is
/// an error.
pub(super) fn write_entry(
    index: &SearchIndex,
    key: &Key,
    out: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    let n = number_of(key);
    let missing = || std::io::Error::other("no such entry of the search index");
    fn set(sets: &[Option<Set>], n: usize) -> Option<&Set> {
        sets.get(n).and_then(Option::as_ref)
    }
    let bytes: Vec<u8> = match key[0] {
        CHARS => set_bytes(set(&index.chars, n).ok_or_else(missing)?),
        PAIR_SETS => set_bytes(set(&index.pairs, n).ok_or_else(missing)?),
        ACROSS => set_bytes(set(&index.across, n).ok_or_else(missing)?),
        TOKEN_SETS => set_bytes(&index.tokens.get(n).ok_or_else(missing)?.events),
        WORD_SETS => set_bytes(&index.vocabulary.get(n).ok_or_else(missing)?.1),
        TOKENS => match n {
            0 | 1 => words_bytes(index.tokens.iter().map(|t| &*t.text), n == 1),
            2 => index
                .tokens
                .iter()
                .flat_map(|t| t.mask.to_le_bytes())
                .collect(),
            _ => return Err(missing()),
        },
        VOCABULARY if n < 2 => words_bytes(index.vocabulary.iter().map(|(w, _)| &**w), n == 1),
        // written where it lies, not copied
        SHORT => return out.write_all(&index.short.get(n).ok_or_else(missing)?.bytes),
        SHORT_OFFSETS => {
            let chunk = index.short.get(n).ok_or_else(missing)?;
            chunk.offsets.iter().flat_map(|o| o.to_le_bytes()).collect()
        }
        ASCII if n == 0 => index.ascii.iter().flat_map(|w| w.to_le_bytes()).collect(),
        _ => return Err(missing()),
    };
    out.write_all(&bytes)
}

/// Lets go of what, of `index`, no entry after the one under `key` needs,
/// when they are made in the order of [`keys`].
pub(super) fn release(index: &mut SearchIndex, key: &Key) {
    let n = number_of(key);
    let empty = || Set::Sparse(Box::default());
    match key[0] {
        CHARS | PAIR_SETS | ACROSS => {
            let sets = match key[0] {
                CHARS => &mut index.chars,
                PAIR_SETS => &mut index.pairs,
                _ => &mut index.across,
            };
            if let Some(set) = sets.get_mut(n) {
                *set = None;
            }
        }
        // the tokens' text, ends and masks come before their sets
        TOKEN_SETS => {
            if let Some(t) = index.tokens.get_mut(n) {
                t.text = Box::default();
                t.events = empty();
            }
        }
        // and the words' text and ends before theirs
        WORD_SETS => {
            if let Some(word) = index.vocabulary.get_mut(n) {
                *word = (Box::default(), empty());
            }
        }
        SHORT => {
            if let Some(chunk) = index.short.get_mut(n) {
                chunk.bytes = Box::default();
            }
        }
        SHORT_OFFSETS => {
            if let Some(chunk) = index.short.get_mut(n) {
                chunk.offsets = Box::default();
            }
        }
        _ => {}
    }
}

/// A list of words as stored: their text one after the other, or (`ends`)
/// where each ends (`u32`).
fn words_bytes<'a>(words: impl Iterator<Item = &'a str>, ends: bool) -> Vec<u8> {
    let mut text_len = 0usize;
    let mut out = Vec::new();
    for w in words {
        text_len += w.len();
        if ends {
            out.extend((text_len as u32).to_le_bytes());
        } else {
            out.extend_from_slice(w.as_bytes());
        }
    }
    out
}

/// Where a stored index lies: its entries by key, and the events' short
/// fields (for the events whose fields are not all ASCII).
pub trait Blobs: Sync {
    /// The entry under `key`; `Ok(None)` when there is none, `Err` (why)
    /// when it is damaged.
    fn blob(&self, key: &Key) -> Result<Option<&[u8]>, String>;
    /// True when `test` holds for one of the short fields of event `i`.
    fn any_short_field(&self, i: usize, test: &dyn Fn(&str) -> bool) -> Result<bool, String>;
}

/// A stored index of `len` events, read from `blobs`.
pub struct Stored<'a, B: Blobs> {
    blobs: &'a B,
    len: usize,
    tokens: Words<'a>,
    token_masks: &'a [u8],
    vocabulary: Words<'a>,
    ascii: &'a [u8],
}

/// A list of words: their text one after the other, and where each ends.
struct Words<'a> {
    text: &'a [u8],
    ends: &'a [u8],
}

impl<'a> Words<'a> {
    fn count(&self) -> usize {
        self.ends.len() / 4
    }

    fn end(&self, n: usize) -> usize {
        let b = &self.ends[n * 4..n * 4 + 4];
        u32::from_le_bytes([b[0], b[1], b[2], b[3]]) as usize
    }

    fn get(&self, n: usize) -> Result<&'a [u8], String> {
        let start = if n == 0 { 0 } else { self.end(n - 1) };
        self.text
            .get(start..self.end(n))
            .ok_or_else(|| "a word of the stored index lies outside its entry".to_string())
    }
}

fn damaged(what: &str) -> String {
    format!("the stored index lacks its {what}")
}

impl<'a, B: Blobs> Stored<'a, B> {
    /// The index of `len` events in `blobs`.
    pub fn open(blobs: &'a B, len: usize) -> Result<Stored<'a, B>, String> {
        let need = |k: Key, what: &str| -> Result<&'a [u8], String> {
            blobs.blob(&k)?.ok_or_else(|| damaged(what))
        };
        let words = |what: u8, name: &str| -> Result<Words<'a>, String> {
            let w = Words {
                text: need(key(what, 0), name)?,
                ends: need(key(what, 1), name)?,
            };
            if w.ends.len() % 4 != 0 {
                return Err(format!("the stored {name} have a wrong length"));
            }
            Ok(w)
        };
        let tokens = words(TOKENS, "tokens")?;
        let token_masks = need(key(TOKENS, 2), "token masks")?;
        if token_masks.len() != tokens.count() * 8 {
            return Err("the stored token masks have a wrong length".into());
        }
        let vocabulary = words(VOCABULARY, "vocabulary")?;
        let ascii = need(key(ASCII, 0), "ASCII events")?;
        if ascii.len() != words_for(len) * 8 {
            return Err("the stored ASCII events have a wrong length".into());
        }
        Ok(Stored {
            blobs,
            len,
            tokens,
            token_masks,
            vocabulary,
            ascii,
        })
    }

    /// The events that `query` matches, in order.
    pub fn select(&self, query: &Query) -> Result<Vec<usize>, String> {
        super::select_with(self, query, None)
    }

    /// The events among `candidates` (sorted indexes below the number of
    /// events; all when `None`) that `query` matches, in order.
    pub fn select_among(
        &self,
        query: &Query,
        candidates: Option<&[usize]>,
    ) -> Result<Vec<usize>, String> {
        let within = candidates.map(|list| {
            let mut bits = vec![0u64; words_for(self.len)];
            for &i in list.iter().filter(|&&i| i < self.len) {
                super::set_bit(&mut bits, i);
            }
            bits
        });
        super::select_with(self, query, within)
    }

    fn set(&self, what: u8, n: usize) -> Result<Option<SetRef<'a>>, String> {
        let Some(bytes) = self.blobs.blob(&key(what, n))? else {
            return Ok(None);
        };
        let dense = words_for(self.len) * 8;
        if bytes.len() == dense {
            Ok(Some(SetRef::BitBytes(bytes)))
        } else if bytes.len() < dense && bytes.len() % 4 == 0 {
            Ok(Some(SetRef::ListBytes(bytes)))
        } else {
            Err("a set of the stored index has a wrong length".into())
        }
    }

    /// Bytes of the lower-cased short fields of event `i`, when it has them.
    fn short_of(&self, i: usize) -> Result<Option<&'a [u8]>, String> {
        let ascii = self
            .ascii
            .get(i / 64 * 8..i / 64 * 8 + 8)
            .is_some_and(|b| b[i % 64 / 8] & (1 << (i % 8)) != 0);
        if !ascii {
            return Ok(None);
        }
        let (c, k) = (i / BUILD_CHUNK, i % BUILD_CHUNK);
        let bytes = self.blobs.blob(&key(SHORT, c))?;
        let offsets = self.blobs.blob(&key(SHORT_OFFSETS, c))?;
        let (Some(bytes), Some(offsets)) = (bytes, offsets) else {
            return Err(damaged("short fields"));
        };
        let at = |k: usize| {
            offsets
                .get(k * 4..k * 4 + 4)
                .map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]) as usize)
        };
        match (at(k), at(k + 1)) {
            (Some(a), Some(b)) if a <= b && b <= bytes.len() => Ok(Some(&bytes[a..b])),
            _ => Err("the stored short fields point outside their entry".into()),
        }
    }
}

impl<B: Blobs> Sets for Stored<'_, B> {
    fn len(&self) -> usize {
        self.len
    }

    fn chars(&self, c: usize) -> Result<Option<SetRef<'_>>, String> {
        self.set(CHARS, c)
    }

    fn pairs(&self, p: usize) -> Result<Option<SetRef<'_>>, String> {
        if p >= PAIRS {
            return Ok(None);
        }
        self.set(PAIR_SETS, p)
    }

    fn across(&self, p: usize) -> Result<Option<SetRef<'_>>, String> {
        if p >= PAIRS {
            return Ok(None);
        }
        self.set(ACROSS, p)
    }

    fn add_tokens(&self, w: &Word, mask: u64, found: &mut [u64]) -> Result<(), String> {
        for n in 0..self.tokens.count() {
            let m = &self.token_masks[n * 8..n * 8 + 8];
            let token_mask = u64::from_le_bytes(m.try_into().unwrap_or_default());
            if mask & !token_mask != 0 {
                continue;
            }
            let text = std::str::from_utf8(self.tokens.get(n)?)
                .map_err(|_| "a stored token is not UTF-8".to_string())?;
            if token_matches(text, w) {
                if let Some(s) = self.set(TOKEN_SETS, n)? {
                    s.or_into(found);
                }
            }
        }
        Ok(())
    }

    fn add_vocabulary(&self, prefix: &str, found: &mut [u64]) -> Result<(), String> {
        let prefix = prefix.as_bytes();
        let n = self.vocabulary.count();
        // the first word not below the prefix, then those that start with it
        let (mut lo, mut hi) = (0, n);
        while lo < hi {
            let mid = (lo + hi) / 2;
            if self.vocabulary.get(mid)? < prefix {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        for k in lo..n {
            if !self.vocabulary.get(k)?.starts_with(prefix) {
                break;
            }
            if let Some(s) = self.set(WORD_SETS, k)? {
                s.or_into(found);
            }
        }
        Ok(())
    }

    fn short_matches(&self, w: &Word, i: usize) -> Result<bool, String> {
        match self.short_of(i)? {
            // (a NUL in the word would match the separators)
            Some(run) if w.ascii && !w.text.contains('\0') => {
                Ok(gap_match_ascii_in(run, w.text.as_bytes(), true))
            }
            _ => self.blobs.any_short_field(i, &|f| w.gap_matches(f)),
        }
    }
}
