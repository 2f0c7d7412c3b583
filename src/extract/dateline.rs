//! The date a dateline states: what an article without a publication date
//! takes as one.
//!
//! Only a line shaped as a dateline counts, among the first non-empty lines
//! of the body:
//! - a line that is the date and little more: a weekday, a time, a place
//!   ("Sunday, March 21, 2021", "LONDON, 12 April 2019", "12 April 2019
//!   10:32 BST");
//! - a line the date opens (perhaps after a place), followed by a dash, a bar,
//!   a colon, an agency in brackets or a byline ("Feb. 23, 2015 -- Peanut
//!   allergies…", "CAIRO, 11 Feb. 2011 (UPI) -- …", "Tuesday 15 October 2019 by
//!   Jane Doe");
//! - a byline or time stamp: a short line that is no sentence, where a label
//!   ("Published", "Updated", "Posted", "By" and a name) opens the line or
//!   the part of it that holds the date ("By Jane Doe – Published: Fri,
//!   October 1, 2021, 3:07 AM").
//!
//! A date inside a running sentence ("the ferry runs again from 12 April
//! 2019.") or a caption ("…in Vienna on Jan. 16, 2016. Credit: AP") is no
//! dateline: it dates what the sentence tells, not the article.

use std::ops::Range;

use super::lexicon::WEEKDAYS;
use crate::model::{DateValue, Precision};

/// How many non-empty lines of the body a dateline may come after.
const TOP_LINES: usize = 4;

/// A byline or time stamp has at most this many words.
const MAX_BYLINE_WORDS: usize = 16;

/// A dateline's date starts within this many bytes of its line: what leads
/// to it is a place, a weekday or a byline's label and names. (It bounds the
/// work on a long line of dates, too.)
const MAX_LEAD_BYTES: usize = 200;

/// Words that label a byline or a time stamp when they open it.
const LABELS: [&str; 8] = [
    "published",
    "updated",
    "posted",
    "dated",
    "date",
    "filed",
    "modified",
    "by",
];

/// Characters that part a dateline from what follows it (or a byline's
/// parts from one another).
const SEPARATORS: [char; 7] = ['—', '–', '|', '·', '•', ':', '_'];

/// The full dates (with their year and day) among the first non-empty lines
/// of a text's body.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct TopDates {
    /// The first that sits in a line shaped as a dateline (see the module's
    /// description): the article's publication date.
    pub dateline: Option<DateValue>,
    /// The first of all, wherever it sits ("in Vienna on Jan. 16, 2016"): the
    /// date an article with no publication date counts its relative dates
    /// from.
    pub first: Option<DateValue>,
}

/// The date a dateline states near the top of a text (see the module's
/// description): the first full date, with its year and day, that sits in a
/// line shaped as a dateline among the first non-empty lines of the body.
pub fn dateline(text: &str, body_start: usize) -> Option<DateValue> {
    dates_at_top(text, body_start).dateline
}

/// The full dates among the first non-empty lines of the body: the first,
/// and the first in a line shaped as a dateline.
pub fn dates_at_top(text: &str, body_start: usize) -> TopDates {
    let body_start = crate::diag::floor_char_boundary(text, body_start.min(text.len()));
    let mut lines: Vec<Range<usize>> = Vec::new();
    let mut at = body_start;
    for line in text[body_start..].split_inclusive('\n') {
        let start = at;
        at += line.len();
        let content = line.trim_end_matches(['\n', '\r']);
        if !content.trim().is_empty() {
            lines.push(start..start + content.len());
            if lines.len() == TOP_LINES {
                break;
            }
        }
    }
    let mut top = TopDates::default();
    let Some(end) = lines.last().map(|l| l.end) else {
        return top;
    };
    let sentences = crate::article::sentences(&text[..end], body_start);
    for m in super::extract(text, &sentences, &[], None, &[]) {
        let Some(d) = m
            .absolute
            .then(|| m.value.date())
            .flatten()
            .filter(|d| d.precision() == Precision::Day)
        else {
            continue;
        };
        top.first.get_or_insert(d);
        let Some(line) = lines.iter().find(|l| l.start <= m.start && m.end <= l.end) else {
            continue;
        };
        let expr = m.start - line.start..m.end - line.start;
        if shaped_as_dateline(&text[line.clone()], expr) {
            top.dateline = Some(d);
            break;
        }
    }
    top
}

