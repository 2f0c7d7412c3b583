//! The persistent cache: what loading found in each article, kept on disk so
//! that the next load reads it back instead of extracting the article again.
//!
//! # Where
//!
//! `$XDG_CACHE_HOME/annals` when that variable holds an absolute path, else
//! `~/.cache/annals` ([`default_dir`]). `--no-cache` leaves it alone. A folder
//! that cannot be created, read or written (read-only, full) means no cache
//! for that run, with one warning; the load itself is never affected.
//!
//! # One file per set of inputs
//!
//! Each combination of article paths, catalog path and gazetteer path has its
//! own file, `<hash>.cache`, so that two archives opened in turn do not evict
//! each other. The file records a *context*: a hash of annals' version, the
//! executable that wrote it (its size and modification time, since rules change
//! between builds of one version), the file format, and the content of the
//! catalog and the gazetteer. A file whose context differs from the current one
//! is ignored and rewritten: changing the catalog or the gazetteer rebuilds
//! every article's results, since they link to the catalog's events.
//!
//! Within the file each article's entry is found by a key: a hash of its name,
//! its path, its size, its modification time and a hash of its content. An
//! article that changed has a new key, so only it is extracted again.
//!
//! # Layout (all integers little-endian)
//!
//! ```text
//! offset  size  field
//!      0     8  magic "ANNALSCF"
//!      8     4  format version (FORMAT)
//!     12     4  kind (1: article results, 2: a parsed catalog,
//!                 3: a loaded timeline with its search text, see
//!                 [`search`])
//!     16    16  context hash
//!     32     8  entry count N
//!     40     8  payload length: the file's length minus 64
//!     48     8  checksum: XXH3-64 of bytes 0..48, then of the entry table
//!     56     8  zero
//!     64  40*N  entries, sorted by key, keys unique:
//!                 key (16 bytes), blob offset (8), blob length (8),
//!                 the blob's XXH3-64 (8); offsets count from the end of
//!                 the entries
//!      …        blobs
//! ```
//!
//! The file is read through a memory map: the entry table is searched where it
//! lies, and only the blobs of the articles asked for are decoded (postcard,
//! see [`crate::loader`]'s cached result).
//!
//! # Checks
//!
//! Opening checks the magic, the format, the lengths, the checksum of the
//! header and the entry table, and that every entry lies inside the file.
//! Each blob has its own checksum in the table, and when it is checked
//! depends on how the file is opened:
//!
//! - [`Reader::open`] checks every blob at once, so that nothing of a file
//!   with one bad byte is used (the article results and the parsed catalog,
//!   which are read whole anyway).
//! - [`Reader::open_lazy`] checks each blob the first time it is asked for
//!   ([`Reader::fetch`]), so that a query over a large file touches, and
//!   hashes, only the parts it reads (the search file).
//!
//! Either way a truncated file, flipped bytes, a foreign file or one of an
//! older format is caught before any damaged byte is used; it is then
//! rebuilt, with one warning.
//!
//! # Content hashes of large inputs
//!
//! A key that holds an input's content hash would read the whole input on
//! every run. A file that holds such a hash can also remember the input's
//! [`Stamp`] (size, modification and change times in nanoseconds, inode and
//! device) from when it was hashed; [`hash_file`] gives that hash back
//! without reading the input when every part of the stamp is the same, and
//! the input was last modified, and last changed where the system keeps a
//! change time, at least [`RACY`] before the hash was taken (the change time
//! too, since a tool that copies a file with its old modification time, such
//! as `cp -p` or `rsync -a`, cannot give it its old change time).
//! The second condition is git's rule for "racily clean" files: a file
//! changed again within the resolution of its timestamps (or of the clock)
//! can keep its stamp while its content differs, so a stamp that close to the
//! hashing proves nothing and the file is hashed again. Editing a file and
//! setting its modification time back also changes its change time, which
//! no program can set. A plain `touch` changes the modification time, which
//! is itself part of the keys: the cache is rebuilt, as for any edit.
//!
//! # Writing
//!
//! A new file is written in full to a temporary file in the same folder and
//! renamed over the old one. A rename is atomic: a reader sees the old file or
//! the new one, never part of either, and two processes that build the same
//! cache at once each rename a whole file (the last one stays). A file is never
//! changed in place, which is also what makes the memory map safe to read
//! while another process writes.

use std::fs::{self, File};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use memmap2::Mmap;
use serde::{Deserialize, Serialize};

use crate::diag::{Location, Problem};

pub mod articles;
pub mod catalog;
pub mod search;
use xxhash_rust::xxh3::{Xxh3, xxh3_64, xxh3_128};

/// The layout's version: raised whenever the layout or the encoding of an
/// entry changes, so that older files are rebuilt rather than misread.
pub const FORMAT: u32 = 6;

const MAGIC: &[u8; 8] = b"ANNALSCF";
const HEADER: usize = 64;
const ENTRY: usize = 40;
/// Cache files end so; anything else in the folder is not ours.
const SUFFIX: &str = ".cache";
/// Temporary files being written start so.
const TEMP_PREFIX: &str = ".tmp-";

/// The kind of a cache file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// What loading found in each article.
    Articles = 1,
    /// A parsed catalog: its events in chunks, and its problems.
    Catalog = 2,
    /// A loaded timeline with its search text (see [`search`]).
    Search = 3,
}

impl Kind {
    fn from_u32(n: u32) -> Option<Kind> {
        match n {
            1 => Some(Kind::Articles),
            2 => Some(Kind::Catalog),
            3 => Some(Kind::Search),
            _ => None,
        }
    }

