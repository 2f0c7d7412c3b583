use super::*;

fn gaz() -> Gazetteer {
    Gazetteer::from_toml(
        Path::new("c.toml"),
        "[TR]\nname = \"Turkey\"\n[RU]\nname = \"Russia\"\n",
    )
    .unwrap()
}

#[test]
fn reads_events_with_partial_dates() {
    let c = parse(
        Path::new("events.toml"),
        r#"
[[event]]
id = "coup"
date = "2016-07-15"
title = "Coup attempt"
countries = ["TR"]
[[event]]
id = "talks"
date = "2017-01"
end = "2017-02"
title = "Talks"
"#,
        &gaz(),
    )
    .unwrap();
    assert!(c.problems.is_empty(), "{:?}", c.problems);
    assert_eq!(c.events.len(), 2);
    assert_eq!(c.events[1].date.to_string(), "2017-01");
}

#[test]
fn names_each_problem_with_id_and_line() {
    let text = "[[event]]\nid = \"a\"\ndate = \"2016-13-40\"\ntitle = \"x\"\n\
                    [[event]]\nid = \"a\"\ndate = \"2016\"\ntitle = \"y\"\ncountries = [\"ZZ\"]\n\
                    [[event]]\nid = \"b\"\ndate = \"2016-05\"\nend = \"2016-04\"\ntitle = \"z\"\n";
    let c = parse(Path::new("events.toml"), text, &gaz()).unwrap();
    let msgs: Vec<String> = c.problems.iter().map(|p| p.to_string()).collect();
    assert!(
        msgs.iter()
            .any(|m| m.starts_with("events.toml:3:") && m.contains("not a real calendar date")),
        "{msgs:?}"
    );
    assert!(
        msgs.iter()
            .any(|m| m.starts_with("events.toml:6:") && m.contains("duplicate id `a`"))
    );
    assert!(
        msgs.iter()
            .any(|m| m.starts_with("events.toml:9:") && m.contains("`ZZ`"))
    );
    assert!(
        msgs.iter()
            .any(|m| m.starts_with("events.toml:13:") && m.contains("before its date"))
    );
    assert!(c.events.is_empty());
}

#[test]
fn broken_toml_is_an_error_with_position() {
    let err = parse(
        Path::new("events.toml"),
        "[[event]]\nid = \"a\ntitle=1\n",
        &gaz(),
    )
    .unwrap_err();
    assert!(err.to_string().starts_with("events.toml:2:"), "{err}");
}

/// The same five events as TOML and as JSON.
const MIXED_TOML: &str = r#"[[event]]
id = "typo"
date = "2016"
titel = "T"
[[event]]
id = "int"
date = 2016
title = "Int"
[[event]]
id = "native"
date = 2016-07-15
end = 2016-07-16
title = "Native"
[[event]]
id = "impossible"
date = "2016-02-30"
title = "Imp"
[[event]]
id = "coarse-end"
date = "2016-07-15"
end = "2016"
title = "Coarse end"
"#;

const MIXED_JSON: &str = r#"[
{"id": "typo", "date": "2016", "titel": "T"},
{"id": "int", "date": 2016, "title": "Int"},
{"id": "native", "date": "2016-07-15", "end": "2016-07-16", "title": "Native"},
{"id": "impossible", "date": "2016-02-30", "title": "Imp"},
{"id": "coarse-end", "date": "2016-07-15", "end": "2016", "title": "Coarse end"}
]"#;

fn messages(c: &Catalog) -> Vec<String> {
    c.problems.iter().map(|p| p.message.clone()).collect()
}