/// Whether the date at `expr` (a byte range in `line`) stands in `line` the
/// way a dateline's or a byline's date does.
pub fn shaped_as_dateline(line: &str, expr: Range<usize>) -> bool {
    if expr.start > MAX_LEAD_BYTES {
        return false;
    }
    let (Some(before), Some(after)) = (line.get(..expr.start), line.get(expr.end..)) else {
        return false;
    };
    let words = line.split_whitespace().take(MAX_BYLINE_WORDS + 1).count();
    let short_non_sentence = words <= MAX_BYLINE_WORDS && !ends_sentence(line);
    // the parts of the line before the date, parted by separators: the last
    // one leads to the date
    let parts = split_at_separators(before);
    let lead = parts.last().copied().unwrap_or("");
    let lead_words: Vec<&str> = lead.split_whitespace().collect();
    if is_label(&lead_words) {
        return short_non_sentence;
    }
    // a weekday may stand before the date, after a place or a label
    let (lead, lead_words) = match lead_words.split_last() {
        Some((last, rest)) if is_weekday(last) => {
            let cut = lead.trim_end();
            (&cut[..cut.len() - last.len()], rest.to_vec())
        }
        _ => (lead, lead_words),
    };
    if lead_words.is_empty() && parts.len() >= 2 {
        // "By Jane Doe – Published: Fri, October 1, 2021": a label ends at
        // the separator right before the date
        let label: Vec<&str> = parts[parts.len() - 2].split_whitespace().collect();
        if is_label(&label) {
            return short_non_sentence;
        }
    }
    let lead_is_dateline = lead_words.is_empty() || is_place(lead, &lead_words);
    lead_is_dateline && follows_a_dateline(after, short_non_sentence)
}

/// `s` cut at each separator (a dash, a bar, a colon…).
fn split_at_separators(s: &str) -> Vec<&str> {
    let mut parts = Vec::new();
    let mut from = 0;
    let mut chars = s.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let width = if SEPARATORS.contains(&c) {
            c.len_utf8()
        } else if s[i..].starts_with("--") {
            2
        } else if c == '-' && s[..i].ends_with(' ') && s[i + 1..].starts_with(' ') {
            1
        } else {
            continue;
        };
        parts.push(&s[from..i]);
        from = i + width;
        while chars.peek().is_some_and(|&(j, _)| j < from) {
            chars.next();
        }
    }
    parts.push(&s[from..]);
    parts
}

/// Whether `rest`, the rest of the line after the date, is what follows a
/// dateline's date: nothing, a time, a separator, an agency in brackets and a
/// separator, or a byline.
fn follows_a_dateline(rest: &str, short_non_sentence: bool) -> bool {
    let mut rest = rest.trim_start().trim_start_matches(',').trim_start();
    // a time: "10:32", "3 p.m.", "BST"
    while let Some(word) = rest.split_whitespace().next() {
        let bare = word.trim_end_matches([',', '.']);
        let hour = !bare.is_empty()
            && bare.len() <= 2
            && bare.chars().all(|c| c.is_ascii_digit())
            && rest[word.len()..]
                .split_whitespace()
                .next()
                .is_some_and(is_time_word);
        if !(hour || is_time_word(bare) || is_time_word(word)) {
            break;
        }
        rest = rest[word.len()..].trim_start();
    }
    if let Some(inside) = rest.strip_prefix('(') {
        let Some(close) = inside.find(')') else {
            return false;
        };
        rest = inside[close + 1..].trim_start();
        return rest.is_empty() || starts_with_separator(rest);
    }
    if rest.chars().all(|c| matches!(c, '.' | ',' | ';')) || starts_with_separator(rest) {
        return true;
    }
    let by = rest
        .split_whitespace()
        .next()
        .is_some_and(|w| w.eq_ignore_ascii_case("by"));
    by && short_non_sentence
}

fn starts_with_separator(s: &str) -> bool {
    s.starts_with(SEPARATORS) || s.starts_with("- ") || s.starts_with("--") || s == "-"
}

/// A clock time or its parts: "10:32", "3pm", "a.m.", "GMT".
fn is_time_word(w: &str) -> bool {
    let lower = w.to_ascii_lowercase();
    let clock = w.contains(':') && w.chars().any(|c| c.is_ascii_digit());
    let meridiem = matches!(
        lower.as_str(),
        "am" | "pm" | "a.m." | "p.m." | "a.m" | "p.m"
    ) || ((lower.ends_with("am") || lower.ends_with("pm"))
        && lower[..lower.len() - 2]
            .chars()
            .all(|c| c.is_ascii_digit() || c == ':')
        && lower.len() > 2);
    let zone = (2..=4).contains(&w.len()) && w.chars().all(|c| c.is_ascii_uppercase());
    clock || meridiem || zone
}

/// A label opening a byline or time stamp: "Published", "Updated on",
/// "Posted by …", "By Jane Doe," (a name must follow "by": "By 12 April" is
/// a deadline).
fn is_label(words: &[&str]) -> bool {
    let Some(first) = words.first() else {
        return false;
    };
    let first = first.trim_end_matches([':', ',']).to_lowercase();
    if !LABELS.contains(&first.as_str()) || words.len() > 8 {
        return false;
    }
    first != "by" || words.len() >= 2
}

