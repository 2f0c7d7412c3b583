//! Every command a key can run in the timeline, declared once.
//!
//! One entry of the table below gives a command its variant, its name in
//! `keys.toml`, its default keys, its help group, its hint on the bottom
//! line (if any) and its line in help. The key map, help, the hint line,
//! the `keys.toml` reader and README's key table all read this table, so a
//! new binding is one entry here and its arm in `app::command`.

use crossterm::event::KeyCode;

use super::key::Key;

/// The sections of help that list the timeline's commands, in their order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Group {
    Moving,
    Filtering,
    MarksAndFiles,
}

impl Group {
    pub const ALL: [Group; 3] = [Group::Moving, Group::Filtering, Group::MarksAndFiles];

    /// The section's title in help.
    pub fn title(self) -> &'static str {
        match self {
            Group::Moving => "Moving",
            Group::Filtering => "Filtering",
            Group::MarksAndFiles => "Marks and files",
        }
    }
}

/// A command's place on the hint line: hints come in `rank` order, and
/// commands of one rank share a hint (`j/k move`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hint {
    pub rank: u8,
    pub word: &'static str,
}

/// One command's entry in the table.
#[derive(Debug, Clone, Copy)]
pub struct Spec {
    pub command: Command,
    /// What `keys.toml` calls it.
    pub name: &'static str,
    /// The keys it has unless `keys.toml` says otherwise.
    pub keys: &'static [Key],
    pub group: Group,
    /// On the hint line, when it is common enough to be there.
    pub hint: Option<Hint>,
    /// Its line in help.
    pub help: &'static str,
}

