//! The search index: what makes a text query quick over a million events.
//!
//! Each event gets a small signature (which letters its short fields use, which
//! first letters and first letter pairs its long text's words have) that rules
//! most events out without touching their text, and the short fields of ASCII
//! events are copied, lower case, into one contiguous buffer so that the rest
//! are matched without chasing pointers. The answers are exactly those of
//! [`Query::matches`]; the index only makes them cheaper.

use rayon::prelude::*;

use crate::filter::{
    MAX_GAP, Query, Word, bigram_slot, char_mask, first_bit, has_word_prefix, long_texts,
    short_fields, words_of,
};
use crate::model::Event;

/// Fields in the buffer are kept apart by more than a gap can skip.
const SEPARATOR: &[u8] = &[0; MAX_GAP + 1];

#[derive(Debug, Clone, Copy, Default)]
struct Signature {
    /// Letters and digits of the short fields (see [`char_mask`]).
    short: u64,
    /// First letters of the words of the long text.
    long_first: u64,
    /// First two letters of the words of the long text, hashed to 256 bits.
    long_bigram: [u64; 4],
}

/// Signatures and lower-cased short fields of every event of a timeline.
#[derive(Default)]
pub struct SearchIndex {
    signatures: Vec<Signature>,
    /// Lower-cased short fields of ASCII events, one run per event.
    short: Vec<u8>,
    /// Where each event's run starts in `short`, plus the end: event `i`
    /// has `short[off[i]..off[i + 1]]`.
    short_off: Vec<u32>,
    /// False for an event whose short fields are not all ASCII: it is matched
    /// from the event itself.
    ascii: Vec<bool>,
}

fn signature(e: &Event) -> Signature {
    let mut sig = Signature::default();
    for f in short_fields(e) {
        sig.short |= char_mask(f);
    }
    for t in long_texts(e) {
        for w in words_of(t) {
            let mut it = w.chars();
            if let Some(a) = it.next() {
                sig.long_first |= first_bit(a);
                if let Some(b) = it.next() {
                    let slot = bigram_slot(a, b);
                    sig.long_bigram[(slot >> 6) as usize] |= 1 << (slot & 63);
                }
            }
        }
    }
    sig
}

fn short_run(e: &Event) -> Option<Vec<u8>> {
    if !short_fields(e).all(str::is_ascii) {
        return None;
    }
    let mut run = Vec::new();
    for f in short_fields(e) {
        run.extend(f.bytes().map(|b| b.to_ascii_lowercase()));
        run.extend_from_slice(SEPARATOR);
    }
    Some(run)
}

impl SearchIndex {
    pub fn build(events: &[Event]) -> SearchIndex {
        let signatures: Vec<Signature> = events.par_iter().map(signature).collect();
        let runs: Vec<Option<Vec<u8>>> = events.par_iter().map(short_run).collect();
        let total: usize = runs.iter().flatten().map(Vec::len).sum();
        if total >= u32::MAX as usize {
            // too large for the buffer: match every event from its fields
            return SearchIndex {
                signatures,
                short: Vec::new(),
                short_off: Vec::new(),
                ascii: Vec::new(),
            };
        }
        let mut short = Vec::with_capacity(total);
        let mut short_off = Vec::with_capacity(events.len() + 1);
        let mut ascii = Vec::with_capacity(events.len());
        for run in runs {
            short_off.push(short.len() as u32);
            ascii.push(run.is_some());
            short.extend_from_slice(run.as_deref().unwrap_or(&[]));
        }
        short_off.push(short.len() as u32);
        SearchIndex {
            signatures,
            short,
            short_off,
            ascii,
        }
    }

    /// Bytes of the lower-cased short fields of event `i`, when it has them.
    fn short_of(&self, i: usize) -> Option<&[u8]> {
        if !*self.ascii.get(i)? {
            return None;
        }
        let (a, b) = (self.short_off[i] as usize, self.short_off[i + 1] as usize);
        self.short.get(a..b)
    }

