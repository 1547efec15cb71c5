//! Bytes → `gwr_ingest::decode` → `gwr_clean::clean`: never panics, and the kept and removed spans are in order,
//! on char boundaries, inside the text, and together cover every byte exactly once.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    let decoded = gwr_ingest::decode(bytes);
    let text = decoded.text.as_str();
    assert_eq!(decoded.invalid == 0, decoded.first_invalid.is_none());
    let cleaned = gwr_clean::clean(text);
    let mut spans: Vec<(usize, usize)> = cleaned.kept.iter().map(|s| (s.start, s.end)).collect();
    spans.extend(cleaned.removed.iter().map(|r| (r.span.start, r.span.end)));
    spans.sort_unstable();
    let mut at = 0;
    for (start, end) in spans {
        assert_eq!(start, at, "spans leave a gap or overlap at byte {at}");
        assert!(start < end && end <= text.len(), "span {start}..{end} outside 0..{}", text.len());
        assert!(text.is_char_boundary(start) && text.is_char_boundary(end), "span {start}..{end} not on chars");
        at = end;
    }
    assert_eq!(at, text.len(), "spans do not reach the end of the text");
    for pair in cleaned.kept.windows(2) {
        assert!(pair[0].end < pair[1].start, "kept spans are in order and not adjacent");
    }
    if let Some(g) = cleaned.glossary {
        assert!(cleaned.kept.iter().any(|s| s.start <= g && g < s.end), "glossary start {g} is not kept");
    }
    let kept: usize = cleaned.kept_text(text).map(str::len).sum();
    assert_eq!(kept, cleaned.kept_len());
});
