//! The gazetteer: countries and blocs, and the names that point to them in text.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use aho_corasick::{AhoCorasick, MatchKind};
use serde::Deserialize;

use toml::Spanned;

use crate::diag::{LineIndex, LoadError, Problem};
use crate::text::{Normalized, at_word_bounds, inflection_len, normalize_for_matching};

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCountry {
    name: Spanned<String>,
    #[serde(default)]
    alpha3: Option<String>,
    #[serde(default)]
    aliases: Vec<Spanned<String>>,
    #[serde(default)]
    bloc: bool,
}

/// The officially assigned ISO 3166-1 alpha-2 codes.
const ISO_ALPHA2: &str = "AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ \
    BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ \
    CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ \
    EC EE EG EH ER ES ET FI FJ FK FM FO FR \
    GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU \
    ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW KY KZ \
    LA LB LC LI LK LR LS LT LU LV LY \
    MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ \
    NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY \
    QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ \
    TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM US UY UZ \
    VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW";

/// True when `code` is an officially assigned ISO 3166-1 alpha-2 code.
pub fn is_iso_alpha2(code: &str) -> bool {
    code.len() == 2 && ISO_ALPHA2.split_whitespace().any(|c| c == code)
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
    problems: Vec<Problem>,
}

impl Gazetteer {
    /// Reads a gazetteer from TOML text; `path` is used in messages.
    /// A code that is not in capitals, a country code that is not ISO 3166-1
    /// alpha-2 (blocs say `bloc = true`), and a name given to two countries
    /// are problems (see [`Gazetteer::problems`]); the gazetteer still loads.
    pub fn from_toml(path: &Path, text: &str) -> Result<Gazetteer, LoadError> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let raw: BTreeMap<Spanned<String>, RawCountry> = toml::from_str(text).map_err(|e| {
            let offset = e.span().map_or(0, |s| s.start);
            LoadError::syntax(path, text, offset, e.message().to_string())
        })?;
        let problems = check(path, text, &raw);
        let countries = raw
            .into_iter()
            .map(|(code, r)| {
                let code = code.into_inner();
                let country = Country {
                    code: code.clone(),
                    name: r.name.into_inner(),
                    alpha3: r.alpha3,
                    aliases: r.aliases.into_iter().map(Spanned::into_inner).collect(),
                    bloc: r.bloc,
                };
                (code, country)
            })
            .collect();
        let mut g = Gazetteer::new(countries);
        g.problems = problems;
        Ok(g)
    }

    /// What is wrong with the gazetteer's entries, each with its place.
    pub fn problems(&self) -> &[Problem] {
        &self.problems
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
            problems: Vec::new(),
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
            let norm = Normalized::of(text);
            let norm = norm.as_str();
            for hit in m.find_iter(norm) {
                let end = hit.end() + inflection_len(&norm[hit.end()..]);
                if at_word_bounds(norm, hit.start(), end) {
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

/// The problems of a gazetteer's entries, in the order of the file.
fn check(path: &Path, text: &str, raw: &BTreeMap<Spanned<String>, RawCountry>) -> Vec<Problem> {
    let lines = LineIndex::new(text);
    let mut found: Vec<(usize, String)> = Vec::new();
    // every name and alias, with the codes that give it and where
    let mut names: BTreeMap<&str, Vec<(&str, usize)>> = BTreeMap::new();
    // in the order of the file, so that a name's first country is the one
    // written first
    let mut entries: Vec<(&Spanned<String>, &RawCountry)> = raw.iter().collect();
    entries.sort_by_key(|(code, _)| code.span().start);
    for (code, c) in entries {
        let at = code.span().start;
        let code = code.get_ref().as_str();
        if code.chars().any(|ch| ch.is_lowercase()) {
            found.push((
                at,
                format!(
                    "`{code}`: codes are written in capitals (`{}`); as written, \
                     `--country` and catalogs cannot name it",
                    code.to_uppercase()
                ),
            ));
        } else if !c.bloc && !is_iso_alpha2(code) {
            found.push((
                at,
                format!(
                    "`{code}` is not an ISO 3166-1 alpha-2 code; a group of countries \
                     says `bloc = true`"
                ),
            ));
        }
        for n in std::iter::once(&c.name).chain(&c.aliases) {
            let name = n.get_ref().trim();
            if name.is_empty() {
                continue;
            }
            let codes = names.entry(name).or_default();
            if !codes.iter().any(|(c, _)| *c == code) {
                codes.push((code, n.span().start));
            }
        }
    }
    for (name, codes) in &names {
        if let [(first, _), rest @ ..] = codes.as_slice() {
            for (other, at) in rest {
                found.push((
                    *at,
                    format!("`{name}` names both {first} and {other}; a name may name one country"),
                ));
            }
        }
    }
    found.sort();
    found
        .into_iter()
        .map(|(at, message)| Problem {
            location: lines.location(path, text, at),
            message,
            warning: false,
        })
        .collect()
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
    fn bad_entries_are_named_with_their_line() {
        let text = "[TR]\nname = \"Turkey\"\naliases = [\"Ankara\"]\n\
                    [ru]\nname = \"Russia\"\n\
                    [XX]\nname = \"Atlantis\"\n\
                    [NATO]\nname = \"NATO\"\nbloc = true\n\
                    [RU]\nname = \"Russia proper\"\naliases = [\"Ankara\", \"Moscow\"]\n";
        let g = Gazetteer::from_toml(Path::new("c.toml"), text).unwrap();
        let p: Vec<String> = g.problems().iter().map(|p| p.to_string()).collect();
        assert_eq!(p.len(), 3, "{p:?}");
        assert!(
            p[0].starts_with("c.toml:4:") && p[0].contains("`ru`") && p[0].contains("`RU`"),
            "{p:?}"
        );
        assert!(
            p[1].starts_with("c.toml:6:") && p[1].contains("`XX` is not an ISO"),
            "{p:?}"
        );
        assert!(
            p[2].starts_with("c.toml:13:") && p[2].contains("`Ankara` names both"),
            "{p:?}"
        );
        // the gazetteer still loads
        assert!(g.contains("TR") && g.contains("XX"));
        // the bundled one is clean, and the code list is the whole of ISO's
        let bundled = Gazetteer::from_toml(Path::new("c.toml"), crate::bundled::COUNTRIES).unwrap();
        assert!(bundled.problems().is_empty(), "{:?}", bundled.problems());
        assert_eq!(ISO_ALPHA2.split_whitespace().count(), 249);
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
