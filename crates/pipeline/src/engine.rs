//! One document through clean → normalize → match → count.

use std::time::{Duration, Instant};

use gwr_core::{is_han, Hit, Lang, Span};
use gwr_dict::{Dictionary, PatternTarget, SectorKind};
use gwr_match::{Matcher, RawMatch, Target};
use gwr_segment::ZhSegmenter;

use crate::PipelineError;

/// Characters of context kept on each side of a hit.
pub const CONTEXT_CHARS: usize = 30;

/// The dictionary compiled for matching: the automaton, and for each concept its id and sector.
pub struct Engine {
    dict: Dictionary,
    matcher: Matcher,
    /// Scored sectors (kind = sector) in dictionary order; policy vocabulary is counted but not scored.
    scored_sectors: Vec<usize>,
}

/// What one document gave: its size and its hits.
#[derive(Debug, Default)]
pub struct DocCounts {
    /// Characters of the counted (cleaned) text.
    pub chars: u64,
    /// Han characters of the counted text.
    pub han_chars: u64,
    /// Latin-script words of the counted text (tokenizers pre-tokenizer).
    pub words: u64,
    /// Every counted match, in source order.
    pub hits: Vec<Hit>,
    /// Hash of the normalized counted text, to find the same report saved twice.
    pub content_hash: u64,
    /// Bytes of text stripped as boilerplate.
    pub removed_bytes: u64,
    /// Time spent per stage.
    pub timings: StageTimes,
}

/// Time spent in each stage, summed over documents (CPU time across threads, not wall time).
#[derive(Clone, Copy, Debug, Default)]
pub struct StageTimes {
    /// Boilerplate removal.
    pub clean: Duration,
    /// Normalization with alignment.
    pub normalize: Duration,
    /// Dictionary scan and boundary checks.
    pub matching: Duration,
}

impl StageTimes {
    pub(crate) fn add(&mut self, other: &StageTimes) {
        self.clean += other.clean;
        self.normalize += other.normalize;
        self.matching += other.matching;
    }
}

impl Engine {
    /// Compile `dict` for matching. The dictionary must already have passed [`Dictionary::check`].
    pub fn new(dict: Dictionary) -> Result<Engine, PipelineError> {
        let patterns = dict.patterns();
        let segmenter = ZhSegmenter::new(patterns.iter().map(|p| p.normalized.as_str()));
        let matcher = Matcher::new(
            patterns.iter().map(|p| {
                let target = match p.target {
                    PatternTarget::Concept(i) => Target::Concept(i),
                    PatternTarget::Exclusion => Target::Exclusion,
                };
                (p.normalized.as_str(), target)
            }),
            segmenter,
        )
        .map_err(|e| PipelineError::Matcher(e.to_string()))?;
        let scored_sectors = dict
            .sectors
            .iter()
            .enumerate()
            .filter(|(_, s)| s.kind == SectorKind::Sector)
            .map(|(i, _)| i)
            .collect();
        Ok(Engine {
            dict,
            matcher,
            scored_sectors,
        })
    }

    /// The dictionary this engine matches.
    pub fn dictionary(&self) -> &Dictionary {
        &self.dict
    }

    /// The matcher (for benchmarks and tools that scan text directly).
    pub fn matcher(&self) -> &Matcher {
        &self.matcher
    }

    /// Ids of the sectors that are scored (policy vocabulary excluded), in dictionary order.
    pub fn scored_sector_ids(&self) -> Vec<&str> {
        self.scored_sectors
            .iter()
            .map(|&i| self.dict.sectors[i].id.as_str())
            .collect()
    }

    /// Count one document: clean it, normalize each kept span, match, and map every match back to source bytes.
    pub fn process(&self, doc_id: &str, text: &str, lang: Lang) -> DocCounts {
        let mut out = DocCounts::default();
        let t = Instant::now();
        let cleaned = gwr_clean::clean(text);
        out.timings.clean = t.elapsed();
        out.removed_bytes = cleaned.removed.iter().map(|r| r.span.len() as u64).sum();

        let mut raw: Vec<RawMatch> = Vec::new();
        let mut hasher = Fnv64::new();
        for &kept in &cleaned.kept {
            let piece = kept.slice(text);
            for c in piece.chars() {
                out.chars += 1;
                out.han_chars += u64::from(is_han(c));
            }
            if lang != Lang::Zh {
                out.words += gwr_segment::latin_words(piece) as u64;
            }
            let t = Instant::now();
            let normalized = gwr_normalize::normalize(piece);
            out.timings.normalize += t.elapsed();
            hasher.write(normalized.text.as_bytes());

            let t = Instant::now();
            raw.clear();
            self.matcher.find(&normalized.text, &mut raw);
            for m in &raw {
                let src = normalized.source_span(m.span).offset(kept.start);
                let concept = &self.dict.concepts[m.concept as usize];
                let sector = &self.dict.sectors[concept.sector];
                out.hits.push(Hit {
                    doc_id: doc_id.to_string(),
                    concept: concept.id.clone(),
                    sector: sector.id.clone(),
                    surface: src.slice(text).to_string(),
                    start: src.start,
                    end: src.end,
                    context: context(text, src),
                    in_glossary: cleaned.glossary.is_some_and(|g| src.start >= g),
                });
            }
            out.timings.matching += t.elapsed();
        }
        out.content_hash = hasher.finish();
        out
    }
}

/// About [`CONTEXT_CHARS`] characters each side of `span`, line breaks shown as spaces.
pub fn context(text: &str, span: Span) -> String {
    let start = text[..span.start]
        .char_indices()
        .rev()
        .nth(CONTEXT_CHARS - 1)
        .map_or(0, |(i, _)| i);
    let end = text[span.end..]
        .char_indices()
        .nth(CONTEXT_CHARS)
        .map_or(text.len(), |(i, _)| span.end + i);
    text[start..end]
        .chars()
        .map(|c| {
            if c == '\n' || c == '\r' || c == '\t' {
                ' '
            } else {
                c
            }
        })
        .collect()
}

/// FNV-1a, 64 bits: a hash that is the same on every run and platform (std's hasher makes no such promise).
pub(crate) struct Fnv64(u64);

impl Fnv64 {
    pub(crate) fn new() -> Fnv64 {
        Fnv64(0xcbf2_9ce4_8422_2325)
    }

    pub(crate) fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 ^= u64::from(b);
            self.0 = self.0.wrapping_mul(0x0100_0000_01b3);
        }
    }

    pub(crate) fn finish(&self) -> u64 {
        self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn context_keeps_thirty_chars_each_side_and_flattens_lines() {
        let text = format!("{}\n量子{}", "甲".repeat(40), "乙".repeat(40));
        let start = text.find("量子").unwrap();
        let ctx = context(&text, Span::new(start, start + 6));
        assert_eq!(ctx, format!("{} 量子{}", "甲".repeat(29), "乙".repeat(30)));
        assert_eq!(context("ab量子", Span::new(2, 8)), "ab量子");
    }

    #[test]
    fn fnv_is_stable() {
        let mut h = Fnv64::new();
        h.write(b"a");
        assert_eq!(h.finish(), 0xaf63_dc4c_8601_ec8c);
    }
}
