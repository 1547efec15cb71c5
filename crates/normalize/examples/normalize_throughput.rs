//! Throughput of `normalize` on the real provincial corpus, against HF tokenizers' `NFKC` + `Lowercase` (the required
//! reference, with its alignments). A quick timing loop, not a benchmark harness; it reports
//! the best of several rounds, as the machine is shared:
//!
//! ```text
//! cargo run --release -p gwr-normalize --example normalize_throughput
//! ```

use std::time::Instant;
use tokenizers::normalizers::{Lowercase, NFKC};
use tokenizers::{NormalizedString, Normalizer};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let texts = gwr_testdata::provincial();
    let total: usize = texts.iter().map(String::len).sum();
    println!("corpus: {} documents, {:.1} MB", texts.len(), total as f64 / 1e6);

    gwr_normalize::normalize("warm up the tables");
    let best = best_of(20, || texts.iter().map(|t| gwr_normalize::normalize(t).text.len()).sum());
    println!("gwr-normalize: {:.0} MB/s", total as f64 / best / 1e6);

    let normalized: Vec<String> = texts.iter().map(|t| gwr_normalize::normalize(t).text).collect();
    let best = best_of(20, || normalized.iter().map(|t| gwr_normalize::normalize(t).text.len()).sum());
    let norm_total: usize = normalized.iter().map(String::len).sum();
    println!("gwr-normalize on already normalized text (nothing changes): {:.0} MB/s", norm_total as f64 / best / 1e6);

    let best = best_of(3, || {
        texts
            .iter()
            .map(|t| {
                let mut n = NormalizedString::from(t.as_str());
                NFKC.normalize(&mut n).expect("tokenizers nfkc");
                Lowercase.normalize(&mut n).expect("tokenizers lowercase");
                n.get().len()
            })
            .sum()
    });
    println!("tokenizers NFKC+Lowercase (with alignments): {:.0} MB/s", total as f64 / best / 1e6);
    Ok(())
}

/// The fastest of `rounds` runs of `f`, in seconds (the sum `f` returns is checked to be non-zero and kept alive).
fn best_of(rounds: usize, mut f: impl FnMut() -> usize) -> f64 {
    (0..rounds)
        .map(|_| {
            let start = Instant::now();
            let out = std::hint::black_box(f());
            assert!(out > 0, "normalization produced no text");
            start.elapsed().as_secs_f64()
        })
        .fold(f64::INFINITY, f64::min)
}
