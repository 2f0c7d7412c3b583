//! Numbers that are not times must not become dates: counts, weapon names,
//! phone numbers, money, scores, identifiers and clock times. Each family has
//! its own test; sentences were written for the tests.

use annals::extract::{Value, extract_text};
use annals::model::DateValue;

/// The calendar values found in `text` (durations and the like left out).
fn dates(text: &str) -> Vec<(String, String)> {
    let published: Option<DateValue> = "2016-07-20".parse().ok();
    extract_text(text, published)
        .into_iter()
        .filter(|m| matches!(m.value, Value::Date(_) | Value::Unanchored(_)))
        .map(|m| (text[m.start..m.end].to_string(), m.value.to_string()))
        .collect()
}

#[track_caller]
fn none(text: &str) {
    let d = dates(text);
    assert!(d.is_empty(), "false dates {d:?} in {text:?}");
}

#[test]
fn counts_are_not_years() {
    none("At least 2000 injured were taken to hospitals.");
    none("More than 250 people died and 1999 were wounded.");
    none("Police said 2,016 people were detained.");
    none("Some 1500 troops crossed the border.");
    none("The party won 2017 seats in local councils.");
    none("Nearly 2000 protesters gathered in the square.");
}

#[test]
fn weapon_and_model_names_are_not_dates() {
    none("Turkey bought the S-400 system and was dropped from the F-35 program.");
    none("A Russian Su-24 was shot down by an F-16 near the border.");
    none("The MiG-2000 prototype and the T-1990 tank were shown.");
    none("The airline flies the Airbus A380 and the Boeing 777.");
}

#[test]
fn phone_numbers_are_not_dates() {
    none("Call the hotline at 555-2016 or (212) 555-1998.");
    none("Tips can be sent to +90 312 2017 1999.");
}

#[test]
fn money_is_not_a_date() {
    none("The fine was $2000, or about €1999.");
    none("He paid 2000 dollars and 1998 euros for the permit.");
    none("Shares rose 2.016 percent to 1,998.50 points.");
}

#[test]
fn scores_are_not_dates() {
    none("The Lakers beat the Celtics 102-98 on the road.");
    none("Galatasaray won 2-1 and Fenerbahce lost 3-0.");
}

#[test]
fn clock_times_are_not_years() {
    none("The convoy left at 2000 hours and arrived at 0600 hours.");
    none("The blast occurred at 1745 GMT near the port.");
    let times: Vec<String> =
        extract_text("The convoy left at 2000 hours.", "2016-07-20".parse().ok())
            .into_iter()
            .map(|m| m.value.to_string())
            .collect();
    assert_eq!(times, ["2016-07-20T20:00"]);
}

#[test]
fn identifiers_are_not_years() {
    none("The Security Council passed Resolution 2254 unanimously.");
    none("Flight 1549 landed on the river; Route 2000 was closed.");
    none("The suspect lived in Room 1999 of the hotel on Highway 2017.");
}

#[test]
fn may_and_march_as_words_are_not_months() {
    none("Officials may act soon, and thousands will march to the capital.");
    none("May God help us, she said.");
}

#[test]
fn real_years_next_to_such_numbers_still_count() {
    assert_eq!(
        dates("In 2016, 2000 people were injured."),
        [("2016".to_string(), "2016".to_string())]
    );
}
