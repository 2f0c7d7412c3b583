//! News feeds: RSS 0.9x, 1.0 and 2.0, Atom and JSON Feed, read with feed-rs.
//! Each item is an article: its title, link, date and author, and its content
//! (else its summary) with the markup stripped.

use std::path::Path;

use dom_query::Document;

use super::{InputKind, Read};
use crate::article::Article;
use crate::diag::{Location, Problem};
use crate::model::{ArticleMeta, DateFrom, DateValue};

pub(super) const KIND: InputKind = InputKind {
    name: "feed item",
    extensions: &["rss", "atom", "xml", "rdf", "feed"],
    sniff,
    read,
};

fn sniff(bytes: &[u8]) -> bool {
    let head = super::head_lower(bytes);
    (head.starts_with('<')
        && ["<rss", "<feed", "<rdf:rdf"]
            .iter()
            .any(|r| head.contains(r)))
        || (head.starts_with('{') && head.contains("jsonfeed.org"))
}

fn read(path: &Path, name: &str, bytes: &[u8]) -> Read {
    let feed = match parse(path, bytes) {
        Ok(f) => f,
        Err(p) => {
            return Read {
                articles: Vec::new(),
                problems: vec![p],
            };
        }
    };
    let outlet = feed
        .title
        .as_ref()
        .and_then(|t| one_line(&strip_markup(&t.content, t.content_type.as_ref())));
    let articles = feed
        .entries
        .iter()
        .enumerate()
        .map(|(k, e)| {
            let date = e.published.or(e.updated);
            let text = match (&e.content, &e.summary) {
                (Some(c), _) if c.body.as_deref().is_some_and(|b| !b.trim().is_empty()) => {
                    strip_markup(c.body.as_deref().unwrap_or(""), c.content_type.as_ref())
                }
                (_, Some(s)) => strip_markup(&s.content, s.content_type.as_ref()),
                _ => String::new(),
            };
            let authors: Vec<String> = e
                .authors
                .iter()
                .filter_map(|p| p.name.as_deref().or(p.email.as_deref()).and_then(person))
                .collect();
            let meta = ArticleMeta {
                file: format!("{name}#{}", k + 1),
                title: e
                    .title
                    .as_ref()
                    .and_then(|t| one_line(&strip_markup(&t.content, t.content_type.as_ref()))),
                source: outlet.clone(),
                author: (!authors.is_empty()).then(|| authors.join(", ")),
                published: date.map(|d| DateValue::Day(d.date_naive())),
                published_from: date.map(|_| DateFrom::Feed),
                url: e.links.first().map(|l| l.href.trim().to_string()),
                ..Default::default()
            };
            Article::extracted(KIND.name, meta, text, Vec::new())
        })
        .collect();
    Read {
        articles,
        problems: Vec::new(),
    }
}

/// The feed, or an error naming where the file stops being XML or JSON.
fn parse(path: &Path, bytes: &[u8]) -> Result<feed_rs::model::Feed, Problem> {
    let text = String::from_utf8_lossy(bytes);
    let at = |offset: usize, message: String| Problem {
        location: Location::at(path, &text, offset.min(text.len())),
        message,
        warning: false,
    };
    let start = bytes
        .strip_prefix(b"\xEF\xBB\xBF")
        .unwrap_or(bytes)
        .iter()
        .position(|c| !c.is_ascii_whitespace());
    let json = start.is_some_and(|i| {
        let b = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
        b[i] == b'{' || b[i] == b'['
    });
    if json {
        if let Err(e) = serde_json::from_slice::<serde_json::Value>(bytes) {
            return Err(Problem {
                location: Location {
                    file: path.to_path_buf(),
                    line: e.line(),
                    col: e.column(),
                },
                message: format!("the feed is not valid JSON: {e}"),
                warning: false,
            });
        }
    } else if let Some(offset) = xml_error(bytes) {
        return Err(at(
            offset.0,
            format!("the feed is not well-formed XML: {}", offset.1),
        ));
    }
    feed_rs::parser::Builder::new()
        .timestamp_parser(written_day)
        .build()
        .parse(bytes)
        .map_err(|e| {
            let offset = match &e {
                feed_rs::parser::ParseFeedError::ParseError(kind) => match kind {
                    feed_rs::parser::ParseErrorKind::UnknownMimeType { position, .. }
                    | feed_rs::parser::ParseErrorKind::MissingContent { position, .. }
                    | feed_rs::parser::ParseErrorKind::UnknownEnumVariant { position, .. }
                    | feed_rs::parser::ParseErrorKind::IllegalState { position, .. } => {
                        *position as usize
                    }
                    feed_rs::parser::ParseErrorKind::NoFeedRoot => 0,
                },
                _ => 0,
            };
            let why = match &e {
                feed_rs::parser::ParseFeedError::ParseError(
                    feed_rs::parser::ParseErrorKind::NoFeedRoot,
                ) => "no RSS, Atom or JSON Feed in it".to_string(),
                other => other.to_string(),
            };
            at(offset, format!("not a feed: {why}"))
        })
}

