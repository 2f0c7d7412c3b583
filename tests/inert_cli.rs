//! Text from data never reaches the terminal as control sequences: an article
//! and a catalog full of escape sequences go through the real binary, and what
//! it prints for people carries them only as visible escapes, while its JSON
//! carries them escaped as JSON escapes characters.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Output, Stdio};

/// Characters that must not be printed raw: C0 controls but newline and tab,
/// DEL and the C1 controls, and the bidirectional overrides and isolates.
fn dangerous(c: char) -> bool {
    (c < ' ' && c != '\n' && c != '\t')
        || ('\u{7f}'..='\u{9f}').contains(&c)
        || ('\u{202a}'..='\u{202e}').contains(&c)
        || ('\u{2066}'..='\u{2069}').contains(&c)
}

fn assert_inert(what: &str, s: &str) {
    if let Some((i, c)) = s.char_indices().find(|&(_, c)| dangerous(c)) {
        let from = s[..i].char_indices().rev().nth(40).map_or(0, |(j, _)| j);
        panic!(
            "{what} carries a raw U+{:04X} after {:?}",
            c as u32,
            &s[from..i]
        );
    }
}

const ESCAPES: &str = "\u{1b}[2J\u{1b}[H\u{1b}]0;pwned\u{7}\u{1b}]8;;http://evil.example/\u{1b}\\link\u{1b}]8;;\u{1b}\\\u{1b}[31m\u{9b}1;31m\u{202e}\u{2066}\u{7f}\r";

struct Fixture {
    _dir: tempfile::TempDir,
    root: PathBuf,
    events: PathBuf,
    articles: PathBuf,
}

fn fixture() -> Fixture {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().to_path_buf();
    let articles = root.join("articles");
    std::fs::create_dir(&articles).unwrap();
    // TOML writes control characters as \u escapes in its strings
    let toml_escapes: String = ESCAPES
        .chars()
        .map(|c| {
            if c.is_control() || dangerous(c) {
                format!("\\u{:04X}", c as u32)
            } else if c == '\\' || c == '"' {
                format!("\\{c}")
            } else {
                c.to_string()
            }
        })
        .collect();
    let article = format!(
        "+++\ntitle = \"Pwned {t}\"\nsource = \"Outlet {t}\"\n+++\n\
         By a reporter.\nAnkara.\nA first paragraph of prose.\nAnd a second one.\n\
         On 15 July 2016 {e} a coup was attempted in Turkey.\n\
         The {e} link was shown on 16 July 2016.\n\
         Red {e} text on 17 July 2016, in Ankara.\n\
         Reversed \u{202e}txet on 18 July 2016 and \u{2066}isolated\u{2069} too.\n\
         A bare {e} line.\n",
        t = toml_escapes,
        e = ESCAPES
    );
    // the file name itself carries an escape sequence
    std::fs::write(articles.join("pwned\u{1b}]0;title\u{7}.txt"), article).unwrap();
    let events = root.join("events\u{1b}[2J.toml");
    std::fs::write(
        &events,
        format!(
            "[[event]]\nid = \"coup\"\ndate = \"2016-07-15\"\ntitle = \"Coup {t}\"\n\
             summary = \"Summary {t}\"\ncountries = [\"TR\"]\nactors = [\"Actor {t}\"]\n\
             tags = [\"tag{t}\"]\naliases = [\"coup attempt\"]\n\n\
             [[event]]\nid = \"bad{t}\"\ndate = \"2016\"\ntitle = \"Bad\"\ncountries = [\"Z{t}\"]\n",
            t = toml_escapes
        ),
    )
    .unwrap();
    Fixture {
        _dir: dir,
        root,
        events,
        articles,
    }
}

fn annals(cwd: &Path, args: &[&std::ffi::OsStr], stdin: Option<&str>) -> Output {
    common::annals_fed(cwd, args, stdin, 120)
}

fn run(f: &Fixture, args: &[&str]) -> (Output, String, String) {
    let mut all: Vec<&std::ffi::OsStr> = vec![
        "--events".as_ref(),
        f.events.as_os_str(),
        "--articles".as_ref(),
        f.articles.as_os_str(),
    ];
    all.extend(args.iter().map(|a| std::ffi::OsStr::new(*a)));
    let out = annals(&f.root, &all, None);
    let stdout = String::from_utf8(out.stdout.clone()).expect("stdout is UTF-8");
    let stderr = String::from_utf8(out.stderr.clone()).expect("stderr is UTF-8");
    (out, stdout, stderr)
}

#[test]
fn list_table_shows_escapes_as_text() {
    let f = fixture();
    let (out, stdout, stderr) = run(&f, &["list"]);
    assert!(out.status.success(), "{stderr}");
    assert_inert("list stdout", &stdout);
    assert_inert("list stderr", &stderr);
    assert!(stdout.contains("Coup \\u{1b}[2J"), "{stdout}");
    // extracted events quote the article's sentences, escapes shown as text
    assert!(stdout.contains("~ "), "{stdout}");
    // the catalog's bad event is reported with its escapes visible
    assert!(
        stderr.contains("unknown country code `Z\\u{1b}[2J"),
        "{stderr}"
    );
    assert!(stderr.contains("events\\u{1b}[2J.toml:"), "{stderr}");
}

