//! Synthetic pages written for these tests, one per kind of boilerplate.

use super::*;
use BoilerplateKind::*;

fn kept(text: &str) -> String {
    clean(text).kept_text(text).collect()
}

fn kinds(text: &str) -> Vec<(BoilerplateKind, &str)> {
    clean(text).removed.iter().map(|r| (r.kind, r.span.slice(text))).collect()
}

const BODY: &str = "各位代表：\n现在，我代表示例省人民政府向大会报告工作。\n一、过去一年的工作\n我们推进了示例产业。\n各位代表！让我们团结奋斗，共创美好未来！\n";

#[test]
fn reader_menu() {
    let text = format!("下载\n打印\n全屏\n收藏\n【字号：\n加大\n还原\n减小\n】\n2030年示例省政府工作报告\n{BODY}");
    assert_eq!(kept(&text), format!("2030年示例省政府工作报告\n{BODY}"));
    assert_eq!(kinds(&text), [(ReaderMenu, "下载\n打印\n全屏\n收藏\n【字号：\n加大\n还原\n减小\n】\n")]);
}

#[test]
fn breadcrumb_with_repeated_category() {
    let text = format!("您的位置:\n首页\n>\n示例要闻\n示例要闻\n2030年政府工作报告\n{BODY}");
    assert_eq!(kept(&text), format!("2030年政府工作报告\n{BODY}"));
    assert_eq!(kinds(&text), [(Breadcrumb, "您的位置:\n首页\n>\n示例要闻\n示例要闻\n")]);
}

#[test]
fn breadcrumb_between_title_and_body_and_repeated_heading() {
    let text = format!(
        "分享:\n示例省2030年政府工作报告\n2030年1月2日在示例省人民代表大会会议上\n首页\n>\n政府信息公开\n>\n政府工作报告\n\
         示例省2030年政府工作报告\n时间：\n2030-01-05 09:20\n来源：\n示例省人民政府\n省长某某作政府工作报告\n{BODY}"
    );
    assert_eq!(kept(&text), format!("示例省2030年政府工作报告\n2030年1月2日在示例省人民代表大会会议上\n{BODY}"));
    let got = kinds(&text);
    assert_eq!(got[0], (ReaderMenu, "分享:\n"));
    assert_eq!(got[1], (Breadcrumb, "首页\n>\n政府信息公开\n>\n政府工作报告\n"));
    assert_eq!(got[2], (RepeatedTitle, "示例省2030年政府工作报告\n"));
    assert_eq!(got[3], (PageHeader, "时间：\n2030-01-05 09:20\n来源：\n示例省人民政府\n"));
    assert_eq!(got[4], (PhotoCaption, "省长某某作政府工作报告\n"));
}

#[test]
fn page_header_lines_before_the_body() {
    let text = format!(
        "2030年示例市政府工作报告\n——2030年1月2日在示例市人民代表大会会议上\n来源：示例日报\n时间：2030-01-09\n示例市市长 某某\n2030-01-09 07:00:44\n{BODY}"
    );
    assert_eq!(
        kept(&text),
        format!("2030年示例市政府工作报告\n——2030年1月2日在示例市人民代表大会会议上\n示例市市长 某某\n{BODY}")
    );
    assert_eq!(
        kinds(&text),
        [(PageHeader, "来源：示例日报\n时间：2030-01-09\n"), (PageHeader, "2030-01-09 07:00:44\n")]
    );
}

#[test]
fn photo_captions_at_the_top_and_in_the_body() {
    let text = format!(
        "政府工作报告。 示例日报记者 某某 摄\n政府工作报告\n（2030年1月2日在示例省人民代表大会会议上）\n某某作政府工作报告。本报记者 某某摄\n{BODY}代表们认真听取报告。示例日报记者 某某 摄\n"
    );
    let got = kinds(&text);
    assert_eq!(
        got,
        [
            (PhotoCaption, "政府工作报告。 示例日报记者 某某 摄\n"),
            (PhotoCaption, "某某作政府工作报告。本报记者 某某摄\n"),
            (PhotoCaption, "代表们认真听取报告。示例日报记者 某某 摄\n"),
        ]
    );
    assert!(kept(&text).starts_with("政府工作报告\n（2030年"));
}

