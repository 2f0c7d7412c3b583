//! Merging: mentions of one event, in one article and across articles, become
//! one event with all its sources.
//!
//! Two mentions are of one event when
//! - their dates are compatible: equal, or one holds the other (a month holds
//!   its days, a year its months);
//! - their countries are compatible: when both sentences name countries, they
//!   share one;
//! - and they share enough key words ([`super::words`]): in one article, one
//!   shared word or one shared country is enough, since an article's dated
//!   sentences about one day mostly tell one story (two sentences of one
//!   article that share neither stay apart); across articles, at least
//!   [`ACROSS_MIN_SHARED`] shared words that make at least [`ACROSS_MIN_SCORE`]
//!   of the smaller set. The same holds in one article for dates that are
//!   not equal (a month and a day in it): one shared word is not enough there. Two mentions in one sentence with compatible dates are
//!   one event. In one article on one day, a remark ("X said on November
//!   10 that …") joins the event told on that day, and a section title
//!   ("What led up to October 7") the event of its date, without sharing
//!   words or countries.
//!
//! Mentions are never compared pair by pair: events found so far are listed
//! by date and key word ([`Postings`]), and a mention is compared only with
//! the events of its own article and those sharing at least two key words
//! under a date that equals, holds or lies within its own.

use std::collections::{BTreeSet, HashSet};
use std::sync::Arc;

use chrono::{Datelike, NaiveDate};
use rustc_hash::{FxHashMap, FxHashSet};

use crate::model::{ArticleMeta, DateValue, Source};

use super::candidates::Place;
use super::status::Status;
use super::words::Words;

/// Across articles, the fewest key words two mentions must share.
pub const ACROSS_MIN_SHARED: usize = 2;
/// Across articles, the least overlap coefficient of their key words.
pub const ACROSS_MIN_SCORE: f32 = 0.3;

/// A sentence's countries as its candidates share them (see
/// [`Candidate::countries_of`]).
pub type Countries = Arc<[Box<str>]>;

/// One dated mention that may become an event, with what merging needs.
#[derive(Debug, Clone)]
pub struct Candidate {
    pub date: DateValue,
    /// The last day when the date is a span of days (a week is read as its
    /// Monday to its Sunday).
    pub end: Option<DateValue>,
    pub source: Source,
    /// The countries of the sentence, in order, each once (shared by the
    /// sentence's candidates; see [`Candidate::countries_of`]).
    pub countries: Countries,
    /// The key words of the sentence, in order, each once (shared by the
    /// sentence's candidates; see [`Words`]).
    pub words: Words,
    pub status: Status,
    /// What the title is made from: the heading's sentence below it, or the
    /// source's sentence with the expression (see [`Candidate::title`]).
    pub heads: Option<Box<str>>,
    pub place: Place,
    /// The expression gives its own year.
    pub states_year: bool,
}

impl Candidate {
    /// The article the mention is in (its source's).
    pub fn article(&self) -> &Arc<ArticleMeta> {
        &self.source.article
    }

    /// Key words as a candidate holds them (see [`Words`]).
    pub fn words_of(words: BTreeSet<String>) -> Words {
        Words::new(&words)
    }

    /// Countries as a candidate holds them: in order, each once, in a slice,
    /// a fraction of the memory of a set (whose first node alone takes some
    /// 300 bytes).
    pub fn countries_of<S: AsRef<str>>(countries: &[S]) -> Countries {
        let set: BTreeSet<&str> = countries.iter().map(AsRef::as_ref).collect();
        set.into_iter().map(Box::from).collect()
    }

    pub fn span(&self) -> (NaiveDate, NaiveDate) {
        span(self.date, self.end)
    }

    /// The title this mention gives its event ([`super::titles`]); made only
    /// for the mention that leads an event.
    pub fn title(&self) -> String {
        match &self.heads {
            Some(next) => super::titles::title(next, None),
            None => {
                let sentence = &self.source.sentence;
                let expr = self.source.expression_in_sentence();
                // a caption's credit ("Credit: Getty Images") is no part of
                // what it reports
                let end = match (self.place, &expr) {
                    (Place::Caption, Some(e)) => super::candidates::credit_start(sentence)
                        .filter(|&at| at >= e.end)
                        .unwrap_or(sentence.len()),
                    _ => sentence.len(),
                };
                super::titles::title(&sentence[..end], expr)
            }
        }
    }
}

fn span(date: DateValue, end: Option<DateValue>) -> (NaiveDate, NaiveDate) {
    (
        date.start(),
        end.map_or(date.end(), |e| e.end().max(date.end())),
    )
}

/// Mentions merged into one event.
///
/// A group keeps its members and little else: what merging compares a
/// mention with (the group's key words and countries, the sentences of the
/// article at hand) is kept beside the groups while they merge, as numbers,
/// and the union of the members' countries and key words is made from the
/// members when it is asked for ([`Group::countries`], [`Group::words`]).
#[derive(Debug, Clone)]
pub struct Group {
    pub date: DateValue,
    pub end: Option<DateValue>,
    /// The members, each in a box of its own, so that handing one from list
    /// to list moves a pointer, not the candidate. Only [`Group::add`] adds
    /// one (with why it joined); a member's source says why only once
    /// [`Group::into_sources`] has made it (see [`Group::why`]).
    pub members: Vec<Box<Candidate>>,
    /// Why each member after the first joined ([`Group::why`]), in their
    /// order: `None` when it is said in the member's source already.
    joins: Vec<Option<Join>>,
    /// What [`strength`] asks of the members, kept as they join: some member is
    /// a section title, a remark, or neither (reports something).
    titles: bool,
    remarks: bool,
    reports: bool,
}

/// What [`strength`] asks of a candidate, worked out once for it.
#[derive(Clone, Copy)]
struct Kind {
    title: bool,
    remark: bool,
}

impl Kind {
    fn of(c: &Candidate) -> Kind {
        Kind {
            title: section_title(&c.source.sentence),
            remark: dates_a_remark(c),
        }
    }
}

impl Group {
    fn new(c: Box<Candidate>, kind: Kind) -> Group {
        // most events have one member or a few: their list starts with room
        // for one and grows by doubling from there (see [`Group::add`])
        // rather than from four
        Group {
            titles: kind.title,
            remarks: kind.remark,
            reports: !kind.remark,
            date: c.date,
            end: c.end,
            members: vec![c],
            joins: Vec::new(),
        }
    }

    pub fn span(&self) -> (NaiveDate, NaiveDate) {
        span(self.date, self.end)
    }

    /// The number of distinct articles among the members.
    pub fn articles(&self) -> usize {
        if self.members.len() == 1 {
            return 1;
        }
        let mut files: Vec<&str> = self
            .members
            .iter()
            .map(|m| m.article().file.as_str())
            .collect();
        files.sort_unstable();
        files.dedup();
        files.len()
    }

    /// The countries of the members' sentences, each once, in order.
    pub fn countries(&self) -> BTreeSet<&str> {
        self.members
            .iter()
            .flat_map(|m| m.countries.iter().map(|c| &**c))
            .collect()
    }

    /// The key words of the members' sentences, each once, in order.
    pub fn words(&self) -> BTreeSet<String> {
        let mut words = BTreeSet::new();
        let mut last: Option<&Words> = None;
        for m in &self.members {
            // a sentence's mentions share their words: each list once
            if last.is_some_and(|l| l.same(&m.words)) {
                continue;
            }
            last = Some(&m.words);
            words.extend(m.words.iter().map(str::to_string));
        }
        words
    }

    /// Adds `c`, which joined for the reason `join` keeps (`None`: its
    /// source says it already).
    fn add(&mut self, c: Box<Candidate>, kind: Kind, join: Option<Join>) {
        self.titles |= kind.title;
        self.remarks |= kind.remark;
        self.reports |= !kind.remark;
        let (gs, ge) = self.span();
        let (cs, ce) = c.span();
        // the finer date wins
        if ge - gs > ce - cs {
            self.date = c.date;
            self.end = c.end;
        }
        // doubling from the length, so that a list of one grows to two, not
        // to four
        if self.members.len() == self.members.capacity() {
            self.members.reserve_exact(self.members.len().max(1));
        }
        if self.joins.len() == self.joins.capacity() {
            self.joins.reserve_exact(self.joins.len().max(1));
        }
        self.members.push(c);
        self.joins.push(join);
    }

