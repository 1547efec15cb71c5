//! Shared types of the gwr pipeline.
//!
//! This crate sits at the bottom of the dependency graph: every other gwr crate depends on it and it depends on no
//! gwr crate. It holds only plain data: byte [`Span`]s, document metadata ([`DocMeta`]), the [`Lang`] of a text, the
//! outcome of reading an input ([`Status`]) and a counted match ([`Hit`]).
//!
//! # Example
//!
//! ```
//! use gwr_core::Span;
//!
//! let text = "发展量子科技";
//! let span = Span::new(6, 12);
//! assert_eq!(span.slice(text), "量子");
//! assert_eq!(span.len(), 6);
//! Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # Crate features
//!
//! None.

use serde::{Deserialize, Serialize};
use std::fmt;

/// A half-open byte range `start..end` into some text.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Span {
    /// First byte of the range.
    pub start: usize,
    /// One past the last byte of the range.
    pub end: usize,
}

impl Span {
    /// A span from `start` to `end`. Panics in debug builds when `start > end`.
    pub fn new(start: usize, end: usize) -> Span {
        debug_assert!(start <= end, "span start {start} after end {end}");
        Span { start, end }
    }

    /// Length in bytes.
    pub fn len(&self) -> usize {
        self.end - self.start
    }

    /// True when the span covers no byte.
    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }

    /// The text this span covers. Panics when the span is out of bounds or not on char boundaries.
    pub fn slice<'t>(&self, text: &'t str) -> &'t str {
        &text[self.start..self.end]
    }

    /// This span moved right by `by` bytes.
    pub fn offset(&self, by: usize) -> Span {
        Span::new(self.start + by, self.end + by)
    }

    /// True when `other` lies inside this span.
    pub fn contains(&self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }
}

impl fmt::Display for Span {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}..{}", self.start, self.end)
    }
}

/// The language of a document or of a run of text.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    /// Chinese (Simplified or Traditional).
    #[default]
    Zh,
    /// English.
    En,
    /// French.
    Fr,
    /// Undetermined (ISO 639-2 `und`): a text too short to tell, or one that mixes scripts without a majority.
    /// Scored in a group of its own, never merged into another language; matched without Latin stemming.
    Und,
}

impl Lang {
    /// The ISO 639-1 code: `zh`, `en` or `fr`; `und` (ISO 639-2) for [`Lang::Und`].
    pub fn code(self) -> &'static str {
        match self {
            Lang::Zh => "zh",
            Lang::En => "en",
            Lang::Fr => "fr",
            Lang::Und => "und",
        }
    }

    /// True for the languages written in Latin script (`en`, `fr`): their words are stemmed before matching and
    /// their rates counted per 10,000 words.
    pub fn is_latin(self) -> bool {
        matches!(self, Lang::En | Lang::Fr)
    }

    /// Parse an ISO 639-1 code or a common name (`zh`, `chinese`, `中文`, `en`, `english`, `fr`, `français`...).
    pub fn parse(s: &str) -> Option<Lang> {
        match s.trim().to_lowercase().as_str() {
            "zh" | "zh-cn" | "zh-hans" | "zh-hant" | "zh-tw" | "cn" | "chinese" | "中文" | "汉语" => Some(Lang::Zh),
            "en" | "en-us" | "en-gb" | "english" | "英文" | "anglais" => Some(Lang::En),
            "fr" | "fr-fr" | "french" | "français" | "francais" | "法文" => Some(Lang::Fr),
            "und" => Some(Lang::Und),
            _ => None,
        }
    }

    /// All languages gwr has a dictionary for, in a stable order ([`Lang::Und`] is not one).
    pub const ALL: [Lang; 3] = [Lang::Zh, Lang::En, Lang::Fr];
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// Region code of a document whose region could not be found.
pub const UNKNOWN_REGION: &str = "unknown";

/// Region code of the State Council's national report.
pub const NATIONAL_REGION: &str = "CN";

/// What happened to one input (a file, or a row of a CSV/JSONL corpus).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// Read and counted.
    Ok,
    /// Deliberately not counted (not a report, a duplicate, empty after cleaning...).
    Skipped,
    /// Could not be read.
    Failed,
}

