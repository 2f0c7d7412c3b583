//! GDELT 2.0 event exports: 61 tab-separated columns a row, one event a row,
//! read as a catalog (`--events 20150218230000.export.CSV`, or the `.zip`
//! GDELT publishes).
//!
//! A row becomes an event dated by SQLDATE (a day), in the countries of its
//! two actors (CAMEO alpha-3 codes, mapped through the gazetteer's `alpha3`),
//! titled from its actors and the CAMEO label of its event code, tagged with
//! its CAMEO root, sourced by SOURCEURL, with the Goldstein scale, tone and
//! counts in its summary. The CAMEO tables are bundled
//! (`assets/cameo/*.tsv`).

use std::collections::{BTreeMap, HashMap};
use std::io::Read as _;
use std::path::Path;
use std::sync::{Arc, OnceLock};

use crate::catalog::{Catalog, MAX_CATALOG_BYTES};
use crate::diag::{LoadError, Location, Problem};
use crate::gazetteer::Gazetteer;
use crate::model::{ArticleMeta, DateFrom, DateValue, Event, Names, Origin, Source};

/// Columns in a GDELT 2.0 event row.
pub const COLUMNS: usize = 61;

// Column indexes (GDELT 2.0 event codebook).
const GLOBALEVENTID: usize = 0;
const SQLDATE: usize = 1;
const ACTOR1_CODE: usize = 5;
const ACTOR1_NAME: usize = 6;
const ACTOR1_COUNTRY: usize = 7;
const ACTOR1_TYPE1: usize = 12;
const ACTOR2_CODE: usize = 15;
const ACTOR2_NAME: usize = 16;
const ACTOR2_COUNTRY: usize = 17;
const ACTOR2_TYPE1: usize = 22;
const EVENT_CODE: usize = 26;
const EVENT_BASE_CODE: usize = 27;
const EVENT_ROOT_CODE: usize = 28;
const GOLDSTEIN: usize = 30;
const NUM_MENTIONS: usize = 31;
const NUM_SOURCES: usize = 32;
const NUM_ARTICLES: usize = 33;
const AVG_TONE: usize = 34;
const ACTION_GEO_FULLNAME: usize = 52;
const DATEADDED: usize = 59;
const SOURCEURL: usize = 60;

const EVENT_CODES: &str = include_str!("../../assets/cameo/event-codes.tsv");
const TYPE_CODES: &str = include_str!("../../assets/cameo/type-codes.tsv");
const COUNTRY_CODES: &str = include_str!("../../assets/cameo/country-codes.tsv");

/// The tag of each CAMEO root code (the 20 families of event codes).
const ROOT_TAGS: [&str; 20] = [
    "statement",
    "appeal",
    "intent-to-cooperate",
    "consult",
    "diplomatic-cooperation",
    "material-cooperation",
    "aid",
    "yield",
    "investigate",
    "demand",
    "disapprove",
    "reject",
    "threaten",
    "protest",
    "force-posture",
    "reduce-relations",
    "coerce",
    "assault",
    "fight",
    "mass-violence",
];

/// The tag of a CAMEO root code (`"14"` is `protest`).
pub fn root_tag(root: &str) -> Option<&'static str> {
    let n: usize = root.trim().parse().ok()?;
    (1..=20).contains(&n).then(|| ROOT_TAGS[n - 1])
}

struct Tables {
    events: HashMap<&'static str, &'static str>,
    types: HashMap<&'static str, &'static str>,
    countries: HashMap<&'static str, &'static str>,
}

fn table(text: &'static str) -> HashMap<&'static str, &'static str> {
    text.lines()
        .filter(|l| !l.starts_with('#'))
        .filter_map(|l| l.split_once('\t'))
        .collect()
}

fn tables() -> &'static Tables {
    static T: OnceLock<Tables> = OnceLock::new();
    T.get_or_init(|| Tables {
        events: table(EVENT_CODES),
        types: table(TYPE_CODES),
        countries: table(COUNTRY_CODES),
    })
}

