//! read_path on fixtures generated here from text written for these tests (no report text is copied).

use gwr_core::{Lang, Status};
use gwr_ingest::{discover, read_path, read_path_under, IngestError, IngestOptions, Ingested};
use std::path::{Path, PathBuf};

const REPORT: &str = "政府工作报告\n——2025年1月20日在江苏省第十四届人民代表大会第三次会议上\n各位代表：\n现在，我代表省人民政府向大会报告工作，请予审议。\n";

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.join(name);
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).expect("mkdir");
    }
    std::fs::write(&path, bytes).expect("write fixture");
    path
}

fn one(path: &Path) -> Ingested {
    let mut items = read_path(path, &IngestOptions::default());
    assert_eq!(items.len(), 1, "{items:?}");
    items.remove(0)
}

#[test]
fn encodings_are_detected_by_content() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (gb, _, _) = encoding_rs::GB18030.encode(REPORT);
    let mut bom = b"\xEF\xBB\xBF".to_vec();
    bom.extend_from_slice(REPORT.as_bytes());
    let mut le = vec![0xFF, 0xFE];
    let mut be = vec![0xFE, 0xFF];
    for unit in REPORT.encode_utf16() {
        le.extend_from_slice(&unit.to_le_bytes());
        be.extend_from_slice(&unit.to_be_bytes());
    }
    // Deliberately misleading extensions: the bytes decide.
    for (name, bytes, encoding) in [
        ("plain.txt", REPORT.as_bytes().to_vec(), "UTF-8"),
        ("bom.md", bom, "UTF-8 BOM"),
        ("gbk.txt", gb.into_owned(), "GB18030"),
        ("le.dat", le, "UTF-16LE BOM"),
        ("be", be, "UTF-16BE BOM"),
    ] {
        let item = one(&write(dir.path(), name, &bytes));
        assert_eq!(item.status, Status::Ok, "{name}: {}", item.reason);
        assert_eq!(item.meta.encoding, encoding, "{name}");
        assert_eq!(item.text, REPORT, "{name}");
        assert!(item.flags.is_empty(), "{name}: {:?}", item.flags);
        assert_eq!((item.meta.region_code.as_str(), item.meta.year), ("CN-JS", Some(2025)), "{name}");
    }
}

#[test]
fn lossy_text_is_flagged_with_the_count() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut bytes = REPORT.as_bytes().to_vec();
    bytes.insert(9, 0xFF);
    bytes.push(0xFE);
    bytes.push(0xFF);
    let item = one(&write(dir.path(), "bad.txt", &bytes));
    assert_eq!(item.status, Status::Ok);
    assert!(item.flags.iter().any(|f| f.starts_with("lossy: 3 invalid sequences")), "{:?}", item.flags);
    assert_eq!(item.text.matches('\u{FFFD}').count(), 3);
}

#[test]
fn binary_and_empty_files() {
    let dir = tempfile::tempdir().expect("tempdir");
    let item = one(&write(dir.path(), "img.txt", b"GIF89a\x01\x00\x00\x02"));
    assert_eq!(item.status, Status::Failed);
    assert_eq!(item.reason, "binary content (NUL byte at offset 7)");
    let item = one(&write(dir.path(), "empty.txt", b""));
    assert_eq!((item.status, item.reason.as_str()), (Status::Skipped, "empty file"));
    let item = one(&write(dir.path(), "blank.txt", b" \n\t\n"));
    assert_eq!((item.status, item.reason.as_str()), (Status::Skipped, "empty file"));
    let item = one(&write(dir.path(), "scan.pdf", b"%PDF-1.7\n"));
    assert_eq!(item.status, Status::Failed);
    assert!(item.reason.starts_with("cannot read the PDF"), "{}", item.reason);
}

