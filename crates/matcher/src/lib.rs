//! Dictionary matching over normalized text with exact word boundaries.
//!
//! A [`Matcher`] holds one aho-corasick automaton over every normalized surface form of the dictionary and every
//! exclusion, searched leftmost-longest. The automaton runs anchored, only where a start filter over the first
//! bytes of every pattern says a pattern may begin (about 1 % of the chars of a report, against every byte for an
//! unanchored search); the candidates are exactly those of an unanchored leftmost-longest search, which tests and
//! `gwr bench` check. A candidate counts only when both its ends are word boundaries:
//!
//! - between two Han characters, the end must be a token boundary of jieba ([`gwr_segment::ZhSegmenter`]) in the
//!   jieba block around the candidate ([`gwr_segment::jieba_block`]); each block holding a candidate is segmented
//!   once, and only those blocks are segmented;
//! - between two Latin letters or digits it is never a boundary (`ai` is not a word inside `maintain`);
//! - anything else (text edge, space, punctuation, Han next to Latin as in `ai赋能`) is a boundary.
//!
//! Exclusions are patterns like any other, so they win leftmost-longest over the terms they contain (`核能力` hides
//! `核能`), but they produce no match. The filter is applied to the leftmost-longest candidates: a rejected candidate
//! does not make room for a shorter pattern at the same place.
//!
//! Spans are byte spans of the normalized text; map them back to the source with
//! [`gwr_normalize::Normalized::source_span`].
//!
//! # Example
//!
//! ```
//! use gwr_match::{Matcher, RawMatch, Target};
//! use gwr_segment::ZhSegmenter;
//!
//! let patterns = [("核能", Target::Concept(0)), ("核能力", Target::Exclusion), ("ai", Target::Concept(1))];
//! let segmenter = ZhSegmenter::new(patterns.iter().map(|&(p, _)| p));
//! let matcher = Matcher::new(patterns, segmenter)?;
//! let text = gwr_normalize::normalize("发展核能，提升核能力，用ＡＩ赋能，maintain").text;
//! let mut found = Vec::new();
//! matcher.find(&text, &mut found);
//! let surfaces: Vec<&str> = found.iter().map(|m: &RawMatch| m.span.slice(&text)).collect();
//! assert_eq!(surfaces, ["核能", "ai"]);
//! assert_eq!(found[1].concept, 1);
//! Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # Crate features
//!
//! None.

use aho_corasick::{AhoCorasick, AhoCorasickKind, Anchored, Input, MatchKind, StartKind};
use gwr_core::Span;
use gwr_segment::{is_jieba_block_char, is_word_boundary, jieba_block, LazySegmenter, ZhSegmenter};
use prefilter::{Shorts, StartFilter};
use std::collections::HashMap;
use std::sync::OnceLock;

mod modes;
mod prefilter;

pub use modes::CountMode;

/// What a pattern stands for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Target {
    /// A surface form of the concept with this id.
    Concept(u32),
    /// An exclusion: it wins leftmost-longest like any pattern and produces no match.
    Exclusion,
}

/// One accepted match of a concept.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RawMatch {
    /// Byte span in the normalized text.
    pub span: Span,
    /// Concept id from the pattern's [`Target::Concept`].
    pub concept: u32,
}

/// Why a [`Matcher`] could not be built.
#[derive(Debug, thiserror::Error)]
pub enum MatchError {
    /// The same pattern was given twice.
    #[error("pattern {pattern:?} given twice (patterns {first} and {second})")]
    DuplicatePattern {
        /// The pattern.
        pattern: String,
        /// Index of its first occurrence.
        first: usize,
        /// Index of its second occurrence.
        second: usize,
    },
    /// A pattern is empty.
    #[error("pattern {index} is empty")]
    EmptyPattern {
        /// Index of the pattern.
        index: usize,
    },
    /// A pattern is not in normalized form, so it could never match normalized text.
    #[error("pattern {pattern:?} is not normalized (normalize_term gives {normalized:?})")]
    NotNormalized {
        /// The pattern as given.
        pattern: String,
        /// What `gwr_normalize::normalize_term` makes of it.
        normalized: String,
    },
    /// The automaton could not be built.
    #[error("cannot build the pattern automaton: {0}")]
    Build(#[from] aho_corasick::BuildError),
}

/// Which aho-corasick automaton a [`Matcher`] verifies candidate starts with.
///
/// The matcher runs its automaton anchored, only at the positions its start filter lets through (about 1 % of the
/// chars of a report), so the automaton's build time and memory matter more than its speed per byte.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Automaton {
    /// aho-corasick's contiguous NFA: built in a tenth of the DFA's time with a fiftieth of its memory, and as
    /// fast here (measured with the `find_throughput` example).
    #[default]
    ContiguousNfa,
    /// A deterministic automaton: the fastest per byte, a slower build and more memory.
    Dfa,
    /// aho-corasick's own choice for the pattern set.
    Auto,
}

