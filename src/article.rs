//! Article files: optional TOML front matter between `+++` lines, then the text.
//! Offsets everywhere refer to the file as read (front matter included). A
//! file that is not UTF-8 is decoded with each invalid byte replaced by
//! U+FFFD (three bytes); its offsets index that decoded text, and the warning
//! about the file says so.

use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde::Deserialize;

use crate::diag::{Location, Problem};
use crate::model::{ArticleKind, ArticleMeta, DateError, DateFrom, DateValue, Offsets};

/// An article read from disk or from the bundle.
pub struct ArticleInput {
    /// Where it was read from, for messages.
    pub path: PathBuf,
    /// The name that sources, `extract` and event ids carry (see
    /// [`crate::loader::ArticleFile::name`]).
    pub name: String,
    pub bytes: Vec<u8>,
}

/// Articles larger than this are refused with a warning rather than read. News
/// articles are a few kilobytes; the limit leaves room for long reports and
/// keeps the memory a pathological file can take (every few bytes a date
/// expression) within the machine.
pub const MAX_ARTICLE_BYTES: u64 = 64 << 20;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FrontMatter {
    #[serde(default)]
    title: Option<String>,
    #[serde(default)]
    source: Option<String>,
    #[serde(default)]
    author: Option<String>,
    #[serde(default)]
    published: Option<toml::Value>,
    #[serde(default)]
    kind: Option<ArticleKind>,
    #[serde(default)]
    url: Option<String>,
}

/// An article as read: its text, where the body starts, and what is known of it.
#[derive(Debug, Clone)]
pub struct Article {
    pub meta: Arc<ArticleMeta>,
    /// The whole file as read (invalid UTF-8 replaced).
    pub text: String,
    /// Byte offset where the body starts (after the front matter).
    pub body_start: usize,
    /// Warnings about the file.
    pub problems: Vec<Problem>,
    /// The input kind it was read as (`text`, `html`, `feed item`).
    pub input: &'static str,
}

impl Article {
    /// Parses an article from its bytes; `path` is used for messages, and its
    /// file name names the article.
    pub fn parse(path: &Path, bytes: &[u8]) -> Article {
        let file = path
            .file_name()
            .map(|f| f.to_string_lossy().into_owned())
            .unwrap_or_else(|| path.display().to_string());
        Article::parse_named(path, &file, bytes)
    }

    /// Parses an article from its bytes, named `name` in its sources and
    /// events; `path` is used for messages.
    pub fn parse_named(path: &Path, name: &str, bytes: &[u8]) -> Article {
        let file = name.to_string();
        let mut problems = Vec::new();
        let text = match std::str::from_utf8(bytes) {
            Ok(s) => s.to_string(),
            Err(e) => {
                let lossy = String::from_utf8_lossy(bytes).into_owned();
                problems.push(Problem {
                    location: Location::at(path, &lossy, e.valid_up_to()),
                    message: "not valid UTF-8; invalid bytes were replaced by U+FFFD, and \
                              offsets from here on index the text so decoded, not the file"
                        .into(),
                    warning: true,
                });
                lossy
            }
        };
        Article::from_text(path, file, text, problems)
    }

