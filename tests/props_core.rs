//! Property tests for the core: any bytes as an article, any text as a catalog,
//! a query or a date, and any filter, never panic, and what comes out keeps
//! its invariants.

use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::LazyLock;

use annals::article::{self, Article};
use annals::catalog::{self, Catalog};
use annals::diag::{LineIndex, Location};
use annals::extract;
use annals::filter::{Filter, Query};
use annals::gazetteer::Gazetteer;
use annals::loader::{self, ArticleInput, Loaded};
use annals::model::{DateValue, Event, Names, Precision, Season};
use annals::text::is_dangerous;
use chrono::NaiveDate;
use proptest::prelude::*;

fn gazetteer() -> Gazetteer {
    Gazetteer::from_toml(Path::new("countries.toml"), annals::bundled::COUNTRIES)
        .expect("the bundled gazetteer reads")
}

fn bundled_catalog(g: &Gazetteer) -> Catalog {
    catalog::parse(Path::new("events.toml"), annals::bundled::EVENTS, g)
        .expect("the bundled catalog reads")
}

/// The bundled timeline, articles included, built once.
static BUNDLED: LazyLock<Loaded> = LazyLock::new(|| {
    let g = gazetteer();
    let c = bundled_catalog(&g);
    loader::build(g, c, annals::bundled::articles(), Vec::new())
});

/// The bundled catalog's events, read once.
static CURATED: LazyLock<Vec<Event>> = LazyLock::new(|| bundled_catalog(&gazetteer()).events);

/// Pieces that steer generated text towards what the parsers care about.
const PIECES: &[&str] = &[
    "+++\n",
    "title = \"T\"\n",
    "published = \"2016-07\"\n",
    "published = 2016-07-15T10:00:00Z\n",
    "kind = \"news\"\n",
    "July",
    "Aug.",
    "Sept",
    "May",
    " 15",
    "15th",
    " of ",
    ", 2016",
    " 1998",
    "1990s",
    "the 20th century",
    "2016-07-15",
    "2016-07",
    "7/15/2016",
    "Q3",
    "third quarter",
    "summer",
    "last",
    "next",
    "this",
    "week",
    "Monday",
    "Fri.",
    "yesterday",
    "three years ago",
    "9999 years ago",
    "early",
    "mid-",
    ". ",
    "! ",
    "?\" ",
    "...",
    "\n",
    "\r\n",
    "\t",
    "  ",
    "U.S.",
    "Mr.",
    "St.",
    "J.",
    "Credit: ",
    "Photo: x\n",
    "4/12\n",
    "Turkey",
    "Russia’s",
    "coup attempt",
    "S-400",
    "Çavuşoğlu",
    "\u{a0}",
    "\u{1b}[2J",
    "\u{1b}]0;pwned\u{7}",
    "\u{9b}31m",
    "\u{202e}",
    "\u{fffd}",
    "é",
    "日本",
    "0",
    "31",
    "12",
];

fn piece_text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        4 => proptest::sample::select(PIECES).prop_map(str::to_string),
        1 => any::<String>(),
        1 => "[a-z]{1,8}",
    ];
    proptest::collection::vec(piece, 0..60).prop_map(|v| v.concat())
}

fn article_bytes() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        proptest::collection::vec(any::<u8>(), 0..600),
        piece_text().prop_map(String::into_bytes),
        // text with some bytes broken
        (
            piece_text(),
            proptest::collection::vec((any::<usize>(), any::<u8>()), 0..4)
        )
            .prop_map(|(s, edits)| {
                let mut b = s.into_bytes();
                for (at, v) in edits {
                    if !b.is_empty() {
                        let i = at % b.len();
                        b[i] = v;
                    }
                }
                b
            }),
    ]
}

fn check_range(text: &str, r: &Range<usize>) -> Result<(), TestCaseError> {
    prop_assert!(r.start <= r.end && r.end <= text.len(), "{r:?} outside");
    prop_assert!(text.is_char_boundary(r.start) && text.is_char_boundary(r.end));
    Ok(())
}

fn reference_date() -> impl Strategy<Value = Option<DateValue>> {
    prop_oneof![Just(None), date_value().prop_map(Some)]
}