/// Where a [`Matcher`] lets a candidate start.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum CandidateStarts {
    /// Anywhere the start filter lets through: the candidates are the leftmost-longest ones of the whole text, and a
    /// rejected candidate hides the text it spans (Chinese text, where jieba decides the boundaries).
    #[default]
    Anywhere,
    /// Not inside a Latin word: a candidate that starts between two Latin letters or digits could never count, so
    /// it is passed over one char at a time instead of hiding the text it spans (`with modern services` finds
    /// `modern services` although the pattern `h mode` starts inside `with`). For English and French text, whose
    /// folded patterns hold spaces between words.
    OutsideWords,
}

/// Dictionary matcher: a start filter, one anchored leftmost-longest automaton, and the word-boundary filter.
/// `Send + Sync`.
///
/// A search steps through the text char by char; where the start filter says a pattern may begin, an anchored
/// search gives the longest pattern starting there, and the search resumes after it. That is leftmost-longest
/// matching over the whole text (the first position where any pattern matches, the longest pattern there, then on
/// from its end), the result of an unanchored leftmost-longest aho-corasick search, which tests compare it with.
#[derive(Debug)]
pub struct Matcher {
    /// The patterns, their start filter and anchored automaton.
    set: PatternSet,
    segmenter: LazySegmenter,
    /// An unanchored leftmost-longest DFA over the same patterns, built on first use: the bare scan benchmarks
    /// compare with ([`Matcher::count_candidates`]).
    reference: OnceLock<Result<AhoCorasick, aho_corasick::BuildError>>,
    /// What the counting modes other than [`CountMode::Word`] need, built on first use.
    modes: modes::ModeParts,
}

/// Chars a text may be cut after for [`Matcher::chunk_starts`], when no pattern holds them: line breaks and the
/// usual sentence and clause ends.
const CUT_CANDIDATES: [char; 6] = ['\n', '。', '；', '！', '？', '，'];

/// The patterns of a [`Matcher`] compiled into their automaton, waiting for the segmenter: lets the automaton and
/// jieba's dictionary (the two slow parts of start-up) be built at the same time on two threads.
#[derive(Debug)]
pub struct PatternSet {
    anchored: AhoCorasick,
    filter: StartFilter,
    targets: Vec<Target>,
    max_pattern_len: usize,
    /// Chars that occur in no pattern (of [`CUT_CANDIDATES`]): no match can cross one, so a search may start right
    /// after one of them.
    cut_chars: Vec<char>,
    /// The patterns, for the unanchored reference automaton.
    patterns: Vec<String>,
    /// Where a candidate may start.
    starts: CandidateStarts,
}

impl PatternSet {
    /// Check and compile `patterns` as [`Matcher::with_automaton`] does.
    ///
    /// # Errors
    ///
    /// As [`Matcher::new`].
    pub fn new<'a>(
        patterns: impl IntoIterator<Item = (&'a str, Target)>,
        automaton: Automaton,
    ) -> Result<PatternSet, MatchError> {
        let mut seen: HashMap<&str, usize> = HashMap::new();
        let mut strings = Vec::new();
        let mut targets = Vec::new();
        for (index, (pattern, target)) in patterns.into_iter().enumerate() {
            if pattern.is_empty() {
                return Err(MatchError::EmptyPattern { index });
            }
            if let Some(&first) = seen.get(pattern) {
                return Err(MatchError::DuplicatePattern { pattern: pattern.to_string(), first, second: index });
            }
            let normalized = gwr_normalize::normalize_term(pattern);
            if normalized != pattern {
                return Err(MatchError::NotNormalized { pattern: pattern.to_string(), normalized });
            }
            seen.insert(pattern, index);
            strings.push(pattern);
            targets.push(target);
        }
        let kind = match automaton {
            Automaton::ContiguousNfa => Some(AhoCorasickKind::ContiguousNFA),
            Automaton::Dfa => Some(AhoCorasickKind::DFA),
            Automaton::Auto => None,
        };
        let anchored = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .start_kind(StartKind::Anchored)
            .kind(kind)
            .build(&strings)?;
        let filter = StartFilter::new(strings.iter().map(|s| s.as_bytes()));
        let max_pattern_len = strings.iter().map(|s| s.len()).max().unwrap_or(0);
        let cut_chars = CUT_CANDIDATES.into_iter().filter(|&c| !strings.iter().any(|s| s.contains(c))).collect();
        let patterns = strings.into_iter().map(str::to_string).collect();
        Ok(PatternSet {
            anchored,
            filter,
            targets,
            max_pattern_len,
            cut_chars,
            patterns,
            starts: CandidateStarts::default(),
        })
    }

