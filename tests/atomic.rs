//! Outputs are written atomically (issue 6): a run killed part-way, or one that fails while writing, leaves the
//! previous outputs byte-identical and no partial file under a final name. Corpora are generated here from text
//! written for the tests.

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};

use common::*;

const FINAL_NAMES: &[&str] = &["counts.csv", "documents.csv", "hits.jsonl", "panel.csv", "run.json", "scores.csv"];

fn write(path: &Path, bytes: &[u8]) {
    std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
    std::fs::write(path, bytes).expect("write fixture");
}

fn args<'a>(input: &'a Path, dict: &'a Path, out: &'a Path) -> Vec<&'a str> {
    vec![
        "analyze",
        input.to_str().unwrap(),
        "--dict",
        dict.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
        "--quiet",
    ]
}

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_gwr")).args(args).output().expect("gwr runs")
}

fn spawn(args: &[&str]) -> Child {
    Command::new(env!("CARGO_BIN_EXE_gwr"))
        .args(args)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("gwr starts")
}

/// Every entry of `dir` with its bytes.
fn files(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    std::fs::read_dir(dir)
        .expect("list out")
        .map(|e| {
            let e = e.expect("entry");
            (e.file_name().to_string_lossy().into_owned(), std::fs::read(e.path()).expect("read output"))
        })
        .collect()
}

/// The previous outputs are all there, byte for byte; anything else is a temporary file (hidden, `.tmp-` in its
/// name), never a final name.
fn assert_intact(before: &BTreeMap<String, Vec<u8>>, out: &Path, when: &str) {
    let now = files(out);
    for (name, bytes) in before {
        let got = now.get(name).unwrap_or_else(|| panic!("{when}: {name} is gone"));
        assert!(got == bytes, "{when}: {name} changed ({} bytes, was {})", got.len(), bytes.len());
    }
    for name in now.keys().filter(|n| !before.contains_key(*n)) {
        assert!(name.starts_with('.') && name.contains(".tmp-"), "{when}: unexpected file {name} in the output folder");
        let final_name = name.trim_start_matches('.').split(".tmp-").next().unwrap_or_default();
        assert!(FINAL_NAMES.contains(&final_name), "{when}: temporary file {name} of an unknown output");
    }
}

/// A small corpus (two reports) and a big one (many numbered reports, many hits: a long run with long writes).
fn corpora(tmp: &Path) -> (PathBuf, PathBuf, PathBuf) {
    let dict = write_test_dictionary(tmp);
    let small = tmp.join("small");
    write(&small.join("2026_安徽省_政府工作报告.txt"), synthetic_report("安徽省", 2026, 2, 1, 1).as_bytes());
    write(&small.join("2026_江苏省_政府工作报告.txt"), synthetic_report("江苏省", 2026, 1, 2, 1).as_bytes());
    let big = tmp.join("big");
    let regions = ["北京市", "天津市", "河北省", "山西省", "辽宁省", "吉林省", "上海市", "浙江省"];
    for (f, region) in regions.iter().enumerate() {
        let mut text = synthetic_report(region, 2026, 0, 0, 0);
        let mut n = 0;
        while text.len() < 3_000_000 {
            text.push_str(&format!(
                "第{f}篇第{n}段：我们加快发展量子计算和人工智能，推动低空经济起步成势，建设开放共享的试验平台。\n"
            ));
            n += 1;
        }
        write(&big.join(format!("2026_{region}_政府工作报告.txt")), text.as_bytes());
    }
    (dict, small, big)
}

