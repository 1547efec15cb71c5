//! A fresh, empty folder per test under cargo's test temp dir (kept after the run, for looking at the outputs).

use std::path::{Path, PathBuf};

/// `CARGO_TARGET_TMPDIR/gwr-report/NAME`, emptied.
pub fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("gwr-report").join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}
