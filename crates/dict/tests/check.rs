//! `Dictionary::check`: each case is a sector-group file that must produce exactly the listed problems.

use gwr_dict::{Dictionary, Severity};

/// Lines 1-9 of every case; concepts start at line 10.
const HEADER: &str = r#"schema = 1
group = "test"
kind = "sector"

[[sector]]
id = "tech"
zh = "科技"
en = "Technology"
fr = "Technologie"
"#;

use Severity::{Error, Warning};

struct Case {
    name: &'static str,
    body: &'static str,
    expected: &'static [(Severity, &'static str)],
}

const CASES: &[Case] = &[
    Case {
        name: "clean concepts with acronyms, accents and forms shared across languages",
        body: r#"[[sector.concept]]
id = "ai_chip"
zh = ["人工智能芯片", "AI芯片", "5G"]
en = ["AI chip", "5G"]
fr = ["puce d'intelligence artificielle", "5G", "énergie"]
"#,
        expected: &[],
    },
    Case {
        name: "a form in two concepts",
        body: r#"[[sector.concept]]
id = "a"
zh = ["量子"]
[[sector.concept]]
id = "b"
zh = ["量子"]
"#,
        expected: &[(Error, r#"t.toml:15: form "量子" listed twice (concepts a, b; first at t.toml:12)"#)],
    },
    Case {
        name: "a form in two concepts after normalization",
        body: r#"[[sector.concept]]
id = "a"
zh = ["量子计算"]
en = ["quantum computing"]
[[sector.concept]]
id = "b"
zh = ["量子比特"]
en = ["Quantum Computing"]
"#,
        expected: &[
            (Error, r#"t.toml:17: form "Quantum Computing" listed twice (concepts a, b; first at t.toml:13)"#),
            (
                Warning,
                r#"t.toml:17: form "Quantum Computing" is not written normalized (normalizes to "quantum computing")"#,
            ),
        ],
    },
    Case {
        name: "forms of two concepts that only stemming makes one",
        body: r#"[[sector.concept]]
id = "a"
zh = ["风电"]
en = ["wind power"]
fr = ["éolien"]
[[sector.concept]]
id = "b"
zh = ["风机"]
en = ["wind powers", "wind-power"]
fr = ["éoliennes", "Éolien"]
"#,
        expected: &[
            (
                Warning,
                r#"t.toml:18: en form "wind powers" (concept b) and form "wind power" (concept a, at t.toml:13) are one form after stemming ("wind power"): in en text its hits go to concept a"#,
            ),
            (
                Warning,
                r#"t.toml:18: en form "wind-power" (concept b) and form "wind power" (concept a, at t.toml:13) are one form after stemming ("wind power"): in en text its hits go to concept a"#,
            ),
            (Error, r#"t.toml:19: form "Éolien" listed twice (concepts a, b; first at t.toml:14)"#),
            (Warning, r#"t.toml:19: form "Éolien" is not written normalized (normalizes to "eolien")"#),
            (
                Warning,
                r#"t.toml:19: fr form "éoliennes" (concept b) and form "éolien" (concept a, at t.toml:14) are one form after stemming ("eolien"): in fr text its hits go to concept a"#,
            ),
        ],
    },
    Case {
        name: "a form inside another concept's form",
        body: r#"[[sector.concept]]
id = "a"
zh = ["核能"]
[[sector.concept]]
id = "b"
zh = ["核能力"]
"#,
        expected: &[(
            Error,
            r#"t.toml:15: form "核能力" (concept b) contains form "核能" (concept a): add "核能力" to the exclude of a or name the other concept in nests"#,
        )],
    },
    Case {
        name: "a latin form inside a latin word of another concept's form is no nesting",
        body: r#"[[sector.concept]]
id = "a"
zh = ["人工智能"]
en = ["ai"]
[[sector.concept]]
id = "b"
zh = ["产业链"]
en = ["industrial chain"]
"#,
        expected: &[],
    },
    Case {
        name: "a latin form next to han characters in another concept's form is nesting",
        body: r#"[[sector.concept]]
id = "a"
zh = ["人工智能"]
en = ["ai"]
[[sector.concept]]
id = "b"
zh = ["ai芯片"]
"#,
        expected: &[(
            Error,
            r#"t.toml:16: form "ai芯片" (concept b) contains form "ai" (concept a): add "ai芯片" to the exclude of a or name the other concept in nests"#,
        )],
    },
    Case {
        name: "nesting allowed by an exclusion on the shorter concept",
        body: r#"[[sector.concept]]
id = "a"
zh = ["核能"]
exclude = ["核能力"]
[[sector.concept]]
id = "b"
zh = ["核能力建设"]
"#,
        expected: &[],
    },
    Case {
        name: "an exclusion that does not cover the longer form",
        body: r#"[[sector.concept]]
id = "a"
zh = ["核能"]
exclude = ["核能源"]
[[sector.concept]]
id = "b"
zh = ["核能力"]
"#,
        expected: &[(
            Error,
            r#"t.toml:16: form "核能力" (concept b) contains form "核能" (concept a): add "核能力" to the exclude of a or name the other concept in nests"#,
        )],
    },
    Case {
        name: "nesting allowed by nests on the longer concept",
        body: r#"[[sector.concept]]
id = "a"
zh = ["量子"]
[[sector.concept]]
id = "b"
zh = ["量子计算"]
nests = ["a"]
"#,
        expected: &[],
    },
    Case {
        name: "nesting allowed by nests on the shorter concept",
        body: r#"[[sector.concept]]
id = "a"
zh = ["量子"]
nests = ["b"]
[[sector.concept]]
id = "b"
zh = ["量子计算"]
"#,
        expected: &[],
    },
    Case {
        name: "a concept with no form",
        body: r#"[[sector.concept]]
id = "a"
"#,
        expected: &[(Error, "t.toml:11: concept a has no form")],
    },
    Case {
        name: "a concept without a zh form",
        body: r#"[[sector.concept]]
id = "a"
en = ["quantum"]
"#,
        expected: &[(Error, "t.toml:11: concept a has no zh form")],
    },
    Case {
        name: "an empty form",
        body: r#"[[sector.concept]]
id = "a"
zh = ["量子", " "]
"#,
        expected: &[(Error, "t.toml:12: empty form in concept a")],
    },
    Case {
        name: "full-width and capitalised forms",
        body: r#"[[sector.concept]]
id = "a"
zh = ["ＡＩ芯片"]
en = ["Artificial intelligence"]
"#,
        expected: &[
            (Warning, r#"t.toml:12: form "ＡＩ芯片" is not written normalized (normalizes to "ai芯片")"#),
            (
                Warning,
                r#"t.toml:13: form "Artificial intelligence" is not written normalized (normalizes to "artificial intelligence")"#,
            ),
        ],
    },
    Case {
        name: "a form twice in one language of a concept",
        body: r#"[[sector.concept]]
id = "a"
zh = ["量子",
      "量子"]
"#,
        expected: &[(Warning, r#"t.toml:13: form "量子" listed twice in concept a (first at t.toml:12)"#)],
    },
    Case {
        name: "han characters in an en form",
        body: r#"[[sector.concept]]
id = "a"
zh = ["量子"]
en = ["量子 quantum"]
"#,
        expected: &[(Warning, r#"t.toml:13: en form "量子 quantum" of concept a has Han characters"#)],
    },
    Case {
        name: "a concept id used twice",
        body: r#"[[sector.concept]]
id = "a"
zh = ["量子"]
[[sector.concept]]
id = "a"
zh = ["核能"]
"#,
        expected: &[(Error, r#"t.toml:14: concept id "a" used twice (first at t.toml:11)"#)],
    },
    Case {
        name: "a sector id used twice, and a sector without concepts",
        body: r#"[[sector.concept]]
id = "a"
zh = ["量子"]

[[sector]]
id = "tech"
zh = "科技"
en = "Technology"
fr = "Technologie"
"#,
        expected: &[
            (Error, r#"t.toml:15: sector id "tech" used twice (first at t.toml:6)"#),
            (Warning, "t.toml:15: sector tech has no concept"),
        ],
    },
    Case {
        name: "ids that are not snake_case",
        body: r#"[[sector.concept]]
id = "QuantumComputing"
zh = ["量子计算"]
"#,
        expected: &[(Error, r#"t.toml:11: concept id "QuantumComputing" is not ascii snake_case"#)],
    },
    Case {
        name: "an exclusion that contains no form of its concept",
        body: r#"[[sector.concept]]
id = "a"
zh = ["核能"]
exclude = ["能力"]
"#,
        expected: &[(Error, r#"t.toml:13: exclusion "能力" contains no form of concept a"#)],
    },
    Case {
        name: "an exclusion that is a form of its own concept",
        body: r#"[[sector.concept]]
id = "a"
zh = ["核能", "核电"]
exclude = ["核电"]
"#,
        expected: &[(Error, r#"t.toml:13: exclusion "核电" is also a form of concept a"#)],
    },
    Case {
        name: "nests naming an unknown concept",
        body: r#"[[sector.concept]]
id = "a"
zh = ["量子"]
nests = ["nope"]
"#,
        expected: &[(Error, r#"t.toml:13: concept a nests unknown concept "nope""#)],
    },
    Case {
        name: "nests naming an unrelated concept",
        body: r#"[[sector.concept]]
id = "a"
zh = ["量子"]
nests = ["b"]
[[sector.concept]]
id = "b"
zh = ["核能"]
"#,
        expected: &[(Warning, "t.toml:13: concept a nests b, but no form of either contains a form of the other")],
    },
    Case {
        name: "good rules of every kind",
        body: r#"[[sector.concept]]
id = "a"
zh = ["量子"]
[[sector.concept.rule]]
not_in = ["量子城市"]
[[sector.concept.rule]]
unless_near = ["住房", "房"]
within = "sentence"
[[sector.concept.rule]]
only_near = ["计算"]
concepts = ["b"]
within = 12
[[sector.concept]]
id = "b"
zh = ["芯片"]
"#,
        expected: &[],
    },
    Case {
        name: "bad rules: empty list, windows out of range or missing, unknown concept, two kinds",
        body: r#"[[sector.concept]]
id = "a"
zh = ["量子"]
[[sector.concept.rule]]
unless_near = []
within = 5
[[sector.concept.rule]]
only_near = ["计算"]
within = -3
[[sector.concept.rule]]
only_near = ["计算"]
within = 1000
[[sector.concept.rule]]
unless_near = ["房"]
within = "paragraph"
[[sector.concept.rule]]
unless_near = ["房"]
concepts = ["no_such_concept"]
within = 4
[[sector.concept.rule]]
only_near = ["房"]
[[sector.concept.rule]]
only_near = ["房"]
unless_near = ["楼"]
within = 3
[[sector.concept.rule]]
not_in = ["城市", "量子"]
within = 3
[[sector.concept.rule]]
not_in = ["城市", "量子"]
"#,
        expected: &[
            (Error, "t.toml:13: unless_near rule of concept a has an empty list"),
            (Error, "t.toml:16: only_near rule of concept a: window -3 is out of range (1 to 100 characters)"),
            (Error, "t.toml:19: only_near rule of concept a: window 1000 is out of range (1 to 100 characters)"),
            (
                Error,
                r#"t.toml:22: unless_near rule of concept a: window "paragraph" is neither a number of characters nor "sentence""#,
            ),
            (Error, r#"t.toml:25: unless_near rule of concept a names unknown concept "no_such_concept""#),
            (
                Error,
                r#"t.toml:29: only_near rule of concept a has no window: write within = N (1 to 100 characters) or within = "sentence""#,
            ),
            (Error, "t.toml:31: rule of concept a has only_near and unless_near (one rule, one kind)"),
            (Error, "t.toml:35: not_in rule of concept a takes no window"),
            (Error, r#"t.toml:38: not_in name "城市" contains no form of concept a"#),
            (Error, r#"t.toml:38: not_in name "量子" is a form of concept a"#),
        ],
    },
];

#[test]
fn every_case_gives_exactly_its_problems() {
    let mut failures = Vec::new();
    for case in CASES {
        let text = format!("{HEADER}{}", case.body);
        let dictionary = Dictionary::from_toml_str(&text, "t.toml")
            .unwrap_or_else(|e| panic!("case {:?} does not load: {e}", case.name));
        let got: Vec<(Severity, String)> =
            dictionary.check().into_iter().map(|p| (p.severity, p.to_string())).collect();
        let expected: Vec<(Severity, String)> = case.expected.iter().map(|(s, m)| (*s, m.to_string())).collect();
        if got != expected {
            failures.push(format!("case {:?}:\n  expected {expected:#?}\n  got {got:#?}", case.name));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn a_rule_on_policy_vocabulary_is_an_error() {
    let text = HEADER.replace("kind = \"sector\"", "kind = \"policy\"")
        + "[[sector.concept]]\nid = \"a\"\nzh = [\"量子\"]\n[[sector.concept.rule]]\nunless_near = [\"房\"]\nwithin = 3\n";
    let dictionary = Dictionary::from_toml_str(&text, "t.toml").expect("loads");
    // (A dictionary of policy vocabulary alone is also an empty dictionary: that error is another test's.)
    let got: Vec<String> =
        dictionary.check().iter().map(|p| p.to_string()).filter(|m| !m.contains("no concept in a scored")).collect();
    assert_eq!(got, ["t.toml:13: concept a is policy vocabulary, which is never scored: it takes no rule"]);
}

#[test]
fn an_unknown_rule_field_stops_the_load_with_its_line() {
    let text = format!("{HEADER}[[sector.concept]]\nid = \"a\"\nzh = [\"量子\"]\n[[sector.concept.rule]]\nunless_near = [\"房\"]\nwithin = 3\nnear_by = 4\n");
    let error = Dictionary::from_toml_str(&text, "t.toml").expect_err("unknown field");
    let message = error.to_string();
    assert!(message.starts_with("t.toml:16:"), "{message}");
    assert!(message.contains("near_by"), "{message}");
}

#[test]
fn schema_other_than_one_is_reported_and_the_file_skipped() {
    let text = HEADER.replacen("schema = 1", "schema = 2", 1);
    let dictionary = Dictionary::from_toml_str(&text, "t.toml").expect("loads");
    assert!(dictionary.sectors.is_empty());
    let problems: Vec<String> = dictionary.check().iter().map(ToString::to_string).collect();
    // Its only file skipped, the dictionary is empty: an error of its own.
    assert_eq!(
        problems,
        [
            "t.toml:1: schema 2 is not supported (gwr reads schema 1); the file was skipped",
            "t.toml:1: the dictionary has no concept in a scored sector (0 sectors, 0 concepts in all): nothing to count"
        ]
    );
}

#[test]
fn nesting_problems_are_found_among_many_forms() {
    // 3000 unrelated forms plus one nesting pair: the check must still find exactly that pair.
    let mut text = String::from(HEADER);
    for i in 0..3000 {
        text.push_str(&format!("[[sector.concept]]\nid = \"c{i}\"\nzh = [\"术语{i:05}号\"]\n"));
    }
    text.push_str("[[sector.concept]]\nid = \"long\"\nzh = [\"新术语00042号技术\"]\n");
    let dictionary = Dictionary::from_toml_str(&text, "t.toml").expect("loads");
    let started = std::time::Instant::now();
    let problems = dictionary.check();
    let elapsed = started.elapsed();
    assert_eq!(problems.len(), 1, "{problems:#?}");
    assert_eq!(problems[0].location.line, 10 + 3 * 3000 + 2);
    assert!(problems[0].message.contains("(concept c42)"), "{}", problems[0].message);
    assert!(elapsed.as_secs() < 10, "check took {elapsed:?}");
}

#[test]
fn traditional_characters_are_reported() {
    let text = format!("{HEADER}[[sector.concept]]\nid = \"a\"\nzh = [\"量子計算\"]\n");
    let dictionary = Dictionary::from_toml_str(&text, "t.toml").expect("loads");
    let problems: Vec<String> = dictionary.check().iter().map(ToString::to_string).collect();
    assert_eq!(problems, [r#"t.toml:12: form "量子計算" is not written normalized (normalizes to "量子计算")"#]);
}

/// The real default dictionary: it must load, and its problems are printed (run with `--nocapture` to see them).
#[test]
fn default_dictionary_loads() {
    let dir = gwr_dict::default_dictionary_dir();
    let dictionary = Dictionary::load(&dir).unwrap_or_else(|e| panic!("default dictionary does not load: {e}"));
    let stats = dictionary.stats();
    assert!(stats.sectors.sectors > 0 && stats.sectors.concepts > 0, "{stats}");
    assert!(dictionary.concepts.iter().all(|c| c.sector < dictionary.sectors.len()));
    assert!(!dictionary.patterns().is_empty());
    assert_eq!(dictionary.hash.len(), 64);
    let problems = dictionary.check();
    let errors = problems.iter().filter(|p| p.severity == Error).count();
    println!("{} {} ({}): {stats}", dictionary.name, dictionary.version, &dictionary.hash[..12]);
    println!("{errors} errors, {} warnings", problems.len() - errors);
    for problem in &problems {
        println!("{}: {problem}", problem.severity);
    }
}
