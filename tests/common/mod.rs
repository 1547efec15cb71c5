//! Shared helpers of the end-to-end tests.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// `../shared/corpora`, the real reports. Panics loudly when absent: a test that needs them must not pass silently.
pub fn shared_corpora() -> PathBuf {
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpora");
    assert!(
        p.is_dir(),
        "REAL CORPUS MISSING: {} does not exist. These tests read the real reports from ../shared/corpora \
         (present in CI); they cannot run without it.",
        p.display()
    );
    p
}

/// The repository's root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Run the gwr binary with `args` in the repository root.
pub fn gwr(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_gwr"))
        .args(args)
        .current_dir(root())
        .output()
        .expect("gwr runs")
}

/// Run gwr and panic with its stderr unless it exits with `code`.
pub fn gwr_expect(args: &[&str], code: i32) -> Output {
    let out = gwr(args);
    assert_eq!(
        out.status.code(),
        Some(code),
        "gwr {args:?} exited with {:?}\nstdout:\n{}\nstderr:\n{}",
        out.status.code(),
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

/// A CSV file as header-keyed rows.
pub fn read_csv(path: &Path) -> Vec<std::collections::BTreeMap<String, String>> {
    let mut r = csv::Reader::from_path(path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    let headers = r.headers().unwrap().clone();
    r.records()
        .map(|rec| {
            let rec = rec.unwrap();
            headers
                .iter()
                .zip(rec.iter())
                .map(|(h, v)| (h.to_string(), v.to_string()))
                .collect()
        })
        .collect()
}

/// `hits.jsonl` as JSON values.
pub fn read_hits(dir: &Path) -> Vec<serde_json::Value> {
    let text = std::fs::read_to_string(dir.join("hits.jsonl")).expect("hits.jsonl");
    text.lines()
        .map(|l| serde_json::from_str(l).expect("hit is JSON"))
        .collect()
}