    /// The same patterns, with candidates allowed to start where `starts` says ([`CandidateStarts::Anywhere`] unless
    /// changed here).
    pub fn with_candidate_starts(mut self, starts: CandidateStarts) -> PatternSet {
        self.starts = starts;
        self
    }

    /// The matcher, with `segmenter` for the Han boundaries (built with the same terms). A [`LazySegmenter`] may
    /// still be building: the matcher waits for it at the first candidate that needs jieba.
    pub fn with_segmenter(self, segmenter: impl Into<LazySegmenter>) -> Matcher {
        Matcher { set: self, segmenter: segmenter.into(), reference: OnceLock::new(), modes: Default::default() }
    }
}

/// The jieba block last segmented while scanning, with its token boundaries (absolute offsets).
#[derive(Default)]
struct BlockCache {
    block: Option<Span>,
    cuts: Vec<usize>,
}

impl Matcher {
    /// A matcher over `patterns` (already normalized with `gwr_normalize::normalize_term`), with `segmenter` for
    /// the Han boundaries (built with the same terms, so jieba never splits one). Uses [`Automaton::default`].
    ///
    /// # Errors
    ///
    /// A pattern given twice (whatever its targets), an empty pattern, a pattern that is not normalized, or an
    /// automaton aho-corasick cannot build.
    pub fn new<'a>(
        patterns: impl IntoIterator<Item = (&'a str, Target)>,
        segmenter: ZhSegmenter,
    ) -> Result<Matcher, MatchError> {
        Matcher::with_automaton(patterns, segmenter, Automaton::default())
    }

    /// Like [`Matcher::new`], with the kind of automaton chosen.
    ///
    /// # Errors
    ///
    /// As [`Matcher::new`].
    pub fn with_automaton<'a>(
        patterns: impl IntoIterator<Item = (&'a str, Target)>,
        segmenter: ZhSegmenter,
        automaton: Automaton,
    ) -> Result<Matcher, MatchError> {
        Ok(PatternSet::new(patterns, automaton)?.with_segmenter(segmenter))
    }

    /// Append to `out`, in text order, every accepted concept match in `normalized_text`.
    pub fn find(&self, normalized_text: &str, out: &mut Vec<RawMatch>) {
        let mut cache = BlockCache::default();
        self.scan(normalized_text, 0, normalized_text.len(), &mut cache, out);
    }

    /// The same matches as [`Matcher::find`], found chunk by chunk so that one search never runs over more than
    /// about `chunk_bytes + max_pattern_len()` bytes: chunks are cut at char boundaries; each chunk's search runs on
    /// past its end by [`Matcher::max_pattern_len`] bytes, keeps only the candidates that start inside the chunk,
    /// and the next chunk resumes where the last of them ended. So no candidate on a chunk border is lost or counted
    /// twice and leftmost-longest picks as over the whole text; the boundary filter reads the text around a
    /// candidate whatever the chunk. A `chunk_bytes` of 0 is taken as one char.
    pub fn find_chunked(&self, text: &str, chunk_bytes: usize, out: &mut Vec<RawMatch>) {
        let mut cache = BlockCache::default();
        let mut pos = 0;
        while pos < text.len() {
            let chunk_end = ceil_char_boundary(text, pos.saturating_add(chunk_bytes.max(1)));
            let resume = self.scan(text, pos, chunk_end, &mut cache, out);
            pos = resume.max(chunk_end);
        }
    }

