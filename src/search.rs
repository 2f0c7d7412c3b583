//! The search index: what makes a text query quick over a million events.
//!
//! A query word matches an event when it matches one of the short fields
//! (letters in order, short gaps) or starts a word of the long text (see
//! [`Query`]). The index answers both halves for all events at once, as sets
//! of events:
//!
//! - Long text: its words, lower case and sorted, each with the events using
//!   it. A word prefix is a run of that list, so its events are known exactly.
//! - Short fields, split at whitespace into tokens: each distinct token with
//!   its events. A match that stays inside one token is found by matching the
//!   query word against the (few) distinct tokens.
//! - Short fields, character by character: for each pair of character classes
//!   (a letter, a digit, or anything else) the events whose short fields have
//!   the first followed by the second within `MAX_GAP + 1` places, in one
//!   field; and the same for pairs with whitespace between them. A word of one
//!   or two letters and digits matches exactly where its pair (or letter) is.
//!   A longer word that matches across whitespace does so where one of its
//!   pairs straddles it, and all its pairs are there: those few events are
//!   checked one by one.
//!
//! Sets are bitmaps when dense and sorted lists when sparse, so the index
//! stays within a few hundred bytes per event. The answers are exactly those
//! of [`Query::matches`]; the tests check that over generated and odd events.

use std::collections::HashMap;
use std::hash::BuildHasherDefault;

use rayon::prelude::*;

use crate::filter::{MAX_GAP, Query, Word, fold, gap_match_ascii_in, long_texts};
use crate::filter::{short_fields, words_of};
use crate::model::Event;
use crate::quick_hash::QuickHasher;

/// Character classes: 26 letters, 10 digits, and one for everything else
/// (whitespace has none: no query word holds it).
const CLASSES: usize = 37;
const OTHER: usize = 36;
const PAIRS: usize = CLASSES * CLASSES;
const PAIR_WORDS: usize = PAIRS.div_ceil(64);

/// Events per unit of parallel work when building (a multiple of 64).
const BUILD_CHUNK: usize = 16_384;

/// Bitmap words per unit of parallel work when selecting.
const SELECT_CHUNK_WORDS: usize = 256;

/// At most this many candidates are checked one by one instead of through the
/// index.
const ONE_BY_ONE: usize = 1024;

fn class(c: char) -> Option<usize> {
    match c {
        'a'..='z' => Some(c as usize - 'a' as usize),
        '0'..='9' => Some(26 + c as usize - '0' as usize),
        c if c.is_whitespace() => None,
        _ => Some(OTHER),
    }
}

/// [`class`] of an ASCII byte, case folded.
fn ascii_class(b: u8) -> Option<usize> {
    const TABLE: [u8; 128] = {
        let mut t = [OTHER as u8; 128];
        let mut k = 0;
        while k < 128 {
            let c = k as u8;
            t[k] = match c {
                b'a'..=b'z' => c - b'a',
                b'A'..=b'Z' => c - b'A',
                b'0'..=b'9' => 26 + c - b'0',
                b'\t' | b'\n' | 0x0b | 0x0c | b'\r' | b' ' => u8::MAX,
                _ => OTHER as u8,
            };
            k += 1;
        }
        t
    };
    match TABLE.get(b as usize) {
        Some(&u8::MAX) => None,
        Some(&c) => Some(c as usize),
        None => Some(OTHER),
    }
}

/// The classes a text uses, one bit each.
fn class_mask(chars: impl Iterator<Item = char>) -> u64 {
    chars.filter_map(class).fold(0, |m, c| m | 1 << c)
}

/// The classes and class pairs of one event's short fields, as bit sets.
struct ClassBits {
    chars: u64,
    pairs: [u64; PAIR_WORDS],
    across: [u64; PAIR_WORDS],
}

impl ClassBits {
    fn new() -> ClassBits {
        ClassBits {
            chars: 0,
            pairs: [0; PAIR_WORDS],
            across: [0; PAIR_WORDS],
        }
    }