#[test]
fn csv_rows_broken_row_and_metadata() {
    let dir = tempfile::tempdir().expect("tempdir");
    let csv = "\u{FEFF}province,year,title,source_url,publish_date,full_text\n\
        安徽省,2026,2026年安徽省政府工作报告,http://a,2026-02-01,各位代表：第一份。\n\
        Jiangsu,2025,标题,http://b,2025-02-01,各位代表：第二份。\n\
        CN-ZJ,2024,标题,http://c,2024-02-01,各位代表：第三份。\n\
        河南,2023,标题\n\
        湖北,2022,标题,http://d,2022-02-01,\n\
        ,,,,,各位代表：无元数据。\n";
    let path = write(dir.path(), "corpus/reports.csv", csv.as_bytes());
    let items = read_path(&path, &IngestOptions::default());
    let got: Vec<(Status, &str, &str, Option<u16>)> =
        items.iter().map(|i| (i.status, i.meta.doc_id.as_str(), i.meta.region_code.as_str(), i.meta.year)).collect();
    assert_eq!(
        got,
        [
            (Status::Ok, "corpus/reports.csv#1", "CN-AH", Some(2026)),
            (Status::Ok, "corpus/reports.csv#2", "CN-JS", Some(2025)),
            (Status::Ok, "corpus/reports.csv#3", "CN-ZJ", Some(2024)),
            (Status::Failed, "corpus/reports.csv#4", "unknown", None),
            (Status::Skipped, "corpus/reports.csv#5", "unknown", None),
            // Not found: scored on its own under an id derived from the document.
            (Status::Ok, "corpus/reports.csv#6", "unknown:corpus/reports.csv#6", None),
        ]
    );
    assert_eq!(items[0].meta.region_name, "安徽省");
    assert_eq!(items[0].meta.title.as_deref(), Some("2026年安徽省政府工作报告"));
    assert_eq!(items[0].meta.encoding, "UTF-8 BOM");
    assert_eq!(items[0].meta.source, format!("{}#1", path.display()));
    assert_eq!(items[3].reason, "csv row 4: 3 fields, expected 6");
    assert_eq!(items[4].reason, "empty text");
    assert_eq!(items[5].flags, ["region not found", "year not found"]);
}

#[test]
fn csv_text_column_option_and_missing_column() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = write(dir.path(), "x/body.csv", "region,body\n广西,各位代表：正文。\n".as_bytes());
    let opts =
        IngestOptions { text_column: Some("body".to_string()), lang: Some(Lang::Zh), ..IngestOptions::default() };
    let items = read_path(&path, &opts);
    assert_eq!((items[0].status, items[0].meta.region_code.as_str()), (Status::Ok, "CN-GX"));
    let items = read_path(&path, &IngestOptions::default());
    assert_eq!(items.len(), 1);
    assert_eq!(items[0].status, Status::Failed);
    assert!(items[0].reason.ends_with("body.csv: no text column (full_text, content, text, 正文, 全文) in the header"));
}

#[test]
fn jsonl_rows_resolutions_and_errors() {
    let dir = tempfile::tempdir().expect("tempdir");
    let jsonl = "{\"title\":\"2019年中华人民共和国国务院政府工作报告\",\"content\":\"各位代表：现在，我代表国务院。\",\"year\":2019}\n\
        {\"title\":\"第一届全国人民代表大会关于政府工作报告的决议\",\"content\":\"会议听取了报告。\",\"year\":null}\n\
        {\"title\":\"报告\",\"content\":\"各位代表\"\n\
        {\"title\":\"A report\",\"text\":\"The State Council will keep the economy stable.\",\"year\":\"2020\"}\n";
    let path = write(dir.path(), "nat/reports.jsonl", jsonl.as_bytes());
    let items = read_path(&path, &IngestOptions::default());
    assert_eq!(items.len(), 4);
    assert_eq!(
        (items[0].status, items[0].meta.region_code.as_str(), items[0].meta.year),
        (Status::Ok, "CN", Some(2019))
    );
    assert_eq!(items[0].meta.region_name, "中华人民共和国");
    assert_eq!((items[1].status, items[1].reason.as_str()), (Status::Skipped, "not a report: resolution"));
    assert_eq!(items[2].status, Status::Failed);
    assert!(items[2].reason.starts_with("jsonl line 3: "), "{}", items[2].reason);
    assert_eq!((items[3].meta.region_code.as_str(), items[3].meta.lang), ("CN", Lang::En));
    assert_eq!(items[3].meta.doc_id, "nat/reports.jsonl#4");
}

#[test]
fn html_pages_become_visible_text() {
    let dir = tempfile::tempdir().expect("tempdir");
    let page = "<!doctype html><html><head><title>四川省人民政府</title><script>var a=1;</script></head><body>\
        <nav>首页 &gt; 要闻</nav><div><h2>政府工作报告</h2><p>——2026年2月3日在四川省第十四届人民代表大会第五次会议上</p>\
        <p>各位代表：</p><p>现在，我代表省人民政府&nbsp;向大会报告工作。</p></div><footer>网站地图</footer></body></html>";
    for name in ["page.html", "page.txt"] {
        let item = one(&write(dir.path(), name, page.as_bytes()));
        assert_eq!(item.status, Status::Ok);
        assert_eq!(
            item.text,
            "政府工作报告\n——2026年2月3日在四川省第十四届人民代表大会第五次会议上\n各位代表：\n现在，我代表省人民政府 向大会报告工作。",
            "{name}"
        );
        assert_eq!((item.meta.region_code.as_str(), item.meta.year), ("CN-SC", Some(2026)));
    }
}

