//! Reading the real report corpora (never copied into the repository) for tests.
#![allow(dead_code)]

use std::path::PathBuf;

/// The shared corpora folder, beside the project. Panics loudly when it is absent.
pub fn corpora() -> PathBuf {
    let dir = PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/corpora"));
    assert!(
        dir.is_dir(),
        "REAL CORPUS MISSING: {} does not exist; these tests need the shared report corpora",
        dir.display()
    );
    dir
}

/// `full_text` of every provincial 2026 report, in file-name order.
pub fn provincial() -> Vec<String> {
    let dir = corpora().join("provincial-2026");
    let mut paths: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()))
        .map(|entry| entry.expect("readable dir entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "csv"))
        .collect();
    paths.sort();
    let mut texts = Vec::new();
    for path in paths {
        let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
        let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
        let mut reader = csv::Reader::from_reader(bytes);
        let headers = reader.headers().expect("csv header").clone();
        let col = headers.iter().position(|h| h == "full_text").expect("full_text column");
        for record in reader.records() {
            texts.push(record.expect("csv record")[col].to_string());
        }
    }
    assert_eq!(texts.len(), 31, "one report per provincial-level region");
    texts
}

/// `content` of every national report (rows with a year).
pub fn national() -> Vec<String> {
    let path = corpora().join("national-zh/government_work_reports.jsonl");
    let data = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    let texts: Vec<String> = data
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str::<serde_json::Value>(l).expect("json line"))
        .filter(|v| !v["year"].is_null())
        .map(|v| v["content"].as_str().expect("content string").to_string())
        .collect();
    assert!(texts.len() >= 50, "national corpus has its reports");
    texts
}

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
