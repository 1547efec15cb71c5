//! Word documents (`.docx`): the text of the body (`word/document.xml`) in reading order.
//!
//! - Each paragraph (`w:p`) is one line; a table's cells are paragraphs too, read row by row, cell by cell, so a
//!   table becomes its cells' lines in reading order. `w:tab` is a tab, `w:br`/`w:cr` a line break.
//! - Only `w:t` is text: deleted text of tracked changes (`w:delText`), field codes (`w:instrText`) and the
//!   fallback copy of text boxes (`mc:Fallback`, the same text again for old readers) are not read.
//! - Headers, footers, footnotes, endnotes and comments live in other parts of the package; they are not part of
//!   the body and not counted. When they hold text, the document is flagged with what was left out
//!   (`not counted: text in headers/footers (2 parts), 3 footnotes`), so nothing is dropped unsaid.
//! - A zip without `word/document.xml` is not a Word document (a zip of something else renamed): failed.

use quick_xml::events::Event;
use std::io::{Cursor, Read};

/// The largest uncompressed part read: a part larger than this (a zip bomb, or a document no report is) fails.
pub const MAX_PART_BYTES: u64 = 512 << 20;

/// A Word document's body text and what was left out of it.
#[derive(Debug, Default)]
pub struct Docx {
    /// The body's text, one line per paragraph.
    pub text: String,
    /// What was not counted, as flags (`not counted: ...`).
    pub flags: Vec<String>,
}

/// Read the `.docx` package in `bytes`. `Err` says why it is not a readable Word document.
pub fn read_docx(bytes: &[u8]) -> Result<Docx, String> {
    let mut zip =
        zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| format!("not a .docx (not a readable zip: {e})"))?;
    let names: Vec<String> = zip
        .file_names()
        .map(|n| n.map(|n| n.into_owned()))
        .collect::<Result<_, _>>()
        .map_err(|e| format!("not a .docx (unreadable file name in the zip: {e})"))?;
    if !names.iter().any(|n| n == "word/document.xml") {
        let mut shown: Vec<&str> = names.iter().map(String::as_str).take(3).collect();
        if names.len() > 3 {
            shown.push("...");
        }
        return Err(format!("not a Word document: no word/document.xml in the zip (it holds {})", shown.join(", ")));
    }
    let body = part(&mut zip, "word/document.xml")?;
    let text = body_text(&body).map_err(|e| format!("word/document.xml: {e}"))?;

    let mut left_out = Vec::new();
    let mut sorted = names.clone();
    sorted.sort();
    let with_text = |zip: &mut zip::ZipArchive<Cursor<&[u8]>>, prefix: &[&str]| -> Result<usize, String> {
        let mut n = 0;
        for name in sorted.iter().filter(|n| prefix.iter().any(|p| n.starts_with(p) && n.ends_with(".xml"))) {
            let xml = part(zip, name)?;
            if !body_text(&xml).map_err(|e| format!("{name}: {e}"))?.trim().is_empty() {
                n += 1;
            }
        }
        Ok(n)
    };
    let headers = with_text(&mut zip, &["word/header", "word/footer"])?;
    if headers > 0 {
        left_out.push(format!("text in headers/footers ({headers} part{})", if headers == 1 { "" } else { "s" }));
    }
    for (name, what) in
        [("word/footnotes.xml", "footnote"), ("word/endnotes.xml", "endnote"), ("word/comments.xml", "comment")]
    {
        if names.iter().any(|n| n == name) {
            let xml = part(&mut zip, name)?;
            let n = notes_with_text(&xml).map_err(|e| format!("{name}: {e}"))?;
            if n > 0 {
                left_out.push(format!("{n} {what}{}", if n == 1 { "" } else { "s" }));
            }
        }
    }
    let mut flags = Vec::new();
    if !left_out.is_empty() {
        flags.push(format!("not counted: {}", left_out.join(", ")));
    }
    Ok(Docx { text, flags })
}

