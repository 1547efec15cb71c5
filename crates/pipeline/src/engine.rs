//! One document through clean → normalize → match → count.

use std::time::{Duration, Instant};

use gwr_core::{Hit, Lang, Span};
use gwr_dict::{Dictionary, PatternTarget, SectorKind};
use gwr_match::{CountMode, Matcher, RawMatch, Target};
use gwr_segment::LazySegmenter;
use rayon::prelude::*;
use serde::Serialize;

use crate::PipelineError;

/// Characters of context kept on each side of a hit.
pub const CONTEXT_CHARS: usize = 30;

/// A document of at least twice this many bytes has its kept spans counted in parallel (rayon), and a kept span of
/// at least twice this many bytes is matched in pieces of about this size in parallel, so one huge document keeps
/// every thread busy. The pieces are cut where no match can cross ([`Matcher::chunk_starts`]), so the hits are
/// exactly those of one search over the whole span.
pub const PARALLEL_CHUNK_BYTES: usize = 1 << 20;

/// The dictionary compiled for matching: the automaton, and for each concept its id and sector.
pub struct Engine {
    dict: Dictionary,
    matcher: Matcher,
    /// The matchers of English and French text (in this order), over [`Dictionary::patterns_for`] that language,
    /// built at the first document that needs one; they share `matcher`'s segmenter.
    latin: [std::sync::OnceLock<Matcher>; 2],
    segmenter: LazySegmenter,
    /// Scored sectors (kind = sector) in dictionary order; policy vocabulary is counted but not scored.
    scored_sectors: Vec<usize>,
    /// The concepts' context rules, applied to the matches of the concepts that have some.
    rules: crate::rules::Rules,
    /// Which occurrences of the forms count.
    mode: CountMode,
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
    /// Every counted match, in source order, as positions ([`Engine::hit`] and [`Engine::hit_row`] give the
    /// full [`Hit`] with its ids and text).
    pub hits: Vec<DocHit>,
    /// Hash of the normalized counted text, to find the same report saved twice.
    pub content_hash: u64,
    /// Bytes of text stripped as boilerplate.
    pub removed_bytes: u64,
    /// Of those, bytes of a report body repeated inside the document (counted once).
    pub repeated_body_bytes: u64,
    /// Runs of sentences the text repeats (gwr-clean), by byte spans of the text: where the copy is and what it
    /// repeats.
    pub repeats: Vec<gwr_clean::Repeat>,
    /// Time spent per stage.
    pub timings: StageTimes,
    /// Matches a context rule of their concept rejected (not counted), in source order within each kept span.
    pub rejected: Vec<RejectedHit>,
}

/// A match that a context rule rejected: it is not counted, and `gwr dict audit` shows it with its rule.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RejectedHit {
    /// The match, as it would have been counted.
    pub hit: DocHit,
    /// The rule that rejected it: an index of the concept's [`gwr_dict::Concept::rules`].
    pub rule: u32,
}

/// One counted match inside a document, as positions only (no string is allocated per match): the concept's
/// index in the dictionary, the match and its context as byte spans of the decoded source text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DocHit {
    /// Index of the concept in [`Dictionary::concepts`].
    pub concept: u32,
    /// The match: `text[span]` is the surface.
    pub span: Span,
    /// About [`CONTEXT_CHARS`] characters each side of the match ([`context_span`]).
    pub context: Span,
    /// True when the match lies in the report's closing glossary (名词解释).
    pub in_glossary: bool,
}

/// A [`Hit`] borrowed from the document text and the dictionary: it serializes exactly as the [`Hit`] it stands
/// for (same fields, same order), line breaks and tabs of the context written as spaces.
#[derive(Debug, Serialize)]
pub struct HitRow<'a> {
    doc_id: &'a str,
    concept: &'a str,
    sector: &'a str,
    surface: &'a str,
    start: usize,
    end: usize,
    context: FlatContext<'a>,
    in_glossary: bool,
}

impl HitRow<'_> {
    /// Append to `out` the row's line of `hits.jsonl`: exactly what serializing it with serde_json writes, then a
    /// line break. Strings that need no escape (no `"`, `\\` or control char: almost every one) are copied as they
    /// are, the others written by serde_json; serde_json escapes byte by byte, which made a few percent of a run.
    pub fn write_line(&self, out: &mut Vec<u8>) -> std::io::Result<()> {
        out.extend_from_slice(b"{\"doc_id\":");
        json_str(out, self.doc_id)?;
        out.extend_from_slice(b",\"concept\":");
        json_str(out, self.concept)?;
        out.extend_from_slice(b",\"sector\":");
        json_str(out, self.sector)?;
        out.extend_from_slice(b",\"surface\":");
        json_str(out, self.surface)?;
        out.extend_from_slice(b",\"start\":");
        serde_json::to_writer(&mut *out, &self.start)?;
        out.extend_from_slice(b",\"end\":");
        serde_json::to_writer(&mut *out, &self.end)?;
        out.extend_from_slice(b",\"context\":");
        let context = self.context.0;
        if needs_escape(context) {
            serde_json::to_writer(&mut *out, &self.context)?;
        } else {
            raw_json_str(out, context);
        }
        out.extend_from_slice(if self.in_glossary {
            b",\"in_glossary\":true}\n"
        } else {
            b",\"in_glossary\":false}\n"
        });
        Ok(())
    }
}

