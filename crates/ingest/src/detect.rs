//! Region, year and language of a document, from metadata, file name or the report's heading.

use gwr_core::{Lang, NATIONAL_REGION};
use gwr_dict::regions::{Gazetteer, Level, Region};

/// How many characters at the start of a report count as its heading.
pub const HEADING_CHARS: usize = 600;

/// The first `HEADING_CHARS` characters of `text`.
pub fn heading(text: &str) -> &str {
    match text.char_indices().nth(HEADING_CHARS) {
        Some((i, _)) => &text[..i],
        None => text,
    }
}

/// The region a free text (a title, a file name, a heading) names: the first provincial-level region in it; the
/// national level only when no other region is named.
pub fn region_in_text(text: &str) -> Option<&'static Region> {
    let found = Gazetteer::builtin().find_all_in(text);
    found.iter().map(|(r, _)| *r).find(|r| r.level != Level::National).or_else(|| found.first().map(|(r, _)| *r))
}

/// The national region (`CN`).
pub fn national() -> Option<&'static Region> {
    Gazetteer::builtin().by_code(NATIONAL_REGION)
}

/// A year written in a metadata value: `2026`, `2026年`, ` 2026 `.
pub fn year_in_value(value: &str) -> Option<u16> {
    let v = value.trim().trim_end_matches('年');
    let v = v.strip_suffix(".0").unwrap_or(v);
    v.parse::<u16>().ok().filter(|y| (1900..=2099).contains(y))
}

/// The first free-standing 4-digit year 19xx/20xx in a file name (not part of a longer number).
pub fn year_in_name(name: &str) -> Option<u16> {
    let b = name.as_bytes();
    (0..b.len().saturating_sub(3)).find_map(|i| {
        let w = &b[i..i + 4];
        let standalone = (i == 0 || !b[i - 1].is_ascii_digit()) && b.get(i + 4).is_none_or(|c| !c.is_ascii_digit());
        if standalone && w.iter().all(u8::is_ascii_digit) && (w.starts_with(b"19") || w.starts_with(b"20")) {
            std::str::from_utf8(w).ok()?.parse().ok()
        } else {
            None
        }
    })
}

fn digit_value(c: char) -> Option<u32> {
    match c {
        '0'..='9' => c.to_digit(10),
        '０'..='９' => Some(c as u32 - '０' as u32),
        '〇' | '○' | '零' | 'Ｏ' => Some(0),
        '一' => Some(1),
        '二' => Some(2),
        '三' => Some(3),
        '四' => Some(4),
        '五' => Some(5),
        '六' => Some(6),
        '七' => Some(7),
        '八' => Some(8),
        '九' => Some(9),
        _ => None,
    }
}

/// The year of the session date in a report heading: `2026年2月5日在…`, `二〇二六年一月二十七日在…` (four digits,
/// Arabic, full-width or Chinese, followed by 年, a month, 月, a day and 日). Section titles like `一、2025年工作回顾`
/// carry no month and day, so they are not taken for the report's year.
pub fn year_in_heading(text: &str) -> Option<u16> {
    let chars: Vec<char> = heading(text).chars().collect();
    for i in 0..chars.len().saturating_sub(5) {
        let digits: Option<Vec<u32>> = chars[i..i + 4].iter().map(|&c| digit_value(c)).collect();
        let Some(digits) = digits else { continue };
        if i > 0 && digit_value(chars[i - 1]).is_some() {
            continue;
        }
        if chars[i + 4] != '年' {
            continue;
        }
        // Month (1-2 numerals, or 十/十一/十二) then 月, then a day then 日, within a few chars.
        let tail: String = chars[i + 5..chars.len().min(i + 16)].iter().collect();
        let month_end = tail.find('月');
        let day_end = tail.find('日');
        let dated = matches!((month_end, day_end), (Some(m), Some(d)) if m > 0 && d > m);
        if !dated {
            continue;
        }
        let year = digits.iter().fold(0, |acc, d| acc * 10 + d);
        if (1900..=2099).contains(&year) {
            return u16::try_from(year).ok();
        }
    }
    None
}

