//! The words the rules care about, looked up once per token.
//!
//! Every word token is lower-cased into a stack buffer and looked up in one hash
//! table that gives its role (month, weekday, unit, number word...) and a set of
//! flags (counts things, marks the past, marks the future...). Words the table
//! does not hold cost one hash and one probe.

mod calendar;
mod cues;
mod keywords;

pub use calendar::{MONTH_ABBREVIATIONS, MONTHS, WEEKDAYS};

use std::collections::HashMap;
use std::sync::OnceLock;

use crate::model::Season;

/// A unit of time as words name it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Unit {
    Second,
    Minute,
    Hour,
    Day,
    Weekend,
    Week,
    Fortnight,
    Month,
    Quarter,
    Year,
    Decade,
    Century,
}

/// A part of the day, as TimeML writes it after a date (`1998-08-07TNI`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DayPart {
    Morning,
    Afternoon,
    Evening,
    Night,
}

impl DayPart {
    pub fn code(self) -> &'static str {
        match self {
            DayPart::Morning => "MO",
            DayPart::Afternoon => "AF",
            DayPart::Evening => "EV",
            DayPart::Night => "NI",
        }
    }
}

/// Holidays whose date a rule can compute.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Holiday {
    Christmas,
    ChristmasEve,
    NewYear,
    NewYearsEve,
    Easter,
    GoodFriday,
    Thanksgiving,
    ElectionDay,
    MemorialDay,
    LaborDay,
    VeteransDay,
    Halloween,
    Valentines,
    MlkDay,
    PresidentsDay,
    ColumbusDay,
    BoxingDay,
    MayDay,
}

/// Function words and cue words that rules test for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kw {
    A,
    The,
    This,
    That,
    Last,
    Next,
    Past,
    Coming,
    Previous,
    Following,
    Same,
    Early,
    Earlier,
    Late,
    Later,
    Mid,
    Middle,
    Start,
    End,
    Of,
    In,
    On,
    At,
    Since,
    Until,
    By,
    From,
    To,
    Through,
    Between,
    And,
    Or,
    Ago,
    Before,
    After,
    Today,
    Tonight,
    Yesterday,
    Tomorrow,
    Now,
    Currently,
    Nowadays,
    Recently,
    Future,
    Fiscal,
    Fy,
    Every,
    Each,
    Per,
    Daily,
    Weekly,
    Monthly,
    Annually,
    Quarterly,
    Hourly,
    Nightly,
    Am,
    Pm,
    Noon,
    Midnight,
    Midday,
    Half,
    Few,
    Several,
    Many,
    Some,
    Couple,
    More,
    Less,
    Than,
    About,
    Nearly,
    Almost,
    Around,
    Over,
    Under,
    Least,
    Most,
    Another,
    Old,
    Within,
    For,
    During,
    Post,
    Pre,
    As,
    Soon,
    Up,
    Just,
    Only,
    Eve,
    Times,
    Twice,
    Gmt,
    Zone,
    Long,
    Other,
    Dozen,
    Once,
    Current,
    Recent,
    Latest,
}

/// What a word is to the rules.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lex {
    #[default]
    None,
    /// A month, 1-12.
    Month(u8),
    /// A weekday, 0 = Monday.
    Weekday(u8),
    Unit(Unit),
    /// A cardinal number word: "three", "twenty", "hundred".
    Number(u16),
    /// An ordinal word: "third", "twentieth".
    Ordinal(u8),
    Season(Season),
    Part(DayPart),
    Holiday(Holiday),
    Kw(Kw),
}

/// The word is an abbreviation ("Aug", "Tue").
pub const ABBR: u16 = 1;
/// A plural unit ("days").
pub const PLURAL: u16 = 1 << 1;
/// After a number, the word shows the number counts things ("2000 injured").
pub const COUNT: u16 = 1 << 2;
/// Before a number, the word shows a quantity or an identifier ("than 2000").
pub const QUANTITY: u16 = 1 << 3;
/// Before a bare number, the word makes it a year ("in 1998").
pub const YEAR_CUE: u16 = 1 << 4;
/// A verb form or auxiliary of the past ("was", "said").
pub const PAST: u16 = 1 << 5;
/// A marker of the future ("will", "scheduled").
pub const FUTURE: u16 = 1 << 6;
/// A present-tense verb or auxiliary ("is", "says").
pub const PRESENT: u16 = 1 << 7;
/// A form of "be" that may carry a passive participle.
pub const BE: u16 = 1 << 8;
/// A form of "have" that may carry a perfect participle.
pub const HAVE: u16 = 1 << 9;
/// A modal verb ("would", "must", "could").
pub const MODAL: u16 = 1 << 10;
/// A future marker only when "to" follows ("plans to", "expected to").
pub const FUTURE_TO: u16 = 1 << 11;
/// A determiner or possessive: the word after it is not a verb.
pub const DET: u16 = 1 << 12;
/// A word ending in "-ed" that the table does not know: a past tense or a participle.
pub const ED: u16 = 1 << 13;
/// A verb of intent: an infinitive after it points ahead ("planned to leave").
pub const INTENT: u16 = 1 << 14;

/// A word's role and flags.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Info {
    pub lex: Lex,
    pub flags: u16,
}

impl Info {
    pub fn has(&self, flag: u16) -> bool {
        self.flags & flag != 0
    }
}

/// Longest word the table holds; longer words are never looked up.
const MAX_WORD: usize = 16;

/// A word as a key: its bytes, lower case, zero-padded to 16, and its length.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
struct Key {
    bytes: [u64; 2],
    len: u8,
}

