//! The error type of loading a dictionary.

use std::path::PathBuf;

/// Why a dictionary could not be loaded.
///
/// Every variant that concerns the content of a file names the file and the line (and the column, when the parser
/// gives one). Problems that do not stop loading (a form listed twice, a missing exclusion...) are not errors: they are
/// [`Problem`](crate::Problem)s reported by [`Dictionary::check`](crate::Dictionary::check).
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum DictError {
    /// A file or folder could not be read.
    #[error("{}: {source}", path.display())]
    Io {
        /// The file or folder.
        path: PathBuf,
        /// What the operating system said.
        source: std::io::Error,
    },
    /// A file is not valid TOML or YAML, or does not follow the schema (unknown field, wrong type, missing field,
    /// unknown language key...).
    #[error("{file}:{line}:{column}: {message}")]
    Parse {
        /// The file, as given or found under the dictionary folder.
        file: String,
        /// 1-based line.
        line: usize,
        /// 1-based column, in characters.
        column: usize,
        /// What is wrong, lowercase.
        message: String,
    },
    /// A file uses something gwr cannot represent (a glob in a quanteda dictionary...).
    #[error("{file}:{line}: {message}")]
    Unsupported {
        /// The file.
        file: String,
        /// 1-based line.
        line: usize,
        /// What is not supported, lowercase.
        message: String,
    },
    /// The path is neither a folder, a `.toml` file, nor a `.yaml`/`.yml` file.
    #[error("{}: not a dictionary (expected a folder, a .toml file or a cntext/quanteda .yaml file)", path.display())]
    UnknownFormat {
        /// The path given.
        path: PathBuf,
    },
    /// The dictionary path given does not exist.
    #[error("dictionary {} not found: {}", if is_file_name(path) { "file" } else { "folder" }, path.display())]
    NotFound {
        /// The path given.
        path: PathBuf,
    },
    /// A folder holds no dictionary file.
    #[error("{}: no dictionary file (*.toml) found", path.display())]
    Empty {
        /// The folder.
        path: PathBuf,
    },
}

/// Whether a missing dictionary path names a file (by its extension: `.toml`, `.yaml`, `.yml`) rather than a folder.
fn is_file_name(path: &std::path::Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| ["toml", "yaml", "yml"].contains(&e.to_ascii_lowercase().as_str()))
}
