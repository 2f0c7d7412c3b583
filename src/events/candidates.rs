//! Event candidates: which dated mentions may become events.
//!
//! A dated mention becomes an event only when its sentence reports something.
//! Page furniture does not: [`place`] reads where a mention sits from the
//! article's structure (lines, their length and position, captions beside
//! credits), and [`rejection`] says why a mention is not a candidate. No list
//! of outlets is involved: the cues are the shape of a line and a few words
//! that label furniture on any site ("Published", "Updated", "Photo",
//! "Credit", "Read more").

use crate::extract::lexicon::WEEKDAYS;

pub use crate::mapped::Place;

/// What [`place`] needs to know of the article.
pub struct Layout<'a> {
    pub text: &'a str,
    pub body_start: usize,
    /// The front matter's title, if any.
    pub title: Option<&'a str>,
}

/// What [`place_in_line`] needs to know of a line, worked out once per line.
pub struct Line<'a> {
    pub start: usize,
    pub end: usize,
    /// The line, trimmed.
    trimmed: &'a str,
    /// Lower-cased, for short lines only (furniture lines are short).
    lower: String,
    words: usize,
    /// How many non-empty lines of the body come before it (counted up to 10).
    index: usize,
    headline: bool,
}

/// Lines longer than this are running text: no furniture line is this long.
const MAX_FURNITURE_LINE: usize = 600;