/// How many characters at the start of a text [`detect_lang`] looks at.
const LANG_SAMPLE_CHARS: usize = 20_000;

/// Fewer English and French function words and accented letters than this in a Latin-script text: too short to tell
/// English from French.
const MIN_LATIN_CLUES: usize = 3;

/// Detect the language of a text from its first 20,000 characters, with Latin letters weighed at a third of a Han
/// character (a Chinese word of two characters reads as an English word of six letters):
/// - Chinese when Han characters are at least two thirds of the other letters;
/// - [`Lang::Und`] when they are more than a sixth but less than two thirds (mixed scripts: a bilingual text, a
///   glossary), when there is no letter at all, or when a Latin-script text holds fewer than three function words
///   and accented letters (too short to tell English from French);
/// - else French or English by frequent function words and accented letters.
pub fn detect_lang(text: &str) -> Lang {
    lang_of_sample(text, LANG_SAMPLE_CHARS)
}

/// [`detect_lang`], with the reason when the language is [`Lang::Und`].
pub fn detect_lang_with_reason(text: &str) -> (Lang, Option<String>) {
    classify(text, LANG_SAMPLE_CHARS)
}

/// The language of a document and a note for its flags when one is due: `given` is the language named by `--lang`
/// or by a metadata column, with the name of the one that named it. Given a language, the document is counted in
/// it; the note then says when the text clearly reads as another (`--lang en` on a Chinese report), so that a wrong
/// option is seen instead of silently miscounting. Not given, the language is detected ([`detect_lang`]), and the
/// note says why when it is [`Lang::Und`].
pub fn document_lang(given: Option<(Lang, &str)>, text: &str) -> (Lang, Option<String>) {
    let (detected, why) = detect_lang_with_reason(text);
    match given {
        Some((lang, by)) => {
            let clash = lang != Lang::Und && detected != Lang::Und && detected != lang;
            let note = clash.then(|| {
                format!("language: {by} says {lang} but the text reads as {detected} (counted as {lang}: check {by})")
            });
            (lang, note)
        }
        None => (detected, why.map(|why| format!("language undetermined: {why}"))),
    }
}

/// [`detect_lang`] on the first `max_chars` characters of `text`.
fn lang_of_sample(text: &str, max_chars: usize) -> Lang {
    classify(text, max_chars).0
}

/// [`detect_lang_with_reason`] on the first `max_chars` characters of `text`.
fn classify(text: &str, max_chars: usize) -> (Lang, Option<String>) {
    if surely_chinese(text.as_bytes(), max_chars) {
        return (Lang::Zh, None);
    }
    // The scan stops as soon as Chinese is certain: even if every character left in the sample were a Latin
    // letter, the Han characters already seen would be two thirds of them.
    let counts = script_counts_until(text, max_chars, |c| {
        let left = (max_chars - c.chars).min(text.len() - c.end);
        c.han > 0 && c.han * 3 >= (c.latin + left) * 2
    });
    let ScriptCounts { han, latin, chars, .. } = counts;
    if han == 0 && latin == 0 {
        return (Lang::Und, Some(format!("no letters in the first {chars} characters")));
    }
    if han * 3 >= latin * 2 {
        return (Lang::Zh, None);
    }
    if han * 6 > latin {
        let why =
            format!("mixed scripts ({han} Han characters and {latin} other letters in the first {chars} characters)");
        return (Lang::Und, Some(why));
    }
    // Not stopped early (Chinese would have been certain): the counts cover the whole sample.
    let sample = &text[..counts.end];
    let lower = sample.to_lowercase();
    let words: Vec<&str> = lower.split(|c: char| !c.is_alphabetic() && c != '\'').filter(|w| !w.is_empty()).collect();
    const FR: &[&str] =
        &["le", "la", "les", "des", "du", "et", "est", "une", "pour", "dans", "que", "qui", "au", "aux", "sur", "nous"];
    const EN: &[&str] = &["the", "and", "of", "to", "is", "in", "for", "that", "with", "on", "we", "will", "our"];
    let fr = words.iter().filter(|w| FR.contains(w)).count()
        + lower.chars().filter(|c| matches!(c, 'é' | 'è' | 'ê' | 'à' | 'ç' | 'ù' | 'ô' | 'î')).count();
    let en = words.iter().filter(|w| EN.contains(w)).count();
    if fr + en < MIN_LATIN_CLUES {
        let why = format!("too short to tell English from French ({} words)", words.len());
        return (Lang::Und, Some(why));
    }
    if fr > en {
        (Lang::Fr, None)
    } else {
        (Lang::En, None)
    }
}

