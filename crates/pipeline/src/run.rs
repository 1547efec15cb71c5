//! The parallel run over all inputs, and the scoring of comparable groups.

use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use gwr_core::{DocMeta, Hit, Lang, Status, NATIONAL_REGION, UNKNOWN_REGION};
use gwr_dict::regions::{Gazetteer, Level};
use gwr_dict::Dictionary;
use gwr_ingest::{IngestOptions, Ingested};
use gwr_match::CountMode;
use gwr_score::{score_group, RegionCounts, ScoreRow};
use rayon::prelude::*;
use serde::Serialize;

use crate::engine::{lock, DocHit, Engine, StageTimes};
use crate::export::Formats;
use crate::hits::{HitLines, HitStore, Seq, HITS_IN_MEMORY};
use crate::progress::{Progress, ProgressMode};
use crate::PipelineError;

/// Everything a run needs to know, already validated.
#[derive(Clone, Debug)]
pub struct Settings {
    /// Files and folders to read (folders are walked recursively).
    pub inputs: Vec<PathBuf>,
    /// Dictionary: the default one compiled in, or a folder laid out like `dictionaries/`, a TOML file, or a
    /// cntext/quanteda YAML file.
    pub dictionary: gwr_dict::DictSource,
    /// Worker threads; `None` means `RAYON_NUM_THREADS` if set, else all cores.
    pub threads: Option<usize>,
    /// Text column and language overrides for ingestion.
    pub ingest: IngestOptions,
    /// Progress bar on stderr.
    pub progress: ProgressMode,
    /// Output formats.
    pub formats: Formats,
    /// Keep each document's decoded text in the result (claims verification needs it).
    pub keep_texts: KeepTexts,
    /// Bytes of hit lines (as in `hits.jsonl`) kept in memory; past this, the run keeps them in a temporary file,
    /// so memory stays bounded by the largest document rather than the corpus. Outputs do not depend on it.
    pub hits_in_memory: u64,
    /// Which occurrences of the dictionary's forms count (`word` unless asked).
    pub mode: CountMode,
    /// Folder for that temporary file (`None`: the system's temporary folder). Give the folder the outputs will be
    /// written to: the file then usually holds `hits.jsonl` exactly, and [`crate::write_outputs`] renames it into
    /// place instead of copying it.
    pub hits_dir: Option<PathBuf>,
    /// Which regions of one level are compared with each other.
    pub compare_within: CompareWithin,
}

/// Which regions of one level and year are compared with each other (scored in one group).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum CompareWithin {
    /// All regions of the level (every city of the corpus with every other city).
    #[default]
    Level,
    /// Prefectures and counties only with those of the same province (`--compare-within province`).
    Province,
}

/// Whether [`Analysis`] keeps the decoded text of each document.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum KeepTexts {
    /// Drop texts once counted: memory stays bounded by the largest document.
    #[default]
    No,
    /// Keep them (for evidence and figure search).
    Yes,
}

impl Settings {
    /// Settings for `inputs` with the default dictionary and defaults for everything else.
    pub fn new(inputs: Vec<PathBuf>) -> Settings {
        Settings {
            inputs,
            dictionary: gwr_dict::DictSource::Embedded,
            threads: None,
            ingest: IngestOptions::default(),
            progress: ProgressMode::Auto,
            formats: Formats::default(),
            keep_texts: KeepTexts::No,
            hits_in_memory: HITS_IN_MEMORY,
            hits_dir: None,
            compare_within: CompareWithin::Level,
            mode: CountMode::Word,
        }
    }
}

/// One input (a file, or a row of a CSV/JSONL file) and what became of it.
#[derive(Clone, Debug)]
pub struct DocumentResult {
    /// Metadata found by ingestion.
    pub meta: DocMeta,
    /// ok, skipped or failed.
    pub status: Status,
    /// Why it was skipped or failed (empty when ok), and notes such as `lossy: 3 invalid sequences`.
    pub reason: String,
    /// Flags raised on the way (`region not found`, `lossy: ...`, `duplicate of ...`).
    pub flags: Vec<String>,
    /// Characters of the counted text.
    pub chars: u64,
    /// Han characters of the counted text.
    pub han_chars: u64,
    /// Latin-script words of the counted text (non-Chinese documents only).
    pub words: u64,
    /// Where its counted matches are kept: read them with [`Analysis::hits`].
    pub hits: HitLines,
    /// The decoded text, when [`KeepTexts::Yes`].
    pub text: Option<String>,
    content_hash: u64,
    /// Hits per concept (index into the dictionary's concepts), sorted by concept id then sector id.
    concepts: Vec<(u32, u64)>,
    /// The doc_id was changed after its hits were stored: their lines carry the old one.
    renamed: bool,
    /// Where it was read: its file's index among the inputs and its rank among the file's documents.
    seq: crate::hits::Seq,
    /// The document (by `seq`) whose counted text was compared with this one's and found the same.
    same_text_as: Option<crate::hits::Seq>,
}