impl<'a> Line<'a> {
    /// The line of the body holding byte `at`.
    pub fn at(layout: &Layout<'a>, at: usize) -> Line<'a> {
        let text = layout.text;
        let at = crate::diag::floor_char_boundary(text, at.min(text.len()));
        let start = text[..at]
            .rfind('\n')
            .map_or(0, |i| i + 1)
            .max(layout.body_start.min(at));
        let end = text[at..].find('\n').map_or(text.len(), |i| at + i);
        let trimmed = text[start..end].trim();
        let short = trimmed.len() <= MAX_FURNITURE_LINE;
        let index = line_index(text, layout.body_start, start);
        Line {
            start,
            end,
            trimmed,
            lower: if short {
                trimmed.to_lowercase()
            } else {
                String::new()
            },
            words: if short {
                trimmed.split_whitespace().count()
            } else {
                usize::MAX
            },
            index,
            headline: index == 0 && short && is_headline(trimmed, layout.title),
        }
    }

    pub fn contains(&self, at: usize) -> bool {
        self.start <= at && at <= self.end
    }
}

/// Where the expression at `expr` (byte range in the file) sits.
pub fn place(layout: &Layout, expr: std::ops::Range<usize>) -> Place {
    place_in_line(layout, &Line::at(layout, expr.start), expr)
}

/// [`place`], given the line that holds the expression.
pub fn place_in_line(layout: &Layout, line: &Line, expr: std::ops::Range<usize>) -> Place {
    let text = layout.text;
    if line.start > expr.start || expr.end > text.len() {
        return Place::Prose;
    }
    let trimmed = line.trimmed;
    if trimmed.len() <= MAX_FURNITURE_LINE {
        let lower = line.lower.as_str();
        let words = line.words;
        let expr_words = text[expr.clone()].split_whitespace().count();
        let other_words = words.saturating_sub(expr_words);
        let index = line.index;
        let has_word = |w: &str| {
            lower
                .match_indices(w)
                .any(|(i, _)| crate::text::at_word_bounds(lower, i, i + w.len()))
        };
        if words <= 16
            && ["published", "updated", "posted", "last modified"]
                .iter()
                .any(|w| has_word(w))
        {
            return Place::Byline;
        }
        if words <= 16
            && (lower.starts_with("by ") || lower.contains("min read") || lower.contains(" | "))
            && index < 6
            && !ends_sentence(trimmed)
        {
            return Place::Byline;
        }
        if is_embed(lower) {
            return Place::Embed;
        }
        if is_related(lower) {
            return Place::Related;
        }
        if is_caption(lower) {
            return Place::Caption;
        }
        let in_line = expr.start - line.start..expr.end - line.start;
        if is_scene_caption(&text[line.start..line.end], in_line) {
            return Place::Caption;
        }
        if line.headline {
            return Place::Headline;
        }
        if other_words <= 3 && !ends_sentence(trimmed) {
            return if index < 4 {
                Place::Dateline
            } else {
                Place::Heading
            };
        }
        if other_words <= 5 && index < 4 && !ends_sentence(trimmed) {
            return Place::Dateline;
        }
    }
    // "CAIRO, Feb. 11 (UPI) -- ..." : the expression inside a dateline
    let raw = &text[line.start..line.end];
    let lead = raw.len() - raw.trim_start().len();
    let dl = super::titles::dateline_len(raw.trim_start());
    if dl > 0 && expr.end <= line.start + lead + dl {
        return Place::Dateline;
    }
    Place::Prose
}

/// How many non-empty lines of the body come before the line at `line_start`.
fn line_index(text: &str, body_start: usize, line_start: usize) -> usize {
    text[body_start.min(line_start)..line_start]
        .lines()
        .filter(|l| !l.trim().is_empty())
        .take(10)
        .count()
}

fn ends_sentence(s: &str) -> bool {
    s.trim_end_matches(['"', '”', '’', '\'', ')'])
        .ends_with(['.', '!', '?'])
}

fn is_headline(line: &str, title: Option<&str>) -> bool {
    let norm = |s: &str| -> String {
        s.chars()
            .filter(|c| c.is_alphanumeric())
            .flat_map(char::to_lowercase)
            .collect()
    };
    if let Some(t) = title {
        let (a, b) = (norm(t), norm(line));
        if !a.is_empty() && (a == b || b.starts_with(&a) || a.starts_with(&b)) {
            return true;
        }
    }
    line.split_whitespace().count() <= 20 && !ends_sentence(line)
}

/// A photo caption: a line that a credit is glued to or follows ("Credit:",
/// "Photo:", "(AP Photo/…)", "Image Source"), or that presents a photo ("In
/// this photo", "This handout photo").
pub fn is_caption(line: &str) -> bool {
    let lower = line.to_lowercase();
    // every sign below names a photo, an image, a credit or what is pictured
    if !["photo", "image", "credit", "pictured"]
        .iter()
        .any(|w| lower.contains(w))
    {
        return false;
    }
    let credit = [
        "credit:",
        "photo:",
        "photograph:",
        "image source",
        "photo credit",
    ]
    .iter()
    .any(|c| lower.contains(c))
        || (lower.contains("photo/") || lower.contains("photos/"))
        || lower.contains("license photo")
        || lower.contains("(photo")
        || lower
            .trim_end_matches(['.', ' '])
            .rsplit(|c: char| !c.is_alphanumeric())
            .next()
            .is_some_and(|w| w == "photo" || w == "photos");
    let presents = [
        "in this photo",
        "this photo",
        "handout photo",
        "in this image",
        "pictured",
    ]
    .iter()
    .any(|p| lower.starts_with(p) || lower.contains(&format!(" {p}")));
    credit || presents
}

/// A caption in the wire services' form, without its credit: the first
/// sentence of its line, in the present tense, naming the place as "in City,
/// Country," and ending with the date: "Militants hold flags in Kabul,
/// Afghanistan, on Aug. 30." Running text tells the past in the past tense
/// and seldom names a city's country.
pub fn is_scene_caption(line: &str, expr: std::ops::Range<usize>) -> bool {
    let (Some(before), Some(after)) = (line.get(..expr.start), line.get(expr.end..)) else {
        return false;
    };
    let after = after.trim_start();
    let ends = after
        .strip_prefix('.')
        .is_some_and(|rest| rest.is_empty() || rest.starts_with(char::is_whitespace));
    if !ends || before.contains(". ") || before.contains("? ") || before.contains("! ") {
        return false;
    }
    let mut parts: Vec<&str> = before.split(", ").collect();
    // "…, Ukraine, Sunday, March 16, 2014."
    if parts.len() > 1 && parts[parts.len() - 1].trim().is_empty() {
        let day = parts[parts.len() - 2].trim().to_lowercase();
        if WEEKDAYS.contains(&day.as_str()) {
            parts.remove(parts.len() - 2);
        }
    }
    let n = parts.len();
    if n < 3 || !matches!(parts[n - 1].trim(), "" | "on") {
        return false;
    }
    let capitalised = |w: &str| w.chars().next().is_some_and(char::is_uppercase);
    let country = parts[n - 2].split_whitespace().collect::<Vec<_>>();
    if country.is_empty() || country.len() > 3 || !country.iter().all(|w| capitalised(w)) {
        return false;
    }
    let head: Vec<&str> = parts[n - 3].split_whitespace().collect();
    let city = head.iter().rev().take_while(|w| capitalised(w)).count();
    if city == 0 || city > 3 || head.len() <= city {
        return false;
    }
    if !matches!(
        head[head.len() - city - 1],
        "in" | "at" | "near" | "outside"
    ) {
        return false;
    }
    // the present tense: no past auxiliary, no past participle
    !before.split_whitespace().any(|w| {
        let w = w
            .trim_matches(|c: char| !c.is_alphanumeric())
            .to_lowercase();
        matches!(w.as_str(), "was" | "were" | "had" | "has" | "have" | "did")
            || (w.len() > 4 && w.ends_with("ed"))
    })
}

/// Where a credit glued to or following a caption starts ("Credit:",
/// "Photo:", "(AP Photo/…)", "Image Source"), as a byte offset in `line`.
pub fn credit_start(line: &str) -> Option<usize> {
    let lower = line.to_ascii_lowercase();
    [
        "credit:",
        "photo:",
        "photograph:",
        "image source",
        "photo credit",
        "(photo",
        "(ap photo",
    ]
    .iter()
    .filter_map(|c| lower.find(c))
    .min()
    .filter(|&at| line.is_char_boundary(at))
}

/// An embedded post: a handle in brackets, or a link to a picture service.
fn is_embed(line: &str) -> bool {
    let lower = line.to_lowercase();
    lower.contains("pic.twitter.com")
        || lower.contains("twitter.com/")
        || (lower.contains("(@")
            && (lower.starts_with('—') || lower.starts_with("--") || lower.starts_with("- ")))
}

/// A "Read more" line or a related-link line: a short label ending in a colon
/// that points elsewhere.
fn is_related(line: &str) -> bool {
    let lower = line.to_lowercase();
    let Some(colon) = lower.find(':') else {
        return ["read more", "related", "see also", "also read", "watch:"]
            .iter()
            .any(|p| lower.starts_with(p));
    };
    let label = &lower[..colon];
    label.split_whitespace().count() <= 4
        && [
            "more", "related", "read", "see also", "latest", "watch", "also",
        ]
        .iter()
        .any(|w| label.split_whitespace().any(|x| x == *w) || label == *w)
}

/// Why a dated mention in `sentence` (the expression at `expr`, a byte range
/// in it) is not an event candidate, or `None` when it is one.
pub fn rejection(
    place: Place,
    sentence: &str,
    expr: std::ops::Range<usize>,
    expr_text: &str,
) -> Option<&'static str> {
    match place {
        Place::Prose => {}
        Place::Heading => return None,
        Place::Headline => {
            // a headline's weekday or "today" has no tense to go by; the body says it
            let names_calendar =
                expr_text.chars().any(|c| c.is_ascii_digit()) || names_month(expr_text);
            if !names_calendar {
                return Some("a weekday or relative day in a headline");
            }
        }
        Place::Caption => {
            if !named_subject(sentence) {
                return Some("a photo caption");
            }
        }
        Place::Dateline => return Some("a dateline"),
        Place::Byline => return Some("a byline or time stamp"),
        Place::Embed => return Some("an embedded post"),
        Place::Related => return Some("a related-article line"),
    }
    let expr = expr.start.min(sentence.len())..expr.end.min(sentence.len());
    // a speaker's "today" or "Saturday" counts from the day they spoke,
    // which the article seldom gives; a quoted calendar date stands
    let calendar = expr_text.chars().any(|c| c.is_ascii_digit()) || names_month(expr_text);
    if !calendar && in_quotation(sentence, expr.start) {
        return Some("a relative date inside a quotation");
    }
    if in_condition(sentence, expr.start) {
        return Some("a date in a conditional clause");
    }
    let rest_words = sentence.split_whitespace().count()
        - sentence
            .get(expr.clone())
            .map_or(0, |s| s.split_whitespace().count());
    if rest_words < 3 {
        return Some("no report around the date");
    }
    None
}

