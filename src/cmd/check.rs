//! `annals check`: the catalog, the gazetteer and the articles validated,
//! with counts.

use std::process::ExitCode;

use super::{exit_without_freeing, load_showing_progress};
use crate::DataArgs;
use crate::console::{note, out};

pub fn run(data: &DataArgs) -> Result<ExitCode, Box<dyn std::error::Error>> {
    // counts and problems only: a timeline from the cache keeps its events
    // in the cache file, none decoded
    let sources = annals::loader::Sources {
        stored_events: true,
        ..data.sources()
    };
    let loaded = match load_showing_progress(&sources) {
        Ok(l) => l,
        Err(e) => {
            note!("{e}");
            out("check: failed: the data could not be loaded\n")?;
            return Ok(ExitCode::from(2));
        }
    };
    for p in &loaded.problems {
        note!("{p}");
    }
    let s = &loaded.stats;
    let errors = loaded.problems.iter().filter(|p| !p.warning).count();
    let warnings = loaded.problems.len() - errors;
    let count = annals::text::count;
    super::write_cache_beside(&loaded, || {
        out(&format!(
            "{} ({} curated, {} extracted), {}, {}, {}; {}, {}\n",
            count(s.events, "event"),
            s.curated,
            s.extracted,
            count(s.articles, "article"),
            count(s.mentions, "mention"),
            count(s.links, "link"),
            count(errors, "error"),
            count(warnings, "warning")
        ))
    })?;
    // a warning does not fail the check; an error does
    let code = if errors == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    };
    exit_without_freeing(loaded);
    Ok(code)
}
