//! The seed article's claims checked against the 31 provincial 2026 reports (the shared corpora's provincial-2026, see
//! gwr-testdata; skipped with a notice when absent).
//!
//! The verdicts pinned here were chosen by reading the reports: each comment gives the document and the byte
//! offsets of the sentence (and of the figure or position phrase) that decides it, never the text.

use gwr_claims::{
    render_table, verify, write_claims_csv, ClaimResult, ClaimsFile, DocText, Figure, FigureFound, StatedKind, Target,
    Verdict, VerifyInput, TABLE_WIDTH,
};
use gwr_dict::regions::Gazetteer;
use gwr_pipeline::{analyze_with, Engine, ProgressMode, Settings};
use std::collections::HashMap;
use std::path::Path;

const CLAIMS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../corpora/claims/cgtn-2026-03-02.toml");

const GD: &str = "provincial-2026/2026_广东省_政府工作报告.csv#1";
const SH: &str = "provincial-2026/2026_上海市_政府工作报告.csv#1";
const AH: &str = "provincial-2026/2026_安徽省_政府工作报告.csv#1";
const JS: &str = "provincial-2026/2026_江苏省_政府工作报告.csv#1";
const BJ: &str = "provincial-2026/2026_北京市_政府工作报告.csv#1";
const NM: &str = "provincial-2026/2026_内蒙古自治区_政府工作报告.csv#1";
const GZ: &str = "provincial-2026/2026_贵州省_政府工作报告.csv#1";
const QH: &str = "provincial-2026/2026_青海省_政府工作报告.csv#1";
const SD: &str = "provincial-2026/2026_山东省_政府工作报告.csv#1";
const HL: &str = "provincial-2026/2026_黑龙江省_政府工作报告.csv#1";

/// The claims of `claims` checked against the provincial corpus under `corpora`.
fn results(corpora: &Path, claims: &ClaimsFile) -> Vec<ClaimResult> {
    let mut settings = Settings::new(vec![corpora.join("provincial-2026")]);
    settings.progress = ProgressMode::Hidden;
    let dict = gwr_dict::Dictionary::load_source(&settings.dictionary).expect("dictionary");
    // The dictionary's own check is gwr-dict's business (its tests); here it only has to load.
    let engine = Engine::new(dict).expect("the matcher builds");
    let analysis = analyze_with(engine, &settings).expect("the corpus analyses");
    // The decoded texts the hits point into, read the way the pipeline reads them.
    let mut texts: HashMap<String, String> = HashMap::new();
    for path in gwr_ingest::discover(&settings.inputs).expect("corpus files") {
        for item in gwr_ingest::read_path(&path, &settings.ingest) {
            texts.insert(item.meta.doc_id, item.text);
        }
    }
    let docs: Vec<DocText<'_>> = analysis
        .documents
        .iter()
        .filter_map(|d| {
            texts.get(&d.meta.doc_id).map(|text| DocText { meta: d.meta.clone(), text, han_chars: d.han_chars })
        })
        .collect();
    assert_eq!(docs.len(), 31, "one text per provincial report");
    let hits: Vec<gwr_core::Hit> =
        analysis.documents.iter().flat_map(|d| analysis.hits(d).expect("hits read back")).collect();
    verify(claims, &VerifyInput { scores: &analysis.scores, hits: &hits, docs: &docs, year: None })
}

fn seed_claims() -> ClaimsFile {
    let dict = gwr_dict::Dictionary::embedded().expect("dictionary");
    ClaimsFile::load(Path::new(CLAIMS), Gazetteer::builtin(), &dict).expect("claims file")
}

fn find<'r>(results: &'r [ClaimResult], claim: &str, sector: &str) -> &'r ClaimResult {
    results
        .iter()
        .find(|r| r.claim_id == claim && r.sector == sector)
        .unwrap_or_else(|| panic!("no result for {claim} × {sector}"))
}

/// What decides a pinned verdict: the statement's kind, document, sentence span and figure or position as written.
type Pin = (&'static str, &'static str, Verdict, Option<(StatedKind, &'static str, (usize, usize), &'static str)>);

