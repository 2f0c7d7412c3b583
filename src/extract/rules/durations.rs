//! Durations and sets: lengths of time with their modifiers ("about five
//! hours", "the past two months"), offsets from now ("three years ago") and
//! from a dated anchor ("ten years after the war began"), recurrences ("every
//! week", "twice a month", "daily").

use crate::extract::lexicon::{COUNT, DayPart, Kw, Lex, PLURAL, Unit};
use crate::extract::tokens::Kind;
use crate::extract::{Amount, Fallback, Raw, RefKind, Yr};

use super::scanner::Scan;
use super::{M, match_at};

impl Scan<'_> {
    /// A count of units at i: "three", "16", "twenty-five", "a", "several",
    /// "a few", "5 1/2", "half an", "a couple of"; the amount and the index after.
    pub(super) fn amount(&self, i: usize) -> Option<(Amount, usize)> {
        let one = |n: u32, next: usize| {
            Some((
                Amount {
                    n: Some(n),
                    half: false,
                },
                next,
            ))
        };
        let vague = |next: usize| {
            Some((
                Amount {
                    n: None,
                    half: false,
                },
                next,
            ))
        };
        if let Some(n) = self.num(i) {
            if self.digits(i) > 4 {
                return None;
            }
            // not a decimal's tail, a money amount or a score
            if i > 0 && self.glued(i) {
                if let Some(t) = self.t(i - 1) {
                    if matches!(t.kind, Kind::Punct('.' | ',' | '$' | '€' | '£' | ':' | '/'))
                        || t.kind == Kind::Word
                    {
                        return None;
                    }
                }
            }
            if self.punct(i + 1, '.') && self.glued(i + 1) && self.is_num(i + 2) {
                return None;
            }
            // "5 1/2"
            if self.num(i + 1) == Some(1)
                && self.punct(i + 2, '/')
                && self.num(i + 3) == Some(2)
                && self.glued(i + 2)
            {
                return Some((
                    Amount {
                        n: Some(n),
                        half: true,
                    },
                    i + 4,
                ));
            }
            if self.punct(i + 1, ',') && self.glued(i + 1) && self.is_num(i + 2) {
                return None;
            }
            return one(n, i + 1);
        }
        match self.lex(i) {
            Lex::Number(n) => {
                let mut n = n as u32;
                let mut j = i + 1;
                if (20..=90).contains(&n) && n % 10 == 0 {
                    let k = if self.punct(j, '-') { j + 1 } else { j };
                    if let Lex::Number(u) = self.lex(k) {
                        if (1..=9).contains(&u) {
                            n += u as u32;
                            j = k + 1;
                        }
                    }
                }
                if self.is(j, Kw::And) && self.is(j + 1, Kw::A) && self.is(j + 2, Kw::Half) {
                    return Some((
                        Amount {
                            n: Some(n),
                            half: true,
                        },
                        j + 3,
                    ));
                }
                one(n, j)
            }
            Lex::Kw(Kw::A) => match self.kw(i + 1) {
                Some(Kw::Few) => vague(i + 2),
                Some(Kw::Couple) if self.is(i + 2, Kw::Of) => one(2, i + 3),
                Some(Kw::Couple) => one(2, i + 2),
                Some(Kw::Dozen) => one(12, i + 2),
                Some(Kw::Half) => Some((
                    Amount {
                        n: Some(0),
                        half: true,
                    },
                    i + 2,
                )),
                _ => one(1, i + 1),
            },
            Lex::Kw(Kw::Several | Kw::Many | Kw::Few) => vague(i + 1),
            Lex::Kw(Kw::Dozen) => one(12, i + 1),
            Lex::Kw(Kw::Half) if matches!(self.kw(i + 1), Some(Kw::A)) => Some((
                Amount {
                    n: Some(0),
                    half: true,
                },
                i + 2,
            )),
            _ => None,
        }
    }
}

