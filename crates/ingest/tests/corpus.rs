//! The real corpora (gwr-testdata: read at run time, never copied; skipped with a notice when absent).

use gwr_core::{Lang, Status};
use gwr_ingest::{discover, read_path, IngestOptions};
use std::path::PathBuf;

fn corpora() -> PathBuf {
    gwr_testdata::corpora()
}

#[test]
fn provincial_2026_all_31_ok_with_their_codes() {
    gwr_testdata::require_corpora!();
    let files = discover(&[corpora().join("provincial-2026")]).expect("discover");
    assert_eq!(files.len(), 31);
    let mut codes = Vec::new();
    for file in &files {
        let items = read_path(file, &IngestOptions::default());
        assert_eq!(items.len(), 1, "{}", file.display());
        let item = &items[0];
        assert_eq!(item.status, Status::Ok, "{}: {}", file.display(), item.reason);
        assert_eq!(item.meta.encoding, "UTF-8 BOM");
        assert_eq!(item.meta.year, Some(2026));
        assert_eq!(item.meta.lang, Lang::Zh);
        assert!(item.flags.is_empty(), "{}: {:?}", file.display(), item.flags);
        // The file name carries the full name; the gazetteer must agree with it and with the row's metadata.
        let name = file.file_name().and_then(|n| n.to_str()).expect("utf-8 name");
        let full = name.split('_').nth(1).expect("2026_<full name>_政府工作报告.csv");
        assert_eq!(item.meta.region_name, full, "{name}");
        let code = gwr_dict::regions::Gazetteer::builtin().lookup(full).map(|r| r.code.clone());
        assert_eq!(Some(item.meta.region_code.clone()), code, "{name}");
        assert_eq!(item.meta.doc_id, format!("provincial-2026/{name}#1"));
        assert!(item.text.contains("各位代表"), "{name}");
        codes.push(item.meta.region_code.clone());
    }
    codes.sort();
    codes.dedup();
    assert_eq!(codes.len(), 31, "every region once: {codes:?}");
    assert!(codes.iter().all(|c| c.starts_with("CN-") && !["CN-HK", "CN-MO", "CN-TW"].contains(&c.as_str())));
}

#[test]
fn provincial_regions_also_found_from_text_alone() {
    gwr_testdata::require_corpora!();
    // Without the metadata column, the heading (or, for three pages whose heading is cut, the body) still names
    // the region: check via the title + heading path by reading the text as a plain file.
    let files = discover(&[corpora().join("provincial-2026")]).expect("discover");
    let mut from_heading = 0;
    for file in &files {
        let item = read_path(file, &IngestOptions::default()).remove(0);
        let head = gwr_ingest::detect::heading(&item.text);
        if let Some(r) = gwr_ingest::detect::region_in_text(head) {
            assert_eq!(r.code, item.meta.region_code, "{}", file.display());
            from_heading += 1;
        }
        if item.meta.region_code != "CN-GD" && item.meta.region_code != "CN-HI" {
            assert_eq!(gwr_ingest::detect::year_in_heading(&item.text), Some(2026), "{}", file.display());
        }
    }
    assert_eq!(from_heading, 31);
}

#[test]
fn national_zh_52_reports_and_20_resolutions() {
    gwr_testdata::require_corpora!();
    let path = corpora().join("national-zh/government_work_reports.jsonl");
    let items = read_path(&path, &IngestOptions::default());
    assert_eq!(items.len(), 72);
    let ok: Vec<_> = items.iter().filter(|i| i.status == Status::Ok).collect();
    let skipped: Vec<_> = items.iter().filter(|i| i.status == Status::Skipped).collect();
    assert_eq!(ok.len(), 52);
    assert_eq!(skipped.len(), 20);
    assert!(skipped.iter().all(|i| i.reason == "not a report: resolution"));
    for item in &ok {
        assert_eq!(item.meta.region_code, "CN", "{}", item.meta.doc_id);
        assert_eq!(item.meta.region_name, "中华人民共和国");
        let title = item.meta.title.as_deref().expect("title");
        let year: u16 = title[..4].parse().expect("titles start with the year");
        assert_eq!(item.meta.year, Some(year), "{title}");
        assert_eq!(item.meta.lang, Lang::Zh, "{title}");
        assert!(item.meta.doc_id.starts_with("national-zh/government_work_reports.jsonl#"));
    }
    let mut years: Vec<u16> = ok.iter().filter_map(|i| i.meta.year).collect();
    years.sort();
    years.dedup();
    assert_eq!(years.len(), 52, "one report per year");
    assert_eq!((years[0], years[51]), (1954, 2025));
    for gap in [1989, 1990, 1991, 1996, 2020] {
        assert!(!years.contains(&gap), "{gap} is a known gap");
    }
}

#[test]
fn bilingual_files_become_one_document_per_language() {
    gwr_testdata::require_corpora!();
    let files = discover(&[corpora().join("bilingual-2024-2026")]).expect("discover");
    assert_eq!(files.len(), 3);
    for (file, year) in files.iter().zip([2024u16, 2025, 2026]) {
        let items = read_path(file, &IngestOptions::default());
        let ok: Vec<_> = items.iter().filter(|i| i.status == Status::Ok).collect();
        assert_eq!(ok.len(), 2, "{}: {items:?}", file.display());
        assert_eq!((ok[0].meta.lang, ok[1].meta.lang), (Lang::Zh, Lang::En));
        for item in ok {
            assert_eq!(item.meta.year, Some(year));
            assert_eq!(item.meta.region_code, "CN", "{}", item.meta.doc_id);
            assert!(item.text.lines().count() > 100, "{}", item.meta.doc_id);
        }
        assert!(items[0].meta.doc_id.ends_with(&format!("#{year}-zh")));
    }
}
