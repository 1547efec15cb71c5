//! `gwr claims` end to end on a corpus written here (invented text): a good claims file gives claims.csv with its
//! readable columns and a 120-column table; a bad one (unknown region, unknown sector, a figure that does not parse,
//! a claim with neither sectors nor key terms) is refused with file:line:column, exit 2, and nothing is written.

mod common;

use std::path::Path;

use common::*;

const HEAD: &str = "schema = 1\n\n[article]\ndate = \"2026-03-02\"\nsource = \"test\"\ntitle = \"t\"\n\n";

fn corpus(dir: &Path) -> std::path::PathBuf {
    let reports = dir.join("reports");
    std::fs::create_dir_all(&reports).expect("mkdir");
    let texts = [
        ("2026_安徽省_政府工作报告.txt", "安徽省政府工作报告\n量子科技产业链集聚企业数居全国第一。加快发展量子计算和量子通信。\n新能源汽车产量增长。\n"),
        ("2026_江苏省_政府工作报告.txt", "江苏省政府工作报告\n新能源汽车产量增长两成。集成电路产业加快发展，培育潜在独角兽企业。\n"),
        ("2026_广东省_政府工作报告.txt", "广东省政府工作报告\n工业机器人产量增长，占全国4成。人工智能和集成电路加快发展。\n"),
    ];
    for (name, text) in texts {
        std::fs::write(reports.join(name), text).expect("write report");
    }
    reports
}

fn claims_file(dir: &Path, name: &str, body: &str) -> String {
    let path = dir.join(name);
    std::fs::write(&path, format!("{HEAD}{body}")).expect("write claims");
    path.to_str().expect("utf-8 path").to_string()
}

#[test]
fn bad_claims_files_are_refused_at_their_line_with_nothing_written() {
    let tmp = tempfile::tempdir().expect("tmp");
    let reports = corpus(tmp.path());
    let reports = reports.to_str().expect("utf-8");
    let claim = |extra: &str| format!("[[claim]]\nid = \"x\"\n{extra}\nparaphrase = \"p\"\n");
    let cases = [
        ("region.toml", claim("region = \"CN-XX\"\nsectors = [\"quantum\"]"), 10, "unknown region code \"CN-XX\""),
        ("sector.toml", claim("region = \"CN-AH\"\nsectors = [\"quantums\"]"), 11, "unknown sector \"quantums\""),
        (
            "figure.toml",
            claim("region = \"CN-AH\"\nsectors = [\"quantum\"]\nfigure = { text = \"a lot\" }"),
            12,
            "\"a lot\" does not parse as a number",
        ),
        ("neither.toml", claim("region = \"CN-AH\""), 9, "names neither a sector nor key terms"),
    ];
    for (name, body, line, message) in cases {
        let file = claims_file(tmp.path(), name, &body);
        let out = tmp.path().join(format!("out-{name}"));
        let run = gwr(&["claims", reports, "--claims", &file, "--out", out.to_str().expect("utf-8"), "--quiet"]);
        let stderr = String::from_utf8_lossy(&run.stderr);
        assert_eq!(run.status.code(), Some(2), "{name}: {stderr}");
        let at = format!("{file}:{line}:");
        let shown = stderr.lines().find(|l| l.contains(&at)).unwrap_or_else(|| panic!("{name}: no {at} in {stderr}"));
        assert!(shown.contains(message), "{name}: {shown}");
        assert!(!out.exists(), "{name}: nothing is written for a bad claims file");
    }
}

#[test]
fn a_good_claims_file_gives_readable_columns_and_a_narrow_table() {
    let tmp = tempfile::tempdir().expect("tmp");
    let reports = corpus(tmp.path());
    let body = "[[claim]]\nid = \"ah-quantum\"\nregion = \"CN-AH\"\nsectors = [\"quantum\"]\nparaphrase = \"Anhui leads in quantum.\"\n\n\
                [[claim]]\nid = \"gba-robots\"\ncluster = \"gba\"\nsectors = [\"industrial_robots\"]\n\
                figure = { value = 40, unit = \"%\", text = \"40 %\" }\nparaphrase = \"Four in ten robots.\"\n\n\
                [[claim]]\nid = \"js-unicorns\"\nregion = \"CN-JS\"\nkey_terms = [\"潜在独角兽\"]\nparaphrase = \"Jiangsu's unicorns.\"\n";
    let file = claims_file(tmp.path(), "good.toml", body);
    let out = tmp.path().join("out");
    let run = gwr_expect(
        &[
            "claims",
            reports.to_str().expect("utf-8"),
            "--claims",
            &file,
            "--out",
            out.to_str().expect("utf-8"),
            "--quiet",
        ],
        0,
    );
    let stdout = String::from_utf8_lossy(&run.stdout);
    for line in stdout.lines() {
        let width: usize =
            line.chars().map(|c| if (c as u32) >= 0x1100 && !matches!(c, '·' | '…' | '≥') { 2 } else { 1 }).sum();
        assert!(width <= 120, "{width} columns: {line}");
    }
    assert!(stdout.contains("Greater Bay Area (gba)"), "{stdout}");
    let rows = read_csv(&out.join("claims.csv"));
    let row = |id: &str| rows.iter().find(|r| r["claim_id"] == id).unwrap_or_else(|| panic!("no {id}"));
    let ah = row("ah-quantum");
    assert_eq!(ah["verdict"], "confirmed");
    assert_eq!(ah["claim"], "Anhui leads in quantum.");
    assert!(ah["stated_evidence"].contains("{居全国第一}"), "{}", ah["stated_evidence"]);
    assert!(ah["stated_evidence"].contains('['), "{}", ah["stated_evidence"]);
    assert!(!ah["emphasis_evidence"].is_empty());
    let gba = row("gba-robots");
    assert_eq!(gba["region_name"], "Greater Bay Area");
    assert_eq!(gba["claimed_figure"], "40% (\"40 %\")");
    assert_eq!(gba["verdict"], "confirmed", "{}", gba["reason"]);
    assert!(gba["stated_evidence"].contains("{4成}"), "{}", gba["stated_evidence"]);
    let js = row("js-unicorns");
    assert_eq!((js["sector"].as_str(), js["z"].as_str(), js["verdict"].as_str()), ("", "", "mentioned"));
}
