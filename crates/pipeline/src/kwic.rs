//! Keyword in context: every place a word or a regular expression occurs in a corpus, read with the decoding and
//! cleaning of `analyze`.
//!
//! Words are counted exactly as `analyze` counts dictionary terms: they become a one-concept dictionary
//! ([`Dictionary::from_words`]) and run through the same pipeline, so normalization (Traditional → Simplified,
//! width, case) and the word-boundary rule are `analyze`'s by construction. A regular expression is matched on the
//! normalized text of the kept (cleaned) spans and mapped back to the source; with [`Boundaries::Word`] a match
//! counts only when both its ends are word boundaries by the same rule (jieba tokens between Han characters, no
//! letter or digit on both sides between Latin ones). [`Boundaries::Ignore`] keeps every occurrence, as a plain
//! substring search would.

use std::collections::BTreeSet;

use gwr_core::{Span, Status};
use gwr_dict::Dictionary;
use gwr_segment::{is_word_boundary, jieba_block, ZhSegmenter};
use rayon::prelude::*;

use crate::engine::Engine;
use crate::progress::ProgressMode;
use crate::run::{analyze_with, KeepTexts, Settings};
use crate::PipelineError;

/// What to look for.
#[derive(Clone, Debug)]
pub enum KwicPattern {
    /// Words or phrases, each matched like a dictionary form.
    Words(Vec<String>),
    /// A regular expression (Rust `regex` syntax), matched on the normalized text.
    Regex(regex::Regex),
}

/// Whether a match must start and end on word boundaries.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Boundaries {
    /// Both ends on word boundaries (`analyze`'s rule).
    #[default]
    Word,
    /// Every occurrence, inside longer words too.
    Ignore,
}

/// How much text each line shows around the match.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ContextWidth {
    /// Up to this many characters on each side (within the document).
    Chars(usize),
    /// The sentence that holds the match (cut at 。！？；, line breaks, and `.!?` followed by a space).
    Sentence,
}

/// A keyword-in-context query.
#[derive(Clone, Debug)]
pub struct KwicQuery {
    /// What to look for.
    pub pattern: KwicPattern,
    /// Word boundaries or not.
    pub boundaries: Boundaries,
    /// Context shown.
    pub context: ContextWidth,
    /// Only documents of this region (code, full or short name, as in documents.csv's region_code/region_name).
    pub region: Option<String>,
    /// Only documents of this year.
    pub year: Option<u16>,
}

/// One occurrence.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KwicLine {
    /// Document.
    pub doc_id: String,
    /// Its region code.
    pub region_code: String,
    /// Its year.
    pub year: Option<u16>,
    /// The matched text as in the source: `text[start..end]`.
    pub surface: String,
    /// Byte offset of the match in the decoded source text.
    pub start: usize,
    /// One past its last byte.
    pub end: usize,
    /// Text before the match (line breaks shown as spaces).
    pub left: String,
    /// Text after the match (line breaks shown as spaces).
    pub right: String,
}

/// Every occurrence of `query` in the ok documents of `settings.inputs`, in doc_id then offset order. The
/// settings' dictionary is not used; texts are read as `analyze` reads them (its ingest options and threads).
pub fn kwic(settings: &Settings, query: &KwicQuery) -> Result<Vec<KwicLine>, PipelineError> {
    let mut lines = match (&query.pattern, query.boundaries) {
        (KwicPattern::Words(words), Boundaries::Word) => by_dictionary(settings, words, query)?,
        (KwicPattern::Words(words), Boundaries::Ignore) => {
            let alternatives: Vec<String> =
                words.iter().map(|w| regex::escape(&gwr_normalize::normalize_term(w))).collect();
            let regex = regex::Regex::new(&alternatives.join("|")).map_err(PipelineError::Pattern)?;
            by_regex(settings, &regex, query)?
        }
        (KwicPattern::Regex(regex), _) => by_regex(settings, regex, query)?,
    };
    lines.sort_by(|a, b| a.doc_id.cmp(&b.doc_id).then(a.start.cmp(&b.start)));
    Ok(lines)
}

