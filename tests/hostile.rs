//! Regressions of issue 23: what a hostile user's inputs did to the promise that every input and row is accounted
//! for and nothing is counted twice. Every input is written by the test (invented text; no report copied).

mod common;

use common::*;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// `gwr analyze` of `inputs` with the test dictionary into `out`: (documents.csv rows, quantum hits per doc_id).
fn analyze(
    dir: &Path,
    inputs: &[&Path],
    out: &Path,
    extra: &[&str],
    code: i32,
) -> (Vec<BTreeMap<String, String>>, BTreeMap<String, u64>) {
    let dict = write_test_dictionary(dir);
    let mut args: Vec<&str> = vec!["analyze"];
    args.extend(inputs.iter().map(|p| p.to_str().expect("utf-8 path")));
    args.extend(["--out", out.to_str().expect("utf-8 path"), "--quiet", "--dict", dict.to_str().expect("path")]);
    args.extend(extra);
    gwr_expect(&args, code);
    let docs = read_csv(&out.join("documents.csv"));
    let mut quantum = BTreeMap::new();
    for row in read_csv(&out.join("counts.csv")) {
        if row["sector"] == "quantum" {
            *quantum.entry(row["doc_id"].clone()).or_default() += row["count"].parse::<u64>().expect("count");
        }
    }
    (docs, quantum)
}

fn quote(text: &str) -> String {
    format!("\"{}\"", text.replace('"', "\"\""))
}

const REGIONS: [&str; 10] =
    ["北京市", "天津市", "河北省", "山西省", "四川省", "重庆市", "安徽省", "江苏省", "浙江省", "福建省"];

/// Case 1: a CSV whose third row lacks its closing quote merged row 4 into row 3 (its hits counted under row 3's
/// region) and renumbered the rows after it; with multi-line cells it also failed later rows as `1 fields`.
#[test]
fn regression_csv_unclosed_quote_fails_its_row_alone() {
    for multi_line in [false, true] {
        let dir = tempfile::tempdir().expect("temp dir");
        let mut csv = String::from("province,year,full_text\n");
        for (i, region) in REGIONS.iter().enumerate() {
            let mut text = synthetic_report(region, 2026, i + 1, 1, 1);
            if !multi_line {
                text = text.replace('\n', " ");
            }
            let cell = quote(text.trim_end());
            // Row 3's cell opens its quote and never closes it.
            let cell = if i == 2 { cell[..cell.len() - 1].to_string() } else { cell };
            csv.push_str(&format!("{region},2026,{cell}\n"));
        }
        let input = dir.path().join("reports.csv");
        std::fs::write(&input, &csv).expect("write");
        let open_line = csv.lines().position(|l| l.starts_with("河北省")).expect("row 3") + 1;
        let out = dir.path().join("out");
        let (docs, quantum) = analyze(dir.path(), &[&input], &out, &[], 1);
        assert_eq!(docs.len(), 10, "every row accounted for: {docs:?}");
        let by_key: BTreeMap<String, &BTreeMap<String, String>> =
            docs.iter().map(|d| (d["doc_id"].rsplit('#').next().expect("key").to_string(), d)).collect();
        let row3 = by_key["3"];
        assert_eq!(row3["status"], "failed", "{row3:?}");
        assert!(
            row3["reason"].contains(&format!("quoted field opened at line {open_line}")),
            "the reason names the line the quote opens on ({open_line}): {}",
            row3["reason"]
        );
        for (i, region) in REGIONS.iter().enumerate().filter(|(i, _)| *i != 2) {
            let row = by_key[&(i + 1).to_string()];
            assert_eq!(
                (row["status"].as_str(), row["region_name"].as_str()),
                ("ok", *region),
                "row {}: {row:?}",
                i + 1
            );
            assert_eq!(quantum.get(&row["doc_id"]).copied(), Some(i as u64 + 1), "row {} counts its own hits", i + 1);
        }
    }
}

/// Case 2: a report followed by its first half again, with one new sentence inside the copy: the whole copy was
/// dropped with no flag, the new sentence lost (16 quantum hits instead of 17).
#[test]
fn regression_partial_repeat_keeps_its_new_sentence() {
    let dir = tempfile::tempdir().expect("temp dir");
    let report = synthetic_report("安徽省", 2026, 16, 4, 4);
    let lines: Vec<&str> = report.lines().collect();
    let mut text = report.clone();
    for (i, line) in lines[..lines.len() / 2].iter().enumerate() {
        text.push_str(line);
        if i == 6 {
            text.push_str("我们还将开展量子计算应用示范，服务实体经济。");
        }
        text.push('\n');
    }
    let input = dir.path().join("2026_安徽省_partial.txt");
    std::fs::write(&input, &text).expect("write");
    let out = dir.path().join("out");
    let (docs, quantum) = analyze(dir.path(), &[&input], &out, &[], 0);
    assert_eq!(quantum.values().sum::<u64>(), 17, "one copy's hits plus the new sentence's");
    let reason = &docs[0]["reason"];
    assert!(reason.contains("repeated body") && reason.contains(" repeat "), "{reason}");
}

