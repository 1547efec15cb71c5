//! English and French matching: separators, plurals, French agreement, what must not match, and offsets that slice
//! to the surface in the source for every hit.

use gwr_core::Lang;
use gwr_dict::Dictionary;
use gwr_pipeline::Engine;

const DICT: &str = r#"schema = 1
group = "test"
kind = "sector"

[[sector]]
id = "tech"
zh = "科技"
en = "Technology"
fr = "Technologie"

[[sector.concept]]
id = "nev"
zh = ["新能源汽车"]
en = ["new energy vehicle", "nev"]
fr = ["véhicule à énergie nouvelle", "véhicule électrique"]

[[sector.concept]]
id = "ic"
zh = ["集成电路"]
en = ["integrated circuit"]
fr = ["circuit intégré"]

[[sector.concept]]
id = "ai"
zh = ["人工智能"]
en = ["ai", "artificial intelligence"]
fr = ["ia", "intelligence artificielle"]

[[sector.concept]]
id = "new_energy"
zh = ["新能源"]
en = ["new energy"]
fr = ["énergie nouvelle", "énergies nouvelles"]
nests = ["nev"]

[[sector.concept]]
id = "fusion_mode"
zh = ["高约束模"]
en = ["h-mode"]
fr = ["mode h"]

[[sector.concept]]
id = "modern_services"
zh = ["现代服务业"]
en = ["modern services"]
fr = ["services modernes"]

[[sector.concept]]
id = "refining"
zh = ["炼化"]
en = ["refining"]
fr = ["raffinage"]
"#;

fn engine() -> Engine {
    let dict = Dictionary::from_toml_str(DICT, "t.toml").expect("test dictionary loads");
    let errors: Vec<String> =
        dict.check().iter().filter(|p| p.severity == gwr_dict::Severity::Error).map(ToString::to_string).collect();
    assert!(errors.is_empty(), "{errors:?}");
    Engine::new(dict).expect("engine builds")
}

/// (concept id, surface) of every hit, after checking that each hit's offsets slice to its surface.
fn hits(engine: &Engine, text: &str, lang: Lang) -> Vec<(String, String)> {
    engine
        .process(text, lang)
        .hits
        .iter()
        .map(|h| {
            let hit = engine.hit("d", text, h);
            assert_eq!(&text[hit.start..hit.end], hit.surface, "offsets of {hit:?}");
            (hit.concept, hit.surface)
        })
        .collect()
}

fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
    list.iter().map(|&(c, s)| (c.to_string(), s.to_string())).collect()
}

#[test]
fn english_hyphen_dash_and_space_variants_are_one_term() {
    let engine = engine();
    let text = "Sales of new-energy vehicles, new\u{2011}energy vehicles, new\u{2013}energy vehicles and New  Energy \
                Vehicle rose; integrated-circuits too.";
    assert_eq!(
        hits(&engine, text, Lang::En),
        pairs(&[
            ("nev", "new-energy vehicles"),
            ("nev", "new\u{2011}energy vehicles"),
            ("nev", "new\u{2013}energy vehicles"),
            ("nev", "New  Energy Vehicle"),
            ("ic", "integrated-circuits"),
        ])
    );
}

#[test]
fn english_plurals_match_the_singular_form() {
    let engine = engine();
    let text = "Integrated Circuits, NEVs and AI; the NEV fleet.";
    assert_eq!(
        hits(&engine, text, Lang::En),
        pairs(&[("ic", "Integrated Circuits"), ("nev", "NEVs"), ("ai", "AI"), ("nev", "NEV")])
    );
}

#[test]
fn french_plurals_and_agreement_match() {
    let engine = engine();
    let text = "Les véhicules électriques, les énergies nouvelles, l'intelligence artificielle et les circuits \
                intégrés ; une Énergie Nouvelle.";
    assert_eq!(
        hits(&engine, text, Lang::Fr),
        pairs(&[
            ("nev", "véhicules électriques"),
            ("new_energy", "énergies nouvelles"),
            ("ai", "intelligence artificielle"),
            ("ic", "circuits intégrés"),
            ("new_energy", "Énergie Nouvelle"),
        ])
    );
}

