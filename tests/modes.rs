//! Counting modes (issue 18): an environmental-attention index built from a user word list on the State Council's
//! reports, counted by gwr in each mode and recounted here independently for three years chosen by hand, following
//! the README's definitions with jieba-rs directly (not gwr's code):
//! - `substring`: every occurrence in the text;
//! - `term`: every occurrence whose two ends are token boundaries of jieba with the list's words added, or of
//!   jieba's own segmentation;
//! - `word`: leftmost-longest occurrences (the first position where a word starts, the longest word there, then on
//!   from its end), each counted when both its ends are token boundaries of jieba with the words added.

use std::collections::BTreeMap;
use std::process::Command;

use jieba_rs::Jieba;

const WORDS: [&str; 5] = ["生态", "生态环境", "环境保护", "污染", "污染防治"];
/// Chosen by reading: years whose reports discuss the environment at length, far apart in style.
const YEARS: [&str; 3] = ["2007", "2016", "2023"];

fn jieba_with(words: &[&str]) -> Jieba {
    let mut j = Jieba::new();
    for _ in 0..2 {
        for w in words {
            j.add_word(w, None, None);
        }
    }
    for w in words {
        let mut tries = 0;
        while j.cut(w, true).len() > 1 && tries < 20 {
            let f = j.suggest_freq(w).max(1);
            j.add_word(w, Some(f * 2), None);
            tries += 1;
        }
    }
    j
}

/// Token boundaries (byte offsets) of `jieba` over each run of Han chars of `text`; offsets outside such runs (next
/// to punctuation or text edges) are boundaries too.
fn boundaries(jieba: &Jieba, text: &str) -> Vec<bool> {
    let mut b = vec![true; text.len() + 1];
    let mut i = 0;
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    while i < chars.len() {
        if !gwr_core::is_han(chars[i].1) {
            i += 1;
            continue;
        }
        let start = chars[i].0;
        while i < chars.len() && gwr_core::is_han(chars[i].1) {
            i += 1;
        }
        let end = chars.get(i).map_or(text.len(), |c| c.0);
        for (k, _) in text[start..end].char_indices().skip(1) {
            b[start + k] = false;
        }
        for token in jieba.cut(&text[start..end], true) {
            b[start + token.byte_end] = true;
        }
    }
    b
}

fn independent_counts(text: &str, with: &Jieba, plain: &Jieba) -> BTreeMap<(&'static str, &'static str), u64> {
    let mut counts = BTreeMap::new();
    let (bw, bp) = (boundaries(with, text), boundaries(plain, text));
    for w in WORDS {
        for (start, _) in text.match_indices(w) {
            let end = start + w.len();
            *counts.entry(("substring", w)).or_insert(0) += 1;
            if (bw[start] && bw[end]) || (bp[start] && bp[end]) {
                *counts.entry(("term", w)).or_insert(0) += 1;
            }
        }
    }
    let mut pos = 0;
    while pos < text.len() {
        let longest = WORDS.iter().filter(|w| text[pos..].starts_with(**w)).max_by_key(|w| w.len());
        match longest {
            Some(w) => {
                if bw[pos] && bw[pos + w.len()] {
                    *counts.entry(("word", *w)).or_insert(0) += 1;
                }
                pos += w.len();
            }
            None => pos += text[pos..].chars().next().map_or(1, char::len_utf8),
        }
    }
    counts
}

#[test]
fn modes_count_as_documented_on_national_reports() {
    let corpora = gwr_testdata::require_corpora!();
    let dir = tempfile::tempdir().unwrap();
    let dict = dir.path().join("environment.yaml");
    let list: String = WORDS.iter().map(|w| format!("    - {w}\n")).collect();
    std::fs::write(&dict, format!("Dictionary:\n  environment:\n{list}")).unwrap();
    let corpus = corpora.join("national-zh");
    let mut gwr_counts = BTreeMap::new();
    for mode in ["word", "term", "substring"] {
        let out = dir.path().join(mode);
        let status = Command::new(env!("CARGO_BIN_EXE_gwr"))
            .args(["analyze", corpus.to_str().unwrap(), "--dict", dict.to_str().unwrap(), "--mode", mode, "-q"])
            .args(["--out", out.to_str().unwrap()])
            .status()
            .unwrap();
        assert!(status.success() || status.code() == Some(1), "gwr analyze --mode {mode}");
        let mut reader = csv::Reader::from_path(out.join("counts.csv")).unwrap();
        for row in reader.deserialize::<BTreeMap<String, String>>() {
            let row = row.unwrap();
            let term = WORDS.iter().find(|w| **w == row["term"]).expect("a word of the list");
            *gwr_counts.entry((row["year"].clone(), mode, *term)).or_insert(0u64) +=
                row["count"].parse::<u64>().unwrap();
        }
    }
    let (with, plain) = (jieba_with(&WORDS), Jieba::new());
    let text = std::fs::read_to_string(corpus.join("government_work_reports.jsonl")).unwrap();
    for line in text.lines() {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        let year = v["year"].as_i64().map(|y| y.to_string()).unwrap_or_default();
        if !YEARS.contains(&year.as_str()) {
            continue;
        }
        let expected = independent_counts(v["content"].as_str().unwrap(), &with, &plain);
        for mode in ["word", "term", "substring"] {
            for w in WORDS {
                let want = expected.get(&(mode, w)).copied().unwrap_or(0);
                let got = gwr_counts.get(&(year.clone(), mode, w)).copied().unwrap_or(0);
                assert_eq!(got, want, "{year} {mode} {w}");
            }
        }
        // The documented differences: the modes nest, and in these years they really differ.
        for w in WORDS {
            let n = |m| expected.get(&(m, w)).copied().unwrap_or(0);
            assert!(n("word") <= n("term") && n("term") <= n("substring"), "{year} {w}");
        }
        assert!(WORDS.iter().any(|w| expected.get(&("substring", *w)) > expected.get(&("term", *w))), "{year}");
    }
}
