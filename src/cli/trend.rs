//! `gwr trend`: a year × sector (or concept) table of rates per 10,000 Han characters, with a line chart.

use std::collections::{BTreeMap, BTreeSet};
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Args;
use gwr_dict::Dictionary;
use gwr_report::{AnalyzeOutput, SeriesKey, Trend, TrendOptions};

#[derive(Args, Debug)]
pub struct TrendArgs {
    /// Folder to write trend.csv and trend.svg into.
    #[arg(value_name = "OUT_DIR")]
    pub out: PathBuf,
    /// The `gwr analyze` output folder to read (default: OUT_DIR).
    #[arg(long, value_name = "ANALYZE_DIR")]
    pub from: Option<PathBuf>,
    /// Follow this sector (or policy heading) id; repeatable. Default: every sector, most frequent first.
    #[arg(long = "sector", value_name = "ID")]
    pub sectors: Vec<String>,
    /// Follow this concept id (e.g. new_quality_productive_forces); repeatable.
    #[arg(long = "concept", value_name = "ID")]
    pub concepts: Vec<String>,
    /// Only documents of this region code (CN for the national reports).
    #[arg(long, value_name = "CODE")]
    pub region: Option<String>,
    /// Dictionary for Chinese labels and known ids (default: the one compiled into gwr).
    #[arg(long, value_name = "PATH")]
    pub dict: Option<PathBuf>,
    /// Lines drawn in trend.svg (the first N columns).
    #[arg(long, value_name = "N", default_value_t = 8)]
    pub lines: usize,
}

/// Chinese labels of sectors and concepts (a concept's first Chinese form), and every known id.
fn labels(path: Option<&Path>) -> (BTreeMap<String, String>, Option<BTreeSet<String>>) {
    match Dictionary::load_source(&super::analyze::dict_source(path)) {
        Ok(d) => {
            // Sector columns show the sector's name, concept columns its first Chinese form in 「」, so that the
            // sector ai (人工智能) and its concept ai_general (「人工智能」) stay apart.
            let mut labels: BTreeMap<String, String> =
                d.sectors.iter().map(|s| (format!("sector:{}", s.id), s.zh.clone())).collect();
            for c in &d.concepts {
                if let Some(form) = c.forms.iter().find(|f| f.lang == gwr_core::Lang::Zh) {
                    labels.insert(format!("concept:{}", c.id), format!("「{}」", form.text));
                }
            }
            let known = d.sectors.iter().map(|s| s.id.clone()).chain(d.concepts.iter().map(|c| c.id.clone())).collect();
            (labels, Some(known))
        }
        Err(e) => {
            eprintln!("gwr: warning: dictionary not available ({e}); showing ids");
            (BTreeMap::new(), None)
        }
    }
}

pub fn run(args: TrendArgs) -> anyhow::Result<ExitCode> {
    if args.lines == 0 {
        anyhow::bail!("--lines must be at least 1");
    }
    let from = args.from.clone().unwrap_or_else(|| args.out.clone());
    let output = AnalyzeOutput::load(&from)?;
    let series: Vec<SeriesKey> = args
        .sectors
        .iter()
        .cloned()
        .map(SeriesKey::Sector)
        .chain(args.concepts.iter().cloned().map(SeriesKey::Concept))
        .collect();
    let (labels, known) = labels(args.dict.as_deref());
    let options_chosen = !series.is_empty();
    let options = TrendOptions::new().series(series).region(args.region.clone());
    let trend = Trend::compute(&output, &options, known.as_ref())?;
    // The terminal table shows the first --lines columns when no column was chosen; trend.csv has them all.
    let shown = if options_chosen { trend.series.len() } else { args.lines.min(trend.series.len()) };
    let mut text = trend.to_text(&labels, shown);
    if shown < trend.series.len() {
        text.push_str(&format!("({} more columns in trend.csv)\n", trend.series.len() - shown));
    }
    if trend.without_year > 0 {
        eprintln!("gwr: {} documents without a year left out", trend.without_year);
    }
    let (csv, svg) = trend.write(&args.out, &labels, args.lines)?;
    text.push_str(&format!("outputs: {}, {}\n", csv.display(), svg.display()));
    super::ignore_broken_pipe(std::io::stdout().write_all(text.as_bytes()))?;
    Ok(ExitCode::SUCCESS)
}
