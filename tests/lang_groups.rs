//! A report and its translation are never added together (issue 16, part 1): on the bilingual State Council
//! reports, scores, trends and tables have a `lang` column, each language scored in its own group with its own
//! denominator (Han characters for zh, words for en).

mod common;

use common::*;

#[test]
fn bilingual_reports_are_scored_per_language() {
    let corpus = gwr_testdata::require_corpora!().join("bilingual-2024-2026");
    let out = tempfile::tempdir().expect("tempdir");
    let o = out.path().to_str().unwrap();
    gwr_expect(&["analyze", corpus.to_str().unwrap(), "--out", o, "--quiet", "--threads", "2"], 0);
    let docs = read_csv(&out.path().join("documents.csv"));
    let counts = read_csv(&out.path().join("counts.csv"));
    let scores = read_csv(&out.path().join("scores.csv"));

    let rows: Vec<_> = scores
        .iter()
        .filter(|r| r["region_code"] == "CN" && r["year"] == "2024" && r["sector"] == "green_transition")
        .collect();
    let langs: Vec<&str> = rows.iter().map(|r| r["lang"].as_str()).collect();
    assert_eq!(langs, ["zh", "en"], "one row per language, never summed");
    for row in rows {
        let lang = row["lang"].as_str();
        let doc = docs.iter().find(|d| d["year"] == "2024" && d["lang"] == lang).expect("the document");
        let hits: u64 = counts
            .iter()
            .filter(|c| c["doc_id"] == doc["doc_id"] && c["sector"] == "green_transition")
            .map(|c| c["count"].parse::<u64>().unwrap())
            .sum();
        assert_eq!(row["count"].parse::<u64>().unwrap(), hits, "{lang}: the count is that language's own");
        let units: f64 = if lang == "zh" { doc["han_chars"].parse().unwrap() } else { doc["words"].parse().unwrap() };
        assert!(units > 1000.0, "{lang}: {units}");
        let want = format!("{:.6}", hits as f64 * 10_000.0 / units);
        assert_eq!(row["per_10k"], want, "{lang}: per 10,000 of its own units");
        assert_eq!(row["level"], "national");
    }

    // trend.csv: a row per year and language, the English rate over English words.
    let trend_out = out.path().join("trend");
    gwr_expect(&["trend", trend_out.to_str().unwrap(), "--from", o], 0);
    let trend = read_csv(&trend_out.join("trend.csv"));
    let keys: Vec<(&str, &str)> = trend.iter().map(|r| (r["year"].as_str(), r["lang"].as_str())).collect();
    assert_eq!(keys, [("2024", "zh"), ("2024", "en"), ("2025", "zh"), ("2025", "en"), ("2026", "zh"), ("2026", "en")]);
    let en = trend.iter().find(|r| r["year"] == "2024" && r["lang"] == "en").unwrap();
    let words: f64 = en["words"].parse().unwrap();
    let en_hits: u64 = counts
        .iter()
        .filter(|c| c["year"] == "2024" && c["lang"] == "en" && c["sector"] == "green_transition")
        .map(|c| c["count"].parse::<u64>().unwrap())
        .sum();
    assert_eq!(en["sector:green_transition"], format!("{:.6}", en_hits as f64 * 10_000.0 / words));
}
