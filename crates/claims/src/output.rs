//! `claims.csv` and the terminal table.

use crate::error::ClaimsError;
use crate::verify::{ClaimResult, FigureFound};
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// The columns of `claims.csv`, in order.
pub const CSV_COLUMNS: [&str; 12] = [
    "claim_id",
    "region_code",
    "sector",
    "count",
    "per_10k",
    "lq",
    "z",
    "rank",
    "national_rank",
    "verdict",
    "evidence",
    "figure_found",
];

/// Separator between evidence snippets in one cell.
pub const EVIDENCE_SEPARATOR: &str = " | ";

fn fixed(v: f64, decimals: usize) -> String {
    // -0.000 and 0.000 print alike.
    let s = format!("{v:.decimals$}");
    if s.starts_with('-') && s[1..].chars().all(|c| c == '0' || c == '.') {
        s[1..].to_string()
    } else {
        s
    }
}

fn cells(r: &ClaimResult) -> [String; 12] {
    [
        r.claim_id.clone(),
        r.region_code.clone(),
        r.sector.clone(),
        r.count.to_string(),
        fixed(r.per_10k, 3),
        fixed(r.lq, 3),
        fixed(r.z, 3),
        r.rank.to_string(),
        r.national_rank.to_string(),
        r.verdict.as_str().to_string(),
        r.evidence.iter().map(ToString::to_string).collect::<Vec<_>>().join(EVIDENCE_SEPARATOR),
        r.figure_found.to_string(),
    ]
}

/// Write `claims.csv`: a header with [`CSV_COLUMNS`], then one row per result. Floats have three decimals, so the
/// same results always give the same bytes.
pub fn write_claims_csv<W: std::io::Write>(results: &[ClaimResult], writer: W) -> Result<(), ClaimsError> {
    let mut w = csv::Writer::from_writer(writer);
    w.write_record(CSV_COLUMNS)?;
    for r in results {
        w.write_record(cells(r))?;
    }
    w.flush()?;
    Ok(())
}