    /// `n` entries of this kind, in words.
    fn count(self, n: usize) -> String {
        match (self, n) {
            (Kind::Articles, 1) => "1 article's results".into(),
            (Kind::Articles, n) => format!("{n} articles' results"),
            // the last entry holds the problems
            (Kind::Catalog, n) => format!(
                "a catalog in {}",
                crate::text::count(n.saturating_sub(1), "chunk")
            ),
            // four entries a chunk, and one for the count and problems
            // chunks of four entries, the index's entries and two more
            (Kind::Search, n) => format!(
                "a timeline with its search text and index in {}",
                crate::text::count(n, "entry").replace("entrys", "entries")
            ),
        }
    }
}

/// The cache folder loads use, set once by the command line from its
/// arguments; `None` (the default, and what the library's own callers get)
/// means no cache.
static DIR: std::sync::RwLock<Option<PathBuf>> = std::sync::RwLock::new(None);

/// Sets the cache folder that loads use (`None`: no cache).
pub fn set_dir(dir: Option<PathBuf>) {
    *DIR.write().unwrap_or_else(|e| e.into_inner()) = dir;
}

/// The cache folder that loads use, when there is one.
pub fn dir() -> Option<PathBuf> {
    DIR.read().unwrap_or_else(|e| e.into_inner()).clone()
}

/// A 128-bit key or hash.
pub type Key = [u8; 16];

/// The user's cache folder for annals: `$XDG_CACHE_HOME/annals` when the
/// variable holds an absolute path, else `$HOME/.cache/annals`; `None` when
/// neither is known.
pub fn default_dir() -> Option<PathBuf> {
    let xdg = std::env::var_os("XDG_CACHE_HOME")
        .map(PathBuf::from)
        .filter(|p| p.is_absolute());
    if let Some(x) = xdg {
        return Some(x.join("annals"));
    }
    std::env::var_os("HOME")
        .filter(|h| !h.is_empty())
        .map(|h| PathBuf::from(h).join(".cache").join("annals"))
}

/// Hashes several parts into a key; each part is length-prefixed, so that
/// `("ab", "c")` and `("a", "bc")` differ.
pub fn key_of(parts: &[&[u8]]) -> Key {
    let mut h = Xxh3::new();
    for p in parts {
        h.update(&(p.len() as u64).to_le_bytes());
        h.update(p);
    }
    h.digest128().to_le_bytes()
}

/// The hash of some content.
pub fn content_hash(bytes: &[u8]) -> Key {
    xxh3_128(bytes).to_le_bytes()
}

/// The content hash of a file, read in pieces.
pub fn file_hash(path: &Path) -> io::Result<Key> {
    use std::io::Read;
    let mut f = File::open(path)?;
    let mut h = Xxh3::new();
    let mut buf = vec![0u8; 1 << 20];
    let mut len = 0u64;
    loop {
        let n = f.read(&mut buf)?;
        if n == 0 {
            break;
        }
        len += n as u64;
        h.update(&buf[..n]);
    }
    h.update(&len.to_le_bytes());
    Ok(h.digest128().to_le_bytes())
}

/// How close to its hashing a file may have been modified for its stamp to
/// prove nothing (see "Content hashes of large inputs" above): two seconds,
/// git's margin, which covers filesystems that keep whole seconds.
pub const RACY: std::time::Duration = std::time::Duration::from_secs(2);

/// What a file's metadata says about it: when any part differs, the file may
/// have changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stamp {
    pub size: u64,
    /// Modification time, nanoseconds since 1970.
    pub mtime: u128,
    /// Change time (of the inode), nanoseconds since 1970; 0 where unknown.
    pub ctime: u128,
    pub inode: u64,
    pub device: u64,
}

impl Stamp {
    pub fn of(m: &fs::Metadata) -> Stamp {
        #[cfg(unix)]
        let (ctime, inode, device) = {
            use std::os::unix::fs::MetadataExt;
            let ctime = u128::try_from(m.ctime()).unwrap_or(0) * 1_000_000_000
                + u128::try_from(m.ctime_nsec()).unwrap_or(0);
            (ctime, m.ino(), m.dev())
        };
        #[cfg(not(unix))]
        let (ctime, inode, device) = (0, 0, 0);
        Stamp {
            size: m.len(),
            mtime: mtime_nanos(m),
            ctime,
            inode,
            device,
        }
    }
}

/// A file's content hash with the stamp it had and the time (nanoseconds
/// since 1970) just before it was read to take the hash.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Hashed {
    pub stamp: Stamp,
    pub at: u128,
    pub hash: Key,
}

impl Hashed {
    /// True when this hash still holds for a file whose stamp is now
    /// `now`: the same stamp, modified (and changed) at least [`RACY`]
    /// before it was hashed.
    pub fn holds_for(&self, now: &Stamp) -> bool {
        // the change time too where there is one: a tool that puts the
        // modification time back (`cp -p`, `rsync -a`) cannot put it back
        let settled = |t: u128| t.saturating_add(RACY.as_nanos()) <= self.at;
        self.stamp == *now
            && self.stamp.mtime != 0
            && settled(self.stamp.mtime)
            && (self.stamp.ctime == 0 || settled(self.stamp.ctime))
    }
}

/// The content hash of the file `path` with its stamp, taken from
/// `remembered` when that still holds for the file (see [`Hashed::holds_for`]),
/// else by reading the file.
pub fn hash_file(path: &Path, remembered: Option<&Hashed>) -> io::Result<Hashed> {
    let stamp = Stamp::of(&fs::metadata(path)?);
    if let Some(r) = remembered.filter(|r| r.holds_for(&stamp)) {
        return Ok(*r);
    }
    let at = now_nanos();
    let hash = file_hash(path)?;
    Ok(Hashed { stamp, at, hash })
}

/// The time now, in nanoseconds since 1970 (0 when the clock is before).
pub fn now_nanos() -> u128 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos())
}

/// What identifies this build of annals: its version and its executable's
/// size and modification time (unknown: the version alone).
pub fn build_identity() -> Vec<u8> {
    let mut out = env!("CARGO_PKG_VERSION").as_bytes().to_vec();
    if let Some(m) = std::env::current_exe()
        .ok()
        .and_then(|p| fs::metadata(p).ok())
    {
        out.extend(m.len().to_le_bytes());
        out.extend(mtime_nanos(&m).to_le_bytes());
    }
    out
}

