//! Text normalization with an alignment from every normalized byte back to the source.
//!
//! Documents and dictionary terms are matched in *normalized* text, so that `量子計算`, `ＡＩ` and `Informatique
//! Quantique` find the terms `量子计算`, `ai` and `informatique quantique`. [`normalize`] applies, to every source
//! character:
//!
//! 1. Unicode NFKC (full-width forms become half-width: `ＡＢ１２（）：；` → `AB12():;`, `㎡` → `m2`, `ﬁ` → `fi`);
//! 2. lowercasing;
//! 3. accent folding: canonical decomposition with every combining mark removed (`é` → `e`, `ç` → `c`), and the French
//!    ligatures `œ` → `oe`, `æ` → `ae`;
//! 4. Traditional → Simplified Chinese, one character to one character, from OpenCC's character table
//!    (`data/t2s.tsv`).
//!
//! The transform works one source character at a time: a source char becomes zero or more normalized chars, and the
//! [`Normalized`] result maps every normalized char boundary back to the exact source char boundary, so a match
//! found in normalized text can be shown exactly as it appears in the source. Compositions *across* source
//! characters that involve no combining mark (conjoining Hangul jamo) are not performed; combining marks are removed
//! anyway, so for Latin, Greek, Cyrillic and Han text the result equals NFKC followed by the other steps.
//! [`normalize_term`] applies the same transform to a dictionary term, without the alignment.
//!
//! The transform is idempotent: normalizing normalized text changes nothing.
//!
//! # Example
//!
//! ```
//! use gwr_core::Span;
//! use gwr_normalize::normalize;
//!
//! let source = "發展ＡＩ與量子計算";
//! let norm = normalize(source);
//! assert_eq!(norm.text, "发展ai与量子计算");
//! let at = norm.text.find("量子计算").ok_or("term not found")?;
//! let span = norm.source_span(Span::new(at, at + "量子计算".len()));
//! assert_eq!(span.slice(source), "量子計算");
//! assert_eq!(gwr_normalize::normalize_term("ＡＩ"), "ai");
//! Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # Crate features
//!
//! None.

pub mod latin;
mod table;

use gwr_core::Span;
pub use latin::{fold_latin, fold_latin_term, LatinFolded, Stemming};
use table::Tables;

/// Normalized text with its alignment back to the source it was made from.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Normalized {
    /// The normalized text.
    pub text: String,
    /// Places where the offset between normalized and source bytes changes, sorted by `norm_start`. Between two of
    /// them (and before the first) the text is copied byte for byte, so the mapping is a constant shift.
    atoms: Vec<Atom>,
    /// Chars of the source.
    source_chars: u64,
    /// Han chars of the source ([`gwr_core::is_han`]).
    source_han_chars: u64,
}

/// One source char whose normalized form has another shape than the char itself (a different byte length or several
/// chars), possibly followed by removed source chars.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Atom {
    /// Normalized range the source char became (empty when the source char was removed).
    norm_start: usize,
    norm_end: usize,
    /// Source range of the char.
    src_start: usize,
    src_end: usize,
    /// Source offset matching `norm_end`: `src_end` plus any removed chars right after it.
    src_resume: usize,
}

impl Normalized {
    /// Number of chars of the source (counted while normalizing, so that no other pass over the source is needed).
    pub fn source_chars(&self) -> u64 {
        self.source_chars
    }

    /// Number of Han chars ([`gwr_core::is_han`]) of the source.
    pub fn source_han_chars(&self) -> u64 {
        self.source_han_chars
    }

    /// The source byte offset of normalized byte offset `norm_byte`.
    ///
    /// At a char boundary of [`Normalized::text`] this is the start of the source char that produced the normalized
    /// char starting there (`text.len()` maps to the source length). A boundary *inside* the expansion of one source
    /// char (between `f` and `i` of `ﬁ` → `fi`) maps to the start of that source char. Source chars that were removed
    /// (combining marks) belong to the char before them. For an offset that is not a char boundary the result is
    /// unspecified but within the source.
    ///
    /// # Panics
    ///
    /// When `norm_byte > self.text.len()`.
    pub fn source_offset(&self, norm_byte: usize) -> usize {
        self.locate(norm_byte).0
    }

