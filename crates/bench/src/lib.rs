//! Throughput of the gwr pipeline, stage by stage, against a bare aho-corasick scan with the same dictionary.
//!
//! [`Corpus::load`] reads a corpus the way `gwr analyze` does (files, CSV/JSONL rows); [`Corpus::scaled`] repeats its
//! documents until it holds at least a given number of bytes, and [`Corpus::as_one_document`] joins them into one
//! huge document. [`measure`] then times every stage over the whole corpus on a rayon pool of the given number of
//! threads, several times, and keeps the best and the median run of each:
//!
//! - `decode`: bytes of each input file to text (`gwr_ingest::decode`);
//! - `clean`: boilerplate removal (`gwr_clean::clean`);
//! - `normalize`: NFKC, width, Trad→Simp and case folding with alignment (`gwr_normalize::normalize`);
//! - `segment`: jieba over the *whole* normalized text (what gwr avoids: the matcher segments only blocks that hold
//!   a candidate);
//! - `match`: the matcher over normalized text, boundary rule included;
//! - `candidates`: the matcher's own candidate search (start filter + anchored automaton) without the boundary
//!   rule: the same candidates as `scan` (checked), found the way `match` finds them;
//! - `scan`: the bare leftmost-longest aho-corasick scan (unanchored DFA) with the same patterns and no boundary
//!   rule, the reference the end-to-end time is compared with;
//! - `score`: scoring every document as a region of one group;
//! - `end_to_end`: clean → normalize → match → hits with context for every document (`Engine::process`), each
//!   hit written as its `hits.jsonl` line, then scoring: the work of `gwr analyze` after the files are decoded.
//!
//! With more than one thread, `end_to_end` is also timed on one thread, back to back with the run on all threads:
//! the speed-up threads give on this corpus (with [`Corpus::as_one_document`], on one huge document).
//!
//! Every stage's result is checked against the first run (same hit count, same byte count), so a fast wrong
//! answer is reported as an error, not as a speed. Throughput is input bytes (the decoded source text, or the
//! normalized text for `segment`, `match` and `scan`) per second of wall time.
//!
//! # Example
//!
//! ```no_run
//! use gwr_bench::{measure, Corpus, Options};
//!
//! let dict = gwr_pipeline::load_checked_dictionary(gwr_dict::DictSource::Embedded)?;
//! let engine = gwr_pipeline::Engine::new(dict)?;
//! let corpus = Corpus::load(&["corpora/demo".into()])?;
//! let report = measure(&engine, &corpus, &Options::default())?;
//! println!("{}", report.table());
//! Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # Crate features
//!
//! None.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use gwr_core::{Lang, Status};
use gwr_match::RawMatch;
use gwr_pipeline::Engine;
use gwr_score::RegionCounts;
use rayon::prelude::*;
use serde::Serialize;

