//! `gwr bench`: throughput of every stage on a corpus (the logic is in gwr-bench).

use std::io::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{bail, Context};
use clap::Args;
use gwr_bench::{Corpus, FormKind, Options};

#[derive(Args, Debug)]
pub struct BenchArgs {
    /// Files and folders to measure on (default: the demo corpus corpora/demo; a larger one is
    /// ../shared/corpora/national-zh).
    #[arg(value_name = "PATH")]
    pub inputs: Vec<PathBuf>,
    /// Print the report as JSON.
    #[arg(long)]
    pub json: bool,
    /// Worker threads (default: all cores).
    #[arg(long, value_name = "N")]
    pub threads: Option<usize>,
    /// Runs of each stage; the best and the median are reported.
    #[arg(long, value_name = "N", default_value_t = 3)]
    pub repeat: usize,
    /// Repeat the corpus in memory until it holds at least this many MB of text.
    #[arg(long, value_name = "MB")]
    pub min_mb: Option<u64>,
    /// Join all documents into one (a huge file: measures the split of one document across threads).
    #[arg(long)]
    pub one_document: bool,
    /// Dictionary: a folder like dictionaries/, a TOML file, or a cntext/quanteda YAML file.
    #[arg(long, value_name = "PATH")]
    pub dict: Option<PathBuf>,
    /// Write DIR/terms.txt and DIR/exclusions.txt (the dictionary's normalized Chinese forms) and DIR/corpus.txt (the normalized text of
    /// the corpus) for other tools, then stop (used by benches/peers/run.sh).
    #[arg(long, value_name = "DIR")]
    pub export: Option<PathBuf>,
}

pub fn run(args: BenchArgs) -> anyhow::Result<ExitCode> {
    if args.threads == Some(0) || args.repeat == 0 {
        bail!("--threads and --repeat must be at least 1");
    }
    let inputs = if args.inputs.is_empty() { vec![super::analyze::demo_corpus()?] } else { args.inputs };
    let engine = gwr_pipeline::Engine::load(super::analyze::dict_source(args.dict.as_deref()))?;
    let mut corpus = Corpus::load(&inputs)?;
    if let Some(mb) = args.min_mb {
        corpus = corpus.scaled(mb.saturating_mul(1_000_000));
    }
    if args.one_document {
        corpus = corpus.as_one_document();
    }
    if let Some(dir) = args.export {
        std::fs::create_dir_all(&dir).with_context(|| format!("cannot create {}", dir.display()))?;
        for (name, text) in [
            ("terms.txt", gwr_bench::chinese_forms(&engine, FormKind::Terms)),
            ("exclusions.txt", gwr_bench::chinese_forms(&engine, FormKind::Exclusions)),
            ("corpus.txt", gwr_bench::normalized_text(&corpus)),
        ] {
            let path = dir.join(name);
            std::fs::write(&path, text).with_context(|| format!("cannot write {}", path.display()))?;
        }
        return Ok(ExitCode::SUCCESS);
    }
    let mut options = Options { repeat: args.repeat, ..Options::default() };
    if let Some(t) = args.threads {
        options.threads = t;
    }
    let mut report = gwr_bench::measure(&engine, &corpus, &options)?;
    report.formats = gwr_bench::measure_formats(&corpus, &options)?;
    let text = if args.json { report.to_json() + "\n" } else { report.table() };
    super::ignore_broken_pipe(std::io::stdout().write_all(text.as_bytes()))?;
    Ok(ExitCode::SUCCESS)
}
