//! `gwr export-parquet` on the analysis of the 31 provincial reports: the Parquet files read back (parquet crate's
//! reader) with the same rows as the CSVs.

mod common;
#[path = "../crates/report/tests/parquet_check/mod.rs"]
mod parquet_check;

use std::path::Path;

#[test]
fn provincial_tables_as_parquet_have_the_csv_rows() {
    gwr_testdata::require_corpora!();
    let corpus = common::shared_corpora().join("provincial-2026");
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("report-parquet-provincial");
    let _ = std::fs::remove_dir_all(&dir);
    common::gwr_expect(&["analyze", corpus.to_str().unwrap(), "--out", dir.to_str().unwrap(), "--quiet"], 0);
    let run = common::gwr_expect(&["export-parquet", dir.to_str().unwrap()], 0);
    let stdout = String::from_utf8_lossy(&run.stdout);
    assert!(stdout.contains("documents.parquet (31 rows)"), "{stdout}");
    assert_eq!(parquet_check::assert_same_rows(&dir, "documents"), 31);
    assert!(parquet_check::assert_same_rows(&dir, "counts") > 1000);
    assert!(parquet_check::assert_same_rows(&dir, "scores") >= 31 * 30);
}
