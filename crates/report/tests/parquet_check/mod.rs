//! Compare a Parquet table with the CSV it was made from, reading it with the parquet crate's own reader.

use std::path::Path;

use gwr_report::parquet::file::reader::{FileReader, SerializedFileReader};
use gwr_report::parquet::record::Field;

/// Rows of a CSV as strings, header first.
fn csv_rows(path: &Path) -> (Vec<String>, Vec<Vec<String>>) {
    let mut r = csv::Reader::from_path(path).unwrap();
    let header = r.headers().unwrap().iter().map(str::to_string).collect();
    let rows = r.records().map(|rec| rec.unwrap().iter().map(str::to_string).collect()).collect();
    (header, rows)
}

/// True when a Parquet field holds what the CSV cell says.
fn same(field: &Field, cell: &str) -> bool {
    match field {
        Field::Null => cell.is_empty(),
        Field::Str(s) => s == cell,
        Field::Int(i) => i.to_string() == cell,
        Field::Long(i) => i.to_string() == cell,
        Field::Double(d) => cell.parse::<f64>().is_ok_and(|c| c == *d),
        other => panic!("unexpected parquet field {other:?}"),
    }
}

/// Assert that `table.parquet` has the rows of `table.csv`, column by column, and return the row count.
pub fn assert_same_rows(dir: &Path, table: &str) -> usize {
    let (header, rows) = csv_rows(&dir.join(format!("{table}.csv")));
    let file = std::fs::File::open(dir.join(format!("{table}.parquet"))).unwrap();
    let reader = SerializedFileReader::new(file).unwrap();
    assert_eq!(reader.metadata().file_metadata().num_rows() as usize, rows.len(), "{table}: row count");
    let mut n = 0;
    for (i, row) in reader.get_row_iter(None).unwrap().enumerate() {
        let row = row.unwrap();
        let names: Vec<&String> = row.get_column_iter().map(|(name, _)| name).collect();
        assert_eq!(names, header.iter().collect::<Vec<_>>(), "{table}: columns in CSV order");
        for ((name, field), cell) in row.get_column_iter().zip(&rows[i]) {
            assert!(same(field, cell), "{table} row {}: {name}: parquet {field:?} vs csv {cell:?}", i + 1);
        }
        n += 1;
    }
    assert_eq!(n, rows.len());
    n
}
