//! Term discovery: words and phrases the dictionary misses, distinctive for a region (or a year), that appear in
//! the same sentence as existing sector terms, ranked, each with KWIC examples.
//!
//! How it works, per document read by gwr-ingest and cleaned by gwr-clean (boilerplate and the closing glossary
//! left out):
//! 1. the kept text is cut into sentences (at 。！？； and line ends) and each sentence is segmented and
//!    POS-tagged by jieba, with every Chinese dictionary form added to jieba's dictionary so a known term stays whole;
//! 2. candidates are single words (nouns and noun-like words of at least 3 characters, or 2 when jieba's TF-IDF or
//!    TextRank ranks them among a document's top keywords) and n-grams of 2–3 adjacent tokens (3–8 characters,
//!    ending in a noun) that are not a dictionary form, do not contain one, and are not part of one; place names,
//!    numbers and a short list of generic words are left out;
//! 3. each occurrence in a sentence that also holds a sector term (policy vocabulary does not count) is a
//!    co-occurrence, and the sector met most often is the suggested sector; a candidate needs at least 2
//!    co-occurrences, and at least 35% of its occurrences must be co-occurrences (generic words are everywhere);
//! 4. distinctiveness is the lift of the group (region when the corpus has several regions, else year) where the
//!    candidate is most frequent per Han character, over its overall rate;
//! 5. score = co-occurrences × co-occurrence share × (1 + ln lift) × (1 + ¼ × documents where it is a TF-IDF or
//!    TextRank keyword, at most 8).
//!
//! Text is matched as decoded (the corpora are Simplified Chinese); KWIC byte offsets are offsets into the decoded
//! source text, like the `start`/`end` of `hits.jsonl`.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::fmt::Write as _;
use std::path::PathBuf;

use gwr_core::{is_han, Lang, Status};
use gwr_dict::regions::Gazetteer;
use gwr_dict::{Dictionary, SectorKind};
use gwr_ingest::{discover_inputs, read_input, IngestOptions};
use jieba_rs::{Jieba, KeywordExtract, TextRank, TfIdf};

use crate::ReportError;

/// Settings of a discovery run. [`DiscoverOptions::new`]: 100 candidates, 3 examples each, at least 2
/// co-occurrences.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DiscoverOptions {
    top: usize,
    examples: usize,
    min_cooccurrences: usize,
    ingest: IngestOptions,
}

impl Default for DiscoverOptions {
    fn default() -> DiscoverOptions {
        DiscoverOptions { top: 100, examples: 3, min_cooccurrences: 2, ingest: IngestOptions::default() }
    }
}

impl DiscoverOptions {
    /// The defaults.
    pub fn new() -> DiscoverOptions {
        DiscoverOptions::default()
    }

    /// How many candidates to keep (best first).
    pub fn top(mut self, n: usize) -> DiscoverOptions {
        self.top = n;
        self
    }

    /// KWIC examples per candidate.
    pub fn examples(mut self, n: usize) -> DiscoverOptions {
        self.examples = n;
        self
    }

    /// Fewest sentences shared with sector terms for a candidate to be kept.
    pub fn min_cooccurrences(mut self, n: usize) -> DiscoverOptions {
        self.min_cooccurrences = n.max(1);
        self
    }

    /// How inputs are read (text column, language).
    pub fn ingest(mut self, ingest: IngestOptions) -> DiscoverOptions {
        self.ingest = ingest;
        self
    }
}

/// One keyword-in-context example.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Kwic {
    /// Document id.
    pub doc_id: String,
    /// Byte offset of the term in the decoded source text.
    pub start: usize,
    /// Byte offset one past the term.
    pub end: usize,
    /// Up to 20 characters before the term, in its sentence.
    pub left: String,
    /// Up to 20 characters after the term, in its sentence.
    pub right: String,
}

/// Where a candidate came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Source {
    /// A jieba word.
    Word,
    /// Adjacent jieba tokens joined.
    Ngram,
    /// Among a document's top TF-IDF keywords.
    TfIdf,
    /// Among a document's top TextRank keywords.
    TextRank,
}

impl Source {
    /// `word`, `ngram`, `tfidf` or `textrank`.
    pub fn as_str(self) -> &'static str {
        match self {
            Source::Word => "word",
            Source::Ngram => "ngram",
            Source::TfIdf => "tfidf",
            Source::TextRank => "textrank",
        }
    }
}