#[test]
fn footer_lines() {
    let filler = "我们推进了示例产业，取得了示例成效。\n".repeat(20);
    let text = format!("{BODY}{filler}扫一扫在手机打开当前页\n【\n打印本页\n】\n【\n关闭窗口\n】\n");
    assert_eq!(kept(&text), format!("{BODY}{filler}"));
    assert_eq!(kinds(&text), [(Footer, "扫一扫在手机打开当前页\n【\n打印本页\n】\n【\n关闭窗口\n】\n")]);

    let text = format!("{BODY}{filler}（来源：示例日报）\n编辑：某某\n");
    assert_eq!(kinds(&text), [(Footer, "（来源：示例日报）\n编辑：某某\n")]);
    let text = format!("{BODY}{filler}》》点击图片进入专题《《\n收藏\n|\n分享到:\n分享到微信\n×\n相关文档：\n");
    assert_eq!(
        kinds(&text),
        [(Footer, "》》点击图片进入专题《《\n收藏\n|\n分享到:\n分享到微信\n×\n"), (RelatedReports, "相关文档：\n")]
    );
}

#[test]
fn related_reports_and_what_follows() {
    let filler = "我们推进了示例产业，取得了示例成效。\n".repeat(20);
    let text = format!("{BODY}{filler}相关报道：\n示例省两会特别报道\n代表热议报告\n");
    assert_eq!(kept(&text), format!("{BODY}{filler}"));
    assert_eq!(kinds(&text), [(RelatedReports, "相关报道：\n示例省两会特别报道\n代表热议报告\n")]);
    // The words in a sentence are not a marker.
    let text = format!("{BODY}相关报道总点击量很高。\n{filler}");
    assert!(kinds(&text).is_empty());
}

#[test]
fn repeated_title_at_the_end() {
    let filler = "我们推进了示例产业，取得了示例成效。\n".repeat(20);
    let head = "2030年示例省人民政府工作报告\n2030年1月2日在示例省人民代表大会会议上\n";
    let text = format!("{head}{BODY}{filler}责任编辑：\n某某\n相关链接>>\n其他文章\n打印本页\n2030年示例省人民政府工作报告\n各位代表：现在，我代表示例省人民政府\n");
    assert_eq!(kept(&text), format!("{head}{BODY}{filler}"));
    assert_eq!(
        kinds(&text),
        [
            (Footer, "责任编辑：\n某某\n"),
            (RelatedReports, "相关链接>>\n其他文章\n"),
            (Footer, "打印本页\n"),
            (RepeatedTitle, "2030年示例省人民政府工作报告\n各位代表：现在，我代表示例省人民政府\n"),
        ]
    );
    // Without any footer marker the repeated title is still found.
    let text = format!("{head}{BODY}{filler}2030年示例省人民政府工作报告\n各位代表：现在，我代表示例省人民政府\n");
    assert_eq!(kinds(&text)[0].0, RepeatedTitle);
    assert_eq!(kept(&text), format!("{head}{BODY}{filler}"));
}

#[test]
fn glossary_is_kept_and_located() {
    let filler = "我们推进了示例产业，取得了示例成效。\n".repeat(10);
    for heading in ["名词解释\n", "注释\n", "附件\n《政府工作报告》有关内容名词注释\n", "附件2\n名词解释\n"]
    {
        let glossary = format!("{heading}1.“示例工程”：指示例内容。\n2.“两个示例”：指示例甲和示例乙。\n");
        let text = format!("{BODY}{filler}{glossary}相关报道：\n");
        let cleaned = clean(&text);
        let at = text.find(&glossary).expect("glossary in text");
        assert_eq!(cleaned.glossary, Some(at), "{heading}");
        assert_eq!(kept(&text), format!("{BODY}{filler}{glossary}"));
    }
    let bracketed = format!("{BODY}{filler}注释\n［1］示例：示例内容。\n");
    assert!(clean(&bracketed).glossary.is_some());
    // A numbered appendix that is not a glossary.
    let appendix = format!("{BODY}{filler}附件\n2030年民生实事\n1.示例实事。\n2.示例实事。\n");
    assert_eq!(clean(&appendix).glossary, None);
    // A heading without numbered entries is not a glossary.
    let plain = format!("{BODY}{filler}名词解释\n后面没有条目。\n");
    assert_eq!(clean(&plain).glossary, None);
}

