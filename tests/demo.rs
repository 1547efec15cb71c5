//! The demo corpus end to end: every input path, boundary rules, determinism, exit codes.

mod common;

use std::collections::BTreeMap;

use common::*;

fn run_demo(extra: &[&str]) -> (tempfile::TempDir, Vec<BTreeMap<String, String>>) {
    let out = tempfile::tempdir().unwrap();
    let mut args = vec!["analyze", "--out", out.path().to_str().unwrap(), "--quiet"];
    args.extend_from_slice(extra);
    gwr_expect(&args, 0);
    let docs = read_csv(&out.path().join("documents.csv"));
    (out, docs)
}

fn doc<'a>(docs: &'a [BTreeMap<String, String>], source_part: &str) -> &'a BTreeMap<String, String> {
    docs.iter().find(|d| d["source"].contains(source_part)).unwrap_or_else(|| panic!("no document from {source_part}"))
}

#[test]
fn every_demo_input_is_read_with_its_region_encoding_and_language() {
    let (_out, docs) = run_demo(&[]);
    let expect = [
        ("2026_安徽省_政府工作报告.txt", "CN-AH", "UTF-8", "zh"),
        ("shaanxi-2026.txt", "CN-SN", "UTF-8 BOM", "zh"),
        ("2026年天津市政府工作报告.txt", "CN-TJ", "GB18030", "zh"),
        ("2026_福建省_政府工作報告.txt", "CN-FJ", "UTF-8", "zh"),
        ("regions-2026.csv#1", "CN-NM", "UTF-8", "zh"),
        ("regions-2026.csv#2", "CN-GZ", "UTF-8", "zh"),
        ("hubei-2026.jsonl#1", "CN-HB", "UTF-8", "zh"),
        ("hubei-2026.jsonl#2", "CN-HL", "UTF-8", "zh"),
        ("hebei-2026.html", "CN-HE", "UTF-8", "zh"),
        ("shanghai-2026-en.txt", "CN-SH", "UTF-8", "en"),
        ("guangdong-2026-fr.txt", "CN-GD", "UTF-8", "fr"),
    ];
    assert_eq!(docs.len(), expect.len(), "{docs:#?}");
    for (source, region, encoding, lang) in expect {
        let d = doc(&docs, source);
        assert_eq!(d["status"], "ok", "{source}: {}", d["reason"]);
        assert_eq!(d["region_code"], region, "{source}");
        assert_eq!(d["encoding"], encoding, "{source}");
        assert_eq!(d["lang"], lang, "{source}");
        assert_eq!(d["year"], "2026", "{source}");
    }
}

#[test]
fn demo_hits_respect_boundaries_scripts_and_boilerplate() {
    let (out, docs) = run_demo(&[]);
    let hits = read_hits(out.path());
    let surfaces = |source: &str| -> Vec<String> {
        let id = &doc(&docs, source)["doc_id"];
        hits.iter().filter(|h| h["doc_id"] == id.as_str()).map(|h| h["surface"].as_str().unwrap().to_string()).collect()
    };
    let anhui = surfaces("2026_安徽省");
    assert!(anhui.iter().any(|s| s.contains("量子计算")), "{anhui:?}");
    assert!(!anhui.iter().any(|s| s == "核能"), "核能 must not be counted inside 核能力: {anhui:?}");
    assert!(
        !anhui.iter().any(|s| s.contains("脑机接口")),
        "the related-reports list after 相关报道： is boilerplate, never counted: {anhui:?}"
    );
    let tianjin = surfaces("天津市");
    assert!(tianjin.iter().any(|s| s.contains("信创")), "GB18030 text is matched: {tianjin:?}");
    let fujian = surfaces("福建省");
    assert!(
        fujian.iter().any(|s| s.contains("低空經濟")),
        "Traditional forms match, surface as in the source: {fujian:?}"
    );
    let hebei = surfaces("hebei-2026.html");
    assert!(hebei.iter().any(|s| s.contains("雄安")), "{hebei:?}");
    assert!(!hebei.iter().any(|s| s.contains("量子")), "script text is not visible text: {hebei:?}");
    assert!(!hebei.iter().any(|s| s.contains("人工智能")), "navigation text is not counted: {hebei:?}");
    let shanghai = surfaces("shanghai-2026-en.txt");
    assert!(shanghai.iter().any(|s| s.contains("artificial intelligence")), "{shanghai:?}");
    assert!(!shanghai.iter().any(|s| s.eq_ignore_ascii_case("ai")), "\"ai\" is not inside \"maintain\": {shanghai:?}");
    let guangdong = surfaces("guangdong-2026-fr.txt");
    assert!(guangdong.iter().any(|s| s.contains("drones")), "{guangdong:?}");
    assert!(guangdong.iter().any(|s| s.contains("intelligence artificielle")), "{guangdong:?}");
}

fn read_outputs(dir: &std::path::Path) -> BTreeMap<String, Vec<u8>> {
    let mut files = BTreeMap::new();
    for e in std::fs::read_dir(dir).unwrap() {
        let e = e.unwrap();
        let name = e.file_name().to_string_lossy().to_string();
        let mut bytes = std::fs::read(e.path()).unwrap();
        if name == "run.json" {
            let mut v: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
            v.as_object_mut().unwrap().remove("timing");
            bytes = serde_json::to_vec_pretty(&v).unwrap();
        }
        files.insert(name, bytes);
    }
    files
}

#[test]
fn outputs_are_byte_identical_with_one_and_two_threads() {
    let (one, _) = run_demo(&["--threads", "1", "--format", "json"]);
    let (two, _) = run_demo(&["--threads", "2", "--format", "json"]);
    let (a, b) = (read_outputs(one.path()), read_outputs(two.path()));
    assert_eq!(a.keys().collect::<Vec<_>>(), b.keys().collect::<Vec<_>>());
    for (name, bytes) in &a {
        assert!(bytes == &b[name], "{name} differs between 1 and 2 threads");
    }
}

#[test]
fn real_corpus_outputs_are_byte_identical_with_one_and_two_threads() {
    gwr_testdata::require_corpora!();
    let corpus = shared_corpora().join("provincial-2026");
    let corpus = corpus.to_str().unwrap();
    let (one, _) = run_demo(&[corpus, "--threads", "1"]);
    let (two, _) = run_demo(&[corpus, "--threads", "2"]);
    assert_eq!(read_outputs(one.path()), read_outputs(two.path()));
}

#[test]
fn exit_codes_are_0_ok_and_2_for_usage_or_dictionary_errors() {
    let out = tempfile::tempdir().unwrap();
    let o = out.path().to_str().unwrap();
    gwr_expect(&["analyze", "--out", o, "--quiet"], 0);
    gwr_expect(&["analyze", "--out", o, "--threads", "0"], 2);
    gwr_expect(&["analyze", "--no-such-flag"], 2);
    gwr_expect(&["analyze", "no/such/path", "--out", o], 2);
    let bad = out.path().join("bad.toml");
    std::fs::write(&bad, "schema = 1\ngroup = \"x\"\nkind = \"sector\"\n[[sector]]\nid = \"s\"\nzh = \"甲\"\nen = \"a\"\nfr = \"a\"\n[[sector.concept]]\nid = \"c\"\nzh = []\n").unwrap();
    let r = gwr_expect(&["analyze", "--dict", bad.to_str().unwrap(), "--out", o], 2);
    let stderr = String::from_utf8_lossy(&r.stderr);
    assert!(stderr.contains("bad.toml:"), "the dictionary error names file:line: {stderr}");
}