    fn from_text(path: &Path, file: String, text: String, mut problems: Vec<Problem>) -> Article {
        let mut meta = ArticleMeta {
            file,
            ..Default::default()
        };
        let mut body_start = 0;
        let text_ref = text.as_str();
        let first_line_end = text_ref.find('\n').map_or(text_ref.len(), |i| i + 1);
        // a byte-order mark before the opening `+++` is not text (it stays
        // in `text`, so offsets still count the file's bytes)
        let opener = text_ref[..first_line_end]
            .trim_start_matches('\u{feff}')
            .trim_end_matches(['\r', '\n']);
        if opener == "+++" {
            match find_closing(text_ref, first_line_end) {
                Some((fm_end, after)) => {
                    body_start = after;
                    let fm = &text_ref[first_line_end..fm_end];
                    match toml::from_str::<FrontMatter>(fm) {
                        Ok(f) => apply_front_matter(
                            path,
                            text_ref,
                            first_line_end,
                            f,
                            &mut meta,
                            &mut problems,
                        ),
                        Err(e) => problems.push(Problem {
                            location: Location::at(
                                path,
                                text_ref,
                                first_line_end + e.span().map_or(0, |s| s.start),
                            ),
                            message: format!("front matter ignored: {}", e.message().trim()),
                            warning: true,
                        }),
                    }
                }
                None => problems.push(Problem {
                    location: Location::at(path, text_ref, 0),
                    message: "front matter is not closed by a `+++` line; read as plain text"
                        .into(),
                    warning: true,
                }),
            }
        } else if opener == "---" && is_yaml_front_matter(text_ref, first_line_end) {
            problems.push(Problem {
                location: Location::at(path, text_ref, 0),
                message: "front matter between `---` lines (YAML) is not read: annals reads \
                          TOML front matter between `+++` lines (`title = \"…\"`); read as \
                          plain text"
                    .into(),
                warning: true,
            });
        }
        if meta.title.is_none() {
            meta.title = headline(&text[body_start..]);
        }
        Article {
            meta: Arc::new(meta),
            text,
            body_start,
            problems,
            input: "text",
        }
    }

    /// An article whose text was extracted from a richer file (a web page, a
    /// feed item): its offsets refer to `text`, and `meta` says what the file
    /// told of it.
    pub fn extracted(
        input: &'static str,
        mut meta: ArticleMeta,
        text: String,
        problems: Vec<Problem>,
    ) -> Article {
        meta.offsets = Offsets::Text;
        Article {
            meta: Arc::new(meta),
            text,
            body_start: 0,
            problems,
            input,
        }
    }

    pub fn body(&self) -> &str {
        &self.text[self.body_start..]
    }

    /// Sets the publication date when the front matter gave none, and where
    /// it came from.
    /// Sets the date the text's relative dates count from when it has no
    /// publication date (see [`ArticleMeta::reference`]).
    pub fn set_reference(&mut self, date: DateValue) {
        Arc::make_mut(&mut self.meta).reference = Some(date);
    }

    pub fn set_published(&mut self, date: DateValue, from: Option<DateFrom>) {
        let meta = Arc::make_mut(&mut self.meta);
        meta.published = Some(date);
        meta.published_from = from;
    }
}

/// The first line of a body, when it has the shape of a headline: at most
/// 20 words and 200 bytes, not ending as a sentence does. It names an article
/// whose front matter gives no title (a plain-text article).
fn headline(body: &str) -> Option<String> {
    let line = body
        .lines()
        .map(|l| l.trim_matches(|c: char| c.is_whitespace() || c == '\u{feff}'))
        .find(|l| !l.is_empty())?;
    let ends_sentence = line
        .trim_end_matches(['"', '”', '’', '\'', ')'])
        .ends_with(['.', '!', '?']);
    (line.len() <= 200
        && line.split_whitespace().count() <= 20
        && line.chars().any(char::is_alphabetic)
        && !ends_sentence)
        .then(|| line.to_string())
}

/// The end of the front matter and the start of the body, when a `+++` line
/// closes it.
fn find_closing(text: &str, from: usize) -> Option<(usize, usize)> {
    let mut pos = from;
    while pos < text.len() {
        let line_end = text[pos..].find('\n').map_or(text.len(), |i| pos + i + 1);
        if text[pos..line_end].trim_end_matches(['\r', '\n']) == "+++" {
            return Some((pos, line_end));
        }
        pos = line_end;
    }
    None
}

/// True when the lines after an opening `---` line are `key: value` lines
/// up to a closing `---` line: front matter as Jekyll or Hugo write it.
fn is_yaml_front_matter(text: &str, from: usize) -> bool {
    let mut keys = 0;
    for line in text[from..].lines().take(100) {
        let line = line.trim_end();
        if line == "---" {
            return keys > 0;
        }
        if line.trim().is_empty() || line.starts_with([' ', '-', '#']) {
            continue;
        }
        let key = line.split_once(':').map(|(k, _)| k);
        if !key.is_some_and(|k| {
            !k.is_empty()
                && k.chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
        }) {
            return false;
        }
        keys += 1;
    }
    false
}

