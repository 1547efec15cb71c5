//! Repeats found on content, not layout: the same sentences saved a second time in one text, whatever the line
//! breaks and spaces between them.

use crate::{BoilerplateKind, Line};
use gwr_core::Span;
use std::collections::HashMap;
use std::hash::BuildHasher;

/// A repeated run must hold at least this many sentences...
const MIN_UNITS: usize = 5;
/// ...and this many characters (white space not counted).
const MIN_CHARS: usize = 300;
/// A run starts on a sentence of at least this many bytes (about 4 Han characters), so that short headings
/// repeated on their own cannot start one.
const START_BYTES: usize = 12;
/// After a sentence that differs, the run picks up again when one of the next this many sentences of the copy
/// repeats one of the next this many of the original: a sentence added, dropped or changed in the copy.
const GAP: usize = 3;
/// Bytes of each end of a sentence (white space left out) that its hash is taken over.
const KEY_BYTES: usize = 24;

/// One sentence: a byte span of the text, ending after `。`, `？` or a `.` before white space, or at the end of a
/// stretch of lines.
struct Unit {
    span: Span,
    hash: u64,
    /// Bytes without white space.
    bytes: usize,
    /// Characters without white space.
    chars: usize,
}

/// A run of sentences found again later in the text: `copy` repeats `original`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Repeat {
    /// From the first to the last repeated sentence of the copy (sentences in it that are not repeats are kept).
    pub copy: Span,
    /// From the first to the last sentence of the original that the copy repeats.
    pub original: Span,
}

/// The length of the white space (ASCII white space, U+3000, U+00A0) that starts at `b[i]`, 0 if none.
#[inline]
fn space_len(b: &[u8], i: usize) -> usize {
    match b[i] {
        b' ' | b'\t' | b'\n' | b'\r' | 0x0B | 0x0C => 1,
        0xE3 if b.get(i + 1) == Some(&0x80) && b.get(i + 2) == Some(&0x80) => 3,
        0xC2 if b.get(i + 1) == Some(&0xA0) => 2,
        _ => 0,
    }
}

/// The length of the white space that ends right before `b[end]`, 0 if none.
#[inline]
fn space_len_before(b: &[u8], end: usize) -> usize {
    match b[end - 1] {
        b' ' | b'\t' | b'\n' | b'\r' | 0x0B | 0x0C => 1,
        0x80 if end >= 3 && b[end - 3] == 0xE3 && b[end - 2] == 0x80 => 3,
        0xA0 if end >= 2 && b[end - 2] == 0xC2 => 2,
        _ => 0,
    }
}

/// The bytes of `b[span]` that are not white space.
fn solid(b: &[u8], span: Span) -> impl Iterator<Item = u8> + '_ {
    let mut i = span.start;
    std::iter::from_fn(move || {
        while i < span.end {
            let n = space_len(b, i);
            if n == 0 {
                i += 1;
                return Some(b[i - 1]);
            }
            i += n;
        }
        None
    })
}

/// The sentences of `text[from..to]` (the white space at its start goes with the first), each with a hash of its length and of its first and last [`KEY_BYTES`]
/// bytes, white space left out; sentences of white space only are left out.
fn units_in(text: &str, from: usize, to: usize, out: &mut Vec<Unit>) {
    let b = text.as_bytes();
    // A sentence takes the white space after it (the line break after a paragraph goes with the paragraph).
    let past_space = |mut end: usize| {
        while end < to && space_len(b, end) > 0 {
            end += space_len(b, end);
        }
        end.min(to)
    };
    let ends = memchr::memchr3_iter(0x82, 0x9F, b'.', &b[from..to]).filter_map(|k| {
        let at = from + k;
        match b[at] {
            0x82 if at >= 2 && b[at - 2] == 0xE3 && b[at - 1] == 0x80 => Some(past_space(at + 1)),
            0x9F if at >= 2 && b[at - 2] == 0xEF && b[at - 1] == 0xBC => Some(past_space(at + 1)),
            b'.' if at + 1 >= to || space_len(b, at + 1) > 0 => Some(past_space(at + 1)),
            _ => None,
        }
    });
    let state = foldhash::fast::FixedState::with_seed(0x5eed);
    let mut start = from;
    for end in ends.chain([to]) {
        if end <= start {
            continue;
        }
        let span = Span::new(start, end);
        start = end;
        let s = &b[span.start..span.end];
        // White space is rare inside a sentence: count its bytes (ASCII ones by a loop the compiler vectorizes).
        let ascii_space = s.iter().filter(|&&x| x <= b' ').count();
        let (wide, nbsp) = wide_spaces(s);
        let bytes = s.len() - ascii_space - 3 * wide - 2 * nbsp;
        if bytes == 0 {
            continue;
        }
        let chars = s.iter().filter(|&&x| (x as i8) >= -0x40).count() - ascii_space - wide - nbsp;
        let mut head = [0u8; KEY_BYTES];
        for (slot, x) in head.iter_mut().zip(solid(b, span)) {
            *slot = x;
        }
        let mut tail = [0u8; KEY_BYTES];
        let (mut at, mut k) = (span.end, KEY_BYTES);
        while k > 0 && at > span.start {
            match space_len_before(b, at) {
                0 => {
                    k -= 1;
                    tail[k] = b[at - 1];
                    at -= 1;
                }
                n => at -= n,
            }
        }
        let hash = state.hash_one((head, tail, bytes));
        out.push(Unit { span, hash, bytes, chars });
    }
}

