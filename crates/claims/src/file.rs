//! The claims file: an article's claims as data (`corpora/claims/*.toml`), its loader and its writer.

use crate::error::{line_col, ClaimsError, Problem};
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

/// One claim: a region or cluster, the sectors it is said to specialise in, maybe a figure.
#[derive(Clone, Debug, PartialEq)]
pub struct Claim {
    /// Unique id in the file (`sn-attosecond-lasers`).
    pub id: String,
    /// The region or cluster the claim is about.
    pub target: Target,
    /// Sector ids of the dictionary.
    pub sectors: Vec<String>,
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
    /// The figure as the article writes it (`220 000 PétaFLOPS`).
    pub text: String,
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
    sectors: Spanned<Vec<Spanned<String>>>,
    figure: Option<Spanned<RawFigure>>,
    paraphrase: Spanned<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFigure {
    value: f64,
    #[serde(default)]
    unit: String,
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
        let sectors: BTreeSet<&str> = dict.sectors.iter().map(|s| s.id.as_str()).collect();
        parse_checked(text, file_name, gazetteer, &sectors)
    }
}

/// Parse `text` and check it against the gazetteer and a set of sector ids.
pub(crate) fn parse_checked(
    text: &str,
    file_name: &str,
    gazetteer: &Gazetteer,
    sectors: &BTreeSet<&str>,
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
        if c.sectors.get_ref().is_empty() {
            problem(c.sectors.span(), format!("claim {id} lists no sector"));
        }
        let mut claim_sectors = Vec::new();
        for s in c.sectors.get_ref() {
            let sid = s.get_ref();
            if !sectors.contains(sid.as_str()) {
                problem(s.span(), format!("unknown sector \"{sid}\" in claim {id}"));
            } else if claim_sectors.contains(sid) {
                problem(s.span(), format!("sector \"{sid}\" listed twice in claim {id}"));
            } else {
                claim_sectors.push(sid.clone());
            }
        }
        let figure = c.figure.map(|f| {
            let span = f.span();
            let f = f.into_inner();
            if !f.value.is_finite() || f.value < 0.0 {
                problem(span, format!("figure of claim {id} is not a non-negative number"));
            }
            Figure { value: f.value, unit: f.unit, text: f.text }
        });
        if c.paraphrase.get_ref().trim().is_empty() {
            problem(c.paraphrase.span(), format!("claim {id} has an empty paraphrase"));
        }
        if let Some(target) = target {
            claims.push(Claim { id, target, sectors: claim_sectors, figure, paraphrase: c.paraphrase.into_inner() });
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

/// A TOML string literal.
fn quote(s: &str) -> String {
    toml::Value::String(s.to_string()).to_string()
}

/// A figure value without a useless `.0` (`220000`, `93`, `1.5`).
fn number(v: f64) -> String {
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
        let sectors: Vec<String> = c.sectors.iter().map(|s| quote(s)).collect();
        let _ = writeln!(out, "sectors = [{}]", sectors.join(", "));
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
        let file = parse_checked(GOOD, "good.toml", g, &sectors()).expect("good file");
        assert_eq!(file.claims.len(), 2);
        assert_eq!(file.claims[0].target, Target::Region("CN-AH".into()));
        assert_eq!(file.claims[1].target.code(), "jjj");
        assert_eq!(file.claims[1].target.members(), vec!["CN-BJ", "CN-TJ", "CN-HE"]);
        assert_eq!(file.claims[1].figure.as_ref().map(|f| f.value), Some(220_000.0));
        let again = parse_checked(&to_toml(&file), "again.toml", g, &sectors()).expect("round trip");
        assert_eq!(again, file);
    }

    #[test]
    fn unknown_ids_are_rejected_with_positions() {
        let bad =
            GOOD.replace("\"CN-AH\"", "\"Anhui\"").replace("\"jjj\"", "\"prd\"").replace("\"fusion\"", "\"fuson\"");
        let err = parse_checked(&bad, "bad.toml", Gazetteer::builtin(), &sectors()).expect_err("bad file");
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
        let err = parse_checked(&bad, "syn.toml", Gazetteer::builtin(), &sectors()).expect_err("syntax");
        let msg = err.to_string();
        assert!(msg.starts_with("syn.toml:18:1: missing comma"), "{msg}");
        let missing = GOOD.replace("paraphrase = \"a figure\"\n", "");
        let err = parse_checked(&missing, "m.toml", Gazetteer::builtin(), &sectors()).expect_err("missing field");
        assert!(err.to_string().contains("paraphrase"), "{err}");
    }

    #[test]
    fn duplicate_ids_and_double_targets_are_rejected() {
        let bad = GOOD
            .replace("id = \"nm-compute\"", "id = \"ah-quantum\"")
            .replace("cluster = \"jjj\"", "cluster = \"jjj\"\nregion = \"CN-BJ\"");
        let msg = parse_checked(&bad, "d.toml", Gazetteer::builtin(), &sectors()).expect_err("dup").to_string();
        assert!(msg.contains("claim id \"ah-quantum\" used twice"), "{msg}");
        assert!(msg.contains("names both a region and a cluster"), "{msg}");
    }
}
