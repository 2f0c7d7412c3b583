//! How the process asks the system for memory.
//!
//! Loading an archive allocates a few hundred megabytes on every core and
//! frees much of it step by step. The allocator (mimalloc, see `main.rs`)
//! asks for transparent huge pages where the system allows them: a 2 MiB
//! page stays resident while any of it is used, and each fresh one is
//! zeroed whole. The run that fills the cache over 1,000,000 events spent a
//! fifth of its time zeroing huge pages, and 10,000 articles kept more
//! memory resident. Small pages cost nothing measurable here.

/// Turns transparent huge pages off for the process (Linux; elsewhere it
/// does nothing). Called at the start of `main`; pages already mapped are
/// not split, but every page touched from then on is a small one.
pub fn configure() {
    #[cfg(target_os = "linux")]
    // SAFETY: prctl with integer arguments only; it changes a flag of the
    // process and touches no memory of ours
    unsafe {
        libc::prctl(libc::PR_SET_THP_DISABLE, 1, 0, 0, 0);
    }
}

/// True when transparent huge pages are off for the process.
pub fn huge_pages_off() -> bool {
    #[cfg(target_os = "linux")]
    // SAFETY: as above; the flag is read, not changed
    return unsafe { libc::prctl(libc::PR_GET_THP_DISABLE, 0, 0, 0, 0) } == 1;
    #[cfg(not(target_os = "linux"))]
    false
}

#[cfg(all(test, target_os = "linux"))]
mod tests {
    #[test]
    fn configure_turns_huge_pages_off() {
        super::configure();
        assert!(super::huge_pages_off());
    }
}
