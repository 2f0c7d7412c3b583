//! The data model: dates that carry their precision, events, sources and articles.
//!
//! A date is never silently widened or narrowed: "July 2016" is a month and stays a
//! month from the catalog to the screen to every export.

use std::fmt;
use std::str::FromStr;
use std::sync::Arc;

use chrono::{Datelike, NaiveDate};

pub use crate::names::Names;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// The grain of a date value, finest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Precision {
    Day,
    Week,
    Month,
    Season,
    Quarter,
    Year,
    Decade,
    Century,
}

impl Precision {
    pub fn as_str(self) -> &'static str {
        match self {
            Precision::Day => "day",
            Precision::Week => "week",
            Precision::Month => "month",
            Precision::Season => "season",
            Precision::Quarter => "quarter",
            Precision::Year => "year",
            Precision::Decade => "decade",
            Precision::Century => "century",
        }
    }
}

impl fmt::Display for Precision {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Meteorological seasons in the northern hemisphere, as TimeML writes them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Season {
    Spring,
    Summer,
    Fall,
    Winter,
}

impl Season {
    pub fn code(self) -> &'static str {
        match self {
            Season::Spring => "SP",
            Season::Summer => "SU",
            Season::Fall => "FA",
            Season::Winter => "WI",
        }
    }
    fn first_month(self) -> u32 {
        match self {
            Season::Spring => 3,
            Season::Summer => 6,
            Season::Fall => 9,
            Season::Winter => 12,
        }
    }
    pub fn name(self) -> &'static str {
        match self {
            Season::Spring => "spring",
            Season::Summer => "summer",
            Season::Fall => "autumn",
            Season::Winter => "winter",
        }
    }
}

/// Years outside this range are refused: they cannot be written as four digits.
pub const MIN_YEAR: i32 = 1;
pub const MAX_YEAR: i32 = 9999;

/// A calendar value at a stated precision, written the way TimeML writes it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DateValue {
    Day(NaiveDate),
    /// ISO 8601 week of an ISO week-year.
    Week {
        year: i32,
        week: u8,
    },
    Month {
        year: i32,
        month: u8,
    },
    Season {
        year: i32,
        season: Season,
    },
    Quarter {
        year: i32,
        quarter: u8,
    },
    Year(i32),
    /// The decade starting at `10 * n`: `Decade(199)` is the 1990s.
    Decade(i32),
    /// The hundred years starting at `100 * n`: `Century(19)` is 1900-1999.
    Century(i32),
}

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

pub fn month_name(month: u32) -> &'static str {
    MONTHS
        .get((month as usize).wrapping_sub(1))
        .copied()
        .unwrap_or("?")
}

fn ordinal_suffix(n: i32) -> &'static str {
    match (n % 10, n % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    }
}

impl DateValue {
    pub fn day(year: i32, month: u32, day: u32) -> Option<DateValue> {
        if !(MIN_YEAR..=MAX_YEAR).contains(&year) {
            return None;
        }
        NaiveDate::from_ymd_opt(year, month, day).map(DateValue::Day)
    }

    pub fn month(year: i32, month: u32) -> Option<DateValue> {
        ((MIN_YEAR..=MAX_YEAR).contains(&year) && (1..=12).contains(&month)).then_some(
            DateValue::Month {
                year,
                month: month as u8,
            },
        )
    }

    pub fn year(year: i32) -> Option<DateValue> {
        (MIN_YEAR..=MAX_YEAR)
            .contains(&year)
            .then_some(DateValue::Year(year))
    }

    pub fn precision(&self) -> Precision {
        match self {
            DateValue::Day(_) => Precision::Day,
            DateValue::Week { .. } => Precision::Week,
            DateValue::Month { .. } => Precision::Month,
            DateValue::Season { .. } => Precision::Season,
            DateValue::Quarter { .. } => Precision::Quarter,
            DateValue::Year(_) => Precision::Year,
            DateValue::Decade(_) => Precision::Decade,
            DateValue::Century(_) => Precision::Century,
        }
    }

