//! The matcher's way of finding candidates (start filter + anchored automaton) gives exactly the candidates of an
//! unanchored leftmost-longest aho-corasick search: on random texts over tricky patterns, and with the real
//! dictionary on every real report.

use gwr_match::{Matcher, Target};
use gwr_segment::ZhSegmenter;
use proptest::prelude::*;
use std::sync::OnceLock;

/// Patterns of every key length of the start filter (1, 2, 3-5, 6-7 and 8+ bytes), sharing prefixes, nested in
/// each other and mixing scripts.
const PATTERNS: &[&str] = &[
    "a",
    "ai",
    "ai产业",
    "5g",
    "5g-a",
    "氢",
    "氢能",
    "万p",
    "量子",
    "量子科技",
    "量子科技产业",
    "科技",
    "核能",
    "核能力",
    "低空经济",
    "ia",
    "l'ia",
    "informatique",
    "informatique quantique",
    "€",
    "economie",
    "人工智能+",
    "人工智能",
];

fn matcher() -> &'static Matcher {
    static MATCHER: OnceLock<Matcher> = OnceLock::new();
    MATCHER.get_or_init(|| {
        let patterns = PATTERNS.iter().enumerate().map(|(i, &p)| (p, Target::Concept(i as u32)));
        Matcher::new(patterns, ZhSegmenter::new(PATTERNS.iter().copied())).expect("matcher")
    })
}

/// [`PATTERNS`] and more short patterns led by a Han char than the start filter searches for ahead of its scan (it
/// then looks them up at every char).
fn matcher_many_short() -> &'static Matcher {
    static MATCHER: OnceLock<Matcher> = OnceLock::new();
    MATCHER.get_or_init(|| {
        let all: Vec<&str> = PATTERNS.iter().copied().chain(MORE_SHORT.iter().copied()).collect();
        let patterns = all.iter().enumerate().map(|(i, &p)| (p, Target::Concept(i as u32)));
        Matcher::new(patterns, ZhSegmenter::new(all.iter().copied())).expect("matcher")
    })
}

const MORE_SHORT: &[&str] = &["能", "核", "子g", "的", "经"];

fn text_strategy() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "a",
        "i",
        "ai",
        "5",
        "g",
        "-a",
        "氢",
        "能",
        "万",
        "p",
        "量",
        "子",
        "科",
        "技",
        "产业",
        "核",
        "能力",
        "低空",
        "经济",
        "l'",
        "informatique",
        " quantique",
        "é",
        "e",
        "conomie",
        "€",
        "人工",
        "智能",
        "+",
        " ",
        "，",
        "\n",
        "的",
        "\u{20000}",
    ]);
    prop::collection::vec(pieces, 0..60).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn candidates_equal_an_unanchored_leftmost_longest_search(text in text_strategy()) {
        let m = matcher();
        prop_assert_eq!(m.candidates(&text), m.reference_candidates(&text));
    }

    #[test]
    fn candidates_equal_the_reference_with_many_short_han_patterns(text in text_strategy()) {
        let m = matcher_many_short();
        prop_assert_eq!(m.candidates(&text), m.reference_candidates(&text));
    }
}

#[test]
fn candidates_at_the_very_end_of_a_text() {
    let m = matcher();
    for text in ["a", "ai", "5g", "氢", "量子", "x量子科技", "l'ia", "€", "economie", "人工智能+", "万p", "量万p"]
    {
        assert_eq!(m.candidates(text), m.reference_candidates(text), "{text:?}");
        assert!(!m.candidates(text).is_empty(), "{text:?} ends with a pattern");
        let many = matcher_many_short();
        assert_eq!(many.candidates(text), many.reference_candidates(text), "{text:?}");
    }
}

#[test]
fn with_the_real_dictionary_on_every_real_report() {
    gwr_testdata::require_corpora!();
    let dict = gwr_dict::Dictionary::embedded().expect("default dictionary");
    let patterns = dict.patterns();
    let targets = patterns.iter().map(|p| {
        let target = match p.target {
            gwr_dict::PatternTarget::Concept(i) => Target::Concept(i),
            gwr_dict::PatternTarget::Exclusion => Target::Exclusion,
        };
        (p.normalized.as_str(), target)
    });
    let m = Matcher::new(targets, ZhSegmenter::new([])).expect("matcher");
    let mut docs = gwr_testdata::provincial();
    docs.extend(gwr_testdata::national());
    docs.extend(gwr_testdata::english_sentences());
    let mut total = 0;
    for source in &docs {
        let text = gwr_normalize::normalize(source).text;
        let found = m.candidates(&text);
        assert_eq!(found, m.reference_candidates(&text), "a report of {} bytes", text.len());
        total += found.len();
    }
    assert!(total > 10_000, "the real reports hold many candidates, got {total}");
}
