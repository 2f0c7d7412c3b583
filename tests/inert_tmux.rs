//! In a real terminal (tmux): `annals list` and `annals extract` over an
//! article and a catalog full of escape sequences leave the screen and the
//! window title as they were. A control run first shows that this terminal
//! does obey the sequences when they are printed raw, so the check can fail.
//! Skips, saying so, without tmux.

mod tmux_support;

use std::path::Path;

use tmux_support::{Tmux, skip_without_tmux};

const ESCAPES: &str = "\u{1b}[2J\u{1b}[H\u{1b}]0;pwned\u{7}\u{1b}]2;pwned2\u{1b}\\\u{1b}]8;;http://evil.example/\u{1b}\\link\u{1b}]8;;\u{1b}\\\u{1b}[31mred\u{1b}[0m\u{9b}2J\u{202e}";

/// A shell in a tmux pane in `dir`, its title set to "before".
fn shell(name: &str, dir: &Path) -> Tmux {
    let t = Tmux::start(name, (200, 100), Some(dir), "env PS1='$ ' sh");
    t.run(&["select-pane", "-t", &t.session, "-T", "before"]);
    // keys typed before the first prompt are echoed ahead of it, and the
    // output then shares a line with the prompt: wait for the shell
    t.wait_up_to(300, "the first prompt", |s| {
        s.lines().any(|l| l.trim() == "$")
    });
    t
}

/// Types `line` and waits for a screen line that is exactly `done`. The
/// command should print `done` from a quoted form (`echo x-\"done\"`), so
/// that the echo of the typed command, wrapped at the pane's width, can never
/// show it alone on a line.
fn type_and_wait(t: &Tmux, line: &str, done: &str) -> String {
    t.literal(line);
    t.keys(&["Enter"]);
    t.wait_up_to(300, done, |s| s.lines().any(|l| l.trim() == done))
}

#[test]
fn list_and_extract_leave_the_screen_and_title_alone() {
    if skip_without_tmux() {
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
    let control = shell("control", root);
    type_and_wait(
        &control,
        "cat raw.txt; echo control-\"done\"",
        "control-done",
    );
    let obeyed_title = control.show("#{pane_title}") != "before";
    let obeyed_colour = control.capture(true).contains("\u{1b}[31m");
    assert!(
        obeyed_title || obeyed_colour,
        "this tmux obeys neither the title nor the colour: the test could not fail"
    );
    drop(control);
    println!("this tmux obeys: the title {obeyed_title}, colours {obeyed_colour}");

    let t = shell("annals", root);
    let bin = env!("CARGO_BIN_EXE_annals");
    type_and_wait(&t, "echo first-line", "first-line");
    let screen = type_and_wait(
        &t,
        &format!(
            "COLUMNS=200 {bin} --events events.toml --articles articles list; \
             {bin} --events events.toml --articles articles extract | head -c 600; echo; \
             echo annals-\"done\""
        ),
        "annals-done",
    );
    // nothing cleared the screen: what was there before is still there
    assert!(screen.contains("first-line"), "{screen}");
    assert!(screen.contains("Coup \\u{1b}[2J"), "{screen}");
    if obeyed_title {
        assert_eq!(
            t.show("#{pane_title}"),
            "before",
            "the window title was changed"
        );
    }
    if obeyed_colour {
        let coloured = t.capture(true);
        assert!(
            !coloured.contains('\u{1b}'),
            "the screen holds colours or other attributes:\n{coloured}"
        );
    }
}
