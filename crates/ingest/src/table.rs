//! CSV and JSONL corpora: one document per row (or, for the sentence-aligned bilingual shape, one per language
//! and year).

use std::collections::BTreeMap;

/// Column names (lower case) that hold a document's text, in order of preference.
pub const TEXT_COLUMNS: &[&str] = &["full_text", "content", "text", "正文", "全文"];
const REGION_COLUMNS: &[&str] = &["province", "region", "省份", "地区"];
/// Columns naming a prefecture or county: taken before the province column, which then narrows them.
const CITY_COLUMNS: &[&str] = &["city", "城市", "地级市", "prefecture", "county", "区县", "县区"];
const YEAR_COLUMNS: &[&str] = &["year", "年份", "报告年份"];
const TITLE_COLUMNS: &[&str] = &["title", "标题"];
const LANG_COLUMNS: &[&str] = &["lang", "language", "语言"];

/// One document (or one failed row) read from a table, before region, year and language are settled.
#[derive(Debug, Default)]
pub struct Row {
    /// What follows `#` in the source: the 1-based data row (CSV), line (JSONL) or `2024-zh` (bilingual).
    pub key: String,
    /// The document text.
    pub text: String,
    /// Region metadata as written: the named region column, else a city column, else a province column.
    pub region: Option<String>,
    /// The province column when `region` came from another column (it narrows an ambiguous city name).
    pub region_hint: Option<String>,
    /// True when a region column was named but this table has none of that name.
    pub region_column_missing: bool,
    /// Year metadata as written; `Some("")` when the column is there but empty or null.
    pub year: Option<String>,
    /// Title metadata.
    pub title: Option<String>,
    /// Language metadata.
    pub lang: Option<String>,
    /// Set when the row could not be read: the reason.
    pub error: Option<String>,
}

fn column(header: &[String], names: &[&str]) -> Option<usize> {
    names.iter().find_map(|n| header.iter().position(|h| h == n))
}

/// The column holding the region, the one holding its hint (a province column beside a city column), and
/// whether a named column is missing.
fn region_columns(header: &[String], wanted: Option<&str>) -> (Option<usize>, Option<usize>, bool) {
    let province = column(header, REGION_COLUMNS);
    if let Some(name) = wanted {
        let idx = header.iter().position(|h| *h == name.trim().to_lowercase());
        return (idx, province.filter(|&p| Some(p) != idx), idx.is_none());
    }
    match column(header, CITY_COLUMNS) {
        Some(city) => (Some(city), province, false),
        None => (province, None, false),
    }
}

fn header_names(record: &[String]) -> Vec<String> {
    record.iter().map(|h| header_name(h)).collect()
}

/// A header cell as columns are looked up: trimmed, without a BOM, lower case.
pub fn header_name(cell: &str) -> String {
    cell.trim().trim_start_matches('\u{FEFF}').to_lowercase()
}

fn text_column(header: &[String], wanted: Option<&str>) -> Result<usize, String> {
    match wanted {
        Some(name) => header
            .iter()
            .position(|h| *h == name.trim().to_lowercase())
            .ok_or_else(|| format!("no column {name:?} in the header")),
        None => column(header, TEXT_COLUMNS)
            .ok_or_else(|| format!("no text column ({}) in the header", TEXT_COLUMNS.join(", "))),
    }
}

/// One record of a CSV text, as [`records`] reads it.
#[derive(Debug, PartialEq, Eq)]
struct Record {
    /// The 1-based line it starts on.
    line: usize,
    /// Its fields, or why it cannot be read.
    fields: Result<Vec<String>, String>,
}

/// A quote that does not close where a field should end.
struct QuoteError {
    /// The line of the quote that opened the field.
    open_line: usize,
    /// The line where the field was found broken: of the closing quote followed by text, or past the last line.
    found_line: Option<usize>,
    /// Fields of the record read whole before the broken one.
    fields_before: usize,
}

