//! End to end: a catalog and an article full of escape sequences (clear the
//! screen, set the window title, hyperlinks, colours, bidirectional
//! overrides) opened in the explorer in a real terminal (tmux). The events
//! and their sources are shown, and the terminal is unchanged: the pane keeps
//! its title, nothing is red, the screen is not cleared, and the escapes show
//! as visible text. Skips, saying so, without tmux.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::Duration;

/// Clear screen, home, set the window title, a hyperlink, red, a C1 CSI,
/// bidirectional overrides and isolates, DEL.
const HOSTILE: &str = "\u{1b}[2J\u{1b}[H\u{1b}]0;pwned\u{7}\u{1b}]2;pwned\u{1b}\\\u{1b}]8;;https://example.invalid/\u{1b}\\link\u{1b}]8;;\u{1b}\\ \u{1b}[31mred\u{1b}[0m \u{202e}desrever\u{202c} \u{2066}isolated\u{2069} \u{9b}2J \u{7f}";

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

    fn capture(&self, styles: bool) -> String {
        let mut args = vec!["capture-pane", "-p", "-t", &self.session];
        if styles {
            args.push("-e");
        }
        let out = self.run(&args);
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    fn show(&self, format: &str) -> String {
        let out = self.run(&["display-message", "-p", "-t", &self.session, format]);
        String::from_utf8_lossy(&out.stdout).trim().to_string()
    }

    fn keys(&self, keys: &[&str]) {
        for k in keys {
            self.run(&["send-keys", "-t", &self.session, k]);
        }
    }

    fn literal(&self, text: &str) {
        self.run(&["send-keys", "-t", &self.session, "-l", text]);
    }

    /// Polls until `ok` holds, a bounded number of times.
    fn wait(&self, what: &str, ok: impl Fn(&str) -> bool) -> String {
        let mut last = String::new();
        for _ in 0..150 {
            last = self.capture(false);
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

fn toml_str(s: &str) -> String {
    toml::Value::String(s.to_string()).to_string()
}

/// A catalog whose every text carries the escapes, and an article that
/// quotes them in the sentences that mention its events.
fn write_data(dir: &Path) -> (PathBuf, PathBuf) {
    let events = dir.join("events.toml");
    let mut catalog = String::new();
    for (id, date, name) in [
        ("hostile-summit", "2019-03-03", "Hostile summit"),
        ("hostile-treaty", "2019-06-01", "Hostile treaty"),
    ] {
        catalog.push_str(&format!(
            "[[event]]\nid = {}\ndate = \"{date}\"\ntitle = {}\nsummary = {}\ncountries = [\"TR\"]\nactors = [{}]\ntags = [{}]\naliases = [{}]\n\n",
            toml_str(id),
            toml_str(&format!("{name} {HOSTILE} title")),
            toml_str(&format!("Summary {HOSTILE} end.")),
            toml_str(&format!("Actor {HOSTILE}")),
            toml_str(&format!("tag{HOSTILE}")),
            toml_str(name),
        ));
    }
    std::fs::write(&events, catalog).expect("write the catalog");
    let articles = dir.join("articles");
    std::fs::create_dir(&articles).expect("articles folder");
    let article = format!(
        "+++\ntitle = {}\nsource = {}\npublished = \"2019-07-01\"\nkind = \"news\"\n+++\n\
         A report {HOSTILE}\n\n\
         The Hostile summit opened in Ankara on 3 March 2019 {HOSTILE} after long talks.\n\n\
         Officials said the Hostile treaty was signed on 1 June 2019 {HOSTILE} in Istanbul.\n",
        toml_str(&format!("Dispatch {HOSTILE}")),
        toml_str(&format!("Outlet {HOSTILE}")),
    );
    // a file name with escapes too (no slash: it would make a folder)
    let name = "evil\u{1b}]0;pwned\u{7}\u{1b}[2J\u{202e}.txt";
    std::fs::write(articles.join(name), article).expect("write the article");
    (events, articles)
}

#[test]
fn escape_sequences_in_the_data_never_reach_the_terminal() {
    if !tmux_available() {
        println!("SKIPPED: tmux is not installed (`.ci/run` installs it: apt-get install tmux)");
        return;
    }
    let bin = PathBuf::from(env!("CARGO_BIN_EXE_annals"));
    let fixtures = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/tui");
    let dir = tempfile::tempdir().expect("temp dir");
    let (events, articles) = write_data(dir.path());
    let go = dir.path().join("go");
    let exit_file = dir.path().join("exit");
    // the shell waits for `go` so the pane's title can be checked first
    let script = format!(
        "while [ ! -e {go} ]; do sleep 0.05; done; NO_COLOR=1 {} --events {} --articles {} --countries {}; echo \"EXIT=$?\" > {}; echo annals-finished; exec sleep 600",
        quote(&bin),
        quote(&events),
        quote(&articles),
        quote(&fixtures.join("countries.toml")),
        quote(&exit_file),
        go = quote(&go),
    );
    let t = Tmux {
        socket: format!("annals-escapes-{}", std::process::id()),
        session: "escapes".into(),
    };
    let started = t.run(&[
        "new-session",
        "-d",
        "-s",
        &t.session,
        "-x",
        "160",
        "-y",
        "50",
        "sh",
        "-c",
        &script,
    ]);
    assert!(
        started.status.success(),
        "tmux new-session: {}",
        String::from_utf8_lossy(&started.stderr)
    );
    // this terminal obeys a program that sets the title: the check below
    // means something
    let tty = t.show("#{pane_tty}");
    std::fs::OpenOptions::new()
        .write(true)
        .open(&tty)
        .and_then(|mut f| std::io::Write::write_all(&mut f, b"\x1b]2;pwned\x1b\\"))
        .expect("write to the pane's terminal");
    let mut title = String::new();
    for _ in 0..50 {
        title = t.show("#{pane_title}");
        if title == "pwned" {
            break;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    assert_eq!(title, "pwned", "the terminal should honour a title escape");
    t.run(&["select-pane", "-t", &t.session, "-T", "known"]);
    assert_eq!(t.show("#{pane_title}"), "known");

    std::fs::write(&go, "").unwrap();
    let screen = t.wait_for("Timeline ·");
    assert!(screen.starts_with("annals"), "{screen}");

    // the events, their details and their source, with escapes visible
    t.keys(&["/"]);
    t.literal("hostile");
    t.keys(&["Enter"]);
    let screen = t.wait_for("matching “hostile”");
    assert!(screen.contains("Hostile summit \\u{1b}[2J"), "{screen}");
    assert!(screen.contains("\\u{202e}desrever"), "{screen}");
    for key in ["j", "k", "Tab", "G", "g"] {
        t.keys(&[key]);
        std::thread::sleep(Duration::from_millis(150));
        let screen = t.capture(false);
        assert!(screen.starts_with("annals"), "after {key}: {screen}");
        assert!(screen.contains("Detail"), "after {key}: {screen}");
    }
    // the detail pane has focus (Tab): scroll down to the source's quote
    for _ in 0..20 {
        t.keys(&["j"]);
    }
    let screen = t.wait_for("1. Dispatch");
    assert!(screen.contains("Outlet"), "{screen}");
    assert!(
        screen.contains("“The Hostile summit opened in Ankara"),
        "{screen}"
    );
    assert!(screen.starts_with("annals"), "{screen}");
    assert!(screen.contains("\\u{9b}2J"), "{screen}");
    // the tag picker lists the hostile tag
    t.keys(&["Escape", "Escape", "t"]);
    let screen = t.wait_for("Tags");
    assert!(screen.contains("tag\\u{1b}[2J"), "{screen}");
    t.keys(&["Escape"]);

    // nothing reached the terminal: same title, no red, no raw escapes
    assert_eq!(t.show("#{pane_title}"), "known");
    let styled = t.capture(true);
    assert!(
        !styled.contains("\u{1b}[31m"),
        "red came through: {styled:?}"
    );
    assert!(!styled.contains("\u{1b}]8;"), "a hyperlink came through");
    let plain = t.capture(false);
    assert!(!plain.contains('\u{202e}') && !plain.contains('\u{2066}'));
    assert!(plain.starts_with("annals"), "{plain}");

    t.keys(&["q"]);
    t.wait_for("annals-finished");
    assert_eq!(
        std::fs::read_to_string(&exit_file).unwrap().trim(),
        "EXIT=0"
    );
    assert_eq!(t.show("#{pane_title}"), "known");
}
