//! The per-character transform and the tables that make it fast.
//!
//! Every step of gwr's normalization works on one source character at a time, so the whole transform is a function
//! from a char to a (possibly empty) string. For the Basic Multilingual Plane that function is computed once, on first
//! use, into a bitmap of the characters it leaves unchanged plus a table of replacements; characters outside the BMP
//! (rare in the reports) are transformed on the fly.

use std::sync::OnceLock;
use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

/// The Traditional → Simplified character table, generated from OpenCC's `TSCharacters.txt` (see the file header).
const T2S_TSV: &str = include_str!("../data/t2s.tsv");

/// How many transform passes at most are applied to reach a fixed point (the transform is idempotent).
const MAX_PASSES: usize = 4;

/// The replacement of one changed BMP character.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct Replacement {
    /// Start of the replacement text in [`Tables::pool`].
    pub(crate) start: u32,
    /// Length in bytes of the replacement (0: the character is removed).
    pub(crate) len: u8,
    /// True when the replacement is exactly one char of the same UTF-8 length as the source char, so the
    /// alignment does not change (计 for 計, `a` for `A`).
    pub(crate) same_shape: bool,
}

/// Lookup tables for the Basic Multilingual Plane.
pub(crate) struct Tables {
    /// Bit `cp` set when code point `cp` is left unchanged by the transform.
    unchanged: Box<[u64; 1024]>,
    /// Bit `cp` set when BMP code point `cp` is Han ([`gwr_core::is_han_code_point`]): one read instead of six range
    /// tests in the loop over a report's chars.
    han: Box<[u64; 1024]>,
    /// Replacement of every changed BMP code point (unused entries for unchanged ones).
    replacements: Box<[Replacement]>,
    /// All replacement texts, back to back.
    pool: String,
    /// Traditional → Simplified pairs, sorted by the Traditional char.
    t2s: Box<[(char, char)]>,
}

impl Tables {
    /// The tables, built on first use (a few milliseconds).
    pub(crate) fn get() -> &'static Tables {
        static TABLES: OnceLock<Tables> = OnceLock::new();
        TABLES.get_or_init(Tables::build)
    }

    fn build() -> Tables {
        let t2s = parse_t2s(T2S_TSV);
        let mut tables = Tables {
            unchanged: Box::new([u64::MAX; 1024]),
            han: Box::new([0; 1024]),
            replacements: vec![Replacement::default(); 0x10000].into_boxed_slice(),
            pool: String::new(),
            t2s,
        };
        let mut out = String::new();
        for cp in 0..0x10000u32 {
            tables.han[(cp >> 6) as usize] |= u64::from(gwr_core::is_han_code_point(cp)) << (cp & 63);
            let Some(c) = char::from_u32(cp) else {
                continue;
            };
            if tables.plainly_unchanged(c) {
                continue;
            }
            out.clear();
            tables.transform_slow(c, &mut out);
            let mut single = out.chars();
            let unchanged = single.next() == Some(c) && single.next().is_none();
            if unchanged {
                continue;
            }
            tables.unchanged[(cp >> 6) as usize] &= !(1u64 << (cp & 63));
            let mut chars = out.chars();
            let same_shape = matches!((chars.next(), chars.next()), (Some(r), None) if r.len_utf8() == c.len_utf8());
            let len = u8::try_from(out.len()).expect("a normalized char fits in 255 bytes");
            let start = u32::try_from(tables.pool.len()).expect("replacement pool fits in u32");
            tables.pool.push_str(&out);
            tables.replacements[cp as usize] = Replacement { start, len, same_shape };
        }
        tables
    }

    /// 1 when the BMP code point of bit `bit % 64` of word `word` (`cp >> 6`, below 1,024) is Han, else 0.
    #[inline(always)]
    pub(crate) fn han_at(&self, word: usize, bit: u32) -> u64 {
        self.han[word].wrapping_shr(bit) & 1
    }

    /// [`Tables::is_unchanged`] of the code point of bit `bit % 64` of word `word` (`cp >> 6`, below 1,024).
    #[inline(always)]
    pub(crate) fn is_unchanged_at(&self, word: usize, bit: u32) -> bool {
        self.unchanged[word].wrapping_shr(bit) & 1 == 1
    }

    /// True when BMP code point `cp` is left unchanged.
    #[inline(always)]
    pub(crate) fn is_unchanged(&self, cp: u32) -> bool {
        self.is_unchanged_at((cp >> 6) as usize, cp)
    }

    /// The replacement of a changed BMP code point.
    #[inline(always)]
    pub(crate) fn replacement(&self, cp: u32) -> (&str, bool) {
        let r = self.replacements[cp as usize];
        let start = r.start as usize;
        (&self.pool[start..start + r.len as usize], r.same_shape)
    }

    /// Simplified form of `c`, or `c` itself.
    fn t2s(&self, c: char) -> char {
        match self.t2s.binary_search_by_key(&c, |&(t, _)| t) {
            Ok(i) => self.t2s[i].1,
            Err(_) => c,
        }
    }

    /// True when one look shows that the transform leaves `c` as it is: `c` is a Hangul syllable, or it has no
    /// compatibility decomposition (so NFKC, canonical decomposition and recomposition keep it), is its own lower
    /// case, is neither a combining mark nor a ligature the transform spells out, and has no Simplified form.
    /// [`Tables::transform_slow`] says the same for such a char, with a dozen allocations; this keeps them out of
    /// the table build for most of the BMP (33 ms → 8-11 ms).
    fn plainly_unchanged(&self, c: char) -> bool {
        // A Hangul syllable decomposes into conjoining jamo, which recompose into it.
        if ('\u{AC00}'..='\u{D7A3}').contains(&c) {
            return true;
        }
        let mut alone = true;
        unicode_normalization::char::decompose_compatible(c, |d| alone &= d == c);
        let mut lower = c.to_lowercase();
        alone
            && lower.next() == Some(c)
            && lower.next().is_none()
            && !is_combining_mark(c)
            && !matches!(c, 'œ' | 'æ')
            && self.t2s(c) == c
    }

    /// The full transform of one char, appended to `out`, iterated to a fixed point.
    pub(crate) fn transform_slow(&self, c: char, out: &mut String) {
        let mut current = String::new();
        self.one_pass(c, &mut current);
        for _ in 1..MAX_PASSES {
            let mut next = String::with_capacity(current.len());
            for d in current.chars() {
                self.one_pass(d, &mut next);
            }
            if next == current {
                break;
            }
            current = next;
        }
        out.push_str(&current);
    }

    /// One pass: NFKC, lowercase, accent folding (canonical decomposition with every combining mark removed, then
    /// recomposition), French ligatures, Traditional → Simplified.
    fn one_pass(&self, c: char, out: &mut String) {
        let mut folded = String::new();
        for n in std::iter::once(c).nfkc() {
            for l in n.to_lowercase() {
                for d in std::iter::once(l).nfd() {
                    match d {
                        _ if is_combining_mark(d) => {}
                        'œ' => folded.push_str("oe"),
                        'æ' => folded.push_str("ae"),
                        _ => folded.push(self.t2s(d)),
                    }
                }
            }
        }
        out.extend(folded.nfc());
    }
}