/// A term the dictionary misses.
#[derive(Clone, Debug, PartialEq)]
pub struct Candidate {
    /// The term as written.
    pub term: String,
    /// Ranking score (see the module docs).
    pub score: f64,
    /// Occurrences in the corpus.
    pub count: usize,
    /// Documents it occurs in.
    pub documents: usize,
    /// Sentences it shares with a sector term.
    pub cooccurrences: usize,
    /// The sector whose terms it meets most often, and how many sentences.
    pub sector: Option<(String, usize)>,
    /// The group (region code, or year) where it is most frequent, and its lift over the overall rate.
    pub distinctive: (String, f64),
    /// Where it came from.
    pub sources: BTreeSet<Source>,
    /// Documents where TF-IDF or TextRank ranks it among the top keywords.
    pub keyword_documents: usize,
    /// Examples, in sentences with a sector term first.
    pub examples: Vec<Kwic>,
}

impl Candidate {
    /// One line: term, score, counts, sector, distinctive group and the first example.
    pub fn line(&self) -> String {
        let sector = self.sector.as_ref().map(|(s, n)| format!("{s}({n})")).unwrap_or_else(|| "-".into());
        let sources: Vec<&str> = self.sources.iter().map(|s| s.as_str()).collect();
        let example = self
            .examples
            .first()
            .map(|k| format!("{}【{}】{}  ({} @ {}..{})", k.left, self.term, k.right, k.doc_id, k.start, k.end))
            .unwrap_or_default();
        format!(
            "{}\tscore={:.1}\tn={}\tdocs={}\tco={}\tsector={}\ttop={}×{:.1}\tvia={}\t{}",
            self.term,
            self.score,
            self.count,
            self.documents,
            self.cooccurrences,
            sector,
            self.distinctive.0,
            self.distinctive.1,
            sources.join("+"),
            example
        )
    }
}

/// How documents were grouped for distinctiveness.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Grouping {
    /// By region code (the corpus has several regions).
    Region,
    /// By year (one region, several years).
    Year,
}

/// The result of [`discover`].
#[derive(Clone, Debug, PartialEq)]
pub struct Discovery {
    /// Candidates, best first.
    pub candidates: Vec<Candidate>,
    /// Documents read (Chinese, status ok).
    pub documents: usize,
    /// Inputs not used, with the reason.
    pub not_used: Vec<(String, String)>,
    /// How distinctiveness was measured.
    pub grouping: Grouping,
}

/// Generic words of government reports that say nothing about a sector.
#[rustfmt::skip]
const STOP: &[&str] = &[
    "产业", "企业", "项目", "领域", "工程", "行动", "体系", "平台", "能力", "水平", "机制", "政策", "服务", "经济", "工作", "方面",
    "我们", "全省", "全市", "全区", "亿元", "万元", "百分点", "同比", "年度", "规模", "质量", "效益", "基础", "重点", "任务", "目标",
    "措施", "作用", "问题", "建设", "发展", "国家", "地区", "中心", "基地", "园区", "集群", "龙头", "示范", "试点", "标准", "主体",
    "市场", "行业", "部门", "单位", "城市", "农村", "群众", "人民", "政府", "社会", "全国", "国际", "国内", "制度", "改革", "创新",
    "科技", "技术", "产品", "新兴", "未来", "高端", "现代", "传统", "新型", "一批", "一流", "特色", "优势", "品牌", "生态", "环境",
    "能源", "资源", "数字", "智能", "网络", "信息", "数据", "综合", "全面", "系统", "总体", "报告", "代表", "会议", "意见", "规划",
    "方案", "计划", "布局", "模式", "大力发展", "重大项目", "重点项目", "建成投产", "产值", "龙头企业", "多样化", "专业化", "规模化", "目的地", "自治区",
];

/// POS tags (jieba/ICTCLAS) a candidate word may have.
const NOUNISH: &[&str] = &["n", "nz", "nt", "l", "j"];
/// POS tags the non-final tokens of an n-gram may have (no verbs: 加快建设, 推进国家 are not terms).
const MODIFIER: &[&str] = &["n", "nz", "vn", "nt", "l", "j", "a", "an", "b"];
/// POS tags the last token of an n-gram may have.
const HEAD: &[&str] = &["n", "nz", "vn", "nt", "j"];
/// Last tokens that make an n-gram a phrase, not a term.
const BAD_HEAD: &[&str] =
    &["国家", "全面", "发展", "建设", "工作", "方面", "水平", "能力", "行动", "自治区", "全省", "全市"];
