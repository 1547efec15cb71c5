//! Verdicts: what the report states and what it emphasises, judged separately for each claim × sector, then one
//! plain verdict. The rule is in the crate docs ([`crate`]) and [`Verdict::decide`].

use crate::file::{Claim, ClaimsFile, Figure, Target};
use crate::number::{find_quantities, Bound, Quantity, UnitKind};
use crate::sentence::{sentence_at, sentences};
use gwr_core::{DocMeta, Hit, Span};
use gwr_score::{log_odds_z, ScoreRow};
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fmt;

/// z at or above which a sector is significantly over-represented in a region (two-sided 5%): emphasised.
pub const Z_EMPHASISED: f64 = 1.96;

/// Fewest hits a region must have of a sector before being the most distinctive region on it (national rank 1)
/// alone makes the sector emphasised: with one or two hits, rank 1 is noise.
pub const MIN_COUNT_FOR_RANK: u64 = 3;

/// How many evidence snippets a result quotes.
pub const EVIDENCE_SNIPPETS: usize = 3;

/// Phrases that state a position (a rank, a share, a first, a national role). Found in the same clause (between
/// ，；：) as a term of the claim, they state the claim even without its figure (`全国首批`, a first batch, is not a
/// first). Claims add their own ([`Claim::positions`]).
pub const POSITION_MARKERS: &[&str] = &[
    "全国第一",
    "全国首",
    "全球首",
    "世界首",
    "国内首",
    "首个",
    "首家",
    "首台",
    "首颗",
    "全国领先",
    "国内领先",
    "国际领先",
    "世界领先",
    "全球领先",
    "领先",
    "居全国",
    "占全国",
    "全国前列",
    "国家枢纽",
    "全国一体化算力网络",
    "枢纽节点",
];

/// Words that make a number a rate of change (growth, not a level): a number after one of them, within its
/// sub-clause, is never the same quantity as a claimed level.
const CHANGE_WORDS: &[&str] =
    &["增长", "增速", "增幅", "增加", "提高", "提升", "下降", "减少", "降低", "同比", "年均", "翻番", "扩大"];

/// Words that make a percentage a share (of the national total, of installed capacity...).
const SHARE_CUES: &[&str] = &["占", "比重", "份额", "比例"];

/// Characters of context either side of a figure in the `figure_found` snippet.
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
    /// Region × year × sector scores, zeros included. Only the provincial group of the year checked is read.
    pub scores: &'a [ScoreRow],
    /// The counted hits: every hit of the claims' sectors (hits of other sectors are not looked at).
    pub hits: &'a [Hit],
    /// Every document with its text.
    pub docs: &'a [DocText<'a>],
    /// Year to check; `None` = the latest year of the provincial scores.
    pub year: Option<u16>,
}

/// The plain verdict on one claim × sector.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[non_exhaustive]
pub enum Verdict {
    /// The report states it: the claimed figure, or a position (全国第一, 占全国, 国家枢纽...), in a sentence with a
    /// term of the sector or of the claim; whether or not the sector is emphasised.
    Confirmed,
    /// Not stated, but the sector is distinctive of the region (z ≥ 1.96, or national rank 1 with at least
    /// [`MIN_COUNT_FOR_RANK`] hits).
    Emphasised,
    /// The report names it, but neither states it nor emphasises it.
    Mentioned,
    /// The report never names it (or the region has no report).
    Absent,
    /// The report states a different figure for the same quantity, beside a term of the claim.
    Contradicted,
}

impl Verdict {
    /// `confirmed`, `emphasised`, `mentioned`, `absent` or `contradicted`.
    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::Confirmed => "confirmed",
            Verdict::Emphasised => "emphasised",
            Verdict::Mentioned => "mentioned",
            Verdict::Absent => "absent",
            Verdict::Contradicted => "contradicted",
        }
    }

    /// The rule: the claimed figure or a position stated → `confirmed`; else a different figure for the same
    /// quantity stated → `contradicted`; else emphasised (sector claims only) → `emphasised`; else named at all →
    /// `mentioned`; else `absent`.
    pub fn decide(stated: Option<StatedKind>, emphasised: bool, named: bool) -> Verdict {
        match stated {
            Some(StatedKind::Figure | StatedKind::Position) => Verdict::Confirmed,
            Some(StatedKind::OtherFigure) => Verdict::Contradicted,
            None if emphasised => Verdict::Emphasised,
            None if named => Verdict::Mentioned,
            None => Verdict::Absent,
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

/// What a sentence states about the claim.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum StatedKind {
    /// The claimed figure (same value and kind of unit; a lower bound `more than 150` is met by any larger count).
    Figure,
    /// Another value of the same quantity: same kind of unit, in the same clause as the term, not a rate of change,
    /// and for a percentage a share (占, 比重, 份额, 比例, 成).
    OtherFigure,
    /// A position phrase ([`POSITION_MARKERS`] or the claim's own).
    Position,
}

impl StatedKind {
    /// `figure`, `other figure` or `position`.
    pub fn as_str(self) -> &'static str {
        match self {
            StatedKind::Figure => "figure",
            StatedKind::OtherFigure => "other figure",
            StatedKind::Position => "position",
        }
    }
}

/// Open and close marks around the term in a marked sentence.
pub const TERM_MARKS: (&str, &str) = ("[", "]");
/// Open and close marks around the figure or position in a marked sentence.
pub const FIGURE_MARKS: (&str, &str) = ("{", "}");

