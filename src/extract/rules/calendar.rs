//! Calendar dates: full and partial dates, numeric and ISO forms, years and
//! ranges of years, decades and centuries, months, weekdays with their date,
//! seasons, quarters and fiscal years.

use crate::extract::lexicon::{COUNT, Kw, Lex, PLURAL, QUANTITY, Unit, YEAR_CUE};
use crate::extract::tokens::Kind;
use crate::extract::{Raw, Yr};
use crate::model::DateValue;

use super::M;
use super::scanner::Scan;

pub(super) fn cal(year: Option<i32>, month: Option<u32>, day: Option<u32>) -> Raw {
    Raw::Calendar {
        year,
        month,
        day,
        weekday: None,
    }
}

impl Scan<'_> {
    /// A month at i ("July", "Aug.", "Sept"): the month and the index after it.
    pub(super) fn month(&self, i: usize) -> Option<(u32, usize)> {
        let Lex::Month(m) = self.lex(i) else {
            return None;
        };
        if !self.cap(i) {
            return None;
        }
        let mut next = i + 1;
        if self.has(i, crate::extract::lexicon::ABBR) {
            if self.punct(next, '.') && self.glued(next) {
                next += 1;
            } else if !self.is_num(next) {
                // "Mar", "Jan" without a dot and no day after: too ambiguous
                return None;
            }
        }
        Some((m as u32, next))
    }

    /// A day of the month at i: "15", "15th"; the day and the index after it.
    pub(super) fn day(&self, i: usize) -> Option<(u32, usize)> {
        let d = self.num(i)?;
        if !(1..=31).contains(&d) || self.digits(i) > 2 {
            return None;
        }
        let mut next = i + 1;
        if self.is_word(next) && self.glued(next) {
            let w = self.s(next);
            if ["st", "nd", "rd", "th"]
                .iter()
                .any(|s| s.eq_ignore_ascii_case(w))
            {
                next += 1;
            } else if [
                "am", "pm", "h", "hr", "hrs", "s", "m", "km", "kg", "mm", "cm", "ft",
            ]
            .iter()
            .any(|s| s.eq_ignore_ascii_case(w))
            {
                return None;
            }
        }
        // part of a clock time or a decimal
        if (self.punct(next, ':') || self.punct(next, '.'))
            && self.is_num(next + 1)
            && self.glued(next + 1)
        {
            return None;
        }
        Some((d, next))
    }

    /// A four-digit year at i (1000 to 2100), not glued to other digits or words.
    pub(super) fn year_digits(&self, i: usize) -> Option<i32> {
        if self.digits(i) != 4 {
            return None;
        }
        let y = self.num(i)? as i32;
        if !(1000..=2100).contains(&y) {
            return None;
        }
        if i > 0 && self.glued(i) {
            match self.t(i - 1).map(|t| t.kind) {
                Some(Kind::Word) | Some(Kind::Num) => return None,
                Some(Kind::Punct(
                    '$' | '#' | '/' | ':' | '.' | ',' | '€' | '£' | '¥' | '+' | '@' | '=',
                )) => {
                    return None;
                }
                // S-2000, 555-2000; but mid-1990, post-1959
                Some(Kind::Punct('-' | '–'))
                    if i > 1
                        && self.glued(i - 1)
                        && !matches!(self.kw(i - 2), Some(Kw::Mid | Kw::Post | Kw::Pre)) =>
                {
                    return None;
                }
                _ => {}
            }
        }
        if self.glued(i + 1) {
            match self.t(i + 1).map(|t| t.kind) {
                Some(Kind::Word) if !self.word_is(i + 1, "s") => return None,
                Some(Kind::Num) => return None,
                Some(Kind::Punct(c))
                    if matches!(c, ',' | '.' | '/' | ':' | '%' | '-' | '–')
                        && self.is_num(i + 2)
                        && self.glued(i + 2) =>
                {
                    return None;
                }
                Some(Kind::Punct('%')) => return None,
                _ => {}
            }
        }
        Some(y)
    }

    /// A year at i in a temporal context; `cued` when a rule expects one.
    pub(super) fn year(&self, i: usize, cued: bool) -> Option<i32> {
        let y = self.year_digits(i)?;
        // numbers in a run: phone numbers, lists of figures, scores
        if (self.is_num(i + 1) && !self.glued(i + 1)) || (i > 0 && self.is_num(i - 1)) {
            return None;
        }
        if self.has(i + 1, COUNT) && !self.word_is(i + 1, "to") && !self.word_is(i + 1, "of") {
            return None;
        }
        // a clock: "at 2000 hours", "0735 GMT"
        if matches!(self.kw(i + 1), Some(Kw::Gmt | Kw::Zone)) {
            return None;
        }
        let prev_word = i > 0 && self.is_word(i - 1);
        if !cued && prev_word && self.has(i - 1, QUANTITY) {
            return None;
        }
        // "and 1999 were wounded": a count as the subject of a plural verb; "in
        // 1999 were born" keeps its preposition
        let preposition = i > 0
            && matches!(
                self.kw(i - 1),
                Some(
                    Kw::In
                        | Kw::Since
                        | Kw::By
                        | Kw::From
                        | Kw::Until
                        | Kw::During
                        | Kw::Before
                        | Kw::After
                        | Kw::Of
                        | Kw::To
                        | Kw::Through
                )
            );
        if !cued
            && !preposition
            && ["were", "are", "have"]
                .iter()
                .any(|w| self.word_is(i + 1, w))
        {
            return None;
        }
        if i > 0
            && self
                .t(i - 1)
                .is_some_and(|t| matches!(t.kind, Kind::Punct('$' | '€' | '£' | '¥' | '#')))
        {
            return None;
        }
        if cued || (1900..=2100).contains(&y) || (prev_word && self.has(i - 1, YEAR_CUE)) {
            Some(y)
        } else {
            None
        }
    }

    /// A year after i, possibly after "of" or a comma: the year and the index after.
    pub(super) fn year_after(&self, i: usize) -> Option<(i32, usize)> {
        let j = if self.is(i, Kw::Of) || self.punct(i, ',') {
            i + 1
        } else {
            i
        };
        let y = self.year_digits(j)?;
        // "July 2000 people" counts; after a comma ("July 15, 2016 killed") the
        // year is what news style puts there
        if !self.punct(i, ',')
            && self.has(j + 1, COUNT)
            && !self.word_is(j + 1, "to")
            && !self.word_is(j + 1, "of")
        {
            return None;
        }
        Some((y, j + 1))
    }

    /// "of last year", "of this year", "of next year", "of 1998" after i.
    pub(super) fn year_spec_after(&self, i: usize) -> (Yr, usize) {
        if let Some((y, n)) = self.year_after(i) {
            return (Yr::Abs(y), n);
        }
        if self.is(i, Kw::Of) && self.lex(i + 2) == Lex::Unit(Unit::Year) {
            let k = match self.kw(i + 1) {
                Some(Kw::Last | Kw::Previous) => Some(-1),
                Some(Kw::This) => Some(0),
                Some(Kw::Next | Kw::Coming) => Some(1),
                _ => None,
            };
            if let Some(k) = k {
                return (Yr::Rel(k), i + 3);
            }
        }
        (Yr::Open, i)
    }
}