/// `s` cut to at most `width` terminal columns, with `…` when cut.
fn clip(s: &str, width: usize) -> String {
    if s.width() <= width {
        return s.to_string();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in s.chars() {
        let w = c.width().unwrap_or(0);
        if used + w + 1 > width {
            break;
        }
        out.push(c);
        used += w;
    }
    out.push('…');
    out
}

fn pad(s: &str, width: usize, right_align: bool) -> String {
    let fill = " ".repeat(width.saturating_sub(s.width()));
    if right_align {
        format!("{fill}{s}")
    } else {
        format!("{s}{fill}")
    }
}

/// Characters of context kept before the hit in a table cell, so that the hit itself is visible.
const LEFT_CHARS: usize = 8;

/// `context` starting a few characters before the first occurrence of `surface` that has room on its left (hit
/// contexts carry ~30 characters each side; the table cell is narrower).
fn around(context: &str, surface: &str) -> String {
    let Some(at) = context.find(surface) else {
        return context.to_string();
    };
    // The hit's own occurrence is the last one starting within the left context: prefer it over an earlier repeat.
    let at = context
        .match_indices(surface)
        .map(|(i, _)| i)
        .take_while(|&i| context[..i].chars().count() <= 30)
        .last()
        .unwrap_or(at);
    let start = context[..at].char_indices().rev().nth(LEFT_CHARS - 1).map_or(0, |(i, _)| i);
    let prefix = if start > 0 { "…" } else { "" };
    format!("{prefix}{}", &context[start..])
}

/// Widest evidence and figure cells in the table, in terminal columns.
const TEXT_CELL: usize = 48;

/// The results as an aligned table for a terminal (CJK characters count two columns). Evidence shows the text of
/// the first snippet and figure the text around the figure found; the CSV has every snippet with doc id and offsets.
pub fn render_table(results: &[ClaimResult]) -> String {
    let header =
        ["claim", "region", "sector", "count", "per_10k", "lq", "z", "rank", "nat", "verdict", "evidence", "figure"];
    let numeric = [false, false, false, true, true, true, true, true, true, false, false, false];
    let rows: Vec<Vec<String>> = results
        .iter()
        .map(|r| {
            let c = cells(r);
            // The region is in its own column: the table quotes the text, the CSV also has doc ids and offsets.
            let first_evidence = r.evidence.first().map_or(String::new(), |e| around(&e.context, &e.surface));
            let figure = match &r.figure_found {
                FigureFound::Found { snippet, .. } => snippet.clone(),
                other => other.to_string(),
            };
            vec![
                c[0].clone(),
                c[1].clone(),
                c[2].clone(),
                c[3].clone(),
                c[4].clone(),
                c[5].clone(),
                c[6].clone(),
                c[7].clone(),
                c[8].clone(),
                c[9].clone(),
                clip(&first_evidence, TEXT_CELL),
                clip(&figure, TEXT_CELL),
            ]
        })
        .collect();
    let mut widths: Vec<usize> = header.iter().map(|h| h.width()).collect();
    for row in &rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.width());
        }
    }
    let line = |cells: Vec<String>| {
        let padded: Vec<String> = cells.iter().zip(&widths).zip(numeric).map(|((c, &w), num)| pad(c, w, num)).collect();
        let mut s = padded.join("  ");
        s.truncate(s.trim_end().len());
        s.push('\n');
        s
    };
    let mut out = line(header.iter().map(|h| h.to_string()).collect());
    out.push_str(&line(widths.iter().map(|&w| "-".repeat(w)).collect()));
    for row in rows {
        out.push_str(&line(row));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_cells_show_the_hit_near_their_start() {
        let context = format!("{}阿秒激光装置", "甲".repeat(30));
        assert_eq!(around(&context, "阿秒激光"), format!("…{}阿秒激光装置", "甲".repeat(8)));
        assert_eq!(around("建设阿秒激光", "阿秒激光"), "建设阿秒激光");
        assert_eq!(around("no hit here", "阿秒"), "no hit here");
    }
    use crate::verify::{Evidence, Verdict};
    use gwr_core::Span;

    fn result(claim_id: &str, z: f64, figure_found: FigureFound) -> ClaimResult {
        ClaimResult {
            claim_id: claim_id.to_string(),
            region_code: "CN-SN".to_string(),
            members: vec!["CN-SN".to_string()],
            sector: "optoelectronics_photonics".to_string(),
            count: 12,
            per_10k: 1.0 / 3.0,
            lq: 2.5,
            z,
            rank: 1,
            national_rank: 2,
            verdict: Verdict::Supported,
            evidence: vec![
                Evidence {
                    doc_id: "sn-2026".into(),
                    span: Span::new(10, 22),
                    concept: "attosecond".into(),
                    surface: "阿秒激光".into(),
                    context: "建设阿秒激光装置，".into(),
                },
                Evidence {
                    doc_id: "sn-2026".into(),
                    span: Span::new(90, 99),
                    concept: "laser".into(),
                    surface: "激光".into(),
                    context: "激光, \"产业\"".into(),
                },
            ],
            figure_found,
        }
    }

    #[test]
    fn csv_has_the_columns_in_order_and_fixed_decimals() {
        let found = FigureFound::Found { doc_id: "sn-2026".into(), span: Span::new(5, 9), snippet: "共137颗".into() };
        let results = vec![result("a", 2.0, found), result("b", -0.0000001, FigureFound::NotFound)];
        let mut bytes = Vec::new();
        write_claims_csv(&results, &mut bytes).expect("write");
        let text = String::from_utf8(bytes.clone()).expect("utf-8");
        let mut reader = csv::Reader::from_reader(text.as_bytes());
        let header: Vec<String> = reader.headers().expect("header").iter().map(String::from).collect();
        assert_eq!(header, CSV_COLUMNS);
        let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.expect("row")).collect();
        assert_eq!(rows.len(), 2);
        assert_eq!(&rows[0][4], "0.333");
        assert_eq!(&rows[0][5], "2.500");
        assert_eq!(&rows[0][6], "2.000");
        assert_eq!(&rows[1][6], "0.000", "negative zero prints as zero");
        assert_eq!(&rows[0][9], "supported");
        assert_eq!(&rows[0][10], "sn-2026@10..22: 建设阿秒激光装置， | sn-2026@90..99: 激光, \"产业\"");
        assert_eq!(&rows[0][11], "sn-2026@5..9: 共137颗");
        assert_eq!(&rows[1][11], "not found");
        let mut again = Vec::new();
        write_claims_csv(&results, &mut again).expect("write");
        assert_eq!(bytes, again, "byte-stable");
    }

    #[test]
    fn table_columns_align_with_cjk() {
        let found = FigureFound::Found { doc_id: "d".into(), span: Span::new(5, 9), snippet: "共137颗".into() };
        let table = render_table(&[result("wide", 2.0, found), result("b", 0.5, FigureFound::NotClaimed)]);
        let lines: Vec<&str> = table.lines().collect();
        assert_eq!(lines.len(), 4);
        assert!(lines[0].starts_with("claim"));
        // The verdict column starts at the same terminal column on every line.
        let col = |line: &str| {
            let at = line.find("supported").or_else(|| line.find("verdict")).expect("verdict column");
            line[..at].width()
        };
        assert_eq!(col(lines[0]), col(lines[2]));
        assert_eq!(col(lines[2]), col(lines[3]));
        // The figure column after the CJK evidence column also lines up.
        let fig = lines[0].find("figure").map(|i| lines[0][..i].width()).expect("figure header");
        let at = lines[2].find("共137颗").map(|i| lines[2][..i].width()).expect("figure cell");
        assert_eq!(fig, at);
    }

    #[test]
    fn clip_counts_terminal_columns() {
        assert_eq!(clip("量子计算", 8), "量子计算");
        assert_eq!(clip("量子计算", 7), "量子计…");
        assert_eq!(clip("abcdef", 4), "abc…");
    }
}
