//! Bytes → text: BOMs, UTF-8, UTF-16 and GB18030, detected from the bytes themselves.

use encoding_rs::{DecoderResult, Encoding, GB18030, UTF_16BE, UTF_16LE, UTF_8};

/// Text decoded from bytes, with the encoding it was read as and how many sequences were invalid.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Decoded {
    /// The decoded text; every invalid sequence became U+FFFD.
    pub text: String,
    /// `UTF-8`, `UTF-8 BOM`, `UTF-16LE BOM`, `UTF-16BE BOM` or `GB18030`.
    pub encoding: &'static str,
    /// Number of invalid sequences replaced by U+FFFD (0 for a clean decode).
    pub invalid: usize,
    /// Byte offset (in the input, BOM included) of the first invalid sequence.
    pub first_invalid: Option<usize>,
}

/// Decode bytes by content, not by file name:
///
/// 1. a BOM decides (UTF-8, UTF-16LE, UTF-16BE);
/// 2. else valid UTF-8 is UTF-8;
/// 3. else UTF-8 whose invalid sequences are fewer than one in twenty of its valid non-ASCII characters (a few
///    bad bytes, a cut last character) is UTF-8;
/// 4. else valid GB18030 (which covers GBK and GB2312) is GB18030;
/// 5. else both are decoded lossily and the one with fewer invalid sequences wins (UTF-8 on a tie); the caller
///    should flag the result when [`Decoded::invalid`] is not zero.
pub fn decode(bytes: &[u8]) -> Decoded {
    let (bom, encoding) = if bytes.starts_with(b"\xEF\xBB\xBF") { (3, "UTF-8 BOM") } else { (0, "UTF-8") };
    let utf16 = bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF");
    match valid_utf8(&bytes[bom..]).filter(|_| !utf16) {
        Some(text) => Decoded { text: text.to_string(), encoding, invalid: 0, first_invalid: None },
        None => decode_not_utf8(bytes),
    }
}

/// Inputs of at least this many bytes are checked for UTF-8 validity in parallel pieces on the rayon pool.
pub(crate) const PARALLEL_BYTES: usize = 16 << 20;
/// Size of the pieces a large input is cut into (a few bytes less, to start each on a character).
pub(crate) const PIECE_BYTES: usize = 4 << 20;

/// Where `bytes` can be cut into pieces of about `piece` bytes without splitting a UTF-8 character: each cut is
/// moved back to the lead byte of the character it falls in (at most three bytes back; in bytes that are not UTF-8
/// there may be none, and the cut stays where it is). The first offset is 0, the last `bytes.len()`.
fn utf8_cuts(bytes: &[u8], piece: usize) -> Vec<usize> {
    let mut cuts = vec![0];
    let mut at = piece;
    while at < bytes.len() {
        let lead = (at.saturating_sub(3)..=at).rev().find(|&i| bytes[i] & 0xC0 != 0x80).unwrap_or(at);
        if lead > *cuts.last().unwrap_or(&0) {
            cuts.push(lead);
        }
        at += piece;
    }
    cuts.push(bytes.len());
    cuts
}

/// `bytes` as a `str` when they are valid UTF-8 (SIMD, `simdutf8`); a large input is checked in parallel pieces.
/// Pieces cut before a byte that is not a continuation byte are each valid exactly when the whole is: a valid text
/// has a character starting there, and valid pieces joined are valid.
pub(crate) fn valid_utf8(bytes: &[u8]) -> Option<&str> {
    if bytes.len() < PARALLEL_BYTES || rayon::current_num_threads() < 2 {
        return simdutf8::basic::from_utf8(bytes).ok();
    }
    // SAFETY: `valid_in_pieces` is true only when `bytes` is valid UTF-8 (see there).
    valid_in_pieces(bytes, PIECE_BYTES).then(|| unsafe { std::str::from_utf8_unchecked(bytes) })
}

