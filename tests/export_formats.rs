//! Every export format, rendered from fixed selections and read back by an
//! independent reader: the csv crate, the icalendar crate's parser,
//! pulldown-cmark, and annals' own catalog loader for JSON.

mod common;

use std::collections::BTreeSet;
use std::path::Path;

use annals::catalog;
use annals::export::{self, ExportError, Format};
use annals::model::{Event, Precision};
use annals::text::one_line;
use annals::timeline::Timeline;

fn render(t: &Timeline, idx: &[usize], f: Format) -> String {
    export::render(t, idx, f, &common::ctx("fixed test selection")).expect("renders")
}

fn events<'a>(t: &'a Timeline, idx: &[usize]) -> Vec<&'a Event> {
    export::selected(t, idx)
        .expect("readable")
        .into_iter()
        .map(|e| match e {
            std::borrow::Cow::Borrowed(e) => e,
            std::borrow::Cow::Owned(_) => panic!("the test timeline is held in memory"),
        })
        .collect()
}

// ---------------------------------------------------------------- snapshots

#[test]
fn snapshots_of_the_bundled_selection() {
    let loaded = common::bundled();
    let t = &loaded.timeline;
    let idx = common::selection(t);
    assert_eq!(
        idx.len(),
        common::SELECTION.len() + 1,
        "an extracted event too"
    );
    for &f in Format::ALL {
        let text = render(t, &idx, f);
        // CRLF would show as noise in the snapshot; the iCalendar test below
        // checks the line ends themselves.
        let shown = text.replace("\r\n", "\n");
        insta::assert_snapshot!(format!("bundled_{}", f.name()), shown);
    }
}

#[test]
fn snapshots_of_awkward_events() {
    let t = common::tricky();
    let idx = common::all(&t);
    for &f in Format::ALL {
        let shown = render(&t, &idx, f).replace("\r\n", "\n");
        insta::assert_snapshot!(format!("tricky_{}", f.name()), shown);
    }
}

#[test]
fn events_go_out_in_timeline_order_once() {
    let loaded = common::bundled();
    let t = &loaded.timeline;
    let mut idx = common::selection(t);
    idx.extend(common::selection(t));
    idx.push(usize::MAX);
    let text = render(t, &idx, Format::JSON);
    let v: serde_json::Value = serde_json::from_str(&text).expect("json");
    let ids: Vec<&str> = v
        .as_array()
        .expect("array")
        .iter()
        .map(|e| e["id"].as_str().expect("id"))
        .collect();
    let mut expected: Vec<usize> = common::selection(t);
    expected.sort_unstable();
    let expected: Vec<String> = expected.iter().map(|&i| t.event(i).id.clone()).collect();
    assert_eq!(ids, expected);
}

#[test]
fn nothing_selected_is_an_error_in_every_format() {
    let loaded = common::bundled();
    for &f in Format::ALL {
        let r = export::render(&loaded.timeline, &[], f, &common::ctx("none"));
        assert!(matches!(r, Err(ExportError::Nothing)), "{f}");
    }
}

// ---------------------------------------------------------------- CSV

/// Undoes the formula guard: a `'` put before `=`, `+`, `-`, `@`, tab or CR.
fn restore(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if rest.starts_with(['=', '+', '-', '@', '\t', '\r']) => rest,
        _ => cell,
    }
}

fn check_csv(t: &Timeline, idx: &[usize]) {
    let text = render(t, idx, Format::CSV);
    assert!(text.ends_with("\r\n"), "records end in CRLF");
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .from_reader(text.as_bytes());
    let header: Vec<String> = reader
        .headers()
        .expect("header")
        .iter()
        .map(String::from)
        .collect();
    assert_eq!(
        header.join(","),
        "id,date,end,precision,title,countries,tags,actors,sources,summary,status,confidence"
    );
    let records: Vec<csv::StringRecord> = reader.records().map(|r| r.expect("record")).collect();
    let evs = events(t, idx);
    assert_eq!(records.len(), evs.len(), "one row per event");
    for (r, e) in records.iter().zip(&evs) {
        assert_eq!(r.len(), 12);
        assert_eq!(&r[10], e.status.as_str());
        assert_eq!(
            &r[11],
            e.confidence.map(|c| format!("{c:.2}")).unwrap_or_default()
        );
        for cell in r.iter() {
            assert!(
                !cell.starts_with(['=', '+', '-', '@']),
                "a formula cell reached the spreadsheet: {cell:?}"
            );
        }
        let split = |i: usize| export::csv::split(restore(&r[i]));
        assert_eq!(restore(&r[0]), e.id);
        assert_eq!(restore(&r[1]), e.date.to_string());
        assert_eq!(
            restore(&r[2]),
            e.end.map(|d| d.to_string()).unwrap_or_default()
        );
        assert_eq!(restore(&r[3]), e.precision().as_str());
        assert_eq!(restore(&r[4]), e.title, "title survives");
        assert_eq!(e.countries, split(5));
        assert_eq!(e.tags, split(6));
        assert_eq!(e.actors, split(7));
        let sources = split(8);
        for s in &e.sources {
            let outlet = s.article.source.as_deref().unwrap_or(&s.article.file);
            assert!(
                sources.iter().any(|c| c.starts_with(outlet)),
                "source {outlet} in {sources:?}"
            );
        }
        assert!(sources.len() <= e.sources.len());
        assert_eq!(restore(&r[9]), e.summary, "summary survives");
    }
}

