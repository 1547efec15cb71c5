//! Matching quality of the default dictionary, measured on the real 2026 provincial reports.
//!
//! The analysis is re-run on `../shared/corpora/provincial-2026`; the label files in `tests/data/` hold only
//! identifiers (document, byte offsets, concept or sector ids, the dictionary term) and the labeller's verdict:
//!
//! - `precision_labels.tsv`: a stratified sample of hits (every sector, concepts in turn, fixed seed), each read in
//!   context and labelled `ok` (the term is used in the concept's sense) or `wrong`, with a reason;
//! - `recall_sentences.tsv`: sentences chosen by reading the reports (not by the dictionary), with the sectors a
//!   reader tags in them.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use common::*;

/// Labelled hits needed for the precision figure to mean something.
const MIN_PRECISION_LABELS: usize = 300;
/// Sentences needed for the recall figure.
const MIN_RECALL_SENTENCES: usize = 150;
const MIN_PRECISION: f64 = 0.97;
const MIN_RECALL: f64 = 0.90;
/// Share of `ok` labels whose hit may vanish (a recall loss) before the test fails.
const MAX_OK_LOST: f64 = 0.02;

/// A hit of hits.jsonl, reduced to what the labels refer to.
#[derive(Debug)]
struct Hit {
    concept: String,
    sector: String,
    start: usize,
    end: usize,
}

/// The analysis of the provincial corpus, run once per test binary; hits by doc_id.
fn provincial_hits() -> &'static BTreeMap<String, Vec<Hit>> {
    static HITS: OnceLock<BTreeMap<String, Vec<Hit>>> = OnceLock::new();
    HITS.get_or_init(|| {
        let corpus = shared_corpora().join("provincial-2026");
        let out = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("dict_quality-provincial-2026");
        gwr_expect(&["analyze", corpus.to_str().unwrap(), "--out", out.to_str().unwrap(), "--quiet"], 0);
        let mut by_doc: BTreeMap<String, Vec<Hit>> = BTreeMap::new();
        for h in read_hits(&out) {
            by_doc.entry(h["doc_id"].as_str().unwrap().to_string()).or_default().push(Hit {
                concept: h["concept"].as_str().unwrap().to_string(),
                sector: h["sector"].as_str().unwrap().to_string(),
                start: h["start"].as_u64().unwrap() as usize,
                end: h["end"].as_u64().unwrap() as usize,
            });
        }
        by_doc
    })
}

/// A TSV file of `tests/data` as header-keyed rows.
fn read_tsv(name: &str) -> Vec<BTreeMap<String, String>> {
    let path = root().join("tests/data").join(name);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    let mut lines = text.lines();
    let headers: Vec<&str> = lines.next().expect("header line").split('\t').collect();
    lines
        .enumerate()
        .map(|(i, line)| {
            let cells: Vec<&str> = line.split('\t').collect();
            assert_eq!(cells.len(), headers.len(), "{name}:{}: expected {} cells", i + 2, headers.len());
            headers.iter().zip(cells).map(|(h, c)| (h.to_string(), c.to_string())).collect()
        })
        .collect()
}

fn offset(row: &BTreeMap<String, String>, key: &str) -> usize {
    row[key].parse().unwrap_or_else(|_| panic!("bad {key} in {row:?}"))
}

/// The decoded report text a doc_id such as `provincial-2026/2026_上海市_政府工作报告.csv#1` refers to: the
/// `full_text` cell of that row of the CSV file.
fn report_text(corpus: &Path, doc_id: &str) -> String {
    let (file, row) = doc_id.rsplit_once('#').expect("doc_id names a row");
    let row: usize = row.parse().expect("row number");
    let mut reader = csv::Reader::from_path(corpus.join(file)).expect("report CSV");
    let headers = reader.headers().unwrap().clone();
    let col = headers.iter().position(|h| h.trim_start_matches('\u{feff}') == "full_text").expect("full_text");
    let record = reader.records().nth(row - 1).expect("row exists").unwrap();
    record[col].to_string()
}

