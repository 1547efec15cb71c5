//! Numbers with their units, as written in Chinese reports and in French or English articles.
//!
//! [`find_quantities`] scans a text for figures such as `22万P`, `1.5亿元`, `137颗`, `93%`, `百分之九十三`,
//! `一百三十七颗`, `150余家`, `超过200项`, `220 000 PétaFLOPS`, `plus de 150 partenaires` or `90 %`, and returns
//! each with its value (magnitudes 万, 亿, 千, 百, millions applied), its [`UnitKind`], whether it is a lower bound or
//! an approximation ([`Bound`]) and its byte span in the text. [`Quantity::matches`] compares a found quantity with a
//! claimed [`crate::Figure`] (same kind of unit, values within 0.5%).

use gwr_core::Span;

/// Relative tolerance under which two figures are the same (0.5%).
pub const TOLERANCE: f64 = 0.005;

/// What a number counts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UnitKind {
    /// A percentage (`%`, `％`, `百分之`, `成` = tenths, `pour cent`).
    Percent,
    /// Computing power; the value is in PFLOPS (`P`, `PFLOPS`, `EFLOPS` ×1000, `TFLOPS` ÷1000).
    Flops,
    /// Money (`元`, `美元`, `euros`, `dollars`).
    Money,
    /// Items counted with a counter (`个`, `颗`, `项`, `家`...) or a noun (`satellites`, `partenaires`).
    Count,
    /// A calendar year, month or day (`2026年`): never a figure.
    Date,
    /// Any other unit (`千瓦`, `吨`, `公里`, `倍`...).
    Other,
    /// No unit follows the number.
    None,
}

/// How exact a written number is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Bound {
    /// The number as such.
    Exact,
    /// A lower bound: 余, 多, 超过, 逾, 以上, `plus de`, `more than`, `150+`.
    AtLeast,
    /// An approximation: 约, 近, 左右, `environ`, `près de`, `about`, `nearly`.
    About,
}

/// One number found in a text.
#[derive(Clone, Debug, PartialEq)]
pub struct Quantity {
    /// The value with magnitudes applied (22万 → 220000, 93% → 93, 九成 → 90, 2 EFLOPS → 2000 PFLOPS).
    pub value: f64,
    /// What the number counts.
    pub kind: UnitKind,
    /// The unit as written, lowercased (`%`, `p`, `颗`, `satellites`), empty when none.
    pub unit: String,
    /// Exact, lower bound or approximation.
    pub bound: Bound,
    /// Byte span of the number with its prefix and unit in the text.
    pub span: Span,
}

impl Quantity {
    /// True when this quantity states `value` in a unit of kind `kind`: same kind (a count also matches a bare
    /// number) and values within [`TOLERANCE`].
    pub fn matches(&self, value: f64, kind: UnitKind) -> bool {
        let kinds_agree = self.kind == kind
            || (kind == UnitKind::Count && self.kind == UnitKind::None)
            || (kind == UnitKind::None && matches!(self.kind, UnitKind::Count | UnitKind::None));
        kinds_agree && same_value(self.value, value)
    }
}

/// True when `a` and `b` differ by at most [`TOLERANCE`] of the larger.
pub fn same_value(a: f64, b: f64) -> bool {
    let scale = a.abs().max(b.abs());
    if scale == 0.0 {
        return true;
    }
    (a - b).abs() <= TOLERANCE * scale
}

/// The kind of a unit as written in a claims file or a text (`%`, `PFLOPS`, `satellites`, `颗`...), with the factor
/// that brings a value in that unit to the kind's base (PFLOPS for computing power, 1 otherwise).
pub fn classify_unit(unit: &str) -> (UnitKind, f64) {
    let u = fold(unit.trim());
    if u.is_empty() {
        return (UnitKind::None, 1.0);
    }
    for (written, kind, factor) in UNITS {
        if u == fold(written) {
            return (*kind, *factor);
        }
    }
    match u.as_str() {
        "percent" | "per cent" | "pourcent" | "pourcentage" => (UnitKind::Percent, 1.0),
        "exaflops" => (UnitKind::Flops, 1000.0),
        "petaflops" | "pflop/s" => (UnitKind::Flops, 1.0),
        _ if u.chars().all(|c| (c.is_alphabetic() && !gwr_core::is_han(c)) || c == ' ' || c == '-') => {
            (UnitKind::Count, 1.0)
        }
        _ => (UnitKind::Other, 1.0),
    }
}