/// Why a measurement could not run.
#[derive(Debug, thiserror::Error)]
pub enum BenchError {
    /// The corpus could not be listed.
    #[error("{0}")]
    Input(#[from] gwr_ingest::IngestError),
    /// The corpus holds no readable document.
    #[error("the corpus holds no readable document")]
    Empty,
    /// The thread pool could not be built.
    #[error("cannot start {threads} threads: {message}")]
    Threads {
        /// Threads asked for.
        threads: usize,
        /// What rayon said.
        message: String,
    },
    /// The matcher's candidate search and the bare aho-corasick scan found different numbers of candidates.
    #[error("the matcher found {matcher} candidates, the bare aho-corasick scan {scan}")]
    CandidatesDiffer {
        /// Candidates of the start filter + anchored automaton.
        matcher: u64,
        /// Candidates of the unanchored reference scan.
        scan: u64,
    },
    /// The generated files of [`measure_formats`] could not be written or read back.
    #[error("format corpus: {0}")]
    Files(String),
    /// A run gave another result than the first run of the same stage.
    #[error("stage {stage}: run {run} gave {got}, the first run gave {want}")]
    Unstable {
        /// Stage name.
        stage: &'static str,
        /// Run number (0-based).
        run: usize,
        /// Result of that run.
        got: u64,
        /// Result of the first run.
        want: u64,
    },
}

/// One document of a corpus.
#[derive(Clone, Debug)]
pub struct Document {
    /// Document id (path, `#row` for rows).
    pub id: String,
    /// Decoded text.
    pub text: String,
    /// Language.
    pub lang: Lang,
}

/// The documents to measure on, and the raw bytes of the files they came from (for `decode`).
#[derive(Clone, Debug, Default)]
pub struct Corpus {
    /// Readable documents.
    pub documents: Vec<Document>,
    /// Raw bytes of each input file.
    pub files: Vec<Vec<u8>>,
}

impl Corpus {
    /// Read `inputs` (files and folders) as `gwr analyze` does; documents that fail or are skipped are left out.
    ///
    /// # Errors
    ///
    /// An input that does not exist, or a corpus without a readable document.
    pub fn load(inputs: &[PathBuf]) -> Result<Corpus, BenchError> {
        let mut corpus = Corpus::default();
        for path in gwr_ingest::discover(inputs)? {
            if let Ok(bytes) = std::fs::read(&path) {
                corpus.files.push(bytes);
            }
            for item in gwr_ingest::read_path(&path, &gwr_ingest::IngestOptions::default()) {
                if item.status == Status::Ok {
                    corpus.documents.push(Document { id: item.meta.doc_id, text: item.text, lang: item.meta.lang });
                }
            }
        }
        if corpus.documents.is_empty() {
            return Err(BenchError::Empty);
        }
        Ok(corpus)
    }

    /// Bytes of decoded text.
    pub fn bytes(&self) -> u64 {
        self.documents.iter().map(|d| d.text.len() as u64).sum()
    }

    /// The corpus repeated (documents and files, each copy with its own ids) until it holds at least `min_bytes`
    /// bytes of text.
    pub fn scaled(&self, min_bytes: u64) -> Corpus {
        let once = self.bytes().max(1);
        let copies = min_bytes.div_ceil(once).max(1) as usize;
        let mut out = Corpus::default();
        for copy in 0..copies {
            out.documents.extend(self.documents.iter().map(|d| Document {
                id: format!("{}~{copy}", d.id),
                text: d.text.clone(),
                lang: d.lang,
            }));
            out.files.extend(self.files.iter().cloned());
        }
        out
    }

