//! How tests start the annals binary: never with the cache folder of whoever
//! runs them. Every spawned annals gets `XDG_CACHE_HOME` pointed at a folder
//! under cargo's temporary folder for integration tests (inside `target/`),
//! so a test run neither reads nor fills the real `~/.cache/annals`. A test
//! about the cache itself sets its own folder over this one.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The `XDG_CACHE_HOME` of every annals a test starts.
pub fn cache_home() -> PathBuf {
    Path::new(env!("CARGO_TARGET_TMPDIR")).join("xdg-cache")
}

/// The annals binary, as a command with the tests' cache folder.
pub fn annals_command() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_annals"));
    c.env("XDG_CACHE_HOME", cache_home());
    c
}

/// Runs annals in `dir` with `args` and `--no-cache`, and gives what it did.
pub fn annals_uncached(dir: &Path, args: &[&str]) -> Output {
    annals_command()
        .current_dir(dir)
        .arg("--no-cache")
        .args(args)
        .output()
        .expect("run annals")
}

/// Another program that runs annals itself (tmux, spark-submit), as a command
/// whose children get the tests' cache folder.
pub fn runner(program: &str) -> Command {
    let mut c = Command::new(program);
    c.env("XDG_CACHE_HOME", cache_home());
    c
}
