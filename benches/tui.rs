//! The explorer's costs over synthetic catalogs of 10k, 100k and 1M events:
//! drawing one frame into a 200x60 `TestBackend`, and one keystroke of a
//! search as the explorer pays it (the filter update, with the year headings
//! and density it needs, then the frame with the rows' highlights). The
//! keystroke runs the filter in `update`, as the explorer does for small
//! timelines; for large ones the same work runs on the filter worker while
//! the screen stays live. The keystrokes use the search index, as the
//! explorer does once it has built it.
//!
//!     cargo bench --bench tui
//!     ANNALS_BENCH_SIZES=100000 cargo bench --bench tui -- keystroke

#[path = "../examples/synth/mod.rs"]
mod synth;

use std::hint::black_box;
use std::path::Path;
use std::time::{Duration, Instant};

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

use std::sync::Arc;

use annals::gazetteer::Gazetteer;
use annals::model::{ArticleMeta, Source};
use annals::timeline::Timeline;
use annals::tui::action::{Action, Command};
use annals::tui::app::{App, update};
use annals::tui::keymap::KeyMap;

const WIDTH: u16 = 200;
const HEIGHT: u16 = 60;

/// The id of an event quoted by 5,000 articles, added to every timeline.
const QUOTED: &str = "quoted-by-many";

fn timeline(n: usize) -> Timeline {
    let g = Gazetteer::from_toml(Path::new("countries.toml"), annals::bundled::COUNTRIES)
        .expect("the bundled gazetteer parses");
    let mut events = synth::Synth::new(7).events(n);
    let mut e = synth::Synth::new(8).event(n);
    e.id = QUOTED.into();
    e.sources = (0..5_000)
        .map(|k| {
            let sentence = format!(
                "On 3 March 2019 the summit opened in Ankara, report {k} said, after weeks of talks."
            );
            Source {
                article: Arc::new(ArticleMeta {
                    file: format!("art-{k:06}.txt"),
                    title: Some(format!("Dispatch {k}")),
                    source: Some("Synthetic Wire".into()),
                    ..Default::default()
                }),
                start: 3,
                end: 15,
                text: "3 March 2019".into(),
                dated: true,
                sentence: sentence.into(),
                sentence_start: 0,
                why: Default::default(),
            }
        })
        .collect();
    events.push(e);
    Timeline::new(events, g)
}

fn sizes() -> Vec<usize> {
    match std::env::var("ANNALS_BENCH_SIZES") {
        Ok(s) => s.split(',').filter_map(|n| n.trim().parse().ok()).collect(),
        Err(_) => vec![10_000, 100_000, 1_000_000],
    }
}

/// An explorer at 200x60 that filters in `update` whatever the size.
fn app(t: Timeline) -> App {
    let mut app = App::new(t, KeyMap::default(), true, WIDTH, HEIGHT);
    app.sync_limit = usize::MAX;
    update(
        &mut app,
        Action::Resize {
            width: WIDTH,
            height: HEIGHT,
        },
    );
    app
}

fn draw(term: &mut Terminal<TestBackend>, app: &App) {
    term.draw(|f| annals::tui::ui::view(app, f))
        .expect("draw into the test backend");
}

/// Sets the query to `q` in search mode (outside the timing).
fn set_query(app: &mut App, q: &str) {
    if app.filter.query != q {
        app.filter.query = q.to_string();
        app.refilter();
    }
    if !matches!(app.mode, annals::tui::app::Mode::Search) {
        update(app, Action::Cmd(Command::Search));
    }
}

fn frame(c: &mut Criterion) {
    let mut group = c.benchmark_group("tui_frame_200x60");
    group.sample_size(20);
    group.measurement_time(Duration::from_secs(3));
    group.warm_up_time(Duration::from_millis(500));
    for n in sizes() {
        let mut app = app(timeline(n));
        let mut term = Terminal::new(TestBackend::new(WIDTH, HEIGHT)).expect("test terminal");
        // the middle of the list, with marks around
        update(&mut app, Action::Cmd(Command::HalfPageDown));
        for _ in 0..3 {
            update(&mut app, Action::Cmd(Command::Mark));
        }
        let middle = app.shown.len() / 2;
        while app.selected < middle {
            update(&mut app, Action::Cmd(Command::PageDown));
        }
        group.bench_function(BenchmarkId::new("no_query", n), |b| {
            b.iter(|| draw(&mut term, black_box(&app)))
        });
        // the detail of an event quoted by 5,000 articles, scrolled down
        let selected = app.selected;
        if let Some(i) = app.timeline.index_of(QUOTED) {
            app.selected = app.shown.binary_search(&i).unwrap_or(0);
            app.keep_selection_visible();
            update(&mut app, Action::Cmd(Command::SwitchFocus));
            update(&mut app, Action::Cmd(Command::PageDown));
            group.bench_function(BenchmarkId::new("detail_5000_sources", n), |b| {
                b.iter(|| draw(&mut term, black_box(&app)))
            });
            // arriving on it: the detail's lines are built, not reused
            let here = app.selected;
            let other = if here > 0 { here - 1 } else { here + 1 };
            group.bench_function(BenchmarkId::new("detail_5000_sources_arrive", n), |b| {
                b.iter_custom(|iters| {
                    let mut spent = Duration::ZERO;
                    for _ in 0..iters {
                        app.selected = other;
                        draw(&mut term, &app);
                        app.selected = here;
                        let start = Instant::now();
                        draw(&mut term, black_box(&app));
                        spent += start.elapsed();
                    }
                    spent
                })
            });
            update(&mut app, Action::Cmd(Command::SwitchFocus));
        }
        app.selected = selected;
        app.keep_selection_visible();
        // a query: every row's title is highlighted
        set_query(&mut app, "gas agre");
        group.bench_function(BenchmarkId::new("query_highlights", n), |b| {
            b.iter(|| draw(&mut term, black_box(&app)))
        });
    }
    group.finish();
}

fn keystroke(c: &mut Criterion) {
    let mut group = c.benchmark_group("tui_keystroke");
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(4));
    group.warm_up_time(Duration::from_millis(500));
    // (name, the query before the key, the key)
    let cases: [(&str, &str, Action); 5] = [
        ("q1_first_letter", "", Action::Input('g')),
        ("q3_grows", "ga", Action::Input('s')),
        ("q12_grows", "gas agreeme", Action::Input('n')),
        ("q20_grows", "turkey sign gas agr", Action::Input('e')),
        ("q2_backspace", "gas", Action::DeleteBack),
    ];
    for n in sizes() {
        // the explorer builds the search index on its loading thread, right
        // after the first frame with all the data; until then (about 3 s for
        // a million events) the filter worker reads every event instead
        let t = timeline(n);
        t.prepare_search();
        let mut app = app(t);
        let mut term = Terminal::new(TestBackend::new(WIDTH, HEIGHT)).expect("test terminal");
        for (name, before, key) in &cases {
            group.bench_function(BenchmarkId::new(*name, n), |b| {
                b.iter_custom(|iters| {
                    let mut spent = Duration::ZERO;
                    for _ in 0..iters {
                        set_query(&mut app, before);
                        let key = match key {
                            Action::Input(c) => Action::Input(*c),
                            _ => Action::DeleteBack,
                        };
                        let start = Instant::now();
                        update(&mut app, key);
                        draw(&mut term, &app);
                        spent += start.elapsed();
                    }
                    spent
                })
            });
        }
    }
    group.finish();
}

criterion_group!(benches, frame, keystroke);
criterion_main!(benches);