/// Lowercase and strip the French accents that occur in unit names.
fn fold(s: &str) -> String {
    s.chars()
        .flat_map(char::to_lowercase)
        .map(|c| match c {
            'é' | 'è' | 'ê' | 'ë' => 'e',
            'à' | 'â' => 'a',
            'î' | 'ï' => 'i',
            'ô' => 'o',
            'ù' | 'û' | 'ü' => 'u',
            'ç' => 'c',
            other => other,
        })
        .collect()
}

/// Units written right after a number, longest first within a shared start. (written, kind, factor to base)
const UNITS: &[(&str, UnitKind, f64)] = &[
    ("%", UnitKind::Percent, 1.0),
    ("％", UnitKind::Percent, 1.0),
    ("个百分点", UnitKind::Other, 1.0),
    ("成", UnitKind::Percent, 10.0),
    ("eflops", UnitKind::Flops, 1000.0),
    ("pflops", UnitKind::Flops, 1.0),
    ("tflops", UnitKind::Flops, 0.001),
    ("petaflops", UnitKind::Flops, 1.0),
    ("pétaflops", UnitKind::Flops, 1.0),
    ("exaflops", UnitKind::Flops, 1000.0),
    ("pf", UnitKind::Flops, 1.0),
    ("p", UnitKind::Flops, 1.0),
    ("e", UnitKind::Flops, 1000.0),
    ("美元", UnitKind::Money, 1.0),
    ("元", UnitKind::Money, 1.0),
    ("euros", UnitKind::Money, 1.0),
    ("dollars", UnitKind::Money, 1.0),
    ("yuans", UnitKind::Money, 1.0),
    ("yuan", UnitKind::Money, 1.0),
    ("个", UnitKind::Count, 1.0),
    ("颗", UnitKind::Count, 1.0),
    ("项", UnitKind::Count, 1.0),
    ("家", UnitKind::Count, 1.0),
    ("台", UnitKind::Count, 1.0),
    ("座", UnitKind::Count, 1.0),
    ("条", UnitKind::Count, 1.0),
    ("件", UnitKind::Count, 1.0),
    ("名", UnitKind::Count, 1.0),
    ("所", UnitKind::Count, 1.0),
    ("架", UnitKind::Count, 1.0),
    ("款", UnitKind::Count, 1.0),
    ("套", UnitKind::Count, 1.0),
    ("户", UnitKind::Count, 1.0),
    ("人", UnitKind::Count, 1.0),
    ("位", UnitKind::Count, 1.0),
    ("次", UnitKind::Count, 1.0),
    ("年", UnitKind::Date, 1.0),
    ("月", UnitKind::Date, 1.0),
    ("日", UnitKind::Date, 1.0),
    ("千瓦时", UnitKind::Other, 1.0),
    ("千瓦", UnitKind::Other, 1.0),
    ("瓦", UnitKind::Other, 1.0),
    ("吨", UnitKind::Other, 1.0),
    ("公里", UnitKind::Other, 1.0),
    ("千米", UnitKind::Other, 1.0),
    ("米", UnitKind::Other, 1.0),
    ("亩", UnitKind::Other, 1.0),
    ("平方米", UnitKind::Other, 1.0),
    ("倍", UnitKind::Other, 1.0),
    ("岁", UnitKind::Other, 1.0),
    ("天", UnitKind::Other, 1.0),
];

/// Prefixes, checked just before the number: (text, bound). Longest first.
const PREFIXES: &[(&str, Bound)] = &[
    ("plus de ", Bound::AtLeast),
    ("more than ", Bound::AtLeast),
    ("près de ", Bound::About),
    ("environ ", Bound::About),
    ("nearly ", Bound::About),
    ("about ", Bound::About),
    ("over ", Bound::AtLeast),
    ("大约", Bound::About),
    ("超过", Bound::AtLeast),
    ("多于", Bound::AtLeast),
    ("约", Bound::About),
    ("近", Bound::About),
    ("超", Bound::AtLeast),
    ("逾", Bound::AtLeast),
];

