//! The HTML report and the heatmaps of an analyze output.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use gwr_dict::regions::Gazetteer;

use crate::png::{render_png, Fonts};
use crate::svg::{self, escape, ColorScale, Matrix};
use crate::tables::{AnalyzeOutput, ScoreRow};
use crate::{write_atomic, ReportError};

/// Which score a heatmap shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Metric {
    /// The log-odds z-score (specialization against the other regions).
    Z,
    /// The location quotient.
    Lq,
}

impl Metric {
    fn value(self, row: &ScoreRow) -> f64 {
        match self {
            Metric::Z => row.z,
            Metric::Lq => row.lq,
        }
    }

    fn name(self) -> &'static str {
        match self {
            Metric::Z => "z (log-odds)",
            Metric::Lq => "LQ (location quotient)",
        }
    }
}

/// What [`Report::write`] wrote.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Written {
    /// `report.html`.
    pub html: PathBuf,
    /// `heatmap.svg` (z).
    pub heatmap_svg: PathBuf,
    /// `heatmap.png` (z).
    pub heatmap_png: PathBuf,
    /// `heatmap-lq.svg`.
    pub heatmap_lq_svg: PathBuf,
    /// Number of region rows in the heatmap.
    pub regions: usize,
    /// Number of sector columns in the heatmap.
    pub sectors: usize,
    /// Why `heatmap.png` has no Chinese labels (no installed font has Chinese glyphs), in one line; `None` when it
    /// has them.
    pub png_notice: Option<String>,
}

/// A report on one analyze output. [`Report::new`] takes defaults; the setters change them.
#[derive(Clone, Debug)]
pub struct Report<'a> {
    output: &'a AnalyzeOutput,
    sector_names: BTreeMap<String, String>,
    latin_sector_names: BTreeMap<String, String>,
    top: usize,
    snippets: usize,
}

/// A heatmap row: one region in one year, in one language (a report and its translation are two rows).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
struct RowKey {
    region_code: String,
    year: u16,
    lang: String,
}

impl RowKey {
    fn of(s: &ScoreRow) -> RowKey {
        RowKey { region_code: s.region_code.clone(), year: s.year, lang: s.lang.clone() }
    }

    fn holds(&self, s: &ScoreRow) -> bool {
        s.region_code == self.region_code && s.year == self.year && s.lang == self.lang
    }

    /// True for a document of this row (a document of an older output without `lang` in scores matches any).
    fn holds_doc(&self, d: &crate::tables::DocumentRow) -> bool {
        d.region_code == self.region_code && d.year == Some(self.year) && (self.lang.is_empty() || d.lang == self.lang)
    }
}

impl<'a> Report<'a> {
    /// A report with sector ids as labels, each region's top 3 sectors and 2 evidence snippets per sector.
    pub fn new(output: &'a AnalyzeOutput) -> Report<'a> {
        Report { output, sector_names: BTreeMap::new(), latin_sector_names: BTreeMap::new(), top: 3, snippets: 2 }
    }

    /// Display names of sectors by id (e.g. Chinese names from the dictionary).
    pub fn sector_names(mut self, names: BTreeMap<String, String>) -> Report<'a> {
        self.sector_names = names;
        self
    }

