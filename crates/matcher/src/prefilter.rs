//! Where a pattern may start: a filter over the first bytes of every pattern, so that the automaton runs only at
//! the few places of a text where some pattern can begin.
//!
//! Patterns are sorted by their first bytes into three exact or probabilistic sets:
//!
//! - a pattern of 6 bytes or more (two Han characters, or six Latin letters) is found through two blocked Bloom
//!   filters (three bits per key, all in one 64-bit word, so a test is one read): the first (8 KiB, read at every
//!   char) holds the pattern's first 6 bytes; the second (32 KiB) its first 9 bytes (three Han characters), or all
//!   of a pattern of 6, 7 or 8 bytes (its first 6 for 6 or 7), each length with its own tag. A position passes
//!   when its 6 bytes are in the first filter, and then its 6, 8 or 9 bytes are in the second: the second filter
//!   is read only at the few positions that pass the first;
//! - a shorter pattern that starts with a three-byte char (`氢`) sets the bit of that char in an exact table of the
//!   65,536 three-byte code points;
//! - any other shorter pattern (`ai`, `5g`, `iot`) sets the bit of its first two bytes in an exact table of 65,536
//!   bits (a one-byte pattern sets all 256 bits of its byte).
//!
//! There are no false negatives: if a pattern matches at `p`, the text at `p` holds the pattern's key, whose bits
//! were all set when the pattern was added, so [`StartFilter::may_start`] is true there. A false positive only
//! costs an anchored search that finds nothing. On the national reports about 1 % of char positions pass.

/// Words of the first Bloom filter (6-byte keys), read at every char: 1,024 words, 8 KiB, small enough to stay in
/// the L1 cache beside the pipeline's other tables.
const BLOOM6_WORDS: usize = 1 << 10;
/// Words of the second Bloom filter (6-, 8- and 9-byte keys), read only where the first passes: 4,096 words,
/// 32 KiB.
const BLOOM8_WORDS: usize = 1 << 12;

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
    /// Whether `first_char` has any bit set (it is then read at every three-byte char).
    any_first_char: bool,
    /// First 6 bytes of every long pattern.
    bloom6: Bloom<BLOOM6_WORDS>,
    /// First 9 bytes of every long pattern of 9 bytes or more, all 8 of one of 8 bytes, first 6 of the others
    /// (each length with its own tag).
    bloom8: Bloom<BLOOM8_WORDS>,
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
            bloom6: Bloom::new(),
            bloom8: Bloom::new(),
        };
        for p in patterns {
            let n = p.len();
            if n >= LONG {
                let k6 = key(p, 0, 6);
                filter.bloom6.add(k6, 6);
                match n {
                    6 | 7 => filter.bloom8.add(k6, 6),
                    8 => filter.bloom8.add(key(p, 0, 8), 8),
                    _ => filter.bloom8.add(key9(key(p, 0, 8), p[8]), 9),
                }
            } else if n >= 3 && char_len(p[0]) == 3 {
                set(&mut filter.first_char[..], code_point3(p[0], p[1], p[2]));
                filter.any_first_char = true;
            } else if n == 1 {
                for b1 in 0..=255u8 {
                    set(&mut filter.two_bytes[..], pair(p[0], b1));
                }
            } else if n >= 2 {
                set(&mut filter.two_bytes[..], pair(p[0], p[1]));
            }
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
        short || p + LONG <= n && self.bloom6.has(key(text, p, 6), 6)
    }

    /// [`StartFilter::may_start`] at a position followed by at least 8 bytes, given as `v`, the little-endian
    /// integer of those 8 bytes, and `next`, the byte after them if there is one. A pattern led by a three-byte char
    /// is short in `first_char` or long in the Bloom filters, never in `two_bytes`, so a three-byte char reads
    /// `first_char` only and any other char `two_bytes` only.
    #[inline]
    fn may_start_word(&self, v: u64, next: Option<u8>) -> bool {
        if is_three_byte_lead(v as u8) {
            self.may_start_three(v, || next)
        } else {
            self.may_start_other(v, || next)
        }
    }

    /// [`StartFilter::may_start_word`] at a three-byte char; `next` is read only where the 6-byte key passes.
    #[inline(always)]
    fn may_start_three(&self, v: u64, next: impl FnOnce() -> Option<u8>) -> bool {
        let short =
            self.any_first_char && get(&self.first_char[..], code_point3(v as u8, (v >> 8) as u8, (v >> 16) as u8));
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
        let k6 = v & 0xFFFF_FFFF_FFFF;
        self.bloom6.has(k6, 6)
            && (self.bloom8.has(k6, 6)
                || self.bloom8.has(v, 8)
                || next().is_some_and(|next| self.bloom8.has(key9(v, next), 9)))
    }

    /// The first char position in `from..until` where a pattern may start ([`StartFilter::may_start`]), stepping
    /// char by char; `from` must be a char boundary of the UTF-8 `text`, `until <= text.len()`.
    #[inline]
    pub(crate) fn next_candidate(&self, text: &[u8], from: usize, until: usize) -> Option<usize> {
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
                if self.may_start_three(v, next) {
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

/// A blocked Bloom filter of `WORDS` 64-bit words (a power of two): each key sets bits in one word, so that a test
/// reads one word.
#[derive(Clone)]
struct Bloom<const WORDS: usize> {
    words: Box<[u64; WORDS]>,
}

impl<const WORDS: usize> Bloom<WORDS> {
    fn new() -> Bloom<WORDS> {
        assert!(WORDS.is_power_of_two());
        Bloom { words: Box::new([0; WORDS]) }
    }

    /// The word of a key of `len` bytes and the bits the key sets in it: slices of one multiplicative hash, all
    /// from its upper bits, which depend on every byte of a 6-byte key.
    #[inline(always)]
    fn slot(&self, key: u64, len: u64) -> (usize, u64) {
        let x = (key ^ len << 59).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        let bits = 1 << (x >> 48 & 63) | 1 << (x >> 42 & 63) | 1 << (x >> 36 & 63);
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
        assert_eq!(filter.next_candidate(text, 0, text.len()), Some(6));
        assert_eq!(filter.next_candidate(text, 7, text.len()), Some(14));
        assert_eq!(filter.next_candidate(text, 8, 14), None);
        assert_eq!(char_len("量".as_bytes()[0]), 3);
    }
}
