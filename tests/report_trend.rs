//! `gwr trend` on the national reports 1954-2025 (../shared/corpora/national-zh): 新质生产力 first appears in 2024,
//! 人工智能 appears in 2017 and rises.

mod common;

use std::path::Path;

#[test]
fn national_trend_pins_new_quality_productive_forces_and_ai() {
    gwr_testdata::require_corpora!();
    let corpus = common::shared_corpora().join("national-zh");
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("report-trend-national");
    let _ = std::fs::remove_dir_all(&dir);
    let analyzed = dir.join("analyze");
    common::gwr_expect(&["analyze", corpus.to_str().unwrap(), "--out", analyzed.to_str().unwrap(), "--quiet"], 0);
    let out = dir.join("trend");
    let run = common::gwr_expect(
        &[
            "trend",
            out.to_str().unwrap(),
            "--from",
            analyzed.to_str().unwrap(),
            "--region",
            "CN",
            "--concept",
            "new_quality_productive_forces",
            "--sector",
            "ai",
        ],
        0,
    );
    let stdout = String::from_utf8_lossy(&run.stdout);
    assert!(stdout.contains("新质生产力") && stdout.contains("人工智能"), "labels from the dictionary:\n{stdout}");
    assert!(out.join("trend.svg").is_file());

    let rows = common::read_csv(&out.join("trend.csv"));
    let rate = |row: &std::collections::BTreeMap<String, String>, col: &str| -> f64 {
        row[col].parse().unwrap_or_else(|e| panic!("{col}: {e}"))
    };
    let years: Vec<u16> = rows.iter().map(|r| r["year"].parse().unwrap()).collect();
    assert_eq!(years.first(), Some(&1954));
    assert_eq!(years.last(), Some(&2025));
    assert!(years.len() >= 50, "one row per year with a report, got {}", years.len());

    let nqpf = "concept:new_quality_productive_forces";
    for (row, year) in rows.iter().zip(&years) {
        let r = rate(row, nqpf);
        if *year < 2024 {
            assert_eq!(r, 0.0, "新质生产力 in {year}");
        } else {
            assert!(r > 0.0, "新质生产力 missing in {year}");
        }
    }

    let ai = "sector:ai";
    let ai_rate = |y: u16| rows.iter().zip(&years).find(|(_, yy)| **yy == y).map(|(r, _)| rate(r, ai)).unwrap();
    for (row, year) in rows.iter().zip(&years).filter(|(_, y)| **y < 2017) {
        assert_eq!(rate(row, ai), 0.0, "人工智能 before 2017, in {year}");
    }
    assert!(ai_rate(2017) > 0.0, "人工智能 appears in 2017");
    let mean = |lo: u16, hi: u16| {
        let v: Vec<f64> =
            rows.iter().zip(&years).filter(|(_, y)| (lo..=hi).contains(*y)).map(|(r, _)| rate(r, ai)).collect();
        v.iter().sum::<f64>() / v.len() as f64
    };
    assert!(mean(2022, 2025) > mean(2017, 2019), "人工智能 rises after 2017");
    assert!(ai_rate(2025) > 2.0 * ai_rate(2017), "2025 ({}) vs 2017 ({})", ai_rate(2025), ai_rate(2017));
}
