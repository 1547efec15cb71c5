//! PDF: the text layer, read with lopdf, in the order the page draws it, pages joined.
//!
//! - **Decoding**: a font's `/ToUnicode` map is used when it has one (for a composite CJK font it is the only
//!   reliable map: its codes are glyph ids); else the font's encoding (the standard one-byte encodings, the
//!   `UniGB-UCS2-H`/`UniGB-UTF16-H` CMaps, and the GBK-based `GBK-EUC-H`/`GB-EUC-H` CMaps, decoded as GBK). A
//!   composite font with neither maps nothing: each of its codes becomes U+FFFD, so that the loss is counted.
//! - **Lines**: the text position is followed through `Tm`/`Td`/`TD`/`T*` and `cm`: a run drawn on another
//!   baseline starts a new line; a gap wider than a fifth of the font size inside a line of Latin text is a space.
//!   A line that reaches the right edge of the page's text (within 4 font sizes; within 1 when it ends with
//!   `。！？：；`, as a paragraph's last line does) continues on the next line, also across pages: joined without a
//!   break between CJK characters, with a space between words, and a word hyphenated at the line end (`produc-` +
//!   `tivity`, a lower-case letter after) joined without its hyphen.
//! - **Boilerplate**: page numbers (`3`, `- 3 -`, `第3页`, `Page 3 of 9`, `3/9`) among the first or last two lines
//!   of a page, and running headers and footers (a line among those that is not body text and that, with its
//!   numbers ignored, repeats on at least half of the pages and on at least 2; a one-page PDF keeps its header)
//!   are removed; the document is flagged with how many.
//! - **Not read**: a PDF that needs a password (`encrypted`), one with no text at all (`no text layer (scanned
//!   image?)`). One that opens with the empty user password (only its permissions are protected) is read and
//!   flagged. A text layer with unreadable characters (U+FFFD, private-use characters) is flagged with their
//!   share, and fails when more than half of its characters are unreadable.
//! - Text drawn inside form XObjects and annotations is not read.

use lopdf::content::Content;
use lopdf::{Dictionary, Document, Encoding, Object};
use std::collections::{BTreeMap, HashMap};

/// The largest decompressed content of one page that is read (lopdf's bound on decompression).
const MAX_PAGE_CONTENT: usize = 64 << 20;

/// Share of unreadable characters above which the text layer is not counted at all.
pub const GARBLED_FAIL_SHARE: f64 = 0.5;

/// The text of a PDF and what is worth knowing about it.
#[derive(Debug, Default)]
pub struct Pdf {
    /// The text, pages joined.
    pub text: String,
    /// Flags (`boilerplate removed: ...`, `garbled text layer: ...`).
    pub flags: Vec<String>,
    /// Number of pages.
    pub pages: usize,
}

