//! The head of an article: the lines just above the body region, read upwards from the body
//! (captions, dateline, date, byline, then the standfirst and the headline), stopping at the
//! site's own furniture. A headline is never a ticker, breadcrumb or list item.

use crate::block::{Block, Kind};
use crate::boilerplate::{Furniture, key};
use crate::features::Features;
use crate::{byline, published};

/// How many blocks above the body the head may span.
const SPAN: usize = 14;

/// Indices of the head's parts.
#[derive(Debug, Clone, Default)]
pub(crate) struct Head {
    /// The headline block.
    pub title: Option<usize>,
    /// The standfirst block.
    pub subtitle: Option<usize>,
    /// Caption blocks.
    pub captions: Vec<usize>,
    /// Byline blocks, nearest the body first.
    pub bylines: Vec<usize>,
    /// Date-line blocks, nearest the body first.
    pub dates: Vec<usize>,
}

/// What a head line is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    /// Site furniture or prose: the head ends.
    Stop,
    /// Aggregator lines and the like: step over.
    Skip,
    Byline,
    Date,
    Caption,
    /// Could be a headline or standfirst.
    Candidate,
    /// A short line that is none of the above.
    Short,
}

fn role(b: &Block, f: &Features) -> Role {
    if f.aggregator {
        return Role::Skip;
    }
    // Share bars and link rows sit between headline and body: step over them. Breadcrumbs,
    // tickers and list headers sit above the headline or start other lists: stop there.
    if b.ticker || f.breadcrumb || f.furniture == Some(Furniture::ListHeader) {
        return Role::Stop;
    }
    if f.furniture.is_some() || b.link_density() > 0.5 {
        return Role::Skip;
    }
    let s = &f.shape;
    if published::looks_like_date_line(&b.text) || published::visible(&b.text, None).is_some() {
        return Role::Date;
    }
    if b.kind == Kind::Caption || s.credit || (f.repeats >= 2 && s.words >= 3) {
        return Role::Caption;
    }
    if byline::parse(&b.text).is_some() {
        return Role::Byline;
    }
    let period = b
        .text
        .trim_end_matches(['"', '”', '»', ')', ' '])
        .ends_with('.');
    if (4..=40).contains(&s.words) && !s.ellipsis && !s.colon && !period {
        return Role::Candidate;
    }
    if s.words <= 5 && !s.terminal {
        return Role::Short;
    }
    Role::Stop
}

/// Read the head above the body, which starts at block `start`. `known_title` is the
/// headline the markup gave, if any: its block is looked up instead of guessed. In plain
/// page text (`plain`) a lone short line between headline and body is a caption (an image's
/// alt text); markup marks its captions, so there such a line is left alone.
pub(crate) fn read(
    blocks: &[Block],
    feats: &[Features],
    start: usize,
    known_title: Option<&str>,
    plain: bool,
) -> Head {
    let mut head = Head::default();
    let floor = start.saturating_sub(SPAN);
    let visible = |i: usize| !blocks[i].noise || blocks[i].content;
    if let Some(t) = known_title {
        let tk = key(t);
        let found = (0..start).rev().filter(|&i| visible(i)).find(|&i| {
            let bk = feats[i].key.as_str();
            !bk.is_empty()
                && (bk == tk
                    || (bk.len() >= 12 && tk.contains(bk))
                    || (tk.len() >= 12 && bk.contains(&tk) && bk.len() < tk.len() * 2))
        });
        if let Some(ti) = found {
            head.title = Some(ti);
            for i in ti + 1..start {
                if !visible(i) {
                    continue;
                }
                match role(&blocks[i], &feats[i]) {
                    Role::Byline => head.bylines.insert(0, i),
                    Role::Date => head.dates.insert(0, i),
                    Role::Caption => head.captions.push(i),
                    Role::Candidate if head.subtitle.is_none() && feats[i].shape.words >= 6 => {
                        head.subtitle = Some(i)
                    }
                    _ => {}
                }
            }
            return head;
        }
    }
    let mut i = start;
    while i > floor {
        i -= 1;
        if !visible(i) {
            continue;
        }
        match role(&blocks[i], &feats[i]) {
            Role::Skip => {}
            Role::Byline => head.bylines.push(i),
            Role::Date => head.dates.push(i),
            Role::Caption => head.captions.push(i),
            Role::Short if plain && feats[i].shape.words >= 2 => head.captions.push(i),
            Role::Short => {}
            Role::Candidate if under_list_header(blocks, feats, i) => break,
            Role::Candidate => {
                let above = (floor..i).rev().find(|&j| visible(j));
                match above {
                    Some(j) if role(&blocks[j], &feats[j]) == Role::Candidate => {
                        head.title = Some(j);
                        head.subtitle = Some(i);
                    }
                    _ => head.title = Some(i),
                }
                break;
            }
            Role::Stop => break,
        }
    }
    head.captions.reverse();
    head
}

