//! Properties that must hold for any dictionary: check and patterns never panic, patterns are unique, and every
//! pattern points at a concept that lists it.

use gwr_dict::{Dictionary, PatternTarget, Severity};
use proptest::prelude::*;
use std::collections::HashSet;

/// Forms from a small alphabet so that duplicates and nestings are frequent: Han, Traditional, Latin in both cases,
/// full width, digits, spaces and an accent.
fn form() -> impl Strategy<Value = String> {
    proptest::collection::vec(
        prop::sample::select(vec!["量", "子", "計", "计", "算", "a", "I", "ai", "Ａ", "5", "g", " ", "é", "e", "-"]),
        1..5,
    )
    .prop_map(|parts| parts.concat())
}

fn concept() -> impl Strategy<Value = (Vec<String>, Vec<String>, Vec<String>)> {
    (
        proptest::collection::vec(form(), 0..4),
        proptest::collection::vec(form(), 0..3),
        proptest::collection::vec(form(), 0..2),
    )
}

fn toml_list(items: &[String]) -> String {
    let quoted: Vec<String> = items.iter().map(|s| format!("{s:?}")).collect();
    format!("[{}]", quoted.join(", "))
}

proptest! {
    #[test]
    fn check_and_patterns_hold_for_any_forms(concepts in proptest::collection::vec(concept(), 1..6)) {
        let mut text = String::from("schema = 1\ngroup = \"g\"\nkind = \"sector\"\n\n[[sector]]\nid = \"s\"\nzh = \"行业\"\nen = \"s\"\nfr = \"s\"\n");
        for (i, (zh, en, exclude)) in concepts.iter().enumerate() {
            text.push_str(&format!(
                "[[sector.concept]]\nid = \"c{i}\"\nzh = {}\nen = {}\nexclude = {}\n",
                toml_list(zh), toml_list(en), toml_list(exclude)
            ));
        }
        let dictionary = Dictionary::from_toml_str(&text, "p.toml").expect("generated TOML loads");
        let problems = dictionary.check();
        let patterns = dictionary.patterns();

        let mut seen = HashSet::new();
        for pattern in &patterns {
            prop_assert!(seen.insert(pattern.normalized.clone()), "pattern {:?} twice", pattern.normalized);
            prop_assert!(!pattern.normalized.trim().is_empty());
            if let PatternTarget::Concept(c) = pattern.target {
                let concept = &dictionary.concepts[c as usize];
                prop_assert!(concept.forms.iter().any(|f| gwr_normalize::normalize_term(&f.text) == pattern.normalized));
            }
        }
        // A normalized form listed by two concepts always gives an error.
        let mut owner = std::collections::HashMap::new();
        let mut shared = false;
        for (c, concept) in dictionary.concepts.iter().enumerate() {
            for form in &concept.forms {
                let normalized = gwr_normalize::normalize_term(&form.text);
                if normalized.trim().is_empty() {
                    continue;
                }
                if *owner.entry(normalized).or_insert(c) != c {
                    shared = true;
                }
            }
        }
        if shared {
            prop_assert!(problems.iter().any(|p| p.severity == Severity::Error && p.message.contains("listed twice (concepts")));
        }
        for problem in &problems {
            prop_assert!(problem.location.line >= 1 && problem.location.line <= text.lines().count());
            prop_assert!(problem.to_string().starts_with("p.toml:"));
        }
    }
}