impl DocumentResult {
    /// Units of the per-10,000 rate: Han characters for Chinese, words for English and French, both for a text of
    /// undetermined language (mixed scripts).
    pub fn units(&self) -> u64 {
        match self.meta.lang {
            Lang::Zh => self.han_chars,
            Lang::Und => self.han_chars + self.words,
            Lang::En | Lang::Fr => self.words,
        }
    }

    /// Counts per (concept, sector), sorted by concept id; `dict` is the dictionary of the run
    /// ([`Engine::dictionary`]).
    pub fn concept_counts<'d>(&self, dict: &'d Dictionary) -> Vec<(&'d str, &'d str, u64)> {
        self.concepts
            .iter()
            .map(|&(c, n)| {
                let concept = &dict.concepts[c as usize];
                (concept.id.as_str(), dict.sectors[concept.sector].id.as_str(), n)
            })
            .collect()
    }
}

/// A set of regions compared with each other: same year, same level, same language (and, with
/// [`CompareWithin::Province`], the same province). A region whose level is unknown is a group of its own.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Group {
    /// Year (0 when unknown).
    pub year: u16,
    /// `national`, `province`, `prefecture`, `county` or `unknown`.
    pub level: String,
    /// Region codes in the group.
    pub regions: Vec<String>,
    /// Language of the group's documents.
    pub lang: String,
    /// The province whose regions the group compares (`--compare-within province`); empty otherwise.
    pub within: String,
}

/// Time per stage. Stage times are summed over threads; `wall_ms` is elapsed time.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Timings {
    /// Worker threads used.
    pub threads: usize,
    /// Elapsed time of the whole analysis.
    pub wall_ms: f64,
    /// Reading and decoding inputs.
    pub ingest_ms: f64,
    /// Boilerplate removal.
    pub clean_ms: f64,
    /// Normalization.
    pub normalize_ms: f64,
    /// Matching.
    pub match_ms: f64,
    /// Scoring.
    pub score_ms: f64,
}

/// Counts of inputs by outcome.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Outcomes {
    /// Counted.
    pub ok: usize,
    /// Not counted on purpose.
    pub skipped: usize,
    /// Unreadable.
    pub failed: usize,
}

/// The dictionary a run used.
#[derive(Clone, Debug, Serialize)]
pub struct DictionaryInfo {
    /// Name from `dictionary.toml`.
    pub name: String,
    /// Version from `dictionary.toml`.
    pub version: String,
    /// Content hash of the dictionary files.
    pub hash: String,
    /// Path it was loaded from; empty for the embedded default dictionary.
    pub path: String,
    /// Sectors (scored).
    pub sectors: usize,
    /// Concepts.
    pub concepts: usize,
    /// `embedded` (the default dictionary compiled into gwr) or `path` (given with `--dict`).
    pub source: String,
}

/// One input in `run.json`.
#[derive(Clone, Debug, Serialize)]
pub struct InputOutcome {
    /// Path (+ `#row`).
    pub source: String,
    /// Document id.
    pub doc_id: String,
    /// ok / skipped / failed.
    pub status: Status,
    /// Reason for skipped and failed inputs; for ok inputs, their flags joined with `; ` (as in documents.csv).
    pub reason: String,
    /// Flags.
    pub flags: Vec<String>,
}

/// What `run.json` holds.
#[derive(Clone, Debug, Serialize)]
pub struct RunSummary {
    /// gwr version.
    pub gwr_version: String,
    /// Dictionary used.
    pub dictionary: DictionaryInfo,
    /// Counting mode (`word`, `term` or `substring`).
    pub mode: String,
    /// Inputs as given on the command line, sorted (so that their order does not change run.json).
    pub inputs_given: Vec<String>,
    /// Outcome counts.
    pub documents: Outcomes,
    /// Bytes of input files read.
    pub bytes: u64,
    /// Documents whose region could not be found (each scored on its own, as `unknown:<doc_id>` or `x:<value>`).
    pub unknown_region: Vec<String>,
    /// Comparable groups that were scored.
    pub groups: Vec<Group>,
    /// Every input with its outcome.
    pub inputs: Vec<InputOutcome>,
    /// Timings (differ from run to run; everything else is deterministic).
    pub timing: Timings,
}

/// The result of [`analyze`].
pub struct Analysis {
    /// Every input, sorted by doc_id.
    pub documents: Vec<DocumentResult>,
    /// Scores of every region × year × sector, by group.
    pub scores: Vec<ScoreRow>,
    /// The run summary (`run.json`).
    pub summary: RunSummary,
    /// The compiled dictionary.
    pub engine: Engine,
    hits: HitStore,
}

impl Analysis {
    /// True when some input failed.
    pub fn has_failures(&self) -> bool {
        self.summary.documents.failed > 0
    }

    /// Every counted match of `doc` (one of [`Analysis::documents`]), in source order.
    pub fn hits(&self, doc: &DocumentResult) -> Result<Vec<Hit>, PipelineError> {
        let mut hits = self.hits.read(&doc.hits).map_err(PipelineError::Hits)?;
        if doc.renamed {
            for h in &mut hits {
                h.doc_id.clone_from(&doc.meta.doc_id);
            }
        }
        Ok(hits)
    }

