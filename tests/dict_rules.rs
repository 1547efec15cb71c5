//! Context rules end to end: a bad rule stops `gwr dict check` and `gwr analyze` with file:line and exit 2, nothing
//! written; a good rule removes exactly the hits it names.

mod common;

use common::*;

const HEADER: &str =
    "schema = 1\ngroup = \"t\"\nkind = \"sector\"\n\n[[sector]]\nid = \"s\"\nzh = \"s\"\nen = \"s\"\nfr = \"s\"\n\n";

/// A dictionary folder with one sector file: a concept 以旧换新 with `rule` (TOML lines), and a concept 量子.
fn dictionary(dir: &std::path::Path, rule: &str) -> std::path::PathBuf {
    let d = dir.join("dict");
    std::fs::create_dir_all(&d).unwrap();
    let text = format!(
        "{HEADER}[[sector.concept]]\nid = \"trade_in\"\nzh = [\"以旧换新\"]\n{rule}\n\n[[sector.concept]]\nid = \"quantum\"\nzh = [\"量子\"]\n"
    );
    std::fs::write(d.join("t.toml"), text).unwrap();
    d
}

#[test]
fn bad_rules_are_errors_with_file_and_line_and_nothing_is_written() {
    for (rule, line, message) in [
        (
            "[[sector.concept.rule]]\nunless_near = [\"房\"]\nconcepts = [\"housing\"]\nwithin = 5",
            "t.toml:14",
            "names unknown concept \"housing\"",
        ),
        ("[[sector.concept.rule]]\nunless_near = [\"房\"]\nwithin = -2", "t.toml:14", "window -2 is out of range"),
        ("[[sector.concept.rule]]\nunless_near = []\nwithin = 5", "t.toml:14", "has an empty list"),
        (
            "[[sector.concept.rule]]\nunless_near = [\"房\"]\nwithin = 5\nradius = 3",
            "t.toml:17",
            "unknown field `radius`",
        ),
    ] {
        let dir = tempfile::tempdir().unwrap();
        let dict = dictionary(dir.path(), rule);
        let check = gwr(&["dict", "check", dict.to_str().unwrap()]);
        let said = format!("{}{}", String::from_utf8_lossy(&check.stdout), String::from_utf8_lossy(&check.stderr));
        assert_eq!(check.status.code(), Some(2), "{rule}: {said}");
        assert!(said.contains(line) && said.contains(message), "{rule}: {said}");

        let input = dir.path().join("in.txt");
        std::fs::write(&input, "推动以旧换新。").unwrap();
        let out = dir.path().join("out");
        let run = gwr(&[
            "analyze",
            input.to_str().unwrap(),
            "--dict",
            dict.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
        ]);
        assert_eq!(run.status.code(), Some(2), "{rule}: {}", String::from_utf8_lossy(&run.stderr));
        assert!(String::from_utf8_lossy(&run.stderr).contains(line), "{}", String::from_utf8_lossy(&run.stderr));
        assert!(!out.exists(), "{rule}: nothing may be written");
    }
    // A rule on policy vocabulary.
    let dir = tempfile::tempdir().unwrap();
    let dict = dictionary(dir.path(), "[[sector.concept.rule]]\nunless_near = [\"房\"]\nwithin = 5");
    let file = dict.join("t.toml");
    std::fs::write(&file, std::fs::read_to_string(&file).unwrap().replace("kind = \"sector\"", "kind = \"policy\""))
        .unwrap();
    let check = gwr(&["dict", "check", dict.to_str().unwrap()]);
    let said = String::from_utf8_lossy(&check.stdout).to_string();
    assert_eq!(check.status.code(), Some(2), "{said}");
    assert!(said.contains("t.toml:14: concept trade_in is policy vocabulary"), "{said}");
}

#[test]
fn a_rule_removes_the_hits_it_names_and_audit_shows_them() {
    let dir = tempfile::tempdir().unwrap();
    let dict = dictionary(
        dir.path(),
        "[[sector.concept.rule]]\nunless_near = [\"住房\"]\nwithin = 3\n[[sector.concept.rule]]\nnot_in = [\"量子城市\"]",
    );
    let file = dict.join("t.toml");
    // The not_in rule belongs to the quantum concept: move it there.
    let text = std::fs::read_to_string(&file).unwrap();
    let text = text.replace("[[sector.concept.rule]]\nnot_in = [\"量子城市\"]\n", "")
        + "[[sector.concept.rule]]\nnot_in = [\"量子城市\"]\n";
    std::fs::write(&file, text).unwrap();
    gwr_expect(&["dict", "check", dict.to_str().unwrap()], 0);

    let input = dir.path().join("in.txt");
    std::fs::write(&input, "开展家电以旧换新。落实住房以旧换新政策。建设量子城市，发展量子科技。").unwrap();
    let out = dir.path().join("out");
    gwr_expect(
        &[
            "analyze",
            input.to_str().unwrap(),
            "--dict",
            dict.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
            "--quiet",
            "--lang",
            "zh",
        ],
        0,
    );
    let hits: Vec<String> =
        read_hits(&out).iter().map(|h| format!("{}@{}", h["surface"].as_str().unwrap(), h["start"])).collect();
    let first = "开展家电".len();
    let quantum = "开展家电以旧换新。落实住房以旧换新政策。建设量子城市，发展".len();
    assert_eq!(hits, [format!("以旧换新@{first}"), format!("量子@{quantum}")]);

    let audit =
        gwr(&["dict", "audit", input.to_str().unwrap(), "--dict", dict.to_str().unwrap(), "--quiet", "--lang", "zh"]);
    let text = String::from_utf8_lossy(&audit.stdout);
    assert!(text.contains("rejected by context rules (2 matches not counted)"), "{text}");
    assert!(text.contains("unless_near [住房] within 3") && text.contains("not_in [量子城市]"), "{text}");
}
