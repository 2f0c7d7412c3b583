//! The explorer opens from the cache's timeline file: a warm start shows
//! what a start without the cache shows, events, sources and problems alike,
//! and reads the file the first start left instead of building it again.

mod damage;
mod tmux_support;

use std::fs;
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};

use tmux_support::{Tmux, annals_bin, quote, skip_without_tmux};

/// Opens the explorer on `articles` with the cache in `home` (none when
/// `None`), waits for the whole data, walks a few rows down so that the
/// detail pane shows an event with sources, and gives the screen, then the
/// problems printed when it is left; and the screen when the data came.
fn explore(
    name: &str,
    articles: &Path,
    home: Option<&Path>,
    also: &dyn Fn(&str) -> bool,
) -> (String, String, String) {
    let root = root();
    let cache = match home {
        Some(h) => format!("XDG_CACHE_HOME={}", quote(h)),
        None => String::new(),
    };
    let script = format!(
        "{cache} {} {} --events {} --countries {} --articles {}; echo annals-finished; \
         exec sleep 600",
        quote(&annals_bin()),
        if home.is_none() { "--no-cache" } else { "" },
        quote(&root.join("events.toml")),
        quote(&root.join("assets/countries.toml")),
        quote(articles),
    );
    let t = Tmux::start(name, (140, 40), None, &script);
    let first = t.wait("the whole data", |s| {
        s.lines()
            .next()
            .is_some_and(|l| l.contains(" events") && !l.contains("so far"))
            && s.contains("Syria")
            && also(s)
    });
    t.keys(&["j", "j", "j", "j", "j"]);
    std::thread::sleep(std::time::Duration::from_millis(500));
    let screen = t.capture(false);
    t.keys(&["q"]);
    let after = t.wait_for("annals-finished");
    (screen, after, first)
}

/// The title of the first event of the bundled catalog with `articles`.
fn first_title(articles: &Path) -> String {
    let root = root();
    let sources = annals::loader::Sources {
        events: Some(root.join("events.toml")),
        countries: Some(root.join("assets/countries.toml")),
        articles: vec![articles.to_path_buf()],
        ..Default::default()
    };
    let loaded = annals::loader::load(&sources).expect("the data loads");
    loaded.timeline.event(0).title.clone()
}

/// The repository.
fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The files in `dir`, by name.
fn files_in(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = fs::read_dir(dir)
        .map(|rd| rd.map(|e| e.unwrap().path()).collect())
        .unwrap_or_default();
    files.sort();
    files
}

/// The files in `dir` with their inodes (a file written again is renamed
/// into place: a new inode).
fn files(dir: &Path) -> Vec<(PathBuf, u64)> {
    files_in(dir)
        .into_iter()
        .map(|p| {
            let inode = fs::metadata(&p).unwrap().ino();
            (p, inode)
        })
        .collect()
}

#[test]
fn a_warm_explorer_shows_what_a_cold_one_shows_from_the_timeline_file() {
    if skip_without_tmux() {
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let articles = tmp.path().join("articles");
    fs::create_dir_all(&articles).unwrap();
    for entry in fs::read_dir(root().join("assets/articles")).unwrap() {
        let p = entry.unwrap().path();
        fs::copy(&p, articles.join(p.file_name().unwrap())).unwrap();
    }
    // an article with a problem, printed when the explorer is left
    fs::write(
        articles.join("odd.md"),
        "+++\npublished = 2018-05-02\nmood = \"grim\"\n+++\nTwo days later, on 4 May 2018, \
         the ministers met again in Moscow.\n",
    )
    .unwrap();
    let home = tmp.path().join("xdg");
    let folder = home.join("annals");
    let (cold, cold_after, _) = explore("cold", &articles, None, &|_| true);
    assert!(!home.exists());
    assert!(cold_after.contains("unknown field `mood`"), "{cold_after}");
    // the first start with the cache builds the timeline and writes its file
    let (filling, _, _) = explore("fill", &articles, Some(&home), &|_| true);
    assert_eq!(filling, cold);
    let written = files(&folder);
    assert_eq!(written.len(), 3, "articles, catalog, timeline: {written:?}");
    let timeline = files_in(&folder)
        .into_iter()
        .find(|p| {
            annals::cache::Reader::open(p).is_ok_and(|r| r.kind() == annals::cache::Kind::Search)
        })
        .expect("a timeline file");
    // a warm start: the same screen and problems, and the file is read, not
    // written again
    let (warm, warm_after, _) = explore("warm", &articles, Some(&home), &|_| true);
    assert_eq!(warm, cold);
    let problems = |s: &str| -> Vec<String> {
        s.lines()
            .filter(|l| l.contains("warning:") || l.contains("error:"))
            .map(str::to_string)
            .collect()
    };
    assert_eq!(problems(&warm_after), problems(&cold_after));
    assert_eq!(files(&folder), written);
    // one event damaged inside the file, its header and table intact: the
    // explorer reads events as it shows them, finds the damage when it shows
    // that one, says so, loads the data again from the sources and shows
    // what a cold start shows; the file is written again, sound
    damage::damage_once(&timeline, &first_title(&articles));
    let reloaded = |s: &str| s.contains("reloaded:");
    let (mended, _, at_first) = explore("event", &articles, Some(&home), &reloaded);
    assert!(
        at_first.contains("warning: the cache could not be read (the checksum of event"),
        "{at_first}"
    );
    assert_eq!(mended, cold);
    assert!(
        annals::cache::Reader::open(&timeline)
            .is_ok_and(|r| r.kind() == annals::cache::Kind::Search)
    );
    // a damaged timeline file: the same screen, one warning, and it is
    // written again
    fs::write(&timeline, b"damaged").unwrap();
    // one warning in the status line, after the data's problems (the wait
    // is for it: the status line may come after the rows)
    let warned = |s: &str| s.contains("warning: the cache file");
    let (mended, _, at_first) = explore("mended", &articles, Some(&home), &warned);
    assert_eq!(
        at_first.lines().filter(|l| warned(l)).count(),
        1,
        "{at_first}"
    );
    // gone once the cursor moves, as any status message
    assert_eq!(mended, cold);
    assert!(
        annals::cache::Reader::open(&timeline)
            .is_ok_and(|r| r.kind() == annals::cache::Kind::Search)
    );
}
