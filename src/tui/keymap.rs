//! The key map: which key runs which command, the user's overrides from
//! `keys.toml`, the fixed keys of the dialogs, and the help and hint text,
//! which are generated from these tables so they cannot drift from them.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use crossterm::event::KeyCode;

use crate::diag::Location;
use crate::text::one_line;

use super::commands::{Command, Group, TABLE};

pub use super::key::Key;

/// Keys no command may take: they work the same in every mode.
pub const QUIT_ALWAYS: Key = Key::ctrl('c');
pub const BACK: Key = Key::plain(KeyCode::Esc);

/// The default bindings, from the command table.
fn default_bindings() -> BTreeMap<Command, Vec<Key>> {
    TABLE.iter().map(|s| (s.command, s.keys.to_vec())).collect()
}

/// The timeline's key bindings.
#[derive(Debug, Clone)]
pub struct KeyMap {
    keys: BTreeMap<Command, Vec<Key>>,
    lookup: HashMap<Key, Command>,
    /// Where the bindings came from, for help: `None` for the defaults.
    pub source: Option<PathBuf>,
}

impl Default for KeyMap {
    fn default() -> KeyMap {
        KeyMap::from_keys(default_bindings(), None)
    }
}

impl KeyMap {
    fn from_keys(keys: BTreeMap<Command, Vec<Key>>, source: Option<PathBuf>) -> KeyMap {
        let mut lookup = HashMap::new();
        for (&c, ks) in &keys {
            for &k in ks {
                lookup.insert(k, c);
            }
        }
        KeyMap {
            keys,
            lookup,
            source,
        }
    }

    /// The command a key runs in the timeline.
    pub fn command(&self, key: Key) -> Option<Command> {
        self.lookup.get(&key).copied()
    }

    /// The keys of a command, in the order they were given.
    pub fn keys(&self, c: Command) -> &[Key] {
        self.keys.get(&c).map_or(&[], Vec::as_slice)
    }

    /// The keys of a command for people to read: `j / Down`.
    pub fn keys_text(&self, c: Command) -> String {
        let ks = self.keys(c);
        if ks.is_empty() {
            return "(unbound)".into();
        }
        ks.iter()
            .map(Key::to_string)
            .collect::<Vec<_>>()
            .join(" / ")
    }

    /// The first key of a command, for the hint line.
    pub fn first_key(&self, c: Command) -> Option<Key> {
        self.keys(c).first().copied()
    }