/// True when `s` holds a byte JSON escapes: `"`, `\\` or a control char below U+0020 (line breaks and tabs
/// included). Written as a fold over all bytes, which the compiler vectorizes.
fn needs_escape(s: &str) -> bool {
    s.bytes().fold(false, |any, b| any | (b < 0x20) | (b == b'"') | (b == b'\\'))
}

/// `s` as a JSON string, as serde_json writes it.
fn json_str(out: &mut Vec<u8>, s: &str) -> std::io::Result<()> {
    if needs_escape(s) {
        serde_json::to_writer(&mut *out, s)?;
    } else {
        raw_json_str(out, s);
    }
    Ok(())
}

/// `s`, which needs no escape, between quotes.
fn raw_json_str(out: &mut Vec<u8>, s: &str) {
    out.push(b'"');
    out.extend_from_slice(s.as_bytes());
    out.push(b'"');
}

/// A context window, serialized with `\n`, `\r` and `\t` as spaces (as [`context`] returns it).
#[derive(Debug)]
struct FlatContext<'a>(&'a str);

impl Serialize for FlatContext<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        if self.0.contains(['\n', '\r', '\t']) {
            serializer.serialize_str(&flatten(self.0))
        } else {
            serializer.serialize_str(self.0)
        }
    }
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
        Engine::build(dict, None)
    }

    /// Load the dictionary of `source` (the embedded default, or a path), check it and compile it, the check running while jieba's dictionary is
    /// built (the slowest part of start-up): [`crate::load_checked_dictionary`] then [`Engine::new`], in less time.
    ///
    /// # Errors
    ///
    /// The dictionary cannot be read, [`Dictionary::check`] reports an error (every error, one per line), or the
    /// matcher cannot be built.
    pub fn load(source: impl Into<gwr_dict::DictSource>) -> Result<Engine, PipelineError> {
        // jieba's own dictionary does not depend on ours: start parsing it before ours is even read.
        gwr_segment::preload();
        let source = source.into();
        let dict = Dictionary::load_source(&source)?;
        Engine::build(dict, Some(&crate::run::check_name(&source)))
    }

    /// Compile `dict`; with `check_path`, check it at the same time and refuse it on an error.
    fn build(dict: Dictionary, check_path: Option<&std::path::Path>) -> Result<Engine, PipelineError> {
        let patterns = dict.patterns();
        // jieba's dictionary, the slowest part of start-up (about 0.2 s of one core), builds in the background until
        // the first candidate that needs it; the automaton and the check run meanwhile on this thread (a third
        // thread would take a core from jieba on two cores).
        let segmenter = LazySegmenter::spawn(patterns.iter().map(|p| p.normalized.clone()).collect());
        let matcher = gwr_match::PatternSet::new(
            patterns.iter().map(|p| {
                let target = match p.target {
                    PatternTarget::Concept(i) => Target::Concept(i),
                    PatternTarget::Exclusion => Target::Exclusion,
                };
                (p.normalized.as_str(), target)
            }),
            gwr_match::Automaton::default(),
        );
        if let Some(path) = check_path {
            let errors = check_errors(&dict);
            if !errors.is_empty() {
                return Err(PipelineError::DictionaryCheck { path: path.to_path_buf(), problems: errors.join("\n") });
            }
        }
        let matcher = matcher.map_err(|e| PipelineError::Matcher(e.to_string()))?.with_segmenter(segmenter.clone());
        let scored_sectors =
            dict.sectors.iter().enumerate().filter(|(_, s)| s.kind == SectorKind::Sector).map(|(i, _)| i).collect();
        let rules = crate::rules::Rules::new(&dict);
        Ok(Engine { dict, matcher, latin: Default::default(), segmenter, scored_sectors, rules, mode: CountMode::Word })
    }

    /// The dictionary this engine matches.
    pub fn dictionary(&self) -> &Dictionary {
        &self.dict
    }

    /// This engine counting by `mode` (see [`CountMode`]).
    pub fn with_mode(mut self, mode: CountMode) -> Engine {
        self.mode = mode;
        self
    }

    /// How this engine counts.
    pub fn mode(&self) -> CountMode {
        self.mode
    }

    /// The matcher (for benchmarks and tools that scan text directly).
    pub fn matcher(&self) -> &Matcher {
        &self.matcher
    }

    /// The matcher of text in `lang`: for English and French, the one over the folded patterns of that language
    /// (built on first use), which searches text folded by [`gwr_normalize::fold_latin`]; for the others,
    /// [`Engine::matcher`].
    ///
    /// # Panics
    ///
    /// If the folded patterns cannot be compiled: [`Dictionary::patterns_for`] gives each once, non-empty, and
    /// folding keeps normalized text normalized, so only an automaton too large for aho-corasick could fail, and the
    /// same patterns unfolded already compiled into [`Engine::matcher`].
    pub fn matcher_for(&self, lang: Lang) -> &Matcher {
        let slot = match lang {
            Lang::En => &self.latin[0],
            Lang::Fr => &self.latin[1],
            Lang::Zh | Lang::Und => return &self.matcher,
        };
        slot.get_or_init(|| {
            let patterns = self.dict.patterns_for(lang);
            let set = gwr_match::PatternSet::new(
                patterns.iter().map(|p| {
                    let target = match p.target {
                        PatternTarget::Concept(i) => Target::Concept(i),
                        PatternTarget::Exclusion => Target::Exclusion,
                    };
                    (p.normalized.as_str(), target)
                }),
                gwr_match::Automaton::default(),
            );
            match set {
                Ok(set) => set
                    .with_candidate_starts(gwr_match::CandidateStarts::OutsideWords)
                    .with_segmenter(self.segmenter.clone()),
                Err(e) => panic!("the folded {lang} patterns of the dictionary do not compile: {e}"),
            }
        })
    }

    /// The full [`Hit`] of `hit`, a match of document `doc_id` whose decoded text is `text`.
    pub fn hit(&self, doc_id: &str, text: &str, hit: &DocHit) -> Hit {
        let row = self.hit_row(doc_id, text, hit);
        Hit {
            doc_id: row.doc_id.to_string(),
            concept: row.concept.to_string(),
            sector: row.sector.to_string(),
            surface: row.surface.to_string(),
            start: row.start,
            end: row.end,
            context: flatten(row.context.0),
            in_glossary: row.in_glossary,
        }
    }

    /// [`Engine::hit`] borrowed instead of copied, to serialize.
    pub fn hit_row<'a>(&'a self, doc_id: &'a str, text: &'a str, hit: &DocHit) -> HitRow<'a> {
        let concept = &self.dict.concepts[hit.concept as usize];
        HitRow {
            doc_id,
            concept: &concept.id,
            sector: &self.dict.sectors[concept.sector].id,
            surface: hit.span.slice(text),
            start: hit.span.start,
            end: hit.span.end,
            context: FlatContext(hit.context.slice(text)),
            in_glossary: hit.in_glossary,
        }
    }

    /// The context rule that rejected `rejected`.
    pub fn rule_of(&self, rejected: &RejectedHit) -> &gwr_dict::Rule {
        &self.dict.concepts[rejected.hit.concept as usize].rules[rejected.rule as usize]
    }

    /// Id of the sector of concept `concept` (an index of [`Dictionary::concepts`]).
    pub fn sector_of(&self, concept: u32) -> &str {
        &self.dict.sectors[self.dict.concepts[concept as usize].sector].id
    }

    /// Ids of the sectors that are scored (policy vocabulary excluded), in dictionary order.
    pub fn scored_sector_ids(&self) -> Vec<&str> {
        self.scored_sectors.iter().map(|&i| self.dict.sectors[i].id.as_str()).collect()
    }

    /// Count one document: clean it, normalize each kept span, match, and map every match back to source bytes.
    pub fn process(&self, text: &str, lang: Lang) -> DocCounts {
        let counted = self.process_in_chunks(text, lang, PARALLEL_CHUNK_BYTES, None);
        counted.unwrap_or_else(|_| unreachable!("only a sink fails"))
    }

    /// [`Engine::process`], handing the hits to `sink` as well, in source order: a document of at least
    /// `2 * PARALLEL_CHUNK_BYTES` bytes a piece at a time, as soon as the pieces before it are done, while later
    /// pieces are still being matched; a smaller one all at once at the end. Stops at `sink`'s first error.
    ///
    /// # Errors
    ///
    /// The first error `sink` returned.
    pub fn process_streaming(&self, text: &str, lang: Lang, sink: &mut HitSink<'_>) -> std::io::Result<DocCounts> {
        self.process_in_chunks(text, lang, PARALLEL_CHUNK_BYTES, Some(sink))
    }

    /// [`Engine::process`], matching spans of at least `2 * chunk_bytes` in pieces of about `chunk_bytes`, hits
    /// handed to `sink` too (see [`Engine::process_streaming`]).
    fn process_in_chunks(
        &self,
        text: &str,
        lang: Lang,
        chunk_bytes: usize,
        sink: Option<&mut HitSink<'_>>,
    ) -> std::io::Result<DocCounts> {
        let mut out = DocCounts::default();
        let t = Instant::now();
        let cleaned = gwr_clean::clean(text);
        out.timings.clean = t.elapsed();
        out.removed_bytes = cleaned.removed.iter().map(|r| r.span.len() as u64).sum();
        out.repeated_body_bytes = cleaned
            .removed
            .iter()
            .filter(|r| r.kind == gwr_clean::BoilerplateKind::RepeatedBody)
            .map(|r| r.span.len() as u64)
            .sum();
        out.repeats = cleaned.repeats.clone();

        let glossary = cleaned.glossary;
        let mut hasher = TextHash::new();
        let add = |out: &mut DocCounts, span: SpanCounts| {
            out.chars += span.chars;
            out.han_chars += span.han_chars;
            out.words += span.words;
            out.hits.extend(span.hits);
            out.rejected.extend(span.rejected);
            out.timings.normalize += span.normalize;
            out.timings.matching += span.matching;
        };
        if text.len() < chunk_bytes.saturating_mul(2) {
            for &kept in &cleaned.kept {
                add(&mut out, self.span_counts(text, lang, kept, glossary, chunk_bytes, &mut hasher));
            }
            if let Some(sink) = sink {
                sink(&out.hits)?;
            }
        } else {
            // A large document: its kept spans, cut after line breaks into pieces of about `chunk_bytes`, go
            // through in parallel, normalization included, each hashed on its own (the pieces depend on the text
            // only, so the same text still gives the same hash). Pieces are added to the counts, and their hits
            // handed to the sink, in order, by whichever thread finishes the piece next in line.
            let pieces = line_pieces(self.matcher_for(lang), text, &cleaned.kept, chunk_bytes);
            let ordered = Ordered::new(Delivery { out, hasher, sink, error: None });
            let consume = |d: &mut Delivery<'_, '_>, (h, span): (u64, SpanCounts)| {
                d.hasher.write(&h.to_le_bytes());
                if let (None, Some(sink)) = (&d.error, &mut d.sink) {
                    d.error = sink(&span.hits).err();
                }
                add(&mut d.out, span);
            };
            // Pieces are handed out in order (`par_bridge` takes the next one for each thread that is free), so
            // that they finish close to the order they are consumed in.
            pieces.iter().enumerate().par_bridge().for_each(|(i, &kept)| {
                let mut h = TextHash::new();
                let span = self.span_counts(text, lang, kept, glossary, chunk_bytes, &mut h);
                ordered.put(i, (h.finish(), span), consume);
            });
            let delivery = ordered.finish(consume);
            if let Some(e) = delivery.error {
                return Err(e);
            }
            (out, hasher) = (delivery.out, delivery.hasher);
        }
        out.content_hash = hasher.finish();
        Ok(out)
    }

    /// Count one kept span: normalize, match, hits in source bytes; its normalized bytes go to `hasher` (a span of
    /// `2 * chunk_bytes` or more is matched in parallel pieces, and their hashes go to `hasher` instead).
    #[allow(clippy::too_many_arguments)]
    fn span_counts(
        &self,
        text: &str,
        lang: Lang,
        kept: Span,
        glossary: Option<usize>,
        chunk_bytes: usize,
        hasher: &mut TextHash,
    ) -> SpanCounts {
        let piece = kept.slice(text);
        let mut out = SpanCounts::default();
        if lang != Lang::Zh {
            out.words = gwr_segment::latin_words(piece) as u64;
        }
        let t = Instant::now();
        // Normalization counts the source's chars and Han chars on its way.
        let normalized = gwr_normalize::normalize(piece);
        // English and French are matched in folded text (one separator between words, words stemmed), with the
        // patterns folded alike; Chinese text is matched as normalized.
        let folded = gwr_normalize::Stemming::of(lang).map(|s| gwr_normalize::fold_latin(&normalized.text, s));
        out.normalize = t.elapsed();
        out.chars = normalized.source_chars();
        out.han_chars = normalized.source_han_chars();

        let t = Instant::now();
        let matcher = self.matcher_for(lang);
        let norm = folded.as_ref().map_or(normalized.text.as_str(), |f| f.text.as_str());
        let hit = |m: &RawMatch| {
            let span = folded.as_ref().map_or(m.span, |f| f.input_span(m.span));
            let src = normalized.source_span(span).offset(kept.start);
            DocHit {
                concept: m.concept,
                span: src,
                context: context_span(text, src),
                in_glossary: glossary.is_some_and(|g| src.start >= g),
            }
        };
        // The hash is of the normalized text, not the folded one: texts that differ only in hyphens or plurals are
        // not the same report.
        if folded.is_some() {
            hasher.write(normalized.text.as_bytes());
        }
        let reject = |(m, rule): &(RawMatch, u32)| RejectedHit { hit: hit(m), rule: *rule };
        if self.mode != CountMode::Word || norm.len() < chunk_bytes.saturating_mul(2) {
            if folded.is_none() {
                hasher.write(norm.as_bytes());
            }
            let mut raw: Vec<RawMatch> = Vec::new();
            matcher.find_with_mode(norm, self.mode, &mut raw);
            let mut rejected = Vec::new();
            self.rules.apply(norm, &mut raw, &mut rejected);
            out.hits.extend(raw.iter().map(hit));
            out.rejected.extend(rejected.iter().map(reject));
        } else {
            let mut starts = matcher.chunk_starts(norm, chunk_bytes);
            starts.push(norm.len());
            let pieces: Vec<(u64, Vec<DocHit>, Vec<RejectedHit>)> = starts
                .par_windows(2)
                .map(|w| {
                    let mut h = TextHash::new();
                    h.write(&norm.as_bytes()[w[0]..w[1]]);
                    let mut raw: Vec<RawMatch> = Vec::new();
                    matcher.find_between(norm, w[0], w[1], &mut raw);
                    let mut rejected = Vec::new();
                    self.rules.apply(norm, &mut raw, &mut rejected);
                    (h.finish(), raw.iter().map(hit).collect(), rejected.iter().map(reject).collect())
                })
                .collect();
            for (h, hits, rejected) in pieces {
                if folded.is_none() {
                    hasher.write(&h.to_le_bytes());
                }
                out.hits.extend(hits);
                out.rejected.extend(rejected);
            }
        }
        out.matching = t.elapsed();
        out
    }
}

