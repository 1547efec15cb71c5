//! The report on small tables written here (same columns as `gwr analyze` writes): files, heatmaps, the page in
//! headless Chromium, and errors that name the file and line.

mod browser;

mod scratch;
use scratch::scratch;

use std::fmt::Write as _;
use std::path::Path;

use gwr_dict::regions::{Gazetteer, Level};
use gwr_report::{render_png, AnalyzeOutput, Fonts, Metric, Report, ReportError};

const SECTORS: [&str; 5] = ["ai", "quantum", "biomedicine", "new_energy", "semiconductors"];

/// The 31 mainland provinces, municipalities and autonomous regions of the built-in gazetteer (the provincial
/// corpus has no report for Taiwan, Hong Kong or Macao).
fn mainland() -> Vec<(String, String)> {
    Gazetteer::builtin()
        .regions()
        .iter()
        .filter(|r| !matches!(r.level, Level::National | Level::Sar) && r.code != "CN-TW")
        .map(|r| (r.code.clone(), r.zh.clone()))
        .collect()
}

/// An analyze output folder for 31 regions × 5 sectors with made-up, deterministic numbers.
fn write_tables(dir: &Path, with_claims: bool) -> Vec<(String, String)> {
    let regions = mainland();
    assert_eq!(regions.len(), 31, "the gazetteer should have 31 mainland regions");
    let mut docs =
        String::from("doc_id,source,region_code,region_name,year,lang,encoding,chars,han_chars,status,reason\n");
    let mut counts = String::from("doc_id,region_code,year,lang,sector,concept,count\n");
    let mut scores = String::from("region_code,year,sector,count,per_10k,share,lq,z,rank\n");
    let mut hits = String::new();
    for (i, (code, name)) in regions.iter().enumerate() {
        let doc = format!("doc{i:02}");
        let _ = writeln!(docs, "{doc},{name}.csv#1,{code},{name},2026,zh,UTF-8,20000,18000,ok,");
        let mut rows: Vec<(String, u64, f64)> = Vec::new();
        for (j, sector) in SECTORS.iter().enumerate() {
            let count = ((i * 7 + j * 13) % 11) as u64;
            let _ = writeln!(counts, "{doc},{code},2026,zh,{sector},{sector}_c,{count}");
            let z = (count as f64 - 5.0) / 1.5;
            rows.push((sector.to_string(), count, z));
            if count > 0 {
                let ctx = format!("示例上下文{sector}词语示例");
                let _ = writeln!(
                    hits,
                    r#"{{"doc_id":"{doc}","concept":"{sector}_c","sector":"{sector}","surface":"{sector}","start":{},"end":{},"context":"{ctx}","in_glossary":false}}"#,
                    100 + j * 10,
                    100 + j * 10 + sector.len()
                );
            }
        }
        let mut ranked = rows.clone();
        ranked.sort_by(|a, b| b.2.total_cmp(&a.2));
        for (sector, count, z) in &rows {
            let rank = ranked.iter().position(|r| &r.0 == sector).unwrap() + 1;
            let per = *count as f64 / 1.8;
            let lq = (*count as f64 + 0.5) / 5.5;
            let _ = writeln!(scores, "{code},2026,{sector},{count},{per:.6},0.2,{lq:.6},{z:.6},{rank}");
        }
    }
    std::fs::write(dir.join("documents.csv"), docs).unwrap();
    std::fs::write(dir.join("counts.csv"), counts).unwrap();
    std::fs::write(dir.join("scores.csv"), scores).unwrap();
    std::fs::write(dir.join("hits.jsonl"), hits).unwrap();
    if with_claims {
        std::fs::write(
            dir.join("claims.csv"),
            "claim_id,region_code,sector,count,per_10k,lq,z,rank,national_rank,verdict,evidence,figure_found,region_name,claim,claimed_figure,stated,stated_evidence,emphasised,emphasis_evidence,reason\n\
             c1,gba,quantum,4,2.2,1.1,0.5,1,3,confirmed,示例证据,,Greater Bay Area,The bay area leads in quantum.,,position,doc00@5..40: 示例[量子]产业{居全国第一}。,no,not emphasised: z 0.50 < 1.96,the report states 居全国第一 beside 量子\n\
             c2,CN-SH,,,,,,,,absent,,,Shanghai,Shanghai's unicorns.,,no,,,not a sector,the report never names its key terms\n",
        )
        .unwrap();
    }
    regions
}

