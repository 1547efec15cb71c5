//! The one place where dictionary forms are normalized.
//!
//! Forms must be normalized exactly like the documents they are matched in, so every normalization of a form in this
//! crate goes through [`normalize_form`].

use unicode_normalization::UnicodeNormalization;

/// Normalize a dictionary form the way documents are normalized before matching: `gwr_normalize::normalize_term`
/// (NFKC, full width → half width, Traditional → Simplified, case and French accent folding).
pub(crate) fn normalize_form(form: &str) -> String {
    gwr_normalize::normalize_term(form)
}

/// `form` with French accents removed (canonical decomposition without combining marks) and the ligatures `œ`, `æ`
/// spelled out, used to tell accent folding, which is expected, from changes a form should not need.
pub(crate) fn strip_accents(form: &str) -> String {
    // ASCII and unified Han ideographs have no canonical decomposition and no mark to remove: most forms.
    if form.chars().all(|c| c.is_ascii() || matches!(c, '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}')) {
        return form.to_string();
    }
    let mut out = String::with_capacity(form.len());
    for c in form.nfd().filter(|c| !matches!(*c as u32, 0x0300..=0x036F)) {
        match c {
            'œ' => out.push_str("oe"),
            'Œ' => out.push_str("OE"),
            'æ' => out.push_str("ae"),
            'Æ' => out.push_str("AE"),
            _ => out.push(c),
        }
    }
    out.nfc().collect()
}

/// True when a match ending with `before` and one starting with `after` meet at a place the matcher accepts as a
/// boundary: anything but two Latin (non-Han) alphanumerics side by side. Between two Han characters the boundary
/// depends on word segmentation, so it counts as possible.
pub(crate) fn can_split(before: Option<char>, after: Option<char>) -> bool {
    let word = |c: char| c.is_alphanumeric() && !gwr_core::is_han(c);
    match (before, after) {
        (Some(b), Some(a)) => !(word(b) && word(a)),
        _ => true,
    }
}

/// `form` with its acronyms (`AI`, `5G`, `IoT`, `eVTOL`, the `A` of `A股`) lower-cased: Latin words with no lower-case
/// letter, or with two upper-case letters or more. Other words are left alone.
pub(crate) fn fold_acronyms(form: &str) -> String {
    let mut out = String::with_capacity(form.len());
    let mut word = String::new();
    let flush = |word: &mut String, out: &mut String| {
        let upper = word.chars().filter(|c| c.is_uppercase()).count();
        let lower = word.chars().filter(|c| c.is_lowercase()).count();
        if upper > 0 && (lower == 0 || upper >= 2) {
            out.extend(word.chars().flat_map(char::to_lowercase));
        } else {
            out.push_str(word);
        }
        word.clear();
    };
    for c in form.chars() {
        if c.is_alphanumeric() && !gwr_core::is_han(c) {
            word.push(c);
        } else {
            flush(&mut word, &mut out);
            out.push(c);
        }
    }
    flush(&mut word, &mut out);
    out
}

/// The normalized form when normalization changes `form` in a way a written form should not need (full width,
/// Traditional characters, upper case outside acronyms, stray compatibility characters), `None` when `form` is written
/// already normalized. Acronyms and French accents are folded by normalization and allowed in a form.
pub(crate) fn unexpected_change(form: &str) -> Option<String> {
    let normalized = normalize_form(form);
    if strip_accents(&normalized) == strip_accents(&fold_acronyms(form)) {
        None
    } else {
        Some(normalized)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn acronyms_fold_other_words_stay() {
        assert_eq!(fold_acronyms("AI and IoT, 5G, eVTOL"), "ai and iot, 5g, evtol");
        assert_eq!(fold_acronyms("Quantum computing"), "Quantum computing");
        assert_eq!(fold_acronyms("A股市场"), "a股市场");
    }

    #[test]
    fn boundaries_fall_anywhere_but_inside_latin_words() {
        assert!(!can_split(Some('h'), Some('a')));
        assert!(!can_split(Some('5'), Some('g')));
        assert!(can_split(Some(' '), Some('a')));
        assert!(can_split(Some('i'), Some('芯')));
        assert!(can_split(Some('量'), Some('子')));
        assert!(can_split(None, Some('a')));
    }

    #[test]
    fn accents_are_stripped() {
        assert_eq!(strip_accents("énergie éolienne à Genève"), "energie eolienne a Geneve");
    }

    #[test]
    fn written_forms_with_acronyms_and_accents_are_normalized() {
        assert_eq!(unexpected_change("énergie éolienne"), None);
        assert_eq!(unexpected_change("AI chip"), None);
        assert_eq!(unexpected_change("A股"), None);
        assert_eq!(unexpected_change("Quantum computing").as_deref(), Some("quantum computing"));
        assert_eq!(unexpected_change("ＡＩ芯片").as_deref(), Some("ai芯片"));
        assert_eq!(unexpected_change("量子計算").as_deref(), Some("量子计算"));
    }

    #[test]
    fn normalization_folds_width_and_case() {
        assert_eq!(normalize_form("ＡＩ Ｑuantum"), "ai quantum");
    }
}