    /// The first day of the span this value names.
    pub fn start(&self) -> NaiveDate {
        let ymd = |y: i32, m: u32| {
            NaiveDate::from_ymd_opt(y.clamp(MIN_YEAR, MAX_YEAR), m, 1).unwrap_or(NaiveDate::MIN)
        };
        match *self {
            DateValue::Day(d) => d,
            DateValue::Week { year, week } => {
                NaiveDate::from_isoywd_opt(year, week as u32, chrono::Weekday::Mon)
                    .unwrap_or_else(|| ymd(year, 1))
            }
            DateValue::Month { year, month } => ymd(year, month as u32),
            DateValue::Season { year, season } => ymd(year, season.first_month()),
            DateValue::Quarter { year, quarter } => ymd(year, (quarter as u32 - 1) * 3 + 1),
            DateValue::Year(y) => ymd(y, 1),
            DateValue::Decade(d) => ymd(d * 10, 1),
            DateValue::Century(c) => ymd(c * 100, 1),
        }
    }

    /// The first day after the span this value names (exclusive end).
    pub fn end(&self) -> NaiveDate {
        let next_month = |y: i32, m: u32, add: u32| {
            let total = y * 12 + (m as i32 - 1) + add as i32;
            NaiveDate::from_ymd_opt(total.div_euclid(12), total.rem_euclid(12) as u32 + 1, 1)
                .unwrap_or(NaiveDate::MAX)
        };
        match *self {
            DateValue::Day(d) => d.succ_opt().unwrap_or(d),
            DateValue::Week { .. } => self.start() + chrono::Duration::days(7),
            DateValue::Month { year, month } => next_month(year, month as u32, 1),
            DateValue::Season { year, season } => next_month(year, season.first_month(), 3),
            DateValue::Quarter { year, quarter } => {
                next_month(year, (quarter as u32 - 1) * 3 + 1, 3)
            }
            DateValue::Year(y) => next_month(y, 1, 12),
            DateValue::Decade(d) => next_month(d * 10, 1, 120),
            DateValue::Century(c) => next_month(c * 100, 1, 1200),
        }
    }

    /// The calendar year in which the span starts.
    pub fn first_year(&self) -> i32 {
        self.start().year()
    }

    /// True when the spans of the two values share at least one day.
    pub fn overlaps(&self, other_start: NaiveDate, other_end: NaiveDate) -> bool {
        self.start() < other_end && other_start < self.end()
    }

    /// True when the value lies in the years a date may have, so that it
    /// prints as TimeML and reads back as itself. Values made by arithmetic
    /// (the week after the last day of 9999) may not.
    pub fn in_range(&self) -> bool {
        let year_ok = |y: i32| (MIN_YEAR..=MAX_YEAR).contains(&y);
        match *self {
            DateValue::Day(d) => year_ok(d.year()),
            DateValue::Week { year, week } => {
                year_ok(year)
                    && NaiveDate::from_isoywd_opt(year, week as u32, chrono::Weekday::Mon).is_some()
            }
            DateValue::Month { year, month } => year_ok(year) && (1..=12).contains(&month),
            DateValue::Season { year, .. } => year_ok(year),
            DateValue::Quarter { year, quarter } => year_ok(year) && (1..=4).contains(&quarter),
            DateValue::Year(y) => year_ok(y),
            DateValue::Decade(d) => (0..=999).contains(&d),
            DateValue::Century(c) => (0..=99).contains(&c),
        }
    }

    /// The value in words, at its precision: "15 July 2016", "July 2016", "2016".
    pub fn describe(&self) -> String {
        match *self {
            DateValue::Day(d) => format!("{} {} {}", d.day(), month_name(d.month()), d.year()),
            DateValue::Week { year, week } => format!("week {week} of {year}"),
            DateValue::Month { year, month } => format!("{} {year}", month_name(month as u32)),
            DateValue::Season { year, season } => match season {
                Season::Winter => format!("winter {}/{}", year, (year + 1) % 100),
                _ => format!("{} {year}", season.name()),
            },
            DateValue::Quarter { year, quarter } => format!("Q{quarter} {year}"),
            DateValue::Year(y) => y.to_string(),
            DateValue::Decade(d) => format!("the {}0s", d),
            DateValue::Century(c) => format!("the {}{} century", c + 1, ordinal_suffix(c + 1)),
        }
    }
}

impl fmt::Display for DateValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            DateValue::Day(d) => write!(f, "{:04}-{:02}-{:02}", d.year(), d.month(), d.day()),
            DateValue::Week { year, week } => write!(f, "{year:04}-W{week:02}"),
            DateValue::Month { year, month } => write!(f, "{year:04}-{month:02}"),
            DateValue::Season { year, season } => write!(f, "{year:04}-{}", season.code()),
            DateValue::Quarter { year, quarter } => write!(f, "{year:04}-Q{quarter}"),
            DateValue::Year(y) => write!(f, "{y:04}"),
            DateValue::Decade(d) => write!(f, "{d:03}"),
            DateValue::Century(c) => write!(f, "{c:02}"),
        }
    }
}