    /// Adds a field, given the classes of its characters (`None` for
    /// whitespace).
    fn field(&mut self, classes: impl Iterator<Item = Option<usize>>) {
        // the classes of the last MAX_GAP + 1 characters, most recent first;
        // `None` before the start (or for whitespace)
        let mut recent: [Option<usize>; MAX_GAP + 1] = [None; MAX_GAP + 1];
        let mut spaces: [bool; MAX_GAP + 1] = [false; MAX_GAP + 1];
        for c in classes {
            if let Some(z) = c {
                self.chars |= 1 << z;
                let mut between = false;
                for (a, space) in recent.into_iter().zip(spaces) {
                    if let Some(a) = a {
                        let p = a * CLASSES + z;
                        self.pairs[p / 64] |= 1 << (p % 64);
                        if between {
                            self.across[p / 64] |= 1 << (p % 64);
                        }
                    }
                    between |= space;
                }
            }
            for k in (1..recent.len()).rev() {
                recent[k] = recent[k - 1];
                spaces[k] = spaces[k - 1];
            }
            recent[0] = c;
            spaces[0] = c.is_none();
        }
    }
}

/// Transposes a 64 by 64 bit matrix: bit `c` of word `r` goes to bit `r` of
/// word `c`.
fn transpose64(m: &mut [u64; 64]) {
    let mut j = 32;
    let mut mask: u64 = 0x0000_0000_ffff_ffff;
    while j != 0 {
        for k in 0..64 {
            if k & j == 0 {
                let t = ((m[k] >> j) ^ m[k + j]) & mask;
                m[k] ^= t << j;
                m[k + j] ^= t;
            }
        }
        j >>= 1;
        mask ^= mask << j;
    }
}

fn words_for(n: usize) -> usize {
    n.div_ceil(64)
}

fn set_bit(bits: &mut [u64], i: usize) {
    if let Some(w) = bits.get_mut(i / 64) {
        *w |= 1 << (i % 64);
    }
}

fn ones(bits: &[u64]) -> impl Iterator<Item = usize> + '_ {
    bits.iter().enumerate().flat_map(|(k, &w)| {
        let mut w = w;
        std::iter::from_fn(move || {
            (w != 0).then(|| {
                let i = k * 64 + w.trailing_zeros() as usize;
                w &= w - 1;
                i
            })
        })
    })
}

/// A set of event indexes.
enum Set {
    /// One bit per event.
    Dense(Box<[u64]>),
    /// Sorted indexes.
    Sparse(Box<[u32]>),
}

impl Set {
    /// The set a bitmap holds, in whichever form is smaller; `None` when empty.
    fn from_bits(bits: Vec<u64>, n: usize) -> Option<Set> {
        let count: usize = bits.iter().map(|w| w.count_ones() as usize).sum();
        if count == 0 {
            None
        } else if count * 32 >= n {
            Some(Set::Dense(bits.into_boxed_slice()))
        } else {
            Some(Set::Sparse(ones(&bits).map(|i| i as u32).collect()))
        }
    }
}

impl Set {
    fn as_ref(&self) -> SetRef<'_> {
        match self {
            Set::Dense(bits) => SetRef::Bits(bits),
            Set::Sparse(list) => SetRef::List(list),
        }
    }
}

