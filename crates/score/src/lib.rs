//! Specialization scores: rates, shares, location quotients and log-odds z-scores per region × year × sector.
//!
//! The input is a *group* of regions that may be compared with each other: the same year and the same level (the
//! 31 provincial reports of 2026 are one group; the State Council's report of 2026 is a group of its own). For each
//! region and sector, with `c` the region's count of the sector, `n` the region's count of all sectors, `C` the
//! group's count of the sector and `N` the group's count of all sectors:
//!
//! - `per_10k = c / units × 10,000`, where `units` is the region's number of Han characters (words for
//!   non-Chinese text);
//! - `share = c / n`;
//! - `lq = (c / n) / (C / N)`, the location quotient;
//! - `z`, the log-odds ratio of the sector in the region against all other regions of the group, with an
//!   informative Dirichlet prior (Monroe, Colaresi & Quinn 2008, "Fightin' Words", eq. 16-22), divided by its
//!   standard deviation. The prior for sector `w` is `α_w = α₀ · C_w / N` with `α₀ = N / R` (`R` regions in the
//!   group): the prior weighs as much as one average region, and is centred on the group's own sector mix.
//! - `rank`: 1 for the sector with the highest `z` in the region, ties broken by higher count, then sector id.
//!
//! Undefined values are reported as 0: `share` when the region has no hit, `lq` when the group never mentions the
//! sector, `z` when the group has a single region (nothing to compare with) or never mentions the sector.
//!
//! # Example
//!
//! ```
//! use gwr_score::{score_group, RegionCounts};
//!
//! let sectors = ["quantum", "ai"];
//! let regions = vec![
//!     RegionCounts { region_code: "CN-AH".into(), year: 2026, units: 20_000, counts: vec![30, 10] },
//!     RegionCounts { region_code: "CN-BJ".into(), year: 2026, units: 20_000, counts: vec![5, 35] },
//! ];
//! let rows = score_group(&regions, &sectors);
//! let ah_quantum = rows.iter().find(|r| r.region_code == "CN-AH" && r.sector == "quantum").unwrap();
//! assert_eq!(ah_quantum.count, 30);
//! assert_eq!(ah_quantum.per_10k, 15.0);
//! assert!(ah_quantum.lq > 1.0 && ah_quantum.z > 1.96);
//! assert_eq!(ah_quantum.rank, 1);
//! Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # Crate features
//!
//! None.

use serde::{Deserialize, Serialize};

/// One row of `scores.csv`: a region × year × sector, zeros included.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ScoreRow {
    /// ISO 3166-2:CN code, `CN` for the national report, `unknown`.
    pub region_code: String,
    /// Report year (0 when unknown).
    pub year: u16,
    /// Sector id.
    pub sector: String,
    /// Counted hits of the sector's concepts in the region's documents of that year.
    pub count: u64,
    /// Hits per 10,000 Han characters (per 10,000 words for non-Chinese text).
    pub per_10k: f64,
    /// Share of the region's hits (all sectors) that fall in this sector.
    pub share: f64,
    /// Location quotient: share in the region over the share in all regions of the same year and level.
    pub lq: f64,
    /// Log-odds ratio with informative Dirichlet prior, region vs the other regions of the year, as a z-score.
    pub z: f64,
    /// Rank of the sector within the region and year by z (1 = most distinctive).
    pub rank: u32,
    /// Language of the group's documents (`zh`, `en`, `fr`); empty when the caller does not group by language.
    #[serde(default)]
    pub lang: String,
    /// Administrative level of the group (`national`, `province`, `prefecture`, `county`, `unknown`); empty when
    /// the caller does not say.
    #[serde(default)]
    pub level: String,
    /// Standard full name of the region; empty when the caller does not say.
    #[serde(default)]
    pub region_name: String,
}