/// True when byte `at` of `sentence` lies inside a quotation: after an
/// opening curly quote not yet closed, or after an odd number of straight
/// double quotes. What a speaker says is a remark about the date, reported
/// (if at all) by the sentences around it.
pub fn in_quotation(sentence: &str, at: usize) -> bool {
    let before = &sentence[..crate::diag::floor_char_boundary(sentence, at.min(sentence.len()))];
    let open = before.rfind('“');
    let close = before.rfind('”');
    if let Some(o) = open {
        if close.is_none_or(|c| c < o) {
            return true;
        }
    }
    before.matches('"').count() % 2 == 1
}

/// True when byte `at` of `sentence` lies in a conditional clause: "if" or
/// "unless" comes before it in its clause ("If we take the census for 2015,
/// then …"). What it dates is supposed, not reported.
pub fn in_condition(sentence: &str, at: usize) -> bool {
    let before = &sentence[..crate::diag::floor_char_boundary(sentence, at.min(sentence.len()))];
    let clause = before
        .char_indices()
        .rfind(|(_, c)| matches!(c, ',' | ';' | ':' | '—' | '(' | '“' | '”' | '"'))
        .map_or(before, |(i, c)| &before[i + c.len_utf8()..]);
    clause.split_whitespace().any(|w| {
        let w = w
            .trim_matches(|c: char| !c.is_alphanumeric())
            .to_lowercase();
        w == "if" || w == "unless"
    })
}