/// "every day", "every two years", "every other week", "each year", "every Monday".
pub(super) fn every(sc: &Scan, i: usize) -> Option<M> {
    let mut j = i + 1;
    let mut n = 1;
    if sc.is(j, Kw::Other) {
        n = 2;
        j += 1;
    } else if let Some((a, k)) = sc.amount(j) {
        if let Some(x) = a.n {
            if sc.unit(k).is_some() && !sc.is(j, Kw::A) {
                n = x;
                j = k;
            }
        }
    }
    match sc.lex(j) {
        Lex::Unit(u) => {
            if u == Unit::Second && !sc.has(j, PLURAL) {
                return None;
            }
            Some(M::new(
                i,
                j + 1,
                Raw::Set {
                    unit: u,
                    every: n,
                    weekday: None,
                },
            ))
        }
        Lex::Weekday(w) if sc.cap(j) => Some(M::new(
            i,
            j + 1,
            Raw::Set {
                unit: Unit::Week,
                every: 1,
                weekday: Some(w),
            },
        )),
        Lex::Part(p) => {
            let mut m = M::new(
                i,
                j + 1,
                Raw::Set {
                    unit: Unit::Day,
                    every: 1,
                    weekday: None,
                },
            );
            m.part = Some(p);
            Some(m)
        }
        _ => None,
    }
}

/// A rate: "twice a week", "24 hours a day", "$1 billion a year", "per day".
pub(super) fn rate(sc: &Scan, i: usize) -> Option<M> {
    let (u, plural) = sc.unit(i + 1)?;
    if plural || u == Unit::Second {
        return None;
    }
    let per = sc.is(i, Kw::Per);
    // "twice a week", "three times a day": how often something happens
    let often = i > 0 && matches!(sc.kw(i - 1), Some(Kw::Times | Kw::Twice | Kw::Once));
    if !(per || (sc.is(i, Kw::A) && often)) {
        return None;
    }
    // "a year ago", "a day later", "a year-old"
    if matches!(
        sc.kw(i + 2),
        Some(Kw::Ago | Kw::Later | Kw::Earlier | Kw::After | Kw::Before | Kw::Old)
    ) || sc.dash(i + 2)
    {
        return None;
    }
    Some(M::new(
        i,
        i + 2,
        Raw::Set {
            unit: u,
            every: 1,
            weekday: None,
        },
    ))
}

/// "a year" after an amount: "$2 million a year", "700 seats a week", "24
/// hours a day". An amount per unit of time measures that amount; it is neither
/// a time nor a length of time.
fn per_amount(sc: &Scan, i: usize) -> bool {
    let amount = |k: usize| {
        sc.is_num(k)
            || matches!(sc.lex(k), Lex::Number(_))
            || (sc.has(k, COUNT) && sc.lex(k) == Lex::None)
    };
    if !sc.is(i, Kw::A) || i == 0 {
        return false;
    }
    // "a year ago", "a day later" count back from the reference
    if matches!(
        sc.kw(i + 2),
        Some(Kw::Ago | Kw::Later | Kw::Earlier | Kw::After | Kw::Before | Kw::Old)
    ) || sc.dash(i + 2)
    {
        return false;
    }
    // the amount, or an amount and what it counts ("four flights a week"), or
    // a length of time ("24 hours a day")
    amount(i - 1)
        || sc.unit(i - 1).is_some_and(|(_, plural)| plural)
        || (i >= 2 && amount(i - 2) && sc.is_word(i - 1) && sc.lex(i - 1) == Lex::None)
}

/// A unit word alone: "for years", "decades-long".
pub(super) fn bare_units(sc: &Scan, i: usize) -> Option<M> {
    let (u, plural) = sc.unit(i)?;
    if !plural || matches!(u, Unit::Second | Unit::Weekend | Unit::Quarter) {
        return None;
    }
    let vague = Raw::Duration {
        amount: Amount {
            n: None,
            half: false,
        },
        unit: u,
    };
    if sc.dash(i + 1) && sc.glued(i + 1) && sc.is(i + 2, Kw::Long) {
        return Some(M::new(i, i + 3, vague));
    }
    None
}

