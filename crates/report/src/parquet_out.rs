//! The analyze tables as Parquet: `documents.parquet`, `counts.parquet`, `scores.parquet`.
//!
//! Written with the parquet crate's column writer (no arrow), uncompressed, one row group per file. Column types are
//! listed in the crate docs.

use std::fs::File;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use parquet::data_type::{ByteArray, ByteArrayType, DoubleType, Int32Type, Int64Type};
use parquet::file::properties::WriterProperties;
use parquet::file::writer::SerializedFileWriter;
use parquet::schema::parser::parse_message_type;

use crate::tables::{read_csv, CountRow, DocumentRow, ScoreRow};
use crate::ReportError;

/// One Parquet file written by [`write_parquet`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParquetWritten {
    /// The file.
    pub path: PathBuf,
    /// Its rows (the rows of the CSV table it was made from).
    pub rows: usize,
}

/// The values of one column.
enum Values {
    Text(Vec<String>),
    Int32(Vec<i32>),
    OptInt32(Vec<Option<i32>>),
    Int64(Vec<i64>),
    Double(Vec<f64>),
}

/// Parquet schema of `documents.parquet`.
pub const DOCUMENTS_SCHEMA: &str = "message documents {
  REQUIRED BYTE_ARRAY doc_id (UTF8);
  REQUIRED BYTE_ARRAY source (UTF8);
  REQUIRED BYTE_ARRAY region_code (UTF8);
  REQUIRED BYTE_ARRAY region_name (UTF8);
  OPTIONAL INT32 year;
  REQUIRED BYTE_ARRAY lang (UTF8);
  REQUIRED BYTE_ARRAY encoding (UTF8);
  REQUIRED INT64 chars;
  REQUIRED INT64 han_chars;
  REQUIRED BYTE_ARRAY status (UTF8);
  REQUIRED BYTE_ARRAY reason (UTF8);
  REQUIRED BYTE_ARRAY level (UTF8);
  REQUIRED BYTE_ARRAY adcode (UTF8);
  REQUIRED BYTE_ARRAY parent (UTF8);
  REQUIRED INT64 words;
}";

/// Parquet schema of `counts.parquet`.
pub const COUNTS_SCHEMA: &str = "message counts {
  REQUIRED BYTE_ARRAY doc_id (UTF8);
  REQUIRED BYTE_ARRAY region_code (UTF8);
  OPTIONAL INT32 year;
  REQUIRED BYTE_ARRAY lang (UTF8);
  REQUIRED BYTE_ARRAY sector (UTF8);
  REQUIRED BYTE_ARRAY concept (UTF8);
  REQUIRED BYTE_ARRAY term (UTF8);
  REQUIRED INT64 count;
}";

/// Parquet schema of `scores.parquet`.
pub const SCORES_SCHEMA: &str = "message scores {
  REQUIRED BYTE_ARRAY region_code (UTF8);
  REQUIRED INT32 year;
  REQUIRED BYTE_ARRAY sector (UTF8);
  REQUIRED INT64 count;
  REQUIRED DOUBLE per_10k;
  REQUIRED DOUBLE share;
  REQUIRED DOUBLE lq;
  REQUIRED DOUBLE z;
  REQUIRED INT32 rank;
  REQUIRED BYTE_ARRAY lang (UTF8);
  REQUIRED BYTE_ARRAY level (UTF8);
  REQUIRED BYTE_ARRAY region_name (UTF8);
}";

fn int64(path: &Path, column: &str, v: u64) -> Result<i64, ReportError> {
    i64::try_from(v).map_err(|_| ReportError::Parse {
        path: path.to_path_buf(),
        line: 0,
        message: format!("{column} {v} does not fit a signed 64-bit integer"),
    })
}

fn int32(path: &Path, column: &str, v: u32) -> Result<i32, ReportError> {
    i32::try_from(v).map_err(|_| ReportError::Parse {
        path: path.to_path_buf(),
        line: 0,
        message: format!("{column} {v} does not fit a signed 32-bit integer"),
    })
}

