//! Redlines: word-level edits inside a revised sentence (or split/merge group).
//!
//! Uses `similar`'s inline refinement (Unicode words, semantic cleanup) so that
//! edits read in whole words rather than character confetti. Inputs are folded
//! texts (one line each), so the edits rebuild both texts exactly: `equal` +
//! `delete` pieces give the old text, `equal` + `insert` pieces the new one.

use serde::{Deserialize, Serialize};
use similar::{Algorithm, ChangeTag, InlineChangeMode, InlineChangeOptions, TextDiff};

/// What a piece of a redline does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum EditOp {
    Equal,
    Delete,
    Insert,
}

/// One piece of a redline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Edit {
    pub op: EditOp,
    pub text: String,
}

/// Word-level edits turning `old` into `new` (both single-line folded texts).
pub fn word_edits(old: &str, new: &str) -> Vec<Edit> {
    if old == new {
        return piece(EditOp::Equal, old);
    }
    let diff = TextDiff::configure()
        .algorithm(Algorithm::Patience)
        .diff_lines(old, new);
    let mut options = InlineChangeOptions::new();
    options
        .mode(InlineChangeMode::UnicodeWords)
        .semantic_cleanup(true)
        // Always refine: a heavily revised sentence still gets a word redline.
        .min_ratio(0.0);

    let mut old_pieces: Vec<(bool, String)> = Vec::new();
    let mut new_pieces: Vec<(bool, String)> = Vec::new();
    for op in diff.ops() {
        for change in diff.iter_inline_changes_with_options(op, options) {
            let target = match change.tag() {
                ChangeTag::Delete => &mut old_pieces,
                ChangeTag::Insert => &mut new_pieces,
                ChangeTag::Equal => {
                    for (_, text) in change.iter_strings_lossy() {
                        old_pieces.push((false, text.to_string()));
                        new_pieces.push((false, text.to_string()));
                    }
                    continue;
                }
            };
            for (emphasized, text) in change.iter_strings_lossy() {
                target.push((emphasized, text.to_string()));
            }
        }
    }
    let edits = interleave(&old_pieces, &new_pieces).unwrap_or_else(|| {
        // The two unemphasized streams disagree (not expected): a whole replacement
        // is still a correct redline.
        let mut edits = piece(EditOp::Delete, old);
        edits.extend(piece(EditOp::Insert, new));
        edits
    });
    let mut blocks = blocks(edits);
    snap_to_whole_numbers(&mut blocks);
    let blocks = join_changes_across_spaces(blocks);
    blocks.into_iter().flat_map(Block::into_edits).collect()
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

fn blocks(edits: Vec<Edit>) -> Vec<Block> {
    let mut blocks: Vec<Block> = Vec::new();
    for edit in edits {
        match (edit.op, blocks.last_mut()) {
            (EditOp::Equal, _) => blocks.push(Block::Kept(edit.text)),
            (EditOp::Delete, Some(Block::Changed(old, _))) => old.push_str(&edit.text),
            (EditOp::Insert, Some(Block::Changed(_, new))) => new.push_str(&edit.text),
            (EditOp::Delete, _) => blocks.push(Block::Changed(edit.text, String::new())),
            (EditOp::Insert, _) => blocks.push(Block::Changed(String::new(), edit.text)),
        }
    }
    blocks
}

/// Characters that hold a figure together: "4-1/4", "2.5", "1,200".
fn is_number_glue(c: char) -> bool {
    c.is_ascii_digit() || matches!(c, '-' | '/' | '.' | ',' | '–')
}

/// Word tokens split "4-1/4" into five pieces, so a changed range reads
/// `4-1/[-2-]{+4+}`. A change that touches a figure takes the whole figure:
/// `[-4-1/2-]{+4-1/4+}`.
fn snap_to_whole_numbers(blocks: &mut [Block]) {
    for i in 0..blocks.len() {
        let Block::Changed(old, new) = &blocks[i] else {
            continue;
        };
        let starts_in_figure = |s: &str| s.starts_with(is_number_glue);
        let ends_in_figure = |s: &str| s.ends_with(is_number_glue);
        let (touches_left, touches_right) = (
            starts_in_figure(old) || starts_in_figure(new),
            ends_in_figure(old) || ends_in_figure(new),
        );
        let mut prefix = String::new();
        if touches_left && i > 0 {
            if let Block::Kept(kept) = &mut blocks[i - 1] {
                let run = figure_suffix(kept);
                if run.chars().any(|c| c.is_ascii_digit()) {
                    prefix = kept.split_off(kept.len() - run.len());
                }
            }
        }
        let mut suffix = String::new();
        if touches_right && i + 1 < blocks.len() {
            if let Block::Kept(kept) = &mut blocks[i + 1] {
                let run = figure_prefix(kept);
                if run.chars().any(|c| c.is_ascii_digit()) {
                    let rest = kept.split_off(run.len());
                    suffix = std::mem::replace(kept, rest);
                }
            }
        }
        if let Block::Changed(old, new) = &mut blocks[i] {
            for side in [old, new] {
                side.insert_str(0, &prefix);
                side.push_str(&suffix);
            }
        }
    }
}

/// The figure a text ends with ("… to 4-1/" → "4-1/"), starting at a digit.
fn figure_suffix(text: &str) -> &str {
    let start = text
        .char_indices()
        .rev()
        .take_while(|&(_, c)| is_number_glue(c))
        .last()
        .map_or(text.len(), |(i, _)| i);
    let run = &text[start..];
    run.find(|c: char| c.is_ascii_digit())
        .map_or("", |digit| &run[digit..])
}

/// The figure a text starts with ("1/4 percent" → "1/4"), ending at a digit.
fn figure_prefix(text: &str) -> &str {
    let end = text
        .char_indices()
        .take_while(|&(_, c)| is_number_glue(c))
        .last()
        .map_or(0, |(i, c)| i + c.len_utf8());
    let run = &text[..end];
    run.rfind(|c: char| c.is_ascii_digit())
        .map_or("", |digit| &run[..=digit])
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

/// Merges the emphasized old pieces (deletions) and new pieces (insertions) into
/// one sequence, using the unemphasized text both share as the common thread.
fn interleave(old: &[(bool, String)], new: &[(bool, String)]) -> Option<Vec<Edit>> {
    let mut edits: Vec<Edit> = Vec::new();
    let push = |edits: &mut Vec<Edit>, op: EditOp, text: &str| {
        if text.is_empty() {
            return;
        }
        match edits.last_mut() {
            Some(last) if last.op == op => last.text.push_str(text),
            _ => edits.push(Edit {
                op,
                text: text.to_string(),
            }),
        }
    };
    let (mut i, mut j) = (0, 0);
    // Unconsumed remainder of the current unemphasized piece on each side.
    let (mut old_rest, mut new_rest) = (String::new(), String::new());
    loop {
        while old_rest.is_empty() && i < old.len() && old[i].0 {
            push(&mut edits, EditOp::Delete, &old[i].1);
            i += 1;
        }
        while new_rest.is_empty() && j < new.len() && new[j].0 {
            push(&mut edits, EditOp::Insert, &new[j].1);
            j += 1;
        }
        if old_rest.is_empty() && i < old.len() {
            old_rest = old[i].1.clone();
            i += 1;
        }
        if new_rest.is_empty() && j < new.len() {
            new_rest = new[j].1.clone();
            j += 1;
        }
        if old_rest.is_empty() && new_rest.is_empty() {
            return (i == old.len() && j == new.len()).then_some(edits);
        }
        let common = old_rest.len().min(new_rest.len());
        if common == 0 || old_rest.as_bytes()[..common] != new_rest.as_bytes()[..common] {
            return None;
        }
        push(&mut edits, EditOp::Equal, &old_rest[..common]);
        old_rest.drain(..common);
        new_rest.drain(..common);
    }
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

    #[test]
    fn edits_are_whole_words() {
        let edits = word_edits(
            "The parties will meet again on Saturday.",
            "The parties may meet again next week.",
        );
        assert_eq!(
            wdiff(&edits),
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
        let edits = word_edits(
            "The range is 4-1/4 to 4-1/2 percent.",
            "The range is 4 to 4-1/4 percent.",
        );
        assert_eq!(
            wdiff(&edits),
            "The range is [-4-1/4-]{+4+} to [-4-1/2-]{+4-1/4+} percent."
        );
        let edits = word_edits("Prices rose 2.5 percent.", "Prices rose 2.7 percent.");
        assert_eq!(wdiff(&edits), "Prices rose [-2.5-]{+2.7+} percent.");
        assert_eq!(old_text(&edits), "Prices rose 2.5 percent.");
    }

    #[test]
    fn identical_and_empty_texts() {
        assert_eq!(wdiff(&word_edits("Same.", "Same.")), "Same.");
        assert_eq!(wdiff(&word_edits("", "New.")), "{+New.+}");
    }
}