/// The counts of one region in one year: the input of [`score_group`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RegionCounts {
    /// Region code.
    pub region_code: String,
    /// Year.
    pub year: u16,
    /// Size of the region's counted text: Han characters, or words for non-Chinese text.
    pub units: u64,
    /// Count per sector, in the order of the `sectors` slice given to [`score_group`].
    pub counts: Vec<u64>,
}

/// Log-odds ratio with informative Dirichlet prior of one word (here: sector), group `i` against group `j`, as a
/// z-score (Monroe, Colaresi & Quinn 2008, eq. 16-22).
///
/// `y_i`, `y_j`: counts of the word in each group; `n_i`, `n_j`: counts of all words in each group; `alpha_w`: the
/// prior pseudo-count of the word; `alpha_0`: the sum of the prior over all words. Returns 0 when the prior and both
/// counts of the word are zero (the word is never used: nothing to compare).
pub fn log_odds_z(y_i: f64, n_i: f64, y_j: f64, n_j: f64, alpha_w: f64, alpha_0: f64) -> f64 {
    if alpha_w <= 0.0 && y_i <= 0.0 && y_j <= 0.0 {
        return 0.0;
    }
    let odds = |y: f64, n: f64| (y + alpha_w) / (n + alpha_0 - y - alpha_w);
    let delta = odds(y_i, n_i).ln() - odds(y_j, n_j).ln();
    let variance = 1.0 / (y_i + alpha_w) + 1.0 / (y_j + alpha_w);
    delta / variance.sqrt()
}

