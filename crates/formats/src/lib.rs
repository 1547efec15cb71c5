//! The tables of a `gwr analyze` output folder in the formats economists merge into their panels: Stata `.dta`
//! (release 118, so Chinese strings survive), Excel `.xlsx`, and a wide region × year panel.
//!
//! This crate reads the CSV tables a run wrote (the output contract, not the pipeline's in-memory types), so every
//! format holds exactly the rows and values of its CSV. It does not analyse anything, and it writes nothing but the
//! files asked for.
//!
//! - [`Table`]: a CSV table read whole, with a storage type per column ([`ColumnType`]): a column is a number only
//!   when every non-empty cell of it is one, so a file's types follow from its contents, never from a guess.
//! - [`panel`]: `scores.csv` (one row per region × year × sector) turned wide, one row per region × year (× lang,
//!   × level), with `n_<sector>` (hits) and `r_<sector>` (per 10,000 characters, or words for English and French)
//!   columns, plus the region's identifiers and denominators from `documents.csv`.
//! - [`write_dta`]: a table as a Stata dataset; names Stata would reject are renamed deterministically and each
//!   rename is returned, so the caller can list it (gwr lists them in `run.json`).
//! - [`write_xlsx`]: a table as an Excel workbook, one sheet (continued on further sheets past Excel's row limit).
//!
//! # Example
//!
//! ```
//! use gwr_formats::{write_dta, write_xlsx, Table};
//!
//! let csv = "region_code,year,sector,count,per_10k\nCN-AH,2026,quantum,8,2.5\nCN-BJ,2026,quantum,,\n";
//! let table = Table::from_csv_str("scores", csv)?;
//! let dir = tempfile::tempdir()?;
//! let renames = write_dta(&table, &dir.path().join("scores.dta"))?;
//! assert!(renames.is_empty());
//! write_xlsx(&table, &dir.path().join("scores.xlsx"))?;
//! Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # Crate features
//!
//! None.

mod excel;
mod panel;
mod stata;
mod table;

use std::path::PathBuf;

pub use excel::{write_xlsx, EXCEL_MAX_ROWS};
pub use panel::panel;
pub use stata::{stata_name, write_dta, StataRename};
pub use table::{ColumnType, Table};

/// Everything that can go wrong while reading a table or writing one of the formats. Each variant names the file.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum FormatsError {
    /// A CSV table could not be read.
    #[error("cannot read {}", path.display())]
    Read {
        /// The table.
        path: PathBuf,
        /// What the CSV reader said (with the line).
        #[source]
        source: csv::Error,
    },
    /// A file could not be written.
    #[error("cannot write {}", path.display())]
    Write {
        /// The file.
        path: PathBuf,
        /// What the operating system said.
        #[source]
        source: std::io::Error,
    },
    /// A table lacks a column the conversion needs.
    #[error("{}: no column {column:?} (is this a `gwr analyze` output?)", path.display())]
    MissingColumn {
        /// The table.
        path: PathBuf,
        /// The column.
        column: String,
    },
    /// A Stata file could not be written.
    #[error("cannot write {}", path.display())]
    Dta {
        /// The file.
        path: PathBuf,
        /// What the DTA writer said.
        #[source]
        source: dta::stata::dta::dta_error::DtaError,
    },
    /// An Excel file could not be written.
    #[error("cannot write {}", path.display())]
    Xlsx {
        /// The file.
        path: PathBuf,
        /// What the XLSX writer said.
        #[source]
        source: rust_xlsxwriter::XlsxError,
    },
    /// A cell holds more than a format can store; nothing is cut silently.
    #[error("{}: row {row}, column {column:?}: {len} characters, over the limit of {limit} of this format", path.display())]
    CellTooLong {
        /// The file being written.
        path: PathBuf,
        /// 1-based data row of the table.
        row: usize,
        /// The column.
        column: String,
        /// Length of the cell, in characters.
        len: usize,
        /// The format's limit, in characters.
        limit: usize,
    },
}
