//! `gwr dict eval`: the default dictionary meets the precision and recall thresholds on the double-labelled sets of
//! `dictionaries/audit/`, and the evaluation itself tells right labels from wrong ones.

mod common;

use std::fmt::Write as _;
use std::path::Path;

use common::*;

/// `gwr dict eval --enforce` on `labels`, with the corpora at `corpora`: exit code and printed table.
fn eval(labels: &Path, corpora: &Path) -> (i32, String) {
    let out = gwr(&[
        "dict",
        "eval",
        "--enforce",
        "--quiet",
        "--labels",
        labels.to_str().unwrap(),
        "--corpora",
        corpora.to_str().unwrap(),
    ]);
    let text = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    (out.status.code().unwrap_or(-1), text)
}

#[test]
fn the_dictionary_meets_the_thresholds_on_the_labelled_sets() {
    let corpora = gwr_testdata::require_corpora!();
    let (code, text) = eval(&root().join("dictionaries/audit"), &corpora);
    println!("{text}");
    assert_eq!(code, 0, "gwr dict eval --enforce failed:\n{text}");
}

/// Label files written from gwr's own hits on the national reports: every hit labelled with its own sector (and,
/// for one hit in `wrong_every`, NONE), every hit also a recall mention of its sector.
fn synthetic_labels(dir: &Path, hits: &[serde_json::Value], wrong_every: usize) {
    let (mut precision, mut recall, mut paragraphs) = (String::new(), String::new(), String::new());
    precision.push_str("item\tsplit\tcorpus\tdoc_id\tstart\tend\tsurface_len\tlabel_a\tlabel_b\tlabel\n");
    recall.push_str("item\tsplit\tcorpus\tdoc_id\tstart\tend\tsector\tannotators\n");
    paragraphs.push_str("para\tsplit\tcorpus\tdoc_id\tstart\tend\n");
    for (i, h) in hits.iter().enumerate() {
        let (doc, start, end) =
            (h["doc_id"].as_str().unwrap(), h["start"].as_u64().unwrap(), h["end"].as_u64().unwrap());
        let sector = h["sector"].as_str().unwrap();
        let label = if wrong_every > 0 && i % wrong_every == 0 { "NONE" } else { sector };
        let len = h["surface"].as_str().unwrap().chars().count();
        let split = if i % 3 == 0 { "heldout" } else { "dev" };
        writeln!(precision, "p{i}\t{split}\tnational-zh\t{doc}\t{start}\t{end}\t{len}\t{label}\t{sector}\t{label}")
            .unwrap();
        writeln!(recall, "r{i}\t{split}\tnational-zh\t{doc}\t{start}\t{end}\t{sector}\tab").unwrap();
        writeln!(paragraphs, "g{i}\t{split}\tnational-zh\t{doc}\t{start}\t{end}").unwrap();
    }
    std::fs::write(dir.join("precision.tsv"), precision).unwrap();
    std::fs::write(dir.join("recall.tsv"), recall).unwrap();
    std::fs::write(dir.join("paragraphs.tsv"), paragraphs).unwrap();
}

#[test]
fn eval_passes_right_labels_and_fails_wrong_ones() {
    let corpora = gwr_testdata::require_corpora!();
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("analysis");
    let national = corpora.join("national-zh");
    gwr_expect(&["analyze", national.to_str().unwrap(), "--out", out.to_str().unwrap(), "--quiet"], 0);
    let scored = |h: &&serde_json::Value| !h["sector"].as_str().unwrap().ends_with("_vocabulary");
    let hits: Vec<serde_json::Value> = read_hits(&out).iter().filter(scored).step_by(37).take(60).cloned().collect();
    assert!(hits.len() >= 40, "only {} hits sampled", hits.len());

    let right = dir.path().join("right");
    std::fs::create_dir(&right).unwrap();
    synthetic_labels(&right, &hits, 0);
    let (code, text) = eval(&right, &corpora);
    assert_eq!(code, 0, "{text}");
    assert!(text.contains("Cohen's kappa 1.000"), "{text}");

    // One hit in ten labelled NONE: precision about 0.9 overall, below 0.97.
    let wrong = dir.path().join("wrong");
    std::fs::create_dir(&wrong).unwrap();
    synthetic_labels(&wrong, &hits, 10);
    let (code, text) = eval(&wrong, &corpora);
    assert_eq!(code, 1, "{text}");
    assert!(
        text.contains("thresholds NOT met: precision 0.8") || text.contains("thresholds NOT met: precision 0.9"),
        "{text}"
    );

    // A label naming no sector of the dictionary is an error naming file and line.
    let bad = dir.path().join("bad");
    std::fs::create_dir(&bad).unwrap();
    synthetic_labels(&bad, &hits[..3], 0);
    let precision = std::fs::read_to_string(bad.join("precision.tsv")).unwrap();
    let mut lines: Vec<String> = precision.lines().map(str::to_string).collect();
    let cells: Vec<&str> = lines[2].split('\t').collect();
    lines[2] = [&cells[..9], &["no_such_sector"]].concat().join("\t");
    std::fs::write(bad.join("precision.tsv"), lines.join("\n") + "\n").unwrap();
    let (code, text) = eval(&bad, &corpora);
    assert_eq!(code, 2, "{text}");
    assert!(text.contains("precision.tsv:3: label \"no_such_sector\""), "{text}");
}
