//! The 31 real provincial reports of the shared corpora (gwr-testdata: read at run time, never copied; skipped
//! with a notice when absent).

use gwr_clean::{clean, BoilerplateKind};
use std::path::PathBuf;

fn provincial() -> Vec<(String, String)> {
    let dir = gwr_testdata::corpora().join("provincial-2026");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("list corpus")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "csv"))
        .collect();
    files.sort();
    files
        .into_iter()
        .map(|path| {
            let mut reader = csv::Reader::from_path(&path).expect("open csv");
            let headers = reader.headers().expect("header").clone();
            let col = headers.iter().position(|h| h.trim_start_matches('\u{FEFF}') == "full_text").expect("full_text");
            let prov = headers.iter().position(|h| h.trim_start_matches('\u{FEFF}') == "province").expect("province");
            let row = reader.records().next().expect("one row").expect("readable row");
            (row[prov].to_string(), row[col].to_string())
        })
        .collect()
}

/// Markers that must never be left in kept text (as whole lines, or anywhere).
const MENU_LINES: &[&str] = &["下载", "打印", "全屏", "收藏"];
const MARKERS: &[&str] = &[
    "【字号",
    "【字体",
    "当前位置",
    "您的位置",
    "扫一扫在手机打开当前页",
    "关闭窗口",
    "打印本页",
    "相关报道：",
    "相关文档：",
    "相关链接",
    "责任编辑",
    "分享到",
];

#[test]
fn every_provincial_report_is_cleaned() {
    gwr_testdata::require_corpora!();
    let reports = provincial();
    assert_eq!(reports.len(), 31);
    let mut with_glossary = Vec::new();
    for (province, text) in &reports {
        let cleaned = clean(text);
        for r in &cleaned.removed {
            eprintln!("{province} {:?}: {:?}", r.kind, r.span.slice(text).chars().take(60).collect::<String>());
        }
        for span in &cleaned.kept {
            let kept = span.slice(text);
            for line in kept.lines() {
                assert!(!MENU_LINES.contains(&line.trim()), "{province}: menu line {line:?} kept");
            }
            for m in MARKERS {
                assert!(!kept.contains(m), "{province}: marker {m:?} kept");
            }
        }
        let kept: String = cleaned.kept_text(text).collect();
        assert!(kept.contains("各位代表"), "{province}");
        // The closing paragraph (it rallies round the Party centre) is kept whole.
        let closing = text.lines().rfind(|l| l.contains("党中央周围")).expect("closing paragraph");
        assert!(kept.contains(closing), "{province}: closing paragraph lost");
        // Page header lines do not survive before the salutation.
        let head = &kept[..kept.find("各位代表").expect("salutation")];
        for line in head.lines() {
            assert!(!line.starts_with("来源") && !line.starts_with("时间："), "{province}: header line {line:?} kept");
            assert!(!line.trim_end().ends_with('摄'), "{province}: caption {line:?} kept");
        }
        let ratio = kept.chars().count() as f64 / text.chars().count() as f64;
        assert!(ratio >= 0.9, "{province}: kept only {ratio:.3}");
        if let Some(g) = cleaned.glossary {
            assert!(cleaned.kept.iter().any(|s| s.start <= g && g < s.end), "{province}: glossary not kept");
            let at = &text[g..];
            assert!(
                at.starts_with("附件") || at.starts_with("名词解释") || at.starts_with("注释"),
                "{province}: {at:.20}"
            );
            with_glossary.push(province.clone());
        }
    }
    with_glossary.sort();
    let mut expected = ["广东省", "海南省", "四川省", "江西省"].map(String::from).to_vec();
    expected.sort();
    assert_eq!(with_glossary, expected);
}

#[test]
fn corpus_quirks_are_recognised_by_kind() {
    gwr_testdata::require_corpora!();
    let reports = provincial();
    let kinds_of = |name: &str| -> Vec<BoilerplateKind> {
        let (_, text) = reports.iter().find(|(p, _)| p == name).expect("province present");
        clean(text).removed.iter().map(|r| r.kind).collect()
    };
    // 23 reports open with the reader menu.
    let with_menu = reports
        .iter()
        .filter(|(_, t)| clean(t).removed.first().is_some_and(|r| r.kind == BoilerplateKind::ReaderMenu))
        .count();
    assert!(with_menu >= 23, "{with_menu}");
    assert!(kinds_of("四川省").contains(&BoilerplateKind::RepeatedTitle));
    assert!(kinds_of("四川省").contains(&BoilerplateKind::RelatedReports));
    assert_eq!(kinds_of("贵州省").first(), Some(&BoilerplateKind::PhotoCaption));
    assert!(kinds_of("宁夏回族自治区").contains(&BoilerplateKind::Breadcrumb));
    assert!(kinds_of("宁夏回族自治区").contains(&BoilerplateKind::Footer));
    assert!(kinds_of("云南省").contains(&BoilerplateKind::Breadcrumb));
    assert!(kinds_of("陕西省").contains(&BoilerplateKind::Breadcrumb));
    assert!(kinds_of("青海省").contains(&BoilerplateKind::Footer));
    assert!(kinds_of("安徽省").contains(&BoilerplateKind::PageHeader));
    assert!(kinds_of("安徽省").contains(&BoilerplateKind::RelatedReports));
    // 广东 and 海南 pages are clean.
    assert!(kinds_of("广东省").is_empty());
    assert!(kinds_of("海南省").is_empty());
}
