//! Relative expressions: deictic days and units ("yesterday", "last week",
//! "this summer"), anaphora ("the following day", "that year"), modified
//! periods ("early next week", "the end of 2020").

use crate::extract::lexicon::{DET, DayPart, Kw, Lex, PLURAL, Unit};
use crate::extract::{Amount, Raw, RefKind, Tense, Yr};

use super::calendar::{
    cal, month_led, number_led, ordinal_led, season_led, weekday_led, year_rule,
};
use super::durations::{amount_led, duration_rule};
use super::scanner::Scan;
use super::{M, longer, match_at};

/// "today", "yesterday morning", "tomorrow night".
pub(super) fn day_with_part(sc: &Scan, i: usize, raw: Raw) -> M {
    let mut m = M::new(i, i + 1, raw);
    if let Some(p) = sc.part(i + 1) {
        m.part = Some(p);
        m.next = i + 2;
    }
    m
}

/// Expressions that begin with "the".
pub(super) fn the_led(sc: &Scan, i: usize) -> Option<M> {
    let j = i + 1;
    let mut best = None;
    match sc.lex(j) {
        // "the 1990s", "the 15th", "the 20th century"
        Lex::None if sc.is_num(j) => {
            if let Some(m) = number_led(sc, j) {
                return Some(match m.raw {
                    Raw::Decade(_) | Raw::Century(_) => m,
                    _ => M { first: i, ..m },
                });
            }
            // "the 15th" (of the reference month)
            if let Some((d, k)) = sc.day(j) {
                if k > j + 1 && sc.month(k).is_none() && !sc.is(k, Kw::Of) {
                    let raw = Raw::Calendar {
                        year: None,
                        month: None,
                        day: Some(d),
                        weekday: None,
                    };
                    // "the 15th century" is handled above; "the 2nd round" is not a date
                    if sc.is_word(k) && !matches!(sc.kw(k), Some(Kw::And | Kw::Or | Kw::To)) {
                        return None;
                    }
                    return Some(M::new(i, k, raw));
                }
            }
            return None;
        }
        Lex::Ordinal(_) | Lex::Unit(Unit::Second) => {
            best = longer(best, ordinal_led(sc, j).map(|m| M { first: i, ..m }));
            best = longer(best, duration_rule(sc, i));
        }
        Lex::Kw(Kw::Past | Kw::Last | Kw::Next | Kw::Coming | Kw::Previous | Kw::Following) => {
            // "the past two months", "the next day", "the previous week"
            best = longer(best, duration_rule(sc, i));
            best = longer(best, following(sc, i));
            if sc.is(j, Kw::Past) && best.is_none() && sc.unit(j + 1).is_none() {
                // "in the past": a reference to the past
                if i > 0 && sc.is(i - 1, Kw::In) {
                    return Some(M::new(i, j + 1, Raw::Ref(RefKind::Past)));
                }
            }
            if best.is_none() && sc.is(j, Kw::Coming) {
                best = relative(sc, j, i);
            }
        }
        Lex::Kw(Kw::Same) => {
            // "the same week that he met Putin" is defined by the clause after it
            if sc.is(j + 2, Kw::That) || sc.is(j + 2, Kw::As) || sc.word_is(j + 2, "when") {
                return None;
            }
            let (u, _) = sc.unit(j + 1)?;
            if matches!(u, Unit::Day | Unit::Week | Unit::Month | Unit::Year) {
                return Some(M::new(i, j + 2, Raw::Anaphor { unit: u, offset: 0 }));
            }
            if let Some(p) = sc.part(j + 1) {
                let mut m = M::new(
                    i,
                    j + 2,
                    Raw::Anaphor {
                        unit: Unit::Day,
                        offset: 0,
                    },
                );
                m.part = Some(p);
                return Some(m);
            }
        }
        Lex::Kw(Kw::Future) => return Some(M::new(i, j + 1, Raw::Ref(RefKind::Future))),
        Lex::Kw(Kw::Start | Kw::End | Kw::Middle) if sc.is(j + 1, Kw::Of) => {
            return part_of(sc, i, j + 2);
        }
        Lex::Kw(Kw::Early | Kw::Late | Kw::Mid | Kw::Middle) => {
            // "the late 1980s", "the mid-1990s"
            let m = modified(sc, j)?;
            return Some(m);
        }
        Lex::Unit(Unit::Day) if !sc.has(j, PLURAL) => {
            // "the day before yesterday", "the day after tomorrow", "the day before"
            match (sc.kw(j + 1), sc.kw(j + 2)) {
                (Some(Kw::Before), Some(Kw::Yesterday)) => {
                    return Some(M::new(i, j + 3, Raw::Days(-2)));
                }
                (Some(Kw::After), Some(Kw::Tomorrow)) => {
                    return Some(M::new(i, j + 3, Raw::Days(2)));
                }
                (Some(Kw::Before | Kw::After), _) => {
                    let offset = if sc.is(j + 1, Kw::Before) { -1 } else { 1 };
                    // "the day before last Tuesday's hearing": the inner day is
                    // found first, and the shift is resolved from it
                    if let Some(inner) = match_at(sc, j + 2) {
                        if day_raw(&inner).is_some() {
                            let mut m = inner;
                            m.also = Some((
                                i,
                                inner.next,
                                Raw::Anaphor {
                                    unit: Unit::Day,
                                    offset,
                                },
                            ));
                            return Some(m);
                        }
                    }
                    // "the day before", "the day after his death"; not "the day
                    // before authorities issued ..." (a clause follows)
                    let ends = !sc.is_word(j + 2) || sc.has(j + 2, DET);
                    return ends.then(|| {
                        M::new(
                            i,
                            j + 2,
                            Raw::Anaphor {
                                unit: Unit::Day,
                                offset,
                            },
                        )
                    });
                }
                _ => {}
            }
        }
        Lex::Unit(Unit::Week) if !sc.has(j, PLURAL) && sc.is(j + 1, Kw::Of) => {
            // "the week of March 6"
            let inner = match_at(sc, j + 2)?;
            if let Raw::Calendar { day: Some(_), .. } = inner.raw {
                let mut m = M::new(i, inner.next, inner.raw);
                m.week_of = true;
                return Some(m);
            }
        }
        Lex::Unit(Unit::Weekend) if !sc.has(j, PLURAL) => {
            return Some(M::new(
                i,
                j + 1,
                Raw::Units {
                    unit: Unit::Weekend,
                    offset: 0,
                },
            ));
        }
        Lex::Season(_) => {
            if let Some(m) = season_led(sc, j, true) {
                return Some(M { first: i, ..m });
            }
        }
        // "in the years that followed", "over the weeks"; but "in the weeks
        // before the shooting" is a vague period placed by an event, neither a
        // length of time nor a date this extractor can give: no mention
        Lex::Unit(u @ (Unit::Year | Unit::Month | Unit::Week | Unit::Day | Unit::Decade))
            if sc.has(j, PLURAL)
                && !matches!(sc.kw(j + 1), Some(Kw::Before | Kw::After))
                && i > 0
                && matches!(
                    sc.kw(i - 1),
                    Some(Kw::In | Kw::Over | Kw::During | Kw::For | Kw::Within | Kw::Through)
                ) =>
        {
            return Some(M::new(
                j,
                j + 1,
                Raw::Duration {
                    amount: Amount {
                        n: None,
                        half: false,
                    },
                    unit: u,
                },
            ));
        }
        _ => {}
    }
    best = longer(best, amount_led(sc, j, j));
    best
}

