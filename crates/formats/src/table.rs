//! A CSV table of an analyze output, read whole, with a storage type per column.

use std::path::{Path, PathBuf};

use crate::FormatsError;

/// How a column is stored in a typed format.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ColumnType {
    /// Every non-empty cell is an integer that fits in 32 bits (Stata `long`).
    Integer,
    /// Every non-empty cell is a number, and not all fit [`ColumnType::Integer`] (Stata `double`).
    Number,
    /// Anything else, and every column with no non-empty cell.
    Text,
}

/// Columns that stay text whatever they hold: identifiers whose digits are not quantities. `adcode` is not among
/// them: it is the numeric key users merge their statistics on.
const ALWAYS_TEXT: &[&str] =
    &["doc_id", "source", "region_code", "region_name", "concept", "sector", "term", "parent", "lang", "level"];

/// A table: a header and rows of cells, each row as long as the header.
#[derive(Clone, Debug, PartialEq)]
pub struct Table {
    /// The table's name (`scores`), used for sheet names and messages.
    pub name: String,
    /// Where it was read from (empty for a table built in memory).
    pub path: PathBuf,
    /// Column names.
    pub headers: Vec<String>,
    /// Rows of cells.
    pub rows: Vec<Vec<String>>,
}

impl Table {
    /// Read the CSV table `path` (UTF-8, with or without a BOM). Its name is the file stem.
    pub fn read(path: &Path) -> Result<Table, FormatsError> {
        let name = path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
        let read_error = |source| FormatsError::Read { path: path.to_path_buf(), source };
        let bytes = std::fs::read(path).map_err(|e| read_error(e.into()))?;
        let mut table =
            Table::parse(&name, bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes)).map_err(read_error)?;
        table.path = path.to_path_buf();
        Ok(table)
    }

    /// A table from CSV text (header first).
    pub fn from_csv_str(name: &str, csv: &str) -> Result<Table, FormatsError> {
        Table::parse(name, csv.as_bytes()).map_err(|source| FormatsError::Read { path: PathBuf::from(name), source })
    }

    fn parse(name: &str, bytes: &[u8]) -> Result<Table, csv::Error> {
        let mut reader = csv::ReaderBuilder::new().has_headers(true).from_reader(bytes);
        let headers = reader.headers()?.iter().map(str::to_string).collect();
        let mut rows = Vec::new();
        for record in reader.records() {
            rows.push(record?.iter().map(str::to_string).collect());
        }
        Ok(Table { name: name.to_string(), path: PathBuf::new(), headers, rows })
    }

    /// Index of the column `name`.
    pub fn column(&self, name: &str) -> Option<usize> {
        self.headers.iter().position(|h| h == name)
    }

    /// Index of the column `name`, or an error naming the table.
    pub fn require(&self, name: &str) -> Result<usize, FormatsError> {
        self.column(name).ok_or_else(|| FormatsError::MissingColumn {
            path: if self.path.as_os_str().is_empty() { PathBuf::from(&self.name) } else { self.path.clone() },
            column: name.to_string(),
        })
    }

    /// The storage type of column `index`, from its name and every cell of it.
    pub fn column_type(&self, index: usize) -> ColumnType {
        if ALWAYS_TEXT.contains(&self.headers[index].as_str()) {
            return ColumnType::Text;
        }
        let mut seen = false;
        let mut integer = true;
        for row in &self.rows {
            let cell = row[index].as_str();
            if cell.is_empty() {
                continue;
            }
            seen = true;
            if integer && cell.parse::<i32>().is_ok_and(stata_long_range) {
                continue;
            }
            integer = false;
            if !is_plain_number(cell) {
                return ColumnType::Text;
            }
        }
        match (seen, integer) {
            (false, _) => ColumnType::Text,
            (true, true) => ColumnType::Integer,
            (true, false) => ColumnType::Number,
        }
    }
}

/// Stata reserves the top of the `long` range for missing values.
fn stata_long_range(v: i32) -> bool {
    (-2_147_483_647..=2_147_483_620).contains(&v)
}

/// A finite decimal number as gwr writes them (`-1.5`, `0.000000`, `12`), not `inf`, `NaN` or `1e5`-less words.
fn is_plain_number(cell: &str) -> bool {
    let digits = cell.strip_prefix('-').unwrap_or(cell);
    !digits.is_empty()
        && digits.bytes().all(|b| b.is_ascii_digit() || b == b'.')
        && digits.bytes().filter(|&b| b == b'.').count() <= 1
        && digits.bytes().any(|b| b.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn column_types_follow_every_cell() {
        let t = Table::from_csv_str(
            "t",
            "a,b,c,d,year,region_code,adcode\n1,1.5,x,,2026,110000,340100\n2,,3,,,110000,\n-3,2,4,,2025,CN-BJ,340000\n",
        )
        .unwrap();
        let types: Vec<_> = (0..t.headers.len()).map(|i| t.column_type(i)).collect();
        assert_eq!(
            types,
            [
                ColumnType::Integer,
                ColumnType::Number,
                ColumnType::Text,
                ColumnType::Text,
                ColumnType::Integer,
                ColumnType::Text,
                ColumnType::Integer
            ]
        );
    }

    #[test]
    fn numbers_are_plain_decimals_only() {
        for yes in ["0", "-1.5", "12.000000", ".5"] {
            assert!(is_plain_number(yes), "{yes}");
        }
        for no in ["", "-", ".", "1.2.3", "inf", "NaN", "1e5", "12a", "--1"] {
            assert!(!is_plain_number(no), "{no}");
        }
    }

    #[test]
    fn a_bom_and_a_missing_file_are_handled() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("documents.csv");
        std::fs::write(&p, "\u{FEFF}doc_id,year\na,2026\n").unwrap();
        let t = Table::read(&p).unwrap();
        assert_eq!(t.headers, ["doc_id", "year"]);
        assert_eq!(t.name, "documents");
        let err = Table::read(&dir.path().join("nope.csv")).unwrap_err();
        assert!(err.to_string().contains("nope.csv"), "{err}");
    }
}
