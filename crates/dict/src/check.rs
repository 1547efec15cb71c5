//! `Dictionary::check`: every problem of a dictionary, with file and line.

use crate::load::{Format, SCHEMA};
use crate::normal::{can_split, normalize_form, unexpected_change};
use crate::{Dictionary, Location, Problem, RuleKind, SectorKind, Severity, Within, MAX_RULE_WINDOW};
use aho_corasick::{AhoCorasick, MatchKind};
use gwr_core::Lang;
use std::collections::{BTreeSet, HashMap, HashSet};

/// Every problem of `dictionary`, sorted by file and line.
pub(crate) fn check(dictionary: &Dictionary) -> Vec<Problem> {
    let mut checker = Checker { dictionary, problems: Vec::new() };
    checker.schemas();
    checker.ids();
    checker.not_empty();
    checker.concepts();
    let forms = checker.forms();
    checker.nesting(&forms);
    checker.exclusions();
    checker.nests(&forms);
    checker.latin_folds();
    checker.rules();
    let mut problems = checker.problems;
    problems.sort_by(|a, b| a.location.cmp(&b.location).then(a.severity.cmp(&b.severity)));
    problems
}

/// One distinct normalized form and the concepts that list it, first listing first.
struct Unique {
    normalized: String,
    /// (concept index, index of the form in the concept).
    owners: Vec<(usize, usize)>,
}

struct Checker<'d> {
    dictionary: &'d Dictionary,
    problems: Vec<Problem>,
}

