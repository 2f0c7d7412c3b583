//! Giving freed memory back to the system between the steps of a load.
//!
//! A cold load frees much of what one step made (the candidates, the
//! merging's lists) while the next allocates anew, on other threads and in
//! other sizes. The allocator keeps the pages it freed for a while, in case
//! they are wanted again; they seldom are, and the process grows by what it
//! keeps. The program says how to give them back ([`set_give_back`]: only it
//! knows its allocator), and the loader asks for it where a step has freed
//! much ([`give_back`]).

use std::sync::OnceLock;

static GIVE_BACK: OnceLock<fn()> = OnceLock::new();

/// Sets what [`give_back`] does; the first setting holds.
pub fn set_give_back(give_back: fn()) {
    let _ = GIVE_BACK.set(give_back);
}

/// Returns the pages freed so far to the system, when the program has said
/// how ([`set_give_back`]); else does nothing.
pub fn give_back() {
    if let Some(give_back) = GIVE_BACK.get() {
        give_back();
    }
}
