//! `gwr kwic`: keyword in context.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{bail, Context};
use clap::{Args, ValueEnum};
use gwr_pipeline::{kwic, Boundaries, ContextWidth, KwicLine, KwicPattern, KwicQuery};

use super::args::CommonInput;
use super::EXIT_OK;

pub const KWIC_HELP: &str = "Keyword in context: every place a word occurs in a corpus, with its region, year and
doc_id@start..end (byte offsets into the decoded source text), the word marked 【like this】.

Words are read and matched exactly as `gwr analyze` counts dictionary terms: same decoding, boilerplate removal,
normalization (Traditional → Simplified, full width → half width, case) and word boundaries (a word is found only
as a whole jieba token between Chinese characters, and not inside a longer Latin word). --no-boundary shows every
occurrence, inside longer words too. --regex takes regular expressions (Rust regex syntax) instead of words,
matched on the normalized text.

The arguments are the words, then the files and folders to read: the trailing arguments that exist on disk are
the corpus (default: the demo corpus).";

#[derive(Args, Debug)]
pub struct KwicArgs {
    /// Words (or with --regex, regular expressions), then files and folders to read.
    #[arg(value_name = "WORD... [PATH...]", required = true)]
    pub args: Vec<String>,
    /// The words are regular expressions.
    #[arg(long)]
    pub regex: bool,
    /// Show every occurrence, not only whole words.
    #[arg(long)]
    pub no_boundary: bool,
    /// Show the whole sentence around each occurrence.
    #[arg(long)]
    pub sentence: bool,
    /// Characters shown on each side (without --sentence).
    #[arg(long, value_name = "N", default_value_t = 20)]
    pub width: usize,
    /// Only documents of this region (code such as CN-AH or 340100, or name such as 安徽).
    #[arg(long, value_name = "REGION")]
    pub region: Option<String>,
    /// Only documents of this year.
    #[arg(long)]
    pub year: Option<u16>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = KwicFormat::Text)]
    pub format: KwicFormat,
    #[command(flatten)]
    pub common: CommonInput,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum KwicFormat {
    /// One line per occurrence, for reading.
    Text,
    /// CSV with a header: region_code, year, doc_id, start, end, left, match, right.
    Csv,
}

pub fn run(args: KwicArgs) -> anyhow::Result<ExitCode> {
    let split = args.args.iter().rposition(|a| !std::path::Path::new(a).exists()).map_or(0, |i| i + 1);
    let (words, paths) = args.args.split_at(split);
    if words.is_empty() {
        bail!("no word to look for (every argument is a file or folder: {})", paths.join(", "));
    }
    let inputs: Vec<PathBuf> = paths.iter().map(PathBuf::from).collect();
    let settings = super::analyze::settings(inputs, &args.common)?;
    let pattern = if args.regex {
        let joined = words.iter().map(|w| format!("(?:{w})")).collect::<Vec<_>>().join("|");
        // Compiled here so a bad pattern is a usage error (exit 2) before any file is read.
        KwicPattern::Regex(regex::Regex::new(&joined).with_context(|| format!("--regex {joined:?}"))?)
    } else {
        KwicPattern::Words(words.to_vec())
    };
    let query = KwicQuery {
        pattern,
        boundaries: if args.no_boundary { Boundaries::Ignore } else { Boundaries::Word },
        context: if args.sentence { ContextWidth::Sentence } else { ContextWidth::Chars(args.width) },
        region: args.region.clone(),
        year: args.year,
    };
    let lines = kwic(&settings, &query)?;
    let mut out = std::io::stdout().lock();
    super::ignore_broken_pipe(match args.format {
        KwicFormat::Text => print_text(&mut out, &lines),
        KwicFormat::Csv => print_csv(&mut out, &lines),
    })?;
    if !args.common.quiet {
        eprintln!("{} occurrences", lines.len());
    }
    Ok(ExitCode::from(EXIT_OK))
}

fn print_text(w: &mut impl Write, lines: &[KwicLine]) -> std::io::Result<()> {
    for l in lines {
        let year = l.year.map(|y| y.to_string()).unwrap_or_else(|| "-".into());
        writeln!(
            w,
            "{} {} {}@{}..{}\t{}【{}】{}",
            l.region_code, year, l.doc_id, l.start, l.end, l.left, l.surface, l.right
        )?;
    }
    Ok(())
}

fn print_csv(w: &mut impl Write, lines: &[KwicLine]) -> std::io::Result<()> {
    let mut cw = csv::Writer::from_writer(w);
    cw.write_record(["region_code", "year", "doc_id", "start", "end", "left", "match", "right"])?;
    for l in lines {
        let year = l.year.map(|y| y.to_string()).unwrap_or_default();
        cw.write_record([
            l.region_code.as_str(),
            &year,
            &l.doc_id,
            &l.start.to_string(),
            &l.end.to_string(),
            &l.left,
            &l.surface,
            &l.right,
        ])?;
    }
    cw.flush()
}
