//! Any text as a search query, matched against the bundled timeline and
//! highlighted in any text. The bytes before the first NUL are the query.
#![no_main]

use std::path::Path;
use std::sync::LazyLock;

use annals::catalog;
use annals::filter::{Filter, Query};
use annals::gazetteer::Gazetteer;
use annals::timeline::Timeline;
use libfuzzer_sys::fuzz_target;

static TIMELINE: LazyLock<Timeline> = LazyLock::new(|| {
    let g = Gazetteer::from_toml(Path::new("countries.toml"), annals::bundled::COUNTRIES)
        .expect("bundled gazetteer");
    let c = catalog::parse(Path::new("events.toml"), annals::bundled::EVENTS, &g)
        .expect("bundled catalog");
    let tl = Timeline::new(c.events, g);
    // the search index, as the explorer uses it
    tl.prepare_search();
    tl
});

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let (q, field) = text.split_once('\0').unwrap_or((&text, ""));
    let query = Query::parse(q);
    let n = field.chars().count();
    let marks = query.highlights(field);
    assert!(marks.iter().all(|&i| i < n));
    assert!(marks.windows(2).all(|w| w[0] < w[1]));
    let tl = &*TIMELINE;
    let filter = Filter {
        query: q.to_string(),
        ..Default::default()
    };
    let shown = tl.filter(&filter);
    assert!(shown.windows(2).all(|w| w[0] < w[1]));
    for (i, e) in tl.events.iter().enumerate() {
        assert_eq!(shown.binary_search(&i).is_ok(), query.matches(e));
        let _ = query.highlights(&e.title);
    }
    let described = filter.describe();
    assert!(!described.chars().any(annals::text::is_dangerous));
    let _ = tl.gazetteer.lookup(q);
    let _ = tl.gazetteer.countries_in(field);
});
