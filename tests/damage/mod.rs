//! Damage done to a cache file on purpose, for the tests of what annals
//! does with it.

use std::path::Path;

/// Damages the file at `path` where `text` is: flips the case of its second
/// byte (an ASCII letter). The text must be in the file once (say, an event's
/// title in the cache's timeline file, where the search index keeps it in
/// lower case only).
pub fn damage_once(path: &Path, text: &str) {
    let mut bytes = std::fs::read(path).unwrap();
    let at: Vec<usize> = (0..bytes.len().saturating_sub(text.len()))
        .filter(|&k| bytes[k..].starts_with(text.as_bytes()))
        .collect();
    assert_eq!(at.len(), 1, "{text:?} is in {} once", path.display());
    bytes[at[0] + 1] ^= 0x20;
    std::fs::write(path, &bytes).unwrap();
}