fn han_digit(c: char) -> Option<u64> {
    Some(match c {
        '零' | '〇' => 0,
        '一' => 1,
        '二' | '两' => 2,
        '三' => 3,
        '四' => 4,
        '五' => 5,
        '六' => 6,
        '七' => 7,
        '八' => 8,
        '九' => 9,
        _ => return None,
    })
}

fn han_small_unit(c: char) -> Option<u64> {
    Some(match c {
        '十' => 10,
        '百' => 100,
        '千' => 1000,
        _ => return None,
    })
}

fn is_han_numeral(c: char) -> bool {
    han_digit(c).is_some() || han_small_unit(c).is_some() || c == '万' || c == '亿'
}

/// Value of a run of Chinese numerals (`一百三十七`, `二十二万`, `三千五百万`, `十五`, `一五`), or None when the run
/// is not a well-formed number.
pub fn parse_han_number(s: &str) -> Option<f64> {
    if s.is_empty() || !s.chars().all(is_han_numeral) {
        return None;
    }
    // Digit strings without units (二〇二六) read digit by digit.
    if s.chars().all(|c| han_digit(c).is_some()) {
        return s.chars().try_fold(0u64, |acc, c| Some(acc * 10 + han_digit(c)?)).map(|v| v as f64);
    }
    let mut total: u64 = 0; // finished 亿 groups
    let mut section: u64 = 0; // finished 万 groups below the current 亿
    let mut group: u64 = 0; // below 万
    let mut digit: Option<u64> = None;
    for c in s.chars() {
        if let Some(d) = han_digit(c) {
            if digit.is_some_and(|prev| prev != 0) {
                return None; // two digits in a row without a unit: 十四五
            }
            digit = Some(d);
        } else if let Some(u) = han_small_unit(c) {
            let d = digit.take().unwrap_or(1);
            group += d * u;
        } else if c == '万' {
            section += (group + digit.take().unwrap_or(0)) * 10_000;
            group = 0;
        } else if c == '亿' {
            let below = section + group + digit.take().unwrap_or(0);
            total = (total + below) * 100_000_000;
            section = 0;
            group = 0;
        }
    }
    Some((total + section + group + digit.unwrap_or(0)) as f64)
}

/// Every quantity in `text`, in order. Numbers that are part of a word (`6G`, `5G`, `H20`) and Chinese numerals with
/// no unit after them (`统一`, `十四五`) are left out.
pub fn find_quantities(text: &str) -> Vec<Quantity> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i].1;
        let prev = if i > 0 { Some(chars[i - 1].1) } else { None };
        if to_ascii_digit(c).is_some() && !prev.is_some_and(|p| p.is_ascii_alphanumeric() || p == '.') {
            if let Some((q, next)) = arabic_at(text, &chars, i) {
                out.push(q);
                i = next;
                continue;
            }
        } else if is_han_numeral(c) && !prev.is_some_and(is_han_numeral) {
            if let Some((q, next)) = han_at(text, &chars, i) {
                out.push(q);
                i = next;
                continue;
            }
        }
        i += 1;
    }
    out
}

fn to_ascii_digit(c: char) -> Option<u32> {
    match c {
        '0'..='9' => c.to_digit(10),
        '０'..='９' => Some(c as u32 - '０' as u32),
        _ => None,
    }
}

