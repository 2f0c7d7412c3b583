//! Clock times: "10:35 a.m.", "14:30 GMT", "0735 GMT", "noon", alone or with
//! the day they fall on.

use crate::extract::Raw;
use crate::extract::lexicon::{DayPart, Kw, Lex};

use super::M;
use super::calendar::weekday_led;
use super::scanner::Scan;

impl Scan<'_> {
    /// A clock time at i: "10:35 a.m.", "6 a.m", "10 p.m.", "14:30 GMT", "0735
    /// GMT", "at 2000 hours", "noon", "4 in the morning"; hour, minute, index after.
    pub(super) fn clock(&self, i: usize) -> Option<((u8, u8), usize)> {
        if matches!(self.kw(i), Some(Kw::Noon | Kw::Midday | Kw::Midnight))
            && i > 0
            && self.word_is(i - 1, "high")
        {
            return None;
        }
        match self.kw(i) {
            Some(Kw::Noon | Kw::Midday) => return Some(((12, 0), i + 1)),
            Some(Kw::Midnight) => return Some(((24, 0), i + 1)),
            _ => {}
        }
        let h = self.num(i)?;
        if i > 0 && self.glued(i) && !self.punct(i - 1, '(') {
            return None;
        }
        let mut j = i + 1;
        let mut minute = None;
        if self.digits(i) == 4 {
            // military time: "0735 GMT", "at 2000 hours"
            let (hh, mm) = (h / 100, h % 100);
            if hh > 24 || mm > 59 {
                return None;
            }
            // "(0735 GMT)" restates a time given just before
            let zoned = matches!(self.kw(j), Some(Kw::Gmt | Kw::Zone))
                && !(i > 0 && self.punct(i - 1, '('));
            let hours = self.word_is(j, "hours") || self.word_is(j, "hrs");
            let cue = i > 0
                && matches!(
                    self.kw(i - 1),
                    Some(Kw::At | Kw::By | Kw::Around | Kw::Until | Kw::After | Kw::Before)
                );
            if zoned || (hours && cue) {
                return Some(((hh as u8, mm as u8), j + 1));
            }
            return None;
        }
        if self.digits(i) > 2 || h > 24 {
            return None;
        }
        if self.punct(j, ':') && self.glued(j) && self.digits(j + 1) == 2 && self.glued(j + 1) {
            let m = self.num(j + 1)?;
            if m > 59 {
                return None;
            }
            minute = Some(m);
            j += 2;
        }
        let (h, next) = if let Some((pm, k)) = self.meridiem(j) {
            if h == 0 || h > 12 {
                return None;
            }
            let h = match (pm, h) {
                (false, 12) => 0,
                (true, 12) => 12,
                (true, h) => h + 12,
                (false, h) => h,
            };
            (h, k)
        } else if self.is(j, Kw::In)
            && self.is(j + 1, Kw::The)
            && matches!(self.lex(j + 2), Lex::Part(_))
            && minute.is_none()
            && (1..=12).contains(&h)
        {
            let pm = !matches!(self.lex(j + 2), Lex::Part(DayPart::Morning));
            (if pm && h < 12 { h + 12 } else { h }, j + 3)
        } else if minute.is_some() && matches!(self.kw(j), Some(Kw::Gmt | Kw::Zone)) {
            (h, j)
        } else if self.word_is(j, "o") && self.apostrophe(j + 1) && self.word_is(j + 2, "clock") {
            (h, j + 3)
        } else {
            return None;
        };
        let mut next = next;
        if matches!(self.kw(next), Some(Kw::Gmt | Kw::Zone)) {
            next += 1;
        }
        Some(((h as u8, minute.unwrap_or(0) as u8), next))
    }

    /// "a.m." / "p.m." / "am" / "PM" at j: whether it is p.m., and the index after.
    pub(super) fn meridiem(&self, j: usize) -> Option<(bool, usize)> {
        match self.kw(j) {
            Some(Kw::Am) => {
                return Some((false, j + 1 + usize::from(self.dot_glued(j + 1))));
            }
            Some(Kw::Pm) => return Some((true, j + 1 + usize::from(self.dot_glued(j + 1)))),
            _ => {}
        }
        let pm = if self.word_is(j, "a") {
            false
        } else if self.word_is(j, "p") {
            true
        } else {
            return None;
        };
        if self.punct(j + 1, '.') && self.glued(j + 1) && self.word_is(j + 2, "m") {
            let mut k = j + 3;
            if self.dot_glued(k) {
                k += 1;
            }
            return Some((pm, k));
        }
        None
    }
}

/// A clock time, alone or with the day it falls on: "10:35 a.m.", "9 a.m.
/// Tuesday", "4 a.m. EDT Thursday", "noon".
pub(super) fn clock_rule(sc: &Scan, i: usize) -> Option<M> {
    let (clock, next) = sc.clock(i)?;
    let mut m = M::new(i, next, Raw::Clock);
    m.clock = Some(clock);
    let day = match sc.lex(next) {
        Lex::Weekday(_) => weekday_led(sc, next),
        Lex::Kw(Kw::Today) => Some(M::new(next, next + 1, Raw::Days(0))),
        Lex::Kw(Kw::Tomorrow) => Some(M::new(next, next + 1, Raw::Days(1))),
        Lex::Kw(Kw::Yesterday) => Some(M::new(next, next + 1, Raw::Days(-1))),
        _ => None,
    };
    if let Some(d) = day {
        if matches!(
            d.raw,
            Raw::Weekday { .. } | Raw::Days(_) | Raw::Calendar { .. }
        ) {
            m.raw = d.raw;
            m.next = d.next;
        }
    }
    Some(m)
}

#[cfg(test)]
mod tests {
    // 2016-07-20 is a Wednesday
    cases!(
        clock_times,
        (
            "The blast came at 10:35 a.m.",
            "2016-07-20",
            [("10:35 a.m.", "2016-07-20T10:35")]
        ),
        (
            "Polls close at 8 p.m. Tuesday.",
            "2016-07-20",
            [("8 p.m. Tuesday", "2016-07-19T20:00")]
        ),
        (
            "It landed at 14:30 GMT.",
            "2016-07-20",
            [("14:30 GMT", "2016-07-20T14:30")]
        ),
        (
            "The raid began at 0735 GMT.",
            "2016-07-20",
            [("0735 GMT", "2016-07-20T07:35")]
        ),
        (
            "They met at noon.",
            "2016-07-20",
            [("noon", "2016-07-20T12:00")]
        ),
        (
            "He woke at 4 in the morning.",
            "2016-07-20",
            [("4 in the morning", "2016-07-20T04:00")]
        ),
        (
            "Without a date, at 9 a.m.",
            "",
            [("9 a.m.", "XXXX-XX-XXT09:00")]
        ),
        ("The score was 3:2 at half time.", "2016-07-20", []),
    );
}
