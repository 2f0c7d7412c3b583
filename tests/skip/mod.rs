//! How a test that cannot run here says so. Two kinds of reason:
//!
//! - [`missing`]: something CI provides and a developer's machine may lack: a
//!   program (tmux, Chromium, node and the npm packages of `tests/browser`) or
//!   a Linux device or `/proc` file. Locally the test says why it skips and
//!   passes; when the environment variable `CI` is set it FAILS, so a CI run
//!   never reports a test as passed that did not run.
//! - [`not_here`]: a condition no one machine can give every test at once (a
//!   test that needs root and one that needs a user root is not, data kept
//!   outside the repository): it skips everywhere, saying why.
//!
//! The reason is written straight to the terminal's standard error, which
//! `cargo test` does not capture, so it shows in a normal run.

#![allow(dead_code)]

use std::io::Write;

/// True when the environment variable `CI` is set (to anything but empty,
/// `0` or `false`).
pub fn in_ci() -> bool {
    std::env::var("CI").is_ok_and(|v| !matches!(v.trim(), "" | "0" | "false"))
}

/// The test cannot run because `why` is missing: fails under CI, else says
/// so. Call it, then return from the test.
pub fn missing(why: &str) {
    if in_ci() {
        panic!("CI is set, so this test may not skip: {why}");
    }
    say(why);
}

/// The test does not apply on this machine, for `why`: says so, and passes
/// even under CI.
pub fn not_here(why: &str) {
    say(why);
}

fn say(why: &str) {
    let name = std::thread::current()
        .name()
        .unwrap_or("a test")
        .to_string();
    let _ = writeln!(std::io::stderr(), "SKIPPED {name}: {why}");
}
