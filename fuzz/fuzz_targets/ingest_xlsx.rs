//! Bytes written to a temporary workbook (`.xlsx`, `.xls`, `.ods` or `.xlsb`, chosen by the first byte) and read
//! with `gwr_ingest::read_path`: no panic escapes, at least one item, every item ok with text or skipped/failed
//! with a reason, doc_ids unique and made of the file's id plus `#sheet` or `#sheet!row`.
#![no_main]

use std::sync::OnceLock;

use gwr_core::Status;
use gwr_ingest::{read_path, IngestOptions};
use libfuzzer_sys::fuzz_target;

fn dir() -> &'static tempfile::TempDir {
    static DIR: OnceLock<tempfile::TempDir> = OnceLock::new();
    DIR.get_or_init(|| {
        // A panic inside calamine is caught by read_path and becomes a failed item (the contract checked here);
        // libfuzzer's hook would abort on it before it is caught, so the default hook prints it instead.
        let _ = std::panic::take_hook();
        tempfile::tempdir().expect("temp dir")
    })
}

fuzz_target!(|input: &[u8]| {
    let Some((&selector, bytes)) = input.split_first() else { return };
    let ext = ["xlsx", "xls", "ods", "xlsb"][usize::from(selector % 4)];
    let path = dir().path().join(format!("fuzz.{ext}"));
    std::fs::write(&path, bytes).expect("write the input");
    let items = read_path(&path, &IngestOptions::default());
    assert!(!items.is_empty(), "every file yields at least one item");
    let file_id = items[0].meta.doc_id.split('#').next().unwrap_or_default().to_string();
    assert!(file_id.ends_with(&format!("fuzz.{ext}")), "doc_id {file_id}");
    let mut ids = std::collections::BTreeSet::new();
    for item in &items {
        match item.status {
            Status::Ok => assert!(!item.text.trim().is_empty() && item.reason.is_empty()),
            Status::Skipped | Status::Failed => assert!(!item.reason.is_empty() && item.text.is_empty()),
        }
        let id = &item.meta.doc_id;
        assert!(id == &file_id || id.starts_with(&format!("{file_id}#")), "doc_id {id}");
        assert!(ids.insert(id.clone()), "doc_id {id} twice");
    }
});