#[test]
fn csv_reads_back_field_for_field() {
    let loaded = common::bundled();
    check_csv(&loaded.timeline, &common::all(&loaded.timeline));
}

#[test]
fn csv_keeps_commas_quotes_newlines_and_disarms_formulas() {
    let t = common::tricky();
    check_csv(&t, &common::all(&t));
    let text = render(&t, &common::all(&t), Format::CSV);
    assert!(text.contains("\"'=HYPERLINK(\"\"http://x\"\",\"\"click\"\")\""));
    assert!(text.contains("'-2+3 is not a formula here"));
}

// ---------------------------------------------------------------- iCalendar

fn check_ics(t: &Timeline, idx: &[usize]) {
    use icalendar::{Calendar, CalendarComponent, Component, DatePerhapsTime};

    let text = render(t, idx, Format::ICS);
    // the octets on the wire: CRLF everywhere, no line over 75 octets
    assert!(text.ends_with("\r\n"));
    assert!(!text.replace("\r\n", "").contains('\n'), "bare LF");
    assert!(!text.replace("\r\n", "").contains('\r'), "bare CR");
    for line in text.split("\r\n") {
        assert!(line.len() <= 75, "{} octets: {line:?}", line.len());
    }
    let lines: Vec<&str> = text.split("\r\n").collect();
    assert_eq!(lines[0], "BEGIN:VCALENDAR");
    assert!(lines.contains(&"VERSION:2.0"));
    assert!(lines.iter().any(|l| l.starts_with("PRODID:")));

    let cal: Calendar = text.parse().expect("the icalendar crate parses the export");
    let parsed: Vec<&icalendar::Event> = cal
        .components
        .iter()
        .filter_map(|c| match c {
            CalendarComponent::Event(e) => Some(e),
            _ => None,
        })
        .collect();
    let evs = events(t, idx);
    assert_eq!(parsed.len(), evs.len(), "one VEVENT per event");
    let mut uids = BTreeSet::new();
    for (p, e) in parsed.iter().zip(&evs) {
        let uid = p.get_uid().expect("UID");
        assert_eq!(uid, format!("{}@annals", e.id));
        assert!(uids.insert(uid.to_string()), "UIDs are distinct");
        assert_eq!(
            p.get_start(),
            Some(DatePerhapsTime::Date(e.span_start())),
            "{}: DTSTART",
            e.id
        );
        assert_eq!(
            p.get_end(),
            Some(DatePerhapsTime::Date(e.span_end())),
            "{}: DTEND (exclusive)",
            e.id
        );
        match e.precision() {
            Precision::Month => {
                let start = e.date.start();
                assert_eq!(start.format("%d").to_string(), "01");
            }
            Precision::Year => assert_eq!(e.date.start().format("%m-%d").to_string(), "01-01"),
            _ => {}
        }
        assert!(p.get_timestamp().is_some(), "DTSTAMP in UTC");
        let title = e.title.trim().replace("\r\n", "\n");
        let summary = p.get_summary().expect("SUMMARY");
        if e.precision() == Precision::Day {
            assert_eq!(summary, title);
        } else {
            assert!(summary.starts_with(&title), "{summary:?}");
            assert!(summary.contains(&e.describe_date()), "{summary:?}");
            assert!(summary.contains(e.precision().as_str()), "{summary:?}");
        }
        let description = p.get_description().expect("DESCRIPTION");
        let body = e.summary.trim().replace("\r\n", "\n");
        assert!(description.starts_with(&body), "{description:?}");
        for s in &e.sources {
            assert!(description.contains(s.sentence.trim()), "{description:?}");
        }
        match p.multi_properties().get("CATEGORIES") {
            Some(props) => {
                let v: Vec<&str> = props.iter().map(|p| p.value()).collect();
                assert_eq!(v.join(","), e.tags.join(","));
            }
            None => assert!(e.tags.is_empty(), "{}: CATEGORIES missing", e.id),
        }
    }
}

