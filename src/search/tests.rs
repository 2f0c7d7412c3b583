use super::*;
use crate::model::Origin;
use crate::names::Names;

fn ev(title: &str, summary: &str) -> Event {
    Event {
        id: title.into(),
        date: "2016".parse().unwrap(),
        end: None,
        title: title.into(),
        summary: summary.into(),
        countries: Names::new(),
        actors: Names::from(["Mevlüt Çavuşoğlu"]),
        tags: Names::from(["s-400"]),
        aliases: Names::new(),
        origin: Origin::Curated,
        status: Default::default(),
        confidence: None,
        sources: vec![],
    }
}

/// A stored index held in memory, with the events for their short fields.
struct InMemory<'a> {
    entries: HashMap<stored::Key, Vec<u8>>,
    events: &'a [Event],
}

impl stored::Blobs for InMemory<'_> {
    fn blob(&self, key: &stored::Key) -> Result<Option<&[u8]>, String> {
        Ok(self.entries.get(key).map(|b| &b[..]))
    }

    fn any_short_field(&self, i: usize, test: &dyn Fn(&str) -> bool) -> Result<bool, String> {
        Ok(self
            .events
            .get(i)
            .is_some_and(|e| short_fields(e).any(test)))
    }
}

/// Checks the index, the stored index and the scan against the query
/// itself.
fn agree(events: &[Event], queries: &[&str]) {
    let index = SearchIndex::build(events);
    let kept = InMemory {
        entries: SearchIndex::build(events)
            .into_stored_entries()
            .unwrap()
            .into_iter()
            .collect(),
        events,
    };
    assert!(kept.entries.keys().all(stored::is_index_key));
    // written from the index where it lies (as the explorer's is), the
    // entries are those it gives when each part is let go once written
    let in_place: HashMap<stored::Key, Vec<u8>> = index
        .stored_keys()
        .into_iter()
        .map(|k| {
            let mut bytes = Vec::new();
            index.write_stored_entry(&k, &mut bytes).unwrap();
            (k, bytes)
        })
        .collect();
    assert_eq!(in_place.len(), index.stored_keys().len(), "no key twice");
    // in the order a file is written in, which letting go of parts assumes
    assert!(index.stored_keys().is_sorted());
    assert!(in_place == kept.entries);
    let stored = stored::Stored::open(&kept, events.len()).unwrap();
    let all: Vec<usize> = (0..events.len()).collect();
    let odd: Vec<usize> = (0..events.len()).filter(|i| i % 2 == 1).collect();
    let few: Vec<usize> = (0..events.len()).step_by(7).take(ONE_BY_ONE).collect();
    let low: Vec<usize> = (0..events.len() / 3).collect();
    for q in queries {
        let query = Query::parse(q);
        let want: Vec<usize> = all
            .iter()
            .copied()
            .filter(|&i| query.matches(&events[i]))
            .collect();
        assert_eq!(index.select(&query, events, None), want, "{q:?}");
        assert_eq!(stored.select(&query).unwrap(), want, "{q:?} stored");
        assert_eq!(scan(&query, events, None), want, "{q:?} scanned");
        for list in [&odd, &few, &low] {
            let want_in: Vec<usize> = want
                .iter()
                .copied()
                .filter(|i| list.binary_search(i).is_ok())
                .collect();
            assert_eq!(
                index.select(&query, events, Some(list)),
                want_in,
                "{q:?} among {} events",
                list.len()
            );
            assert_eq!(scan(&query, events, Some(list)), want_in, "{q:?} scanned");
        }
    }
}

#[test]
fn the_index_answers_as_the_query_does() {
    let events = vec![
        ev("Coup attempt in Turkey", "Soldiers took bridges."),
        ev("Council of our European partners", "countries of the union"),
        ev(
            "Turkey signs the S-400 deal",
            "The purchase angered Washington.",
        ),
        ev("Talks in Astana", "Gas and grain were discussed."),
        ev("KELVIN \u{212a} and İstanbul", "ΟΔΟΣ Straße İzmir"),
        ev("tab\tseparated  title", "u.s. and u.k. e-mail"),
        ev("gas ag reement", "a b"),
    ];
    agree(
        &events,
        &[
            "coup",
            "c",
            "s400",
            "s-400",
            "gas",
            "gra",
            "çavuş",
            "cavus",
            "wash",
            "zz",
            "turkey deal",
            "-",
            "ü",
            "tky",
            "k",
            "kel",
            "i̇st",
            "οδος",
            "οδο",
            "straß",
            "strasse",
            "u.s",
            "e-m",
            "ab",
            "bs",
            "ta",
            "t t",
            "9",
            "sagr",
            "gasag",
            "pin",
            "dsep",
            "bse",
            "ltç",
        ],
    );
}

