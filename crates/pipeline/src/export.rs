//! Writing the tables: every file goes to a temporary name in the output folder first and is renamed into place
//! once complete, so an error or an interrupted run never leaves a half-written file behind.

use std::fs;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::run::{Analysis, DocumentResult};
use crate::PipelineError;
use gwr_dict::Dictionary;
use gwr_formats::Table;

/// An output format besides the CSV tables, which are always written.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Format {
    /// CSV tables (always on).
    Csv,
    /// The tables also as JSON arrays (`documents.json`, `counts.json`, `scores.json`).
    Json,
    /// The tables and the panel also as Stata datasets, release 118 (`documents.dta`, ..., `panel.dta`).
    Dta,
    /// The tables and the panel also as Excel workbooks (`documents.xlsx`, ..., `panel.xlsx`).
    Xlsx,
}

/// The set of formats to write, and how CSV tables start.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Formats(Vec<Format>, Vec<&'static str>, CsvBom);

/// Whether CSV tables start with a UTF-8 byte order mark, which Excel needs to read them as UTF-8 when the file is
/// opened by a double click (without it, Chinese text shows garbled). Other readers skip it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum CsvBom {
    /// Plain UTF-8 (the default).
    #[default]
    No,
    /// `EF BB BF` first.
    Yes,
}

impl Default for Formats {
    fn default() -> Formats {
        Formats(vec![Format::Csv], Vec::new(), CsvBom::No)
    }
}

impl Formats {
    /// CSV plus `extra`.
    pub fn with(extra: &[Format]) -> Formats {
        let mut v = vec![Format::Csv];
        v.extend_from_slice(extra);
        v.sort();
        v.dedup();
        Formats(v, Vec::new(), CsvBom::No)
    }

    /// Name outputs of [`crate::OUTPUT_FILES`] that the caller writes into the folder after [`write_outputs`]
    /// (`documents.parquet`, `claims.csv`): they are not removed as an earlier run's.
    pub fn written_later(mut self, names: &[&'static str]) -> Formats {
        self.1.extend_from_slice(names);
        self
    }

    /// These formats, with CSV tables started by a byte order mark or not.
    pub fn csv_bom(mut self, bom: CsvBom) -> Formats {
        self.2 = bom;
        self
    }

    /// Whether CSV tables start with a byte order mark.
    pub fn bom(&self) -> CsvBom {
        self.2
    }

    /// True when `f` is to be written.
    pub fn contains(&self, f: Format) -> bool {
        self.0.contains(&f)
    }
}

#[derive(Serialize)]
struct DocumentRow<'a> {
    doc_id: &'a str,
    source: &'a str,
    region_code: &'a str,
    region_name: &'a str,
    year: Option<u16>,
    lang: &'a str,
    encoding: &'a str,
    chars: u64,
    han_chars: u64,
    status: &'a str,
    reason: &'a str,
    level: &'a str,
    adcode: &'a str,
    parent: &'a str,
    words: u64,
}

#[derive(Serialize)]
struct CountRow<'a> {
    doc_id: &'a str,
    region_code: &'a str,
    year: Option<u16>,
    lang: &'a str,
    sector: &'a str,
    concept: &'a str,
    /// Empty for a concept's total; the word for the rows of an imported word list.
    term: &'a str,
    count: u64,
}

/// The rows of `counts.csv` for `documents`: one per concept found in a document.
fn count_rows<'a>(documents: &'a [DocumentResult], dict: &'a Dictionary) -> impl Iterator<Item = CountRow<'a>> {
    documents.iter().flat_map(move |d| {
        d.concept_counts(dict).into_iter().map(move |(concept, sector, count)| CountRow {
            doc_id: &d.meta.doc_id,
            region_code: &d.meta.region_code,
            year: d.meta.year,
            lang: d.meta.lang.code(),
            sector,
            concept,
            term: "",
            count,
        })
    })
}

/// Per word of an imported list found in a document: (concept index, the word, its count).
type TermCounts = Vec<(u32, String, u64)>;