/// The records of a CSV text (RFC 4180: fields separated by `delimiter`, records by `\n`, `\r\n` or `\r`, a field
/// that starts with `"` quoted, `""` inside it a quote; empty lines skipped), every physical line accounted for.
///
/// A quoted field must close with a quote followed by the delimiter or the end of the record. One that does not
/// (a missing closing quote makes the next opening quote close it, followed by text) fails its record alone,
/// with the line the quote opened on: reading starts again at the first later line that holds a whole
/// well-formed record of `expected` fields (the header's; any number while the header is read), or a record
/// broken the same way in its last field, so that no row is merged into a neighbour and the rows after keep their
/// numbers. Lines skipped that way belong to the failed record.
fn records(text: &str, delimiter: u8, mut expected: Option<usize>) -> Vec<Record> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let (mut pos, mut line) = (0, 1);
    while pos < b.len() {
        match b[pos] {
            b'\n' => {
                pos += 1;
                line += 1;
                continue;
            }
            b'\r' => {
                pos += 1;
                continue;
            }
            _ => {}
        }
        match record_at(b, pos, line, delimiter) {
            Ok((fields, end, end_line)) => {
                expected.get_or_insert(fields.len());
                out.push(Record { line, fields: Ok(fields) });
                (pos, line) = (end, end_line);
            }
            Err(e) => {
                // The first later line (after the opening quote's) that starts a well-formed record.
                let mut resync = None;
                let mut at = line_starts_after(b, pos, line).skip_while(|&(_, l)| l <= e.open_line);
                for (start, start_line) in &mut at {
                    if b[start] == b'\n' || b[start] == b'\r' {
                        continue;
                    }
                    // A well-formed record, or one as broken as this, whose fields before its own broken one
                    // are all there (it fails on its own, in turn).
                    let starts_record = match record_at(b, start, start_line, delimiter) {
                        Ok((fields, ..)) => expected.is_none_or(|n| n == fields.len()),
                        Err(other) => {
                            other.open_line == start_line
                                && other.fields_before > 0
                                && expected.is_none_or(|n| n == other.fields_before + 1)
                        }
                    };
                    if starts_record {
                        resync = Some((start, start_line));
                        break;
                    }
                }
                let found = match e.found_line {
                    Some(l) => format!("a closing quote at line {l} is followed by text"),
                    None => "it never closes".to_string(),
                };
                let then = match resync {
                    Some((_, l)) => format!("; reading resumes at line {l}"),
                    None => "; no well-formed record after it".to_string(),
                };
                let reason =
                    format!("unbalanced quote: the quoted field opened at line {} ({found}){then}", e.open_line);
                out.push(Record { line, fields: Err(reason) });
                (pos, line) = resync.unwrap_or((b.len(), line));
            }
        }
    }
    out
}

/// The starts of the lines after the one `pos` is on (`line`), with their numbers.
fn line_starts_after(b: &[u8], pos: usize, line: usize) -> impl Iterator<Item = (usize, usize)> + '_ {
    memchr::memchr_iter(b'\n', &b[pos..])
        .enumerate()
        .map(move |(k, nl)| (pos + nl + 1, line + k + 1))
        .filter(move |&(start, _)| start < b.len())
}

