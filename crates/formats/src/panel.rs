//! `scores.csv` turned wide: the table a regression merges directly.

use std::collections::HashMap;

use crate::table::Table;
use crate::FormatsError;

/// Columns of `scores.csv` that, with `region_code` and `year`, identify one panel row when present.
const KEY_EXTRA: &[&str] = &["lang", "level"];
/// Columns of `documents.csv` copied to the panel (first ok document of the row's region) when present.
const IDENTIFIERS: &[&str] = &["region_name", "level", "adcode", "parent"];
/// Columns of `documents.csv` summed over the row's ok documents when present.
const DENOMINATORS: &[&str] = &["chars", "han_chars", "words"];

/// The wide panel of an analyze output: one row per region × year (× `lang` and `level` when `scores.csv` has
/// them), in the order the rows first appear in `scores.csv`. Columns: `region_code`, the identifiers `documents.csv`
/// has (`region_name`, `level`, `adcode`, `parent`), `year`, `lang`, `docs` (ok documents), the denominators it has
/// summed over those documents (`chars`, `han_chars`, `words`), then for each sector in `scores.csv` order
/// `n_<sector>` (its hits, `count`) and `r_<sector>` (`per_10k`: per 10,000 Han characters, or words for English and
/// French), and `w_<sector>` (`per_10k_words`) when `scores.csv` has that column. A sector a row has no score for
/// is left empty, never written as 0.
pub fn panel(scores: &Table, documents: &Table) -> Result<Table, FormatsError> {
    let s_region = scores.require("region_code")?;
    let s_year = scores.require("year")?;
    let s_sector = scores.require("sector")?;
    let s_count = scores.require("count")?;
    let s_rate = scores.require("per_10k")?;
    let s_words = scores.column("per_10k_words");
    let s_extra: Vec<(&str, usize)> = KEY_EXTRA.iter().filter_map(|c| Some((*c, scores.column(c)?))).collect();

    let d_region = documents.require("region_code")?;
    let d_year = documents.require("year")?;
    let d_status = documents.require("status")?;
    let d_lang = documents.column("lang");
    let d_level = documents.column("level");
    let d_ids: Vec<(&str, usize)> = IDENTIFIERS.iter().filter_map(|c| Some((*c, documents.column(c)?))).collect();
    let d_sums: Vec<(&str, usize)> = DENOMINATORS.iter().filter_map(|c| Some((*c, documents.column(c)?))).collect();

    // The key of a row: region, year, then the extra key columns scores.csv has, in KEY_EXTRA order.
    let score_key = |row: &[String]| -> Vec<String> {
        let mut k = vec![row[s_region].clone(), row[s_year].clone()];
        k.extend(s_extra.iter().map(|(_, i)| row[*i].clone()));
        k
    };
    let doc_key = |row: &[String]| -> Vec<String> {
        let mut k = vec![row[d_region].clone(), row[d_year].clone()];
        for (name, _) in &s_extra {
            let col = if *name == "lang" { d_lang } else { d_level };
            k.push(col.map(|i| row[i].clone()).unwrap_or_default());
        }
        k
    };

    let mut sectors: Vec<String> = Vec::new();
    let mut sector_index: HashMap<String, usize> = HashMap::new();
    let mut keys: Vec<Vec<String>> = Vec::new();
    let mut key_index: HashMap<Vec<String>, usize> = HashMap::new();
    // Per row: per sector, (count, per_10k, per_10k_words).
    let mut cells: Vec<HashMap<usize, (String, String, String)>> = Vec::new();
    for row in &scores.rows {
        let key = score_key(row);
        let k = *key_index.entry(key.clone()).or_insert_with(|| {
            keys.push(key);
            cells.push(HashMap::new());
            keys.len() - 1
        });
        let sector = &row[s_sector];
        let s = *sector_index.entry(sector.clone()).or_insert_with(|| {
            sectors.push(sector.clone());
            sectors.len() - 1
        });
        let words = s_words.map(|i| row[i].clone()).unwrap_or_default();
        cells[k].insert(s, (row[s_count].clone(), row[s_rate].clone(), words));
    }

    // Identifiers and denominators from the ok documents of each row.
    let mut ids: HashMap<Vec<String>, Vec<String>> = HashMap::new();
    let mut sums: HashMap<Vec<String>, (u64, Vec<u64>)> = HashMap::new();
    for row in documents.rows.iter().filter(|r| r[d_status] == "ok") {
        let key = doc_key(row);
        ids.entry(key.clone()).or_insert_with(|| d_ids.iter().map(|(_, i)| row[*i].clone()).collect());
        let entry = sums.entry(key).or_insert_with(|| (0, vec![0; d_sums.len()]));
        entry.0 += 1;
        for (total, (_, i)) in entry.1.iter_mut().zip(&d_sums) {
            *total += row[*i].parse::<u64>().unwrap_or(0);
        }
    }

    let mut headers = vec!["region_code".to_string()];
    headers.extend(d_ids.iter().map(|(c, _)| c.to_string()));
    headers.push("year".into());
    // `level` is already among the identifiers when documents.csv has it.
    let extra_shown: Vec<&str> =
        s_extra.iter().map(|(c, _)| *c).filter(|c| !d_ids.iter().any(|(d, _)| d == c)).collect();
    headers.extend(extra_shown.iter().map(|c| c.to_string()));
    headers.push("docs".into());
    headers.extend(d_sums.iter().map(|(c, _)| c.to_string()));
    for sector in &sectors {
        headers.push(format!("n_{sector}"));
        headers.push(format!("r_{sector}"));
        if s_words.is_some() {
            headers.push(format!("w_{sector}"));
        }
    }

    let mut rows = Vec::with_capacity(keys.len());
    for (key, row_cells) in keys.iter().zip(&cells) {
        let mut row = vec![key[0].clone()];
        let key_ids = ids.get(key);
        for (j, (name, _)) in d_ids.iter().enumerate() {
            // A region scored but with no ok document of its own (cannot happen in gwr's outputs) keeps the key's
            // value where the key has it.
            let from_key = s_extra.iter().position(|(c, _)| c == name).map(|p| key[2 + p].clone());
            row.push(key_ids.map(|v| v[j].clone()).or(from_key).unwrap_or_default());
        }
        row.push(key[1].clone());
        for c in &extra_shown {
            let p = s_extra.iter().position(|(n, _)| n == c).expect("shown columns are key columns");
            row.push(key[2 + p].clone());
        }
        let (docs, totals) = sums.get(key).cloned().unwrap_or((0, vec![0; d_sums.len()]));
        row.push(docs.to_string());
        row.extend(totals.iter().map(u64::to_string));
        for s in 0..sectors.len() {
            let (n, r, w) = row_cells.get(&s).cloned().unwrap_or_default();
            row.push(n);
            row.push(r);
            if s_words.is_some() {
                row.push(w);
            }
        }
        rows.push(row);
    }
    Ok(Table { name: "panel".into(), path: Default::default(), headers, rows })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scores_turn_wide_with_denominators_summed() {
        let scores = Table::from_csv_str(
            "scores",
            "region_code,year,lang,sector,count,per_10k,share,lq,z,rank\n\
             CN-AH,2026,zh,ai,4,2.000000,0.5,1,0.1,1\nCN-AH,2026,zh,quantum,4,2.000000,0.5,1,0.1,2\n\
             CN-AH,2026,en,ai,1,0.500000,1,1,0,1\nCN-BJ,2026,zh,ai,0,0.000000,0,0,-1,2\n",
        )
        .unwrap();
        let documents = Table::from_csv_str(
            "documents",
            "doc_id,region_code,region_name,year,lang,chars,han_chars,status\n\
             a,CN-AH,安徽省,2026,zh,100,90,ok\nb,CN-AH,安徽省,2026,zh,50,40,ok\nc,CN-AH,安徽省,2026,en,300,0,ok\n\
             d,CN-BJ,北京市,2026,zh,70,60,ok\ne,CN-BJ,北京市,2026,zh,70,60,failed\n",
        )
        .unwrap();
        let p = panel(&scores, &documents).unwrap();
        assert_eq!(
            p.headers,
            [
                "region_code",
                "region_name",
                "year",
                "lang",
                "docs",
                "chars",
                "han_chars",
                "n_ai",
                "r_ai",
                "n_quantum",
                "r_quantum"
            ]
        );
        assert_eq!(p.rows[0], ["CN-AH", "安徽省", "2026", "zh", "2", "150", "130", "4", "2.000000", "4", "2.000000"]);
        assert_eq!(p.rows[1], ["CN-AH", "安徽省", "2026", "en", "1", "300", "0", "1", "0.500000", "", ""]);
        assert_eq!(p.rows[2], ["CN-BJ", "北京市", "2026", "zh", "1", "70", "60", "0", "0.000000", "", ""]);
    }

    #[test]
    fn a_table_without_scores_columns_is_an_error_naming_the_column() {
        let bad = Table::from_csv_str("scores", "region_code,year\nCN-AH,2026\n").unwrap();
        let err = panel(&bad, &bad).unwrap_err();
        assert!(err.to_string().contains("\"sector\""), "{err}");
    }
}