/// Parse `traditional<TAB>simplified` lines, skipping `#` comments.
fn parse_t2s(tsv: &str) -> Box<[(char, char)]> {
    let mut pairs: Vec<(char, char)> = tsv
        .lines()
        .filter(|line| !line.starts_with('#') && !line.is_empty())
        .filter_map(|line| {
            let (t, s) = line.split_once('\t')?;
            let mut t = t.chars();
            let mut s = s.chars();
            match (t.next(), t.next(), s.next(), s.next()) {
                (Some(t), None, Some(s), None) => Some((t, s)),
                _ => None,
            }
        })
        .collect();
    pairs.sort_unstable();
    pairs.dedup_by_key(|p| p.0);
    pairs.into_boxed_slice()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn t2s_table_parses_every_line() {
        let lines = T2S_TSV.lines().filter(|l| !l.starts_with('#') && !l.is_empty()).count();
        let tables = Tables::get();
        assert_eq!(tables.t2s.len(), lines, "every data line is a 1:1 pair with a unique key");
        assert_eq!(tables.t2s('計'), '计');
        assert_eq!(tables.t2s('计'), '计');
    }

    #[test]
    fn plainly_unchanged_chars_are_unchanged_by_the_slow_transform() {
        let tables = Tables::get();
        let mut plain = 0;
        for c in (0..0x10000u32).filter_map(char::from_u32) {
            if tables.plainly_unchanged(c) {
                plain += 1;
                let mut out = String::new();
                tables.transform_slow(c, &mut out);
                assert_eq!(out, c.to_string(), "U+{:04X} is not unchanged", c as u32);
            }
        }
        // The shortcut must cover most of the BMP, or the build is slow again.
        assert!(plain > 50_000, "{plain} plainly unchanged chars");
        for c in ['量', '가', 'a', '。'] {
            assert!(tables.plainly_unchanged(c), "{c:?} is plainly unchanged");
        }
        for c in ['Ａ', 'A', '計', 'é', '\u{301}', 'œ', '㎡', 'ﬁ', '，'] {
            assert!(!tables.plainly_unchanged(c), "{c:?} is changed by the transform");
        }
    }

    #[test]
    fn unchanged_bitmap_agrees_with_slow_transform() {
        let tables = Tables::get();
        for c in ['量', '子', 'a', '1', '。', '，', 'A', '計', 'é', '\u{301}'] {
            let mut out = String::new();
            tables.transform_slow(c, &mut out);
            assert_eq!(tables.is_unchanged(c as u32), out == c.to_string(), "char {c:?} -> {out:?}");
        }
    }
}