/// The record that starts at `pos` (on `line`): its fields, where the next one may start, and that line.
fn record_at(
    b: &[u8],
    mut pos: usize,
    mut line: usize,
    delimiter: u8,
) -> Result<(Vec<String>, usize, usize), QuoteError> {
    let text = |from: usize, to: usize| String::from_utf8_lossy(&b[from..to]).into_owned();
    let mut fields = Vec::new();
    loop {
        let field = if b.get(pos) == Some(&b'"') {
            let open_line = line;
            let mut field = String::new();
            pos += 1;
            loop {
                let Some(q) = memchr::memchr(b'"', &b[pos..]).map(|q| pos + q) else {
                    return Err(QuoteError { open_line, found_line: None, fields_before: fields.len() });
                };
                line += memchr::memchr_iter(b'\n', &b[pos..q]).count();
                field.push_str(&text(pos, q));
                pos = q + 1;
                if b.get(pos) == Some(&b'"') {
                    field.push('"');
                    pos += 1;
                } else {
                    break;
                }
            }
            if !matches!(b.get(pos), None | Some(b'\n' | b'\r')) && b[pos] != delimiter {
                return Err(QuoteError { open_line, found_line: Some(line), fields_before: fields.len() });
            }
            field
        } else {
            let end = memchr::memchr3(delimiter, b'\n', b'\r', &b[pos..]).map_or(b.len(), |e| pos + e);
            let field = text(pos, end);
            pos = end;
            field
        };
        fields.push(field);
        match b.get(pos) {
            None => return Ok((fields, pos, line)),
            Some(&c) if c == delimiter => pos += 1,
            Some(b'\r') if b.get(pos + 1) == Some(&b'\n') => return Ok((fields, pos + 2, line + 1)),
            Some(b'\r') => return Ok((fields, pos + 1, line)),
            Some(_) => return Ok((fields, pos + 1, line + 1)),
        }
    }
}

/// Where a table's columns are, found once from its header: the text column and the metadata columns.
#[derive(Clone, Debug)]
pub struct Columns {
    /// The text column.
    pub text: usize,
    /// The region column.
    pub region: Option<usize>,
    /// The year column.
    pub year: Option<usize>,
    /// The title column.
    pub title: Option<usize>,
    /// The language column.
    pub lang: Option<usize>,
}

impl Columns {
    /// The columns of `header` (names as [`header_name`] gives them): the text column named `text_col`, else the
    /// first of [`TEXT_COLUMNS`]; `Err` names what is missing.
    pub fn find(header: &[String], text_col: Option<&str>) -> Result<Columns, String> {
        Ok(Columns {
            text: text_column(header, text_col)?,
            region: column(header, REGION_COLUMNS),
            year: column(header, YEAR_COLUMNS),
            title: column(header, TITLE_COLUMNS),
            lang: column(header, LANG_COLUMNS),
        })
    }

    /// The row `key` whose cell in column `i` is `field(i)`: the text as it is, metadata trimmed (an empty year
    /// kept as `Some("")`, other empty metadata as `None`).
    pub fn row<'a>(&self, key: String, field: impl Fn(usize) -> Option<&'a str>) -> Row {
        let get = |idx: Option<usize>| idx.and_then(&field).map(|v| v.trim().to_string());
        Row {
            key,
            text: field(self.text).unwrap_or_default().to_string(),
            region: get(self.region).filter(|v| !v.is_empty()),
            year: get(self.year),
            title: get(self.title).filter(|v| !v.is_empty()),
            lang: get(self.lang).filter(|v| !v.is_empty()),
            error: None,
            ..Row::default()
        }
    }
}

