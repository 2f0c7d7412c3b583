//! `annals check` names the gazetteer's unreachable, unknown and ambiguous
//! entries with their line, and fails on them, while the data still loads.

mod common;

use common::{annals, stderr, stdout};

#[test]
fn check_names_bad_gazetteer_entries() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("none")).unwrap();
    std::fs::write(
        dir.path().join("events.toml"),
        "[[event]]\nid = \"a\"\ndate = \"2016\"\ntitle = \"A\"\ncountries = [\"TR\"]\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("countries.toml"),
        "[TR]\nname = \"Turkey\"\naliases = [\"Ankara\"]\n\
         [gr]\nname = \"Greece\"\n\
         [QQ]\nname = \"Nowhere\"\n\
         [RU]\nname = \"Russia\"\naliases = [\"Ankara\"]\n",
    )
    .unwrap();
    let o = annals(
        dir.path(),
        &[
            "--countries",
            "countries.toml",
            "check",
            "--articles",
            "none",
        ],
    );
    let err = stderr(&o);
    assert!(
        err.contains("countries.toml:4:") && err.contains("`gr`"),
        "{err}"
    );
    assert!(
        err.contains("countries.toml:6:") && err.contains("`QQ`"),
        "{err}"
    );
    assert!(
        err.contains("countries.toml:10:") && err.contains("`Ankara` names both TR and RU"),
        "{err}"
    );
    assert_eq!(o.status.code(), Some(1), "{err}");
    // the rest still loads: the event is there
    assert!(stdout(&o).contains("1 event"), "{}", stdout(&o));
}

#[test]
fn the_bundled_gazetteer_passes_check() {
    let dir = tempfile::tempdir().unwrap();
    let o = annals(dir.path(), &["check"]);
    assert!(!stderr(&o).contains("ISO 3166"), "{}", stderr(&o));
}
