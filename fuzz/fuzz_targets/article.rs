//! Any bytes as an article: parsing, page furniture, sentences, the temporal
//! extractor and the loader's per-article pass (country tagging, alias linking,
//! titles for extracted events). The first byte may ask for a publication date
//! built from the next three, so that the resolver meets every reference,
//! including the first and last years a date may have.
#![no_main]

use std::path::Path;
use std::sync::LazyLock;

use annals::article::{self, Article};
use annals::catalog::{self, Catalog};
use annals::extract;
use annals::gazetteer::Gazetteer;
use annals::loader::{self, Linker};
use annals::model::DateValue;
use libfuzzer_sys::fuzz_target;

struct Data {
    gazetteer: Gazetteer,
    catalog: Catalog,
    linker: Linker,
}

static DATA: LazyLock<Data> = LazyLock::new(|| {
    let gazetteer = Gazetteer::from_toml(Path::new("countries.toml"), annals::bundled::COUNTRIES)
        .expect("bundled gazetteer");
    let catalog = catalog::parse(
        Path::new("events.toml"),
        annals::bundled::EVENTS,
        &gazetteer,
    )
    .expect("bundled catalog");
    let linker = Linker::new(&catalog.events);
    Data {
        gazetteer,
        catalog,
        linker,
    }
});

fn published(data: &[u8]) -> (Option<DateValue>, &[u8]) {
    match data {
        [flag, a, b, c, rest @ ..] if flag & 1 == 1 => {
            let year = match flag >> 1 {
                0 => 1,
                1 => 9999,
                _ => 1 + (u16::from_le_bytes([*a, *b]) as i32 % 9999),
            };
            let month = 1 + (*c as u32 % 12);
            let day = 1 + ((*c as u32 >> 4) * 2 % 31);
            let date = DateValue::day(year, month, day)
                .or_else(|| DateValue::month(year, month))
                .or_else(|| DateValue::year(year));
            (date, rest)
        }
        [_, rest @ ..] => (None, rest),
        [] => (None, data),
    }
}

fn check_range(text: &str, r: &std::ops::Range<usize>) {
    assert!(
        r.start <= r.end && r.end <= text.len(),
        "range {r:?} outside the text"
    );
    assert!(text.is_char_boundary(r.start) && text.is_char_boundary(r.end));
}

fuzz_target!(|data: &[u8]| {
    let (date, bytes) = published(data);
    let art = Article::parse(Path::new("fuzz.txt"), bytes);
    let text = art.text.as_str();
    assert!(art.body_start <= text.len() && text.is_char_boundary(art.body_start));
    for p in &art.problems {
        let shown = p.to_string();
        assert!(!shown.chars().any(annals::text::is_dangerous));
    }
    let skip = article::furniture(text, art.body_start);
    for r in &skip {
        check_range(text, r);
    }
    let sentences = article::sentences(text, art.body_start);
    for r in &sentences {
        check_range(text, r);
        assert!(r.start >= art.body_start);
    }
    let reference = date.or(art.meta.published);
    for m in extract::extract(text, &sentences, &skip, reference, &[]) {
        check_range(text, &(m.start..m.end));
        check_range(text, &m.sentence);
        assert!(m.sentence.start <= m.start && m.end <= m.sentence.end);
        let _ = m.value.precision_str();
        if let Some(v) = m.value.date() {
            assert_eq!(v.to_string().parse::<DateValue>(), Ok(v));
        }
    }
    let _ = extract::dateline(text, art.body_start);
    let d = &*DATA;
    for rec in loader::mentions_for_text(
        "fuzz",
        date,
        text,
        &d.linker,
        &d.gazetteer,
        &d.catalog.events,
    ) {
        assert!(rec.start <= rec.end && rec.end <= text.len());
    }
    let title = loader::clause_title(text, text.len() / 2);
    assert!(!title.contains('\n'));
    assert!(!title.chars().any(annals::text::is_dangerous));
});