/// Many generated events, so that sets are dense and sparse, and the
/// parallel paths run.
#[test]
fn the_index_answers_as_the_query_does_at_scale() {
    let mut events = Vec::new();
    let names = [
        "Turkey",
        "Russia",
        "Iran",
        "Greece",
        "Çavuşoğlu",
        "S-400",
        "F-35",
        "gas",
        "grain",
        "agreement",
        "Sochi",
        "Astana",
        "ΟΔΟΣ",
        "u.s.",
        "a",
        "ion",
    ];
    let mut rng = crate::test_rng::Rng::new(12345);
    let mut next = |m: usize| rng.below(m);
    for k in 0..40_000 {
        let title: Vec<&str> = (0..1 + next(5)).map(|_| names[next(names.len())]).collect();
        let summary: Vec<&str> = (0..next(8)).map(|_| names[next(names.len())]).collect();
        let mut e = ev(&title.join(" "), &summary.join(", "));
        e.id = format!("e{k}");
        if next(3) == 0 {
            e.actors = Names::new();
            e.tags = Names::from([names[next(names.len())].to_lowercase()]);
        }
        events.push(e);
    }
    agree(
        &events,
        &[
            "g",
            "ga",
            "gas",
            "agreemen",
            "tky gr",
            "s4",
            "s-4",
            "çav",
            "οδ",
            "u.s",
            "zz",
            "sochi astana",
            "rus",
            "35",
            "f-3",
            "sag",
            "yru",
            "ai",
            "ion",
            "nio",
        ],
    );
}

#[test]
fn transposes_bit_matrices() {
    let mut m = [0u64; 64];
    let mut rng = crate::test_rng::Rng::new(0x9e37_79b9_7f4a_7c15);
    for w in m.iter_mut() {
        *w = rng.next_u64();
    }
    let before = m;
    transpose64(&mut m);
    for (r, &row) in before.iter().enumerate() {
        for (c, &col) in m.iter().enumerate() {
            assert_eq!((row >> c) & 1, (col >> r) & 1, "{r} {c}");
        }
    }
}

#[test]
fn pairs_across_whitespace_are_marked() {
    let mut m = ClassBits::new();
    m.field("ab c".bytes().map(ascii_class));
    let slot = |a: char, b: char| class(a).unwrap() * CLASSES + class(b).unwrap();
    let has = |bits: &[u64; PAIR_WORDS], p: usize| bits[p / 64] & (1 << (p % 64)) != 0;
    assert!(has(&m.pairs, slot('a', 'b')) && !has(&m.across, slot('a', 'b')));
    assert!(has(&m.pairs, slot('a', 'c')) && has(&m.across, slot('a', 'c')));
    assert!(has(&m.pairs, slot('b', 'c')) && has(&m.across, slot('b', 'c')));
    assert!(!has(&m.pairs, slot('b', 'a')));
}

#[test]
fn sets_combine_in_either_form() {
    let n = 300;
    let mut a = vec![0u64; words_for(n)];
    for i in [3usize, 64, 65, 200, 299] {
        set_bit(&mut a, i);
    }
    let sparse = Set::from_bits(a.clone(), n * 100).unwrap();
    let dense = Set::from_bits(a.clone(), 150).unwrap();
    assert!(matches!(sparse, Set::Sparse(_)));
    assert!(matches!(dense, Set::Dense(_)));
    for s in [&sparse, &dense] {
        let mut acc = vec![u64::MAX; words_for(n)];
        s.as_ref().and_into(&mut acc);
        assert_eq!(acc, a);
        let mut acc = vec![0u64; words_for(n)];
        s.as_ref().or_into(&mut acc);
        assert_eq!(acc, a);
    }
    assert_eq!(ones(&a).collect::<Vec<_>>(), [3, 64, 65, 200, 299]);
}