/// Read the PDF in `bytes`. `Err` is the reason it cannot be counted (`encrypted: ...`, `no text layer ...`).
pub fn read_pdf(bytes: &[u8]) -> Result<Pdf, String> {
    let options = lopdf::LoadOptions { max_decompressed_size: Some(MAX_PAGE_CONTENT), ..lopdf::LoadOptions::default() };
    let doc = Document::load_mem_with_options(bytes, options).map_err(|e| {
        let tail = &bytes[bytes.len().saturating_sub(1024)..];
        let cut = if memchr::memmem::find(tail, b"%%EOF").is_none() {
            " (no %%EOF at its end: the file seems truncated)"
        } else {
            ""
        };
        format!("cannot read the PDF: {e}{cut}")
    })?;
    let mut flags = Vec::new();
    if doc.encryption_state.is_some() {
        flags.push("encrypted with an empty user password (permissions only): read".to_string());
    } else if doc.trailer.get(b"Encrypt").is_ok() {
        return Err("encrypted: a password is needed to open it".to_string());
    }
    match doc.xref_recovery {
        Some(lopdf::xref::XrefRecovery::Reconstructed) => flags
            .push("broken cross-reference table: rebuilt by scanning the file (objects may be missing)".to_string()),
        Some(_) => flags.push("cross-reference offsets were wrong: corrected".to_string()),
        None => {}
    }
    let page_ids = doc.get_pages();
    if page_ids.is_empty() {
        return Err("no pages (broken or empty PDF)".to_string());
    }
    let mut pages = Vec::with_capacity(page_ids.len());
    // Every font of the document read once (a ToUnicode map is parsed once, not once per page).
    let mut unique: Vec<(&Dictionary, Vec<u8>)> = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for &id in page_ids.values() {
        for (name, d) in doc.get_page_fonts(id).unwrap_or_default() {
            if seen.insert(std::ptr::from_ref(d)) {
                unique.push((d, name));
            }
        }
    }
    let stripped: Vec<Dictionary> = unique
        .iter()
        .map(|(d, _)| {
            let mut d = (*d).clone();
            d.remove(b"Encoding");
            d
        })
        .collect();
    let mut unreadable_fonts = std::collections::BTreeSet::new();
    let mut cache = FontCache { fonts: Vec::new(), index: HashMap::new() };
    for (i, ((dict, name), stripped)) in unique.iter().zip(&stripped).enumerate() {
        let (f, readable) = font(&doc, dict, Some(stripped));
        if !readable {
            unreadable_fonts.insert(
                name_of(dict, b"BaseFont", &doc)
                    .map(|n| String::from_utf8_lossy(&n).into_owned())
                    .unwrap_or_else(|| String::from_utf8_lossy(name).into_owned()),
            );
        }
        cache.fonts.push(f);
        cache.index.insert(std::ptr::from_ref(*dict), i);
    }
    let mut page_errors = Vec::new();
    for (&number, &id) in &page_ids {
        match page_lines(&doc, id, &cache) {
            Ok(lines) => pages.push(lines),
            Err(e) => {
                page_errors.push(format!("page {number}: {e}"));
                pages.push(Vec::new());
            }
        }
    }
    if !page_errors.is_empty() {
        let n = page_errors.len();
        let first = &page_errors[0];
        flags.push(format!("{n} page{} not read: {first}", if n == 1 { "" } else { "s" }));
    }
    let (removed_running, removed_numbers) = remove_boilerplate(&mut pages);
    if removed_running + removed_numbers > 0 {
        flags.push(format!(
            "boilerplate removed: {removed_running} running header/footer lines, {removed_numbers} page numbers"
        ));
    }
    let text = join_pages(&pages);
    if text.trim().is_empty() {
        return Err(if page_errors.is_empty() {
            "no text layer (scanned image?)".to_string()
        } else {
            format!("no text could be read: {}", page_errors[0])
        });
    }
    let (bad, all) = unreadable(&text);
    if bad > 0 {
        let share = bad as f64 / all as f64;
        let fonts = if unreadable_fonts.is_empty() {
            String::new()
        } else {
            let names: Vec<&str> = unreadable_fonts.iter().map(String::as_str).collect();
            format!("; fonts without a ToUnicode map: {}", names.join(", "))
        };
        let what = format!(
            "garbled text layer: {bad} of {all} characters unreadable ({:.1}%, replacement or private-use){fonts}",
            share * 100.0
        );
        if share > GARBLED_FAIL_SHARE {
            return Err(what);
        }
        flags.push(what);
    }
    Ok(Pdf { text, flags, pages: page_ids.len() })
}

/// Unreadable characters (U+FFFD, private-use, controls other than white space) and all non-space characters.
fn unreadable(text: &str) -> (usize, usize) {
    let mut bad = 0;
    let mut all = 0;
    for c in text.chars().filter(|c| !c.is_whitespace()) {
        all += 1;
        let private = matches!(c as u32, 0xE000..=0xF8FF | 0xF0000..=0xFFFFD | 0x100000..=0x10FFFD);
        bad += usize::from(c == '\u{FFFD}' || private || c.is_control());
    }
    (bad, all.max(1))
}

