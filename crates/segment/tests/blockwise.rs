//! Segmenting each jieba block alone gives exactly the token boundaries of jieba's cut over the whole text, on the
//! real national reports: this is what lets the matcher segment only the blocks around its candidates.

mod common;

use gwr_core::Span;
use gwr_segment::{is_jieba_block_char, jieba_block, ZhSegmenter};

#[test]
fn block_wise_segmentation_equals_whole_text_segmentation_on_national_reports() {
    gwr_testdata::require_corpora!();
    let segmenter = ZhSegmenter::new(["核能", "信创", "阿秒", "东数西算", "低空经济", "具身智能", "量子科技"]);
    let (mut blocks, mut bytes) = (0usize, 0usize);
    let mut whole = Vec::new();
    let mut part = Vec::new();
    for source in common::national() {
        let text = gwr_normalize::normalize(&source).text;
        segmenter.boundaries(&text, &mut whole);
        let mut pos = 0;
        while pos < text.len() {
            let c = text[pos..].chars().next().expect("char at pos");
            if !is_jieba_block_char(c) {
                pos += c.len_utf8();
                continue;
            }
            let block = jieba_block(&text, Span::new(pos, pos));
            assert_eq!(block.start, pos, "a block starts after a non-block char");
            segmenter.boundaries(block.slice(&text), &mut part);
            let from = whole.partition_point(|&b| b < block.start);
            let to = whole.partition_point(|&b| b <= block.end);
            let expected: Vec<usize> = whole[from..to].iter().map(|&b| b - block.start).collect();
            assert_eq!(part, expected, "block {block} {:?}", block.slice(&text));
            blocks += 1;
            bytes += block.len();
            pos = block.end;
        }
    }
    eprintln!("{blocks} blocks, {bytes} bytes compared");
    assert!(blocks > 50_000, "the national corpus gives many blocks, got {blocks}");
}
