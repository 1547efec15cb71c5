//! `gwr report` and `gwr export-parquet`: results people can look at, from an analyze output folder.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context;
use clap::Args;
use gwr_dict::Dictionary;
use gwr_report::{AnalyzeOutput, Fonts, Report};

#[derive(Args, Debug)]
pub struct ReportArgs {
    /// Folder to write report.html, heatmap.svg, heatmap.png and heatmap-lq.svg into.
    #[arg(value_name = "OUT_DIR")]
    pub out: PathBuf,
    /// The `gwr analyze` output folder to read (default: OUT_DIR).
    #[arg(long, value_name = "ANALYZE_DIR")]
    pub from: Option<PathBuf>,
    /// Dictionary for the sectors' Chinese names (default: the one compiled into gwr).
    #[arg(long, value_name = "PATH")]
    pub dict: Option<PathBuf>,
    /// Top sectors shown per region.
    #[arg(long, value_name = "N", default_value_t = 3)]
    pub top: usize,
}

/// Chinese and English display names of the sectors, from the dictionary at `path` (or the default one). A
/// dictionary that cannot be read is not fatal for a report: ids are shown instead, with a warning.
pub fn sector_names(path: Option<&Path>) -> (BTreeMap<String, String>, BTreeMap<String, String>) {
    match Dictionary::load_source(&super::analyze::dict_source(path)) {
        Ok(d) => (
            d.sectors.iter().map(|s| (s.id.clone(), s.zh.clone())).collect(),
            d.sectors.into_iter().map(|s| (s.id, s.en)).collect(),
        ),
        Err(e) => {
            eprintln!("gwr: warning: sector names not available ({e}); showing sector ids");
            Default::default()
        }
    }
}

pub fn run(args: ReportArgs) -> anyhow::Result<ExitCode> {
    if args.top == 0 {
        anyhow::bail!("--top must be at least 1");
    }
    let from = args.from.clone().unwrap_or_else(|| args.out.clone());
    let output = AnalyzeOutput::load(&from)?;
    let fonts = Fonts::available();
    let (names, latin_names) = sector_names(args.dict.as_deref());
    let report = Report::new(&output).sector_names(names).latin_sector_names(latin_names).top(args.top);
    let written = report
        .write(&args.out, &fonts)
        .with_context(|| format!("cannot write the report into {}", args.out.display()))?;
    match &written.png_notice {
        None => println!(
            "{} regions × {} sectors from {}; Chinese labels in font {}",
            written.regions,
            written.sectors,
            from.display(),
            fonts.cjk_family()
        ),
        Some(notice) => {
            println!("{} regions × {} sectors from {}", written.regions, written.sectors, from.display());
            eprintln!("gwr: notice: {notice}");
        }
    }
    for p in [&written.html, &written.heatmap_svg, &written.heatmap_png, &written.heatmap_lq_svg] {
        println!("  {}", p.display());
    }
    Ok(ExitCode::SUCCESS)
}

#[derive(Args, Debug)]
pub struct ExportParquetArgs {
    /// A `gwr analyze` output folder: documents.csv, counts.csv and scores.csv become .parquet files beside them.
    #[arg(value_name = "DIR")]
    pub dir: PathBuf,
}

pub fn export_parquet(args: ExportParquetArgs) -> anyhow::Result<ExitCode> {
    for written in gwr_report::write_parquet(&args.dir)? {
        println!("{} ({} rows)", written.path.display(), written.rows);
    }
    Ok(ExitCode::SUCCESS)
}