    /// All documents joined (by a blank line) into one document, in the language of the first: a huge file. Each
    /// non-empty line of the `k`-th document ends with `（k）`, so that copies made by [`Corpus::scaled`] do not
    /// repeat line for line (boilerplate removal would drop a body saved twice).
    pub fn as_one_document(&self) -> Corpus {
        let mut text = String::with_capacity(self.bytes() as usize * 11 / 10);
        for (k, d) in self.documents.iter().enumerate() {
            if k > 0 {
                text.push_str("\n\n");
            }
            for line in d.text.split_inclusive('\n') {
                let (body, end) = match line.strip_suffix('\n') {
                    Some(body) => (body, "\n"),
                    None => (line, ""),
                };
                text.push_str(body);
                if !body.trim().is_empty() {
                    text.push_str(&format!("（{k}）"));
                }
                text.push_str(end);
            }
        }
        let bytes = text.as_bytes().to_vec();
        Corpus {
            documents: vec![Document {
                id: "one-document".to_string(),
                text,
                lang: self.documents.first().map_or(Lang::Zh, |d| d.lang),
            }],
            files: vec![bytes],
        }
    }
}

/// How to measure.
#[derive(Clone, Debug)]
pub struct Options {
    /// Worker threads (rayon).
    pub threads: usize,
    /// Runs of each stage; the best and the median are reported.
    pub repeat: usize,
}

impl Default for Options {
    fn default() -> Options {
        Options { threads: std::thread::available_parallelism().map_or(1, usize::from), repeat: 3 }
    }
}

/// The measurement of one stage.
#[derive(Clone, Debug, Serialize)]
pub struct StageResult {
    /// Stage name.
    pub stage: &'static str,
    /// Bytes the stage reads per run.
    pub bytes: u64,
    /// Fastest run, seconds.
    pub best_s: f64,
    /// Median run, seconds.
    pub median_s: f64,
    /// `bytes` / `best_s`, in MB/s (10^6 bytes).
    pub best_mb_s: f64,
    /// `bytes` / `median_s`, in MB/s.
    pub median_mb_s: f64,
    /// The result each run checked (hits, tokens, bytes out...).
    pub result: u64,
    /// What `result` counts.
    pub unit: &'static str,
}

/// A whole measurement.
#[derive(Clone, Debug, Serialize)]
pub struct Report {
    /// Documents measured.
    pub documents: usize,
    /// Bytes of decoded text.
    pub bytes: u64,
    /// Worker threads.
    pub threads: usize,
    /// Runs per stage.
    pub repeat: usize,
    /// Patterns of the dictionary (surface forms and exclusions).
    pub patterns: usize,
    /// Every stage.
    pub stages: Vec<StageResult>,
    /// Time of `end_to_end` over time of `scan` (the bare aho-corasick scan of the same text), the median over
    /// `repeat` back-to-back pairs of runs (each pair sees the same load of a shared machine).
    pub end_to_end_over_scan: f64,
    /// The smallest and largest ratio of those pairs.
    pub end_to_end_over_scan_range: (f64, f64),
    /// With more than one thread: time of `end_to_end` on one thread over its time on `threads` threads (the
    /// speed-up from threads), the median over `repeat` back-to-back pairs, and the smallest and largest ratio.
    pub speedup: Option<(f64, (f64, f64))>,
    /// Reading each input format ([`measure_formats`]); empty when not measured.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub formats: Vec<StageResult>,
}

impl Report {
    /// The stage named `stage`.
    pub fn stage(&self, stage: &str) -> Option<&StageResult> {
        self.stages.iter().find(|s| s.stage == stage)
    }

    /// The report as pretty-printed JSON.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"))
    }

    /// A plain-text table: one line per stage.
    pub fn table(&self) -> String {
        let mut out = format!(
            "{} documents, {:.1} MB, {} threads, {} runs per stage (best and median), {} patterns\n",
            self.documents,
            self.bytes as f64 / 1e6,
            self.threads,
            self.repeat,
            self.patterns
        );
        out.push_str(&format!(
            "{:<11} {:>9} {:>10} {:>10} {:>12}  {}\n",
            "stage", "MB", "best MB/s", "med. MB/s", "result", "unit"
        ));
        for s in &self.stages {
            out.push_str(&format!(
                "{:<11} {:>9.1} {:>10.1} {:>10.1} {:>12}  {}\n",
                s.stage,
                s.bytes as f64 / 1e6,
                s.best_mb_s,
                s.median_mb_s,
                s.result,
                s.unit
            ));
        }
        out.push_str(&format!(
            "end_to_end / bare scan: {:.2}x (median of {} back-to-back pairs; {:.2}x to {:.2}x)\n",
            self.end_to_end_over_scan,
            self.repeat,
            self.end_to_end_over_scan_range.0,
            self.end_to_end_over_scan_range.1
        ));
        for (i, s) in self.formats.iter().enumerate() {
            if i == 0 {
                out.push_str(&format!(
                    "input formats: the same {:.1} MB of text written as .txt, .xlsx, .docx and .pdf, read back\n",
                    s.bytes as f64 / 1e6
                ));
            }
            out.push_str(&format!(
                "{:<11} {:>9.1} {:>10.1} {:>10.1} {:>12}  {}\n",
                s.stage,
                s.bytes as f64 / 1e6,
                s.best_mb_s,
                s.median_mb_s,
                s.result,
                s.unit
            ));
        }
        if let Some((median, (low, high))) = self.speedup {
            out.push_str(&format!(
                "end_to_end, {} threads vs 1: {median:.2}x faster (median of {} back-to-back pairs; {low:.2}x to \
                 {high:.2}x)\n",
                self.threads, self.repeat
            ));
        }
        out
    }
}

