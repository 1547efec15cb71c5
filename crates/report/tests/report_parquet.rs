//! Parquet tables read back with the parquet crate's own reader hold the same rows as the CSVs they came from.

mod scratch;
use scratch::scratch;

#[path = "parquet_check/mod.rs"]
mod parquet_check;

use parquet_check::assert_same_rows;

#[test]
fn parquet_tables_read_back_with_the_csv_rows() {
    let dir = scratch("parquet");
    std::fs::write(
        dir.join("documents.csv"),
        "doc_id,source,region_code,region_name,year,lang,encoding,chars,han_chars,status,reason,level,adcode,parent,words\n\
         a.csv#1,\"corpus/a,b.csv#1\",CN-AH,安徽省,2026,zh,UTF-8,12000,10500,ok,,province,340000,CN,0\n\
         b.csv#2,corpus/b.csv#2,unknown,,,zh,GB18030,0,0,skipped,\"not a report: \"\"resolution\"\"\",,,,0\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("counts.csv"),
        "doc_id,region_code,year,lang,sector,concept,term,count\n\
         a.csv#1,CN-AH,2026,zh,quantum,quantum_computing,,7\n\
         b.csv#2,unknown,,zh,ai,ai_general,人工智能,1\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("scores.csv"),
        "region_code,year,sector,count,per_10k,share,lq,z,rank,lang,level,region_name\n\
         CN-AH,2026,quantum,7,6.666667,1.000000,1.250000,-0.000001,1,zh,province,安徽省\n\
         CN-AH,2026,ai,0,0.000000,0.000000,0.000000,-2.345678,2,zh,province,安徽省\n",
    )
    .unwrap();
    let written = gwr_report::write_parquet(&dir).unwrap();
    let rows: Vec<usize> = written.iter().map(|w| w.rows).collect();
    assert_eq!(rows, [2, 2, 2]);
    assert_eq!(assert_same_rows(&dir, "documents"), 2);
    assert_eq!(assert_same_rows(&dir, "counts"), 2);
    assert_eq!(assert_same_rows(&dir, "scores"), 2);
    // No temporary file is left behind.
    let leftovers: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with('.'))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn parquet_errors_name_the_csv_and_line() {
    let dir = scratch("parquet-errors");
    let err = gwr_report::write_parquet(&dir).unwrap_err().to_string();
    assert!(err.contains("documents.csv: missing"), "{err}");
    std::fs::write(
        dir.join("documents.csv"),
        "doc_id,source,region_code,region_name,year,lang,encoding,chars,han_chars,status,reason\n\
         a,a,CN-AH,安徽省,20266666,zh,UTF-8,1,1,ok,\n",
    )
    .unwrap();
    let err = gwr_report::write_parquet(&dir).unwrap_err().to_string();
    assert!(err.contains("documents.csv:2: column 5"), "{err}");
}