/// True when the document passes the query's region and year filters.
fn wanted(query: &KwicQuery, region_code: &str, region_name: &str, year: Option<u16>) -> bool {
    let region_ok = query.region.as_deref().is_none_or(|r| {
        r.eq_ignore_ascii_case(region_code) || r == region_name || (!r.is_empty() && region_name.starts_with(r))
    });
    region_ok && query.year.is_none_or(|y| year == Some(y))
}

fn by_dictionary(settings: &Settings, words: &[String], query: &KwicQuery) -> Result<Vec<KwicLine>, PipelineError> {
    let unique: BTreeSet<String> = words.iter().map(|w| w.trim().to_string()).filter(|w| !w.is_empty()).collect();
    let dict = Dictionary::from_words("kwic", &[("kwic".to_string(), unique.into_iter().collect())]);
    let mut settings = settings.clone();
    settings.keep_texts = KeepTexts::Yes;
    settings.progress = ProgressMode::Hidden;
    settings.hits_dir = None;
    let analysis = analyze_with(Engine::new(dict)?, &settings)?;
    let mut out = Vec::new();
    for doc in analysis.documents.iter().filter(|d| d.status == Status::Ok) {
        if !wanted(query, &doc.meta.region_code, &doc.meta.region_name, doc.meta.year) {
            continue;
        }
        let Some(text) = doc.text.as_deref() else { continue };
        for hit in analysis.hits(doc)? {
            out.push(line(
                &doc.meta.doc_id,
                &doc.meta.region_code,
                doc.meta.year,
                text,
                Span::new(hit.start, hit.end),
                query.context,
            ));
        }
    }
    Ok(out)
}

fn by_regex(settings: &Settings, regex: &regex::Regex, query: &KwicQuery) -> Result<Vec<KwicLine>, PipelineError> {
    let files = gwr_ingest::discover_inputs(&settings.inputs)?;
    let segmenter = (query.boundaries == Boundaries::Word).then(|| ZhSegmenter::new(std::iter::empty()));
    let mut pool = rayon::ThreadPoolBuilder::new();
    if let Some(n) = settings.threads {
        pool = pool.num_threads(n);
    }
    let pool = pool.build().map_err(|e| PipelineError::Threads {
        threads: settings.threads.unwrap_or_default(),
        message: e.to_string(),
    })?;
    let per_file: Vec<Vec<KwicLine>> = pool.install(|| {
        files
            .par_iter()
            .map(|file| {
                let mut out = Vec::new();
                for doc in gwr_ingest::read_input(file, &settings.ingest) {
                    if doc.status != Status::Ok
                        || !wanted(query, &doc.meta.region_code, &doc.meta.region_name, doc.meta.year)
                    {
                        continue;
                    }
                    for span in find_regex(&doc.text, regex, segmenter.as_ref()) {
                        out.push(line(
                            &doc.meta.doc_id,
                            &doc.meta.region_code,
                            doc.meta.year,
                            &doc.text,
                            span,
                            query.context,
                        ));
                    }
                }
                out
            })
            .collect()
    });
    Ok(per_file.into_iter().flatten().collect())
}

/// Source spans of the matches of `regex` in the kept text of `text`, each kept span normalized and matched on its
/// own; with a segmenter, only matches whose ends are word boundaries.
fn find_regex(text: &str, regex: &regex::Regex, segmenter: Option<&ZhSegmenter>) -> Vec<Span> {
    let cleaned = gwr_clean::clean(text);
    let mut spans = Vec::new();
    let mut cuts = Vec::new();
    for kept in &cleaned.kept {
        let normalized = gwr_normalize::normalize(kept.slice(text));
        let norm = normalized.text.as_str();
        for m in regex.find_iter(norm) {
            if m.start() == m.end() {
                continue;
            }
            if let Some(segmenter) = segmenter {
                if !(is_boundary(norm, m.start(), segmenter, &mut cuts)
                    && is_boundary(norm, m.end(), segmenter, &mut cuts))
                {
                    continue;
                }
            }
            spans.push(normalized.source_span(Span::new(m.start(), m.end())).offset(kept.start));
        }
    }
    spans
}

