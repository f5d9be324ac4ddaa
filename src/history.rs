//! A thread's history: the log (each statement against the one before) and the
//! blame (for each sentence of a statement, where its wording comes from).
//!
//! Both are built from the [`Report`]s of consecutive
//! statements, each statement prepared once. Blame follows every sentence back
//! through those reports: an unchanged sentence (moved or not) keeps its
//! history, a revised one (a split or merge too) goes on to the sentences it
//! revised while they are still related to it, an added one starts there. It
//! therefore follows a sentence through revisions and moves, not only exact
//! copies, and never to a sentence it has nothing to do with.

use serde::{Deserialize, Serialize};

use crate::align::{self, REVISED_THRESHOLD};
use crate::compare::{self, CompareOptions, Prepared, PreparedSentence};
use crate::report::{Change, ChangeKind, Report, SentenceRef, StatementSummary, Stats};
use crate::routine::Routine;
use crate::statement::Statement;

/// Bumped whenever a log or blame field changes meaning or disappears.
pub const HISTORY_SCHEMA_VERSION: u32 = 1;

/// One statement of a thread and how it differs from the one before.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LogEntry {
    /// The statement.
    pub statement: StatementSummary,
    /// Against the previous statement; `null` for the first one.
    pub changes: Option<Stats>,
    /// The most significant signal against the previous statement (routine
    /// changes aside), e.g. "policy action: hold → raise (up)".
    pub headline: Option<String>,
    /// How many of the changes are routine: edits the thread makes every round.
    pub routine: usize,
}

/// Prepares each statement once and compares it with its neighbours. Returns
/// the statements' summaries and the reports of consecutive pairs, routine
/// changes marked (learned from these rounds).
fn rounds(statements: Vec<Statement>, options: &CompareOptions) -> (Vec<Prepared>, Vec<Report>) {
    let prepared = compare::prepare_all(statements, options);
    let mut reports = compare::rounds(&prepared, options);
    let routine = Routine::learn(&reports);
    reports.iter_mut().for_each(|r| routine.apply(r));
    (prepared, reports)
}

/// The log of statements in thread order (oldest first).
pub fn log(statements: Vec<Statement>, options: &CompareOptions) -> Vec<LogEntry> {
    let (prepared, reports) = rounds(statements, options);
    let mut entries: Vec<LogEntry> = prepared
        .first()
        .map(|first| LogEntry {
            statement: first.summary(),
            changes: None,
            headline: None,
            routine: 0,
        })
        .into_iter()
        .collect();
    entries.extend(reports.into_iter().map(|report| {
        LogEntry {
            headline: report
                .most_significant()
                .first()
                .map(|c| c.signals[0].detail.clone()),
            routine: report.routine_changes(),
            statement: report.new,
            changes: Some(report.stats),
        }
    }));
    entries
}

/// Where the sentences of one statement come from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Blame {
    /// [`HISTORY_SCHEMA_VERSION`] of this layout.
    pub schema_version: u32,
    /// The statements followed, in thread order; the blamed one is the last.
    pub statements: Vec<StatementSummary>,
    /// One line per sentence of the blamed statement, in reading order.
    pub lines: Vec<BlameLine>,
}

/// One sentence and its history. Statement numbers index `Blame::statements`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BlameLine {
    /// The sentence, where it stands in the blamed statement.
    pub sentence: SentenceRef,
    /// The statement where the sentence first appeared in its current wording.
    pub since: usize,
    /// The statement where it first appeared in any wording, followed back
    /// through revisions, splits, merges and moves.
    pub origin: usize,
    /// How many times it was revised on the way (`since` is the last revision
    /// when this is not 0).
    pub revisions: usize,
    /// The last statement in which it moved, if it ever did.
    pub moved: Option<usize>,
    /// Boilerplate matched by an ignore pattern: not compared, so not followed.
    pub ignored: bool,
}

/// What is known about one sentence of a statement while walking forward.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Trace {
    since: usize,
    origin: usize,
    revisions: usize,
    moved: Option<usize>,
}

impl Trace {
    fn new(at: usize) -> Trace {
        Trace {
            since: at,
            origin: at,
            revisions: 0,
            moved: None,
        }
    }
}

/// Blames the last of `statements` (in thread order, at least one).
///
/// Each sentence is followed back through the reports of consecutive
/// statements: unchanged (moved or not) keeps it, a revision (a split or merge
/// too) goes on to the sentences revised, an added sentence ends it. A
/// revision is followed only to an old sentence still related to the blamed one
/// (a similarity of at least [`REVISED_THRESHOLD`], the bar of a revision):
/// otherwise a chain of weak links, each a revision of the one before, could
/// reach a sentence that has nothing to do with it, and *first seen* would be
/// that sentence's statement.
pub fn blame(statements: Vec<Statement>, options: &CompareOptions) -> Blame {
    assert!(!statements.is_empty(), "blame needs a statement");
    let (prepared, reports) = rounds(statements, options);
    // For each round, the change each sentence of its new side is in.
    let back: Vec<Vec<Option<&Change>>> = reports
        .iter()
        .zip(&prepared[1..])
        .map(|(report, new)| {
            let mut of = vec![None; new.sentences.len()];
            for change in &report.changes {
                for sentence in &change.new {
                    of[sentence.index] = Some(change);
                }
            }
            of
        })
        .collect();
    let last = prepared.last().expect("one statement");
    let summaries = prepared.iter().map(Prepared::summary).collect();
    let lines = last
        .sentences
        .iter()
        .map(|sentence| {
            let trace = follow_back(&back, &prepared, sentence);
            BlameLine {
                sentence: sentence.reference.clone(),
                since: trace.since,
                origin: trace.origin,
                revisions: trace.revisions,
                moved: trace.moved,
                ignored: sentence.ignored,
            }
        })
        .collect();
    Blame {
        schema_version: HISTORY_SCHEMA_VERSION,
        statements: summaries,
        lines,
    }
}

