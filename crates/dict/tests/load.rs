//! Loading: folders, files, parse errors with file:line:column, stats, hash, patterns.

use gwr_dict::{DictError, Dictionary, PatternTarget, SectorKind};
use std::path::Path;

const FRONTIER: &str = r#"schema = 1
group = "frontier"
kind = "sector"

[[sector]]
id = "quantum"
zh = "量子科技"
en = "Quantum technology"
fr = "Technologies quantiques"

[[sector.concept]]
id = "quantum_computing"
zh = ["量子计算", "量子计算机"]
en = ["quantum computing"]
fr = ["informatique quantique"]

[[sector]]
id = "nuclear"
zh = "核能"
en = "Nuclear energy"
fr = "Énergie nucléaire"

[[sector.concept]]
id = "nuclear_power"
zh = ["核能", "核电"]
en = ["nuclear power"]
exclude = ["核能力"]
"#;

const POLICY: &str = r#"schema = 1
group = "policy"
kind = "policy"

[[sector]]
id = "reform"
zh = "改革"
en = "Reform"
fr = "Réforme"

[[sector.concept]]
id = "state_owned_reform"
zh = ["国企改革", "国有企业改革"]
"#;

const MANIFEST: &str = r#"schema = 1
name = "gwr-default"
version = "2026.1"
"#;

fn write(dir: &Path, relative: &str, text: &str) {
    let path = dir.join(relative);
    std::fs::create_dir_all(path.parent().expect("has a parent")).expect("mkdir");
    std::fs::write(path, text).expect("write");
}

fn load_error(text: &str) -> String {
    match Dictionary::from_toml_str(text, "sectors/t.toml") {
        Ok(_) => panic!("loaded although it should not:\n{text}"),
        Err(e) => e.to_string(),
    }
}

#[test]
fn folder_loads_manifest_groups_and_skips_regions() -> Result<(), Box<dyn std::error::Error>> {
    let dir = tempfile::tempdir()?;
    write(dir.path(), "dictionary.toml", MANIFEST);
    write(dir.path(), "sectors/frontier.toml", FRONTIER);
    write(dir.path(), "policy.toml", POLICY);
    write(dir.path(), "regions.toml", "this is not a sector file [");
    write(dir.path(), "README.md", "not toml");
    let dictionary = Dictionary::load(dir.path())?;
    assert_eq!(dictionary.name, "gwr-default");
    assert_eq!(dictionary.version, "2026.1");
    // Files in sorted order: policy.toml before sectors/frontier.toml.
    let ids: Vec<&str> = dictionary.sectors.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(ids, ["reform", "quantum", "nuclear"]);
    assert_eq!(dictionary.sectors[0].kind, SectorKind::Policy);
    assert_eq!(dictionary.sectors[1].group, "frontier");
    let nuclear = dictionary.concept("nuclear_power").expect("nuclear_power");
    assert_eq!(dictionary.sectors[nuclear.sector].id, "nuclear");
    assert_eq!(nuclear.exclude, ["核能力"]);
    let shown = format!("{}/sectors/frontier.toml", dir.path().display());
    assert_eq!(nuclear.location.to_string(), format!("{shown}:24"));
    assert_eq!(nuclear.forms[1].text, "核电");
    assert_eq!(nuclear.forms[1].location.to_string(), format!("{shown}:25"));
    assert!(dictionary.check().is_empty(), "{:#?}", dictionary.check());
    Ok(())
}

#[test]
fn folder_without_manifest_is_named_after_the_folder() -> Result<(), Box<dyn std::error::Error>> {
    let dir = tempfile::tempdir()?;
    let root = dir.path().join("mydict");
    write(&root, "frontier.toml", FRONTIER);
    let dictionary = Dictionary::load(&root)?;
    assert_eq!(dictionary.name, "mydict");
    assert_eq!(dictionary.version, "unversioned");
    Ok(())
}

#[test]
fn empty_folder_and_unknown_files_are_errors() -> Result<(), Box<dyn std::error::Error>> {
    let dir = tempfile::tempdir()?;
    write(dir.path(), "regions.toml", "schema = 1\n");
    let empty = Dictionary::load(dir.path()).expect_err("no dictionary file");
    assert!(matches!(empty, DictError::Empty { .. }), "{empty}");
    assert!(empty.to_string().ends_with(": no dictionary file (*.toml) found"), "{empty}");
    write(dir.path(), "terms.txt", "量子");
    let unknown = Dictionary::load(&dir.path().join("terms.txt")).expect_err("not a dictionary");
    assert!(matches!(unknown, DictError::UnknownFormat { .. }), "{unknown}");
    let missing = Dictionary::load(&dir.path().join("nope.toml")).expect_err("missing file");
    assert!(matches!(missing, DictError::NotFound { .. }), "{missing}");
    let nope = dir.path().join("nope.toml");
    assert_eq!(missing.to_string(), format!("dictionary file not found: {}", nope.display()));
    assert!(std::error::Error::source(&missing).is_none(), "said once: no cause repeating the message");
    let folder = Dictionary::load(&dir.path().join("nope")).expect_err("missing folder").to_string();
    assert_eq!(folder, format!("dictionary folder not found: {}", dir.path().join("nope").display()));
    Ok(())
}

