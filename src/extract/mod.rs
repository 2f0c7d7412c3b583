//! Temporal expressions: finding them in text and resolving them against a
//! reference date, at the precision the text supports.

mod rules;
pub mod tokens;

use std::ops::Range;

use chrono::{Datelike, Duration, NaiveDate, Weekday};

use crate::model::{DateValue, Precision, Season};

pub use rules::find_raw;

/// What an expression says before it is resolved against a reference date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Raw {
    /// Explicit calendar parts; a missing year is taken from the reference.
    Calendar {
        year: Option<i32>,
        month: Option<u32>,
        day: Option<u32>,
    },
    /// A weekday, with "last" (-1), "next" (+1), "this" (0) or nothing.
    Weekday {
        weekday: Weekday,
        dir: Option<i8>,
    },
    /// Days from the reference: today 0, yesterday -1, tomorrow +1.
    Days(i64),
    /// A unit from the reference: "last week" is (Week, -1).
    Units {
        unit: Unit,
        offset: i32,
    },
    /// A season, with its year when given, else a direction from the reference.
    Season {
        season: Season,
        year: Option<i32>,
        dir: Option<i8>,
    },
    /// A quarter, with its year when given.
    Quarter {
        quarter: u8,
        year: Option<i32>,
        dir: Option<i8>,
    },
    Decade(i32),
    Century(i32),
    Ref(RefKind),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    Day,
    Week,
    Month,
    Quarter,
    Year,
    Decade,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RefKind {
    Present,
    Past,
    Future,
}

impl RefKind {
    pub fn as_str(self) -> &'static str {
        match self {
            RefKind::Present => "PRESENT_REF",
            RefKind::Past => "PAST_REF",
            RefKind::Future => "FUTURE_REF",
        }
    }
}

/// Which way the wording points, for expressions that leave it open.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tense {
    Past,
    Future,
    Unknown,
}

/// A resolved value: a calendar value, a reference to now/past/future, or what
/// is known when the year cannot be determined (`XXXX-07-15`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Value {
    Date(DateValue),
    Ref(RefKind),
    Unanchored(String),
}

impl Value {
    pub fn date(&self) -> Option<DateValue> {
        match self {
            Value::Date(d) => Some(*d),
            _ => None,
        }
    }
    pub fn precision_str(&self) -> &'static str {
        match self {
            Value::Date(d) => d.precision().as_str(),
            Value::Ref(_) => "ref",
            Value::Unanchored(s) => {
                if s.len() >= 10 {
                    "day"
                } else if s.contains('W') {
                    "week"
                } else {
                    "month"
                }
            }
        }
    }
}

impl std::fmt::Display for Value {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Value::Date(d) => write!(f, "{d}"),
            Value::Ref(r) => f.write_str(r.as_str()),
            Value::Unanchored(s) => f.write_str(s),
        }
    }
}

/// A temporal expression found in text.
#[derive(Debug, Clone, PartialEq)]
pub struct Mention {
    /// Byte span of the expression in the text given.
    pub start: usize,
    pub end: usize,
    pub value: Value,
    /// Byte span of the sentence holding it.
    pub sentence: Range<usize>,
    /// The expression came with its own year (it needed no reference date).
    pub absolute: bool,
}