/// Where [`Engine::process_streaming`] hands a document's hits, in source order.
pub type HitSink<'s> = dyn FnMut(&[DocHit]) -> std::io::Result<()> + Send + 's;

/// What the pieces of a large document are added to, in order.
struct Delivery<'a, 's> {
    out: DocCounts,
    hasher: TextHash,
    sink: Option<&'a mut HitSink<'s>>,
    /// The sink's first error (the sink is not called again).
    error: Option<std::io::Error>,
}

/// Results computed in any order (by index, from 0), consumed in index order as soon as each one's predecessors
/// are: the thread that finds the next results ready consumes them, the others go on with their own work.
struct Ordered<S, T> {
    /// What consumes the results, and the index of the next one.
    state: std::sync::Mutex<(S, usize)>,
    /// Results waiting for their predecessors.
    ready: std::sync::Mutex<std::collections::BTreeMap<usize, T>>,
    /// The index of the next result to consume (as in `state`), readable without taking `state`.
    next: std::sync::atomic::AtomicUsize,
}

impl<S, T> Ordered<S, T> {
    fn new(state: S) -> Ordered<S, T> {
        Ordered {
            state: std::sync::Mutex::new((state, 0)),
            ready: std::sync::Mutex::new(std::collections::BTreeMap::new()),
            next: std::sync::atomic::AtomicUsize::new(0),
        }
    }