    /// Latin-script names of sectors by id (e.g. English names from the dictionary), for the PNG drawn when no font
    /// has Chinese glyphs.
    pub fn latin_sector_names(mut self, names: BTreeMap<String, String>) -> Report<'a> {
        self.latin_sector_names = names;
        self
    }

    /// How many top sectors to show per region.
    pub fn top(mut self, n: usize) -> Report<'a> {
        self.top = n.max(1);
        self
    }

    /// How many evidence snippets to show per region and sector.
    pub fn snippets(mut self, n: usize) -> Report<'a> {
        self.snippets = n;
        self
    }

    fn sector_label(&self, id: &str) -> String {
        self.sector_names.get(id).cloned().unwrap_or_else(|| id.to_string())
    }

    /// Heatmap rows: regions in the gazetteer's order (the order of the statistical yearbooks: 北京, 天津, 河北...),
    /// unknown codes after them by code; years ascending within a region.
    fn rows(&self) -> Vec<RowKey> {
        let set: BTreeSet<RowKey> = self.output.scores.iter().map(RowKey::of).collect();
        let order: BTreeMap<&str, usize> =
            Gazetteer::builtin().regions().iter().enumerate().map(|(i, r)| (r.code.as_str(), i)).collect();
        let mut rows: Vec<RowKey> = set.into_iter().collect();
        rows.sort_by_key(|k| {
            let lang = (k.lang != "zh" && !k.lang.is_empty(), k.lang.clone());
            (order.get(k.region_code.as_str()).copied().unwrap_or(usize::MAX), k.region_code.clone(), k.year, lang)
        });
        rows
    }

    fn sectors(&self) -> Vec<String> {
        let mut seen = BTreeSet::new();
        let mut out = Vec::new();
        for s in &self.output.scores {
            if seen.insert(s.sector.as_str()) {
                out.push(s.sector.clone());
            }
        }
        out
    }

    fn several_years(&self) -> bool {
        let years: BTreeSet<u16> = self.output.scores.iter().map(|s| s.year).collect();
        years.len() > 1
    }

    fn row_label(&self, key: &RowKey, names: &BTreeMap<String, String>) -> String {
        let name = names.get(&key.region_code).cloned().unwrap_or_else(|| key.region_code.clone());
        let name = if key.lang.is_empty() || key.lang == "zh" { name } else { format!("{name} ({})", key.lang) };
        if self.several_years() {
            format!("{name} {}", key.year)
        } else {
            name
        }
    }

    /// The region × sector matrix of `metric`.
    pub fn matrix(&self, metric: Metric) -> Matrix {
        let rows = self.rows();
        let sectors = self.sectors();
        let names = self.output.region_names();
        let row_index: BTreeMap<&RowKey, usize> = rows.iter().enumerate().map(|(i, k)| (k, i)).collect();
        let col_index: BTreeMap<&str, usize> = sectors.iter().enumerate().map(|(i, s)| (s.as_str(), i)).collect();
        let mut values = vec![vec![None; sectors.len()]; rows.len()];
        for s in &self.output.scores {
            let key = RowKey::of(s);
            if let (Some(&i), Some(&j)) = (row_index.get(&key), col_index.get(s.sector.as_str())) {
                values[i][j] = Some(metric.value(s));
            }
        }
        let years: BTreeSet<u16> = self.output.scores.iter().map(|s| s.year).collect();
        let years: Vec<String> = years.iter().map(|y| y.to_string()).collect();
        Matrix {
            title: format!("{} by region and sector, {}", metric.name(), years.join(", ")),
            rows: rows.iter().map(|k| self.row_label(k, &names)).collect(),
            cols: sectors.iter().map(|s| self.sector_label(s)).collect(),
            values,
        }
    }

    /// The colour scale used for `metric` on this output.
    pub fn scale(&self, metric: Metric) -> ColorScale {
        match metric {
            Metric::Z => {
                let mut abs: Vec<f64> =
                    self.output.scores.iter().map(|s| s.z.abs()).filter(|v| v.is_finite()).collect();
                abs.sort_by(f64::total_cmp);
                let p95 = abs.get((abs.len() as f64 * 0.95) as usize).or(abs.last()).copied().unwrap_or(1.0);
                ColorScale::Diverging { center: 0.0, limit: p95.max(1.0) }
            }
            Metric::Lq => {
                let max = self
                    .output
                    .scores
                    .iter()
                    .filter(|s| s.lq > 0.0 && s.lq.is_finite())
                    .map(|s| s.lq.log2().abs())
                    .fold(0.0, f64::max);
                ColorScale::LogRatio { limit: max.clamp(1.0, 3.0) }
            }
        }
    }

    /// The heatmap of `metric` as an SVG document.
    pub fn heatmap_svg(&self, metric: Metric) -> String {
        self.heatmap_svg_of(&self.matrix(metric), metric)
    }

    fn heatmap_svg_of(&self, matrix: &Matrix, metric: Metric) -> String {
        let legend = match metric {
            Metric::Z => "z: red = more than the other regions, blue = less",
            Metric::Lq => "LQ (log scale): red > 1 > blue",
        };
        svg::heatmap(matrix, self.scale(metric), legend)
    }

    /// The heatmap of `metric` with Latin-script labels only, for a machine without a font with Chinese glyphs:
    /// regions by their first English name in the gazetteer (pinyin, as `Beijing`, `Xinjiang Uygur Autonomous
    /// Region`), else their code; sectors by [`Report::latin_sector_names`], else their id.
    pub fn latin_heatmap_svg(&self, metric: Metric) -> String {
        let mut matrix = self.matrix(metric);
        let several_years = self.several_years();
        matrix.rows = self
            .rows()
            .iter()
            .map(|k| {
                let region = Gazetteer::builtin().by_code(&k.region_code);
                let name = region.and_then(|r| r.en.first()).cloned().unwrap_or_else(|| k.region_code.clone());
                if several_years {
                    format!("{name} {}", k.year)
                } else {
                    name
                }
            })
            .collect();
        matrix.cols = self
            .sectors()
            .iter()
            .map(|s| self.latin_sector_names.get(s).cloned().unwrap_or_else(|| s.clone()))
            .collect();
        self.heatmap_svg_of(&matrix, metric)
    }

    /// Write `report.html`, `heatmap.svg`, `heatmap.png` and `heatmap-lq.svg` into `out_dir` (created if missing).
    /// The PNG is drawn with Chinese labels when `fonts` has a font with Chinese glyphs, else with Latin ones
    /// ([`Report::latin_heatmap_svg`]) and a notice in [`Written::png_notice`]; the HTML and SVG need no font.
    pub fn write(&self, out_dir: &Path, fonts: &Fonts) -> Result<Written, ReportError> {
        if self.output.scores.is_empty() {
            return Err(ReportError::Empty {
                path: self.output.dir.join("scores.csv"),
                what: "no scores: nothing to report (did any document have Chinese text?)".into(),
            });
        }
        std::fs::create_dir_all(out_dir).map_err(|e| ReportError::io(out_dir, e))?;
        let z_svg = self.heatmap_svg(Metric::Z);
        let png_path = out_dir.join("heatmap.png");
        let (png, png_notice) = if fonts.has_cjk() {
            (render_png(&z_svg, fonts, 2.0, &png_path)?, None)
        } else {
            let notice = if fonts.has_any() {
                "no installed font has Chinese glyphs: heatmap.png has Latin labels (pinyin regions, English sectors); \
                 install fonts-noto-cjk or fonts-wqy-microhei for Chinese ones"
            } else {
                "no font installed: heatmap.png has no labels (heatmap.svg and report.html have them); install \
                 fonts-noto-cjk or fonts-wqy-microhei"
            };
            (render_png(&self.latin_heatmap_svg(Metric::Z), fonts, 2.0, &png_path)?, Some(notice.to_string()))
        };
        let written = Written {
            html: out_dir.join("report.html"),
            heatmap_svg: out_dir.join("heatmap.svg"),
            heatmap_png: png_path,
            heatmap_lq_svg: out_dir.join("heatmap-lq.svg"),
            regions: self.rows().len(),
            sectors: self.sectors().len(),
            png_notice,
        };
        write_atomic(&written.heatmap_svg, z_svg.as_bytes())?;
        write_atomic(&written.heatmap_lq_svg, self.heatmap_svg(Metric::Lq).as_bytes())?;
        write_atomic(&written.heatmap_png, &png)?;
        write_atomic(&written.html, self.html().as_bytes())?;
        Ok(written)
    }

    /// The self-contained HTML report: inline CSS, SVG and script, nothing fetched from the network.
    pub fn html(&self) -> String {
        let out = self.output;
        let names = out.region_names();
        let rows = self.rows();
        let sectors = self.sectors();
        let ok_docs = out.ok_documents().count();
        let mut h = String::new();
        h.push_str("<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n");
        h.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
        // Nothing may be fetched: the page is self-contained, and the browser enforces it.
        h.push_str("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:\">\n");
        let _ = writeln!(h, "<title>gwr report: {}</title>", escape(&out.dir.display().to_string()));
        let _ = writeln!(h, "<style>{CSS}</style>\n</head>\n<body>");
        let _ = writeln!(
            h,
            "<header><h1>政府工作报告 · sector specialization</h1><p class=\"meta\">from <code>{}</code>: {} documents read ({} in all), {} regions, {} sectors, {} hits{}</p></header>",
            escape(&out.dir.display().to_string()),
            ok_docs,
            out.documents.len(),
            rows.len(),
            sectors.len(),
            out.hits.len(),
            if out.claims.is_some() { ", claims checked" } else { "" }
        );
        h.push_str("<nav><a href=\"#heatmap-z\">z heatmap</a> · <a href=\"#heatmap-lq\">LQ heatmap</a> · <a href=\"#regions\">regions</a> · <a href=\"#top\">top sectors + evidence</a> · <a href=\"#bars\">sector bars</a>");
        if out.claims.is_some() {
            h.push_str(" · <a href=\"#claims\">claims</a>");
        }
        h.push_str(" · <a href=\"#scores\">all scores</a></nav>\n");

        let _ = writeln!(
            h,
            "<section id=\"heatmap-z\"><h2>Heatmap: z</h2><p>Log-odds z-score of each sector's share of a region's hits against all other regions (same year). Hover a cell for its value.</p><div class=\"scroll\">{}</div></section>",
            self.heatmap_svg(Metric::Z)
        );
        let _ = writeln!(
            h,
            "<section id=\"heatmap-lq\"><h2>Heatmap: location quotient</h2><p>Share of the sector in the region over its share in all regions; 1 = average.</p><div class=\"scroll\">{}</div></section>",
            self.heatmap_svg(Metric::Lq)
        );

        // Regions summary: one row per region and year.
        h.push_str("<section id=\"regions\"><h2>Regions</h2><table class=\"sortable\" id=\"region-table\"><thead><tr><th>code</th><th>region</th><th>year</th><th>lang</th><th>documents</th><th>Han characters</th><th>sector hits</th><th>top sector (z)</th></tr></thead><tbody>\n");
        for key in &rows {
            let docs: Vec<_> = out.ok_documents().filter(|d| key.holds_doc(d)).collect();
            let han: u64 = docs.iter().map(|d| d.han_chars).sum();
            let region_scores: Vec<&ScoreRow> = self.region_scores(key);
            let hits: u64 = region_scores.iter().map(|s| s.count).sum();
            let top = region_scores
                .iter()
                .find(|s| s.count > 0)
                .map(|s| format!("{} ({:.2})", self.sector_label(&s.sector), s.z));
            let _ = writeln!(
                h,
                "<tr class=\"region-row\" data-region=\"{}\"><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td data-v=\"{}\">{}</td><td data-v=\"{han}\">{han}</td><td data-v=\"{hits}\">{hits}</td><td>{}</td></tr>",
                escape(&key.region_code),
                escape(&key.region_code),
                escape(names.get(&key.region_code).map(String::as_str).unwrap_or("")),
                key.year,
                escape(&key.lang),
                docs.len(),
                docs.len(),
                escape(&top.unwrap_or_else(|| "—".into()))
            );
        }
        h.push_str("</tbody></table></section>\n");

        // Top sectors with evidence.
        h.push_str("<section id=\"top\"><h2>Top sectors of each region, with evidence</h2><p>Sectors ranked by z; each snippet is quoted from the source with its document id and byte offsets (<code>doc_id @ start..end</code>).</p><div class=\"cards\">\n");
        let evidence = self.evidence_index();
        for key in &rows {
            let _ = write!(
                h,
                "<article class=\"card\" data-region=\"{}\"><h3>{} <small>{} {}</small></h3><ol>",
                escape(&key.region_code),
                escape(&self.row_label(key, &names)),
                escape(&key.region_code),
                key.year
            );
            for s in self.region_scores(key).into_iter().filter(|s| s.count > 0).take(self.top) {
                let _ = write!(
                    h,
                    "<li><b>{}</b> <span class=\"num\">n={} · {:.2}/10k · LQ {:.2} · z {:.2}</span>",
                    escape(&self.sector_label(&s.sector)),
                    s.count,
                    s.per_10k,
                    s.lq,
                    s.z
                );
                if let Some(list) =
                    evidence.get(&(key.region_code.as_str(), key.year, key.lang.as_str(), s.sector.as_str()))
                {
                    h.push_str("<ul class=\"ev\">");
                    for hit in list.iter().take(self.snippets) {
                        let _ = write!(
                            h,
                            "<li><q>{}</q> <cite>{} @ {}..{}</cite></li>",
                            highlight(&hit.context, &hit.surface),
                            escape(&hit.doc_id),
                            hit.start,
                            hit.end
                        );
                    }
                    h.push_str("</ul>");
                }
                h.push_str("</li>");
            }
            h.push_str("</ol></article>\n");
        }
        h.push_str("</div></section>\n");

        // Per-sector bars across regions.
        h.push_str(
            "<section id=\"bars\"><h2>Each sector across regions</h2><label>sector <select id=\"sector-select\">",
        );
        for (i, s) in sectors.iter().enumerate() {
            let _ = write!(
                h,
                "<option value=\"{}\"{}>{}</option>",
                escape(s),
                if i == 0 { " selected" } else { "" },
                escape(&self.sector_label(s))
            );
        }
        h.push_str("</select></label> <label>score <select id=\"metric-select\"><option value=\"z\" selected>z</option><option value=\"per_10k\">per 10k</option><option value=\"lq\">LQ</option></select></label>\n");
        for (i, sector) in sectors.iter().enumerate() {
            for (metric, label) in [("z", "z"), ("per_10k", "per 10,000 Han characters"), ("lq", "LQ")] {
                let mut items: Vec<(String, f64)> = out
                    .scores
                    .iter()
                    .filter(|s| &s.sector == sector)
                    .map(|s| {
                        let key = RowKey::of(s);
                        let v = match metric {
                            "z" => s.z,
                            "per_10k" => s.per_10k,
                            _ => s.lq,
                        };
                        (self.row_label(&key, &names), v)
                    })
                    .collect();
                items.sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
                let visible = i == 0 && metric == "z";
                let _ = writeln!(
                    h,
                    "<div class=\"bars\" data-sector=\"{}\" data-metric=\"{metric}\"{}>{}</div>",
                    escape(sector),
                    if visible { "" } else { " hidden" },
                    svg::bars(&format!("{} · {label}", self.sector_label(sector)), &items, label)
                );
            }
        }
        h.push_str("</section>\n");

        if let Some(claims) = &out.claims {
            h.push_str(CLAIMS_RULE);
            h.push_str("<table class=\"sortable claims\"><thead><tr><th>claim</th><th>region</th><th>sector</th><th>verdict</th><th>what the report says</th><th>figure</th><th>emphasis</th><th>count</th><th>z</th><th>national rank</th></tr></thead><tbody>\n");
            for c in claims {
                let opt = |v: Option<f64>| v.map(|v| format!("{v:.2}")).unwrap_or_default();
                let region = if c.region_name.is_empty() {
                    names.get(&c.region_code).cloned().unwrap_or_default()
                } else {
                    c.region_name.clone()
                };
                let said =
                    if c.stated_evidence.is_empty() { escape(&c.evidence) } else { stated_html(&c.stated_evidence) };
                let figure = match (c.claimed_figure.is_empty(), c.figure_found.is_empty()) {
                    (true, _) => escape(&c.figure_found),
                    (false, true) => escape(&c.claimed_figure),
                    (false, false) => {
                        format!("{}<br><small>{}</small>", escape(&c.claimed_figure), escape(&c.figure_found))
                    }
                };
                let sector =
                    if c.sector.is_empty() { "key terms only".to_string() } else { self.sector_label(&c.sector) };
                let _ = writeln!(
                    h,
                    "<tr class=\"verdict-{}\"><td><b>{}</b><br><small>{}</small></td><td>{} <small>{}</small></td><td>{}</td><td class=\"verdict\"><b>{}</b><br><small>{}</small></td><td class=\"said\">{}</td><td>{}</td><td><small>{}</small></td><td data-v=\"{}\">{}</td><td data-v=\"{}\">{}</td><td data-v=\"{}\">{}</td></tr>",
                    escape(&c.verdict.replace(' ', "-")),
                    escape(if c.claim.is_empty() { &c.claim_id } else { &c.claim }),
                    escape(&c.claim_id),
                    escape(&region),
                    escape(&c.region_code),
                    escape(&sector),
                    escape(&c.verdict),
                    escape(&c.reason),
                    said,
                    figure,
                    escape(&c.emphasis_evidence),
                    c.count.map(|v| v.to_string()).unwrap_or_default(),
                    c.count.map(|v| v.to_string()).unwrap_or_default(),
                    c.z.unwrap_or(f64::NAN),
                    opt(c.z),
                    c.national_rank.map(|v| v.to_string()).unwrap_or_default(),
                    c.national_rank.map(|v| v.to_string()).unwrap_or_default(),
                );
            }
            h.push_str("</tbody></table></section>\n");
        }

        h.push_str("<section id=\"scores\"><h2>All scores</h2><p>Click a column header to sort.</p><table class=\"sortable\"><thead><tr><th>region</th><th>year</th><th>lang</th><th>sector</th><th>count</th><th>per 10k</th><th>share</th><th>LQ</th><th>z</th><th>rank</th></tr></thead><tbody>\n");
        for s in &out.scores {
            let _ = writeln!(
                h,
                "<tr><td>{} {}</td><td>{}</td><td>{}</td><td>{}</td><td data-v=\"{}\">{}</td><td data-v=\"{}\">{:.3}</td><td data-v=\"{}\">{:.3}</td><td data-v=\"{}\">{:.2}</td><td data-v=\"{}\">{:.2}</td><td data-v=\"{}\">{}</td></tr>",
                escape(names.get(&s.region_code).map(String::as_str).unwrap_or("")),
                escape(&s.region_code),
                s.year,
                escape(&s.lang),
                escape(&self.sector_label(&s.sector)),
                s.count,
                s.count,
                s.per_10k,
                s.per_10k,
                s.share,
                s.share,
                s.lq,
                s.lq,
                s.z,
                s.z,
                s.rank,
                s.rank
            );
        }
        h.push_str("</tbody></table></section>\n");
        h.push_str("<footer>made by <code>gwr report</code>; no external resources.</footer>\n");
        let _ = writeln!(h, "<script>{JS}</script>\n</body>\n</html>");
        h
    }

    /// Scores of one region and year, best rank first.
    fn region_scores(&self, key: &RowKey) -> Vec<&'a ScoreRow> {
        let mut v: Vec<&ScoreRow> = self.output.scores.iter().filter(|s| key.holds(s)).collect();
        v.sort_by_key(|s| (s.rank, s.sector.clone()));
        v
    }

    /// Hits by (region, year, language, sector): outside the glossary first, then by document and position,
    /// distinct surfaces first. The language is empty when the scores do not have one (older outputs).
    #[allow(clippy::type_complexity)]
    fn evidence_index(&self) -> BTreeMap<(&'a str, u16, &'a str, &'a str), Vec<&'a crate::tables::Hit>> {
        let by_lang = self.output.scores.iter().any(|s| !s.lang.is_empty());
        let doc: BTreeMap<&str, (&str, Option<u16>, &str)> = self
            .output
            .documents
            .iter()
            .map(|d| (d.doc_id.as_str(), (d.region_code.as_str(), d.year, if by_lang { d.lang.as_str() } else { "" })))
            .collect();
        let mut index: BTreeMap<(&str, u16, &str, &str), Vec<&crate::tables::Hit>> = BTreeMap::new();
        for hit in &self.output.hits {
            if let Some((region, Some(year), lang)) = doc.get(hit.doc_id.as_str()) {
                index.entry((region, *year, lang, hit.sector.as_str())).or_default().push(hit);
            }
        }
        for list in index.values_mut() {
            list.sort_by(|a, b| (a.in_glossary, &a.doc_id, a.start).cmp(&(b.in_glossary, &b.doc_id, b.start)));
            // Distinct surfaces first, keeping order within each group.
            let mut seen = BTreeSet::new();
            let (first, rest): (Vec<_>, Vec<_>) = list.iter().partition(|h| seen.insert(h.surface.as_str()));
            *list = first.into_iter().chain(rest).collect();
        }
        index
    }
}

