//! Languages end to end: a report and its translation compared by `gwr compare-lang`, a text of undetermined
//! language kept apart, and `--lang` contradicted by the text warned about, naming the file. Texts are invented.

mod common;

use common::{gwr_expect, read_csv};

const CORPUS: &str = "region,year,lang,text
Anhui,2024,zh,我们将大力发展人工智能和量子科技，推广新能源汽车，建设数字基础设施，培育低空经济。
Anhui,2024,en,\"We will vigorously develop artificial intelligence and quantum technology, promote new-energy vehicles, build digital infrastructure and foster the low-altitude economy.\"
Anhui,2024,,量子科技 quantum technology、低空经济 low-altitude economy、人工智能 artificial intelligence
";

#[test]
fn a_report_and_its_translation_side_by_side() {
    let dir = tempfile::tempdir().expect("tempdir");
    let input = dir.path().join("anhui-2024.csv");
    std::fs::write(&input, CORPUS).expect("corpus written");
    let out = dir.path().join("out");
    let (input_arg, out_arg) = (input.to_str().expect("utf-8 path"), out.to_str().expect("utf-8 path"));
    gwr_expect(&["analyze", input_arg, "--out", out_arg, "--quiet"], 0);
    let docs = read_csv(&out.join("documents.csv"));
    let langs: Vec<(&str, &str)> = docs.iter().map(|d| (d["lang"].as_str(), d["reason"].as_str())).collect();
    assert_eq!(langs.len(), 3);
    assert_eq!(langs[0], ("zh", ""));
    assert_eq!(langs[1], ("en", ""));
    assert_eq!(langs[2].0, "und");
    assert!(langs[2].1.starts_with("language undetermined: mixed scripts"), "{}", langs[2].1);
    // Every English hit slices to its surface (the CSV quotes the English row, so offsets are into the decoded text).
    let counts = read_csv(&out.join("counts.csv"));
    let en_sectors: std::collections::BTreeSet<&str> =
        counts.iter().filter(|c| c["lang"] == "en").map(|c| c["sector"].as_str()).collect();
    let zh_sectors: std::collections::BTreeSet<&str> =
        counts.iter().filter(|c| c["lang"] == "zh").map(|c| c["sector"].as_str()).collect();
    assert_eq!(en_sectors, zh_sectors, "the translation finds the sectors of the report");
    assert!(en_sectors.contains("nev"), "new-energy vehicles (hyphenated, plural) counted: {en_sectors:?}");

    let shown = gwr_expect(&["compare-lang", out_arg], 0);
    let stdout = String::from_utf8_lossy(&shown.stdout);
    assert!(stdout.contains("CN-AH 2024: zh "), "{stdout}");
    assert!(stdout.contains("Spearman rho"), "{stdout}");
    assert!(!stdout.contains(" und "), "und is never compared: {stdout}");
    let table = read_csv(&out.join("compare-lang.csv"));
    assert!(!table.is_empty());
    assert!(table.iter().all(|r| r["lang_a"] == "zh" && r["lang_b"] == "en" && r["region_code"] == "CN-AH"));
    assert!(table.iter().any(|r| r["sector"] == "quantum" && r["count_a"] == "1" && r["count_b"] == "1"));
}

#[test]
fn lang_option_contradicted_by_the_text_is_a_warning_naming_the_file() {
    let dir = tempfile::tempdir().expect("tempdir");
    let input = dir.path().join("report.txt");
    std::fs::write(&input, "各位代表：现在，我代表省人民政府向大会报告工作，请予审议。我们将发展人工智能。")
        .expect("text written");
    let out = dir.path().join("out");
    let (input_arg, out_arg) = (input.to_str().expect("utf-8 path"), out.to_str().expect("utf-8 path"));
    let run = gwr_expect(&["analyze", input_arg, "--lang", "en", "--out", out_arg, "--quiet"], 0);
    let stderr = String::from_utf8_lossy(&run.stderr);
    let want = format!(
        "gwr: warning: {input_arg}: language: --lang says en but the text reads as zh (counted as en: check --lang)"
    );
    assert!(stderr.contains(&want), "{stderr}");
    let docs = read_csv(&out.join("documents.csv"));
    assert_eq!(docs[0]["lang"], "en", "the option is obeyed");
    // Agreeing with the text: no warning.
    let run = gwr_expect(&["analyze", input_arg, "--lang", "zh", "--out", out_arg, "--quiet"], 0);
    assert!(!String::from_utf8_lossy(&run.stderr).contains("warning"));
}
