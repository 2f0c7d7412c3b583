//! Screen tests: the explorer drawn into ratatui's TestBackend at 120x40 and
//! 80x24, its text kept as insta snapshots; one styled snapshot shows that the
//! selection and the marks stay visible without colour.

#[path = "tui_support/mod.rs"]
mod common;

use annals::tui::app::Mode;
use annals::tui::layout;
use common::*;
use ratatui::style::{Color, Modifier};

const SIZES: [(u16, u16); 2] = [(120, 40), (80, 24)];

fn snap(name: &str, w: u16, h: u16, screen: String) {
    insta::assert_snapshot!(format!("{name}_{w}x{h}"), screen);
}

#[test]
fn main_screen() {
    for (w, h) in SIZES {
        let mut app = app_sized(w, h, true);
        select_title(&mut app, "Coup attempt");
        press(&mut app, &["Space"]);
        select_title(&mut app, "Turkey signs the S-400");
        snap("main", w, h, screen(&mut app, w, h));
    }
}

#[test]
fn statuses_confidence_and_why() {
    let (w, h) = (120, 40);
    let mut app = annals::tui::app::App::new(
        status_timeline(),
        annals::tui::keymap::KeyMap::default(),
        true,
        w,
        h,
    );
    select_title(&mut app, "A summit is planned");
    let s = screen(&mut app, w, h);
    // the timeline's rows: the expected event has its own glyph, the
    // other extracted ones `~`
    assert!(s.contains("» A summit is planned"), "{s}");
    assert!(s.contains("~ Ties were strained"), "{s}");
    assert!(s.contains("» expected: planned or foreseen"), "{s}");
    assert!(s.contains("confidence 0.45 (low)"), "{s}");
    snap("expected", w, h, s);
    select_title(&mut app, "Talks in Ankara");
    let s = screen(&mut app, w, h);
    assert!(s.contains("why: shared words: talks, Ankara"), "{s}");
    assert!(s.contains("confidence 0.85"), "{s}");
    assert!(!s.contains("(low)"), "{s}");
    snap("why", w, h, s);
}

#[test]
fn search_for_coup() {
    for (w, h) in SIZES {
        let mut app = app_sized(w, h, true);
        press(&mut app, &["/"]);
        type_text(&mut app, "coup");
        let s = screen(&mut app, w, h);
        assert!(s.contains("Coup attempt in Turkey"));
        assert!(!s.contains("Council of Europe"));
        snap("search", w, h, s);
    }
}

#[test]
fn country_picker() {
    for (w, h) in SIZES {
        let mut app = app_sized(w, h, true);
        press(&mut app, &["c"]);
        type_text(&mut app, "ru");
        press(&mut app, &["Enter"]);
        type_text(&mut app, "ir");
        snap("countries", w, h, screen(&mut app, w, h));
    }
}

#[test]
fn date_range_with_a_bad_date() {
    for (w, h) in SIZES {
        let mut app = app_sized(w, h, true);
        press(&mut app, &["d"]);
        type_text(&mut app, "2017");
        press(&mut app, &["Tab"]);
        type_text(&mut app, "2019-02-30");
        press(&mut app, &["Enter"]);
        assert!(matches!(app.mode, Mode::Dates(_)));
        let s = screen(&mut app, w, h);
        assert!(s.contains("not a real calendar date"), "{s}");
        snap("dates", w, h, s);
    }
}

#[test]
fn help() {
    for (w, h) in SIZES {
        let mut app = app_sized(w, h, true);
        press(&mut app, &["?"]);
        snap("help", w, h, screen(&mut app, w, h));
    }
}

#[test]
fn export_dialog() {
    for (w, h) in SIZES {
        let mut app = app_sized(w, h, true);
        app.export_dir = std::path::PathBuf::from("/home/reader/briefings");
        press(&mut app, &["Space", "Space", "e"]);
        snap("export", w, h, screen(&mut app, w, h));
    }
}

#[test]
fn too_small() {
    let mut app = app_sized(50, 10, true);
    let s = screen(&mut app, 50, 10);
    assert!(s.contains("too small"));
    insta::assert_snapshot!("too_small_50x10", s);
}

#[test]
fn no_size_panics() {
    let mut app = app_sized(80, 24, true);
    press(&mut app, &["Space"]);
    let modes: [&[&str]; 6] = [&[], &["/", "c", "o"], &["c"], &["d"], &["e"], &["?"]];
    for keys in modes {
        let mut app = app_sized(80, 24, true);
        press(&mut app, keys);
        for w in (1..=130).step_by(7).chain([1, 2, 59, 60, 61]) {
            for h in (1..=45).step_by(4).chain([1, 2, 11, 12, 13]) {
                let _ = screen(&mut app, w, h);
            }
        }
    }
}

