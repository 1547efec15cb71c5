//! Word boundaries: jieba-rs token boundaries for Chinese, a `tokenizers` pre-tokenizer for Latin script.
//!
//! The matcher accepts a dictionary candidate only when both its ends are word boundaries. Between two Han
//! characters that is a token boundary of [jieba-rs](https://docs.rs/jieba-rs) ([`ZhSegmenter`]), whose dictionary
//! holds every gwr term so that no term is ever split. jieba cuts text into *blocks* first (runs of CJK ideographs,
//! ASCII letters and digits and `+#&._%-`, see [`jieba_block`]) and segments each block on its own, so segmenting
//! only the block around a candidate gives exactly the tokens that segmenting the whole text would: the matcher
//! segments only blocks that hold a candidate. Between Latin letters and digits the rule is simpler
//! ([`is_word_boundary`]): `ai` is not a word inside `maintain`. [`latin_words`] counts words the way the
//! `tokenizers` `Whitespace` pre-tokenizer splits them, for per-10,000-words rates of English and French texts.
//!
//! jieba runs with its HMM for unknown words on (jieba's default, `cut(text, true)`): runs of characters its
//! dictionary does not know are grouped into words instead of being cut into single characters.
//!
//! # Example
//!
//! ```
//! use gwr_core::Span;
//! use gwr_segment::{is_word_boundary, jieba_block, ZhSegmenter};
//!
//! let segmenter = ZhSegmenter::new(["低空经济"]);
//! let text = "发展低空经济，推动ai赋能";
//! let block = jieba_block(text, Span::new(6, 18));
//! assert_eq!(block.slice(text), "发展低空经济");
//! let mut cuts = Vec::new();
//! segmenter.boundaries(block.slice(text), &mut cuts);
//! assert_eq!(cuts, [0, 6, 18], "the added term is one token");
//! assert!(!is_word_boundary("maintain", 3));
//! assert!(is_word_boundary(text, text.find("赋能").ok_or("missing")?));
//! assert_eq!(gwr_segment::latin_words("Artificial intelligence, quantum computing."), 4);
//! Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # Crate features
//!
//! None.

use gwr_core::Span;
use jieba_rs::Jieba;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Condvar, Mutex, OnceLock};
use tokenizers::pre_tokenizers::whitespace::Whitespace;
use tokenizers::{OffsetReferential, OffsetType, PreTokenizedString, PreTokenizer};

/// Whether jieba's HMM for unknown words runs; gwr always uses jieba's default.
const HMM: bool = true;

/// How many times the frequency of a term that jieba still splits is doubled before giving up.
const MAX_FREQ_DOUBLINGS: usize = 40;

/// Chinese word segmenter: jieba-rs with its default dictionary plus gwr's terms.
#[derive(Clone, Debug)]
pub struct ZhSegmenter {
    jieba: Jieba,
}

/// jieba's default dictionary, parsed once per process (about 0.15 s) and cloned into every [`ZhSegmenter`] but the
/// first built after [`preload`].
static DEFAULT: OnceLock<Jieba> = OnceLock::new();

/// The default dictionary parse [`preload`] asked for, for the next [`ZhSegmenter::new`] to take without a copy,
/// and the lazy segmenters to build as soon as it is parsed (by the same job, so that no thread waits for it).
static PRELOADED: Mutex<(Preload, Vec<Arc<Lazy>>)> = Mutex::new((Preload::None, Vec::new()));
/// Told when [`PRELOADED`] leaves [`Preload::Running`].
static PRELOAD_DONE: Condvar = Condvar::new();

/// Where the parse [`preload`] asked for stands.
enum Preload {
    /// None asked for, or already taken.
    None,
    /// A job will parse it, unless a segmenter needs it first and parses it itself.
    Queued,
    /// The job is parsing it.
    Running,
    /// Parsed, waiting to be taken.
    Done(Box<Jieba>),
}