/// True when the expression names a day of the week and nothing that fixes
/// it on the calendar ("Tuesday", "on Monday afternoon"): no digit, no month.
pub fn bare_weekday(expr_text: &str) -> bool {
    let lower = expr_text.to_lowercase();
    WEEKDAYS.iter().any(|d| lower.contains(d))
        && !expr_text.chars().any(|c| c.is_ascii_digit())
        && !names_month(expr_text)
}

/// The reporting verbs whose date is that of a remark ("the diplomat said on
/// Saturday", "told reporters on Monday").
const REPORTING: &[&str] = &[
    "said", "says", "told", "added", "noted", "stated", "wrote", "tweeted", "insisted",
];

/// True when the expression at `expr` (a byte range in `sentence`) dates a
/// reporting verb at most five words before it, in its clause: "the diplomat
/// said on Saturday", "Psaki said Monday afternoon", "told reporters on
/// Monday", "said in an address on November 10".
pub fn dates_a_remark(sentence: &str, expr: std::ops::Range<usize>) -> bool {
    let start = crate::diag::floor_char_boundary(sentence, expr.start.min(sentence.len()));
    let before = &sentence[..start];
    let clause = before
        .char_indices()
        .rfind(|(_, c)| matches!(c, ',' | ';' | ':' | '—' | '(' | '“' | '”' | '"'))
        .map_or(before, |(i, c)| &before[i + c.len_utf8()..]);
    clause.split_whitespace().rev().take(5).any(|w| {
        REPORTING.contains(
            &w.trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase()
                .as_str(),
        )
    })
}

/// True when the words name a month ("Feb.", "June").
fn names_month(s: &str) -> bool {
    const MONTHS: [&str; 12] = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    s.split(|c: char| !c.is_alphabetic()).any(|w| {
        let w = w.to_lowercase();
        w.len() >= 3 && MONTHS.iter().any(|m| w.starts_with(m)) && {
            let full = crate::model::month_name(
                MONTHS.iter().position(|m| w.starts_with(m)).unwrap_or(0) as u32 + 1,
            )
            .to_lowercase();
            full.starts_with(&w) || w == "sept"
        }
    })
}