/// A sentence of the report that states (or contradicts) the claim.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Statement {
    /// What it states.
    pub kind: StatedKind,
    /// Document.
    pub doc_id: String,
    /// Byte span of the sentence in the document's source text.
    pub sentence: Span,
    /// Byte span of the term (of the sector, or a key term of the claim).
    pub term: Span,
    /// The term as written.
    pub term_text: String,
    /// Byte span of the figure or position phrase.
    pub mark: Span,
    /// The figure or position as written (`4成`, `全国第一`).
    pub mark_text: String,
    /// The sentence, whitespace collapsed, with the term in [`TERM_MARKS`] and the figure or position in
    /// [`FIGURE_MARKS`].
    pub marked: String,
}

impl fmt::Display for Statement {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}@{}: {}", self.doc_id, self.sentence, self.marked)
    }
}

/// What became of the claim's figure.
#[derive(Clone, Debug, PartialEq)]
pub enum FigureFound {
    /// The claim gives no figure.
    NotClaimed,
    /// No equal figure in a sentence with a term of the claim in the region's report.
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

/// A sector's scores for the claimed region (or cluster) against the provincial regions of the year.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct SectorScores {
    /// Hits per 10,000 Han characters.
    pub per_10k: f64,
    /// Location quotient.
    pub lq: f64,
    /// Log-odds z against the other provincial regions.
    pub z: f64,
    /// Rank of the sector within the region (or cluster) by z, 1 = most distinctive.
    pub rank: u32,
    /// Rank of the region within the sector among the provincial regions by z, 1 = most distinctive; for a
    /// cluster, the best rank of its members.
    pub national_rank: u32,
    /// Provincial regions compared (those with a report in the year).
    pub regions: u32,
}

/// One claim × sector (or one claim on its key terms alone), checked.
#[derive(Clone, Debug, PartialEq)]
pub struct ClaimResult {
    /// Claim id.
    pub claim_id: String,
    /// Region code, or the cluster id (`gba`).
    pub region_code: String,
    /// For a cluster, the member codes that have a report in the year (the ones summed); for a region, itself when
    /// it has a report.
    pub members: Vec<String>,
    /// Sector id; empty for a claim on key terms alone.
    pub sector: String,
    /// Hits of the sector (summed over members for a cluster); for a claim on key terms alone, occurrences of its
    /// key terms.
    pub count: u64,
    /// The sector's scores; `None` for a claim on key terms alone (never given a z) or a sector without scores.
    pub scores: Option<SectorScores>,
    /// True when the sector is emphasised ([`Z_EMPHASISED`], [`MIN_COUNT_FOR_RANK`]); always false without scores.
    pub emphasised: bool,
    /// What the report states, when it does.
    pub stated: Option<Statement>,
    /// The plain verdict ([`Verdict::decide`]).
    pub verdict: Verdict,
    /// One line saying why.
    pub reason: String,
    /// Up to [`EVIDENCE_SNIPPETS`] hits, distinct concepts first.
    pub evidence: Vec<Evidence>,
    /// The claimed figure, looked up in the sentences of the claim's terms.
    pub figure_found: FigureFound,
    /// The article's figure.
    pub claimed_figure: Option<Figure>,
    /// The claim, in our words (the claims file's paraphrase).
    pub paraphrase: String,
    /// The year checked.
    pub year: u16,
}

impl ClaimResult {
    /// How emphasis was judged, in one line: the scores and the rule's outcome, or why there are no scores.
    pub fn emphasis_evidence(&self) -> String {
        let Some(s) = self.scores else {
            return if self.sector.is_empty() {
                "not a sector: judged on what the report states alone".to_string()
            } else if self.members.is_empty() {
                format!("no report of {} for {} in the corpus", self.region_code, self.year)
            } else {
                "no scores for this sector".to_string()
            };
        };
        let hits = if self.count == 1 { "1 hit".to_string() } else { format!("{} hits", self.count) };
        let why = if s.z >= Z_EMPHASISED {
            format!("emphasised: z {:.2} ≥ {Z_EMPHASISED}", s.z)
        } else if s.national_rank == 1 && self.count >= MIN_COUNT_FOR_RANK {
            format!("emphasised: most distinctive of {} regions with ≥ {MIN_COUNT_FOR_RANK} hits", s.regions)
        } else if s.national_rank == 1 {
            format!("not emphasised: rank 1 with fewer than {MIN_COUNT_FOR_RANK} hits, z {:.2} < {Z_EMPHASISED}", s.z)
        } else {
            format!("not emphasised: z {:.2} < {Z_EMPHASISED}, not the most distinctive region", s.z)
        };
        format!(
            "{why} · {hits}, lq {:.2}, national rank {} of {}, rank {} in the region",
            s.lq, s.national_rank, s.regions, s.rank
        )
    }
}

/// True for the codes compared with each other: provincial-level regions (`CN-XX`), not the national report.
fn is_provincial(code: &str) -> bool {
    code.starts_with("CN-")
}

/// The scores of one year's provincial group, indexed. This is the only place that reads [`ScoreRow`]s.
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
    /// The rows of the provincial regions for `year` (the national report is never compared with them).
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

/// What one document offers the search for statements, computed once per document.
struct DocInfo<'a> {
    doc: &'a DocText<'a>,
    sentences: Vec<Span>,
    quantities: Vec<Quantity>,
    /// Normalized text (for key terms and position phrases), made on first need.
    normalized: Option<gwr_normalize::Normalized>,
}