/// The uncompressed text of one part of the package.
fn part(zip: &mut zip::ZipArchive<Cursor<&[u8]>>, name: &str) -> Result<String, String> {
    let file = zip.by_name(name).map_err(|e| format!("{name}: {e}"))?;
    let mut bytes = Vec::new();
    file.take(MAX_PART_BYTES + 1).read_to_end(&mut bytes).map_err(|e| format!("{name}: {e}"))?;
    if bytes.len() as u64 > MAX_PART_BYTES {
        return Err(format!("{name}: larger than {} MiB uncompressed", MAX_PART_BYTES >> 20));
    }
    String::from_utf8(bytes).map_err(|e| format!("{name}: not UTF-8 XML ({e})"))
}

/// The character an XML entity reference stands for.
fn entity(name: &str) -> Option<char> {
    match name {
        "amp" => Some('&'),
        "lt" => Some('<'),
        "gt" => Some('>'),
        "quot" => Some('"'),
        "apos" => Some('\''),
        _ => None,
    }
}

/// The text of a WordprocessingML part: `w:t` runs, a line per paragraph.
pub fn body_text(xml: &str) -> Result<String, String> {
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut out = String::new();
    // Depth inside elements whose text is not read (mc:Fallback, w:delText, w:instrText): their w:t are skipped.
    let mut skip = 0usize;
    let mut in_t = false;
    loop {
        let event = reader.read_event().map_err(|e| format!("XML error at byte {}: {e}", reader.buffer_position()))?;
        match event {
            Event::Start(e) => match e.name().as_ref() {
                "mc:Fallback" | "w:delText" | "w:instrText" => skip += 1,
                _ if skip > 0 => {}
                "w:t" => in_t = true,
                _ => {}
            },
            Event::End(e) => match e.name().as_ref() {
                "mc:Fallback" | "w:delText" | "w:instrText" => skip = skip.saturating_sub(1),
                _ if skip > 0 => {}
                "w:t" => in_t = false,
                "w:p" => out.push('\n'),
                _ => {}
            },
            Event::Empty(e) if skip == 0 => match e.name().as_ref() {
                "w:tab" => out.push('\t'),
                "w:br" | "w:cr" => out.push('\n'),
                "w:p" => out.push('\n'),
                _ => {}
            },
            Event::Text(t) if in_t && skip == 0 => out.push_str(&t.xml10_content()),
            Event::CData(t) if in_t && skip == 0 => out.push_str(&t.into_inner()),
            Event::GeneralRef(r) if in_t && skip == 0 => {
                let c = match r.resolve_char_ref() {
                    Ok(Some(c)) => Some(c),
                    Ok(None) => entity(&r),
                    Err(e) => return Err(format!("bad character reference at byte {}: {e}", reader.buffer_position())),
                };
                match c {
                    Some(c) => out.push(c),
                    None => return Err(format!("unknown entity at byte {}", reader.buffer_position())),
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(out)
}

/// The footnotes (endnotes, comments) of a notes part that hold text; the separator notes Word writes into
/// every document (`w:type="separator"`, `continuationSeparator`) hold none and are not counted.
fn notes_with_text(xml: &str) -> Result<usize, String> {
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut n = 0;
    let (mut in_note, mut in_t, mut has_text) = (false, false, false);
    let is_note = |name: &str| matches!(name, "w:footnote" | "w:endnote" | "w:comment");
    loop {
        let event = reader.read_event().map_err(|e| format!("XML error at byte {}: {e}", reader.buffer_position()))?;
        match event {
            Event::Start(e) if is_note(e.name().as_ref()) => (in_note, has_text) = (true, false),
            Event::End(e) if is_note(e.name().as_ref()) => {
                n += usize::from(in_note && has_text);
                in_note = false;
            }
            Event::Start(e) if e.name().as_ref() == "w:t" => in_t = true,
            Event::End(e) if e.name().as_ref() == "w:t" => in_t = false,
            Event::Text(t) if in_note && in_t => has_text |= !t.xml10_content().trim().is_empty(),
            Event::GeneralRef(_) if in_note && in_t => has_text = true,
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(n)
}