#[test]
fn ics_dates_read_back_as_written() {
    let loaded = common::bundled();
    check_ics(&loaded.timeline, &common::all(&loaded.timeline));
}

#[test]
fn ics_escapes_and_folds_awkward_text() {
    let t = common::tricky();
    check_ics(&t, &common::all(&t));
    let text = render(&t, &common::all(&t), Format::ICS);
    // folded in the middle of a long line of two- and three-byte characters,
    // never inside one (a cut character would not be valid UTF-8 on its own)
    assert!(
        text.split("\r\n")
            .any(|l| l.starts_with(' ') && !l.is_ascii())
    );
}

// ---------------------------------------------------------------- Markdown

/// Text as it shows on one line: every line break a space.
fn flat(s: &str) -> String {
    one_line(&s.replace("\r\n", "\n"))
}

fn check_md(t: &Timeline, idx: &[usize]) {
    use pulldown_cmark::{Event as Md, HeadingLevel, LinkType, Options, Parser, Tag, TagEnd};

    let text = render(t, idx, Format::MD);
    let opts = Options::ENABLE_FOOTNOTES | Options::ENABLE_STRIKETHROUGH | Options::ENABLE_TABLES;
    let mut headings: Vec<(HeadingLevel, String)> = Vec::new();
    let mut in_heading: Option<(HeadingLevel, String)> = None;
    let mut paragraphs: Vec<String> = Vec::new();
    let mut para: Option<String> = None;
    // per event (after each level-3 heading): the "Mentioned in" items, each
    // the article's line and its quotes
    let mut mentions: Vec<Vec<String>> = Vec::new();
    let mut depth = 0usize;
    for ev in Parser::new_ext(&text, opts) {
        match ev {
            Md::Start(Tag::Heading { level, .. }) => {
                if level == HeadingLevel::H3 {
                    mentions.push(Vec::new());
                }
                in_heading = Some((level, String::new()))
            }
            Md::End(TagEnd::Heading(_)) => headings.extend(in_heading.take()),
            Md::Start(Tag::Paragraph) if depth == 0 => para = Some(String::new()),
            Md::End(TagEnd::Paragraph) if depth == 0 => paragraphs.extend(para.take()),
            Md::Text(s) => {
                if let Some((_, h)) = in_heading.as_mut() {
                    h.push_str(&s);
                }
                if let Some(p) = para.as_mut() {
                    p.push_str(&s);
                }
                if depth > 0 {
                    let items = mentions.last_mut().expect("a list under an event");
                    items.last_mut().expect("an item").push_str(&s);
                }
            }
            Md::SoftBreak | Md::HardBreak => panic!("one line per paragraph"),
            Md::FootnoteReference(l) => {
                panic!("a footnote [^{l}]: sources are listed, not footnoted")
            }
            Md::Start(Tag::List(None)) => {
                if depth == 0 {
                    assert_eq!(
                        paragraphs.last().map(String::as_str),
                        Some("Mentioned in:"),
                        "the only list is the one of articles"
                    );
                }
                depth += 1;
            }
            Md::End(TagEnd::List(_)) => depth -= 1,
            Md::Start(Tag::Item) if depth == 1 => {
                mentions.last_mut().expect("an event").push(String::new())
            }
            Md::Start(Tag::Item) if depth == 2 => {}
            Md::Start(Tag::Link { link_type, .. }) => {
                assert_eq!(link_type, LinkType::Autolink, "only source URLs are links");
            }
            Md::Html(h) | Md::InlineHtml(h) => panic!("raw HTML from data: {h}"),
            Md::Start(
                tag @ (Tag::Emphasis
                | Tag::Strong
                | Tag::Strikethrough
                | Tag::Image { .. }
                | Tag::List(_)
                | Tag::Item
                | Tag::BlockQuote(_)
                | Tag::CodeBlock(_)
                | Tag::Table(_)
                | Tag::FootnoteDefinition(_)),
            ) => panic!("data became markup: {tag:?}"),
            Md::Code(c) => panic!("data became code: {c}"),
            _ => {}
        }
    }
    let evs = events(t, idx);
    assert_eq!(mentions.len(), evs.len());
    for (e, items) in evs.iter().zip(&mentions) {
        let articles = e.sources_by_article();
        assert_eq!(
            items.len(),
            articles.len(),
            "{}: each article that mentions it once: {items:?}",
            e.id
        );
        for (item, sources) in items.iter().zip(&articles) {
            for s in sources {
                let quote = format!("“{}”", flat(s.sentence.trim()));
                assert!(item.contains(&quote), "{}: {item} quotes {quote}", e.id);
            }
        }
    }

    let h1: Vec<&String> = headings
        .iter()
        .filter(|(l, _)| *l == HeadingLevel::H1)
        .map(|(_, s)| s)
        .collect();
    assert_eq!(h1.len(), 1);
    assert!(h1[0].contains("fixed test selection") && h1[0].contains("15 January 2026"));
    let years: Vec<String> = headings
        .iter()
        .filter(|(l, _)| *l == HeadingLevel::H2)
        .map(|(_, s)| s.clone())
        .collect();
    let mut expected_years: Vec<String> = evs
        .iter()
        .map(|e| e.date.first_year().to_string())
        .collect();
    expected_years.dedup();
    assert_eq!(years, expected_years, "grouped by year");
    let h3: Vec<&String> = headings
        .iter()
        .filter(|(l, _)| *l == HeadingLevel::H3)
        .map(|(_, s)| s)
        .collect();
    assert_eq!(h3.len(), evs.len());
    for (h, e) in h3.iter().zip(&evs) {
        assert_eq!(
            **h,
            format!("{}: {}", e.describe_date(), flat(&e.title)),
            "the heading shows the date in words and the title as written"
        );
        let summary = flat(e.summary.trim());
        if !summary.is_empty() {
            assert!(
                paragraphs.contains(&summary),
                "summary of {} as a plain paragraph, as written and alone",
                e.id
            );
        }
        for c in &e.countries {
            let name = t.gazetteer.name(c);
            assert!(
                paragraphs.iter().any(|p| p.contains(name)),
                "country {name} by name"
            );
        }
    }
}

