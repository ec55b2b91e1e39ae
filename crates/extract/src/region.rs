//! The main content region: every block gets a content value (positive for prose, negative
//! for short lines, link lists, tickers and furniture), and the region is the run of blocks
//! with the largest sum (Kadane's maximum subarray: one linear pass). Short in-body lines
//! (subheadings, captions) stay inside because the prose around them outweighs them.
//!
//! Two corrections to the one run, both from the page's own evidence: when the page's
//! description (its summary in `<meta>`) opens a block outside the run and the best run
//! through that block is apart from it, that run is the article (`best_run_through`); and on
//! HTML, the prose of the element that holds most of the run joins it across a widget or a
//! table of contents (`extend_in_container`), and over the short plain lines of that
//! element next to the run (`grow_in_element`).

use crate::block::{Block, Kind};
use crate::features::Features;

/// The content value of one block.
pub(crate) fn value(b: &Block, f: &Features, has_content_container: bool) -> f32 {
    let s = &f.shape;
    let w = s.words as f32;
    if f.is_furniture(b) {
        return -(15.0 + w.min(30.0));
    }
    // A question or exclamation that short is a headline more often than a sentence.
    let question = b
        .text
        .trim_end_matches(['"', '”', '»', ')', ' '])
        .ends_with(['?', '؟', '!']);
    let sentence = s.terminal && s.words >= if question { 15 } else { 6 };
    let mut v = if sentence {
        w - 4.0
    } else if s.words >= 20 && !s.ellipsis {
        // Long lines without a sentence end: paragraphs broken mid-sentence, or standfirsts.
        0.5 * w - 6.0
    } else {
        -(3.0 + w.min(12.0) * 0.5)
    };
    if s.ellipsis {
        v = -(5.0 + w.min(20.0) * 0.5);
    }
    if v > 0.0 && s.words >= 6 && s.stop_ratio < 0.04 && s.arabic > s.latin {
        // Long lines without a single function word are lists of names or headlines.
        v *= 0.5;
    }
    if f.repeats >= 2 && v > 0.0 {
        v = -5.0;
    }
    let ld = b.link_density();
    if ld > 0.5 {
        v = -(5.0 + w.min(30.0) * ld);
    } else if v > 0.0 {
        v *= 1.0 - ld;
    }
    if matches!(b.kind, Kind::Heading(_) | Kind::Caption) && v > 0.0 {
        v = -3.0;
    }
    if b.hinted && !b.noise {
        v = if v > 0.0 { v * 0.3 - 3.0 } else { v - 5.0 };
    }
    if b.noise {
        v = if v > 0.0 { v * 0.1 - 10.0 } else { v - 10.0 };
    }
    if has_content_container {
        if b.content && v > 0.0 {
            v *= 1.5;
        } else if b.content {
            // Inside a trusted article container, furniture between paragraphs (a related
            // list, a share bar) must not cut the body short.
            v *= 0.25;
        } else if v > 0.0 {
            v *= 0.3;
        }
    }
    v
}

/// Move the start of `run` past leading lines that end no sentence and do not continue on
/// the next line (standfirsts and kickers the run swallowed); at most two.
pub(crate) fn trim_start(
    blocks: &[Block],
    feats: &[Features],
    run: (usize, usize),
) -> (usize, usize) {
    let (mut s, e) = run;
    for _ in 0..2 {
        let continues = s < e && !blocks[s + 1].gap_before;
        if s < e && !feats[s].shape.terminal && !continues {
            s += 1;
        } else {
            break;
        }
    }
    (s, e)
}

/// The inclusive block range with the largest total value, if any value is positive.
pub(crate) fn best_run(values: &[f32]) -> Option<(usize, usize)> {
    let mut best: Option<(f32, usize, usize)> = None;
    let mut sum = 0.0f32;
    let mut start = 0usize;
    for (i, &v) in values.iter().enumerate() {
        if sum <= 0.0 {
            sum = 0.0;
            start = i;
        }
        sum += v;
        if sum > 0.0 && best.is_none_or(|(b, _, _)| sum > b) {
            best = Some((sum, start, i));
        }
    }
    best.map(|(_, s, e)| (s, e))
}

/// The least share of a run's prose value that one container must hold for the run to be
/// extended within it.
const CONTAINER_SHARE: f32 = 0.5;

/// Grow `run` to the prose of the element that holds most of it: a table of contents, an
/// advertisement or a widget between two parts of one article body weighs less than the
/// parts, so the best run holds one part only; the other parts' paragraphs share the first
/// part's container. Prose blocks (`values > 0`, not furniture) of that container outside the
/// run, from `floor` on, join; the blocks of other elements that the grown range newly
/// covers are added to `skip`. Returns the grown run.
pub(crate) fn extend_in_container(
    blocks: &[Block],
    values: &[f32],
    run: (usize, usize),
    floor: usize,
    skip: &mut std::collections::HashSet<usize>,
) -> (usize, usize) {
    let (s, e) = run;
    let prose = |i: usize| values[i] > 0.0 && !blocks[i].noise && !blocks[i].hinted;
    let Some(container) = main_container(blocks, values, run) else {
        return run;
    };
    let joins = |i: usize| blocks[i].container == container && prose(i) && !skip.contains(&i);
    let first = (floor.min(s)..s).find(|&i| joins(i)).unwrap_or(s);
    let last = (e + 1..blocks.len()).rev().find(|&i| joins(i)).unwrap_or(e);
    for i in (first..s).chain(e + 1..=last) {
        if blocks[i].container != container {
            skip.insert(i);
        }
    }
    (first, last)
}

