//! iCalendar (RFC 5545): one all-day VEVENT per event.
//!
//! A date that is known only to the month or the year spans that month or year
//! (DTEND is exclusive, as the RFC wants for dates), and its SUMMARY says how
//! exactly the date is known. Lines are folded at 75 octets without splitting a
//! UTF-8 character and end in CRLF.

use chrono::{Datelike, NaiveDate};

use crate::model::{Event, Precision};
use crate::text::inert;
use crate::timeline::Timeline;

use super::{Citation, ExportContext, count_events, precision_note, stamp_in_words};

/// The UID domain: a UID is `<event id>@annals`, the same on every export.
pub const UID_SUFFIX: &str = "@annals";

pub(super) static SPEC: super::Spec = super::Spec {
    name: "ics",
    aliases: &["ical", "icalendar"],
    extension: "ics",
    label: "iCalendar for calendar programs",
    default_file_name: "annals-events.ics",
    example: "--from 2019 --to 2020 --output events.ics",
    render: |timeline, events, ctx| Ok(render(timeline, events, ctx)),
};

fn render(timeline: &Timeline, events: &[&Event], ctx: &ExportContext) -> String {
    let mut out = String::new();
    let mut line = |s: &str| fold(s, &mut out);
    line("BEGIN:VCALENDAR");
    line("VERSION:2.0");
    line("PRODID:-//annals//annals timeline export//EN");
    line("CALSCALE:GREGORIAN");
    line("METHOD:PUBLISH");
    let selection = ctx.filter_description.trim();
    line(&format!(
        "X-WR-CALNAME:{}",
        text(&format!("annals: {selection}"))
    ));
    line(&format!(
        "X-WR-CALDESC:{}",
        text(&format!(
            "{} exported from annals on {}. Selection: {selection}.",
            count_events(events.len()),
            stamp_in_words(&ctx.exported_at)
        ))
    ));
    let stamp = ctx.exported_at.format("%Y%m%dT%H%M%SZ").to_string();
    for e in events {
        line("BEGIN:VEVENT");
        line(&format!("UID:{}", text(&format!("{}{UID_SUFFIX}", e.id))));
        line(&format!("DTSTAMP:{stamp}"));
        line(&format!("DTSTART;VALUE=DATE:{}", date(e.span_start())));
        line(&format!("DTEND;VALUE=DATE:{}", date(e.span_end())));
        line(&format!("SUMMARY:{}", text(&summary(e))));
        line(&format!("DESCRIPTION:{}", text(&description(timeline, e))));
        if !e.tags.is_empty() {
            let tags: Vec<String> = e.tags.iter().map(text).collect();
            line(&format!("CATEGORIES:{}", tags.join(",")));
        }
        if let Some(url) = e.sources.iter().find_map(|s| Citation::of(s).url) {
            line(&format!("URL:{url}"));
        }
        if e.status == crate::events::Status::Expected {
            // planned or scheduled, not yet known to have happened
            line("STATUS:TENTATIVE");
        }
        line(&format!("X-ANNALS-PRECISION:{}", e.precision()));
        line("TRANSP:TRANSPARENT");
        line("END:VEVENT");
    }
    line("END:VCALENDAR");
    out
}

/// The event's title, and for a date coarser than a day, the date and how
/// exactly it is known: "Talks (July 2016; date known to the month)".
pub fn summary(e: &Event) -> String {
    let title = e.title.trim();
    if e.precision() == Precision::Day {
        title.to_string()
    } else {
        format!(
            "{title} ({}; {})",
            e.describe_date(),
            precision_note(e.precision())
        )
    }
}

fn description(timeline: &Timeline, e: &Event) -> String {
    let mut out = String::new();
    let summary = e.summary.trim();
    if !summary.is_empty() {
        out.push_str(summary);
        out.push_str("\n\n");
    }
    out.push_str(&format!("When: {}", e.describe_date()));
    if e.precision() != Precision::Day {
        out.push_str(&format!(" ({})", precision_note(e.precision())));
    }
    out.push('\n');
    if !e.countries.is_empty() {
        let names = timeline.country_names(e);
        out.push_str(&format!("Countries: {}\n", names.join(", ")));
    }
    if !e.actors.is_empty() {
        out.push_str(&format!("Actors: {}\n", e.actors.join(", ")));
    }
    if e.is_extracted() {
        out.push_str("Found in an article; not in the curated catalog.\n");
    }
    if !e.sources.is_empty() {
        out.push_str("\nSources:\n");
        for (k, s) in e.sources.iter().enumerate() {
            let c = Citation::of(s);
            let mut cite = c.outlet.to_string();
            if let Some(t) = c.title {
                cite.push_str(&format!(", “{t}”"));
            }
            if let Some(p) = &c.published {
                cite.push_str(&format!(", published {p}"));
            }
            if let Some(u) = c.url {
                cite.push_str(&format!(", {u}"));
            }
            out.push_str(&format!("{}. {cite}\n", k + 1));
            if !c.sentence.is_empty() {
                out.push_str(&format!("   “{}”\n", c.sentence));
            }
        }
    }
    out.trim_end().to_string()
}

/// A DATE value, `YYYYMMDD`. Years past 9999 cannot be written; they become
/// the last day that can.
fn date(d: NaiveDate) -> String {
    if d.year() > 9999 {
        return "99991231".to_string();
    }
    format!("{:04}{:02}{:02}", d.year().max(1), d.month(), d.day())
}

/// A TEXT value: line breaks become `\n`; backslashes, semicolons and commas are
/// escaped; other control characters are shown as `\u{..}` escapes, since TEXT
/// may not hold them.
pub fn text(s: &str) -> String {
    let s = s.replace("\r\n", "\n").replace('\r', "\n");
    let mut out = String::with_capacity(s.len() + 8);
    for c in inert(&s).chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            c => out.push(c),
        }
    }
    out
}

/// Appends one content line, folded so that no physical line is longer than
/// 75 octets (the CRLF not counted), never inside a UTF-8 character.
pub fn fold(line: &str, out: &mut String) {
    const LIMIT: usize = 75;
    let mut used = 0;
    for c in line.chars() {
        let n = c.len_utf8();
        if used + n > LIMIT {
            out.push_str("\r\n ");
            used = 1;
        }
        out.push(c);
        used += n;
    }
    out.push_str("\r\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_text() {
        assert_eq!(text("a,b;c\\d\ne"), "a\\,b\\;c\\\\d\\ne");
        assert_eq!(text("x\r\ny\rz"), "x\\ny\\nz");
        assert_eq!(text("bell\u{7}"), "bell\\\\u{7}");
    }

    #[test]
    fn folds_at_75_octets_on_char_boundaries() {
        let long = format!("DESCRIPTION:{}", "é".repeat(100));
        let mut out = String::new();
        fold(&long, &mut out);
        assert!(out.ends_with("\r\n"));
        for l in out.trim_end_matches("\r\n").split("\r\n") {
            assert!(l.len() <= 75, "{} octets: {l:?}", l.len());
        }
        let unfolded = out.trim_end_matches("\r\n").replace("\r\n ", "");
        assert_eq!(unfolded, long);
        let mut short = String::new();
        fold("VERSION:2.0", &mut short);
        assert_eq!(short, "VERSION:2.0\r\n");
    }

    #[test]
    fn dates_are_eight_digits() {
        assert_eq!(
            date(NaiveDate::from_ymd_opt(2016, 7, 1).unwrap()),
            "20160701"
        );
        assert_eq!(
            date(NaiveDate::from_ymd_opt(915, 1, 1).unwrap()),
            "09150101"
        );
    }
}