/// Time every stage of `engine` over `corpus`.
///
/// # Errors
///
/// The thread pool cannot be built, or a run gives another result than the first run of its stage.
pub fn measure(engine: &Engine, corpus: &Corpus, options: &Options) -> Result<Report, BenchError> {
    if corpus.documents.is_empty() {
        return Err(BenchError::Empty);
    }
    let threads = options.threads.max(1);
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .map_err(|e| BenchError::Threads { threads, message: e.to_string() })?;
    let repeat = options.repeat.max(1);
    let docs = &corpus.documents;
    let source_bytes = corpus.bytes();
    let file_bytes: u64 = corpus.files.iter().map(|f| f.len() as u64).sum();
    let normalized: Vec<String> =
        pool.install(|| docs.par_iter().map(|d| gwr_normalize::normalize(&d.text).text).collect());
    let normalized_bytes: u64 = normalized.iter().map(|t| t.len() as u64).sum();
    let matcher = engine.matcher();
    // `Engine::load` returns while jieba's dictionary may still be building: wait for it before anything is timed.
    matcher.segmenter();
    let sectors = engine.scored_sector_ids();
    let mut stages = Vec::new();
    let mut time = |stage: &'static str, bytes: u64, unit: &'static str, run: &(dyn Fn() -> u64 + Sync)| {
        let r = time_stage(&pool, stage, bytes, unit, repeat, run)?;
        stages.push(r);
        Ok::<(), BenchError>(())
    };

    time("decode", file_bytes, "decoded bytes", &|| {
        corpus.files.par_iter().map(|f| gwr_ingest::decode(f).text.len() as u64).sum()
    })?;
    time("clean", source_bytes, "kept bytes", &|| {
        docs.par_iter().map(|d| gwr_clean::clean(&d.text).kept.iter().map(|s| s.len() as u64).sum::<u64>()).sum()
    })?;
    time("normalize", source_bytes, "normalized bytes", &|| {
        docs.par_iter().map(|d| gwr_normalize::normalize(&d.text).text.len() as u64).sum()
    })?;
    time("segment", normalized_bytes, "jieba tokens", &|| {
        normalized
            .par_iter()
            .map(|t| {
                let mut cuts = Vec::new();
                let mut tokens = 0;
                for piece in jieba_pieces(t) {
                    matcher.segmenter().boundaries(piece, &mut cuts);
                    tokens += cuts.len() as u64 - 1;
                }
                tokens
            })
            .sum()
    })?;
    time("match", normalized_bytes, "matches", &|| {
        normalized
            .par_iter()
            .map(|t| {
                let mut out: Vec<RawMatch> = Vec::new();
                matcher.find(t, &mut out);
                out.len() as u64
            })
            .sum()
    })?;
    time("candidates", normalized_bytes, "candidates", &|| {
        normalized.par_iter().map(|t| matcher.candidates(t).len() as u64).sum()
    })?;
    // The reference DFA is built on first use: build it before timing the scan.
    matcher.count_candidates("");
    let scan = || normalized.par_iter().map(|t| matcher.count_candidates(t) as u64).sum();
    time("scan", normalized_bytes, "candidates", &scan)?;
    let per_doc: Vec<Vec<u64>> =
        pool.install(|| docs.par_iter().map(|d| sector_counts(engine, &sectors, &d.id, &d.text, d.lang).1).collect());
    time("score", source_bytes, "score rows", &|| {
        let regions: Vec<RegionCounts> = per_doc
            .iter()
            .enumerate()
            .map(|(i, counts)| RegionCounts {
                region_code: format!("R{i}"),
                year: 2026,
                units: 10_000,
                counts: counts.clone(),
            })
            .collect();
        gwr_score::score_group(&regions, &sectors).len() as u64
    })?;
    let end_to_end = || {
        let per_doc: Vec<(u64, Vec<u64>)> =
            docs.par_iter().map(|d| sector_counts(engine, &sectors, &d.id, &d.text, d.lang)).collect();
        let hits: u64 = per_doc.iter().map(|p| p.0).sum();
        let regions: Vec<RegionCounts> = per_doc
            .into_iter()
            .enumerate()
            .map(|(i, (_, counts))| RegionCounts { region_code: format!("R{i}"), year: 2026, units: 10_000, counts })
            .collect();
        let rows = gwr_score::score_group(&regions, &sectors).len() as u64;
        hits + rows
    };
    time("end_to_end", source_bytes, "hits + score rows", &end_to_end)?;

    let found = |name: &str| stages.iter().find(|s| s.stage == name).map(|s| s.result);
    if let (Some(got), Some(want)) = (found("candidates"), found("scan")) {
        if got != want {
            return Err(BenchError::CandidatesDiffer { matcher: got, scan: want });
        }
    }
    // The ratio from back-to-back pairs, so that both times of a pair see the same load of a shared machine.
    let (end_to_end_over_scan, end_to_end_over_scan_range) =
        paired_ratio(repeat, || pool.install(end_to_end), || pool.install(scan));
    let speedup = if threads > 1 {
        let one = rayon::ThreadPoolBuilder::new()
            .num_threads(1)
            .build()
            .map_err(|e| BenchError::Threads { threads: 1, message: e.to_string() })?;
        Some(paired_ratio(repeat, || one.install(end_to_end), || pool.install(end_to_end)))
    } else {
        None
    };
    Ok(Report {
        documents: docs.len(),
        bytes: source_bytes,
        threads,
        repeat,
        patterns: engine.dictionary().patterns().len(),
        stages,
        end_to_end_over_scan,
        end_to_end_over_scan_range,
        speedup,
        formats: Vec::new(),
    })
}