/// A caption whose subject is someone named ("U.S. Secretary of State John
/// Kerry meets ...") reports a meeting; one about "a vendor" or "militants"
/// only shows a scene. The subject is the words before the first word in
/// lower case (short joiners such as "of" aside); it names someone when two
/// or more of them are capitalised.
fn named_subject(sentence: &str) -> bool {
    let mut s = sentence.trim();
    for lead in [
        "in this photo",
        "this handout photo",
        "in this image",
        "this photo",
    ] {
        if s.to_lowercase().starts_with(lead) {
            if let Some(i) = s.find(',') {
                s = s[i + 1..].trim_start();
            }
        }
    }
    let mut caps = 0;
    for w in s.split_whitespace() {
        let w = w.trim_matches(|c: char| !c.is_alphanumeric());
        if w.is_empty() {
            continue;
        }
        if w.chars().next().is_some_and(char::is_uppercase) {
            caps += 1;
        } else if !matches!(w, "of" | "de" | "al" | "bin" | "van" | "von" | "and") {
            break;
        }
    }
    caps >= 2
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_caption_is_known_by_its_credit_or_by_what_it_presents() {
        for line in [
            "troops at the border on monday. credit: reuters",
            "the summit in ankara. photo: ap",
            "photograph: getty images",
            "image source, epa",
            "photo credit should read afp",
            "reuters/photo/john smith",
            "ap photos/jane doe",
            "buy license photo",
            "the harbour on tuesday (photo by the author)",
            "the minister in ankara, 2016. photo",
            "in this photo taken on june 3, the quay",
            "an undated handout photo of the ship",
            "in this image released on friday, the convoy",
            "pictured: the ruins of the market",
            "the envoy, pictured in 2015, said",
        ] {
            assert!(is_caption(line), "{line:?}");
        }
        for line in [
            "the talks in ankara ended on friday.",
            "a photographer was hurt.",
            "imagine the ceasefire holding",
            "the credit union reopened on monday",
        ] {
            assert!(!is_caption(line), "{line:?}");
        }
    }

    fn place_in(text: &str, expr: &str, title: Option<&str>) -> Place {
        let at = text.find(expr).unwrap();
        place(
            &Layout {
                text,
                body_start: 0,
                title,
            },
            at..at + expr.len(),
        )
    }

    #[test]
    fn furniture_is_found_by_the_shape_of_its_line() {
        let text = "Talks resume in Jeddah\n4 MIN READMar 3, 2018 | 14:02 GMT\n\
                    Published: Feb. 23, 2022 at 5:51 PM HST|Updated: 1 hour ago\n\
                    Monday, March 17, 2014\n\
                    The envoys met on Friday and agreed to talk again.\n\
                    A vendor sells bread at a market in Aleppo, Syria, on Feb. 2, 2018. Credit: Getty\n\
                    More: Biden says troops leave by Aug. 31\n\
                    July 18\n\
                    The council met in Geneva to discuss the plan.\n";
        assert_eq!(place_in(text, "Mar 3, 2018", None), Place::Byline);
        assert_eq!(place_in(text, "Feb. 23, 2022", None), Place::Byline);
        assert_eq!(place_in(text, "March 17, 2014", None), Place::Dateline);
        assert_eq!(place_in(text, "Friday", None), Place::Prose);
        assert_eq!(place_in(text, "Feb. 2, 2018", None), Place::Caption);
        assert_eq!(place_in(text, "Aug. 31", None), Place::Related);
        assert_eq!(place_in(text, "July 18", None), Place::Heading);
    }

    #[test]
    fn a_dateline_opening_a_paragraph_is_furniture() {
        let text = "Headline here\nCAIRO, Feb. 11 (UPI) -- Jubilant crowds cheered on Friday.";
        assert_eq!(place_in(text, "Feb. 11", None), Place::Dateline);
        assert_eq!(place_in(text, "Friday", None), Place::Prose);
    }

    #[test]
    fn a_caption_glued_to_a_credit_is_a_caption() {
        let text = "Intro line that is long enough to be prose, really.\n\
                    Putin and Erdogan shake hands in St Petersburg on August 9Credit: Getty Images\n";
        assert_eq!(place_in(text, "August 9", None), Place::Caption);
    }

    #[test]
    fn headline_weekdays_are_not_candidates() {
        let text = "Erdogan to attend prayers at Hagia Sophia Friday\nBody.";
        let p = place_in(text, "Friday", None);
        assert_eq!(p, Place::Headline);
        let s = "Erdogan to attend prayers at Hagia Sophia Friday";
        let at = s.find("Friday").unwrap();
        assert!(rejection(p, s, at..at + 6, "Friday").is_some());
        let s = "Ceasefire agreed for February 15 after Minsk summit";
        let at = s.find("February 15").unwrap();
        assert!(rejection(Place::Headline, s, at..at + 11, "February 15").is_none());
    }

    #[test]
    fn captions_report_only_with_a_named_subject() {
        let s = "A vendor sells bread at a market in Aleppo, Syria, on Feb. 2, 2018.";
        let at = s.find("Feb.").unwrap();
        assert!(rejection(Place::Caption, s, at..at + 12, "Feb. 2, 2018").is_some());
        let s = "U.S. Secretary of State John Kerry meets Zarif in Vienna on Jan. 16, 2016.";
        let at = s.find("Jan.").unwrap();
        assert!(rejection(Place::Caption, s, at..at + 13, "Jan. 16, 2016").is_none());
    }

    #[test]
    fn a_wire_caption_is_found_by_its_shape() {
        let text = "Intro line that is long enough to be prose, really, and goes on.\n\
                    Militants hold Taliban flags in Kabul, Afghanistan, on Aug. 30. Many are anxious.\n\
                    Militants held Taliban flags in Kabul on Aug. 30.\n";
        assert_eq!(place_in(text, "Aug. 30", None), Place::Caption);
        let s = "Militants hold Taliban flags in Kabul, Afghanistan, on Aug. 30.";
        let at = s.find("Aug.").unwrap();
        assert!(rejection(Place::Caption, s, at..at + 7, "Aug. 30").is_some());
        let prose = text.rfind("Aug. 30").unwrap();
        assert_eq!(
            place(
                &Layout {
                    text,
                    body_start: 0,
                    title: None
                },
                prose..prose + 7
            ),
            Place::Prose
        );
        let scene = |line: &str, expr: &str| {
            let at = line.find(expr).unwrap();
            is_scene_caption(line, at..at + expr.len())
        };
        assert!(scene(
            "Officials count votes in Simferopol, Ukraine, Sunday, March 16, 2014.",
            "March 16, 2014"
        ));
        // the past tense is running text, and so is a date inside the sentence
        assert!(!scene(
            "Police arrested protesters in Cairo, Egypt, on Jan. 25.",
            "Jan. 25"
        ));
        assert!(!scene(
            "Protesters gather in Cairo, Egypt, on Jan. 25 to demand bread.",
            "Jan. 25"
        ));
    }

    #[test]
    fn the_date_of_a_reporting_verb_dates_a_remark() {
        let s = "The talks resume, the diplomat said on Saturday.";
        let at = s.find("Saturday").unwrap();
        assert!(dates_a_remark(s, at..at + 8));
        let s = "“We are done,” Taylor told reporters on Monday at the Pentagon.";
        let at = s.find("Monday").unwrap();
        assert!(dates_a_remark(s, at..at + 6));
        let s = "Putin on Thursday announced a military operation.";
        let at = s.find("Thursday").unwrap();
        assert!(!dates_a_remark(s, at..at + 8));
    }

    #[test]
    fn a_date_in_a_conditional_clause_is_supposed_not_reported() {
        let s = "If we take the census of the region for 2015, then half of the people left.";
        let at = s.find("2015").unwrap();
        assert_eq!(
            rejection(Place::Prose, s, at..at + 4, "2015"),
            Some("a date in a conditional clause")
        );
        let s = "After the census of 2015, half of the people left the region.";
        let at = s.find("2015").unwrap();
        assert_eq!(rejection(Place::Prose, s, at..at + 4, "2015"), None);
        assert!(bare_weekday("Tuesday morning") && !bare_weekday("Tuesday (June 12)"));
    }
}