/// The day a feed's timestamp names, as written in the feed's own time zone
/// (`Sat, 16 Dec 2023 23:30:00 -0500` is the 16th, not the 17th it is in
/// UTC), as midnight UTC of that day: annals keeps a feed item's date to the
/// day. Timestamps that do not follow RFC 2822 or 3339 (`Sat, Dec 16 2023
/// 02:02:33 PM`) are read as pages' metadata dates are
/// ([`super::html::parse_date`]). `None` when no day can be read.
fn written_day(s: &str) -> Option<chrono::DateTime<chrono::Utc>> {
    match super::html::parse_date(s)? {
        DateValue::Day(d) => Some(d.and_time(chrono::NaiveTime::MIN).and_utc()),
        _ => None,
    }
}

/// A person as a feed names them, on one line: RSS writes `email (Name)`,
/// which feed-rs splits into the address and `(Name)`; the parentheses go.
fn person(s: &str) -> Option<String> {
    let s = one_line(s)?;
    let inner = s
        .strip_prefix('(')
        .and_then(|r| r.strip_suffix(')'))
        .filter(|r| !r.contains(['(', ')']));
    match inner {
        Some(r) => one_line(r),
        None => Some(s),
    }
}

/// Where XML stops being well-formed, and why: the byte offset quick-xml
/// stopped at. `None` when the whole file reads.
fn xml_error(bytes: &[u8]) -> Option<(usize, String)> {
    let mut reader = quick_xml::Reader::from_reader(bytes);
    reader.config_mut().check_end_names = true;
    let mut buf = Vec::new();
    let mut depth = 0usize;
    let mut roots = 0usize;
    loop {
        match reader.read_event_into(&mut buf) {
            Ok(quick_xml::events::Event::Eof) => {
                if depth > 0 {
                    return Some((bytes.len(), "the file ends inside an element".into()));
                }
                return (roots == 0).then(|| (0, "no element in it".into()));
            }
            Ok(quick_xml::events::Event::Start(_)) => {
                if depth == 0 {
                    roots += 1;
                }
                depth += 1;
            }
            Ok(quick_xml::events::Event::End(_)) => depth = depth.saturating_sub(1),
            Ok(quick_xml::events::Event::Empty(_)) if depth == 0 => roots += 1,
            Ok(quick_xml::events::Event::Text(t)) if depth == 0 => {
                let t = t.into_inner();
                let t = t.as_bytes();
                if t.iter().any(|c| !c.is_ascii_whitespace()) {
                    let end = reader.buffer_position() as usize;
                    let first = end - t.len()
                        + t.iter().position(|c| !c.is_ascii_whitespace()).unwrap_or(0);
                    return Some((first, "text outside any element".into()));
                }
            }
            Ok(_) => {}
            Err(e) => return Some((reader.error_position() as usize, e.to_string())),
        }
        buf.clear();
    }
}

/// Text with the markup of a feed field stripped (unless the field says it is
/// plain text): scripts, styles and comments dropped, paragraphs apart by
/// blank lines, control characters gone.
fn strip_markup(s: &str, content_type: &str) -> String {
    if content_type.starts_with("text/plain") && !s.contains('<') {
        return super::html::tidy_text(s);
    }
    let doc = Document::fragment(s);
    doc.select("script, style, noscript, template").remove();
    super::html::tidy_text(&doc.select("body, html").first().formatted_text())
}

