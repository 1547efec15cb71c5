//! End-to-end facts of the real 2026 provincial reports and the national corpus (read from ../shared/corpora).

mod common;

use std::collections::BTreeMap;
use std::path::Path;

use common::*;

fn analyze_provincial() -> (tempfile::TempDir, Vec<BTreeMap<String, String>>) {
    let corpus = shared_corpora().join("provincial-2026");
    let out = tempfile::tempdir().unwrap();
    gwr_expect(&["analyze", corpus.to_str().unwrap(), "--out", out.path().to_str().unwrap(), "--quiet"], 0);
    let docs = read_csv(&out.path().join("documents.csv"));
    (out, docs)
}

/// Hit counts per region of one surface form's concept, from hits.jsonl.
fn hits_by_region(dir: &Path, docs: &[BTreeMap<String, String>], surface: &str) -> BTreeMap<String, usize> {
    let region_of: BTreeMap<&str, &str> =
        docs.iter().map(|d| (d["doc_id"].as_str(), d["region_code"].as_str())).collect();
    let mut out = BTreeMap::new();
    for h in read_hits(dir) {
        if h["surface"].as_str().unwrap().contains(surface) {
            *out.entry(region_of[h["doc_id"].as_str().unwrap()].to_string()).or_default() += 1;
        }
    }
    out
}

#[test]
fn the_31_provincial_reports_are_read_with_the_right_region() {
    gwr_testdata::require_corpora!();
    let (_out, docs) = analyze_provincial();
    assert_eq!(docs.len(), 31, "one document per region");
    let expected = [
        ("上海市", "CN-SH"),
        ("云南省", "CN-YN"),
        ("内蒙古自治区", "CN-NM"),
        ("北京市", "CN-BJ"),
        ("吉林省", "CN-JL"),
        ("四川省", "CN-SC"),
        ("天津市", "CN-TJ"),
        ("宁夏回族自治区", "CN-NX"),
        ("安徽省", "CN-AH"),
        ("山东省", "CN-SD"),
        ("山西省", "CN-SX"),
        ("广东省", "CN-GD"),
        ("广西壮族自治区", "CN-GX"),
        ("新疆维吾尔自治区", "CN-XJ"),
        ("江苏省", "CN-JS"),
        ("江西省", "CN-JX"),
        ("河北省", "CN-HE"),
        ("河南省", "CN-HA"),
        ("浙江省", "CN-ZJ"),
        ("海南省", "CN-HI"),
        ("湖北省", "CN-HB"),
        ("湖南省", "CN-HN"),
        ("甘肃省", "CN-GS"),
        ("福建省", "CN-FJ"),
        ("西藏自治区", "CN-XZ"),
        ("贵州省", "CN-GZ"),
        ("辽宁省", "CN-LN"),
        ("重庆市", "CN-CQ"),
        ("陕西省", "CN-SN"),
        ("青海省", "CN-QH"),
        ("黑龙江省", "CN-HL"),
    ];
    for (name, code) in expected {
        let doc = docs
            .iter()
            .find(|d| d["source"].contains(&format!("2026_{name}_")))
            .unwrap_or_else(|| panic!("no document for {name}"));
        assert_eq!(doc["status"], "ok", "{name}: {}", doc["reason"]);
        assert_eq!(doc["region_code"], code, "{name}");
        assert_eq!(doc["year"], "2026", "{name}");
        assert_eq!(doc["lang"], "zh", "{name}");
        assert!(doc["han_chars"].parse::<u64>().unwrap() > 8_000, "{name} is a whole report");
    }
}

#[test]
fn regional_signatures_of_the_2026_reports() {
    gwr_testdata::require_corpora!();
    let (out, docs) = analyze_provincial();
    let attosecond = hits_by_region(out.path(), &docs, "阿秒");
    assert_eq!(
        attosecond.keys().collect::<Vec<_>>(),
        vec!["CN-SN"],
        "阿秒 in Shaanxi's report and no other: {attosecond:?}"
    );

    let xinchuang = hits_by_region(out.path(), &docs, "信创");
    let top = xinchuang.iter().max_by_key(|(_, n)| **n).unwrap();
    assert_eq!(top.0, "CN-TJ", "信创 most in Tianjin's report: {xinchuang:?}");

    let xiongan = hits_by_region(out.path(), &docs, "雄安");
    assert!(xiongan.get("CN-HE").copied().unwrap_or(0) >= 5, "雄安 often in Hebei's report: {xiongan:?}");

    let optics_valley = hits_by_region(out.path(), &docs, "光谷");
    assert!(optics_valley.get("CN-HB").copied().unwrap_or(0) >= 1, "光谷 in Hubei's report: {optics_valley:?}");
}

