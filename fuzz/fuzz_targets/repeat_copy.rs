//! A text of distinct sentences followed by a mutated partial copy of itself (a run of its sentences with one
//! sentence added, maybe one dropped, with other line breaks and spaces), cleaned with `gwr_clean::clean`: the
//! kept text never counts a term more often than one copy of the text plus the added sentence, and the added
//! sentence is never removed.
#![no_main]

use libfuzzer_sys::fuzz_target;

const ALPHABET: [&str; 10] = ["量子", "科技", "发展", "创新", "产业", "，", "推进", "建设", "体系", "能力"];
const NEW: &str = "新增一句量子测量的内容。";

/// Characters of a text without white space.
fn solid_chars(t: &str) -> usize {
    t.chars().filter(|c| !c.is_whitespace()).count()
}

fuzz_target!(|data: &[u8]| {
    if data.len() < 8 {
        return;
    }
    let (head, body) = data.split_at(8);
    // Sentences: one per 4 bytes, numbered (so distinct), of 6 to 21 alphabet pieces.
    let sentences: Vec<String> = body
        .chunks(4)
        .take(60)
        .enumerate()
        .map(|(i, c)| {
            let mut s = format!("第{i}句");
            let n = 6 + usize::from(c[0] % 16);
            for k in 0..n {
                let pick = c.get(1 + k % 3).copied().unwrap_or(0).wrapping_mul(k as u8 + 3).wrapping_add(k as u8);
                s.push_str(ALPHABET[usize::from(pick) % ALPHABET.len()]);
            }
            s.push('。');
            s
        })
        .collect();
    if sentences.is_empty() {
        return;
    }
    let layout = |s: &str, style: u8, i: usize| -> String {
        let s = if style & 1 == 1 { s.replace('，', "， ") } else { s.to_string() };
        let sep = match (style >> 1) % 3 {
            0 => "\n",
            1 if i % 2 == 1 => "\n",
            1 => "",
            _ => " ",
        };
        format!("{s}{sep}")
    };
    let original: String = sentences.iter().enumerate().map(|(i, s)| layout(s, head[0], i)).collect();
    // The copy: sentences from..to, one dropped maybe, the new one inserted.
    let from = usize::from(head[1]) % sentences.len();
    let to = (from + 1 + usize::from(head[2]) % sentences.len()).min(sentences.len());
    let mut copy: Vec<&str> = sentences[from..to].iter().map(String::as_str).collect();
    let dropped = head[3] & 1 == 1 && copy.len() > 2;
    if dropped {
        copy.remove(usize::from(head[4]) % (copy.len() - 1) + 1);
    }
    let repeated_chars: usize = copy.iter().map(|s| solid_chars(s)).sum();
    let repeated = copy.len();
    let at = usize::from(head[5]) % (copy.len() + 1);
    copy.insert(at, NEW);
    let copy_text: String = copy.iter().enumerate().map(|(i, s)| layout(s, head[6], i)).collect();
    let text = format!("{original}\n{copy_text}");
    let cleaned = gwr_clean::clean(&text);
    let kept: String = cleaned.kept_text(&text).collect();
    assert!(kept.contains(NEW), "the added sentence was removed:\n{text}\nkept:\n{kept}");
    let term = "量子";
    let bound = original.matches(term).count() + NEW.matches(term).count();
    // A copy long enough to be a repeat (5 sentences and 300 characters in common, with a margin) is counted once.
    if repeated >= 6 && repeated_chars >= 330 {
        assert!(
            kept.matches(term).count() <= bound,
            "{} > {bound}: the copy was counted again\n{text}\nkept:\n{kept}",
            kept.matches(term).count()
        );
    }
});