/// The claims section's heading and rule, so that the verdicts read without the README.
const CLAIMS_RULE: &str = "<section id=\"claims\"><h2>Claims</h2><p>Each claim of the article is judged twice in the \
report(s) of the claimed region (a cluster is the sum of its members). <b>Stated</b>: a sentence holds a term of the \
sector or of the claim (<mark class=\"term\">highlighted</mark>) and the claimed figure, compared by value, or a \
position phrase such as 全国第一 or 占全国 in the term's clause (<mark class=\"fig\">highlighted</mark>). \
<b>Emphasised</b> (sectors only): log-odds z &ge; 1.96 against the other provincial regions, or the most distinctive \
region with at least 3 hits.</p><ul class=\"rule\"><li><b>confirmed</b>: the report states the figure or position \
<li><b>contradicted</b>: it states a different figure for the same quantity <li><b>emphasised</b>: nothing stated, \
but the sector is distinctive of the region <li><b>mentioned</b>: named, neither stated nor emphasised \
<li><b>absent</b>: never named, or no report</ul>";

/// A `stated_evidence` cell (`doc_id@start..end: sentence` with the term in `[ ]` and the figure or position in
/// `{ }`) as HTML: the sentence escaped, term and figure highlighted, the location cited.
fn stated_html(cell: &str) -> String {
    let (place, sentence) = cell.split_once(": ").unwrap_or(("", cell));
    // Only the first pair of each mark was inserted by gwr; any other bracket is the report's own.
    let mut out = String::new();
    let mut rest = sentence;
    let mut open: Option<char> = None;
    let mut used = (false, false);
    while let Some(i) = rest.find(['[', ']', '{', '}']) {
        let c = rest[i..].chars().next().unwrap_or('[');
        out.push_str(&escape(&rest[..i]));
        let tag = match (c, open) {
            ('[', None) if !used.0 => Some(("<mark class=\"term\">", Some('['))),
            ('{', None) if !used.1 => Some(("<mark class=\"fig\">", Some('{'))),
            (']', Some('[')) => Some(("</mark>", None)),
            ('}', Some('{')) => Some(("</mark>", None)),
            _ => None,
        };
        match tag {
            Some((html, next)) => {
                if c == '[' {
                    used.0 = true;
                }
                if c == '{' {
                    used.1 = true;
                }
                out.push_str(html);
                open = next;
            }
            None => out.push_str(&escape(&c.to_string())),
        }
        rest = &rest[i + c.len_utf8()..];
    }
    out.push_str(&escape(rest));
    if open.is_some() {
        out.push_str("</mark>");
    }
    format!("{out} <cite>{}</cite>", escape(place))
}

