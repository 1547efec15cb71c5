//! Research-ready outputs (issue 18): the panel, Stata and Excel files, BOM'd CSV, quiet runs, one sector's
//! ranking, keyword in context. Corpora are invented here (`common::synthetic_report`); no report text.

mod common;

use std::path::Path;
use std::process::{Command, Output};

use common::*;

fn gwr_in(cwd: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_gwr")).args(args).current_dir(cwd).output().expect("gwr runs")
}

fn ok(out: &Output, what: &str) {
    assert!(
        out.status.success(),
        "{what}: exit {:?}\nstdout:\n{}\nstderr:\n{}",
        out.status.code(),
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

/// Two provincial reports of 2026 with known numbers of 量子计算 (3, 1), 低空经济 (0, 2) and 人工智能 (1, 1).
fn corpus(dir: &Path) {
    std::fs::create_dir_all(dir.join("reports")).unwrap();
    std::fs::write(dir.join("reports/2026_安徽省_政府工作报告.txt"), synthetic_report("安徽省", 2026, 3, 0, 1))
        .unwrap();
    std::fs::write(dir.join("reports/2026_北京市_政府工作报告.txt"), synthetic_report("北京市", 2026, 1, 2, 1))
        .unwrap();
}

#[test]
fn panel_dta_and_xlsx_are_written_with_a_bom_and_listed_in_run_json() {
    let dir = tempfile::tempdir().unwrap();
    corpus(dir.path());
    let dict = write_test_dictionary(dir.path());
    let out = gwr_in(
        dir.path(),
        &[
            "analyze",
            "reports",
            "--dict",
            dict.to_str().unwrap(),
            "--out",
            "out",
            "-q",
            "--format",
            "dta,xlsx",
            "--csv-bom",
        ],
    );
    ok(&out, "analyze");
    assert!(out.stdout.is_empty(), "-q prints nothing: {}", String::from_utf8_lossy(&out.stdout));
    let o = dir.path().join("out");
    for name in ["documents", "counts", "scores", "panel"] {
        assert!(o.join(format!("{name}.dta")).is_file(), "{name}.dta");
        assert!(o.join(format!("{name}.xlsx")).is_file(), "{name}.xlsx");
        let csv = std::fs::read(o.join(format!("{name}.csv"))).unwrap();
        assert!(csv.starts_with(b"\xEF\xBB\xBF"), "{name}.csv starts with a BOM");
    }
    let run: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(o.join("run.json")).unwrap()).unwrap();
    let files: Vec<&str> = run["exports"]["files"].as_array().unwrap().iter().map(|f| f.as_str().unwrap()).collect();
    assert!(files.contains(&"panel.dta") && files.contains(&"scores.xlsx"), "{files:?}");

    // The panel: one row per region, the counts of scores.csv spread into columns.
    let text = String::from_utf8(std::fs::read(o.join("panel.csv")).unwrap()).unwrap();
    let mut reader = csv::Reader::from_reader(text.trim_start_matches('\u{FEFF}').as_bytes());
    let headers = reader.headers().unwrap().clone();
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 2);
    let col = |name: &str| headers.iter().position(|h| h == name).unwrap_or_else(|| panic!("no {name} in {headers:?}"));
    let by_region = |code: &str| rows.iter().find(|r| &r[col("region_code")] == code).unwrap().clone();
    assert_eq!(&by_region("CN-AH")[col("n_quantum")], "3");
    assert_eq!(&by_region("CN-BJ")[col("n_low_altitude")], "2");
    assert_eq!(&by_region("CN-AH")[col("n_low_altitude")], "0");
    assert_eq!(&by_region("CN-AH")[col("docs")], "1");

    // Readers of the output folder skip the BOM.
    ok(&gwr_in(dir.path(), &["export-parquet", "out"]), "export-parquet on BOM'd tables");
}

