//! Layout arithmetic: where each part of the screen goes, which rows of the
//! timeline are visible, and how list rows map to events. Pure functions that
//! both `update` and the view call, so they agree and are tested without
//! drawing.

use std::ops::Range;

use ratatui::layout::Rect;

/// The smallest terminal the explorer draws in; below it, a message says so.
pub const MIN_WIDTH: u16 = 60;
pub const MIN_HEIGHT: u16 = 12;

/// Rows of the density strip.
pub const DENSITY_HEIGHT: u16 = 3;

/// The parts of the main screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Areas {
    pub header: Rect,
    pub density: Rect,
    /// The timeline pane with its border, and the rows inside it.
    pub timeline: Rect,
    pub timeline_inner: Rect,
    pub detail: Rect,
    pub detail_inner: Rect,
    /// The hint, message or search line.
    pub bottom: Rect,
}

/// The screen's parts, or `None` when the terminal is too small.
pub fn areas(area: Rect) -> Option<Areas> {
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        return None;
    }
    let header = Rect::new(area.x, area.y, area.width, 1);
    let density = Rect::new(area.x, area.y + 1, area.width, DENSITY_HEIGHT);
    let bottom = Rect::new(area.x, area.bottom() - 1, area.width, 1);
    let panes_y = density.bottom();
    let panes_h = bottom.y - panes_y;
    let left_w = (area.width as u32 * 60 / 100) as u16;
    let timeline = Rect::new(area.x, panes_y, left_w, panes_h);
    let detail = Rect::new(area.x + left_w, panes_y, area.width - left_w, panes_h);
    Some(Areas {
        header,
        density,
        timeline,
        timeline_inner: inner(timeline),
        detail,
        detail_inner: inner(detail),
        bottom,
    })
}

/// The inside of a bordered block.
pub fn inner(r: Rect) -> Rect {
    Rect::new(
        r.x.saturating_add(1),
        r.y.saturating_add(1),
        r.width.saturating_sub(2),
        r.height.saturating_sub(2),
    )
}

/// A rectangle of at most `width` x `height`, centred in `area`.
pub fn centered(area: Rect, width: u16, height: u16) -> Rect {
    let w = width.min(area.width);
    let h = height.min(area.height);
    Rect::new(
        area.x + (area.width - w) / 2,
        area.y + (area.height - h) / 2,
        w,
        h,
    )
}

/// The country and tag picker's box, for a list of `items`: over the detail
/// pane, so that the timeline stays in sight and is seen to change.
pub fn picker(area: Rect, items: usize) -> Rect {
    let top = area.y + 1 + DENSITY_HEIGHT;
    let room = area.bottom().saturating_sub(top + 1);
    let want = (items as u16).saturating_add(PICKER_HEAD + 2).clamp(8, 24);
    let h = want.min(room);
    let w = match areas(area) {
        Some(a) => a.detail.width.max(46).min(area.width),
        None => area.width,
    };
    if room < 5 {
        return centered(area, w, area.height);
    }
    Rect::new(area.right() - w, top, w, h)
}

/// Rows of the picker's box before its list: the input and the mode line.
pub const PICKER_HEAD: u16 = 3;

/// The picker's list rows.
pub fn picker_list(area: Rect, items: usize) -> Rect {
    let i = inner(picker(area, items));
    Rect::new(
        i.x,
        i.y + PICKER_HEAD.min(i.height),
        i.width,
        i.height.saturating_sub(PICKER_HEAD),
    )
}

/// The date range dialog's box.
pub fn dates(area: Rect) -> Rect {
    centered(area, 60, 10)
}

/// The export dialog's box.
pub fn export(area: Rect) -> Rect {
    centered(area, 72, 13)
}

/// The help screen's box: nearly the whole screen.
pub fn help(area: Rect) -> Rect {
    centered(
        area,
        area.width.saturating_sub(4).max(1),
        area.height.saturating_sub(2).max(1),
    )
}

