//! cntext and quanteda YAML: import, export, round trips, unsupported globs.

use gwr_core::Lang;
use gwr_dict::{DictError, Dictionary};
use std::path::{Path, PathBuf};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name)
}

/// (concept id, [form texts]) of every concept, in order.
fn concepts(dictionary: &Dictionary) -> Vec<(String, Vec<String>)> {
    dictionary.concepts.iter().map(|c| (c.id.clone(), c.forms.iter().map(|f| f.text.clone()).collect())).collect()
}

/// (sector id, concept id) of every concept, in order.
fn sectors_of(dictionary: &Dictionary) -> Vec<(String, String)> {
    dictionary.concepts.iter().map(|c| (dictionary.sectors[c.sector].id.clone(), c.id.clone())).collect()
}

fn reimport(yaml: &str, name: &str) -> Result<Dictionary, DictError> {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join(name);
    std::fs::write(&path, yaml).expect("write");
    Dictionary::load(&path)
}

#[test]
fn cntext_dictionary_imports_one_concept_per_category() -> Result<(), Box<dyn std::error::Error>> {
    let dictionary = Dictionary::load(&fixture("digital_transformation_cntext.yaml"))?;
    assert_eq!(dictionary.name, "数字化转型");
    assert_eq!(dictionary.version, "imported");
    let sectors: Vec<&str> = dictionary.sectors.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(sectors, ["人工智能技术", "大数据技术", "云计算技术", "区块链技术", "数字技术运用"]);
    assert_eq!(dictionary.concepts.len(), 5);
    assert_eq!(dictionary.stats().to_string(), "5 sectors, 5 concepts, forms: zh 22, en 3, fr 0");
    let applied = dictionary.concept("数字技术运用").expect("category");
    let fintech = applied.forms.iter().find(|f| f.text == "Fintech").expect("Fintech");
    assert_eq!(fintech.lang, Lang::En);
    assert_eq!(fintech.location.line, 41);
    assert!(fintech.location.file.ends_with("digital_transformation_cntext.yaml"));
    let storage = dictionary.concept("云计算技术").expect("category").forms.iter().find(|f| f.text == "EB级存储");
    assert_eq!(storage.map(|f| f.lang), Some(Lang::Zh));
    assert_eq!(dictionary.concept("人工智能技术").map(|c| c.location.line), Some(13));
    // Imported ids are category names, not snake_case: no problem for an imported dictionary. A capitalised
    // brand name is still reported, as in a TOML file.
    let problems: Vec<String> = dictionary.check().iter().map(|p| p.message.clone()).collect();
    assert_eq!(problems, [r#"form "Fintech" is not written normalized (normalizes to "fintech")"#]);
    assert_eq!(dictionary.check()[0].location.line, 41);
    Ok(())
}

#[test]
fn quanteda_dictionary_imports_flat_and_nested_categories() -> Result<(), Box<dyn std::error::Error>> {
    let dictionary = Dictionary::load(&fixture("policy_quanteda.yaml"))?;
    assert_eq!(dictionary.name, "policy_quanteda");
    assert_eq!(
        sectors_of(&dictionary),
        [
            ("economy".to_string(), "economy".to_string()),
            ("technology".to_string(), "digital".to_string()),
            ("technology".to_string(), "energy".to_string()),
        ]
    );
    let energy = dictionary.concept("energy").expect("energy");
    let langs: Vec<(&str, Lang, usize)> =
        energy.forms.iter().map(|f| (f.text.as_str(), f.lang, f.location.line)).collect();
    assert_eq!(langs, [("renewable energy", Lang::En, 11), ("可再生能源", Lang::Zh, 12)]);
    assert!(dictionary.check().is_empty(), "{:#?}", dictionary.check());
    Ok(())
}

#[test]
fn globs_are_unsupported_with_file_and_line() {
    let error = Dictionary::load(&fixture("glob_quanteda.yaml")).expect_err("globs are unsupported");
    assert!(matches!(error, DictError::Unsupported { line: 3, .. }), "{error}");
    let message = error.to_string();
    assert!(message.ends_with("glob_quanteda.yaml:3: term \"budget*\" has a glob (*), which gwr does not support (it matches whole forms between word boundaries): list the words in full"), "{message}");
}

#[test]
fn quanteda_nesting_deeper_than_two_levels_is_unsupported() {
    let yaml = "technology:\n  digital:\n    platforms:\n      - cloud\n";
    let error = reimport(yaml, "deep.yml").expect_err("too deep");
    assert!(matches!(error, DictError::Unsupported { line: 2, .. }), "{error}");
    assert!(error.to_string().contains("category \"technology/digital\" nests deeper than two levels"), "{error}");
}

#[test]
fn cntext_round_trip_keeps_concepts_and_forms() -> Result<(), Box<dyn std::error::Error>> {
    let original = Dictionary::load(&fixture("frontier.toml"))?;
    let yaml = original.to_cntext_yaml();
    assert!(yaml.starts_with("Name: frontier\n"), "{yaml}");
    assert!(yaml.contains("量子计算机"), "unicode is written as is: {yaml}");
    let back = reimport(&yaml, "frontier.yaml")?;
    assert_eq!(back.name, "frontier");
    assert_eq!(concepts(&back), concepts(&original));
    // Languages come back from the script: Han → zh, anything else → en.
    let langs: Vec<Lang> = back.concepts[0].forms.iter().map(|f| f.lang).collect();
    assert_eq!(langs, [Lang::Zh, Lang::Zh, Lang::En, Lang::En, Lang::En, Lang::En]);
    // And the export of the import is the same text, apart from the hash in `Refer`.
    let again = back.to_cntext_yaml();
    let without_refer = |s: &str| {
        s.lines().filter(|l| !l.starts_with("Refer:") && !l.starts_with("Desc:")).collect::<Vec<_>>().join("\n")
    };
    assert_eq!(without_refer(&again), without_refer(&yaml));
    Ok(())
}

#[test]
fn quanteda_round_trip_keeps_sectors_concepts_and_forms() -> Result<(), Box<dyn std::error::Error>> {
    let original = Dictionary::load(&fixture("frontier.toml"))?;
    let yaml = original.to_quanteda_yaml();
    assert!(yaml.starts_with("quantum:\n  quantum_computing:\n  - 量子计算\n"), "{yaml}");
    let back = reimport(&yaml, "frontier.yml")?;
    assert_eq!(concepts(&back), concepts(&original));
    assert_eq!(sectors_of(&back), sectors_of(&original));
    assert_eq!(back.to_quanteda_yaml(), yaml);
    Ok(())
}

#[test]
fn imported_cntext_exports_to_quanteda_and_back() -> Result<(), Box<dyn std::error::Error>> {
    let cntext = Dictionary::load(&fixture("digital_transformation_cntext.yaml"))?;
    let back = reimport(&cntext.to_quanteda_yaml(), "dt.yaml")?;
    assert_eq!(concepts(&back), concepts(&cntext));
    let again = reimport(&cntext.to_cntext_yaml(), "dt.yaml")?;
    assert_eq!(concepts(&again), concepts(&cntext));
    assert_eq!(again.name, "数字化转型");
    Ok(())
}

#[test]
fn nested_terms_of_two_yaml_categories_are_a_warning_in_yaml_terms() -> Result<(), Box<dyn std::error::Error>> {
    let dir = tempfile::tempdir()?;
    let path = dir.path().join("env.yaml");
    std::fs::write(&path, "Dictionary:\n  ecology:\n    - 生态\n  environment:\n    - 生态环境\n")?;
    let dict = gwr_dict::Dictionary::load(&path)?;
    let problems = dict.check();
    let nested: Vec<_> = problems.iter().filter(|p| p.message.contains("contains term")).collect();
    assert_eq!(nested.len(), 1, "{problems:?}");
    assert_eq!(nested[0].severity, gwr_dict::Severity::Warning, "the dictionary still loads");
    assert!(!nested[0].message.contains("exclude"), "no TOML advice for a YAML file: {}", nested[0].message);
    assert!(nested[0].message.contains("category environment"), "{}", nested[0].message);
    Ok(())
}