/// Modifiers a length of time may carry in its span: "about", "more than", "at
/// least", "the past", "another"; returns the index after them.
pub(super) fn duration_prefix(sc: &Scan, i: usize) -> usize {
    let mut j = i;
    for _ in 0..3 {
        let step = match sc.kw(j) {
            Some(Kw::About | Kw::Nearly | Kw::Almost | Kw::Around | Kw::Just | Kw::Only) => 1,
            Some(Kw::Some) if sc.is_num(j + 1) || matches!(sc.lex(j + 1), Lex::Number(_)) => 1,
            // "over an hour", but "over the past year" starts at "the"
            Some(Kw::Over | Kw::Under) if !sc.is(j + 1, Kw::The) => 1,
            Some(Kw::Another) => 1,
            Some(Kw::More | Kw::Less) if sc.is(j + 1, Kw::Than) => 2,
            Some(Kw::At) if matches!(sc.kw(j + 1), Some(Kw::Least | Kw::Most)) => 2,
            Some(Kw::Up) if sc.is(j + 1, Kw::To) => 2,
            Some(Kw::The)
                if matches!(
                    sc.kw(j + 1),
                    Some(
                        Kw::Past | Kw::Last | Kw::Next | Kw::Coming | Kw::Previous | Kw::Following
                    )
                ) || sc.lex(j + 1) == Lex::Ordinal(1) =>
            {
                2
            }
            Some(Kw::Past | Kw::Last | Kw::Next | Kw::Coming) => 1,
            _ if sc.lex(j) == Lex::Ordinal(1) && j > i => 1,
            _ => 0,
        };
        if step == 0 {
            break;
        }
        j += step;
    }
    j
}

/// A length of time with its modifiers: "about five hours", "the past two
/// months", "at least 72 hours", "last five years", "past decade".
pub(super) fn duration_rule(sc: &Scan, i: usize) -> Option<M> {
    let j = duration_prefix(sc, i);
    if j == i {
        return None;
    }
    // "the past year", "past decade": one unit after the modifier
    if let Some((u, false)) = sc.unit(j) {
        if j >= 1 && matches!(sc.kw(j - 1), Some(Kw::Past | Kw::Last)) {
            let the = j >= 2 && sc.is(j - 2, Kw::The);
            if (sc.is(j - 1, Kw::Past) || the)
                && !matches!(u, Unit::Second | Unit::Weekend)
                && (u != Unit::Day || the)
            {
                return Some(M::new(
                    i,
                    j + 1,
                    Raw::Duration {
                        amount: Amount {
                            n: Some(1),
                            half: false,
                        },
                        unit: u,
                    },
                ));
            }
        }
        return None;
    }
    let m = amount_led(sc, j, i)?;
    Some(m)
}

/// The word of a page's time stamp ("Updated", "Posted", "Published") right
/// before token i, a colon allowed between.
fn page_stamp_before(sc: &Scan, i: usize) -> bool {
    let k = if i > 0 && sc.punct(i - 1, ':') {
        i - 1
    } else {
        i
    };
    k > 0
        && ["updated", "posted", "published", "edited", "modified"]
            .iter()
            .any(|w| sc.word_is(k - 1, w))
}

