//! What the map step finds in one article, written as JSON Lines and read
//! back, so that extraction can run on other machines and the events be built
//! from what they send.
//!
//! `annals extract --for-events` writes, for each article, one *article line*
//! and then the article's *mention lines*. A mention line is what plain
//! `annals extract` prints with what the reduce step also reads: the offset
//! of the sentence (`sentence_start`) and, for a mention outside the running
//! text, its `place` in the article (headline, dateline, byline, heading,
//! caption, embed, related) and, for a heading, the sentence it `heads`. An
//! article line is an object with the key
//! `article` (the article's metadata, as sources carry it), `mentions` (how
//! many mention lines follow for it) and `links` (the catalog events it is a
//! source of: the event id and the place, as a source gives it, with why).
//! The events the catalog does not have are built from the mention lines in
//! the reduce step ([`crate::events`]), across articles, so each mention line
//! carries what that step reads: the sentence's offset and, outside running
//! text, the mention's place in the article.
//!
//! `annals events --from-mentions` reads such lines, from any number of
//! workers and in any order, turns them back into the [`ArticleResult`]s a
//! local load makes, and hands them to the same reduce step
//! ([`loader::reduce`]), so the two cannot differ.

use std::collections::{BTreeMap, HashMap};
use std::io::{BufRead, Read};
use std::path::Path;
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use crate::catalog::Catalog;
use crate::diag::{Location, Problem};
use crate::events::Place;
use crate::gazetteer::Gazetteer;
use crate::loader::{self, ArticleResult, Loaded, MentionRecord};
use crate::model::{ArticleMeta, Event, Source};
use crate::text::json_inert;

/// The longest line read: an article line quotes the sentences of its links
/// and events, so it may be larger than the article itself.
pub const MAX_LINE_BYTES: u64 = 8 * crate::article::MAX_ARTICLE_BYTES;

/// At most this many malformed lines are listed one by one; the rest are
/// counted.
const MAX_LISTED_ERRORS: usize = 20;

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct ArticleLine {
    article: Arc<ArticleMeta>,
    mentions: usize,
    /// The input kind the article was read as (`text`, `html`, `feed item`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    kind: Option<String>,
    /// Bytes of the article's text (for a page or feed item, the extracted text).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    bytes: Option<usize>,
    #[serde(default)]
    links: Vec<LinkLine>,
}

/// A source of a catalog event, named by the event's id.
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct LinkLine {
    event: String,
    start: usize,
    end: usize,
    text: String,
    dated: bool,
    sentence: crate::model::Excerpt,
    sentence_start: usize,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    why: String,
}

/// The article line of an article's results (JSON, ending in a line
/// break). `events` is the catalog the article was read against: its links
/// point into it.
pub fn article_line(result: &ArticleResult, events: &[Event]) -> std::io::Result<String> {
    let line = ArticleLine {
        article: result.article.clone(),
        mentions: result.mentions.len(),
        kind: result.row.as_ref().map(|r| r.kind.to_string()),
        bytes: result.row.as_ref().map(|r| r.bytes),
        links: result
            .links
            .iter()
            .map(|(i, s)| LinkLine {
                event: events[*i].id.clone(),
                start: s.start,
                end: s.end,
                text: s.text.to_string(),
                dated: s.dated,
                sentence: s.sentence.clone(),
                sentence_start: s.sentence_start,
                why: s.why.to_string(),
            })
            .collect(),
    };
    let json = serde_json::to_string(&line).map_err(std::io::Error::other)?;
    Ok(json_inert(json) + "\n")
}

/// What a mention line adds to a plain `annals extract` record.
#[derive(Serialize, Deserialize)]
struct MentionExtras {
    sentence_start: usize,
    #[serde(default, skip_serializing_if = "Place::is_prose")]
    place: Place,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    heads: Option<String>,
}

/// The keys of [`MentionExtras`], taken out of a mention line before the
/// plain record is read.
const EXTRA_KEYS: [&str; 3] = ["sentence_start", "place", "heads"];

