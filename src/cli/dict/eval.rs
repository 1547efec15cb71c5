//! `gwr dict eval`: the dictionary's sector precision and recall, recomputed from the label files of
//! `dictionaries/audit/` (format in `dictionaries/AUDIT.md` and below) against a fresh analysis of the corpora.
//!
//! - `precision.tsv` (`item split corpus doc_id start end surface_len label_a label_b label`): hits sampled from
//!   gwr's output, each labelled by two annotators with a sector id or `NONE` (a trailing `?` marks an unsure
//!   label and is ignored here), `label` the resolved one. An item counts for precision when the current
//!   dictionary still counts a scored hit with the same document and byte span: it is right when that hit's sector
//!   is `label`. Items it no longer counts are reported apart: removed right (label `NONE`) or removed wrong.
//! - `recall.tsv` (`item split corpus doc_id start end sector annotators`): every sector mention of randomly drawn
//!   paragraphs (`paragraphs.tsv`: `para split corpus doc_id start end`), as resolved. A mention is found when a
//!   counted hit of the same sector overlaps its span.
//!
//! Cohen's kappa is computed over the precision items, `label_a` against `label_b`.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{bail, Context};
use gwr_dict::SectorKind;
use gwr_pipeline::KeepTexts;

use crate::cli::args::CommonInput;

/// Overall precision the dictionary must reach.
pub const MIN_PRECISION: f64 = 0.97;
/// Precision every sector with at least [`MIN_SECTOR_ITEMS`] counted items must reach.
pub const MIN_SECTOR_PRECISION: f64 = 0.9;
/// Counted items from which a sector's own precision is held to [`MIN_SECTOR_PRECISION`].
pub const MIN_SECTOR_ITEMS: usize = 10;
/// Overall recall the dictionary must reach.
pub const MIN_RECALL: f64 = 0.95;

const CORPORA: [&str; 2] = ["provincial-2026", "national-zh"];
const SPLITS: [&str; 2] = ["dev", "heldout"];

/// One row of a label file, by column name, with its line for messages.
struct Row {
    line: usize,
    cells: HashMap<String, String>,
}

impl Row {
    fn get(&self, column: &str) -> &str {
        self.cells.get(column).map_or("", String::as_str)
    }
}

/// A TSV label file: the header must hold `columns` (in any order; more columns are allowed).
fn read_tsv(path: &Path, columns: &[&str]) -> anyhow::Result<Vec<Row>> {
    let text = std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?;
    let mut lines = text.lines().enumerate();
    let Some((_, header)) = lines.next() else {
        bail!("{}:1: empty file (expected a header: {})", path.display(), columns.join(" "));
    };
    let header: Vec<String> = header.trim_start_matches('\u{feff}').split('\t').map(|h| h.trim().to_string()).collect();
    for c in columns {
        if !header.iter().any(|h| h == c) {
            bail!("{}:1: no column {c:?} in the header (expected: {})", path.display(), columns.join(" "));
        }
    }
    let mut rows = Vec::new();
    for (i, line) in lines {
        if line.trim().is_empty() {
            continue;
        }
        let cells: Vec<&str> = line.split('\t').collect();
        if cells.len() != header.len() {
            bail!("{}:{}: {} cells, the header has {}", path.display(), i + 1, cells.len(), header.len());
        }
        let cells = header.iter().cloned().zip(cells.iter().map(|c| c.trim().to_string())).collect();
        rows.push(Row { line: i + 1, cells });
    }
    Ok(rows)
}

/// True for an ASCII snake_case id (what a sector id of another dictionary looks like).
fn is_sector_id(s: &str) -> bool {
    s.starts_with(|c: char| c.is_ascii_lowercase())
        && s.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
}

/// A label without its unsure mark.
fn sure(label: &str) -> &str {
    label.trim().trim_end_matches('?').trim()
}

/// A labelled span: which document, which bytes.
#[derive(Clone, Debug)]
struct Place {
    line: usize,
    split: String,
    doc_id: String,
    start: usize,
    end: usize,
}

