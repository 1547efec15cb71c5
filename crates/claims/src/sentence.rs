//! Sentences as byte spans: the unit within which a claimed figure or position must sit beside its term.
//!
//! A sentence ends after `。`, `！`, `？`, `；` (and their half-width `!`, `?`, `;`), after a Latin `.` that is
//! followed by whitespace or the end of the text (so `2.0`, `5.4%` and `e.g.x` do not end one), and at every line
//! break. Closing quotes and brackets right after the stop (`”`, `’`, `」`, `』`, `）`, `)`) stay in the sentence
//! they close. Leading and trailing whitespace is not part of a sentence; a piece with no letter or digit (a lone
//! `。`, an empty line) is no sentence.

use gwr_core::Span;

/// True for a char that always ends a sentence.
fn is_stop(c: char) -> bool {
    matches!(c, '。' | '！' | '？' | '；' | '!' | '?' | ';')
}

/// Closing marks that belong to the sentence before them.
fn is_closer(c: char) -> bool {
    matches!(c, '”' | '’' | '」' | '』' | '）' | ')' | '"' | '\'' | '】' | '》')
}

/// The sentences of `text`, in order, as byte spans of `text` (see the module docs for the rule).
pub fn sentences(text: &str) -> Vec<Span> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut iter = text.char_indices().peekable();
    while let Some((i, c)) = iter.next() {
        let next = iter.peek().map(|&(_, n)| n);
        let ends = match c {
            '\n' | '\r' => true,
            '.' => next.is_none_or(char::is_whitespace),
            _ => is_stop(c),
        };
        if !ends {
            continue;
        }
        let mut end = i + c.len_utf8();
        if c != '\n' && c != '\r' {
            while let Some(&(j, n)) = iter.peek() {
                if !is_closer(n) {
                    break;
                }
                end = j + n.len_utf8();
                iter.next();
            }
        }
        push(text, start, end, &mut out);
        start = end;
    }
    push(text, start, text.len(), &mut out);
    out
}

/// The sentence of `sentences` (as [`sentences`] returns them) that holds byte `at`, if any.
pub fn sentence_at(sentences: &[Span], at: usize) -> Option<Span> {
    let k = sentences.partition_point(|s| s.end <= at);
    sentences.get(k).copied().filter(|s| s.start <= at)
}

fn push(text: &str, start: usize, end: usize, out: &mut Vec<Span>) {
    let piece = &text[start..end];
    let trimmed_start = start + (piece.len() - piece.trim_start().len());
    let trimmed_end = start + piece.trim_end().len();
    if trimmed_start < trimmed_end && text[trimmed_start..trimmed_end].chars().any(char::is_alphanumeric) {
        out.push(Span::new(trimmed_start, trimmed_end));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(text: &str) -> Vec<&str> {
        sentences(text).into_iter().map(|s| s.slice(text)).collect()
    }

    #[test]
    fn chinese_stops_and_line_breaks_end_sentences() {
        assert_eq!(split("甲乙丙。丁戊；己！庚？\n辛壬\n\n癸"), ["甲乙丙。", "丁戊；", "己！", "庚？", "辛壬", "癸"]);
    }

    #[test]
    fn commas_do_not_end_sentences() {
        assert_eq!(split("甲，乙、丙：丁。"), ["甲，乙、丙：丁。"]);
    }

    #[test]
    fn latin_points_end_only_before_space_or_end() {
        assert_eq!(split("Version 2.0 is out. Growth 5.4% too! Ok"), ["Version 2.0 is out.", "Growth 5.4% too!", "Ok"]);
        assert_eq!(split("增长5.4%。"), ["增长5.4%。"]);
    }

    #[test]
    fn closing_quotes_stay_with_their_sentence() {
        assert_eq!(split("他说“好。”然后走了。"), ["他说“好。”", "然后走了。"]);
    }

    #[test]
    fn empty_pieces_are_not_sentences() {
        assert!(sentences("").is_empty());
        assert!(sentences(" \n。\n").is_empty());
    }

    #[test]
    fn sentence_at_finds_the_span_holding_a_byte() {
        let text = "甲乙。丙丁。";
        let spans = sentences(text);
        assert_eq!(sentence_at(&spans, 0).map(|s| s.slice(text)), Some("甲乙。"));
        assert_eq!(sentence_at(&spans, "甲乙。".len()).map(|s| s.slice(text)), Some("丙丁。"));
        assert_eq!(sentence_at(&spans, text.len()), None);
    }

    proptest::proptest! {
        #[test]
        fn spans_are_ordered_disjoint_and_on_char_boundaries(s in "\\PC{0,60}") {
            let spans = sentences(&s);
            let mut last = 0;
            for sp in spans {
                proptest::prop_assert!(sp.start >= last && sp.start < sp.end && sp.end <= s.len());
                proptest::prop_assert!(s.is_char_boundary(sp.start) && s.is_char_boundary(sp.end));
                last = sp.end;
            }
        }
    }
}