#[test]
fn one_bad_event_leaves_the_rest_and_toml_and_json_agree() {
    let toml = parse(Path::new("e.toml"), MIXED_TOML, &gaz()).unwrap();
    let json = parse(Path::new("e.json"), MIXED_JSON, &gaz()).unwrap();
    let ids = |c: &Catalog| c.events.iter().map(|e| e.id.clone()).collect::<Vec<_>>();
    assert_eq!(ids(&toml), ["native", "coarse-end"]);
    assert_eq!(ids(&json), ids(&toml));
    assert_eq!(toml.events, json.events);
    assert_eq!(messages(&toml), messages(&json));
    let shown: Vec<String> = toml.problems.iter().map(|p| p.to_string()).collect();
    assert_eq!(
        shown,
        [
            "e.toml:1:1: error: event `typo`: an event needs a `title`",
            "e.toml:4:9: error: event `typo`: unknown key `titel`; an event may have \
                 id, date, end, title, summary, countries, actors, tags, aliases",
            "e.toml:7:8: error: event `int`: date must be a date such as \"2016-07-15\", \
                 not the number 2016",
            "e.toml:16:8: error: event `impossible`: date `2016-02-30` is not a real \
                 calendar date",
        ]
    );
    let json_lines: Vec<usize> = json.problems.iter().map(|p| p.location.line).collect();
    assert_eq!(json_lines, [2, 2, 3, 5]);
    // a native TOML date is the day it names, and a coarser end is fine
    assert_eq!(toml.events[0].date.to_string(), "2016-07-15");
    assert_eq!(
        toml.events[1].end.map(|e| e.to_string()).as_deref(),
        Some("2016")
    );
}

#[test]
fn unknown_keys_missing_fields_and_wrong_types_are_named_per_event() {
    for (fields, message) in [
        (
            r#""id": "a", "date": "2016", "title": "A", "colour": "red""#,
            "unknown key `colour`",
        ),
        (
            r#""id": "a", "date": "2016""#,
            "event `a`: an event needs a `title`",
        ),
        (
            r#""id": "a", "title": "A""#,
            "event `a`: an event needs a `date`",
        ),
        (
            r#""date": "2016", "title": "A""#,
            "event #1: an event needs a non-empty `id`",
        ),
        (
            r#""id": "a", "date": "2016", "title": "A", "actors": 5"#,
            "actors must be a list",
        ),
        (
            r#""id": "a", "date": "2016", "title": 5"#,
            "title must be a string",
        ),
        (
            r#""id": "a", "date": "2016-07", "end": "2016-06", "title": "A""#,
            "end 2016-06 is before its date 2016-07",
        ),
    ] {
        let json =
            format!("[{{{fields}}}, {{\"id\": \"ok\", \"date\": \"2017\", \"title\": \"Ok\"}}]");
        let c = parse(Path::new("e.json"), &json, &gaz()).unwrap();
        assert_eq!(c.events.len(), 1, "{fields}");
        assert_eq!(c.events[0].id, "ok");
        assert!(
            messages(&c).iter().any(|m| m.contains(message)),
            "{fields}: {:?}",
            c.problems
        );
        // the same event as TOML: the same message
        let value: serde_json::Value = serde_json::from_str(&json).unwrap();
        let toml_text = toml::to_string(&serde_json::json!({ "event": value })).unwrap();
        let t = parse(Path::new("e.toml"), &toml_text, &gaz()).unwrap();
        assert_eq!(messages(&t), messages(&c), "{toml_text}");
    }
}

#[test]
fn a_byte_order_mark_is_skipped_in_json_and_toml() {
    let json = "\u{feff}[{\"id\":\"a\",\"date\":\"2016\",\"title\":\"A\"}]";
    let toml = "\u{feff}[[event]]\nid = \"a\"\ndate = \"2016\"\ntitle = \"A\"\n";
    for (name, text) in [("e.json", json), ("e.toml", toml)] {
        let c = parse(Path::new(name), text, &gaz()).unwrap();
        assert_eq!(c.events.len(), 1, "{name}: {:?}", c.problems);
        // and read from a file (a JSON array is streamed)
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(name);
        std::fs::write(&path, text).unwrap();
        let c = load_file(&path, &gaz()).unwrap();
        assert_eq!(c.events.len(), 1, "{name} from a file: {:?}", c.problems);
    }
}

