//! The region gazetteer (`dictionaries/regions.toml`).
//!
//! Every provincial-level region of China, Hong Kong, Macao, Taiwan and the national level, with their full, short,
//! Traditional, English and French names, plus the clusters reports name together (Greater Bay Area, Yangtze River
//! Delta, Beijing-Tianjin-Hebei). The file is compiled into the crate ([`Gazetteer::builtin`]); [`Gazetteer::parse`]
//! reads another one and names `file:line` for every problem.
//!
//! Names are compared after [`fold`]: `gwr_normalize::normalize_term` (lower case, full width → ASCII, accents and
//! pinyin tone marks removed, Traditional → Simplified) plus hyphens/underscores → spaces and curly apostrophes →
//! `'`; text scanned by [`Gazetteer::find_in`] goes through `gwr_normalize::normalize`, whose alignment maps every
//! match back to the source bytes.
//!
//! ```
//! use gwr_dict::regions::Gazetteer;
//!
//! let g = Gazetteer::builtin();
//! assert_eq!(g.lookup("province de l'Anhui").map(|r| r.code.as_str()), Some("CN-AH"));
//! let (region, span) = g.find_in("2026_安徽省_政府工作报告.csv").ok_or("no region")?;
//! assert_eq!(region.code, "CN-AH");
//! assert_eq!(span.slice("2026_安徽省_政府工作报告.csv"), "安徽省");
//! Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use aho_corasick::AhoCorasick;
use gwr_core::Span;
use serde::Deserialize;
use std::collections::HashMap;
use std::sync::OnceLock;
use toml::Spanned;

const BUILTIN_TOML: &str = include_str!("../../../dictionaries/regions.toml");
const BUILTIN_NAME: &str = "dictionaries/regions.toml";

/// The administrative level of a region.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Deserialize, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Level {
    /// A province (省), Taiwan included.
    Province,
    /// A municipality directly under the central government (直辖市).
    Municipality,
    /// An autonomous region (自治区).
    AutonomousRegion,
    /// A special administrative region (特别行政区).
    Sar,
    /// The national level (the State Council's report).
    National,
}

/// One region of the gazetteer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Region {
    /// ISO 3166-2:CN code (`CN-AH`), or `CN` for the national level.
    pub code: String,
    /// Administrative level.
    pub level: Level,
    /// Full official Chinese name (`安徽省`).
    pub zh: String,
    /// Short Chinese forms (`安徽`).
    pub short: Vec<String>,
    /// Traditional forms where they differ from the Simplified ones.
    pub trad: Vec<String>,
    /// English names.
    pub en: Vec<String>,
    /// French names.
    pub fr: Vec<String>,
}

impl Region {
    /// Every name of the region: full, short, Traditional, English, French.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.zh.as_str())
            .chain(self.short.iter().map(String::as_str))
            .chain(self.trad.iter().map(String::as_str))
            .chain(self.en.iter().map(String::as_str))
            .chain(self.fr.iter().map(String::as_str))
    }
}

/// A group of regions named together (粤港澳大湾区...).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Cluster {
    /// ASCII id (`gba`).
    pub id: String,
    /// Region codes of the members.
    pub members: Vec<String>,
    /// Chinese names.
    pub zh: Vec<String>,
    /// English names.
    pub en: Vec<String>,
    /// French names.
    pub fr: Vec<String>,
}

/// A problem in a gazetteer file.
#[derive(Debug, thiserror::Error)]
pub enum RegionError {
    /// The file is not valid TOML or does not follow the schema.
    #[error("{file}:{line}: {message}")]
    Syntax {
        /// File name as given to [`Gazetteer::parse`].
        file: String,
        /// 1-based line.
        line: usize,
        /// What is wrong.
        message: String,
    },
    /// The file parses but breaks a rule (duplicate code or name, unknown cluster member...).
    #[error("{file}:{line}: {message}")]
    Invalid {
        /// File name as given to [`Gazetteer::parse`].
        file: String,
        /// 1-based line.
        line: usize,
        /// What is wrong.
        message: String,
    },
}

