//! Test support: the real report corpora (../shared/corpora beside the repository), read at run time and never
//! copied into the repository. Every function panics loudly when the corpora are absent, so that a test needing
//! them can never pass silently.
//!
//! # Example
//!
//! ```no_run
//! let reports = gwr_testdata::provincial();
//! assert_eq!(reports.len(), 31);
//! Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # Crate features
//!
//! None.

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
    let texts = csv_column("provincial-2026", "full_text");
    assert_eq!(texts.len(), 31, "one report per provincial-level region");
    texts
}

/// Every cell of `column` in the CSV files (UTF-8, BOM or not) of `corpora()/folder`, files in name order.
pub fn csv_column(folder: &str, column: &str) -> Vec<String> {
    let dir = corpora().join(folder);
    let mut paths: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()))
        .map(|entry| entry.expect("readable dir entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "csv"))
        .collect();
    paths.sort();
    let mut cells = Vec::new();
    for path in paths {
        let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
        let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
        let mut reader = csv::Reader::from_reader(bytes);
        let headers = reader.headers().expect("csv header").clone();
        let col = headers
            .iter()
            .position(|h| h == column)
            .unwrap_or_else(|| panic!("{}: no {column} column", path.display()));
        for record in reader.records() {
            cells.push(record.expect("csv record")[col].to_string());
        }
    }
    cells
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

/// The English sentences (`英文` column) of the bilingual 2024-2026 reports.
pub fn english_sentences() -> Vec<String> {
    let sentences = csv_column("bilingual-2024-2026", "英文");
    assert!(sentences.len() > 1000, "the bilingual corpus has its sentence pairs");
    sentences
}
