//! Where a pattern may start: a filter over the first bytes of every pattern, so that the automaton runs only at
//! the few places of a text where some pattern can begin.
//!
//! Patterns are sorted by their first bytes into three exact or probabilistic sets:
//!
//! - a pattern of 6 bytes or more (two Han characters, or six Latin letters) is found through two blocked Bloom
//!   filters (all the bits of a key in one 64-bit word, so a test is one read): the first (16 KiB, two bits per
//!   key, read at every char) holds the pattern's first 6 bytes; the second (32 KiB, three bits per key) its first
//!   9 bytes (three Han characters), or all of a pattern of 6, 7 or 8 bytes (its first 6 for 6 or 7), each length
//!   with its own tag. A position passes when its 6 bytes are in the first filter, and then its 6, 8 or 9 bytes are
//!   in the second: the second filter is read only at the few positions that pass the first;
//! - a shorter pattern that starts with a three-byte char (`氢`) sets the bit of that char in an exact table of the
//!   65,536 three-byte code points. When there are at most four such patterns (the default dictionary has two, `氢`
//!   and `万p`), a scan does not read that table at every char: it finds their next occurrences, whole, ahead with a
//!   `memchr` substring search ([`Shorts`]) and stops there (so a `万` without `p` costs nothing);
//! - any other shorter pattern (`ai`, `5g`, `iot`) sets the bit of its first two bytes in an exact table of 65,536
//!   bits (a one-byte pattern sets all 256 bits of its byte).
//!
//! There are no false negatives: if a pattern matches at `p`, the text at `p` holds the pattern's key, whose bits
//! were all set when the pattern was added, so [`StartFilter::may_start`] is true there. A false positive only
//! costs an anchored search that finds nothing. On the national reports under 1 % of char positions pass.

/// Words of the first Bloom filter (6-byte keys), read at every char: 2,048 words, 16 KiB, small enough to stay in
/// the L1 cache beside the pipeline's other tables. Two bits per key (not three) take fewer instructions per
/// char; the table twice as large keeps false positives rare.
const BLOOM6_WORDS: usize = 1 << 11;
/// Words of the second Bloom filter (6-, 8- and 9-byte keys), read only where the first passes: 4,096 words,
/// 32 KiB.
const BLOOM8_WORDS: usize = 1 << 12;

/// At most this many short patterns led by a three-byte char are searched for ahead of the scan instead of their first
/// chars being looked up at every char.
const FEW: usize = 4;

/// Patterns of at least this many bytes go to the Bloom filters.
const LONG: usize = 6;

/// Bytes to step from a lead byte to the next char, by the lead byte's top four bits (continuation bytes, which
/// never lead in a `str`, step one byte).
const CHAR_LEN: [u8; 16] = [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 2, 2, 3, 4];

type Bits = [u64; 1024];

/// The start filter of a pattern set. See the module docs.
#[derive(Clone)]
pub(crate) struct StartFilter {
    /// Short patterns not led by a three-byte char: bit `b0 << 8 | b1` of their first two bytes.
    two_bytes: Box<Bits>,
    /// Short patterns led by a three-byte char: bit of that char's code point.
    first_char: Box<Bits>,
    /// Whether `first_char` has any bit set (it is then read at every three-byte char, unless `few_shorts`).
    any_first_char: bool,
    /// The short patterns led by a three-byte char (those of `first_char`), when there are at most [`FEW`] of them:
    /// they are then found whole by a `memchr` substring search ahead of the scan ([`Shorts`]), and `first_char` is
    /// not read at every char.
    few_shorts: Option<Vec<memchr::memmem::Finder<'static>>>,
    /// First 6 bytes of every long pattern.
    bloom6: Bloom<BLOOM6_WORDS, 2>,
    /// First 9 bytes of every long pattern of 9 bytes or more, all 8 of one of 8 bytes, first 6 of the others
    /// (each length with its own tag).
    bloom8: Bloom<BLOOM8_WORDS, 3>,
}

impl std::fmt::Debug for StartFilter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let ones = |b: &[u64]| b.iter().map(|w| w.count_ones()).sum::<u32>();
        f.debug_struct("StartFilter")
            .field("two_bytes", &ones(&self.two_bytes[..]))
            .field("first_char", &ones(&self.first_char[..]))
            .field("bloom6", &ones(&self.bloom6.words[..]))
            .field("bloom8", &ones(&self.bloom8.words[..]))
            .finish()
    }
}

