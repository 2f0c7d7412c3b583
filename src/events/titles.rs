//! Titles: the clause of the sentence that carries the event, made short.
//!
//! From the sentence, the title keeps the clause holding the date expression
//! (clauses end at `;`, dashes and quotation marks), then takes off
//! - a dateline at the start ("ISTANBUL - ", "CAIRO, Feb. 11 (UPI) -- "),
//! - the date expression with the preposition that leads it ("on Friday",
//!   "in late June"), and a lead-in that only dates ("In April last year,"),
//! - leading connectives ("But", "Although", "Meanwhile,"),
//! - attribution at either end ("X said", ", according to Y") unless nothing
//!   else is left,
//!
//! and is cut, when longer than [`MAX_TITLE_CHARS`], at the last word that
//! fits, never inside a word.

/// The longest title, in characters (the ellipsis included).
pub const MAX_TITLE_CHARS: usize = 80;

const CONNECTIVES: &[&str] = &[
    "but",
    "and",
    "although",
    "though",
    "however",
    "meanwhile",
    "still",
    "yet",
    "so",
    "then",
    "also",
    "moreover",
    "furthermore",
    "indeed",
    "instead",
    "thus",
    "while",
    "whereas",
    "now",
];

const PREPOSITIONS: &[&str] = &[
    "on", "in", "at", "since", "by", "during", "from", "after", "before", "until", "as of", "of",
    "early", "late", "earlier", "later",
];

const REPORTING: &[&str] = &[
    "said",
    "says",
    "say",
    "told",
    "announced",
    "reported",
    "added",
    "stated",
    "noted",
    "confirmed",
    "claimed",
    "wrote",
    "tweeted",
];

/// A title for the event that the expression at `expr` (byte range in
/// `sentence`) dates. `expr` may be `None` when the sentence is dated from
/// elsewhere (a heading above it).
pub fn title(sentence: &str, expr: Option<std::ops::Range<usize>>) -> String {
    let sentence = crate::text::one_line(sentence);
    let expr = expr.filter(|r| {
        r.end <= sentence.len()
            && sentence.is_char_boundary(r.start)
            && sentence.is_char_boundary(r.end)
    });
    let (mut clause, mut expr) = clause_of(&sentence, expr.clone());
    let full = clause.clone();
    let expr_at = expr.as_ref().map(|r| r.end);
    let dl = dateline_len(&clause);
    if dl > 0 {
        clause = clause[dl..].to_string();
        expr = expr.and_then(|r| (r.start >= dl).then(|| r.start - dl..r.end - dl));
    }
    if let Some(r) = expr {
        clause = remove_expression(&clause, r);
    }
    clause = strip_leading(&clause);
    // "On Aug. 19, Bolton said Pompeo would visit": the date is the saying's,
    // so the saying is the event and stays
    let dates_the_saying = expr_before_reporting(&full, expr_at);
    if !dates_the_saying {
        clause = strip_attribution(&clause);
    }
    let mut t = tidy(&clause);
    if t.split_whitespace().count() < 3 {
        t = tidy(&full);
    }
    if t.is_empty() {
        t = tidy(&sentence);
    }
    capitalise(&cut(&t, MAX_TITLE_CHARS))
}

/// True when a reporting verb follows the expression ending at `at` within a
/// few words and nothing but a name lies between ("On Aug. 19, U.S. adviser
/// John Bolton said ...", "Kerry on Monday told reporters ...").
fn expr_before_reporting(clause: &str, at: Option<usize>) -> bool {
    let Some(at) = at else {
        return false;
    };
    let after = &clause[at.min(clause.len())..];
    for (k, w) in after.split_whitespace().take(8).enumerate() {
        let w = w
            .trim_matches(|c: char| !c.is_alphanumeric())
            .to_lowercase();
        if REPORTING.contains(&w.as_str()) {
            return k > 0 || !clause[..at].trim().is_empty();
        }
        // a lower-case word other than a title or joiner ends the subject
        let word_is_name_part = w.is_empty()
            || matches!(
                w.as_str(),
                "of" | "the"
                    | "and"
                    | "national"
                    | "security"
                    | "adviser"
                    | "advisor"
                    | "president"
                    | "minister"
                    | "secretary"
                    | "spokesman"
                    | "spokeswoman"
            );
        let original = after.split_whitespace().nth(k).unwrap_or("");
        if !word_is_name_part && !original.starts_with(|c: char| c.is_uppercase() || c == ',') {
            return false;
        }
    }
    false
}

/// The clause holding `expr`, and where the expression lies in it.
fn clause_of(
    s: &str,
    expr: Option<std::ops::Range<usize>>,
) -> (String, Option<std::ops::Range<usize>>) {
    let breaks = |c: char| matches!(c, ';' | '—' | '“' | '”' | '"' | '|');
    let at = expr.as_ref().map_or(0, |r| r.start);
    let start = s[..at]
        .rfind(breaks)
        .map_or(0, |i| i + s[i..].chars().next().map_or(1, char::len_utf8));
    let from = expr.as_ref().map_or(0, |r| r.end);
    let end = s[from..].find(breaks).map_or(s.len(), |i| from + i);
    let clause = &s[start..end];
    // a clause of a few words does not carry an event: keep the sentence
    if clause.split_whitespace().count() < 5 {
        return (s.to_string(), expr);
    }
    (
        clause.to_string(),
        expr.map(|r| r.start - start..r.end - start),
    )
}

