//! What the map step does with one article: its dateline, sentences and
//! furniture, the catalog aliases it names, its date expressions, and for
//! each mention its place in the article, its countries and the catalog event
//! it is a source of.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use super::linker::Linker;
use crate::article::{self, Article};
use crate::diag::Problem;
use crate::extract::{self, Mention};
use crate::gazetteer::Gazetteer;
use crate::mapped::{ArticleResult, MentionRecord};
use crate::model::{Event, Excerpt, Source};

/// An article with more date expressions than this is read only up to there,
/// with a warning: real articles have a few hundred at most, and each one
/// quotes its sentence, so the limit bounds the memory an article can take.
pub const MAX_MENTIONS_PER_ARTICLE: usize = 10_000;

/// Reads one article (the map step): its mentions, each with its place in
/// the article, and the catalog events it is a source of. Events are built
/// from the mentions later, across articles ([`crate::events`]).
pub(super) fn process_article(
    mut art: Article,
    path: &Path,
    linker: &Linker,
    gazetteer: &Gazetteer,
    events: &[Event],
) -> ArticleResult {
    if art.meta.published.is_none() {
        let top = extract::dates_at_top(&art.text, art.body_start);
        if let Some(d) = top.dateline {
            art.set_published(d, Some(crate::model::DateFrom::Dateline));
        } else if let Some(d) = top.first {
            art.set_reference(d);
        }
    }
    let text = art.text.as_str();
    // the text every source and mention of the article quotes its sentence
    // from, shared rather than copied
    let shared: std::sync::Arc<str> = std::sync::Arc::from(text);
    let quote = |range: std::ops::Range<usize>| {
        Excerpt::new(shared.clone(), range).expect("a sentence is a piece of its article's text")
    };
    let skip = article::furniture(text, art.body_start);
    let sentences = article::sentences(text, art.body_start);
    // catalog aliases, sentence by sentence: they link mentions to events, date
    // expressions such as "ten years after <alias>", and name undated events
    let sentence_links: Vec<Vec<(usize, std::ops::Range<usize>)>> = sentences
        .iter()
        .map(|s| linker.find(&text[s.clone()]))
        .collect();
    let mut anchors: Vec<extract::Anchor> = sentences
        .iter()
        .zip(&sentence_links)
        .flat_map(|(s, links)| {
            links.iter().map(move |(ev, span)| extract::Anchor {
                start: s.start + span.start,
                end: s.start + span.end,
                date: events[*ev].date,
            })
        })
        .collect();
    anchors.sort_by_key(|a| (a.start, a.end));
    let mut found = extract::extract(text, &sentences, &skip, art.meta.reference_date(), &anchors);
    let mut problems = std::mem::take(&mut art.problems);
    if found.len() > MAX_MENTIONS_PER_ARTICLE {
        let first_dropped = found[MAX_MENTIONS_PER_ARTICLE].start;
        problems.push(Problem {
            location: crate::diag::Location::at(path, text, first_dropped),
            message: format!(
                "{} date expressions; only the first {MAX_MENTIONS_PER_ARTICLE} are read",
                found.len()
            ),
            warning: true,
        });
        found.truncate(MAX_MENTIONS_PER_ARTICLE);
    }
    let layout = crate::events::candidates::Layout {
        text,
        body_start: art.body_start,
        title: art.meta.title.as_deref(),
    };
    let mut result = ArticleResult {
        article: art.meta.clone(),
        mentions: Vec::with_capacity(found.len()),
        links: Vec::new(),
        problems,
        row: Some(crate::input::ArticleRow::of(&art, found.len())),
    };
    let mut linked_events: HashSet<usize> = HashSet::new();
    // (event, sentence start) -> (index in result.links, precision of its date)
    let mut best_link: HashMap<(usize, usize), (usize, Option<crate::model::Precision>)> =
        HashMap::new();
    // links from photo captions: kept only for events the prose does not give
    let mut caption_links: Vec<(usize, Source)> = Vec::new();
    let no_links = Vec::new();
    let mut sentence_cache: Option<(usize, Vec<String>)> = None;
    let mut line: Option<crate::events::candidates::Line> = None;
    for m in &found {
        if sentence_cache
            .as_ref()
            .is_none_or(|c| c.0 != m.sentence.start)
        {
            let s = &text[m.sentence.clone()];
            sentence_cache = Some((m.sentence.start, gazetteer.countries_in(s)));
        }
        let (_, countries) = sentence_cache.as_ref().expect("set above");
        let aliases = sentences
            .binary_search_by_key(&m.sentence.start, |s| s.start)
            .map_or(&no_links, |k| &sentence_links[k]);
        let sentence = &text[m.sentence.clone()];
        if line.as_ref().is_none_or(|l| !l.contains(m.start)) {
            line = Some(crate::events::candidates::Line::at(&layout, m.start));
        }
        let place = crate::events::candidates::place_in_line(
            &layout,
            line.as_ref().expect("set above"),
            m.start..m.end,
        );
        let in_sentence = m.start - m.sentence.start..m.end - m.sentence.start;
        let furniture = crate::events::candidates::rejection(
            place,
            sentence,
            in_sentence,
            &text[m.start..m.end],
        )
        // (a headline that names an event is a source of it: what a
        // headline may not do is date a new event by a weekday)
        .filter(|_| {
            !matches!(
                place,
                crate::events::Place::Prose | crate::events::Place::Headline
            )
        });
        let event = m
            .value
            .date()
            .and_then(|d| choose_event(d, m, aliases, countries, events, sentence));
        let source = |why: String| Source {
            article: art.meta.clone(),
            start: m.start,
            end: m.end,
            text: text[m.start..m.end].into(),
            dated: true,
            sentence: quote(m.sentence.clone()),
            sentence_start: m.sentence.start,
            why: why.into(),
        };
        match &event {
            // furniture is never a source
            Some(_) if furniture.is_some() => {}
            Some((i, why)) if place == crate::events::Place::Caption => {
                caption_links.push((*i, source(why.clone())));
            }
            Some((i, why)) => {
                let i = *i;
                linked_events.insert(i);
                // one source per sentence and event: the most precise date wins
                let precision = m.value.date().map(|d| d.precision());
                match best_link.get(&(i, m.sentence.start)) {
                    Some(&(_, p)) if p <= precision => {}
                    Some(&(at, _)) => {
                        result.links[at] = (i, source(why.clone()));
                        best_link.insert((i, m.sentence.start), (at, precision));
                    }
                    None => {
                        best_link.insert((i, m.sentence.start), (result.links.len(), precision));
                        result.links.push((i, source(why.clone())));
                    }
                }
            }
            None => {}
        }
        let heads = (place == crate::events::Place::Heading)
            .then(|| {
                sentences
                    .iter()
                    .find(|s| s.start >= m.sentence.end)
                    .map(|s| text[s.clone()].to_string())
            })
            .flatten();
        result.mentions.push(MentionRecord {
            file: art.meta.file.clone(),
            start: m.start,
            end: m.end,
            text: text[m.start..m.end].to_string(),
            value: m.value.to_string(),
            precision: m.value.precision_str().into(),
            sentence: quote(m.sentence.clone()),
            countries: countries.clone(),
            event: event.map(|(i, _)| events[i].id.clone()),
            sentence_start: m.sentence.start,
            place,
            heads,
            offsets: (!art.meta.offsets.is_file()).then_some(art.meta.offsets),
        });
    }
    for (i, s) in caption_links {
        if linked_events.insert(i) {
            result.links.push((i, s));
        }
    }
    // events the article names without dating them: where one alias names
    // several events, only the one it fits best
    let skip_ranges = &skip;
    let reference = art.meta.reference_date();
    for (s, links) in sentences.iter().zip(&sentence_links) {
        let sentence = &text[s.clone()];
        let mut by_span: Vec<(std::ops::Range<usize>, Vec<usize>)> = Vec::new();
        for (ev, span) in links.iter().cloned() {
            let abs = s.start + span.start;
            if in_ranges(skip_ranges, abs) {
                continue;
            }
            match by_span
                .iter_mut()
                .find(|(r, _)| r.start < span.end && span.start < r.end)
            {
                Some((_, evs)) => evs.push(ev),
                None => by_span.push((span, vec![ev])),
            }
        }
        if by_span.is_empty() {
            continue;
        }
        let words = crate::events::words::key_words(sentence, None);
        for (span, evs) in by_span {
            if evs.iter().any(|e| linked_events.contains(e)) {
                continue;
            }
            let Some(ev) = crate::events::best_named(&evs, events, reference, &words) else {
                continue;
            };
            linked_events.insert(ev);
            let alias = &sentence[span.clone()];
            let why = if evs.len() > 1 {
                format!(
                    "named by alias “{alias}”, not dated here; of {} events with that alias, \
                     the nearest to the article's date",
                    evs.len()
                )
            } else {
                format!("named by alias “{alias}”, not dated here")
            };
            result.links.push((
                ev,
                Source {
                    article: art.meta.clone(),
                    start: s.start + span.start,
                    end: s.start + span.end,
                    text: alias.into(),
                    dated: false,
                    sentence: quote(s.clone()),
                    sentence_start: s.start,
                    why: why.into(),
                },
            ));
        }
    }
    result
}

