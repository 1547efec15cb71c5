//! `gwr discover` on the 31 provincial reports: at least 50 candidates, one per line, each with a KWIC example, and
//! `--out` writes a dictionary file that `gwr dict check` accepts.

mod common;

use std::path::Path;

#[test]
fn discover_prints_50_candidates_and_writes_a_dictionary_file() {
    gwr_testdata::require_corpora!();
    let corpus = common::shared_corpora().join("provincial-2026");
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("report-discover-cli");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let toml = dir.join("candidates.toml");
    let run =
        common::gwr_expect(&["discover", corpus.to_str().unwrap(), "--top", "60", "--out", toml.to_str().unwrap()], 0);
    let stdout = String::from_utf8_lossy(&run.stdout);
    let lines: Vec<&str> = stdout.lines().collect();
    assert!(lines.len() >= 50, "only {} candidates:\n{stdout}", lines.len());
    for line in &lines {
        let fields: Vec<&str> = line.split('\t').collect();
        assert_eq!(fields.len(), 9, "term, score, n, docs, co, sector, top, via, example: {line}");
        assert!(fields[8].contains(&format!("【{}】", fields[0])), "the example shows the term: {line}");
        assert!(fields[8].contains("provincial-2026/") && fields[8].contains(" @ "), "doc id and offsets: {line}");
    }
    let check = common::gwr_expect(&["dict", "check", toml.to_str().unwrap()], 0);
    let report = String::from_utf8_lossy(&check.stdout);
    assert!(report.contains("0 errors") && report.contains(&format!("{} concepts", lines.len())), "{report}");
}
