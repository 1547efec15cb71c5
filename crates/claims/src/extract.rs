//! Claim extraction: the (region or cluster, sector) pairs a press article asserts, with figures next to them.
//!
//! The article is cut into paragraphs (lines), sentences (`. ! ? ; 。 ！ ？ ；`) and clauses (`, tandis que`,
//! `, alors que`, `, et `, `, while `, `, whereas `, `, and `, `，而`). In each clause:
//!
//! - regions and clusters are found by their gazetteer names in every language (clusters first, so
//!   `Pékin-Tianjin-Hebei` is the cluster, not three regions); a dateline (`PÉKIN, 02 mars`: a name in capitals at
//!   the start of a paragraph) and the national level (`la Chine`) are not claim targets, but China still ends the
//!   context, so what follows it is not given to a province;
//! - sectors are found by the dictionary's surface forms in the article's language (plus digit codes such as `6g`,
//!   which read alike in every language), normalized like the reports (gwr-normalize), with French and English
//!   plurals folded on both sides (`lasers attosecondes` finds `laser attoseconde`), found by gwr-match
//!   (leftmost-longest with exclusions, whole words only: Latin word ends, jieba tokens between Han characters).
//!   Policy vocabulary is not a sector: its mentions (`licornes potentielles`, `technologies critiques`) propose
//!   claims on key terms alone;
//! - numbers with units (see [`crate::number`]) go to the nearest sector mention of the clause as its figure.
//!
//! A sector goes to the clause's region or cluster; with several, to the nearest one, regions joined by `et`,
//! `and`, `和`, `、` or a comma counting as one. A clause that names a sector but no region inherits the targets of
//! the previous clause of the same paragraph (the article is written in region paragraphs). A paragraph that opens
//! with a cluster name (`Le delta du Yangtsé : ...`) also gives its member regions' pairs to the cluster.
//! Proposals are merged by (target, sector) — (target, policy concept) for claims on key terms alone — in order of
//! first mention. Each proposal lists as `key_terms` the Chinese forms of the concepts the article names (what the
//! reports will be searched for), and the figure found next to them.

use crate::file::{Article, Claim, ClaimsFile, Figure, Target, SCHEMA};
use crate::number::{find_quantities, Quantity, UnitKind};
use gwr_core::{is_han, Lang, Span, NATIONAL_REGION};
use gwr_dict::regions::{fold, Gazetteer};
use gwr_dict::{Dictionary, PatternTarget, SectorKind};
use gwr_match::{Matcher, Target as MatchTarget};
use gwr_segment::ZhSegmenter;
use std::collections::{BTreeMap, HashSet};

/// Clause separators, in normalized (lowercase, accent-free) text.
const CLAUSE_MARKERS: &[&str] = &[", tandis que", ", alors que", ", et ", ", while ", ", whereas ", ", and ", "，而"];

/// How far into a paragraph a cluster name may start and still be the paragraph's heading (bytes).
const HEADING_WINDOW: usize = 48;

/// A place named in a clause: a region or a cluster, with its span in the article.
#[derive(Clone, Debug)]
struct Place {
    target: Target,
    span: Span,
}

/// A mention of a dictionary concept: its sector (`None` for policy vocabulary, which is not a sector), the
/// concept's index in the dictionary, its span in the article.
#[derive(Clone, Debug)]
struct Mention {
    sector: Option<String>,
    concept: usize,
    span: Span,
}

/// The language of an article: Chinese when Han characters outnumber Latin letters, else French or English by
/// common words.
pub fn detect_lang(article: &str) -> Lang {
    let han = article.chars().filter(|&c| is_han(c)).count();
    let latin = article.chars().filter(|c| c.is_alphabetic() && !is_han(*c)).count();
    if han > latin {
        return Lang::Zh;
    }
    let lower = article.to_lowercase();
    let count = |words: &[&str]| words.iter().map(|w| lower.matches(w).count()).sum::<usize>();
    let fr = count(&[" le ", " la ", " les ", " des ", " est ", " et ", " du "]);
    let en = count(&[" the ", " and ", " of ", " is ", " are ", " with "]);
    if fr >= en {
        Lang::Fr
    } else {
        Lang::En
    }
}

