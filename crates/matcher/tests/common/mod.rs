//! The real report corpora for tests (see gwr-testdata), and patterns derived from them.
#![allow(dead_code, unused_imports)]

pub use gwr_testdata::*;

/// About `n` synthetic dictionary patterns from real text: the most frequent tokens of 2 to 4 Han chars that
/// jieba's default dictionary cuts from the normalized provincial reports, most frequent first.
pub fn frequent_words(n: usize) -> Vec<String> {
    let jieba = jieba_rs::Jieba::new();
    let mut counts: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    for text in provincial() {
        let text = gwr_normalize::normalize(&text).text;
        for token in jieba.cut(&text, true) {
            let chars = token.word.chars().count();
            if (2..=4).contains(&chars) && token.word.chars().all(gwr_core::is_han) {
                *counts.entry(token.word.to_string()).or_default() += 1;
            }
        }
    }
    let mut words: Vec<(String, usize)> = counts.into_iter().collect();
    words.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    words.into_iter().take(n).map(|(w, _)| w).collect()
}
