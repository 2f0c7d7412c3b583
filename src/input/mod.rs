//! The kinds of input annals reads, declared once.
//!
//! Articles come as plain text (with optional front matter), saved web pages
//! and news feeds; each kind is one entry of [`KINDS`] with the file name
//! extensions it claims and the function that turns a file into articles. A
//! folder of articles is read for every extension listed here, and `annals
//! articles` names the kind each article was read as. Event catalogs come as
//! annals' own TOML or JSON, or as GDELT event exports ([`gdelt`]); [`Events`]
//! tells them apart.

pub mod feed;
pub mod gdelt;
pub mod html;
mod text;

use std::path::Path;

use serde::Serialize;

use crate::article::Article;
use crate::diag::Problem;
use crate::model::DateValue;

/// What reading one file gave: its articles (a feed holds many), and the
/// problems found. A file that cannot be read at all gives no articles and an
/// error.
#[derive(Default)]
pub struct Read {
    pub articles: Vec<Article>,
    pub problems: Vec<Problem>,
}

/// One kind of article input.
pub struct InputKind {
    /// The name used in messages and in `annals articles`' `kind` column for
    /// each article read this way.
    pub name: &'static str,
    /// File name extensions (lower case, no dot) read as this kind in a folder.
    pub extensions: &'static [&'static str],
    /// Whether the start of a file with no known extension looks like this kind.
    pub sniff: fn(&[u8]) -> bool,
    /// Reads one file: `path` names it in messages, `name` in sources and
    /// event ids (see [`crate::loader::ArticleFile::name`]).
    pub read: fn(&Path, &str, &[u8]) -> Read,
}

/// Every kind of article input. Plain text comes first: it is what a file
/// that no other kind claims is read as.
pub static KINDS: &[InputKind] = &[text::KIND, html::KIND, feed::KIND];

/// The kind a file's extension claims.
pub fn kind_by_extension(path: &Path) -> Option<&'static InputKind> {
    let ext = path.extension()?.to_str()?.to_ascii_lowercase();
    KINDS.iter().find(|k| k.extensions.contains(&ext.as_str()))
}

/// The kind named `name` (as [`InputKind::name`] gives it).
pub fn kind_named(name: &str) -> Option<&'static InputKind> {
    KINDS.iter().find(|k| k.name == name)
}

/// True when a folder's file is an article: by its extension, or, for a
/// `.json` file (the extension JSON Feed files carry, which annals' own
/// exports and catalogs carry too), when its start looks like a JSON Feed.
pub fn is_article_file(path: &Path) -> bool {
    if kind_by_extension(path).is_some() {
        return true;
    }
    let json = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("json"));
    json && {
        use std::io::Read as _;
        let mut head = Vec::with_capacity(4096);
        std::fs::File::open(path)
            .and_then(|f| f.take(4096).read_to_end(&mut head))
            .is_ok()
            && (feed::KIND.sniff)(&head)
    }
}

/// The kind a file is read as: the one its extension names, else the first
/// whose sniffer recognises its start, else plain text.
pub fn kind_of(path: &Path, bytes: &[u8]) -> &'static InputKind {
    kind_by_extension(path)
        .or_else(|| KINDS.iter().skip(1).find(|k| (k.sniff)(bytes)))
        .unwrap_or(&KINDS[0])
}

/// Reads one article file as the kind it is; `name` names its articles.
pub fn read(path: &Path, name: &str, bytes: &[u8]) -> Read {
    (kind_of(path, bytes).read)(path, name, bytes)
}

/// Reads one article file named by its file name.
pub fn read_file(path: &Path, bytes: &[u8]) -> Read {
    let name = path
        .file_name()
        .map(|f| f.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string());
    read(path, &name, bytes)
}

/// The first non-blank bytes of a file, lower-cased, past a byte-order mark:
/// what sniffers look at.
pub(crate) fn head_lower(bytes: &[u8]) -> String {
    let b = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let start = b
        .iter()
        .position(|c| !c.is_ascii_whitespace())
        .unwrap_or(b.len());
    let end = (start + 1024).min(b.len());
    String::from_utf8_lossy(&b[start..end]).to_ascii_lowercase()
}

/// How `--events` is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Events {
    /// By the file's name and shape: a GDELT export when it looks like one,
    /// else annals' TOML or JSON catalog.
    #[default]
    Auto,
    /// annals' own catalog, TOML or JSON by extension.
    Annals,
    /// A GDELT 2.0 event export, tab-separated or zipped.
    Gdelt,
}

/// Options for reading the events file.
#[derive(Debug, Clone, Copy, Default)]
pub struct EventsOptions {
    pub format: Events,
    /// GDELT: merge rows that repeat one event, summing their counts.
    pub fold: bool,
}

/// True when the events file is to be read as a GDELT export.
pub fn events_are_gdelt(path: &Path, options: EventsOptions) -> bool {
    match options.format {
        Events::Annals => false,
        Events::Gdelt => true,
        Events::Auto => gdelt::recognise(path),
    }
}

/// What annals understood of one article, as `annals articles` prints it.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct ArticleRow {
    pub file: String,
    pub kind: &'static str,
    pub title: Option<String>,
    pub source: Option<String>,
    pub author: Option<String>,
    pub published: Option<DateValue>,
    pub published_from: &'static str,
    pub url: Option<String>,
    /// What the offsets of the article's mentions refer to: `file` or `text`.
    pub offsets: &'static str,
    /// Bytes of text read (for a page or a feed item, the extracted text).
    pub bytes: usize,
    pub mentions: usize,
}

