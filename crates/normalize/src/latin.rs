//! Latin-script folding: word separators unified and words stemmed, with an alignment back to the input.
//!
//! English and French texts name a concept in many shapes: `new-energy vehicles`, `new energy vehicle`,
//! `véhicules électriques`, `énergies nouvelles`. [`fold_latin`] turns normalized text (the output of
//! [`crate::normalize`]) into a form where these shapes coincide, and [`fold_latin_term`] does the same to a
//! dictionary form, so that one form written in the dictionary matches all of them:
//!
//! - a *word* is a maximal run of letters and digits that are not Han ([`is_latin_word_char`]);
//! - between two words, a run of spaces and tabs, or exactly one hyphen (`-`, U+2010; U+2011 is U+2010 after
//!   NFKC) or en dash (U+2013) with no space around it, becomes one space (`new-energy` = `new energy` =
//!   `new  energy`); a dash with spaces around it is punctuation and stays;
//! - a word made of letters only is replaced by its *inflection stem*, so that plurals (`circuits`, `batteries`,
//!   `véhicules`, `nouveaux`, `matériaux`) and French adjective agreement (`électriques`, `nouvelles`,
//!   `intelligente`, `connectées`) meet their dictionary form. Only inflection is removed, never derivation:
//!   `refining` stays apart from `refine`, `accelerator` from `accelerate`, `transformer` from `transformation`,
//!   which a full Snowball stemmer conflates (so that `refine`, a verb, would count as `refining`, an industry).
//!   English uses Harman's S-stemmer (Harman 1991, "How effective is suffixing?") with `-sses`, `-xes`, `-ches`,
//!   `-shes` added; French uses the plural and agreement rules of Savoy's minimal French stemmer (Savoy 1999, as in
//!   Lucene's `FrenchMinimalStemmer`), with `-eaux` → `-eau` and `-ive` → `-if`, without its infinitive rule.
//!   Words holding a digit (`5g`, `3d`, `pm2`) are codes and stay as they are; so do words under four letters
//!   (`ai`, `its`, `gas`) and words with letters outside ASCII after accent folding (Greek, Cyrillic). The stemmer
//!   sees the accent-folded word, on both sides, so the two sides always agree.
//!
//! Everything else (Han characters, punctuation, line breaks) is copied unchanged, so Chinese text inside an English
//! document folds to itself. Folding never joins or splits words: a match that starts and ends on word boundaries of
//! the folded text starts and ends on word boundaries of the input, and [`LatinFolded::input_span`] gives its span
//! there, widened to whole words (a stem maps back to its whole word: `batteri` to `batteries`).
//!
//! Stems are compared whole, so folding creates no match inside a word: `ai` (stem `ai`) never matches `aid` (stem
//! `aid`), `nev` never matches `never`.

use std::borrow::Cow;

use gwr_core::{Lang, Span};

/// Which inflection stemmer folds the words: the one of the document's language.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Stemming {
    /// English plurals.
    English,
    /// French plurals and adjective agreement.
    French,
}

impl Stemming {
    /// The stemmer of a Latin-script language (`en`, `fr`); `None` for the others, whose text is not folded.
    pub fn of(lang: Lang) -> Option<Stemming> {
        match lang {
            Lang::En => Some(Stemming::English),
            Lang::Fr => Some(Stemming::French),
            Lang::Zh | Lang::Und => None,
        }
    }
}

/// Folded text with its alignment back to the text it was folded from.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LatinFolded {
    /// The folded text.
    pub text: String,
    /// Places where the offset between folded and input bytes changes (a stemmed word, a separator made one
    /// space), sorted by `fold_start`; between two of them the text is copied byte for byte.
    atoms: Vec<FoldAtom>,
}

/// One input range that folded to another shape.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct FoldAtom {
    fold_start: usize,
    fold_end: usize,
    input_start: usize,
    input_end: usize,
}

impl LatinFolded {
    /// The input span of folded span `folded`: each end that falls inside a stemmed word or a folded separator is
    /// widened to the whole of it (start to its start, end to its end), so a match of whole folded words maps to
    /// exactly the input words it folded from, separators between them included as written.
    ///
    /// # Panics
    ///
    /// When `folded.end > self.text.len()` or `folded.start > folded.end`.
    pub fn input_span(&self, folded: Span) -> Span {
        assert!(folded.start <= folded.end, "folded span {folded} is reversed");
        let start = self.locate(folded.start).0;
        let end = self.locate(folded.end).1;
        Span::new(start, end.max(start))
    }

