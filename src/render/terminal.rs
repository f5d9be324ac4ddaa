//! The terminal view of a compare report: a header, a one-line summary, then the
//! changes in reading order, grouped by paragraph, with a gutter of line numbers
//! from both files. Also the side-by-side and `--stat` layouts.
//!
//! Rendering is two steps: build rows of styled spans (layout), then paint them
//! with an [`Ink`]: ANSI colors, readable tags for snapshot tests, or plain
//! wdiff-style markers (`[-deleted-]{+inserted+}`) for pipes and e-mail.

use std::fmt::Write;

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

use crate::report::{
    Change, ChangeKind, EditOp, Report, SentenceRef, SignalKind, StatementSummary,
};

/// How to lay the report out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layout {
    /// One column, word edits inline.
    Inline,
    /// Old on the left, new on the right.
    SideBySide,
    /// Only the summary, with per-paragraph counts.
    Stat,
}

/// How to paint styled text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ink {
    /// ANSI colors (deleted words red and struck through, inserted green).
    Color,
    /// `<del>…</del>`-style tags: a readable form of the colored view for tests.
    Tagged,
    /// No color: wdiff markers `[-deleted-]{+inserted+}`.
    Plain,
}

/// Everything the terminal view needs besides the report.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ViewOptions {
    pub layout: Layout,
    /// Unchanged sentences shown around each change; `None` shows all.
    pub context: Option<usize>,
    /// Wrap at this many columns; `None` does not wrap (side-by-side uses 80).
    pub width: Option<usize>,
    /// Changes less significant than this are left out (0 shows all).
    pub min_significance: f64,
    pub ink: Ink,
}

