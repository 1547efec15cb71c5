//! Workbooks, Word documents and PDFs, generated here at run time from text invented for these tests.

use gwr_core::Status;
use gwr_ingest::write::{self, PdfLayout};
use gwr_ingest::{read_path, IngestOptions, Ingested};
use rust_xlsxwriter::{ExcelDateTime, Format, Formula, Workbook};
use std::path::{Path, PathBuf};

fn put(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, bytes).expect("write fixture");
    path
}

fn read(path: &Path) -> Vec<Ingested> {
    read_path(path, &IngestOptions::default())
}

fn one(path: &Path) -> Ingested {
    let mut items = read(path);
    assert_eq!(items.len(), 1, "{items:?}");
    items.remove(0)
}

const PARA_A: &str = "各位代表：过去一年，我们大力发展人工智能和新能源汽车产业，推动集成电路与生物医药集群建设。";
const PARA_B: &str = "今年要加快培育新质生产力，建设算力基础设施，发展低空经济和商业航天。";

#[test]
fn xlsx_rows_are_documents_with_csv_columns() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut wb = Workbook::new();
    let date = Format::new().set_num_format("yyyy-mm-dd");
    let sheet = wb.add_worksheet().set_name("Reports").expect("sheet name");
    // A title line above the header: the header is found on row 3 and flagged.
    sheet.write_string(0, 0, "Invented reports for a test").expect("cell");
    for (c, h) in ["province", "year", "title", "full_text", ""].iter().enumerate() {
        sheet.write_string(2, c as u16, *h).expect("cell");
    }
    sheet.write_string(3, 0, "江苏省").expect("cell");
    sheet.write_number(3, 1, 2025.0).expect("cell");
    sheet.write_string(3, 3, PARA_A).expect("cell");
    // A date in the year column; the province merged over rows 5 and 6.
    sheet.merge_range(4, 0, 5, 0, "浙江省", &Format::new()).expect("merge");
    sheet.write_datetime_with_format(4, 1, ExcelDateTime::from_ymd(2024, 3, 5).expect("date"), &date).expect("cell");
    sheet.write_string(4, 3, PARA_B).expect("cell");
    // A year typed into a date-formatted cell; the text is a formula with its cached value.
    sheet.write_number_with_format(5, 1, 2023.0, &date).expect("cell");
    sheet.write_formula(5, 3, Formula::new("=\"发展\"&\"人工智能\"").set_result("发展人工智能")).expect("formula");
    // Row 7 empty: not a document. Row 8: values but no text.
    sheet.write_string(7, 0, "安徽省").expect("cell");
    // Row 9: a text longer than a cell, continued in the next cell under no header.
    let long: String = "推动人工智能发展。".repeat(4000);
    let chars: Vec<char> = long.chars().collect();
    let (first, rest): (String, String) = (chars[..32_767].iter().collect(), chars[32_767..].iter().collect());
    sheet.write_string(8, 0, "安徽省").expect("cell");
    sheet.write_number(8, 1, 2026.0).expect("cell");
    sheet.write_string(8, 3, &first).expect("cell");
    sheet.write_string(8, 4, &rest).expect("cell");
    // A second sheet without a header among its first rows.
    let other = wb.add_worksheet().set_name("Notes").expect("sheet name");
    other.write_string(0, 0, "no table here").expect("cell");
    let path = dir.path().join("book.xlsx");
    wb.save(&path).expect("save xlsx");

    let items = read(&path);
    let ids: Vec<&str> = items.iter().map(|i| i.meta.doc_id.as_str()).collect();
    assert_eq!(ids.len(), 6, "{items:#?}");
    assert!(ids[0].ends_with("book.xlsx#Reports!4"), "{ids:?}");
    let by_key = |k: &str| items.iter().find(|i| i.meta.doc_id.ends_with(k)).unwrap_or_else(|| panic!("{k}: {ids:?}"));
    let r4 = by_key("#Reports!4");
    assert_eq!((r4.status, r4.text.as_str()), (Status::Ok, PARA_A));
    assert_eq!((r4.meta.region_code.as_str(), r4.meta.year), ("CN-JS", Some(2025)));
    assert!(r4.flags.iter().any(|f| f.starts_with("header on row 3")), "{:?}", r4.flags);
    assert_eq!(r4.meta.encoding, "xlsx");
    let r5 = by_key("#Reports!5");
    assert_eq!((r5.meta.region_code.as_str(), r5.meta.year), ("CN-ZJ", Some(2024)), "{r5:?}");
    let r6 = by_key("#Reports!6");
    assert_eq!(r6.text, "发展人工智能");
    assert_eq!((r6.meta.region_code.as_str(), r6.meta.year), ("CN-ZJ", Some(2023)), "merged province, typed year");
    assert!(r6.flags.iter().any(|f| f.contains("formatted as a date")), "{:?}", r6.flags);
    let r8 = by_key("#Reports!8");
    assert_eq!((r8.status, r8.reason.as_str()), (Status::Skipped, "empty text"));
    let r9 = by_key("#Reports!9");
    assert_eq!(r9.text, long, "the continued text is joined whole");
    assert!(r9.flags.iter().any(|f| f.starts_with("text continued over 2 cells")), "{:?}", r9.flags);
    let notes = by_key("#Notes");
    assert_eq!(notes.status, Status::Failed);
    assert!(notes.reason.contains("no header with a text column"), "{}", notes.reason);

    // --text-column chooses another column, as for CSV.
    let opts = IngestOptions { text_column: Some("title".into()), ..IngestOptions::default() };
    let items = read_path(&path, &opts);
    assert!(items.iter().all(|i| i.status != Status::Ok), "the title column is empty in every row: {items:#?}");
}