    /// Why member `i` belongs to the event, in words (empty for the first,
    /// which began it).
    pub fn why(&self, i: usize) -> Arc<str> {
        debug_assert_eq!(self.joins.len() + 1, self.members.len());
        let m = &self.members[i];
        match i.checked_sub(1).and_then(|j| self.joins[j]) {
            Some(join) => join.say(m).into(),
            None => m.source.why.clone(),
        }
    }

    /// The members' sources, each saying why it belongs ([`Group::why`]),
    /// in a list of their number. Members that joined for the same reason
    /// share its words.
    pub fn into_sources(self) -> Vec<Source> {
        debug_assert_eq!(self.joins.len() + 1, self.members.len());
        let mut said: HashSet<Arc<str>> = HashSet::new();
        let mut sources = Vec::with_capacity(self.members.len());
        let joins = std::iter::once(None).chain(self.joins);
        for (m, join) in self.members.into_iter().zip(joins) {
            let said_now = join.map(|join| join.say(&m));
            let mut source = m.source;
            if let Some(why) = said_now {
                source.why = match said.get(why.as_str()) {
                    Some(same) => same.clone(),
                    None => {
                        let why: Arc<str> = why.into();
                        said.insert(why.clone());
                        why
                    }
                };
            }
            sources.push(source);
        }
        sources
    }

    /// The status the event takes from its members: happened when any says
    /// so, else expected when any expects it, else mentioned.
    pub fn status(&self) -> Status {
        let has = |s: Status| self.members.iter().any(|m| m.status == s);
        if has(Status::Happened) {
            Status::Happened
        } else if has(Status::Expected) {
            Status::Expected
        } else {
            Status::Mentioned
        }
    }

    /// The member whose sentence makes the title: the first in running text
    /// that happened, else the first in running text, else the first.
    pub fn lead(&self) -> &Candidate {
        self.members
            .iter()
            .find(|m| m.place.is_prose() && m.status.is_happened())
            .or_else(|| self.members.iter().find(|m| m.place.is_prose()))
            .unwrap_or(&self.members[0])
    }
}

/// How two dates relate, in words, when they are compatible.
pub fn date_relation(
    a: (DateValue, Option<DateValue>),
    b: (DateValue, Option<DateValue>),
) -> Option<String> {
    let (a_s, a_e) = span(a.0, a.1);
    let (b_s, b_e) = span(b.0, b.1);
    let words = |d: DateValue, e: Option<DateValue>| match e {
        Some(e) => format!("{} to {}", d.describe(), e.describe()),
        None => d.describe(),
    };
    if (a_s, a_e) == (b_s, b_e) {
        Some(format!("same date, {}", words(a.0, a.1)))
    } else if a_s <= b_s && b_e <= a_e {
        Some(format!("{} holds {}", words(a.0, a.1), words(b.0, b.1)))
    } else if b_s <= a_s && a_e <= b_e {
        Some(format!("{} holds {}", words(b.0, b.1), words(a.0, a.1)))
    } else {
        None
    }
}

/// Ends the reasons for a match with what its two sides share: their key
/// words ([`SHOWN_WORDS`] at most), their countries, and how their dates relate.
pub fn push_shared(why: &mut Vec<String>, shared: &[&str], countries: &[&str], relation: String) {
    if !shared.is_empty() {
        let list: Vec<&str> = shared.iter().take(SHOWN_WORDS).copied().collect();
        why.push(format!("shared words ({})", list.join(", ")));
    }
    if !countries.is_empty() {
        why.push(format!("shared countries ({})", countries.join(", ")));
    }
    why.push(relation);
}

/// Countries both sides name, or `None` when both name some and share none.
pub fn shared_countries<'a>(
    a: &'a BTreeSet<String>,
    b: &'a BTreeSet<String>,
) -> Option<Vec<&'a str>> {
    let shared: Vec<&str> = a.intersection(b).map(String::as_str).collect();
    if !a.is_empty() && !b.is_empty() && shared.is_empty() {
        None
    } else {
        Some(shared)
    }
}

/// A section title rather than a sentence: a few words without a final
/// stop ("What led up to October 7"). It names by its date an event that the
/// article tells on that date, so in one article it joins that event without
/// sharing its words.
fn section_title(sentence: &str) -> bool {
    let s = sentence.trim();
    s.split_whitespace().count() <= 8
        && !s
            .trim_end_matches(['"', '”', '’', '\'', ')'])
            .ends_with(['.', '!', '?', ':', ','])
}

/// True when the mention dates a reporting verb in running text ("said on
/// Saturday"): see [`super::candidates::dates_a_remark`].
fn dates_a_remark(c: &Candidate) -> bool {
    c.place.is_prose()
        && c.source
            .expression_in_sentence()
            .is_some_and(|e| super::candidates::dates_a_remark(&c.source.sentence, e))
}

/// True when two spans are compatible dates: equal, or one holds the other
/// (what [`date_relation`] puts in words).
fn compatible(a: (NaiveDate, NaiveDate), b: (NaiveDate, NaiveDate)) -> bool {
    a == b || (a.0 <= b.0 && b.1 <= a.1) || (b.0 <= a.0 && a.1 <= b.1)
}

/// The most shared key words a reason names.
pub const SHOWN_WORDS: usize = 6;

/// Why a mention joined its event, kept as what it takes to say so
/// ([`Join::say`]) until the event is made: said for every mention as it
/// joined, the reasons took some 50 MB over 10,000 articles, nearly half of
/// them for mentions whose events a catalog event then took in (whose
/// sources give their own reason).
#[derive(Debug, Clone, Copy)]
struct Join {
    tie: Tie,
    /// The event's date when the mention joined.
    date: DateValue,
    end: Option<DateValue>,
    /// The places, among the mention's key words, of the first of them that
    /// the event had ([`SHOWN_WORDS`] at most: those that are named).
    words: [u16; SHOWN_WORDS],
    shown: u8,
    /// The mention's countries that the event had: bit `i` for the `i`th.
    countries: u64,
}

impl Join {
    /// What `c` joining an event dated `event` for `tie` keeps, given which
    /// of its key words and countries the event had; `None` when it cannot
    /// be kept so (a word past the 65,536th, a country past the 64th).
    fn of(
        event: (DateValue, Option<DateValue>),
        c: &Candidate,
        tie: Tie,
        has_word: impl Fn(&str) -> bool,
        has_country: impl Fn(&str) -> bool,
    ) -> Option<Join> {
        let mut join = Join {
            tie,
            date: event.0,
            end: event.1,
            words: [0; SHOWN_WORDS],
            shown: 0,
            countries: 0,
        };
        for (i, w) in c.words.iter().enumerate() {
            if usize::from(join.shown) == SHOWN_WORDS {
                break;
            }
            if has_word(w) {
                join.words[usize::from(join.shown)] = u16::try_from(i).ok()?;
                join.shown += 1;
            }
        }
        for (i, country) in c.countries.iter().enumerate() {
            if has_country(country) {
                join.countries |= 1u64.checked_shl(u32::try_from(i).ok()?)?;
            }
        }
        Some(join)
    }

    /// The reason in words ([`why`]), for `c`, the mention that joined.
    fn say(&self, c: &Candidate) -> String {
        let places = &self.words[..usize::from(self.shown)];
        let shared: Vec<&str> = c
            .words
            .iter()
            .enumerate()
            .filter(|(i, _)| places.iter().any(|&p| usize::from(p) == *i))
            .map(|(_, w)| w)
            .collect();
        let countries: Vec<&str> = c
            .countries
            .iter()
            .enumerate()
            .filter(|(i, _)| {
                u32::try_from(*i)
                    .ok()
                    .and_then(|i| self.countries.checked_shr(i))
                    .is_some_and(|bits| bits & 1 == 1)
            })
            .map(|(_, x)| &**x)
            .collect();
        why((self.date, self.end), c, self.tie, &shared, &countries)
    }
}