#[test]
fn plain_report_is_kept_whole() {
    let text = format!("政府工作报告\n——2030年3月5日在全国人民代表大会会议上\n国务院总理\n某某\n{BODY}");
    let cleaned = clean(&text);
    assert_eq!(cleaned.kept, [Span::new(0, text.len())]);
    assert!(cleaned.removed.is_empty());
    assert_eq!(clean("").kept, []);
    let english = "Fellow Deputies,\nOn behalf of the State Council, I will now report.\n";
    assert_eq!(kept(english), english);
}

#[test]
fn kinds_have_names() {
    let all = [ReaderMenu, Breadcrumb, PageHeader, Footer, RelatedReports, RepeatedTitle, PhotoCaption];
    let names: Vec<&str> = all.iter().map(|k| k.as_str()).collect();
    assert_eq!(
        names,
        ["reader_menu", "breadcrumb", "page_header", "footer", "related_reports", "repeated_title", "photo_caption"]
    );
}

mod props {
    use super::*;
    use proptest::prelude::*;

    fn pieces() -> impl Strategy<Value = String> {
        let piece = prop::sample::select(vec![
            "下载",
            "各位代表：",
            "政府工作报告",
            "来源：",
            "首页",
            ">",
            "相关报道：",
            "名词解释",
            "1.示例：",
            "摄",
            "记者",
            "会议上",
            "在",
            "\n",
            "\n",
            " ",
            "　",
            "\u{200B}",
            "【字号：",
            "】",
            "关闭窗口",
            "示例",
            "é",
            "2030-01-01",
        ]);
        prop::collection::vec(piece, 0..60).prop_map(|v| v.concat())
    }

    proptest! {
        #[test]
        fn spans_partition_the_text(text in pieces()) {
            assert_parallel_is_serial(&text);
            let cleaned = clean(&text);
            let mut all: Vec<Span> = cleaned.kept.clone();
            all.extend(cleaned.removed.iter().map(|r| r.span));
            all.sort();
            let mut at = 0;
            for s in &all {
                prop_assert_eq!(s.start, at);
                prop_assert!(text.is_char_boundary(s.start) && text.is_char_boundary(s.end));
                at = s.end;
            }
            prop_assert_eq!(at, text.len());
            if let Some(g) = cleaned.glossary {
                prop_assert!(cleaned.kept.iter().any(|s| s.start <= g && g < s.end));
            }
        }
    }
}

/// Ten synthetic paragraphs of a report body (written for these tests), each about 40 characters.
fn long_body() -> String {
    let mut body = String::from("各位代表：\n现在，我代表示例省人民政府向大会报告工作，请予审议。\n");
    for i in 1..=10 {
        body.push_str(&format!(
            "第{i}项工作：我们推进示例产业第{i}阶段的建设，完善配套政策，扩大有效投资，增强发展后劲。\n"
        ));
    }
    body.push_str("各位代表！让我们团结奋斗，共创美好未来！\n");
    body
}

#[test]
fn repeated_body_is_removed_once() {
    let body = long_body();
    let title = "2030年示例省政府工作报告\n";
    // A page dump with the title and body twice, a blank line between the copies.
    let text = format!("{title}{body}\n{title}{body}");
    let cleaned = clean(&text);
    assert_eq!(kept(&text), format!("{title}{body}\n"));
    let repeated: Vec<&str> =
        cleaned.removed.iter().filter(|r| r.kind == RepeatedBody).map(|r| r.span.slice(&text)).collect();
    assert_eq!(repeated, [format!("{title}{body}")]);
    // Every byte is kept or removed, once.
    let removed: usize = cleaned.removed.iter().map(|r| r.span.len()).sum();
    assert_eq!(cleaned.kept_len() + removed, text.len());
}

#[test]
fn repeated_body_on_one_line_keeps_the_first_half() {
    let body = long_body().replace('\n', "");
    for sep in ["", " ", "\u{3000}"] {
        let text = format!("2030年示例省政府工作报告\n{body}{sep}{body}\n");
        let cleaned = clean(&text);
        assert_eq!(kept(&text), format!("2030年示例省政府工作报告\n{body}"), "separator {sep:?}");
        let r = cleaned.removed.last().expect("the second copy is removed");
        assert_eq!((r.kind, r.span.slice(&text)), (RepeatedBody, format!("{sep}{body}\n").as_str()));
    }
}