/// Expressions that begin with a number.
pub(super) fn number_led(sc: &Scan, i: usize) -> Option<M> {
    let w = sc.num(i)?;
    let nd = sc.digits(i);
    // day-first: "15 July 2016", "15th of July", "15-16 July"
    if let Some((d, j)) = sc.day(i) {
        let j2 = if sc.is(j, Kw::Of) { j + 1 } else { j };
        if let Some((m, k)) = sc.month(j2) {
            let (year, next) = match sc.year_after(k) {
                Some((y, n)) => (Some(y), n),
                None => (None, k),
            };
            return Some(M::new(i, next, cal(year, Some(m), Some(d))));
        }
        if sc.dash(j) {
            if let Some((d2, k)) = sc.day(j + 1) {
                if let Some((m, k2)) = sc.month(k) {
                    if d2 > d {
                        let (year, next) = match sc.year_after(k2) {
                            Some((y, n)) => (Some(y), n),
                            None => (None, k2),
                        };
                        let mut first = M::new(i, j, cal(year, Some(m), Some(d)));
                        first.also = Some((j + 1, next, cal(year, Some(m), Some(d2))));
                        return Some(first);
                    }
                }
            }
        }
    }
    if nd == 4 {
        // ISO dates: 2016-07-15, 2016-07
        if sc.punct(i + 1, '-') && sc.glued(i + 1) && sc.glued(i + 2) && sc.digits(i + 2) == 2 {
            let y = w as i32;
            let m = sc.num(i + 2)?;
            if sc.punct(i + 3, '-') && sc.glued(i + 3) && sc.glued(i + 4) && sc.digits(i + 4) == 2 {
                let d = sc.num(i + 4)?;
                if (1..=12).contains(&m) && (1..=31).contains(&d) {
                    return Some(M::new(i, i + 5, cal(Some(y), Some(m), Some(d))));
                }
                return None;
            }
            // "1998-99" is a range of years (so is "1948–49"); "2016-07" a month
            let y2 = (y / 100) * 100 + m as i32;
            if (m as i32) == (y + 1) % 100 || (m > 12 && y2 > y) {
                let mut first = M::new(i, i + 1, cal(Some(y), None, None));
                first.also = Some((i + 2, i + 3, cal(Some(y2), None, None)));
                let free = !(i > 0 && sc.glued(i) && !sc.punct(i - 1, '('));
                return ((1000..=2100).contains(&y) && free).then_some(first);
            }
            if (1..=12).contains(&m) && !sc.is_num(i + 3) {
                return Some(M::new(i, i + 3, cal(Some(y), Some(m), None)));
            }
        }
        // "1948–49" with a dash other than the hyphen
        if sc.dash(i + 1)
            && !sc.punct(i + 1, '-')
            && sc.glued(i + 1)
            && sc.glued(i + 2)
            && sc.digits(i + 2) == 2
        {
            let y = w as i32;
            let y2 = (y / 100) * 100 + sc.num(i + 2)? as i32;
            let free = !(i > 0 && sc.glued(i) && !sc.punct(i - 1, '('));
            if y2 == y + 1 && (1000..=2100).contains(&y) && free {
                let mut first = M::new(i, i + 1, cal(Some(y), None, None));
                first.also = Some((i + 2, i + 3, cal(Some(y2), None, None)));
                return Some(first);
            }
        }
        // "1994-1997"
        if sc.dash(i + 1) && sc.glued(i + 1) && sc.glued(i + 2) && sc.digits(i + 2) == 4 {
            let y = w as i32;
            let y2 = sc.num(i + 2)? as i32;
            let free = !(i > 0 && sc.glued(i) && !sc.punct(i - 1, '('));
            if y2 > y && y2 - y < 100 && (1000..=2100).contains(&y) && free {
                let mut first = M::new(i, i + 1, cal(Some(y), None, None));
                first.also = Some((i + 2, i + 3, cal(Some(y2), None, None)));
                return Some(first);
            }
        }
        // decades: "1990s", "1990's"
        if w % 10 == 0 && (1000..=2100).contains(&w) {
            if sc.word_is(i + 1, "s") && sc.glued(i + 1) {
                return Some(M::new(i, i + 2, Raw::Decade(w as i32 / 10)));
            }
            if sc.apostrophe(i + 1) && sc.glued(i + 1) && sc.word_is(i + 2, "s") && sc.glued(i + 2)
            {
                return Some(M::new(i, i + 3, Raw::Decade(w as i32 / 10)));
            }
        }
    }
    // US numeric dates: 7/15/2016
    if nd <= 2
        && sc.punct(i + 1, '/')
        && sc.glued(i + 1)
        && sc.glued(i + 2)
        && sc.digits(i + 2) <= 2
        && sc.punct(i + 3, '/')
        && sc.glued(i + 3)
        && sc.glued(i + 4)
        && sc.digits(i + 4) == 4
    {
        let (m, d, y) = (w, sc.num(i + 2)?, sc.num(i + 4)? as i32);
        if (1..=12).contains(&m) && (1..=31).contains(&d) {
            return Some(M::new(i, i + 5, cal(Some(y), Some(m), Some(d))));
        }
    }
    // centuries: "the 20th century"
    if nd <= 2
        && sc.is_word(i + 1)
        && sc.glued(i + 1)
        && ["st", "nd", "rd", "th"]
            .iter()
            .any(|s| s.eq_ignore_ascii_case(sc.s(i + 1)))
    {
        let c = if sc.dash(i + 2) { i + 3 } else { i + 2 };
        if sc.lex(c) == Lex::Unit(Unit::Century) && !sc.has(c, PLURAL) && (1..=30).contains(&w) {
            return Some(M::new(i, c + 1, Raw::Century(w as i32 - 1)));
        }
    }
    None
}

