//! The expression families the extractor understands, in sentences written
//! the way news is written (these sentences were written for the tests, not
//! taken from any corpus).

use annals::extract::extract_text;
use annals::model::DateValue;

fn date(s: &str) -> Option<DateValue> {
    Some(s.parse().expect("a test date"))
}

/// Every (text, value) the extractor finds in `text` published on `published`.
fn found(text: &str, published: &str) -> Vec<(String, String)> {
    extract_text(text, date(published))
        .into_iter()
        .map(|m| (text[m.start..m.end].to_string(), m.value.to_string()))
        .collect()
}

/// Asserts that `text` yields exactly the expected (span, value) pairs.
#[track_caller]
fn check(text: &str, published: &str, expected: &[(&str, &str)]) {
    let got = found(text, published);
    let want: Vec<(String, String)> = expected
        .iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect();
    assert_eq!(got, want, "in {text:?} published {published}");
}

// 2016-07-20 is a Wednesday.
const WED: &str = "2016-07-20";

#[test]
fn full_dates_with_and_without_weekday_and_year() {
    check(
        "The coup attempt began on July 15, 2016, in Ankara.",
        WED,
        &[("July 15, 2016", "2016-07-15")],
    );
    check(
        "Talks resumed on Friday, July 15, 2016, officials said.",
        WED,
        &[("Friday, July 15, 2016", "2016-07-15")],
    );
    // held in the past, months ahead of the publication: last year's date
    check(
        "The vote was held on Sept. 12.",
        WED,
        &[("Sept. 12", "2015-09-12")],
    );
    // news gives the year of dates outside the current year: a date without
    // one a few weeks ahead is this year's, even in a past-tense sentence
    check(
        "Officials gave no reason for the Aug. 7 deadline.",
        WED,
        &[("Aug. 7", "2016-08-07")],
    );
    check(
        "Troops moved in on 15 July 2016 and left on 3 August.",
        WED,
        &[("15 July 2016", "2016-07-15"), ("3 August", "2016-08-03")],
    );
    check(
        "The hearing is set for Sept 9.",
        WED,
        &[("Sept 9", "2016-09-09")],
    );
}

#[test]
fn a_weekday_with_a_date_picks_the_year_that_fits() {
    // Monday, Oct. 26 fell on a Monday in 2015, not in 2016
    check(
        "The editorial ran on Monday, Oct. 26.",
        WED,
        &[("Monday, Oct. 26", "2015-10-26")],
    );
}

#[test]
fn ordinals_and_ranges() {
    check(
        "The summit is planned for the 25th.",
        WED,
        &[("the 25th", "2016-07-25")],
    );
    check(
        "Protests were held July 15-16 in Istanbul.",
        WED,
        &[("July 15", "2016-07-15"), ("16", "2016-07-16")],
    );
    check(
        "Prices rose sharply between 2017 and 2019.",
        WED,
        &[("2017", "2017"), ("2019", "2019")],
    );
    check(
        "The campaign ran from March to May.",
        WED,
        &[("March", "2016-03"), ("May", "2016-05")],
    );
    check(
        "He served from 1994-97 as mayor.",
        WED,
        &[("1994", "1994"), ("97", "1997")],
    );
}

#[test]
fn weekdays_follow_the_tense() {
    check(
        "The minister said Tuesday that talks will resume Friday.",
        WED,
        &[("Tuesday", "2016-07-19"), ("Friday", "2016-07-22")],
    );
    check(
        "Officials met last Friday and will meet again next Monday.",
        WED,
        &[("last Friday", "2016-07-15"), ("next Monday", "2016-07-25")],
    );
    check(
        "The committee is expected to vote Thursday.",
        WED,
        &[("Thursday", "2016-07-21")],
    );
    check(
        "Police arrested two men Sunday night.",
        WED,
        &[("Sunday night", "2016-07-17")],
    );
    check(
        "The deadline was extended until Monday.",
        WED,
        &[("Monday", "2016-07-25")],
    );
}

