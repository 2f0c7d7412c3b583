//! A source refers to its sentence by its place in its article's text, which
//! all the article's sources and mentions share: the sentence a source shows
//! is the piece of the article's file at the source's offsets, read fresh,
//! cold or from the cache, and a load for the timeline alone gives the same
//! events.

mod common;

use std::collections::HashMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use annals::loader::{self, Loaded, Sources};
use annals::model::{Excerpt, Source};

/// The seed articles and two more, one with letters of several bytes before
/// and inside its sentences, so that an offset counted in characters, or off
/// by one, cuts a sentence elsewhere.
fn articles(dir: &Path) -> PathBuf {
    let out = common::bundled_articles_in(dir);
    fs::write(
        out.join("çavuşoğlu.txt"),
        "+++\npublished = 2017-03-03\n+++\nÇavuşoğlu — Türkiye’s minister — met Lavrov in \
         Moscow on 10 October 2016. “Gas first,” he said on Friday.\n\nThe deal was signed in \
         İstanbul on 12 October 2016, and talks resumed on 3 March 2017.\n",
    )
    .unwrap();
    fs::write(
        out.join("talks.txt"),
        "+++\npublished = 2018-05-02\n+++\nTwo days later, on 4 May 2018, the ministers met \
         again in Moscow. Talks on Syria opened in Astana on 5 May 2018.\n",
    )
    .unwrap();
    out
}

fn sources(articles: &Path, timeline_only: bool) -> Sources {
    let root = common::root();
    Sources {
        events: Some(root.join("events.toml")),
        articles: vec![articles.to_path_buf()],
        countries: Some(root.join("assets/countries.toml")),
        timeline_only,
        ..Default::default()
    }
}

fn load(sources: &Sources, cache: Option<&Path>) -> Loaded {
    loader::load_using(sources, cache, &|_| {}, &|_, _| {}).unwrap()
}

fn sources_of(loaded: &Loaded) -> Vec<&Source> {
    loaded
        .timeline
        .owned_events()
        .expect("in memory")
        .iter()
        .flat_map(|e| &e.sources)
        .collect()
}

/// The piece of `text` a sentence starting at `start` would be, or why not.
fn piece(text: &str, start: usize, sentence: &Excerpt) -> String {
    text.get(start..start + sentence.len())
        .map(str::to_string)
        .unwrap_or_else(|| format!("<no piece at {start}..{}>", start + sentence.len()))
}

/// Checks every source of a load against its article's file: the sentence
/// is the file's text at `sentence_start`, and holds the expression at the
/// source's own offsets. Gives how many sources it checked.
fn check_against_files(loaded: &Loaded, folder: &Path) -> usize {
    let mut files: HashMap<String, String> = HashMap::new();
    let mut checked = 0;
    for s in sources_of(loaded) {
        let text = files
            .entry(s.article.file.clone())
            .or_insert_with(|| fs::read_to_string(folder.join(&s.article.file)).unwrap());
        assert!(s.article.offsets.is_file(), "{}", s.article.file);
        assert_eq!(
            piece(text, s.sentence_start, &s.sentence),
            s.sentence.as_str(),
            "{}: the sentence of the source at {}..{}",
            s.article.file,
            s.start,
            s.end
        );
        assert_eq!(
            text.get(s.start..s.end),
            Some(&*s.text),
            "{}: the expression",
            s.article.file
        );
        let inside = s.expression_in_sentence().unwrap_or_else(|| {
            panic!(
                "{}: {:?} is not in {:?}",
                s.article.file, s.text, s.sentence
            )
        });
        assert_eq!(&s.sentence[inside], &*s.text);
        checked += 1;
    }
    checked
}

#[test]
fn a_sources_sentence_is_its_article_text_at_its_offsets() {
    let dir = tempfile::tempdir().unwrap();
    let folder = articles(dir.path());
    let loaded = load(&sources(&folder, false), None);
    let checked = check_against_files(&loaded, &folder);
    assert!(checked >= 10, "only {checked} sources");
    // a fresh load: each sentence is a piece of the article's whole text, at
    // the very offsets the source gives, and the article's sources and
    // mentions share that one text
    let mut shared: HashMap<&str, &Arc<str>> = HashMap::new();
    for s in sources_of(&loaded) {
        let text = fs::read_to_string(folder.join(&s.article.file)).unwrap();
        assert_eq!(&**s.sentence.text(), text.as_str(), "{}", s.article.file);
        assert_eq!(s.sentence.range().start, s.sentence_start);
        let first = shared.entry(&s.article.file).or_insert(s.sentence.text());
        assert!(Arc::ptr_eq(first, s.sentence.text()), "{}", s.article.file);
    }
    assert!(shared.contains_key("çavuşoğlu.txt"), "{:?}", shared.keys());
    for m in &loaded.mentions {
        let first = shared.get(m.file.as_str());
        assert!(
            first.is_none_or(|t| Arc::ptr_eq(t, m.sentence.text())),
            "{}",
            m.file
        );
        assert_eq!(
            m.sentence
                .text()
                .get(m.sentence_start..m.sentence_start + m.sentence.len()),
            Some(m.sentence.as_str())
        );
    }
}

#[test]
fn cached_and_lean_loads_quote_the_same_sentences() {
    let dir = tempfile::tempdir().unwrap();
    let folder = articles(dir.path());
    let cache = dir.path().join("cache");
    let cold = load(&sources(&folder, false), None);
    let filling = load(&sources(&folder, false), Some(&cache));
    let warm = load(&sources(&folder, false), Some(&cache));
    assert!(warm.cache.reused > 0, "{:?}", warm.cache);
    for loaded in [&filling, &warm] {
        assert_eq!(loaded.timeline.owned_events(), cold.timeline.owned_events());
        assert_eq!(loaded.mentions, cold.mentions);
        check_against_files(loaded, &folder);
    }
    // read back from the cache, an article's sentences still share one text
    let mut shared: HashMap<&str, &Arc<str>> = HashMap::new();
    for s in sources_of(&warm) {
        let first = shared.entry(&s.article.file).or_insert(s.sentence.text());
        assert!(Arc::ptr_eq(first, s.sentence.text()), "{}", s.article.file);
    }
    // for the timeline alone: the same events, and no mention records kept
    for cache in [None, Some(cache.as_path())] {
        let lean = load(&sources(&folder, true), cache);
        assert_eq!(lean.timeline.owned_events(), cold.timeline.owned_events());
        assert_eq!(lean.stats, cold.stats);
        assert_eq!(lean.problems, cold.problems);
        assert!(lean.mentions.is_empty());
        assert!(!cold.mentions.is_empty());
        check_against_files(&lean, &folder);
    }
}

#[test]
fn a_sentence_serializes_as_its_text() {
    let text: Arc<str> = Arc::from("One. Two on 3 May 2016. Three.");
    let two = Excerpt::new(text.clone(), 5..23).unwrap();
    assert_eq!(two, "Two on 3 May 2016.");
    assert_eq!(
        serde_json::to_string(&two).unwrap(),
        "\"Two on 3 May 2016.\""
    );
    let back: Excerpt = serde_json::from_str("\"Two on 3 May 2016.\"").unwrap();
    assert_eq!(back, two);
    assert_eq!(back.range(), 0..two.len());
    // a range that is no piece of the text
    assert!(Excerpt::new(text.clone(), 5..100).is_none());
    let accented: Arc<str> = Arc::from("İstanbul");
    assert!(Excerpt::new(accented.clone(), 1..3).is_none());
    assert_eq!(Excerpt::new(accented, 0..2).unwrap(), "İ");
}