    /// The defaults with the bindings of a `keys.toml` file: each entry
    /// (`mark = "m"` or `down = ["j", "Down"]`) replaces the keys of one
    /// command. Every problem is returned with the file, line and column.
    pub fn from_toml(path: &Path, text: &str) -> Result<KeyMap, Vec<String>> {
        let at = |offset: usize| Location::at(path, text, offset);
        let table: BTreeMap<String, toml::Spanned<toml::Value>> =
            toml::from_str(text).map_err(|e| {
                let offset = e.span().map_or(0, |s| s.start);
                vec![format!("{}: {}", at(offset), one_line(e.message().trim()))]
            })?;
        let mut entries: Vec<(String, toml::Spanned<toml::Value>)> = table.into_iter().collect();
        entries.sort_by_key(|(_, v)| v.span().start);
        let mut errors = Vec::new();
        let mut keys = default_bindings();
        let mut origin: HashMap<Command, usize> = HashMap::new();
        for (name, value) in &entries {
            let offset = value.span().start;
            let Some(cmd) = Command::from_name(name.trim()) else {
                let known: Vec<&str> = Command::ALL.iter().map(|c| c.name()).collect();
                errors.push(format!(
                    "{}: unknown command `{}`; the commands are: {}",
                    at(offset),
                    crate::text::one_line(name),
                    known.join(", ")
                ));
                continue;
            };
            let written: Vec<&str> = match value.get_ref() {
                toml::Value::String(s) => vec![s.as_str()],
                toml::Value::Array(a) if a.iter().all(|v| v.is_str()) => {
                    a.iter().filter_map(|v| v.as_str()).collect()
                }
                _ => {
                    errors.push(format!(
                        "{}: `{}` takes a key (\"m\") or a list of keys ([\"m\", \"Ctrl-m\"])",
                        at(offset),
                        one_line(name)
                    ));
                    continue;
                }
            };
            let mut parsed = Vec::new();
            for w in written {
                match Key::parse(w) {
                    Ok(k) if k == QUIT_ALWAYS || k == BACK => errors.push(format!(
                        "{}: `{k}` is reserved: Ctrl-c always quits and Esc always backs out",
                        at(offset)
                    )),
                    Ok(k) => {
                        if !parsed.contains(&k) {
                            parsed.push(k);
                        }
                    }
                    Err(e) => errors.push(format!("{}: {}", at(offset), crate::text::one_line(&e))),
                }
            }
            keys.insert(cmd, parsed);
            origin.insert(cmd, offset);
        }
        // a key may run one command only
        let mut seen: HashMap<Key, Command> = HashMap::new();
        for (&c, ks) in &keys {
            for &k in ks {
                match seen.get(&k) {
                    Some(&other) if other != c => {
                        let offset = origin
                            .get(&c)
                            .or_else(|| origin.get(&other))
                            .copied()
                            .unwrap_or(0);
                        errors.push(format!(
                            "{}: `{k}` is bound to both `{}` and `{}`",
                            at(offset),
                            other.name(),
                            c.name()
                        ));
                    }
                    _ => {
                        seen.insert(k, c);
                    }
                }
            }
        }
        if errors.is_empty() {
            Ok(KeyMap::from_keys(keys, Some(path.to_path_buf())))
        } else {
            Err(errors)
        }
    }

    /// The key map of the file at `path` when it exists, or the defaults. The
    /// second value lists the problems; when there are any, the defaults are
    /// used.
    pub fn load(path: Option<&Path>) -> (KeyMap, Vec<String>) {
        let Some(path) = path else {
            return (KeyMap::default(), Vec::new());
        };
        let text = match std::fs::read_to_string(path) {
            Ok(t) => t,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return (KeyMap::default(), Vec::new());
            }
            Err(e) => {
                return (
                    KeyMap::default(),
                    vec![format!(
                        "{}: cannot read: {e}; using the default keys",
                        one_line(&path.display().to_string())
                    )],
                );
            }
        };
        match KeyMap::from_toml(path, &text) {
            Ok(map) => (map, Vec::new()),
            Err(mut errors) => {
                errors.push(format!(
                    "{}: not used because of the problems above; using the default keys",
                    one_line(&path.display().to_string())
                ));
                (KeyMap::default(), errors)
            }
        }
    }
}

/// Where the user's key map lives: `$XDG_CONFIG_HOME/annals/keys.toml`, else
/// `~/.config/annals/keys.toml`.
pub fn config_path() -> Option<PathBuf> {
    let xdg = std::env::var_os("XDG_CONFIG_HOME")
        .map(PathBuf::from)
        .filter(|p| p.is_absolute());
    if let Some(x) = xdg {
        return Some(x.join("annals").join("keys.toml"));
    }
    std::env::var_os("HOME").filter(|h| !h.is_empty()).map(|h| {
        PathBuf::from(h)
            .join(".config")
            .join("annals")
            .join("keys.toml")
    })
}

/// What a fixed key does in a dialog.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DialogOp {
    Submit,
    Back,
    DeleteBack,
    DeleteWord,
    ClearInput,
    NextField,
    Toggle,
    Up,
    Down,
    PageUp,
    PageDown,
    Confirm,
}

