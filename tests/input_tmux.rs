//! End to end, in a real terminal (tmux): the explorer opened on a folder
//! that mixes a text article with front matter, a saved web page and a feed,
//! with a GDELT export as the catalog; and on the real GDELT file of
//! `../shared` when it is there. Skips, saying so, without tmux (fails under
//! CI).

mod tmux_support;

use std::path::{Path, PathBuf};

use tmux_support::{Tmux, annals_bin, quote, skip_without_tmux};

/// A GDELT 2.0 event row: 61 tab-separated fields, those given set.
fn gdelt_row(set: &[(usize, &str)]) -> String {
    let mut f = vec![""; 61];
    for &(i, v) in set {
        f[i] = v;
    }
    f.join("\t")
}

/// A row: id, SQLDATE, actor 1 (name, country), actor 2 (name, country),
/// CAMEO event code.
fn event(id: &str, date: &str, a1: (&str, &str), a2: (&str, &str), code: &str) -> String {
    gdelt_row(&[
        (0, id),
        (1, date),
        (5, a1.1),
        (6, a1.0),
        (7, a1.1),
        (15, a2.1),
        (16, a2.0),
        (17, a2.1),
        (26, code),
        (27, &code[..3]),
        (28, &code[..2]),
        (30, "1.0"),
        (31, "3"),
        (32, "1"),
        (33, "3"),
        (34, "-1.5"),
        (59, "20190302001500"),
        (60, "https://wire.example/story"),
    ])
}

/// The folder of mixed articles, and the GDELT export, written in `dir`.
fn mixed(dir: &Path) -> (PathBuf, PathBuf) {
    let articles = dir.join("articles");
    std::fs::create_dir(&articles).unwrap();
    std::fs::write(
        articles.join("quay.txt"),
        "+++\ntitle = \"Quay reopens to ships\"\nsource = \"Harbour Gazette\"\n\
         published = 2021-06-02\n+++\nThe harbour authority reopened the north quay on \
         1 June 2021 after a year of repairs.\n",
    )
    .unwrap();
    std::fs::write(
        articles.join("museum.html"),
        "<!DOCTYPE html>\n<html><head><title>Museum opens a maritime wing</title>\n\
         <meta property=\"article:published_time\" content=\"2021-09-15T08:00:00+01:00\">\n\
         </head><body><nav>Home | News</nav><article><h1>Museum opens a maritime wing</h1>\n\
         <p>The town museum opened its maritime wing on 14 September 2021, with models of \
         the old ferries and a lighthouse lens.</p>\n<p>The wing took three years to build \
         and was paid for by a local trust, the museum's director said.</p>\n\
         <script>track('museum')</script></article></body></html>\n",
    )
    .unwrap();
    std::fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/feeds/uplands-1.0.rdf"),
        articles.join("uplands.rdf"),
    )
    .unwrap();
    let gdelt = dir.join("20190301000000.export.CSV");
    let rows = [
        event("901", "20190301", ("PRESIDENT", "USA"), ("", ""), "043"),
        event(
            "902",
            "20190301",
            ("CONGRESS", "USA"),
            ("PARIS", "FRA"),
            "036",
        ),
        event("903", "20190302", ("PROTESTER", "FRA"), ("", ""), "141"),
        event("904", "20190302", ("SENATE", "USA"), ("", ""), "010"),
        event("905", "20190303", ("REBEL", "XYZ"), ("", ""), "190"),
    ];
    std::fs::write(&gdelt, rows.join("\n") + "\n").unwrap();
    (articles, gdelt)
}

