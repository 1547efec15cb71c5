//! Boilerplate removal: find the report body in a scraped page.
//!
//! Government work reports scraped from news and government sites come wrapped in page furniture: a reader menu
//! (`下载 打印 全屏 收藏 【字号：加大 还原 减小】`), a breadcrumb (`当前位置：首页 > 要闻`), page header lines
//! (`来源：…`, `时间：…`, a time stamp) between the title and the body, photo captions (`…作政府工作报告。本报记者 …
//! 摄`), footers (`扫一扫在手机打开当前页`, `打印本页`, `关闭窗口`, `编辑：…`, `责任编辑：…`, `分享到…`), lists of
//! related reports (`相关报道：`, `相关文档：`, `相关链接>>` and what follows) and, on some pages, the title and
//! first sentence repeated at the very end. [`clean`] finds them line by line and returns the kept byte spans of
//! the text and the removed ones with their [`BoilerplateKind`]; it never copies text.
//!
//! The body starts at the report's title or session-date line (`——2026年2月5日在…会议上`) before the salutation
//! `各位代表：` (or at the salutation when there is no title), and ends before the trailing boilerplate. Reports
//! that end with a numbered glossary (`名词解释`, `注释`, `名词注释`) keep it, and [`Cleaned::glossary`] says where it
//! starts, so matches inside it can be told apart. Every byte of the text is either kept or removed.
//!
//! Page dumps often hold the report twice: a run of at least 5 kept lines and 300 characters that repeats an
//! earlier run line for line (with the short title and salutation lines just before it), or a single long line
//! whose second half repeats its first, is removed as [`BoilerplateKind::RepeatedBody`], so it is counted once.
//! Copies in another layout (other line breaks, the whole text on one line, a space after every comma) are found
//! on sentences compared without white space: a run of at least 5 sentences and 300 characters that repeats
//! earlier ones is removed sentence by sentence, sentences the copy adds are kept, and [`Cleaned::repeats`] says
//! where each copy is and what it repeats. A title repeated at the end is removed with a sentence or two after it;
//! more text after it is left to the repeat detection, so that only what repeats is removed.
//! A page made only of furniture lines (no report in it) is removed whole.
//!
//! A text of 16 MB or more has its per-line work (splitting into lines, testing each line, grouping equal lines,
//! assembling the spans) done on the rayon pool; the decisions about the whole page stay in order on one thread,
//! and the result is the same as on one thread.
//!
//! # Example
//!
//! ```
//! use gwr_clean::{clean, BoilerplateKind};
//!
//! let page = "下载\n打印\n【字号：\n】\n2030年示例省政府工作报告\n来源：示例日报\n各位代表：\n现在，我代表省人民政府报告工作。\n相关报道：\n另一篇文章\n";
//! let cleaned = clean(page);
//! let kept: String = cleaned.kept.iter().map(|s| s.slice(page)).collect();
//! assert_eq!(kept, "2030年示例省政府工作报告\n各位代表：\n现在，我代表省人民政府报告工作。\n");
//! assert_eq!(cleaned.removed[0].kind, BoilerplateKind::ReaderMenu);
//! assert!(cleaned.removed.iter().any(|r| r.kind == BoilerplateKind::RelatedReports));
//! assert_eq!(cleaned.glossary, None);
//! Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # Crate features
//!
//! None.

mod repeats;

pub use repeats::Repeat;

use gwr_core::Span;
use memchr::memmem;
use rayon::prelude::*;
use std::collections::HashMap;
use std::ops::Range;
use std::sync::OnceLock;

/// What a removed piece of a page was.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum BoilerplateKind {
    /// Reader tools: 下载, 打印, 全屏, 收藏, 【字号：加大 还原 减小】, 分享.
    ReaderMenu,
    /// Site navigation: 当前位置：首页 > 栏目.
    Breadcrumb,
    /// Page lines between title and body: 来源：, 时间：, a publication time stamp.
    PageHeader,
    /// Page footer: 扫一扫在手机打开当前页, 关闭窗口, 打印本页, 编辑：, 责任编辑, 分享到.
    Footer,
    /// 相关报道：/相关文档：/相关链接 and the list that follows.
    RelatedReports,
    /// The title block repeated at the end of the page.
    RepeatedTitle,
    /// A photo caption (…摄, 记者 …, …作政府工作报告。).
    PhotoCaption,
    /// The report body, or a long part of it, saved a second time in the same page: counted once.
    RepeatedBody,
}

