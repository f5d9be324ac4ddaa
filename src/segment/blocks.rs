//! The structure of a body, read line by line: paragraphs, and the blocks of text
//! inside them that sentences never cross. Plain text is paragraphs between blank
//! lines; Markdown adds:
//!
//! - list items (`- `, `1. `, `(a) `, `• 9. `, nested by indentation) and ATX
//!   headings (`## `, closing hashes too) start paragraphs; inside running text
//!   only a bullet, `1.` or the next number of a list under way starts an item, so
//!   a wrapped "No.\n5. The" or "Donald\nL. Kohn" stays text;
//! - a list item that holds the next items on the same line ("1) The first 2) The
//!   second") is split into one paragraph per item;
//! - headings — ATX, setext (one line over `===` or `---`) and a line that is only
//!   strong text (`**Who we are**`) — are one unit each, never split into
//!   sentences;
//! - underlines, horizontal rules (`---`, `* * *`) and a table's `| --- |` row
//!   are no content;
//! - block quotes: the `>` prefix is a marker; a change of depth starts a paragraph;
//! - a table row is one paragraph and each non-empty cell a block, so that reports
//!   show a cell under its row;
//! - inside any block, `<br><br>` and `<br>` before a list marker separate blocks;
//!   a single `<br>` is a line break.
//!
//! Markers, pipes, underlines and `<br>` tags between blocks are left to the gaps.

use super::lines;
use super::markers::{self, Marker, MarkerKind, Ordinal};
use super::prose::{br_run, gap_len, trim_end_gap};
use std::ops::Range;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum BlockKind {
    /// Split into sentences.
    Prose,
    /// A heading: one unit.
    Title,
}

/// A run of text that sentences do not cross.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Block {
    pub(super) span: Range<usize>,
    pub(super) paragraph: usize,
    pub(super) kind: BlockKind,
}

pub(super) struct Structure {
    pub(super) paragraphs: Vec<Range<usize>>,
    pub(super) blocks: Vec<Block>,
}

/// A paragraph still open: the lines that follow may continue it.
struct Open {
    span: Range<usize>,
    /// Its first line without indentation (a table's header row when a `| --- |`
    /// row follows).
    first_line: Range<usize>,
    lines: usize,
    /// The marker of a list item.
    item: Option<Marker>,
}

pub(super) fn structure(text: &str) -> Structure {
    let mut out = Builder {
        text,
        paragraphs: Vec::new(),
        blocks: Vec::new(),
        first_block: 0,
    };
    let mut open: Option<Open> = None;
    let mut last_ordinal: Option<Ordinal> = None;
    let mut quote_depth = 0;
    let mut in_table = false;
    for line_span in lines(text) {
        let line = text[line_span.clone()].trim_end();
        let indent = line.len() - line.trim_start().len();
        let (depth, quote_len) = quote_prefix(&line[indent..]);
        let rest = &line[indent + quote_len..];
        let start = line_span.start + indent + quote_len;
        let span = start..start + rest.len();
        if depth != quote_depth {
            out.close(open.take(), &mut last_ordinal);
            quote_depth = depth;
            in_table = false;
        }
        if rest.is_empty() {
            // A blank line ends everything a line can continue: what follows
            // segments as if the text began there.
            out.close(open.take(), &mut last_ordinal);
            last_ordinal = None;
            in_table = false;
            continue;
        }
        if is_delimiter_row(rest) {
            // The one line before it is the header row, with or without outer pipes.
            match open.take() {
                Some(header)
                    if header.lines == 1
                        && header.item.is_none()
                        && text[header.first_line.clone()].contains('|') =>
                {
                    out.row(header.first_line);
                }
                other => out.close(other, &mut last_ordinal),
            }
            in_table = true;
            continue;
        }
        if rest.starts_with('|') || (in_table && rest.contains('|')) {
            out.close(open.take(), &mut last_ordinal);
            out.row(span);
            in_table = true;
            continue;
        }
        in_table = false;
        if let Some(underline) = rule(rest) {
            match open.take() {
                Some(heading) if underline && heading.lines == 1 => {
                    out.paragraph(heading.span, BlockKind::Title);
                }
                other => out.close(other, &mut last_ordinal),
            }
            continue;
        }
        if is_strong_line(rest) {
            out.close(open.take(), &mut last_ordinal);
            out.paragraph(span, BlockKind::Title);
            continue;
        }
        let mut marker = markers::marker(rest);
        if let (Some(running), Some(ordinal), None) = (&open, marker.ordinal, marker.bullet)
            && marker.kind == MarkerKind::ListItem
        {
            // A wrapped line can start with a number or a letter ("… citing No.\n5.
            // Then", "Donald\nL. Kohn"): inside running text only `1.` starts a
            // list, inside a list only the next item or a nested list's first.
            let starts_item = match running.item {
                None => ordinal.is_plain_one(),
                Some(_) => {
                    ordinal.opens_a_list()
                        || last_ordinal.is_some_and(|last| last.is_followed_by(&ordinal))
                }
            };
            if !starts_item {
                marker = Marker::NONE;
            }
        }
        match marker.kind {
            MarkerKind::Heading => {
                out.close(open.take(), &mut last_ordinal);
                let title = heading_text(&rest[marker.len..]);
                let title_start = start + marker.len;
                out.paragraph(title_start..title_start + title.len(), BlockKind::Title);
            }
            MarkerKind::ListItem => {
                out.close(open.take(), &mut last_ordinal);
                if marker.ordinal.is_some() {
                    last_ordinal = marker.ordinal;
                }
                open = Some(Open {
                    span: start + marker.len..span.end,
                    first_line: span,
                    lines: 1,
                    item: Some(marker),
                });
            }
            MarkerKind::None => match &mut open {
                Some(running) => {
                    running.span.end = span.end;
                    running.lines += 1;
                }
                None => {
                    open = Some(Open {
                        span: span.clone(),
                        first_line: span,
                        lines: 1,
                        item: None,
                    });
                }
            },
        }
    }
    out.close(open.take(), &mut last_ordinal);
    Structure {
        paragraphs: out.paragraphs,
        blocks: out.blocks,
    }
}