#[test]
fn the_explorer_opens_mixed_articles_with_a_gdelt_catalog() {
    if skip_without_tmux() {
        return;
    }
    let dir = tempfile::tempdir().expect("temp dir");
    let (articles, gdelt) = mixed(dir.path());
    let exit_file = dir.path().join("exit");
    let script = format!(
        "{} --no-cache --events {} --articles {}; echo \"EXIT=$?\" > {}; echo annals-finished; \
         exec sleep 600",
        quote(&annals_bin()),
        quote(&gdelt),
        quote(&articles),
        quote(&exit_file),
    );
    let t = Tmux::start("inputs", (140, 40), None, &script);
    // five GDELT rows, and an event from each article (the feed has two):
    // from the GDELT rows, actors and the CAMEO label; from the text
    // article, the web page and the feed's items, their sentences. The count
    // and the rows may reach the pane in separate writes, so wait for a
    // screen with all of them.
    let rows = [
        "President (United States): host a visit",
        "Protester (France): demonstrate or rally",
        "The harbour authority reopened the north quay",
        "The town museum opened its maritime wing",
        "Farmers began the harvest",
        "The weather office warned of gales",
    ];
    let screen = t.wait("the nine events", |s| {
        s.contains("9 of 9 events") && rows.iter().all(|r| s.contains(r))
    });
    assert!(!screen.contains("track("), "{screen}");

    // the country picker: each country with its number of events
    t.keys(&["c"]);
    let screen = t.wait("the country picker", |s| s.contains("] US "));
    let row = |code: &str| {
        screen
            .lines()
            .find(|l| l.contains(&format!("] {code} ")))
            .unwrap_or_else(|| panic!("no {code} row:\n{screen}"))
            .to_string()
    };
    let us = row("US");
    assert!(us.contains("United States"), "{us}");
    assert!(us.trim_end_matches(['┃', '│', ' ']).ends_with(" 3"), "{us}");
    let fr = row("FR");
    assert!(fr.trim_end_matches(['┃', '│', ' ']).ends_with(" 2"), "{fr}");
    t.literal("fr");
    t.keys(&["Enter"]);
    // the header and the rows may reach the pane in separate writes: wait
    // for a screen where both show the filter
    let screen = t.wait("the two French events alone", |s| {
        s.contains("2 of 9 events") && !s.contains("Farmers began")
    });
    assert!(
        screen.contains("Protester (France): demonstrate or rally"),
        "{screen}"
    );
    t.keys(&["Escape"]);
    // the detail pane of a GDELT event: its counts and its source's outlet,
    // and no empty quotation for a row that quotes no sentence
    let screen = t.wait("the picker to close", |s| !s.contains("› "));
    assert!(screen.contains("Goldstein scale 1.0"), "{screen}");
    assert!(screen.contains("wire.example"), "{screen}");
    assert!(!screen.contains("“”"), "{screen}");
    // its source is dated by the day GDELT added the row, and says so
    assert!(screen.contains("DATEADDED"), "{screen}");
    assert!(!screen.contains("publication date unknown"), "{screen}");

    t.keys(&["q"]);
    let screen = t.wait_for("annals-finished");
    // the unknown code XYZ, reported when the explorer is left
    assert!(
        screen
            .contains("20190301000000.export.CSV:1:1: warning: 1 actor country code of 1 kind has"),
        "{screen}"
    );
    let exit = std::fs::read_to_string(&exit_file).expect("exit status written");
    assert_eq!(exit.trim(), "EXIT=0");
    assert_eq!(t.alternate_on(), "0");
}

/// The real GDELT file: the picker shows its countries with the number of
/// rows each is an actor's country in, counted here from the file.
#[test]
fn the_explorer_opens_the_real_gdelt_file_and_counts_its_countries() {
    if skip_without_tmux() {
        return;
    }
    let file = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/data/gdelt/20150218230000.export.CSV");
    if !file.exists() {
        tmux_support::skip::not_here(&format!("{} is absent", file.display()));
        return;
    }
    let text = std::fs::read_to_string(&file).expect("gdelt file");
    let rows: Vec<Vec<&str>> = text
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| l.split('\t').collect())
        .collect();
    let with = |alpha3: &str| {
        rows.iter()
            .filter(|r| r[7] == alpha3 || r[17] == alpha3)
            .count()
    };
    let dir = tempfile::tempdir().expect("temp dir");
    let empty = dir.path().join("none");
    std::fs::create_dir(&empty).unwrap();
    let script = format!(
        "{} --no-cache --events {} --articles {}; echo annals-finished; exec sleep 600",
        quote(&annals_bin()),
        quote(&file),
        quote(&empty),
    );
    let t = Tmux::start("gdelt", (140, 45), None, &script);
    t.wait_for(&format!("{n} of {n} events", n = rows.len()));
    t.keys(&["c"]);
    let screen = t.wait("the country picker", |s| s.contains("] US "));
    for (code, alpha3) in [("US", "USA"), ("GB", "GBR"), ("RU", "RUS")] {
        let line = screen
            .lines()
            .find(|l| l.contains(&format!("] {code} ")))
            .unwrap_or_else(|| panic!("no {code} row:\n{screen}"));
        let shown: usize = line
            .trim_end_matches(['┃', '│', ' '])
            .rsplit(' ')
            .next()
            .and_then(|n| n.parse().ok())
            .unwrap_or_else(|| panic!("no count in {line:?}"));
        assert_eq!(shown, with(alpha3), "{line}");
    }
    // picking the United States leaves exactly its rows
    t.literal("united states");
    t.keys(&["Enter"]);
    t.wait_for(&format!("{} of {} events", with("USA"), rows.len()));
    // Escape and q apart: sent together, a terminal reads them as Alt-q
    t.keys(&["Escape"]);
    t.wait("the picker to close", |s| !s.contains("› "));
    t.keys(&["q"]);
    t.wait_for("annals-finished");
    assert_eq!(t.alternate_on(), "0");
}