/// A set of event indexes as a query reads it: one that was built, or one
/// stored in a file, read where it lies ([`stored`]).
#[derive(Clone, Copy)]
pub(crate) enum SetRef<'s> {
    Bits(&'s [u64]),
    List(&'s [u32]),
    /// A bitmap as little-endian `u64`s.
    BitBytes(&'s [u8]),
    /// Sorted indexes as little-endian `u32`s.
    ListBytes(&'s [u8]),
}

impl SetRef<'_> {
    fn or_into(self, acc: &mut [u64]) {
        match self {
            SetRef::Bits(bits) => acc.iter_mut().zip(bits).for_each(|(a, b)| *a |= b),
            SetRef::List(list) => list.iter().for_each(|&i| set_bit(acc, i as usize)),
            SetRef::BitBytes(bytes) => acc
                .iter_mut()
                .zip(bytes.chunks_exact(8))
                .for_each(|(a, b)| *a |= u64::from_le_bytes(b.try_into().unwrap_or_default())),
            SetRef::ListBytes(bytes) => bytes.chunks_exact(4).for_each(|b| {
                set_bit(
                    acc,
                    u32::from_le_bytes(b.try_into().unwrap_or_default()) as usize,
                )
            }),
        }
    }

    fn and_into(self, acc: &mut [u64]) {
        match self {
            SetRef::Bits(bits) => acc.iter_mut().zip(bits).for_each(|(a, b)| *a &= b),
            SetRef::BitBytes(bytes) => acc
                .iter_mut()
                .zip(bytes.chunks_exact(8))
                .for_each(|(a, b)| *a &= u64::from_le_bytes(b.try_into().unwrap_or_default())),
            SetRef::List(_) | SetRef::ListBytes(_) => {
                let mut mine = vec![0u64; acc.len()];
                self.or_into(&mut mine);
                acc.iter_mut().zip(&mine).for_each(|(a, b)| *a &= b);
            }
        }
    }

    /// How many events a sparse set holds (`usize::MAX` for a bitmap).
    fn sparse_len(self) -> usize {
        match self {
            SetRef::List(l) => l.len(),
            SetRef::ListBytes(b) => b.len() / 4,
            SetRef::Bits(_) | SetRef::BitBytes(_) => usize::MAX,
        }
    }
}

/// What a query reads of an index: its sets and short fields, wherever they
/// are. `Err` (why) when a stored index turns out to be damaged.
pub(crate) trait Sets: Sync {
    /// How many events the index covers.
    fn len(&self) -> usize;
    /// The events whose short fields use character class `c`.
    fn chars(&self, c: usize) -> Result<Option<SetRef<'_>>, String>;
    /// The events whose short fields hold class pair `p`.
    fn pairs(&self, p: usize) -> Result<Option<SetRef<'_>>, String>;
    /// The same, with whitespace between the two.
    fn across(&self, p: usize) -> Result<Option<SetRef<'_>>, String>;
    /// Adds to `found` the events of every distinct short-field token whose
    /// class mask holds `mask` and that `w` gap-matches.
    fn add_tokens(&self, w: &Word, mask: u64, found: &mut [u64]) -> Result<(), String>;
    /// Adds to `found` the events of every long-text word that starts with
    /// `prefix`.
    fn add_vocabulary(&self, prefix: &str, found: &mut [u64]) -> Result<(), String>;
    /// True when `w` gap-matches a short field of event `i`.
    fn short_matches(&self, w: &Word, i: usize) -> Result<bool, String>;
}

type QuickMap<K, V> = HashMap<K, V, BuildHasherDefault<QuickHasher>>;

/// A distinct short-field token, folded as [`crate::filter::gap_match`] folds.
struct Token {
    text: Box<str>,
    /// Its classes, as a [`class_mask`].
    mask: u64,
    events: Set,
}

/// The index over every event of a timeline.
#[derive(Default)]
pub struct SearchIndex {
    len: usize,
    /// Per character class, the events whose short fields use it.
    chars: Vec<Option<Set>>,
    /// Per pair of classes `a * CLASSES + b`, the events whose short fields
    /// have `b` within `MAX_GAP + 1` places after `a`.
    pairs: Vec<Option<Set>>,
    /// The same, for pairs with whitespace between them.
    across: Vec<Option<Set>>,
    /// Distinct short-field tokens.
    tokens: Vec<Token>,
    /// Lower-case long-text words, sorted, with their events.
    vocabulary: Vec<(Box<str>, Set)>,
    /// Lower-cased short fields, by chunk of events: what matches across
    /// whitespace are checked on.
    short: Vec<ShortChunk>,
    /// A bit per event whose short fields are all ASCII (and so in `short`).
    ascii: Vec<u64>,
}

/// Fields in the buffer are kept apart by more than a gap can skip.
const SEPARATOR: &[u8] = &[0; MAX_GAP + 1];

/// The short-field buffer of one chunk of [`BUILD_CHUNK`] events.
#[derive(Default)]
struct ShortChunk {
    /// Lower-cased short fields of ASCII events, one run per event, fields
    /// apart by [`SEPARATOR`].
    bytes: Box<[u8]>,
    /// Where each event's run starts in `bytes`, plus the end.
    offsets: Box<[u32]>,
}

/// The rows of one chunk of events.
type RowParts<'a> = (
    Vec<&'a mut [u64]>,
    Vec<&'a mut [u64]>,
    Vec<&'a mut [u64]>,
    &'a mut [u64],
);

impl SearchIndex {
    pub fn build(events: &[Event]) -> SearchIndex {
        let n = events.len();
        let words = words_for(n);
        // zeroed rows, of which only the pages written to are ever used
        let new_rows =
            |count: usize| -> Vec<Vec<u64>> { (0..count).map(|_| vec![0u64; words]).collect() };
        let mut chars = new_rows(CLASSES);
        let mut pairs = new_rows(PAIRS);
        let mut across = new_rows(PAIRS);
        let mut ascii = vec![0u64; words];
        let chunk_words = BUILD_CHUNK / 64;
        // each chunk of events gets its own stretch of every row
        let mut ascii_parts = ascii.chunks_mut(chunk_words);
        let mut parts: Vec<RowParts> = (0..n.div_ceil(BUILD_CHUNK))
            .map(|_| {
                let a = ascii_parts.next().unwrap_or_default();
                (Vec::new(), Vec::new(), Vec::new(), a)
            })
            .collect();
        for row in chars.iter_mut() {
            for (c, piece) in row.chunks_mut(chunk_words).enumerate() {
                parts[c].0.push(piece);
            }
        }
        for (row, row_across) in pairs.iter_mut().zip(across.iter_mut()) {
            for (c, piece) in row.chunks_mut(chunk_words).enumerate() {
                parts[c].1.push(piece);
            }
            for (c, piece) in row_across.chunks_mut(chunk_words).enumerate() {
                parts[c].2.push(piece);
            }
        }
        let shorts: Vec<ShortChunk> = parts
            .into_par_iter()
            .enumerate()
            .map(
                |(c, (mut char_rows, mut pair_rows, mut across_rows, ascii_bits))| {
                    let from = c * BUILD_CHUNK;
                    let to = (from + BUILD_CHUNK).min(n);
                    let mut bytes: Vec<u8> = Vec::new();
                    let mut offsets: Vec<u32> = Vec::with_capacity(to - from + 1);
                    // 64 events at a time: their marks, one word per event, are
                    // turned into one word per row
                    for (w, block) in events[from..to].chunks(64).enumerate() {
                        let mut char_cols = [0u64; 64];
                        let mut pair_cols = [[0u64; 64]; PAIR_WORDS];
                        let mut across_cols = [[0u64; 64]; PAIR_WORDS];
                        for (j, e) in block.iter().enumerate() {
                            let mut marks = ClassBits::new();
                            for f in short_fields(e) {
                                if f.is_ascii() {
                                    marks.field(f.bytes().map(ascii_class));
                                } else {
                                    marks.field(f.chars().map(|c| class(fold(c))));
                                }
                            }
                            char_cols[j] = marks.chars;
                            for (col, &bits) in pair_cols.iter_mut().zip(&marks.pairs) {
                                col[j] = bits;
                            }
                            for (col, &bits) in across_cols.iter_mut().zip(&marks.across) {
                                col[j] = bits;
                            }
                            offsets.push(u32::try_from(bytes.len()).unwrap_or(u32::MAX));
                            if short_fields(e).all(str::is_ascii) {
                                ascii_bits[w] |= 1 << j;
                                for f in short_fields(e) {
                                    bytes.extend(f.bytes().map(|b| b.to_ascii_lowercase()));
                                    bytes.extend_from_slice(SEPARATOR);
                                }
                            }
                        }
                        transpose64(&mut char_cols);
                        for (row, &bits) in char_rows.iter_mut().zip(&char_cols) {
                            row[w] = bits;
                        }
                        for (cols, rows) in [
                            (&mut pair_cols, &mut pair_rows),
                            (&mut across_cols, &mut across_rows),
                        ] {
                            for (k, col) in cols.iter_mut().enumerate() {
                                if col.iter().all(|&x| x == 0) {
                                    continue;
                                }
                                transpose64(col);
                                for (j, &bits) in col.iter().enumerate() {
                                    // rows no event uses stay unwritten
                                    if bits != 0 {
                                        if let Some(row) = rows.get_mut(k * 64 + j) {
                                            row[w] = bits;
                                        }
                                    }
                                }
                            }
                        }
                    }
                    if u32::try_from(bytes.len()).is_err() {
                        // too large to point into: checked on their fields
                        ascii_bits.iter_mut().for_each(|w| *w = 0);
                        return ShortChunk::default();
                    }
                    offsets.push(bytes.len() as u32);
                    ShortChunk {
                        bytes: bytes.into_boxed_slice(),
                        offsets: offsets.into_boxed_slice(),
                    }
                },
            )
            .collect();
        let sets = |rows: Vec<Vec<u64>>| -> Vec<Option<Set>> {
            rows.into_par_iter().map(|r| Set::from_bits(r, n)).collect()
        };
        // the rows first, so that the vocabularies reuse what sparse rows
        // give back
        let (chars, pairs, across) = (sets(chars), sets(pairs), sets(across));
        let tokens = vocabulary(events, short_tokens)
            .into_iter()
            .map(|(text, events)| Token {
                mask: class_mask(text.chars()),
                text,
                events,
            })
            .collect();
        SearchIndex {
            len: n,
            chars,
            pairs,
            across,
            tokens,
            vocabulary: vocabulary(events, long_words),
            short: shorts,
            ascii,
        }
    }

    /// Bytes of the lower-cased short fields of event `i`, when it has them.
    fn short_of(&self, i: usize) -> Option<&[u8]> {
        if self
            .ascii
            .get(i / 64)
            .is_none_or(|w| w & (1 << (i % 64)) == 0)
        {
            return None;
        }
        let chunk = self.short.get(i / BUILD_CHUNK)?;
        let k = i % BUILD_CHUNK;
        let a = *chunk.offsets.get(k)? as usize;
        let b = *chunk.offsets.get(k + 1)? as usize;
        chunk.bytes.get(a..b)
    }

    /// The vocabulary's run of words that start with `prefix`.
    fn vocabulary_run(&self, prefix: &str) -> &[(Box<str>, Set)] {
        let lo = self
            .vocabulary
            .partition_point(|(w, _)| w.as_bytes() < prefix.as_bytes());
        let rest = &self.vocabulary[lo..];
        let len = rest.partition_point(|(w, _)| w.starts_with(prefix));
        &rest[..len]
    }

    /// The events among `candidates` (every event when `None`, else sorted
    /// indexes) that `query` matches, in order. `events` are those the index
    /// was built on.
    pub fn select(
        &self,
        query: &Query,
        events: &[Event],
        candidates: Option<&[usize]>,
    ) -> Vec<usize> {
        let small = candidates.is_some_and(|l| l.len() <= ONE_BY_ONE);
        if events.len() != self.len || small {
            return scan(query, events, candidates);
        }
        let within = candidates.map(|list| {
            let mut acc = vec![0u64; words_for(self.len)];
            list.iter().for_each(|&i| set_bit(&mut acc, i));
            acc
        });
        let built = Built {
            index: self,
            events,
        };
        // a built index cannot be damaged; were it to fail, the scan answers
        select_with(&built, query, within).unwrap_or_else(|_| scan(query, events, candidates))
    }

    /// The keys of the entries that store this index in a file (see
    /// [`stored`]), in key order (the order a file is written in).
    pub fn stored_keys(&self) -> Vec<stored::Key> {
        stored::keys(self)
    }

    /// Writes the entry under `key` (one of [`SearchIndex::stored_keys`])
    /// into `out`.
    pub fn write_stored_entry(
        &self,
        key: &stored::Key,
        out: &mut dyn std::io::Write,
    ) -> std::io::Result<()> {
        stored::write_entry(self, key, out)
    }

    /// Lets go of what no entry made after the one under `key` needs, when
    /// they are made in the order of [`SearchIndex::stored_keys`]: the index
    /// then answers no more queries.
    pub fn release_stored(&mut self, key: &stored::Key) {
        stored::release(self, key);
    }

    /// Every entry that stores this index, with its bytes. Each part of the
    /// index is let go once its entry is made: the two together would take
    /// twice the memory.
    pub fn into_stored_entries(mut self) -> std::io::Result<Vec<(stored::Key, Vec<u8>)>> {
        let keys = self.stored_keys();
        let mut out = Vec::with_capacity(keys.len());
        for k in keys {
            let mut bytes = Vec::new();
            self.write_stored_entry(&k, &mut bytes)?;
            self.release_stored(&k);
            out.push((k, bytes));
        }
        Ok(out)
    }
}

/// A built index with the events it was built on.
struct Built<'a> {
    index: &'a SearchIndex,
    events: &'a [Event],
}

