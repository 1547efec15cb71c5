//! Bad input never loses data (issue 6): a corpus of every kind of bad input is generated here, in a temporary
//! folder, from text written for these tests (no committed binaries, no copied report text); `gwr analyze` must
//! list every file and row in documents.csv and run.json with the expected status and reason, count the rest,
//! exit with the right code, and read nothing but what it was named.
//!
//! Decision recorded here: for an ok document the `reason` column of documents.csv holds its flags joined with
//! `; ` (`lossy: 3 invalid sequences, first at byte 42`, `repeated body: ...`, `region not found`), so a flagged
//! document is visible in the table, not only in run.json.

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use common::*;

type Row = BTreeMap<String, String>;

fn write(path: &Path, bytes: &[u8]) -> PathBuf {
    std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
    std::fs::write(path, bytes).expect("write fixture");
    path.to_path_buf()
}

/// Run gwr in `cwd` (not the repository), so that a stray relative write would land somewhere we look.
fn gwr_in(cwd: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_gwr")).args(args).current_dir(cwd).output().expect("gwr runs")
}

fn expect_code(out: &Output, code: i32, what: &str) {
    assert_eq!(
        out.status.code(),
        Some(code),
        "{what}: exit {:?}\nstdout:\n{}\nstderr:\n{}",
        out.status.code(),
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

/// Every file under `dir` with its bytes, relative paths, symlinks as their target (not followed).
fn snapshot(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).expect("list") {
            let e = e.expect("entry");
            let path = e.path();
            let rel = path.strip_prefix(dir).expect("inside").to_path_buf();
            let kind = e.file_type().expect("file type");
            if kind.is_symlink() {
                let target = std::fs::read_link(&path).expect("link");
                out.insert(rel, target.to_string_lossy().as_bytes().to_vec());
            } else if kind.is_dir() {
                stack.push(path);
            } else if kind.is_file() {
                out.insert(rel, std::fs::read(&path).expect("read"));
            } else {
                out.insert(rel, b"<special>".to_vec());
            }
        }
    }
    out
}

/// The demo corpus's GB18030 report (synthetic text written by the project): bytes that are not UTF-8.
fn gb18030_demo() -> Vec<u8> {
    let bytes = std::fs::read(root().join("corpora/demo/2026年天津市政府工作报告.txt")).expect("demo GB18030 file");
    assert!(std::str::from_utf8(&bytes).is_err(), "the demo file must not be valid UTF-8");
    bytes
}

/// UTF-16LE with BOM.
fn utf16le(text: &str) -> Vec<u8> {
    let mut b = vec![0xFF, 0xFE];
    for u in text.encode_utf16() {
        b.extend_from_slice(&u.to_le_bytes());
    }
    b
}

/// The bad-input corpus: `<tmp>/in/...` plus, outside the input folder, `<tmp>/secret/sentinel.txt` which names
/// the sentinel term and must never be read.
struct Corpus {
    tmp: tempfile::TempDir,
    dict: PathBuf,
}

impl Corpus {
    fn input(&self) -> PathBuf {
        self.tmp.path().join("in")
    }
}

/// What the test expects of one input: its doc_id (relative to `in`'s parent), status, and reason (see
/// [`check_reason`]).
struct Expect {
    doc_id: String,
    status: &'static str,
    reason: String,
}

fn expect(doc_id: &str, status: &'static str, reason: &str) -> Expect {
    Expect { doc_id: doc_id.to_string(), status, reason: reason.to_string() }
}

