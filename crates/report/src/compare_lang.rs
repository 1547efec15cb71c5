//! Comparing languages: for each region-year whose report an analyze output holds in two languages (a report and its
//! translation), the two sector profiles side by side, their Spearman rank correlation, and the sectors where they
//! disagree most, with hits of each side as evidence.
//!
//! Read from `documents.csv`, `counts.csv` and `hits.jsonl` only (not `scores.csv`), so it does not depend on how
//! scores are grouped. Documents of undetermined language (`und`) are not compared.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::Path;

use serde::Serialize;

use crate::tables::{read_csv, read_jsonl, CountRow, DocumentRow, Hit};
use crate::ReportError;

/// What [`compare_lang`] compares and how much it shows.
#[derive(Clone, Debug)]
pub struct CompareOptions {
    /// Sector ids left out (policy vocabulary, which is counted but is not a sector).
    pub exclude_sectors: BTreeSet<String>,
    /// Sectors listed as disagreements per pair.
    pub top: usize,
    /// Hits of each side shown per disagreement.
    pub evidence: usize,
}

impl Default for CompareOptions {
    fn default() -> CompareOptions {
        CompareOptions { exclude_sectors: BTreeSet::new(), top: 5, evidence: 3 }
    }
}

/// One region-year in two languages.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct LangPair {
    /// Region code.
    pub region_code: String,
    /// Year, when known.
    pub year: Option<u16>,
    /// The first language (`zh` before `en` before `fr`).
    pub lang_a: String,
    /// The second language.
    pub lang_b: String,
    /// Hits of every compared sector in `lang_a`.
    pub total_a: u64,
    /// Hits of every compared sector in `lang_b`.
    pub total_b: u64,
    /// Spearman's rank correlation of the sector counts over the sectors hit in either language (ties get their
    /// mean rank); `None` when fewer than two such sectors, or when one side gives every sector the same count.
    pub rho: Option<f64>,
    /// Every sector hit in either language, most hits (both sides together) first, then by id.
    pub sectors: Vec<SectorSide>,
    /// The sectors whose shares differ most, largest difference first, with evidence.
    pub disagreements: Vec<Disagreement>,
}

/// A sector's counts in the two languages of a [`LangPair`].
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SectorSide {
    /// Sector id.
    pub sector: String,
    /// Hits in `lang_a`.
    pub count_a: u64,
    /// Hits in `lang_b`.
    pub count_b: u64,
    /// `count_a / total_a` (0 when the total is 0).
    pub share_a: f64,
    /// `count_b / total_b` (0 when the total is 0).
    pub share_b: f64,
}

/// A sector on which the two languages disagree, with hits of each side.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Disagreement {
    /// The sector and its counts.
    pub side: SectorSide,
    /// Up to [`CompareOptions::evidence`] hits of the sector in `lang_a`, in document and text order.
    pub evidence_a: Vec<Hit>,
    /// The same in `lang_b`.
    pub evidence_b: Vec<Hit>,
}

/// Order of languages inside a pair.
fn lang_order(lang: &str) -> (u8, &str) {
    let rank = match lang {
        "zh" => 0,
        "en" => 1,
        "fr" => 2,
        _ => 3,
    };
    (rank, lang)
}

/// Compare the languages of every region-year of the analyze output in `dir` that has two languages or more (each
/// pair of them). Pairs come sorted by region code, year, then languages.
///
/// # Errors
///
/// `documents.csv` or `counts.csv` missing or unreadable, with file and line; `hits.jsonl` unreadable (it may be
/// absent: then the disagreements have no evidence).
pub fn compare_lang(dir: &Path, options: &CompareOptions) -> Result<Vec<LangPair>, ReportError> {
    if !dir.is_dir() {
        return Err(ReportError::Missing { path: dir.to_path_buf() });
    }
    let documents: Vec<DocumentRow> = read_csv(&dir.join("documents.csv"))?;
    let counts: Vec<CountRow> = read_csv(&dir.join("counts.csv"))?;
    let hits_path = dir.join("hits.jsonl");
    let hits: Vec<Hit> = if hits_path.is_file() { read_jsonl(&hits_path)? } else { Vec::new() };
    Ok(compare_tables(&documents, &counts, &hits, options))
}