/// Resolves `raw` against `reference` (the publication date, or the nearest
/// preceding absolute date). `None` when nothing can be said.
pub fn resolve(raw: Raw, reference: Option<DateValue>, tense: Tense) -> Option<Value> {
    let past = tense != Tense::Future;
    match raw {
        Raw::Calendar { year, month, day } => {
            if let Some(y) = year {
                return match (month, day) {
                    (Some(m), Some(d)) => DateValue::day(y, m, d),
                    (Some(m), None) => DateValue::month(y, m),
                    _ => DateValue::year(y),
                }
                .map(Value::Date);
            }
            let month = month?;
            let Some(r) = reference else {
                return Some(Value::Unanchored(match day {
                    Some(d) => format!("XXXX-{month:02}-{d:02}"),
                    None => format!("XXXX-{month:02}"),
                }));
            };
            let ry = r.first_year();
            let (rm, rd) = match r {
                DateValue::Day(d) => (Some(d.month()), Some(d.day())),
                DateValue::Month { month, .. } => (Some(month as u32), None),
                _ => (None, None),
            };
            let Some(rm) = rm else {
                // The reference is known only to the year: so is this.
                return DateValue::year(ry).map(Value::Date);
            };
            let key = (month, day.unwrap_or(0));
            let rkey = (rm, rd.unwrap_or(key.1));
            let y = if month == rm && (rd.is_none() || day.is_none()) {
                ry
            } else {
                match tense {
                    Tense::Future if key < rkey => ry + 1,
                    Tense::Future => ry,
                    Tense::Past if key > rkey => ry - 1,
                    Tense::Past => ry,
                    Tense::Unknown => {
                        // the nearer of this year's and the neighbouring year's
                        let md = |m: u32, d: u32| m as i32 * 31 + d as i32;
                        let diff = md(key.0, key.1) - md(rkey.0, rkey.1);
                        if diff > 6 * 31 {
                            ry - 1
                        } else if diff < -6 * 31 {
                            ry + 1
                        } else {
                            ry
                        }
                    }
                }
            };
            match day {
                Some(d) => DateValue::day(y, month, d),
                None => DateValue::month(y, month),
            }
            .map(Value::Date)
        }
        Raw::Weekday { weekday, dir } => {
            let r = reference?;
            let DateValue::Day(rd) = r else {
                return coarse(r);
            };
            let from = rd.weekday().num_days_from_monday() as i64;
            let to = weekday.num_days_from_monday() as i64;
            let delta = match dir {
                Some(-1) => {
                    let back = (from - to).rem_euclid(7);
                    -(if back == 0 { 7 } else { back })
                }
                Some(1) => {
                    let fwd = (to - from).rem_euclid(7);
                    if fwd == 0 { 7 } else { fwd }
                }
                Some(_) => to - from,
                None if past => -(from - to).rem_euclid(7),
                None => (to - from).rem_euclid(7),
            };
            Some(Value::Date(DateValue::Day(rd + Duration::days(delta))))
        }
        Raw::Days(n) => {
            let r = reference?;
            match r {
                DateValue::Day(d) => d
                    .checked_add_signed(Duration::days(n))
                    .map(|d| Value::Date(DateValue::Day(d))),
                other => coarse(other),
            }
        }
        Raw::Units { unit, offset } => {
            let r = reference?;
            shift(r, unit, offset)
        }
        Raw::Season { season, year, dir } => {
            let year = match year {
                Some(y) => y,
                None => {
                    let r = reference?;
                    let ry = r.first_year();
                    let rm = r.start().month();
                    let current = season_of(rm);
                    let order = |s: Season| s as i32;
                    match dir {
                        Some(-1) if order(season) >= order(current) => ry - 1,
                        Some(1) if order(season) <= order(current) => ry + 1,
                        _ => ry,
                    }
                }
            };
            (crate::model::MIN_YEAR..=crate::model::MAX_YEAR)
                .contains(&year)
                .then_some(Value::Date(DateValue::Season { year, season }))
        }
        Raw::Quarter { quarter, year, dir } => {
            let year = match year {
                Some(y) => y,
                None => {
                    let r = reference?;
                    let rq = (r.start().month() - 1) / 3 + 1;
                    let ry = r.first_year();
                    match dir {
                        Some(-1) if quarter as u32 >= rq => ry - 1,
                        Some(1) if quarter as u32 <= rq => ry + 1,
                        None if past && quarter as u32 > rq => ry - 1,
                        _ => ry,
                    }
                }
            };
            (crate::model::MIN_YEAR..=crate::model::MAX_YEAR)
                .contains(&year)
                .then_some(Value::Date(DateValue::Quarter { year, quarter }))
        }
        Raw::Decade(d) => Some(Value::Date(DateValue::Decade(d))),
        Raw::Century(c) => Some(Value::Date(DateValue::Century(c))),
        Raw::Ref(k) => Some(Value::Ref(k)),
    }
}