/// What ties a mention to the event it joins.
#[derive(Debug, Clone, Copy)]
enum Tie {
    Sentence,
    /// In one article; `title` and `remark` say whether a section title or
    /// a remark on the article's day ties them there.
    Article {
        title: bool,
        remark: bool,
    },
    Words,
}

/// How strongly `c` belongs with `g`, and what ties them, or `None` when it
/// does not. `kind` is what [`Kind::of`] found of `c`, `spans` are the spans
/// of `g` and `c`, `same_article` is true when `g` already holds a mention of
/// `c`'s article and `same_sentence` when it holds one of `c`'s sentence,
/// `shared` is how many key words the two share and `score`
/// their overlap ([`super::words::overlap`]), and `countries` how many countries they
/// share and whether both name some. Made for every event a mention is
/// compared with, so it builds no words: [`why`] does, for the event it joins.
fn strength(
    g: &Group,
    c: &Candidate,
    kind: Kind,
    spans: [(NaiveDate, NaiveDate); 2],
    (same_article, same_sentence): (bool, bool),
    (shared, score): (usize, f32),
    countries: (usize, bool),
) -> Option<(u32, Tie)> {
    if !compatible(spans[0], spans[1]) {
        return None;
    }
    let words_enough = shared >= ACROSS_MIN_SHARED && score >= ACROSS_MIN_SCORE;
    // across articles only the words tie
    if !same_article && !words_enough {
        return None;
    }
    let span_eq = spans[0] == spans[1];
    // a remark dated on the day of what its article tells that day ("X said
    // on November 10 that the agreement was forced") reacts to it
    let remark = same_article
        && span_eq
        && c.date.precision() == crate::model::Precision::Day
        && if kind.remark { g.reports } else { g.remarks };
    let (countries, both_name) = countries;
    if countries == 0 && both_name && !remark {
        return None;
    }
    if same_article && same_sentence {
        return Some((1000, Tie::Sentence));
    }
    let (shared, countries) = (shared as u32, countries as u32);
    if same_article && span_eq {
        let title = kind.title || g.titles;
        if shared == 0 && countries == 0 && !title && !remark {
            return None;
        }
        Some((
            100 + shared * 10 + countries,
            Tie::Article { title, remark },
        ))
    } else if same_article && words_enough {
        let tie = Tie::Article {
            title: false,
            remark: false,
        };
        Some((100 + shared * 10 + countries, tie))
    } else if words_enough {
        Some((shared * 10 + countries, Tie::Words))
    } else {
        None
    }
}

/// Why `c` joins the event dated `event`, tied as [`strength`] found: what
/// ties them, then what they share ([`push_shared`]): `shared`, the mention's
/// key words that the event has, and `countries`, the mention's countries
/// that the event has, each in order.
fn why(
    event: (DateValue, Option<DateValue>),
    c: &Candidate,
    tie: Tie,
    shared: &[&str],
    countries: &[&str],
) -> String {
    let relation = date_relation(event, (c.date, c.end)).unwrap_or_default();
    let mut why = Vec::new();
    match tie {
        Tie::Sentence => why.push("the same sentence".to_string()),
        Tie::Article { title, remark } => {
            if title {
                why.push("a section title in the article".to_string());
            }
            if remark {
                why.push("a remark on the day the article tells".to_string());
            }
            why.push("the same article".to_string());
        }
        Tie::Words => {}
    }
    push_shared(&mut why, shared, countries, relation);
    format!("merged: {}", why.join("; "))
}

/// The date values whose events a mention dated `d` may merge with: `d`
/// itself, the month, quarter and year that hold it, and for a month or a
/// year the months and days it holds.
fn keys(d: DateValue) -> Vec<DateValue> {
    let mut out = vec![d];
    let start = d.start();
    let (y, m) = (start.year(), start.month());
    match d {
        DateValue::Day(_) | DateValue::Week { .. } => {
            out.extend(DateValue::month(y, m));
            out.push(DateValue::Quarter {
                year: y,
                quarter: ((m - 1) / 3 + 1) as u8,
            });
            out.extend(DateValue::year(y));
        }
        DateValue::Month { .. } => {
            out.extend(DateValue::year(y));
            out.push(DateValue::Quarter {
                year: y,
                quarter: ((m - 1) / 3 + 1) as u8,
            });
            let mut day = start;
            while day < d.end() {
                out.push(DateValue::Day(day));
                day = day.succ_opt().unwrap_or(d.end());
            }
        }
        DateValue::Year(_) => {
            for m in 1..=12 {
                out.extend(DateValue::month(y, m));
            }
            for q in 1..=4 {
                out.push(DateValue::Quarter {
                    year: y,
                    quarter: q,
                });
            }
            let mut day = start;
            while day < d.end() {
                out.push(DateValue::Day(day));
                day = day.succ_opt().unwrap_or(d.end());
            }
        }
        DateValue::Season { .. } | DateValue::Quarter { .. } => {
            out.extend(DateValue::year(y));
            let mut month = start;
            while month < d.end() {
                out.extend(DateValue::month(month.year(), month.month()));
                month = DateValue::month(month.year(), month.month()).map_or(d.end(), |v| v.end());
            }
        }
        DateValue::Decade(_) | DateValue::Century(_) => {}
    }
    out
}

/// Where a mention looks for the events it may join: the events under each
/// date, by key word. An event is listed under each date it has had (it takes
/// a finer date as finer mentions join) and each of its key words. A coarse
/// mention holds many dates (a year holds its months, quarters and days), so
/// events under the days of a month, and under the days, months and quarters
/// of a year, are also listed together, and a month or a year looks there
/// once instead of under each of its days.
///
/// The lists are found by date first and then by word: a mention looks its
/// dates up once each, and its words only under the dates that list some
/// event, in a map of that date's words, small enough to stay in the cache
/// (one map keyed by date and word took most of merging's time in misses).
#[derive(Default)]
struct Postings {
    /// By date, the events under exactly that date, by word.
    exact: FxHashMap<DateValue, ByWord>,
    /// By month (year, month), the events under a day of it, by word.
    days_of_month: FxHashMap<(i32, u8), ByWord>,
    /// By year, the events under a day, month or quarter of it, by word.
    parts_of_year: FxHashMap<i32, ByWord>,
}

/// The events listed under one date (or under the days of one month, or the
/// parts of one year), by key word.
type ByWord = FxHashMap<u32, Vec<u32>>;

impl Postings {
    /// Lists event `g` under `date` and each of `words`.
    fn add(&mut self, date: DateValue, words: &[u32], g: u32) {
        if words.is_empty() {
            return;
        }
        fn put(lists: &mut ByWord, words: &[u32], g: u32) {
            for &w in words {
                lists.entry(w).or_default().push(g);
            }
        }
        put(self.exact.entry(date).or_default(), words, g);
        match date {
            DateValue::Day(d) => {
                put(
                    self.days_of_month
                        .entry((d.year(), d.month() as u8))
                        .or_default(),
                    words,
                    g,
                );
                put(self.parts_of_year.entry(d.year()).or_default(), words, g);
            }
            DateValue::Month { year, .. } | DateValue::Quarter { year, .. } => {
                put(self.parts_of_year.entry(year).or_default(), words, g);
            }
            _ => {}
        }
    }
}

/// What a mention dated `d` looks up: the dates among [`keys`] it looks
/// under one by one, and the list of a month's days or a year's parts that
/// stands for the others.
struct Probe {
    exact: Vec<DateValue>,
    days_of_month: Option<(i32, u8)>,
    parts_of_year: Option<i32>,
    /// Where each of [`keys`]`(d)` stands among them (the first place), for
    /// the order in which events are weighed.
    rank: FxHashMap<DateValue, u32>,
}