impl StartFilter {
    /// The filter of `patterns` (empty patterns are ignored: they cannot be matched).
    pub(crate) fn new<'a>(patterns: impl IntoIterator<Item = &'a [u8]>) -> StartFilter {
        let mut filter = StartFilter {
            two_bytes: Box::new([0; 1024]),
            first_char: Box::new([0; 1024]),
            any_first_char: false,
            few_shorts: None,
            bloom6: Bloom::new(),
            bloom8: Bloom::new(),
        };
        let mut shorts: Vec<&[u8]> = Vec::new();
        for p in patterns {
            let n = p.len();
            if n >= LONG {
                let k6 = key(p, 0, 6);
                filter.bloom6.add(first6(k6), 0);
                match n {
                    6 | 7 => filter.bloom8.add(k6, 6),
                    8 => filter.bloom8.add(key(p, 0, 8), 8),
                    _ => filter.bloom8.add(key9(key(p, 0, 8), p[8]), 9),
                }
            } else if n >= 3 && char_len(p[0]) == 3 {
                set(&mut filter.first_char[..], code_point3(p[0], p[1], p[2]));
                filter.any_first_char = true;
                shorts.push(p);
            } else if n == 1 {
                for b1 in 0..=255u8 {
                    set(&mut filter.two_bytes[..], pair(p[0], b1));
                }
            } else if n >= 2 {
                set(&mut filter.two_bytes[..], pair(p[0], p[1]));
            }
        }
        shorts.sort_unstable();
        shorts.dedup();
        if shorts.len() <= FEW {
            filter.few_shorts = Some(shorts.iter().map(|p| memchr::memmem::Finder::new(p).into_owned()).collect());
        }
        filter
    }

    /// False only when no pattern can start at byte `p` of `text`, a char boundary below `text.len()`.
    #[inline]
    pub(crate) fn may_start(&self, text: &[u8], p: usize) -> bool {
        let n = text.len();
        if p + 8 <= n {
            return self.may_start_word(key(text, p, 8), text.get(p + 8).copied());
        }
        // Near the end of the text: the same tests on the bytes that are left (a short pattern by its first bytes;
        // of the long ones, only a pattern of 6 or 7 bytes still fits).
        let b0 = text[p];
        let b1 = if p + 1 < n { text[p + 1] } else { 0 };
        let short = if char_len(b0) == 3 {
            self.any_first_char && p + 3 <= n && get(&self.first_char[..], code_point3(b0, b1, text[p + 2]))
        } else {
            get(&self.two_bytes[..], pair(b0, b1))
        };
        short || p + LONG <= n && self.bloom6.has(first6(key(text, p, 6)), 0)
    }

    /// [`StartFilter::may_start`] at a position followed by at least 8 bytes, given as `v`, the little-endian
    /// integer of those 8 bytes, and `next`, the byte after them if there is one. A pattern led by a three-byte char
    /// is short in `first_char` or long in the Bloom filters, never in `two_bytes`, so a three-byte char reads
    /// `first_char` only and any other char `two_bytes` only.
    #[inline]
    fn may_start_word(&self, v: u64, next: Option<u8>) -> bool {
        if is_three_byte_lead(v as u8) {
            self.may_start_three::<true>(v, || next)
        } else {
            self.may_start_other(v, || next)
        }
    }

    /// [`StartFilter::may_start_word`] at a three-byte char; `next` is read only where the 6-byte key passes. With
    /// `SHORT` false, short patterns are left out (the caller finds them another way).
    #[inline(always)]
    fn may_start_three<const SHORT: bool>(&self, v: u64, next: impl FnOnce() -> Option<u8>) -> bool {
        let short = SHORT
            && self.any_first_char
            && get(&self.first_char[..], code_point3(v as u8, (v >> 8) as u8, (v >> 16) as u8));
        short || self.may_start_long(v, next)
    }

    /// [`StartFilter::may_start_word`] at any other char.
    #[inline(always)]
    fn may_start_other(&self, v: u64, next: impl FnOnce() -> Option<u8>) -> bool {
        get(&self.two_bytes[..], pair(v as u8, (v >> 8) as u8)) || self.may_start_long(v, next)
    }

    /// Whether a pattern of 6 bytes or more may start with the 8 bytes `v` and the byte `next` after them.
    #[inline(always)]
    fn may_start_long(&self, v: u64, next: impl FnOnce() -> Option<u8>) -> bool {
        self.bloom6.has(first6(v), 0)
            && (self.bloom8.has(v & 0xFFFF_FFFF_FFFF, 6)
                || self.bloom8.has(v, 8)
                || next().is_some_and(|next| self.bloom8.has(key9(v, next), 9)))
    }

    /// The first char position in `from..until` where a pattern may start ([`StartFilter::may_start`]), stepping
    /// char by char; `from` must be a char boundary of the UTF-8 `text`, `until <= text.len()`. `shorts` is the
    /// search state of one scan of `text` with one `until` (a new `Shorts::default()` for each), called with increasing
    /// `from`.
    #[inline]
    pub(crate) fn next_candidate(&self, text: &[u8], from: usize, until: usize, shorts: &mut Shorts) -> Option<usize> {
        match &self.few_shorts {
            Some(patterns) => {
                // The scan stops at the next short pattern, found ahead by a substring search.
                let short = shorts.next(patterns, text, from, until);
                self.next_candidate_in::<false>(text, from, short).or((short < until).then_some(short))
            }
            None => self.next_candidate_in::<true>(text, from, until),
        }
    }

    /// [`StartFilter::next_candidate`], with the short patterns led by a three-byte char tested at every char
    /// (`SHORT`) or left out.
    #[inline(always)]
    fn next_candidate_in<const SHORT: bool>(&self, text: &[u8], from: usize, until: usize) -> Option<usize> {
        let mut p = from;
        // The bulk of the text, where 8 bytes can be read at every position: one load per char, no bounds tests.
        let bulk_end = until.min(text.len().saturating_sub(7));
        while p < bulk_end {
            let v = key(text, p, 8);
            // A three-byte char (Han, Chinese punctuation: most of a report) steps by a constant, so the processor
            // runs on to the next chars on a predicted branch instead of waiting for each char's length (40 % faster
            // on the national reports).
            let next = || text.get(p + 8).copied();
            if is_three_byte_lead(v as u8) {
                if self.may_start_three::<SHORT>(v, next) {
                    return Some(p);
                }
                p += 3;
            } else {
                if self.may_start_other(v, next) {
                    return Some(p);
                }
                p += char_len(v as u8);
            }
        }
        while p < until {
            if self.may_start(text, p) {
                return Some(p);
            }
            p += char_len(text[p]);
        }
        None
    }
}