    /// The source span of normalized span `norm`, widened to whole source chars: `span.slice(source)` is exactly the
    /// source text that normalized to `norm.slice(&self.text)`, plus the rest of a source char when `norm` cuts
    /// through its expansion, plus removed marks that follow the last char.
    ///
    /// # Panics
    ///
    /// When `norm.end > self.text.len()` or `norm.start > norm.end`.
    pub fn source_span(&self, norm: Span) -> Span {
        assert!(norm.start <= norm.end, "normalized span {norm} is reversed");
        let start = self.locate(norm.start).0;
        let end = self.locate(norm.end).1;
        Span::new(start, end.max(start))
    }

    /// Source offsets of normalized offset `x`: (start side, end side). They differ only inside an expansion.
    #[inline]
    fn locate(&self, x: usize) -> (usize, usize) {
        assert!(x <= self.text.len(), "normalized offset {x} is past the end of the text ({} bytes)", self.text.len());
        let k = self.atoms.partition_point(|a| a.norm_start <= x);
        let Some(a) = k.checked_sub(1).map(|k| &self.atoms[k]) else {
            return (x, x);
        };
        if x < a.norm_end {
            if x == a.norm_start {
                (a.src_start, a.src_start)
            } else {
                (a.src_start, a.src_end)
            }
        } else {
            let s = a.src_resume + (x - a.norm_end);
            (s, s)
        }
    }
}

/// Normalize `source`: NFKC, lowercase, accent folding, Traditional → Simplified, with an alignment back to `source`.
pub fn normalize(source: &str) -> Normalized {
    let tables = Tables::get();
    let bytes = source.as_bytes();
    let mut text = String::with_capacity(source.len());
    let mut atoms = Vec::new();
    // Start of the pending run of unchanged bytes.
    let mut run = 0;
    let mut i = 0;
    let mut scratch = String::new();
    let (mut chars, mut han) = (0u64, 0u64);
    while i < bytes.len() {
        // Fast path for the bulk of a Chinese report: a run of unchanged three-byte chars, each read as one word,
        // stepping by a constant (the processor runs ahead on the predicted branch). Its chars are counted from its
        // length after it, its Han chars by a table.
        let run_start = i;
        while let Some(&[b0, b1, b2, b3]) = bytes.get(i..i + 4) {
            let w = u32::from_le_bytes([b0, b1, b2, b3]);
            if w & 0xF0 != 0xE0 {
                break;
            }
            // The code point's 64-bit word in the tables (its top 10 bits) and its bit in that word (the low 6 bits
            // of the third byte; a shift uses only the low 6 bits of its count).
            let word = ((w & 0x0F) << 6 | (w >> 8) & 0x3F) as usize;
            let bit = w >> 16;
            if !tables.is_unchanged_at(word, bit) {
                break;
            }
            han += tables.han_at(word, bit);
            i += 3;
        }
        chars += ((i - run_start) / 3) as u64;
        if i >= bytes.len() {
            break;
        }
        let b = bytes[i];
        chars += 1;
        // An unchanged three-byte char as the last three bytes (the loop above reads four).
        if (0xE0..0xF0).contains(&b) && i + 2 < bytes.len() {
            let cp = ((b as u32 & 0x0F) << 12) | ((bytes[i + 1] as u32 & 0x3F) << 6) | (bytes[i + 2] as u32 & 0x3F);
            if tables.is_unchanged(cp) {
                han += u64::from(gwr_core::is_han_code_point(cp));
                i += 3;
                continue;
            }
        }
        if b < 0x80 {
            if b.is_ascii_uppercase() {
                text.push_str(&source[run..i]);
                text.push(b.to_ascii_lowercase() as char);
                i += 1;
                run = i;
            } else {
                i += 1;
            }
            continue;
        }
        let (cp, width) = decode(bytes, i);
        han += u64::from(gwr_core::is_han_code_point(cp));
        let replacement: &str;
        let same_shape: bool;
        if cp < 0x10000 {
            if tables.is_unchanged(cp) {
                i += width;
                continue;
            }
            (replacement, same_shape) = tables.replacement(cp);
        } else {
            let c = char::from_u32(cp).expect("valid utf-8 decodes to a char");
            scratch.clear();
            tables.transform_slow(c, &mut scratch);
            let mut chars = scratch.chars();
            if chars.next() == Some(c) && chars.next().is_none() {
                i += width;
                continue;
            }
            let mut chars = scratch.chars();
            same_shape = matches!((chars.next(), chars.next()), (Some(r), None) if r.len_utf8() == width);
            replacement = &scratch;
        }
        text.push_str(&source[run..i]);
        let norm_start = text.len();
        text.push_str(replacement);
        let end = i + width;
        if replacement.is_empty() {
            match atoms.last_mut() {
                Some(Atom { norm_end, src_resume, .. }) if *norm_end == norm_start => *src_resume = end,
                _ => atoms.push(Atom { norm_start, norm_end: norm_start, src_start: i, src_end: end, src_resume: end }),
            }
        } else if !same_shape {
            atoms.push(Atom { norm_start, norm_end: text.len(), src_start: i, src_end: end, src_resume: end });
        }
        i = end;
        run = i;
    }
    text.push_str(&source[run..]);
    Normalized { text, atoms, source_chars: chars, source_han_chars: han }
}

