//! The raw command line, as clap parses it. Validation into settings happens in each subcommand's module.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

#[derive(Parser, Debug)]
#[command(
    name = "gwr",
    version,
    about = "Text-mine Chinese government work reports (政府工作报告): sector specialization scores with quoted evidence"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Count dictionary concepts in a corpus of reports and score each region's specialization.
    Analyze(AnalyzeArgs),
    /// Check, describe, audit, import and export dictionaries.
    #[command(subcommand)]
    Dict(DictCommand),
    /// HTML report, heatmaps (SVG, PNG) of an analyze output folder.
    Report(super::report::ReportArgs),
}

#[derive(Args, Debug, Clone)]
pub struct CommonInput {
    /// Dictionary: a folder like dictionaries/, a TOML file, or a cntext/quanteda YAML file.
    #[arg(long, value_name = "PATH")]
    pub dict: Option<PathBuf>,
    /// Worker threads (default: RAYON_NUM_THREADS if set, else all cores).
    #[arg(long, value_name = "N")]
    pub threads: Option<usize>,
    /// Column holding the text in CSV/JSONL inputs (default: full_text, content or text).
    #[arg(long, value_name = "NAME")]
    pub text_column: Option<String>,
    /// Language of every input (zh, en, fr); detected per document when absent.
    #[arg(long, value_name = "LANG")]
    pub lang: Option<String>,
    /// No progress bar.
    #[arg(long, short)]
    pub quiet: bool,
}

#[derive(Args, Debug)]
pub struct AnalyzeArgs {
    /// Files and folders to read (default: the demo corpus corpora/demo).
    #[arg(value_name = "PATH")]
    pub inputs: Vec<PathBuf>,
    /// Output folder.
    #[arg(long, short, value_name = "DIR", default_value = "gwr-out")]
    pub out: PathBuf,
    /// Extra output formats besides CSV.
    #[arg(long = "format", value_enum, value_name = "FORMAT")]
    pub formats: Vec<FormatArg>,
    /// Any failed input makes the run fail (exit 1, no outputs written).
    #[arg(long)]
    pub strict: bool,
    #[command(flatten)]
    pub common: CommonInput,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum FormatArg {
    Csv,
    Json,
}

#[derive(Subcommand, Debug)]
pub enum DictCommand {
    /// Validate a dictionary; every problem with file:line. Exit 2 when there is an error.
    Check {
        /// Dictionary (default: dictionaries/).
        path: Option<PathBuf>,
    },
    /// Sectors, concepts and surface forms per language.
    Stats {
        /// Dictionary (default: dictionaries/).
        path: Option<PathBuf>,
    },
    /// Convert a dictionary to cntext or quanteda YAML (stdout, or -o FILE).
    Export {
        /// Target format.
        #[arg(long, value_enum)]
        to: YamlFlavour,
        /// Dictionary (default: dictionaries/).
        path: Option<PathBuf>,
        /// Output file.
        #[arg(long, short)]
        output: Option<PathBuf>,
    },
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum YamlFlavour {
    Cntext,
    Quanteda,
}