/// Fold French and English plurals of the Latin words of normalized `text`, with a map from every output byte (and
/// the end) to the byte of `text` it came from. Words of four letters or more: `-eaux` → `-eau`, `-aux` → `-al`,
/// a final `s` or `x` dropped (not `ss`). Both dictionary forms and the article go through it, so it only has to be
/// consistent, not linguistically exact.
fn fold_plurals(text: &str) -> (String, Vec<usize>) {
    let mut out = String::with_capacity(text.len());
    let mut map = Vec::with_capacity(text.len() + 1);
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < text.len() {
        if bytes[i].is_ascii_alphabetic() {
            let start = i;
            while i < text.len() && bytes[i].is_ascii_alphabetic() {
                i += 1;
            }
            // A word glued to non-ASCII letters or digits is left alone.
            let glued = text[i..].chars().next().is_some_and(|c| c.is_alphanumeric());
            let word = &text[start..i];
            let keep = if glued || word.len() < 4 {
                word.len()
            } else if word.ends_with("eaux") {
                word.len() - 1
            } else if word.ends_with("aux") {
                // -aux → -al: keep "a", write "l".
                word.len() - 2
            } else if (word.ends_with('s') && !word.ends_with("ss")) || word.ends_with('x') {
                word.len() - 1
            } else {
                word.len()
            };
            for (k, b) in word.bytes().take(keep).enumerate() {
                out.push(b as char);
                map.push(start + k);
            }
            if !glued && word.len() >= 4 && !word.ends_with("eaux") && word.ends_with("aux") {
                out.push('l');
                map.push(start + keep);
            }
            continue;
        }
        let c = text[i..].chars().next().unwrap_or(' ');
        for k in 0..c.len_utf8() {
            map.push(i + k);
        }
        out.push(c);
        i += c.len_utf8();
    }
    map.push(text.len());
    (out, map)
}

/// The dictionary's searchable forms for one language, folded like the article, in a gwr-match [`Matcher`].
struct SectorMatcher {
    matcher: Matcher,
    /// (sector id, or `None` for policy vocabulary; concept index) of each pattern target
    /// ([`MatchTarget::Concept`] indexes this list).
    targets: Vec<(Option<String>, usize)>,
}

impl SectorMatcher {
    fn new(dict: &Dictionary, lang: Lang) -> SectorMatcher {
        let mut patterns: Vec<(String, MatchTarget)> = Vec::new();
        let mut seen = HashSet::new();
        let mut targets: Vec<(Option<String>, usize)> = Vec::new();
        let mut zh_terms = Vec::new();
        for (concept_index, concept) in dict.concepts.iter().enumerate() {
            let sector = &dict.sectors[concept.sector];
            for form in &concept.forms {
                if form.lang == Lang::Zh {
                    zh_terms.push(form.text.clone());
                }
                let code = form.text.len() <= 4
                    && form.text.chars().all(|c| c.is_ascii_alphanumeric())
                    && form.text.chars().any(|c| c.is_ascii_digit());
                if form.lang != lang && !code {
                    continue;
                }
                let folded = fold_plurals(&gwr_normalize::normalize_term(&form.text)).0;
                if folded.trim().is_empty() || !seen.insert(folded.clone()) {
                    continue;
                }
                // Policy vocabulary is not a sector: its mentions propose claims on key terms alone.
                let sector_id = (sector.kind == SectorKind::Sector).then(|| sector.id.clone());
                let key = (sector_id, concept_index);
                let index = targets.iter().position(|t| *t == key).unwrap_or_else(|| {
                    targets.push(key);
                    targets.len() - 1
                });
                let target = MatchTarget::Concept(index as u32);
                patterns.push((folded, target));
            }
        }
        for pattern in dict.patterns() {
            if pattern.target == PatternTarget::Exclusion {
                let folded = fold_plurals(&pattern.normalized).0;
                if !folded.trim().is_empty() && seen.insert(folded.clone()) {
                    patterns.push((folded, MatchTarget::Exclusion));
                }
            }
        }
        let segmenter = ZhSegmenter::new(zh_terms.iter().map(String::as_str));
        // Folding only drops or adds ASCII letters, so normalized forms stay normalized; `seen` keeps them unique and
        // non-empty: the matcher's input errors cannot happen, and a few thousand forms are far from its limits.
        let matcher = Matcher::new(patterns.iter().map(|(p, t)| (p.as_str(), *t)), segmenter)
            .expect("extraction patterns are unique, non-empty and normalized");
        SectorMatcher { matcher, targets }
    }

