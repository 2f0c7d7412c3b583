//! The Markdown briefing: a title line, then the events grouped by year, each
//! with its date in words, its countries by name, its summary, and a
//! "Mentioned in" list of the articles that speak of it, each article once
//! with its quoted sentences. Written to read well both rendered and as plain
//! text; every piece of data is escaped, so none of it becomes markup.

use crate::model::{Event, Precision, Source};
use crate::text::one_line;
use crate::timeline::Timeline;

use super::{
    Citation, ExportContext, Spec, count_events, selection_title, stamp_in_words, years_covered,
};

pub(super) static SPEC: Spec = Spec {
    name: "md",
    aliases: &["markdown"],
    extension: "md",
    label: "Markdown briefing",
    default_file_name: "annals-briefing.md",
    example: "--country TR,RU --output briefing.md",
    render,
};

fn render(timeline: &Timeline, events: &[&Event], ctx: &ExportContext) -> Result<String, String> {
    let mut out = String::new();
    let selection = flat(ctx.filter_description.trim());
    out.push_str(&format!(
        "# Briefing: {} (exported {})\n\n",
        inline(&selection_title(events.len(), &selection)),
        ctx.exported_at.format("%-d %B %Y")
    ));
    let extracted = events.iter().filter(|e| e.is_extracted()).count();
    let mix = if extracted == 0 {
        String::new()
    } else {
        format!(
            " ({} from the curated catalog, {} found in articles)",
            events.len() - extracted,
            extracted
        )
    };
    out.push_str(&format!(
        "Exported from annals on {}. Selection: {}. {} from {}{}.\n",
        stamp_in_words(&ctx.exported_at),
        inline(&selection),
        count_events(events.len()),
        years_covered(events),
        mix
    ));
    let mut year = None;
    for e in events {
        let y = e.date.first_year();
        if year != Some(y) {
            year = Some(y);
            out.push_str(&format!("\n## {y}\n"));
        }
        event(&mut out, timeline, e);
    }
    Ok(out)
}

fn event(out: &mut String, timeline: &Timeline, e: &Event) {
    out.push_str(&format!(
        "\n### {}: {}\n\n",
        inline(&e.describe_date()),
        inline(&flat(&e.title))
    ));
    let mut facts = Vec::new();
    if e.precision() != Precision::Day {
        facts.push(format!("Date known to the {}", e.precision()));
    }
    if !e.countries.is_empty() {
        let names = timeline.country_names(e);
        facts.push(format!("Countries: {}", list(&names)));
    }
    if !e.actors.is_empty() {
        facts.push(format!("Actors: {}", list(&e.actors)));
    }
    if !e.tags.is_empty() {
        facts.push(format!("Tags: {}", list(&e.tags)));
    }
    if e.is_extracted() {
        facts.push("Found in an article; not in the curated catalog".to_string());
    }
    if !facts.is_empty() {
        out.push_str(&block_start(&facts.join(". ")));
        out.push_str(".\n\n");
    }
    // the summary is the catalog's own words: the articles below mention
    // the event, they are not cited as its proof
    let summary = flat(e.summary.trim());
    if !summary.is_empty() {
        out.push_str(&block_start(&inline(&summary)));
        out.push_str("\n\n");
    }
    let articles = e.sources_by_article();
    if articles.is_empty() {
        out.push_str("No article read mentions it.\n");
        return;
    }
    out.push_str("Mentioned in:\n\n");
    for sources in articles {
        mention(out, &sources);
    }
}

