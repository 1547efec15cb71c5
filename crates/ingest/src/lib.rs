//! Reading report corpora: files and folders, encodings, CSV/JSONL/HTML, region, year and language.
//!
//! `gwr-ingest` turns input paths into documents. [`discover`] walks files and folders (sorted, deduplicated);
//! [`read_path`] reads one file into one [`Ingested`] item per document, each `ok`, `skipped` or `failed` with a
//! reason, so nothing is silently lost; it never panics.
//!
//! - **Encodings** are detected from the bytes, not the extension ([`decode`]): UTF-8 with or without BOM,
//!   UTF-16 with BOM, else by `chardetng` among GB18030/GBK, Big5, Shift_JIS, EUC-JP and windows-1252
//!   ([`SUPPORTED`]). A guess outside those, or one that leaves many invalid sequences, fails the file with the
//!   reason unless [`IngestOptions::encoding`] names the encoding. Undecodable bytes are replaced and the item
//!   flagged `lossy: N invalid sequences`. Japanese text (kana) is skipped: `not Chinese/English/French`. NUL bytes outside UTF-16 mean binary content: the file fails.
//! - **Formats**: `.csv`/`.tsv` and `.jsonl`/`.ndjson` hold one document per row (text in `full_text`, `content`
//!   or `text`, or [`IngestOptions::text_column`]; metadata in `province`/`region`, `year`, `title`,
//!   `lang`/`language`). A broken row fails alone; the source of a row is `path#N`, N the 1-based data row (CSV)
//!   or line (JSONL). A CSV quote that does not close where its field should end fails its row with the line it
//!   opens on, and reading resumes at the next line that starts a well-formed record: no row is merged into
//!   another or renumbered. File names keep their bytes: one that is not UTF-8 is written `\xff` ([`escaped_name`]). HTML (`.html`, `.htm`, or content that looks like a page) is reduced to its visible text.
//!   Workbooks ([`excel`]: `.xlsx`, `.xlsm`, `.xlsb`, `.xls`, `.ods`) hold one document per row of every sheet,
//!   with the CSV columns; the source of a row is `path#sheet!row`. Word documents ([`docx`]) and PDFs ([`pdf`],
//!   also recognised by their `%PDF-` signature) are one document each; `.doc` fails. Anything else is plain
//!   text.
//! - **Bilingual corpora**: a CSV with columns `中文` and `英文` (and `报告年份`) is a sentence-aligned table, not one
//!   document per row: each year becomes one Chinese and one English document, its sentences joined with newlines
//!   in file order; their sources end in `#2024-zh` and `#2024-en`.
//! - **Not text**: a NUL byte outside UTF-16 (`binary content (NUL byte at offset 7)`), more than one control
//!   character in ten, or more than one invalid sequence in ten characters (`invalid UTF-8 at byte 2: ...`)
//!   fail the file. A file cut in the middle of its last character is kept and flagged
//!   `truncated: incomplete UTF-8 sequence at byte N`.
//! - **Walking** ([`discover_inputs`]): fifos, sockets and devices are listed as skipped and never opened; inside a
//!   folder, a symlink is followed only to a file inside that input folder (one pointing outside, or to a folder,
//!   is listed as skipped, a dangling one as failed). A CSV/JSONL value is data, never a path: nothing read from
//!   a row is ever opened.
//! - **Skipped**: empty files and rows, tables without a data row, and NPC resolutions (a row whose year is
//!   empty/null and whose title says 决议): `not a report: resolution`.
//! - **Region** ([`place`]): at every level (national, province, prefecture, county). From the region column
//!   ([`IngestOptions::region_column`], else a city column narrowed by a province column, else a province
//!   column), else the file name, else the report's own title block (`合肥市2024年政府工作报告`,
//!   `——2026年2月5日在安徽省第十四届人民代表大会…`), else a province-level name in the heading (first 600 chars),
//!   else the folder names. A provincial-level name wins over a national one; the State Council's report is `CN`.
//!   Prefectures and counties get their six-digit adcode as region code. Not found: `unknown:<doc_id>`, flagged
//!   `region not found`; a region metadata value not in the gazetteer is kept as `x:<value>` and flagged.
//! - **Year**: the year column, else a 4-digit 19xx/20xx year in the title or file name, else the session date
//!   in the heading (`2026年2月5日在…`, also in Chinese numerals). Not found: flagged `year not found`.
//! - **Language**: [`IngestOptions::lang`], else the language column, else detected (Han share; French vs
//!   English by function words and accents).
//! - **doc_id** is the path relative to its input root plus `#row` for table rows
//!   (`provincial-2026/2026_安徽省_政府工作报告.csv#1`): stable across runs and reading orders. [`read_path`]
//!   takes the file's parent folder as part of the id; [`read_path_under`] names the root explicitly.
//!
//! # Example
//!
//! ```
//! use gwr_core::Status;
//! use gwr_ingest::{read_path, IngestOptions};
//!
//! let dir = std::env::temp_dir().join(format!("gwr-ingest-doc-{}", std::process::id()));
//! std::fs::create_dir_all(&dir)?;
//! let file = dir.join("2025年江苏省政府工作报告.txt");
//! std::fs::write(&file, "政府工作报告\n各位代表：\n现在，我代表省人民政府向大会报告工作。\n")?;
//!
//! let items = read_path(&file, &IngestOptions::default());
//! assert_eq!(items.len(), 1);
//! assert_eq!(items[0].status, Status::Ok);
//! assert_eq!(items[0].meta.region_code, "CN-JS");
//! assert_eq!(items[0].meta.region_name, "江苏省");
//! assert_eq!(items[0].meta.year, Some(2025));
//! assert_eq!(items[0].meta.encoding, "UTF-8");
//! std::fs::remove_dir_all(&dir)?;
//! Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # Crate features
//!
//! None.

