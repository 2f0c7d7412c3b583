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

use std::collections::{BTreeSet, HashMap, HashSet};
use std::sync::Arc;

use crate::mapped::MentionRecord;
use crate::model::{ArticleMeta, DateValue, Event, Names, Origin, Source};

pub use candidates::Place;
pub use merging::{Candidate, Group};
pub use status::Status;

/// The candidates among one article's mention records: those that are dated,
/// not linked to a catalog event, and not rejected by
/// [`candidates::rejection`]. Besides:
/// - two mentions joined as a range ("1950-53", "from Tuesday to Thursday",
///   "May 28 and 29") are one candidate spanning both ([`range_end`]);
/// - the date of a remark ("the diplomat said on Saturday") is no candidate
///   when its sentence dates something else;
/// - a heading dates the sentence below it only when that sentence gives no
///   date of its own;
/// - in an article with no publication date, a bare weekday is no candidate
///   unless the text gave that day's date before.
pub fn candidates_of(article: &Arc<ArticleMeta>, records: &[MentionRecord]) -> Vec<Candidate> {
    let mut out = Vec::new();
    let mut last_words: Option<(usize, words::Words)> = None;
    let mut last_countries: Option<(&[String], merging::Countries)> = None;
    // which records end a range that the one before them starts
    let mut joined = vec![false; records.len()];
    let mut ends: Vec<Option<usize>> = vec![None; records.len()];
    for i in 0..records.len().saturating_sub(1) {
        if !joined[i] && range_end(&records[i], &records[i + 1]) {
            ends[i] = Some(i + 1);
            joined[i + 1] = true;
        }
    }
    // what each record is, worked out once (an article may hold thousands)
    let ok: Vec<bool> = records
        .iter()
        .map(|r| {
            r.event.is_none()
                && r.date().is_some()
                && r.expression_in_sentence().is_some_and(|e| {
                    candidates::rejection(r.place, &r.sentence, e, &r.text).is_none()
                })
        })
        .collect();
    let remark: Vec<bool> = records
        .iter()
        .map(|r| {
            r.place.is_prose()
                && r.expression_in_sentence()
                    .is_some_and(|e| candidates::dates_a_remark(&r.sentence, e))
        })
        .collect();
    // sentences (by start) that date something other than a remark, and the
    // text of every dated sentence
    let mut reports: HashSet<usize> = HashSet::new();
    let mut dated: HashSet<&str> = HashSet::new();
    for (i, r) in records.iter().enumerate() {
        if ok[i] && !remark[i] {
            reports.insert(r.sentence_start);
        }
        if r.date().is_some() {
            dated.insert(r.sentence.as_str());
        }
    }
    // days the text has given with their numbers so far
    let mut given: HashSet<DateValue> = HashSet::new();
    for (i, r) in records.iter().enumerate() {
        let date = r.date();
        if let Some(d) = date.filter(|_| r.text.chars().any(|c| c.is_ascii_digit())) {
            given.insert(d);
        }
        if joined[i] || !ok[i] {
            continue;
        }
        let Some(date) = date else {
            continue;
        };
        let Some(expr) = r.expression_in_sentence() else {
            continue;
        };
        // a heading with no sentence below it dates nothing, nor one whose
        // sentence gives its own date
        if r.place == Place::Heading {
            match &r.heads {
                Some(next) if !dated.contains(next.as_str()) => {}
                _ => continue,
            }
        }
        // with no date to count from (no publication date, no full date at
        // the top of the text), a bare weekday counts from a day the text
        // does not give, unless the text gave that weekday's date before
        // ("Tuesday (June 12)" … "on Tuesday morning")
        if article.reference_date().is_none()
            && candidates::bare_weekday(&r.text)
            && !given.contains(&date)
        {
            continue;
        }
        // the date of a remark about something the sentence dates otherwise
        if remark[i] && reports.contains(&r.sentence_start) {
            continue;
        }
        let range = ends[i].map(|j| &records[j]);
        let (date, end) = match (date, range.and_then(MentionRecord::date)) {
            (DateValue::Week { .. }, _) => {
                let last = date.end().pred_opt().unwrap_or(date.start());
                (DateValue::Day(date.start()), Some(DateValue::Day(last)))
            }
            (d, Some(e)) => (d, Some(e)),
            (d, None) => (d, None),
        };
        let (end_at, text) = match range {
            Some(e) if e.end <= r.sentence_start + r.sentence.len() => (
                e.end,
                r.sentence
                    .get(r.start - r.sentence_start..e.end - r.sentence_start)
                    .unwrap_or(&r.text)
                    .to_string(),
            ),
            _ => (r.end, r.text.clone()),
        };
        let st = status::status(&r.sentence, expr.clone(), date, article.published);
        let (words, why) = match &r.heads {
            Some(next) => (
                Candidate::words_of(words::key_words(next, None)),
                "a heading that dates the sentence below it".to_string(),
            ),
            None => {
                // the sentence's words, once for all its mentions (date
                // words and numbers are never key words)
                if last_words
                    .as_ref()
                    .is_none_or(|(at, _)| *at != r.sentence_start)
                {
                    last_words = Some((
                        r.sentence_start,
                        Candidate::words_of(words::key_words(&r.sentence, None)),
                    ));
                }
                let w = last_words
                    .as_ref()
                    .map(|(_, w)| w.clone())
                    .unwrap_or_default();
                (w, String::new())
            }
        };
        out.push(Candidate {
            date,
            end,
            source: Source {
                article: article.clone(),
                start: r.start,
                end: end_at,
                text: text.as_str().into(),
                dated: true,
                sentence: r.sentence.clone(),
                sentence_start: r.sentence_start,
                why: why.into(),
            },
            countries: {
                // the same countries as the mention before (its sentence's),
                // shared rather than built again
                if last_countries
                    .as_ref()
                    .is_none_or(|(of, _)| *of != r.countries.as_slice())
                {
                    last_countries = Some((
                        r.countries.as_slice(),
                        Candidate::countries_of(&r.countries),
                    ));
                }
                last_countries
                    .as_ref()
                    .map(|(_, c)| c.clone())
                    .unwrap_or_default()
            },
            words,
            status: st,
            heads: r.heads.as_deref().map(Box::from),
            place: r.place,
            states_year: states_year(&text),
        });
    }
    out
}

