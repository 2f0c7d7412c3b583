//! Styles. Everything that matters (selection, marks, focus, matches) stays
//! visible without colour: `NO_COLOR` leaves reverse video, bold and underline.

use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};

use super::plain::{PlainLine, Role};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    pub color: bool,
}

/// True when the `NO_COLOR` convention asks for no colour (set and not empty).
pub fn no_color_requested() -> bool {
    std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty())
}

impl Theme {
    pub fn new(color: bool) -> Theme {
        Theme { color }
    }

    fn fg(&self, c: Color) -> Style {
        if self.color {
            Style::new().fg(c)
        } else {
            Style::new()
        }
    }

    pub fn base(&self) -> Style {
        Style::new()
    }

    /// The selected row.
    pub fn selected(&self) -> Style {
        Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD)
    }

    /// A marked row (not selected).
    pub fn marked(&self) -> Style {
        self.fg(Color::Yellow).add_modifier(Modifier::BOLD)
    }

    /// Characters that match the search.
    pub fn matched(&self) -> Style {
        self.fg(Color::LightYellow)
            .add_modifier(Modifier::UNDERLINED | Modifier::BOLD)
    }

    /// The date expression inside a quoted sentence.
    pub fn expression(&self) -> Style {
        self.fg(Color::LightCyan)
            .add_modifier(Modifier::UNDERLINED | Modifier::BOLD)
    }

    pub fn heading(&self) -> Style {
        self.fg(Color::Cyan).add_modifier(Modifier::BOLD)
    }

    pub fn title(&self) -> Style {
        Style::new().add_modifier(Modifier::BOLD)
    }

    pub fn label(&self) -> Style {
        self.fg(Color::Cyan)
    }

    pub fn dim(&self) -> Style {
        if self.color {
            Style::new().fg(Color::DarkGray)
        } else {
            Style::new()
        }
    }

    pub fn key(&self) -> Style {
        self.fg(Color::Cyan).add_modifier(Modifier::BOLD)
    }

    pub fn error(&self) -> Style {
        self.fg(Color::LightRed).add_modifier(Modifier::BOLD)
    }

    pub fn info(&self) -> Style {
        self.fg(Color::Green)
    }

    /// The border of the focused pane (thick borders mark it too).
    pub fn focused_border(&self) -> Style {
        self.fg(Color::Cyan).add_modifier(Modifier::BOLD)
    }

    pub fn border(&self) -> Style {
        self.dim()
    }

    /// Bars of the density strip, and the selected event's bar.
    pub fn bar(&self) -> Style {
        self.fg(Color::Blue)
    }

    pub fn bar_selected(&self) -> Style {
        self.fg(Color::Yellow).add_modifier(Modifier::BOLD)
    }

    pub fn header(&self) -> Style {
        Style::new().add_modifier(Modifier::BOLD)
    }

    /// The style of a role of plain text (see `plain`).
    pub fn style(&self, role: Role) -> Style {
        match role {
            Role::Base => self.base(),
            Role::Dim => self.dim(),
            Role::Title => self.title(),
            Role::TitleMatch => self.title().patch(self.matched()),
            Role::Label => self.label(),
            Role::Heading => self.heading(),
            Role::Key => self.key(),
            Role::Expression => self.expression(),
            Role::Marked => self.marked(),
        }
    }

    /// Plain lines with their roles' styles, to draw.
    pub fn lines<'a, I: IntoIterator<Item = &'a PlainLine>>(&self, lines: I) -> Vec<Line<'static>> {
        lines
            .into_iter()
            .map(|l| {
                Line::from(
                    l.iter()
                        .map(|(text, role)| Span::styled(text.clone(), self.style(*role)))
                        .collect::<Vec<_>>(),
                )
            })
            .collect()
    }
}
