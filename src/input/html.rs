//! Saved web pages (`.html`, `.htm`).
//!
//! The article text comes from dom_smoothie, a Rust port of Mozilla's
//! Readability (the algorithm behind Firefox's reader view): it scores the
//! page's blocks, keeps the article and drops navigation, scripts, styles and
//! comments. Its title, byline and site name are Readability's. The
//! publication date is annals' own: the first that the page gives of JSON-LD
//! `datePublished`, a `<meta>` tag, a `<time datetime>` near the headline, and
//! a date in the URL's path (a dateline at the top of the text
//! is looked for later, as for every article), and the article records which
//! one it was.

use std::path::Path;

use dom_query::{Document, NodeRef};
use dom_smoothie::{Config, Readability, TextMode};

use super::{InputKind, Read};
use crate::article::Article;
use crate::diag::{Location, Problem};
use crate::model::{ArticleMeta, DateFrom, DateValue};

pub(super) const KIND: InputKind = InputKind {
    name: "html",
    extensions: &["html", "htm", "xhtml"],
    sniff,
    read,
};

fn sniff(bytes: &[u8]) -> bool {
    let head = super::head_lower(bytes);
    head.starts_with("<!doctype html") || head.starts_with("<html") || {
        // a comment or an XML declaration first, then the page
        head.starts_with("<!--") || head.starts_with("<?xml")
    } && head.contains("<html")
}

/// Meta tags that state when a page was published, best first. Each is matched
/// against the tag's `property`, `name` or `itemprop`, without regard to case.
const PUBLISHED_META: &[&str] = &[
    "article:published_time",
    "og:article:published_time",
    "article:published",
    "published_time",
    "og:published_time",
    "datepublished",
    "date_published",
    "article.published",
    "publishdate",
    "publish-date",
    "publish_date",
    "pubdate",
    "parsely-pub-date",
    "sailthru.date",
    "dc.date.issued",
    "dcterms.issued",
    "dc.date.created",
    "dcterms.created",
    "dc.date",
    "dcterms.date",
    "citation_publication_date",
    "citation_date",
    "date",
    "article:created",
    "datecreated",
];

fn read(path: &Path, name: &str, bytes: &[u8]) -> Read {
    let file = name.to_string();
    let mut problems = Vec::new();
    let html = match std::str::from_utf8(bytes) {
        Ok(s) => std::borrow::Cow::Borrowed(s),
        Err(e) => {
            let lossy = String::from_utf8_lossy(bytes);
            problems.push(Problem {
                location: Location::at(path, &lossy, e.valid_up_to()),
                message: "not valid UTF-8; invalid bytes were replaced".into(),
                warning: true,
            });
            lossy
        }
    };
    let page = Page::read(&html);
    if page.text.trim().is_empty() {
        problems.push(Problem {
            location: Location {
                file: path.to_path_buf(),
                line: 1,
                col: 1,
            },
            message: "the page holds no text".into(),
            warning: true,
        });
    }
    let meta = ArticleMeta {
        file,
        title: page.title,
        source: page.site_name,
        author: page.author,
        published: page.published.map(|(d, _)| d),
        published_from: page.published.map(|(_, f)| f),
        url: page.url,
        ..Default::default()
    };
    Read {
        articles: vec![Article::extracted(KIND.name, meta, page.text, Vec::new())],
        problems,
    }
}

/// What annals reads from a web page.
#[derive(Debug, Default)]
pub struct Page {
    pub title: Option<String>,
    pub site_name: Option<String>,
    pub author: Option<String>,
    pub url: Option<String>,
    pub published: Option<(DateValue, DateFrom)>,
    /// The article's text, paragraphs apart by blank lines.
    pub text: String,
}

