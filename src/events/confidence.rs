//! Confidence: how sure annals is that an extracted event is a real, rightly
//! dated event, from 0.05 to 0.99.
//!
//! It starts at 0.5 and adds up these signals:
//!
//! | signal | change |
//! |---|---|
//! | the date is a day / a month / a week / a year / a decade or century | +0.2 / +0.1 / +0.05 / −0.05 / −0.2 |
//! | the expression states its year ("July 12, 2019") | +0.1 |
//! | each other article that reports it (at most two counted) | +0.1 |
//! | each other sentence of the same article (at most two counted) | +0.05 |
//! | the sentences name a country / name none | +0.05 / −0.1 |
//! | status expected / mentioned | −0.1 / −0.25 |
//! | every source is a photo caption | −0.15 |
//! | a relative expression in an article without a date to count from (a publication date, else a full date at the top of its text) | −0.1 |
//!
//! `--min-confidence` filters `list` and `export` by it; curated events have
//! none and always pass.

use crate::model::{DateValue, Precision};

use super::status::Status;

/// What confidence is computed from.
#[derive(Debug, Clone, Default)]
pub struct Signals {
    pub date: Option<DateValue>,
    pub states_year: bool,
    pub articles: usize,
    pub sentences_in_first_article: usize,
    pub has_countries: bool,
    pub status: Status,
    pub all_captions: bool,
    pub relative_without_publication: bool,
}

/// The confidence for these signals, rounded to two decimals.
pub fn confidence(s: &Signals) -> f32 {
    let mut c: f32 = 0.5;
    c += match s.date.map(|d| d.precision()) {
        Some(Precision::Day) => 0.2,
        Some(Precision::Month) => 0.1,
        Some(Precision::Week) => 0.05,
        Some(Precision::Season | Precision::Quarter) | None => 0.0,
        Some(Precision::Year) => -0.05,
        Some(Precision::Decade | Precision::Century) => -0.2,
    };
    if s.states_year {
        c += 0.1;
    }
    c += 0.1 * s.articles.saturating_sub(1).min(2) as f32;
    c += 0.05 * s.sentences_in_first_article.saturating_sub(1).min(2) as f32;
    c += if s.has_countries { 0.05 } else { -0.1 };
    c -= match s.status {
        Status::Happened => 0.0,
        Status::Expected => 0.1,
        Status::Mentioned => 0.25,
    };
    if s.all_captions {
        c -= 0.15;
    }
    if s.relative_without_publication {
        c -= 0.1;
    }
    (c.clamp(0.05, 0.99) * 100.0).round() / 100.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn more_evidence_more_confidence() {
        let day: DateValue = "2016-07-15".parse().unwrap();
        let base = Signals {
            date: Some(day),
            articles: 1,
            sentences_in_first_article: 1,
            has_countries: true,
            ..Default::default()
        };
        let one = confidence(&base);
        assert_eq!(one, 0.75);
        let two = confidence(&Signals {
            articles: 2,
            ..base.clone()
        });
        assert!(two > one);
        let year = confidence(&Signals {
            date: Some(DateValue::Year(2016)),
            ..base.clone()
        });
        assert!(year < one);
        let mentioned = confidence(&Signals {
            status: Status::Mentioned,
            ..base.clone()
        });
        assert!(mentioned < one);
        let worst = confidence(&Signals {
            date: Some(DateValue::Century(19)),
            has_countries: false,
            status: Status::Mentioned,
            all_captions: true,
            relative_without_publication: true,
            ..Default::default()
        });
        assert_eq!(worst, 0.05);
    }
}
