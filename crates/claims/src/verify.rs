//! Verdicts: each claim × sector beside the scores, with quoted evidence and the claimed figure looked up.

use crate::file::{Claim, ClaimsFile, Target};
use crate::number::{classify_unit, find_quantities, Quantity};
use gwr_core::{DocMeta, Hit, Span};
use gwr_score::{log_odds_z, ScoreRow};
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fmt;

/// z at or above which a sector is significantly over-represented in a region (two-sided 5%).
pub const Z_SUPPORTED: f64 = 1.96;

/// How many evidence snippets a result quotes.
pub const EVIDENCE_SNIPPETS: usize = 3;

/// How far (in characters, either side of a hit of the sector) a claimed figure is looked for.
pub const FIGURE_WINDOW_CHARS: usize = 200;

/// Characters of context either side of a figure in its snippet.
const FIGURE_CONTEXT_CHARS: usize = 25;

/// One document's text, as the pipeline holds it.
#[derive(Clone, Debug)]
pub struct DocText<'a> {
    /// The document's metadata (region, year...).
    pub meta: DocMeta,
    /// The decoded source text hits' offsets point into.
    pub text: &'a str,
    /// Han characters counted in the document (the denominator of per_10k).
    pub han_chars: u64,
}

/// What [`verify`] checks claims against: the pipeline's in-memory results.
#[derive(Clone, Copy, Debug)]
pub struct VerifyInput<'a> {
    /// Region × year × sector scores, zeros included, for all regions.
    pub scores: &'a [ScoreRow],
    /// The counted hits: every hit of the claims' sectors (hits of other sectors are not looked at).
    pub hits: &'a [Hit],
    /// Every document with its text.
    pub docs: &'a [DocText<'a>],
    /// Year to check; `None` = the latest year in `scores`.
    pub year: Option<u16>,
}

/// The verdict of one claim on one sector.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Verdict {
    /// z ≥ 1.96, or the region is the most distinctive of all provincial regions on the sector.
    Supported,
    /// The report mentions the sector, but it is not distinctive there.
    Weak,
    /// The report never mentions the sector.
    Absent,
}

impl Verdict {
    /// `supported`, `weak` or `absent`.
    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::Supported => "supported",
            Verdict::Weak => "weak",
            Verdict::Absent => "absent",
        }
    }

    /// The rule: `absent` when `count == 0`; else `supported` when `z ≥ 1.96` or `national_rank == 1`; else `weak`.
    pub fn from_scores(count: u64, z: f64, national_rank: u32) -> Verdict {
        if count == 0 {
            Verdict::Absent
        } else if z >= Z_SUPPORTED || national_rank == 1 {
            Verdict::Supported
        } else {
            Verdict::Weak
        }
    }
}

impl fmt::Display for Verdict {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A quoted hit of the sector in the region's report.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Evidence {
    /// Document of the hit.
    pub doc_id: String,
    /// Byte span of the hit in the document's source text.
    pub span: Span,
    /// Concept id.
    pub concept: String,
    /// The matched text as in the source.
    pub surface: String,
    /// The hit with its context, whitespace collapsed.
    pub context: String,
}

impl fmt::Display for Evidence {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}@{}: {}", self.doc_id, self.span, self.context)
    }
}

/// What became of the claim's figure.
#[derive(Clone, Debug, PartialEq)]
pub enum FigureFound {
    /// The claim gives no figure.
    NotClaimed,
    /// No equal figure within [`FIGURE_WINDOW_CHARS`] of a hit of the sector in the region's report.
    NotFound,
    /// Found: where, and the text around it.
    Found {
        /// Document.
        doc_id: String,
        /// Byte span of the number (with prefix and unit) in the source text.
        span: Span,
        /// The number with some context, whitespace collapsed.
        snippet: String,
    },
}

impl fmt::Display for FigureFound {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FigureFound::NotClaimed => Ok(()),
            FigureFound::NotFound => f.write_str("not found"),
            FigureFound::Found { doc_id, span, snippet } => write!(f, "{doc_id}@{span}: {snippet}"),
        }
    }
}