mod decode;
pub mod detect;
pub mod docx;
pub mod excel;
pub mod html;
pub mod pdf;
pub mod place;
mod table;
pub mod write;

pub use decode::{decode, Decoded, SUPPORTED};
pub use encoding_rs::Encoding;

use gwr_core::{DocMeta, Lang, Status, UNKNOWN_REGION};
use std::path::{Path, PathBuf};

/// How to read inputs.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct IngestOptions {
    /// Column (CSV) or field (JSONL) holding the text; `None`: `full_text`, `content` or `text`.
    pub text_column: Option<String>,
    /// Language of every document; `None`: from metadata, else detected.
    pub lang: Option<Lang>,
    /// Encoding of the files that are neither valid UTF-8 nor start with a BOM (`--encoding`); `None`: detected,
    /// and a doubtful guess fails the file.
    pub encoding: Option<&'static Encoding>,
    /// Column (CSV) or field (JSONL) holding the region, any name; `None`: a city column (`city`, `城市`,
    /// `county`, `区县`) with a province column (`province`, `region`, `省份`, `地区`) as its hint, else the
    /// province column.
    pub region_column: Option<String>,
}

/// One document read from an input, or one input that could not be (or should not be) read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Ingested {
    /// Metadata (doc_id, source, region, year, language, encoding, title).
    pub meta: DocMeta,
    /// The decoded text (empty unless `status` is ok).
    pub text: String,
    /// Ok, skipped or failed.
    pub status: Status,
    /// Why it was skipped or failed; empty when ok.
    pub reason: String,
    /// Things worth knowing about an ok document (`lossy: 3 invalid sequences`, `region not found`...).
    pub flags: Vec<String>,
}

/// An input that cannot be walked.
#[derive(Debug, thiserror::Error)]
pub enum IngestError {
    /// An input path does not exist.
    #[error("input not found: {}", path.display())]
    Missing {
        /// The path as given.
        path: PathBuf,
    },
    /// A folder could not be listed.
    #[error("cannot read folder {}: {source}", path.display())]
    Io {
        /// The folder.
        path: PathBuf,
        /// The underlying error.
        #[source]
        source: std::io::Error,
    },
}

/// One input file found by [`discover_inputs`]: a file to read, or an entry listed with the reason it is not read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InputFile {
    /// The file as found (a symlink keeps its own path).
    pub path: PathBuf,
    /// Set when the entry is listed but not read: its status (skipped or failed) and the reason.
    pub verdict: Option<(Status, String)>,
}

impl InputFile {
    fn read(path: PathBuf) -> InputFile {
        InputFile { path, verdict: None }
    }

    fn listed(path: PathBuf, status: Status, reason: String) -> InputFile {
        InputFile { path, verdict: Some((status, reason)) }
    }
}

/// The files under `inputs`: files as given, folders walked recursively (hidden entries, whose name starts with
/// `.`, are not read inside folders). Sorted and deduplicated. A missing input is an error naming it. Entries that
/// are not read are left out: [`discover_inputs`] lists them too.
pub fn discover(inputs: &[PathBuf]) -> Result<Vec<PathBuf>, IngestError> {
    Ok(discover_inputs(inputs)?.into_iter().filter(|f| f.verdict.is_none()).map(|f| f.path).collect())
}

/// Every entry under `inputs`, sorted by path and deduplicated, each to be read or listed with why it is not:
///
/// - files named on the command line are read (a symlink named there is followed: the user named it);
/// - folders are walked recursively in sorted order; hidden entries (name starting with `.`) are `skipped`
///   (`hidden file: not read`, `hidden folder: not walked`);
/// - inside a folder, a symlink is followed only when it resolves to a file inside that input folder; one that
///   points outside is `skipped` (`symlink outside the input folder: not followed`), one to a folder is `skipped`
///   (`symlink to a folder: not followed`, so no cycle can be walked), a dangling one is `failed`;
/// - fifos, sockets and devices are `skipped` (`not a regular file`): reading them could block forever;
/// - a subfolder that cannot be listed is `failed` with the I/O error; the rest of the batch goes on.
///
/// A missing input, or an input folder that cannot be listed, is an error naming it.
pub fn discover_inputs(inputs: &[PathBuf]) -> Result<Vec<InputFile>, IngestError> {
    let mut files = Vec::new();
    for input in inputs {
        let meta = std::fs::metadata(input).map_err(|_| IngestError::Missing { path: input.clone() })?;
        if meta.is_dir() {
            let root = input.canonicalize().map_err(|source| IngestError::Io { path: input.clone(), source })?;
            let entries = std::fs::read_dir(input).map_err(|source| IngestError::Io { path: input.clone(), source })?;
            walk(input, entries, &root, &mut files);
        } else if meta.is_file() {
            files.push(InputFile::read(input.clone()));
        } else {
            files.push(InputFile::listed(input.clone(), Status::Skipped, "not a regular file".to_string()));
        }
    }
    files.sort_by(|a, b| a.path.cmp(&b.path));
    files.dedup_by(|a, b| a.path == b.path);
    Ok(files)
}