/// The region gazetteer: regions, clusters and a name index.
#[derive(Clone, Debug)]
pub struct Gazetteer {
    regions: Vec<Region>,
    clusters: Vec<Cluster>,
    /// Folded name or code → region index.
    by_name: HashMap<String, usize>,
    /// Folded cluster name or id → cluster index.
    cluster_by_name: HashMap<String, usize>,
    /// (folded name, region index, latin) for scanning text, longest first.
    patterns: Vec<(String, usize, bool)>,
    /// Every occurrence of every pattern (overlapping), in one pass over a text.
    automaton: AhoCorasick,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    schema: Spanned<u32>,
    #[serde(default)]
    region: Vec<RawRegion>,
    #[serde(default)]
    cluster: Vec<RawCluster>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRegion {
    code: Spanned<String>,
    level: Level,
    zh: Spanned<String>,
    #[serde(default)]
    short: Vec<Spanned<String>>,
    #[serde(default)]
    trad: Vec<Spanned<String>>,
    #[serde(default)]
    en: Vec<Spanned<String>>,
    #[serde(default)]
    fr: Vec<Spanned<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCluster {
    id: Spanned<String>,
    members: Vec<Spanned<String>>,
    #[serde(default)]
    zh: Vec<Spanned<String>>,
    #[serde(default)]
    en: Vec<Spanned<String>>,
    #[serde(default)]
    fr: Vec<Spanned<String>>,
}

fn line_of(text: &str, offset: usize) -> usize {
    let end = offset.min(text.len());
    text.as_bytes()[..end].iter().filter(|&&b| b == b'\n').count() + 1
}

fn unspan(v: Vec<Spanned<String>>) -> Vec<String> {
    v.into_iter().map(Spanned::into_inner).collect()
}

fn valid_code(code: &str) -> bool {
    code == "CN" || (code.len() == 5 && code.starts_with("CN-") && code[3..].bytes().all(|b| b.is_ascii_uppercase()))
}

impl Gazetteer {
    /// The gazetteer compiled into the crate (`dictionaries/regions.toml`), parsed once.
    pub fn builtin() -> &'static Gazetteer {
        static BUILTIN: OnceLock<Gazetteer> = OnceLock::new();
        BUILTIN.get_or_init(|| {
            Gazetteer::parse(BUILTIN_TOML, BUILTIN_NAME)
                .unwrap_or_else(|e| panic!("built-in region gazetteer is invalid: {e}"))
        })
    }

    /// Parse and check a gazetteer file. `file_name` is used in error messages only.
    pub fn parse(toml_text: &str, file_name: &str) -> Result<Gazetteer, RegionError> {
        let raw: RawFile = toml::from_str(toml_text).map_err(|e| RegionError::Syntax {
            file: file_name.to_string(),
            line: e.span().map_or(1, |s| line_of(toml_text, s.start)),
            message: e.message().trim().to_lowercase(),
        })?;
        let invalid = |offset: usize, message: String| RegionError::Invalid {
            file: file_name.to_string(),
            line: line_of(toml_text, offset),
            message,
        };
        if *raw.schema.get_ref() != 1 {
            return Err(invalid(
                raw.schema.span().start,
                format!("unsupported schema {}, expected 1", raw.schema.get_ref()),
            ));
        }

        let mut regions = Vec::with_capacity(raw.region.len());
        let mut by_name: HashMap<String, usize> = HashMap::new();
        let mut codes: HashMap<String, usize> = HashMap::new();
        for r in raw.region {
            let idx = regions.len();
            let code = r.code.get_ref().clone();
            if !valid_code(&code) {
                return Err(invalid(
                    r.code.span().start,
                    format!("region code {code:?} is not CN or CN-XX (ISO 3166-2:CN)"),
                ));
            }
            if codes.insert(code.clone(), idx).is_some() {
                return Err(invalid(r.code.span().start, format!("region code {code:?} listed twice")));
            }
            if r.zh.get_ref().trim().is_empty() {
                return Err(invalid(r.zh.span().start, format!("region {code} has an empty zh name")));
            }
            let all = std::iter::once(&r.zh).chain(&r.short).chain(&r.trad).chain(&r.en).chain(&r.fr);
            for name in all {
                let key = fold(name.get_ref());
                if key.is_empty() {
                    return Err(invalid(name.span().start, format!("region {code} has an empty name")));
                }
                match by_name.get(&key) {
                    Some(&other) if other != idx => {
                        return Err(invalid(
                            name.span().start,
                            format!(
                                "name {:?} of region {code} already names region {}",
                                name.get_ref(),
                                regions_code(&regions, other)
                            ),
                        ));
                    }
                    _ => {
                        by_name.insert(key, idx);
                    }
                }
            }
            regions.push(Region {
                code,
                level: r.level,
                zh: r.zh.into_inner(),
                short: unspan(r.short),
                trad: unspan(r.trad),
                en: unspan(r.en),
                fr: unspan(r.fr),
            });
        }

        let mut clusters = Vec::with_capacity(raw.cluster.len());
        let mut cluster_by_name: HashMap<String, usize> = HashMap::new();
        for c in raw.cluster {
            let idx = clusters.len();
            let id = c.id.get_ref().clone();
            if id.is_empty() || !id.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_') {
                return Err(invalid(c.id.span().start, format!("cluster id {id:?} is not ascii snake_case")));
            }
            if cluster_by_name.insert(id.clone(), idx).is_some() {
                return Err(invalid(c.id.span().start, format!("cluster id {id:?} listed twice")));
            }
            if c.members.is_empty() {
                return Err(invalid(c.id.span().start, format!("cluster {id} has no members")));
            }
            for m in &c.members {
                if !codes.contains_key(m.get_ref()) {
                    return Err(invalid(
                        m.span().start,
                        format!("cluster {id} member {:?} is not a region code", m.get_ref()),
                    ));
                }
            }
            for name in c.zh.iter().chain(&c.en).chain(&c.fr) {
                let key = fold(name.get_ref());
                if by_name.contains_key(&key) {
                    return Err(invalid(
                        name.span().start,
                        format!("cluster {id} name {:?} is also a region name", name.get_ref()),
                    ));
                }
                if let Some(&other) = cluster_by_name.get(&key) {
                    if other != idx {
                        return Err(invalid(
                            name.span().start,
                            format!("cluster {id} name {:?} already names another cluster", name.get_ref()),
                        ));
                    }
                }
                cluster_by_name.insert(key, idx);
            }
            clusters.push(Cluster {
                id,
                members: unspan(c.members),
                zh: unspan(c.zh),
                en: unspan(c.en),
                fr: unspan(c.fr),
            });
        }

        let mut patterns: Vec<(String, usize, bool)> =
            by_name.iter().map(|(name, &idx)| (name.clone(), idx, !name.chars().any(gwr_core::is_han))).collect();
        // Longest first, then alphabetical: a deterministic order for equal starts.
        patterns.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then_with(|| a.0.cmp(&b.0)));
        // Codes are looked up too, but never scanned for in text.
        for (code, &idx) in &codes {
            by_name.entry(fold(code)).or_insert(idx);
        }
        let automaton = AhoCorasick::new(patterns.iter().map(|p| p.0.as_str()))
            .map_err(|e| invalid(0, format!("region names cannot be compiled for scanning: {e}")))?;
        Ok(Gazetteer { regions, clusters, by_name, cluster_by_name, patterns, automaton })
    }

    /// The region with this code (`CN-AH`, `CN`), exactly.
    pub fn by_code(&self, code: &str) -> Option<&Region> {
        self.regions.iter().find(|r| r.code == code)
    }

    /// The region a name denotes: any form and language, case-, accent-, width-insensitive, also a code (`cn-ah`).
    /// Generic affixes are tolerated: `province de l'Anhui`, `Anhui Province`, `anhui` all give `CN-AH`.
    pub fn lookup(&self, name: &str) -> Option<&Region> {
        let key = collapse(&fold(name));
        if let Some(&i) = self.by_name.get(&key) {
            return Some(&self.regions[i]);
        }
        let stripped = strip_affixes(&key);
        if stripped != key {
            if let Some(&i) = self.by_name.get(stripped) {
                return Some(&self.regions[i]);
            }
        }
        None
    }

    /// The first region name occurring in `text` (leftmost, then longest) and where it is. Chinese names (full,
    /// short, Traditional) match anywhere; Latin names only between word boundaries (not inside a longer word).
    pub fn find_in(&self, text: &str) -> Option<(&Region, Span)> {
        self.find_all_in(text).into_iter().next()
    }

    /// Every non-overlapping region name occurring in `text`, left to right (leftmost-longest), with its span.
    pub fn find_all_in(&self, text: &str) -> Vec<(&Region, Span)> {
        let norm = gwr_normalize::normalize(text);
        // Same-length replacements only, so normalized offsets stay valid for the alignment.
        let folded: String = norm.text.chars().map(|c| if c == '-' || c == '_' { ' ' } else { c }).collect();
        let bytes = folded.as_bytes();
        let bounded = |s: usize, e: usize| {
            (s == 0 || !bytes[s - 1].is_ascii_alphanumeric()) && (e == bytes.len() || !bytes[e].is_ascii_alphanumeric())
        };
        // Every occurrence that may be taken (a Latin name needs word boundaries), by start, then in pattern order
        // (longest first): left to right, the first occurrence at or after the end of the last one taken is the
        // longest name at the leftmost start.
        let mut found: Vec<(usize, usize, usize)> = self
            .automaton
            .find_overlapping_iter(folded.as_str())
            .map(|m| (m.start(), m.pattern().as_usize(), m.end()))
            .filter(|&(s, p, e)| !self.patterns[p].2 || bounded(s, e))
            .collect();
        found.sort_unstable();
        let mut out = Vec::new();
        let mut pos = 0;
        for (s, p, e) in found {
            if s >= pos {
                out.push((&self.regions[self.patterns[p].1], norm.source_span(Span::new(s, e))));
                pos = e;
            }
        }
        out
    }

    /// All regions, in file order.
    pub fn regions(&self) -> &[Region] {
        &self.regions
    }

    /// All clusters, in file order.
    pub fn clusters(&self) -> &[Cluster] {
        &self.clusters
    }

    /// A cluster by id (`gba`) or by any of its names, folded like [`Gazetteer::lookup`].
    pub fn cluster(&self, id_or_name: &str) -> Option<&Cluster> {
        self.cluster_by_name
            .get(id_or_name)
            .or_else(|| self.cluster_by_name.get(&collapse(&fold(id_or_name))))
            .map(|&i| &self.clusters[i])
    }
}