/// The text of at most this many bytes of the corpus is written in each format by [`measure_formats`].
pub const FORMAT_CORPUS_BYTES: usize = 2_000_000;

/// Time reading the corpus's text from each input format that `gwr analyze` reads: the documents (up to
/// [`FORMAT_CORPUS_BYTES`] of text) are written, once, as `.txt` files, as rows of one `.xlsx` workbook (a text
/// longer than Excel's cell limit continued in the next cells), as `.docx` and as `.pdf` files (a paragraph per
/// line, CJK font with a ToUnicode map, page numbers) into a temporary folder; each stage is
/// `gwr_ingest::read_path` over that format's files, in parallel. Throughput is the bytes of the documents' text
/// per second, the same for every format, so that the numbers compare; the result checked across runs is the
/// number of characters read, and every file must be read without a failed or skipped item.
///
/// # Errors
///
/// The thread pool cannot be built, the files cannot be written, a document is not read back, or a run gives
/// another result than the first.
pub fn measure_formats(corpus: &Corpus, options: &Options) -> Result<Vec<StageResult>, BenchError> {
    use gwr_ingest::write;
    let threads = options.threads.max(1);
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .map_err(|e| BenchError::Threads { threads, message: e.to_string() })?;
    let mut taken = 0;
    let docs: Vec<&Document> = corpus
        .documents
        .iter()
        .take_while(|d| {
            taken += d.text.len();
            taken - d.text.len() < FORMAT_CORPUS_BYTES
        })
        .collect();
    if docs.is_empty() {
        return Err(BenchError::Empty);
    }
    let text_bytes: u64 = docs.iter().map(|d| d.text.len() as u64).sum();
    let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_nanos());
    let dir = std::env::temp_dir().join(format!("gwr-bench-formats-{}-{nanos}", std::process::id()));
    let io = |e: std::io::Error| BenchError::Files(format!("{}: {e}", dir.display()));
    let mut files: Vec<(&'static str, Vec<PathBuf>)> = Vec::new();
    let result = (|| {
        std::fs::create_dir_all(&dir).map_err(io)?;
        let mut txt = Vec::new();
        let mut docx = Vec::new();
        let mut pdf = Vec::new();
        let mut rows = Vec::new();
        let mut widest = 0;
        for (i, d) in docs.iter().enumerate() {
            let text = d.text.replace("\r\n", "\n");
            let path = dir.join(format!("{i}.txt"));
            std::fs::write(&path, &text).map_err(io)?;
            txt.push(path);
            let paragraphs: Vec<&str> = text.lines().collect();
            let path = dir.join(format!("{i}.docx"));
            std::fs::write(&path, write::docx(&write::docx_paragraphs(&paragraphs), &[])).map_err(io)?;
            docx.push(path);
            let layout = write::PdfLayout { page_numbers: true, ..Default::default() };
            let path = dir.join(format!("{i}.pdf"));
            std::fs::write(&path, write::pdf(&paragraphs, &layout)).map_err(io)?;
            pdf.push(path);
            let chars: Vec<char> = text.chars().collect();
            let cells: Vec<String> = chars.chunks(32_767).map(|c| c.iter().collect()).collect();
            widest = widest.max(cells.len());
            rows.push(cells);
        }
        let mut header = vec!["full_text"];
        header.resize(widest.max(1), "");
        let path = dir.join("rows.xlsx");
        std::fs::write(&path, write::xlsx(&header, &rows)).map_err(io)?;
        files = vec![("read .txt", txt), ("read .xlsx", vec![path]), ("read .docx", docx), ("read .pdf", pdf)];
        let mut out = Vec::new();
        for (stage, paths) in &files {
            let read = || -> u64 {
                paths
                    .par_iter()
                    .map(|p| {
                        let items = gwr_ingest::read_path(p, &gwr_ingest::IngestOptions::default());
                        if items.iter().any(|i| i.status != Status::Ok) {
                            return u64::MAX / 4;
                        }
                        items.iter().map(|i| non_space(&i.text)).sum::<u64>()
                    })
                    .sum()
            };
            let r = time_stage(&pool, stage, text_bytes, "non-space chars", options.repeat.max(1), &read)?;
            out.push(r);
        }
        if let Some(bad) = out.iter().find(|r| r.result >= u64::MAX / 4) {
            return Err(BenchError::Files(format!("{}: a file was not read back", bad.stage)));
        }
        // Every format but PDF gives the text back whole; a PDF loses what its boilerplate removal takes (a
        // paragraph that is only a number, at the top or bottom of a page).
        let want: u64 = docs.iter().map(|d| non_space(&d.text)).sum();
        if let Some(bad) = out.iter().find(|r| r.stage != "read .pdf" && r.result != want) {
            return Err(BenchError::Files(format!(
                "{}: {} characters read back, {want} written",
                bad.stage, bad.result
            )));
        }
        Ok(out)
    })();
    let _ = std::fs::remove_dir_all(&dir);
    result
}

