//! The boundary filter, table-driven: every case runs with both automata.

use gwr_match::{Automaton, MatchError, Matcher, RawMatch, Target};
use gwr_segment::ZhSegmenter;

/// One case: patterns (concept id = index, unless an exclusion), the source text, the surfaces expected.
struct Case {
    name: &'static str,
    patterns: &'static [(&'static str, Target)],
    text: &'static str,
    want: &'static [&'static str],
}

const C0: Target = Target::Concept(0);
const C1: Target = Target::Concept(1);

const CASES: &[Case] = &[
    Case {
        name: "核能 hidden inside 核能力 by an exclusion",
        patterns: &[("核能", C0), ("核能力", Target::Exclusion)],
        text: "他们的核能力很强，我们发展核能",
        want: &["核能"],
    },
    Case {
        name: "核能 inside 核能力 rejected by jieba without an exclusion",
        patterns: &[("核能", C0)],
        text: "他们的核能力很强",
        want: &[],
    },
    Case { name: "核能 alone accepted", patterns: &[("核能", C0)], text: "我们发展核能", want: &["核能"] },
    Case {
        name: "印度 not inside 印度尼西亚", patterns: &[("印度", C0)], text: "同印度尼西亚开展合作", want: &[]
    },
    Case {
        name: "印度 alone accepted", patterns: &[("印度", C0)], text: "同印度开展合作", want: &["印度"]
    },
    Case { name: "ai not inside maintain", patterns: &[("ai", C0)], text: "We maintain steady growth", want: &[] },
    Case { name: "ai before Han accepted", patterns: &[("ai", C0)], text: "用ai赋能工厂", want: &["ai"] },
    Case {
        name: "full-width ＡＩ normalizes to ai", patterns: &[("ai", C0)], text: "推动ＡＩ赋能", want: &["ai"]
    },
    Case {
        name: "量子 in 量子科技 accepted: jieba cuts 量子|科技",
        patterns: &[("量子", C0)],
        text: "发展量子科技",
        want: &["量子"],
    },
    Case {
        name: "量子科技 as a term wins leftmost-longest",
        patterns: &[("量子", C0), ("量子科技", C1)],
        text: "发展量子科技，推进量子计算",
        want: &["量子科技", "量子"],
    },
    Case {
        name: "added terms are whole jieba tokens in context",
        patterns: &[("低空经济", C0), ("具身智能", C1)],
        text: "看好低空经济、具身智能两个方向",
        want: &["低空经济", "具身智能"],
    },
    Case {
        name: "5g not inside 15g, accepted next to Han",
        patterns: &[("5g", C0)],
        text: "15g，建设5g基站",
        want: &["5g"],
    },
    Case {
        name: "multi-word Latin term at word boundaries",
        patterns: &[("informatique quantique", C0)],
        text: "L'Informatique Quantique et l'informatique quantiques",
        want: &["informatique quantique"],
    },
    Case {
        name: "Traditional text matches Simplified terms",
        patterns: &[("量子计算", C0)],
        text: "發展量子計算。",
        want: &["量子计算"],
    },
];

fn run(case: &Case, automaton: Automaton) -> Vec<String> {
    let segmenter = ZhSegmenter::new(case.patterns.iter().map(|&(p, _)| p));
    let matcher = Matcher::with_automaton(case.patterns.iter().copied(), segmenter, automaton)
        .unwrap_or_else(|e| panic!("{}: {e}", case.name));
    let norm = gwr_normalize::normalize(case.text);
    let mut found: Vec<RawMatch> = Vec::new();
    matcher.find(&norm.text, &mut found);
    let surfaces: Vec<String> = found.iter().map(|m| m.span.slice(&norm.text).to_string()).collect();
    // Concept ids follow the patterns.
    for m in &found {
        let pattern = case.patterns.iter().find(|(p, _)| *p == m.span.slice(&norm.text)).expect("a pattern");
        assert_eq!(pattern.1, Target::Concept(m.concept), "{}", case.name);
    }
    surfaces
}

#[test]
fn boundary_cases_with_every_automaton() {
    for automaton in [Automaton::ContiguousNfa, Automaton::Dfa, Automaton::Auto] {
        for case in CASES {
            assert_eq!(run(case, automaton), case.want, "{} ({automaton:?})", case.name);
        }
    }
}

#[test]
fn jieba_decides_the_han_cases_as_documented() {
    // The cases above that rely on jieba, checked against jieba's own tokens so a jieba upgrade that changes them
    // is named here.
    let segmenter = ZhSegmenter::new(["核能", "印度", "量子"]);
    let tokens = |s: &'static str| {
        let mut cuts = Vec::new();
        segmenter.boundaries(s, &mut cuts);
        cuts.windows(2).map(|w| &s[w[0]..w[1]]).collect::<Vec<_>>()
    };
    let nuclear = tokens("他们的核能力很强");
    assert!(!nuclear.contains(&"核能"), "jieba does not cut 核能 out of 核能力: {nuclear:?}");
    let indonesia = tokens("同印度尼西亚开展合作");
    assert!(indonesia.contains(&"印度尼西亚"), "{indonesia:?}");
    assert_eq!(tokens("发展量子科技"), ["发展", "量子", "科技"]);
}

#[test]
fn duplicate_pattern_is_an_error_naming_it() {
    let err = Matcher::new([("量子", Target::Concept(0)), ("量子", Target::Exclusion)], ZhSegmenter::new([]))
        .expect_err("duplicate pattern");
    assert!(matches!(err, MatchError::DuplicatePattern { ref pattern, first: 0, second: 1 } if pattern == "量子"));
    assert!(err.to_string().contains("量子"), "message names the pattern: {err}");
}

#[test]
fn empty_and_unnormalized_patterns_are_errors() {
    let err = Matcher::new([("", Target::Concept(0))], ZhSegmenter::new([])).expect_err("empty pattern");
    assert!(matches!(err, MatchError::EmptyPattern { index: 0 }));
    let err = Matcher::new([("ＡＩ", Target::Concept(0))], ZhSegmenter::new([])).expect_err("not normalized");
    assert!(err.to_string().contains("ＡＩ") && err.to_string().contains("\"ai\""), "{err}");
}

#[test]
fn max_pattern_len_is_the_longest_in_bytes() {
    let matcher =
        Matcher::new([("ai", Target::Concept(0)), ("东数西算", Target::Concept(1))], ZhSegmenter::new([])).unwrap();
    assert_eq!(matcher.max_pattern_len(), 12);
}
