//! The gwr pipeline: a folder of government work reports in, per-region specialization scores with evidence out.
//!
//! [`analyze`] runs every stage over every input in parallel (rayon): ingest (decode, rows, metadata) → clean
//! (boilerplate off) → normalize (with alignment) → match (aho-corasick + word boundaries) → count, then scores
//! each comparable group of regions (same year, same level). [`write_outputs`] writes `documents.csv`,
//! `counts.csv`, `scores.csv`, `hits.jsonl` and `run.json` atomically. Results do not depend on the number of
//! threads or on the order of the inputs: documents are sorted by id before anything is summed or written.
//!
//! # Example
//!
//! ```no_run
//! use gwr_pipeline::{analyze, write_outputs, Settings};
//!
//! let settings = Settings::new(vec!["corpora/demo".into()]);
//! let analysis = analyze(&settings)?;
//! write_outputs(&analysis, std::path::Path::new("gwr-out"), &settings.formats)?;
//! println!("{} documents", analysis.documents.len());
//! Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # Crate features
//!
//! - `progress` (default): an indicatif progress bar on stderr when it is a terminal. Without it, nothing is shown.

mod engine;
mod export;
mod hits;
mod kwic;
mod outdir;
mod progress;
mod rules;
mod run;

pub use engine::{
    context, context_span, DocCounts, DocHit, Engine, HitRow, HitSink, RejectedHit, StageTimes, CONTEXT_CHARS,
    PARALLEL_CHUNK_BYTES,
};
pub use export::{write_file_atomic, write_outputs, CsvBom, Format, Formats};
pub use gwr_match::CountMode;
pub use hits::{HitLines, HITS_IN_MEMORY, PIECE_HITS};
pub use kwic::{kwic, Boundaries, ContextWidth, KwicLine, KwicPattern, KwicQuery};
pub use outdir::{stale_outputs, sweep_dead_temp_files, OutputLock, OUTPUT_FILES};
pub use progress::ProgressMode;
pub use run::{
    analyze, analyze_with, load_checked_dictionary, Analysis, CompareWithin, DocumentResult, Group, KeepTexts,
    RunSummary, Settings, Timings,
};

use std::path::PathBuf;

/// Why a run could not start or finish. Problems with single inputs are not errors: they are recorded per input.
#[derive(Debug, thiserror::Error)]
pub enum PipelineError {
    /// The dictionary could not be loaded.
    #[error("{0}")]
    DictionaryLoad(#[from] gwr_dict::DictError),
    /// The dictionary failed `gwr dict check`.
    #[error("dictionary {path} failed its check:\n{problems}")]
    DictionaryCheck {
        /// Dictionary path.
        path: PathBuf,
        /// One problem per line, `file:line: message`.
        problems: String,
    },
    /// The automaton could not be built.
    #[error("cannot build the matcher: {0}")]
    Matcher(String),
    /// An input path does not exist or cannot be listed.
    #[error("{0}")]
    Input(#[from] gwr_ingest::IngestError),
    /// The thread pool could not be built.
    #[error("cannot start {threads} threads: {message}")]
    Threads {
        /// Threads asked for.
        threads: usize,
        /// What rayon said.
        message: String,
    },
    /// The hits could not be kept in, or read back from, their temporary file.
    #[error("cannot keep the hits in a temporary file: {0}")]
    Hits(#[source] std::io::Error),
    /// A table could not be turned into the panel, a Stata or an Excel file.
    #[error("cannot export the tables")]
    Export(#[from] gwr_formats::FormatsError),
    /// A keyword-in-context pattern is not a valid regular expression.
    #[error("invalid pattern")]
    Pattern(#[source] regex::Error),
    /// Writing an output failed.
    #[error("cannot write {path}: {source}")]
    Write {
        /// The output file.
        path: PathBuf,
        /// The I/O error.
        source: std::io::Error,
    },
    /// Another gwr run holds the output folder ([`OutputLock`]).
    #[error("--out {} is being written by another gwr run (pid {})", dir.display(), pid.map_or("unknown".to_string(), |p| p.to_string()))]
    OutputBusy {
        /// The output folder.
        dir: PathBuf,
        /// The other run's process id, when it could be read.
        pid: Option<u32>,
    },
}
