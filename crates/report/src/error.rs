//! The error type of the crate.

use std::path::PathBuf;

/// Everything that can go wrong while reading an analyze output or writing a report. Every variant names the file,
/// and the line where one is known.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ReportError {
    /// A file or folder could not be read or written.
    #[error("{}: {source}", path.display())]
    Io {
        /// The file or folder.
        path: PathBuf,
        /// What the operating system said.
        source: std::io::Error,
    },
    /// A row of a table could not be parsed.
    #[error("{}:{line}: {message}", path.display())]
    Parse {
        /// The table.
        path: PathBuf,
        /// 1-based line of the row (0 when not known).
        line: u64,
        /// What is wrong with it.
        message: String,
    },
    /// A required table is missing from the analyze output folder.
    #[error("{}: missing: this folder is not a `gwr analyze` output (run `gwr analyze CORPUS --out DIR` first)", path.display())]
    Missing {
        /// The file that should be there.
        path: PathBuf,
    },
    /// The analyze output holds nothing to report on.
    #[error("{}: {what}", path.display())]
    Empty {
        /// The folder or table.
        path: PathBuf,
        /// What is missing.
        what: String,
    },
    /// No installed font has Chinese glyphs, so Chinese labels cannot be drawn.
    #[error("no installed font has Chinese glyphs (looked in the system font folders{}); install the Debian package fonts-noto-cjk or fonts-wqy-microhei", hint.as_deref().map(|h| format!(" and {h}")).unwrap_or_default())]
    NoCjkFont {
        /// Extra places looked in, if any.
        hint: Option<String>,
    },
    /// An SVG could not be rendered to PNG.
    #[error("{}: cannot render: {message}", path.display())]
    Render {
        /// The image being written.
        path: PathBuf,
        /// Why.
        message: String,
    },
    /// A Parquet file could not be written or read.
    #[error("{}: parquet: {source}", path.display())]
    Parquet {
        /// The Parquet file.
        path: PathBuf,
        /// What the parquet crate said.
        source: parquet::errors::ParquetError,
    },
    /// A corpus path could not be walked.
    #[error(transparent)]
    Ingest(gwr_ingest::IngestError),
    /// A dictionary could not be loaded.
    #[error(transparent)]
    Dict(#[from] gwr_dict::DictError),
}

impl ReportError {
    pub(crate) fn io(path: impl Into<PathBuf>, source: std::io::Error) -> ReportError {
        ReportError::Io { path: path.into(), source }
    }
}