/// The columns every row has (`split corpus doc_id start end`), checked.
fn place(file: &Path, row: &Row) -> anyhow::Result<Place> {
    let at = || format!("{}:{}", file.display(), row.line);
    let split = row.get("split");
    if !SPLITS.contains(&split) {
        bail!("{}: split {split:?} is neither dev nor heldout", at());
    }
    let corpus = row.get("corpus");
    if !CORPORA.contains(&corpus) {
        bail!("{}: corpus {corpus:?} is neither provincial-2026 nor national-zh", at());
    }
    let doc_id = row.get("doc_id");
    if !doc_id.starts_with(&format!("{corpus}/")) {
        bail!("{}: doc_id {doc_id:?} is not in corpus {corpus}", at());
    }
    let number = |c: &str| {
        row.get(c).parse::<usize>().with_context(|| format!("{}: {c} {:?} is not a byte offset", at(), row.get(c)))
    };
    let (start, end) = (number("start")?, number("end")?);
    if start >= end {
        bail!("{}: start {start} is not before end {end}", at());
    }
    Ok(Place { line: row.line, split: split.to_string(), doc_id: doc_id.to_string(), start, end })
}

/// Precision and recall counts of one sector (or of all).
#[derive(Clone, Copy, Default)]
struct Tally {
    counted: usize,
    right: usize,
    mentions: usize,
    found: usize,
}

impl Tally {
    fn precision(&self) -> Option<f64> {
        (self.counted > 0).then(|| self.right as f64 / self.counted as f64)
    }

    fn recall(&self) -> Option<f64> {
        (self.mentions > 0).then(|| self.found as f64 / self.mentions as f64)
    }
}

fn ratio(value: Option<f64>) -> String {
    value.map_or_else(|| "-".to_string(), |v| format!("{v:.3}"))
}

/// Cohen's kappa of two label sequences, and their raw agreement; `None` without items.
fn kappa(pairs: &[(&str, &str)]) -> Option<(f64, f64)> {
    if pairs.is_empty() {
        return None;
    }
    let n = pairs.len() as f64;
    let mut a: BTreeMap<&str, f64> = BTreeMap::new();
    let mut b: BTreeMap<&str, f64> = BTreeMap::new();
    let mut agree = 0.0;
    for &(x, y) in pairs {
        *a.entry(x).or_default() += 1.0;
        *b.entry(y).or_default() += 1.0;
        if x == y {
            agree += 1.0;
        }
    }
    let observed = agree / n;
    let expected: f64 = a.iter().map(|(k, ca)| ca / n * b.get(k).copied().unwrap_or(0.0) / n).sum();
    let kappa = if expected >= 1.0 { 1.0 } else { (observed - expected) / (1.0 - expected) };
    Some((kappa, observed))
}

/// Counted (scored) hits of a document: (start, end, sector).
type DocHits = Vec<(usize, usize, String)>;

