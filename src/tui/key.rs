//! A key as the explorer reads it from the terminal and from `keys.toml`,
//! and as help prints it. A leaf: the command table and the key map both
//! name keys.

use std::fmt;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use crate::text::one_line;

/// A key with the modifiers that matter. Shift is folded into the character
/// (`G`, `?`), so `Shift-g` and `G` are the same key.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Key {
    pub code: KeyCode,
    pub ctrl: bool,
    pub alt: bool,
}

impl Key {
    pub const fn plain(code: KeyCode) -> Key {
        Key {
            code,
            ctrl: false,
            alt: false,
        }
    }

    pub const fn ch(c: char) -> Key {
        Key::plain(KeyCode::Char(c))
    }

    pub const fn ctrl(c: char) -> Key {
        Key {
            code: KeyCode::Char(c),
            ctrl: true,
            alt: false,
        }
    }

    /// The key of a terminal key event.
    pub fn from_event(ev: &KeyEvent) -> Key {
        let ctrl = ev.modifiers.contains(KeyModifiers::CONTROL);
        let alt = ev.modifiers.contains(KeyModifiers::ALT);
        let code = match ev.code {
            // with Ctrl, terminals send the letter in either case
            KeyCode::Char(c) if ctrl => KeyCode::Char(c.to_ascii_lowercase()),
            other => other,
        };
        Key { code, ctrl, alt }
    }

    /// Reads a key as written in `keys.toml`: `j`, `G`, `?`, `Space`, `Tab`,
    /// `Enter`, `Esc`, `Backspace`, `Up`, `PageDown`, `F1`, `Ctrl-d`, `Alt-x`.
    pub fn parse(s: &str) -> Result<Key, String> {
        let mut rest = s.trim();
        let mut ctrl = false;
        let mut alt = false;
        let mut shift = false;
        loop {
            let lower = rest.to_ascii_lowercase();
            let strip =
                |p: &str| (lower.starts_with(p) && rest.len() > p.len()).then(|| &rest[p.len()..]);
            if let Some(r) = strip("ctrl-")
                .or_else(|| strip("ctrl+"))
                .or_else(|| strip("c-"))
            {
                ctrl = true;
                rest = r;
            } else if let Some(r) = strip("alt-")
                .or_else(|| strip("alt+"))
                .or_else(|| strip("m-"))
                .or_else(|| strip("a-"))
            {
                alt = true;
                rest = r;
            } else if let Some(r) = strip("shift-").or_else(|| strip("shift+")) {
                shift = true;
                rest = r;
            } else {
                break;
            }
        }
        let mut chars = rest.chars();
        let not_a_key = || Err(format!("`{}` is not a key", one_line(s)));
        let code = match (chars.next(), chars.next()) {
            (None, _) => return not_a_key(),
            // a control character is not something a key sends as text
            (Some(c), None) if c.is_control() || crate::text::is_dangerous(c) => {
                return not_a_key();
            }
            (Some(c), None) => {
                if ctrl {
                    KeyCode::Char(c.to_ascii_lowercase())
                } else if shift {
                    KeyCode::Char(c.to_ascii_uppercase())
                } else {
                    KeyCode::Char(c)
                }
            }
            _ => match rest.to_ascii_lowercase().as_str() {
                "space" => KeyCode::Char(' '),
                "tab" if shift => KeyCode::BackTab,
                "tab" => KeyCode::Tab,
                "backtab" => KeyCode::BackTab,
                "enter" | "return" => KeyCode::Enter,
                "esc" | "escape" => KeyCode::Esc,
                "backspace" | "bs" => KeyCode::Backspace,
                "delete" | "del" => KeyCode::Delete,
                "insert" | "ins" => KeyCode::Insert,
                "up" => KeyCode::Up,
                "down" => KeyCode::Down,
                "left" => KeyCode::Left,
                "right" => KeyCode::Right,
                "pageup" | "pgup" | "page-up" => KeyCode::PageUp,
                "pagedown" | "pgdn" | "page-down" => KeyCode::PageDown,
                "home" => KeyCode::Home,
                "end" => KeyCode::End,
                other => match other.strip_prefix('f').and_then(|n| n.parse::<u8>().ok()) {
                    Some(n) if (1..=12).contains(&n) => KeyCode::F(n),
                    _ => return not_a_key(),
                },
            },
        };
        Ok(Key { code, ctrl, alt })
    }
}

impl fmt::Display for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.ctrl {
            f.write_str("Ctrl-")?;
        }
        if self.alt {
            f.write_str("Alt-")?;
        }
        match self.code {
            KeyCode::Char(' ') => f.write_str("Space"),
            KeyCode::Char(c) => f.write_str(&one_line(c.encode_utf8(&mut [0; 4]))),
            KeyCode::Tab => f.write_str("Tab"),
            KeyCode::BackTab => f.write_str("Shift-Tab"),
            KeyCode::Enter => f.write_str("Enter"),
            KeyCode::Esc => f.write_str("Esc"),
            KeyCode::Backspace => f.write_str("Backspace"),
            KeyCode::Delete => f.write_str("Delete"),
            KeyCode::Insert => f.write_str("Insert"),
            KeyCode::Up => f.write_str("Up"),
            KeyCode::Down => f.write_str("Down"),
            KeyCode::Left => f.write_str("Left"),
            KeyCode::Right => f.write_str("Right"),
            KeyCode::PageUp => f.write_str("PgUp"),
            KeyCode::PageDown => f.write_str("PgDn"),
            KeyCode::Home => f.write_str("Home"),
            KeyCode::End => f.write_str("End"),
            KeyCode::F(n) => write!(f, "F{n}"),
            other => write!(f, "{other:?}"),
        }
    }
}