/// Read a CSV (or TSV when `delimiter` is a tab) text. `Err` when the file as a whole cannot be read.
pub fn read_csv(
    text: &str,
    delimiter: u8,
    text_col: Option<&str>,
    region_col: Option<&str>,
) -> Result<Vec<Row>, String> {
    let mut all = records(text, delimiter, None).into_iter();
    let header = match all.next() {
        None => return Ok(Vec::new()),
        Some(Record { fields: Ok(h), .. }) => header_names(&h),
        Some(Record { fields: Err(e), line }) => return Err(format!("csv header (line {line}): {e}")),
    };
    if text_col.is_none() && header.iter().any(|h| h == "中文") && header.iter().any(|h| h == "英文") {
        return Ok(read_bilingual(all, &header));
    }
    let text_idx = text_column(&header, text_col)?;
    let (region_idx, hint_idx, region_missing) = region_columns(&header, region_col);
    let year_idx = column(&header, YEAR_COLUMNS);
    let title_idx = column(&header, TITLE_COLUMNS);
    let lang_idx = column(&header, LANG_COLUMNS);
    let mut rows = Vec::new();
    for (i, record) in all.enumerate() {
        let n = i + 1;
        let mut row = Row { key: n.to_string(), ..Row::default() };
        match record.fields {
            Err(e) => row.error = Some(format!("csv row {n} (line {}): {e}", record.line)),
            Ok(r) if r.len() != header.len() => {
                row.error = Some(format!("csv row {n}: {} fields, expected {}", r.len(), header.len()));
            }
            Ok(mut r) => {
                let get = |idx: Option<usize>| idx.and_then(|i| r.get(i)).map(|v| v.trim().to_string());
                row.region = get(region_idx).filter(|v| !v.is_empty());
                row.region_hint = get(hint_idx).filter(|v| !v.is_empty());
                row.region_column_missing = region_missing;
                row.year = get(year_idx);
                row.title = get(title_idx).filter(|v| !v.is_empty());
                row.lang = get(lang_idx).filter(|v| !v.is_empty());
                row.text = std::mem::take(&mut r[text_idx]);
            }
        }
        rows.push(row);
    }
    Ok(rows)
}

/// The sentence-aligned bilingual shape (columns `中文`, `英文`, `报告年份`): every year becomes one Chinese and one
/// English document, the sentences of each joined with newlines in file order. Broken rows are reported and left
/// out of the documents.
fn read_bilingual(records: impl Iterator<Item = Record>, header: &[String]) -> Vec<Row> {
    let zh_idx = column(header, &["中文"]);
    let en_idx = column(header, &["英文"]);
    let year_idx = column(header, YEAR_COLUMNS);
    let mut by_year: BTreeMap<String, (Vec<String>, Vec<String>)> = BTreeMap::new();
    let mut failed = Vec::new();
    for (i, record) in records.enumerate() {
        let n = i + 1;
        let r = match record.fields {
            Err(e) => {
                let error = format!("csv row {n} (line {}): {e}", record.line);
                failed.push(Row { key: n.to_string(), error: Some(error), ..Row::default() });
                continue;
            }
            Ok(r) if r.len() != header.len() => {
                let error = format!("csv row {n}: {} fields, expected {}", r.len(), header.len());
                failed.push(Row { key: n.to_string(), error: Some(error), ..Row::default() });
                continue;
            }
            Ok(r) => r,
        };
        let year = year_idx.and_then(|i| r.get(i)).map(String::as_str).unwrap_or_default().trim().to_string();
        let entry = by_year.entry(year).or_default();
        for (idx, sink) in [(zh_idx, &mut entry.0), (en_idx, &mut entry.1)] {
            if let Some(s) = idx.and_then(|i| r.get(i)).map(|s| s.trim()).filter(|s| !s.is_empty()) {
                sink.push(s.to_string());
            }
        }
    }
    let mut rows = Vec::new();
    for (year, (zh, en)) in by_year {
        let label = if year.is_empty() { "all".to_string() } else { year.clone() };
        for (lang, lines) in [("zh", zh), ("en", en)] {
            rows.push(Row {
                key: format!("{label}-{lang}"),
                text: lines.join("\n"),
                year: Some(year.clone()),
                lang: Some(lang.to_string()),
                ..Row::default()
            });
        }
    }
    rows.extend(failed);
    rows
}

fn json_scalar(v: &serde_json::Value) -> Option<String> {
    match v {
        serde_json::Value::Null => None,
        serde_json::Value::String(s) => Some(s.trim().to_string()),
        serde_json::Value::Number(n) => Some(n.to_string()),
        serde_json::Value::Bool(b) => Some(b.to_string()),
        other => Some(other.to_string()),
    }
}

