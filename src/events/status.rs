//! Status: whether the event a sentence dates happened, is expected, or is
//! only mentioned.
//!
//! - `mentioned`: the date is used as a bound, not as the time of something
//!   reported: the word before the expression is "since", "throughout",
//!   "until", "till", "through", "as of" or "before" ("the largest protests
//!   since 2017"); or the sentence has nobody named who acts (a remark such as
//!   "She was in Kenya last week").
//! - `expected`: the date lies after the article's publication date, or the
//!   words before the expression in its clause carry the future ("will",
//!   "is expected to", "plans to", "is due to", "scheduled", "would" after a
//!   reporting verb...), or the expression itself points ahead ("next week",
//!   "tomorrow").
//! - `happened`: everything else.

use crate::model::DateValue;

pub use crate::model::{Status, Statuses};

const BOUNDS: &[&str] = &["since", "throughout", "until", "till", "through", "before"];

const FUTURE: &[&str] = &[
    "will",
    "won't",
    "shall",
    "'ll",
    "expected",
    "expects",
    "expect",
    "plans",
    "plan",
    "planned",
    "planning",
    "scheduled",
    "due",
    "set",
    "intends",
    "intend",
    "aims",
    "hopes",
    "going",
    "upcoming",
    "forthcoming",
    "proposed",
    "would",
];

const AHEAD: &[&str] = &[
    "next",
    "tomorrow",
    "coming",
    "upcoming",
    "later this",
    "this coming",
];

const PRONOUNS: &[&str] = &["he", "she", "they", "we", "i", "it", "you"];

/// The status of the event that the expression at `expr` (a byte range in
/// `sentence`) dates, given its date and the article's publication date.
pub fn status(
    sentence: &str,
    expr: std::ops::Range<usize>,
    date: DateValue,
    published: Option<DateValue>,
) -> Status {
    let expr = clamp(sentence, expr);
    let before = &sentence[..expr.start];
    let said = sentence[expr.clone()].to_lowercase();
    let prev: Vec<String> = before
        .split_whitespace()
        .rev()
        .take(2)
        .map(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase()
        })
        .collect();
    let prev1 = prev.first().map(String::as_str).unwrap_or("");
    let prev2 = prev.get(1).map(String::as_str).unwrap_or("");
    if BOUNDS.contains(&prev1) || (prev2 == "as" && prev1 == "of") {
        return Status::Mentioned;
    }
    if let Some(p) = published {
        if date.start() >= p.end() {
            return Status::Expected;
        }
    }
    if AHEAD.iter().any(|a| said.starts_with(a)) {
        return Status::Expected;
    }
    // the future in the words before the expression, within its clause
    let clause_start = before
        .rfind([',', ';', ':', '—', '"', '“', '”'])
        .map_or(0, |i| {
            i + before[i..].chars().next().map_or(1, char::len_utf8)
        });
    let clause = &before[clause_start..];
    let words: Vec<String> = clause
        .split_whitespace()
        .map(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric() && c != '\'')
                .to_lowercase()
        })
        .collect();
    let future = words.iter().enumerate().any(|(i, w)| {
        if w == "would" {
            // reported future: "said the US would leave by ..."
            return i > 0 && words[..i].iter().any(|x| x == "said" || x == "says");
        }
        if w == "set" || w == "due" {
            return words.get(i + 1).is_some_and(|n| n == "to");
        }
        if w == "to" {
            return false;
        }
        FUTURE.contains(&w.as_str()) || w.ends_with("'ll")
    });
    // an infinitive right after the subject of a headline-like clause: "talks
    // to resume on Sunday", "Erdogan to visit Moscow"
    let infinitive_lead = words.len() >= 3
        && words.len() <= 8
        && words.iter().skip(1).take(3).any(|w| w == "to")
        && !words.iter().any(|w| {
            w.ends_with("ed")
                || matches!(w.as_str(), "was" | "were" | "had" | "has" | "did" | "went")
        });
    if future || infinitive_lead {
        return Status::Expected;
    }
    if is_remark(sentence, expr) {
        return Status::Mentioned;
    }
    Status::Happened
}

