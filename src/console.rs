//! Standard output and standard error of the command line, written so that
//! nothing a reader or a disk does makes annals panic. (Part of the binary,
//! not of the core.)
//!
//! Every line annals prints goes through [`out`] (or [`Stdout`] for a stream
//! of writes) and every message through [`note!`]:
//!
//! - A broken pipe counts as success: whoever reads has all they want
//!   (`annals list | head -3`, `annals check 2>&1 | head -1`). The rest of that
//!   stream is dropped and the command carries on to its own exit code.
//! - Any other failure to write (a full disk, an I/O error) is a clean exit
//!   with code 1: on standard output at once, through [`WriteFailed`], with a
//!   message on standard error; on standard error, where nothing more can be
//!   said, when the command ends ([`messages_lost`]).

use std::io::{self, Write};
use std::sync::atomic::{AtomicBool, Ordering};

/// What became of one stream.
struct Stream {
    /// The reader went away: what follows is dropped.
    gone: AtomicBool,
    /// A write failed for another reason.
    failed: AtomicBool,
}

impl Stream {
    const fn new() -> Stream {
        Stream {
            gone: AtomicBool::new(false),
            failed: AtomicBool::new(false),
        }
    }

    /// Writes `bytes` and flushes them to `w`, dropping them once the reader
    /// has gone.
    fn write(&self, w: &mut impl Write, bytes: &[u8]) -> io::Result<()> {
        if self.gone.load(Ordering::Relaxed) {
            return Ok(());
        }
        match w.write_all(bytes).and_then(|()| w.flush()) {
            Err(e) if e.kind() == io::ErrorKind::BrokenPipe => {
                self.gone.store(true, Ordering::Relaxed);
                Ok(())
            }
            Err(e) => {
                self.failed.store(true, Ordering::Relaxed);
                Err(e)
            }
            Ok(()) => Ok(()),
        }
    }
}

static STDOUT: Stream = Stream::new();
static STDERR: Stream = Stream::new();

/// Standard output could not be written; `main` reports it and exits with 1.
#[derive(Debug, thiserror::Error)]
#[error("cannot write to standard output: {0}")]
pub struct WriteFailed(#[from] pub io::Error);

/// Writes `s` to standard output.
pub fn out(s: &str) -> Result<(), WriteFailed> {
    Ok(STDOUT.write(&mut io::stdout().lock(), s.as_bytes())?)
}

/// Writes `s` and a line break to standard error. It never fails: a message
/// that cannot be written is counted by [`messages_lost`].
pub fn message(s: &str) {
    let mut line = String::with_capacity(s.len() + 1);
    line.push_str(s);
    line.push('\n');
    let _ = STDERR.write(&mut io::stderr().lock(), line.as_bytes());
}

/// True once the reader of standard output has gone away.
pub fn stdout_gone() -> bool {
    STDOUT.gone.load(Ordering::Relaxed)
}

/// True when a message could not be written to standard error for another
/// reason than a reader that went away.
pub fn messages_lost() -> bool {
    STDERR.failed.load(Ordering::Relaxed)
}

/// Standard output as a [`Write`], for output written piece by piece: the
/// pieces are kept until `flush` (or until they fill a buffer) and then go
/// out together. A broken pipe swallows the rest; other errors come back.
#[derive(Default)]
pub struct Stdout {
    buf: Vec<u8>,
}

impl Stdout {
    const BUFFER: usize = 64 << 10;
}

impl Write for Stdout {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.buf.extend_from_slice(buf);
        if self.buf.len() >= Stdout::BUFFER {
            self.flush()?;
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        let pending = std::mem::take(&mut self.buf);
        STDOUT.write(&mut io::stdout().lock(), &pending)
    }
}

/// `note!("…", args)`: a formatted message on standard error.
macro_rules! note {
    ($($arg:tt)*) => {
        $crate::console::message(&format!($($arg)*))
    };
}
pub(crate) use note;

#[cfg(test)]
mod tests {
    use super::*;

    /// A writer that fails every write with `kind`, counting the attempts.
    struct Failing(io::ErrorKind, usize);

    impl Write for Failing {
        fn write(&mut self, _: &[u8]) -> io::Result<usize> {
            self.1 += 1;
            Err(io::Error::from(self.0))
        }
        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn a_broken_pipe_is_success_and_ends_the_stream() {
        let s = Stream::new();
        let mut w = Failing(io::ErrorKind::BrokenPipe, 0);
        assert!(s.write(&mut w, b"a").is_ok());
        assert!(s.write(&mut w, b"b").is_ok());
        assert_eq!(w.1, 1, "nothing is written after the reader went away");
        assert!(!s.failed.load(Ordering::Relaxed));
    }

    #[test]
    fn other_errors_are_returned_and_remembered() {
        let s = Stream::new();
        let mut w = Failing(io::ErrorKind::StorageFull, 0);
        assert_eq!(
            s.write(&mut w, b"a").unwrap_err().kind(),
            io::ErrorKind::StorageFull
        );
        assert!(s.failed.load(Ordering::Relaxed));
        let mut ok = Vec::new();
        assert!(Stream::new().write(&mut ok, b"text").is_ok());
        assert_eq!(ok, b"text");
    }
}
