//! Temporal expressions: finding them in text and resolving them against a
//! reference date, at the precision the text supports.
//!
//! The pipeline for one text: sentences are tokenized ([`tokens`]), every word
//! looked up once in a table ([`lexicon`]); the rules ([`rules`]) find
//! expressions and say what they mean before any reference date is known
//! ([`Raw`]), with the tense of the clause around them; [`resolve`] turns that
//! into a TimeML value against the publication date (or, without one, the
//! nearest preceding absolute date), and anaphoric expressions ("the following
//! day", "later that year") against the last date the text spoke of.

mod dateline;
pub use dateline::{TopDates, dateline, dates_at_top, shaped_as_dateline};
pub mod lexicon;
mod resolve;
mod rules;
pub mod tokens;

use std::ops::Range;

use chrono::{Datelike, NaiveDate};

use crate::model::{DateValue, Precision, Season};

pub use lexicon::{DayPart, Holiday, Unit};
pub use resolve::{holiday_date, resolve};
pub use rules::{Found, find_raw};

/// Which year a season, quarter or holiday falls in, when the text says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Yr {
    /// Not said: taken from the reference, the direction and the tense.
    Open,
    /// Stated: "the fall of 1998".
    Abs(i32),
    /// Relative to the reference: "the fourth quarter of last year" is -1.
    Rel(i32),
}

/// How long, as words say it: `n` whole units (none when vague: "years"),
/// plus a half ("5 1/2 hours").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Amount {
    pub n: Option<u32>,
    pub half: bool,
}

/// What an expression says before it is resolved against a reference date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Raw {
    /// Explicit calendar parts; a missing year (or month) is taken from the
    /// reference. A weekday, when given, picks the year that fits it.
    Calendar {
        year: Option<i32>,
        month: Option<u32>,
        day: Option<u32>,
        weekday: Option<u8>,
    },
    /// A weekday (0 = Monday), with "last" (-1), "next" (+1), "this" (0) or nothing.
    Weekday {
        weekday: u8,
        dir: Option<i8>,
    },
    /// Days from the reference: today 0, yesterday -1, tomorrow +1.
    Days(i64),
    /// A unit from the reference: "last week" is (Week, -1), "three years ago" (Year, -3).
    Units {
        unit: Unit,
        offset: i32,
    },
    /// A season, with its year when given, else a direction from the reference.
    Season {
        season: Season,
        year: Yr,
        dir: Option<i8>,
    },
    /// A quarter, with its year when given.
    Quarter {
        quarter: u8,
        year: Yr,
        dir: Option<i8>,
    },
    Decade(i32),
    Century(i32),
    Ref(RefKind),
    /// A holiday, with its year when given, else a direction.
    Holiday {
        holiday: Holiday,
        year: Yr,
        dir: Option<i8>,
    },
    /// Relative to the last date the text spoke of: "the following day" is
    /// (Day, 1), "later that year" (Year, 0), "a week earlier" (Week, -1).
    Anaphor {
        unit: Unit,
        offset: i32,
    },
    /// A date a catalog event or an absolute expression gives, shifted: "ten
    /// years after the start of the war".
    Anchored {
        date: DateValue,
        unit: Unit,
        offset: i32,
    },
    /// A length of time: "three days", "the past two months".
    Duration {
        amount: Amount,
        unit: Unit,
    },
    /// A recurrence: "daily", "every week", "every Monday" (weekday set).
    Set {
        unit: Unit,
        every: u32,
        weekday: Option<u8>,
    },
    /// A clock time alone ("10:35 a.m."): its day comes from the sentence or
    /// the narrative.
    Clock,
    /// A month (and day) in a year relative to the reference: "April last
    /// year" is (4, None, -1).
    InYear {
        month: u32,
        day: Option<u32>,
        offset: i32,
    },
    /// A quarter a business report names by reference: "the quarter", "the
    /// latest period" (the last quarter the text named), "the year-ago
    /// quarter" and, once a quarter was named, "a year earlier" (that quarter a
    /// year before), "the 1988 period" (that quarter in 1988). Without a quarter
    /// named before, `fallback` says what is left.
    Reported {
        year: Yr,
        fallback: Fallback,
    },
}

