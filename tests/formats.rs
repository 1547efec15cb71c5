//! The same report as plain text, a workbook row, a Word document and a PDF gives the same per-sector counts
//! (issue 24). The reports are read from ../shared/corpora at run time; the other formats are written here.

mod common;

use common::*;
use gwr_ingest::write::{self, PdfLayout};
use std::collections::BTreeMap;
use std::path::Path;

const REPORTS: &[&str] = &["上海市", "广东省", "河北省"];

/// Per (region, sector) hit counts of an analysis of `input`.
fn sector_counts(input: &Path, out: &Path) -> BTreeMap<(String, String), u64> {
    gwr_expect(&["analyze", input.to_str().unwrap(), "--out", out.to_str().unwrap(), "--quiet"], 0);
    let docs = read_csv(&out.join("documents.csv"));
    assert_eq!(docs.len(), REPORTS.len(), "{docs:#?}");
    assert!(docs.iter().all(|d| d["status"] == "ok"), "{docs:#?}");
    let mut counts = BTreeMap::new();
    for row in read_csv(&out.join("counts.csv")) {
        let n: u64 = row["count"].parse().unwrap();
        *counts.entry((row["region_code"].clone(), row["sector"].clone())).or_default() += n;
    }
    counts
}

/// The report's paragraphs as an HTML page set in a font with Chinese glyphs.
fn report_html(text: &str) -> String {
    let mut html = String::from(
        "<!doctype html><html><head><meta charset=\"utf-8\"><style>body{font-family:\"WenQuanYi Micro Hei\",\
         \"Noto Sans CJK SC\",sans-serif;font-size:12pt}</style></head><body>",
    );
    for line in text.lines() {
        let escaped = line.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;");
        html.push_str(&format!("<p>{escaped}</p>"));
    }
    html.push_str("</body></html>");
    html
}

/// The same reports printed to PDF by headless Chromium (with its running header, date and title, and footer,
/// file URL and `3/13`): a real producer's text layer (subset fonts, ToUnicode maps, its own line breaking).
/// The counts may differ from the text's only where a paragraph's last line fills the page width and ends with
/// `。`: it is joined with the next paragraph, which changes no count unless a term spans the two.
#[test]
fn reports_printed_by_chromium_give_the_same_sector_counts_within_1_percent() {
    let chromium = Path::new("/usr/bin/chromium");
    if !chromium.exists() {
        eprintln!(
            "SKIPPED: /usr/bin/chromium is not installed (.ci/test installs it); the Chromium PDF test did not run"
        );
        return;
    }
    let corpora = gwr_testdata::require_corpora!();
    let dir = tempfile::tempdir().unwrap();
    for fmt in ["txt", "pdf"] {
        std::fs::create_dir_all(dir.path().join(fmt)).unwrap();
    }
    for region in REPORTS {
        let src = corpora.join(format!("provincial-2026/2026_{region}_政府工作报告.csv"));
        let text = gwr_ingest::read_path(&src, &gwr_ingest::IngestOptions::default())[0].text.replace("\r\n", "\n");
        let name = format!("2026_{region}_政府工作报告");
        std::fs::write(dir.path().join(format!("txt/{name}.txt")), &text).unwrap();
        let html = dir.path().join(format!("{name}.html"));
        std::fs::write(&html, report_html(&text)).unwrap();
        let pdf = dir.path().join(format!("pdf/{name}.pdf"));
        let out = std::process::Command::new(chromium)
            .args(["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run"])
            .arg(format!("--print-to-pdf={}", pdf.display()))
            .arg(&html)
            .output()
            .expect("chromium runs");
        assert!(pdf.exists(), "chromium printed no PDF: {}", String::from_utf8_lossy(&out.stderr));
    }
    let txt = sector_counts(&dir.path().join("txt"), &dir.path().join("out-txt"));
    let pdf = sector_counts(&dir.path().join("pdf"), &dir.path().join("out-pdf"));
    let docs = read_csv(&dir.path().join("out-pdf/documents.csv"));
    assert!(docs.iter().all(|d| d["encoding"] == "pdf" && d["reason"].contains("boilerplate removed")), "{docs:#?}");
    let total = txt.values().sum::<u64>();
    let mut diff = 0;
    for k in txt.keys().chain(pdf.keys()).collect::<std::collections::BTreeSet<_>>() {
        let (a, b) = (txt.get(k).copied().unwrap_or(0), pdf.get(k).copied().unwrap_or(0));
        if a != b {
            eprintln!("chromium pdf: {k:?}: txt {a}, pdf {b}");
            diff += a.abs_diff(b);
        }
    }
    eprintln!("chromium pdf: {diff} hits differ of {total}");
    assert!(total > 100 && diff * 100 <= total, "{diff} of {total} hits differ: {txt:?} {pdf:?}");
}

