//! The gwr binary alone, copied to a folder outside the source tree and run from there (as after `cargo install`,
//! or on another machine), gives the results it gives inside the repository: `analyze`, `claims`, `report` and
//! `dict stats` need nothing but the binary (dictionary, claims file and demo corpus are compiled in).

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use common::*;

/// Run `exe` with `args` in `cwd`, without the environment variables that point gwr at files; exit code 0 or panic.
fn run(exe: &Path, cwd: &Path, args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut command = Command::new(exe);
    command.args(args).current_dir(cwd).env_remove("GWR_CORPORA").env_remove("GWR_FONT_DIR");
    for (k, v) in env {
        command.env(k, v);
    }
    let out = command.output().expect("gwr runs");
    assert!(
        out.status.success(),
        "{} {args:?} in {}: {:?}\nstdout:\n{}\nstderr:\n{}",
        exe.display(),
        cwd.display(),
        out.status.code(),
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

/// The files of an output folder that do not hold timings or the output folder's own path, by name.
fn results(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut files = BTreeMap::new();
    for name in ["documents.csv", "counts.csv", "scores.csv", "hits.jsonl", "claims.csv"] {
        if let Ok(bytes) = std::fs::read(dir.join(name)) {
            files.insert(name.to_string(), bytes);
        }
    }
    let run: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.join("run.json")).expect("run.json")).expect("run.json is JSON");
    files.insert("run.json#dictionary".into(), run["dictionary"].to_string().into_bytes());
    files
}

#[test]
fn the_binary_alone_in_another_folder_gives_the_results_it_gives_in_the_repository() {
    let tmp = tempfile::tempdir().expect("temp dir");
    // The binary alone, in a folder of its own; run from another empty folder.
    let bin = tmp.path().join("bin");
    std::fs::create_dir_all(&bin).unwrap();
    let alone = bin.join("gwr");
    std::fs::copy(env!("CARGO_BIN_EXE_gwr"), &alone).expect("copy the binary");
    let elsewhere = tmp.path().join("elsewhere");
    std::fs::create_dir_all(&elsewhere).unwrap();
    assert!(!elsewhere.join("dictionaries").exists() && !elsewhere.join("corpora").exists());
    let inside = (PathBuf::from(env!("CARGO_BIN_EXE_gwr")), root());

    // A corpus of synthetic reports, named by absolute path so that both runs give the same sources.
    let corpus = tmp.path().join("reports");
    std::fs::create_dir_all(&corpus).unwrap();
    for (i, region) in ["内蒙古自治区", "贵州省", "山东省", "广东省", "安徽省"].iter().enumerate() {
        let text = synthetic_report(region, 2026, i + 1, 3 - i.min(3), 2);
        std::fs::write(corpus.join(format!("2026_{region}_政府工作报告.txt")), text).unwrap();
    }
    let corpus = corpus.to_str().unwrap();

    let mut seen = Vec::new();
    for (name, (exe, cwd)) in [("inside", inside), ("alone", (alone.clone(), elsewhere.clone()))] {
        let out = tmp.path().join(format!("out-{name}"));
        let (analyzed, claims, report) = (out.join("analyze"), out.join("claims"), out.join("report"));
        let s = |p: &Path| p.to_str().unwrap().to_string();
        run(&exe, &cwd, &["analyze", corpus, "-o", &s(&analyzed), "-q"], &[]);
        run(&exe, &cwd, &["claims", corpus, "-o", &s(&claims), "-q"], &[]);
        // The copy also runs as on a machine without any font: the report is written all the same.
        let no_fonts: &[(&str, &str)] = if name == "alone" { &[("GWR_NO_SYSTEM_FONTS", "1")] } else { &[] };
        let printed = run(&exe, &cwd, &["report", &s(&report), "--from", &s(&analyzed)], no_fonts);
        let stats = run(&exe, &cwd, &["dict", "stats"], &[]).stdout;
        // The demo corpus, compiled in.
        let demo = out.join("demo");
        run(&exe, &cwd, &["analyze", "-o", &s(&demo), "-q"], &[]);
        let demo_docs: Vec<String> =
            read_csv(&demo.join("documents.csv")).iter().map(|d| format!("{} {}", d["doc_id"], d["status"])).collect();
        for file in ["report.html", "heatmap.svg", "heatmap-lq.svg", "heatmap.png"] {
            assert!(report.join(file).is_file(), "{name}: {file} written");
        }
        if name == "alone" {
            let stderr = String::from_utf8_lossy(&printed.stderr);
            assert_eq!(stderr.lines().filter(|l| l.starts_with("gwr: notice: ")).count(), 1, "{stderr}");
        }
        let mut all = results(&analyzed);
        all.extend(results(&claims).into_iter().map(|(k, v)| (format!("claims/{k}"), v)));
        for file in ["heatmap.svg", "heatmap-lq.svg"] {
            all.insert(format!("report/{file}"), std::fs::read(report.join(file)).unwrap());
        }
        all.insert("dict stats".into(), stats);
        all.insert("demo documents".into(), demo_docs.join("\n").into_bytes());
        seen.push(all);
    }
    assert_eq!(seen[0].keys().collect::<Vec<_>>(), seen[1].keys().collect::<Vec<_>>());
    for (name, bytes) in &seen[0] {
        assert!(
            *bytes == seen[1][name],
            "{name} differs:\ninside:\n{}\nalone:\n{}",
            String::from_utf8_lossy(bytes),
            String::from_utf8_lossy(&seen[1][name])
        );
    }
    let run_json = String::from_utf8_lossy(&seen[1]["run.json#dictionary"]).into_owned();
    assert!(run_json.contains("\"source\":\"embedded\""), "{run_json}");
    assert!(seen[1].contains_key("claims/claims.csv"), "claims.csv written from the compiled-in claims file");
}