#[test]
fn region_and_year_from_every_source() {
    let dir = tempfile::tempdir().expect("tempdir");
    let body = "各位代表：\n现在，我代表人民政府向大会报告工作。\n";
    // File name (full name, short Latin name, year-first Chinese name).
    let cases = [
        ("2026_安徽省_政府工作报告.txt", body.to_string(), "CN-AH", Some(2026)),
        ("anhui-2026.txt", body.to_string(), "CN-AH", Some(2026)),
        ("2025年江苏省政府工作报告.txt", body.to_string(), "CN-JS", Some(2025)),
        // Heading only.
        (
            "report.txt",
            format!("政府工作报告\n——2026年2月5日在安徽省第十四届人民代表大会第四次会议上\n{body}"),
            "CN-AH",
            Some(2026),
        ),
        (
            "gansu.txt",
            format!("——二〇二六年一月二十七日在甘肃省十四届人民代表大会第四次会议上\n{body}"),
            "CN-GS",
            Some(2026),
        ),
        // Nothing to go on: a provincial report mentioning 全国 is not national.
        ("unknown.txt", format!("{body}增速高于全国平均水平。\n一、2025年工作回顾\n"), "unknown:", None),
    ];
    for (name, text, code, year) in cases {
        let item = one(&write(dir.path(), name, text.as_bytes()));
        let got = item.meta.region_code.as_str();
        let got = if got.starts_with("unknown:") && got.ends_with(name) { "unknown:" } else { got };
        assert_eq!((got, item.meta.year), (code, year), "{name}");
        assert_eq!(item.flags.contains(&"region not found".to_string()), code == "unknown:", "{name}");
    }
    // Metadata beats the file name.
    let path = write(dir.path(), "2020_广东省.csv", "region,year,text\nHunan,2021,各位代表：正文。\n".as_bytes());
    let items = read_path(&path, &IngestOptions::default());
    assert_eq!((items[0].meta.region_code.as_str(), items[0].meta.year), ("CN-HN", Some(2021)));
    // Unrecognised metadata is kept as given and flagged, not replaced by the file name's region.
    let path = write(dir.path(), "2020_广东省_b.csv", "region,text\nAtlantis,各位代表：正文。\n".as_bytes());
    let items = read_path(&path, &IngestOptions::default());
    assert_eq!((items[0].meta.region_code.as_str(), items[0].meta.year), ("x:Atlantis", Some(2020)));
    assert_eq!(items[0].meta.level, "unknown");
    assert!(items[0].flags.iter().any(|f| f.contains("Atlantis")), "{:?}", items[0].flags);
}

#[test]
fn languages_from_options_metadata_and_detection() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = write(dir.path(), "l/langs.csv", "lang,text\nfr,Le gouvernement de la province.\n,We will deliver on the plan.\n,Nous allons poursuivre les réformes dans la province.\n".as_bytes());
    let langs: Vec<Lang> = read_path(&path, &IngestOptions::default()).iter().map(|i| i.meta.lang).collect();
    assert_eq!(langs, [Lang::Fr, Lang::En, Lang::Fr]);
    let forced = IngestOptions { lang: Some(Lang::En), ..IngestOptions::default() };
    let items = read_path(&path, &forced);
    let langs: Vec<Lang> = items.iter().map(|i| i.meta.lang).collect();
    assert_eq!(langs, [Lang::En, Lang::En, Lang::En]);
    // The French row forced to English is counted as English, with a note; the rows that agree (or are too short
    // to contradict) have none.
    let notes: Vec<Vec<&String>> =
        items.iter().map(|i| i.flags.iter().filter(|f| f.starts_with("language")).collect()).collect();
    assert_eq!(notes[0..2], [Vec::<&String>::new(), Vec::new()]);
    assert_eq!(notes[2], ["language: --lang says en but the text reads as fr (counted as en: check --lang)"]);
}

#[test]
fn undetermined_languages_are_und_with_a_reason() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = write(
        dir.path(),
        "u/mixed.csv",
        "text\n量子科技 quantum technology、低空经济 low-altitude economy\nQuantum computing\n12345\n".as_bytes(),
    );
    let items = read_path(&path, &IngestOptions::default());
    let got: Vec<(Lang, Status, &str)> =
        items.iter().map(|i| (i.meta.lang, i.status, i.flags.last().map_or("", String::as_str))).collect();
    assert_eq!(
        got,
        [
            (
                Lang::Und,
                Status::Ok,
                "language undetermined: mixed scripts (8 Han characters and 35 other letters in the first 49 characters)"
            ),
            (Lang::Und, Status::Ok, "language undetermined: too short to tell English from French (2 words)"),
            (Lang::Und, Status::Ok, "language undetermined: no letters in the first 5 characters"),
        ]
    );
}

