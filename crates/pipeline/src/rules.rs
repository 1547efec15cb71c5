//! Context rules (`[[sector.concept.rule]]`, see [`gwr_dict::Rule`]) applied to the matches of one kept span.
//!
//! Rules run after matching and look only at the matches of concepts that have rules: for every other match the
//! cost is one table lookup. Terms are searched in the normalized text, the text the forms were matched in, so a
//! rule term is normalized like a form (`住房` also finds `住房` written in Traditional characters).

use gwr_core::Span;
use gwr_dict::{Dictionary, RuleKind, Within};
use gwr_match::RawMatch;

/// No rule for this concept.
const NONE: u32 = u32::MAX;

/// Sentence ends: a `sentence` window runs from just after the previous one to just before the next one.
/// Full-width `！？；` are half width after normalization; `。` is kept as it is.
fn ends_sentence(c: char) -> bool {
    matches!(c, '。' | '!' | '?' | ';' | '\n' | '\r')
}

/// The furthest a `sentence` window reaches on each side, in characters: a text without punctuation does not make
/// a rule scan the whole document.
const SENTENCE_REACH: usize = 400;

/// The rules of a dictionary, compiled.
pub(crate) struct Rules {
    /// Per concept index: the index of its first rule in `rules`, or [`NONE`].
    first: Vec<u32>,
    /// Every rule, those of a concept next to each other.
    rules: Vec<Compiled>,
}

struct Compiled {
    concept: u32,
    kind: RuleKind,
    /// Normalized terms (for `not_in`, the normalized names).
    terms: Vec<String>,
    /// Characters each side; `None` for the sentence (and unused by `not_in`).
    chars: Option<usize>,
}

impl Rules {
    /// The rules of `dict` (a dictionary that passed its check: windows are in range).
    pub(crate) fn new(dict: &Dictionary) -> Rules {
        let mut first = vec![NONE; dict.concepts.len()];
        let mut rules = Vec::new();
        for (index, concept) in dict.concepts.iter().enumerate() {
            if concept.rules.is_empty() {
                continue;
            }
            first[index] = u32::try_from(rules.len()).expect("fewer than 2^32 rules");
            for rule in &concept.rules {
                let chars = match rule.within {
                    Some(Within::Chars(n)) => Some(usize::try_from(n).unwrap_or(0)),
                    _ => None,
                };
                let concept = u32::try_from(index).expect("fewer than 2^32 concepts");
                rules.push(Compiled { concept, kind: rule.kind, terms: dict.rule_terms(rule), chars });
            }
        }
        Rules { first, rules }
    }

    /// True when no concept has a rule.
    pub(crate) fn is_empty(&self) -> bool {
        self.rules.is_empty()
    }

    /// Keep in `matches` those no rule rejects; the others go to `rejected` with the rule that rejected them, as
    /// (concept index, rule index among the concept's rules). `norm` is the normalized text the spans point into.
    pub(crate) fn apply(&self, norm: &str, matches: &mut Vec<RawMatch>, rejected: &mut Vec<(RawMatch, u32)>) {
        if self.is_empty() {
            return;
        }
        matches.retain(|m| match self.rejecting(norm, m.concept, m.span) {
            None => true,
            Some(rule) => {
                rejected.push((*m, rule));
                false
            }
        });
    }

    /// The index (among the concept's rules) of the first rule that rejects a match of `concept` at `span`.
    fn rejecting(&self, norm: &str, concept: u32, span: Span) -> Option<u32> {
        let first = *self.first.get(concept as usize)?;
        if first == NONE {
            return None;
        }
        let own = self.rules[first as usize..].iter().take_while(|r| r.concept == concept);
        for (k, rule) in own.enumerate() {
            let reject = match rule.kind {
                RuleKind::NotIn => rule.terms.iter().any(|name| inside_name(norm, span, name)),
                RuleKind::OnlyNear => !near(norm, span, rule),
                RuleKind::UnlessNear => near(norm, span, rule),
            };
            if reject {
                return Some(u32::try_from(k).expect("fewer than 2^32 rules"));
            }
        }
        None
    }
}

/// True when one of the rule's terms lies wholly before or wholly after `span` inside the rule's window.
fn near(norm: &str, span: Span, rule: &Compiled) -> bool {
    let before = &norm[..span.start];
    let after = &norm[span.end..];
    let (left, right) = match rule.chars {
        Some(n) => {
            // A window stops at a line break, as a sentence does: the verdict must not depend on whether the
            // text is matched whole or in pieces cut after line breaks.
            let from = before.char_indices().rev().nth(n.saturating_sub(1)).map_or(0, |(i, _)| i);
            let from = before[from..].rfind(['\n', '\r']).map_or(from, |i| from + i + 1);
            let to = after.char_indices().nth(n).map_or(after.len(), |(i, _)| i);
            let to = after[..to].find(['\n', '\r']).unwrap_or(to);
            (&before[from..], &after[..to])
        }
        None => {
            let mut from = before.len();
            for (i, c) in before.char_indices().rev().take(SENTENCE_REACH) {
                if ends_sentence(c) {
                    break;
                }
                from = i;
            }
            let mut to = 0;
            for (i, c) in after.char_indices().take(SENTENCE_REACH) {
                if ends_sentence(c) {
                    break;
                }
                to = i + c.len_utf8();
            }
            (&before[from..], &after[..to])
        }
    };
    rule.terms.iter().any(|t| left.contains(t.as_str()) || right.contains(t.as_str()))
}