/// Case 3: the same report twice in one file, the copies differing in layout: counted twice, no flag.
#[test]
fn regression_repeat_in_another_layout_is_counted_once() {
    let report = synthetic_report("江苏省", 2026, 6, 3, 3);
    let one_line = report.replace('\n', "");
    let spaced = report.replace('，', "， ");
    let rewrapped: String = report.lines().collect::<Vec<_>>().chunks(2).map(|c| c.join("") + "\n").collect();
    for (name, copy) in [("one line", one_line), ("space after commas", spaced), ("other line breaks", rewrapped)] {
        let dir = tempfile::tempdir().expect("temp dir");
        let input = dir.path().join("2026_江苏省_twice.txt");
        std::fs::write(&input, format!("{report}\n{copy}\n")).expect("write");
        let out = dir.path().join("out");
        let (docs, quantum) = analyze(dir.path(), &[&input], &out, &[], 0);
        assert_eq!(quantum.values().sum::<u64>(), 6, "{name}: counted once");
        assert!(docs[0]["reason"].contains("repeated body"), "{name}: flagged: {}", docs[0]["reason"]);
    }
}

/// Case 3, the other side: two different reports that share a long quoted passage are two documents, each
/// counting the passage.
#[test]
fn reports_sharing_a_long_passage_are_not_merged() {
    let dir = tempfile::tempdir().expect("temp dir");
    let passage: String = (0..8)
        .map(|i| {
            format!("引文第{i}句：要把发展量子计算摆在更加突出的位置，坚持创新驱动，推动产业链和创新链深度融合。\n")
        })
        .collect();
    let reports = dir.path().join("reports");
    std::fs::create_dir(&reports).expect("dir");
    for region in ["北京市", "天津市"] {
        let text = format!("{}{passage}", synthetic_report(region, 2026, 2, 1, 1));
        std::fs::write(reports.join(format!("2026_{region}.txt")), text).expect("write");
    }
    let out = dir.path().join("out");
    let (docs, quantum) = analyze(dir.path(), &[&reports], &out, &[], 0);
    assert!(docs.iter().all(|d| d["status"] == "ok" && !d["reason"].contains("repeated")), "{docs:?}");
    assert_eq!(quantum.values().copied().collect::<Vec<_>>(), [10, 10]);
}

/// Case 5: Big5 and Shift_JIS were decoded as GB18030 (0 hits, status ok), Latin-1 French as GB18030 with half
/// its hits. Now each is detected and recorded, Japanese is skipped, an encoding gwr does not read fails unless
/// `--encoding` names it.
#[test]
fn regression_legacy_encodings_are_detected() {
    let dir = tempfile::tempdir().expect("temp dir");
    let inputs = dir.path().join("in");
    std::fs::create_dir(&inputs).expect("dir");
    let big5 = "2026年臺灣省政府工作報告\n各位代表：\n我們將加快發展量子計算，建設開放共享的試驗平臺。\n".to_string()
        + &"我們推動量子計算與產業深度融合，培育新的增長點。\n".repeat(3);
    let japanese = "政府は量子計算の研究開発を進め、人工知能の活用を広げていきます。\n".repeat(4);
    let french =
        "Le gouvernement soutiendra l'informatique quantique et les industries émergentes, à l'échelle régionale.\n"
            .repeat(3);
    let korean = "정부는 양자 기술과 인공지능 산업을 적극적으로 육성하고 디지털 경제를 발전시킬 것입니다.\n".repeat(3);
    for (name, encoding, text) in [
        ("big5.txt", encoding_rs::BIG5, big5.as_str()),
        ("japanese.txt", encoding_rs::SHIFT_JIS, japanese.as_str()),
        ("french.txt", encoding_rs::WINDOWS_1252, french.as_str()),
        ("korean.txt", encoding_rs::EUC_KR, korean.as_str()),
    ] {
        let (bytes, _, unmappable) = encoding.encode(text);
        assert!(!unmappable, "{name}");
        std::fs::write(inputs.join(name), bytes).expect("write");
    }
    let out = dir.path().join("out");
    let (docs, quantum) = analyze(dir.path(), &[&inputs], &out, &[], 1);
    let by_name: BTreeMap<&str, &BTreeMap<String, String>> =
        docs.iter().map(|d| (d["doc_id"].rsplit('/').next().expect("name"), d)).collect();
    let get = |name: &str| (by_name[name]["encoding"].as_str(), by_name[name]["status"].as_str());
    assert_eq!(get("big5.txt"), ("Big5", "ok"));
    assert_eq!(quantum[&by_name["big5.txt"]["doc_id"]], 4);
    assert_eq!(get("japanese.txt"), ("Shift_JIS", "skipped"));
    assert!(by_name["japanese.txt"]["reason"].starts_with("not Chinese/English/French"));
    assert_eq!(get("french.txt"), ("windows-1252", "ok"));
    assert_eq!(quantum[&by_name["french.txt"]["doc_id"]], 3);
    assert_eq!(get("korean.txt").1, "failed");
    assert!(by_name["korean.txt"]["reason"].contains("--encoding"), "{:?}", by_name["korean.txt"]);
    // Named by the user, the encoding is used.
    let forced = dir.path().join("forced");
    let korean_only = dir.path().join("korean");
    std::fs::create_dir(&korean_only).expect("dir");
    std::fs::rename(inputs.join("korean.txt"), korean_only.join("korean.txt")).expect("move");
    let (docs, _) = analyze(dir.path(), &[&korean_only], &forced, &["--encoding", "euc-kr"], 0);
    assert_eq!((docs[0]["encoding"].as_str(), docs[0]["status"].as_str()), ("EUC-KR", "ok"), "{docs:?}");
}

