//! The rules that recognise temporal expressions in a sentence's tokens.
//!
//! Scanning goes left to right; at each token the rules that can start there
//! (chosen by what the lexicon says of it) are tried, the longest match wins, and
//! scanning resumes after it. Each rule says what the expression means before a
//! reference date is known ([`Raw`]); the tense of the clause around it is read
//! here too, for expressions that leave the direction open.

/// Declares a test that runs a family's table of cases: each case is a text,
/// its publication date ("" for none) and every (span, value) the extractor
/// must find in it, in order.
#[cfg(test)]
macro_rules! cases {
    ($name:ident, $(($text:expr, $published:expr, [$(($span:expr, $value:expr)),* $(,)?])),* $(,)?) => {
        #[test]
        fn $name() {
            crate::extract::rules::check_cases(&[$(($text, $published, &[$(($span, $value)),*])),*]);
        }
    };
}

mod business;
mod calendar;
mod clock;
mod durations;
mod holidays;
mod relative;
mod scanner;
mod words;

use std::sync::OnceLock;

use super::lexicon::{DayPart, Kw, Lex, Unit};
use super::tokens::{Kind, Tok};
use super::{Anchor, Raw, Tense, Yr};
use scanner::Scan;

/// An expression found in a sentence, not yet resolved.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Found {
    /// Byte span in the text.
    pub start: usize,
    pub end: usize,
    pub raw: Raw,
    pub tense: Tense,
    /// A part of the day riding on a day ("Tuesday night").
    pub part: Option<DayPart>,
    /// A clock time riding on a day, or alone ([`Raw::Clock`]).
    pub clock: Option<(u8, u8)>,
    /// The expression names the week holding the date ("the week of March 6").
    pub week_of: bool,
}

/// A match at a token: its span in tokens and what it means.
#[derive(Debug, Clone, Copy)]
struct M {
    first: usize,
    next: usize,
    raw: Raw,
    part: Option<DayPart>,
    clock: Option<(u8, u8)>,
    week_of: bool,
    /// A direction the wording itself fixes.
    tense: Option<Tense>,
    /// A second expression found with this one: the end of a range ("July
    /// 15-16"), or the anchor of "ten years after <anchor>".
    also: Option<(usize, usize, Raw)>,
}

impl M {
    fn new(first: usize, next: usize, raw: Raw) -> M {
        M {
            first,
            next,
            raw,
            part: None,
            clock: None,
            week_of: false,
            tense: None,
            also: None,
        }
    }
    /// The token index where scanning goes on.
    fn end(&self) -> usize {
        self.also.map_or(self.next, |(_, n, _)| n.max(self.next))
    }
}

/// Whether the resolution of this expression depends on tense.
fn needs_tense(raw: &Raw) -> bool {
    match raw {
        Raw::Calendar { year, .. } => year.is_none(),
        Raw::Weekday { dir, .. } => dir.is_none() || *dir == Some(0),
        Raw::Units {
            unit: Unit::Weekend,
            offset: 0,
        } => true,
        Raw::Season { year, dir, .. }
        | Raw::Holiday { year, dir, .. }
        | Raw::Quarter { year, dir, .. } => *year == Yr::Open && dir.is_none(),
        // "the quarter": the one under way, or the one just reported
        Raw::Reported {
            fallback: crate::extract::Fallback::Quarter,
            ..
        } => true,
        _ => false,
    }
}

