//! Business periods: quarters and years that company reports name by
//! reference ("the quarter", "the latest period", "the year-ago quarter",
//! "year-earlier results", "the 1988 period"), the current, fiscal and full
//! year, and the year's end. Which quarter "the quarter" is comes from the last
//! quarter the text named ([`Raw::Reported`]).

use crate::extract::lexicon::{Kw, Unit};
use crate::extract::{Fallback, Raw, Yr};

use super::M;
use super::scanner::Scan;

/// "year-ago", "year-earlier" at j (an adjective): the index after it.
fn year_back(sc: &Scan, j: usize) -> Option<usize> {
    let year = sc.unit(j) == Some((Unit::Year, false));
    let joined = sc.dash(j + 1) && sc.glued(j + 1) && sc.glued(j + 2);
    (year && joined && matches!(sc.kw(j + 2), Some(Kw::Ago | Kw::Earlier))).then_some(j + 3)
}

/// A quarter or a period as a noun at j ("quarter", "period"), not "quarter-point"
/// nor "the quarter of a century".
fn period_noun(sc: &Scan, j: usize) -> Option<bool> {
    let quarter = sc.unit(j) == Some((Unit::Quarter, false));
    let period = sc.word_is(j, "period");
    if !(quarter || period) || (sc.dash(j + 1) && sc.glued(j + 1)) {
        return None;
    }
    Some(period)
}

/// Expressions that begin with "the" and name a business period: "the
/// quarter", "the latest quarter", "the most recent period", "the year-earlier
/// quarter", "the comparable year-ago period", "the 1988 third quarter", "the
/// 1988 period", "the current quarter", "the final quarter of 2012", "the
/// current fiscal year", "the full year", "the year" closing a phrase.
pub(super) fn the_period(sc: &Scan, i: usize) -> Option<M> {
    let mut j = i + 1;
    // "the 1988 quarter", "the 1988 third quarter", "the 1989 period"
    if let Some(y) = sc.year_digits(j) {
        let k = j + 1;
        if let Some(q) = sc.ordinal(k).filter(|q| (1..=4).contains(q)) {
            let u = if sc.dash(k + 1) && sc.glued(k + 1) {
                k + 2
            } else {
                k + 1
            };
            return (sc.unit(u) == Some((Unit::Quarter, false))).then(|| {
                let raw = Raw::Quarter {
                    quarter: q as u8,
                    year: Yr::Abs(y),
                    dir: None,
                };
                M::new(i, u + 1, raw)
            });
        }
        period_noun(sc, k)?;
        let raw = Raw::Reported {
            year: Yr::Abs(y),
            fallback: Fallback::Year,
        };
        return Some(M::new(i, k + 1, raw));
    }
    let (mut back, mut latest, mut current, mut last, mut whole) =
        (false, false, false, false, false);
    for _ in 0..3 {
        match sc.kw(j) {
            Some(Kw::Latest | Kw::Recent) => latest = true,
            Some(Kw::Most) if sc.is(j + 1, Kw::Recent) => {
                latest = true;
                j += 1;
            }
            Some(Kw::Last) => last = true,
            Some(Kw::Current) => current = true,
            Some(Kw::Fiscal) => whole = true,
            _ if sc.word_is(j, "final") => last = true,
            _ if sc.word_is(j, "full") => whole = true,
            _ if sc.word_is(j, "comparable") || sc.word_is(j, "corresponding") => {}
            _ => match year_back(sc, j) {
                Some(k) => {
                    back = true;
                    j = k;
                    continue;
                }
                None => break,
            },
        }
        j += 1;
    }
    // "the year-ago third quarter", "the year-earlier second quarter"
    if back {
        if let Some(q) = sc.ordinal(j).filter(|q| (1..=4).contains(q)) {
            let u = if sc.dash(j + 1) && sc.glued(j + 1) {
                j + 2
            } else {
                j + 1
            };
            return (sc.unit(u) == Some((Unit::Quarter, false))).then(|| {
                let raw = Raw::Quarter {
                    quarter: q as u8,
                    year: Yr::Rel(-1),
                    dir: None,
                };
                M::new(i, u + 1, raw)
            });
        }
    }
    if let Some(period) = period_noun(sc, j) {
        // "the quarter a year ago", "the period a year earlier"
        let a_year_back = sc.is(j + 1, Kw::A)
            && sc.unit(j + 2) == Some((Unit::Year, false))
            && matches!(sc.kw(j + 3), Some(Kw::Ago | Kw::Earlier));
        if a_year_back && !latest && !current {
            let raw = Raw::Reported {
                year: Yr::Rel(-1),
                fallback: Fallback::Year,
            };
            return Some(M::new(i, j + 4, raw));
        }
        // "the final quarter of 2012", "the last quarter of last year"
        if last && !period {
            let (year, next) = sc.year_spec_after(j + 1);
            if year != Yr::Open {
                let raw = Raw::Quarter {
                    quarter: 4,
                    year,
                    dir: None,
                };
                return Some(M::new(i, next, raw));
            }
        }
        // "the quarter of a century", "the period of grace"
        if sc.is(j + 1, Kw::Of) {
            return None;
        }
        let raw = if back {
            Raw::Reported {
                year: Yr::Rel(-1),
                fallback: Fallback::Year,
            }
        } else if current && !period {
            Raw::Units {
                unit: Unit::Quarter,
                offset: 0,
            }
        } else if period && !(latest || last || current) {
            // "the period" alone says nothing of which
            return None;
        } else {
            Raw::Reported {
                year: Yr::Rel(0),
                fallback: if period {
                    Fallback::None
                } else if latest || last {
                    Fallback::EndedQuarter
                } else {
                    Fallback::Quarter
                },
            }
        };
        return Some(M::new(i, j + 1, raw));
    }
    let (unit, plural) = sc.unit(j)?;
    if plural || back || (sc.dash(j + 1) && sc.glued(j + 1)) {
        return None;
    }
    match unit {
        // "the current fiscal year", "the full year", "the latest fiscal year"
        Unit::Year if current || whole => {
            let offset = if latest { -1 } else { 0 };
            Some(M::new(i, j + 1, Raw::Units { unit, offset }))
        }
        // "for the year", "the year ended Sept. 30"; not "the year before", "of
        // the year" (a part of it is named before), "the year's"
        Unit::Year if j == i + 1 => {
            let after_of = i > 0 && sc.is(i - 1, Kw::Of);
            let closes = !sc.is_word(j + 1) && !sc.apostrophe(j + 1)
                || matches!(sc.kw(j + 1), Some(Kw::To | Kw::And | Kw::Through))
                || sc.word_is(j + 1, "ended")
                || sc.word_is(j + 1, "ending");
            (closes && !after_of).then(|| M::new(i, j + 1, Raw::Units { unit, offset: 0 }))
        }
        Unit::Month | Unit::Week if current => {
            Some(M::new(i, j + 1, Raw::Units { unit, offset: 0 }))
        }
        _ => None,
    }
}

