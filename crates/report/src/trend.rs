//! Trends over the years: rate per 10,000 Han characters (per 10,000 words for English and French) of sectors and
//! concepts, year by year and language by language, from `counts.csv` and `documents.csv` (policy vocabulary is
//! counted there too, though never scored). A report and its translation are two rows of a year, never summed.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use crate::svg::{self, Series};
use crate::tables::AnalyzeOutput;
use crate::{write_atomic, ReportError};

/// What one column of a trend follows.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum SeriesKey {
    /// All concepts of a sector (or of the policy vocabulary heading).
    Sector(String),
    /// One concept.
    Concept(String),
}

impl SeriesKey {
    /// The id, without the kind.
    pub fn id(&self) -> &str {
        match self {
            SeriesKey::Sector(id) | SeriesKey::Concept(id) => id,
        }
    }

    /// `sector:ID` or `concept:ID`, as in `trend.csv`'s header.
    pub fn column(&self) -> String {
        match self {
            SeriesKey::Sector(id) => format!("sector:{id}"),
            SeriesKey::Concept(id) => format!("concept:{id}"),
        }
    }
}

/// The documents of one year in one language.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TrendYear {
    /// The year.
    pub year: u16,
    /// Documents read (status ok) in that year.
    pub documents: usize,
    /// Their Han characters.
    pub han_chars: u64,
    /// Their language (`zh`, `en`, `fr`).
    pub lang: String,
    /// Their Latin-script words (the denominator of the rates when the language is not `zh`).
    pub words: u64,
}

impl TrendYear {
    /// The denominator of the rates: Han characters for Chinese, words otherwise.
    pub fn units(&self) -> u64 {
        if self.lang == "zh" || self.lang.is_empty() {
            self.han_chars
        } else {
            self.words
        }
    }
}

/// A (year, language) × series table of counts and rates per 10,000 Han characters (words for English and French).
#[derive(Clone, Debug, PartialEq)]
pub struct Trend {
    /// Years with at least one document, ascending, each language of a year a row of its own (`zh` first).
    pub years: Vec<TrendYear>,
    /// The columns.
    pub series: Vec<SeriesKey>,
    /// `counts[year][series]`.
    pub counts: Vec<Vec<u64>>,
    /// `rates[year][series]`: hits per 10,000 Han characters (words).
    pub rates: Vec<Vec<f64>>,
    /// Documents read but without a year, left out.
    pub without_year: usize,
}

/// Which documents and columns a [`Trend`] covers. [`TrendOptions::new`]: all regions, every sector.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TrendOptions {
    series: Vec<SeriesKey>,
    region: Option<String>,
}

impl TrendOptions {
    /// All regions; every sector found in `counts.csv`, most frequent first.
    pub fn new() -> TrendOptions {
        TrendOptions::default()
    }

    /// Follow these columns instead of every sector.
    pub fn series(mut self, series: Vec<SeriesKey>) -> TrendOptions {
        self.series = series;
        self
    }

    /// Only documents of this region code (`CN` for the national reports).
    pub fn region(mut self, code: Option<String>) -> TrendOptions {
        self.region = code;
        self
    }
}