    /// Sector mentions in `source[range]`, with spans in `source`.
    fn find(&self, source: &str, range: Span) -> Vec<Mention> {
        let norm = gwr_normalize::normalize(range.slice(source));
        let (folded, map) = fold_plurals(&norm.text);
        let mut raw = Vec::new();
        self.matcher.find(&folded, &mut raw);
        raw.into_iter()
            .map(|m| Mention {
                sector: self.targets[m.concept as usize].0.clone(),
                concept: self.targets[m.concept as usize].1,
                span: norm.source_span(Span::new(map[m.span.start], map[m.span.end])).offset(range.start),
            })
            .collect()
    }
}

/// Paragraphs → sentences → clauses, as spans of `article`.
fn clauses(article: &str) -> Vec<Vec<Span>> {
    let mut paragraphs = Vec::new();
    let mut offset = 0;
    for line in article.split_inclusive('\n') {
        let start = offset;
        offset += line.len();
        let trimmed = line.trim_end();
        if trimmed.trim().is_empty() {
            continue;
        }
        let mut parts = Vec::new();
        let mut sentence_start = start;
        let chars: Vec<(usize, char)> = trimmed.char_indices().collect();
        for (k, &(i, c)) in chars.iter().enumerate() {
            let next = chars.get(k + 1).map(|&(_, n)| n);
            let ends = match c {
                '。' | '！' | '？' | '；' => true,
                '.' | '!' | '?' | ';' => next.is_none_or(char::is_whitespace),
                _ => false,
            };
            if ends {
                let end = start + i + c.len_utf8();
                split_clauses(article, Span::new(sentence_start, end), &mut parts);
                sentence_start = end;
            }
        }
        let end = start + trimmed.len();
        if article[sentence_start..end].trim().chars().any(char::is_alphanumeric) {
            split_clauses(article, Span::new(sentence_start, end), &mut parts);
        }
        paragraphs.push(parts);
    }
    paragraphs
}

fn split_clauses(article: &str, sentence: Span, out: &mut Vec<Span>) {
    let text = sentence.slice(article);
    let norm = gwr_normalize::normalize(text);
    let mut cuts: Vec<usize> = Vec::new();
    for marker in CLAUSE_MARKERS {
        for (at, _) in norm.text.match_indices(marker) {
            cuts.push(norm.source_offset(at));
        }
    }
    cuts.sort_unstable();
    let mut start = 0;
    for cut in cuts {
        if cut > start {
            out.push(Span::new(sentence.start + start, sentence.start + cut));
            start = cut;
        }
    }
    out.push(Span::new(sentence.start + start, sentence.end));
}