#[test]
fn report_files_heatmaps_and_browser_show_31_regions() {
    let dir = scratch("synthetic");
    let regions = write_tables(&dir, true);
    let output = AnalyzeOutput::load(&dir).unwrap();
    assert_eq!(output.claims.as_ref().map(Vec::len), Some(2));
    let fonts = Fonts::available();
    let names = SECTORS.iter().map(|s| (s.to_string(), format!("{s}-名"))).collect();
    let written = Report::new(&output).sector_names(names).write(&dir, &fonts).unwrap();
    assert_eq!((written.regions, written.sectors), (31, 5));

    let svg = std::fs::read_to_string(&written.heatmap_svg).unwrap();
    for (_, name) in &regions {
        assert!(svg.contains(&format!(">{name}</text>")), "heatmap.svg lacks the label {name}");
    }
    assert!(svg.contains(">ai-名</text>"));
    assert_eq!(svg.matches("<rect x=").count(), 31 * 5 + 21, "31 × 5 cells plus 21 legend steps");
    let png = std::fs::read(&written.heatmap_png).unwrap();
    let (w, h) = browser::png_size(&png);
    assert_eq!(written.png_notice.is_none(), fonts.has_cjk(), "{:?}", written.png_notice);
    let svg_w: f64 = svg.split("width=\"").nth(1).unwrap().split('"').next().unwrap().parse().unwrap();
    assert_eq!(w, (svg_w * 2.0).round() as u32, "the PNG is the SVG at scale 2");
    assert!(h > 31 * 24 * 2, "the PNG holds 31 rows of 24 px at scale 2, got height {h}");

    let html = std::fs::read_to_string(&written.html).unwrap();
    assert!(!html.contains("<script src") && !html.contains("<link "), "report.html must be self-contained");
    assert!(html.contains("<cite>doc00 @ "), "evidence cites doc_id and byte offsets");
    assert!(html.contains("<mark>quantum</mark>") || html.contains("<mark>ai</mark>"), "the surface is highlighted");
    assert!(html.contains("The bay area leads in quantum."), "claims table shows the paraphrase");

    gwr_testdata::require_browser!();
    let loaded = browser::load(&written.html, &dir);
    assert!(loaded.errors.is_empty(), "errors in report.html:\n{}", loaded.errors.join("\n"));
    assert!(loaded.dom.contains("data-ready=\"yes\""), "the page's script did not finish");
    assert!(loaded.dom.contains("data-regions=\"31\""), "the page should list 31 regions");
    assert_eq!(loaded.dom.matches("class=\"region-row\"").count(), 31);

    let shot = dir.join("screenshot.png");
    browser::screenshot(&written.html, &shot, &dir);
    assert_eq!(browser::png_size(&std::fs::read(&shot).unwrap()), (1400, 2000));
    eprintln!("screenshot: {}", shot.display());
}

#[test]
fn lq_heatmap_uses_a_log_scale_around_one() {
    let dir = scratch("lq");
    write_tables(&dir, false);
    let output = AnalyzeOutput::load(&dir).unwrap();
    assert!(output.claims.is_none());
    let report = Report::new(&output);
    let lq = report.matrix(Metric::Lq);
    assert_eq!(lq.rows.len(), 31);
    assert!(lq.present().all(|v| v > 0.0));
    let scale = report.scale(Metric::Lq);
    assert_eq!(scale.color(1.0), "#ffffff", "LQ 1 is neutral");
    assert!(scale.position(2.0) > 0.0 && scale.position(0.5) < 0.0);
    assert!((scale.position(2.0) + scale.position(0.5)).abs() < 1e-12, "2× and ½ are equally far from 1");
}

