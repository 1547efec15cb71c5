//! The same inputs and dictionary give byte-identical outputs (all but run.json's `timing`) whatever the thread
//! count, the order of paths on the command line, or the order the file system lists files in (issue 6). The
//! corpus is generated here from text written for the tests; it holds the order-sensitive cases: the same report
//! saved twice, two inputs giving the same doc_id, CSV rows, a lossy file, a broken row.

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use common::*;

/// The corpus files, relative to a `set` folder, with their bytes.
fn corpus_files() -> Vec<(String, Vec<u8>)> {
    let mut files = Vec::new();
    let regions = ["北京市", "天津市", "河北省", "山西省", "内蒙古自治区", "辽宁省"];
    for (i, r) in regions.iter().enumerate() {
        files.push((
            format!("2026_{r}_政府工作报告.txt"),
            synthetic_report(r, 2026, i % 3, (i + 1) % 3, i % 2).into_bytes(),
        ));
    }
    // The same report twice, in two folders: which one counts must not depend on any order.
    let dup = synthetic_report("吉林省", 2026, 2, 1, 0).into_bytes();
    files.push(("a/2026_吉林省_政府工作报告.txt".to_string(), dup.clone()));
    files.push(("b/2026_吉林省_政府工作报告.txt".to_string(), dup));
    let mut lossy = synthetic_report("上海市", 2026, 1, 1, 1).into_bytes();
    lossy.insert(0, 0xFF);
    files.push(("2026_上海市_政府工作报告.txt".to_string(), lossy));
    let mut csv = String::from("province,year,full_text\n");
    for r in ["江苏省", "浙江省", "安徽省"] {
        csv.push_str(&format!("{r},2026,\"{}\"\n", synthetic_report(r, 2026, 1, 2, 3)));
    }
    csv.push_str("福建省,2026\n");
    files.push(("rows-2026.csv".to_string(), csv.into_bytes()));
    // A workbook, a Word document and a PDF (issue 24).
    let rows: Vec<Vec<String>> = ["湖北省", "湖南省"]
        .iter()
        .map(|r| vec![r.to_string(), "2026".to_string(), synthetic_report(r, 2026, 2, 1, 1)])
        .collect();
    files.push(("rows-2026.xlsx".to_string(), gwr_ingest::write::xlsx(&["province", "year", "full_text"], &rows)));
    let docx = synthetic_report("广东省", 2026, 1, 2, 2);
    let body = gwr_ingest::write::docx_paragraphs(&docx.lines().collect::<Vec<_>>());
    files.push(("2026_广东省_政府工作报告.docx".to_string(), gwr_ingest::write::docx(&body, &[])));
    let pdf = synthetic_report("广西壮族自治区", 2026, 3, 1, 2);
    let layout = gwr_ingest::write::PdfLayout { page_numbers: true, ..Default::default() };
    files.push((
        "2026_广西_政府工作报告.pdf".to_string(),
        gwr_ingest::write::pdf(&pdf.lines().collect::<Vec<_>>(), &layout),
    ));
    files
}

/// Write the corpus under `dir`, in the order of `order` (indices into [`corpus_files`]).
fn write_corpus(dir: &Path, order: &[usize]) {
    let files = corpus_files();
    for &i in order {
        let (rel, bytes) = &files[i];
        let path = dir.join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, bytes).unwrap();
    }
}

fn analyze(cwd: &Path, inputs: &[&Path], dict: &Path, out: &Path, extra: &[&str]) {
    let mut args: Vec<&str> = vec!["analyze"];
    args.extend(inputs.iter().map(|p| p.to_str().unwrap()));
    args.extend(["--dict", dict.to_str().unwrap(), "--out", out.to_str().unwrap(), "--quiet", "--format", "json"]);
    args.extend_from_slice(extra);
    let r = Command::new(env!("CARGO_BIN_EXE_gwr")).args(&args).current_dir(cwd).output().expect("gwr runs");
    // One broken CSV row: exit 1, outputs written.
    assert_eq!(r.status.code(), Some(1), "{args:?}\n{}", String::from_utf8_lossy(&r.stderr));
}

/// The outputs of `out`, run.json without its timing, with `root` replaced by `<root>` everywhere.
fn outputs(out: &Path, root: &Path) -> BTreeMap<String, String> {
    let root = root.to_str().unwrap();
    std::fs::read_dir(out)
        .unwrap()
        .map(|e| {
            let e = e.unwrap();
            let name = e.file_name().to_string_lossy().into_owned();
            let mut text = std::fs::read_to_string(e.path()).unwrap();
            if name == "run.json" {
                let mut v: serde_json::Value = serde_json::from_str(&text).unwrap();
                assert!(v.as_object_mut().unwrap().remove("timing").is_some(), "run.json has timings");
                text = serde_json::to_string_pretty(&v).unwrap();
            }
            (name, text.replace(root, "<root>"))
        })
        .collect()
}