/// A file's modification time in nanoseconds since 1970 (0 when unknown).
pub fn mtime_nanos(m: &fs::Metadata) -> u128 {
    m.modified()
        .ok()
        .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
        .map_or(0, |d| d.as_nanos())
}

/// Why a cache file was not used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Rejected {
    /// There is no such file yet.
    Missing,
    /// It cannot be trusted: the reason says why.
    Damaged(String),
}

/// An open, checked cache file.
pub struct Reader {
    map: Mmap,
    count: usize,
    kind: Kind,
    context: Key,
    /// Per entry, once its blob was hashed: whether the hash matched. Empty
    /// when every blob was checked on opening.
    checked: Box<[std::sync::OnceLock<bool>]>,
    /// The file mapped (device and inode), when the system tells them.
    file: Option<(u64, u64)>,
}

/// A file's device and inode, where the system has them.
fn file_id(meta: &std::fs::Metadata) -> Option<(u64, u64)> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        Some((meta.dev(), meta.ino()))
    }
    #[cfg(not(unix))]
    {
        let _ = meta;
        None
    }
}

impl Reader {
    /// Opens the file at `path` and checks all of it.
    pub fn open(path: &Path) -> Result<Reader, Rejected> {
        let reader = Reader::check(Reader::map(path)?, false)?;
        for i in 0..reader.count {
            let (_, offset, len, hash) = reader.entry(i);
            if xxh3_64(reader.blob(offset, len)) != hash {
                return Err(Rejected::Damaged(
                    "its checksum does not match its content".into(),
                ));
            }
        }
        Ok(reader)
    }

    /// Opens the file at `path` and checks its header and entry table; each
    /// blob is checked when it is first asked for ([`Reader::fetch`]).
    pub fn open_lazy(path: &Path) -> Result<Reader, Rejected> {
        let file = Reader::file(path)?;
        let mut reader = Reader::check(Reader::map_file(&file)?, true)?;
        reader.file = file.metadata().ok().as_ref().and_then(file_id);
        Ok(reader)
    }

    /// True when `path` names the file this reader maps (not one renamed
    /// over it since, nor none); false when that cannot be told.
    pub fn maps(&self, path: &Path) -> bool {
        let now = std::fs::metadata(path).ok().as_ref().and_then(file_id);
        self.file.is_some() && now == self.file
    }

    fn file(path: &Path) -> Result<File, Rejected> {
        match File::open(path) {
            Ok(f) => Ok(f),
            Err(e) if e.kind() == io::ErrorKind::NotFound => Err(Rejected::Missing),
            Err(e) => Err(Rejected::Damaged(format!("cannot be read: {e}"))),
        }
    }

    fn map(path: &Path) -> Result<Mmap, Rejected> {
        Reader::map_file(&Reader::file(path)?)
    }

    fn map_file(file: &File) -> Result<Mmap, Rejected> {
        // SAFETY: annals never changes a cache file in place; new contents are
        // renamed over it, which leaves this mapping on the old file. Every
        // read below is bounds-checked against the map's length.
        unsafe { Mmap::map(file) }.map_err(|e| Rejected::Damaged(format!("cannot be mapped: {e}")))
    }

    fn check(map: Mmap, lazy: bool) -> Result<Reader, Rejected> {
        let bytes: &[u8] = &map;
        let damaged = |why: &str| Err(Rejected::Damaged(why.to_string()));
        if bytes.len() < HEADER {
            return damaged("it is shorter than its header (truncated)");
        }
        if &bytes[0..8] != MAGIC {
            return damaged("it is not an annals cache file");
        }
        let format = u32_at(bytes, 8);
        if format != FORMAT {
            return Err(Rejected::Damaged(format!(
                "it has format {format}, and this annals reads format {FORMAT}"
            )));
        }
        let Some(kind) = Kind::from_u32(u32_at(bytes, 12)) else {
            return damaged("it holds a kind of data this annals does not know");
        };
        let count = u64_at(bytes, 32);
        let payload = u64_at(bytes, 40);
        if payload != (bytes.len() - HEADER) as u64 {
            return damaged("its length is not the one it records (truncated or extended)");
        }
        let table = count
            .checked_mul(ENTRY as u64)
            .filter(|&t| t <= payload)
            .ok_or_else(|| Rejected::Damaged("its entry table runs past its end".into()))?;
        let mut h = Xxh3::new();
        h.update(&bytes[..48]);
        h.update(&bytes[HEADER..HEADER + table as usize]);
        if h.digest() != u64_at(bytes, 48) {
            return damaged("its checksum does not match its content");
        }
        let blobs = payload - table;
        let mut context = [0u8; 16];
        context.copy_from_slice(&bytes[16..32]);
        let count = count as usize;
        let reader = Reader {
            count,
            kind,
            context,
            map,
            checked: if lazy {
                (0..count).map(|_| std::sync::OnceLock::new()).collect()
            } else {
                Box::new([])
            },
            file: None,
        };
        let mut previous: Option<Key> = None;
        for i in 0..reader.count {
            let (key, offset, len, _) = reader.entry(i);
            if offset.checked_add(len).is_none_or(|end| end > blobs) {
                return damaged("an entry points past the end of the file");
            }
            if previous.is_some_and(|p| p >= key) {
                return damaged("its entries are out of order");
            }
            previous = Some(key);
        }
        Ok(reader)
    }

    /// The kind of data the file holds.
    pub fn kind(&self) -> Kind {
        self.kind
    }

    /// The context the file was written for.
    pub fn context(&self) -> Key {
        self.context
    }

    /// How many entries the file holds.
    pub fn len(&self) -> usize {
        self.count
    }

    pub fn is_empty(&self) -> bool {
        self.count == 0
    }

