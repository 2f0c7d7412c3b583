//! The export dialog popup, with its questions before writing.

use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::popup;
use crate::text::one_line;
use crate::tui::app::{App, Ask, Mode};
use crate::tui::glyphs::SELECTED_GLYPH;
use crate::tui::keymap::{self, ModeKeys};
use crate::tui::layout;
use crate::tui::styled::{self, fit, wrap};

/// Draws the export dialog over the screen.
pub(super) fn draw(app: &App, frame: &mut Frame, screen: Rect) {
    let t = &app.theme;
    let Mode::Export(d) = &app.mode else {
        return;
    };
    let inner = popup(app, frame, layout::export(screen), "Export");
    let w = inner.width as usize;
    let what = if d.marked {
        let mut s = format!(
            "Exports the {} marked event{}",
            d.count,
            if d.count == 1 { "" } else { "s" }
        );
        if d.hidden > 0 {
            s.push_str(&format!(" ({} hidden by the filters)", d.hidden));
        }
        s.push('.');
        s
    } else {
        format!(
            "Exports the {} event{} shown (no event is marked).",
            d.count,
            if d.count == 1 { "" } else { "s" }
        )
    };
    let mut lines = wrap(&[(&what, t.title())], w, 0);
    lines.push(Line::default());
    let mut formats = vec![Span::styled("Format  ", t.label())];
    for &format in crate::export::Format::ALL {
        let name = format.name();
        if format == d.format {
            formats.push(Span::styled(
                format!("{SELECTED_GLYPH}{name}"),
                t.selected(),
            ));
        } else {
            formats.push(Span::styled(format!(" {name}"), t.base()));
        }
        formats.push(Span::raw(" "));
    }
    lines.push(Line::from(formats));
    // the folder a relative name goes in, its end when it is long
    let folder = if std::path::Path::new(d.path.trim()).is_absolute() {
        "(not used: the path is absolute)".to_string()
    } else {
        one_line(&d.dir.display().to_string())
    };
    let mut dir = vec![Span::styled("Folder  ", t.label())];
    dir.extend(fit_end(&folder, w.saturating_sub(8), t.base()));
    lines.push(Line::from(dir));
    let path = one_line(&d.path);
    let room = w.saturating_sub(9);
    let (sp, used) = fit(path.chars().map(|c| (c, t.title())), room);
    let mut file = vec![Span::styled("File    ", t.label())];
    file.extend(sp);
    let cursor_y = lines.len() as u16;
    lines.push(Line::from(file));
    lines.push(Line::default());
    match &d.confirm {
        Some(Ask::Overwrite(p)) => {
            let text = format!(
                "{} exists. Overwrite it? {}",
                one_line(&p.display().to_string()),
                answer_keys(&keymap::OVERWRITE_KEYS)
            );
            lines.extend(wrap(&[(&text, t.error())], w, 0));
        }
        Some(Ask::Extension {
            typed,
            format,
            expected,
        }) => {
            let text = format!(
                "The name ends in .{}, not .{}: export {} to it anyway? {}",
                one_line(typed),
                one_line(expected),
                one_line(format),
                answer_keys(&keymap::EXTENSION_KEYS)
            );
            lines.extend(wrap(&[(&text, t.error())], w, 0));
        }
        None => {
            if let Some(e) = &d.error {
                lines.extend(wrap(&[(e.as_str(), t.error())], w, 0));
            }
        }
    }
    frame.render_widget(Paragraph::new(lines), inner);
    if d.confirm.is_none() && cursor_y < inner.height {
        frame.set_cursor_position(Position::new(
            (inner.x + 8 + used as u16).min(inner.right().saturating_sub(1)),
            inner.y + cursor_y,
        ));
    }
}

/// The keys of a yes / no question, from its table: `y / n`.
fn answer_keys(keys: &ModeKeys) -> String {
    keys.bindings
        .iter()
        .filter_map(|(ks, _, _, _)| ks.first().map(|k| k.to_string()))
        .collect::<Vec<_>>()
        .join(" / ")
}

/// The end of `text` in at most `width` columns, with `…` before it when
/// its start is cut (the end of a path says most).
fn fit_end(text: &str, width: usize, style: Style) -> Vec<Span<'static>> {
    if styled::width(text) <= width {
        return vec![Span::styled(text.to_string(), style)];
    }
    let mut kept: Vec<char> = Vec::new();
    let mut used = 1;
    for c in text.chars().rev() {
        let cw = styled::char_width(c);
        if used + cw > width {
            break;
        }
        used += cw;
        kept.push(c);
    }
    kept.reverse();
    let tail: String = kept.into_iter().collect();
    vec![Span::styled(format!("…{tail}"), style)]
}