impl Page {
    /// Reads a page. Broken markup is read as well as the HTML parser can
    /// (as browsers do); a page Readability finds no article in gives the
    /// text of its body.
    pub fn read(html: &str) -> Page {
        let doc = Document::from(html);
        let url = canonical_url(&doc);
        let published = published(&doc, url.as_deref());
        let cfg = Config {
            text_mode: TextMode::Formatted,
            ..Default::default()
        };
        let mut page = Page {
            url,
            published,
            ..Default::default()
        };
        let mut readability = match Readability::with_document(doc, None, Some(cfg)) {
            Ok(r) => r,
            Err(_) => return page,
        };
        let metadata = readability.get_article_metadata(readability.parse_json_ld());
        page.title = clean(&metadata.title);
        page.site_name = metadata.site_name.as_deref().and_then(clean);
        page.author = metadata.byline.as_deref().and_then(clean);
        if page.url.is_none() {
            page.url = metadata.url.filter(|u| is_web_url(u));
        }
        match readability.parse() {
            Ok(article) => {
                page.text = tidy_text(&article.text_content);
                if page.author.is_none() {
                    page.author = article.byline.as_deref().and_then(clean);
                }
                if page.title.is_none() {
                    page.title = clean(&article.title);
                }
            }
            Err(_) => {
                // No article found: the body's text, without what never is text.
                let doc = Document::from(html);
                doc.select("script, style, noscript, template, head")
                    .remove();
                page.text = tidy_text(&doc.select("body").formatted_text());
            }
        }
        page
    }
}

/// One line of text with its runs of white space made single spaces, or none
/// when it is empty.
fn clean(s: &str) -> Option<String> {
    let s = s.split_whitespace().collect::<Vec<_>>().join(" ");
    (!s.is_empty()).then_some(s)
}

/// Extracted text: lines trimmed of trailing blanks, at most one empty line
/// between paragraphs, and no control characters but newlines and tabs.
pub(super) fn tidy_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut blank = 0;
    for line in s.lines() {
        let line: String = line
            .chars()
            .map(|c| match c {
                '\t' | '\u{a0}' => ' ',
                c => c,
            })
            .filter(|c| !c.is_control())
            .collect();
        let line = line.trim();
        if line.is_empty() {
            blank += 1;
            continue;
        }
        if !out.is_empty() {
            out.push_str(if blank > 0 { "\n\n" } else { "\n" });
        }
        blank = 0;
        out.push_str(line);
    }
    if !out.is_empty() {
        out.push('\n');
    }
    out
}

fn is_web_url(u: &str) -> bool {
    let l = u.trim().to_ascii_lowercase();
    l.starts_with("http://") || l.starts_with("https://")
}

/// The page's own address: its canonical link, else `og:url`.
fn canonical_url(doc: &Document) -> Option<String> {
    let canonical = doc
        .select("link[rel]")
        .nodes()
        .iter()
        .filter(|n| {
            n.attr("rel").is_some_and(|r| {
                r.split_whitespace()
                    .any(|w| w.eq_ignore_ascii_case("canonical"))
            })
        })
        .find_map(|n| n.attr("href").map(|h| h.trim().to_string()))
        .filter(|u| is_web_url(u));
    canonical.or_else(|| {
        meta_values(doc)
            .into_iter()
            .find(|(k, _)| k == "og:url")
            .map(|(_, v)| v)
            .filter(|u| is_web_url(u))
    })
}

/// `(key, content)` of every `<meta>` tag (and microdata element) with a
/// content, keys lower-cased, in document order; a tag with both a `name` and
/// a `property` gives both.
fn meta_values(doc: &Document) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for n in doc.select("meta").nodes() {
        let Some(content) = n.attr("content") else {
            continue;
        };
        let content = content.trim().to_string();
        if content.is_empty() {
            continue;
        }
        for attr in ["property", "name", "itemprop", "http-equiv"] {
            if let Some(keys) = n.attr(attr) {
                for k in keys.split_whitespace() {
                    out.push((k.to_ascii_lowercase(), content.clone()));
                }
            }
        }
    }
    // microdata on other elements: <span itemprop="datePublished" content=...>
    for n in doc
        .select("[itemprop][datetime], [itemprop][content]")
        .nodes()
    {
        if n.node_name().is_some_and(|t| &*t == "meta") {
            continue;
        }
        let value = n.attr("datetime").or_else(|| n.attr("content"));
        if let (Some(keys), Some(v)) = (n.attr("itemprop"), value) {
            for k in keys.split_whitespace() {
                out.push((k.to_ascii_lowercase(), v.trim().to_string()));
            }
        }
    }
    out
}

