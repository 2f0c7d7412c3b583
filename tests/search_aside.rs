//! The explorer builds its search index while the user may already be typing.
//! Queries meanwhile read every event on rayon's global pool; the index is
//! built on a pool of its own, so that those queries share the cores with it
//! instead of queueing behind all of its work. This test names the global
//! pool's threads and checks that they do none of the index's work.
//! (Linux: it reads the threads' CPU time from /proc.)

#[path = "../examples/synth/mod.rs"]
mod synth;

mod skip;
use std::path::Path;

use annals::filter::Filter;
use annals::gazetteer::Gazetteer;
use annals::timeline::Timeline;
use annals::tui::loading::build_search_aside;

#[test]
fn the_search_index_is_built_off_the_global_pool() {
    if !Path::new("/proc/self/task").is_dir() {
        skip::missing("/proc/self/task is missing (not Linux)");
        return;
    }
    // two threads, whatever the machine, so that each has work enough to
    // show in /proc's 10 ms ticks when it is given the index's
    rayon::ThreadPoolBuilder::new()
        .num_threads(2)
        .thread_name(|k| format!("global-{k}"))
        .build_global()
        .expect("this test is the first to use the global pool");
    let g = Gazetteer::from_toml(Path::new("countries.toml"), annals::bundled::COUNTRIES)
        .expect("the bundled gazetteer parses");
    let timeline = Timeline::new(synth::Synth::new(3).events(60_000), g);
    let query = Filter {
        query: "gas".into(),
        ..Default::default()
    };
    // a query before the index reads every event, on the global pool
    let expected = timeline.filter(&query);
    assert!(!expected.is_empty() && !timeline.search_ready());
    assert!(
        cpu_ticks("global-") > 0,
        "the global pool's threads are seen"
    );

    let global_before = cpu_ticks("global-");
    build_search_aside(&timeline);
    let global = cpu_ticks("global-") - global_before;
    assert!(timeline.search_ready());
    // the index's pool has ended with the build, so its threads are gone
    // from /proc/self/task: the whole process's time so far bounds its work
    // from above
    let index_work = process_ticks();
    assert!(
        global * 10 <= index_work.max(20),
        "the global pool did {global} ticks of the index's work (the process {index_work})"
    );
    // and with the index, the same answer
    assert_eq!(timeline.filter(&query), expected);
}

/// CPU time (user and system, in clock ticks) of this process's threads
/// whose names start with `prefix`.
fn cpu_ticks(prefix: &str) -> u64 {
    let Ok(tasks) = std::fs::read_dir("/proc/self/task") else {
        return 0;
    };
    tasks
        .flatten()
        .filter(|t| {
            std::fs::read_to_string(t.path().join("comm"))
                .is_ok_and(|n| n.trim().starts_with(prefix))
        })
        .filter_map(|t| std::fs::read_to_string(t.path().join("stat")).ok())
        .map(|stat| ticks_of(&stat))
        .sum()
}

/// CPU time of the whole process so far, ended threads included.
fn process_ticks() -> u64 {
    std::fs::read_to_string("/proc/self/stat")
        .map(|s| ticks_of(&s))
        .unwrap_or(0)
}

/// utime + stime from a /proc stat line (fields 14 and 15; the name in
/// parentheses may hold spaces, so count from its closing parenthesis).
fn ticks_of(stat: &str) -> u64 {
    let rest = stat.rsplit_once(')').map_or("", |(_, r)| r);
    let fields: Vec<&str> = rest.split_whitespace().collect();
    // after the name: state is field 3, so utime (14) is at 11 and stime at 12
    let get = |k: usize| {
        fields
            .get(k)
            .and_then(|f| f.parse::<u64>().ok())
            .unwrap_or(0)
    };
    get(11) + get(12)
}
