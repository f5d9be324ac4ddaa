//! Redlines: word-level edits inside a revised sentence (or split/merge group).
//!
//! Both texts are cut into tokens (`tokens`): words, figures, web addresses,
//! runs of spaces and single marks. `similar` diffs the two token sequences
//! (Patience), then a semantic cleanup makes the edits read in whole words, as
//! `similar`'s own inline refinement does: a deletion next to an insertion
//! keeps the tokens both start or end with, and a lone insertion or deletion
//! slides to the most readable boundary (a space, then punctuation). Inputs are
//! folded texts (one line each), so the edits rebuild both texts exactly:
//! `equal` + `delete` pieces give the old text, `equal` + `insert` pieces the
//! new one.
//!
//! A figure is one token, so no edit boundary falls inside it, in any view of
//! the redline. A figure is a number with its glue: digits joined by `.`, `,`,
//! `/`, `:` or `-` (`1-3/4`, `1,200`, `2.5`, `10:30`, `2026-03-18`), or a whole
//! number and a fraction after one space (`3 1/2`); with a currency sign
//! written before it (`$300`), a sign (`-0.5`, at the start or after a space
//! or bracket) and a percent sign after it (`4%`). The words around a figure
//! stay words: `[-$300-]{+$350+} billion`, `0 to [-1/4-]{+1/2+} percent`. A web
//! address (`https://…`, `www.…`, up to white space, trailing punctuation left
//! out) is one token too: a changed address shows whole.

use serde::{Deserialize, Serialize};
use similar::{Algorithm, DiffOp, capture_diff_slices};
use unicode_segmentation::UnicodeSegmentation;

use crate::fold;

/// What a piece of a redline does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
#[non_exhaustive]
pub enum EditOp {
    /// In both sentences.
    Equal,
    /// Only in the old sentence.
    Delete,
    /// Only in the new sentence.
    Insert,
}

/// One piece of a redline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Edit {
    /// Kept, deleted or inserted.
    pub op: EditOp,
    /// The words and the spaces between them, as they read.
    pub text: String,
}

/// Word-level edits turning `old` into `new` (both single-line folded texts).
pub fn word_edits(old: &str, new: &str) -> Vec<Edit> {
    if old == new {
        return piece(EditOp::Equal, old);
    }
    let blocks = join_changes_across_spaces(token_blocks(old, new));
    blocks.into_iter().flat_map(Block::into_edits).collect()
}

/// The token diff of two texts, cleaned up, as kept text and changes.
fn token_blocks(old: &str, new: &str) -> Vec<Block> {
    let (old_tokens, new_tokens) = (tokens(old), tokens(new));
    let (old_tokens, new_tokens) = (&old_tokens[..], &new_tokens[..]);
    let mut runs = cleaned(old_tokens, new_tokens, diff(old_tokens, new_tokens));
    // A figure kept between two changes may be one that moved within a range:
    // "4-1/4 to 4-1/2" → "4 to 4-1/4" reads `{+4 to +}4-1/4 [-to 4-1/2 -]`.
    // Figures paired by place, `[-4-1/4-]{+4+} to [-4-1/2-]{+4-1/4+}`, keep the
    // words around them: that redline wins when it keeps more of them.
    if keeps_figure_between_changes(old_tokens, &runs) {
        let by_place = cleaned(
            old_tokens,
            new_tokens,
            diff_by_place(old_tokens, new_tokens),
        );
        if kept_words(old_tokens, &by_place) > kept_words(old_tokens, &runs) {
            runs = by_place;
        }
    }

    let bytes = |tokens: &[&str]| -> usize { tokens.iter().map(|t| t.len()).sum() };
    let mut blocks: Vec<Block> = Vec::new();
    // Token and byte positions in each text.
    let (mut at_old, mut at_new, mut byte_old, mut byte_new) = (0, 0, 0, 0);
    for run in runs {
        match run.tag {
            Tag::Equal => {
                let len = bytes(&old_tokens[at_old..at_old + run.len]);
                blocks.push(Block::Kept(old[byte_old..byte_old + len].to_string()));
                (at_old, at_new) = (at_old + run.len, at_new + run.len);
                (byte_old, byte_new) = (byte_old + len, byte_new + len);
            }
            Tag::Delete => {
                let len = bytes(&old_tokens[at_old..at_old + run.len]);
                let text = &old[byte_old..byte_old + len];
                match blocks.last_mut() {
                    Some(Block::Changed(deleted, _)) => deleted.push_str(text),
                    _ => blocks.push(Block::Changed(text.to_string(), String::new())),
                }
                at_old += run.len;
                byte_old += len;
            }
            Tag::Insert => {
                let len = bytes(&new_tokens[at_new..at_new + run.len]);
                let text = &new[byte_new..byte_new + len];
                match blocks.last_mut() {
                    Some(Block::Changed(_, inserted)) => inserted.push_str(text),
                    _ => blocks.push(Block::Changed(String::new(), text.to_string())),
                }
                at_new += run.len;
                byte_new += len;
            }
        }
    }
    blocks
}