/// The rows of `counts.csv` for an imported word list: one per word found in a document ([`term_counts`]).
fn term_rows<'b>(
    documents: &'b [DocumentResult],
    dict: &'b Dictionary,
    per_term: &'b [TermCounts],
) -> impl Iterator<Item = CountRow<'b>> {
    documents.iter().zip(per_term).flat_map(move |(d, terms)| {
        terms.iter().map(move |(c, term, count)| {
            let concept = &dict.concepts[*c as usize];
            CountRow {
                doc_id: &d.meta.doc_id,
                region_code: &d.meta.region_code,
                year: d.meta.year,
                lang: d.meta.lang.code(),
                sector: &dict.sectors[concept.sector].id,
                concept: &concept.id,
                term,
                count: *count,
            }
        })
    })
}

/// For an imported word list ([`Dictionary::is_imported`]): per document, (concept, term, count) for each word of
/// the list found, sorted, from the document's hits (the term is the normalized surface, which is the word as the
/// list holds it once normalized). A concept's rows add up to its count.
fn term_counts(analysis: &Analysis) -> Result<Vec<TermCounts>, PipelineError> {
    let dict = analysis.engine.dictionary();
    let index: std::collections::HashMap<&str, u32> =
        dict.concepts.iter().enumerate().map(|(i, c)| (c.id.as_str(), i as u32)).collect();
    analysis
        .documents
        .iter()
        .map(|d| {
            let mut counts: std::collections::BTreeMap<(u32, String), u64> = Default::default();
            for hit in analysis.hits(d)? {
                let concept = index.get(hit.concept.as_str()).copied().unwrap_or_default();
                *counts.entry((concept, gwr_normalize::normalize_term(&hit.surface))).or_default() += 1;
            }
            Ok(counts.into_iter().map(|((c, t), n)| (c, t, n)).collect())
        })
        .collect()
}

#[derive(Serialize)]
struct ScoreOut<'a> {
    region_code: &'a str,
    year: u16,
    sector: &'a str,
    count: u64,
    per_10k: String,
    share: String,
    lq: String,
    z: String,
    rank: u32,
    lang: &'a str,
    level: &'a str,
    region_name: &'a str,
}

/// A row of `scores.csv` as JSON: the same fields in the same order, the fixed-decimal ones as JSON numbers (the
/// value the CSV shows, read back: `8.082033`, not `"8.082033"`).
#[derive(Serialize)]
struct ScoreJson<'a> {
    region_code: &'a str,
    year: u16,
    sector: &'a str,
    count: u64,
    per_10k: f64,
    share: f64,
    lq: f64,
    z: f64,
    rank: u32,
    lang: &'a str,
    level: &'a str,
    region_name: &'a str,
}

/// The CSV's fixed-decimal text, as a number.
fn shown(fixed: &str) -> f64 {
    fixed.parse().expect("fixed() writes a decimal number")
}

