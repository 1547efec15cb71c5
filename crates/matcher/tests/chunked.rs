//! `find_chunked` gives exactly the matches of `find`, wherever the chunks are cut.

mod common;

use gwr_match::{Matcher, RawMatch, Target};
use gwr_segment::ZhSegmenter;
use proptest::prelude::*;
use std::sync::OnceLock;

const PATTERNS: &[(&str, Target)] = &[
    ("核能", Target::Concept(0)),
    ("核能力", Target::Exclusion),
    ("量子", Target::Concept(1)),
    ("量子科技", Target::Concept(2)),
    ("低空经济", Target::Concept(3)),
    ("ai", Target::Concept(4)),
    ("informatique quantique", Target::Concept(5)),
    ("新质生产力", Target::Concept(6)),
    ("科技创新", Target::Concept(7)),
];

fn matcher() -> &'static Matcher {
    static MATCHER: OnceLock<Matcher> = OnceLock::new();
    MATCHER.get_or_init(|| {
        Matcher::new(PATTERNS.iter().copied(), ZhSegmenter::new(PATTERNS.iter().map(|p| p.0))).expect("matcher")
    })
}

fn whole(text: &str) -> Vec<RawMatch> {
    let mut out = Vec::new();
    matcher().find(text, &mut out);
    out
}

fn chunked(text: &str, chunk_bytes: usize) -> Vec<RawMatch> {
    let mut out = Vec::new();
    matcher().find_chunked(text, chunk_bytes, &mut out);
    out
}

#[test]
fn every_cut_around_every_match_of_a_real_report() {
    gwr_testdata::require_corpora!();
    let report = common::provincial().into_iter().max_by_key(|t| t.matches("科技创新").count()).unwrap();
    let text = gwr_normalize::normalize(&report).text;
    let want = whole(&text);
    assert!(want.len() > 20, "the report has matches to cut around, got {}", want.len());
    // The first chunk ends at every byte from 6 before to 6 after each of the first matches.
    for m in want.iter().take(40) {
        for cut in m.span.start.saturating_sub(6)..=m.span.end + 6 {
            assert_eq!(chunked(&text, cut), want, "first chunk of {cut} bytes");
        }
    }
    // Small chunks cut everywhere through the first part of the report.
    let head_end = (0..=4000.min(text.len())).rev().find(|&i| text.is_char_boundary(i)).unwrap();
    let head = &text[..head_end];
    let head_want = whole(head);
    for chunk_bytes in 0..=40 {
        assert_eq!(chunked(head, chunk_bytes), head_want, "chunks of {chunk_bytes} bytes");
    }
    assert_eq!(chunked(&text, 1 << 16), want);
}

fn text_strategy() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "核能",
        "核",
        "能力",
        "量子",
        "科技",
        "低空",
        "经济",
        "ai",
        "m",
        "n",
        "informatique",
        " quantique",
        " ",
        "，",
        "。",
        "新质",
        "生产力",
        "创新",
        "发展",
        "5g",
        "推动",
    ]);
    prop::collection::vec(pieces, 0..30).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn chunked_equals_whole(text in text_strategy(), chunk_bytes in 0usize..40) {
        prop_assert_eq!(chunked(&text, chunk_bytes), whole(&text));
    }
}

/// The matches of `find_between` over the pieces `chunk_starts` gives, concatenated in order.
fn between(text: &str, chunk_bytes: usize) -> Vec<RawMatch> {
    let mut starts = matcher().chunk_starts(text, chunk_bytes);
    starts.push(text.len());
    let mut out = Vec::new();
    for w in starts.windows(2) {
        matcher().find_between(text, w[0], w[1], &mut out);
    }
    out
}

#[test]
fn independent_pieces_of_real_reports_give_the_whole_text_matches() {
    gwr_testdata::require_corpora!();
    let mut reports = common::provincial();
    reports.extend(common::national().into_iter().take(5));
    let mut pieces = 0;
    for report in reports {
        let text = gwr_normalize::normalize(&report).text;
        let want = whole(&text);
        for chunk_bytes in [0, 1, 7, 64, 1000, 50_000] {
            let starts = matcher().chunk_starts(&text, chunk_bytes);
            assert!(starts.windows(2).all(|w| w[0] < w[1]), "increasing cuts");
            pieces += starts.len();
            assert_eq!(between(&text, chunk_bytes), want, "pieces of {chunk_bytes} bytes");
        }
    }
    assert!(pieces > 10_000, "the reports are really cut, {pieces} pieces");
}

#[test]
fn cuts_fall_after_chars_no_pattern_holds() {
    let text = "发展核能，提升核能力。推动量子科技\n低空经济";
    let starts = matcher().chunk_starts(text, 1);
    for &s in &starts[1..] {
        let before = text[..s].chars().next_back().unwrap();
        assert!(['，', '。', '\n'].contains(&before), "cut after {before:?}");
    }
    assert_eq!(starts.len(), 4);
    assert_eq!(matcher().chunk_starts("量子科技", 1), [0], "no cut char: one piece");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn pieces_equal_whole(text in text_strategy(), chunk_bytes in 0usize..40) {
        prop_assert_eq!(between(&text, chunk_bytes), whole(&text));
    }
}