/// Bytes counted at once by [`surely_chinese`].
const BOUND_BLOCK: usize = 64;

/// True when the first `max_chars` characters of `text` are Chinese by [`detect_lang`]'s rule (Han characters at
/// least two thirds of the alphabetic ones), proven from byte counts alone, which the compiler vectorizes (about ten
/// times faster than decoding the characters): a lead byte `E5`-`E9` starts a char of U+5000..U+9FFF, all Han,
/// so their count is a lower bound of the Han chars; ASCII letters plus every other non-ASCII lead byte is an upper
/// bound of the alphabetic non-Han chars. Once three times the first is at least twice the second plus every char
/// that may still follow in the sample, the rule's answer is Chinese whatever follows. False only means "not proven":
/// the exact count decides then.
fn surely_chinese(text: &[u8], max_chars: usize) -> bool {
    let (mut han_at_least, mut alphabetic_at_most, mut chars) = (0usize, 0usize, 0usize);
    let mut end = 0;
    // Whole blocks while the sample's end cannot fall inside one (a block has at most as many chars as bytes).
    while end + BOUND_BLOCK <= text.len() && chars + BOUND_BLOCK <= max_chars {
        let block = &text[end..end + BOUND_BLOCK];
        let (mut han, mut other, mut starts) = (0u8, 0u8, 0u8);
        for &b in block {
            starts += u8::from((b as i8) >= -0x40);
            let lead_han = (0xE5..=0xE9).contains(&b);
            han += u8::from(lead_han);
            other += u8::from((b | 0x20).wrapping_sub(b'a') < 26 || b >= 0xC0 && !lead_han);
        }
        han_at_least += usize::from(han);
        alphabetic_at_most += usize::from(other);
        chars += usize::from(starts);
        end += BOUND_BLOCK;
        let left = (max_chars - chars).min(text.len() - end);
        if han_at_least > 0 && han_at_least * 3 >= (alphabetic_at_most + left) * 2 {
            return true;
        }
    }
    false
}

/// Han characters and alphabetic non-Han characters (Latin letters, mostly) at the start of a text.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
struct ScriptCounts {
    han: usize,
    latin: usize,
    /// Characters counted.
    chars: usize,
    /// Byte offset where the counted characters end.
    end: usize,
}

impl ScriptCounts {
    fn add(&mut self, other: ScriptCounts) {
        self.han += other.han;
        self.latin += other.latin;
        self.chars += other.chars;
        self.end += other.end;
    }
}

/// Bytes counted at once by [`piece_counts`] (fewer, to end on a character boundary).
const PIECE_BYTES: usize = 256;

/// The [`ScriptCounts`] of the first `max_chars` characters of `text`.
#[cfg(test)]
fn script_counts(text: &str, max_chars: usize) -> ScriptCounts {
    script_counts_until(text, max_chars, |_| false)
}

