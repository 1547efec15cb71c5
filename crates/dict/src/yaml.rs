//! Import from and export to cntext and quanteda YAML dictionaries.

use crate::load::{lowercase_first, Imported, ImportedConcept, ImportedSector};
use crate::{DictError, Dictionary};
use serde_yaml_ng::{Mapping, Value};

/// Read a cntext or quanteda YAML dictionary (see the crate docs for the mapping).
pub(crate) fn import(text: &str, file: &str, stem: &str, hash: &str) -> Result<Dictionary, DictError> {
    let value: Value = serde_yaml_ng::from_str(text).map_err(|e| {
        let (line, column) = e.location().map_or((1, 1), |l| (l.line().max(1), l.column().max(1)));
        let message = e.to_string();
        let message = message.split(" at line ").next().unwrap_or(&message);
        DictError::Parse { file: file.to_string(), line, column, message: lowercase_first(message) }
    })?;
    let mut reader = Reader { file, cursor: Cursor::new(text) };
    let Value::Mapping(top) = value else {
        return Err(reader.parse_error(1, "expected a mapping of categories to terms at the top level"));
    };
    let (name, sectors) = if top.contains_key("Dictionary") {
        reader.cntext(&top, stem)?
    } else {
        (stem.to_string(), reader.quanteda(&top)?)
    };
    Ok(Imported { name, file: file.to_string(), hash: hash.to_string(), sectors }.into_dictionary())
}

/// Finds the lines of keys and terms by searching the text forward, in document order.
struct Cursor<'t> {
    text: &'t str,
    offset: usize,
    lines: crate::load::Lines<'t>,
}

impl<'t> Cursor<'t> {
    fn new(text: &'t str) -> Cursor<'t> {
        Cursor { text, offset: 0, lines: crate::load::Lines::new(text) }
    }

    /// Line of the next occurrence of `needle`; the line of the last thing found when it is not in the text as
    /// written (quoted with escapes, folded...).
    fn line_of(&mut self, needle: &str) -> usize {
        if let Some(found) = self.text[self.offset..].find(needle) {
            self.offset += found + needle.len();
        }
        self.lines.line(self.offset.saturating_sub(1))
    }
}

struct Reader<'a> {
    file: &'a str,
    cursor: Cursor<'a>,
}

