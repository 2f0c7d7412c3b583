//! Writing exports to files, from the core (`write_file`) and from the command
//! line (`annals export`): atomic writes, no silent overwrite, clear errors,
//! and the JSON round trip through annals itself.

mod common;
mod skip;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Output;

use annals::export::{self, ExportError, Format};

fn annals(dir: &Path, args: &[&str]) -> Output {
    common::spawn::annals_command()
        .args(args)
        .current_dir(dir)
        .env("COLUMNS", "100")
        .output()
        .expect("annals runs")
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).expect("utf-8")
}

fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).expect("utf-8")
}

/// The names in a folder, sorted.
fn names(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = fs::read_dir(dir)
        .expect("read_dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

// ---------------------------------------------------------------- core

#[test]
fn write_file_writes_and_returns_the_count() {
    let loaded = common::bundled();
    let t = &loaded.timeline;
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("two.json");
    let idx = common::selection(t);
    let two = &idx[..2];
    let n =
        export::write_file(t, two, Format::JSON, &path, false, "2 marked events").expect("written");
    assert_eq!(n, 2);
    let v: serde_json::Value = serde_json::from_str(&common::read(&path)).expect("json");
    let mut want: Vec<String> = two.iter().map(|&i| t.event(i).id.clone()).collect();
    want.sort_by_key(|id| t.index_of(id));
    let got: Vec<&str> = v
        .as_array()
        .expect("array")
        .iter()
        .map(|e| e["id"].as_str().expect("id"))
        .collect();
    assert_eq!(got, want, "exactly the two marked events");
    assert_eq!(names(dir.path()), ["two.json"], "no temporary file left");
}

#[test]
fn write_file_never_overwrites_without_force() {
    let loaded = common::bundled();
    let t = &loaded.timeline;
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("brief.md");
    fs::write(&path, "keep me").expect("write");
    let idx = common::selection(t);
    let err = export::write_file(t, &idx, Format::MD, &path, false, "x").unwrap_err();
    assert!(
        matches!(&err, ExportError::Exists(p) if p == &path),
        "{err}"
    );
    assert!(err.to_string().contains("already exists"));
    assert_eq!(common::read(&path), "keep me");
    let n = export::write_file(t, &idx, Format::MD, &path, true, "x").expect("forced");
    assert_eq!(n, idx.len());
    assert!(common::read(&path).starts_with("# Briefing: 7 events, x"));
    assert_eq!(names(dir.path()), ["brief.md"]);
}

#[test]
fn write_atomic_does_not_clobber_a_file_that_appears_meanwhile() {
    // check_target passes, then someone else creates the file: the hard link
    // that puts the export in place refuses to replace it.
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("race.csv");
    export::check_target(&path, false).expect("free");
    fs::write(&path, "theirs").expect("write");
    let err = export::write_atomic(&path, b"ours", false).unwrap_err();
    assert!(matches!(err, ExportError::Exists(_)), "{err}");
    assert_eq!(common::read(&path), "theirs");
    assert_eq!(names(dir.path()), ["race.csv"]);
}

#[test]
fn write_file_explains_bad_targets() {
    let loaded = common::bundled();
    let t = &loaded.timeline;
    let idx = common::selection(t);
    let dir = tempfile::tempdir().expect("tempdir");
    let missing = dir.path().join("no/such/out.ics");
    let err = export::write_file(t, &idx, Format::ICS, &missing, false, "x").unwrap_err();
    match &err {
        ExportError::NoFolder { folder, .. } => assert_eq!(folder, &dir.path().join("no")),
        other => panic!("{other}"),
    }
    assert!(err.to_string().contains("does not exist"), "{err}");

    let file = dir.path().join("plain.txt");
    fs::write(&file, "x").expect("write");
    let err =
        export::write_file(t, &idx, Format::ICS, &file.join("out.ics"), false, "x").unwrap_err();
    assert!(matches!(err, ExportError::NotAFolder { .. }), "{err}");
    assert!(err.to_string().contains("is not a folder"), "{err}");

    let err = export::write_file(t, &idx, Format::ICS, dir.path(), true, "x").unwrap_err();
    assert!(matches!(err, ExportError::IsAFolder(_)), "{err}");

    let err =
        export::write_file(t, &[], Format::ICS, &dir.path().join("e.ics"), false, "x").unwrap_err();
    assert!(matches!(err, ExportError::Nothing), "{err}");
    assert_eq!(names(dir.path()), ["plain.txt"], "nothing created");
}

/// A folder this user cannot write into: a fresh read-only folder, or, for
/// root (whom folder permissions do not stop), sysfs. `None` when there is none.
#[cfg(unix)]
fn unwritable_folder(tmp: &Path) -> Option<PathBuf> {
    use std::os::unix::fs::PermissionsExt;
    let locked = tmp.join("locked");
    fs::create_dir(&locked).expect("mkdir");
    fs::set_permissions(&locked, fs::Permissions::from_mode(0o555)).expect("chmod");
    let refuses = |dir: &Path| {
        let probe = dir.join("annals-probe");
        match fs::write(&probe, "x") {
            Ok(()) => {
                let _ = fs::remove_file(&probe);
                false
            }
            Err(e) => e.kind() == std::io::ErrorKind::PermissionDenied,
        }
    };
    if refuses(&locked) {
        return Some(locked);
    }
    let sys = PathBuf::from("/sys");
    (sys.is_dir() && refuses(&sys)).then_some(sys)
}

#[cfg(unix)]
#[test]
fn write_file_reports_an_unwritable_folder() {
    let loaded = common::bundled();
    let t = &loaded.timeline;
    let dir = tempfile::tempdir().expect("tempdir");
    let Some(folder) = unwritable_folder(dir.path()) else {
        skip::not_here("no folder here refuses this user (running as root)");
        return;
    };
    let target = folder.join("annals-export-test.csv");
    let err = export::write_file(t, &[0], Format::CSV, &target, false, "x").unwrap_err();
    assert!(matches!(err, ExportError::Io { .. }), "{err}");
    let msg = err.to_string();
    assert!(
        msg.contains("cannot write") && msg.contains("ermission denied"),
        "{msg}"
    );
    assert!(!target.exists());
}

#[cfg(unix)]
#[test]
fn cli_reports_an_unwritable_folder_and_exits_1() {
    let dir = tempfile::tempdir().expect("tempdir");
    let Some(folder) = unwritable_folder(dir.path()) else {
        skip::not_here("no folder here refuses this user (running as root)");
        return;
    };
    let target = folder.join("annals-export-test.md");
    let t = target.to_string_lossy().into_owned();
    let o = annals(dir.path(), &["export", "--format", "md", "-o", &t]);
    assert_eq!(o.status.code(), Some(1));
    let msg = stderr(&o);
    assert!(msg.contains(&format!("cannot write {t}")), "{msg}");
    assert!(msg.contains("ermission denied"), "{msg}");
    assert!(!target.exists());
}

// ---------------------------------------------------------------- command line

#[test]
fn cli_writes_to_standard_output_by_default_and_for_dash() {
    let dir = tempfile::tempdir().expect("tempdir");
    let a = annals(
        dir.path(),
        &["export", "--format", "csv", "--country", "AM"],
    );
    assert!(a.status.success(), "{}", stderr(&a));
    let text = stdout(&a);
    assert!(text.starts_with("id,date,end,precision,title,"));
    let list = annals(dir.path(), &["list", "--format", "json", "--country", "AM"]);
    let listed: serde_json::Value = serde_json::from_str(&stdout(&list)).expect("json");
    let rows = csv::Reader::from_reader(text.as_bytes()).records().count();
    assert_eq!(rows, listed.as_array().expect("array").len());
    let b = annals(
        dir.path(),
        &["export", "--format", "csv", "--country", "AM", "-o", "-"],
    );
    assert!(b.status.success());
    assert_eq!(stdout(&b), text);
    assert!(names(dir.path()).is_empty(), "no file written");
}

#[test]
fn cli_writes_a_file_and_refuses_to_overwrite_it() {
    let dir = tempfile::tempdir().expect("tempdir");
    let args = [
        "export", "--format", "md", "--tag", "coup", "--output", "coup.md",
    ];
    let first = annals(dir.path(), &args);
    assert!(first.status.success(), "{}", stderr(&first));
    assert!(
        stderr(&first).contains("wrote 1 event to coup.md"),
        "{}",
        stderr(&first)
    );
    assert!(stdout(&first).is_empty());
    let written = common::read(&dir.path().join("coup.md"));
    assert!(written.contains("Coup attempt in Turkey"));

    fs::write(dir.path().join("coup.md"), "my notes").expect("write");
    let again = annals(dir.path(), &args);
    assert_eq!(again.status.code(), Some(1));
    let msg = stderr(&again);
    assert!(
        msg.contains("coup.md already exists") && msg.contains("--force"),
        "{msg}"
    );
    assert_eq!(common::read(&dir.path().join("coup.md")), "my notes");

    let mut forced = args.to_vec();
    forced.push("--force");
    let third = annals(dir.path(), &forced);
    assert!(third.status.success(), "{}", stderr(&third));
    assert!(common::read(&dir.path().join("coup.md")).contains("Coup attempt in Turkey"));
    assert_eq!(names(dir.path()), ["coup.md"]);
}

#[test]
fn cli_explains_a_missing_folder_and_exits_1() {
    let dir = tempfile::tempdir().expect("tempdir");
    let o = annals(
        dir.path(),
        &["export", "--format", "ics", "-o", "nowhere/events.ics"],
    );
    assert_eq!(o.status.code(), Some(1));
    let msg = stderr(&o);
    assert!(
        msg.contains("cannot write nowhere/events.ics: the folder nowhere does not exist"),
        "{msg}"
    );
    assert!(names(dir.path()).is_empty());
}

#[test]
fn cli_exporting_nothing_is_an_error_not_an_empty_file() {
    let dir = tempfile::tempdir().expect("tempdir");
    for out in [None, Some("empty.json")] {
        let mut args = vec!["export", "--format", "json", "--query", "zzqqxxnothing"];
        if let Some(o) = out {
            args.extend(["--output", o]);
        }
        let o = annals(dir.path(), &args);
        assert_eq!(o.status.code(), Some(1));
        assert!(stdout(&o).is_empty());
        let msg = stderr(&o);
        assert!(
            msg.contains("nothing to export") && msg.contains("no events match"),
            "{msg}"
        );
    }
    assert!(names(dir.path()).is_empty());
}

#[test]
fn cli_help_lists_the_formats() {
    let dir = tempfile::tempdir().expect("tempdir");
    let o = annals(dir.path(), &["export", "--help"]);
    let help = stdout(&o);
    for &f in Format::ALL {
        assert!(help.contains(f.name()), "{help}");
    }
    assert!(help.contains("--force") && help.contains("--country"));
}

// ---------------------------------------------------------------- JSON round trip

fn list_json(dir: &Path, pre: &[&str], filters: &[&str]) -> serde_json::Value {
    let mut args: Vec<&str> = pre.to_vec();
    args.extend(["list", "--format", "json"]);
    args.extend(filters);
    let o = annals(dir, &args);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stderr(&o).is_empty(),
        "loads without problems: {}",
        stderr(&o)
    );
    serde_json::from_str(&stdout(&o)).expect("json")
}

#[test]
fn cli_json_export_loads_back_as_the_same_events() {
    let dir = tempfile::tempdir().expect("tempdir");
    let o = annals(
        dir.path(),
        &["export", "--format", "json", "-o", "all.json"],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let before = list_json(dir.path(), &[], &[]);
    // the export alone: it holds every event, those found in articles too
    let alone = list_json(dir.path(), &["--events", "all.json"], &[]);
    assert_eq!(alone, before);
    // the bundled articles read again: their sources and events are not
    // doubled
    let articles = common::root().join("assets/articles");
    let articles = articles.to_string_lossy();
    let after = list_json(
        dir.path(),
        &["--events", "all.json", "--articles", &articles],
        &[],
    );
    assert_eq!(after, before);
    assert!(
        after
            .as_array()
            .expect("array")
            .iter()
            .any(|e| e["origin"] == "extracted"),
        "events found in articles come back as such"
    );
}

#[test]
fn cli_json_export_of_a_selection_loads_back_alone() {
    let dir = tempfile::tempdir().expect("tempdir");
    let empty: PathBuf = dir.path().join("no-articles");
    fs::create_dir(&empty).expect("mkdir");
    let filters = ["--from", "2021-05", "--to", "2021-05"];
    let mut args = vec!["export", "--format", "json", "-o", "may.json"];
    args.extend(filters);
    let o = annals(dir.path(), &args);
    assert!(o.status.success(), "{}", stderr(&o));
    let before = list_json(dir.path(), &[], &filters);
    assert!(before.as_array().expect("array").len() >= 4);
    let empty_s = empty.to_string_lossy().into_owned();
    let alone = list_json(
        dir.path(),
        &["--events", "may.json", "--articles", &empty_s],
        &[],
    );
    assert_eq!(
        alone, before,
        "without articles: exactly the exported events"
    );
    assert_eq!(
        list_json(dir.path(), &["--events", "may.json"], &[]),
        before,
        "a catalog named with --events is read without the bundled articles"
    );
    let articles = common::root().join("assets/articles");
    let with_articles = list_json(
        dir.path(),
        &[
            "--events",
            "may.json",
            "--articles",
            &articles.to_string_lossy(),
        ],
        &filters,
    );
    assert_eq!(
        with_articles, before,
        "with the articles again: nothing doubled"
    );
}
