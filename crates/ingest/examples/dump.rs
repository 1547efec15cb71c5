fn main() {
    for p in std::env::args().skip(1) {
        let t = std::time::Instant::now();
        for i in gwr_ingest::read_path(std::path::Path::new(&p), &Default::default()) {
            eprintln!(
                "{} {:?} {} {:?} {:?} ({:?})",
                i.meta.doc_id,
                i.status,
                i.reason,
                i.flags,
                i.meta.region_code,
                t.elapsed()
            );
            print!("{}", i.text);
        }
    }
}