impl<'a> DocInfo<'a> {
    fn new(doc: &'a DocText<'a>) -> DocInfo<'a> {
        DocInfo { doc, sentences: sentences(doc.text), quantities: find_quantities(doc.text), normalized: None }
    }

    fn normalized(&mut self) -> &gwr_normalize::Normalized {
        self.normalized.get_or_insert_with(|| gwr_normalize::normalize(self.doc.text))
    }

    /// Source spans of `term` (normalized like the reports) in the document.
    fn find(&mut self, term: &str) -> Vec<Span> {
        let needle = gwr_normalize::normalize_term(term);
        if needle.is_empty() {
            return Vec::new();
        }
        let norm = self.normalized();
        norm.text
            .match_indices(needle.as_str())
            .map(|(at, _)| norm.source_span(Span::new(at, at + needle.len())))
            .collect()
    }
}

/// A term of the claim found in a report: a hit of the sector or a key term.
#[derive(Clone, Debug)]
struct TermAt<'a> {
    doc_id: &'a str,
    span: Span,
    in_glossary: bool,
}

/// Check every claim × sector (and every claim on key terms alone) against the pipeline's results.
///
/// Scores of a region come from its [`ScoreRow`]s in the provincial group of the year. A cluster is scored as the
/// sum of its members that have a report in the year: counts summed; per_10k = summed hits / summed Han characters
/// × 10,000; lq from the sums; z the log-odds z of the summed counts against the other provincial regions, with
/// gwr-score's formula and prior; rank of the sector among the cluster's sectors by that z; national_rank the best
/// rank of a member. What is stated is looked for in the sentences ([`crate::sentence`]) that hold a hit of the
/// sector or a key term of the claim, in the reports of the region (or the cluster's members) for the year.
pub fn verify(claims: &ClaimsFile, input: &VerifyInput<'_>) -> Vec<ClaimResult> {
    let year = input.year.unwrap_or_else(|| {
        input.scores.iter().filter(|r| is_provincial(&r.region_code)).map(|r| r.year).max().unwrap_or(0)
    });
    let table = YearTable::new(input.scores, year);
    let mut infos: HashMap<&str, DocInfo<'_>> = HashMap::new();
    let mut out = Vec::new();
    for claim in &claims.claims {
        if claim.sectors.is_empty() {
            out.push(check_one(claim, None, &table, input, &mut infos));
        }
        for sector in &claim.sectors {
            out.push(check_one(claim, Some(sector), &table, input, &mut infos));
        }
    }
    out
}

fn check_one<'a>(
    claim: &Claim,
    sector: Option<&str>,
    table: &YearTable<'_>,
    input: &VerifyInput<'a>,
    infos: &mut HashMap<&'a str, DocInfo<'a>>,
) -> ClaimResult {
    // The claimed region's documents of the year.
    let wanted = claim.target.members();
    let docs: Vec<&'a DocText<'a>> = input
        .docs
        .iter()
        .filter(|d| d.meta.year.unwrap_or(0) == table.year && wanted.contains(&d.meta.region_code.as_str()))
        .collect();
    let mut members: Vec<&str> = wanted.iter().copied().filter(|m| table.rows.contains_key(m)).collect();
    for d in &docs {
        if !members.contains(&d.meta.region_code.as_str()) {
            members.push(d.meta.region_code.as_str());
        }
    }
    members.sort_by_key(|m| wanted.iter().position(|w| w == m));
    let doc_ids: BTreeSet<&str> = docs.iter().map(|d| d.meta.doc_id.as_str()).collect();

    let scored = sector.is_some_and(|s| table.sectors.contains(&s));
    let (sector_count, scores) = match (sector, &claim.target) {
        (Some(sector), _) if !scored => (
            input.hits.iter().filter(|h| h.sector == sector && doc_ids.contains(h.doc_id.as_str())).count() as u64,
            None,
        ),
        (None, _) => (0, None),
        (Some(sector), Target::Region(code)) => match table.rows.get(code.as_str()).and_then(|m| m.get(sector)) {
            Some(row) => (
                row.count,
                Some(SectorScores {
                    per_10k: row.per_10k,
                    lq: row.lq,
                    z: row.z,
                    rank: row.rank,
                    national_rank: table.national_rank(code, sector),
                    regions: table.rows.len() as u32,
                }),
            ),
            None => (0, None),
        },
        (Some(_), Target::Cluster { .. }) if members.iter().all(|m| !table.rows.contains_key(m)) => (0, None),
        (Some(sector), Target::Cluster { .. }) => {
            let scored_members: Vec<&str> = members.iter().copied().filter(|m| table.rows.contains_key(m)).collect();
            let summed = sum_members(table, &scored_members);
            let count = summed.counts.get(sector).copied().unwrap_or(0);
            let han: u64 = docs.iter().map(|d| d.han_chars).sum();
            let per_10k = if han > 0 { count as f64 * 10_000.0 / han as f64 } else { 0.0 };
            let national_rank =
                scored_members.iter().map(|m| table.national_rank(m, sector)).filter(|&r| r > 0).min().unwrap_or(0);
            (
                count,
                Some(SectorScores {
                    per_10k,
                    lq: summed.lq.get(sector).copied().unwrap_or(0.0),
                    z: summed.z.get(sector).copied().unwrap_or(0.0),
                    rank: summed.rank.get(sector).copied().unwrap_or(0),
                    national_rank,
                    regions: table.rows.len() as u32,
                }),
            )
        }
    };
    let emphasised =
        scores.is_some_and(|s| s.z >= Z_EMPHASISED || (s.national_rank == 1 && sector_count >= MIN_COUNT_FOR_RANK));

    // Terms of the claim in the region's reports: hits of the sector, then key terms.
    let hits: Vec<&Hit> = match sector {
        Some(sector) => {
            input.hits.iter().filter(|h| h.sector == sector && doc_ids.contains(h.doc_id.as_str())).collect()
        }
        None => Vec::new(),
    };
    let mut terms: Vec<TermAt<'a>> = Vec::new();
    for h in &hits {
        if let Some(d) = docs.iter().find(|d| d.meta.doc_id == h.doc_id) {
            if h.end <= d.text.len() && d.text.is_char_boundary(h.start) && d.text.is_char_boundary(h.end) {
                terms.push(TermAt {
                    doc_id: d.meta.doc_id.as_str(),
                    span: Span::new(h.start, h.end),
                    in_glossary: h.in_glossary,
                });
            }
        }
    }
    // Key terms: overlapping occurrences (关键核心技术 and 核心技术) are one, the longest.
    let mut key_term_count = 0u64;
    for d in &docs {
        let info = infos.entry(d.meta.doc_id.as_str()).or_insert_with(|| DocInfo::new(d));
        let mut found: Vec<Span> = claim.key_terms.iter().flat_map(|term| info.find(term)).collect();
        found.sort_by_key(|s| (s.start, std::cmp::Reverse(s.end)));
        let mut last_end = 0;
        for span in found {
            if span.start < last_end {
                continue;
            }
            last_end = span.end;
            key_term_count += 1;
            if !terms.iter().any(|t| t.doc_id == d.meta.doc_id && t.span.start < span.end && span.start < t.span.end) {
                terms.push(TermAt { doc_id: d.meta.doc_id.as_str(), span, in_glossary: false });
            }
        }
    }
    let count = if sector.is_some() { sector_count } else { key_term_count };
    let named = count > 0 || !terms.is_empty();

    let stated = find_statement(claim, &terms, &docs, infos);
    let verdict = Verdict::decide(stated.as_ref().map(|s| s.kind), emphasised, named);
    let figure_found = match (&claim.figure, &stated) {
        (None, _) => FigureFound::NotClaimed,
        (Some(_), Some(s)) if s.kind == StatedKind::Figure => {
            let text = docs.iter().find(|d| d.meta.doc_id == s.doc_id).map_or("", |d| d.text);
            let from = back_chars(text, s.mark.start, FIGURE_CONTEXT_CHARS).max(s.sentence.start);
            let to = forward_chars(text, s.mark.end, FIGURE_CONTEXT_CHARS).min(s.sentence.end);
            FigureFound::Found { doc_id: s.doc_id.clone(), span: s.mark, snippet: collapse_ws(&text[from..to]) }
        }
        (Some(_), _) => FigureFound::NotFound,
    };
    let mut result = ClaimResult {
        claim_id: claim.id.clone(),
        region_code: claim.target.code().to_string(),
        members: members.iter().map(|m| m.to_string()).collect(),
        sector: sector.unwrap_or("").to_string(),
        count,
        scores,
        emphasised,
        stated,
        verdict,
        reason: String::new(),
        evidence: pick_evidence(&hits),
        figure_found,
        claimed_figure: claim.figure.clone(),
        paraphrase: claim.paraphrase.clone(),
        year: table.year,
    };
    result.reason = reason(&result, docs.is_empty());
    result
}

