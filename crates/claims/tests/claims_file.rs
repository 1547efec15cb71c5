//! The hand-written claims of the seed article load against the default dictionary and the gazetteer.

use gwr_claims::{ClaimsFile, Target};
use gwr_dict::regions::Gazetteer;
use gwr_dict::Dictionary;
use std::collections::BTreeSet;
use std::path::Path;

const CLAIMS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../corpora/claims/cgtn-2026-03-02.toml");

#[test]
fn seed_claims_cover_every_cluster_and_named_region() {
    let dict = Dictionary::embedded().expect("default dictionary loads");
    let file = ClaimsFile::load(Path::new(CLAIMS), Gazetteer::builtin(), &dict).expect("claims file is valid");
    let targets: BTreeSet<&str> = file.claims.iter().map(|c| c.target.code()).collect();
    for code in [
        "gba", "yrd", "jjj", "CN-SH", "CN-AH", "CN-JS", "CN-BJ", "CN-TJ", "CN-HE", "CN-NM", "CN-GZ", "CN-NX", "CN-QH",
        "CN-SN", "CN-SD", "CN-HB", "CN-HL", "CN-JX",
    ] {
        assert!(targets.contains(code), "no claim about {code}");
    }
    let gba = file.claims.iter().find(|c| c.target.code() == "gba").expect("a gba claim");
    assert!(matches!(&gba.target, Target::Cluster { members, .. } if members.contains(&"CN-GD".to_string())));
    let figures: Vec<(&str, f64)> =
        file.claims.iter().filter_map(|c| c.figure.as_ref().map(|f| (c.id.as_str(), f.value))).collect();
    for (id, value) in [
        ("gba-drones", 90.0),
        ("gba-industrial-robots", 40.0),
        ("nm-computing", 220_000.0),
        ("gz-cloud", 150.0),
        ("sd-satellites", 137.0),
        ("bj-breakthroughs", 210.0),
        ("qh-clean-power", 93.0),
    ] {
        assert!(figures.contains(&(id, value)), "figure {value} of {id} missing: {figures:?}");
    }
    // Claims on what is not a sector carry key terms and no sector.
    for id in ["js-unicorns", "bj-breakthroughs", "cn-invention-patents"] {
        let c = file.claims.iter().find(|c| c.id == id).unwrap_or_else(|| panic!("no claim {id}"));
        assert!(c.sectors.is_empty() && !c.key_terms.is_empty(), "{id}");
    }
}