#[test]
fn verdicts_read_from_the_reports_are_pinned() {
    let corpora = gwr_testdata::require_corpora!();
    let results = results(&corpora, &seed_claims());
    let table = render_table(&results);
    println!("{table}");
    let mut csv = Vec::new();
    write_claims_csv(&results, &mut csv).expect("csv");
    println!("{}", String::from_utf8_lossy(&csv));
    let pins: [Pin; 16] = [
        // Guangdong, sentence 2758..3134: industrial-robot output is 4 in 10 of the national total (figure
        // 3041..3045), the article's 40%.
        (
            "gba-industrial-robots",
            "industrial_robots",
            Verdict::Confirmed,
            Some((StatedKind::Figure, GD, (2758, 3134), "4成")),
        ),
        // Same sentence: drone output is 9 in 10 of the national total (2990..2994), the article's 90%.
        ("gba-drones", "low_altitude", Verdict::Confirmed, Some((StatedKind::Figure, GD, (2758, 3134), "9成"))),
        // Same sentence: service-robot output is 8 in 10 of the national total (3083..3096).
        (
            "gba-embodied-ai",
            "embodied_ai_robots",
            Verdict::Confirmed,
            Some((StatedKind::Position, GD, (2758, 3134), "占全国8成")),
        ),
        // Jiangsu's report never names solar power: no sector term, no key term.
        ("js-new-three", "solar_pv", Verdict::Absent, None),
        // Shanghai names 6G once, in a list of future industries to foster (6636..6638): no figure, no position,
        // and 6G is not distinctive of Shanghai.
        ("sh-6g", "mobile_6g", Verdict::Mentioned, None),
        // Anhui, sentence 4603..4729: its quantum industry chain gathers the most firms of any region
        // (position 4710..4726).
        ("ah-quantum", "quantum", Verdict::Confirmed, Some((StatedKind::Position, AH, (4603, 4729), "居全国第1位"))),
        // Anhui names its compact fusion device (3257..3287) and other fusion terms, with no position; fusion is
        // distinctive of Anhui (z well above 1.96).
        ("ah-fusion", "fusion", Verdict::Emphasised, None),
        // Jiangsu, sentence 12770..12919: its count of would-be unicorns is the country's first (12845..12860).
        ("js-unicorns", "", Verdict::Confirmed, Some((StatedKind::Position, JS, (12770, 12919), "居全国第一"))),
        // Beijing, sentence 4622..4801: 210 key core technologies achieved breakthroughs (4661..4667).
        ("bj-breakthroughs", "", Verdict::Confirmed, Some((StatedKind::Figure, BJ, (4622, 4801), "210项"))),
        // Inner Mongolia, sentence 2513..2630: the national hub's intelligent computing scale is 22万P (2603..2609).
        ("nm-computing", "computing_power", Verdict::Confirmed, Some((StatedKind::Figure, NM, (2513, 2630), "22万P"))),
        // Guizhou, sentence 35842..35899: more than 150 Huawei-cloud ecosystem firms (35863..35875).
        ("gz-cloud", "cloud", Verdict::Confirmed, Some((StatedKind::Figure, GZ, (35842, 35899), "150家以上"))),
        // Qinghai, sentence 6307..6434: clean power above 93% of installed capacity (6368..6374).
        ("qh-clean-power", "clean_power", Verdict::Confirmed, Some((StatedKind::Figure, QH, (6307, 6434), "超93%"))),
        // Shandong, sentence 13376..13451: 137 satellites launched at sea from the Eastern Spaceport (13442..13448).
        (
            "sd-satellites",
            "satellites_space",
            Verdict::Confirmed,
            Some((StatedKind::Figure, SD, (13376, 13451), "137颗")),
        ),
        // Heilongjiang, sentence 14229..14313: its farm mechanisation rate ranks first in the country (14295..14310).
        (
            "hl-smart-agri-machinery",
            "smart_agri_seed",
            Verdict::Confirmed,
            Some((StatedKind::Position, HL, (14229, 14313), "居全国首位")),
        ),
        // Guizhou, sentence 7280..7379: the province has some of the most intelligent-computing resources in the
        // country (its position at 7334..7346).
        (
            "gz-computing",
            "computing_power",
            Verdict::Confirmed,
            Some((StatedKind::Position, GZ, (7280, 7379), "资源最多")),
        ),
        // The national figures are not the provincial reports' to state: no national report in this corpus.
        ("cn-invention-patents", "", Verdict::Absent, None),
    ];
    for (claim, sector, verdict, stated) in pins {
        let r = find(&results, claim, sector);
        assert_eq!(r.verdict, verdict, "{claim} × {sector}: {}", r.reason);
        match (stated, &r.stated) {
            (None, None) => {}
            (Some((kind, doc, (start, end), mark)), Some(s)) => {
                assert_eq!(
                    (s.kind, s.doc_id.as_str(), (s.sentence.start, s.sentence.end), s.mark_text.as_str()),
                    (kind, doc, (start, end), mark),
                    "{claim} × {sector}: {s}"
                );
            }
            (want, got) => panic!("{claim} × {sector}: want {want:?}, got {got:?}"),
        }
    }
    // Reasons read without the README.
    let sh = find(&results, "sh-6g", "mobile_6g");
    assert!(sh.reason.contains("names the sector once"), "{}", sh.reason);
    assert_eq!(sh.evidence.first().map(|e| (e.doc_id.as_str(), e.span.start, e.span.end)), Some((SH, 6636, 6638)));
    assert!(find(&results, "cn-invention-patents", "").reason.contains("no report of CN for 2026"));
    // Claims on key terms alone are never given a z.
    for r in results.iter().filter(|r| r.sector.is_empty()) {
        assert!(r.scores.is_none() && !r.emphasised, "{}", r.claim_id);
    }
    // Every figure the article gives that the reports state is found in the sentence of a term.
    for r in results.iter().filter(|r| matches!(r.figure_found, FigureFound::Found { .. })) {
        assert_eq!(r.stated.as_ref().map(|s| s.kind), Some(StatedKind::Figure), "{}", r.claim_id);
    }
    // Shared with the HTML report: every line of the terminal table fits.
    for line in table.lines() {
        assert!(unicode_width(line) <= TABLE_WIDTH, "{line}");
    }
}

