//! JSON: an array of full events, sources included, each with its precision.
//! It is a catalog that annals loads back (`annals --events exported.json`).

use crate::model::Event;
use crate::report::event_json;

pub(super) static SPEC: super::Spec = super::Spec {
    name: "json",
    aliases: &[],
    extension: "json",
    label: "JSON catalog (annals loads it back)",
    default_file_name: "annals-events.json",
    example: "--output all.json && annals --events all.json list",
    render: |_, events, _| render(events),
};

fn render(events: &[&Event]) -> Result<String, String> {
    let arr: Vec<serde_json::Value> = events.iter().map(|e| event_json(e)).collect();
    serde_json::to_string_pretty(&arr)
        .map(|s| s + "\n")
        .map_err(|e| e.to_string())
}