/// Have jieba's default dictionary parsed by a job on the current rayon pool (the global one outside any), so that
/// the next [`ZhSegmenter::new`] waits less (or not at all) and takes it without copying it (a copy costs about
/// 20 ms): call it at start-up, before other work that does not need jieba. The job uses one of the pool's threads,
/// not a thread of its own, so a pool of one thread parses it when it is free, or when a segmenter is needed first,
/// inline. Only the first call in a process that has not parsed the dictionary yet does anything (later segmenters
/// copy the process-wide parse).
pub fn preload() {
    static STARTED: AtomicBool = AtomicBool::new(false);
    if DEFAULT.get().is_some() || STARTED.swap(true, Ordering::SeqCst) {
        return;
    }
    lock(&PRELOADED).0 = Preload::Queued;
    rayon::spawn(|| {
        let mut state = lock(&PRELOADED);
        if matches!(state.0, Preload::Queued) {
            state.0 = Preload::Running;
            drop(state);
            // On a panic, a segmenter waiting for it parses the dictionary itself (and meets the panic there).
            let parsed = std::panic::catch_unwind(|| Box::new(Jieba::new())).ok();
            state = lock(&PRELOADED);
            state.0 = parsed.map_or(Preload::None, Preload::Done);
            PRELOAD_DONE.notify_all();
        }
        // Else a segmenter needed it first and parsed it itself. Either way, build the segmenters that waited.
        let waiting = std::mem::take(&mut state.1);
        drop(state);
        for lazy in waiting {
            lazy.build_quietly();
        }
    });
}

/// jieba with its default dictionary, to add terms to: the one [`preload`] parsed (waiting for it if its job is
/// running; parsed here if the job has not started), else a copy of the process-wide parse.
fn default_jieba() -> Jieba {
    let mut state = lock(&PRELOADED);
    loop {
        match std::mem::replace(&mut state.0, Preload::None) {
            Preload::Done(jieba) => return *jieba,
            Preload::Queued => {
                drop(state);
                return Jieba::new();
            }
            Preload::Running => {
                state.0 = Preload::Running;
                state = PRELOAD_DONE.wait(state).unwrap_or_else(|e| e.into_inner());
            }
            Preload::None => {
                drop(state);
                return DEFAULT.get_or_init(Jieba::new).clone();
            }
        }
    }
}

/// `mutex` locked, whether or not a thread panicked while holding it.
fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(|e| e.into_inner())
}

impl ZhSegmenter {
    /// jieba's default dictionary with every term of `terms` added, each with a frequency high enough that jieba
    /// keeps the term whole when it is segmented on its own (jieba's `suggest_freq`, raised further when needed).
    /// Terms should be normalized ([`gwr_normalize::normalize_term`](https://docs.rs/gwr-normalize)); terms holding
    /// characters outside jieba's blocks (spaces, most punctuation) can never be one jieba token and are skipped.
    pub fn new<'a>(terms: impl IntoIterator<Item = &'a str>) -> ZhSegmenter {
        let mut jieba = default_jieba();
        let mut added: Vec<&str> =
            terms.into_iter().filter(|t| !t.is_empty() && t.chars().all(is_jieba_block_char)).collect();
        added.sort_unstable();
        added.dedup();
        // Two passes: the frequency jieba suggests for a term depends on the terms added before it.
        for _ in 0..2 {
            for term in &added {
                jieba.add_word(term, None, None);
            }
        }
        for term in &added {
            let mut tries = 0;
            while !is_one_token(&jieba, term) && tries < MAX_FREQ_DOUBLINGS {
                let freq = jieba.suggest_freq(term).max(1);
                jieba.add_word(term, Some(freq.saturating_mul(2)), None);
                tries += 1;
            }
        }
        ZhSegmenter { jieba }
    }

    /// Byte offsets of the token boundaries jieba finds in `block`, in order, including `0` and `block.len()`
    /// (just `[0]` for an empty block). `out` is cleared first. `block` is normally one [`jieba_block`]; any text
    /// works, with jieba's own cut of it.
    pub fn boundaries(&self, block: &str, out: &mut Vec<usize>) {
        out.clear();
        out.push(0);
        for token in self.jieba.cut(block, HMM) {
            out.push(token.byte_end);
        }
    }
}

