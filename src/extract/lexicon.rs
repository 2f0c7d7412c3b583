//! The words the rules care about, looked up once per token.
//!
//! Every word token is lower-cased into a stack buffer and looked up in one hash
//! table that gives its role (month, weekday, unit, number word...) and a set of
//! flags (counts things, marks the past, marks the future...). Words the table
//! does not hold cost one hash and one probe.

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

fn build() -> HashMap<&'static [u8], Info> {
    let mut t: HashMap<&'static [u8], Info> = HashMap::new();
    let mut add = |words: &[&'static str], lex: Lex, flags: u16| {
        for w in words {
            let e = t.entry(w.as_bytes()).or_default();
            if lex != Lex::None {
                e.lex = lex;
            }
            e.flags |= flags;
        }
    };
    const MONTHS: [&str; 12] = [
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
    for (i, m) in MONTHS.iter().enumerate() {
        add(&[m], Lex::Month(i as u8 + 1), 0);
    }
    for (w, m) in [
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
    ] {
        add(&[w], Lex::Month(m), ABBR);
    }
    const DAYS: [&str; 7] = [
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
    ];
    for (i, d) in DAYS.iter().enumerate() {
        add(&[d], Lex::Weekday(i as u8), 0);
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
        add(&[w], Lex::Weekday(d), ABBR);
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
        add(&[sing], Lex::Unit(u), 0);
        add(&[plural], Lex::Unit(u), PLURAL);
    }
    add(&["min", "mins"], Lex::Unit(Unit::Minute), PLURAL);
    add(&["hr", "hrs"], Lex::Unit(Unit::Hour), PLURAL);
    add(&["yr", "yrs"], Lex::Unit(Unit::Year), PLURAL);
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
        add(&[w], Lex::Number(n), 0);
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
            add(&[w], Lex::Ordinal(n), 0);
        }
    }
    add(&["spring"], Lex::Season(Season::Spring), 0);
    add(&["summer"], Lex::Season(Season::Summer), 0);
    add(&["fall", "autumn"], Lex::Season(Season::Fall), 0);
    add(&["winter"], Lex::Season(Season::Winter), 0);
    add(&["morning"], Lex::Part(DayPart::Morning), 0);
    add(&["afternoon"], Lex::Part(DayPart::Afternoon), 0);
    add(&["evening"], Lex::Part(DayPart::Evening), 0);
    add(&["night"], Lex::Part(DayPart::Night), 0);
    for (w, h) in [
        ("christmas", Holiday::Christmas),
        ("xmas", Holiday::Christmas),
        ("easter", Holiday::Easter),
        ("thanksgiving", Holiday::Thanksgiving),
        ("halloween", Holiday::Halloween),
    ] {
        add(&[w], Lex::Holiday(h), 0);
    }
    let kws: &[(&[&'static str], Kw)] = &[
        (&["a", "an"], Kw::A),
        (&["the"], Kw::The),
        (&["this"], Kw::This),
        (&["that"], Kw::That),
        (&["last"], Kw::Last),
        (&["next"], Kw::Next),
        (&["past"], Kw::Past),
        (&["coming", "upcoming"], Kw::Coming),
        (&["previous", "preceding", "prior"], Kw::Previous),
        (&["following", "subsequent"], Kw::Following),
        (&["same"], Kw::Same),
        (&["early"], Kw::Early),
        (&["earlier"], Kw::Earlier),
        (&["late"], Kw::Late),
        (&["later"], Kw::Later),
        (&["mid"], Kw::Mid),
        (&["middle"], Kw::Middle),
        (&["end"], Kw::End),
        (&["beginning", "start", "outset"], Kw::Start),
        (&["of"], Kw::Of),
        (&["in"], Kw::In),
        (&["on"], Kw::On),
        (&["at"], Kw::At),
        (&["since"], Kw::Since),
        (&["until", "till", "til", "untill"], Kw::Until),
        (&["by"], Kw::By),
        (&["from"], Kw::From),
        (&["to"], Kw::To),
        (&["through", "thru", "throughout"], Kw::Through),
        (&["between"], Kw::Between),
        (&["and"], Kw::And),
        (&["or"], Kw::Or),
        (&["ago"], Kw::Ago),
        (&["before"], Kw::Before),
        (&["after"], Kw::After),
        (&["today"], Kw::Today),
        (&["tonight"], Kw::Tonight),
        (&["yesterday"], Kw::Yesterday),
        (&["tomorrow"], Kw::Tomorrow),
        (&["now"], Kw::Now),
        (&["currently"], Kw::Currently),
        (&["nowadays"], Kw::Nowadays),
        (&["recently", "lately"], Kw::Recently),
        (&["future"], Kw::Future),
        (&["fiscal"], Kw::Fiscal),
        (&["fy"], Kw::Fy),
        (&["every"], Kw::Every),
        (&["each"], Kw::Each),
        (&["per"], Kw::Per),
        (&["daily"], Kw::Daily),
        (&["weekly"], Kw::Weekly),
        (&["monthly"], Kw::Monthly),
        (&["annually", "yearly", "annual"], Kw::Annually),
        (&["quarterly"], Kw::Quarterly),
        (&["hourly"], Kw::Hourly),
        (&["nightly"], Kw::Nightly),
        (&["am"], Kw::Am),
        (&["pm"], Kw::Pm),
        (&["noon"], Kw::Noon),
        (&["midnight"], Kw::Midnight),
        (&["midday"], Kw::Midday),
        (&["half"], Kw::Half),
        (&["few"], Kw::Few),
        (&["several"], Kw::Several),
        (&["many"], Kw::Many),
        (&["some"], Kw::Some),
        (&["couple"], Kw::Couple),
        (&["more"], Kw::More),
        (&["less", "fewer"], Kw::Less),
        (&["than"], Kw::Than),
        (&["about", "approximately", "roughly"], Kw::About),
        (&["nearly"], Kw::Nearly),
        (&["almost"], Kw::Almost),
        (&["around"], Kw::Around),
        (&["over"], Kw::Over),
        (&["under"], Kw::Under),
        (&["least"], Kw::Least),
        (&["most"], Kw::Most),
        (&["another", "further", "additional"], Kw::Another),
        (&["old"], Kw::Old),
        (&["within"], Kw::Within),
        (&["for"], Kw::For),
        (&["during"], Kw::During),
        (&["post"], Kw::Post),
        (&["pre"], Kw::Pre),
        (&["as"], Kw::As),
        (&["soon"], Kw::Soon),
        (&["up"], Kw::Up),
        (&["just"], Kw::Just),
        (&["only"], Kw::Only),
        (&["eve"], Kw::Eve),
        (&["times"], Kw::Times),
        (&["twice", "thrice"], Kw::Twice),
        (&["gmt", "utc"], Kw::Gmt),
        (
            &[
                "est", "edt", "cst", "cdt", "mst", "mdt", "pst", "pdt", "bst", "cet", "cest",
            ],
            Kw::Zone,
        ),
        (&["long"], Kw::Long),
        (&["other"], Kw::Other),
        (&["dozen"], Kw::Dozen),
        (&["once"], Kw::Once),
    ];
    for (words, kw) in kws {
        add(words, Lex::Kw(*kw), 0);
    }
    // words after a number that show it counts things or measures them
    add(
        &[
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
            "dlrs",
            "euros",
            "yen",
            "yuan",
            "pesos",
            "rubles",
            "roubles",
            "liras",
            "lira",
            "rupees",
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
            "demonstrators",
            "fighters",
            "militants",
            "rebels",
            "civilians",
            "vehicles",
            "cars",
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
            "trillion",
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
            "bc",
            "bce",
            "ce",
            "cc",
            "mm",
            "cm",
            "rounds",
            "troopers",
            "passengers",
            "pilgrims",
            "visitors",
            "tourists",
            "participants",
            "attendees",
            "fans",
            "spectators",
            "runners",
            "stores",
            "schools",
            "companies",
            "firms",
            "villages",
            "towns",
            "sites",
            "hours'",
            "hostages",
            "victims",
            "bodies",
            "graves",
            "arrests",
            "arrested",
            "deported",
            "evacuated",
            "displaced",
            "strong",
            "more",
            "others",
            "x",
            "hp",
            "rpm",
            "kw",
            "kwh",
            "mph",
            "kph",
            "gb",
            "mb",
        ],
        Lex::None,
        COUNT,
    );
    // words before a number that show it is a quantity or an identifier
    add(
        &[
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
            "wounding",
            "estimated",
            "hours",
            "hrs",
            "box",
            "unit",
            "lot",
            "gate",
            "bus",
            "train",
            "platform",
            "channel",
            "district",
            "precinct",
            "item",
            "file",
            "case",
            "bill",
            "act",
            "law",
            "amendment",
            "paragraph",
            "clause",
            "protocol",
            "rule",
            "step",
            "exit",
            "street",
            "avenue",
            "road",
            "st",
            "ave",
            "rd",
            "blvd",
            "building",
            "floor",
            "seat",
            "row",
            "mile",
            "km",
            "ward",
            "cell",
            "block",
            "plot",
            "tower",
            "pier",
            "berth",
            "dock",
            "hangar",
            "runway",
            "engine",
            "squadron",
            "division",
            "brigade",
            "battalion",
            "regiment",
            "corps",
            "fleet",
            "convoy",
            "catalog",
            "catalogue",
            "serial",
            "id",
            "pin",
            "reg",
            "series",
            "class",
            "type",
            "mark",
            "mk",
            "issue",
            "volume",
            "vol",
            "no",
            "nos",
            "num",
            "ref",
            "patent",
            "form",
            "grade",
            "size",
            "caliber",
            "calibre",
        ],
        Lex::None,
        QUANTITY,
    );
    // words before a bare number that make it a year
    add(
        &[
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
            "post",
            "pre",
            "its",
            "his",
            "her",
            "their",
            "our",
            "election",
            "elections",
            "class",
            "vintage",
        ],
        Lex::None,
        YEAR_CUE,
    );
    add(
        &[
            "was",
            "were",
            "had",
            "did",
            "said",
            "told",
            "came",
            "went",
            "met",
            "began",
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
            "heard",
            "felt",
            "sought",
            "taught",
            "caught",
            "built",
            "spent",
            "fled",
            "drew",
            "grew",
            "threw",
            "blew",
            "ate",
            "wore",
            "tore",
            "woke",
            "arose",
            "forgot",
            "hid",
            "shook",
            "withdrew",
            "overthrew",
            "sank",
            "sang",
            "rang",
            "swam",
            "stole",
            "rode",
            "dug",
            "stuck",
            "hung",
            "swung",
            "sat",
            "laid",
            "lay",
            "slid",
            "sprang",
            "fed",
            "bled",
            "lent",
            "slept",
            "wept",
            "meant",
            "dealt",
            "undertook",
            "overtook",
            "mistook",
            "forbade",
            "foresaw",
            "oversaw",
            "underwent",
            "upheld",
            "withheld",
            "beheld",
            "won",
            "wasn",
            "weren",
            "hadn",
            "didn",
            "ago",
            "announced",
            "resigned",
        ],
        Lex::None,
        PAST,
    );
    add(
        &[
            "was", "were", "is", "are", "be", "been", "being", "am", "s", "get", "got", "gets",
        ],
        Lex::None,
        BE,
    );
    add(
        &["has", "have", "had", "having", "ve", "d"],
        Lex::None,
        HAVE,
    );
    add(
        &[
            "is",
            "are",
            "am",
            "says",
            "say",
            "has",
            "have",
            "does",
            "do",
            "isn",
            "aren",
            "doesn",
            "don",
            "remains",
            "continues",
            "seems",
            "appears",
            "plans",
            "wants",
            "needs",
            "hopes",
        ],
        Lex::None,
        PRESENT,
    );
    add(
        &[
            "will",
            "shall",
            "ll",
            "scheduled",
            "slated",
            "planning",
            "upcoming",
            "intends",
            "intend",
            "tomorrow",
            "forthcoming",
            "pending",
        ],
        Lex::None,
        FUTURE,
    );
    add(
        &[
            "plans",
            "plan",
            "expected",
            "expects",
            "expect",
            "due",
            "set",
            "going",
            "aims",
            "hopes",
            "hope",
            "wants",
            "preparing",
            "ready",
            "about",
        ],
        Lex::None,
        FUTURE_TO,
    );
    add(
        &[
            "plan",
            "plans",
            "planned",
            "planning",
            "agree",
            "agrees",
            "agreed",
            "expect",
            "expects",
            "expected",
            "schedule",
            "scheduled",
            "intend",
            "intends",
            "intended",
            "prepare",
            "prepares",
            "prepared",
            "preparing",
            "decide",
            "decides",
            "decided",
            "promise",
            "promises",
            "promised",
            "vow",
            "vows",
            "vowed",
            "pledge",
            "pledges",
            "pledged",
            "threaten",
            "threatens",
            "threatened",
            "hope",
            "hopes",
            "hoped",
            "want",
            "wants",
            "wanted",
            "aim",
            "aims",
            "aimed",
            "set",
            "due",
            "going",
            "about",
            "ready",
            "likely",
            "slated",
            "poised",
            "seek",
            "seeks",
            "sought",
            "asked",
            "urged",
            "invited",
        ],
        Lex::None,
        INTENT,
    );
    add(
        &[
            "would", "could", "should", "must", "can", "might", "may", "ought", "cannot", "wouldn",
            "couldn", "shouldn", "mustn",
        ],
        Lex::None,
        MODAL,
    );
    add(
        &[
            "the", "a", "an", "this", "these", "those", "his", "her", "its", "their", "our", "my",
            "your", "whose", "each", "every", "no", "some", "any",
        ],
        Lex::None,
        DET,
    );
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
