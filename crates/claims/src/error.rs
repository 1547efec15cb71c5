//! The error type of gwr-claims.

use std::fmt;
use std::path::PathBuf;

/// One problem in a claims file, at a 1-based line and column.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    /// The file, as given to the loader.
    pub file: String,
    /// 1-based line.
    pub line: usize,
    /// 1-based column (in characters).
    pub column: usize,
    /// What is wrong, lowercase.
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}:{}: {}", self.file, self.line, self.column, self.message)
    }
}

/// Everything that can go wrong in gwr-claims.
#[derive(Debug, thiserror::Error)]
pub enum ClaimsError {
    /// A claims file could not be read.
    #[error("{}: cannot read claims file: {source}", path.display())]
    Read {
        /// The file.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// A claims file is not valid TOML, or does not follow the schema.
    #[error("{0}")]
    Syntax(Problem),
    /// A claims file parses but names unknown regions, clusters or sectors, repeats ids... Every problem is listed.
    #[error("{}", join(.0))]
    Invalid(Vec<Problem>),
    /// The claims CSV could not be written.
    #[error("cannot write claims csv: {0}")]
    Csv(#[from] csv::Error),
    /// The claims CSV could not be written.
    #[error("cannot write claims csv: {0}")]
    Io(#[from] std::io::Error),
}

fn join(problems: &[Problem]) -> String {
    problems.iter().map(Problem::to_string).collect::<Vec<_>>().join("\n")
}

/// 1-based line and column (in chars) of byte `offset` in `text`.
pub(crate) fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let before = &text[..text.floor_char_boundary_compat(offset)];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = before[line_start..].chars().count() + 1;
    (line, column)
}

trait FloorCharBoundary {
    fn floor_char_boundary_compat(&self, index: usize) -> usize;
}

impl FloorCharBoundary for str {
    fn floor_char_boundary_compat(&self, index: usize) -> usize {
        let mut i = index.min(self.len());
        while !self.is_char_boundary(i) {
            i -= 1;
        }
        i
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_and_column_are_one_based() {
        let text = "a = 1\nbé = 2\n";
        assert_eq!(line_col(text, 0), (1, 1));
        assert_eq!(line_col(text, 6), (2, 1));
        assert_eq!(line_col(text, 9), (2, 3));
        assert_eq!(line_col(text, 100), (3, 1));
    }

    #[test]
    fn invalid_lists_every_problem() {
        let p = |line| Problem { file: "c.toml".into(), line, column: 3, message: "unknown sector \"x\"".into() };
        let err = ClaimsError::Invalid(vec![p(4), p(9)]);
        assert_eq!(err.to_string(), "c.toml:4:3: unknown sector \"x\"\nc.toml:9:3: unknown sector \"x\"");
    }
}
