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
    /// Sector profiles of a report and its translation side by side: Spearman's rho, the sectors they disagree on.
    CompareLang(super::compare_lang::CompareLangArgs),
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

Runs the analysis on the corpus (default: $GWR_CORPORA/provincial-2026, else
../shared/corpora/provincial-2026), then checks each claim and sector of
the claims file (default: corpora/claims/cgtn-2026-03-02.toml,
compiled into gwr) in the reports of the claimed region (a cluster:
gba Greater Bay Area, yrd Yangtze River Delta, jjj Beijing-Tianjin-Hebei, is the sum of its members) and writes
claims.csv and one block per claim below.

Two judgements, then one verdict:
  stated      a sentence of the report holds a term of the sector (or one of the claim's key_terms) and the
              claimed figure (compared by value: 22万P = 220000 PFLOPS, 9成 = 90%, 150家以上 meets \"more than
              150\"), or, in the same clause, a position phrase (全国第一, 占全国, 领先, 国家枢纽, 首个...).
              A figure in another sentence never counts.
  emphasised  (sectors only) log-odds z >= 1.96 against the other provincial regions of the year, or national
              rank 1 with at least 3 hits. A claim on key terms alone is never given a z.
Verdicts:
  confirmed     the report states the figure or position (emphasised or not)
  contradicted  it states a different figure for the same quantity (same unit, same clause as the term, not a
                growth rate, a share for a percentage), and not the claimed one
  emphasised    nothing stated, but the sector is distinctive of the region
  mentioned     the report names the sector or key terms, neither stated nor emphasised
  absent        the report never names them, or the region has no report for the year

Evidence: term in [ ], figure or position in { }, with doc_id@start..end (bytes of the decoded source text).
claims.csv columns: claim_id, region_code, sector, count, per_10k, lq, z, rank, national_rank, verdict, evidence,
figure_found, region_name, claim, claimed_figure, stated, stated_evidence, emphasised, emphasis_evidence, reason.
A claims file naming an unknown region or sector, a figure that does not parse, or a claim with neither sectors
nor key_terms is refused with file:line:column, exit 2, nothing written.";

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
    /// Dictionary: a folder like dictionaries/, a TOML file, or a cntext/quanteda YAML file (default: the
    /// dictionary compiled into gwr; `gwr dict export-default DIR` writes it out).
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
    /// Encoding of the inputs that are neither valid UTF-8 nor start with a BOM (gb18030, big5, shift_jis,
    /// windows-1252, ... any WHATWG label); detected per file when absent, a doubtful guess failing the file.
    #[arg(long, value_name = "ENCODING")]
    pub encoding: Option<String>,
    /// Column holding the region in CSV/JSONL inputs, any name (default: a city column `city`/`城市`/`county`/
    /// `区县`, narrowed by a `province`/`region` column, else the province column). Values: full or short
    /// Chinese names, pinyin, adcodes or ISO codes; a value not in the gazetteer is kept as `x:<value>`.
    #[arg(long, value_name = "NAME")]
    pub region_column: Option<String>,
    /// Which regions of a level are compared with each other: all of the level (default), or, for prefectures
    /// and counties, only those of the same province.
    #[arg(long, value_enum, value_name = "SCOPE", default_value = "level")]
    pub compare_within: CompareWithinArg,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum CompareWithinArg {
    /// Every region of the same level, year and language.
    Level,
    /// Prefectures and counties with those of the same province.
    Province,
}

#[derive(Args, Debug)]
pub struct AnalyzeArgs {
    /// Files and folders to read (default: the demo corpus corpora/demo, compiled into gwr).
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
        /// Dictionary (default: the one compiled into gwr).
        path: Option<PathBuf>,
    },
    /// Sectors, concepts and surface forms per language.
    Stats {
        /// Dictionary (default: the one compiled into gwr).
        path: Option<PathBuf>,
    },
    /// Convert a dictionary to cntext or quanteda YAML (stdout, or -o FILE).
    Export {
        /// Target format.
        #[arg(long, value_enum)]
        to: YamlFlavour,
        /// Dictionary (default: the one compiled into gwr).
        path: Option<PathBuf>,
        /// Output file.
        #[arg(long, short)]
        output: Option<PathBuf>,
    },
    /// Up to N hits of each concept in context (KWIC), grouped by sector, for a person to read.
    Audit {
        /// Reports to read (default: the demo corpus corpora/demo, compiled into gwr).
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
    /// Write the dictionary compiled into gwr (every file of its dictionaries/ folder) into DIR, as an editable copy
    /// for --dict DIR. Refuses to overwrite existing files.
    ExportDefault {
        /// Folder to write into (created when absent).
        dir: PathBuf,
    },
    /// Precision and recall of the dictionary's sectors, recomputed from the double-labelled sets in
    /// dictionaries/audit/ against a fresh analysis of the corpora they were drawn from; with Cohen's kappa.
    Eval {
        /// Folder of the label files precision.tsv, recall.tsv and paragraphs.tsv.
        #[arg(long, value_name = "DIR", default_value = "dictionaries/audit")]
        labels: PathBuf,
        /// Folder holding the corpora provincial-2026/ and national-zh/ (default: $GWR_CORPORA, else
        /// ../shared/corpora).
        #[arg(long, value_name = "DIR")]
        corpora: Option<PathBuf>,
        /// Only the items of this split (dev or heldout); default: all, with each split's figures too.
        #[arg(long, value_name = "SPLIT")]
        split: Option<String>,
        /// Exit 1 unless precision >= 0.97 overall and >= 0.9 for every sector with at least 10 counted items,
        /// and recall >= 0.95.
        #[arg(long)]
        enforce: bool,
        /// Accept labels naming sectors this dictionary lacks (to measure an older dictionary against labels
        /// written for the current taxonomy: such items count as wrong, such mentions as missed).
        #[arg(long)]
        foreign_labels: bool,
        #[command(flatten)]
        common: CommonInput,
    },
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum YamlFlavour {
    Cntext,
    Quanteda,
}