/// One claim × sector, checked.
#[derive(Clone, Debug, PartialEq)]
pub struct ClaimResult {
    /// Claim id.
    pub claim_id: String,
    /// Region code, or the cluster id (`gba`).
    pub region_code: String,
    /// For a cluster, the member codes that have a report in the year (the ones summed); for a region, itself.
    pub members: Vec<String>,
    /// Sector id.
    pub sector: String,
    /// Hits of the sector (summed over members for a cluster).
    pub count: u64,
    /// Hits per 10,000 Han characters.
    pub per_10k: f64,
    /// Location quotient against all provincial regions of the year.
    pub lq: f64,
    /// Log-odds z against the other provincial regions of the year.
    pub z: f64,
    /// Rank of the sector within the region (or cluster) by z, 1 = most distinctive; 0 when there is no report.
    pub rank: u32,
    /// Rank of the region within the sector among the provincial regions by z, 1 = most distinctive; for a cluster,
    /// the best rank of its members; 0 when there is no report.
    pub national_rank: u32,
    /// The verdict ([`Verdict::from_scores`]).
    pub verdict: Verdict,
    /// Up to [`EVIDENCE_SNIPPETS`] hits, distinct concepts first.
    pub evidence: Vec<Evidence>,
    /// The claimed figure, looked up near the sector's hits.
    pub figure_found: FigureFound,
}

/// True for the codes compared with each other: provincial-level regions (`CN-XX`), not the national report.
fn is_provincial(code: &str) -> bool {
    code.starts_with("CN-")
}

/// The scores of one year, indexed.
struct YearTable<'a> {
    year: u16,
    /// Sectors in first-seen order.
    sectors: Vec<&'a str>,
    /// region → sector → row.
    rows: BTreeMap<&'a str, HashMap<&'a str, &'a ScoreRow>>,
    /// sector → total count over all regions.
    sector_totals: HashMap<&'a str, u64>,
    /// total count over all regions and sectors.
    grand: u64,
}

