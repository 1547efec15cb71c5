//! Results people can look at: an HTML report, heatmaps (SVG and PNG), trends over the years and Parquet tables
//! made from the folder `gwr analyze` writes, and term discovery over a corpus.
//!
//! Everything here reads the analyze output tables (`documents.csv`, `counts.csv`, `scores.csv`, `hits.jsonl`, and
//! `claims.csv` when claims were checked) through [`AnalyzeOutput::load`], so a report can be made long after the
//! analysis, on another machine, from the files alone.
//!
//! - [`Report`]: `report.html` (self-contained: inline CSS, SVG and a little script, nothing fetched), with the
//!   region × sector heatmaps of z and LQ, each region's top sectors with quoted evidence (document id and byte
//!   offsets), the claims table, per-sector bars across regions and sortable tables; `heatmap.svg` and
//!   `heatmap.png` for papers. Charts are hand-written SVG ([`svg`]); PNGs are rendered by resvg with a system
//!   font that has Chinese glyphs ([`Fonts::available`]); without one, the PNG gets Latin labels (pinyin region
//!   names, English sector names) and [`Written::png_notice`] says so.
//!
//! - [`Trend`]: a year × sector (or concept) table of rates per 10,000 Han characters, from `counts.csv` and
//!   `documents.csv`, printed and written as `trend.csv` with a line chart `trend.svg`.
//! - [`write_parquet`]: `documents.csv`, `counts.csv` and `scores.csv` of a folder as `.parquet` files for pandas,
//!   Polars and R users (uncompressed, one row group; types below). `gwr export-parquet DIR`.
//! - [`discover`]: terms the dictionary misses (jieba words, n-grams, TF-IDF and TextRank keywords) that
//!   co-occur with sector terms and are distinctive for a region or year, ranked, with KWIC examples;
//!   [`Discovery::to_toml`] writes them in the dictionary's own format for review.
//!
//! # Example
//!
//! ```
//! use gwr_report::{AnalyzeOutput, Metric, Report};
//!
//! let dir = std::env::temp_dir().join(format!("gwr-report-doc-{}", std::process::id()));
//! std::fs::create_dir_all(&dir)?;
//! std::fs::write(dir.join("documents.csv"), "doc_id,source,region_code,region_name,year,lang,encoding,chars,han_chars,status,reason\n\
//!     d1,a.txt,CN-AH,安徽省,2026,zh,UTF-8,1000,900,ok,\n\
//!     d2,b.txt,CN-SH,上海市,2026,zh,UTF-8,1000,950,ok,\n")?;
//! std::fs::write(dir.join("counts.csv"), "doc_id,region_code,year,lang,sector,concept,count\n\
//!     d1,CN-AH,2026,zh,quantum,quantum_computing,4\n\
//!     d2,CN-SH,2026,zh,ai,ai_general,6\n")?;
//! std::fs::write(dir.join("scores.csv"), "region_code,year,sector,count,per_10k,share,lq,z,rank\n\
//!     CN-AH,2026,quantum,4,44.4,1.0,2.0,1.9,1\n\
//!     CN-AH,2026,ai,0,0.0,0.0,0.0,-1.9,2\n\
//!     CN-SH,2026,ai,6,63.2,1.0,1.7,1.9,1\n\
//!     CN-SH,2026,quantum,0,0.0,0.0,0.0,-1.9,2\n")?;
//!
//! let output = AnalyzeOutput::load(&dir)?;
//! let report = Report::new(&output);
//! let z = report.matrix(Metric::Z);
//! assert_eq!(z.rows, ["上海市", "安徽省"]); // gazetteer order: 上海 before 安徽
//! assert_eq!(z.cols, ["quantum", "ai"]);
//! assert_eq!(z.values[1][0], Some(1.9)); // 安徽省, quantum
//! let html = report.html();
//! assert!(html.contains("data-region=\"CN-SH\""));
//! assert!(!html.contains("<script src"));
//! std::fs::remove_dir_all(&dir)?;
//! Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # Parquet column types
//!
//! Text columns are `BYTE_ARRAY (UTF8)` (pandas: `object`/`string`, Polars: `Utf8`, R arrow: `character`); a
//! year that may be missing is `OPTIONAL INT32` (pandas: `Int32`/`float64` with NaN, Polars: `Int32` with nulls).
//!
//! | table | column | Parquet type |
//! |---|---|---|
//! | documents | doc_id, source, region_code, region_name, lang, encoding, status, reason, level, adcode, parent | `BYTE_ARRAY (UTF8)`, required |
//! | documents | year | `INT32`, optional (null when unknown) |
//! | documents | chars, han_chars, words | `INT64`, required |
//! | counts | doc_id, region_code, lang, sector, concept | `BYTE_ARRAY (UTF8)`, required |
//! | counts | year | `INT32`, optional |
//! | counts | count | `INT64`, required |
//! | scores | region_code, sector, lang, level, region_name | `BYTE_ARRAY (UTF8)`, required |
//! | scores | year, rank | `INT32`, required |
//! | scores | count | `INT64`, required |
//! | scores | per_10k, share, lq, z | `DOUBLE`, required (the CSV's six-decimal values) |
//!
//! The full schemas are [`DOCUMENTS_SCHEMA`], [`COUNTS_SCHEMA`] and [`SCORES_SCHEMA`].
//!
//! # Crate features
//!
//! None. The PNG renderer (resvg, pure Rust) is always built, without its raster-image and svgz support.

pub mod compare_lang;
mod discover;
mod error;
mod parquet_out;
mod png;
mod report;
pub mod svg;
mod tables;
mod trend;

use std::path::Path;

pub use compare_lang::{compare_lang, CompareOptions, Disagreement, LangPair, SectorSide};
pub use discover::{discover, Candidate, DiscoverOptions, Discovery, Grouping, Kwic, Source};
pub use error::ReportError;
/// The parquet crate the tables are written with, for reading them back with the same version.
pub use parquet;
pub use parquet_out::{write_parquet, ParquetWritten, COUNTS_SCHEMA, DOCUMENTS_SCHEMA, SCORES_SCHEMA};
pub use png::{render_png, Fonts, NO_SYSTEM_FONTS_ENV};
pub use report::{Metric, Report, Written};
pub use tables::{read_csv, read_jsonl, AnalyzeOutput, ClaimRow, CountRow, DocumentRow, Hit, ScoreRow};
pub use trend::{SeriesKey, Trend, TrendOptions, TrendYear};

/// Write `bytes` to `path` through a temporary file in the same folder and a rename, so a reader never sees a
/// half-written file.
pub(crate) fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), ReportError> {
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let tmp = path.with_file_name(format!(".{name}.tmp-{}", std::process::id()));
    std::fs::write(&tmp, bytes).map_err(|e| ReportError::io(path, e))?;
    std::fs::rename(&tmp, path).map_err(|e| {
        let _ = std::fs::remove_file(&tmp);
        ReportError::io(path, e)
    })
}