/// The fixed keys of one mode, with what typing does there.
pub struct ModeKeys {
    pub title: &'static str,
    /// What typed characters do, when they go into an input.
    pub typing: Option<&'static str>,
    /// Keys, what they do, a word or two for the hint line (none keeps the
    /// binding off it), and a sentence for help.
    pub bindings: &'static [(&'static [Key], DialogOp, &'static str, &'static str)],
}

impl ModeKeys {
    /// The first key that does `op` here, for text that names it.
    pub fn first_key(&self, op: DialogOp) -> Option<Key> {
        self.bindings
            .iter()
            .find(|(_, o, _, _)| *o == op)
            .and_then(|(keys, _, _, _)| keys.first().copied())
    }

    pub fn op(&self, key: Key) -> Option<DialogOp> {
        self.bindings
            .iter()
            .find(|(keys, _, _, _)| keys.contains(&key))
            .map(|&(_, op, _, _)| op)
    }
}

const ENTER: Key = Key::plain(KeyCode::Enter);
const ESC: Key = Key::plain(KeyCode::Esc);
const BACKSPACE: Key = Key::plain(KeyCode::Backspace);
const TAB: Key = Key::plain(KeyCode::Tab);
const BACKTAB: Key = Key::plain(KeyCode::BackTab);
const UP: Key = Key::plain(KeyCode::Up);
const DOWN: Key = Key::plain(KeyCode::Down);
const LEFT: Key = Key::plain(KeyCode::Left);
const RIGHT: Key = Key::plain(KeyCode::Right);
const PGUP: Key = Key::plain(KeyCode::PageUp);
const PGDN: Key = Key::plain(KeyCode::PageDown);

/// Ctrl-w and Ctrl-u in every input, as in a shell. Help lists them; the
/// hint line has no room for them (an empty word keeps a binding out of it).
const DELETE_WORD: (&[Key], DialogOp, &str, &str) = (
    &[Key::ctrl('w')],
    DialogOp::DeleteWord,
    "",
    "delete the word (or folder name) before the cursor",
);
const CLEAR_INPUT: (&[Key], DialogOp, &str, &str) = (
    &[Key::ctrl('u')],
    DialogOp::ClearInput,
    "",
    "clear the input",
);

pub const SEARCH_KEYS: ModeKeys = ModeKeys {
    title: "In the search line (/)",
    typing: Some("type to search; the list narrows as you type"),
    bindings: &[
        (&[ENTER], DialogOp::Submit, "keep", "keep the query"),
        (&[ESC], DialogOp::Back, "clear", "clear the query"),
        (
            &[BACKSPACE],
            DialogOp::DeleteBack,
            "delete",
            "delete a character",
        ),
        DELETE_WORD,
        CLEAR_INPUT,
        (&[UP], DialogOp::Up, "move", "previous event"),
        (&[DOWN], DialogOp::Down, "move", "next event"),
    ],
};

pub const PICKER_KEYS: ModeKeys = ModeKeys {
    title: "In the country and tag pickers (c, t)",
    typing: Some("type to narrow: a code (tr), an alpha-3 code (rus) or a name (iran)"),
    bindings: &[
        (
            &[Key::ch(' ')],
            DialogOp::Toggle,
            "toggle",
            "toggle the highlighted item",
        ),
        (
            &[ENTER],
            DialogOp::Submit,
            "pick typed / done",
            "toggle the highlighted item and clear the typing; close when nothing is typed",
        ),
        (
            &[TAB, BACKTAB],
            DialogOp::NextField,
            "any/all",
            "switch between any of and all of",
        ),
        (&[UP, Key::ctrl('p')], DialogOp::Up, "move", "move up"),
        (&[DOWN, Key::ctrl('n')], DialogOp::Down, "move", "move down"),
        (&[PGUP], DialogOp::PageUp, "page", "a page up"),
        (&[PGDN], DialogOp::PageDown, "page", "a page down"),
        (
            &[BACKSPACE],
            DialogOp::DeleteBack,
            "delete",
            "delete a character",
        ),
        DELETE_WORD,
        CLEAR_INPUT,
        (&[ESC], DialogOp::Back, "close", "close (the choices stay)"),
    ],
};