/// The one-line reason of a verdict.
fn reason(r: &ClaimResult, no_report: bool) -> String {
    let figure_note = match (&r.claimed_figure, &r.stated) {
        (Some(f), Some(s)) if s.kind == StatedKind::Position => format!("; the figure {} is not stated", f.text),
        _ => String::new(),
    };
    match (r.verdict, &r.stated) {
        (Verdict::Confirmed, Some(s)) if s.kind == StatedKind::Figure => {
            format!("the report states {} beside {}", s.mark_text, s.term_text)
        }
        (Verdict::Confirmed, Some(s)) => {
            format!("the report states {} beside {}{figure_note}", s.mark_text, s.term_text)
        }
        (Verdict::Contradicted, Some(s)) => match &r.claimed_figure {
            Some(f) => format!("the report states {} beside {}, not {}", s.mark_text, s.term_text, f.text),
            None => format!("the report states {} beside {}", s.mark_text, s.term_text),
        },
        (Verdict::Emphasised, _) => {
            let how = r.scores.map_or(String::new(), |s| {
                if s.z >= Z_EMPHASISED {
                    format!("z {:.2} ≥ {Z_EMPHASISED}", s.z)
                } else {
                    format!("most distinctive of {} regions", s.regions)
                }
            });
            format!("not stated with a figure or position, but distinctive of the region ({how})")
        }
        (Verdict::Mentioned, _) => {
            let what = if r.sector.is_empty() { "its key terms" } else { "the sector" };
            let times = if r.count == 1 { "once".to_string() } else { format!("{} times", r.count) };
            let not = if r.sector.is_empty() { "" } else { ", not distinctive" };
            format!("the report names {what} {times}, states no figure or position beside it{not}")
        }
        _ if no_report => format!("no report of {} for {} in the corpus", r.region_code, r.year),
        _ => {
            let what = if r.sector.is_empty() { "its key terms" } else { "a term of the sector or of the claim" };
            format!("the report never names {what}")
        }
    }
}

/// How statements are ranked, smallest first: (priority of the kind, in the glossary, distance from the term to the
/// mark, doc_id, mark start).
type RankKey<'a> = (u8, bool, usize, &'a str, usize);