/// The lines of `text` as [`str::lines`] gives them (split at `\n`, a `\r` right before a `\n` dropped, no empty
/// last line after a final line break), found by the memchr crate's SIMD search: a JSONL file's lines are long (a
/// whole report each) and `str::lines` reads them a word at a time.
fn lines(text: &str) -> impl Iterator<Item = &str> {
    let mut start = 0;
    let ends = memchr::memchr_iter(b'\n', text.as_bytes()).map(Some).chain([None]);
    ends.map_while(move |end| {
        let line_start = start;
        match end {
            Some(nl) => {
                start = nl + 1;
                let line = &text[line_start..nl];
                Some(line.strip_suffix('\r').unwrap_or(line))
            }
            None if line_start < text.len() => {
                start = text.len();
                Some(&text[line_start..])
            }
            None => None,
        }
    })
}

/// `serde_json::from_str::<Value>(line)`, with less copying for an object: the object is first read with its values
/// left as raw JSON text, then each string value is decoded once into a string of the right size ([`json_string`]),
/// each other value parsed by serde_json. serde_json alone decodes a long string into a scratch buffer that grows
/// by doubling and then copies it. Any line that path does not take whole (not an object, bad JSON, a string it
/// cannot decode) is parsed by `from_str` itself, so the result and every error are the same.
fn parse_line(line: &str) -> serde_json::Result<serde_json::Value> {
    if let Ok(raw) = serde_json::from_str::<BTreeMap<String, &serde_json::value::RawValue>>(line) {
        let mut obj = serde_json::Map::new();
        let all = raw.into_iter().all(|(key, value)| {
            let value = value.get();
            let parsed = if value.starts_with('"') {
                json_string(value).map(serde_json::Value::String)
            } else {
                serde_json::from_str(value).ok()
            };
            parsed.map(|v| obj.insert(key, v)).is_some()
        });
        if all {
            return Ok(serde_json::Value::Object(obj));
        }
    }
    serde_json::from_str(line)
}

/// The string a JSON string literal (`raw`, quotes included, as serde_json accepted it) stands for, decoded in one
/// pass: the text between escapes copied as is (found by memchr), each escape decoded. `None` for what this does not
/// decode the way serde_json does (a lone surrogate), so that the caller leaves it to serde_json.
fn json_string(raw: &str) -> Option<String> {
    let inner = raw.strip_prefix('"')?.strip_suffix('"')?;
    let bytes = inner.as_bytes();
    let mut out = String::with_capacity(inner.len());
    let mut start = 0;
    while let Some(k) = memchr::memchr(b'\\', &bytes[start..]) {
        let at = start + k;
        out.push_str(&inner[start..at]);
        start = at + 2;
        match *bytes.get(at + 1)? {
            b'"' => out.push('"'),
            b'\\' => out.push('\\'),
            b'/' => out.push('/'),
            b'b' => out.push('\u{8}'),
            b'f' => out.push('\u{c}'),
            b'n' => out.push('\n'),
            b'r' => out.push('\r'),
            b't' => out.push('\t'),
            b'u' => {
                let high = hex4(bytes.get(at + 2..at + 6)?)?;
                start = at + 6;
                let code = if (0xD800..0xDC00).contains(&high) {
                    // A surrogate pair: `\uD83D\uDE00`.
                    if bytes.get(start..start + 2)? != b"\\u" {
                        return None;
                    }
                    let low = hex4(bytes.get(start + 2..start + 6)?)?;
                    if !(0xDC00..0xE000).contains(&low) {
                        return None;
                    }
                    start += 6;
                    0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00)
                } else {
                    high
                };
                out.push(char::from_u32(code)?);
            }
            _ => return None,
        }
    }
    out.push_str(&inner[start..]);
    Some(out)
}

/// The value of four hex digits.
fn hex4(digits: &[u8]) -> Option<u32> {
    digits.iter().try_fold(0, |acc, &d| Some(acc << 4 | char::from(d).to_digit(16)?))
}

