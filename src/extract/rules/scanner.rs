//! The scanner: a sentence's tokens with the questions rules ask of them
//! (what a token is, whether it touches its neighbour, its lexicon role), and
//! the tense of the clause around an expression.

use crate::extract::lexicon::{
    BE, DET, DayPart, ED, FUTURE, FUTURE_TO, HAVE, INTENT, Kw, Lex, MODAL, PAST, PLURAL, PRESENT,
    Unit,
};
use crate::extract::tokens::{Kind, Tok};
use crate::extract::{Anchor, Tense};

pub(super) struct Scan<'a> {
    pub(super) text: &'a str,
    pub(super) toks: &'a [Tok],
    pub(super) anchors: &'a [Anchor],
}

impl<'a> Scan<'a> {
    pub(super) fn t(&self, i: usize) -> Option<&'a Tok> {
        self.toks.get(i)
    }
    pub(super) fn s(&self, i: usize) -> &'a str {
        self.t(i).map_or("", |t| &self.text[t.start..t.end])
    }
    pub(super) fn lex(&self, i: usize) -> Lex {
        self.t(i).map_or(Lex::None, |t| t.info.lex)
    }
    pub(super) fn kw(&self, i: usize) -> Option<Kw> {
        match self.lex(i) {
            Lex::Kw(k) => Some(k),
            _ => None,
        }
    }
    pub(super) fn is(&self, i: usize, k: Kw) -> bool {
        self.lex(i) == Lex::Kw(k)
    }
    pub(super) fn has(&self, i: usize, flag: u16) -> bool {
        self.t(i).is_some_and(|t| t.info.flags & flag != 0)
    }
    pub(super) fn is_word(&self, i: usize) -> bool {
        self.t(i).is_some_and(|t| t.kind == Kind::Word)
    }
    pub(super) fn is_num(&self, i: usize) -> bool {
        self.t(i).is_some_and(|t| t.kind == Kind::Num)
    }
    pub(super) fn num(&self, i: usize) -> Option<u32> {
        self.t(i)
            .filter(|t| t.kind == Kind::Num && t.num != u32::MAX)
            .map(|t| t.num)
    }
    pub(super) fn digits(&self, i: usize) -> usize {
        self.t(i)
            .filter(|t| t.kind == Kind::Num)
            .map_or(0, |t| t.len())
    }
    pub(super) fn punct(&self, i: usize, c: char) -> bool {
        self.t(i).is_some_and(|t| t.kind == Kind::Punct(c))
    }
    pub(super) fn dash(&self, i: usize) -> bool {
        self.t(i)
            .is_some_and(|t| matches!(t.kind, Kind::Punct('-' | '–' | '—')))
    }
    pub(super) fn apostrophe(&self, i: usize) -> bool {
        self.t(i)
            .is_some_and(|t| matches!(t.kind, Kind::Punct('\'' | '’')))
    }
    /// Token i touches the token before it.
    pub(super) fn glued(&self, i: usize) -> bool {
        self.t(i).is_some_and(|t| !t.space_before)
    }
    pub(super) fn cap(&self, i: usize) -> bool {
        self.t(i).is_some_and(|t| t.cap)
    }
    pub(super) fn word_is(&self, i: usize, w: &str) -> bool {
        self.is_word(i) && self.s(i).eq_ignore_ascii_case(w)
    }
    pub(super) fn unit(&self, i: usize) -> Option<(Unit, bool)> {
        match self.lex(i) {
            Lex::Unit(u) => Some((u, self.has(i, PLURAL))),
            _ => None,
        }
    }
    pub(super) fn ordinal(&self, i: usize) -> Option<u32> {
        match self.lex(i) {
            Lex::Ordinal(n) => Some(n as u32),
            Lex::Unit(Unit::Second) if !self.has(i, PLURAL) => Some(2),
            _ => None,
        }
    }
    /// Tokens first..next all capitalised as the title of a programme or a
    /// paper: after an outlet's acronym ("VOA Today", "USA Today") or opened by
    /// a quote mark inside a sentence (ABC's "This Week").
    pub(super) fn titled(&self, first: usize, next: usize) -> bool {
        if first == 0 || !(first..next).all(|k| self.cap(k)) {
            return false;
        }
        let acronym = |k: usize| {
            let w = self.s(k);
            self.is_word(k) && w.len() >= 2 && w.bytes().all(|b| b.is_ascii_uppercase())
        };
        let quote = self
            .t(first - 1)
            .is_some_and(|t| matches!(t.kind, Kind::Punct('"' | '“')));
        acronym(first - 1)
            || (quote
                && next - first >= 2
                && first >= 2
                && (self.is_word(first - 2) || self.apostrophe(first - 2)))
    }

    pub(super) fn at_sentence_start(&self, i: usize) -> bool {
        i == 0
            || self.t(i).is_some_and(|t| t.break_before)
            || (i == 1 && !self.is_word(0))
            || self
                .t(i - 1)
                .is_some_and(|t| matches!(t.kind, Kind::Punct('"' | '“' | '`' | '\'' | '(')))
    }

    pub(super) fn dot_glued(&self, i: usize) -> bool {
        self.punct(i, '.') && self.glued(i)
    }

    /// A part of the day at i ("morning", "night").
    pub(super) fn part(&self, i: usize) -> Option<DayPart> {
        match self.lex(i) {
            Lex::Part(p) => Some(p),
            _ => None,
        }
    }

    /// The index of the token that ends exactly at byte `end`, from i on.
    pub(super) fn token_ending_at(&self, from: usize, end: usize) -> Option<usize> {
        (from..self.toks.len()).find(|&k| self.toks[k].end == end)
    }

    /// The anchor that starts at token i (or at i+1 after "the").
    pub(super) fn anchor_at(&self, i: usize) -> Option<(Anchor, usize)> {
        let t = self.t(i)?;
        let a = self
            .anchors
            .iter()
            .find(|a| a.start == t.start)
            .or_else(|| {
                let t2 = self.t(i + 1)?;
                self.is(i, Kw::The)
                    .then(|| self.anchors.iter().find(|a| a.start == t2.start))
                    .flatten()
            })?;
        let last = self.token_ending_at(i, a.end)?;
        Some((*a, last + 1))
    }

    /// The tense of the clause around tokens first..next: of the nearest word
    /// showing a tense on each side (within the clause), the nearer one, the left
    /// on a tie. Cue words right before the expression ("as soon as", "until"
    /// after its verb) lean it to the future.
    pub(super) fn tense(&self, first: usize, next: usize) -> Tense {
        // cues right before the expression, skipping "on" / "the"
        let mut k = first;
        while k > 0 && matches!(self.kw(k - 1), Some(Kw::On | Kw::The)) {
            k -= 1;
        }
        if k >= 3
            && self.is(k - 1, Kw::As)
            && matches!(self.kw(k - 2), Some(Kw::Soon | Kw::Early))
            && self.is(k - 3, Kw::As)
        {
            return Tense::Future;
        }
        // "until Tuesday", "by Jan. 14"; not "not until Tuesday"
        // "through January", "payable Dec. 7", "effective Feb. 1", "due
        // March 3": a date things run to or start from
        let deadline = k > 0
            && (matches!(self.kw(k - 1), Some(Kw::Until | Kw::By | Kw::Through))
                || ["payable", "effective", "due", "starting", "expiring"]
                    .iter()
                    .any(|w| self.word_is(k - 1, w)))
            && !(k > 1 && self.word_is(k - 2, "not"));
        // "Wednesday's ruling": a modifier of a noun, whose own verb follows
        let possessive = self.apostrophe(next) && self.word_is(next + 1, "s");
        let left = if possessive {
            None
        } else {
            self.scan_verbs((0..first).rev(), true)
        };
        let right = self.scan_verbs(next..self.toks.len(), false);
        // the nearer of the two; the left on a tie
        let (found, from_left) = match (left, right) {
            (Some((dl, _)), Some((dr, tr))) if dr < dl => (Some(tr), false),
            (Some((_, t)), _) => (Some(t), true),
            (None, Some((_, t))) => (Some(t), false),
            (None, None) => (None, false),
        };
        // "will double its flights by August in markets untouched by ...": a
        // deadline after a verb of the future is ahead, whatever follows
        let left_future = matches!(left, Some((_, Tense::Future)));
        // "had purchased 481,000 shares through Sept. 29": the past perfect
        // counts up to a point gone by
        let perfect = left.is_some_and(|(d, t)| {
            t == Tense::Past
                && first > d
                && (self.word_is(first - 1 - d, "had")
                    || (first > d + 1 && self.word_is(first - 2 - d, "had")))
        });
        let deadline = deadline && !perfect;
        match found {
            // "postponed until Tuesday" looks ahead; "Until Thursday, they had
            // not ..." narrates up to a past point
            _ if deadline && (from_left || found.is_none() || left_future) => Tense::Future,
            Some(t) => t,
            None => Tense::Unknown,
        }
    }

    /// The first token in `range` that shows a tense: its distance and the tense.
    /// "since" and "ago" on the way show the past.
    pub(super) fn scan_verbs(
        &self,
        range: impl Iterator<Item = usize>,
        leftward: bool,
    ) -> Option<(usize, Tense)> {
        for (steps, j) in range.enumerate() {
            if steps >= 25 {
                break;
            }
            let t = &self.toks[j];
            match t.kind {
                Kind::Punct(';' | '"' | '“' | '”' | '`') => return None,
                Kind::Punct('\'')
                    if self.punct(j + 1, '\'') || self.punct(j.wrapping_sub(1), '\'') =>
                {
                    return None;
                }
                Kind::Word => {
                    // "took effect Aug. 9 pending ratification": after the
                    // expression "pending" opens a condition, not a verb of it
                    if !leftward && self.word_is(j, "pending") {
                        continue;
                    }
                    if matches!(t.info.lex, Lex::Kw(Kw::Since | Kw::Ago)) {
                        return Some((steps, Tense::Past));
                    }
                    // an infinitive the expression belongs to ("planned to leave
                    // Nairobi on Thursday") points ahead of its governing verb
                    if leftward
                        && t.info.lex == Lex::Kw(Kw::To)
                        && self.bare_verb(j + 1)
                        && (self.has(j.wrapping_sub(1), INTENT)
                            || self.plain_noun(j.wrapping_sub(1)))
                    {
                        return Some((steps, Tense::Future));
                    }
                    if let Some(tense) = self.verb_tense(j) {
                        return Some((steps, tense));
                    }
                }
                _ => {}
            }
        }
        None
    }

    /// A word at j that may be a bare verb after "to": lower case, no role in
    /// the lexicon, not a determiner, not an "-ed" or "-ing" form.
    pub(super) fn bare_verb(&self, j: usize) -> bool {
        let Some(t) = self.t(j) else {
            return false;
        };
        if t.kind != Kind::Word || t.cap || t.info.lex != Lex::None || t.info.flags != 0 {
            return false;
        }
        let w = self.s(j);
        !(w.ends_with("ing") || w.ends_with("ed") || w.ends_with("ly"))
    }

    /// A word at j that can only be a noun before "to" ("talks to resume",
    /// "an agreement to acquire"): lower case or capitalised, no role and no
    /// flag in the lexicon, not an "-ed", "-ing" or "-ly" form.
    pub(super) fn plain_noun(&self, j: usize) -> bool {
        let Some(t) = self.t(j) else {
            return false;
        };
        if t.kind != Kind::Word || t.info.lex != Lex::None || t.info.flags != 0 {
            return false;
        }
        let w = self.s(j);
        !(w.ends_with("ing") || w.ends_with("ed") || w.ends_with("ly"))
    }

    /// The tense a word at j shows, if it is a verb form that shows one.
    pub(super) fn verb_tense(&self, j: usize) -> Option<Tense> {
        let f = self.t(j)?.info.flags;
        if f & (PAST | ED | FUTURE | FUTURE_TO | MODAL | PRESENT) == 0 {
            return None;
        }
        if f & FUTURE != 0 {
            return Some(Tense::Future);
        }
        // "agreeing on Thursday to the plan to protect civilians": after a
        // determiner the word is a noun, whose infinitive says nothing of when
        if f & FUTURE_TO != 0 && j > 0 && self.has(j - 1, DET) {
            return None;
        }
        if f & FUTURE_TO != 0 && self.is(j + 1, Kw::To) {
            return Some(Tense::Future);
        }
        // "won't"
        if self.word_is(j, "won") && self.apostrophe(j + 1) && self.word_is(j + 2, "t") {
            return Some(Tense::Future);
        }
        // "would", "should", "may" look ahead; "would have", "should have" look
        // back; "could", "can" and "must" say what was or is possible or
        // needed, not when
        let ability = ["could", "couldn", "can", "cannot", "must", "mustn"]
            .iter()
            .any(|w| self.word_is(j, w));
        if f & MODAL != 0 && !ability {
            let back =
                self.has(j + 1, HAVE) || (self.word_is(j + 1, "not") && self.has(j + 2, HAVE));
            return Some(if back { Tense::Past } else { Tense::Future });
        }
        if f & (PAST | ED) != 0 {
            let auxiliary = f & (BE | HAVE) != 0;
            if !auxiliary && j > 0 {
                // a participle after "be" or a determiner: the auxiliary decides
                if self.has(j - 1, BE) || self.has(j - 1, DET) || self.det_over_adverbs(j) {
                    return None;
                }
                if self.has(j - 1, HAVE) {
                    return Some(Tense::Past);
                }
            }
            return Some(Tense::Past);
        }
        if f & PRESENT != 0 {
            // "is to resume trading Tuesday": "be" with an infinitive is what
            // is arranged to happen
            let be_to = f & BE != 0
                && ["is", "are", "am"].iter().any(|w| self.word_is(j, w))
                && self.is(j + 1, Kw::To)
                && self.bare_verb(j + 2);
            if be_to {
                return Some(Tense::Future);
            }
            // "have come down from the middle of October": the present
            // perfect of a verb whose participle the lexicon does not mark
            if f & HAVE != 0 && self.perfect_participle(j + 1) {
                return Some(Tense::Past);
            }
            return Some(Tense::Present);
        }
        None
    }

    /// An irregular past participle at j ("come", "gone", "been"), or one the
    /// lexicon marks as a past form ("made", "held"), after "not", "already",
    /// "just", "also" or "never".
    fn perfect_participle(&self, j: usize) -> bool {
        const BETWEEN: &[&str] = &["not", "already", "just", "also", "never", "long", "since"];
        const PARTICIPLES: &[&str] = &[
            "been",
            "come",
            "gone",
            "done",
            "seen",
            "taken",
            "given",
            "become",
            "run",
            "begun",
            "grown",
            "shown",
            "known",
            "fallen",
            "risen",
            "written",
            "driven",
            "chosen",
            "spoken",
            "broken",
            "stolen",
            "drawn",
            "flown",
            "thrown",
            "withdrawn",
            "hit",
            "cut",
            "put",
            "spread",
            "shut",
            "hurt",
            "cost",
        ];
        let mut k = j;
        while BETWEEN.iter().any(|w| self.word_is(k, w)) {
            k += 1;
        }
        self.has(k, PAST) || PARTICIPLES.iter().any(|w| self.word_is(k, w))
    }

    /// A participle at j that modifies a noun after a determiner and adverbs
    /// ("a still unspecified date", "the newly elected board"): an adjective,
    /// not a verb in the past.
    fn det_over_adverbs(&self, j: usize) -> bool {
        const ADVERBS: &[&str] = &["still", "yet", "as", "so", "very", "most", "more", "less"];
        let mut k = j;
        while k > 0 {
            let w = self.s(k - 1);
            let adverb = self.is_word(k - 1)
                && (ADVERBS.iter().any(|a| w.eq_ignore_ascii_case(a))
                    || (w.len() > 4 && w.ends_with("ly")));
            if !adverb {
                break;
            }
            k -= 1;
        }
        k < j && k > 0 && self.has(k - 1, DET)
    }
}

