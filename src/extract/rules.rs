//! The rules that recognise temporal expressions in a sentence's tokens.

use super::tokens::{Kind, Tok};
use super::{Raw, RefKind, Tense, Unit, month_of, weekday_of};
use crate::model::Season;

/// An expression found in a sentence, not yet resolved.
#[derive(Debug, Clone, Copy)]
pub struct Found {
    pub start: usize,
    pub end: usize,
    pub raw: Raw,
    pub tense: Tense,
}

struct Scan<'a> {
    text: &'a str,
    toks: &'a [Tok],
}

/// Words after a number that show it counts things rather than naming a year.
const COUNT_WORDS: &[&str] = &[
    "people",
    "persons",
    "person",
    "injured",
    "wounded",
    "dead",
    "killed",
    "died",
    "deaths",
    "hurt",
    "missing",
    "troops",
    "soldiers",
    "police",
    "officers",
    "men",
    "women",
    "children",
    "votes",
    "voters",
    "hours",
    "hrs",
    "minutes",
    "seconds",
    "miles",
    "mi",
    "km",
    "kilometers",
    "kilometres",
    "meters",
    "metres",
    "feet",
    "ft",
    "yards",
    "tons",
    "tonnes",
    "pounds",
    "lbs",
    "kg",
    "barrels",
    "dollars",
    "euros",
    "yen",
    "pesos",
    "rubles",
    "liras",
    "lira",
    "shares",
    "percent",
    "per",
    "points",
    "times",
    "units",
    "cases",
    "members",
    "students",
    "workers",
    "employees",
    "residents",
    "refugees",
    "migrants",
    "prisoners",
    "detainees",
    "protesters",
    "fighters",
    "militants",
    "rebels",
    "civilians",
    "vehicles",
    "tanks",
    "aircraft",
    "planes",
    "jets",
    "missiles",
    "rockets",
    "ships",
    "boats",
    "homes",
    "houses",
    "buildings",
    "acres",
    "hectares",
    "square",
    "cubic",
    "million",
    "billion",
    "thousand",
    "hundred",
    "copies",
    "pages",
    "words",
    "calories",
    "degrees",
    "jobs",
    "delegates",
    "seats",
    "signatures",
    "years",
    "days",
    "weeks",
    "months",
    "decades",
    "bp",
    "mw",
    "gw",
    "ad",
];

/// Words before a number that show it is a quantity.
const QUANTITY_WORDS: &[&str] = &[
    "than",
    "about",
    "nearly",
    "almost",
    "some",
    "approximately",
    "roughly",
    "only",
    "least",
    "most",
    "total",
    "totaling",
    "totalling",
    "number",
    "no",
    "flight",
    "route",
    "room",
    "page",
    "pages",
    "resolution",
    "article",
    "chapter",
    "verse",
    "section",
    "model",
    "version",
    "level",
    "code",
    "extension",
    "ext",
    "tel",
    "phone",
    "fax",
    "apartment",
    "suite",
    "highway",
    "interstate",
    "score",
    "scored",
    "beat",
    "lost",
    "won",
    "over",
    "under",
    "killing",
    "injuring",
    "of",
];

/// Words before a year that show it is a time.
const YEAR_CUES: &[&str] = &[
    "in",
    "since",
    "by",
    "from",
    "until",
    "till",
    "to",
    "through",
    "between",
    "and",
    "before",
    "after",
    "during",
    "around",
    "circa",
    "of",
    "early",
    "late",
    "mid",
    "the",
    "year",
    "fiscal",
    "spring",
    "summer",
    "fall",
    "autumn",
    "winter",
    "throughout",
    "into",
    "for",
    "as",
    "back",
    "or",
];

fn lower_in(word: &str, list: &[&str]) -> bool {
    list.iter().any(|w| w.eq_ignore_ascii_case(word))
}

fn number_word(w: &str) -> Option<i64> {
    let w = w.to_ascii_lowercase();
    Some(match w.as_str() {
        "a" | "an" | "one" => 1,
        "two" => 2,
        "three" => 3,
        "four" => 4,
        "five" => 5,
        "six" => 6,
        "seven" => 7,
        "eight" => 8,
        "nine" => 9,
        "ten" => 10,
        "eleven" => 11,
        "twelve" => 12,
        "fifteen" => 15,
        "twenty" => 20,
        "thirty" => 30,
        "fifty" => 50,
        "hundred" => 100,
        _ => return None,
    })
}