impl<'a> YearTable<'a> {
    fn new(scores: &'a [ScoreRow], year: u16) -> YearTable<'a> {
        let mut t =
            YearTable { year, sectors: Vec::new(), rows: BTreeMap::new(), sector_totals: HashMap::new(), grand: 0 };
        let mut seen = BTreeSet::new();
        // Chinese reports only: a translation is scored in a group of its own language.
        let chinese = |r: &ScoreRow| r.lang.is_empty() || r.lang == "zh";
        for row in scores.iter().filter(|r| r.year == year && is_provincial(&r.region_code) && chinese(r)) {
            if seen.insert(row.sector.as_str()) {
                t.sectors.push(row.sector.as_str());
            }
            t.rows.entry(row.region_code.as_str()).or_default().insert(row.sector.as_str(), row);
            *t.sector_totals.entry(row.sector.as_str()).or_default() += row.count;
            t.grand += row.count;
        }
        t
    }

    fn region_total(&self, code: &str) -> u64 {
        self.rows.get(code).map_or(0, |m| m.values().map(|r| r.count).sum())
    }

    fn count(&self, code: &str, sector: &str) -> u64 {
        self.rows.get(code).and_then(|m| m.get(sector)).map_or(0, |r| r.count)
    }

    /// Rank of `code` among the provincial regions on `sector` by z (1 + regions with a strictly larger z).
    fn national_rank(&self, code: &str, sector: &str) -> u32 {
        let Some(own) = self.rows.get(code).and_then(|m| m.get(sector)) else {
            return 0;
        };
        let above = self.rows.values().filter_map(|m| m.get(sector)).filter(|r| r.z > own.z).count();
        above as u32 + 1
    }
}

/// The per-sector scores of a group of regions summed, against the other regions (same formulas as gwr-score).
struct Summed {
    counts: HashMap<String, u64>,
    z: HashMap<String, f64>,
    lq: HashMap<String, f64>,
    rank: HashMap<String, u32>,
}

fn sum_members(table: &YearTable<'_>, members: &[&str]) -> Summed {
    let total: u64 = members.iter().map(|m| table.region_total(m)).sum();
    let n_regions = table.rows.len();
    let alpha_0 = if n_regions > 0 { table.grand as f64 / n_regions as f64 } else { 0.0 };
    let mut s = Summed { counts: HashMap::new(), z: HashMap::new(), lq: HashMap::new(), rank: HashMap::new() };
    for &sector in &table.sectors {
        let c: u64 = members.iter().map(|m| table.count(m, sector)).sum();
        let big_c = table.sector_totals.get(sector).copied().unwrap_or(0);
        let lq =
            if big_c > 0 && total > 0 { (c as f64 / total as f64) / (big_c as f64 / table.grand as f64) } else { 0.0 };
        let z = if n_regions > 1 && big_c > 0 {
            let alpha_w = alpha_0 * big_c as f64 / table.grand as f64;
            log_odds_z(c as f64, total as f64, (big_c - c) as f64, (table.grand - total) as f64, alpha_w, alpha_0)
        } else {
            0.0
        };
        s.counts.insert(sector.to_string(), c);
        s.z.insert(sector.to_string(), z);
        s.lq.insert(sector.to_string(), lq);
    }
    let mut order: Vec<&str> = table.sectors.clone();
    order.sort_by(|a, b| s.z[*b].total_cmp(&s.z[*a]).then(s.counts[*b].cmp(&s.counts[*a])).then(a.cmp(b)));
    for (i, sector) in order.into_iter().enumerate() {
        s.rank.insert(sector.to_string(), i as u32 + 1);
    }
    s
}

/// Check every claim × sector against the pipeline's results.
///
/// Scores of a region come from its [`ScoreRow`]s. A cluster is scored as the sum of its members that have a report
/// in the year: counts summed; per_10k = summed hits / summed Han characters × 10,000; lq from the sums; z the
/// log-odds z of the summed counts against the other provincial regions, with gwr-score's formula and prior; rank
/// of the sector among the cluster's sectors by that z; national_rank the best rank of a member. The verdict follows
/// [`Verdict::from_scores`]. A sector with no score rows in the year (the policy vocabulary, counted but never
/// scored) is compared by rate only: count and per_10k from the hits, lq = z = rank = 0, national_rank by per_10k.
pub fn verify(claims: &ClaimsFile, input: &VerifyInput<'_>) -> Vec<ClaimResult> {
    let year = input.year.unwrap_or_else(|| {
        input.scores.iter().filter(|r| is_provincial(&r.region_code)).map(|r| r.year).max().unwrap_or(0)
    });
    let table = YearTable::new(input.scores, year);
    let docs: HashMap<&str, &DocText<'_>> = input.docs.iter().map(|d| (d.meta.doc_id.as_str(), d)).collect();
    let mut quantities: HashMap<&str, Vec<Quantity>> = HashMap::new();
    let mut out = Vec::new();
    for claim in &claims.claims {
        for sector in &claim.sectors {
            out.push(check_one(claim, sector, &table, input, &docs, &mut quantities));
        }
    }
    out
}

fn check_one<'a>(
    claim: &Claim,
    sector: &str,
    table: &YearTable<'_>,
    input: &VerifyInput<'a>,
    docs: &HashMap<&str, &'a DocText<'a>>,
    quantities: &mut HashMap<&'a str, Vec<Quantity>>,
) -> ClaimResult {
    let scored = table.sectors.contains(&sector);
    // Members with a report in the year: with score rows, or (for an unscored sector) with a document.
    let members: Vec<&str> = if scored {
        claim.target.members().into_iter().filter(|m| table.rows.contains_key(m)).collect()
    } else {
        let with_docs: BTreeSet<&str> = input
            .docs
            .iter()
            .filter(|d| d.meta.year.unwrap_or(0) == table.year)
            .map(|d| d.meta.region_code.as_str())
            .collect();
        claim.target.members().into_iter().filter(|m| with_docs.contains(m)).collect()
    };
    let in_scope = |doc_id: &str| {
        docs.get(doc_id)
            .is_some_and(|d| d.meta.year.unwrap_or(0) == table.year && members.contains(&d.meta.region_code.as_str()))
    };
    let (count, per_10k, lq, z, rank, national_rank) = match &claim.target {
        _ if !scored => rate_only(sector, &members, table.year, input, docs),
        Target::Region(code) => match table.rows.get(code.as_str()).and_then(|m| m.get(sector)) {
            Some(row) => (row.count, row.per_10k, row.lq, row.z, row.rank, table.national_rank(code, sector)),
            None => (0, 0.0, 0.0, 0.0, 0, 0),
        },
        Target::Cluster { .. } if members.is_empty() => (0, 0.0, 0.0, 0.0, 0, 0),
        Target::Cluster { .. } => {
            let summed = sum_members(table, &members);
            let count = summed.counts.get(sector).copied().unwrap_or(0);
            let han: u64 = input.docs.iter().filter(|d| in_scope(&d.meta.doc_id)).map(|d| d.han_chars).sum();
            let per_10k = if han > 0 { count as f64 * 10_000.0 / han as f64 } else { 0.0 };
            let national_rank =
                members.iter().map(|m| table.national_rank(m, sector)).filter(|&r| r > 0).min().unwrap_or(0);
            (
                count,
                per_10k,
                summed.lq.get(sector).copied().unwrap_or(0.0),
                summed.z.get(sector).copied().unwrap_or(0.0),
                summed.rank.get(sector).copied().unwrap_or(0),
                national_rank,
            )
        }
    };
    let hits: Vec<&Hit> = input.hits.iter().filter(|h| h.sector == sector && in_scope(&h.doc_id)).collect();
    let evidence = pick_evidence(&hits);
    let figure_found = match &claim.figure {
        None => FigureFound::NotClaimed,
        Some(f) => {
            let (kind, factor) = classify_unit(&f.unit);
            find_figure(f.value * factor, kind, &hits, docs, quantities)
        }
    };
    ClaimResult {
        claim_id: claim.id.clone(),
        region_code: claim.target.code().to_string(),
        members: members.iter().map(|m| m.to_string()).collect(),
        sector: sector.to_string(),
        count,
        per_10k,
        lq,
        z,
        rank,
        national_rank,
        verdict: Verdict::from_scores(count, z, national_rank),
        evidence,
        figure_found,
    }
}