impl Sets for Built<'_> {
    fn len(&self) -> usize {
        self.index.len
    }

    fn chars(&self, c: usize) -> Result<Option<SetRef<'_>>, String> {
        Ok(self
            .index
            .chars
            .get(c)
            .and_then(Option::as_ref)
            .map(Set::as_ref))
    }

    fn pairs(&self, p: usize) -> Result<Option<SetRef<'_>>, String> {
        Ok(self
            .index
            .pairs
            .get(p)
            .and_then(Option::as_ref)
            .map(Set::as_ref))
    }

    fn across(&self, p: usize) -> Result<Option<SetRef<'_>>, String> {
        Ok(self
            .index
            .across
            .get(p)
            .and_then(Option::as_ref)
            .map(Set::as_ref))
    }

    fn add_tokens(&self, w: &Word, mask: u64, found: &mut [u64]) -> Result<(), String> {
        for t in &self.index.tokens {
            if mask & !t.mask == 0 && token_matches(&t.text, w) {
                t.events.as_ref().or_into(found);
            }
        }
        Ok(())
    }

    fn add_vocabulary(&self, prefix: &str, found: &mut [u64]) -> Result<(), String> {
        for (_, s) in self.index.vocabulary_run(prefix) {
            s.as_ref().or_into(found);
        }
        Ok(())
    }

    fn short_matches(&self, w: &Word, i: usize) -> Result<bool, String> {
        Ok(match self.index.short_of(i) {
            // (a NUL in the word would match the separators)
            Some(run) if w.ascii && !w.text.contains('\0') => {
                gap_match_ascii_in(run, w.text.as_bytes(), true)
            }
            _ => self
                .events
                .get(i)
                .is_some_and(|e| short_fields(e).any(|f| w.gap_matches(f))),
        })
    }
}