fn walk(dir: &Path, entries: std::fs::ReadDir, root: &Path, files: &mut Vec<InputFile>) {
    let mut paths = Vec::new();
    for entry in entries {
        match entry {
            Ok(entry) if entry.file_name().to_string_lossy().starts_with('.') => {
                // Hidden entries (editor swap files, .git) are not read, but listed: every input is accounted for.
                let what = if entry.file_type().is_ok_and(|t| t.is_dir()) {
                    "hidden folder: not walked"
                } else {
                    "hidden file: not read"
                };
                files.push(InputFile::listed(entry.path(), Status::Skipped, what.to_string()));
            }
            Ok(entry) => paths.push((entry.path(), entry.file_type())),
            Err(e) => files.push(InputFile::listed(
                dir.to_path_buf(),
                Status::Failed,
                format!("cannot read folder {}: {e}", dir.display()),
            )),
        }
    }
    paths.sort_by(|a, b| a.0.cmp(&b.0));
    for (path, kind) in paths {
        let kind = match kind {
            Ok(k) => k,
            Err(e) => {
                let reason = format!("cannot read {}: {e}", path.display());
                files.push(InputFile::listed(path, Status::Failed, reason));
                continue;
            }
        };
        if kind.is_dir() {
            match std::fs::read_dir(&path) {
                Ok(entries) => walk(&path, entries, root, files),
                Err(e) => {
                    let reason = format!("cannot read folder {}: {e}", path.display());
                    files.push(InputFile::listed(path, Status::Failed, reason));
                }
            }
        } else if kind.is_file() {
            files.push(InputFile::read(path));
        } else if kind.is_symlink() {
            files.push(symlink(path, root));
        } else {
            files.push(InputFile::listed(path, Status::Skipped, "not a regular file".to_string()));
        }
    }
}

/// A symlink found inside the input folder `root` (canonical).
fn symlink(path: PathBuf, root: &Path) -> InputFile {
    let target = match path.canonicalize() {
        Ok(t) => t,
        Err(e) => {
            let to = std::fs::read_link(&path).map(|t| format!(" to {}", t.display())).unwrap_or_default();
            let reason = format!("cannot read {}: broken symlink{to} ({e})", path.display());
            return InputFile::listed(path, Status::Failed, reason);
        }
    };
    if !target.starts_with(root) {
        let reason =
            format!("symlink outside the input folder: not followed ({} -> {})", path.display(), target.display());
        return InputFile::listed(path, Status::Skipped, reason);
    }
    match std::fs::metadata(&target) {
        Ok(m) if m.is_file() => InputFile::read(path),
        Ok(m) if m.is_dir() => {
            InputFile::listed(path, Status::Skipped, "symlink to a folder: not followed".to_string())
        }
        Ok(_) => InputFile::listed(path, Status::Skipped, "not a regular file".to_string()),
        Err(e) => {
            let reason = format!("cannot read {}: {e}", path.display());
            InputFile::listed(path, Status::Failed, reason)
        }
    }
}

/// Read one entry found by [`discover_inputs`]: an entry with a verdict becomes one item with that status and
/// reason, a file is read with [`read_path`].
pub fn read_input(input: &InputFile, opts: &IngestOptions) -> Vec<Ingested> {
    match &input.verdict {
        None => read_path(&input.path, opts),
        Some((status, reason)) => {
            let abs = std::path::absolute(&input.path).unwrap_or_else(|_| input.path.clone());
            let root = abs.parent().and_then(Path::parent).map(Path::to_path_buf).unwrap_or_default();
            vec![FileCtx::new(&input.path, &root).item(*status, reason.clone(), "")]
        }
    }
}

/// Ask the system to start reading the file of `input` into its cache, without waiting, so that [`read_input`]
/// finds it there later. A run calls it for the file after the ones being read: a file the system dropped from its
/// cache since it was last read then costs no wait. Only advice: it does nothing on systems other than Linux, for an
/// entry with a verdict, or when the file cannot be opened (reading it reports why).
pub fn prefetch_input(input: &InputFile) {
    #[cfg(target_os = "linux")]
    if input.verdict.is_none() {
        use std::os::fd::AsRawFd;
        if let Ok(file) = std::fs::File::open(&input.path) {
            // SAFETY: posix_fadvise only reads its integer arguments; the descriptor is open for the whole call.
            unsafe {
                libc::posix_fadvise(file.as_raw_fd(), 0, 0, libc::POSIX_FADV_WILLNEED);
            }
        }
    }
    #[cfg(not(target_os = "linux"))]
    let _ = input;
}