    /// Result `index` is ready: consume it and every ready result after it with `consume`, unless another thread
    /// is consuming (that thread looks again once it lets go, and takes them).
    fn put(&self, index: usize, result: T, consume: impl Fn(&mut S, T)) {
        use std::sync::atomic::Ordering::SeqCst;
        lock(&self.ready).insert(index, result);
        loop {
            let Ok(mut state) = self.state.try_lock() else {
                // The thread holding it sees this result when it checks again after letting go.
                return;
            };
            let (consumer, next) = &mut *state;
            loop {
                // Taken out in a statement of its own, so that `ready` is not locked while `consume` runs: the
                // other threads keep putting their results meanwhile.
                let taken = lock(&self.ready).remove(next);
                let Some(result) = taken else {
                    break;
                };
                consume(consumer, result);
                *next += 1;
                self.next.store(*next, SeqCst);
            }
            drop(state);
            // A result put while `state` was held, by a thread that could not take it, is consumed now.
            if !lock(&self.ready).contains_key(&self.next.load(SeqCst)) {
                return;
            }
        }
    }

    /// The consumer, once every result was put: any result still waiting is consumed first, in order.
    fn finish(self, consume: impl Fn(&mut S, T)) -> S {
        let (mut state, _) = self.state.into_inner().unwrap_or_else(|e| e.into_inner());
        for (_, result) in self.ready.into_inner().unwrap_or_else(|e| e.into_inner()) {
            consume(&mut state, result);
        }
        state
    }
}