fn build_corpus() -> (Corpus, Vec<Expect>) {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dict = write_test_dictionary(tmp.path());
    let input = tmp.path().join("in");
    std::fs::create_dir_all(&input).unwrap();
    std::fs::create_dir_all(tmp.path().join("cwd")).unwrap();
    let mut ex = Vec::new();

    // Outside the input folder: a file that nothing may read.
    let sentinel = write(&tmp.path().join("secret/sentinel.txt"), "哨兵测试词。".repeat(50).as_bytes());

    // Wrong encodings, detected from the bytes: GB18030 and UTF-16 with BOM (misleading extensions on purpose).
    write(&input.join("2026年天津市政府工作报告.txt"), &gb18030_demo());
    // The CSV below has a Tianjin 2026 row too: both are counted together as Tianjin's 2026 report, and both say so.
    ex.push(expect(
        "in/2026年天津市政府工作报告.txt",
        "ok",
        "=counted together with in/rows-2026.csv#2 (same region CN-TJ, year 2026, level province, language zh)",
    ));
    write(&input.join("2026_江苏省_政府工作报告.md"), &utf16le(&synthetic_report("江苏省", 2026, 1, 2, 0)));
    ex.push(expect("in/2026_江苏省_政府工作报告.md", "ok", "="));

    // Mostly valid UTF-8 with three bad bytes: decoded with replacement characters, counted, flagged.
    let mut lossy = synthetic_report("浙江省", 2026, 1, 1, 1).into_bytes();
    let line_starts: Vec<usize> = lossy.iter().enumerate().filter(|(_, &b)| b == b'\n').map(|(i, _)| i + 1).collect();
    // At the starts of lines 6, 4 and 2 (the later first, so that the earlier offsets stay right): no character
    // is split, each bad byte is one invalid sequence.
    for line in [5, 3, 1] {
        lossy.insert(line_starts[line - 1], 0xFF);
    }
    write(&input.join("2026_浙江省_政府工作报告.txt"), &lossy);
    let first = lossy.iter().position(|&b| b == 0xFF).unwrap();
    ex.push(expect(
        "in/2026_浙江省_政府工作报告.txt",
        "ok",
        &format!("=lossy: 3 invalid sequences, first at byte {first}"),
    ));

    // HTML: a page with navigation and a script naming a term that is not visible text, and a .txt page dump
    // with tag remnants.
    let body = synthetic_report("河北省", 2026, 0, 2, 0).replace('\n', "</p>\n<p>");
    let page = format!(
        "<!DOCTYPE html><html><head><title>河北省人民政府</title><script>var t = '量子计算 量子计算';</script></head>\
         <body><nav>首页 &gt; 要闻 量子计算</nav><div class=\"article\"><p>{body}</p></div>\
         <footer>网站地图</footer></body></html>"
    );
    write(&input.join("hebei-2026.html"), page.as_bytes());
    ex.push(expect("in/hebei-2026.html", "ok", "="));
    let dump = synthetic_report("山西省", 2026, 1, 0, 1).replace('\n', "&nbsp;</p>\n<p>");
    write(&input.join("shanxi-2026.txt"), format!("<p>{dump}</p><script>var x='量子计算';</script>").as_bytes());
    ex.push(expect("in/shanxi-2026.txt", "ok", "="));

    // A report body saved twice in one page dump: counted once, flagged.
    let twice = format!("{0}\n{0}", synthetic_report("山东省", 2026, 3, 2, 2));
    write(&input.join("2026_山东省_政府工作报告.txt"), twice.as_bytes());
    ex.push(expect("in/2026_山东省_政府工作报告.txt", "ok", "^repeated body: "));

    // Truncated: cut in the middle of the last character.
    let full = synthetic_report("河南省", 2026, 1, 0, 0);
    let cut = &full.as_bytes()[..full.len() - 5]; // "！\n" + "来！" ends: 5 bytes back splits "来"
    assert!(std::str::from_utf8(cut).is_err(), "the cut must split a character");
    write(&input.join("2026_河南省_政府工作报告.txt"), cut);
    let at = cut.len() - 2;
    ex.push(expect(
        "in/2026_河南省_政府工作报告.txt",
        "ok",
        &format!("=lossy: 1 invalid sequence, first at byte {at}; truncated: incomplete UTF-8 sequence at byte {at}"),
    ));

    // A binary named .txt, bytes that are not text in any encoding, an empty file, a page of boilerplate only.
    write(&input.join("image.txt"), b"GIF89a\x01\x00\x00\x02\x03");
    ex.push(expect("in/image.txt", "failed", "=binary content (NUL byte at offset 7)"));
    let mut garbage = b"ab".to_vec();
    garbage.extend(std::iter::repeat_n(0xFF, 100));
    write(&input.join("garbage.txt"), &garbage);
    ex.push(expect(
        "in/garbage.txt",
        "failed",
        "=invalid UTF-8 at byte 2: 100 invalid sequences in 102 bytes, not text",
    ));
    write(&input.join("empty.txt"), b"");
    ex.push(expect("in/empty.txt", "skipped", "=empty file"));
    let furniture = "下载\n打印\n【字号：加大 还原 减小】\n当前位置：首页 > 要闻\n来源：示例日报\n扫一扫在手机打开当前页\n关闭窗口\n";
    write(&input.join("2026_湖南省_furniture.txt"), furniture.as_bytes());
    ex.push(expect("in/2026_湖南省_furniture.txt", "skipped", "=empty after boilerplate removal"));

    // A CSV corpus with a broken row 7 (3 fields, expected 6) and columns holding paths: data, never read.
    let regions = ["北京市", "天津市", "上海市", "重庆市", "辽宁省", "吉林省", "黑龙江省", "福建省"];
    let mut csv = String::from("province,year,title,source_url,file,full_text\n");
    for (i, region) in regions.iter().enumerate() {
        let n = i + 1;
        if n == 7 {
            csv.push_str(&format!("{region},2026,broken row\n"));
            continue;
        }
        let mut text = synthetic_report(region, 2026, n % 3, 1, n % 2);
        if n == 1 {
            text.push_str("附件见 ../secret/sentinel.txt 与 /etc/passwd（此处只是文字）。\n");
        }
        csv.push_str(&format!(
            "{region},2026,{region}政府工作报告,../../etc/passwd,{},\"{}\"\n",
            sentinel.display(),
            text.replace('"', "\"\"")
        ));
    }
    write(&input.join("rows-2026.csv"), csv.as_bytes());
    for n in 1..=8 {
        if n == 7 {
            ex.push(expect("in/rows-2026.csv#7", "failed", "=csv row 7: 3 fields, expected 6"));
        } else if n == 2 {
            let flag = "=counted together with in/2026年天津市政府工作报告.txt (same region CN-TJ, year 2026, level province, language zh)";
            ex.push(expect("in/rows-2026.csv#2", "ok", flag));
        } else {
            ex.push(expect(&format!("in/rows-2026.csv#{n}"), "ok", "="));
        }
    }

    // JSONL with a broken line 2.
    let line = |region: &str| {
        serde_json::json!({"province": region, "year": 2026, "content": synthetic_report(region, 2026, 1, 1, 1)})
            .to_string()
    };
    let jsonl = format!(
        "{}\n{{\"province\": \"广东省\", \"year\": 2026, \"content\": \"未完\n{}\n",
        line("广西壮族自治区"),
        line("海南省")
    );
    write(&input.join("rows-2026.jsonl"), jsonl.as_bytes());
    ex.push(expect("in/rows-2026.jsonl#1", "ok", "="));
    ex.push(expect("in/rows-2026.jsonl#2", "failed", "^jsonl line 2: "));
    ex.push(expect("in/rows-2026.jsonl#3", "ok", "="));

    // The same report saved twice: `copy/...` sorts before `in/...`, so the copy counts and the other is the
    // duplicate (doc_ids are the parent folder and the file name).
    let sichuan = synthetic_report("四川省", 2026, 2, 2, 2);
    write(&input.join("2026_四川省_政府工作报告.txt"), sichuan.as_bytes());
    write(&input.join("copy/2026_四川省_政府工作报告(1).txt"), sichuan.as_bytes());
    ex.push(expect("copy/2026_四川省_政府工作报告(1).txt", "ok", "="));
    ex.push(expect("in/2026_四川省_政府工作报告.txt", "skipped", "=duplicate of copy/2026_四川省_政府工作报告(1).txt"));

    // Unreadable: a dangling symlink. A symlink out of the input folder: listed, not followed. A fifo: listed,
    // never opened (reading it would block). A folder named like a file: walked as a folder.
    std::os::unix::fs::symlink(input.join("gone.txt"), input.join("dangling.txt")).unwrap();
    let dangling = format!("^cannot read {}: broken symlink to ", input.join("dangling.txt").display());
    ex.push(expect("in/dangling.txt", "failed", &dangling));
    std::os::unix::fs::symlink(&sentinel, input.join("outside.txt")).unwrap();
    ex.push(expect("in/outside.txt", "skipped", "^symlink outside the input folder: not followed ("));
    std::os::unix::fs::symlink(input.join("copy"), input.join("loop")).unwrap();
    ex.push(expect("in/loop", "skipped", "=symlink to a folder: not followed"));
    let fifo = input.join("pipe.txt");
    let status = Command::new("mkfifo").arg(&fifo).status().expect("mkfifo runs");
    assert!(status.success(), "mkfifo {}", fifo.display());
    ex.push(expect("in/pipe.txt", "skipped", "=not a regular file"));
    write(&input.join("folder.txt/2026_贵州省_政府工作报告.txt"), synthetic_report("贵州省", 2026, 0, 0, 3).as_bytes());
    ex.push(expect("folder.txt/2026_贵州省_政府工作报告.txt", "ok", "="));

    (Corpus { tmp, dict }, ex)
}