/// A reference coarser than a day resolves day-grained expressions only to its
/// own precision.
fn coarse(r: DateValue) -> Option<Value> {
    match r.precision() {
        Precision::Month | Precision::Year => Some(Value::Date(r)),
        _ => DateValue::year(r.first_year()).map(Value::Date),
    }
}

fn season_of(month: u32) -> Season {
    match month {
        3..=5 => Season::Spring,
        6..=8 => Season::Summer,
        9..=11 => Season::Fall,
        _ => Season::Winter,
    }
}

fn shift(r: DateValue, unit: Unit, offset: i32) -> Option<Value> {
    let start = r.start();
    let value = match unit {
        Unit::Day => match r {
            DateValue::Day(d) => {
                DateValue::Day(d.checked_add_signed(Duration::days(offset as i64))?)
            }
            other => return coarse(other),
        },
        Unit::Week => match r {
            DateValue::Day(d) => {
                let d = d.checked_add_signed(Duration::weeks(offset as i64))?;
                let w = d.iso_week();
                DateValue::Week {
                    year: w.year(),
                    week: w.week() as u8,
                }
            }
            other => return coarse(other),
        },
        Unit::Month => match r.precision() {
            Precision::Day | Precision::Week | Precision::Month => {
                let total = start.year() * 12 + start.month() as i32 - 1 + offset;
                DateValue::month(total.div_euclid(12), total.rem_euclid(12) as u32 + 1)?
            }
            _ => return coarse(r),
        },
        Unit::Quarter => {
            let q = (start.month() as i32 - 1) / 3 + offset;
            let year = start.year() + q.div_euclid(4);
            DateValue::Quarter {
                year,
                quarter: (q.rem_euclid(4) + 1) as u8,
            }
        }
        Unit::Year => DateValue::year(start.year() + offset)?,
        Unit::Decade => DateValue::Decade(start.year().div_euclid(10) + offset),
    };
    Some(Value::Date(value))
}

/// The day of week named by an English word, full or abbreviated.
pub fn weekday_of(word: &str) -> Option<(Weekday, bool)> {
    let w = word.to_ascii_lowercase();
    Some(match w.as_str() {
        "monday" => (Weekday::Mon, false),
        "tuesday" => (Weekday::Tue, false),
        "wednesday" => (Weekday::Wed, false),
        "thursday" => (Weekday::Thu, false),
        "friday" => (Weekday::Fri, false),
        "saturday" => (Weekday::Sat, false),
        "sunday" => (Weekday::Sun, false),
        "mon" => (Weekday::Mon, true),
        "tue" | "tues" => (Weekday::Tue, true),
        "wed" => (Weekday::Wed, true),
        "thu" | "thur" | "thurs" => (Weekday::Thu, true),
        "fri" => (Weekday::Fri, true),
        "sat" => (Weekday::Sat, true),
        "sun" => (Weekday::Sun, true),
        _ => return None,
    })
}

/// The month named by an English word; the flag is true for abbreviations.
pub fn month_of(word: &str) -> Option<(u32, bool)> {
    if word.len() > 9 || word.len() < 3 {
        return None;
    }
    let w = word.to_ascii_lowercase();
    Some(match w.as_str() {
        "january" => (1, false),
        "february" => (2, false),
        "march" => (3, false),
        "april" => (4, false),
        "may" => (5, false),
        "june" => (6, false),
        "july" => (7, false),
        "august" => (8, false),
        "september" => (9, false),
        "october" => (10, false),
        "november" => (11, false),
        "december" => (12, false),
        "jan" => (1, true),
        "feb" => (2, true),
        "mar" => (3, true),
        "apr" => (4, true),
        "jun" => (6, true),
        "jul" => (7, true),
        "aug" => (8, true),
        "sep" | "sept" => (9, true),
        "oct" => (10, true),
        "nov" => (11, true),
        "dec" => (12, true),
        _ => return None,
    })
}

