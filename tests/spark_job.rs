//! `contrib/spark/annals_spark.py` run by Apache Spark (`spark-submit
//! --master local[2]`) on 1,000 generated articles: the catalog it writes
//! equals `annals --articles DIR list --format json` of the same articles,
//! event for event and source for source, and the lines its workers write
//! are those `annals extract --for-events` prints locally.
//!
//! It needs `spark-submit` (pyspark, from PyPI) and a Java runtime. Without
//! them it says so and passes; when the environment variable `CI` is set it
//! fails instead (`.ci/run` installs both).

mod common;
mod skip;
#[path = "../examples/synth/mod.rs"]
mod synth;

use std::ffi::OsStr;
use std::path::Path;
use std::process::{Command, Stdio};

use serde_json::Value;

/// The program, when it runs and exits 0 with `args`.
fn runs(program: &str, args: &[&str]) -> bool {
    Command::new(program)
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

/// True when the test must be skipped: spark-submit or Java is missing.
/// Through `skip::missing`, which fails the test when `CI` is set.
fn skip_without_spark() -> bool {
    let mut missing = Vec::new();
    if !runs("java", &["-version"]) {
        missing.push("a Java runtime (`java`)");
    }
    if !runs("spark-submit", &["--version"]) {
        missing.push("`spark-submit` (pip install pyspark)");
    }
    if missing.is_empty() {
        return false;
    }
    skip::missing(&format!(
        "the Spark job test needs {}; .ci/run installs it",
        missing.join(" and ")
    ));
    true
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

fn annals(args: &[&OsStr]) -> String {
    let o = common::annals_fed(&common::root(), args, None, 100);
    assert!(
        o.status.success(),
        "annals {:?}: {}",
        args,
        common::stderr(&o)
    );
    common::stdout(&o)
}

/// The lines of the part files Spark wrote into `dir`, sorted.
fn written_lines(dir: &Path) -> Vec<String> {
    let mut lines = Vec::new();
    let mut parts = 0;
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if !name.starts_with("part-") {
            continue;
        }
        parts += 1;
        let body = std::fs::read_to_string(entry.path()).unwrap();
        lines.extend(body.lines().map(str::to_string));
    }
    assert!(parts > 1, "Spark wrote {parts} part files into {dir:?}");
    lines.sort();
    lines
}

#[test]
fn the_spark_job_builds_the_catalog_a_local_load_builds() {
    if skip_without_spark() {
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path();
    synth::write_corpus(&root.join("corpus"), 400, 1000, 17, false).expect("the corpus is written");
    let events = root.join("corpus/events.toml");
    let articles = root.join("corpus/articles");
    let countries = common::root().join("assets/countries.toml");
    let out = root.join("out");

    let job = common::spawn::runner("spark-submit")
        .current_dir(root)
        .args(["--master", "local[2]"])
        .arg(common::root().join("contrib/spark/annals_spark.py"))
        .arg("--annals")
        .arg(env!("CARGO_BIN_EXE_annals"))
        .arg("--articles")
        .arg(&articles)
        .arg("--out")
        .arg(&out)
        .args(["--partitions", "6"])
        .arg("--events")
        .arg(&events)
        .arg("--countries")
        .arg(&countries)
        .stdin(Stdio::null())
        .output()
        .expect("spark-submit runs");
    assert!(
        job.status.success(),
        "the Spark job failed ({}):\n{}\n{}",
        job.status,
        text(&job.stdout),
        text(&job.stderr)
    );

    let data = [
        "--events".as_ref(),
        events.as_os_str(),
        "--countries".as_ref(),
        countries.as_os_str(),
        "--articles".as_ref(),
        articles.as_os_str(),
    ];
    let mut list = data.to_vec();
    list.extend(["list", "--format", "json"].map(OsStr::new));
    let local: Vec<Value> = serde_json::from_str(&annals(&list)).unwrap();
    let spark: Vec<Value> =
        serde_json::from_str(&std::fs::read_to_string(out.join("events.json")).unwrap())
            .expect("events.json is a JSON array");

    let sources = |e: &Value| e["sources"].as_array().cloned().unwrap_or_default();
    let origin = |e: &Value, o: &str| e["origin"] == o;
    let cited = local
        .iter()
        .filter(|e| origin(e, "curated") && !sources(e).is_empty())
        .count();
    let found = local.iter().filter(|e| origin(e, "extracted")).count();
    assert!(
        cited > 0 && found > 100,
        "the local load gives too little to compare: {cited} catalog events with \
         sources, {found} events found in articles"
    );
    for (i, (s, l)) in spark.iter().zip(&local).enumerate() {
        assert_eq!(
            s["id"], l["id"],
            "event {i}: the Spark job and the local load differ"
        );
        let (ss, ls) = (sources(s), sources(l));
        assert_eq!(ss.len(), ls.len(), "event {}: number of sources", l["id"]);
        for (a, b) in ss.iter().zip(&ls) {
            assert_eq!(a, b, "event {}: a source differs", l["id"]);
        }
        assert_eq!(s, l, "event {}", l["id"]);
    }
    assert_eq!(spark.len(), local.len(), "number of events");

    // the lines the workers wrote are those a local `extract --for-events`
    // prints for the same articles, in another order
    let mut extract = data.to_vec();
    extract.extend(["extract", "--for-events"].map(OsStr::new));
    let mut want: Vec<String> = annals(&extract).lines().map(str::to_string).collect();
    want.sort();
    assert!(want.len() > 2000, "{} lines", want.len());
    let got = written_lines(&out.join("mentions"));
    assert_eq!(got.len(), want.len(), "lines the workers wrote");
    assert!(
        got == want,
        "the lines Spark wrote differ from those of annals extract --for-events"
    );
}
