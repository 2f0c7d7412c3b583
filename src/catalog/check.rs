//! The one check every catalog event passes, read from TOML or from JSON.
//!
//! Both readers hand over an event as its fields (key, where the value
//! starts, the value as JSON); this module turns them into an [`Event`] or
//! into problems, with the same wording for both formats. A bad event is left
//! out with its problems; the rest of the catalog loads.

use rayon::prelude::*;
use serde_json::Value;

use super::{MAX_LIST_ITEMS, Place, compact, repeated_ids};
use crate::gazetteer::Gazetteer;
use crate::model::{DateValue, Event, Names, Origin, Source};

/// The keys an event may have. `precision` is what an export adds (it
/// follows from `date`); `origin`, `sources`, `confidence` what a JSON
/// export carries; `status` says an event is expected or only mentioned.
pub const KEYS: [&str; 14] = [
    "id",
    "date",
    "end",
    "title",
    "summary",
    "countries",
    "actors",
    "tags",
    "aliases",
    "origin",
    "sources",
    "precision",
    "status",
    "confidence",
];

/// One field of an event as read: its key, where its value starts (a byte
/// offset the reader can place), and the value.
pub struct RawField {
    pub key: String,
    pub at: usize,
    pub value: Value,
}

/// One event as read: where it starts, and its fields, or what it is when
/// it is not a table (TOML) or an object (JSON).
pub struct RawEvent {
    pub at: usize,
    pub fields: Result<Vec<RawField>, String>,
}

/// An event checked on its own: the event when it passed, its id (for the
/// check of repeated ids) and the problems found, placed.
pub struct Checked {
    pub event: Option<Event>,
    pub id: Option<String>,
    pub id_place: Place,
    pub errors: Vec<(Place, String)>,
}

/// What a JSON value is, for a message.
pub fn kind(v: &Value) -> String {
    match v {
        Value::Null => "null".into(),
        Value::Bool(b) => format!("the boolean {b}"),
        Value::Number(n) => format!("the number {n}"),
        Value::String(_) => "a string".into(),
        Value::Array(_) => "a list".into(),
        Value::Object(_) => "a table".into(),
    }
}

