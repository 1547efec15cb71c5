//! Workbooks (`.xlsx`, `.xlsm`, `.xlsb`, `.xls`, `.ods`), read with calamine: every sheet's rows are documents,
//! with the same columns as a CSV table (`table::Columns`).
//!
//! - **Rows**: the key is `sheet!row`, `row` the 1-based row number Excel shows, so that a doc_id
//!   (`data.xlsx#Sheet1!7`) points at the cell a user can open. Rows with no value at all are not documents (like
//!   blank CSV lines); a row with values but an empty text cell is skipped (`empty text`).
//! - **Header**: the first row holding the text column's name (one of `table::TEXT_COLUMNS`, or
//!   `--text-column`) among the first [`HEADER_SEARCH_ROWS`] non-empty rows. A header below other rows (a title
//!   line above the table) is used and every row of the sheet is flagged `header on row N`; no such row fails the
//!   sheet with the reason: the header is never guessed from the data.
//! - **Cell values**: formulas give their cached value (what Excel last computed; a formula never computed reads
//!   as empty); numbers that are whole are written without `.0`; a date in the year column gives its year, and a
//!   date-formatted cell holding a plain year (serial 1900..=2100, i.e. the user typed `2024` into a date column)
//!   gives that number, flagged. An error cell (`#REF!`) in the text column fails the row.
//! - **Merged cells** (`.xlsx`, `.xls`): a merged block holds its value in its top-left cell. A metadata cell
//!   (region, year, title, language) merged down over several rows gives its value to each row; a merged text cell
//!   is not copied (the same text counted once per row would be counted several times).
//! - **Long text**: Excel cuts a cell at 32,767 characters, and some exporters continue a longer text in the next
//!   cells of the row. A text cell of exactly that length followed, to its right, by cells under no header (an
//!   empty header cell, or past the header's last cell) is joined with them without separator (the cut falls
//!   anywhere, even inside a word), flagged `text continued over N cells`. A text cell of that length with nothing
//!   to join is flagged `text cell at Excel's 32,767-character limit: may be cut`.

use crate::table::{self, Columns, Row};
use calamine::{Data, Dimensions, Range, Reader};
use std::io::Cursor;

/// Excel's limit on the characters of one cell.
pub const CELL_LIMIT: usize = 32_767;

/// How many non-empty rows from the top of a sheet are searched for the header.
pub const HEADER_SEARCH_ROWS: usize = 10;

/// One sheet's result: its rows (documents or failed rows), or why the sheet as a whole could not be read.
pub struct Sheet {
    /// The sheet's name.
    pub name: String,
    /// Its rows, each with its key `sheet!row`; or the reason the sheet failed.
    pub rows: Result<Vec<Row>, String>,
    /// Flags of every row of the sheet (`header on row 3`).
    pub flags: Vec<String>,
    /// Per-row flags, by index into `rows`.
    pub row_flags: Vec<Vec<String>>,
}

/// Read the workbook in `bytes`; `ext` (lower case) chooses the reader. `Err` when the workbook cannot be opened.
pub fn read_workbook(bytes: &[u8], ext: &str, text_col: Option<&str>) -> Result<Vec<Sheet>, String> {
    let cursor = Cursor::new(bytes);
    let open_err = |e: &dyn std::fmt::Display| format!("cannot open the workbook: {e}");
    match ext {
        "xls" => {
            let mut wb: calamine::Xls<_> = calamine::open_workbook_from_rs(cursor).map_err(|e| open_err(&e))?;
            let names = wb.sheet_names();
            Ok(names
                .into_iter()
                .map(|name| {
                    let merges = wb.merge_cells_by_sheet_name(&name).unwrap_or_default();
                    let range = wb.worksheet_range(&name).map_err(|e| e.to_string());
                    sheet(name, range, &merges, text_col)
                })
                .collect())
        }
        "xlsb" => {
            let mut wb: calamine::Xlsb<_> = calamine::open_workbook_from_rs(cursor).map_err(|e| open_err(&e))?;
            Ok(wb
                .sheet_names()
                .into_iter()
                .map(|name| {
                    let range = wb.worksheet_range(&name).map_err(|e| e.to_string());
                    sheet(name, range, &[], text_col)
                })
                .collect())
        }
        "ods" => {
            let mut wb: calamine::Ods<_> = calamine::open_workbook_from_rs(cursor).map_err(|e| open_err(&e))?;
            Ok(wb
                .sheet_names()
                .into_iter()
                .map(|name| {
                    let range = wb.worksheet_range(&name).map_err(|e| e.to_string());
                    sheet(name, range, &[], text_col)
                })
                .collect())
        }
        _ => {
            let mut wb: calamine::Xlsx<_> = calamine::open_workbook_from_rs(cursor).map_err(|e| open_err(&e))?;
            Ok(wb
                .sheet_names()
                .into_iter()
                .map(|name| {
                    let merges = match wb.merge_cells_by_sheet_name(&name) {
                        Ok(m) => m,
                        Err(e) => return Sheet::failed(name, format!("cannot read its merged cells: {e}")),
                    };
                    let range = wb.worksheet_range(&name).map_err(|e| e.to_string());
                    sheet(name, range, &merges, text_col)
                })
                .collect())
        }
    }
}

impl Sheet {
    fn failed(name: String, reason: String) -> Sheet {
        Sheet { name, rows: Err(reason), flags: Vec::new(), row_flags: Vec::new() }
    }
}

