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

/// A text query: words matched separately, all of which must match. Short
/// fields (title, actors, aliases, tags) match fuzzily with the skim matcher,
/// in a compact run of the field; long text (summary, quoted sentences) matches
/// by word or word prefix.
pub struct Query {
    words: Vec<String>,
    matcher: SkimMatcherV2,
}

/// Words of a query past this many are ignored: nobody types so many, and
/// each word is matched against every event.
pub const MAX_QUERY_WORDS: usize = 64;

/// The most cells the fuzzy matcher's score table may have; past that it
/// matches greedily, so that a long field (a title of a megabyte) costs time
/// and memory in proportion to its length rather than to length times query.
const MATCHER_CELLS: usize = 1 << 20;

impl Query {
    /// The words of `s`, each once (a word repeated asks nothing more).
    pub fn parse(s: &str) -> Query {
        let mut words: Vec<String> = Vec::new();
        for w in s.split_whitespace().map(|w| w.to_lowercase()) {
            if words.len() == MAX_QUERY_WORDS {
                break;
            }
            if !words.contains(&w) {
                words.push(w);
            }
        }
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

    pub fn words(&self) -> &[String] {
        &self.words
    }

    /// Char positions in `field` where `word` matches compactly, or `None`.
    fn fuzzy(&self, field: &str, word: &str) -> Option<Vec<usize>> {
        let (_, idx) = self.matcher.fuzzy_indices(field, word)?;
        let n = word.chars().count();
        let span = idx.last()? - idx.first()? + 1;
        (span <= 2 * n + 1).then_some(idx)
    }

    fn word_matches(&self, e: &Event, word: &str) -> bool {
        let short = std::iter::once(e.title.as_str())
            .chain(e.actors.iter().map(String::as_str))
            .chain(e.aliases.iter().map(String::as_str))
            .chain(e.tags.iter().map(String::as_str));
        for f in short {
            if self.fuzzy(f, word).is_some() {
                return true;
            }
        }
        let long = std::iter::once(e.summary.as_str())
            .chain(e.sources.iter().map(|s| s.sentence.as_str()));
        long.into_iter().any(|t| has_word_prefix(t, word))
    }

    pub fn matches(&self, e: &Event) -> bool {
        self.words.iter().all(|w| self.word_matches(e, w))
    }

    /// Char positions in `text` to highlight for this query.
    pub fn highlights(&self, text: &str) -> Vec<usize> {
        let mut out: Vec<usize> = Vec::new();
        for w in &self.words {
            if let Some(idx) = self.fuzzy(text, w) {
                out.extend(idx);
            }
        }
        out.sort_unstable();
        out.dedup();
        out
    }
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
}
