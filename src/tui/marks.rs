//! Marked events: one bit per event of the timeline, so that marking every
//! shown event of a million takes a millisecond, and a mark survives any
//! filter. A reload carries the marks over by event id.

use crate::timeline::Timeline;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Marks {
    bits: Vec<u64>,
    count: usize,
}

impl Marks {
    pub fn len(&self) -> usize {
        self.count
    }

    pub fn is_empty(&self) -> bool {
        self.count == 0
    }

    /// Whether the event at this timeline index is marked.
    pub fn contains(&self, index: usize) -> bool {
        self.bits
            .get(index / 64)
            .is_some_and(|w| w & (1 << (index % 64)) != 0)
    }

    /// Marks an event; false when it was marked already.
    pub fn insert(&mut self, index: usize) -> bool {
        let (w, b) = (index / 64, 1u64 << (index % 64));
        if self.bits.len() <= w {
            self.bits.resize(w + 1, 0);
        }
        let new = self.bits[w] & b == 0;
        self.bits[w] |= b;
        self.count += new as usize;
        new
    }

    /// Unmarks an event; false when it was not marked.
    pub fn remove(&mut self, index: usize) -> bool {
        let (w, b) = (index / 64, 1u64 << (index % 64));
        match self.bits.get_mut(w) {
            Some(word) if *word & b != 0 => {
                *word &= !b;
                self.count -= 1;
                true
            }
            _ => false,
        }
    }

    pub fn clear(&mut self) {
        self.bits.clear();
        self.count = 0;
    }

    /// Timeline indexes of the marked events, in timeline order.
    pub fn indices(&self) -> impl Iterator<Item = usize> + '_ {
        self.bits.iter().enumerate().flat_map(|(w, &word)| {
            let mut rest = word;
            std::iter::from_fn(move || {
                if rest == 0 {
                    return None;
                }
                let b = rest.trailing_zeros() as usize;
                rest &= rest - 1;
                Some(w * 64 + b)
            })
        })
    }

    /// The ids of the marked events of `timeline`, in timeline order.
    pub fn ids<'a>(&'a self, timeline: &'a Timeline) -> impl Iterator<Item = String> + 'a {
        self.indices()
            .filter_map(|i| timeline.get(i).map(|e| e.id.clone()))
    }

    /// The same marks on a new timeline, found by id, and how many marked
    /// events it no longer has.
    pub fn carried_over(&self, old: &Timeline, new: &Timeline) -> (Marks, usize) {
        let mut out = Marks::default();
        let mut gone = 0;
        for id in self.ids(old) {
            match new.index_of(&id) {
                Some(i) => {
                    out.insert(i);
                }
                None => gone += 1,
            }
        }
        (out, gone)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks_count_and_list_in_order() {
        let mut m = Marks::default();
        assert!(m.insert(130));
        assert!(m.insert(3));
        assert!(!m.insert(3));
        assert!(m.insert(64));
        assert_eq!(m.len(), 3);
        assert_eq!(m.indices().collect::<Vec<_>>(), [3, 64, 130]);
        assert!(m.contains(64) && !m.contains(65) && !m.contains(10_000));
        assert!(m.remove(64));
        assert!(!m.remove(64));
        assert!(!m.remove(9_999));
        assert_eq!(m.len(), 2);
        m.clear();
        assert!(m.is_empty());
        assert_eq!(m.indices().count(), 0);
    }
}