/// Rules that start with a count: "three days", "16-hour", "two more weeks",
/// "three years ago", "two days later", "ten years after <anchor>"; the span
/// starts at `first` (before any modifiers).
pub(super) fn amount_led(sc: &Scan, i: usize, first: usize) -> Option<M> {
    let (amount, mut k) = sc.amount(i)?;
    if sc.is(k, Kw::More) {
        k += 1;
    }
    let hyphen = sc.dash(k) && sc.glued(k) && sc.glued(k + 1);
    if hyphen {
        k += 1;
    }
    let (unit, plural) = sc.unit(k)?;
    // a plural needs a count above one; "a second", "one second" as ordinals aside
    if unit == Unit::Second && !plural && !matches!(sc.kw(k + 1), Some(Kw::Ago | Kw::Later)) {
        return None;
    }
    if sc.is(i, Kw::A) && (plural || per_amount(sc, i)) {
        return None;
    }
    // ages: "6-year-old", "six years old", "a 13-year-old"
    if sc.is(k + 1, Kw::Old) || (sc.dash(k + 1) && sc.is(k + 2, Kw::Old)) {
        return None;
    }
    // "year-earlier", "year-ago" are adjectives of their own
    if sc.dash(k + 1) && matches!(sc.kw(k + 2), Some(Kw::Ago | Kw::Earlier)) {
        return None;
    }
    // fractions: "a quarter of its stores", "three-quarters", "the 1988 quarter"
    if unit == Unit::Quarter
        && (sc.is(k + 1, Kw::Of) || (hyphen && plural) || amount.n.is_some_and(|n| n >= 1000))
    {
        return None;
    }
    let mut next = k + 1;
    // "24 hours a day", "eight hours a week": hours per day measure how much of
    // each day, a rate rather than a length of time
    if plural && sc.unit(next + 1).is_some_and(|(_, p)| !p) && per_amount(sc, next) {
        return None;
    }
    let mut amount = amount;
    // "for years", "several months": too vague to be worth a mention, unless
    // "ago" follows or a modifier comes before ("the past few years")
    if amount.n.is_none() && first == i && !sc.is(next, Kw::Ago) {
        return None;
    }
    // "60 Minutes", "48 Hours": a title, not a length of time
    if sc.cap(k) && !sc.at_sentence_start(k) && !sc.cap(i) {
        return None;
    }
    if sc.cap(k) && sc.is_num(i) && !sc.at_sentence_start(i) {
        return None;
    }
    // "a year and a half"
    if sc.is(next, Kw::And) && sc.is(next + 1, Kw::A) && sc.is(next + 2, Kw::Half) {
        amount.half = true;
        next += 3;
    }
    let signed = |neg: bool| -> Option<i32> {
        let n = amount.n? as i32;
        Some(if neg { -n } else { n })
    };
    if !hyphen {
        match sc.kw(next) {
            // "a year ago", "a year earlier": in a business report, once a
            // quarter was named, the same quarter a year before
            Some(Kw::Ago | Kw::Earlier)
                if unit == Unit::Year && amount.n == Some(1) && !amount.half =>
            {
                let fallback = if sc.is(next, Kw::Ago) {
                    Fallback::Year
                } else {
                    Fallback::YearAnaphor
                };
                let raw = Raw::Reported {
                    year: Yr::Rel(-1),
                    fallback,
                };
                return Some(M::new(first, next + 1, raw));
            }
            // "three years back" says "ago"
            _ if sc.word_is(next, "back")
                && amount.n.is_some()
                && !amount.half
                && !sc.is_word(next + 1) =>
            {
                let n = signed(true)?;
                let raw = match unit {
                    Unit::Day => Raw::Days(n as i64),
                    Unit::Second | Unit::Minute | Unit::Hour => return None,
                    Unit::Decade => Raw::Units {
                        unit: Unit::Year,
                        offset: 10 * n,
                    },
                    u => Raw::Units { unit: u, offset: n },
                };
                return Some(M::new(first, next + 1, raw));
            }
            // "Updated: 1 hour ago", "Posted 3 days ago": a page's stamp,
            // counted from the reader's clock and not from the day the page
            // was written
            Some(Kw::Ago) if page_stamp_before(sc, first) => return None,
            Some(Kw::Ago) => {
                let Some(n) = signed(true) else {
                    return Some(M::new(first, next + 1, Raw::Ref(RefKind::Past)));
                };
                if amount.half {
                    return None;
                }
                let raw = match unit {
                    Unit::Day => Raw::Days(n as i64),
                    Unit::Decade => Raw::Units {
                        unit: Unit::Year,
                        offset: 10 * n,
                    },
                    Unit::Century => Raw::Units {
                        unit: Unit::Year,
                        offset: 100 * n,
                    },
                    Unit::Second | Unit::Minute | Unit::Hour => Raw::Days(0),
                    u => Raw::Units { unit: u, offset: n },
                };
                return Some(M::new(first, next + 1, raw));
            }
            Some(Kw::Later | Kw::Earlier) if !amount.half => {
                let n = signed(sc.is(next, Kw::Earlier))?;
                let raw = match unit {
                    Unit::Second | Unit::Minute | Unit::Hour => Raw::Anaphor {
                        unit: Unit::Day,
                        offset: 0,
                    },
                    Unit::Decade => Raw::Anaphor {
                        unit: Unit::Year,
                        offset: 10 * n,
                    },
                    u => Raw::Anaphor { unit: u, offset: n },
                };
                return Some(M::new(first, next + 1, raw));
            }
            Some(Kw::After | Kw::Before) if !amount.half => {
                let n = signed(sc.is(next, Kw::Before))?;
                if let Some(m) = anchored(sc, first, next + 1, unit, n) {
                    return Some(m);
                }
            }
            Some(Kw::From) if sc.is(next + 1, Kw::Now) && !amount.half => {
                let n = signed(false)?;
                let raw = match unit {
                    Unit::Day => Raw::Days(n as i64),
                    u => Raw::Units { unit: u, offset: n },
                };
                return Some(M::new(first, next + 2, raw));
            }
            _ => {}
        }
    }
    Some(M::new(first, next, Raw::Duration { amount, unit }))
}

