//! `discover` on the 31 provincial reports of 2026 (../shared/corpora/provincial-2026): at least 50 candidates,
//! each with examples that point at the term in the source text, none already in the dictionary, and a TOML
//! export that loads as a dictionary.

use std::path::{Path, PathBuf};

use gwr_core::Status;
use gwr_dict::{Dictionary, Severity};
use gwr_ingest::{discover_inputs, read_input, IngestOptions};
use gwr_report::{discover, DiscoverOptions, Grouping};

fn provincial() -> PathBuf {
    gwr_testdata::corpora().join("provincial-2026")
}

#[test]
fn provincial_corpus_gives_at_least_50_candidates_with_examples() {
    gwr_testdata::require_corpora!();
    let corpus = provincial();
    let dict = Dictionary::embedded().unwrap();
    let found = discover(std::slice::from_ref(&corpus), &dict, &DiscoverOptions::new().top(200)).unwrap();
    assert_eq!(found.documents, 31);
    assert_eq!(found.grouping, Grouping::Region);
    for c in found.candidates.iter().take(60) {
        eprintln!("{}", c.line());
    }
    assert!(found.candidates.len() >= 50, "only {} candidates", found.candidates.len());

    // The source texts, to check every example's offsets.
    let mut texts = std::collections::HashMap::new();
    for input in discover_inputs(&[corpus]).unwrap() {
        for item in read_input(&input, &IngestOptions::default()) {
            if item.status == Status::Ok {
                texts.insert(item.meta.doc_id.clone(), item.text);
            }
        }
    }
    let forms: std::collections::HashSet<&str> =
        dict.concepts.iter().flat_map(|c| c.forms.iter().map(|f| f.text.as_str())).collect();
    for c in &found.candidates {
        assert!(!forms.contains(c.term.as_str()), "{} is already a dictionary form", c.term);
        assert!(c.cooccurrences >= 2 && c.count >= c.cooccurrences, "{}", c.line());
        assert!(c.sector.is_some(), "{} has no suggested sector", c.term);
        assert!(!c.examples.is_empty(), "{} has no example", c.term);
        for k in &c.examples {
            let text = &texts[&k.doc_id];
            assert_eq!(&text[k.start..k.end], c.term, "example offsets of {} in {}", c.term, k.doc_id);
        }
    }
    assert!(found.candidates.windows(2).all(|w| w[0].score >= w[1].score), "ranked best first");

    let toml = found.to_toml(&dict, "provincial-2026");
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("gwr-report-discover");
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("candidates.toml");
    std::fs::write(&file, &toml).unwrap();
    let loaded = Dictionary::load(&file).unwrap();
    assert_eq!(loaded.concepts.len(), found.candidates.len());
    let errors: Vec<String> =
        loaded.check().iter().filter(|p| p.severity == Severity::Error).map(|p| p.to_string()).collect();
    assert!(errors.is_empty(), "the candidates file has dictionary errors:\n{}", errors.join("\n"));
}
