//! Our normalization against the required reference, HF tokenizers' `NFKC` + `Lowercase` with alignments, on the real
//! corpora: wherever our extra steps (Traditional → Simplified, accent folding) do not apply, the normalized text and
//! every normalized char's source span must be the same.

mod common;

use gwr_core::Span;
use gwr_normalize::normalize;
use tokenizers::normalizer::Range;
use tokenizers::normalizers::{Lowercase, NFKC};
use tokenizers::{NormalizedString, Normalizer};
use unicode_normalization::UnicodeNormalization;

/// What tokenizers' NFKC + lowercase makes of one char alone.
fn reference_char(c: char) -> String {
    std::iter::once(c).nfkc().flat_map(char::to_lowercase).collect()
}

/// Compare one line; false when the line was skipped because our extra steps apply to one of its chars.
fn compare_line(line: &str) -> bool {
    let ours_differs = line.chars().any(|c| normalize(c.encode_utf8(&mut [0; 4])).text != reference_char(c));
    if ours_differs {
        return false;
    }
    let mut reference = NormalizedString::from(line);
    NFKC.normalize(&mut reference).expect("tokenizers nfkc");
    Lowercase.normalize(&mut reference).expect("tokenizers lowercase");
    let ours = normalize(line);
    assert_eq!(ours.text, reference.get(), "normalized text differs from tokenizers on a corpus line");
    for (a, c) in ours.text.char_indices() {
        let b = a + c.len_utf8();
        let want = reference
            .convert_offsets(Range::Normalized(a..b))
            .unwrap_or_else(|| panic!("tokenizers has no alignment for normalized {a}..{b}"));
        let got = ours.source_span(Span::new(a, b));
        assert_eq!((got.start, got.end), (want.start, want.end), "source span of normalized char {c:?} at {a}");
        assert_eq!(ours.source_offset(a), want.start);
    }
    let whole = reference.offsets_original();
    assert_eq!(ours.source_span(Span::new(0, ours.text.len())), Span::new(whole.0, whole.1));
    true
}

#[test]
fn agrees_with_tokenizers_nfkc_lowercase_on_real_corpus() {
    gwr_testdata::require_corpora!();
    let mut docs = common::provincial();
    docs.extend(common::national());
    let (mut compared, mut skipped, mut changed_bytes) = (0usize, 0usize, 0usize);
    for doc in &docs {
        for line in doc.lines() {
            if compare_line(line) {
                compared += 1;
                if normalize(line).text != line {
                    changed_bytes += line.len();
                }
            } else {
                skipped += 1;
            }
        }
    }
    eprintln!("compared {compared} lines ({changed_bytes} bytes in lines nfkc changed), skipped {skipped} lines");
    assert!(compared > 10_000, "the corpus gives many comparable lines, got {compared}");
    assert!(changed_bytes > 100_000, "the comparison covers lines that nfkc really changes");
    assert!(skipped * 10 < compared, "our extra steps apply to few lines: skipped {skipped} of {}", compared + skipped);
}
