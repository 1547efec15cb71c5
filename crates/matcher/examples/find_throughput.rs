//! Throughput of `Matcher::find` on the normalized provincial reports with about 600 patterns (the most frequent
//! 2-4 char words jieba cuts from the same reports), for each automaton kind, with the build time. A quick timing
//! loop, not a benchmark harness; it reports the best of several rounds, as the machine is shared:
//!
//! ```text
//! cargo run --release -p gwr-match --example find_throughput
//! ```

#[path = "../tests/common/mod.rs"]
mod common;

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};
use gwr_match::{Automaton, Matcher, Target};
use gwr_segment::ZhSegmenter;
use std::time::Instant;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let words = common::frequent_words(3000);
    let texts: Vec<String> = common::provincial().iter().map(|t| gwr_normalize::normalize(t).text).collect();
    let total: usize = texts.iter().map(String::len).sum();
    println!("{} documents, {:.1} MB normalized", texts.len(), total as f64 / 1e6);
    // Dense: the 600 most frequent words (a candidate every few chars); sparse: 600 words of rank 2400 to 3000, closer
    // to a dictionary of sector terms.
    for (name, range) in [("dense (ranks 0-620)", 0..620), ("sparse (ranks 2400-3000)", 2400..3000)] {
        println!("-- {name}");
        measure(&words[range], &texts, total)?;
    }
    Ok(())
}

fn measure(words: &[String], texts: &[String], total: usize) -> Result<(), Box<dyn std::error::Error>> {
    let patterns: Vec<(&str, Target)> = words
        .iter()
        .enumerate()
        .map(|(i, w)| (w.as_str(), if i < 600 { Target::Concept(i as u32) } else { Target::Exclusion }))
        .collect();

    let start = Instant::now();
    let segmenter = ZhSegmenter::new(patterns.iter().map(|p| p.0));
    println!("ZhSegmenter::new: {:.0} ms", start.elapsed().as_secs_f64() * 1e3);

    let mut reference = None;
    for automaton in [Automaton::ContiguousNfa, Automaton::Dfa, Automaton::Auto] {
        let segmenter = ZhSegmenter::new(patterns.iter().map(|p| p.0));
        let start = Instant::now();
        let matcher = Matcher::with_automaton(patterns.iter().copied(), segmenter, automaton)?;
        let build = start.elapsed().as_secs_f64();
        let mut out = Vec::new();
        let best = best_of(5, || {
            out.clear();
            for t in texts {
                matcher.find(t, &mut out);
            }
        });
        let count = out.len();
        assert!(count > 0, "find found nothing");
        assert_eq!(*reference.get_or_insert(count), count, "both automata find the same matches");
        println!(
            "find {automaton:?}: build {:.1} ms, {:.0} MB/s ({count} matches)",
            build * 1e3,
            total as f64 / best / 1e6
        );
    }
    drop(segmenter);

    // The automaton alone, without the boundary filter: what the filter (jieba) costs.
    for kind in [None, Some(AhoCorasickKind::DFA)] {
        let start = Instant::now();
        let ac = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .kind(kind)
            .build(patterns.iter().map(|p| p.0))?;
        let build = start.elapsed().as_secs_f64();
        let mut count = 0;
        let best = best_of(10, || count = texts.iter().map(|t| ac.find_iter(t.as_str()).count()).sum());
        assert!(count > 0, "the automaton found nothing");
        println!(
            "automaton alone {:?}: build {:.1} ms, {:.0} MB/s ({count} candidates)",
            ac.kind(),
            build * 1e3,
            total as f64 / best / 1e6
        );
    }
    Ok(())
}

/// The fastest of `rounds` runs of `f`, in seconds.
fn best_of(rounds: usize, mut f: impl FnMut()) -> f64 {
    (0..rounds)
        .map(|_| {
            let start = Instant::now();
            f();
            start.elapsed().as_secs_f64()
        })
        .fold(f64::INFINITY, f64::min)
}
