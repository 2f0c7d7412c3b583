//! Any text as a date: what parses must print back as it was read, name a
//! non-empty span, and describe itself. The first line is also used as the
//! reference date for extracting from the rest, so that the resolver meets
//! every reference a user or a catalog can give.
#![no_main]

use annals::extract;
use annals::filter::Filter;
use annals::model::DateValue;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let (first, rest) = text.split_once('\n').unwrap_or((&text, ""));
    let parsed = first.parse::<DateValue>();
    if let Ok(d) = &parsed {
        let d = *d;
        let shown = d.to_string();
        assert_eq!(shown.parse::<DateValue>(), Ok(d), "{shown}");
        assert!(d.start() < d.end(), "{shown}");
        assert!(!d.describe().is_empty());
        let _ = d.first_year();
        let f = Filter {
            from: Some(d),
            to: Some(d),
            ..Default::default()
        };
        let _ = f.describe();
    } else if let Err(e) = &parsed {
        assert!(!e.to_string().is_empty());
    }
    for m in extract::extract_text(rest, parsed.ok()) {
        assert!(m.start <= m.end && m.end <= rest.len());
        let _ = m.value.to_string();
        if let Some(v) = m.value.date() {
            assert!(v.start() < v.end());
            assert_eq!(v.to_string().parse::<DateValue>(), Ok(v));
            let _ = v.describe();
        }
    }
});
