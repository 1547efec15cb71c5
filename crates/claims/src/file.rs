//! The claims file: an article's claims as data (`corpora/claims/*.toml`), its loader and its writer.

use crate::error::{line_col, ClaimsError, Problem};
use crate::number::{classify_unit, find_quantities, same_value, Bound, UnitKind};
use gwr_dict::regions::Gazetteer;
use serde::Deserialize;
use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::ops::Range;
use std::path::Path;
use toml::Spanned;

/// The schema version this crate reads and writes.
pub const SCHEMA: u32 = 1;

/// The claims of one press article.
#[derive(Clone, Debug, PartialEq)]
pub struct ClaimsFile {
    /// Schema version ([`SCHEMA`]).
    pub schema: u32,
    /// The article the claims come from.
    pub article: Article,
    /// The claims, in file order.
    pub claims: Vec<Claim>,
}

/// Where the claims come from.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Article {
    /// Publication date, `YYYY-MM-DD`.
    pub date: String,
    /// Publisher.
    pub source: String,
    /// What the article is about, in our own words (not the article's title copied).
    pub title: String,
    /// Language of the article (`fr`, `en`, `zh`), when known.
    pub lang: Option<String>,
}

/// One claim: a region or cluster, the sectors it is said to specialise in and/or its own key terms, maybe a
/// figure.
///
/// A claim names at least one sector or one key term. A claim with sectors is judged on what the report states and
/// on what it emphasises (the sector's scores); a claim with key terms only (not a sector: Beijing's key
/// technologies, Jiangsu's would-be unicorns) is judged on what the report states alone.
#[derive(Clone, Debug, PartialEq)]
pub struct Claim {
    /// Unique id in the file (`sn-attosecond-lasers`).
    pub id: String,
    /// The region or cluster the claim is about.
    pub target: Target,
    /// Sector ids of the dictionary (may be empty when `key_terms` is not).
    pub sectors: Vec<String>,
    /// The claim's own terms, in Chinese as the reports write them (`潜在独角兽`, `阿秒激光`): a figure or a
    /// position stated in the same sentence as one of them states the claim, like a term of the sector.
    pub key_terms: Vec<String>,
    /// Phrases that state the claimed position, besides the general ones ([`crate::POSITION_MARKERS`]): `国家枢纽`,
    /// `数量全国第一`.
    pub positions: Vec<String>,
    /// The article's figure, when it gives one.
    pub figure: Option<Figure>,
    /// What the article says, in our own words.
    pub paraphrase: String,
}

/// A region (ISO 3166-2:CN code) or a cluster of regions.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Target {
    /// One region, by code (`CN-SN`).
    Region(String),
    /// A cluster (`gba`, `yrd`, `jjj`) with the codes of its members.
    Cluster {
        /// Cluster id.
        id: String,
        /// Member region codes, from the gazetteer.
        members: Vec<String>,
    },
}

impl Target {
    /// The region code, or the cluster id.
    pub fn code(&self) -> &str {
        match self {
            Target::Region(code) => code,
            Target::Cluster { id, .. } => id,
        }
    }

    /// The region codes the claim covers: the region itself, or the cluster's members.
    pub fn members(&self) -> Vec<&str> {
        match self {
            Target::Region(code) => vec![code.as_str()],
            Target::Cluster { members, .. } => members.iter().map(String::as_str).collect(),
        }
    }
}

/// A figure the article gives.
#[derive(Clone, Debug, PartialEq)]
pub struct Figure {
    /// The value, in `unit` (`220000`).
    pub value: f64,
    /// The unit (`PFLOPS`, `%`, `satellites`, `partners`); empty for a bare number.
    pub unit: String,
    /// The figure as the article writes it (`220 000 PétaFLOPS`, `plus de 150`).
    pub text: String,
}

impl Figure {
    /// Exact, a lower bound (`plus de 150`, `more than`, `150+`) or an approximation, as `text` writes it.
    pub fn bound(&self) -> Bound {
        find_quantities(&self.text).first().map_or(Bound::Exact, |q| q.bound)
    }

    /// The value in its kind's base unit (PFLOPS for computing power) and the kind of unit.
    pub fn base(&self) -> (f64, UnitKind) {
        let (kind, factor) = classify_unit(&self.unit);
        (self.value * factor, kind)
    }
}