/// The page's publication date and where it was found.
fn published(doc: &Document, url: Option<&str>) -> Option<(DateValue, DateFrom)> {
    // JSON-LD first, as Readability does: schema.org's `datePublished` means
    // exactly the publication date, where meta tags are often the time a
    // page was last (re)published.
    if let Some(d) = json_ld_date(doc) {
        return Some((d, DateFrom::JsonLd));
    }
    let metas = meta_values(doc);
    let from_meta = PUBLISHED_META.iter().find_map(|key| {
        metas
            .iter()
            .filter(|(k, _)| k == key)
            .find_map(|(_, v)| parse_date(v))
    });
    if let Some(d) = from_meta {
        return Some((d, DateFrom::Meta));
    }
    if let Some(d) = time_near_headline(doc) {
        return Some((d, DateFrom::TimeElement));
    }
    url.and_then(date_in_url).map(|d| (d, DateFrom::Url))
}

/// `datePublished` (else `dateCreated`) of the page's JSON-LD blocks.
fn json_ld_date(doc: &Document) -> Option<DateValue> {
    let blocks: Vec<serde_json::Value> = doc
        .select("script[type]")
        .nodes()
        .iter()
        .filter(|n| {
            n.attr("type")
                .is_some_and(|t| t.trim().eq_ignore_ascii_case("application/ld+json"))
        })
        .filter_map(|n| serde_json::from_str(strip_cdata(&n.text())).ok())
        .collect();
    // an article's own date first, then any object's
    [true, false].iter().find_map(|&articles_only| {
        ["datePublished", "dateCreated"].iter().find_map(|key| {
            blocks
                .iter()
                .find_map(|b| find_key(b, key, articles_only, 0).and_then(parse_date))
        })
    })
}

/// A script's text without the `<![CDATA[ ... ]]>` that some pages wrap it in
/// (also behind `//` or `/* */`).
fn strip_cdata(s: &str) -> &str {
    let mut s = s.trim();
    for open in ["//<![CDATA[", "/*<![CDATA[*/", "<![CDATA["] {
        if let Some(rest) = s.strip_prefix(open) {
            s = rest.trim();
            break;
        }
    }
    for close in ["//]]>", "/*]]>*/", "]]>"] {
        if let Some(rest) = s.strip_suffix(close) {
            s = rest.trim();
            break;
        }
    }
    s
}

/// True when a JSON-LD object is an article (`@type` NewsArticle, Article,
/// BlogPosting, Report...).
fn is_article_object(map: &serde_json::Map<String, serde_json::Value>) -> bool {
    let is =
        |t: &str| t.ends_with("Article") || t.ends_with("Posting") || t == "Report" || t == "Blog";
    match map.get("@type") {
        Some(serde_json::Value::String(t)) => is(t),
        Some(serde_json::Value::Array(ts)) => ts.iter().filter_map(|t| t.as_str()).any(is),
        _ => false,
    }
}

/// The first string value of `key` in a JSON value (in an article object
/// only, when `articles_only`), looking into objects and arrays (`@graph`) a
/// few levels deep.
fn find_key<'a>(
    v: &'a serde_json::Value,
    key: &str,
    articles_only: bool,
    depth: usize,
) -> Option<&'a str> {
    if depth > 8 {
        return None;
    }
    match v {
        serde_json::Value::Object(map) => {
            if !articles_only || is_article_object(map) {
                if let Some(s) = map.get(key).and_then(|x| x.as_str()) {
                    return Some(s);
                }
            }
            map.values()
                .find_map(|x| find_key(x, key, articles_only, depth + 1))
        }
        serde_json::Value::Array(items) => items
            .iter()
            .find_map(|x| find_key(x, key, articles_only, depth + 1)),
        _ => None,
    }
}

/// The date of a `<time datetime>` element near the headline: one marked as
/// the publication date (`pubdate`, `itemprop="datePublished"`), else the first
/// after the first `<h1>`, else the first in an `<article>` or `<header>`.
fn time_near_headline(doc: &Document) -> Option<DateValue> {
    let times = doc.select("time[datetime]");
    let nodes = times.nodes();
    let date = |n: &NodeRef| n.attr("datetime").and_then(|d| parse_date(&d));
    let marked = nodes.iter().find(|n| {
        n.has_attr("pubdate")
            || n.attr("itemprop")
                .is_some_and(|p| p.eq_ignore_ascii_case("datepublished"))
    });
    if let Some(d) = marked.and_then(date) {
        return Some(d);
    }
    // document order: walk the tree once, noting the first h1
    let root = doc.root();
    let mut seen_h1 = false;
    for n in root.descendants_it() {
        if !n.is_element() {
            continue;
        }
        match n.node_name().as_deref() {
            Some("h1") => seen_h1 = true,
            Some("time") if seen_h1 => {
                if let Some(d) = date(&n) {
                    return Some(d);
                }
            }
            _ => {}
        }
    }
    nodes
        .iter()
        .filter(|n| {
            n.ancestors_it(None).any(|a| {
                a.node_name()
                    .is_some_and(|t| &*t == "article" || &*t == "header")
            })
        })
        .find_map(date)
}