/// Whether `bytes` is valid UTF-8, checked in parallel pieces of about `piece` bytes: every piece between two cuts
/// of [`utf8_cuts`] is valid UTF-8 exactly when `bytes` is.
fn valid_in_pieces(bytes: &[u8], piece: usize) -> bool {
    use rayon::prelude::*;
    let cuts = utf8_cuts(bytes, piece);
    cuts.par_windows(2).all(|w| simdutf8::basic::from_utf8(&bytes[w[0]..w[1]]).is_ok())
}

/// [`decode`] of a file's bytes that are valid UTF-8, with or without BOM: the bytes become the text without
/// a copy (a BOM is moved out in place). Bytes that are not (UTF-16, GB18030, invalid UTF-8) are given back.
pub(crate) fn decode_valid_utf8(mut bytes: Vec<u8>) -> Result<Decoded, Vec<u8>> {
    let (bom, encoding) = if bytes.starts_with(b"\xEF\xBB\xBF") { (3, "UTF-8 BOM") } else { (0, "UTF-8") };
    if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") || valid_utf8(&bytes[bom..]).is_none() {
        return Err(bytes);
    }
    bytes.drain(..bom);
    // SAFETY: `bytes[bom..]` was found to be valid UTF-8 just above, and those are the bytes left.
    let text = unsafe { String::from_utf8_unchecked(bytes) };
    Ok(Decoded { text, encoding, invalid: 0, first_invalid: None })
}

/// [`decode`] of bytes that are not valid UTF-8 (after a UTF-8 BOM, if any), or that start with a UTF-16 BOM.
pub(crate) fn decode_not_utf8(bytes: &[u8]) -> Decoded {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return lossy(UTF_8, rest, 3, "UTF-8 BOM");
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        return lossy(UTF_16LE, rest, 2, "UTF-16LE BOM");
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        return lossy(UTF_16BE, rest, 2, "UTF-16BE BOM");
    }
    // UTF-8 with a few bad bytes, or cut in the middle of its last character, is still UTF-8: GB18030 would
    // happily read pairs of UTF-8 bytes as other Han characters, so its validity alone must not decide.
    let utf8 = lossy(UTF_8, bytes, 0, "UTF-8");
    let non_ascii = utf8.text.chars().filter(|c| !c.is_ascii()).count();
    if utf8.invalid.saturating_mul(20) < non_ascii.saturating_sub(utf8.invalid) {
        return utf8;
    }
    if let Some(text) = GB18030.decode_without_bom_handling_and_without_replacement(bytes) {
        return Decoded { text: text.into_owned(), encoding: "GB18030", invalid: 0, first_invalid: None };
    }
    let gb = lossy(GB18030, bytes, 0, "GB18030");
    if gb.invalid < utf8.invalid {
        gb
    } else {
        utf8
    }
}

