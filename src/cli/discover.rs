//! `gwr discover`: candidate terms the dictionary misses, one per line; `--out FILE` writes them as a dictionary
//! file for review.

use std::io::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use clap::Args;
use gwr_dict::Dictionary;
use gwr_report::DiscoverOptions;

#[derive(Args, Debug)]
pub struct DiscoverArgs {
    /// Corpus files and folders (as for `gwr analyze`).
    #[arg(value_name = "CORPUS", required = true)]
    pub inputs: Vec<PathBuf>,
    /// Write the candidates as a dictionary TOML file (schema in dictionaries/README.md) for a person to accept.
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
    /// Candidates to keep, best first.
    #[arg(long, value_name = "N", default_value_t = 100)]
    pub top: usize,
    /// KWIC examples per candidate (in --out; the printed line shows the first).
    #[arg(long, value_name = "N", default_value_t = 3)]
    pub examples: usize,
    /// Dictionary whose terms are known (default: the one compiled into gwr).
    #[arg(long, value_name = "PATH")]
    pub dict: Option<PathBuf>,
}

pub fn run(args: DiscoverArgs) -> anyhow::Result<ExitCode> {
    if args.top == 0 {
        anyhow::bail!("--top must be at least 1");
    }
    let dict = Dictionary::load_source(&super::analyze::dict_source(args.dict.as_deref()))?;
    let options = DiscoverOptions::new().top(args.top).examples(args.examples);
    let found = gwr_report::discover(&args.inputs, &dict, &options)?;
    let mut text = String::new();
    for c in &found.candidates {
        text.push_str(&c.line());
        text.push('\n');
    }
    eprintln!(
        "gwr: {} candidates from {} documents ({} inputs not used; distinctiveness by {})",
        found.candidates.len(),
        found.documents,
        found.not_used.len(),
        match found.grouping {
            gwr_report::Grouping::Region => "region",
            gwr_report::Grouping::Year => "year",
        }
    );
    if let Some(out) = &args.out {
        let corpus: Vec<String> = args.inputs.iter().map(|p| p.display().to_string()).collect();
        std::fs::write(out, found.to_toml(&dict, &corpus.join(", ")))
            .with_context(|| format!("cannot write {}", out.display()))?;
        eprintln!("gwr: wrote {}", out.display());
    }
    super::ignore_broken_pipe(std::io::stdout().write_all(text.as_bytes()))?;
    Ok(ExitCode::SUCCESS)
}