/// A [`ZhSegmenter`] that may still be building: work that needs no segmenter (reading, cleaning, normalizing,
/// scanning for candidates) goes on meanwhile, and the first [`LazySegmenter::get`] waits for the build to finish,
/// or builds it itself if it has not started. Building takes about 0.2 s of one core, most of gwr's start-up.
///
/// Cloning shares the one segmenter (and its build) between the clones.
#[derive(Clone, Debug)]
pub struct LazySegmenter {
    inner: Arc<Lazy>,
}

#[derive(Debug)]
struct Lazy {
    ready: OnceLock<ZhSegmenter>,
    terms: Vec<String>,
}

impl Lazy {
    fn get(&self) -> &ZhSegmenter {
        self.ready.get_or_init(|| ZhSegmenter::new(self.terms.iter().map(String::as_str)))
    }

    /// Build it, in a job: on a panic it stays unbuilt, and the next `get` builds it again and meets the panic.
    fn build_quietly(&self) {
        let _ = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            self.get();
        }));
    }
}

impl LazySegmenter {
    /// Build `ZhSegmenter::new(terms)` in a job on the current rayon pool (the global one outside any): on one of
    /// the pool's threads, not a thread of its own, so that work on a pool of N threads keeps to N (on one thread, the
    /// first [`LazySegmenter::get`] builds it, unless the thread was free before). While [`preload`]'s parse is
    /// waiting or running, its job builds this one right after it, so that no thread waits for the parse.
    pub fn spawn(terms: Vec<String>) -> LazySegmenter {
        let inner = Arc::new(Lazy { ready: OnceLock::new(), terms });
        let job = Arc::clone(&inner);
        let mut state = lock(&PRELOADED);
        if matches!(state.0, Preload::Queued | Preload::Running) {
            state.1.push(job);
        } else {
            drop(state);
            rayon::spawn(move || job.build_quietly());
        }
        LazySegmenter { inner }
    }

    /// The segmenter: built here if its build has not started, waited for if it is running.
    ///
    /// # Panics
    ///
    /// If the build panics (jieba could not load its own embedded dictionary).
    pub fn get(&self) -> &ZhSegmenter {
        self.inner.get()
    }

    /// True when [`LazySegmenter::get`] would not wait or build: the build is over.
    pub fn is_ready(&self) -> bool {
        self.inner.ready.get().is_some()
    }
}

impl From<ZhSegmenter> for LazySegmenter {
    fn from(segmenter: ZhSegmenter) -> LazySegmenter {
        LazySegmenter { inner: Arc::new(Lazy { ready: OnceLock::from(segmenter), terms: Vec::new() }) }
    }
}

/// True when jieba cuts `term`, segmented alone, as a single token.
fn is_one_token(jieba: &Jieba, term: &str) -> bool {
    jieba.cut(term, HMM).len() == 1
}

/// True for a character of jieba's default block class (its `re_han_default`): CJK ideographs, ASCII letters and
/// digits, and `+#&._%-`.
pub fn is_jieba_block_char(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric() || matches!(c, '+' | '#' | '&' | '.' | '_' | '%' | '-');
    }
    matches!(c,
        '\u{4E00}'..='\u{9FFF}'
        | '\u{3400}'..='\u{4DBF}'
        | '\u{F900}'..='\u{FAFF}'
        | '\u{20000}'..='\u{2A6DF}'
        | '\u{2A700}'..='\u{2EBEF}'
        | '\u{2F800}'..='\u{2FA1F}')
}

/// The maximal run of jieba block characters ([`is_jieba_block_char`]) around `span`: `span` extended left and right
/// while the neighbouring char is a block char. This is the unit jieba segments on its own, so its tokens are the
/// same whether it is cut alone or as part of the whole `text`. `span` must lie on char boundaries of `text`.
pub fn jieba_block(text: &str, span: Span) -> Span {
    let start = text[..span.start]
        .char_indices()
        .rev()
        .take_while(|&(_, c)| is_jieba_block_char(c))
        .last()
        .map_or(span.start, |(i, _)| i);
    let end = text[span.end..]
        .char_indices()
        .find(|&(_, c)| !is_jieba_block_char(c))
        .map_or(text.len(), |(i, _)| span.end + i);
    Span::new(start, end)
}