/// Case 6: two runs into the same `--out` mixed their outputs. A run holds the folder: another one fails at once
/// and names the holder.
#[test]
fn regression_a_second_run_into_a_held_output_folder_fails_at_once() {
    let dir = tempfile::tempdir().expect("temp dir");
    let input = dir.path().join("2026_安徽省.txt");
    std::fs::write(&input, synthetic_report("安徽省", 2026, 2, 1, 1)).expect("write");
    let out = dir.path().join("out");
    std::fs::create_dir(&out).expect("dir");
    // This test process holds the folder, as a run would.
    let lock = gwr_pipeline::OutputLock::acquire(&out).expect("the test holds the folder");
    let dict = write_test_dictionary(dir.path());
    let args = [
        "analyze",
        input.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
        "--quiet",
        "--dict",
        dict.to_str().unwrap(),
    ];
    let run = gwr_expect(&args, 2);
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(
        stderr.contains(&format!(
            "--out {} is being written by another gwr run (pid {})",
            out.display(),
            std::process::id()
        )),
        "{stderr}"
    );
    assert!(!out.join("documents.csv").exists(), "nothing written");
    drop(lock);
    gwr_expect(&args, 0);
}

/// Case 6, run for real: two runs of different corpora started together into one folder never leave a mix: the
/// folder holds one run's outputs, every table agreeing with its run.json.
#[test]
fn concurrent_runs_into_one_folder_never_mix() {
    let dir = tempfile::tempdir().expect("temp dir");
    let dict = write_test_dictionary(dir.path());
    let corpora: Vec<PathBuf> = (0..2)
        .map(|k| {
            let c = dir.path().join(format!("corpus{k}"));
            std::fs::create_dir(&c).expect("dir");
            for region in &REGIONS[k * 3..k * 3 + 3 + k] {
                std::fs::write(c.join(format!("2026_{region}.txt")), synthetic_report(region, 2026, 1, 1, 1))
                    .expect("write");
            }
            c
        })
        .collect();
    let out = dir.path().join("out");
    for _ in 0..4 {
        let children: Vec<_> = corpora
            .iter()
            .map(|c| {
                std::process::Command::new(env!("CARGO_BIN_EXE_gwr"))
                    .args([
                        "analyze",
                        c.to_str().unwrap(),
                        "--out",
                        out.to_str().unwrap(),
                        "--quiet",
                        "--dict",
                        dict.to_str().unwrap(),
                        "--threads",
                        "1",
                    ])
                    .output()
                    .expect("gwr runs")
            })
            .collect();
        // `output` waits for each in turn; the second may have found the folder held.
        for child in &children {
            let code = child.status.code();
            let stderr = String::from_utf8_lossy(&child.stderr);
            assert!(
                code == Some(0) || (code == Some(2) && stderr.contains("is being written by another gwr run")),
                "{code:?} {stderr}"
            );
        }
        let docs = read_csv(&out.join("documents.csv"));
        let run: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(out.join("run.json")).unwrap()).unwrap();
        let listed: Vec<&str> =
            run["inputs"].as_array().unwrap().iter().map(|i| i["doc_id"].as_str().unwrap()).collect();
        let written: Vec<&str> = docs.iter().map(|d| d["doc_id"].as_str()).collect();
        assert_eq!(listed, written, "documents.csv and run.json come from one run");
    }
}