#[test]
fn discover_walks_sorts_dedups_and_names_missing_inputs() {
    let dir = tempfile::tempdir().expect("tempdir");
    let b = write(dir.path(), "in/b.txt", b"x");
    let a = write(dir.path(), "in/sub/a.txt", b"x");
    write(dir.path(), "in/.hidden", b"x");
    let c = write(dir.path(), "c.txt", b"x");
    let files = discover(&[dir.path().join("in"), c.clone(), b.clone()]).expect("discover");
    let mut want = vec![b, a, c];
    want.sort();
    assert_eq!(files, want);
    let missing = dir.path().join("nope");
    let err = discover(std::slice::from_ref(&missing)).unwrap_err();
    assert!(matches!(err, IngestError::Missing { .. }));
    assert_eq!(err.to_string(), format!("input not found: {}", missing.display()));
}

#[test]
fn doc_ids_follow_the_root_not_the_reading_order() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = write(dir.path(), "root/deep/er/2026_北京市.txt", REPORT.as_bytes());
    let items = read_path_under(&path, &dir.path().join("root"), &IngestOptions::default());
    assert_eq!(items[0].meta.doc_id, "deep/er/2026_北京市.txt");
    let items = read_path(&path, &IngestOptions::default());
    assert_eq!(items[0].meta.doc_id, "er/2026_北京市.txt");
    let missing = read_path(&dir.path().join("gone.txt"), &IngestOptions::default());
    assert_eq!(missing[0].status, Status::Failed);
    assert!(missing[0].reason.starts_with("cannot read "), "{}", missing[0].reason);
}

/// Found by the `ingest_rows` fuzz target: a JSONL file of GB18030 ideographic spaces (bytes A1 A1...) decoded to
/// white space only and yielded no item at all, so the file vanished from the run.
#[test]
fn regression_fuzz_table_without_rows_is_listed() {
    let dir = tempfile::tempdir().expect("tempdir");
    for (name, bytes, reason) in [
        ("spaces.jsonl", vec![0xA1; 80], "empty file"),
        ("blank-lines.jsonl", b"\n\n  \n".to_vec(), "empty file"),
        ("header-only.csv", b"province,year,full_text\n".to_vec(), "no data rows"),
    ] {
        let item = one(&write(dir.path(), name, &bytes));
        assert_eq!((item.status, item.reason.as_str()), (Status::Skipped, reason), "{name}");
    }
}

#[test]
fn discover_inputs_lists_what_it_does_not_read() {
    use gwr_ingest::{discover_inputs, read_input};
    let dir = tempfile::tempdir().expect("tempdir");
    let outside = write(dir.path(), "outside/secret.txt", REPORT.as_bytes());
    let root = dir.path().join("in");
    write(&root, "a.txt", REPORT.as_bytes());
    write(&root, "sub/b.txt", REPORT.as_bytes());
    std::os::unix::fs::symlink(root.join("a.txt"), root.join("inside-link.txt")).unwrap();
    std::os::unix::fs::symlink(&outside, root.join("outside-link.txt")).unwrap();
    std::os::unix::fs::symlink(root.join("sub"), root.join("dir-link")).unwrap();
    std::os::unix::fs::symlink(root.join("nowhere"), root.join("dangling.txt")).unwrap();
    let fifo = root.join("pipe.txt");
    assert!(std::process::Command::new("mkfifo").arg(&fifo).status().expect("mkfifo").success());
    write(&root, ".swap.txt", REPORT.as_bytes());
    write(&root, ".git/HEAD", b"ref");

    let found = discover_inputs(std::slice::from_ref(&root)).expect("discover");
    let got: Vec<(String, Option<Status>)> = found
        .iter()
        .map(|f| {
            let name = f.path.strip_prefix(&root).unwrap().to_string_lossy().into_owned();
            (name, f.verdict.as_ref().map(|v| v.0))
        })
        .collect();
    let want: Vec<(String, Option<Status>)> = [
        (".git", Some(Status::Skipped)),
        (".swap.txt", Some(Status::Skipped)),
        ("a.txt", None),
        ("dangling.txt", Some(Status::Failed)),
        ("dir-link", Some(Status::Skipped)),
        ("inside-link.txt", None),
        ("outside-link.txt", Some(Status::Skipped)),
        ("pipe.txt", Some(Status::Skipped)),
        ("sub/b.txt", None),
    ]
    .into_iter()
    .map(|(n, s)| (n.to_string(), s))
    .collect();
    assert_eq!(got, want);
    let reason = |name: &str| {
        let f = found.iter().find(|f| f.path.ends_with(name)).unwrap();
        let items = read_input(f, &IngestOptions::default());
        assert_eq!(items.len(), 1);
        assert!(items[0].text.is_empty() || items[0].status == Status::Ok);
        (items[0].status, items[0].reason.clone())
    };
    assert_eq!(reason("pipe.txt"), (Status::Skipped, "not a regular file".to_string()));
    assert_eq!(reason(".swap.txt"), (Status::Skipped, "hidden file: not read".to_string()));
    assert_eq!(reason(".git"), (Status::Skipped, "hidden folder: not walked".to_string()));
    assert_eq!(reason("dir-link"), (Status::Skipped, "symlink to a folder: not followed".to_string()));
    assert!(reason("outside-link.txt").1.starts_with("symlink outside the input folder: not followed ("));
    assert!(reason("dangling.txt").1.contains("broken symlink to "));
    assert_eq!(reason("inside-link.txt").0, Status::Ok);
    // A fifo named on the command line is listed too, never opened.
    let direct = discover_inputs(std::slice::from_ref(&fifo)).expect("discover");
    assert_eq!(direct[0].verdict, Some((Status::Skipped, "not a regular file".to_string())));
    // `discover` keeps its contract: only the files to read.
    let files = discover(std::slice::from_ref(&root)).expect("discover");
    assert_eq!(files, [root.join("a.txt"), root.join("inside-link.txt"), root.join("sub/b.txt")]);
}