/// "'90s", "the '60s".
pub(super) fn decade_short(sc: &Scan, i: usize) -> Option<M> {
    if sc.digits(i + 1) != 2 || !sc.glued(i + 1) {
        return None;
    }
    if i > 0 && sc.glued(i) && sc.is_word(i - 1) {
        return None;
    }
    let n = sc.num(i + 1)? as i32;
    if n % 10 != 0 || !(sc.word_is(i + 2, "s") && sc.glued(i + 2)) {
        return None;
    }
    let century = if n < 30 { 200 } else { 190 };
    Some(M::new(i, i + 3, Raw::Decade(century + n / 10)))
}

/// A bare year: "in 2017", "since 2017", "the 2016 election", "1915".
pub(super) fn year_rule(sc: &Scan, i: usize, cued: bool) -> Option<M> {
    let y = sc.year(i, cued)?;
    Some(M::new(i, i + 1, cal(Some(y), None, None)))
}

/// Month-first: "October 1, 2021", "Nov. 24", "July 2016", "in July", "July
/// 15-16"; `cued` when a modifier before it makes a lone month safe.
pub(super) fn month_led(sc: &Scan, i: usize, cued: bool) -> Option<M> {
    let (m, j) = sc.month(i)?;
    if let Some((d, k)) = sc.day(j) {
        // a range of days: "July 15-16", "July 15 to 16"
        let mut second = None;
        // "May 28 and 29", but not "May 28 and 29 people"
        let and = sc.is(k, Kw::And);
        if (sc.dash(k) || sc.is(k, Kw::To) || and) && sc.month(k + 1).is_none() {
            if let Some((d2, k2)) = sc.day(k + 1) {
                let ends = !sc.is_word(k2) || sc.kw(k2).is_some();
                if d2 > d
                    && !sc.is(k2, Kw::Of)
                    && sc.month(k2).is_none()
                    && (!and || ends || sc.year_after(k2).is_some())
                {
                    second = Some((k + 1, k2, d2));
                }
            }
        }
        let after = second.map_or(k, |s| s.1);
        let (year, next) = match sc.year_after(after) {
            Some((y, n)) if !sc.is(after, Kw::Of) => (Some(y), n),
            _ => (None, after),
        };
        let mut out = M::new(
            i,
            if second.is_some() { k } else { next },
            cal(year, Some(m), Some(d)),
        );
        if let Some((a, _, d2)) = second {
            out.also = Some((a, next, cal(year, Some(m), Some(d2))));
        }
        return Some(out);
    }
    // "July 2016", "July of 2016"
    if let Some((y, next)) = sc.year_after(j) {
        return Some(M::new(i, next, cal(Some(y), Some(m), None)));
    }
    // "July Fourth"
    if let Some(d) = sc.ordinal(j).filter(|d| (1..=31).contains(d)) {
        if sc.cap(j) {
            return Some(M::new(i, j + 1, cal(None, Some(m), Some(d))));
        }
    }
    // a month alone: "May", "March", "April", "June" are also other words
    let cue = cued
        || (i > 0
            && matches!(
                sc.kw(i - 1),
                Some(
                    Kw::In
                        | Kw::Since
                        | Kw::Until
                        | Kw::By
                        | Kw::From
                        | Kw::To
                        | Kw::Of
                        | Kw::During
                        | Kw::Through
                        | Kw::Before
                        | Kw::After
                        | Kw::Early
                        | Kw::Late
                        | Kw::Mid
                        | Kw::Between
                        | Kw::And
                        | Kw::Or
                        | Kw::Last
                        | Kw::Next
                        | Kw::This
                )
            ));
    let ambiguous = matches!(m, 3 | 4 | 5 | 6 | 8);
    if ambiguous && !cue {
        return None;
    }
    // "April Smith", "June Carter": a name, unless cued
    if ambiguous && sc.cap(j) && sc.is_word(j) && sc.lex(j) == Lex::None && !cued {
        return None;
    }
    if m == 5 && sc.at_sentence_start(i) && !cued {
        return None;
    }
    Some(M::new(i, j, cal(None, Some(m), None)))
}

