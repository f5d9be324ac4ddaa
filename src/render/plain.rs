//! The plain view: wdiff-style markers `[-deleted-]{+inserted+}`, no color, for
//! pipes and e-mail.

use std::fmt::Write;

use crate::report::{Change, ChangeKind, EditOp, Report};

/// Renders the changes of a report as plain text.
pub fn render(report: &Report) -> String {
    let mut out = String::new();
    let side = |s: &crate::report::StatementSummary| {
        let mut line = s.path.clone();
        if let Some(date) = &s.date {
            let _ = write!(line, " ({date})");
        }
        if let Some(title) = &s.title {
            let _ = write!(line, " {title}");
        }
        line
    };
    let _ = writeln!(out, "--- {}", side(&report.old));
    let _ = writeln!(out, "+++ {}", side(&report.new));
    let _ = writeln!(out, "{}", summary_line(report));
    for change in report.changes.iter().filter(|c| c.is_change()) {
        out.push('\n');
        let _ = writeln!(out, "{}", change_line(change));
    }
    out
}

/// `3 revised · 1 added · 2 removed · 1 moved · 91% similar`
pub fn summary_line(report: &Report) -> String {
    let s = &report.stats;
    format!(
        "{} revised · {} added · {} removed · {} moved · {:.0}% similar",
        s.revised,
        s.added,
        s.removed,
        s.moved,
        s.similarity * 100.0
    )
}

fn change_line(change: &Change) -> String {
    let at = |c: &Change| {
        let r = c
            .new
            .first()
            .or(c.old.first())
            .expect("a change has a sentence");
        format!("{}:{}", r.line, r.column)
    };
    let text = |refs: &[crate::report::SentenceRef]| {
        refs.iter()
            .map(|r| r.text.as_str())
            .collect::<Vec<_>>()
            .join(" ")
    };
    let moved = if change.moved { " (moved)" } else { "" };
    match change.kind {
        ChangeKind::Added => format!("+ {}{moved} {{+{}+}}", at(change), text(&change.new)),
        ChangeKind::Removed => format!("- {}{moved} [-{}-]", at(change), text(&change.old)),
        ChangeKind::Unchanged => format!("= {}{moved} {}", at(change), text(&change.new)),
        ChangeKind::Revised => {
            let mut line = format!("~ {}{moved} ", at(change));
            for edit in &change.edits {
                match edit.op {
                    EditOp::Equal => line.push_str(&edit.text),
                    EditOp::Delete => {
                        let _ = write!(line, "[-{}-]", edit.text);
                    }
                    EditOp::Insert => {
                        let _ = write!(line, "{{+{}+}}", edit.text);
                    }
                }
            }
            line
        }
    }
}
