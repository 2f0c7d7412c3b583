//! `annals cache info` and `annals cache clear`.

use std::process::ExitCode;

use annals::text::inert;

use crate::CacheAction;
use crate::console::{note, out};

/// `annals cache info` and `annals cache clear`.
pub fn run(action: &CacheAction) -> Result<ExitCode, Box<dyn std::error::Error>> {
    let Some(dir) = annals::cache::default_dir() else {
        note!("annals: cache: neither XDG_CACHE_HOME nor HOME is set: there is no cache folder");
        return Ok(ExitCode::from(1));
    };
    let shown = inert(&dir.display().to_string()).into_owned();
    let failed = |e: std::io::Error| format!("cache folder {shown}: {e}");
    match action {
        CacheAction::Info => {
            let files = annals::cache::info(&dir).map_err(failed)?;
            let mut text = format!("cache folder: {shown}\n");
            for f in &files {
                text += &format!("  {}\n", inert(&f.describe()));
            }
            let total: u64 = files.iter().map(|f| f.bytes).sum();
            text += &format!(
                "{}, {}\n",
                annals::text::count(files.len(), "cache file"),
                annals::cache::human_bytes(total)
            );
            out(&text)?;
        }
        CacheAction::Clear => {
            let (files, bytes) = annals::cache::clear(&dir).map_err(failed)?;
            out(&format!(
                "removed {} ({}) from {shown}\n",
                annals::text::count(files, "cache file"),
                annals::cache::human_bytes(bytes)
            ))?;
        }
    }
    Ok(ExitCode::SUCCESS)
}