/// True when the match at `span` is part of an occurrence of `name` in `norm`.
fn inside_name(norm: &str, span: Span, name: &str) -> bool {
    let surface = &norm[span.start..span.end];
    name.match_indices(surface).any(|(offset, _)| {
        span.start.checked_sub(offset).is_some_and(|start| norm.get(start..start + name.len()) == Some(name))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rules(toml_rules: &str) -> (Dictionary, Rules) {
        let text = format!(
            "schema = 1\ngroup = \"t\"\nkind = \"sector\"\n[[sector]]\nid = \"s\"\nzh = \"s\"\nen = \"s\"\nfr = \"s\"\n\
             [[sector.concept]]\nid = \"a\"\nzh = [\"以旧换新\", \"量子\"]\n{toml_rules}\n\
             [[sector.concept]]\nid = \"b\"\nzh = [\"住房\"]\n"
        );
        let dict = Dictionary::from_toml_str(&text, "t.toml").expect("loads");
        assert!(dict.check().is_empty(), "{:?}", dict.check());
        let rules = Rules::new(&dict);
        (dict, rules)
    }

    /// The verdict on the first occurrence of `surface` in `text`: `None` kept, `Some(k)` rejected by rule k.
    fn verdict(rules: &Rules, text: &str, surface: &str) -> Option<u32> {
        let start = text.find(surface).expect("surface in text");
        rules.rejecting(text, 0, Span::new(start, start + surface.len()))
    }

    #[test]
    fn unless_near_in_the_sentence_rejects_only_there() {
        let (_, r) = rules("[[sector.concept.rule]]\nunless_near = [\"房\"]\nwithin = \"sentence\"");
        assert_eq!(verdict(&r, "推动住房以旧换新。", "以旧换新"), Some(0));
        assert_eq!(verdict(&r, "推动以旧换新，盘活存量房。", "以旧换新"), Some(0));
        assert_eq!(verdict(&r, "推动家电以旧换新。存量房收储。", "以旧换新"), None);
        assert_eq!(verdict(&r, "住房保障。推动家电以旧换新", "以旧换新"), None);
    }

    #[test]
    fn a_window_counts_characters_on_each_side() {
        let (_, r) = rules("[[sector.concept.rule]]\nonly_near = [\"家电\"]\nwithin = 3");
        assert_eq!(verdict(&r, "家电等以旧换新", "以旧换新"), None);
        assert_eq!(verdict(&r, "家电等产品以旧换新", "以旧换新"), Some(0));
        assert_eq!(verdict(&r, "以旧换新和家电", "以旧换新"), None);
        assert_eq!(verdict(&r, "以旧换新和其他家电", "以旧换新"), Some(0));
        assert_eq!(verdict(&r, "家电\n以旧换新", "以旧换新"), Some(0), "a line break ends the window");
    }

    #[test]
    fn concepts_named_by_a_rule_lend_their_forms() {
        let (_, r) = rules("[[sector.concept.rule]]\nunless_near = []\nconcepts = [\"b\"]\nwithin = 5");
        assert_eq!(verdict(&r, "住房以旧换新", "以旧换新"), Some(0));
        assert_eq!(verdict(&r, "汽车以旧换新", "以旧换新"), None);
    }

    #[test]
    fn not_in_rejects_a_hit_inside_the_name_only() {
        let (_, r) = rules("[[sector.concept.rule]]\nnot_in = [\"量子城市\", \"城市量子\"]");
        assert_eq!(verdict(&r, "建设量子城市平台", "量子"), Some(0));
        assert_eq!(verdict(&r, "打造城市量子名片", "量子"), Some(0));
        assert_eq!(verdict(&r, "发展量子科技和城市更新", "量子"), None);
    }

    #[test]
    fn apply_keeps_matches_of_concepts_without_rules_and_reports_the_rule() {
        let (dict, r) = rules(
            "[[sector.concept.rule]]\nnot_in = [\"量子城市\"]\n[[sector.concept.rule]]\nunless_near = [\"房\"]\nwithin = 4",
        );
        let text = "住房以旧换新，量子城市，住房。";
        let at = |s: &str, c: u32| {
            let start = text.find(s).unwrap();
            RawMatch { concept: c, span: Span::new(start, start + s.len()) }
        };
        let mut matches = vec![at("住房", 1), at("以旧换新", 0), at("量子", 0)];
        let mut rejected = Vec::new();
        r.apply(text, &mut matches, &mut rejected);
        assert_eq!(matches, vec![at("住房", 1)]);
        assert_eq!(rejected, vec![(at("以旧换新", 0), 1), (at("量子", 0), 0)]);
        assert_eq!(dict.concepts[0].rules.len(), 2);
    }
}
