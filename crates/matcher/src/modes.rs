//! Counting modes: which occurrences of the dictionary's forms count.
//!
//! [`CountMode::Word`] is the matcher's own search ([`Matcher::find`]). The two others, for reproducing the counts of
//! other tools and for word lists whose terms overlap, search every occurrence of every form, overlapping ones
//! included, with an unanchored aho-corasick automaton built on first use:
//!
//! - [`CountMode::Term`]: an occurrence counts when it is a whole word in jieba's segmentation of its block with
//!   the dictionary's terms added (the segmentation of `Word`) or in jieba's own segmentation without them (so a
//!   term that another, overlapping term hides in the first one is still found where jieba alone sees it as a word),
//!   and it does not lie inside an occurrence of an exclusion. Latin ends follow the same rule as in `Word`.
//! - [`CountMode::Substring`]: every occurrence, inside longer words too, exclusions ignored: what a plain
//!   substring count of the normalized text gives.

use std::sync::OnceLock;

use aho_corasick::{AhoCorasick, MatchKind};
use gwr_core::Span;
use gwr_segment::{jieba_block, ZhSegmenter};

use crate::{is_han_block_char, BlockCache, Matcher, RawMatch, Target};

/// Which occurrences of the forms count.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum CountMode {
    /// Whole words, leftmost-longest: where forms overlap, the leftmost, then the longest, counts, and each
    /// character is counted once (exclusions win like forms and count nothing).
    #[default]
    Word,
    /// Every form wherever it is a whole word, overlapping forms each counted.
    Term,
    /// Every occurrence of every form, whole word or not.
    Substring,
}

impl CountMode {
    /// `word`, `term` or `substring`.
    pub fn as_str(self) -> &'static str {
        match self {
            CountMode::Word => "word",
            CountMode::Term => "term",
            CountMode::Substring => "substring",
        }
    }
}

/// The automaton and segmenter of the modes other than `Word`.
#[derive(Debug, Default)]
pub(crate) struct ModeParts {
    overlapping: OnceLock<Result<AhoCorasick, aho_corasick::BuildError>>,
    plain: OnceLock<ZhSegmenter>,
}

impl Matcher {
    /// Append to `out`, in text order (then by length), the matches of `normalized_text` that `mode` counts.
    ///
    /// # Panics
    ///
    /// If aho-corasick cannot build the overlapping automaton of the matcher's patterns (it built the matcher's own
    /// automaton from the same patterns).
    pub fn find_with_mode(&self, normalized_text: &str, mode: CountMode, out: &mut Vec<RawMatch>) {
        if mode == CountMode::Word {
            return self.find(normalized_text, out);
        }
        let automaton = match self
            .modes
            .overlapping
            .get_or_init(|| AhoCorasick::builder().match_kind(MatchKind::Standard).build(&self.set.patterns))
        {
            Ok(a) => a,
            Err(e) => panic!("the overlapping automaton of {} patterns cannot be built: {e}", self.set.patterns.len()),
        };
        let text = normalized_text;
        let mut occurrences: Vec<(Span, Target)> = automaton
            .find_overlapping_iter(text)
            .map(|m| (Span::new(m.start(), m.end()), self.set.targets[m.pattern().as_usize()]))
            .collect();
        occurrences.sort_by_key(|(span, _)| (span.start, span.end));
        if mode == CountMode::Substring {
            out.extend(occurrences.iter().filter_map(|&(span, target)| match target {
                Target::Concept(concept) => Some(RawMatch { span, concept }),
                Target::Exclusion => None,
            }));
            return;
        }
        let exclusions: Vec<Span> =
            occurrences.iter().filter(|(_, t)| *t == Target::Exclusion).map(|&(span, _)| span).collect();
        let mut with_terms = BlockCache::default();
        let mut plain = BlockCache::default();
        for &(span, target) in &occurrences {
            let Target::Concept(concept) = target else { continue };
            if exclusions.iter().any(|x| x.contains(span)) {
                continue;
            }
            let whole = (self.is_boundary(text, span.start, &mut with_terms)
                && self.is_boundary(text, span.end, &mut with_terms))
                || (self.is_plain_boundary(text, span.start, &mut plain)
                    && self.is_plain_boundary(text, span.end, &mut plain));
            if whole {
                out.push(RawMatch { span, concept });
            }
        }
    }

    /// The boundary rule at `pos` with jieba's own segmentation (no dictionary terms added) between Han chars.
    fn is_plain_boundary(&self, text: &str, pos: usize, cache: &mut BlockCache) -> bool {
        let before = text[..pos].chars().next_back();
        let after = text[pos..].chars().next();
        match (before, after) {
            (Some(b), Some(a)) if is_han_block_char(b) && is_han_block_char(a) => {
                if !cache.block.as_ref().is_some_and(|blk| blk.start < pos && pos < blk.end) {
                    let block = jieba_block(text, Span::new(pos, pos));
                    let plain = self.modes.plain.get_or_init(|| ZhSegmenter::new(std::iter::empty()));
                    plain.boundaries(block.slice(text), &mut cache.cuts);
                    for cut in &mut cache.cuts {
                        *cut += block.start;
                    }
                    cache.block = Some(block);
                }
                cache.cuts.binary_search(&pos).is_ok()
            }
            _ => self.is_boundary(text, pos, cache),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn matcher(forms: &[(&'static str, Target)]) -> Matcher {
        let segmenter = ZhSegmenter::new(forms.iter().map(|&(p, _)| p));
        Matcher::new(forms.iter().copied(), segmenter).unwrap()
    }

    fn surfaces(m: &Matcher, text: &str, mode: CountMode) -> Vec<String> {
        let mut out = Vec::new();
        m.find_with_mode(text, mode, &mut out);
        out.iter().map(|r| r.span.slice(text).to_string()).collect()
    }

    #[test]
    fn nested_and_overlapping_terms_by_mode() {
        let m = matcher(&[
            ("生态", Target::Concept(0)),
            ("生态环境", Target::Concept(1)),
            ("环境保护", Target::Concept(2)),
        ]);
        let text = "加强生态环境保护，保护生态。";
        // Word: jieba (with the three terms) cuts 生态/环境保护, so the leftmost-longest candidate 生态环境 is not a
        // whole word, and it hides the two others there: only the second 生态 counts.
        assert_eq!(surfaces(&m, text, CountMode::Word), ["生态"]);
        // Term: every form that is a whole word in one of the two segmentations; both cut 生态/环境保护 here, so
        // 生态环境 is a word in neither.
        assert_eq!(surfaces(&m, text, CountMode::Term), ["生态", "环境保护", "生态"]);
        assert_eq!(surfaces(&m, text, CountMode::Substring), ["生态", "生态环境", "环境保护", "生态"]);
    }

    #[test]
    fn substring_counts_inside_latin_words_and_term_does_not() {
        let m = matcher(&[("ai", Target::Concept(0))]);
        let text = "ai and maintain";
        assert_eq!(surfaces(&m, text, CountMode::Term), ["ai"]);
        assert_eq!(surfaces(&m, text, CountMode::Substring), ["ai", "ai", "ai"], "twice inside maintain");
    }

    #[test]
    fn exclusions_hide_in_term_mode_only() {
        let m = matcher(&[("核能", Target::Concept(0)), ("核能力", Target::Exclusion)]);
        let text = "提升核能力";
        assert!(surfaces(&m, text, CountMode::Term).is_empty());
        assert_eq!(surfaces(&m, text, CountMode::Substring), ["核能"]);
    }
}