impl Trend {
    /// The trend of `output`. An error when no document has a year, or when a requested sector or concept never
    /// occurs in `counts.csv` and is unknown to `known` (ids of the dictionary, when given).
    pub fn compute(
        output: &AnalyzeOutput,
        options: &TrendOptions,
        known: Option<&BTreeSet<String>>,
    ) -> Result<Trend, ReportError> {
        let in_region = |code: &str| options.region.as_deref().is_none_or(|r| r == code);
        // (year, language rank, language): Chinese first within a year.
        type RowKey<'o> = (u16, bool, &'o str);
        let mut years: BTreeMap<RowKey<'_>, TrendYear> = BTreeMap::new();
        let mut without_year = 0;
        let mut doc_year: BTreeMap<&str, RowKey<'_>> = BTreeMap::new();
        for d in output.ok_documents().filter(|d| in_region(&d.region_code)) {
            match d.year {
                Some(y) => {
                    let key = (y, d.lang != "zh", d.lang.as_str());
                    let e = years.entry(key).or_insert(TrendYear {
                        year: y,
                        documents: 0,
                        han_chars: 0,
                        lang: d.lang.clone(),
                        words: 0,
                    });
                    e.documents += 1;
                    e.han_chars += d.han_chars;
                    e.words += d.words;
                    doc_year.insert(&d.doc_id, key);
                }
                None => without_year += 1,
            }
        }
        if years.is_empty() {
            return Err(ReportError::Empty {
                path: output.dir.join("documents.csv"),
                what: match &options.region {
                    Some(r) => format!("no document of region {r} with a year"),
                    None => "no document with a year".into(),
                },
            });
        }
        let series = if options.series.is_empty() {
            let mut totals: BTreeMap<&str, u64> = BTreeMap::new();
            for c in &output.counts {
                *totals.entry(&c.sector).or_default() += c.count;
            }
            let mut v: Vec<(&str, u64)> = totals.into_iter().collect();
            v.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
            v.into_iter().map(|(s, _)| SeriesKey::Sector(s.to_string())).collect()
        } else {
            let seen_sectors: BTreeSet<&str> = output.counts.iter().map(|c| c.sector.as_str()).collect();
            let seen_concepts: BTreeSet<&str> = output.counts.iter().map(|c| c.concept.as_str()).collect();
            for key in &options.series {
                let seen = match key {
                    SeriesKey::Sector(id) => seen_sectors.contains(id.as_str()),
                    SeriesKey::Concept(id) => seen_concepts.contains(id.as_str()),
                };
                if !seen && !known.is_some_and(|k| k.contains(key.id())) {
                    return Err(ReportError::Empty {
                        path: output.dir.join("counts.csv"),
                        what: format!(
                            "{} {:?} never occurs and is not in the dictionary",
                            match key {
                                SeriesKey::Sector(_) => "sector",
                                SeriesKey::Concept(_) => "concept",
                            },
                            key.id()
                        ),
                    });
                }
            }
            options.series.clone()
        };
        let year_index: BTreeMap<RowKey<'_>, usize> = years.keys().enumerate().map(|(i, y)| (*y, i)).collect();
        let mut counts = vec![vec![0u64; series.len()]; years.len()];
        for c in &output.counts {
            let Some(y) = doc_year.get(c.doc_id.as_str()) else { continue };
            let row = year_index[y];
            for (j, key) in series.iter().enumerate() {
                let hit = match key {
                    SeriesKey::Sector(id) => *id == c.sector,
                    SeriesKey::Concept(id) => *id == c.concept,
                };
                if hit {
                    counts[row][j] += c.count;
                }
            }
        }
        let years: Vec<TrendYear> = years.into_values().collect();
        let rates = years
            .iter()
            .zip(&counts)
            .map(|(y, row)| {
                let units = y.units();
                row.iter().map(|&n| if units > 0 { n as f64 * 10_000.0 / units as f64 } else { 0.0 }).collect()
            })
            .collect();
        Ok(Trend { years, series, counts, rates, without_year })
    }

    fn column(&self, key: &SeriesKey) -> Option<usize> {
        self.series.iter().position(|k| k == key)
    }

    /// The first year in which `key` occurs at all.
    pub fn first_year(&self, key: &SeriesKey) -> Option<u16> {
        let j = self.column(key)?;
        self.years.iter().zip(&self.counts).find(|(_, row)| row[j] > 0).map(|(y, _)| y.year)
    }

    /// `(year, rate per 10,000)` of `key` in the main language of the trend ([`Trend::main_lang`]), ascending by
    /// year.
    pub fn rates_of(&self, key: &SeriesKey) -> Vec<(u16, f64)> {
        self.rates_of_lang(key, &self.main_lang())
    }

    /// `(year, rate per 10,000)` of `key` in the documents of language `lang`, ascending by year.
    pub fn rates_of_lang(&self, key: &SeriesKey, lang: &str) -> Vec<(u16, f64)> {
        match self.column(key) {
            Some(j) => self
                .years
                .iter()
                .zip(&self.rates)
                .filter(|(y, _)| y.lang == lang)
                .map(|(y, row)| (y.year, row[j]))
                .collect(),
            None => Vec::new(),
        }
    }

    /// The languages of the rows, `zh` first.
    pub fn langs(&self) -> Vec<String> {
        let mut langs: Vec<String> = self.years.iter().map(|y| y.lang.clone()).collect();
        langs.sort_by(|a, b| (a != "zh", a).cmp(&(b != "zh", b)));
        langs.dedup();
        langs
    }

    /// `zh` when some row is Chinese, else the first language.
    pub fn main_lang(&self) -> String {
        self.langs().into_iter().next().unwrap_or_default()
    }

    /// `trend.csv`: `year,lang,documents,han_chars,words`, then one rate column per series (`sector:ID`,
    /// `concept:ID`), rates with six decimals (per 10,000 Han characters for `zh`, per 10,000 words otherwise).
    pub fn to_csv(&self) -> String {
        let mut s = String::from("year,lang,documents,han_chars,words");
        for k in &self.series {
            s.push(',');
            s.push_str(&k.column());
        }
        s.push('\n');
        for (y, row) in self.years.iter().zip(&self.rates) {
            let _ = write!(s, "{},{},{},{},{}", y.year, y.lang, y.documents, y.han_chars, y.words);
            for r in row {
                let _ = write!(s, ",{r:.6}");
            }
            s.push('\n');
        }
        s
    }

    /// The table as aligned text for a terminal: one row per year, one column for each of the first `columns`
    /// series (labelled by `labels`, keyed `sector:ID`/`concept:ID` or by plain id; the id otherwise), rates with two decimals and `·` for zero.
    /// With more than one language, each row says its language after the year.
    pub fn to_text(&self, labels: &BTreeMap<String, String>, columns: usize) -> String {
        let label = |k: &SeriesKey| series_label(labels, k);
        let widths: Vec<usize> = self.series.iter().take(columns).map(|k| display_width(&label(k)).max(6)).collect();
        let several = self.langs().len() > 1;
        let mut s = String::from(if several { "year lang   docs" } else { "year   docs" });
        for (k, w) in self.series.iter().zip(&widths) {
            s.push_str("  ");
            s.push_str(&pad_left(&label(k), *w));
        }
        s.push('\n');
        for (y, row) in self.years.iter().zip(&self.rates) {
            if several {
                let _ = write!(s, "{:<4} {:<4} {:>6}", y.year, y.lang, y.documents);
            } else {
                let _ = write!(s, "{:<4} {:>6}", y.year, y.documents);
            }
            for (r, w) in row.iter().zip(&widths) {
                let cell = if *r == 0.0 { "·".to_string() } else { format!("{r:.2}") };
                s.push_str("  ");
                s.push_str(&pad_left(&cell, *w));
            }
            s.push('\n');
        }
        s
    }

    /// A line chart of the rates of the first `max_lines` series (one line per series and language, the language
    /// in the label when there are several).
    pub fn to_svg(&self, labels: &BTreeMap<String, String>, max_lines: usize) -> String {
        let langs = self.langs();
        let several = langs.len() > 1;
        let series: Vec<Series> = langs
            .iter()
            .flat_map(|lang| {
                self.series.iter().take(max_lines).enumerate().map(move |(j, k)| {
                    let label = series_label(labels, k);
                    Series {
                        label: if several { format!("{label} ({lang})") } else { label },
                        points: self
                            .years
                            .iter()
                            .zip(&self.rates)
                            .filter(|(y, _)| y.lang == *lang)
                            .map(|(y, row)| (f64::from(y.year), row[j]))
                            .collect(),
                    }
                })
            })
            .collect();
        let (first, last) = (self.years[0].year, self.years[self.years.len() - 1].year);
        svg::line_chart(
            &format!("Rate per 10,000 Han characters, {first}–{last}"),
            "per 10,000 Han characters",
            &series,
        )
    }

    /// Write `trend.csv` and `trend.svg` (at most `max_lines` lines) into `out_dir`, created if missing.
    pub fn write(
        &self,
        out_dir: &Path,
        labels: &BTreeMap<String, String>,
        max_lines: usize,
    ) -> Result<(PathBuf, PathBuf), ReportError> {
        std::fs::create_dir_all(out_dir).map_err(|e| ReportError::io(out_dir, e))?;
        let csv = out_dir.join("trend.csv");
        let svg = out_dir.join("trend.svg");
        write_atomic(&csv, self.to_csv().as_bytes())?;
        write_atomic(&svg, self.to_svg(labels, max_lines).as_bytes())?;
        Ok((csv, svg))
    }
}

