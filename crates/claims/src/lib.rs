//! Press-article claims checked against the reports, with evidence and figures.

mod error;
mod extract;
mod file;
pub mod number;
mod output;
mod verify;

pub use error::{ClaimsError, Problem};
pub use extract::{detect_lang, extract};
pub use file::{to_toml, Article, Claim, ClaimsFile, Figure, Target, SCHEMA};
pub use output::{render_table, write_claims_csv, CSV_COLUMNS, EVIDENCE_SEPARATOR};
pub use verify::{
    verify, ClaimResult, DocText, Evidence, FigureFound, Verdict, VerifyInput, EVIDENCE_SNIPPETS,
    FIGURE_WINDOW_CHARS, Z_SUPPORTED,
};