fn non_space(text: &str) -> u64 {
    text.chars().filter(|c| !c.is_whitespace()).count() as u64
}

/// Time of `a` over time of `b`, run back to back `repeat` times (so that both runs of a pair see the same load
/// of a shared machine): the median ratio, and the smallest and largest.
fn paired_ratio(repeat: usize, a: impl Fn() -> u64, b: impl Fn() -> u64) -> (f64, (f64, f64)) {
    let seconds = |run: &dyn Fn() -> u64| {
        let t = Instant::now();
        std::hint::black_box(run());
        t.elapsed().as_secs_f64()
    };
    let mut ratios: Vec<f64> = (0..repeat.max(1))
        .map(|_| {
            let b_s = seconds(&b);
            let a_s = seconds(&a);
            if b_s > 0.0 {
                a_s / b_s
            } else {
                0.0
            }
        })
        .collect();
    ratios.sort_by(f64::total_cmp);
    (ratios[ratios.len() / 2], (ratios[0], ratios[ratios.len() - 1]))
}

/// Which patterns [`chinese_forms`] lists.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FormKind {
    /// Surface forms of concepts.
    Terms,
    /// Exclusions (`核能力` for `核能`).
    Exclusions,
}

/// The dictionary's normalized forms of `kind` that hold a Han character, sorted, one per line: the term list
/// other tools are run with.
pub fn chinese_forms(engine: &Engine, kind: FormKind) -> String {
    let mut terms: Vec<String> = engine
        .dictionary()
        .patterns()
        .into_iter()
        .filter(|p| match kind {
            FormKind::Terms => matches!(p.target, gwr_dict::PatternTarget::Concept(_)),
            FormKind::Exclusions => p.target == gwr_dict::PatternTarget::Exclusion,
        })
        .map(|p| p.normalized)
        .filter(|t| t.chars().any(gwr_core::is_han))
        .collect();
    terms.sort();
    terms.dedup();
    terms.into_iter().map(|t| t + "\n").collect()
}

