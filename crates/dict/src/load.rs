//! Reading a dictionary from TOML files (schema 1, `dictionaries/README.md`).

use crate::{yaml, Concept, DictError, Dictionary, Form, Location, Rule, RuleKind, Sector, SectorKind, Within};
use gwr_core::Lang;
use serde::Deserialize;
use sha2::{Digest, Sha256};
use std::path::Path;
use toml::Spanned;

/// The schema version this crate reads.
pub(crate) const SCHEMA: i64 = 1;

/// Where a dictionary was read from.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) enum Format {
    /// gwr's own TOML files.
    #[default]
    Toml,
    /// An imported cntext or quanteda YAML file.
    Yaml,
}

/// Where things were written, kept for `check`.
#[derive(Clone, Debug, Default)]
pub(crate) struct Sources {
    pub format: Format,
    /// The `schema` of every file read, with its location.
    pub schemas: Vec<(i64, Location)>,
    /// Where each sector's id is written, parallel to `Dictionary::sectors`.
    pub sectors: Vec<Location>,
    /// Where each concept's exclusions and nests are written, parallel to `Dictionary::concepts`.
    pub concepts: Vec<ConceptSources>,
}

/// Where one concept's exclusions and nests are written, and the rule kinds each of its rules wrote.
#[derive(Clone, Debug, Default)]
pub(crate) struct ConceptSources {
    pub exclude: Vec<Location>,
    pub nests: Vec<Location>,
    /// Parallel to `Concept::rules`: every kind key the rule table wrote (`check` wants exactly one).
    pub rule_kinds: Vec<Vec<RuleKind>>,
}