impl BoilerplateKind {
    /// Snake-case name: `reader_menu`, `breadcrumb`, `page_header`, `footer`, `related_reports`,
    /// `repeated_title`, `photo_caption`, `repeated_body`.
    pub fn as_str(self) -> &'static str {
        match self {
            BoilerplateKind::ReaderMenu => "reader_menu",
            BoilerplateKind::Breadcrumb => "breadcrumb",
            BoilerplateKind::PageHeader => "page_header",
            BoilerplateKind::Footer => "footer",
            BoilerplateKind::RelatedReports => "related_reports",
            BoilerplateKind::RepeatedTitle => "repeated_title",
            BoilerplateKind::PhotoCaption => "photo_caption",
            BoilerplateKind::RepeatedBody => "repeated_body",
        }
    }
}

/// A removed span of the text and what it was.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Removed {
    /// Byte span in the text: whole lines, newlines included, except for a [`BoilerplateKind::RepeatedBody`] that
    /// is the second half of a single line.
    pub span: Span,
    /// What was removed.
    pub kind: BoilerplateKind,
}

/// The result of [`clean`]: spans into the text, in order.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Cleaned {
    /// Kept byte spans (the report), in order, not overlapping, not adjacent.
    pub kept: Vec<Span>,
    /// Byte offset where the closing glossary (名词解释) starts, when the report has one; it is inside `kept`.
    pub glossary: Option<usize>,
    /// Removed byte spans, in order, with their kind.
    pub removed: Vec<Removed>,
    /// Runs of sentences repeated later in the text (compared without white space), in order: their copies'
    /// sentences are removed as [`BoilerplateKind::RepeatedBody`] (those of them not already removed), sentences
    /// in a copy that are not in the original are kept.
    pub repeats: Vec<Repeat>,
}

impl Cleaned {
    /// Append a kept span, merged with the previous one when they touch.
    fn keep(&mut self, span: Span) {
        match self.kept.last_mut() {
            Some(last) if last.end == span.start => last.end = span.end,
            _ => self.kept.push(span),
        }
    }

    /// Append a removed span, merged with the previous one when they touch and are of the same kind.
    fn remove(&mut self, span: Span, kind: BoilerplateKind) {
        match self.removed.last_mut() {
            Some(last) if last.span.end == span.start && last.kind == kind => last.span.end = span.end,
            _ => self.removed.push(Removed { span, kind }),
        }
    }

    /// Append the spans of `other` (which follows), merged as [`Cleaned::keep`] and [`Cleaned::remove`] merge them.
    fn append(&mut self, other: Cleaned) {
        for span in other.kept {
            self.keep(span);
        }
        for r in other.removed {
            self.remove(r.span, r.kind);
        }
    }

    /// Total kept bytes.
    pub fn kept_len(&self) -> usize {
        self.kept.iter().map(Span::len).sum()
    }

    /// The kept pieces of `text` (the text [`clean`] was given).
    pub fn kept_text<'s, 't: 's>(&'s self, text: &'t str) -> impl Iterator<Item = &'t str> + 's {
        self.kept.iter().map(move |s| s.slice(text))
    }
}

struct Line<'t> {
    span: Span,
    /// Bytes of white space before `t` in the line.
    lead: usize,
    /// The line without surrounding white space, zero-width spaces or BOM.
    t: &'t str,
}

impl Line<'_> {
    fn chars(&self) -> usize {
        self.t.chars().count()
    }
    fn blank(&self) -> bool {
        self.t.is_empty()
    }
}

/// Texts of at least this many bytes have their per-line work done in parallel on the rayon pool.
const PARALLEL_BYTES: usize = 16 << 20;
/// A large text is split into lines, and its spans assembled, in pieces of about this many bytes.
const PIECE_BYTES: usize = 4 << 20;

/// How [`clean`] does the work that is per line (splitting, classifying, hashing, assembling the spans): the
/// result is the same either way.
#[derive(Clone, Copy, Debug)]
enum Work {
    /// On this thread.
    Serial,
    /// On the rayon pool, the text cut after line breaks into pieces of about `piece` bytes.
    Parallel { piece: usize },
}

impl Work {
    fn for_text(text: &str) -> Work {
        if text.len() >= PARALLEL_BYTES && rayon::current_num_threads() > 1 {
            Work::Parallel { piece: PIECE_BYTES }
        } else {
            Work::Serial
        }
    }

    /// Lines given to one parallel job at least.
    fn min_lines(self) -> usize {
        match self {
            Work::Serial => usize::MAX,
            Work::Parallel { piece } => (piece / 256).max(1),
        }
    }

