//! A deterministic generator of realistic catalogs and articles, for benchmarks
//! and scale tests. The same seed gives the same bytes.
#![allow(dead_code)]

use rand::Rng;
use rand::SeedableRng;
use rand::seq::IndexedRandom;
use rand_chacha::ChaCha8Rng;

use annals::model::{DateValue, Event, Names, Origin};

const COUNTRIES: &[(&str, &str, &str)] = &[
    ("TR", "Turkey", "Turkish"),
    ("RU", "Russia", "Russian"),
    ("US", "United States", "American"),
    ("IR", "Iran", "Iranian"),
    ("SY", "Syria", "Syrian"),
    ("IQ", "Iraq", "Iraqi"),
    ("IL", "Israel", "Israeli"),
    ("AM", "Armenia", "Armenian"),
    ("AZ", "Azerbaijan", "Azerbaijani"),
    ("GR", "Greece", "Greek"),
    ("FR", "France", "French"),
    ("DE", "Germany", "German"),
    ("GB", "United Kingdom", "British"),
    ("CN", "China", "Chinese"),
    ("UA", "Ukraine", "Ukrainian"),
    ("EG", "Egypt", "Egyptian"),
    ("SA", "Saudi Arabia", "Saudi"),
    ("LY", "Libya", "Libyan"),
    ("QA", "Qatar", "Qatari"),
    ("IN", "India", "Indian"),
    ("PK", "Pakistan", "Pakistani"),
    ("JP", "Japan", "Japanese"),
    ("BR", "Brazil", "Brazilian"),
    ("NATO", "NATO", "allied"),
    ("EU", "European Union", "European"),
];

const TAGS: &[&str] = &[
    "diplomacy",
    "military",
    "sanctions",
    "energy",
    "trade",
    "election",
    "summit",
    "ceasefire",
    "protest",
    "coup",
    "treaty",
    "s-400",
    "f-35",
    "refugees",
    "terrorism",
    "nuclear",
    "pipeline",
    "border",
    "espionage",
    "economy",
    "court",
    "media",
];

const FIRST: &[&str] = &[
    "Ahmet", "Olga", "James", "Maryam", "Yusuf", "Elena", "Robert", "Leyla", "Hakan", "Sergei",
    "Anna", "Mehmet", "Ivan", "Sarah", "Ali", "Nikos", "Claire", "Wei", "Ravi",
];
const LAST: &[&str] = &[
    "Yilmaz",
    "Petrova",
    "Carter",
    "Hosseini",
    "Demir",
    "Ivanova",
    "Miller",
    "Aliyeva",
    "Kaya",
    "Lavrov",
    "Schmidt",
    "Ozturk",
    "Smirnov",
    "Davies",
    "Rahimi",
    "Papadakis",
    "Martin",
    "Zhang",
    "Sharma",
];

const VERBS: &[&str] = &[
    "sign",
    "reject",
    "announce",
    "suspend",
    "extend",
    "negotiate",
    "condemn",
    "approve",
    "review",
    "cancel",
    "expand",
    "renew",
    "debate",
    "ratify",
    "freeze",
];
const THINGS: &[&str] = &[
    "arms deal",
    "gas agreement",
    "trade pact",
    "border accord",
    "sanctions package",
    "security memorandum",
    "nuclear talks",
    "ceasefire plan",
    "visa regime",
    "pipeline project",
    "missile purchase",
    "naval exercise",
    "grain corridor",
    "airspace agreement",
    "refugee deal",
    "customs union",
];
const PLACES: &[&str] = &[
    "Ankara",
    "Moscow",
    "Washington",
    "Tehran",
    "Brussels",
    "Geneva",
    "Sochi",
    "Istanbul",
    "Astana",
    "Baku",
    "Doha",
    "Vienna",
    "Berlin",
    "Paris",
    "Cairo",
];

const WEEKDAYS: &[&str] = &[
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];

pub struct Synth {
    rng: ChaCha8Rng,
}

impl Synth {
    pub fn new(seed: u64) -> Synth {
        Synth {
            rng: ChaCha8Rng::seed_from_u64(seed),
        }
    }

