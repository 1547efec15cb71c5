//! Every administrative level (issue 17): a synthetic city corpus written here (short invented texts, no real
//! report text) goes through `gwr analyze`; cities and counties get their adcodes and are scored with their peers,
//! each on its own; unknown regions are never pooled; ambiguous names are resolved nearby or flagged.

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use common::*;

type Row = BTreeMap<String, String>;

fn write(path: &Path, text: &str) -> PathBuf {
    std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
    std::fs::write(path, text).expect("write fixture");
    path.to_path_buf()
}

/// A short invented city report that names `province` in its body only.
fn body(province: &str, quantum: usize, ai: usize) -> String {
    let mut t = String::from("各位代表：\n现在，我代表市人民政府向大会报告工作。\n");
    t.push_str(&format!("我们落实{province}的部署，推进各项工作。\n"));
    for i in 0..quantum {
        t.push_str(&format!("第{i}条：发展量子计算，建设试验平台。\n"));
    }
    for i in 0..ai {
        t.push_str(&format!("第{i}项：实施人工智能赋能行动。\n"));
    }
    t
}

struct Run {
    docs: Vec<Row>,
    scores: Vec<Row>,
    run: serde_json::Value,
}

fn analyze(dir: &Path, extra: &[&str]) -> Run {
    let dict = write_test_dictionary(dir);
    let out = dir.join("out");
    let corpus = dir.join("corpus");
    let mut args = vec!["analyze", corpus.to_str().unwrap(), "--out", out.to_str().unwrap(), "--quiet"];
    args.extend(["--dict", dict.to_str().unwrap(), "--threads", "2"]);
    args.extend_from_slice(extra);
    gwr_expect(&args, 0);
    let run = serde_json::from_str(&std::fs::read_to_string(out.join("run.json")).unwrap()).unwrap();
    Run { docs: read_csv(&out.join("documents.csv")), scores: read_csv(&out.join("scores.csv")), run }
}

fn doc<'r>(run: &'r Run, suffix: &str) -> &'r Row {
    run.docs.iter().find(|d| d["doc_id"].ends_with(suffix)).unwrap_or_else(|| panic!("no document {suffix}"))
}

fn score<'r>(run: &'r Run, code: &str, sector: &str) -> &'r Row {
    run.scores
        .iter()
        .find(|r| r["region_code"] == code && r["sector"] == sector)
        .unwrap_or_else(|| panic!("no score row {code} {sector}"))
}

/// The corpus of the first example: two city reports naming 安徽 in their body, beside Anhui's own.
fn write_city_corpus(dir: &Path) {
    let c = dir.join("corpus");
    write(&c.join("2024_合肥市_政府工作报告.txt"), &body("安徽省委", 3, 1));
    write(&c.join("2024_芜湖市政府工作报告.txt"), &body("安徽", 1, 2));
    write(&c.join("2024_安徽省_政府工作报告.txt"), &synthetic_report("安徽省", 2024, 2, 0, 2));
    // By file name: 苏州 and 无锡 (short name).
    write(&c.join("2024_苏州市.txt"), &body("江苏", 2, 0));
    write(&c.join("2024_无锡.txt"), &body("江苏", 0, 2));
    // A county report inside its city's folder.
    write(&c.join("合肥市/2024_肥西县政府工作报告.txt"), &body("合肥", 1, 1));
    // By the report's own title, with a file name that says nothing.
    write(
        &c.join("2024/report-a.txt"),
        &format!(
            "南京市2024年政府工作报告\n——2024年1月10日在南京市第十七届人民代表大会第二次会议上\n{}",
            body("江苏省", 1, 1)
        ),
    );
    // Nothing to go on: two documents, each scored on its own.
    write(&c.join("2024_report-b.txt"), &body("本省", 1, 0));
    write(&c.join("2024_report-c.txt"), &body("全省", 0, 1));
    // Named after two regions: flagged, not guessed.
    write(&c.join("2024_合肥_芜湖.txt"), &body("两市", 2, 2));
    // Ambiguous district without a city nearby; the same district under a city folder.
    write(&c.join("2024_鼓楼区.txt"), &body("本区", 1, 0));
    write(&c.join("福州市/2024_鼓楼区.txt"), &body("福建", 0, 1));
    // Renamed city: 襄樊 (before 2010) is 襄阳's code.
    write(&c.join("2008_襄樊市政府工作报告.txt"), &body("湖北", 1, 1));
    // One report split into two files: counted together, both flagged.
    write(&c.join("2024_无锡市_附件.txt"), &body("江苏省委", 1, 0));
    // A CSV with a city column (and a province column that narrows it).
    write(
        &c.join("cities.csv"),
        "province,city,year,text\n江苏,常州,2024,各位代表：发展量子计算。\n福建,鼓楼区,2024,各位代表：发展人工智能。\n\
         ,苏洲,2024,各位代表：发展人工智能和量子计算。\n",
    );
}

