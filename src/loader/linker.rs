//! Finding the catalog's aliases in sentences.

use std::collections::HashSet;

use aho_corasick::{AhoCorasick, MatchKind};

use crate::model::Event;
use crate::text::{Normalized, at_word_bounds, inflection_len, normalize_for_matching};

/// Finds catalog aliases in sentences.
pub struct Linker {
    matcher: Option<AhoCorasick>,
    pattern_event: Vec<usize>,
}

impl Linker {
    pub fn new(events: &[Event]) -> Linker {
        let mut pats = Vec::new();
        let mut pattern_event = Vec::new();
        for (i, e) in events.iter().enumerate() {
            // events found in articles (a catalog may carry them) are not
            // link targets: articles add to the curated catalog only
            if e.is_extracted() {
                continue;
            }
            for a in &e.aliases {
                let a = a.trim();
                if a.len() >= 2 {
                    pats.push(normalize_for_matching(a).0);
                    pattern_event.push(i);
                }
            }
        }
        let matcher = AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::Standard)
            .build(&pats)
            .ok();
        Linker {
            matcher,
            pattern_event,
        }
    }

    /// Catalog events whose aliases occur in `text` as whole words (plural and
    /// possessive endings allowed): event index and the alias span.
    pub fn find(&self, text: &str) -> Vec<(usize, std::ops::Range<usize>)> {
        let mut out: Vec<(usize, std::ops::Range<usize>)> = Vec::new();
        let Some(m) = &self.matcher else {
            return out;
        };
        let normalized = Normalized::of(text);
        let norm = normalized.as_str();
        let mut seen = HashSet::new();
        for hit in m.find_overlapping_iter(norm) {
            let end = hit.end() + inflection_len(&norm[hit.end()..]);
            if at_word_bounds(norm, hit.start(), end) {
                let ev = self.pattern_event[hit.pattern().as_usize()];
                if seen.insert(ev) {
                    let at = normalized.source_offset(hit.start());
                    out.push((ev, at..normalized.source_offset(hit.end())));
                }
            }
        }
        out
    }
}