fn numbers_as_numbers(row: ScoreOut<'_>) -> ScoreJson<'_> {
    ScoreJson {
        region_code: row.region_code,
        year: row.year,
        sector: row.sector,
        count: row.count,
        per_10k: shown(&row.per_10k),
        share: shown(&row.share),
        lq: shown(&row.lq),
        z: shown(&row.z),
        rank: row.rank,
        lang: row.lang,
        level: row.level,
        region_name: row.region_name,
    }
}

/// Fixed decimals, so that files are byte-identical across runs and platforms.
fn fixed(x: f64) -> String {
    let s = format!("{x:.6}");
    if s == "-0.000000" {
        "0.000000".to_string()
    } else {
        s
    }
}

/// A file being written under a temporary name in the output folder.
struct Staged {
    tmp: PathBuf,
    dest: PathBuf,
}

fn stage(
    dir: &Path,
    name: &str,
    write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> Result<Staged, PipelineError> {
    let dest = dir.join(name);
    let tmp = dir.join(format!(".{name}.tmp-{}", std::process::id()));
    let result = (|| {
        let file = fs::File::create(&tmp)?;
        let mut w = BufWriter::new(file);
        write(&mut w)?;
        let file = w.into_inner().map_err(|e| e.into_error())?;
        file.sync_all()
    })();
    match result {
        Ok(()) => Ok(Staged { tmp, dest }),
        Err(source) => {
            let _ = fs::remove_file(&tmp);
            Err(PipelineError::Write { path: dest, source })
        }
    }
}

fn csv_rows<T: Serialize>(w: &mut dyn Write, rows: impl Iterator<Item = T>, header: &[&str]) -> std::io::Result<()> {
    let mut cw = csv::WriterBuilder::new().has_headers(false).from_writer(w);
    cw.write_record(header)?;
    for r in rows {
        cw.serialize(r)?;
    }
    cw.flush()?;
    Ok(())
}

/// Documents per piece of [`csv_rows_parallel`] (a few hundred KB of `counts.csv`).
const CSV_PIECE_DOCUMENTS: usize = 256;

/// [`csv_rows`] over the rows of `documents` (`rows` gives the rows of a slice of them), the same bytes, formatted a
/// piece of [`CSV_PIECE_DOCUMENTS`] documents per thread on `threads` threads, then written in order: `counts.csv`,
/// the largest table (7 MB for a 211 MB corpus), was the last output still being written at the end of a run.
/// Each record is formatted on its own, so the pieces join into what one writer would have written.
fn csv_rows_parallel<'a, D: Sync, T: Serialize, I: Iterator<Item = T>>(
    w: &mut dyn Write,
    documents: &'a [D],
    rows: impl Fn(&'a [D]) -> I + Sync,
    header: &[&str],
    threads: usize,
) -> std::io::Result<()> {
    let format = |piece: &'a [D], header: Option<&[&str]>| -> std::io::Result<Vec<u8>> {
        let mut cw = csv::WriterBuilder::new().has_headers(false).from_writer(Vec::new());
        if let Some(header) = header {
            cw.write_record(header)?;
        }
        for r in rows(piece) {
            cw.serialize(r)?;
        }
        cw.into_inner().map_err(|e| e.into_error())
    };
    w.write_all(&format(&[], Some(header))?)?;
    for batch in documents.chunks(CSV_PIECE_DOCUMENTS * threads) {
        let mut pieces = batch.chunks(CSV_PIECE_DOCUMENTS);
        let first = pieces.next();
        let formatted: Vec<std::io::Result<Vec<u8>>> = std::thread::scope(|scope| {
            let others: Vec<_> = pieces.map(|piece| scope.spawn(move || format(piece, None))).collect();
            let mut formatted = vec![first.map_or(Ok(Vec::new()), |piece| format(piece, None))];
            formatted.extend(others.into_iter().map(|t| t.join().unwrap_or_else(|p| std::panic::resume_unwind(p))));
            formatted
        });
        for piece in formatted {
            w.write_all(&piece?)?;
        }
    }
    Ok(())
}

fn json_array<T: Serialize>(w: &mut dyn Write, rows: impl Iterator<Item = T>) -> std::io::Result<()> {
    w.write_all(b"[")?;
    for (i, r) in rows.enumerate() {
        w.write_all(if i == 0 { b"\n" } else { b",\n" })?;
        serde_json::to_writer(&mut *w, &r)?;
    }
    w.write_all(b"\n]\n")
}

/// Write one file `dir/name` atomically: `write` fills a temporary file in `dir`, which is renamed to `name` only
/// when complete.
pub fn write_file_atomic(
    dir: &Path,
    name: &str,
    write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> Result<(), PipelineError> {
    fs::create_dir_all(dir).map_err(|source| PipelineError::Write { path: dir.to_path_buf(), source })?;
    let s = stage(dir, name, write)?;
    fs::rename(&s.tmp, &s.dest).map_err(|source| PipelineError::Write { path: s.dest.clone(), source })
}

/// Write all outputs of `analysis` into `dir` (created if missing). Nothing in `dir` is replaced until every file
/// has been written completely.
pub fn write_outputs<'a>(analysis: &'a Analysis, dir: &Path, formats: &Formats) -> Result<(), PipelineError> {
    fs::create_dir_all(dir).map_err(|source| PipelineError::Write { path: dir.to_path_buf(), source })?;
    let docs = || {
        analysis.documents.iter().map(|d| DocumentRow {
            doc_id: &d.meta.doc_id,
            source: &d.meta.source,
            region_code: &d.meta.region_code,
            region_name: &d.meta.region_name,
            year: d.meta.year,
            lang: d.meta.lang.code(),
            encoding: &d.meta.encoding,
            chars: d.chars,
            han_chars: d.han_chars,
            status: d.status.as_str(),
            reason: &d.reason,
            level: &d.meta.level,
            adcode: &d.meta.adcode,
            parent: &d.meta.parent,
            words: d.words,
        })
    };
    let dict = analysis.engine.dictionary();
    let count_rows = |documents: &'a [DocumentResult]| count_rows(documents, dict);
    let counts = || count_rows(&analysis.documents);
    let threads = analysis.summary.timing.threads.max(1);
    let scores = || {
        analysis.scores.iter().map(|s| ScoreOut {
            region_code: &s.region_code,
            year: s.year,
            sector: &s.sector,
            count: s.count,
            per_10k: fixed(s.per_10k),
            share: fixed(s.share),
            lq: fixed(s.lq),
            z: fixed(s.z),
            rank: s.rank,
            lang: &s.lang,
            level: &s.level,
            region_name: &s.region_name,
        })
    };
    const DOC_HEADER: &[&str] = &[
        "doc_id",
        "source",
        "region_code",
        "region_name",
        "year",
        "lang",
        "encoding",
        "chars",
        "han_chars",
        "status",
        "reason",
        "level",
        "adcode",
        "parent",
        "words",
    ];
    const COUNT_HEADER: &[&str] = &["doc_id", "region_code", "year", "lang", "sector", "concept", "term", "count"];
    const SCORE_HEADER: &[&str] = &[
        "region_code",
        "year",
        "sector",
        "count",
        "per_10k",
        "share",
        "lq",
        "z",
        "rank",
        "lang",
        "level",
        "region_name",
    ];

    // Outputs an earlier run left that this one does not write: listed in run.json, removed once the new ones are
    // in place.
    let derived: Vec<String> = [(Format::Dta, "dta"), (Format::Xlsx, "xlsx")]
        .into_iter()
        .filter(|(format, _)| formats.contains(*format))
        .flat_map(|(_, extension)| ["documents", "counts", "scores", "panel"].map(|t| format!("{t}.{extension}")))
        .collect();
    let mut written = vec!["documents.csv", "counts.csv", "scores.csv", "hits.jsonl", "run.json", "panel.csv"];
    written.extend(derived.iter().map(String::as_str));
    if formats.contains(crate::Format::Json) {
        written.extend(["documents.json", "counts.json", "scores.json"]);
    }
    written.extend(formats.1.iter().copied());
    let stale = crate::outdir::stale_outputs(dir, &written);
    let per_term = if dict.is_imported() { Some(term_counts(analysis)?) } else { None };
    let per_term = per_term.as_deref();

    // Each file is written on its own thread (hits.jsonl, the largest, alongside the tables), then all are renamed.
    // hits.jsonl usually need not be written at all: the run's hit file in `dir` holds it already.
    type Job<'j> = Box<dyn FnOnce(&mut dyn Write) -> std::io::Result<()> + Send + 'j>;
    let bom = |w: &mut dyn Write| if formats.bom() == CsvBom::Yes { w.write_all(b"\xEF\xBB\xBF") } else { Ok(()) };
    let mut jobs: Vec<(&str, Job<'_>)> = vec![
        ("documents.csv", Box::new(move |w| bom(w).and_then(|()| csv_rows(w, docs(), DOC_HEADER)))),
        (
            "counts.csv",
            Box::new(move |w| match per_term {
                Some(per_term) => {
                    bom(w).and_then(|()| csv_rows(w, term_rows(&analysis.documents, dict, per_term), COUNT_HEADER))
                }
                None => {
                    bom(w).and_then(|()| csv_rows_parallel(w, &analysis.documents, count_rows, COUNT_HEADER, threads))
                }
            }),
        ),
        ("scores.csv", Box::new(move |w| bom(w).and_then(|()| csv_rows(w, scores(), SCORE_HEADER)))),
    ];
    let hits_dest = dir.join("hits.jsonl");
    let hits_file =
        move || analysis.take_hits_file(dir).map_err(|source| PipelineError::Write { path: hits_dest.clone(), source });
    let hits_job: Job<'_> = Box::new(|w| {
        for d in &analysis.documents {
            analysis.write_hit_lines(d, w)?;
        }
        Ok(())
    });
    if formats.contains(crate::Format::Json) {
        jobs.push(("documents.json", Box::new(|w| json_array(w, docs()))));
        jobs.push((
            "counts.json",
            Box::new(move |w| match per_term {
                Some(per_term) => json_array(w, term_rows(&analysis.documents, dict, per_term)),
                None => json_array(w, counts()),
            }),
        ));
        jobs.push(("scores.json", Box::new(|w| json_array(w, scores().map(numbers_as_numbers)))));
    }
    let results: Vec<Result<Staged, PipelineError>> = std::thread::scope(|scope| {
        let mut running: Vec<_> =
            jobs.into_iter().map(|(name, job)| scope.spawn(move || stage(dir, name, job))).collect();
        running.push(scope.spawn(move || match hits_file()? {
            Some(tmp) => Ok(Staged { tmp, dest: dir.join("hits.jsonl") }),
            None => stage(dir, "hits.jsonl", hits_job),
        }));
        running.into_iter().map(|t| t.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic))).collect()
    });
    let mut staged = Vec::new();
    let mut first_error = None;
    for result in results {
        match result {
            Ok(s) => staged.push(s),
            Err(e) => {
                first_error.get_or_insert(e);
            }
        }
    }
    // The panel and the Stata and Excel copies are made from the staged tables, and run.json, which lists them,
    // last: all join the set renamed into place together.
    if first_error.is_none() {
        match stage_derived(dir, &staged, formats).and_then(|(derived, exports)| {
            let run = RunJson { summary: &analysis.summary, removed_outputs: &stale, exports };
            let run_json = stage(dir, "run.json", |w| {
                serde_json::to_writer_pretty(&mut *w, &run)?;
                w.write_all(b"\n")
            });
            staged.extend(derived);
            run_json
        }) {
            Ok(s) => staged.push(s),
            Err(e) => first_error = Some(e),
        }
    }
    if let Some(e) = first_error {
        for s in &staged {
            let _ = fs::remove_file(&s.tmp);
        }
        return Err(e);
    }
    // A final name taken by a folder would make a rename fail half-way through the set: refuse before any.
    if let Some(s) = staged.iter().find(|s| s.dest.is_dir()) {
        for s in &staged {
            let _ = fs::remove_file(&s.tmp);
        }
        let source = std::io::Error::new(std::io::ErrorKind::IsADirectory, "a folder has this name");
        return Err(PipelineError::Write { path: s.dest.clone(), source });
    }
    for (i, s) in staged.iter().enumerate() {
        if let Err(source) = fs::rename(&s.tmp, &s.dest) {
            for s in &staged[i..] {
                let _ = fs::remove_file(&s.tmp);
            }
            return Err(PipelineError::Write { path: s.dest.clone(), source });
        }
    }
    remove_outputs(dir, &stale)
}