/// What the date range's fields take (help and the dialog both say it).
macro_rules! date_forms {
    () => {
        "YYYY, YYYY-MM or YYYY-MM-DD; leave a field empty for no limit"
    };
}

/// What the date range's fields take, as the dialog says it.
pub const DATE_FORMS: &str = date_forms!();

pub const DATES_KEYS: ModeKeys = ModeKeys {
    title: "In the date range (d)",
    typing: Some(concat!("type ", date_forms!())),
    bindings: &[
        (
            &[TAB, BACKTAB, UP, DOWN],
            DialogOp::NextField,
            "other field",
            "the other field",
        ),
        (&[ENTER], DialogOp::Submit, "apply", "apply the range"),
        (
            &[BACKSPACE],
            DialogOp::DeleteBack,
            "delete",
            "delete a character",
        ),
        DELETE_WORD,
        CLEAR_INPUT,
        (&[ESC], DialogOp::Back, "cancel", "cancel"),
    ],
};

pub const EXPORT_KEYS: ModeKeys = ModeKeys {
    title: "In the export dialog (e)",
    typing: Some(
        "type the file's name, in the folder shown above it, or a path; the extension follows the format unless you type another",
    ),
    bindings: &[
        (
            &[UP, LEFT, BACKTAB],
            DialogOp::Up,
            "format",
            "previous format",
        ),
        (&[DOWN, RIGHT, TAB], DialogOp::Down, "format", "next format"),
        (&[ENTER], DialogOp::Submit, "export", "export"),
        (
            &[BACKSPACE],
            DialogOp::DeleteBack,
            "delete",
            "delete a character",
        ),
        DELETE_WORD,
        CLEAR_INPUT,
        (&[ESC], DialogOp::Back, "cancel", "cancel"),
    ],
};

pub const EXTENSION_KEYS: ModeKeys = ModeKeys {
    title: "When the file name's extension is not the format's",
    typing: None,
    bindings: &[
        (
            &[Key::ch('y'), Key::ch('Y')],
            DialogOp::Confirm,
            "export anyway",
            "export to that name anyway",
        ),
        (
            &[Key::ch('n'), Key::ch('N'), ESC],
            DialogOp::Back,
            "change it",
            "go back and change the name or the format",
        ),
    ],
};

pub const OVERWRITE_KEYS: ModeKeys = ModeKeys {
    title: "When asked to overwrite a file",
    typing: None,
    bindings: &[
        (
            &[Key::ch('y'), Key::ch('Y')],
            DialogOp::Confirm,
            "overwrite",
            "overwrite",
        ),
        (
            &[Key::ch('n'), Key::ch('N'), ESC],
            DialogOp::Back,
            "keep the file",
            "keep the file",
        ),
    ],
};

pub const HELP_KEYS: ModeKeys = ModeKeys {
    title: "In this help",
    typing: None,
    bindings: &[
        (
            &[ESC, Key::ch('?'), Key::ch('q'), ENTER],
            DialogOp::Back,
            "close",
            "close",
        ),
        (
            &[Key::ch('j'), DOWN],
            DialogOp::Down,
            "scroll",
            "scroll down",
        ),
        (&[Key::ch('k'), UP], DialogOp::Up, "scroll", "scroll up"),
        (
            &[PGDN, Key::ch(' ')],
            DialogOp::PageDown,
            "page",
            "a page down",
        ),
        (&[PGUP], DialogOp::PageUp, "page", "a page up"),
    ],
};

