//! A text query answered from the cache without loading: when the sources
//! name a catalog file and no article, and the cache holds that catalog's
//! search index ([`crate::cache::search`]), the events a filter with a query
//! keeps are read from there, and only they are decoded.
//!
//! Anything else (articles, the bundled catalog, no query, no file yet, a
//! damaged one) is a [`Quick::Load`]: the caller loads as usual, and the
//! load, when the inputs allow, leaves the search file to write from what it
//! loaded ([`super::Loaded::write_cache`]), so that the next query is quick.
//! A damaged file is removed here, so that the load does not warn about it a
//! second time.

use std::path::Path;

use super::{
    DefaultArticles, Sources, article_files, catalog_how, catalog_identity, default_articles,
    events_path, load_gazetteer,
};
use crate::cache::search::{self, Identity};
use crate::cache::{Reader, Rejected};
use crate::diag::Problem;
use crate::filter::{Filter, Query};
use crate::gazetteer::Gazetteer;
use crate::model::Event;

/// What a load would have given the query.
pub struct Answer {
    /// How many events the timeline has.
    pub total: usize,
    /// The events the filter keeps, in timeline order.
    pub events: Vec<Event>,
    /// The problems of the data, as a load gives them.
    pub problems: Vec<Problem>,
    pub gazetteer: Gazetteer,
}

/// What to do about a query.
pub enum Quick {
    /// It is answered.
    Answer(Answer),
    /// Load as usual. `warning`: why the cache's search file could not be
    /// used (damage).
    Load { warning: Option<String> },
}

/// Answers `filter` (with a query) over `sources` from the cache folder
/// `dir`, when the sources and the cache allow it.
pub fn list(sources: &Sources, filter: &Filter, dir: &Path) -> Quick {
    let load = |warning| Quick::Load { warning };
    let query = Query::parse(&filter.query);
    // a folder that cannot be used is the load's to warn about
    if query.is_empty() || !catalog_only(sources) || crate::cache::prepare_dir(dir).is_err() {
        return load(None);
    }
    let Some(events) = events_path(sources) else {
        return load(None);
    };
    // the search file is named by the catalog's path; it remembers the
    // catalog's content hash, which gives the context it must hold for
    // without reading the catalog when the catalog's stamp still holds
    let name = search::name(&crate::cache::catalog::name(&events, &catalog_how(sources)));
    let file = crate::cache::file_for(dir, &name);
    let opened = Reader::open_lazy(&file);
    let remembered = opened.as_ref().map_or(Ok(None), search::remembered);
    let Some((_, catalog)) =
        catalog_identity(sources, remembered.as_ref().ok().and_then(Option::as_ref))
    else {
        return load(None);
    };
    let id = Identity::of(&catalog);
    let damaged = |why: String| {
        // the load that follows writes it again
        let _ = std::fs::remove_file(id.path(dir));
        Some(format!(
            "the cache file {} could not be used: {why}; it is rebuilt",
            crate::diag::shown_path(&id.path(dir))
        ))
    };
    if let Err(why) = remembered {
        return load(damaged(why));
    }
    let index = match opened.and_then(|r| search::check(r, &id)) {
        Ok(index) => index,
        Err(Rejected::Missing) => return load(None),
        Err(Rejected::Damaged(why)) => return load(damaged(why)),
    };
    // a gazetteer that does not load is the load's error to report
    let Ok(gazetteer) = load_gazetteer(sources) else {
        return load(None);
    };
    let events = match index.select(&query, filter) {
        Ok(events) => events,
        Err(why) => return load(damaged(why)),
    };
    // as a load orders them: the gazetteer's, then the catalog's
    let mut problems = gazetteer.problems().to_vec();
    problems.extend(index.problems().iter().cloned());
    Quick::Answer(Answer {
        total: index.len(),
        events,
        problems,
        gazetteer,
    })
}

/// True when the sources name a catalog file and no article file at all (none
/// named and none by default, see [`default_articles`], or named folders
/// without article files, and none missing or unreadable), so that the
/// timeline is the catalog's events alone.
fn catalog_only(sources: &Sources) -> bool {
    let mut problems = Vec::new();
    let files = if sources.articles.is_empty() {
        match default_articles(sources) {
            DefaultArticles::Folder(folder) => article_files(&[folder], &mut problems),
            DefaultArticles::Bundled => return false,
            DefaultArticles::None => Vec::new(),
        }
    } else {
        article_files(&sources.articles, &mut problems)
    };
    files.is_empty() && problems.is_empty() && super::events_path(sources).is_some()
}