/// `mutex` locked, whether or not a thread panicked while holding it.
pub(crate) fn lock<T>(mutex: &std::sync::Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(|e| e.into_inner())
}

/// `kept` with every span of `2 * chunk_bytes` bytes or more cut into pieces of about `chunk_bytes`, each cut made
/// just after a line break. Counting the pieces one by one gives exactly the counts of the whole span:
/// normalization maps each char on its own, no match crosses a line break when no pattern holds one (otherwise
/// `kept` is returned as it is), a jieba block never holds a line break, and the text edge at a cut is a word
/// boundary as the line break before it is.
fn line_pieces(matcher: &Matcher, text: &str, kept: &[Span], chunk_bytes: usize) -> Vec<Span> {
    if !matcher.is_cut_char('\n') {
        return kept.to_vec();
    }
    let step = chunk_bytes.max(1);
    let mut pieces = Vec::with_capacity(kept.len());
    for &span in kept {
        if span.len() < step.saturating_mul(2) {
            pieces.push(span);
            continue;
        }
        let bytes = text.as_bytes();
        let mut start = span.start;
        while span.end - start >= step.saturating_mul(2) {
            let Some(at) = bytes[start + step..span.end].iter().position(|&b| b == b'\n') else {
                break;
            };
            let cut = start + step + at + 1;
            if cut >= span.end {
                break;
            }
            pieces.push(Span::new(start, cut));
            start = cut;
        }
        pieces.push(Span::new(start, span.end));
    }
    pieces
}

