//! The one model of a page that both inputs become: blocks of text in reading order, each
//! with the layout hints its input could give (HTML knows links and containers, text does not).

/// What the markup says a block is; plain page text gives [`Kind::Text`] throughout.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// A paragraph or a bare line.
    Text,
    /// An `<h1>`–`<h6>` heading, with its level.
    Heading(u8),
    /// A list item or table cell.
    Item,
    /// A `<figcaption>` or an element marked as a caption.
    Caption,
}

/// One block of visible text.
#[derive(Debug, Clone)]
pub(crate) struct Block {
    /// The text, trimmed.
    pub text: String,
    /// What the markup says it is.
    pub kind: Kind,
    /// Several items joined by runs of spaces (a headline ticker).
    pub ticker: bool,
    /// Characters of the text that sit inside links.
    pub link_chars: usize,
    /// A paragraph break (blank line, block element, `<br><br>`) comes before it.
    pub gap_before: bool,
    /// It sits in a navigation, footer, sidebar, share or related-news container.
    pub noise: bool,
    /// A container's class names it furniture (`related`, `share`, `sidebar` …): a hint
    /// that prose can outweigh.
    pub hinted: bool,
    /// It sits in a container marked as the article body.
    pub content: bool,
    /// Which element holds its block element (a number per page; 0 for the document and
    /// for plain page text): paragraphs of one article body share it.
    pub container: u32,
}

impl Block {
    /// A plain block of page text.
    pub(crate) fn text(text: String, gap_before: bool, ticker: bool) -> Self {
        Block {
            text,
            kind: Kind::Text,
            ticker,
            link_chars: 0,
            gap_before,
            noise: false,
            hinted: false,
            content: false,
            container: 0,
        }
    }

    /// The share of characters inside links.
    pub(crate) fn link_density(&self) -> f32 {
        let chars = self.text.chars().filter(|c| !c.is_whitespace()).count();
        if chars == 0 {
            0.0
        } else {
            (self.link_chars as f32 / chars as f32).min(1.0)
        }
    }
}