/// True when `at` lies in one of `ranges`, which are in order and do not
/// overlap (as `article::furniture` gives them).
fn in_ranges(ranges: &[std::ops::Range<usize>], at: usize) -> bool {
    let after = ranges.partition_point(|r| r.start <= at);
    after > 0 && ranges[after - 1].contains(&at)
}

/// The catalog event a dated mention speaks of, and why: one whose alias is
/// in the sentence and whose span is compatible with the date, or, for a day,
/// the one event on that very day that shares a country with the sentence.
fn choose_event(
    date: crate::model::DateValue,
    m: &Mention,
    aliases: &[(usize, std::ops::Range<usize>)],
    countries: &[String],
    events: &[Event],
    sentence: &str,
) -> Option<(usize, String)> {
    let rel = m.start - m.sentence.start;
    let by_alias = aliases
        .iter()
        .filter(|(i, _)| date.overlaps(events[*i].span_start(), events[*i].span_end()))
        .min_by_key(|(i, span)| {
            let dist = if span.start > rel {
                span.start - rel
            } else {
                rel.saturating_sub(span.end)
            };
            (events[*i].precision(), dist)
        });
    let relation = |e: &Event| {
        crate::events::merging::date_relation((e.date, e.end), (date, None))
            .unwrap_or_else(|| format!("{} overlaps {}", date.describe(), e.describe_date()))
    };
    if let Some((i, span)) = by_alias {
        let e = &events[*i];
        let alias = sentence.get(span.clone()).unwrap_or("");
        return Some((*i, format!("alias “{alias}”; {}", relation(e))));
    }
    if date.precision() != crate::model::Precision::Day {
        return None;
    }
    let mut on_day = events.iter().enumerate().filter(|(_, e)| {
        !e.is_extracted()
            && e.date == date
            && e.countries
                .iter()
                .any(|c| countries.iter().any(|x| x == c) && c != "NATO" && c != "EU")
    });
    let (first, _) = on_day.next()?;
    // two catalog events that day in those countries: which one the sentence
    // speaks of is not known, and a guess would follow the catalog's order
    // (which an export changes), so neither is linked
    if on_day.next().is_some() {
        return None;
    }
    let shared: Vec<&str> = events[first]
        .countries
        .iter()
        .filter(|c| countries.iter().any(|x| x == c))
        .collect();
    Some((
        first,
        format!(
            "same day, {}, and shared countries ({})",
            date.describe(),
            shared.join(", ")
        ),
    ))
}

/// Reads one text given with its id and publication date (for `annals
/// extract --stdin`): its mentions, and with `--for-events` everything else
/// the article gives.
pub fn result_for_text(
    id: &str,
    published: Option<crate::model::DateValue>,
    text: &str,
    linker: &Linker,
    gazetteer: &Gazetteer,
    events: &[Event],
) -> ArticleResult {
    let mut art = Article::parse_named(Path::new(id), id, text.as_bytes());
    if let Some(p) = published {
        art.set_published(p, None);
    }
    process_article(art, Path::new(id), linker, gazetteer, events)
}