/// The normalized text of every document of `corpus`, joined by blank lines: the text other tools are run on.
pub fn normalized_text(corpus: &Corpus) -> String {
    corpus.documents.iter().map(|d| gwr_normalize::normalize(&d.text).text).collect::<Vec<_>>().join("\n\n")
}

/// Hits of one document, each written as its `hits.jsonl` line (into a scratch buffer, as `gwr analyze` does before
/// storing it), and its counts per scored sector.
fn sector_counts(engine: &Engine, sectors: &[&str], id: &str, text: &str, lang: Lang) -> (u64, Vec<u64>) {
    let counts = engine.process(text, lang);
    // As `gwr analyze` stores them: a huge document's hit lines are written in parallel pieces.
    let per_sector = counts
        .hits
        .par_chunks(gwr_pipeline::PIECE_HITS)
        .map(|piece| {
            let mut per_sector = vec![0u64; sectors.len()];
            let mut line = Vec::new();
            for h in piece {
                line.clear();
                if engine.hit_row(id, text, h).write_line(&mut line).is_ok() {
                    std::hint::black_box(&line);
                }
                let sector = engine.sector_of(h.concept);
                if let Some(i) = sectors.iter().position(|s| *s == sector) {
                    per_sector[i] += 1;
                }
            }
            per_sector
        })
        .reduce(
            || vec![0u64; sectors.len()],
            |mut a, b| {
                a.iter_mut().zip(b).for_each(|(x, y)| *x += y);
                a
            },
        );
    (counts.hits.len() as u64, per_sector)
}

/// `text` cut after line breaks into pieces of about 64 KiB, so that jieba's whole-text segmentation runs on
/// pieces of a bounded size (jieba cuts at line breaks anyway, so the tokens are the same).
fn jieba_pieces(text: &str) -> impl Iterator<Item = &str> {
    let mut rest = text;
    std::iter::from_fn(move || {
        if rest.is_empty() {
            return None;
        }
        let cut = if rest.len() <= 1 << 16 {
            rest.len()
        } else {
            let from = (1 << 16..rest.len()).find(|&i| rest.is_char_boundary(i)).unwrap_or(rest.len());
            rest[from..].find('\n').map_or(rest.len(), |i| from + i + 1)
        };
        let (piece, tail) = rest.split_at(cut);
        rest = tail;
        Some(piece)
    })
}