#[test]
fn city_reports_are_coded_and_scored_as_cities_each_on_its_own() {
    let dir = tempfile::tempdir().expect("tempdir");
    write_city_corpus(dir.path());
    let run = analyze(dir.path(), &[]);

    let code_level = |suffix: &str| {
        let d = doc(&run, suffix);
        (d["region_code"].as_str(), d["level"].as_str(), d["adcode"].as_str(), d["parent"].as_str())
    };
    assert_eq!(code_level("2024_合肥市_政府工作报告.txt"), ("340100", "prefecture", "340100", "CN-AH"));
    assert_eq!(code_level("2024_芜湖市政府工作报告.txt"), ("340200", "prefecture", "340200", "CN-AH"));
    assert_eq!(code_level("2024_安徽省_政府工作报告.txt"), ("CN-AH", "province", "340000", "CN"));
    assert_eq!(code_level("2024_苏州市.txt"), ("320500", "prefecture", "320500", "CN-JS"));
    assert_eq!(code_level("2024_无锡.txt"), ("320200", "prefecture", "320200", "CN-JS"));
    assert_eq!(code_level("2024_肥西县政府工作报告.txt"), ("340123", "county", "340123", "CN-AH"));
    assert_eq!(code_level("report-a.txt"), ("320100", "prefecture", "320100", "CN-JS"));
    assert_eq!(doc(&run, "report-a.txt")["region_name"], "南京市");
    assert_eq!(code_level("福州市/2024_鼓楼区.txt"), ("350102", "county", "350102", "CN-FJ"));
    assert_eq!(code_level("cities.csv#1"), ("320400", "prefecture", "320400", "CN-JS"));
    assert_eq!(code_level("cities.csv#2"), ("350102", "county", "350102", "CN-FJ"));

    // Anhui's provincial report stands alone: the cities are not added to it.
    let ah = score(&run, "CN-AH", "quantum");
    assert_eq!((ah["count"].as_str(), ah["level"].as_str(), ah["region_name"].as_str()), ("2", "province", "安徽省"));
    let hefei = score(&run, "340100", "quantum");
    assert_eq!((hefei["count"].as_str(), hefei["level"].as_str(), hefei["lang"].as_str()), ("3", "prefecture", "zh"));
    assert_eq!(hefei["region_name"], "合肥市");
    // Cities are compared with cities, counties with counties (Feixi with Fuzhou's Gulou district, which a file
    // and a CSV row name: counted together).
    assert_ne!(hefei["z"], "0.000000");
    let groups = run.run["groups"].as_array().expect("groups");
    let counties = groups.iter().find(|g| g["level"] == "county" && g["year"] == 2024).expect("county group");
    assert_eq!(counties["regions"], serde_json::json!(["340123", "350102"]));
    let prefectures =
        groups.iter().find(|g| g["level"] == "prefecture" && g["year"] == 2024).expect("prefecture group");
    let members: Vec<&str> = prefectures["regions"].as_array().unwrap().iter().map(|v| v.as_str().unwrap()).collect();
    assert_eq!(members, ["320100", "320200", "320400", "320500", "340100", "340200"]);

    // Nothing pooled: each unknown document is its own region, with a reason.
    for suffix in ["2024_report-b.txt", "2024_report-c.txt"] {
        let d = doc(&run, suffix);
        assert!(d["region_code"].starts_with("unknown:") && d["region_code"].ends_with(suffix), "{d:?}");
        assert!(d["reason"].contains("region not found"), "{d:?}");
        assert_eq!(score(&run, &d["region_code"], "quantum")["level"], "unknown");
    }
    assert_eq!(score(&run, &doc(&run, "2024_report-b.txt")["region_code"], "quantum")["count"], "1");
    assert_eq!(score(&run, &doc(&run, "2024_report-c.txt")["region_code"], "quantum")["count"], "0");
    // Two regions in a file name, an ambiguous district: flagged, not guessed.
    let two = doc(&run, "2024_合肥_芜湖.txt");
    assert!(two["region_code"].starts_with("unknown:"), "{two:?}");
    assert!(two["reason"].contains("names several regions"), "{two:?}");
    let gulou = doc(&run, "corpus/2024_鼓楼区.txt");
    assert!(gulou["region_code"].starts_with("unknown:"), "{gulou:?}");
    assert!(gulou["reason"].contains("ambiguous region name \"鼓楼区\""), "{gulou:?}");
    // A misspelled region value is kept as given, flagged.
    let typo = doc(&run, "cities.csv#3");
    assert_eq!((typo["region_code"].as_str(), typo["level"].as_str()), ("x:苏洲", "unknown"));
    assert!(typo["reason"].contains("not in the gazetteer"), "{typo:?}");
    // Renamed: 襄樊 is counted as 襄阳 (same code), flagged.
    let xf = doc(&run, "2008_襄樊市政府工作报告.txt");
    assert_eq!((xf["region_code"].as_str(), xf["region_name"].as_str()), ("420600", "襄阳市"));
    assert!(xf["reason"].contains("former name"), "{xf:?}");
    // Two files of one region and year: counted together, both say so.
    for suffix in ["2024_无锡.txt", "2024_无锡市_附件.txt"] {
        assert!(doc(&run, suffix)["reason"].contains("counted together with"), "{suffix}");
    }
    assert_eq!(score(&run, "320200", "ai")["count"], "2");
    assert_eq!(score(&run, "320200", "quantum")["count"], "1");
}