    /// The hits of `doc` as lines of `hits.jsonl`.
    pub(crate) fn write_hit_lines(&self, doc: &DocumentResult, w: &mut dyn std::io::Write) -> std::io::Result<()> {
        if !doc.renamed {
            return self.hits.copy(&doc.hits, w);
        }
        for mut h in self.hits.read(&doc.hits)? {
            h.doc_id.clone_from(&doc.meta.doc_id);
            serde_json::to_writer(&mut *w, &h)?;
            w.write_all(b"\n")?;
        }
        Ok(())
    }

    /// The run's temporary hit file, synced, when it holds `hits.jsonl` for `dir` exactly (it lies in `dir`, and
    /// its lines are those of [`Analysis::documents`] in order, none renamed): the path to rename into place.
    pub(crate) fn take_hits_file(&self, dir: &std::path::Path) -> std::io::Result<Option<PathBuf>> {
        self.hits.take_file(dir, self.hits_in_order())
    }

    /// End the analysis as a program ends: close the hit store (its thread stops, its temporary file, if it still
    /// has one, is removed), and leave the rest of the memory to the process's exit instead of freeing it piece by
    /// piece, which took 15-20 ms after a 211 MB run. For a program about to exit; elsewhere, drop the analysis.
    pub fn end_with_process(mut self) {
        drop(std::mem::replace(&mut self.hits, HitStore::new(0, None)));
        std::mem::forget(self);
    }

    /// True when the stored hit lines are those of `hits.jsonl`, in order (documents finished close to doc_id
    /// order, no duplicate dropped after its hits were stored, no doc_id renamed): [`crate::write_outputs`] then
    /// renames the run's hit file into place, when it lies in the output folder, instead of copying it.
    pub fn hits_in_order(&self) -> bool {
        let renamed = self.documents.iter().any(|d| d.renamed && !d.hits.is_empty());
        !renamed && self.hits.in_order(self.documents.iter().map(|d| &d.hits))
    }

    /// True when the hits went to a temporary file ([`Settings::hits_in_memory`] was exceeded).
    pub fn hits_spilled(&self) -> bool {
        self.hits.spilled()
    }
}

/// Load and check the dictionary, then run [`analyze_with`]. The work runs on the run's [`Settings::threads`]
/// threads, jieba's dictionary build included (it is a job of the run's pool, not a thread of its own).
pub fn analyze(settings: &Settings) -> Result<Analysis, PipelineError> {
    let pool = thread_pool(settings)?;
    let (started, files) = (Instant::now(), gwr_ingest::discover_inputs(&settings.inputs)?);
    // The files read first start coming into the cache while the dictionary loads.
    for file in files.iter().take(pool.current_num_threads()) {
        gwr_ingest::prefetch_input(file);
    }
    let engine = pool.install(|| Engine::load(&settings.dictionary))?;
    analyze_on(&pool, engine, (started, files), settings)
}

/// Load a dictionary (the embedded default, or a path) and refuse it when `check` reports an error.
pub fn load_checked_dictionary(source: impl Into<gwr_dict::DictSource>) -> Result<Dictionary, PipelineError> {
    let source = source.into();
    let dict = Dictionary::load_source(&source)?;
    let errors = crate::engine::check_errors(&dict);
    if !errors.is_empty() {
        return Err(PipelineError::DictionaryCheck { path: check_name(&source), problems: errors.join("\n") });
    }
    Ok(dict)
}

/// How a dictionary that fails its check is named: its path, or `(embedded)`.
pub(crate) fn check_name(source: &gwr_dict::DictSource) -> PathBuf {
    source.path().map_or_else(|| PathBuf::from("(embedded)"), std::path::Path::to_path_buf)
}

/// Run the pipeline with an already compiled dictionary.
pub fn analyze_with(engine: Engine, settings: &Settings) -> Result<Analysis, PipelineError> {
    let (started, files) = (Instant::now(), gwr_ingest::discover_inputs(&settings.inputs)?);
    analyze_on(&thread_pool(settings)?, engine, (started, files), settings)
}

/// The pool of [`Settings::threads`] threads a run works on.
fn thread_pool(settings: &Settings) -> Result<rayon::ThreadPool, PipelineError> {
    rayon::ThreadPoolBuilder::new()
        .num_threads(settings.threads.unwrap_or(0))
        .build()
        .map_err(|e| PipelineError::Threads { threads: settings.threads.unwrap_or(0), message: e.to_string() })
}