/// `=text`: the reason is exactly `text`; `^text`: it starts with `text`.
fn check_reason(got: &str, want: &str, doc_id: &str) {
    if let Some(exact) = want.strip_prefix('=') {
        assert_eq!(got, exact, "{doc_id}: reason");
    } else if let Some(prefix) = want.strip_prefix('^') {
        assert!(got.starts_with(prefix), "{doc_id}: reason {got:?} should start with {prefix:?}");
    } else {
        panic!("{doc_id}: expected reason {want:?} must start with = or ^");
    }
}

fn analyze(corpus: &Corpus, out: &Path, extra: &[&str]) -> Output {
    let cwd = corpus.tmp.path().join("cwd");
    let input = corpus.input();
    let mut args = vec![
        "analyze",
        input.to_str().unwrap(),
        "--dict",
        corpus.dict.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
        "--quiet",
    ];
    args.extend_from_slice(extra);
    gwr_in(&cwd, &args)
}

#[test]
fn every_bad_input_is_listed_with_its_status_and_reason() {
    let (corpus, expected) = build_corpus();
    let before = snapshot(corpus.tmp.path());
    let out = corpus.tmp.path().join("out");
    let run = analyze(&corpus, &out, &[]);
    expect_code(&run, 1, "a corpus with failed inputs");

    // Nothing was written anywhere but --out (not in the input, not in the working folder, not beside it).
    let mut after = snapshot(corpus.tmp.path());
    after.retain(|p, _| !p.starts_with("out"));
    assert_eq!(before.keys().collect::<Vec<_>>(), after.keys().collect::<Vec<_>>(), "files appeared outside --out");
    assert!(before == after, "a file outside --out changed");
    let mut written: Vec<String> =
        std::fs::read_dir(&out).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    written.sort();
    assert_eq!(written, ["counts.csv", "documents.csv", "hits.jsonl", "panel.csv", "run.json", "scores.csv"]);

    let docs = read_csv(&out.join("documents.csv"));
    let by_id: BTreeMap<&str, &Row> = docs.iter().map(|d| (d["doc_id"].as_str(), d)).collect();
    for e in &expected {
        let d = by_id
            .get(e.doc_id.as_str())
            .unwrap_or_else(|| panic!("{} missing from documents.csv: {docs:#?}", e.doc_id));
        assert_eq!(d["status"], e.status, "{}: {}", e.doc_id, d["reason"]);
        check_reason(&d["reason"], &e.reason, &e.doc_id);
    }
    assert_eq!(docs.len(), expected.len(), "every input and no other: {:#?}", by_id.keys().collect::<Vec<_>>());

    // Encodings and regions of the wrongly encoded files.
    assert_eq!(by_id["in/2026年天津市政府工作报告.txt"]["encoding"], "GB18030");
    assert_eq!(by_id["in/2026年天津市政府工作报告.txt"]["region_code"], "CN-TJ");
    assert_eq!(by_id["in/2026_江苏省_政府工作报告.md"]["encoding"], "UTF-16LE BOM");
    assert_eq!(by_id["in/2026_江苏省_政府工作报告.md"]["region_code"], "CN-JS");
    assert_eq!(by_id["in/2026_河南省_政府工作报告.txt"]["region_code"], "CN-HA");

    // run.json lists the same inputs in the same order with the same outcomes, and the totals add up.
    let run_json: serde_json::Value = serde_json::from_slice(&std::fs::read(out.join("run.json")).unwrap()).unwrap();
    let inputs = run_json["inputs"].as_array().expect("inputs");
    assert_eq!(inputs.len(), docs.len());
    for (i, d) in inputs.iter().zip(&docs) {
        assert_eq!(i["doc_id"], d["doc_id"].as_str());
        assert_eq!(i["status"], d["status"].as_str());
        assert_eq!(i["reason"], d["reason"].as_str());
    }
    let tally = |s: &str| docs.iter().filter(|d| d["status"] == s).count();
    assert_eq!(run_json["documents"]["ok"], tally("ok"));
    assert_eq!(run_json["documents"]["skipped"], tally("skipped"));
    assert_eq!(run_json["documents"]["failed"], tally("failed"));
    let lossy = inputs.iter().find(|i| i["doc_id"] == "in/2026_浙江省_政府工作报告.txt").unwrap();
    assert!(lossy["flags"][0].as_str().unwrap().starts_with("lossy: 3 invalid sequences"), "{lossy}");

    // Counts: the repeated body once, the script and navigation of the page never, the sentinel never.
    let counts = read_csv(&out.join("counts.csv"));
    let count = |doc: &str, concept: &str| -> u64 {
        counts
            .iter()
            .filter(|c| c["doc_id"] == doc && c["concept"] == concept)
            .map(|c| c["count"].parse::<u64>().unwrap())
            .sum()
    };
    assert_eq!(count("in/2026_山东省_政府工作报告.txt", "quantum_computing"), 3, "the repeated body counts once");
    assert_eq!(count("in/hebei-2026.html", "quantum_computing"), 0, "script and nav are not text");
    assert_eq!(count("in/hebei-2026.html", "low_altitude_economy"), 2);
    assert_eq!(count("in/shanxi-2026.txt", "quantum_computing"), 1, "the script remnant is not text");
    assert_eq!(count("in/2026_江苏省_政府工作报告.md", "low_altitude_economy"), 2);
    assert_eq!(count("in/2026_河南省_政府工作报告.txt", "quantum_computing"), 1);
    assert!(counts.iter().all(|c| c["concept"] != "sentinel_term"), "a path in a row or a symlink was followed");
    assert!(read_hits(&out).iter().all(|h| h["concept"] != "sentinel_term"));
    // The row that names paths is counted as the text it is.
    assert_eq!(by_id["in/rows-2026.csv#1"]["region_code"], "CN-BJ");
    assert_eq!(count("in/rows-2026.csv#1", "low_altitude_economy"), 1);

    // The duplicate adds nothing: no counts of its own, and Sichuan's scores are one report's.
    assert_eq!(count("in/2026_四川省_政府工作报告.txt", "quantum_computing"), 0);
    let scores = read_csv(&out.join("scores.csv"));
    let sc: BTreeMap<&str, u64> = scores
        .iter()
        .filter(|s| s["region_code"] == "CN-SC")
        .map(|s| (s["sector"].as_str(), s["count"].parse().unwrap()))
        .collect();
    assert_eq!(sc, BTreeMap::from([("ai", 2), ("low_altitude", 2), ("quantum", 2), ("sentinel", 0)]));
}