/// "ten years after <anchor>" / "two years after 2011": the shifted date, with
/// the anchor itself as a second mention.
pub(super) fn anchored(sc: &Scan, first: usize, at: usize, unit: Unit, offset: i32) -> Option<M> {
    if let Some((a, next)) = sc.anchor_at(at) {
        let mut m = M::new(
            first,
            next,
            Raw::Anchored {
                date: a.date,
                unit,
                offset,
            },
        );
        let anchor_first = sc.toks[at..next]
            .iter()
            .position(|t| t.start == a.start)
            .map_or(at, |p| at + p);
        m.also = Some((
            anchor_first,
            next,
            Raw::Anchored {
                date: a.date,
                unit,
                offset: 0,
            },
        ));
        return Some(m);
    }
    let inner = match_at(sc, at)?;
    if let Raw::Calendar {
        year: Some(y),
        month,
        day,
        ..
    } = inner.raw
    {
        let date = match (month, day) {
            (Some(mo), Some(d)) => crate::model::DateValue::day(y, mo, d),
            (Some(mo), None) => crate::model::DateValue::month(y, mo),
            _ => crate::model::DateValue::year(y),
        }?;
        let mut m = M::new(first, inner.next, Raw::Anchored { date, unit, offset });
        m.also = Some((inner.first, inner.next, inner.raw));
        return Some(m);
    }
    None
}

/// Adverbs of frequency: "daily", "weekly", "monthly", "annually", "quarterly",
/// "hourly", "nightly".
pub(super) fn adverb_set(sc: &Scan, i: usize) -> Option<M> {
    let k = sc.kw(i)?;
    let unit = match k {
        Kw::Daily | Kw::Nightly => Unit::Day,
        Kw::Weekly => Unit::Week,
        Kw::Monthly => Unit::Month,
        Kw::Quarterly => Unit::Quarter,
        Kw::Hourly => Unit::Hour,
        Kw::Annually => Unit::Year,
        _ => return None,
    };
    // "annual" is an adjective too often ("annual meeting") to be a set
    if k == Kw::Annually && !sc.word_is(i, "annually") && !sc.word_is(i, "yearly") {
        return None;
    }
    // so are "quarterly" and "monthly" before a noun ("its quarterly dividend",
    // "monthly payments"): the kind of a report or a payment, as "annual" is;
    // as adverbs ("adjusted quarterly") they are sets
    let noun_after = sc.is_word(i + 1) && sc.lex(i + 1) == Lex::None;
    if matches!(k, Kw::Quarterly | Kw::Monthly) && noun_after {
        return None;
    }
    let mut m = M::new(
        i,
        i + 1,
        Raw::Set {
            unit,
            every: 1,
            weekday: None,
        },
    );
    if k == Kw::Nightly {
        m.part = Some(DayPart::Night);
    }
    Some(m)
}