#[test]
fn list_json_carries_the_text_escaped() {
    let f = fixture();
    let (out, stdout, stderr) = run(&f, &["list", "--format", "json"]);
    assert!(out.status.success(), "{stderr}");
    assert_inert("list json stdout", &stdout);
    assert_inert("list json stderr", &stderr);
    let v: serde_json::Value = serde_json::from_str(&stdout).expect("valid JSON");
    let events = v.as_array().unwrap();
    let coup = events.iter().find(|e| e["id"] == "coup").unwrap();
    assert_eq!(coup["title"], format!("Coup {ESCAPES}"));
    assert_eq!(coup["summary"], format!("Summary {ESCAPES}"));
    // the article's sentences, as sources, come back exactly
    let sentences: Vec<&str> = events
        .iter()
        .flat_map(|e| e["sources"].as_array().unwrap())
        .filter_map(|s| s["sentence"].as_str())
        .collect();
    assert!(
        sentences.iter().any(|s| s.contains(ESCAPES)),
        "{sentences:?}"
    );
    assert!(sentences.iter().any(|s| s.contains('\u{202e}')));
}

#[test]
fn extract_json_lines_carry_the_text_escaped() {
    let f = fixture();
    for format in ["jsonl", "json"] {
        let (out, stdout, stderr) = run(&f, &["extract", "--format", format]);
        assert!(out.status.success(), "{stderr}");
        assert_inert("extract stdout", &stdout);
        assert_inert("extract stderr", &stderr);
        let records: Vec<serde_json::Value> = if format == "jsonl" {
            stdout
                .lines()
                .map(|l| serde_json::from_str(l).expect("each line is JSON"))
                .collect()
        } else {
            serde_json::from_str(&stdout).expect("valid JSON")
        };
        assert!(records.len() >= 4, "{stdout}");
        assert!(
            records
                .iter()
                .all(|r| r["file"] == "pwned\u{1b}]0;title\u{7}.txt")
        );
        assert!(
            records
                .iter()
                .any(|r| r["sentence"].as_str().unwrap().contains(ESCAPES))
        );
    }
}

#[test]
fn extract_from_stdin_keeps_errors_and_output_inert() {
    let f = fixture();
    let input = format!(
        "{}\n{}\n",
        serde_json::json!({"id": format!("id{ESCAPES}"), "published": format!("2016{ESCAPES}"), "text": format!("On 15 July 2016 {ESCAPES} it fell.")}),
        "{\"id\": \"x\", \"text\": \"\u{1b}[2J\"",
    );
    let args: Vec<&std::ffi::OsStr> = vec![
        "--events".as_ref(),
        f.events.as_os_str(),
        "extract".as_ref(),
        "--stdin".as_ref(),
    ];
    let out = annals(&f.root, &args, Some(&input));
    let stdout = String::from_utf8(out.stdout).unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_inert("extract --stdin stdout", &stdout);
    assert_inert("extract --stdin stderr", &stderr);
    assert!(stderr.contains("published: `2016\\u{1b}[2J"), "{stderr}");
    assert!(stderr.contains("<stdin>:2:"), "{stderr}");
}

#[test]
fn check_reports_problems_inertly() {
    let f = fixture();
    let (out, stdout, stderr) = run(&f, &["check"]);
    assert_eq!(out.status.code(), Some(1), "the bad event fails the check");
    assert_inert("check stdout", &stdout);
    assert_inert("check stderr", &stderr);
    assert!(stderr.contains("\\u{1b}"), "{stderr}");
}

#[test]
fn errors_quoting_files_and_arguments_are_inert() {
    let f = fixture();
    // a catalog that is not there, by a name full of escapes
    let missing = f.root.join(format!("gone{ESCAPES}.toml"));
    let out = annals(
        &f.root,
        &["--events".as_ref(), missing.as_os_str(), "list".as_ref()],
        None,
    );
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert_inert("missing catalog", &stderr);
    assert!(stderr.contains("gone\\u{1b}[2J"), "{stderr}");
    // a broken catalog whose bad line holds escapes
    let broken = f.root.join("broken.toml");
    std::fs::write(&broken, format!("[[event]]\nid = {ESCAPES}\n")).unwrap();
    let out = annals(
        &f.root,
        &["--events".as_ref(), broken.as_os_str(), "check".as_ref()],
        None,
    );
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_inert("broken catalog", &stderr);
    assert!(stderr.contains("broken.toml:2:"), "{stderr}");
    // a JSON catalog with a bad value quoted back
    let json = f.root.join("bad.json");
    std::fs::write(
        &json,
        serde_json::json!([{"id": "a", "date": format!("x{ESCAPES}"), "title": "t"}]).to_string(),
    )
    .unwrap();
    let out = annals(
        &f.root,
        &["--events".as_ref(), json.as_os_str(), "list".as_ref()],
        None,
    );
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_inert("bad JSON catalog", &stderr);
    assert!(stderr.contains("bad.json:1:"), "{stderr}");
    // a date argument full of escapes
    let out = annals(
        &f.root,
        &["list".as_ref(), "--from".as_ref(), ESCAPES.as_ref()],
        None,
    );
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(!out.status.success());
    assert_inert("bad --from", &stderr);
    assert!(stderr.contains("\\u{1b}[2J"), "{stderr}");
}

#[test]
fn a_huge_columns_value_does_not_pad_lines_without_end() {
    let dir = tempfile::tempdir().unwrap();
    let out = common::spawn::annals_command()
        .current_dir(dir.path())
        .args(["list"])
        .env("COLUMNS", "999999999999")
        .stdin(Stdio::null())
        .output()
        .unwrap();
    assert!(out.status.success());
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(stdout.lines().count() > 10);
    assert!(stdout.lines().all(|l| l.chars().count() <= 1000));
}
