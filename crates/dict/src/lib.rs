//! The gwr dictionary: sectors, concepts, surface forms, exclusions; the region gazetteer.
//!
//! A [`Dictionary`] is read from the TOML files of `dictionaries/` (schema in `dictionaries/README.md`), from a single
//! TOML file, or imported from a cntext or quanteda YAML dictionary. [`Dictionary::check`] lists every problem of a
//! dictionary with its file and line, [`Dictionary::stats`] counts it, and [`Dictionary::patterns`] gives the flat list
//! of normalized surface forms (and exclusions) the matcher builds its automaton from. The region gazetteer lives in
//! [`regions`].
//!
//! # Example
//!
//! ```
//! use gwr_dict::{Dictionary, PatternTarget, Severity};
//!
//! let dir = std::env::temp_dir().join(format!("gwr-dict-doc-{}", std::process::id()));
//! std::fs::create_dir_all(&dir)?;
//! let file = dir.join("frontier.toml");
//! std::fs::write(&file, r#"
//! schema = 1
//! group = "frontier"
//! kind = "sector"
//!
//! [[sector]]
//! id = "quantum"
//! zh = "量子科技"
//! en = "Quantum technology"
//! fr = "Technologies quantiques"
//!
//! [[sector.concept]]
//! id = "quantum_computing"
//! zh = ["量子计算", "量子计算机"]
//! en = ["quantum computing"]
//! fr = ["informatique quantique"]
//! "#)?;
//!
//! let dictionary = Dictionary::load(&file)?;
//! assert!(dictionary.check().iter().all(|p| p.severity != Severity::Error));
//! assert_eq!(dictionary.stats().to_string(), "1 sectors, 1 concepts, forms: zh 2, en 1, fr 1");
//!
//! // 量子计算 is inside 量子计算机, but both belong to one concept: no problem, two patterns.
//! let patterns = dictionary.patterns();
//! assert_eq!(patterns.len(), 4);
//! assert_eq!(patterns[0].normalized, "量子计算");
//! assert_eq!(patterns[0].target, PatternTarget::Concept(0));
//! assert_eq!(dictionary.sector_of(0).id, "quantum");
//! std::fs::remove_dir_all(&dir)?;
//! Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # Crate features
//!
//! None.
//!
//! # Normalization
//!
//! Forms are compared and matched after normalization with `gwr_normalize::normalize_term`, the same transform
//! documents go through (NFKC, full width → half width, Traditional → Simplified, case and French accent folding).
//! [`Dictionary::check`] warns about forms that normalization changes, except for the case of acronyms (`AI`, `5G`,
//! `IoT`) and French accents, which a form may keep.
//!
//! # Import and export
//!
//! A `.yaml`/`.yml` file is read as a cntext dictionary when its top level has a `Dictionary` key (`Name`, `Desc`,
//! `Refer`, `Category: [..]`, `Dictionary: {category: [terms]}`), and as a quanteda dictionary otherwise
//! (`category: [terms]`, or `category: {subcategory: [terms]}`). Each top-level category becomes a sector; each list of
//! terms becomes one concept (named after its category, or after its subcategory in a nested quanteda dictionary).
//! A term's language is found from its script: a term with a Han character is `zh`, any other `en`. Globs (`*`, `?`)
//! cannot be matched by an exact automaton with word boundaries, so a term with a glob is an
//! [`DictError::Unsupported`] error naming file and line; quanteda nesting deeper than two levels is too.
//! Export writes concepts as cntext categories ([`Dictionary::to_cntext_yaml`]) or sectors with their concepts as
//! quanteda subcategories ([`Dictionary::to_quanteda_yaml`]); exclusions, nests, notes and the `fr`/`en` distinction
//! do not survive the trip.

pub mod divisions;
pub mod regions;

mod check;
mod error;
mod load;
mod normal;
mod yaml;

/// The default dictionary's files, compiled in by `build.rs`.
mod embedded {
    include!(concat!(env!("OUT_DIR"), "/embedded_dictionary.rs"));
}

pub use error::DictError;

use gwr_core::Lang;
use std::fmt;
use std::path::{Path, PathBuf};

