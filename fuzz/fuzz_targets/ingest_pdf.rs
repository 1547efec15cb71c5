//! Bytes read as a PDF with `gwr_ingest::read_path` (`.pdf`): no panic escapes, exactly one item, ok with text
//! and no unreadable share above the failure threshold, or failed with a reason.
#![no_main]

use std::sync::OnceLock;

use gwr_core::Status;
use gwr_ingest::{read_path, IngestOptions};
use libfuzzer_sys::fuzz_target;

fn dir() -> &'static tempfile::TempDir {
    static DIR: OnceLock<tempfile::TempDir> = OnceLock::new();
    DIR.get_or_init(|| {
        // A panic inside lopdf is caught by read_path and becomes a failed item (the contract checked here);
        // libfuzzer's hook would abort on it before it is caught, so the default hook prints it instead.
        let _ = std::panic::take_hook();
        tempfile::tempdir().expect("temp dir")
    })
}

fuzz_target!(|bytes: &[u8]| {
    let path = dir().path().join("fuzz.pdf");
    std::fs::write(&path, bytes).expect("write the input");
    let items = read_path(&path, &IngestOptions::default());
    assert_eq!(items.len(), 1, "a PDF is one document");
    let item = &items[0];
    match item.status {
        Status::Ok => {
            assert!(!item.text.trim().is_empty() && item.reason.is_empty());
            assert!(!item.flags.iter().any(|f| f.contains("garbled") && f.contains("(100.0%")));
        }
        Status::Skipped | Status::Failed => assert!(!item.reason.is_empty() && item.text.is_empty()),
    }
});