/// [`analyze_with`] on `pool`, over `files` discovered from [`Settings::inputs`] at `started`, where the run's wall
/// time starts ([`analyze`] loads the dictionary after it, so its wall time includes the loading).
fn analyze_on(
    pool: &rayon::ThreadPool,
    engine: Engine,
    (started, files): (Instant, Vec<gwr_ingest::InputFile>),
    settings: &Settings,
) -> Result<Analysis, PipelineError> {
    let engine = engine.with_mode(settings.mode);
    let threads = pool.current_num_threads();
    let sizes: Vec<u64> = files
        .iter()
        .map(|f| match f.verdict {
            None => std::fs::metadata(&f.path).map_or(0, |m| m.len()),
            Some(_) => 0,
        })
        .collect();
    let total_bytes: u64 = sizes.iter().sum();
    let progress = Progress::new(settings.progress, total_bytes);
    let docs_done = std::sync::atomic::AtomicU64::new(0);
    let store = HitStore::new(settings.hits_in_memory, settings.hits_dir.clone());
    let first_copies = FirstCopies::default();
    // A document's text read again, for the rare documents whose content hash equals another's: texts are not
    // kept, and a hash alone must not make a document a duplicate.
    let reread = |(index, rank): crate::hits::Seq| -> Option<String> {
        let mut items = gwr_ingest::read_input(&files[index], &settings.ingest);
        items.sort_by(|a, b| doc_order(&a.meta, &b.meta));
        items.into_iter().nth(rank).filter(|i| i.status == Status::Ok).map(|i| i.text)
    };
    let ctx = DocCtx {
        engine: &engine,
        store: &store,
        first_copies: &first_copies,
        keep: settings.keep_texts,
        reread: &reread,
    };

    // Per file: its documents with their stage times, and the time its reading took.
    type FileResult = (Vec<(DocumentResult, StageTimes)>, Duration);
    let read_file = |index: usize| -> (Vec<Ingested>, Duration) {
        let t = Instant::now();
        let mut items = gwr_ingest::read_input(&files[index], &settings.ingest);
        // In doc_id order, the order of hits.jsonl, so that the hit store can append their lines as they come.
        items.sort_by(|a, b| doc_order(&a.meta, &b.meta));
        (items, t.elapsed())
    };
    let count_file = |index: usize, items: Vec<Ingested>, ingest_time: Duration| -> Result<FileResult, PipelineError> {
        store.expect_file(index, items.len()).map_err(PipelineError::Hits)?;
        let results: Vec<(DocumentResult, StageTimes)> = items
            .into_par_iter()
            .enumerate()
            .map(|(rank, item)| process(&ctx, item, (index, rank)))
            .collect::<Result<_, _>>()?;
        let n = docs_done.fetch_add(results.len() as u64, Ordering::Relaxed);
        progress.file_done(sizes[index], n + results.len() as u64);
        Ok((results, ingest_time))
    };
    // Files are taken in order, one at a time by each thread (a file's documents, and the pieces of a huge
    // document, are shared out between threads as they fall idle): documents then finish close to the order of
    // hits.jsonl. While jieba's dictionary is still building (the first 0.1-0.2 s), a thread reads files ahead
    // instead of waiting for it at the first Han boundary, up to READ_AHEAD_BYTES of text; they are counted, in
    // order, once it is built.
    let next_file = AtomicUsize::new(0);
    let failed = AtomicBool::new(false);
    let slots: Vec<Mutex<Option<Result<FileResult, PipelineError>>>> = files.iter().map(|_| Mutex::new(None)).collect();
    /// Files read ahead (by index: their documents, the time their reading took, their bytes of text), and the
    /// bytes of text they hold.
    type ReadAhead = (BTreeMap<usize, (Vec<Ingested>, Duration, u64)>, u64);
    let read_ahead: Mutex<ReadAhead> = Mutex::new((BTreeMap::new(), 0));
    let lock_queue = || lock(&read_ahead);
    let segmenter_ready = || engine.matcher().segmenter_ready();
    pool.scope(|scope| {
        for _ in 0..threads {
            scope.spawn(|_| loop {
                if failed.load(Ordering::Relaxed) {
                    break;
                }
                let files_left = next_file.load(Ordering::Relaxed) < files.len();
                let ahead = if segmenter_ready() || !files_left {
                    let mut queue = lock_queue();
                    let first = queue.0.pop_first();
                    queue.1 -= first.as_ref().map_or(0, |(_, (_, _, bytes))| *bytes);
                    first
                } else {
                    None
                };
                let (index, items, ingest_time) = match ahead {
                    Some((index, (items, t, _))) => (index, items, t),
                    None => {
                        let index = next_file.fetch_add(1, Ordering::Relaxed);
                        if index >= files.len() {
                            if lock_queue().0.is_empty() {
                                break;
                            }
                            continue;
                        }
                        // The file this thread or another takes next: its reading can start now.
                        if let Some(ahead) = files.get(index + threads) {
                            gwr_ingest::prefetch_input(ahead);
                        }
                        let (items, t) = read_file(index);
                        let bytes: u64 = items.iter().map(|item| item.text.len() as u64).sum();
                        let mut queue = lock_queue();
                        if !segmenter_ready() && queue.1 + bytes <= READ_AHEAD_BYTES {
                            queue.0.insert(index, (items, t, bytes));
                            queue.1 += bytes;
                            continue;
                        }
                        drop(queue);
                        (index, items, t)
                    }
                };
                let result = count_file(index, items, ingest_time);
                failed.fetch_or(result.is_err(), Ordering::Relaxed);
                *lock(&slots[index]) = Some(result);
            });
        }
    });
    progress.finish();
    let mut per_file = Vec::with_capacity(files.len());
    let mut first_error = None;
    for slot in slots {
        match slot.into_inner().unwrap_or_else(|e| e.into_inner()) {
            Some(Ok(result)) => per_file.push(result),
            Some(Err(e)) => {
                first_error.get_or_insert(e);
            }
            // Not started: another file failed first.
            None => {}
        }
    }
    if let Some(e) = first_error {
        return Err(e);
    }

    let mut stage = StageTimes::default();
    let mut ingest_time = Duration::ZERO;
    let mut documents = Vec::new();
    for (results, t) in per_file {
        ingest_time += t;
        for (doc, times) in results {
            stage.add(&times);
            documents.push(doc);
        }
    }
    documents.sort_by(|a, b| doc_order(&a.meta, &b.meta));
    make_ids_unique(&mut documents);
    // An unknown region is named after its document: after a renamed doc_id, after the new one.
    for d in documents.iter_mut().filter(|d| d.meta.region_code.starts_with("unknown:")) {
        d.meta.region_code = format!("{UNKNOWN_REGION}:{}", d.meta.doc_id);
    }
    mark_duplicates(&mut documents, |a, b| {
        b.same_text_as == Some(a.seq) || reread(b.seq).is_some_and(|t| same_counted_text(&engine, &reread, &t, a.seq))
    });
    flag_shared_regions(&mut documents);
    // An ok document's flags (`lossy: 3 invalid sequences`, `repeated body...`) are its reason in documents.csv.
    for d in documents.iter_mut().filter(|d| d.status == Status::Ok) {
        d.reason = d.flags.join("; ");
    }

    let t = Instant::now();
    let (scores, groups) = score(&engine, &documents, settings.compare_within);
    let score_time = t.elapsed();

    let dict = engine.dictionary();
    let mut outcomes = Outcomes::default();
    for d in &documents {
        match d.status {
            Status::Ok => outcomes.ok += 1,
            Status::Skipped => outcomes.skipped += 1,
            Status::Failed => outcomes.failed += 1,
        }
    }
    let ms = |d: Duration| (d.as_secs_f64() * 1000.0 * 1000.0).round() / 1000.0;
    let summary = RunSummary {
        gwr_version: env!("CARGO_PKG_VERSION").to_string(),
        dictionary: DictionaryInfo {
            name: dict.name.clone(),
            version: dict.version.clone(),
            hash: dict.hash.clone(),
            path: settings.dictionary.path().map(|p| p.display().to_string()).unwrap_or_default(),
            sectors: engine.scored_sector_ids().len(),
            concepts: dict.concepts.len(),
            source: settings.dictionary.kind().to_string(),
        },
        mode: engine.mode().as_str().to_string(),
        inputs_given: {
            // Sorted: the order of paths on the command line must not change the outputs.
            let mut given: Vec<String> = settings.inputs.iter().map(|p| p.display().to_string()).collect();
            given.sort();
            given
        },
        documents: outcomes,
        bytes: total_bytes,
        unknown_region: documents
            .iter()
            .filter(|d| d.status == Status::Ok && level_of(&d.meta) == UNKNOWN_REGION)
            .map(|d| d.meta.doc_id.clone())
            .collect(),
        groups,
        inputs: documents
            .iter()
            .map(|d| InputOutcome {
                source: d.meta.source.clone(),
                doc_id: d.meta.doc_id.clone(),
                status: d.status,
                reason: d.reason.clone(),
                flags: d.flags.clone(),
            })
            .collect(),
        timing: Timings {
            threads,
            wall_ms: ms(started.elapsed()),
            ingest_ms: ms(ingest_time),
            clean_ms: ms(stage.clean),
            normalize_ms: ms(stage.normalize),
            match_ms: ms(stage.matching),
            score_ms: ms(score_time),
        },
    };
    Ok(Analysis { documents, scores, summary, engine, hits: store })
}