/// What a [`Raw::Reported`] means when the text has named no quarter before it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fallback {
    /// Nothing: "the latest period" alone is not a date.
    None,
    /// The reference's quarter: "the quarter".
    Quarter,
    /// The last quarter that has ended: "the latest quarter", "the last
    /// quarter". A quarter named before that has not ended yet (a forecast
    /// for the "fourth quarter") is not it.
    EndedQuarter,
    /// The year: stated, or relative to the reference ("a year ago").
    Year,
    /// The year relative to the last date the text spoke of ("a year earlier").
    YearAnaphor,
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

/// Which way the wording around an expression points, for expressions that
/// leave it open.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tense {
    Past,
    Present,
    Future,
    Unknown,
}

/// A resolved value, written the TimeML way by `Display`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Value {
    /// A calendar value: a span on the timeline.
    Date(DateValue),
    /// A clock time on a known day: `1998-08-07T10:35`.
    Time(NaiveDate, u8, u8),
    /// The weekend of an ISO week: `1990-W32-WE`.
    Weekend { year: i32, week: u8 },
    /// Now, the past, the future: places nothing on the timeline.
    Ref(RefKind),
    /// What is known when the year or day cannot be determined
    /// (`XXXX-07-15`, `XXXX-XX-XXT10:35`).
    Unanchored(String),
    /// A length of time (`P3D`, `PT5H30M`, `PXY`).
    Duration(String),
    /// A recurrence (`P1D`, `XXXX-WXX-1`).
    Set(String),
}

impl Value {
    /// The calendar value an event on the timeline takes from this mention, if any.
    pub fn date(&self) -> Option<DateValue> {
        match self {
            Value::Date(d) => Some(*d),
            Value::Time(d, _, _) => Some(DateValue::Day(*d)),
            Value::Weekend { year, week } => Some(DateValue::Week {
                year: *year,
                week: *week,
            }),
            _ => None,
        }
    }

    /// The grain of the value, in words.
    pub fn precision_str(&self) -> &'static str {
        match self {
            Value::Date(d) => d.precision().as_str(),
            Value::Time(..) => "time",
            Value::Weekend { .. } => "week",
            Value::Ref(_) => "ref",
            Value::Unanchored(s) => {
                if s.contains('T') {
                    "time"
                } else if s.len() >= 10 {
                    "day"
                } else if s.contains('W') {
                    "week"
                } else {
                    "month"
                }
            }
            Value::Duration(_) => "duration",
            Value::Set(_) => "set",
        }
    }
}

impl std::fmt::Display for Value {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Value::Date(d) => write!(f, "{d}"),
            Value::Time(d, h, m) => write!(f, "{}T{h:02}:{m:02}", DateValue::Day(*d)),
            Value::Weekend { year, week } => {
                write!(
                    f,
                    "{}-WE",
                    DateValue::Week {
                        year: *year,
                        week: *week
                    }
                )
            }
            Value::Ref(r) => f.write_str(r.as_str()),
            Value::Unanchored(s) | Value::Duration(s) | Value::Set(s) => f.write_str(s),
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

/// A span of text that names something dated, such as a catalog event's alias:
/// "ten years after <anchor>" is resolved from its date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Anchor {
    pub start: usize,
    pub end: usize,
    pub date: DateValue,
}

