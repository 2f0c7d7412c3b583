//! Calendar words: months, weekdays, units of time, number and ordinal words,
//! seasons, parts of the day and the holidays that have a word of their own.

use super::{ABBR, DayPart, Holiday, Lex, PLURAL, Unit, Words};
use crate::model::Season;

/// The months, in order, as the lexicon reads them (lower case).
pub const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// The abbreviations of month names the lexicon reads, with the month (1 to
/// 12) each stands for.
pub const MONTH_ABBREVIATIONS: [(&str, u8); 12] = [
    ("jan", 1),
    ("feb", 2),
    ("mar", 3),
    ("apr", 4),
    ("jun", 6),
    ("jul", 7),
    ("aug", 8),
    ("sep", 9),
    ("sept", 9),
    ("oct", 10),
    ("nov", 11),
    ("dec", 12),
];

/// The weekdays, Monday first, as the lexicon reads them (lower case).
pub const WEEKDAYS: [&str; 7] = [
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

pub(super) fn add(t: &mut Words) {
    for (i, m) in MONTHS.iter().enumerate() {
        t.add(&[m], Lex::Month(i as u8 + 1), 0);
    }
    for &(w, m) in MONTH_ABBREVIATIONS.iter() {
        t.add(&[w], Lex::Month(m), ABBR);
    }
    for (i, d) in WEEKDAYS.iter().enumerate() {
        t.add(&[d], Lex::Weekday(i as u8), 0);
    }
    for (w, d) in [
        ("mon", 0),
        ("tue", 1),
        ("tues", 1),
        ("wed", 2),
        ("thu", 3),
        ("thur", 3),
        ("thurs", 3),
        ("fri", 4),
        ("sat", 5),
        ("sun", 6),
    ] {
        t.add(&[w], Lex::Weekday(d), ABBR);
    }
    for (sing, plural, u) in [
        ("second", "seconds", Unit::Second),
        ("minute", "minutes", Unit::Minute),
        ("hour", "hours", Unit::Hour),
        ("day", "days", Unit::Day),
        ("weekend", "weekends", Unit::Weekend),
        ("week", "weeks", Unit::Week),
        ("fortnight", "fortnights", Unit::Fortnight),
        ("month", "months", Unit::Month),
        ("quarter", "quarters", Unit::Quarter),
        ("year", "years", Unit::Year),
        ("decade", "decades", Unit::Decade),
        ("century", "centuries", Unit::Century),
    ] {
        t.add(&[sing], Lex::Unit(u), 0);
        t.add(&[plural], Lex::Unit(u), PLURAL);
    }
    t.add(&["min", "mins"], Lex::Unit(Unit::Minute), PLURAL);
    t.add(&["hr", "hrs"], Lex::Unit(Unit::Hour), PLURAL);
    t.add(&["yr", "yrs"], Lex::Unit(Unit::Year), PLURAL);
    for (w, n) in [
        ("one", 1),
        ("two", 2),
        ("three", 3),
        ("four", 4),
        ("five", 5),
        ("six", 6),
        ("seven", 7),
        ("eight", 8),
        ("nine", 9),
        ("ten", 10),
        ("eleven", 11),
        ("twelve", 12),
        ("thirteen", 13),
        ("fourteen", 14),
        ("fifteen", 15),
        ("sixteen", 16),
        ("seventeen", 17),
        ("eighteen", 18),
        ("nineteen", 19),
        ("twenty", 20),
        ("thirty", 30),
        ("forty", 40),
        ("fifty", 50),
        ("sixty", 60),
        ("seventy", 70),
        ("eighty", 80),
        ("ninety", 90),
        ("hundred", 100),
        ("thousand", 1000),
    ] {
        t.add(&[w], Lex::Number(n), 0);
    }
    for (w, n) in [
        ("first", 1),
        ("second", 2),
        ("third", 3),
        ("fourth", 4),
        ("fifth", 5),
        ("sixth", 6),
        ("seventh", 7),
        ("eighth", 8),
        ("ninth", 9),
        ("tenth", 10),
        ("eleventh", 11),
        ("twelfth", 12),
        ("thirteenth", 13),
        ("fourteenth", 14),
        ("fifteenth", 15),
        ("sixteenth", 16),
        ("seventeenth", 17),
        ("eighteenth", 18),
        ("nineteenth", 19),
        ("twentieth", 20),
        ("thirtieth", 30),
    ] {
        // "second" stays a unit; rules ask for its ordinal reading explicitly
        if w != "second" {
            t.add(&[w], Lex::Ordinal(n), 0);
        }
    }
    t.add(&["spring"], Lex::Season(Season::Spring), 0);
    t.add(&["summer"], Lex::Season(Season::Summer), 0);
    t.add(&["fall", "autumn"], Lex::Season(Season::Fall), 0);
    t.add(&["winter"], Lex::Season(Season::Winter), 0);
    t.add(&["morning"], Lex::Part(DayPart::Morning), 0);
    t.add(&["afternoon"], Lex::Part(DayPart::Afternoon), 0);
    t.add(&["evening"], Lex::Part(DayPart::Evening), 0);
    t.add(&["night"], Lex::Part(DayPart::Night), 0);
    for (w, h) in [
        ("christmas", Holiday::Christmas),
        ("xmas", Holiday::Christmas),
        ("easter", Holiday::Easter),
        ("thanksgiving", Holiday::Thanksgiving),
        ("halloween", Holiday::Halloween),
    ] {
        t.add(&[w], Lex::Holiday(h), 0);
    }
}