/// True when the pair sets alone answer for the word's short fields.
fn exact(w: &Word) -> bool {
    w.chars.len() <= 2 && w.chars.iter().all(|c| c.is_ascii_alphanumeric())
}

/// The slots of the class pairs of a word, without repeats (`None` when a
/// character has no class, so that no short field can match).
fn pair_slots(w: &Word) -> Option<Vec<usize>> {
    let classes: Vec<usize> = w.chars.iter().map(|&c| class(c)).collect::<Option<_>>()?;
    let mut slots: Vec<usize> = classes.windows(2).map(|p| p[0] * CLASSES + p[1]).collect();
    slots.sort_unstable();
    slots.dedup();
    Some(slots)
}

/// The events whose short fields hold the word's classes and class pairs (a
/// superset of those it matches; exactly those for an [`exact`] word).
fn pair_candidates<S: Sets>(index: &S, w: &Word, words: usize) -> Result<Vec<u64>, String> {
    let mut out = vec![0u64; words];
    let Some(slots) = pair_slots(w) else {
        return Ok(out);
    };
    let mut sets: Vec<SetRef> = Vec::new();
    for c in w.chars.iter().filter_map(|&c| class(c)) {
        match index.chars(c)? {
            Some(s) => sets.push(s),
            None => return Ok(out),
        }
    }
    for &p in &slots {
        match index.pairs(p)? {
            Some(s) => sets.push(s),
            None => return Ok(out),
        }
    }
    // the smallest first
    sets.sort_by_key(|s| s.sparse_len());
    let mut it = sets.into_iter();
    if let Some(first) = it.next() {
        first.or_into(&mut out);
    }
    for s in it {
        s.and_into(&mut out);
    }
    Ok(out)
}