impl Checker<'_> {
    fn report(&mut self, location: &Location, severity: Severity, message: String) {
        self.problems.push(Problem { location: location.clone(), severity, message });
    }

    fn schemas(&mut self) {
        for (schema, location) in &self.dictionary.sources.schemas {
            if *schema != SCHEMA {
                self.report(
                    location,
                    Severity::Error,
                    format!("schema {schema} is not supported (gwr reads schema {SCHEMA}); the file was skipped"),
                );
            }
        }
    }

    fn ids(&mut self) {
        let toml = self.dictionary.sources.format == Format::Toml;
        let mut seen: HashMap<&str, &Location> = HashMap::new();
        for (sector, location) in self.dictionary.sectors.iter().zip(&self.dictionary.sources.sectors) {
            if toml && !is_snake_case(&sector.id) {
                self.report(location, Severity::Error, format!("sector id \"{}\" is not ascii snake_case", sector.id));
            }
            if let Some(first) = seen.insert(&sector.id, location) {
                let message = format!("sector id \"{}\" used twice (first at {first})", sector.id);
                self.report(location, Severity::Error, message);
                seen.insert(&sector.id, first);
            }
        }
        for (index, sector) in self.dictionary.sectors.iter().enumerate() {
            if !self.dictionary.concepts.iter().any(|c| c.sector == index) {
                let location = &self.dictionary.sources.sectors[index];
                self.report(location, Severity::Warning, format!("sector {} has no concept", sector.id));
            }
        }
        let mut seen: HashMap<&str, &Location> = HashMap::new();
        for concept in &self.dictionary.concepts {
            if toml && !is_snake_case(&concept.id) {
                let message = format!("concept id \"{}\" is not ascii snake_case", concept.id);
                self.report(&concept.location, Severity::Error, message);
            }
            if let Some(first) = seen.insert(&concept.id, &concept.location) {
                let message = format!("concept id \"{}\" used twice (first at {first})", concept.id);
                self.report(&concept.location, Severity::Error, message);
                seen.insert(&concept.id, first);
            }
        }
    }

    /// A dictionary without a single concept in a scored sector counts nothing a score could be made of: an
    /// error, not an empty run.
    fn not_empty(&mut self) {
        let dict = self.dictionary;
        let scored = dict.concepts.iter().any(|c| dict.sectors[c.sector].kind == crate::SectorKind::Sector);
        if !scored {
            let location = dict
                .sources
                .schemas
                .first()
                .map(|(_, l)| l.clone())
                .or_else(|| dict.sources.sectors.first().cloned())
                .unwrap_or_else(|| Location { file: format!("dictionary {}", dict.name), line: 1 });
            let message = format!(
                "the dictionary has no concept in a scored sector ({} sectors, {} concepts in all): nothing to count",
                dict.sectors.len(),
                dict.concepts.len()
            );
            self.report(&location, Severity::Error, message);
        }
    }

    fn concepts(&mut self) {
        let toml = self.dictionary.sources.format == Format::Toml;
        for concept in &self.dictionary.concepts {
            if concept.forms.is_empty() {
                self.report(&concept.location, Severity::Error, format!("concept {} has no form", concept.id));
            } else if toml && !concept.forms.iter().any(|f| f.lang == gwr_core::Lang::Zh) {
                self.report(&concept.location, Severity::Error, format!("concept {} has no zh form", concept.id));
            }
            for form in &concept.forms {
                if form.text.trim().is_empty() {
                    self.report(&form.location, Severity::Error, format!("empty form in concept {}", concept.id));
                    continue;
                }
                if !form.text.chars().any(char::is_alphanumeric) {
                    let message = format!(
                        "form \"{}\" of concept {} has no letter, digit or Han character: it cannot be a word",
                        form.text, concept.id
                    );
                    self.report(&form.location, Severity::Error, message);
                    continue;
                }
                if let Some(normalized) = unexpected_change(&form.text) {
                    let message =
                        format!("form \"{}\" is not written normalized (normalizes to \"{normalized}\")", form.text);
                    self.report(&form.location, Severity::Warning, message);
                }
                if form.lang != gwr_core::Lang::Zh && form.text.chars().any(gwr_core::is_han) {
                    let message =
                        format!("{} form \"{}\" of concept {} has Han characters", form.lang, form.text, concept.id);
                    self.report(&form.location, Severity::Warning, message);
                }
            }
        }
    }

    /// Distinct normalized forms; reports a form listed by two concepts, or twice in one language of a concept.
    fn forms(&mut self) -> Vec<Unique> {
        let mut uniques: Vec<Unique> = Vec::new();
        let mut index: HashMap<String, usize> = HashMap::new();
        for (c, concept) in self.dictionary.concepts.iter().enumerate() {
            for (f, form) in concept.forms.iter().enumerate() {
                let normalized = normalize_form(&form.text);
                if normalized.trim().is_empty() {
                    continue;
                }
                let Some(&u) = index.get(&normalized) else {
                    index.insert(normalized.clone(), uniques.len());
                    uniques.push(Unique { normalized, owners: vec![(c, f)] });
                    continue;
                };
                let (first_c, first_f) = uniques[u].owners[0];
                let first = &self.dictionary.concepts[first_c];
                if first_c != c {
                    if !uniques[u].owners.iter().any(|&(o, _)| o == c) {
                        let message = format!(
                            "form \"{}\" listed twice (concepts {}, {}; first at {})",
                            form.text, first.id, concept.id, first.forms[first_f].location
                        );
                        self.report(&form.location, Severity::Error, message);
                    }
                } else if concept.forms[first_f].lang == form.lang {
                    let message = format!(
                        "form \"{}\" listed twice in concept {} (first at {})",
                        form.text, concept.id, first.forms[first_f].location
                    );
                    self.report(&form.location, Severity::Warning, message);
                }
                uniques[u].owners.push((c, f));
            }
        }
        uniques
    }

    /// Two forms of different concepts that differ as written but fold to one string for English or French text
    /// (`gwr_normalize::fold_latin`: separators, Snowball stems) are one pattern there: the first concept takes the
    /// hits of both in text of that language (counts stay well defined, so a warning). Forms equal after
    /// normalization alone are reported by `forms` already.
    fn latin_folds(&mut self) {
        for lang in [Lang::En, Lang::Fr] {
            let Some(stemming) = gwr_normalize::Stemming::of(lang) else { continue };
            let mut first: HashMap<String, (usize, usize, String)> = HashMap::new();
            for (c, concept) in self.dictionary.concepts.iter().enumerate() {
                for (f, form) in concept.forms.iter().enumerate() {
                    if form.lang != lang && form.lang != Lang::Zh {
                        continue;
                    }
                    let normalized = normalize_form(&form.text);
                    let folded = gwr_normalize::fold_latin_term(&normalized, stemming);
                    if folded.trim().is_empty() {
                        continue;
                    }
                    let Some((fc, ff, fnorm)) = first.get(&folded) else {
                        first.insert(folded, (c, f, normalized));
                        continue;
                    };
                    if *fc == c || *fnorm == normalized {
                        continue;
                    }
                    let other = &self.dictionary.concepts[*fc];
                    let message = format!(
                        "{lang} form \"{}\" (concept {}) and form \"{}\" (concept {}, at {}) are one form after \
                         stemming (\"{folded}\"): in {lang} text its hits go to concept {}",
                        form.text, concept.id, other.forms[*ff].text, other.id, other.forms[*ff].location, other.id
                    );
                    self.report(&form.location, Severity::Warning, message);
                }
            }
        }
    }

    /// A form inside another concept's form needs an exclusion covering the longer form or a `nests` entry.
    fn nesting(&mut self, uniques: &[Unique]) {
        if uniques.is_empty() {
            return;
        }
        let automaton = AhoCorasick::builder()
            .match_kind(MatchKind::Standard)
            .build(uniques.iter().map(|u| u.normalized.as_str()))
            .expect("an automaton over a few thousand short forms builds");
        let excluded: Vec<Vec<String>> =
            self.dictionary.concepts.iter().map(|c| c.exclude.iter().map(|e| normalize_form(e)).collect()).collect();
        for long in uniques {
            // Shorter forms found inside the longer one where the matcher could match them: an occurrence inside a
            // Latin word (`ai` in `chain`) is never a hit, because hits need word boundaries at both ends.
            let text = long.normalized.as_str();
            let inner: BTreeSet<usize> = automaton
                .find_overlapping_iter(text)
                .filter(|m| m.len() < text.len())
                .filter(|m| {
                    let found = &text[m.range()];
                    can_split(text[..m.start()].chars().next_back(), found.chars().next())
                        && can_split(found.chars().next_back(), text[m.end()..].chars().next())
                })
                .map(|m| m.pattern().as_usize())
                .collect();
            // One problem per (shorter concept, longer form), however many of its forms the longer form contains.
            let mut reported: HashSet<(usize, usize, usize)> = HashSet::new();
            for short in inner.into_iter().map(|s| &uniques[s]) {
                for &(sc, _) in &short.owners {
                    for &(lc, lf) in &long.owners {
                        if sc == lc
                            || self.nesting_allowed(sc, lc, &excluded[sc], &short.normalized, &long.normalized)
                            || !reported.insert((sc, lc, lf))
                        {
                            continue;
                        }
                        let shorter = &self.dictionary.concepts[sc];
                        let longer = &self.dictionary.concepts[lc];
                        let form = &longer.forms[lf];
                        let short_form = shorter
                            .forms
                            .iter()
                            .find(|f| normalize_form(&f.text) == short.normalized)
                            .map_or(short.normalized.as_str(), |f| f.text.as_str());
                        if self.dictionary.sources.format == crate::load::Format::Yaml {
                            // A YAML dictionary has no `exclude` or `nests`: say what happens, in its own terms.
                            let message = format!(
                                "term \"{}\" (category {}) contains term \"{short_form}\" (category {}): where the \
                                 longer term occurs, only it is counted (for {}), as each character is counted once",
                                form.text, longer.id, shorter.id, longer.id
                            );
                            self.report(&form.location, Severity::Warning, message);
                            continue;
                        }
                        let message = format!(
                            "form \"{}\" (concept {}) contains form \"{short_form}\" (concept {}): add \"{}\" to the \
                             exclude of {} or name the other concept in nests",
                            form.text, longer.id, shorter.id, form.text, shorter.id
                        );
                        self.report(&form.location, Severity::Error, message);
                    }
                }
            }
        }
    }

    fn nesting_allowed(&self, short: usize, long: usize, excluded: &[String], inner: &str, outer: &str) -> bool {
        let concepts = &self.dictionary.concepts;
        concepts[short].nests.contains(&concepts[long].id)
            || concepts[long].nests.contains(&concepts[short].id)
            || excluded.iter().any(|e| outer.contains(e.as_str()) && e.contains(inner))
    }

    /// An exclusion must contain one of its concept's forms, and must not be one of them.
    fn exclusions(&mut self) {
        for (concept, sources) in self.dictionary.concepts.iter().zip(&self.dictionary.sources.concepts) {
            let forms: Vec<String> = concept.forms.iter().map(|f| normalize_form(&f.text)).collect();
            for (exclusion, location) in concept.exclude.iter().zip(&sources.exclude) {
                let normalized = normalize_form(exclusion);
                if forms.contains(&normalized) {
                    let message = format!("exclusion \"{exclusion}\" is also a form of concept {}", concept.id);
                    self.report(location, Severity::Error, message);
                } else if !forms.iter().any(|f| !f.is_empty() && normalized.contains(f.as_str())) {
                    let message = format!("exclusion \"{exclusion}\" contains no form of concept {}", concept.id);
                    self.report(location, Severity::Error, message);
                }
            }
        }
    }

    /// A `nests` entry must name a known concept whose forms nest with this one's.
    fn nests(&mut self, uniques: &[Unique]) {
        let ids: HashMap<&str, usize> =
            self.dictionary.concepts.iter().enumerate().map(|(i, c)| (c.id.as_str(), i)).collect();
        let mut forms_of: Vec<Vec<&str>> = vec![Vec::new(); self.dictionary.concepts.len()];
        for unique in uniques {
            for &(c, _) in &unique.owners {
                forms_of[c].push(unique.normalized.as_str());
            }
        }
        for (c, (concept, sources)) in
            self.dictionary.concepts.iter().zip(&self.dictionary.sources.concepts).enumerate()
        {
            for (other, location) in concept.nests.iter().zip(&sources.nests) {
                let Some(&o) = ids.get(other.as_str()) else {
                    let message = format!("concept {} nests unknown concept \"{other}\"", concept.id);
                    self.report(location, Severity::Error, message);
                    continue;
                };
                if o == c {
                    self.report(location, Severity::Warning, format!("concept {} nests itself", concept.id));
                    continue;
                }
                let related =
                    forms_of[c].iter().any(|a| forms_of[o].iter().any(|b| a != b && (a.contains(b) || b.contains(a))));
                if !related {
                    let message = format!(
                        "concept {} nests {other}, but no form of either contains a form of the other",
                        concept.id
                    );
                    self.report(location, Severity::Warning, message);
                }
            }
        }
    }
}