impl Probe {
    fn of(d: DateValue) -> Probe {
        let all = keys(d);
        let mut rank = FxHashMap::default();
        for (i, k) in all.iter().enumerate() {
            rank.entry(*k).or_insert(i as u32);
        }
        let (exact, days_of_month, parts_of_year) = match d {
            DateValue::Month { year, month } => (
                all.into_iter()
                    .filter(|k| !matches!(k, DateValue::Day(_)))
                    .collect(),
                Some((year, month)),
                None,
            ),
            DateValue::Year(y) => (
                all.into_iter()
                    .filter(|k| {
                        !matches!(
                            k,
                            DateValue::Day(_) | DateValue::Month { .. } | DateValue::Quarter { .. }
                        )
                    })
                    .collect(),
                None,
                Some(y),
            ),
            _ => (all, None, None),
        };
        Probe {
            exact,
            days_of_month,
            parts_of_year,
            rank,
        }
    }

    /// Calls `f` with each event listed under one of the probed dates and
    /// one of `words`: an event once for each such listing.
    fn visit(&self, postings: &Postings, words: &[u32], mut f: impl FnMut(u32)) {
        let mut under = |lists: Option<&ByWord>| {
            if let Some(lists) = lists {
                for w in words {
                    for &g in lists.get(w).into_iter().flatten() {
                        f(g);
                    }
                }
            }
        };
        for k in &self.exact {
            under(postings.exact.get(k));
        }
        if let Some(month) = self.days_of_month {
            under(postings.days_of_month.get(&month));
        }
        if let Some(y) = self.parts_of_year {
            under(postings.parts_of_year.get(&y));
        }
    }
}

/// Merges candidates, given in order (articles by name, mentions by place in
/// the text), into events.
///
/// A mention joins the event it belongs with most strongly ([`strength`]);
/// among equals, the one met first when the dates of [`keys`] are gone
/// through in order and, under each date, the events in the order they were
/// listed there. Only the events that could join are weighed: those of the
/// same article, and those sharing at least [`ACROSS_MIN_SHARED`] key words
/// under a compatible date ([`Postings`]), so the work grows with the events
/// a mention could join, not with the archive.
///
/// Mentions whose dates can never meet are merged apart, in parallel: the
/// dates of a mention's [`keys`] lie in the years its own date spans, so
/// mentions of years that no date joins (a winter joins its two years)
/// never weigh each other's events, and neither do those of a decade or a
/// century, which meet only their own. The events come out in the order of
/// the mentions that began them, as one pass over all would give.
pub fn merge(candidates: Vec<Candidate>) -> Vec<Group> {
    merge_each(vec![super::boxed(candidates)])
}

/// [`merge`] over the candidates of each article in turn (the articles in
/// order). Each candidate is in a box of its own, so that handing it to its
/// part, and on to its event, moves a pointer: the candidates are never
/// held twice, not even for a moment.
pub fn merge_each(candidates: Vec<Vec<Box<Candidate>>>) -> Vec<Group> {
    use rayon::prelude::*;
    let (part_of, parts) = partitions(candidates.iter().flatten().map(|c| &**c));
    let mut sizes = vec![0; parts];
    for &p in &part_of {
        sizes[p] += 1;
    }
    let mut apart: Vec<Vec<(usize, Box<Candidate>)>> =
        sizes.into_iter().map(Vec::with_capacity).collect();
    for (i, (c, p)) in candidates.into_iter().flatten().zip(part_of).enumerate() {
        apart[p].push((i, c));
    }
    let parts: Vec<(Vec<usize>, Vec<Group>)> = apart.into_par_iter().map(merge_part).collect();
    in_order(parts)
}

/// The events of every part, each part's in the order of the mentions that
/// began them (their places among all), in that order across the parts:
/// the parts' lists merged into one list of their total length, where
/// collecting them into a growing list and sorting it held two or three
/// copies of the events at the peak of a load.
fn in_order(parts: Vec<(Vec<usize>, Vec<Group>)>) -> Vec<Group> {
    use std::cmp::Reverse;
    let mut out = Vec::with_capacity(parts.iter().map(|(_, g)| g.len()).sum());
    let mut parts: Vec<_> = parts
        .into_iter()
        .map(|(firsts, groups)| (firsts.into_iter(), groups.into_iter()))
        .collect();
    // the place of each part's next event, the earliest on top
    let mut next = std::collections::BinaryHeap::new();
    for (p, (firsts, _)) in parts.iter_mut().enumerate() {
        if let Some(first) = firsts.next() {
            next.push(Reverse((first, p)));
        }
    }
    while let Some(Reverse((_, p))) = next.pop() {
        let (firsts, groups) = &mut parts[p];
        out.extend(groups.next());
        if let Some(first) = firsts.next() {
            next.push(Reverse((first, p)));
        }
    }
    out
}

/// The part each candidate is merged in ([`merge`]), numbered from 0, and
/// how many parts there are.
fn partitions<'a>(candidates: impl Iterator<Item = &'a Candidate> + Clone) -> (Vec<usize>, usize) {
    // years joined by a date that spans them, as a union-find forest
    fn root(parent: &mut FxHashMap<i32, i32>, y: i32) -> i32 {
        let mut r = y;
        while let Some(&p) = parent.get(&r) {
            if p == r {
                break;
            }
            r = p;
        }
        // shorten the path for the next look-up
        let mut at = y;
        while at != r {
            let next = parent.get(&at).copied().unwrap_or(r);
            parent.insert(at, r);
            at = next;
        }
        r
    }
    #[derive(Clone, Copy, PartialEq, Eq, Hash)]
    enum Part {
        Years(i32),
        Own(DateValue),
    }
    let spans_years = |d: DateValue| match d {
        DateValue::Decade(_) | DateValue::Century(_) => None,
        _ => {
            let last = d.end().pred_opt().unwrap_or(d.end()).max(d.start());
            Some((d.start().year(), last.year()))
        }
    };
    let mut parent: FxHashMap<i32, i32> = FxHashMap::default();
    let mut seen: FxHashSet<DateValue> = FxHashSet::default();
    for c in candidates.clone() {
        if !seen.insert(c.date) {
            continue;
        }
        if let Some((first, last)) = spans_years(c.date) {
            parent.entry(first).or_insert(first);
            for y in first + 1..=last {
                parent.entry(y).or_insert(y);
                let (a, b) = (root(&mut parent, first), root(&mut parent, y));
                if a != b {
                    parent.insert(b, a);
                }
            }
        }
    }
    let mut numbers: FxHashMap<Part, usize> = FxHashMap::default();
    let part_of = candidates
        .map(|c| {
            let part = match spans_years(c.date) {
                Some((first, _)) => Part::Years(root(&mut parent, first)),
                None => Part::Own(c.date),
            };
            let next = numbers.len();
            *numbers.entry(part).or_insert(next)
        })
        .collect();
    (part_of, numbers.len())
}

/// The best event for a mention so far: its strength, the order in which
/// it is met ([`Weigh::order`]), its number and what ties it.
type Best = (u32, (u32, u64), usize, Tie);

/// What [`merge_part`] weighs a mention against an event with: the events
/// so far (what is kept beside each), and the mention.
struct Weigh<'a> {
    groups: &'a [Group],
    spans: &'a [(NaiveDate, NaiveDate)],
    /// Each event's key words as sorted numbers.
    words: &'a [Vec<u32>],
    /// Each event's countries as sorted numbers.
    countries: &'a [Vec<u32>],
    /// The dates each event is listed under, with the listing's number.
    listed: &'a [Vec<(DateValue, u64)>],
    /// Which events hold a mention of the mention's article.
    in_article: &'a [bool],
    /// The sentences of the article (by start) each event holds a mention
    /// of, as (event, sentence start).
    sentences: &'a FxHashSet<(usize, usize)>,
    probe: &'a Probe,
    c: &'a Candidate,
    kind: Kind,
    span: (NaiveDate, NaiveDate),
    c_words: &'a [u32],
    c_countries: &'a [u32],
}