/// The events (within `within`) that `w` matches, as a bitmap.
fn word_events<S: Sets>(index: &S, w: &Word, within: &[u64]) -> Result<Vec<u64>, String> {
    let words = within.len();
    let mut found = vec![0u64; words];
    index.add_vocabulary(&w.text, &mut found)?;
    if exact(w) {
        let short = pair_candidates(index, w, words)?;
        found.iter_mut().zip(&short).for_each(|(f, s)| *f |= s);
        return Ok(found);
    }
    // matches inside one token
    index.add_tokens(w, class_mask(w.chars.iter().copied()), &mut found)?;
    // matches across whitespace: where a pair straddles it and all pairs
    // are there
    let Some(slots) = pair_slots(w) else {
        return Ok(found);
    };
    let mut straddle = vec![0u64; words];
    for &p in &slots {
        if let Some(s) = index.across(p)? {
            s.or_into(&mut straddle);
        }
    }
    if straddle.iter().all(|&x| x == 0) {
        return Ok(found);
    }
    let short = pair_candidates(index, w, words)?;
    let mut check = straddle;
    for (((c, s), f), w) in check.iter_mut().zip(&short).zip(&found).zip(within) {
        *c &= s & !f & w;
    }
    let confirmed: Vec<usize> = if check.len() > 2 * SELECT_CHUNK_WORDS {
        check
            .par_chunks(SELECT_CHUNK_WORDS)
            .enumerate()
            .map(|(c, part)| {
                let mut out = Vec::new();
                for i in ones(part).map(|i| c * SELECT_CHUNK_WORDS * 64 + i) {
                    if index.short_matches(w, i)? {
                        out.push(i);
                    }
                }
                Ok(out)
            })
            .collect::<Result<Vec<_>, String>>()?
            .concat()
    } else {
        let mut out = Vec::new();
        for i in ones(&check) {
            if index.short_matches(w, i)? {
                out.push(i);
            }
        }
        out
    };
    for i in confirmed {
        set_bit(&mut found, i);
    }
    Ok(found)
}