#[test]
fn unicode_titles_keep_the_columns_aligned() {
    let mut app = app_sized(120, 40, true);
    press(&mut app, &["G"]);
    let buf = draw(&app, 120, 40);
    let s = text(&buf);
    for name in [
        "Çavuşoğlu says Turkey",
        "Bahçeli calls",
        "Perinçek: “leave NATO” – and take",
    ] {
        assert!(s.contains(name), "{name} missing:\n{s}");
    }
    // the right border of the timeline is in the same column on every row
    let a = layout::areas(buf.area).unwrap();
    let x = a.timeline.right() - 1;
    for y in a.timeline.y + 1..a.timeline.bottom() - 1 {
        assert_eq!(buf[(x, y)].symbol(), "┃", "row {y}:\n{s}");
    }
}

#[test]
fn the_detail_quotes_sources_with_the_expression() {
    // wide enough that nothing in the detail wraps
    let mut app = app_sized(200, 40, true);
    select_title(&mut app, "Coup attempt");
    let buf = draw(&app, 200, 40);
    let s = text(&buf);
    assert!(s.contains("15 July 2016"), "{s}");
    assert!(s.contains("Five years after the failed coup, Ankara’s turn to Moscow"));
    assert!(s.contains("Fixture Review · published 16 July 2021 · analysis"));
    assert!(s.contains("“The coup attempt of July 15, 2016 changed Turkish politics for good.”"));
    // the date expression is set apart
    let a = layout::areas(buf.area).unwrap();
    let (y, line) = (a.detail_inner.y..a.detail_inner.bottom())
        .map(|y| {
            let l: String = (a.detail_inner.x..a.detail_inner.right())
                .map(|x| buf[(x, y)].symbol().to_string())
                .collect();
            (y, l)
        })
        .find(|(_, l)| l.contains("July 15, 2016"))
        .unwrap();
    let start = line.find("July 15").unwrap();
    let x = a.detail_inner.x + line[..start].chars().count() as u16;
    assert!(buf[(x, y)].modifier.contains(Modifier::UNDERLINED));
    assert!(!buf[(x - 2, y)].modifier.contains(Modifier::UNDERLINED));
}

#[test]
fn search_matches_are_highlighted_in_the_rows() {
    let mut app = app_sized(120, 40, true);
    press(&mut app, &["/"]);
    type_text(&mut app, "coup");
    let buf = draw(&app, 120, 40);
    let a = layout::areas(buf.area).unwrap();
    let y = (a.timeline_inner.y..a.timeline_inner.bottom())
        .find(|&y| {
            (a.timeline_inner.x..a.timeline_inner.right())
                .map(|x| buf[(x, y)].symbol().to_string())
                .collect::<String>()
                .contains("State of emergency")
        })
        .unwrap();
    // the purge matches by its summary: nothing in its title is highlighted
    let underlined = |y: u16| {
        (a.timeline_inner.x..a.timeline_inner.right())
            .filter(|&x| buf[(x, y)].modifier.contains(Modifier::UNDERLINED))
            .count()
    };
    assert_eq!(underlined(y), 0);
    // the coup attempt's title has "Coup" highlighted: four cells
    assert_eq!(underlined(y - 1), 4);
}

#[test]
fn selection_and_marks_survive_no_color() {
    let mut app = app_sized(60, 12, false);
    press(&mut app, &["j", "Space", "j"]);
    let buf = draw(&app, 60, 12);
    // no colour anywhere
    for cell in buf.content() {
        assert_eq!(cell.fg, Color::Reset);
        assert_eq!(cell.bg, Color::Reset);
    }
    // the selected row is reversed and bold and starts with the glyph; the
    // marked row is bold with the mark glyph
    let s = text(&buf);
    let sel = s.lines().position(|l| l.contains('▸')).unwrap() as u16;
    let mark = s.lines().position(|l| l.contains('✓')).unwrap() as u16;
    assert_ne!(sel, mark);
    let a = layout::areas(buf.area).unwrap();
    let x = a.timeline_inner.x + 10;
    assert!(
        buf[(x, sel)]
            .modifier
            .contains(Modifier::REVERSED | Modifier::BOLD)
    );
    assert!(buf[(x, mark)].modifier.contains(Modifier::BOLD));
    assert!(!buf[(x, mark)].modifier.contains(Modifier::REVERSED));
    insta::assert_snapshot!("no_color_styled_60x12", format!("{buf:?}"));
}

// issue 18, item 30: nothing cut or dropped silently

/// The density strip's axis row, without its gutter.
fn axis_row(s: &str) -> String {
    s.lines()
        .nth(3)
        .unwrap_or_default()
        .chars()
        .skip(12)
        .collect()
}

