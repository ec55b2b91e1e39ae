//! Lines broken mid-sentence (a copy of a page, hard line breaks in markup) joined back into
//! one block before scoring, so a paragraph is judged whole. Only where the break is plain:
//! no blank line, a long first part that ends no sentence (or ends on «،» or a function word
//! that needs a continuation), and a second part that ends one.

use crate::block::{Block, Kind};
use crate::shape::shape;

/// Fewest words of a first part that may be joined without other evidence: headlines are
/// shorter, so a headline is not swallowed by the paragraph under it.
const LONG_PART_WORDS: usize = 15;
/// Fewest words of a first part ending on «،» or a function word.
const OPEN_PART_WORDS: usize = 6;

/// Words that cannot end a sentence.
const OPEN_ENDINGS: &[&str] = &[
    "على", "عن", "في", "من", "إلى", "الى", "أن", "ان", "إن", "و", "أو", "ثم", "بين", "مع", "التي",
    "الذي", "لا", "لم", "قد",
];

/// Join broken lines of `blocks`.
pub(crate) fn rejoin(blocks: Vec<Block>) -> Vec<Block> {
    let mut out: Vec<Block> = Vec::with_capacity(blocks.len());
    for b in blocks {
        if let Some(prev) = out.last_mut()
            && joins(prev, &b)
        {
            prev.text.push(' ');
            prev.text.push_str(&b.text);
            prev.link_chars += b.link_chars;
            continue;
        }
        out.push(b);
    }
    out
}

fn joins(a: &Block, b: &Block) -> bool {
    if b.gap_before
        || a.ticker
        || b.ticker
        || a.kind != b.kind
        || a.kind != Kind::Text
        || a.noise != b.noise
    {
        return false;
    }
    let (sa, sb) = (shape(&a.text), shape(&b.text));
    if sa.terminal || sa.colon || sa.ellipsis || sa.credit || !sb.terminal || sb.credit {
        return false;
    }
    let last = a.text.split_whitespace().last().unwrap_or("");
    let open = last.ends_with(['،', ',']) || OPEN_ENDINGS.contains(&last);
    sa.words >= LONG_PART_WORDS || (open && sa.words >= OPEN_PART_WORDS)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(lines: &[(&str, bool)]) -> Vec<String> {
        let blocks = lines
            .iter()
            .map(|(l, gap)| Block::text((*l).to_owned(), *gap, false))
            .collect();
        rejoin(blocks).into_iter().map(|b| b.text).collect()
    }

    #[test]
    fn joining() {
        assert_eq!(
            texts(&[("بعد مغادرته الرباط قال الوزير إن رحلته التي استغرقت يومين كانت علنية بشكل غير مسبوق وتنذر", true), ("بتعاون عميق.", false)]),
            vec!["بعد مغادرته الرباط قال الوزير إن رحلته التي استغرقت يومين كانت علنية بشكل غير مسبوق وتنذر بتعاون عميق.".to_owned()]
        );
        // A headline over its first paragraph stays apart.
        let title = "الوزير يزور الرباط في أول زيارة رسمية";
        let para = "وصل الوزير إلى الرباط مساء اليوم في أول زيارة رسمية يقوم بها.";
        assert_eq!(
            texts(&[(title, true), (para, false)]),
            vec![title.to_owned(), para.to_owned()]
        );
        // A blank line is a paragraph break.
        let long = "تأمل الحكومة في أن تتطور علاقاتها مع شركائها إلى علاقة عميقة لا تقوم فقط على أساس";
        assert_eq!(texts(&[(long, true), (para, true)]).len(), 2);
    }
}