/// Where the next short pattern led by a three-byte char starts, for a [`StartFilter`] with few of them: one `memchr`
/// substring search per pattern, run again only when the scan has passed what it found, so that each search reads a
/// stretch of the text once.
#[derive(Debug, Default)]
pub(crate) struct Shorts {
    /// Per pattern: the offset of its next occurrence at or after the last `from` (or the `until` of the scan when
    /// there is none before it), `None` before the first search.
    next: [Option<usize>; FEW],
}

impl Shorts {
    /// The first offset in `from..until` where one of `patterns` starts, or `until` when there is none. Not inlined:
    /// it runs once per candidate, and kept out of the scan loop's function it leaves that loop as tight as without
    /// it.
    #[inline(never)]
    fn next(&mut self, patterns: &[memchr::memmem::Finder<'static>], text: &[u8], from: usize, until: usize) -> usize {
        let mut first = until;
        for (pattern, next) in patterns.iter().zip(&mut self.next) {
            let at = match *next {
                Some(at) if at >= from => at,
                _ => {
                    // An occurrence that starts before `until` may end after it.
                    let end = until.saturating_add(pattern.needle().len() - 1).min(text.len());
                    let found = if from < end { pattern.find(&text[from..end]) } else { None };
                    found.map_or(until, |i| (from + i).min(until))
                }
            };
            *next = Some(at);
            first = first.min(at);
        }
        first
    }
}

/// The key of the first 6 bytes of `v` (a little-endian word of at least 6 bytes) in the first Bloom filter: the word
/// shifted up by two bytes, which drops the bytes after the sixth in one instruction (that filter holds one key
/// length only, so it needs no length tag).
#[inline(always)]
fn first6(v: u64) -> u64 {
    v << 16
}

/// True for the first byte of a three-byte char.
#[inline]
fn is_three_byte_lead(b: u8) -> bool {
    b & 0xF0 == 0xE0
}

/// A key for the 9 bytes `v` (the first 8, little-endian) and `next`, the ninth spread over the word by an odd
/// multiplier (so that for one `v` every `next` gives another key). Two Han chars are 6 bytes, so the ninth byte ends
/// a third char, which tells apart most of the places where the first two chars of a longer pattern occur without
/// it.
#[inline(always)]
fn key9(v: u64, next: u8) -> u64 {
    v ^ u64::from(next).wrapping_mul(0x9E37_79B9_7F4A_7C15)
}

/// The length in bytes (1 to 4) of the char that starts with byte `lead`.
#[inline]
pub(crate) fn char_len(lead: u8) -> usize {
    usize::from(CHAR_LEN[usize::from(lead >> 4)])
}

#[inline]
fn pair(b0: u8, b1: u8) -> usize {
    usize::from(b0) << 8 | usize::from(b1)
}

/// The code point of the three-byte char `b0 b1 b2`, in 0..65,536.
#[inline]
fn code_point3(b0: u8, b1: u8, b2: u8) -> usize {
    usize::from(b0 & 0x0F) << 12 | usize::from(b1 & 0x3F) << 6 | usize::from(b2 & 0x3F)
}

/// The `len` bytes at `p` of `bytes` as a little-endian integer (`len <= 8`, `p + len <= bytes.len()`).
#[inline(always)]
fn key(bytes: &[u8], p: usize, len: usize) -> u64 {
    let mut word = [0u8; 8];
    word[..len].copy_from_slice(&bytes[p..p + len]);
    u64::from_le_bytes(word)
}

/// A blocked Bloom filter of `WORDS` 64-bit words (a power of two): each key sets `K` bits (1 to 3) in one word, so
/// that a test reads one word.
#[derive(Clone)]
struct Bloom<const WORDS: usize, const K: u32> {
    words: Box<[u64; WORDS]>,
}

impl<const WORDS: usize, const K: u32> Bloom<WORDS, K> {
    fn new() -> Bloom<WORDS, K> {
        assert!(WORDS.is_power_of_two());
        Bloom { words: Box::new([0; WORDS]) }
    }

