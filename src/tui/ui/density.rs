//! The density strip: how many events each year or month has, the selected
//! one's bucket marked on the axis.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;

use super::line_in;
use crate::tui::app::App;
use crate::tui::density::Spread;
use crate::tui::styled::{self, fit, pad};

const BLOCKS: [char; 9] = [' ', '▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];

/// Draws the density strip (three rows).
pub(super) fn draw(app: &App, frame: &mut Frame, area: Rect) {
    let t = &app.theme;
    let d = app.density();
    let gutter = 11usize;
    let w = (area.width as usize).saturating_sub(gutter + 1);
    if area.height < 3 || w == 0 || app.waiting_for_data() {
        return;
    }
    // what is drawn: buckets, and gaps where long empty runs were folded
    let slots = d.folded();
    let n = slots.len();
    let spread = Spread::new(n, w);
    let cols = spread.width(n).min(w);
    let column_slots = |x: usize| spread.buckets(x).filter_map(|k| slots.get(k).copied());
    let values: Vec<Option<u32>> = (0..cols)
        .map(|x| {
            let mut any = false;
            let mut sum = 0u32;
            for b in column_slots(x).flatten() {
                any = true;
                sum = sum.saturating_add(d.counts[b]);
            }
            any.then_some(sum)
        })
        .collect();
    let max = values.iter().flatten().copied().max().unwrap_or(0);
    let selected = app
        .selected_event()
        .and_then(|e| d.bucket(e.span_start()))
        .and_then(|b| slots.iter().position(|&s| s == Some(b)));
    let sel_cols = selected.map(|k| {
        let c = spread.column(k);
        c..c + spread.cols
    });
    let mut top: Vec<(char, Style)> = Vec::with_capacity(w);
    let mut low: Vec<(char, Style)> = Vec::with_capacity(w);
    for (x, v) in values.iter().enumerate() {
        let Some(v) = *v else {
            // a folded run of empty years or months
            top.push((' ', t.dim()));
            low.push(('┊', t.dim()));
            continue;
        };
        let level = if v == 0 || max == 0 {
            0
        } else {
            ((v as u64 * 16).div_ceil(max as u64)) as usize
        };
        let style = if sel_cols.as_ref().is_some_and(|r| r.contains(&x)) {
            t.bar_selected()
        } else {
            t.bar()
        };
        top.push((BLOCKS[level.saturating_sub(8).min(8)], style));
        low.push((BLOCKS[level.min(8)], style));
    }
    // the axis: the selected bucket's marker and as many labels as fit
    let labels: Vec<(usize, String)> = (0..n)
        .step_by(spread.per)
        .filter_map(|k| slots[k].map(|b| (spread.column(k), d.label(b))))
        .collect();
    let (marker, labels) = axis_layout(sel_cols, spread.cols, cols, &labels);
    let mut axis: Vec<(char, Style)> = vec![(' ', t.dim()); cols];
    for (x, label) in labels {
        for (i, c) in label.chars().enumerate() {
            axis[x + i] = (c, t.dim());
        }
    }
    if let Some(m) = marker {
        if m < axis.len() {
            axis[m] = ('▴', t.bar_selected());
        }
    }
    let gut = |s: String, style: Style| {
        let (sp, used) = fit(s.chars().map(|c| (c, style)), gutter);
        let mut v = sp;
        v.push(pad(used, gutter + 1, t.base()));
        v
    };
    let unit_line = if n == 0 {
        "no events".to_string()
    } else {
        format!("per {}", d.unit.word())
    };
    let rows = [
        (gut(unit_line, t.dim()), top),
        (gut(format!("max {max}"), t.dim()), low),
        (gut(String::new(), t.dim()), axis),
    ];
    for (y, (mut g, bars)) in rows.into_iter().enumerate() {
        g.extend(styled::spans(bars));
        line_in(
            frame,
            Rect::new(area.x, area.y + y as u16, area.width, 1),
            g,
        );
    }
}

/// Where the density strip's axis puts the selected bucket's marker and the
/// labels (column, text), given the selected bucket's columns, the width of
/// a bucket, the strip's width and every label that could be drawn.
///
/// The marker sits inside its bucket, past the room its label takes when the
/// bucket is wide enough. Labels that would touch the marker or another label
/// are left out, except the first: it says where the strip begins, so when
/// the marker falls under it the marker moves to a column of its bucket past
/// the label, or when there is none (a narrow first bucket) to the bucket's
/// first column, with the label just after it.
pub fn axis_layout(
    selected: Option<std::ops::Range<usize>>,
    bucket_cols: usize,
    cols: usize,
    labels: &[(usize, String)],
) -> (Option<usize>, Vec<(usize, String)>) {
    let label_w = labels.first().map_or(4, |(_, l)| styled::width(l));
    let mut marker = selected.as_ref().map(|r| {
        let at = if bucket_cols >= label_w + 2 {
            r.start + (bucket_cols / 2).max(label_w + 1)
        } else {
            r.start + bucket_cols / 2
        };
        at.min(r.end - 1).min(cols.max(1) - 1)
    });
    let touches = |m: usize, x: usize, end: usize| m + 1 >= x && m <= end;
    let mut out = Vec::new();
    let mut free = 0usize;
    for (k, (x, label)) in labels.iter().enumerate() {
        let mut x = *x;
        let end = x + styled::width(label);
        if k == 0 {
            if let (Some(m), Some(r)) = (marker, selected.as_ref()) {
                if touches(m, x, end) {
                    if end + 1 < r.end.min(cols) {
                        marker = Some(end + 1);
                    } else {
                        marker = Some(r.start);
                        x = r.start + 1;
                    }
                }
            }
            if x + styled::width(label) > cols {
                continue;
            }
            free = x + styled::width(label) + 2;
            out.push((x, label.clone()));
            continue;
        }
        if x < free || end > cols || marker.is_some_and(|m| touches(m, x, end)) {
            continue;
        }
        out.push((x, label.clone()));
        free = end + 2;
    }
    (marker, out)
}

#[cfg(test)]
mod tests {
    use super::axis_layout;

    fn labels(xs: &[(usize, &str)]) -> Vec<(usize, String)> {
        xs.iter().map(|&(x, l)| (x, l.to_string())).collect()
    }

    #[test]
    fn the_marker_in_a_narrow_first_bucket_keeps_its_label() {
        // one column a month: the first month's label stays, after the marker
        let ls = labels(&[(0, "2016-07"), (9, "2016-04"), (18, "2017-01")]);
        let (m, out) = axis_layout(Some(0..1), 1, 40, &ls);
        assert_eq!(m, Some(0));
        assert_eq!(out[0], (1, "2016-07".to_string()));
        // a wider bucket: the marker moves past the label, inside its bucket
        let ls = labels(&[(0, "2016-07"), (10, "2016-08")]);
        let (m, out) = axis_layout(Some(0..10), 10, 40, &ls);
        assert_eq!(m, Some(8));
        assert_eq!(out[0], (0, "2016-07".to_string()));
        // a later bucket under the first label
        let (m, out) = axis_layout(Some(3..4), 1, 40, &labels(&[(0, "2016-07")]));
        assert_eq!(out.len(), 1);
        let (x, l) = &out[0];
        let m = m.unwrap();
        assert!(m < *x || m > x + l.len(), "{m} {x}");
    }

    #[test]
    fn other_labels_give_way_to_the_marker() {
        let ls = labels(&[(0, "2015"), (8, "2016"), (16, "2017")]);
        let (m, out) = axis_layout(Some(8..16), 8, 40, &ls);
        assert_eq!(m, Some(13));
        assert_eq!(out.len(), 3);
        let (m, out) = axis_layout(Some(8..10), 2, 40, &ls);
        assert_eq!(m, Some(9));
        assert_eq!(out.iter().map(|(x, _)| *x).collect::<Vec<_>>(), [0, 16]);
    }
}
