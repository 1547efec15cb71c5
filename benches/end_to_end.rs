//! `gwr analyze` end to end (ingest → clean → normalize → match → score) on a large corpus built in a temporary
//! folder from the national reports (`GWR_BENCH_MB`, default 200 MB): many files with 1 and 2 threads, and one
//! huge file with 1 and 2 threads. Each run checks the number of documents and hits found once at set-up.

mod common;

use std::cell::RefCell;
use std::time::Duration;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use gwr_pipeline::{Engine, ProgressMode, Settings};

/// Run the analysis with the engine in `slot` (handed back after the run), giving (documents, hits).
fn analyze(slot: &RefCell<Option<Engine>>, settings: &Settings) -> (usize, usize) {
    let engine = slot.borrow_mut().take().expect("engine");
    let analysis = gwr_pipeline::analyze_with(engine, settings).expect("analysis");
    let docs = analysis.documents.len();
    let hits = analysis.documents.iter().map(|d| d.hits.len() as usize).sum();
    *slot.borrow_mut() = Some(analysis.engine);
    (docs, hits)
}

fn end_to_end(c: &mut Criterion) {
    let slot = RefCell::new(Some(common::engine()));
    let mb = common::large_mb();
    let (many, many_bytes) = common::copies_dir(mb);
    let (one, one_bytes) = common::one_file_dir(mb);
    let mut group = c.benchmark_group("end_to_end");
    group.sample_size(10).measurement_time(Duration::from_secs(20)).warm_up_time(Duration::from_secs(1));
    for (name, dir, bytes) in [("many_files", &many, many_bytes), ("one_file", &one, one_bytes)] {
        group.throughput(Throughput::Bytes(bytes));
        for threads in [1, 2] {
            let mut settings = Settings::new(vec![dir.path().to_path_buf()]);
            settings.threads = Some(threads);
            settings.progress = ProgressMode::Hidden;
            let want = analyze(&slot, &settings);
            assert!(want.1 > 0, "the corpus has hits");
            group.bench_function(format!("{name}/{threads}_threads"), |b| {
                b.iter(|| assert_eq!(analyze(&slot, &settings), want, "documents and hits"))
            });
        }
    }
    group.finish();
}

criterion_group!(benches, end_to_end);
criterion_main!(benches);
