//! Reading the tables `gwr analyze` writes: `documents.csv`, `counts.csv`, `scores.csv`, `hits.jsonl` and, when
//! claims were checked, `claims.csv`.

use std::collections::BTreeMap;
use std::fs;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use crate::ReportError;

/// One row of `documents.csv`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct DocumentRow {
    /// Stable document id.
    pub doc_id: String,
    /// Where it came from.
    pub source: String,
    /// ISO 3166-2:CN code, `CN` or `unknown`.
    pub region_code: String,
    /// Chinese name of the region (empty when unknown).
    pub region_name: String,
    /// Year of the report, when known.
    pub year: Option<u16>,
    /// `zh`, `en` or `fr`.
    pub lang: String,
    /// Encoding the bytes were decoded from.
    pub encoding: String,
    /// Characters of the decoded text.
    pub chars: u64,
    /// Han characters of the decoded text.
    pub han_chars: u64,
    /// `ok`, `skipped` or `failed`.
    pub status: String,
    /// Why it was skipped or failed.
    pub reason: String,
    /// Administrative level (`national`, `province`, `prefecture`, `county`, `unknown`); empty in older outputs.
    #[serde(default)]
    pub level: String,
    /// GB/T 2260 code of the region; empty when none.
    #[serde(default)]
    pub adcode: String,
    /// ISO code of the province of a prefecture or county, `CN` for a province.
    #[serde(default)]
    pub parent: String,
    /// Latin-script words of the counted text (the rates' denominator for English and French).
    #[serde(default)]
    pub words: u64,
}

/// One row of `counts.csv`: the count of one concept in one document.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CountRow {
    /// Document id.
    pub doc_id: String,
    /// Region of the document.
    pub region_code: String,
    /// Year of the document, when known.
    pub year: Option<u16>,
    /// Language of the document.
    pub lang: String,
    /// Sector (or policy heading) id.
    pub sector: String,
    /// Concept id.
    pub concept: String,
    /// The word of an imported word list (empty on a concept's total row).
    #[serde(default)]
    pub term: String,
    /// Number of counted hits.
    pub count: u64,
}

/// One row of `scores.csv`: the pipeline's own type, read back from the file.
pub use gwr_score::ScoreRow;

/// One row of `claims.csv` (written by `gwr claims`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ClaimRow {
    /// Claim id.
    pub claim_id: String,
    /// Region the claim is about.
    pub region_code: String,
    /// Sector the claim is about.
    pub sector: String,
    /// Hits of the sector in the region.
    #[serde(default)]
    pub count: Option<u64>,
    /// Rate per 10,000 characters.
    #[serde(default)]
    pub per_10k: Option<f64>,
    /// Location quotient.
    #[serde(default)]
    pub lq: Option<f64>,
    /// z-score.
    #[serde(default)]
    pub z: Option<f64>,
    /// Rank of the sector in the region.
    #[serde(default)]
    pub rank: Option<u32>,
    /// Rank of the region in the sector, nationally.
    #[serde(default)]
    pub national_rank: Option<u32>,
    /// The verdict.
    pub verdict: String,
    /// Quoted evidence.
    #[serde(default)]
    pub evidence: String,
    /// A figure found near the sector's terms.
    #[serde(default)]
    pub figure_found: String,
    /// Name of the region or cluster (`Greater Bay Area`); empty in files written before the column existed.
    #[serde(default)]
    pub region_name: String,
    /// The claim, in the claims file's own words.
    #[serde(default)]
    pub claim: String,
    /// The article's figure: value, unit and the article's writing.
    #[serde(default)]
    pub claimed_figure: String,
    /// What the report states: `figure`, `position`, `other figure` or `no`.
    #[serde(default)]
    pub stated: String,
    /// `doc_id@start..end: sentence`, term in `[ ]`, figure or position in `{ }`.
    #[serde(default)]
    pub stated_evidence: String,
    /// `yes`, `no`, or empty without scores.
    #[serde(default)]
    pub emphasised: String,
    /// The scores and the emphasis rule's outcome.
    #[serde(default)]
    pub emphasis_evidence: String,
    /// The verdict's reason, one line.
    #[serde(default)]
    pub reason: String,
}

/// One line of `hits.jsonl`.
pub use gwr_core::Hit;

