//! Runs of equal keys along a sorted list of event positions: the year
//! headings of the timeline and the density strip's buckets both read them.

/// The runs of equal keys in `list`, as (key, position of the run's first
/// item), for a key that never decreases along the list. Each run's end is
/// found by galloping then halving, so the cost grows with the number of runs,
/// not with the length of the list: a million events over a century take a
/// few thousand key reads.
pub fn key_runs(list: &[usize], key: impl Fn(usize) -> i64) -> Vec<(i64, usize)> {
    let mut out = Vec::new();
    let mut pos = 0;
    while pos < list.len() {
        let k = key(list[pos]);
        out.push((k, pos));
        // gallop to a position past the run, then search back
        let mut step = 1;
        let mut lo = pos;
        let mut hi = pos + 1;
        while hi < list.len() && key(list[hi]) == k {
            lo = hi;
            hi = (hi + step).min(list.len());
            step *= 2;
        }
        // the run ends in (lo, hi]: lo is in it, hi is not (or is the end)
        let end = lo + 1 + list[lo + 1..hi].partition_point(|&i| key(i) == k);
        pos = end;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn brute(list: &[usize], key: impl Fn(usize) -> i64) -> Vec<(i64, usize)> {
        let mut out: Vec<(i64, usize)> = Vec::new();
        for (p, &i) in list.iter().enumerate() {
            let k = key(i);
            if out.last().is_none_or(|&(last, _)| last != k) {
                out.push((k, p));
            }
        }
        out
    }

    #[test]
    fn key_runs_match_a_plain_scan() {
        // keys by value: runs of every length, from 1 to 300
        let mut keys: Vec<i64> = Vec::new();
        for (k, len) in [1usize, 2, 3, 7, 1, 64, 65, 300, 1, 1, 2]
            .iter()
            .enumerate()
        {
            keys.extend(std::iter::repeat_n(k as i64 * 3 - 5, *len));
        }
        let list: Vec<usize> = (0..keys.len()).collect();
        assert_eq!(key_runs(&list, |i| keys[i]), brute(&list, |i| keys[i]));
        for cut in 0..list.len() {
            assert_eq!(
                key_runs(&list[cut..], |i| keys[i]),
                brute(&list[cut..], |i| keys[i]),
                "from {cut}"
            );
        }
        assert!(key_runs(&[], |i| i as i64).is_empty());
    }
}