/// The events of `index` (among those of `within`, a bitmap; every event
/// when `None`) that `query` matches, in order.
pub(crate) fn select_with<S: Sets>(
    index: &S,
    query: &Query,
    within: Option<Vec<u64>>,
) -> Result<Vec<usize>, String> {
    let n = index.len();
    let words = words_for(n);
    let mut acc = within.unwrap_or_else(|| {
        let mut acc = vec![u64::MAX; words];
        if n % 64 != 0 {
            if let Some(last) = acc.last_mut() {
                *last = (1u64 << (n % 64)) - 1;
            }
        }
        acc
    });
    // longer words first: they narrow most, so later ones check fewer
    let mut order: Vec<&Word> = query.words.iter().collect();
    order.sort_by_key(|w| std::cmp::Reverse(w.chars.len()));
    for w in order {
        let found = word_events(index, w, &acc)?;
        acc.iter_mut().zip(&found).for_each(|(a, f)| *a &= f);
    }
    Ok(if acc.len() > 2 * SELECT_CHUNK_WORDS {
        acc.par_chunks(SELECT_CHUNK_WORDS)
            .enumerate()
            .map(|(c, part)| {
                ones(part)
                    .map(|i| c * SELECT_CHUNK_WORDS * 64 + i)
                    .collect::<Vec<_>>()
            })
            .collect::<Vec<_>>()
            .concat()
    } else {
        ones(&acc).collect()
    })
}

/// True when `w` gap-matches the token `text`.
fn token_matches(text: &str, w: &Word) -> bool {
    match (text.is_ascii(), w.ascii) {
        (true, true) => gap_match_ascii_in(text.as_bytes(), w.text.as_bytes(), true),
        (true, false) => false,
        _ => crate::filter::gap_match(text, &w.chars),
    }
}

/// The events among `candidates` (every event when `None`) that `query`
/// matches, in order, found by reading each event: what a single query (the
/// command line's) costs without building an index.
pub fn scan(query: &Query, events: &[Event], candidates: Option<&[usize]>) -> Vec<usize> {
    const PART: usize = 4096;
    let test = |i: usize| events.get(i).is_some_and(|e| query.matches(e));
    match candidates {
        Some(list) if list.len() > 2 * PART => list
            .par_chunks(PART)
            .map(|part| {
                part.iter()
                    .copied()
                    .filter(|&i| test(i))
                    .collect::<Vec<_>>()
            })
            .collect::<Vec<_>>()
            .concat(),
        Some(list) => list.iter().copied().filter(|&i| test(i)).collect(),
        None if events.len() > 2 * PART => (0..events.len().div_ceil(PART))
            .into_par_iter()
            .map(|c| {
                (c * PART..((c + 1) * PART).min(events.len()))
                    .filter(|&i| test(i))
                    .collect::<Vec<_>>()
            })
            .collect::<Vec<_>>()
            .concat(),
        None => (0..events.len()).filter(|&i| test(i)).collect(),
    }
}

