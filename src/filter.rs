//! Filters over the timeline: countries, tags, a date range, extracted events,
//! and the text query. The command line and the explorer share this code.

use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;

use crate::model::{DateValue, Event, Status};

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
    /// Only events with one of these statuses (all when empty).
    pub statuses: crate::events::status::Statuses,
    /// Hide extracted events whose confidence is below this many hundredths
    /// (curated events have no confidence and always pass).
    pub min_confidence: Option<u8>,
}

impl Filter {
    pub fn is_empty(&self) -> bool {
        self.countries.is_empty()
            && self.tags.is_empty()
            && self.from.is_none()
            && self.to.is_none()
            && self.query.trim().is_empty()
            && !self.curated_only
            && self.statuses.is_empty()
            && self.min_confidence.is_none()
    }

    /// True when a status or confidence filter is set.
    pub fn any_status_or_confidence(&self) -> bool {
        !self.statuses.is_empty() || self.min_confidence.is_some()
    }

    /// The status and confidence filters alone.
    pub fn keeps_status_and_confidence(&self, e: &Event) -> bool {
        self.keeps_status_and_confidence_of(e.status, e.confidence)
    }

    /// [`Filter::keeps_status_and_confidence`] for an event of this status
    /// and confidence.
    pub fn keeps_status_and_confidence_of(&self, status: Status, confidence: Option<f32>) -> bool {
        if !self.statuses.is_empty() && !self.statuses.contains(status) {
            return false;
        }
        if let (Some(min), Some(c)) = (self.min_confidence, confidence) {
            if c * 100.0 + 1e-3 < f32::from(min) {
                return false;
            }
        }
        true
    }

    /// Everything but the text query.
    pub fn keeps_structured(&self, e: &Event) -> bool {
        if self.curated_only && e.is_extracted() {
            return false;
        }
        if !self.keeps_status_and_confidence(e) {
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
            let has = |t: &String| e.tags.iter().any(|x| same_tag(x, t));
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
        if !self.statuses.is_empty() {
            let names: Vec<&str> = self.statuses.iter().map(|s| s.as_str()).collect();
            parts.push(format!("status {}", names.join(" or ")));
        }
        if let Some(min) = self.min_confidence {
            parts.push(format!("confidence at least {:.2}", f32::from(min) / 100.0));
        }
        if parts.is_empty() {
            "no filters".into()
        } else {
            parts.join("; ")
        }
    }
}

/// True when two tags are the same tag: tags ignore case (`S-400` is
/// `s-400`), as the command line's `--tag` does.
pub fn same_tag(a: &str, b: &str) -> bool {
    a == b || a.eq_ignore_ascii_case(b) || (!a.is_ascii() && a.to_lowercase() == b.to_lowercase())
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
    /// `text` is ASCII (so it can be matched byte by byte).
    pub(crate) ascii: bool,
}

impl Word {
    /// [`gap_match`] of this word in `field`.
    pub(crate) fn gap_matches(&self, field: &str) -> bool {
        match (field.is_ascii(), self.ascii) {
            (true, true) => gap_match_ascii(field.as_bytes(), self.text.as_bytes()),
            // an ASCII field has no character that folds to a non-ASCII one
            (true, false) => false,
            _ => gap_match(field, &self.chars),
        }
    }
}

pub(crate) fn short_fields(e: &Event) -> impl Iterator<Item = &str> {
    std::iter::once(e.title.as_str())
        .chain(e.actors.iter())
        .chain(e.aliases.iter())
        .chain(e.tags.iter())
}

pub(crate) fn long_texts(e: &Event) -> impl Iterator<Item = &str> {
    std::iter::once(e.summary.as_str()).chain(e.sources.iter().map(|s| s.sentence.as_str()))
}

pub(crate) fn words_of(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !c.is_alphanumeric() && c != '-')
        .filter(|w| !w.is_empty())
}