/// A date in the path of a URL: `/2015/07/24/` (a day), `/2015/07/` (a month),
/// `/2015-07-24-` or `/20150724/` (a day).
pub fn date_in_url(url: &str) -> Option<DateValue> {
    let after_scheme = url.split_once("://").map_or(url, |(_, r)| r);
    let path = after_scheme
        .split_once('/')
        .map_or("", |(_, p)| p)
        .split(['?', '#'])
        .next()
        .unwrap_or("");
    let parts: Vec<&str> = path.split('/').collect();
    let num = |s: &str, len: usize| -> Option<u32> {
        (s.len() == len && s.bytes().all(|b| b.is_ascii_digit()))
            .then(|| s.parse().ok())
            .flatten()
    };
    for (i, p) in parts.iter().enumerate() {
        if let Some(y) = num(p, 4) {
            let Some(m) = parts
                .get(i + 1)
                .and_then(|s| num(s, 2).or_else(|| num(s, 1)))
            else {
                continue;
            };
            if let Some(d) = parts
                .get(i + 2)
                .and_then(|s| num(s, 2).or_else(|| num(s, 1)))
            {
                if let Some(v) = DateValue::day(y as i32, m, d) {
                    return Some(v);
                }
            }
            if (1..=12).contains(&m) && (1900..=2100).contains(&y) {
                return format!("{y:04}-{m:02}").parse().ok();
            }
        }
        // 2015-07-24 or 20150724 at the start of a segment
        let b = p.as_bytes();
        if b.len() >= 10 && b[4] == b'-' && b[7] == b'-' {
            if let (Some(y), Some(m), Some(d)) =
                (num(&p[..4], 4), num(&p[5..7], 2), num(&p[8..10], 2))
            {
                if b.len() == 10 || !b[10].is_ascii_digit() {
                    if let Some(v) = DateValue::day(y as i32, m, d) {
                        return Some(v);
                    }
                }
            }
        }
        if b.len() >= 8
            && b[..8].iter().all(u8::is_ascii_digit)
            && (b.len() == 8 || !b[8].is_ascii_digit())
        {
            let (y, m, d) = (num(&p[..4], 4), num(&p[4..6], 2), num(&p[6..8], 2));
            if let (Some(y), Some(m), Some(d)) = (y, m, d) {
                if (1900..=2100).contains(&y) {
                    if let Some(v) = DateValue::day(y as i32, m, d) {
                        return Some(v);
                    }
                }
            }
        }
    }
    None
}