/// Why a date string was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DateError {
    #[error("`{0}` is not a date: use YYYY, YYYY-MM or YYYY-MM-DD")]
    Form(String),
    #[error("`{0}` is not a real calendar date")]
    Impossible(String),
}

fn digits(s: &str, n: usize) -> Option<u32> {
    (s.len() == n && s.bytes().all(|b| b.is_ascii_digit()))
        .then(|| s.parse().ok())
        .flatten()
}

impl FromStr for DateValue {
    type Err = DateError;

    /// Reads `YYYY`, `YYYY-MM`, `YYYY-MM-DD`, and TimeML's `YYYY-Www`, `YYYY-Qn`,
    /// `YYYY-SP|SU|FA|WI`, `YYY` (decade) and `YY` (century).
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let s = s.trim();
        let form = || DateError::Form(s.to_string());
        let impossible = || DateError::Impossible(s.to_string());
        let mut parts = s.splitn(3, '-');
        let head = parts.next().unwrap_or("");
        let second = parts.next();
        let third = parts.next();
        match (second, third) {
            (None, None) => match head.len() {
                4 => {
                    let y = digits(head, 4).ok_or_else(form)?;
                    DateValue::year(y as i32).ok_or_else(impossible)
                }
                3 => digits(head, 3)
                    .map(|d| DateValue::Decade(d as i32))
                    .ok_or_else(form),
                2 => digits(head, 2)
                    .map(|c| DateValue::Century(c as i32))
                    .ok_or_else(form),
                _ => Err(form()),
            },
            (Some(rest), None) => {
                let year = digits(head, 4).ok_or_else(form)? as i32;
                if !(MIN_YEAR..=MAX_YEAR).contains(&year) {
                    return Err(impossible());
                }
                if let Some(w) = rest.strip_prefix('W').filter(|w| w != &"I") {
                    let week = digits(w, 2).ok_or_else(form)?;
                    return NaiveDate::from_isoywd_opt(year, week, chrono::Weekday::Mon)
                        .map(|_| DateValue::Week {
                            year,
                            week: week as u8,
                        })
                        .ok_or_else(impossible);
                }
                if let Some(q) = rest.strip_prefix('Q') {
                    let quarter = digits(q, 1).ok_or_else(form)?;
                    return (1..=4)
                        .contains(&quarter)
                        .then_some(DateValue::Quarter {
                            year,
                            quarter: quarter as u8,
                        })
                        .ok_or_else(impossible);
                }
                let season = match rest {
                    "SP" => Some(Season::Spring),
                    "SU" => Some(Season::Summer),
                    "FA" => Some(Season::Fall),
                    "WI" => Some(Season::Winter),
                    _ => None,
                };
                if let Some(season) = season {
                    return Ok(DateValue::Season { year, season });
                }
                let month = digits(rest, 2).ok_or_else(form)?;
                DateValue::month(year, month).ok_or_else(impossible)
            }
            (Some(m), Some(d)) => {
                let year = digits(head, 4).ok_or_else(form)? as i32;
                let month = digits(m, 2).ok_or_else(form)?;
                let day = digits(d, 2).ok_or_else(form)?;
                DateValue::day(year, month, day).ok_or_else(impossible)
            }
            (None, Some(_)) => Err(form()),
        }
    }
}

impl Serialize for DateValue {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for DateValue {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

/// Whether an event comes from the curated catalog or was found in an article.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, Hash)]
#[serde(rename_all = "lowercase")]
pub enum Origin {
    #[default]
    Curated,
    Extracted,
}

/// What kind of writing an article is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ArticleKind {
    News,
    Analysis,
    Opinion,
    Blog,
}

impl ArticleKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ArticleKind::News => "news",
            ArticleKind::Analysis => "analysis",
            ArticleKind::Opinion => "opinion",
            ArticleKind::Blog => "blog",
        }
    }
}