/// Scores of a sector that has no score rows (the policy vocabulary is counted but never scored): count and
/// per_10k from the hits and the documents' Han characters, lq = z = rank = 0, and national_rank by per_10k among
/// the provincial regions with a document in the year (for a cluster, its best member's). Returns (count, per_10k,
/// lq, z, rank, national_rank).
fn rate_only(
    sector: &str,
    members: &[&str],
    year: u16,
    input: &VerifyInput<'_>,
    docs: &HashMap<&str, &DocText<'_>>,
) -> (u64, f64, f64, f64, u32, u32) {
    let mut han: BTreeMap<&str, u64> = BTreeMap::new();
    for d in input.docs.iter().filter(|d| d.meta.year.unwrap_or(0) == year && is_provincial(&d.meta.region_code)) {
        *han.entry(d.meta.region_code.as_str()).or_default() += d.han_chars;
    }
    let mut counts: BTreeMap<&str, u64> = BTreeMap::new();
    for h in input.hits.iter().filter(|h| h.sector == sector) {
        if let Some(d) = docs.get(h.doc_id.as_str()) {
            if d.meta.year.unwrap_or(0) == year && han.contains_key(d.meta.region_code.as_str()) {
                *counts.entry(d.meta.region_code.as_str()).or_default() += 1;
            }
        }
    }
    let rate = |c: u64, n: u64| {
        if n > 0 {
            c as f64 * 10_000.0 / n as f64
        } else {
            0.0
        }
    };
    let present: Vec<&str> = members.iter().copied().filter(|m| han.contains_key(m)).collect();
    if present.is_empty() {
        return (0, 0.0, 0.0, 0.0, 0, 0);
    }
    let count: u64 = present.iter().map(|m| counts.get(m).copied().unwrap_or(0)).sum();
    let units: u64 = present.iter().map(|m| han[m]).sum();
    let best = present.iter().map(|m| rate(counts.get(m).copied().unwrap_or(0), han[m])).fold(f64::MIN, f64::max);
    let above = han.iter().filter(|(r, n)| rate(counts.get(*r).copied().unwrap_or(0), **n) > best).count();
    (count, rate(count, units), 0.0, 0.0, 0, above as u32 + 1)
}

