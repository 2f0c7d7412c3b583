//! The gazetteer: countries and blocs, and the names that point to them in text.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use aho_corasick::{AhoCorasick, MatchKind};
use serde::Deserialize;

use crate::diag::LoadError;
use crate::text::{at_word_bounds, inflection_len, normalize_for_matching};

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCountry {
    name: String,
    #[serde(default)]
    alpha3: Option<String>,
    #[serde(default)]
    aliases: Vec<String>,
    #[serde(default)]
    bloc: bool,
}

/// A country or a bloc.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Country {
    pub code: String,
    pub name: String,
    pub alpha3: Option<String>,
    pub aliases: Vec<String>,
    pub bloc: bool,
}

/// Countries by code, with a matcher for their names in running text.
#[derive(Debug, Clone)]
pub struct Gazetteer {
    countries: BTreeMap<String, Country>,
    patterns: Vec<usize>,
    codes: Vec<String>,
    matcher: Option<AhoCorasick>,
}

impl Gazetteer {
    /// Reads a gazetteer from TOML text; `path` is used in messages.
    pub fn from_toml(path: &Path, text: &str) -> Result<Gazetteer, LoadError> {
        let raw: BTreeMap<String, RawCountry> = toml::from_str(text).map_err(|e| {
            let offset = e.span().map_or(0, |s| s.start);
            LoadError::syntax(path, text, offset, e.message().to_string())
        })?;
        let countries = raw
            .into_iter()
            .map(|(code, r)| {
                let country = Country {
                    code: code.clone(),
                    name: r.name,
                    alpha3: r.alpha3,
                    aliases: r.aliases,
                    bloc: r.bloc,
                };
                (code, country)
            })
            .collect();
        Ok(Gazetteer::new(countries))
    }

    fn new(countries: BTreeMap<String, Country>) -> Gazetteer {
        let mut names: Vec<String> = Vec::new();
        let mut patterns = Vec::new();
        let codes: Vec<String> = countries.keys().cloned().collect();
        for (i, c) in countries.values().enumerate() {
            let mut seen = BTreeSet::new();
            for n in std::iter::once(&c.name).chain(c.aliases.iter()) {
                let n = n.trim();
                if !n.is_empty() && seen.insert(n.to_string()) {
                    names.push(normalize_for_matching(n).0);
                    patterns.push(i);
                }
            }
        }
        let matcher = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .build(&names)
            .ok();
        Gazetteer {
            countries,
            patterns,
            codes,
            matcher,
        }
    }

    pub fn get(&self, code: &str) -> Option<&Country> {
        self.countries.get(code)
    }

    pub fn contains(&self, code: &str) -> bool {
        self.countries.contains_key(code)
    }

    pub fn len(&self) -> usize {
        self.countries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.countries.is_empty()
    }

    pub fn iter(&self) -> impl Iterator<Item = &Country> {
        self.countries.values()
    }

    /// The country's name, or the code itself when the gazetteer does not know it.
    pub fn name<'a>(&'a self, code: &'a str) -> &'a str {
        self.countries.get(code).map_or(code, |c| c.name.as_str())
    }

    /// The codes of every country named in `text`, in code order, each once.
    /// Names match as whole words, case-sensitively, with plural and possessive
    /// endings allowed ("Turkey’s", "Russians").
    pub fn countries_in(&self, text: &str) -> Vec<String> {
        let mut found = BTreeSet::new();
        if let Some(m) = &self.matcher {
            let (norm, _) = normalize_for_matching(text);
            for hit in m.find_iter(&norm) {
                let end = hit.end() + inflection_len(&norm[hit.end()..]);
                if at_word_bounds(&norm, hit.start(), end) {
                    found.insert(self.patterns[hit.pattern().as_usize()]);
                }
            }
        }
        found.into_iter().map(|i| self.codes[i].clone()).collect()
    }

    /// Countries that a short query names: a code ("tr"), an alpha-3 code ("rus"),
    /// or the start of a name ("iran", "united k"). Exact code matches come first.
    pub fn lookup(&self, query: &str) -> Vec<&Country> {
        let q = query.trim().to_lowercase();
        if q.is_empty() {
            return Vec::new();
        }
        let exact: Vec<&Country> = self
            .countries
            .values()
            .filter(|c| {
                c.code.to_lowercase() == q
                    || c.alpha3.as_ref().is_some_and(|a| a.to_lowercase() == q)
                    || c.name.to_lowercase() == q
            })
            .collect();
        if !exact.is_empty() {
            return exact;
        }
        self.countries
            .values()
            .filter(|c| {
                c.name
                    .to_lowercase()
                    .split_whitespace()
                    .any(|w| w.starts_with(&q))
                    || c.name.to_lowercase().starts_with(&q)
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Gazetteer {
        Gazetteer::from_toml(
            Path::new("countries.toml"),
            r#"
[TR]
name = "Turkey"
alpha3 = "TUR"
aliases = ["Turkish", "Ankara", "Erdogan"]
[RU]
name = "Russia"
alpha3 = "RUS"
aliases = ["Russian", "Moscow", "Putin"]
[US]
name = "United States"
alpha3 = "USA"
aliases = ["U.S.", "American", "Washington"]
"#,
        )
        .unwrap()
    }

    #[test]
    fn tags_names_demonyms_and_possessives() {
        let g = sample();
        assert_eq!(
            g.countries_in("Turkey’s leader met Putin in Moscow."),
            ["RU", "TR"]
        );
        assert_eq!(g.countries_in("the U.S. F-35 program"), ["US"]);
        assert!(g.countries_in("Turkeys and Ankaraville").len() <= 1);
        assert!(g.countries_in("Russianness").is_empty());
    }

    #[test]
    fn lookup_by_code_alpha3_and_name() {
        let g = sample();
        assert_eq!(g.lookup("tr")[0].code, "TR");
        assert_eq!(g.lookup("rus")[0].code, "RU");
        assert_eq!(g.lookup("united")[0].code, "US");
        assert!(g.lookup("zz").is_empty());
    }

    #[test]
    fn broken_toml_names_line_and_column() {
        let err = Gazetteer::from_toml(Path::new("c.toml"), "[TR]\nname = \n").unwrap_err();
        assert!(err.to_string().starts_with("c.toml:2:"), "{err}");
    }
}