/// Remove the files `names` from `dir` (outputs of an earlier run this one did not replace).
fn remove_outputs(dir: &Path, names: &[String]) -> Result<(), PipelineError> {
    for name in names {
        let path = dir.join(name);
        match fs::remove_file(&path) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(source) => return Err(PipelineError::Write { path, source }),
        }
    }
    Ok(())
}

/// `run.json`: the run summary, the outputs of an earlier run it removed from the folder, and what was derived
/// from the tables.
#[derive(Serialize)]
struct RunJson<'a> {
    #[serde(flatten)]
    summary: &'a crate::run::RunSummary,
    removed_outputs: &'a [String],
    exports: Exports,
}

/// The files made from the tables, and the columns the Stata files had to rename.
#[derive(Serialize, Default)]
struct Exports {
    files: Vec<String>,
    stata_renames: Vec<StataRenameOut>,
}

#[derive(Serialize)]
struct StataRenameOut {
    table: String,
    from: String,
    to: String,
}

/// Stage `panel.csv` and, as `formats` asks, the `.dta` and `.xlsx` copies of documents, counts, scores and panel,
/// each made from the staged CSV tables (so they hold exactly their rows), under temporary names in `dir`.
fn stage_derived(dir: &Path, staged: &[Staged], formats: &Formats) -> Result<(Vec<Staged>, Exports), PipelineError> {
    let read = |name: &str| -> Result<Table, PipelineError> {
        let s = staged.iter().find(|s| s.dest.file_name().is_some_and(|f| f == name)).expect("the tables are staged");
        let mut table = Table::read(&s.tmp)?;
        table.name = name.trim_end_matches(".csv").to_string();
        table.path = s.dest.clone();
        Ok(table)
    };
    let mut out = Vec::new();
    let mut exports = Exports::default();
    let result = (|| {
        let documents = read("documents.csv")?;
        let scores = read("scores.csv")?;
        let panel = gwr_formats::panel(&scores, &documents)?;
        out.push(stage(dir, "panel.csv", |w| {
            if formats.bom() == CsvBom::Yes {
                w.write_all(b"\xEF\xBB\xBF")?;
            }
            let mut cw = csv::Writer::from_writer(w);
            cw.write_record(&panel.headers)?;
            for row in &panel.rows {
                cw.write_record(row)?;
            }
            cw.flush()
        })?);
        exports.files.push("panel.csv".into());
        if !formats.contains(Format::Dta) && !formats.contains(Format::Xlsx) {
            return Ok(());
        }
        let tables = [documents, read("counts.csv")?, scores, panel];
        for table in &tables {
            if formats.contains(Format::Dta) {
                let name = format!("{}.dta", table.name);
                let (staged, renames) = stage_path(dir, &name, |path| Ok(gwr_formats::write_dta(table, path)?))?;
                out.push(staged);
                exports.files.push(name);
                exports.stata_renames.extend(renames.into_iter().map(|r| StataRenameOut {
                    table: r.table,
                    from: r.from,
                    to: r.to,
                }));
            }
            if formats.contains(Format::Xlsx) {
                let name = format!("{}.xlsx", table.name);
                out.push(stage_path(dir, &name, |path| Ok(gwr_formats::write_xlsx(table, path)?))?.0);
                exports.files.push(name);
            }
        }
        Ok(())
    })();
    match result {
        Ok(()) => Ok((out, exports)),
        Err(e) => {
            for s in &out {
                let _ = fs::remove_file(&s.tmp);
            }
            Err(e)
        }
    }
}