fn unicode_width(s: &str) -> usize {
    // East Asian wide chars count two columns (the crate's own tests check the exact rule).
    s.chars().map(|c| if (c as u32) >= 0x1100 && !matches!(c, '…' | '·' | '≥') { 2 } else { 1 }).sum()
}

/// Regression (Heilongjiang, 2026): a claimed ice-and-snow 20% was accepted from a sentence about export growth,
/// within 200 characters of an ice-and-snow term. In Heilongjiang's report the export-growth sentence (bytes
/// 14867..14933, the figure at 14921..14930) holds no ice-and-snow term, so no figure may come from it.
#[test]
fn no_figure_is_accepted_outside_the_sentence_of_a_term() {
    let corpora = gwr_testdata::require_corpora!();
    let claim = |id: &str, text: &str| gwr_claims::Claim {
        id: id.to_string(),
        target: Target::Region("CN-HL".into()),
        sectors: vec!["ice_snow_economy".into()],
        key_terms: Vec::new(),
        positions: Vec::new(),
        figure: Some(Figure { value: 20.0, unit: "%".into(), text: text.into() }),
        paraphrase: "Heilongjiang's ice-and-snow economy grows 20% a year.".into(),
    };
    let mut claims = seed_claims();
    claims.claims = vec![claim("hl-ice-snow", "20 %")];
    let results = results(&corpora, &claims);
    let r = &results[0];
    assert!(r.count > 0, "Heilongjiang's report names the ice-and-snow economy");
    assert_eq!(r.figure_found, FigureFound::NotFound, "{:?}", r.stated);
    assert!(
        r.stated.as_ref().is_none_or(|s| s.kind == StatedKind::Position),
        "a 20% outside an ice-and-snow sentence was taken: {:?}",
        r.stated
    );
    // The test means something only while the report still has a 20% outside the ice-and-snow sentences.
    let path = corpora.join("provincial-2026/2026_黑龙江省_政府工作报告.csv");
    let report = gwr_ingest::read_path(&path, &Settings::new(vec![path.clone()]).ingest).remove(0).text;
    let twenty: Vec<_> = gwr_claims::number::find_quantities(&report)
        .into_iter()
        .filter(|q| q.kind == gwr_claims::number::UnitKind::Percent && q.value == 20.0)
        .collect();
    assert!(twenty.iter().any(|q| q.span.start == 14921), "the export figure moved: {twenty:?}");
}