/// The element that holds most of `run`'s prose: at least [`CONTAINER_SHARE`] of its value.
/// `None` on plain page text (no elements) or when no element holds that much.
pub(crate) fn main_container(blocks: &[Block], values: &[f32], run: (usize, usize)) -> Option<u32> {
    let prose = |i: usize| values[i] > 0.0 && !blocks[i].noise && !blocks[i].hinted;
    let mut weights: Vec<(u32, f32)> = Vec::new();
    let mut total = 0.0f32;
    for i in (run.0..=run.1).filter(|&i| prose(i)) {
        total += values[i];
        match weights.iter_mut().find(|(c, _)| *c == blocks[i].container) {
            Some((_, w)) => *w += values[i],
            None => weights.push((blocks[i].container, values[i])),
        }
    }
    let &(container, weight) = weights.iter().max_by(|a, b| a.1.total_cmp(&b.1))?;
    (container != 0 && weight >= CONTAINER_SHARE * total).then_some(container)
}

/// Whether block `i` is plain: not navigation, a furniture container, furniture wording or
/// a list of links.
pub(crate) fn plain(blocks: &[Block], feats: &[Features], i: usize) -> bool {
    let b = &blocks[i];
    !b.noise && !b.hinted && !feats[i].is_furniture(b) && b.link_density() <= 0.5
}

/// Grow `run` over the plain blocks inside `element` (the one that holds most of its prose;
/// `parents` is the page's element tree) next to it, up to the first block that is not:
/// the article's short lines before its first paragraph and after its last one (a one-line
/// greeting, a signature, an address, a table or list that closes it) are in the article's
/// element, a widget's lines are not. Never above `floor` (the
/// headline) and never over a block of `stops` (the head's lines: headline, standfirst,
/// bylines, date lines, captions).
pub(crate) fn grow_in_element(
    blocks: &[Block],
    feats: &[Features],
    run: (usize, usize),
    element: u32,
    floor: usize,
    stops: &std::collections::HashSet<usize>,
    parents: &[u32],
) -> (usize, usize) {
    let joins = |i: usize| {
        within(parents, blocks[i].container, element)
            && !stops.contains(&i)
            && plain(blocks, feats, i)
    };
    let (mut s, mut e) = run;
    while s > floor && joins(s - 1) {
        s -= 1;
    }
    while e + 1 < blocks.len() && joins(e + 1) {
        e += 1;
    }
    (s, e)
}

/// Whether element `inner` is `outer` or inside it; `parents` is the page's element tree
/// ([`crate::meta::Meta::parents`]).
pub(crate) fn within(parents: &[u32], mut inner: u32, outer: u32) -> bool {
    // Every step goes to a smaller number (an element opens after its parent), so the walk
    // ends; the bound guards a malformed table.
    for _ in 0..=parents.len() {
        if inner == outer {
            return true;
        }
        match parents.get(inner as usize) {
            Some(&p) if p < inner => inner = p,
            _ => return false,
        }
    }
    false
}

/// The inclusive block range with the largest total value among those that hold block `at`
/// (`at` must be an index of `values`).
pub(crate) fn best_run_through(values: &[f32], at: usize) -> (usize, usize) {
    let (mut start, mut best, mut sum) = (at, 0.0f32, 0.0f32);
    for i in (0..at).rev() {
        sum += values[i];
        if sum > best {
            (start, best) = (i, sum);
        }
    }
    let (mut end, mut best, mut sum) = (at, 0.0f32, 0.0f32);
    for (i, &v) in values.iter().enumerate().skip(at + 1) {
        sum += v;
        if sum > best {
            (end, best) = (i, sum);
        }
    }
    (start, end)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kadane() {
        assert_eq!(
            best_run(&[-5.0, 10.0, -3.0, 20.0, -30.0, 8.0]),
            Some((1, 3))
        );
        assert_eq!(best_run(&[-1.0, -2.0]), None);
        assert_eq!(best_run(&[]), None);
    }

    #[test]
    fn element_tree() {
        // 1 ⊃ 2 ⊃ 3, 1 ⊃ 4; 5 at the top.
        let parents = [0, 0, 1, 2, 1, 0];
        assert!(within(&parents, 3, 1));
        assert!(within(&parents, 3, 3));
        assert!(within(&parents, 4, 1));
        assert!(!within(&parents, 4, 2));
        assert!(!within(&parents, 5, 1));
        assert!(!within(&parents, 1, 3));
        // A malformed table (a loop, an unknown number) never hangs and says no.
        assert!(!within(&[0, 2, 1], 1, 5));
        assert!(!within(&parents, 9, 1));
    }

    #[test]
    fn run_through_a_block() {
        let v = [-5.0, 10.0, -3.0, 20.0, -30.0, 8.0, -1.0, 2.0];
        assert_eq!(best_run_through(&v, 5), (5, 7));
        assert_eq!(best_run_through(&v, 2), (1, 3));
        assert_eq!(best_run_through(&v, 0), (0, 3));
        assert_eq!(best_run_through(&[-4.0], 0), (0, 0));
    }
}