/// A region-year.
type Key = (String, Option<u16>);

/// [`compare_lang`] on tables already read.
pub fn compare_tables(
    documents: &[DocumentRow],
    counts: &[CountRow],
    hits: &[Hit],
    options: &CompareOptions,
) -> Vec<LangPair> {
    // The counted documents of each region-year and language.
    let mut doc_key: BTreeMap<&str, (Key, &str)> = BTreeMap::new();
    let mut langs: BTreeMap<Key, BTreeSet<(u8, &str)>> = BTreeMap::new();
    for d in documents.iter().filter(|d| d.status == "ok" && d.lang != "und") {
        let key = (d.region_code.clone(), d.year);
        doc_key.insert(&d.doc_id, (key.clone(), &d.lang));
        langs.entry(key).or_default().insert(lang_order(&d.lang));
    }
    let mut sector_counts: BTreeMap<(Key, &str), BTreeMap<&str, u64>> = BTreeMap::new();
    for c in counts.iter().filter(|c| !options.exclude_sectors.contains(&c.sector)) {
        let Some((key, lang)) = doc_key.get(c.doc_id.as_str()) else { continue };
        *sector_counts.entry((key.clone(), lang)).or_default().entry(&c.sector).or_default() += c.count;
    }
    let mut evidence: BTreeMap<(Key, &str, &str), Vec<&Hit>> = BTreeMap::new();
    for h in hits.iter().filter(|h| !options.exclude_sectors.contains(&h.sector)) {
        let Some((key, lang)) = doc_key.get(h.doc_id.as_str()) else { continue };
        evidence.entry((key.clone(), lang, &h.sector)).or_default().push(h);
    }
    let empty = BTreeMap::new();
    let mut pairs = Vec::new();
    for (key, present) in &langs {
        let present: Vec<&str> = present.iter().map(|&(_, l)| l).collect();
        for (i, &a) in present.iter().enumerate() {
            for &b in &present[i + 1..] {
                let ca = sector_counts.get(&(key.clone(), a)).unwrap_or(&empty);
                let cb = sector_counts.get(&(key.clone(), b)).unwrap_or(&empty);
                let mut pair = compare_counts(&key.0, key.1, (a, ca), (b, cb), options.top);
                for d in &mut pair.disagreements {
                    let pick = |lang: &str| -> Vec<Hit> {
                        let found = evidence.get(&(key.clone(), lang, d.side.sector.as_str()));
                        let mut list: Vec<&Hit> = found.map(|v| v.to_vec()).unwrap_or_default();
                        list.sort_by(|x, y| (&x.doc_id, x.start).cmp(&(&y.doc_id, y.start)));
                        list.into_iter().take(options.evidence).cloned().collect()
                    };
                    d.evidence_a = pick(a);
                    d.evidence_b = pick(b);
                }
                pairs.push(pair);
            }
        }
    }
    pairs
}