/// A dictionary: sectors, their concepts and the surface forms of each concept.
#[derive(Clone, Debug)]
pub struct Dictionary {
    /// Name, from `dictionary.toml` (or the folder or file name when there is none).
    pub name: String,
    /// Version, from `dictionary.toml` (`unversioned` when there is none, `imported` for YAML).
    pub version: String,
    /// Lower-case hex SHA-256 over the names and contents of all files read, in sorted order: the same files give
    /// the same hash whatever order they were written or listed in.
    pub hash: String,
    /// Sectors, in file order (files sorted by path).
    pub sectors: Vec<Sector>,
    /// Concepts, in file order; [`Concept::sector`] points into [`Dictionary::sectors`].
    pub concepts: Vec<Concept>,
    /// Where things were written, for [`Dictionary::check`].
    sources: load::Sources,
}

/// Whether a sector is scored or only reported.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum SectorKind {
    /// A sector: counted, scored and ranked.
    Sector,
    /// Policy vocabulary: counted and reported, never scored as a sector.
    Policy,
}

impl SectorKind {
    /// `sector` or `policy`, as written in the files.
    pub fn as_str(self) -> &'static str {
        match self {
            SectorKind::Sector => "sector",
            SectorKind::Policy => "policy",
        }
    }
}

impl fmt::Display for SectorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A sector (or a policy heading) and its display names.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Sector {
    /// ASCII snake_case id, unique in the dictionary.
    pub id: String,
    /// Scored sector or reported policy vocabulary.
    pub kind: SectorKind,
    /// The sector group (the `group` of its file).
    pub group: String,
    /// Chinese display name.
    pub zh: String,
    /// English display name.
    pub en: String,
    /// French display name.
    pub fr: String,
}

/// A concept: the unit that is counted, with all the surface forms that name it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Concept {
    /// ASCII snake_case id, unique in the dictionary.
    pub id: String,
    /// Index of its sector in [`Dictionary::sectors`].
    pub sector: usize,
    /// Surface forms, as written (`zh` first, then `en`, then `fr`).
    pub forms: Vec<Form>,
    /// Superstrings of its forms that must not count, as written.
    pub exclude: Vec<String>,
    /// Ids of concepts whose forms contain, or are contained in, this one's on purpose.
    pub nests: Vec<String>,
    /// Why a debatable choice was made.
    pub note: Option<String>,
    /// Where the concept is written (the line of its `id`).
    pub location: Location,
    /// Context rules: a hit of the concept counts only when every rule lets it through (see [`Rule`]).
    pub rules: Vec<Rule>,
}

/// A context rule of a concept, written as a `[[sector.concept.rule]]` table: a hit of the concept counts only when
/// words near it say the concept is meant. Rules are applied after matching, to the hits of their concept only; a
/// hit that a rule rejects is not counted (`gwr dict audit` lists it with the rule).
///
/// Terms are matched as plain substrings of the normalized text, never with word boundaries: a rule term
/// `房` is found inside `住房`. A term counts when it lies wholly before or wholly after the hit, inside the window.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Rule {
    /// What the rule asks.
    pub kind: RuleKind,
    /// The words looked for (`only_near`, `unless_near`) or the names that contain a form (`not_in`), as written.
    pub terms: Vec<String>,
    /// Ids of concepts whose forms count as terms too (`only_near`, `unless_near`).
    pub concepts: Vec<String>,
    /// How far the terms are looked for (`only_near`, `unless_near`); `None` for `not_in`, or when not written.
    pub within: Option<Within>,
    /// Why the rule is there.
    pub note: Option<String>,
    /// Where the rule is written (the line of its `[[sector.concept.rule]]` header's first key).
    pub location: Location,
}

/// The kind of a [`Rule`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum RuleKind {
    /// The hit counts only if one of the terms occurs within the window.
    OnlyNear,
    /// The hit does not count if one of the terms occurs within the window.
    UnlessNear,
    /// The hit does not count when it is part of one of the names (a brand or a place: 量子城市).
    NotIn,
}

impl RuleKind {
    /// `only_near`, `unless_near` or `not_in`, as written in the files.
    pub fn as_str(self) -> &'static str {
        match self {
            RuleKind::OnlyNear => "only_near",
            RuleKind::UnlessNear => "unless_near",
            RuleKind::NotIn => "not_in",
        }
    }
}

/// How far from a hit a rule looks for its terms.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Within {
    /// Up to this many characters on each side of the hit ([`MAX_RULE_WINDOW`] at most; checked, not trusted).
    Chars(i64),
    /// In the sentence of the hit: from the previous to the next `。！？；!?;` or line break.
    Sentence,
    /// Anything else that was written (a [`Dictionary::check`] error).
    Invalid(String),
}