impl Weigh<'_> {
    /// The order in which event `gi` is met when the dates of [`keys`] are
    /// gone through in order, or `None` when it is under none of them.
    fn order(&self, gi: usize) -> Option<(u32, u64)> {
        self.listed[gi]
            .iter()
            .filter_map(|(d, at)| self.probe.rank.get(d).map(|&r| (r, *at)))
            .min()
    }

    /// Weighs event `gi` and makes it `best` when it is stronger, or as
    /// strong and met first. `found` is how many times the postings met an
    /// event of another article (each shared word once for each of its
    /// listings under the mention's dates); the words an event of the
    /// article shares are counted here.
    fn weigh(&self, gi: usize, found: usize, best: &mut Option<Best>) {
        if !compatible(self.spans[gi], self.span) {
            return;
        }
        let c_words = self.c_words;
        let same_article = self.in_article[gi];
        // An event listed under none of the mention's dates (one of the
        // article, found through it) cannot join.
        let reached = match self.listed[gi].as_slice() {
            [_] if found > 0 => 1,
            [_] => usize::from(self.order(gi).is_some()),
            listed => listed
                .iter()
                .filter(|(d, _)| self.probe.rank.contains_key(d))
                .count(),
        };
        if reached == 0 {
            return;
        }
        let least = self.words[gi].len().min(c_words.len()).max(1);
        let shared = if same_article {
            shared_count(&self.words[gi], c_words)
        } else {
            // An event of another article joins only for its words, and
            // the postings met it once for each word they share under each
            // of its listings among the mention's dates: one that cannot
            // share enough, or cannot beat the best so far even sharing
            // every country, is not weighed.
            if found < ACROSS_MIN_SHARED
                || (found as f32 / least as f32) < ACROSS_MIN_SCORE
                || best
                    .as_ref()
                    .is_some_and(|b| ((found * 10 + self.c_countries.len()) as u32) < b.0)
            {
                return;
            }
            let shared = found / reached;
            debug_assert_eq!(shared, shared_count(&self.words[gi], c_words));
            shared
        };
        let score = shared as f32 / least as f32;
        let in_both = (
            shared_count(&self.countries[gi], self.c_countries),
            !self.countries[gi].is_empty() && !self.c_countries.is_empty(),
        );
        let same_sentence =
            same_article && self.sentences.contains(&(gi, self.c.source.sentence_start));
        let Some((strength, tie)) = strength(
            &self.groups[gi],
            self.c,
            self.kind,
            [self.spans[gi], self.span],
            (same_article, same_sentence),
            (shared, score),
            in_both,
        ) else {
            return;
        };
        let better = match best {
            None => true,
            Some(b) if strength != b.0 => strength > b.0,
            Some(b) => self.order(gi) < Some(b.1),
        };
        if better {
            if let Some(at) = self.order(gi) {
                *best = Some((strength, at, gi, tie));
            }
        }
    }
}

/// Merges the candidates of one part ([`merge`]), each with its place among
/// all, into events, in the order they were begun: the places of the
/// candidates that began them, and the events.
fn merge_part(candidates: Vec<(usize, Box<Candidate>)>) -> (Vec<usize>, Vec<Group>) {
    let mut groups: Vec<Group> = Vec::new();
    let mut postings = Postings::default();
    // The dates each group is listed under, each with the number of its
    // listing (listings are numbered as they are made).
    let mut listed: Vec<Vec<(DateValue, u64)>> = Vec::new();
    let mut listings: u64 = 0;
    // What a mention is compared with, kept beside each group so that
    // comparing builds and hashes no strings: the group's key words as sorted
    // numbers (each word gets one) and its span.
    let mut numbers: FxHashMap<String, u32> = FxHashMap::default();
    let mut group_words: Vec<Vec<u32>> = Vec::new();
    let mut country_numbers: FxHashMap<String, u32> = FxHashMap::default();
    let mut group_countries: Vec<Vec<u32>> = Vec::new();
    let mut group_spans: Vec<(NaiveDate, NaiveDate)> = Vec::new();
    // The groups holding a mention of each article (by number), and which
    // groups hold one of the article of the mention at hand.
    let mut file_numbers: FxHashMap<String, u32> = FxHashMap::default();
    let mut groups_of_file: Vec<Vec<usize>> = Vec::new();
    let mut in_article: Vec<bool> = Vec::new();
    let mut current_file: Option<u32> = None;
    // The sentences (by start) of the article at hand that each group holds
    // a mention of, as (group, sentence start).
    let mut sentences: FxHashSet<(usize, usize)> = FxHashSet::default();
    // How many times each group was found for the mention at hand (with
    // the mention's number from 1, so that a count from an earlier mention
    // reads as none), the groups found for at least as many words as join
    // two articles, and the candidate that last met each group, so that a
    // group is weighed once.
    let mut found: Vec<(u32, u32)> = Vec::new();
    let mut touched: Vec<u32> = Vec::new();
    let mut met: Vec<usize> = Vec::new();
    let mut probes: FxHashMap<DateValue, Probe> = FxHashMap::default();
    let mut first: Vec<usize> = Vec::new();
    let mut last_words: Option<(Words, Vec<u32>)> = None;
    let mut last_countries: Option<(Countries, Vec<u32>)> = None;
    let mut last_article: Option<(Arc<ArticleMeta>, u32)> = None;
    for (n, (place, c)) in candidates.into_iter().enumerate() {
        let n = n + 1;
        // the mentions of a sentence share their words and countries, and
        // those of an article its meta: each is numbered once in a row
        let words = match &last_words {
            Some((w, numbered)) if w.same(&c.words) => numbered.clone(),
            _ => {
                let mut words: Vec<u32> = c.words.iter().map(|w| number(&mut numbers, w)).collect();
                words.sort_unstable();
                last_words = Some((c.words.clone(), words.clone()));
                words
            }
        };
        let countries = match &last_countries {
            Some((of, numbered)) if Arc::ptr_eq(of, &c.countries) => numbered.clone(),
            _ => {
                let mut countries: Vec<u32> = c
                    .countries
                    .iter()
                    .map(|w| number(&mut country_numbers, w))
                    .collect();
                countries.sort_unstable();
                last_countries = Some((c.countries.clone(), countries.clone()));
                countries
            }
        };
        let file = match &last_article {
            Some((of, file)) if Arc::ptr_eq(of, c.article()) => *file,
            _ => {
                let file = number(&mut file_numbers, &c.article().file);
                last_article = Some((c.article().clone(), file));
                file
            }
        };
        if current_file != Some(file) {
            if let Some(f) = current_file {
                for &gi in &groups_of_file[f as usize] {
                    in_article[gi] = false;
                }
            }
            if groups_of_file.len() <= file as usize {
                groups_of_file.resize_with(file as usize + 1, Vec::new);
            }
            for &gi in &groups_of_file[file as usize] {
                in_article[gi] = true;
            }
            sentences.clear();
            current_file = Some(file);
        }
        let kind = Kind::of(&c);
        let span = c.span();
        let probe = probes.entry(c.date).or_insert_with(|| Probe::of(c.date));
        let stamp = n as u32;
        let weigh = Weigh {
            groups: &groups,
            spans: &group_spans,
            words: &group_words,
            countries: &group_countries,
            listed: &listed,
            in_article: &in_article,
            sentences: &sentences,
            probe,
            c: &c,
            kind,
            span,
            c_words: &words,
            c_countries: &countries,
        };
        // the events of the mention's article first, then, unless none of
        // another article could beat the best of those (it would have to
        // share more words and countries than the mention has), those of
        // other articles that share enough words with it under its dates
        let mut best: Option<Best> = None;
        for &gi in &groups_of_file[file as usize] {
            if met[gi] != n {
                met[gi] = n;
                weigh.weigh(gi, 0, &mut best);
            }
        }
        let most_across = words.len() * 10 + countries.len();
        if words.len() >= ACROSS_MIN_SHARED
            && best.as_ref().is_none_or(|b| b.0 as usize <= most_across)
        {
            probe.visit(&postings, &words, |g| {
                let count = &mut found[g as usize];
                if count.0 != stamp {
                    *count = (stamp, 0);
                }
                count.1 += 1;
                if count.1 == ACROSS_MIN_SHARED as u32 {
                    touched.push(g);
                }
            });
            for &g in &touched {
                let gi = g as usize;
                if met[gi] != n {
                    met[gi] = n;
                    let found_here = match found[gi] {
                        (at, count) if at == stamp => count as usize,
                        _ => 0,
                    };
                    weigh.weigh(gi, found_here, &mut best);
                }
            }
        }
        touched.clear();
        match best {
            Some((_, _, gi, tie)) => {
                let before = groups[gi].date;
                // the mention's words and countries that the event has, in
                // their order
                let has = |numbers: &FxHashMap<String, u32>, of: &[u32], s: &str| {
                    numbers.get(s).is_some_and(|i| of.binary_search(i).is_ok())
                };
                let has_word = |w: &str| has(&numbers, &group_words[gi], w);
                let has_country = |w: &str| has(&country_numbers, &group_countries[gi], w);
                let event = (groups[gi].date, groups[gi].end);
                let mut c = c;
                let join = Join::of(event, &c, tie, has_word, has_country);
                if join.is_none() {
                    let shared: Vec<&str> = c.words.iter().filter(|w| has_word(w)).collect();
                    let in_both: Vec<&str> = c
                        .countries
                        .iter()
                        .map(|w| &**w)
                        .filter(|w| has_country(w))
                        .collect();
                    c.source.why = why(event, &c, tie, &shared, &in_both).into();
                }
                sentences.insert((gi, c.source.sentence_start));
                groups[gi].add(c, kind, join);
                let new_words = difference(&words, &group_words[gi]);
                group_words[gi] = union(&group_words[gi], &words);
                group_countries[gi] = union(&group_countries[gi], &countries);
                for &(d, _) in &listed[gi] {
                    postings.add(d, &new_words, gi as u32);
                }
                if !in_article[gi] {
                    in_article[gi] = true;
                    groups_of_file[file as usize].push(gi);
                }
                group_spans[gi] = groups[gi].span();
                let after = groups[gi].date;
                if after != before {
                    listings += 1;
                    listed[gi].push((after, listings));
                    postings.add(after, &group_words[gi], gi as u32);
                }
            }
            None => {
                let gi = groups.len();
                listings += 1;
                listed.push(vec![(c.date, listings)]);
                postings.add(c.date, &words, gi as u32);
                groups_of_file[file as usize].push(gi);
                in_article.push(true);
                sentences.insert((gi, c.source.sentence_start));
                groups.push(Group::new(c, kind));
                first.push(place);
                group_words.push(words);
                group_countries.push(countries);
                group_spans.push(span);
                met.push(n);
                found.push((0, 0));
            }
        }
    }
    (first, groups)
}