#[test]
fn every_hit_slices_its_source_to_its_surface_and_lies_in_the_report_body() {
    gwr_testdata::require_corpora!();
    let (out, docs) = analyze_provincial();
    // Re-read the sources independently of the run and check each span.
    let mut texts: BTreeMap<String, String> = BTreeMap::new();
    for d in &docs {
        let path = d["source"].split('#').next().unwrap().to_string();
        for item in gwr_ingest::read_path(Path::new(&path), &Default::default()) {
            texts.insert(item.meta.doc_id.clone(), item.text);
        }
    }
    let hits = read_hits(out.path());
    assert!(hits.len() > 3_000, "the 31 reports give thousands of hits, got {}", hits.len());
    // Independent of gwr-clean: the reader menu closes with 】 in the first lines, and the footers / related lists
    // start at the first of these markers near the end. No hit may fall in either.
    let tail_markers = ["相关报道：", "相关文档：", "扫一扫在手机打开当前页", "关闭窗口", "相关链接"];
    let mut cleaned = BTreeMap::new();
    let mut checked_menu = 0;
    let mut checked_tail = 0;
    for h in &hits {
        let doc_id = h["doc_id"].as_str().unwrap();
        let text = texts.get(doc_id).unwrap_or_else(|| panic!("source of {doc_id} not re-read"));
        let (start, end) = (h["start"].as_u64().unwrap() as usize, h["end"].as_u64().unwrap() as usize);
        assert_eq!(&text[start..end], h["surface"].as_str().unwrap(), "span {start}..{end} of {doc_id}");
        let kept = cleaned.entry(doc_id.to_string()).or_insert_with(|| gwr_clean::clean(text).kept);
        assert!(
            kept.iter().any(|k| k.start <= start && end <= k.end),
            "hit {start}..{end} of {doc_id} outside the report body"
        );
        let head = &text[..text.char_indices().nth(120).map_or(text.len(), |(i, _)| i)];
        if head.contains("【字号") || head.contains("【字体") {
            let menu_end = head.find('】').expect("menu closes");
            assert!(start > menu_end, "hit {start}..{end} of {doc_id} in the reader menu");
            checked_menu += 1;
        }
        let tail_from = text.len().saturating_sub(3000);
        let tail_from = (tail_from..text.len()).find(|&i| text.is_char_boundary(i)).unwrap_or(text.len());
        if let Some(footer) = tail_markers.iter().filter_map(|m| text[tail_from..].find(m)).min() {
            assert!(end <= tail_from + footer, "hit {start}..{end} of {doc_id} in the footer or related reports");
            checked_tail += 1;
        }
    }
    assert!(checked_menu > 1000 && checked_tail > 1000, "menus {checked_menu}, footers {checked_tail}: the check ran");
}

#[test]
fn the_national_corpus_gives_one_report_per_year_under_cn() {
    gwr_testdata::require_corpora!();
    let corpus = shared_corpora().join("national-zh");
    let out = tempfile::tempdir().unwrap();
    gwr_expect(&["analyze", corpus.to_str().unwrap(), "--out", out.path().to_str().unwrap(), "--quiet"], 0);
    let docs = read_csv(&out.path().join("documents.csv"));
    let ok: Vec<_> = docs.iter().filter(|d| d["status"] == "ok").collect();
    assert_eq!(ok.len(), 52, "52 reports 1954-2025");
    assert!(ok.iter().all(|d| d["region_code"] == "CN"));
    let mut years: Vec<&str> = ok.iter().map(|d| d["year"].as_str()).collect();
    years.sort();
    let n_years = years.len();
    years.dedup();
    assert_eq!(years.len(), n_years, "one report per year");
    assert_eq!((years[0], years[n_years - 1]), ("1954", "2025"));
    let skipped = docs.iter().filter(|d| d["status"] == "skipped").count();
    assert_eq!(skipped, 20, "the NPC resolutions are listed as skipped");
    let scores = read_csv(&out.path().join("scores.csv"));
    let score_years: std::collections::BTreeSet<&str> = scores.iter().map(|r| r["year"].as_str()).collect();
    assert_eq!(score_years.len(), 52, "scores per year");
    assert!(scores.iter().all(|r| r["region_code"] == "CN"));
}
