//! Input that could exhaust the machine either works in bounded time and
//! memory or is refused with a clear message. The sizes here are smaller than
//! the (a 50 MB line, a 500 MB article, a million countries) but large
//! enough that a quadratic path would not finish; the full sizes were measured
//! by hand (see the note of issue 7). No test here times anything.

mod skip;
mod spawn;
use std::path::{Path, PathBuf};

use annals::article::{self, Article};
use annals::catalog::{self, MAX_LIST_ITEMS};
use annals::gazetteer::Gazetteer;
use annals::loader::{self, ArticleInput, Loaded, MAX_MENTIONS_PER_ARTICLE, Sources};

fn gazetteer() -> Gazetteer {
    Gazetteer::from_toml(Path::new("countries.toml"), annals::bundled::COUNTRIES)
        .expect("the bundled gazetteer reads")
}

fn load_one(name: &str, bytes: Vec<u8>) -> Loaded {
    let g = gazetteer();
    let c = catalog::parse(Path::new("events.toml"), annals::bundled::EVENTS, &g)
        .expect("the bundled catalog reads");
    let inputs = vec![ArticleInput {
        path: PathBuf::from(name),
        name: name.to_string(),
        bytes,
    }];
    loader::build(g, c, inputs, Vec::new())
}

fn repeat_to(unit: &str, bytes: usize) -> String {
    unit.repeat(bytes / unit.len() + 1)
}

#[test]
fn a_line_of_five_megabytes_of_marks_is_read() {
    // A run of sentence marks that does not end a sentence (a letter follows
    // it) once made the splitter scan the run again from every mark: 50 KB of
    // dots then "x" did not finish in ten minutes.
    for (unit, end) in [(".", "x"), ("!?", " and"), (".\"", ""), ("Mr. ", "")] {
        let text = repeat_to(unit, 5 << 20) + end;
        let sentences = article::sentences(&text, 0);
        assert!(!sentences.is_empty());
        assert!(
            sentences
                .iter()
                .all(|r| r.len() <= article::MAX_SENTENCE_BYTES)
        );
    }
}

#[test]
fn a_line_of_dates_with_no_sentence_end_is_read_up_to_the_limit() {
    // Every expression quotes its sentence: with no sentence end, that was the
    // whole line for each of its hundreds of thousands of expressions.
    let line = repeat_to("in 2016 and on 15 July 2016 and ", 320 << 10);
    let loaded = load_one("long.txt", line.into_bytes());
    assert_eq!(loaded.mentions.len(), MAX_MENTIONS_PER_ARTICLE);
    assert!(
        loaded
            .mentions
            .iter()
            .all(|m| m.sentence.len() <= article::MAX_SENTENCE_BYTES)
    );
    let warning = loaded
        .problems
        .iter()
        .map(|p| p.to_string())
        .find(|p| p.contains("date expressions"))
        .expect("a warning about the dropped expressions");
    assert!(
        warning.starts_with("long.txt:1:") && warning.contains("warning"),
        "{warning}"
    );
}

#[test]
fn a_long_line_of_words_is_cut_into_bounded_sentences() {
    let line = repeat_to("word ", 3 << 20) + "in July 2016 the coup failed";
    let sentences = article::sentences(&line, 0);
    assert!(
        sentences
            .iter()
            .all(|r| r.len() <= article::MAX_SENTENCE_BYTES && !r.is_empty())
    );
    // pieces are cut at spaces, so the words are whole
    assert!(sentences.iter().all(|r| {
        let s = &line[r.clone()];
        s.starts_with("word") || s.starts_with("in")
    }));
    let last = &line[sentences.last().unwrap().clone()];
    assert!(last.ends_with("the coup failed"), "{last}");
    // and a line with no space at all is cut at character boundaries
    let solid = "é".repeat(3 << 20);
    let sentences = article::sentences(&solid, 0);
    assert_eq!(
        sentences.iter().map(|r| r.len()).sum::<usize>(),
        solid.len()
    );
}

#[test]
fn many_furniture_lines_among_many_sentences_are_read() {
    // Page furniture was once matched against every sentence in turn.
    let text = repeat_to(
        "4\nThe Armenian Genocide began in 1915.\nCredit: Armenian Genocide 1915\n",
        1 << 20,
    );
    let art = Article::parse(Path::new("many.txt"), text.as_bytes());
    let skip = article::furniture(&art.text, 0);
    assert!(skip.len() > 20_000);
    let loaded = load_one("many.txt", text.into_bytes());
    assert_eq!(loaded.mentions.len(), MAX_MENTIONS_PER_ARTICLE);
    // the years in the credit lines are furniture, not mentions
    assert!(
        loaded
            .mentions
            .iter()
            .all(|m| !m.sentence.starts_with("Credit"))
    );
}