/// A number in Arabic digits starting at char `i`: digits, thousands separators (`,` or a space before exactly three
/// digits), a decimal point or decimal comma, then magnitude, approximation and unit.
fn arabic_at(text: &str, chars: &[(usize, char)], start: usize) -> Option<(Quantity, usize)> {
    let mut i = start;
    let mut digits = String::new();
    let mut seen_point = false;
    while i < chars.len() {
        let c = chars[i].1;
        if let Some(d) = to_ascii_digit(c) {
            digits.push(char::from_digit(d, 10).unwrap_or('0'));
            i += 1;
            continue;
        }
        let run_after = count_digits(chars, i + 1);
        let digit_before = i > start;
        if digit_before && matches!(c, ',' | '，' | ' ' | '\u{a0}' | '\u{202f}') && run_after == 3 && !seen_point {
            // Thousands separator: exactly three digits follow.
            i += 1;
            continue;
        }
        let is_decimal_point = c == '.' && run_after >= 1;
        let is_decimal_comma = c == ',' && (1..=2).contains(&run_after);
        if digit_before && !seen_point && (is_decimal_point || is_decimal_comma) {
            digits.push('.');
            seen_point = true;
            i += 1;
            continue;
        }
        break;
    }
    let mut value: f64 = digits.parse().ok()?;
    let number_end = i;
    // A number glued to Latin letters that are not a unit (6G, 5G, H20) is a name, not a figure.
    let (mag, after_mag) = magnitude_at(chars, i);
    value *= mag;
    i = after_mag;
    let (approx, after_approx) = approx_suffix_at(chars, i);
    i = after_approx;
    let (kind, unit, factor, after_unit) = unit_at(chars, i);
    if kind == UnitKind::None && i == number_end && chars.get(i).is_some_and(|&(_, c)| c.is_ascii_alphabetic()) {
        return None;
    }
    value *= factor;
    i = after_unit;
    let (suffix_bound, after_suffix) = bound_suffix_at(chars, i);
    i = after_suffix;
    let (prefix_bound, span_start) = bound_prefix(text, chars[start].0);
    let bound = pick_bound([prefix_bound, approx, suffix_bound]);
    let end = chars.get(i).map_or(text.len(), |&(b, _)| b);
    Some((Quantity { value, kind, unit, bound, span: Span::new(span_start, end) }, i))
}

fn count_digits(chars: &[(usize, char)], from: usize) -> usize {
    chars[from.min(chars.len())..].iter().take_while(|&&(_, c)| to_ascii_digit(c).is_some()).count()
}

/// A run of Chinese numerals starting at char `i`: kept only when a unit follows, or when preceded by 百分之.
fn han_at(text: &str, chars: &[(usize, char)], start: usize) -> Option<(Quantity, usize)> {
    let mut i = start;
    while i < chars.len() && is_han_numeral(chars[i].1) {
        i += 1;
    }
    let run: String = chars[start..i].iter().map(|&(_, c)| c).collect();
    // 百分之九十三: the numerals after 之.
    let start_byte = chars[start].0;
    let percent_prefix = text[..start_byte].ends_with("百分之");
    // Try the longest run that parses, then shorter ones (so 三千万 parses whole, 一百三十七 also).
    let value = parse_han_number(&run)?;
    let (approx, after_approx) = approx_suffix_at(chars, i);
    let (mut kind, mut unit, factor, after_unit) = unit_at(chars, after_approx);
    let mut value = value * factor;
    let mut end_i = after_unit;
    let mut span_start = start_byte;
    if percent_prefix {
        kind = UnitKind::Percent;
        unit = "%".to_string();
        span_start = start_byte - "百分之".len();
        end_i = i;
        value = parse_han_number(&run)?;
    } else if kind == UnitKind::None || kind == UnitKind::Date {
        return None;
    }
    // A lone 一/十 before a counter is usually a word (一个, 一项): keep only multi-character runs or runs with
    // an explicit magnitude.
    if !percent_prefix && matches!(run.as_str(), "一" | "两" | "万" | "亿" | "千" | "百") {
        return None;
    }
    let (suffix_bound, after_suffix) = bound_suffix_at(chars, end_i);
    let (prefix_bound, prefixed_start) = bound_prefix(text, span_start);
    let bound = pick_bound([prefix_bound, approx, suffix_bound]);
    let end = chars.get(after_suffix).map_or(text.len(), |&(b, _)| b);
    Some((Quantity { value, kind, unit, bound, span: Span::new(prefixed_start, end) }, after_suffix))
}

