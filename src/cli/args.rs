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
    #[command(long_about = ANALYZE_HELP)]
    Analyze(AnalyzeArgs),
    /// Check, describe, audit, import and export dictionaries.
    #[command(subcommand)]
    Dict(DictCommand),
    /// Check a press article's claims against the reports (claims.csv), or propose the claims of a new article.
    #[command(long_about = CLAIMS_HELP, args_conflicts_with_subcommands = true)]
    Claims(ClaimsArgs),
    /// HTML report, heatmaps (SVG, PNG) of an analyze output folder.
    Report(super::report::ReportArgs),
    /// Year × sector (or concept) rates per 10,000 Han characters of an analyze output, with a line chart.
    Trend(super::trend::TrendArgs),
    /// Convert the analyze tables (documents, counts, scores) of a folder to Parquet.
    ExportParquet(super::report::ExportParquetArgs),
    /// Throughput of every pipeline stage on a corpus (MB/s), and the ratio to a bare aho-corasick scan.
    Bench(super::bench::BenchArgs),
    /// Candidate terms the dictionary misses, with examples (one per line; --out writes a dictionary file).
    Discover(super::discover::DiscoverArgs),
    /// Keyword in context: every place a word or a regex occurs, with region, year and doc_id@start..end.
    #[command(long_about = super::kwic::KWIC_HELP)]
    Kwic(super::kwic::KwicArgs),
}

pub const ANALYZE_HELP: &str =
    "Count dictionary concepts in a corpus of reports and score each region's specialization.

Writes documents.csv, counts.csv, scores.csv, panel.csv, hits.jsonl and run.json to --out (see the README).
Scores compare a region with the other regions of the same level, year and language. In scores.csv:
  per_10k  hits of the sector per 10,000 Han characters (per 10,000 words for English and French);
  share    the sector's share of the region's hits of all sectors of the dictionary (so with a dictionary of
           one category, share is 1 and z is 0 for every region: compare per_10k instead);
  lq       location quotient: the region's share over the group's share;
  z        log-odds z-score of the sector in the region against the other regions of the group;
  rank     the sector's rank within the region by z (1 = most distinctive).";

pub const CLAIMS_HELP: &str = "Check a press article's claims against the reports, with quoted evidence.

Runs the analysis on the corpus (default: ../shared/corpora/provincial-2026), then for each claim and sector of the
claims file (default: corpora/claims/cgtn-2026-03-02.toml) writes a row of claims.csv and of the table below.

Verdict rule, for the claimed region (a cluster is the sum of its member regions that have a report):
  supported  the sector is significantly over-represented in the region (log-odds z >= 1.96), or the region is
             the most distinctive of the 31 provincial regions on it (national_rank = 1);
  weak       the report mentions the sector (count > 0) but neither holds;
  absent     the report never mentions it (count = 0).

Columns: claim_id, region_code, sector, count, per_10k, lq, z, rank (of the sector within the region),
national_rank (of the region within the sector, 1 = most distinctive), verdict, evidence (up to three hits, each
doc_id@start..end: context), figure_found (the claimed figure found within 200 characters of a hit of the sector,
with Chinese number forms understood: 22万P = 220000 PFLOPS; or `not found`).";

#[derive(Args, Debug)]
pub struct ClaimsArgs {
    #[command(subcommand)]
    pub command: Option<ClaimsCommand>,
    /// Reports to check the claims against.
    #[arg(value_name = "PATH")]
    pub inputs: Vec<PathBuf>,
    /// Claims file (TOML).
    #[arg(long, value_name = "FILE")]
    pub claims: Option<PathBuf>,
    /// Output folder (the analysis tables and claims.csv).
    #[arg(long, short, value_name = "DIR", default_value = "gwr-out")]
    pub out: PathBuf,
    /// Year of the reports to check (default: the latest).
    #[arg(long)]
    pub year: Option<u16>,
    #[command(flatten)]
    pub common: CommonInput,
}

#[derive(Subcommand, Debug)]
pub enum ClaimsCommand {
    /// Propose the claims a press article makes (French, English or Chinese), in the claims-file format.
    Extract {
        /// The article (plain text).
        article: PathBuf,
        /// Write to FILE instead of stdout.
        #[arg(long, short, value_name = "FILE")]
        output: Option<PathBuf>,
    },
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
    /// Print nothing but errors: no progress bar, no summary (`gwr analyze --summary` keeps the summary).
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
    /// Extra output formats besides the CSV tables, comma-separated or repeated (`--format dta,xlsx` or
    /// `--format dta --format xlsx`). panel.csv (one row per region × year, one column per sector) is always written.
    #[arg(long = "format", value_enum, value_name = "FORMAT", value_delimiter = ',')]
    pub formats: Vec<FormatArg>,
    /// Which occurrences count: `word` (whole words; where terms overlap, the leftmost-longest one, each character
    /// counted once), `term` (every term wherever it is a whole word, overlapping terms each counted), `substring`
    /// (every occurrence, inside longer words too, as a plain text search counts). See the README.
    #[arg(long, value_enum, default_value_t = ModeArg::Word)]
    pub mode: ModeArg,
    /// Start every CSV table with a UTF-8 byte order mark, so that Excel shows Chinese text right when the file is
    /// opened by a double click (pandas, R and Stata read both).
    #[arg(long)]
    pub csv_bom: bool,
    /// Print the run summary even with --quiet.
    #[arg(long)]
    pub summary: bool,
    /// Print the ranking of the regions on one sector (by z, within each group of comparable regions).
    #[arg(long, value_name = "SECTOR")]
    pub sector: Option<String>,
    /// Any failed input makes the run fail (exit 1, no outputs written).
    #[arg(long)]
    pub strict: bool,
    /// Also check the claims of this claims file (writes claims.csv; see `gwr claims --help` for the rule).
    #[arg(long, value_name = "FILE")]
    pub claims: Option<PathBuf>,
    #[command(flatten)]
    pub common: CommonInput,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum FormatArg {
    Csv,
    Json,
    /// documents, counts and scores also as Parquet (column types: see the gwr-report crate docs).
    Parquet,
    /// documents, counts, scores and panel also as Stata datasets (release 118: Stata 14 or later; UTF-8 strings).
    Dta,
    /// documents, counts, scores and panel also as Excel workbooks (.xlsx).
    Xlsx,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum ModeArg {
    Word,
    Term,
    Substring,
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
    /// Up to N hits of each concept in context (KWIC), grouped by sector, for a person to read.
    Audit {
        /// Reports to read (default: the demo corpus corpora/demo).
        #[arg(value_name = "PATH")]
        inputs: Vec<PathBuf>,
        /// Hits shown per concept, spread over documents.
        #[arg(long, value_name = "N", default_value_t = 5)]
        per_concept: usize,
        /// Write to FILE instead of stdout; a name ending in .tsv gives a TSV table.
        #[arg(long, short, value_name = "FILE")]
        out: Option<PathBuf>,
        #[command(flatten)]
        common: CommonInput,
    },
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum YamlFlavour {
    Cntext,
    Quanteda,
}