#[test]
fn short_repeats_and_repeated_headings_are_kept() {
    // Five identical short lines (under 300 characters in all), and one repeated paragraph: report text, kept.
    let line = "坚持稳中求进工作总基调。\n";
    let para = "我们推进示例产业的建设，完善配套政策，扩大有效投资，增强发展后劲，提升发展质量和效益。\n";
    let text = format!("各位代表：\n{}{para}中间一段不同的话。\n{para}{}", line.repeat(5), line.repeat(5));
    let cleaned = clean(&text);
    assert!(cleaned.removed.iter().all(|r| r.kind != RepeatedBody), "{:?}", cleaned.removed);
    assert_eq!(kept(&text), text);
}

#[test]
fn glossary_of_a_repeated_report_is_in_the_first_copy() {
    let body = format!(
        "{}名词解释\n1.示例产业：本测试为说明而编写的词条，并非真实术语，用于检验名词解释的位置。\n",
        long_body()
    );
    let text = format!("{body}{body}");
    let cleaned = clean(&text);
    let g = cleaned.glossary.expect("glossary found");
    assert_eq!(g, body.find("名词解释").unwrap());
    assert_eq!(kept(&text), body);
}

#[test]
fn a_line_repeated_many_times_does_not_blow_up() {
    // Adversarial: the same line 20,000 times. Linear work; all but the first run are removed.
    let line = "我们推进示例产业的建设，完善配套政策，扩大有效投资。\n";
    let text = line.repeat(20_000);
    let cleaned = clean(&text);
    let removed: usize = cleaned.removed.iter().map(|r| r.span.len()).sum();
    assert_eq!(cleaned.kept_len() + removed, text.len());
    assert!(cleaned.kept_len() < text.len() / 100, "kept {} of {}", cleaned.kept_len(), text.len());
}

#[test]
fn a_page_of_furniture_only_is_removed_whole() {
    let text = "下载\n打印\n【字号：加大 还原 减小】\n\n当前位置：首页 > 要闻\n来源：示例日报\n扫一扫在手机打开当前页\n关闭窗口\n";
    let cleaned = clean(text);
    assert!(cleaned.kept.is_empty(), "{:?}", cleaned.kept);
    let removed: usize = cleaned.removed.iter().map(|r| r.span.len()).sum();
    assert_eq!(removed, text.len());
    assert_eq!(cleaned.removed[0].kind, ReaderMenu);
    // One line of text that is not furniture keeps the page.
    let text = "下载\n打印\n示例产业发展良好。\n关闭窗口\n";
    assert!(kept(text).contains("示例产业发展良好。"));
}