/// The comparison of two sector profiles (without evidence).
fn compare_counts(
    region_code: &str,
    year: Option<u16>,
    (lang_a, a): (&str, &BTreeMap<&str, u64>),
    (lang_b, b): (&str, &BTreeMap<&str, u64>),
    top: usize,
) -> LangPair {
    let total_a: u64 = a.values().sum();
    let total_b: u64 = b.values().sum();
    let share = |c: u64, t: u64| if t == 0 { 0.0 } else { c as f64 / t as f64 };
    let names: BTreeSet<&str> = a.keys().chain(b.keys()).copied().collect();
    let mut sectors: Vec<SectorSide> = names
        .into_iter()
        .map(|s| {
            let (count_a, count_b) = (a.get(s).copied().unwrap_or(0), b.get(s).copied().unwrap_or(0));
            SectorSide {
                sector: s.to_string(),
                count_a,
                count_b,
                share_a: share(count_a, total_a),
                share_b: share(count_b, total_b),
            }
        })
        .filter(|s| s.count_a + s.count_b > 0)
        .collect();
    sectors.sort_by(|x, y| (y.count_a + y.count_b).cmp(&(x.count_a + x.count_b)).then(x.sector.cmp(&y.sector)));
    let xs: Vec<f64> = sectors.iter().map(|s| s.count_a as f64).collect();
    let ys: Vec<f64> = sectors.iter().map(|s| s.count_b as f64).collect();
    let rho = spearman(&xs, &ys);
    let mut by_gap: Vec<&SectorSide> = sectors.iter().collect();
    by_gap.sort_by(|x, y| {
        let gap = |s: &SectorSide| (s.share_a - s.share_b).abs();
        gap(y).total_cmp(&gap(x)).then(x.sector.cmp(&y.sector))
    });
    let disagreements = by_gap
        .into_iter()
        .take(top)
        .filter(|s| s.share_a != s.share_b)
        .map(|s| Disagreement { side: s.clone(), evidence_a: Vec::new(), evidence_b: Vec::new() })
        .collect();
    LangPair {
        region_code: region_code.to_string(),
        year,
        lang_a: lang_a.to_string(),
        lang_b: lang_b.to_string(),
        total_a,
        total_b,
        rho,
        sectors,
        disagreements,
    }
}

/// Ranks of `values`, 1 for the smallest, ties given the mean of the ranks they span.
fn ranks(values: &[f64]) -> Vec<f64> {
    let mut order: Vec<usize> = (0..values.len()).collect();
    order.sort_by(|&i, &j| values[i].total_cmp(&values[j]));
    let mut out = vec![0.0; values.len()];
    let mut i = 0;
    while i < order.len() {
        let mut j = i;
        while j + 1 < order.len() && values[order[j + 1]] == values[order[i]] {
            j += 1;
        }
        let mean = (i + j) as f64 / 2.0 + 1.0;
        for &k in &order[i..=j] {
            out[k] = mean;
        }
        i = j + 1;
    }
    out
}

/// Spearman's rank correlation of `xs` and `ys` (same length): Pearson's correlation of their ranks, ties given
/// their mean rank. `None` for fewer than two values or when either side is constant.
pub fn spearman(xs: &[f64], ys: &[f64]) -> Option<f64> {
    assert_eq!(xs.len(), ys.len(), "spearman of series of different lengths");
    if xs.len() < 2 {
        return None;
    }
    let (rx, ry) = (ranks(xs), ranks(ys));
    let n = rx.len() as f64;
    let (mx, my) = (rx.iter().sum::<f64>() / n, ry.iter().sum::<f64>() / n);
    let (mut sxy, mut sxx, mut syy) = (0.0, 0.0, 0.0);
    for (x, y) in rx.iter().zip(&ry) {
        sxy += (x - mx) * (y - my);
        sxx += (x - mx) * (x - mx);
        syy += (y - my) * (y - my);
    }
    if sxx == 0.0 || syy == 0.0 {
        return None;
    }
    Some(sxy / (sxx * syy).sqrt())
}

/// The pairs as a CSV table: one row per pair and sector (`region_code, year, lang_a, lang_b, rho, sector,
/// count_a, count_b, share_a, share_b`), floats with 6 decimals.
pub fn pairs_csv(pairs: &[LangPair]) -> String {
    let mut out = String::from("region_code,year,lang_a,lang_b,rho,sector,count_a,count_b,share_a,share_b\n");
    for p in pairs {
        let year = p.year.map(|y| y.to_string()).unwrap_or_default();
        let rho = p.rho.map(|r| format!("{r:.6}")).unwrap_or_default();
        for s in &p.sectors {
            let _ = writeln!(
                out,
                "{},{year},{},{},{rho},{},{},{},{:.6},{:.6}",
                p.region_code, p.lang_a, p.lang_b, s.sector, s.count_a, s.count_b, s.share_a, s.share_b
            );
        }
    }
    out
}