/// True when `b` ends a range that `a` starts: both in one sentence, `b`
/// later, joined by nothing but a dash, "to", "through", "into", "until" or
/// "till" ("1950-53", "from Tuesday to Thursday"), or by "and" when `b` is
/// a bare number that leans on `a` ("May 28 and 29").
pub fn range_end(a: &MentionRecord, b: &MentionRecord) -> bool {
    if a.sentence_start != b.sentence_start || a.event.is_some() || b.event.is_some() {
        return false;
    }
    let (Some(da), Some(db)) = (a.date(), b.date()) else {
        return false;
    };
    if matches!(da, DateValue::Week { .. }) || db.start() <= da.start() || db.end() <= da.end() {
        return false;
    }
    let (Some(ea), Some(eb)) = (a.expression_in_sentence(), b.expression_in_sentence()) else {
        return false;
    };
    let Some(gap) = a.sentence.get(ea.end..eb.start) else {
        return false;
    };
    let gap = gap.trim().to_lowercase();
    match gap.as_str() {
        "-" | "–" | "—" | "to" | "through" | "into" | "until" | "till" => true,
        "and" => b.text.chars().all(|c| c.is_ascii_digit()),
        _ => false,
    }
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

/// What [`build`] gives: the new events, and how many sources it added to
/// catalog events.
#[derive(Debug, Default)]
pub struct Built {
    /// The new events, in a list with room for as many more as the catalog
    /// has, so that the catalog's can be put in front without a copy.
    pub events: Vec<Event>,
    pub links: usize,
}

/// Builds events from the articles' mention records (articles in name order,
/// records in text order), giving the `catalog` the ones it has already: their
/// mentions join those events' sources, after the sources they had.
pub fn build<'a>(
    articles: impl IntoIterator<Item = (&'a Arc<ArticleMeta>, &'a [MentionRecord])>,
    catalog: &mut [Event],
) -> Built {
    build_from(vec![boxed(candidates(articles))], catalog)
}

