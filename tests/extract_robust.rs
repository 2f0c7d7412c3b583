//! The extractor never panics, whatever the text: random mixtures of the
//! words, numbers and marks its rules look at, and odd Unicode.

use annals::extract::extract_text;
use annals::model::DateValue;

const PIECES: &[&str] = &[
    "the",
    "a",
    "last",
    "next",
    "this",
    "that",
    "early",
    "late",
    "mid",
    "-",
    "–",
    ",",
    ".",
    "'",
    "’",
    "s",
    "of",
    "in",
    "on",
    "at",
    "by",
    "until",
    "as",
    "soon",
    "ago",
    "later",
    "earlier",
    "before",
    "after",
    "day",
    "days",
    "week",
    "weekend",
    "month",
    "year",
    "years",
    "decade",
    "century",
    "quarter",
    "third",
    "second",
    "first",
    "Monday",
    "Fri",
    "May",
    "March",
    "Aug",
    "Sept",
    "December",
    "summer",
    "fall",
    "Christmas",
    "Eve",
    "New",
    "Year",
    "Day",
    "Easter",
    "week",
    "Q",
    "3",
    "15",
    "31",
    "0",
    "1",
    "2",
    "12",
    "24",
    "99",
    "1998",
    "2016",
    "0735",
    "2000",
    "9999",
    "1000",
    "100000000000",
    ":",
    "30",
    "a",
    "m",
    "p",
    "am",
    "PM",
    "GMT",
    "EDT",
    "noon",
    "midnight",
    "1/2",
    "/",
    "$",
    "%",
    "(",
    ")",
    "\"",
    "``",
    "''",
    "now",
    "today",
    "tonight",
    "yesterday",
    "tomorrow",
    "future",
    "past",
    "recently",
    "every",
    "other",
    "daily",
    "per",
    "times",
    "twice",
    "half",
    "and",
    "or",
    "from",
    "to",
    "between",
    "since",
    "fiscal",
    "FY",
    "post",
    "pre",
    "will",
    "was",
    "said",
    "would",
    "planned",
    "to",
    "leave",
    "Thanksgiving",
    "Good",
    "Friday",
    "Martin",
    "Luther",
    "King",
    "Jr",
    "ten",
    "twenty",
    "five",
    "several",
    "few",
    "couple",
    "dozen",
    "old",
    "long",
    "é",
    "漢字",
    "\u{202e}",
    "\n",
    "  ",
    "ﬁ",
    "İstanbul",
    "1998s",
    "'90s",
    "20th",
];

#[test]
fn random_token_soup_never_panics() {
    let mut state: u64 = 0x2545_f491_4f6c_dd1d;
    let mut next = || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    let published: Option<DateValue> = "2016-07-20".parse().ok();
    for round in 0..3000 {
        let n = 1 + (next() % 30) as usize;
        let mut text = String::new();
        for _ in 0..n {
            text.push_str(PIECES[(next() % PIECES.len() as u64) as usize]);
            if next() % 3 != 0 {
                text.push(' ');
            }
        }
        let reference = if round % 4 == 0 { None } else { published };
        for m in extract_text(&text, reference) {
            assert!(m.start < m.end && m.end <= text.len(), "{text:?}");
            assert!(text.is_char_boundary(m.start) && text.is_char_boundary(m.end));
            let _ = m.value.to_string();
        }
    }
}

#[test]
fn extreme_numbers_and_dates_are_refused_quietly() {
    let published: Option<DateValue> = "0001-01-01".parse().ok();
    for text in [
        "9999 years ago and 9999 years later, in 9999 decades.",
        "Two years before 1000, on Dec. 31, 9999 and Jan. 1 of year 1.",
        "Last Christmas and next Easter, in the 30th century.",
    ] {
        for r in [published, "9999-12-31".parse().ok(), None] {
            let _ = extract_text(text, r);
        }
    }
}

/// Found by the `article` fuzz target: a rule that reads past its keyword
/// ("three days after" + an anchor) met the end of the text right there and
/// indexed one token too far. Every phrase the rules read is cut after each
/// of its words, so that each rule meets the end of the text at each step.
#[test]
fn phrases_cut_short_at_the_end_of_the_text() {
    let published: Option<DateValue> = "2016-07-20".parse().ok();
    let phrases = [
        "It happened three days after the July 15 coup attempt.",
        "Two years before 2011 the talks began.",
        "Ten years after the war, in 2016, the talks resumed.",
        "The day before last Tuesday's hearing he left.",
        "The day after tomorrow and the day before yesterday.",
        "In the week of March 6 the border opened.",
        "Five months from now, or two weeks later, or a decade earlier.",
        "Between 2015 and 2017, from May to July, since 1998.",
        "At 10:30 a.m. on Friday, Dec. 31, 1999, in the summer of '69.",
        "The first quarter of fiscal 2016 and the 1990s.",
    ];
    for phrase in phrases {
        let words: Vec<&str> = phrase.split(' ').collect();
        for k in 1..=words.len() {
            let text = words[..k].join(" ");
            for reference in [published, None] {
                for m in extract_text(&text, reference) {
                    assert!(m.start < m.end && m.end <= text.len(), "{text:?}");
                }
            }
            // and without the final punctuation
            let bare = text.trim_end_matches(['.', ',']);
            let _ = extract_text(bare, published);
        }
    }
}