/// Run `run` `repeat` times on `pool`, check every run gives the first run's result, keep best and median.
fn time_stage(
    pool: &rayon::ThreadPool,
    stage: &'static str,
    bytes: u64,
    unit: &'static str,
    repeat: usize,
    run: &(dyn Fn() -> u64 + Sync),
) -> Result<StageResult, BenchError> {
    let mut times: Vec<Duration> = Vec::with_capacity(repeat);
    let mut first = None;
    for i in 0..repeat {
        let t = Instant::now();
        let result = pool.install(run);
        times.push(t.elapsed());
        match first {
            None => first = Some(result),
            Some(want) if want != result => return Err(BenchError::Unstable { stage, run: i, got: result, want }),
            Some(_) => {}
        }
    }
    times.sort();
    let best_s = times[0].as_secs_f64();
    let median_s = times[times.len() / 2].as_secs_f64();
    let mb_s = |s: f64| if s > 0.0 { bytes as f64 / s / 1e6 } else { 0.0 };
    Ok(StageResult {
        stage,
        bytes,
        best_s,
        median_s,
        best_mb_s: mb_s(best_s),
        median_mb_s: mb_s(median_s),
        result: first.unwrap_or(0),
        unit,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn jieba_pieces_cover_the_text_after_line_breaks() {
        let line = "发展低空经济。\n".repeat(10_000);
        let pieces: Vec<&str> = jieba_pieces(&line).collect();
        assert!(pieces.len() > 1);
        assert_eq!(pieces.concat(), line);
        assert!(pieces[..pieces.len() - 1].iter().all(|p| p.ends_with('\n')));
        assert_eq!(jieba_pieces("").count(), 0);
    }

    #[test]
    fn scaled_corpus_reaches_the_size_and_one_document_joins() {
        let corpus = Corpus {
            documents: vec![Document { id: "a".into(), text: "量子科技".into(), lang: Lang::Zh }],
            files: vec![b"x".to_vec()],
        };
        let big = corpus.scaled(100);
        assert!(big.bytes() >= 100);
        assert_eq!(big.documents.len(), 9);
        assert_ne!(big.documents[0].id, big.documents[1].id);
        let one = big.as_one_document();
        assert_eq!(one.documents.len(), 1);
        assert_eq!(one.documents[0].text.matches("量子科技").count(), 9);
        assert!(one.documents[0].text.starts_with("量子科技（0）\n\n量子科技（1）"));
    }

    #[test]
    fn every_input_format_is_read_back() {
        let demo = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../corpora/demo");
        let corpus = Corpus::load(&[demo]).expect("the demo corpus loads");
        let formats = measure_formats(&corpus, &Options { threads: 2, repeat: 1 }).expect("measured");
        let names: Vec<&str> = formats.iter().map(|s| s.stage).collect();
        assert_eq!(names, ["read .txt", "read .xlsx", "read .docx", "read .pdf"]);
        let want = formats[0].result;
        assert!(want > 1000, "{formats:?}");
        assert!(formats.iter().all(|f| f.best_mb_s > 0.0 && f.bytes == formats[0].bytes));
        // The PDF loses at most what its boilerplate removal takes: under 1% of the text.
        assert!(formats[3].result <= want && (want - formats[3].result) * 100 < want, "{formats:?}");
    }

    #[test]
    fn every_stage_is_measured_and_the_speedup_only_with_threads() {
        let demo = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../corpora/demo");
        let corpus = Corpus::load(&[demo]).expect("the demo corpus loads");
        let engine = Engine::load(gwr_dict::DictSource::Embedded).expect("the default dictionary loads");
        let two = measure(&engine, &corpus, &Options { threads: 2, repeat: 2 }).expect("measured");
        let names: Vec<&str> = two.stages.iter().map(|s| s.stage).collect();
        for stage in ["decode", "clean", "normalize", "segment", "match", "candidates", "scan", "score", "end_to_end"] {
            assert!(names.contains(&stage), "{stage} missing from {names:?}");
        }
        assert!(two.stage("match").is_some_and(|s| s.result > 0 && s.best_s > 0.0));
        let (median, (low, high)) = two.speedup.expect("two threads give a speed-up row");
        assert!(low > 0.0 && low <= median && median <= high, "{low} {median} {high}");
        assert!(two.table().contains("2 threads vs 1"));
        let one = measure(&engine, &corpus, &Options { threads: 1, repeat: 1 }).expect("measured");
        assert!(one.speedup.is_none());
        assert_eq!(one.stage("end_to_end").map(|s| s.result), two.stage("end_to_end").map(|s| s.result));
    }
}