struct Builder<'a> {
    text: &'a str,
    paragraphs: Vec<Range<usize>>,
    blocks: Vec<Block>,
    /// The first block of the paragraph being built.
    first_block: usize,
}

impl Builder<'_> {
    /// Ends an open paragraph; a list item holding its next items on the same
    /// line becomes one paragraph per item.
    fn close(&mut self, open: Option<Open>, last_ordinal: &mut Option<Ordinal>) {
        let Some(open) = open else { return };
        let Some(Marker {
            ordinal: Some(mut ordinal),
            bullet,
            ..
        }) = open.item
        else {
            self.paragraph(open.span, BlockKind::Prose);
            return;
        };
        let mut start = open.span.start;
        while let Some((at, next)) = self.next_item(start..open.span.end, bullet, &ordinal) {
            self.paragraph(start..at, BlockKind::Prose);
            start = at + next.len;
            ordinal = next.ordinal.expect("an item with an ordinal");
        }
        self.paragraph(start..open.span.end, BlockKind::Prose);
        *last_ordinal = Some(ordinal);
    }

    /// The next item's marker inside `span`: after white space, the same bullet
    /// (or none) and the ordinal after `ordinal`, before a word that is not lower
    /// case, and not right after an abbreviation ("Art. 2. The" is a reference).
    fn next_item(
        &self,
        span: Range<usize>,
        bullet: Option<char>,
        ordinal: &Ordinal,
    ) -> Option<(usize, Marker)> {
        let content = &self.text[span.clone()];
        let bytes = content.as_bytes();
        let mut from = 0;
        while let Some(offset) = memchr::memchr3(b' ', b'\t', b'\n', &bytes[from..]) {
            let at = from + offset + 1;
            from = at;
            let Some(&first) = bytes.get(at) else { break };
            if first.is_ascii_whitespace() {
                continue;
            }
            let marker = markers::marker(&content[at..]);
            let follows = marker.kind == MarkerKind::ListItem
                && marker.bullet == bullet
                && marker
                    .ordinal
                    .is_some_and(|next| ordinal.is_followed_by(&next));
            if !follows
                || content[at + marker.len..].starts_with(char::is_lowercase)
                || at + marker.len == content.len()
            {
                continue;
            }
            let previous = content[..at].trim_end();
            let word = &previous[previous.rfind(char::is_whitespace).map_or(0, |i| i + 1)..];
            if word
                .strip_suffix('.')
                .is_some_and(super::abbreviations::is_abbreviation)
            {
                continue;
            }
            return Some((span.start + at, marker));
        }
        None
    }

    /// A paragraph of one block of text (split further at `<br>` breaks).
    fn paragraph(&mut self, span: Range<usize>, kind: BlockKind) {
        self.text_blocks(span, kind);
        self.end_paragraph();
    }

    /// One paragraph per table row, one block per non-empty cell.
    fn row(&mut self, span: Range<usize>) {
        let bytes = self.text.as_bytes();
        let mut cell_start = span.start;
        for pipe in memchr::memchr_iter(b'|', &bytes[span.clone()]) {
            let pipe = span.start + pipe;
            if pipe > span.start && bytes[pipe - 1] == b'\\' {
                continue;
            }
            self.cell(cell_start..pipe);
            cell_start = pipe + 1;
        }
        self.cell(cell_start..span.end);
        self.end_paragraph();
    }

    /// A cell's text, without the list marker it may open with (`| *   Log Data<br>*   …`).
    fn cell(&mut self, span: Range<usize>) {
        let text = &self.text[span.clone()];
        let start = span.start + gap_len(text);
        let marker = markers::marker(&self.text[start..span.end]);
        let start = match marker.kind {
            MarkerKind::ListItem => start + marker.len,
            _ => start,
        };
        self.text_blocks(start..span.end, BlockKind::Prose);
    }

    /// Adds the text in `span` to the paragraph being built: `<br><br>`, and `<br>`
    /// before a list marker (which goes to the gap), separate blocks.
    fn text_blocks(&mut self, span: Range<usize>, kind: BlockKind) {
        let bytes = self.text.as_bytes();
        let mut start = span.start;
        let mut search = span.start;
        while let Some(offset) = memchr::memchr(b'<', &bytes[search..span.end]) {
            let tag = search + offset;
            let (len, tags) = br_run(&self.text[tag..span.end]);
            search = tag + len.max(1);
            if tags == 0 {
                continue;
            }
            let marker = markers::marker(&self.text[search..span.end]);
            if tags >= 2 || marker.kind == MarkerKind::ListItem {
                self.block(start..tag, kind);
                start = search + marker.len;
                search = start;
            }
        }
        self.block(start..span.end, kind);
    }

    /// A block without white space and `<br>` tags around it, if anything is left.
    fn block(&mut self, span: Range<usize>, kind: BlockKind) {
        let text = &self.text[span.clone()];
        let start = span.start + gap_len(text);
        let end = span.start + trim_end_gap(text).len();
        if start < end && !super::is_emphasis_marks(&self.text[start..end]) {
            self.blocks.push(Block {
                span: start..end,
                paragraph: self.paragraphs.len(),
                kind,
            });
        }
    }

    fn end_paragraph(&mut self) {
        if let (Some(first), Some(last)) = (self.blocks.get(self.first_block), self.blocks.last()) {
            self.paragraphs.push(first.span.start..last.span.end);
        }
        self.first_block = self.blocks.len();
    }
}

