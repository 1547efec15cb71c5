//! `gwr report` on the 31 provincial reports of 2026 (../shared/corpora/provincial-2026): the HTML report, the SVG
//! and PNG heatmaps, the page in headless Chromium with no console errors and 31 regions, and a screenshot.

#[path = "../crates/report/tests/browser/mod.rs"]
mod browser;
mod common;

use std::path::{Path, PathBuf};

fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[test]
fn provincial_report_heatmaps_and_browser() {
    gwr_testdata::require_corpora!();
    let corpus = common::shared_corpora().join("provincial-2026");
    let dir = scratch("report-provincial");
    let analyzed = dir.join("analyze");
    let out = dir.join("report");
    common::gwr_expect(&["analyze", corpus.to_str().unwrap(), "--out", analyzed.to_str().unwrap(), "--quiet"], 0);
    let run = common::gwr_expect(&["report", out.to_str().unwrap(), "--from", analyzed.to_str().unwrap()], 0);
    let stdout = String::from_utf8_lossy(&run.stdout);
    assert!(stdout.starts_with("31 regions × "), "{stdout}");

    let svg = std::fs::read_to_string(out.join("heatmap.svg")).unwrap();
    for name in ["北京市", "新疆维吾尔自治区", "广西壮族自治区", "上海市", "西藏自治区"] {
        assert!(svg.contains(&format!(">{name}</text>")), "heatmap.svg lacks {name}");
    }
    assert!(svg.contains(">人工智能</text>"), "sector columns carry the dictionary's Chinese names");
    let png = std::fs::read(out.join("heatmap.png")).unwrap();
    let (w, h) = browser::png_size(&png);
    assert!(w > 2000 && h > 31 * 24 * 2, "heatmap.png is {w}×{h}");
    assert!(out.join("heatmap-lq.svg").is_file());

    let html = std::fs::read_to_string(out.join("report.html")).unwrap();
    assert!(html.contains("<cite>provincial-2026/"), "evidence cites doc ids");
    gwr_testdata::require_browser!();
    let loaded = browser::load(&out.join("report.html"), &dir);
    assert!(loaded.errors.is_empty(), "errors in report.html:\n{}", loaded.errors.join("\n"));
    assert!(loaded.dom.contains("data-ready=\"yes\""), "the page's script did not finish");
    assert!(loaded.dom.contains("data-regions=\"31\""), "the page should list 31 regions");
    assert_eq!(loaded.dom.matches("<article class=\"card\"").count(), 31, "one evidence card per region");

    let shot = dir.join("screenshot.png");
    browser::screenshot(&out.join("report.html"), &shot, &dir);
    assert_eq!(browser::png_size(&std::fs::read(&shot).unwrap()), (1400, 2000));
    eprintln!("screenshot: {}", shot.display());
}
