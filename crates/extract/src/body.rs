//! Inside the content region: which blocks are body paragraphs, in-body subheadings or
//! captions, and which are furniture that the region swallowed; lines broken mid-sentence
//! are joined back into their paragraph.

use std::collections::HashSet;

use crate::block::{Block, Kind};
use crate::boilerplate::Furniture;
use crate::features::Features;

/// The most words an in-body subheading has.
const SUBHEADING_MAX_WORDS: usize = 20;
/// The fewest words of a line that may continue on the next line.
const BROKEN_LINE_MIN_WORDS: usize = 10;

/// Body paragraphs and captions of a region.
#[derive(Debug, Clone, Default)]
pub(crate) struct Body {
    /// Paragraphs, in order.
    pub paragraphs: Vec<String>,
    /// Caption blocks of the region.
    pub captions: Vec<usize>,
}

/// Whether a block inside the body is a caption.
pub(crate) fn is_caption(b: &Block, f: &Features) -> bool {
    b.kind == Kind::Caption
        || f.shape.credit
        || (f.repeats >= 2 && f.shape.words >= 3 && !f.shape.ellipsis)
}

/// Read the region `start..=end`; `skip` holds blocks already given another role, and
/// `in_body` tells a short line the markup places inside the article (kept as a paragraph
/// unless it repeats on the page) from the rest.
pub(crate) fn read(
    blocks: &[Block],
    feats: &[Features],
    values: &[f32],
    start: usize,
    end: usize,
    skip: &HashSet<usize>,
    in_body: &dyn Fn(usize) -> bool,
) -> Body {
    let mut body = Body::default();
    // (block index, is a subheading)
    let mut kept: Vec<(usize, bool)> = Vec::new();
    let mut after_list_header = false;
    let mut last_prose = false;
    let prose = |i: usize| values[i] > 0.0 && !blocks[i].noise;
    for i in start..=end {
        let (b, f) = (&blocks[i], &feats[i]);
        if skip.contains(&i) {
            continue;
        }
        if f.is_furniture(b) {
            if f.furniture == Some(Furniture::ListHeader) {
                after_list_header = true;
            }
            continue;
        }
        if is_caption(b, f) && !prose_not_repeated(values[i], f) {
            body.captions.push(i);
            continue;
        }
        if prose(i) {
            kept.push((i, false));
            after_list_header = false;
            last_prose = true;
            continue;
        }
        if b.noise
            || b.hinted
            || b.link_density() > 0.5
            || f.shape.ellipsis
            || after_list_header
            || f.shape.words == 0
        {
            continue;
        }
        if in_body(i) && f.repeats < 2 {
            kept.push((i, false));
            last_prose = false;
            continue;
        }
        let next_prose = (i + 1..=end)
            .find(|&j| !skip.contains(&j) && !is_caption(&blocks[j], &feats[j]))
            .is_some_and(prose);
        let heading = matches!(b.kind, Kind::Heading(2..)) && f.shape.words <= SUBHEADING_MAX_WORDS;
        let subheading = f.shape.words <= SUBHEADING_MAX_WORDS && next_prose && last_prose;
        let item = b.kind == Kind::Item && f.shape.words >= 4 && last_prose;
        if heading || subheading || item {
            kept.push((i, heading || subheading));
            last_prose = false;
        } else if f.shape.words > SUBHEADING_MAX_WORDS {
            kept.push((i, false));
        }
    }
    let mut seen: HashSet<&str, foldhash::fast::RandomState> =
        HashSet::with_capacity_and_hasher(kept.len(), foldhash::fast::RandomState::default());
    let mut prev: Option<usize> = None;
    for (i, _) in kept {
        let b = &blocks[i];
        if !seen.insert(feats[i].key.as_str()) {
            continue;
        }
        let continues = prev.is_some_and(|p| {
            let ps = &feats[p].shape;
            p + 1 == i
                && !b.gap_before
                && !ps.terminal
                && !ps.colon
                && ps.words >= BROKEN_LINE_MIN_WORDS
                && !matches!(blocks[p].kind, Kind::Heading(_))
                && !matches!(b.kind, Kind::Heading(_))
        });
        match body.paragraphs.last_mut() {
            Some(last) if continues => {
                last.push(' ');
                last.push_str(&b.text);
            }
            _ => body.paragraphs.push(b.text.clone()),
        }
        prev = Some(i);
    }
    body
}

/// A long paragraph that merely repeats (a pull quote) rather than a caption.
fn prose_not_repeated(value: f32, f: &Features) -> bool {
    value > 0.0 && f.repeats < 2 && !f.shape.credit
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::features::features;
    use crate::region::value;

    /// Lines of plain text, `(text, blank line before)`, read as one region.
    fn check(lines: &[(&str, bool)], expected: &[&str]) {
        let blocks: Vec<Block> = lines
            .iter()
            .map(|(l, gap)| Block::text((*l).to_owned(), *gap, false))
            .collect();
        let blocks = crate::rejoin::rejoin(blocks);
        let feats = features(&blocks);
        let values: Vec<f32> = blocks
            .iter()
            .zip(&feats)
            .map(|(b, f)| value(b, f, false))
            .collect();
        let body = read(
            &blocks,
            &feats,
            &values,
            0,
            blocks.len() - 1,
            &HashSet::new(),
            &|_| false,
        );
        assert_eq!(body.paragraphs, expected);
    }

    const P1: &str =
        "أعلنت الحكومة صباح اليوم عن خطة استعجالية لدعم الفلاحين المتضررين من توالي سنوات الجفاف.";
    const P2: &str =
        "وقال الناطق الرسمي باسم الحكومة إن الخطة تشمل إعادة جدولة ديون صغار الفلاحين لدى البنوك.";

    #[test]
    fn subheading_between_paragraphs_is_kept() {
        check(
            &[(P1, true), ("دعم مباشر لمربي الماشية", true), (P2, true)],
            &[P1, "دعم مباشر لمربي الماشية", P2],
        );
    }

    #[test]
    fn broken_lines_are_joined() {
        check(
            &[
                (
                    "تأمل الحكومة في أن تتطور علاقاتها مع شركائها إلى علاقة عميقة لا تقوم فقط على",
                    true,
                ),
                ("المبادلات التجارية القصيرة المدى.", false),
                (P2, false),
            ],
            &[
                "تأمل الحكومة في أن تتطور علاقاتها مع شركائها إلى علاقة عميقة لا تقوم فقط على المبادلات التجارية القصيرة المدى.",
                P2,
            ],
        );
    }

    #[test]
    fn related_list_and_teasers_are_dropped() {
        check(
            &[
                (P1, true),
                ("قد يهمك أيضا:", true),
                ("وزير الفلاحة يتفقد سدود الجهة الشرقية", true),
                ("تراجع محصول الحبوب بنسبة أربعين في…", true),
                (P2, true),
            ],
            &[P1, P2],
        );
    }

    #[test]
    fn repeated_caption_is_not_body() {
        let cap = "فلاح يتفقد حقله المتضرر من قلة الأمطار في إقليم سطات، 22 فبراير 2023. (أرشيف)";
        check(
            &[(cap, true), (cap, false), (P1, true), (P2, true)],
            &[P1, P2],
        );
    }
}