impl std::fmt::Display for Figure {
    /// `220000 PFLOPS ("220 000 PétaFLOPS")`: the value and unit compared, then the article's writing.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let bound = match self.bound() {
            Bound::AtLeast => "≥ ",
            Bound::About => "~",
            Bound::Exact => "",
        };
        write!(f, "{bound}{}", number(self.value))?;
        if !self.unit.is_empty() {
            let space = if self.unit == "%" { "" } else { " " };
            write!(f, "{space}{}", self.unit)?;
        }
        write!(f, " (\"{}\")", self.text)
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    schema: Spanned<u32>,
    article: RawArticle,
    #[serde(default)]
    claim: Vec<RawClaim>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawArticle {
    date: String,
    source: String,
    title: String,
    lang: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawClaim {
    id: Spanned<String>,
    region: Option<Spanned<String>>,
    cluster: Option<Spanned<String>>,
    #[serde(default)]
    sectors: Option<Spanned<Vec<Spanned<String>>>>,
    #[serde(default)]
    key_terms: Vec<Spanned<String>>,
    #[serde(default)]
    positions: Vec<Spanned<String>>,
    figure: Option<Spanned<RawFigure>>,
    paraphrase: Spanned<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFigure {
    value: Option<f64>,
    #[serde(default)]
    unit: Option<String>,
    text: String,
}

impl ClaimsFile {
    /// Read and check a claims file: regions must be gazetteer codes, clusters gazetteer cluster ids, sectors ids of
    /// `dict`. Every problem is reported with file:line:column.
    pub fn load(path: &Path, gazetteer: &Gazetteer, dict: &gwr_dict::Dictionary) -> Result<ClaimsFile, ClaimsError> {
        let text =
            std::fs::read_to_string(path).map_err(|source| ClaimsError::Read { path: path.to_path_buf(), source })?;
        ClaimsFile::parse(&text, &path.display().to_string(), gazetteer, dict)
    }

    /// Parse and check the text of a claims file; `file_name` is used in error messages.
    pub fn parse(
        text: &str,
        file_name: &str,
        gazetteer: &Gazetteer,
        dict: &gwr_dict::Dictionary,
    ) -> Result<ClaimsFile, ClaimsError> {
        // Only sectors are scored: policy vocabulary (not a sector) is refused with a hint to use key terms.
        let sectors: BTreeSet<&str> =
            dict.sectors.iter().filter(|s| s.kind == gwr_dict::SectorKind::Sector).map(|s| s.id.as_str()).collect();
        let policy: BTreeSet<&str> =
            dict.sectors.iter().filter(|s| s.kind != gwr_dict::SectorKind::Sector).map(|s| s.id.as_str()).collect();
        parse_checked(text, file_name, gazetteer, &sectors, &policy)
    }
}

/// Parse `text` and check it against the gazetteer and a set of sector ids.
pub(crate) fn parse_checked(
    text: &str,
    file_name: &str,
    gazetteer: &Gazetteer,
    sectors: &BTreeSet<&str>,
    policy: &BTreeSet<&str>,
) -> Result<ClaimsFile, ClaimsError> {
    let raw: RawFile = toml::from_str(text).map_err(|e| {
        let (line, column) = e.span().map_or((1, 1), |s| line_col(text, s.start));
        ClaimsError::Syntax(Problem {
            file: file_name.to_string(),
            line,
            column,
            message: e.message().trim().to_lowercase(),
        })
    })?;
    let mut problems = Vec::new();
    let mut problem = |span: Range<usize>, message: String| {
        let (line, column) = line_col(text, span.start);
        problems.push(Problem { file: file_name.to_string(), line, column, message });
    };
    if *raw.schema.get_ref() != SCHEMA {
        problem(raw.schema.span(), format!("schema {} is not supported (expected {SCHEMA})", raw.schema.get_ref()));
    }
    let mut seen_ids = BTreeSet::new();
    let mut claims = Vec::with_capacity(raw.claim.len());
    for c in raw.claim {
        let id = c.id.get_ref().trim().to_string();
        if id.is_empty() {
            problem(c.id.span(), "empty claim id".to_string());
        } else if !seen_ids.insert(id.clone()) {
            problem(c.id.span(), format!("claim id \"{id}\" used twice"));
        }
        let target = match (&c.region, &c.cluster) {
            (Some(region), None) => {
                let code = region.get_ref();
                match gazetteer.by_code(code) {
                    Some(r) => Some(Target::Region(r.code.clone())),
                    None => {
                        let hint = gazetteer
                            .lookup(code)
                            .map_or(String::new(), |r| format!(" (write its code \"{}\")", r.code));
                        problem(region.span(), format!("unknown region code \"{code}\" in claim {id}{hint}"));
                        None
                    }
                }
            }
            (None, Some(cluster)) => {
                let cid = cluster.get_ref();
                match gazetteer.clusters().iter().find(|k| &k.id == cid) {
                    Some(k) => Some(Target::Cluster { id: k.id.clone(), members: k.members.clone() }),
                    None => {
                        let known: Vec<&str> = gazetteer.clusters().iter().map(|k| k.id.as_str()).collect();
                        problem(
                            cluster.span(),
                            format!("unknown cluster \"{cid}\" in claim {id} (known: {})", known.join(", ")),
                        );
                        None
                    }
                }
            }
            (Some(_), Some(cluster)) => {
                problem(cluster.span(), format!("claim {id} names both a region and a cluster"));
                None
            }
            (None, None) => {
                problem(c.id.span(), format!("claim {id} names neither a region nor a cluster"));
                None
            }
        };
        let no_sectors = c.sectors.as_ref().is_none_or(|s| s.get_ref().is_empty());
        if no_sectors && c.key_terms.is_empty() {
            let span = c.sectors.as_ref().map_or(c.id.span(), |s| s.span());
            problem(span, format!("claim {id} names neither a sector nor key terms"));
        }
        let mut key_terms: Vec<String> = Vec::new();
        for t in c.key_terms.iter().chain(&c.positions) {
            if t.get_ref().trim().is_empty() {
                problem(t.span(), format!("empty key term or position in claim {id}"));
            }
        }
        for t in &c.key_terms {
            let term = t.get_ref().trim().to_string();
            if key_terms.contains(&term) {
                problem(t.span(), format!("key term \"{term}\" listed twice in claim {id}"));
            } else if !term.is_empty() {
                key_terms.push(term);
            }
        }
        let positions: Vec<String> =
            c.positions.iter().map(|p| p.get_ref().trim().to_string()).filter(|p| !p.is_empty()).collect();
        let mut claim_sectors = Vec::new();
        for s in c.sectors.iter().flat_map(|s| s.get_ref()) {
            let sid = s.get_ref();
            if policy.contains(sid.as_str()) {
                problem(
                    s.span(),
                    format!("\"{sid}\" in claim {id} is not a sector (never scored): write its terms as key_terms"),
                );
            } else if !sectors.contains(sid.as_str()) {
                problem(s.span(), format!("unknown sector \"{sid}\" in claim {id}"));
            } else if claim_sectors.contains(sid) {
                problem(s.span(), format!("sector \"{sid}\" listed twice in claim {id}"));
            } else {
                claim_sectors.push(sid.clone());
            }
        }
        let figure = c.figure.and_then(|f| {
            let span = f.span();
            match read_figure(f.into_inner()) {
                Ok(figure) => Some(figure),
                Err(why) => {
                    problem(span, format!("figure of claim {id}: {why}"));
                    None
                }
            }
        });
        if c.paraphrase.get_ref().trim().is_empty() {
            problem(c.paraphrase.span(), format!("claim {id} has an empty paraphrase"));
        }
        if let Some(target) = target {
            claims.push(Claim {
                id,
                target,
                sectors: claim_sectors,
                key_terms,
                positions,
                figure,
                paraphrase: c.paraphrase.into_inner(),
            });
        }
    }
    if !problems.is_empty() {
        return Err(ClaimsError::Invalid(problems));
    }
    Ok(ClaimsFile {
        schema: *raw.schema.get_ref(),
        article: Article {
            date: raw.article.date,
            source: raw.article.source,
            title: raw.article.title,
            lang: raw.article.lang,
        },
        claims,
    })
}

/// A figure from its raw form. When `text` (the article's writing) holds a number ([`find_quantities`]), `value` and
/// `unit`, when absent, are taken from it, and when given must agree with it; a text in words only needs `value`.
fn read_figure(raw: RawFigure) -> Result<Figure, String> {
    let parsed = find_quantities(&raw.text).into_iter().find(|q| q.kind != UnitKind::Date);
    let Some(q) = parsed else {
        // Words only (`trois cinquièmes`): the value must then be given.
        return match raw.value {
            Some(value) if value.is_finite() && value >= 0.0 => {
                Ok(Figure { value, unit: raw.unit.unwrap_or_default(), text: raw.text })
            }
            _ => Err(format!("\"{}\" does not parse as a number (give its value)", raw.text)),
        };
    };
    let unit = raw.unit.unwrap_or_else(|| match q.kind {
        UnitKind::Flops => "PFLOPS".to_string(),
        UnitKind::Percent => "%".to_string(),
        _ => q.unit.clone(),
    });
    let (kind, factor) = classify_unit(&unit);
    let value = raw.value.unwrap_or(q.value / factor);
    if !value.is_finite() || value < 0.0 {
        return Err(format!("value {value} is not a non-negative number"));
    }
    // A bare number in the text (`210`) takes the value's unit; a unit in the text must be of the same kind.
    let text_kind_agrees = q.kind == kind || q.kind == UnitKind::None || kind == UnitKind::None;
    let text_value = if q.kind == UnitKind::None { q.value * factor } else { q.value };
    if !text_kind_agrees || !same_value(text_value, value * factor) {
        return Err(format!(
            "text \"{}\" reads as {} but value is {} {unit}",
            raw.text,
            number(q.value),
            number(value)
        ));
    }
    Ok(Figure { value, unit, text: raw.text })
}

/// A TOML string literal.
fn quote(s: &str) -> String {
    toml::Value::String(s.to_string()).to_string()
}

/// A figure value without a useless `.0` (`220000`, `93`, `1.5`).
pub(crate) fn number(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        format!("{}", v as i64)
    } else {
        format!("{v}")
    }
}

/// The claims file as TOML, in the layout of `corpora/claims/` (what [`ClaimsFile::parse`] reads back).
pub fn to_toml(file: &ClaimsFile) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "schema = {}", file.schema);
    out.push_str("\n[article]\n");
    let _ = writeln!(out, "date = {}", quote(&file.article.date));
    let _ = writeln!(out, "source = {}", quote(&file.article.source));
    let _ = writeln!(out, "title = {}", quote(&file.article.title));
    if let Some(lang) = &file.article.lang {
        let _ = writeln!(out, "lang = {}", quote(lang));
    }
    for c in &file.claims {
        out.push_str("\n[[claim]]\n");
        let _ = writeln!(out, "id = {}", quote(&c.id));
        match &c.target {
            Target::Region(code) => {
                let _ = writeln!(out, "region = {}", quote(code));
            }
            Target::Cluster { id, .. } => {
                let _ = writeln!(out, "cluster = {}", quote(id));
            }
        }
        let list = |items: &[String]| items.iter().map(|s| quote(s)).collect::<Vec<_>>().join(", ");
        if !c.sectors.is_empty() {
            let _ = writeln!(out, "sectors = [{}]", list(&c.sectors));
        }
        if !c.key_terms.is_empty() {
            let _ = writeln!(out, "key_terms = [{}]", list(&c.key_terms));
        }
        if !c.positions.is_empty() {
            let _ = writeln!(out, "positions = [{}]", list(&c.positions));
        }
        if let Some(f) = &c.figure {
            let _ = writeln!(
                out,
                "figure = {{ value = {}, unit = {}, text = {} }}",
                number(f.value),
                quote(&f.unit),
                quote(&f.text)
            );
        }
        let _ = writeln!(out, "paraphrase = {}", quote(&c.paraphrase));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sectors() -> BTreeSet<&'static str> {
        ["quantum", "fusion", "computing_power"].into_iter().collect()
    }

    const GOOD: &str = r#"schema = 1

