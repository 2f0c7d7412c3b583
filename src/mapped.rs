//! What the map step gives for one article: its temporal mentions, each with
//! its place in the article, and the catalog events it is a source of. The
//! loader makes these (one article at a time, in any order, on any machine),
//! the cache keeps them, [`crate::findings`] writes and reads them as JSON
//! Lines, and the reduce step ([`crate::events`]) builds events from them.
//! They are plain data, so this module depends on no stage that uses it.

use std::sync::Arc;

use serde::{Deserialize, Serialize};

use crate::diag::Problem;
use crate::model::Source;

/// Where in the article a mention sits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Place {
    /// The article's running text.
    #[default]
    Prose,
    /// The headline (the first line, when it is short and has no final stop,
    /// or repeats the front matter's title).
    Headline,
    /// A date line at the top ("Monday, March 17, 2014"), or a dateline that
    /// opens a paragraph ("CAIRO, Feb. 11 (UPI) --").
    Dateline,
    /// A byline or time stamp: "Published", "Updated", "Posted" lines, a short
    /// line of names and times.
    Byline,
    /// A line that holds little but the date, inside the text: a heading that
    /// dates what follows it, as timelines have.
    Heading,
    /// A photo caption: a line glued to a credit or labelled as a photo.
    Caption,
    /// An embedded social-media post.
    Embed,
    /// A "Read more" or related-article line.
    Related,
}

impl Place {
    pub fn is_prose(&self) -> bool {
        *self == Place::Prose
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Place::Prose => "prose",
            Place::Headline => "headline",
            Place::Dateline => "dateline",
            Place::Byline => "byline",
            Place::Heading => "heading",
            Place::Caption => "caption",
            Place::Embed => "embed",
            Place::Related => "related",
        }
    }
}

/// One temporal mention as `annals extract` prints it.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct MentionRecord {
    pub file: String,
    pub start: usize,
    pub end: usize,
    pub text: String,
    pub value: String,
    pub precision: std::borrow::Cow<'static, str>,
    pub sentence: crate::model::Excerpt,
    pub countries: Vec<String>,
    pub event: Option<String>,
    // What the reduce step reads besides (not printed by plain `annals
    // extract`, whose keys are fixed; `--for-events` writes them, see
    // [`crate::findings`]):
    /// Byte offset of `sentence` in the file.
    #[serde(skip)]
    pub sentence_start: usize,
    /// Where in the article the mention sits (furniture or running text).
    #[serde(skip)]
    pub place: Place,
    /// For a heading that holds little but a date: the sentence below it,
    /// which it dates.
    #[serde(skip)]
    pub heads: Option<String>,
    /// `text` when `start` and `end` refer to the text extracted from the file
    /// (a web page, a feed item) rather than to the file as read.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub offsets: Option<crate::model::Offsets>,
}

impl MentionRecord {
    /// Writes the value as the timeline places it: a clock time on a known day
    /// as that day (`2015-07-14T09:45` as `2015-07-14`, precision `day`), a
    /// weekend as its week (`2015-W07-WE` as `2015-W07`). Other values, a time
    /// on an unknown day (`XXXX-XX-XXT10:35`) among them, are left as they are.
    pub fn to_timeline_value(&mut self) {
        use crate::model::DateValue;
        let placed = match self.value.strip_suffix("-WE") {
            Some(week) => week
                .parse::<DateValue>()
                .ok()
                .filter(|w| matches!(w, DateValue::Week { .. })),
            None if self.precision == "time" => {
                self.date().filter(|d| matches!(d, DateValue::Day(_)))
            }
            None => None,
        };
        if let Some(d) = placed {
            self.value = d.to_string();
            self.precision = std::borrow::Cow::Borrowed(d.precision().as_str());
        }
    }

    /// The calendar value the mention gives an event, if any.
    pub fn date(&self) -> Option<crate::model::DateValue> {
        let v = self
            .value
            .get(..10)
            .filter(|_| self.value.as_bytes().get(10) == Some(&b'T'));
        v.unwrap_or(&self.value).parse().ok()
    }

    /// The expression's byte range inside `sentence`, when it lies there.
    pub fn expression_in_sentence(&self) -> Option<std::ops::Range<usize>> {
        let a = self.start.checked_sub(self.sentence_start)?;
        let b = self.end.checked_sub(self.sentence_start)?;
        (a <= b
            && b <= self.sentence.len()
            && self.sentence.is_char_boundary(a)
            && self.sentence.is_char_boundary(b))
        .then_some(a..b)
    }
}

/// What one article gives (the map step's result): its mentions, each with
/// its place in the article, the catalog events it is a source of, and its
/// problems. Events are built from the mentions in the reduce step
/// ([`crate::events`]). [`crate::findings`] writes it as JSON Lines and reads
/// it back, so a change here must show there: the test
/// `findings::tests::records_read_back_as_written` says when it does not.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ArticleResult {
    pub article: Arc<crate::model::ArticleMeta>,
    pub mentions: Vec<MentionRecord>,
    /// Catalog events (by index) and the place the article speaks of them.
    pub links: Vec<(usize, Source)>,
    pub problems: Vec<Problem>,
    /// What was understood of the article, for `annals articles`; none for
    /// a file that gave no article (a feed that is not a feed).
    pub row: Option<crate::input::ArticleRow>,
}
