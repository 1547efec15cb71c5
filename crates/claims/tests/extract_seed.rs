//! Extraction from the seed article recovers the hand-written claims: recall ≥ 0.80, spurious ≤ 20%.

use gwr_claims::{extract, to_toml, ClaimsFile};
use gwr_dict::regions::Gazetteer;
use gwr_dict::Dictionary;
use std::collections::BTreeSet;
use std::path::Path;

/// The seed article, beside the shared corpora (`../shared/seeds`); read at run time, never copied.
const ARTICLE: &str = "../seeds/000_609c3215a5430b4c.txt";
const CLAIMS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../corpora/claims/cgtn-2026-03-02.toml");

fn pairs(file: &ClaimsFile) -> BTreeSet<(String, String)> {
    file.claims.iter().flat_map(|c| c.sectors.iter().map(move |s| (c.target.code().to_string(), s.clone()))).collect()
}

#[test]
fn seed_article_recall_and_spurious() {
    let article = gwr_testdata::require_corpora!().join(ARTICLE);
    let article = std::fs::read_to_string(&article)
        .unwrap_or_else(|e| panic!("the seed article {} is needed by this test: {e}", article.display()));
    let dict = Dictionary::embedded().expect("default dictionary loads");
    let gazetteer = Gazetteer::builtin();
    let hand = ClaimsFile::load(Path::new(CLAIMS), gazetteer, &dict).expect("hand-written claims load");
    let proposed = extract(&article, &dict, gazetteer);
    // What extract proposes is a valid claims file.
    let text = to_toml(&proposed);
    let sectors: Vec<&str> = dict.sectors.iter().map(|s| s.id.as_str()).collect();
    ClaimsFile::parse(&text, "proposed.toml", gazetteer, &dict)
        .unwrap_or_else(|e| panic!("proposed claims do not load back ({} sectors): {e}\n{text}", sectors.len()));

    let want = pairs(&hand);
    let got = pairs(&proposed);
    let found = want.intersection(&got).count();
    let recall = found as f64 / want.len() as f64;
    let spurious = got.difference(&want).count() as f64 / got.len().max(1) as f64;
    println!(
        "extraction on the seed article: recall {recall:.3} ({found}/{}), spurious {spurious:.3} ({}/{})",
        want.len(),
        got.difference(&want).count(),
        got.len()
    );
    println!("missed: {:?}", want.difference(&got).collect::<Vec<_>>());
    println!("spurious: {:?}", got.difference(&want).collect::<Vec<_>>());
    assert!(recall >= 0.80, "recall {recall:.3} < 0.80");
    assert!(spurious <= 0.20, "spurious {spurious:.3} > 0.20");
}

#[test]
fn seed_article_figures_go_to_their_claims() {
    let article = gwr_testdata::require_corpora!().join(ARTICLE);
    let article = std::fs::read_to_string(&article)
        .unwrap_or_else(|e| panic!("the seed article {} is needed by this test: {e}", article.display()));
    let dict = Dictionary::embedded().expect("default dictionary loads");
    let proposed = extract(&article, &dict, Gazetteer::builtin());
    println!("{}", to_toml(&proposed));
    let figure = |code: &str, sector: &str| {
        proposed
            .claims
            .iter()
            .find(|c| c.target.code() == code && c.sectors == [sector])
            .and_then(|c| c.figure.as_ref())
            .map(|f| (f.value, f.unit.clone()))
    };
    assert_eq!(figure("CN-NM", "computing_power"), Some((220_000.0, "PFLOPS".to_string())));
    assert_eq!(figure("CN-GZ", "cloud"), Some((150.0, "partenaires".to_string())));
    assert_eq!(figure("CN-SD", "satellites_space"), Some((137.0, "satellites".to_string())));
    assert_eq!(figure("gba", "industrial_robots"), Some((40.0, "%".to_string())));
}

fn proposed_pairs(article: &str) -> Vec<(String, String)> {
    let dict = Dictionary::embedded().expect("default dictionary loads");
    let proposed = extract(article, &dict, Gazetteer::builtin());
    proposed.claims.iter().map(|c| (c.target.code().to_string(), c.sectors[0].clone())).collect()
}

#[test]
fn english_and_chinese_articles() {
    let en = "Anhui has become a hub of quantum computing, while Shaanxi bets on attosecond lasers.\n\
              The Yangtze River Delta: Shanghai works on brain-computer interfaces.";
    let got = proposed_pairs(en);
    for want in [
        ("CN-AH", "quantum"),
        ("CN-SN", "optoelectronics_photonics"),
        ("CN-SH", "brain_computer_interfaces"),
        ("yrd", "brain_computer_interfaces"),
    ] {
        assert!(got.contains(&(want.0.to_string(), want.1.to_string())), "{want:?} not in {got:?}");
    }
    assert!(!got.contains(&("CN-AH".to_string(), "optoelectronics_photonics".to_string())), "{got:?}");
    let zh = "安徽省加快建设量子科技高地。陕西建设先进阿秒激光装置；山东东方航天港海上发射卫星137颗。";
    let got = proposed_pairs(zh);
    for want in [("CN-AH", "quantum"), ("CN-SN", "optoelectronics_photonics"), ("CN-SD", "satellites_space")] {
        assert!(got.contains(&(want.0.to_string(), want.1.to_string())), "{want:?} not in {got:?}");
    }
}
