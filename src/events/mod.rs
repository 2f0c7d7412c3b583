//! From mentions to events: the reduce side of loading.
//!
//! The map step (per article, in [`crate::loader`]) finds the temporal
//! mentions, links those that name a catalog event, and records where each
//! sits in the article ([`candidates::place`]). Everything here works from
//! those mention records and the articles' metadata, never from the article
//! text, so `annals events --from-mentions` and a local load build the same
//! events. The steps, in the order [`build`] runs them, each a function over
//! plain data:
//!
//! 1. [`candidates`]: which dated mentions may become events (furniture,
//!    quotations and headline weekdays may not);
//! 2. [`status`]: happened, expected or only mentioned;
//! 3. [`titles`]: a short title from the clause that carries the event;
//! 4. [`merging`]: mentions of one event, in one article and across articles,
//!    become one event ([`merging::merge`]); a coarse date that only frames an
//!    article's finer ones goes ([`merging::drop_frames`]); then [`absorb`]
//!    gives the catalog the events it already has;
//! 5. [`confidence`]: how sure the event is.
//!
//! Every merge and link says why in its source's `why`.

pub mod candidates;
pub mod confidence;
pub mod merging;
pub mod status;
pub mod titles;
pub mod words;

use std::collections::{BTreeSet, HashMap};
use std::sync::Arc;

use crate::mapped::MentionRecord;
use crate::model::{ArticleMeta, DateValue, Event, Names, Origin, Source};

pub use candidates::Place;
pub use merging::{Candidate, Group};
pub use status::Status;

/// The candidates among one article's mention records: those that are dated,
/// not linked to a catalog event, and not rejected by
/// [`candidates::rejection`].
pub fn candidates_of(article: &Arc<ArticleMeta>, records: &[MentionRecord]) -> Vec<Candidate> {
    let mut out = Vec::new();
    let mut last_words: Option<(usize, BTreeSet<String>)> = None;
    for r in records {
        if r.event.is_some() {
            continue;
        }
        let Some(date) = r.date() else {
            continue;
        };
        let Some(expr) = r.expression_in_sentence() else {
            continue;
        };
        if candidates::rejection(r.place, &r.sentence, expr.clone(), &r.text).is_some() {
            continue;
        }
        // a heading with no sentence below it dates nothing
        if r.place == Place::Heading && r.heads.is_none() {
            continue;
        }
        let (date, end) = match date {
            DateValue::Week { .. } => {
                let last = date.end().pred_opt().unwrap_or(date.start());
                (DateValue::Day(date.start()), Some(DateValue::Day(last)))
            }
            d => (d, None),
        };
        let st = status::status(&r.sentence, expr.clone(), date, article.published);
        let (words, why) = match &r.heads {
            Some(next) => (
                words::key_words(next, None),
                "a heading that dates the sentence below it".to_string(),
            ),
            None => {
                // the sentence's words, once for all its mentions (date
                // words and numbers are never key words)
                if last_words
                    .as_ref()
                    .is_none_or(|(at, _)| *at != r.sentence_start)
                {
                    last_words = Some((r.sentence_start, words::key_words(&r.sentence, None)));
                }
                let w = last_words
                    .as_ref()
                    .map(|(_, w)| w.clone())
                    .unwrap_or_default();
                (w, String::new())
            }
        };
        out.push(Candidate {
            article: article.clone(),
            date,
            end,
            source: Source {
                article: article.clone(),
                start: r.start,
                end: r.end,
                text: r.text.clone(),
                dated: true,
                sentence: r.sentence.clone(),
                sentence_start: r.sentence_start,
                why,
            },
            countries: r.countries.iter().cloned().collect(),
            words,
            status: st,
            heads: r.heads.clone(),
            place: r.place,
            states_year: states_year(&r.text),
        });
    }
    out
}

/// True when the expression writes a year ("2019", "'19").
fn states_year(expr: &str) -> bool {
    let mut run = 0;
    for c in expr.chars() {
        if c.is_ascii_digit() {
            run += 1;
            if run >= 4 {
                return true;
            }
        } else {
            run = 0;
        }
    }
    expr.contains('\'') && expr.chars().filter(char::is_ascii_digit).count() == 2
}

/// What [`build`] gives: the new events and the sources it adds to catalog
/// events (by index).
#[derive(Debug, Default)]
pub struct Built {
    pub events: Vec<Event>,
    pub links: Vec<(usize, Source)>,
}

/// Builds events from the articles' mention records (articles in name order,
/// records in text order), giving the `catalog` the ones it has already.
pub fn build<'a>(
    articles: impl IntoIterator<Item = (&'a Arc<ArticleMeta>, &'a [MentionRecord])>,
    catalog: &[Event],
) -> Built {
    let mut cands = Vec::new();
    for (meta, records) in articles {
        cands.extend(candidates_of(meta, records));
    }
    if cands.is_empty() {
        return Built::default();
    }
    let groups = merging::drop_frames(merging::merge(cands));
    let (links, groups) = absorb(groups, catalog);
    Built {
        events: groups.into_iter().map(to_event).collect(),
        links,
    }
}

/// The key words a catalog event is known by: its title, aliases and actors.
fn catalog_words(e: &Event) -> BTreeSet<String> {
    let mut w = words::key_words(&e.title, None);
    for a in e.aliases.iter().chain(e.actors.iter()) {
        w.extend(words::key_words(a, None));
    }
    w
}

