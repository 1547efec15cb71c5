//! Extraction from the seed article recovers the hand-written claims: recall ≥ 0.875 on the claims about regions and
//! clusters, precision ≥ 0.80.

use gwr_claims::{extract, to_toml, ClaimsFile};
use gwr_dict::regions::Gazetteer;
use gwr_dict::Dictionary;
use std::collections::BTreeSet;
use std::path::Path;

/// The seed article, beside the shared corpora (`../shared/seeds`); read at run time, never copied.
const ARTICLE: &str = "../seeds/000_609c3215a5430b4c.txt";
const CLAIMS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../corpora/claims/cgtn-2026-03-02.toml");

/// What a claim asserts, one unit per sector, or one for its key terms when it names no sector: (target, sector)
/// or (target, key terms).
#[derive(Debug)]
struct Unit {
    target: String,
    sector: Option<String>,
    key_terms: BTreeSet<String>,
}

fn units(file: &ClaimsFile) -> Vec<Unit> {
    let mut out = Vec::new();
    for c in &file.claims {
        let key_terms: BTreeSet<String> = c.key_terms.iter().cloned().collect();
        if c.sectors.is_empty() {
            out.push(Unit { target: c.target.code().to_string(), sector: None, key_terms: key_terms.clone() });
        }
        for s in &c.sectors {
            out.push(Unit {
                target: c.target.code().to_string(),
                sector: Some(s.clone()),
                key_terms: key_terms.clone(),
            });
        }
    }
    out
}

/// A proposed unit finds a hand-written one: same target, and the same sector, or (both without a sector) a key
/// term in common, one containing the other (关键技术 finds 关键核心技术's claim through 关键技术).
fn same(a: &Unit, b: &Unit) -> bool {
    a.target == b.target
        && match (&a.sector, &b.sector) {
            (Some(x), Some(y)) => x == y,
            (None, None) => {
                a.key_terms.iter().any(|t| b.key_terms.iter().any(|u| t.contains(u.as_str()) || u.contains(t.as_str())))
            }
            _ => false,
        }
}

#[test]
fn seed_article_recall_and_precision() {
    let article = gwr_testdata::require_corpora!().join(ARTICLE);
    let article = std::fs::read_to_string(&article)
        .unwrap_or_else(|e| panic!("the seed article {} is needed by this test: {e}", article.display()));
    let dict = Dictionary::embedded().expect("default dictionary loads");
    let gazetteer = Gazetteer::builtin();
    let hand = ClaimsFile::load(Path::new(CLAIMS), gazetteer, &dict).expect("hand-written claims load");
    let proposed = extract(&article, &dict, gazetteer);
    // What extract proposes is a valid claims file.
    let text = to_toml(&proposed);
    ClaimsFile::parse(&text, "proposed.toml", gazetteer, &dict)
        .unwrap_or_else(|e| panic!("proposed claims do not load back: {e}\n{text}"));

    // Extraction never proposes the national level (the article's China is its subject, not a region it sizes up):
    // recall is measured on the claims about regions and clusters, the national ones are counted apart.
    let all = units(&hand);
    let (national, want): (Vec<&Unit>, Vec<&Unit>) = all.iter().partition(|u| u.target == gwr_core::NATIONAL_REGION);
    let got = units(&proposed);
    let found: Vec<&&Unit> = want.iter().filter(|w| got.iter().any(|g| same(g, w))).collect();
    let correct = got.iter().filter(|g| want.iter().any(|w| same(g, w))).count();
    let recall = found.len() as f64 / want.len() as f64;
    let precision = correct as f64 / got.len().max(1) as f64;
    println!(
        "extraction on the seed article: recall {recall:.3} ({}/{} units of regions and clusters; {} national units not \
         proposed by design), precision {precision:.3} ({correct}/{})",
        found.len(),
        want.len(),
        national.len(),
        got.len()
    );
    let missed: Vec<&&Unit> = want.iter().filter(|w| !got.iter().any(|g| same(g, w))).collect();
    println!("missed: {missed:?}");
    println!("not in the hand file: {:?}", got.iter().filter(|g| !want.iter().any(|w| same(g, w))).collect::<Vec<_>>());
    assert!(recall >= 0.875, "recall {recall:.3} < 0.875");
    assert!(precision >= 0.80, "precision {precision:.3} < 0.80");
    // Claims on key terms alone are proposed too: Beijing's key technologies with their figure, Jiangsu's unicorns.
    let key_claim = |code: &str, term: &str| {
        proposed
            .claims
            .iter()
            .find(|c| c.target.code() == code && c.sectors.is_empty() && c.key_terms.iter().any(|t| t == term))
    };
    let bj =
        key_claim("CN-BJ", "关键核心技术").unwrap_or_else(|| panic!("no key-technology claim for Beijing:\n{text}"));
    assert_eq!(bj.figure.as_ref().map(|f| f.value), Some(210.0));
    assert!(key_claim("CN-JS", "独角兽").is_some(), "no unicorn claim for Jiangsu:\n{text}");
    // Sector claims come with the Chinese terms of what the article names.
    let sn = proposed.claims.iter().find(|c| c.target.code() == "CN-SN").expect("a Shaanxi claim");
    assert!(sn.key_terms.iter().any(|t| t.contains("阿秒")), "{:?}", sn.key_terms);
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