/// The first visible row of a list of `total` rows shown `height` at a time,
/// moved as little as possible from `scroll` so that the rows in `target` are
/// visible (the end of `target` wins when it does not fit), and so that no
/// space is left empty below the last row when rows above are hidden.
pub fn keep_visible(scroll: usize, height: usize, total: usize, target: Range<usize>) -> usize {
    let mut s = scroll.min(total.saturating_sub(height));
    if height == 0 {
        return target.start.min(total.saturating_sub(1));
    }
    if target.start < s {
        s = target.start;
    }
    if target.end > s + height {
        s = target.end - height;
    }
    s
}

/// A row of the timeline: a year heading or an event.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Row {
    /// The `n`th year heading.
    Year(usize),
    /// The event at this position of the shown list.
    Event(usize),
}

/// Year headings are `(year, position of its first event)`, in order. Each
/// heading takes a row before its first event.
pub fn total_rows(years: &[(i32, usize)], shown: usize) -> usize {
    shown + years.len()
}

/// The row of the event at position `pos`.
pub fn row_of_event(years: &[(i32, usize)], pos: usize) -> usize {
    pos + years.partition_point(|&(_, start)| start <= pos)
}

/// Which heading holds the event at `pos` (an index into `years`).
pub fn year_of_event(years: &[(i32, usize)], pos: usize) -> Option<usize> {
    years
        .partition_point(|&(_, start)| start <= pos)
        .checked_sub(1)
}

/// What is at a row.
pub fn row_at(years: &[(i32, usize)], shown: usize, row: usize) -> Option<Row> {
    // the number of headings whose row is at or before `row`
    let (mut lo, mut hi) = (0, years.len());
    while lo < hi {
        let mid = (lo + hi) / 2;
        if years[mid].1 + mid <= row {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    let k = lo;
    let j = k.checked_sub(1)?;
    if years[j].1 + j == row {
        return Some(Row::Year(j));
    }
    let pos = row - k;
    (pos < shown).then_some(Row::Event(pos))
}

#[cfg(test)]
mod tests {
    use super::*;

    // positions:   0 1 | 2 | 3 4 5
    // years:     2015  2016  2017
    // rows: 0:H2015 1:e0 2:e1 3:H2016 4:e2 5:H2017 6:e3 7:e4 8:e5
    const YEARS: [(i32, usize); 3] = [(2015, 0), (2016, 2), (2017, 3)];

    #[test]
    fn rows_and_events_map_both_ways() {
        assert_eq!(total_rows(&YEARS, 6), 9);
        let expect = [
            Row::Year(0),
            Row::Event(0),
            Row::Event(1),
            Row::Year(1),
            Row::Event(2),
            Row::Year(2),
            Row::Event(3),
            Row::Event(4),
            Row::Event(5),
        ];
        for (row, want) in expect.iter().enumerate() {
            assert_eq!(row_at(&YEARS, 6, row), Some(*want), "row {row}");
            if let Row::Event(p) = want {
                assert_eq!(row_of_event(&YEARS, *p), row);
            }
        }
        assert_eq!(row_at(&YEARS, 6, 9), None);
        assert_eq!(row_at(&[], 0, 0), None);
        assert_eq!(year_of_event(&YEARS, 4), Some(2));
    }

    #[test]
    fn keeps_target_in_view_moving_least() {
        // list of 20 rows, 5 visible
        assert_eq!(keep_visible(0, 5, 20, 3..4), 0);
        assert_eq!(keep_visible(0, 5, 20, 7..8), 3);
        assert_eq!(keep_visible(10, 5, 20, 7..8), 7);
        // a list that shrank leaves no empty space below
        assert_eq!(keep_visible(15, 5, 8, 7..8), 3);
        // a target taller than the window shows its end
        assert_eq!(keep_visible(0, 2, 20, 4..8), 6);
        assert_eq!(keep_visible(3, 0, 20, 4..5), 4);
    }

    #[test]
    fn too_small_has_no_areas_and_big_enough_fits() {
        assert!(areas(Rect::new(0, 0, 59, 40)).is_none());
        assert!(areas(Rect::new(0, 0, 120, 11)).is_none());
        for (w, h) in [(60, 12), (80, 24), (120, 40), (300, 100)] {
            let a = areas(Rect::new(0, 0, w, h)).unwrap();
            assert_eq!(a.timeline.width + a.detail.width, w);
            assert!(a.timeline_inner.height >= 1);
            assert_eq!(a.bottom.bottom(), h);
        }
    }
}
