//! `-y`: old on the left, new on the right, signal lines and ¶ headings across.

use super::ViewOptions;
use super::changes::*;
use super::paint::{Row, Style, span};
use super::summary::signals_spans;
use super::wrap::{spans_width, wrap};
use crate::report::{Report, SentenceRef};

pub(super) fn rows(report: &Report, options: &ViewOptions) -> Vec<Row> {
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
