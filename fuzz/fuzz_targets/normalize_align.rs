//! `gwr_normalize::normalize` on any string: never panics, and every normalized char boundary maps to a source
//! char boundary no further than the source's end, monotonically, with the end mapped to the end.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|source: &str| {
    let norm = gwr_normalize::normalize(source);
    let mut previous = 0;
    for b in norm.text.char_indices().map(|(i, _)| i).chain(std::iter::once(norm.text.len())) {
        let s = norm.source_offset(b);
        assert!(s <= source.len(), "source_offset({b}) = {s} past the end {}", source.len());
        assert!(source.is_char_boundary(s), "source_offset({b}) = {s} is not a char boundary");
        assert!(s >= previous, "source offsets go back: {s} after {previous}");
        previous = s;
    }
    assert_eq!(norm.source_offset(norm.text.len()), source.len());
    let _ = gwr_normalize::normalize_term(source);
});
