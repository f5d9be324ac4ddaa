//! What the layouts share: which changes are shown (with context and the marks
//! of hidden ones), paragraph headings, how a change's text, notes and gutter
//! read.

use super::paint::{Row, Span, Style, span};
use super::visible;
use super::{Ink, ViewOptions};
use crate::report::{Change, ChangeKind, EditOp, Report, SentenceRef};

/// One row group of the view, in reading order.
#[derive(Debug, Clone, Copy)]
pub(super) enum Item<'r> {
    Change(&'r Change),
    /// A run of this many unchanged sentences not shown.
    Elided(usize),
    /// A run of this many changes below `--min-significance`, left out here
    /// (the first of them, for its paragraph).
    Hidden(usize, &'r Change),
}

/// Which changes to show: all changes, plus `context` unchanged sentences around
/// each (`None`: all of them). Changes below `--min-significance` leave a mark
/// where they are, so even `--full` says where something was left out.
pub(super) fn visible_changes<'r>(report: &'r Report, options: &ViewOptions) -> Vec<Item<'r>> {
    // Ignored boilerplate is left out.
    let changes: Vec<&Change> = report
        .changes
        .iter()
        .filter(|c| c.kind != ChangeKind::Ignored)
        .collect();
    let is_hidden = |c: &Change| c.is_change() && !c.is_shown(options.min_significance);
    let mut shown = vec![options.context.is_none(); changes.len()];
    if let Some(context) = options.context {
        for (i, change) in changes.iter().enumerate() {
            if change.is_shown(options.min_significance) {
                let from = i.saturating_sub(context);
                let to = (i + context + 1).min(changes.len());
                shown[from..to].iter_mut().for_each(|s| *s = true);
            }
        }
    }
    let mut out: Vec<Item> = Vec::new();
    for (change, show) in changes.into_iter().zip(shown) {
        let item = if is_hidden(change) {
            Item::Hidden(1, change)
        } else if show {
            Item::Change(change)
        } else {
            Item::Elided(1)
        };
        match (out.last_mut(), item) {
            (Some(Item::Hidden(n, _)), Item::Hidden(..))
            | (Some(Item::Elided(n)), Item::Elided(_)) => {
                *n += 1;
            }
            _ => out.push(item),
        }
    }
    out
}

/// The paragraph a change is read in (1-based), and whether that is an old one
/// (a removed sentence whose whole paragraph went).
pub(super) fn paragraph_of(change: &Change) -> (usize, bool) {
    match (change.new_paragraph, change.old.first()) {
        (Some(n), _) => (n + 1, false),
        (None, Some(o)) => (o.paragraph + 1, true),
        (None, None) => (0, false),
    }
}

pub(super) fn elided_row(count: usize) -> Row {
    let noun = if count == 1 { "sentence" } else { "sentences" };
    vec![span(Style::Dim, format!("⋯ {count} unchanged {noun}"))]
}

pub(super) fn hidden_row(count: usize, min_significance: f64) -> Row {
    let noun = if count == 1 { "change" } else { "changes" };
    vec![span(
        Style::Dim,
        format!("⋯ {count} {noun} below significance {min_significance}"),
    )]
}

/// The row for an item that is not a change shown, if it is one.
pub(super) fn gap_row(item: Item, options: &ViewOptions) -> Option<Row> {
    match item {
        Item::Change(_) => None,
        Item::Elided(count) => Some(elided_row(count)),
        Item::Hidden(count, _) => Some(hidden_row(count, options.min_significance)),
    }
}

/// The sentence text of a change, styled for one side (`None` for inline: both).
/// Without color, changed text is wrapped in wdiff markers here, before wrapping
/// lines, so that widths account for them.
pub(super) fn change_spans(change: &Change, side: Option<Side>, ink: Ink) -> Vec<Span> {
    let mut spans = styled_text(change, side);
    if ink != Ink::Plain {
        // Without markers, "steadied" struck and "slowed" inserted would read
        // "steadiedslowed" wherever color is lost: a plain space between them.
        let mut spaced = Vec::with_capacity(spans.len());
        for s in spans {
            if let Some(previous) = spaced.last()
                && is_replacement(previous, &s)
            {
                spaced.push(span(Style::Plain, " "));
            }
            spaced.push(s);
        }
        spans = spaced;
    }
    if ink == Ink::Plain {
        for s in &mut spans {
            match s.style {
                Style::Deleted | Style::Removed => s.text = format!("[-{}-]", s.text),
                Style::Inserted | Style::Added => s.text = format!("{{+{}+}}", s.text),
                _ => {}
            }
        }
    }
    spans
}

/// A deletion and an insertion touching each other, no space between them,
/// the second starting a word (a space before `,` or `;` would read as a stray).
pub(super) fn is_replacement(a: &Span, b: &Span) -> bool {
    let pair = matches!(
        (a.style, b.style),
        (Style::Deleted, Style::Inserted) | (Style::Inserted, Style::Deleted)
    );
    pair && !a.text.ends_with(' ') && b.text.starts_with(char::is_alphanumeric)
}