    /// Where `text` can be cut into pieces searched independently (for example in parallel) with
    /// [`Matcher::find_between`]: `0`, then for every multiple of `chunk_bytes` the offset just after the first
    /// char at or after it that occurs in no pattern (a line break or a sentence or clause end), so that no
    /// candidate can cross a cut. The offsets are increasing and below `text.len()`; a text without such chars is
    /// one piece. A `chunk_bytes` of 0 is taken as 1.
    pub fn chunk_starts(&self, text: &str, chunk_bytes: usize) -> Vec<usize> {
        let mut starts = vec![0];
        let step = chunk_bytes.max(1);
        let mut target = step;
        while target < text.len() {
            let from = ceil_char_boundary(text, target);
            let Some(found) = text[from..].find(self.set.cut_chars.as_slice()) else {
                break;
            };
            let cut_char_len = text[from + found..].chars().next().map_or(1, char::len_utf8);
            let cut = from + found + cut_char_len;
            if cut >= text.len() {
                break;
            }
            starts.push(cut);
            target = cut.saturating_add(step);
        }
        starts
    }

    /// Append to `out` the matches of [`Matcher::find`] that start in `from..until`, where `from` and `until` are
    /// each `0`, `text.len()` or an offset of [`Matcher::chunk_starts`]: the concatenation of `find_between` over
    /// consecutive cuts is exactly `find` over the whole text (a search restarted after a char that no pattern
    /// holds finds what a search from the start of the text finds there; the boundary rule reads the whole text).
    pub fn find_between(&self, text: &str, from: usize, until: usize, out: &mut Vec<RawMatch>) {
        let mut cache = BlockCache::default();
        self.scan(text, from, until.min(text.len()), &mut cache, out);
    }

    /// Number of leftmost-longest candidates in `text`, exclusions included, before the boundary rule, found by a
    /// bare unanchored aho-corasick scan (DFA) over the same patterns: the reference of benchmarks. The DFA is
    /// built on the first call (about 0.2 s for the default dictionary), never by [`Matcher::find`].
    ///
    /// # Panics
    ///
    /// If aho-corasick cannot build the DFA (it built the matcher's own automaton from the same patterns).
    pub fn count_candidates(&self, text: &str) -> usize {
        self.reference_automaton().find_iter(text).count()
    }

    /// Every leftmost-longest candidate of `text` (start, end, pattern index), exclusions included, before the
    /// boundary rule, found the matcher's way (start filter + anchored automaton). Equal to
    /// [`Matcher::reference_candidates`]; tests and benchmarks compare the two.
    pub fn candidates(&self, text: &str) -> Vec<(usize, usize, usize)> {
        let mut out = Vec::new();
        let mut pos = 0;
        let mut shorts = Shorts::default();
        while let Some((start, end, pattern)) = self.next_candidate(text, pos, text.len(), &mut shorts) {
            out.push((start, end, pattern));
            pos = end;
        }
        out
    }

    /// [`Matcher::candidates`] by the unanchored reference DFA.
    ///
    /// # Panics
    ///
    /// As [`Matcher::count_candidates`].
    pub fn reference_candidates(&self, text: &str) -> Vec<(usize, usize, usize)> {
        self.reference_automaton().find_iter(text).map(|m| (m.start(), m.end(), m.pattern().as_usize())).collect()
    }

    fn reference_automaton(&self) -> &AhoCorasick {
        let built = self.reference.get_or_init(|| {
            AhoCorasick::builder()
                .match_kind(MatchKind::LeftmostLongest)
                .kind(Some(AhoCorasickKind::DFA))
                .build(&self.set.patterns)
        });
        match built {
            Ok(automaton) => automaton,
            Err(e) => panic!("the reference DFA of {} patterns cannot be built: {e}", self.set.patterns.len()),
        }
    }

