//! The history views for people: `log` (a thread's statements and what each
//! changed) and `blame` (where each sentence of a statement comes from).
//! Everything printed passes through [`crate::visible`]; columns are measured
//! in display width, as the terminal shows them.

use std::path::Path;

use unicode_width::UnicodeWidthStr;

use super::pad;
use crate::history::{Blame, LogEntry};
use crate::report::StatementSummary;
use crate::visible::{visible, visible_name};

/// A statement's date, else its file name: how lines name statements.
/// Made visible: a file name (or a date from front matter) is the user's text.
fn label(statement: &StatementSummary) -> String {
    let label = statement.date.clone().unwrap_or_else(|| {
        Path::new(&statement.path)
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| statement.path.clone())
    });
    visible_name(&label).into_owned()
}

/// `2026-06-17  +0 ~6 -2 ↔0   83%  Central Bank · Policy Statement, June`: the
/// tallies, the similarity and the description each start in their own column,
/// whatever the number of digits; below, indented, the most significant signal
/// and how many changes are routine.
pub fn log(entries: &[LogEntry]) -> String {
    let tallies: Vec<String> = entries
        .iter()
        .map(|entry| match &entry.changes {
            Some(s) => format!("+{} ~{} -{} ↔{}", s.added, s.revised, s.removed, s.moved),
            None => "first".to_string(),
        })
        .collect();
    let labels: Vec<String> = entries.iter().map(|e| label(&e.statement)).collect();
    let width = |column: &[String]| column.iter().map(|c| c.width()).max().unwrap_or(0);
    let (label_width, tally_width) = (width(&labels), width(&tallies));
    let mut out = String::new();
    for ((entry, label), tally) in entries.iter().zip(&labels).zip(&tallies) {
        let s = &entry.statement;
        let about: Vec<&str> = [s.source.as_deref(), s.title.as_deref()]
            .into_iter()
            .flatten()
            .collect();
        let about = if about.is_empty() {
            s.path.clone()
        } else {
            about.join(" · ")
        };
        let similarity = entry
            .changes
            .as_ref()
            .map(|c| format!("{:.0}%", c.similarity * 100.0))
            .unwrap_or_default();
        out.push_str(&format!(
            "{}  {}  {similarity:>4}  {}\n",
            pad(label, label_width),
            pad(tally, tally_width),
            visible_name(&about)
        ));
        // What changed most, and how much of the rest is routine, indented below.
        let routine = (entry.routine > 0).then(|| format!("{} routine", entry.routine));
        let below: Vec<String> = entry
            .headline
            .as_deref()
            .map(|h| visible(h).into_owned())
            .into_iter()
            .chain(routine)
            .collect();
        if !below.is_empty() {
            out.push_str(&format!("{:label_width$}  {}\n", "", below.join(" · ")));
        }
    }
    out
}

/// `since  first seen  revs  sentence`, one line per sentence, paragraphs apart.
pub fn blame(blame: &Blame) -> String {
    let labels: Vec<String> = blame.statements.iter().map(label).collect();
    let width = labels.iter().map(|l| l.width()).max().unwrap_or(0).max(10);
    let last = blame.statements.last().expect("one statement");
    let mut out = format!(
        "blame of {} ({} statement{} followed)\n{:<width$}  {:<width$}  revs  sentence\n",
        visible_name(&last.path),
        blame.statements.len(),
        if blame.statements.len() == 1 { "" } else { "s" },
        "since",
        "first seen",
    );
    let mut paragraph = None;
    for line in &blame.lines {
        if paragraph.is_some_and(|p| p != line.sentence.paragraph) {
            out.push('\n');
        }
        paragraph = Some(line.sentence.paragraph);
        let revisions = match (line.revisions, line.moved) {
            (0, None) => String::new(),
            (n, None) => n.to_string(),
            (0, Some(_)) => "↔".to_string(),
            (n, Some(_)) => format!("{n}↔"),
        };
        let (since, origin) = if line.ignored {
            ("(ignored)", "")
        } else {
            (labels[line.since].as_str(), labels[line.origin].as_str())
        };
        out.push_str(&format!(
            "{}  {}  {revisions:>4}  {}\n",
            pad(since, width),
            pad(origin, width),
            visible(&line.sentence.text)
        ));
    }
    out
}