/// The mention lines of an article's results (JSON, each ending in a line
/// break).
pub fn mention_lines(result: &ArticleResult) -> std::io::Result<String> {
    let mut out = String::new();
    for m in &result.mentions {
        // the plain record's keys in their order, then the extras (an
        // object never empty: it always has the sentence's offset)
        let plain = serde_json::to_string(m).map_err(std::io::Error::other)?;
        let extras = serde_json::to_string(&MentionExtras {
            sentence_start: m.sentence_start,
            place: m.place,
            heads: m.heads.clone(),
        })
        .map_err(std::io::Error::other)?;
        let json = format!("{},{}", &plain[..plain.len() - 1], &extras[1..]);
        out.push_str(&json_inert(json));
        out.push('\n');
    }
    Ok(out)
}

/// A mention line read back: the plain record with its extras.
fn mention_from(mut value: serde_json::Value) -> Result<MentionRecord, serde_json::Error> {
    let mut extras = serde_json::Map::new();
    if let Some(obj) = value.as_object_mut() {
        for k in EXTRA_KEYS {
            if let Some(v) = obj.remove(k) {
                extras.insert(k.to_string(), v);
            }
        }
    }
    let mut m: MentionRecord = serde_json::from_value(value)?;
    let extras: MentionExtras = serde_json::from_value(serde_json::Value::Object(extras))?;
    m.sentence_start = extras.sentence_start;
    m.place = extras.place;
    m.heads = extras.heads;
    Ok(m)
}

/// An article's lines as `annals extract --for-events` writes them: the
/// article line, then its mention lines.
pub fn write_jsonl(
    result: &ArticleResult,
    events: &[Event],
    out: &mut String,
) -> std::io::Result<()> {
    out.push_str(&article_line(result, events)?);
    out.push_str(&mention_lines(result)?);
    Ok(())
}

/// Lines read back: the articles' results, warnings about what was left out,
/// and errors for lines that could not be read.
#[derive(Debug, Default)]
pub struct ReadBack {
    pub results: Vec<ArticleResult>,
    pub warnings: Vec<Problem>,
    pub errors: Vec<Problem>,
    /// Malformed lines past the ones listed in `errors`.
    pub more_errors: usize,
}