#[test]
fn json_columns_count_characters() {
    // a syntax error after three two-byte letters
    let err = parse(Path::new("e.json"), "[{\"title\":\"ééé\" x}]", &gaz()).unwrap_err();
    assert!(err.to_string().starts_with("e.json:1:17:"), "{err}");
    // a problem in the second element of a line, read whole and streamed
    let text = "[{\"id\":\"ééé\",\"date\":\"2016\",\"title\":\"A\"}, \
                    {\"id\":\"b\",\"date\":\"x\",\"title\":\"B\"}]";
    let col = text[..text.find("\"x\"").unwrap()].chars().count() + 1;
    let want = format!("e.json:1:{col}:");
    let c = parse(Path::new("e.json"), text, &gaz()).unwrap();
    assert!(
        c.problems[0].to_string().starts_with(&want),
        "{:?}",
        c.problems
    );
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("e.json");
    std::fs::write(&path, text).unwrap();
    let c = load_file(&path, &gaz()).unwrap();
    assert_eq!(
        (c.problems[0].location.line, c.problems[0].location.col),
        (1, col)
    );
}

#[test]
fn json_catalog_round_trips() {
    let c = parse(
        Path::new("e.json"),
        r#"[{"id":"x","date":"2016-07","title":"T","countries":["TR"]}]"#,
        &gaz(),
    )
    .unwrap();
    assert_eq!(c.events[0].date.to_string(), "2016-07");
    // a bad event is named with its line and left out; the rest loads
    let c = parse(
        Path::new("e.json"),
        "[{\"id\":\"x\",\n\"date\":\"2016-99\", \"title\": \"X\"},\n\
             {\"id\":\"y\",\"date\":\"2016\",\"title\":\"Y\"}]",
        &gaz(),
    )
    .unwrap();
    let p: Vec<String> = c.problems.iter().map(|p| p.to_string()).collect();
    assert_eq!(
        p,
        ["e.json:2:8: error: event `x`: date `2016-99` is not a real calendar date"]
    );
    assert_eq!(c.events.len(), 1);
    assert_eq!(c.events[0].id, "y");
}
fn gaz3() -> Gazetteer {
    Gazetteer::from_toml(
        Path::new("c.toml"),
        "[TR]\nname = \"Turkey\"\n[RU]\nname = \"Russia\"\n[IR]\nname = \"Iran\"\n",
    )
    .unwrap()
}

/// A catalog of `n` events as TOML, with a few problems in it.
fn many_toml(n: usize) -> String {
    let mut t = String::from("# a catalog\n\n");
    for k in 0..n {
        let id = if k % 997 == 5 {
            "dup".to_string()
        } else {
            format!("e{k}")
        };
        let country = if k % 1500 == 7 { "ZZ" } else { "TR" };
        t.push_str(&format!(
                "[[event]]\nid = \"{id}\"\ndate = \"20{:02}-0{}\"\ntitle = \"Talks [{k}] \\\"quoted\\\"\"\ncountries = [\"{country}\"]\n\n",
                k % 100,
                1 + k % 9
            ));
    }
    t
}

fn summary(c: &Catalog) -> (Vec<String>, Vec<String>) {
    (
        c.events.iter().map(|e| e.id.clone()).collect(),
        c.problems.iter().map(|p| p.to_string()).collect(),
    )
}

#[test]
fn toml_read_in_pieces_reads_as_a_whole() {
    let text = many_toml(5000);
    assert!(toml_tables(&text).is_some());
    let pieces = parse(Path::new("e.toml"), &text, &gaz3()).unwrap();
    // the same text with a multi-line string somewhere is read whole
    let whole_text = text.replacen(
        "title = \"Talks [3]",
        "summary = '''x'''\ntitle = \"Talks [3]",
        1,
    );
    assert!(toml_tables(&whole_text).is_none());
    let whole = parse(Path::new("e.toml"), &whole_text, &gaz3()).unwrap();
    let (a, b) = (summary(&pieces), summary(&whole));
    assert_eq!(a.0, b.0);
    assert_eq!(a.1.len(), b.1.len());
    assert_eq!(pieces.events.len(), 5000 - 5 - 4);
    assert_eq!(pieces.events[0].title, "Talks [0] \"quoted\"");
    // the second "dup" is event 1002: its id is on line 3 + 6 * 1002 + 1
    assert!(
        a.1.iter()
            .any(|m| m.starts_with("e.toml:6016:") && m.contains("duplicate id")),
        "{:?}",
        &a.1[..3]
    );
}