#[test]
fn an_article_of_500_megabytes_is_refused_with_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    let big = dir.path().join("huge.txt");
    // a sparse file: its size is 500 MB, but no memory or disk is used
    let f = std::fs::File::create(&big).unwrap();
    f.set_len(500 << 20).unwrap();
    drop(f);
    std::fs::write(
        dir.path().join("small.txt"),
        "On 15 July 2016 a coup was attempted.",
    )
    .unwrap();
    let loaded = loader::load(&Sources {
        events: Some(PathBuf::from("events.toml")),
        articles: vec![dir.path().to_path_buf()],
        countries: Some(PathBuf::from("assets/countries.toml")),
        ..Default::default()
    })
    .expect("the rest loads");
    assert_eq!(loaded.stats.articles, 1, "only the small article is read");
    let msgs: Vec<String> = loaded.problems.iter().map(|p| p.to_string()).collect();
    let refusal = msgs
        .iter()
        .find(|m| m.contains("huge.txt"))
        .expect("a message naming the big file");
    assert!(
        refusal.contains("500 MiB") && refusal.contains("skipped"),
        "{refusal}"
    );
}

// A 50 MB article is under the limit, and a 500 MB one over it.
const _: () = assert!(article::MAX_ARTICLE_BYTES >= 50 << 20);
const _: () = assert!(article::MAX_ARTICLE_BYTES < 500 << 20);

fn nested(open: &str, close: &str, depth: usize) -> String {
    format!("{}{}", open.repeat(depth), close.repeat(depth))
}

#[test]
fn deeply_nested_catalogs_are_refused_with_a_message() {
    let g = gazetteer();
    let deep = 100_000;
    let cases = [
        ("deep.toml", format!("a = {}", nested("[", "]", deep))),
        ("deep.toml", format!("a = {}", nested("{ b = ", "}", deep))),
        (
            "deep.toml",
            format!("[[event]]\nid = {}", nested("[", "]", deep)),
        ),
        ("deep.toml", format!("{} = 1", vec!["a"; deep].join("."))),
        ("deep.toml", format!("[{}]", vec!["a"; deep].join("."))),
        ("deep.json", nested("[", "]", deep)),
        ("deep.json", format!("[{}", nested("{\"a\":", "}", deep))),
    ];
    for (name, text) in &cases {
        let err = catalog::parse(Path::new(name), text, &g)
            .err()
            .unwrap_or_else(|| panic!("{name} starting {:?} was accepted", &text[..20]));
        let shown = err.to_string();
        assert!(
            shown.starts_with(&format!("{name}:"))
                && (name.ends_with(".json") || shown.contains("recurs")),
            "{shown}"
        );
        let err = Gazetteer::from_toml(Path::new(name), text).unwrap_err();
        assert!(err.to_string().starts_with(&format!("{name}:")));
    }
    // in an article's front matter the nesting is a warning and the body reads
    let art = format!("+++\ntitle = {}\n+++\nBody.", nested("[", "]", deep));
    let a = Article::parse(Path::new("deep.txt"), art.as_bytes());
    assert_eq!(a.body(), "Body.");
    assert!(a.problems[0].to_string().starts_with("deep.txt:2:"));
}

fn many_countries_toml(n: usize) -> String {
    let list = vec!["\"TR\""; n].join(", ");
    format!(
        "[[event]]\nid = \"ok\"\ndate = \"2016\"\ntitle = \"Fine\"\ncountries = [\"TR\"]\n\n\
         [[event]]\nid = \"crowded\"\ndate = \"2016-07\"\ntitle = \"Crowded\"\ncountries = [{list}]\n"
    )
}

#[test]
fn an_event_with_too_many_countries_is_refused_once_by_name_and_line() {
    let g = gazetteer();
    let text = many_countries_toml(100_000);
    let c = catalog::parse(Path::new("events.toml"), &text, &g).unwrap();
    assert_eq!(c.events.len(), 1);
    assert_eq!(c.events[0].id, "ok");
    assert_eq!(c.problems.len(), 1, "one message, not one per country");
    let shown = c.problems[0].to_string();
    assert!(
        shown.starts_with("events.toml:11:")
            && shown.contains("`crowded`")
            && shown.contains("100000 countries"),
        "{shown}"
    );
    // the same in JSON, and for the other lists
    let many = vec!["x"; MAX_LIST_ITEMS + 1];
    let json = serde_json::json!([
        {"id": "a", "date": "2016", "title": "A", "countries": vec!["ZZ"; 100_000]},
        {"id": "b", "date": "2016", "title": "B", "tags": many},
        {"id": "c", "date": "2016", "title": "C", "aliases": vec!["x"; MAX_LIST_ITEMS]},
    ]);
    let c = catalog::parse(Path::new("e.json"), &json.to_string(), &g).unwrap();
    let msgs: Vec<String> = c.problems.iter().map(|p| p.to_string()).collect();
    assert_eq!(msgs.len(), 2, "{msgs:?}");
    assert!(msgs[0].contains("`a`: 100000 countries"), "{msgs:?}");
    assert!(msgs[1].contains("`b`: 1001 tags"), "{msgs:?}");
    assert_eq!(c.events.len(), 1, "the list at the limit is fine");
    let toml_many = format!(
        "[[event]]\nid = \"t\"\ndate = \"2016\"\ntitle = \"T\"\nactors = [{}]\n",
        vec!["\"A\""; MAX_LIST_ITEMS + 1].join(",")
    );
    let c = catalog::parse(Path::new("a.toml"), &toml_many, &g).unwrap();
    assert!(c.events.is_empty());
    assert!(c.problems[0].to_string().starts_with("a.toml:5:"));
}