/// `mark_repeated_body` as it was: every line hashed with the std hasher, short ones too.
fn reference_mark_repeated_body(ls: &[Line<'_>], kind: &mut [Option<BoilerplateKind>], from: usize, to: usize) {
    let body: Vec<usize> = (from..to.min(ls.len())).filter(|&i| kind[i].is_none() && !ls[i].blank()).collect();
    let mut first: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    let (mut p, mut done) = (0, 0);
    while p < body.len() {
        let t = ls[body[p]].t;
        let earlier = first.get(t).copied();
        first.entry(t).or_insert(p);
        let Some(q) = earlier.filter(|_| ls[body[p]].chars() >= REPEAT_START_CHARS) else {
            p += 1;
            continue;
        };
        let (mut k, mut chars) = (0, 0);
        while p + k < body.len() && q + k < p && ls[body[p + k]].t == ls[body[q + k]].t {
            chars += ls[body[p + k]].chars();
            k += 1;
            if k >= REPEAT_MIN_LINES && chars >= REPEAT_MIN_CHARS {
                break;
            }
        }
        if k >= REPEAT_MIN_LINES && chars >= REPEAT_MIN_CHARS {
            while p + k < body.len() && q + k < p && ls[body[p + k]].t == ls[body[q + k]].t {
                k += 1;
            }
            let mut back = 0;
            while back < p - done && back < q && ls[body[p - back - 1]].t == ls[body[q - back - 1]].t {
                back += 1;
            }
            let (from, k) = (p - back, k + back);
            let (start, end) = (body[from], body[from + k - 1]);
            for (i, slot) in kind.iter_mut().enumerate().take(end + 1).skip(start) {
                if slot.is_none() && (ls[i].blank() || body[from..from + k].binary_search(&i).is_ok()) {
                    *slot = Some(BoilerplateKind::RepeatedBody);
                }
            }
            p = from + k;
            done = p;
        } else {
            p += 1;
        }
    }
}

/// Parallel work in pieces this small: every line is a job of its own, pieces of lines are cut everywhere.
const TINY: Work = Work::Parallel { piece: 7 };

/// The repeated-body marks of every line of `text`, as `mark_repeated_body` gives them (serial, and in parallel
/// with tiny pieces: the two must agree) and as the reference gives them.
fn repeated_marks(text: &str) -> (Vec<Option<BoilerplateKind>>, Vec<Option<BoilerplateKind>>) {
    let ls = lines(text, Work::Serial);
    let (mut got, mut want) = (vec![None; ls.len()], vec![None; ls.len()]);
    mark_repeated_body(&ls, &mut got, 0, ls.len(), Work::Serial);
    reference_mark_repeated_body(&ls, &mut want, 0, ls.len());
    let mut parallel = vec![None; ls.len()];
    mark_repeated_body(&ls, &mut parallel, 0, ls.len(), TINY);
    assert_eq!(parallel, got, "parallel and serial marks differ");
    (got, want)
}

/// `clean` with its per-line work in parallel (pieces of 1 to 4,096 bytes), compared field by field with the
/// serial run, and the lines split in pieces compared with the lines split at once.
fn assert_parallel_is_serial(text: &str) {
    let serial = clean_with(text, Work::Serial);
    let whole: Vec<(Span, usize, &str)> = lines(text, Work::Serial).iter().map(|l| (l.span, l.lead, l.t)).collect();
    for piece in [1, 7, 100, 4096] {
        let work = Work::Parallel { piece };
        let split: Vec<(Span, usize, &str)> = lines(text, work).iter().map(|l| (l.span, l.lead, l.t)).collect();
        assert!(split == whole, "lines split in pieces of {piece} bytes differ");
        let parallel = clean_with(text, work);
        assert_eq!(parallel, serial, "pieces of {piece} bytes");
    }
}

#[test]
fn parallel_clean_is_serial_clean_on_the_real_reports() {
    gwr_testdata::require_corpora!();
    let mut texts = gwr_testdata::provincial();
    texts.extend(gwr_testdata::national());
    let all = texts.join("\n");
    for text in &texts {
        assert_parallel_is_serial(text);
        // The report saved twice, with a page's furniture around it.
        assert_parallel_is_serial(&format!("下载\n打印\n{text}\n{text}\n相关报道：\n关闭窗口\n"));
    }
    // Every report in one text, and again: many runs, many distinct lines.
    assert_parallel_is_serial(&format!("{all}\n{all}"));
}

/// Groups of the same text found in parallel with a hash that collides all the time (the length modulo 3) are
/// the groups found with a map of texts.
fn assert_colliding_groups_are_text_groups(text: &str) {
    let ls = lines(text, Work::Serial);
    let body: Vec<usize> = (0..ls.len()).filter(|&i| !ls[i].blank()).collect();
    let want = same_text_groups(&ls, &body, Work::Serial);
    assert_eq!(same_text_groups(&ls, &body, TINY), want);
    assert_eq!(groups_by_hash(&ls, &body, TINY, |t| t.len() as u64 % 3), want);
}

#[test]
fn colliding_hashes_still_group_by_text() {
    gwr_testdata::require_corpora!();
    let mut texts = gwr_testdata::provincial();
    texts.extend(gwr_testdata::national());
    for text in &texts {
        assert_colliding_groups_are_text_groups(&format!("{text}\n{text}"));
    }
    let numbered: String = (0..3000).map(|i| format!("第{:05}行示例数据\n", i % 700)).collect();
    assert_colliding_groups_are_text_groups(&numbered);
}

#[test]
fn parallel_clean_is_serial_clean_on_synthetic_pages() {
    let body = long_body();
    let title = "2030年示例省政府工作报告\n";
    let glossary = "名词解释\n1.示例产业：本测试为说明而编写的词条，并非真实术语，用于检验名词解释的位置。\n";
    for text in [
        String::new(),
        "\n\n".to_string(),
        format!("{title}{body}\n{title}{body}"),
        format!("{title}{body}{glossary}{body}{glossary}"),
        format!("{title}{body}照片：示例记者 摄\n{}相关链接\n下载\n{title}", body.replace('\n', "")),
        "我们推进示例产业的建设，完善配套政策，扩大有效投资。\n".repeat(2000),
        (0..3000).map(|i| format!("第{i:05}行示例数据\n")).collect(),
    ] {
        assert_parallel_is_serial(&text);
    }
}

#[test]
fn repeated_body_marks_equal_the_std_hashed_reference_on_the_real_reports() {
    gwr_testdata::require_corpora!();
    let mut texts = gwr_testdata::provincial();
    texts.extend(gwr_testdata::national());
    for text in &texts {
        let (got, want) = repeated_marks(text);
        assert_eq!(got, want);
        // The report saved twice, and its second half saved again after it.
        let twice = format!("{text}\n{text}{}", &text[text.floor_char_boundary(text.len() / 2)..]);
        let (got, want) = repeated_marks(&twice);
        assert!(got.iter().any(Option::is_some));
        assert_eq!(got, want);
    }
}

mod repeated_props {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn repeated_body_marks_equal_the_std_hashed_reference(
            steps in prop::collection::vec((0usize..14, 1usize..12), 0..60),
        ) {
            // Short lines (under 8 chars) and long ones; a step of 10 or more copies the last few lines again.
            const LINES: [&str; 10] = [
                "各位代表：",
                "一、",
                "短行七个字符啊",
                "正好八个字符的行",
                "第一项工作：我们推进示例产业的建设，完善配套政策，扩大有效投资，增强发展后劲，稳定就业，改善民生福祉。",
                "第二项工作：我们推进示例产业的建设，完善配套政策，增强发展后劲，扩大有效投资，稳定就业，办好民生实事。",
                "第三项工作：我们推进示例产业的建设，完善配套政策，稳定就业，扩大有效投资，增强发展后劲，改善生态环境。",
                "第四项工作：我们推进示例产业的建设，完善配套政策，改善民生福祉，办好民生实事，扩大有效投资，稳定就业。",
                "",
                "Short",
            ];
            let mut lines: Vec<&str> = Vec::new();
            for (step, n) in steps {
                if step < LINES.len() {
                    lines.push(LINES[step]);
                } else {
                    lines.extend_from_within(lines.len().saturating_sub(n)..);
                }
            }
            let text: String = lines.iter().map(|l| format!("{l}\n")).collect();
            let (got, want) = repeated_marks(&text);
            prop_assert_eq!(got, want);
        }
    }
}

