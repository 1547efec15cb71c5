//! Every kind of usage error, for every command, is one message that says each thing once: `gwr: error: ` and then
//! segments separated by `: `, none of them repeated (a library error that prints its cause, wrapped by one that
//! prints it again, once gave `input not found: X: input not found: X`).

use std::path::Path;
use std::process::Command;

/// Run gwr in `cwd` (a temporary folder, not the repository) without GWR_CORPORA (so that `claims` without a
/// corpus finds none through the environment); its exit code and stderr.
fn gwr_in(cwd: &Path, args: &[&str]) -> (Option<i32>, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_gwr"))
        .args(args)
        .current_dir(cwd)
        .env_remove("GWR_CORPORA")
        .output()
        .expect("gwr runs");
    (out.status.code(), String::from_utf8_lossy(&out.stderr).into_owned())
}

/// The `: `-separated segments of a message that occur more than once.
fn repeated_segments(message: &str) -> Vec<&str> {
    let segments: Vec<&str> = message.split(": ").map(str::trim).filter(|s| !s.is_empty()).collect();
    let mut repeated: Vec<&str> =
        segments.iter().enumerate().filter(|(i, s)| segments[..*i].contains(s)).map(|(_, s)| *s).collect();
    repeated.dedup();
    repeated
}

#[test]
fn the_check_finds_a_repeated_segment() {
    assert_eq!(repeated_segments("gwr: error: input not found: x: input not found: x"), ["input not found", "x"]);
    assert!(repeated_segments("gwr: error: dictionary folder not found: x").is_empty());
}

#[test]
fn every_usage_error_is_said_once() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let dir = tmp.path();
    let p = |name: &str| dir.join(name).to_str().expect("UTF-8 temp path").to_string();
    std::fs::write(dir.join("broken.toml"), "schema = 1\ngroup = \"x\"\nkind = \"sector\"\n[[sector]\n").unwrap();
    std::fs::write(dir.join("claims-broken.toml"), "[[claim]]\nid = 3\n").unwrap();
    std::fs::write(dir.join("terms.txt"), "量子\n").unwrap();
    std::fs::write(dir.join("report.txt"), "我们加快发展量子计算。\n").unwrap();
    std::fs::create_dir_all(dir.join("taken/sectors")).unwrap();
    std::fs::write(dir.join("taken/dictionary.toml"), "").unwrap();
    let (missing, missing_dict, missing_toml) = (p("missing"), p("missing-dict"), p("missing.toml"));
    let (broken, claims_broken, terms, report) =
        (p("broken.toml"), p("claims-broken.toml"), p("terms.txt"), p("report.txt"));
    let (out, taken) = (p("out"), p("taken"));
    let cases: Vec<(&str, Vec<&str>, &str)> = vec![
        ("missing input", vec!["analyze", &missing, "-o", &out, "-q"], "input not found"),
        (
            "missing dictionary folder",
            vec!["analyze", &report, "--dict", &missing_dict, "-o", &out],
            "dictionary folder not found",
        ),
        (
            "missing dictionary file",
            vec!["analyze", &report, "--dict", &missing_toml, "-o", &out],
            "dictionary file not found",
        ),
        ("broken dictionary", vec!["analyze", &report, "--dict", &broken, "-o", &out], "broken.toml:4"),
        ("not a dictionary", vec!["analyze", &report, "--dict", &terms, "-o", &out], "not a dictionary"),
        ("zero threads", vec!["analyze", &report, "--threads", "0", "-o", &out], "--threads"),
        ("unknown language", vec!["analyze", &report, "--lang", "xx", "-o", &out], "unknown language"),
        ("missing claims file", vec!["analyze", &report, "--claims", &missing_toml, "-o", &out], "missing.toml"),
        ("broken claims file", vec!["claims", &report, "--claims", &claims_broken, "-o", &out], "claims-broken.toml"),
        ("claims without a corpus", vec!["claims", "-o", &out], "no corpus given"),
        ("missing article", vec!["claims", "extract", &missing], "missing"),
        ("report of a missing folder", vec!["report", &out, "--from", &missing], "missing"),
        ("report with --top 0", vec!["report", &out, "--top", "0"], "--top"),
        ("trend of a missing folder", vec!["trend", &missing], "missing"),
        ("export-parquet of a missing folder", vec!["export-parquet", &missing], "missing"),
        ("discover of a missing input", vec!["discover", &missing], "input not found"),
        ("bench of a missing input", vec!["bench", &missing], "missing"),
        ("dict check of a missing folder", vec!["dict", "check", &missing_dict], "dictionary folder not found"),
        ("dict stats of a missing file", vec!["dict", "stats", &missing_toml], "dictionary file not found"),
        ("dict export of a broken file", vec!["dict", "export", "--to", "cntext", &broken], "broken.toml:4"),
        ("dict export-default over files", vec!["dict", "export-default", &taken], "already exists"),
        ("dict audit of a missing input", vec!["dict", "audit", &missing], "input not found"),
    ];
    let mut failures = Vec::new();
    for (what, args, expected) in &cases {
        let (code, stderr) = gwr_in(dir, args);
        let first = stderr.lines().find(|l| l.starts_with("gwr: error: ")).unwrap_or("");
        let repeated = repeated_segments(first);
        if code != Some(2) || first.is_empty() || !first.contains(expected) || !repeated.is_empty() {
            failures.push(format!("{what}: exit {code:?}, repeated {repeated:?}, expected {expected:?}\n{stderr}"));
        }
        // One error line; nothing else but the lines of a dictionary's failed check.
        assert_eq!(stderr.matches("gwr: error: ").count(), 1, "{what}: {stderr}");
    }
    assert!(failures.is_empty(), "{} of {} cases:\n{}", failures.len(), cases.len(), failures.join("\n"));
}