/// 万亿, 亿, 万, 千, 百 right after digits, or `millions`/`milliards`/`million`/`billion` after a space.
fn magnitude_at(chars: &[(usize, char)], i: usize) -> (f64, usize) {
    let rest: String = chars[i.min(chars.len())..].iter().take(12).map(|&(_, c)| c).collect();
    for (written, factor) in [("万亿", 1e12), ("亿", 1e8), ("万", 1e4), ("千", 1e3), ("百", 1e2)] {
        if rest.starts_with(written) {
            // 千瓦 and 千米 are units, not magnitudes.
            if written == "千" && (rest.starts_with("千瓦") || rest.starts_with("千米")) {
                return (1.0, i);
            }
            if written == "百" && rest.starts_with("百分") {
                return (1.0, i);
            }
            let (more, j) = magnitude_at(chars, i + written.chars().count());
            // 万千瓦: 万 then the unit 千瓦 (magnitude_at returns 1 for it).
            return (factor * more, j);
        }
    }
    let trimmed = rest.trim_start_matches([' ', '\u{a0}', '\u{202f}']);
    let skipped = rest.chars().count() - trimmed.chars().count();
    if skipped > 0 {
        let lower = trimmed.to_lowercase();
        for (written, factor) in [
            ("milliards", 1e9),
            ("milliard", 1e9),
            ("millions", 1e6),
            ("million", 1e6),
            ("billions", 1e9),
            ("billion", 1e9),
        ] {
            if lower.starts_with(written) && !lower[written.len()..].chars().next().is_some_and(char::is_alphabetic) {
                let mut j = i + skipped + written.chars().count();
                // "5 millions de brevets": skip "de"/"d'" so the noun after it is the unit.
                let after: String = chars[j.min(chars.len())..].iter().take(4).map(|&(_, c)| c).collect();
                if after.starts_with(" de ") || after.starts_with(" d'") || after.starts_with(" d’") {
                    j += 3;
                }
                return (factor, j);
            }
        }
    }
    (1.0, i)
}

fn approx_suffix_at(chars: &[(usize, char)], i: usize) -> (Bound, usize) {
    match chars.get(i).map(|&(_, c)| c) {
        Some('余' | '多') => (Bound::AtLeast, i + 1),
        Some('+') => (Bound::AtLeast, i + 1),
        _ => (Bound::Exact, i),
    }
}

fn bound_suffix_at(chars: &[(usize, char)], i: usize) -> (Bound, usize) {
    let rest: String = chars[i.min(chars.len())..].iter().take(2).map(|&(_, c)| c).collect();
    if rest.starts_with("以上") {
        (Bound::AtLeast, i + 2)
    } else if rest.starts_with("左右") {
        (Bound::About, i + 2)
    } else if rest.starts_with('+') {
        (Bound::AtLeast, i + 1)
    } else {
        (Bound::Exact, i)
    }
}

fn bound_prefix(text: &str, start_byte: usize) -> (Bound, usize) {
    let before = &text[..start_byte];
    let from = before.char_indices().rev().nth(11).map_or(0, |(b, _)| b);
    let tail = before[from..].to_lowercase();
    for (written, bound) in PREFIXES {
        let len = written.len();
        if tail.ends_with(written) && before.len() >= len && before.is_char_boundary(before.len() - len) {
            return (*bound, start_byte - len);
        }
    }
    (Bound::Exact, start_byte)
}

fn pick_bound(bounds: [Bound; 3]) -> Bound {
    if bounds.contains(&Bound::AtLeast) {
        Bound::AtLeast
    } else if bounds.contains(&Bound::About) {
        Bound::About
    } else {
        Bound::Exact
    }
}