/// Reads article and mention lines from `input` (named `name` in messages)
/// against the catalog `events`. Every line is read: a malformed one is an
/// error naming its line; mention lines of an article without an article
/// line, links to events the catalog lacks, and an article described twice
/// are warnings, and what they concern is left out.
pub fn read(input: impl Read, name: &Path, events: &[Event]) -> std::io::Result<ReadBack> {
    let mut input = std::io::BufReader::new(input);
    let ids: HashMap<&str, usize> = events
        .iter()
        .enumerate()
        .map(|(i, e)| (e.id.as_str(), i))
        .collect();
    let mut out = ReadBack::default();
    let at = |line: usize, col: usize| Location {
        file: name.to_path_buf(),
        line,
        col,
    };
    let error = |out: &mut ReadBack, line: usize, col: usize, message: String| {
        if out.errors.len() < MAX_LISTED_ERRORS {
            out.errors.push(Problem {
                location: at(line, col),
                message,
                warning: false,
            });
        } else {
            out.more_errors += 1;
        }
    };
    // by file reference: the article lines (with their line numbers) and the
    // mentions; a BTreeMap so that what follows does not depend on the order
    // the lines came in
    let mut articles: BTreeMap<String, Vec<(usize, ArticleLine)>> = BTreeMap::new();
    let mut mentions: HashMap<String, Vec<(usize, MentionRecord)>> = HashMap::new();
    let mut buf = Vec::new();
    for n in 1.. {
        buf.clear();
        let read = (&mut input)
            .take(MAX_LINE_BYTES + 1)
            .read_until(b'\n', &mut buf)?;
        if read == 0 {
            break;
        }
        if read as u64 > MAX_LINE_BYTES {
            error(
                &mut out,
                n,
                1,
                format!("the line is longer than {} MiB", MAX_LINE_BYTES >> 20),
            );
            // skip the rest of the line
            loop {
                buf.clear();
                let more = (&mut input)
                    .take(MAX_LINE_BYTES)
                    .read_until(b'\n', &mut buf)?;
                if more == 0 || buf.last() == Some(&b'\n') {
                    break;
                }
            }
            continue;
        }
        let line = match std::str::from_utf8(&buf) {
            Ok(l) => l,
            Err(e) => {
                let col = String::from_utf8_lossy(&buf[..e.valid_up_to()])
                    .chars()
                    .count()
                    + 1;
                error(&mut out, n, col, "the line is not valid UTF-8".into());
                continue;
            }
        };
        if line.trim().is_empty() {
            continue;
        }
        let value: serde_json::Value = match serde_json::from_str(line) {
            Ok(v) => v,
            Err(e) => {
                let col = line
                    .get(..e.column().saturating_sub(1))
                    .map_or(e.column(), |s| s.chars().count() + 1);
                error(
                    &mut out,
                    n,
                    col,
                    format!("not JSON: {}", strip_position(&e)),
                );
                continue;
            }
        };
        let is_article = value.get("article").is_some();
        if is_article {
            match serde_json::from_value::<ArticleLine>(value) {
                Ok(a)
                    if a.kind
                        .as_deref()
                        .is_some_and(|k| crate::input::kind_named(k).is_none()) =>
                {
                    error(
                        &mut out,
                        n,
                        1,
                        format!(
                            "not an article line: unknown kind `{}` (text, html or feed item)",
                            crate::text::one_line(a.kind.as_deref().unwrap_or(""))
                        ),
                    )
                }
                Ok(a) => articles
                    .entry(a.article.file.clone())
                    .or_default()
                    .push((n, a)),
                Err(e) => error(&mut out, n, 1, format!("not an article line: {e}")),
            }
        } else {
            match mention_from(value) {
                Ok(m) => mentions.entry(m.file.clone()).or_default().push((n, m)),
                Err(e) => error(&mut out, n, 1, format!("not a mention line: {e}")),
            }
        }
    }
    let warn = |out: &mut ReadBack, line: usize, message: String| {
        out.warnings.push(Problem {
            location: at(line, 1),
            message,
            warning: true,
        })
    };
    for (file, mut lines) in articles {
        let mut found = mentions.remove(&file).unwrap_or_default();
        if lines.len() > 1 {
            lines.sort_by_key(|(n, _)| *n);
            let at_lines: Vec<String> = lines.iter().map(|(n, _)| n.to_string()).collect();
            warn(
                &mut out,
                lines[0].0,
                format!(
                    "article `{file}` is described {} times (lines {}); it is left out, \
                     with its {} mention lines",
                    lines.len(),
                    at_lines.join(", "),
                    found.len()
                ),
            );
            continue;
        }
        let (n, line) = lines.pop().expect("one line");
        if found.len() != line.mentions {
            warn(
                &mut out,
                n,
                format!(
                    "article `{file}` has {} mentions but {} mention lines were read: \
                     part of the extraction is missing or repeated",
                    line.mentions,
                    found.len()
                ),
            );
        }
        // the order extraction gives: by place in the article
        found.sort_by_key(|(n, m)| (m.start, m.end, *n));
        let article = line.article;
        let kind = line
            .kind
            .as_deref()
            .and_then(crate::input::kind_named)
            .unwrap_or(&crate::input::KINDS[0]);
        let row = crate::input::ArticleRow::from_meta(
            &article,
            kind.name,
            line.bytes.unwrap_or(0),
            line.mentions,
        );
        let mut links = Vec::with_capacity(line.links.len());
        for l in line.links {
            match ids.get(l.event.as_str()) {
                Some(&i) => links.push((
                    i,
                    Source {
                        article: article.clone(),
                        start: l.start,
                        end: l.end,
                        text: l.text.into(),
                        dated: l.dated,
                        sentence: l.sentence,
                        sentence_start: l.sentence_start,
                        why: l.why.into(),
                    },
                )),
                None => warn(
                    &mut out,
                    n,
                    format!(
                        "article `{file}` is a source of event `{}`, which the catalog \
                         does not have (was it extracted with another catalog?); the \
                         link is left out",
                        l.event
                    ),
                ),
            }
        }
        out.results.push(ArticleResult {
            article,
            mentions: found.into_iter().map(|(_, m)| m).collect(),
            links,
            problems: Vec::new(),
            row: Some(row),
        });
    }
    let mut unknown: Vec<(String, Vec<(usize, MentionRecord)>)> = mentions.into_iter().collect();
    unknown.sort_by(|a, b| a.0.cmp(&b.0));
    for (file, lines) in unknown {
        let first = lines.iter().map(|(n, _)| *n).min().unwrap_or(1);
        warn(
            &mut out,
            first,
            format!(
                "{} mention {} of article `{file}`, which no article line describes; \
                 skipped",
                lines.len(),
                if lines.len() == 1 { "line" } else { "lines" }
            ),
        );
    }
    out.warnings.sort_by_key(|p| p.location.line);
    Ok(out)
}