[article]
date = "2026-03-02"
source = "test"
title = "a test article"

[[claim]]
id = "ah-quantum"
region = "CN-AH"
sectors = ["quantum", "fusion"]
paraphrase = "anhui does quantum and fusion"

[[claim]]
id = "nm-compute"
cluster = "jjj"
sectors = ["computing_power"]
figure = { value = 220000, unit = "PFLOPS", text = "220 000 PFLOPS" }
paraphrase = "a figure"
"#;

    #[test]
    fn a_good_file_loads_and_round_trips() {
        let g = Gazetteer::builtin();
        let file = parse_checked(GOOD, "good.toml", g, &sectors(), &BTreeSet::new()).expect("good file");
        assert_eq!(file.claims.len(), 2);
        assert_eq!(file.claims[0].target, Target::Region("CN-AH".into()));
        assert_eq!(file.claims[1].target.code(), "jjj");
        assert_eq!(file.claims[1].target.members(), vec!["CN-BJ", "CN-TJ", "CN-HE"]);
        assert_eq!(file.claims[1].figure.as_ref().map(|f| f.value), Some(220_000.0));
        let again = parse_checked(&to_toml(&file), "again.toml", g, &sectors(), &BTreeSet::new()).expect("round trip");
        assert_eq!(again, file);
    }

    #[test]
    fn unknown_ids_are_rejected_with_positions() {
        let bad =
            GOOD.replace("\"CN-AH\"", "\"Anhui\"").replace("\"jjj\"", "\"prd\"").replace("\"fusion\"", "\"fuson\"");
        let err =
            parse_checked(&bad, "bad.toml", Gazetteer::builtin(), &sectors(), &BTreeSet::new()).expect_err("bad file");
        let msg = err.to_string();
        assert!(
            msg.contains(
                "bad.toml:10:10: unknown region code \"Anhui\" in claim ah-quantum (write its code \"CN-AH\")"
            ),
            "{msg}"
        );
        assert!(msg.contains("bad.toml:11:23: unknown sector \"fuson\""), "{msg}");
        assert!(msg.contains("bad.toml:16:11: unknown cluster \"prd\""), "{msg}");
    }

    #[test]
    fn syntax_errors_name_line_and_column() {
        let bad = GOOD.replace("sectors = [\"computing_power\"]", "sectors = [\"computing_power\"");
        let err =
            parse_checked(&bad, "syn.toml", Gazetteer::builtin(), &sectors(), &BTreeSet::new()).expect_err("syntax");
        let msg = err.to_string();
        assert!(msg.starts_with("syn.toml:18:1: missing comma"), "{msg}");
        let missing = GOOD.replace("paraphrase = \"a figure\"\n", "");
        let err = parse_checked(&missing, "m.toml", Gazetteer::builtin(), &sectors(), &BTreeSet::new())
            .expect_err("missing field");
        assert!(err.to_string().contains("paraphrase"), "{err}");
    }

    #[test]
    fn duplicate_ids_and_double_targets_are_rejected() {
        let bad = GOOD
            .replace("id = \"nm-compute\"", "id = \"ah-quantum\"")
            .replace("cluster = \"jjj\"", "cluster = \"jjj\"\nregion = \"CN-BJ\"");
        let msg = parse_checked(&bad, "d.toml", Gazetteer::builtin(), &sectors(), &BTreeSet::new())
            .expect_err("dup")
            .to_string();
        assert!(msg.contains("claim id \"ah-quantum\" used twice"), "{msg}");
        assert!(msg.contains("names both a region and a cluster"), "{msg}");
    }

    #[test]
    fn claims_without_sector_or_key_terms_and_unparsable_figures_are_rejected_at_their_line() {
        let g = Gazetteer::builtin();
        let policy: BTreeSet<&str> = ["policy_vocabulary"].into_iter().collect();
        let bad = GOOD
            .replace("sectors = [\"quantum\", \"fusion\"]", "sectors = []")
            .replace("text = \"220 000 PFLOPS\"", "text = \"beaucoup\"")
            .replace("value = 220000, ", "");
        let msg = parse_checked(&bad, "n.toml", g, &sectors(), &policy).expect_err("bad").to_string();
        assert!(msg.contains("n.toml:11:11: claim ah-quantum names neither a sector nor key terms"), "{msg}");
        assert!(msg.contains("n.toml:18:10: figure of claim nm-compute: \"beaucoup\" does not parse"), "{msg}");
        let mismatch = GOOD.replace("text = \"220 000 PFLOPS\"", "text = \"22万P\"").replace("220000,", "230000,");
        let msg = parse_checked(&mismatch, "m.toml", g, &sectors(), &policy).expect_err("mismatch").to_string();
        assert!(msg.contains("m.toml:18:10: figure of claim nm-compute: text \"22万P\" reads as 220000"), "{msg}");
        let policy_sector = GOOD.replace("\"fusion\"]", "\"policy_vocabulary\"]");
        let msg = parse_checked(&policy_sector, "p.toml", g, &sectors(), &policy).expect_err("policy").to_string();
        assert!(msg.contains("p.toml:11:23: \"policy_vocabulary\" in claim ah-quantum is not a sector"), "{msg}");
    }

    #[test]
    fn key_terms_alone_make_a_claim_and_figures_read_their_text() {
        let g = Gazetteer::builtin();
        let text = GOOD
            .replace("sectors = [\"quantum\", \"fusion\"]", "key_terms = [\"潜在独角兽\"]\npositions = [\"最多\"]")
            .replace(
                "value = 220000, unit = \"PFLOPS\", text = \"220 000 PFLOPS\"",
                "text = \"plus de 150 partenaires\"",
            );
        let file = parse_checked(&text, "k.toml", g, &sectors(), &BTreeSet::new()).expect("key terms alone");
        assert_eq!(
            (file.claims[0].sectors.len(), file.claims[0].key_terms.as_slice()),
            (0, &["潜在独角兽".to_string()][..])
        );
        assert_eq!(file.claims[0].positions, ["最多"]);
        let f = file.claims[1].figure.as_ref().expect("figure");
        assert_eq!((f.value, f.unit.as_str(), f.bound()), (150.0, "partenaires", Bound::AtLeast));
        let again = parse_checked(&to_toml(&file), "again.toml", g, &sectors(), &BTreeSet::new()).expect("round trip");
        assert_eq!(again, file);
    }
}