/// `analyze`'s boundary rule at byte `pos` of the normalized text: between two Han chars, a jieba token boundary of
/// the block around them; elsewhere the Latin word-boundary rule.
fn is_boundary(norm: &str, pos: usize, segmenter: &ZhSegmenter, cuts: &mut Vec<usize>) -> bool {
    let before = norm[..pos].chars().next_back();
    let after = norm[pos..].chars().next();
    match (before, after) {
        (Some(a), Some(b)) if gwr_core::is_han(a) && gwr_core::is_han(b) => {
            let block = jieba_block(norm, Span::new(pos, pos));
            cuts.clear();
            segmenter.boundaries(block.slice(norm), cuts);
            cuts.iter().any(|&c| block.start + c == pos)
        }
        _ => is_word_boundary(norm, pos),
    }
}

/// A line for the match at `span` of `text`.
fn line(doc_id: &str, region_code: &str, year: Option<u16>, text: &str, span: Span, width: ContextWidth) -> KwicLine {
    let (left, right) = match width {
        ContextWidth::Chars(n) => {
            let left_start = text[..span.start].char_indices().rev().nth(n.saturating_sub(1)).map_or(0, |(i, _)| i);
            let left_start = if n == 0 { span.start } else { left_start };
            let right_end = text[span.end..].char_indices().nth(n).map_or(text.len(), |(i, _)| span.end + i);
            (&text[left_start..span.start], &text[span.end..right_end])
        }
        ContextWidth::Sentence => {
            let start = text[..span.start]
                .rfind(is_sentence_end_at)
                .map_or(0, |i| i + text[i..].chars().next().map_or(0, char::len_utf8));
            let end = text[span.end..]
                .find(is_sentence_end_at)
                .map_or(text.len(), |i| span.end + i + text[span.end + i..].chars().next().map_or(0, char::len_utf8));
            (&text[start..span.start], &text[span.end..end])
        }
    };
    let flat = |s: &str| s.replace(['\r', '\n', '\t'], " ");
    KwicLine {
        doc_id: doc_id.to_string(),
        region_code: region_code.to_string(),
        year,
        surface: span.slice(text).to_string(),
        start: span.start,
        end: span.end,
        left: flat(left.trim_start()),
        right: flat(right.trim_end()),
    }
}

/// Characters that end a sentence for [`ContextWidth::Sentence`].
fn is_sentence_end_at(c: char) -> bool {
    matches!(c, '。' | '！' | '？' | '；' | '\n' | '!' | '?')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn context_is_cut_by_chars_or_by_sentence() {
        let text = "第一句。发展量子科技和核聚变！最后";
        let start = text.find("量子").unwrap();
        let span = Span::new(start, start + "量子科技".len());
        let l = line("d", "CN", Some(2026), text, span, ContextWidth::Chars(2));
        assert_eq!((l.left.as_str(), l.surface.as_str(), l.right.as_str()), ("发展", "量子科技", "和核"));
        let s = line("d", "CN", Some(2026), text, span, ContextWidth::Sentence);
        assert_eq!((s.left.as_str(), s.right.as_str()), ("发展", "和核聚变！"));
        assert_eq!(&text[s.start..s.end], "量子科技");
    }

    #[test]
    fn regex_matches_map_back_to_the_source_through_normalization() {
        // Full-width Latin and a Traditional character: the regex sees the normalized text, the span the source.
        let text = "發展ＡＩ產業，ai很重要";
        let regex = regex::Regex::new("ai").unwrap();
        let spans = find_regex(text, &regex, None);
        let surfaces: Vec<&str> = spans.iter().map(|s| s.slice(text)).collect();
        assert_eq!(surfaces, ["ＡＩ", "ai"]);
    }
}