/// A serde_json message without its " at line L column C" ending, which would
/// count lines within the one line read.
fn strip_position(e: &serde_json::Error) -> String {
    let s = e.to_string();
    match s.rfind(" at line ") {
        Some(i) => s[..i].to_string(),
        None => s,
    }
}

/// Builds the timeline from results read back, against the catalog and
/// gazetteer the sources name, through the same reduce step as a local load.
pub fn build(gazetteer: Gazetteer, catalog: Catalog, read: ReadBack) -> Loaded {
    let mut problems = read.warnings;
    problems.extend(read.errors);
    loader::reduce(gazetteer, catalog, read.results, problems, &|_| {})
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::loader::{ArticleInput, Sources};
    use std::path::PathBuf;

    fn bundled() -> (Gazetteer, Catalog) {
        let sources = Sources::default();
        let g = loader::load_gazetteer(&Sources {
            countries: Some(
                PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("assets/countries.toml"),
            ),
            ..sources
        })
        .unwrap();
        let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("events.toml");
        let c = crate::catalog::load_file(&path, &g).unwrap();
        (g, c)
    }

    fn articles() -> Vec<ArticleInput> {
        let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("assets/articles");
        let mut problems = Vec::new();
        loader::article_files(&[dir], &mut problems)
            .into_iter()
            .map(|f| ArticleInput {
                bytes: std::fs::read(&f.path).unwrap(),
                path: f.path,
                name: f.name,
            })
            .collect()
    }

    #[test]
    fn records_read_back_as_written() {
        let (g, c) = bundled();
        let results = loader::map_articles(articles(), &c.events, &g, &|_| {});
        assert!(results.iter().any(|r| !r.links.is_empty()));
        assert!(
            results
                .iter()
                .any(|r| r.mentions.iter().any(|m| m.event.is_none()))
        );
        let mut text = String::new();
        for r in &results {
            write_jsonl(r, &c.events, &mut text).unwrap();
        }
        let back = read(text.as_bytes(), Path::new("m.jsonl"), &c.events).unwrap();
        assert!(back.errors.is_empty(), "{:?}", back.errors);
        assert!(back.warnings.is_empty(), "{:?}", back.warnings);
        let strip = |mut r: ArticleResult| {
            r.problems.clear();
            r
        };
        let mut want: Vec<ArticleResult> = results.into_iter().map(strip).collect();
        want.sort_by(|a, b| a.article.file.cmp(&b.article.file));
        assert_eq!(back.results.len(), want.len());
        for (b, w) in back.results.iter().zip(&want) {
            assert_eq!(b, w, "{}", w.article.file);
        }
    }
}
