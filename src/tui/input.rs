//! Terminal events to actions: the key map in the timeline, the fixed keys of
//! each dialog, typing into inputs, the mouse, resizes. Key releases are
//! ignored.

use crossterm::event::{Event, KeyCode, KeyEventKind, MouseButton, MouseEvent, MouseEventKind};

use super::action::{Action, Command};
use super::app::{App, Ask, Mode};
use super::keymap::{self, DialogOp, Key, ModeKeys};
use super::layout;

/// The action a terminal event asks for, if any.
pub fn action_for(app: &App, ev: &Event) -> Option<Action> {
    match ev {
        Event::Key(k) => {
            if k.kind == KeyEventKind::Release {
                return None;
            }
            key_action(app, Key::from_event(k))
        }
        Event::Mouse(m) => mouse_action(app, m),
        Event::Resize(width, height) => Some(Action::Resize {
            width: *width,
            height: *height,
        }),
        _ => None,
    }
}

fn mouse_action(app: &App, m: &MouseEvent) -> Option<Action> {
    // nothing on the "too small" screen answers the mouse
    layout::areas(app.screen())?;
    let (column, row) = (m.column, m.row);
    match m.kind {
        MouseEventKind::Down(MouseButton::Left) => Some(Action::Click { column, row }),
        MouseEventKind::ScrollDown => Some(Action::Wheel {
            column,
            row,
            down: true,
        }),
        MouseEventKind::ScrollUp => Some(Action::Wheel {
            column,
            row,
            down: false,
        }),
        _ => None,
    }
}

/// The action a key asks for in the current mode.
pub fn key_action(app: &App, key: Key) -> Option<Action> {
    if key == keymap::QUIT_ALWAYS {
        return Some(Action::ForceQuit);
    }
    if layout::areas(app.screen()).is_none() {
        // the "too small" screen names the quit key, in whatever mode
        return (app.keymap.command(key) == Some(Command::Quit))
            .then_some(Action::Cmd(Command::Quit));
    }
    if matches!(app.mode, Mode::Help { .. }) && app.keymap.command(key) == Some(Command::Help) {
        // the keys that open help close it
        return Some(Action::Back);
    }
    match &app.mode {
        Mode::Normal => {
            if key == keymap::BACK {
                return Some(Action::Back);
            }
            app.keymap.command(key).map(Action::Cmd)
        }
        Mode::Search => dialog(&keymap::SEARCH_KEYS, key),
        Mode::Picker(_) => dialog(&keymap::PICKER_KEYS, key),
        Mode::Dates(_) => dialog(&keymap::DATES_KEYS, key),
        Mode::Export(d) => match &d.confirm {
            Some(Ask::Overwrite(_)) => dialog(&keymap::OVERWRITE_KEYS, key),
            Some(Ask::Extension { .. }) => dialog(&keymap::EXTENSION_KEYS, key),
            None => dialog(&keymap::EXPORT_KEYS, key),
        },
        Mode::Help { .. } => dialog(&keymap::HELP_KEYS, key),
    }
}

fn dialog(keys: &ModeKeys, key: Key) -> Option<Action> {
    if let Some(op) = keys.op(key) {
        return Some(match op {
            DialogOp::Submit => Action::Submit,
            DialogOp::Back => Action::Back,
            DialogOp::DeleteBack => Action::DeleteBack,
            DialogOp::DeleteWord => Action::DeleteWord,
            DialogOp::ClearInput => Action::ClearInput,
            DialogOp::NextField => Action::NextField,
            DialogOp::Toggle => Action::Toggle,
            DialogOp::Up => Action::Cmd(Command::Up),
            DialogOp::Down => Action::Cmd(Command::Down),
            DialogOp::PageUp => Action::Cmd(Command::PageUp),
            DialogOp::PageDown => Action::Cmd(Command::PageDown),
            DialogOp::Confirm => Action::Confirm,
        });
    }
    match key.code {
        KeyCode::Char(c) if keys.typing.is_some() && !key.ctrl && !key.alt => {
            Some(Action::Input(c))
        }
        _ => None,
    }
}