    /// Input offsets of folded offset `x`: (start side, end side). They differ only inside an atom.
    fn locate(&self, x: usize) -> (usize, usize) {
        assert!(x <= self.text.len(), "folded offset {x} is past the end of the text ({} bytes)", self.text.len());
        let k = self.atoms.partition_point(|a| a.fold_start <= x);
        let Some(a) = k.checked_sub(1).map(|k| &self.atoms[k]) else {
            return (x, x);
        };
        if x < a.fold_end {
            if x == a.fold_start {
                (a.input_start, a.input_start)
            } else {
                (a.input_start, a.input_end)
            }
        } else {
            let s = a.input_end + (x - a.fold_end);
            (s, s)
        }
    }

    /// True when folding changed nothing: [`LatinFolded::text`] is the input.
    pub fn is_identity(&self) -> bool {
        self.atoms.is_empty()
    }
}

/// A char of a Latin-script word: a letter or digit that is not Han (the word chars of
/// `gwr_segment::is_word_boundary`, less `_`).
pub fn is_latin_word_char(c: char) -> bool {
    c.is_alphanumeric() && !gwr_core::is_han(c)
}

/// True for a char that joins two words into one term when it stands alone between them: hyphen, U+2010 hyphen,
/// U+2011 non-breaking hyphen, en dash.
fn is_joining_dash(c: char) -> bool {
    matches!(c, '-' | '\u{2010}' | '\u{2011}' | '\u{2013}')
}

/// Fold normalized text `text` with the stemmer of `stemming` (see the module docs), with an alignment back to
/// `text`.
pub fn fold_latin(text: &str, stemming: Stemming) -> LatinFolded {
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    let mut atoms = Vec::new();
    // Start of the pending run of bytes copied as they are.
    let mut run = 0;
    let mut i = 0;
    // End of the last word, when only separator candidates have followed it.
    let mut after_word: Option<usize> = None;
    while i < bytes.len() {
        let b = bytes[i];
        // Chars that are neither word chars nor separators (Han, punctuation, line breaks) are copied as they are.
        let c = if b < 0x80 { b as char } else { text[i..].chars().next().expect("i is a char boundary") };
        if is_latin_word_char(c) {
            let start = i;
            let mut end = i + c.len_utf8();
            let mut letters_only = c.is_alphabetic();
            for w in text[end..].chars() {
                if !is_latin_word_char(w) {
                    break;
                }
                letters_only &= w.is_alphabetic();
                end += w.len_utf8();
            }
            if let Some(word_end) = after_word.take() {
                // A separator between two words: one space, unless it is one already.
                let sep = &text[word_end..start];
                if sep != " " && is_joining_separator(sep) {
                    out.push_str(&text[run..word_end]);
                    let fold_start = out.len();
                    out.push(' ');
                    atoms.push(FoldAtom { fold_start, fold_end: out.len(), input_start: word_end, input_end: start });
                    run = start;
                }
            }
            let word = &text[start..end];
            let stem = if letters_only { stem(stemming, word) } else { Cow::Borrowed(word) };
            if !stem.is_empty() && stem != word {
                out.push_str(&text[run..start]);
                let fold_start = out.len();
                out.push_str(&stem);
                atoms.push(FoldAtom { fold_start, fold_end: out.len(), input_start: start, input_end: end });
                run = end;
            }
            after_word = Some(end);
            i = end;
            continue;
        }
        if !(c == ' ' || c == '\t' || is_joining_dash(c)) {
            after_word = None;
        }
        i += c.len_utf8();
    }
    out.push_str(&text[run..]);
    LatinFolded { text: out, atoms }
}

/// The inflection stem of `word` (lower case, accents folded, letters only; see the module docs).
fn stem(stemming: Stemming, word: &str) -> Cow<'_, str> {
    if word.len() < 4 || !word.is_ascii() {
        return Cow::Borrowed(word);
    }
    match stemming {
        Stemming::English => english_stem(word),
        Stemming::French => french_stem(word),
    }
}

/// English words ending in `s` that are not plurals and whose `s`-less form is a common word of its own.
const ENGLISH_NOT_PLURAL: [&str; 2] = ["news", "always"];