/// Like [`stage`], for a writer that takes a path: `write` makes the temporary file of `name` in `dir`.
fn stage_path<T>(
    dir: &Path,
    name: &str,
    write: impl FnOnce(&Path) -> Result<T, PipelineError>,
) -> Result<(Staged, T), PipelineError> {
    let dest = dir.join(name);
    let tmp = dir.join(format!(".{name}.tmp-{}", std::process::id()));
    match write(&tmp) {
        Ok(v) => Ok((Staged { tmp, dest }, v)),
        Err(e) => {
            let _ = fs::remove_file(&tmp);
            Err(e)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Rows that need quoting and rows of several records per item, so the pieces must join exactly.
    fn rows(items: &[u32]) -> impl Iterator<Item = (u32, String, f64)> + '_ {
        items.iter().flat_map(|&n| (0..n % 4).map(move |k| (n, format!("r,\"{n}\"\n{k}"), f64::from(n) / 3.0)))
    }

    #[test]
    fn parallel_csv_is_the_same_bytes_as_one_writer() {
        const HEADER: &[&str] = &["n", "text", "third"];
        for len in [0, 1, CSV_PIECE_DOCUMENTS - 1, CSV_PIECE_DOCUMENTS, 3 * CSV_PIECE_DOCUMENTS + 17] {
            let items: Vec<u32> = (0..len as u32).collect();
            let mut one = Vec::new();
            csv_rows(&mut one, rows(&items), HEADER).unwrap();
            for threads in [1, 2, 3] {
                let mut parallel = Vec::new();
                csv_rows_parallel(&mut parallel, &items, rows, HEADER, threads).unwrap();
                assert_eq!(
                    String::from_utf8(parallel).unwrap(),
                    String::from_utf8(one.clone()).unwrap(),
                    "{len} items, {threads} threads"
                );
            }
        }
    }
}