/// Candidates each in a box of its own, as merging takes them (see
/// [`merging::merge_each`]), in a list of their number: collected from the
/// candidates' own list, the boxes would keep its allocation, the size of
/// the candidates themselves.
pub fn boxed(candidates: Vec<Candidate>) -> Vec<Box<Candidate>> {
    let mut out = Vec::with_capacity(candidates.len());
    out.extend(candidates.into_iter().map(Box::new));
    out
}

/// The candidates of every article ([`candidates_of`]), in the order of the
/// articles: the first half of [`build`], after which the mention records
/// are no longer needed.
pub fn candidates<'a>(
    articles: impl IntoIterator<Item = (&'a Arc<ArticleMeta>, &'a [MentionRecord])>,
) -> Vec<Candidate> {
    use rayon::prelude::*;
    // each article's candidates are made on their own, so in parallel; the
    // order stays that of the articles
    let articles: Vec<_> = articles.into_iter().collect();
    articles
        .par_iter()
        .flat_map_iter(|(meta, records)| candidates_of(meta, records))
        .collect()
}

/// How many mentions [`build_from`] turns into the sources of new events
/// before the memory they took is given back
/// ([`crate::memory::give_back`]): some twenty times in a load of 10,000
/// articles (635,845 mentions). Catalog events take theirs all at once, on
/// every core, and the memory is given back after.
const GIVE_BACK_EVERY: usize = 32_768;

/// The second half of [`build`]: events from the candidates of each article
/// (the articles in order), each in a box of its own (see
/// [`merging::merge_each`]).
pub fn build_from(cands: Vec<Vec<Box<Candidate>>>, catalog: &mut [Event]) -> Built {
    if cands.iter().all(Vec::is_empty) {
        return Built::default();
    }
    let groups = merging::drop_frames(merging::merge_each(cands));
    // what merging freed (its lists of words and dates), and then what
    // absorbing freed (the mentions catalog events took), goes back before
    // the next step allocates anew
    crate::memory::give_back();
    let (links, groups) = absorb(groups, catalog);
    crate::memory::give_back();
    let events = events_of(groups, catalog.len(), GIVE_BACK_EVERY);
    Built { events, links }
}