#[derive(Deserialize)]
struct RawSchema {
    schema: Option<Spanned<i64>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawManifest {
    #[serde(rename = "schema")]
    _schema: i64,
    name: String,
    version: String,
    #[serde(default, rename = "description")]
    _description: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawGroup {
    #[serde(rename = "schema")]
    _schema: i64,
    group: String,
    kind: RawKind,
    #[serde(default)]
    sector: Vec<RawSector>,
}

#[derive(Deserialize, Clone, Copy)]
#[serde(rename_all = "lowercase")]
enum RawKind {
    Sector,
    Policy,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSector {
    id: Spanned<String>,
    zh: String,
    en: String,
    fr: String,
    #[serde(default)]
    concept: Vec<RawConcept>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConcept {
    id: Spanned<String>,
    #[serde(default)]
    zh: Vec<Spanned<String>>,
    #[serde(default)]
    en: Vec<Spanned<String>>,
    #[serde(default)]
    fr: Vec<Spanned<String>>,
    #[serde(default)]
    exclude: Vec<Spanned<String>>,
    #[serde(default)]
    nests: Vec<Spanned<String>>,
    #[serde(default)]
    note: Option<String>,
    #[serde(default)]
    rule: Vec<Spanned<RawRule>>,
}

/// A `[[sector.concept.rule]]` table; which of `only_near`, `unless_near`, `not_in` is written (exactly one) and
/// whether the lists are empty or `within` is in range is left to `check`, which names the line.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRule {
    #[serde(default)]
    only_near: Option<Vec<String>>,
    #[serde(default)]
    unless_near: Option<Vec<String>>,
    #[serde(default)]
    not_in: Option<Vec<String>>,
    #[serde(default)]
    concepts: Vec<String>,
    #[serde(default)]
    within: Option<RawWithin>,
    #[serde(default)]
    note: Option<String>,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum RawWithin {
    Chars(i64),
    Word(String),
}

/// A rule as written: its kind, terms, and the kinds written besides it (more than one is a `check` error).
fn rule_of(raw: RawRule, location: Location) -> (Rule, Vec<RuleKind>) {
    let mut kinds = Vec::new();
    let mut terms = Vec::new();
    for (kind, list) in
        [(RuleKind::OnlyNear, raw.only_near), (RuleKind::UnlessNear, raw.unless_near), (RuleKind::NotIn, raw.not_in)]
    {
        if let Some(list) = list {
            if kinds.is_empty() {
                terms = list;
            }
            kinds.push(kind);
        }
    }
    let within = raw.within.map(|w| match w {
        RawWithin::Chars(n) => Within::Chars(n),
        RawWithin::Word(w) if w == "sentence" => Within::Sentence,
        RawWithin::Word(w) => Within::Invalid(w),
    });
    let rule = Rule {
        kind: kinds.first().copied().unwrap_or(RuleKind::OnlyNear),
        terms,
        concepts: raw.concepts,
        within,
        note: raw.note.filter(|n| !n.trim().is_empty()),
        location,
    };
    (rule, kinds)
}

/// Byte offsets → 1-based lines and columns of one file.
pub(crate) struct Lines<'t> {
    text: &'t str,
    starts: Vec<usize>,
}

impl<'t> Lines<'t> {
    pub(crate) fn new(text: &'t str) -> Lines<'t> {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        Lines { text, starts }
    }

    /// 1-based line of byte `offset`.
    pub(crate) fn line(&self, offset: usize) -> usize {
        self.starts.partition_point(|&s| s <= offset)
    }

    /// 1-based line and column (in characters) of byte `offset`.
    pub(crate) fn line_column(&self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.text.len());
        let line = self.line(offset);
        let start = self.starts[line - 1];
        let column = self.text.get(start..offset).map_or(1, |s| s.chars().count() + 1);
        (line, column)
    }
}

/// One file read from disk: the name used in locations, the name hashed, and its text.
struct SourceFile {
    shown: String,
    relative: String,
    text: String,
}

pub(crate) fn load(path: &Path) -> Result<Dictionary, DictError> {
    let metadata = std::fs::metadata(path).map_err(|source| match source.kind() {
        std::io::ErrorKind::NotFound => DictError::NotFound { path: path.to_path_buf() },
        _ => DictError::Io { path: path.to_path_buf(), source },
    })?;
    if metadata.is_dir() {
        return load_dir(path);
    }
    let extension = path.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase);
    let file = SourceFile {
        shown: shown(path),
        relative: path.file_name().map_or_else(String::new, |n| n.to_string_lossy().into_owned()),
        text: read(path)?,
    };
    let stem = path.file_stem().map_or_else(String::new, |n| n.to_string_lossy().into_owned());
    match extension.as_deref() {
        Some("toml") => {
            let mut builder = Builder::new(stem);
            builder.hash_file(&file);
            builder.add_group(&file.text, &file.shown)?;
            Ok(builder.finish())
        }
        Some("yaml" | "yml") => yaml::import(&file.text, &file.shown, &stem, &hash_files(&[&file])),
        _ => Err(DictError::UnknownFormat { path: path.to_path_buf() }),
    }
}

pub(crate) fn from_toml_str(text: &str, file: &str) -> Result<Dictionary, DictError> {
    let source = SourceFile { shown: file.to_string(), relative: file.to_string(), text: text.to_string() };
    let name = Path::new(file).file_stem().map_or_else(String::new, |n| n.to_string_lossy().into_owned());
    let mut builder = Builder::new(name);
    builder.hash_file(&source);
    builder.add_group(text, file)?;
    Ok(builder.finish())
}

fn load_dir(dir: &Path) -> Result<Dictionary, DictError> {
    let mut relatives = Vec::new();
    walk(dir, "", &mut relatives)?;
    relatives.sort();
    let prefix = shown(dir);
    let prefix = prefix.trim_end_matches('/');
    let mut files = Vec::with_capacity(relatives.len());
    for relative in relatives {
        let path = dir.join(&relative);
        files.push(SourceFile { shown: format!("{prefix}/{relative}"), text: read(&path)?, relative });
    }
    if files.is_empty() {
        return Err(DictError::Empty { path: dir.to_path_buf() });
    }
    let name = dir
        .canonicalize()
        .ok()
        .and_then(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()))
        .unwrap_or_else(|| "dictionary".to_string());
    from_files(name, &files)
}

/// The default dictionary compiled into the crate (`dictionaries/`, see `build.rs`): the files [`load_dir`] would
/// read from that folder, read from memory, so its hash is the folder's.
pub(crate) fn load_embedded() -> Result<Dictionary, DictError> {
    let mut files = Vec::new();
    for &(relative, bytes) in crate::embedded::FILES {
        let name = relative.rsplit('/').next().unwrap_or(relative);
        if !is_dictionary_file(name) {
            continue;
        }
        let shown = format!("{}/{relative}", crate::EMBEDDED_NAME);
        let text = String::from_utf8(bytes.to_vec()).map_err(|e| DictError::Io {
            path: shown.clone().into(),
            source: std::io::Error::new(std::io::ErrorKind::InvalidData, e),
        })?;
        files.push(SourceFile { shown, relative: relative.to_string(), text });
    }
    from_files("dictionaries".to_string(), &files)
}

/// A dictionary from the files of a folder (sorted by relative path): `dictionary.toml` is the manifest, every other
/// file a sector group.
fn from_files(name: String, files: &[SourceFile]) -> Result<Dictionary, DictError> {
    let mut builder = Builder::new(name);
    for file in files {
        builder.hash_file(file);
    }
    for file in files {
        if file.relative == "dictionary.toml" {
            builder.add_manifest(&file.text, &file.shown)?;
        } else {
            builder.add_group(&file.text, &file.shown)?;
        }
    }
    Ok(builder.finish())
}

/// Every `*.toml` under `dir` except `regions.toml` and hidden entries, as `/`-separated paths relative to the root.
fn walk(dir: &Path, relative: &str, out: &mut Vec<String>) -> Result<(), DictError> {
    let entries = std::fs::read_dir(dir).map_err(|source| DictError::Io { path: dir.to_path_buf(), source })?;
    for entry in entries {
        let entry = entry.map_err(|source| DictError::Io { path: dir.to_path_buf(), source })?;
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.starts_with('.') {
            continue;
        }
        let child = if relative.is_empty() { name.clone() } else { format!("{relative}/{name}") };
        let path = entry.path();
        if path.is_dir() {
            walk(&path, &child, out)?;
        } else if is_dictionary_file(&name) {
            out.push(child);
        }
    }
    Ok(())
}

/// Whether a file of a dictionary folder is part of the dictionary: every `*.toml` except the gazetteer.
fn is_dictionary_file(name: &str) -> bool {
    name.ends_with(".toml") && name != "regions.toml"
}

fn read(path: &Path) -> Result<String, DictError> {
    std::fs::read_to_string(path).map_err(|source| DictError::Io { path: path.to_path_buf(), source })
}

/// A path as shown in messages, with `/` separators.
fn shown(path: &Path) -> String {
    path.to_string_lossy().replace('\\', "/")
}

/// The hash of a set of files: SHA-256 over each file's relative name and content, in sorted name order.
fn hash_files(files: &[&SourceFile]) -> String {
    let mut sorted: Vec<&&SourceFile> = files.iter().collect();
    sorted.sort_by(|a, b| a.relative.cmp(&b.relative));
    let mut hasher = Sha256::new();
    for file in sorted {
        feed(&mut hasher, file);
    }
    hex(&hasher.finalize())
}

fn feed(hasher: &mut Sha256, file: &SourceFile) {
    hasher.update((file.relative.len() as u64).to_le_bytes());
    hasher.update(file.relative.as_bytes());
    hasher.update((file.text.len() as u64).to_le_bytes());
    hasher.update(file.text.as_bytes());
}

/// A dictionary of in-memory word lists, as [`Imported`] from a cntext file with these categories: each category
/// one sector with one concept; locations name `<name>` and the word's 1-based position in its list. The hash is
/// SHA-256 over the categories and words in order.
pub(crate) fn from_words(name: &str, categories: &[(String, Vec<String>)]) -> Dictionary {
    let mut hasher = Sha256::new();
    let mut sectors = Vec::new();
    for (category, words) in categories {
        for item in std::iter::once(category).chain(words) {
            hasher.update((item.len() as u64).to_le_bytes());
            hasher.update(item.as_bytes());
        }
        let terms = words.iter().enumerate().map(|(i, w)| (w.clone(), i + 1)).collect();
        let concept = ImportedConcept { id: category.clone(), line: 1, terms };
        sectors.push(ImportedSector { id: category.clone(), line: 1, concepts: vec![concept] });
    }
    let file = format!("<{name}>");
    Imported { name: name.to_string(), file, hash: hex(&hasher.finalize()), sectors }.into_dictionary()
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// A TOML error as a `DictError::Parse` naming file:line:column.
fn parse_error(error: &toml::de::Error, text: &str, file: &str) -> DictError {
    let (line, column) = error.span().map_or((1, 1), |span| Lines::new(text).line_column(span.start));
    DictError::Parse { file: file.to_string(), line, column, message: lowercase_first(error.message().trim()) }
}

pub(crate) fn lowercase_first(message: &str) -> String {
    let mut chars = message.chars();
    match chars.next() {
        Some(first) => first.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// Builds a dictionary file by file.
struct Builder {
    dictionary: Dictionary,
    hasher: Sha256,
}

impl Builder {
    fn new(name: String) -> Builder {
        Builder {
            dictionary: Dictionary {
                name,
                version: "unversioned".to_string(),
                hash: String::new(),
                sectors: Vec::new(),
                concepts: Vec::new(),
                sources: Sources::default(),
            },
            hasher: Sha256::new(),
        }
    }

    /// Files must be hashed in sorted order (the callers sort them).
    fn hash_file(&mut self, file: &SourceFile) {
        feed(&mut self.hasher, file);
    }

    fn finish(mut self) -> Dictionary {
        self.dictionary.hash = hex(&self.hasher.finalize());
        self.dictionary
    }

    /// Reads the `schema` of a file; `None` when the file is written for another schema (recorded for `check`).
    fn schema(&mut self, text: &str, file: &str) -> Result<Option<()>, DictError> {
        let raw: RawSchema = toml::from_str(text).map_err(|e| parse_error(&e, text, file))?;
        let Some(schema) = raw.schema else {
            return Err(DictError::Parse {
                file: file.to_string(),
                line: 1,
                column: 1,
                message: "missing field `schema` (write `schema = 1` at the top)".to_string(),
            });
        };
        let location = Location { file: file.to_string(), line: Lines::new(text).line(schema.span().start) };
        let value = *schema.get_ref();
        self.dictionary.sources.schemas.push((value, location));
        Ok((value == SCHEMA).then_some(()))
    }

    fn add_manifest(&mut self, text: &str, file: &str) -> Result<(), DictError> {
        if self.schema(text, file)?.is_none() {
            return Ok(());
        }
        let raw: RawManifest = toml::from_str(text).map_err(|e| parse_error(&e, text, file))?;
        self.dictionary.name = raw.name;
        self.dictionary.version = raw.version;
        Ok(())
    }

    fn add_group(&mut self, text: &str, file: &str) -> Result<(), DictError> {
        if self.schema(text, file)?.is_none() {
            return Ok(());
        }
        let raw: RawGroup = toml::from_str(text).map_err(|e| parse_error(&e, text, file))?;
        let lines = Lines::new(text);
        let at = |span: std::ops::Range<usize>| Location { file: file.to_string(), line: lines.line(span.start) };
        let kind = match raw.kind {
            RawKind::Sector => SectorKind::Sector,
            RawKind::Policy => SectorKind::Policy,
        };
        let dictionary = &mut self.dictionary;
        for sector in raw.sector {
            let index = dictionary.sectors.len();
            dictionary.sources.sectors.push(at(sector.id.span()));
            dictionary.sectors.push(Sector {
                id: sector.id.into_inner(),
                kind,
                group: raw.group.clone(),
                zh: sector.zh,
                en: sector.en,
                fr: sector.fr,
            });
            for concept in sector.concept {
                let location = at(concept.id.span());
                let mut forms = Vec::new();
                for (lang, list) in [(Lang::Zh, concept.zh), (Lang::En, concept.en), (Lang::Fr, concept.fr)] {
                    for form in list {
                        let location = at(form.span());
                        forms.push(Form { text: form.into_inner(), lang, location });
                    }
                }
                let mut rules = Vec::new();
                let mut rule_kinds = Vec::new();
                for raw in concept.rule {
                    let location = at(raw.span());
                    let (rule, kinds) = rule_of(raw.into_inner(), location);
                    rules.push(rule);
                    rule_kinds.push(kinds);
                }
                let sources = ConceptSources {
                    exclude: concept.exclude.iter().map(|e| at(e.span())).collect(),
                    nests: concept.nests.iter().map(|n| at(n.span())).collect(),
                    rule_kinds,
                };
                dictionary.sources.concepts.push(sources);
                dictionary.concepts.push(Concept {
                    id: concept.id.into_inner(),
                    sector: index,
                    forms,
                    exclude: concept.exclude.into_iter().map(Spanned::into_inner).collect(),
                    nests: concept.nests.into_iter().map(Spanned::into_inner).collect(),
                    note: concept.note.filter(|n| !n.trim().is_empty()),
                    location,
                    rules,
                });
            }
        }
        Ok(())
    }
}

/// An imported dictionary before it becomes a [`Dictionary`]: sectors, their concepts and their terms with lines.
pub(crate) struct Imported {
    pub name: String,
    pub file: String,
    pub hash: String,
    pub sectors: Vec<ImportedSector>,
}

pub(crate) struct ImportedSector {
    pub id: String,
    pub line: usize,
    pub concepts: Vec<ImportedConcept>,
}

pub(crate) struct ImportedConcept {
    pub id: String,
    pub line: usize,
    pub terms: Vec<(String, usize)>,
}

impl Imported {
    pub(crate) fn into_dictionary(self) -> Dictionary {
        let mut dictionary = Dictionary {
            name: self.name.clone(),
            version: "imported".to_string(),
            hash: self.hash,
            sectors: Vec::new(),
            concepts: Vec::new(),
            sources: Sources { format: Format::Yaml, ..Sources::default() },
        };
        let at = |line| Location { file: self.file.clone(), line };
        for sector in self.sectors {
            let index = dictionary.sectors.len();
            dictionary.sources.sectors.push(at(sector.line));
            dictionary.sectors.push(Sector {
                id: sector.id.clone(),
                kind: SectorKind::Sector,
                group: self.name.clone(),
                zh: sector.id.clone(),
                en: sector.id.clone(),
                fr: sector.id,
            });
            for concept in sector.concepts {
                let forms = concept
                    .terms
                    .into_iter()
                    .map(|(text, line)| {
                        let lang = if text.chars().any(gwr_core::is_han) { Lang::Zh } else { Lang::En };
                        Form { text, lang, location: at(line) }
                    })
                    .collect();
                dictionary.sources.concepts.push(ConceptSources::default());
                dictionary.concepts.push(Concept {
                    id: concept.id,
                    sector: index,
                    forms,
                    exclude: Vec::new(),
                    nests: Vec::new(),
                    note: None,
                    location: at(concept.line),
                    rules: Vec::new(),
                });
            }
        }
        dictionary
    }
}
