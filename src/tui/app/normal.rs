//! The timeline's own keys and mouse: the commands of the key map.

use ratatui::layout::Position;

use crate::filter::Filter;
use crate::model::{Status, Statuses};
use crate::tui::action::{Action, Command, Effect, LoadStatus};
use crate::tui::glyphs::EXPECTED_GLYPH;
use crate::tui::layout::{self, Row};

use super::*;

pub(super) fn on_normal(app: &mut App, action: Action) -> Vec<Effect> {
    match action {
        Action::Cmd(c) => command(app, c),
        Action::Back => {
            if app.focus == Focus::Detail {
                app.focus = Focus::Timeline;
            }
            Vec::new()
        }
        Action::Click { column, row } => {
            click(app, column, row);
            Vec::new()
        }
        Action::Wheel { column, row, down } => {
            let d = if down { 3 } else { -3 };
            let over_detail = layout::areas(app.screen())
                .is_some_and(|a| a.detail.contains(Position::new(column, row)));
            if over_detail {
                app.scroll_detail(d);
            } else {
                app.move_by(d);
            }
            Vec::new()
        }
        _ => Vec::new(),
    }
}

fn click(app: &mut App, column: u16, row: u16) {
    let Some(a) = layout::areas(app.screen()) else {
        return;
    };
    let at = Position::new(column, row);
    if a.timeline.contains(at) {
        app.focus = Focus::Timeline;
        if a.timeline_inner.contains(at) {
            let r = app.scroll + (row - a.timeline_inner.y) as usize;
            match layout::row_at(&app.years, app.shown.len(), r) {
                Some(Row::Event(p)) => app.select(p),
                Some(Row::Year(y)) => app.select(app.years[y].1),
                None => {}
            }
        }
    } else if a.detail.contains(at) {
        app.focus = Focus::Detail;
    }
}

fn command(app: &mut App, c: Command) -> Vec<Effect> {
    let page = app.list_height().saturating_sub(1).max(1) as isize;
    let detail_page = app.detail_height().saturating_sub(1).max(1) as isize;
    let in_detail = app.focus == Focus::Detail;
    match c {
        Command::Down if in_detail => app.scroll_detail(1),
        Command::Up if in_detail => app.scroll_detail(-1),
        Command::PageDown if in_detail => app.scroll_detail(detail_page),
        Command::PageUp if in_detail => app.scroll_detail(-detail_page),
        Command::HalfPageDown if in_detail => app.scroll_detail(detail_page / 2 + 1),
        Command::HalfPageUp if in_detail => app.scroll_detail(-(detail_page / 2 + 1)),
        Command::Top if in_detail => app.detail_scroll = 0,
        Command::Bottom if in_detail => app.detail_scroll = app.detail_max_scroll(),
        Command::Down => app.move_by(1),
        Command::Up => app.move_by(-1),
        Command::PageDown => app.move_by(page),
        Command::PageUp => app.move_by(-page),
        Command::HalfPageDown => app.move_by(page / 2 + 1),
        Command::HalfPageUp => app.move_by(-(page / 2 + 1)),
        Command::Top => app.select(0),
        Command::Bottom => app.select(app.shown.len().saturating_sub(1)),
        Command::PreviousYear => app.year_jump(false),
        Command::NextYear => app.year_jump(true),
        Command::SwitchFocus => {
            app.focus = match app.focus {
                Focus::Timeline => Focus::Detail,
                Focus::Detail => Focus::Timeline,
            }
        }
        Command::Search => app.mode = Mode::Search,
        Command::Countries | Command::Tags if app.waiting_for_data() => {
            app.message = Some(Message::info(
                "the data is still loading: its countries and tags are not known yet",
            ));
        }
        Command::Countries => app.open_picker(PickerKind::Countries),
        Command::Tags => app.open_picker(PickerKind::Tags),
        Command::Dates => app.open_dates(),
        Command::ToggleExtracted => {
            // all shown -> low confidence hidden -> all extracted hidden
            let f = &mut app.filter;
            let text = if f.curated_only {
                f.curated_only = false;
                f.min_confidence = None;
                "events extracted from articles are shown (marked ~)".to_string()
            } else if f.min_confidence.is_some() {
                f.curated_only = true;
                f.min_confidence = None;
                "events extracted from articles are hidden".to_string()
            } else {
                f.min_confidence = Some(LOW_CONFIDENCE);
                format!(
                    "extracted events of confidence below {:.1} are hidden",
                    f32::from(LOW_CONFIDENCE) / 100.0
                )
            };
            app.refilter();
            app.message = Some(Message::info(text));
        }
        Command::ToggleExpected => {
            let f = &mut app.filter;
            let hidden = !f.statuses.is_empty() && !f.statuses.contains(Status::Expected);
            f.statuses = if hidden {
                Statuses::default()
            } else {
                Status::ALL
                    .into_iter()
                    .filter(|&s| s != Status::Expected)
                    .collect()
            };
            app.refilter();
            app.message = Some(Message::info(if hidden {
                format!("expected events are shown (marked {})", EXPECTED_GLYPH)
            } else {
                "expected events are hidden".to_string()
            }));
        }
        Command::ClearFilters => {
            if app.filter.is_empty() {
                app.message = Some(Message::info("no filters to clear"));
            } else {
                app.filter = Filter::default();
                app.refilter();
                app.message = Some(Message::info("filters cleared"));
            }
        }
        Command::Mark => {
            if let Some(i) = app.selected_index() {
                if !app.marks.remove(i) {
                    app.marks.insert(i);
                }
                app.move_by(1);
            }
        }
        Command::MarkAll => {
            let before = app.marks.len();
            for &i in app.shown.iter() {
                app.marks.insert(i);
            }
            app.message = Some(Message::info(format!(
                "marked {} events shown ({} newly)",
                app.shown.len(),
                app.marks.len() - before
            )));
        }
        Command::ClearMarks => {
            let n = app.marks.len();
            app.marks.clear();
            app.message = Some(Message::info(format!("cleared {n} marks")));
        }
        Command::Export if app.first_load() => {
            // a preview is part of the data: an export of it would look whole
            app.message = Some(Message::info(
                "the data is still loading: export once it has loaded",
            ));
        }
        Command::Export if app.marks.is_empty() && app.applied.is_none() => {
            // what is shown is part of the filter's result (or nothing yet)
            app.message = Some(Message::info(
                "the list is still being filtered: export once it is complete, or mark events",
            ));
        }
        Command::Export => app.open_export(),
        Command::CopyCitation => match app.selected_event() {
            Some(e) => {
                let text = crate::tui::citation::citation(&e);
                app.message = Some(Message::info(format!(
                    "copied to the clipboard (through the terminal): {text}"
                )));
                return vec![Effect::Copy(text)];
            }
            None => app.message = Some(Message::info("no event is selected: nothing to copy")),
        },
        Command::Reload if app.loading.is_some() => {
            app.message = Some(Message::info("the data is already loading"));
        }
        Command::Reload => {
            app.loading = Some(LoadStatus::reload_starting());
            return vec![Effect::Reload];
        }
        Command::Help => app.mode = Mode::Help { scroll: 0 },
        Command::Quit => {
            app.quitting = true;
            return vec![Effect::Quit];
        }
    }
    Vec::new()
}