/// Cluster names of the gazetteer found in `text[range]`, whole words, as spans of `text`.
fn find_clusters(gazetteer: &Gazetteer, text: &str, range: Span) -> Vec<Place> {
    let piece = range.slice(text);
    // Fold char by char to keep a map back to the source.
    let mut folded = String::new();
    let mut map = Vec::new();
    for (i, c) in piece.char_indices() {
        let f = if c.is_whitespace() { " ".to_string() } else { fold(&c.to_string()) };
        let f = if f.is_empty() && c == '-' { " ".to_string() } else { f };
        for _ in 0..f.len() {
            map.push(i);
        }
        folded.push_str(&f);
    }
    map.push(piece.len());
    let mut names: Vec<(String, &gwr_dict::regions::Cluster)> = Vec::new();
    for cluster in gazetteer.clusters() {
        for name in cluster.zh.iter().chain(&cluster.en).chain(&cluster.fr) {
            names.push((fold(name), cluster));
        }
    }
    names.sort_by_key(|n| std::cmp::Reverse(n.0.len()));
    let mut found: Vec<Place> = Vec::new();
    let mut taken: Vec<(usize, usize)> = Vec::new();
    for (name, cluster) in names {
        if name.is_empty() {
            continue;
        }
        for (at, _) in folded.match_indices(name.as_str()) {
            let end = at + name.len();
            let latin = name.is_ascii();
            let bounded = !latin
                || ((at == 0 || !folded.as_bytes()[at - 1].is_ascii_alphanumeric())
                    && (end == folded.len() || !folded.as_bytes()[end].is_ascii_alphanumeric()));
            if !bounded || taken.iter().any(|&(s, e)| at < e && s < end) {
                continue;
            }
            taken.push((at, end));
            let src_end = if end >= map.len() { piece.len() } else { map[end] };
            found.push(Place {
                target: Target::Cluster { id: cluster.id.clone(), members: cluster.members.clone() },
                span: Span::new(range.start + map[at], range.start + src_end.max(map[at])),
            });
        }
    }
    found.sort_by_key(|p| p.span.start);
    found
}

/// Regions and clusters of a clause, left to right; the second value is true when China itself is named.
fn find_places(gazetteer: &Gazetteer, article: &str, clause: Span, paragraph_start: usize) -> (Vec<Place>, bool) {
    let mut places = find_clusters(gazetteer, article, clause);
    let mut national = false;
    for (region, span) in gazetteer.find_all_in(clause.slice(article)) {
        let span = span.offset(clause.start);
        if places.iter().any(|p| p.span.start < span.end && span.start < p.span.end) {
            continue;
        }
        if region.code == NATIONAL_REGION {
            national = true;
            continue;
        }
        let written = span.slice(article);
        let capitals = written.chars().filter(|c| c.is_alphabetic()).all(char::is_uppercase);
        let dateline = capitals
            && written.chars().count() > 3
            && span.start - paragraph_start < HEADING_WINDOW
            && article[span.end..].trim_start().starts_with(',');
        if dateline {
            continue;
        }
        places.push(Place { target: Target::Region(region.code.clone()), span });
    }
    places.sort_by_key(|p| p.span.start);
    (places, national)
}

/// Places joined by `et`, `and`, `和`, `、`, `与` or a comma form one group (they share the sectors near them).
fn group_places(article: &str, places: &[Place]) -> Vec<Vec<Place>> {
    let mut groups: Vec<Vec<Place>> = Vec::new();
    for p in places {
        let joined = groups.last().and_then(|g| g.last()).is_some_and(|last| {
            let gap = gwr_normalize::normalize(&article[last.span.end..p.span.start]).text;
            let words: Vec<&str> =
                gap.split(|c: char| c.is_whitespace() || c == ',' || c == '、').filter(|w| !w.is_empty()).collect();
            words.iter().all(|w| matches!(*w, "et" | "and" | "和" | "与" | "及" | "le" | "la" | "les" | "l'" | "the"))
                && gap.chars().count() <= 12
        });
        match groups.last_mut() {
            Some(g) if joined => g.push(p.clone()),
            _ => groups.push(vec![p.clone()]),
        }
    }
    groups
}

/// Words that make the place after them a complement of the noun before it (`la capacité de calcul de la Mongolie
/// intérieure`, `the chips of Jiangxi`), in normalized text.
const COMPLEMENT_WORDS: &[&str] = &["du", "de", "de la", "de l'", "d'", "des", "of", "of the", "in", "en", "au"];

/// True when the place at `span` is introduced by a complement word ([`COMPLEMENT_WORDS`]) within its clause.
fn is_complement(article: &str, clause: Span, span: Span) -> bool {
    let before = gwr_normalize::normalize(&article[clause.start..span.start]).text;
    let before = before.trim_end_matches(' ');
    COMPLEMENT_WORDS.iter().any(|w| {
        before.ends_with(w) && before[..before.len() - w.len()].chars().next_back().is_none_or(|c| !c.is_alphanumeric())
    })
}