    fn entry(&self, i: usize) -> (Key, u64, u64, u64) {
        let at = HEADER + i * ENTRY;
        let mut key = [0u8; 16];
        key.copy_from_slice(&self.map[at..at + 16]);
        (
            key,
            u64_at(&self.map, at + 16),
            u64_at(&self.map, at + 24),
            u64_at(&self.map, at + 32),
        )
    }

    /// The bytes of a blob (checked in `check` to lie inside the map).
    fn blob(&self, offset: u64, len: u64) -> &[u8] {
        let start = HEADER + self.count * ENTRY + offset as usize;
        &self.map[start..start + len as usize]
    }

    fn find(&self, key: &Key) -> Option<usize> {
        let (mut lo, mut hi) = (0, self.count);
        while lo < hi {
            let mid = (lo + hi) / 2;
            match self.entry(mid).0.cmp(key) {
                std::cmp::Ordering::Less => lo = mid + 1,
                std::cmp::Ordering::Greater => hi = mid,
                std::cmp::Ordering::Equal => return Some(mid),
            }
        }
        None
    }

    /// The blob stored under `key`, read where it lies in the map, checked
    /// against its checksum when that was not done on opening: `Ok(None)`
    /// when there is none, `Err` (why) when it is damaged.
    pub fn fetch(&self, key: &Key) -> Result<Option<&[u8]>, String> {
        let Some(i) = self.find(key) else {
            return Ok(None);
        };
        let (_, offset, len, hash) = self.entry(i);
        let blob = self.blob(offset, len);
        let good = match self.checked.get(i) {
            Some(once) => *once.get_or_init(|| xxh3_64(blob) == hash),
            None => true,
        };
        if good {
            Ok(Some(blob))
        } else {
            Err("its checksum does not match its content".into())
        }
    }

    /// The keys of the entries, in order.
    pub fn keys(&self) -> impl Iterator<Item = Key> + '_ {
        (0..self.count).map(|i| self.entry(i).0)
    }

    /// The blob stored under `key`, not checked as a whole by a lazy
    /// reader: for a blob whose reader checks each part it uses against
    /// checksums kept in another entry (which is checked), so that reading a
    /// few parts does not hash all of it. A reader that checked everything
    /// on opening has checked this blob too.
    pub fn fetch_unchecked(&self, key: &Key) -> Option<&[u8]> {
        let (_, offset, len, _) = self.entry(self.find(key)?);
        Some(self.blob(offset, len))
    }

    /// The blob stored under `key`, as [`Reader::fetch`] gives it; `None`
    /// also when it is damaged.
    pub fn get(&self, key: &Key) -> Option<&[u8]> {
        self.fetch(key).ok().flatten()
    }

    /// Gives the pages of `part`, a slice of a blob this reader gave, back
    /// to the system: they stay in the page cache, and are read again from
    /// there if they are used again, but no longer count in this process's
    /// memory. Pages shared with bytes outside `part` stay.
    pub fn release(&self, part: &[u8]) {
        let base = self.map.as_ptr() as usize;
        let Some(start) = (part.as_ptr() as usize).checked_sub(base) else {
            return;
        };
        if start + part.len() > self.map.len() {
            return;
        }
        const PAGE: usize = 4096;
        let from = start.div_ceil(PAGE) * PAGE;
        let to = (start + part.len()) / PAGE * PAGE;
        if to > from {
            // SAFETY: the map is read-only and backed by a file that is never
            // changed in place: dropped pages read back the same bytes.
            // Failure only means the pages stay.
            let _ = unsafe {
                self.map
                    .unchecked_advise_range(memmap2::UncheckedAdvice::DontNeed, from, to - from)
            };
        }
    }
}

fn u32_at(b: &[u8], at: usize) -> u32 {
    let mut a = [0u8; 4];
    a.copy_from_slice(&b[at..at + 4]);
    u32::from_le_bytes(a)
}

fn u64_at(b: &[u8], at: usize) -> u64 {
    let mut a = [0u8; 8];
    a.copy_from_slice(&b[at..at + 8]);
    u64::from_le_bytes(a)
}

/// The header and the entry table of a file holding `entries` (checksum
/// included), and the order in which their blobs follow.
fn head(kind: Kind, context: &Key, entries: &[(Key, &[u8])]) -> (Vec<u8>, Vec<usize>) {
    let order = key_order(entries.iter().map(|e| &e.0));
    let hashes: Vec<u64> = {
        use rayon::prelude::*;
        order.par_iter().map(|&i| xxh3_64(entries[i].1)).collect()
    };
    let table: Vec<(Key, u64, u64)> = order
        .iter()
        .zip(hashes)
        .map(|(&i, hash)| (entries[i].0, entries[i].1.len() as u64, hash))
        .collect();
    (head_of(kind, context, &table), order)
}

/// The places of `keys` in key order, each key once (its first place).
fn key_order<'a>(keys: impl Iterator<Item = &'a Key>) -> Vec<usize> {
    let keys: Vec<&Key> = keys.collect();
    let mut order: Vec<usize> = (0..keys.len()).collect();
    order.sort_by_key(|&i| keys[i]);
    order.dedup_by_key(|i| keys[*i]);
    order
}

/// The header and the entry table of a file whose blobs, in key order, have
/// the lengths and hashes of `table`.
fn head_of(kind: Kind, context: &Key, table: &[(Key, u64, u64)]) -> Vec<u8> {
    let blobs: u64 = table.iter().map(|t| t.1).sum();
    let payload = (table.len() * ENTRY) as u64 + blobs;
    let mut out = Vec::with_capacity(HEADER + table.len() * ENTRY);
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&FORMAT.to_le_bytes());
    out.extend_from_slice(&(kind as u32).to_le_bytes());
    out.extend_from_slice(context);
    out.extend_from_slice(&(table.len() as u64).to_le_bytes());
    out.extend_from_slice(&payload.to_le_bytes());
    out.extend_from_slice(&[0u8; 16]); // checksum, then zero
    let mut offset = 0u64;
    for (key, len, hash) in table {
        out.extend_from_slice(key);
        out.extend_from_slice(&offset.to_le_bytes());
        out.extend_from_slice(&len.to_le_bytes());
        out.extend_from_slice(&hash.to_le_bytes());
        offset += len;
    }
    let mut h = Xxh3::new();
    h.update(&out[..48]);
    h.update(&out[HEADER..]);
    out[48..56].copy_from_slice(&h.digest().to_le_bytes());
    out
}

