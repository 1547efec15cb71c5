//! Start-up costs, one by one: dictionary load and check, jieba's default dictionary, the engine.
use std::time::Instant;
fn main() {
    let t = Instant::now();
    let dict = gwr_dict::Dictionary::embedded().unwrap();
    eprintln!("dictionary load {:?}", t.elapsed());
    let t = Instant::now();
    let problems = dict.check().len();
    eprintln!("dictionary check {:?} ({problems} problems)", t.elapsed());
    let t = Instant::now();
    let patterns = dict.patterns();
    eprintln!("patterns {:?} ({})", t.elapsed(), patterns.len());
    let t = Instant::now();
    let seg = gwr_segment::ZhSegmenter::new(patterns.iter().map(|p| p.normalized.as_str()));
    eprintln!("segmenter (jieba default dictionary + terms) {:?}", t.elapsed());
    let t = Instant::now();
    let seg2 = gwr_segment::ZhSegmenter::new(patterns.iter().map(|p| p.normalized.as_str()));
    eprintln!("segmenter again (default dictionary cloned) {:?}", t.elapsed());
    drop((seg, seg2));
    let t = Instant::now();
    let set = gwr_match::PatternSet::new(
        patterns.iter().map(|p| {
            (
                p.normalized.as_str(),
                match p.target {
                    gwr_dict::PatternTarget::Concept(i) => gwr_match::Target::Concept(i),
                    gwr_dict::PatternTarget::Exclusion => gwr_match::Target::Exclusion,
                },
            )
        }),
        gwr_match::Automaton::default(),
    )
    .unwrap();
    eprintln!("automaton (anchored, {:?}) {:?}", gwr_match::Automaton::default(), t.elapsed());
    drop(set);
    let t = Instant::now();
    let _engine = gwr_pipeline::Engine::new(dict).unwrap();
    eprintln!("Engine::new (returns while its jieba segmenter builds in the background) {:?}", t.elapsed());
}
