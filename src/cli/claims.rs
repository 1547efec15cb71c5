//! `gwr claims` and `gwr analyze --claims`.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context;
use gwr_claims::{verify, write_claims_csv, ClaimsFile, DocText, VerifyInput};
use gwr_core::Status;
use gwr_dict::regions::Gazetteer;
use gwr_dict::DictSource;
use gwr_pipeline::{
    analyze_with, load_checked_dictionary, write_file_atomic, write_outputs, Analysis, Engine, KeepTexts,
};

use super::args::{ClaimsArgs, ClaimsCommand};
use super::{analyze, EXIT_OK, EXIT_SOME_FAILED};

/// The corpus the shipped claims are about, the 31 provincial reports of 2026: `$GWR_CORPORA/provincial-2026`
/// when GWR_CORPORA is set, else `../shared/corpora/provincial-2026` from the current folder.
fn default_claims_corpus() -> anyhow::Result<PathBuf> {
    let p = match std::env::var_os("GWR_CORPORA").filter(|v| !v.is_empty()) {
        Some(corpora) => PathBuf::from(corpora).join("provincial-2026"),
        None => PathBuf::from("../shared/corpora/provincial-2026"),
    };
    if p.is_dir() {
        return Ok(p);
    }
    anyhow::bail!("no corpus given and {} not found: name the reports to check the claims against", p.display())
}

pub fn run(args: ClaimsArgs) -> anyhow::Result<ExitCode> {
    match args.command {
        Some(ClaimsCommand::Extract { article, output }) => extract(&article, output.as_deref()),
        None => {
            let inputs = if args.inputs.is_empty() { vec![default_claims_corpus()?] } else { args.inputs };
            let settings = analyze::settings(inputs, &args.common)?;
            let (engine, claims) = load_dictionary_and_claims(&settings.dictionary, args.claims.as_deref())?;
            let mut settings = settings;
            settings.keep_texts = KeepTexts::Yes;
            settings.hits_dir = Some(args.out.clone());
            settings.formats = settings.formats.written_later(&["claims.csv"]);
            let _lock = gwr_pipeline::OutputLock::acquire(&args.out)?;
            let analysis = analyze_with(engine, &settings)?;
            write_outputs(&analysis, &args.out, &settings.formats)?;
            check_and_report(&analysis, &claims, &args.out, args.year)?;
            let code = ExitCode::from(if analysis.has_failures() { EXIT_SOME_FAILED } else { EXIT_OK });
            analysis.end_with_process();
            Ok(code)
        }
    }
}

/// Load the dictionary and the claims file (`None`: the shipped one, compiled into gwr) before any work, so a
/// broken one is refused at once.
pub fn load_dictionary_and_claims(dict: &DictSource, claims: Option<&Path>) -> anyhow::Result<(Engine, ClaimsFile)> {
    let engine = Engine::load(dict)?;
    let claims = match claims {
        Some(path) => ClaimsFile::load(path, Gazetteer::builtin(), engine.dictionary())?,
        None => {
            let (name, text) = super::embedded::default_claims();
            ClaimsFile::parse(text, &name, Gazetteer::builtin(), engine.dictionary())?
        }
    };
    Ok((engine, claims))
}

/// Verify the claims against an analysis that kept its texts, write `claims.csv` and print the table.
pub fn check_and_report(analysis: &Analysis, claims: &ClaimsFile, out: &Path, year: Option<u16>) -> anyhow::Result<()> {
    let docs: Vec<DocText<'_>> = analysis
        .documents
        .iter()
        .filter(|d| d.status == Status::Ok)
        .filter_map(|d| d.text.as_deref().map(|text| DocText { meta: d.meta.clone(), text, han_chars: d.han_chars }))
        .collect();
    // Only the hits of the sectors the claims name are read back: evidence, figures and unscored rates need no other.
    let sectors: BTreeSet<&str> = claims.claims.iter().flat_map(|c| c.sectors.iter().map(String::as_str)).collect();
    let mut hits: Vec<gwr_core::Hit> = Vec::new();
    for d in &analysis.documents {
        hits.extend(analysis.hits(d)?.into_iter().filter(|h| sectors.contains(h.sector.as_str())));
    }
    let results = verify(claims, &VerifyInput { scores: &analysis.scores, hits: &hits, docs: &docs, year });
    let mut buf = Vec::new();
    write_claims_csv(&results, &mut buf)?;
    write_file_atomic(out, "claims.csv", |w| w.write_all(&buf))?;
    let table = gwr_claims::render_table(&results);
    super::ignore_broken_pipe(std::io::Write::write_all(&mut std::io::stdout().lock(), table.as_bytes()))?;
    println!("claims: {}", out.join("claims.csv").display());
    Ok(())
}

fn extract(article: &Path, output: Option<&Path>) -> anyhow::Result<ExitCode> {
    let text = std::fs::read_to_string(article).with_context(|| format!("cannot read {}", article.display()))?;
    let dict = load_checked_dictionary(DictSource::Embedded)?;
    let proposed = gwr_claims::extract(&text, &dict, Gazetteer::builtin());
    let toml = gwr_claims::to_toml(&proposed);
    match output {
        Some(path) => std::fs::write(path, toml).with_context(|| format!("cannot write {}", path.display()))?,
        None => super::ignore_broken_pipe(std::io::Write::write_all(&mut std::io::stdout().lock(), toml.as_bytes()))?,
    }
    Ok(ExitCode::SUCCESS)
}