/// Least share of a candidate's occurrences that must be in sentences with sector terms.
const MIN_SECTOR_SHARE: f64 = 0.35;

#[derive(Default)]
struct Tally {
    count: usize,
    docs: BTreeSet<usize>,
    by_group: HashMap<String, usize>,
    co: usize,
    sectors: HashMap<String, usize>,
    sources: BTreeSet<Source>,
    keyword_docs: BTreeSet<usize>,
    examples: Vec<(bool, Kwic)>,
}

struct Known {
    /// Every Chinese form and exclusion of the dictionary.
    forms: HashSet<String>,
    /// Every substring (2+ characters) of a form.
    parts: HashSet<String>,
    /// Sector of each form of a scored sector.
    sector_of: HashMap<String, String>,
    /// Region names (full and short).
    places: HashSet<String>,
}

impl Known {
    fn new(dict: &Dictionary) -> Known {
        let mut k =
            Known { forms: HashSet::new(), parts: HashSet::new(), sector_of: HashMap::new(), places: HashSet::new() };
        for c in &dict.concepts {
            let sector = &dict.sectors[c.sector];
            let zh = c.forms.iter().filter(|f| f.lang == Lang::Zh).map(|f| f.text.as_str());
            for form in zh.chain(c.exclude.iter().map(String::as_str)) {
                k.forms.insert(form.to_string());
                if sector.kind == SectorKind::Sector && c.forms.iter().any(|f| f.text == form) {
                    k.sector_of.insert(form.to_string(), sector.id.clone());
                }
                let chars: Vec<char> = form.chars().collect();
                for i in 0..chars.len() {
                    for j in i + 2..=chars.len() {
                        k.parts.insert(chars[i..j].iter().collect());
                    }
                }
            }
        }
        for r in Gazetteer::builtin().regions() {
            k.places.insert(r.zh.clone());
            k.places.extend(r.short.iter().cloned());
        }
        k
    }

    /// True when `term` is a form, part of a form, or contains a form.
    fn covers(&self, term: &str) -> bool {
        if self.forms.contains(term) || self.parts.contains(term) {
            return true;
        }
        let chars: Vec<char> = term.chars().collect();
        for i in 0..chars.len() {
            for j in i + 2..=chars.len() {
                let sub: String = chars[i..j].iter().collect();
                if self.forms.contains(&sub) || self.places.contains(&sub) {
                    return true;
                }
            }
        }
        false
    }
}

fn han_word(s: &str) -> bool {
    s.chars().all(is_han)
}

/// Byte ranges of the sentences of `text[span]`.
fn sentences(text: &str, start: usize, end: usize, out: &mut Vec<(usize, usize)>) {
    let mut s = start;
    for (i, c) in text[start..end].char_indices() {
        if matches!(c, '。' | '！' | '？' | '；' | '\n' | '!' | '?' | ';') {
            let e = start + i;
            if text[s..e].trim().chars().count() >= 4 {
                out.push((s, e));
            }
            s = e + c.len_utf8();
        }
    }
    if end > s && text[s..end].trim().chars().count() >= 4 {
        out.push((s, end));
    }
}

fn kwic(doc_id: &str, sentence: &str, base: usize, start: usize, end: usize) -> Kwic {
    let left: String = {
        let l: Vec<char> = sentence[..start].chars().collect();
        l[l.len().saturating_sub(20)..].iter().collect()
    };
    let right: String = sentence[end..].chars().take(20).collect();
    let clean = |s: String| s.replace(['\r', '\n', '\t'], " ").trim().to_string();
    Kwic { doc_id: doc_id.to_string(), start: base + start, end: base + end, left: clean(left), right: clean(right) }
}