/// "the end of 2020", "the beginning of the year", "the middle of next month":
/// the span named, at its own grain; `k` is the token after "of".
pub(super) fn part_of(sc: &Scan, i: usize, k: usize) -> Option<M> {
    // "the year", "the month": the current one
    if sc.is(k, Kw::The) {
        if let Some((u, false)) = sc.unit(k + 1) {
            if matches!(
                u,
                Unit::Week
                    | Unit::Month
                    | Unit::Quarter
                    | Unit::Year
                    | Unit::Decade
                    | Unit::Century
            ) {
                return Some(M::new(i, k + 2, Raw::Units { unit: u, offset: 0 }));
            }
        }
    }
    let inner = match_at(sc, k)?;
    let ok = matches!(
        inner.raw,
        Raw::Calendar { day: None, .. }
            | Raw::Units { .. }
            | Raw::Season { .. }
            | Raw::Quarter { .. }
            | Raw::Decade(_)
            | Raw::Century(_)
            | Raw::Anaphor { .. }
    );
    ok.then_some(M {
        first: i,
        also: None,
        ..inner
    })
}

/// What a matched expression says of a day, for "the day before <it>".
pub(super) fn day_raw(m: &M) -> Option<Raw> {
    match m.raw {
        r @ (Raw::Weekday { .. } | Raw::Days(_) | Raw::Holiday { .. }) => Some(r),
        r @ Raw::Calendar { day: Some(_), .. } => Some(r),
        _ => None,
    }
}