#[test]
fn strict_makes_any_failure_fatal_and_writes_nothing() {
    let (corpus, _) = build_corpus();
    let out = corpus.tmp.path().join("strict-out");
    let run = analyze(&corpus, &out, &["--strict"]);
    expect_code(&run, 1, "--strict with failed inputs");
    assert!(!out.exists(), "--strict wrote {}", out.display());
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(stderr.contains("csv row 7: 3 fields, expected 6"), "{stderr}");
    assert!(stderr.contains("binary content (NUL byte at offset 7)"), "{stderr}");
}

#[test]
fn exit_code_0_when_every_input_is_ok_even_with_flags_and_skips() {
    let tmp = tempfile::tempdir().unwrap();
    let dict = write_test_dictionary(tmp.path());
    let input = tmp.path().join("in");
    write(&input.join("2026年天津市政府工作报告.txt"), &gb18030_demo());
    let mut cut = synthetic_report("江西省", 2026, 0, 1, 0).into_bytes();
    cut.truncate(cut.len() - 5);
    write(&input.join("2026_江西省_政府工作报告.txt"), &cut);
    write(&input.join("empty.txt"), b"");
    let out = tmp.path().join("out");
    let run = gwr_in(
        tmp.path(),
        &["analyze", input.to_str().unwrap(), "--dict", dict.to_str().unwrap(), "--out", "out", "--quiet", "--strict"],
    );
    expect_code(&run, 0, "skipped and flagged inputs are not failures");
    let docs = read_csv(&out.join("documents.csv"));
    assert_eq!(docs.len(), 3);
    assert!(docs.iter().any(|d| d["status"] == "skipped" && d["reason"] == "empty file"));
}

