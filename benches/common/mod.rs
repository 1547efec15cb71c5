//! Shared set-up of the benches: the engine with the default dictionary, and corpora built from the shared national
//! reports (never copied into the repository).
#![allow(dead_code)]

use std::path::PathBuf;

use gwr_bench::Corpus;
use gwr_pipeline::Engine;

/// The shared corpora folder beside the project.
pub fn corpora() -> PathBuf {
    let dir = PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/corpora"));
    assert!(dir.is_dir(), "benches need the shared corpora at {}", dir.display());
    dir
}

/// The national reports file (JSONL, one report per row).
pub fn national_file() -> PathBuf {
    corpora().join("national-zh/government_work_reports.jsonl")
}

/// The national reports as a corpus.
pub fn national() -> Corpus {
    Corpus::load(&[national_file()]).expect("national corpus")
}

/// The engine with the checked default dictionary.
pub fn engine() -> Engine {
    Engine::load(gwr_dict::DictSource::Embedded).expect("dictionary and engine")
}

/// Megabytes of the large corpus (`GWR_BENCH_MB`, default 200).
pub fn large_mb() -> u64 {
    std::env::var("GWR_BENCH_MB").ok().and_then(|v| v.parse().ok()).unwrap_or(200)
}

/// A temporary folder holding copies of the national reports file under varied names, at least `mb` MB in all.
pub fn copies_dir(mb: u64) -> (tempfile::TempDir, u64) {
    let dir = tempfile::tempdir().expect("temp dir");
    let bytes = std::fs::read(national_file()).expect("national file");
    let copies = (mb * 1_000_000).div_ceil(bytes.len() as u64);
    for i in 0..copies {
        std::fs::write(dir.path().join(format!("copy-{i:04}.jsonl")), &bytes).expect("write copy");
    }
    (dir, copies * bytes.len() as u64)
}

/// A temporary folder holding one text file: every national report joined, repeated to at least `mb` MB.
pub fn one_file_dir(mb: u64) -> (tempfile::TempDir, u64) {
    let dir = tempfile::tempdir().expect("temp dir");
    let text = national().scaled(mb * 1_000_000).as_one_document().documents.remove(0).text;
    std::fs::write(dir.path().join("one-report.txt"), &text).expect("write");
    (dir, text.len() as u64)
}