/// The context with the first occurrence of `surface` in bold, everything escaped.
fn highlight(context: &str, surface: &str) -> String {
    match context.find(surface).filter(|_| !surface.is_empty()) {
        Some(i) => format!(
            "{}<mark>{}</mark>{}",
            escape(&context[..i]),
            escape(surface),
            escape(&context[i + surface.len()..])
        ),
        None => escape(context),
    }
}

const CSS: &str = r#"
:root{--fg:#1d232a;--muted:#5b6670;--line:#d8dde2;--bg:#fafbfc}
*{box-sizing:border-box}
body{margin:0;padding:0 24px 40px;font:14px/1.5 'Noto Sans CJK SC','WenQuanYi Micro Hei','Source Han Sans SC','Microsoft YaHei','PingFang SC',system-ui,sans-serif;color:var(--fg);background:var(--bg)}
header{padding:16px 0 4px}h1{font-size:22px;margin:0}h2{font-size:18px;margin:28px 0 8px;border-bottom:1px solid var(--line);padding-bottom:4px}
.meta{color:var(--muted);margin:4px 0}nav{position:sticky;top:0;background:var(--bg);padding:6px 0;border-bottom:1px solid var(--line);z-index:2}
a{color:#1f5fa8}.scroll{overflow-x:auto;background:#fff;border:1px solid var(--line)}
table{border-collapse:collapse;background:#fff;font-size:13px}th,td{border:1px solid var(--line);padding:3px 8px;text-align:left;vertical-align:top}
th{background:#eef1f4;cursor:pointer;user-select:none;white-space:nowrap}th.asc::after{content:" ▲"}th.desc::after{content:" ▼"}
td[data-v]{text-align:right;font-variant-numeric:tabular-nums}
.cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(420px,1fr));gap:12px}
.card{background:#fff;border:1px solid var(--line);border-radius:6px;padding:8px 12px}.card h3{margin:0 0 4px;font-size:15px}.card small{color:var(--muted);font-weight:normal}
.card ol{margin:0;padding-left:20px}.num{color:var(--muted);font-size:12px}.ev{margin:2px 0 6px;padding-left:14px;font-size:12px;color:#333}
.ev q{quotes:"「" "」"}mark{background:#ffe08a}cite{color:var(--muted);font-style:normal;font-family:monospace;font-size:11px}
.bars{background:#fff;border:1px solid var(--line);margin-top:8px;display:inline-block}.bars[hidden]{display:none}
tr.verdict-confirmed td.verdict{color:#1a7f37}tr.verdict-emphasised td.verdict{color:#1f5fa8}
tr.verdict-contradicted td.verdict{color:#b2182b}tr.verdict-absent td.verdict{color:var(--muted)}
mark.term{background:#ffe08a}mark.fig{background:#b9e3c6}table.claims td{max-width:420px}ul.rule{font-size:13px}
footer{margin-top:32px;color:var(--muted);font-size:12px}
"#;

const JS: &str = r#"
(function () {
  'use strict';
  function cellValue(row, i) {
    var c = row.cells[i];
    if (!c) return '';
    var v = c.getAttribute('data-v');
    if (v !== null && v !== '' && !isNaN(parseFloat(v))) return parseFloat(v);
    return c.textContent;
  }
  document.querySelectorAll('table.sortable').forEach(function (table) {
    var heads = table.tHead.rows[0].cells;
    Array.prototype.forEach.call(heads, function (th, i) {
      th.addEventListener('click', function () {
        var asc = !th.classList.contains('asc');
        Array.prototype.forEach.call(heads, function (h) { h.classList.remove('asc', 'desc'); });
        th.classList.add(asc ? 'asc' : 'desc');
        var body = table.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (a, b) {
          var x = cellValue(a, i), y = cellValue(b, i);
          var r = (typeof x === 'number' && typeof y === 'number') ? x - y : String(x).localeCompare(String(y), 'zh-CN');
          return asc ? r : -r;
        });
        rows.forEach(function (r) { body.appendChild(r); });
      });
    });
  });
  var sectorSelect = document.getElementById('sector-select');
  var metricSelect = document.getElementById('metric-select');
  function showBars() {
    document.querySelectorAll('.bars').forEach(function (d) {
      d.hidden = !(d.getAttribute('data-sector') === sectorSelect.value && d.getAttribute('data-metric') === metricSelect.value);
    });
  }
  if (sectorSelect && metricSelect) {
    sectorSelect.addEventListener('change', showBars);
    metricSelect.addEventListener('change', showBars);
    showBars();
  }
  document.documentElement.setAttribute('data-regions', String(document.querySelectorAll('#region-table tbody tr.region-row').length));
  document.documentElement.setAttribute('data-ready', 'yes');
})();
"#;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stated_evidence_highlights_term_and_figure_and_escapes() {
        assert_eq!(
            stated_html("d@1..9: 甲<[工业机器人]>占全国{4成}[x]"),
            "甲&lt;<mark class=\"term\">工业机器人</mark>&gt;占全国<mark class=\"fig\">4成</mark>[x] <cite>d@1..9</cite>"
        );
    }

    #[test]
    fn highlight_marks_the_surface_and_escapes() {
        assert_eq!(highlight("发展<人工智能>产业", "人工智能"), "发展&lt;<mark>人工智能</mark>&gt;产业");
        assert_eq!(highlight("无", "人工智能"), "无");
    }
}
