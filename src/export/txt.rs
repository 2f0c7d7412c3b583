//! Plain text: a dated list to paste into an email or a chat. A title line,
//! then one line per event: its date in words at the precision known, its
//! title, and the countries by name. No markup of any kind, and every piece
//! of data on one line with control characters shown as escapes.

use crate::model::Event;
use crate::text::one_line;
use crate::timeline::Timeline;

use super::{ExportContext, Spec, selection_title};

pub(super) static SPEC: Spec = Spec {
    name: "txt",
    aliases: &["text", "plain"],
    extension: "txt",
    label: "plain-text list to paste into an email",
    default_file_name: "annals-list.txt",
    example: "--country TR --from 2016 --to 2016 --output list.txt",
    render,
};

fn render(timeline: &Timeline, events: &[&Event], ctx: &ExportContext) -> Result<String, String> {
    let mut out = format!(
        "{} (exported {})\n\n",
        selection_title(events.len(), &flat(&ctx.filter_description)),
        ctx.exported_at.format("%-d %B %Y")
    );
    for e in events {
        out.push_str(&format!("- {}: {}", e.describe_date(), flat(&e.title)));
        let mut notes: Vec<String> = Vec::new();
        if !e.countries.is_empty() {
            notes.push(
                timeline
                    .country_names(e)
                    .iter()
                    .map(|n| flat(n))
                    .collect::<Vec<_>>()
                    .join(", "),
            );
        }
        if e.is_extracted() {
            notes.push("found in an article".to_string());
        }
        if !notes.is_empty() {
            out.push_str(&format!(" ({})", notes.join("; ")));
        }
        out.push('\n');
    }
    Ok(out)
}

/// Data on one line: line breaks and tabs become spaces, control characters
/// visible escapes, and runs of spaces one.
fn flat(s: &str) -> String {
    let lines = s.trim().replace("\r\n", "\n").replace('\r', "\n");
    one_line(&lines)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}