/// A month (and day) with a year said relative to the reference: "April last
/// year", "January this year", "March of next year", "May 3 last year".
pub(super) fn month_of_relative_year(sc: &Scan, i: usize) -> Option<M> {
    let (m, mut j) = sc.month(i)?;
    let mut day = None;
    if let Some((d, k)) = sc.day(j) {
        day = Some(d);
        j = k;
    }
    if sc.is(j, Kw::Of) || (day.is_some() && sc.punct(j, ',')) {
        j += 1;
    }
    let offset = match sc.kw(j)? {
        Kw::Last | Kw::Previous => -1,
        Kw::This => 0,
        Kw::Next | Kw::Coming => 1,
        _ => return None,
    };
    if sc.unit(j + 1) != Some((Unit::Year, false)) {
        return None;
    }
    let raw = Raw::InYear {
        month: m,
        day,
        offset,
    };
    Some(M::new(i, j + 2, raw))
}

/// A weekday, alone or with its date: "Friday", "Tuesday morning", "Sunday,
/// March 21, 2021", "Fri, October 1, 2021", "Monday, Oct. 26".
/// Words that make a weekday the name of one day or of a kind of day rather
/// than a date near the text: "Black Tuesday" (the 1929 crash, or another),
/// "Bloody Sunday", "Super Tuesday", "Cyber Monday", "Ash Wednesday".
const NAMED_DAY_WORDS: &[&str] = &[
    "black", "bloody", "blue", "super", "cyber", "giving", "ash", "holy", "maundy", "palm", "fat",
    "shrove", "spy",
];

