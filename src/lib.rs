//! annals: timelines of world events drawn from news articles.
//!
//! The core (everything here but `tui`) never touches the terminal: it loads the
//! catalog and the articles, extracts and resolves temporal expressions, builds
//! the timeline and filters it. The command line and the explorer (`tui`) both
//! call it; `tests/architecture.rs` keeps terminal crates out of the core.

pub mod article;
pub mod bundled;
pub mod cache;
pub mod catalog;
pub mod diag;
pub mod events;
pub mod export;
pub mod extract;
pub mod filter;
pub mod findings;
pub mod gazetteer;
pub mod input;
pub mod jsonl;
pub mod loader;
pub mod mapped;
pub mod memory;
pub mod model;
pub mod names;
pub mod quick_hash;
pub mod report;
pub mod search;
#[cfg(test)]
mod test_rng;
pub mod text;
pub mod timeline;
pub mod tui;