/// What is known about an article: its front matter, or what the loader inferred.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct ArticleMeta {
    /// The article's identity in sources: its path relative to the
    /// `--articles` path it was read from (see `loader::ArticleFile::name`).
    pub file: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// The outlet.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub author: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub published: Option<DateValue>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<ArticleKind>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// Where `published` came from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub published_from: Option<DateFrom>,
    /// With no publication date: the first full date among the top lines of
    /// the text ("in Vienna on Jan. 16, 2016"), which the text's relative
    /// dates count from. It is not taken as the publication date, which only
    /// a dateline gives (see [`crate::extract::dateline`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reference: Option<DateValue>,
    /// What the byte offsets of the article's sources refer to: the file as
    /// read, or the text extracted from it (a web page, a feed item).
    #[serde(default, skip_serializing_if = "Offsets::is_file")]
    pub offsets: Offsets,
}

impl ArticleMeta {
    /// The date the article's relative dates count from: its publication
    /// date, else the first full date at the top of its text.
    pub fn reference_date(&self) -> Option<DateValue> {
        self.published.or(self.reference)
    }
}

/// Where an article's publication date was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum DateFrom {
    /// The article file's front matter, or a feed item's own date.
    FrontMatter,
    /// A `<meta>` tag such as `article:published_time`.
    Meta,
    /// `datePublished` in a JSON-LD block.
    JsonLd,
    /// A `<time datetime>` element near the headline.
    TimeElement,
    /// A date in the path of the page's URL.
    Url,
    /// A dateline at the top of the text.
    Dateline,
    /// A feed item's published or updated field.
    Feed,
    /// The day GDELT added the event row that cites the article
    /// (DATEADDED, in UTC): the article was published then or before.
    GdeltAdded,
}

impl DateFrom {
    /// Every place a publication date may come from.
    pub const ALL: [DateFrom; 8] = [
        DateFrom::FrontMatter,
        DateFrom::Meta,
        DateFrom::JsonLd,
        DateFrom::TimeElement,
        DateFrom::Url,
        DateFrom::Dateline,
        DateFrom::Feed,
        DateFrom::GdeltAdded,
    ];

    /// Where a GDELT source's date comes from, as the detail pane and the
    /// exports say it after the date.
    pub const GDELT_ADDED_NOTE: &'static str = "UTC, the day GDELT added it: DATEADDED";

    pub fn as_str(self) -> &'static str {
        match self {
            DateFrom::FrontMatter => "front matter",
            DateFrom::Meta => "meta",
            DateFrom::JsonLd => "json-ld",
            DateFrom::TimeElement => "time element",
            DateFrom::Url => "url",
            DateFrom::Dateline => "dateline",
            DateFrom::Feed => "feed",
            DateFrom::GdeltAdded => "gdelt added",
        }
    }
}

/// What an article's byte offsets refer to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Offsets {
    /// The file as read, front matter included.
    #[default]
    File,
    /// The text extracted from the file (a web page's article text, a feed
    /// item's content with the markup stripped).
    Text,
}

impl Offsets {
    pub fn is_file(&self) -> bool {
        *self == Offsets::File
    }
}

/// A piece of a text that many holders share: a sentence held as its place in
/// its article's text, which every source and mention of the article refers
/// to instead of a copy of its own. It reads, compares, prints and serializes
/// as the piece alone (a string); one read back from a serialized form holds
/// its own text.
///
/// Its place is two 32-bit offsets, which every source and candidate holds
/// (16 bytes less each than two `usize`s): a piece starts in the first 4 GiB
/// of its text, and ends there too unless it ends with the text
/// ([`Excerpt::WHOLE`]). Articles are far smaller.
#[derive(Clone)]
pub struct Excerpt {
    text: Arc<str>,
    start: u32,
    /// [`Excerpt::WHOLE`] for the end of the text.
    end: u32,
}

impl Excerpt {
    /// The end that stands for the end of the text, however long.
    const WHOLE: u32 = u32::MAX;

    /// The piece of `text` at `range`; `None` when `range` is not a piece
    /// of it (past its end, or not on character boundaries), or does not
    /// start in its first 4 GiB, or ends past them before its end.
    pub fn new(text: Arc<str>, range: std::ops::Range<usize>) -> Option<Excerpt> {
        text.get(range.clone())?;
        let start = u32::try_from(range.start).ok()?;
        let end = if range.end == text.len() {
            Excerpt::WHOLE
        } else {
            u32::try_from(range.end)
                .ok()
                .filter(|&e| e != Excerpt::WHOLE)?
        };
        Some(Excerpt { text, start, end })
    }