fn regions_code(regions: &[Region], idx: usize) -> &str {
    regions.get(idx).map_or("?", |r| r.code.as_str())
}

/// Generic words around a region name that do not change which region is meant (folded forms).
const PREFIXES: &[&str] = &[
    "la province de l'",
    "la province d'",
    "la province du ",
    "la province de ",
    "province de l'",
    "province d'",
    "province du ",
    "province de ",
    "municipalite de ",
    "region autonome du ",
    "region autonome de ",
    "region administrative speciale de ",
    "ras de ",
    "province of ",
    "municipality of ",
    "the ",
    "la ",
    "le ",
    "l'",
];
const SUFFIXES: &[&str] =
    &[" province", " municipality", " autonomous region", " special administrative region", " sar", " city"];

fn strip_affixes(key: &str) -> &str {
    let mut s = key;
    for p in PREFIXES {
        if let Some(rest) = s.strip_prefix(p) {
            s = rest;
            break;
        }
    }
    for suf in SUFFIXES {
        if let Some(rest) = s.strip_suffix(suf) {
            s = rest;
            break;
        }
    }
    s.trim()
}

/// The fold names are compared under: [`gwr_normalize::normalize_term`] (NFKC, full width → ASCII, lower case,
/// accents and tone marks removed, Traditional → Simplified), then hyphens and underscores → space and curly
/// apostrophes → `'`, trimmed. Does not collapse spaces.
pub fn fold(s: &str) -> String {
    let normalized = gwr_normalize::normalize_term(s);
    let mut out = String::with_capacity(normalized.len());
    for c in normalized.chars() {
        match c {
            '-' | '_' | '\u{2010}' | '\u{2011}' | '\u{2013}' | '\u{2014}' => out.push(' '),
            '\u{2019}' | '\u{2018}' | '\u{02BC}' | '`' => out.push('\''),
            _ => out.push(c),
        }
    }
    out.trim().to_string()
}

fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn code_of(name: &str) -> Option<&'static str> {
        Gazetteer::builtin().lookup(name).map(|r| r.code.as_str())
    }

    /// The straightforward search `find_all_in` replaces: at each position, every name's first usable occurrence,
    /// the leftmost kept (ties to the longer name).
    fn find_all_naive<'g>(g: &'g Gazetteer, text: &str) -> Vec<(&'g Region, Span)> {
        let norm = gwr_normalize::normalize(text);
        let folded: String = norm.text.chars().map(|c| if c == '-' || c == '_' { ' ' } else { c }).collect();
        let bytes = folded.as_bytes();
        let mut out = Vec::new();
        let mut pos = 0;
        loop {
            let mut best: Option<(usize, usize, usize)> = None;
            for (pat, idx, latin) in &g.patterns {
                let mut from = pos;
                while let Some(found) = folded.get(from..).and_then(|rest| rest.find(pat.as_str())) {
                    let (s, e) = (from + found, from + found + pat.len());
                    if best.is_some_and(|(bs, _, _)| s >= bs) {
                        break;
                    }
                    let bounded = !*latin
                        || ((s == 0 || !bytes[s - 1].is_ascii_alphanumeric())
                            && (e == bytes.len() || !bytes[e].is_ascii_alphanumeric()));
                    if bounded {
                        best = Some((s, e, *idx));
                        break;
                    }
                    from = s + folded[s..].chars().next().map_or(1, char::len_utf8);
                }
            }
            let Some((s, e, idx)) = best else { return out };
            out.push((&g.regions[idx], norm.source_span(Span::new(s, e))));
            pos = e;
        }
    }

    proptest::proptest! {
        #[test]
        fn find_all_in_equals_the_naive_search(picks in proptest::collection::vec((0usize..400, 0usize..12), 0..12)) {
            let g = Gazetteer::builtin();
            let glue = ["", " ", "-", "x", "2026", "省", "和", "，", "a", "_", "\n", "市"];
            let text: String = picks
                .iter()
                .map(|&(name, sep)| format!("{}{}", g.patterns[name % g.patterns.len()].0, glue[sep]))
                .collect();
            let upper = text.to_uppercase();
            for t in [&text, &upper] {
                let got: Vec<(&str, Span)> = g.find_all_in(t).into_iter().map(|(r, s)| (r.code.as_str(), s)).collect();
                let want: Vec<(&str, Span)> =
                    find_all_naive(g, t).into_iter().map(|(r, s)| (r.code.as_str(), s)).collect();
                proptest::prop_assert_eq!(got, want);
            }
        }
    }

    fn found_in(text: &str) -> Option<(&'static str, &str)> {
        Gazetteer::builtin().find_in(text).map(|(r, s)| (r.code.as_str(), s.slice(text)))
    }

    #[test]
    fn builtin_has_all_regions_and_clusters() {
        let g = Gazetteer::builtin();
        assert_eq!(g.regions().len(), 35, "31 provincial-level regions + HK + MO + TW + national");
        for code in [
            "CN", "CN-BJ", "CN-TJ", "CN-HE", "CN-SX", "CN-NM", "CN-LN", "CN-JL", "CN-HL", "CN-SH", "CN-JS", "CN-ZJ",
            "CN-AH", "CN-FJ", "CN-JX", "CN-SD", "CN-HA", "CN-HB", "CN-HN", "CN-GD", "CN-GX", "CN-HI", "CN-CQ", "CN-SC",
            "CN-GZ", "CN-YN", "CN-XZ", "CN-SN", "CN-GS", "CN-QH", "CN-NX", "CN-XJ", "CN-HK", "CN-MO", "CN-TW",
        ] {
            assert!(g.by_code(code).is_some(), "missing {code}");
        }
        assert_eq!(g.by_code("CN").map(|r| r.level), Some(Level::National));
        assert_eq!(g.by_code("CN-NM").map(|r| r.level), Some(Level::AutonomousRegion));
        assert_eq!(g.by_code("CN-HK").map(|r| r.level), Some(Level::Sar));
        assert_eq!(g.by_code("CN-CQ").map(|r| r.level), Some(Level::Municipality));
        let ids: Vec<&str> = g.clusters().iter().map(|c| c.id.as_str()).collect();
        assert_eq!(ids, ["gba", "yrd", "jjj"]);
    }

    #[test]
    fn every_name_of_every_region_looks_up_and_is_found_in_text() {
        let g = Gazetteer::builtin();
        for r in g.regions() {
            for name in r.names() {
                assert_eq!(g.lookup(name).map(|x| &x.code), Some(&r.code), "lookup {name:?}");
                assert_eq!(g.lookup(&name.to_uppercase()).map(|x| &x.code), Some(&r.code), "upper {name:?}");
                let text = format!("2026 {name} report");
                let (found, span) = g.find_in(&text).unwrap_or_else(|| panic!("find_in {text:?}"));
                assert_eq!(found.code, r.code, "find_in {text:?} found {:?}", span.slice(&text));
                assert_eq!(span.slice(&text), name, "span of {name:?}");
            }
            assert!(!r.short.is_empty() && !r.en.is_empty() && !r.fr.is_empty(), "{} lacks names", r.code);
        }
    }

    #[test]
    fn beijing_in_every_form() {
        for name in ["北京市", "北京", "Pékin", "pekin", "PÉKIN", "Beijing", "Peking", "ＢＥＩＪＩＮＧ"] {
            assert_eq!(code_of(name), Some("CN-BJ"), "{name}");
        }
        assert_eq!(found_in("我在北京市工作"), Some(("CN-BJ", "北京市")));
        assert_eq!(found_in("Je vis à Pékin depuis"), Some(("CN-BJ", "Pékin")));
        assert_eq!(found_in("report-beijing-2025.txt"), Some(("CN-BJ", "beijing")));
    }

    #[test]
    fn shaanxi_and_shanxi_are_distinct() {
        assert_eq!(code_of("Shaanxi"), Some("CN-SN"));
        assert_eq!(code_of("Shanxi"), Some("CN-SX"));
        assert_eq!(code_of("陕西省"), Some("CN-SN"));
        assert_eq!(code_of("山西"), Some("CN-SX"));
        assert_eq!(code_of("陝西"), Some("CN-SN"));
        assert_eq!(found_in("the Shaanxi report"), Some(("CN-SN", "Shaanxi")));
        assert_eq!(found_in("the Shanxi report"), Some(("CN-SX", "Shanxi")));
    }

    #[test]
    fn inner_mongolia_is_not_mongolia() {
        assert_eq!(code_of("蒙古"), None);
        assert_eq!(code_of("Mongolia"), None);
        assert_eq!(found_in("蒙古国代表团"), None);
        assert_eq!(found_in("内蒙古自治区政府"), Some(("CN-NM", "内蒙古自治区")));
        assert_eq!(found_in("內蒙古的草原"), Some(("CN-NM", "內蒙古")));
        assert_eq!(code_of("Mongolie intérieure"), Some("CN-NM"));
        assert_eq!(code_of("Nei Mongol"), Some("CN-NM"));
    }

    #[test]
    fn affixes_and_folds_in_lookup() {
        for name in ["province de l'Anhui", "province d’Anhui", "Anhui Province", "anhui", "ANHUI", "cn-ah", "CN-AH"]
        {
            assert_eq!(code_of(name), Some("CN-AH"), "{name}");
        }
        assert_eq!(code_of("la province du Guangdong"), Some("CN-GD"));
        assert_eq!(code_of("Hong Kong SAR"), Some("CN-HK"));
        assert_eq!(code_of("Macau"), Some("CN-MO"));
        assert_eq!(code_of("Taïwan"), Some("CN-TW"));
        assert_eq!(code_of("臺灣"), Some("CN-TW"));
        assert_eq!(code_of("Xinjiang Uyghur Autonomous Region"), Some("CN-XJ"));
        assert_eq!(code_of("国务院"), Some("CN"));
        assert_eq!(code_of("中华人民共和国"), Some("CN"));
        assert_eq!(code_of("Canton"), None);
        // Mixed or unlisted Traditional spellings fold to the Simplified names.
        assert_eq!(code_of("广東省"), Some("CN-GD"));
        assert_eq!(found_in("2026年廣東省人民政府"), Some(("CN-GD", "廣東省")));
        assert_eq!(code_of(""), None);
    }

    #[test]
    fn latin_names_need_word_boundaries() {
        assert_eq!(found_in("Hunanese cuisine"), None);
        assert_eq!(found_in("anhui-2026.txt"), Some(("CN-AH", "anhui")));
        assert_eq!(found_in("2026_Anhui_report"), Some(("CN-AH", "Anhui")));
        // Chinese names match anywhere.
        assert_eq!(found_in("2025年江苏省政府工作报告"), Some(("CN-JS", "江苏省")));
    }

    #[test]
    fn leftmost_then_longest() {
        assert_eq!(found_in("——2026年2月5日在安徽省第十四届人民代表大会"), Some(("CN-AH", "安徽省")));
        let text = "广西壮族自治区和广东省";
        let all: Vec<_> =
            Gazetteer::builtin().find_all_in(text).into_iter().map(|(r, s)| (r.code.as_str(), s.slice(text))).collect();
        assert_eq!(all, [("CN-GX", "广西壮族自治区"), ("CN-GD", "广东省")]);
        assert_eq!(
            found_in("Hong Kong Special Administrative Region"),
            Some(("CN-HK", "Hong Kong Special Administrative Region"))
        );
    }

    #[test]
    fn clusters_by_id_and_name() {
        let g = Gazetteer::builtin();
        assert_eq!(g.cluster("gba").map(|c| c.members.len()), Some(3));
        assert_eq!(g.cluster("大湾区").map(|c| c.id.as_str()), Some("gba"));
        assert_eq!(g.cluster("région de la Grande Baie").map(|c| c.id.as_str()), Some("gba"));
        assert_eq!(g.cluster("长江三角洲").map(|c| c.id.as_str()), Some("yrd"));
        assert_eq!(g.cluster("Yangtze River Delta").map(|c| c.id.as_str()), Some("yrd"));
        assert_eq!(g.cluster("delta du Yangtsé").map(|c| c.id.as_str()), Some("yrd"));
        assert_eq!(g.cluster("Pékin-Tianjin-Hebei").map(|c| c.id.as_str()), Some("jjj"));
        assert_eq!(g.cluster("beijing tianjin hebei").map(|c| c.id.as_str()), Some("jjj"));
        assert_eq!(
            g.cluster("yrd").map(|c| c.members.clone()),
            Some(vec!["CN-SH".to_string(), "CN-JS".to_string(), "CN-ZJ".to_string(), "CN-AH".to_string()])
        );
        assert!(g.cluster("nowhere").is_none());
    }

    #[test]
    fn parse_errors_name_file_and_line() {
        let dup = "schema = 1\n\n[[region]]\ncode = \"CN-AH\"\nlevel = \"province\"\nzh = \"安徽省\"\n\n[[region]]\ncode = \"CN-JS\"\nlevel = \"province\"\nzh = \"江苏省\"\nshort = [\"安徽\", \"安徽省\"]\n";
        let err = Gazetteer::parse(dup, "r.toml").unwrap_err().to_string();
        assert!(err.starts_with("r.toml:12: name \"安徽省\""), "{err}");

        let bad_level = "schema = 1\n[[region]]\ncode = \"CN-AH\"\nlevel = \"county\"\nzh = \"安徽省\"\n";
        let err = Gazetteer::parse(bad_level, "r.toml").unwrap_err().to_string();
        assert!(err.starts_with("r.toml:4:"), "{err}");

        let bad_member = "schema = 1\n[[region]]\ncode = \"CN-AH\"\nlevel = \"province\"\nzh = \"安徽省\"\n[[cluster]]\nid = \"x\"\nmembers = [\"CN-ZZ\"]\n";
        let err = Gazetteer::parse(bad_member, "r.toml").unwrap_err().to_string();
        assert!(err.starts_with("r.toml:8: cluster x member \"CN-ZZ\""), "{err}");

        let bad_code = "schema = 1\n[[region]]\ncode = \"AH\"\nlevel = \"province\"\nzh = \"安徽省\"\n";
        let err = Gazetteer::parse(bad_code, "r.toml").unwrap_err().to_string();
        assert!(err.starts_with("r.toml:3: region code \"AH\""), "{err}");

        let unknown_field =
            "schema = 1\n[[region]]\ncode = \"CN-AH\"\nlevel = \"province\"\nzh = \"安徽省\"\nde = [\"Anhui\"]\n";
        assert!(Gazetteer::parse(unknown_field, "r.toml").unwrap_err().to_string().starts_with("r.toml:"));

        let schema2 = "schema = 2\n";
        let err = Gazetteer::parse(schema2, "r.toml").unwrap_err().to_string();
        assert_eq!(err, "r.toml:1: unsupported schema 2, expected 1");
    }

    #[test]
    fn find_in_spans_map_back_through_folding() {
        let text = "Ｒａｐｐｏｒｔ de la province du Ｓｈａａｎｘｉ";
        let (r, span) = Gazetteer::builtin().find_in(text).expect("found");
        assert_eq!(r.code, "CN-SN");
        assert_eq!(span.slice(text), "province du Ｓｈａａｎｘｉ");
    }

    #[test]
    fn gazetteer_is_send_sync() {
        fn check<T: Send + Sync>() {}
        check::<Gazetteer>();
        check::<Region>();
    }
}
