//! `annals events --from-mentions`: the reduce step on mentions extracted
//! elsewhere.

use std::io;
use std::process::ExitCode;

use annals::diag::LoadError;
use annals::findings;
use annals::loader;

use super::exit_without_freeing;
use crate::console::note;
use crate::{DataArgs, EventsArgs};

/// `annals events --from-mentions`: reads the lines, reports what is wrong
/// with them, and prints the timeline the same reduce step as a local load
/// builds from them. A malformed line is an error: nothing is printed and the
/// exit code is 2.
pub fn run(data: &DataArgs, args: &EventsArgs) -> Result<ExitCode, Box<dyn std::error::Error>> {
    let sources = data.sources();
    let gazetteer = loader::load_gazetteer(&sources)?;
    let catalog = loader::load_catalog(&sources, &gazetteer, &|_| {}, &|_, _| {})?;
    let read = if args.from_mentions.as_os_str() == "-" {
        findings::read(
            io::stdin().lock(),
            std::path::Path::new("<stdin>"),
            &catalog.events,
        )
    } else {
        let file = std::fs::File::open(&args.from_mentions).map_err(|e| LoadError::Io {
            path: args.from_mentions.clone(),
            source: e,
        })?;
        findings::read(file, &args.from_mentions, &catalog.events)
    }
    .map_err(|e| format!("{}: {e}", args.from_mentions.display()))?;
    if !read.errors.is_empty() {
        for p in &read.errors {
            note!("{p}");
        }
        if read.more_errors > 0 {
            note!("annals: events: {} more malformed lines", read.more_errors);
        }
        note!(
            "annals: events: {} could not be read; no events were written",
            args.from_mentions.display()
        );
        return Ok(ExitCode::from(2));
    }
    let loaded = findings::build(gazetteer, catalog, read);
    for p in &loaded.problems {
        note!("{p}");
    }
    let events: Vec<_> = loaded.timeline.iter().collect();
    let events: Vec<&annals::model::Event> = events.iter().map(|e| &**e).collect();
    super::write_json(&events)?;
    exit_without_freeing(loaded);
    Ok(ExitCode::SUCCESS)
}