/// The CAMEO label of an event code, else of its base or root code.
pub fn event_label(codes: &[&str]) -> Option<&'static str> {
    codes
        .iter()
        .find_map(|c| tables().events.get(c.trim()).copied())
}

/// True when the file's name says it is a GDELT export (`*.export.CSV`,
/// `*.export.CSV.zip`, any `.zip`), or its first line has GDELT's shape.
pub fn recognise(path: &Path) -> bool {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    if name.ends_with(".export.csv") || name.ends_with(".zip") {
        return true;
    }
    if name.ends_with(".toml") || name.ends_with(".json") {
        return false;
    }
    let mut head = vec![0u8; 64 << 10];
    let n = std::fs::File::open(path)
        .and_then(|mut f| f.read(&mut head))
        .unwrap_or(0);
    let first = head[..n].split(|&b| b == b'\n').next().unwrap_or(&[]);
    has_shape(first)
}

/// A GDELT event row: 61 tab-separated fields, a numeric id, an 8-digit date.
fn has_shape(line: &[u8]) -> bool {
    let line = line.strip_suffix(b"\r").unwrap_or(line);
    let fields: Vec<&[u8]> = line.split(|&b| b == b'\t').collect();
    fields.len() == COLUMNS
        && !fields[GLOBALEVENTID].is_empty()
        && fields[GLOBALEVENTID].iter().all(u8::is_ascii_digit)
        && fields[SQLDATE].len() == 8
        && fields[SQLDATE].iter().all(u8::is_ascii_digit)
}

/// Reads a GDELT export (or a zip holding one) as a catalog. Rows that are not
/// event rows are reported with their line and skipped; codes the gazetteer
/// does not know are counted and reported once.
pub fn load_file(path: &Path, gazetteer: &Gazetteer, fold: bool) -> Result<Catalog, LoadError> {
    let zipped = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("zip"));
    let (bytes, inner) = if zipped {
        read_zip(path)?
    } else {
        (
            crate::diag::read_capped(path, MAX_CATALOG_BYTES, "the GDELT file")?,
            None,
        )
    };
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string());
    let file = match inner {
        Some(inner) => format!("{name}/{inner}"),
        None => name,
    };
    Ok(parse(path, &file, &bytes, gazetteer, fold))
}

/// The first `.csv` file in a zip archive (GDELT's zips hold one), read in
/// whole up to the catalog limit, and its name.
fn read_zip(path: &Path) -> Result<(Vec<u8>, Option<String>), LoadError> {
    let at_start = |message: String| LoadError::Syntax {
        location: Location {
            file: path.to_path_buf(),
            line: 1,
            col: 1,
        },
        message,
    };
    let file = std::fs::File::open(path).map_err(|e| LoadError::Io {
        path: path.to_path_buf(),
        source: e,
    })?;
    let mut archive =
        zip::ZipArchive::new(file).map_err(|e| at_start(format!("not a readable zip: {e}")))?;
    let index = (0..archive.len())
        .find(|&i| {
            archive
                .name_for_index(i)
                .is_some_and(|n| n.to_ascii_lowercase().ends_with(".csv"))
        })
        .ok_or_else(|| at_start("the zip holds no .csv file".into()))?;
    let entry = archive
        .by_index(index)
        .map_err(|e| at_start(format!("cannot read the zip: {e}")))?;
    let inner = entry.name().to_string();
    let mut bytes = Vec::new();
    entry
        .take(MAX_CATALOG_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| at_start(format!("cannot read `{inner}` in the zip: {e}")))?;
    if bytes.len() as u64 > MAX_CATALOG_BYTES {
        return Err(LoadError::Refused {
            path: path.to_path_buf(),
            message: format!(
                "`{inner}` unpacks to more than {} MiB, the most a catalog may hold",
                MAX_CATALOG_BYTES >> 20
            ),
        });
    }
    Ok((bytes, Some(inner)))
}

