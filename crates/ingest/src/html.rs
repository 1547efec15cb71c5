//! HTML → visible text, hand-written (a page of a government site needs no DOM, and a parser crate would cost
//! compile time for little gain).
//!
//! Dropped with their content: `script`, `style`, `noscript`, `template`, `head`, `nav`, `header`, `footer`,
//! comments and `<!...>` declarations. Block elements and `<br>` become line breaks, runs of white space one
//! space, character references are decoded.

/// Elements whose whole content is not visible text of the page.
const DROPPED: &[&str] = &["script", "style", "noscript", "template", "head", "nav", "header", "footer", "svg"];
/// Elements whose content is raw text: their closing tag is searched for, nothing inside is parsed.
const RAW: &[&str] = &["script", "style", "noscript", "template"];
/// Elements that start and end a line.
const BLOCKS: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "body",
    "br",
    "caption",
    "dd",
    "div",
    "dl",
    "dt",
    "figcaption",
    "figure",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "html",
    "li",
    "main",
    "ol",
    "p",
    "pre",
    "section",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "title",
    "tr",
    "ul",
];

/// True when `text` looks like an HTML page (a doctype or an `<html>` tag near the start).
pub fn looks_like_html(text: &str) -> bool {
    let head: String = text.trim_start_matches('\u{FEFF}').trim_start().chars().take(1024).collect();
    let head = head.to_ascii_lowercase();
    const FRAGMENT_START: &[&str] = &["<head", "<body", "<meta", "<div", "<p>", "<p ", "<script", "<style", "<table"];
    const REMNANTS: &[&str] = &["</p>", "</div>", "<br", "</span>", "</script>", "</td>", "</li>", "</a>"];
    head.starts_with("<!doctype html")
        || head.contains("<html")
        || FRAGMENT_START.iter().any(|t| head.starts_with(t))
        || REMNANTS.iter().map(|t| head.matches(t).count()).sum::<usize>() >= 3
}

/// The visible text of an HTML page, one block per line.
pub fn html_to_text(html: &str) -> String {
    let mut out = String::with_capacity(html.len() / 2);
    let bytes = html.as_bytes();
    let mut i = 0;
    // Name of the dropped element we are inside, and how deeply it nests.
    let mut dropping: Option<(String, usize)> = None;
    while i < bytes.len() {
        if bytes[i] != b'<' {
            let next = memchr::memchr(b'<', &bytes[i..]).map_or(bytes.len(), |n| i + n);
            if dropping.is_none() {
                push_text(&mut out, &html[i..next]);
            }
            i = next;
            continue;
        }
        let rest = &html[i..];
        if rest.starts_with("<!--") {
            i = rest.find("-->").map_or(bytes.len(), |n| i + n + 3);
            continue;
        }
        if rest.starts_with("<!") || rest.starts_with("<?") {
            i = rest.find('>').map_or(bytes.len(), |n| i + n + 1);
            continue;
        }
        let Some(tag) = parse_tag(rest) else {
            // A lone '<' is text.
            if dropping.is_none() {
                push_text(&mut out, "<");
            }
            i += 1;
            continue;
        };
        i += tag.len;
        if let Some((name, depth)) = dropping.as_mut() {
            if *name == tag.name {
                if tag.closing {
                    *depth -= 1;
                    if *depth == 0 {
                        dropping = None;
                    }
                } else if !tag.self_closing {
                    *depth += 1;
                }
            }
            continue;
        }
        if !tag.closing && DROPPED.contains(&tag.name.as_str()) {
            if tag.self_closing {
                continue;
            }
            if RAW.contains(&tag.name.as_str()) {
                let close = format!("</{}", tag.name);
                i = find_ascii_ci(&html[i..], &close)
                    .map(|n| i + n)
                    .and_then(|at| html[at..].find('>').map(|n| at + n + 1))
                    .unwrap_or(bytes.len());
            } else {
                dropping = Some((tag.name, 1));
            }
            continue;
        }
        if BLOCKS.contains(&tag.name.as_str()) {
            out.push('\n');
        } else if matches!(tag.name.as_str(), "td" | "th") {
            out.push(' ');
        }
    }
    tidy(&out)
}

struct Tag {
    name: String,
    closing: bool,
    self_closing: bool,
    /// Bytes from `<` to `>` inclusive.
    len: usize,
}