/// Runs of 299, 300 and 301 characters, in Han (three bytes each), ASCII and four-byte characters: the byte
/// length alone cannot decide, the characters are counted.
#[test]
fn repeated_runs_at_the_character_threshold() {
    for c in ['示', 'a', '\u{20000}'] {
        for total in [REPEAT_MIN_CHARS - 1, REPEAT_MIN_CHARS, REPEAT_MIN_CHARS + 1] {
            // Five different lines, the last one taking what is left.
            let per = REPEAT_MIN_CHARS / 5 - 1;
            let mut run: Vec<String> = (0..4).map(|i| format!("{i}{}", c.to_string().repeat(per - 1))).collect();
            run.push(format!("4{}", c.to_string().repeat(total - 4 * per - 1)));
            let copy = run.join("\n");
            let text = format!("{copy}\n中间一段不同的话，用来分开两份。\n{copy}\n");
            let (got, want) = repeated_marks(&text);
            assert_eq!(got, want, "{c:?} {total}");
            let marked = got.iter().any(Option::is_some);
            assert_eq!(marked, total >= REPEAT_MIN_CHARS, "{c:?} {total}");
        }
    }
}

/// A line that is the same text twice is cut only from 600 characters on, whatever its length in bytes (299 Han
/// characters twice take 1,794 bytes).
#[test]
fn repeated_half_counts_characters_not_bytes() {
    for (half, cut) in [(299, false), (300, true), (301, true)] {
        let copy: String = (0..half).map(|i| if i % 10 == 9 { '，' } else { '示' }).collect();
        let line = format!("{copy}{copy}\n");
        let l = &lines(&line, Work::Serial)[0];
        assert_eq!(repeated_half(l), cut.then_some(copy.len()), "{half} characters twice");
    }
}
