//! Output that cannot be written: a reader that went away (a broken pipe) is
//! success, a full disk is a clean exit 1 with a message, and nothing panics.

mod common;
mod skip;

use std::fs::OpenOptions;
use std::os::unix::net::UnixStream;
use std::path::Path;
use std::process::{Output, Stdio};

use common::root;

/// One end of a connection whose other end is closed: writing to it fails
/// with a broken pipe, every time, with no race against a reader.
fn closed_pipe() -> Stdio {
    let (ours, theirs) = UnixStream::pair().unwrap();
    drop(ours);
    Stdio::from(std::os::fd::OwnedFd::from(theirs))
}

/// `/dev/full` opened for writing (never replaced), when this system has it.
fn full_disk() -> Option<Stdio> {
    let path = Path::new("/dev/full");
    match OpenOptions::new().write(true).open(path) {
        Ok(f) => Some(Stdio::from(f)),
        Err(e) => {
            skip::missing(&format!("/dev/full cannot be opened here: {e}"));
            None
        }
    }
}

fn run(args: &[&str], stdout: Stdio, stderr: Stdio) -> Output {
    common::spawn::annals_command()
        .current_dir(root())
        .args(args)
        .stdin(Stdio::null())
        .stdout(stdout)
        .stderr(stderr)
        .output()
        .unwrap()
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

#[test]
fn a_reader_that_goes_away_is_success() {
    for args in [&["check"][..], &["list"], &["export", "--format", "csv"]] {
        let o = run(args, closed_pipe(), Stdio::piped());
        assert_eq!(o.status.code(), Some(0), "{args:?}: {}", text(&o.stderr));
        assert!(o.stderr.is_empty(), "{args:?}: {}", text(&o.stderr));
    }
}

#[test]
fn a_full_disk_is_a_clean_exit_1() {
    for args in [
        &["check"][..],
        &["list"],
        &["list", "--format", "json"],
        &["extract"],
        &["export", "--format", "md"],
    ] {
        let Some(full) = full_disk() else { return };
        let o = run(args, full, Stdio::piped());
        let err = text(&o.stderr);
        assert_eq!(o.status.code(), Some(1), "{args:?}: {err}");
        assert!(!err.contains("panicked"), "{args:?}: {err}");
        assert!(
            err.contains("annals: cannot write to standard output: "),
            "{args:?}: {err}"
        );
    }
}

#[test]
fn messages_to_a_reader_that_went_away_do_not_stop_the_command() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("missing");
    let missing = missing.to_str().unwrap();
    // the problem goes to a closed pipe; the summary still comes out
    let o = run(
        &["--articles", missing, "check"],
        Stdio::piped(),
        closed_pipe(),
    );
    assert_ne!(o.status.code(), Some(101));
    assert!(
        text(&o.stdout).contains("1 error, 0 warnings\n"),
        "{}",
        text(&o.stdout)
    );
    // the file is written, and the word that says so goes nowhere quietly
    let target = dir.path().join("out.md");
    let o = run(
        &["export", "--format", "md", "-o", target.to_str().unwrap()],
        Stdio::piped(),
        closed_pipe(),
    );
    assert_eq!(o.status.code(), Some(0));
    assert!(std::fs::read_to_string(&target).unwrap().starts_with('#'));
}

#[test]
fn messages_lost_to_a_full_disk_fail_the_command() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("missing");
    let Some(full) = full_disk() else { return };
    let o = run(
        &["--articles", missing.to_str().unwrap(), "list"],
        Stdio::piped(),
        full,
    );
    assert_eq!(o.status.code(), Some(1));
    assert!(text(&o.stdout).contains("events ("));
}

#[test]
fn extract_stdin_stops_reading_once_its_reader_goes_away() {
    let mut child = common::spawn::annals_command()
        .current_dir(root())
        .args(["extract", "--stdin"])
        .stdin(Stdio::piped())
        .stdout(closed_pipe())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    {
        use std::io::Write;
        let mut stdin = child.stdin.take().unwrap();
        // it stops reading after the first answer: later writes may fail
        for _ in 0..3 {
            let _ = writeln!(stdin, r#"{{"id": "a", "text": "In March 2019."}}"#);
        }
    }
    let o = child.wait_with_output().unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
}