/// True when `w` gap-matches one of the `short` fields or starts a word of
/// one of the `long` texts: what a query asks of each of its words.
fn word_matches_in<'a>(
    w: &Word,
    mut short: impl Iterator<Item = &'a str>,
    mut long: impl Iterator<Item = &'a str>,
) -> bool {
    short.any(|f| w.gap_matches(f)) || long.any(|t| has_word_prefix(t, &w.text))
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
        for w in s.split_whitespace().map(fold_str) {
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
                Word {
                    ascii: text.is_ascii(),
                    text,
                    chars,
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

    /// The query's words, folded (see [`fold`]).
    pub fn words(&self) -> impl Iterator<Item = &str> {
        self.words.iter().map(|w| w.text.as_str())
    }

    /// True when `w` matches one of the event's short fields or a word of its
    /// long text.
    pub(crate) fn word_matches(&self, e: &Event, w: &Word) -> bool {
        word_matches_in(w, short_fields(e), long_texts(e))
    }

    pub fn matches(&self, e: &Event) -> bool {
        self.words.iter().all(|w| self.word_matches(e, w))
    }

    /// [`Query::matches`] on an event's texts given apart: `short` its short
    /// fields (title, actors, aliases, tags), `long` its long texts (summary,
    /// quoted sentences). The same test, for texts read from elsewhere than
    /// an [`Event`] (the cached search text, see [`crate::cache::search`]).
    pub fn matches_texts(&self, short: &[&str], long: &[&str]) -> bool {
        self.words
            .iter()
            .all(|w| word_matches_in(w, short.iter().copied(), long.iter().copied()))
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

/// A character as queries compare it: lower case, without accents, so that
/// `cavusoglu` finds "Çavuşoğlu" and `çavuşoğlu` finds "Cavusoglu", and the
/// dotted `İ` (whose lower case is two characters) and the dotless `ı` are
/// `i`. One character gives one, so positions in a field stay its own.
pub(crate) fn fold(c: char) -> char {
    if c.is_ascii() {
        return c.to_ascii_lowercase();
    }
    let lower = c.to_lowercase().next().unwrap_or(c);
    if lower == 'ı' {
        return 'i';
    }
    // the base letter of a letter with marks: the first of its canonical
    // decomposition
    let mut base = None;
    unicode_normalization::char::decompose_canonical(lower, |d| {
        base.get_or_insert(d);
    });
    base.unwrap_or(lower)
}

/// A string folded character by character (see [`fold`]).
pub fn fold_str(s: &str) -> String {
    s.chars().map(fold).collect()
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

/// [`gap_match`] on ASCII: `hay` is folded to lower case as it is read, and
/// `word` is lower case. Keeps the positions each letter can be at, so the work
/// stays proportional to the field's length times the word's.
pub(crate) fn gap_match_ascii(hay: &[u8], word: &[u8]) -> bool {
    gap_match_ascii_in(hay, word, false)
}

/// [`gap_match_ascii`], told whether `hay` is lower case already.
pub(crate) fn gap_match_ascii_in(hay: &[u8], word: &[u8], lower: bool) -> bool {
    const CAP: usize = 64;
    let Some((&first, rest)) = word.split_first() else {
        return false;
    };
    let upper = first.to_ascii_uppercase();
    let both = !lower && upper != first;
    // where the first letter is, eight bytes at a time
    let mut cur = [0u32; CAP];
    let mut n = 0;
    let mut at = 0;
    let mut chunks = hay.chunks_exact(8);
    let mut take = |bytes: [u8; 8], valid: usize, at: usize| -> bool {
        let x = u64::from_le_bytes(bytes);
        let mut m = byte_matches(x, first) | if both { byte_matches(x, upper) } else { 0 };
        if valid < 8 {
            m &= (1u8 << valid) - 1;
        }
        while m != 0 {
            if n == CAP {
                return false;
            }
            cur[n] = (at + m.trailing_zeros() as usize) as u32;
            n += 1;
            m &= m - 1;
        }
        true
    };
    for chunk in &mut chunks {
        let mut bytes = [0u8; 8];
        bytes.copy_from_slice(chunk);
        if !take(bytes, 8, at) {
            return gap_match_ascii_long(hay, word);
        }
        at += 8;
    }
    let tail = chunks.remainder();
    if !tail.is_empty() {
        let mut bytes = [0u8; 8];
        bytes[..tail.len()].copy_from_slice(tail);
        if !take(bytes, tail.len(), at) {
            return gap_match_ascii_long(hay, word);
        }
    }
    if n == 0 {
        return false;
    }
    // then, letter by letter, the places each can be at
    let mut next = [0u32; CAP];
    for &c in rest {
        let mut m = 0;
        let mut scanned = 0;
        for &p in &cur[..n] {
            let p = p as usize;
            let hi = (p + 2 + MAX_GAP).min(hay.len());
            for q in (p + 1).max(scanned)..hi {
                let b = if lower {
                    hay[q]
                } else {
                    hay[q].to_ascii_lowercase()
                };
                if b == c {
                    if m == CAP {
                        return gap_match_ascii_long(hay, word);
                    }
                    next[m] = q as u32;
                    m += 1;
                }
            }
            scanned = scanned.max(hi);
        }
        if m == 0 {
            return false;
        }
        std::mem::swap(&mut cur, &mut next);
        n = m;
    }
    true
}

/// One bit per byte of `x` (the first byte in bit 0) that equals `c`.
fn byte_matches(x: u64, c: u8) -> u8 {
    const LOW7: u64 = 0x7f7f_7f7f_7f7f_7f7f;
    let y = x ^ (u64::from(c) * 0x0101_0101_0101_0101);
    // 0x80 in each byte of y that is zero, and nothing else
    let zero = !(((y & LOW7) + LOW7) | y | LOW7);
    ((zero >> 7).wrapping_mul(0x0102_0408_1020_4080) >> 56) as u8
}

/// [`gap_match_ascii`] for a field with many candidate positions.
fn gap_match_ascii_long(hay: &[u8], word: &[u8]) -> bool {
    let field: String = hay.iter().map(|&b| b as char).collect();
    let chars: Vec<char> = word.iter().map(|&b| b as char).collect();
    gap_match(&field, &chars)
}

/// True when some word of `text` starts with `prefix` (which is folded, see
/// [`fold`]), ignoring case and accents.
pub fn has_word_prefix(text: &str, prefix: &str) -> bool {
    if text.is_ascii() && prefix.is_ascii() {
        return has_word_prefix_ascii(text.as_bytes(), prefix.as_bytes());
    }
    has_word_prefix_by_words(text, prefix)
}

/// [`has_word_prefix`], word by word.
fn has_word_prefix_by_words(text: &str, prefix: &str) -> bool {
    text.split(|c: char| !c.is_alphanumeric() && c != '-')
        .any(|w| {
            w.len() >= prefix.len()
                && w.get(..prefix.len())
                    .is_some_and(|p| p.eq_ignore_ascii_case(prefix))
                || (!w.is_ascii() && {
                    let mut folded = w.chars().map(fold);
                    prefix.chars().all(|p| folded.next() == Some(p))
                })
        })
}

fn is_word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'-'
}

/// [`has_word_prefix`] on ASCII text and prefix.
fn has_word_prefix_ascii(text: &[u8], prefix: &[u8]) -> bool {
    let Some(&first) = prefix.first() else {
        return true;
    };
    // a word holds no separator, so neither does its prefix
    if !prefix.iter().all(|&b| is_word_byte(b)) {
        return false;
    }
    memchr::memchr2_iter(first, first.to_ascii_uppercase(), text).any(|p| {
        (p == 0 || !is_word_byte(text[p - 1]))
            && text
                .get(p..p + prefix.len())
                .is_some_and(|w| w.eq_ignore_ascii_case(prefix))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Origin;
    use crate::names::Names;
    use crate::test_rng::Rng;

    fn ev(id: &str, title: &str, summary: &str) -> Event {
        Event {
            id: id.into(),
            date: "2016-07-15".parse().unwrap(),
            end: None,
            title: title.into(),
            summary: summary.into(),
            countries: Names::from(["TR"]),
            actors: Names::new(),
            tags: Names::new(),
            aliases: Names::new(),
            origin: Origin::Curated,
            status: Default::default(),
            confidence: None,
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
    fn status_and_confidence_filter_extracted_events() {
        use crate::events::Status;
        let mut e = ev("x", "An event", "");
        e.origin = crate::model::Origin::Extracted;
        e.status = Status::Expected;
        e.confidence = Some(0.55);
        let by_status = |s: &[Status]| Filter {
            statuses: s.iter().copied().collect(),
            ..Default::default()
        };
        assert!(by_status(&[Status::Expected]).keeps_structured(&e));
        assert!(!by_status(&[Status::Happened]).keeps_structured(&e));
        assert!(by_status(&[Status::Happened, Status::Expected]).keeps_structured(&e));
        let min = |m: u8| Filter {
            min_confidence: Some(m),
            ..Default::default()
        };
        assert!(min(55).keeps_structured(&e));
        assert!(!min(56).keeps_structured(&e));
        // curated events have no confidence and always pass
        e.confidence = None;
        assert!(min(99).keeps_structured(&e));
        assert_eq!(
            Filter {
                statuses: [Status::Expected].into_iter().collect(),
                min_confidence: Some(60),
                ..Default::default()
            }
            .describe(),
            "status expected; confidence at least 0.60"
        );
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

    /// A query word as `Query::parse` gives it: folded.
    fn chars(s: &str) -> Vec<char> {
        s.chars().map(fold).collect()
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

    /// Random ASCII text over a small alphabet, so letters repeat, with
    /// separators, dashes and capitals.
    fn random_ascii(rng: &mut Rng, len: usize) -> String {
        const ALPHABET: &[u8] = b"abcAB-. 1";
        (0..len)
            .map(|_| ALPHABET[rng.below(ALPHABET.len())] as char)
            .collect()
    }

    #[test]
    fn ascii_matching_agrees_with_the_general_one() {
        let mut rng = Rng::new(0x2545_f491_4f6c_dd1d);
        for _ in 0..20_000 {
            let len = 1 + rng.below(40);
            let field = random_ascii(&mut rng, len);
            let len = 1 + rng.below(6);
            let word = random_ascii(&mut rng, len).to_lowercase().replace(' ', "");
            if word.is_empty() {
                continue;
            }
            assert_eq!(
                gap_match_ascii(field.as_bytes(), word.as_bytes()),
                gap_match(&field, &chars(&word)),
                "{field:?} {word:?}"
            );
            assert_eq!(
                has_word_prefix(&field, &word),
                has_word_prefix_by_words(&field, &word),
                "{field:?} {word:?}"
            );
        }
        // many places to start from, and a word that fails at its end
        let field = "a".repeat(200);
        let word = format!("{}b", "a".repeat(30));
        assert!(!gap_match_ascii(field.as_bytes(), word.as_bytes()));
        assert!(gap_match_ascii(field.as_bytes(), &word.as_bytes()[..30]));
    }

    #[test]
    fn bytes_are_compared_eight_at_a_time() {
        let x = u64::from_le_bytes(*b"a\x80aZa\0\xffa");
        assert_eq!(byte_matches(x, b'a'), 0b1001_0101);
        assert_eq!(byte_matches(x, 0), 0b0010_0000);
        assert_eq!(byte_matches(x, 0x80), 0b0000_0010);
        assert_eq!(byte_matches(x, 0xff), 0b0100_0000);
        assert_eq!(byte_matches(x, b'b'), 0);
    }

    #[test]
    fn highlights_mark_the_matched_letters() {
        let q = Query::parse("coup");
        assert_eq!(q.highlights("Coup attempt"), vec![0, 1, 2, 3]);
        assert!(q.highlights("Talks").is_empty());
    }
}
