//! A run writes the same outputs whether its hits stay in memory or go to a temporary file (issue 5: memory
//! bounded by the largest document), on the real corpora: when the file holds hits.jsonl in order and is renamed
//! into place, and when doc_ids renamed after their hits were stored make it copy hits.jsonl in order.

use std::collections::BTreeMap;
use std::path::Path;

use gwr_pipeline::{analyze, write_outputs, Analysis, Format, Formats, ProgressMode, Settings};

/// Every output file of `dir`, run.json without its timings.
fn outputs(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    std::fs::read_dir(dir)
        .expect("output folder")
        .map(|e| {
            let e = e.expect("entry");
            let name = e.file_name().to_string_lossy().into_owned();
            let mut bytes = std::fs::read(e.path()).expect("output file");
            if name == "run.json" {
                let mut v: serde_json::Value = serde_json::from_slice(&bytes).expect("run.json");
                assert!(v.as_object_mut().expect("object").remove("timing").is_some(), "run.json has timings");
                bytes = serde_json::to_vec_pretty(&v).expect("json");
            }
            (name, bytes)
        })
        .collect()
}

/// A run writing to `out`; its hits past `hits_in_memory` go to a file in `out`, as `gwr analyze` does.
fn run(settings: &Settings, hits_in_memory: u64, out: &Path) -> Analysis {
    let mut s = settings.clone();
    s.hits_in_memory = hits_in_memory;
    s.hits_dir = Some(out.to_path_buf());
    let analysis = analyze(&s).expect("analysis");
    write_outputs(&analysis, out, &s.formats).expect("outputs");
    analysis
}

/// The files of `dir`: the outputs and nothing else (no temporary hit file left behind).
fn file_names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .expect("output folder")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

const OUTPUTS: [&str; 9] = [
    "counts.csv",
    "counts.json",
    "documents.csv",
    "documents.json",
    "hits.jsonl",
    "panel.csv",
    "run.json",
    "scores.csv",
    "scores.json",
];

#[test]
fn a_spilled_run_in_doc_id_order_renames_its_hit_file_into_place() {
    gwr_testdata::require_corpora!();
    let corpora = gwr_testdata::corpora();
    let tmp = tempfile::tempdir().expect("temp dir");
    let mut settings = Settings::new(vec![corpora.join("provincial-2026"), corpora.join("bilingual-2024-2026")]);
    settings.progress = ProgressMode::Hidden;
    settings.formats = Formats::with(&[Format::Json]);
    settings.threads = Some(2);
    let (memory, file) = (tmp.path().join("memory"), tmp.path().join("file"));
    let kept = run(&settings, u64::MAX, &memory);
    let spilled = run(&settings, 0, &file);
    assert!(!kept.hits_spilled() && spilled.hits_spilled(), "one run in memory, one spilled");
    assert!(spilled.hits_in_order(), "documents finished in doc_id order");
    assert_eq!(file_names(&file), OUTPUTS, "the hit file became hits.jsonl");
    assert!(outputs(&memory) == outputs(&file), "the same outputs");
    // The renamed file is still the store: the hits read back.
    let doc = spilled.documents.iter().find(|d| !d.hits.is_empty()).expect("a document with hits");
    assert_eq!(spilled.hits(doc).expect("hits").len() as u64, doc.hits.len());
    drop(spilled);
    assert_eq!(file_names(&file), OUTPUTS, "hits.jsonl stays");
}