/// The widest character window a rule may ask for.
pub const MAX_RULE_WINDOW: i64 = 100;

impl fmt::Display for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut words: Vec<String> = self.terms.clone();
        words.extend(self.concepts.iter().map(|c| format!("<{c}>")));
        write!(f, "{} [{}]", self.kind.as_str(), words.join(", "))?;
        match &self.within {
            Some(Within::Chars(n)) => write!(f, " within {n}")?,
            Some(Within::Sentence) => write!(f, " within sentence")?,
            Some(Within::Invalid(w)) => write!(f, " within {w:?}")?,
            None => {}
        }
        write!(f, " ({})", self.location)
    }
}

/// One surface form of a concept.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Form {
    /// The form as written.
    pub text: String,
    /// Its language.
    pub lang: Lang,
    /// Where it is written.
    pub location: Location,
}

/// A file and a 1-based line.
#[derive(Clone, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Location {
    /// The file, as given or found under the dictionary folder (`dictionaries/sectors/frontier.toml`).
    pub file: String,
    /// 1-based line.
    pub line: usize,
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.file, self.line)
    }
}

/// How bad a [`Problem`] is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// The dictionary is wrong: counts would be wrong or ambiguous.
    Error,
    /// Probably a mistake, but counts are well defined.
    Warning,
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        })
    }
}

/// One problem found by [`Dictionary::check`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    /// Where it is.
    pub location: Location,
    /// Error or warning.
    pub severity: Severity,
    /// What is wrong, lowercase, naming the forms and concepts involved.
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.location, self.message)
    }
}

/// Counts of one kind of sector.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct KindStats {
    /// Sectors of this kind.
    pub sectors: usize,
    /// Concepts in them.
    pub concepts: usize,
    /// `zh` forms.
    pub zh: usize,
    /// `en` forms.
    pub en: usize,
    /// `fr` forms.
    pub fr: usize,
}

impl KindStats {
    /// Number of forms in `lang`.
    pub fn forms(&self, lang: Lang) -> usize {
        match lang {
            Lang::Zh => self.zh,
            Lang::En => self.en,
            Lang::Fr => self.fr,
            Lang::Und => 0,
        }
    }
}

impl fmt::Display for KindStats {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} sectors, {} concepts, forms: zh {}, en {}, fr {}",
            self.sectors, self.concepts, self.zh, self.en, self.fr
        )
    }
}

/// Size of a dictionary: scored sectors and policy vocabulary counted apart.
///
/// Displays as `38 sectors, 640 concepts, forms: zh 2100, en 900, fr 880`, followed by
/// `; policy: 1 sectors, 40 concepts, forms: zh 120, en 60, fr 60` when there is policy vocabulary.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Stats {
    /// Sectors of kind [`SectorKind::Sector`].
    pub sectors: KindStats,
    /// Sectors of kind [`SectorKind::Policy`].
    pub policy: KindStats,
}

impl fmt::Display for Stats {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.sectors)?;
        if self.policy.sectors > 0 {
            write!(f, "; policy: {}", self.policy)?;
        }
        Ok(())
    }
}

/// One pattern of the matcher's automaton: a normalized surface form, or an exclusion.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Pattern {
    /// The form after normalization: what is searched in normalized text.
    pub normalized: String,
    /// What a match of it means.
    pub target: PatternTarget,
}

/// What a match of a [`Pattern`] means.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum PatternTarget {
    /// A hit of the concept at this index of [`Dictionary::concepts`].
    Concept(u32),
    /// An exclusion: it wins leftmost-longest over the shorter form it contains and counts nothing.
    Exclusion,
}

impl Dictionary {
    /// Load a dictionary from `path`: a folder (its optional `dictionary.toml` and every other `*.toml` under it,
    /// recursively and in sorted order, except `regions.toml`), a single `.toml` sector-group file, or a cntext or
    /// quanteda `.yaml`/`.yml` file (imported, see the crate docs).
    ///
    /// Syntax errors and schema violations (unknown fields or language keys, wrong types, missing fields) stop the
    /// load with a [`DictError::Parse`] naming file:line:column. Everything else is left to [`Dictionary::check`].
    pub fn load(path: &Path) -> Result<Dictionary, DictError> {
        load::load(path)
    }

