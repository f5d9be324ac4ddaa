//! The lines above the changes: the header naming both statements, the summary
//! counts, the most significant changes, and a change's `!` signal line.

use super::changes::paragraph_of;
use super::paint::{Row, Span, Style, span};
use super::wrap::{spans_width, wrap};
use super::{visible, visible_name};
use crate::report::{Change, Report, SignalKind, StatementSummary};

pub(super) fn header(report: &Report, width: Option<usize>) -> Vec<Row> {
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
pub(super) const GLUE: &str = "\u{a0}";

/// The changes that matter most, by significance: `most significant: ¶3 negation
/// added (0.82) · ¶1 softened: will → may (0.61)`.
/// Routine changes (the thread's every-round edits) are left out.
pub(super) fn most_significant_row(report: &Report) -> Option<Row> {
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

pub(super) fn has_negation(change: &Change) -> bool {
    change
        .signals
        .iter()
        .any(|s| s.kind == SignalKind::Negation)
}

/// `! 0.52  softened: will → may · figure: 4.5 → 4.6 percent`; `!!` when a
/// negation flipped the sentence.
pub(super) fn signals_spans(change: &Change) -> Option<Vec<Span>> {
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
pub(super) fn summary_row(report: &Report) -> Row {
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
