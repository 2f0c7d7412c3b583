//! The JSON that Knight Lab's TimelineJS 3 loads: a title slide describing the
//! selection, then one slide per event.
//!
//! Dates are `{year, month, day}` objects holding only the parts the event's
//! precision knows; a precision TimelineJS has no words for (a week, a season,
//! a quarter, a decade, a century) also gets a `display_date`. Headlines and
//! texts are HTML, so every piece of data in them is escaped.

use std::collections::HashSet;

use chrono::Datelike;
use serde::Serialize;

use crate::model::{DateValue, Event, Precision};
use crate::timeline::Timeline;

use super::{Citation, ExportContext, count_events, precision_note, stamp_in_words, years_covered};

/// The title slide's id; event ids that would clash with it get a suffix.
pub const TITLE_ID: &str = "annals-title";

/// The whole file: the title slide and the event slides.
#[derive(Debug, Serialize)]
struct Document {
    title: Slide,
    events: Vec<Slide>,
}

/// A slide as TimelineJS reads it.
#[derive(Debug, Serialize)]
struct Slide {
    #[serde(skip_serializing_if = "Option::is_none")]
    start_date: Option<TlDate>,
    #[serde(skip_serializing_if = "Option::is_none")]
    end_date: Option<TlDate>,
    text: Text,
    #[serde(skip_serializing_if = "Option::is_none")]
    group: Option<String>,
    unique_id: String,
}

#[derive(Debug, Serialize)]
struct Text {
    headline: String,
    text: String,
}

/// A TimelineJS date: the year, and the month and day when known.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TlDate {
    pub year: i32,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub month: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub day: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub display_date: Option<String>,
}

pub(super) static SPEC: super::Spec = super::Spec {
    name: "timelinejs",
    aliases: &["timeline"],
    extension: "json",
    label: "TimelineJS 3 web timeline",
    default_file_name: "annals-timelinejs.json",
    example: "--query astana --output timeline.json",
    render,
};

fn render(timeline: &Timeline, events: &[&Event], ctx: &ExportContext) -> Result<String, String> {
    let mut used: HashSet<String> = HashSet::new();
    used.insert(TITLE_ID.to_string());
    let selection = ctx.filter_description.trim();
    let title = Slide {
        start_date: None,
        end_date: None,
        text: Text {
            headline: html(&format!("annals: {}", count_events(events.len()))),
            text: format!(
                "<p>{} from {}. Selection: {}.</p><p>Exported from annals on {}.</p>",
                count_events(events.len()),
                html(&years_covered(events)),
                html(selection),
                html(&stamp_in_words(&ctx.exported_at)),
            ),
        },
        group: None,
        unique_id: TITLE_ID.to_string(),
    };
    let events: Vec<Slide> = events
        .iter()
        .map(|e| slide(timeline, e, unique_id(&e.id, &mut used)))
        .collect();
    serde_json::to_string_pretty(&Document { title, events })
        .map(|s| s + "\n")
        .map_err(|e| e.to_string())
}

fn slide(timeline: &Timeline, e: &Event, id: String) -> Slide {
    Slide {
        start_date: Some(date_object(&e.date)),
        end_date: e.end.as_ref().map(date_object),
        text: Text {
            headline: html(e.title.trim()),
            text: body(timeline, e),
        },
        group: e.tags.first().map(str::to_string),
        unique_id: id,
    }
}

/// `{year, month, day}` with only the parts the value's precision knows.
pub fn date_object(d: &DateValue) -> TlDate {
    let start = d.start();
    let (month, day) = match d.precision() {
        Precision::Day | Precision::Week => (Some(start.month()), Some(start.day())),
        Precision::Month | Precision::Season | Precision::Quarter => (Some(start.month()), None),
        Precision::Year | Precision::Decade | Precision::Century => (None, None),
    };
    let display_date = matches!(
        d.precision(),
        Precision::Week
            | Precision::Season
            | Precision::Quarter
            | Precision::Decade
            | Precision::Century
    )
    .then(|| d.describe());
    TlDate {
        year: start.year(),
        month,
        day,
        display_date,
    }
}

