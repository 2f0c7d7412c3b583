//! Articles as JSON Lines, the input of `annals extract --stdin`, and the
//! mention records it writes.
//!
//! [`Records`] reads one line at a time and hands each record over as soon as
//! its line is read, so that a caller can write its mentions before the next
//! line arrives (a Spark job pipes a partition through it). A bad line is a
//! [`Problem`] naming its line and column; the reading goes on with the next
//! line. Only a line longer than the limit stops it, since finding where the
//! next record starts would mean reading without bound.
//!
//! [`MentionWriter`] writes mention records as JSON Lines or as one JSON array,
//! a record at a time, flushing after each article.

use std::io::{self, BufRead, Read, Write};
use std::path::Path;

use serde::Deserialize;

use crate::article::published_date;
use crate::diag::{Location, Problem, floor_char_boundary};
use crate::loader::MentionRecord;
use crate::model::DateValue;
use crate::text::json_inert;

/// The name problems give the input: `<stdin>:3:1: error: …`.
pub const STDIN_NAME: &str = "<stdin>";

/// One article read from a line: `{"id": …, "published": …, "text": …}`.
#[derive(Debug, Clone, PartialEq)]
pub struct Record {
    /// The line it was read from, 1-based.
    pub line: usize,
    /// The `id` as given: a string as it is, any other JSON value as JSON.
    pub id: String,
    pub published: Option<DateValue>,
    pub text: String,
    /// What was wrong but did not stop the record from being read: a
    /// `published` that is not a date is left out, with a warning.
    pub warnings: Vec<Problem>,
}

/// The fields of a line. Other keys are allowed, so that a pipeline can
/// carry its own fields along.
#[derive(Deserialize)]
struct Fields {
    id: serde_json::Value,
    #[serde(default)]
    published: Option<serde_json::Value>,
    text: String,
}

/// Reads records from JSON Lines, one line at a time, never holding more than
/// one line of at most `limit` bytes. Blank lines are skipped.
pub struct Records<R> {
    reader: R,
    source: String,
    limit: u64,
    line: usize,
    buf: Vec<u8>,
    stopped: bool,
}

impl<R: BufRead> Records<R> {
    /// Reads `reader`, naming it `source` in problems, with lines of at most
    /// `limit` bytes.
    pub fn new(reader: R, source: &str, limit: u64) -> Records<R> {
        Records {
            reader,
            source: source.to_string(),
            limit,
            line: 0,
            buf: Vec::new(),
            stopped: false,
        }
    }

    /// True when reading stopped before the end of the input: a line over the
    /// limit, or an error reading the input.
    pub fn stopped_early(&self) -> bool {
        self.stopped
    }

    fn problem(&self, col: usize, message: String) -> Problem {
        Problem {
            location: Location {
                file: Path::new(&self.source).to_path_buf(),
                line: self.line,
                col,
            },
            message,
            warning: false,
        }
    }
}

impl<R: BufRead> Iterator for Records<R> {
    type Item = Result<Record, Problem>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if self.stopped {
                return None;
            }
            self.buf.clear();
            let read = (&mut self.reader)
                .take(self.limit + 1)
                .read_until(b'\n', &mut self.buf);
            self.line += 1;
            let read = match read {
                Ok(0) => return None,
                Ok(n) => n,
                Err(e) => {
                    self.stopped = true;
                    return Some(Err(self.problem(1, format!("cannot read: {e}"))));
                }
            };
            if read as u64 > self.limit {
                self.stopped = true;
                return Some(Err(self.problem(
                    1,
                    format!(
                        "the line is longer than {} MiB; reading stops here",
                        self.limit >> 20
                    ),
                )));
            }
            let Ok(line) = std::str::from_utf8(&self.buf) else {
                return Some(Err(self.problem(1, "the line is not valid UTF-8".into())));
            };
            if line.trim().is_empty() {
                continue;
            }
            return Some(self.record(line));
        }
    }
}

impl<R: BufRead> Records<R> {
    fn record(&self, line: &str) -> Result<Record, Problem> {
        let fields: Fields = serde_json::from_str(line).map_err(|e| {
            // serde_json counts columns in bytes and says where: the problem
            // says it once, in characters, as every other message does
            let at = e.column().saturating_sub(1);
            let col = line[..floor_char_boundary(line, at)].chars().count() + 1;
            let full = e.to_string();
            let suffix = format!(" at line {} column {}", e.line(), e.column());
            let message = full.strip_suffix(&suffix).unwrap_or(&full).to_string();
            self.problem(col, message)
        })?;
        let id = match fields.id {
            serde_json::Value::String(s) => s,
            other => other.to_string(),
        };
        let mut warnings = Vec::new();
        let published = match fields.published {
            None | Some(serde_json::Value::Null) => None,
            Some(serde_json::Value::String(s)) => match published_date(&s) {
                Ok(d) => Some(d),
                Err(e) => {
                    warnings.push(self.published_warning(line, e.to_string()));
                    None
                }
            },
            Some(other) => {
                warnings
                    .push(self.published_warning(line, format!("`{other}` is not a date string")));
                None
            }
        };
        Ok(Record {
            line: self.line,
            id,
            published,
            text: fields.text,
            warnings,
        })
    }