    /// The leftmost-longest candidate starting in `from..until` (`from` a char boundary): the first position the
    /// start filter lets through where the anchored automaton finds a pattern, with the longest pattern there.
    #[inline]
    fn next_candidate(
        &self,
        text: &str,
        from: usize,
        until: usize,
        shorts: &mut Shorts,
    ) -> Option<(usize, usize, usize)> {
        let bytes = text.as_bytes();
        let mut pos = from;
        while let Some(start) = self.set.filter.next_candidate(bytes, pos, until, shorts) {
            let input = Input::new(text).range(start..).anchored(Anchored::Yes);
            if let Some(m) = self.set.anchored.find(input) {
                return Some((m.start(), m.end(), m.pattern().as_usize()));
            }
            pos = start + prefilter::char_len(bytes[start]);
        }
        None
    }

    /// True when `c` occurs in no pattern, so that no match can cross it: a text may be cut after it and its pieces
    /// searched one by one.
    pub fn is_cut_char(&self, c: char) -> bool {
        if CUT_CANDIDATES.contains(&c) {
            return self.set.cut_chars.contains(&c);
        }
        self.set.patterns.iter().all(|p| !p.contains(c))
    }

    /// The segmenter that decides Han boundaries.
    pub fn segmenter(&self) -> &ZhSegmenter {
        self.segmenter.get()
    }

    /// True when the segmenter is built: a search will not wait for it.
    pub fn segmenter_ready(&self) -> bool {
        self.segmenter.is_ready()
    }

    /// Length in bytes of the longest pattern.
    pub fn max_pattern_len(&self) -> usize {
        self.set.max_pattern_len
    }

    /// Accept or reject every candidate that starts in `from..until` (candidates may end up to `max_pattern_len`
    /// past `until`), appending concept matches to `out`. Returns the end of the last candidate (or `from`).
    fn scan(&self, text: &str, from: usize, until: usize, cache: &mut BlockCache, out: &mut Vec<RawMatch>) -> usize {
        let mut last_end = from;
        let mut pos = from;
        let mut shorts = Shorts::default();
        while let Some((start, end, pattern)) = self.next_candidate(text, pos, until, &mut shorts) {
            if self.set.starts == CandidateStarts::OutsideWords && !is_word_boundary(text, start) {
                // Inside a Latin word: never a match, and what starts later inside its span may be one.
                pos = start + prefilter::char_len(text.as_bytes()[start]);
                continue;
            }
            last_end = end;
            pos = end;
            let Target::Concept(concept) = self.set.targets[pattern] else {
                continue;
            };
            if self.is_boundary(text, start, cache) && self.is_boundary(text, end, cache) {
                out.push(RawMatch { span: Span::new(start, end), concept });
            }
        }
        last_end
    }

    /// The boundary rule at `pos` of `text`.
    fn is_boundary(&self, text: &str, pos: usize, cache: &mut BlockCache) -> bool {
        let before = text[..pos].chars().next_back();
        let after = text[pos..].chars().next();
        let (Some(before), Some(after)) = (before, after) else {
            return true;
        };
        if is_han_block_char(before) && is_han_block_char(after) {
            let inside = |b: &Span| b.start < pos && pos < b.end;
            if !cache.block.as_ref().is_some_and(inside) {
                let block = jieba_block(text, Span::new(pos, pos));
                self.segmenter.get().boundaries(block.slice(text), &mut cache.cuts);
                for cut in &mut cache.cuts {
                    *cut += block.start;
                }
                cache.block = Some(block);
            }
            return cache.cuts.binary_search(&pos).is_ok();
        }
        is_word_boundary(text, pos)
    }
}

/// A Han character jieba segments (inside its blocks).
fn is_han_block_char(c: char) -> bool {
    gwr_core::is_han(c) && is_jieba_block_char(c)
}

/// The smallest char boundary of `text` at or after `pos` (or `text.len()`).
fn ceil_char_boundary(text: &str, pos: usize) -> usize {
    if pos >= text.len() {
        return text.len();
    }
    (pos..text.len()).find(|&i| text.is_char_boundary(i)).unwrap_or(text.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn public_types_are_send_sync() {
        fn check<T: Send + Sync>() {}
        check::<Matcher>();
        check::<RawMatch>();
        check::<MatchError>();
    }

    #[test]
    fn ceil_char_boundary_moves_forward() {
        let text = "a量b";
        assert_eq!(ceil_char_boundary(text, 0), 0);
        assert_eq!(ceil_char_boundary(text, 2), 4);
        assert_eq!(ceil_char_boundary(text, 4), 4);
        assert_eq!(ceil_char_boundary(text, 99), 5);
    }
}