/// One event row, as read.
struct Row<'a> {
    line: usize,
    fields: Vec<&'a str>,
    date: DateValue,
    mentions: u64,
    sources: u64,
    articles: u64,
    tone: f64,
    /// Each source URL, with the day its row was added to GDELT.
    urls: Vec<(&'a str, Option<DateValue>)>,
    rows: usize,
}

/// Parses the text of a GDELT export; `path` names it in messages, `file` in
/// the events' sources.
pub fn parse(path: &Path, file: &str, bytes: &[u8], gazetteer: &Gazetteer, fold: bool) -> Catalog {
    let text = String::from_utf8_lossy(bytes);
    let mut problems = Vec::new();
    let mut rows: Vec<Row> = Vec::new();
    let mut folded: HashMap<(&str, &str, &str, &str), usize> = HashMap::new();
    let problem = |line: usize, message: String| Problem {
        location: Location {
            file: path.to_path_buf(),
            line,
            col: 1,
        },
        message,
        warning: true,
    };
    for (k, raw) in text.split('\n').enumerate() {
        let line = k + 1;
        let raw = raw.strip_suffix('\r').unwrap_or(raw);
        if raw.trim().is_empty() {
            continue;
        }
        let fields: Vec<&str> = raw.split('\t').collect();
        if fields.len() != COLUMNS {
            problems.push(problem(
                line,
                format!(
                    "{} columns; a GDELT event row has {COLUMNS}, so the row is skipped",
                    fields.len()
                ),
            ));
            continue;
        }
        let date = match parse_sqldate(fields[SQLDATE]) {
            Some(d) => d,
            None => {
                problems.push(problem(
                    line,
                    format!(
                        "SQLDATE `{}` is not a date (YYYYMMDD); the row is skipped",
                        crate::text::one_line(fields[SQLDATE])
                    ),
                ));
                continue;
            }
        };
        let count = |i: usize| fields[i].trim().parse::<u64>().unwrap_or(0);
        let row = Row {
            line,
            date,
            mentions: count(NUM_MENTIONS),
            sources: count(NUM_SOURCES),
            articles: count(NUM_ARTICLES),
            tone: fields[AVG_TONE].trim().parse().unwrap_or(0.0),
            urls: vec![(fields[SOURCEURL].trim(), parse_dateadded(fields[DATEADDED]))]
                .into_iter()
                .filter(|(u, _)| !u.is_empty())
                .collect(),
            rows: 1,
            fields,
        };
        if fold {
            let key = (
                row.fields[SQLDATE],
                row.fields[ACTOR1_CODE],
                row.fields[ACTOR2_CODE],
                row.fields[EVENT_CODE],
            );
            if let Some(&at) = folded.get(&key) {
                let into = &mut rows[at];
                // the tone is an average over mentions: weigh it so
                let (m1, m2) = (into.mentions as f64, row.mentions as f64);
                if m1 + m2 > 0.0 {
                    into.tone = (into.tone * m1 + row.tone * m2) / (m1 + m2);
                }
                into.mentions += row.mentions;
                into.sources += row.sources;
                into.articles += row.articles;
                into.rows += 1;
                for (u, added) in row.urls {
                    match into.urls.iter_mut().find(|(v, _)| *v == u) {
                        // the URL as GDELT first added it
                        Some((_, first)) => {
                            *first = match (*first, added) {
                                (Some(a), Some(b)) => {
                                    Some(if b.start() < a.start() { b } else { a })
                                }
                                (a, b) => a.or(b),
                            }
                        }
                        None => into.urls.push((u, added)),
                    }
                }
                continue;
            }
            folded.insert(key, rows.len());
        }
        rows.push(row);
    }
    let by_alpha3: HashMap<&str, &str> = gazetteer
        .iter()
        .filter_map(|c| c.alpha3.as_deref().map(|a| (a, c.code.as_str())))
        .collect();
    let mut unknown: BTreeMap<String, usize> = BTreeMap::new();
    let file: Arc<str> = Arc::from(file);
    let events: Vec<Event> = rows
        .iter()
        .map(|r| to_event(r, &file, &by_alpha3, &mut unknown))
        .collect();
    if !unknown.is_empty() {
        let total: usize = unknown.values().sum();
        let mut list: Vec<(&String, &usize)> = unknown.iter().collect();
        list.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
        let shown: Vec<String> = list
            .iter()
            .take(20)
            .map(|(c, n)| format!("{} ({n})", crate::text::one_line(c)))
            .collect();
        let more = if list.len() > 20 {
            format!(" and {} more", list.len() - 20)
        } else {
            String::new()
        };
        problems.push(Problem {
            location: Location {
                file: path.to_path_buf(),
                line: 1,
                col: 1,
            },
            message: format!(
                "{total} actor country {} of {} {} no country with that alpha3 in the \
                 gazetteer, so those events lack that country: {}{more}",
                if total == 1 { "code" } else { "codes" },
                list.len(),
                match (list.len(), total) {
                    (1, 1) => "kind has",
                    (1, _) => "kind have",
                    _ => "kinds have",
                },
                shown.join(", ")
            ),
            warning: true,
        });
    }
    Catalog { events, problems }
}