/// Finds every expression in a sentence's tokens, left to right, longest first,
/// and appends them to `out`. `anchors` are the dated spans within the sentence.
pub fn find_raw(text: &str, toks: &[Tok], anchors: &[Anchor], out: &mut Vec<Found>) {
    let sc = Scan {
        text,
        toks,
        anchors,
    };
    let mut i = 0;
    while i < toks.len() {
        let Some(m) = match_at(&sc, i) else {
            i += 1;
            continue;
        };
        let tense = m.tense.unwrap_or_else(|| {
            if needs_tense(&m.raw) {
                sc.tense(m.first, m.next)
            } else {
                Tense::Unknown
            }
        });
        out.push(Found {
            start: toks[m.first].start,
            end: toks[m.next - 1].end,
            raw: m.raw,
            tense,
            part: m.part,
            clock: m.clock,
            week_of: m.week_of,
        });
        if let Some((a, b, raw)) = m.also {
            // the second day of a range ("May 28-29") is read as the first
            let tense = match (&m.raw, needs_tense(&raw)) {
                (Raw::Calendar { .. }, true) if needs_tense(&m.raw) => tense,
                (_, true) => sc.tense(a, b),
                (_, false) => Tense::Unknown,
            };
            out.push(Found {
                start: toks[a].start,
                end: toks[b - 1].end,
                raw,
                tense,
                part: None,
                clock: None,
                week_of: false,
            });
        }
        i = m.end().max(i + 1);
    }
}

/// Keeps the longer of two matches (the first on a tie).
fn longer(a: Option<M>, b: Option<M>) -> Option<M> {
    match (a, b) {
        (Some(x), Some(y)) => Some(if y.next > x.next { y } else { x }),
        (x, None) => x,
        (None, y) => y,
    }
}

/// The kind of token a rule starts with: the key of the dispatch table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Start {
    /// A run of digits.
    Digits,
    /// An apostrophe ("'90s").
    Apostrophe,
    /// A word the lexicon gives no role.
    Plain,
    Month,
    Weekday,
    Holiday,
    /// A cardinal number word ("three").
    NumberWord,
    Ordinal,
    Unit,
    Season,
    /// A part of the day ("morning").
    Part,
    Kw(Kw),
}

/// How many keys lie before the keywords in the table's index.
const FIXED_KEYS: usize = 11;

impl Start {
    /// The key of token i, if a rule may start at such a token.
    fn of(sc: &Scan, i: usize) -> Option<Start> {
        let t = sc.t(i)?;
        Some(match t.kind {
            Kind::Num => Start::Digits,
            Kind::Punct('\'' | '’') => Start::Apostrophe,
            Kind::Punct(_) => return None,
            Kind::Word => Start::of_lex(t.info.lex),
        })
    }

    /// The key of a word with this role.
    fn of_lex(lex: Lex) -> Start {
        match lex {
            Lex::None => Start::Plain,
            Lex::Month(_) => Start::Month,
            Lex::Weekday(_) => Start::Weekday,
            Lex::Holiday(_) => Start::Holiday,
            Lex::Number(_) => Start::NumberWord,
            Lex::Ordinal(_) => Start::Ordinal,
            Lex::Unit(_) => Start::Unit,
            Lex::Season(_) => Start::Season,
            Lex::Part(_) => Start::Part,
            Lex::Kw(k) => Start::Kw(k),
        }
    }

    /// The key's slot in the table's index.
    fn index(self) -> usize {
        match self {
            Start::Digits => 0,
            Start::Apostrophe => 1,
            Start::Plain => 2,
            Start::Month => 3,
            Start::Weekday => 4,
            Start::Holiday => 5,
            Start::NumberWord => 6,
            Start::Ordinal => 7,
            Start::Unit => 8,
            Start::Season => 9,
            Start::Part => 10,
            Start::Kw(k) => FIXED_KEYS + k as usize,
        }
    }
}

/// A rule: where it may start, what it reads and an example it must match.
struct Rule {
    start: Start,
    /// The rule's function, in its family's file.
    run: fn(&Scan, usize) -> Option<M>,
    /// A phrase the rule matches, starting at the first token of kind `start`
    /// (checked by a test).
    // read by the tests only
    #[cfg_attr(not(test), allow(dead_code))]
    example: &'static str,
}

const fn rule(start: Start, run: fn(&Scan, usize) -> Option<M>, example: &'static str) -> Rule {
    Rule {
        start,
        run,
        example,
    }
}

