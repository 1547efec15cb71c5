//! A table as a Stata dataset, release 118 (UTF-8 strings; Stata 14 and later read it).

use std::collections::BTreeSet;
use std::path::Path;

use dta::stata::dta::byte_order::ByteOrder;
use dta::stata::dta::dta_writer::DtaWriter;
use dta::stata::dta::header::Header;
use dta::stata::dta::long_string_table::LongStringTable;
use dta::stata::dta::release::Release;
use dta::stata::dta::schema::Schema;
use dta::stata::dta::value::Value;
use dta::stata::dta::variable::Variable;
use dta::stata::dta::variable_type::VariableType;
use dta::stata::missing_value::MissingValue;
use dta::stata::stata_double::StataDouble;
use dta::stata::stata_long::StataLong;

use crate::table::{ColumnType, Table};
use crate::FormatsError;

/// Longest fixed string of release 118, in bytes; longer cells make the column a `strL`.
const MAX_FIXED: usize = 2045;
/// Longest variable name Stata accepts.
const MAX_NAME: usize = 32;
/// Names Stata reserves (its manual's list, `help reswords`).
const RESERVED: &[&str] = &[
    "_all", "_b", "byte", "_coef", "_cons", "double", "float", "if", "in", "int", "long", "_n", "_N", "_pi", "_pred",
    "_rc", "_skip", "strL", "using", "with",
];

/// A column written under another name because Stata would reject its own.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StataRename {
    /// The table.
    pub table: String,
    /// The CSV column name.
    pub from: String,
    /// The name in the file.
    pub to: String,
}

/// The Stata name for a column called `name`: ASCII letters, digits and `_` (anything else becomes `_`), not
/// starting with a digit (`v` is put first), not reserved (`_` is added), at most 32 characters. Uniqueness
/// among a table's columns is [`write_dta`]'s job.
pub fn stata_name(name: &str) -> String {
    let mut s: String = name.chars().map(|c| if c.is_ascii_alphanumeric() || c == '_' { c } else { '_' }).collect();
    if s.is_empty() || s.starts_with(|c: char| c.is_ascii_digit()) {
        s.insert(0, 'v');
    }
    if RESERVED.contains(&s.as_str()) || is_str_type(&s) {
        s.push('_');
    }
    s.truncate(MAX_NAME);
    s
}

/// `str1` … `str2045` are type names, reserved as variable names.
fn is_str_type(s: &str) -> bool {
    s.strip_prefix("str").is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
}

/// The Stata names of `headers`, unique: a name already taken gets `_2`, `_3`… (cut to fit 32 characters).
fn unique_names(headers: &[String]) -> Vec<String> {
    let mut taken = BTreeSet::new();
    headers
        .iter()
        .map(|h| {
            let base = stata_name(h);
            let mut name = base.clone();
            let mut k = 2;
            while !taken.insert(name.clone()) {
                let suffix = format!("_{k}");
                let mut stem = base.clone();
                stem.truncate(MAX_NAME - suffix.len());
                name = stem + &suffix;
                k += 1;
            }
            name
        })
        .collect()
}