fn distance(a: Span, b: Span) -> usize {
    if a.end <= b.start {
        b.start - a.end
    } else {
        // b before a, or overlapping (0).
        a.start.saturating_sub(b.end)
    }
}

/// Propose the claims `article` makes, as a claims file: one claim per (region or cluster, sector), in order of
/// first mention, with the figure found next to it. See the module docs for the rules.
pub fn extract(article: &str, dict: &Dictionary, gazetteer: &Gazetteer) -> ClaimsFile {
    let lang = detect_lang(article);
    let matcher = SectorMatcher::new(dict, lang);
    // One proposal per (target, sector), or per (target, policy concept) for claims on key terms alone.
    let mut proposals: Vec<Proposal> = Vec::new();
    let mut index: BTreeMap<(String, String), usize> = BTreeMap::new();
    let mut propose = |target: &Target, mention: &Mention, figure: Option<Figure>| {
        let what = match &mention.sector {
            Some(sector) => sector.clone(),
            None => format!("key:{}", dict.concepts[mention.concept].id),
        };
        let key = (target.code().to_string(), what);
        let i = *index.entry(key).or_insert_with(|| {
            proposals.push(Proposal {
                target: target.clone(),
                sector: mention.sector.clone(),
                concepts: Vec::new(),
                figure: None,
            });
            proposals.len() - 1
        });
        let p = &mut proposals[i];
        if p.figure.is_none() {
            p.figure = figure;
        }
        if !p.concepts.contains(&mention.concept) {
            p.concepts.push(mention.concept);
        }
    };
    for paragraph in clauses(article) {
        let Some(first) = paragraph.first() else {
            continue;
        };
        let paragraph_start = first.start;
        let mut heading: Option<Target> = None;
        let mut context: Vec<Vec<Place>> = Vec::new();
        for (k, &clause) in paragraph.iter().enumerate() {
            let (places, national) = find_places(gazetteer, article, clause, paragraph_start);
            if k == 0 {
                heading = places
                    .iter()
                    .find(|p| {
                        matches!(p.target, Target::Cluster { .. }) && p.span.start - paragraph_start < HEADING_WINDOW
                    })
                    .map(|p| p.target.clone());
            }
            let groups = if places.is_empty() {
                if national {
                    context.clear();
                }
                context.clone()
            } else {
                let g = group_places(article, &places);
                context = g.clone();
                g
            };
            let mentions = matcher.find(article, clause);
            if groups.is_empty() || mentions.is_empty() {
                continue;
            }
            // Figures go to the nearest sector mention of the clause.
            let quantities: Vec<Quantity> = find_quantities(clause.slice(article))
                .into_iter()
                .filter(is_figure)
                .map(|q| Quantity { span: q.span.offset(clause.start), ..q })
                .collect();
            // Each number goes to its nearest mention; a mention keeps the nearest of the numbers it gets.
            let mut figure_of: Vec<Option<(usize, Figure)>> = vec![None; mentions.len()];
            for q in &quantities {
                let nearest = mentions.iter().enumerate().map(|(m, x)| (distance(x.span, q.span), m)).min();
                if let Some((d, m)) = nearest {
                    if figure_of[m].as_ref().is_none_or(|(best, _)| d < *best) {
                        figure_of[m] = Some((d, figure_from(q, article)));
                    }
                }
            }
            let figure_of: Vec<Option<Figure>> = figure_of.into_iter().map(|f| f.map(|(_, f)| f)).collect();
            for (m, mention) in mentions.iter().enumerate() {
                // An inherited context gives the last group named before. Else a group written as a complement
                // (`du Jiangxi`) owns the mentions before it, one written as a subject the mentions after it; the
                // nearest owner wins, or the nearest group when no group qualifies.
                let group = if places.is_empty() {
                    groups.last()
                } else {
                    let dist =
                        |g: &Vec<Place>| g.iter().map(|p| distance(p.span, mention.span)).min().unwrap_or(usize::MAX);
                    groups
                        .iter()
                        .filter(|g| {
                            let first = &g[0];
                            if is_complement(article, clause, first.span) {
                                mention.span.end <= first.span.start
                            } else {
                                g[g.len() - 1].span.end <= mention.span.start
                            }
                        })
                        .min_by_key(|g| dist(g))
                        .or_else(|| groups.iter().min_by_key(|g| dist(g)))
                };
                let Some(group) = group else { continue };
                for place in group {
                    propose(&place.target, mention, figure_of[m].clone());
                    if let (Target::Region(code), Some(cluster @ Target::Cluster { members, .. })) =
                        (&place.target, &heading)
                    {
                        // A cluster heading gathers its members' sectors, not their key-term claims.
                        if members.contains(code) && mention.sector.is_some() {
                            propose(cluster, mention, None);
                        }
                    }
                }
            }
        }
    }
    let date = find_date(article);
    let claims = proposals
        .into_iter()
        .map(|p| {
            let place = match &p.target {
                Target::Region(code) => {
                    gazetteer.by_code(code).and_then(|r| r.en.first().cloned()).unwrap_or_else(|| code.clone())
                }
                Target::Cluster { id, .. } => gazetteer
                    .cluster(id)
                    .and_then(|c| c.en.iter().max_by_key(|n| n.len()).cloned())
                    .unwrap_or_else(|| id.clone()),
            };
            let key_terms = key_terms(dict, &p.concepts);
            let (id_part, what) = match &p.sector {
                Some(sector) => (
                    sector.replace('_', "-"),
                    dict.sectors.iter().find(|s| &s.id == sector).map_or(sector.clone(), |s| s.en.clone()),
                ),
                None => {
                    let concept = &dict.concepts[p.concepts[0]];
                    let en = concept
                        .forms
                        .iter()
                        .find(|f| f.lang == Lang::En)
                        .map_or(concept.id.clone(), |f| f.text.clone());
                    (concept.id.replace('_', "-"), en)
                }
            };
            Claim {
                id: format!("{}-{id_part}", p.target.code().to_lowercase()),
                paraphrase: format!("proposed: the article ties {place} to {what}; check and reword"),
                target: p.target,
                sectors: p.sector.into_iter().collect(),
                key_terms,
                positions: Vec::new(),
                figure: p.figure,
            }
        })
        .collect();
    ClaimsFile {
        schema: SCHEMA,
        article: Article {
            date,
            source: String::new(),
            title: "claims proposed by gwr claims extract: check, reword and complete".to_string(),
            lang: Some(lang.code().to_string()),
        },
        claims,
    }
}