/// The best statement of the claim in the sentences of its terms: the claimed figure first, then a different figure
/// for the same quantity, then a position phrase. Among equals: outside the glossary, the mark nearest its term,
/// then document and position order.
fn find_statement<'a>(
    claim: &Claim,
    terms: &[TermAt<'a>],
    docs: &[&'a DocText<'a>],
    infos: &mut HashMap<&'a str, DocInfo<'a>>,
) -> Option<Statement> {
    let mut best: Option<(RankKey<'_>, Statement)> = None;
    let claimed = claim.figure.as_ref().map(|f| (f.base(), f.bound()));
    let mut seen: BTreeSet<(&str, usize)> = BTreeSet::new();
    for t in terms {
        let Some(doc) = docs.iter().find(|d| d.meta.doc_id == t.doc_id) else {
            continue;
        };
        let info = infos.entry(t.doc_id).or_insert_with(|| DocInfo::new(doc));
        let Some(sentence) = sentence_at(&info.sentences, t.span.start) else {
            continue;
        };
        if !seen.insert((t.doc_id, sentence.start)) {
            continue;
        }
        // Every term of the claim in this sentence: a mark is measured against the nearest one.
        let in_sentence: Vec<&TermAt<'_>> =
            terms.iter().filter(|u| u.doc_id == t.doc_id && sentence.contains(u.span)).collect();
        let text = doc.text;
        let mut candidates: Vec<(StatedKind, Span)> = Vec::new();
        if let Some(((value, kind), bound)) = claimed {
            for q in info.quantities.iter().filter(|q| sentence.contains(q.span)) {
                if states_figure(q, value, kind, bound) {
                    candidates.push((StatedKind::Figure, q.span));
                } else if same_quantity(q, kind, text, sentence, &in_sentence) {
                    candidates.push((StatedKind::OtherFigure, q.span));
                }
            }
        }
        let sentence_text = sentence.slice(text);
        for marker in POSITION_MARKERS.iter().copied().chain(claim.positions.iter().map(String::as_str)) {
            for (at, _) in sentence_text.match_indices(marker) {
                let span = Span::new(sentence.start + at, sentence.start + at + marker.len());
                // 全国首批 is a first batch, not a first.
                if text[span.end..].starts_with('批') {
                    continue;
                }
                // A marker inside a term is part of the term (`枢纽节点` of a sector's own vocabulary), not a claim;
                // a position phrase is short and common, so it must share its clause with a term.
                let clause = clause_of(text, sentence, span, CLAUSE_STOPS);
                let beside = in_sentence.iter().any(|u| clause.contains(u.span) && !u.span.contains(span));
                if beside && !in_sentence.iter().any(|u| u.span.contains(span)) {
                    let span = extend_position(text, span, &info.quantities, sentence);
                    // Overlapping phrases (居全国, 全国第一) are one statement: keep the widest.
                    if !candidates.iter().any(|&(k, c)| k == StatedKind::Position && c.contains(span)) {
                        candidates.retain(|&(k, c)| k != StatedKind::Position || !span.contains(c));
                        candidates.push((StatedKind::Position, span));
                    }
                }
            }
        }
        for (kind, mark) in candidates {
            // The term nearest the mark, one in the mark's own clause first.
            let clause = clause_of(text, sentence, mark, CLAUSE_STOPS);
            let (term, distance) = in_sentence
                .iter()
                .map(|u| (u, span_distance(u.span, mark)))
                .min_by_key(|&(u, d)| (!clause.contains(u.span), d, u.span.start))
                .map_or((t, 0), |(u, d)| (*u, d));
            let distance = if clause.contains(term.span) { distance } else { usize::MAX / 2 + distance };
            let priority = match kind {
                StatedKind::Figure => 0,
                StatedKind::OtherFigure => 1,
                StatedKind::Position => 2,
            };
            let key = (priority, term.in_glossary, distance, term.doc_id, mark.start);
            if best.as_ref().is_some_and(|(k, _)| *k <= key) {
                continue;
            }
            let statement = Statement {
                kind,
                doc_id: term.doc_id.to_string(),
                sentence,
                term: term.span,
                term_text: term.span.slice(text).to_string(),
                mark,
                mark_text: mark.slice(text).to_string(),
                marked: mark_sentence(text, sentence, term.span, mark),
            };
            best = Some((key, statement));
        }
    }
    best.map(|(_, s)| s)
}

/// True when `q` states the claimed value: same kind of unit (a claimed count is met by a bare number too) and the
/// same value; a claimed lower bound (`more than 150`) is also met by a larger count.
fn states_figure(q: &Quantity, value: f64, kind: UnitKind, bound: Bound) -> bool {
    if q.matches(value, kind) {
        return true;
    }
    bound == Bound::AtLeast && kind == UnitKind::Count && q.kind == UnitKind::Count && q.value > value
}

/// True when `q` is another value of the claimed quantity: same kind of unit (never a bare number, a date or an
/// unknown unit), in the same clause (between ，；：) as a term of the claim, not a rate of change (no
/// [`CHANGE_WORDS`] before it in its sub-clause, which 、 also ends), and for a percentage a share ([`SHARE_CUES`]
/// before it in its sub-clause, or written in 成).
fn same_quantity(q: &Quantity, kind: UnitKind, text: &str, sentence: Span, terms: &[&TermAt<'_>]) -> bool {
    if q.kind != kind || matches!(kind, UnitKind::None | UnitKind::Date | UnitKind::Other) {
        return false;
    }
    let clause_span = clause_of(text, sentence, q.span, CLAUSE_STOPS);
    if !terms.iter().any(|t| clause_span.contains(t.span)) {
        return false;
    }
    let sub = clause_of(text, sentence, q.span, SUB_CLAUSE_STOPS);
    let lead = &text[sub.start..q.span.start];
    if CHANGE_WORDS.iter().any(|w| lead.contains(w)) {
        return false;
    }
    kind != UnitKind::Percent || q.unit == "成" || SHARE_CUES.iter().any(|w| lead.contains(w))
}

/// What may follow a position phrase and belongs to it (居全国 + 第一, 占全国 + 4成).
const RANK_WORDS: &[&str] = &["第一", "第二", "第三", "首位", "前列", "第1位", "第2位", "第3位"];

/// `span` of a position phrase widened over what completes it: a number right after it (占全国4成) or a rank word
/// ([`RANK_WORDS`]), within the sentence.
fn extend_position(text: &str, span: Span, quantities: &[Quantity], sentence: Span) -> Span {
    let after = |at: usize| &text[at..sentence.end];
    let mut end = span.end;
    if let Some(q) = quantities.iter().find(|q| q.span.start == end && q.span.end <= sentence.end) {
        end = q.span.end;
    } else if let Some(w) = RANK_WORDS.iter().find(|w| after(end).starts_with(*w)) {
        end += w.len();
    }
    Span::new(span.start, end)
}

/// Characters that end a clause within a sentence.
const CLAUSE_STOPS: &[char] = &['，', ',', '；', ';', '：', ':'];
/// Characters that end a sub-clause (a clause, or an item of a list).
const SUB_CLAUSE_STOPS: &[char] = &['，', ',', '；', ';', '：', ':', '、'];

/// The clause of `sentence` that holds `span`: from after the last stop before it to the first stop after it.
fn clause_of(text: &str, sentence: Span, span: Span, stops: &[char]) -> Span {
    let before = &text[sentence.start..span.start];
    let from = before
        .rfind(stops)
        .map_or(sentence.start, |i| sentence.start + i + before[i..].chars().next().map_or(1, char::len_utf8));
    let after = &text[span.end..sentence.end];
    let to = after.find(stops).map_or(sentence.end, |i| span.end + i);
    Span::new(from, to)
}

fn span_distance(a: Span, b: Span) -> usize {
    if a.end <= b.start {
        b.start - a.end
    } else {
        a.start.saturating_sub(b.end)
    }
}

/// The sentence with the term and the mark wrapped in their marks, whitespace collapsed. Overlapping spans are
/// marked as the term alone.
fn mark_sentence(text: &str, sentence: Span, term: Span, mark: Span) -> String {
    let mut cuts: Vec<(usize, &str)> = vec![(term.start, TERM_MARKS.0), (term.end, TERM_MARKS.1)];
    if mark.end <= term.start || mark.start >= term.end {
        cuts.push((mark.start, FIGURE_MARKS.0));
        cuts.push((mark.end, FIGURE_MARKS.1));
    }
    // Closing marks before opening ones at the same offset.
    cuts.sort_by_key(|&(at, m)| (at, m == TERM_MARKS.0 || m == FIGURE_MARKS.0));
    let mut out = String::new();
    let mut at = sentence.start;
    for (cut, m) in cuts {
        let cut = cut.clamp(sentence.start, sentence.end);
        out.push_str(&text[at..cut]);
        out.push_str(m);
        at = cut;
    }
    out.push_str(&text[at..sentence.end]);
    collapse_ws(&out)
}

fn collapse_ws(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Byte offset `n` characters before `at` (or 0).
fn back_chars(text: &str, at: usize, n: usize) -> usize {
    text[..at].char_indices().rev().nth(n.saturating_sub(1)).map_or(0, |(i, _)| i)
}

/// Byte offset `n` characters after `at` (or the end).
fn forward_chars(text: &str, at: usize, n: usize) -> usize {
    text[at..].char_indices().nth(n).map_or(text.len(), |(i, _)| at + i)
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::file::Article;
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
            key_terms: Vec::new(),
            positions: Vec::new(),
            figure,
            paraphrase: "test".to_string(),
        }
    }

    fn figure(value: f64, unit: &str, text: &str) -> Option<Figure> {
        Some(Figure { value, unit: unit.to_string(), text: text.to_string() })
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

    /// Every hit of `surface` in the document, as hits of `sector`.
    fn hits_of(doc: &DocText<'_>, sector: &str, surface: &str) -> Vec<Hit> {
        (0..doc.text.matches(surface).count()).map(|n| hit(doc, "c", sector, surface, n)).collect()
    }

    /// One claim on CN-AH's quantum terms in `text`, checked: the result.
    fn check(text: &str, surface: &str, figure: Option<Figure>) -> ClaimResult {
        let scores = rows(2026);
        let d = doc("ah", "CN-AH", 2026, text);
        let hits = hits_of(&d, "quantum", surface);
        let docs = vec![d];
        let claims = file(vec![claim("ah", Target::Region("CN-AH".into()), &["quantum"], figure)]);
        verify(&claims, &VerifyInput { scores: &scores, hits: &hits, docs: &docs, year: None }).remove(0)
    }

    #[test]
    fn verdict_rule() {
        use StatedKind::*;
        let table = [
            (Some(Figure), false, true, Verdict::Confirmed),
            (Some(Position), true, true, Verdict::Confirmed),
            (Some(OtherFigure), true, true, Verdict::Contradicted),
            (None, true, true, Verdict::Emphasised),
            (None, false, true, Verdict::Mentioned),
            (None, false, false, Verdict::Absent),
        ];
        for (stated, emphasised, named, want) in table {
            assert_eq!(Verdict::decide(stated, emphasised, named), want, "{stated:?} {emphasised} {named}");
        }
    }

    #[test]
    fn region_results_come_from_the_score_rows_and_emphasis_follows_the_rule() {
        let scores = rows(2026);
        let claims = file(vec![claim("ah", Target::Region("CN-AH".into()), &["quantum", "cloud"], None)]);
        let input = VerifyInput { scores: &scores, hits: &[], docs: &[], year: None };
        let results = verify(&claims, &input);
        assert_eq!(results.len(), 2);
        let q = &results[0];
        let row = scores.iter().find(|r| r.region_code == "CN-AH" && r.sector == "quantum").expect("row");
        let s = q.scores.expect("scores");
        assert_eq!((q.count, s.z, s.lq, s.rank, s.regions), (row.count, row.z, row.lq, row.rank, 4));
        assert_eq!(s.national_rank, 1);
        assert!(q.emphasised);
        assert_eq!(q.verdict, Verdict::Emphasised);
        let c = &results[1];
        assert_eq!(c.count, 5);
        assert_eq!(c.scores.map(|s| s.national_rank), Some(4), "AH has the lowest cloud z of the four");
        assert_eq!(c.verdict, Verdict::Mentioned);
    }

    #[test]
    fn rank_one_alone_needs_the_minimum_count() {
        // CN-BJ is the most distinctive region on fusion with 2 hits, z below 1.96: not emphasised.
        let rc = |code: &str, counts: [u64; 3]| RegionCounts {
            region_code: code.to_string(),
            year: 2026,
            units: 10_000,
            counts: counts.to_vec(),
        };
        for (bj_fusion, want) in [(2u64, false), (MIN_COUNT_FOR_RANK, true)] {
            let scores = score_group(
                &[rc("CN-AH", [50, 50, 1]), rc("CN-GD", [50, 50, 1]), rc("CN-BJ", [40, 40, bj_fusion])],
                &SECTORS,
            );
            let claims = file(vec![claim("bj", Target::Region("CN-BJ".into()), &["fusion"], None)]);
            let r = verify(&claims, &VerifyInput { scores: &scores, hits: &[], docs: &[], year: None }).remove(0);
            let s = r.scores.expect("scores");
            assert_eq!(s.national_rank, 1, "{bj_fusion}");
            assert!(s.z < Z_EMPHASISED, "z {} with {bj_fusion} hits", s.z);
            assert_eq!(r.emphasised, want, "{bj_fusion} hits: {}", r.emphasis_evidence());
        }
    }

    #[test]
    fn missing_region_or_year_gives_absent() {
        let scores = rows(2025);
        let claims = file(vec![claim("sn", Target::Region("CN-SN".into()), &["quantum"], None)]);
        let results = verify(&claims, &VerifyInput { scores: &scores, hits: &[], docs: &[], year: None });
        assert_eq!((results[0].count, results[0].scores), (0, None));
        assert_eq!(results[0].verdict, Verdict::Absent);
        assert!(results[0].reason.contains("no report of CN-SN"), "{}", results[0].reason);
        assert_eq!(results[0].emphasis_evidence(), "no report of CN-SN for 2025 in the corpus");
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
        let s = r.scores.expect("scores");
        assert_eq!(r.region_code, "gba");
        assert_eq!(r.members, vec!["CN-GD", "CN-HK"], "CN-MO has no report");
        assert_eq!(r.count, 50);
        let han = (docs[0].han_chars + docs[1].han_chars) as f64;
        assert!((s.per_10k - 50.0 * 10_000.0 / han).abs() < 1e-9);
        // Totals: all regions 139 hits, cloud 65; the cluster 33 + 21 = 54 hits, 50 cloud.
        let lq = (50.0 / 54.0) / (65.0 / 139.0);
        assert!((s.lq - lq).abs() < 1e-9, "lq {} want {lq}", s.lq);
        let alpha_0 = 139.0 / 4.0;
        let z = log_odds_z(50.0, 54.0, 15.0, 85.0, alpha_0 * 65.0 / 139.0, alpha_0);
        assert!((s.z - z).abs() < 1e-9, "z {} want {z}", s.z);
        assert_eq!(s.rank, 1);
        let table = YearTable::new(&scores, 2026);
        assert_eq!(s.national_rank, table.national_rank("CN-GD", "cloud").min(table.national_rank("CN-HK", "cloud")));
        assert_eq!(r.verdict, Verdict::Emphasised);
    }

    #[test]
    fn the_claimed_figure_in_the_terms_sentence_confirms() {
        let text = "加快量子计算发展。累计建成量子计算企业150余家，量子通信网络建成。";
        let r = check(text, "量子计算", figure(150.0, "companies", "150+"));
        assert_eq!(r.verdict, Verdict::Confirmed);
        let s = r.stated.as_ref().expect("stated");
        assert_eq!((s.kind, s.mark.slice(text), s.term.slice(text)), (StatedKind::Figure, "150余家", "量子计算"));
        assert_eq!(s.sentence.slice(text), "累计建成量子计算企业150余家，量子通信网络建成。");
        assert_eq!(s.marked, "累计建成[量子计算]企业{150余家}，量子通信网络建成。");
        assert_eq!(s.to_string(), format!("ah@{}: {}", s.sentence, s.marked));
        assert!(matches!(&r.figure_found, FigureFound::Found { span, .. } if span.slice(text) == "150余家"));
        assert_eq!(r.reason, "the report states 150余家 beside 量子计算");
    }

    /// Regression (Heilongjiang, 2026): a claimed 20% was accepted from a sentence about export growth, 200
    /// characters from the sector's term. A figure counts only in the sentence of a term.
    #[test]
    fn a_figure_outside_the_terms_sentence_is_not_accepted() {
        let text = "量子计算产业加快发展。全省出口年均增速20%以上。";
        let r = check(text, "量子计算", figure(20.0, "%", "20 %"));
        assert_eq!(r.figure_found, FigureFound::NotFound);
        assert_eq!(r.stated, None);
        assert_ne!(r.verdict, Verdict::Confirmed);
        // Half-width stops and line breaks end sentences too.
        for text in ["量子计算产业加快发展!出口增长20%", "量子计算产业加快发展\n出口增长20%"]
        {
            assert_eq!(check(text, "量子计算", figure(20.0, "%", "20 %")).stated, None, "{text}");
        }
    }

    #[test]
    fn a_different_share_beside_the_term_contradicts_but_a_growth_rate_does_not() {
        let claimed = || figure(90.0, "%", "90 %");
        let r = check("量子计算机产量增长39%、占全国7成。", "量子计算机", claimed());
        assert_eq!(r.verdict, Verdict::Contradicted, "{}", r.reason);
        assert_eq!(r.stated.as_ref().map(|s| s.mark_text.as_str()), Some("7成"));
        assert_eq!(r.reason, "the report states 7成 beside 量子计算机, not 90 %");
        // A growth rate is not the same quantity as a share.
        let r = check("量子计算机产量增长39%。", "量子计算机", claimed());
        assert_eq!((r.verdict, r.stated), (Verdict::Emphasised, None));
        // A share in another clause, about another product, is not about the term.
        let r = check("量子计算机产量稳定，光伏组件占全国7成。", "量子计算机", claimed());
        assert_eq!(r.stated, None);
        // The claimed figure wins over another one.
        let r = check("量子计算机占全国9成，其中出口占全国5成。", "量子计算机", claimed());
        assert_eq!(r.verdict, Verdict::Confirmed);
    }

    #[test]
    fn lower_bounds_and_units_compare_by_value() {
        let more_than = || figure(150.0, "partners", "plus de 150");
        assert_eq!(check("引进量子计算企业200余家。", "量子计算", more_than()).verdict, Verdict::Confirmed);
        assert_eq!(check("引进量子计算企业150家以上。", "量子计算", more_than()).verdict, Verdict::Confirmed);
        assert_eq!(check("引进量子计算企业120家。", "量子计算", more_than()).verdict, Verdict::Contradicted);
        let flops = || figure(220_000.0, "PFLOPS", "220 000 PétaFLOPS");
        assert_eq!(check("量子计算规模22万P。", "量子计算", flops()).verdict, Verdict::Confirmed);
        assert_eq!(check("量子计算规模220EFLOPS。", "量子计算", flops()).verdict, Verdict::Confirmed);
        assert_eq!(check("量子计算规模15万P。", "量子计算", flops()).verdict, Verdict::Contradicted);
    }

    #[test]
    fn positions_count_in_the_terms_clause_only() {
        let r = check("量子计算企业数居全国第一。", "量子计算", None);
        assert_eq!(r.verdict, Verdict::Confirmed);
        assert_eq!(r.stated.as_ref().map(|s| s.mark_text.as_str()), Some("居全国第一"));
        assert_eq!(r.stated.as_ref().map(|s| s.marked.as_str()), Some("[量子计算]企业数{居全国第一}。"));
        // Another clause's first is someone else's.
        assert_eq!(check("量子计算加快发展，光伏产量居全国第一。", "量子计算", None).stated, None);
        // A first batch is not a first.
        assert_eq!(check("量子计算平台入选全国首批名单。", "量子计算", None).stated, None);
    }

    #[test]
    fn claims_on_key_terms_alone_are_judged_on_what_is_stated() {
        let scores = rows(2026);
        let text = "全年210项关键核心技术获得突破。关键核心技术攻关加快。";
        let d = doc("bj", "CN-BJ", 2026, text);
        let docs = vec![d];
        let mut c = claim("bj", Target::Region("CN-BJ".into()), &[], figure(210.0, "breakthroughs", "210"));
        c.key_terms = vec!["关键核心技术".into()];
        let mut other = claim("bj2", Target::Region("CN-BJ".into()), &[], None);
        other.key_terms = vec!["独角兽".into()];
        let mut named = claim("bj3", Target::Region("CN-BJ".into()), &[], None);
        named.key_terms = vec!["技术攻关".into()];
        let results =
            verify(&file(vec![c, other, named]), &VerifyInput { scores: &scores, hits: &[], docs: &docs, year: None });
        let r = &results[0];
        assert_eq!((r.sector.as_str(), r.count, r.scores, r.emphasised), ("", 2, None, false));
        assert_eq!(r.verdict, Verdict::Confirmed);
        assert_eq!(r.stated.as_ref().map(|s| s.marked.as_str()), Some("全年{210项}[关键核心技术]获得突破。"));
        assert_eq!(r.emphasis_evidence(), "not a sector: judged on what the report states alone");
        assert_eq!(results[1].verdict, Verdict::Absent);
        assert_eq!(results[2].verdict, Verdict::Mentioned);
    }

    #[test]
    fn evidence_prefers_distinct_concepts() {
        let scores = rows(2026);
        let text = "加快量子计算发展，量子计算取得突破，量子通信网络建成，量子保密通信干线超过2000公里。";
        let d = doc("ah-2026", "CN-AH", 2026, text);
        let hits = vec![
            hit(&d, "quantum_computing", "quantum", "量子计算", 0),
            hit(&d, "quantum_computing", "quantum", "量子计算", 1),
            hit(&d, "quantum_comm", "quantum", "量子通信", 0),
            hit(&d, "quantum_comm", "quantum", "量子保密通信", 0),
        ];
        let docs = vec![d];
        let claims = file(vec![claim("ah", Target::Region("CN-AH".into()), &["quantum"], None)]);
        let results = verify(&claims, &VerifyInput { scores: &scores, hits: &hits, docs: &docs, year: None });
        let ev = &results[0].evidence;
        assert_eq!(ev.len(), 3);
        assert_ne!(ev[0].concept, ev[1].concept, "two distinct concepts first");
        assert!(ev[0].to_string().starts_with("ah-2026@"), "{}", ev[0]);
        assert_eq!(results[0].figure_found, FigureFound::NotClaimed);
    }
}