/// The errors (not the warnings) [`Dictionary::check`] reports, one line each (`file:line: message`).
pub(crate) fn check_errors(dict: &Dictionary) -> Vec<String> {
    dict.check().into_iter().filter(|p| p.severity == gwr_dict::Severity::Error).map(|p| p.to_string()).collect()
}

/// What one kept span gave.
#[derive(Default)]
struct SpanCounts {
    chars: u64,
    han_chars: u64,
    words: u64,
    hits: Vec<DocHit>,
    rejected: Vec<RejectedHit>,
    normalize: Duration,
    matching: Duration,
}

/// About [`CONTEXT_CHARS`] characters each side of `span`, line breaks shown as spaces.
pub fn context(text: &str, span: Span) -> String {
    flatten(context_span(text, span).slice(text))
}

/// The byte span of [`CONTEXT_CHARS`] characters each side of `span` (fewer at the text's edges).
pub fn context_span(text: &str, span: Span) -> Span {
    let start = text[..span.start].char_indices().rev().nth(CONTEXT_CHARS - 1).map_or(0, |(i, _)| i);
    let end = text[span.end..].char_indices().nth(CONTEXT_CHARS).map_or(text.len(), |(i, _)| span.end + i);
    Span::new(start, end)
}

/// `text` with line breaks and tabs as spaces (one char for one char).
fn flatten(text: &str) -> String {
    text.chars().map(|c| if c == '\n' || c == '\r' || c == '\t' { ' ' } else { c }).collect()
}

impl Engine {
    /// The text a document is counted on, as its content hash sees it: each kept span of the cleaned text,
    /// normalized. Two documents are the same report exactly when these are equal.
    pub fn counted_text(&self, text: &str) -> Vec<String> {
        let cleaned = gwr_clean::clean(text);
        cleaned.kept.iter().map(|span| gwr_normalize::normalize(span.slice(text)).text).collect()
    }
}

/// A 64-bit hash of the counted text that is the same on every run and platform (std's hasher makes no such
/// promise), to find the same report saved twice: words of 8 bytes, each xored into the state, which is then
/// multiplied by an odd constant into 128 bits whose two halves are xored (a folded multiply: a change in any bit
/// reaches many bits of the next state; FNV-1a over words, used before, turns a change in bit 63 of a word into a
/// change in bit 63 of the hash only, so two such changes in different words collide). Blocks of 32 bytes go
/// through four independent lanes, whose multiplications need not wait for each other. Only ever compared within
/// one run, for texts written in the same pieces.
pub(crate) struct TextHash(u64);

impl TextHash {
    const MULTIPLIER: u64 = 0x9E37_79B9_7F4A_7C15;

    pub(crate) fn new() -> TextHash {
        TextHash(0xcbf2_9ce4_8422_2325)
    }

    #[inline]
    fn mix(state: u64, word: u64) -> u64 {
        let product = u128::from(state ^ word) * u128::from(TextHash::MULTIPLIER);
        product as u64 ^ (product >> 64) as u64
    }

    /// Mix in `bytes`: 32-byte blocks in four lanes folded into the state at the end of the call, then the
    /// remaining words, then the remaining bytes (each as a word of its own).
    pub(crate) fn write(&mut self, bytes: &[u8]) {
        let word = |w: &[u8]| {
            let mut word = [0u8; 8];
            word.copy_from_slice(w);
            u64::from_le_bytes(word)
        };
        let mut blocks = bytes.chunks_exact(32);
        if bytes.len() >= 32 {
            let mut lanes = [self.0, self.0 ^ 1, self.0 ^ 2, self.0 ^ 3];
            for block in &mut blocks {
                for (lane, w) in lanes.iter_mut().zip(block.chunks_exact(8)) {
                    *lane = TextHash::mix(*lane, word(w));
                }
            }
            for lane in lanes {
                self.0 = TextHash::mix(self.0, lane);
            }
        }
        let mut words = blocks.remainder().chunks_exact(8);
        for w in &mut words {
            self.0 = TextHash::mix(self.0, word(w));
        }
        for &b in words.remainder() {
            self.0 = TextHash::mix(self.0, u64::from(b));
        }
    }

    pub(crate) fn finish(&self) -> u64 {
        self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn engine() -> &'static Engine {
        static ENGINE: std::sync::OnceLock<Engine> = std::sync::OnceLock::new();
        ENGINE.get_or_init(|| Engine::load(gwr_dict::DictSource::Embedded).expect("default dictionary"))
    }

    /// The line serde_json writes for the row.
    fn serde_line(row: &HitRow<'_>) -> Vec<u8> {
        let mut line = serde_json::to_vec(row).expect("json");
        line.push(b'\n');
        line
    }