/// The U+3000 and U+00A0 in `s`, by searchers built once (building one per sentence cost more than the search).
fn wide_spaces(s: &[u8]) -> (usize, usize) {
    static FINDERS: std::sync::OnceLock<[memchr::memmem::Finder<'static>; 2]> = std::sync::OnceLock::new();
    let [wide, nbsp] = FINDERS.get_or_init(|| {
        [memchr::memmem::Finder::new("\u{3000}".as_bytes()), memchr::memmem::Finder::new("\u{a0}".as_bytes())]
    });
    (wide.find_iter(s).count(), nbsp.find_iter(s).count())
}

/// Two sentences with the same bytes once white space is left out.
fn same(b: &[u8], x: &Unit, y: &Unit) -> bool {
    x.hash == y.hash && x.bytes == y.bytes && solid(b, x.span).eq(solid(b, y.span))
}

/// What [`find`] found: the repeats, and the sentences of their copies (the bytes to remove where they are kept).
#[derive(Debug, Default)]
pub(crate) struct Found {
    pub repeats: Vec<Repeat>,
    pub copies: Vec<Span>,
}

/// Sentences of `ls[from..]` that repeat, in order, a run of earlier sentences of at least [`MIN_UNITS`]
/// sentences and [`MIN_CHARS`] characters, compared without white space (so the same text with other line
/// breaks, or a space after every comma, is a repeat). Lines kept (`kind` none) or already removed as a repeat are
/// read; other removed lines end the stretch of text sentences are read from. A sentence of the copy that is not
/// in the original (new text inside a repeat) is not a repeat. Linear in the sentences times the longest run
/// tried (a run that fails is shorter than [`MIN_CHARS`] characters unless it has fewer than [`MIN_UNITS`]
/// sentences).
pub(crate) fn find(text: &str, ls: &[Line<'_>], kind: &[Option<BoilerplateKind>], from: usize) -> Found {
    let b = text.as_bytes();
    let eligible = |k: &Option<BoilerplateKind>| {
        matches!(k, None | Some(BoilerplateKind::RepeatedBody | BoilerplateKind::RepeatedTitle))
    };
    let mut units = Vec::new();
    let mut i = from;
    while i < ls.len() {
        if !eligible(&kind[i]) {
            i += 1;
            continue;
        }
        let start = ls[i].span.start;
        while i < ls.len() && eligible(&kind[i]) {
            i += 1;
        }
        units_in(text, start, ls[i - 1].span.end, &mut units);
    }
    let m = units.len();
    let mut first: HashMap<u64, usize, foldhash::fast::FixedState> =
        HashMap::with_capacity_and_hasher(m, foldhash::fast::FixedState::default());
    let mut found = Found::default();
    let mut p = 0;
    while p < m {
        let q = match first.get(&units[p].hash) {
            Some(&q) if units[p].bytes >= START_BYTES && same(b, &units[q], &units[p]) => q,
            Some(_) => {
                p += 1;
                continue;
            }
            None => {
                first.insert(units[p].hash, p);
                p += 1;
                continue;
            }
        };
        // Walk the copy from p along the original from q, over sentences added, dropped or changed.
        let (mut i, mut j) = (p, q);
        let mut matched = Vec::new();
        let mut chars = 0;
        let mut last_j = q;
        loop {
            if i < m && j < p && same(b, &units[j], &units[i]) {
                matched.push(i);
                chars += units[i].chars;
                last_j = j;
                i += 1;
                j += 1;
                continue;
            }
            let resume = (1..=2 * GAP).flat_map(|d| (0..=d).map(move |di| (di, d - di))).find(|&(di, dj)| {
                di <= GAP
                    && dj <= GAP
                    && i + di < m
                    && j + dj < p
                    && units[i + di].bytes >= START_BYTES
                    && same(b, &units[j + dj], &units[i + di])
            });
            match resume {
                Some((di, dj)) => (i, j) = (i + di, j + dj),
                None => break,
            }
        }
        if matched.len() >= MIN_UNITS && chars >= MIN_CHARS {
            let last = *matched.last().unwrap_or(&p);
            found.repeats.push(Repeat {
                copy: Span::new(units[p].span.start, units[last].span.end),
                original: Span::new(units[q].span.start, units[last_j].span.end),
            });
            found.copies.extend(matched.iter().map(|&k| units[k].span));
            p = last + 1;
        } else {
            p += 1;
        }
    }
    found
}