/// A blob of a file written by [`write_file_making`]: its bytes, or made
/// when its turn comes.
pub enum Blob<'a> {
    Bytes(&'a [u8]),
    Made,
}

/// Where a made blob is written: straight into the file, counted and hashed
/// on the way, so that no blob need be whole in memory.
pub struct BlobWriter<'w> {
    out: &'w mut dyn WriteSeek,
    len: u64,
    hash: Xxh3,
}

impl Write for BlobWriter<'_> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let n = self.out.write(buf)?;
        let done = buf.get(..n).unwrap_or_default();
        self.hash.update(done);
        self.len += n as u64;
        Ok(n)
    }

    /// Flushes nothing: the file is flushed once, when it is whole (a
    /// writer that flushes after every value, as postcard's does, would
    /// otherwise write the file a few bytes at a time).
    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

impl BlobWriter<'_> {
    /// How many bytes of the blob are written so far.
    pub fn written(&self) -> u64 {
        self.len
    }
}

/// [`write_file`], with the blobs marked [`Blob::Made`] made only as they
/// are written: `make` is given each one's key, in key order, and writes its
/// bytes into the file (as many pieces as it likes). The file is laid out as
/// [`write_file`] lays it out, byte for byte; its header and table, which
/// need every blob's length and hash, are written last, over the room left
/// for them. An error from `make` leaves no file.
pub fn write_file_making(
    path: &Path,
    kind: Kind,
    context: &Key,
    entries: &[(Key, Blob)],
    mut make: impl FnMut(&Key, &mut BlobWriter) -> io::Result<()>,
) -> io::Result<()> {
    let order = key_order(entries.iter().map(|e| &e.0));
    write_seeking(path, |w| {
        w.write_all(&vec![0u8; HEADER + order.len() * ENTRY])?;
        let mut table: Vec<(Key, u64, u64)> = Vec::with_capacity(order.len());
        for &i in &order {
            let (key, blob) = &entries[i];
            let mut out = BlobWriter {
                out: &mut *w,
                len: 0,
                hash: Xxh3::new(),
            };
            match blob {
                Blob::Bytes(bytes) => out.write_all(bytes)?,
                Blob::Made => make(key, &mut out)?,
            }
            table.push((*key, out.len, out.hash.digest()));
        }
        w.seek(io::SeekFrom::Start(0))?;
        w.write_all(&head_of(kind, context, &table))
    })
}

/// A file being written that can go back to its start.
trait WriteSeek: Write + io::Seek {}
impl<T: Write + io::Seek> WriteSeek for T {}

fn write_seeking(
    path: &Path,
    fill: impl FnOnce(&mut dyn WriteSeek) -> io::Result<()>,
) -> io::Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    let tmp = tempfile::Builder::new()
        .prefix(TEMP_PREFIX)
        .tempfile_in(dir)?;
    let mut w = io::BufWriter::with_capacity(1 << 20, tmp);
    fill(&mut w)?;
    let tmp = w.into_inner().map_err(|e| e.into_error())?;
    // a failed write leaves no file behind: the temporary one is removed
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(())
}

/// The bytes of a cache file holding `entries` (any order; a repeated key
/// keeps its first blob).
pub fn encode(kind: Kind, context: &Key, entries: &[(Key, &[u8])]) -> Vec<u8> {
    let (mut out, order) = head(kind, context, entries);
    for &i in &order {
        out.extend_from_slice(entries[i].1);
    }
    out
}

/// Writes the cache file `path` holding `entries` (as [`encode`] lays them
/// out) through a temporary file and a rename, without gathering its bytes
/// in memory first.
pub fn write_file(
    path: &Path,
    kind: Kind,
    context: &Key,
    entries: &[(Key, &[u8])],
) -> io::Result<()> {
    let (head, order) = head(kind, context, entries);
    write_with(path, |w| {
        w.write_all(&head)?;
        for &i in &order {
            w.write_all(entries[i].1)?;
        }
        Ok(())
    })
}

/// Writes `bytes` as the file `path` through a temporary file in the same
/// folder and a rename, so that no reader ever sees a part of it.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> io::Result<()> {
    write_with(path, |w| w.write_all(bytes))
}

fn write_with(path: &Path, fill: impl FnOnce(&mut dyn Write) -> io::Result<()>) -> io::Result<()> {
    write_seeking(path, |w| fill(w))
}

/// Creates the cache folder when needed and checks that it exists.
pub fn prepare_dir(dir: &Path) -> io::Result<()> {
    fs::create_dir_all(dir)?;
    if fs::metadata(dir)?.is_dir() {
        Ok(())
    } else {
        Err(io::Error::other("not a folder"))
    }
}

/// The cache file for a set of inputs named by `identity`.
pub fn file_for(dir: &Path, identity: &[u8]) -> PathBuf {
    dir.join(format!("{:016x}{SUFFIX}", xxh3_64(identity)))
}

/// What `annals cache info` says about one file.
#[derive(Debug, Clone)]
pub struct FileInfo {
    pub path: PathBuf,
    pub bytes: u64,
    /// What it holds and how many entries, or why it cannot be used.
    pub state: Result<(Kind, usize), String>,
}