/// Number of words in `text`: the pieces the `tokenizers` `Whitespace` pre-tokenizer (`\w+|[^\w\s]+`) splits it into
/// that hold at least one letter or digit (punctuation pieces are not words).
pub fn latin_words(text: &str) -> usize {
    let mut pre = PreTokenizedString::from(text);
    if Whitespace.pre_tokenize(&mut pre).is_err() {
        // The Whitespace pre-tokenizer cannot fail (its regex is fixed); count by the same rule if it ever did.
        return count_word_runs(text);
    }
    pre.get_splits(OffsetReferential::Original, OffsetType::Byte)
        .iter()
        .filter(|(piece, _, _)| piece.chars().any(char::is_alphanumeric))
        .count()
}

/// Runs of word chars, the fallback of [`latin_words`].
fn count_word_runs(text: &str) -> usize {
    let mut count = 0;
    let mut inside = false;
    for c in text.chars() {
        let word = is_word_char(c);
        if word && !inside {
            count += 1;
        }
        inside = word;
    }
    count
}

/// A letter, digit or `_` that is not Han: the chars that run together into one Latin-script word.
fn is_word_char(c: char) -> bool {
    (c.is_alphanumeric() || c == '_') && !gwr_core::is_han(c)
}

/// The Latin word-boundary rule at byte `pos` of `text`: false when the chars on both sides of `pos` are non-Han
/// letters, digits or `_` (so `ai` is not a word inside `maintain`), true otherwise (text edges, spaces,
/// punctuation, Han next to Latin). Two Han chars are a boundary here too: between Han chars the matcher asks jieba
/// instead. A `pos` that is not a char boundary is not a word boundary.
pub fn is_word_boundary(text: &str, pos: usize) -> bool {
    if pos > text.len() || !text.is_char_boundary(pos) {
        return false;
    }
    let before = text[..pos].chars().next_back();
    let after = text[pos..].chars().next();
    match (before, after) {
        (Some(a), Some(b)) => !(is_word_char(a) && is_word_char(b)),
        _ => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tokens<'t>(segmenter: &ZhSegmenter, text: &'t str) -> Vec<&'t str> {
        let mut cuts = Vec::new();
        segmenter.boundaries(text, &mut cuts);
        cuts.windows(2).map(|w| &text[w[0]..w[1]]).collect()
    }

    #[test]
    fn added_terms_are_never_split() {
        let terms = ["核能", "信创", "阿秒", "东数西算", "低空经济", "具身智能", "量子科技", "人工智能+"];
        let segmenter = ZhSegmenter::new(terms);
        for term in terms {
            assert_eq!(tokens(&segmenter, term), [term], "term {term} alone");
        }
        let text = "东数西算和低空经济，还有具身智能、阿秒、信创";
        let toks = tokens(&segmenter, text);
        for term in ["东数西算", "低空经济", "具身智能", "阿秒", "信创"] {
            assert!(toks.contains(&term), "term {term} in context: {toks:?}");
        }
    }

    #[test]
    fn boundaries_include_both_ends() {
        let segmenter = ZhSegmenter::new([]);
        let mut cuts = vec![99];
        segmenter.boundaries("", &mut cuts);
        assert_eq!(cuts, [0]);
        segmenter.boundaries("量子科技", &mut cuts);
        assert_eq!(cuts.first(), Some(&0));
        assert_eq!(cuts.last(), Some(&"量子科技".len()));
    }

    #[test]
    fn jieba_block_is_the_han_and_ascii_run() {
        let cases = [
            ("发展低空经济，推动", "低空", "发展低空经济"),
            ("，5g基站建设。", "基站", "5g基站建设"),
            ("ai赋能 more", "ai", "ai赋能"),
            ("量子", "量子", "量子"),
            ("100%增长-率.", "增长", "100%增长-率."),
        ];
        for (text, inner, want) in cases {
            let at = text.find(inner).expect("inner in text");
            let block = jieba_block(text, Span::new(at, at + inner.len()));
            assert_eq!(block.slice(text), want, "block around {inner} in {text}");
        }
    }

    #[test]
    fn word_boundary_table() {
        let cases = [
            ("maintain", 2, false),
            ("maintain", 0, true),
            ("maintain", 8, true),
            ("ai赋能", 2, true),
            ("用ai", 3, true),
            ("ai chips", 2, true),
            ("5g", 1, false),
            ("foo_bar", 3, false),
            ("l'ia", 2, true),
            ("量子", 3, true),
            ("量子", 1, false),
            ("économie", 2, false),
        ];
        for (text, pos, want) in cases {
            assert_eq!(is_word_boundary(text, pos), want, "boundary at {pos} of {text:?}");
        }
    }

    #[test]
    fn latin_word_counts() {
        let cases = [
            ("", 0),
            ("Artificial intelligence", 2),
            ("l'intelligence artificielle, c'est tout.", 6),
            ("5G networks: 3.5 GHz!", 5),
            ("  ... ", 0),
        ];
        for (text, want) in cases {
            assert_eq!(latin_words(text), want, "words in {text:?}");
            assert_eq!(count_word_runs(text), want, "fallback count of {text:?}");
        }
    }

    #[test]
    fn public_types_are_send_sync() {
        fn check<T: Send + Sync>() {}
        check::<ZhSegmenter>();
        check::<LazySegmenter>();
    }

    #[test]
    fn a_lazy_segmenter_cuts_as_the_segmenter_built_at_once() {
        let terms = vec!["低空经济".to_string(), "量子科技".to_string()];
        let lazy = LazySegmenter::spawn(terms.clone());
        let eager = ZhSegmenter::new(terms.iter().map(String::as_str));
        // Ready once the build is over, before any `get`.
        while !lazy.is_ready() {
            std::thread::sleep(std::time::Duration::from_millis(1));
        }
        assert!(lazy.inner.ready.get().is_some(), "built by its job, before any `get`");
        let text = "发展低空经济和量子科技产业";
        let (mut a, mut b) = (Vec::new(), Vec::new());
        // Several threads asking at once all wait for the same build.
        std::thread::scope(|s| {
            for _ in 0..3 {
                s.spawn(|| lazy.get());
            }
        });
        lazy.get().boundaries(text, &mut a);
        eager.boundaries(text, &mut b);
        assert_eq!(a, b);
        assert!(a.contains(&"发展".len()) && a.contains(&"发展低空经济".len()), "{a:?}");
        assert!(lazy.is_ready());
        let ready = LazySegmenter::from(eager);
        assert!(ready.is_ready());
        ready.get().boundaries(text, &mut b);
        assert_eq!(a, b);
    }

    #[test]
    fn on_a_pool_of_one_busy_thread_the_first_get_builds_the_segmenter_itself() {
        // The build is a job of the pool, and the pool's only thread is busy here: `get` must not wait for the job
        // (it would wait forever) but build the segmenter itself.
        let pool = rayon::ThreadPoolBuilder::new().num_threads(1).build().expect("pool");
        let terms = vec!["低空经济".to_string()];
        let cuts = pool.install(|| {
            preload();
            let lazy = LazySegmenter::spawn(terms.clone());
            let mut cuts = Vec::new();
            lazy.get().boundaries("发展低空经济", &mut cuts);
            cuts
        });
        assert_eq!(cuts, vec![0, "发展".len(), "发展低空经济".len()]);
    }

    #[test]
    fn a_segmenter_taking_the_preloaded_dictionary_cuts_as_one_copying_it() {
        preload();
        let terms = ["算力网络", "低空经济"];
        let first = ZhSegmenter::new(terms);
        let second = ZhSegmenter::new(terms);
        let text = "建设算力网络和低空经济示范区";
        let (mut a, mut b) = (Vec::new(), Vec::new());
        first.boundaries(text, &mut a);
        second.boundaries(text, &mut b);
        assert_eq!(a, b);
        assert!(a.contains(&"建设".len()) && a.contains(&"建设算力网络".len()), "{a:?}");
    }
}