/// Read one file into documents. The doc_id is the file's parent folder name and file name
/// (`provincial-2026/2026_安徽省_政府工作报告.csv#1`); use [`read_path_under`] to name the input root yourself.
pub fn read_path(path: &Path, opts: &IngestOptions) -> Vec<Ingested> {
    let abs = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let root = abs.parent().and_then(Path::parent).map(Path::to_path_buf).unwrap_or_default();
    read_path_under(path, &root, opts)
}

/// Files of at least this many bytes are read in pieces of this size on the rayon pool, so that one huge file is
/// not read (the kernel's copy and the page faults of the new buffer) on one thread.
const PARALLEL_READ_BYTES: usize = 8 << 20;

/// The bytes of the file at `path`, as `std::fs::read` gives them; a large file is read in parallel pieces.
fn read_file(path: &Path) -> std::io::Result<Vec<u8>> {
    #[cfg(unix)]
    {
        use rayon::prelude::*;
        use std::io::Read;
        use std::os::unix::fs::FileExt;
        let mut file = std::fs::File::open(path)?;
        let len = usize::try_from(file.metadata()?.len()).unwrap_or(usize::MAX);
        if len >= 2 * PARALLEL_READ_BYTES && rayon::current_num_threads() > 1 {
            let mut bytes = vec![0u8; len];
            bytes
                .par_chunks_mut(PARALLEL_READ_BYTES)
                .enumerate()
                .try_for_each(|(i, piece)| file.read_exact_at(piece, (i * PARALLEL_READ_BYTES) as u64))?;
            // The file may have grown since its length was taken: read the rest as `fs::read` would.
            std::io::Seek::seek(&mut file, std::io::SeekFrom::Start(len as u64))?;
            file.read_to_end(&mut bytes)?;
            return Ok(bytes);
        }
    }
    std::fs::read(path)
}

/// Read one file into documents, with doc_ids relative to `root` (the input folder it was discovered under).
pub fn read_path_under(path: &Path, root: &Path, opts: &IngestOptions) -> Vec<Ingested> {
    let file = FileCtx::new(path, root);
    let bytes = match read_file(path) {
        Ok(b) => b,
        Err(e) => return vec![file.item(Status::Failed, format!("cannot read {}: {e}", path.display()), "")],
    };
    if bytes.is_empty() {
        return vec![file.item(Status::Skipped, "empty file".to_string(), "")];
    }
    let ext = path.extension().map(|e| e.to_string_lossy().to_lowercase()).unwrap_or_default();
    if let Some(items) = read_document_format(&file, &bytes, &ext, opts) {
        return items;
    }
    let utf16 = bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF");
    if !utf16 {
        if let Some(at) = first_nul(&bytes) {
            return vec![file.item(Status::Failed, format!("binary content (NUL byte at offset {at})"), "")];
        }
    }
    let len = bytes.len();
    // Valid UTF-8 becomes the text as it is (no copy); anything else is decoded into a new string, the bytes kept
    // for the truncation check.
    let (decoded, bytes) = match decode::decode_valid_utf8(bytes) {
        Ok(d) => (d, None),
        Err(bytes) => (decode::decode_not_utf8_as(&bytes, opts.encoding), Some(bytes)),
    };
    if let Some(doubt) = &decoded.doubt {
        return vec![file.item(Status::Failed, doubt.clone(), decoded.encoding)];
    }
    if not_text(&decoded) {
        let at = decoded.first_invalid.unwrap_or_default();
        return vec![file.item(
            Status::Failed,
            format!(
                "invalid {} at byte {at}: {} invalid sequences in {len} bytes, not text",
                decoded.encoding.trim_end_matches(" BOM"),
                decoded.invalid,
            ),
            decoded.encoding,
        )];
    }
    let controls = control_chars(&decoded.text);
    if controls >= 16 && controls.saturating_mul(10) > char_count(&decoded.text) {
        return vec![file.item(
            Status::Failed,
            format!("binary content ({controls} control characters in {len} bytes)"),
            decoded.encoding,
        )];
    }
    let mut flags = Vec::new();
    if decoded.invalid > 0 {
        let at = decoded.first_invalid.map(|b| format!(", first at byte {b}")).unwrap_or_default();
        let plural = if decoded.invalid == 1 { "" } else { "s" };
        flags.push(format!("lossy: {} invalid sequence{plural}{at}", decoded.invalid));
        if let Some(at) = bytes.as_deref().and_then(|b| truncated_at(b, decoded.encoding)) {
            flags.push(format!(
                "truncated: incomplete {} sequence at byte {at}",
                decoded.encoding.trim_end_matches(" BOM")
            ));
        }
    }
    drop(bytes);
    let encoding = decoded.encoding;
    let mut decoded_text = decoded.text;
    let bom = if decoded_text.starts_with('\u{FEFF}') { '\u{FEFF}'.len_utf8() } else { 0 };
    let text = &decoded_text[bom..];
    let text_col = opts.text_column.as_deref();
    let region_col = opts.region_column.as_deref();
    let rows = match ext.as_str() {
        "csv" => table::read_csv(text, b',', text_col, region_col),
        "tsv" => table::read_csv(text, b'\t', text_col, region_col),
        "jsonl" | "ndjson" => Ok(table::read_jsonl(text, text_col, region_col)),
        _ => {
            let body = if matches!(ext.as_str(), "html" | "htm" | "xhtml") || html::looks_like_html(text) {
                html::html_to_text(text)
            } else {
                // The decoded text itself, without its BOM (moved out in place): no copy of the text.
                decoded_text.drain(..bom);
                decoded_text
            };
            let doc = Doc { key: None, text: body, row: table::Row::default() };
            return vec![file.document(doc, encoding, &flags, opts)];
        }
    };
    match rows {
        Err(reason) => vec![file.item(Status::Failed, format!("{}: {reason}", path.display()), encoding)],
        // A table without a single row is still an input: listed, never silently dropped.
        Ok(rows) if rows.is_empty() => {
            let reason = if text.trim().is_empty() { "empty file" } else { "no data rows" };
            vec![file.item(Status::Skipped, reason.to_string(), encoding)]
        }
        Ok(rows) => rows
            .into_iter()
            .map(|mut row| {
                let text = std::mem::take(&mut row.text);
                let key = Some(row.key.clone());
                file.document(Doc { key, text, row }, encoding, &flags, opts)
            })
            .collect(),
    }
}