/// The order of documents in every output: by doc_id, then source. Files' documents are sorted by it before they
/// are counted, so that the hit store receives them in the order of `hits.jsonl`.
fn doc_order(a: &DocMeta, b: &DocMeta) -> std::cmp::Ordering {
    a.doc_id.cmp(&b.doc_id).then_with(|| a.source.cmp(&b.source))
}

/// Text read ahead at most while jieba's dictionary is still building (see [`analyze_with`]): 64 MB, about what two
/// threads read in the 0.1-0.2 s the build takes (with 32 MB, one of two threads sat idle for 40 ms of a 211 MB run).
const READ_AHEAD_BYTES: u64 = 64 << 20;

/// What every document of a run is processed with.
struct DocCtx<'a> {
    engine: &'a Engine,
    store: &'a HitStore,
    /// Concept id → index in the dictionary's concepts.
    first_copies: &'a FirstCopies,
    keep: KeepTexts,
    /// The text of the ok document at a `Seq`, read again from its file (see [`same_counted_text`]).
    reread: &'a (dyn Fn(crate::hits::Seq) -> Option<String> + Sync),
}

/// For each text (content hash), the smallest (doc_id, source) of the ok documents finished so far with it. A
/// document behind another with the same text is sure to be marked a duplicate ([`mark_duplicates`] keeps the first
/// in that order), so its hits need not be stored.
#[derive(Default)]
struct FirstCopies(std::sync::Mutex<HashMap<u64, (String, String, crate::hits::Seq)>>);