#[cfg(test)]
mod tests {
    // past or future from the wording around weekdays, months and days
    // without a year; 2016-07-20 is a Wednesday, 1989-10-30 a Monday
    cases!(
        tense_and_direction,
        // a participle after a determiner and adverbs is an adjective, and the
        // modal decides; 1989-10-26 is a Thursday
        (
            "The split would be paid on a still unspecified date in January.",
            "1989-10-26",
            [("January", "1990-01")]
        ),
        (
            "The board approved the split in January.",
            "1989-10-26",
            [("January", "1989-01")]
        ),
        // "pending" after the date opens a condition
        (
            "The rights plan took effect Aug. 9 pending a vote by holders.",
            "1989-10-26",
            [("Aug. 9", "1989-08-09")]
        ),
        // "be" with an infinitive, and "supposed to", say what is arranged
        (
            "The shares are to resume trading Tuesday.",
            "1989-10-26",
            [("Tuesday", "1989-10-31")]
        ),
        (
            "The shares resumed trading Tuesday.",
            "1989-10-26",
            [("Tuesday", "1989-10-24")]
        ),
        // the present perfect of an irregular verb looks back; "have" with a
        // noun does not
        (
            "Oil has fallen from its high in October.",
            "1998-02-23",
            [("October", "1997-10")]
        ),
        (
            "Prices have come down from their level in October.",
            "1998-02-23",
            [("October", "1997-10")]
        ),
        (
            "They have a meeting in October.",
            "1998-02-23",
            [("October", "1998-10")]
        ),
        // "plan" after a determiner is a noun, not a verb of intent; 2023-05-13
        // is a Saturday
        (
            "Officials agreeing on Tuesday to the plan to open the border said it was a start.",
            "2023-05-13",
            [("Tuesday", "2023-05-09")]
        ),
        (
            "Officials agreeing on Tuesday plan to open the border.",
            "2023-05-13",
            [("Tuesday", "2023-05-16")]
        ),
        (
            "The inquiry, which is supposed to report by June, questioned him.",
            "1998-03-22",
            [("June", "1998-06")]
        ),
        // a deadline after the past perfect is a point gone by; after the
        // simple past or the future it is ahead
        (
            "It had purchased 481,000 shares through Sept. 29.",
            "1989-10-30",
            [("Sept. 29", "1989-09-29")]
        ),
        (
            "It will buy shares through Sept. 29.",
            "1989-10-30",
            [("Sept. 29", "1990-09-29")]
        ),
        (
            "The talks were postponed until Sept. 29.",
            "1989-10-30",
            [("Sept. 29", "1990-09-29")]
        ),
        (
            "Officials said Tuesday that talks will resume Friday.",
            "2016-07-20",
            [("Tuesday", "2016-07-19"), ("Friday", "2016-07-22")]
        ),
        (
            "Rival parties to resume talks on Sunday",
            "2016-07-20",
            [("Sunday", "2016-07-24")]
        ),
        (
            "A ceasefire should be declared from Saturday.",
            "2016-07-20",
            [("Saturday", "2016-07-23")]
        ),
        (
            "He could not be reached Tuesday.",
            "2016-07-20",
            [("Tuesday", "2016-07-19")]
        ),
        (
            "It would have closed on Monday.",
            "2016-07-20",
            [("Monday", "2016-07-18")]
        ),
        (
            "The board declared a dividend payable Dec. 7.",
            "1989-10-30",
            [("Dec. 7", "1989-12-07")]
        ),
        (
            "The rule became effective Feb. 1.",
            "1989-10-30",
            [("Feb. 1", "1990-02-01")]
        ),
        (
            "Lenders extended credit through January.",
            "1989-10-30",
            [("January", "1990-01")]
        ),
        (
            "The line will add flights to Asia by August in markets untouched by the crisis.",
            "1998-02-13",
            [("August", "1998-08")]
        ),
        (
            "It announced an agreement to acquire the bank in January.",
            "1989-10-30",
            [("January", "1990-01")]
        ),
        (
            "It tried to sell the unit in January.",
            "1989-10-30",
            [("January", "1989-01")]
        ),
    );
}