/// How a font's codes become text.
enum Decoder<'a> {
    Lopdf(Encoding<'a>),
    Gbk,
    /// Codes of this many bytes that map to nothing.
    Unreadable(usize),
}

struct Font<'a> {
    decoder: Decoder<'a>,
    /// Bytes per code (1 for simple fonts, 2 for composite fonts; GBK: 1 or 2).
    code_len: usize,
    /// Glyph widths in thousandths of the font size, by code.
    widths: HashMap<u32, f32>,
    default_width: f32,
}

impl Font<'_> {
    /// The text of a string operand, and its width in thousandths of the font size (and its number of codes,
    /// and how many were single-byte spaces, for word spacing).
    fn decode(&self, bytes: &[u8]) -> (String, f32, usize) {
        let mut width = 0.0;
        let mut spaces = 0;
        let mut i = 0;
        while i < bytes.len() {
            let len = match self.decoder {
                Decoder::Gbk if bytes[i] < 0x80 => 1,
                _ => self.code_len.min(bytes.len() - i),
            };
            let code = bytes[i..i + len].iter().fold(0u32, |a, &b| a << 8 | u32::from(b));
            width += self.widths.get(&code).copied().unwrap_or(self.default_width);
            spaces += usize::from(len == 1 && code == 32);
            i += len;
        }
        let text = match &self.decoder {
            Decoder::Lopdf(enc) => enc.bytes_to_string(bytes).unwrap_or_else(|_| "\u{FFFD}".repeat(bytes.len())),
            Decoder::Gbk => encoding_rs::GBK.decode_without_bom_handling(bytes).0.into_owned(),
            Decoder::Unreadable(n) => "\u{FFFD}".repeat(bytes.len().div_ceil(*n)),
        };
        (text, width, spaces)
    }
}

/// The fonts of a document, each read once, found by the address of their dictionary in the document.
struct FontCache<'a> {
    fonts: Vec<Font<'a>>,
    index: HashMap<*const Dictionary, usize>,
}

fn name_of(dict: &Dictionary, key: &[u8], doc: &Document) -> Option<Vec<u8>> {
    dict.get_deref(key, doc).ok().and_then(|o| o.as_name().ok()).map(<[u8]>::to_vec)
}

fn number(o: &Object) -> Option<f32> {
    o.as_float().ok()
}

fn deref<'a>(doc: &'a Document, o: &'a Object) -> &'a Object {
    doc.dereference(o).map(|(_, o)| o).unwrap_or(o)
}