/// Workbooks, Word documents and PDFs (by extension; a PDF also by its `%PDF-` signature): their items, or `None`
/// for a file read as text. A reader that panics on a malformed file fails that file alone, with the panic's
/// message.
fn read_document_format(file: &FileCtx, bytes: &[u8], ext: &str, opts: &IngestOptions) -> Option<Vec<Ingested>> {
    let kind = match ext {
        "xlsx" | "xlsm" | "xlsb" | "xls" | "ods" => ext,
        "docx" => "docx",
        "doc" => {
            let reason = ".doc is not supported; save as .docx".to_string();
            return Some(vec![file.item(Status::Failed, reason, "")]);
        }
        _ if ext == "pdf" || bytes.starts_with(b"%PDF-") => "pdf",
        _ => return None,
    };
    let read = || match kind {
        "docx" => match docx::read_docx(bytes) {
            Ok(d) => {
                let doc = Doc { key: None, text: d.text, row: table::Row::default() };
                vec![file.document(doc, "docx", &d.flags, opts)]
            }
            Err(reason) => vec![file.item(Status::Failed, reason, "docx")],
        },
        "pdf" => match pdf::read_pdf(bytes) {
            Ok(p) => {
                let doc = Doc { key: None, text: p.text, row: table::Row::default() };
                vec![file.document(doc, "pdf", &p.flags, opts)]
            }
            Err(reason) => vec![file.item(Status::Failed, reason, "pdf")],
        },
        _ => read_workbook(file, bytes, kind, opts),
    };
    Some(std::panic::catch_unwind(std::panic::AssertUnwindSafe(read)).unwrap_or_else(|panic| {
        let what = panic
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| panic.downcast_ref::<String>().cloned())
            .unwrap_or_default();
        vec![file.item(Status::Failed, format!("malformed {kind} file: the reader stopped ({what})"), kind)]
    }))
}

/// The documents of a workbook: one per data row of every sheet (key `sheet!row`), a failed or skipped item for a
/// sheet that cannot be read or has no data row.
fn read_workbook(file: &FileCtx, bytes: &[u8], ext: &str, opts: &IngestOptions) -> Vec<Ingested> {
    let sheets = match excel::read_workbook(bytes, ext, opts.text_column.as_deref()) {
        Ok(s) => s,
        Err(reason) => return vec![file.item(Status::Failed, reason, ext)],
    };
    if sheets.is_empty() {
        return vec![file.item(Status::Skipped, "no sheets".to_string(), ext)];
    }
    let mut items = Vec::new();
    for sheet in sheets {
        let sheet_item = |status, reason| {
            let mut item = file.item(status, reason, ext);
            item.meta = file.meta(Some(&sheet.name), ext);
            item
        };
        match sheet.rows {
            Err(reason) => items.push(sheet_item(Status::Failed, format!("sheet {:?}: {reason}", sheet.name))),
            Ok(rows) if rows.is_empty() => items.push(sheet_item(Status::Skipped, "no data rows".to_string())),
            Ok(rows) => {
                for (mut row, row_flags) in rows.into_iter().zip(sheet.row_flags) {
                    let text = std::mem::take(&mut row.text);
                    let key = Some(row.key.clone());
                    let mut flags = sheet.flags.clone();
                    flags.extend(row_flags);
                    items.push(file.document(Doc { key, text, row }, ext, &flags, opts));
                }
            }
        }
    }
    items
}

/// Invalid sequences that make up more than a tenth of the decoded characters (and at least 16 of them): bytes
/// that are not text in any encoding we read, not text with a few bad bytes.
fn not_text(decoded: &Decoded) -> bool {
    decoded.invalid >= 16 && decoded.invalid.saturating_mul(10) > char_count(&decoded.text)
}