/// A claim being proposed: where, which sector (none for policy vocabulary), the concepts the article names, the
/// figure next to them.
struct Proposal {
    target: Target,
    sector: Option<String>,
    concepts: Vec<usize>,
    figure: Option<Figure>,
}

/// Most key terms a proposal lists.
const KEY_TERMS: usize = 4;

/// Key terms of a proposal: the Chinese forms of the concepts the article names, as the reports write them (first
/// forms first, each concept in turn, a form containing an earlier one skipped), at most [`KEY_TERMS`].
fn key_terms(dict: &Dictionary, concepts: &[usize]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let forms: Vec<Vec<&str>> = concepts
        .iter()
        .map(|&c| dict.concepts[c].forms.iter().filter(|f| f.lang == Lang::Zh).map(|f| f.text.as_str()).collect())
        .collect();
    let longest = forms.iter().map(Vec::len).max().unwrap_or(0);
    for k in 0..longest {
        for list in &forms {
            if let Some(form) = list.get(k) {
                if out.len() < KEY_TERMS && !out.iter().any(|t| form.contains(t.as_str())) {
                    out.push(form.to_string());
                }
            }
        }
    }
    out
}

/// A number that can be a claim's figure: not a date, a year or an ordinal-looking bare number.
fn is_figure(q: &Quantity) -> bool {
    match q.kind {
        UnitKind::Date => false,
        UnitKind::None => !(1900.0..=2100.0).contains(&q.value) && q.value.fract() == 0.0 && q.value >= 10.0,
        _ => !(q.kind == UnitKind::Count && (1900.0..=2100.0).contains(&q.value)),
    }
}