    /// [`Query::matches`] for event `i` of the timeline the index was built on.
    pub fn matches(&self, query: &Query, i: usize, e: &Event) -> bool {
        let Some(sig) = self.signatures.get(i) else {
            return query.matches(e);
        };
        query.words.iter().all(|w| self.word_matches(w, sig, i, e))
    }

    fn word_matches(&self, w: &Word, sig: &Signature, i: usize, e: &Event) -> bool {
        if w.mask & !sig.short == 0 {
            let ascii_word = w.text.is_ascii();
            let single_alnum = w.chars.len() == 1 && w.mask != 1 << 63;
            match self.short_of(i) {
                // one letter or digit: its presence is the whole test
                Some(_) if single_alnum && ascii_word => return true,
                Some(run) if ascii_word => {
                    if gap_match_bytes(run, w.text.as_bytes()) {
                        return true;
                    }
                }
                _ => {
                    if short_fields(e).any(|f| crate::filter::gap_match(f, &w.chars)) {
                        return true;
                    }
                }
            }
        }
        let first_ok = sig.long_first & w.first == w.first;
        let bigram_ok = w
            .bigram
            .is_none_or(|s| sig.long_bigram[(s >> 6) as usize] & (1 << (s & 63)) != 0);
        first_ok && bigram_ok && long_texts(e).any(|t| has_word_prefix(t, &w.text))
    }
}

/// [`crate::filter::gap_match`] on lower-case ASCII bytes.
fn gap_match_bytes(hay: &[u8], word: &[u8]) -> bool {
    let Some((&first, rest)) = word.split_first() else {
        return false;
    };
    let mut from = 0;
    while let Some(p) = memchr::memchr(first, &hay[from..]) {
        let at = from + p;
        if follow(hay, at, rest) {
            return true;
        }
        from = at + 1;
    }
    false
}

fn follow(hay: &[u8], at: usize, rest: &[u8]) -> bool {
    let Some((&next, more)) = rest.split_first() else {
        return true;
    };
    let end = (at + 2 + MAX_GAP).min(hay.len());
    (at + 1..end).any(|q| hay[q] == next && follow(hay, q, more))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Origin;

    fn ev(title: &str, summary: &str) -> Event {
        Event {
            id: title.into(),
            date: "2016".parse().unwrap(),
            end: None,
            title: title.into(),
            summary: summary.into(),
            countries: vec![],
            actors: vec!["Mevlüt Çavuşoğlu".into()],
            tags: vec!["s-400".into()],
            aliases: vec![],
            origin: Origin::Curated,
            sources: vec![],
        }
    }

    #[test]
    fn the_index_answers_as_the_query_does() {
        let events = vec![
            ev("Coup attempt in Turkey", "Soldiers took bridges."),
            ev("Council of our European partners", "countries of the union"),
            ev(
                "Turkey signs the S-400 deal",
                "The purchase angered Washington.",
            ),
            ev("Talks in Astana", "Gas and grain were discussed."),
        ];
        let index = SearchIndex::build(&events);
        for q in [
            "coup",
            "c",
            "s400",
            "s-400",
            "gas",
            "gra",
            "çavuş",
            "cavus",
            "wash",
            "zz",
            "turkey deal",
            "-",
            "ü",
            "tky",
        ] {
            let query = Query::parse(q);
            for (i, e) in events.iter().enumerate() {
                assert_eq!(
                    index.matches(&query, i, e),
                    query.matches(e),
                    "{q} on {}",
                    e.title
                );
            }
        }
    }

    #[test]
    fn byte_matching_respects_gaps_and_separators() {
        assert!(gap_match_bytes(b"s-400 deal", b"s400"));
        assert!(!gap_match_bytes(b"council of our", b"coup"));
        let mut two = b"ab".to_vec();
        two.extend_from_slice(SEPARATOR);
        two.extend_from_slice(b"cd");
        assert!(!gap_match_bytes(&two, b"bc"));
    }
}
