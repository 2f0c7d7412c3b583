//! `annals check` counts in words that agree with their numbers.

mod common;

use common::{annals, stdout};

#[test]
fn one_error_is_one_error_not_one_errors() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("none")).unwrap();
    std::fs::write(
        dir.path().join("events.toml"),
        "[[event]]\nid = \"a\"\ndate = \"2016\"\ntitle = \"A\"\n\
         [[event]]\nid = \"b\"\ndate = \"2016-13\"\ntitle = \"B\"\n",
    )
    .unwrap();
    let o = annals(dir.path(), &["check", "--articles", "none"]);
    let out = stdout(&o);
    assert!(
        out.contains(
            "1 event (1 curated, 0 extracted), 0 articles, 0 mentions, 0 links; 1 error, 0 warnings"
        ),
        "{out}"
    );
}
