//! A publication date known only coarsely (a decade, a century, a winter)
//! never gives relative expressions a precision it does not have.

use std::path::Path;

use annals::gazetteer::Gazetteer;
use annals::loader::{self, Linker};
use annals::model::DateValue;

const TEXT: &str = "The ministers met yesterday. The deal was signed in May. \
                    Last year the talks failed. On 3 June the border opened. \
                    Next month the army withdraws. The summit is next year.";

/// Each expression with the value it resolves to, under `published`.
fn values(published: &str) -> Vec<(String, String)> {
    let g = Gazetteer::from_toml(Path::new("c.toml"), annals::bundled::COUNTRIES).unwrap();
    let published: DateValue = published.parse().unwrap();
    let linker = Linker::new(&[]);
    loader::result_for_text("a", Some(published), TEXT, &linker, &g, &[])
        .mentions
        .into_iter()
        .map(|m| (m.text, m.value))
        .collect()
}

fn value_of<'a>(found: &'a [(String, String)], text: &str) -> Option<&'a str> {
    found
        .iter()
        .find(|(t, _)| t.to_lowercase().contains(text))
        .map(|(_, v)| v.as_str())
}

#[test]
fn a_decade_or_century_gives_no_year_or_month() {
    for published in ["199", "19"] {
        let found = values(published);
        for (text, value) in &found {
            // no value below the reference's own grain: no year, month or day
            if let Ok(d) = value.parse::<DateValue>() {
                assert!(
                    d.precision() >= "199".parse::<DateValue>().unwrap().precision(),
                    "{published}: {text:?} became {value}"
                );
            }
        }
        // a month and a day without a year stay without one
        assert_eq!(value_of(&found, "may"), Some("XXXX-05"), "{found:?}");
        assert_eq!(value_of(&found, "3 june"), Some("XXXX-06-03"), "{found:?}");
    }
}

#[test]
fn a_winter_gives_no_year_for_yesterday_or_last_year() {
    let found = values("2016-WI");
    // December 2016 to February 2017: neither year is known
    for expr in ["yesterday", "last year", "next year"] {
        let v = value_of(&found, expr);
        assert!(
            v.is_none_or(|v| !v.starts_with("201")),
            "{expr}: {v:?} in {found:?}"
        );
    }
    // a summer lies in one year, which is all "yesterday" can give
    let found = values("2016-SU");
    assert_eq!(value_of(&found, "yesterday"), Some("2016"), "{found:?}");
    assert_eq!(value_of(&found, "last year"), Some("2015"), "{found:?}");
    // a year reference: "next month" may be January of the next year
    let found = values("2016");
    assert_eq!(value_of(&found, "last year"), Some("2015"), "{found:?}");
    let v = value_of(&found, "next month");
    assert!(v.is_none_or(|v| v != "2016"), "{v:?} in {found:?}");
}