/// Scores of every region × sector of one comparable group (same year, same level). Rows come out sorted by
/// region code, then in the order of `sectors`; every region gets a row for every sector, zeros included.
pub fn score_group(regions: &[RegionCounts], sectors: &[&str]) -> Vec<ScoreRow> {
    let n_sectors = sectors.len();
    let mut sector_totals = vec![0u64; n_sectors];
    for r in regions {
        assert_eq!(
            r.counts.len(),
            n_sectors,
            "region {} has {} counts for {} sectors",
            r.region_code,
            r.counts.len(),
            n_sectors
        );
        for (total, c) in sector_totals.iter_mut().zip(&r.counts) {
            *total += c;
        }
    }
    let grand: u64 = sector_totals.iter().sum();
    let n_regions = regions.len();
    let alpha_0 = if n_regions > 0 { grand as f64 / n_regions as f64 } else { 0.0 };

    let mut order: Vec<&RegionCounts> = regions.iter().collect();
    order.sort_by(|a, b| a.region_code.cmp(&b.region_code));
    let mut rows = Vec::with_capacity(regions.len() * n_sectors);
    for r in order {
        let n_i: u64 = r.counts.iter().sum();
        let first = rows.len();
        for (s, sector) in sectors.iter().enumerate() {
            let c = r.counts[s];
            let big_c = sector_totals[s];
            let per_10k = if r.units > 0 { c as f64 * 10_000.0 / r.units as f64 } else { 0.0 };
            let share = if n_i > 0 { c as f64 / n_i as f64 } else { 0.0 };
            let lq = if big_c > 0 && n_i > 0 { share / (big_c as f64 / grand as f64) } else { 0.0 };
            let z = if n_regions > 1 && big_c > 0 {
                let alpha_w = alpha_0 * big_c as f64 / grand as f64;
                log_odds_z(c as f64, n_i as f64, (big_c - c) as f64, (grand - n_i) as f64, alpha_w, alpha_0)
            } else {
                0.0
            };
            rows.push(ScoreRow {
                region_code: r.region_code.clone(),
                year: r.year,
                sector: (*sector).to_string(),
                count: c,
                per_10k,
                share,
                lq,
                z,
                rank: 0,
                lang: String::new(),
                level: String::new(),
                region_name: String::new(),
            });
        }
        let region_rows = &mut rows[first..];
        let mut idx: Vec<usize> = (0..region_rows.len()).collect();
        idx.sort_by(|&a, &b| {
            let (ra, rb) = (&region_rows[a], &region_rows[b]);
            rb.z.total_cmp(&ra.z).then(rb.count.cmp(&ra.count)).then(ra.sector.cmp(&rb.sector))
        });
        for (rank, i) in idx.into_iter().enumerate() {
            region_rows[i].rank = rank as u32 + 1;
        }
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-9
    }

    fn two_regions() -> Vec<RegionCounts> {
        vec![
            RegionCounts { region_code: "CN-AH".into(), year: 2026, units: 20_000, counts: vec![30, 10, 0] },
            RegionCounts { region_code: "CN-BJ".into(), year: 2026, units: 10_000, counts: vec![10, 30, 0] },
        ]
    }

    #[test]
    fn rates_shares_and_lq_match_hand_computation() {
        let rows = score_group(&two_regions(), &["quantum", "ai", "fusion"]);
        assert_eq!(rows.len(), 6);
        let ah_q = &rows[0];
        assert_eq!((ah_q.region_code.as_str(), ah_q.sector.as_str()), ("CN-AH", "quantum"));
        // 30 hits in 20,000 Han characters.
        assert!(close(ah_q.per_10k, 15.0));
        // 30 of Anhui's 40 hits.
        assert!(close(ah_q.share, 0.75));
        // Group share of quantum: 40 / 80 = 0.5, so LQ = 0.75 / 0.5.
        assert!(close(ah_q.lq, 1.5));
        let bj_q = &rows[3];
        assert!(close(bj_q.per_10k, 10.0));
        assert!(close(bj_q.lq, 0.5));
    }

    #[test]
    fn log_odds_z_matches_hand_computation() {
        // Anhui quantum: y_i = 30, n_i = 40, y_j = 10, n_j = 40; N = 80, R = 2 so α₀ = 40, α_w = 40 · 40/80 = 20.
        // δ = ln(50 / 30) − ln(30 / 50) = 2 ln(5/3); σ² = 1/50 + 1/30.
        let expected = 2.0 * (5.0f64 / 3.0).ln() / (1.0 / 50.0 + 1.0 / 30.0f64).sqrt();
        let z = log_odds_z(30.0, 40.0, 10.0, 40.0, 20.0, 40.0);
        assert!(close(z, expected), "{z} vs {expected}");
        let rows = score_group(&two_regions(), &["quantum", "ai", "fusion"]);
        assert!(close(rows[0].z, expected));
        // Symmetric: Beijing's quantum z is the opposite.
        assert!(close(rows[3].z, -expected));
    }

    #[test]
    fn a_sector_nobody_mentions_scores_zero_and_ranks_after_positive_ones() {
        let rows = score_group(&two_regions(), &["quantum", "ai", "fusion"]);
        let ah_fusion = &rows[2];
        assert_eq!((ah_fusion.count, ah_fusion.z, ah_fusion.lq), (0, 0.0, 0.0));
        let ranks: Vec<(&str, u32)> = rows[..3].iter().map(|r| (r.sector.as_str(), r.rank)).collect();
        assert_eq!(ranks, vec![("quantum", 1), ("ai", 3), ("fusion", 2)]);
    }

    #[test]
    fn a_group_of_one_region_has_no_z() {
        let one = vec![RegionCounts { region_code: "CN".into(), year: 2024, units: 30_000, counts: vec![3, 1] }];
        let rows = score_group(&one, &["ai", "quantum"]);
        assert!(rows.iter().all(|r| r.z == 0.0));
        assert!(close(rows[0].lq, 1.0));
        assert_eq!(rows[0].rank, 1, "ties on z are broken by count");
    }

    #[test]
    fn rows_are_sorted_by_region_whatever_the_input_order() {
        let mut regions = two_regions();
        regions.reverse();
        let a = score_group(&regions, &["quantum", "ai", "fusion"]);
        let b = score_group(&two_regions(), &["quantum", "ai", "fusion"]);
        assert_eq!(a, b);
    }
}