/// The [`ScriptCounts`] of the first `max_chars` characters of `text`, or of a shorter start of it, after which
/// `stop` said the rest is not needed (`stop` is asked every [`PIECE_BYTES`] bytes or so).
fn script_counts_until(text: &str, max_chars: usize, stop: impl Fn(&ScriptCounts) -> bool) -> ScriptCounts {
    let b = text.as_bytes();
    let mut counts = ScriptCounts::default();
    // Whole pieces while the character limit cannot fall inside one (a piece has at most as many chars as bytes).
    while counts.end < b.len() && counts.chars + PIECE_BYTES <= max_chars {
        let mut to = (counts.end + PIECE_BYTES).min(b.len());
        while !text.is_char_boundary(to) {
            to -= 1;
        }
        counts.add(piece_counts(&b[counts.end..to]));
        if stop(&counts) {
            return counts;
        }
    }
    let mut tail = char_by_char_counts(&b[counts.end..], max_chars - counts.chars);
    tail.end += counts.end;
    tail.han += counts.han;
    tail.latin += counts.latin;
    tail.chars += counts.chars;
    tail
}

/// The [`ScriptCounts`] of a piece of text made of whole characters, at most [`PIECE_BYTES`] long. One branch-free
/// pass over the bytes (16-bit lanes) counts characters, ASCII letters, non-ASCII characters and the three-byte Han
/// and punctuation characters among them (decoded arithmetically); only a piece holding another non-ASCII
/// character (rare in Chinese text: 〇, ①, é) is counted again character by character.
fn piece_counts(b: &[u8]) -> ScriptCounts {
    debug_assert!(b.len() <= PIECE_BYTES);
    let (mut chars, mut non_ascii, mut letters, mut han, mut punct) = (0u16, 0u16, 0u16, 0u16, 0u16);
    let windows = b.len().saturating_sub(2);
    let (next, after) = (b.get(1..).unwrap_or_default(), b.get(2..).unwrap_or_default());
    for ((&x, &y), &z) in b.iter().zip(next).zip(after) {
        chars += u16::from((x as i8) >= -0x40);
        non_ascii += u16::from(x >= 0xC0);
        letters += u16::from((x | 0x20).wrapping_sub(b'a') < 26);
        let lead3 = x & 0xF0 == 0xE0;
        let cp = (u16::from(x & 0x0F) << 12) | (u16::from(y & 0x3F) << 6) | u16::from(z & 0x3F);
        han += u16::from(lead3 & is_han_bmp(cp));
        punct += u16::from(lead3 & is_common_punctuation(cp));
    }
    // The last two bytes cannot start a three-byte character.
    for &x in &b[windows..] {
        chars += u16::from((x as i8) >= -0x40);
        non_ascii += u16::from(x >= 0xC0);
        letters += u16::from((x | 0x20).wrapping_sub(b'a') < 26);
    }
    if han + punct == non_ascii {
        let count = |n: u16| usize::from(n);
        return ScriptCounts { han: count(han), latin: count(letters), chars: count(chars), end: b.len() };
    }
    char_by_char_counts(b, usize::MAX)
}

/// The [`ScriptCounts`] of the first `max_chars` characters of `b` (valid UTF-8), one character at a time: ASCII
/// letters tested as bytes, other characters decoded arithmetically and tested against the Han ranges first; only
/// non-ASCII characters that are neither Han nor common punctuation reach the Unicode alphabetic table.
fn char_by_char_counts(b: &[u8], max_chars: usize) -> ScriptCounts {
    let mut c = ScriptCounts::default();
    let mut i = 0;
    while i < b.len() && c.chars < max_chars {
        let lead = b[i];
        c.chars += 1;
        if lead < 0x80 {
            c.latin += usize::from(lead.is_ascii_alphabetic());
            i += 1;
            continue;
        }
        // `b` is valid UTF-8: a lead byte is followed by its continuation bytes.
        let (cp, len) = match lead {
            0xC0..=0xDF => ((u32::from(lead & 0x1F) << 6) | u32::from(b[i + 1] & 0x3F), 2),
            0xE0..=0xEF => {
                ((u32::from(lead & 0x0F) << 12) | (u32::from(b[i + 1] & 0x3F) << 6) | u32::from(b[i + 2] & 0x3F), 3)
            }
            _ => (
                (u32::from(lead & 0x07) << 18)
                    | (u32::from(b[i + 1] & 0x3F) << 12)
                    | (u32::from(b[i + 2] & 0x3F) << 6)
                    | u32::from(b[i + 3] & 0x3F),
                4,
            ),
        };
        i += len;
        let Some(ch) = char::from_u32(cp) else { continue };
        if gwr_core::is_han(ch) {
            c.han += 1;
        } else if !u16::try_from(cp).is_ok_and(is_common_punctuation) && ch.is_alphabetic() {
            c.latin += 1;
        }
    }
    c.end = i;
    c
}