#[test]
fn the_density_marker_leaves_the_first_label_in_sight() {
    for (w, h) in [(80, 24), (60, 12), (120, 40)] {
        let mut app = app_sized(w, h, true);
        press(&mut app, &["d"]);
        type_text(&mut app, "2016");
        press(&mut app, &["Tab"]);
        type_text(&mut app, "2017");
        press(&mut app, &["Enter", "g"]);
        assert_eq!(app.density().unit, annals::tui::density::Unit::Month);
        let first = app.density().label(0);
        let axis = axis_row(&screen(&mut app, w, h));
        assert!(axis.contains('▴'), "{w}x{h}: {axis}");
        let labels: Vec<&str> = axis.split([' ', '▴']).filter(|l| !l.is_empty()).collect();
        assert_eq!(labels.first(), Some(&first.as_str()), "{w}x{h}: {axis}");
        // and with the last event selected
        press(&mut app, &["G"]);
        let axis = axis_row(&screen(&mut app, w, h));
        assert!(
            axis.contains('▴') && axis.contains(&first),
            "{w}x{h}: {axis}"
        );
    }
}

#[test]
fn help_never_cuts_a_key() {
    let app = app_sized(120, 40, true);
    for width in [56usize, 78, 118, 198] {
        let text: String = annals::tui::pane_lines::help_lines(&app.keymap, width)
            .iter()
            .map(|l| annals::tui::plain::text(l) + "\n")
            .collect();
        assert!(!text.contains('…'), "{width}:\n{text}");
        for section in annals::tui::keymap::help(&app.keymap) {
            for (keys, _) in section.rows {
                if keys.len() < width {
                    assert!(text.contains(&keys), "{width}: {keys} is cut:\n{text}");
                }
            }
        }
        assert!(text.contains("Tab / Shift-Tab / Up / Down"), "{width}");
    }
}

#[test]
fn the_hint_line_says_when_help_has_more() {
    // wide: every hint, and `?` is help
    let mut app = app_sized(200, 40, true);
    let s = screen(&mut app, 200, 40);
    let bottom = s.lines().last().unwrap().to_string();
    for word in [
        "move",
        "search",
        "countries",
        "dates",
        "detail",
        "mark",
        "tags",
        "export",
        "extracted",
        "? help",
        "q quit",
    ] {
        assert!(bottom.contains(word), "{word}: {bottom}");
    }
    // narrow: some are left out, and the help hint says it has more
    for (w, h) in [(80, 24), (60, 12)] {
        let mut app = app_sized(w, h, true);
        let s = screen(&mut app, w, h);
        let bottom = s.lines().last().unwrap();
        assert!(bottom.contains("? more keys"), "{bottom}");
        assert!(bottom.contains("q quit"), "{bottom}");
    }
    // a dialog's hints fit at 120 columns, with the way out last
    let mut app = app_sized(120, 40, true);
    press(&mut app, &["c"]);
    let s = screen(&mut app, 120, 40);
    let bottom = s.lines().last().unwrap();
    assert!(bottom.ends_with("Esc close"), "{bottom}");
    // and at 80 the way out stays, with a sign that more keys were left out
    let s = screen(&mut app, 80, 24);
    let bottom = s.lines().last().unwrap();
    assert!(
        bottom.contains("Esc close") && bottom.ends_with('…'),
        "{bottom}"
    );
}

// issue 18, item 24: the row's number counts articles

#[test]
fn the_row_counts_articles_and_the_detail_groups_sentences_by_article() {
    let mut app = app_sized(200, 40, true);
    select_title(&mut app, "Coup attempt");
    let e = app.selected_event().unwrap().clone();
    assert_eq!(e.sources.len(), 2, "two sentences…");
    assert_eq!(e.article_count(), 1, "…of one article");
    let s = screen(&mut app, 200, 40);
    let row = s
        .lines()
        .find(|l| l.contains("▸") && l.contains("Coup attempt in Turkey"))
        .unwrap();
    let timeline_part: String = row.chars().take(120).collect();
    assert!(
        timeline_part
            .trim_end()
            .trim_end_matches('┃')
            .trim_end()
            .ends_with(" 1"),
        "{row}"
    );
    assert!(s.contains("1 article · 2 sentences"), "{s}");
    let title = "Five years after the failed coup, Ankara’s turn to Moscow";
    assert!(s.contains(&format!("1. {title}")), "{s}");
    assert!(
        !s.contains(&format!("2. {title}")),
        "the article is listed once:\n{s}"
    );
    assert!(s.contains("“The coup attempt of July 15, 2016 changed Turkish politics for good.”"));
}