#[test]
fn chinese_labels_are_drawn_in_the_png() {
    let fonts = Fonts::available();
    if !fonts.has_cjk() {
        // A machine without a Chinese font (CI installs one: GWR_REQUIRE_BROWSER covers it too).
        assert!(
            std::env::var_os(gwr_testdata::REQUIRE_BROWSER_ENV).is_none_or(|v| v.is_empty()),
            "no font with Chinese glyphs, and {} is set",
            gwr_testdata::REQUIRE_BROWSER_ENV
        );
        gwr_testdata::skip_notice_because(
            "chinese_labels_are_drawn_in_the_png",
            "no installed font has Chinese glyphs",
        );
        return;
    }
    let ink = |text: &str| {
        let svg = format!(
            r#"<svg xmlns="http://www.w3.org/2000/svg" width="120" height="40"><text x="4" y="30" font-size="24" font-family="sans-serif">{text}</text></svg>"#
        );
        let png = render_png(&svg, &fonts, 1.0, Path::new("probe.png")).unwrap();
        // Count non-white pixels through the PNG's compressed size as a proxy would be fragile; decode instead.
        let pixmap = resvg::tiny_skia::Pixmap::decode_png(&png).unwrap();
        pixmap.pixels().iter().filter(|p| p.red() < 128).count()
    };
    assert_eq!(ink(""), 0);
    let han = ink("新疆区");
    assert!(han > 100, "Chinese text should leave ink in the PNG, got {han} dark pixels");
}

#[test]
fn missing_and_malformed_tables_are_named_with_their_line() {
    let dir = scratch("errors");
    let err = AnalyzeOutput::load(&dir).unwrap_err();
    assert!(matches!(err, ReportError::Missing { .. }));
    let msg = err.to_string();
    assert!(msg.contains("documents.csv") && msg.contains("missing"), "{msg}");

    write_tables(&dir, false);
    let scores = dir.join("scores.csv");
    let mut text = std::fs::read_to_string(&scores).unwrap();
    text.push_str("CN-AH,2026,ai,notanumber,0,0,0,0,1\n");
    std::fs::write(&scores, text).unwrap();
    let msg = AnalyzeOutput::load(&dir).unwrap_err().to_string();
    let line = 1 + 31 * 5 + 1;
    assert!(msg.starts_with(&format!("{}:{line}: ", scores.display())), "{msg}");
    assert!(msg.contains("column 4"), "{msg}");
    assert_eq!(
        msg,
        msg.to_lowercase().replace(&scores.display().to_string().to_lowercase(), &scores.display().to_string())
    );

    std::fs::write(dir.join("scores.csv"), "region_code,year,sector,count,per_10k,share,lq,z,rank\n").unwrap();
    let output = AnalyzeOutput::load(&dir).unwrap();
    let fonts = Fonts::available();
    let err = Report::new(&output).write(&dir, &fonts).unwrap_err();
    assert!(err.to_string().contains("no scores"), "{err}");
}

#[test]
fn browser_check_catches_console_errors_exceptions_and_network_loads() {
    gwr_testdata::require_browser!();
    let dir = scratch("browser-negative");
    let page = dir.join("bad.html");
    std::fs::write(
        &page,
        "<!DOCTYPE html><html><head><meta charset=\"utf-8\">\
         <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; script-src 'unsafe-inline'\">\
         </head><body><p>坏页面</p><img src=\"http://example.invalid/x.png\">\
         <script>console.error('deliberate console error'); missingFunction();</script></body></html>",
    )
    .unwrap();
    let loaded = browser::load(&page, &dir);
    let all = loaded.errors.join("\n");
    assert!(all.contains("deliberate console error"), "console.error not caught:\n{all}");
    assert!(all.contains("missingFunction"), "uncaught exception not caught:\n{all}");
    assert!(all.contains("example.invalid"), "blocked network load not caught:\n{all}");
}