/// Calls `add` with each token of the event's short fields: split at
/// whitespace, each character folded as [`crate::filter::gap_match`] folds it.
fn short_tokens(e: &Event, buf: &mut String, add: &mut dyn FnMut(&str)) {
    for f in short_fields(e) {
        for t in f.split(char::is_whitespace).filter(|t| !t.is_empty()) {
            buf.clear();
            if t.is_ascii() {
                buf.extend(t.bytes().map(|b| b.to_ascii_lowercase() as char));
            } else {
                buf.extend(t.chars().map(fold));
            }
            add(buf);
        }
    }
}

/// Calls `add` with each word of the event's long texts, folded, as
/// [`crate::filter::has_word_prefix`] compares them.
fn long_words(e: &Event, buf: &mut String, add: &mut dyn FnMut(&str)) {
    for t in long_texts(e) {
        if t.is_ascii() {
            let parts = t
                .as_bytes()
                .split(|&b| !(b.is_ascii_alphanumeric() || b == b'-'));
            for w in parts.filter(|w| !w.is_empty()) {
                buf.clear();
                buf.extend(w.iter().map(|&b| b.to_ascii_lowercase() as char));
                add(buf);
            }
        } else {
            for w in words_of(t) {
                buf.clear();
                if w.is_ascii() {
                    buf.extend(w.chars().map(|c| c.to_ascii_lowercase()));
                } else {
                    buf.extend(w.chars().map(fold));
                }
                add(buf);
            }
        }
    }
}

/// A word's event set while a vocabulary is being built.
enum Growing {
    List(Vec<u32>),
    Bits(Vec<u64>),
}

type Tokenizer = fn(&Event, &mut String, &mut dyn FnMut(&str));

/// The distinct words `tokenize` gives for the events, sorted, with their
/// events.
fn vocabulary(events: &[Event], tokenize: Tokenizer) -> Vec<(Box<str>, Set)> {
    let n = events.len();
    let words = words_for(n);
    let mut all: QuickMap<Box<str>, Growing> = QuickMap::default();
    // chunks in waves, so that the lists of only a few are held at once
    let wave = rayon::current_num_threads().max(1) * 2;
    let chunk_starts: Vec<usize> = (0..n).step_by(BUILD_CHUNK).collect();
    for starts in chunk_starts.chunks(wave) {
        let locals: Vec<QuickMap<Box<str>, Vec<u32>>> = starts
            .par_iter()
            .map(|&from| {
                let to = (from + BUILD_CHUNK).min(n);
                let mut map: QuickMap<Box<str>, Vec<u32>> = QuickMap::default();
                let mut buf = String::new();
                for (i, e) in events[from..to].iter().enumerate() {
                    let i = (from + i) as u32;
                    tokenize(e, &mut buf, &mut |word: &str| match map.get_mut(word) {
                        Some(list) => {
                            if list.last() != Some(&i) {
                                list.push(i);
                            }
                        }
                        None => {
                            map.insert(word.into(), vec![i]);
                        }
                    });
                }
                map
            })
            .collect();
        for local in locals {
            for (word, list) in local {
                let entry = all.entry(word).or_insert_with(|| Growing::List(Vec::new()));
                if let Growing::List(l) = entry {
                    if (l.len() + list.len()) * 32 >= n {
                        let mut bits = vec![0u64; words];
                        l.iter().for_each(|&i| set_bit(&mut bits, i as usize));
                        *entry = Growing::Bits(bits);
                    }
                }
                match entry {
                    Growing::List(l) => l.extend_from_slice(&list),
                    Growing::Bits(bits) => list.iter().for_each(|&i| set_bit(bits, i as usize)),
                }
            }
        }
    }
    let mut out: Vec<(Box<str>, Set)> = all
        .into_iter()
        .map(|(w, g)| {
            let set = match g {
                Growing::List(l) => Set::Sparse(l.into_boxed_slice()),
                Growing::Bits(b) => Set::Dense(b.into_boxed_slice()),
            };
            (w, set)
        })
        .collect();
    out.par_sort_unstable_by(|a, b| a.0.cmp(&b.0));
    out
}

pub mod stored;

#[cfg(test)]
mod tests;