fn apply_front_matter(
    path: &Path,
    text: &str,
    fm_start: usize,
    f: FrontMatter,
    meta: &mut ArticleMeta,
    problems: &mut Vec<Problem>,
) {
    meta.title = f.title;
    meta.source = f.source;
    meta.author = f.author;
    meta.kind = f.kind;
    meta.url = f.url;
    if let Some(p) = f.published {
        let offset = text[fm_start..]
            .find("published")
            .map_or(fm_start, |i| fm_start + i);
        let s = match &p {
            toml::Value::String(s) => s.clone(),
            toml::Value::Datetime(d) => d.to_string(),
            other => {
                problems.push(Problem {
                    location: Location::at(path, text, offset),
                    message: format!(
                        "published: {other} is not a date: write a date such as \"2016-08-10\""
                    ),
                    warning: true,
                });
                return;
            }
        };
        match published_date(&s) {
            Ok(d) => {
                meta.published = Some(d);
                meta.published_from = Some(DateFrom::FrontMatter);
            }
            Err(e) => {
                problems.push(Problem {
                    location: Location::at(path, text, offset),
                    message: format!("published: {e}"),
                    warning: true,
                });
            }
        }
    }
}

/// A publication date as articles give it: a date at any precision annals
/// reads (`2016`, `2016-08`, `2016-08-10`), or a timestamp whose date is kept
/// and whose time is dropped (`2016-08-10T12:00:00Z`, `2016-08-10 12:00`).
/// The date is the one written, whatever the time zone: the day the outlet
/// dated the article.
pub fn published_date(s: &str) -> Result<DateValue, DateError> {
    let s = s.trim();
    let date = match s.as_bytes().get(10) {
        Some(b'T' | b't' | b' ') if s.is_char_boundary(10) => &s[..10],
        _ => s,
    };
    date.parse()
}

/// Byte ranges of the body that are page furniture, not prose: photo credits,
/// lone gallery counters, comment counters, pleas for tips. Offsets are in the
/// file as read.
pub fn furniture(text: &str, body_start: usize) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut pos = body_start;
    while pos < text.len() {
        let line_end = text[pos..].find('\n').map_or(text.len(), |i| pos + i);
        let line = &text[pos..line_end];
        let trimmed = line.trim();
        if is_furniture_line(trimmed) {
            out.push(pos..line_end);
        } else if let Some(m) = finders().credit.find(line) {
            out.push(pos + m.start()..line_end);
        }
        pos = line_end + 1;
    }
    out
}

fn is_furniture_line(t: &str) -> bool {
    if t.is_empty() {
        return false;
    }
    let counter = t.len() <= 7
        && t.chars()
            .all(|c| c.is_ascii_digit() || c == '/' || c == ' ')
        && t.chars().any(|c| c.is_ascii_digit());
    // case-insensitive tests without lower-casing the line (lines may be whole
    // paragraphs)
    let b = t.as_bytes();
    let starts = |p: &str| b.len() >= p.len() && b[..p.len()].eq_ignore_ascii_case(p.as_bytes());
    let ends =
        |p: &str| b.len() >= p.len() && b[b.len() - p.len()..].eq_ignore_ascii_case(p.as_bytes());
    counter
        || starts("credit:")
        || starts("photo:")
        || starts("image:")
        || ends("comments:")
        || t.eq_ignore_ascii_case("topics")
        || t.eq_ignore_ascii_case("advertisement")
        || starts("jump directly to the content")
        || starts("share this article")
        || starts("sign up")
        || starts("subscribe")
        || starts("we pay for your stories")
        || finders().email.is_match(t)
        || starts("click here")
        || starts("read more:")
}

/// Searchers for the phrases furniture lines hold anywhere (built once; they
/// scan long paragraphs far faster than a naive search).
struct Finders {
    credit: aho_corasick::AhoCorasick,
    email: aho_corasick::AhoCorasick,
}

fn finders() -> &'static Finders {
    static FINDERS: std::sync::OnceLock<Finders> = std::sync::OnceLock::new();
    FINDERS.get_or_init(|| {
        let build = |pat: &str, ci: bool| {
            aho_corasick::AhoCorasick::builder()
                .ascii_case_insensitive(ci)
                .build([pat])
                .expect("a fixed pattern builds")
        };
        Finders {
            credit: build("Credit: ", false),
            email: build("email us at", true),
        }
    })
}