#[test]
fn truncated_and_fake_workbooks_fail_with_a_reason() {
    let dir = tempfile::tempdir().expect("tempdir");
    let good = write::xlsx(&["full_text"], &[vec![PARA_A.to_string()]]);
    let item = one(&put(dir.path(), "ok.xlsx", &good));
    assert_eq!((item.status, item.text.as_str()), (Status::Ok, PARA_A), "{item:?}");
    let item = one(&put(dir.path(), "cut.xlsx", &good[..good.len() / 2]));
    assert_eq!(item.status, Status::Failed);
    assert!(item.reason.starts_with("cannot open the workbook"), "{}", item.reason);
    for ext in ["xls", "ods", "xlsb"] {
        let item = one(&put(dir.path(), &format!("text.{ext}"), PARA_A.as_bytes()));
        assert_eq!(item.status, Status::Failed, "{ext}");
        assert!(item.reason.starts_with("cannot open the workbook"), "{ext}: {}", item.reason);
    }
}

#[test]
fn docx_body_in_reading_order_without_headers_and_notes() {
    let dir = tempfile::tempdir().expect("tempdir");
    let body = format!(
        "{}<w:tbl><w:tr><w:tc><w:p><w:r><w:t>集成电路</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>生物医药</w:t></w:r></w:p></w:tc></w:tr></w:tbl>\
         <w:p><w:r><w:t>甲</w:t><w:tab/><w:t>乙&amp;丙</w:t><w:delText>删除的字</w:delText></w:r></w:p>\
         <w:p><mc:AlternateContent><mc:Choice><w:r><w:t>文本框</w:t></w:r></mc:Choice><mc:Fallback><w:r><w:t>文本框</w:t></w:r></mc:Fallback></mc:AlternateContent></w:p>{}",
        write::docx_paragraphs(&[PARA_A]),
        write::docx_paragraphs(&[PARA_B]),
    );
    let header = r#"<w:hdr xmlns:w="w"><w:p><w:r><w:t>页眉文字</w:t></w:r></w:p></w:hdr>"#;
    let notes = r#"<w:footnotes xmlns:w="w"><w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote><w:footnote w:id="1"><w:p><w:r><w:t>脚注</w:t></w:r></w:p></w:footnote></w:footnotes>"#;
    let bytes = write::docx(&body, &[("word/header1.xml", header), ("word/footnotes.xml", notes)]);
    let item = one(&put(dir.path(), "2025年江苏省政府工作报告.docx", &bytes));
    assert_eq!(item.status, Status::Ok, "{}", item.reason);
    assert_eq!(item.text, format!("{PARA_A}\n集成电路\n生物医药\n甲\t乙&丙\n文本框\n{PARA_B}\n"));
    assert_eq!(item.flags, ["not counted: text in headers/footers (1 part), 1 footnote"]);
    assert_eq!(
        (item.meta.region_code.as_str(), item.meta.year, item.meta.encoding.as_str()),
        ("CN-JS", Some(2025), "docx")
    );

    // A zip of something else, a file that is no zip, and the old binary format.
    let other = write::zip(&[("data/readme.txt", "hello")]);
    let item = one(&put(dir.path(), "fake.docx", &other));
    assert_eq!(item.status, Status::Failed);
    assert!(item.reason.starts_with("not a Word document: no word/document.xml"), "{}", item.reason);
    let item = one(&put(dir.path(), "plain.docx", PARA_A.as_bytes()));
    assert!(item.reason.starts_with("not a .docx"), "{}", item.reason);
    let item = one(&put(dir.path(), "old.doc", b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1rest"));
    assert_eq!((item.status, item.reason.as_str()), (Status::Failed, ".doc is not supported; save as .docx"));
}

/// Paragraphs long enough to wrap over several lines and pages.
fn paragraphs() -> Vec<String> {
    (0..30).map(|i| format!("第{i}段。{}{}", PARA_A, PARA_B.repeat(1 + i % 3))).collect()
}

#[test]
fn pdf_cjk_text_layer_joins_lines_and_pages_and_drops_boilerplate() {
    let dir = tempfile::tempdir().expect("tempdir");
    let paras = paragraphs();
    let refs: Vec<&str> = paras.iter().map(String::as_str).collect();
    let layout = PdfLayout {
        header: Some("2025年政府工作报告".into()),
        page_numbers: true,
        lines_per_page: 20,
        ..PdfLayout::default()
    };
    let item = one(&put(dir.path(), "江苏.pdf", &write::pdf(&refs, &layout)));
    assert_eq!(item.status, Status::Ok, "{}", item.reason);
    assert_eq!(item.meta.encoding, "pdf");
    assert_eq!(item.text, format!("{}\n", paras.join("\n")), "paragraphs whole, no header, no page number");
    let flag = item.flags.iter().find(|f| f.starts_with("boilerplate removed")).expect("boilerplate flag");
    assert!(flag.contains("page numbers"), "{flag}");

    // Same bytes read under another name: same text (no state kept between files).
    let again = one(&put(dir.path(), "copy.pdf", &write::pdf(&refs, &layout)));
    assert_eq!(again.text, item.text);
}

#[test]
fn pdf_latin_hyphenation_is_joined() {
    let dir = tempfile::tempdir().expect("tempdir");
    let para = "The provincial government will strengthen manufacturing competitiveness through \
        internationalization, semiconductor manufacturing, biopharmaceutical innovation and electrification.";
    let paras = [para, "A second paragraph."];
    let item = one(&put(dir.path(), "en.pdf", &write::pdf(&paras, &PdfLayout::default())));
    assert_eq!(item.status, Status::Ok, "{}", item.reason);
    // Every word whole: a hyphenated line end joined without its hyphen.
    for word in para.split(' ') {
        assert!(item.text.contains(word), "{word:?} not in {:?}", item.text);
    }
    assert!(!item.text.contains("-\n") && !item.text.contains("- "), "{:?}", item.text);
}

#[test]
fn pdf_bad_inputs_fail_with_a_reason() {
    use lopdf::encryption::{EncryptionState, EncryptionVersion, Permissions};
    let dir = tempfile::tempdir().expect("tempdir");
    let paras = paragraphs();
    let refs: Vec<&str> = paras.iter().map(String::as_str).collect();

    // Password-protected.
    let mut doc = write::pdf_document(&refs, &PdfLayout::default());
    let state = EncryptionState::try_from(EncryptionVersion::V2 {
        document: &doc,
        owner_password: "owner",
        user_password: "secret",
        key_length: 128,
        permissions: Permissions::all(),
    })
    .expect("encryption state");
    doc.encrypt(&state).expect("encrypt");
    let item = one(&put(dir.path(), "locked.pdf", &write::save(&mut doc)));
    assert_eq!(item.status, Status::Failed);
    assert!(item.reason.starts_with("encrypted"), "{}", item.reason);

    // Only permissions protected (empty user password): read, flagged.
    let mut doc = write::pdf_document(&refs, &PdfLayout::default());
    let state = EncryptionState::try_from(EncryptionVersion::V2 {
        document: &doc,
        owner_password: "owner",
        user_password: "",
        key_length: 128,
        permissions: Permissions::all(),
    })
    .expect("encryption state");
    doc.encrypt(&state).expect("encrypt");
    let item = one(&put(dir.path(), "restricted.pdf", &write::save(&mut doc)));
    assert_eq!(item.status, Status::Ok, "{}", item.reason);
    assert_eq!(item.text, format!("{}\n", paras.join("\n")));
    assert!(item.flags.iter().any(|f| f.starts_with("encrypted with an empty user password")), "{:?}", item.flags);

    // A broken cross-reference stream, and a start offset that points nowhere.
    let good = write::pdf(&refs, &PdfLayout::default());
    for (what, from, to) in
        [("stream", &b"/W[1 4 2]"[..], &b"/W[1 2 4]"[..]), ("offset", b"startxref\n", b"startxref\n9")]
    {
        let at = good.windows(from.len()).rposition(|w| w == from).expect("xref");
        let mut broken = good.clone();
        broken.splice(at..at + from.len(), to.iter().copied());
        let item = one(&put(dir.path(), "broken-xref.pdf", &broken));
        assert_eq!(item.status, Status::Ok, "{what}: {}", item.reason);
        assert_eq!(item.text, format!("{}\n", paras.join("\n")), "{what}: nothing lost");
        assert!(item.flags.iter().any(|f| f.contains("cross-reference")), "{what}: {:?}", item.flags);
    }
    // Cut in half.
    let item = one(&put(dir.path(), "cut.pdf", &good[..good.len() / 2]));
    assert_eq!(item.status, Status::Failed);
    assert!(item.reason.ends_with("(no %%EOF at its end: the file seems truncated)"), "{}", item.reason);

    // No text layer: a page that only draws.
    let mut doc = write::pdf_document(&[], &PdfLayout::default());
    let page = *doc.get_pages().values().next().expect("page");
    doc.change_page_content(page, b"0 0 m 100 100 l S\n".to_vec()).expect("content");
    let item = one(&put(dir.path(), "scan.pdf", &write::save(&mut doc)));
    assert_eq!((item.status, item.reason.as_str()), (Status::Failed, "no text layer (scanned image?)"));

    // A composite font without a ToUnicode map: unreadable, never counted silently.
    let layout = PdfLayout { to_unicode: false, ..PdfLayout::default() };
    let item = one(&put(dir.path(), "garbled.pdf", &write::pdf(&refs, &layout)));
    assert_eq!(item.status, Status::Failed);
    assert!(item.reason.starts_with("garbled text layer"), "{}", item.reason);
    assert!(item.reason.contains("GwrTestSans"), "{}", item.reason);
}

#[test]
fn pdf_of_300_pages() {
    let dir = tempfile::tempdir().expect("tempdir");
    let paras: Vec<String> = (0..2000).map(|i| format!("第{i}段。{PARA_A}{PARA_B}")).collect();
    let refs: Vec<&str> = paras.iter().map(String::as_str).collect();
    let layout = PdfLayout {
        lines_per_page: 20,
        page_numbers: true,
        header: Some("政府工作报告".into()),
        ..PdfLayout::default()
    };
    let bytes = write::pdf(&refs, &layout);
    let pages = lopdf::Document::load_mem(&bytes).expect("fixture reads").get_pages().len();
    assert!(pages >= 300, "{pages} pages");
    let path = put(dir.path(), "long.pdf", &bytes);
    let started = std::time::Instant::now();
    let item = one(&path);
    let took = started.elapsed();
    assert_eq!(item.status, Status::Ok, "{}", item.reason);
    let flag = item.flags.iter().find(|f| f.starts_with("boilerplate")).cloned().unwrap_or_default();
    eprintln!("{pages}-page PDF: {} bytes, {} chars read in {took:?}; {flag}", bytes.len(), item.text.chars().count());
    assert_eq!(flag, format!("boilerplate removed: {pages} running header/footer lines, {pages} page numbers"));
    assert_eq!(item.text, format!("{}\n", paras.join("\n")));
}
