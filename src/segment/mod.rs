//! Segmentation: a statement body → paragraphs → sentences, as byte spans.
//!
//! Two steps, each in its own module:
//!
//! - `blocks`: the structure. Paragraphs end at blank lines; list items and
//!   headings start their own; a hard line wrap is not a break. Markdown is read as
//!   structure: headings (ATX, setext, a line of strong text) are one unit each,
//!   a table row is a paragraph whose non-empty cells are blocks, rules and
//!   underlines are no content, `<br><br>` separates blocks.
//! - `prose`: sentence bounds inside a block. Sentences end at `.`, `?`, `!` (and
//!   CJK stops) followed by white space, unless the word before the period is an
//!   abbreviation, an initial or a dotted acronym. Official prose is dense with
//!   those ("U.S.", "Gen.", "Janet L. Yellen", "No. 5", "10 a.m."), so when in
//!   doubt we do not split.
//!
//! A sentence is called a unit where it is a heading or a table cell. List
//! markers (`- `, `1. `, `2.) `, `(a) `) and heading marks (`## `, underlines) are
//! kept out of a unit's text by design: renumbering a list is not a change of its
//! items. Inline Markdown (links, emphasis, escapes) is left in the text as it is
//! in the source, but no boundary falls inside a link or strong emphasis.
//!
//! The same text always gives the same segmentation, whatever it is compared with.
//! Segmentation is lossless: the sentences and the gaps between them (white space,
//! markers, pipes, underlines, `<br>` tags) rebuild the input exactly; see
//! [`pieces`].

mod abbreviations;
mod blocks;
mod markers;
mod prose;

use blocks::BlockKind;
use std::ops::Range;

/// One sentence: its byte span in the segmented text and its paragraph.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sentence {
    /// Byte range in the text, trimmed of white space.
    pub span: Range<usize>,
    /// 0-based index of the paragraph the sentence belongs to.
    pub paragraph: usize,
}

/// Paragraphs and sentences of a text, both as byte spans of that text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Segmentation {
    /// The content of each paragraph (markers and surrounding white space excluded).
    pub paragraphs: Vec<Range<usize>>,
    /// Sentences in reading order; each lies inside its paragraph.
    pub sentences: Vec<Sentence>,
}

/// Segments `text` into paragraphs and sentences.
pub fn segment(text: &str) -> Segmentation {
    let structure = blocks::structure(text);
    let mut sentences = Vec::with_capacity(structure.blocks.len());
    for block in &structure.blocks {
        let paragraph = block.paragraph;
        if block.kind == BlockKind::Title {
            sentences.push(Sentence {
                span: block.span.clone(),
                paragraph,
            });
            continue;
        }
        let content = &text[block.span.clone()];
        let mut start = 0;
        for end in prose::sentence_ends(content) {
            let lead = prose::gap_len(&content[start..end]);
            // A marker left alone by a bold passage cut across lines (`… end.**`
            // wrapped before its `**`) is no sentence: it stays in the gap.
            let lead = lead + section_number_len(&content[start + lead..end]);
            if !is_emphasis_marks(&content[start + lead..end]) {
                sentences.push(Sentence {
                    span: block.span.start + start + lead..block.span.start + end,
                    paragraph,
                });
            }
            start = end;
        }
    }
    Segmentation {
        paragraphs: structure.paragraphs,
        sentences,
    }
}

/// The section number a sentence opens with, and the emphasis marks and white
/// space before it (`**  3.5 Scope.`, `9.2 Informal Process First.`, run in
/// after the sentence before): a number of the item, as at the start of a line
/// (see `markers::section`), and so part of the gap. 0 when there is none.
fn section_number_len(sentence: &str) -> usize {
    let marks = sentence.len()
        - sentence
            .trim_start_matches(|c: char| c == '*' || c == '_' || c.is_whitespace())
            .len();
    match markers::section(&sentence[marks..]) {
        // Not the whole sentence: "2.3 Fees." keeps "Fees.".
        Some((_, len)) if marks + len < sentence.len() => marks + len,
        _ => 0,
    }
}

/// Text that is only emphasis marks (`**`, `_`) and white space: no words.
fn is_emphasis_marks(text: &str) -> bool {
    text.bytes()
        .all(|b| matches!(b, b'*' | b'_') || b.is_ascii_whitespace())
}

impl Segmentation {
    /// The sentences' texts, taken from `text` (the text that was segmented).
    pub fn sentence_texts<'a>(&self, text: &'a str) -> Vec<&'a str> {
        self.sentences
            .iter()
            .map(|s| &text[s.span.clone()])
            .collect()
    }
}