macro_rules! commands {
    ($(
        $(#[$doc:meta])*
        $variant:ident {
            name: $name:literal,
            keys: [$($key:expr),* $(,)?],
            group: $group:ident,
            hint: $hint:expr,
            help: $help:literal $(,)?
        }
    )*) => {
        /// A command that a key in the timeline can be bound to (see the
        /// table in `commands`).
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Command {
            $($(#[$doc])* $variant,)*
        }

        impl Command {
            /// Every command, in the order help lists them.
            pub const ALL: [Command; [$(Command::$variant),*].len()] = [$(Command::$variant),*];
        }

        /// The table: one entry per command, in the order of `Command::ALL`.
        pub const TABLE: &[Spec] = &[$(
            Spec {
                command: Command::$variant,
                name: $name,
                keys: &[$($key),*],
                group: Group::$group,
                hint: $hint,
                help: $help,
            },
        )*];
    };
}

const fn hint(rank: u8, word: &'static str) -> Option<Hint> {
    Some(Hint { rank, word })
}

const fn ch(c: char) -> Key {
    Key::ch(c)
}

const fn ctrl(c: char) -> Key {
    Key::ctrl(c)
}

const fn key(code: KeyCode) -> Key {
    Key::plain(code)
}

commands! {
    Down {
        name: "down",
        keys: [ch('j'), key(KeyCode::Down)],
        group: Moving,
        hint: hint(0, "move"),
        help: "next event (scrolls the detail when it has focus)",
    }
    Up {
        name: "up",
        keys: [ch('k'), key(KeyCode::Up)],
        group: Moving,
        hint: hint(0, "move"),
        help: "previous event (scrolls the detail when it has focus)",
    }
    PageDown {
        name: "page-down",
        keys: [key(KeyCode::PageDown), ctrl('f')],
        group: Moving,
        hint: None,
        help: "a page down",
    }
    PageUp {
        name: "page-up",
        keys: [key(KeyCode::PageUp), ctrl('b')],
        group: Moving,
        hint: None,
        help: "a page up",
    }
    HalfPageDown {
        name: "half-page-down",
        keys: [ctrl('d')],
        group: Moving,
        hint: None,
        help: "half a page down",
    }
    HalfPageUp {
        name: "half-page-up",
        keys: [ctrl('u')],
        group: Moving,
        hint: None,
        help: "half a page up",
    }
    Top {
        name: "top",
        keys: [ch('g'), key(KeyCode::Home)],
        group: Moving,
        hint: None,
        help: "first event",
    }
    Bottom {
        name: "bottom",
        keys: [ch('G'), key(KeyCode::End)],
        group: Moving,
        hint: None,
        help: "last event",
    }
    PreviousYear {
        name: "previous-year",
        keys: [ch('[')],
        group: Moving,
        hint: None,
        help: "previous year",
    }
    NextYear {
        name: "next-year",
        keys: [ch(']')],
        group: Moving,
        hint: None,
        help: "next year",
    }
    SwitchFocus {
        name: "switch-focus",
        keys: [key(KeyCode::Tab), key(KeyCode::BackTab)],
        group: Moving,
        hint: hint(4, "detail"),
        help: "focus the timeline or the detail",
    }
    Search {
        name: "search",
        keys: [ch('/')],
        group: Filtering,
        hint: hint(1, "search"),
        help: "search titles, actors, summaries and quotes",
    }
    Countries {
        name: "countries",
        keys: [ch('c')],
        group: Filtering,
        hint: hint(2, "countries"),
        help: "pick countries",
    }
    Tags {
        name: "tags",
        keys: [ch('t')],
        group: Filtering,
        hint: hint(6, "tags"),
        help: "pick tags",
    }
    Dates {
        name: "dates",
        keys: [ch('d')],
        group: Filtering,
        hint: hint(3, "dates"),
        help: "set a date range",
    }
    ToggleExtracted {
        name: "toggle-extracted",
        keys: [ch('x')],
        group: Filtering,
        hint: hint(8, "extracted"),
        help: "hide extracted events of low confidence (below 0.5), then every extracted event, then show them all again",
    }
    ToggleExpected {
        name: "toggle-expected",
        keys: [ch('p')],
        group: Filtering,
        hint: None,
        help: "show or hide expected events (planned or foreseen, marked »)",
    }
    ClearFilters {
        name: "clear-filters",
        keys: [key(KeyCode::Backspace)],
        group: Filtering,
        hint: None,
        help: "clear every filter",
    }
    Mark {
        name: "mark",
        keys: [ch(' ')],
        group: MarksAndFiles,
        hint: hint(5, "mark"),
        help: "mark or unmark the event, then move down",
    }
    MarkAll {
        name: "mark-all",
        keys: [ch('V')],
        group: MarksAndFiles,
        hint: None,
        help: "mark every event shown",
    }
    ClearMarks {
        name: "clear-marks",
        keys: [ch('U')],
        group: MarksAndFiles,
        hint: None,
        help: "clear all marks",
    }
    Export {
        name: "export",
        keys: [ch('e')],
        group: MarksAndFiles,
        hint: hint(7, "export"),
        help: "export the marked (or shown) events",
    }
    CopyCitation {
        name: "copy-citation",
        keys: [ch('y')],
        group: MarksAndFiles,
        hint: None,
        help: "copy the event's citation (title, date, outlet, link) to the clipboard",
    }
    Reload {
        name: "reload",
        keys: [ch('r')],
        group: MarksAndFiles,
        hint: None,
        help: "reload the data from disk",
    }
    Help {
        name: "help",
        keys: [ch('?'), key(KeyCode::F(1))],
        group: MarksAndFiles,
        hint: hint(9, "help"),
        help: "open or close this help",
    }
    Quit {
        name: "quit",
        keys: [ch('q')],
        group: MarksAndFiles,
        hint: hint(10, "quit"),
        help: "quit",
    }
}

impl Command {
    /// The command's entry in the table.
    pub fn spec(self) -> &'static Spec {
        &TABLE[self as usize]
    }

    /// The name used in `keys.toml`.
    pub fn name(self) -> &'static str {
        self.spec().name
    }

    /// The command `keys.toml` calls `name`.
    pub fn from_name(name: &str) -> Option<Command> {
        TABLE.iter().find(|s| s.name == name).map(|s| s.command)
    }

    /// Its line in help.
    pub fn describe(self) -> &'static str {
        self.spec().help
    }

    /// The keys it has by default.
    pub fn default_keys(self) -> &'static [Key] {
        self.spec().keys
    }
}

/// README's table of the timeline's keys, from the table (a test checks
/// that README has it as generated here).
pub fn readme_table() -> String {
    let cell = |s: &str| s.replace('|', "\\|");
    let mut out =
        String::from("| keys | command (`keys.toml` name) | what it does |\n|---|---|---|\n");
    for s in TABLE {
        let keys: Vec<String> = s
            .keys
            .iter()
            .map(|k| format!("`{}`", cell(&k.to_string())))
            .collect();
        out.push_str(&format!(
            "| {} | `{}` | {} |\n",
            keys.join(" "),
            s.name,
            cell(s.help)
        ));
    }
    out
}