    /// The first index in `range` for which `f` holds.
    fn find_first(self, range: Range<usize>, f: impl Fn(usize) -> bool + Sync + Send) -> Option<usize> {
        match self {
            Work::Serial => range.into_iter().find(|&i| f(i)),
            Work::Parallel { .. } => range.into_par_iter().with_min_len(self.min_lines()).find_first(|&i| f(i)),
        }
    }

    /// `f` of every line of `ls`, in order.
    fn map<T: Send>(self, ls: &[Line<'_>], f: impl Fn(&Line<'_>) -> T + Sync + Send) -> Vec<T> {
        match self {
            Work::Serial => ls.iter().map(f).collect(),
            Work::Parallel { .. } => ls.par_iter().with_min_len(self.min_lines()).map(f).collect(),
        }
    }
}

fn lines(text: &str, work: Work) -> Vec<Line<'_>> {
    let Work::Parallel { piece } = work else {
        return lines_in(text, 0..text.len());
    };
    let cuts = line_cuts(text, piece);
    let parts: Vec<Vec<Line<'_>>> = cuts.par_windows(2).map(|w| lines_in(text, w[0]..w[1])).collect();
    let mut out = Vec::with_capacity(parts.iter().map(Vec::len).sum());
    for part in parts {
        out.extend(part);
    }
    out
}

/// The lines of `text[range]`, a range that starts and ends after a line break (or at an end of the text).
fn lines_in(text: &str, range: Range<usize>) -> Vec<Line<'_>> {
    let mut out = Vec::new();
    let mut start = range.start;
    // `str::split_inclusive('\n')`, with the SIMD search of the memchr crate.
    let ends = memchr::memchr_iter(b'\n', &text.as_bytes()[range.clone()]).map(|at| range.start + at + 1);
    for end in ends.chain((start < range.end).then_some(range.end)) {
        if end == start {
            break;
        }
        let piece = &text[start..end];
        let t =
            piece.trim_matches(|c: char| c.is_whitespace() || c == '\u{200B}' || c == '\u{FEFF}' || c == '\u{200D}');
        let lead = t.as_ptr() as usize - piece.as_ptr() as usize;
        out.push(Line { span: Span::new(start, end), lead, t });
        start = end;
    }
    out
}

/// Offsets from 0 to `text.len()` that cut `text` right after a line break about every `piece` bytes.
fn line_cuts(text: &str, piece: usize) -> Vec<usize> {
    let b = text.as_bytes();
    let mut cuts = vec![0];
    let mut last = 0;
    while last + piece < b.len() {
        let Some(nl) = memchr::memchr(b'\n', &b[last + piece..]) else { break };
        last += piece + nl + 1;
        cuts.push(last);
    }
    if last < b.len() {
        cuts.push(b.len());
    }
    cuts
}

fn is_menu(t: &str) -> bool {
    matches!(
        t,
        "下载"
            | "打印"
            | "全屏"
            | "收藏"
            | "加大"
            | "还原"
            | "减小"
            | "大"
            | "中"
            | "小"
            | "【"
            | "】"
            | "|"
            | "｜"
            | "×"
            | "分享"
            | "分享："
            | "分享:"
            | "评论"
            | "纠错"
    ) || t.starts_with("【字号")
        || t.starts_with("【字体")
        || t.starts_with("字号：")
        || t.starts_with("字体：")
        || t.starts_with("分享到")
}

fn is_breadcrumb(t: &str) -> bool {
    t.starts_with("当前位置")
        || t.starts_with("您的位置")
        || t.starts_with("您现在的位置")
        || t == "首页"
        || is_crumb_sep(t)
        || (t.starts_with("首页") && (t.contains('>') || t.contains('＞') || t.contains('»')))
}

fn is_crumb_sep(t: &str) -> bool {
    matches!(t, ">" | "＞" | "»" | ">>" | "/")
}

const HEADER_LABELS: &[&str] =
    &["来源", "时间", "发表时间", "发布时间", "阅读量", "浏览次数", "点击数", "作者", "信息来源", "文章来源"];

fn header_label(t: &str) -> Option<&str> {
    HEADER_LABELS.iter().find_map(|l| {
        let rest = t.strip_prefix(l)?;
        let rest = rest.strip_prefix('：').or_else(|| rest.strip_prefix(':'))?;
        Some(rest.trim())
    })
}

/// `2026-02-09 09:45:30`, `2026-02-03`, `2026年02月10日 07时41分`: a publication time stamp on its own line.
fn is_time_stamp(t: &str) -> bool {
    let digits = t.chars().filter(char::is_ascii_digit).count();
    digits >= 8
        && t.chars().all(|c| c.is_ascii_digit() || " -:/年月日时分秒".contains(c))
        && (t.contains('-') || t.contains('/') || t.contains('时'))
}