fn ordinal_word(w: &str) -> Option<u32> {
    let w = w.to_ascii_lowercase();
    Some(match w.as_str() {
        "first" => 1,
        "second" => 2,
        "third" => 3,
        "fourth" => 4,
        "fifth" => 5,
        "sixth" => 6,
        "seventh" => 7,
        "eighth" => 8,
        "ninth" => 9,
        "tenth" => 10,
        "eleventh" => 11,
        "twelfth" => 12,
        "thirteenth" => 13,
        "fourteenth" => 14,
        "fifteenth" => 15,
        "sixteenth" => 16,
        "seventeenth" => 17,
        "eighteenth" => 18,
        "nineteenth" => 19,
        "twentieth" => 20,
        "twenty-first" => 21,
        _ => return None,
    })
}

impl<'a> Scan<'a> {
    fn s(&self, i: usize) -> &'a str {
        self.toks.get(i).map_or("", |t| &self.text[t.start..t.end])
    }
    fn kind(&self, i: usize) -> Option<Kind> {
        self.toks.get(i).map(|t| t.kind)
    }
    fn is_word(&self, i: usize) -> bool {
        self.kind(i) == Some(Kind::Word)
    }
    fn is_num(&self, i: usize) -> bool {
        self.kind(i) == Some(Kind::Num)
    }
    fn punct(&self, i: usize, c: char) -> bool {
        self.kind(i) == Some(Kind::Punct(c))
    }
    fn word_is(&self, i: usize, w: &str) -> bool {
        self.is_word(i) && self.s(i).eq_ignore_ascii_case(w)
    }
    fn glued(&self, i: usize) -> bool {
        self.toks.get(i).is_some_and(|t| !t.space_before)
    }
    fn num(&self, i: usize) -> Option<u32> {
        if self.is_num(i) && self.s(i).len() <= 9 {
            self.s(i).parse().ok()
        } else {
            None
        }
    }
    fn capitalized(&self, i: usize) -> bool {
        self.s(i).chars().next().is_some_and(|c| c.is_uppercase())
    }
    fn at_sentence_start(&self, i: usize) -> bool {
        i == 0 || self.toks[i].break_before
    }
    fn end(&self, i: usize) -> usize {
        self.toks[i].end
    }
    fn start(&self, i: usize) -> usize {
        self.toks[i].start
    }

    /// Month at token i ("July", "Aug.", "Sept"); returns month and the index
    /// after it (past a dot).
    fn month(&self, i: usize) -> Option<(u32, usize)> {
        if !self.is_word(i) || !self.capitalized(i) {
            return None;
        }
        let (m, abbr) = month_of(self.s(i))?;
        let mut next = i + 1;
        if abbr && self.punct(next, '.') && self.glued(next) {
            next += 1;
        } else if abbr && self.s(i).len() == 3 && !self.is_num(next) {
            // "Mar", "Jan" without a dot and no day after: too ambiguous
            return None;
        }
        Some((m, next))
    }

    /// A day of the month at i: "15", "15th"; returns day and the index after.
    fn day(&self, i: usize) -> Option<(u32, usize)> {
        let d = self.num(i)?;
        if !(1..=31).contains(&d) || self.s(i).len() > 2 {
            return None;
        }
        let mut next = i + 1;
        if self.is_word(next)
            && self.glued(next)
            && lower_in(self.s(next), &["st", "nd", "rd", "th"])
        {
            next += 1;
        } else if self.is_word(next) && self.glued(next) {
            // "9Credit" is a day glued to furniture; "15am" is a clock time
            if lower_in(self.s(next), &["am", "pm", "h", "s"]) {
                return None;
            }
        }
        // not part of a clock time or a decimal
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
        let s = self.s(i);
        if !self.is_num(i) || s.len() != 4 {
            return None;
        }
        let y: i32 = s.parse().ok()?;
        if !(1000..=2100).contains(&y) {
            return None;
        }
        // glued on the left to a word, a sign, a hyphen after a word (S-400), a slash, $
        if i > 0 && self.glued(i) {
            let prev = self.kind(i - 1);
            match prev {
                Some(Kind::Word) | Some(Kind::Num) => return None,
                Some(Kind::Punct(c))
                    if matches!(c, '$' | '#' | '/' | ':' | '.' | ',' | '€' | '£' | '+' | '@') =>
                {
                    return None;
                }
                Some(Kind::Punct('-'))
                    if i > 1 && self.glued(i - 1) && !self.word_is(i - 2, "mid") =>
                {
                    return None;
                }
                _ => {}
            }
        }
        // glued on the right to more digits (2,000 / 20.5 / 2000/01) or a word
        if self.glued(i + 1) {
            match self.kind(i + 1) {
                Some(Kind::Word) if !lower_in(self.s(i + 1), &["s"]) => return None,
                Some(Kind::Punct(c))
                    if matches!(c, ',' | '.' | '/' | ':' | '%' | '-')
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

    /// A year in a temporal context at i.
    fn year(&self, i: usize, cued: bool) -> Option<i32> {
        let y = self.year_digits(i)?;
        // numbers in a run (phone numbers, lists of figures)
        if self.is_num(i + 1) || (i > 0 && self.is_num(i - 1)) {
            return None;
        }
        let next = self.s(i + 1);
        if self.is_word(i + 1) && lower_in(next, COUNT_WORDS) {
            return None;
        }
        let prev_word = if i > 0 && self.is_word(i - 1) {
            self.s(i - 1)
        } else {
            ""
        };
        if !cued && lower_in(prev_word, QUANTITY_WORDS) && !lower_in(prev_word, &["of"]) {
            return None;
        }
        if i > 0 && (self.punct(i - 1, '$') || self.punct(i - 1, '€') || self.punct(i - 1, '£'))
        {
            return None;
        }
        if cued || (1900..=2100).contains(&y) || lower_in(prev_word, YEAR_CUES) {
            Some(y)
        } else {
            None
        }
    }

    fn tense(&self, from: usize, to: usize) -> Tense {
        let lo = from.saturating_sub(16);
        let hi = (to + 8).min(self.toks.len());
        let mut past = false;
        for j in lo..hi {
            if !self.is_word(j) {
                continue;
            }
            let w = self.s(j);
            if lower_in(
                w,
                &[
                    "will",
                    "shall",
                    "upcoming",
                    "scheduled",
                    "planned",
                    "plans",
                    "plan",
                    "expected",
                    "expects",
                    "intends",
                    "coming",
                    "tomorrow",
                    "ll",
                ],
            ) || (w.eq_ignore_ascii_case("going") && self.word_is(j + 1, "to"))
            {
                if j + 1 < from || j >= to {
                    return Tense::Future;
                }
            }
            if lower_in(
                w,
                &[
                    "was",
                    "were",
                    "had",
                    "did",
                    "said",
                    "ago",
                    "last",
                    "yesterday",
                    "earlier",
                    "told",
                    "came",
                    "went",
                    "met",
                    "began",
                    "since",
                    "shot",
                    "held",
                    "left",
                    "took",
                    "gave",
                    "made",
                    "fought",
                    "won",
                    "lost",
                    "fell",
                    "struck",
                    "sent",
                    "saw",
                    "got",
                    "led",
                    "spoke",
                    "broke",
                    "became",
                    "brought",
                    "bought",
                    "sold",
                    "ran",
                    "wrote",
                    "drove",
                    "flew",
                    "hit",
                    "put",
                    "set",
                    "kept",
                    "found",
                    "paid",
                    "stood",
                    "chose",
                    "froze",
                    "rose",
                    "swore",
                    "thought",
                    "meant",
                    "knew",
                ],
            ) || (w.len() > 4 && w.to_ascii_lowercase().ends_with("ed"))
            {
                past = true;
            }
        }
        if past { Tense::Past } else { Tense::Unknown }
    }
}

/// Finds every expression in a sentence's tokens, left to right, longest first.
pub fn find_raw(text: &str, toks: &[Tok]) -> Vec<Found> {
    let sc = Scan { text, toks };
    let mut out = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        if let Some((first, next, raw)) = match_at(&sc, i) {
            let tense = sc.tense(first, next);
            let tense = match raw {
                Raw::Weekday { .. } if tense == Tense::Unknown => Tense::Past,
                _ => tense,
            };
            out.push(Found {
                start: sc.start(first),
                end: sc.end(next - 1),
                raw,
                tense,
            });
            i = next;
        } else {
            i += 1;
        }
    }
    out
}

/// Tries every rule at token i; returns the first token, the index after the
/// last token, and what was found.
fn match_at(sc: &Scan, i: usize) -> Option<(usize, usize, Raw)> {
    let w = sc.s(i);
    // modifiers that belong to the expression: early / mid / late
    if sc.is_word(i) && lower_in(w, &["early", "late", "mid"]) {
        let mut j = i + 1;
        if sc.punct(j, '-') {
            j += 1;
        }
        if let Some((_, next, raw)) = match_core(sc, j, true) {
            if matches!(
                raw,
                Raw::Calendar { day: None, .. } | Raw::Decade(_) | Raw::Century(_)
            ) || matches!(raw, Raw::Season { .. })
            {
                return Some((i, next, raw));
            }
        }
    }
    // last / next / this + weekday, month, season, unit
    if sc.is_word(i) && lower_in(w, &["last", "next", "this", "past", "coming", "previous"]) {
        let dir: i8 = match w.to_ascii_lowercase().as_str() {
            "last" | "past" | "previous" => -1,
            "next" | "coming" => 1,
            _ => 0,
        };
        if let Some(x) = relative_after(sc, i + 1, dir) {
            return Some((i, x.0, x.1));
        }
    }
    // "earlier this month", "later this year"
    if sc.is_word(i)
        && lower_in(w, &["earlier", "later"])
        && sc.word_is(i + 1, "this")
        && let Some(x) = relative_after(sc, i + 2, 0)
        && matches!(x.1, Raw::Units { .. })
    {
        return Some((i, x.0, x.1));
    }
    // "the 1990s", "the 20th century", "the third quarter"
    if sc.word_is(i, "the") {
        if let Some((_, next, raw)) = match_core(sc, i + 1, false) {
            if matches!(raw, Raw::Decade(_) | Raw::Century(_) | Raw::Quarter { .. }) {
                return Some((i + 1, next, raw));
            }
        }
    }
    // weekday, then maybe a full date: "Fri, October 1, 2021", "Sunday, March 21, 2021"
    if sc.is_word(i) && sc.capitalized(i) {
        if let Some((wd, abbr)) = weekday_of(w) {
            let mut j = i + 1;
            if sc.punct(j, '.') && abbr {
                j += 1;
            }
            if sc.punct(j, ',') {
                j += 1;
            }
            if let Some((_, next, raw @ Raw::Calendar { day: Some(_), .. })) =
                match_core(sc, j, false)
            {
                return Some((i, next, raw));
            }
            if !abbr {
                return Some((
                    i,
                    i + 1,
                    Raw::Weekday {
                        weekday: wd,
                        dir: None,
                    },
                ));
            }
        }
    }
    match_core(sc, i, false)
}

fn relative_after(sc: &Scan, j: usize, dir: i8) -> Option<(usize, Raw)> {
    let w = sc.s(j);
    if !sc.is_word(j) {
        return None;
    }
    if let Some((wd, false)) = weekday_of(w) {
        return Some((
            j + 1,
            Raw::Weekday {
                weekday: wd,
                dir: Some(dir),
            },
        ));
    }
    if let Some((m, next)) = sc.month(j) {
        // "last December": the most recent one before the reference
        let _ = next;
        return Some((
            j + 1 + usize::from(sc.punct(j + 1, '.')),
            Raw::Calendar {
                year: None,
                month: Some(m),
                day: None,
            },
        ));
    }
    if let Some(season) = season_of_word(w) {
        return Some((
            j + 1,
            Raw::Season {
                season,
                year: None,
                dir: Some(dir),
            },
        ));
    }
    let unit = match w.to_ascii_lowercase().as_str() {
        "week" | "weekend" => Unit::Week,
        "month" => Unit::Month,
        "year" => Unit::Year,
        "quarter" => Unit::Quarter,
        "decade" => Unit::Decade,
        "day" if dir != 0 => Unit::Day,
        _ => return None,
    };
    // "the past year" speaks of a duration, not a date
    if sc.word_is(j.wrapping_sub(1), "past") && j >= 2 && sc.word_is(j - 2, "the") {
        return None;
    }
    Some((
        j + 1,
        Raw::Units {
            unit,
            offset: dir as i32,
        },
    ))
}

fn season_of_word(w: &str) -> Option<Season> {
    Some(match w.to_ascii_lowercase().as_str() {
        "spring" => Season::Spring,
        "summer" => Season::Summer,
        "fall" | "autumn" => Season::Fall,
        "winter" => Season::Winter,
        _ => return None,
    })
}

/// The expressions that stand on their own (after any modifier).
fn match_core(sc: &Scan, i: usize, cued: bool) -> Option<(usize, usize, Raw)> {
    let w = sc.s(i);
    // Month-first: "October 1, 2021", "Nov. 24", "July 2016", "in July"
    if let Some((m, j)) = sc.month(i) {
        if let Some((d, k)) = sc.day(j) {
            let mut after = k;
            let mut y = None;
            let comma = sc.punct(after, ',');
            let yi = if comma { after + 1 } else { after };
            if let Some(year) = sc.year_digits(yi) {
                y = Some(year);
                after = yi + 1;
            }
            return Some((
                i,
                after,
                Raw::Calendar {
                    year: y,
                    month: Some(m),
                    day: Some(d),
                },
            ));
        }
        let yi = if sc.punct(j, ',') { j + 1 } else { j };
        if let Some(year) = sc.year_digits(yi) {
            return Some((
                i,
                yi + 1,
                Raw::Calendar {
                    year: Some(year),
                    month: Some(m),
                    day: None,
                },
            ));
        }
        // a month alone: "May" and "March" need a cue, being common words
        let ambiguous = m == 5 || m == 3;
        let prev = if i > 0 { sc.s(i - 1) } else { "" };
        let cue = cued
            || lower_in(
                prev,
                &[
                    "in", "since", "until", "till", "by", "from", "to", "of", "during", "through",
                    "before", "after", "last", "next", "this", "early", "late", "mid",
                ],
            );
        if (!ambiguous || cue) && !(ambiguous && sc.at_sentence_start(i)) {
            return Some((
                i,
                j,
                Raw::Calendar {
                    year: None,
                    month: Some(m),
                    day: None,
                },
            ));
        }
        return None;
    }
    // Day-first: "15 July 2016", "the 15th of July"
    if let Some((d, j)) = sc.day(i) {
        let j2 = if sc.word_is(j, "of") { j + 1 } else { j };
        if let Some((m, k)) = sc.month(j2) {
            let yi = if sc.punct(k, ',') { k + 1 } else { k };
            let year = sc.year_digits(yi);
            return Some((
                i,
                if year.is_some() { yi + 1 } else { k },
                Raw::Calendar {
                    year,
                    month: Some(m),
                    day: Some(d),
                },
            ));
        }
    }
    // ISO dates: 2016-07-15, 2016-07
    if sc.is_num(i)
        && w.len() == 4
        && sc.punct(i + 1, '-')
        && sc.glued(i + 1)
        && sc.is_num(i + 2)
        && sc.glued(i + 2)
        && sc.s(i + 2).len() == 2
    {
        let y: i32 = w.parse().ok()?;
        let m: u32 = sc.s(i + 2).parse().ok()?;
        if sc.punct(i + 3, '-')
            && sc.glued(i + 3)
            && sc.is_num(i + 4)
            && sc.glued(i + 4)
            && sc.s(i + 4).len() == 2
        {
            let d: u32 = sc.s(i + 4).parse().ok()?;
            return Some((
                i,
                i + 5,
                Raw::Calendar {
                    year: Some(y),
                    month: Some(m),
                    day: Some(d),
                },
            ));
        }
        if (1..=12).contains(&m) && !sc.is_num(i + 3) {
            return Some((
                i,
                i + 3,
                Raw::Calendar {
                    year: Some(y),
                    month: Some(m),
                    day: None,
                },
            ));
        }
    }
    // US numeric dates: 7/15/2016
    if sc.is_num(i)
        && sc.punct(i + 1, '/')
        && sc.glued(i + 1)
        && sc.is_num(i + 2)
        && sc.glued(i + 2)
        && sc.punct(i + 3, '/')
        && sc.glued(i + 3)
        && sc.is_num(i + 4)
        && sc.glued(i + 4)
        && sc.s(i + 4).len() == 4
    {
        let m: u32 = sc.s(i).parse().ok()?;
        let d: u32 = sc.s(i + 2).parse().ok()?;
        let y: i32 = sc.s(i + 4).parse().ok()?;
        if (1..=12).contains(&m) && (1..=31).contains(&d) {
            return Some((
                i,
                i + 5,
                Raw::Calendar {
                    year: Some(y),
                    month: Some(m),
                    day: Some(d),
                },
            ));
        }
    }
    // decades: "1990s", "the '90s"
    if sc.is_num(i) && w.len() == 4 && sc.word_is(i + 1, "s") && sc.glued(i + 1) && w.ends_with('0')
    {
        let y: i32 = w.parse().ok()?;
        if (1000..=2100).contains(&y) {
            return Some((i, i + 2, Raw::Decade(y / 10)));
        }
    }
    // centuries: "the 20th century", "the twentieth century"
    if sc.is_num(i)
        && w.len() <= 2
        && sc.is_word(i + 1)
        && sc.glued(i + 1)
        && lower_in(sc.s(i + 1), &["st", "nd", "rd", "th"])
        && sc.word_is(i + 2, "century")
    {
        let n: i32 = w.parse().ok()?;
        if (1..=30).contains(&n) {
            return Some((i, i + 3, Raw::Century(n - 1)));
        }
    }
    if sc.is_word(i) && sc.word_is(i + 1, "century") {
        if let Some(n) = ordinal_word(w) {
            return Some((i, i + 2, Raw::Century(n as i32 - 1)));
        }
    }
    // quarters: "the third quarter [of 1998]", "Q3 1998"
    if sc.is_word(i) && sc.word_is(i + 1, "quarter") {
        if let Some(q) = ordinal_word(w).filter(|q| (1..=4).contains(q)) {
            let (year, next) = year_after_of(sc, i + 2);
            return Some((
                i,
                next,
                Raw::Quarter {
                    quarter: q as u8,
                    year,
                    dir: None,
                },
            ));
        }
    }
    if sc.is_word(i) && w.len() == 2 && (w.starts_with('Q') || w.starts_with('q')) {
        if let Some(q) = w[1..].parse::<u8>().ok().filter(|q| (1..=4).contains(q)) {
            let (year, next) = match sc.year_digits(i + 1) {
                Some(y) => (Some(y), i + 2),
                None => (None, i + 1),
            };
            return Some((
                i,
                next,
                Raw::Quarter {
                    quarter: q,
                    year,
                    dir: None,
                },
            ));
        }
    }
    // seasons with a year: "summer 1998", "the fall of 1998"
    if sc.is_word(i) {
        if let Some(season) = season_of_word(w) {
            let (year, next) = year_after_of(sc, i + 1);
            if year.is_some() {
                return Some((
                    i,
                    next,
                    Raw::Season {
                        season,
                        year,
                        dir: None,
                    },
                ));
            }
        }
    }
    // relative days
    if sc.is_word(i) {
        let lw = w.to_ascii_lowercase();
        match lw.as_str() {
            "today" | "tonight" => return Some((i, i + 1, Raw::Days(0))),
            "yesterday" => return Some((i, i + 1, Raw::Days(-1))),
            "tomorrow" => return Some((i, i + 1, Raw::Days(1))),
            "now" | "currently" | "nowadays" => {
                return Some((i, i + 1, Raw::Ref(RefKind::Present)));
            }
            "recently" => return Some((i, i + 1, Raw::Ref(RefKind::Past))),
            _ => {}
        }
        if lower_in(w, &["past", "future"])
            && i > 0
            && sc.word_is(i - 1, "the")
            && i > 1
            && sc.word_is(i - 2, "in")
        {
            let k = if lw == "past" {
                RefKind::Past
            } else {
                RefKind::Future
            };
            return Some((i - 1, i + 1, Raw::Ref(k)));
        }
    }
    // "three years ago", "two days ago"
    let count = sc.num(i).map(|n| n as i64).or_else(|| number_word(w));
    if let Some(n) = count {
        let unit_word = sc.s(i + 1).to_ascii_lowercase();
        let unit = match unit_word.trim_end_matches('s') {
            "day" => Some(Unit::Day),
            "week" => Some(Unit::Week),
            "month" => Some(Unit::Month),
            "year" => Some(Unit::Year),
            "decade" => Some(Unit::Decade),
            _ => None,
        };
        if let Some(unit) = unit {
            if sc.word_is(i + 2, "ago") && n < 10_000 {
                let (unit, n) = match unit {
                    Unit::Day => return Some((i, i + 3, Raw::Days(-n))),
                    Unit::Decade => (Unit::Year, n * 10),
                    u => (u, n),
                };
                return Some((
                    i,
                    i + 3,
                    Raw::Units {
                        unit,
                        offset: -(n as i32),
                    },
                ));
            }
        }
    }
    // a bare year: "in 2017", "since 2017", "the 2016 election", "1915"
    if let Some(y) = sc.year(i, cued) {
        return Some((
            i,
            i + 1,
            Raw::Calendar {
                year: Some(y),
                month: None,
                day: None,
            },
        ));
    }
    None
}

/// A year right after i, possibly after "of": returns it and the index after.
fn year_after_of(sc: &Scan, i: usize) -> (Option<i32>, usize) {
    let j = if sc.word_is(i, "of") { i + 1 } else { i };
    match sc.year_digits(j) {
        Some(y) => (Some(y), j + 1),
        None => (None, i),
    }
}