/// Catalog events take the extracted events they already are: a compatible
/// date (either holds the other), compatible countries, and an alias of the
/// event in a member's sentence or at least two shared key words making at
/// least half of the smaller set. An alias counts when all its key words are
/// among the members' key words. Gives the sources added to catalog events
/// and the groups left.
pub fn absorb(groups: Vec<Group>, catalog: &[Event]) -> (Vec<(usize, Source)>, Vec<Group>) {
    let mut index: HashMap<DateValue, Vec<usize>> = HashMap::new();
    for (i, e) in catalog.iter().enumerate() {
        if !e.is_extracted() {
            index.entry(e.date).or_default().push(i);
        }
    }
    if index.is_empty() {
        return (Vec::new(), groups);
    }
    let mut known: HashMap<usize, BTreeSet<String>> = HashMap::new();
    let mut links = Vec::new();
    let mut left = Vec::new();
    'groups: for g in groups {
        let mut best: Option<(usize, usize, String)> = None;
        for k in merging_keys(g.date) {
            for &i in index.get(&k).into_iter().flatten() {
                let e = &catalog[i];
                let Some(relation) = merging::date_relation((e.date, e.end), (g.date, g.end))
                else {
                    continue;
                };
                let ec: BTreeSet<String> = e.countries.iter().map(String::from).collect();
                let Some(countries) = merging::shared_countries(&ec, &g.countries) else {
                    continue;
                };
                // an alias whose key words all occur in the members' sentences
                let alias = e.aliases.iter().find(|a| {
                    let w = words::key_words(a, None);
                    !w.is_empty() && w.is_subset(&g.words)
                });
                let words = known.entry(i).or_insert_with(|| catalog_words(e));
                let (shared, score) = words::overlap(words, &g.words);
                let mut why = Vec::new();
                let strength = if let Some(a) = alias {
                    why.push(format!("alias “{a}”"));
                    100 + shared.len()
                } else if shared.len() >= 2 && score >= 0.5 {
                    shared.len()
                } else {
                    continue;
                };
                merging::push_shared(&mut why, &shared, &countries, relation);
                if best.as_ref().is_none_or(|b| strength > b.1) {
                    best = Some((i, strength, why.join("; ")));
                }
            }
        }
        if let Some((i, _, why)) = best {
            for mut m in g.members {
                m.source.why = format!("linked: {why}");
                links.push((i, m.source));
            }
            continue 'groups;
        }
        left.push(g);
    }
    (links, left)
}

fn merging_keys(d: DateValue) -> Vec<DateValue> {
    // the same date values merging looks up, so that a catalog day is found
    // from a month and a catalog month from a day
    let mut out = vec![d];
    let s = d.start();
    use chrono::Datelike;
    out.extend(DateValue::month(s.year(), s.month()));
    out.extend(DateValue::year(s.year()));
    if matches!(d, DateValue::Month { .. } | DateValue::Year(_)) {
        let mut day = s;
        while day < d.end() {
            out.push(DateValue::Day(day));
            if matches!(d, DateValue::Year(_)) && day.day() == 1 {
                out.extend(DateValue::month(day.year(), day.month()));
            }
            day = day.succ_opt().unwrap_or(d.end());
        }
    }
    out.dedup();
    out
}

/// An event from a group of mentions.
pub fn to_event(g: Group) -> Event {
    let lead = g.lead();
    let first = &g.members[0];
    let id = format!("x-{}-{}", first.article.file, first.source.start);
    let title = lead.title();
    let status = g.status();
    let first_file = first.article.file.clone();
    let signals = confidence::Signals {
        date: Some(g.date),
        states_year: g.members.iter().any(|m| m.states_year),
        articles: g.articles(),
        sentences_in_first_article: g
            .members
            .iter()
            .filter(|m| m.article.file == first_file)
            .map(|m| m.source.sentence_start)
            .collect::<BTreeSet<_>>()
            .len(),
        has_countries: !g.countries.is_empty(),
        status,
        all_captions: g.members.iter().all(|m| m.place == Place::Caption),
        relative_without_publication: g
            .members
            .iter()
            .all(|m| !m.states_year && m.article.published.is_none()),
    };
    let countries: Names = g.countries.iter().collect();
    Event {
        id,
        date: g.date,
        end: g.end,
        title,
        summary: String::new(),
        countries,
        actors: Names::new(),
        tags: Names::new(),
        aliases: Names::new(),
        origin: Origin::Extracted,
        status,
        confidence: Some(confidence::confidence(&signals)),
        sources: g.members.into_iter().map(|m| m.source).collect(),
    }
}

/// Among catalog events that one alias in a sentence names without dating
/// them, the one it fits best: the nearest in time to `reference` (the
/// article's publication date), an event after it counting four times as far;
/// then the one sharing most key words with the sentence. Gives its index.
pub fn best_named(
    candidates: &[usize],
    events: &[Event],
    reference: Option<DateValue>,
    sentence_words: &BTreeSet<String>,
) -> Option<usize> {
    candidates.iter().copied().min_by_key(|&i| {
        let e = &events[i];
        let distance = reference.map_or(0, |r| {
            let r = r.start();
            if e.span_end() <= r {
                (r - e.span_end()).num_days()
            } else if e.span_start() > r {
                4 * (e.span_start() - r).num_days()
            } else {
                0
            }
        });
        let shared = words::overlap(&catalog_words(e), sentence_words).0.len();
        (distance, usize::MAX - shared, i)
    })
}