/// The dispatch table. At each token the rules keyed by its kind are tried in
/// this order; the longest match wins, the earlier row on a tie. Adding a rule
/// is one row here and its function in its family's file (calendar, relative,
/// durations, holidays, clock); a keyword the lexicon knows must have a row
/// here or be listed in [`CUES`], which a test checks.
#[rustfmt::skip]
const RULES: &[Rule] = &[
    // digits: clock times, dates led by a number, counts of units, then a bare
    // year (one token, so it wins only when nothing longer matches)
    rule(Start::Digits, clock::clock_rule, "10:35 a.m. Tuesday"),
    rule(Start::Digits, calendar::number_led, "15 July 2016"),
    rule(Start::Digits, calendar::foreign_date, "3 de marzo de 2018"),
    rule(Start::Digits, |sc, i| durations::amount_led(sc, i, i), "3 days"),
    rule(Start::Digits, |sc, i| calendar::year_rule(sc, i, false), "in 2017"),
    rule(Start::Apostrophe, calendar::decade_short, "the '90s"),
    // words with no role: "Election Day", "Q3 1998", "these days"
    rule(Start::Plain, holidays::holiday_rule, "Election Day"),
    rule(Start::Plain, calendar::quarter_code, "Q3 1998"),
    rule(Start::Plain, relative::these_days, "these days"),
    // calendar words
    rule(Start::Month, holidays::holiday_rule, "May Day"),
    rule(Start::Month, |sc, i| calendar::month_led(sc, i, false), "October 1, 2021"),
    rule(Start::Weekday, calendar::weekday_led, "Sunday, March 21, 2021"),
    rule(Start::Holiday, holidays::holiday_rule, "Christmas Eve"),
    rule(Start::NumberWord, |sc, i| durations::amount_led(sc, i, i), "three days"),
    rule(Start::NumberWord, words::year_in_words, "nineteen ninety-six"),
    rule(Start::Kw(Kw::The), words::the_year_in_words, "the year two thousand"),
    rule(Start::Kw(Kw::The), words::decade_in_words, "the nineties"),
    rule(Start::Month, words::month_year_in_words, "January nineteen ninety-seven"),
    rule(Start::Month, calendar::month_of_relative_year, "April last year"),
    rule(Start::Ordinal, calendar::ordinal_led, "third quarter of 1998"),
    rule(Start::Unit, durations::bare_units, "decades-long"),
    rule(Start::Unit, calendar::ordinal_led, "second-quarter results"),
    rule(Start::Unit, business::year_adjective, "year-earlier results"),
    rule(Start::Unit, business::year_end, "by year-end"),
    rule(Start::Unit, relative::bare_weekend, "at weekend"),
    rule(Start::Season, |sc, i| calendar::season_led(sc, i, false), "summer 1998"),
    // days and references named by a word
    rule(Start::Kw(Kw::Today), relative::deictic_day, "today"),
    rule(Start::Kw(Kw::Yesterday), relative::deictic_day, "yesterday morning"),
    rule(Start::Kw(Kw::Tomorrow), relative::deictic_day, "tomorrow"),
    rule(Start::Kw(Kw::Tonight), relative::deictic_day, "tonight"),
    rule(Start::Kw(Kw::Now), relative::reference_word, "now"),
    rule(Start::Kw(Kw::Currently), relative::reference_word, "currently"),
    rule(Start::Kw(Kw::Nowadays), relative::reference_word, "nowadays"),
    rule(Start::Kw(Kw::Recently), relative::reference_word, "recently"),
    rule(Start::Kw(Kw::Future), relative::reference_word, "future"),
    rule(Start::Kw(Kw::Recent), relative::recent_units, "recent years"),
    // "the ..."
    rule(Start::Kw(Kw::The), business::the_period, "the year-ago quarter"),
    rule(Start::Kw(Kw::The), relative::the_led, "the following day"),
    rule(Start::Kw(Kw::The), relative::the_term, "the near term"),
    rule(Start::Kw(Kw::Current), relative::current, "current levels"),
    // "last week", "next Friday", "the past two months"
    rule(Start::Kw(Kw::This), |sc, i| relative::relative(sc, i, i), "this summer"),
    rule(Start::Kw(Kw::Last), |sc, i| relative::relative(sc, i, i), "last week"),
    rule(Start::Kw(Kw::Next), |sc, i| relative::relative(sc, i, i), "next Friday"),
    rule(Start::Kw(Kw::Past), |sc, i| relative::relative(sc, i, i), "past Sunday"),
    rule(Start::Kw(Kw::Coming), |sc, i| relative::relative(sc, i, i), "coming weeks"),
    rule(Start::Kw(Kw::Previous), |sc, i| relative::relative(sc, i, i), "previous Monday"),
    rule(Start::Kw(Kw::Last), durations::duration_rule, "last five years"),
    rule(Start::Kw(Kw::Next), durations::duration_rule, "next two weeks"),
    rule(Start::Kw(Kw::Past), durations::duration_rule, "past decade"),
    rule(Start::Kw(Kw::Coming), durations::duration_rule, "coming two months"),
    rule(Start::Kw(Kw::That), |sc, i| relative::that_led(sc, i, i), "that same day"),
    // modified periods
    rule(Start::Kw(Kw::Early), relative::modified, "early 1999"),
    rule(Start::Kw(Kw::Late), relative::modified, "late December"),
    rule(Start::Kw(Kw::Mid), relative::modified, "mid-August"),
    rule(Start::Kw(Kw::Earlier), relative::modified, "earlier this month"),
    rule(Start::Kw(Kw::Later), relative::modified, "later that year"),
    rule(Start::Kw(Kw::Middle), relative::modified, "middle of May"),
    // business periods
    rule(Start::Kw(Kw::Fiscal), calendar::fiscal, "fiscal 1998"),
    rule(Start::Kw(Kw::Fy), calendar::fiscal, "FY 98"),
    rule(Start::Kw(Kw::Post), calendar::pre_post, "post-1945"),
    rule(Start::Kw(Kw::Pre), calendar::pre_post, "pre-2000s"),
    // sets
    rule(Start::Kw(Kw::Every), durations::every, "every two years"),
    rule(Start::Kw(Kw::Each), durations::every, "each year"),
    rule(Start::Kw(Kw::Daily), durations::adverb_set, "daily"),
    rule(Start::Kw(Kw::Weekly), durations::adverb_set, "weekly"),
    rule(Start::Kw(Kw::Monthly), durations::adverb_set, "monthly"),
    rule(Start::Kw(Kw::Annually), durations::adverb_set, "annually"),
    rule(Start::Kw(Kw::Quarterly), durations::adverb_set, "quarterly"),
    rule(Start::Kw(Kw::Hourly), durations::adverb_set, "hourly"),
    rule(Start::Kw(Kw::Nightly), durations::adverb_set, "nightly"),
    rule(Start::Kw(Kw::Per), durations::rate, "per day"),
    // clock words
    rule(Start::Kw(Kw::Noon), clock::clock_rule, "noon Tuesday"),
    rule(Start::Kw(Kw::Midday), clock::clock_rule, "midday"),
    rule(Start::Kw(Kw::Midnight), clock::clock_rule, "midnight"),
    // counts and the modifiers a length of time may carry
    rule(Start::Kw(Kw::A), durations::rate, "twice a week"),
    rule(Start::Kw(Kw::A), |sc, i| durations::amount_led(sc, i, i), "a year ago"),
    rule(Start::Kw(Kw::Several), |sc, i| durations::amount_led(sc, i, i), "several years ago"),
    rule(Start::Kw(Kw::Many), |sc, i| durations::amount_led(sc, i, i), "many years ago"),
    rule(Start::Kw(Kw::Few), |sc, i| durations::amount_led(sc, i, i), "few weeks ago"),
    rule(Start::Kw(Kw::Half), |sc, i| durations::amount_led(sc, i, i), "half an hour"),
    rule(Start::Kw(Kw::Dozen), |sc, i| durations::amount_led(sc, i, i), "dozen years"),
    rule(Start::Kw(Kw::About), durations::duration_rule, "about five hours"),
    rule(Start::Kw(Kw::Nearly), durations::duration_rule, "nearly two years"),
    rule(Start::Kw(Kw::Almost), durations::duration_rule, "almost a decade"),
    rule(Start::Kw(Kw::Around), durations::duration_rule, "around three weeks"),
    rule(Start::Kw(Kw::Over), durations::duration_rule, "over an hour"),
    rule(Start::Kw(Kw::Under), durations::duration_rule, "under two minutes"),
    rule(Start::Kw(Kw::More), durations::duration_rule, "more than 16 hours"),
    rule(Start::Kw(Kw::Less), durations::duration_rule, "less than a week"),
    rule(Start::Kw(Kw::At), durations::duration_rule, "at least 72 hours"),
    rule(Start::Kw(Kw::Just), durations::duration_rule, "just three days"),
    rule(Start::Kw(Kw::Only), durations::duration_rule, "only two weeks"),
    rule(Start::Kw(Kw::Another), durations::duration_rule, "another six months"),
    rule(Start::Kw(Kw::Up), durations::duration_rule, "up to five years"),
    rule(Start::Kw(Kw::Some), durations::duration_rule, "some 20 years"),
];