    /// The default dictionary, compiled into the crate from the repository's `dictionaries/` folder: the same
    /// dictionary, with the same hash, as [`Dictionary::load`] of that folder gives. Needs no file at run time.
    pub fn embedded() -> Result<Dictionary, DictError> {
        load::load_embedded()
    }

    /// The dictionary of `source`: [`Dictionary::embedded`] or [`Dictionary::load`].
    pub fn load_source(source: &DictSource) -> Result<Dictionary, DictError> {
        match source {
            DictSource::Embedded => Dictionary::embedded(),
            DictSource::Path(path) => Dictionary::load(path),
        }
    }

    /// Parse one sector-group file given as text; `file` is the name used in locations. Handy in tests.
    pub fn from_toml_str(text: &str, file: &str) -> Result<Dictionary, DictError> {
        load::from_toml_str(text, file)
    }

    /// A dictionary of word lists given in memory (a keyword-in-context query, a user's list from Python): each
    /// category becomes a sector with one concept holding its words, exactly as a cntext YAML file with the same
    /// categories would be imported. Run [`Dictionary::check`] on it like on any other.
    ///
    /// ```
    /// let dict = gwr_dict::Dictionary::from_words("env", &[("environment".into(), vec!["环保".into(), "污染".into()])]);
    /// assert_eq!(dict.stats().sectors.sectors, 1);
    /// ```
    pub fn from_words(name: &str, categories: &[(String, Vec<String>)]) -> Dictionary {
        load::from_words(name, categories)
    }

    /// True for a dictionary imported from cntext or quanteda YAML or made with [`Dictionary::from_words`]: its
    /// categories are word lists, and outputs count each word of a list on its own as well.
    pub fn is_imported(&self) -> bool {
        self.sources.format == load::Format::Yaml
    }

    /// Every problem of the dictionary (see the rules in `dictionaries/README.md`), sorted by file and line.
    pub fn check(&self) -> Vec<Problem> {
        check::check(self)
    }

    /// Counts of sectors, concepts and forms per language, scored sectors and policy apart.
    pub fn stats(&self) -> Stats {
        let mut stats = Stats::default();
        for sector in &self.sectors {
            match sector.kind {
                SectorKind::Sector => stats.sectors.sectors += 1,
                SectorKind::Policy => stats.policy.sectors += 1,
            }
        }
        for concept in &self.concepts {
            let kind = match self.sectors[concept.sector].kind {
                SectorKind::Sector => &mut stats.sectors,
                SectorKind::Policy => &mut stats.policy,
            };
            kind.concepts += 1;
            for form in &concept.forms {
                match form.lang {
                    Lang::Zh => kind.zh += 1,
                    Lang::En => kind.en += 1,
                    Lang::Fr => kind.fr += 1,
                    // A dictionary form always has a language (the loader gives zh, en or fr).
                    Lang::Und => {}
                }
            }
        }
        stats
    }

    /// The matcher's patterns: every normalized form once (with the first concept that lists it; a form listed by
    /// two concepts is a [`Dictionary::check`] error), then every exclusion once that is not already a form (an
    /// exclusion equal to another concept's form is served by that form, which wins leftmost-longest). Empty forms
    /// are left out.
    pub fn patterns(&self) -> Vec<Pattern> {
        let mut seen = std::collections::HashSet::new();
        let mut patterns = Vec::new();
        for (index, concept) in self.concepts.iter().enumerate() {
            let index = u32::try_from(index).expect("fewer than 2^32 concepts");
            for form in &concept.forms {
                let normalized = normal::normalize_form(&form.text);
                if !normalized.trim().is_empty() && seen.insert(normalized.clone()) {
                    patterns.push(Pattern { normalized, target: PatternTarget::Concept(index) });
                }
            }
        }
        for concept in &self.concepts {
            for exclusion in &concept.exclude {
                let normalized = normal::normalize_form(exclusion);
                if !normalized.trim().is_empty() && seen.insert(normalized.clone()) {
                    patterns.push(Pattern { normalized, target: PatternTarget::Exclusion });
                }
            }
        }
        patterns
    }

