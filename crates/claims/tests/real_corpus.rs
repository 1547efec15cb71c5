//! The seed article's claims checked against the 31 provincial 2026 reports (../shared/corpora/provincial-2026).

use gwr_claims::{
    render_table, verify, write_claims_csv, ClaimResult, ClaimsFile, DocText, FigureFound, Verdict, VerifyInput,
};
use gwr_dict::regions::Gazetteer;
use gwr_pipeline::{analyze_with, Engine, ProgressMode, Settings};
use std::collections::HashMap;
use std::path::{Path, PathBuf};

const CORPUS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/corpora/provincial-2026");
const CLAIMS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../corpora/claims/cgtn-2026-03-02.toml");

fn results() -> Vec<ClaimResult> {
    // Texts live as long as the results' computation only; results own their strings.
    assert!(Path::new(CORPUS).is_dir(), "the real corpus {CORPUS} is needed by this test");
    let mut settings = Settings::new(vec![PathBuf::from(CORPUS)]);
    settings.progress = ProgressMode::Hidden;
    let dict = gwr_dict::Dictionary::load(&settings.dictionary).expect("dictionary");
    // The dictionary's own check is gwr-dict's business (its tests); here it only has to load.
    let engine = Engine::new(dict.clone()).expect("the matcher builds");
    let analysis = analyze_with(engine, &settings).expect("the corpus analyses");
    let claims = ClaimsFile::load(Path::new(CLAIMS), Gazetteer::builtin(), &dict).expect("claims file");
    // The decoded texts the hits point into, read the way the pipeline reads them.
    let mut texts: HashMap<String, String> = HashMap::new();
    for path in gwr_ingest::discover(&settings.inputs).expect("corpus files") {
        for item in gwr_ingest::read_path(&path, &settings.ingest) {
            texts.insert(item.meta.doc_id, item.text);
        }
    }
    let docs: Vec<DocText<'_>> = analysis
        .documents
        .iter()
        .filter_map(|d| {
            texts.get(&d.meta.doc_id).map(|text| DocText { meta: d.meta.clone(), text, han_chars: d.han_chars })
        })
        .collect();
    assert_eq!(docs.len(), 31, "one text per provincial report");
    let hits: Vec<gwr_core::Hit> =
        analysis.documents.iter().flat_map(|d| analysis.hits(d).expect("hits read back")).collect();
    let input = VerifyInput { scores: &analysis.scores, hits: &hits, docs: &docs, year: None };
    verify(&claims, &input)
}

fn find<'r>(results: &'r [ClaimResult], claim: &str, sector: &str) -> &'r ClaimResult {
    results
        .iter()
        .find(|r| r.claim_id == claim && r.sector == sector)
        .unwrap_or_else(|| panic!("no result for {claim} × {sector}"))
}

#[test]
fn every_claim_gets_a_verdict_and_the_clear_cases_are_pinned() {
    let results = results();
    println!("{}", render_table(&results));
    let mut csv = Vec::new();
    write_claims_csv(&results, &mut csv).expect("csv");
    println!("{}", String::from_utf8_lossy(&csv));
    for r in &results {
        assert!(
            r.verdict == Verdict::Absent || !r.evidence.is_empty(),
            "{} {} has hits but no evidence",
            r.claim_id,
            r.sector
        );
        assert!(r.national_rank >= 1, "{} {}: no report found", r.claim_id, r.region_code);
    }
    for (claim, sector) in [
        ("sn-attosecond-lasers", "optoelectronics_photonics"),
        ("ah-quantum", "quantum"),
        ("tj-trusted-computing", "trusted_computing"),
        ("hb-optics-valley", "optoelectronics_photonics"),
    ] {
        let r = find(&results, claim, sector);
        assert_eq!(
            r.verdict,
            Verdict::Supported,
            "{claim} × {sector}: z {:.2}, national rank {}",
            r.z,
            r.national_rank
        );
    }
    // What the data contradicts: Jiangsu's report never names solar, and Hebei's speaks of Xiong'an as a city, with
    // little digital-infrastructure vocabulary.
    assert_eq!(find(&results, "js-new-three", "solar_pv").verdict, Verdict::Absent);
    assert_eq!(find(&results, "he-xiongan-digital", "digital_infrastructure").verdict, Verdict::Weak);
    // What Hebei's report does build in Xiong'an is space information and satellite internet, part of China's
    // definition of digital ("new") infrastructure: it is Hebei's first sector, but since Beidou counts as
    // satellites_space (dictionaries/AUDIT.md) every region that names Beidou has satellite hits, and Hebei's lead is
    // no longer distinctive enough for that reading of the claim to be more than weak.
    let space = find(&results, "he-xiongan-digital", "satellites_space");
    assert_eq!((space.verdict, space.rank), (Verdict::Weak, 1), "z {:.2}", space.z);
    // Every figure of the article is in the reports, next to the sector's terms.
    for (claim, sector, written) in [
        ("gba-drones", "low_altitude", "9成"),
        ("gba-industrial-robots", "industrial_robots", "4成"),
        ("nm-computing", "computing_power", "22万P"),
        ("gz-cloud", "cloud", "150家以上"),
        ("sd-satellites", "satellites_space", "137颗"),
        ("bj-breakthroughs", "policy_vocabulary", "210项"),
        ("qh-clean-power", "clean_power", "93%"),
    ] {
        let r = find(&results, claim, sector);
        match &r.figure_found {
            FigureFound::Found { snippet, .. } => {
                assert!(snippet.contains(written), "{claim}: {snippet}")
            }
            other => panic!("{claim}: figure {other}"),
        }
    }
}