    fn written_line(row: &HitRow<'_>) -> Vec<u8> {
        let mut line = Vec::new();
        row.write_line(&mut line).expect("written");
        line
    }

    #[test]
    fn hit_lines_are_what_serde_json_writes_on_the_real_reports() {
        gwr_testdata::require_corpora!();
        let engine = engine();
        let mut hits = 0;
        for (i, text) in gwr_testdata::provincial().iter().enumerate() {
            let doc_id = format!("provincial/{i}.txt#1");
            for h in &engine.process(text, Lang::Zh).hits {
                let row = engine.hit_row(&doc_id, text, h);
                assert_eq!(written_line(&row), serde_line(&row), "{:?}", engine.hit(&doc_id, text, h));
                hits += 1;
            }
        }
        assert!(hits > 1000, "{hits} hits");
    }

    proptest::proptest! {
        /// Every kind of char in every string field: quotes, backslashes, line breaks and tabs (spaces in the
        /// context), other control chars, DEL, non-ASCII.
        #[test]
        fn hit_lines_are_what_serde_json_writes_on_any_text(
            doc_id in "[a-z/\"\\\\\u{1}\u{7f}é量 ]{0,12}",
            text in "[a-z\"\\\\\n\r\t\u{0}\u{1f}\u{7f}\u{2028}é量 ]{1,40}",
            glossary in proptest::bool::ANY,
            concept in 0u32..600,
        ) {
            let engine = engine();
            let end = text.len();
            let mid = text.char_indices().nth(text.chars().count() / 2).map_or(0, |(i, _)| i);
            let concept = concept % engine.dictionary().concepts.len() as u32;
            for span in [Span::new(0, end), Span::new(mid, end), Span::new(0, mid)] {
                let hit = DocHit { concept, span, context: Span::new(0, end), in_glossary: glossary };
                let row = engine.hit_row(&doc_id, &text, &hit);
                proptest::prop_assert_eq!(written_line(&row), serde_line(&row));
            }
        }
    }

    #[test]
    fn context_keeps_thirty_chars_each_side_and_flattens_lines() {
        let text = format!("{}\n量子{}", "甲".repeat(40), "乙".repeat(40));
        let start = text.find("量子").unwrap();
        let ctx = context(&text, Span::new(start, start + 6));
        assert_eq!(ctx, format!("{} 量子{}", "甲".repeat(29), "乙".repeat(30)));
        assert_eq!(context("ab量子", Span::new(2, 8)), "ab量子");
    }

    /// The national reports (shared corpus) joined into one huge document.
    fn national_as_one_document() -> String {
        let path = gwr_testdata::corpora().join("national-zh/government_work_reports.jsonl");
        let data = std::fs::read_to_string(path).expect("REAL CORPUS MISSING: shared national reports");
        data.lines()
            .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
            .filter_map(|v| v["content"].as_str().map(str::to_string))
            .collect::<Vec<_>>()
            .join("\n\n")
    }

    #[test]
    fn a_huge_document_matched_in_parallel_pieces_gives_the_hits_of_one_search() {
        gwr_testdata::require_corpora!();
        let dict = Dictionary::embedded().expect("default dictionary");
        let engine = Engine::new(dict).expect("engine");
        let text = national_as_one_document();
        assert!(text.len() > 3_000_000, "the national reports are large");
        let whole = engine.process_in_chunks(&text, Lang::Zh, usize::MAX, None).expect("no sink");
        assert!(whole.hits.len() > 2000, "many hits, got {}", whole.hits.len());
        for chunk_bytes in [1, 4096, 64 << 10, PARALLEL_CHUNK_BYTES] {
            let pieces = engine.process_in_chunks(&text, Lang::Zh, chunk_bytes, None).expect("no sink");
            assert_eq!(pieces.hits, whole.hits, "hits with pieces of {chunk_bytes} bytes");
            assert_eq!((pieces.chars, pieces.han_chars), (whole.chars, whole.han_chars));
        }
    }