impl FileInfo {
    /// One line about the file.
    pub fn describe(&self) -> String {
        let name = self
            .path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let size = human_bytes(self.bytes);
        match &self.state {
            Ok((kind, n)) => format!("{name}: {}, {size}", kind.count(*n)),
            Err(why) => format!("{name}: {size}, unusable: {why}"),
        }
    }
}

/// A size in bytes, KiB, MiB or GiB.
pub fn human_bytes(n: u64) -> String {
    const UNITS: [&str; 3] = ["KiB", "MiB", "GiB"];
    if n < 1024 {
        return format!("{n} bytes");
    }
    let mut v = n as f64 / 1024.0;
    let mut unit = 0;
    while v >= 1024.0 && unit + 1 < UNITS.len() {
        v /= 1024.0;
        unit += 1;
    }
    format!("{v:.1} {}", UNITS[unit])
}

/// The cache files in `dir`, by name (an absent folder has none).
pub fn info(dir: &Path) -> io::Result<Vec<FileInfo>> {
    let mut out = Vec::new();
    let rd = match fs::read_dir(dir) {
        Ok(rd) => rd,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(out),
        Err(e) => return Err(e),
    };
    for entry in rd {
        let entry = entry?;
        let name = entry.file_name().to_string_lossy().into_owned();
        if !name.ends_with(SUFFIX) || name.starts_with(TEMP_PREFIX) {
            continue;
        }
        let path = entry.path();
        let bytes = entry.metadata().map(|m| m.len()).unwrap_or(0);
        let state = match Reader::open(&path) {
            Ok(r) => Ok((r.kind(), r.len())),
            Err(Rejected::Damaged(why)) => Err(why),
            Err(Rejected::Missing) => continue,
        };
        out.push(FileInfo { path, bytes, state });
    }
    out.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(out)
}

/// Removes annals' cache files (and temporary files left by an interrupted
/// write) from `dir`: how many files and bytes went. Other files are left.
pub fn clear(dir: &Path) -> io::Result<(usize, u64)> {
    let rd = match fs::read_dir(dir) {
        Ok(rd) => rd,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok((0, 0)),
        Err(e) => return Err(e),
    };
    let (mut files, mut bytes) = (0, 0);
    for entry in rd {
        let entry = entry?;
        let name = entry.file_name().to_string_lossy().into_owned();
        if !(name.ends_with(SUFFIX) || name.starts_with(TEMP_PREFIX)) {
            continue;
        }
        let size = entry.metadata().map(|m| m.len()).unwrap_or(0);
        fs::remove_file(entry.path())?;
        files += 1;
        bytes += size;
    }
    Ok((files, bytes))
}

/// A data problem as both cache files store it.
#[derive(Serialize, Deserialize)]
pub(crate) struct StoredProblem {
    file: PathBuf,
    line: u64,
    col: u64,
    message: String,
    warning: bool,
}

pub(crate) fn store_problem(p: &Problem) -> StoredProblem {
    let Problem {
        location: Location { file, line, col },
        message,
        warning,
    } = p;
    StoredProblem {
        file: file.clone(),
        line: *line as u64,
        col: *col as u64,
        message: message.clone(),
        warning: *warning,
    }
}

