//! Filters over the timeline: countries, tags, a date range, extracted events,
//! and the text query. The command line and the explorer share this code.

use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;

use crate::model::{DateValue, Event};

/// What the user asked to see.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filter {
    /// Country codes; an event matches any of them (all of them when
    /// `all_countries`).
    pub countries: Vec<String>,
    pub all_countries: bool,
    pub tags: Vec<String>,
    pub all_tags: bool,
    /// Events whose span overlaps the range from the start of `from` to the end
    /// of `to`.
    pub from: Option<DateValue>,
    pub to: Option<DateValue>,
    pub query: String,
    /// Hide events found in articles, keeping the curated catalog's.
    pub curated_only: bool,
}

impl Filter {
    pub fn is_empty(&self) -> bool {
        self.countries.is_empty()
            && self.tags.is_empty()
            && self.from.is_none()
            && self.to.is_none()
            && self.query.trim().is_empty()
            && !self.curated_only
    }

    /// Everything but the text query.
    pub fn keeps_structured(&self, e: &Event) -> bool {
        if self.curated_only && e.is_extracted() {
            return false;
        }
        if !self.countries.is_empty() {
            let has = |c: &String| e.countries.contains(c);
            let ok = if self.all_countries {
                self.countries.iter().all(has)
            } else {
                self.countries.iter().any(has)
            };
            if !ok {
                return false;
            }
        }
        if !self.tags.is_empty() {
            let has = |t: &String| e.tags.contains(t);
            let ok = if self.all_tags {
                self.tags.iter().all(has)
            } else {
                self.tags.iter().any(has)
            };
            if !ok {
                return false;
            }
        }
        if let Some(from) = self.from {
            if e.span_end() <= from.start() {
                return false;
            }
        }
        if let Some(to) = self.to {
            if e.span_start() >= to.end() {
                return false;
            }
        }
        true
    }

    /// The active filters in words, or "no filters".
    pub fn describe(&self) -> String {
        let mut parts = Vec::new();
        if !self.countries.is_empty() {
            let join = if self.all_countries { " and " } else { " or " };
            parts.push(format!(
                "countries {}",
                crate::text::one_line(&self.countries.join(join))
            ));
        }
        if !self.tags.is_empty() {
            let join = if self.all_tags { " and " } else { " or " };
            parts.push(format!(
                "tags {}",
                crate::text::one_line(&self.tags.join(join))
            ));
        }
        match (self.from, self.to) {
            (Some(a), Some(b)) => parts.push(format!("from {a} to {b}")),
            (Some(a), None) => parts.push(format!("from {a}")),
            (None, Some(b)) => parts.push(format!("up to {b}")),
            (None, None) => {}
        }
        if !self.query.trim().is_empty() {
            parts.push(format!(
                "matching “{}”",
                crate::text::one_line(self.query.trim())
            ));
        }
        if self.curated_only {
            parts.push("curated only".into());
        }
        if parts.is_empty() {
            "no filters".into()
        } else {
            parts.join("; ")
        }
    }
}

/// A text query: words matched separately, all of which must match.
///
/// Short fields (title, actors, aliases, tags) match the way fuzzy-matcher's
/// skim matcher does, letters in order with gaps allowed, but with short gaps
/// only (see [`MAX_GAP`]), so that `coup` does not match letters scattered
/// across a long title.
/// Long text (the summary and quoted sentences) matches by word or word prefix.
pub struct Query {
    pub(crate) words: Vec<Word>,
    matcher: SkimMatcherV2,
}

pub(crate) struct Word {
    pub(crate) text: String,
    pub(crate) chars: Vec<char>,
    /// Letters and digits the word needs, as a [`char_mask`].
    pub(crate) mask: u64,
    /// The word's first letter, as a [`char_mask`] bit.
    pub(crate) first: u64,
    /// The word's first two letters, hashed to a bit of 256.
    pub(crate) bigram: Option<u8>,
}

/// A 64-bit set of the ASCII letters and digits in `s`, case folded; any other
/// character sets bit 63.
pub fn char_mask(s: &str) -> u64 {
    s.chars().fold(0, |m, c| m | char_bit(c))
}

fn char_bit(c: char) -> u64 {
    match c.to_ascii_lowercase() {
        c @ 'a'..='z' => 1 << (c as u32 - 'a' as u32),
        c @ '0'..='9' => 1 << (26 + c as u32 - '0' as u32),
        _ if c.is_whitespace() => 0,
        _ => 1 << 63,
    }
}

pub(crate) fn first_bit(c: char) -> u64 {
    char_bit(c)
}

/// The first two letters of a word, case folded, hashed to 0..256.
pub(crate) fn bigram_slot(a: char, b: char) -> u8 {
    let h = (fold(a) as u64).wrapping_mul(31) ^ (fold(b) as u64);
    (h.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 56) as u8
}

pub(crate) fn short_fields(e: &Event) -> impl Iterator<Item = &str> {
    std::iter::once(e.title.as_str())
        .chain(e.actors.iter().map(String::as_str))
        .chain(e.aliases.iter().map(String::as_str))
        .chain(e.tags.iter().map(String::as_str))
}