/// Cuts a text into redline tokens: figures and web addresses whole (see the
/// module documentation), the rest at word boundaries (UAX #29: words, runs
/// of spaces, single marks), as `similar`'s inline diff cuts it.
fn tokens(text: &str) -> Vec<&str> {
    let mut tokens = Vec::with_capacity(text.len() / 3);
    let mut segments = Segments::new(text);
    let mut start = 0;
    while start < text.len() {
        let mut end = segments.end_of(start);
        if let Some(whole) = figure_end(text, start).or_else(|| address_end(text, start)) {
            // Whole segments: a figure such as "5bn" ends where its word does.
            while end < whole {
                end = segments.end_of(end);
            }
        }
        tokens.push(&text[start..end]);
        start = end;
    }
    tokens
}

/// Word-boundary segments of a text, asked for in order: plain ASCII (nearly
/// every sentence) is cut by a byte scanner that finds the same boundaries as
/// `split_word_bounds` (a proptest holds them equal).
enum Segments<'a> {
    Ascii(&'a [u8]),
    Unicode(std::iter::Peekable<unicode_segmentation::UWordBoundIndices<'a>>),
}

impl<'a> Segments<'a> {
    fn new(text: &'a str) -> Segments<'a> {
        if text.is_ascii() {
            Segments::Ascii(text.as_bytes())
        } else {
            Segments::Unicode(text.split_word_bound_indices().peekable())
        }
    }

    /// Where the segment starting at `start` ends (`start` is a boundary, and
    /// no smaller than the last one asked for).
    fn end_of(&mut self, start: usize) -> usize {
        match self {
            Segments::Ascii(bytes) => ascii_segment_end(bytes, start),
            Segments::Unicode(segments) => {
                while let Some(&(at, segment)) = segments.peek() {
                    segments.next();
                    if at == start {
                        return at + segment.len();
                    }
                }
                unreachable!("a segment starts at every boundary")
            }
        }
    }
}

/// UAX #29 on ASCII: a word (see [`fold::ascii_word_end`]), a run of spaces,
/// CR LF, or any other single byte.
fn ascii_segment_end(bytes: &[u8], start: usize) -> usize {
    match bytes[start] {
        b if fold::is_word_byte(b) => fold::ascii_word_end(bytes, start).0,
        b' ' => start + bytes[start..].iter().take_while(|&&b| b == b' ').count(),
        b'\r' if bytes.get(start + 1) == Some(&b'\n') => start + 2,
        _ => start + 1,
    }
}

/// Where a figure starting at byte `start` ends:
/// `[+-]? [$€£¥]? N ([.,/:-] N)* ( N/N)? %?`, N a run of ASCII digits (a sign
/// only at the start or after a space or an opening bracket, where it cannot
/// be a hyphen).
fn figure_end(text: &str, start: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    // Most tokens start with a letter or a space: none of these bytes (0xC2
    // and 0xE2 begin `£`, `¥` and `€`).
    let may_start =
        bytes[start].is_ascii_digit() || matches!(bytes[start], b'-' | b'+' | b'$' | 0xC2 | 0xE2);
    if !may_start {
        return None;
    }
    let mut at = start;
    let sign_may_stand = start == 0 || matches!(bytes[start - 1], b' ' | b'(' | b'[');
    if matches!(bytes[at], b'-' | b'+') && sign_may_stand {
        at += 1;
    }
    if let Some(sign) = ["$", "€", "£", "¥"]
        .iter()
        .find(|s| text[at..].starts_with(**s))
    {
        at += sign.len();
    }
    let digits = |from: usize| {
        from + bytes[from..]
            .iter()
            .take_while(|b| b.is_ascii_digit())
            .count()
    };
    if !bytes.get(at).is_some_and(u8::is_ascii_digit) {
        return None;
    }
    let number = at;
    at = digits(at);
    while at + 1 < bytes.len()
        && matches!(bytes[at], b'.' | b',' | b'/' | b':' | b'-')
        && bytes[at + 1].is_ascii_digit()
    {
        at = digits(at + 1);
    }
    // A whole number and a fraction after one space: "3 1/2".
    if let Some(fraction) = spaced_fraction_end(bytes, number, at) {
        at = fraction;
    }
    if bytes.get(at) == Some(&b'%') {
        at += 1;
    }
    Some(at)
}

/// Where the fraction of a mixed number written with a space ("3 1/2") ends,
/// the whole number being `bytes[number..at]`: digits only, then one space,
/// digits, `/`, digits, and no more figure glue.
fn spaced_fraction_end(bytes: &[u8], number: usize, at: usize) -> Option<usize> {
    let digits = |from: usize| {
        bytes[from.min(bytes.len())..]
            .iter()
            .take_while(|b| b.is_ascii_digit())
            .count()
    };
    let whole = digits(number) == at - number;
    let numerator = digits(at + 1);
    if !whole || bytes.get(at) != Some(&b' ') || numerator == 0 {
        return None;
    }
    let slash = at + 1 + numerator;
    let denominator = digits(slash + 1);
    let end = slash + 1 + denominator;
    let glue_follows = bytes.get(end).is_some_and(|b| b"./:-,".contains(b))
        && bytes.get(end + 1).is_some_and(u8::is_ascii_digit);
    (bytes.get(slash) == Some(&b'/') && denominator > 0 && !glue_follows).then_some(end)
}

/// Where a web address starting at byte `start` ends: at white space, less the
/// punctuation that ends the sentence around it (and a closing bracket it does
/// not open).
fn address_end(text: &str, start: usize) -> Option<usize> {
    let rest = &text[start..];
    if !matches!(rest.as_bytes()[0].to_ascii_lowercase(), b'h' | b'w') {
        return None;
    }
    let starts_address = ["https://", "http://", "www."].iter().any(|prefix| {
        rest.get(..prefix.len())
            .is_some_and(|p| p.eq_ignore_ascii_case(prefix))
    });
    let mid_word = text[..start]
        .chars()
        .next_back()
        .is_some_and(char::is_alphanumeric);
    if !starts_address || mid_word {
        return None;
    }
    let mut address = &rest[..rest.find(char::is_whitespace).unwrap_or(rest.len())];
    loop {
        let unopened = |close: char, open: char| {
            address.ends_with(close)
                && address.matches(close).count() > address.matches(open).count()
        };
        let trailing = address.ends_with(['.', ',', ';', ':', '!', '?', '\'', '"'])
            || unopened(')', '(')
            || unopened(']', '[');
        if !trailing {
            break;
        }
        address = &address[..address.len() - 1];
    }
    Some(start + address.len())
}

/// What a run of tokens does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tag {
    Equal,
    Delete,
    Insert,
}

/// `len` tokens kept (on both sides), deleted from the old text or inserted
/// into the new one. Positions follow from the runs before.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Run {
    tag: Tag,
    len: usize,
}