/// The length of a dateline opening the text: an upper-case place name,
/// perhaps a date and an agency in brackets, then a dash ("ISTANBUL - ",
/// "CAIRO, Feb. 11 (UPI) -- ", "Riyadh - ").
pub fn dateline_len(s: &str) -> usize {
    let head_end = s.len().min(80);
    let head_end = crate::diag::floor_char_boundary(s, head_end);
    // every dash below is a hyphen or starts with the byte of an em or en
    // dash: a head with neither has none
    if !s.as_bytes()[..head_end]
        .iter()
        .any(|&b| b == b'-' || b == 0xE2)
    {
        return 0;
    }
    for dash in [" -- ", " — ", " – ", " - ", " —", "—"] {
        let Some(i) = s[..head_end].find(dash) else {
            continue;
        };
        let place = s[..i].split(',').next().unwrap_or("").trim();
        let words: Vec<&str> = place.split_whitespace().collect();
        let is_place = !words.is_empty()
            && words.len() <= 4
            && words
                .iter()
                .all(|w| w.chars().next().is_some_and(char::is_uppercase))
            && (words
                .iter()
                .any(|w| w.len() > 2 && w.chars().all(|c| !c.is_lowercase()))
                || (words.len() == 1 && !s[..i].contains(',')));
        let rest_before = &s[..i];
        // whatever follows the place before the dash is a date and an agency
        let tail_ok = rest_before.len() - place.len() < 40;
        if is_place && tail_ok {
            return i + dash.len();
        }
    }
    0
}

/// The clause without the expression and the preposition or lead-in that
/// carries it.
fn remove_expression(clause: &str, r: std::ops::Range<usize>) -> String {
    let before = &clause[..r.start];
    let after = &clause[r.end..];
    // a lead-in that only dates: "In April last year, ..." up to its comma
    let lead = before.trim();
    if lead
        .split_whitespace()
        .all(|w| PREPOSITIONS.contains(&w.to_lowercase().as_str()) || w.len() <= 4)
        && lead.split_whitespace().count() <= 3
    {
        if let Some(i) = after.find(',') {
            let between = &after[..i];
            if between.split_whitespace().count() <= 4 {
                return after[i + 1..].trim().to_string();
            }
        }
        if lead.is_empty() || PREPOSITIONS.contains(&lead.to_lowercase().as_str()) {
            return after.trim().to_string();
        }
    }
    // "... on Friday", "... in late June": the preposition goes with the date
    let mut before = before.trim_end();
    loop {
        let last = before.rsplit(' ').next().unwrap_or("");
        if !last.is_empty() && PREPOSITIONS.contains(&last.to_lowercase().as_str()) {
            before = before[..before.len() - last.len()].trim_end();
        } else {
            break;
        }
    }
    let after = after.trim_start();
    let joined = if after.is_empty() || after.starts_with(['.', ',', ';', ':', ')']) {
        format!("{before}{after}")
    } else {
        format!("{before} {after}")
    };
    joined.trim().to_string()
}

fn strip_leading(s: &str) -> String {
    let mut s = s.trim_start_matches(|c: char| !c.is_alphanumeric() && c != '(' && c != '"');
    loop {
        let first = s
            .split(|c: char| c.is_whitespace() || c == ',')
            .next()
            .unwrap_or("");
        if first.is_empty() || !CONNECTIVES.contains(&first.to_lowercase().as_str()) {
            break;
        }
        let rest = s[first.len()..].trim_start_matches([',', ' ']);
        if rest.split_whitespace().count() < 3 {
            break;
        }
        s = rest;
    }
    s.to_string()
}

/// Takes off "X said" at the end, "X said (that)" at the start, and ",
/// according to Y".
fn strip_attribution(s: &str) -> String {
    let mut out = s.trim().trim_end_matches(['.', ',']).to_string();
    if let Some(i) = out.to_lowercase().rfind(", according to ") {
        if out[..i].split_whitespace().count() >= 4 {
            out.truncate(i);
        }
    }
    if let Some(i) = out.rfind(", ") {
        let tail: Vec<&str> = out[i + 2..].split_whitespace().collect();
        if tail.len() <= 6
            && tail
                .iter()
                .any(|w| REPORTING.contains(&w.to_lowercase().as_str()))
            && out[..i].split_whitespace().count() >= 4
        {
            out.truncate(i);
        }
    }
    // "Officials said (that) ..." at the start, when what follows is a clause
    let words: Vec<&str> = out.split_whitespace().collect();
    if let Some(k) = words
        .iter()
        .take(7)
        .position(|w| REPORTING.contains(&w.trim_end_matches(',').to_lowercase().as_str()))
    {
        let mut rest = words[k + 1..].to_vec();
        if rest.first().is_some_and(|w| w.eq_ignore_ascii_case("that")) {
            rest.remove(0);
        }
        let said_is_event = words[k].eq_ignore_ascii_case("announced");
        if rest.len() >= 4 && !said_is_event && !words[k].ends_with(',') {
            out = rest.join(" ");
        }
    }
    out
}