/// Every kind of date value, anywhere in the years a date may have.
fn date_value() -> impl Strategy<Value = DateValue> {
    let year = prop_oneof![Just(1i32), Just(9999), 1i32..=9999, 1900i32..=2100];
    prop_oneof![
        (year.clone(), 1u32..=12, 1u32..=31).prop_map(|(y, m, d)| {
            DateValue::day(y, m, d)
                .or_else(|| DateValue::day(y, m, 28))
                .expect("day 28 is in every month")
        }),
        (year.clone(), 1u8..=53).prop_map(|(year, week)| {
            let week =
                if NaiveDate::from_isoywd_opt(year, week as u32, chrono::Weekday::Mon).is_some() {
                    week
                } else {
                    52
                };
            DateValue::Week { year, week }
        }),
        (year.clone(), 1u32..=12).prop_map(|(y, m)| DateValue::month(y, m).expect("month")),
        (
            year.clone(),
            proptest::sample::select(
                &[Season::Spring, Season::Summer, Season::Fall, Season::Winter][..]
            )
        )
            .prop_map(|(year, season)| DateValue::Season { year, season }),
        (year.clone(), 1u8..=4).prop_map(|(year, quarter)| DateValue::Quarter { year, quarter }),
        year.prop_map(|y| DateValue::year(y).expect("year")),
        (0i32..=999).prop_map(DateValue::Decade),
        (0i32..=99).prop_map(DateValue::Century),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn any_bytes_read_as_an_article(bytes in article_bytes(), reference in reference_date()) {
        let art = Article::parse(Path::new("prop.txt"), &bytes);
        let text = art.text.as_str();
        prop_assert!(text.is_char_boundary(art.body_start));
        for p in &art.problems {
            prop_assert!(!p.to_string().chars().any(is_dangerous), "{}", p);
        }
        let skip = article::furniture(text, art.body_start);
        for r in &skip {
            check_range(text, r)?;
        }
        let sentences = article::sentences(text, art.body_start);
        let mut last_end = art.body_start;
        for r in &sentences {
            check_range(text, r)?;
            prop_assert!(r.start >= last_end, "sentences overlap or go back");
            prop_assert!(r.end - r.start <= article::MAX_SENTENCE_BYTES);
            let s = &text[r.clone()];
            prop_assert!(!s.is_empty() && s.trim() == s);
            last_end = r.end;
        }
        let reference = reference.or(art.meta.published);
        let mentions = extract::extract(text, &sentences, &skip, reference, &[]);
        for m in &mentions {
            check_range(text, &(m.start..m.end))?;
            prop_assert!(m.sentence.start <= m.start && m.end <= m.sentence.end);
            prop_assert!(!skip.iter().any(|s| s.start <= m.start && m.end <= s.end));
            if let Some(d) = m.value.date() {
                prop_assert!(d.start() < d.end());
                prop_assert_eq!(d.to_string().parse::<DateValue>(), Ok(d));
            }
        }
        let _ = extract::dateline(text, art.body_start);
        let _ = extract::extract_text(text, reference);
    }

    #[test]
    fn any_string_reads_as_a_catalog(text in prop_oneof![any::<String>(), catalog_text()]) {
        let g = gazetteer();
        for name in ["prop.toml", "prop.json"] {
            match catalog::parse(Path::new(name), &text, &g) {
                Ok(c) => {
                    let mut ids = std::collections::HashSet::new();
                    for e in &c.events {
                        prop_assert!(!e.id.trim().is_empty());
                        prop_assert!(ids.insert(e.id.clone()), "duplicate id kept");
                        prop_assert!(e.countries.iter().all(|code| g.contains(code)));
                        prop_assert!(e.span_start() < e.span_end());
                    }
                    for p in &c.problems {
                        let shown = p.to_string();
                        prop_assert!(shown.starts_with(name), "{}", shown);
                        prop_assert!(!shown.chars().any(is_dangerous), "{}", shown);
                    }
                }
                Err(e) => {
                    let shown = e.to_string();
                    prop_assert!(shown.starts_with(name), "{}", shown);
                    prop_assert!(!shown.chars().any(is_dangerous), "{}", shown);
                }
            }
        }
        let _ = Gazetteer::from_toml(Path::new("prop.toml"), &text);
    }

    #[test]
    fn any_text_is_a_query(q in prop_oneof![any::<String>(), piece_text()], field in any::<String>()) {
        let query = Query::parse(&q);
        let marks = query.highlights(&field);
        let n = field.chars().count();
        prop_assert!(marks.iter().all(|&i| i < n));
        prop_assert!(marks.windows(2).all(|w| w[0] < w[1]));
        let tl = &BUNDLED.timeline;
        let filter = Filter { query: q.clone(), ..Default::default() };
        let shown = tl.filter(&filter);
        let brute: Vec<usize> = (0..tl.len()).filter(|&i| query.matches(&tl.event(i))).collect();
        prop_assert_eq!(shown, brute);
        prop_assert!(!filter.describe().chars().any(is_dangerous));
        let as_lists = Filter { countries: vec![q.clone()], tags: vec![field.clone()], ..filter };
        let described = as_lists.describe();
        prop_assert!(!described.chars().any(is_dangerous) && !described.contains('\n'));
    }

    #[test]
    fn line_index_finds_what_location_at_finds(text in piece_text(), at in proptest::collection::vec(any::<usize>(), 1..20)) {
        let index = LineIndex::new(&text);
        for a in at {
            let offset = a % (text.len() + 2);
            prop_assert_eq!(
                index.location(Path::new("f"), &text, offset),
                Location::at(Path::new("f"), &text, offset)
            );
        }
    }

    #[test]
    fn any_text_is_a_date(s in prop_oneof![any::<String>(), "[0-9WQSPUFAI -]{0,12}"]) {
        match s.parse::<DateValue>() {
            Ok(d) => {
                prop_assert_eq!(d.to_string().parse::<DateValue>(), Ok(d));
                prop_assert!(d.start() < d.end());
            }
            Err(e) => {
                prop_assert!(!e.to_string().is_empty());
            }
        }
    }

    #[test]
    fn every_date_value_prints_back_and_spans_days(d in date_value()) {
        prop_assert!(d.in_range());
        let shown = d.to_string();
        prop_assert_eq!(shown.parse::<DateValue>(), Ok(d), "{}", shown);
        prop_assert!(d.start() < d.end(), "{}", shown);
        prop_assert!(!d.describe().is_empty());
        prop_assert_eq!(d.precision(), shown.parse::<DateValue>().unwrap().precision());
        // a value's span lies inside the span of its year, decade and century
        if d.precision() <= Precision::Year && !matches!(d, DateValue::Week { .. } | DateValue::Season { season: Season::Winter, .. }) {
            let y = DateValue::year(d.first_year()).unwrap();
            prop_assert!(y.start() <= d.start() && d.end() <= y.end(), "{}", shown);
        }
        let json = serde_json::to_string(&d).unwrap();
        prop_assert_eq!(serde_json::from_str::<DateValue>(&json).unwrap(), d);
    }

    #[test]
    fn any_strings_keep_as_names(items in proptest::collection::vec(any::<String>(), 0..12)) {
        let names: Names = items.iter().collect();
        prop_assert_eq!(names.len(), items.len());
        prop_assert_eq!(names.is_empty(), items.is_empty());
        prop_assert_eq!(names.iter().collect::<Vec<_>>(), items.iter().map(String::as_str).collect::<Vec<_>>());
        for (i, item) in items.iter().enumerate() {
            prop_assert_eq!(names.get(i), Some(item.as_str()));
            prop_assert!(names.contains(item));
        }
        prop_assert_eq!(names.get(items.len()), None);
        prop_assert_eq!(names.join("|"), items.join("|"));
        let json = serde_json::to_string(&names).unwrap();
        prop_assert_eq!(&json, &serde_json::to_string(&items).unwrap());
        prop_assert_eq!(serde_json::from_str::<Names>(&json).unwrap(), names);
    }

    #[test]
    fn the_shown_list_respects_every_active_filter(f in filter()) {
        let tl = &BUNDLED.timeline;
        let shown = tl.filter(&f);
        prop_assert!(shown.windows(2).all(|w| w[0] < w[1]), "not in timeline order");
        let query = Query::parse(&f.query);
        let brute: Vec<usize> = (0..tl.len())
            .filter(|&i| by_hand(&f, &tl.event(i)) && query.matches(&tl.event(i)))
            .collect();
        prop_assert_eq!(&shown, &brute, "{}", f.describe());
    }
}

proptest! {
    // The whole loader builds its alias matcher for each case: fewer cases.
    #![proptest_config(ProptestConfig { cases: 40, ..ProptestConfig::default() })]

    #[test]
    fn any_bytes_load_as_an_article(bytes in article_bytes()) {
        let g = BUNDLED.timeline.gazetteer.clone();
        let c = Catalog { events: CURATED.clone(), problems: Vec::new() };
        let curated = c.events.len();
        let inputs = vec![ArticleInput { path: PathBuf::from("dir/prop.txt"), name: "prop.txt".into(), bytes: bytes.clone() }];
        let loaded = loader::build(g, c, inputs, Vec::new());
        let text = String::from_utf8_lossy(&bytes);
        prop_assert_eq!(loaded.stats.curated, curated);
        prop_assert_eq!(loaded.timeline.len(), loaded.stats.events);
        for m in &loaded.mentions {
            prop_assert!(m.start <= m.end && m.end <= text.len());
            prop_assert!(m.sentence.contains(&m.text));
        }
        for e in loaded.timeline.iter() {
            prop_assert!(e.span_start() < e.span_end());
            if e.is_extracted() {
                prop_assert!(!e.title.contains('\n'));
                prop_assert!(!e.title.chars().any(is_dangerous));
            }
            for s in &e.sources {
                if let Some(r) = s.expression_in_sentence() {
                    prop_assert_eq!(&s.sentence[r], &*s.text);
                }
            }
        }
        for p in &loaded.problems {
            prop_assert!(p.to_string().starts_with("dir/prop.txt:"), "{}", p);
        }
    }

}

/// The structured filters, written out plainly.
fn by_hand(f: &Filter, e: &Event) -> bool {
    let countries_ok = if f.countries.is_empty() {
        true
    } else if f.all_countries {
        f.countries
            .iter()
            .all(|c| e.countries.iter().any(|x| x == c))
    } else {
        f.countries
            .iter()
            .any(|c| e.countries.iter().any(|x| x == c))
    };
    let tags_ok = if f.tags.is_empty() {
        true
    } else if f.all_tags {
        f.tags.iter().all(|t| e.tags.iter().any(|x| x == t))
    } else {
        f.tags.iter().any(|t| e.tags.iter().any(|x| x == t))
    };
    // the event's days, from its date to its end value, must meet the range
    let last_day = e
        .end
        .map_or(e.date.end(), |end| end.end().max(e.date.end()));
    let from_ok = f.from.is_none_or(|from| last_day > from.start());
    let to_ok = f.to.is_none_or(|to| e.date.start() < to.end());
    countries_ok && tags_ok && from_ok && to_ok && !(f.curated_only && e.is_extracted())
}

fn filter() -> impl Strategy<Value = Filter> {
    let tl = &BUNDLED.timeline;
    let mut codes: Vec<String> = tl.country_counts().into_iter().map(|(c, _)| c).collect();
    codes.push("ZZ".into());
    let mut tags: Vec<String> = tl.tag_counts().into_iter().map(|(t, _)| t).collect();
    tags.push("no-such-tag".into());
    let mut words: Vec<String> = tl
        .owned_events()
        .expect("in memory")
        .iter()
        .flat_map(|e| {
            e.title
                .split_whitespace()
                .map(str::to_lowercase)
                .collect::<Vec<_>>()
        })
        .collect();
    words.sort();
    words.dedup();
    let query = prop_oneof![
        3 => Just(String::new()),
        3 => proptest::collection::vec(proptest::sample::select(words), 1..3).prop_map(|w| w.join(" ")),
        1 => "[a-z]{1,4}",
    ];
    let range_date = prop_oneof![
        Just(None),
        date_value()
            .prop_filter("near the data", |d| (1900..2030).contains(&d.first_year()))
            .prop_map(Some),
    ];
    (
        proptest::sample::subsequence(codes.clone(), 0..=3),
        any::<bool>(),
        proptest::sample::subsequence(tags.clone(), 0..=2),
        any::<bool>(),
        range_date.clone(),
        range_date,
        query,
        any::<bool>(),
    )
        .prop_map(
            |(countries, all_countries, tags, all_tags, from, to, query, curated_only)| Filter {
                countries,
                all_countries,
                tags,
                all_tags,
                from,
                to,
                query,
                curated_only,
                ..Default::default()
            },
        )
}

/// Catalog-shaped text: TOML events with fields right and wrong.
fn catalog_text() -> impl Strategy<Value = String> {
    let field = prop_oneof![
        Just("id = \"a\"\n".to_string()),
        Just("id = \"\"\n".to_string()),
        Just("date = \"2016-07-15\"\n".to_string()),
        Just("date = \"2016-13\"\n".to_string()),
        Just("date = 2016-07-15\n".to_string()),
        Just("end = \"2015\"\n".to_string()),
        Just("title = \"T\u{1b}[2J\"\n".to_string()),
        Just("countries = [\"TR\", \"ZZ\u{9b}\"]\n".to_string()),
        Just("tags = [\"coup\"]\n".to_string()),
        Just("aliases = [\"coup attempt\"]\n".to_string()),
        Just("unknown = 1\n".to_string()),
        Just("[[event]]\n".to_string()),
        Just("[event]\n".to_string()),
        Just("[[[".to_string()),
        "[a-z]{1,5} = \"[ -~]{0,5}\"\n",
    ];
    proptest::collection::vec(field, 0..14).prop_map(|v| v.concat())
}