/// "the following day", "the next morning", "the previous week".
pub(super) fn following(sc: &Scan, i: usize) -> Option<M> {
    let j = i + 1;
    let offset = match sc.kw(j)? {
        Kw::Following | Kw::Next => 1,
        Kw::Previous | Kw::Last => -1,
        _ => return None,
    };
    if let Some(p) = sc.part(j + 1) {
        let mut m = M::new(
            i,
            j + 2,
            Raw::Anaphor {
                unit: Unit::Day,
                offset,
            },
        );
        m.part = Some(p);
        return Some(m);
    }
    let (u, plural) = sc.unit(j + 1)?;
    if plural {
        return None;
    }
    // "the last week" is a length of time, handled as a duration
    if sc.is(j, Kw::Last) && u != Unit::Day {
        return None;
    }
    Some(M::new(i, j + 2, Raw::Anaphor { unit: u, offset }))
}

/// "that day", "that same day", "that morning", "that year", "that spring".
pub(super) fn that_led(sc: &Scan, i: usize, first: usize) -> Option<M> {
    let mut j = i + 1;
    if sc.is(j, Kw::Same) {
        j += 1;
    }
    if let Some(p) = sc.part(j) {
        let mut m = M::new(
            first,
            j + 1,
            Raw::Anaphor {
                unit: Unit::Day,
                offset: 0,
            },
        );
        m.part = Some(p);
        return Some(m);
    }
    let (u, plural) = sc.unit(j)?;
    if plural || !matches!(u, Unit::Day | Unit::Week | Unit::Month | Unit::Year) {
        return None;
    }
    // "that day care", "that year's"? the noun after must not continue it
    if sc.dash(j + 1) && sc.glued(j + 1) {
        return None;
    }
    Some(M::new(first, j + 1, Raw::Anaphor { unit: u, offset: 0 }))
}