/// A dictionary file whose TOML is broken at a known place.
const BROKEN_DICT: &str =
    "schema = 1\ngroup = \"test\"\nkind = \"sector\"\n\n[[sector]]\nid = \"quantum\nzh = \"量子\"\n";

#[test]
fn broken_dictionary_is_refused_before_any_work_with_file_line_column() {
    let (corpus, _) = build_corpus();
    let bad = write(&corpus.tmp.path().join("broken-dict.toml"), BROKEN_DICT.as_bytes());
    let out = corpus.tmp.path().join("dict-out");
    let input = corpus.input();
    let run = gwr_in(
        corpus.tmp.path(),
        &["analyze", input.to_str().unwrap(), "--dict", bad.to_str().unwrap(), "--out", out.to_str().unwrap()],
    );
    expect_code(&run, 2, "broken dictionary");
    let stderr = String::from_utf8_lossy(&run.stderr);
    let at = format!("{}:6:", bad.display());
    let line = stderr.lines().find(|l| l.contains(&at)).unwrap_or_else(|| panic!("no {at}LINE:COLUMN in {stderr}"));
    let rest = &line[line.find(&at).unwrap() + at.len()..];
    let column: String = rest.chars().take_while(char::is_ascii_digit).collect();
    assert!(!column.is_empty() && rest[column.len()..].starts_with(": "), "file:line:column: {line}");
    let message = &rest[column.len() + 2..];
    assert!(message.chars().next().is_some_and(|c| !c.is_uppercase()), "lowercase message: {line}");
    assert!(!out.exists(), "nothing is written for a broken dictionary");
}