/// Write `table` as a Stata 118 dataset at `path`. Integer columns become `long`, other numeric columns `double`,
/// empty numeric cells Stata's missing value `.`; text columns `str#` sized to their longest cell, or `strL` when a
/// cell is over 2,045 bytes. Each variable's label is the CSV column name. Returns the columns whose names had to
/// change, in column order.
pub fn write_dta(table: &Table, path: &Path) -> Result<Vec<StataRename>, FormatsError> {
    let dta_error = |source| FormatsError::Dta { path: path.to_path_buf(), source };
    let names = unique_names(&table.headers);
    let types: Vec<ColumnType> = (0..table.headers.len()).map(|i| table.column_type(i)).collect();
    let mut schema = Schema::builder();
    for (i, (name, ty)) in names.iter().zip(&types).enumerate() {
        let (variable_type, format) = match ty {
            ColumnType::Integer => (VariableType::Long, "%12.0g".to_string()),
            ColumnType::Number => (VariableType::Double, "%10.0g".to_string()),
            ColumnType::Text => {
                let longest = table.rows.iter().map(|r| r[i].len()).max().unwrap_or(0).max(1);
                if longest > MAX_FIXED {
                    (VariableType::LongString, "%9s".to_string())
                } else {
                    (VariableType::FixedString(longest as u16), format!("%-{}s", longest.min(48)))
                }
            }
        };
        let label: String = table.headers[i].chars().take(80).collect();
        schema = schema.add_variable(Variable::builder(variable_type, name.clone()).format(format).label(label));
    }
    let schema = schema.build().map_err(dta_error)?;
    let header =
        Header::builder(Release::V118, ByteOrder::LittleEndian).dataset_label(format!("gwr {}", table.name)).build();
    let mut records = DtaWriter::new()
        .from_path(path)
        .map_err(dta_error)?
        .write_header(header)
        .map_err(dta_error)?
        .write_schema(schema)
        .map_err(dta_error)?
        .into_record_writer()
        .map_err(dta_error)?;
    let mut long_strings = LongStringTable::for_writing();
    for (r, row) in table.rows.iter().enumerate() {
        let mut values = Vec::with_capacity(row.len());
        for (c, (cell, ty)) in row.iter().zip(&types).enumerate() {
            values.push(match ty {
                ColumnType::Integer => Value::Long(match cell.parse::<i32>() {
                    Ok(v) => StataLong::Present(v),
                    Err(_) => StataLong::Missing(MissingValue::System),
                }),
                ColumnType::Number => Value::Double(match cell.parse::<f64>() {
                    Ok(v) => StataDouble::Present(v),
                    Err(_) => StataDouble::Missing(MissingValue::System),
                }),
                ColumnType::Text if cell.len() > MAX_FIXED || is_long(table, c) => {
                    let variable = u32::try_from(c + 1).expect("fewer than 2^32 columns");
                    Value::LongStringRef(long_strings.get_or_insert(variable, r as u64 + 1, cell.as_str()))
                }
                ColumnType::Text => Value::string(cell),
            });
        }
        records.write_record(&values).map_err(dta_error)?;
    }
    let mut strings = records.into_long_string_writer().map_err(dta_error)?;
    strings.write_long_string_table(&long_strings).map_err(dta_error)?;
    strings.into_value_label_writer().map_err(dta_error)?.finish().map_err(dta_error)?;
    Ok(table
        .headers
        .iter()
        .zip(names)
        .filter(|(from, to)| from != &to)
        .map(|(from, to)| StataRename { table: table.name.clone(), from: from.clone(), to })
        .collect())
}

/// True when column `c` is written as `strL` (one of its cells is over the fixed-string limit).
fn is_long(table: &Table, c: usize) -> bool {
    table.rows.iter().any(|r| r[c].len() > MAX_FIXED)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_stata_rejects_are_renamed_deterministically() {
        assert_eq!(stata_name("per_10k"), "per_10k");
        assert_eq!(stata_name("10k"), "v10k");
        assert_eq!(stata_name("r_brain-computer interfaces"), "r_brain_computer_interfaces");
        assert_eq!(stata_name("long"), "long_");
        assert_eq!(stata_name("str12"), "str12_");
        assert_eq!(stata_name("地区"), "__");
        assert_eq!(stata_name(&"x".repeat(40)).len(), 32);
        let headers: Vec<String> =
            ["r_".to_string() + &"a".repeat(40), "r_".to_string() + &"a".repeat(41), "b".into(), "b".into()].into();
        let names = unique_names(&headers);
        assert_eq!(names[0].len(), 32);
        assert_eq!(names[1], format!("r_{}_2", "a".repeat(28)));
        assert_eq!(names[3], "b_2");
        assert_eq!(unique_names(&headers), names, "the same names every time");
    }
}
