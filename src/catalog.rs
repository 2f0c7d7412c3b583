//! The curated catalog (`events.toml`, or a JSON array of events): parsing and
//! validation, with every problem named by file, line and column.

use std::collections::HashSet;
use std::path::Path;

use serde::Deserialize;
use toml::Spanned;

use crate::diag::{LineIndex, LoadError, Location, Problem};
use crate::gazetteer::Gazetteer;
use crate::model::{DateValue, Event, Origin};

/// Catalogs (and gazetteers) larger than this are refused rather than read:
/// parsed, a catalog takes several times its size in memory, and a million
/// events fit in far less.
pub const MAX_CATALOG_BYTES: u64 = 256 << 20;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCatalog {
    #[serde(default)]
    event: Vec<Spanned<RawEvent>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawEvent {
    id: Spanned<String>,
    date: Spanned<String>,
    #[serde(default)]
    end: Option<Spanned<String>>,
    title: String,
    #[serde(default)]
    summary: String,
    #[serde(default)]
    countries: Option<Spanned<Vec<String>>>,
    #[serde(default)]
    actors: Option<Spanned<Vec<String>>>,
    #[serde(default)]
    tags: Option<Spanned<Vec<String>>>,
    #[serde(default)]
    aliases: Option<Spanned<Vec<String>>>,
}

/// The most countries, actors, tags or aliases one event may list. An event
/// with more is refused with one message, rather than read (or reported on)
/// item by item.
pub const MAX_LIST_ITEMS: usize = 1000;

/// The message for a list longer than `MAX_LIST_ITEMS`, if this one is.
fn overlong(id: &str, field: &str, len: usize) -> Option<String> {
    (len > MAX_LIST_ITEMS)
        .then(|| format!("event `{id}`: {len} {field}; an event may list at most {MAX_LIST_ITEMS}"))
}

fn spanned_list(list: Option<Spanned<Vec<String>>>) -> Vec<String> {
    list.map(Spanned::into_inner).unwrap_or_default()
}

/// The events of a catalog that passed validation, and the problems found.
#[derive(Debug, Default)]
pub struct Catalog {
    pub events: Vec<Event>,
    pub problems: Vec<Problem>,
}

/// Reads a catalog file: TOML, or JSON when the name ends in `.json` or the text
/// starts with `[`.
pub fn load_file(path: &Path, gazetteer: &Gazetteer) -> Result<Catalog, LoadError> {
    let bytes = crate::diag::read_capped(path, MAX_CATALOG_BYTES, "the catalog")?;
    let text = String::from_utf8(bytes).map_err(|e| {
        let offset = e.utf8_error().valid_up_to();
        let text = String::from_utf8_lossy(e.as_bytes()).into_owned();
        LoadError::syntax(path, &text, offset, "the catalog is not valid UTF-8")
    })?;
    parse(path, &text, gazetteer)
}

/// Parses catalog text; `path` names it in messages and decides the format.
pub fn parse(path: &Path, text: &str, gazetteer: &Gazetteer) -> Result<Catalog, LoadError> {
    let t = text.trim_start();
    let json = path.extension().is_some_and(|e| e == "json")
        || t.starts_with('{')
        || t.strip_prefix('[')
            .is_some_and(|r| r.trim_start().starts_with(['{', ']']) || r.trim().is_empty());
    if json {
        parse_json(path, text, gazetteer)
    } else {
        parse_toml(path, text, gazetteer)
    }
}

fn parse_toml(path: &Path, text: &str, gazetteer: &Gazetteer) -> Result<Catalog, LoadError> {
    let raw: RawCatalog = toml::from_str(text).map_err(|e| {
        let offset = e.span().map_or(0, |s| s.start);
        LoadError::syntax(path, text, offset, e.message().trim().to_string())
    })?;
    let mut catalog = Catalog::default();
    let mut ids = HashSet::new();
    let lines = LineIndex::new(text);
    for spanned in raw.event {
        let at = |offset: usize| lines.location(path, text, offset);
        let raw = spanned.into_inner();
        let id = raw.id.get_ref().trim().to_string();
        let mut errors = Vec::new();
        if id.is_empty() {
            errors.push((
                raw.id.span().start,
                "an event needs a non-empty `id`".into(),
            ));
        } else if !ids.insert(id.clone()) {
            errors.push((raw.id.span().start, format!("duplicate id `{id}`")));
        }
        let date = match raw.date.get_ref().parse::<DateValue>() {
            Ok(d) => Some(d),
            Err(e) => {
                errors.push((raw.date.span().start, format!("event `{id}`: date {e}")));
                None
            }
        };
        let end = match &raw.end {
            None => None,
            Some(e) => match e.get_ref().parse::<DateValue>() {
                Ok(v) => Some(v),
                Err(err) => {
                    errors.push((e.span().start, format!("event `{id}`: end {err}")));
                    None
                }
            },
        };
        if let (Some(d), Some(e), Some(span)) = (date, end, raw.end.as_ref()) {
            if e.start() < d.start() {
                errors.push((
                    span.span().start,
                    format!("event `{id}`: end {e} is before its date {d}"),
                ));
            }
        }
        let lists = [
            ("countries", &raw.countries),
            ("actors", &raw.actors),
            ("tags", &raw.tags),
            ("aliases", &raw.aliases),
        ];
        let mut too_long = false;
        for (field, list) in lists {
            if let Some(l) = list {
                if let Some(message) = overlong(&id, field, l.get_ref().len()) {
                    errors.push((l.span().start, message));
                    too_long = true;
                }
            }
        }
        if !too_long {
            for code in raw
                .countries
                .as_ref()
                .map_or(&[][..], |c| c.get_ref().as_slice())
            {
                if !gazetteer.contains(code) {
                    errors.push((
                        raw.countries.as_ref().map_or(0, |c| c.span().start),
                        format!("event `{id}`: unknown country code `{code}`"),
                    ));
                }
            }
        }
        if errors.is_empty() {
            if let Some(date) = date {
                catalog.events.push(Event {
                    id,
                    date,
                    end,
                    title: raw.title,
                    summary: raw.summary,
                    countries: spanned_list(raw.countries),
                    actors: spanned_list(raw.actors),
                    tags: spanned_list(raw.tags),
                    aliases: spanned_list(raw.aliases),
                    origin: Origin::Curated,
                    sources: Vec::new(),
                });
            }
        }
        for (offset, message) in errors {
            catalog.problems.push(Problem {
                location: at(offset),
                message,
                warning: false,
            });
        }
    }
    Ok(catalog)
}

#[derive(Deserialize)]
struct JsonObjectCatalog {
    #[serde(alias = "events")]
    event: Vec<Event>,
}

fn parse_json(path: &Path, text: &str, gazetteer: &Gazetteer) -> Result<Catalog, LoadError> {
    let syntax = |e: serde_json::Error| {
        let msg = e.to_string();
        let msg = msg.split(" at line ").next().unwrap_or("").to_string();
        LoadError::Syntax {
            location: Location {
                file: path.to_path_buf(),
                line: e.line().max(1),
                col: e.column().max(1),
            },
            message: msg,
        }
    };
    // An array of events, or an object with an `event` (or `events`) array.
    let events: Vec<Event> = if text.trim_start().starts_with('{') {
        serde_json::from_str::<JsonObjectCatalog>(text)
            .map_err(syntax)?
            .event
    } else {
        serde_json::from_str(text).map_err(syntax)?
    };
    let mut catalog = Catalog::default();
    let mut ids = HashSet::new();
    for (i, ev) in events.into_iter().enumerate() {
        let loc = Location {
            file: path.to_path_buf(),
            line: 1,
            col: 1,
        };
        let mut errors = Vec::new();
        if ev.id.trim().is_empty() {
            errors.push(format!("event #{}: an event needs a non-empty `id`", i + 1));
        } else if !ids.insert(ev.id.clone()) {
            errors.push(format!("event #{}: duplicate id `{}`", i + 1, ev.id));
        }
        if let Some(e) = ev.end {
            if e.start() < ev.date.start() {
                errors.push(format!(
                    "event `{}`: end {e} is before its date {}",
                    ev.id, ev.date
                ));
            }
        }
        let lists = [
            ("countries", ev.countries.len()),
            ("actors", ev.actors.len()),
            ("tags", ev.tags.len()),
            ("aliases", ev.aliases.len()),
        ];
        let too_long: Vec<String> = lists
            .iter()
            .filter_map(|&(field, len)| overlong(&ev.id, field, len))
            .collect();
        if too_long.is_empty() {
            for code in &ev.countries {
                if !gazetteer.contains(code) {
                    errors.push(format!("event `{}`: unknown country code `{code}`", ev.id));
                }
            }
        }
        errors.extend(too_long);
        if errors.is_empty() {
            catalog.events.push(ev);
        }
        catalog
            .problems
            .extend(errors.into_iter().map(|message| Problem {
                location: loc.clone(),
                message,
                warning: false,
            }));
    }
    Ok(catalog)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn gaz() -> Gazetteer {
        Gazetteer::from_toml(
            Path::new("c.toml"),
            "[TR]\nname = \"Turkey\"\n[RU]\nname = \"Russia\"\n",
        )
        .unwrap()
    }

    #[test]
    fn reads_events_with_partial_dates() {
        let c = parse(
            Path::new("events.toml"),
            r#"
[[event]]
id = "coup"
date = "2016-07-15"
title = "Coup attempt"
countries = ["TR"]
[[event]]
id = "talks"
date = "2017-01"
end = "2017-02"
title = "Talks"
"#,
            &gaz(),
        )
        .unwrap();
        assert!(c.problems.is_empty(), "{:?}", c.problems);
        assert_eq!(c.events.len(), 2);
        assert_eq!(c.events[1].date.to_string(), "2017-01");
    }

    #[test]
    fn names_each_problem_with_id_and_line() {
        let text = "[[event]]\nid = \"a\"\ndate = \"2016-13-40\"\ntitle = \"x\"\n\
                    [[event]]\nid = \"a\"\ndate = \"2016\"\ntitle = \"y\"\ncountries = [\"ZZ\"]\n\
                    [[event]]\nid = \"b\"\ndate = \"2016-05\"\nend = \"2016-04\"\ntitle = \"z\"\n";
        let c = parse(Path::new("events.toml"), text, &gaz()).unwrap();
        let msgs: Vec<String> = c.problems.iter().map(|p| p.to_string()).collect();
        assert!(
            msgs.iter()
                .any(|m| m.starts_with("events.toml:3:") && m.contains("not a real calendar date")),
            "{msgs:?}"
        );
        assert!(
            msgs.iter()
                .any(|m| m.starts_with("events.toml:6:") && m.contains("duplicate id `a`"))
        );
        assert!(
            msgs.iter()
                .any(|m| m.starts_with("events.toml:9:") && m.contains("`ZZ`"))
        );
        assert!(
            msgs.iter()
                .any(|m| m.starts_with("events.toml:13:") && m.contains("before its date"))
        );
        assert!(c.events.is_empty());
    }

    #[test]
    fn broken_toml_is_an_error_with_position() {
        let err = parse(
            Path::new("events.toml"),
            "[[event]]\nid = \"a\ntitle=1\n",
            &gaz(),
        )
        .unwrap_err();
        assert!(err.to_string().starts_with("events.toml:2:"), "{err}");
    }

    #[test]
    fn json_catalog_round_trips() {
        let c = parse(
            Path::new("e.json"),
            r#"[{"id":"x","date":"2016-07","title":"T","countries":["TR"]}]"#,
            &gaz(),
        )
        .unwrap();
        assert_eq!(c.events[0].date.to_string(), "2016-07");
        let err = parse(
            Path::new("e.json"),
            "[{\"id\":\"x\",\n\"date\":\"2016-99\"}]",
            &gaz(),
        )
        .unwrap_err();
        assert!(err.to_string().starts_with("e.json:2:"), "{err}");
    }
}
