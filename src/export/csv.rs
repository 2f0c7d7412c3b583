//! CSV (RFC 4180): one row per event, CRLF line ends, fields quoted when they
//! hold a comma, a quote or a line break.
//!
//! Lists (countries, tags, actors, sources) are joined with `|`; a `|` or `\`
//! inside an item is written `\|` or `\\`. A cell that a spreadsheet would run
//! as a formula (one starting with `=`, `+`, `-`, `@`, a tab or a carriage
//! return) gets a leading `'` so that it stays text.

use crate::model::Event;

use super::Citation;

pub const HEADER: [&str; 12] = [
    "id",
    "date",
    "end",
    "precision",
    "title",
    "countries",
    "tags",
    "actors",
    "sources",
    "summary",
    "status",
    "confidence",
];

pub(super) static SPEC: super::Spec = super::Spec {
    name: "csv",
    aliases: &[],
    extension: "csv",
    label: "CSV for spreadsheets",
    default_file_name: "annals-events.csv",
    example: "--tag s-400 > s400.csv",
    render: |_, events, _| render(events),
};

fn render(events: &[&Event]) -> Result<String, String> {
    let mut w = ::csv::WriterBuilder::new()
        .terminator(::csv::Terminator::CRLF)
        .quote_style(::csv::QuoteStyle::Necessary)
        .from_writer(Vec::new());
    w.write_record(HEADER).map_err(|e| e.to_string())?;
    for e in events {
        let sources: Vec<String> = {
            let mut v: Vec<String> = e.sources.iter().map(source_cell).collect();
            v.dedup();
            v
        };
        let row = [
            e.id.clone(),
            e.date.to_string(),
            e.end.map(|d| d.to_string()).unwrap_or_default(),
            e.precision().as_str().to_string(),
            e.title.clone(),
            join(&e.countries),
            join(&e.tags),
            join(&e.actors),
            join(&sources),
            e.summary.clone(),
            e.status.as_str().to_string(),
            e.confidence.map(|c| format!("{c:.2}")).unwrap_or_default(),
        ];
        w.write_record(row.iter().map(|c| neutralize(c).into_owned()))
            .map_err(|err| err.to_string())?;
    }
    let bytes = w.into_inner().map_err(|e| e.to_string())?;
    String::from_utf8(bytes).map_err(|e| e.to_string())
}

/// One source as a cell item: `Outlet: Title (published) URL`.
fn source_cell(s: &crate::model::Source) -> String {
    let c = Citation::of(s);
    let mut out = c.outlet.to_string();
    if let Some(t) = c.title {
        out.push_str(": ");
        out.push_str(t);
    }
    if let Some(d) = s.article.published {
        out.push_str(&format!(" ({d})"));
    }
    if let Some(u) = c.url {
        out.push(' ');
        out.push_str(u);
    }
    out
}

/// Items joined with `|`, with `\` and `|` inside them escaped by a backslash.
pub fn join<S: AsRef<str>>(items: impl IntoIterator<Item = S>) -> String {
    let escaped: Vec<String> = items
        .into_iter()
        .map(|s| s.as_ref().replace('\\', "\\\\").replace('|', "\\|"))
        .collect();
    escaped.join("|")
}

/// Splits a joined cell back into its items (the inverse of [`join`]).
pub fn split(cell: &str) -> Vec<String> {
    if cell.is_empty() {
        return Vec::new();
    }
    let mut items = vec![String::new()];
    let mut chars = cell.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                if let Some(n) = chars.next() {
                    items.last_mut().expect("never empty").push(n);
                }
            }
            '|' => items.push(String::new()),
            c => items.last_mut().expect("never empty").push(c),
        }
    }
    items
}

/// A cell that a spreadsheet would evaluate, made inert with a leading `'`.
pub fn neutralize(cell: &str) -> std::borrow::Cow<'_, str> {
    match cell.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{cell}").into(),
        _ => cell.into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_split_back() {
        for items in [
            vec!["TR", "RU"],
            vec!["a|b", "c\\d", ""],
            vec!["only"],
            vec!["x\\", "|"],
        ] {
            assert_eq!(split(&join(&items)), items);
        }
        assert!(split("").is_empty());
    }

    #[test]
    fn formulas_are_neutralized() {
        assert_eq!(neutralize("=1+1"), "'=1+1");
        assert_eq!(neutralize("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(neutralize("-2"), "'-2");
        assert_eq!(neutralize("+cmd"), "'+cmd");
        assert_eq!(neutralize("Coup"), "Coup");
    }
}
