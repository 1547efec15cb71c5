//! `latin_words` and `is_word_boundary` agree with the `tokenizers` `Whitespace` pre-tokenizer on real English text.

mod common;

use gwr_segment::{is_word_boundary, latin_words};
use tokenizers::pre_tokenizers::whitespace::Whitespace;
use tokenizers::{OffsetReferential, OffsetType, PreTokenizedString, PreTokenizer};

#[test]
fn word_boundaries_agree_with_the_whitespace_pre_tokenizer_on_english_reports() {
    gwr_testdata::require_corpora!();
    let (mut checked, mut words) = (0usize, 0usize);
    for sentence in common::english_sentences() {
        let text = gwr_normalize::normalize(&sentence).text;
        let mut pre = PreTokenizedString::from(text.as_str());
        Whitespace.pre_tokenize(&mut pre).expect("whitespace pre-tokenizer");
        let splits = pre.get_splits(OffsetReferential::Original, OffsetType::Byte);
        // Positions strictly inside a word piece are not boundaries; every other char boundary is.
        let mut inside = vec![false; text.len() + 1];
        for (piece, (start, end), _) in &splits {
            if piece.chars().any(char::is_alphanumeric) {
                for (i, _) in text[*start..*end].char_indices().skip(1) {
                    inside[start + i] = true;
                }
            }
        }
        for (pos, _) in text.char_indices().chain(std::iter::once((text.len(), ' '))) {
            assert_eq!(is_word_boundary(&text, pos), !inside[pos], "boundary at {pos} of {text:?}");
            checked += 1;
        }
        let pieces = splits.iter().filter(|(p, _, _)| p.chars().any(char::is_alphanumeric)).count();
        assert_eq!(latin_words(&text), pieces);
        words += pieces;
    }
    eprintln!("{checked} positions, {words} words checked");
    assert!(words > 30_000, "the english corpus has many words, got {words}");
}