#[test]
fn without_any_font_the_report_is_still_written_with_a_one_line_notice() {
    // What a machine without fonts sees: no system font, an empty font folder.
    let dir = scratch("no-font");
    let empty = dir.join("fonts");
    std::fs::create_dir_all(&empty).unwrap();
    let fonts = Fonts::load(false, Some(&empty));
    assert!(!fonts.has_cjk() && !fonts.has_any());
    write_tables(&dir, true);
    let output = AnalyzeOutput::load(&dir).unwrap();
    let names = SECTORS.iter().map(|s| (s.to_string(), format!("{s}-名"))).collect();
    let latin = SECTORS.iter().map(|s| (s.to_string(), format!("{s} latin"))).collect();
    let report = Report::new(&output).sector_names(names).latin_sector_names(latin);
    let written = report.write(&dir, &fonts).unwrap();
    let notice = written.png_notice.as_deref().expect("a notice");
    assert!(!notice.contains('\n') && notice.contains("no font installed"), "{notice}");
    for path in [&written.html, &written.heatmap_svg, &written.heatmap_lq_svg, &written.heatmap_png] {
        assert!(std::fs::metadata(path).unwrap().len() > 0, "{} written", path.display());
    }
    // The SVG keeps its Chinese labels (a browser has fonts); the Latin variant has pinyin regions, Latin sectors.
    assert!(std::fs::read_to_string(&written.heatmap_svg).unwrap().contains(">ai-名</text>"));
    let latin = report.latin_heatmap_svg(gwr_report::Metric::Z);
    assert!(latin.contains(">Beijing</text>") && latin.contains(">ai latin</text>"), "{latin}");
    assert!(!latin.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)), "no Han character in the Latin heatmap");

    // With a Latin font but no Chinese one (DejaVu, when installed), the notice says Latin labels.
    let dejavu = Path::new("/usr/share/fonts/truetype/dejavu");
    if dejavu.is_dir() {
        let fonts = Fonts::load(false, Some(dejavu));
        assert!(!fonts.has_cjk() && fonts.has_any(), "{}", fonts.cjk_family());
        let written = report.write(&dir, &fonts).unwrap();
        assert!(written.png_notice.as_deref().unwrap().contains("Latin labels"), "{:?}", written.png_notice);
    }
}

#[test]
fn claims_section_shows_paraphrase_verdict_reason_and_the_highlighted_sentence() {
    let dir = scratch("claims-html");
    write_tables(&dir, true);
    let output = AnalyzeOutput::load(&dir).unwrap();
    let html = Report::new(&output).html();
    assert!(html.contains("<b>The bay area leads in quantum.</b>"), "claims table shows the paraphrase");
    assert!(html.contains("Greater Bay Area <small>gba</small>"), "cluster ids are shown with their names");
    assert!(
        html.contains(
            "示例<mark class=\"term\">量子</mark>产业<mark class=\"fig\">居全国第一</mark>。 <cite>doc00@5..40</cite>"
        ),
        "the stated sentence is shown with the term and the position highlighted and its location"
    );
    assert!(
        html.contains("<b>confirmed</b><br><small>the report states 居全国第一 beside 量子</small>"),
        "verdict + reason"
    );
    assert!(html.contains("<b>contradicted</b>: it states a different figure"), "the verdict rule is on the page");
    // A claims.csv written before the readable columns existed still shows its evidence.
    let old = "claim_id,region_code,sector,count,per_10k,lq,z,rank,national_rank,verdict,evidence,figure_found\n\
               c1,CN-AH,quantum,4,2.2,1.1,0.5,1,3,supported,示例证据,\n";
    std::fs::write(dir.join("claims.csv"), old).unwrap();
    let html = Report::new(&AnalyzeOutput::load(&dir).unwrap()).html();
    assert!(html.contains("示例证据"), "old claims.csv files still show their evidence");
}
