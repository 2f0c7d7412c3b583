//! The modes over the timeline: the search line, the pickers, the date
//! range, the export dialog and help, each taking the actions meant for it.

use ratatui::layout::Position;

use crate::model::DateValue;
use crate::tui::action::{Action, Command, Effect};
use crate::tui::export_hook::{self};
use crate::tui::layout::{self};

use super::*;

pub(super) fn on_search(app: &mut App, action: Action) {
    let mut keep = true;
    match action {
        Action::Input(c) => {
            app.filter.query.push(c);
            app.first_match = !app.filter.query.trim().is_empty();
            app.refilter();
        }
        Action::DeleteBack | Action::DeleteWord | Action::ClearInput => {
            let before = app.filter.query.clone();
            edit(&mut app.filter.query, &action);
            if app.filter.query != before {
                app.first_match = !app.filter.query.trim().is_empty();
                app.refilter();
            }
        }
        Action::Submit => keep = false,
        Action::Back => {
            keep = false;
            if !app.filter.query.is_empty() {
                app.filter.query.clear();
                app.first_match = false;
                app.refilter();
            }
        }
        Action::Cmd(Command::Up) => app.move_by(-1),
        Action::Cmd(Command::Down) => app.move_by(1),
        Action::Wheel { down, .. } => app.move_by(if down { 3 } else { -3 }),
        _ => {}
    }
    if keep {
        app.mode = Mode::Search;
    }
}

/// Returns whether the picker stays open.
pub(super) fn on_picker(app: &mut App, p: &mut Picker, action: Action) -> bool {
    let page = app.picker_height(p).saturating_sub(1).max(1);
    match action {
        Action::Input(c) => {
            p.input.push(c);
            app.rematch(p);
        }
        Action::DeleteBack | Action::DeleteWord | Action::ClearInput => {
            let before = p.input.clone();
            edit(&mut p.input, &action);
            if p.input != before {
                app.rematch(p);
            }
        }
        Action::Toggle => toggle_highlighted(app, p),
        Action::Submit => {
            if p.input.trim().is_empty() {
                return false;
            }
            toggle_highlighted(app, p);
            p.input.clear();
            app.rematch(p);
        }
        Action::NextField => {
            let all = match p.kind {
                PickerKind::Countries => &mut app.filter.all_countries,
                PickerKind::Tags => &mut app.filter.all_tags,
            };
            *all = !*all;
            app.refilter();
        }
        Action::Cmd(Command::Up) => p.cursor = p.cursor.saturating_sub(1),
        Action::Cmd(Command::Down) => p.cursor += 1,
        Action::Cmd(Command::PageUp) => p.cursor = p.cursor.saturating_sub(page),
        Action::Cmd(Command::PageDown) => p.cursor += page,
        Action::Wheel { down, .. } => {
            p.cursor = if down {
                p.cursor + 3
            } else {
                p.cursor.saturating_sub(3)
            }
        }
        Action::Click { column, row } => {
            let list = layout::picker_list(app.screen(), p.items.len());
            if list.contains(Position::new(column, row)) {
                p.cursor = p.scroll + (row - list.y) as usize;
                if p.cursor < p.matches.len() {
                    toggle_highlighted(app, p);
                }
            }
        }
        Action::Back => return false,
        _ => {}
    }
    p.cursor = p.cursor.min(p.matches.len().saturating_sub(1));
    app.keep_picker_visible(p);
    true
}

fn toggle_highlighted(app: &mut App, p: &Picker) {
    match p.matches.get(p.cursor) {
        Some(&i) => {
            let value = p.items[i].0.clone();
            app.toggle_value(p.kind, &value);
        }
        None => {
            let what = match p.kind {
                PickerKind::Countries => "country",
                PickerKind::Tags => "tag",
            };
            app.message = Some(Message::error(format!(
                "no {what} in the data matches “{}”",
                crate::text::one_line(p.input.trim())
            )));
        }
    }
}

/// Reads one field of the date dialog: `None` for an empty field.
fn parse_field(name: &str, s: &str) -> Result<Option<DateValue>, String> {
    let s = s.trim();
    if s.is_empty() {
        return Ok(None);
    }
    s.parse::<DateValue>()
        .map(Some)
        .map_err(|e| format!("{name}: {}", crate::text::one_line(&e.to_string())))
}

/// Returns whether the dialog stays open.
pub(super) fn on_dates(app: &mut App, d: &mut DateDialog, action: Action) -> bool {
    let field = match d.field {
        DateField::From => &mut d.from,
        DateField::To => &mut d.to,
    };
    match action {
        Action::Input(c) => {
            if field.chars().count() < 20 {
                field.push(c);
            }
            d.error = None;
        }
        Action::DeleteBack | Action::DeleteWord | Action::ClearInput => {
            edit(field, &action);
            d.error = None;
        }
        Action::NextField
        | Action::Cmd(Command::Up)
        | Action::Cmd(Command::Down)
        | Action::Toggle => {
            d.field = match d.field {
                DateField::From => DateField::To,
                DateField::To => DateField::From,
            }
        }
        Action::Submit => {
            let from = parse_field("from", &d.from);
            let to = parse_field("to", &d.to);
            match (from, to) {
                (Err(e), _) | (_, Err(e)) => d.error = Some(e),
                (Ok(from), Ok(to)) => {
                    if let (Some(a), Some(b)) = (from, to) {
                        if a.start() >= b.end() {
                            d.error = Some(format!(
                                "the range is empty: {} is after {}",
                                a.describe(),
                                b.describe()
                            ));
                            return true;
                        }
                    }
                    app.filter.from = from;
                    app.filter.to = to;
                    app.refilter();
                    app.message = Some(Message::info(match (from, to) {
                        (None, None) => "no date range".to_string(),
                        (Some(a), None) => format!("from {}", a.describe()),
                        (None, Some(b)) => format!("up to {}", b.describe()),
                        (Some(a), Some(b)) => {
                            format!("from {} to {}", a.describe(), b.describe())
                        }
                    }));
                    return false;
                }
            }
        }
        Action::Back => return false,
        _ => {}
    }
    true
}