/// The decoder and widths of a font dictionary; `clones` keeps the dictionaries that lopdf decodes from.
fn font<'a>(doc: &'a Document, dict: &'a Dictionary, stripped: Option<&'a Dictionary>) -> (Font<'a>, bool) {
    let subtype = name_of(dict, b"Subtype", doc).unwrap_or_default();
    let has_to_unicode = dict.get_deref(b"ToUnicode", doc).and_then(Object::as_stream).is_ok();
    let mut widths = HashMap::new();
    if subtype == b"Type0" {
        let encoding = name_of(dict, b"Encoding", doc).unwrap_or_default();
        let descendant = dict
            .get_deref(b"DescendantFonts", doc)
            .and_then(Object::as_array)
            .ok()
            .and_then(|a| a.first())
            .and_then(|o| deref(doc, o).as_dict().ok());
        let mut default_width = 1000.0;
        if let Some(cid) = descendant {
            default_width = cid.get_deref(b"DW", doc).ok().and_then(number).unwrap_or(1000.0);
            if let Ok(w) = cid.get_deref(b"W", doc).and_then(Object::as_array) {
                cid_widths(doc, w, &mut widths);
            }
        }
        let gbk =
            matches!(encoding.as_slice(), b"GBK-EUC-H" | b"GB-EUC-H" | b"GBpc-EUC-H" | b"GBKp-EUC-H" | b"GBK2K-H");
        let (decoder, readable) = if has_to_unicode {
            // The font without its /Encoding, so that lopdf decodes through /ToUnicode.
            match stripped.map(|d| d.get_font_encoding(doc)) {
                Some(Ok(enc)) => (Decoder::Lopdf(enc), true),
                _ => (Decoder::Unreadable(2), false),
            }
        } else if matches!(encoding.as_slice(), b"UniGB-UCS2-H" | b"UniGB-UTF16-H") {
            match dict.get_font_encoding(doc) {
                Ok(enc) => (Decoder::Lopdf(enc), true),
                Err(_) => (Decoder::Unreadable(2), false),
            }
        } else if gbk {
            (Decoder::Gbk, true)
        } else {
            (Decoder::Unreadable(2), false)
        };
        return (Font { decoder, code_len: 2, widths, default_width }, readable);
    }
    let first = dict.get_deref(b"FirstChar", doc).ok().and_then(number).unwrap_or(0.0) as u32;
    if let Ok(w) = dict.get_deref(b"Widths", doc).and_then(Object::as_array) {
        for (i, o) in w.iter().enumerate() {
            if let Some(v) = number(deref(doc, o)) {
                widths.insert(first + i as u32, v);
            }
        }
    }
    let decoder = match dict.get_font_encoding(doc) {
        Ok(enc) => Decoder::Lopdf(enc),
        Err(_) => Decoder::Unreadable(1),
    };
    let readable = !matches!(decoder, Decoder::Unreadable(_));
    (Font { decoder, code_len: 1, widths, default_width: 500.0 }, readable)
}

/// The `/W` array of a CID font: `c [w1 w2 ...]` and `c_first c_last w`.
fn cid_widths(doc: &Document, w: &[Object], out: &mut HashMap<u32, f32>) {
    let mut i = 0;
    while i < w.len() {
        let first = number(deref(doc, &w[i])).unwrap_or(0.0).max(0.0) as u32;
        match w.get(i + 1).map(|o| deref(doc, o)) {
            Some(Object::Array(list)) => {
                for (k, o) in list.iter().enumerate().take(65_536) {
                    if let Some(v) = number(deref(doc, o)) {
                        out.insert(first.saturating_add(k as u32), v);
                    }
                }
                i += 2;
            }
            Some(last) => {
                let last = number(last).unwrap_or(0.0).max(0.0) as u32;
                let width = w.get(i + 2).and_then(|o| number(deref(doc, o))).unwrap_or(1000.0);
                for c in first..=last.min(first.saturating_add(65_535)) {
                    out.insert(c, width);
                }
                i += 3;
            }
            None => break,
        }
    }
}

type Matrix = [f32; 6];
const IDENTITY: Matrix = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0];

/// `a × b` (apply `a`, then `b`), as PDF matrices compose.
fn mul(a: &Matrix, b: &Matrix) -> Matrix {
    [
        a[0] * b[0] + a[1] * b[2],
        a[0] * b[1] + a[1] * b[3],
        a[2] * b[0] + a[3] * b[2],
        a[2] * b[1] + a[3] * b[3],
        a[4] * b[0] + a[5] * b[2] + b[4],
        a[4] * b[1] + a[5] * b[3] + b[5],
    ]
}

/// A piece of text drawn at one place: start and end x, baseline y, font height (all in page space).
struct Run {
    x0: f32,
    x1: f32,
    y: f32,
    size: f32,
    text: String,
}

/// One line of a page: its text and right edge.
#[derive(Clone, Debug)]
pub(crate) struct Line {
    text: String,
    x0: f32,
    x1: f32,
    size: f32,
}

fn operands(op: &lopdf::content::Operation) -> Vec<f32> {
    op.operands.iter().filter_map(number).collect()
}