pub(super) fn styled_text(change: &Change, side: Option<Side>) -> Vec<Span> {
    let joined = |refs: &[SentenceRef]| {
        refs.iter()
            .map(|r| visible(&r.text).into_owned())
            .collect::<Vec<_>>()
            .join(" ")
    };
    match change.kind {
        ChangeKind::Added => vec![span(Style::Added, joined(&change.new))],
        ChangeKind::Removed => vec![span(Style::Removed, joined(&change.old))],
        ChangeKind::Unchanged | ChangeKind::Ignored => {
            let refs = match side {
                Some(Side::Old) => &change.old,
                _ if change.new.is_empty() => &change.old,
                _ => &change.new,
            };
            let style = if change.moved {
                Style::Plain
            } else {
                Style::Dim
            };
            vec![span(style, joined(refs))]
        }
        ChangeKind::Revised => change
            .edits
            .iter()
            .filter_map(|edit| {
                let style = match (edit.op, side) {
                    (EditOp::Equal, _) => Style::Plain,
                    (EditOp::Delete, Some(Side::New)) | (EditOp::Insert, Some(Side::Old)) => {
                        return None;
                    }
                    (EditOp::Delete, _) => Style::Deleted,
                    (EditOp::Insert, _) => Style::Inserted,
                };
                Some(span(style, visible(&edit.text).into_owned()))
            })
            .collect(),
    }
}

/// A `¶3` heading (`¶3 (old)` for a paragraph that went) before the first
/// change shown of each paragraph.
pub(super) fn paragraph_heading(
    rows: &mut Vec<Row>,
    section: &mut Option<(usize, bool)>,
    change: &Change,
) {
    let paragraph = paragraph_of(change);
    if *section != Some(paragraph) && !(paragraph.1 && section.is_some()) {
        rows.push(Vec::new());
        let label = if paragraph.1 {
            format!("¶{} (old)", paragraph.0)
        } else {
            format!("¶{}", paragraph.0)
        };
        rows.push(vec![span(Style::Bold, label)]);
        *section = Some(paragraph);
    }
}

/// Which new paragraph continues each old one: the one most of its sentences
/// are in (the first of those on a tie), as (new paragraph, old paragraph)
/// pairs, sorted. A sentence moved between two such paragraphs was reordered
/// inside its paragraph, not moved from another.
pub(super) fn reorders_within_paragraphs(report: &Report) -> Vec<(usize, usize)> {
    let mut links: Vec<(usize, usize)> = report
        .changes
        .iter()
        .filter_map(|c| Some((c.old.first()?.paragraph, c.new_paragraph?)))
        .collect();
    links.sort_unstable();
    // Runs of one old paragraph, counted per new paragraph.
    let mut pairs = Vec::new();
    for run in links.chunk_by(|a, b| a.0 == b.0) {
        let best = run
            .chunk_by(|a, b| a.1 == b.1)
            .map(|same| (same.len(), std::cmp::Reverse(same[0].1)))
            .max()
            .map(|(_, std::cmp::Reverse(new))| new);
        pairs.extend(best.map(|new| (new, run[0].0)));
    }
    pairs.sort_unstable();
    pairs
}

/// Whether a moved change stayed in its paragraph (see [`reorders_within_paragraphs`]).
pub(super) fn moved_within(change: &Change, within: &[(usize, usize)]) -> bool {
    match (change.new_paragraph, change.old.first()) {
        (Some(new), Some(old)) => within.binary_search(&(new, old.paragraph)).is_ok(),
        _ => false,
    }
}

/// Notes after the text: moves, splits and merges.
pub(super) fn notes(change: &Change, within: &[(usize, usize)]) -> Vec<Span> {
    let mut notes = Vec::new();
    if change.moved
        && let Some(old) = change.old.first()
    {
        if moved_within(change, within) {
            notes.push("moved within the paragraph".to_string());
        } else {
            notes.push(format!("moved from ¶{}", old.paragraph + 1));
        }
    }
    if change.new.len() > 1 {
        notes.push(format!("split into {}", change.new.len()));
    }
    if change.old.len() > 1 {
        notes.push(format!("merged from {}", change.old.len()));
    }
    if notes.is_empty() {
        return Vec::new();
    }
    vec![span(Style::Note, format!("  ({})", notes.join(", ")))]
}

pub(super) fn mark(change: &Change) -> (char, Style) {
    match change.kind {
        ChangeKind::Added => ('+', Style::Good),
        ChangeKind::Removed => ('-', Style::Bad),
        ChangeKind::Revised => ('~', Style::Note),
        ChangeKind::Unchanged if change.moved => ('>', Style::Note),
        ChangeKind::Unchanged | ChangeKind::Ignored => (' ', Style::Frame),
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Side {
    Old,
    New,
}

/// Widths of the two line-number columns.
pub(super) fn number_widths(report: &Report) -> (usize, usize) {
    let digits = |n: usize| n.max(1).to_string().len();
    let max_line = |side: fn(&Change) -> &Vec<SentenceRef>| {
        report
            .changes
            .iter()
            .flat_map(|c| side(c).iter().map(|r| r.line))
            .max()
            .unwrap_or(1)
    };
    (digits(max_line(|c| &c.old)), digits(max_line(|c| &c.new)))
}

pub(super) fn line_number(refs: &[SentenceRef], width: usize) -> String {
    refs.first()
        .map_or_else(|| " ".repeat(width), |r| format!("{:>width$}", r.line))
}