#[test]
fn compare_within_province_and_a_named_region_column() {
    let dir = tempfile::tempdir().expect("tempdir");
    let c = dir.path().join("corpus");
    // Ten spellings of one city, and cities of two provinces, in a column of any name.
    let spellings = [
        "合肥",
        "合肥市",
        "Hefei",
        "HEFEI",
        "hefei city",
        "340100",
        "安徽省合肥市",
        "安徽合肥",
        "ＨＥＦＥＩ",
        " 合肥市 ",
    ];
    let mut csv = String::from("地市,year,text\n");
    for (i, s) in spellings.iter().enumerate() {
        csv.push_str(&format!("{s},2024,各位代表：第{i}份，发展量子计算。\n"));
    }
    csv.push_str("芜湖,2024,各位代表：芜湖发展人工智能。\n苏州市,2024,各位代表：发展量子计算和人工智能。\n");
    csv.push_str("无锡,2024,各位代表：无锡发展人工智能。\n");
    write(&c.join("panel.csv"), &csv);
    let run = analyze(dir.path(), &["--region-column", "地市", "--compare-within", "province"]);
    let hefei: Vec<&Row> = run.docs.iter().filter(|d| d["region_code"] == "340100").collect();
    assert_eq!(hefei.len(), spellings.len(), "{:?}", run.docs);
    assert_eq!(score(&run, "340100", "quantum")["count"], "10");
    // Hefei is compared with Wuhu only, Suzhou with Wuxi only.
    let groups = run.run["groups"].as_array().expect("groups");
    let within: Vec<(String, Vec<String>)> = groups
        .iter()
        .map(|g| {
            let regions = g["regions"].as_array().unwrap().iter().map(|v| v.as_str().unwrap().to_string()).collect();
            (g["within"].as_str().unwrap().to_string(), regions)
        })
        .collect();
    assert_eq!(
        within,
        [
            ("CN-AH".to_string(), vec!["340100".to_string(), "340200".to_string()]),
            ("CN-JS".to_string(), vec!["320200".to_string(), "320500".to_string()])
        ]
    );
}