fn is_page_header(t: &str) -> bool {
    header_label(t).is_some() || is_time_stamp(t)
}

fn is_caption(t: &str, in_head: bool) -> bool {
    let photographed = t.ends_with('摄') || t.ends_with("摄）") || t.ends_with("摄)");
    // The cheap end test first: in the body (every line) most lines fail it.
    let short = || at_most_chars(t, 120);
    if in_head {
        short() && (photographed || t.contains("记者") || t.contains("作政府工作报告"))
    } else {
        photographed && short() && (t.contains("记者") || t.contains("摄影"))
    }
}

/// `t.chars().count() <= n`, counting only when the byte length leaves a doubt (a char has one to four bytes).
fn at_most_chars(t: &str, n: usize) -> bool {
    t.len() <= n || (t.len() <= 4 * n && t.chars().count() <= n)
}

fn is_title(t: &str) -> bool {
    t.contains("政府工作报告") && t.chars().count() <= 40 && !is_caption(t, true)
}

fn is_session_date(t: &str) -> bool {
    t.contains("会议上") && t.contains('在') && t.chars().count() <= 120
}

fn tail_marker(t: &str) -> Option<BoilerplateKind> {
    const RELATED: &[&str] =
        &["相关报道", "相关文档", "相关链接", "相关附件", "相关阅读", "相关新闻", "相关稿件", "延伸阅读"];
    if RELATED.iter().any(|m| t.starts_with(m)) && t.chars().count() <= 12 {
        return Some(BoilerplateKind::RelatedReports);
    }
    let footer = has_footer_phrase(t)
        || t.starts_with("责任编辑")
        || t.starts_with("编辑：")
        || t.starts_with("编辑:")
        || t.starts_with("分享到")
        || t.starts_with("（来源：")
        || t.starts_with("(来源：")
        || t.starts_with("(来源:")
        || t.starts_with("【打印")
        || t.starts_with("【关闭");
    footer.then_some(BoilerplateKind::Footer)
}