#[test]
fn outputs_are_the_same_whether_hits_are_spilled_or_kept_in_memory() {
    gwr_testdata::require_corpora!();
    let corpora = gwr_testdata::corpora();
    let tmp = tempfile::tempdir().expect("temp dir");
    // The national file again under a folder of the same name, half its rows in reverse order: the same doc_ids
    // as the real rows with other texts, so the real rows are renamed `~2` after their hits were stored.
    let national = corpora.join("national-zh/government_work_reports.jsonl");
    let lines: Vec<String> =
        std::fs::read_to_string(&national).expect("national reports").lines().map(String::from).collect();
    let mut half: Vec<&String> = lines[..lines.len() / 2].iter().collect();
    half.reverse();
    let twin = tmp.path().join("national-zh");
    std::fs::create_dir_all(&twin).expect("twin folder");
    std::fs::write(
        twin.join("government_work_reports.jsonl"),
        half.iter().map(|l| format!("{l}\n")).collect::<String>(),
    )
    .expect("twin file");

    let mut settings = Settings::new(vec![
        corpora.join("national-zh"),
        corpora.join("provincial-2026"),
        corpora.join("bilingual-2024-2026"),
        twin,
    ]);
    settings.progress = ProgressMode::Hidden;
    settings.formats = Formats::with(&[Format::Json]);
    let (memory, file) = (tmp.path().join("memory"), tmp.path().join("file"));
    let kept = run(&settings, u64::MAX, &memory);
    let spilled = run(&settings, 0, &file);
    assert!(!kept.hits_spilled() && spilled.hits_spilled(), "one run in memory, one spilled");

    let renamed_with_hits = kept.documents.iter().filter(|d| d.meta.doc_id.ends_with("~2") && !d.hits.is_empty());
    let renamed: Vec<&str> = renamed_with_hits.map(|d| d.meta.doc_id.as_str()).collect();
    assert!(!renamed.is_empty(), "some renamed document has hits");
    for (a, b) in kept.documents.iter().zip(&spilled.documents) {
        let (ha, hb) = (kept.hits(a).expect("hits in memory"), spilled.hits(b).expect("hits from the file"));
        assert_eq!(ha, hb, "hits of {}", a.meta.doc_id);
        assert_eq!(ha.len() as u64, a.hits.len());
        assert!(ha.iter().all(|h| h.doc_id == a.meta.doc_id), "hits of {} carry its doc_id", a.meta.doc_id);
    }

    assert!(!spilled.hits_in_order(), "renamed doc_ids: hits.jsonl is copied in order");
    // The run's hit file stays in the output folder as long as the analysis can read hits from it.
    assert_eq!(file_names(&file).len(), OUTPUTS.len() + 1);
    // Ended as `gwr` ends it (the rest of its memory left to the exit): the temporary file still goes.
    spilled.end_with_process();
    assert_eq!(file_names(&file), OUTPUTS, "no temporary file left");
    let (a, b) = (outputs(&memory), outputs(&file));
    assert_eq!(a.keys().collect::<Vec<_>>(), b.keys().collect::<Vec<_>>(), "output files");
    for (name, bytes) in &a {
        assert!(bytes == &b[name], "{name} differs between a run in memory and a spilled one");
    }
    let hits = String::from_utf8(a["hits.jsonl"].clone()).expect("utf-8");
    assert!(renamed.iter().any(|id| hits.contains(&format!("{{\"doc_id\":\"{id}\""))), "renamed ids in hits.jsonl");
}

#[test]
fn a_huge_documents_hits_streamed_as_it_is_matched_are_those_of_one_search() {
    gwr_testdata::require_corpora!();
    let tmp = tempfile::tempdir().expect("temp dir");
    // The national reports as one text (3 MB: matched in parallel pieces, its hits stored as the pieces finish),
    // the same text again (a duplicate, whose streamed hits must not reach hits.jsonl), and a small report.
    let huge: String = gwr_testdata::national().join("\n\n");
    assert!(huge.len() >= 2 * gwr_pipeline::PARALLEL_CHUNK_BYTES, "large enough to be streamed");
    let input = tmp.path().join("input");
    std::fs::create_dir_all(&input).expect("input folder");
    std::fs::write(input.join("huge.txt"), &huge).expect("huge");
    std::fs::write(input.join("huge_again.txt"), &huge).expect("copy");
    std::fs::write(input.join("small.txt"), &gwr_testdata::provincial()[0]).expect("small");

    let mut settings = Settings::new(vec![input]);
    settings.progress = ProgressMode::Hidden;
    settings.threads = Some(2);
    let (memory, file) = (tmp.path().join("memory"), tmp.path().join("file"));
    let kept = run(&settings, u64::MAX, &memory);
    let spilled = run(&settings, 0, &file);
    assert!(spilled.hits_spilled(), "the spilled run went to a file");

    let engine = gwr_pipeline::Engine::load(gwr_dict::DictSource::Embedded).expect("engine");
    let doc = kept.documents.iter().find(|d| d.meta.source.ends_with("huge.txt")).expect("the huge document");
    let expected: Vec<_> =
        engine.process(&huge, doc.meta.lang).hits.iter().map(|h| engine.hit(&doc.meta.doc_id, &huge, h)).collect();
    assert!(expected.len() > 2000, "many hits");
    for analysis in [&kept, &spilled] {
        let doc = analysis.documents.iter().find(|d| d.meta.source.ends_with("huge.txt")).expect("huge");
        assert_eq!(analysis.hits(doc).expect("hits"), expected, "hits of the huge document");
        let copy = analysis.documents.iter().find(|d| d.meta.source.ends_with("huge_again.txt")).expect("copy");
        assert!(copy.reason.starts_with("duplicate of"), "the copy is a duplicate: {}", copy.reason);
        assert!(copy.hits.is_empty(), "and has no hits");
    }
    let copy_id = spilled.documents.iter().find(|d| d.meta.source.ends_with("huge_again.txt")).expect("copy");
    let copy_line = format!("{{\"doc_id\":\"{}\"", copy_id.meta.doc_id);
    drop(spilled);
    let tables = ["counts.csv", "documents.csv", "hits.jsonl", "panel.csv", "run.json", "scores.csv"];
    assert_eq!(file_names(&file), tables, "no temporary file left");
    let (a, b) = (outputs(&memory), outputs(&file));
    assert!(a == b, "the same outputs in memory and spilled");
    let hits = String::from_utf8(a["hits.jsonl"].clone()).expect("utf-8");
    let listed: u64 = kept.documents.iter().map(|d| d.hits.len()).sum();
    assert_eq!(hits.lines().count() as u64, listed, "hits.jsonl holds the listed hits and nothing else");
    assert!(!hits.contains(&copy_line), "no line of the duplicate in hits.jsonl");
}