/// A weekday that a capitalised word before it turns into a name.
fn named_day(sc: &Scan, i: usize) -> bool {
    i > 0
        && sc.cap(i - 1)
        && sc.is_word(i - 1)
        && NAMED_DAY_WORDS
            .iter()
            .any(|w| sc.s(i - 1).eq_ignore_ascii_case(w))
}

pub(super) fn weekday_led(sc: &Scan, i: usize) -> Option<M> {
    let Lex::Weekday(wd) = sc.lex(i) else {
        return None;
    };
    if !sc.cap(i) || named_day(sc, i) {
        return None;
    }
    let abbr = sc.has(i, crate::extract::lexicon::ABBR);
    let mut j = i + 1;
    if abbr && sc.dot_glued(j) {
        j += 1;
    }
    if sc.punct(j, ',') {
        j += 1;
    }
    // "Tuesday (June 12)": the date in brackets after the weekday
    let bracket = sc.punct(j, '(');
    if bracket {
        j += 1;
    }
    let inner = month_led(sc, j, false)
        .or_else(|| number_led(sc, j))
        .filter(|m| !bracket || sc.punct(m.next, ')'));
    if let Some(inner) = inner {
        if let Raw::Calendar {
            year,
            month,
            day: Some(d),
            ..
        } = inner.raw
        {
            let mut m = M::new(
                i,
                inner.next + usize::from(bracket),
                Raw::Calendar {
                    year,
                    month,
                    day: Some(d),
                    weekday: Some(wd),
                },
            );
            m.also = inner.also;
            return Some(m);
        }
    }
    if abbr {
        return None;
    }
    let mut m = M::new(
        i,
        i + 1,
        Raw::Weekday {
            weekday: wd,
            dir: None,
        },
    );
    if let Some(p) = sc.part(i + 1) {
        m.part = Some(p);
        m.next = i + 2;
    }
    Some(m)
}

/// Seasons: "summer 1998", "the fall of 1998", "in the summer", "winter
/// 2014/15"; `cued` when "the" or a modifier comes before.
pub(super) fn season_led(sc: &Scan, i: usize, cued: bool) -> Option<M> {
    let Lex::Season(season) = sc.lex(i) else {
        return None;
    };
    let (year, next) = sc.year_spec_after(i + 1);
    if year != Yr::Open {
        return Some(M::new(
            i,
            next,
            Raw::Season {
                season,
                year,
                dir: None,
            },
        ));
    }
    // a lone season needs "the" or a modifier before it; "fall" and "spring" are
    // verbs and nouns too, so they need "the" at least
    let before = i.checked_sub(1).and_then(|p| sc.kw(p));
    let cue = cued
        || matches!(before, Some(Kw::The) if i >= 2 && matches!(sc.kw(i - 2), Some(Kw::In | Kw::During | Kw::Since | Kw::Until | Kw::By | Kw::Through)));
    if !cue {
        return None;
    }
    // "the summer months", "the spring offensive" are fine; "the fall of Rome" is not
    if sc.is(i + 1, Kw::Of) {
        return None;
    }
    Some(M::new(
        i,
        i + 1,
        Raw::Season {
            season,
            year: Yr::Open,
            dir: None,
        },
    ))
}

/// Ordinals: "the third quarter [of 1998]", "third-quarter", "the twentieth century".
pub(super) fn ordinal_led(sc: &Scan, i: usize) -> Option<M> {
    let n = sc.ordinal(i)?;
    let mut j = i + 1;
    if sc.dash(j) && sc.glued(j) {
        j += 1;
    }
    match sc.lex(j) {
        Lex::Unit(Unit::Quarter) if (1..=4).contains(&n) && !sc.has(j, PLURAL) => {
            let (year, next) = sc.year_spec_after(j + 1);
            Some(M::new(
                i,
                next,
                Raw::Quarter {
                    quarter: n as u8,
                    year,
                    dir: None,
                },
            ))
        }
        Lex::Unit(Unit::Century) if !sc.has(j, PLURAL) => {
            Some(M::new(i, j + 1, Raw::Century(n as i32 - 1)))
        }
        _ => None,
    }
}

/// "Q3", "Q3 1998".
pub(super) fn quarter_code(sc: &Scan, i: usize) -> Option<M> {
    if !(sc.cap(i) && sc.s(i).eq_ignore_ascii_case("q")) {
        return None;
    }
    let q = sc.num(i + 1)?;
    if !sc.glued(i + 1) || sc.digits(i + 1) != 1 || !(1..=4).contains(&q) {
        return None;
    }
    let (year, next) = match sc.year_digits(i + 2) {
        Some(y) => (Yr::Abs(y), i + 3),
        None => (Yr::Open, i + 2),
    };
    Some(M::new(
        i,
        next,
        Raw::Quarter {
            quarter: q as u8,
            year,
            dir: None,
        },
    ))
}

