//! The plain view: wdiff-style markers `[-deleted-]{+inserted+}`, no color, for
//! pipes and e-mail. Each change with signals gets one line under it:
//! `  ! 0.52  softened: will → may · figure: 4.5 percent → 4.6 percent (up)`,
//! with `!!` when a negation flipped the sentence.

use std::fmt::Write;

use crate::report::{Change, ChangeKind, EditOp, Report, SignalKind};

/// Renders the changes of a report as plain text, leaving out changes less
/// significant than `min_significance` (0 shows every change).
pub fn render(report: &Report, min_significance: f64) -> String {
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
    let hidden = report
        .changes
        .iter()
        .filter(|c| c.is_change() && !c.is_shown(min_significance))
        .count();
    if hidden > 0 {
        let _ = writeln!(
            out,
            "{hidden} change{} below significance {min_significance} not shown",
            if hidden == 1 { "" } else { "s" }
        );
    }
    for change in report
        .changes
        .iter()
        .filter(|c| c.is_shown(min_significance))
    {
        out.push('\n');
        let _ = writeln!(out, "{}", change_line(change));
        if let Some(line) = signals_line(change) {
            let _ = writeln!(out, "{line}");
        }
    }
    out
}

/// `  ! 0.52  softened: will → may · hedge added: roughly`; `!!` for a negation.
pub fn signals_line(change: &Change) -> Option<String> {
    if change.signals.is_empty() {
        return None;
    }
    let mark = if change
        .signals
        .iter()
        .any(|s| s.kind == SignalKind::Negation)
    {
        "!!"
    } else {
        "!"
    };
    let details: Vec<&str> = change.signals.iter().map(|s| s.detail.as_str()).collect();
    Some(format!(
        "  {mark} {:.2}  {}",
        change.significance,
        details.join(" · ")
    ))
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::{Direction, SentenceRef, Signal};

    fn change(signals: Vec<Signal>, significance: f64) -> Change {
        let sentence = SentenceRef {
            index: 3,
            paragraph: 1,
            span: [0, 0],
            line: 4,
            column: 1,
            text: "They may not meet.".into(),
        };
        Change {
            kind: ChangeKind::Revised,
            moved: false,
            similarity: 0.7,
            old: vec![sentence.clone()],
            new: vec![sentence],
            edits: Vec::new(),
            signals,
            significance,
        }
    }

    fn signal(kind: SignalKind, direction: Direction, detail: &str) -> Signal {
        Signal {
            kind,
            direction: Some(direction),
            old: None,
            new: None,
            detail: detail.into(),
        }
    }

    #[test]
    fn signals_are_one_line_under_the_change_and_negation_stands_out() {
        let plain = change(
            vec![signal(
                SignalKind::Modality,
                Direction::Softened,
                "softened: will → may",
            )],
            0.42,
        );
        assert_eq!(
            signals_line(&plain).as_deref(),
            Some("  ! 0.42  softened: will → may")
        );
        let flipped = change(
            vec![
                signal(
                    SignalKind::Negation,
                    Direction::Added,
                    "negation added: not meet",
                ),
                signal(
                    SignalKind::Modality,
                    Direction::Softened,
                    "softened: will → may",
                ),
            ],
            0.7,
        );
        assert_eq!(
            signals_line(&flipped).as_deref(),
            Some("  !! 0.70  negation added: not meet · softened: will → may")
        );
        assert_eq!(signals_line(&change(Vec::new(), 0.1)), None);
    }
}