/// Keys that start no rule: parts of the day and cue words, which only shape
/// the rules around them ("of", "ago", "since", "a.m."...).
// read by the tests only
#[cfg_attr(not(test), allow(dead_code))]
const CUES: &[Start] = &[
    Start::Part,
    Start::Kw(Kw::Following),
    Start::Kw(Kw::Same),
    Start::Kw(Kw::Start),
    Start::Kw(Kw::End),
    Start::Kw(Kw::Of),
    Start::Kw(Kw::In),
    Start::Kw(Kw::On),
    Start::Kw(Kw::Since),
    Start::Kw(Kw::Until),
    Start::Kw(Kw::By),
    Start::Kw(Kw::From),
    Start::Kw(Kw::To),
    Start::Kw(Kw::Through),
    Start::Kw(Kw::Between),
    Start::Kw(Kw::And),
    Start::Kw(Kw::Or),
    Start::Kw(Kw::Ago),
    Start::Kw(Kw::Before),
    Start::Kw(Kw::After),
    Start::Kw(Kw::Am),
    Start::Kw(Kw::Pm),
    Start::Kw(Kw::Couple),
    Start::Kw(Kw::Than),
    Start::Kw(Kw::Least),
    Start::Kw(Kw::Most),
    Start::Kw(Kw::Old),
    Start::Kw(Kw::Within),
    Start::Kw(Kw::For),
    Start::Kw(Kw::During),
    Start::Kw(Kw::As),
    Start::Kw(Kw::Latest),
    Start::Kw(Kw::Soon),
    Start::Kw(Kw::Eve),
    Start::Kw(Kw::Times),
    Start::Kw(Kw::Twice),
    Start::Kw(Kw::Gmt),
    Start::Kw(Kw::Zone),
    Start::Kw(Kw::Long),
    Start::Kw(Kw::Other),
    Start::Kw(Kw::Once),
];