/// Normalize a dictionary term: the very same transform as [`normalize`], without the alignment.
pub fn normalize_term(term: &str) -> String {
    normalize(term).text
}

/// Decode the (valid UTF-8) non-ASCII char starting at `bytes[i]`: (code point, width in bytes).
#[inline(always)]
fn decode(bytes: &[u8], i: usize) -> (u32, usize) {
    let b = bytes[i] as u32;
    let cont = |k: usize| (bytes[i + k] & 0x3F) as u32;
    if b < 0xE0 {
        (((b & 0x1F) << 6) | cont(1), 2)
    } else if b < 0xF0 {
        (((b & 0x0F) << 12) | (cont(1) << 6) | cont(2), 3)
    } else {
        (((b & 0x07) << 18) | (cont(1) << 12) | (cont(2) << 6) | cont(3), 4)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Check the text, and that every normalized char maps back to the expected source slice.
    fn check(source: &str, want_text: &str, want_pieces: &[(&str, &str)]) {
        let norm = normalize(source);
        assert_eq!(norm.text, want_text, "normalizing {source:?}");
        let mut at = 0;
        for &(norm_piece, src_piece) in want_pieces {
            let span = Span::new(at, at + norm_piece.len());
            assert_eq!(span.slice(&norm.text), norm_piece, "piece layout of {source:?}");
            assert_eq!(norm.source_span(span).slice(source), src_piece, "source of {norm_piece:?} in {source:?}");
            at = span.end;
        }
        assert_eq!(at, norm.text.len(), "pieces cover the whole normalized text of {source:?}");
        assert_eq!(norm.source_offset(norm.text.len()), source.len());
    }

    #[test]
    fn traditional_to_simplified_keeps_offsets() {
        check("量子計算", "量子计算", &[("量", "量"), ("子", "子"), ("计", "計"), ("算", "算")]);
        let norm = normalize("发展量子計算");
        assert_eq!(norm.source_span(Span::new(6, 18)), Span::new(6, 18));
    }

    #[test]
    fn full_width_latin_becomes_lowercase_ascii() {
        check("ＡＩ", "ai", &[("a", "Ａ"), ("i", "Ｉ")]);
        check("（１２）：", "(12):", &[("(", "（"), ("1", "１"), ("2", "２"), (")", "）"), (":", "：")]);
    }

    #[test]
    fn case_folding() {
        check(
            "Informatique Quantique",
            "informatique quantique",
            &[("informatique quantique", "Informatique Quantique")],
        );
    }

    #[test]
    fn french_accents_fold() {
        check("é", "e", &[("e", "é")]);
        check("ç", "c", &[("c", "ç")]);
        check("à", "a", &[("a", "à")]);
        check("Économie", "economie", &[("e", "É"), ("conomie", "conomie")]);
        check("cœur", "coeur", &[("c", "c"), ("o", "œ"), ("e", "œ"), ("ur", "ur")]);
        check("Œ", "oe", &[("oe", "Œ")]);
    }

    #[test]
    fn combining_marks_are_removed_and_belong_to_the_char_before() {
        check("e\u{301}t\u{e9}", "ete", &[("e", "e\u{301}"), ("t", "t"), ("e", "\u{e9}")]);
        let norm = normalize("e\u{301}x");
        assert_eq!(norm.text, "ex");
        assert_eq!(norm.source_offset(1), 3, "x starts after the removed mark");
        check("\u{301}x", "x", &[("x", "x")]);
    }

    #[test]
    fn expansions_align_to_the_whole_source_char() {
        check("100㎡", "100m2", &[("100", "100"), ("m", "㎡"), ("2", "㎡")]);
        check("ﬁnance", "finance", &[("f", "ﬁ"), ("i", "ﬁ"), ("nance", "nance")]);
        let norm = normalize("ﬁn");
        assert_eq!(norm.source_offset(1), 0, "inside an expansion the start maps to the source char start");
        assert_eq!(norm.source_span(Span::new(1, 2)), Span::new(0, 3), "a span inside an expansion widens");
        check("等…", "等...", &[("等", "等"), (".", "…"), (".", "…"), (".", "…")]);
    }

    #[test]
    fn normalize_term_equals_normalize_text() {
        for term in ["量子計算", "ＡＩ", "Intelligence Artificielle", "低空經濟", "5Ｇ"] {
            assert_eq!(normalize_term(term), normalize(term).text);
        }
        assert_eq!(normalize_term("5Ｇ"), "5g");
    }

    #[test]
    fn empty_and_unchanged_text() {
        check("", "", &[]);
        let norm = normalize("发展新质生产力。");
        assert_eq!(norm.text, "发展新质生产力。");
        assert!(norm.atoms.is_empty(), "unchanged text needs no alignment entry");
    }

    #[test]
    fn astral_chars_are_handled() {
        check("𝐀𠀀", "a𠀀", &[("a", "𝐀"), ("𠀀", "𠀀")]);
    }

    #[test]
    fn public_types_are_send_sync() {
        fn check<T: Send + Sync>() {}
        check::<Normalized>();
    }

    fn counts(text: &str) -> (u64, u64) {
        let norm = normalize(text);
        (norm.source_chars(), norm.source_han_chars())
    }

    fn char_by_char(text: &str) -> (u64, u64) {
        (text.chars().count() as u64, text.chars().filter(|&c| gwr_core::is_han(c)).count() as u64)
    }

    #[test]
    fn source_chars_and_han_chars_equal_a_char_by_char_count() {
        for text in ["", "ab", "量子科技", "é量\u{20000}x\u{1F600}㐀", "Ａ１，。\n低空经济 AI", "ﬁ\u{301}計發"]
        {
            assert_eq!(counts(text), char_by_char(text), "{text:?}");
        }
        // Every char, alone and all in one text: both sides of every Han range edge, every UTF-8 length.
        let all: String = (0..=0x10FFFF).filter_map(char::from_u32).collect();
        assert_eq!(counts(&all), char_by_char(&all));
        let mut buf = [0; 4];
        for c in all.chars().filter(|c| (*c as u32) < 0x10000 || (*c as u32).is_multiple_of(61)) {
            assert_eq!(counts(c.encode_utf8(&mut buf)), (1, u64::from(gwr_core::is_han(c))), "U+{:04X}", c as u32);
        }
    }
}