fn assert_same(a: &BTreeMap<String, String>, b: &BTreeMap<String, String>, what: &str) {
    assert_eq!(a.keys().collect::<Vec<_>>(), b.keys().collect::<Vec<_>>(), "{what}: output files");
    for (name, text) in a {
        if text != &b[name] {
            let line = text.lines().zip(b[name].lines()).position(|(x, y)| x != y);
            panic!("{what}: {name} differs (first at line {line:?})");
        }
    }
}

fn setup() -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let dict = write_test_dictionary(tmp.path());
    (tmp, dict)
}

#[test]
fn outputs_do_not_depend_on_the_thread_count() {
    let (tmp, dict) = setup();
    let set = tmp.path().join("set");
    write_corpus(&set, &(0..corpus_files().len()).collect::<Vec<_>>());
    let (one, two) = (tmp.path().join("one"), tmp.path().join("two"));
    analyze(tmp.path(), &[&set], &dict, &one, &["--threads", "1"]);
    analyze(tmp.path(), &[&set], &dict, &two, &["--threads", "2"]);
    let a = outputs(&one, tmp.path());
    assert_same(&a, &outputs(&two, tmp.path()), "1 vs 2 threads");
    // The order-sensitive cases are really there.
    let docs = read_csv(&one.join("documents.csv"));
    assert!(docs.iter().any(|d| d["reason"] == "duplicate of a/2026_吉林省_政府工作报告.txt"), "{docs:#?}");
    assert!(docs.iter().any(|d| d["reason"].starts_with("lossy: 1 invalid sequence")), "{docs:#?}");
    for (id, encoding) in
        [("rows-2026.xlsx#Sheet1!3", "xlsx"), ("广东省_政府工作报告.docx", "docx"), ("广西_政府工作报告.pdf", "pdf")]
    {
        let doc = docs.iter().find(|d| d["doc_id"].ends_with(id)).unwrap_or_else(|| panic!("{id}: {docs:#?}"));
        assert_eq!((doc["status"].as_str(), doc["encoding"].as_str()), ("ok", encoding), "{doc:?}");
    }
}

#[test]
fn outputs_do_not_depend_on_the_order_of_paths_on_the_command_line() {
    let (tmp, dict) = setup();
    // Two inputs with the same folder name: their files get the same doc_ids, numbered apart by source path.
    let (p, q) = (tmp.path().join("p/set"), tmp.path().join("q/set"));
    let all: Vec<usize> = (0..corpus_files().len()).collect();
    write_corpus(&p, &all);
    write_corpus(&q, &all[..4]);
    // And single files named besides the folders, one of them also inside a folder (read once).
    let file = p.join("2026_北京市_政府工作报告.txt");
    let (ab, ba) = (tmp.path().join("ab"), tmp.path().join("ba"));
    analyze(tmp.path(), &[&p, &q, &file], &dict, &ab, &[]);
    analyze(tmp.path(), &[&file, &q, &p], &dict, &ba, &[]);
    let a = outputs(&ab, tmp.path());
    assert_same(&a, &outputs(&ba, tmp.path()), "p q vs q p");
    let docs = read_csv(&ab.join("documents.csv"));
    assert!(docs.iter().any(|d| d["doc_id"].ends_with("~2")), "two inputs gave the same doc_id: {docs:#?}");
    let beijing = docs.iter().filter(|d| d["source"] == file.to_str().unwrap()).count();
    assert_eq!(beijing, 1, "a file named twice is read once");
}

#[test]
fn outputs_do_not_depend_on_the_file_system_order() {
    let (tmp, dict) = setup();
    // Two trees with the same relative paths and contents, created in opposite orders (the second also with
    // files deleted and re-created, which reorders directory entries on most file systems).
    let (x, y) = (tmp.path().join("x"), tmp.path().join("y"));
    std::fs::create_dir_all(&x).unwrap();
    std::fs::create_dir_all(&y).unwrap();
    std::fs::copy(&dict, x.join("dict.toml")).unwrap();
    std::fs::copy(&dict, y.join("dict.toml")).unwrap();
    let n = corpus_files().len();
    let forward: Vec<usize> = (0..n).collect();
    let backward: Vec<usize> = (0..n).rev().collect();
    write_corpus(&x.join("set"), &forward);
    write_corpus(&y.join("set"), &backward);
    for (rel, _) in corpus_files().iter().step_by(2) {
        let path = y.join("set").join(rel);
        let bytes = std::fs::read(&path).unwrap();
        std::fs::remove_file(&path).unwrap();
        std::fs::write(&path, bytes).unwrap();
    }
    let listing = |d: &Path| -> Vec<String> {
        std::fs::read_dir(d).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect()
    };
    eprintln!("listing x: {:?}\nlisting y: {:?}", listing(&x.join("set")), listing(&y.join("set")));
    analyze(&x, &[Path::new("set")], Path::new("dict.toml"), Path::new("out"), &[]);
    analyze(&y, &[Path::new("set")], Path::new("dict.toml"), Path::new("out"), &[]);
    assert_same(&outputs(&x.join("out"), &x), &outputs(&y.join("out"), &y), "file system order");
}
