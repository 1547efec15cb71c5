//! The Stata and Excel files hold the rows and values of their CSV tables, read back by readers independent of the
//! writers (the `dta` crate's reader for Stata, `calamine` for Excel).

use std::path::Path;

use calamine::{open_workbook, Data, Reader, Xlsx};
use dta::stata::dta::dta_reader::DtaReader;
use dta::stata::dta::value::Value;
use gwr_formats::{panel, write_dta, write_xlsx, Table};

/// An analyze output folder made of invented rows: Chinese strings, empty cells, a long reason, a column name Stata
/// rejects.
fn output_folder(dir: &Path) {
    let long_reason = "重复".repeat(1200); // 7,200 bytes: over the fixed-string limit, so a strL
    std::fs::write(
        dir.join("documents.csv"),
        format!(
            "doc_id,source,region_code,region_name,year,lang,encoding,chars,han_chars,status,reason\n\
             a.txt,a.txt,CN-AH,安徽省,2026,zh,UTF-8,1000,900,ok,\n\
             b.txt,b.txt,CN-BJ,北京市,,zh,UTF-8,500,450,ok,{long_reason}\n\
             c.txt,c.txt,unknown,,,zh,UTF-8,0,0,failed,\"binary content, NUL at 3\"\n"
        ),
    )
    .unwrap();
    std::fs::write(
        dir.join("counts.csv"),
        "doc_id,region_code,year,lang,sector,concept,count\na.txt,CN-AH,2026,zh,quantum,quantum_general,8\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("scores.csv"),
        "region_code,year,sector,count,per_10k,share,lq,z,rank,long-name-that-stata-would-never-accept-as-is\n\
         CN-AH,2026,quantum,8,88.888889,1.000000,1.000000,0.500000,1,x\n\
         CN-BJ,2026,quantum,0,0.000000,0.000000,0.000000,-0.500000,1,y\n",
    )
    .unwrap();
}

/// Every cell of a Stata file as text, the way the CSV writes it (numbers re-formatted, missing as empty).
fn dta_cells(path: &Path) -> (Vec<String>, Vec<Vec<String>>) {
    let schema_reader = DtaReader::new().from_path(path).unwrap().read_header().unwrap();
    let mut characteristics = schema_reader.read_schema().unwrap();
    characteristics.skip_to_end().unwrap();
    let mut records = characteristics.into_record_reader().unwrap();
    let schema = records.schema().clone();
    let names = schema.variables().iter().map(|v| v.name().to_string()).collect();
    let mut rows = Vec::new();
    let mut refs = Vec::new();
    while let Some(record) = records.read_record().unwrap() {
        let mut row = Vec::new();
        for value in record.values() {
            row.push(match value {
                Value::Long(v) => v.present().map(|x| x.to_string()).unwrap_or_default(),
                Value::Double(v) => v.present().map(|x| x.to_string()).unwrap_or_default(),
                Value::String(s) => s.to_string(),
                Value::LongStringRef(r) => {
                    refs.push((rows.len(), row.len(), *r));
                    String::new()
                }
                other => panic!("unexpected value {other:?}"),
            });
        }
        rows.push(row);
    }
    let mut long = records.into_long_string_reader().unwrap();
    let mut strings = std::collections::HashMap::new();
    while let Some(s) = long.read_long_string().unwrap() {
        strings.insert((s.variable(), s.observation()), String::from_utf8(s.data().to_vec()).unwrap());
    }
    for (r, c, reference) in refs {
        rows[r][c] = strings[&(reference.variable(), reference.observation())].clone();
    }
    (names, rows)
}

/// A number as the CSV writes it would compare equal to `f64` parsing of both.
fn same_value(csv: &str, other: &str) -> bool {
    csv == other || (csv.parse::<f64>().ok().is_some() && csv.parse::<f64>().ok() == other.parse::<f64>().ok())
}

#[test]
fn stata_and_excel_files_hold_the_csv_rows() {
    let dir = tempfile::tempdir().unwrap();
    output_folder(dir.path());
    let read = |name: &str| Table::read(&dir.path().join(format!("{name}.csv"))).unwrap();
    let mut tables = vec![read("documents"), read("counts"), read("scores")];
    tables.push(panel(&tables[2], &tables[0]).unwrap());
    let mut renames = Vec::new();
    for table in &tables {
        renames.extend(write_dta(table, &dir.path().join(format!("{}.dta", table.name))).unwrap());
        write_xlsx(table, &dir.path().join(format!("{}.xlsx", table.name))).unwrap();
    }
    assert_eq!(renames.len(), 1, "{renames:?}");
    assert_eq!(renames[0].from, "long-name-that-stata-would-never-accept-as-is");
    assert_eq!(renames[0].to, "long_name_that_stata_would_never");

    for csv in &tables {
        let name = csv.name.as_str();
        let (names, rows) = dta_cells(&dir.path().join(format!("{name}.dta")));
        assert_eq!(names.len(), csv.headers.len(), "{name}");
        assert_eq!(rows.len(), csv.rows.len(), "{name}");
        for (want, got) in csv.rows.iter().zip(&rows) {
            for (w, g) in want.iter().zip(got) {
                assert!(same_value(w, g), "{name}.dta: {w:?} read back as {g:?}");
            }
        }
        let mut book: Xlsx<_> = open_workbook(dir.path().join(format!("{name}.xlsx"))).unwrap();
        let range = book.worksheet_range(name).unwrap();
        let cells: Vec<Vec<String>> = range
            .rows()
            .map(|r| {
                r.iter()
                    .map(|c| match c {
                        Data::Empty => String::new(),
                        Data::String(s) => s.clone(),
                        Data::Float(f) => f.to_string(),
                        Data::Int(i) => i.to_string(),
                        other => panic!("unexpected cell {other:?}"),
                    })
                    .collect()
            })
            .collect();
        assert_eq!(cells[0], csv.headers, "{name}.xlsx header");
        assert_eq!(cells.len() - 1, csv.rows.len(), "{name}.xlsx rows");
        for (want, got) in csv.rows.iter().zip(&cells[1..]) {
            for (w, g) in want.iter().zip(got) {
                assert!(same_value(w, g), "{name}.xlsx: {w:?} read back as {g:?}");
            }
        }
    }
}

#[test]
fn a_cell_over_excels_limit_is_an_error_not_a_cut() {
    let dir = tempfile::tempdir().unwrap();
    let long = "字".repeat(40_000);
    let table = Table::from_csv_str("documents", &format!("doc_id,reason\na,{long}\n")).unwrap();
    let err = write_xlsx(&table, &dir.path().join("d.xlsx")).unwrap_err();
    assert!(err.to_string().contains("row 1, column \"reason\": 40000 characters"), "{err}");
    assert!(write_dta(&table, &dir.path().join("d.dta")).is_ok(), "Stata takes it as a strL");
}