/// The slide's HTML: summary, facts, and the sources as a numbered list.
fn body(timeline: &Timeline, e: &Event) -> String {
    let mut out = String::new();
    let summary = e.summary.trim();
    if !summary.is_empty() {
        out.push_str(&format!("<p>{}</p>", html(summary)));
    }
    let mut facts = Vec::new();
    if e.precision() != Precision::Day {
        facts.push(format!(
            "When: {} ({})",
            html(&e.describe_date()),
            precision_note(e.precision())
        ));
    }
    if !e.countries.is_empty() {
        let names = timeline.country_names(e);
        facts.push(format!("Countries: {}", html(&names.join(", "))));
    }
    if !e.actors.is_empty() {
        facts.push(format!("Actors: {}", html(&e.actors.join(", "))));
    }
    if !e.tags.is_empty() {
        facts.push(format!("Tags: {}", html(&e.tags.join(", "))));
    }
    if e.is_extracted() {
        facts.push("Found in an article; not in the curated catalog.".to_string());
    }
    if !facts.is_empty() {
        out.push_str(&format!(
            "<p class=\"annals-facts\">{}</p>",
            facts.join("<br>")
        ));
    }
    if !e.sources.is_empty() {
        out.push_str("<p>Sources:</p><ol class=\"annals-sources\">");
        for s in &e.sources {
            let c = Citation::of(s);
            let mut item = html(c.outlet);
            if let Some(t) = c.title {
                let t = format!("“{}”", html(t));
                match c.url {
                    Some(u) => item.push_str(&format!(", <a href=\"{}\">{t}</a>", html(u))),
                    None => item.push_str(&format!(", {t}")),
                }
            } else if let Some(u) = c.url {
                item.push_str(&format!(", <a href=\"{0}\">{0}</a>", html(u)));
            }
            if let Some(p) = &c.published {
                item.push_str(&format!(", published {}", html(p)));
            }
            if !c.sentence.is_empty() {
                item.push_str(&format!(": <q>{}</q>", html(c.sentence)));
            }
            out.push_str(&format!("<li>{item}</li>"));
        }
        out.push_str("</ol>");
    }
    out
}

/// Text made safe inside HTML elements and attribute values.
pub fn html(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c if crate::text::is_dangerous(c) => {}
            c => out.push(c),
        }
    }
    out
}

/// A slide id from an event id, in the form TimelineJS keeps as it is (lower
/// case letters, digits and single dashes, starting with a letter), made
/// distinct from the ids already `used`.
pub fn unique_id(event_id: &str, used: &mut HashSet<String>) -> String {
    let mut slug = String::with_capacity(event_id.len());
    for c in event_id.chars().flat_map(char::to_lowercase) {
        if c.is_ascii_alphanumeric() {
            slug.push(c);
        } else if !slug.ends_with('-') {
            slug.push('-');
        }
    }
    let slug = slug.trim_matches('-');
    let base = if slug.starts_with(|c: char| c.is_ascii_lowercase()) {
        slug.to_string()
    } else {
        format!("event-{slug}").trim_end_matches('-').to_string()
    };
    let mut id = base.clone();
    let mut n = 2;
    while used.contains(&id) {
        id = format!("{base}-{n}");
        n += 1;
    }
    used.insert(id.clone());
    id
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_slugs_and_distinct() {
        let mut used = HashSet::new();
        assert_eq!(
            unique_id("coup-attempt-2016", &mut used),
            "coup-attempt-2016"
        );
        assert_eq!(
            unique_id("x-000_08db30d2da96f915-12", &mut used),
            "x-000-08db30d2da96f915-12"
        );
        assert_eq!(
            unique_id("Coup Attempt 2016", &mut used),
            "coup-attempt-2016-2"
        );
        assert_eq!(unique_id("2016", &mut used), "event-2016");
        assert_eq!(unique_id("!!!", &mut used), "event");
        assert_eq!(unique_id("", &mut used), "event-2");
    }

    #[test]
    fn dates_carry_only_known_parts() {
        let p = |s: &str| serde_json::to_value(date_object(&s.parse().unwrap())).unwrap();
        use serde_json::json;
        assert_eq!(
            p("2016-07-15"),
            json!({"year": 2016, "month": 7, "day": 15})
        );
        assert_eq!(p("2016-07"), json!({"year": 2016, "month": 7}));
        assert_eq!(p("2016"), json!({"year": 2016}));
        assert_eq!(p("199"), json!({"year": 1990, "display_date": "the 1990s"}));
    }

    #[test]
    fn html_is_escaped() {
        assert_eq!(
            html("<b>\"A&B\"</b>'"),
            "&lt;b&gt;&quot;A&amp;B&quot;&lt;/b&gt;&#39;"
        );
    }
}
