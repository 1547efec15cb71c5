//! `gwr analyze`.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{bail, Context};
use gwr_core::{Lang, Status};
use gwr_pipeline::{
    analyze, analyze_with, write_outputs, Analysis, CountMode, CsvBom, Format, Formats, KeepTexts, ProgressMode,
    Settings,
};

use super::args::{AnalyzeArgs, CommonInput, FormatArg, ModeArg};
use super::{EXIT_OK, EXIT_SOME_FAILED};

/// The demo corpus compiled into gwr (`corpora/demo`), written out to a temporary folder.
pub fn demo_corpus() -> anyhow::Result<PathBuf> {
    super::embedded::demo_corpus()
}

/// The dictionary of `--dict PATH`, else the embedded default one.
pub fn dict_source(path: Option<&std::path::Path>) -> gwr_dict::DictSource {
    path.map_or(gwr_dict::DictSource::Embedded, gwr_dict::DictSource::from)
}

/// Validate the flags shared by the subcommands that read a corpus.
pub fn settings(inputs: Vec<PathBuf>, common: &CommonInput) -> anyhow::Result<Settings> {
    let inputs = if inputs.is_empty() { vec![demo_corpus()?] } else { inputs };
    let mut s = Settings::new(inputs);
    s.dictionary = dict_source(common.dict.as_deref());
    if let Some(0) = common.threads {
        bail!("--threads must be at least 1");
    }
    s.threads = common.threads;
    s.ingest.text_column = common.text_column.clone();
    if let Some(l) = &common.lang {
        s.ingest.lang =
            Some(Lang::parse(l).with_context(|| format!("unknown language {l:?} (expected zh, en or fr)"))?);
    }
    if common.quiet {
        s.progress = ProgressMode::Hidden;
    }
    if let Some(label) = &common.encoding {
        let encoding = gwr_ingest::Encoding::for_label(label.trim().as_bytes()).with_context(|| {
            format!("unknown encoding {label:?} (a WHATWG label: gb18030, big5, shift_jis, windows-1252...)")
        })?;
        s.ingest.encoding = Some(encoding);
    }
    s.ingest.region_column = common.region_column.clone();
    s.compare_within = match common.compare_within {
        crate::cli::args::CompareWithinArg::Level => gwr_pipeline::CompareWithin::Level,
        crate::cli::args::CompareWithinArg::Province => gwr_pipeline::CompareWithin::Province,
    };
    Ok(s)
}

pub fn run(args: AnalyzeArgs) -> anyhow::Result<ExitCode> {
    let mut s = settings(args.inputs, &args.common)?;
    let extra: Vec<Format> = args
        .formats
        .iter()
        .filter_map(|f| match f {
            FormatArg::Csv => None,
            FormatArg::Json => Some(Format::Json),
            FormatArg::Dta => Some(Format::Dta),
            FormatArg::Xlsx => Some(Format::Xlsx),
            FormatArg::Parquet => None,
        })
        .collect();
    s.formats = Formats::with(&extra).csv_bom(if args.csv_bom { CsvBom::Yes } else { CsvBom::No });
    if args.formats.contains(&FormatArg::Parquet) {
        s.formats = s.formats.written_later(&["documents.parquet", "counts.parquet", "scores.parquet"]);
    }
    if args.claims.is_some() {
        s.formats = s.formats.written_later(&["claims.csv"]);
    }
    // One run at a time in an output folder: held until the last output is written.
    let _lock = gwr_pipeline::OutputLock::acquire(&args.out)?;
    s.mode = match args.mode {
        ModeArg::Word => CountMode::Word,
        ModeArg::Term => CountMode::Term,
        ModeArg::Substring => CountMode::Substring,
    };
    // Hits past the memory limit go to a file in the output folder, renamed to hits.jsonl at the end.
    s.hits_dir = Some(args.out.clone());
    let (analysis, claims) = match &args.claims {
        Some(path) => {
            let (engine, claims) = super::claims::load_dictionary_and_claims(&s.dictionary, Some(path))?;
            s.keep_texts = KeepTexts::Yes;
            (analyze_with(engine, &s)?, Some(claims))
        }
        None => (analyze(&s)?, None),
    };
    if args.strict && analysis.has_failures() {
        print_failures(&analysis);
        eprintln!("gwr: --strict: some inputs failed, no output written");
        return Ok(ExitCode::from(EXIT_SOME_FAILED));
    }
    write_outputs(&analysis, &args.out, &s.formats)?;
    if args.formats.contains(&FormatArg::Parquet) {
        gwr_report::write_parquet(&args.out)?;
    }
    let mut stdout = std::io::stdout().lock();
    if !args.common.quiet || args.summary {
        super::ignore_broken_pipe(print_summary(&mut stdout, &analysis, &args.out))?;
    }
    if let Some(sector) = &args.sector {
        super::ignore_broken_pipe(print_sector(&mut stdout, &analysis, sector))?;
    }
    print_language_warnings(&analysis);
    if let Some(claims) = &claims {
        super::claims::check_and_report(&analysis, claims, &args.out, None)?;
    }
    let code = ExitCode::from(if analysis.has_failures() { EXIT_SOME_FAILED } else { EXIT_OK });
    if args.common.quiet && !args.summary {
        print_failures(&analysis);
    }
    analysis.end_with_process();
    Ok(code)
}