impl Reader<'_> {
    fn parse_error(&self, line: usize, message: &str) -> DictError {
        DictError::Parse { file: self.file.to_string(), line, column: 1, message: message.to_string() }
    }

    fn cntext(&mut self, top: &Mapping, stem: &str) -> Result<(String, Vec<ImportedSector>), DictError> {
        let name = match top.get("Name") {
            Some(Value::String(name)) if !name.trim().is_empty() => name.clone(),
            _ => stem.to_string(),
        };
        let mut order: Vec<String> = Vec::new();
        if let Some(categories) = top.get("Category") {
            let Value::Sequence(categories) = categories else {
                let line = self.cursor.line_of("Category");
                return Err(self.parse_error(line, "`Category` must be a list of category names"));
            };
            for category in categories {
                order.push(scalar(category).unwrap_or_default());
            }
        }
        let dictionary_line = self.cursor.line_of("Dictionary");
        let Some(Value::Mapping(dictionary)) = top.get("Dictionary") else {
            return Err(self.parse_error(dictionary_line, "`Dictionary` must map category names to lists of terms"));
        };
        let mut keys: Vec<String> = Vec::new();
        for key in dictionary.keys() {
            keys.push(scalar(key).unwrap_or_default());
        }
        for category in &order {
            if !keys.contains(category) {
                let message = format!("category \"{category}\" is listed in `Category` but not in `Dictionary`");
                return Err(self.parse_error(dictionary_line, &message));
            }
        }
        let mut sectors = Vec::new();
        for (key, value) in dictionary {
            let id = scalar(key).unwrap_or_default();
            let line = self.cursor.line_of(&id);
            let terms = self.terms(value, &id, line)?;
            let concept = ImportedConcept { id: id.clone(), line, terms };
            sectors.push(ImportedSector { id, line, concepts: vec![concept] });
        }
        // Categories in the order `Category` gives, then any others in file order.
        sectors.sort_by_key(|s| order.iter().position(|c| *c == s.id).unwrap_or(usize::MAX));
        Ok((name, sectors))
    }

    fn quanteda(&mut self, top: &Mapping) -> Result<Vec<ImportedSector>, DictError> {
        let mut sectors = Vec::new();
        for (key, value) in top {
            let id = scalar(key).unwrap_or_default();
            let line = self.cursor.line_of(&id);
            let concepts = match value {
                Value::Mapping(subcategories) => {
                    let mut concepts = Vec::new();
                    for (key, value) in subcategories {
                        let sub = scalar(key).unwrap_or_default();
                        let sub_line = self.cursor.line_of(&sub);
                        if let Value::Mapping(_) = value {
                            return Err(DictError::Unsupported {
                                file: self.file.to_string(),
                                line: sub_line,
                                message: format!(
                                    "category \"{id}/{sub}\" nests deeper than two levels, which gwr does not \
                                     support: move its terms up to \"{sub}\""
                                ),
                            });
                        }
                        let terms = self.terms(value, &sub, sub_line)?;
                        concepts.push(ImportedConcept { id: sub, line: sub_line, terms });
                    }
                    concepts
                }
                other => {
                    let terms = self.terms(other, &id, line)?;
                    vec![ImportedConcept { id: id.clone(), line, terms }]
                }
            };
            sectors.push(ImportedSector { id, line, concepts });
        }
        Ok(sectors)
    }

    /// The terms of one category: a list of scalars (or nothing).
    fn terms(&mut self, value: &Value, category: &str, line: usize) -> Result<Vec<(String, usize)>, DictError> {
        let items = match value {
            Value::Null => return Ok(Vec::new()),
            Value::Sequence(items) => items,
            _ => {
                let message = format!("category \"{category}\" must hold a list of terms");
                return Err(self.parse_error(line, &message));
            }
        };
        let mut terms = Vec::with_capacity(items.len());
        for item in items {
            let Some(term) = scalar(item) else {
                let message = format!("category \"{category}\" holds something that is not a term");
                return Err(self.parse_error(self.cursor.lines.line(self.cursor.offset), &message));
            };
            let line = self.cursor.line_of(&term);
            if let Some(glob) = term.chars().find(|c| matches!(c, '*' | '?')) {
                return Err(DictError::Unsupported {
                    file: self.file.to_string(),
                    line,
                    message: format!(
                        "term \"{term}\" has a glob ({glob}), which gwr does not support (it matches whole forms \
                         between word boundaries): list the words in full"
                    ),
                });
            }
            terms.push((term, line));
        }
        Ok(terms)
    }
}

/// A YAML scalar as text.
fn scalar(value: &Value) -> Option<String> {
    match value {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

fn forms_of(concept: &crate::Concept) -> Value {
    Value::Sequence(concept.forms.iter().map(|f| Value::String(f.text.clone())).collect())
}

fn to_yaml(value: &Value) -> String {
    serde_yaml_ng::to_string(value).expect("a mapping of strings serializes")
}

/// cntext: `Name`, `Desc`, `Refer`, `Category`, `Dictionary`, one category per concept.
pub(crate) fn to_cntext(dictionary: &Dictionary) -> String {
    let mut top = Mapping::new();
    top.insert("Name".into(), Value::String(dictionary.name.clone()));
    let desc = format!(
        "{} {}, exported by gwr (one category per concept; exclusions are not exported)",
        dictionary.name, dictionary.version
    );
    top.insert("Desc".into(), Value::String(desc));
    top.insert("Refer".into(), Value::String(format!("gwr dictionary, sha256 {}", dictionary.hash)));
    let categories = dictionary.concepts.iter().map(|c| Value::String(c.id.clone())).collect();
    top.insert("Category".into(), Value::Sequence(categories));
    let mut entries = Mapping::new();
    for concept in &dictionary.concepts {
        entries.insert(Value::String(concept.id.clone()), forms_of(concept));
    }
    top.insert("Dictionary".into(), Value::Mapping(entries));
    to_yaml(&Value::Mapping(top))
}

/// quanteda: `sector: {concept: [terms]}`.
pub(crate) fn to_quanteda(dictionary: &Dictionary) -> String {
    let mut top = Mapping::new();
    for (index, sector) in dictionary.sectors.iter().enumerate() {
        let mut concepts = Mapping::new();
        for concept in dictionary.concepts.iter().filter(|c| c.sector == index) {
            concepts.insert(Value::String(concept.id.clone()), forms_of(concept));
        }
        top.insert(Value::String(sector.id.clone()), Value::Mapping(concepts));
    }
    to_yaml(&Value::Mapping(top))
}