/// The unit after a number at char `i` (after optional spaces for Latin units): (kind, unit, factor, next char).
fn unit_at(chars: &[(usize, char)], i: usize) -> (UnitKind, String, f64, usize) {
    let mut j = i;
    while j < chars.len() && matches!(chars[j].1, ' ' | '\u{a0}' | '\u{202f}') {
        j += 1;
    }
    let spaced = j > i;
    let rest: String = chars[j.min(chars.len())..].iter().take(16).map(|&(_, c)| c).collect();
    let lower = fold(&rest);
    for (written, kind, factor) in UNITS {
        let w = fold(written);
        if !lower.starts_with(&w) {
            continue;
        }
        let is_latin = w.chars().all(|c| c.is_ascii_alphabetic());
        // A Latin unit must end at a word end (P, E, PF are not the start of a longer word).
        if is_latin && lower[w.len()..].chars().next().is_some_and(|c| c.is_alphanumeric()) {
            continue;
        }
        // A Han unit is written right after the number; only Latin units and % may follow a space.
        if spaced && !is_latin && !w.starts_with('%') {
            continue;
        }
        // Single-letter P/E/PF only right after 万/亿 (22万P) or before a Han character (500P算力), never after a
        // space: "15e plan" is an ordinal, not 15 EFLOPS.
        if w.len() <= 2 && is_latin {
            let after_magnitude = i > 0 && matches!(chars[i - 1].1, '万' | '亿');
            let before_han = chars.get(j + w.len()).is_some_and(|&(_, c)| gwr_core::is_han(c));
            if spaced || !(after_magnitude || before_han) {
                continue;
            }
        }
        return (*kind, w.clone(), *factor, j + written.chars().count());
    }
    // "pour cent"
    if spaced && lower.starts_with("pour cent") {
        return (UnitKind::Percent, "%".to_string(), 1.0, j + "pour cent".len());
    }
    // A Latin noun after a space: satellites, partenaires, percées, brevets.
    if spaced {
        let word: String = rest.chars().take_while(|c| c.is_alphabetic() && !gwr_core::is_han(*c)).collect();
        if word.chars().count() >= 3 {
            let folded = fold(&word);
            let (kind, factor) = classify_unit(&folded);
            return (kind, folded, factor, j + word.chars().count());
        }
    }
    (UnitKind::None, String::new(), 1.0, i)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(text: &str) -> Quantity {
        let found = find_quantities(text);
        assert_eq!(found.len(), 1, "expected one quantity in {text:?}, found {found:?}");
        found.into_iter().next().expect("one quantity")
    }

    #[test]
    fn han_numbers_parse() {
        let table: &[(&str, Option<f64>)] = &[
            ("一百三十七", Some(137.0)),
            ("二十二万", Some(220_000.0)),
            ("三千五百万", Some(35_000_000.0)),
            ("十五", Some(15.0)),
            ("十", Some(10.0)),
            ("九十三", Some(93.0)),
            ("两千", Some(2000.0)),
            ("一亿五千万", Some(150_000_000.0)),
            ("二〇二六", Some(2026.0)),
            ("一百零五", Some(105.0)),
            ("十四五", None),
            ("", None),
            ("量子", None),
        ];
        for (text, want) in table {
            assert_eq!(parse_han_number(text), *want, "{text}");
        }
    }

    #[test]
    fn arabic_with_magnitudes_and_units() {
        let table: &[(&str, f64, UnitKind, Bound)] = &[
            ("算力规模达22万P，", 220_000.0, UnitKind::Flops, Bound::Exact),
            ("投资1.5亿元", 150_000_000.0, UnitKind::Money, Bound::Exact),
            ("累计发射137颗卫星", 137.0, UnitKind::Count, Bound::Exact),
            ("占比93%。", 93.0, UnitKind::Percent, Bound::Exact),
            ("占比93％。", 93.0, UnitKind::Percent, Bound::Exact),
            ("引进150余家企业", 150.0, UnitKind::Count, Bound::AtLeast),
            ("150多家", 150.0, UnitKind::Count, Bound::AtLeast),
            ("超过200项", 200.0, UnitKind::Count, Bound::AtLeast),
            ("突破210项关键核心技术", 210.0, UnitKind::Count, Bound::Exact),
            ("算力2.2EFLOPS", 2200.0, UnitKind::Flops, Bound::Exact),
            ("总算力达到 2.2 EFLOPS", 2200.0, UnitKind::Flops, Bound::Exact),
            ("1,234,567个", 1_234_567.0, UnitKind::Count, Bound::Exact),
            ("增长5.4%左右", 5.4, UnitKind::Percent, Bound::About),
            ("约3000家", 3000.0, UnitKind::Count, Bound::About),
            ("装机3000万千瓦", 30_000_000.0, UnitKind::Other, Bound::Exact),
            ("占全国的１２％", 12.0, UnitKind::Percent, Bound::Exact),
        ];
        assert_quantities(table);
    }

    /// Each text holds exactly one quantity, with this value, unit kind and bound.
    fn assert_quantities(table: &[(&str, f64, UnitKind, Bound)]) {
        for (text, value, kind, bound) in table {
            let q = one(text);
            assert!(same_value(q.value, *value), "{text}: value {} want {value}", q.value);
            assert_eq!(q.kind, *kind, "{text}");
            assert_eq!(q.bound, *bound, "{text}");
        }
    }

    #[test]
    fn han_numerals_with_units() {
        let table: &[(&str, f64, UnitKind)] = &[
            ("发射一百三十七颗卫星", 137.0, UnitKind::Count),
            ("清洁能源占百分之九十三", 93.0, UnitKind::Percent),
            ("全国九成无人机", 90.0, UnitKind::Percent),
            ("二十二万P", 220_000.0, UnitKind::Flops),
            ("两千家企业", 2000.0, UnitKind::Count),
        ];
        for (text, value, kind) in table {
            let q = one(text);
            assert!(same_value(q.value, *value), "{text}: value {} want {value}", q.value);
            assert_eq!(q.kind, *kind, "{text}");
        }
    }

    #[test]
    fn french_and_english_forms() {
        let table: &[(&str, f64, UnitKind, Bound)] = &[
            ("a atteint les 220 000 PétaFLOPS, un", 220_000.0, UnitKind::Flops, Bound::Exact),
            ("à l'origine de 90 % des drones", 90.0, UnitKind::Percent, Bound::Exact),
            ("plus de 150 partenaires", 150.0, UnitKind::Count, Bound::AtLeast),
            ("avec 137 satellites lancés", 137.0, UnitKind::Count, Bound::Exact),
            ("a capacity of 220,000 PFLOPS", 220_000.0, UnitKind::Flops, Bound::Exact),
            ("more than 150 partners", 150.0, UnitKind::Count, Bound::AtLeast),
            ("150+ partners", 150.0, UnitKind::Count, Bound::AtLeast),
            ("les 5 millions de brevets", 5_000_000.0, UnitKind::Count, Bound::Exact),
            ("une croissance de 5,4 %", 5.4, UnitKind::Percent, Bound::Exact),
        ];
        assert_quantities(table);
    }

    #[test]
    fn words_that_are_not_figures_are_skipped() {
        for text in ["统一大市场", "发展6G技术", "十四五规划", "一个中心", "H20芯片", "万物互联", "千方百计"]
        {
            assert!(find_quantities(text).is_empty(), "{text}: {:?}", find_quantities(text));
        }
    }

    #[test]
    fn dates_are_dates() {
        let q = one("2026年");
        assert_eq!(q.kind, UnitKind::Date);
    }

    #[test]
    fn spans_cover_prefix_number_and_unit() {
        let text = "累计超过137颗卫星";
        let q = one(text);
        assert_eq!(q.span.slice(text), "超过137颗");
        let text = "卫星137颗";
        assert_eq!(one(text).span.slice(text), "137颗");
    }

    #[test]
    fn matching_uses_kind_and_tolerance() {
        let q = one("22万P");
        assert!(q.matches(220_000.0, UnitKind::Flops));
        assert!(q.matches(220_900.0, UnitKind::Flops));
        assert!(!q.matches(230_000.0, UnitKind::Flops));
        assert!(!q.matches(220_000.0, UnitKind::Count));
        let bare = one("共137个");
        assert!(bare.matches(137.0, UnitKind::Count));
    }

    #[test]
    fn unit_classes() {
        assert_eq!(classify_unit("PFLOPS"), (UnitKind::Flops, 1.0));
        assert_eq!(classify_unit("EFLOPS"), (UnitKind::Flops, 1000.0));
        assert_eq!(classify_unit("%"), (UnitKind::Percent, 1.0));
        assert_eq!(classify_unit("satellites").0, UnitKind::Count);
        assert_eq!(classify_unit("").0, UnitKind::None);
        assert_eq!(classify_unit("亿元").0, UnitKind::Other);
    }

    proptest::proptest! {
        #[test]
        fn never_panics_and_spans_are_in_bounds(s in "\\PC{0,40}") {
            for q in find_quantities(&s) {
                proptest::prop_assert!(q.span.end <= s.len());
                proptest::prop_assert!(s.is_char_boundary(q.span.start) && s.is_char_boundary(q.span.end));
            }
        }
    }
}