fn print_failures(analysis: &Analysis) {
    for d in analysis.documents.iter().filter(|d| d.status == Status::Failed) {
        eprintln!("failed: {}: {}", d.meta.source, d.reason);
    }
}

/// A language given by `--lang` (or a metadata column) that the text contradicts: one warning per document, naming
/// its source, on stderr (the note is in documents.csv too).
fn print_language_warnings(analysis: &Analysis) {
    for d in analysis.documents.iter().filter(|d| d.status == Status::Ok) {
        for note in d.reason.split("; ").filter(|n| n.starts_with("language: ")) {
            eprintln!("gwr: warning: {}: {note}", d.meta.source);
        }
    }
}

fn print_summary(w: &mut impl Write, analysis: &Analysis, out: &std::path::Path) -> std::io::Result<()> {
    let s = &analysis.summary;
    let secs = s.timing.wall_ms / 1000.0;
    writeln!(
        w,
        "{} inputs: {} ok, {} skipped, {} failed; {:.1} MB in {:.2} s ({:.1} MB/s, {} threads)",
        analysis.documents.len(),
        s.documents.ok,
        s.documents.skipped,
        s.documents.failed,
        s.bytes as f64 / 1e6,
        secs,
        if secs > 0.0 { s.bytes as f64 / 1e6 / secs } else { 0.0 },
        s.timing.threads
    )?;
    writeln!(
        w,
        "dictionary {} {} ({} sectors, {} concepts)",
        s.dictionary.name, s.dictionary.version, s.dictionary.sectors, s.dictionary.concepts
    )?;
    if s.dictionary.sectors == 1 {
        writeln!(
            w,
            "note: the dictionary has one category, so share is 1 and z is 0 for every region; compare per_10k"
        )?;
    }
    for d in analysis.documents.iter().filter(|d| d.status != Status::Ok) {
        writeln!(w, "  {}: {} ({})", d.status, d.meta.source, d.reason)?;
    }
    if !s.unknown_region.is_empty() {
        writeln!(
            w,
            "  region not found, each scored on its own (unknown:<doc_id> or x:<value>): {}",
            s.unknown_region.join(", ")
        )?;
    }
    // Top three sectors of each region, by z (rows come grouped by region, year and language).
    for region_rows in
        analysis.scores.chunk_by(|a, b| a.region_code == b.region_code && a.year == b.year && a.lang == b.lang)
    {
        let mut top: Vec<_> = region_rows.iter().filter(|r| r.rank <= 3 && r.count > 0).collect();
        if top.is_empty() {
            continue;
        }
        top.sort_by_key(|r| r.rank);
        let cells: Vec<String> = top.iter().map(|r| format!("{} (n={}, z={:.2})", r.sector, r.count, r.z)).collect();
        let first = &region_rows[0];
        let lang =
            if first.lang.is_empty() || first.lang == "zh" { String::new() } else { format!(" ({})", first.lang) };
        writeln!(w, "  {} {}{lang}: {}", first.region_code, first.year, cells.join(", "))?;
    }
    writeln!(w, "outputs: {}", out.display())
}

/// The regions ranked on one sector, by z within each group of comparable regions (the order scores.csv gives the
/// groups in). An unknown sector is an error naming the sectors there are.
fn print_sector(w: &mut impl Write, analysis: &Analysis, sector: &str) -> std::io::Result<()> {
    let rows: Vec<_> = analysis.scores.iter().filter(|r| r.sector == sector).collect();
    if rows.is_empty() {
        let sectors = analysis.engine.scored_sector_ids();
        return Err(std::io::Error::other(format!(
            "--sector {sector}: no such sector in the scores (sectors: {})",
            sectors.join(", ")
        )));
    }
    writeln!(w, "{sector}: regions by z within each year")?;
    for year_rows in rows.chunk_by(|a, b| a.year == b.year) {
        let mut ranked = year_rows.to_vec();
        ranked.sort_by(|a, b| b.z.total_cmp(&a.z).then_with(|| a.region_code.cmp(&b.region_code)));
        for (i, r) in ranked.iter().enumerate() {
            writeln!(
                w,
                "  {} {:>3}. {:<12} n={:<5} per_10k={:<9.3} lq={:<6.2} z={:.2}",
                r.year,
                i + 1,
                r.region_code,
                r.count,
                r.per_10k,
                r.lq,
                r.z
            )?;
        }
    }
    Ok(())
}