#[test]
fn one_report_in_four_formats_gives_the_same_sector_counts() {
    let corpora = gwr_testdata::require_corpora!();
    let dir = tempfile::tempdir().unwrap();
    for fmt in ["txt", "xlsx", "docx", "pdf"] {
        std::fs::create_dir_all(dir.path().join(fmt)).unwrap();
    }
    for region in REPORTS {
        let src = corpora.join(format!("provincial-2026/2026_{region}_政府工作报告.csv"));
        let items = gwr_ingest::read_path(&src, &gwr_ingest::IngestOptions::default());
        let text = items[0].text.replace("\r\n", "\n");
        let name = format!("2026_{region}_政府工作报告");
        std::fs::write(dir.path().join(format!("txt/{name}.txt")), &text).unwrap();
        // The workbook row: the text cut into cells of Excel's 32,767-character limit, continued to the right.
        let chars: Vec<char> = text.chars().collect();
        let cells: Vec<String> = chars.chunks(32_767).map(|c| c.iter().collect()).collect();
        let mut header = vec!["province", "year", "full_text"];
        header.resize(2 + cells.len(), "");
        let mut row = vec![region.to_string(), "2026".to_string()];
        row.extend(cells);
        std::fs::write(dir.path().join(format!("xlsx/{name}.xlsx")), write::xlsx(&header, &[row])).unwrap();
        let paragraphs: Vec<&str> = text.lines().collect();
        let body = write::docx_paragraphs(&paragraphs);
        std::fs::write(dir.path().join(format!("docx/{name}.docx")), write::docx(&body, &[])).unwrap();
        let layout = PdfLayout {
            header: Some(format!("2026年{region}政府工作报告")),
            page_numbers: true,
            ..PdfLayout::default()
        };
        std::fs::write(dir.path().join(format!("pdf/{name}.pdf")), write::pdf(&paragraphs, &layout)).unwrap();
    }
    let txt = sector_counts(&dir.path().join("txt"), &dir.path().join("out-txt"));
    assert!(txt.values().sum::<u64>() > 100, "{txt:?}");
    for fmt in ["xlsx", "docx", "pdf"] {
        let other = sector_counts(&dir.path().join(fmt), &dir.path().join(format!("out-{fmt}")));
        // Every hit's span slices its surface out of the text extracted from the file.
        let mut texts = BTreeMap::new();
        for f in gwr_ingest::discover(&[dir.path().join(fmt)]).unwrap() {
            for item in gwr_ingest::read_path(&f, &gwr_ingest::IngestOptions::default()) {
                texts.insert(item.meta.doc_id.clone(), item.text);
            }
        }
        let hits = read_hits(&dir.path().join(format!("out-{fmt}")));
        assert!(!hits.is_empty());
        for hit in hits {
            let id = hit["doc_id"].as_str().unwrap();
            let text =
                texts.iter().find(|(k, _)| id.ends_with(k.as_str())).map(|(_, t)| t).expect("hit of a read document");
            let (start, end) = (hit["start"].as_u64().unwrap() as usize, hit["end"].as_u64().unwrap() as usize);
            assert_eq!(&text[start..end], hit["surface"].as_str().unwrap(), "{fmt}: {hit}");
        }
        let keys: std::collections::BTreeSet<_> = txt.keys().chain(other.keys()).collect();
        let mut diff = 0;
        for k in keys {
            let (a, b) = (txt.get(k).copied().unwrap_or(0), other.get(k).copied().unwrap_or(0));
            if a != b {
                eprintln!("{fmt}: {k:?}: txt {a}, {fmt} {b}");
                diff += a.abs_diff(b);
            }
        }
        let total = txt.values().sum::<u64>();
        eprintln!("{fmt}: {diff} hits differ of {total}");
        if fmt == "pdf" {
            assert!(diff * 100 <= total, "PDF differs by more than 1%: {diff} of {total}");
        } else {
            assert_eq!(diff, 0, "{fmt} differs from txt");
        }
    }
}