/// "year-earlier", "year-ago" as adjectives ("year-earlier results", "from
/// year-ago levels"), with the quarter or period they may name.
pub(super) fn year_adjective(sc: &Scan, i: usize) -> Option<M> {
    let mut next = year_back(sc, i)?;
    if period_noun(sc, next).is_some() {
        next += 1;
    }
    let raw = Raw::Reported {
        year: Yr::Rel(-1),
        fallback: Fallback::Year,
    };
    Some(M::new(i, next, raw))
}

/// "year-end", "year end", "year's end": the reference's year.
pub(super) fn year_end(sc: &Scan, i: usize) -> Option<M> {
    if sc.unit(i) != Some((Unit::Year, false)) {
        return None;
    }
    let end = if sc.dash(i + 1) && sc.glued(i + 1) {
        i + 2
    } else if sc.apostrophe(i + 1) && sc.word_is(i + 2, "s") {
        i + 3
    } else {
        i + 1
    };
    // "year-end" is one word; "year end" and "year's end" need "by", "at"...
    // before or nothing after
    if !sc.is(end, Kw::End) || sc.is(end + 1, Kw::Of) {
        return None;
    }
    // the last day of the year: the coming one for a deadline ("by year-end"),
    // the one gone by after "since" or in the past tense ("debt at year-end
    // was"), else the reference's
    let before = if i > 0 { sc.kw(i - 1) } else { None };
    let back = match before {
        Some(Kw::Since) => true,
        Some(Kw::By | Kw::Before | Kw::Until | Kw::Through) => false,
        _ => sc.tense(i, end + 1) == crate::extract::Tense::Past,
    };
    let raw = Raw::InYear {
        month: 12,
        day: Some(31),
        offset: if back { -1 } else { 0 },
    };
    Some(M::new(i, end + 1, raw))
}

