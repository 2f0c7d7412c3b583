//! Any text as a catalog, read as TOML and as JSON, and as a gazetteer. What is
//! accepted must make a timeline that filters without trouble.
#![no_main]

use std::path::Path;
use std::sync::LazyLock;

use annals::catalog;
use annals::filter::Filter;
use annals::gazetteer::Gazetteer;
use annals::timeline::Timeline;
use libfuzzer_sys::fuzz_target;

static GAZETTEER: LazyLock<Gazetteer> = LazyLock::new(|| {
    Gazetteer::from_toml(Path::new("countries.toml"), annals::bundled::COUNTRIES)
        .expect("bundled gazetteer")
});

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let _ = Gazetteer::from_toml(Path::new("fuzz.toml"), &text);
    for name in ["fuzz.toml", "fuzz.json"] {
        match catalog::parse(Path::new(name), &text, &GAZETTEER) {
            Ok(c) => {
                for p in &c.problems {
                    assert!(!p.to_string().chars().any(annals::text::is_dangerous));
                }
                for e in &c.events {
                    assert!(e.span_start() < e.span_end());
                    assert_eq!(e.date.to_string().parse(), Ok(e.date));
                }
                let tl = Timeline::new(c.events, GAZETTEER.clone());
                let shown = tl.filter(&Filter::default());
                assert_eq!(shown.len(), tl.len());
            }
            Err(e) => {
                assert!(!e.to_string().chars().any(annals::text::is_dangerous));
            }
        }
    }
});
