//! End to end: the real binary in a real terminal (tmux). Types a search,
//! picks a country, marks events, quits, and checks the exit status and that
//! the terminal left the alternate screen. Skips, saying so, without tmux.

mod tmux_support;

use std::path::Path;
use std::process::Command;
use std::time::Duration;

use tmux_support::{Tmux, annals_bin, explorer_on_fixtures, quote, skip_without_tmux};

#[test]
fn search_pick_a_country_mark_and_quit_in_a_real_terminal() {
    if skip_without_tmux() {
        return;
    }
    let dir = tempfile::tempdir().expect("temp dir");
    let exit_file = dir.path().join("exit");
    let script = format!(
        "{}; echo \"EXIT=$?\" > {}; echo annals-finished; exec sleep 600",
        explorer_on_fixtures(),
        quote(&exit_file),
    );
    let t = Tmux::start("explorer", (120, 40), None, &script);
    // on a busy machine the loading screen may come first: wait for the data
    let screen = t.wait_for("18 of 18 events");
    assert!(screen.contains("Timeline"), "{screen}");
    assert_eq!(
        t.alternate_on(),
        "1",
        "the explorer draws on the alternate screen"
    );

    // search as you type
    t.keys(&["/"]);
    t.literal("coup");
    // the whole frame, not a capture taken while tmux was still taking in
    // its rows (the header can be new and the list old)
    let screen = t.wait("the search's result", |s| {
        s.contains("matching “coup”")
            && s.contains("2 of 18 events")
            && !s.contains("Council of Europe")
    });
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
    if skip_without_tmux() {
        return;
    }
    let dir = tempfile::tempdir().expect("temp dir");
    let exit_file = dir.path().join("exit");
    let pid_file = dir.path().join("pid");
    // the shell records the explorer's pid, waits for it, and reports
    let script = format!(
        "{} < /dev/tty & echo $! > {}; wait $!; echo \"EXIT=$?\" > {}; stty -a | grep -o -- '-icanon' > {}.mode; echo annals-finished; exec sleep 600",
        explorer_on_fixtures(),
        quote(&pid_file),
        quote(&exit_file),
        quote(&exit_file),
    );
    let t = Tmux::start("term", (100, 30), None, &script);
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
    if skip_without_tmux() {
        return;
    }
    let dir = tempfile::tempdir().expect("temp dir");
    let bad = dir.path().join("events.toml");
    std::fs::write(&bad, "[[event]]\nid = \n").unwrap();
    let exit_file = dir.path().join("exit");
    let script = format!(
        "{} --events {}; echo \"EXIT=$?\" > {}; echo annals-finished; exec sleep 600",
        quote(&annals_bin()),
        quote(&bad),
        quote(&exit_file),
    );
    let t = Tmux::start("bad", (100, 30), None, &script);
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
    if skip_without_tmux() {
        return;
    }
    if !Path::new("/proc/self/stat").exists() {
        tmux_support::skip::missing("no /proc here to watch the process with");
        return;
    }
    let dir = tempfile::tempdir().expect("temp dir");
    let pid_file = dir.path().join("pid");
    let script = format!(
        "{} < /dev/tty & echo $! > {}; wait $!",
        explorer_on_fixtures(),
        quote(&pid_file),
    );
    let t = Tmux::start("gone", (100, 30), None, &script);
    t.wait_for("Timeline");
    let pid = std::fs::read_to_string(&pid_file).expect("pid");
    let pid = pid.trim();
    assert!(
        process_state(pid).is_some_and(|s| s != 'Z'),
        "the explorer runs"
    );
    // the terminal disappears: its tmux server and window are gone at once
    t.kill();
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

#[test]
fn a_cache_that_cannot_be_used_is_a_warning_in_the_status_line() {
    if skip_without_tmux() {
        return;
    }
    let dir = tempfile::tempdir().expect("temp dir");
    // a file where the cache folder's parent should be: no cache this time
    let blocked = dir.path().join("blocked");
    std::fs::write(&blocked, "a file").unwrap();
    let exit_file = dir.path().join("exit");
    let script = format!(
        "XDG_CACHE_HOME={} {}; echo \"EXIT=$?\" > {}; echo annals-finished; exec sleep 600",
        quote(&blocked),
        explorer_on_fixtures(),
        quote(&exit_file),
    );
    let t = Tmux::start("cachewarn", (220, 30), None, &script);
    let screen = t.wait("the data and the warning", |s| {
        s.contains("18 of 18 events") && s.contains("warning: the cache folder")
    });
    assert!(screen.contains("cannot be used"), "{screen}");
    assert!(!screen.contains("problem"), "{screen}");
    t.keys(&["q"]);
    let screen = t.wait_for("annals-finished");
    // not a data problem: nothing is printed about problems on quitting
    assert!(!screen.contains("problem"), "{screen}");
    assert_eq!(
        std::fs::read_to_string(&exit_file).unwrap().trim(),
        "EXIT=0"
    );
}