    /// The word of a key of `len` bytes and the bits the key sets in it: slices of one multiplicative hash, all
    /// from its upper bits, which depend on every byte of a 6-byte key.
    #[inline(always)]
    fn slot(&self, key: u64, len: u64) -> (usize, u64) {
        let x = (key ^ len << 59).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        let mut bits = 1 << (x >> 48 & 63);
        if K >= 2 {
            bits |= 1 << (x >> 42 & 63);
        }
        if K == 3 {
            bits |= 1 << (x >> 36 & 63);
        }
        ((x >> (64 - WORDS.trailing_zeros())) as usize & (WORDS - 1), bits)
    }

    fn add(&mut self, key: u64, len: u64) {
        let (word, bits) = self.slot(key, len);
        self.words[word] |= bits;
    }

    #[inline(always)]
    fn has(&self, key: u64, len: u64) -> bool {
        let (word, bits) = self.slot(key, len);
        self.words[word] & bits == bits
    }
}

#[inline]
fn set(bits: &mut [u64], i: usize) {
    bits[i >> 6] |= 1 << (i & 63);
}

#[inline]
fn get(bits: &[u64], i: usize) -> bool {
    bits[i >> 6] >> (i & 63) & 1 == 1
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_pattern_passes_at_its_own_start_whatever_follows() {
        let patterns = ["a", "ai", "氢", "5g", "iot", "量子", "量子科技", "informatique quantique", "人工智能+"];
        let filter = StartFilter::new(patterns.iter().map(|p| p.as_bytes()));
        for p in patterns {
            for tail in ["", "x", "，更多文字在后面", "12345678"] {
                let text = format!("前{p}{tail}");
                assert!(filter.may_start(text.as_bytes(), "前".len()), "{p:?} before {tail:?}");
            }
        }
    }

    #[test]
    fn positions_without_a_pattern_start_mostly_fail() {
        let filter = StartFilter::new(["量子科技", "低空经济"].iter().map(|p| p.as_bytes()));
        let text = "各位代表，过去一年我们坚持稳中求进工作总基调，经济运行总体平稳。";
        let passed = text.char_indices().filter(|&(i, _)| filter.may_start(text.as_bytes(), i)).count();
        assert!(passed <= 1, "{passed} false positives on a sentence without the terms");
        let text = "发展量子科技和低空经济";
        let starts: Vec<usize> =
            text.char_indices().map(|(i, _)| i).filter(|&i| filter.may_start(text.as_bytes(), i)).collect();
        assert!(starts.contains(&text.find("量子").unwrap()) && starts.contains(&text.find("低空").unwrap()));
    }

    #[test]
    fn next_candidate_steps_by_chars_and_stops_at_until() {
        let filter = StartFilter::new([b"ai".as_slice()]);
        let text = "量子ai量子ai".as_bytes();
        assert_eq!(filter.next_candidate(text, 0, text.len(), &mut Shorts::default()), Some(6));
        assert_eq!(filter.next_candidate(text, 7, text.len(), &mut Shorts::default()), Some(14));
        assert_eq!(filter.next_candidate(text, 8, 14, &mut Shorts::default()), None);
        assert_eq!(char_len("量".as_bytes()[0]), 3);
    }

    /// Every position `may_start` lets through in `0..until`, in order, by stepping `next_candidate` (one `Shorts`
    /// for the whole walk, as a scan does).
    fn walk(filter: &StartFilter, text: &str, until: usize) -> Vec<usize> {
        let mut shorts = Shorts::default();
        let mut found = Vec::new();
        let mut p = 0;
        while let Some(at) = filter.next_candidate(text.as_bytes(), p, until, &mut shorts) {
            assert!(at >= p, "{at} is before the search start {p} in {text:?}");
            found.push(at);
            p = at + char_len(text.as_bytes()[at]);
        }
        found
    }

    #[test]
    fn next_candidate_stops_at_every_pattern_start_and_only_where_may_start_passes() {
        let few = ["氢", "万p", "量子科技", "ai", "低空经济"];
        let many = ["氢", "万p", "能", "核", "子g", "经", "量子科技", "ai", "低空经济"];
        let pieces =
            ["氢", "万", "p", "能", "核", "子", "g", "经", "量子科技", "低空", "ai", "，", "x", "é", "\u{20000}"];
        for (patterns, searched_ahead) in [(&few[..], true), (&many[..], false)] {
            let filter = StartFilter::new(patterns.iter().map(|p| p.as_bytes()));
            assert_eq!(filter.few_shorts.is_some(), searched_ahead, "{patterns:?}");
            // Texts of 0 to 40 pieces, the pieces picked by a fixed linear congruential sequence.
            let mut seed = 7u64;
            for len in 0..400 {
                let mut text = String::new();
                for _ in 0..len % 41 {
                    seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
                    text.push_str(pieces[(seed >> 33) as usize % pieces.len()]);
                }
                let bytes = text.as_bytes();
                for until in [text.len(), text.len() / 2, text.len().saturating_sub(4)] {
                    let until = (until..=text.len()).find(|&i| text.is_char_boundary(i)).unwrap_or(text.len());
                    let found = walk(&filter, &text, until);
                    let starts = text.char_indices().map(|(i, _)| i).filter(|&i| i < until);
                    for i in starts.clone().filter(|&i| patterns.iter().any(|p| text[i..].starts_with(p))) {
                        assert!(found.contains(&i), "a pattern starts at {i} of {text:?} (until {until}): {found:?}");
                    }
                    for &i in &found {
                        assert!(i < until && filter.may_start(bytes, i), "{i} of {text:?} (until {until})");
                    }
                    assert!(found.windows(2).all(|w| w[0] < w[1]), "{found:?} in order, once each");
                }
            }
        }
    }

    #[test]
    fn a_short_pattern_searched_ahead_passes_only_whole() {
        let filter = StartFilter::new(["万p", "量子科技"].iter().map(|p| p.as_bytes()));
        assert!(filter.few_shorts.is_some());
        let text = "增加一万人，万p算力集群";
        assert_eq!(walk(&filter, text, text.len()), [text.find("万p").unwrap()]);
        // Cut right after its first char: the pattern still starts before `until`.
        let at = text.find("万p").unwrap();
        assert_eq!(walk(&filter, text, at + "万".len()), [at]);
        assert_eq!(walk(&filter, text, at), Vec::<usize>::new());
    }
}