#[test]
fn broken_claims_file_is_refused_before_any_work_with_file_line_column() {
    let (corpus, _) = build_corpus();
    let claims = "schema = 1\n\n[article]\ndate = \"2026-03-02\"\n\n[[claim]]\nid = \"x\"\nsectors = [\"quantum\"\n";
    let bad = write(&corpus.tmp.path().join("broken-claims.toml"), claims.as_bytes());
    let out = corpus.tmp.path().join("claims-out");
    let run = analyze(&corpus, &out, &["--claims", bad.to_str().unwrap()]);
    expect_code(&run, 2, "broken claims file");
    let stderr = String::from_utf8_lossy(&run.stderr);
    let prefix = format!("{}:", bad.display());
    let line = stderr.lines().find(|l| l.contains(&prefix)).unwrap_or_else(|| panic!("no {prefix} in {stderr}"));
    let rest = &line[line.find(&prefix).unwrap() + prefix.len()..];
    let mut parts = rest.splitn(3, ':');
    let (l, c) = (parts.next().unwrap_or_default(), parts.next().unwrap_or_default());
    assert!(l.parse::<usize>().is_ok() && c.parse::<usize>().is_ok(), "file:line:column: {line}");
    assert!(!out.exists(), "nothing is written for a broken claims file");
    // A claim naming a sector the dictionary lacks is refused too, at its line.
    let claims = "schema = 1\n[article]\ndate = \"2026-03-02\"\nsource = \"s\"\ntitle = \"t\"\nlang = \"en\"\n[[claim]]\nid = \"x\"\nregion = \"CN-AH\"\nsectors = [\"no_such_sector\"]\nparaphrase = \"x\"\n";
    let bad = write(&corpus.tmp.path().join("unknown-sector.toml"), claims.as_bytes());
    let run = analyze(&corpus, &out, &["--claims", bad.to_str().unwrap()]);
    expect_code(&run, 2, "claims naming an unknown sector");
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(stderr.contains(&format!("{}:10:", bad.display())), "{stderr}");
    assert!(!out.exists());
}

