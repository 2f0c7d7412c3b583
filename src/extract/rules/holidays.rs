//! Named days and holidays: "Christmas Eve", "Thanksgiving Day", "New Year's
//! Day", "Good Friday", "Election Day", "Easter week".

use crate::extract::Raw;
use crate::extract::lexicon::{Holiday, Kw, Lex, PLURAL, Unit};

use super::M;
use super::scanner::Scan;

/// Holidays: "Christmas", "Christmas Eve", "Thanksgiving Day", "New Year's Day",
/// "Election Day", "Easter week", "Good Friday", "Christmas 1998".
pub(super) fn holiday_rule(sc: &Scan, i: usize) -> Option<M> {
    if !sc.cap(i) {
        return None;
    }
    let day_word = |k: usize| sc.lex(k) == Lex::Unit(Unit::Day) && sc.cap(k) && !sc.has(k, PLURAL);
    let (holiday, mut next) = match sc.lex(i) {
        Lex::Holiday(h) => {
            let mut next = i + 1;
            let mut h = h;
            if day_word(next) {
                next += 1;
            } else if sc.is(next, Kw::Eve) && sc.cap(next) && h == Holiday::Christmas {
                h = Holiday::ChristmasEve;
                next += 1;
            } else if h == Holiday::Easter && sc.lex(next) == Lex::Weekday(6) && sc.cap(next) {
                next += 1;
            }
            (h, next)
        }
        Lex::Month(5) if day_word(i + 1) => (Holiday::MayDay, i + 2),
        _ => {
            let w = sc.s(i);
            let is = |s: &str| w.eq_ignore_ascii_case(s);
            if is("New") && sc.lex(i + 1) == Lex::Unit(Unit::Year) && sc.cap(i + 1) {
                let mut k = i + 2;
                if sc.apostrophe(k) && sc.word_is(k + 1, "s") {
                    k += 2;
                }
                if day_word(k) {
                    (Holiday::NewYear, k + 1)
                } else if sc.is(k, Kw::Eve) && sc.cap(k) {
                    (Holiday::NewYearsEve, k + 1)
                } else if k > i + 2 {
                    (Holiday::NewYear, k)
                } else {
                    return None;
                }
            } else if is("Good") && sc.lex(i + 1) == Lex::Weekday(4) && sc.cap(i + 1) {
                (Holiday::GoodFriday, i + 2)
            } else {
                // "<Name> Day", "<Name>'s Day", "<Name>s' Day"
                let mut k = i + 1;
                if sc.apostrophe(k) {
                    k += 1;
                    if sc.word_is(k, "s") {
                        k += 1;
                    }
                }
                if !day_word(k) {
                    // "Martin Luther King Jr. Day"
                    if is("Martin") && sc.word_is(i + 1, "Luther") && sc.word_is(i + 2, "King") {
                        let mut k = i + 3;
                        if sc.word_is(k, "Jr") {
                            k += 1 + usize::from(sc.dot_glued(k + 1));
                        }
                        if day_word(k) {
                            return Some(holiday_year(sc, i, k + 1, Holiday::MlkDay));
                        }
                    }
                    return None;
                }
                let h = if is("Election") {
                    Holiday::ElectionDay
                } else if is("Memorial") {
                    Holiday::MemorialDay
                } else if is("Labor") || is("Labour") {
                    Holiday::LaborDay
                } else if is("Veterans") || is("Veteran") {
                    Holiday::VeteransDay
                } else if is("Valentine") {
                    Holiday::Valentines
                } else if is("Columbus") {
                    Holiday::ColumbusDay
                } else if is("Presidents") || is("President") {
                    Holiday::PresidentsDay
                } else if is("Boxing") {
                    Holiday::BoxingDay
                } else {
                    return None;
                };
                (h, k + 1)
            }
        }
    };
    // "Easter week", "Thanksgiving week"
    if sc.lex(next) == Lex::Unit(Unit::Week) && !sc.has(next, PLURAL) {
        next += 1;
        let mut m = holiday_year(sc, i, next, holiday);
        m.week_of = true;
        return Some(m);
    }
    Some(holiday_year(sc, i, next, holiday))
}

pub(super) fn holiday_year(sc: &Scan, i: usize, next: usize, holiday: Holiday) -> M {
    let (year, next) = sc.year_spec_after(next);
    M::new(
        i,
        next,
        Raw::Holiday {
            holiday,
            year,
            dir: None,
        },
    )
}

#[cfg(test)]
mod tests {
    cases!(
        holidays,
        (
            "They met on Christmas Eve 1998.",
            "",
            [("Christmas Eve 1998", "1998-12-24")]
        ),
        (
            "Stores closed on Thanksgiving Day 1999.",
            "",
            [("Thanksgiving Day 1999", "1999-11-25")]
        ),
        (
            "The vote falls on Election Day 2016.",
            "",
            [("Election Day 2016", "2016-11-08")]
        ),
        (
            "It was Good Friday 2000.",
            "",
            [("Good Friday 2000", "2000-04-21")]
        ),
        (
            "Parades filled the streets on May Day 2010.",
            "",
            [("May Day 2010", "2010-05-01")]
        ),
        (
            "He spoke on Martin Luther King Jr. Day 2015.",
            "",
            [("Martin Luther King Jr. Day 2015", "2015-01-19")]
        ),
        (
            "They will be home for Christmas.",
            "2016-07-20",
            [("Christmas", "2016-12-25")]
        ),
        ("Happy Birthday Day was a song.", "2016-07-20", []),
    );
}