/// The history of one sentence of the last statement (see [`blame`]).
fn follow_back(
    back: &[Vec<Option<&Change>>],
    prepared: &[Prepared],
    sentence: &PreparedSentence,
) -> Trace {
    let at = back.len();
    let mut trace = Trace::new(at);
    let mut since = None;
    // The sentences of statement `k` it comes from, each with the revisions
    // on the way to it.
    let mut frontier: Vec<(usize, usize)> = vec![(sentence.reference.index, 0)];
    for k in (1..=at).rev() {
        let mut next: Vec<(usize, usize)> = Vec::new();
        let mut keep =
            |index: usize, revisions: usize| match next.iter_mut().find(|(i, _)| *i == index) {
                Some((_, r)) => *r = (*r).max(revisions),
                None => next.push((index, revisions)),
            };
        for &(index, revisions) in &frontier {
            let Some(change) = back[k - 1][index] else {
                continue;
            };
            match change.kind {
                ChangeKind::Added | ChangeKind::Removed => {}
                ChangeKind::Unchanged | ChangeKind::Ignored => {
                    if change.moved {
                        trace.moved = trace.moved.max(Some(k));
                    }
                    change.old.iter().for_each(|o| keep(o.index, revisions));
                }
                ChangeKind::Revised => {
                    let related: Vec<usize> = change
                        .old
                        .iter()
                        .filter(|o| {
                            let old = &prepared[k - 1].sentences[o.index];
                            align::similarity(&old.folded, &sentence.folded) >= REVISED_THRESHOLD
                        })
                        .map(|o| o.index)
                        .collect();
                    if related.is_empty() {
                        continue;
                    }
                    since = since.max(Some(k));
                    if change.moved {
                        trace.moved = trace.moved.max(Some(k));
                    }
                    related.into_iter().for_each(|o| keep(o, revisions + 1));
                }
            }
        }
        if next.is_empty() {
            break;
        }
        trace.origin = k - 1;
        trace.revisions = trace
            .revisions
            .max(next.iter().map(|&(_, r)| r).max().unwrap_or(0));
        frontier = next;
    }
    trace.since = since.unwrap_or(trace.origin);
    trace
}

#[cfg(test)]
mod tests {
    use super::*;

    fn statements(texts: &[&str]) -> Vec<Statement> {
        texts
            .iter()
            .enumerate()
            .map(|(i, t)| {
                let text = format!("---\ndate: 2026-01-0{}\n---\n{t}\n", i + 1);
                Statement::parse(&format!("{i}.md"), text.as_bytes()).unwrap()
            })
            .collect()
    }

    #[test]
    fn sentences_are_followed_through_revisions_and_moves() {
        let thread = statements(&[
            "The envoy will return on Friday. Talks ended without a deal. The ministers met in Geneva.",
            "The ministers met in Geneva. The envoy will return on Friday. Talks ended without a deal.",
            "The ministers met in Geneva. The envoy may return on Friday. Talks ended without a deal. A new round is planned.",
        ]);
        let blame = blame(thread, &CompareOptions::default());
        assert_eq!(blame.statements.len(), 3);
        let by_text = |needle: &str| {
            blame
                .lines
                .iter()
                .find(|l| l.sentence.text.contains(needle))
                .unwrap()
        };
        let envoy = by_text("envoy");
        assert_eq!((envoy.origin, envoy.since, envoy.revisions), (0, 2, 1));
        let talks = by_text("Talks");
        assert_eq!((talks.origin, talks.since, talks.revisions), (0, 0, 0));
        let geneva = by_text("Geneva");
        assert_eq!((geneva.origin, geneva.since), (0, 0));
        assert_eq!(geneva.moved, Some(1));
        let round = by_text("new round");
        assert_eq!((round.origin, round.since, round.revisions), (2, 2, 0));
    }

    #[test]
    fn log_compares_each_statement_with_the_one_before() {
        let thread = statements(&[
            "A first sentence here.",
            "A first sentence here. Another one.",
        ]);
        let log = log(thread, &CompareOptions::default());
        assert_eq!(log.len(), 2);
        assert!(log[0].changes.is_none());
        assert_eq!(log[1].changes.as_ref().unwrap().added, 1);
        assert_eq!(log[1].statement.date.as_deref(), Some("2026-01-02"));
    }
}
