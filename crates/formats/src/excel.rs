//! A table as an Excel workbook.

use std::path::Path;

use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, Workbook};

use crate::table::{ColumnType, Table};
use crate::FormatsError;

/// Rows of one sheet, the header included (Excel's limit).
pub const EXCEL_MAX_ROWS: usize = 1_048_576;
/// Longest text of one cell, in characters (Excel's limit).
const MAX_CELL_CHARS: usize = 32_767;

/// Write `table` as an Excel workbook at `path`: the header in bold and frozen, numbers as numbers (the same
/// typing as [`Table::column_type`]), empty cells left empty. A table of more rows than a sheet holds continues on
/// sheets `name (2)`, `name (3)`…, each with the header. A cell over Excel's 32,767 characters is an error naming
/// its row and column, never cut. The file's creation date is fixed, so the same table gives the same bytes.
pub fn write_xlsx(table: &Table, path: &Path) -> Result<(), FormatsError> {
    let xlsx_error = |source| FormatsError::Xlsx { path: path.to_path_buf(), source };
    let types: Vec<ColumnType> = (0..table.headers.len()).map(|i| table.column_type(i)).collect();
    for (r, row) in table.rows.iter().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            let len = cell.chars().count();
            if types[c] == ColumnType::Text && len > MAX_CELL_CHARS {
                return Err(FormatsError::CellTooLong {
                    path: path.to_path_buf(),
                    row: r + 1,
                    column: table.headers[c].clone(),
                    len,
                    limit: MAX_CELL_CHARS,
                });
            }
        }
    }
    let mut workbook = Workbook::new();
    let created = ExcelDateTime::from_ymd(2000, 1, 1).map_err(xlsx_error)?;
    workbook.set_properties(&DocProperties::new().set_creation_datetime(&created));
    let bold = Format::new().set_bold();
    let per_sheet = EXCEL_MAX_ROWS - 1;
    let pieces: Vec<&[Vec<String>]> =
        if table.rows.is_empty() { vec![&[][..]] } else { table.rows.chunks(per_sheet).collect() };
    for (k, rows) in pieces.into_iter().enumerate() {
        let sheet = workbook.add_worksheet();
        let base: String = table.name.chars().take(24).collect();
        let base = if base.is_empty() { "table".to_string() } else { base };
        sheet.set_name(if k == 0 { base } else { format!("{base} ({})", k + 1) }).map_err(xlsx_error)?;
        for (c, h) in table.headers.iter().enumerate() {
            sheet.write_string_with_format(0, c as u16, h, &bold).map_err(xlsx_error)?;
        }
        sheet.set_freeze_panes(1, 0).map_err(xlsx_error)?;
        for (r, row) in rows.iter().enumerate() {
            let excel_row = r as u32 + 1;
            for (c, cell) in row.iter().enumerate() {
                if cell.is_empty() {
                    continue;
                }
                let col = c as u16;
                match types[c] {
                    ColumnType::Integer | ColumnType::Number => {
                        let v: f64 = cell.parse().expect("a numeric column holds numbers");
                        sheet.write_number(excel_row, col, v).map_err(xlsx_error)?;
                    }
                    ColumnType::Text => {
                        sheet.write_string(excel_row, col, cell).map_err(xlsx_error)?;
                    }
                }
            }
        }
    }
    workbook.save(path).map_err(xlsx_error)
}
