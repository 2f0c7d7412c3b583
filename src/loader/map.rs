//! The map step: each article on its own, on every core, through the cache
//! of article results when there is one.

use std::sync::atomic::{AtomicU64, Ordering};

use rayon::prelude::*;

use super::linker::Linker;
use super::process::process_article;
use super::{OnProgress, Progress, Stage};
use crate::article::ArticleInput;
use crate::cache::articles::ArticleCache;
use crate::gazetteer::Gazetteer;
use crate::mapped::ArticleResult;
use crate::model::Event;

/// The map step: reads each article on its own (on every core) and gives
/// what it holds. It needs the catalog and the gazetteer, never another
/// article, so it can run anywhere: `annals extract --stdin --for-events`
/// runs it on a worker and writes the result as JSON Lines (see
/// [`crate::findings`]).
pub fn map_articles(
    inputs: Vec<ArticleInput>,
    events: &[Event],
    gazetteer: &Gazetteer,
    progress: OnProgress,
) -> Vec<ArticleResult> {
    map_articles_cached(inputs, &[], events, gazetteer, progress, None, |r| r)
}

/// The map step on one article file, read as the kind of input it is: the
/// results of each article it gives (a feed gives one per item), or, for a
/// file that gives none, one result holding only its problems.
fn map_input(
    input: &ArticleInput,
    linker: &Linker,
    gazetteer: &Gazetteer,
    events: &[Event],
) -> Vec<ArticleResult> {
    let read = crate::input::read(&input.path, &input.name, &input.bytes);
    let mut results: Vec<ArticleResult> = read
        .articles
        .into_iter()
        .map(|art| process_article(art, &input.path, linker, gazetteer, events))
        .collect();
    if !read.problems.is_empty() {
        // the file's own problems come first, with its first article
        match results.first_mut() {
            Some(r) => {
                r.problems.splice(0..0, read.problems);
            }
            None => results.push(ArticleResult {
                article: std::sync::Arc::new(crate::model::ArticleMeta {
                    file: input.name.clone(),
                    ..Default::default()
                }),
                problems: read.problems,
                ..Default::default()
            }),
        }
    }
    results
}

/// [`map_articles`], reading from `cache` (when there is one) the results of
/// each article whose key (`keys`, by input; missing keys are none) it holds,
/// and storing there the results of the others. Each result is handed to
/// `finish` as soon as it is made (or read), on the core that made it, and
/// what that gives is collected.
pub(super) fn map_articles_cached<T: Send>(
    inputs: Vec<ArticleInput>,
    keys: &[Option<crate::cache::Key>],
    events: &[Event],
    gazetteer: &Gazetteer,
    progress: OnProgress,
    cache: Option<&ArticleCache>,
    finish: impl Fn(ArticleResult) -> T + Sync,
) -> Vec<T> {
    let linker = std::sync::OnceLock::new();
    let total = inputs.len() as u64;
    let done = AtomicU64::new(0);
    // each file's bytes are let go as soon as its articles are read, not
    // all at the end: they are the largest thing the map step holds
    inputs
        .into_par_iter()
        .enumerate()
        .flat_map_iter(|(i, input)| {
            let key = cache.zip(keys.get(i).and_then(Option::as_ref));
            let cached = key.and_then(|(c, k)| c.get(k, events.len()));
            let results = cached.unwrap_or_else(|| {
                // the linker is built only when an article must be read
                let linker = linker.get_or_init(|| Linker::new(events));
                let results = map_input(&input, linker, gazetteer, events);
                if let Some((c, k)) = key {
                    c.put(*k, &results);
                }
                results
            });
            drop(input);
            let done = done.fetch_add(1, Ordering::Relaxed) + 1;
            progress(Progress {
                stage: Stage::Articles,
                done,
                total,
            });
            results.into_iter().map(&finish).collect::<Vec<T>>()
        })
        .collect()
}