/// The number of `s` in `numbers`, giving it the next one when it has none.
fn number(numbers: &mut FxHashMap<String, u32>, s: &str) -> u32 {
    match numbers.get(s) {
        Some(&i) => i,
        None => {
            let i = numbers.len() as u32;
            numbers.insert(s.to_string(), i);
            i
        }
    }
}

/// How many numbers two sorted lists share. A short list is looked up in a
/// long one (an event that many mentions joined has many words).
fn shared_count(a: &[u32], b: &[u32]) -> usize {
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    if long.len() > 8 * short.len() {
        return short
            .iter()
            .filter(|x| long.binary_search(x).is_ok())
            .count();
    }
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                n += 1;
                i += 1;
                j += 1;
            }
        }
    }
    n
}

/// The numbers of sorted list `a` that sorted list `b` lacks.
fn difference(a: &[u32], b: &[u32]) -> Vec<u32> {
    a.iter()
        .copied()
        .filter(|x| b.binary_search(x).is_err())
        .collect()
}

/// The sorted numbers of either sorted list (each without repeats), each
/// once.
fn union(a: &[u32], b: &[u32]) -> Vec<u32> {
    let mut out = Vec::with_capacity(a.len() + b.len());
    let (mut i, mut j) = (0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => {
                out.push(a[i]);
                i += 1;
            }
            std::cmp::Ordering::Greater => {
                out.push(b[j]);
                j += 1;
            }
            std::cmp::Ordering::Equal => {
                out.push(a[i]);
                i += 1;
                j += 1;
            }
        }
    }
    out.extend_from_slice(&a[i..]);
    out.extend_from_slice(&b[j..]);
    out
}