/// The lines of one page, in drawing order.
fn page_lines(doc: &Document, page: lopdf::ObjectId, fonts: &FontCache) -> Result<Vec<Line>, String> {
    let font_dicts = doc.get_page_fonts(page).map_err(|e| e.to_string())?;
    let fonts: BTreeMap<Vec<u8>, &Font> = font_dicts
        .iter()
        .filter_map(|(name, d)| fonts.index.get(&std::ptr::from_ref(*d)).map(|&i| (name.clone(), &fonts.fonts[i])))
        .collect();
    let content = doc.get_page_content_with_limit(page, MAX_PAGE_CONTENT).map_err(|e| e.to_string())?;
    let content = Content::decode(&content).map_err(|e| format!("content stream: {e}"))?;

    let mut runs: Vec<Run> = Vec::new();
    let mut ctm = IDENTITY;
    let mut stack: Vec<Matrix> = Vec::new();
    let (mut tm, mut tlm) = (IDENTITY, IDENTITY);
    let (mut leading, mut char_space, mut word_space, mut hscale, mut size) = (0.0f32, 0.0f32, 0.0f32, 1.0f32, 0.0f32);
    let mut font: Option<&Font> = None;
    for op in &content.operations {
        let nums = || operands(op);
        match op.operator.as_str() {
            "q" => stack.push(ctm),
            "Q" => ctm = stack.pop().unwrap_or(IDENTITY),
            "cm" => {
                if let [a, b, c, d, e, f] = nums()[..] {
                    ctm = mul(&[a, b, c, d, e, f], &ctm);
                }
            }
            "BT" => (tm, tlm) = (IDENTITY, IDENTITY),
            "Tf" => {
                font = op.operands.first().and_then(|o| o.as_name().ok()).and_then(|n| fonts.get(n).copied());
                size = op.operands.get(1).and_then(number).unwrap_or(0.0);
            }
            "TL" => leading = nums().first().copied().unwrap_or(0.0),
            "Tc" => char_space = nums().first().copied().unwrap_or(0.0),
            "Tw" => word_space = nums().first().copied().unwrap_or(0.0),
            "Tz" => hscale = nums().first().copied().unwrap_or(100.0) / 100.0,
            "Tm" => {
                if let [a, b, c, d, e, f] = nums()[..] {
                    tm = [a, b, c, d, e, f];
                    tlm = tm;
                }
            }
            "Td" | "TD" => {
                if let [tx, ty] = nums()[..] {
                    if op.operator == "TD" {
                        leading = -ty;
                    }
                    tlm = mul(&[1.0, 0.0, 0.0, 1.0, tx, ty], &tlm);
                    tm = tlm;
                }
            }
            "T*" => {
                tlm = mul(&[1.0, 0.0, 0.0, 1.0, 0.0, -leading], &tlm);
                tm = tlm;
            }
            "Tj" | "TJ" | "'" | "\"" => {
                if op.operator != "Tj" && op.operator != "TJ" {
                    tlm = mul(&[1.0, 0.0, 0.0, 1.0, 0.0, -leading], &tlm);
                    tm = tlm;
                }
                let Some(f) = font else { continue };
                let parts: Vec<&Object> = match op.operator.as_str() {
                    "TJ" => op.operands.first().and_then(|o| o.as_array().ok()).map(|a| a.iter().collect()),
                    "\"" => op.operands.get(2).map(|o| vec![o]),
                    _ => op.operands.first().map(|o| vec![o]),
                }
                .unwrap_or_default();
                let start = mul(&tm, &ctm);
                let scale = (start[2] * start[2] + start[3] * start[3]).sqrt().max(1e-6);
                let height = size.abs() * scale;
                let mut text = String::new();
                for part in parts {
                    match part {
                        Object::String(bytes, _) => {
                            let (t, w, spaces) = f.decode(bytes);
                            let codes = t.chars().count() as f32;
                            let tx = (w / 1000.0 * size + char_space * codes + word_space * spaces as f32) * hscale;
                            tm = mul(&[1.0, 0.0, 0.0, 1.0, tx, 0.0], &tm);
                            text.push_str(&t);
                        }
                        other => {
                            if let Some(n) = number(other) {
                                let tx = -n / 1000.0 * size * hscale;
                                tm = mul(&[1.0, 0.0, 0.0, 1.0, tx, 0.0], &tm);
                                // A move of more than a fifth of the font size between Latin letters is a space.
                                if n < -200.0 && text.chars().last().is_some_and(|c| !is_cjk(c) && !c.is_whitespace()) {
                                    text.push(' ');
                                }
                            }
                        }
                    }
                }
                let end = mul(&tm, &ctm);
                runs.push(Run { x0: start[4], x1: end[4], y: start[5], size: height, text });
            }
            _ => {}
        }
    }
    Ok(lines(runs))
}

