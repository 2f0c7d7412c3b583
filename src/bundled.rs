//! The bundled data, compiled into the binary so that `annals` works from any
//! folder: the catalog, the gazetteer and the seed articles.

use std::path::PathBuf;

use crate::article::ArticleInput;

pub const EVENTS: &str = include_str!("../events.toml");
pub const COUNTRIES: &str = include_str!("../assets/countries.toml");

const ARTICLES: &[(&str, &[u8])] = &[
    (
        "000_08db30d2da96f915.txt",
        include_bytes!("../assets/articles/000_08db30d2da96f915.txt"),
    ),
    (
        "001_7490c6972c1be176.txt",
        include_bytes!("../assets/articles/001_7490c6972c1be176.txt"),
    ),
    (
        "002_01d692dc91377d95.txt",
        include_bytes!("../assets/articles/002_01d692dc91377d95.txt"),
    ),
    (
        "003_06102edd073c02b5.txt",
        include_bytes!("../assets/articles/003_06102edd073c02b5.txt"),
    ),
];

/// The bundled articles, named as if read from `<bundled>/articles/`.
pub fn articles() -> Vec<ArticleInput> {
    ARTICLES
        .iter()
        .map(|(name, bytes)| ArticleInput {
            path: PathBuf::from(format!("<bundled>/articles/{name}")),
            name: name.to_string(),
            bytes: bytes.to_vec(),
        })
        .collect()
}
