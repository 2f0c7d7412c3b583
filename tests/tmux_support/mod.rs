//! A tmux server of a test's own, to run annals in a real terminal and read
//! the screen back. Tests call `skip_without_tmux` first: without tmux they
//! say so and pass, and under CI they fail (`.ci/run` installs tmux).
#![allow(dead_code)]

#[path = "../skip/mod.rs"]
pub mod skip;
#[path = "../spawn/mod.rs"]
pub mod spawn;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::Duration;

pub struct Tmux {
    socket: String,
    pub session: String,
}

impl Tmux {
    /// A server on a socket named after `name` and this process, with one
    /// session running `command` (run by sh) in a `width` x `height` pane,
    /// in `dir` when given.
    pub fn start(
        name: &str,
        (width, height): (u16, u16),
        dir: Option<&Path>,
        command: &str,
    ) -> Tmux {
        let t = Tmux {
            socket: format!("annals-test-{name}-{}", std::process::id()),
            session: "s".into(),
        };
        let (w, h) = (width.to_string(), height.to_string());
        let mut args = vec!["new-session", "-d", "-s", "s", "-x", &w, "-y", &h];
        let dir = dir.map(|d| d.display().to_string());
        if let Some(d) = &dir {
            args.extend(["-c", d]);
        }
        args.extend(["sh", "-c", command]);
        let out = t.run(&args);
        assert!(
            out.status.success(),
            "tmux new-session: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        t
    }

    pub fn run(&self, args: &[&str]) -> Output {
        spawn::runner("tmux")
            .args(["-L", &self.socket, "-f", "/dev/null"])
            .args(args)
            .output()
            .expect("run tmux")
    }

    /// The pane's text; with `styles`, with its colour escapes.
    pub fn capture(&self, styles: bool) -> String {
        let mut args = vec!["capture-pane", "-p", "-t", &self.session];
        if styles {
            args.push("-e");
        }
        String::from_utf8_lossy(&self.run(&args).stdout).into_owned()
    }

    /// A tmux format about the pane (`#{alternate_on}`, `#{pane_title}`).
    pub fn show(&self, format: &str) -> String {
        let out = self.run(&["display-message", "-p", "-t", &self.session, format]);
        String::from_utf8_lossy(&out.stdout).trim().to_string()
    }

    pub fn alternate_on(&self) -> String {
        self.show("#{alternate_on}")
    }

    /// Sends tmux key names (`Enter`, `Escape`, `Space`, `c`).
    pub fn keys(&self, keys: &[&str]) {
        for k in keys {
            self.run(&["send-keys", "-t", &self.session, k]);
        }
    }

    pub fn literal(&self, text: &str) {
        self.run(&["send-keys", "-t", &self.session, "-l", text]);
    }

    /// Polls the screen until `ok` holds, for at most `tenths` tenths of a
    /// second.
    pub fn wait_up_to(&self, tenths: usize, what: &str, ok: impl Fn(&str) -> bool) -> String {
        let mut last = String::new();
        for _ in 0..tenths {
            last = self.capture(false);
            if ok(&last) {
                return last;
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        panic!("timed out waiting for {what}; the screen was:\n{last}");
    }

    pub fn wait(&self, what: &str, ok: impl Fn(&str) -> bool) -> String {
        self.wait_up_to(150, what, ok)
    }

    pub fn wait_for(&self, needle: &str) -> String {
        self.wait(needle, |s| s.contains(needle))
    }

    /// Ends the server and with it the pane's terminal.
    pub fn kill(&self) {
        let _ = self.run(&["kill-server"]);
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        self.kill();
    }
}

/// True, having said so, when tmux is missing.
pub fn skip_without_tmux() -> bool {
    let there = Command::new("tmux")
        .arg("-V")
        .output()
        .is_ok_and(|o| o.status.success());
    if !there {
        skip::missing("tmux is not installed (`.ci/run` installs it: apt-get install tmux)");
    }
    !there
}

/// A path quoted for sh.
pub fn quote(p: &Path) -> String {
    format!("'{}'", p.display().to_string().replace('\'', r"'\''"))
}

pub fn annals_bin() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_annals"))
}

/// The command line that opens the explorer on the explorer tests' fixtures.
pub fn explorer_on_fixtures() -> String {
    let fixtures = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/tui");
    format!(
        "{} --events {} --articles {} --countries {}",
        quote(&annals_bin()),
        quote(&fixtures.join("events.toml")),
        quote(&fixtures.join("articles")),
        quote(&fixtures.join("countries.toml")),
    )
}