fn is_cjk(c: char) -> bool {
    matches!(c as u32, 0x2E80..=0x9FFF | 0xF900..=0xFAFF | 0xFF00..=0xFFEF | 0x20000..=0x3FFFF)
}

/// Runs grouped into lines: a run on another baseline (off by more than half the font size) starts a new line.
fn lines(runs: Vec<Run>) -> Vec<Line> {
    let mut out: Vec<Line> = Vec::new();
    let mut last: Option<(f32, f32)> = None; // baseline y, right edge x of the previous run
    for run in runs {
        if run.text.is_empty() {
            continue;
        }
        let tolerance = run.size.max(1e-3) * 0.5;
        match (last, out.last_mut()) {
            (Some((y, x1)), Some(line)) if (run.y - y).abs() <= tolerance => {
                let gap = run.x0 - x1;
                let prev = line.text.chars().last();
                let next = run.text.chars().next();
                let latin = prev.is_some_and(|c| !is_cjk(c) && !c.is_whitespace())
                    && next.is_some_and(|c| !is_cjk(c) && !c.is_whitespace());
                if latin && (gap > run.size * 0.2 || gap < -run.size) {
                    line.text.push(' ');
                }
                line.text.push_str(&run.text);
                line.x0 = line.x0.min(run.x0);
                line.x1 = line.x1.max(run.x1);
                line.size = line.size.max(run.size);
            }
            _ => out.push(Line { text: run.text.clone(), x0: run.x0, x1: run.x1, size: run.size }),
        }
        last = Some((run.y, run.x1));
    }
    for line in &mut out {
        let trimmed = line.text.trim_end().len();
        line.text.truncate(trimmed);
    }
    out.retain(|l| !l.text.trim().is_empty());
    out
}

/// A line that is only a page number: `3`, `- 3 -`, `— 3 —`, `第3页`, `第 3 页 共 9 页`, `Page 3`, `Page 3 of 9`,
/// `3/9`, `3 / 9`.
pub(crate) fn is_page_number(line: &str) -> bool {
    let t: String = line.chars().filter(|c| !c.is_whitespace()).collect::<String>().to_lowercase();
    let t = t.trim_matches(|c| matches!(c, '-' | '—' | '–' | '·' | '•'));
    if t.is_empty() || !t.chars().any(|c| c.is_ascii_digit()) {
        return false;
    }
    let t = t.strip_prefix("page").unwrap_or(t);
    let core: String = t.chars().filter(|c| !matches!(c, '第' | '页' | '共' | '/' | 'o' | 'f')).collect();
    core.chars().all(|c| c.is_ascii_digit()) && core.len() <= 8
}

/// A line with each run of digits replaced by `#`, white space dropped: running headers and footers differ only
/// by their page number (`3/13`, `13/13`).
fn shape(line: &str) -> String {
    let mut out = String::new();
    for c in line.chars().filter(|c| !c.is_whitespace()) {
        if !c.is_ascii_digit() {
            out.push(c);
        } else if !out.ends_with('#') {
            out.push('#');
        }
    }
    out
}