/// Edits an input with Backspace, Ctrl-w or Ctrl-u; returns whether the
/// action was one of those (the input may be unchanged when it was empty).
fn edit(input: &mut String, action: &Action) -> bool {
    match action {
        Action::DeleteBack => {
            input.pop();
        }
        Action::DeleteWord => delete_word(input),
        Action::ClearInput => input.clear(),
        _ => return false,
    }
    true
}

/// Deletes the last word: the separators (spaces, `/`) that end the input,
/// then back to the previous separator, as Ctrl-w does in a shell (where a
/// folder name in a path counts as a word).
pub fn delete_word(input: &mut String) {
    let sep = |c: char| c == '/' || c.is_whitespace();
    let kept = input.trim_end_matches(sep);
    let kept = kept.trim_end_matches(|c: char| !sep(c));
    input.truncate(kept.len());
}

/// The extension of a file name (after its last dot, not at its start).
fn extension(name: &str) -> Option<&str> {
    let file = name.rsplit(['/', std::path::MAIN_SEPARATOR]).next()?;
    match file.rfind('.') {
        Some(0) | None => None,
        Some(i) => Some(&file[i + 1..]).filter(|e| !e.is_empty()),
    }
}

/// The dialog's format becomes `to`: a proposed name becomes the new format's
/// proposed name, and a name ending in the old format's extension takes the
/// new one. An extension the user typed that is not the format's is kept
/// (the dialog asks about it before writing).
fn set_format(d: &mut ExportDialog, to: crate::export::Format) {
    let from = d.format;
    let new = to;
    if d.path == export_hook::default_file(from) {
        d.path = export_hook::default_file(new);
    } else if let Some(ext) =
        extension(&d.path).filter(|e| e.eq_ignore_ascii_case(from.extension()))
    {
        let stem = d.path.len() - ext.len();
        d.path.truncate(stem);
        d.path.push_str(new.extension());
    }
    d.format = to;
}

/// Returns the effects and whether the dialog stays open.
pub(super) fn on_export(
    app: &mut App,
    d: &mut ExportDialog,
    action: Action,
) -> (Vec<Effect>, bool) {
    if let Some(ask) = d.confirm.take() {
        match action {
            Action::Confirm => {
                let force = matches!(ask, Ask::Overwrite(_));
                match app.export_effect(d, force) {
                    Ok(e) => return (vec![e], true),
                    Err(e) => d.error = Some(e),
                }
            }
            Action::Back => {}
            _ => d.confirm = Some(ask),
        }
        return (Vec::new(), true);
    }
    match action {
        Action::Input(c) => {
            d.path.push(c);
            d.error = None;
        }
        Action::DeleteBack | Action::DeleteWord | Action::ClearInput => {
            edit(&mut d.path, &action);
            d.error = None;
        }
        Action::Cmd(Command::Up) => set_format(d, export_hook::next_format(d.format, -1)),
        Action::Cmd(Command::Down) | Action::NextField => {
            set_format(d, export_hook::next_format(d.format, 1))
        }
        Action::Submit => {
            let format = d.format;
            match extension(d.path.trim()) {
                Some(ext) if !ext.eq_ignore_ascii_case(format.extension()) => {
                    d.error = None;
                    d.confirm = Some(Ask::Extension {
                        typed: ext.to_string(),
                        format: format.name().to_string(),
                        expected: format.extension().to_string(),
                    });
                }
                _ => match app.export_effect(d, false) {
                    Ok(e) => {
                        d.error = None;
                        return (vec![e], true);
                    }
                    Err(e) => d.error = Some(e),
                },
            }
        }
        Action::Back => return (Vec::new(), false),
        _ => {}
    }
    (Vec::new(), true)
}

/// Returns whether help stays open.
pub(super) fn on_help(app: &mut App, scroll: &mut usize, action: Action) -> bool {
    let max = app.help_max_scroll();
    let page = (layout::inner(layout::help(app.screen())).height as usize)
        .saturating_sub(1)
        .max(1);
    match action {
        Action::Back => return false,
        Action::Cmd(Command::Down) => *scroll += 1,
        Action::Cmd(Command::Up) => *scroll = scroll.saturating_sub(1),
        Action::Cmd(Command::PageDown) => *scroll += page,
        Action::Cmd(Command::PageUp) => *scroll = scroll.saturating_sub(page),
        Action::Wheel { down, .. } => {
            *scroll = if down {
                *scroll + 3
            } else {
                scroll.saturating_sub(3)
            }
        }
        _ => {}
    }
    *scroll = (*scroll).min(max);
    true
}
