//! Years written in words, as broadcast transcripts give them: "nineteen
//! ninety-six", "nineteen hundred", "two thousand and one", "the year two
//! thousand", "January nineteen ninety-seven", "the winter of nineteen
//! ninety-four", "the nineties".

use crate::extract::lexicon::{Kw, Lex, Unit};
use crate::extract::{Raw, Yr};

use super::M;
use super::calendar::cal;
use super::scanner::Scan;

/// A number from 10 to 99 in words at i ("fifteen", "ninety-six", "ninety six",
/// "seventy"): the number and the index after it.
fn two_digits(sc: &Scan, i: usize) -> Option<(u32, usize)> {
    let Lex::Number(n) = sc.lex(i) else {
        return None;
    };
    let n = n as u32;
    if (10..=19).contains(&n) {
        return Some((n, i + 1));
    }
    if !(20..=90).contains(&n) || n % 10 != 0 {
        return None;
    }
    let k = if sc.dash(i + 1) && sc.glued(i + 1) {
        i + 2
    } else {
        i + 1
    };
    match sc.lex(k) {
        Lex::Number(u) if (1..=9).contains(&u) => Some((n + u as u32, k + 1)),
        _ => Some((n, i + 1)),
    }
}

/// A year in words at i: "nineteen ninety-six" (1996), "nineteen hundred"
/// (1900), "two thousand" (2000), "two thousand and one", "two thousand
/// five"; the year, the index after it, and whether it is "two thousand" or
/// "nineteen hundred" alone, which are also counts.
fn spoken_year(sc: &Scan, i: usize) -> Option<(i32, usize, bool)> {
    let Lex::Number(first) = sc.lex(i) else {
        return None;
    };
    if first == 2 && sc.lex(i + 1) == Lex::Number(1000) {
        let mut k = i + 2;
        if sc.is(k, Kw::And) {
            k += 1;
        }
        if let Some((n, next)) = two_digits(sc, k) {
            return Some((2000 + n as i32, next, false));
        }
        if let Lex::Number(u) = sc.lex(k) {
            if (1..=9).contains(&u) {
                return Some((2000 + u as i32, k + 1, false));
            }
        }
        return Some((2000, i + 2, true));
    }
    // "nineteen ninety-six": a century of 11 to 19, then two digits
    if !(11..=19).contains(&first) {
        return None;
    }
    if sc.lex(i + 1) == Lex::Number(100) {
        return Some((first as i32 * 100, i + 2, true));
    }
    let (n, next) = two_digits(sc, i + 1)?;
    Some((first as i32 * 100 + n as i32, next, false))
}

/// A year in words ("nineteen ninety-six", "two thousand and one"); "two
/// thousand" or "nineteen hundred" alone only after a word that makes it a year
/// ("in", "since", "by") and not before a noun.
pub(super) fn year_in_words(sc: &Scan, i: usize) -> Option<M> {
    let (y, next, bare) = spoken_year(sc, i)?;
    let cued = i > 0
        && matches!(
            sc.kw(i - 1),
            Some(Kw::In | Kw::Since | Kw::By | Kw::Until | Kw::Of | Kw::Before | Kw::After)
        );
    // "two thousand people": a count
    if bare && (!cued || (sc.is_word(next) && sc.kw(next).is_none())) {
        return None;
    }
    // "fifteen twenty-year-olds", "nineteen twenty dollars"
    if (sc.dash(next) && sc.glued(next)) || sc.unit(next).is_some() {
        return None;
    }
    Some(M::new(i, next, cal(Some(y), None, None)))
}

/// "the year two thousand", "the year nineteen eighty", and "the winter of
/// nineteen ninety-four", "the summer of two thousand".
pub(super) fn the_year_in_words(sc: &Scan, i: usize) -> Option<M> {
    let j = i + 1;
    if sc.unit(j) == Some((Unit::Year, false)) {
        let (y, next, _) = spoken_year(sc, j + 1)?;
        return Some(M::new(i, next, cal(Some(y), None, None)));
    }
    let Lex::Season(season) = sc.lex(j) else {
        return None;
    };
    if !sc.is(j + 1, Kw::Of) {
        return None;
    }
    let (y, next, _) = spoken_year(sc, j + 2)?;
    let raw = Raw::Season {
        season,
        year: Yr::Abs(y),
        dir: None,
    };
    Some(M::new(i, next, raw))
}

/// A month and a year in words: "January nineteen ninety-seven".
pub(super) fn month_year_in_words(sc: &Scan, i: usize) -> Option<M> {
    let (m, j) = sc.month(i)?;
    let k = if sc.is(j, Kw::Of) { j + 1 } else { j };
    let (y, next, _) = spoken_year(sc, k)?;
    Some(M::new(i, next, cal(Some(y), Some(m), None)))
}

/// "the twenties" to "the nineties": decades of the twentieth century.
pub(super) fn decade_in_words(sc: &Scan, i: usize) -> Option<M> {
    const DECADES: [&str; 8] = [
        "twenties",
        "thirties",
        "forties",
        "fifties",
        "sixties",
        "seventies",
        "eighties",
        "nineties",
    ];
    let k = DECADES.iter().position(|w| sc.word_is(i + 1, w))?;
    Some(M::new(i, i + 2, Raw::Decade(192 + k as i32)))
}

#[cfg(test)]
mod tests {
    cases!(
        years_in_words,
        (
            "Prices fell in nineteen ninety-six.",
            "1998-02-27",
            [("nineteen ninety-six", "1996")]
        ),
        (
            "The treaty dates from nineteen seventy nine.",
            "1998-02-27",
            [("nineteen seventy nine", "1979")]
        ),
        (
            "He was born in nineteen hundred.",
            "1998-02-27",
            [("nineteen hundred", "1900")]
        ),
        (
            "Computers may fail in the year two thousand.",
            "1998-02-27",
            [("the year two thousand", "2000")]
        ),
        (
            "The plan runs until two thousand and five.",
            "1998-02-27",
            [("two thousand and five", "2005")]
        ),
        (
            "It opened in January nineteen ninety-seven.",
            "1998-02-27",
            [("January nineteen ninety-seven", "1997-01")]
        ),
        (
            "It was the winter of nineteen ninety-four.",
            "1998-02-27",
            [("the winter of nineteen ninety-four", "1994-WI")]
        ),
        (
            "Music of the nineties sold well.",
            "1998-02-27",
            [("the nineties", "199")]
        ),
        ("About two thousand people marched.", "1998-02-27", []),
        ("In two thousand cases the court agreed.", "1998-02-27", []),
        (
            "Fifteen twenty-year terms ended.",
            "1998-02-27",
            [("twenty-year", "P20Y")]
        ),
    );
}