    fn published_warning(&self, line: &str, message: String) -> Problem {
        let col = line
            .find("\"published\"")
            .map_or(1, |i| line[..i].chars().count() + 1);
        Problem {
            warning: true,
            ..self.problem(
                col,
                format!("published: {message}; the text is read without it"),
            )
        }
    }
}

/// The output format of mention records.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MentionFormat {
    /// One JSON object per line.
    Lines,
    /// One JSON array, indented.
    Array,
}

/// Writes mention records as they come, in JSON Lines or as one JSON array.
/// Control characters in the data are written as JSON escapes, so the output
/// is safe to show on a terminal.
pub struct MentionWriter<W: Write> {
    out: W,
    format: MentionFormat,
    written: usize,
}

impl<W: Write> MentionWriter<W> {
    pub fn new(out: W, format: MentionFormat) -> MentionWriter<W> {
        MentionWriter {
            out,
            format,
            written: 0,
        }
    }

    /// Writes the records of one article and flushes them out.
    pub fn article(&mut self, records: &[MentionRecord]) -> io::Result<()> {
        for r in records {
            self.record(r)?;
        }
        self.out.flush()
    }

    /// Writes a line that is already JSON (JSON Lines only: an array holds
    /// mentions alone).
    pub fn line(&mut self, line: &str) -> io::Result<()> {
        debug_assert!(self.format == MentionFormat::Lines);
        self.out.write_all(line.as_bytes())
    }

    /// Sends out what was written so far.
    pub fn flush(&mut self) -> io::Result<()> {
        self.out.flush()
    }

    fn record(&mut self, r: &MentionRecord) -> io::Result<()> {
        match self.format {
            MentionFormat::Lines => {
                let json = serde_json::to_string(r).map_err(io::Error::other)?;
                self.out.write_all(json_inert(json).as_bytes())?;
                self.out.write_all(b"\n")
            }
            MentionFormat::Array => {
                let json = serde_json::to_string_pretty(r).map_err(io::Error::other)?;
                self.out
                    .write_all(if self.written == 0 { b"[\n" } else { b",\n" })?;
                // JSON strings hold no raw line breaks: every line of the
                // object is indented one level, as inside a pretty array
                let json = json_inert(json);
                for (i, line) in json.lines().enumerate() {
                    if i > 0 {
                        self.out.write_all(b"\n")?;
                    }
                    self.out.write_all(b"  ")?;
                    self.out.write_all(line.as_bytes())?;
                }
                Ok(())
            }
        }
        .map(|()| self.written += 1)
    }