/// The pairs as text for a terminal: per pair its totals and rho, the profiles side by side, the disagreements
/// with their evidence (`doc_id@start..end: context`).
pub fn pairs_text(pairs: &[LangPair]) -> String {
    let mut out = String::new();
    if pairs.is_empty() {
        out.push_str("no region-year has documents in two languages\n");
    }
    for p in pairs {
        let year = p.year.map_or_else(|| "year unknown".to_string(), |y| y.to_string());
        let rho = p.rho.map_or_else(|| "n/a".to_string(), |r| format!("{r:.3}"));
        let ratio =
            if p.total_a == 0 { "n/a".to_string() } else { format!("{:.3}", p.total_b as f64 / p.total_a as f64) };
        let _ = writeln!(
            out,
            "{} {year}: {} {} hits, {} {} hits ({}/{} = {ratio}), Spearman rho {rho} over {} sectors",
            p.region_code,
            p.lang_a,
            p.total_a,
            p.lang_b,
            p.total_b,
            p.lang_b,
            p.lang_a,
            p.sectors.len()
        );
        let _ = writeln!(out, "  {:<32} {:>6} {:>6}", "sector", p.lang_a, p.lang_b);
        for s in &p.sectors {
            let _ = writeln!(out, "  {:<32} {:>6} {:>6}", s.sector, s.count_a, s.count_b);
        }
        for d in &p.disagreements {
            let s = &d.side;
            let _ = writeln!(
                out,
                "  disagreement {}: {} {} ({:.1} %) vs {} {} ({:.1} %)",
                s.sector,
                p.lang_a,
                s.count_a,
                100.0 * s.share_a,
                p.lang_b,
                s.count_b,
                100.0 * s.share_b
            );
            for (lang, hits) in [(&p.lang_a, &d.evidence_a), (&p.lang_b, &d.evidence_b)] {
                for h in hits {
                    let _ = writeln!(out, "    {lang} {}@{}..{}: {}", h.doc_id, h.start, h.end, h.context);
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spearman_by_hand() {
        // Same order: 1; reversed: -1.
        assert_eq!(spearman(&[1.0, 2.0, 3.0], &[10.0, 20.0, 30.0]), Some(1.0));
        assert_eq!(spearman(&[1.0, 2.0, 3.0], &[3.0, 2.0, 1.0]), Some(-1.0));
        // Ties: ranks [1.5, 1.5, 3] and [1, 2, 3]: r = 0.866025 (by hand: sxy = 1.5, sxx = 1.5, syy = 2).
        let r = spearman(&[5.0, 5.0, 9.0], &[1.0, 2.0, 3.0]).expect("defined");
        assert!((r - 1.5 / (1.5f64 * 2.0).sqrt()).abs() < 1e-12, "{r}");
        assert_eq!(spearman(&[1.0], &[1.0]), None);
        assert_eq!(spearman(&[2.0, 2.0], &[1.0, 3.0]), None);
    }

    fn doc(id: &str, region: &str, year: u16, lang: &str, status: &str) -> DocumentRow {
        DocumentRow {
            doc_id: id.into(),
            source: format!("{id}.txt"),
            region_code: region.into(),
            region_name: String::new(),
            year: Some(year),
            lang: lang.into(),
            encoding: "UTF-8".into(),
            chars: 100,
            han_chars: 0,
            status: status.into(),
            reason: String::new(),
            level: String::new(),
            adcode: String::new(),
            parent: String::new(),
            words: 0,
        }
    }

    fn count(d: &DocumentRow, sector: &str, n: u64) -> CountRow {
        CountRow {
            doc_id: d.doc_id.clone(),
            region_code: d.region_code.clone(),
            year: d.year,
            lang: d.lang.clone(),
            sector: sector.into(),
            concept: format!("{sector}_c"),
            term: String::new(),
            count: n,
        }
    }

    fn hit(doc_id: &str, sector: &str, start: usize) -> Hit {
        Hit {
            doc_id: doc_id.into(),
            concept: format!("{sector}_c"),
            sector: sector.into(),
            surface: "x".into(),
            start,
            end: start + 1,
            context: format!("context {start}"),
            in_glossary: false,
        }
    }

    #[test]
    fn pairs_profiles_rho_and_evidence() {
        let (zh, en) = (doc("a-zh", "CN", 2024, "zh", "ok"), doc("a-en", "CN", 2024, "en", "ok"));
        // Alone in its language, undetermined, or failed: never compared.
        let alone = doc("b-zh", "CN-AH", 2024, "zh", "ok");
        let und = doc("a-und", "CN", 2024, "und", "ok");
        let failed = doc("a-fr", "CN", 2024, "fr", "failed");
        let documents = vec![en.clone(), zh.clone(), alone.clone(), und.clone(), failed.clone()];
        let counts = vec![
            count(&zh, "ai", 6),
            count(&zh, "quantum", 3),
            count(&zh, "nev", 1),
            count(&zh, "policy", 9),
            count(&en, "ai", 5),
            count(&en, "quantum", 1),
            count(&en, "wind", 4),
            count(&alone, "ai", 2),
            count(&und, "ai", 7),
        ];
        let hits =
            vec![hit("a-en", "wind", 30), hit("a-en", "wind", 10), hit("a-en", "wind", 20), hit("a-zh", "ai", 5)];
        let options = CompareOptions { exclude_sectors: ["policy".to_string()].into(), top: 2, evidence: 2 };
        let pairs = compare_tables(&documents, &counts, &hits, &options);
        assert_eq!(pairs.len(), 1, "{pairs:#?}");
        let p = &pairs[0];
        assert_eq!(
            (p.region_code.as_str(), p.year, p.lang_a.as_str(), p.lang_b.as_str()),
            ("CN", Some(2024), "zh", "en")
        );
        assert_eq!((p.total_a, p.total_b), (10, 10), "policy left out");
        let rows: Vec<(&str, u64, u64)> = p.sectors.iter().map(|s| (s.sector.as_str(), s.count_a, s.count_b)).collect();
        assert_eq!(rows, [("ai", 6, 5), ("quantum", 3, 1), ("wind", 0, 4), ("nev", 1, 0)]);
        // Ranks zh [4, 3, 1, 2] and en [4, 2, 3, 1]: d² = 0 + 1 + 4 + 1 = 6, rho = 1 - 6·6 / (4·15) = 0.4.
        assert!((p.rho.expect("defined") - 0.4).abs() < 1e-12, "{:?}", p.rho);
        // Share gaps: wind 0.4, quantum 0.2, nev 0.1, ai 0.1: the top two, evidence in text order.
        let gaps: Vec<&str> = p.disagreements.iter().map(|d| d.side.sector.as_str()).collect();
        assert_eq!(gaps, ["wind", "quantum"]);
        let wind: Vec<usize> = p.disagreements[0].evidence_b.iter().map(|h| h.start).collect();
        assert_eq!(wind, [10, 20]);
        assert!(p.disagreements[0].evidence_a.is_empty());
        let csv = pairs_csv(&pairs);
        assert!(csv.starts_with("region_code,year,lang_a,lang_b,rho,sector,count_a,count_b,share_a,share_b\n"));
        assert!(csv.contains("CN,2024,zh,en,0.400000,wind,0,4,0.000000,0.400000\n"), "{csv}");
        let text = pairs_text(&pairs);
        assert!(text.contains("disagreement wind: zh 0 (0.0 %) vs en 4 (40.0 %)"), "{text}");
        assert!(text.contains("en a-en@10..11: context 10"), "{text}");
    }

    #[test]
    fn ranks_average_ties() {
        assert_eq!(ranks(&[3.0, 1.0, 3.0, 0.0]), [3.5, 2.0, 3.5, 1.0]);
    }
}