/// Find candidate terms in the corpus at `inputs`. An error only when an input path cannot be walked; unreadable
/// or non-Chinese documents are listed in [`Discovery::not_used`].
pub fn discover(inputs: &[PathBuf], dict: &Dictionary, options: &DiscoverOptions) -> Result<Discovery, ReportError> {
    let known = Known::new(dict);
    let mut jieba = Jieba::new();
    let mut forms: Vec<&String> = known.forms.iter().collect();
    forms.sort();
    for f in forms {
        jieba.add_word(f, None, Some("nz"));
    }
    let tfidf = TfIdf::default();
    let textrank = TextRank::default();
    let allowed: Vec<String> = NOUNISH.iter().map(|s| s.to_string()).collect();

    let mut docs = Vec::new();
    let mut not_used = Vec::new();
    for input in discover_inputs(inputs).map_err(ReportError::Ingest)? {
        for item in read_input(&input, &options.ingest) {
            if item.status != Status::Ok {
                not_used.push((item.meta.source.clone(), item.reason.clone()));
            } else if item.meta.lang != Lang::Zh {
                not_used.push((item.meta.source.clone(), format!("language {}", item.meta.lang)));
            } else {
                docs.push(item);
            }
        }
    }
    let regions: BTreeSet<&str> = docs.iter().map(|d| d.meta.region_code.as_str()).collect();
    let grouping = if regions.len() > 1 { Grouping::Region } else { Grouping::Year };
    let group_of = |d: &gwr_ingest::Ingested| match grouping {
        Grouping::Region => d.meta.region_code.clone(),
        Grouping::Year => d.meta.year.map(|y| y.to_string()).unwrap_or_else(|| "unknown".into()),
    };

    let mut tallies: HashMap<String, Tally> = HashMap::new();
    let mut han_by_group: HashMap<String, usize> = HashMap::new();
    let mut han_total = 0usize;
    for (di, doc) in docs.iter().enumerate() {
        let text = doc.text.as_str();
        let cleaned = gwr_clean::clean(text);
        let group = group_of(doc);
        let mut spans = Vec::new();
        let limit = cleaned.glossary.unwrap_or(text.len());
        for span in &cleaned.kept {
            if span.start < limit {
                sentences(text, span.start, span.end.min(limit), &mut spans);
            }
        }
        let mut body = String::new();
        for &(s, e) in &spans {
            let han = text[s..e].chars().filter(|c| is_han(*c)).count();
            han_total += han;
            *han_by_group.entry(group.clone()).or_default() += han;
            body.push_str(&text[s..e]);
            body.push('\n');
            let sentence = &text[s..e];
            let tags = jieba.tag(sentence, true);
            let sectors: BTreeSet<&String> = tags.iter().filter_map(|t| known.sector_of.get(t.word)).collect();
            let mut found: Vec<(String, usize, usize, Source)> = Vec::new();
            for (i, t) in tags.iter().enumerate() {
                let n = t.word.chars().count();
                let two_ok = n >= 3 || (n == 2 && matches!(t.tag, "n" | "nz"));
                if two_ok
                    && han_word(t.word)
                    && NOUNISH.contains(&t.tag)
                    && !STOP.contains(&t.word)
                    && !known.covers(t.word)
                {
                    found.push((t.word.to_string(), t.byte_start, t.byte_end, Source::Word));
                }
                for k in 2..=3 {
                    if i + k > tags.len() {
                        break;
                    }
                    let g = &tags[i..i + k];
                    let last = &g[k - 1];
                    if !g.iter().all(|t| han_word(t.word))
                        || !HEAD.contains(&last.tag)
                        || BAD_HEAD.contains(&last.word)
                        || !g[..k - 1].iter().all(|t| MODIFIER.contains(&t.tag))
                        || last.word.chars().count() < 2
                        || g.iter().any(|t| t.word.chars().count() < 2 && t.tag != "n")
                    {
                        continue;
                    }
                    let term: String = g.iter().map(|t| t.word).collect();
                    let n = term.chars().count();
                    if (3..=8).contains(&n) && !known.covers(&term) && !g.iter().all(|t| STOP.contains(&t.word)) {
                        found.push((term, g[0].byte_start, last.byte_end, Source::Ngram));
                    }
                }
            }
            for (term, bs, be, source) in found {
                let tally = tallies.entry(term).or_default();
                tally.count += 1;
                tally.docs.insert(di);
                *tally.by_group.entry(group.clone()).or_default() += 1;
                tally.sources.insert(source);
                if !sectors.is_empty() {
                    tally.co += 1;
                    for s in &sectors {
                        *tally.sectors.entry((*s).clone()).or_default() += 1;
                    }
                }
                let with_sector = !sectors.is_empty();
                let same_doc = tally.examples.iter().any(|(_, k)| k.doc_id == doc.meta.doc_id);
                if tally.examples.len() < 12 && !(same_doc && tally.examples.len() >= 3) {
                    tally.examples.push((with_sector, kwic(&doc.meta.doc_id, sentence, s, bs, be)));
                }
            }
        }
        for (extractor, source) in
            [(&tfidf as &dyn KeywordExtract, Source::TfIdf), (&textrank as &dyn KeywordExtract, Source::TextRank)]
        {
            for kw in extractor.extract_keywords(&jieba, &body, 40, allowed.clone()) {
                if let Some(t) = tallies.get_mut(&kw.keyword) {
                    t.sources.insert(source);
                    t.keyword_docs.insert(di);
                }
            }
        }
    }

    let overall = |count: usize| count as f64 / han_total.max(1) as f64;
    let mut candidates: Vec<Candidate> = tallies
        .into_iter()
        .filter(|(term, t)| {
            t.co >= options.min_cooccurrences
                && t.count >= 2
                && t.co as f64 >= MIN_SECTOR_SHARE * t.count as f64
                && (term.chars().count() >= 3 || t.keyword_docs.len() >= 2)
        })
        .map(|(term, t)| {
            let (group, lift) = t
                .by_group
                .iter()
                .map(|(g, n)| {
                    let rate = *n as f64 / han_by_group.get(g).copied().unwrap_or(1).max(1) as f64;
                    (g.clone(), rate / overall(t.count))
                })
                .max_by(|a, b| a.1.total_cmp(&b.1).then_with(|| b.0.cmp(&a.0)))
                .unwrap_or_default();
            let sector =
                t.sectors.iter().max_by(|a, b| a.1.cmp(b.1).then_with(|| b.0.cmp(a.0))).map(|(s, n)| (s.clone(), *n));
            let kw = t.keyword_docs.len().min(8);
            let share = t.co as f64 / t.count as f64;
            let score = t.co as f64 * share * (1.0 + lift.max(1.0).ln()) * (1.0 + 0.25 * kw as f64);
            let mut examples = t.examples;
            examples.sort_by_key(|(with_sector, _)| !*with_sector);
            let mut seen_docs = BTreeSet::new();
            let (first, rest): (Vec<_>, Vec<_>) =
                examples.into_iter().partition(|(_, k)| seen_docs.insert(k.doc_id.clone()));
            let examples = first.into_iter().chain(rest).map(|(_, k)| k).take(options.examples).collect();
            Candidate {
                term,
                score,
                count: t.count,
                documents: t.docs.len(),
                cooccurrences: t.co,
                sector,
                distinctive: (group, lift),
                sources: t.sources,
                keyword_documents: t.keyword_docs.len(),
                examples,
            }
        })
        .collect();
    candidates.sort_by(|a, b| b.score.total_cmp(&a.score).then_with(|| a.term.cmp(&b.term)));
    // A candidate inside a better one with nearly the same occurrences adds nothing: keep the longer.
    let mut kept: Vec<Candidate> = Vec::new();
    for c in candidates {
        let redundant = kept.iter().any(|k| k.term.contains(&c.term) && k.count * 10 >= c.count * 8);
        if !redundant {
            kept.push(c);
        }
        if kept.len() >= options.top {
            break;
        }
    }
    Ok(Discovery { candidates: kept, documents: docs.len(), not_used, grouping })
}