    /// The matcher's patterns for documents in `lang`. For Chinese and undetermined text, [`Dictionary::patterns`].
    /// For English and French text, which the pipeline folds with `gwr_normalize::fold_latin` (separators made one
    /// space, inflections stemmed) before matching: the forms of `lang`, then the `zh` forms, then the forms of the
    /// other languages (an acronym such as `6g` may be written in one list only), then the exclusions, each
    /// normalized and folded the same way, every folded string once: a string two forms give goes to the first of
    /// them in that order (two concepts giving one string in `lang` or `zh` is a [`Dictionary::check`] warning).
    pub fn patterns_for(&self, lang: Lang) -> Vec<Pattern> {
        let Some(stemming) = gwr_normalize::Stemming::of(lang) else {
            return self.patterns();
        };
        let fold = |text: &str| gwr_normalize::fold_latin_term(&normal::normalize_form(text), stemming);
        let mut seen = std::collections::HashSet::new();
        let mut patterns = Vec::new();
        let rank = |l: Lang| match l {
            l if l == lang => 0,
            Lang::Zh => 1,
            _ => 2,
        };
        for pass in 0..3 {
            for (index, concept) in self.concepts.iter().enumerate() {
                let index = u32::try_from(index).expect("fewer than 2^32 concepts");
                for form in concept.forms.iter().filter(|f| rank(f.lang) == pass) {
                    let folded = fold(&form.text);
                    if !folded.trim().is_empty() && seen.insert(folded.clone()) {
                        patterns.push(Pattern { normalized: folded, target: PatternTarget::Concept(index) });
                    }
                }
            }
        }
        for concept in &self.concepts {
            for exclusion in &concept.exclude {
                let folded = fold(exclusion);
                if !folded.trim().is_empty() && seen.insert(folded.clone()) {
                    patterns.push(Pattern { normalized: folded, target: PatternTarget::Exclusion });
                }
            }
        }
        patterns
    }

    /// The normalized words a rule of a concept looks for: its terms, then the forms of the concepts it names
    /// (unknown concepts are a [`Dictionary::check`] error and give nothing here), each once, empty ones left out.
    pub fn rule_terms(&self, rule: &Rule) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        let named =
            rule.concepts.iter().filter_map(|id| self.concept(id)).flat_map(|c| c.forms.iter().map(|f| &f.text));
        for term in rule.terms.iter().chain(named) {
            let normalized = normal::normalize_form(term);
            if !normalized.trim().is_empty() && !out.contains(&normalized) {
                out.push(normalized);
            }
        }
        out
    }

    /// The sector of the concept at index `concept`. Panics when there is no such concept.
    pub fn sector_of(&self, concept: u32) -> &Sector {
        &self.sectors[self.concepts[concept as usize].sector]
    }

    /// The concept with this id.
    pub fn concept(&self, id: &str) -> Option<&Concept> {
        self.concepts.iter().find(|c| c.id == id)
    }

    /// The dictionary as a cntext YAML dictionary: one category per concept.
    pub fn to_cntext_yaml(&self) -> String {
        yaml::to_cntext(self)
    }

    /// The dictionary as a quanteda YAML dictionary: one category per sector, one subcategory per concept.
    pub fn to_quanteda_yaml(&self) -> String {
        yaml::to_quanteda(self)
    }
}

/// The `dictionaries/` folder of the gwr source tree this crate was built from, for tests of the on-disk format
/// and tools run inside the tree. Programs use the embedded copy ([`Dictionary::embedded`], [`DictSource`]),
/// which needs no source tree.
pub fn default_dictionary_dir() -> PathBuf {
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../dictionaries"))
}

/// The folder name the embedded dictionary's files are shown under in messages (`dictionaries/sectors/x.toml:3`).
pub const EMBEDDED_NAME: &str = "dictionaries";

/// Where a dictionary comes from: the default one compiled into the program, or files on disk.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum DictSource {
    /// The default dictionary compiled in ([`Dictionary::embedded`]).
    #[default]
    Embedded,
    /// A folder laid out like `dictionaries/`, a TOML file, or a cntext/quanteda YAML file ([`Dictionary::load`]).
    Path(PathBuf),
}

impl DictSource {
    /// `embedded` or `path`, as recorded in `run.json`.
    pub fn kind(&self) -> &'static str {
        match self {
            DictSource::Embedded => "embedded",
            DictSource::Path(_) => "path",
        }
    }

    /// The path given, if any.
    pub fn path(&self) -> Option<&Path> {
        match self {
            DictSource::Embedded => None,
            DictSource::Path(path) => Some(path),
        }
    }
}

impl fmt::Display for DictSource {
    /// `embedded dictionary`, or the path.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DictSource::Embedded => f.write_str("embedded dictionary"),
            DictSource::Path(path) => write!(f, "{}", path.display()),
        }
    }
}