/// Everything `gwr analyze` wrote into one folder.
#[derive(Clone, Debug, Default)]
pub struct AnalyzeOutput {
    /// The folder read.
    pub dir: PathBuf,
    /// `documents.csv`.
    pub documents: Vec<DocumentRow>,
    /// `counts.csv`.
    pub counts: Vec<CountRow>,
    /// `scores.csv`.
    pub scores: Vec<ScoreRow>,
    /// `hits.jsonl` (empty when the file is absent).
    pub hits: Vec<Hit>,
    /// `claims.csv`, when present.
    pub claims: Option<Vec<ClaimRow>>,
}

impl AnalyzeOutput {
    /// Read the tables of an analyze output folder. `documents.csv`, `counts.csv` and `scores.csv` are required;
    /// `hits.jsonl` and `claims.csv` are read when present.
    pub fn load(dir: &Path) -> Result<AnalyzeOutput, ReportError> {
        if !dir.is_dir() {
            return Err(ReportError::Missing { path: dir.to_path_buf() });
        }
        let hits_path = dir.join("hits.jsonl");
        let claims_path = dir.join("claims.csv");
        Ok(AnalyzeOutput {
            dir: dir.to_path_buf(),
            documents: read_csv(&dir.join("documents.csv"))?,
            counts: read_csv(&dir.join("counts.csv"))?,
            scores: read_csv(&dir.join("scores.csv"))?,
            hits: if hits_path.is_file() { read_jsonl(&hits_path)? } else { Vec::new() },
            claims: if claims_path.is_file() { Some(read_csv(&claims_path)?) } else { None },
        })
    }

    /// Chinese region names by region code, from `documents.csv` (the code itself when no name is known).
    pub fn region_names(&self) -> BTreeMap<String, String> {
        let mut names = BTreeMap::new();
        for d in &self.documents {
            let name = if d.region_name.is_empty() { d.region_code.clone() } else { d.region_name.clone() };
            names.entry(d.region_code.clone()).or_insert(name);
        }
        names
    }

    /// The documents that were read and counted.
    pub fn ok_documents(&self) -> impl Iterator<Item = &DocumentRow> {
        self.documents.iter().filter(|d| d.status == "ok")
    }
}

/// Read a CSV table with a header row into rows of `T`. Errors name the file and line.
pub fn read_csv<T: DeserializeOwned>(path: &Path) -> Result<Vec<T>, ReportError> {
    if !path.is_file() {
        return Err(ReportError::Missing { path: path.to_path_buf() });
    }
    let file = fs::File::open(path).map_err(|e| ReportError::io(path, e))?;
    let mut file = BufReader::new(file);
    // Tables written with `--csv-bom` start with a byte order mark, which is not part of the first column's name.
    if file.fill_buf().map_err(|e| ReportError::io(path, e))?.starts_with(b"\xEF\xBB\xBF") {
        file.consume(3);
    }
    let mut reader = csv::Reader::from_reader(file);
    let mut rows = Vec::new();
    for result in reader.deserialize() {
        let row: T = result.map_err(|e| csv_error(path, &e))?;
        rows.push(row);
    }
    Ok(rows)
}

pub(crate) fn csv_error(path: &Path, e: &csv::Error) -> ReportError {
    let line = e.position().map(|p| p.line()).unwrap_or(0);
    let message = match e.kind() {
        csv::ErrorKind::Deserialize { err, .. } => match err.field() {
            Some(field) => format!("column {}: {}", field + 1, err.kind()),
            None => err.kind().to_string(),
        },
        _ => e.to_string(),
    };
    ReportError::Parse { path: path.to_path_buf(), line, message: message.to_lowercase() }
}

/// Read a JSON-lines file into values of `T`; blank lines are skipped. Errors name the file and line.
pub fn read_jsonl<T: DeserializeOwned>(path: &Path) -> Result<Vec<T>, ReportError> {
    let file = fs::File::open(path).map_err(|e| ReportError::io(path, e))?;
    let mut out = Vec::new();
    for (i, line) in BufReader::new(file).lines().enumerate() {
        let line = line.map_err(|e| ReportError::io(path, e))?;
        if line.trim().is_empty() {
            continue;
        }
        let value = serde_json::from_str(&line).map_err(|e| ReportError::Parse {
            path: path.to_path_buf(),
            line: i as u64 + 1,
            message: e.to_string(),
        })?;
        out.push(value);
    }
    Ok(out)
}