#[test]
fn deictic_words_and_units() {
    check(
        "The ministry said today that yesterday's strike and tomorrow's march are linked.",
        WED,
        &[
            ("today", "2016-07-20"),
            ("yesterday", "2016-07-19"),
            ("tomorrow", "2016-07-21"),
        ],
    );
    check(
        "Tonight the president speaks.",
        WED,
        &[("Tonight", "2016-07-20")],
    );
    check(
        "Sales fell this week, after a rise last month; this year looks weak.",
        WED,
        &[
            ("this week", "2016-W29"),
            ("last month", "2016-06"),
            ("this year", "2016"),
        ],
    );
    check(
        "Elections are due next year and talks resume next week.",
        WED,
        &[("next year", "2017"), ("next week", "2016-W30")],
    );
    check(
        "The law was passed earlier this month and takes effect later this year.",
        WED,
        &[
            ("earlier this month", "2016-07"),
            ("later this year", "2016"),
        ],
    );
    check(
        "The town fell three years ago, two weeks ago it was retaken.",
        WED,
        &[("three years ago", "2013"), ("two weeks ago", "2016-W27")],
    );
}

#[test]
fn anaphora_take_the_last_date_of_the_narrative() {
    check(
        "The blast hit the port on March 3, 2011. The following day, rescuers arrived. Two days later the fires were out.",
        WED,
        &[
            ("March 3, 2011", "2011-03-03"),
            ("The following day", "2011-03-04"),
            ("Two days later", "2011-03-06"),
        ],
    );
    check(
        "He fled in June 1998 and returned later that year.",
        WED,
        &[("June 1998", "1998-06"), ("later that year", "1998")],
    );
    check(
        "The blast hit on March 3, 2011. A week earlier, police had been warned.",
        WED,
        &[
            ("March 3, 2011", "2011-03-03"),
            ("A week earlier", "2011-W08"),
        ],
    );
}

#[test]
fn seasons_quarters_decades_centuries() {
    check(
        "Fighting resumed last summer and may end in the fall of 2017.",
        WED,
        &[("last summer", "2015-SU"), ("the fall of 2017", "2017-FA")],
    );
    check(
        "Profits fell in the third quarter and in Q1 2015.",
        WED,
        &[("the third quarter", "2016-Q3"), ("Q1 2015", "2015-Q1")],
    );
    check(
        "The city grew in the 1990s and shrank in the 20th century's last years.",
        WED,
        &[("1990s", "199"), ("20th century", "19")],
    );
    check(
        "The treaty was signed in the late 1980s.",
        WED,
        &[("late 1980s", "198")],
    );
}

#[test]
fn fuzzy_parts_of_years_and_years_in_phrases() {
    check(
        "Construction began in mid-2016, after delays in early 1999 and late December.",
        WED,
        &[
            ("mid-2016", "2016"),
            ("early 1999", "1999"),
            ("late December", "2015-12"),
        ],
    );
    check(
        "The 2016 election changed everything; relations have been tense since 2017.",
        WED,
        &[("2016", "2016"), ("2017", "2017")],
    );
    check(
        "The budget for fiscal 2017 was cut.",
        WED,
        &[("fiscal 2017", "2017")],
    );
}

#[test]
fn holidays_fall_on_their_days() {
    check(
        "The boy was found on Thanksgiving Day, and the family met again on Christmas Eve.",
        "2000-01-05",
        &[
            ("Thanksgiving Day", "1999-11-25"),
            ("Christmas Eve", "1999-12-24"),
        ],
    );
    check(
        "Pilgrims arrived as Easter week began.",
        "2000-04-17",
        &[("Easter week", "2000-W16")],
    );
}

