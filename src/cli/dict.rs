//! `gwr dict`.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::io::Write as _;
use std::process::ExitCode;

use anyhow::Context;
use gwr_core::Hit;
use gwr_dict::{Dictionary, Severity};
use gwr_pipeline::{Analysis, KeepTexts};

use super::args::{DictCommand, YamlFlavour};

pub fn run(cmd: DictCommand) -> anyhow::Result<ExitCode> {
    match cmd {
        DictCommand::Check { path } => {
            let source = super::analyze::dict_source(path.as_deref());
            let dict = Dictionary::load_source(&source)?;
            let problems = dict.check();
            let errors = problems.iter().filter(|p| p.severity == Severity::Error).count();
            for p in &problems {
                println!("{p}");
            }
            println!("{source}: {errors} errors, {} warnings; {}", problems.len() - errors, dict.stats());
            Ok(ExitCode::from(if errors > 0 { 2 } else { 0 }))
        }
        DictCommand::Stats { path } => {
            let dict = Dictionary::load_source(&super::analyze::dict_source(path.as_deref()))?;
            println!("{}", dict.stats());
            Ok(ExitCode::SUCCESS)
        }
        DictCommand::Export { to, path, output } => {
            let dict = Dictionary::load_source(&super::analyze::dict_source(path.as_deref()))?;
            let text = match to {
                YamlFlavour::Cntext => dict.to_cntext_yaml(),
                YamlFlavour::Quanteda => dict.to_quanteda_yaml(),
            };
            match output {
                Some(o) => std::fs::write(&o, text).with_context(|| format!("cannot write {}", o.display()))?,
                None => print!("{text}"),
            }
            Ok(ExitCode::SUCCESS)
        }
        DictCommand::ExportDefault { dir } => {
            let written = gwr_dict::export_embedded(&dir)?;
            let dict = Dictionary::load(&dir)?;
            println!("{} files written into {} ({}; hash {})", written.len(), dir.display(), dict.stats(), dict.hash);
            Ok(ExitCode::SUCCESS)
        }
        DictCommand::Audit { inputs, per_concept, out, common } => {
            let mut settings = super::analyze::settings(inputs, &common)?;
            settings.keep_texts = KeepTexts::Yes;
            let analysis = gwr_pipeline::analyze(&settings)?;
            let hits = analysis.documents.iter().map(|d| analysis.hits(d)).collect::<Result<Vec<_>, _>>()?;
            let rows = audit(&analysis, &hits, per_concept);
            let tsv = out.as_ref().is_some_and(|o| o.extension().is_some_and(|e| e.eq_ignore_ascii_case("tsv")));
            let mut text = String::new();
            if tsv {
                write_audit_tsv(&mut text, &rows)?;
            } else {
                write_audit_text(&mut text, &rows)?;
            }
            match out {
                Some(o) => std::fs::write(&o, text).with_context(|| format!("cannot write {}", o.display()))?,
                None => super::ignore_broken_pipe(std::io::stdout().lock().write_all(text.as_bytes()))?,
            }
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// Characters of context shown on each side of an audited hit.
const AUDIT_CONTEXT_CHARS: usize = 24;

/// One concept of the audit: its sector, how often it matched, and the hits chosen for reading.
struct AuditConcept<'a> {
    sector: &'a str,
    concept: &'a str,
    total: usize,
    documents: usize,
    shown: Vec<AuditLine<'a>>,
}

/// A hit in context: `left | surface | right`, at `doc_id@start..end`.
struct AuditLine<'a> {
    doc_id: &'a str,
    start: usize,
    end: usize,
    left: String,
    surface: &'a str,
    right: String,
    in_glossary: bool,
}

/// For every concept of the dictionary, in dictionary order, up to `n` of its hits spread over documents: the
/// first hit of each document in turn (documents taken from a point that depends on the concept id, so the
/// same few reports do not fill every concept), then the second of each, and so on. Deterministic.
fn audit<'a>(analysis: &'a Analysis, hits: &'a [Vec<Hit>], n: usize) -> Vec<AuditConcept<'a>> {
    let dict = analysis.engine.dictionary();
    // concept id → document index → hits of that concept in the document, in source order.
    let mut by_concept: BTreeMap<&str, BTreeMap<usize, Vec<&Hit>>> = BTreeMap::new();
    for (d, doc_hits) in hits.iter().enumerate() {
        for h in doc_hits {
            by_concept.entry(h.concept.as_str()).or_default().entry(d).or_default().push(h);
        }
    }
    dict.concepts
        .iter()
        .map(|c| {
            let per_doc: Vec<(usize, &Vec<&Hit>)> =
                by_concept.get(c.id.as_str()).map(|m| m.iter().map(|(d, v)| (*d, v)).collect()).unwrap_or_default();
            let total = per_doc.iter().map(|(_, v)| v.len()).sum();
            let mut shown = Vec::new();
            if !per_doc.is_empty() {
                let rotate = (fnv(c.id.as_bytes()) % per_doc.len() as u64) as usize;
                let mut round = 0;
                while shown.len() < n.min(total) {
                    for k in 0..per_doc.len() {
                        let (d, hits) = per_doc[(k + rotate) % per_doc.len()];
                        if let Some(h) = hits.get(round) {
                            if shown.len() < n {
                                let text = analysis.documents[d].text.as_deref().unwrap_or("");
                                shown.push(kwic(text, h));
                            }
                        }
                    }
                    round += 1;
                }
            }
            AuditConcept { sector: &dict.sectors[c.sector].id, concept: &c.id, total, documents: per_doc.len(), shown }
        })
        .collect()
}

fn kwic<'a>(text: &str, h: &'a Hit) -> AuditLine<'a> {
    let flat = |s: &str| s.chars().map(|c| if c.is_control() { ' ' } else { c }).collect::<String>();
    let (left, right) = match (text.get(..h.start), text.get(h.end..)) {
        (Some(before), Some(after)) => {
            let from = before.char_indices().rev().nth(AUDIT_CONTEXT_CHARS - 1).map_or(0, |(i, _)| i);
            let to = after.char_indices().nth(AUDIT_CONTEXT_CHARS).map_or(after.len(), |(i, _)| i);
            (flat(&before[from..]), flat(&after[..to]))
        }
        // No text kept (or offsets outside it): fall back on the hit's own context, unsplit.
        _ => (flat(&h.context), String::new()),
    };
    AuditLine {
        doc_id: &h.doc_id,
        start: h.start,
        end: h.end,
        left,
        surface: &h.surface,
        right,
        in_glossary: h.in_glossary,
    }
}

