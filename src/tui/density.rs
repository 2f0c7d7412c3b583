//! How many of the shown events fall in each year (or month, when the shown
//! events span a short time): the data behind the density strip.

use chrono::{Datelike, NaiveDate};

use crate::timeline::Timeline;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    Year,
    Month,
}

impl Unit {
    pub fn word(self) -> &'static str {
        match self {
            Unit::Year => "year",
            Unit::Month => "month",
        }
    }
}

/// Runs of this many empty buckets or more are drawn as one gap.
pub const FOLD: usize = 5;

/// Event counts per bucket over the shown events' range of dates.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Density {
    pub unit: Unit,
    /// The first bucket's key: a year, or `year * 12 + month - 1`.
    pub first: i64,
    pub counts: Vec<u32>,
}

fn key(unit: Unit, d: NaiveDate) -> i64 {
    match unit {
        Unit::Year => d.year() as i64,
        Unit::Month => d.year() as i64 * 12 + d.month0() as i64,
    }
}

impl Density {
    /// Counts the shown events (timeline indexes in timeline order) by the
    /// start of their span, reading one event per bucket or so, not each. Months are used when the events fall within four
    /// calendar years.
    pub fn compute(timeline: &Timeline, shown: &[usize]) -> Density {
        let (Some(&a), Some(&b)) = (shown.first(), shown.last()) else {
            return Density {
                unit: Unit::Year,
                first: 0,
                counts: Vec::new(),
            };
        };
        let start = timeline.span_start(a);
        let end = timeline.span_start(b);
        let unit = if end.year() - start.year() <= 3 {
            Unit::Month
        } else {
            Unit::Year
        };
        let first = key(unit, start);
        let n = (key(unit, end) - first + 1).max(1) as usize;
        let mut counts = vec![0u32; n];
        // the shown events are in timeline order, so their buckets never
        // decrease: count runs instead of visiting every event
        let runs = super::key_runs::key_runs(shown, |i| key(unit, timeline.span_start(i)));
        for (r, &(k, pos)) in runs.iter().enumerate() {
            let end = runs.get(r + 1).map_or(shown.len(), |&(_, p)| p);
            let n = u32::try_from(end - pos).unwrap_or(u32::MAX);
            if let Some(c) = usize::try_from(k - first)
                .ok()
                .and_then(|k| counts.get_mut(k))
            {
                *c = c.saturating_add(n);
            }
        }
        Density {
            unit,
            first,
            counts,
        }
    }

    pub fn is_empty(&self) -> bool {
        self.counts.is_empty()
    }

    /// The bucket a date falls in.
    pub fn bucket(&self, d: NaiveDate) -> Option<usize> {
        let k = key(self.unit, d) - self.first;
        usize::try_from(k).ok().filter(|&k| k < self.counts.len())
    }

    /// The buckets to draw, in order, with every run of at least `FOLD`
    /// empty buckets folded into one gap (`None`), so that a lone event decades
    /// before the rest does not squeeze the rest into a few columns.
    pub fn folded(&self) -> Vec<Option<usize>> {
        let mut out = Vec::with_capacity(self.counts.len());
        let mut i = 0;
        while i < self.counts.len() {
            if self.counts[i] == 0 {
                let end = self.counts[i..]
                    .iter()
                    .position(|&c| c != 0)
                    .map_or(self.counts.len(), |k| i + k);
                if end - i >= FOLD {
                    out.push(None);
                    i = end;
                    continue;
                }
            }
            out.push(Some(i));
            i += 1;
        }
        out
    }

    /// A bucket's label: `2016`, or `2016-07`.
    pub fn label(&self, bucket: usize) -> String {
        let k = self.first + bucket as i64;
        match self.unit {
            Unit::Year => k.to_string(),
            Unit::Month => format!("{}-{:02}", k.div_euclid(12), k.rem_euclid(12) + 1),
        }
    }
}

/// How `n` buckets spread over `width` columns: each bucket gets `cols`
/// columns, or each column sums `per` buckets when there are more buckets than
/// columns.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Spread {
    pub cols: usize,
    pub per: usize,
}

impl Spread {
    pub fn new(n: usize, width: usize) -> Spread {
        if n == 0 || width == 0 {
            return Spread { cols: 1, per: 1 };
        }
        if n <= width {
            Spread {
                cols: width / n,
                per: 1,
            }
        } else {
            Spread {
                cols: 1,
                per: n.div_ceil(width),
            }
        }
    }

    /// The buckets column `x` shows.
    pub fn buckets(&self, x: usize) -> std::ops::Range<usize> {
        let first = x / self.cols * self.per;
        first..first + self.per
    }

    /// The first column of a bucket.
    pub fn column(&self, bucket: usize) -> usize {
        bucket / self.per * self.cols
    }

    /// How many columns `n` buckets take.
    pub fn width(&self, n: usize) -> usize {
        n.div_ceil(self.per) * self.cols
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_long_empty_runs_only() {
        let d = Density {
            unit: Unit::Year,
            first: 1915,
            counts: vec![1, 0, 0, 0, 0, 0, 0, 2, 0, 0, 3],
        };
        assert_eq!(
            d.folded(),
            [Some(0), None, Some(7), Some(8), Some(9), Some(10)]
        );
        assert_eq!(d.label(7), "1922");
    }

    #[test]
    fn spreads_few_buckets_wide_and_many_buckets_summed() {
        let s = Spread::new(7, 60);
        assert_eq!(s, Spread { cols: 8, per: 1 });
        assert_eq!(s.column(3), 24);
        assert_eq!(s.buckets(25), 3..4);
        assert_eq!(s.width(7), 56);
        let s = Spread::new(100, 30);
        assert_eq!(s, Spread { cols: 1, per: 4 });
        assert_eq!(s.width(100), 25);
        assert_eq!(s.buckets(2), 8..12);
        assert_eq!(s.column(9), 2);
    }
}