/// Pieces of a large text searched or counted in parallel: none (one piece, on this thread) below
/// [`decode::PARALLEL_BYTES`].
fn piece_len(len: usize) -> usize {
    if len < decode::PARALLEL_BYTES {
        len.max(1)
    } else {
        decode::PIECE_BYTES
    }
}

/// The offset of the first NUL byte; a large input is searched in parallel pieces.
fn first_nul(bytes: &[u8]) -> Option<usize> {
    first_nul_in_pieces(bytes, piece_len(bytes.len()))
}

fn first_nul_in_pieces(bytes: &[u8], piece: usize) -> Option<usize> {
    use rayon::prelude::*;
    bytes.par_chunks(piece).enumerate().find_map_first(|(i, b)| memchr::memchr(0, b).map(|at| i * piece + at))
}

/// `text.chars().count()`; a large text is counted in parallel pieces (a char is a byte that is not a
/// continuation byte, so pieces may be cut anywhere).
fn char_count(text: &str) -> usize {
    char_count_in_pieces(text, piece_len(text.len()))
}

fn char_count_in_pieces(text: &str, piece: usize) -> usize {
    use rayon::prelude::*;
    if piece >= text.len() {
        return text.chars().count();
    }
    text.as_bytes().par_chunks(piece).map(|p| p.iter().filter(|&&x| (x as i8) >= -0x40).count()).sum()
}

/// Control characters that are not white space (`char::is_control() && !char::is_whitespace()`), counted on the
/// bytes: C0 controls other than tab, line feed, vertical tab, form feed and carriage return, DEL, and the C1
/// controls (two bytes, `C2 80`..`C2 9F`) other than NEL (U+0085). A large text is counted in parallel pieces.
fn control_chars(text: &str) -> usize {
    control_chars_in_pieces(text, piece_len(text.len()))
}

fn control_chars_in_pieces(text: &str, piece: usize) -> usize {
    use rayon::prelude::*;
    let b = text.as_bytes();
    let pieces = b.len().div_ceil(piece);
    (0..pieces).into_par_iter().map(|i| control_chars_in(b, i * piece, b.len().min((i + 1) * piece))).sum()
}

/// [`control_chars`] of the characters of `b` (valid UTF-8) that start in `from..to` (a C1 control starting
/// at `to - 1` is counted, its second byte read past `to`).
fn control_chars_in(b: &[u8], from: usize, to: usize) -> usize {
    let c0 = c0_controls(&b[from..to]);
    let c1 = memchr::memchr_iter(0xC2, &b[from..to])
        .filter(|&i| b.get(from + i + 1).is_some_and(|&x| (0x80..=0x9F).contains(&x) && x != 0x85))
        .count();
    c0 + c1
}

/// The C0 controls other than `\t \n \x0B \x0C \r`, and DEL, in `bytes`: counted branch-free into a byte per
/// block of 240 bytes (a byte counter cannot overflow, and 240 is a whole number of 16-byte vectors), a loop the
/// compiler turns into vector compares and adds: 1.2 instructions per byte instead of 1.8 with 16-bit counters over
/// larger blocks (measured with cachegrind).
fn c0_controls(bytes: &[u8]) -> usize {
    let is_c0 = |x: u8| u8::from(((x < 0x20) & (x.wrapping_sub(0x09) > 0x0D - 0x09)) | (x == 0x7F));
    bytes.chunks(240).map(|block| usize::from(block.iter().fold(0u8, |n, &x| n + is_c0(x)))).sum()
}

/// Where the file ends in the middle of a character: the offset of the incomplete sequence at its very end.
fn truncated_at(bytes: &[u8], encoding: &str) -> Option<usize> {
    if encoding.starts_with("UTF-16") {
        return ((bytes.len() - 2) % 2 == 1).then_some(bytes.len() - 1);
    }
    if !encoding.starts_with("UTF-8") {
        return None;
    }
    // The last lead byte among the last three bytes; an incomplete (not invalid) sequence from there is a cut.
    let from = bytes.len().saturating_sub(3);
    let lead = (from..bytes.len()).rev().find(|&i| bytes[i] & 0xC0 != 0x80)?;
    match std::str::from_utf8(&bytes[lead..]) {
        Err(e) if e.valid_up_to() == 0 && e.error_len().is_none() => Some(lead),
        _ => None,
    }
}

/// One document before its metadata is settled.
struct Doc {
    /// Row key for table rows (`7`, `2024-zh`); `None` for a whole-file document.
    key: Option<String>,
    text: String,
    row: table::Row,
}

struct FileCtx<'p> {
    path: &'p Path,
    /// Path relative to the input root, `/`-separated.
    rel: String,
}

