//! End to end: a catalog and an article full of escape sequences (clear the
//! screen, set the window title, hyperlinks, colours, bidirectional
//! overrides) opened in the explorer in a real terminal (tmux). The events
//! and their sources are shown, and the terminal is unchanged: the pane keeps
//! its title, nothing is red, the screen is not cleared, and the escapes show
//! as visible text. Skips, saying so, without tmux.

mod tmux_support;

use std::path::{Path, PathBuf};
use std::time::Duration;

use tmux_support::{Tmux, annals_bin, quote, skip_without_tmux};

/// Clear screen, home, set the window title, a hyperlink, red, a C1 CSI,
/// bidirectional overrides and isolates, DEL.
const HOSTILE: &str = "\u{1b}[2J\u{1b}[H\u{1b}]0;pwned\u{7}\u{1b}]2;pwned\u{1b}\\\u{1b}]8;;https://example.invalid/\u{1b}\\link\u{1b}]8;;\u{1b}\\ \u{1b}[31mred\u{1b}[0m \u{202e}desrever\u{202c} \u{2066}isolated\u{2069} \u{9b}2J \u{7f}";

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
    if skip_without_tmux() {
        return;
    }
    let fixtures = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/tui");
    let dir = tempfile::tempdir().expect("temp dir");
    let (events, articles) = write_data(dir.path());
    let go = dir.path().join("go");
    let exit_file = dir.path().join("exit");
    // the shell waits for `go` so the pane's title can be checked first
    let script = format!(
        "while [ ! -e {go} ]; do sleep 0.05; done; NO_COLOR=1 {} --events {} --articles {} --countries {}; echo \"EXIT=$?\" > {}; echo annals-finished; exec sleep 600",
        quote(&annals_bin()),
        quote(&events),
        quote(&articles),
        quote(&fixtures.join("countries.toml")),
        quote(&exit_file),
        go = quote(&go),
    );
    let t = Tmux::start("escapes", (160, 50), None, &script);
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