/// Convert `documents.csv`, `counts.csv` and `scores.csv` in `dir` into `.parquet` files beside them (each written
/// to a temporary name and renamed into place). The CSVs must all be there.
pub fn write_parquet(dir: &Path) -> Result<Vec<ParquetWritten>, ReportError> {
    let docs_csv = dir.join("documents.csv");
    let counts_csv = dir.join("counts.csv");
    let scores_csv = dir.join("scores.csv");
    let docs: Vec<DocumentRow> = read_csv(&docs_csv)?;
    let counts: Vec<CountRow> = read_csv(&counts_csv)?;
    let scores: Vec<ScoreRow> = read_csv(&scores_csv)?;

    let text = |f: &dyn Fn(usize) -> String, n: usize| Values::Text((0..n).map(f).collect());
    let mut out = Vec::new();

    let n = docs.len();
    let columns = vec![
        text(&|i| docs[i].doc_id.clone(), n),
        text(&|i| docs[i].source.clone(), n),
        text(&|i| docs[i].region_code.clone(), n),
        text(&|i| docs[i].region_name.clone(), n),
        Values::OptInt32(docs.iter().map(|d| d.year.map(i32::from)).collect()),
        text(&|i| docs[i].lang.clone(), n),
        text(&|i| docs[i].encoding.clone(), n),
        Values::Int64(docs.iter().map(|d| int64(&docs_csv, "chars", d.chars)).collect::<Result<_, _>>()?),
        Values::Int64(docs.iter().map(|d| int64(&docs_csv, "han_chars", d.han_chars)).collect::<Result<_, _>>()?),
        text(&|i| docs[i].status.clone(), n),
        text(&|i| docs[i].reason.clone(), n),
        text(&|i| docs[i].level.clone(), n),
        text(&|i| docs[i].adcode.clone(), n),
        text(&|i| docs[i].parent.clone(), n),
        Values::Int64(docs.iter().map(|d| int64(&docs_csv, "words", d.words)).collect::<Result<_, _>>()?),
    ];
    out.push(write_table(&dir.join("documents.parquet"), DOCUMENTS_SCHEMA, columns, n)?);

    let n = counts.len();
    let columns = vec![
        text(&|i| counts[i].doc_id.clone(), n),
        text(&|i| counts[i].region_code.clone(), n),
        Values::OptInt32(counts.iter().map(|c| c.year.map(i32::from)).collect()),
        text(&|i| counts[i].lang.clone(), n),
        text(&|i| counts[i].sector.clone(), n),
        text(&|i| counts[i].concept.clone(), n),
        text(&|i| counts[i].term.clone(), n),
        Values::Int64(counts.iter().map(|c| int64(&counts_csv, "count", c.count)).collect::<Result<_, _>>()?),
    ];
    out.push(write_table(&dir.join("counts.parquet"), COUNTS_SCHEMA, columns, n)?);

    let n = scores.len();
    let columns = vec![
        text(&|i| scores[i].region_code.clone(), n),
        Values::Int32(scores.iter().map(|s| i32::from(s.year)).collect()),
        text(&|i| scores[i].sector.clone(), n),
        Values::Int64(scores.iter().map(|s| int64(&scores_csv, "count", s.count)).collect::<Result<_, _>>()?),
        Values::Double(scores.iter().map(|s| s.per_10k).collect()),
        Values::Double(scores.iter().map(|s| s.share).collect()),
        Values::Double(scores.iter().map(|s| s.lq).collect()),
        Values::Double(scores.iter().map(|s| s.z).collect()),
        Values::Int32(scores.iter().map(|s| int32(&scores_csv, "rank", s.rank)).collect::<Result<_, _>>()?),
        text(&|i| scores[i].lang.clone(), n),
        text(&|i| scores[i].level.clone(), n),
        text(&|i| scores[i].region_name.clone(), n),
    ];
    out.push(write_table(&dir.join("scores.parquet"), SCORES_SCHEMA, columns, n)?);
    Ok(out)
}

fn write_table(path: &Path, schema: &str, columns: Vec<Values>, rows: usize) -> Result<ParquetWritten, ReportError> {
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let tmp = path.with_file_name(format!(".{name}.tmp-{}", std::process::id()));
    let result = write_file(&tmp, path, schema, columns);
    match result.and_then(|()| std::fs::rename(&tmp, path).map_err(|e| ReportError::io(path, e))) {
        Ok(()) => Ok(ParquetWritten { path: path.to_path_buf(), rows }),
        Err(e) => {
            let _ = std::fs::remove_file(&tmp);
            Err(e)
        }
    }
}

fn write_file(tmp: &Path, path: &Path, schema: &str, columns: Vec<Values>) -> Result<(), ReportError> {
    let pq = |source| ReportError::Parquet { path: path.to_path_buf(), source };
    let schema = Arc::new(parse_message_type(schema).map_err(pq)?);
    let props = Arc::new(WriterProperties::builder().set_created_by("gwr".into()).build());
    let file = File::create(tmp).map_err(|e| ReportError::io(path, e))?;
    let mut writer = SerializedFileWriter::new(file, schema, props).map_err(pq)?;
    let mut group = writer.next_row_group().map_err(pq)?;
    for values in columns {
        let mut col = group.next_column().map_err(pq)?.expect("one column writer per schema column");
        match values {
            Values::Text(v) => {
                let v: Vec<ByteArray> = v.iter().map(|s| ByteArray::from(s.as_str())).collect();
                col.typed::<ByteArrayType>().write_batch(&v, None, None).map_err(pq)?;
            }
            Values::Int32(v) => {
                col.typed::<Int32Type>().write_batch(&v, None, None).map_err(pq)?;
            }
            Values::OptInt32(v) => {
                let def: Vec<i16> = v.iter().map(|x| i16::from(x.is_some())).collect();
                let present: Vec<i32> = v.iter().flatten().copied().collect();
                col.typed::<Int32Type>().write_batch(&present, Some(&def), None).map_err(pq)?;
            }
            Values::Int64(v) => {
                col.typed::<Int64Type>().write_batch(&v, None, None).map_err(pq)?;
            }
            Values::Double(v) => {
                col.typed::<DoubleType>().write_batch(&v, None, None).map_err(pq)?;
            }
        }
        col.close().map_err(pq)?;
    }
    group.close().map_err(pq)?;
    writer.close().map_err(pq)?;
    Ok(())
}
