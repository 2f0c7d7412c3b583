//! The rules that recognise temporal expressions in a sentence's tokens.
//!
//! Scanning goes left to right; at each token the rules that can start there
//! (chosen by what the lexicon says of it) are tried, the longest match wins, and
//! scanning resumes after it. Each rule says what the expression means before a
//! reference date is known ([`Raw`]); the tense of the clause around it is read
//! here too, for expressions that leave the direction open.

use super::lexicon::{
    BE, COUNT, DET, DayPart, ED, FUTURE, FUTURE_TO, HAVE, Holiday, INTENT, Kw, Lex, MODAL, PAST,
    PLURAL, PRESENT, QUANTITY, Unit, YEAR_CUE,
};
use super::tokens::{Kind, Tok};
use super::{Amount, Anchor, Raw, RefKind, Tense, Yr};

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

struct Scan<'a> {
    text: &'a str,
    toks: &'a [Tok],
    anchors: &'a [Anchor],
}

fn cal(year: Option<i32>, month: Option<u32>, day: Option<u32>) -> Raw {
    Raw::Calendar {
        year,
        month,
        day,
        weekday: None,
    }
}

impl<'a> Scan<'a> {
    fn t(&self, i: usize) -> Option<&'a Tok> {
        self.toks.get(i)
    }
    fn s(&self, i: usize) -> &'a str {
        self.t(i).map_or("", |t| &self.text[t.start..t.end])
    }
    fn lex(&self, i: usize) -> Lex {
        self.t(i).map_or(Lex::None, |t| t.info.lex)
    }
    fn kw(&self, i: usize) -> Option<Kw> {
        match self.lex(i) {
            Lex::Kw(k) => Some(k),
            _ => None,
        }
    }
    fn is(&self, i: usize, k: Kw) -> bool {
        self.lex(i) == Lex::Kw(k)
    }
    fn has(&self, i: usize, flag: u16) -> bool {
        self.t(i).is_some_and(|t| t.info.flags & flag != 0)
    }
    fn is_word(&self, i: usize) -> bool {
        self.t(i).is_some_and(|t| t.kind == Kind::Word)
    }
    fn is_num(&self, i: usize) -> bool {
        self.t(i).is_some_and(|t| t.kind == Kind::Num)
    }
    fn num(&self, i: usize) -> Option<u32> {
        self.t(i)
            .filter(|t| t.kind == Kind::Num && t.num != u32::MAX)
            .map(|t| t.num)
    }
    fn digits(&self, i: usize) -> usize {
        self.t(i)
            .filter(|t| t.kind == Kind::Num)
            .map_or(0, |t| t.len())
    }
    fn punct(&self, i: usize, c: char) -> bool {
        self.t(i).is_some_and(|t| t.kind == Kind::Punct(c))
    }
    fn dash(&self, i: usize) -> bool {
        self.t(i)
            .is_some_and(|t| matches!(t.kind, Kind::Punct('-' | '–' | '—')))
    }
    fn apostrophe(&self, i: usize) -> bool {
        self.t(i)
            .is_some_and(|t| matches!(t.kind, Kind::Punct('\'' | '’')))
    }
    /// Token i touches the token before it.
    fn glued(&self, i: usize) -> bool {
        self.t(i).is_some_and(|t| !t.space_before)
    }
    fn cap(&self, i: usize) -> bool {
        self.t(i).is_some_and(|t| t.cap)
    }
    fn word_is(&self, i: usize, w: &str) -> bool {
        self.is_word(i) && self.s(i).eq_ignore_ascii_case(w)
    }
    fn unit(&self, i: usize) -> Option<(Unit, bool)> {
        match self.lex(i) {
            Lex::Unit(u) => Some((u, self.has(i, PLURAL))),
            _ => None,
        }
    }
    fn ordinal(&self, i: usize) -> Option<u32> {
        match self.lex(i) {
            Lex::Ordinal(n) => Some(n as u32),
            Lex::Unit(Unit::Second) if !self.has(i, PLURAL) => Some(2),
            _ => None,
        }
    }
    fn at_sentence_start(&self, i: usize) -> bool {
        i == 0
            || self.t(i).is_some_and(|t| t.break_before)
            || (i == 1 && !self.is_word(0))
            || self
                .t(i - 1)
                .is_some_and(|t| matches!(t.kind, Kind::Punct('"' | '“' | '`' | '\'' | '(')))
    }

    /// A month at i ("July", "Aug.", "Sept"): the month and the index after it.
    fn month(&self, i: usize) -> Option<(u32, usize)> {
        let Lex::Month(m) = self.lex(i) else {
            return None;
        };
        if !self.cap(i) {
            return None;
        }
        let mut next = i + 1;
        if self.has(i, super::lexicon::ABBR) {
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
    fn day(&self, i: usize) -> Option<(u32, usize)> {
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
    fn year_digits(&self, i: usize) -> Option<i32> {
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
    fn year(&self, i: usize, cued: bool) -> Option<i32> {
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
    fn year_after(&self, i: usize) -> Option<(i32, usize)> {
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
    fn year_spec_after(&self, i: usize) -> (Yr, usize) {
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

    /// A count of units at i: "three", "16", "twenty-five", "a", "several",
    /// "a few", "5 1/2", "half an", "a couple of"; the amount and the index after.
    fn amount(&self, i: usize) -> Option<(Amount, usize)> {
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

    /// A clock time at i: "10:35 a.m.", "6 a.m", "10 p.m.", "14:30 GMT", "0735
    /// GMT", "at 2000 hours", "noon", "4 in the morning"; hour, minute, index after.
    fn clock(&self, i: usize) -> Option<((u8, u8), usize)> {
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
    fn meridiem(&self, j: usize) -> Option<(bool, usize)> {
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

    fn dot_glued(&self, i: usize) -> bool {
        self.punct(i, '.') && self.glued(i)
    }

    /// A part of the day at i ("morning", "night").
    fn part(&self, i: usize) -> Option<DayPart> {
        match self.lex(i) {
            Lex::Part(p) => Some(p),
            _ => None,
        }
    }

    /// The index of the token that ends exactly at byte `end`, from i on.
    fn token_ending_at(&self, from: usize, end: usize) -> Option<usize> {
        (from..self.toks.len()).find(|&k| self.toks[k].end == end)
    }

    /// The anchor that starts at token i (or at i+1 after "the").
    fn anchor_at(&self, i: usize) -> Option<(Anchor, usize)> {
        let t = self.t(i)?;
        let a = self
            .anchors
            .iter()
            .find(|a| a.start == t.start)
            .or_else(|| {
                let t2 = self.t(i + 1)?;
                self.is(i, Kw::The)
                    .then(|| self.anchors.iter().find(|a| a.start == t2.start))
                    .flatten()
            })?;
        let last = self.token_ending_at(i, a.end)?;
        Some((*a, last + 1))
    }

    /// The tense of the clause around tokens first..next: of the nearest word
    /// showing a tense on each side (within the clause), the nearer one, the left
    /// on a tie. Cue words right before the expression ("as soon as", "until"
    /// after its verb) lean it to the future.
    fn tense(&self, first: usize, next: usize) -> Tense {
        // cues right before the expression, skipping "on" / "the"
        let mut k = first;
        while k > 0 && matches!(self.kw(k - 1), Some(Kw::On | Kw::The)) {
            k -= 1;
        }
        if k >= 3
            && self.is(k - 1, Kw::As)
            && matches!(self.kw(k - 2), Some(Kw::Soon | Kw::Early))
            && self.is(k - 3, Kw::As)
        {
            return Tense::Future;
        }
        // "until Tuesday", "by Jan. 14"; not "not until Tuesday"
        let deadline = k > 0
            && matches!(self.kw(k - 1), Some(Kw::Until | Kw::By))
            && !(k > 1 && self.word_is(k - 2, "not"));
        // "Wednesday's ruling": a modifier of a noun, whose own verb follows
        let possessive = self.apostrophe(next) && self.word_is(next + 1, "s");
        let left = if possessive {
            None
        } else {
            self.scan_verbs((0..first).rev(), true)
        };
        let right = self.scan_verbs(next..self.toks.len(), false);
        // the nearer of the two; the left on a tie
        let (found, from_left) = match (left, right) {
            (Some((dl, _)), Some((dr, tr))) if dr < dl => (Some(tr), false),
            (Some((_, t)), _) => (Some(t), true),
            (None, Some((_, t))) => (Some(t), false),
            (None, None) => (None, false),
        };
        match found {
            // "postponed until Tuesday" looks ahead; "Until Thursday, they had
            // not ..." narrates up to a past point
            _ if deadline && (from_left || found.is_none()) => Tense::Future,
            Some(t) => t,
            None => Tense::Unknown,
        }
    }

    /// The first token in `range` that shows a tense: its distance and the tense.
    /// "since" and "ago" on the way show the past.
    fn scan_verbs(
        &self,
        range: impl Iterator<Item = usize>,
        leftward: bool,
    ) -> Option<(usize, Tense)> {
        for (steps, j) in range.enumerate() {
            if steps >= 25 {
                break;
            }
            let t = &self.toks[j];
            match t.kind {
                Kind::Punct(';' | '"' | '“' | '”' | '`') => return None,
                Kind::Punct('\'')
                    if self.punct(j + 1, '\'') || self.punct(j.wrapping_sub(1), '\'') =>
                {
                    return None;
                }
                Kind::Word => {
                    if matches!(t.info.lex, Lex::Kw(Kw::Since | Kw::Ago)) {
                        return Some((steps, Tense::Past));
                    }
                    // an infinitive the expression belongs to ("planned to leave
                    // Nairobi on Thursday") points ahead of its governing verb
                    if leftward
                        && t.info.lex == Lex::Kw(Kw::To)
                        && self.bare_verb(j + 1)
                        && self.has(j.wrapping_sub(1), INTENT)
                    {
                        return Some((steps, Tense::Future));
                    }
                    if let Some(tense) = self.verb_tense(j) {
                        return Some((steps, tense));
                    }
                }
                _ => {}
            }
        }
        None
    }

    /// A word at j that may be a bare verb after "to": lower case, no role in
    /// the lexicon, not a determiner, not an "-ed" or "-ing" form.
    fn bare_verb(&self, j: usize) -> bool {
        let Some(t) = self.t(j) else {
            return false;
        };
        if t.kind != Kind::Word || t.cap || t.info.lex != Lex::None || t.info.flags != 0 {
            return false;
        }
        let w = self.s(j);
        !(w.ends_with("ing") || w.ends_with("ed") || w.ends_with("ly"))
    }

    /// The tense a word at j shows, if it is a verb form that shows one.
    fn verb_tense(&self, j: usize) -> Option<Tense> {
        let f = self.t(j)?.info.flags;
        if f & (PAST | ED | FUTURE | FUTURE_TO | MODAL | PRESENT) == 0 {
            return None;
        }
        if f & FUTURE != 0 {
            return Some(Tense::Future);
        }
        if f & FUTURE_TO != 0 && self.is(j + 1, Kw::To) {
            return Some(Tense::Future);
        }
        // "won't"
        if self.word_is(j, "won") && self.apostrophe(j + 1) && self.word_is(j + 2, "t") {
            return Some(Tense::Future);
        }
        if f & MODAL != 0 && self.word_is(j, "would") {
            return Some(Tense::Future);
        }
        if f & (PAST | ED) != 0 {
            let auxiliary = f & (BE | HAVE) != 0;
            if !auxiliary && j > 0 {
                // a participle after "be" or a determiner: the auxiliary decides
                if self.has(j - 1, BE) || self.has(j - 1, DET) {
                    return None;
                }
                if self.has(j - 1, HAVE) {
                    return Some(Tense::Past);
                }
            }
            return Some(Tense::Past);
        }
        if f & PRESENT != 0 {
            return Some(Tense::Present);
        }
        None
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
        | Raw::Quarter { year, dir, .. }
        | Raw::Holiday { year, dir, .. } => *year == Yr::Open && dir.is_none(),
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
            let tense = if needs_tense(&raw) {
                sc.tense(a, b)
            } else {
                Tense::Unknown
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

/// Tries the rules that can start at token i (none when the text ends
/// before it: rules ask for what follows their keyword here).
fn match_at(sc: &Scan, i: usize) -> Option<M> {
    let t = sc.t(i)?;
    match t.kind {
        Kind::Num => {
            let mut best = longer(clock_rule(sc, i), number_led(sc, i));
            best = longer(best, amount_led(sc, i, i));
            if best.is_none() {
                best = year_rule(sc, i, false);
            }
            best
        }
        Kind::Word => word_led(sc, i),
        Kind::Punct('\'' | '’') => decade_short(sc, i),
        _ => None,
    }
}

fn word_led(sc: &Scan, i: usize) -> Option<M> {
    match sc.lex(i) {
        Lex::None => {
            if sc.cap(i) {
                if let Some(m) = holiday_rule(sc, i) {
                    return Some(m);
                }
                // "Q3 1998"
                if sc.s(i).eq_ignore_ascii_case("q") {
                    return quarter_code(sc, i);
                }
            }
            if sc.word_is(i, "these")
                && sc.lex(i + 1) == Lex::Unit(Unit::Day)
                && sc.has(i + 1, PLURAL)
            {
                return Some(M::new(i, i + 2, Raw::Ref(RefKind::Present)));
            }
            None
        }
        Lex::Month(5) if sc.cap(i) && sc.lex(i + 1) == Lex::Unit(Unit::Day) && sc.cap(i + 1) => {
            holiday_rule(sc, i)
        }
        Lex::Month(_) => month_led(sc, i, false),
        Lex::Weekday(_) => weekday_led(sc, i),
        Lex::Holiday(_) => holiday_rule(sc, i),
        Lex::Number(_) | Lex::Ordinal(_) => {
            let mut best = amount_led(sc, i, i);
            best = longer(best, ordinal_led(sc, i));
            best
        }
        Lex::Unit(_) => bare_units(sc, i),
        Lex::Season(_) => season_led(sc, i, false),
        Lex::Part(_) => None,
        Lex::Kw(k) => kw_led(sc, i, k),
    }
}

/// Rules that start with a cue word.
fn kw_led(sc: &Scan, i: usize, k: Kw) -> Option<M> {
    match k {
        Kw::Today => Some(day_with_part(sc, i, Raw::Days(0))),
        Kw::Yesterday => Some(day_with_part(sc, i, Raw::Days(-1))),
        Kw::Tomorrow => Some(day_with_part(sc, i, Raw::Days(1))),
        Kw::Tonight => {
            let mut m = M::new(i, i + 1, Raw::Days(0));
            m.part = Some(DayPart::Night);
            Some(m)
        }
        Kw::Now => {
            // "now-defunct" is an adjective
            if sc.dash(i + 1) && sc.glued(i + 1) {
                return None;
            }
            Some(M::new(i, i + 1, Raw::Ref(RefKind::Present)))
        }
        Kw::Currently | Kw::Nowadays => Some(M::new(i, i + 1, Raw::Ref(RefKind::Present))),
        Kw::Recently => Some(M::new(i, i + 1, Raw::Ref(RefKind::Past))),
        Kw::Future => {
            if sc.glued(i + 1) && sc.word_is(i + 1, "s") {
                return None;
            }
            Some(M::new(i, i + 1, Raw::Ref(RefKind::Future)))
        }
        Kw::The => the_led(sc, i),
        Kw::This | Kw::Last | Kw::Next | Kw::Past | Kw::Coming | Kw::Previous => {
            longer(relative(sc, i, i), duration_rule(sc, i))
        }
        Kw::That => that_led(sc, i, i),
        Kw::Early | Kw::Late | Kw::Mid | Kw::Earlier | Kw::Later | Kw::Middle => modified(sc, i),
        Kw::Fiscal | Kw::Fy => fiscal(sc, i),
        Kw::Every | Kw::Each => every(sc, i),
        Kw::Daily | Kw::Weekly | Kw::Monthly | Kw::Annually | Kw::Quarterly | Kw::Hourly => {
            let unit = match k {
                Kw::Daily => Unit::Day,
                Kw::Weekly => Unit::Week,
                Kw::Monthly => Unit::Month,
                Kw::Quarterly => Unit::Quarter,
                Kw::Hourly => Unit::Hour,
                _ => Unit::Year,
            };
            // "annual" is an adjective too often ("annual meeting") to be a set
            if k == Kw::Annually && !sc.word_is(i, "annually") && !sc.word_is(i, "yearly") {
                return None;
            }
            Some(M::new(
                i,
                i + 1,
                Raw::Set {
                    unit,
                    every: 1,
                    weekday: None,
                },
            ))
        }
        Kw::Nightly => {
            let mut m = M::new(
                i,
                i + 1,
                Raw::Set {
                    unit: Unit::Day,
                    every: 1,
                    weekday: None,
                },
            );
            m.part = Some(DayPart::Night);
            Some(m)
        }
        Kw::Noon | Kw::Midday | Kw::Midnight => clock_rule(sc, i),
        Kw::Post | Kw::Pre => {
            if sc.dash(i + 1) && sc.glued(i + 1) && sc.glued(i + 2) {
                if let Some(y) = sc.year_digits(i + 2) {
                    let mut m = M::new(i, i + 3, cal(Some(y), None, None));
                    if sc.word_is(i + 3, "s") && sc.glued(i + 3) && y % 10 == 0 {
                        m = M::new(i, i + 4, Raw::Decade(y / 10));
                    }
                    return Some(m);
                }
            }
            None
        }
        Kw::A | Kw::Several | Kw::Many | Kw::Few | Kw::Half | Kw::Dozen => {
            longer(rate(sc, i), amount_led(sc, i, i))
        }
        Kw::Per => rate(sc, i),
        Kw::About
        | Kw::Nearly
        | Kw::Almost
        | Kw::Around
        | Kw::Over
        | Kw::Under
        | Kw::More
        | Kw::Less
        | Kw::At
        | Kw::Just
        | Kw::Only
        | Kw::Another
        | Kw::Up
        | Kw::Some => duration_rule(sc, i),
        _ => None,
    }
}

/// "today", "yesterday morning", "tomorrow night".
fn day_with_part(sc: &Scan, i: usize, raw: Raw) -> M {
    let mut m = M::new(i, i + 1, raw);
    if let Some(p) = sc.part(i + 1) {
        m.part = Some(p);
        m.next = i + 2;
    }
    m
}

/// Expressions that begin with "the".
fn the_led(sc: &Scan, i: usize) -> Option<M> {
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
fn part_of(sc: &Scan, i: usize, k: usize) -> Option<M> {
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
fn day_raw(m: &M) -> Option<Raw> {
    match m.raw {
        r @ (Raw::Weekday { .. } | Raw::Days(_) | Raw::Holiday { .. }) => Some(r),
        r @ Raw::Calendar { day: Some(_), .. } => Some(r),
        _ => None,
    }
}

/// "the following day", "the next morning", "the previous week".
fn following(sc: &Scan, i: usize) -> Option<M> {
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
fn that_led(sc: &Scan, i: usize, first: usize) -> Option<M> {
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
fn relative(sc: &Scan, i: usize, first: usize) -> Option<M> {
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
        Lex::Weekday(w) if !sc.has(j, super::lexicon::ABBR) && sc.cap(j) => {
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
fn modified(sc: &Scan, i: usize) -> Option<M> {
    let k = sc.kw(i)?;
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
            kw_led(sc, j, sc.kw(j)?).map(|m| M { first: i, ..m })
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

/// Expressions that begin with a number.
fn number_led(sc: &Scan, i: usize) -> Option<M> {
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
            // "1998-99" is a range of years; "2016-07" a month
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
fn decade_short(sc: &Scan, i: usize) -> Option<M> {
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
fn year_rule(sc: &Scan, i: usize, cued: bool) -> Option<M> {
    let y = sc.year(i, cued)?;
    Some(M::new(i, i + 1, cal(Some(y), None, None)))
}

/// Month-first: "October 1, 2021", "Nov. 24", "July 2016", "in July", "July
/// 15-16"; `cued` when a modifier before it makes a lone month safe.
fn month_led(sc: &Scan, i: usize, cued: bool) -> Option<M> {
    let (m, j) = sc.month(i)?;
    if let Some((d, k)) = sc.day(j) {
        // a range of days: "July 15-16", "July 15 to 16"
        let mut second = None;
        if (sc.dash(k) || sc.is(k, Kw::To)) && sc.month(k + 1).is_none() {
            if let Some((d2, k2)) = sc.day(k + 1) {
                if d2 > d && !sc.is(k2, Kw::Of) && sc.month(k2).is_none() {
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

/// A weekday, alone or with its date: "Friday", "Tuesday morning", "Sunday,
/// March 21, 2021", "Fri, October 1, 2021", "Monday, Oct. 26".
fn weekday_led(sc: &Scan, i: usize) -> Option<M> {
    let Lex::Weekday(wd) = sc.lex(i) else {
        return None;
    };
    if !sc.cap(i) {
        return None;
    }
    let abbr = sc.has(i, super::lexicon::ABBR);
    let mut j = i + 1;
    if abbr && sc.dot_glued(j) {
        j += 1;
    }
    if sc.punct(j, ',') {
        j += 1;
    }
    let inner = month_led(sc, j, false).or_else(|| number_led(sc, j));
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
                inner.next,
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
fn season_led(sc: &Scan, i: usize, cued: bool) -> Option<M> {
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
fn ordinal_led(sc: &Scan, i: usize) -> Option<M> {
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
fn quarter_code(sc: &Scan, i: usize) -> Option<M> {
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
fn fiscal(sc: &Scan, i: usize) -> Option<M> {
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

/// "every day", "every two years", "every other week", "each year", "every Monday".
fn every(sc: &Scan, i: usize) -> Option<M> {
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
fn rate(sc: &Scan, i: usize) -> Option<M> {
    let (u, plural) = sc.unit(i + 1)?;
    if plural || u == Unit::Second {
        return None;
    }
    let per = sc.is(i, Kw::Per);
    let counted = i > 0
        && (sc.is_num(i - 1)
            || matches!(sc.kw(i - 1), Some(Kw::Times | Kw::Twice | Kw::Once))
            || (sc.has(i - 1, COUNT) && sc.lex(i - 1) == Lex::None));
    if !(per || (sc.is(i, Kw::A) && counted)) {
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

/// A unit word alone: "for years", "decades-long".
fn bare_units(sc: &Scan, i: usize) -> Option<M> {
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
fn duration_prefix(sc: &Scan, i: usize) -> usize {
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
fn duration_rule(sc: &Scan, i: usize) -> Option<M> {
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

/// Rules that start with a count: "three days", "16-hour", "two more weeks",
/// "three years ago", "two days later", "ten years after <anchor>"; the span
/// starts at `first` (before any modifiers).
fn amount_led(sc: &Scan, i: usize, first: usize) -> Option<M> {
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
    if sc.is(i, Kw::A) && plural {
        return None;
    }
    // ages: "6-year-old", "six years old", "a 13-year-old"
    if sc.is(k + 1, Kw::Old) || (sc.dash(k + 1) && sc.is(k + 2, Kw::Old)) {
        return None;
    }
    let mut next = k + 1;
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
fn anchored(sc: &Scan, first: usize, at: usize, unit: Unit, offset: i32) -> Option<M> {
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

/// Holidays: "Christmas", "Christmas Eve", "Thanksgiving Day", "New Year's Day",
/// "Election Day", "Easter week", "Good Friday", "Christmas 1998".
fn holiday_rule(sc: &Scan, i: usize) -> Option<M> {
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

fn holiday_year(sc: &Scan, i: usize, next: usize, holiday: Holiday) -> M {
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

/// A clock time, alone or with the day it falls on: "10:35 a.m.", "9 a.m.
/// Tuesday", "4 a.m. EDT Thursday", "noon".
fn clock_rule(sc: &Scan, i: usize) -> Option<M> {
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
}
