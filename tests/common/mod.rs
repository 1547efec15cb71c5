//! Shared helpers of the end-to-end tests.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The real reports ([`gwr_testdata::corpora`]: `$GWR_CORPORA`, else `../shared/corpora` beside the repository).
/// Panics loudly when absent: a test that needs them starts with `gwr_testdata::require_corpora!()`, which skips it
/// with a notice on a fresh clone.
pub fn shared_corpora() -> PathBuf {
    gwr_testdata::corpora()
}

/// The repository's root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Run the gwr binary with `args` in the repository root.
pub fn gwr(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_gwr")).args(args).current_dir(root()).output().expect("gwr runs")
}

/// Run gwr and panic with its stderr unless it exits with `code`.
pub fn gwr_expect(args: &[&str], code: i32) -> Output {
    let out = gwr(args);
    assert_eq!(
        out.status.code(),
        Some(code),
        "gwr {args:?} exited with {:?}\nstdout:\n{}\nstderr:\n{}",
        out.status.code(),
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

/// A CSV file as header-keyed rows.
pub fn read_csv(path: &Path) -> Vec<std::collections::BTreeMap<String, String>> {
    let mut r = csv::Reader::from_path(path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    let headers = r.headers().unwrap().clone();
    r.records()
        .map(|rec| {
            let rec = rec.unwrap();
            headers.iter().zip(rec.iter()).map(|(h, v)| (h.to_string(), v.to_string())).collect()
        })
        .collect()
}

/// `hits.jsonl` as JSON values.
pub fn read_hits(dir: &Path) -> Vec<serde_json::Value> {
    let text = std::fs::read_to_string(dir.join("hits.jsonl")).expect("hits.jsonl");
    text.lines().map(|l| serde_json::from_str(l).expect("hit is JSON")).collect()
}

/// A small dictionary for end-to-end tests of input handling, written into `dir` (`test-dict.toml`): three scored
/// sectors (quantum, low_altitude, ai) and a `sentinel` sector whose term `哨兵测试词` appears only in files that
/// must never be read. Independent of the project's curated dictionary, which changes often.
pub fn write_test_dictionary(dir: &Path) -> PathBuf {
    let toml = r#"schema = 1
group = "test"
kind = "sector"

[[sector]]
id = "quantum"
zh = "量子"
en = "Quantum"
fr = "Quantique"

[[sector.concept]]
id = "quantum_computing"
zh = ["量子计算"]
en = ["quantum computing"]
fr = ["informatique quantique"]

[[sector]]
id = "low_altitude"
zh = "低空经济"
en = "Low-altitude economy"
fr = "Économie de basse altitude"

[[sector.concept]]
id = "low_altitude_economy"
zh = ["低空经济"]
en = ["low-altitude economy"]
fr = ["économie de basse altitude"]

[[sector]]
id = "ai"
zh = "人工智能"
en = "Artificial intelligence"
fr = "Intelligence artificielle"

[[sector.concept]]
id = "artificial_intelligence"
zh = ["人工智能"]
en = ["artificial intelligence"]
fr = ["intelligence artificielle"]

[[sector]]
id = "sentinel"
zh = "哨兵"
en = "Sentinel"
fr = "Sentinelle"

[[sector.concept]]
id = "sentinel_term"
zh = ["哨兵测试词"]
en = ["sentinel test term"]
fr = ["terme sentinelle"]
"#;
    let path = dir.join("test-dict.toml");
    std::fs::write(&path, toml).expect("write the test dictionary");
    path
}

/// A synthetic report (text written for the tests, no real report copied): title, session-date line, salutation,
/// then `quantum` paragraphs naming 量子计算, `low` naming 低空经济, `ai` naming 人工智能, and a closing sentence
/// unique to `region` and `year` (so two regions never give the same text).
pub fn synthetic_report(region: &str, year: u16, quantum: usize, low: usize, ai: usize) -> String {
    let mut t = format!(
        "{year}年{region}政府工作报告\n——{year}年1月20日在{region}第十四届人民代表大会第三次会议上\n各位代表：\n\
         现在，我代表{region}人民政府向大会报告工作，请予审议，并请各位政协委员提出意见。\n"
    );
    for i in 0..quantum {
        t.push_str(&format!("第{i}条：我们加快发展量子计算，建设开放共享的试验平台，培育新的增长点。\n"));
    }
    for i in 0..low {
        t.push_str(&format!("第{i}款：我们推动低空经济起步成势，完善起降设施和空域管理，拓展应用场景。\n"));
    }
    for i in 0..ai {
        t.push_str(&format!("第{i}项：我们实施人工智能赋能行动，推进制造业数字化转型，支持企业上云用数。\n"));
    }
    t.push_str(&format!("各位代表！{region}{year}年的目标任务已经明确，让我们团结奋斗，共创美好未来！\n"));
    t
}