/// Read a JSONL text: one object per non-blank line; the key is the 1-based line number.
pub fn read_jsonl(text: &str, text_col: Option<&str>, region_col: Option<&str>) -> Vec<Row> {
    let mut rows = Vec::new();
    for (i, line) in lines(text).enumerate() {
        let n = i + 1;
        if line.trim().is_empty() {
            continue;
        }
        let mut row = Row { key: n.to_string(), ..Row::default() };
        let mut obj = match parse_line(line) {
            Err(e) => {
                row.error = Some(format!("jsonl line {n}: {e}"));
                rows.push(row);
                continue;
            }
            Ok(serde_json::Value::Object(obj)) => obj,
            Ok(_) => {
                row.error = Some(format!("jsonl line {n}: not a json object"));
                rows.push(row);
                continue;
            }
        };
        let lower: Vec<(String, &String, &serde_json::Value)> =
            obj.iter().map(|(k, v)| (k.trim().to_lowercase(), k, v)).collect();
        let keys: Vec<String> = lower.iter().map(|(k, _, _)| k.clone()).collect();
        let value = |names: &[&str]| column(&keys, names).map(|i| lower[i].2);
        let text_key = match text_col {
            Some(name) => column(&keys, &[name.trim().to_lowercase().as_str()]),
            None => column(&keys, TEXT_COLUMNS),
        };
        let Some(text_key) = text_key.map(|i| lower[i].1.clone()) else {
            let wanted = text_col.map_or_else(|| TEXT_COLUMNS.join(", "), str::to_string);
            row.error = Some(format!("jsonl line {n}: no text field ({wanted})"));
            rows.push(row);
            continue;
        };
        let (region_idx, hint_idx, region_missing) = region_columns(&keys, region_col);
        let at = |idx: Option<usize>| idx.and_then(|i| json_scalar(lower[i].2)).filter(|v| !v.is_empty());
        row.region = at(region_idx);
        row.region_hint = at(hint_idx);
        row.region_column_missing = region_missing;
        row.year = value(YEAR_COLUMNS).map(|v| json_scalar(v).unwrap_or_default());
        row.title = value(TITLE_COLUMNS).and_then(json_scalar).filter(|v| !v.is_empty());
        row.lang = value(LANG_COLUMNS).and_then(json_scalar).filter(|v| !v.is_empty());
        // The text is taken out of the parsed object, not copied.
        row.text = match obj.remove(&text_key) {
            Some(serde_json::Value::String(s)) => s,
            Some(serde_json::Value::Null) | None => String::new(),
            Some(other) => other.to_string(),
        };
        rows.push(row);
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_rows_and_a_broken_row() {
        let text = "province,year,title,full_text\n安徽省,2026,标题一,第一份报告\n江苏,2025,标题二\n浙江,,,\"第三份，\"\"引号\"\"\"\n";
        let rows = read_csv(text, b',', None, None).expect("readable");
        assert_eq!(rows.len(), 3);
        assert_eq!(
            (rows[0].region.as_deref(), rows[0].year.as_deref(), rows[0].text.as_str()),
            (Some("安徽省"), Some("2026"), "第一份报告")
        );
        assert_eq!(rows[1].error.as_deref(), Some("csv row 2: 3 fields, expected 4"));
        assert_eq!(rows[2].text, "第三份，\"引号\"");
        assert_eq!(rows[2].year.as_deref(), Some(""));
        assert_eq!(rows[2].key, "3");
    }

    /// Rows whose quoted text does not close fail alone, two in a row included; the rows around them are read
    /// with their own numbers; a multi-line cell is one record.
    #[test]
    fn unbalanced_quotes_fail_their_rows_alone() {
        let text = "province,year,full_text\n安徽,2026,\"第一行\n第二行\"\n江苏,2026,\"没有收尾\n浙江,2026,\"也没有\n福建,2026,\"正常\"\n湖南,2026,\"a\"b\n湖北,2026,末行\n";
        let rows = read_csv(text, b',', None, None).expect("readable");
        let got: Vec<(&str, Option<&str>, &str)> =
            rows.iter().map(|r| (r.key.as_str(), r.region.as_deref(), r.text.as_str())).collect();
        assert_eq!(
            got,
            [
                ("1", Some("安徽"), "第一行\n第二行"),
                ("2", None, ""),
                ("3", None, ""),
                ("4", Some("福建"), "正常"),
                ("5", None, ""),
                ("6", Some("湖北"), "末行"),
            ]
        );
        assert_eq!(
            rows[1].error.as_deref(),
            Some(
                "csv row 2 (line 4): unbalanced quote: the quoted field opened at line 4 (a closing quote at line 5 \
                 is followed by text); reading resumes at line 5"
            )
        );
        assert!(rows[2].error.as_deref().is_some_and(|e| e.contains("opened at line 5")), "{:?}", rows[2].error);
        assert!(rows[4].error.as_deref().is_some_and(|e| e.contains("opened at line 7")), "{:?}", rows[4].error);
    }

    #[test]
    fn csv_without_text_column_fails_whole_file() {
        let err = read_csv("a,b\n1,2\n", b',', None, None).unwrap_err();
        assert_eq!(err, "no text column (full_text, content, text, 正文, 全文) in the header");
        let err = read_csv("a,b\n1,2\n", b',', Some("body"), None).unwrap_err();
        assert_eq!(err, "no column \"body\" in the header");
        let rows = read_csv("a,Body\n1,正文\n", b',', Some("body"), None).expect("readable");
        assert_eq!(rows[0].text, "正文");
    }

    #[test]
    fn bilingual_shape_groups_by_year_and_language() {
        let text =
            "报告年份,中文,英文\n2024,第一句。,First sentence.\n2024,第二句。,Second sentence.\n2025,第三句。,Third.\n";
        let rows = read_csv(text, b',', None, None).expect("readable");
        let got: Vec<(&str, &str)> = rows.iter().map(|r| (r.key.as_str(), r.text.as_str())).collect();
        assert_eq!(
            got,
            [
                ("2024-zh", "第一句。\n第二句。"),
                ("2024-en", "First sentence.\nSecond sentence."),
                ("2025-zh", "第三句。"),
                ("2025-en", "Third.")
            ]
        );
    }

    /// `c` written as a JSON `\u` escape (two for a char outside the BMP), in upper or lower case hex.
    fn u_escape(c: char, upper: bool) -> String {
        let mut units = [0u16; 2];
        c.encode_utf16(&mut units)
            .iter()
            .map(|u| if upper { format!("\\u{u:04X}") } else { format!("\\u{u:04x}") })
            .collect()
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(3000))]

        #[test]
        fn json_strings_decode_as_serde_json_decodes_them(
            text in "(\\PC|[\"\\\\/\u{0}-\u{1f}\u{7f}\u{2028}]|\\u{1F600}){0,40}",
            style in proptest::collection::vec(0u8..4, 40),
        ) {
            // serde_json's own writing, then the same string with escapes of every kind chosen per char.
            let written = serde_json::to_string(&text).expect("a string serializes");
            proptest::prop_assert_eq!(json_string(&written), Some(text.clone()));
            let mut raw = String::from("\"");
            for (i, c) in text.chars().enumerate() {
                match (c, style[i % style.len()]) {
                    ('/', 0) => raw.push_str("\\/"),
                    (c, 1) => raw.push_str(&u_escape(c, true)),
                    (c, 2) => raw.push_str(&u_escape(c, false)),
                    (c, _) => {
                        let quoted = serde_json::to_string(&c.to_string()).expect("a char serializes");
                        raw.push_str(&quoted[1..quoted.len() - 1]);
                    }
                }
            }
            raw.push('"');
            let want: String = serde_json::from_str(&raw).expect("valid JSON string");
            proptest::prop_assert_eq!(json_string(&raw), Some(want));
        }
    }

    #[test]
    fn lone_surrogates_are_left_to_serde_json() {
        for raw in [r#""\ud83d""#, r#""\ud83dx""#, r#""\ude00""#, r#""\ud83d\u0041""#, r#""a\ud83d\""#] {
            assert_eq!(json_string(raw), None, "{raw}");
            assert!(serde_json::from_str::<String>(raw).is_err(), "serde_json refuses {raw} too");
        }
    }

    #[test]
    fn lines_parse_as_serde_json_parses_them() {
        let lines = [
            r#"{"title":"报告","content":"正文一\n第二行\t\"引号\" \\ \u4e2d\ud83d\ude00","year":2025}"#,
            r#"{"a":1,"a":2,"content":"x"}"#,
            r#"{"content":null,"region":{"name":"安徽","code":[34,1.5e3,true]},"year":null}"#,
            r#"  {"content":"x"}  "#,
            r#"{"content":"x"} trailing"#,
            r#"{"content":"\ud83d"}"#,
            r#"{"content":"bad \x escape"}"#,
            "{\"content\":\"raw\u{1}control\"}",
            r#"[1,2]"#,
            r#""just a string""#,
            r#"{broken"#,
            r#"{}"#,
            r#"{"Content ":"key with space and case","TITLE":"t"}"#,
        ];
        for line in lines {
            let ours = parse_line(line).map_err(|e| e.to_string());
            let theirs = serde_json::from_str::<serde_json::Value>(line).map_err(|e| e.to_string());
            assert_eq!(ours, theirs, "{line}");
        }
    }

    #[test]
    fn lines_are_those_of_str_lines() {
        let cases = [
            "",
            "\n",
            "\n\n",
            "a",
            "a\n",
            "a\nb",
            "a\r\nb\r\n",
            "\r",
            "a\r",
            "a\rb\n",
            "\r\n\r\n",
            "x\n\ny",
            "正文\r\n{}\n",
            "\r\r\n",
        ];
        for text in cases {
            assert_eq!(lines(text).collect::<Vec<_>>(), text.lines().collect::<Vec<_>>(), "{text:?}");
        }
        // Every text of up to 7 chars over `a`, `\r`, `\n`.
        let mut texts = vec![String::new()];
        for _ in 0..7 {
            let longer: Vec<String> = texts.iter().flat_map(|t| ['a', '\r', '\n'].map(|c| format!("{t}{c}"))).collect();
            for text in &longer {
                assert_eq!(lines(text).collect::<Vec<_>>(), text.lines().collect::<Vec<_>>(), "{text:?}");
            }
            texts = longer;
        }
    }

    #[test]
    fn jsonl_rows_nulls_and_errors() {
        let text = "{\"title\":\"报告\",\"content\":\"正文一\",\"year\":2025}\n\n{\"title\":\"决议\",\"content\":\"正文二\",\"year\":null}\n{broken\n[1,2]\n{\"title\":\"x\"}\n";
        let rows = read_jsonl(text, None, None);
        assert_eq!(rows.len(), 5);
        assert_eq!(
            (rows[0].key.as_str(), rows[0].year.as_deref(), rows[0].text.as_str()),
            ("1", Some("2025"), "正文一")
        );
        assert_eq!((rows[1].key.as_str(), rows[1].year.as_deref()), ("3", Some("")));
        assert!(rows[2].error.as_deref().is_some_and(|e| e.starts_with("jsonl line 4: ")), "{:?}", rows[2].error);
        assert_eq!(rows[3].error.as_deref(), Some("jsonl line 5: not a json object"));
        assert_eq!(
            rows[4].error.as_deref(),
            Some("jsonl line 6: no text field (full_text, content, text, 正文, 全文)")
        );
    }
}
