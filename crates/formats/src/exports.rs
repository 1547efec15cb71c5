//! The extra files of an analyze output folder: the panel always, Stata and Excel copies of the tables on demand.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use crate::table::Table;
use crate::{panel, write_dta, write_xlsx, FormatsError, StataRename};

/// What [`write_exports`] writes besides `panel.csv`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ExportOptions {
    /// `documents.dta`, `counts.dta`, `scores.dta`, `panel.dta`.
    pub dta: bool,
    /// `documents.xlsx`, `counts.xlsx`, `scores.xlsx`, `panel.xlsx`.
    pub xlsx: bool,
    /// `panel.csv` starts with a UTF-8 byte order mark (for Excel), like the run's other CSV tables.
    pub csv_bom: bool,
}

/// What [`write_exports`] wrote.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Exports {
    /// File names written in the folder, in the order written.
    pub files: Vec<String>,
    /// Columns renamed in the Stata files.
    pub stata_renames: Vec<StataRename>,
}

/// The tables every analyze output folder has, in the order they are exported.
const TABLES: &[&str] = &["documents", "counts", "scores"];

/// Write `panel.csv` (see [`panel`]) and, as `options` asks, the Stata and Excel copies of `documents`, `counts`,
/// `scores` and `panel` into the analyze output folder `dir`, then list them (and the Stata renames) under
/// `exports` in `dir/run.json`. Each file is written under a temporary name and renamed into place when complete.
pub fn write_exports(dir: &Path, options: ExportOptions) -> Result<Exports, FormatsError> {
    let mut tables =
        TABLES.iter().map(|name| Table::read(&dir.join(format!("{name}.csv")))).collect::<Result<Vec<_>, _>>()?;
    let panel = panel(&tables[2], &tables[0])?;
    let mut exports = Exports::default();
    atomic(dir, "panel.csv", |path| write_csv(&panel, path, options.csv_bom))?;
    exports.files.push("panel.csv".into());
    tables.push(panel);
    for table in &tables {
        if options.dta {
            let name = format!("{}.dta", table.name);
            let renames = atomic(dir, &name, |path| write_dta(table, path))?;
            exports.stata_renames.extend(renames);
            exports.files.push(name);
        }
        if options.xlsx {
            let name = format!("{}.xlsx", table.name);
            atomic(dir, &name, |path| write_xlsx(table, path))?;
            exports.files.push(name);
        }
    }
    record_in_run_json(dir, &exports)?;
    Ok(exports)
}

/// `write` fills a temporary file in `dir`, renamed to `name` only once complete; removed on error.
fn atomic<T>(dir: &Path, name: &str, write: impl FnOnce(&Path) -> Result<T, FormatsError>) -> Result<T, FormatsError> {
    let tmp = dir.join(format!(".{name}.tmp-{}", std::process::id()));
    let dest = dir.join(name);
    match write(&tmp).and_then(|v| fs::rename(&tmp, &dest).map(|()| v).map_err(|e| io_error(&dest, e))) {
        Ok(v) => Ok(v),
        Err(e) => {
            let _ = fs::remove_file(&tmp);
            Err(e)
        }
    }
}

fn io_error(path: &Path, e: std::io::Error) -> FormatsError {
    FormatsError::Write { path: path.to_path_buf(), source: e }
}

fn write_csv(table: &Table, path: &Path, bom: bool) -> Result<(), FormatsError> {
    let file = fs::File::create(path).map_err(|e| io_error(path, e))?;
    let mut w = std::io::BufWriter::new(file);
    if bom {
        w.write_all(b"\xEF\xBB\xBF").map_err(|e| io_error(path, e))?;
    }
    let mut cw = csv::Writer::from_writer(w);
    let to_error = |e: csv::Error| io_error(path, e.into());
    cw.write_record(&table.headers).map_err(to_error)?;
    for row in &table.rows {
        cw.write_record(row).map_err(to_error)?;
    }
    cw.flush().map_err(|e| io_error(path, e))
}

/// Adds `exports` to `dir/run.json` (left as it is when there is none), keeping every other key.
fn record_in_run_json(dir: &Path, exports: &Exports) -> Result<(), FormatsError> {
    let path: PathBuf = dir.join("run.json");
    let Ok(text) = fs::read_to_string(&path) else {
        return Ok(());
    };
    let mut run: serde_json::Value = serde_json::from_str(&text)
        .map_err(|e| io_error(&path, std::io::Error::new(std::io::ErrorKind::InvalidData, e)))?;
    let renames: Vec<serde_json::Value> = exports
        .stata_renames
        .iter()
        .map(|r| serde_json::json!({"table": r.table, "from": r.from, "to": r.to}))
        .collect();
    if let Some(obj) = run.as_object_mut() {
        obj.insert("exports".into(), serde_json::json!({"files": exports.files, "stata_renames": renames}));
    }
    atomic(dir, "run.json", |tmp| {
        let mut text = serde_json::to_string_pretty(&run).expect("a JSON value serializes");
        text.push('\n');
        fs::write(tmp, text).map_err(|e| io_error(tmp, e))
    })
}