impl Key {
    /// The key of an ASCII-letter word of at most `MAX_WORD` bytes.
    fn of(word: &[u8]) -> Key {
        // little-endian words built byte by byte (a copy through a stack buffer
        // would stall the loads that follow it)
        let mut lo = 0u64;
        let mut hi = 0u64;
        for (k, &c) in word.iter().enumerate() {
            if k < 8 {
                lo |= (c as u64) << (8 * k);
            } else {
                hi |= (c as u64) << (8 * (k - 8));
            }
        }
        // letters only: setting bit 5 of every byte lowers the case, and the
        // padding stays zero once masked
        let mask = |n: usize| {
            if n >= 8 {
                u64::MAX
            } else {
                (1u64 << (8 * n)) - 1
            }
        };
        let n = word.len();
        Key {
            bytes: [
                (lo | 0x2020_2020_2020_2020) & mask(n),
                (hi | 0x2020_2020_2020_2020) & mask(n.saturating_sub(8)),
            ],
            len: n as u8,
        }
    }

    fn hash(&self) -> usize {
        let h = (self.bytes[0] ^ ((self.len as u64) << 59)).wrapping_mul(0x9e37_79b9_7f4a_7c15)
            ^ self.bytes[1].wrapping_mul(0xc2b2_ae3d_27d4_eb4f);
        (h ^ (h >> 31)) as usize
    }
}

/// An open-addressing table from word keys to what the rules know of them.
struct Table {
    slots: Vec<(Key, Info)>,
    mask: usize,
}

impl Table {
    fn get(&self, key: &Key) -> Option<Info> {
        let mut i = key.hash() & self.mask;
        loop {
            let (k, info) = &self.slots[i];
            if k.len == 0 {
                return None;
            }
            if k == key {
                return Some(*info);
            }
            i = (i + 1) & self.mask;
        }
    }

    fn from_entries(entries: &HashMap<&'static [u8], Info>) -> Table {
        let size = (entries.len() * 2).next_power_of_two().max(16);
        let mut t = Table {
            slots: vec![(Key::default(), Info::default()); size],
            mask: size - 1,
        };
        for (word, info) in entries {
            if word.is_empty() || word.len() > MAX_WORD {
                continue;
            }
            let key = Key::of(word);
            let mut i = key.hash() & t.mask;
            while t.slots[i].0.len != 0 {
                i = (i + 1) & t.mask;
            }
            t.slots[i] = (key, *info);
        }
        t
    }
}

fn table() -> &'static Table {
    static TABLE: OnceLock<Table> = OnceLock::new();
    TABLE.get_or_init(|| Table::from_entries(&build()))
}

/// The role and flags of a word of ASCII letters (any case). Words the rules
/// do not know get `Lex::None`, with the `ED` flag when they end in "-ed".
pub fn lookup(word: &str) -> Info {
    let b = word.as_bytes();
    if b.is_empty() || !b.iter().all(u8::is_ascii_alphabetic) {
        return Info::default();
    }
    if b.len() <= MAX_WORD {
        if let Some(i) = table().get(&Key::of(b)) {
            return i;
        }
    }
    let n = b.len();
    if n > 4 && b[n - 1].eq_ignore_ascii_case(&b'd') && b[n - 2].eq_ignore_ascii_case(&b'e') {
        return Info {
            lex: Lex::None,
            flags: ED,
        };
    }
    Info::default()
}

/// The word lists, family by family, gathered into one map.
pub(super) struct Words(HashMap<&'static [u8], Info>);

impl Words {
    /// Gives each word the role `lex` (unless `Lex::None`) and adds `flags`.
    pub(super) fn add(&mut self, words: &[&'static str], lex: Lex, flags: u16) {
        for w in words {
            let e = self.0.entry(w.as_bytes()).or_default();
            if lex != Lex::None {
                e.lex = lex;
            }
            e.flags |= flags;
        }
    }
}

fn build() -> HashMap<&'static [u8], Info> {
    let mut w = Words(HashMap::new());
    calendar::add(&mut w);
    keywords::add(&mut w);
    cues::add(&mut w);
    let mut t = w.0;
    // words the table holds for other reasons keep the "-ed" reading of verbs
    // ("killed", "injured", "scheduled"), except those that only look like one
    const NOT_ED: &[&str] = &[
        "indeed", "proceed", "exceed", "succeed", "hundred", "sacred", "naked", "wicked", "speed",
        "breed", "embed", "kindred", "need", "seed", "feed",
    ];
    for (w, info) in t.iter_mut() {
        if w.len() > 4 && w.ends_with(b"ed") && !NOT_ED.iter().any(|n| n.as_bytes() == *w) {
            info.flags |= ED;
        }
    }
    for n in NOT_ED {
        t.entry(n.as_bytes()).or_default();
    }
    t
}

/// Every role the table gives a word, for tests that check each has a rule.
#[cfg(test)]
pub(crate) fn roles() -> Vec<Lex> {
    let mut roles: Vec<Lex> = Vec::new();
    for info in build().values() {
        if !roles.contains(&info.lex) {
            roles.push(info.lex);
        }
    }
    roles
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_words_in_any_case() {
        assert_eq!(lookup("AUG").lex, Lex::Month(8));
        assert!(lookup("Aug").has(ABBR));
        assert_eq!(lookup("Thursday").lex, Lex::Weekday(3));
        assert_eq!(lookup("weeks").lex, Lex::Unit(Unit::Week));
        assert!(lookup("weeks").has(PLURAL));
        assert!(lookup("was").has(PAST) && lookup("was").has(BE));
        assert_eq!(lookup("Twenty").lex, Lex::Number(20));
        assert_eq!(lookup("ninth").lex, Lex::Ordinal(9));
        assert_eq!(lookup("xylophone"), Info::default());
        assert!(lookup("bombed").has(ED));
        assert!(!lookup("bed").has(ED));
        assert_eq!(lookup("extraordinarily-long-word").lex, Lex::None);
    }
}