#[test]
fn a_broken_table_in_a_large_toml_catalog_is_named_and_nothing_loads() {
    let mut text = many_toml(3000);
    let at = text.find("id = \"e2500\"").unwrap();
    text.insert_str(at, "oops\n");
    let line = text[..at].lines().count() + 1;
    let err = parse(Path::new("e.toml"), &text, &gaz3()).unwrap_err();
    assert!(
        err.to_string().starts_with(&format!("e.toml:{line}:")),
        "{err}"
    );
}

fn many_json(n: usize) -> String {
    let events: Vec<String> = (0..n)
            .map(|k| {
                let id = if k % 997 == 5 { "dup".to_string() } else { format!("e{k}") };
                format!(
                    r#"{{"id":"{id}","date":"2016-0{}","title":"a ] {{ \" \\ [{k}]","countries":["{}"]}}"#,
                    1 + k % 9,
                    if k % 1500 == 7 { "ZZ" } else { "RU" }
                )
            })
            .collect();
    format!("[\n{}\n]\n", events.join(",\n"))
}

#[test]
fn json_read_in_pieces_reads_as_a_whole() {
    let text = many_json(4000);
    let pieces = parse(Path::new("e.json"), &text, &gaz3()).unwrap();
    let events: Vec<Event> = serde_json::from_str(&text).unwrap();
    assert_eq!(events.len(), 4000);
    assert_eq!(pieces.events.len(), 4000 - 4 - 3);
    assert_eq!(pieces.events[0].title, "a ] { \" \\ [0]");
    // problems name the line and column of the field: the second "dup"
    // is event 1002, on line 1004
    let p: Vec<String> = pieces.problems.iter().map(|p| p.to_string()).collect();
    assert!(
        p.iter()
            .any(|m| m.starts_with("e.json:1004:7:") && m.contains("duplicate id")),
        "{:?}",
        &p[..3]
    );
    // streamed from a file, in blocks, the same
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("e.json");
    std::fs::write(&file, &text).unwrap();
    let seen = std::sync::atomic::AtomicU64::new(0);
    let streamed = load_file_with_progress(&file, &gaz3(), &|done, total| {
        assert_eq!(total, text.len() as u64);
        seen.store(done, std::sync::atomic::Ordering::Relaxed);
    })
    .unwrap();
    assert_eq!(seen.into_inner(), text.len() as u64);
    let ids = |c: &Catalog| c.events.iter().map(|e| e.id.clone()).collect::<Vec<_>>();
    assert!(ids(&pieces) == ids(&streamed));
    let places = |c: &Catalog| {
        c.problems
            .iter()
            .map(|p| (p.location.line, p.location.col, p.message.clone()))
            .collect::<Vec<_>>()
    };
    assert_eq!(places(&pieces), places(&streamed));
}