fn figure_from(q: &Quantity, article: &str) -> Figure {
    let unit = match q.kind {
        UnitKind::Flops => "PFLOPS".to_string(),
        UnitKind::Percent => "%".to_string(),
        _ => q.unit.clone(),
    };
    Figure { value: q.value, unit, text: q.span.slice(article).trim().to_string() }
}

/// The first `YYYY-MM-DD` of the text, or empty.
fn find_date(article: &str) -> String {
    let b = article.as_bytes();
    for i in 0..b.len().saturating_sub(9) {
        let w = &b[i..i + 10];
        let digits = |r: std::ops::Range<usize>| w[r].iter().all(u8::is_ascii_digit);
        if digits(0..4) && w[4] == b'-' && digits(5..7) && w[7] == b'-' && digits(8..10) {
            return String::from_utf8_lossy(w).into_owned();
        }
    }
    String::new()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plurals_fold_alike_and_map_back() {
        let (f, map) = fold_plurals("lasers attosecondes, panneaux nationaux 6g eaux");
        assert_eq!(f, "laser attoseconde, panneau national 6g eau");
        assert_eq!(map.len(), f.len() + 1);
        assert_eq!(map[f.find("national").unwrap_or(0)], "lasers attosecondes, panneaux ".len());
        assert_eq!(fold_plurals("laser attoseconde").0, "laser attoseconde");
        assert_eq!(fold_plurals("class gaz bus").0, "class gaz bus");
    }

    #[test]
    fn clauses_split_on_punctuation_and_markers() {
        let text = "Le Shaanxi mise sur X ; le Shandong lance Y, tandis que le Hubei fait Z.\n\nDeux. Trois 2.0 ok.";
        let paragraphs = clauses(text);
        assert_eq!(paragraphs.len(), 2);
        let first: Vec<&str> = paragraphs[0].iter().map(|s| s.slice(text).trim()).collect();
        assert_eq!(first, ["Le Shaanxi mise sur X ;", "le Shandong lance Y", ", tandis que le Hubei fait Z."]);
        let second: Vec<&str> = paragraphs[1].iter().map(|s| s.slice(text).trim()).collect();
        assert_eq!(second, ["Deux.", "Trois 2.0 ok."]);
    }

    #[test]
    fn languages_are_told_apart() {
        assert_eq!(detect_lang("安徽发展量子科技"), Lang::Zh);
        assert_eq!(detect_lang("Le Shaanxi mise sur les lasers et la fusion."), Lang::Fr);
        assert_eq!(detect_lang("Shaanxi bets on lasers and the fusion of the two."), Lang::En);
    }

    #[test]
    fn dates_are_found() {
        assert_eq!(find_date(" date 2026-03-02 CGTN"), "2026-03-02");
        assert_eq!(find_date("no date"), "");
    }

    #[test]
    fn clusters_win_over_their_member_names() {
        let g = Gazetteer::builtin();
        let text = "la région de Pékin-Tianjin-Hebei et la GBA, puis Tianjin";
        let (places, _) = find_places(g, text, Span::new(0, text.len()), 0);
        let codes: Vec<&str> = places.iter().map(|p| p.target.code()).collect();
        assert_eq!(codes, ["jjj", "gba", "CN-TJ"]);
    }

    #[test]
    fn datelines_and_china_are_not_targets() {
        let g = Gazetteer::builtin();
        let text = "PÉKIN, 02 mars 2026 -- la Chine et le Hubei";
        let (places, national) = find_places(g, text, Span::new(0, text.len()), 0);
        let codes: Vec<&str> = places.iter().map(|p| p.target.code()).collect();
        assert_eq!(codes, ["CN-HB"]);
        assert!(national);
    }
}