type RuleFn = fn(&Scan, usize) -> Option<M>;

/// The rules of each key, by [`Start::index`], in table order.
fn index() -> &'static [Vec<RuleFn>] {
    static INDEX: OnceLock<Vec<Vec<RuleFn>>> = OnceLock::new();
    INDEX.get_or_init(|| {
        let size = RULES.iter().map(|r| r.start.index() + 1).max().unwrap_or(0);
        let mut index = vec![Vec::new(); size];
        for r in RULES {
            index[r.start.index()].push(r.run);
        }
        index
    })
}

/// Tries the rules that can start at token i, longest match first (none when
/// the text ends before it: rules ask for what follows their keyword here).
fn match_at(sc: &Scan, i: usize) -> Option<M> {
    let key = Start::of(sc, i)?;
    let rules = index().get(key.index())?;
    let mut best = None;
    for run in rules {
        best = longer(best, run(sc, i));
    }
    best
}

/// A case of a family's table: text, publication date, (span, value) pairs.
#[cfg(test)]
type Case<'a> = (&'a str, &'a str, &'a [(&'a str, &'a str)]);

/// Runs a table of cases (see `cases!`), reporting every case that fails.
#[cfg(test)]
fn check_cases(cases: &[Case]) {
    let mut failed = Vec::new();
    for (text, published, want) in cases {
        let published = (!published.is_empty()).then(|| published.parse().expect("a test date"));
        let got: Vec<(String, String)> = crate::extract::extract_text(text, published)
            .into_iter()
            .map(|m| (text[m.start..m.end].to_string(), m.value.to_string()))
            .collect();
        let want: Vec<(String, String)> = want
            .iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect();
        if got != want {
            failed.push(format!("{text:?}\n  want {want:?}\n  got  {got:?}"));
        }
    }
    assert!(
        failed.is_empty(),
        "{} case(s) failed:\n{}",
        failed.len(),
        failed.join("\n")
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::tokens::tokenize;

    fn found(text: &str) -> Vec<(String, Raw)> {
        let mut toks = Vec::new();
        tokenize(text, 0, text.len(), &mut toks);
        let mut out = Vec::new();
        find_raw(text, &toks, &[], &mut out);
        out.into_iter()
            .map(|f| (text[f.start..f.end].to_string(), f.raw))
            .collect()
    }

    #[test]
    fn spans_cover_the_whole_expression() {
        let f = found("They met on Monday, Oct. 26, 1998 and again early next week.");
        assert_eq!(f[0].0, "Monday, Oct. 26, 1998");
        assert_eq!(f[1].0, "early next week");
    }

    #[test]
    fn tense_reads_the_nearest_verb() {
        let text = "Officials said Tuesday that the talks will resume Friday.";
        let mut toks = Vec::new();
        tokenize(text, 0, text.len(), &mut toks);
        let mut out = Vec::new();
        find_raw(text, &toks, &[], &mut out);
        assert_eq!(out[0].tense, Tense::Past);
        assert_eq!(out[1].tense, Tense::Future);
    }

    #[test]
    fn every_rule_matches_its_example() {
        for r in RULES {
            let mut toks = Vec::new();
            tokenize(r.example, 0, r.example.len(), &mut toks);
            let sc = Scan {
                text: r.example,
                toks: &toks,
                anchors: &[],
            };
            let at = (0..toks.len()).find(|&i| Start::of(&sc, i) == Some(r.start));
            let at = at.unwrap_or_else(|| {
                panic!("{:?}: no token of its kind in {:?}", r.start, r.example)
            });
            assert!(
                (r.run)(&sc, at).is_some(),
                "{:?}: its rule does not match {:?}",
                r.start,
                r.example
            );
        }
    }

    #[test]
    fn every_word_the_lexicon_knows_starts_a_rule_or_is_a_cue() {
        let starts: Vec<Start> = crate::extract::lexicon::roles()
            .into_iter()
            .map(Start::of_lex)
            .chain([Start::Digits, Start::Apostrophe, Start::Plain])
            .collect();
        for s in starts {
            let rules = RULES.iter().filter(|r| r.start == s).count();
            let cue = CUES.contains(&s);
            assert!(
                rules > 0 || cue,
                "{s:?} starts no rule and is not listed as a cue"
            );
            assert!(
                !(rules > 0 && cue),
                "{s:?} starts a rule and is listed as a cue"
            );
        }
    }

    #[test]
    fn the_index_holds_every_rule_once() {
        let total: usize = index().iter().map(Vec::len).sum();
        assert_eq!(total, RULES.len());
    }
}