/// A sentence that starts with a personal pronoun and either says where or
/// how someone was ("She was in Kenya last week") or names nobody: a remark
/// about someone rather than the report of an event.
fn is_remark(sentence: &str, expr: std::ops::Range<usize>) -> bool {
    let words: Vec<String> = sentence
        .split_whitespace()
        .take(3)
        .map(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase()
        })
        .collect();
    let first = words.first().map(String::as_str).unwrap_or("");
    if !PRONOUNS.contains(&first) {
        return false;
    }
    let copula = words
        .get(1)
        .is_some_and(|w| matches!(w.as_str(), "was" | "were" | "is" | "are"));
    let state = words.get(2).is_some_and(|w| {
        matches!(
            w.as_str(),
            "in" | "at"
                | "on"
                | "with"
                | "there"
                | "here"
                | "not"
                | "still"
                | "away"
                | "back"
                | "home"
                | "busy"
                | "ill"
        )
    });
    if copula && state {
        return true;
    }
    // a capitalised word after the first, outside the expression, is a name
    let mut offset = 0;
    for w in sentence.split_inclusive(char::is_whitespace) {
        let at = offset;
        offset += w.len();
        if at == 0 || (at >= expr.start && at < expr.end) {
            continue;
        }
        if w.chars().next().is_some_and(char::is_uppercase) && w.trim().len() > 1 {
            return false;
        }
    }
    true
}

fn clamp(s: &str, r: std::ops::Range<usize>) -> std::ops::Range<usize> {
    let end = crate::diag::floor_char_boundary(s, r.end.min(s.len()));
    let start = crate::diag::floor_char_boundary(s, r.start.min(end));
    start..end
}

#[cfg(test)]
mod tests {
    use super::*;

    fn st(sentence: &str, expr: &str, date: &str, published: Option<&str>) -> Status {
        let at = sentence.find(expr).unwrap();
        status(
            sentence,
            at..at + expr.len(),
            date.parse().unwrap(),
            published.map(|p| p.parse().unwrap()),
        )
    }

    #[test]
    fn a_bound_is_only_mentioned() {
        let s = "Crowds filled the streets in the largest protests since 2017.";
        assert_eq!(st(s, "2017", "2017", Some("2019-01-23")), Status::Mentioned);
        let s = "Turkey has hosted refugees throughout the 2010s.";
        assert_eq!(
            st(s, "the 2010s", "201", Some("2019-01-23")),
            Status::Mentioned
        );
    }

    #[test]
    fn the_future_is_expected() {
        let p = Some("2021-08-30");
        let s = "Diplomats expect the talks to wrap up as early as next month.";
        assert_eq!(st(s, "next month", "2021-09", p), Status::Expected);
        let s = "Biden said the U.S. would leave Afghanistan by Aug. 31.";
        assert_eq!(st(s, "Aug. 31", "2021-08-31", p), Status::Expected);
        let s = "The parties will resume talks in Jeddah on Sunday.";
        assert_eq!(st(s, "Sunday", "2021-08-29", p), Status::Expected);
        let s = "Sudan's warring parties to resume talks on Sunday";
        assert_eq!(st(s, "Sunday", "2021-08-29", p), Status::Expected);
        // a date after the publication is ahead, whatever the wording
        let s = "The summit opens in Brussels on September 14.";
        assert_eq!(st(s, "September 14", "2021-09-14", p), Status::Expected);
    }

    #[test]
    fn reports_happened_and_remarks_are_mentioned() {
        let p = Some("2016-08-10");
        let s = "Erdogan and Putin met in St Petersburg on Tuesday.";
        assert_eq!(st(s, "Tuesday", "2016-08-09", p), Status::Happened);
        let s = "The council, which earlier Friday said it would lift the emergency, met.";
        assert_eq!(st(s, "Friday", "2016-08-05", p), Status::Happened);
        let s = "She was in Kenya last week.";
        assert_eq!(st(s, "last week", "2016-W31", p), Status::Mentioned);
        let s = "She met Kenyatta in Nairobi last week.";
        assert_eq!(st(s, "last week", "2016-W31", p), Status::Happened);
    }
}
