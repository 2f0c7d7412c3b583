//! What comes back from the loop: new data (a preview, the load, a reload)
//! and an export's outcome.

use std::sync::Arc;

use crate::filter::Query;
use crate::timeline::Timeline;
use crate::tui::action::{Fresh, Retired};
use crate::tui::export_hook::ExportOutcome;
use crate::tui::shown;

use super::*;

/// Puts a freshly loaded timeline in place of the one shown, keeping the
/// filters, the marks of events still there, and the selection when it can.
/// Returns how many marked events the new timeline does not have.
pub(super) fn swap_timeline(app: &mut App, fresh: Fresh) -> usize {
    let anchor = app.anchor();
    let (marks, gone) = app.marks.carried_over(&app.timeline, &fresh.timeline);
    app.marks = marks;
    let old = std::mem::replace(&mut app.timeline, fresh.timeline);
    // what the old timeline showed, when it was the current filter's result
    let old_shown = (app.applied.as_ref() == Some(&app.filter)).then(|| Arc::clone(&app.shown));
    // results on their way are for the old timeline
    app.generation += 1;
    app.filtering = None;
    app.applied = None;
    match fresh.unfiltered {
        Some(all) if all.filter == app.filter => app.install(all, anchor),
        _ => {
            // shown still indexes the old timeline
            app.show_nothing_until_result(anchor.clone());
            app.refilter();
            let carried = match old_shown {
                // the result is computed in the background: meanwhile show
                // those of the old events the new timeline has and the
                // filter keeps (part of the result, none of them wrong)
                Some(shown) if app.applied.is_none() => carried_shown(app, &old, &shown),
                _ => Vec::new(),
            };
            if !carried.is_empty() {
                app.install(
                    shown::from_events(&app.timeline, app.filter.clone(), carried),
                    anchor.clone(),
                );
                app.applied = None;
                app.anchor_hint = anchor;
            }
        }
    }
    free_elsewhere(app, old);
    gone
}

/// At most this many shown events are carried over to a new timeline while
/// its own result is computed (a preview shows no more than this).
const CARRY_SHOWN: usize = 50_000;

/// `shown` (indexes into `old`) as indexes into the app's timeline: the
/// events it has (by id) that the app's filter keeps there. Empty when
/// `shown` is too long to carry over at once.
fn carried_shown(app: &App, old: &Timeline, shown: &[usize]) -> Vec<usize> {
    if shown.len() > CARRY_SHOWN {
        return Vec::new();
    }
    let new = &app.timeline;
    let query = Query::parse(&app.filter.query);
    let mut out: Vec<usize> = shown
        .iter()
        .filter_map(|&i| new.index_of(&old.get(i)?.id))
        .filter(|&j| {
            let e = new.event(j);
            app.filter.keeps_structured(&e) && query.matches(&e)
        })
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// Timelines of at least this many events are freed on a thread of their own.
const FREE_ELSEWHERE: usize = 10_000;

/// Lets go of a timeline the explorer no longer shows. Freeing a large one
/// (a preview, or the data before a reload) takes tens of milliseconds, which
/// the screen should not wait for: that is an effect, which the loop runs on a
/// short-lived thread. A small one is freed here.
fn free_elsewhere(app: &mut App, old: Arc<Timeline>) {
    if old.len() >= FREE_ELSEWHERE {
        app.outbox.push(Effect::Free(Retired(old)));
    }
}

pub(super) fn reloaded(app: &mut App, result: Result<Box<Fresh>, String>) {
    match result {
        Err(e) => {
            app.message = Some(Message::error(format!(
                "reload failed; keeping the data loaded before: {}",
                crate::text::one_line(&e)
            )));
        }
        Ok(fresh) => {
            let (problems, warning) = (fresh.problems, fresh.warning.clone());
            let dropped = swap_timeline(app, *fresh);
            let mut text = format!("reloaded: {} events", app.timeline.len());
            match dropped {
                0 => {}
                1 => text.push_str("; 1 marked event is gone"),
                n => text.push_str(&format!("; {n} marked events are gone")),
            }
            if problems > 0 {
                text.push_str(&format!(
                    "; the data has {} (see `annals check`)",
                    crate::text::count(problems, "problem")
                ));
            }
            app.message = Some(Message::info(text));
            let damage = app.damage.take();
            add_warning(app, damage.as_deref().or(warning.as_deref()));
        }
    }
}

/// Adds a warning about the load (the cache could not be used) to the status
/// message, after what is there. It is not a problem of the data, so it
/// alone does not make the message an error.
pub(super) fn add_warning(app: &mut App, warning: Option<&str>) {
    let Some(w) = warning else {
        return;
    };
    let w = format!("warning: {}", crate::text::one_line(w));
    app.message = Some(match app.message.take() {
        Some(m) => Message {
            text: format!("{}; {w}", m.text),
            error: m.error,
        },
        None => Message::info(w),
    });
}

pub(super) fn export_finished(app: &mut App, outcome: ExportOutcome) {
    let Mode::Export(d) = &mut app.mode else {
        return;
    };
    match outcome {
        ExportOutcome::Written { count, path } => {
            app.mode = Mode::Normal;
            // the next export proposes the same folder
            if let Some(dir) = path.parent().filter(|p| p.is_absolute()) {
                app.export_dir = dir.to_path_buf();
            }
            app.message = Some(Message::info(format!(
                "exported {count} events to {}",
                crate::text::one_line(&path.display().to_string())
            )));
        }
        ExportOutcome::Exists(path) => {
            d.confirm = Some(Ask::Overwrite(path));
            d.error = None;
        }
        ExportOutcome::Failed(e) => d.error = Some(crate::text::one_line(&e)),
    }
}