/// Whether the line at `i` is an item of a list: above it, past other headline-shaped
/// lines only, comes a list header («اقرأ أيضا», «أخبار ذات صلة» …).
fn under_list_header(blocks: &[Block], feats: &[Features], i: usize) -> bool {
    for j in (i.saturating_sub(12)..i).rev() {
        if feats[j].furniture == Some(Furniture::ListHeader) {
            return true;
        }
        if !matches!(role(&blocks[j], &feats[j]), Role::Candidate | Role::Short) {
            return false;
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::features::features;

    /// `lines` of plain text, the body starting at `start`: (title, subtitle, captions).
    fn check(
        lines: &[&str],
        start: usize,
        title: Option<&str>,
        subtitle: Option<&str>,
        captions: &[&str],
    ) {
        let blocks: Vec<Block> = lines
            .iter()
            .map(|l| Block::text((*l).to_owned(), true, false))
            .collect();
        let feats = features(&blocks);
        let head = read(&blocks, &feats, start, None, true);
        let text = |i: Option<usize>| i.map(|i| blocks[i].text.as_str());
        assert_eq!(text(head.title), title, "title");
        assert_eq!(text(head.subtitle), subtitle, "subtitle");
        let got: Vec<&str> = head
            .captions
            .iter()
            .map(|&i| blocks[i].text.as_str())
            .collect();
        assert_eq!(got, captions, "captions");
    }

    const BODY: &str =
        "قال الوزير في تصريح للصحفيين إن الزيارة تهدف إلى تعزيز التعاون بين البلدين.";

    #[test]
    fn headline_and_standfirst() {
        check(
            &[
                "الرئيسية » سياسة",
                "الوزير يزور الرباط في أول زيارة رسمية",
                "زيارة تستمر يومين يبحث خلالها الوزير ملفات التعاون الأمني والاقتصادي",
                "بقلم سعاد بنعلي",
                BODY,
            ],
            4,
            Some("الوزير يزور الرباط في أول زيارة رسمية"),
            Some("زيارة تستمر يومين يبحث خلالها الوزير ملفات التعاون الأمني والاقتصادي"),
            &[],
        );
    }

    #[test]
    fn share_bar_between_headline_and_body() {
        check(
            &[
                "الوزير يزور الرباط في أول زيارة رسمية",
                "شارك",
                "فيسبوك تويتر",
                BODY,
            ],
            3,
            Some("الوزير يزور الرباط في أول زيارة رسمية"),
            None,
            &[],
        );
    }

    #[test]
    fn no_headline_under_a_breadcrumb() {
        check(
            &[
                "الرئيسية » في الأخبار أيضا",
                "العلم الاسرائيلي",
                "الرباط - كمال العلمي",
                BODY,
            ],
            3,
            None,
            None,
            &["العلم الاسرائيلي"],
        );
    }

    #[test]
    fn never_a_related_list_item() {
        check(
            &[
                BODY,
                "اقرأ أيضا",
                "الوزير يزور الرباط في أول زيارة رسمية",
                BODY,
            ],
            3,
            None,
            None,
            &[],
        );
    }
}