/// The depth of a block quote (`>`, `> >`) and the length of its prefix.
fn quote_prefix(line: &str) -> (usize, usize) {
    let (mut depth, mut len) = (0, 0);
    while line[len..].starts_with('>') {
        depth += 1;
        len += 1;
        len += line[len..].len() - line[len..].trim_start().len();
    }
    (depth, len)
}

/// `| --- | :---: |`: the row under a table's header.
fn is_delimiter_row(line: &str) -> bool {
    // The first byte settles most lines without a scan.
    line.starts_with(['|', '-', ':'])
        && line.contains('|')
        && line.contains('-')
        && line
            .bytes()
            .all(|b| matches!(b, b'|' | b'-' | b':' | b' ' | b'\t'))
}

/// A horizontal rule or a setext underline (three or more `=`, `-`, `*` or `_`,
/// spaces allowed between them): `Some(true)` when it can underline a heading
/// (`===`, `---`, no spaces).
fn rule(line: &str) -> Option<bool> {
    let first = *line.as_bytes().first()?;
    if !matches!(first, b'=' | b'-' | b'*' | b'_') {
        return None;
    }
    let count = line.bytes().filter(|&b| b == first).count();
    let spaces = line.bytes().filter(|&b| b == b' ' || b == b'\t').count();
    (count >= 3 && count + spaces == line.len())
        .then_some(spaces == 0 && matches!(first, b'=' | b'-'))
}