fn is_weekday(word: &str) -> bool {
    WEEKDAYS.contains(&word.trim_end_matches([',', '.']).to_lowercase().as_str())
}

/// A place opening a dateline: a few capitalised words ending in a comma
/// ("LONDON,", "Nairobi, Kenya,", "Washington,").
fn is_place(lead: &str, words: &[&str]) -> bool {
    !words.is_empty()
        && words.len() <= 4
        && lead.trim_end().ends_with(',')
        && words
            .iter()
            .all(|w| w.chars().next().is_some_and(char::is_uppercase))
}

fn ends_sentence(s: &str) -> bool {
    s.trim_end()
        .trim_end_matches(['"', '”', '’', '\'', ')'])
        .ends_with(['.', '!', '?'])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> Option<DateValue> {
        Some(DateValue::Day(s.parse().unwrap()))
    }

    #[test]
    fn a_line_of_the_date_alone_is_a_dateline() {
        assert_eq!(
            dateline("Sunday, March 21, 2021\n\nThe talks began.", 0),
            day("2021-03-21")
        );
        assert_eq!(
            dateline("Headline\n12 April 2019 10:32 BST\nText.", 0),
            day("2019-04-12")
        );
        assert_eq!(
            dateline("LONDON, 12 April 2019\nText.", 0),
            day("2019-04-12")
        );
        assert_eq!(
            dateline("12 April 2019, 3 p.m. BST\nText.", 0),
            day("2019-04-12")
        );
    }

    #[test]
    fn a_date_opening_a_line_before_a_dash_or_an_agency_is_a_dateline() {
        assert_eq!(
            dateline("Feb. 23, 2015 -- Peanut allergies have risen.", 0),
            day("2015-02-23")
        );
        assert_eq!(
            dateline(
                "CAIRO, 11 February 2011 (UPI) -- Crowds filled the square.",
                0
            ),
            day("2011-02-11")
        );
        assert_eq!(
            dateline(
                "Tuesday 15 October 2019 by Jane Doe\n\nThe last weeks were hard.",
                0
            ),
            day("2019-10-15")
        );
    }

    #[test]
    fn a_byline_or_time_stamp_dates_the_article() {
        assert_eq!(
            dateline(
                "By Jane Doe – Published: Fri, October 1, 2021, 3:07 AM·4 min read\nText.",
                0
            ),
            day("2021-10-01")
        );
        assert_eq!(
            dateline(
                "Posted by ann, bob on 2019-02-15, all posts\nThis week was busy.",
                0
            ),
            day("2019-02-15")
        );
        assert_eq!(dateline("Updated 3 May 2020\nText.", 0), day("2020-05-03"));
    }

    #[test]
    fn a_date_in_running_text_or_a_caption_is_no_dateline() {
        for text in [
            "Ferry timetable\nThe island ferry runs again from 12 April 2019, the council said.",
            "Fares rise\nFares on the ferry rise by a tenth from 1 November 2021.",
            "A minister meets a minister in Vienna, Austria on Jan. 16, 2016. Credit: AP\nText.",
            "Founded February 28, 1998; 18 years ago\nText.",
            "12 April 2019 was the day the ferry stopped.",
            "On 12 April 2019 the ferry stopped\nText.",
            "By 12 April 2019 every ferry must run\nText.",
            "The results were posted on 12 April 2019.\nText.",
        ] {
            assert_eq!(dateline(text, 0), None, "{text}");
        }
    }

    #[test]
    fn only_the_top_lines_of_the_body_count() {
        let text = "+++\ntitle = \"x\"\n+++\nOne.\nTwo.\nThree.\nFour.\n12 April 2019\n";
        assert_eq!(dateline(text, 0), None);
        let body = text.find("One.").unwrap();
        assert_eq!(dateline(text, body), None);
        let text = "a\n\n12 April 2019\n";
        assert_eq!(dateline(text, 0), day("2019-04-12"));
        // a date without its year or its day is no publication date
        assert_eq!(dateline("April 2019\nText.", 0), None);
        assert_eq!(dateline("Sunday, March 21\nText.", 0), None);
    }

    #[test]
    fn the_first_full_date_at_the_top_is_kept_apart_from_the_dateline() {
        let caption = "Talks\nA minister in Vienna on Jan. 16, 2016. Credit: AP\nText.";
        assert_eq!(
            dates_at_top(caption, 0),
            TopDates {
                dateline: None,
                first: day("2016-01-16"),
            }
        );
        let both = "In Vienna on Jan. 16, 2016.\nMarch 3, 2018 -- Text.";
        assert_eq!(
            dates_at_top(both, 0),
            TopDates {
                dateline: day("2018-03-03"),
                first: day("2016-01-16"),
            }
        );
        assert_eq!(dates_at_top("No dates here.\n", 0), TopDates::default());
    }
}