pub(crate) fn long_texts(e: &Event) -> impl Iterator<Item = &str> {
    std::iter::once(e.summary.as_str()).chain(e.sources.iter().map(|s| s.sentence.as_str()))
}

pub(crate) fn words_of(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !c.is_alphanumeric() && c != '-')
        .filter(|w| !w.is_empty())
}

/// Words of a query past this many are ignored: nobody types so many, and
/// each word is matched against every event.
pub const MAX_QUERY_WORDS: usize = 64;

/// The most cells the fuzzy matcher's score table may have; past that it
/// matches greedily, so that a long field (a title of a megabyte) costs time
/// and memory in proportion to its length rather than to length times query.
const MATCHER_CELLS: usize = 1 << 20;

/// Highlighting a word keeps, for each of its letters, a step back for each
/// character of the text: past this many steps a word is not highlighted
/// (it still matches), so that a long word on a long text cannot take the
/// memory. Screens show far shorter text.
const HIGHLIGHT_CELLS: usize = 1 << 24;

impl Query {
    /// The words of `s`, each once (a word repeated asks nothing more), up to
    /// [`MAX_QUERY_WORDS`].
    pub fn parse(s: &str) -> Query {
        let mut texts: Vec<String> = Vec::new();
        for w in s.split_whitespace().map(str::to_lowercase) {
            if texts.len() == MAX_QUERY_WORDS {
                break;
            }
            if !texts.contains(&w) {
                texts.push(w);
            }
        }
        let words = texts
            .into_iter()
            .map(|text| {
                let chars: Vec<char> = text.chars().collect();
                let first = chars.first().map_or(0, |&c| first_bit(c));
                let bigram = match (chars.first(), chars.get(1)) {
                    (Some(&a), Some(&b)) => Some(bigram_slot(a, b)),
                    _ => None,
                };
                Word {
                    mask: char_mask(&text),
                    text,
                    chars,
                    first,
                    bigram,
                }
            })
            .collect();
        Query {
            words,
            matcher: SkimMatcherV2::default()
                .ignore_case()
                .element_limit(MATCHER_CELLS),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    /// The query's words, lower case.
    pub fn words(&self) -> impl Iterator<Item = &str> {
        self.words.iter().map(|w| w.text.as_str())
    }

    /// True when `w` matches one of the event's short fields or a word of its
    /// long text.
    pub(crate) fn word_matches(&self, e: &Event, w: &Word) -> bool {
        short_fields(e).any(|f| gap_match(f, &w.chars))
            || long_texts(e).any(|t| has_word_prefix(t, &w.text))
    }

    pub fn matches(&self, e: &Event) -> bool {
        self.words.iter().all(|w| self.word_matches(e, w))
    }

    /// Char positions in `text` to highlight for this query: where the skim
    /// matcher aligns each word, when that alignment keeps gaps short, else
    /// the positions that make the word match.
    pub fn highlights(&self, text: &str) -> Vec<usize> {
        let mut out: Vec<usize> = Vec::new();
        let len = text.chars().count();
        for w in &self.words {
            if w.chars.len().saturating_mul(len) > HIGHLIGHT_CELLS {
                continue;
            }
            let Some(compact) = compact_match(text, &w.chars) else {
                continue;
            };
            let skim = self
                .matcher
                .fuzzy_indices(text, &w.text)
                .map(|(_, idx)| idx)
                .filter(|idx| idx.windows(2).all(|p| p[1] - p[0] <= MAX_GAP + 1));
            out.extend(skim.unwrap_or(compact));
        }
        out.sort_unstable();
        out.dedup();
        out
    }
}

/// How many characters may be skipped between two letters of a query word.
pub const MAX_GAP: usize = 2;

pub(crate) fn fold(c: char) -> char {
    if c.is_ascii() {
        c.to_ascii_lowercase()
    } else {
        c.to_lowercase().next().unwrap_or(c)
    }
}

/// True when `word` (lower case) occurs in `field` as a subsequence, ignoring
/// case, with at most [`MAX_GAP`] characters skipped between consecutive
/// letters. A word that matches a field this way still matches when a letter
/// is taken off its end, so narrowing a result as the user types is exact.
pub fn gap_match(field: &str, word: &[char]) -> bool {
    gap_positions(field, word, false).is_some()
}

/// The char positions of a [`gap_match`] (the earliest-ending one).
pub fn compact_match(field: &str, word: &[char]) -> Option<Vec<usize>> {
    gap_positions(field, word, true)
}

fn gap_positions(field: &str, word: &[char], want_positions: bool) -> Option<Vec<usize>> {
    let n = word.len();
    if n == 0 {
        return None;
    }
    // reach[k] = for the letter being placed, the position of the previous
    // letter that reaches field char k (usize::MAX when none does)
    const NONE: usize = usize::MAX;
    let chars: Vec<char> = if field.is_ascii() {
        field
            .bytes()
            .map(|b| b.to_ascii_lowercase() as char)
            .collect()
    } else {
        field.chars().map(fold).collect()
    };
    let len = chars.len();
    let mut prev: Vec<usize> = (0..len)
        .map(|k| if chars[k] == word[0] { k } else { NONE })
        .collect();
    let mut parents: Vec<Vec<usize>> = Vec::new();
    for &wc in &word[1..] {
        let mut cur = vec![NONE; len];
        let mut any = false;
        for k in 1..len {
            if chars[k] != wc {
                continue;
            }
            let lo = k.saturating_sub(MAX_GAP + 1);
            if let Some(p) = (lo..k).rev().find(|&p| prev[p] != NONE) {
                cur[k] = p;
                any = true;
            }
        }
        if !any {
            return None;
        }
        if want_positions {
            parents.push(std::mem::replace(&mut prev, cur));
        } else {
            prev = cur;
        }
    }
    let end = (0..len).find(|&k| prev[k] != NONE)?;
    if !want_positions {
        return Some(Vec::new());
    }
    let mut pos = vec![end];
    let mut k = end;
    let mut level = prev;
    for p in parents.into_iter().rev() {
        k = level[k];
        pos.push(k);
        level = p;
    }
    pos.reverse();
    Some(pos)
}

/// True when some word of `text` starts with `prefix` (which is lower case),
/// ignoring case.
pub fn has_word_prefix(text: &str, prefix: &str) -> bool {
    text.split(|c: char| !c.is_alphanumeric() && c != '-')
        .any(|w| {
            w.len() >= prefix.len()
                && w.get(..prefix.len())
                    .is_some_and(|p| p.eq_ignore_ascii_case(prefix))
                || (!w.is_ascii() && w.to_lowercase().starts_with(prefix))
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Origin;

    fn ev(id: &str, title: &str, summary: &str) -> Event {
        Event {
            id: id.into(),
            date: "2016-07-15".parse().unwrap(),
            end: None,
            title: title.into(),
            summary: summary.into(),
            countries: vec!["TR".into()],
            actors: vec![],
            tags: vec![],
            aliases: vec![],
            origin: Origin::Curated,
            sources: vec![],
        }
    }

    #[test]
    fn query_is_fuzzy_on_titles_and_by_word_on_summaries() {
        let q = Query::parse("coup");
        assert!(q.matches(&ev("a", "Coup attempt in Turkey", "")));
        assert!(q.matches(&ev("b", "Purge", "After the coup, thousands were held.")));
        // c, o, u, p scattered through a summary must not match
        assert!(!q.matches(&ev("c", "Talks", "countries of the union were unhappy")));
        // nor scattered through a title
        assert!(!q.matches(&ev("d", "Council of our European partners", "")));
    }

    #[test]
    fn every_word_must_match() {
        let q = Query::parse("coup turkey");
        assert!(q.matches(&ev("a", "Coup attempt in Turkey", "")));
        assert!(!q.matches(&ev("b", "Coup in Niger", "")));
    }

    #[test]
    fn date_range_overlaps_spans() {
        let e = ev("a", "x", "");
        let mut f = Filter {
            from: Some("2016".parse().unwrap()),
            to: Some("2016".parse().unwrap()),
            ..Default::default()
        };
        assert!(f.keeps_structured(&e));
        f.from = Some("2016-07-16".parse().unwrap());
        assert!(!f.keeps_structured(&e));
        f.from = Some("2016-07".parse().unwrap());
        f.to = Some("2016-07".parse().unwrap());
        assert!(f.keeps_structured(&e));
    }

    #[test]
    fn describes_filters_in_words() {
        let f = Filter {
            countries: vec!["TR".into(), "RU".into()],
            query: "s-400".into(),
            ..Default::default()
        };
        assert_eq!(f.describe(), "countries TR or RU; matching “s-400”");
    }

    fn chars(s: &str) -> Vec<char> {
        s.chars().collect()
    }

    #[test]
    fn gap_match_allows_short_gaps_only() {
        assert!(gap_match("S-400 deal", &chars("s400")));
        assert!(gap_match("Erdogan", &chars("erdgn")));
        assert!(gap_match("Çavuşoğlu", &chars("çavuş")));
        assert!(!gap_match(
            "Council of our European partners",
            &chars("coup")
        ));
        assert_eq!(
            compact_match("a Coup", &chars("coup")),
            Some(vec![2, 3, 4, 5])
        );
    }

    #[test]
    fn a_shorter_word_matches_wherever_a_longer_one_does() {
        let fields = [
            "Turkey signs the S-400 purchase deal",
            "Gas agreement",
            "Çavuşoğlu",
        ];
        for f in fields {
            for word in ["s-400", "gas agr", "deal", "çavu", "sgns", "tky"] {
                let w = chars(word);
                for cut in 1..w.len() {
                    if gap_match(f, &w) {
                        assert!(gap_match(f, &w[..cut]), "{f} {word} {cut}");
                    }
                }
            }
        }
    }

    #[test]
    fn highlights_mark_the_matched_letters() {
        let q = Query::parse("coup");
        assert_eq!(q.highlights("Coup attempt"), vec![0, 1, 2, 3]);
        assert!(q.highlights("Talks").is_empty());
    }
}