#[test]
fn markdown_renders_as_a_briefing() {
    let loaded = common::bundled();
    let t = &loaded.timeline;
    check_md(t, &common::selection(t));
    check_md(t, &common::all(t));
}

#[test]
fn the_briefing_lists_mentions_apart_from_the_summary() {
    let loaded = common::bundled();
    let t = &loaded.timeline;
    let text = render(t, &common::selection(t), Format::MD);
    assert!(!text.contains("[^"), "no footnotes: {text}");
    // the coup is quoted twice from one article: one item, two quotes
    let coup = t.index_of("coup-attempt-2016").unwrap();
    let e = &t.event(coup);
    let part = text
        .split("\n### ")
        .find(|p| p.contains(&flat(&e.title)))
        .expect("the coup's section");
    let by_article = e.sources_by_article();
    let items = part.lines().filter(|l| l.starts_with("- ")).count();
    assert_eq!(items, by_article.len(), "{part}");
    assert!(
        by_article.iter().any(|s| s.len() > 1),
        "the fixture quotes one article twice"
    );
    let summary_line = part
        .lines()
        .find(|l| l.starts_with("A faction"))
        .expect("the summary");
    assert!(
        summary_line.ends_with('.'),
        "nothing glued to the summary: {summary_line}"
    );
    let after = part.split_once(summary_line).unwrap().1;
    assert!(after.trim_start().starts_with("Mentioned in:"), "{part}");
}

#[test]
fn a_briefing_of_marked_events_says_so_in_its_title() {
    let t = common::tricky();
    let text = export::render(&t, &[0, 2, 4], Format::MD, &common::ctx("3 marked events"))
        .expect("renders");
    let title = text.lines().next().unwrap();
    assert_eq!(
        title,
        "# Briefing: 3 marked events (exported 15 January 2026)"
    );
}

#[test]
fn markdown_shows_awkward_text_literally() {
    let t = common::tricky();
    check_md(&t, &common::all(&t));
}

// ---------------------------------------------------------------- JSON

fn check_json(t: &Timeline, idx: &[usize]) {
    let text = render(t, idx, Format::JSON);
    let cat = catalog::parse(Path::new("exported.json"), &text, &t.gazetteer)
        .expect("annals reads its own export");
    assert!(cat.problems.is_empty(), "{:?}", cat.problems);
    let back: Vec<&Event> = cat.events.iter().collect();
    assert_eq!(back, events(t, idx), "every field and source comes back");
    let v: serde_json::Value = serde_json::from_str(&text).expect("json");
    for (j, e) in v.as_array().expect("array").iter().zip(events(t, idx)) {
        assert_eq!(j["precision"], e.precision().as_str());
    }
}