/// The right edge of a page's text: the largest right end that at least two lines reach (within half a font
/// size), so that one line drawn further right (a right-aligned page number, a wide table) does not move it;
/// the largest right end when no two lines agree.
fn right_edge(page: &[Line]) -> f32 {
    let mut ends: Vec<(f32, f32)> = page.iter().map(|l| (l.x1, l.size.max(1.0) * 0.5)).collect();
    ends.sort_by(|a, b| b.0.total_cmp(&a.0));
    let found = ends.iter().enumerate().find(|(i, (x, tol))| ends.iter().skip(i + 1).any(|(y, _)| x - y <= *tol));
    found.map(|(_, (x, _))| *x).or_else(|| ends.first().map(|e| e.0)).unwrap_or(0.0)
}

/// Remove page numbers and running headers/footers from the first and last lines of each page. Returns how many
/// running lines and page numbers were removed.
fn remove_boilerplate(pages: &mut [Vec<Line>]) -> (usize, usize) {
    const EDGE: usize = 2;
    // A running line is short, and not a line of body text (the page's usual font size, from the left margin to
    // the right edge), which may well repeat at the top of pages in a repetitive table or list.
    let short = |page: &[Line], line: &Line| {
        let (left, right, size) = body_box(page);
        let body = (line.size - size).abs() <= size * 0.1
            && line.x0 <= left + 3.0 * size
            && line.x1 >= right - FULL_LINE_SLACK * size;
        line.text.chars().count() <= 200 && !body
    };
    let mut seen: HashMap<String, usize> = HashMap::new();
    for page in pages.iter() {
        let n = page.len();
        let mut shapes: Vec<String> = page
            .iter()
            .enumerate()
            .filter(|(i, l)| (*i < EDGE || *i + EDGE >= n) && short(page, l))
            .map(|(_, l)| shape(&l.text))
            .collect();
        shapes.sort();
        shapes.dedup();
        for s in shapes {
            *seen.entry(s).or_default() += 1;
        }
    }
    let needed = pages.len().div_ceil(2).max(2);
    let (mut running, mut numbers) = (0, 0);
    for page in pages.iter_mut() {
        let n = page.len();
        let mut keep = vec![true; n];
        for (i, line) in page.iter().enumerate() {
            if i >= EDGE && i + EDGE < n {
                continue;
            }
            if is_page_number(&line.text) {
                keep[i] = false;
                numbers += 1;
            } else if short(page, line) && seen.get(&shape(&line.text)).is_some_and(|&k| k >= needed) {
                keep[i] = false;
                running += 1;
            }
        }
        let mut k = keep.into_iter();
        page.retain(|_| k.next().unwrap_or(true));
    }
    (running, numbers)
}

/// The left margin, right edge ([`right_edge`]) and usual font size (that of most characters) of a page's text.
fn body_box(page: &[Line]) -> (f32, f32, f32) {
    let mut sizes: BTreeMap<i64, usize> = BTreeMap::new();
    for l in page {
        *sizes.entry((l.size * 2.0).round() as i64).or_default() += l.text.chars().count();
    }
    let size = sizes.iter().max_by_key(|(s, n)| (**n, **s)).map_or(12.0, |(s, _)| *s as f32 / 2.0).max(1.0);
    let left = page.iter().map(|l| l.x0).fold(f32::MAX, f32::min);
    (left, right_edge(page), size)
}

/// How far, in font sizes, a line may end left of the right edge and still be a full line that continues: line
/// breaking leaves up to a few characters' room (a number or a word that does not fit, punctuation kept off the
/// start of the next line).
const FULL_LINE_SLACK: f32 = 4.0;

/// The pages' lines as one text. A line reaching the right edge of the document's text continues on the next line
/// (the next page's first line, for a page's last line): joined, without a break (CJK), with a space (Latin), or
/// without the hyphen of a hyphenated word. Other lines end with a line break; pages are separated by a line break.
fn join_pages(pages: &[Vec<Line>]) -> String {
    let mut out = String::new();
    let mut open = false; // the text so far ends with a line that continues
                          // One edge for the whole document: a page with a single full line (the end of a chapter) has the same width.
    let all: Vec<Line> = pages.iter().flatten().cloned().collect();
    let right = right_edge(&all);
    for page in pages {
        for line in page {
            let text = line.text.trim();
            if open {
                join(&mut out, text);
            } else {
                if !out.is_empty() {
                    out.push('\n');
                }
                out.push_str(text);
            }
            // A line ending a sentence continues only when it is really full: the punctuation at the edge.
            let slack = if ends_sentence(text) { 1.0 } else { FULL_LINE_SLACK };
            open = line.x1 >= right - line.size.max(1.0) * slack;
        }
    }
    if !out.is_empty() {
        out.push('\n');
    }
    out
}