impl FirstCopies {
    /// The document (by `Seq`) with the same content hash and a smaller (doc_id, source) seen so far, if any;
    /// otherwise `meta` (at `seq`) becomes the first seen. The caller compares the texts.
    fn behind_another(&self, content_hash: u64, meta: &DocMeta, seq: crate::hits::Seq) -> Option<crate::hits::Seq> {
        let mut first = lock(&self.0);
        let key = (meta.doc_id.as_str(), meta.source.as_str());
        match first.get_mut(&content_hash) {
            Some((id, source, at)) if (id.as_str(), source.as_str()) < key => Some(*at),
            Some(seen) => {
                *seen = (meta.doc_id.clone(), meta.source.clone(), seq);
                None
            }
            None => {
                first.insert(content_hash, (meta.doc_id.clone(), meta.source.clone(), seq));
                None
            }
        }
    }
}

/// Whether the document at `other` (read again from its file) has the same counted text as `text`: the same
/// normalized kept spans. Two texts with the same content hash are compared so, never taken to be equal on the
/// hash alone.
fn same_counted_text(
    engine: &Engine,
    reread: &dyn Fn(crate::hits::Seq) -> Option<String>,
    text: &str,
    other: crate::hits::Seq,
) -> bool {
    reread(other).is_some_and(|o| engine.counted_text(&o) == engine.counted_text(text))
}

/// Count one document; its hits go to the store at once as the document at `seq`, so only their place and
/// per-concept counts stay.
fn process(ctx: &DocCtx<'_>, item: Ingested, seq: Seq) -> Result<(DocumentResult, StageTimes), PipelineError> {
    let mut doc = DocumentResult {
        meta: item.meta,
        status: item.status,
        reason: item.reason,
        flags: item.flags,
        chars: 0,
        han_chars: 0,
        words: 0,
        hits: HitLines::default(),
        text: None,
        content_hash: 0,
        concepts: Vec::new(),
        renamed: false,
        seq,
        same_text_as: None,
    };
    if doc.status != Status::Ok {
        // Its place in the order of hits.jsonl, with no lines.
        ctx.store.put_none(seq).map_err(PipelineError::Hits)?;
        return Ok((doc, StageTimes::default()));
    }
    // A large document's hits go to the store piece by piece while the rest of it is still being matched (their
    // serialization and writing no longer wait for the whole document); they are stored before the document's
    // text is known to be a copy of another's, and left unreferenced if it is.
    let streamed = item.text.len() >= 2 * crate::engine::PARALLEL_CHUNK_BYTES;
    let row = |h: &DocHit| ctx.engine.hit_row(&doc.meta.doc_id, &item.text, h);
    let counts = if streamed {
        let mut sink = |hits: &[DocHit]| ctx.store.put_part(seq, hits, row);
        ctx.engine.process_streaming(&item.text, doc.meta.lang, &mut sink).map_err(PipelineError::Hits)?
    } else {
        ctx.engine.process(&item.text, doc.meta.lang)
    };
    doc.chars = counts.chars;
    doc.han_chars = counts.han_chars;
    doc.words = counts.words;
    doc.content_hash = counts.content_hash;
    let mut stored = false;
    if doc.chars == 0 || item.text.trim().is_empty() {
        doc.status = Status::Skipped;
        doc.reason = "empty after boilerplate removal".to_string();
    } else {
        if counts.repeated_body_bytes > 0 {
            // The body saved twice in one file is counted once: say so (gwr-clean removed the copy).
            doc.flags.push(format!(
                "repeated body: {} bytes counted once{}",
                counts.repeated_body_bytes,
                repeats_where(&counts.repeats)
            ));
        }
        // A document behind another with the same text will be marked a duplicate: its hits are not kept.
        if let Some(first) = ctx.first_copies.behind_another(doc.content_hash, &doc.meta, seq) {
            if same_counted_text(ctx.engine, ctx.reread, &item.text, first) {
                doc.same_text_as = Some(first);
            }
        }
        if doc.same_text_as.is_none() {
            let concepts = &ctx.engine.dictionary().concepts;
            // Counted by concept index (a map keyed by concept id, compared as strings at every hit, cost about
            // 50 ms on one thread for a document of half a million hits), then sorted by concept id, as
            // `concept_counts` promises.
            let mut per_concept = vec![0u64; concepts.len()];
            for h in &counts.hits {
                per_concept[h.concept as usize] += 1;
            }
            doc.concepts =
                per_concept.iter().enumerate().filter(|&(_, &n)| n > 0).map(|(c, &n)| (c as u32, n)).collect();
            doc.concepts.sort_by(|a, b| concepts[a.0 as usize].id.cmp(&concepts[b.0 as usize].id).then(a.0.cmp(&b.0)));
            doc.hits = if streamed {
                ctx.store.finish(seq, counts.hits.len() as u64)
            } else {
                ctx.store.put(seq, &counts.hits, row)
            }
            .map_err(PipelineError::Hits)?;
            stored = true;
        }
    }
    if !stored {
        ctx.store.put_none(seq).map_err(PipelineError::Hits)?;
    }
    if ctx.keep == KeepTexts::Yes {
        doc.text = Some(item.text);
    }
    Ok((doc, counts.timings))
}