/// Checks one event; `n` is its place in the catalog, from 1, which names it
/// when it has no id. `place` turns an offset into a line and column.
pub fn check_event(
    raw: RawEvent,
    n: usize,
    gazetteer: &Gazetteer,
    place: &dyn Fn(usize) -> Place,
) -> Checked {
    let start = place(raw.at);
    let fields = match raw.fields {
        Ok(f) => f,
        Err(what) => {
            return Checked {
                event: None,
                id: None,
                id_place: start,
                errors: vec![(
                    start,
                    format!("event #{n}: an event is a table, not {what}"),
                )],
            };
        }
    };
    let get = |key: &str| fields.iter().find(|f| f.key == key);
    let mut errors: Vec<(usize, String)> = Vec::new();
    let id_field = get("id");
    let id = match id_field.map(|f| &f.value) {
        Some(Value::String(s)) if !s.trim().is_empty() => Some(s.trim().to_string()),
        _ => None,
    };
    let name = match &id {
        Some(id) => format!("event `{id}`"),
        None => format!("event #{n}"),
    };
    match id_field {
        None => errors.push((raw.at, format!("{name}: an event needs a non-empty `id`"))),
        Some(f) if id.is_none() => {
            let what = match &f.value {
                Value::String(_) => "an empty string".to_string(),
                other => kind(other),
            };
            errors.push((
                f.at,
                format!("{name}: an event needs a non-empty `id`, not {what}"),
            ));
        }
        Some(_) => {}
    }
    for f in &fields {
        if !KEYS.contains(&f.key.as_str()) {
            errors.push((
                f.at,
                format!(
                    "{name}: unknown key `{}`; an event may have {}",
                    f.key,
                    KEYS[..9].join(", ")
                ),
            ));
        }
    }
    let date_of = |key: &str, errors: &mut Vec<(usize, String)>| -> Option<DateValue> {
        let f = get(key)?;
        match &f.value {
            Value::String(s) => match s.parse::<DateValue>() {
                Ok(d) => Some(d),
                Err(e) => {
                    errors.push((f.at, format!("{name}: {key} {e}")));
                    None
                }
            },
            other => {
                errors.push((
                    f.at,
                    format!(
                        "{name}: {key} must be a date such as \"2016-07-15\", not {}",
                        kind(other)
                    ),
                ));
                None
            }
        }
    };
    let date = date_of("date", &mut errors);
    if get("date").is_none() {
        errors.push((raw.at, format!("{name}: an event needs a `date`")));
    }
    let end = date_of("end", &mut errors);
    if let (Some(d), Some(e), Some(f)) = (date, end, get("end")) {
        // a coarser end (the year of a day) is fine as long as its span
        // reaches the date
        if e.end() <= d.start() {
            errors.push((f.at, format!("{name}: end {e} is before its date {d}")));
        }
    }
    let text_of = |key: &str, errors: &mut Vec<(usize, String)>| -> Option<String> {
        let f = get(key)?;
        match &f.value {
            Value::String(s) => Some(s.clone()),
            other => {
                errors.push((
                    f.at,
                    format!("{name}: {key} must be a string, not {}", kind(other)),
                ));
                None
            }
        }
    };
    let title = text_of("title", &mut errors);
    if get("title").is_none() {
        errors.push((raw.at, format!("{name}: an event needs a `title`")));
    }
    let summary = text_of("summary", &mut errors).unwrap_or_default();
    let mut list_of = |key: &str| -> Names {
        let Some(f) = get(key) else {
            return Names::new();
        };
        let items = match &f.value {
            Value::Array(items) => items,
            other => {
                errors.push((
                    f.at,
                    format!(
                        "{name}: {key} must be a list of strings, not {}",
                        kind(other)
                    ),
                ));
                return Names::new();
            }
        };
        if items.len() > MAX_LIST_ITEMS {
            errors.push((
                f.at,
                format!(
                    "{name}: {} {key}; an event may list at most {MAX_LIST_ITEMS}",
                    items.len()
                ),
            ));
            return Names::new();
        }
        match items.iter().find(|v| !v.is_string()) {
            Some(bad) => {
                errors.push((
                    f.at,
                    format!(
                        "{name}: {key} must be a list of strings, and holds {}",
                        kind(bad)
                    ),
                ));
                Names::new()
            }
            None => items.iter().filter_map(Value::as_str).collect(),
        }
    };
    let countries = list_of("countries");
    let actors = list_of("actors");
    let tags = list_of("tags");
    let aliases = list_of("aliases");
    let countries_at = get("countries").map_or(raw.at, |f| f.at);
    for code in &countries {
        if !gazetteer.contains(code) {
            errors.push((
                countries_at,
                format!("{name}: unknown country code `{code}`"),
            ));
        }
    }
    let typed = |key: &str| get(key).map(|f| f.value.clone());
    let origin = match typed("origin").map(serde_json::from_value::<Origin>) {
        None => Origin::Curated,
        Some(Ok(o)) => o,
        Some(Err(_)) => {
            let at = get("origin").map_or(raw.at, |f| f.at);
            errors.push((
                at,
                format!("{name}: origin must be \"curated\" or \"extracted\""),
            ));
            Origin::Curated
        }
    };
    let sources = match typed("sources").map(serde_json::from_value::<Vec<Source>>) {
        None => Vec::new(),
        Some(Ok(s)) => s,
        Some(Err(e)) => {
            let at = get("sources").map_or(raw.at, |f| f.at);
            errors.push((at, format!("{name}: sources: {e}")));
            Vec::new()
        }
    };
    let status = match get("status") {
        None => Default::default(),
        Some(f) => match f.value.as_str().map(str::parse::<crate::events::Status>) {
            Some(Ok(s)) => s,
            _ => {
                errors.push((
                    f.at,
                    format!("{name}: status must be \"happened\", \"expected\" or \"mentioned\""),
                ));
                Default::default()
            }
        },
    };
    let confidence = match get("confidence") {
        None => None,
        Some(f) => match f.value.as_f64() {
            Some(c) if (0.0..=1.0).contains(&c) => Some(c as f32),
            _ => {
                errors.push((
                    f.at,
                    format!(
                        "{name}: confidence must be a number from 0 to 1, not {}",
                        kind(&f.value)
                    ),
                ));
                None
            }
        },
    };
    let id_place = id_field.map_or(start, |f| place(f.at));
    let mut errors: Vec<(Place, String)> = errors
        .into_iter()
        .map(|(at, message)| (place(at), message))
        .collect();
    errors.sort_by_key(|e| e.0);
    let event = match (errors.is_empty(), &id, date, title) {
        (true, Some(id), Some(date), Some(title)) => {
            let mut event = Event {
                id: id.clone(),
                date,
                end,
                title,
                summary,
                countries,
                actors,
                tags,
                aliases,
                origin,
                status,
                confidence,
                sources,
            };
            compact(&mut event);
            Some(event)
        }
        _ => None,
    };
    Checked {
        event,
        id,
        id_place,
        errors,
    }
}

/// The events that passed, and the problems of those that did not, in
/// catalog order; of events with the same id, the first is kept.
pub fn assemble(path: &std::path::Path, checked: Vec<Checked>) -> super::Catalog {
    let repeated = repeated_ids(checked.iter().map(|c| c.id.as_deref()));
    let mut catalog = super::Catalog {
        events: Vec::with_capacity(checked.len()),
        problems: Vec::new(),
    };
    let problem = |(line, col): Place, message: String| crate::diag::Problem {
        location: crate::diag::Location {
            file: path.to_path_buf(),
            line,
            col,
        },
        message,
        warning: false,
    };
    for (c, repeated) in checked.into_iter().zip(repeated) {
        let mut errors = c.errors;
        if repeated {
            let id = c.id.as_deref().unwrap_or_default();
            errors.push((c.id_place, format!("duplicate id `{id}`")));
            errors.sort_by_key(|e| e.0);
        }
        match c.event {
            Some(e) if errors.is_empty() => catalog.events.push(e),
            _ => catalog
                .problems
                .extend(errors.into_iter().map(|(p, m)| problem(p, m))),
        }
    }
    catalog
}

/// Checks events in parallel: `events` with their places in the catalog.
pub fn check_all(
    events: Vec<RawEvent>,
    gazetteer: &Gazetteer,
    place: &(dyn Fn(usize) -> Place + Sync),
) -> Vec<Checked> {
    events
        .into_par_iter()
        .enumerate()
        .map(|(i, raw)| check_event(raw, i + 1, gazetteer, place))
        .collect()
}