/// Harman's S-stemmer, with `-sses`, `-xes`, `-ches` and `-shes` made singular too: `batteries` → `battery`,
/// `processes` → `process`, `switches` → `switch`, `vehicles` → `vehicle`; `-ss`, `-us`, `-is` and `-aies`,
/// `-eies`, `-aes`, `-ees`, `-oes` stay.
fn english_stem(word: &str) -> Cow<'_, str> {
    let b = word.as_bytes();
    let n = b.len();
    if b[n - 1] != b's' || ENGLISH_NOT_PLURAL.contains(&word) {
        return Cow::Borrowed(word);
    }
    if word.ends_with("ies") && n > 4 && !matches!(b[n - 4], b'a' | b'e') {
        return Cow::Owned(format!("{}y", &word[..n - 3]));
    }
    for plural in ["sses", "xes", "ches", "shes"] {
        if word.ends_with(plural) {
            return Cow::Borrowed(&word[..n - 2]);
        }
    }
    match b[n - 2] {
        b's' | b'u' | b'i' => Cow::Borrowed(word),
        b'e' if matches!(b[n - 3], b'a' | b'e' | b'i' | b'o') => Cow::Borrowed(word),
        _ => Cow::Borrowed(&word[..n - 1]),
    }
}

/// French plural and agreement, after Savoy's minimal stemmer, on accent-folded words: `-eaux` → `-eau`, `-aux` →
/// `-al`, then a final `s` or `x` when four letters stay, then up to two final `e` when three stay (the feminine
/// `-e` and a folded `-é`: `connectées` → `connect`), then one of a final double consonant when five letters are
/// left (`nouvelle` → `nouvel`), and `-iv` → `-if` (`générative` → `generatif`). The length limits keep short
/// words apart: `vers` (towards) is not `verre` (glass); the price is that `mer` and `mers` stay apart too.
fn french_stem(word: &str) -> Cow<'_, str> {
    if let Some(base) = word.strip_suffix("eaux") {
        return Cow::Owned(format!("{base}eau"));
    }
    if let Some(base) = word.strip_suffix("aux") {
        return Cow::Owned(format!("{base}al"));
    }
    let mut w = word;
    if let Some(s) = w.strip_suffix(['s', 'x']).filter(|s| s.len() >= 4) {
        w = s;
    }
    for _ in 0..2 {
        match w.strip_suffix('e').filter(|s| s.len() >= 3) {
            Some(s) => w = s,
            None => break,
        }
    }
    let b = w.as_bytes();
    let n = b.len();
    let doubled = n >= 5 && b[n - 1] == b[n - 2] && !matches!(b[n - 1], b'a' | b'e' | b'i' | b'o' | b'u');
    if doubled {
        w = &w[..n - 1];
    }
    if let Some(base) = w.strip_suffix("iv") {
        return Cow::Owned(format!("{base}if"));
    }
    Cow::Borrowed(w)
}

/// True when `sep`, found between two words, joins them into one term: a run of spaces and tabs, or one joining
/// dash alone.
fn is_joining_separator(sep: &str) -> bool {
    let mut chars = sep.chars();
    match chars.next() {
        Some(c) if is_joining_dash(c) => chars.next().is_none(),
        Some(_) => sep.chars().all(|c| c == ' ' || c == '\t'),
        None => false,
    }
}

