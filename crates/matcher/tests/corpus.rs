//! On real reports, matching with jieba segmenting only the blocks around candidates gives exactly the matches of a
//! reference that segments the whole text with jieba first.

mod common;

use aho_corasick::{AhoCorasick, MatchKind};
use gwr_core::{is_han, Span};
use gwr_match::{Matcher, RawMatch, Target};
use gwr_segment::{is_word_boundary, ZhSegmenter};

/// The reference: leftmost-longest candidates, Han boundaries looked up in jieba's cut of the whole text.
fn reference(patterns: &[(&str, Target)], segmenter: &ZhSegmenter, text: &str) -> Vec<RawMatch> {
    let automaton = AhoCorasick::builder()
        .match_kind(MatchKind::LeftmostLongest)
        .build(patterns.iter().map(|p| p.0))
        .expect("automaton");
    let mut cuts = Vec::new();
    segmenter.boundaries(text, &mut cuts);
    let boundary = |pos: usize| {
        let before = text[..pos].chars().next_back();
        let after = text[pos..].chars().next();
        match (before, after) {
            (Some(a), Some(b)) if is_han(a) && is_han(b) => cuts.binary_search(&pos).is_ok(),
            _ => is_word_boundary(text, pos),
        }
    };
    automaton
        .find_iter(text)
        .filter_map(|m| match patterns[m.pattern().as_usize()].1 {
            Target::Concept(concept) if boundary(m.start()) && boundary(m.end()) => {
                Some(RawMatch { span: Span::new(m.start(), m.end()), concept })
            }
            _ => None,
        })
        .collect()
}

#[test]
fn block_wise_matching_equals_whole_text_jieba_on_real_reports() {
    gwr_testdata::require_corpora!();
    let words = common::frequent_words(620);
    assert_eq!(words.len(), 620);
    // 600 concepts and 20 exclusions, plus a few terms of our own.
    let mut patterns: Vec<(&str, Target)> = words
        .iter()
        .enumerate()
        .map(|(i, w)| (w.as_str(), if i < 600 { Target::Concept(i as u32) } else { Target::Exclusion }))
        .collect();
    for (i, extra) in ["核能", "低空经济", "具身智能", "人工智能+", "5g", "ai"].into_iter().enumerate() {
        if !words.iter().any(|w| w == extra) {
            patterns.push((extra, Target::Concept(1000 + i as u32)));
        }
    }
    let matcher = Matcher::new(patterns.iter().copied(), ZhSegmenter::new(patterns.iter().map(|p| p.0))).unwrap();
    let segmenter = ZhSegmenter::new(patterns.iter().map(|p| p.0));
    let (mut total, mut rejected_somewhere) = (0usize, 0usize);
    let mut docs = common::provincial();
    docs.extend(common::national().into_iter().rev().take(10));
    for source in docs {
        let text = gwr_normalize::normalize(&source).text;
        let mut found = Vec::new();
        matcher.find(&text, &mut found);
        let want = reference(&patterns, &segmenter, &text);
        assert_eq!(found, want, "matches differ on a report");
        total += found.len();
        let candidates = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .build(patterns.iter().map(|p| p.0))
            .unwrap()
            .find_iter(&text)
            .count();
        rejected_somewhere += candidates - found.len();
    }
    eprintln!("{total} matches, {rejected_somewhere} candidates rejected or excluded");
    assert!(total > 50_000, "real reports give many matches, got {total}");
    assert!(rejected_somewhere > 1000, "the filter really rejects candidates, got {rejected_somewhere}");
}