/// The events of `groups` ([`to_event`]), in their order, in a list with
/// room for `room` more. Each is made on its own, so in parallel; a batch of
/// `every` mentions at a time (a group that has more is a batch of its own),
/// the memory each batch freed given back before the next.
fn events_of(groups: Vec<Group>, room: usize, every: usize) -> Vec<Event> {
    use rayon::prelude::*;
    let mut events = Vec::with_capacity(groups.len() + room);
    let mut groups = groups.into_iter().peekable();
    while groups.peek().is_some() {
        let (mut batch, mut members) = (Vec::new(), 0);
        while let Some(g) =
            groups.next_if(|g| batch.is_empty() || members + g.members.len() <= every)
        {
            members += g.members.len();
            batch.push(g);
        }
        events.par_extend(batch.into_par_iter().map(to_event));
        crate::memory::give_back();
    }
    events
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
/// among the members' key words. The members' sources join the catalog
/// event's, after those it has, each list made its final size first. Gives
/// how many sources were added, and the groups left.
pub fn absorb(groups: Vec<Group>, catalog: &mut [Event]) -> (usize, Vec<Group>) {
    let mut index: HashMap<DateValue, Vec<usize>> = HashMap::new();
    for (i, e) in catalog.iter().enumerate() {
        if !e.is_extracted() {
            index.entry(e.date).or_default().push(i);
        }
    }
    if index.is_empty() {
        return (0, groups);
    }
    // each catalog event's key words, made once one of its dates is met
    let known: Vec<std::sync::OnceLock<BTreeSet<String>>> =
        catalog.iter().map(|_| std::sync::OnceLock::new()).collect();
    // the catalog event each group is, and why: each group on its own, so
    // on every core
    let best_of = |g: &Group| -> Option<(usize, String)> {
        let mut best: Option<(usize, usize, String)> = None;
        // the members' countries and key words, made once a catalog event
        // of a compatible date asks for them
        let mut sets: Option<(BTreeSet<String>, BTreeSet<String>)> = None;
        for k in merging_keys(g.date) {
            for &i in index.get(&k).into_iter().flatten() {
                let e = &catalog[i];
                let Some(relation) = merging::date_relation((e.date, e.end), (g.date, g.end))
                else {
                    continue;
                };
                let (g_countries, g_words) = sets.get_or_insert_with(|| {
                    let countries = g.countries().into_iter().map(String::from).collect();
                    (countries, g.words())
                });
                let ec: BTreeSet<String> = e.countries.iter().map(String::from).collect();
                let Some(countries) = merging::shared_countries(&ec, g_countries) else {
                    continue;
                };
                // an alias whose key words all occur in the members' sentences
                let alias = e.aliases.iter().find(|a| {
                    let w = words::key_words(a, None);
                    !w.is_empty() && w.is_subset(g_words)
                });
                let words = known[i].get_or_init(|| catalog_words(e));
                let (shared, score) = words::overlap(words, g_words);
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
        best.map(|(i, _, why)| (i, why))
    };
    let best: Vec<Option<(usize, String)>> = {
        use rayon::prelude::*;
        groups.par_iter().map(best_of).collect()
    };
    drop(known);
    drop(index);
    // the groups each catalog event takes, by event, in their order
    let mut taken: Vec<(usize, Group, String)> = Vec::new();
    let mut left = Vec::with_capacity(best.iter().filter(|b| b.is_none()).count());
    for (g, best) in groups.into_iter().zip(best) {
        match best {
            Some((i, why)) => taken.push((i, g, why)),
            None => left.push(g),
        }
    }
    taken.sort_by_key(|(i, _, _)| *i);
    let mut taken = taken.into_iter().peekable();
    let mut work: Vec<(&mut Event, Vec<(Group, String)>)> = Vec::new();
    for (i, e) in catalog.iter_mut().enumerate() {
        let mut groups = Vec::new();
        while let Some((_, g, why)) = taken.next_if(|(at, _, _)| *at == i) {
            groups.push((g, why));
        }
        if !groups.is_empty() {
            work.push((e, groups));
        }
    }
    // each catalog event takes its groups' sources on a core of its own:
    // its list grows once, to the size it ends at (growing it by doubling
    // took tens of megabytes over 10,000 articles), and the sources go
    // there straight from their groups
    let linked = {
        use rayon::prelude::*;
        work.into_par_iter()
            .map(|(e, groups)| {
                let n: usize = groups.iter().map(|(g, _)| g.members.len()).sum();
                e.sources.reserve_exact(n);
                for (g, why) in groups {
                    // one reason for the whole group, shared by its sources
                    let why: Arc<str> = format!("linked: {why}").into();
                    for mut m in g.members {
                        m.source.why = why.clone();
                        e.sources.push(m.source);
                    }
                }
                n
            })
            .sum()
    };
    (linked, left)
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
    let id = format!("x-{}-{}", first.article().file, first.source.start);
    let title = lead.title();
    let status = g.status();
    let countries = g.countries();
    let first_file = first.article().file.clone();
    let signals = confidence::Signals {
        date: Some(g.date),
        states_year: g.members.iter().any(|m| m.states_year),
        articles: g.articles(),
        sentences_in_first_article: g
            .members
            .iter()
            .filter(|m| m.article().file == first_file)
            .map(|m| m.source.sentence_start)
            .collect::<BTreeSet<_>>()
            .len(),
        has_countries: !countries.is_empty(),
        status,
        all_captions: g.members.iter().all(|m| m.place == Place::Caption),
        relative_without_publication: g
            .members
            .iter()
            .all(|m| !m.states_year && m.article().reference_date().is_none()),
    };
    let countries: Names = countries.into_iter().collect();
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
        sources: g.into_sources(),
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_catalog_event_takes_the_groups_it_is_after_its_own_sources() {
        use crate::names::Names;
        let cand = |file: &str, at: usize, date: &str, sentence: &str| {
            Box::new(merging::tests::cand(file, at, date, sentence, &[]))
        };
        let day = "2020-03-01";
        let mut catalog = vec![Event::bare(day.parse().unwrap(), "Convoy attack")];
        catalog[0].aliases = Names::from(["convoy attack"]);
        let own = cand("catalog.txt", 0, day, "Curated.").source;
        catalog[0].sources.push(own);
        let groups = merging::merge_each(vec![
            vec![
                cand("a.txt", 0, day, "The convoy attack killed five."),
                cand("a.txt", 40, day, "The convoy attack was condemned."),
            ],
            vec![cand("b.txt", 0, "2021-05-02", "Ships left the port.")],
        ]);
        assert_eq!(groups.len(), 2, "{groups:?}");
        let (linked, left) = absorb(groups, &mut catalog);
        assert_eq!(linked, 2);
        assert_eq!(left.len(), 1);
        assert_eq!(left[0].members[0].article().file, "b.txt");
        let sources = &catalog[0].sources;
        let places: Vec<(&str, usize)> = sources
            .iter()
            .map(|s| (s.article.file.as_str(), s.start))
            .collect();
        assert_eq!(places, [("catalog.txt", 0), ("a.txt", 0), ("a.txt", 40)]);
        assert!(sources[0].why.is_empty());
        assert!(
            sources[1].why.starts_with("linked: alias “convoy attack”"),
            "{}",
            sources[1].why
        );
        // one reason for the group, shared
        assert!(Arc::ptr_eq(&sources[1].why, &sources[2].why));
    }

    #[test]
    fn events_made_in_batches_are_those_made_at_once_in_order() {
        let mention = |file: &str, at: usize, date: &str, sentence: &str| {
            Box::new(merging::tests::cand(file, at, date, sentence, &[]))
        };
        // groups of one, two and three mentions, in several articles
        let mut articles = Vec::new();
        for (n, file) in ["a.txt", "b.txt", "c.txt", "d.txt"].into_iter().enumerate() {
            articles.push(vec![
                mention(file, 0, "2020-03-01", "The convoy reached the border town."),
                mention(file, 50, "2020-03-01", "The convoy stopped at the border."),
                mention(
                    file,
                    100,
                    &format!("2021-0{}-02", n + 1),
                    "Ships left the port.",
                ),
            ]);
        }
        let groups = merging::merge_each(articles);
        let sizes: Vec<usize> = groups.iter().map(|g| g.members.len()).collect();
        assert!(
            sizes.iter().any(|&n| n > 2) && sizes.contains(&1),
            "{sizes:?}"
        );
        let at_once: Vec<Event> = groups.clone().into_iter().map(to_event).collect();
        for every in [1, 2, 3, 1000] {
            let made = events_of(groups.clone(), 5, every);
            assert_eq!(made, at_once, "batches of {every}");
            assert!(made.capacity() >= at_once.len() + 5);
        }
    }

    /// Records for the expressions `exprs` (text, value) of `sentence`, which
    /// starts at byte `at` of its article.
    fn records(at: usize, sentence: &str, exprs: &[(&str, &str)]) -> Vec<MentionRecord> {
        let mut from = 0;
        exprs
            .iter()
            .map(|(text, value)| {
                let i = from + sentence[from..].find(text).unwrap();
                from = i + text.len();
                MentionRecord {
                    file: "a.txt".into(),
                    start: at + i,
                    end: at + i + text.len(),
                    text: text.to_string(),
                    value: value.to_string(),
                    precision: "day".into(),
                    sentence: sentence.into(),
                    countries: Vec::new(),
                    event: None,
                    sentence_start: at,
                    place: Place::Prose,
                    heads: None,
                    offsets: None,
                }
            })
            .collect()
    }

    fn article() -> Arc<ArticleMeta> {
        Arc::new(ArticleMeta {
            file: "a.txt".into(),
            published: Some("2019-08-22".parse().unwrap()),
            ..Default::default()
        })
    }

    fn dates(c: &[Candidate]) -> Vec<String> {
        c.iter()
            .map(|c| match c.end {
                Some(e) => format!("{}/{}", c.date, e),
                None => c.date.to_string(),
            })
            .collect()
    }

    #[test]
    fn a_range_is_one_candidate_spanning_both_ends() {
        let r = records(
            0,
            "Thousands of workers strike on May 28 and 29 to pressure the generals.",
            &[("May 28", "2019-05-28"), ("29", "2019-05-29")],
        );
        let c = candidates_of(&article(), &r);
        assert_eq!(dates(&c), ["2019-05-28/2019-05-29"]);
        assert_eq!(&*c[0].source.text, "May 28 and 29");
        let r = records(
            0,
            "They met for the first time since the truce of the 1950-53 Korean War.",
            &[("1950", "1950"), ("53", "1953")],
        );
        assert_eq!(dates(&candidates_of(&article(), &r)), ["1950/1953"]);
        let r = records(
            0,
            "The leaders are to meet in Pyongyang from Tuesday to Thursday for a summit.",
            &[("Tuesday", "2019-08-27"), ("Thursday", "2019-08-29")],
        );
        assert_eq!(
            dates(&candidates_of(&article(), &r)),
            ["2019-08-27/2019-08-29"]
        );
        // two dates of two events stay two
        let r = records(
            0,
            "The army seized power on April 11 and the talks broke down on May 20.",
            &[("April 11", "2019-04-11"), ("May 20", "2019-05-20")],
        );
        assert_eq!(
            dates(&candidates_of(&article(), &r)),
            ["2019-04-11", "2019-05-20"]
        );
    }

    #[test]
    fn the_date_of_a_remark_gives_way_to_the_date_of_what_it_reports() {
        let s =
            "The parties agreed on Thursday to protect civilians, the diplomat said on Saturday.";
        let r = records(
            0,
            s,
            &[("Thursday", "2019-08-15"), ("Saturday", "2019-08-17")],
        );
        assert_eq!(dates(&candidates_of(&article(), &r)), ["2019-08-15"]);
        // a remark with no other date is what the sentence reports
        let s = "Psaki said Monday afternoon that about 6,000 Americans have been evacuated.";
        let r = records(0, s, &[("Monday afternoon", "2019-08-19")]);
        assert_eq!(dates(&candidates_of(&article(), &r)), ["2019-08-19"]);
    }

    #[test]
    fn a_heading_dates_only_a_sentence_without_a_date() {
        let mut r = records(
            0,
            "Monday, March 17, 2014",
            &[("Monday, March 17, 2014", "2014-03-17")],
        );
        r[0].place = Place::Heading;
        let below = "Crimeans voted Sunday to leave Ukraine and join Russia.";
        r[0].heads = Some(below.into());
        let mut with_date = r.clone();
        with_date.extend(records(30, below, &[("Sunday", "2014-03-16")]));
        assert_eq!(
            dates(&candidates_of(&article(), &with_date)),
            ["2014-03-16"]
        );
        let without = [r.clone(), records(30, below, &[])].concat();
        assert_eq!(dates(&candidates_of(&article(), &without)), ["2014-03-17"]);
    }

    #[test]
    fn a_speakers_relative_date_is_no_candidate_but_a_quoted_calendar_date_is() {
        let s = "“We want to go back home, and today we are going back home,” said a voter.";
        let r = records(0, s, &[("today", "2019-08-22")]);
        assert!(candidates_of(&article(), &r).is_empty());
        let s = "\"The heavy weapons go back from the line fixed in the September 19 agreements.\"";
        let r = records(0, s, &[("September 19", "2018-09-19")]);
        assert_eq!(dates(&candidates_of(&article(), &r)), ["2018-09-19"]);
    }

    #[test]
    fn without_a_publication_date_a_weekday_needs_its_date_from_the_text() {
        let undated = Arc::new(ArticleMeta {
            file: "a.txt".into(),
            ..Default::default()
        });
        let s = "President Trump signed a memorandum Tuesday withdrawing from the deal.";
        let r = records(0, s, &[("Tuesday", "2016-01-12")]);
        assert!(candidates_of(&undated, &r).is_empty());
        assert_eq!(dates(&candidates_of(&article(), &r)), ["2016-01-12"]);
        let first = "The statement signed on Tuesday (June 12) is a step forward.";
        let then = "The two leaders met at the hotel on Tuesday morning for talks.";
        let r = [
            records(0, first, &[("Tuesday (June 12)", "2018-06-12")]),
            records(70, then, &[("Tuesday morning", "2018-06-12")]),
        ]
        .concat();
        assert_eq!(
            dates(&candidates_of(&undated, &r)),
            ["2018-06-12", "2018-06-12"]
        );
    }
}
