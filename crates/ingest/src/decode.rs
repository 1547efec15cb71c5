//! Bytes → text: BOMs, UTF-8, UTF-16 and GB18030, detected from the bytes themselves.

use chardetng::{EncodingDetector, Iso2022JpDetection, Utf8Detection};
use encoding_rs::{
    DecoderResult, Encoding, BIG5, EUC_JP, GB18030, GBK, SHIFT_JIS, UTF_16BE, UTF_16LE, UTF_8, WINDOWS_1252,
};

/// Text decoded from bytes, with the encoding it was read as and how many sequences were invalid.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Decoded {
    /// The decoded text; every invalid sequence became U+FFFD.
    pub text: String,
    /// `UTF-8`, `UTF-8 BOM`, `UTF-16LE BOM`, `UTF-16BE BOM`, or the WHATWG name of the encoding detected or
    /// given (`gb18030`, `Big5`, `Shift_JIS`, `EUC-JP`, `windows-1252`, ...).
    pub encoding: &'static str,
    /// Number of invalid sequences replaced by U+FFFD (0 for a clean decode).
    pub invalid: usize,
    /// Byte offset (in the input, BOM included) of the first invalid sequence.
    pub first_invalid: Option<usize>,
    /// Set when the encoding had to be guessed and the guess is not trustworthy (not an encoding gwr reads, or
    /// too many invalid sequences): why. The input is then failed with this reason unless `--encoding` is given.
    pub doubt: Option<String>,
}

/// Decode bytes by content, not by file name:
///
/// 1. a BOM decides (UTF-8, UTF-16LE, UTF-16BE);
/// 2. else valid UTF-8 is UTF-8;
/// 3. else UTF-8 whose invalid sequences are fewer than one in twenty of its valid non-ASCII characters (a few
///    bad bytes, a cut last character) is UTF-8;
/// 4. else the encoding is detected among the legacy ones by `chardetng` (GB18030/GBK, Big5, Shift_JIS, EUC-JP,
///    windows-1252, ...) and the bytes decoded with it, see [`SUPPORTED`]; a guess that is not trustworthy sets
///    [`Decoded::doubt`]. The caller should flag the result when [`Decoded::invalid`] is not zero.
pub fn decode(bytes: &[u8]) -> Decoded {
    let (bom, encoding) = if bytes.starts_with(b"\xEF\xBB\xBF") { (3, "UTF-8 BOM") } else { (0, "UTF-8") };
    let utf16 = bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF");
    match valid_utf8(&bytes[bom..]).filter(|_| !utf16) {
        Some(text) => Decoded { text: text.to_string(), encoding, invalid: 0, first_invalid: None, doubt: None },
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
    Ok(Decoded { text, encoding, invalid: 0, first_invalid: None, doubt: None })
}

/// [`decode`] of bytes that are not valid UTF-8 (after a UTF-8 BOM, if any), or that start with a UTF-16 BOM.
pub(crate) fn decode_not_utf8(bytes: &[u8]) -> Decoded {
    decode_not_utf8_as(bytes, None)
}

/// [`decode_not_utf8`], with `forced` (the user's `--encoding`) used instead of detection when there is no BOM.
///
/// Without a BOM, UTF-8 with a few bad bytes (fewer than one in twenty of its non-ASCII characters) stays UTF-8;
/// anything else is given to `chardetng`, which weighs the byte patterns of the legacy encodings against each
/// other (GBK, Big5, Shift_JIS, EUC-JP, EUC-KR, windows-1252, ...). Its guess is accepted when it is one of
/// [`SUPPORTED`] and decodes the bytes with fewer invalid sequences than one in a hundred characters; otherwise the
/// result is [`Decoded::doubt`]ful and the caller fails the input with that reason. GBK is read as GB18030 (its
/// superset).
pub(crate) fn decode_not_utf8_as(bytes: &[u8], forced: Option<&'static Encoding>) -> Decoded {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return lossy(UTF_8, rest, 3, "UTF-8 BOM");
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        return lossy(UTF_16LE, rest, 2, "UTF-16LE BOM");
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        return lossy(UTF_16BE, rest, 2, "UTF-16BE BOM");
    }
    if let Some(encoding) = forced {
        let encoding = if encoding == GBK { GB18030 } else { encoding };
        return lossy(encoding, bytes, 0, label(encoding));
    }
    // UTF-8 with a few bad bytes, or cut in the middle of its last character, is still UTF-8: GB18030 would
    // happily read pairs of UTF-8 bytes as other Han characters, so its validity alone must not decide.
    let utf8 = lossy(UTF_8, bytes, 0, "UTF-8");
    let non_ascii = utf8.text.chars().filter(|c| !c.is_ascii()).count();
    if utf8.invalid.saturating_mul(20) < non_ascii.saturating_sub(utf8.invalid) {
        return utf8;
    }
    let guess = detect_legacy(bytes);
    let decoded = if guess.is_single_byte() && !isolated_high_bytes(bytes) {
        // chardetng rules out a multi-byte encoding at its first invalid sequence, and a single-byte one reads
        // almost any bytes: multi-byte text with a few bad bytes would be read as windows-1252. Bytes whose high
        // bytes come in runs (Latin text has one accented letter at a time) are multi-byte text: read in the
        // encoding that finds the fewest invalid sequences in it (UTF-8 on a tie, then GB18030).
        let mut best = utf8;
        for encoding in [GB18030, BIG5] {
            let other = lossy(encoding, bytes, 0, label(encoding));
            if other.invalid < best.invalid {
                best = other;
            }
        }
        if best.encoding == "UTF-8" {
            // UTF-8 checks itself: bytes that are mostly valid UTF-8 are UTF-8 with a few bad bytes (flagged lossy).
            return best;
        }
        best
    } else {
        let decoded = read_as(guess, bytes);
        // Bytes that are UTF-8 but for a few bad ones fit no multi-byte legacy encoding better.
        if !guess.is_single_byte() && decoded.invalid >= utf8.invalid {
            return utf8;
        }
        decoded
    };
    finish_guess(decoded)
}

