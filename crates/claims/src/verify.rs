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
    /// Every counted hit.
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
            FigureFound::Found {
                doc_id,
                span,
                snippet,
            } => write!(f, "{doc_id}@{span}: {snippet}"),
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
        let mut t = YearTable {
            year,
            sectors: Vec::new(),
            rows: BTreeMap::new(),
            sector_totals: HashMap::new(),
            grand: 0,
        };
        let mut seen = BTreeSet::new();
        for row in scores
            .iter()
            .filter(|r| r.year == year && is_provincial(&r.region_code))
        {
            if seen.insert(row.sector.as_str()) {
                t.sectors.push(row.sector.as_str());
            }
            t.rows
                .entry(row.region_code.as_str())
                .or_default()
                .insert(row.sector.as_str(), row);
            *t.sector_totals.entry(row.sector.as_str()).or_default() += row.count;
            t.grand += row.count;
        }
        t
    }

    fn region_total(&self, code: &str) -> u64 {
        self.rows
            .get(code)
            .map_or(0, |m| m.values().map(|r| r.count).sum())
    }

    fn count(&self, code: &str, sector: &str) -> u64 {
        self.rows
            .get(code)
            .and_then(|m| m.get(sector))
            .map_or(0, |r| r.count)
    }

    /// Rank of `code` among the provincial regions on `sector` by z (1 + regions with a strictly larger z).
    fn national_rank(&self, code: &str, sector: &str) -> u32 {
        let Some(own) = self.rows.get(code).and_then(|m| m.get(sector)) else {
            return 0;
        };
        let above = self
            .rows
            .values()
            .filter_map(|m| m.get(sector))
            .filter(|r| r.z > own.z)
            .count();
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
    let alpha_0 = if n_regions > 0 {
        table.grand as f64 / n_regions as f64
    } else {
        0.0
    };
    let mut s = Summed {
        counts: HashMap::new(),
        z: HashMap::new(),
        lq: HashMap::new(),
        rank: HashMap::new(),
    };
    for &sector in &table.sectors {
        let c: u64 = members.iter().map(|m| table.count(m, sector)).sum();
        let big_c = table.sector_totals.get(sector).copied().unwrap_or(0);
        let lq = if big_c > 0 && total > 0 {
            (c as f64 / total as f64) / (big_c as f64 / table.grand as f64)
        } else {
            0.0
        };
        let z = if n_regions > 1 && big_c > 0 {
            let alpha_w = alpha_0 * big_c as f64 / table.grand as f64;
            log_odds_z(
                c as f64,
                total as f64,
                (big_c - c) as f64,
                (table.grand - total) as f64,
                alpha_w,
                alpha_0,
            )
        } else {
            0.0
        };
        s.counts.insert(sector.to_string(), c);
        s.z.insert(sector.to_string(), z);
        s.lq.insert(sector.to_string(), lq);
    }
    let mut order: Vec<&str> = table.sectors.clone();
    order.sort_by(|a, b| {
        s.z[*b]
            .total_cmp(&s.z[*a])
            .then(s.counts[*b].cmp(&s.counts[*a]))
            .then(a.cmp(b))
    });
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
/// [`Verdict::from_scores`].
pub fn verify(claims: &ClaimsFile, input: &VerifyInput<'_>) -> Vec<ClaimResult> {
    let year = input.year.unwrap_or_else(|| {
        input
            .scores
            .iter()
            .filter(|r| is_provincial(&r.region_code))
            .map(|r| r.year)
            .max()
            .unwrap_or(0)
    });
    let table = YearTable::new(input.scores, year);
    let docs: HashMap<&str, &DocText<'_>> = input
        .docs
        .iter()
        .map(|d| (d.meta.doc_id.as_str(), d))
        .collect();
    let mut quantities: HashMap<&str, Vec<Quantity>> = HashMap::new();
    let mut out = Vec::new();
    for claim in &claims.claims {
        for sector in &claim.sectors {
            out.push(check_one(
                claim,
                sector,
                &table,
                input,
                &docs,
                &mut quantities,
            ));
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
    let members: Vec<&str> = claim
        .target
        .members()
        .into_iter()
        .filter(|m| table.rows.contains_key(m))
        .collect();
    let in_scope = |doc_id: &str| {
        docs.get(doc_id).is_some_and(|d| {
            d.meta.year.unwrap_or(0) == table.year && members.contains(&d.meta.region_code.as_str())
        })
    };
    let (count, per_10k, lq, z, rank, national_rank) = match &claim.target {
        Target::Region(code) => match table.rows.get(code.as_str()).and_then(|m| m.get(sector)) {
            Some(row) => (
                row.count,
                row.per_10k,
                row.lq,
                row.z,
                row.rank,
                table.national_rank(code, sector),
            ),
            None => (0, 0.0, 0.0, 0.0, 0, 0),
        },
        Target::Cluster { .. } if members.is_empty() => (0, 0.0, 0.0, 0.0, 0, 0),
        Target::Cluster { .. } => {
            let summed = sum_members(table, &members);
            let count = summed.counts.get(sector).copied().unwrap_or(0);
            let han: u64 = input
                .docs
                .iter()
                .filter(|d| in_scope(&d.meta.doc_id))
                .map(|d| d.han_chars)
                .sum();
            let per_10k = if han > 0 {
                count as f64 * 10_000.0 / han as f64
            } else {
                0.0
            };
            let national_rank = members
                .iter()
                .map(|m| table.national_rank(m, sector))
                .filter(|&r| r > 0)
                .min()
                .unwrap_or(0);
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
    let hits: Vec<&Hit> = input
        .hits
        .iter()
        .filter(|h| h.sector == sector && in_scope(&h.doc_id))
        .collect();
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
            context: collapse_ws(&h.context),
        })
        .collect()
}

/// Byte offset `n` characters before `at` (or 0).
fn back_chars(text: &str, at: usize, n: usize) -> usize {
    text[..at]
        .char_indices()
        .rev()
        .nth(n.saturating_sub(1))
        .map_or(0, |(i, _)| i)
}

/// Byte offset `n` characters after `at` (or the end).
fn forward_chars(text: &str, at: usize, n: usize) -> usize {
    text[at..]
        .char_indices()
        .nth(n)
        .map_or(text.len(), |(i, _)| at + i)
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
        let found = quantities
            .entry(doc.meta.doc_id.as_str())
            .or_insert_with(|| find_quantities(text));
        let lo = back_chars(text, h.start, FIGURE_WINDOW_CHARS);
        let hi = forward_chars(text, h.end, FIGURE_WINDOW_CHARS);
        for q in found
            .iter()
            .filter(|q| q.span.start >= lo && q.span.end <= hi && q.matches(value, kind))
        {
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
            FigureFound::Found {
                doc_id: doc_id.to_string(),
                span,
                snippet: collapse_ws(&text[from..to]),
            }
        }
    }
}