/// "fiscal 1998", "fiscal year 1998", "FY1998", "FY 98".
pub(super) fn fiscal(sc: &Scan, i: usize) -> Option<M> {
    let mut j = i + 1;
    if sc.is(i, Kw::Fiscal) && sc.lex(j) == Lex::Unit(Unit::Year) {
        j += 1;
    }
    if let Some(y) = sc.year_digits(j).or_else(|| {
        // FY1998 is one token pair glued: "FY" "1998"
        (sc.digits(j) == 4)
            .then(|| sc.num(j).map(|n| n as i32))
            .flatten()
    }) {
        return Some(M::new(i, j + 1, cal(Some(y), None, None)));
    }
    if sc.is(i, Kw::Fy) && sc.digits(j) == 2 {
        let n = sc.num(j)? as i32;
        let y = if n < 50 { 2000 + n } else { 1900 + n };
        return Some(M::new(i, j + 1, cal(Some(y), None, None)));
    }
    None
}

/// Month names of other languages that English news quotes in full dates
/// ("3 mars 2018", "3. März 2018", "3 de marzo de 2018", "3 Mart 2018", "3
/// марта 2018 г."): French, German, Spanish, Italian, Portuguese, Dutch,
/// Turkish, and the genitive forms of Russian and Polish, in lower case.
const FOREIGN_MONTHS: [&[&str]; 12] = [
    &[
        "janvier",
        "januar",
        "jänner",
        "enero",
        "gennaio",
        "janeiro",
        "januari",
        "ocak",
        "января",
        "stycznia",
    ],
    &[
        "février",
        "fevrier",
        "februar",
        "febrero",
        "febbraio",
        "fevereiro",
        "februari",
        "şubat",
        "subat",
        "февраля",
        "lutego",
    ],
    &[
        "mars",
        "märz",
        "maerz",
        "marzo",
        "março",
        "marco",
        "maart",
        "mart",
        "марта",
        "marca",
    ],
    &["avril", "abril", "aprile", "nisan", "апреля", "kwietnia"],
    &[
        "mai", "mayo", "maggio", "maio", "mei", "mayıs", "mayis", "мая", "maja",
    ],
    &[
        "juin", "juni", "junio", "giugno", "junho", "haziran", "июня", "czerwca",
    ],
    &[
        "juillet", "juli", "julio", "luglio", "julho", "temmuz", "июля", "lipca",
    ],
    &[
        "août",
        "aout",
        "agosto",
        "augustus",
        "ağustos",
        "agustos",
        "августа",
        "sierpnia",
    ],
    &[
        "septembre",
        "septiembre",
        "setiembre",
        "settembre",
        "setembro",
        "eylül",
        "eylul",
        "сентября",
        "września",
    ],
    &[
        "octobre",
        "oktober",
        "octubre",
        "ottobre",
        "outubro",
        "ekim",
        "октября",
        "października",
    ],
    &[
        "novembre",
        "noviembre",
        "novembro",
        "kasım",
        "kasim",
        "ноября",
        "listopada",
    ],
    &[
        "décembre",
        "decembre",
        "dezember",
        "diciembre",
        "dicembre",
        "dezembro",
        "aralık",
        "aralik",
        "декабря",
        "grudnia",
    ],
];

/// The month a word of another language names, if it is one ("März",
/// "marzo").
fn foreign_month(word: &str) -> Option<u32> {
    if word.len() < 3 || word.len() > 24 {
        return None;
    }
    let lower = word.to_lowercase();
    FOREIGN_MONTHS
        .iter()
        .position(|names| names.contains(&lower.as_str()))
        .map(|m| m as u32 + 1)
}

/// A full date in another language's order and words: a day, a month name,
/// a year ("3 mars 2018", "3. März 2018", "3 de marzo de 2018"). The year
/// must be written, so that a lone foreign word after a number ("3 mai") is
/// not read as a date.
pub(super) fn foreign_date(sc: &Scan, i: usize) -> Option<M> {
    let day = sc
        .num(i)
        .filter(|d| (1..=31).contains(d) && sc.digits(i) <= 2)?;
    let mut j = i + 1;
    // "3." in German
    if sc.punct(j, '.') && sc.glued(j) {
        j += 1;
    }
    // "3 de marzo de 2018"
    let of = |k: usize| sc.word_is(k, "de") || sc.word_is(k, "del");
    if of(j) {
        j += 1;
    }
    let month = foreign_month(sc.s(j)).filter(|_| sc.t(j).is_some_and(|t| t.kind == Kind::Word))?;
    j += 1;
    if of(j) {
        j += 1;
    }
    let year = sc.year_digits(j)?;
    DateValue::day(year, month, day)?;
    Some(M::new(i, j + 1, cal(Some(year), Some(month), Some(day))))
}

