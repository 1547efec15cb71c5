//! A CSV of rows built from the input, some with their closing quote missing, some with cells of several lines,
//! read with `gwr_ingest::read_path`: every row is accounted for under its own number: a row whose quote is
//! unbalanced fails alone, naming the line its quote opens on, and every other row is read whole, with its text.
#![no_main]

use std::sync::OnceLock;

use gwr_core::Status;
use gwr_ingest::{read_path, IngestOptions};
use libfuzzer_sys::fuzz_target;

fn dir() -> &'static tempfile::TempDir {
    static DIR: OnceLock<tempfile::TempDir> = OnceLock::new();
    DIR.get_or_init(|| tempfile::tempdir().expect("temp dir"))
}

/// Characters a cell's text is made of: no delimiter, no quote, no `\r` (so a line inside a cell can never look
/// like the start of a record).
const ALPHABET: [&str; 12] = ["量", "子", "科", "技", "a", "b", " ", "。", "，", "\n", "、", "9"];

fuzz_target!(|data: &[u8]| {
    let mut csv = String::from("province,year,full_text\n");
    // (text, broken, line its quote opens on)
    let mut rows = Vec::new();
    let mut line = 2;
    for (i, chunk) in data.chunks(3).take(40).enumerate() {
        let flags = chunk[0];
        let len = usize::from(chunk.get(1).copied().unwrap_or(0) % 24);
        let seed = chunk.get(2).copied().unwrap_or(0);
        // Starts with a Han char: never an empty text.
        let mut text = String::from("量");
        for k in 0..len {
            let c = ALPHABET[usize::from(seed.wrapping_mul(k as u8 + 7).wrapping_add(flags)) % ALPHABET.len()];
            if c == "\n" && flags & 2 == 0 {
                continue;
            }
            text.push_str(c);
        }
        let broken = flags & 1 == 1;
        let close = if broken { "" } else { "\"" };
        csv.push_str(&format!("r{i},2026,\"{text}{close}\n"));
        rows.push((text.clone(), broken, line));
        line += 1 + text.matches('\n').count();
    }
    let path = dir().path().join("fuzz.csv");
    std::fs::write(&path, &csv).expect("write the input");
    let items = read_path(&path, &IngestOptions::default());
    if rows.is_empty() {
        assert_eq!(items.len(), 1, "a table without rows is listed");
        return;
    }
    assert_eq!(items.len(), rows.len(), "one item per row:\n{csv}\n{items:#?}");
    for (n, (item, (text, broken, open))) in items.iter().zip(&rows).enumerate() {
        assert!(item.meta.doc_id.ends_with(&format!("#{}", n + 1)), "row {} numbered {}", n + 1, item.meta.doc_id);
        if *broken {
            assert_eq!(item.status, Status::Failed, "row {}: {csv}", n + 1);
            assert!(item.reason.contains(&format!("opened at line {open}")), "row {}: {}", n + 1, item.reason);
        } else {
            assert_eq!(item.status, Status::Ok, "row {}: {}\n{csv}", n + 1, item.reason);
            assert_eq!(&item.text, text, "row {}", n + 1);
        }
    }
});