const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "st", "mt", "ft", "gen", "lt", "col", "maj", "capt", "sgt",
    "cpl", "adm", "rep", "sen", "gov", "pres", "rev", "hon", "jr", "sr", "co", "corp", "inc",
    "ltd", "no", "vs", "etc", "approx", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
    "sept", "oct", "nov", "dec", "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat",
    "sun", "u.s", "u.k", "u.n", "e.u", "a.m", "p.m", "d.c", "ave", "blvd",
];

/// Splits the body into sentences, returning byte ranges into `text` (the
/// whole file). A line break ends a sentence unless the next line continues it in
/// lower case; ". " ends one unless the word before is an abbreviation ("U.S.",
/// "St.", "Aug.") or an initial.
pub fn sentences(text: &str, body_start: usize) -> Vec<Range<usize>> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut start = body_start;
    let mut i = body_start;
    let push = |out: &mut Vec<Range<usize>>, a: usize, b: usize| push_sentence(text, out, a, b);
    while i < bytes.len() {
        let b = bytes[i];
        if b == b'\n' {
            let next = text[i + 1..].trim_start_matches([' ', '\t', '\r']);
            let continues = next.chars().next().is_some_and(|c| c.is_lowercase())
                && !text[start..i].trim_end().ends_with(['.', '!', '?', ':']);
            if !continues {
                push(&mut out, start, i);
                start = i + 1;
            }
        } else if matches!(b, b'.' | b'!' | b'?') {
            // include closing quotes and brackets
            let mut j = i + 1;
            while j < bytes.len() {
                let rest = &text[j..];
                let c = rest.chars().next().unwrap_or(' ');
                if matches!(c, '"' | '\'' | ')' | '”' | '’' | '»' | '.' | '!' | '?') {
                    j += c.len_utf8();
                } else {
                    break;
                }
            }
            let after = &text[j..];
            let space_then = after.strip_prefix(' ').or_else(|| after.strip_prefix('\t'));
            let next_starts = space_then
                .map(|r| r.trim_start_matches(' '))
                .and_then(|r| r.chars().next());
            let is_break = match next_starts {
                Some(c) => {
                    c.is_uppercase()
                        || c.is_ascii_digit()
                        || matches!(c, '"' | '“' | '‘' | '\'' | '(' | '[')
                }
                None => after.is_empty() || after.starts_with(['\n', '\r']),
            };
            let abbreviation = is_break
                && b == b'.'
                && (ends_with_abbreviation(&text[start..i])
                    || day_before_month(&text[start..i], space_then.unwrap_or("")));
            if is_break && !abbreviation {
                push(&mut out, start, j);
                start = j;
                i = j;
                continue;
            }
            if !is_break {
                // Every mark up to `j` sees the same text after the run, so none
                // of them ends a sentence either: skip the run rather than scan
                // it again from each mark (a line of dots would be quadratic).
                i = j;
                continue;
            }
        }
        i += 1;
    }
    push(&mut out, start, text.len());
    out
}

/// Sentences longer than this are cut, at a space when there is one in the
/// last half of the allowance. Real sentences are far shorter; the limit keeps
/// the work per date expression bounded on text with no sentence ends at all
/// (a 50 MB line), since every expression quotes its sentence.
pub const MAX_SENTENCE_BYTES: usize = 2000;

/// Pushes `text[a..b]` trimmed, in pieces of at most `MAX_SENTENCE_BYTES`.
fn push_sentence(text: &str, out: &mut Vec<Range<usize>>, mut a: usize, b: usize) {
    loop {
        let s = &text[a..b];
        let lead = s.len() - s.trim_start().len();
        let trail = s.len() - s.trim_end().len();
        if a + lead >= b - trail {
            return;
        }
        let (start, end) = (a + lead, b - trail);
        if end - start <= MAX_SENTENCE_BYTES {
            out.push(start..end);
            return;
        }
        let limit = crate::diag::floor_char_boundary(text, start + MAX_SENTENCE_BYTES);
        let half = crate::diag::floor_char_boundary(text, start + MAX_SENTENCE_BYTES / 2);
        let cut = match text[half..limit].rfind(char::is_whitespace) {
            Some(i) => half + i,
            None if limit > start => limit,
            // a single character longer than the limit cannot happen, but
            // never loop forever
            None => end,
        };
        let piece = text[start..cut].trim_end();
        out.push(start..start + piece.len());
        a = cut;
    }
}