/// Whether most bytes of 0x80 and above stand alone between ASCII bytes, as the accented letters of Latin text in a
/// single-byte encoding do; in multi-byte text they come in runs of two to four.
fn isolated_high_bytes(bytes: &[u8]) -> bool {
    let (mut high, mut alone) = (0usize, 0usize);
    for (i, &b) in bytes.iter().enumerate() {
        if b >= 0x80 {
            high += 1;
            let before = i.checked_sub(1).is_none_or(|j| bytes[j] < 0x80);
            let after = bytes.get(i + 1).is_none_or(|&x| x < 0x80);
            alone += usize::from(before && after);
        }
    }
    alone * 2 > high
}

/// `bytes` decoded with `encoding` (GBK read as GB18030).
fn read_as(encoding: &'static Encoding, bytes: &[u8]) -> Decoded {
    let encoding = if encoding == GBK { GB18030 } else { encoding };
    match encoding.decode_without_bom_handling_and_without_replacement(bytes) {
        Some(text) => {
            Decoded { text: text.into_owned(), encoding: label(encoding), invalid: 0, first_invalid: None, doubt: None }
        }
        None => lossy(encoding, bytes, 0, label(encoding)),
    }
}

/// A guessed decoding, with [`Decoded::doubt`] set when it is not to be trusted.
fn finish_guess(mut decoded: Decoded) -> Decoded {
    let encoding = Encoding::for_label(decoded.encoding.as_bytes()).unwrap_or(UTF_8);
    if !SUPPORTED.contains(&encoding) && encoding != UTF_8 {
        decoded.doubt = Some(format!(
            "encoding not recognised: the bytes look most like {} (not UTF-8, UTF-16, GB18030, Big5, Shift_JIS, \
             EUC-JP or windows-1252); give --encoding to read them anyway",
            encoding.name()
        ));
    } else if decoded.invalid > 0 && decoded.invalid.saturating_mul(100) >= decoded.text.chars().count() {
        decoded.doubt = Some(format!(
            "doubtful encoding: read as {}, {} invalid sequences (first at byte {}); give --encoding to choose one",
            encoding.name(),
            decoded.invalid,
            decoded.first_invalid.unwrap_or_default()
        ));
    }
    decoded
}

