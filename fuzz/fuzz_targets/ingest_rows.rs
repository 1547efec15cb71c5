//! Bytes written to a temporary `.csv`, `.tsv`, `.jsonl` or `.txt` file and read with `gwr_ingest::read_path`:
//! never panics, and every row is accounted for: each item is ok with text, or skipped/failed with a reason, and
//! its doc_id is the file's id, plus `#key` for rows.
#![no_main]

use std::sync::OnceLock;

use gwr_core::Status;
use gwr_ingest::{read_path, IngestOptions};
use libfuzzer_sys::fuzz_target;

fn dir() -> &'static tempfile::TempDir {
    static DIR: OnceLock<tempfile::TempDir> = OnceLock::new();
    DIR.get_or_init(|| tempfile::tempdir().expect("temp dir"))
}

fuzz_target!(|input: &[u8]| {
    let Some((&selector, bytes)) = input.split_first() else { return };
    let ext = ["csv", "tsv", "jsonl", "txt"][usize::from(selector % 4)];
    let path = dir().path().join(format!("fuzz.{ext}"));
    std::fs::write(&path, bytes).expect("write the input");
    let items = read_path(&path, &IngestOptions::default());
    assert!(!items.is_empty(), "every file yields at least one item");
    let file_id = items[0].meta.doc_id.split('#').next().unwrap_or_default().to_string();
    assert!(file_id.ends_with(&format!("fuzz.{ext}")), "doc_id {file_id}");
    let mut keys = std::collections::BTreeSet::new();
    for item in &items {
        match item.status {
            Status::Ok => assert!(!item.text.trim().is_empty() && item.reason.is_empty()),
            Status::Skipped | Status::Failed => {
                assert!(!item.reason.is_empty() && item.text.is_empty(), "{:?} without reason", item.status)
            }
        }
        assert!(item.meta.doc_id.starts_with(&file_id));
        assert!(keys.insert(item.meta.doc_id.clone()), "doc_id {} listed twice", item.meta.doc_id);
    }
    if ext == "jsonl" && items.len() > 1 {
        let decoded = gwr_ingest::decode(bytes);
        let lines = decoded.text.lines().filter(|l| !l.trim().is_empty()).count();
        assert!(items.len() <= lines.max(1), "{} items from {lines} non-blank lines", items.len());
    }
});
