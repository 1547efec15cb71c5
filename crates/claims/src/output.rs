//! `claims.csv` and the terminal table.

use crate::error::ClaimsError;
use crate::verify::{ClaimResult, StatedKind, Statement, TERM_MARKS};
use gwr_dict::regions::Gazetteer;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// The columns of `claims.csv`, in order: the machine columns first, then the readable ones.
pub const CSV_COLUMNS: [&str; 20] = [
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
    "region_name",
    "claim",
    "claimed_figure",
    "stated",
    "stated_evidence",
    "emphasised",
    "emphasis_evidence",
    "reason",
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

/// The English name of a region code or cluster id (`Guangdong`, `Greater Bay Area`), or the code itself.
pub fn region_name(code: &str) -> String {
    let g = Gazetteer::builtin();
    if let Some(r) = g.by_code(code) {
        return r.en.first().cloned().unwrap_or_else(|| r.zh.clone());
    }
    if let Some(c) = g.clusters().iter().find(|c| c.id == code) {
        let Some(first) = c.en.first() else {
            return code.to_string();
        };
        // The common short name when the full one contains it (`Greater Bay Area`), never an acronym.
        let acronym = |n: &str| n.chars().all(|ch| ch.is_ascii_uppercase());
        return c.en.iter().skip(1).find(|n| !acronym(n) && first.contains(n.as_str())).unwrap_or(first).clone();
    }
    code.to_string()
}

fn cells(r: &ClaimResult) -> [String; 20] {
    let opt = |f: &dyn Fn(&crate::SectorScores) -> String| r.scores.as_ref().map_or(String::new(), f);
    [
        r.claim_id.clone(),
        r.region_code.clone(),
        r.sector.clone(),
        r.count.to_string(),
        opt(&|s| fixed(s.per_10k, 3)),
        opt(&|s| fixed(s.lq, 3)),
        opt(&|s| fixed(s.z, 3)),
        opt(&|s| s.rank.to_string()),
        opt(&|s| s.national_rank.to_string()),
        r.verdict.as_str().to_string(),
        r.evidence.iter().map(ToString::to_string).collect::<Vec<_>>().join(EVIDENCE_SEPARATOR),
        r.figure_found.to_string(),
        region_name(&r.region_code),
        r.paraphrase.clone(),
        r.claimed_figure.as_ref().map_or(String::new(), ToString::to_string),
        r.stated.as_ref().map_or("no", |s| s.kind.as_str()).to_string(),
        r.stated.as_ref().map_or(String::new(), ToString::to_string),
        match (&r.scores, r.emphasised) {
            (None, _) => String::new(),
            (Some(_), true) => "yes".to_string(),
            (Some(_), false) => "no".to_string(),
        },
        r.emphasis_evidence(),
        r.reason.clone(),
    ]
}

/// Write `claims.csv`: a header with [`CSV_COLUMNS`], then one row per result. Floats have three decimals, so the
/// same results always give the same bytes. A claim on key terms alone has empty score columns.
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

/// `s` wrapped into lines of at most `width` terminal columns (at spaces when it has any, else anywhere).
fn wrap(s: &str, width: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    let mut used = 0;
    for word in s.split_inclusive(' ') {
        let ww = word.trim_end().width();
        if used > 0 && used + ww > width {
            lines.push(line.trim_end().to_string());
            line.clear();
            used = 0;
        }
        for c in word.chars() {
            let cw = c.width().unwrap_or(0);
            if used + cw > width {
                lines.push(line.trim_end().to_string());
                line.clear();
                used = 0;
            }
            if used == 0 && c == ' ' {
                continue;
            }
            line.push(c);
            used += cw;
        }
    }
    if !line.trim().is_empty() || lines.is_empty() {
        lines.push(line.trim_end().to_string());
    }
    lines
}

/// Width of the terminal table.
pub const TABLE_WIDTH: usize = 120;

/// Width of the label column of a block.
const LABEL: usize = 11;

/// Characters of context kept before the hit in a table cell, so that the hit itself is visible.
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

/// A window of `marked` (a sentence with marks) of at most `width` columns that shows the term's opening mark.
fn window(marked: &str, width: usize) -> String {
    if marked.width() <= width {
        return marked.to_string();
    }
    let at = marked.find(TERM_MARKS.0).unwrap_or(0);
    let start = marked[..at].char_indices().rev().nth(LEFT_CHARS * 2 - 1).map_or(0, |(i, _)| i);
    let prefix = if start > 0 { "…" } else { "" };
    clip(&format!("{prefix}{}", &marked[start..]), width)
}

/// The hit's context with the hit in [`TERM_MARKS`], for a claim that states nothing.
fn marked_context(context: &str, surface: &str) -> String {
    let shown = around(context, surface);
    match shown.find(surface) {
        Some(at) => {
            format!("{}{}{surface}{}{}", &shown[..at], TERM_MARKS.0, TERM_MARKS.1, &shown[at + surface.len()..])
        }
        None => shown,
    }
}

fn where_(s: &Statement) -> String {
    format!("{}@{}", s.doc_id, s.sentence)
}

/// The results for a terminal, one block per claim × sector, every line at most [`TABLE_WIDTH`] columns (CJK
/// characters count two). A block's first line names the claim, the region (with its name), the sector and the
/// verdict; then the paraphrase, the claimed figure, the sentence that states it (term in `[ ]`, figure or
/// position in `{ }`, with doc id and byte offsets) or the first hit when nothing is stated, the emphasis and the
/// one-line reason. The CSV has every column in full.
pub fn render_table(results: &[ClaimResult]) -> String {
    let body = TABLE_WIDTH - LABEL;
    let mut out = String::new();
    for (k, r) in results.iter().enumerate() {
        if k > 0 {
            out.push('\n');
        }
        let verdict = r.verdict.as_str().to_uppercase();
        let sector = if r.sector.is_empty() { "key terms only".to_string() } else { r.sector.clone() };
        let title = format!("{}  ·  {} ({})  ·  {}", r.claim_id, region_name(&r.region_code), r.region_code, sector);
        let title = clip(&title, TABLE_WIDTH - verdict.width() - 2);
        let fill = " ".repeat(TABLE_WIDTH - title.width() - verdict.width());
        out.push_str(&format!("{title}{fill}{verdict}\n"));
        let mut line = |label: &str, text: &str| {
            for (n, piece) in wrap(text, body - 2).into_iter().enumerate() {
                let label = if n == 0 { label } else { "" };
                out.push_str(&format!("  {label:<width$}{piece}\n", width = LABEL - 2));
            }
        };
        line("claim", &r.paraphrase);
        if let Some(f) = &r.claimed_figure {
            line("figure", &f.to_string());
        }
        match &r.stated {
            Some(s) => {
                let label = if s.kind == StatedKind::OtherFigure { "differs" } else { "stated" };
                line(label, &window(&s.marked, body - 2));
                line("", &where_(s));
            }
            None => {
                if let Some(e) = r.evidence.first() {
                    line("named", &clip(&marked_context(&e.context, &e.surface), body - 2));
                    line("", &format!("{}@{}", e.doc_id, e.span));
                }
            }
        }
        line("emphasis", &r.emphasis_evidence());
        line("why", &r.reason);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::file::Figure;
    use crate::verify::{Evidence, FigureFound, SectorScores, Verdict};
    use gwr_core::Span;

    #[test]
    fn table_cells_show_the_hit_near_their_start() {
        let context = format!("{}阿秒激光装置", "甲".repeat(30));
        assert_eq!(around(&context, "阿秒激光"), format!("…{}阿秒激光装置", "甲".repeat(8)));
        assert_eq!(around("建设阿秒激光", "阿秒激光"), "建设阿秒激光");
        assert_eq!(around("no hit here", "阿秒"), "no hit here");
        assert_eq!(marked_context("建设阿秒激光装置", "阿秒激光"), "建设[阿秒激光]装置");
    }

    fn result(claim_id: &str, z: f64, stated: Option<Statement>) -> ClaimResult {
        let found = stated.as_ref().map_or(FigureFound::NotFound, |s| FigureFound::Found {
            doc_id: s.doc_id.clone(),
            span: s.mark,
            snippet: "共137颗".into(),
        });
        ClaimResult {
            claim_id: claim_id.to_string(),
            region_code: "gba".to_string(),
            members: vec!["CN-GD".to_string()],
            sector: "optoelectronics_photonics".to_string(),
            count: 12,
            scores: Some(SectorScores { per_10k: 1.0 / 3.0, lq: 2.5, z, rank: 1, national_rank: 2, regions: 31 }),
            emphasised: z >= crate::Z_EMPHASISED,
            verdict: if stated.is_some() { Verdict::Confirmed } else { Verdict::Mentioned },
            stated,
            reason: "because".to_string(),
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
            figure_found: found,
            claimed_figure: Some(Figure { value: 137.0, unit: "satellites".into(), text: "137 satellites".into() }),
            paraphrase: "A paraphrase of the claim, long enough to be wrapped on a second line of the terminal table when it goes on and on and on about lasers.".into(),
            year: 2026,
        }
    }

    fn statement() -> Statement {
        let sentence = format!("{}东方航天港海上发射卫星137颗。", "商业航天全产业链布局".repeat(8));
        Statement {
            kind: StatedKind::Figure,
            doc_id: "sd-2026".into(),
            sentence: Span::new(100, 100 + sentence.len()),
            term: Span::new(160, 175),
            term_text: "东方航天港".into(),
            mark: Span::new(190, 196),
            mark_text: "137颗".into(),
            marked: sentence.replace("东方航天港", "[东方航天港]").replace("137颗", "{137颗}"),
        }
    }

    #[test]
    fn csv_has_the_columns_in_order_and_fixed_decimals() {
        let mut no_scores = result("b", -0.0000001, None);
        no_scores.scores = None;
        no_scores.sector = String::new();
        let results = vec![result("a", 2.0, Some(statement())), result("c", -0.0000001, None), no_scores];
        let mut bytes = Vec::new();
        write_claims_csv(&results, &mut bytes).expect("write");
        let text = String::from_utf8(bytes.clone()).expect("utf-8");
        let mut reader = csv::Reader::from_reader(text.as_bytes());
        let header: Vec<String> = reader.headers().expect("header").iter().map(String::from).collect();
        assert_eq!(header, CSV_COLUMNS);
        let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.expect("row")).collect();
        assert_eq!(rows.len(), 3);
        let col = |name: &str| CSV_COLUMNS.iter().position(|c| *c == name).expect("column");
        assert_eq!(&rows[0][col("per_10k")], "0.333");
        assert_eq!(&rows[0][col("lq")], "2.500");
        assert_eq!(&rows[0][col("z")], "2.000");
        assert_eq!(&rows[1][col("z")], "0.000", "negative zero prints as zero");
        assert_eq!(&rows[0][col("verdict")], "confirmed");
        assert_eq!(&rows[0][col("evidence")], "sn-2026@10..22: 建设阿秒激光装置， | sn-2026@90..99: 激光, \"产业\"");
        assert_eq!(&rows[0][col("figure_found")], "sd-2026@190..196: 共137颗");
        assert_eq!(&rows[1][col("figure_found")], "not found");
        assert_eq!(&rows[0][col("region_name")], "Greater Bay Area");
        assert!(rows[0][col("claim")].starts_with("A paraphrase"));
        assert_eq!(&rows[0][col("claimed_figure")], "137 satellites (\"137 satellites\")");
        assert_eq!(&rows[0][col("stated")], "figure");
        assert!(rows[0][col("stated_evidence")].starts_with("sd-2026@100.."), "{}", &rows[0][col("stated_evidence")]);
        assert!(rows[0][col("stated_evidence")].contains("[东方航天港]海上发射卫星{137颗}"));
        assert_eq!(&rows[1][col("stated")], "no");
        assert_eq!(&rows[0][col("emphasised")], "yes");
        assert!(rows[0][col("emphasis_evidence")].starts_with("emphasised: z 2.00 ≥ 1.96"));
        assert_eq!(&rows[0][col("reason")], "because");
        // A claim on key terms alone: no scores, empty score columns, never a z.
        for name in ["per_10k", "lq", "z", "rank", "national_rank", "emphasised"] {
            assert_eq!(&rows[2][col(name)], "", "{name}");
        }
        let mut again = Vec::new();
        write_claims_csv(&results, &mut again).expect("write");
        assert_eq!(bytes, again, "byte-stable");
    }

    #[test]
    fn the_table_fits_120_columns_one_block_per_claim_with_the_term_marked() {
        let table = render_table(&[result("wide", 2.0, Some(statement())), result("b", 0.5, None)]);
        for line in table.lines() {
            assert!(line.width() <= TABLE_WIDTH, "{} columns: {line}", line.width());
        }
        let blocks: Vec<&str> = table.split("\n\n").collect();
        assert_eq!(blocks.len(), 2);
        let first: Vec<&str> = blocks[0].lines().collect();
        assert!(first[0].starts_with("wide  ·  Greater Bay Area (gba)  ·  optoelectronics_photonics"), "{}", first[0]);
        assert!(first[0].ends_with("CONFIRMED") && first[0].width() == TABLE_WIDTH, "{}", first[0]);
        assert!(blocks[0].contains("[东方航天港]海上发射卫星{137颗}"), "{}", blocks[0]);
        assert!(blocks[0].contains("sd-2026@100.."), "{}", blocks[0]);
        assert!(blocks[1].contains("  named    建设[阿秒激光]装置，"), "{}", blocks[1]);
        assert!(blocks[1].contains("  why      because"), "{}", blocks[1]);
    }

    #[test]
    fn clip_and_wrap_count_terminal_columns() {
        assert_eq!(clip("量子计算", 8), "量子计算");
        assert_eq!(clip("量子计算", 7), "量子计…");
        assert_eq!(clip("abcdef", 4), "abc…");
        assert_eq!(wrap("aaa bbb ccc", 7), ["aaa bbb", "ccc"]);
        assert_eq!(wrap("量子计算量子", 8), ["量子计算", "量子"]);
    }

    #[test]
    fn cluster_and_region_names() {
        assert_eq!(region_name("gba"), "Greater Bay Area");
        assert_eq!(region_name("yrd"), "Yangtze River Delta");
        assert_eq!(region_name("jjj"), "Beijing-Tianjin-Hebei");
        assert_eq!(region_name("CN-GD"), "Guangdong");
        assert_eq!(region_name("xx"), "xx");
    }
}