/// "last week", "next Friday", "this summer", "last December", "this morning",
/// "last night", "this coming Friday"; `first` is where the span starts.
pub(super) fn relative(sc: &Scan, i: usize, first: usize) -> Option<M> {
    // ABC's "This Week", the programme
    if sc.is(i, Kw::This) && sc.unit(i + 1).is_some() && sc.titled(i, i + 2) {
        return None;
    }
    let mut dir: i8 = match sc.kw(i)? {
        Kw::Last | Kw::Past | Kw::Previous => -1,
        Kw::Next | Kw::Coming => 1,
        Kw::This => 0,
        _ => return None,
    };
    let mut j = i + 1;
    if dir == 0 {
        match sc.kw(j) {
            Some(Kw::Coming) => {
                dir = 1;
                j += 1;
            }
            Some(Kw::Past) => {
                dir = -1;
                j += 1;
            }
            _ => {}
        }
    }
    let past_word = sc.is(i, Kw::Past);
    match sc.lex(j) {
        Lex::Weekday(w) if !sc.has(j, crate::extract::lexicon::ABBR) && sc.cap(j) => {
            let mut m = M::new(
                first,
                j + 1,
                Raw::Weekday {
                    weekday: w,
                    dir: Some(dir),
                },
            );
            if let Some(p) = sc.part(j + 1) {
                m.part = Some(p);
                m.next = j + 2;
            }
            Some(m)
        }
        Lex::Month(_) => {
            let (mo, next) = sc.month(j)?;
            let tense = match dir {
                -1 => Tense::Past,
                1 => Tense::Future,
                _ => Tense::Unknown,
            };
            // "last Oct. 23": a day, in the direction said
            if let Some((d, k)) = sc.day(next) {
                let mut m = M::new(first, k, cal(None, Some(mo), Some(d)));
                m.tense = Some(tense);
                return Some(m);
            }
            let mut m = M::new(
                first,
                j + 1 + usize::from(sc.dot_glued(j + 1)),
                Raw::Calendar {
                    year: None,
                    month: Some(mo),
                    day: None,
                    weekday: None,
                },
            );
            m.tense = Some(tense);
            Some(m)
        }
        Lex::Season(s) => Some(M::new(
            first,
            j + 1,
            Raw::Season {
                season: s,
                year: Yr::Open,
                dir: Some(dir),
            },
        )),
        Lex::Holiday(h) => Some(M::new(
            first,
            j + 1 + usize::from(sc.word_is(j + 1, "day") && sc.cap(j + 1)),
            Raw::Holiday {
                holiday: h,
                year: Yr::Open,
                dir: Some(dir),
            },
        )),
        Lex::Part(p) if !past_word => {
            // "this morning", "last night", "this evening"
            let days = if dir < 0 { -1 } else { dir as i64 };
            let mut m = M::new(first, j + 1, Raw::Days(days));
            m.part = Some(p);
            Some(m)
        }
        Lex::Unit(u) if !sc.has(j, PLURAL) => {
            // "the past year", "past decade" speak of a length of time
            if past_word && dir == -1 {
                return None;
            }
            if first < i && sc.is(first, Kw::The) && sc.is(i, Kw::Last) {
                return None;
            }
            match u {
                Unit::Second | Unit::Minute | Unit::Hour => None,
                Unit::Day => {
                    // "next day" is anaphoric; "last day", "this day" are not dates
                    (dir == 1 && sc.is(i, Kw::Next)).then(|| {
                        M::new(
                            first,
                            j + 1,
                            Raw::Anaphor {
                                unit: Unit::Day,
                                offset: 1,
                            },
                        )
                    })
                }
                _ => Some(M::new(
                    first,
                    j + 1,
                    Raw::Units {
                        unit: u,
                        offset: dir as i32,
                    },
                )),
            }
        }
        // "coming months", "the coming years": the future, as "recent years" is
        // the past
        Lex::Unit(_) if sc.is(i, Kw::Coming) && sc.has(j, PLURAL) => {
            Some(M::new(first, j + 1, Raw::Ref(RefKind::Future)))
        }
        Lex::Unit(u) if sc.is(i, Kw::Coming) => Some(M::new(
            first,
            j + 1,
            Raw::Duration {
                amount: Amount {
                    n: None,
                    half: false,
                },
                unit: u,
            },
        )),
        _ => None,
    }
}

