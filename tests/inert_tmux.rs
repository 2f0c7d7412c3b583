//! In a real terminal (tmux): `annals list` and `annals extract` over an
//! article and a catalog full of escape sequences leave the screen and the
//! window title as they were. A control run first shows that this terminal
//! does obey the sequences when they are printed raw, so the check can fail.
//! Skips, saying so, without tmux.

use std::path::Path;
use std::process::{Command, Output};
use std::time::Duration;

const ESCAPES: &str = "\u{1b}[2J\u{1b}[H\u{1b}]0;pwned\u{7}\u{1b}]2;pwned2\u{1b}\\\u{1b}]8;;http://evil.example/\u{1b}\\link\u{1b}]8;;\u{1b}\\\u{1b}[31mred\u{1b}[0m\u{9b}2J\u{202e}";

struct Tmux {
    socket: String,
    session: String,
}

impl Tmux {
    fn start(name: &str, dir: &Path) -> Tmux {
        let t = Tmux {
            socket: format!("annals-inert-{}-{name}", std::process::id()),
            session: "s".into(),
        };
        let out = t.run(&[
            "new-session",
            "-d",
            "-s",
            &t.session,
            "-x",
            "200",
            "-y",
            "100",
            "-c",
            dir.to_str().unwrap(),
            "env PS1='$ ' sh",
        ]);
        assert!(out.status.success(), "tmux starts: {out:?}");
        t.run(&["select-pane", "-t", &t.session, "-T", "before"]);
        t
    }

    fn run(&self, args: &[&str]) -> Output {
        Command::new("tmux")
            .args(["-L", &self.socket, "-f", "/dev/null"])
            .args(args)
            .output()
            .expect("run tmux")
    }

    fn capture(&self, colours: bool) -> String {
        let mut args = vec!["capture-pane", "-p", "-t", &self.session];
        if colours {
            args.push("-e");
        }
        String::from_utf8_lossy(&self.run(&args).stdout).into_owned()
    }

    fn title(&self) -> String {
        let out = self.run(&[
            "display-message",
            "-p",
            "-t",
            &self.session,
            "#{pane_title}",
        ]);
        String::from_utf8_lossy(&out.stdout).trim().to_string()
    }

    /// Types a command line and waits until `done` is on the screen.
    fn type_and_wait(&self, line: &str, done: &str) -> String {
        self.run(&["send-keys", "-t", &self.session, "-l", line]);
        self.run(&["send-keys", "-t", &self.session, "Enter"]);
        let mut last = String::new();
        for _ in 0..300 {
            last = self.capture(false);
            if last.lines().any(|l| l.trim() == done) {
                return last;
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        panic!("timed out waiting for {done}; the screen was:\n{last}");
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

#[test]
fn list_and_extract_leave_the_screen_and_title_alone() {
    if !tmux_available() {
        println!("skipping: tmux is not installed");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::create_dir(root.join("articles")).unwrap();
    std::fs::write(
        root.join("articles/escapes.txt"),
        format!(
            "By a reporter.\nAnkara.\nA first paragraph.\nA second one.\n\
             On 15 July 2016 {ESCAPES} a coup was attempted in Turkey.\n\
             Later, on 20 July 2016 {ESCAPES} a state of emergency began.\n"
        ),
    )
    .unwrap();
    let toml_escapes: String = ESCAPES
        .chars()
        .map(|c| match c {
            '\\' => "\\\\".to_string(),
            c if c.is_control() || ('\u{202a}'..='\u{202e}').contains(&c) => {
                format!("\\u{:04X}", c as u32)
            }
            c => c.to_string(),
        })
        .collect();
    std::fs::write(
        root.join("events.toml"),
        format!(
            "[[event]]\nid = \"coup\"\ndate = \"2016-07-15\"\ntitle = \"Coup {t}\"\n\
             countries = [\"TR\"]\n\n[[event]]\nid = \"bad\"\ndate = \"2016\"\n\
             title = \"Bad\"\ncountries = [\"Z{t}\"]\n",
            t = toml_escapes
        ),
    )
    .unwrap();
    std::fs::write(root.join("raw.txt"), format!("{ESCAPES}\n")).unwrap();

    // The control: printed raw, the sequences do set the title and colour
    // the screen here.
    let control = Tmux::start("control", root);
    control.type_and_wait("cat raw.txt; echo control-done", "control-done");
    let obeyed_title = control.title() != "before";
    let obeyed_colour = control.capture(true).contains("\u{1b}[31m");
    assert!(
        obeyed_title || obeyed_colour,
        "this tmux obeys neither the title nor the colour: the test could not fail"
    );
    drop(control);
    println!("this tmux obeys: the title {obeyed_title}, colours {obeyed_colour}");

    let t = Tmux::start("annals", root);
    let bin = env!("CARGO_BIN_EXE_annals");
    t.type_and_wait("echo first-line", "first-line");
    let screen = t.type_and_wait(
        &format!(
            "COLUMNS=200 {bin} --events events.toml --articles articles list; \
             {bin} --events events.toml --articles articles extract | head -c 600; echo; \
             echo annals-done"
        ),
        "annals-done",
    );
    // nothing cleared the screen: what was there before is still there
    assert!(screen.contains("first-line"), "{screen}");
    assert!(screen.contains("Coup \\u{1b}[2J"), "{screen}");
    if obeyed_title {
        assert_eq!(t.title(), "before", "the window title was changed");
    }
    if obeyed_colour {
        let coloured = t.capture(true);
        assert!(
            !coloured.contains('\u{1b}'),
            "the screen holds colours or other attributes:\n{coloured}"
        );
    }
}