    /// The piece as text.
    pub fn as_str(&self) -> &str {
        // checked in `new`, and the text never changes
        &self.text[self.range()]
    }

    /// The text the piece is taken from, shared with its other holders.
    pub fn text(&self) -> &Arc<str> {
        &self.text
    }

    /// Where the piece lies in [`Excerpt::text`].
    pub fn range(&self) -> std::ops::Range<usize> {
        let end = match self.end {
            Excerpt::WHOLE => self.text.len(),
            end => end as usize,
        };
        self.start as usize..end
    }
}

impl Default for Excerpt {
    fn default() -> Excerpt {
        Excerpt::from("")
    }
}

impl From<&str> for Excerpt {
    fn from(s: &str) -> Excerpt {
        Excerpt {
            text: Arc::from(s),
            start: 0,
            end: Excerpt::WHOLE,
        }
    }
}

impl From<String> for Excerpt {
    fn from(s: String) -> Excerpt {
        Excerpt::from(s.as_str())
    }
}

impl std::ops::Deref for Excerpt {
    type Target = str;
    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl AsRef<str> for Excerpt {
    fn as_ref(&self) -> &str {
        self.as_str()
    }
}

impl PartialEq for Excerpt {
    fn eq(&self, other: &Excerpt) -> bool {
        self.as_str() == other.as_str()
    }
}

impl Eq for Excerpt {}

impl PartialEq<str> for Excerpt {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for Excerpt {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl fmt::Debug for Excerpt {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

impl fmt::Display for Excerpt {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for Excerpt {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for Excerpt {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Excerpt, D::Error> {
        // a borrowed or an owned string, whichever the format gives
        let s = std::borrow::Cow::<'de, str>::deserialize(d)?;
        Ok(Excerpt::from(s.as_ref()))
    }
}

/// One place an article speaks of an event: the sentence and the expression in it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Source {
    pub article: Arc<ArticleMeta>,
    /// Byte span of the matched expression in the file as read.
    pub start: usize,
    pub end: usize,
    /// The matched expression: a date expression, or the event's name when the
    /// article names the event without dating it.
    pub text: Box<str>,
    /// True when `text` is a date expression.
    #[serde(default)]
    pub dated: bool,
    /// The sentence, as its place in the article's text (shared by the
    /// article's sources; see [`Excerpt`]).
    pub sentence: Excerpt,
    /// Byte offset of `sentence` in the file, so the expression can be found in it.
    pub sentence_start: usize,
    /// Why this source belongs to the event: the alias that matched, the
    /// words shared, how the dates relate. Empty for the mention an
    /// extracted event was first found by, and for curated sources. Shared:
    /// the mentions of one group linked to a catalog event share one.
    #[serde(default, skip_serializing_if = "is_empty_text")]
    pub why: Arc<str>,
}

impl Source {
    /// The expression's byte range inside `sentence`, when it lies there.
    pub fn expression_in_sentence(&self) -> Option<std::ops::Range<usize>> {
        let a = self.start.checked_sub(self.sentence_start)?;
        let b = self.end.checked_sub(self.sentence_start)?;
        (a <= b && b <= self.sentence.len() && self.sentence.is_char_boundary(a))
            .then_some(a..b)
            .filter(|r| self.sentence.is_char_boundary(r.end))
    }
}

/// An event on the timeline.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Event {
    pub id: String,
    pub date: DateValue,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end: Option<DateValue>,
    pub title: String,
    #[serde(default)]
    pub summary: String,
    #[serde(default)]
    pub countries: Names,
    #[serde(default)]
    pub actors: Names,
    #[serde(default)]
    pub tags: Names,
    #[serde(default)]
    pub aliases: Names,
    #[serde(default)]
    pub origin: Origin,
    /// Whether the event happened, is expected, or is only mentioned (see
    /// [`crate::events::status`]). Curated events have happened unless their
    /// catalog says otherwise.
    #[serde(default)]
    pub status: Status,
    /// How sure an extracted event is, 0 to 1 (see
    /// [`crate::events::confidence`]); none for curated events.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        serialize_with = "hundredths"
    )]
    pub confidence: Option<f32>,
    #[serde(default)]
    pub sources: Vec<Source>,
}

impl Event {
    /// A curated event with nothing but a date and a title, no id, no
    /// sources.
    pub fn bare(date: DateValue, title: &str) -> Event {
        Event {
            id: String::new(),
            date,
            end: None,
            title: title.into(),
            summary: String::new(),
            countries: Names::new(),
            actors: Names::new(),
            tags: Names::new(),
            aliases: Names::new(),
            origin: Origin::Curated,
            status: Status::default(),
            confidence: None,
            sources: Vec::new(),
        }
    }