/// Where the repeats of a text are, for its `repeated body` flag: ` (bytes 900..1400 repeat 0..500)`, the first
/// three, then how many more; empty when the repeats were found line by line only.
fn repeats_where(repeats: &[gwr_clean::Repeat]) -> String {
    if repeats.is_empty() {
        return String::new();
    }
    let mut parts: Vec<String> = repeats
        .iter()
        .take(3)
        .map(|r| format!("bytes {}..{} repeat {}..{}", r.copy.start, r.copy.end, r.original.start, r.original.end))
        .collect();
    if repeats.len() > 3 {
        parts.push(format!("{} more", repeats.len() - 3));
    }
    format!(" ({})", parts.join(", "))
}

/// Two inputs can yield the same id (the same relative path under two roots): number the later ones.
fn make_ids_unique(documents: &mut [DocumentResult]) {
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    for d in documents.iter_mut() {
        let n = seen.entry(d.meta.doc_id.clone()).or_default();
        *n += 1;
        if *n > 1 {
            d.meta.doc_id = format!("{}~{}", d.meta.doc_id, n);
            d.renamed = true;
        }
    }
}

/// The same text saved twice: the first (by doc_id) counts, the others are listed as skipped duplicates. Documents
/// with the same content hash are duplicates only when `same_text(first, later)` says their texts are the same.
fn mark_duplicates(documents: &mut [DocumentResult], same_text: impl Fn(&DocumentResult, &DocumentResult) -> bool) {
    // Content hash -> the documents (indices) with distinct texts that have it, first first.
    let mut first: BTreeMap<u64, Vec<usize>> = BTreeMap::new();
    for i in 0..documents.len() {
        if documents[i].status != Status::Ok {
            continue;
        }
        let firsts = first.entry(documents[i].content_hash).or_default();
        let original = firsts.iter().copied().find(|&f| same_text(&documents[f], &documents[i]));
        match original {
            Some(f) => {
                let original = documents[f].meta.doc_id.clone();
                let d = &mut documents[i];
                d.status = Status::Skipped;
                d.reason = format!("duplicate of {original}");
                d.flags.push(format!("duplicate of {original}"));
                // Its lines stay in the store, unreferenced.
                d.hits = HitLines::default();
                d.concepts.clear();
            }
            None => firsts.push(i),
        }
    }
}

/// The level a document is scored at: its own, else (documents made by other means than ingestion) from its code.
fn level_of(meta: &DocMeta) -> &str {
    if !meta.level.is_empty() {
        return &meta.level;
    }
    let code = meta.region_code.as_str();
    if code == NATIONAL_REGION {
        return "national";
    }
    match Gazetteer::builtin().by_code(code).map(|r| r.level) {
        Some(Level::National) => "national",
        Some(_) => "province",
        None => UNKNOWN_REGION,
    }
}

/// The key of a document's comparable group: (year, level, language, scope); the scope is the region itself for
/// an unknown level (scored on its own), the province with [`CompareWithin::Province`] below the provinces.
fn group_key(meta: &DocMeta, within: CompareWithin) -> (u16, &str, Lang, &str) {
    let level = level_of(meta);
    let scope = match level {
        UNKNOWN_REGION => meta.region_code.as_str(),
        "prefecture" | "county" if within == CompareWithin::Province => meta.parent.as_str(),
        _ => "",
    };
    (meta.year.unwrap_or(0), level, meta.lang, scope)
}

/// Ok documents that resolve to the same region, year, level and language are counted together: each is told
/// which others it is counted with (a report saved as two files, or two reports of one region by mistake).
fn flag_shared_regions(documents: &mut [DocumentResult]) {
    let mut by_key: BTreeMap<(String, Option<u16>, String, Lang), Vec<usize>> = BTreeMap::new();
    for (i, d) in documents.iter().enumerate().filter(|(_, d)| d.status == Status::Ok) {
        let m = &d.meta;
        by_key.entry((m.region_code.clone(), m.year, level_of(m).to_string(), m.lang)).or_default().push(i);
    }
    for idx in by_key.into_values().filter(|v| v.len() > 1) {
        let ids: Vec<String> = idx.iter().map(|&i| documents[i].meta.doc_id.clone()).collect();
        for &i in &idx {
            let others: Vec<&str> =
                ids.iter().map(String::as_str).filter(|id| *id != documents[i].meta.doc_id).collect();
            let m = &documents[i].meta;
            let flag = format!(
                "counted together with {} (same region {}, year {}, level {}, language {})",
                others.join(", "),
                m.region_code,
                m.year.map_or_else(|| "unknown".to_string(), |y| y.to_string()),
                level_of(m),
                m.lang.code()
            );
            documents[i].flags.push(flag);
        }
    }
}