#[test]
fn parse_errors_name_file_line_and_column() {
    let unknown_language = FRONTIER.replace("fr = [\"informatique quantique\"]", "de = [\"Quantencomputer\"]");
    let error = load_error(&unknown_language);
    assert!(error.starts_with("sectors/t.toml:15:1: unknown field `de`, expected one of"), "{error}");

    let unknown_field = FRONTIER.replace("exclude = [\"核能力\"]", "exclusions = [\"核能力\"]");
    let error = load_error(&unknown_field);
    assert!(error.starts_with("sectors/t.toml:27:1: unknown field `exclusions`"), "{error}");

    let syntax = FRONTIER.replace("zh = [\"核能\", \"核电\"]", "zh = [\"核能\", \"核电\"");
    let error = load_error(&syntax);
    assert_eq!(error, "sectors/t.toml:26:1: missing comma between array elements, expected `,`");

    let wrong_type = FRONTIER.replace("en = [\"nuclear power\"]", "en = \"nuclear power\"");
    let error = load_error(&wrong_type);
    assert!(error.starts_with("sectors/t.toml:26:6: invalid type: string \"nuclear power\""), "{error}");

    let wrong_kind = FRONTIER.replace("kind = \"sector\"", "kind = \"industry\"");
    let error = load_error(&wrong_kind);
    assert!(error.starts_with("sectors/t.toml:3:8: unknown variant `industry`"), "{error}");

    let no_schema = FRONTIER.replace("schema = 1\n", "");
    assert_eq!(load_error(&no_schema), "sectors/t.toml:1:1: missing field `schema` (write `schema = 1` at the top)");
}

#[test]
fn yaml_parse_errors_name_file_line_and_column() -> Result<(), Box<dyn std::error::Error>> {
    let dir = tempfile::tempdir()?;
    write(dir.path(), "bad.yaml", "economy:\n  - deficit\n - budget\n");
    let error = Dictionary::load(&dir.path().join("bad.yaml")).expect_err("bad yaml");
    let DictError::Parse { line, column, ref file, .. } = error else { panic!("not a parse error: {error}") };
    assert!(file.ends_with("bad.yaml"), "{file}");
    assert_eq!((line, column), (3, 2), "{error}");
    Ok(())
}

#[test]
fn stats_count_sectors_and_policy_apart() {
    let sectors = Dictionary::from_toml_str(FRONTIER, "frontier.toml").expect("loads");
    assert_eq!(sectors.stats().to_string(), "2 sectors, 2 concepts, forms: zh 4, en 2, fr 1");

    let dir = tempfile::tempdir().expect("tempdir");
    write(dir.path(), "sectors/frontier.toml", FRONTIER);
    write(dir.path(), "policy.toml", POLICY);
    let both = Dictionary::load(dir.path()).expect("loads");
    let stats = both.stats();
    assert_eq!(stats.policy.concepts, 1);
    assert_eq!(stats.sectors.forms(gwr_core::Lang::Zh), 4);
    assert_eq!(
        stats.to_string(),
        "2 sectors, 2 concepts, forms: zh 4, en 2, fr 1; policy: 1 sectors, 1 concepts, forms: zh 2, en 0, fr 0"
    );
}

#[test]
fn hash_is_stable_across_write_order_and_changes_with_content() -> Result<(), Box<dyn std::error::Error>> {
    let first = tempfile::tempdir()?;
    write(first.path(), "sectors/frontier.toml", FRONTIER);
    write(first.path(), "policy.toml", POLICY);
    let second = tempfile::tempdir()?;
    write(second.path(), "policy.toml", POLICY);
    write(second.path(), "sectors/frontier.toml", FRONTIER);
    let a = Dictionary::load(first.path())?;
    let b = Dictionary::load(second.path())?;
    assert_eq!(a.hash.len(), 64);
    assert!(a.hash.bytes().all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase()));
    assert_eq!(a.hash, b.hash);
    assert_eq!(Dictionary::load(first.path())?.hash, a.hash);

    write(second.path(), "policy.toml", &POLICY.replace("国企改革", "国资改革"));
    assert_ne!(Dictionary::load(second.path())?.hash, a.hash);
    Ok(())
}

#[test]
fn patterns_hold_each_form_once_then_exclusions() {
    let text = r#"schema = 1
group = "g"
kind = "sector"

[[sector]]
id = "quantum"
zh = "量子科技"
en = "Quantum technology"
fr = "Technologies quantiques"

[[sector.concept]]
id = "quantum_general"
zh = ["量子", "量子科技"]
en = ["quantum", "QUANTUM"]
exclude = ["量子力学", "量子计算"]

[[sector.concept]]
id = "quantum_computing"
zh = ["量子计算", "量子"]
exclude = ["量子力学"]
nests = ["quantum_general"]
"#;
    let dictionary = Dictionary::from_toml_str(text, "t.toml").expect("loads");
    let all = dictionary.patterns();
    let patterns: Vec<(&str, PatternTarget)> = all.iter().map(|p| (p.normalized.as_str(), p.target)).collect();
    assert_eq!(
        patterns,
        [
            ("量子", PatternTarget::Concept(0)),
            ("量子科技", PatternTarget::Concept(0)),
            ("quantum", PatternTarget::Concept(0)),
            ("量子计算", PatternTarget::Concept(1)),
            ("量子力学", PatternTarget::Exclusion),
        ]
    );
    assert_eq!(dictionary.sector_of(1).id, "quantum");
    // The form listed by both concepts is a check error, even though patterns() quietly keeps the first.
    let problems: Vec<String> = dictionary.check().iter().map(ToString::to_string).collect();
    assert!(
        problems.contains(
            &r#"t.toml:19: form "量子" listed twice (concepts quantum_general, quantum_computing; first at t.toml:13)"#
                .to_string()
        ),
        "{problems:#?}"
    );
}

#[test]
fn default_dictionary_dir_points_at_a_folder() {
    let dir = gwr_dict::default_dictionary_dir();
    assert!(dir.ends_with("dictionaries"), "{}", dir.display());
    assert!(dir.join("README.md").is_file(), "{}", dir.display());
}