/// The hint line for the timeline: (keys, word) pairs in the order of the
/// command table's hint ranks; commands of one rank share a hint (`j/k move`).
pub fn hints(map: &KeyMap) -> Vec<(String, &'static str)> {
    let mut ranked: Vec<_> = TABLE
        .iter()
        .filter_map(|s| s.hint.map(|h| (h, s.command)))
        .collect();
    ranked.sort_by_key(|(h, _)| h.rank);
    let mut out: Vec<(u8, Vec<String>, &'static str)> = Vec::new();
    for (h, c) in ranked {
        let key = map.first_key(c).map(|k| k.to_string());
        match out.last_mut() {
            Some((rank, keys, _)) if *rank == h.rank => keys.extend(key),
            _ => out.push((h.rank, key.into_iter().collect(), h.word)),
        }
    }
    out.into_iter()
        .filter(|(_, keys, _)| !keys.is_empty())
        .map(|(_, keys, word)| (keys.join("/"), word))
        .collect()
}

/// The hint line of a dialog: its keys and what they do, shortened (the
/// first key of each binding; help lists them all).
pub fn mode_hints(keys: &ModeKeys) -> Vec<(String, &'static str)> {
    let mut out: Vec<(String, &'static str)> = Vec::new();
    for (ks, _, short, _) in keys.bindings {
        let Some(k) = ks.first().map(Key::to_string).filter(|_| !short.is_empty()) else {
            continue;
        };
        // bindings that share a word (previous and next format) share a hint
        match out.iter_mut().find(|(_, w)| w == short) {
            Some((prev, _)) => {
                prev.push('/');
                prev.push_str(&k);
            }
            None => out.push((k, short)),
        }
    }
    out
}

/// One section of help: a title and (keys, description) rows.
pub struct HelpSection {
    pub title: String,
    pub rows: Vec<(String, String)>,
}

/// The whole help, generated from the key map and the dialogs' tables.
pub fn help(map: &KeyMap) -> Vec<HelpSection> {
    let mut out: Vec<HelpSection> = Group::ALL
        .iter()
        .map(|&g| HelpSection {
            title: g.title().to_string(),
            rows: TABLE
                .iter()
                .filter(|s| s.group == g)
                .map(|s| (map.keys_text(s.command), s.help.to_string()))
                .collect(),
        })
        .collect();
    out.push(HelpSection {
        title: "Anywhere".into(),
        rows: vec![
            (QUIT_ALWAYS.to_string(), "quit at once".into()),
            (BACK.to_string(), "back out of the current mode".into()),
            (
                "mouse".into(),
                "the wheel scrolls; a click selects a row or focuses a pane".into(),
            ),
        ],
    });
    // the keys that open help close it too
    let help_keys = map.keys(Command::Help);
    for (keys, also_back) in [
        (&SEARCH_KEYS, &[][..]),
        (&PICKER_KEYS, &[]),
        (&DATES_KEYS, &[]),
        (&EXPORT_KEYS, &[]),
        (&EXTENSION_KEYS, &[]),
        (&OVERWRITE_KEYS, &[]),
        (&HELP_KEYS, help_keys),
    ] {
        let mut rows = Vec::new();
        if let Some(t) = keys.typing {
            rows.push(("type".to_string(), t.to_string()));
        }
        for (ks, op, _, what) in keys.bindings {
            let mut ks: Vec<Key> = ks.to_vec();
            if *op == DialogOp::Back {
                for &k in also_back {
                    if !ks.contains(&k) {
                        ks.push(k);
                    }
                }
            }
            let k: Vec<String> = ks.iter().map(Key::to_string).collect();
            rows.push((k.join(" / "), what.to_string()));
        }
        out.push(HelpSection {
            title: keys.title.to_string(),
            rows,
        });
    }
    let file = match (&map.source, config_path()) {
        (Some(p), _) => format!("keys from {}", one_line(&p.display().to_string())),
        (None, Some(p)) => format!("rebind keys in {}", one_line(&p.display().to_string())),
        (None, None) => "rebind keys in $XDG_CONFIG_HOME/annals/keys.toml".into(),
    };
    out.push(HelpSection {
        title: "Key map".into(),
        rows: vec![
            ("file".into(), file),
            (
                "example".into(),
                "mark = \"m\"   down = [\"j\", \"Down\"]".into(),
            ),
            (
                "commands".into(),
                Command::ALL
                    .iter()
                    .map(|c| c.name())
                    .collect::<Vec<_>>()
                    .join(", "),
            ),
        ],
    });
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_have_no_conflicts_and_no_reserved_keys() {
        let mut seen = HashMap::new();
        for c in Command::ALL {
            for &k in c.default_keys() {
                assert!(k != QUIT_ALWAYS && k != BACK, "{k} is reserved");
                if let Some(other) = seen.insert(k, c) {
                    panic!("{k} bound to {other:?} and {c:?}");
                }
            }
        }
    }

    #[test]
    fn parses_and_prints_keys() {
        for (s, shown) in [
            ("j", "j"),
            ("G", "G"),
            ("Space", "Space"),
            ("ctrl-d", "Ctrl-d"),
            ("C-D", "Ctrl-d"),
            ("PageDown", "PgDn"),
            ("f1", "F1"),
            ("shift-tab", "Shift-Tab"),
            ("Alt-x", "Alt-x"),
        ] {
            assert_eq!(Key::parse(s).unwrap().to_string(), shown, "{s}");
        }
        assert!(Key::parse("").is_err());
        assert!(Key::parse("banana").is_err());
    }

    #[test]
    fn control_characters_are_no_keys_and_print_as_escapes() {
        for s in ["\u{1b}", "Ctrl-\u{7}", "\u{202e}", "\u{9b}"] {
            let e = Key::parse(s).unwrap_err();
            assert!(!e.chars().any(crate::text::is_dangerous), "{e:?}");
        }
        assert_eq!(Key::ch('\u{202e}').to_string(), "\\u{202e}");
        let errors =
            KeyMap::from_toml(Path::new("k.toml"), "\"\\u001b]0;x\\u0007\" = 3\n").unwrap_err();
        assert!(errors[0].contains("\\u{1b}]0;x"), "{errors:?}");
    }

    #[test]
    fn names_round_trip() {
        for c in Command::ALL {
            assert_eq!(Command::from_name(c.name()), Some(c));
        }
    }

    // the command table

    #[test]
    fn the_table_has_one_entry_per_command_in_order() {
        assert_eq!(TABLE.len(), Command::ALL.len());
        for (i, (s, c)) in TABLE.iter().zip(Command::ALL).enumerate() {
            assert_eq!(s.command, c, "entry {i}");
            assert_eq!(c as usize, i, "{c:?}");
        }
    }

    #[test]
    fn every_command_has_a_name_a_key_and_a_line_in_help() {
        let help = help(&KeyMap::default());
        let map = KeyMap::default();
        let mut names = std::collections::HashSet::new();
        for s in TABLE {
            let c = s.command;
            assert!(!s.name.trim().is_empty(), "{c:?} has no name");
            assert!(
                s.name
                    .chars()
                    .all(|ch| ch.is_ascii_lowercase() || ch == '-'),
                "{c:?}: `{}` is no keys.toml name",
                s.name
            );
            assert!(names.insert(s.name), "two commands are called {}", s.name);
            assert!(!s.keys.is_empty(), "{c:?} has no default key");
            assert_eq!(map.keys(c), s.keys, "{c:?}");
            assert!(!s.help.trim().is_empty(), "{c:?} has no help line");
            let rows: Vec<_> = help.iter().flat_map(|sec| &sec.rows).collect();
            assert!(
                rows.iter()
                    .any(|(k, d)| d == s.help && *k == map.keys_text(c)),
                "help has no line for {c:?}"
            );
        }
    }

    #[test]
    fn commands_of_one_hint_rank_share_its_word() {
        for a in TABLE {
            for b in TABLE {
                if let (Some(x), Some(y)) = (a.hint, b.hint) {
                    assert!(x.rank != y.rank || x.word == y.word, "{x:?} {y:?}");
                }
            }
        }
    }
}