#[test]
fn a_broken_element_in_a_large_json_catalog_is_named_and_nothing_loads() {
    let text = many_json(3000).replacen(r#""id":"e2500""#, r#""id":"e2500",,"#, 1);
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("e.json");
    std::fs::write(&file, &text).unwrap();
    let err = load_file(&file, &gaz3()).unwrap_err();
    assert!(err.to_string().contains("e.json:2502:"), "{err}");
    // a trailing comma, and something after the array
    for bad in [r#"[{"id":"a","date":"2016","title":"t"},]"#, "[] x"] {
        std::fs::write(&file, bad).unwrap();
        assert!(load_file(&file, &gaz3()).is_err(), "{bad}");
    }
}

#[test]
fn json_streamed_in_small_blocks_reads_as_a_whole() {
    let text = many_json(300);
    let whole = parse(Path::new("e.json"), &text, &gaz3()).unwrap();
    for (block, batch) in [(1, 1), (7, 100), (64, 5000)] {
        let found = stream_json(
            &mut text.as_bytes(),
            Vec::new(),
            0,
            &|_, _| {},
            (block, batch),
            &gaz3(),
            &mut |_| panic!("no preview for a small file"),
        )
        .unwrap()
        .unwrap();
        let streamed = check::assemble(Path::new("e.json"), found);
        assert_eq!(streamed.events, whole.events, "{block} {batch}");
        assert_eq!(streamed.problems, whole.problems, "{block} {batch}");
    }
    let cut = &text.as_bytes()[..text.len() / 2];
    let found = stream_json(
        &mut &cut[..],
        Vec::new(),
        0,
        &|_, _| {},
        (64, 500),
        &gaz3(),
        &mut |_| {},
    )
    .unwrap();
    assert!(found.is_none(), "a cut array is not read");
}

#[test]
fn a_large_stream_previews_its_first_batch_once() {
    let text = many_json(300);
    let size = text.len() as u64;
    let batch = text.len() / 10;
    let mut previews: Vec<Vec<Event>> = Vec::new();
    let found = stream_json(
        &mut text.as_bytes(),
        Vec::new(),
        size,
        &|_, _| {},
        (64, batch),
        &gaz3(),
        &mut |events| previews.push(events.to_vec()),
    )
    .unwrap()
    .unwrap();
    let found: Vec<Event> = found.into_iter().filter_map(|c| c.event).collect();
    assert_eq!(previews.len(), 1, "one preview");
    let first = &previews[0];
    assert!(
        !first.is_empty() && first.len() < found.len(),
        "{}",
        first.len()
    );
    assert_eq!(first[..], found[..first.len()], "the first events read");
    // a stream shorter than the preview threshold shows none
    let mut none = 0;
    stream_json(
        &mut text.as_bytes(),
        Vec::new(),
        size,
        &|_, _| {},
        (64, text.len() / 3),
        &gaz3(),
        &mut |_| none += 1,
    )
    .unwrap();
    assert_eq!(none, 0);
}

#[test]
fn the_splitter_finds_elements() {
    let mut s = Splitter::new();
    let mut out = Vec::new();
    let text = br#" [ {"a": "}\""}, {"b":[{}]} ]"#;
    for chunk in text.chunks(3) {
        s.feed(chunk, &mut out).unwrap();
    }
    assert!(s.state == Where::After);
    let parts: Vec<&[u8]> = out.iter().map(|(r, _, _)| &text[r.clone()]).collect();
    assert_eq!(parts, [&br#"{"a": "}\""}"#[..], &br#"{"b":[{}]}"#[..]]);
    assert!(Splitter::new().feed(b"[1]", &mut out).is_err());
}

#[test]
fn errors_in_toml_pieces_are_those_of_the_whole_text() {
    let base = many_toml(3000);
    let at = base.find("id = \"e2100\"").unwrap();
    for (insert, what) in [
        ("oops\n", "a bare word"),
        ("id = \"again\"\n", "a duplicate key"),
        ("title = \"unclosed\n", "an unclosed string"),
    ] {
        let mut text = base.clone();
        text.insert_str(at, insert);
        let whole = match toml::from_str::<RawCatalog>(&text) {
            Ok(_) => panic!("{what} parses"),
            Err(e) => {
                let offset = e.span().map_or(0, |s| s.start);
                LoadError::syntax(Path::new("e.toml"), &text, offset, e.message().trim())
                    .to_string()
            }
        };
        let pieces = parse(Path::new("e.toml"), &text, &gaz3()).unwrap_err();
        assert_eq!(pieces.to_string(), whole, "{what}");
    }
}