#[test]
fn json_loads_back_losing_nothing() {
    let loaded = common::bundled();
    check_json(&loaded.timeline, &common::all(&loaded.timeline));
    let t = common::tricky();
    check_json(&t, &common::all(&t));
}

// ---------------------------------------------------------------- TimelineJS

#[test]
fn timelinejs_has_a_title_slide_and_dates_at_precision() {
    let t = common::tricky();
    let v: serde_json::Value =
        serde_json::from_str(&render(&t, &common::all(&t), Format::TIMELINEJS)).expect("json");
    assert!(v["title"]["text"]["headline"].is_string());
    let slides = v["events"].as_array().expect("events");
    assert_eq!(slides.len(), t.len());
    let mut ids = BTreeSet::new();
    for (s, e) in slides.iter().zip(t.iter()) {
        let d = &s["start_date"];
        assert!(d["year"].is_i64());
        assert_eq!(
            d.get("month").is_some(),
            e.precision() <= Precision::Quarter
        );
        assert_eq!(d.get("day").is_some(), e.precision() <= Precision::Week);
        assert_eq!(s.get("end_date").is_some(), e.end.is_some());
        assert_eq!(s.get("group").and_then(|g| g.as_str()), e.tags.first());
        let id = s["unique_id"].as_str().expect("id");
        assert!(ids.insert(id.to_string()));
        let headline = s["text"]["headline"].as_str().expect("headline");
        assert!(!headline.contains('<'), "markup escaped: {headline}");
        let body = s["text"]["text"].as_str().expect("text");
        assert!(!body.contains("<script"), "{body}");
        assert!(!body.contains("javascript:"), "only web links: {body}");
    }
}

// ---------------------------------------------------------------- plain text

#[test]
fn plain_text_is_a_dated_list_at_each_date_s_precision() {
    let loaded = common::bundled();
    let t = &loaded.timeline;
    let idx = common::selection(t);
    let txt: Format = "txt".parse().expect("txt is a format");
    let text = render(t, &idx, txt);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(
        lines[0],
        "7 events, fixed test selection (exported 15 January 2026)"
    );
    assert_eq!(lines[1], "");
    let evs = events(t, &idx);
    assert_eq!(lines.len(), 2 + evs.len(), "{text}");
    for (line, e) in lines[2..].iter().zip(&evs) {
        let start = format!("- {}: {}", e.describe_date(), flat(&e.title));
        assert!(line.starts_with(&start), "{line} starts with {start}");
    }
    assert!(
        text.contains("- 1915: Armenian genocide"),
        "a year stays a year: {text}"
    );
    assert!(
        text.contains("- August 2016: "),
        "a month stays a month: {text}"
    );
    // awkward text stays on its line and inert
    let t = common::tricky();
    let text = export::render(&t, &common::all(&t), txt, &common::ctx("3 marked events"))
        .expect("renders");
    assert!(text.starts_with("7 events, 3 marked events"), "{text}");
    assert_eq!(text.lines().count(), 2 + t.len(), "{text}");
    assert!(text.contains("- the 1990s: The 1990s"), "{text}");
    assert!(
        text.contains("- Q3 2020: Third quarter with CRLF"),
        "{text}"
    );
    assert!(!text.chars().any(annals::text::is_dangerous), "{text:?}");
}

#[test]
fn every_format_is_offered_by_the_command_line_and_named_in_its_help() {
    let o = common::annals(&common::root(), &["export", "--help"]);
    let help = common::stdout(&o);
    assert!(o.status.success(), "{}", common::stderr(&o));
    let o = common::annals(&common::root(), &["export", "--format", "pdf"]);
    let refusal = common::stderr(&o);
    assert_eq!(o.status.code(), Some(2));
    let unknown = "pdf".parse::<Format>().unwrap_err().to_string();
    for &f in Format::ALL {
        assert!(
            help.contains(f.name()) && help.contains(f.label()),
            "{f}: {help}"
        );
        assert!(
            help.contains(&format!("annals export --format {} ", f.name())),
            "an example of {f}: {help}"
        );
        assert!(refusal.contains(f.name()), "{f}: {refusal}");
        assert!(unknown.contains(f.name()), "{f}: {unknown}");
        let o = common::annals(
            &common::root(),
            &["export", "--format", f.name(), "--query", "coup"],
        );
        assert!(o.status.success(), "{f}: {}", common::stderr(&o));
        assert!(!o.stdout.is_empty(), "{f}");
    }
}
