//! Plain-text articles, with optional TOML front matter (see [`crate::article`]).

use std::path::Path;

use super::{InputKind, Read};
use crate::article::Article;

pub(super) const KIND: InputKind = InputKind {
    name: "text",
    extensions: &["txt", "md", "text"],
    sniff: |_| true,
    read,
};

fn read(path: &Path, name: &str, bytes: &[u8]) -> Read {
    let mut article = Article::parse_named(path, name, bytes);
    let problems = std::mem::take(&mut article.problems);
    Read {
        articles: vec![article],
        problems,
    }
}
