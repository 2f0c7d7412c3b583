//! Key words: what two sentences must share to speak of one event.
//!
//! A sentence's key words are its words of three letters or more, lower-cased,
//! with a plural or possessive ending taken off, leaving out the words every
//! sentence has (articles, pronouns, auxiliaries, reporting verbs, date words).
//! Names count like any other word: "Moscow", "regret" and "letter" are all
//! key words of "in late June, Moscow accepted a letter expressing regret".

use std::collections::BTreeSet;
use std::sync::Arc;

/// Words that say nothing about which event a sentence reports, besides the
/// names of months and weekdays, which [`is_stop`] takes from the lexicon.
const STOP: &[&str] = &[
    "the",
    "and",
    "for",
    "with",
    "that",
    "this",
    "these",
    "those",
    "from",
    "into",
    "onto",
    "upon",
    "was",
    "were",
    "are",
    "been",
    "being",
    "has",
    "have",
    "had",
    "having",
    "will",
    "would",
    "could",
    "should",
    "shall",
    "may",
    "might",
    "must",
    "can",
    "did",
    "does",
    "not",
    "but",
    "its",
    "his",
    "her",
    "their",
    "our",
    "your",
    "they",
    "them",
    "she",
    "him",
    "who",
    "whom",
    "which",
    "what",
    "when",
    "where",
    "while",
    "why",
    "how",
    "than",
    "then",
    "there",
    "here",
    "also",
    "after",
    "before",
    "since",
    "until",
    "during",
    "about",
    "over",
    "under",
    "between",
    "against",
    "among",
    "through",
    "across",
    "per",
    "all",
    "any",
    "some",
    "more",
    "most",
    "other",
    "such",
    "only",
    "own",
    "same",
    "very",
    "just",
    "said",
    "says",
    "say",
    "saying",
    "told",
    "according",
    "reported",
    "reports",
    "added",
    "earlier",
    "later",
    "late",
    "early",
    "last",
    "next",
    "first",
    "second",
    "third",
    "one",
    "two",
    "three",
    "four",
    "five",
    "year",
    "years",
    "month",
    "months",
    "week",
    "weeks",
    "day",
    "days",
    "today",
    "yesterday",
    "tomorrow",
    "tonight",
    "morning",
    "afternoon",
    "evening",
    "night",
    "ago",
    "now",
    "new",
    "out",
    "off",
    "who",
    "whose",
    "both",
    "each",
    "even",
    "still",
    "yet",
    "because",
    "although",
    "though",
    "however",
    "like",
    "near",
    "around",
    "time",
    "times",
    "p.m",
    "a.m",
];

fn is_stop(w: &str) -> bool {
    static SET: std::sync::OnceLock<rustc_hash::FxHashSet<&'static str>> =
        std::sync::OnceLock::new();
    SET.get_or_init(|| {
        use crate::extract::lexicon::{MONTH_ABBREVIATIONS, MONTHS, WEEKDAYS};
        STOP.iter()
            .chain(&MONTHS)
            .chain(MONTH_ABBREVIATIONS.iter().map(|(w, _)| w))
            .chain(&WEEKDAYS)
            .copied()
            .collect()
    })
    .contains(w)
}

/// The stem a word is compared by, given the word in lower case: without a
/// possessive or a plural `s`, made in the word's own string.
fn stem(mut w: String) -> String {
    for end in ["'s", "’s", "'", "’"] {
        if w.ends_with(end) {
            w.truncate(w.len() - end.len());
        }
    }
    if w.len() > 4 && w.ends_with('s') && !w.ends_with("ss") {
        w.pop();
    }
    w
}

/// The key words of `text`, leaving out the byte range `skip` (the date
/// expression).
pub fn key_words(text: &str, skip: Option<std::ops::Range<usize>>) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let mut start = None;
    let mut push = |a: usize, b: usize| {
        if skip.as_ref().is_some_and(|s| a < s.end && b > s.start) {
            return;
        }
        let w = text[a..b].trim_matches(|c: char| c == '\'' || c == '’' || c == '-');
        if w.chars().count() < 3 || w.chars().all(|c| c.is_ascii_digit()) {
            return;
        }
        let lower = w.to_lowercase();
        if is_stop(&lower) {
            return;
        }
        let s = stem(lower);
        if !is_stop(&s) {
            out.insert(s);
        }
    };
    for (i, c) in text.char_indices() {
        let part = c.is_alphanumeric() || c == '\'' || c == '’' || c == '-';
        match (part, start) {
            (true, None) => start = Some(i),
            (false, Some(a)) => {
                push(a, i);
                start = None;
            }
            _ => {}
        }
    }
    if let Some(a) = start {
        push(a, text.len());
    }
    out
}