/// Fold a normalized dictionary form: the very same transform as [`fold_latin`], without the alignment.
pub fn fold_latin_term(term: &str, stemming: Stemming) -> String {
    fold_latin(term, stemming).text
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize;

    fn fold_en(text: &str) -> String {
        fold_latin(&normalize(text).text, Stemming::English).text
    }

    fn fold_fr(text: &str) -> String {
        fold_latin(&normalize(text).text, Stemming::French).text
    }

    #[test]
    fn separators_between_words_become_one_space() {
        for variant in [
            "new-energy vehicles",
            "new energy vehicles",
            "new\u{2011}energy vehicles",
            "new\u{2013}energy vehicles",
            "new  energy\tvehicles",
            "New-Energy Vehicle",
        ] {
            assert_eq!(fold_en(variant), fold_en("new energy vehicle"), "{variant:?}");
        }
        // A dash set off by spaces is punctuation, not a joiner; a dash next to no word stays.
        assert_ne!(fold_en("new – energy"), fold_en("new energy"));
        assert_eq!(fold_en("- x"), "- x");
        assert_eq!(fold_en("a--b"), "a--b");
    }

    #[test]
    fn english_plurals_meet_the_singular() {
        for (plural, singular) in [
            ("integrated circuits", "integrated circuit"),
            ("batteries", "battery"),
            ("smart cities", "smart city"),
            ("processes", "process"),
            ("taxes", "tax"),
            ("NEVs", "NEV"),
            ("switches", "switch"),
            ("chips", "chip"),
            ("industries of the future", "industry of the future"),
        ] {
            assert_eq!(fold_en(plural), fold_en(singular), "{plural} / {singular}");
        }
    }

    #[test]
    fn french_plurals_and_agreement_meet_the_dictionary_form() {
        for (text, form) in [
            ("véhicules électriques", "véhicule électrique"),
            ("énergies nouvelles", "énergie nouvelle"),
            ("Énergies Nouvelles", "énergie nouvelle"),
            ("matériaux avancés", "matériaux avancée"),
            ("nouvelles infrastructures", "nouvelle infrastructure"),
            ("usines intelligentes", "usine intelligent"),
            ("villes connectées", "ville connecté"),
            ("données", "donnée"),
            ("réseaux", "réseau"),
            ("spatiaux", "spatiale"),
            ("IA génératives", "IA génératif"),
            ("européenne", "européen"),
            ("circuits intégrés", "circuit intégré"),
        ] {
            assert_eq!(fold_fr(text), fold_fr(form), "{text} / {form}");
        }
    }

    #[test]
    fn derivations_stay_apart() {
        for (a, b) in [
            ("refining", "refine"),
            ("refining", "refined"),
            ("accelerator", "accelerate"),
            ("transformer", "transformation"),
            ("computing", "computer"),
            ("renewable energy", "renewed energy"),
            ("news", "new"),
        ] {
            assert_ne!(fold_en(a), fold_en(b), "{a} / {b}");
        }
        assert_eq!(fold_en("accelerators"), fold_en("accelerator"));
        assert_ne!(fold_fr("raffinage"), fold_fr("raffiné"));
        assert_ne!(fold_fr("accélérateur"), fold_fr("accélérer"));
        assert_ne!(fold_fr("vers"), fold_fr("verre"));
        assert_ne!(fold_fr("vers"), fold_fr("verres"));
        assert_eq!(fold_fr("verres"), fold_fr("verre"));
    }

    #[test]
    fn short_words_and_codes_are_not_stretched() {
        // Stems are whole words: `ai` is not `aid`, `nev` is not `never`, `5g` stays.
        assert_ne!(fold_en("aid"), fold_en("ai"));
        assert_ne!(fold_en("aids"), fold_en("ai"));
        assert_ne!(fold_en("never"), fold_en("nev"));
        assert_eq!(fold_en("5g"), "5g");
        assert_eq!(fold_en("3d printing"), format!("3d {}", fold_en("printing")));
        assert_ne!(fold_fr("ia"), fold_fr("il"));
    }

    #[test]
    fn han_and_punctuation_are_copied() {
        let text = "发展新能源汽车，推动ai+产业。";
        let folded = fold_latin(text, Stemming::English);
        assert_eq!(folded.text, text);
        assert!(folded.is_identity());
    }

    #[test]
    fn spans_map_back_to_whole_input_words() {
        let source = "Integrated Circuits and new\u{2011}energy vehicles, 5G-A.";
        let norm = normalize(source);
        let folded = fold_latin(&norm.text, Stemming::English);
        for (term, want) in [
            ("integrated circuit", "Integrated Circuits"),
            ("new energy vehicle", "new\u{2011}energy vehicles"),
            ("5g a", "5G-A"),
        ] {
            let key = fold_latin_term(&normalize(term).text, Stemming::English);
            let at = folded.text.find(&key).unwrap_or_else(|| panic!("{key:?} not in {:?}", folded.text));
            let input = folded.input_span(Span::new(at, at + key.len()));
            assert_eq!(norm.source_span(input).slice(source), want, "{term}");
        }
        assert_eq!(folded.input_span(Span::new(folded.text.len(), folded.text.len())).start, norm.text.len());
    }
}