#[test]
fn quiet_summary_and_one_sectors_ranking() {
    let dir = tempfile::tempdir().unwrap();
    corpus(dir.path());
    let dict = write_test_dictionary(dir.path());
    let d = dict.to_str().unwrap();
    let summary = gwr_in(dir.path(), &["analyze", "reports", "--dict", d, "--out", "o1", "-q", "--summary"]);
    ok(&summary, "--summary");
    assert!(String::from_utf8_lossy(&summary.stdout).contains("2 inputs: 2 ok"));
    let ranked =
        gwr_in(dir.path(), &["analyze", "reports", "--dict", d, "--out", "o2", "-q", "--sector", "low_altitude"]);
    ok(&ranked, "--sector");
    let text = String::from_utf8_lossy(&ranked.stdout);
    let bj = text.find("CN-BJ").expect("Beijing listed");
    let ah = text.find("CN-AH").expect("Anhui listed");
    assert!(bj < ah, "Beijing (2 hits) ranks above Anhui (0): {text}");
    let unknown = gwr_in(dir.path(), &["analyze", "reports", "--dict", d, "--out", "o3", "-q", "--sector", "nope"]);
    assert_eq!(unknown.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&unknown.stderr).contains("no such sector"));
}

#[test]
fn kwic_finds_what_analyze_counts_and_reports_bad_regexes() {
    let dir = tempfile::tempdir().unwrap();
    corpus(dir.path());
    let lines = gwr_in(dir.path(), &["kwic", "量子计算", "reports", "-q", "--format", "csv"]);
    ok(&lines, "kwic");
    let text = String::from_utf8(lines.stdout).unwrap();
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 4, "3 in Anhui, 1 in Beijing:\n{text}");
    for r in &rows {
        let source =
            std::fs::read_to_string(dir.path().join("reports").join(r[2].split('/').next_back().unwrap())).unwrap();
        let (start, end): (usize, usize) = (r[3].parse().unwrap(), r[4].parse().unwrap());
        assert_eq!(&source[start..end], &r[6], "offsets slice to the match");
    }
    let only = gwr_in(dir.path(), &["kwic", "量子计算", "reports", "-q", "--region", "北京", "--year", "2026"]);
    assert_eq!(String::from_utf8_lossy(&only.stdout).lines().count(), 1);
    // 算 is a whole word nowhere in these reports (it is always inside 量子计算, a jieba word).
    let whole = gwr_in(dir.path(), &["kwic", "算", "reports", "-q"]);
    let inside = gwr_in(dir.path(), &["kwic", "算", "reports", "-q", "--no-boundary"]);
    assert_eq!(String::from_utf8_lossy(&whole.stdout).lines().count(), 0);
    assert_eq!(String::from_utf8_lossy(&inside.stdout).lines().count(), 4);
    let bad = gwr_in(dir.path(), &["kwic", "--regex", "量子(", "reports"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&bad.stderr).contains("unclosed group"),
        "{}",
        String::from_utf8_lossy(&bad.stderr)
    );
}

#[test]
fn json_numbers_are_numbers_equal_to_the_csv() {
    let dir = tempfile::tempdir().unwrap();
    corpus(dir.path());
    let dict = write_test_dictionary(dir.path());
    ok(
        &gwr_in(
            dir.path(),
            &["analyze", "reports", "--dict", dict.to_str().unwrap(), "--out", "o", "-q", "--format", "json"],
        ),
        "json",
    );
    let json: Vec<serde_json::Value> =
        serde_json::from_str(&std::fs::read_to_string(dir.path().join("o/scores.json")).unwrap()).unwrap();
    let csv = read_csv(&dir.path().join("o/scores.csv"));
    assert_eq!(json.len(), csv.len());
    for (j, c) in json.iter().zip(&csv) {
        for field in ["per_10k", "share", "lq", "z"] {
            let number = j[field].as_f64().unwrap_or_else(|| panic!("{field} is a JSON number: {j}"));
            assert_eq!(number, c[field].parse::<f64>().unwrap(), "{field}");
        }
        assert!(j["region_code"].is_string());
    }
}
