//! Writers of small workbooks, Word documents and PDFs holding a given text: fixtures that tests and
//! `gwr bench` generate at run time, so that no file in another format is committed. What they write is what the
//! readers of this crate must read back: the text of each paragraph, whole.

use lopdf::{dictionary, Document, Object, Stream};
use std::collections::BTreeMap;
use std::io::Write;

fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            _ => out.push(c),
        }
    }
    out
}

/// A zip package of `(name, content)` parts, deflated.
pub fn zip(parts: &[(&str, &str)]) -> Vec<u8> {
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    for (name, content) in parts {
        w.start_file(*name, options).expect("zip part in memory");
        w.write_all(content.as_bytes()).expect("zip write in memory");
    }
    w.finish().expect("zip in memory").into_inner()
}

fn column_name(mut i: usize) -> String {
    let mut name = Vec::new();
    loop {
        name.push(b'A' + (i % 26) as u8);
        if i < 26 {
            break;
        }
        i = i / 26 - 1;
    }
    name.reverse();
    String::from_utf8(name).unwrap_or_default()
}

/// An `.xlsx` workbook with one sheet `Sheet1`: `header`, then `rows`, every cell an inline string.
pub fn xlsx(header: &[&str], rows: &[Vec<String>]) -> Vec<u8> {
    let mut sheet = String::from(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>"#,
    );
    let all = std::iter::once(header.iter().map(|h| h.to_string()).collect::<Vec<_>>()).chain(rows.iter().cloned());
    for (r, row) in all.enumerate() {
        sheet.push_str(&format!(r#"<row r="{}">"#, r + 1));
        for (c, cell) in row.iter().enumerate() {
            sheet.push_str(&format!(
                r#"<c r="{}{}" t="inlineStr"><is><t xml:space="preserve">{}</t></is></c>"#,
                column_name(c),
                r + 1,
                escape(cell)
            ));
        }
        sheet.push_str("</row>");
    }
    sheet.push_str("</sheetData></worksheet>");
    zip(&[
        (
            "[Content_Types].xml",
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>"#,
        ),
        (
            "_rels/.rels",
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#,
        ),
        (
            "xl/workbook.xml",
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>"#,
        ),
        (
            "xl/_rels/workbook.xml.rels",
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>"#,
        ),
        ("xl/worksheets/sheet1.xml", &sheet),
    ])
}

/// The `w:p` elements of `paragraphs`, one run each.
pub fn docx_paragraphs(paragraphs: &[&str]) -> String {
    paragraphs
        .iter()
        .map(|p| format!(r#"<w:p><w:r><w:t xml:space="preserve">{}</w:t></w:r></w:p>"#, escape(p)))
        .collect()
}

/// A `.docx` whose body is `body` (WordprocessingML inside `w:body`), with `extra` parts (`word/header1.xml`...).
pub fn docx(body: &str, extra: &[(&str, &str)]) -> Vec<u8> {
    let document = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"><w:body>{body}</w:body></w:document>"#
    );
    let mut parts = vec![
        (
            "[Content_Types].xml",
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>"#,
        ),
        (
            "_rels/.rels",
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"#,
        ),
        ("word/document.xml", document.as_str()),
    ];
    parts.extend_from_slice(extra);
    zip(&parts)
}

/// How [`pdf`] lays out its text.
#[derive(Clone, Debug)]
pub struct PdfLayout {
    /// Font size in points; a CJK character is one font size wide, any other half of it.
    pub font_size: f32,
    /// Lines per page.
    pub lines_per_page: usize,
    /// A running header drawn at the top of every page.
    pub header: Option<String>,
    /// A page number (`- 3 -`) drawn at the bottom of every page.
    pub page_numbers: bool,
    /// Whether the font carries a `/ToUnicode` map (without one its text cannot be read back).
    pub to_unicode: bool,
}

impl Default for PdfLayout {
    fn default() -> PdfLayout {
        PdfLayout { font_size: 12.0, lines_per_page: 40, header: None, page_numbers: false, to_unicode: true }
    }
}

const PAGE_WIDTH: f32 = 595.0;
const PAGE_HEIGHT: f32 = 842.0;
const MARGIN: f32 = 72.0;

fn wide(c: char) -> bool {
    matches!(c as u32, 0x2E80..=0x9FFF | 0xF900..=0xFAFF | 0xFF00..=0xFFEF | 0x20000..=0x3FFFF)
}

/// The lines of a paragraph set in `width` points: broken after any CJK character, at spaces between words, or
/// inside a long Latin word with a hyphen.
fn wrap(paragraph: &str, size: f32, width: f32) -> Vec<String> {
    let advance = |c: char| if wide(c) { size } else { size / 2.0 };
    let mut lines = Vec::new();
    let mut line = String::new();
    let mut used = 0.0;
    let chars: Vec<char> = paragraph.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c == ' ' && used + advance(c) > width {
            lines.push(std::mem::take(&mut line));
            used = 0.0;
            i += 1;
            continue;
        }
        if !wide(c) && c != ' ' {
            // A Latin word: placed whole when it fits, else hyphenated when long, else moved to the next line.
            let end = (i..chars.len()).find(|&k| chars[k] == ' ' || wide(chars[k])).unwrap_or(chars.len());
            let word: String = chars[i..end].iter().collect();
            let w: f32 = word.chars().map(advance).sum();
            if used + w <= width {
                line.push_str(&word);
                used += w;
                i = end;
                continue;
            }
            let room = ((width - used) / advance('a')) as usize;
            if word.chars().all(char::is_alphabetic) && word.chars().count() >= 8 && room >= 4 {
                let head: String = word.chars().take(room - 1).collect();
                line.push_str(&head);
                line.push('-');
                lines.push(std::mem::take(&mut line));
                used = 0.0;
                i += room - 1;
                continue;
            }
            if !line.is_empty() {
                if line.ends_with(' ') {
                    line.pop();
                }
                lines.push(std::mem::take(&mut line));
                used = 0.0;
                continue;
            }
        }
        if used + advance(c) > width && !line.is_empty() {
            lines.push(std::mem::take(&mut line));
            used = 0.0;
        }
        line.push(c);
        used += advance(c);
        i += 1;
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

/// A PDF of `paragraphs`, each set in lines as a word processor would, in a composite font (`Identity-H`, one
/// code per distinct character) with a `/ToUnicode` map unless `layout.to_unicode` is false.
pub fn pdf_document(paragraphs: &[&str], layout: &PdfLayout) -> Document {
    let size = layout.font_size;
    let mut lines: Vec<String> = Vec::new();
    for p in paragraphs {
        lines.extend(wrap(p, size, PAGE_WIDTH - 2.0 * MARGIN));
    }
    let mut codes: BTreeMap<char, u16> = BTreeMap::new();
    let extra: Vec<char> = layout.header.iter().flat_map(|h| h.chars()).chain("- 0123456789".chars()).collect();
    for c in lines.iter().flat_map(|l| l.chars()).chain(extra) {
        let next = codes.len() as u16 + 1;
        codes.entry(c).or_insert(next);
    }
    let mut doc = Document::with_version("1.7");
    let pages_id = doc.new_object_id();
    let mut widths = Vec::new();
    for (&c, &code) in &codes {
        widths.push(Object::Integer(i64::from(code)));
        widths.push(Object::Array(vec![Object::Integer(if wide(c) { 1000 } else { 500 })]));
    }
    let cid_font = doc.add_object(dictionary! {
        "Type" => "Font",
        "Subtype" => "CIDFontType2",
        "BaseFont" => "GwrTestSans",
        "CIDSystemInfo" => dictionary! { "Registry" => Object::string_literal("Adobe"), "Ordering" => Object::string_literal("Identity"), "Supplement" => 0 },
        "DW" => 1000,
        "W" => widths,
    });
    let mut font = dictionary! {
        "Type" => "Font",
        "Subtype" => "Type0",
        "BaseFont" => "GwrTestSans",
        "Encoding" => "Identity-H",
        "DescendantFonts" => vec![Object::Reference(cid_font)],
    };
    if layout.to_unicode {
        let mut cmap = String::from(
            "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n/CMapName /GwrTest def\n/CMapType 2 def\n1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n",
        );
        let entries: Vec<(&char, &u16)> = codes.iter().collect();
        for chunk in entries.chunks(100) {
            cmap.push_str(&format!("{} beginbfchar\n", chunk.len()));
            for (c, code) in chunk {
                let utf16: String = c.encode_utf16(&mut [0; 2]).iter().map(|u| format!("{u:04X}")).collect();
                cmap.push_str(&format!("<{code:04X}> <{utf16}>\n"));
            }
            cmap.push_str("endbfchar\n");
        }
        cmap.push_str("endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n");
        let stream = doc.add_object(Stream::new(dictionary! {}, cmap.into_bytes()));
        font.set("ToUnicode", Object::Reference(stream));
    }
    let font_id = doc.add_object(font);
    let resources = doc.add_object(dictionary! { "Font" => dictionary! { "F1" => Object::Reference(font_id) } });
    let hex = |text: &str| -> String { text.chars().map(|c| format!("{:04X}", codes[&c])).collect() };
    let mut kids = Vec::new();
    let per_page = layout.lines_per_page.max(1);
    let pages: Vec<&[String]> = if lines.is_empty() { vec![&[][..]] } else { lines.chunks(per_page).collect() };
    for (n, page_lines) in pages.iter().enumerate() {
        let mut content = String::new();
        let top = PAGE_HEIGHT - MARGIN;
        if let Some(h) = &layout.header {
            content.push_str(&format!(
                "BT /F1 {} Tf 1 0 0 1 {MARGIN} {} Tm <{}> Tj ET\n",
                size * 0.8,
                top + 24.0,
                hex(h)
            ));
        }
        // Lines of a page in one text object, moved down by the leading; every fifth line placed with Tm.
        content.push_str(&format!("BT /F1 {size} Tf {} TL 1 0 0 1 {MARGIN} {top} Tm\n", size * 1.5));
        for (i, line) in page_lines.iter().enumerate() {
            if i > 0 && i % 5 == 0 {
                content.push_str(&format!("1 0 0 1 {MARGIN} {} Tm\n", top - i as f32 * size * 1.5));
            } else if i > 0 {
                content.push_str("T*\n");
            }
            content.push_str(&format!("<{}> Tj\n", hex(line)));
        }
        content.push_str("ET\n");
        if layout.page_numbers {
            let number = format!("- {} -", n + 1);
            content.push_str(&format!(
                "BT /F1 {size} Tf 1 0 0 1 {} {} Tm <{}> Tj ET\n",
                PAGE_WIDTH / 2.0,
                MARGIN / 2.0,
                hex(&number)
            ));
        }
        let content_id = doc.add_object(Stream::new(dictionary! {}, content.into_bytes()));
        let page = doc.add_object(dictionary! {
            "Type" => "Page",
            "Parent" => Object::Reference(pages_id),
            "Contents" => Object::Reference(content_id),
            "Resources" => Object::Reference(resources),
            "MediaBox" => vec![0.into(), 0.into(), PAGE_WIDTH.into(), PAGE_HEIGHT.into()],
        });
        kids.push(Object::Reference(page));
    }
    let count = kids.len() as i64;
    doc.objects
        .insert(pages_id, Object::Dictionary(dictionary! { "Type" => "Pages", "Kids" => kids, "Count" => count }));
    let catalog = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => Object::Reference(pages_id) });
    doc.trailer.set("Root", Object::Reference(catalog));
    let id = Object::String(b"gwr-test-fixture".to_vec(), lopdf::StringFormat::Hexadecimal);
    doc.trailer.set("ID", vec![id.clone(), id]);
    doc
}

/// The bytes of a PDF written by [`pdf_document`].
pub fn pdf(paragraphs: &[&str], layout: &PdfLayout) -> Vec<u8> {
    save(&mut pdf_document(paragraphs, layout))
}

/// The bytes of `doc`.
pub fn save(doc: &mut Document) -> Vec<u8> {
    let mut out = Vec::new();
    doc.save_to(&mut out).expect("PDF written to memory");
    out
}