/// Whether a line contains a footer phrase anywhere. Searchers built once: this runs on every line of the last
/// part of a page.
fn has_footer_phrase(t: &str) -> bool {
    const PHRASES: [&str; 4] = ["扫一扫在手机打开当前页", "关闭窗口", "打印本页", "点击图片进入专题"];
    static FINDERS: OnceLock<[memmem::Finder<'static>; 4]> = OnceLock::new();
    let finders = FINDERS.get_or_init(|| PHRASES.map(memmem::Finder::new));
    finders.iter().any(|f| f.find(t.as_bytes()).is_some())
}

fn is_salutation(t: &str) -> bool {
    t.starts_with("各位代表")
}

/// A glossary heading (名词解释, 注释, 名词注释...) followed within three lines by a numbered entry.
fn is_glossary_heading(ls: &[Line<'_>], i: usize) -> bool {
    let t = ls[i].t;
    let heading = matches!(t, "名词解释" | "注释" | "名词注释" | "注解" | "名词解释：" | "注释：")
        || (at_most_chars(t, 30) && (t.contains("名词解释") || t.contains("名词注释")));
    heading && ls[i + 1..].iter().filter(|l| !l.blank()).take(3).any(|l| is_numbered_entry(l.t))
}

fn is_numbered_entry(t: &str) -> bool {
    let mut chars = t.chars();
    match chars.next() {
        Some('［' | '[' | '【' | '（' | '(') => chars.next().is_some_and(|c| c.is_ascii_digit()),
        Some(c) if c.is_ascii_digit() => {
            let rest = chars.as_str().trim_start_matches(|c: char| c.is_ascii_digit());
            rest.starts_with(['.', '．', '、'])
        }
        _ => false,
    }
}

/// Find the report body in `text`: see the crate docs. Never panics; every byte is either kept or removed.
pub fn clean(text: &str) -> Cleaned {
    clean_with(text, Work::for_text(text))
}

/// [`clean`], its per-line work done as `work` says.
fn clean_with(text: &str, work: Work) -> Cleaned {
    let ls = lines(text, work);
    let n = ls.len();
    let mut kind: Vec<Option<BoilerplateKind>> = vec![None; n];
    let len = text.len();

    // The salutation near the start opens the body (national reports start with it).
    // `各位代表：` opens a report; `各位代表！` also closes one, so without the colon it must be near the start.
    let salute = ls.iter().take_while(|l| l.span.start <= 8000).position(|l| {
        let opening = l.t.starts_with("各位代表：") || l.t.starts_with("各位代表:");
        is_salutation(l.t) && l.span.start <= 8000 && (opening || l.span.start <= len * 2 / 5)
    });
    let mut title: Option<&str> = None;
    let body_from = salute.unwrap_or(0);
    let mut heading_from = body_from;
    if let Some(s) = salute {
        let start = (0..s)
            .find(|&i| {
                let t = ls[i].t;
                (is_title(t) || is_session_date(t)) && !is_menu(t) && !is_breadcrumb(t) && !is_page_header(t)
            })
            .unwrap_or(s);
        title = (start < s && is_title(ls[start].t)).then_some(ls[start].t);
        heading_from = start;
        // Before the heading: everything that is not blank is page furniture.
        let mut last_label = false;
        for (i, k) in kind.iter_mut().enumerate().take(start) {
            *k = classify_head(&ls, i, &mut last_label);
        }
        let any = kind[..start].iter().any(Option::is_some);
        if any {
            // Unclassified lines before the heading take the kind of the nearest classified line before them
            // (after them at the very top).
            let first = kind[..start].iter().flatten().next().copied();
            let mut current = first;
            for (l, k) in ls.iter().zip(kind.iter_mut()).take(start) {
                match k {
                    Some(x) => current = Some(*x),
                    None if l.blank() && current.is_none() => {}
                    None => *k = current,
                }
            }
        }
        // Between the heading and the salutation: keep title, date and speaker lines, drop the rest.
        let mut last_label = false;
        let mut seen: Vec<&str> = Vec::new();
        for i in start..s {
            let t = ls[i].t;
            kind[i] = classify_head(&ls, i, &mut last_label);
            if kind[i].is_none() && !t.is_empty() {
                if (is_title(t) || is_session_date(t)) && seen.contains(&t) {
                    kind[i] = Some(BoilerplateKind::RepeatedTitle);
                } else {
                    seen.push(t);
                }
            }
        }
    }

    // Trailing boilerplate: from the first marker line in the last part of the text.
    let tail_zone = len * 3 / 5;
    // The lines after the body's first line that start in the tail zone (lines are in text order).
    let after_body = ls.partition_point(|l| l.span.start < tail_zone).max(body_from + 1).min(n)..n;
    let mut cut = work.find_first(after_body.clone(), |i| tail_marker(ls[i].t).is_some());
    if cut.is_none() {
        if let Some(title) = title {
            cut = work.find_first(after_body, |i| ls[i].t == title);
        }
    }
    let mut cut = cut.unwrap_or(n);
    // Trailing reader tools and blank lines right before the cut (or at the very end) belong to it.
    while cut > body_from + 1 && (ls[cut - 1].blank() || is_menu(ls[cut - 1].t)) && ls[cut - 1].span.start >= tail_zone
    {
        cut -= 1;
    }
    while cut < n && ls[cut].blank() {
        cut += 1;
    }
    let mut current = BoilerplateKind::Footer;
    // What each line of the tail is (per line, so in parallel for a large text), then the kinds in order.
    enum TailLine {
        Marker(BoilerplateKind),
        Title,
        Menu,
        Text,
    }
    let tail = work.map(&ls[cut..], |l| match tail_marker(l.t) {
        Some(k) => TailLine::Marker(k),
        None if title == Some(l.t) => TailLine::Title,
        None if is_menu(l.t) => TailLine::Menu,
        None => TailLine::Text,
    });
    // Text lines after a repeated title, by title: a title block (the title and a sentence or two) is removed
    // with its title; more text than that is not a title block, and is left to the repeat detection, so that
    // text that is not a repeat is not lost with it.
    let mut after_title: Vec<Vec<usize>> = Vec::new();
    for (i, line) in (cut..n).zip(tail) {
        let k = &mut kind[i];
        match line {
            TailLine::Marker(marker) => current = marker,
            TailLine::Title => {
                current = BoilerplateKind::RepeatedTitle;
                after_title.push(Vec::new());
            }
            TailLine::Menu if current != BoilerplateKind::RepeatedTitle => current = BoilerplateKind::Footer,
            TailLine::Text if current == BoilerplateKind::RepeatedTitle => {
                if let Some(lines) = after_title.last_mut() {
                    lines.push(i);
                }
            }
            TailLine::Menu | TailLine::Text => {}
        }
        *k = Some(current);
    }
    for lines in after_title {
        let chars: usize = lines.iter().map(|&i| ls[i].chars()).sum();
        if chars > REPEAT_MIN_CHARS {
            for i in lines {
                kind[i] = None;
            }
        }
    }

    // Photo captions inside the body.
    let body = body_from..cut.max(body_from);
    let captions = work.map(&ls[body.clone()], |l| is_caption(l.t, false));
    for (k, caption) in kind[body].iter_mut().zip(captions) {
        if k.is_none() && caption {
            *k = Some(BoilerplateKind::PhotoCaption);
        }
    }

    if salute.is_none() {
        if let Some(all) = furniture_only(&ls) {
            kind = all;
        }
    }
    mark_repeated_body(&ls, &mut kind, heading_from, cut, work);

    // The closing glossary, in the second half of the kept body (a repeated copy is no longer part of it).
    let kept_end = (body_from..cut).rev().find(|&i| kind[i].is_none()).map_or(0, |i| ls[i].span.end);
    let body_middle = ls.get(body_from).map_or(0, |l| l.span.start) / 2 + kept_end / 2;
    let glossary = work
        .find_first(body_from..cut.max(body_from), |i| {
            kind[i].is_none() && ls[i].span.start >= body_middle && is_glossary_heading(&ls[..cut], i)
        })
        .map(|i| {
            let prev = (body_from..i).rev().find(|&j| !ls[j].blank());
            match prev {
                Some(j) if ls[j].t.starts_with("附件") && ls[j].chars() <= 6 && kind[j].is_none() => ls[j].span.start,
                _ => ls[i].span.start,
            }
        });

    // Sentences repeated on content (whatever the layout), after the line-level marks.
    let found = repeats::find(text, &ls, &kind, heading_from);
    let copies = &found.copies;

    let spans = |range: Range<usize>| {
        let mut cleaned = Cleaned::default();
        for (l, k) in ls[range.clone()].iter().zip(&kind[range]) {
            if let Some(k) = k {
                cleaned.remove(l.span, *k);
                continue;
            }
            // Parts of a kept line removed as repeats: sentences of a copy, or the second half of a line that
            // holds the same text twice.
            let first = copies.partition_point(|c| c.end <= l.span.start);
            let mut cuts: Vec<Span> = copies[first..]
                .iter()
                .take_while(|c| c.start < l.span.end)
                .map(|c| Span::new(c.start.max(l.span.start), c.end.min(l.span.end)))
                .collect();
            if let Some(half) = repeated_half(l) {
                // One line holding the same text twice: keep the first copy.
                cuts.push(Span::new(l.span.start + half, l.span.end));
                cuts.sort_by_key(|c| c.start);
            }
            let mut at = l.span.start;
            for c in cuts {
                if c.end <= at {
                    continue;
                }
                if c.start > at {
                    cleaned.keep(Span::new(at, c.start));
                }
                let from = c.start.max(at);
                cleaned.remove(Span::new(from, c.end), BoilerplateKind::RepeatedBody);
                at = c.end;
            }
            if at < l.span.end {
                cleaned.keep(Span::new(at, l.span.end));
            }
        }
        cleaned
    };
    let mut cleaned = match work {
        Work::Serial => spans(0..n),
        Work::Parallel { .. } => {
            // Pieces of lines assembled on their own, then joined: spans merge across a join as they would have.
            let step = work.min_lines();
            let parts: Vec<Cleaned> =
                (0..n.div_ceil(step)).into_par_iter().map(|j| spans(j * step..n.min((j + 1) * step))).collect();
            let mut all = Cleaned::default();
            for part in parts {
                all.append(part);
            }
            all
        }
    };
    cleaned.glossary = glossary;
    cleaned.repeats = found.repeats;
    cleaned
}

/// A page without a report: every non-blank line is page furniture (reader tools, breadcrumb, page header,
/// footer, a related-reports heading) and there is at least one. Then every line is removed, blank lines with
/// the kind of the line before them (after them at the top).
fn furniture_only(ls: &[Line<'_>]) -> Option<Vec<Option<BoilerplateKind>>> {
    let mut kinds = Vec::with_capacity(ls.len());
    let mut last_label = false;
    for (i, l) in ls.iter().enumerate() {
        if l.blank() {
            kinds.push(None);
            continue;
        }
        let k = tail_marker(l.t).or_else(|| classify_head(ls, i, &mut last_label));
        kinds.push(Some(k.filter(|k| *k != BoilerplateKind::PhotoCaption)?));
    }
    let first = kinds.iter().flatten().next().copied()?;
    let mut current = first;
    for k in &mut kinds {
        match k {
            Some(x) => current = *x,
            None => *k = Some(current),
        }
    }
    Some(kinds)
}

/// A repeated run must hold at least this many lines...
const REPEAT_MIN_LINES: usize = 5;
/// ...and this many characters (report paragraphs are long; a few short lines may repeat in a real report).
const REPEAT_MIN_CHARS: usize = 300;
/// A run starts on a line at least this long, so that repeated short headings cannot start one.
const REPEAT_START_CHARS: usize = 8;

/// Mark kept lines of `from..to` that repeat an earlier kept run line for line (the body saved twice in one page
/// dump) as [`BoilerplateKind::RepeatedBody`]. Only runs of at least [`REPEAT_MIN_LINES`] non-blank lines and
/// [`REPEAT_MIN_CHARS`] characters count, compared after trimming; blank lines between are ignored. Linear in the
/// number of lines times the shortest run, whatever the text. Lines are compared by [`same_text_groups`], found
/// first (in parallel for a large text); the walk along the runs is serial.
fn mark_repeated_body(ls: &[Line<'_>], kind: &mut [Option<BoilerplateKind>], from: usize, to: usize, work: Work) {
    let to = to.min(ls.len()).max(from);
    let is_body = |i: &usize| kind[*i].is_none() && !ls[*i].blank();
    let body: Vec<usize> = match work {
        Work::Serial => (from..to).filter(is_body).collect(),
        Work::Parallel { .. } => (from..to).into_par_iter().with_min_len(work.min_lines()).filter(is_body).collect(),
    };
    let group = same_text_groups(ls, &body, work);
    // The first position in `body`, among those looked at, of each text that can start a run, by group.
    let mut first: Vec<Option<usize>> = vec![None; body.len()];
    // Lines before `done` belong to a run already marked.
    let (mut p, mut done) = (0, 0);
    while p < body.len() {
        if !can_start_run(ls[body[p]].t) {
            p += 1;
            continue;
        }
        let earlier = first[group[p]];
        let Some(q) = earlier else {
            first[group[p]] = Some(p);
            p += 1;
            continue;
        };
        // Extend the run: body[p + k] repeats body[q + k], the copy never overlapping its original.
        let (mut k, mut size) = (0, RunSize::default());
        let lines = |k: usize| body[p..p + k].iter().map(|&i| &ls[i]);
        while p + k < body.len() && q + k < p && group[p + k] == group[q + k] {
            k += 1;
            if k >= REPEAT_MIN_LINES && size.at_least(lines(k), REPEAT_MIN_CHARS) {
                break;
            }
        }
        if k >= REPEAT_MIN_LINES && size.at_least(lines(k), REPEAT_MIN_CHARS) {
            while p + k < body.len() && q + k < p && group[p + k] == group[q + k] {
                k += 1;
            }
            // Short lines before the run (a salutation, the title) that repeat the lines before the original.
            let mut back = 0;
            while back < p - done && back < q && group[p - back - 1] == group[q - back - 1] {
                back += 1;
            }
            let (from, k) = (p - back, k + back);
            let (start, end) = (body[from], body[from + k - 1]);
            // Runs never overlap, so every line of `start..=end` that is not blank and not marked is in the run.
            for slot in &mut kind[start..=end] {
                if slot.is_none() {
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

/// The size of a growing run of lines, learnt as little as [`RunSize::at_least`] needs: characters are counted only
/// when the byte length leaves a doubt (in a text of shuffled lines a run is tried at almost every line).
#[derive(Default)]
struct RunSize {
    /// Lines whose bytes are in `bytes`.
    lines: usize,
    bytes: usize,
    /// Lines whose characters are in `chars`.
    counted: usize,
    chars: usize,
}

impl RunSize {
    /// Whether `run` (the same lines as at the last call, and maybe more) holds at least `min` characters.
    fn at_least<'a, 't: 'a>(&mut self, run: impl Iterator<Item = &'a Line<'t>> + Clone, min: usize) -> bool {
        for l in run.clone().skip(self.lines) {
            self.bytes += l.t.len();
            self.lines += 1;
        }
        // A character has one to four bytes.
        if self.bytes < min {
            return false;
        }
        if self.bytes >= 4 * min {
            return true;
        }
        for l in run.skip(self.counted) {
            self.chars += l.chars();
            self.counted += 1;
        }
        self.chars >= min
    }
}

/// For each line of `body` (indices into `ls`), the position in `body` of the first line with the same text: two
/// lines have the same text exactly when they have the same group. Whole lines are hashed (foldhash): a key of
/// part of a line lets lines that share it (numbered rows of one length) pile up in one bucket, which made this
/// quadratic once. A large text is hashed in parallel, and the lines sorted by hash (equal texts are then next to
/// each other) instead of put into one map on one thread.
fn same_text_groups(ls: &[Line<'_>], body: &[usize], work: Work) -> Vec<usize> {
    let text = |p: usize| ls[body[p]].t;
    if let Work::Serial = work {
        // Sized for every line up front: growing would hash every line again at each doubling.
        let mut first: HashMap<&str, usize, foldhash::fast::FixedState> =
            HashMap::with_capacity_and_hasher(body.len(), foldhash::fast::FixedState::default());
        return (0..body.len()).map(|p| *first.entry(text(p)).or_insert(p)).collect();
    }
    let state = foldhash::fast::RandomState::default();
    groups_by_hash(ls, body, work, |t| std::hash::BuildHasher::hash_one(&state, t))
}

/// The parallel part of [`same_text_groups`], with the hash function as a parameter (the tests make it collide).
fn groups_by_hash(ls: &[Line<'_>], body: &[usize], work: Work, hash: impl Fn(&str) -> u64 + Sync) -> Vec<usize> {
    let text = |p: usize| ls[body[p]].t;
    let hashes: Vec<u64> =
        (0..body.len()).into_par_iter().with_min_len(work.min_lines()).map(|p| hash(text(p))).collect();
    let mut keyed: Vec<(u64, usize)> = hashes.par_iter().copied().zip(0..body.len()).collect();
    keyed.par_sort_unstable();
    // Lines of one hash are next to each other, in text order: each takes the first of its hash as its group.
    let mut group = vec![0; body.len()];
    for run in keyed.chunk_by(|a, b| a.0 == b.0) {
        for &(_, p) in run {
            group[p] = run[0].1;
        }
    }
    // Checked in text order (the first lines of the groups are few and stay in cache): a line whose text is not
    // that of its group's first line shares its hash with another text, and its hash's lines are grouped again
    // by text.
    let mut collided: Vec<u64> = (0..body.len())
        .into_par_iter()
        .with_min_len(work.min_lines())
        .filter(|&p| text(p) != text(group[p]))
        .map(|p| hashes[p])
        .collect();
    collided.sort_unstable();
    collided.dedup();
    for hash in collided {
        let run = keyed.partition_point(|&(h, _)| h < hash)..keyed.partition_point(|&(h, _)| h <= hash);
        let mut first: HashMap<&str, usize> = HashMap::new();
        for &(_, p) in &keyed[run] {
            group[p] = *first.entry(text(p)).or_insert(p);
        }
    }
    group
}

/// Whether a line is long enough to start a repeated run: at least [`REPEAT_START_CHARS`] characters.
fn can_start_run(t: &str) -> bool {
    !at_most_chars(t, REPEAT_START_CHARS - 1)
}

/// A single long line that is the same text twice (`A A`, or `AA`): the byte offset in the line where the second
/// copy starts.
fn repeated_half(l: &Line<'_>) -> Option<usize> {
    let t = l.t;
    // A line of fewer bytes has fewer characters; a longer one has its characters counted only when its halves
    // are the same (most lines differ from the first byte on).
    if t.len() < 2 * REPEAT_MIN_CHARS {
        return None;
    }
    let mut mid = t.len() / 2;
    while !t.is_char_boundary(mid) {
        mid -= 1;
    }
    let (a, b) = (t[..mid].trim_end(), t[mid..].trim_start());
    if a != b || at_most_chars(t, 2 * REPEAT_MIN_CHARS - 1) {
        return None;
    }
    Some(l.lead + a.len())
}

/// Kind of a line in the head of a page (before the salutation), `None` when it is report text or blank.
fn classify_head(ls: &[Line<'_>], i: usize, last_label: &mut bool) -> Option<BoilerplateKind> {
    let t = ls[i].t;
    if t.is_empty() {
        return None;
    }
    let after_label = std::mem::take(last_label);
    let prev = ls[..i].iter().rev().find(|l| !l.blank()).map(|l| l.t);
    if is_menu(t) {
        return Some(BoilerplateKind::ReaderMenu);
    }
    if is_breadcrumb(t) || prev.is_some_and(is_crumb_sep) {
        return Some(BoilerplateKind::Breadcrumb);
    }
    if let Some(value) = header_label(t) {
        *last_label = value.is_empty();
        return Some(BoilerplateKind::PageHeader);
    }
    if is_time_stamp(t) {
        return Some(BoilerplateKind::PageHeader);
    }
    if after_label && !is_title(t) && !is_session_date(t) {
        return Some(BoilerplateKind::PageHeader);
    }
    if is_caption(t, true) {
        return Some(BoilerplateKind::PhotoCaption);
    }
    None
}

#[cfg(test)]
mod tests;