#[test]
fn precision_on_labelled_provincial_hits() {
    gwr_testdata::require_corpora!();
    let hits = provincial_hits();
    let labels = read_tsv("precision_labels.tsv");
    assert!(labels.len() >= MIN_PRECISION_LABELS, "only {} labelled hits", labels.len());
    let sectors: BTreeSet<&str> = hits.values().flatten().map(|h| h.sector.as_str()).collect();

    let (mut ok_kept, mut wrong_kept, mut ok_total) = (0usize, 0usize, 0usize);
    let mut ok_lost = Vec::new();
    let mut wrong_left = Vec::new();
    let mut labelled_sectors = BTreeSet::new();
    for l in &labels {
        let (start, end) = (offset(l, "start"), offset(l, "end"));
        // Still produced: a hit of the same concept over the same text (a longer form may now cover it).
        let produced = hits
            .get(&l["doc_id"])
            .is_some_and(|hs| hs.iter().any(|h| h.concept == l["concept"] && h.start < end && start < h.end));
        if let Some(h) = hits.get(&l["doc_id"]).and_then(|hs| hs.iter().find(|h| h.start == start && h.end == end)) {
            labelled_sectors.insert(h.sector.clone());
        }
        match l["label"].as_str() {
            "ok" => {
                ok_total += 1;
                if produced {
                    ok_kept += 1;
                } else {
                    ok_lost.push(format!("{}@{start}..{end} {} {}", l["doc_id"], l["concept"], l["surface"]));
                }
            }
            "wrong" if produced => {
                wrong_kept += 1;
                wrong_left
                    .push(format!("{}@{start}..{end} {} {}: {}", l["doc_id"], l["concept"], l["surface"], l["reason"]));
            }
            "wrong" => {}
            other => panic!("unknown label {other:?} in {l:?}"),
        }
    }
    let precision = ok_kept as f64 / (ok_kept + wrong_kept).max(1) as f64;
    println!(
        "precision {precision:.4} over {} labelled hits still produced ({ok_kept} ok, {wrong_kept} wrong); \
         {} wrong labels fixed; {} of {ok_total} ok labels lost",
        ok_kept + wrong_kept,
        labels.iter().filter(|l| l["label"] == "wrong").count() - wrong_kept,
        ok_lost.len()
    );
    for w in &wrong_left {
        println!("  still wrong: {w}");
    }
    for o in &ok_lost {
        println!("  RECALL LOSS (ok label no longer produced): {o}");
    }
    assert!(precision >= MIN_PRECISION, "precision {precision:.4} < {MIN_PRECISION}");
    assert!(
        ok_lost.len() as f64 <= MAX_OK_LOST * ok_total as f64,
        "{} of {ok_total} ok-labelled hits vanished (more than {:.0}%): {ok_lost:#?}",
        ok_lost.len(),
        MAX_OK_LOST * 100.0
    );
    // The sample is stratified: every sector with hits in the corpus has labels.
    let unlabelled: Vec<&&str> = sectors.iter().filter(|s| !labelled_sectors.contains(**s)).collect();
    assert!(unlabelled.is_empty(), "sectors with hits but no labelled hit: {unlabelled:?}");
}

#[test]
fn recall_on_sentences_tagged_by_reading() {
    gwr_testdata::require_corpora!();
    let hits = provincial_hits();
    let corpus = shared_corpora();
    let rows = read_tsv("recall_sentences.tsv");
    assert!(rows.len() >= MIN_RECALL_SENTENCES, "only {} sentences", rows.len());
    let dict = gwr_dict::Dictionary::embedded().expect("default dictionary loads");
    let sector_ids: BTreeSet<&str> = dict.sectors.iter().map(|s| s.id.as_str()).collect();

    let mut texts: BTreeMap<String, String> = BTreeMap::new();
    let (mut pairs, mut found) = (0usize, 0usize);
    let mut misses = Vec::new();
    for r in &rows {
        let (start, end) = (offset(r, "start"), offset(r, "end"));
        let text = texts.entry(r["doc_id"].clone()).or_insert_with(|| report_text(&corpus, &r["doc_id"]));
        assert!(
            start < end && text.is_char_boundary(start) && text.is_char_boundary(end) && end <= text.len(),
            "{}@{start}..{end} is not a span of the report text",
            r["doc_id"]
        );
        for sector in r["sectors"].split(',') {
            assert!(sector_ids.contains(sector), "unknown sector {sector:?} in {r:?}");
            pairs += 1;
            let hit = hits
                .get(&r["doc_id"])
                .is_some_and(|hs| hs.iter().any(|h| h.sector == sector && h.start >= start && h.end <= end));
            if hit {
                found += 1;
            } else {
                misses.push(format!("{}@{start}..{end} {sector}", r["doc_id"]));
            }
        }
    }
    let recall = found as f64 / pairs as f64;
    println!("recall {recall:.4}: {found} of {pairs} (sentence, sector) pairs over {} sentences", rows.len());
    for m in &misses {
        println!("  missed: {m}");
    }
    assert!(recall >= MIN_RECALL, "recall {recall:.4} < {MIN_RECALL}");
}

#[test]
fn dictionary_size_and_language_coverage() {
    let dict = gwr_dict::Dictionary::embedded().expect("default dictionary loads");
    let n = dict.concepts.len();
    assert!(n >= 600, "{n} concepts");
    let has = |c: &gwr_dict::Concept, lang: gwr_core::Lang| c.forms.iter().any(|f| f.lang == lang);
    let no_zh: Vec<&str> =
        dict.concepts.iter().filter(|c| !has(c, gwr_core::Lang::Zh)).map(|c| c.id.as_str()).collect();
    assert!(no_zh.is_empty(), "concepts without a Chinese form: {no_zh:?}");
    for lang in [gwr_core::Lang::En, gwr_core::Lang::Fr] {
        let with = dict.concepts.iter().filter(|c| has(c, lang)).count();
        assert!(with as f64 >= 0.9 * n as f64, "{with} of {n} concepts have a {lang:?} form");
    }
}
