//! `annals export`: the timeline, filtered, in one of the export formats, to
//! standard output or a file.

use std::process::ExitCode;

use annals::export::{self, ExportContext, ExportError};
use annals::text::inert;

use super::{exit_without_freeing, load_filtered};
use crate::console::{note, out};
use crate::{DataArgs, ExportArgs};

pub fn run(data: &DataArgs, args: &ExportArgs) -> Result<ExitCode, Box<dyn std::error::Error>> {
    let (loaded, filter, shown) = load_filtered(data, &args.filter)?;
    let description = filter.describe();
    let path = args.output.as_deref().filter(|p| p.as_os_str() != "-");
    let outcome = super::write_cache_beside(&loaded, || match path {
        None => {
            let ctx = ExportContext::now(&description);
            export::render(&loaded.timeline, &shown, args.format, &ctx).map(|text| (text, 0))
        }
        Some(p) => export::write_file(
            &loaded.timeline,
            &shown,
            args.format,
            p,
            args.force,
            &description,
        )
        .map(|n| (String::new(), n)),
    });
    match (outcome, path) {
        (Ok((text, _)), None) => out(&text)?,
        (Ok((_, n)), Some(p)) => note!(
            "annals: wrote {n} {} to {}",
            if n == 1 { "event" } else { "events" },
            inert(&p.display().to_string())
        ),
        (Err(e), _) => {
            match &e {
                ExportError::Exists(_) => note!(
                    "annals: export: {} (use --force to replace it)",
                    inert(&e.to_string())
                ),
                ExportError::Nothing if filter.is_empty() => {
                    note!("annals: export: nothing to export: the timeline has no events")
                }
                ExportError::Nothing => note!(
                    "annals: export: nothing to export: no events match the filters ({})",
                    inert(&description)
                ),
                _ => note!("annals: export: {}", inert(&e.to_string())),
            }
            return Ok(ExitCode::from(1));
        }
    }
    exit_without_freeing(loaded);
    Ok(ExitCode::SUCCESS)
}