pub(crate) fn load_problem(p: StoredProblem) -> Option<Problem> {
    Some(Problem {
        location: Location {
            file: p.file,
            line: usize::try_from(p.line).ok()?,
            col: usize::try_from(p.col).ok()?,
        },
        message: p.message,
        warning: p.warning,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Vec<u8> {
        let a = b"first blob".to_vec();
        let b = b"second, longer blob".to_vec();
        encode(
            Kind::Articles,
            &key_of(&[b"ctx"]),
            &[(key_of(&[b"b"]), &b), (key_of(&[b"a"]), &a)],
        )
    }

    fn reopen(dir: &Path, bytes: &[u8]) -> Result<Reader, Rejected> {
        let path = dir.join("x.cache");
        write_atomic(&path, bytes).unwrap();
        Reader::open(&path)
    }

    fn reopen_lazy(dir: &Path, bytes: &[u8]) -> Result<Reader, Rejected> {
        let path = dir.join("x.cache");
        write_atomic(&path, bytes).unwrap();
        Reader::open_lazy(&path)
    }

    #[test]
    fn entries_read_back_as_written() {
        let dir = tempfile::tempdir().unwrap();
        let r = reopen(dir.path(), &sample()).unwrap();
        assert_eq!(r.len(), 2);
        assert_eq!(r.kind(), Kind::Articles);
        assert_eq!(r.context(), key_of(&[b"ctx"]));
        assert_eq!(r.get(&key_of(&[b"a"])), Some(&b"first blob"[..]));
        assert_eq!(r.get(&key_of(&[b"b"])), Some(&b"second, longer blob"[..]));
        assert_eq!(r.get(&key_of(&[b"c"])), None);
        let empty = reopen(dir.path(), &encode(Kind::Articles, &[0; 16], &[])).unwrap();
        assert!(empty.is_empty());
        assert_eq!(empty.get(&key_of(&[b"a"])), None);
    }

    #[test]
    fn a_file_whose_blobs_are_made_as_written_is_the_file_written_whole() {
        let dir = tempfile::tempdir().unwrap();
        let blobs: Vec<Vec<u8>> = (0..40u8)
            .map(|i| vec![i; usize::from(i) * 37 % 1000])
            .collect();
        // keys out of order, one repeated (its first blob is kept); a made
        // blob is written in pieces of 7 bytes or fewer
        let keys: Vec<Key> = (0..40usize)
            .map(|i| key_of(&[&[(i * 7 % 40) as u8]]))
            .collect();
        let mut whole: Vec<(Key, &[u8])> = keys
            .iter()
            .copied()
            .zip(blobs.iter().map(|b| &b[..]))
            .collect();
        whole.push((keys[3], b"a repeat"));
        let made = |i: usize| i % 3 != 0;
        let mut entries: Vec<(Key, Blob)> = keys
            .iter()
            .zip(&blobs)
            .enumerate()
            .map(|(i, (k, b))| (*k, if made(i) { Blob::Made } else { Blob::Bytes(b) }))
            .collect();
        entries.push((keys[3], Blob::Bytes(b"a repeat")));
        let path = dir.path().join("made.cache");
        let mut asked = Vec::new();
        write_file_making(&path, Kind::Search, &key_of(&[b"ctx"]), &entries, |k, w| {
            asked.push(*k);
            let blob = &blobs[keys.iter().position(|x| x == k).unwrap()];
            for piece in blob.chunks(7) {
                w.write_all(piece)?;
            }
            assert_eq!(w.written(), blob.len() as u64);
            Ok(())
        })
        .unwrap();
        let want = encode(Kind::Search, &key_of(&[b"ctx"]), &whole);
        assert_eq!(std::fs::read(&path).unwrap(), want);
        assert!(asked.is_sorted(), "made in key order");
        assert_eq!(asked.len(), (0..40).filter(|&i| made(i)).count());
        assert!(Reader::open(&path).is_ok());
        // a blob that cannot be made leaves no file
        let failed = dir.path().join("failed.cache");
        let e = write_file_making(
            &failed,
            Kind::Search,
            &key_of(&[b"ctx"]),
            &entries,
            |_, w| {
                w.write_all(b"half a blob")?;
                Err(io::Error::other("no"))
            },
        );
        assert!(e.is_err() && !failed.exists());
        assert_eq!(
            std::fs::read_dir(dir.path()).unwrap().count(),
            1,
            "no temporary file left"
        );
    }

    #[test]
    fn parts_are_kept_apart_in_keys() {
        assert_ne!(key_of(&[b"ab", b"c"]), key_of(&[b"a", b"bc"]));
        assert_eq!(key_of(&[b"ab", b"c"]), key_of(&[b"ab", b"c"]));
    }

    #[test]
    fn every_truncation_is_caught() {
        let dir = tempfile::tempdir().unwrap();
        let whole = sample();
        for len in 0..whole.len() {
            match reopen(dir.path(), &whole[..len]) {
                Err(Rejected::Damaged(_)) => {}
                Err(other) => panic!("{len}: {other:?}"),
                Ok(_) => panic!("a file cut to {len} bytes was read"),
            }
        }
        let mut longer = whole.clone();
        longer.push(0);
        assert!(matches!(
            reopen(dir.path(), &longer),
            Err(Rejected::Damaged(_))
        ));
    }

    #[test]
    fn every_flipped_byte_is_caught() {
        let dir = tempfile::tempdir().unwrap();
        let whole = sample();
        for at in 0..whole.len() {
            if (56..64).contains(&at) {
                continue; // the reserved zero bytes carry nothing
            }
            for bit in [0x01u8, 0x80] {
                let mut bad = whole.clone();
                bad[at] ^= bit;
                assert!(
                    matches!(reopen(dir.path(), &bad), Err(Rejected::Damaged(_))),
                    "byte {at} bit {bit:#x} flipped went unnoticed"
                );
            }
        }
    }

    #[test]
    fn a_lazy_reader_checks_each_blob_when_it_is_asked_for() {
        let dir = tempfile::tempdir().unwrap();
        let whole = sample();
        // the blobs lie at the end: "first blob" (key a sorts first or not,
        // whichever) and "second, longer blob"
        let at = whole.len() - 3;
        let mut bad = whole.clone();
        bad[at] ^= 0x20;
        let r = reopen_lazy(dir.path(), &bad).unwrap();
        let (damaged, intact) = if r.fetch(&key_of(&[b"b"])).is_err() {
            (key_of(&[b"b"]), key_of(&[b"a"]))
        } else {
            (key_of(&[b"a"]), key_of(&[b"b"]))
        };
        // the damaged blob is refused every time it is asked for; the other
        // is read
        assert!(r.fetch(&damaged).is_err());
        assert!(r.fetch(&damaged).is_err());
        assert_eq!(r.get(&damaged), None);
        assert!(r.fetch(&intact).unwrap().is_some());
        assert_eq!(r.fetch(&key_of(&[b"c"])), Ok(None));
        // opened whole, the same file is refused at once
        assert!(matches!(
            reopen(dir.path(), &bad),
            Err(Rejected::Damaged(_))
        ));
        // every flipped byte of the header or the table is caught on opening
        let table_end = HEADER + 2 * ENTRY;
        for at in (0..table_end).filter(|at| !(56..64).contains(at)) {
            let mut bad = whole.clone();
            bad[at] ^= 0x01;
            assert!(
                reopen_lazy(dir.path(), &bad).is_err(),
                "byte {at} flipped went unnoticed"
            );
        }
        // and every one of a blob when it is read
        for at in table_end..whole.len() {
            let mut bad = whole.clone();
            bad[at] ^= 0x01;
            let r = reopen_lazy(dir.path(), &bad).unwrap();
            assert!(
                r.fetch(&key_of(&[b"a"])).is_err() || r.fetch(&key_of(&[b"b"])).is_err(),
                "byte {at} flipped went unnoticed"
            );
        }
        // releasing pages changes nothing that is read
        let r = reopen_lazy(dir.path(), &whole).unwrap();
        r.release(r.get(&key_of(&[b"a"])).unwrap());
        r.release(&r.map[..]);
        assert_eq!(r.get(&key_of(&[b"a"])), Some(&b"first blob"[..]));
    }

    #[test]
    fn a_remembered_hash_holds_only_for_the_same_stamp_well_after_the_change() {
        let stamp = Stamp {
            size: 10,
            mtime: 100 * 1_000_000_000,
            ctime: 100 * 1_000_000_000,
            inode: 7,
            device: 1,
        };
        let hashed = |at_secs: u128| Hashed {
            stamp,
            at: at_secs * 1_000_000_000,
            hash: [1; 16],
        };
        assert!(hashed(103).holds_for(&stamp));
        assert!(hashed(102).holds_for(&stamp));
        // hashed within the racy window of the change: proves nothing
        assert!(!hashed(101).holds_for(&stamp));
        assert!(!hashed(100).holds_for(&stamp));
        assert!(!hashed(99).holds_for(&stamp));
        for other in [
            Stamp { size: 11, ..stamp },
            Stamp {
                mtime: stamp.mtime + 1,
                ..stamp
            },
            Stamp {
                ctime: stamp.ctime + 1,
                ..stamp
            },
            Stamp { inode: 8, ..stamp },
            Stamp { device: 2, ..stamp },
        ] {
            assert!(!hashed(103).holds_for(&other), "{other:?}");
        }
        // a file whose modification time was put back long before, but
        // changed just before it was hashed (`cp -p`, `rsync -a`)
        let put_back = Stamp {
            ctime: 102 * 1_000_000_000,
            ..stamp
        };
        let hashed_at = |at_secs: u128| Hashed {
            stamp: put_back,
            at: at_secs * 1_000_000_000,
            hash: [1; 16],
        };
        assert!(!hashed_at(103).holds_for(&put_back));
        assert!(hashed_at(104).holds_for(&put_back));
        // where there is no change time, the modification time alone
        let no_ctime = Stamp { ctime: 0, ..stamp };
        assert!(
            Hashed {
                stamp: no_ctime,
                ..hashed(102)
            }
            .holds_for(&no_ctime)
        );
    }

    #[test]
    fn a_file_is_hashed_again_unless_its_remembered_hash_holds() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("catalog.json");
        fs::write(&path, b"[1, 2, 3]").unwrap();
        // just written: within the racy window, so not trusted later
        let first = hash_file(&path, None).unwrap();
        assert_eq!(first.hash, file_hash(&path).unwrap());
        // the same size, and the modification time set back: the content is
        // read again (the change time moved, and the hash was racy anyway)
        fs::write(&path, b"[1, 2, 4]").unwrap();
        let f = File::options().write(true).open(&path).unwrap();
        f.set_modified(
            std::time::UNIX_EPOCH + std::time::Duration::from_nanos(first.stamp.mtime as u64),
        )
        .unwrap();
        drop(f);
        let second = hash_file(&path, Some(&first)).unwrap();
        assert_ne!(second.hash, first.hash);
        assert_eq!(second.hash, file_hash(&path).unwrap());
        // a remembered hash taken well after the last change is given back
        // without reading: a made-up hash shows that it was not read
        let old = Hashed {
            stamp: second.stamp,
            at: second.stamp.mtime.max(second.stamp.ctime) + RACY.as_nanos(),
            hash: [9; 16],
        };
        assert_eq!(hash_file(&path, Some(&old)).unwrap(), old);
        // and an edit that keeps the size and the modification time is still
        // seen, since the change time moves
        fs::write(&path, b"[1, 2, 5]").unwrap();
        let f = File::options().write(true).open(&path).unwrap();
        f.set_modified(
            std::time::UNIX_EPOCH + std::time::Duration::from_nanos(second.stamp.mtime as u64),
        )
        .unwrap();
        drop(f);
        let third = hash_file(&path, Some(&old)).unwrap();
        assert_eq!(third.hash, file_hash(&path).unwrap());
    }

    #[test]
    fn another_format_and_foreign_files_are_refused_with_the_reason() {
        let dir = tempfile::tempdir().unwrap();
        let mut old = sample();
        old[8..12].copy_from_slice(&(FORMAT + 1).to_le_bytes());
        let Err(Rejected::Damaged(why)) = reopen(dir.path(), &old) else {
            panic!("another format was read");
        };
        assert!(why.contains(&format!("format {}", FORMAT + 1)), "{why}");
        let Err(Rejected::Damaged(why)) = reopen(dir.path(), b"{\"not\": \"a cache\"}\n") else {
            panic!("a foreign file was read");
        };
        assert!(why.contains("shorter"), "{why}");
        let mut foreign = vec![b'#'; 200];
        foreign[0..8].copy_from_slice(b"PK\x03\x04....");
        let Err(Rejected::Damaged(why)) = reopen(dir.path(), &foreign) else {
            panic!("a foreign file was read");
        };
        assert!(why.contains("not an annals cache file"), "{why}");
        assert_eq!(
            Reader::open(&dir.path().join("none.cache")).err(),
            Some(Rejected::Missing)
        );
    }

    #[test]
    fn info_lists_and_clear_removes_only_cache_files() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        assert!(info(&d.join("absent")).unwrap().is_empty());
        assert_eq!(clear(&d.join("absent")).unwrap(), (0, 0));
        write_atomic(&d.join("a.cache"), &sample()).unwrap();
        fs::write(d.join("b.cache"), b"torn").unwrap();
        fs::write(d.join(".tmp-left"), b"half").unwrap();
        fs::write(d.join("notes.txt"), b"not ours").unwrap();
        let listed = info(d).unwrap();
        assert_eq!(listed.len(), 2);
        assert_eq!(listed[0].state.as_ref().ok(), Some(&(Kind::Articles, 2)));
        assert_eq!(
            listed[0].describe(),
            format!("a.cache: 2 articles' results, {} bytes", sample().len())
        );
        assert!(
            listed[1]
                .describe()
                .starts_with("b.cache: 4 bytes, unusable: ")
        );
        let (files, bytes) = clear(d).unwrap();
        assert_eq!(files, 3);
        assert_eq!(bytes, sample().len() as u64 + 4 + 4);
        assert!(d.join("notes.txt").exists());
        assert!(info(d).unwrap().is_empty());
    }

    #[test]
    fn sizes_read_as_people_say_them() {
        assert_eq!(human_bytes(12), "12 bytes");
        assert_eq!(human_bytes(1536), "1.5 KiB");
        assert_eq!(human_bytes(3 << 20), "3.0 MiB");
    }
}