/// A line ending with a Chinese full stop, exclamation or question mark, colon or semicolon.
fn ends_sentence(line: &str) -> bool {
    line.ends_with(['。', '！', '？', '：', '；'])
}

fn join(out: &mut String, next: &str) {
    let prev = out.chars().last();
    let first = next.chars().next();
    let hyphenated = out.ends_with('-')
        && out.chars().rev().nth(1).is_some_and(char::is_alphabetic)
        && first.is_some_and(char::is_lowercase);
    if hyphenated {
        out.pop();
    } else if prev.is_some_and(|c| !is_cjk(c)) && first.is_some_and(|c| !is_cjk(c)) {
        out.push(' ');
    }
    out.push_str(next);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(text: &str, x0: f32, x1: f32) -> Line {
        Line { text: text.to_string(), x0, x1, size: 12.0 }
    }

    #[test]
    fn page_numbers_and_not() {
        for yes in ["3", "- 3 -", "— 12 —", "第3页", "第 3 页 共 9 页", "Page 3", "page 3 of 9", "3/9", "3 / 9"]
        {
            assert!(is_page_number(yes), "{yes}");
        }
        for no in ["", "-", "3.5%", "2025年", "第三页", "Page three", "8500亿元", "1.2 3.4"] {
            assert!(!is_page_number(no), "{no}");
        }
    }

    #[test]
    fn running_line_shapes_ignore_page_numbers() {
        assert_eq!(shape("file:///a/b.html 3/13"), shape("file:///a/b.html 13/13"));
        assert_ne!(shape("政府工作报告"), shape("政府工作报告 附件"));
    }

    #[test]
    fn lines_join_by_script_and_hyphen() {
        let full = |t: &str| line(t, 72.0, 520.0);
        let pages = vec![
            vec![
                full("发展人工"),
                line("智能产业。", 72.0, 200.0),
                full("The govern-"),
                full("ment will build"),
                full("a grid"),
            ],
            vec![line("and more.", 72.0, 150.0), full("新质生产力"), line("加快发展。", 72.0, 150.0)],
        ];
        assert_eq!(
            join_pages(&pages),
            "发展人工智能产业。\nThe government will build a grid and more.\n新质生产力加快发展。\n"
        );
    }

    #[test]
    fn the_right_edge_ignores_one_line_further_right() {
        let page = vec![line("a", 72.0, 520.0), line("b", 72.0, 519.0), line("3/13", 500.0, 560.0)];
        assert_eq!(right_edge(&page), 520.0);
        let mut pages = vec![page.clone(), page.clone(), page];
        assert_eq!(remove_boilerplate(&mut pages), (0, 3));
    }

    #[test]
    fn running_headers_need_two_pages_and_are_not_body_lines() {
        let body = |t: &str| line(t, 72.0, 520.0);
        let header = line("某某省人民政府公报", 200.0, 300.0);
        let mut one = vec![vec![header.clone(), body("正文第一行"), body("正文第二行")]];
        assert_eq!(remove_boilerplate(&mut one), (0, 0));
        let mut two = vec![
            vec![header.clone(), body("正文第一行"), body("正文第二行")],
            vec![header, body("正文第一行"), body("正文第二行")],
        ];
        // The header goes; the body lines repeated at the top of both pages stay.
        assert_eq!(remove_boilerplate(&mut two), (2, 0));
        assert_eq!(two[0].len(), 2);
    }
}