/// "post-1945", "pre-2000", "pre-1990s".
pub(super) fn pre_post(sc: &Scan, i: usize) -> Option<M> {
    if !(sc.dash(i + 1) && sc.glued(i + 1) && sc.glued(i + 2)) {
        return None;
    }
    let y = sc.year_digits(i + 2)?;
    if sc.word_is(i + 3, "s") && sc.glued(i + 3) && y % 10 == 0 {
        return Some(M::new(i, i + 4, Raw::Decade(y / 10)));
    }
    Some(M::new(i, i + 3, cal(Some(y), None, None)))
}

#[cfg(test)]
mod tests {
    // 2016-07-20 is a Wednesday
    cases!(
        calendar_dates,
        (
            "It began on July 15, 2016, in the capital.",
            "2016-07-20",
            [("July 15, 2016", "2016-07-15")]
        ),
        (
            "Troops left on 3 August 2015.",
            "2016-07-20",
            [("3 August 2015", "2015-08-03")]
        ),
        (
            "The file is dated 2014-03-09.",
            "",
            [("2014-03-09", "2014-03-09")]
        ),
        (
            "The form, signed 7/4/2012, was lost.",
            "",
            [("7/4/2012", "2012-07-04")]
        ),
        (
            "Prices rose in March 2009.",
            "",
            [("March 2009", "2009-03")]
        ),
        (
            "The hearing is set for Sept 9.",
            "2016-07-20",
            [("Sept 9", "2016-09-09")]
        ),
        (
            "The talks ran July 15-16.",
            "2016-07-20",
            [("July 15", "2016-07-15"), ("16", "2016-07-16")]
        ),
        (
            "Workers struck on May 28 and 29.",
            "2016-07-20",
            [("May 28", "2016-05-28"), ("29", "2016-05-29")]
        ),
        (
            "On May 28 and 29 people were hurt.",
            "2016-07-20",
            [("May 28", "2016-05-28")]
        ),
        (
            "Refugees fled in 1948\u{2013}49.",
            "",
            [("1948", "1948"), ("49", "1949")]
        ),
        (
            "It opened on Monday, Oct. 26.",
            "2016-07-20",
            [("Monday, Oct. 26", "2015-10-26")]
        ),
        (
            "The war lasted from 1994-1997.",
            "",
            [("1994", "1994"), ("1997", "1997")]
        ),
        ("He was born in 1950.", "", [("1950", "1950")]),
    );
    // a month and day without a year in a timeline of another year than the
    // publication's take the timeline's year; the future tense speaks from the
    // publication
    cases!(
        year_from_the_narrative,
        (
            "Protests began on December 19, 2018. On December 20, crowds marched.",
            "2019-08-22",
            [
                ("December 19, 2018", "2018-12-19"),
                ("December 20", "2018-12-20")
            ]
        ),
        (
            "The war began on October 7, 2023. The October 7 attack killed many.",
            "2025-02-10",
            [
                ("October 7, 2023", "2023-10-07"),
                ("October 7", "2023-10-07")
            ]
        ),
        (
            "The siege began on March 2, 2021. It ended in May 2022. Survivors of the March 2 shelling met.",
            "2023-01",
            [
                ("March 2, 2021", "2021-03-02"),
                ("May 2022", "2022-05"),
                ("March 2", "2021-03-02")
            ]
        ),
        (
            "He was arrested on June 3, 2014. His trial will open on July 10.",
            "2016-06-20",
            [("June 3, 2014", "2014-06-03"), ("July 10", "2016-07-10")]
        ),
        (
            "Fighting started in August 1988. The army moved on Aug. 2.",
            "1990-08-15",
            [("August 1988", "1988-08"), ("Aug. 2", "1990-08-02")]
        ),
    );
    // a text without a publication date: what comes before its first absolute
    // date is resolved against that date
    cases!(
        undated_text,
        (
            "As of 6 a.m. on March 9, 4,000 people had crossed. On March 2, the border opened. The camp will close on January 1, 2024.",
            "",
            [
                ("6 a.m.", "2023-03-09T06:00"),
                ("March 9", "2023-03-09"),
                ("March 2", "2023-03-02"),
                ("January 1, 2024", "2024-01-01")
            ]
        ),
        ("On May 4 the talks failed.", "", [("May 4", "XXXX-05-04")]),
    );
    // a weekday with its date in brackets is that date; the weekday said
    // alone again near the reference means the same day
    cases!(
        weekday_with_its_date,
        (
            "The accord was signed on Thursday (May 4). Leaders met again on Thursday evening.",
            "2017-05-01",
            [
                ("Thursday (May 4)", "2017-05-04"),
                ("Thursday evening", "2017-05-04")
            ]
        ),
        (
            "Pickets formed on Friday (3 March). The strike ended on Friday.",
            "2017-05-01",
            [("Friday (3 March)", "2017-03-03"), ("Friday", "2017-04-28")]
        ),
        (
            "Voting will close on Sunday (June 9 is a holiday).",
            "2019-06-05",
            [("Sunday", "2019-06-09"), ("June 9", "2019-06-09")]
        ),
    );
    // a month (and day) with its year said relative to the reference: one
    // expression, one value
    cases!(
        month_of_a_relative_year,
        (
            "Rents rose in April last year.",
            "2016-07-20",
            [("April last year", "2015-04")]
        ),
        (
            "Sales picked up in January this year.",
            "2016-07-20",
            [("January this year", "2016-01")]
        ),
        (
            "The plant opens in March of next year.",
            "2016-07-20",
            [("March of next year", "2017-03")]
        ),
        (
            "The deal was signed on May 3 last year.",
            "2016-07-20",
            [("May 3 last year", "2015-05-03")]
        ),
        (
            "It happened in June, last year.",
            "2016-07-20",
            [("June", "2016-06"), ("last year", "2015")]
        ),
    );
    cases!(
        periods_of_years,
        ("Growth slowed in the 1990s.", "", [("1990s", "199")]),
        ("Music of the '60s.", "", [("'60s", "196")]),
        (
            "It dates from the 19th century.",
            "",
            [("19th century", "18")]
        ),
        (
            "Sales fell in the third quarter of 1998.",
            "",
            [("the third quarter of 1998", "1998-Q3")]
        ),
        (
            "Results for Q2 2015 were poor.",
            "",
            [("Q2 2015", "2015-Q2")]
        ),
        (
            "Spending rose in fiscal 1998.",
            "",
            [("fiscal 1998", "1998")]
        ),
        (
            "Rents rose in the summer of 2012.",
            "",
            [("the summer of 2012", "2012-SU")]
        ),
        ("Life in post-1945 Europe.", "", [("post-1945", "1945")]),
    );
    cases!(
        dates_in_other_languages,
        (
            "Le Monde dated it 3 mars 2018.",
            "2018-03-05",
            [("3 mars 2018", "2018-03-03")]
        ),
        (
            "The order, signed 3. März 2018, was published.",
            "2018-03-05",
            [("3. März 2018", "2018-03-03")]
        ),
        (
            "The decree of 3 de marzo de 2018 stands.",
            "2018-03-05",
            [("3 de marzo de 2018", "2018-03-03")]
        ),
        (
            "The ruling (3 Mart 2018) was read out.",
            "2018-03-05",
            [("3 Mart 2018", "2018-03-03")]
        ),
        (
            "The law of 3 марта 2018 г. applies.",
            "2018-03-05",
            [("3 марта 2018", "2018-03-03")]
        ),
        // without a year, or with a day the month lacks, nothing
        ("He bought 3 mars bars.", "2018-03-05", []),
        ("It read 31 février 2018.", "2018-03-05", [("2018", "2018")]),
    );
    cases!(
        text_glued_by_page_extraction,
        (
            "UpdatedJan 9, 2017 The vote was held.",
            "",
            [("Jan 9, 2017", "2017-01-09")]
        ),
        (
            "4 MIN READMar 3, 2018 | 14:02 GMT",
            "",
            [
                ("4 MIN", "PT4M"),
                ("Mar 3, 2018", "2018-03-03"),
                ("14:02 GMT", "2018-03-03T14:02")
            ]
        ),
    );
    cases!(
        named_days,
        ("Stocks fell 12% on Black Tuesday.", "1989-10-26", []),
        ("Marchers recalled Bloody Sunday.", "1998-02-06", []),
        ("He won most states on Super Tuesday.", "2016-03-03", []),
        // a capitalised name before a weekday, as agencies write, is no name of
        // a day
        (
            "Bush Tuesday signed the bill.",
            "1990-08-16",
            [("Tuesday", "1990-08-14")]
        ),
    );
    cases!(
        not_dates,
        ("The company hired 2000 workers.", "", []),
        ("Call 555-2000 for details.", "", []),
        ("It cost $1999 in all.", "", []),
        ("They may agree.", "2016-07-20", []),
    );
}