#[test]
fn text_column_naming_a_path_is_a_column_name_not_a_file() {
    let (corpus, _) = build_corpus();
    let out = corpus.tmp.path().join("col-out");
    let sentinel = corpus.tmp.path().join("secret/sentinel.txt");
    let run = analyze(&corpus, &out, &["--text-column", sentinel.to_str().unwrap()]);
    expect_code(&run, 1, "no such column");
    let docs = read_csv(&out.join("documents.csv"));
    let csv = docs.iter().find(|d| d["doc_id"] == "in/rows-2026.csv").expect("the csv is listed as a whole");
    assert_eq!(csv["status"], "failed");
    assert!(
        csv["reason"].ends_with(&format!("no column {:?} in the header", sentinel.display().to_string())),
        "{}",
        csv["reason"]
    );
    assert!(read_hits(&out).iter().all(|h| h["concept"] != "sentinel_term"));
}

#[test]
fn giant_file_runs_to_the_end() {
    // About 50 MB of report text in one file (no time is asserted: it must finish and count everything).
    let tmp = tempfile::tempdir().unwrap();
    let dict = write_test_dictionary(tmp.path());
    let mut text = synthetic_report("陕西省", 2026, 0, 0, 0);
    let mut n = 0u64;
    while text.len() < 50_000_000 {
        // Every line numbered, so that nothing is a repeated body.
        for part in ["一", "二", "三"] {
            text.push_str(&format!(
                "第{n}段之{part}：我们坚持稳中求进，完整准确全面贯彻新发展理念，推动高质量发展。\n"
            ));
        }
        text.push_str(&format!("第{n}段之四：我们加快发展量子计算，建设开放共享的试验平台，培育新的增长点。\n"));
        n += 1;
    }
    let input = tmp.path().join("in");
    write(&input.join("2026_陕西省_政府工作报告.txt"), text.as_bytes());
    let out = tmp.path().join("out");
    let run = gwr_in(
        tmp.path(),
        &["analyze", input.to_str().unwrap(), "--dict", dict.to_str().unwrap(), "--out", "out", "--quiet"],
    );
    expect_code(&run, 0, "giant file");
    let docs = read_csv(&out.join("documents.csv"));
    assert_eq!((docs.len(), docs[0]["status"].as_str()), (1, "ok"), "{docs:?}");
    let counts = read_csv(&out.join("counts.csv"));
    let quantum: u64 =
        counts.iter().filter(|c| c["concept"] == "quantum_computing").map(|c| c["count"].parse::<u64>().unwrap()).sum();
    assert_eq!(quantum, n, "every paragraph is counted");
}
