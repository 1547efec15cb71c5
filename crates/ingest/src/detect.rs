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

/// Detect the language of a text: Chinese when Han characters are at least a third of the Latin letters, else
/// French or English by frequent function words and accented letters.
pub fn detect_lang(text: &str) -> Lang {
    // One pass over the first 20,000 characters, Han tested first: `is_alphabetic` is a table lookup that Chinese
    // text need not pay for.
    let end = text.char_indices().nth(20_000).map_or(text.len(), |(i, _)| i);
    let sample = &text[..end];
    let (mut han, mut latin) = (0usize, 0usize);
    for c in sample.chars() {
        if gwr_core::is_han(c) {
            han += 1;
        } else if c.is_ascii_alphabetic() || (!c.is_ascii() && c.is_alphabetic()) {
            latin += 1;
        }
    }
    if han > 0 && han * 3 >= latin || latin == 0 {
        return Lang::Zh;
    }
    let lower = sample.to_lowercase();
    let words: Vec<&str> = lower.split(|c: char| !c.is_alphabetic() && c != '\'').filter(|w| !w.is_empty()).collect();
    const FR: &[&str] =
        &["le", "la", "les", "des", "du", "et", "est", "une", "pour", "dans", "que", "qui", "au", "aux", "sur", "nous"];
    const EN: &[&str] = &["the", "and", "of", "to", "is", "in", "for", "that", "with", "on", "we", "will", "our"];
    let fr = words.iter().filter(|w| FR.contains(w)).count()
        + lower.chars().filter(|c| matches!(c, 'é' | 'è' | 'ê' | 'à' | 'ç' | 'ù' | 'ô' | 'î')).count();
    let en = words.iter().filter(|w| EN.contains(w)).count();
    if fr > en {
        Lang::Fr
    } else {
        Lang::En
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
        assert_eq!(detect_lang("2026 — 5.3%"), Lang::Zh);
    }
}