fn toml_str(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' | '\r' | '\t' => out.push(' '),
            _ => out.push(c),
        }
    }
    out.push('"');
    out
}

impl Discovery {
    /// The candidates as a dictionary file (schema 1, `dictionaries/README.md`) for a person to review: one
    /// `discovered_<sector>` sector per suggested sector, one concept per candidate with a note giving the evidence
    /// and the examples as comments. Candidates that contain one another are declared in `nests`. `corpus` names
    /// the corpus in the header comment.
    pub fn to_toml(&self, dict: &Dictionary, corpus: &str) -> String {
        let names: BTreeMap<&str, &gwr_dict::Sector> = dict.sectors.iter().map(|s| (s.id.as_str(), s)).collect();
        let mut by_sector: BTreeMap<String, Vec<(usize, &Candidate)>> = BTreeMap::new();
        for (i, c) in self.candidates.iter().enumerate() {
            let sector = c.sector.as_ref().map(|(s, _)| s.clone()).unwrap_or_else(|| "unassigned".into());
            by_sector.entry(sector).or_default().push((i, c));
        }
        let id_of = |i: usize, sector: &str| format!("candidate_{sector}_{:03}", i + 1);
        let sector_of =
            |c: &Candidate| c.sector.as_ref().map(|(s, _)| s.clone()).unwrap_or_else(|| "unassigned".into());
        let mut s = String::new();
        let _ = writeln!(s, "# Candidate terms proposed by `gwr discover` from {corpus}.");
        let _ =
            writeln!(s, "# Not part of the dictionary: review each concept; move the ones you accept into the sector");
        let _ = writeln!(s, "# named in its note (dictionaries/sectors/*.toml), with an id of your own. Schema: dictionaries/README.md.");
        s.push_str("\nschema = 1\ngroup = \"discovered\"\nkind = \"sector\"\n");
        for (sector, list) in &by_sector {
            let (zh, en, fr) = match names.get(sector.as_str()) {
                Some(sec) => (sec.zh.clone(), sec.en.clone(), sec.fr.clone()),
                None => ("未归类".into(), "Unassigned".into(), "Non classé".into()),
            };
            let _ = writeln!(s, "\n[[sector]]\nid = {}", toml_str(&format!("discovered_{sector}")));
            let _ = writeln!(s, "zh = {}", toml_str(&format!("候选：{zh}")));
            let _ = writeln!(s, "en = {}", toml_str(&format!("Candidates: {en}")));
            let _ = writeln!(s, "fr = {}", toml_str(&format!("Candidats : {fr}")));
            for (i, c) in list {
                let nests: Vec<String> = self
                    .candidates
                    .iter()
                    .enumerate()
                    .filter(|(j, o)| j != i && (o.term.contains(&c.term) || c.term.contains(&o.term)))
                    .map(|(j, o)| toml_str(&id_of(j, &sector_of(o))))
                    .collect();
                let _ = writeln!(s, "\n[[sector.concept]]\nid = {}", toml_str(&id_of(*i, sector)));
                let _ = writeln!(s, "zh = [{}]", toml_str(&c.term));
                s.push_str("en = []\nfr = []\nexclude = []\n");
                let _ = writeln!(s, "nests = [{}]", nests.join(", "));
                let note = format!(
                    "candidate for sector {sector}: score {:.1}; {} occurrences in {} documents; {} sentences with sector terms; most frequent in {} (×{:.1} the overall rate)",
                    c.score, c.count, c.documents, c.cooccurrences, c.distinctive.0, c.distinctive.1
                );
                let _ = writeln!(s, "note = {}", toml_str(&note));
                for k in &c.examples {
                    let _ = writeln!(
                        s,
                        "# {}【{}】{}  ({} @ {}..{})",
                        k.left.replace('\n', " "),
                        c.term,
                        k.right.replace('\n', " "),
                        k.doc_id,
                        k.start,
                        k.end
                    );
                }
            }
        }
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentences_split_at_chinese_stops_and_skip_short_pieces() {
        let text = "发展低空经济产业。好。推进量子科技研发！\n建设算力网络";
        let mut out = Vec::new();
        sentences(text, 0, text.len(), &mut out);
        let got: Vec<&str> = out.iter().map(|&(s, e)| &text[s..e]).collect();
        assert_eq!(got, ["发展低空经济产业", "推进量子科技研发", "建设算力网络"]);
    }

    #[test]
    fn kwic_offsets_point_into_the_source() {
        let text = "前文。加快发展低空经济产业集群";
        let base = text.find("加快").unwrap();
        let sentence = &text[base..];
        let s = sentence.find("低空经济").unwrap();
        let k = kwic("d", sentence, base, s, s + "低空经济".len());
        assert_eq!(&text[k.start..k.end], "低空经济");
        assert_eq!((k.left.as_str(), k.right.as_str()), ("加快发展", "产业集群"));
    }

    #[test]
    fn toml_strings_are_escaped() {
        assert_eq!(toml_str("a\"b\\c\nd"), "\"a\\\"b\\\\c d\"");
    }
}
