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

mod eval;

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
            let rejected = rejected_by_rules(&analysis);
            let rule_rows = audit_rules(&analysis, &rejected, per_concept);
            let tsv = out.as_ref().is_some_and(|o| o.extension().is_some_and(|e| e.eq_ignore_ascii_case("tsv")));
            let mut text = String::new();
            if tsv {
                write_audit_tsv(&mut text, &rows, &rule_rows)?;
            } else {
                write_audit_text(&mut text, &rows)?;
                write_rules_text(&mut text, &rule_rows)?;
            }
            match out {
                Some(o) => std::fs::write(&o, text).with_context(|| format!("cannot write {}", o.display()))?,
                None => super::ignore_broken_pipe(std::io::stdout().lock().write_all(text.as_bytes()))?,
            }
            Ok(ExitCode::SUCCESS)
        }
        DictCommand::Eval { labels, corpora, split, enforce, foreign_labels, common } => {
            eval::run(&labels, corpora, split.as_deref(), enforce, foreign_labels, &common)
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

/// Counted hits first, then the hits rules rejected; `rejected_by` is empty for a counted hit and names the rule
/// (`kind [terms] within … (file:line)`) for a rejected one.
fn write_audit_tsv(w: &mut String, rows: &[AuditConcept<'_>], rules: &[AuditRule<'_>]) -> std::fmt::Result {
    let cell = |s: &str| s.replace(['\t', '\n', '\r'], " ");
    writeln!(w, "sector\tconcept\tdoc_id\tstart\tend\tleft\tsurface\tright\tin_glossary\trejected_by")?;
    let shown = rows.iter().flat_map(|r| r.shown.iter().map(move |l| (r.sector, r.concept, l, String::new())));
    let rejected = rules.iter().flat_map(|r| r.shown.iter().map(move |l| (r.sector, r.concept, l, r.rule.clone())));
    for (sector, concept, l, rule) in shown.chain(rejected) {
        writeln!(
            w,
            "{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}",
            sector,
            concept,
            cell(l.doc_id),
            l.start,
            l.end,
            cell(&l.left),
            cell(l.surface),
            cell(&l.right),
            l.in_glossary,
            cell(&rule)
        )?;
    }
    Ok(())
}

/// Every match a context rule rejected, per document (documents in analysis order), as full hits with the
/// index of the rule. The documents are matched again from their kept texts: rejected matches are rare and
/// the audit is not on the hot path, so a run does not carry them.
fn rejected_by_rules(analysis: &Analysis) -> Vec<Vec<(Hit, gwr_pipeline::RejectedHit)>> {
    let engine = &analysis.engine;
    analysis
        .documents
        .iter()
        .map(|d| {
            let Some(text) = d.text.as_deref() else {
                return Vec::new();
            };
            let counts = engine.process(text, d.meta.lang);
            counts.rejected.iter().map(|r| (engine.hit(&d.meta.doc_id, text, &r.hit), *r)).collect()
        })
        .collect()
}

/// One rule of the audit: its concept, how many matches it rejected, and some of them for reading.
struct AuditRule<'a> {
    sector: &'a str,
    concept: &'a str,
    rule: String,
    total: usize,
    shown: Vec<AuditLine<'a>>,
}

/// For every rule of the dictionary, in dictionary order, up to `n` of the matches it rejected: the first of
/// each document in turn, then the second, and so on.
fn audit_rules<'a>(
    analysis: &'a Analysis,
    rejected: &'a [Vec<(Hit, gwr_pipeline::RejectedHit)>],
    n: usize,
) -> Vec<AuditRule<'a>> {
    let dict = analysis.engine.dictionary();
    let mut out = Vec::new();
    for (c, concept) in dict.concepts.iter().enumerate() {
        for (k, rule) in concept.rules.iter().enumerate() {
            let per_doc: Vec<(usize, Vec<&Hit>)> = rejected
                .iter()
                .enumerate()
                .map(|(d, v)| {
                    let of_rule = v.iter().filter(|(_, r)| r.hit.concept as usize == c && r.rule as usize == k);
                    (d, of_rule.map(|(h, _)| h).collect::<Vec<_>>())
                })
                .filter(|(_, v)| !v.is_empty())
                .collect();
            let total = per_doc.iter().map(|(_, v)| v.len()).sum();
            let mut shown = Vec::new();
            let mut round = 0;
            while shown.len() < n.min(total) {
                for (d, hits) in &per_doc {
                    if let (Some(h), true) = (hits.get(round), shown.len() < n) {
                        shown.push(kwic(analysis.documents[*d].text.as_deref().unwrap_or(""), h));
                    }
                }
                round += 1;
            }
            let sector = &dict.sectors[concept.sector].id;
            out.push(AuditRule { sector, concept: &concept.id, rule: rule.to_string(), total, shown });
        }
    }
    out
}

fn write_rules_text(w: &mut String, rules: &[AuditRule<'_>]) -> std::fmt::Result {
    if rules.is_empty() {
        return Ok(());
    }
    let total: usize = rules.iter().map(|r| r.total).sum();
    writeln!(w, "\n## rejected by context rules ({total} matches not counted)")?;
    for r in rules {
        writeln!(w, "\n{} ({}): {} rejected {} matches", r.concept, r.sector, r.rule, r.total)?;
        for l in &r.shown {
            writeln!(
                w,
                "  {:>width$} | {} | {}    {}@{}..{}",
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

/// FNV-1a, 64 bits: the same on every run and platform.
fn fnv(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, &b| (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3))
}