/// A sentence's key words as its candidates hold them: in one shared piece
/// of text, each word followed by a space, in order. A key word never holds
/// a space ([`key_words`] splits at every character that is not a letter, a
/// digit, an apostrophe or a hyphen), so the words read back as they went
/// in. One allocation a sentence, where a list of words takes one per word
/// and a set several more.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Words(Option<Arc<str>>);

impl Words {
    /// The words of `words`, in its order.
    pub fn new<S: AsRef<str>>(words: impl IntoIterator<Item = S>) -> Words {
        let mut text = String::new();
        for w in words {
            let w = w.as_ref();
            debug_assert!(!w.is_empty() && !w.contains(' '), "not a key word: {w:?}");
            text.push_str(w);
            text.push(' ');
        }
        Words((!text.is_empty()).then(|| Arc::from(text)))
    }

    /// The words, in order.
    pub fn iter(&self) -> impl Iterator<Item = &str> {
        self.0.as_deref().unwrap_or("").split_terminator(' ')
    }

    pub fn len(&self) -> usize {
        self.iter().count()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_none()
    }

    /// True when both are the one list shared (not merely equal words).
    pub fn same(&self, other: &Words) -> bool {
        match (&self.0, &other.0) {
            (Some(a), Some(b)) => Arc::ptr_eq(a, b),
            (None, None) => true,
            _ => false,
        }
    }
}

/// How much two sets of key words overlap: the words they share, and that
/// count over the size of the smaller set (the overlap coefficient, 0 to 1).
pub fn overlap<'a>(a: &'a BTreeSet<String>, b: &'a BTreeSet<String>) -> (Vec<&'a str>, f32) {
    let shared: Vec<&str> = a.intersection(b).map(String::as_str).collect();
    let least = a.len().min(b.len()).max(1);
    let score = shared.len() as f32 / least as f32;
    (shared, score)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn key_words_leave_out_common_words_and_the_date() {
        let s = "In late June, Moscow accepted a letter expressing regret";
        let w = key_words(s, Some(3..12));
        let got: Vec<&str> = w.iter().map(String::as_str).collect();
        assert_eq!(
            got,
            ["accepted", "expressing", "letter", "moscow", "regret"]
        );
        let catalog = key_words(
            "Erdogan sends Putin a letter of regret; Moscow accepts",
            None,
        );
        let (shared, score) = overlap(&w, &catalog);
        assert_eq!(shared, ["letter", "moscow", "regret"]);
        assert!(score > 0.5, "{score}");
    }

    #[test]
    fn packed_words_read_back_as_they_went_in() {
        let set = key_words("Rebels’ convoys left Aleppo's old-city gates at dawn", None);
        let words = Words::new(&set);
        let back: Vec<&str> = words.iter().collect();
        let want: Vec<&str> = set.iter().map(String::as_str).collect();
        assert_eq!(back, want);
        assert_eq!(words.len(), set.len());
        assert!(
            back.contains(&"old-city") && back.contains(&"aleppo"),
            "{back:?}"
        );
        // shared, not merely equal
        let copy = words.clone();
        assert!(copy.same(&words));
        assert!(!Words::new(&set).same(&words));
        assert_eq!(Words::new(&set), words);
        let none = Words::new(key_words("It was in 2019, on the 4.", None));
        assert_eq!(none.len(), 0);
        assert!(none.is_empty() && none.iter().next().is_none());
        assert!(none.same(&Words::default()));
    }

    #[test]
    fn month_and_weekday_names_are_not_key_words() {
        // the date itself is not skipped here: its names still say nothing
        let w = key_words(
            "On Wednesday, Sept. 4, rebels left Aleppo; in March and Dec. talks resumed",
            None,
        );
        let got: Vec<&str> = w.iter().map(String::as_str).collect();
        assert_eq!(got, ["aleppo", "left", "rebel", "resumed", "talk"]);
    }

    #[test]
    fn plurals_and_possessives_compare_alike() {
        let stem = |w: &str| stem(w.to_lowercase());
        assert_eq!(stem("Turkey's"), "turkey");
        assert_eq!(stem("missiles"), "missile");
        assert_eq!(stem("press"), "press");
        assert_eq!(stem("Kurds"), "kurd");
    }
}
