//! A small, seeded generator for the unit tests' made-up data (xorshift64):
//! the same seed gives the same data on every machine.

pub(crate) struct Rng(u64);

impl Rng {
    /// `seed` must not be zero (xorshift would stay at zero).
    pub(crate) fn new(seed: u64) -> Rng {
        assert_ne!(seed, 0, "xorshift needs a seed other than zero");
        Rng(seed)
    }

    pub(crate) fn next_u64(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    /// A number below `m` (which must not be zero).
    pub(crate) fn below(&mut self, m: usize) -> usize {
        (self.next_u64() % m as u64) as usize
    }
}
