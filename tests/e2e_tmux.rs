//! End to end: the real binary in a real terminal (tmux). Types a search,
//! picks a country, marks events, quits, and checks the exit status and that
//! the terminal left the alternate screen. Skips, saying so, without tmux.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::Duration;

struct Tmux {
    socket: String,
    session: String,
}

impl Tmux {
    fn run(&self, args: &[&str]) -> Output {
        Command::new("tmux")
            .args(["-L", &self.socket, "-f", "/dev/null"])
            .args(args)
            .output()
            .expect("run tmux")
    }

    fn capture(&self) -> String {
        let out = self.run(&["capture-pane", "-p", "-t", &self.session]);
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    fn alternate_on(&self) -> String {
        let out = self.run(&[
            "display-message",
            "-p",
            "-t",
            &self.session,
            "#{alternate_on}",
        ]);
        String::from_utf8_lossy(&out.stdout).trim().to_string()
    }

    /// Sends tmux key names (`Enter`, `Escape`, `Space`, `c`).
    fn keys(&self, keys: &[&str]) {
        for k in keys {
            self.run(&["send-keys", "-t", &self.session, k]);
        }
    }

    fn literal(&self, text: &str) {
        self.run(&["send-keys", "-t", &self.session, "-l", text]);
    }

    /// Polls the screen until `ok` holds, a bounded number of times.
    fn wait(&self, what: &str, ok: impl Fn(&str) -> bool) -> String {
        let mut last = String::new();
        for _ in 0..150 {
            last = self.capture();
            if ok(&last) {
                return last;
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        panic!("timed out waiting for {what}; the screen was:\n{last}");
    }

    fn wait_for(&self, needle: &str) -> String {
        self.wait(needle, |s| s.contains(needle))
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = self.run(&["kill-server"]);
    }
}

fn tmux_available() -> bool {
    Command::new("tmux")
        .arg("-V")
        .output()
        .is_ok_and(|o| o.status.success())
}

fn quote(p: &Path) -> String {
    format!("'{}'", p.display().to_string().replace('\'', r"'\''"))
}

#[test]
fn search_pick_a_country_mark_and_quit_in_a_real_terminal() {
    if !tmux_available() {
        println!("SKIPPED: tmux is not installed (`.ci/run` installs it: apt-get install tmux)");
        return;
    }
    let bin = PathBuf::from(env!("CARGO_BIN_EXE_annals"));
    let fixtures = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/tui");
    let dir = tempfile::tempdir().expect("temp dir");
    let exit_file = dir.path().join("exit");
    let script = format!(
        "{} --events {} --articles {} --countries {}; echo \"EXIT=$?\" > {}; echo annals-finished; exec sleep 600",
        quote(&bin),
        quote(&fixtures.join("events.toml")),
        quote(&fixtures.join("articles")),
        quote(&fixtures.join("countries.toml")),
        quote(&exit_file),
    );
    let t = Tmux {
        socket: format!("annals-test-{}", std::process::id()),
        session: "explorer".into(),
    };
    let started = t.run(&[
        "new-session",
        "-d",
        "-s",
        &t.session,
        "-x",
        "120",
        "-y",
        "40",
        "sh",
        "-c",
        &script,
    ]);
    assert!(
        started.status.success(),
        "tmux new-session: {}",
        String::from_utf8_lossy(&started.stderr)
    );
    let screen = t.wait_for("Timeline");
    assert!(screen.contains("18 of 18 events"), "{screen}");
    assert_eq!(
        t.alternate_on(),
        "1",
        "the explorer draws on the alternate screen"
    );

    // search as you type
    t.keys(&["/"]);
    t.literal("coup");
    let screen = t.wait_for("matching “coup”");
    let screen = if screen.contains("2 of 18 events") {
        screen
    } else {
        t.wait_for("2 of 18 events")
    };
    assert!(screen.contains("Coup attempt in Turkey"), "{screen}");
    assert!(!screen.contains("Council of Europe"), "{screen}");
    t.keys(&["Escape"]);
    t.wait_for("18 of 18 events");

    // the country picker: type a name, Enter picks it, Esc closes
    t.keys(&["c"]);
    t.wait_for("Countries");
    t.literal("iran");
    t.wait_for("› iran");
    t.keys(&["Enter"]);
    let screen = t.wait_for("countries IR");
    assert!(screen.contains("5 of 18 events"), "{screen}");
    t.keys(&["Escape"]);
    let screen = t.wait("the picker to close", |s| !s.contains("› "));
    assert!(screen.contains("Astana talks on Syria begin"), "{screen}");
    assert!(!screen.contains("Coup attempt"), "{screen}");

    // mark two events
    t.keys(&["Space", "Space"]);
    let screen = t.wait_for("2 marked");
    assert_eq!(
        screen.matches('✓').count(),
        3,
        "two rows and the header:\n{screen}"
    );

    // quit
    t.keys(&["q"]);
    let screen = t.wait_for("annals-finished");
    assert!(
        !screen.contains("Timeline"),
        "the explorer's screen is gone:\n{screen}"
    );
    let exit = std::fs::read_to_string(&exit_file).expect("exit status written");
    assert_eq!(exit.trim(), "EXIT=0");
    assert_eq!(
        t.alternate_on(),
        "0",
        "the terminal left the alternate screen"
    );
}

#[test]
fn sigterm_restores_the_terminal() {
    if !tmux_available() {
        println!("SKIPPED: tmux is not installed (`.ci/run` installs it: apt-get install tmux)");
        return;
    }
    let bin = PathBuf::from(env!("CARGO_BIN_EXE_annals"));
    let fixtures = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/tui");
    let dir = tempfile::tempdir().expect("temp dir");
    let exit_file = dir.path().join("exit");
    let pid_file = dir.path().join("pid");
    // the shell records the explorer's pid, waits for it, and reports
    let script = format!(
        "{} --events {} --articles {} --countries {} < /dev/tty & echo $! > {}; wait $!; echo \"EXIT=$?\" > {}; stty -a | grep -o -- '-icanon' > {}.mode; echo annals-finished; exec sleep 600",
        quote(&bin),
        quote(&fixtures.join("events.toml")),
        quote(&fixtures.join("articles")),
        quote(&fixtures.join("countries.toml")),
        quote(&pid_file),
        quote(&exit_file),
        quote(&exit_file),
    );
    let t = Tmux {
        socket: format!("annals-test-term-{}", std::process::id()),
        session: "explorer".into(),
    };
    let started = t.run(&[
        "new-session",
        "-d",
        "-s",
        &t.session,
        "-x",
        "100",
        "-y",
        "30",
        "sh",
        "-c",
        &script,
    ]);
    assert!(started.status.success());
    // a background job cannot read the terminal in an interactive shell, but
    // `sh -c` runs without job control, so the explorer owns the terminal
    t.wait_for("Timeline");
    assert_eq!(t.alternate_on(), "1");
    let pid = std::fs::read_to_string(&pid_file).expect("pid");
    let killed = Command::new("kill")
        .args(["-TERM", pid.trim()])
        .status()
        .expect("kill");
    assert!(killed.success());
    t.wait_for("annals-finished");
    assert_eq!(t.alternate_on(), "0", "SIGTERM left the alternate screen");
    let exit = std::fs::read_to_string(&exit_file).expect("exit status");
    assert_eq!(exit.trim(), "EXIT=0", "a SIGTERM quits cleanly");
    // raw mode is undone: canonical mode is back on
    let mode = std::fs::read_to_string(format!("{}.mode", exit_file.display())).unwrap_or_default();
    assert!(
        mode.trim().is_empty(),
        "the terminal stayed in raw mode: {mode}"
    );
}

#[test]
fn a_load_error_prints_on_the_normal_screen_with_exit_2() {
    if !tmux_available() {
        println!("SKIPPED: tmux is not installed (`.ci/run` installs it: apt-get install tmux)");
        return;
    }
    let bin = PathBuf::from(env!("CARGO_BIN_EXE_annals"));
    let dir = tempfile::tempdir().expect("temp dir");
    let bad = dir.path().join("events.toml");
    std::fs::write(&bad, "[[event]]\nid = \n").unwrap();
    let exit_file = dir.path().join("exit");
    let script = format!(
        "{} --events {}; echo \"EXIT=$?\" > {}; echo annals-finished; exec sleep 600",
        quote(&bin),
        quote(&bad),
        quote(&exit_file),
    );
    let t = Tmux {
        socket: format!("annals-test-bad-{}", std::process::id()),
        session: "explorer".into(),
    };
    let started = t.run(&[
        "new-session",
        "-d",
        "-s",
        &t.session,
        "-x",
        "100",
        "-y",
        "30",
        "sh",
        "-c",
        &script,
    ]);
    assert!(started.status.success());
    let screen = t.wait_for("annals-finished");
    assert!(screen.contains("events.toml:2:"), "{screen}");
    assert!(!screen.contains("Timeline"), "{screen}");
    assert_eq!(
        std::fs::read_to_string(&exit_file).unwrap().trim(),
        "EXIT=2"
    );
    assert_eq!(t.alternate_on(), "0");
}

/// The state letter of process `pid` (`R`, `S`, `Z` for exited but not yet
/// reaped), or `None` once it is gone.
fn process_state(pid: &str) -> Option<char> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    // the state follows the command name, which is in parentheses
    stat.rsplit_once(") ")?.1.chars().next()
}

#[test]
fn the_explorer_exits_when_its_terminal_goes_away() {
    if !tmux_available() {
        println!("SKIPPED: tmux is not installed (`.ci/run` installs it: apt-get install tmux)");
        return;
    }
    if !Path::new("/proc/self/stat").exists() {
        println!("SKIPPED: no /proc here to watch the process with");
        return;
    }
    let bin = PathBuf::from(env!("CARGO_BIN_EXE_annals"));
    let fixtures = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/tui");
    let dir = tempfile::tempdir().expect("temp dir");
    let pid_file = dir.path().join("pid");
    let script = format!(
        "{} --events {} --articles {} --countries {} < /dev/tty & echo $! > {}; wait $!",
        quote(&bin),
        quote(&fixtures.join("events.toml")),
        quote(&fixtures.join("articles")),
        quote(&fixtures.join("countries.toml")),
        quote(&pid_file),
    );
    let t = Tmux {
        socket: format!("annals-test-gone-{}", std::process::id()),
        session: "explorer".into(),
    };
    let started = t.run(&[
        "new-session",
        "-d",
        "-s",
        &t.session,
        "-x",
        "100",
        "-y",
        "30",
        "sh",
        "-c",
        &script,
    ]);
    assert!(started.status.success());
    t.wait_for("Timeline");
    let pid = std::fs::read_to_string(&pid_file).expect("pid");
    let pid = pid.trim();
    assert!(
        process_state(pid).is_some_and(|s| s != 'Z'),
        "the explorer runs"
    );
    // the terminal disappears: its tmux server and window are gone at once
    t.run(&["kill-server"]);
    let mut state = process_state(pid);
    for _ in 0..100 {
        if state.is_none_or(|s| s == 'Z') {
            return;
        }
        std::thread::sleep(Duration::from_millis(100));
        state = process_state(pid);
    }
    // leave no spinning process behind, then fail
    let _ = Command::new("kill").args(["-KILL", pid]).status();
    panic!("the explorer still runs (state {state:?}) 10 s after its terminal went away");
}
