//! `annals articles`: what was understood of each article.

use std::process::ExitCode;

use annals::text::json_inert;

use super::{exit_without_freeing, load_reporting, terminal_width};
use crate::console::out;
use crate::{ArticlesArgs, ArticlesFormat, DataArgs};

/// `annals articles`: one row per article of the given paths (or of the
/// articles in use).
pub fn run(data: &DataArgs, args: &ArticlesArgs) -> Result<ExitCode, Box<dyn std::error::Error>> {
    let mut sources = data.sources();
    // the article rows only: a timeline from the cache keeps its events in
    // the cache file, none decoded
    sources.stored_events = true;
    if !args.paths.is_empty() {
        sources.articles = args.paths.clone();
    }
    let loaded = load_reporting(&sources)?;
    let errors = loaded.problems.iter().any(|p| !p.warning);
    super::write_cache_beside(&loaded, || -> Result<(), Box<dyn std::error::Error>> {
        match args.format {
            ArticlesFormat::Table => {
                let width = terminal_width().unwrap_or(1000);
                out(&annals::input::articles_table(&loaded.articles, width))?;
            }
            ArticlesFormat::Jsonl => {
                let mut lines = String::new();
                for r in &loaded.articles {
                    lines.push_str(&json_inert(serde_json::to_string(r)?));
                    lines.push('\n');
                }
                out(&lines)?;
            }
        }
        Ok(())
    })?;
    exit_without_freeing(loaded);
    Ok(if errors {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}
