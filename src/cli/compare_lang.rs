//! `gwr compare-lang`: a report and its translation side by side (sector profiles, Spearman's rho, the sectors they
//! disagree on, with evidence).

use std::io::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use clap::Args;
use gwr_dict::{Dictionary, SectorKind};
use gwr_report::compare_lang::{pairs_csv, pairs_text};
use gwr_report::CompareOptions;

#[derive(Args, Debug)]
pub struct CompareLangArgs {
    /// The `gwr analyze` output folder to read; compare-lang.csv is written into it.
    #[arg(value_name = "OUT_DIR")]
    pub out: PathBuf,
    /// Dictionary whose policy vocabulary is left out of the profiles (default: dictionaries/).
    #[arg(long, value_name = "PATH")]
    pub dict: Option<PathBuf>,
    /// Sectors listed as disagreements per region-year.
    #[arg(long, value_name = "N", default_value_t = 5)]
    pub top: usize,
    /// Hits of each language shown as evidence per disagreement.
    #[arg(long, value_name = "N", default_value_t = 3)]
    pub evidence: usize,
}

pub fn run(args: CompareLangArgs) -> anyhow::Result<ExitCode> {
    let source = args.dict.clone().map_or(gwr_dict::DictSource::Embedded, gwr_dict::DictSource::Path);
    let dict = Dictionary::load_source(&source).context("dictionary")?;
    let exclude_sectors = dict.sectors.iter().filter(|s| s.kind == SectorKind::Policy).map(|s| s.id.clone()).collect();
    let options = CompareOptions { exclude_sectors, top: args.top, evidence: args.evidence };
    let pairs = gwr_report::compare_lang(&args.out, &options)?;
    let csv_path = args.out.join("compare-lang.csv");
    std::fs::write(&csv_path, pairs_csv(&pairs)).with_context(|| format!("cannot write {}", csv_path.display()))?;
    let mut text = pairs_text(&pairs);
    text.push_str(&format!("outputs: {}\n", csv_path.display()));
    super::ignore_broken_pipe(std::io::stdout().write_all(text.as_bytes()))?;
    Ok(ExitCode::SUCCESS)
}