/// Decode `bytes` (which start `offset` bytes into the input) with `encoding`, replacing and counting invalid
/// sequences.
fn lossy(encoding: &'static Encoding, bytes: &[u8], offset: usize, name: &'static str) -> Decoded {
    let mut decoder = encoding.new_decoder_without_bom_handling();
    let mut text = String::with_capacity(bytes.len() + bytes.len() / 2 + 16);
    let mut pos = 0;
    let mut invalid = 0;
    let mut first_invalid = None;
    loop {
        let (result, read) = decoder.decode_to_string_without_replacement(&bytes[pos..], &mut text, true);
        pos += read;
        match result {
            DecoderResult::InputEmpty => break,
            DecoderResult::OutputFull => {
                let more = decoder.max_utf8_buffer_length_without_replacement(bytes.len() - pos).unwrap_or(1024);
                text.reserve(more.max(16));
            }
            DecoderResult::Malformed(bad, extra) => {
                invalid += 1;
                let at = pos.saturating_sub(bad as usize + extra as usize);
                first_invalid.get_or_insert(offset + at);
                text.push('\u{FFFD}');
            }
        }
    }
    Decoded { text, encoding: name, invalid, first_invalid }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SENTENCE: &str = "今年我们要把发展新质生产力放在突出位置，推进量子科技和人工智能。";

    #[test]
    fn utf8_plain_and_bom() {
        let d = decode(SENTENCE.as_bytes());
        assert_eq!((d.text.as_str(), d.encoding, d.invalid), (SENTENCE, "UTF-8", 0));
        let mut bytes = b"\xEF\xBB\xBF".to_vec();
        bytes.extend_from_slice(SENTENCE.as_bytes());
        let d = decode(&bytes);
        assert_eq!((d.text.as_str(), d.encoding, d.invalid), (SENTENCE, "UTF-8 BOM", 0));
    }

    #[test]
    fn gb18030_detected_from_bytes() {
        let (bytes, _, unmappable) = GB18030.encode(SENTENCE);
        assert!(!unmappable);
        assert!(std::str::from_utf8(&bytes).is_err(), "the fixture must not be valid UTF-8");
        let d = decode(&bytes);
        assert_eq!((d.text.as_str(), d.encoding, d.invalid, d.first_invalid), (SENTENCE, "GB18030", 0, None));
    }

    #[test]
    fn utf16_with_bom_both_orders() {
        let mut le = vec![0xFF, 0xFE];
        let mut be = vec![0xFE, 0xFF];
        for unit in SENTENCE.encode_utf16() {
            le.extend_from_slice(&unit.to_le_bytes());
            be.extend_from_slice(&unit.to_be_bytes());
        }
        let d = decode(&le);
        assert_eq!((d.text.as_str(), d.encoding, d.invalid), (SENTENCE, "UTF-16LE BOM", 0));
        let d = decode(&be);
        assert_eq!((d.text.as_str(), d.encoding, d.invalid), (SENTENCE, "UTF-16BE BOM", 0));
    }

    #[test]
    fn lossy_utf8_counts_three_bad_bytes() {
        let mut bytes = "前言：".as_bytes().to_vec();
        let first_bad = bytes.len();
        bytes.push(0xFF);
        bytes.extend_from_slice("坚持稳中求进".as_bytes());
        bytes.push(0xFF);
        bytes.extend_from_slice("工作总基调".as_bytes());
        bytes.push(0xFF);
        let d = decode(&bytes);
        assert_eq!(d.encoding, "UTF-8");
        assert_eq!(d.invalid, 3);
        assert_eq!(d.first_invalid, Some(first_bad));
        assert_eq!(d.text, "前言：\u{FFFD}坚持稳中求进\u{FFFD}工作总基调\u{FFFD}");
    }

    #[test]
    fn lossy_gb18030_prefers_the_plausible_encoding() {
        let (bytes, _, _) = GB18030.encode(SENTENCE);
        let mut bytes = bytes.into_owned();
        bytes.push(0xFF);
        let d = decode(&bytes);
        assert_eq!(d.encoding, "GB18030");
        assert_eq!(d.invalid, 1);
        assert!(d.text.starts_with(SENTENCE));
    }

    #[test]
    fn utf8_cut_mid_character_or_with_bad_bytes_stays_utf8() {
        // Pure Han UTF-8 pairs up into valid GB18030 two-byte sequences: the cut must not turn it into GB18030.
        let text = "量子科技人工智能低空经济".repeat(4);
        let bytes = &text.as_bytes()[..text.len() - 1];
        let d = decode(bytes);
        assert_eq!((d.encoding, d.invalid), ("UTF-8", 1));
        assert_eq!(d.first_invalid, Some(text.len() - 3));
        assert!(d.text.starts_with(&text[..text.len() - 3]));
        let mut bad = text.as_bytes().to_vec();
        for at in [30, 21, 9] {
            bad.insert(at, 0xFF);
        }
        let d = decode(&bad);
        assert_eq!((d.encoding, d.invalid, d.first_invalid), ("UTF-8", 3, Some(9)));
    }

    /// `decode` as it was before valid UTF-8 was recognised with SIMD and borrowed.
    fn reference_decode(bytes: &[u8]) -> Decoded {
        if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
            return lossy(UTF_8, rest, 3, "UTF-8 BOM");
        }
        if let Ok(text) = std::str::from_utf8(bytes) {
            return Decoded { text: text.to_string(), encoding: "UTF-8", invalid: 0, first_invalid: None };
        }
        decode(bytes)
    }

    proptest::proptest! {
        #[test]
        fn borrowed_valid_utf8_is_what_the_decoder_gives(
            text in "[a-z \n\u{e9}\u{4e00}-\u{4e10}\u{feff}\u{1f600}]{0,60}",
            bad in proptest::option::of((0usize..200, proptest::prelude::any::<u8>())),
            bom in proptest::prelude::any::<bool>(),
        ) {
            let mut bytes = if bom { b"\xEF\xBB\xBF".to_vec() } else { Vec::new() };
            bytes.extend_from_slice(text.as_bytes());
            if let Some((at, byte)) = bad {
                bytes.insert(at.min(bytes.len()), byte);
            }
            proptest::prop_assert_eq!(decode(&bytes), reference_decode(&bytes));
        }
    }

    proptest::proptest! {
        /// Pieces of 1 to 9 bytes: every cut lands next to, inside or between characters, valid or not.
        #[test]
        fn validity_in_pieces_is_validity_of_the_whole(
            text in "[a-z \n\u{e9}\u{4e00}-\u{4e10}\u{1f600}]{0,40}",
            bad in proptest::collection::vec((0usize..200, proptest::prelude::any::<u8>()), 0..3),
            piece in 1usize..10,
        ) {
            let mut bytes = text.into_bytes();
            for (at, byte) in bad {
                bytes.insert(at.min(bytes.len()), byte);
            }
            proptest::prop_assert_eq!(valid_in_pieces(&bytes, piece), std::str::from_utf8(&bytes).is_ok());
            let cuts = utf8_cuts(&bytes, piece);
            proptest::prop_assert!(cuts.windows(2).all(|w| w[0] < w[1]) || bytes.is_empty());
        }
    }

    #[test]
    fn large_input_is_decoded_like_a_small_one() {
        let pool = rayon::ThreadPoolBuilder::new().num_threads(2).build().expect("pool");
        // Large enough to be checked in parallel, with four-byte characters across piece boundaries.
        let text = format!("{}\u{1f600}", "今年我们要推进量子科技\u{1f600}ab".repeat(PARALLEL_BYTES / 30));
        assert!(text.len() >= PARALLEL_BYTES);
        let mut bom = b"\xEF\xBB\xBF".to_vec();
        bom.extend_from_slice(text.as_bytes());
        for bytes in [text.as_bytes().to_vec(), bom] {
            let d = pool.install(|| decode(&bytes));
            assert_eq!(d, reference_decode(&bytes));
            let moved = pool.install(|| decode_valid_utf8(bytes.clone())).expect("valid UTF-8");
            assert_eq!(moved, d);
        }
        // One bad byte late in the text, or a cut last character: not valid, given back whole.
        for bad in [text.len() - 2, text.len() / 2 + 1] {
            let mut bytes = text.as_bytes().to_vec();
            bytes[bad] = 0xFF;
            assert!(pool.install(|| valid_utf8(&bytes)).is_none());
            assert_eq!(pool.install(|| decode_valid_utf8(bytes.clone())), Err(bytes));
        }
        let cut = &text.as_bytes()[..text.len() - 1];
        assert!(pool.install(|| valid_utf8(cut)).is_none());
    }

    #[test]
    fn odd_utf16_tail_is_counted() {
        let mut le = vec![0xFF, 0xFE];
        for unit in "报告".encode_utf16() {
            le.extend_from_slice(&unit.to_le_bytes());
        }
        le.push(0x41);
        let d = decode(&le);
        assert_eq!(d.invalid, 1);
        assert_eq!(d.first_invalid, Some(6));
    }
}
