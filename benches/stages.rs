//! One bench per stage (decode, clean, normalize, segment, match, bare scan, score) on the national reports, and
//! `clean` on large single texts on two threads (the national reports joined, and numbered lines of equal length,
//! the case a partial-line hash once made 5x slower). Each checks its result against the value computed once at
//! set-up (for the large texts: by a one-thread run).

mod common;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use gwr_match::RawMatch;
use gwr_score::RegionCounts;
use std::hint::black_box;
use std::time::Duration;

fn stages(c: &mut Criterion) {
    let engine = common::engine();
    let corpus = common::national();
    let matcher = engine.matcher();
    let texts: Vec<&str> = corpus.documents.iter().map(|d| d.text.as_str()).collect();
    let normalized: Vec<String> = texts.iter().map(|t| gwr_normalize::normalize(t).text).collect();
    let source_bytes: u64 = texts.iter().map(|t| t.len() as u64).sum();
    let norm_bytes: u64 = normalized.iter().map(|t| t.len() as u64).sum();
    let file_bytes: u64 = corpus.files.iter().map(|f| f.len() as u64).sum();

    let decode = || corpus.files.iter().map(|f| gwr_ingest::decode(f).text.len()).sum::<usize>();
    let clean = || texts.iter().map(|t| gwr_clean::clean(t).kept.iter().map(|s| s.len()).sum::<usize>()).sum::<usize>();
    let normalize = || texts.iter().map(|t| gwr_normalize::normalize(t).text.len()).sum::<usize>();
    let segment = || {
        let mut cuts = Vec::new();
        let mut tokens = 0;
        for t in &normalized {
            for line in t.split_inclusive('\n') {
                matcher.segmenter().boundaries(line, &mut cuts);
                tokens += cuts.len() - 1;
            }
        }
        tokens
    };
    let find = || {
        let mut out: Vec<RawMatch> = Vec::new();
        for t in &normalized {
            matcher.find(t, &mut out);
        }
        out.len()
    };
    let scan = || normalized.iter().map(|t| matcher.count_candidates(t)).sum::<usize>();
    let sectors = engine.scored_sector_ids();
    let regions: Vec<RegionCounts> = (0..31)
        .map(|i| RegionCounts {
            region_code: format!("R{i}"),
            year: 2026,
            units: 100_000 + i * 1000,
            counts: (0..sectors.len() as u64).map(|s| (s * 7 + i) % 23).collect(),
        })
        .collect();
    let score = || gwr_score::score_group(&regions, &sectors).len();

    let want = [decode(), clean(), normalize(), segment(), find(), scan(), score()];
    assert!(want.iter().all(|&w| w > 0), "every stage gives something: {want:?}");

    let mut group = c.benchmark_group("stages");
    group.sample_size(10).measurement_time(Duration::from_secs(3)).warm_up_time(Duration::from_secs(1));
    let runs: [(&str, u64, &dyn Fn() -> usize); 7] = [
        ("decode", file_bytes, &decode),
        ("clean", source_bytes, &clean),
        ("normalize", source_bytes, &normalize),
        ("segment_whole_text", norm_bytes, &segment),
        ("match", norm_bytes, &find),
        ("bare_scan", norm_bytes, &scan),
        ("score", source_bytes, &score),
    ];
    for ((name, bytes, run), want) in runs.into_iter().zip(want) {
        group.throughput(Throughput::Bytes(bytes));
        group.bench_function(name, |b| b.iter(|| assert_eq!(black_box(run()), want, "{name} result")));
    }
    group.finish();
}

/// `clean` of one large text on a two-thread pool (gwr-clean works per line in parallel from 16 MB on).
fn clean_large(c: &mut Criterion) {
    let joined = common::national().scaled(64_000_000).as_one_document().documents.remove(0).text;
    // Lines of one length that share their first 40 bytes and differ only in their last digits.
    let numbered: String =
        (0..500_000).map(|i| format!("发展低空经济和量子科技产业，推动新质生产力发展{i:08}\n")).collect();
    let kept = |text: &str| gwr_clean::clean(text).kept.iter().map(|s| s.len()).sum::<usize>();
    let pool = |threads| rayon::ThreadPoolBuilder::new().num_threads(threads).build().expect("thread pool");
    let (one, two) = (pool(1), pool(2));

    let mut group = c.benchmark_group("clean_large");
    group.sample_size(10).measurement_time(Duration::from_secs(5)).warm_up_time(Duration::from_secs(1));
    for (name, text) in [("national_joined_2_threads", &joined), ("numbered_lines_2_threads", &numbered)] {
        let want = one.install(|| kept(text));
        assert!(want > 0, "{name}: something is kept");
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.bench_function(name, |b| b.iter(|| assert_eq!(black_box(two.install(|| kept(text))), want, "{name}")));
    }
    group.finish();
}

criterion_group!(benches, stages, clean_large);
criterion_main!(benches);