#[test]
fn references_to_now_the_past_and_the_future() {
    check(
        "Prices are now falling, though they recently rose and may rise in the future.",
        WED,
        &[
            ("now", "PRESENT_REF"),
            ("recently", "PAST_REF"),
            ("the future", "FUTURE_REF"),
        ],
    );
}

#[test]
fn durations_sets_and_clock_times() {
    check(
        "After a 16-hour flight she spent about five hours in Nairobi and left after 5 1/2 hours.",
        WED,
        &[
            ("16-hour", "PT16H"),
            ("about five hours", "PT5H"),
            ("5 1/2 hours", "PT5H30M"),
        ],
    );
    check(
        "Over the past two months, rallies were held daily and every week.",
        WED,
        &[
            ("the past two months", "P2M"),
            ("daily", "P1D"),
            ("every week", "P1W"),
        ],
    );
    check(
        "The blast occurred at about 10:35 a.m. Friday.",
        WED,
        &[("10:35 a.m. Friday", "2016-07-15T10:35")],
    );
    check(
        "He must answer by 9 a.m. Tuesday.",
        WED,
        &[("9 a.m. Tuesday", "2016-07-26T09:00")],
    );
}

#[test]
fn ages_are_not_durations() {
    check(
        "A 6-year-old boy and his 44-year-old father, who is 30 years old.",
        WED,
        &[],
    );
}

#[test]
fn without_a_publication_date_the_last_absolute_date_is_the_reference() {
    let text = "LONDON, March 3, 2011 -- Talks collapsed on Tuesday. They resume next week.";
    let got: Vec<(String, String)> = extract_text(text, None)
        .into_iter()
        .map(|m| (text[m.start..m.end].to_string(), m.value.to_string()))
        .collect();
    assert_eq!(
        got,
        [
            ("March 3, 2011".to_string(), "2011-03-03".to_string()),
            ("Tuesday".to_string(), "2011-03-01".to_string()),
            ("next week".to_string(), "2011-W10".to_string()),
        ]
    );
    // with nothing to resolve against, a month and day stay without their year
    let text = "The vote is on July 15.";
    let values: Vec<String> = extract_text(text, None)
        .into_iter()
        .map(|m| m.value.to_string())
        .collect();
    assert_eq!(values, ["XXXX-07-15"]);
}

#[test]
fn precision_names_the_grain_and_only_calendar_values_place_events() {
    let text = "On July 15, 2016, in the week of July 18, in July 2016, in the summer of 2016, \
                in the third quarter of 2016, in 2016, in the 2010s, in the 21st century, now, \
                for three days, every week, at 10 a.m. Friday.";
    let got: Vec<(&str, bool)> = extract_text(text, date(WED))
        .iter()
        .map(|m| (m.value.precision_str(), m.value.date().is_some()))
        .collect();
    assert_eq!(
        got,
        [
            ("day", true),
            ("week", true),
            ("month", true),
            ("season", true),
            ("quarter", true),
            ("year", true),
            ("decade", true),
            ("century", true),
            ("ref", false),
            ("duration", false),
            ("set", false),
            ("time", true),
        ]
    );
}

#[test]
fn weekends_parts_of_periods_and_days_around_days() {
    check(
        "Over the weekend, protesters gathered; more will march this weekend.",
        WED,
        &[
            ("the weekend", "2016-W28-WE"),
            ("this weekend", "2016-W29-WE"),
        ],
    );
    check(
        "The agreement expires at the end of 2020; since the beginning of the year the lira fell.",
        WED,
        &[
            ("the end of 2020", "2020"),
            ("the beginning of the year", "2016"),
        ],
    );
    check(
        "The day before last Tuesday's hearing, he flew to Ankara.",
        WED,
        &[
            ("last Tuesday", "2016-07-19"),
            ("The day before last Tuesday", "2016-07-18"),
        ],
    );
    check(
        "He was last seen on July 3, the day before police issued a warrant.",
        WED,
        &[("July 3", "2016-07-03")],
    );
}
