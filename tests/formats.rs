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

#[test]
fn one_report_in_four_formats_gives_the_same_sector_counts() {
    let corpora = shared_corpora();
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
        let layout = PdfLayout { header: Some(format!("2026年{region}政府工作报告")), page_numbers: true, ..PdfLayout::default() };
        std::fs::write(dir.path().join(format!("pdf/{name}.pdf")), write::pdf(&paragraphs, &layout)).unwrap();
    }
    let txt = sector_counts(&dir.path().join("txt"), &dir.path().join("out-txt"));
    assert!(txt.values().sum::<u64>() > 100, "{txt:?}");
    for fmt in ["xlsx", "docx", "pdf"] {
        let other = sector_counts(&dir.path().join(fmt), &dir.path().join(format!("out-{fmt}")));
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
