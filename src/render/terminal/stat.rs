//! `--stat`: per-paragraph counts, like `git diff --stat`.

use unicode_width::UnicodeWidthStr;

use super::changes::paragraph_of;
use super::paint::{Row, Style, span};
use crate::report::{ChangeKind, Report};

/// Per-paragraph counts, like `git diff --stat`.
pub(super) fn rows(report: &Report) -> Vec<Row> {
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
