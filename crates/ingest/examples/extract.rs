//! The text gwr reads from each file named on the command line (a PDF's text layer, a workbook's rows...) on
//! standard output; each item's doc_id, status, reason or flags, and the time taken on standard error.
//!
//! `cargo run -p gwr-ingest --example extract -- report.pdf > report.txt`

fn main() {
    for path in std::env::args().skip(1) {
        let started = std::time::Instant::now();
        for item in gwr_ingest::read_path(std::path::Path::new(&path), &gwr_ingest::IngestOptions::default()) {
            let why = if item.reason.is_empty() { item.flags.join("; ") } else { item.reason.clone() };
            eprintln!("{} {:?} {why} ({:.2?})", item.meta.doc_id, item.status, started.elapsed());
            print!("{}", item.text);
        }
    }
}
