//! A test that cannot run must not pass silently under CI: `skip::missing`
//! fails when `CI` is set and says why it skips otherwise, and no test skips
//! by printing its own message and returning.

mod skip;

use std::path::Path;
use std::process::Command;

/// Run only by the test below, in a child process.
#[test]
fn probe_a_missing_tool() {
    if std::env::var_os("ANNALS_SKIP_PROBE").is_none() {
        return;
    }
    skip::missing("a tool this probe pretends is missing");
}

fn probe(ci: Option<&str>) -> std::process::Output {
    let mut cmd = Command::new(std::env::current_exe().expect("the test binary"));
    cmd.args(["probe_a_missing_tool", "--exact", "--test-threads", "1"])
        .env("ANNALS_SKIP_PROBE", "1")
        .env_remove("CI");
    if let Some(v) = ci {
        cmd.env("CI", v);
    }
    cmd.output().expect("the test binary runs")
}

#[test]
fn a_missing_tool_fails_under_ci_and_is_named_locally() {
    let o = probe(Some("true"));
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(!o.status.success(), "CI=true: the probe must fail\n{out}");
    assert!(
        out.contains("may not skip: a tool this probe pretends is missing"),
        "{out}"
    );
    let o = probe(None);
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(o.status.success(), "{err}");
    assert!(
        err.contains("SKIPPED probe_a_missing_tool: a tool this probe pretends is missing"),
        "said on standard error, which cargo test does not capture: {err}"
    );
    assert!(probe(Some("false")).status.success());
}

/// Every `.rs` file under `dir`.
fn sources(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("tests folder").flatten() {
        let p = entry.path();
        if p.is_dir() {
            sources(&p, out);
        } else if p.extension().is_some_and(|e| e == "rs") {
            out.push(p);
        }
    }
}

#[test]
fn no_test_skips_by_printing_and_returning() {
    let tests = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests");
    let mut files = Vec::new();
    sources(&tests, &mut files);
    let mut offenders = Vec::new();
    for f in &files {
        let text = std::fs::read_to_string(f).expect("readable");
        for (n, line) in text.lines().enumerate() {
            let l = line.trim_start().to_lowercase();
            let prints = l.starts_with("println!(") || l.starts_with("eprintln!(");
            let next = text.lines().nth(n + 1).unwrap_or("").trim().to_lowercase();
            if prints && (l.contains("skip") || next.starts_with("\"skip")) {
                offenders.push(format!("{}:{}", f.display(), n + 1));
            }
        }
    }
    assert!(
        offenders.is_empty(),
        "skip through tests/skip (skip::missing or skip::not_here): {offenders:?}"
    );
}