/// Leaves out events that only frame an article: an event dated by a week, a
/// season, a quarter, a year or coarser, found in one article only, whose span
/// holds the date of another event from that article ("the major
/// developments on the Korean Peninsula this year" above a list of the
/// year's days). Such a date says when the article's story happens, which its
/// finer events already say.
pub fn drop_frames(groups: Vec<Group>) -> Vec<Group> {
    use crate::model::Precision;
    use rayon::prelude::*;
    let mut by_article: FxHashMap<&str, Vec<usize>> = FxHashMap::default();
    for (i, g) in groups.iter().enumerate() {
        // an event's members come article by article: each article once
        let mut last: Option<&Arc<ArticleMeta>> = None;
        for m in &g.members {
            if last.is_some_and(|a| Arc::ptr_eq(a, m.article())) {
                continue;
            }
            last = Some(m.article());
            let list = by_article.entry(m.article().file.as_str()).or_default();
            if list.last() != Some(&i) {
                list.push(i);
            }
        }
    }
    let coarse = |g: &Group| {
        g.end.is_some() || !matches!(g.date.precision(), Precision::Day | Precision::Month)
    };
    let frame: Vec<bool> = groups
        .par_iter()
        .enumerate()
        .map(|(i, g)| {
            if !coarse(g) || g.articles() != 1 {
                return false;
            }
            let (gs, ge) = g.span();
            let file = g.members[0].article().file.as_str();
            by_article[file].iter().any(|&j| {
                if j == i {
                    return false;
                }
                let (s, e) = groups[j].span();
                gs <= s && e <= ge && (e - s) < (ge - gs)
            })
        })
        .collect();
    groups
        .into_iter()
        .zip(frame)
        .filter_map(|(g, f)| (!f).then_some(g))
        .collect()
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;
    use crate::events::words::key_words;

    #[test]
    fn a_union_of_sorted_numbers_is_sorted_and_each_once() {
        assert_eq!(union(&[1, 3, 5], &[2, 3, 6, 9]), [1, 2, 3, 5, 6, 9]);
        assert_eq!(union(&[], &[4, 7]), [4, 7]);
        assert_eq!(union(&[4, 7], &[]), [4, 7]);
        assert_eq!(union(&[2, 8], &[2, 8]), [2, 8]);
        assert!(union(&[], &[]).is_empty());
    }

    /// Every source of a timeline, and of each candidate, is this size:
    /// some 865,000 of them over 10,000 articles.
    #[test]
    #[cfg(target_pointer_width = "64")]
    fn a_source_takes_96_bytes() {
        assert!(std::mem::size_of::<Source>() <= 96);
    }

    /// A mention in `file` at byte `at`, dated `date`, in `sentence`, which
    /// names `countries`.
    pub(in crate::events) fn cand(
        file: &str,
        at: usize,
        date: &str,
        sentence: &str,
        countries: &[&str],
    ) -> Candidate {
        let article = Arc::new(ArticleMeta {
            file: file.into(),
            ..Default::default()
        });
        Candidate {
            date: date.parse().unwrap(),
            end: None,
            source: Source {
                article,
                start: at,
                end: at + 1,
                text: "x".into(),
                dated: true,
                sentence: sentence.into(),
                sentence_start: at,
                why: Default::default(),
            },
            countries: Candidate::countries_of(countries),
            words: Candidate::words_of(key_words(sentence, None)),
            status: Status::Happened,
            heads: None,
            place: Place::Prose,
            states_year: false,
        }
    }

    #[test]
    fn one_attack_told_twice_in_an_article_is_one_event() {
        let groups = merge(vec![
            cand(
                "a.txt",
                0,
                "2018-02-02",
                "Militants attacked a convoy near Idlib.",
                &["SY"],
            ),
            cand(
                "a.txt",
                50,
                "2018-02-02",
                "The convoy attack killed nine soldiers.",
                &["SY"],
            ),
        ]);
        assert_eq!(groups.len(), 1);
        assert!(groups[0].why(1).contains("convoy"));
    }

    #[test]
    fn an_event_gives_the_union_of_its_members_countries_and_words() {
        let groups = merge(vec![
            cand(
                "a.txt",
                0,
                "2016-06-27",
                "Erdogan sent Putin a letter of regret.",
                &["TR"],
            ),
            cand(
                "a.txt",
                60,
                "2016-06-27",
                "The letter reached Moscow from Ankara.",
                &["RU", "TR"],
            ),
            cand(
                "b.txt",
                0,
                "2016-06-27",
                "Putin read the letter of regret from Erdogan.",
                &["RU", "TR"],
            ),
        ]);
        assert_eq!(groups.len(), 1, "{groups:?}");
        let g = &groups[0];
        assert_eq!(g.members.len(), 3);
        assert_eq!(g.articles(), 2);
        assert_eq!(g.countries().into_iter().collect::<Vec<_>>(), ["RU", "TR"]);
        let mut words = key_words("Erdogan sent Putin a letter of regret.", None);
        words.extend(key_words("The letter reached Moscow from Ankara.", None));
        words.extend(key_words(
            "Putin read the letter of regret from Erdogan.",
            None,
        ));
        assert_eq!(g.words(), words);
        // the reasons name what the mention shares with the event so far
        let why = &g.why(2);
        assert!(why.contains("shared countries (RU, TR)"), "{why}");
        assert!(why.contains("erdogan") && why.contains("regret"), "{why}");
    }

    #[test]
    fn reasons_are_said_when_the_event_is_made_and_shared_when_equal() {
        let sentence = "Erdogan sent Putin a letter of regret over the jet.";
        let groups = merge(
            (0..3)
                .map(|_| cand("a.txt", 0, "2016-06-27", sentence, &["TR", "RU"]))
                .collect(),
        );
        assert_eq!(groups.len(), 1, "{groups:?}");
        let said: Vec<Arc<str>> = (0..3).map(|i| groups[0].why(i)).collect();
        assert!(said[0].is_empty());
        assert!(
            said[1].starts_with("merged: the same sentence"),
            "{}",
            said[1]
        );
        let sources = groups.into_iter().next().unwrap().into_sources();
        let whys: Vec<&Arc<str>> = sources.iter().map(|s| &s.why).collect();
        assert_eq!(whys, said.iter().collect::<Vec<_>>());
        // the second and third joined for one reason: one string says it
        assert!(Arc::ptr_eq(whys[1], whys[2]));
    }

    #[test]
    fn a_country_past_the_sixty_fourth_is_named_in_the_reason() {
        // the shared country sorts 66th among the second sentence's
        let many: Vec<String> = (0..70).map(|i| format!("C{i:02}")).collect();
        let groups = merge(vec![
            cand(
                "a.txt",
                0,
                "2016-06-27",
                "The convoy reached the border crossing.",
                &["C65"],
            ),
            cand(
                "a.txt",
                100,
                "2016-06-27",
                "Seventy nations watched the convoy at the border crossing.",
                &many.iter().map(String::as_str).collect::<Vec<_>>(),
            ),
        ]);
        assert_eq!(groups.len(), 1, "{groups:?}");
        let why = groups[0].why(1);
        assert!(why.contains("shared countries (C65)"), "{why}");
        assert!(why.contains("convoy"), "{why}");
        // one among the first 64 of seventy: only it is named
        let groups = merge(vec![
            cand("a.txt", 0, "2016-06-27", "The convoy crossed.", &["C01"]),
            cand(
                "a.txt",
                100,
                "2016-06-27",
                "Seventy nations watched the convoy.",
                &many.iter().map(String::as_str).collect::<Vec<_>>(),
            ),
        ]);
        let why = groups[0].why(1);
        assert!(why.contains("shared countries (C01);"), "{why}");
    }

    #[test]
    fn a_month_holds_its_days_across_articles() {
        let groups = merge(vec![
            cand(
                "a.txt",
                0,
                "2016-06-27",
                "Erdogan sent Putin a letter of regret over the jet.",
                &["TR", "RU"],
            ),
            cand(
                "b.txt",
                0,
                "2016-06",
                "In late June, Moscow accepted a letter expressing regret.",
                &["RU"],
            ),
        ]);
        assert_eq!(groups.len(), 1, "{groups:?}");
        assert_eq!(groups[0].date.to_string(), "2016-06-27");
        let why = &groups[0].why(1);
        assert!(why.contains("June 2016 holds 27 June 2016"), "{why}");
        assert!(why.contains("letter") && why.contains("regret"), "{why}");
    }

    #[test]
    fn a_year_that_frames_an_article_is_no_event() {
        let groups = merge(vec![
            cand(
                "a.txt",
                0,
                "2018",
                "These are the major developments on the peninsula this year.",
                &[],
            ),
            cand(
                "a.txt",
                70,
                "2018-06-12",
                "Kim and Trump met in Singapore.",
                &["US"],
            ),
            cand(
                "b.txt",
                0,
                "2017",
                "The protests of 2017 were the largest in decades.",
                &[],
            ),
        ]);
        assert_eq!(groups.len(), 3);
        let kept: Vec<String> = drop_frames(groups)
            .iter()
            .map(|g| g.date.to_string())
            .collect();
        assert_eq!(kept, ["2018-06-12", "2017"]);
    }

    #[test]
    fn distinct_events_on_one_day_stay_apart() {
        let groups = merge(vec![
            cand(
                "a.txt",
                0,
                "2016-07-15",
                "Soldiers blocked the Bosphorus bridges in Istanbul.",
                &["TR"],
            ),
            cand(
                "b.txt",
                0,
                "2016-07-15",
                "France celebrated its national day in Nice.",
                &["FR"],
            ),
            cand(
                "c.txt",
                0,
                "2016-07-15",
                "A heat wave closed schools across the region.",
                &[],
            ),
        ]);
        assert_eq!(groups.len(), 3);
        // other dates never merge
        let groups = merge(vec![
            cand(
                "a.txt",
                0,
                "2016-07-15",
                "The coup attempt began in Ankara.",
                &["TR"],
            ),
            cand(
                "a.txt",
                9,
                "2016-07-16",
                "The coup attempt ended in Ankara.",
                &["TR"],
            ),
        ]);
        assert_eq!(groups.len(), 2);
    }

    #[test]
    fn a_section_title_joins_the_event_its_date_names() {
        let groups = merge(vec![
            cand(
                "a.txt",
                0,
                "2023-10-07",
                "Hamas launched an assault on Israel from Gaza.",
                &["IL", "PS"],
            ),
            cand("a.txt", 90, "2023-10-07", "What led up to October 7", &[]),
            // in another article, a title shares nothing
            cand("b.txt", 0, "2023-10-07", "What led up to October 7", &[]),
        ]);
        assert_eq!(groups.len(), 2, "{groups:?}");
        assert_eq!(groups[0].members.len(), 2);
        assert!(groups[0].why(1).contains("section title"));
    }

    #[test]
    fn a_remark_on_the_day_joins_the_event_its_article_tells() {
        let mut remark = cand(
            "a.txt",
            0,
            "2020-11-10",
            "The president said in an address on November 10 that the agreement was forced.",
            &["AM"],
        );
        let at = remark.source.sentence.find("November 10").unwrap();
        (remark.source.start, remark.source.end) = (at, at + 11);
        let event = cand(
            "a.txt",
            90,
            "2020-11-10",
            "With the truce holding from early hours of November 10, peacekeepers began to deploy.",
            &["RU"],
        );
        let groups = merge(vec![remark.clone(), event.clone()]);
        assert_eq!(groups.len(), 1, "{groups:?}");
        assert!(groups[0].why(1).contains("remark"));
        // without the reporting verb, two stories on one day stay apart
        let mut other = remark;
        other.source.sentence =
            "The president opened a new bridge on November 10 in the north.".into();
        let at = other.source.sentence.find("November 10").unwrap();
        (other.source.start, other.source.end) = (at, at + 11);
        other.words = Candidate::words_of(key_words(&other.source.sentence, None));
        assert_eq!(merge(vec![other, event]).len(), 2);
    }

    /// Merging as it was before [`Postings`]: every event under each of a
    /// mention's [`keys`] weighed in order, the first of the strongest kept.
    /// Slow, and plainly right by its reading: the reference for [`merge`].
    fn merge_weighing_all(candidates: Vec<Candidate>) -> Vec<Group> {
        let mut groups: Vec<Group> = Vec::new();
        let mut index: std::collections::HashMap<DateValue, Vec<usize>> =
            std::collections::HashMap::new();
        for c in candidates {
            let kind = Kind::of(&c);
            let (words, countries) = (&c.words, &c.countries);
            let mut best: Option<(u32, usize, Tie)> = None;
            let mut met = HashSet::new();
            for k in keys(c.date) {
                for &gi in index.get(&k).into_iter().flatten() {
                    if !met.insert(gi) {
                        continue;
                    }
                    let g = &groups[gi];
                    let of_article = |m: &Candidate| m.article().file == c.article().file;
                    let same_article = g.members.iter().any(|m| of_article(m));
                    let same_sentence = g.members.iter().any(|m| {
                        of_article(m) && m.source.sentence_start == c.source.sentence_start
                    });
                    let (g_words, g_countries) = (g.words(), g.countries());
                    let shared = words.iter().filter(|w| g_words.contains(*w)).count();
                    let least = g_words.len().min(words.len()).max(1);
                    let in_both = (
                        countries
                            .iter()
                            .filter(|x| g_countries.contains(&***x))
                            .count(),
                        !g_countries.is_empty() && !countries.is_empty(),
                    );
                    let spans = [g.span(), c.span()];
                    let score = (shared, shared as f32 / least as f32);
                    let article = (same_article, same_sentence);
                    if let Some((strength, tie)) =
                        strength(g, &c, kind, spans, article, score, in_both)
                    {
                        if best.as_ref().is_none_or(|b| strength > b.0) {
                            best = Some((strength, gi, tie));
                        }
                    }
                }
            }
            match best {
                Some((_, gi, tie)) => {
                    let before = groups[gi].date;
                    let (g_words, g_countries) = (groups[gi].words(), groups[gi].countries());
                    let shared: Vec<&str> =
                        c.words.iter().filter(|w| g_words.contains(*w)).collect();
                    let in_both: Vec<&str> = c
                        .countries
                        .iter()
                        .map(|x| &**x)
                        .filter(|x| g_countries.contains(x))
                        .collect();
                    let event = (groups[gi].date, groups[gi].end);
                    let said = why(event, &c, tie, &shared, &in_both).into();
                    drop((shared, in_both, g_countries));
                    let mut c = c;
                    c.source.why = said;
                    groups[gi].add(Box::new(c), kind, None);
                    if groups[gi].date != before {
                        index.entry(groups[gi].date).or_default().push(gi);
                    }
                }
                None => {
                    index.entry(c.date).or_default().push(groups.len());
                    groups.push(Group::new(Box::new(c), kind));
                }
            }
        }
        groups
    }

    /// Each group as the places of its members and why each joined.
    fn shape(groups: &[Group]) -> Vec<Vec<(String, usize, String)>> {
        groups
            .iter()
            .map(|g| {
                g.members
                    .iter()
                    .enumerate()
                    .map(|(i, m)| {
                        let at = m.source.sentence_start;
                        (m.article().file.clone(), at, g.why(i).to_string())
                    })
                    .collect()
            })
            .collect()
    }

    #[test]
    fn an_event_of_another_article_as_strong_as_the_articles_own_is_weighed() {
        // the third mention ties its own article's event (same day, three
        // shared countries: 103) and the first article's (ten shared words
        // and three countries: 103), and joins the one met first
        let words = "talks ceasefire border troops letter regret pipeline summit sanctions vote.";
        let named = ["TR", "RU", "SY"];
        let cands = vec![
            cand("a01.txt", 0, "2016-06-27", words, &named),
            cand(
                "a02.txt",
                0,
                "2016-06-27",
                "Harbour convoy refugees.",
                &named,
            ),
            cand("a02.txt", 200, "2016-06-27", words, &named),
        ];
        let got = shape(&merge(cands.clone()));
        assert_eq!(got, shape(&merge_weighing_all(cands)));
        let files = |g: &Vec<(String, usize, String)>| -> Vec<(String, usize)> {
            g.iter().map(|(f, at, _)| (f.clone(), *at)).collect()
        };
        assert_eq!(
            got.iter().map(files).collect::<Vec<_>>(),
            [
                vec![("a01.txt".to_string(), 0), ("a02.txt".to_string(), 200)],
                vec![("a02.txt".to_string(), 0)],
            ]
        );
    }

    #[test]
    fn merging_by_postings_gives_what_weighing_every_event_gives() {
        use rand::{Rng, SeedableRng};
        // few words, countries and dates, so that mentions meet often:
        // days, the months, quarters, seasons (a winter across two years),
        // weeks, years and a decade that hold them
        let dates = [
            "2015-12-30",
            "2016-01-04",
            "2016-01-04",
            "2016-02-28",
            "2016-06-27",
            "2016-06-27",
            "2016-07-15",
            "2016-12-31",
            "2015-12",
            "2016-01",
            "2016-06",
            "2016-07",
            "2016-Q1",
            "2016-Q2",
            "2016-Q3",
            "2015-WI",
            "2016-SU",
            "2016-W01",
            "2016-W26",
            "2015",
            "2016",
            "201",
        ];
        let words = [
            "talks",
            "ceasefire",
            "border",
            "troops",
            "letter",
            "regret",
            "pipeline",
            "ankara",
            "moscow",
            "summit",
            "sanctions",
            "vote",
            "harbour",
            "convoy",
            "refugees",
            "embassy",
            "election",
            "protest",
            "treaty",
            "drought",
            "cabinet",
            "parliament",
            "envoy",
            "rebels",
        ];
        let countries = ["TR", "RU", "SY", "US"];
        // from seed 40 on, long sentences of many words and countries: an
        // event of another article may then share more than an event of
        // the mention's own article weighs, and a few shared words make
        // less than the overlap two articles need
        for seed in 0..80u64 {
            let long = seed >= 40;
            let (vocabulary, most_words, most_countries) = if long {
                (&words[..], 16, 5)
            } else {
                (&words[..12], 6, 3)
            };
            let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(seed);
            let mut cands = Vec::new();
            for article in 0..rng.random_range(2..9) {
                let file = format!("a{article:02}.txt");
                let mut at = 0;
                for _ in 0..rng.random_range(1..12) {
                    // now and then a second mention in the same sentence
                    if rng.random_bool(0.8) {
                        at += 40;
                    }
                    let date = dates[rng.random_range(0..dates.len())];
                    let n = rng.random_range(0..most_words);
                    let mut sentence: Vec<&str> = (0..n)
                        .map(|_| vocabulary[rng.random_range(0..vocabulary.len())])
                        .collect();
                    if rng.random_bool(0.2) {
                        sentence.push("said on Monday that");
                    }
                    let sentence = format!("{}.", sentence.join(" "));
                    let named: Vec<&str> = (0..rng.random_range(0..most_countries))
                        .map(|_| countries[rng.random_range(0..countries.len())])
                        .collect();
                    let mut c = cand(&file, at, date, &sentence, &named);
                    // now and then a range of days ("June 27 to 29")
                    if let DateValue::Day(d) = c.date {
                        if rng.random_bool(0.15) {
                            c.end = Some(DateValue::Day(d + chrono::Duration::days(2)));
                        }
                    }
                    cands.push(c);
                }
            }
            let want = shape(&merge_weighing_all(cands.clone()));
            let got = shape(&merge(cands));
            assert_eq!(got, want, "seed {seed}");
        }
    }
}