/// The token diff as runs, each replacement a deletion then an insertion.
fn diff(old: &[&str], new: &[&str]) -> Vec<Run> {
    runs_of(capture_diff_slices(Algorithm::Patience, old, new))
}

fn runs_of(ops: Vec<DiffOp>) -> Vec<Run> {
    let mut runs = Vec::new();
    for op in ops {
        match op {
            DiffOp::Equal { len, .. } => push(&mut runs, Tag::Equal, len),
            DiffOp::Delete { old_len, .. } => push(&mut runs, Tag::Delete, old_len),
            DiffOp::Insert { new_len, .. } => push(&mut runs, Tag::Insert, new_len),
            DiffOp::Replace {
                old_len, new_len, ..
            } => {
                push(&mut runs, Tag::Delete, old_len);
                push(&mut runs, Tag::Insert, new_len);
            }
        }
    }
    runs
}

/// The token diff with every figure the same token, so that the words around
/// figures align and figures pair by place; paired figures that differ are
/// replaced.
fn diff_by_place<'a>(old: &[&'a str], new: &[&'a str]) -> Vec<Run> {
    #[derive(PartialEq, Eq, Hash)]
    enum Key<'a> {
        Text(&'a str),
        Figure,
    }
    let keys = |tokens: &[&'a str]| -> Vec<Key<'a>> {
        tokens
            .iter()
            .map(|&t| {
                if is_figure(t) {
                    Key::Figure
                } else {
                    Key::Text(t)
                }
            })
            .collect()
    };
    let mut runs = Vec::new();
    let (mut at_old, mut at_new) = (0, 0);
    for run in runs_of(capture_diff_slices(
        Algorithm::Patience,
        &keys(old),
        &keys(new),
    )) {
        if run.tag != Tag::Equal {
            push(&mut runs, run.tag, run.len);
        } else {
            for k in 0..run.len {
                if old[at_old + k] == new[at_new + k] {
                    push(&mut runs, Tag::Equal, 1);
                } else {
                    push(&mut runs, Tag::Delete, 1);
                    push(&mut runs, Tag::Insert, 1);
                }
            }
        }
        if run.tag != Tag::Insert {
            at_old += run.len;
        }
        if run.tag != Tag::Delete {
            at_new += run.len;
        }
    }
    runs
}

fn is_figure(token: &str) -> bool {
    figure_end(token, 0).is_some()
}

/// The diff after the semantic cleanup.
fn cleaned(old: &[&str], new: &[&str], mut runs: Vec<Run>) -> Vec<Run> {
    keep_shared_ends(old, new, &mut runs);
    slide_to_boundaries(old, new, &mut runs);
    runs
}

/// Some kept text with a figure in it lies between two changes.
fn keeps_figure_between_changes(old: &[&str], runs: &[Run]) -> bool {
    let at = starts(runs);
    (1..runs.len().saturating_sub(1)).any(|i| {
        let (o, _) = at[i];
        runs[i].tag == Tag::Equal
            && old[o..o + runs[i].len].iter().any(|t| is_figure(t))
            && runs[i - 1].tag != Tag::Equal
            && runs[i + 1].tag != Tag::Equal
    })
}

/// How many words and marks (not spaces, not figures) a redline keeps.
fn kept_words(old: &[&str], runs: &[Run]) -> usize {
    let at = starts(runs);
    runs.iter()
        .zip(at)
        .filter(|(run, _)| run.tag == Tag::Equal)
        .flat_map(|(run, (o, _))| &old[o..o + run.len])
        .filter(|t| !t.trim().is_empty() && !is_figure(t))
        .count()
}

/// Appends a run, joined with the last one when it does the same.
fn push(runs: &mut Vec<Run>, tag: Tag, len: usize) {
    if len == 0 {
        return;
    }
    match runs.last_mut() {
        Some(last) if last.tag == tag => last.len += len,
        _ => runs.push(Run { tag, len }),
    }
}

/// Joins neighbouring runs that do the same and drops empty ones.
fn merge(runs: &mut Vec<Run>) {
    let mut merged = Vec::with_capacity(runs.len());
    for run in runs.drain(..) {
        push(&mut merged, run.tag, run.len);
    }
    *runs = merged;
}

/// Where each run starts, in old and new tokens.
fn starts(runs: &[Run]) -> Vec<(usize, usize)> {
    let (mut old, mut new) = (0, 0);
    runs.iter()
        .map(|run| {
            let at = (old, new);
            if run.tag != Tag::Insert {
                old += run.len;
            }
            if run.tag != Tag::Delete {
                new += run.len;
            }
            at
        })
        .collect()
}

/// A deletion followed by an insertion that start (or end) with the same
/// tokens keeps those tokens: `[-a b-]{+a c+}` is `a [-b-]{+c+}`.
fn keep_shared_ends(old: &[&str], new: &[&str], runs: &mut Vec<Run>) {
    let at = starts(runs);
    let mut kept = Vec::with_capacity(runs.len() + 2);
    let mut i = 0;
    while i < runs.len() {
        let run = runs[i];
        match runs.get(i + 1) {
            Some(next) if run.tag == Tag::Delete && next.tag == Tag::Insert => {
                let (o, n) = at[i];
                let deleted = &old[o..o + run.len];
                let inserted = &new[n..n + next.len];
                let prefix = common_prefix(deleted, inserted);
                let suffix = common_suffix(&deleted[prefix..], &inserted[prefix..]);
                push(&mut kept, Tag::Equal, prefix);
                push(&mut kept, Tag::Delete, run.len - prefix - suffix);
                push(&mut kept, Tag::Insert, next.len - prefix - suffix);
                push(&mut kept, Tag::Equal, suffix);
                i += 2;
            }
            _ => {
                push(&mut kept, run.tag, run.len);
                i += 1;
            }
        }
    }
    *runs = kept;
}

/// Slides each lone insertion or deletion (kept text on both sides) along the
/// tokens it repeats to the boundaries that read best: `a [-b a-] c` may read
/// `[-a b-] a c`. Scores and ties as in `similar`'s semantic cleanup, so that
/// redlines read as they did when it cut them.
fn slide_to_boundaries(old: &[&str], new: &[&str], runs: &mut Vec<Run>) {
    let mut i = 1;
    while i + 1 < runs.len() {
        let (prev, edit, next) = (runs[i - 1], runs[i], runs[i + 1]);
        if prev.tag != Tag::Equal || next.tag != Tag::Equal || edit.tag == Tag::Equal {
            i += 1;
            continue;
        }
        let (tokens, from) = match (edit.tag, starts(runs)[i - 1]) {
            (Tag::Insert, (_, n)) => (new, n),
            (_, (o, _)) => (old, o),
        };
        let len = edit.len;
        // The kept text before the edit, the edit's start, the kept text after.
        let (mut before, mut at, mut after) = (prev.len, from + prev.len, next.len);
        let shared = common_suffix(&tokens[from..from + before], &tokens[at..at + len]);
        (before, at, after) = (before - shared, at - shared, after + shared);
        let score = |before: usize, at: usize, after: usize| {
            boundary_score(tokens, from, before, at, len)
                + boundary_score(tokens, at, len, at + len, after)
        };
        let mut best = (before, after);
        let mut best_score = score(before, at, after);
        while after > 0 && tokens[at] == tokens[at + len] {
            (before, at, after) = (before + 1, at + 1, after - 1);
            let s = score(before, at, after);
            if s >= best_score {
                (best, best_score) = ((before, after), s);
            }
        }
        if best.0 == prev.len {
            i += 1;
            continue;
        }
        (runs[i - 1].len, runs[i + 1].len) = best;
        merge(runs);
        i = i.saturating_sub(1).max(1);
    }
}

/// How well a boundary between two token ranges reads: at an end of the text
/// (6), a line break (4), after punctuation before a space (3), at a space
/// (2), at other punctuation (1), inside letters (0).
fn boundary_score(
    tokens: &[&str],
    left: usize,
    left_len: usize,
    right: usize,
    right_len: usize,
) -> usize {
    if left_len == 0 || right_len == 0 {
        return 6;
    }
    let last = tokens[left + left_len - 1].chars().next_back();
    let first = tokens[right].chars().next();
    let (Some(a), Some(b)) = (last, first) else {
        return 0;
    };
    let (mark_a, mark_b) = (!a.is_ascii_alphanumeric(), !b.is_ascii_alphanumeric());
    let (space_a, space_b) = (a.is_ascii_whitespace(), b.is_ascii_whitespace());
    let (break_a, break_b) = (
        space_a && a.is_ascii_control(),
        space_b && b.is_ascii_control(),
    );
    if break_a || break_b {
        4
    } else if mark_a && !space_a && space_b {
        3
    } else if space_a || space_b {
        2
    } else if mark_a || mark_b {
        1
    } else {
        0
    }
}

fn common_prefix(a: &[&str], b: &[&str]) -> usize {
    a.iter().zip(b).take_while(|(x, y)| x == y).count()
}

fn common_suffix(a: &[&str], b: &[&str]) -> usize {
    a.iter()
        .rev()
        .zip(b.iter().rev())
        .take_while(|(x, y)| x == y)
        .count()
}

/// A redline as alternating kept text and (deleted, inserted) changes.
enum Block {
    Kept(String),
    Changed(String, String),
}

impl Block {
    fn into_edits(self) -> Vec<Edit> {
        match self {
            Block::Kept(text) => piece(EditOp::Equal, &text),
            Block::Changed(old, new) => {
                let mut edits = piece(EditOp::Delete, &old);
                edits.extend(piece(EditOp::Insert, &new));
                edits
            }
        }
    }
}

/// `[-on-]{+next+} [-Saturday-]{+week+}` reads better as
/// `[-on Saturday-]{+next week+}`: a bare space between two changes joins them.
fn join_changes_across_spaces(blocks: Vec<Block>) -> Vec<Block> {
    let mut joined: Vec<Block> = Vec::with_capacity(blocks.len());
    let mut blocks = blocks.into_iter().peekable();
    while let Some(block) = blocks.next() {
        let is_gap = matches!(&block, Block::Kept(t) if t.trim().is_empty());
        let between_changes = matches!(joined.last(), Some(Block::Changed(..)))
            && matches!(blocks.peek(), Some(Block::Changed(..)));
        if let (true, true, Block::Kept(gap)) = (is_gap, between_changes, &block) {
            let Some(Block::Changed(next_old, next_new)) = blocks.next() else {
                unreachable!("peeked a change");
            };
            if let Some(Block::Changed(old, new)) = joined.last_mut() {
                for (side, next) in [(old, next_old), (new, next_new)] {
                    side.push_str(gap);
                    side.push_str(&next);
                }
            }
            continue;
        }
        joined.push(block);
    }
    joined
}

fn piece(op: EditOp, text: &str) -> Vec<Edit> {
    if text.is_empty() {
        return Vec::new();
    }
    vec![Edit {
        op,
        text: text.to_string(),
    }]
}

/// The old text of a redline (`equal` + `delete` pieces).
pub fn old_text(edits: &[Edit]) -> String {
    side_text(edits, EditOp::Delete)
}

/// The new text of a redline (`equal` + `insert` pieces).
pub fn new_text(edits: &[Edit]) -> String {
    side_text(edits, EditOp::Insert)
}

fn side_text(edits: &[Edit], op: EditOp) -> String {
    edits
        .iter()
        .filter(|e| e.op == EditOp::Equal || e.op == op)
        .map(|e| e.text.as_str())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn wdiff(edits: &[Edit]) -> String {
        edits
            .iter()
            .map(|e| match e.op {
                EditOp::Equal => e.text.clone(),
                EditOp::Delete => format!("[-{}-]", e.text),
                EditOp::Insert => format!("{{+{}+}}", e.text),
            })
            .collect()
    }

    fn redline(old: &str, new: &str) -> String {
        wdiff(&word_edits(old, new))
    }

    #[test]
    fn edits_are_whole_words() {
        assert_eq!(
            redline(
                "The parties will meet again on Saturday.",
                "The parties may meet again next week."
            ),
            "The parties [-will-]{+may+} meet again [-on Saturday-]{+next week+}."
        );
    }

    #[test]
    fn edits_rebuild_both_sides() {
        let (old, new) = (
            "Growth was moderate in the first quarter.",
            "Growth was solid in the first half, officials said.",
        );
        let edits = word_edits(old, new);
        assert_eq!(old_text(&edits), old);
        assert_eq!(new_text(&edits), new);
    }

    #[test]
    fn figures_change_whole() {
        assert_eq!(
            redline(
                "The range is 4-1/4 to 4-1/2 percent.",
                "The range is 4 to 4-1/4 percent."
            ),
            "The range is [-4-1/4-]{+4+} to [-4-1/2-]{+4-1/4+} percent."
        );
        assert_eq!(
            redline(
                "The range is 4-1/4 to 4-1/2 percent.",
                "The range is 4-1/2 to 4-3/4 percent."
            ),
            "The range is [-4-1/4-]{+4-1/2+} to [-4-1/2-]{+4-3/4+} percent."
        );
        // A figure that stays, with its words, is kept where it stands.
        assert_eq!(
            redline(
                "Sales rose 2 percent in May and 3 percent in June.",
                "Sales rose 3 percent in June."
            ),
            "Sales rose [-2 percent in May and -]3 percent in June."
        );
        assert_eq!(
            redline("Prices rose 2.5 percent.", "Prices rose 2.7 percent."),
            "Prices rose [-2.5-]{+2.7+} percent."
        );
        // Only the fraction changed, and still the whole figure is marked.
        assert_eq!(
            redline("The rate is 1-1/2 percent.", "The rate is 1-3/4 percent."),
            "The rate is [-1-1/2-]{+1-3/4+} percent."
        );
        // A mixed number written with a space is one figure too.
        assert_eq!(
            redline(
                "The rate rose from 3 percent to 3-1/2 percent.",
                "The rate rose from 3 1/2 percent to 4 percent."
            ),
            "The rate rose from [-3-]{+3 1/2+} percent to [-3-1/2-]{+4+} percent."
        );
        assert_eq!(
            redline("It costs $300 billion.", "It costs $350 billion."),
            "It costs [-$300-]{+$350+} billion."
        );
        assert_eq!(
            redline(
                "Set for 2026-03-18 at 10:30.",
                "Set for 2026-03-19 at 10:45."
            ),
            "Set for [-2026-03-18-]{+2026-03-19+} at [-10:30-]{+10:45+}."
        );
        assert_eq!(
            redline(
                "A range of 0 to 1/4 percent.",
                "A range of 0 to 1/2 percent."
            ),
            "A range of 0 to [-1/4-]{+1/2+} percent."
        );
        assert_eq!(
            redline(
                "Output fell 4% (-0.5 points).",
                "Output fell 5% (-0.25 points)."
            ),
            "Output fell [-4%-]{+5%+} ([--0.5-]{+-0.25+} points)."
        );
    }

    #[test]
    fn addresses_change_whole() {
        assert_eq!(
            redline(
                "See https://example.org/rules/2025 for details.",
                "See https://example.org/rules/2026 for details."
            ),
            "See [-https://example.org/rules/2025-]{+https://example.org/rules/2026+} for details."
        );
    }

    #[test]
    fn identical_and_empty_texts() {
        assert_eq!(redline("Same.", "Same."), "Same.");
        assert_eq!(redline("", "New."), "{+New.+}");
        assert_eq!(redline("Old.", ""), "[-Old.-]");
    }

    #[test]
    fn tokens_keep_figures_and_addresses_whole() {
        assert_eq!(
            tokens("A $1.2 billion (-0.5%) fund, 1,200 on 2026-03-18, 5bn; see www.example.org/a."),
            [
                "A",
                " ",
                "$1.2",
                " ",
                "billion",
                " ",
                "(",
                "-0.5%",
                ")",
                " ",
                "fund",
                ",",
                " ",
                "1,200",
                " ",
                "on",
                " ",
                "2026-03-18",
                ",",
                " ",
                "5bn",
                ";",
                " ",
                "see",
                " ",
                "www.example.org/a",
                "."
            ]
        );
        // A hyphen after a word is no sign; "COVID-19" keeps its number whole.
        assert_eq!(
            tokens("COVID-19 10-year"),
            ["COVID", "-", "19", " ", "10", "-", "year"]
        );
        // Not ASCII: the same cuts from `split_word_bounds`.
        assert_eq!(
            tokens("Café at €4.50 — 1-1/2 à https://ex.fr/é)"),
            [
                "Café",
                " ",
                "at",
                " ",
                "€4.50",
                " ",
                "—",
                " ",
                "1-1/2",
                " ",
                "à",
                " ",
                "https://ex.fr/é",
                ")"
            ]
        );
    }

    /// The two sides of a redline as (changed, text) runs, neighbours joined.
    type Sides = [Vec<(bool, String)>; 2];

    fn push_side(side: &mut Vec<(bool, String)>, changed: bool, text: &str) {
        match side.last_mut() {
            _ if text.is_empty() => {}
            Some((c, t)) if *c == changed => t.push_str(text),
            _ => side.push((changed, text.to_string())),
        }
    }

    fn sides_of(blocks: &[Block]) -> Sides {
        let mut sides: Sides = Default::default();
        for block in blocks {
            match block {
                Block::Kept(text) => {
                    push_side(&mut sides[0], false, text);
                    push_side(&mut sides[1], false, text);
                }
                Block::Changed(old, new) => {
                    push_side(&mut sides[0], true, old);
                    push_side(&mut sides[1], true, new);
                }
            }
        }
        sides
    }

    /// What `similar`'s inline refinement (Unicode words, semantic cleanup)
    /// marks, the way redlines were cut before figures became tokens.
    fn similar_sides(old: &str, new: &str) -> Sides {
        use similar::{ChangeTag, InlineChangeMode, InlineChangeOptions, TextDiff};
        let diff = TextDiff::configure()
            .algorithm(Algorithm::Patience)
            .diff_lines(old, new);
        let mut options = InlineChangeOptions::new();
        options
            .mode(InlineChangeMode::UnicodeWords)
            .semantic_cleanup(true)
            .min_ratio(0.0);
        let mut sides: Sides = Default::default();
        for op in diff.ops() {
            for change in diff.iter_inline_changes_with_options(op, options) {
                let targets: &[usize] = match change.tag() {
                    ChangeTag::Delete => &[0],
                    ChangeTag::Insert => &[1],
                    ChangeTag::Equal => &[0, 1],
                };
                for (changed, text) in change.iter_strings_lossy() {
                    for &side in targets {
                        push_side(&mut sides[side], changed, &text);
                    }
                }
            }
        }
        sides
    }

    /// Words and figures, and where each figure stands in the text.
    fn sentence() -> impl Strategy<Value = (String, Vec<(usize, usize)>)> {
        let figure = prop_oneof![
            "[0-9]{1,4}",
            "[0-9]-[1-3]/[248]",
            "[1-3]/[248]",
            "[0-9] [1-3]/[248]",
            "[0-9]{1,2}\\.[0-9]{1,2}",
            "\\$[0-9]{1,3}",
            "[1-9],[0-9]{3}",
            "[0-9]{1,2}%",
            "20[0-9]{2}-[01][0-9]-[0-3][0-9]",
            "-[0-9]\\.[0-9]",
        ];
        let token = prop_oneof![
            3 => "[a-z]{1,6}".prop_map(|w| (w, false)),
            2 => figure.prop_map(|f| (f, true)),
        ];
        let gap = prop::sample::select(vec![" ", " ", " ", ", ", "; ", " (", ") "]);
        prop::collection::vec((token, gap), 1..12).prop_map(|parts| {
            let (mut text, mut figures) = (String::new(), Vec::new());
            for ((token, is_figure), gap) in parts {
                if is_figure {
                    figures.push((text.len(), text.len() + token.len()));
                }
                text.push_str(&token);
                text.push_str(gap);
            }
            (text.trim_end().to_string(), figures)
        })
    }

    /// Byte offsets where an edit of a side begins or ends.
    fn boundaries(edits: &[Edit], skip: EditOp) -> Vec<usize> {
        let mut at = 0;
        let mut bounds = vec![0];
        for edit in edits.iter().filter(|e| e.op != skip) {
            at += edit.text.len();
            bounds.push(at);
        }
        bounds
    }

    proptest! {
        #[test]
        fn ascii_segments_are_the_word_bounds(text in "[a-zA-Z0-9 .,:;'_\\-\t\r\n$%/]{0,40}") {
            let bytes = text.as_bytes();
            let mut ours = Vec::new();
            let mut at = 0;
            while at < bytes.len() {
                let end = ascii_segment_end(bytes, at);
                ours.push(&text[at..end]);
                at = end;
            }
            prop_assert_eq!(ours, text.split_word_bounds().collect::<Vec<_>>());
        }

        #[test]
        fn no_edit_boundary_falls_inside_a_figure(
            (old, old_figures) in sentence(), (new, new_figures) in sentence()
        ) {
            let edits = word_edits(&old, &new);
            prop_assert_eq!(old_text(&edits), old.clone());
            prop_assert_eq!(new_text(&edits), new.clone());
            for (bounds, figures) in [
                (boundaries(&edits, EditOp::Insert), &old_figures),
                (boundaries(&edits, EditOp::Delete), &new_figures),
            ] {
                for &(start, end) in figures {
                    prop_assert!(
                        !bounds.iter().any(|&b| start < b && b < end),
                        "a boundary inside {:?}: {}", &old[..], wdiff(&edits)
                    );
                }
            }
        }

        #[test]
        fn without_figures_redlines_read_as_similar_cut_them(
            old in "[a-e]{1,4}([ ,.;] ?[a-e]{1,4}){0,10}[.]?",
            new in "[a-e]{1,4}([ ,.;] ?[a-e]{1,4}){0,10}[.]?",
        ) {
            prop_assume!(old != new);
            prop_assert_eq!(sides_of(&token_blocks(&old, &new)), similar_sides(&old, &new));
        }
    }
}