/// [`gwr_core::is_han`] for a code point below U+10000 (checked against it for every one in the tests).
fn is_han_bmp(cp: u16) -> bool {
    matches!(cp, 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF)
}

/// Punctuation of Chinese text that is known not to be alphabetic (checked against the Unicode table for every
/// code point of these ranges in the tests): general punctuation, CJK symbols and punctuation without the
/// iteration marks and numerals, and full-width punctuation and digits.
fn is_common_punctuation(cp: u16) -> bool {
    matches!(cp, 0x2000..=0x206F | 0x3000..=0x3004 | 0x3008..=0x3020 | 0xFF01..=0xFF20 | 0xFF3B..=0xFF40 | 0xFF5B..=0xFF65)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::any;

    #[test]
    fn region_prefers_provinces_over_the_national_level() {
        let r = region_in_text("——2026年2月5日在安徽省第十四届人民代表大会第四次会议上，高于全国平均");
        assert_eq!(r.map(|r| r.code.as_str()), Some("CN-AH"));
        let r = region_in_text("中国式现代化广东实践");
        assert_eq!(r.map(|r| r.code.as_str()), Some("CN-GD"));
        let r = region_in_text("2025年中华人民共和国国务院政府工作报告");
        assert_eq!(r.map(|r| r.code.as_str()), Some("CN"));
        assert!(region_in_text("政府工作报告").is_none());
    }

    #[test]
    fn years_from_values_names_and_headings() {
        assert_eq!(year_in_value(" 2026 "), Some(2026));
        assert_eq!(year_in_value("2026年"), Some(2026));
        assert_eq!(year_in_value("2026.0"), Some(2026));
        assert_eq!(year_in_value("26"), None);
        assert_eq!(year_in_name("2025年江苏省政府工作报告.txt"), Some(2025));
        assert_eq!(year_in_name("anhui-2026.txt"), Some(2026));
        assert_eq!(year_in_name("report_120260.txt"), None);
        assert_eq!(year_in_name("04_2024_auto.csv"), Some(2024));
        assert_eq!(year_in_heading("政府工作报告\n——2026年2月5日在安徽省第十四届人民代表大会"), Some(2026));
        assert_eq!(year_in_heading("——二〇二六年一月二十七日在甘肃省十四届人民代表大会"), Some(2026));
        assert_eq!(year_in_heading("各位代表：\n一、2018年工作回顾"), None);
    }

    #[test]
    fn languages() {
        assert_eq!(detect_lang("各位代表：现在，我代表省人民政府向大会报告工作。"), Lang::Zh);
        assert_eq!(detect_lang("We will keep the economy stable and promote the growth of new industries."), Lang::En);
        assert_eq!(
            detect_lang("Nous allons stabiliser l'économie et développer les industries émergentes dans la province."),
            Lang::Fr
        );
        assert_eq!(detect_lang("2026 — 5.3%"), Lang::Und);
    }

    #[test]
    fn undetermined_languages_say_why() {
        let (lang, why) = detect_lang_with_reason("2026 — 5.3%");
        assert_eq!((lang, why.as_deref()), (Lang::Und, Some("no letters in the first 11 characters")));
        // A bilingual glossary: neither script has the majority.
        let (lang, why) = detect_lang_with_reason("量子科技 quantum technology\n低空经济 low-altitude economy");
        let want = "mixed scripts (8 Han characters and 35 other letters in the first 49 characters)";
        assert_eq!((lang, why.as_deref()), (Lang::Und, Some(want)));
        let (lang, why) = detect_lang_with_reason("Quantum computing");
        assert_eq!((lang, why.as_deref()), (Lang::Und, Some("too short to tell English from French (2 words)")));
        // Chinese with a few English words stays Chinese; English quoting a Chinese term stays English.
        assert_eq!(detect_lang("发展人工智能（AI）和量子科技，推动新能源汽车（NEV）产业"), Lang::Zh);
        assert_eq!(
            detect_lang("We will develop the low-altitude economy (低空经济) and the digital economy."),
            Lang::En
        );
    }

    #[test]
    fn a_given_language_that_the_text_contradicts_is_noted() {
        let zh = "各位代表：现在，我代表省人民政府向大会报告工作，请予审议。";
        let (lang, note) = document_lang(Some((Lang::En, "--lang")), zh);
        assert_eq!(lang, Lang::En, "the given language is kept");
        assert_eq!(
            note.as_deref(),
            Some("language: --lang says en but the text reads as zh (counted as en: check --lang)")
        );
        assert_eq!(document_lang(Some((Lang::Zh, "--lang")), zh), (Lang::Zh, None));
        // Too short to contradict anything: no note.
        assert_eq!(document_lang(Some((Lang::Fr, "--lang")), "Quantum computing"), (Lang::Fr, None));
        let (lang, note) = document_lang(None, "Quantum computing");
        assert_eq!(lang, Lang::Und);
        assert_eq!(note.as_deref(), Some("language undetermined: too short to tell English from French (2 words)"));
    }

    /// The counts as a plain char-by-char loop gives them.
    fn reference_counts(text: &str, max_chars: usize) -> ScriptCounts {
        let end = text.char_indices().nth(max_chars).map_or(text.len(), |(i, _)| i);
        let (mut han, mut latin) = (0, 0);
        for c in text[..end].chars() {
            if gwr_core::is_han(c) {
                han += 1;
            } else if c.is_alphabetic() {
                latin += 1;
            }
        }
        ScriptCounts { han, latin, chars: text[..end].chars().count(), end }
    }

    /// The language decision as a plain char-by-char loop makes it.
    fn reference_lang(text: &str, max_chars: usize) -> Lang {
        let c = reference_counts(text, max_chars);
        if c.han == 0 && c.latin == 0 {
            Lang::Und
        } else if c.han * 3 >= c.latin * 2 {
            Lang::Zh
        } else if c.han * 6 > c.latin {
            Lang::Und
        } else {
            // The French/English part is shared: only Chinese or not is decided by the counts.
            lang_of_sample(&text[..c.end], usize::MAX)
        }
    }

    #[test]
    fn bmp_han_and_common_punctuation_are_what_the_tables_say() {
        for c in (0..0x10000).filter_map(char::from_u32) {
            assert_eq!(is_han_bmp(c as u16), gwr_core::is_han(c), "{c:?} U+{:04X}", c as u32);
        }
        for c in (0..0x10000).filter_map(char::from_u32).filter(|&c| is_common_punctuation(c as u16)) {
            assert!(!c.is_alphabetic() && !gwr_core::is_han(c), "{c:?} U+{:04X}", c as u32);
        }
    }

    #[test]
    fn script_counts_and_language_equal_a_char_by_char_count_on_the_real_reports() {
        gwr_testdata::require_corpora!();
        let mut texts = gwr_testdata::provincial();
        texts.extend(gwr_testdata::national());
        let english = gwr_testdata::english_sentences().join("\n");
        texts.push(english.clone());
        // Chinese with ever more English after it, around the one-Han-char-in-four balance.
        let national = gwr_testdata::national().swap_remove(0);
        for han_chars in [100, 2000, 4000, 5000, 6000, 7000, 19_000] {
            let head: String = national.chars().take(han_chars).collect();
            texts.push(format!("{head}{english}"));
            texts.push(format!("{}{head}", &english[..english.len().min(60_000)]));
        }
        for text in &texts {
            for max in [0, 1, 255, 256, 600, LANG_SAMPLE_CHARS, usize::MAX] {
                let at = heading(text);
                assert_eq!(script_counts(text, max), reference_counts(text, max), "{max} chars of {at:?}");
                assert_eq!(lang_of_sample(text, max), reference_lang(text, max), "{max} chars of {at:?}");
            }
            assert_eq!(detect_lang(text), reference_lang(text, LANG_SAMPLE_CHARS));
        }
    }

    proptest::proptest! {
        #[test]
        fn script_counts_equal_a_char_by_char_count(
            text in "[a-zA-Z0-9 ,.\n\u{e9}\u{d7}\u{3b1}\u{4e00}-\u{4e20}\u{3400}\u{4dbf}\u{9fff}\u{f900}\u{fa6e}\u{3000}-\u{303f}\u{ff00}-\u{ff70}\u{2000}-\u{2070}\u{ac00}\u{3041}\u{20000}\u{2a6df}\u{2a6e0}\u{1f600}\u{10ffff}]{0,300}",
            max in 0usize..400,
        ) {
            proptest::prop_assert_eq!(script_counts(&text, max), reference_counts(&text, max));
            proptest::prop_assert_eq!(lang_of_sample(&text, max), reference_lang(&text, max));
        }

        #[test]
        fn script_counts_equal_a_char_by_char_count_on_any_text(text in any::<String>(), max in 0usize..400) {
            proptest::prop_assert_eq!(script_counts(&text, max), reference_counts(&text, max));
        }

        /// About one Han character for three Latin letters: between the two balances, mostly undetermined.
        #[test]
        fn language_near_the_balance(picks in proptest::collection::vec(0usize..15, 0..3000), max in 0usize..4000) {
            // Three Han characters, nine alphabetic ones, three others.
            const CHARS: [char; 15] = ['量', '子', '𠀀', 'a', 'e', 'z', 'Q', 'é', 'ß', 'α', 'ｆ', 'ǅ', ' ', '，', '〇'];
            let text: String = picks.iter().map(|&i| CHARS[i]).collect();
            proptest::prop_assert_eq!(lang_of_sample(&text, max), reference_lang(&text, max));
            proptest::prop_assert_eq!(detect_lang(&text), reference_lang(&text, LANG_SAMPLE_CHARS));
        }

        /// About two Han characters for three Latin letters: the Chinese decision is close, the early stop must not
        /// change it.
        #[test]
        fn language_near_the_chinese_balance(picks in proptest::collection::vec(0usize..18, 0..3000), max in 0usize..4000) {
            // Six Han characters, nine alphabetic ones, three others.
            const CHARS: [char; 18] =
                ['量', '子', '𠀀', '丁', '龍', '𠀁', 'a', 'e', 'z', 'Q', 'é', 'ß', 'α', 'ｆ', 'ǅ', ' ', '，', '〇'];
            let text: String = picks.iter().map(|&i| CHARS[i]).collect();
            proptest::prop_assert_eq!(lang_of_sample(&text, max), reference_lang(&text, max));
            proptest::prop_assert_eq!(detect_lang(&text), reference_lang(&text, LANG_SAMPLE_CHARS));
        }

        /// The same balance with chars of every lead byte the byte-count proof of `surely_chinese` sorts: Han led
        /// by `E4` (not counted as Han), `E5`-`E9` and `F0`; alphabetic chars led by `E3` (kana), `EF` (full-width
        /// letters), ASCII and `C3`.
        #[test]
        fn language_near_the_balance_by_lead_bytes(
            picks in proptest::collection::vec(0usize..15, 0..3000),
            max in 0usize..4000,
        ) {
            // Six Han characters, nine alphabetic ones.
            const CHARS: [char; 15] =
                ['丁', '量', '𠀀', '丙', '龍', '𠀁', 'あ', 'ア', 'ん', 'ｆ', 'Ｑ', 'a', 'z', 'é', 'ß'];
            let text: String = picks.iter().map(|&i| CHARS[i]).collect();
            proptest::prop_assert_eq!(lang_of_sample(&text, max), reference_lang(&text, max));
        }
    }
}