    fn pick<'a>(&mut self, list: &'a [&'a str]) -> &'a str {
        list.choose(&mut self.rng).copied().unwrap_or("")
    }

    fn person(&mut self) -> String {
        format!("{} {}", self.pick(FIRST), self.pick(LAST))
    }

    fn date(&mut self) -> DateValue {
        let year = self.rng.random_range(1900..=2025);
        let month = self.rng.random_range(1..=12);
        let day = self.rng.random_range(1..=28);
        match self.rng.random_range(0..10) {
            0 => DateValue::Year(year),
            1 | 2 => DateValue::month(year, month).unwrap_or(DateValue::Year(year)),
            _ => DateValue::day(year, month, day).unwrap_or(DateValue::Year(year)),
        }
    }

    /// One catalog event, numbered `n`.
    pub fn event(&mut self, n: usize) -> Event {
        let nc = self.rng.random_range(1..=3);
        let mut countries: Vec<(&str, &str, &str)> = Vec::new();
        while countries.len() < nc {
            let c = *COUNTRIES.choose(&mut self.rng).unwrap_or(&COUNTRIES[0]);
            if !countries.contains(&c) {
                countries.push(c);
            }
        }
        let verb = self.pick(VERBS);
        let thing = self.pick(THINGS);
        let place = self.pick(PLACES);
        let title = if countries.len() > 1 {
            format!("{} and {} {verb} {thing}", countries[0].1, countries[1].1)
        } else {
            format!("{} to {verb} {thing} in {place}", countries[0].1)
        };
        let actor = self.person();
        let second = self.person();
        let summary = format!(
            "{actor}, speaking in {place}, said the {} government would {verb} the {thing} \
             after weeks of talks. Officials from {} described the move as a turning point, \
             while critics warned of consequences for regional security and {} relations.",
            countries[0].2,
            countries.last().map_or("", |c| c.1),
            self.pick(TAGS),
        );
        let date = self.date();
        let end = (self.rng.random_range(0..20) == 0).then(|| {
            let s = date.end();
            let later = s + chrono::Duration::days(self.rng.random_range(1..400));
            DateValue::Day(later)
        });
        let ntags = self.rng.random_range(1..=3);
        let mut tags: Vec<String> = Vec::new();
        while tags.len() < ntags {
            let t = self.pick(TAGS).to_string();
            if !tags.contains(&t) {
                tags.push(t);
            }
        }
        Event {
            id: format!("ev-{n:07}"),
            date,
            end,
            title,
            summary,
            countries: countries.iter().map(|c| c.0.to_string()).collect(),
            actors: Names::from([actor, second]),
            tags: tags.into(),
            aliases: Names::from([
                format!("{place} {thing}"),
                format!("{thing} of {}", date.first_year()),
            ]),
            origin: Origin::Curated,
            status: Default::default(),
            confidence: None,
            sources: Vec::new(),
        }
    }

    pub fn events(&mut self, n: usize) -> Vec<Event> {
        (0..n).map(|i| self.event(i)).collect()
    }

    /// A sentence of news prose with a date expression in it, given the
    /// publication date.
    fn sentence(&mut self, published: chrono::NaiveDate) -> String {
        use chrono::Datelike;
        let c1 = *COUNTRIES.choose(&mut self.rng).unwrap_or(&COUNTRIES[0]);
        let c2 = *COUNTRIES.choose(&mut self.rng).unwrap_or(&COUNTRIES[1]);
        let who = self.person();
        let thing = self.pick(THINGS);
        let place = self.pick(PLACES);
        let month = annals::model::month_name(self.rng.random_range(1..=12));
        let day = self.rng.random_range(1..=28);
        let year = self
            .rng
            .random_range(published.year() - 30..=published.year());
        let weekday = self.pick(WEEKDAYS);
        match self.rng.random_range(0..12) {
            0 => format!(
                "{who} told reporters in {place} on {weekday} that the {thing} with {} was close.",
                c2.1
            ),
            1 => format!(
                "The {} foreign ministry said on {month} {day} that talks would resume.",
                c1.2
            ),
            2 => format!(
                "Since {year}, {} and {} have held regular talks on the {thing}.",
                c1.1, c2.1
            ),
            3 => format!(
                "Last week, {who} met {} officials in {place} to discuss the {thing}.",
                c2.2
            ),
            4 => format!(
                "In {month} {year}, {} troops crossed the border near {place}, according to witnesses.",
                c1.2
            ),
            5 => format!(
                "More than 2000 people gathered in {place} yesterday to protest the {thing}."
            ),
            6 => format!(
                "The {thing}, first proposed in the 1990s, will be reviewed next month by {} lawmakers.",
                c1.2
            ),
            7 => format!(
                "{who} said the S-400 purchase and the F-35 dispute had strained ties since {year}."
            ),
            8 => format!(
                "Analysts expect the {thing} to be signed in the third quarter, three years after the first draft."
            ),
            9 => format!("On {day} {month} {year}, a court in {place} ruled against the {thing}."),
            10 => format!(
                "Officials declined to comment on the {thing} when contacted by phone at 0207 782 4368."
            ),
            _ => format!(
                "Earlier this year, {} and {} agreed to extend the {thing} until late {month}.",
                c1.1, c2.1
            ),
        }
    }

    /// An article of roughly `target` bytes, with front matter, numbered `n`.
    pub fn article(&mut self, n: usize, target: usize) -> (String, String) {
        let published = chrono::NaiveDate::from_ymd_opt(
            self.rng.random_range(1995..=2025),
            self.rng.random_range(1..=12),
            self.rng.random_range(1..=28),
        )
        .unwrap_or_default();
        let mut body = String::with_capacity(target + 200);
        body.push_str(&format!(
            "+++\ntitle = \"Dispatch {n}\"\nsource = \"Synthetic Wire\"\npublished = \"{}\"\nkind = \"news\"\n+++\n",
            published.format("%Y-%m-%d")
        ));
        while body.len() < target {
            let sentences = self.rng.random_range(2..=5);
            for _ in 0..sentences {
                body.push_str(&self.sentence(published));
                body.push(' ');
            }
            body.push_str("\n\n");
        }
        (format!("art-{n:06}.txt"), body)
    }
}

/// The events as `events.toml` text.
pub fn to_toml(events: &[Event]) -> String {
    let mut out = String::with_capacity(events.len() * 600);
    for e in events {
        let q = |s: &str| toml::Value::String(s.to_string()).to_string();
        let list = |v: &Names| {
            let items: Vec<String> = v.iter().map(q).collect();
            format!("[{}]", items.join(", "))
        };
        out.push_str("[[event]]\n");
        out.push_str(&format!("id = {}\n", q(&e.id)));
        out.push_str(&format!("date = \"{}\"\n", e.date));
        if let Some(end) = e.end {
            out.push_str(&format!("end = \"{end}\"\n"));
        }
        out.push_str(&format!("title = {}\n", q(&e.title)));
        out.push_str(&format!("summary = {}\n", q(&e.summary)));
        out.push_str(&format!("countries = {}\n", list(&e.countries)));
        out.push_str(&format!("actors = {}\n", list(&e.actors)));
        out.push_str(&format!("tags = {}\n", list(&e.tags)));
        out.push_str(&format!("aliases = {}\n\n", list(&e.aliases)));
    }
    out
}

/// Writes a corpus into `out` (created): `events.toml` and `events.json` with
/// `events` catalog events, `articles/art-NNNNNN.txt` with `articles` articles
/// of 2 to 8 KB, and with `titles` the titles one per line in `titles.txt`.
/// The same seed gives the same bytes.
pub fn write_corpus(
    out: &std::path::Path,
    events: usize,
    articles: usize,
    seed: u64,
    titles: bool,
) -> Result<(), Box<dyn std::error::Error>> {
    let mut synth = Synth::new(seed);
    let events = synth.events(events);
    std::fs::create_dir_all(out.join("articles"))?;
    std::fs::write(out.join("events.toml"), to_toml(&events))?;
    std::fs::write(out.join("events.json"), serde_json::to_string(&events)?)?;
    if titles {
        let mut lines = String::with_capacity(events.len() * 48);
        for e in &events {
            lines.push_str(&e.title);
            lines.push('\n');
        }
        std::fs::write(out.join("titles.txt"), lines)?;
    }
    let mut sizes = ChaCha8Rng::seed_from_u64(seed ^ 0x5eed);
    for n in 0..articles {
        let target = sizes.random_range(2048..8192);
        let (name, text) = synth.article(n, target);
        std::fs::write(out.join("articles").join(name), text)?;
    }
    Ok(())
}