/// A piece of the segmented text: a sentence, or the gap before/after one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Piece<'a> {
    /// A sentence's text.
    Sentence(&'a str),
    /// White space and Markdown structure (`- `, `1. `, `## `, `|`, `---`, `<br>`)
    /// between sentences.
    Gap(&'a str),
}

/// All pieces of `text` in order; concatenated they are exactly `text`.
pub fn pieces<'a>(text: &'a str, segmentation: &Segmentation) -> Vec<Piece<'a>> {
    let mut out = Vec::with_capacity(segmentation.sentences.len() * 2 + 1);
    let mut at = 0;
    for sentence in &segmentation.sentences {
        if sentence.span.start > at {
            out.push(Piece::Gap(&text[at..sentence.span.start]));
        }
        out.push(Piece::Sentence(&text[sentence.span.clone()]));
        at = sentence.span.end;
    }
    if at < text.len() {
        out.push(Piece::Gap(&text[at..]));
    }
    out
}

/// Byte ranges of lines, each with its terminator: `\n`, `\r\n`, or a lone `\r`
/// (old Mac files and text pasted from some editors).
pub fn lines(text: &str) -> impl Iterator<Item = Range<usize>> + '_ {
    let bytes = text.as_bytes();
    let mut start = 0;
    std::iter::from_fn(move || {
        if start >= bytes.len() {
            return None;
        }
        let mut end =
            memchr::memchr2(b'\n', b'\r', &bytes[start..]).map_or(bytes.len(), |i| start + i + 1);
        if bytes[end - 1] == b'\r' && bytes.get(end) == Some(&b'\n') {
            end += 1;
        }
        let line = start..end;
        start = end;
        Some(line)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sentences(text: &str) -> Vec<&str> {
        segment(text).sentence_texts(text)
    }

    #[test]
    fn a_wrapped_line_starting_with_a_number_is_no_list_item() {
        let text = "The talks resume before Jan.\n15. The envoy agreed.\n\n1. first\n2. second";
        assert_eq!(
            sentences(text),
            [
                "The talks resume before Jan.\n15.",
                "The envoy agreed.",
                "first",
                "second"
            ]
        );
    }

    #[test]
    fn paragraphs_split_on_blank_lines_not_on_wraps() {
        let text = "First line\nwraps here.\n\nSecond paragraph.\n";
        let seg = segment(text);
        assert_eq!(seg.paragraphs.len(), 2);
        assert_eq!(&text[seg.paragraphs[0].clone()], "First line\nwraps here.");
    }

    #[test]
    fn lone_carriage_returns_break_lines() {
        let text = "First paragraph.\r\rSecond\r\nparagraph.\n";
        let seg = segment(text);
        assert_eq!(seg.paragraphs.len(), 2);
        let spans: Vec<_> = lines(text).map(|l| &text[l]).collect();
        assert_eq!(
            spans,
            ["First paragraph.\r", "\r", "Second\r\n", "paragraph.\n"]
        );
    }

    #[test]
    fn list_items_and_headings_are_paragraphs() {
        let text = "## Decision\nThe rate stays\n- one item\n- two items\n  wrapped\n1. first";
        let seg = segment(text);
        let paras: Vec<_> = seg.paragraphs.iter().map(|p| &text[p.clone()]).collect();
        assert_eq!(
            paras,
            [
                "Decision",
                "The rate stays",
                "one item",
                "two items\n  wrapped",
                "first"
            ]
        );
    }

    #[test]
    fn pieces_rebuild_the_text() {
        let text = "  - A. B? C!\n\n# Head\n\nTail without stop";
        let seg = segment(text);
        let rebuilt: String = pieces(text, &seg)
            .iter()
            .map(|p| match p {
                Piece::Sentence(s) | Piece::Gap(s) => *s,
            })
            .collect();
        assert_eq!(rebuilt, text);
    }

    #[test]
    fn basic_splits() {
        assert_eq!(
            sentences("Talks ended. Both sides left? Yes!"),
            ["Talks ended.", "Both sides left?", "Yes!"]
        );
    }

    #[test]
    fn am_pm_followed_by_a_day_continues() {
        assert_eq!(sentences("We meet at 10 a.m. Friday in Geneva.").len(), 1);
        assert_eq!(sentences("We met at 10 a.m. Officials then left.").len(), 2);
    }
}