/// What the text has said so far: the reference for deictic expressions and
/// the last dates for anaphoric ones.
#[derive(Debug, Clone, Copy, Default)]
pub struct Context {
    /// The publication date, when known.
    pub published: Option<DateValue>,
    /// The nearest preceding absolute date of day or month precision.
    pub narrative: Option<DateValue>,
    /// The last day the text spoke of, however it said it.
    pub last_day: Option<NaiveDate>,
    /// The last calendar value the text spoke of.
    pub last_date: Option<DateValue>,
    /// The last quarter the text named ("the third quarter"), for "the quarter"
    /// and "a year earlier" in business reports.
    pub last_quarter: Option<DateValue>,
    /// The last few days the text named with their year ("October 7, 2023"):
    /// the same month and day said again without it mean that day.
    pub named_days: [Option<NaiveDate>; NAMED_DAYS],
    /// The day the text last gave each weekday with its date ("Tuesday (June
    /// 12)"), Monday first: the weekday said alone near it means that day.
    pub weekdays: [Option<NaiveDate>; 7],
}

/// How many days named with their year a text's context remembers.
pub const NAMED_DAYS: usize = 8;

impl Context {
    /// The reference for deictic expressions ("yesterday", "last week").
    pub fn reference(&self) -> Option<DateValue> {
        self.published.or(self.narrative)
    }

    fn note(&mut self, value: &Value, absolute: bool) {
        let Some(d) = value.date() else {
            return;
        };
        if let DateValue::Day(day) = d {
            self.last_day = Some(day);
        }
        self.last_date = Some(d);
        if absolute && matches!(d.precision(), Precision::Day | Precision::Month) {
            self.narrative = Some(d);
        }
        if let (true, DateValue::Day(day)) = (absolute, d) {
            if !self.named_days.contains(&Some(day)) {
                self.named_days.rotate_right(1);
                self.named_days[0] = Some(day);
            }
        }
    }

    /// The day the text named earlier with its year that has this month and day.
    pub fn named_day(&self, month: u32, day: u32) -> Option<NaiveDate> {
        self.named_days
            .iter()
            .flatten()
            .find(|d| d.month() == month && d.day() == day)
            .copied()
    }
}

/// Extracts every temporal expression from the given sentences of `text`,
/// skipping the `skip` ranges (page furniture). `published` is the reference;
/// without it, the nearest preceding absolute date in the text serves.
/// `anchors` are spans that name dated things ("the start of the war"), sorted
/// by start; an expression such as "ten years after <anchor>" is resolved from them.
pub fn extract(
    text: &str,
    sentences: &[Range<usize>],
    skip: &[Range<usize>],
    published: Option<DateValue>,
    anchors: &[Anchor],
) -> Vec<Mention> {
    let mut out = Vec::new();
    let mut toks = Vec::new();
    let mut found = Vec::new();
    let mut ctx = Context {
        published,
        ..Context::default()
    };
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
    // Without a publication date, what came before the text's first absolute
    // date had no reference: it is resolved again against that date.
    let mut pending: Vec<(usize, Found, Context)> = Vec::new();
    for sentence in sentences {
        toks.clear();
        if sentence.start < last_start {
            // sentences out of order: look through the skipped ranges afresh
            first_skip = 0;
        }
        last_start = sentence.start;
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
        let lo = anchors.partition_point(|a| a.end <= sentence.start);
        let hi = anchors.partition_point(|a| a.start < sentence.end);
        let sentence_anchors = &anchors[lo..hi.max(lo)];
        found.clear();
        find_raw(text, &toks, sentence_anchors, &mut found);
        if found.is_empty() {
            continue;
        }
        let first_out = out.len();
        let mut clocks: Vec<(usize, u8, u8)> = Vec::new();
        let prior_day = ctx.last_day;
        for f in &found {
            let absolute = is_absolute(&f.raw);
            // a value past the years a date may have cannot be written down
            let Some(value) = resolve(f, &ctx).filter(|v| v.date().is_none_or(|d| d.in_range()))
            else {
                continue;
            };
            if let (Raw::Clock, Some((h, m))) = (f.raw, f.clock) {
                clocks.push((out.len(), h, m));
            }
            if ctx.reference().is_none() && matches!(value, Value::Unanchored(_)) {
                pending.push((out.len(), *f, ctx));
            }
            let had_reference = ctx.reference().is_some();
            ctx.note(&value, absolute);
            if !had_reference && !pending.is_empty() {
                if let Some(first) = ctx.narrative {
                    resolve_pending(&mut out, &mut pending, first);
                }
            }
            if let (
                Raw::Calendar {
                    weekday: Some(wd), ..
                },
                Some(DateValue::Day(day)),
            ) = (f.raw, value.date())
            {
                if day.weekday().num_days_from_monday() == u32::from(wd) {
                    ctx.weekdays[usize::from(wd)] = Some(day);
                }
            }
            if let (Raw::Quarter { .. }, Some(q)) = (f.raw, value.date()) {
                ctx.last_quarter = Some(q);
            }
            out.push(Mention {
                start: f.start,
                end: f.end,
                value,
                sentence: sentence.clone(),
                absolute,
            });
        }
        if !clocks.is_empty() {
            anchor_clocks(&mut out, first_out, &clocks, prior_day, &ctx);
        }
    }
    out
}