/// A file large enough (16 MB or more) to be read, checked and counted in parallel pieces on a pool of two
/// threads reads as the small file does: the same text, encoding, region, year and flags, and the same reasons
/// when it fails (a NUL byte late in the file, too many control characters, a lossy tail).
#[test]
fn a_huge_file_reads_like_a_small_one() {
    let dir = tempfile::tempdir().expect("tempdir");
    let pool = rayon::ThreadPoolBuilder::new().num_threads(2).build().expect("pool");
    let read = |path: &Path| pool.install(|| one(path));
    // About 17 MB; the heading carries region and year, four-byte characters straddle piece boundaries.
    let line = "我们推进示例产业的建设，完善配套政策\u{1F600}，扩大有效投资。\n";
    let text = format!("{REPORT}{}", line.repeat((17 << 20) / line.len()));
    let mut bom = b"\xEF\xBB\xBF".to_vec();
    bom.extend_from_slice(text.as_bytes());
    for (name, bytes, encoding) in [("huge.txt", text.as_bytes().to_vec(), "UTF-8"), ("huge-bom.txt", bom, "UTF-8 BOM")]
    {
        let item = read(&write(dir.path(), name, &bytes));
        assert_eq!((item.status, item.meta.encoding.as_str()), (Status::Ok, encoding), "{name}: {}", item.reason);
        assert!(item.text == text, "{name}: the text read is not the file's");
        assert!(item.flags.is_empty(), "{name}: {:?}", item.flags);
        assert_eq!((item.meta.region_code.as_str(), item.meta.year), ("CN-JS", Some(2025)), "{name}");
    }

    let mut nul = text.as_bytes().to_vec();
    let at = nul.len() - 5;
    nul[at] = 0;
    let item = read(&write(dir.path(), "nul.txt", &nul));
    assert_eq!((item.status, item.reason), (Status::Failed, format!("binary content (NUL byte at offset {at})")));

    // Three control characters in nine (U+0001 twice and U+0090; U+0085 is white space).
    let controls = "\u{1}\u{90}\u{85}示例\u{1}ab\n".repeat((17 << 20) / 14);
    let item = read(&write(dir.path(), "controls.txt", controls.as_bytes()));
    let count = controls.chars().filter(|c| c.is_control() && !c.is_whitespace()).count();
    let want = format!("binary content ({count} control characters in {} bytes)", controls.len());
    assert_eq!((item.status, item.reason), (Status::Failed, want));

    // Cut in the middle of its last character: kept, flagged as lossy and truncated.
    let cut = &text.as_bytes()[..text.len() - 2];
    let item = read(&write(dir.path(), "cut.txt", cut));
    assert_eq!(item.status, Status::Ok);
    let at = text.len() - 2 - 2;
    assert_eq!(
        item.flags,
        [
            format!("lossy: 1 invalid sequence, first at byte {at}"),
            format!("truncated: incomplete UTF-8 sequence at byte {at}")
        ]
    );
}