    /// Ends the output (closes the array) and flushes it.
    pub fn finish(mut self) -> io::Result<W> {
        if self.format == MentionFormat::Array {
            self.out
                .write_all(if self.written == 0 { b"[]\n" } else { b"\n]\n" })?;
        }
        self.out.flush()?;
        Ok(self.out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(input: &str) -> (Vec<Result<Record, Problem>>, bool) {
        let mut records = Records::new(input.as_bytes(), STDIN_NAME, 1 << 20);
        let all: Vec<_> = records.by_ref().collect();
        (all, records.stopped_early())
    }

    #[test]
    fn a_bad_line_is_named_once_and_the_next_is_read() {
        let (all, stopped) = read(concat!(
            "{\"id\": \"a\", \"text\": \"one\"}\n",
            "\n",
            "{x}\n",
            "{\"id\": 7, \"text\": \"two\"}\n",
            "\u{e9}{\n",
        ));
        assert!(!stopped);
        assert_eq!(all.len(), 4);
        let ok: Vec<(usize, &str)> = all
            .iter()
            .filter_map(|r| r.as_ref().ok())
            .map(|r| (r.line, r.id.as_str()))
            .collect();
        assert_eq!(ok, [(1, "a"), (4, "7")]);
        let bad = all[1].as_ref().unwrap_err().to_string();
        assert_eq!(bad, "<stdin>:3:2: error: key must be a string");
        // one line number, the input's; the column in characters
        let bad = all[3].as_ref().unwrap_err().to_string();
        assert!(bad.starts_with("<stdin>:5:1: error: "), "{bad}");
        assert!(!bad.contains("at line"), "{bad}");
    }

    #[test]
    fn a_line_that_is_not_utf8_is_skipped() {
        let input = b"\xff\n{\"id\": \"b\", \"text\": \"t\"}\n";
        let mut records = Records::new(&input[..], STDIN_NAME, 1 << 20);
        let first = records.next().unwrap().unwrap_err();
        assert_eq!(
            first.to_string(),
            "<stdin>:1:1: error: the line is not valid UTF-8"
        );
        assert_eq!(records.next().unwrap().unwrap().id, "b");
        assert!(records.next().is_none());
    }

    #[test]
    fn a_line_over_the_limit_stops_the_reading() {
        let input = format!("{}\n{{\"id\": 1, \"text\": \"t\"}}\n", "x".repeat(100));
        let mut records = Records::new(input.as_bytes(), STDIN_NAME, 50);
        let p = records.next().unwrap().unwrap_err();
        assert!(
            p.to_string()
                .starts_with("<stdin>:1:1: error: the line is longer")
        );
        assert!(records.next().is_none());
        assert!(records.stopped_early());
    }

    #[test]
    fn timestamps_keep_their_date() {
        for (s, want) in [
            ("2016-08-10T12:00:00Z", "2016-08-10"),
            ("2016-08-10t23:59:59+03:00", "2016-08-10"),
            ("2016-08-10 12:00", "2016-08-10"),
            ("2016-08-10", "2016-08-10"),
            ("2016-08", "2016-08"),
            (" 2016 ", "2016"),
        ] {
            assert_eq!(published_date(s).unwrap().to_string(), want, "{s}");
        }
        for s in [
            "2016-02-30T00:00:00Z",
            "yesterday",
            "2016-08-10X12",
            "2016T",
        ] {
            assert!(published_date(s).is_err(), "{s}");
        }
    }

    #[test]
    fn a_bad_published_is_a_warning_and_the_text_is_read() {
        let (all, _) = read(concat!(
            "{\"id\": \"a\", \"published\": \"2016-08-10T12:00:00Z\", \"text\": \"t\"}\n",
            "{\"id\": \"b\", \"published\": \"soon\", \"text\": \"t\"}\n",
            "{\"id\": \"c\", \"published\": 2016, \"text\": \"t\"}\n",
        ));
        let a = all[0].as_ref().unwrap();
        assert_eq!(a.published.unwrap().to_string(), "2016-08-10");
        assert!(a.warnings.is_empty());
        for (r, col) in [(&all[1], 13), (&all[2], 13)] {
            let r = r.as_ref().unwrap();
            assert_eq!(r.published, None);
            let w = r.warnings[0].to_string();
            let want = format!("<stdin>:{}:{col}: warning: published: ", r.line);
            assert!(w.starts_with(&want), "{w}");
        }
    }

    fn record(text: &str) -> MentionRecord {
        MentionRecord {
            file: "f".into(),
            start: 0,
            end: 4,
            text: text.into(),
            value: "2016".into(),
            precision: "year".into(),
            sentence: format!("In {text}.").into(),
            countries: vec![],
            event: None,
            sentence_start: 0,
            place: Default::default(),
            heads: None,
            offsets: None,
        }
    }

    #[test]
    fn the_array_form_is_the_pretty_array() {
        let records = [record("2016"), record("\u{1b}[2J"), record("2017")];
        let mut w = MentionWriter::new(Vec::new(), MentionFormat::Array);
        w.article(&records[..2]).unwrap();
        w.article(&[]).unwrap();
        w.article(&records[2..]).unwrap();
        let out = String::from_utf8(w.finish().unwrap()).unwrap();
        let whole = json_inert(serde_json::to_string_pretty(&records).unwrap()) + "\n";
        assert_eq!(out, whole);
        assert!(!out.contains('\u{1b}'));
        let empty = MentionWriter::new(Vec::new(), MentionFormat::Array);
        assert_eq!(empty.finish().unwrap(), b"[]\n");
    }

    #[test]
    fn the_lines_form_is_one_object_a_line() {
        let mut w = MentionWriter::new(Vec::new(), MentionFormat::Lines);
        w.article(&[record("2016"), record("2017")]).unwrap();
        let out = String::from_utf8(w.finish().unwrap()).unwrap();
        let lines: Vec<serde_json::Value> = out
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        assert_eq!(lines.len(), 2);
        assert_eq!(lines[1]["text"], "2017");
    }
}