    #[test]
    fn a_huge_documents_hits_reach_the_sink_in_order_piece_by_piece() {
        gwr_testdata::require_corpora!();
        let dict = Dictionary::embedded().expect("default dictionary");
        let engine = Engine::new(dict).expect("engine");
        let text = national_as_one_document();
        let whole = engine.process_in_chunks(&text, Lang::Zh, usize::MAX, None).expect("no sink");
        // Three threads on small pieces: pieces finish out of order and are handed over in order.
        let pool = rayon::ThreadPoolBuilder::new().num_threads(3).build().expect("pool");
        for chunk_bytes in [4096, 64 << 10] {
            let mut received: Vec<DocHit> = Vec::new();
            let mut calls = 0;
            let mut sink = |hits: &[DocHit]| {
                received.extend_from_slice(hits);
                calls += 1;
                Ok(())
            };
            let counts = pool
                .install(|| engine.process_in_chunks(&text, Lang::Zh, chunk_bytes, Some(&mut sink)))
                .expect("the sink never fails");
            assert_eq!(received, whole.hits, "hits handed over with pieces of {chunk_bytes} bytes");
            assert_eq!(counts.hits, whole.hits);
            assert_eq!(
                counts.content_hash,
                engine.process_in_chunks(&text, Lang::Zh, chunk_bytes, None).unwrap().content_hash
            );
            assert!(calls > 10, "{calls} calls: the hits come a piece at a time");
        }
        // The sink's first error is returned, and it is not called again.
        let mut calls = 0;
        let mut failing = |_: &[DocHit]| {
            calls += 1;
            Err(std::io::Error::other("disk full"))
        };
        let result = pool.install(|| engine.process_in_chunks(&text, Lang::Zh, 64 << 10, Some(&mut failing)));
        assert_eq!(result.err().map(|e| e.to_string()), Some("disk full".to_string()));
        assert_eq!(calls, 1);
    }

    #[test]
    fn ordered_results_are_consumed_in_index_order_whatever_order_they_come_in() {
        let pool = rayon::ThreadPoolBuilder::new().num_threads(4).build().expect("pool");
        for n in [0, 1, 7, 500] {
            let ordered: Ordered<Vec<usize>, usize> = Ordered::new(Vec::new());
            let consume = |seen: &mut Vec<usize>, i: usize| seen.push(i);
            pool.install(|| {
                // Scrambled: each index waits a little, longer for lower indices.
                (0..n).into_par_iter().for_each(|i| {
                    std::thread::sleep(std::time::Duration::from_micros(((n - i) % 7) as u64 * 50));
                    ordered.put(i, i, consume);
                })
            });
            assert_eq!(ordered.finish(consume), (0..n).collect::<Vec<_>>(), "{n} results");
        }
        // A consumer that runs rayon work of its own (as the hit store's serialization does), one result per task:
        // the results still come in order, and every one is consumed.
        let ordered: Ordered<Vec<usize>, usize> = Ordered::new(Vec::new());
        let consume = |seen: &mut Vec<usize>, i: usize| {
            (0..8)
                .into_par_iter()
                .with_max_len(1)
                .for_each(|_| std::thread::sleep(std::time::Duration::from_micros(100)));
            seen.push(i);
        };
        pool.install(|| (0..400).into_par_iter().with_max_len(1).for_each(|i| ordered.put(i, i, consume)));
        assert_eq!(ordered.finish(consume), (0..400).collect::<Vec<_>>());
    }

    #[test]
    fn load_refuses_a_dictionary_that_fails_its_check_and_names_the_line() {
        let dir = std::env::temp_dir().join(format!("gwr-engine-load-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("temp dir");
        let path = dir.join("dict.toml");
        let concept = |id: &str| format!("[[sector.concept]]\nid = \"{id}\"\nzh = [\"量子计算\"]\nen = [\"{id}\"]\n\n");
        let toml = format!(
            "schema = 1\ngroup = \"test\"\nkind = \"sector\"\n\n[[sector]]\nid = \"quantum\"\nzh = \"量子\"\nen = \"Quantum\"\nfr = \"Quantique\"\n\n{}{}",
            concept("first"),
            concept("second")
        );
        std::fs::write(&path, toml).expect("write dictionary");
        let result = Engine::load(&path);
        std::fs::remove_dir_all(&dir).ok();
        match result {
            Err(PipelineError::DictionaryCheck { problems, .. }) => {
                assert!(problems.contains("dict.toml:") && problems.contains("量子计算"), "{problems}");
            }
            Err(other) => panic!("expected a check error, got {other}"),
            Ok(_) => panic!("a form listed by two concepts must be refused"),
        }
        let engine = Engine::load(gwr_dict::DictSource::Embedded).expect("the default dictionary passes");
        assert!(engine.scored_sector_ids().len() > 30);
    }

    #[test]
    fn text_hash_is_stable() {
        let mut h = TextHash::new();
        h.write(b"a");
        let mut again = TextHash::new();
        again.write(b"a");
        assert_eq!(h.finish(), again.finish());
        assert_ne!(h.finish(), TextHash::new().finish());
    }

    #[test]
    fn text_hash_tells_texts_apart_in_every_lane_and_tail() {
        let text: Vec<u8> = (0..200u8).collect();
        let hash = |t: &[u8]| {
            let mut h = TextHash::new();
            h.write(t);
            h.finish()
        };
        let mut seen = std::collections::HashSet::new();
        // Every length (blocks, words, bytes), and every single-byte change of the longest text.
        for len in 0..=text.len() {
            assert!(seen.insert(hash(&text[..len])), "length {len} collides");
        }
        for at in 0..text.len() {
            for bit in [0x01, 0x80] {
                let mut changed = text.clone();
                changed[at] ^= bit;
                assert!(seen.insert(hash(&changed)), "a change of bit {bit:#x} at byte {at} collides");
            }
        }
    }
}