pub fn run(
    labels: &Path,
    corpora: Option<PathBuf>,
    split: Option<&str>,
    enforce: bool,
    foreign: bool,
    common: &CommonInput,
) -> anyhow::Result<ExitCode> {
    if let Some(s) = split {
        if !SPLITS.contains(&s) {
            bail!("--split {s:?}: expected dev or heldout");
        }
    }
    let precision_file = labels.join("precision.tsv");
    let recall_file = labels.join("recall.tsv");
    let paragraphs_file = labels.join("paragraphs.tsv");
    let precision_rows = read_tsv(
        &precision_file,
        &["item", "split", "corpus", "doc_id", "start", "end", "surface_len", "label_a", "label_b", "label"],
    )?;
    let recall_rows =
        read_tsv(&recall_file, &["item", "split", "corpus", "doc_id", "start", "end", "sector", "annotators"])?;
    let paragraph_rows = read_tsv(&paragraphs_file, &["para", "split", "corpus", "doc_id", "start", "end"])?;

    let corpora = match corpora {
        Some(c) => c,
        None => std::env::var_os("GWR_CORPORA")
            .filter(|v| !v.is_empty())
            .map_or_else(|| PathBuf::from("../shared/corpora"), PathBuf::from),
    };
    let inputs: Vec<PathBuf> = CORPORA.iter().map(|c| corpora.join(c)).collect();
    for input in &inputs {
        if !input.is_dir() {
            bail!("{}: no such corpus folder (give --corpora or set GWR_CORPORA)", input.display());
        }
    }
    let mut settings = crate::cli::analyze::settings(inputs, common)?;
    settings.keep_texts = KeepTexts::Yes;
    let analysis = gwr_pipeline::analyze(&settings)?;
    let dict = analysis.engine.dictionary();
    let scored: BTreeSet<&str> =
        dict.sectors.iter().filter(|s| s.kind == SectorKind::Sector).map(|s| s.id.as_str()).collect();
    let mut texts: HashMap<&str, &str> = HashMap::new();
    let mut hits: HashMap<String, DocHits> = HashMap::new();
    for doc in &analysis.documents {
        if let Some(text) = doc.text.as_deref() {
            texts.insert(doc.meta.doc_id.as_str(), text);
        }
        let counted = analysis.hits(doc)?.into_iter().filter(|h| scored.contains(h.sector.as_str()));
        hits.insert(doc.meta.doc_id.clone(), counted.map(|h| (h.start, h.end, h.sector)).collect());
    }
    // A label must name a scored sector or NONE, and a span of a document that was read.
    let check_place = |file: &Path, p: &Place| -> anyhow::Result<()> {
        let Some(text) = texts.get(p.doc_id.as_str()) else {
            bail!(
                "{}:{}: document {:?} is not in the analysis of {}",
                file.display(),
                p.line,
                p.doc_id,
                corpora.display()
            );
        };
        if p.end > text.len() || !text.is_char_boundary(p.start) || !text.is_char_boundary(p.end) {
            bail!("{}:{}: {}..{} is not a span of {}", file.display(), p.line, p.start, p.end, p.doc_id);
        }
        Ok(())
    };
    let check_label = |file: &Path, line: usize, label: &str| -> anyhow::Result<()> {
        let label = sure(label);
        if label != "NONE" && !(scored.contains(label) || foreign && is_sector_id(label)) {
            bail!("{}:{line}: label {label:?} is neither NONE nor a scored sector of the dictionary", file.display());
        }
        Ok(())
    };
    let wanted = |p: &Place| split.is_none_or(|s| s == p.split);

    // Precision.
    let mut out = String::new();
    let mut by_sector: BTreeMap<String, Tally> = BTreeMap::new();
    let mut by_split: BTreeMap<String, Tally> = BTreeMap::new();
    let (mut removed_right, mut removed_wrong, mut items, mut unlabelled) = (0usize, 0usize, 0usize, 0usize);
    let mut wrong_items: Vec<String> = Vec::new();
    let mut pairs: Vec<(&str, &str)> = Vec::new();
    for row in &precision_rows {
        let p = place(&precision_file, row)?;
        check_place(&precision_file, &p)?;
        // A held-out slice may be published before its labels: an item without any label is left out (counted).
        if ["label_a", "label_b", "label"].iter().all(|c| row.get(c).is_empty()) {
            unlabelled += usize::from(wanted(&p));
            continue;
        }
        for column in ["label_a", "label_b", "label"] {
            check_label(&precision_file, row.line, row.get(column))?;
        }
        if !wanted(&p) {
            continue;
        }
        items += 1;
        pairs.push((sure(row.get("label_a")), sure(row.get("label_b"))));
        let label = sure(row.get("label"));
        let counted = hits.get(&p.doc_id).and_then(|hs| hs.iter().find(|h| h.0 == p.start && h.1 == p.end));
        match counted {
            Some((_, _, sector)) => {
                let right = sector == label;
                for tally in
                    [by_sector.entry(sector.clone()).or_default(), by_split.entry(p.split.clone()).or_default()]
                {
                    tally.counted += 1;
                    tally.right += usize::from(right);
                }
                if !right {
                    wrong_items.push(format!("{} ({sector}, labelled {label})", row.get("item")));
                }
            }
            None if label == "NONE" => removed_right += 1,
            None => removed_wrong += 1,
        }
    }

    // Recall.
    let mut paragraphs = 0usize;
    for row in &paragraph_rows {
        let p = place(&paragraphs_file, row)?;
        check_place(&paragraphs_file, &p)?;
        paragraphs += usize::from(wanted(&p));
    }
    let mut missed: Vec<String> = Vec::new();
    let mut both = 0usize;
    for row in &recall_rows {
        let p = place(&recall_file, row)?;
        check_place(&recall_file, &p)?;
        let sector = sure(row.get("sector"));
        if !(scored.contains(sector) || foreign && is_sector_id(sector)) {
            bail!("{}:{}: sector {sector:?} is not a scored sector of the dictionary", recall_file.display(), row.line);
        }
        if !wanted(&p) {
            continue;
        }
        both += usize::from(row.get("annotators") == "ab");
        let found =
            hits.get(&p.doc_id).is_some_and(|hs| hs.iter().any(|h| h.2 == sector && h.0 < p.end && p.start < h.1));
        for tally in [by_sector.entry(sector.to_string()).or_default(), by_split.entry(p.split.clone()).or_default()] {
            tally.mentions += 1;
            tally.found += usize::from(found);
        }
        if !found {
            missed.push(format!("{} ({sector})", row.get("item")));
        }
    }

    let mut total = Tally::default();
    for t in by_sector.values() {
        total.counted += t.counted;
        total.right += t.right;
        total.mentions += t.mentions;
        total.found += t.found;
    }
    let _ = writeln!(
        out,
        "dictionary {} {} ({}); labels {} (split: {})",
        dict.name,
        dict.version,
        &dict.hash[..12.min(dict.hash.len())],
        labels.display(),
        split.unwrap_or("all")
    );
    let _ = writeln!(
        out,
        "precision set: {items} labelled items ({unlabelled} without labels left out), {} still counted, {} no \
         longer counted (removed right: {removed_right} labelled NONE; removed wrong: {removed_wrong} labelled a sector)",
        total.counted,
        removed_right + removed_wrong
    );
    match kappa(&pairs) {
        Some((k, agreement)) => {
            let _ = writeln!(
                out,
                "annotator agreement (label_a vs label_b): Cohen's kappa {k:.3}, raw {:.1}% over {} items",
                agreement * 100.0,
                pairs.len()
            );
        }
        None => {
            let _ = writeln!(out, "annotator agreement: no items");
        }
    }
    let _ = writeln!(
        out,
        "recall set: {} mentions in {paragraphs} paragraphs ({both} marked by both annotators)",
        total.mentions
    );
    let _ = writeln!(
        out,
        "\n{:<30} {:>7} {:>6} {:>9}   {:>8} {:>6} {:>7}",
        "sector", "counted", "right", "precision", "mentions", "found", "recall"
    );
    let row = |out: &mut String, name: &str, t: &Tally| {
        let _ = writeln!(
            out,
            "{name:<30} {:>7} {:>6} {:>9}   {:>8} {:>6} {:>7}",
            t.counted,
            t.right,
            ratio(t.precision()),
            t.mentions,
            t.found,
            ratio(t.recall())
        );
    };
    for (sector, t) in &by_sector {
        row(&mut out, sector, t);
    }
    row(&mut out, "overall", &total);
    for (s, t) in &by_split {
        row(&mut out, &format!("overall, {s} split"), t);
    }
    if !wrong_items.is_empty() {
        let _ = writeln!(out, "\ncounted under the wrong sector ({}): {}", wrong_items.len(), wrong_items.join(", "));
    }
    if !missed.is_empty() {
        let _ = writeln!(out, "\nmentions missed ({}): {}", missed.len(), missed.join(", "));
    }

    let mut failures = Vec::new();
    match total.precision() {
        Some(p) if p >= MIN_PRECISION => {}
        p => failures.push(format!("precision {} < {MIN_PRECISION}", ratio(p))),
    }
    for (sector, t) in &by_sector {
        if t.counted >= MIN_SECTOR_ITEMS && t.precision().is_some_and(|p| p < MIN_SECTOR_PRECISION) {
            failures.push(format!("{sector}: precision {} < {MIN_SECTOR_PRECISION}", ratio(t.precision())));
        }
    }
    match total.recall() {
        Some(r) if r >= MIN_RECALL => {}
        r => failures.push(format!("recall {} < {MIN_RECALL}", ratio(r))),
    }
    if failures.is_empty() {
        let _ = writeln!(
            out,
            "\nthresholds met: precision >= {MIN_PRECISION} (>= {MIN_SECTOR_PRECISION} per sector with >= \
             {MIN_SECTOR_ITEMS} items), recall >= {MIN_RECALL}"
        );
    } else {
        let _ = writeln!(out, "\nthresholds NOT met: {}", failures.join("; "));
    }
    print!("{out}");
    Ok(ExitCode::from(if enforce && !failures.is_empty() { 1 } else { 0 }))
}

#[cfg(test)]
mod tests {
    use super::kappa;

    #[test]
    fn kappa_is_one_for_full_agreement_and_zero_for_chance() {
        let same = [("a", "a"), ("b", "b"), ("a", "a"), ("c", "c")];
        assert_eq!(kappa(&same).map(|k| k.0), Some(1.0));
        // Two annotators who each say a half the time, independently: agreement is what chance gives.
        let chance = [("a", "a"), ("a", "b"), ("b", "a"), ("b", "b")];
        let (k, observed) = kappa(&chance).unwrap();
        assert!(k.abs() < 1e-12 && (observed - 0.5).abs() < 1e-12);
        assert!(kappa(&[]).is_none());
    }
}
