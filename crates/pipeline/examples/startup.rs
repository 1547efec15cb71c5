use std::time::Instant;
fn main() {
    let t = Instant::now();
    let _ = gwr_normalize::normalize("Ａ計");
    let a = t.elapsed();
    let t = Instant::now();
    let dict = gwr_dict::Dictionary::load(&gwr_dict::default_dictionary_dir()).unwrap();
    let b = t.elapsed();
    let t = Instant::now();
    let pats = dict.patterns();
    let c = t.elapsed();
    let mut d = std::time::Duration::ZERO;
    for _ in 0..20 {
        let t = Instant::now();
        let errs = dict.check();
        d += t.elapsed();
        assert!(errs.len() < 1000);
    }
    println!("tables {a:?} load {b:?} patterns {c:?} ({}) check x20 {d:?}", pats.len());
}