/// A line that is only strong text, short as a heading is: `**Who we are**`,
/// `__Scope__`. A whole bold paragraph (a clause in capitals of emphasis, a
/// notice) is prose, split into sentences as any other.
fn is_strong_line(line: &str) -> bool {
    const HEADING_WORDS: usize = 20;
    ["**", "__"].iter().any(|mark| {
        let n = mark.len();
        line.len() > 2 * n
            && line.starts_with(mark)
            && line.ends_with(mark)
            && !line[n..line.len() - n].contains(mark)
            && !line[n..].starts_with(char::is_whitespace)
            && line.split_whitespace().nth(HEADING_WORDS).is_none()
    })
}

/// An ATX heading's text without its closing hashes (`## Scope ##`).
fn heading_text(title: &str) -> &str {
    let open = title.trim_end_matches('#');
    if open.len() < title.len() && (open.is_empty() || open.ends_with([' ', '\t'])) {
        open.trim_end()
    } else {
        title
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn blocks(text: &str) -> Vec<(usize, &str)> {
        structure(text)
            .blocks
            .iter()
            .map(|b| (b.paragraph, &text[b.span.clone()]))
            .collect()
    }

    #[test]
    fn tables_are_rows_of_cells() {
        let text = "|     |     |\n| --- | :-: |\n| **Purpose** | *   Basis |\n| One.<br><br>Two<br>*   item | x \\| y |\n";
        assert_eq!(
            blocks(text),
            [
                (0, "**Purpose**"),
                (0, "Basis"),
                (1, "One."),
                (1, "Two"),
                (1, "item"),
                (1, "x \\| y")
            ]
        );
    }

    #[test]
    fn a_header_row_without_outer_pipes() {
        let text = "Country | Phone\n--- | ---\nAustria | 0800 001180\n\nAfter.";
        assert_eq!(
            blocks(text),
            [
                (0, "Country"),
                (0, "Phone"),
                (1, "Austria"),
                (1, "0800 001180"),
                (2, "After.")
            ]
        );
    }

    #[test]
    fn headings_underlines_and_rules() {
        let text = "Privacy policy\n==============\n\n1\\. About us\n------------\n\nText\nwraps.\n---\n* * *\n**Who we are**\nWe are.\n### Scope ###";
        let seg = structure(text);
        let got: Vec<_> = seg
            .blocks
            .iter()
            .map(|b| (&text[b.span.clone()], b.kind))
            .collect();
        assert_eq!(
            got,
            [
                ("Privacy policy", BlockKind::Title),
                ("About us", BlockKind::Title),
                ("Text\nwraps.", BlockKind::Prose),
                ("**Who we are**", BlockKind::Title),
                ("We are.", BlockKind::Prose),
                ("Scope", BlockKind::Title),
            ]
        );
    }

    #[test]
    fn inline_items_become_paragraphs() {
        assert_eq!(
            blocks("1.) The Committee met. 2.) It decided."),
            [(0, "The Committee met."), (1, "It decided.")]
        );
        assert_eq!(
            blocks("a. One b. Two c. Three"),
            [(0, "One"), (1, "Two"), (2, "Three")]
        );
        // Not the next number, lower case after it, or a reference.
        assert_eq!(blocks("1. Rates 3. Later"), [(0, "Rates 3. Later")]);
        assert_eq!(blocks("1. Rates 2. items"), [(0, "Rates 2. items")]);
        assert_eq!(
            blocks("1. See Art. 2. The rule"),
            [(0, "See Art. 2. The rule")]
        );
    }

    #[test]
    fn wrapped_letters_and_numbers_stay_text() {
        assert_eq!(
            blocks("Voting were Donald\nL. Kohn and others.\n- item\n  b. wrapped"),
            [
                (0, "Voting were Donald\nL. Kohn and others."),
                (1, "item\n  b. wrapped")
            ]
        );
        assert_eq!(
            blocks("(a) first\n(b) second\n(d) wrapped"),
            [(0, "first"), (1, "second\n(d) wrapped")]
        );
    }

    #[test]
    fn block_quotes() {
        assert_eq!(
            blocks("Before.\n> Quoted\n> text.\n>\n> > Deeper.\nAfter."),
            [
                (0, "Before."),
                (1, "Quoted\n> text."),
                (2, "Deeper."),
                (3, "After.")
            ]
        );
    }
}