impl From<PathBuf> for DictSource {
    fn from(path: PathBuf) -> DictSource {
        DictSource::Path(path)
    }
}

impl From<&Path> for DictSource {
    fn from(path: &Path) -> DictSource {
        DictSource::Path(path.to_path_buf())
    }
}

impl From<&PathBuf> for DictSource {
    fn from(path: &PathBuf) -> DictSource {
        DictSource::Path(path.clone())
    }
}

impl From<&DictSource> for DictSource {
    fn from(source: &DictSource) -> DictSource {
        source.clone()
    }
}

/// The files of the embedded default dictionary (every file of `dictionaries/`, its README and gazetteer
/// included): path relative to the folder, `/`-separated, and bytes; sorted by path.
pub fn embedded_files() -> &'static [(&'static str, &'static [u8])] {
    embedded::FILES
}

/// Write the embedded default dictionary's files into `dir` (created when absent), as an editable copy that
/// `--dict DIR` then reads; returns the paths written. Refuses, before writing anything, when one of those files
/// already exists.
pub fn export_embedded(dir: &Path) -> Result<Vec<PathBuf>, DictError> {
    let targets: Vec<(PathBuf, &[u8])> =
        embedded::FILES.iter().map(|&(relative, bytes)| (dir.join(relative), bytes)).collect();
    if let Some((existing, _)) = targets.iter().find(|(path, _)| path.exists()) {
        return Err(DictError::Io {
            path: existing.clone(),
            source: std::io::Error::new(std::io::ErrorKind::AlreadyExists, "already exists; not overwritten"),
        });
    }
    for (path, bytes) in &targets {
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|source| DictError::Io { path: parent.to_path_buf(), source })?;
        }
        std::fs::write(path, bytes).map_err(|source| DictError::Io { path: path.clone(), source })?;
    }
    Ok(targets.into_iter().map(|(path, _)| path).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn public_types_are_send_sync() {
        fn check<T: Send + Sync>() {}
        check::<Dictionary>();
        check::<Problem>();
        check::<Pattern>();
        check::<Rule>();
        check::<DictError>();
    }

    #[test]
    fn the_embedded_dictionary_is_the_source_folder_byte_for_byte() {
        // The on-disk folder the crate was built from: every file embedded, no other, with the same bytes.
        let dir = default_dictionary_dir();
        let mut on_disk = Vec::new();
        let mut stack = vec![(dir.clone(), String::new())];
        while let Some((folder, relative)) = stack.pop() {
            for entry in std::fs::read_dir(&folder).expect("dictionaries/") {
                let entry = entry.expect("entry");
                let name = entry.file_name().into_string().expect("UTF-8 name");
                let child = if relative.is_empty() { name.clone() } else { format!("{relative}/{name}") };
                if name.starts_with('.') {
                    continue;
                } else if entry.path().is_dir() {
                    stack.push((entry.path(), child));
                } else {
                    on_disk.push((child, std::fs::read(entry.path()).expect("read")));
                }
            }
        }
        on_disk.sort();
        let embedded: Vec<(String, Vec<u8>)> =
            embedded_files().iter().map(|(p, b)| (p.to_string(), b.to_vec())).collect();
        assert_eq!(embedded.iter().map(|f| &f.0).collect::<Vec<_>>(), on_disk.iter().map(|f| &f.0).collect::<Vec<_>>());
        assert!(embedded == on_disk, "an embedded file differs from its source");
        assert!(embedded.iter().any(|(p, _)| p == "regions.toml") && embedded.iter().any(|(p, _)| p == "README.md"));
        let (from_disk, from_memory) =
            (Dictionary::load(&dir).expect("folder"), Dictionary::embedded().expect("embedded"));
        assert_eq!(from_memory.hash, from_disk.hash);
        assert_eq!(from_memory.stats().to_string(), from_disk.stats().to_string());
    }

    #[test]
    fn export_embedded_writes_a_folder_that_loads_as_the_same_dictionary_and_never_overwrites() {
        let tmp = tempfile::tempdir().expect("temp dir");
        let dir = tmp.path().join("copy");
        let written = export_embedded(&dir).expect("export");
        assert_eq!(written.len(), embedded_files().len());
        assert_eq!(Dictionary::load(&dir).expect("copy loads").hash, Dictionary::embedded().expect("embedded").hash);
        let err = export_embedded(&dir).expect_err("second export refused").to_string();
        assert!(err.contains("already exists"), "{err}");
    }
}