fn write_audit_text(w: &mut String, rows: &[AuditConcept<'_>]) -> std::fmt::Result {
    let mut sector = "";
    for r in rows {
        if r.sector != sector {
            sector = r.sector;
            writeln!(w, "\n## {sector}")?;
        }
        writeln!(w, "\n{} ({} hits in {} documents)", r.concept, r.total, r.documents)?;
        for l in &r.shown {
            let glossary = if l.in_glossary { " [glossary]" } else { "" };
            writeln!(
                w,
                "  {:>width$} | {} | {}    {}@{}..{}{glossary}",
                l.left,
                l.surface,
                l.right,
                l.doc_id,
                l.start,
                l.end,
                width = AUDIT_CONTEXT_CHARS
            )?;
        }
    }
    Ok(())
}

fn write_audit_tsv(w: &mut String, rows: &[AuditConcept<'_>]) -> std::fmt::Result {
    let cell = |s: &str| s.replace(['\t', '\n', '\r'], " ");
    writeln!(w, "sector\tconcept\tdoc_id\tstart\tend\tleft\tsurface\tright\tin_glossary")?;
    for r in rows {
        for l in &r.shown {
            writeln!(
                w,
                "{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}",
                r.sector,
                r.concept,
                cell(l.doc_id),
                l.start,
                l.end,
                cell(&l.left),
                cell(l.surface),
                cell(&l.right),
                l.in_glossary
            )?;
        }
    }
    Ok(())
}

/// FNV-1a, 64 bits: the same on every run and platform.
fn fnv(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, &b| (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3))
}