/// "3. März 2018": a day of one or two digits with the dot of an ordinal, a
/// month's name and a year, as German, Polish or Norwegian write a date.
fn day_before_month(before: &str, after: &str) -> bool {
    let word = before.rsplit(char::is_whitespace).next().unwrap_or("");
    if word.is_empty() || word.len() > 2 || !word.bytes().all(|b| b.is_ascii_digit()) {
        return false;
    }
    let after = after.trim_start();
    let name_len: usize = after
        .chars()
        .take_while(|c| c.is_alphabetic())
        .map(char::len_utf8)
        .sum();
    let Some(rest) = after[name_len..].strip_prefix(' ') else {
        return false;
    };
    let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
    name_len >= 3 && digits == 4
}

fn ends_with_abbreviation(before: &str) -> bool {
    let word = before
        .rsplit(|c: char| c.is_whitespace() || matches!(c, '(' | '"' | '“' | '‘'))
        .next()
        .unwrap_or("");
    if word.is_empty() {
        return false;
    }
    // initials: "J." and dotted forms "U.S"
    if word.chars().count() == 1 && word.chars().all(|c| c.is_uppercase()) {
        return true;
    }
    word.len() <= 6 && ABBREVIATIONS.iter().any(|a| a.eq_ignore_ascii_case(word))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(s: &str) -> Article {
        Article::parse(Path::new("a.txt"), s.as_bytes())
    }

    #[test]
    fn reads_front_matter_and_keeps_offsets_in_the_file() {
        let a =
            parse("+++\ntitle = \"T\"\npublished = \"2016-08\"\nkind = \"news\"\n+++\nBody text.");
        assert_eq!(a.meta.title.as_deref(), Some("T"));
        assert_eq!(a.meta.published.unwrap().to_string(), "2016-08");
        assert_eq!(a.body(), "Body text.");
        assert!(a.problems.is_empty());
    }

    #[test]
    fn yaml_front_matter_is_a_warning_and_the_file_is_plain_text() {
        let a =
            parse("---\ntitle: Quay reopens\npublished: 2021-06-02\ntags:\n  - port\n---\nBody.");
        assert_eq!(a.problems.len(), 1, "{:?}", a.problems);
        let p = &a.problems[0];
        assert!(p.warning);
        assert_eq!((p.location.line, p.location.col), (1, 1));
        assert!(p.message.contains("`---` lines (YAML) is not read"), "{p}");
        assert_eq!(a.meta.published, None);
        assert_eq!(a.body_start, 0);
        // a rule line above prose is no front matter
        for text in [
            "---\nThe talks ended on 4 May.\n---\nMore.",
            "---\ntitle: never closed\nBody.",
            "---\n---\nBody.",
        ] {
            assert!(parse(text).problems.is_empty(), "{text:?}");
        }
    }

    #[test]
    fn front_matter_after_a_byte_order_mark_is_read() {
        let a = parse("\u{feff}+++\ntitle = \"T\"\n+++\nBody text.");
        assert_eq!(a.meta.title.as_deref(), Some("T"));
        assert_eq!(a.body(), "Body text.");
        assert!(a.problems.is_empty(), "{:?}", a.problems);
        // offsets still count the file's bytes, the mark included
        assert_eq!(a.body_start, "\u{feff}+++\ntitle = \"T\"\n+++\n".len());
    }

    #[test]
    fn a_published_value_that_is_no_date_says_so() {
        for (value, shown) in [("true", "true"), ("2016", "2016")] {
            let a = parse(&format!("+++\npublished = {value}\n+++\nBody."));
            let p: Vec<String> = a.problems.iter().map(|p| p.to_string()).collect();
            assert_eq!(a.meta.published, None);
            assert!(
                p.len() == 1 && p[0].contains(&format!("{shown} is not a date")),
                "{p:?}"
            );
            assert!(!p[0].contains("calendar"), "{p:?}");
        }
    }

    #[test]
    fn a_plain_text_article_is_named_by_its_headline() {
        let a = parse("\nErdogan to attend prayers at Hagia Sophia Friday\n\nThe body.");
        assert_eq!(
            a.meta.title.as_deref(),
            Some("Erdogan to attend prayers at Hagia Sophia Friday")
        );
        // a first line that is a sentence is no headline
        let a = parse("The council met on Friday and agreed to talk again.\nMore.");
        assert_eq!(a.meta.title, None);
        // the front matter's title wins
        let a = parse("+++\ntitle = \"T\"\n+++\nA headline\nBody.");
        assert_eq!(a.meta.title.as_deref(), Some("T"));
    }

    #[test]
    fn unclosed_front_matter_is_a_warning_and_plain_text() {
        let a = parse("+++\ntitle = \"T\"\nBody");
        assert_eq!(a.body_start, 0);
        assert_eq!(a.problems.len(), 1);
        assert!(a.problems[0].to_string().contains("not closed"));
    }

    #[test]
    fn non_utf8_is_read_lossily_with_a_warning() {
        let a = Article::parse(Path::new("bad.txt"), b"On July 15\xff the coup.");
        assert!(a.text.contains('\u{fffd}'));
        assert!(a.problems[0].to_string().starts_with("bad.txt:1:11"));
        // the warning says which text offsets index: the decoded one
        assert!(
            a.problems[0]
                .message
                .contains("offsets from here on index the text so decoded"),
            "{}",
            a.problems[0]
        );
        let at = a.text.find("the coup").unwrap();
        assert_eq!(at, "On July 15\u{fffd} ".len());
    }

    #[test]
    fn sentences_cope_with_abbreviations() {
        let t = "The U.S. Senate voted. They met in St. Petersburg on Aug. 9. Then Mr. Putin left.\nNew line";
        let s: Vec<&str> = sentences(t, 0).into_iter().map(|r| &t[r]).collect();
        assert_eq!(
            s,
            [
                "The U.S. Senate voted.",
                "They met in St. Petersburg on Aug. 9.",
                "Then Mr. Putin left.",
                "New line"
            ]
        );
    }

    #[test]
    fn a_day_with_an_ordinal_dot_before_a_month_and_year_ends_no_sentence() {
        let t = "The order, signed 3. März 2018, was read. It ran on Aug. 9. March was cold.";
        let s: Vec<&str> = sentences(t, 0).into_iter().map(|r| &t[r]).collect();
        assert_eq!(
            s,
            [
                "The order, signed 3. März 2018, was read.",
                "It ran on Aug. 9.",
                "March was cold."
            ]
        );
    }

    #[test]
    fn endless_sentences_are_cut_at_spaces() {
        let word = "tomorrow, ";
        let t = word.repeat(1000);
        let s = sentences(&t, 0);
        assert!(s.len() >= t.len() / MAX_SENTENCE_BYTES);
        let mut covered = 0;
        for r in &s {
            assert!(r.len() <= MAX_SENTENCE_BYTES, "{}", r.len());
            assert!(
                t[r.clone()].starts_with("tomorrow"),
                "{:?}",
                &t[r.start..r.start + 10]
            );
            covered += t[r.clone()].len();
        }
        assert!(covered >= t.trim_end().len() - s.len(), "{covered}");
        // no spaces at all, and characters of several bytes
        let t = "é".repeat(3001);
        let s = sentences(&t, 0);
        assert_eq!(
            s.iter()
                .map(|r| t[r.clone()].chars().count())
                .sum::<usize>(),
            3001
        );
        assert!(s.iter().all(|r| r.len() <= MAX_SENTENCE_BYTES));
    }

    #[test]
    fn furniture_lines_are_found() {
        let t = "Intro.\n4\nA caption on August 9Credit: Getty Images\nNo comments:\nEnd.";
        let f = furniture(t, 0);
        let parts: Vec<&str> = f.iter().map(|r| &t[r.clone()]).collect();
        assert_eq!(parts, ["4", "Credit: Getty Images", "No comments:"]);
    }
}