/// Renders a compare report for the terminal.
pub fn render(report: &Report, options: &ViewOptions) -> String {
    // Side by side is laid out at 80 columns without a width; so is its header.
    let width = match options.layout {
        Layout::SideBySide => Some(options.width.unwrap_or(80)),
        _ => options.width,
    };
    let mut rows = header(report, width);
    let hidden = report
        .changes
        .iter()
        .filter(|c| c.is_change() && !c.is_shown(options.min_significance))
        .count();
    if hidden > 0 {
        let plural = if hidden == 1 { "" } else { "s" };
        let note = vec![span(
            Style::Dim,
            format!(
                "{hidden} change{plural} below significance {} not shown",
                options.min_significance
            ),
        )];
        rows.extend(wrap(&note, width));
    }
    match options.layout {
        Layout::Inline => rows.extend(inline_rows(report, options)),
        Layout::SideBySide => rows.extend(side_by_side_rows(report, options)),
        Layout::Stat => rows.extend(stat_rows(report)),
    }
    paint(&rows, options.ink)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Style {
    Plain,
    Bold,
    Dim,
    /// A gutter or rule.
    Frame,
    /// A whole added sentence.
    Added,
    /// A whole removed sentence.
    Removed,
    /// Inserted words inside a revised sentence.
    Inserted,
    /// Deleted words inside a revised sentence.
    Deleted,
    /// Notes such as "moved from ¶4".
    Note,
    /// Counts and gutter marks of additions (green, never wrapped in markers).
    Good,
    /// Counts and gutter marks of removals (red, never wrapped in markers).
    Bad,
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct Span {
    style: Style,
    text: String,
}

type Row = Vec<Span>;

fn span(style: Style, text: impl Into<String>) -> Span {
    Span {
        style,
        text: text.into(),
    }
}

/// Statement text made safe for a terminal (see [`crate::visible`]).
pub use crate::visible::{visible, visible_name};

fn header(report: &Report, width: Option<usize>) -> Vec<Row> {
    let title = |s: &StatementSummary| {
        s.title.as_deref().map_or_else(
            || visible_name(&s.path).into_owned(),
            |t| visible_name(t).into_owned(),
        )
    };
    let details = |s: &StatementSummary| {
        // Without a title the path is already the heading.
        let mut parts: Vec<String> = s
            .title
            .iter()
            .map(|_| visible_name(&s.path).into_owned())
            .collect();
        parts.extend(s.source.as_deref().map(|x| visible_name(x).into_owned()));
        parts.extend(s.date.clone());
        parts.join(" · ")
    };
    let mut rows = Vec::new();
    let width = width.map(|w| w.saturating_sub(4).max(10));
    for (label, side) in [("old ", &report.old), ("new ", &report.new)] {
        let lines = [
            vec![span(Style::Bold, title(side))],
            vec![span(Style::Dim, details(side))],
        ];
        for (i, line) in lines.iter().flat_map(|l| wrap(l, width)).enumerate() {
            if spans_width(&line) == 0 {
                continue;
            }
            let mut row = vec![span(Style::Frame, if i == 0 { label } else { "    " })];
            row.extend(line);
            rows.push(row);
        }
    }
    let full = width.map(|w| w + 4);
    // "3 revised" is one word to the wrapper: lines break only between counts.
    let mut summary = summary_row(report);
    summary
        .iter_mut()
        .for_each(|s| s.text = s.text.replace(' ', GLUE));
    for s in summary
        .iter_mut()
        .filter(|s| s.text == format!("{GLUE}·{GLUE}"))
    {
        s.text = " · ".to_string();
    }
    for mut line in wrap(&summary, full) {
        line.iter_mut()
            .for_each(|s| s.text = s.text.replace(GLUE, " "));
        rows.push(line);
    }
    if let Some(row) = most_significant_row(report) {
        rows.extend(wrap(&row, full));
    }
    rows
}

/// A space that does not break a line, while wrapping the summary.
const GLUE: &str = "\u{a0}";

/// The changes that matter most, by significance: `most significant: ¶3 negation
/// added (0.82) · ¶1 softened: will → may (0.61)`.
/// Routine changes (the thread's every-round edits) are left out.
fn most_significant_row(report: &Report) -> Option<Row> {
    let ranked = report.most_significant();
    if ranked.is_empty() {
        return None;
    }
    let mut row = vec![span(Style::Dim, "most significant: ")];
    for (i, change) in ranked.iter().take(3).enumerate() {
        if i > 0 {
            row.push(span(Style::Dim, " · "));
        }
        let (paragraph, _) = paragraph_of(change);
        let style = if has_negation(change) {
            Style::Bad
        } else {
            Style::Note
        };
        row.push(span(
            style,
            format!(
                "¶{paragraph} {} ({:.2})",
                visible(&change.signals[0].detail),
                change.significance
            ),
        ));
    }
    Some(row)
}

fn has_negation(change: &Change) -> bool {
    change
        .signals
        .iter()
        .any(|s| s.kind == SignalKind::Negation)
}

/// `! 0.52  softened: will → may · figure: 4.5 → 4.6 percent`; `!!` when a
/// negation flipped the sentence.
fn signals_spans(change: &Change) -> Option<Vec<Span>> {
    if change.signals.is_empty() {
        return None;
    }
    let (mark, style) = if has_negation(change) {
        ("!!", Style::Bad)
    } else {
        ("!", Style::Note)
    };
    let details: Vec<String> = change
        .signals
        .iter()
        .map(|s| visible(&s.detail).into_owned())
        .collect();
    let mut spans = vec![
        span(style, format!("{mark} {:.2}  ", change.significance)),
        span(style, details.join(" · ")),
    ];
    if change.routine {
        spans.push(span(Style::Dim, " (routine)"));
    }
    Some(spans)
}

/// `3 revised · 1 added · 2 removed · 1 moved · 91% similar`, colored by kind.
fn summary_row(report: &Report) -> Row {
    let s = &report.stats;
    if report.is_unchanged() {
        return vec![
            span(Style::Bold, "no changes"),
            span(Style::Dim, " · 100% similar"),
        ];
    }
    let dot = || span(Style::Dim, " · ");
    let mut row = vec![
        span(Style::Note, format!("{} revised", s.revised)),
        dot(),
        span(Style::Good, format!("{} added", s.added)),
        dot(),
        span(Style::Bad, format!("{} removed", s.removed)),
        dot(),
        span(Style::Note, format!("{} moved", s.moved)),
        dot(),
        span(
            Style::Plain,
            format!("{:.0}% similar", s.similarity * 100.0),
        ),
    ];
    // Edits the thread makes every round, counted apart so they read as such.
    match report.routine_changes() {
        0 => {}
        n => row.extend([dot(), span(Style::Dim, format!("{n} routine"))]),
    }
    row
}

/// One row group of the view, in reading order.
#[derive(Debug, Clone, Copy)]
enum Item<'r> {
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
fn visible_changes<'r>(report: &'r Report, options: &ViewOptions) -> Vec<Item<'r>> {
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
fn paragraph_of(change: &Change) -> (usize, bool) {
    match (change.new_paragraph, change.old.first()) {
        (Some(n), _) => (n + 1, false),
        (None, Some(o)) => (o.paragraph + 1, true),
        (None, None) => (0, false),
    }
}

fn elided_row(count: usize) -> Row {
    let noun = if count == 1 { "sentence" } else { "sentences" };
    vec![span(Style::Dim, format!("⋯ {count} unchanged {noun}"))]
}

fn hidden_row(count: usize, min_significance: f64) -> Row {
    let noun = if count == 1 { "change" } else { "changes" };
    vec![span(
        Style::Dim,
        format!("⋯ {count} {noun} below significance {min_significance}"),
    )]
}

/// The row for an item that is not a change shown, if it is one.
fn gap_row(item: Item, options: &ViewOptions) -> Option<Row> {
    match item {
        Item::Change(_) => None,
        Item::Elided(count) => Some(elided_row(count)),
        Item::Hidden(count, _) => Some(hidden_row(count, options.min_significance)),
    }
}

/// The sentence text of a change, styled for one side (`None` for inline: both).
/// Without color, changed text is wrapped in wdiff markers here, before wrapping
/// lines, so that widths account for them.
fn change_spans(change: &Change, side: Option<Side>, ink: Ink) -> Vec<Span> {
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
fn is_replacement(a: &Span, b: &Span) -> bool {
    let pair = matches!(
        (a.style, b.style),
        (Style::Deleted, Style::Inserted) | (Style::Inserted, Style::Deleted)
    );
    pair && !a.text.ends_with(' ') && b.text.starts_with(char::is_alphanumeric)
}

fn styled_text(change: &Change, side: Option<Side>) -> Vec<Span> {
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
fn paragraph_heading(rows: &mut Vec<Row>, section: &mut Option<(usize, bool)>, change: &Change) {
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
fn reorders_within_paragraphs(report: &Report) -> Vec<(usize, usize)> {
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
fn moved_within(change: &Change, within: &[(usize, usize)]) -> bool {
    match (change.new_paragraph, change.old.first()) {
        (Some(new), Some(old)) => within.binary_search(&(new, old.paragraph)).is_ok(),
        _ => false,
    }
}

/// Notes after the text: moves, splits and merges.
fn notes(change: &Change, within: &[(usize, usize)]) -> Vec<Span> {
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

fn mark(change: &Change) -> (char, Style) {
    match change.kind {
        ChangeKind::Added => ('+', Style::Good),
        ChangeKind::Removed => ('-', Style::Bad),
        ChangeKind::Revised => ('~', Style::Note),
        ChangeKind::Unchanged if change.moved => ('>', Style::Note),
        ChangeKind::Unchanged | ChangeKind::Ignored => (' ', Style::Frame),
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Side {
    Old,
    New,
}

/// Widths of the two line-number columns.
fn number_widths(report: &Report) -> (usize, usize) {
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

fn line_number(refs: &[SentenceRef], width: usize) -> String {
    refs.first()
        .map_or_else(|| " ".repeat(width), |r| format!("{:>width$}", r.line))
}

fn inline_rows(report: &Report, options: &ViewOptions) -> Vec<Row> {
    let (old_w, new_w) = number_widths(report);
    let gutter_width = old_w + 1 + new_w + 3;
    let text_width = options
        .width
        .map(|w| w.saturating_sub(gutter_width).max(10));
    let mut rows = Vec::new();
    let mut section = None;
    let within = reorders_within_paragraphs(report);
    for item in visible_changes(report, options) {
        let change = match item {
            Item::Change(change) => change,
            gap => {
                if let Item::Hidden(_, first) = gap {
                    paragraph_heading(&mut rows, &mut section, first);
                }
                let row = gap_row(gap, options).expect("not a change");
                for line in wrap(&row, text_width) {
                    let mut row = vec![span(Style::Plain, " ".repeat(gutter_width))];
                    row.extend(line);
                    rows.push(row);
                }
                continue;
            }
        };
        paragraph_heading(&mut rows, &mut section, change);
        let (mark, mark_style) = mark(change);
        let gutter = vec![
            span(Style::Frame, line_number(&change.old, old_w)),
            span(Style::Frame, " "),
            span(Style::Frame, line_number(&change.new, new_w)),
            span(Style::Frame, " "),
            span(mark_style, mark.to_string()),
            span(Style::Frame, " "),
        ];
        let mut text = change_spans(change, None, options.ink);
        text.extend(notes(change, &within));
        for (i, line) in wrap(&text, text_width).into_iter().enumerate() {
            let mut row = if i == 0 {
                gutter.clone()
            } else {
                vec![span(Style::Plain, " ".repeat(gutter_width))]
            };
            row.extend(line);
            rows.push(row);
        }
        for line in signals_spans(change).map_or_else(Vec::new, |s| wrap(&s, text_width)) {
            let mut row = vec![span(Style::Plain, " ".repeat(gutter_width))];
            row.extend(line);
            rows.push(row);
        }
    }
    rows
}

fn side_by_side_rows(report: &Report, options: &ViewOptions) -> Vec<Row> {
    let (old_w, new_w) = number_widths(report);
    let total = options.width.unwrap_or(80);
    // "NN m " left, " │ " between, "NN m " right.
    let fixed = old_w + 3 + 3 + new_w + 3;
    let column = (total.saturating_sub(fixed) / 2).max(10);
    let mut rows = Vec::new();
    let mut section = None;
    let within = reorders_within_paragraphs(report);
    for item in visible_changes(report, options) {
        let change = match item {
            Item::Change(change) => change,
            gap => {
                if let Item::Hidden(_, first) = gap {
                    paragraph_heading(&mut rows, &mut section, first);
                }
                let row = gap_row(gap, options).expect("not a change");
                rows.extend(wrap(&row, Some(total)));
                continue;
            }
        };
        paragraph_heading(&mut rows, &mut section, change);
        let (mark, mark_style) = mark(change);
        let mut left = if change.old.is_empty() {
            Vec::new()
        } else {
            change_spans(change, Some(Side::Old), options.ink)
        };
        let mut right = if change.new.is_empty() {
            Vec::new()
        } else {
            change_spans(change, Some(Side::New), options.ink)
        };
        let note = notes(change, &within);
        if change.new.is_empty() {
            left.extend(note);
        } else {
            right.extend(note);
        }
        let left = wrap(&left, Some(column));
        let right = wrap(&right, Some(column));
        for i in 0..left.len().max(right.len()) {
            let mut row = Vec::new();
            let first = i == 0;
            let number = |refs: &[SentenceRef], w: usize| {
                if first {
                    line_number(refs, w)
                } else {
                    " ".repeat(w)
                }
            };
            let side_mark = |present: bool| {
                if first && present {
                    span(mark_style, mark.to_string())
                } else {
                    span(Style::Frame, " ")
                }
            };
            row.push(span(Style::Frame, number(&change.old, old_w)));
            row.push(span(Style::Frame, " "));
            row.push(side_mark(!change.old.is_empty()));
            row.push(span(Style::Frame, " "));
            let cell = left.get(i).cloned().unwrap_or_default();
            let pad = column.saturating_sub(spans_width(&cell));
            row.extend(cell);
            row.push(span(Style::Plain, " ".repeat(pad)));
            row.push(span(Style::Frame, " │ "));
            row.push(span(Style::Frame, number(&change.new, new_w)));
            row.push(span(Style::Frame, " "));
            row.push(side_mark(!change.new.is_empty()));
            row.push(span(Style::Frame, " "));
            row.extend(right.get(i).cloned().unwrap_or_default());
            rows.push(row);
        }
        // What kind of change it is, under both columns.
        let indent = old_w + 3;
        let signal_width = total.saturating_sub(indent).max(10);
        for line in signals_spans(change).map_or_else(Vec::new, |s| wrap(&s, Some(signal_width))) {
            let mut row = vec![span(Style::Plain, " ".repeat(indent))];
            row.extend(line);
            rows.push(row);
        }
    }
    rows
}

/// Per-paragraph counts, like `git diff --stat`.
fn stat_rows(report: &Report) -> Vec<Row> {
    // (paragraph label, revised, added, removed, moved) in reading order.
    let mut sections: Vec<(String, [usize; 4])> = Vec::new();
    let mut current: Option<String> = None;
    for change in report.changes.iter().filter(|c| c.is_change()) {
        let (paragraph, old) = paragraph_of(change);
        let label = if old && current.is_some() {
            current.clone().expect("checked")
        } else if old {
            format!("¶{paragraph} (old)")
        } else {
            format!("¶{paragraph}")
        };
        current = Some(label.clone());
        if sections.last().is_none_or(|(l, _)| *l != label) {
            sections.push((label, [0; 4]));
        }
        let counts = &mut sections.last_mut().expect("pushed").1;
        // Each change once: a sentence revised and moved is a revision here.
        match change.kind {
            ChangeKind::Revised => counts[0] += 1,
            ChangeKind::Added => counts[1] += 1,
            ChangeKind::Removed => counts[2] += 1,
            _ if change.moved => counts[3] += 1,
            _ => {}
        }
    }
    let label_width = sections.iter().map(|(l, _)| l.width()).max().unwrap_or(0);
    let mut rows = vec![Vec::new()];
    for (label, [revised, added, removed, moved]) in sections {
        let total = revised + added + removed + moved;
        let pad = label_width - label.width();
        rows.push(vec![
            span(Style::Bold, format!("{label}{}", " ".repeat(pad))),
            span(Style::Frame, " | "),
            span(Style::Plain, format!("{total:>3} ")),
            span(Style::Note, "~".repeat(revised)),
            span(Style::Good, "+".repeat(added)),
            span(Style::Bad, "-".repeat(removed)),
            span(Style::Note, ">".repeat(moved)),
        ]);
    }
    rows
}

fn spans_width(spans: &[Span]) -> usize {
    spans.iter().map(|s| s.text.width()).sum()
}

/// Wraps styled text at word boundaries to `width` display columns (wide
/// characters count two); words longer than a line are broken. A word is
/// everything between two spaces, whatever its styles: `{+4.6 percent+}.` keeps
/// its full stop, which never starts a line of its own.
fn wrap(spans: &[Span], width: Option<usize>) -> Vec<Vec<Span>> {
    let Some(width) = width else {
        return vec![spans.to_vec()];
    };
    let mut lines: Vec<Vec<Span>> = vec![Vec::new()];
    let mut used = 0;
    // Starts a new line; the finished one keeps no trailing blanks.
    let break_line = |lines: &mut Vec<Vec<Span>>| {
        if let Some(last) = lines.last_mut().and_then(|l| l.last_mut()) {
            let trimmed = last.text.trim_end_matches(' ').len();
            last.text.truncate(trimmed);
        }
        lines.push(Vec::new());
    };
    let push = |lines: &mut Vec<Vec<Span>>, style: Style, text: &str| {
        let line = lines.last_mut().expect("one line at least");
        match line.last_mut() {
            Some(last) if last.style == style => last.text.push_str(text),
            _ => line.push(span(style, text)),
        }
    };
    for (is_space, word) in words(spans) {
        let w: usize = word.iter().map(|(_, t)| t.width()).sum();
        if used + w <= width {
            word.iter()
                .for_each(|(style, t)| push(&mut lines, *style, t));
            used += w;
        } else if is_space {
            // A break: the space is not carried to the next line.
            break_line(&mut lines);
            used = 0;
        } else {
            if used > 0 {
                break_line(&mut lines);
                used = 0;
            }
            if w <= width {
                word.iter()
                    .for_each(|(style, t)| push(&mut lines, *style, t));
                used = w;
                continue;
            }
            // Broken where the line is full, but a word's closing punctuation
            // (`-].`) takes the letter before it along rather than stand alone.
            let chars: Vec<(Style, char)> = word
                .iter()
                .flat_map(|(style, piece)| piece.chars().map(move |c| (*style, c)))
                .collect();
            let mut breaks = Vec::new();
            let (mut start, mut line_used) = (0, 0);
            for (i, &(_, c)) in chars.iter().enumerate() {
                let cw = c.width().unwrap_or(0);
                if line_used + cw > width && i > start {
                    let tail_is_punctuation = chars[i..].iter().all(|(_, c)| !c.is_alphanumeric());
                    // The last letter or digit goes down with the punctuation after it.
                    let letter = (start + 1..i).rev().find(|&j| chars[j].1.is_alphanumeric());
                    let at = match letter {
                        Some(j) if tail_is_punctuation => j,
                        _ => i,
                    };
                    breaks.push(at);
                    start = at;
                    line_used = chars[at..i]
                        .iter()
                        .map(|(_, c)| c.width().unwrap_or(0))
                        .sum();
                }
                line_used += cw;
            }
            let mut next_break = breaks.into_iter().peekable();
            for (i, (style, c)) in chars.into_iter().enumerate() {
                if next_break.peek() == Some(&i) {
                    next_break.next();
                    break_line(&mut lines);
                    used = 0;
                }
                let mut buf = [0u8; 4];
                push(&mut lines, style, c.encode_utf8(&mut buf));
                used += c.width().unwrap_or(0);
            }
        }
    }
    lines
}

/// Styled text cut into runs of spaces and words (pieces of one or more
/// spans between spaces), each flagged as spaces or not.
fn words(spans: &[Span]) -> Vec<(bool, Vec<(Style, &str)>)> {
    let mut out: Vec<(bool, Vec<(Style, &str)>)> = Vec::new();
    for s in spans {
        for piece in split_keeping_spaces(&s.text) {
            let is_space = piece.starts_with(' ');
            match out.last_mut() {
                Some((space, word)) if *space == is_space => word.push((s.style, piece)),
                _ => out.push((is_space, vec![(s.style, piece)])),
            }
        }
    }
    out
}

/// "a  b c" → ["a", "  ", "b", " ", "c"].
fn split_keeping_spaces(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut in_space = None;
    for (i, c) in text.char_indices() {
        let space = c == ' ';
        if in_space.is_some_and(|s| s != space) {
            out.push(&text[start..i]);
            start = i;
        }
        in_space = Some(space);
    }
    if start < text.len() {
        out.push(&text[start..]);
    }
    out
}

fn paint(rows: &[Row], ink: Ink) -> String {
    let mut out = String::new();
    for row in rows {
        for s in row {
            paint_span(&mut out, s, ink);
        }
        // No trailing blanks: padding only matters between columns.
        let trimmed = out.trim_end_matches(' ').len();
        out.truncate(trimmed);
        out.push('\n');
    }
    out
}

fn paint_span(out: &mut String, s: &Span, ink: Ink) {
    if s.text.is_empty() {
        return;
    }
    match ink {
        // Markers were added to the text before wrapping (see `change_spans`).
        Ink::Plain => out.push_str(&s.text),
        Ink::Tagged => {
            let tag = match s.style {
                Style::Plain | Style::Frame => None,
                Style::Bold => Some("b"),
                Style::Dim => Some("dim"),
                Style::Added => Some("add"),
                Style::Removed => Some("rem"),
                Style::Inserted => Some("ins"),
                Style::Deleted => Some("del"),
                Style::Note => Some("note"),
                Style::Good => Some("good"),
                Style::Bad => Some("bad"),
            };
            match tag {
                Some(tag) => {
                    let _ = write!(out, "<{tag}>{}</{tag}>", s.text);
                }
                None => out.push_str(&s.text),
            }
        }
        Ink::Color => {
            use anstyle::{AnsiColor, Style as Ansi};
            let fg = |c: AnsiColor| Ansi::new().fg_color(Some(c.into()));
            let style = match s.style {
                Style::Plain => Ansi::new(),
                Style::Bold => Ansi::new().bold(),
                Style::Dim | Style::Frame => Ansi::new().dimmed(),
                Style::Added | Style::Good => fg(AnsiColor::Green),
                Style::Removed | Style::Bad => fg(AnsiColor::Red),
                Style::Inserted => fg(AnsiColor::Green).bold().underline(),
                Style::Deleted => fg(AnsiColor::Red).strikethrough(),
                Style::Note => fg(AnsiColor::Yellow),
            };
            let _ = write!(out, "{}{}{}", style.render(), s.text, style.render_reset());
        }
    }
}

/// Lines of output, to decide on a pager.
pub fn height(text: &str) -> usize {
    text.lines().count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_become_visible() {
        assert_eq!(visible("a\u{1b}]0;x\u{7}b"), "a\\x1b]0;x\\x07b");
        assert_eq!(visible("\u{202e}evil"), "\\u{202e}evil");
        assert_eq!(visible("plain “text”"), "plain “text”");
    }

    #[test]
    fn wrapping_measures_wide_characters() {
        let spans = vec![span(Style::Plain, "会談は 月曜日に 再開された")];
        let lines = wrap(&spans, Some(8));
        for line in &lines {
            assert!(spans_width(line) <= 8, "{line:?}");
        }
        let rebuilt: String = lines
            .iter()
            .flat_map(|l| l.iter().map(|s| s.text.replace(' ', "")))
            .collect();
        assert_eq!(rebuilt, "会談は月曜日に再開された");
    }

    #[test]
    fn long_words_are_broken() {
        let lines = wrap(&[span(Style::Plain, "abcdefghij")], Some(4));
        assert_eq!(lines.len(), 3);
    }
}
