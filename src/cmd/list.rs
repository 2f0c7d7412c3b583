//! `annals list`: the timeline, filtered, as a table or as JSON.

use std::process::ExitCode;

use annals::report;
use annals::text::json_inert;

use super::{exit_without_freeing, load_filtered, terminal_width};
use crate::console::out;
use crate::{DataArgs, ListArgs, ListFormat};

pub fn run(data: &DataArgs, args: &ListArgs) -> Result<ExitCode, Box<dyn std::error::Error>> {
    let (loaded, _, shown) = load_filtered(data, &args.filter)?;
    match args.format {
        ListFormat::Table => {
            let width = terminal_width().unwrap_or(80);
            out(&report::table(&loaded.timeline, &shown, width))?;
        }
        ListFormat::Json => {
            let arr: Vec<serde_json::Value> = shown
                .iter()
                .map(|&i| report::event_json(&loaded.timeline.events[i]))
                .collect();
            out(&(json_inert(serde_json::to_string_pretty(&arr)?) + "\n"))?;
        }
    }
    exit_without_freeing(loaded);
    Ok(ExitCode::SUCCESS)
}