#[test]
fn a_catalog_with_a_problem_in_every_event_is_reported_line_by_line() {
    // Each problem's line was once counted from the top of the file.
    let n = 50_000;
    let mut text = String::new();
    for i in 0..n {
        text.push_str(&format!(
            "[[event]]\nid = \"e{i}\"\ndate = \"2016-13\"\ntitle = \"T\"\n"
        ));
    }
    let c = catalog::parse(Path::new("many.toml"), &text, &gazetteer()).unwrap();
    assert_eq!(c.problems.len(), n);
    let last = c.problems.last().unwrap().to_string();
    assert!(
        last.starts_with(&format!("many.toml:{}:", 4 * n - 1)),
        "{last}"
    );
}

#[test]
fn long_fields_and_long_queries_are_matched() {
    use annals::filter::{MAX_QUERY_WORDS, Query};
    // a title of two megabytes, and a query word that matches it at the end
    let title = "ab ".repeat(700_000) + "coup attempt";
    let q = Query::parse("coup");
    let marks = q.highlights(&title);
    assert_eq!(marks.len(), 4);
    assert!(marks.iter().all(|&i| i < title.chars().count()));
    // a pasted page as a query: its words count once, up to the limit
    let q = Query::parse(&"the coup ".repeat(1_000_000));
    assert_eq!(q.words().collect::<Vec<_>>(), ["the", "coup"]);
    let many: String = (0..10_000).map(|i| format!("w{i} ")).collect();
    assert_eq!(Query::parse(&many).words().count(), MAX_QUERY_WORDS);
}

#[test]
fn devices_and_endless_files_are_read_only_up_to_the_limit() {
    let zero = Path::new("/dev/zero");
    if !zero.exists() {
        skip::missing("no /dev/zero here");
        return;
    }
    // its stated size is 0, and reading it never ends
    let err = annals::diag::read_capped(zero, 1 << 20, "the catalog").unwrap_err();
    assert!(
        err.to_string()
            .starts_with("/dev/zero: the catalog holds more than the limit of 1 MiB"),
        "{err}"
    );
    let loaded = loader::load(&Sources {
        events: Some(PathBuf::from("events.toml")),
        articles: vec![zero.to_path_buf()],
        countries: Some(PathBuf::from("assets/countries.toml")),
        ..Default::default()
    })
    .expect("the rest loads");
    assert_eq!(loaded.stats.articles, 0);
    let shown = loaded.problems[0].to_string();
    assert!(
        shown.starts_with("/dev/zero:1:1: warning:") && shown.contains("skipped"),
        "{shown}"
    );
}

#[test]
fn extract_from_an_endless_stdin_stops_at_the_line_limit() {
    let zero = Path::new("/dev/zero");
    if !zero.exists() {
        skip::missing("no /dev/zero here");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let out = spawn::annals_command()
        .current_dir(dir.path())
        .args(["extract", "--stdin"])
        .stdin(std::fs::File::open(zero).unwrap())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.starts_with("<stdin>:1:1: error: the line is longer than"),
        "{stderr}"
    );
    // and a line that is not UTF-8 is named, not a crash
    let mut child = spawn::annals_command()
        .current_dir(dir.path())
        .args(["extract", "--stdin"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    {
        use std::io::Write;
        let mut stdin = child.stdin.take().unwrap();
        stdin
            .write_all(b"{\"id\":\"a\",\"text\":\"On 15 July 2016.\"}\n{\"id\":\"\xff\"}\n")
            .unwrap();
    }
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(1), "a bad line is skipped");
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.contains("<stdin>:2:1: error: the line is not valid UTF-8"),
        "{stderr}"
    );
}

#[test]
fn dates_reckoned_past_the_first_or_last_year_are_not_made() {
    use annals::model::DateValue;
    // "last week" from 1 January of the year 1 was week 52 of the year 0,
    // and "next decade" from 9999 the decade 1000, which prints as the year 1000
    for (reference, text) in [
        ("0001-01-01", "It happened last week."),
        ("9999-12-31", "It will happen next week."),
        ("9999-12-31", "The next decade will be fine."),
        ("9999-12", "It happens next quarter."),
        ("0001", "They met last decade."),
    ] {
        let r: DateValue = reference.parse().unwrap();
        for m in annals::extract::extract_text(text, Some(r)) {
            if let Some(d) = m.value.date() {
                assert_eq!(d.to_string().parse::<DateValue>(), Ok(d), "{text}");
            }
        }
    }
    let r: DateValue = "2016-07-15".parse().unwrap();
    let found = annals::extract::extract_text("It happened last week.", Some(r));
    assert_eq!(found[0].value.to_string(), "2016-W27");
}