/// A date as pages write it in metadata: ISO 8601 (`2015-07-24T05:36:09+01:00`,
/// `2017-11-03 03:01:00`, `2024-06-25`, `2015-07`), RFC 2822 (`Fri, 24 Jul
/// 2015 05:36:09 +0100`), or words (`July 24, 2015`). The date is the one
/// written, in the page's own time zone; its precision is what was written.
pub fn parse_date(s: &str) -> Option<DateValue> {
    let s = s.trim();
    let b = s.as_bytes();
    let digits = |r: std::ops::Range<usize>| {
        b.get(r.clone())
            .filter(|x| x.iter().all(u8::is_ascii_digit))
            .and_then(|_| s[r].parse::<u32>().ok())
    };
    if let Some(y) = digits(0..4).filter(|_| b.len() == 4 || !b[4].is_ascii_digit()) {
        let sep = b.get(4).copied();
        if matches!(sep, Some(b'-' | b'/' | b'.')) {
            if let Some(m) = digits(5..7) {
                let sep2 = b.get(7).copied();
                if sep2 == sep {
                    if let Some(d) =
                        digits(8..10).filter(|_| b.len() == 10 || !b[10].is_ascii_digit())
                    {
                        return DateValue::day(y as i32, m, d);
                    }
                    return None;
                }
                if b.len() == 7 {
                    return format!("{y:04}-{m:02}").parse().ok();
                }
            }
            return None;
        }
        if b.len() == 4 {
            return s.parse().ok();
        }
    }
    // 20150724 or 20150724T...
    if b.len() >= 8 && (b.len() == 8 || b[8] == b'T') {
        if let (Some(y), Some(m), Some(d)) = (digits(0..4), digits(4..6), digits(6..8)) {
            return DateValue::day(y as i32, m, d);
        }
    }
    if let Ok(dt) = chrono::DateTime::parse_from_rfc2822(s) {
        return Some(DateValue::Day(dt.date_naive()));
    }
    // words: the first full date the extractor finds, with its own year
    crate::extract::extract_text(s, None)
        .into_iter()
        .filter(|m| m.absolute)
        .find_map(|m| m.value.date())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Option<String> {
        parse_date(s).map(|d| d.to_string())
    }

    #[test]
    fn metadata_dates_keep_the_written_day_and_precision() {
        assert_eq!(
            d("2015-07-24T05:36:09+01:00").as_deref(),
            Some("2015-07-24")
        );
        assert_eq!(
            d("2015-07-24T23:36:09-08:00").as_deref(),
            Some("2015-07-24")
        );
        assert_eq!(
            d("2017-11-03 03:01:00.000000").as_deref(),
            Some("2017-11-03")
        );
        assert_eq!(d("2024-06-25").as_deref(), Some("2024-06-25"));
        assert_eq!(d("2015-07").as_deref(), Some("2015-07"));
        assert_eq!(d("2015").as_deref(), Some("2015"));
        assert_eq!(d("20150724").as_deref(), Some("2015-07-24"));
        assert_eq!(
            d("Fri, 24 Jul 2015 05:36:09 +0100").as_deref(),
            Some("2015-07-24")
        );
        assert_eq!(d("July 24, 2015").as_deref(), Some("2015-07-24"));
        assert_eq!(d("2015-13-40"), None);
        assert_eq!(d("soon"), None);
        assert_eq!(d(""), None);
    }

    #[test]
    fn dates_in_url_paths() {
        let u = |s: &str| date_in_url(s).map(|d| d.to_string());
        assert_eq!(
            u("https://x.com/news/2015/07/24/story").as_deref(),
            Some("2015-07-24")
        );
        assert_eq!(
            u("https://x.com/2015/07/story.html").as_deref(),
            Some("2015-07")
        );
        assert_eq!(
            u("https://x.com/a/2015-07-24-story").as_deref(),
            Some("2015-07-24")
        );
        assert_eq!(
            u("https://x.com/a/20150724/story").as_deref(),
            Some("2015-07-24")
        );
        assert_eq!(u("https://2015.com/about"), None);
        assert_eq!(u("https://x.com/item/12345678901"), None);
        assert_eq!(u("https://x.com/2015/story"), None);
    }

    fn page(html: &str) -> Page {
        Page::read(html)
    }

    const BODY: &str = "<p>The council met on Tuesday to discuss the harbour, which had been \
        closed since the storm. Members argued for hours about the cost of repairs and who \
        should pay for them, and the mayor promised an answer within the month.</p>\
        <p>Fishermen who depend on the harbour said the delay was costing them dearly, and \
        several asked that the works begin before the season opens in the spring.</p>";

    #[test]
    fn the_first_source_of_a_date_wins_in_order() {
        let html = format!(
            "<html><head><title>Harbour</title>\
             <meta property=\"article:published_time\" content=\"2019-03-04T10:00:00Z\">\
             <script type=\"application/ld+json\">{{\"datePublished\": \"2018-01-01\"}}</script>\
             </head><body><article><h1>Harbour</h1><time datetime=\"2017-02-02\">x</time>{BODY}\
             </article></body></html>"
        );
        let date = |h: &str| page(h).published.map(|(d, f)| (d.to_string(), f));
        assert_eq!(date(&html), Some(("2018-01-01".into(), DateFrom::JsonLd)));
        let no_ld = html.replace("datePublished", "image");
        assert_eq!(date(&no_ld), Some(("2019-03-04".into(), DateFrom::Meta)));
        let no_meta = no_ld.replace("article:published_time", "og:image");
        assert_eq!(
            date(&no_meta),
            Some(("2017-02-02".into(), DateFrom::TimeElement))
        );
        let with_url = no_meta
            .replace("<time datetime=\"2017-02-02\">x</time>", "")
            .replace(
                "<title>",
                "<link rel=\"canonical\" href=\"https://n.example/2016/05/06/harbour\"><title>",
            );
        assert_eq!(date(&with_url), Some(("2016-05-06".into(), DateFrom::Url)));
        assert_eq!(
            page(&with_url).url.as_deref(),
            Some("https://n.example/2016/05/06/harbour")
        );
        assert_eq!(date(&with_url.replace("2016/05/06/", "")), None);
    }

    #[test]
    fn json_ld_wrapped_in_cdata_is_read_and_an_article_date_wins() {
        let html = format!(
            "<html><head><script type=\"application/ld+json\">\n<![CDATA[\n[{{\"@type\": \"WebSite\", \
             \"datePublished\": \"2001-01-01\"}}, {{\"@type\": \"NewsArticle\", \
             \"datePublished\": \"2015-10-15T02:19:15Z\"}}]\n]]>\n</script></head><body>{BODY}</body></html>"
        );
        assert_eq!(
            page(&html).published.map(|(d, f)| (d.to_string(), f)),
            Some(("2015-10-15".into(), DateFrom::JsonLd))
        );
    }

    #[test]
    fn json_ld_in_a_graph_is_found() {
        let html = format!(
            "<html><head><script type=\"application/ld+json\">{{\"@graph\": [{{\"@type\": \"WebPage\"}}, \
             {{\"@type\": \"NewsArticle\", \"datePublished\": \"2020-12-31T23:00:00-05:00\"}}]}}</script>\
             </head><body>{BODY}</body></html>"
        );
        assert_eq!(
            page(&html).published.map(|(d, _)| d.to_string()).as_deref(),
            Some("2020-12-31")
        );
    }

    #[test]
    fn scripts_styles_and_comments_never_reach_the_text() {
        let html = format!(
            "<html><head><style>p {{ color: red }} .secret-style {{}}</style>\
             <script>var secretScript = '12 May 2001';</script></head><body><article>\
             <!-- secret comment 3 June 2002 -->{BODY}<script>document.write('secret inline')</script>\
             <noscript>secret noscript</noscript><style>.x{{}}</style></article></body></html>"
        );
        let p = page(&html);
        assert!(p.text.contains("The council met on Tuesday"), "{}", p.text);
        for s in ["secret", "color", "2001", "2002", "document.write"] {
            assert!(!p.text.contains(s), "{s} in {}", p.text);
        }
    }

    #[test]
    fn a_page_without_an_article_gives_its_body_text_without_scripts() {
        let p = page(
            "<html><body><script>alert('x')</script><p>Short note of 4 May 2020.</p></body></html>",
        );
        assert!(p.text.contains("Short note of 4 May 2020."), "{}", p.text);
        assert!(!p.text.contains("alert"), "{}", p.text);
    }

    #[test]
    fn broken_markup_is_read() {
        let p = page(&format!(
            "<html><body><div><p>Unclosed {BODY}<b><i>bold</b></div>"
        ));
        assert!(p.text.contains("The council met"), "{}", p.text);
    }

    #[test]
    fn control_characters_do_not_reach_the_text() {
        let html = format!(
            "<html><body><article>{BODY}<p>Evil \u{1b}[31mred\u{7} text.</p></article></body></html>"
        );
        let p = page(&html);
        assert!(
            !p.text.chars().any(|c| c.is_control() && c != '\n'),
            "{:?}",
            p.text
        );
    }

    #[test]
    fn reading_a_file_gives_one_article_with_text_offsets() {
        let html =
            format!("<html><head><title>Harbour talks</title></head><body>{BODY}</body></html>");
        let r = read(
            Path::new("dir/harbour.html"),
            "harbour.html",
            html.as_bytes(),
        );
        assert_eq!(r.articles.len(), 1);
        let a = &r.articles[0];
        assert_eq!(a.meta.file, "harbour.html");
        assert_eq!(a.meta.title.as_deref(), Some("Harbour talks"));
        assert!(!a.meta.offsets.is_file());
        assert_eq!(a.input, "html");
        assert!(a.text.starts_with("The council met"), "{}", a.text);
    }
}