/// "early 1999", "mid-August", "late December", "the late 1980s", "earlier this
/// month", "later that year", "early next week", "late Friday".
pub(super) fn modified(sc: &Scan, i: usize) -> Option<M> {
    let k = sc.kw(i)?;
    // "earlier in the day": the day the text speaks of; "later in the year":
    // the reference's year (week, month)
    if matches!(k, Kw::Earlier | Kw::Later) && sc.is(i + 1, Kw::In) && sc.is(i + 2, Kw::The) {
        let raw = match sc.unit(i + 3) {
            Some((Unit::Day, false)) => Raw::Anaphor {
                unit: Unit::Day,
                offset: 0,
            },
            Some((unit @ (Unit::Week | Unit::Month | Unit::Year), false)) => {
                Raw::Units { unit, offset: 0 }
            }
            _ => return None,
        };
        return Some(M::new(i, i + 4, raw));
    }
    let mut j = i + 1;
    if sc.dash(j) && sc.glued(j) {
        j += 1;
    }
    if k == Kw::Middle {
        // "the middle of May"
        if !sc.is(j, Kw::Of) {
            return None;
        }
        j += 1;
        if sc.is(j, Kw::The) {
            j += 1;
        }
    }
    let inner = match sc.lex(j) {
        Lex::Kw(Kw::This | Kw::Last | Kw::Next | Kw::Past | Kw::Coming) => relative(sc, j, i),
        Lex::Kw(Kw::That) => that_led(sc, j, i),
        Lex::Kw(Kw::Today | Kw::Yesterday | Kw::Tomorrow | Kw::Tonight) => {
            deictic_day(sc, j).map(|m| M { first: i, ..m })
        }
        Lex::Month(_) => month_led(sc, j, true).map(|m| M { first: i, ..m }),
        Lex::Season(_) => season_led(sc, j, true).map(|m| M { first: i, ..m }),
        Lex::Weekday(_) => weekday_led(sc, j).map(|m| M { first: i, ..m }),
        Lex::Kw(Kw::The) => the_led(sc, j).map(|m| M { first: i, ..m }),
        _ if sc.is_num(j) => {
            let m = number_led(sc, j).or_else(|| year_rule(sc, j, true))?;
            Some(M { first: i, ..m })
        }
        _ => None,
    }?;
    let ok = match inner.raw {
        Raw::Calendar { day: None, .. }
        | Raw::Decade(_)
        | Raw::Century(_)
        | Raw::Season { .. }
        | Raw::Units { .. }
        | Raw::Anaphor { .. } => true,
        Raw::Weekday { .. } | Raw::Days(_) => matches!(k, Kw::Early | Kw::Late),
        _ => false,
    };
    // "earlier"/"later" only before "this ..."/"that ..."/"today"
    if matches!(k, Kw::Earlier | Kw::Later)
        && !matches!(
            sc.kw(j),
            Some(Kw::This | Kw::That | Kw::Today | Kw::Yesterday | Kw::Tonight)
        )
    {
        return None;
    }
    ok.then_some(M { first: i, ..inner })
}

/// "today", "yesterday", "tomorrow", with a part of the day after them, and
/// "tonight".
pub(super) fn deictic_day(sc: &Scan, i: usize) -> Option<M> {
    let days = match sc.kw(i)? {
        Kw::Today => 0,
        Kw::Yesterday => -1,
        Kw::Tomorrow => 1,
        Kw::Tonight => {
            let mut m = M::new(i, i + 1, Raw::Days(0));
            m.part = Some(DayPart::Night);
            return Some(m);
        }
        _ => return None,
    };
    // "This is VOA Today", "USA Today": a title
    if sc.titled(i, i + 1) {
        return None;
    }
    Some(day_with_part(sc, i, Raw::Days(days)))
}

/// Words for now, the recent past and the future: "now", "currently",
/// "nowadays", "recently", "future".
pub(super) fn reference_word(sc: &Scan, i: usize) -> Option<M> {
    let kind = match sc.kw(i)? {
        // "now-defunct" is an adjective
        Kw::Now if sc.dash(i + 1) && sc.glued(i + 1) => return None,
        Kw::Now | Kw::Currently | Kw::Nowadays => RefKind::Present,
        Kw::Recently => RefKind::Past,
        // "futures" are contracts
        Kw::Future if sc.glued(i + 1) && sc.word_is(i + 1, "s") => return None,
        Kw::Future => RefKind::Future,
        _ => return None,
    };
    Some(M::new(i, i + 1, Raw::Ref(kind)))
}

/// "recent years", "recent weeks": a stretch of the past the text does not
/// bound, so a reference to the past; not "recent" alone ("a recent filing"),
/// which says little of when.
pub(super) fn recent_units(sc: &Scan, i: usize) -> Option<M> {
    if !sc.is(i, Kw::Recent) {
        return None;
    }
    let (unit, plural) = sc.unit(i + 1)?;
    let spans = matches!(
        unit,
        Unit::Day | Unit::Week | Unit::Month | Unit::Quarter | Unit::Year | Unit::Decade
    );
    (plural && spans).then(|| M::new(i, i + 2, Raw::Ref(RefKind::Past)))
}

/// "at weekend", "at the weekend" without the article, as British news
/// writes it: the weekend the tense points to.
pub(super) fn bare_weekend(sc: &Scan, i: usize) -> Option<M> {
    let after_at = i > 0 && sc.is(i - 1, Kw::At);
    (after_at && sc.unit(i) == Some((Unit::Weekend, false)) && !sc.dash(i + 1)).then(|| {
        M::new(
            i,
            i + 1,
            Raw::Units {
                unit: Unit::Weekend,
                offset: 0,
            },
        )
    })
}

