//! What must never happen, whatever the bytes: a panic, or text that is not what the decoder reported.

use gwr_ingest::{decode, html::html_to_text};
use proptest::prelude::*;

proptest! {
    #[test]
    fn decode_never_panics_and_counts_replacements(bytes in prop::collection::vec(any::<u8>(), 0..300)) {
        let d = decode(&bytes);
        if d.invalid == 0 {
            prop_assert!(d.first_invalid.is_none());
        } else {
            prop_assert!(d.first_invalid.is_some_and(|b| b < bytes.len()));
            let replaced = d.text.chars().filter(|&c| c == char::REPLACEMENT_CHARACTER).count();
            prop_assert!(replaced >= d.invalid);
        }
        if let Ok(s) = std::str::from_utf8(&bytes) {
            if !bytes.starts_with(b"\xEF\xBB\xBF") {
                prop_assert_eq!(d.text.as_str(), s);
                prop_assert_eq!(d.encoding, "UTF-8");
            }
        }
    }

    #[test]
    fn html_extraction_never_panics(text in "[<>/a-z!\\-\"' =&;#0-9\u{4e00}-\u{4e10}\n]{0,200}") {
        let out = html_to_text(&text);
        prop_assert!(out.lines().all(|l| l == l.trim()));
    }
}