/// The text of a cell as a CSV field would hold it.
fn cell_text(cell: &Data) -> String {
    match cell {
        Data::Empty => String::new(),
        Data::String(s) => s.clone(),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        other => other.to_string(),
    }
}

/// The year of a date cell, and whether it is really a plain year typed into a date-formatted cell.
fn date_year(cell: &Data) -> Option<(String, bool)> {
    match cell {
        Data::DateTime(d) => {
            let serial = d.as_f64();
            if serial.fract() == 0.0 && (1900.0..=2100.0).contains(&serial) {
                Some((format!("{serial}"), true))
            } else {
                Some((d.to_ymd_hms_milli().0.to_string(), false))
            }
        }
        Data::DateTimeIso(s) => Some((s.chars().take_while(char::is_ascii_digit).collect(), false)),
        _ => None,
    }
}

fn is_blank(cell: &Data) -> bool {
    match cell {
        Data::Empty => true,
        Data::String(s) => s.trim().is_empty(),
        _ => false,
    }
}

fn sheet(name: String, range: Result<Range<Data>, String>, merges: &[Dimensions], text_col: Option<&str>) -> Sheet {
    let range = match range {
        Ok(r) => r,
        Err(e) => return Sheet::failed(name, format!("cannot read the sheet: {e}")),
    };
    let Some((top, left)) = range.start() else {
        return Sheet { name, rows: Ok(Vec::new()), flags: Vec::new(), row_flags: Vec::new() };
    };
    let rows: Vec<&[Data]> = range.rows().collect();
    // The header: the first row, among the first non-empty ones, holding the text column's name.
    let mut header_at = None;
    let mut looked = 0;
    for (i, row) in rows.iter().enumerate() {
        if row.iter().all(is_blank) {
            continue;
        }
        let names: Vec<String> = row.iter().map(|c| table::header_name(&cell_text(c))).collect();
        if let Ok(columns) = Columns::find(&names, text_col) {
            header_at = Some((i, names, columns));
            break;
        }
        looked += 1;
        if looked == HEADER_SEARCH_ROWS {
            break;
        }
    }
    let Some((header_idx, header, columns)) = header_at else {
        let wanted = text_col.map_or_else(|| table::TEXT_COLUMNS.join(", "), str::to_string);
        return Sheet::failed(
            name,
            format!("no header with a text column ({wanted}) in the first {HEADER_SEARCH_ROWS} non-empty rows"),
        );
    };
    let mut flags = Vec::new();
    let header_row = top as usize + header_idx + 1;
    if rows[..header_idx].iter().any(|r| !r.iter().all(is_blank)) {
        flags.push(format!("header on row {header_row} (the rows above it are not read)"));
    }
    let named = |col: usize| header.get(col).is_some_and(|h| !h.is_empty());
    let is_metadata = |col: usize| col != columns.text && named(col);

    let mut out = Vec::new();
    let mut row_flags = Vec::new();
    for (i, cells) in rows.iter().enumerate().skip(header_idx + 1) {
        if cells.iter().all(is_blank) {
            continue;
        }
        let excel_row = top as usize + i + 1;
        let key = format!("{name}!{excel_row}");
        let mut texts: Vec<String> = cells.iter().map(cell_text).collect();
        let mut these_flags = Vec::new();
        // Merged metadata cells give their value to every row they span.
        for m in merges {
            let (r0, c0) = m.start;
            let (r1, c1) = m.end;
            let abs_row = top + i as u32;
            if abs_row <= r0 || abs_row > r1 {
                continue;
            }
            for c in c0..=c1 {
                let col = c.checked_sub(left).map(|c| c as usize);
                if let Some(col) = col.filter(|&col| col < texts.len() && is_metadata(col)) {
                    if texts[col].is_empty() {
                        if let Some(v) = range.get_value((r0, c0)) {
                            texts[col] = cell_text(v);
                        }
                    }
                }
            }
        }
        if let Some(Data::Error(e)) = cells.get(columns.text) {
            out.push(Row {
                key,
                error: Some(format!("row {excel_row}: text cell holds the error {e}")),
                ..Row::default()
            });
            row_flags.push(these_flags);
            continue;
        }
        if let Some(col) = columns.year {
            if let Some((year, typed)) = cells.get(col).and_then(date_year) {
                if typed {
                    these_flags.push(format!("year cell formatted as a date: read as the number {year}"));
                }
                texts[col] = year;
            }
        }
        // Text continued past Excel's cell limit into the next cells of the row.
        if texts.get(columns.text).is_some_and(|t| t.chars().count() == CELL_LIMIT) {
            let mut joined = 0;
            let mut col = columns.text + 1;
            while col < texts.len() && !named(col) && !texts[col].is_empty() {
                let next = std::mem::take(&mut texts[col]);
                texts[columns.text].push_str(&next);
                joined += 1;
                let full = next.chars().count() == CELL_LIMIT;
                col += 1;
                if !full {
                    break;
                }
            }
            if joined > 0 {
                these_flags.push(format!(
                    "text continued over {} cells (Excel's {CELL_LIMIT}-character cell limit), joined",
                    joined + 1
                ));
            } else {
                these_flags.push(format!("text cell at Excel's {CELL_LIMIT}-character limit: may be cut"));
            }
        }
        out.push(columns.row(key, |c| texts.get(c).map(String::as_str)));
        row_flags.push(these_flags);
    }
    Sheet { name, rows: Ok(out), flags, row_flags }
}