    pub fn precision(&self) -> Precision {
        self.date.precision()
    }
    /// First day of the event's span.
    pub fn span_start(&self) -> NaiveDate {
        self.date.start()
    }
    /// First day after the event's span (the end value's span included).
    pub fn span_end(&self) -> NaiveDate {
        match self.end {
            Some(e) => e.end().max(self.date.end()),
            None => self.date.end(),
        }
    }
    pub fn is_extracted(&self) -> bool {
        self.origin == Origin::Extracted
    }

    /// The sources grouped by article (an article is known by its `file`),
    /// each article where it is first cited, its sentences in their order.
    pub fn sources_by_article(&self) -> Vec<Vec<&Source>> {
        let mut groups: Vec<Vec<&Source>> = Vec::new();
        let mut at: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
        for s in &self.sources {
            match at.get(s.article.file.as_str()) {
                Some(&g) => groups[g].push(s),
                None => {
                    at.insert(&s.article.file, groups.len());
                    groups.push(vec![s]);
                }
            }
        }
        groups
    }

    /// How many distinct articles mention the event (several sentences of
    /// one article count once).
    pub fn article_count(&self) -> usize {
        let mut files: Vec<&str> = self
            .sources
            .iter()
            .map(|s| s.article.file.as_str())
            .collect();
        files.sort_unstable();
        files.dedup();
        files.len()
    }
    /// The date in words, with the end when there is one.
    pub fn describe_date(&self) -> String {
        match self.end {
            Some(e) => format!("{} to {}", self.date.describe(), e.describe()),
            None => self.date.describe(),
        }
    }
}

/// Timeline order: by the start of the span, coarser precision first, then id.
pub fn timeline_order(a: &Event, b: &Event) -> std::cmp::Ordering {
    a.span_start()
        .cmp(&b.span_start())
        .then_with(|| b.precision().cmp(&a.precision()))
        .then_with(|| a.title.cmp(&b.title))
        .then_with(|| a.id.cmp(&b.id))
}

fn is_empty_text(s: &Arc<str>) -> bool {
    s.is_empty()
}

/// A confidence written with two decimals (0.7, not 0.699999988079071).
fn hundredths<S: Serializer>(c: &Option<f32>, s: S) -> Result<S::Ok, S::Error> {
    match c {
        Some(c) => s.serialize_f64((f64::from(*c) * 100.0).round() / 100.0),
        None => s.serialize_none(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_excerpt_is_its_piece_of_the_shared_text() {
        let text: Arc<str> = Arc::from("Gas flowed. Talks ended in July.");
        let piece = Excerpt::new(text.clone(), 12..32).unwrap();
        assert_eq!(piece.as_str(), "Talks ended in July.");
        assert_eq!(piece.range(), 12..32);
        assert!(Arc::ptr_eq(piece.text(), &text));
        let whole = Excerpt::new(text.clone(), 0..text.len()).unwrap();
        assert_eq!((whole.as_str(), whole.range()), (&*text, 0..32));
        let empty = Excerpt::new(text.clone(), 32..32).unwrap();
        assert_eq!((empty.as_str(), empty.range()), ("", 32..32));
        // past the end, or not on a character's boundary: no piece
        assert!(Excerpt::new(text.clone(), 12..33).is_none());
        let accented: Arc<str> = Arc::from("Çavuşoğlu");
        assert!(Excerpt::new(accented.clone(), 1..3).is_none());
        assert_eq!(Excerpt::new(accented, 2..5).unwrap().as_str(), "avu");
        // a piece that ends with the text, and a text of its own
        let tail = Excerpt::new(text.clone(), 12..text.len()).unwrap();
        assert_eq!(
            (tail.as_str(), tail.range()),
            ("Talks ended in July.", 12..32)
        );
        let own = Excerpt::from("In July.");
        assert_eq!((own.as_str(), own.range()), ("In July.", 0..8));
    }

    #[test]
    fn text_that_is_no_date_is_not_called_an_impossible_date() {
        for s in ["abcd", "true", "20x6", "x"] {
            let e = s.parse::<DateValue>().unwrap_err();
            assert_eq!(e, DateError::Form(s.into()), "{s}");
            assert!(e.to_string().contains("is not a date"), "{e}");
        }
        for s in ["0000", "2016-13", "2016-02-30"] {
            let e = s.parse::<DateValue>().unwrap_err();
            assert!(e.to_string().contains("not a real calendar date"), "{e}");
        }
    }

    #[test]
    fn parses_and_prints_every_form() {
        for s in [
            "2016-07-15",
            "2016-07",
            "2016",
            "1998-W32",
            "1998-Q3",
            "1998-SU",
            "1998-WI",
            "199",
            "19",
        ] {
            let v: DateValue = s.parse().unwrap();
            assert_eq!(v.to_string(), s);
        }
    }

    #[test]
    fn refuses_impossible_and_malformed_dates() {
        assert!(matches!(
            "2016-13-40".parse::<DateValue>(),
            Err(DateError::Impossible(_))
        ));
        assert!(matches!(
            "2015-02-29".parse::<DateValue>(),
            Err(DateError::Impossible(_))
        ));
        assert!(matches!(
            "July 2016".parse::<DateValue>(),
            Err(DateError::Form(_))
        ));
        assert!("2016-7-15".parse::<DateValue>().is_err());
        assert!("".parse::<DateValue>().is_err());
        assert!("0000".parse::<DateValue>().is_err());
    }

    #[test]
    fn spans_follow_precision() {
        let m: DateValue = "2016-07".parse().unwrap();
        assert_eq!(m.start().to_string(), "2016-07-01");
        assert_eq!(m.end().to_string(), "2016-08-01");
        let w: DateValue = "1998-WI".parse().unwrap();
        assert_eq!(w.end().to_string(), "1999-03-01");
        let d: DateValue = "199".parse().unwrap();
        assert_eq!(d.start().to_string(), "1990-01-01");
        assert_eq!(d.end().to_string(), "2000-01-01");
        let dec: DateValue = "2016-12".parse().unwrap();
        assert_eq!(dec.end().to_string(), "2017-01-01");
    }

    #[test]
    fn describes_at_precision() {
        let p = |s: &str| s.parse::<DateValue>().unwrap().describe();
        assert_eq!(p("2016-07-15"), "15 July 2016");
        assert_eq!(p("2016-07"), "July 2016");
        assert_eq!(p("2016"), "2016");
        assert_eq!(p("19"), "the 20th century");
        assert_eq!(p("199"), "the 1990s");
    }
}

/// What the source says of an event's time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    #[default]
    Happened,
    Expected,
    Mentioned,
}

impl Status {
    pub const ALL: [Status; 3] = [Status::Happened, Status::Expected, Status::Mentioned];

    pub fn as_str(self) -> &'static str {
        match self {
            Status::Happened => "happened",
            Status::Expected => "expected",
            Status::Mentioned => "mentioned",
        }
    }

    pub fn is_happened(&self) -> bool {
        *self == Status::Happened
    }
}

/// A set of statuses, as `--status` gives it (empty: no filter). A bit per
/// status, so that a filter stays small enough to pass around by value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Statuses(u8);

impl Statuses {
    fn bit(s: Status) -> u8 {
        1 << (s as u8)
    }

    pub fn is_empty(&self) -> bool {
        self.0 == 0
    }

    pub fn contains(&self, s: Status) -> bool {
        self.0 & Self::bit(s) != 0
    }

    pub fn insert(&mut self, s: Status) {
        self.0 |= Self::bit(s);
    }

    /// The statuses in the set, in [`Status::ALL`] order.
    pub fn iter(&self) -> impl Iterator<Item = Status> + '_ {
        Status::ALL.into_iter().filter(|s| self.contains(*s))
    }
}

impl FromIterator<Status> for Statuses {
    fn from_iter<I: IntoIterator<Item = Status>>(iter: I) -> Statuses {
        let mut set = Statuses::default();
        for s in iter {
            set.insert(s);
        }
        set
    }
}

impl std::fmt::Display for Status {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl std::str::FromStr for Status {
    type Err = String;
    fn from_str(s: &str) -> Result<Status, String> {
        Status::ALL
            .into_iter()
            .find(|x| x.as_str().eq_ignore_ascii_case(s.trim()))
            .ok_or_else(|| format!("`{s}` is not a status (happened, expected, mentioned)"))
    }
}