/// "these days": the present.
pub(super) fn these_days(sc: &Scan, i: usize) -> Option<M> {
    (sc.word_is(i, "these") && sc.lex(i + 1) == Lex::Unit(Unit::Day) && sc.has(i + 1, PLURAL))
        .then(|| M::new(i, i + 2, Raw::Ref(RefKind::Present)))
}

/// "the near term", "the short term", "the long term", "the long run": the future.
pub(super) fn the_term(sc: &Scan, i: usize) -> Option<M> {
    let size = ["near", "short", "long"]
        .iter()
        .any(|w| sc.word_is(i + 1, w));
    let noun = sc.word_is(i + 2, "term") || (sc.word_is(i + 1, "long") && sc.word_is(i + 2, "run"));
    // "the short term debt" names a kind of thing
    let ends = !sc.is_word(i + 3) || sc.has(i + 3, DET) || sc.kw(i + 3).is_some();
    (size && noun && ends).then(|| M::new(i, i + 3, Raw::Ref(RefKind::Future)))
}

/// "current" before what it qualifies: the present ("current levels", "its
/// current chairman"); "current year", "current quarter": that unit now.
pub(super) fn current(sc: &Scan, i: usize) -> Option<M> {
    // "current-account", "then current" (a past present)
    if (sc.dash(i + 1) && sc.glued(i + 1)) || (i > 0 && sc.word_is(i - 1, "then")) {
        return None;
    }
    match sc.unit(i + 1) {
        Some((unit @ (Unit::Week | Unit::Month | Unit::Quarter | Unit::Year), false)) => {
            Some(M::new(i, i + 2, Raw::Units { unit, offset: 0 }))
        }
        Some(_) => None,
        None => sc
            .is_word(i + 1)
            .then(|| M::new(i, i + 1, Raw::Ref(RefKind::Present))),
    }
}