/// Resolves again, against the text's first absolute date (`first`), the
/// expressions found before it that had no reference ("September 19" in an
/// undated text that later says "January 1, 2024"); a clock time among them
/// takes the day its sentence then names.
fn resolve_pending(
    out: &mut [Mention],
    pending: &mut Vec<(usize, Found, Context)>,
    first: DateValue,
) {
    for (i, f, ctx) in pending.iter_mut() {
        ctx.narrative = Some(first);
        if let Some(value) = resolve(f, ctx).filter(|v| v.date().is_some_and(|d| d.in_range())) {
            out[*i].value = value;
        }
    }
    for (i, f, _) in pending.drain(..) {
        if let (Raw::Clock, Some((h, m))) = (f.raw, f.clock) {
            let sentence = out[i].sentence.clone();
            let day = out
                .iter()
                .filter(|o| o.sentence == sentence)
                .filter_map(|o| match o.value {
                    Value::Date(DateValue::Day(d)) => Some((o.start.abs_diff(out[i].start), d)),
                    _ => None,
                })
                .min()
                .map(|(_, d)| d);
            if let Some(d) = day {
                out[i].value = Value::Time(d, h, m);
            }
        }
    }
}

fn is_absolute(raw: &Raw) -> bool {
    match raw {
        Raw::Calendar { year, .. } => year.is_some(),
        Raw::Season { year, .. }
        | Raw::Quarter { year, .. }
        | Raw::Holiday { year, .. }
        | Raw::Reported { year, .. } => {
            matches!(year, Yr::Abs(_))
        }
        Raw::Decade(_) | Raw::Century(_) | Raw::Anchored { .. } => true,
        _ => false,
    }
}

/// Gives clock times found alone ("at 10:35 a.m.") the day the sentence speaks
/// of (the nearest such mention), else the last day of the narrative before the
/// sentence, else the reference day.
fn anchor_clocks(
    out: &mut [Mention],
    first: usize,
    clocks: &[(usize, u8, u8)],
    before: Option<NaiveDate>,
    ctx: &Context,
) {
    for &(i, h, min) in clocks {
        let near = out[first..]
            .iter()
            .filter_map(|m| match m.value {
                Value::Date(DateValue::Day(d)) => Some((m.start, d)),
                _ => None,
            })
            .min_by_key(|(start, _)| start.abs_diff(out[i].start))
            .map(|(_, d)| d);
        let reference = match ctx.reference() {
            Some(DateValue::Day(d)) => Some(d),
            _ => None,
        };
        if let Some(d) = near.or(before).or(reference) {
            out[i].value = Value::Time(d, h, min);
        }
    }
}

/// Extracts from a lone piece of text, split into sentences the way articles are.
pub fn extract_text(text: &str, published: Option<DateValue>) -> Vec<Mention> {
    let sentences = crate::article::sentences(text, 0);
    extract(text, &sentences, &[], published, &[])
}