/// Encodings a document without BOM may be detected in (besides UTF-8): Simplified and Traditional Chinese,
/// Japanese (read so that it can be told apart and skipped), and Western European text.
pub const SUPPORTED: &[&Encoding] = &[GB18030, BIG5, SHIFT_JIS, EUC_JP, WINDOWS_1252];

/// The name gwr writes for `encoding`: `GB18030` (as it always has), else the WHATWG name.
fn label(encoding: &'static Encoding) -> &'static str {
    if encoding == GB18030 {
        "GB18030"
    } else {
        encoding.name()
    }
}

/// Bytes fed to the detector at most: its guess is settled long before, and a large file is not read twice.
const DETECT_BYTES: usize = 1 << 20;

/// chardetng's guess for bytes that are not UTF-8 (as for a page from a generic host: no country's encoding is
/// preferred).
fn detect_legacy(bytes: &[u8]) -> &'static Encoding {
    let mut detector = EncodingDetector::new(Iso2022JpDetection::Deny);
    let head = &bytes[..bytes.len().min(DETECT_BYTES)];
    detector.feed(head, head.len() == bytes.len());
    detector.guess(None, Utf8Detection::Deny)
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
    Decoded { text, encoding: name, invalid, first_invalid, doubt: None }
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

    /// Each legacy encoding gwr reads is told apart from the others by its bytes, a short text included.
    #[test]
    fn legacy_encodings_are_detected() {
        let traditional = "今年我們要把發展新質生產力放在突出位置，推進量子科技和人工智能，建設現代化產業體系。";
        let japanese = "政府は量子コンピュータの研究開発を進め、人工知能の活用を広げていきます。";
        let french =
            "Le gouvernement développera l'économie numérique et les industries émergentes, à l'échelle régionale.";
        for (encoding, text, name) in [
            (GB18030, SENTENCE, "GB18030"),
            (BIG5, traditional, "Big5"),
            (SHIFT_JIS, japanese, "Shift_JIS"),
            (WINDOWS_1252, french, "windows-1252"),
        ] {
            let (bytes, _, unmappable) = encoding.encode(text);
            assert!(!unmappable, "{name}");
            assert!(std::str::from_utf8(&bytes).is_err(), "{name}: the fixture must not be valid UTF-8");
            let d = decode(&bytes);
            assert_eq!((d.encoding, d.text.as_str(), d.invalid, &d.doubt), (name, text, 0, &None), "{name}");
        }
    }

    #[test]
    fn an_encoding_gwr_does_not_read_is_doubtful_unless_forced() {
        let korean = "정부는 양자 기술과 인공지능 산업을 적극적으로 육성하고 디지털 경제를 발전시킬 것입니다.";
        let (bytes, _, _) = encoding_rs::EUC_KR.encode(korean);
        let d = decode(&bytes);
        assert_eq!(d.encoding, "EUC-KR");
        assert!(d.doubt.as_deref().is_some_and(|r| r.starts_with("encoding not recognised")), "{:?}", d.doubt);
        let forced = decode_not_utf8_as(&bytes, Some(encoding_rs::EUC_KR));
        assert_eq!((forced.text.as_str(), forced.doubt), (korean, None));
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
            return Decoded { text: text.to_string(), encoding: "UTF-8", invalid: 0, first_invalid: None, doubt: None };
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