/// Parse the tag at the start of `s` (which starts with `<`), honouring quoted attribute values.
fn parse_tag(s: &str) -> Option<Tag> {
    let b = s.as_bytes();
    let mut j = 1;
    let closing = b.get(1) == Some(&b'/');
    if closing {
        j += 1;
    }
    let name_start = j;
    while j < b.len() && (b[j].is_ascii_alphanumeric() || b[j] == b'-' || b[j] == b':') {
        j += 1;
    }
    if j == name_start || !b[name_start].is_ascii_alphabetic() {
        return None;
    }
    let name = s[name_start..j].to_ascii_lowercase();
    let mut quote: Option<u8> = None;
    while j < b.len() {
        match (quote, b[j]) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, b'"' | b'\'') => quote = Some(b[j]),
            (None, b'>') => {
                let self_closing = j > 0 && b[j - 1] == b'/';
                return Some(Tag { name, closing, self_closing, len: j + 1 });
            }
            (None, _) => {}
        }
        j += 1;
    }
    None
}

fn find_ascii_ci(hay: &str, needle: &str) -> Option<usize> {
    let n = needle.as_bytes();
    hay.as_bytes().windows(n.len()).position(|w| w.eq_ignore_ascii_case(n))
}

/// Append a text node: entities decoded, white space runs collapsed to one space.
fn push_text(out: &mut String, raw: &str) {
    let decoded = decode_entities(raw);
    for c in decoded.chars() {
        if c.is_whitespace() && c != '\u{3000}' {
            if !out.ends_with(' ') && !out.ends_with('\n') && !out.is_empty() {
                out.push(' ');
            }
        } else {
            out.push(c);
        }
    }
}

/// Trim every line, drop empty lines.
fn tidy(text: &str) -> String {
    let lines: Vec<&str> = text.lines().map(str::trim).filter(|l| !l.is_empty()).collect();
    lines.join("\n")
}

/// Decode named (the common ones) and numeric character references; unknown ones stay as they are.
pub fn decode_entities(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        let after = &rest[amp + 1..];
        let end = after.find(';').filter(|&n| n <= 10);
        let decoded = end.and_then(|n| entity(&after[..n]));
        match (end, decoded) {
            (Some(n), Some(c)) => {
                out.push(c);
                rest = &after[n + 1..];
            }
            _ => {
                out.push('&');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

fn entity(name: &str) -> Option<char> {
    if let Some(num) = name.strip_prefix('#') {
        let code = match num.strip_prefix('x').or_else(|| num.strip_prefix('X')) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => num.parse().ok()?,
        };
        return char::from_u32(code);
    }
    Some(match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" | "ensp" | "emsp" | "thinsp" => ' ',
        "mdash" => '—',
        "ndash" => '–',
        "hellip" => '…',
        "ldquo" => '“',
        "rdquo" => '”',
        "lsquo" => '‘',
        "rsquo" => '’',
        "middot" => '·',
        "copy" => '©',
        "reg" => '®',
        "times" => '×',
        "deg" => '°',
        "laquo" => '«',
        "raquo" => '»',
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn visible_text_only() {
        let page = "<!DOCTYPE html><html><head><title>标题</title><style>p{color:red}</style></head>\n\
            <body><header><a href='/'>首页</a></header><nav><ul><li>导航一</li><li>导航二</li></ul></nav>\n\
            <div class=\"main\"><h1>政府工作报告</h1><p>各位代表：</p><p>现在，我代表&nbsp;省人民政府&hellip;</p>\n\
            <script>var x = '<p>not text</p>';</script><noscript>请启用脚本</noscript>\n\
            <p>A &amp; B &lt;C&gt; &#20013;&#x6587; &unknown; x<br/>下一行</p><!-- 注释 --></div>\n\
            <footer><p>版权所有</p></footer></body></html>";
        let text = html_to_text(page);
        assert_eq!(text, "政府工作报告\n各位代表：\n现在，我代表 省人民政府…\nA & B <C> 中文 &unknown; x\n下一行");
        assert!(looks_like_html(page));
        assert!(!looks_like_html("各位代表：<br> 不是网页"));
    }

    #[test]
    fn page_fragments_and_tag_remnants_are_html() {
        assert!(looks_like_html("<div class=\"article\"><p>各位代表：</p></div>"));
        assert!(looks_like_html("<script>var x = 1;</script>各位代表："));
        assert!(looks_like_html("政府工作报告\n各位代表：</p>\n<p>现在，我代表</p>\n<p>省人民政府</p>\n"));
        assert!(!looks_like_html("比较 a<b 与 c>d，</不是标签"));
    }

    #[test]
    fn nested_dropped_elements_and_quoted_gt() {
        let page = "<html><body><header><div><header>内</header>外</div></header>\
            <p title=\"a > b\">正文</p><footer>页脚</footer>结尾</body></html>";
        assert_eq!(html_to_text(page), "正文\n结尾");
    }

    #[test]
    fn unclosed_tags_do_not_panic() {
        assert_eq!(html_to_text("<p>正文 <b"), "正文 <b");
        assert_eq!(html_to_text("a < b"), "a < b");
        assert_eq!(html_to_text("<script>never closed"), "");
    }
}