impl<'p> FileCtx<'p> {
    fn new(path: &'p Path, root: &Path) -> FileCtx<'p> {
        let abs = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
        let abs_root = std::path::absolute(root).unwrap_or_else(|_| root.to_path_buf());
        let rel = abs
            .strip_prefix(&abs_root)
            .ok()
            .filter(|r| !r.as_os_str().is_empty())
            .unwrap_or_else(|| Path::new(abs.file_name().unwrap_or(abs.as_os_str())));
        let rel = rel.components().map(|c| escaped_name(c.as_os_str())).collect::<Vec<_>>().join("/");
        FileCtx { path, rel }
    }

    fn meta(&self, key: Option<&str>, encoding: &str) -> DocMeta {
        let (doc_id, source) = match key {
            Some(k) => (format!("{}#{k}", self.rel), format!("{}#{k}", escaped_name(self.path.as_os_str()))),
            None => (self.rel.clone(), escaped_name(self.path.as_os_str())),
        };
        DocMeta {
            doc_id,
            source,
            region_code: UNKNOWN_REGION.to_string(),
            encoding: encoding.to_string(),
            ..DocMeta::default()
        }
    }

    /// A whole-file item that is not a document (failed or skipped).
    fn item(&self, status: Status, reason: String, encoding: &str) -> Ingested {
        Ingested { meta: self.meta(None, encoding), text: String::new(), status, reason, flags: Vec::new() }
    }

    fn document(&self, doc: Doc, encoding: &str, file_flags: &[String], opts: &IngestOptions) -> Ingested {
        let mut meta = self.meta(doc.key.as_deref(), encoding);
        let row = doc.row;
        meta.title = row.title.clone();
        let not_ok = |meta: DocMeta, status: Status, reason: String| Ingested {
            meta,
            text: String::new(),
            status,
            reason,
            flags: Vec::new(),
        };
        if let Some(error) = row.error {
            return not_ok(meta, Status::Failed, error);
        }
        let year_is_null = row.year.as_deref().is_some_and(|y| y.trim().is_empty());
        if year_is_null && row.title.as_deref().is_some_and(|t| t.contains("决议")) {
            return not_ok(meta, Status::Skipped, "not a report: resolution".to_string());
        }
        if doc.text.trim().is_empty() {
            let reason = if doc.key.is_some() { "empty text" } else { "empty file" };
            return not_ok(meta, Status::Skipped, reason.to_string());
        }
        if opts.lang.is_none() && row.lang.is_none() && looks_japanese(&doc.text) {
            return not_ok(meta, Status::Skipped, "not Chinese/English/French (Japanese kana)".to_string());
        }
        let mut flags = file_flags.to_vec();
        let name = self.path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let title = row.title.as_deref().unwrap_or_default();

        meta.year = row
            .year
            .as_deref()
            .and_then(detect::year_in_value)
            .or_else(|| detect::year_in_name(title))
            .or_else(|| detect::year_in_name(&name))
            .or_else(|| detect::year_in_heading(&doc.text));

        if row.region_column_missing {
            let column = opts.region_column.as_deref().unwrap_or_default();
            flags.push(format!("region column {column:?} not in this table"));
        }
        let folders = self.rel.rsplit_once('/').map_or("", |(dir, _)| dir);
        let found = place::identify(&place::Sources {
            column: row.region.as_deref(),
            column_hint: row.region_hint.as_deref(),
            title: row.title.as_deref(),
            title_first: doc.key.is_some(),
            file_name: &name,
            folders,
            text: &doc.text,
            year: meta.year,
        });
        flags.extend(found.flags);
        match (found.place, found.unlisted) {
            (Some(p), _) => {
                meta.region_code = p.code;
                meta.region_name = p.name;
                meta.level = p.level.as_str().to_string();
                meta.adcode = p.adcode;
                meta.parent = p.parent;
            }
            (None, Some(value)) => {
                meta.region_code = format!("x:{value}");
                meta.region_name = value;
                meta.level = UNKNOWN_REGION.to_string();
            }
            (None, None) => {
                meta.region_code = format!("{UNKNOWN_REGION}:{}", meta.doc_id);
                meta.level = UNKNOWN_REGION.to_string();
                flags.push("region not found".to_string());
            }
        }
        if meta.year.is_none() {
            flags.push("year not found".to_string());
        }

        let given = opts
            .lang
            .map(|l| (l, "--lang"))
            .or_else(|| row.lang.as_deref().and_then(Lang::parse).map(|l| (l, "the language column")));
        let (lang, note) = detect::document_lang(given, &doc.text);
        meta.lang = lang;
        flags.extend(note);

        Ingested { meta, text: doc.text, status: Status::Ok, reason: String::new(), flags }
    }
}

/// A path or file name as text that keeps every byte: valid UTF-8 as it is, except that a backslash is written
/// `\\`, and each byte that is not part of valid UTF-8 written `\xff` (two lower-case hex digits). Two different
/// names give two different texts. (`Path::display` writes U+FFFD for every bad byte, so two files whose names
/// differ only there would share a `source` and a doc_id.)
pub fn escaped_name(name: &std::ffi::OsStr) -> String {
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        let bytes = name.as_bytes();
        if let Ok(text) = std::str::from_utf8(bytes) {
            return if text.contains('\\') { text.replace('\\', "\\\\") } else { text.to_string() };
        }
        let mut out = String::with_capacity(bytes.len() + 8);
        for chunk in bytes.utf8_chunks() {
            out.push_str(&chunk.valid().replace('\\', "\\\\"));
            for b in chunk.invalid() {
                out.push_str(&format!("\\x{b:02x}"));
            }
        }
        out
    }
    #[cfg(not(unix))]
    {
        name.to_string_lossy().into_owned()
    }
}