#[cfg(test)]
mod tests {
    // 2016-07-20 is a Wednesday
    cases!(
        deictic_days_and_units,
        (
            "The vote was held yesterday.",
            "2016-07-20",
            [("yesterday", "2016-07-19")]
        ),
        (
            "Talks resume tomorrow morning.",
            "2016-07-20",
            [("tomorrow morning", "2016-07-21")]
        ),
        (
            "Prices fell last week.",
            "2016-07-20",
            [("last week", "2016-W28")]
        ),
        (
            "Sales will rise next month.",
            "2016-07-20",
            [("next month", "2016-08")]
        ),
        (
            "They met last Friday.",
            "2016-07-20",
            [("last Friday", "2016-07-15")]
        ),
        (
            "It rained this morning.",
            "2016-07-20",
            [("this morning", "2016-07-20")]
        ),
        (
            "He left three years ago.",
            "2016-07-20",
            [("three years ago", "2013")]
        ),
        (
            "Three years back, the dam burst.",
            "2016-07-20",
            [("Three years back", "2013")]
        ),
        (
            "He came back two weeks back.",
            "2016-07-20",
            [("two weeks back", "2016-W27")]
        ),
        (
            "She will be back two weeks from now.",
            "2016-07-20",
            [("two weeks from now", "2016-W31")]
        ),
    );
    // a weekend is written as its ISO week with "-WE"; 2016-07-20 is a Wednesday
    cases!(
        titles_are_not_times,
        (
            "Baker, speaking on ABC News' \"This Week,\" said so.",
            "1990-08-13",
            []
        ),
        ("This is VOA Today.", "1998-03-31", []),
        ("He writes for USA Today.", "1998-03-31", []),
        // the same words as dates
        (
            "This week he spoke; he said \"Today we act.\"",
            "1998-03-31",
            [("This week", "1998-W14"), ("Today", "1998-03-31")]
        ),
        (
            "Talks Resume Today",
            "1998-03-31",
            [("Today", "1998-03-31")]
        ),
    );
    cases!(
        weekend_without_article,
        // 2016-07-20 is a Wednesday
        (
            "Talks will resume at weekend.",
            "2016-07-20",
            [("weekend", "2016-W29-WE")]
        ),
        (
            "Ministers met at weekend.",
            "2016-07-20",
            [("weekend", "2016-W28-WE")]
        ),
        ("They sell weekend passes.", "2016-07-20", []),
    );
    cases!(
        weekends,
        (
            "Talks went on over the weekend.",
            "2016-07-20",
            [("the weekend", "2016-W28-WE")]
        ),
        (
            "Talks will go on over the weekend.",
            "2016-07-20",
            [("the weekend", "2016-W29-WE")]
        ),
        (
            "Crowds gathered last weekend.",
            "2016-07-20",
            [("last weekend", "2016-W28-WE")]
        ),
        (
            "Polls open next weekend.",
            "2016-07-20",
            [("next weekend", "2016-W30-WE")]
        ),
    );
    cases!(
        anaphora_and_modified_periods,
        (
            "He arrived on May 3, 2010. He left the following day.",
            "",
            [
                ("May 3, 2010", "2010-05-03"),
                ("the following day", "2010-05-04")
            ]
        ),
        (
            "It was signed in June 2001, and later that year it failed.",
            "",
            [("June 2001", "2001-06"), ("later that year", "2001")]
        ),
        ("Prices peaked in early 1999.", "", [("early 1999", "1999")]),
        (
            "The talks will begin in mid-August.",
            "2016-07-20",
            [("mid-August", "2016-08")]
        ),
        (
            "The talks began in mid-August.",
            "2016-07-20",
            [("mid-August", "2015-08")]
        ),
        (
            "By the end of 2020 it was over.",
            "",
            [("the end of 2020", "2020")]
        ),
        (
            "The plan was announced earlier this month.",
            "2016-07-20",
            [("earlier this month", "2016-07")]
        ),
        (
            "They met on May 3, 2010, and signed a pact earlier in the day.",
            "",
            [
                ("May 3, 2010", "2010-05-03"),
                ("earlier in the day", "2010-05-03")
            ]
        ),
        (
            "Output will recover later in the year.",
            "2016-07-20",
            [("later in the year", "2016")]
        ),
        (
            "It was built ten years after 1990.",
            "",
            [("ten years after 1990", "2000"), ("1990", "1990")]
        ),
    );
    cases!(
        references,
        (
            "Prices are now higher.",
            "2016-07-20",
            [("now", "PRESENT_REF")]
        ),
        (
            "He recently resigned.",
            "2016-07-20",
            [("recently", "PAST_REF")]
        ),
        (
            "They will meet in the future.",
            "2016-07-20",
            [("the future", "FUTURE_REF")]
        ),
        (
            "These days the town is quiet.",
            "2016-07-20",
            [("These days", "PRESENT_REF")]
        ),
        ("The now-defunct firm closed.", "2016-07-20", []),
        (
            "Prices are above current levels.",
            "2016-07-20",
            [("current", "PRESENT_REF")]
        ),
        (
            "Sales in the current year fell.",
            "2016-07-20",
            [("the current year", "2016")]
        ),
        (
            "The plan suits the short term and the long run.",
            "2016-07-20",
            [
                ("the short term", "FUTURE_REF"),
                ("the long run", "FUTURE_REF")
            ]
        ),
        // a stretch of the past or of the future that the text does not bound
        (
            "Sales have slumped in recent years.",
            "1989-11-02",
            [("recent years", "PAST_REF")]
        ),
        (
            "Talks went on in recent weeks.",
            "1989-11-02",
            [("recent weeks", "PAST_REF")]
        ),
        (
            "The economy will slow in coming months.",
            "1998-02-06",
            [("coming months", "FUTURE_REF")]
        ),
        (
            "It will matter in the coming years.",
            "1998-02-06",
            [("the coming years", "FUTURE_REF")]
        ),
        // "recent" alone says little of when; "the coming week" is one week
        ("A recent filing showed the stake.", "1989-11-02", []),
        (
            "They meet in the coming week.",
            "2016-07-20",
            [("the coming week", "2016-W30")]
        ),
    );
}
