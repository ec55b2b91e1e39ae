//! Plain page text (a browser's select-all copy) to blocks: one block per non-empty line,
//! a blank line marking a paragraph break, tickers recognised by their runs of spaces.

use crate::block::Block;
use crate::shape::is_ticker;

/// The blocks of plain page text.
pub(crate) fn blocks(text: &str) -> Vec<Block> {
    let mut out = Vec::new();
    let mut gap = true;
    for raw in text.lines() {
        let line = raw.trim_matches(|c: char| {
            c.is_whitespace() || c == '\u{feff}' || c == '\u{200f}' || c == '\u{200e}'
        });
        if line.is_empty() {
            gap = true;
            continue;
        }
        out.push(Block::text(line.to_owned(), gap, is_ticker(line)));
        gap = false;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_and_gaps() {
        let b = blocks("عنوان\n\nفقرة أولى\nتتمة\n\n\nأ    ب    ج    د\n");
        let got: Vec<(&str, bool, bool)> = b
            .iter()
            .map(|b| (b.text.as_str(), b.gap_before, b.ticker))
            .collect();
        assert_eq!(
            got,
            vec![
                ("عنوان", true, false),
                ("فقرة أولى", true, false),
                ("تتمة", false, false),
                ("أ    ب    ج    د", true, true)
            ]
        );
    }
}
