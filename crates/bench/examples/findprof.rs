//! Profile helper: `Engine::process` over a corpus, repeated (run under perf).
use std::time::Instant;
fn main() {
    let dict = gwr_dict::Dictionary::embedded().unwrap();
    let engine = gwr_pipeline::Engine::new(dict).unwrap();
    let dir = std::env::args().nth(1).unwrap_or("/work/shared/corpora/national-zh".into());
    let corpus = gwr_bench::Corpus::load(&[dir.into()]).unwrap();
    let bytes = corpus.bytes();
    for _ in 0..5 {
        let t = Instant::now();
        let mut n = 0;
        for d in &corpus.documents {
            n += engine.process(&d.text, d.lang).hits.len();
        }
        eprintln!("process {:.1} MB/s ({n})", bytes as f64 / t.elapsed().as_secs_f64() / 1e6);
    }
}