fn parse_sqldate(s: &str) -> Option<DateValue> {
    let s = s.trim();
    if s.len() != 8 || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    DateValue::day(
        s[..4].parse().ok()?,
        s[4..6].parse().ok()?,
        s[6..].parse().ok()?,
    )
}

/// DATEADDED (`YYYYMMDDHHMMSS`, UTC) as its day: when GDELT added the row,
/// so the day its source was published or a later one.
fn parse_dateadded(s: &str) -> Option<DateValue> {
    let s = s.trim();
    if s.len() != 14 || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let (h, m, sec): (u32, u32, u32) = (
        s[8..10].parse().ok()?,
        s[10..12].parse().ok()?,
        s[12..].parse().ok()?,
    );
    if h > 23 || m > 59 || sec > 60 {
        return None;
    }
    parse_sqldate(&s[..8])
}

/// How an actor is named: its type (`Government`) or name, with its country.
fn actor(fields: &[&str], name: usize, country: usize, type1: usize) -> Option<String> {
    let t = tables();
    let country_name = t
        .countries
        .get(fields[country].trim())
        .map(|s| s.to_string())
        .or_else(|| {
            (!fields[country].trim().is_empty()).then(|| fields[country].trim().to_string())
        });
    let base = t
        .types
        .get(fields[type1].trim())
        .map(|s| s.to_string())
        .or_else(|| {
            let n = fields[name].trim();
            (!n.is_empty()).then(|| title_case(n))
        });
    match (base, country_name) {
        (Some(b), Some(c)) if !b.eq_ignore_ascii_case(&c) => Some(format!("{b} ({c})")),
        (Some(b), _) => Some(b),
        (None, Some(c)) => Some(c),
        (None, None) => None,
    }
}