#[cfg(test)]
mod tests {
    // 1989-11-02 is a Thursday, in the fourth quarter
    cases!(
        business_periods,
        (
            "It lost $5 million in the third quarter, against a profit a year earlier.",
            "1989-11-02",
            [
                ("the third quarter", "1989-Q3"),
                ("a year earlier", "1988-Q3")
            ]
        ),
        (
            "Third-quarter profit rose. Sales in the quarter were flat, but above the year-ago quarter.",
            "1989-11-02",
            [
                ("Third-quarter", "1989-Q3"),
                ("the quarter", "1989-Q3"),
                ("the year-ago quarter", "1988-Q3")
            ]
        ),
        (
            "Second-quarter sales rose 5% from year-earlier levels; the latest period ended June 30.",
            "1989-08-02",
            [
                ("Second-quarter", "1989-Q2"),
                ("year-earlier", "1988-Q2"),
                ("the latest period", "1989-Q2"),
                ("June 30", "1989-06-30")
            ]
        ),
        (
            "Profit in the 1988 second quarter was higher.",
            "1989-08-02",
            [("the 1988 second quarter", "1988-Q2")]
        ),
        (
            "Net rose in the first quarter; in the 1988 period it fell.",
            "1989-05-02",
            [
                ("the first quarter", "1989-Q1"),
                ("the 1988 period", "1988-Q1")
            ]
        ),
        (
            "Sales will rise in the current quarter.",
            "1989-11-02",
            [("the current quarter", "1989-Q4")]
        ),
        (
            "It expects a loss for the current fiscal year.",
            "1989-11-02",
            [("the current fiscal year", "1989")]
        ),
        (
            "Results for the full year were weak.",
            "1989-11-02",
            [("the full year", "1989")]
        ),
        (
            "It lost money in the final quarter of 2012.",
            "",
            [("the final quarter of 2012", "2012-Q4")]
        ),
        (
            "The debt will be repaid by year-end.",
            "1989-11-02",
            [("year-end", "1989-12-31")]
        ),
        (
            "The index has risen 12% since year-end.",
            "1989-11-02",
            [("year-end", "1988-12-31")]
        ),
        (
            "It expected to close the sale by year-end.",
            "1989-11-02",
            [("year-end", "1989-12-31")]
        ),
        (
            "In the year-ago third quarter, it earned $22.5 million.",
            "1989-11-02",
            [("the year-ago third quarter", "1988-Q3")]
        ),
        (
            "Net rose in the third quarter; for the quarter a year ago it fell.",
            "1989-11-02",
            [
                ("the third quarter", "1989-Q3"),
                ("the quarter a year ago", "1988-Q3")
            ]
        ),
        // without a quarter named before, "a year ago" is the year before
        (
            "Prices are 4% higher than a year ago.",
            "1998-02-06",
            [("a year ago", "1997")]
        ),
        // "the latest period" alone names no quarter
        ("The latest period showed gains.", "1989-11-02", []),
        // the quarter a report looks back at: the past tense, or "latest",
        // names one that has ended; otherwise the nearest of that number
        (
            "Earnings soared in the fiscal first quarter.",
            "1989-10-26",
            [("first quarter", "1989-Q1")]
        ),
        (
            "It expects to report a third-quarter loss.",
            "1989-11-02",
            [("third-quarter", "1989-Q3")]
        ),
        (
            "Revenue in the latest quarter will total $28 million.",
            "1989-10-26",
            [("the latest quarter", "1989-Q3")]
        ),
        // a quarter still under way, named before, is not the latest one
        (
            "It expects a fourth-quarter charge. Profit fell in the latest quarter.",
            "1989-11-02",
            [
                ("fourth-quarter", "1989-Q4"),
                ("the latest quarter", "1989-Q3")
            ]
        ),
        (
            "Third-quarter net rose; the latest period included a gain.",
            "1989-11-02",
            [
                ("Third-quarter", "1989-Q3"),
                ("the latest period", "1989-Q3")
            ]
        ),
        (
            "Passenger traffic jumped 14% in the quarter.",
            "1989-10-26",
            [("the quarter", "1989-Q3")]
        ),
        (
            "Sales will rise in the first quarter.",
            "1989-11-02",
            [("the first quarter", "1990-Q1")]
        ),
    );
    cases!(
        not_periods,
        (
            "The chain closed about a quarter of its stores.",
            "1989-11-02",
            []
        ),
        (
            "About three-quarters of the members agreed.",
            "1989-11-02",
            []
        ),
    );
}
