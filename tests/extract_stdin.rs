//! `annals extract --stdin`: articles as JSON Lines in, mentions out, one
//! article at a time, as a pipeline (the Spark job) needs.

mod common;

use std::io::{BufRead, BufReader, Write};
use std::process::Stdio;
use std::sync::mpsc;
use std::time::Duration;

use common::{annals_fed, root, stderr, stdout};
use serde_json::Value;

fn lines(out: &str) -> Vec<Value> {
    out.lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .collect()
}

#[test]
fn each_line_is_answered_before_the_next_is_written() {
    let mut child = common::spawn::annals_command()
        .current_dir(root())
        .args(["extract", "--stdin"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let stdout = child.stdout.take().unwrap();
    let (tx, rx) = mpsc::channel();
    let reader = std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines() {
            let Ok(line) = line else { break };
            if tx.send(line).is_err() {
                break;
            }
        }
    });
    let first = r#"{"id": "one", "text": "The treaty was signed on 15 July 2016."}"#;
    writeln!(stdin, "{first}").unwrap();
    stdin.flush().unwrap();
    // the pipe stays open: the answer must come without the end of input.
    // The wait only keeps a broken build from hanging the suite; it is not
    // a speed target.
    let got = rx
        .recv_timeout(Duration::from_secs(120))
        .expect("the first article's mention comes while standard input is still open");
    let v: Value = serde_json::from_str(&got).unwrap();
    assert_eq!(
        (v["file"].as_str(), v["value"].as_str()),
        (Some("one"), Some("2016-07-15"))
    );
    writeln!(
        stdin,
        r#"{{"id": "two", "text": "They met in March 2019."}}"#
    )
    .unwrap();
    drop(stdin);
    let rest: Vec<String> = rx.iter().collect();
    reader.join().unwrap();
    assert!(child.wait().unwrap().success());
    let second: Vec<Value> = rest
        .iter()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert!(
        second
            .iter()
            .any(|v| v["file"] == "two" && v["value"] == "2019-03"),
        "{rest:?}"
    );
}

#[test]
fn a_bad_line_is_skipped_named_once_and_fails_at_the_end() {
    let input = concat!(
        r#"{"id": "a", "text": "It ended on 15 July 2016."}"#,
        "\n",
        r#"{"id": "b", "text": }"#,
        "\n",
        r#"{"id": "c", "text": "It began in March 2019."}"#,
        "\n",
    );
    let o = annals_fed(&root(), &["extract", "--stdin"], Some(input), 100);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let files: Vec<String> = lines(&stdout(&o))
        .iter()
        .map(|v| v["file"].as_str().unwrap().to_string())
        .collect();
    assert!(
        files.contains(&"a".to_string()) && files.contains(&"c".to_string()),
        "{files:?}"
    );
    let err = stderr(&o);
    assert!(err.starts_with("<stdin>:2:21: error: "), "{err}");
    assert!(!err.contains("at line"), "one line number, not two: {err}");
    assert_eq!(err.lines().count(), 1, "{err}");
}

#[test]
fn the_json_format_is_honoured_on_stdin() {
    let input = concat!(
        r#"{"id": "a", "text": "It ended on 15 July 2016."}"#,
        "\n",
        r#"{"id": "b", "text": "No dates here."}"#,
        "\n",
        r#"{"id": "c", "text": "It began in March 2019."}"#,
        "\n",
    );
    let o = annals_fed(
        &root(),
        &["extract", "--stdin", "--format", "json"],
        Some(input),
        100,
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let v: Value = serde_json::from_str(&stdout(&o)).expect("one JSON array");
    let values: Vec<&str> = v
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["value"].as_str().unwrap())
        .collect();
    assert_eq!(values, ["2016-07-15", "2019-03"]);
    // nothing found is an empty array, still JSON
    let o = annals_fed(
        &root(),
        &["extract", "--stdin", "--format", "json"],
        Some(""),
        100,
    );
    assert_eq!(stdout(&o), "[]\n");
}

#[test]
fn a_timestamp_dates_the_article_as_front_matter_does() {
    let input = concat!(
        r#"{"id": "w", "published": "2016-08-10T12:00:00Z", "text": "They met on Tuesday."}"#,
        "\n"
    );
    let o = annals_fed(&root(), &["extract", "--stdin"], Some(input), 100);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stderr(&o).is_empty(), "{}", stderr(&o));
    let found = lines(&stdout(&o));
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0]["value"], "2016-08-09");
}