fn one_line(s: &str) -> Option<String> {
    let s = s.split_whitespace().collect::<Vec<_>>().join(" ");
    (!s.is_empty()).then_some(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read_str(name: &str, s: &str) -> Read {
        read(Path::new(name), name, s.as_bytes())
    }

    const RSS: &str = r#"<?xml version="1.0"?>
<rss version="2.0"><channel><title>Harbour News</title>
<item><title>Council meets</title><link>https://h.example/a</link>
<pubDate>Tue, 03 Mar 2020 10:00:00 GMT</pubDate><author>ed@h.example (Ed Smith)</author>
<description>&lt;p&gt;The council met on &lt;b&gt;3 March 2020&lt;/b&gt;.&lt;/p&gt;&lt;script&gt;evil()&lt;/script&gt;</description></item>
<item><title>Second</title><description>Plain words.</description></item>
</channel></rss>"#;

    #[test]
    fn each_rss_item_is_an_article() {
        let r = read_str("h.rss", RSS);
        assert!(r.problems.is_empty());
        assert_eq!(r.articles.len(), 2);
        let a = &r.articles[0];
        assert_eq!(a.meta.file, "h.rss#1");
        assert_eq!(a.meta.title.as_deref(), Some("Council meets"));
        assert_eq!(a.meta.source.as_deref(), Some("Harbour News"));
        assert_eq!(a.meta.url.as_deref(), Some("https://h.example/a"));
        assert_eq!(
            a.meta.published.map(|d| d.to_string()).as_deref(),
            Some("2020-03-03")
        );
        assert_eq!(a.meta.published_from, Some(DateFrom::Feed));
        assert_eq!(a.input, "feed item");
        assert_eq!(a.text.trim(), "The council met on 3 March 2020.");
        assert_eq!(r.articles[1].meta.file, "h.rss#2");
        assert_eq!(r.articles[1].meta.published, None);
    }

    #[test]
    fn atom_and_json_feeds_are_read() {
        let atom = r#"<feed xmlns="http://www.w3.org/2005/Atom"><title>A</title>
<entry><title>One</title><id>1</id><updated>2021-01-02T00:00:00Z</updated>
<author><name>Ann</name></author><content type="html">&lt;p&gt;Hi&lt;/p&gt;</content></entry></feed>"#;
        let r = read_str("a.atom", atom);
        assert_eq!(r.articles.len(), 1);
        assert_eq!(r.articles[0].meta.author.as_deref(), Some("Ann"));
        assert_eq!(r.articles[0].text.trim(), "Hi");
        let json = r#"{"version": "https://jsonfeed.org/version/1.1", "title": "J",
 "items": [{"id": "1", "title": "T", "url": "https://j.example/1",
 "content_html": "<p>On 5 May 2019.</p>", "date_published": "2019-05-05T08:00:00Z"}]}"#;
        let r = read_str("j.json", json);
        assert!(r.problems.is_empty(), "{:?}", r.problems);
        assert_eq!(r.articles.len(), 1);
        assert_eq!(r.articles[0].text.trim(), "On 5 May 2019.");
        assert_eq!(r.articles[0].meta.source.as_deref(), Some("J"));
    }

    #[test]
    fn an_item_is_dated_by_the_day_its_feed_wrote() {
        let item = |date: &str| {
            format!(
                "<rss version=\"2.0\"><channel><title>T</title><item><title>x</title>\
                 <pubDate>{date}</pubDate><author>desk@t.example (Ann Lee)</author>\
                 </item></channel></rss>"
            )
        };
        let day = |date: &str| {
            let r = read_str("t.rss", &item(date));
            assert!(r.problems.is_empty(), "{:?}", r.problems);
            r.articles[0].meta.published.map(|d| d.to_string())
        };
        // late in the evening west of Greenwich: the next day in UTC
        assert_eq!(
            day("Sat, 16 Dec 2023 23:30:00 -0500").as_deref(),
            Some("2023-12-16")
        );
        assert_eq!(
            day("2023-12-16T01:00:00+09:00").as_deref(),
            Some("2023-12-16")
        );
        // not RFC 2822, as some feeds write it
        assert_eq!(
            day("Sat, Dec 16 2023 02:02:33 PM").as_deref(),
            Some("2023-12-16")
        );
        assert_eq!(day("soon"), None);
        let r = read_str("t.rss", &item("Sat, 16 Dec 2023 10:00:00 GMT"));
        assert_eq!(r.articles[0].meta.author.as_deref(), Some("Ann Lee"));
    }

    #[test]
    fn people_lose_the_parentheses_rss_puts_around_names() {
        assert_eq!(person("(Ann Lee)").as_deref(), Some("Ann Lee"));
        assert_eq!(person(" Ann  Lee ").as_deref(), Some("Ann Lee"));
        assert_eq!(
            person("Ann (Annie) Lee").as_deref(),
            Some("Ann (Annie) Lee")
        );
        assert_eq!(person("(Ann) (Lee)").as_deref(), Some("(Ann) (Lee)"));
        assert_eq!(person("()"), None);
    }

    #[test]
    fn broken_xml_is_an_error_at_its_line_and_column() {
        let broken =
            "<rss version=\"2.0\"><channel>\n<title>x</title>\n  <item></itm>\n</channel></rss>";
        let r = read_str("b.xml", broken);
        assert!(r.articles.is_empty());
        let p = &r.problems[0];
        assert!(!p.warning);
        assert_eq!((p.location.line, p.location.col), (3, 9), "{p}");
    }

    #[test]
    fn broken_json_is_an_error_at_its_line_and_column() {
        let r = read_str(
            "b.json",
            "{\"version\": \"https://jsonfeed.org/version/1\",\n \"items\": [,]}",
        );
        let p = &r.problems[0];
        assert_eq!((p.location.line, p.location.col), (2, 12), "{p}");
    }

    #[test]
    fn text_that_is_not_a_feed_is_an_error() {
        let r = read_str("notes.xml", "just some words\n");
        assert!(r.articles.is_empty());
        assert_eq!(r.problems.len(), 1);
        assert_eq!(
            (r.problems[0].location.line, r.problems[0].location.col),
            (1, 1)
        );
        let r = read_str("page.xml", "<html><body>hi</body></html>");
        assert!(r.articles.is_empty());
        assert!(
            r.problems[0].message.contains("not a feed"),
            "{}",
            r.problems[0]
        );
    }
}