impl Checker<'_> {
    /// Every rule: one kind, a non-empty list of non-empty terms, known concepts, a window in range where one is
    /// needed and none where none is, no rule on policy vocabulary (which is never scored, so nothing to decide),
    /// and for `not_in` names that contain a form of the concept.
    fn rules(&mut self) {
        let dictionary = self.dictionary;
        for (concept, sources) in dictionary.concepts.iter().zip(&dictionary.sources.concepts) {
            let forms: Vec<String> = concept.forms.iter().map(|f| normalize_form(&f.text)).collect();
            for (rule, kinds) in concept.rules.iter().zip(&sources.rule_kinds) {
                let at = &rule.location;
                let id = &concept.id;
                let mut error = |message: String| {
                    self.problems.push(Problem { location: at.clone(), severity: Severity::Error, message })
                };
                if dictionary.sectors[concept.sector].kind == SectorKind::Policy {
                    error(format!("concept {id} is policy vocabulary, which is never scored: it takes no rule"));
                }
                match kinds.len() {
                    0 => error(format!("rule of concept {id} says neither only_near, unless_near nor not_in")),
                    1 => {}
                    _ => {
                        let names: Vec<&str> = kinds.iter().map(|k| k.as_str()).collect();
                        error(format!("rule of concept {id} has {} (one rule, one kind)", names.join(" and ")));
                    }
                }
                let kind = rule.kind.as_str();
                if rule.terms.is_empty() && (rule.concepts.is_empty() || rule.kind == RuleKind::NotIn) {
                    error(format!("{kind} rule of concept {id} has an empty list"));
                }
                if rule.terms.iter().any(|t| normalize_form(t).trim().is_empty()) {
                    error(format!("{kind} rule of concept {id} has an empty term"));
                }
                for other in &rule.concepts {
                    if rule.kind == RuleKind::NotIn {
                        error(format!("not_in rule of concept {id} names concepts; it takes names only"));
                        break;
                    }
                    if dictionary.concept(other).is_none() {
                        error(format!("{kind} rule of concept {id} names unknown concept \"{other}\""));
                    }
                }
                match (rule.kind, &rule.within) {
                    (RuleKind::NotIn, Some(_)) => error(format!("not_in rule of concept {id} takes no window")),
                    (RuleKind::NotIn, None) => {
                        for name in &rule.terms {
                            let normalized = normalize_form(name);
                            if !forms.iter().any(|f| !f.is_empty() && normalized.contains(f.as_str())) {
                                error(format!("not_in name \"{name}\" contains no form of concept {id}"));
                            } else if forms.contains(&normalized) {
                                error(format!("not_in name \"{name}\" is a form of concept {id}"));
                            }
                        }
                    }
                    (_, None) => error(format!(
                        "{kind} rule of concept {id} has no window: write within = N (1 to {MAX_RULE_WINDOW} \
                         characters) or within = \"sentence\""
                    )),
                    (_, Some(Within::Chars(n))) if !(1..=MAX_RULE_WINDOW).contains(n) => error(format!(
                        "{kind} rule of concept {id}: window {n} is out of range (1 to {MAX_RULE_WINDOW} characters)"
                    )),
                    (_, Some(Within::Invalid(w))) => error(format!(
                        "{kind} rule of concept {id}: window \"{w}\" is neither a number of characters nor \"sentence\""
                    )),
                    _ => {}
                }
            }
        }
    }
}

/// ASCII snake_case: lower-case letters, digits and single underscores, starting with a letter.
fn is_snake_case(id: &str) -> bool {
    let bytes = id.as_bytes();
    !bytes.is_empty()
        && bytes[0].is_ascii_lowercase()
        && bytes.iter().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || *b == b'_')
        && !id.ends_with('_')
        && !id.contains("__")
}

#[cfg(test)]
mod tests {
    use super::is_snake_case;

    #[test]
    fn snake_case_ids() {
        for good in ["quantum", "quantum_computing", "g5_network", "ai"] {
            assert!(is_snake_case(good), "{good}");
        }
        for bad in ["", "Quantum", "quantum-computing", "_ai", "ai_", "a__b", "5g", "量子"] {
            assert!(!is_snake_case(bad), "{bad}");
        }
    }
}