/// Case 7: an earlier run's documents.json stayed beside a new run's documents.csv, and killed runs' temporary
/// hit files stayed forever.
#[test]
fn regression_stale_outputs_and_dead_temp_files_are_removed() {
    let dir = tempfile::tempdir().expect("temp dir");
    let input = dir.path().join("2026_安徽省.txt");
    std::fs::write(&input, synthetic_report("安徽省", 2026, 2, 1, 1)).expect("write");
    let out = dir.path().join("out");
    analyze(dir.path(), &[&input], &out, &["--format", "json"], 0);
    assert!(out.join("documents.json").exists());
    // A pid above the kernel's largest is never alive.
    let dead = out.join(".hits.jsonl.tmp-4999999-0");
    std::fs::write(&dead, "{}\n").expect("write");
    analyze(dir.path(), &[&input], &out, &[], 0);
    for name in ["documents.json", "counts.json", "scores.json"] {
        assert!(!out.join(name).exists(), "{name} of the earlier run removed");
    }
    assert!(!dead.exists(), "temporary file of a dead run swept");
    let run: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(out.join("run.json")).unwrap()).unwrap();
    assert_eq!(run["removed_outputs"], serde_json::json!(["documents.json", "counts.json", "scores.json"]));
}

/// Case 8: a form without a letter, digit or Han character (`。`) passed `gwr dict check` and then counted at
/// every full stop; a dictionary without a concept passed with 0 concepts.
#[test]
fn regression_dictionary_forms_must_be_words_and_not_empty() {
    let dir = tempfile::tempdir().expect("temp dir");
    let dict = write_test_dictionary(dir.path());
    let text =
        std::fs::read_to_string(&dict).unwrap().replace("zh = [\"哨兵测试词\"]", "zh = [\"哨兵测试词\", \"。\"]");
    let bad = dir.path().join("bad.toml");
    std::fs::write(&bad, text).expect("write");
    let check = gwr_expect(&["dict", "check", bad.to_str().unwrap()], 2);
    let all = format!("{}{}", String::from_utf8_lossy(&check.stdout), String::from_utf8_lossy(&check.stderr));
    assert!(all.contains("form \"。\" of concept sentinel_term has no letter, digit or Han character"), "{all}");
    let empty = dir.path().join("empty");
    std::fs::create_dir(&empty).expect("dir");
    std::fs::write(empty.join("dictionary.toml"), "schema = 1\nname = \"empty\"\nversion = \"1\"\n").expect("write");
    let check = gwr_expect(&["dict", "check", empty.to_str().unwrap()], 2);
    let all = format!("{}{}", String::from_utf8_lossy(&check.stdout), String::from_utf8_lossy(&check.stderr));
    assert!(all.contains("no concept in a scored sector"), "{all}");
    let input = dir.path().join("2026_安徽省.txt");
    std::fs::write(&input, synthetic_report("安徽省", 2026, 1, 1, 1)).expect("write");
    let out = dir.path().join("out");
    gwr_expect(
        &[
            "analyze",
            input.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
            "--quiet",
            "--dict",
            empty.to_str().unwrap(),
        ],
        2,
    );
    assert!(!out.exists(), "nothing written");
}

/// Case 9: two files whose names hold different invalid UTF-8 bytes got the same `source` (and doc_id).
#[cfg(unix)]
#[test]
fn regression_invalid_bytes_in_file_names_stay_distinct() {
    use std::os::unix::ffi::OsStrExt;
    let dir = tempfile::tempdir().expect("temp dir");
    let inputs = dir.path().join("in");
    std::fs::create_dir(&inputs).expect("dir");
    for (byte, region) in [(0xFFu8, "安徽省"), (0xFE, "江苏省")] {
        let mut name = b"2026-report-".to_vec();
        name.push(byte);
        name.extend_from_slice(b".txt");
        let path = inputs.join(std::ffi::OsStr::from_bytes(&name));
        std::fs::write(path, synthetic_report(region, 2026, 1, 1, 1)).expect("write");
    }
    let out = dir.path().join("out");
    let (docs, _) = analyze(dir.path(), &[&inputs], &out, &[], 0);
    let sources: Vec<&str> = docs.iter().map(|d| d["source"].as_str()).collect();
    assert_eq!(sources.len(), 2);
    assert_ne!(sources[0], sources[1]);
    assert!(sources.iter().any(|s| s.ends_with("2026-report-\\xfe.txt")), "{sources:?}");
    assert!(sources.iter().any(|s| s.ends_with("2026-report-\\xff.txt")), "{sources:?}");
    assert!(docs.iter().all(|d| d["status"] == "ok"), "{docs:?}");
}