#[cfg(test)]
mod tests {
    cases!(
        durations,
        (
            "The siege lasted three days.",
            "2016-07-20",
            [("three days", "P3D")]
        ),
        (
            "They waited about five hours.",
            "2016-07-20",
            [("about five hours", "PT5H")]
        ),
        (
            "It took 5 1/2 hours.",
            "2016-07-20",
            [("5 1/2 hours", "PT5H30M")]
        ),
        (
            "Prices rose over the past two months.",
            "2016-07-20",
            [("the past two months", "P2M")]
        ),
        (
            "He served a year and a half.",
            "2016-07-20",
            [("a year and a half", "P18M")]
        ),
        (
            "A 16-hour shift ended.",
            "2016-07-20",
            [("16-hour", "PT16H")]
        ),
        (
            "It was a decades-long feud.",
            "2016-07-20",
            [("decades-long", "PXY")]
        ),
    );
    cases!(
        sets,
        (
            "The paper is printed daily.",
            "2016-07-20",
            [("daily", "P1D")]
        ),
        (
            "They meet every two years.",
            "2016-07-20",
            [("every two years", "P2Y")]
        ),
        (
            "She calls every Monday.",
            "2016-07-20",
            [("every Monday", "XXXX-WXX-1")]
        ),
        ("He runs twice a week.", "2016-07-20", [("a week", "P1W")]),
        (
            "The reserve will be adjusted quarterly.",
            "1989-11-02",
            [("quarterly", "P3M")]
        ),
        ("It costs $5 per day.", "2016-07-20", [("per day", "P1D")]),
    );
    cases!(
        not_durations,
        ("The 6-year-old boy was found.", "2016-07-20", []),
        ("He watched 60 Minutes.", "2016-07-20", []),
        // adjectives of a report's or a payment's period, as "annual" is
        ("It raised its quarterly dividend.", "1989-11-02", []),
        ("Monthly payments rose.", "1989-11-02", []),
        ("Its annual meeting is set.", "1989-11-02", []),
        // an amount per unit of time is a rate of that amount
        ("The plan saves $500 million a year.", "1989-11-02", []),
        ("It flies four flights a week.", "1998-02-13", []),
        ("Jobs grew by 358,000 a month.", "1998-02-06", []),
        ("Guards stand there 24 hours a day.", "1998-10-25", []),
    );
    cases!(
        page_stamps,
        // counted from the reader's clock: no day can be given
        ("Updated: 1 hour ago", "2022-02-23", []),
        ("Posted 3 days ago by the desk", "2022-02-23", []),
        (
            "Published: Feb. 23, 2022 | Updated: 5 minutes ago",
            "2022-02-23",
            [("Feb. 23, 2022", "2022-02-23")]
        ),
        // in running text "ago" counts from the page's day
        (
            "Troops left 3 days ago.",
            "2022-02-23",
            [("3 days ago", "2022-02-20")]
        ),
    );
    cases!(
        lengths_next_to_rates,
        // the cue words of a length of time still win
        (
            "Profit was $2 million a year earlier.",
            "1989-11-02",
            [("a year earlier", "1988")]
        ),
        ("He left for a year.", "1989-11-02", [("a year", "P1Y")]),
        (
            "Sales rose 5% in a week.",
            "1989-11-02",
            [("a week", "P1W")]
        ),
    );
}
