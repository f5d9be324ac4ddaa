//! The default view: one column, word edits inline, a gutter of line numbers.

use super::ViewOptions;
use super::changes::*;
use super::paint::{Row, Style, span};
use super::summary::signals_spans;
use super::wrap::wrap;
use crate::report::Report;

pub(super) fn rows(report: &Report, options: &ViewOptions) -> Vec<Row> {
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
