//! The State Council's reports and their official English translations (`bilingual-2024-2026`, read at run time):
//! the English side must count what the Chinese side counts. Per year, over the scored sectors (policy vocabulary
//! aside): Spearman's rho between the zh and en sector counts ≥ 0.90, and en hits ≥ 90 % of zh hits. Sentence by
//! sentence (the files are aligned), the share of pairs where both sides find the same sectors is printed with the
//! 20 most frequent disagreements, and must not fall below what it was when the vocabulary was filled.

use std::collections::{BTreeMap, BTreeSet};

use gwr_core::{Lang, Status};
use gwr_dict::{Dictionary, SectorKind};
use gwr_pipeline::{analyze, write_outputs, Engine, Formats, KeepTexts, ProgressMode, Settings};
use gwr_report::CompareOptions;

/// Per year: Spearman's rho between the zh and en sector counts, at least.
const MIN_RHO: f64 = 0.90;
/// Per year: en sector hits over zh sector hits, at least.
const MIN_HIT_RATIO: f64 = 0.90;
/// Aligned pairs with a sector hit on either side where both sides find the same set of sectors, at least.
const MIN_SAME_SECTORS: f64 = 0.70;

fn policy_sectors(dict: &Dictionary) -> BTreeSet<String> {
    dict.sectors.iter().filter(|s| s.kind == SectorKind::Policy).map(|s| s.id.clone()).collect()
}

#[test]
fn english_translation_counts_what_the_chinese_counts() {
    let corpora = gwr_testdata::require_corpora!();
    let mut settings = Settings::new(vec![corpora.join("bilingual-2024-2026")]);
    settings.progress = ProgressMode::Hidden;
    settings.keep_texts = KeepTexts::Yes;
    let analysis = analyze(&settings).expect("the bilingual corpus is analysed");
    let ok: Vec<_> = analysis.documents.iter().filter(|d| d.status == Status::Ok).collect();
    assert_eq!(ok.iter().filter(|d| d.meta.lang == Lang::En).count(), 3, "one English document per year");
    // Every hit of the English texts slices to its surface in the source.
    for doc in ok.iter().filter(|d| d.meta.lang == Lang::En) {
        let text = doc.text.as_deref().expect("texts kept");
        let hits = analysis.hits(doc).expect("hits read back");
        assert!(!hits.is_empty(), "{}", doc.meta.doc_id);
        for h in hits {
            assert_eq!(text.get(h.start..h.end), Some(h.surface.as_str()), "{}@{}..{}", h.doc_id, h.start, h.end);
        }
    }
    let out = tempfile::tempdir().expect("tempdir");
    write_outputs(&analysis, out.path(), &Formats::default()).expect("outputs written");
    let dict = Dictionary::embedded().expect("default dictionary");
    let options = CompareOptions { exclude_sectors: policy_sectors(&dict), top: 5, evidence: 2 };
    let pairs = gwr_report::compare_lang(out.path(), &options).expect("compare-lang reads the output");
    println!("{}", gwr_report::compare_lang::pairs_text(&pairs));
    let years: Vec<Option<u16>> = pairs.iter().map(|p| p.year).collect();
    assert_eq!(years, [Some(2024), Some(2025), Some(2026)]);
    let mut failures = Vec::new();
    for p in &pairs {
        assert_eq!((p.region_code.as_str(), p.lang_a.as_str(), p.lang_b.as_str()), ("CN", "zh", "en"));
        // An undefined rho counts as failing (NaN is below every bound).
        let rho = p.rho.unwrap_or(f64::NAN);
        let ratio = p.total_b as f64 / p.total_a.max(1) as f64;
        println!("{:?}: rho {rho:.3}, en/zh hits {}/{} = {ratio:.3}", p.year, p.total_b, p.total_a);
        if rho.is_nan() || rho < MIN_RHO {
            failures.push(format!("{:?}: Spearman rho {rho:.3} < {MIN_RHO}", p.year));
        }
        if ratio < MIN_HIT_RATIO {
            failures.push(format!("{:?}: en/zh hits {ratio:.3} < {MIN_HIT_RATIO}", p.year));
        }
    }
    assert!(failures.is_empty(), "{failures:#?}");
}

/// The scored sectors `engine` finds in `text`.
fn sectors(engine: &Engine, policy: &BTreeSet<String>, text: &str, lang: Lang) -> BTreeMap<String, Vec<String>> {
    let mut found: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for h in engine.process(text, lang).hits {
        let sector = engine.sector_of(h.concept);
        if !policy.contains(sector) {
            found.entry(sector.to_string()).or_default().push(h.span.slice(text).to_string());
        }
    }
    found
}

#[test]
fn aligned_sentences_find_the_same_sectors() {
    let corpora = gwr_testdata::require_corpora!();
    let engine = Engine::load(gwr_dict::DictSource::Embedded).expect("default dictionary");
    let policy = policy_sectors(engine.dictionary());
    let mut files: Vec<_> = std::fs::read_dir(corpora.join("bilingual-2024-2026"))
        .expect("bilingual folder")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "csv"))
        .collect();
    files.sort();
    let (mut pairs, mut with_hits, mut same) = (0usize, 0usize, 0usize);
    let mut disagreements: BTreeMap<(&str, String), (usize, Vec<String>)> = BTreeMap::new();
    for file in &files {
        let mut reader = csv::Reader::from_path(file).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
        let header = reader.headers().expect("header").clone();
        let col = |name: &str| header.iter().position(|h| h.trim_start_matches('\u{feff}') == name);
        let (zh_col, en_col) = (col("中文").expect("中文 column"), col("英文").expect("英文 column"));
        for (row, record) in reader.records().enumerate() {
            let record = record.unwrap_or_else(|e| panic!("{}: row {}: {e}", file.display(), row + 1));
            let (zh, en) = (record.get(zh_col).unwrap_or_default(), record.get(en_col).unwrap_or_default());
            pairs += 1;
            let a = sectors(&engine, &policy, zh, Lang::Zh);
            let b = sectors(&engine, &policy, en, Lang::En);
            if a.is_empty() && b.is_empty() {
                continue;
            }
            with_hits += 1;
            if a.keys().eq(b.keys()) {
                same += 1;
            }
            let name = file.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
            for (side, mine, other) in [("zh only", &a, &b), ("en only", &b, &a)] {
                for (sector, surfaces) in mine.iter().filter(|(s, _)| !other.contains_key(*s)) {
                    let entry = disagreements.entry((side, sector.clone())).or_default();
                    entry.0 += 1;
                    entry.1.push(format!("{name}#{}: {}", row + 1, surfaces.join(", ")));
                }
            }
        }
    }
    let share = same as f64 / with_hits as f64;
    println!("{pairs} aligned pairs, {with_hits} with a sector hit, {same} find the same sectors: {share:.3}");
    let mut top: Vec<_> = disagreements.into_iter().collect();
    top.sort_by(|x, y| y.1 .0.cmp(&x.1 .0).then(x.0.cmp(&y.0)));
    println!("the 20 most frequent disagreements (pairs, side, sector, examples):");
    for ((side, sector), (n, examples)) in top.iter().take(20) {
        println!("{n:3} {side:8} {sector:28} {}", examples.iter().take(3).cloned().collect::<Vec<_>>().join(" | "));
    }
    assert!(share >= MIN_SAME_SECTORS, "same sectors in {share:.3} of the pairs < {MIN_SAME_SECTORS}");
}