/// `UNITED STATES` as `United States`.
fn title_case(s: &str) -> String {
    s.split_whitespace()
        .map(|w| {
            let lower = w.to_lowercase();
            let mut c = lower.chars();
            match c.next() {
                Some(f) => f.to_uppercase().collect::<String>() + c.as_str(),
                None => String::new(),
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

fn lower_first(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_lowercase().collect::<String>() + c.as_str(),
        None => String::new(),
    }
}

fn to_event(
    r: &Row,
    file: &Arc<str>,
    by_alpha3: &HashMap<&str, &str>,
    unknown: &mut BTreeMap<String, usize>,
) -> Event {
    let f = &r.fields;
    let mut countries: Vec<String> = Vec::new();
    for c in [f[ACTOR1_COUNTRY].trim(), f[ACTOR2_COUNTRY].trim()] {
        if c.is_empty() {
            continue;
        }
        match by_alpha3.get(c) {
            Some(code) => {
                if !countries.iter().any(|x| x == code) {
                    countries.push((*code).to_string());
                }
            }
            None => *unknown.entry(c.to_string()).or_default() += 1,
        }
    }
    let code = f[EVENT_CODE].trim();
    let label = event_label(&[code, f[EVENT_BASE_CODE], f[EVENT_ROOT_CODE]])
        .map(lower_first)
        .unwrap_or_else(|| format!("CAMEO event {}", crate::text::one_line(code)));
    let a1 = actor(f, ACTOR1_NAME, ACTOR1_COUNTRY, ACTOR1_TYPE1);
    let a2 = actor(f, ACTOR2_NAME, ACTOR2_COUNTRY, ACTOR2_TYPE1);
    let title = match (&a1, &a2) {
        (Some(a), Some(b)) => format!("{a} → {b}: {label}"),
        (Some(a), None) => format!("{a}: {label}"),
        (None, Some(b)) => format!("Unnamed actor → {b}: {label}"),
        (None, None) => format!("Unnamed actor: {label}"),
    };
    let mut actors: Vec<String> = Vec::new();
    for n in [f[ACTOR1_NAME].trim(), f[ACTOR2_NAME].trim()] {
        let n = title_case(n);
        if !n.is_empty() && !actors.contains(&n) {
            actors.push(n);
        }
    }
    let tags: Names = root_tag(f[EVENT_ROOT_CODE]).into_iter().collect();
    let goldstein = f[GOLDSTEIN].trim();
    let plural = |n: u64, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    let mut summary = format!(
        "Goldstein scale {}; average tone {:.2}; {}, {}, {}.",
        if goldstein.is_empty() {
            "unknown"
        } else {
            goldstein
        },
        r.tone,
        plural(r.mentions, "mention", "mentions"),
        plural(r.sources, "source", "sources"),
        plural(r.articles, "article", "articles"),
    );
    let place = f[ACTION_GEO_FULLNAME].trim();
    if !place.is_empty() {
        summary.push_str(&format!(" Where: {place}."));
    }
    summary.push_str(&format!(" CAMEO event code {code}; GDELT row {}", r.line));
    if r.rows > 1 {
        summary.push_str(&format!(
            ", with {} more rows of the same event folded in",
            r.rows - 1
        ));
    }
    summary.push('.');
    let sources = r
        .urls
        .iter()
        .map(|&(u, added)| Source {
            article: Arc::new(ArticleMeta {
                file: file.to_string(),
                title: Some(u.to_string()),
                source: host(u),
                url: Some(u.to_string()),
                published: added,
                published_from: added.map(|_| DateFrom::GdeltAdded),
                ..Default::default()
            }),
            start: 0,
            end: 0,
            text: Box::default(),
            dated: false,
            sentence: Default::default(),
            sentence_start: 0,
            why: Default::default(),
        })
        .collect();
    Event {
        id: format!("gdelt-{}", f[GLOBALEVENTID].trim()),
        date: r.date,
        end: None,
        title,
        summary,
        countries: countries.into(),
        actors: actors.into(),
        tags,
        aliases: Names::new(),
        origin: Origin::Curated,
        // a row records something reported as done or said
        status: crate::events::Status::Happened,
        confidence: None,
        sources,
    }
}

/// The host of a URL, as the outlet.
fn host(url: &str) -> Option<String> {
    let rest = url.split_once("://")?.1;
    let host = rest.split(['/', '?', '#']).next()?;
    let host = host.strip_prefix("www.").unwrap_or(host);
    (!host.is_empty()).then(|| host.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn gaz() -> Gazetteer {
        Gazetteer::from_toml(
            Path::new("g.toml"),
            "[US]\nname = \"United States\"\nalpha3 = \"USA\"\n\
             [ZA]\nname = \"South Africa\"\nalpha3 = \"ZAF\"\n",
        )
        .expect("gazetteer")
    }

    /// A row with the given fields set (index, value), the rest empty.
    fn row(set: &[(usize, &str)]) -> String {
        let mut f = vec![""; COLUMNS];
        for &(i, v) in set {
            f[i] = v;
        }
        f.join("\t")
    }

    fn base(id: &str, a1c: &str, a2c: &str, code: &str) -> String {
        row(&[
            (GLOBALEVENTID, id),
            (SQLDATE, "20150218"),
            (ACTOR1_CODE, a1c),
            (ACTOR1_COUNTRY, a1c),
            (ACTOR1_TYPE1, "GOV"),
            (ACTOR2_CODE, a2c),
            (ACTOR2_COUNTRY, a2c),
            (EVENT_CODE, code),
            (EVENT_BASE_CODE, &code[..3.min(code.len())]),
            (EVENT_ROOT_CODE, &code[..2]),
            (GOLDSTEIN, "2.8"),
            (NUM_MENTIONS, "5"),
            (NUM_SOURCES, "1"),
            (NUM_ARTICLES, "4"),
            (AVG_TONE, "-4.5"),
            (SOURCEURL, "https://www.news.example/a"),
        ])
    }

    #[test]
    fn a_row_becomes_an_event() {
        let text = base("7", "ZAF", "", "013");
        let c = parse(Path::new("x.CSV"), "x.CSV", text.as_bytes(), &gaz(), false);
        assert!(c.problems.is_empty(), "{:?}", c.problems);
        let e = &c.events[0];
        assert_eq!(e.id, "gdelt-7");
        assert_eq!(e.date.to_string(), "2015-02-18");
        assert_eq!(
            e.title,
            "Government (South Africa): make optimistic comment"
        );
        assert_eq!(e.countries, vec!["ZA".to_string()]);
        assert_eq!(e.tags, vec!["statement".to_string()]);
        assert!(e.summary.contains("Goldstein scale 2.8"), "{}", e.summary);
        assert!(
            e.summary.contains("5 mentions, 1 source, 4 articles"),
            "{}",
            e.summary
        );
        assert_eq!(
            e.sources[0].article.url.as_deref(),
            Some("https://www.news.example/a")
        );
        assert_eq!(e.sources[0].article.source.as_deref(), Some("news.example"));
    }

    #[test]
    fn roots_give_tags() {
        assert_eq!(root_tag("14"), Some("protest"));
        assert_eq!(root_tag("19"), Some("fight"));
        assert_eq!(root_tag("00"), None);
        assert_eq!(root_tag("21"), None);
    }

    #[test]
    fn every_event_code_has_a_label_and_its_root_a_tag() {
        let t = tables();
        assert!(t.events.len() > 250);
        for code in t.events.keys() {
            assert!(root_tag(&code[..2]).is_some(), "{code}");
        }
    }

    #[test]
    fn a_short_row_is_named_and_skipped_and_the_rest_loads() {
        let text = format!(
            "{}\nonly\tthree\tfields\n{}\n",
            base("1", "USA", "", "043"),
            base("2", "USA", "ZAF", "190")
        );
        let c = parse(Path::new("x.CSV"), "x.CSV", text.as_bytes(), &gaz(), false);
        assert_eq!(c.events.len(), 2);
        assert_eq!(c.problems.len(), 1);
        assert_eq!(c.problems[0].location.line, 2);
        assert!(
            c.problems[0].message.contains("3 columns"),
            "{}",
            c.problems[0]
        );
        assert_eq!(
            c.events[1].countries,
            vec!["US".to_string(), "ZA".to_string()]
        );
        assert_eq!(c.events[1].tags, vec!["fight".to_string()]);
    }

    #[test]
    fn unknown_codes_are_counted_and_reported_once() {
        let text = [
            base("1", "AFR", "", "043"),
            base("2", "AFR", "EUR", "043"),
            base("3", "USA", "", "043"),
        ]
        .join("\n");
        let c = parse(Path::new("x.CSV"), "x.CSV", text.as_bytes(), &gaz(), false);
        assert_eq!(c.events.len(), 3);
        assert_eq!(c.problems.len(), 1, "{:?}", c.problems);
        let m = &c.problems[0].message;
        assert!(
            m.starts_with("3 actor country codes of 2 kinds have"),
            "{m}"
        );
        assert!(m.contains("AFR (2), EUR (1)"), "{m}");
        assert!(c.events[0].countries.is_empty());
        let one = base("4", "AFR", "", "043");
        let c = parse(Path::new("x.CSV"), "x.CSV", one.as_bytes(), &gaz(), false);
        assert!(
            c.problems[0]
                .message
                .starts_with("1 actor country code of 1 kind has no country"),
            "{}",
            c.problems[0]
        );
    }

    #[test]
    fn folding_merges_repeats_and_sums_counts() {
        let mut other = base("9", "USA", "", "043");
        other = other.replace("https://www.news.example/a", "https://b.example/x");
        let text = [
            base("1", "USA", "", "043"),
            other,
            base("3", "USA", "", "042"),
        ]
        .join("\n");
        let c = parse(Path::new("x.CSV"), "x.CSV", text.as_bytes(), &gaz(), true);
        assert_eq!(c.events.len(), 2);
        let e = &c.events[0];
        assert_eq!(e.id, "gdelt-1");
        assert!(
            e.summary.contains("10 mentions, 2 sources, 8 articles"),
            "{}",
            e.summary
        );
        assert_eq!(e.sources.len(), 2);
        let c = parse(Path::new("x.CSV"), "x.CSV", text.as_bytes(), &gaz(), false);
        assert_eq!(c.events.len(), 3);
    }

    #[test]
    fn a_source_is_dated_by_the_day_gdelt_added_its_row() {
        let added = |v: &str| {
            base("1", "USA", "", "043").replace(
                "\thttps://www.news.example/a",
                &format!("{v}\thttps://www.news.example/a"),
            )
        };
        let c = parse(
            Path::new("x.CSV"),
            "x.CSV",
            added("20150219003000").as_bytes(),
            &gaz(),
            false,
        );
        let a = &c.events[0].sources[0].article;
        // the row's SQLDATE is the 18th: the source is dated by DATEADDED
        assert_eq!(a.published, "2015-02-19".parse().ok());
        assert_eq!(a.published_from, Some(DateFrom::GdeltAdded));
        for bad in [
            "",
            "20150219",
            "2015021900300",
            "20150219253000",
            "2015021x003000",
        ] {
            let c = parse(
                Path::new("x.CSV"),
                "x.CSV",
                added(bad).as_bytes(),
                &gaz(),
                false,
            );
            let a = &c.events[0].sources[0].article;
            assert_eq!((a.published, a.published_from), (None, None), "{bad:?}");
        }
        // folded rows citing one URL: the day GDELT first added it
        let text = [added("20150219003000"), added("20150218231500")].join("\n");
        let c = parse(Path::new("x.CSV"), "x.CSV", text.as_bytes(), &gaz(), true);
        assert_eq!(c.events[0].sources.len(), 1);
        let a = &c.events[0].sources[0].article;
        assert_eq!(a.published, "2015-02-18".parse().ok());
    }

    #[test]
    fn the_shape_is_recognised() {
        assert!(has_shape(base("1", "USA", "", "043").as_bytes()));
        assert!(!has_shape(b"[[event]]"));
        assert!(!has_shape(
            row(&[(GLOBALEVENTID, "x"), (SQLDATE, "20150218")]).as_bytes()
        ));
    }
}