/// The label of a column: `labels[sector:ID]` or `labels[concept:ID]`, else `labels[ID]`, else the id.
fn series_label(labels: &BTreeMap<String, String>, key: &SeriesKey) -> String {
    labels.get(&key.column()).or_else(|| labels.get(key.id())).cloned().unwrap_or_else(|| key.id().to_string())
}

/// Terminal width of `s`: wide (CJK) characters take two columns.
fn display_width(s: &str) -> usize {
    s.chars().map(|c| if gwr_core::is_han(c) || ('\u{3000}'..='\u{30ff}').contains(&c) { 2 } else { 1 }).sum()
}

fn pad_left(s: &str, width: usize) -> String {
    let w = display_width(s);
    format!("{}{s}", " ".repeat(width.saturating_sub(w)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tables::{CountRow, DocumentRow};

    fn doc(id: &str, year: Option<u16>, han: u64) -> DocumentRow {
        DocumentRow {
            doc_id: id.into(),
            source: id.into(),
            region_code: "CN".into(),
            region_name: "中华人民共和国".into(),
            year,
            lang: "zh".into(),
            encoding: "UTF-8".into(),
            chars: han,
            han_chars: han,
            status: "ok".into(),
            reason: String::new(),
            ..DocumentRow::default()
        }
    }

    fn count(id: &str, year: u16, sector: &str, concept: &str, n: u64) -> CountRow {
        CountRow {
            doc_id: id.into(),
            region_code: "CN".into(),
            year: Some(year),
            lang: "zh".into(),
            sector: sector.into(),
            concept: concept.into(),
            term: String::new(),
            count: n,
        }
    }

    fn output() -> AnalyzeOutput {
        AnalyzeOutput {
            documents: vec![doc("a", Some(2016), 20_000), doc("b", Some(2017), 10_000), doc("c", None, 5_000)],
            counts: vec![
                count("b", 2017, "ai", "ai_general", 3),
                count("b", 2017, "ai", "ai_chips", 1),
                count("a", 2016, "policy", "nqpf", 2),
            ],
            ..AnalyzeOutput::default()
        }
    }

    #[test]
    fn rates_are_per_ten_thousand_han_characters_of_the_year() {
        let t = Trend::compute(&output(), &TrendOptions::new(), None).unwrap();
        assert_eq!(t.series, [SeriesKey::Sector("ai".into()), SeriesKey::Sector("policy".into())]);
        assert_eq!(t.without_year, 1);
        assert_eq!(t.rates_of(&SeriesKey::Sector("ai".into())), [(2016, 0.0), (2017, 4.0)]);
        assert_eq!(t.rates_of(&SeriesKey::Sector("policy".into())), [(2016, 1.0), (2017, 0.0)]);
        assert_eq!(t.first_year(&SeriesKey::Sector("ai".into())), Some(2017));
        assert_eq!(
            t.to_csv(),
            "year,lang,documents,han_chars,words,sector:ai,sector:policy\n2016,zh,1,20000,0,0.000000,1.000000\n2017,zh,1,10000,0,4.000000,0.000000\n"
        );
        assert!(!t.to_text(&BTreeMap::new(), 1).contains("policy"), "only the first column");
        assert!(
            t.to_text(&BTreeMap::new(), 2).contains("2017      1    4.00       ·"),
            "{}",
            t.to_text(&BTreeMap::new(), 2)
        );
    }

    #[test]
    fn concepts_and_unknown_ids() {
        let opts = TrendOptions::new().series(vec![SeriesKey::Concept("ai_chips".into())]);
        let t = Trend::compute(&output(), &opts, None).unwrap();
        assert_eq!(t.counts, [[0], [1]]);
        let opts = TrendOptions::new().series(vec![SeriesKey::Concept("nope".into())]);
        let err = Trend::compute(&output(), &opts, None).unwrap_err().to_string();
        assert!(err.contains("concept \"nope\" never occurs"), "{err}");
        let known: BTreeSet<String> = ["nope".to_string()].into();
        let t = Trend::compute(&output(), &opts, Some(&known)).unwrap();
        assert_eq!(t.first_year(&SeriesKey::Concept("nope".into())), None);
        let err = Trend::compute(&output(), &TrendOptions::new().region(Some("CN-AH".into())), None).unwrap_err();
        assert!(err.to_string().ends_with("documents.csv: no document of region CN-AH with a year"), "{err}");
    }
}