#[test]
fn a_run_killed_part_way_leaves_the_previous_outputs_intact() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let (dict, small, big) = corpora(tmp.path());
    let out = tmp.path().join("out");
    let first = run(&args(&small, &dict, &out));
    assert_eq!(first.status.code(), Some(0), "{}", String::from_utf8_lossy(&first.stderr));
    let before = files(&out);
    assert_eq!(before.keys().map(String::as_str).collect::<Vec<_>>(), FINAL_NAMES);

    // Killed at once: before any output is staged.
    let mut child = spawn(&args(&big, &dict, &out));
    child.kill().expect("kill");
    child.wait().expect("reap");
    assert_intact(&before, &out, "killed at start");

    // Killed while writing: as soon as a temporary output file shows up in the output folder.
    let mut child = spawn(&args(&big, &dict, &out));
    let mut caught = false;
    loop {
        if files_named(&out).iter().any(|n| n.contains(".tmp-")) {
            child.kill().expect("kill");
            caught = true;
            break;
        }
        if child.try_wait().expect("poll").is_some() {
            break;
        }
        std::thread::yield_now();
    }
    let status = child.wait().expect("reap");
    assert!(caught, "the run ended ({status}) before it was seen writing: make the big corpus bigger");
    assert!(!status.success(), "killed runs do not succeed");
    assert_intact(&before, &out, "killed while writing");

    // The next run replaces the outputs completely.
    let again = run(&args(&big, &dict, &out));
    assert_eq!(again.status.code(), Some(0), "{}", String::from_utf8_lossy(&again.stderr));
    let docs = read_csv(&out.join("documents.csv"));
    assert_eq!(docs.len(), 8);
    assert!(docs.iter().all(|d| d["status"] == "ok"), "{docs:?}");
}

fn files_named(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .map(|rd| rd.filter_map(Result::ok).map(|e| e.file_name().to_string_lossy().into_owned()).collect())
        .unwrap_or_default()
}

#[test]
fn an_output_folder_that_is_a_file_is_an_error_and_changes_nothing() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let (dict, small, _) = corpora(tmp.path());
    let out = tmp.path().join("out");
    std::fs::write(&out, "not a folder").unwrap();
    let r = run(&args(&small, &dict, &out));
    assert_eq!(r.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&r.stderr);
    assert!(stderr.contains(&format!("cannot write {}", out.display())), "{stderr}");
    assert_eq!(std::fs::read(&out).unwrap(), b"not a folder");
    let siblings = files_named(tmp.path());
    assert!(siblings.iter().all(|n| !n.contains(".tmp-")), "{siblings:?}");
}

#[test]
fn a_final_name_taken_by_a_folder_fails_before_any_output_is_replaced() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let (dict, small, _) = corpora(tmp.path());
    let out = tmp.path().join("out");
    let first = run(&args(&small, &dict, &out));
    assert_eq!(first.status.code(), Some(0), "{}", String::from_utf8_lossy(&first.stderr));
    // scores.csv replaced by a folder: documents.csv and counts.csv (renamed before it) must not be replaced.
    std::fs::remove_file(out.join("scores.csv")).unwrap();
    std::fs::create_dir(out.join("scores.csv")).unwrap();
    std::fs::write(out.join("scores.csv/keep.txt"), "mine").unwrap();
    let mut before = files_except_dirs(&out);
    // A different corpus, so that a replaced file would show.
    write(&small.join("2026_浙江省_政府工作报告.txt"), synthetic_report("浙江省", 2026, 3, 0, 0).as_bytes());
    let r = run(&args(&small, &dict, &out));
    assert_eq!(r.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&r.stderr);
    assert!(stderr.contains(&format!("cannot write {}", out.join("scores.csv").display())), "{stderr}");
    let after = files_except_dirs(&out);
    before.retain(|n, _| !n.contains(".tmp-"));
    assert_eq!(before.keys().collect::<Vec<_>>(), after.keys().collect::<Vec<_>>(), "no temporary file is left");
    assert!(before == after, "an output was replaced although the set could not be written");
    assert_eq!(std::fs::read(out.join("scores.csv/keep.txt")).unwrap(), b"mine");
}

fn files_except_dirs(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    std::fs::read_dir(dir)
        .expect("list")
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
        .map(|e| (e.file_name().to_string_lossy().into_owned(), std::fs::read(e.path()).unwrap()))
        .collect()
}