/// One article in an event's "Mentioned in" list: outlet, title,
/// publication date and URL once, then each sentence quoted.
fn mention(out: &mut String, sources: &[&Source]) {
    let c = Citation::of(sources[0]);
    let mut parts = vec![inline(&flat(c.outlet))];
    if let Some(t) = c.title {
        parts.push(format!("“{}”", inline(&flat(t))));
    }
    parts.push(match &c.published {
        Some(p) => format!("published {p}"),
        None => "publication date not known".to_string(),
    });
    if let Some(u) = c.url {
        parts.push(format!("<{u}>"));
    }
    let quotes: Vec<String> = sources
        .iter()
        .filter(|s| !s.sentence.trim().is_empty())
        .map(|s| {
            let undated = if s.dated {
                ""
            } else {
                " (names the event without dating it)"
            };
            format!("“{}”{undated}", inline(&flat(s.sentence.trim())))
        })
        .collect();
    let head = parts.join(", ");
    match quotes.as_slice() {
        [] => out.push_str(&format!("- {}\n", block_start(&head))),
        [one] => out.push_str(&format!("- {}: {one}\n", block_start(&head))),
        many => {
            out.push_str(&format!("- {}:\n", block_start(&head)));
            for q in many {
                out.push_str(&format!("  - {q}\n"));
            }
        }
    }
}

/// Text on one line: line breaks (CRLF, CR or LF) and tabs become spaces and
/// control characters visible escapes.
fn flat(s: &str) -> String {
    one_line(&s.replace("\r\n", "\n").replace('\r', "\n"))
}

fn list<S: AsRef<str>>(items: impl IntoIterator<Item = S>) -> String {
    let v: Vec<String> = items
        .into_iter()
        .map(|s| inline(&flat(s.as_ref())))
        .collect();
    v.join(", ")
}

/// Text that Markdown must show as written: the characters that would start
/// emphasis, code, links, raw HTML, entities or strike-through get a backslash.
/// Underscores inside words are left alone since they cannot start emphasis.
pub(super) fn inline(s: &str) -> String {
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(s.len() + 8);
    for (i, &c) in chars.iter().enumerate() {
        let escape = match c {
            '\\' | '`' | '*' | '[' | ']' | '<' | '>' | '~' | '|' | '#' => true,
            '_' => {
                let before = i.checked_sub(1).map(|j| chars[j]);
                let after = chars.get(i + 1).copied();
                !(before.is_some_and(char::is_alphanumeric)
                    && after.is_some_and(char::is_alphanumeric))
            }
            '!' => chars.get(i + 1) == Some(&'['),
            '&' => looks_like_entity(&chars[i + 1..]),
            _ => false,
        };
        if escape {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// True when the characters after `&` would make an HTML entity (`&amp;`,
/// `&#38;`).
fn looks_like_entity(rest: &[char]) -> bool {
    let body: Vec<char> = rest.iter().take(33).copied().collect();
    match body.iter().position(|&c| c == ';') {
        Some(end) if end > 0 => body[..end]
            .iter()
            .enumerate()
            .all(|(i, &c)| c.is_ascii_alphanumeric() || (i == 0 && c == '#')),
        _ => false,
    }
}

/// Text (already escaped with [`inline`]) that starts a line: a leading
/// character that would open a list, a quote, a heading or a code block is
/// escaped.
fn block_start(s: &str) -> String {
    let s = s.trim_start();
    let mut chars = s.chars();
    match chars.next() {
        Some(c @ ('-' | '+' | '=')) => format!("\\{c}{}", chars.as_str()),
        Some(c) if c.is_ascii_digit() => {
            // "1. " or "1) " would start an ordered list
            let digits = s.bytes().take_while(u8::is_ascii_digit).count();
            match s[digits..].chars().next() {
                Some(p @ ('.' | ')')) => {
                    format!("{}\\{p}{}", &s[..digits], &s[digits + 1..])
                }
                _ => s.to_string(),
            }
        }
        _ => s.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_what_markdown_would_act_on() {
        assert_eq!(inline("a *b* [c](d)"), "a \\*b\\* \\[c\\](d)");
        assert_eq!(inline("<script>"), "\\<script\\>");
        assert_eq!(inline("snake_case _x_"), "snake_case \\_x\\_");
        assert_eq!(inline("AT&T &amp; &#38;"), "AT&T \\&amp; \\&\\#38;");
        assert_eq!(inline("!["), "\\!\\[");
        assert_eq!(block_start("- x"), "\\- x");
        assert_eq!(block_start("2016. A year"), "2016\\. A year");
        assert_eq!(block_start("2016 was"), "2016 was");
    }
}