/// Extracts every temporal expression from `text[range]`, sentence by sentence,
/// skipping the `skip` ranges (page furniture). `published` is the reference;
/// without it, the nearest preceding absolute date in the text serves.
pub fn extract(
    text: &str,
    sentences: &[Range<usize>],
    skip: &[Range<usize>],
    published: Option<DateValue>,
) -> Vec<Mention> {
    let mut out = Vec::new();
    let mut toks = Vec::new();
    let mut narrative: Option<DateValue> = None;
    // Walk the skipped ranges in order beside the sentences, so that an article
    // with many of both costs their sum, not their product.
    let mut sorted_skip;
    let skip = if skip.is_sorted_by_key(|r| r.start) {
        skip
    } else {
        sorted_skip = skip.to_vec();
        sorted_skip.sort_by_key(|r| r.start);
        &sorted_skip[..]
    };
    let mut first_skip = 0;
    let mut last_start = 0;
    for sentence in sentences {
        toks.clear();
        if sentence.start < last_start {
            // sentences out of order: look through the skipped ranges afresh
            first_skip = 0;
        }
        last_start = sentence.start;
        // tokenize the sentence minus skipped ranges
        while first_skip < skip.len() && skip[first_skip].end <= sentence.start {
            first_skip += 1;
        }
        let mut pos = sentence.start;
        for s in skip[first_skip..]
            .iter()
            .take_while(|s| s.start < sentence.end)
            .filter(|s| s.end > sentence.start)
        {
            if s.start > pos {
                tokens::tokenize(text, pos, s.start, &mut toks);
            }
            pos = pos.max(s.end);
        }
        if pos < sentence.end {
            tokens::tokenize(text, pos, sentence.end, &mut toks);
        }
        if toks.is_empty() {
            continue;
        }
        for found in find_raw(text, &toks) {
            let reference = published.or(narrative);
            let absolute = matches!(found.raw, Raw::Calendar { year: Some(_), .. });
            // a value past the years a date may have cannot be written down
            let Some(value) = resolve(found.raw, reference, found.tense)
                .filter(|v| v.date().is_none_or(|d| d.in_range()))
            else {
                continue;
            };
            if absolute {
                if let Value::Date(d) = value {
                    if matches!(d.precision(), Precision::Day | Precision::Month) {
                        narrative = Some(d);
                    }
                }
            }
            out.push(Mention {
                start: found.start,
                end: found.end,
                value,
                sentence: sentence.clone(),
                absolute,
            });
        }
    }
    out
}

/// Extracts from a lone piece of text, treating each line as a sentence.
pub fn extract_text(text: &str, published: Option<DateValue>) -> Vec<Mention> {
    let sentences = crate::article::sentences(text, 0);
    extract(text, &sentences, &[], published)
}

/// The date a dateline states near the top of a text: the first full date with
/// its year among the first non-empty lines.
pub fn dateline(text: &str, body_start: usize) -> Option<DateValue> {
    let body = &text[body_start..];
    let mut end = body_start;
    let mut lines = 0;
    for line in body.split_inclusive('\n') {
        end += line.len();
        if !line.trim().is_empty() {
            lines += 1;
        }
        if lines >= 4 {
            break;
        }
    }
    let sentences = crate::article::sentences(&text[..end], body_start);
    extract(text, &sentences, &[], None)
        .into_iter()
        .filter(|m| m.absolute)
        .find_map(|m| m.value.date().filter(|d| d.precision() == Precision::Day))
}

/// The weekday of a date, for tests and callers.
pub fn weekday(d: NaiveDate) -> Weekday {
    d.weekday()
}