#[test]
fn stems_never_reach_into_other_words() {
    let engine = engine();
    // `ai` is not `aid` or `aids`, `nev` is not `never`, `refining` is not `refine` or `refined`, a dash with spaces
    // around it joins nothing.
    let text = "We never cut aid or aids; we refine and refined oil; new – energy; vehicles of new energy.";
    assert_eq!(hits(&engine, text, Lang::En), pairs(&[("new_energy", "new energy")]));
    let text = "Il aide les raffineries ; l'aide au raffiné.";
    assert_eq!(hits(&engine, text, Lang::Fr), pairs(&[]));
}

#[test]
fn chinese_is_matched_as_before_and_undetermined_text_without_folding() {
    let engine = engine();
    let text = "发展新能源汽车和集成电路，推动AI赋能。new-energy vehicles";
    assert_eq!(hits(&engine, text, Lang::Zh), pairs(&[("nev", "新能源汽车"), ("ic", "集成电路"), ("ai", "AI")]));
    // Undetermined text is matched exactly as written: no separator or plural folding.
    assert_eq!(
        hits(&engine, "集成电路 integrated circuits, new energy vehicle", Lang::Und),
        pairs(&[("ic", "集成电路"), ("nev", "new energy vehicle")])
    );
}

#[test]
fn large_english_documents_count_as_small_ones() {
    let engine = engine();
    // Lines that differ, so that none is taken for a repeated body.
    let text: String = (0..60_000)
        .map(|i| format!("In area {i}, integrated circuits and new-energy vehicles grew, and AI too.\n"))
        .collect();
    assert!(text.len() > 2 * gwr_pipeline::PARALLEL_CHUNK_BYTES, "large enough to be cut into pieces");
    let counts = engine.process(&text, Lang::En);
    assert_eq!(counts.hits.len(), 3 * 60_000);
    for h in counts.hits.iter().step_by(997) {
        let hit = engine.hit("d", &text, h);
        assert_eq!(&text[hit.start..hit.end], hit.surface);
    }
}

#[test]
fn a_pattern_starting_inside_a_word_hides_nothing() {
    let engine = engine();
    // `h mode` (the folded `h-mode`) starts inside `with`: it must not swallow `modern services`.
    let text = "Manufacturing was integrated with modern services; the H-mode plasma.";
    assert_eq!(
        hits(&engine, text, Lang::En),
        pairs(&[("modern_services", "modern services"), ("fusion_mode", "H-mode")])
    );
}

#[test]
fn french_seed_article_hits_slice_to_their_surface() {
    let corpora = gwr_testdata::require_corpora!();
    let path = corpora.join("../seeds/000_609c3215a5430b4c.txt");
    let article =
        std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("the seed article {} is needed: {e}", path.display()));
    let engine = Engine::load(gwr_dict::DictSource::Embedded).expect("default dictionary");
    let found = hits(&engine, &article, Lang::Fr);
    let sectors: std::collections::BTreeSet<&str> = found
        .iter()
        .map(|(c, _)| engine.dictionary().concept(c).map_or("", |c| &engine.dictionary().sectors[c.sector].id))
        .collect();
    // Plurals and agreement of the dictionary's singular forms count: véhicules électriques, batteries, panneaux
    // solaires, robots industriels.
    for sector in ["nev", "batteries_storage", "solar_pv", "industrial_robots", "quantum", "mobile_6g"] {
        assert!(sectors.contains(sector), "{sector} not found in the seed article: {sectors:?}");
    }
    // Folding finds more than matching the forms exactly as written.
    let exact = engine.process(&article, Lang::Und).hits.len();
    assert!(found.len() > exact, "{} hits folded, {exact} as written", found.len());
}

#[test]
fn texts_that_differ_only_in_hyphens_are_not_the_same_report() {
    let engine = engine();
    let a = engine.process("We will build new-energy vehicles and integrated circuits.", Lang::En);
    let b = engine.process("We will build new energy vehicle and integrated circuit.", Lang::En);
    assert_eq!(a.hits.len(), b.hits.len(), "both count the same terms");
    assert_ne!(a.content_hash, b.content_hash, "but they are different texts");
}