fn tidy(s: &str) -> String {
    let s = s.split_whitespace().collect::<Vec<_>>().join(" ");
    s.trim_matches(|c: char| matches!(c, ',' | ':' | ';' | '-' | '–' | '—' | ' ' | '|'))
        .trim_end_matches('.')
        .replace(" ,", ",")
        .to_string()
}

/// `s` cut to at most `max` characters at a word boundary, ending with "…"
/// when cut.
pub fn cut(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        return s.to_string();
    }
    let room: String = s.chars().take(max - 1).collect();
    let next = s[room.len()..].chars().next();
    let mut kept = if next.is_some_and(|c| c.is_whitespace()) {
        room.as_str()
    } else {
        match room.rfind(char::is_whitespace) {
            Some(i) => &room[..i],
            None => room.as_str(),
        }
    };
    kept = kept.trim_end_matches([',', ';', ':', ' ', '-', '–', '—']);
    // do not end on a word that leads into what was cut
    for _ in 0..3 {
        let last = kept.rsplit(' ').next().unwrap_or("");
        let l = last.to_lowercase();
        if kept.len() > last.len()
            && (PREPOSITIONS.contains(&l.as_str())
                || matches!(
                    l.as_str(),
                    "the" | "a" | "an" | "and" | "or" | "to" | "for" | "with"
                ))
        {
            kept = kept[..kept.len() - last.len()].trim_end_matches([' ', ',']);
        } else {
            break;
        }
    }
    format!("{kept}…")
}

fn capitalise(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().collect::<String>() + chars.as_str(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(sentence: &str, expr: &str) -> String {
        let at = sentence.find(expr).unwrap();
        title(sentence, Some(at..at + expr.len()))
    }

    #[test]
    fn titles_drop_the_date_and_its_preposition() {
        assert_eq!(
            t(
                "Turkey received the first two shipments of the missile systems on July 12.",
                "July 12"
            ),
            "Turkey received the first two shipments of the missile systems"
        );
        assert_eq!(
            t(
                "In late June, Moscow accepted a letter expressing regret.",
                "late June"
            ),
            "Moscow accepted a letter expressing regret"
        );
    }

    #[test]
    fn titles_drop_lead_ins_connectives_and_attribution() {
        assert_eq!(
            t(
                "In April last year, coinciding with the offensive, the army shelled the town.",
                "April last year"
            ),
            "Coinciding with the offensive, the army shelled the town"
        );
        assert_eq!(
            t(
                "But on Monday the talks collapsed in Geneva, officials said.",
                "Monday"
            ),
            "The talks collapsed in Geneva"
        );
        assert_eq!(
            t(
                "The ceasefire came into force on Sunday, according to the ministry.",
                "Sunday"
            ),
            "The ceasefire came into force"
        );
    }

    #[test]
    fn titles_drop_a_dateline() {
        assert_eq!(
            t(
                "ISTANBUL - Thousands prayed at Hagia Sophia on Friday for the first time.",
                "Friday"
            ),
            "Thousands prayed at Hagia Sophia for the first time"
        );
        assert_eq!(
            t(
                "CAIRO, Feb. 11 (UPI) -- Jubilant demonstrators filled Tahrir Square.",
                "Feb. 11"
            ),
            "Jubilant demonstrators filled Tahrir Square"
        );
        // an em dash, an en dash, and an em dash with no space after it
        for (line, place) in [
            (
                "ISTANBUL — Thousands prayed at Hagia Sophia.",
                "ISTANBUL — ",
            ),
            ("Riyadh – The talks resumed.", "Riyadh – "),
            ("GAZA CITY —Crowds gathered.", "GAZA CITY —"),
        ] {
            assert_eq!(dateline_len(line), place.len(), "{line}");
        }
        assert_eq!(dateline_len("The talks in Riyadh resumed."), 0);
    }

    #[test]
    fn long_titles_are_cut_between_words() {
        let s = "On July 12, Turkey received the first two shipments of the missile systems \
                 that it had bought from Russia despite strong objections from Washington.";
        let got = t(s, "July 12");
        assert!(got.chars().count() <= MAX_TITLE_CHARS, "{got}");
        assert!(got.ends_with('…'));
        let body = got.trim_end_matches('…');
        assert!(s.contains(body), "{got}");
        let next = &s[s.find(body).unwrap() + body.len()..];
        assert!(next.starts_with(' '), "cut inside a word: {got}");
    }
}
