//! What must never happen, whatever the input.

use gwr_core::Span;
use gwr_normalize::{normalize, normalize_term};
use proptest::prelude::*;

/// Strings mixing chars the transform changes in every way (expansions, removals, t2s, case, full width, astral).
fn tricky() -> impl Strategy<Value = String> {
    let chars = prop::sample::select(vec![
        'a', 'Z', 'é', '\u{301}', '\u{327}', 'œ', 'Œ', 'ﬁ', '㎡', '…', 'Ａ', '１', '，', '。', '量', '計', '發', 'İ',
        'ß', '𝐀', '𠀀', '가', '\u{1100}', '\u{1161}', 'ǅ', '\u{fdfa}', ' ', '\n', '\u{fe0f}',
    ]);
    prop::collection::vec(chars, 0..40).prop_map(|v| v.into_iter().collect())
}

fn check_alignment(source: &str) {
    let norm = normalize(source);
    let boundaries: Vec<usize> =
        norm.text.char_indices().map(|(i, _)| i).chain(std::iter::once(norm.text.len())).collect();
    for &b in &boundaries {
        let s = norm.source_offset(b);
        assert!(s <= source.len() && source.is_char_boundary(s), "source_offset({b}) = {s} in {source:?}");
    }
    assert_eq!(norm.source_offset(norm.text.len()), source.len());
    let mut previous = 0;
    for &b in &boundaries {
        let s = norm.source_offset(b);
        assert!(s >= previous, "source offsets are monotone in {source:?}");
        previous = s;
    }
    for (i, &a) in boundaries.iter().enumerate() {
        for &b in &boundaries[i..boundaries.len().min(i + 4)] {
            let span = norm.source_span(Span::new(a, b));
            assert!(span.start <= span.end && span.end <= source.len(), "span {span} in {source:?}");
            assert!(source.is_char_boundary(span.start) && source.is_char_boundary(span.end));
            // The normalized slice is exactly what its source slice normalizes to, when the span cuts no expansion.
            let clean = |x: usize| norm.source_span(Span::new(x, x)).is_empty();
            if clean(a) && clean(b) {
                assert_eq!(normalize(span.slice(source)).text, &norm.text[a..b], "span {a}..{b} of {source:?}");
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn never_panics_and_aligns_on_any_string(source in any::<String>()) {
        check_alignment(&source);
    }

    #[test]
    fn aligns_on_tricky_strings(source in tricky()) {
        check_alignment(&source);
    }

    #[test]
    fn counts_the_chars_and_han_chars_of_the_source(
        source in prop_oneof![any::<String>(), tricky(), "[量子科技a-z𠀀𪜀豈\\u{3400}-\\u{3410}\\u{9ff0}-\\u{a000}]{0,40}"]
    ) {
        let norm = normalize(&source);
        prop_assert_eq!(norm.source_chars(), source.chars().count() as u64);
        prop_assert_eq!(norm.source_han_chars(), source.chars().filter(|&c| gwr_core::is_han(c)).count() as u64);
    }

    /// The transform works one char at a time: the whole text normalizes to its chars normalized one by one. A
    /// char alone never reaches the word-at-a-time path for runs of three-byte chars, so this checks that path
    /// against the char-by-char one, on runs broken by every kind of char.
    #[test]
    fn normalizes_as_its_chars_one_by_one(
        source in prop_oneof![tricky(), "[量子科技計發，。（）ＡＩa-z0-9\n 𠀀豈\u{3400}\u{4dc0}\u{9fff}\u{e000}\u{fa00}\u{ffe5}]{0,60}"]
    ) {
        let one_by_one: String = source.chars().map(|c| normalize(c.encode_utf8(&mut [0; 4])).text).collect();
        prop_assert_eq!(normalize(&source).text, one_by_one);
    }

    #[test]
    fn is_idempotent(source in prop_oneof![any::<String>(), tricky()]) {
        let once = normalize_term(&source);
        prop_assert_eq!(normalize_term(&once), once.clone());
    }
}