fn score(engine: &Engine, documents: &[DocumentResult], within: CompareWithin) -> (Vec<ScoreRow>, Vec<Group>) {
    let sectors = engine.scored_sector_ids();
    let index: BTreeMap<&str, usize> = sectors.iter().enumerate().map(|(i, s)| (*s, i)).collect();
    let dict = engine.dictionary();
    // Concept index → position of its sector among the scored sectors (none for policy vocabulary).
    let slot: Vec<Option<usize>> =
        dict.concepts.iter().map(|c| index.get(dict.sectors[c.sector].id.as_str()).copied()).collect();
    // (year, level, lang, scope) -> region -> counts
    type Key<'d> = (u16, &'d str, Lang, &'d str);
    let mut groups: BTreeMap<Key<'_>, BTreeMap<&str, RegionCounts>> = BTreeMap::new();
    let mut names: HashMap<&str, &str> = HashMap::new();
    for d in documents.iter().filter(|d| d.status == Status::Ok) {
        let key = group_key(&d.meta, within);
        let code = d.meta.region_code.as_str();
        names.entry(code).or_insert(d.meta.region_name.as_str());
        let entry = groups.entry(key).or_default().entry(code).or_insert_with(|| RegionCounts {
            region_code: code.to_string(),
            year: key.0,
            units: 0,
            counts: vec![0; sectors.len()],
        });
        entry.units += d.units();
        for &(c, n) in &d.concepts {
            if let Some(i) = slot[c as usize] {
                entry.counts[i] += n;
            }
        }
    }
    let mut rows = Vec::new();
    let mut out_groups = Vec::new();
    for ((year, level, lang, scope), regions) in groups {
        let regions: Vec<RegionCounts> = regions.into_values().collect();
        out_groups.push(Group {
            year,
            level: level.to_string(),
            regions: regions.iter().map(|r| r.region_code.clone()).collect(),
            lang: lang.code().to_string(),
            within: if level == UNKNOWN_REGION { String::new() } else { scope.to_string() },
        });
        let mut scored = score_group(&regions, &sectors);
        for r in &mut scored {
            r.lang = lang.code().to_string();
            r.level = level.to_string();
            r.region_name = names.get(r.region_code.as_str()).copied().unwrap_or_default().to_string();
        }
        rows.extend(scored);
    }
    (rows, out_groups)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::TextHash;

    /// The content hash of a text of 16 ASCII bytes (one kept span, unchanged by normalization).
    fn hash16(text: &[u8; 16]) -> u64 {
        let mut h = TextHash::new();
        h.write(text);
        h.finish()
    }

    /// Two different texts of 16 bytes with the same content hash, built from the hash's structure: the state after
    /// the first word is xored into the second, so a second word that cancels the difference collides. The bytes
    /// are printable ASCII other than upper case and space, which cleaning and normalization leave alone.
    fn colliding_texts() -> ([u8; 16], [u8; 16]) {
        let ok = |b: u8| (0x21..0x7F).contains(&b) && !b.is_ascii_uppercase();
        let a = *b"quantum-computer";
        let state = |w: &[u8]| {
            let mut h = TextHash::new();
            h.write(w);
            h.finish()
        };
        let w2 = u64::from_le_bytes(a[8..].try_into().expect("8 bytes"));
        let mut seed = 0x1234_5678_9abc_def0u64;
        loop {
            // A random first word of allowed bytes (xorshift).
            let mut w1 = [0u8; 8];
            for byte in &mut w1 {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                *byte = b'a' + (seed % 26) as u8;
            }
            let other = (state(&w1) ^ state(&a[..8]) ^ w2).to_le_bytes();
            if other.iter().all(|&b| ok(b)) && w1 != a[..8] {
                let mut b = [0u8; 16];
                b[..8].copy_from_slice(&w1);
                b[8..].copy_from_slice(&other);
                return (a, b);
            }
        }
    }

    /// Regression (issue 23, case 4): two different texts whose 64-bit content hashes are equal were reported
    /// `duplicate of` each other, the second dropped unread; the texts are now compared.
    #[test]
    fn regression_equal_hashes_of_different_texts_are_not_duplicates() {
        let (a, b) = colliding_texts();
        assert_ne!(a, b);
        assert_eq!(hash16(&a), hash16(&b), "the texts must collide for the test to mean anything");
        let dir = tempfile::tempdir().expect("temp dir");
        std::fs::write(dir.path().join("a.txt"), a).expect("write");
        std::fs::write(dir.path().join("b.txt"), b).expect("write");
        // And a true copy, which still is a duplicate.
        std::fs::write(dir.path().join("c.txt"), a).expect("write");
        let mut settings = Settings::new(vec![dir.path().to_path_buf()]);
        settings.progress = crate::ProgressMode::Hidden;
        settings.threads = Some(1);
        let analysis = analyze(&settings).expect("analysis");
        let outcome: Vec<(&str, Status, &str)> = analysis
            .documents
            .iter()
            .map(|d| (d.meta.doc_id.rsplit('/').next().unwrap_or(""), d.status, d.reason.as_str()))
            .collect();
        let dir_name = dir.path().file_name().and_then(|n| n.to_str()).expect("name");
        let dup = format!("duplicate of {dir_name}/a.txt");
        assert_eq!(outcome[0].1, Status::Ok, "{outcome:?}");
        assert_eq!(outcome[1].1, Status::Ok, "{outcome:?}");
        assert_eq!((outcome[2].1, outcome[2].2), (Status::Skipped, dup.as_str()), "{outcome:?}");
        assert_eq!(analysis.documents[0].content_hash, analysis.documents[1].content_hash);
    }
}