impl Status {
    /// `ok`, `skipped` or `failed`.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Ok => "ok",
            Status::Skipped => "skipped",
            Status::Failed => "failed",
        }
    }
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Metadata of one document, as found by ingestion.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocMeta {
    /// Stable identifier, unique within a run (derived from the source, not from the order of reading).
    pub doc_id: String,
    /// Where the document came from: a path, plus `#row` (1-based data row) for CSV/JSONL rows.
    pub source: String,
    /// ISO 3166-2:CN code (`CN-AH`) for a province, `CN` for the national report, the six-digit adcode for a
    /// prefecture or county, `x:<value>` for a region metadata value not in the gazetteer, `unknown:<doc_id>` for
    /// an ok document whose region was not found, [`UNKNOWN_REGION`] for inputs not read.
    pub region_code: String,
    /// Chinese name of the region, empty when unknown.
    pub region_name: String,
    /// Year of the report, when known.
    pub year: Option<u16>,
    /// Language: from metadata when given, else detected.
    pub lang: Lang,
    /// Encoding the bytes were decoded from (`UTF-8`, `UTF-8 BOM`, `UTF-16LE BOM`, `GB18030`...).
    pub encoding: String,
    /// Title, when the input gives one.
    pub title: Option<String>,
    /// Administrative level of the region: `national`, `province`, `prefecture`, `county`, or `unknown` (also for
    /// a region metadata value kept as given, `x:<value>`).
    #[serde(default)]
    pub level: String,
    /// GB/T 2260 code of the region (`340000`, `340100`, `340123`); empty for the national level and unknown ones.
    #[serde(default)]
    pub adcode: String,
    /// ISO code of the province of a prefecture or county, `CN` for a province, empty otherwise.
    #[serde(default)]
    pub parent: String,
}

/// One counted match of a dictionary concept.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Hit {
    /// Document the match is in.
    pub doc_id: String,
    /// Concept id from the dictionary.
    pub concept: String,
    /// Sector id of the concept.
    pub sector: String,
    /// The matched text exactly as in the decoded source: `text[start..end]`.
    pub surface: String,
    /// Byte offset of the first byte in the decoded source text.
    pub start: usize,
    /// Byte offset one past the last byte in the decoded source text.
    pub end: usize,
    /// About 30 characters each side of the match, from the source text.
    pub context: String,
    /// True when the match lies in the report's closing glossary (名词解释).
    pub in_glossary: bool,
}

/// True for a Han (CJK ideograph) character, the unit of the per-10,000-character rates.
pub fn is_han(c: char) -> bool {
    is_han_code_point(c as u32)
}

/// [`is_han`] for a code point given as a number (as a decoder holds it).
#[inline]
pub fn is_han_code_point(cp: u32) -> bool {
    matches!(cp, 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x2A6DF | 0x2A700..=0x2EBEF | 0x30000..=0x3134F)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn span_slices_and_offsets() {
        let text = "ab量子cd";
        let s = Span::new(2, 8);
        assert_eq!(s.slice(text), "量子");
        assert_eq!(s.offset(1), Span::new(3, 9));
        assert!(Span::new(0, 10).contains(s));
        assert!(!s.contains(Span::new(0, 3)));
    }

    #[test]
    fn lang_parse_accepts_codes_and_names() {
        assert_eq!(Lang::parse("ZH"), Some(Lang::Zh));
        assert_eq!(Lang::parse("Français"), Some(Lang::Fr));
        assert_eq!(Lang::parse("english"), Some(Lang::En));
        assert_eq!(Lang::parse("de"), None);
        assert_eq!(Lang::parse("und"), Some(Lang::Und));
        assert_eq!(Lang::Und.code(), "und");
        assert!(Lang::En.is_latin() && Lang::Fr.is_latin() && !Lang::Zh.is_latin() && !Lang::Und.is_latin());
    }

    #[test]
    fn han_detection() {
        assert!(is_han('量'));
        assert!(is_han('𠀀'));
        assert!(!is_han('A'));
        assert!(!is_han('，'));
    }

    #[test]
    fn public_types_are_send_sync() {
        fn check<T: Send + Sync>() {}
        check::<Span>();
        check::<DocMeta>();
        check::<Hit>();
    }
}