fn collapse_ws(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Up to [`EVIDENCE_SNIPPETS`] hits: outside the glossary first, one per concept (most frequent concept first), then
/// more hits of the same concepts in text order.
fn pick_evidence(hits: &[&Hit]) -> Vec<Evidence> {
    let mut freq: HashMap<&str, usize> = HashMap::new();
    for h in hits {
        *freq.entry(h.concept.as_str()).or_default() += 1;
    }
    let mut ordered: Vec<&Hit> = hits.to_vec();
    ordered.sort_by(|a, b| {
        a.in_glossary
            .cmp(&b.in_glossary)
            .then(freq[b.concept.as_str()].cmp(&freq[a.concept.as_str()]))
            .then(a.concept.cmp(&b.concept))
            .then(a.doc_id.cmp(&b.doc_id))
            .then(a.start.cmp(&b.start))
    });
    let mut chosen: Vec<&Hit> = Vec::new();
    let mut concepts = BTreeSet::new();
    for h in &ordered {
        if chosen.len() < EVIDENCE_SNIPPETS && concepts.insert(h.concept.as_str()) {
            chosen.push(h);
        }
    }
    for h in &ordered {
        if chosen.len() >= EVIDENCE_SNIPPETS {
            break;
        }
        if !chosen.iter().any(|c| std::ptr::eq(*c, *h)) {
            chosen.push(h);
        }
    }
    chosen
        .into_iter()
        .map(|h| Evidence {
            doc_id: h.doc_id.clone(),
            span: Span::new(h.start, h.end),
            concept: h.concept.clone(),
            surface: h.surface.clone(),
            context: collapse_ws(&h.context),
        })
        .collect()
}

/// Byte offset `n` characters before `at` (or 0).
fn back_chars(text: &str, at: usize, n: usize) -> usize {
    text[..at].char_indices().rev().nth(n.saturating_sub(1)).map_or(0, |(i, _)| i)
}

/// Byte offset `n` characters after `at` (or the end).
fn forward_chars(text: &str, at: usize, n: usize) -> usize {
    text[at..].char_indices().nth(n).map_or(text.len(), |(i, _)| at + i)
}

fn find_figure<'a>(
    value: f64,
    kind: crate::number::UnitKind,
    hits: &[&Hit],
    docs: &HashMap<&str, &'a DocText<'a>>,
    quantities: &mut HashMap<&'a str, Vec<Quantity>>,
) -> FigureFound {
    // (distance in chars, doc_id, span) of the closest match.
    let mut best: Option<(usize, &'a str, Span)> = None;
    for h in hits {
        let Some(doc) = docs.get(h.doc_id.as_str()) else {
            continue;
        };
        let text = doc.text;
        if h.end > text.len() || !text.is_char_boundary(h.start) || !text.is_char_boundary(h.end) {
            continue;
        }
        let found = quantities.entry(doc.meta.doc_id.as_str()).or_insert_with(|| find_quantities(text));
        let lo = back_chars(text, h.start, FIGURE_WINDOW_CHARS);
        let hi = forward_chars(text, h.end, FIGURE_WINDOW_CHARS);
        for q in found.iter().filter(|q| q.span.start >= lo && q.span.end <= hi && q.matches(value, kind)) {
            let distance = if q.span.end <= h.start {
                text[q.span.end..h.start].chars().count()
            } else if q.span.start >= h.end {
                text[h.end..q.span.start].chars().count()
            } else {
                0
            };
            let candidate = (distance, doc.meta.doc_id.as_str(), q.span);
            if best.is_none_or(|b| (candidate.0, candidate.1, candidate.2) < b) {
                best = Some(candidate);
            }
        }
    }
    match best {
        None => FigureFound::NotFound,
        Some((_, doc_id, span)) => {
            let text = docs[doc_id].text;
            let from = back_chars(text, span.start, FIGURE_CONTEXT_CHARS);
            let to = forward_chars(text, span.end, FIGURE_CONTEXT_CHARS);
            FigureFound::Found { doc_id: doc_id.to_string(), span, snippet: collapse_ws(&text[from..to]) }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::file::{Article, Figure};
    use gwr_score::{score_group, RegionCounts};

    const SECTORS: [&str; 3] = ["quantum", "cloud", "fusion"];

    /// Four regions, one year: CN-AH is quantum-heavy, CN-GD and CN-HK share cloud, CN-BJ is flat.
    fn rows(year: u16) -> Vec<ScoreRow> {
        let rc = |code: &str, counts: [u64; 3]| RegionCounts {
            region_code: code.to_string(),
            year,
            units: 10_000,
            counts: counts.to_vec(),
        };
        score_group(
            &[rc("CN-AH", [40, 5, 10]), rc("CN-GD", [2, 30, 1]), rc("CN-HK", [1, 20, 0]), rc("CN-BJ", [10, 10, 10])],
            &SECTORS,
        )
    }

    fn claim(id: &str, target: Target, sectors: &[&str], figure: Option<Figure>) -> Claim {
        Claim {
            id: id.to_string(),
            target,
            sectors: sectors.iter().map(|s| s.to_string()).collect(),
            figure,
            paraphrase: "test".to_string(),
        }
    }

    fn file(claims: Vec<Claim>) -> ClaimsFile {
        ClaimsFile { schema: 1, article: Article::default(), claims }
    }

    fn doc<'t>(doc_id: &str, region: &str, year: u16, text: &'t str) -> DocText<'t> {
        DocText {
            meta: DocMeta {
                doc_id: doc_id.to_string(),
                region_code: region.to_string(),
                year: Some(year),
                ..DocMeta::default()
            },
            text,
            han_chars: text.chars().filter(|&c| gwr_core::is_han(c)).count() as u64,
        }
    }

    fn hit(doc: &DocText<'_>, concept: &str, sector: &str, surface: &str, nth: usize) -> Hit {
        let start = doc.text.match_indices(surface).nth(nth).map(|(i, _)| i).expect("surface in text");
        Hit {
            doc_id: doc.meta.doc_id.clone(),
            concept: concept.to_string(),
            sector: sector.to_string(),
            surface: surface.to_string(),
            start,
            end: start + surface.len(),
            context: format!("…{surface}…"),
            in_glossary: false,
        }
    }

    #[test]
    fn verdict_rule() {
        let table = [
            (0, 5.0, 1, Verdict::Absent),
            (3, 1.96, 7, Verdict::Supported),
            (3, 0.5, 1, Verdict::Supported),
            (3, 1.95, 2, Verdict::Weak),
            (1, -2.0, 31, Verdict::Weak),
        ];
        for (count, z, national_rank, want) in table {
            assert_eq!(Verdict::from_scores(count, z, national_rank), want, "{count} {z} {national_rank}");
        }
    }

    #[test]
    fn region_results_come_from_the_score_rows() {
        let scores = rows(2026);
        let claims = file(vec![claim("ah", Target::Region("CN-AH".into()), &["quantum", "cloud"], None)]);
        let input = VerifyInput { scores: &scores, hits: &[], docs: &[], year: None };
        let results = verify(&claims, &input);
        assert_eq!(results.len(), 2);
        let q = &results[0];
        let row = scores.iter().find(|r| r.region_code == "CN-AH" && r.sector == "quantum").expect("row");
        assert_eq!((q.count, q.z, q.lq, q.rank), (row.count, row.z, row.lq, row.rank));
        assert_eq!(q.national_rank, 1);
        assert_eq!(q.verdict, Verdict::Supported);
        let c = &results[1];
        assert_eq!(c.count, 5);
        assert_eq!(c.national_rank, 4, "AH has the lowest cloud z of the four");
        assert_eq!(c.verdict, Verdict::Weak);
    }

    #[test]
    fn missing_region_or_year_gives_absent() {
        let scores = rows(2025);
        let claims = file(vec![claim("sn", Target::Region("CN-SN".into()), &["quantum"], None)]);
        let results = verify(&claims, &VerifyInput { scores: &scores, hits: &[], docs: &[], year: None });
        assert_eq!((results[0].count, results[0].rank, results[0].national_rank), (0, 0, 0));
        assert_eq!(results[0].verdict, Verdict::Absent);
        let claims = file(vec![claim("ah", Target::Region("CN-AH".into()), &["quantum"], None)]);
        let results = verify(&claims, &VerifyInput { scores: &scores, hits: &[], docs: &[], year: Some(2026) });
        assert_eq!(results[0].verdict, Verdict::Absent);
    }

    #[test]
    fn default_year_is_the_latest() {
        let mut scores = rows(2025);
        let mut later = rows(2026);
        for r in later.iter_mut().filter(|r| r.region_code == "CN-AH" && r.sector == "quantum") {
            r.count = 99;
        }
        scores.extend(later);
        let claims = file(vec![claim("ah", Target::Region("CN-AH".into()), &["quantum"], None)]);
        let results = verify(&claims, &VerifyInput { scores: &scores, hits: &[], docs: &[], year: None });
        assert_eq!(results[0].count, 99);
        let results = verify(&claims, &VerifyInput { scores: &scores, hits: &[], docs: &[], year: Some(2025) });
        assert_eq!(results[0].count, 40);
    }

    #[test]
    fn cluster_sums_members_with_a_report() {
        let scores = rows(2026);
        let gd = doc("gd", "CN-GD", 2026, "广东发展云计算和云服务，云计算");
        let hk = doc("hk", "CN-HK", 2026, "香港云计算");
        let docs = vec![gd, hk];
        let target =
            Target::Cluster { id: "gba".into(), members: vec!["CN-GD".into(), "CN-HK".into(), "CN-MO".into()] };
        let claims = file(vec![claim("gba", target, &["cloud"], None)]);
        let results = verify(&claims, &VerifyInput { scores: &scores, hits: &[], docs: &docs, year: None });
        let r = &results[0];
        assert_eq!(r.region_code, "gba");
        assert_eq!(r.members, vec!["CN-GD", "CN-HK"], "CN-MO has no report");
        assert_eq!(r.count, 50);
        let han = (docs[0].han_chars + docs[1].han_chars) as f64;
        assert!((r.per_10k - 50.0 * 10_000.0 / han).abs() < 1e-9);
        // Totals: all regions 139 hits, cloud 65; the cluster 33 + 21 = 54 hits, 50 cloud.
        let lq = (50.0 / 54.0) / (65.0 / 139.0);
        assert!((r.lq - lq).abs() < 1e-9, "lq {} want {lq}", r.lq);
        let alpha_0 = 139.0 / 4.0;
        let z = log_odds_z(50.0, 54.0, 15.0, 85.0, alpha_0 * 65.0 / 139.0, alpha_0);
        assert!((r.z - z).abs() < 1e-9, "z {} want {z}", r.z);
        assert_eq!(r.rank, 1);
        let gd_rank = table_rank(&scores, "CN-GD", "cloud");
        let hk_rank = table_rank(&scores, "CN-HK", "cloud");
        assert_eq!(r.national_rank, gd_rank.min(hk_rank));
        assert_eq!(r.verdict, Verdict::Supported);
    }

    fn table_rank(scores: &[ScoreRow], code: &str, sector: &str) -> u32 {
        YearTable::new(scores, 2026).national_rank(code, sector)
    }

    #[test]
    fn a_single_member_cluster_scores_like_its_region() {
        let scores = rows(2026);
        let target = Target::Cluster { id: "x".into(), members: vec!["CN-AH".into(), "CN-MO".into()] };
        let claims = file(vec![
            claim("c", target, &["quantum", "fusion"], None),
            claim("r", Target::Region("CN-AH".into()), &["quantum", "fusion"], None),
        ]);
        let results = verify(&claims, &VerifyInput { scores: &scores, hits: &[], docs: &[], year: None });
        for i in 0..2 {
            let (c, r) = (&results[i], &results[i + 2]);
            assert_eq!((c.count, c.rank, c.national_rank, c.verdict), (r.count, r.rank, r.national_rank, r.verdict));
            assert!((c.z - r.z).abs() < 1e-9 && (c.lq - r.lq).abs() < 1e-9);
        }
    }

    #[test]
    fn evidence_prefers_distinct_concepts_and_figures_are_found_near_hits() {
        let scores = rows(2026);
        let text = "加快量子计算发展，量子计算取得突破，量子通信网络建成，累计建成量子保密通信干线超过2000公里，形成量子产业企业150余家。";
        let d = doc("ah-2026", "CN-AH", 2026, text);
        let hits = vec![
            hit(&d, "quantum_computing", "quantum", "量子计算", 0),
            hit(&d, "quantum_computing", "quantum", "量子计算", 1),
            hit(&d, "quantum_comm", "quantum", "量子通信", 0),
            hit(&d, "quantum_comm", "quantum", "量子保密通信", 0),
        ];
        let docs = vec![d];
        let figure = Some(Figure { value: 150.0, unit: "companies".into(), text: "150+".into() });
        let wrong = Some(Figure { value: 2500.0, unit: "".into(), text: "2500".into() });
        let claims = file(vec![
            claim("ah", Target::Region("CN-AH".into()), &["quantum"], figure),
            claim("ah2", Target::Region("CN-AH".into()), &["quantum"], wrong),
            claim("ah3", Target::Region("CN-AH".into()), &["quantum"], None),
        ]);
        let results = verify(&claims, &VerifyInput { scores: &scores, hits: &hits, docs: &docs, year: None });
        let ev = &results[0].evidence;
        assert_eq!(ev.len(), 3);
        assert_ne!(ev[0].concept, ev[1].concept, "two distinct concepts first");
        assert!(ev[0].to_string().starts_with("ah-2026@"), "{}", ev[0]);
        match &results[0].figure_found {
            FigureFound::Found { doc_id, span, .. } => {
                assert_eq!(doc_id, "ah-2026");
                assert_eq!(span.slice(text), "150余家");
            }
            other => panic!("figure not found: {other:?}"),
        }
        assert_eq!(results[1].figure_found, FigureFound::NotFound);
        assert_eq!(results[1].figure_found.to_string(), "not found");
        assert_eq!(results[2].figure_found, FigureFound::NotClaimed);
    }

    #[test]
    fn figures_farther_than_the_window_are_not_found() {
        let scores = rows(2026);
        let far = format!("量子计算{}共137颗", "的".repeat(FIGURE_WINDOW_CHARS + 5));
        let near = format!("量子计算{}共137颗", "的".repeat(FIGURE_WINDOW_CHARS - 5));
        for (text, found) in [(&far, false), (&near, true)] {
            let d = doc("d", "CN-AH", 2026, text);
            let hits = vec![hit(&d, "quantum_computing", "quantum", "量子计算", 0)];
            let docs = vec![d];
            let f = Some(Figure { value: 137.0, unit: "satellites".into(), text: "137".into() });
            let claims = file(vec![claim("ah", Target::Region("CN-AH".into()), &["quantum"], f)]);
            let results = verify(&claims, &VerifyInput { scores: &scores, hits: &hits, docs: &docs, year: None });
            assert_eq!(matches!(results[0].figure_found, FigureFound::Found { .. }), found, "{text}");
        }
    }

    #[test]
    fn unscored_sectors_are_ranked_by_rate() {
        let scores = rows(2026);
        let bj = doc("bj", "CN-BJ", 2026, "突破关键核心技术，关键核心技术攻关，210项");
        let ah = doc("ah", "CN-AH", 2026, "关键核心技术和量子科技量子科技量子科技");
        let mut hits = vec![
            hit(&bj, "key_core_tech", "policy_vocabulary", "关键核心技术", 0),
            hit(&bj, "key_core_tech", "policy_vocabulary", "关键核心技术", 1),
            hit(&ah, "key_core_tech", "policy_vocabulary", "关键核心技术", 0),
        ];
        hits.sort_by(|a, b| a.doc_id.cmp(&b.doc_id));
        let docs = vec![bj, ah];
        let f = Some(Figure { value: 210.0, unit: "breakthroughs".into(), text: "210".into() });
        let claims = file(vec![
            claim("bj", Target::Region("CN-BJ".into()), &["policy_vocabulary"], f),
            claim("ah", Target::Region("CN-AH".into()), &["policy_vocabulary"], None),
        ]);
        let results = verify(&claims, &VerifyInput { scores: &scores, hits: &hits, docs: &docs, year: None });
        let (b, a) = (&results[0], &results[1]);
        assert_eq!((b.count, b.z, b.rank, b.national_rank), (2, 0.0, 0, 1));
        assert!((b.per_10k - 2.0 * 10_000.0 / docs[0].han_chars as f64).abs() < 1e-9);
        assert_eq!(b.verdict, Verdict::Supported);
        assert!(matches!(b.figure_found, FigureFound::Found { .. }));
        assert_eq!((a.count, a.national_rank, a.verdict), (1, 2, Verdict::Weak));
    }
}
