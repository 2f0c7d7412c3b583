//! `annals extract`: every temporal expression found in the articles, as
//! JSON, from files or from JSON Lines on standard input.

use std::borrow::Cow;
use std::io;
use std::process::ExitCode;

use annals::diag::LoadError;
use annals::findings;
use annals::jsonl::{self, MentionFormat, MentionWriter, Records};
use annals::loader::{self, Sources};
use annals::mapped::MentionRecord;

use super::map_showing_progress;
use crate::console::{self, WriteFailed, note};
use crate::{DataArgs, ExtractArgs, ExtractFormat};

pub fn run(data: &DataArgs, args: &ExtractArgs) -> Result<ExitCode, Box<dyn std::error::Error>> {
    let format = match args.format {
        ExtractFormat::Jsonl => MentionFormat::Lines,
        ExtractFormat::Json => MentionFormat::Array,
    };
    if args.for_events && format != MentionFormat::Lines {
        note!(
            "annals: extract: --for-events writes JSON Lines; it cannot be used with --format json"
        );
        return Ok(ExitCode::from(2));
    }
    if args.stdin {
        return extract_stdin(data, format, args.for_events, args.timeline_values);
    }
    let mut sources = data.sources();
    if !args.paths.is_empty() {
        sources.articles = args.paths.clone();
    }
    let mapped = map_showing_progress(&sources)?;
    for p in mapped
        .problems
        .iter()
        .chain(mapped.results.iter().flat_map(|r| &r.problems))
    {
        note!("{p}");
    }
    let mut out = MentionWriter::new(console::Stdout::default(), format);
    let written = (|| {
        for r in &mapped.results {
            // a file that gave no article (a broken feed) has only problems
            if args.for_events && r.row.is_none() {
                continue;
            }
            if args.for_events {
                out.line(&findings::article_line(r, &mapped.events)?)?;
                out.line(&findings::mention_lines(r)?)?;
                out.flush()?;
            } else {
                out.article(&as_asked(&r.mentions, args.timeline_values))?;
            }
        }
        out.finish().map(drop)
    })();
    written.map_err(WriteFailed)?;
    // an article path that is not there or cannot be read is named above
    // and fails the command, after the mentions of the others are written;
    // a bad catalog event is left out as everywhere else
    let failed = mapped
        .problems
        .iter()
        .chain(mapped.results.iter().flat_map(|r| &r.problems))
        .any(|p| {
            !p.warning
                && sources
                    .articles
                    .iter()
                    .any(|a| p.location.file.starts_with(a))
        });
    std::mem::forget(mapped);
    Ok(if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// `extract --stdin`: the mentions of each line's article are written as soon
/// as the line is read. A bad line is reported and skipped, and the exit code
/// is 1 at the end; a line over the limit stops the reading with exit code 2.
fn extract_stdin(
    data: &DataArgs,
    format: MentionFormat,
    for_events: bool,
    timeline_values: bool,
) -> Result<ExitCode, Box<dyn std::error::Error>> {
    let sources = data.sources();
    let gazetteer = loader::load_gazetteer(&sources)?;
    let catalog = load_catalog_only(&sources, &gazetteer)?;
    let linker = loader::Linker::new(&catalog.events);
    let mut records = Records::new(io::stdin().lock(), jsonl::STDIN_NAME, MAX_STDIN_LINE);
    let mut out = MentionWriter::new(console::Stdout::default(), format);
    let mut bad = 0;
    let written = (|| {
        for record in records.by_ref() {
            let record = match record {
                Ok(r) => r,
                Err(p) => {
                    note!("{p}");
                    bad += 1;
                    continue;
                }
            };
            for w in &record.warnings {
                note!("{w}");
            }
            if console::stdout_gone() {
                break;
            }
            let result = loader::result_for_text(
                &record.id,
                record.published,
                &record.text,
                &linker,
                &gazetteer,
                &catalog.events,
            );
            if for_events {
                out.line(&findings::article_line(&result, &catalog.events)?)?;
                out.line(&findings::mention_lines(&result)?)?;
                out.flush()?;
            } else {
                out.article(&as_asked(&result.mentions, timeline_values))?;
            }
        }
        out.finish().map(drop)
    })();
    written.map_err(WriteFailed)?;
    if console::stdout_gone() {
        // whoever read the output wanted no more of it
        return Ok(ExitCode::SUCCESS);
    }
    Ok(if records.stopped_early() {
        ExitCode::from(2)
    } else if bad > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// The mentions as written: with `--timeline-values`, each value as the
/// timeline places it.
fn as_asked(mentions: &[MentionRecord], timeline_values: bool) -> Cow<'_, [MentionRecord]> {
    if !timeline_values {
        return Cow::Borrowed(mentions);
    }
    let mut owned = mentions.to_vec();
    owned.iter_mut().for_each(MentionRecord::to_timeline_value);
    Cow::Owned(owned)
}

/// The longest line `extract --stdin` reads: an article at the size limit,
/// with room for the escapes JSON adds.
const MAX_STDIN_LINE: u64 = 2 * annals::article::MAX_ARTICLE_BYTES;

/// The catalog alone (for `extract --stdin`), chosen as a load chooses it,
/// its problems printed to standard error.
fn load_catalog_only(
    sources: &Sources,
    gazetteer: &annals::gazetteer::Gazetteer,
) -> Result<annals::catalog::Catalog, LoadError> {
    let catalog = loader::load_catalog(sources, gazetteer, &|_| {}, &|_, _| {})?;
    for p in &catalog.problems {
        note!("{p}");
    }
    Ok(catalog)
}