impl ArticleRow {
    pub fn of(article: &Article, mentions: usize) -> ArticleRow {
        ArticleRow::from_meta(
            &article.meta,
            article.input,
            article.text.len() - article.body_start,
            mentions,
        )
    }

    /// The row of an article known by its metadata, the kind it was read as,
    /// the bytes of its text and its number of mentions.
    pub fn from_meta(
        m: &crate::model::ArticleMeta,
        kind: &'static str,
        bytes: usize,
        mentions: usize,
    ) -> ArticleRow {
        ArticleRow {
            file: m.file.clone(),
            kind,
            title: m.title.clone(),
            source: m.source.clone(),
            author: m.author.clone(),
            published: m.published,
            published_from: m.published_from.map_or("none", |f| f.as_str()),
            url: m.url.clone(),
            offsets: if m.offsets.is_file() { "file" } else { "text" },
            bytes,
            mentions,
        }
    }
}

/// `annals articles` as a table, `width` columns wide at most.
pub fn articles_table(rows: &[ArticleRow], width: usize) -> String {
    use crate::text::{inert, one_line};
    use unicode_width::UnicodeWidthStr;
    // (header, widest it may grow), in the order shown: the short columns
    // first, so a narrow terminal still shows what matters
    let columns: [(&str, usize); 10] = [
        ("FILE", 36),
        ("KIND", 9),
        ("PUBLISHED", 10),
        ("FROM", 12),
        ("MENTIONS", 8),
        ("BYTES", 9),
        ("TITLE", 50),
        ("SOURCE", 24),
        ("AUTHOR", 24),
        ("URL", 80),
    ];
    let headers: Vec<&str> = columns.iter().map(|c| c.0).collect();
    let cells: Vec<[String; 10]> = rows
        .iter()
        .map(|r| {
            let opt = |s: &Option<String>| one_line(&inert(s.as_deref().unwrap_or("-")));
            [
                one_line(&inert(&r.file)),
                r.kind.to_string(),
                r.published.map_or("-".into(), |d| d.to_string()),
                r.published_from.to_string(),
                r.mentions.to_string(),
                r.bytes.to_string(),
                opt(&r.title),
                opt(&r.source),
                opt(&r.author),
                opt(&r.url),
            ]
        })
        .collect();
    let mut widths: Vec<usize> = headers.iter().map(|h| h.len()).collect();
    for row in &cells {
        for ((w, c), (_, most)) in widths.iter_mut().zip(row).zip(&columns) {
            *w = (*w).max(c.width()).min(*most);
        }
    }
    let mut out = String::new();
    let mut line = |fields: Vec<&str>| {
        let mut l = String::new();
        for (k, (f, w)) in fields.iter().zip(&widths).enumerate() {
            if k > 0 {
                l.push_str("  ");
            }
            let cut = truncate_to_width(f, *w);
            let pad = w.saturating_sub(cut.width());
            l.push_str(&cut);
            if k + 1 < fields.len() {
                l.extend(std::iter::repeat_n(' ', pad));
            }
        }
        let l = truncate_to_width(l.trim_end(), width);
        out.push_str(&l);
        out.push('\n');
    };
    line(headers.clone());
    for row in &cells {
        line(row.iter().map(String::as_str).collect());
    }
    out
}

/// `s` cut to at most `width` terminal columns, with `…` where it was cut.
fn truncate_to_width(s: &str, width: usize) -> String {
    use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};
    if s.width() <= width {
        return s.to_string();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in s.chars() {
        let w = c.width().unwrap_or(0);
        if used + w + 1 > width {
            break;
        }
        used += w;
        out.push(c);
    }
    if width > 0 {
        out.push('…');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn extensions_pick_the_kind_in_any_case() {
        let k = |p: &str| kind_by_extension(Path::new(p)).map(|k| k.name);
        assert_eq!(k("a.txt"), Some("text"));
        assert_eq!(k("a.HTM"), Some("html"));
        assert_eq!(k("a.html"), Some("html"));
        assert_eq!(k("news.rss"), Some("feed item"));
        assert_eq!(k("news.atom"), Some("feed item"));
        assert_eq!(k("a.xml"), Some("feed item"));
        assert_eq!(k("a.png"), None);
        assert_eq!(k("README"), None);
    }

    #[test]
    fn a_file_without_a_known_extension_is_sniffed() {
        let k = |b: &str| kind_of(Path::new("saved"), b.as_bytes()).name;
        assert_eq!(k("  <!DOCTYPE html><html><body>x</body></html>"), "html");
        assert_eq!(
            k("<?xml version=\"1.0\"?>\n<rss version=\"2.0\"></rss>"),
            "feed item"
        );
        assert_eq!(
            k("<feed xmlns=\"http://www.w3.org/2005/Atom\">"),
            "feed item"
        );
        assert_eq!(k("On 4 May 2020 the talks ended."), "text");
    }

    #[test]
    fn a_json_file_in_a_folder_is_an_article_only_when_it_is_a_json_feed() {
        let dir = tempfile::tempdir().expect("temp dir");
        let feed = dir.path().join("news.JSON");
        std::fs::write(
            &feed,
            "{\"version\": \"https://jsonfeed.org/version/1.1\", \"items\": []}",
        )
        .unwrap();
        let export = dir.path().join("export.json");
        std::fs::write(&export, "[{\"id\": \"a\", \"title\": \"jsonfeed.org\"}]").unwrap();
        assert!(is_article_file(&feed));
        assert!(!is_article_file(&export));
        assert!(!is_article_file(&dir.path().join("missing.json")));
    }
}