/// Kana (hiragana, katakana) that make up more than a tenth of the letters of the start of a text: Japanese, which
/// gwr does not read (its Han characters would be counted as Chinese). Chinese text holds no kana, or a stray one.
fn looks_japanese(text: &str) -> bool {
    let mut end = text.len().min(JAPANESE_PROBE_BYTES);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let (mut kana, mut letters) = (0usize, 0usize);
    for c in text[..end].chars() {
        if matches!(c, '\u{3041}'..='\u{3096}' | '\u{30A1}'..='\u{30FA}') {
            kana += 1;
            letters += 1;
        } else if c.is_alphabetic() {
            letters += 1;
        }
    }
    kana >= 5 && kana * 10 > letters
}

/// Bytes of a text's start looked at by [`looks_japanese`].
const JAPANESE_PROBE_BYTES: usize = 16 << 10;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_large_file_read_in_parallel_pieces_is_the_file() {
        let dir = tempfile::tempdir().expect("temp dir");
        let pool = rayon::ThreadPoolBuilder::new().num_threads(2).build().expect("pool");
        // Sizes around the piece size and the threshold, and one that is not a multiple of the piece size.
        for len in [0, 1, 2 * PARALLEL_READ_BYTES - 1, 2 * PARALLEL_READ_BYTES, 3 * PARALLEL_READ_BYTES + 12_345] {
            let bytes: Vec<u8> = (0..len).map(|i| (i * 31 % 251) as u8).collect();
            let path = dir.path().join(format!("f{len}"));
            std::fs::write(&path, &bytes).expect("write");
            let read = pool.install(|| read_file(&path)).expect("read");
            assert!(read == bytes, "file of {len} bytes read back differently");
        }
        assert!(pool.install(|| read_file(&dir.path().join("missing"))).is_err());
    }

    #[test]
    fn heading_region_ignores_weak_national_names() {
        assert!(place::region_in_heading("各位代表：今年经济增速高于全国平均水平，推进中国式现代化。").is_none());
        let r = place::region_in_heading("各位代表：现在，我代表国务院，向大会报告政府工作。");
        assert_eq!(r.map(|r| r.code.as_str()), Some("CN"));
        let r = place::region_in_heading("On behalf of the State Council, I will now report to you.");
        assert_eq!(r.map(|r| r.code.as_str()), Some("CN"));
        let r = place::region_in_heading("我代表国务院向大会报告工作。重庆等地洪涝灾害频发。");
        assert_eq!(r.map(|r| r.code.as_str()), Some("CN"));
        let r = place::region_in_heading("——在安徽省第十四届人民代表大会上\n高于全国，国务院决策部署");
        assert_eq!(r.map(|r| r.code.as_str()), Some("CN-AH"));
    }

    #[test]
    fn control_chars_are_counted_like_char_by_char() {
        let reference = |t: &str| t.chars().filter(|c| c.is_control() && !c.is_whitespace()).count();
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            let t = format!("a{c}\u{C2}");
            assert_eq!(control_chars(&t), reference(&t), "U+{:04X}", c as u32);
        }
        let mixed = "\u{0}\t\n\u{b}\u{c}\r\u{1c}\u{1f} \u{7f}\u{80}\u{85}\u{9f}\u{a0}é量\u{2028}\u{feff}";
        assert_eq!(control_chars(mixed), reference(mixed));
        let long = mixed.repeat(5000);
        assert_eq!(control_chars(&long), reference(&long));
        // Only controls: every byte counter of a block reaches its largest value.
        let controls = "\u{1}\u{7f}".repeat(5000);
        assert_eq!(control_chars(&controls), 10_000);
    }

    proptest::proptest! {
        /// Counts and searches in pieces of 1 to 9 bytes, cut anywhere (inside characters too), equal the whole.
        #[test]
        fn counts_in_pieces_are_counts_of_the_whole(
            text in "[a-z\u{0}\t\n\u{1f}\u{7f}\u{80}\u{85}\u{9f}\u{a0}\u{c2}\u{e9}\u{4e00}\u{1f600}]{0,40}",
            piece in 1usize..10,
        ) {
            let reference = text.chars().filter(|c| c.is_control() && !c.is_whitespace()).count();
            proptest::prop_assert_eq!(control_chars_in_pieces(&text, piece), reference);
            proptest::prop_assert_eq!(char_count_in_pieces(&text, piece), text.chars().count());
            proptest::prop_assert_eq!(first_nul_in_pieces(text.as_bytes(), piece), memchr::memchr(0, text.as_bytes()));
        }
    }

    #[test]
    fn public_types_are_send_sync() {
        fn check<T: Send + Sync>() {}
        check::<Ingested>();
        check::<IngestOptions>();
        check::<IngestError>();
        check::<Decoded>();
    }
}
