//! The digest: how a thread of statements evolved, built from the [`Report`]s of
//! consecutive statements. Like a report, it is a serde model that templates and
//! `--format json` receive as it is (documented in `docs/report.md`).

use serde::{Deserialize, Serialize};

use crate::compare::{self, CompareOptions, compare_prepared};
use crate::fold;
use crate::report::{Change, ChangeKind, EditOp, Hidden, Report, SentenceRef, StatementSummary};
use crate::routine::Routine;
use crate::statement::Statement;

/// Bumped whenever a digest field changes meaning or disappears.
pub const DIGEST_SCHEMA_VERSION: u32 = 1;

/// "Key shifts" lists at least this many changes (when there are as many)…
pub const KEY_SHIFTS: usize = 5;
/// …and by default one and a half per round, up to this many.
pub const MAX_KEY_SHIFTS: usize = 40;

/// How many changes "Since the first statement" highlights.
pub const HIGHLIGHTS: usize = 3;

/// A thread of statements, round by round.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Digest {
    /// [`crate::report::SCHEMA_VERSION`] of this layout.
    pub schema_version: u32,
    /// The thread's folder name; `null` when the statements were given as files.
    pub thread: Option<String>,
    /// The statements in thread order (at least two).
    pub statements: Vec<StatementSummary>,
    /// Headline numbers over the whole thread.
    pub totals: Totals,
    /// The changes that matter most across the rounds, most significant first:
    /// the top change of every round that has one that is not routine, then the
    /// next most significant ones, up to the limit (see [`DigestOptions`]); a
    /// change repeated in several rounds is listed once.
    pub key_shifts: Vec<Shift>,
    /// `rounds[i]` compares `statements[i]` with `statements[i + 1]`.
    pub rounds: Vec<Report>,
    /// Sentences present and unchanged in every statement, as they stand in the latest.
    pub held_steady: Vec<SentenceRef>,
    /// The first statement against the latest.
    pub since_first: SinceFirst,
    /// Changes below `--min-significance`, left out of `rounds` and
    /// `since_first` (and of key shifts); `null` when none were.
    pub hidden: Option<Hidden>,
}

/// Headline numbers over the whole period.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Totals {
    /// Statements in the thread.
    pub statements: usize,
    /// Comparisons of consecutive statements (`statements - 1`).
    pub rounds: usize,
    /// Earliest known date.
    pub first_date: Option<String>,
    /// Latest known date.
    pub last_date: Option<String>,
    /// Distinct sources, in order of first appearance.
    pub sources: Vec<String>,
    /// Added sentences, summed over the rounds (as are the counts below).
    pub added: usize,
    /// Revised changes.
    pub revised: usize,
    /// Removed sentences.
    pub removed: usize,
    /// Changes that moved.
    pub moved: usize,
    /// Words inserted.
    pub words_added: usize,
    /// Words deleted.
    pub words_removed: usize,
}

/// One change of one round, with what it weighs in the ranking.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Shift {
    /// Index into `rounds`.
    pub round: usize,
    /// Date of the statement that made the change (the round's new side).
    pub date: Option<String>,
    /// What the ranking sorts on (see [`weight`]).
    pub weight: usize,
    /// The change itself, as the round reports it.
    pub change: Change,
}

/// What a digest lists beyond the comparisons themselves.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct DigestOptions {
    /// How many key shifts at most; `None`: one and a half per round, between
    /// [`KEY_SHIFTS`] and [`MAX_KEY_SHIFTS`].
    pub key_shifts: Option<usize>,
    /// Changes less significant than this are no key shifts or highlights.
    pub min_significance: f64,
}

/// The first statement against the latest, with its largest changes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SinceFirst {
    /// The comparison of the first statement with the latest.
    pub report: Report,
    /// The largest changes of `report`, largest first.
    pub highlights: Vec<Change>,
}

impl Digest {
    /// Builds the digest of statements already in thread order (at least two).
    pub fn new(
        thread: Option<String>,
        statements: Vec<Statement>,
        options: &CompareOptions,
        digest: &DigestOptions,
    ) -> Digest {
        assert!(statements.len() >= 2, "a digest needs two statements");
        // Statements and rounds are independent: both cores work on them, and
        // results keep thread order, so the digest is the same on any machine.
        let prepared = compare::prepare_all(statements, options);
        let mut rounds = compare::rounds(&prepared, options);
        let mut since_first =
            compare_prepared(&prepared[0], &prepared[prepared.len() - 1], options);
        // What the thread changes every round ranks last.
        let routine = Routine::learn(&rounds);
        for report in rounds.iter_mut().chain([&mut since_first]) {
            routine.apply(report);
        }
        let statements: Vec<StatementSummary> = rounds
            .iter()
            .map(|r| r.old.clone())
            .chain(rounds.last().map(|r| r.new.clone()))
            .collect();
        let limit = digest.key_shifts.unwrap_or_else(|| {
            (rounds.len() * 3)
                .div_ceil(2)
                .clamp(KEY_SHIFTS, MAX_KEY_SHIFTS)
        });
        let key_shifts = key_shifts(&rounds, limit, digest.min_significance);
        let highlights = rank(
            since_first.changes.iter().map(|change| Shift {
                round: 0,
                date: since_first.new.date.clone(),
                weight: weight(change),
                change: change.clone(),
            }),
            digest.min_significance,
        )
        .take(HIGHLIGHTS)
        .map(|shift| shift.change)
        .collect();
        // `--min-significance`: the rounds show only what is left; totals still
        // count every change.
        let hidden: usize = rounds
            .iter_mut()
            .chain([&mut since_first])
            .map(|report| report.hide_below(digest.min_significance))
            .sum();
        let hidden = (hidden > 0).then_some(Hidden {
            min_significance: digest.min_significance,
            changes: hidden,
        });
        Digest {
            hidden,
            schema_version: DIGEST_SCHEMA_VERSION,
            thread,
            totals: totals(&statements, &rounds),
            held_steady: held_steady(&rounds),
            statements,
            key_shifts,
            rounds,
            since_first: SinceFirst {
                report: since_first,
                highlights,
            },
        }
    }
}

/// The size of a change, in words: inserted plus deleted words of a revision,
/// the words of an added or removed sentence, half the words of a sentence that
/// only moved. This is the one place the ranking is decided; it will weigh what
/// the change means (a commitment softened, a figure changed) once changes
/// carry signals.
pub fn weight(change: &Change) -> usize {
    let words =
        |refs: &[SentenceRef]| -> usize { refs.iter().map(|r| fold::words(&r.text).count()).sum() };
    match change.kind {
        ChangeKind::Revised => change
            .edits
            .iter()
            .filter(|e| e.op != EditOp::Equal)
            .map(|e| fold::words(&e.text).count())
            .sum(),
        ChangeKind::Added => words(&change.new),
        ChangeKind::Removed => words(&change.old),
        ChangeKind::Unchanged if change.moved => words(&change.new).div_ceil(2),
        ChangeKind::Unchanged | ChangeKind::Ignored => 0,
    }
}

/// The key shifts of a thread's rounds: the top change of each round, then the
/// most significant of the rest, `limit` in all, each distinct change once, most
/// significant first.
fn key_shifts(rounds: &[Report], limit: usize, min_significance: f64) -> Vec<Shift> {
    let ranked: Vec<Shift> = rank(
        rounds.iter().enumerate().flat_map(|(round, report)| {
            report.changes.iter().map(move |change| Shift {
                round,
                date: report.new.date.clone(),
                weight: weight(change),
                change: change.clone(),
            })
        }),
        min_significance,
    )
    .collect();
    // The same sentence dropped (or added, or revised the same way) in several
    // rounds is one shift: boilerplate that comes and goes.
    let identity = |shift: &Shift| {
        let texts =
            |refs: &[SentenceRef]| refs.iter().map(|r| r.text.to_string()).collect::<Vec<_>>();
        (
            shift.change.kind,
            texts(&shift.change.old),
            texts(&shift.change.new),
        )
    };
    let mut seen = std::collections::HashSet::new();
    let distinct: Vec<&Shift> = ranked.iter().filter(|s| seen.insert(identity(s))).collect();
    let mut chosen = vec![false; distinct.len()];
    // The top shift of every round first…
    let mut tops = 0;
    for round in 0..rounds.len() {
        if let Some(i) = distinct.iter().position(|s| s.round == round) {
            if tops < limit && !chosen[i] {
                chosen[i] = true;
                tops += 1;
            }
        }
    }
    // …then the most significant others.
    let mut left = limit.saturating_sub(tops);
    for flag in chosen.iter_mut() {
        if left == 0 {
            break;
        }
        if !*flag {
            *flag = true;
            left -= 1;
        }
    }
    distinct
        .into_iter()
        .zip(chosen)
        .filter(|(_, chosen)| *chosen)
        .map(|(shift, _)| shift.clone())
        .collect()
}

/// Changes worth ranking (real, not routine, at least `min_significance`), most
/// significant first (see `signals::significance`), then heaviest; ties keep
/// thread and reading order, so the ranking is deterministic.
fn rank(shifts: impl Iterator<Item = Shift>, min_significance: f64) -> impl Iterator<Item = Shift> {
    let mut shifts: Vec<Shift> = shifts
        .filter(|s| {
            s.change.is_change()
                && s.weight > 0
                && !s.change.routine
                && s.change.significance >= min_significance
        })
        .collect();
    // A stable sort: equal weights stay in the order they came.
    shifts.sort_by(|a, b| {
        b.change
            .significance
            .total_cmp(&a.change.significance)
            .then(b.weight.cmp(&a.weight))
    });
    shifts.into_iter()
}

fn totals(statements: &[StatementSummary], rounds: &[Report]) -> Totals {
    let mut sources: Vec<String> = Vec::new();
    for source in statements.iter().filter_map(|s| s.source.as_ref()) {
        if !sources.contains(source) {
            sources.push(source.clone());
        }
    }
    let dates = || statements.iter().filter_map(|s| s.date.clone());
    let sum = |f: fn(&Report) -> usize| rounds.iter().map(f).sum();
    Totals {
        statements: statements.len(),
        rounds: rounds.len(),
        first_date: dates().min(),
        last_date: dates().max(),
        sources,
        added: sum(|r| r.stats.added),
        revised: sum(|r| r.stats.revised),
        removed: sum(|r| r.stats.removed),
        moved: sum(|r| r.stats.moved),
        words_added: sum(|r| r.stats.words_added),
        words_removed: sum(|r| r.stats.words_removed),
    }
}

/// Follows each sentence of the first statement through every round while it
/// stays unchanged (a move keeps the words, so it still counts).
fn held_steady(rounds: &[Report]) -> Vec<SentenceRef> {
    let Some(first) = rounds.first() else {
        return Vec::new();
    };
    // held[i]: sentence i of the statement reached so far is held.
    let mut held = vec![true; first.old.sentences];
    let mut last: Vec<SentenceRef> = Vec::new();
    for report in rounds {
        let mut next = vec![false; report.new.sentences];
        last.clear();
        for change in &report.changes {
            if change.kind != ChangeKind::Unchanged {
                continue;
            }
            // An unchanged change pairs exactly one sentence on each side.
            if let ([old], [new]) = (change.old.as_slice(), change.new.as_slice()) {
                if held[old.index] {
                    next[new.index] = true;
                    last.push(new.clone());
                }
            }
        }
        held = next;
    }
    last.sort_by_key(|r| r.index);
    last
}

#[cfg(test)]
mod tests {
    use super::*;

    fn statements(texts: &[&str]) -> Vec<Statement> {
        texts
            .iter()
            .enumerate()
            .map(|(i, t)| Statement::parse(&format!("{i}.md"), t.as_bytes()).unwrap())
            .collect()
    }

    #[test]
    fn rounds_pair_neighbours_and_totals_add_up() {
        let digest = Digest::new(
            Some("t".into()),
            statements(&[
                "Talks began. The envoy will return.",
                "Talks began. The envoy may return. A pause was agreed.",
                "Talks began. A pause was agreed.",
            ]),
            &CompareOptions::default(),
            &DigestOptions::default(),
        );
        assert_eq!(digest.rounds.len(), 2);
        assert_eq!(digest.rounds[1].old.path, "1.md");
        assert_eq!(digest.statements.len(), 3);
        assert_eq!(
            (
                digest.totals.added,
                digest.totals.revised,
                digest.totals.removed
            ),
            (1, 1, 1)
        );
        assert_eq!(digest.since_first.report.new.path, "2.md");
        let held: Vec<&str> = digest.held_steady.iter().map(|r| &*r.text).collect();
        assert_eq!(held, ["Talks began."]);
    }

    #[test]
    fn key_shifts_rank_by_significance_then_size() {
        let digest = Digest::new(
            None,
            statements(&[
                "The envoy will return.",
                "The envoy may return. Both sides agreed to a long pause along the line.",
                "The envoy may return soon. Both sides agreed to a long pause along the line.",
            ]),
            &CompareOptions::default(),
            &DigestOptions::default(),
        );
        let shifts: Vec<(usize, usize)> = digest
            .key_shifts
            .iter()
            .map(|s| (s.round, s.weight))
            .collect();
        // "will → may" softens a commitment: it outranks the larger but plain added
        // sentence (10 words); the one-word "soon" comes last.
        assert_eq!(shifts, [(0, 2), (0, 10), (1, 1)]);
        assert!(
            digest.key_shifts[0].change.significance > digest.key_shifts[1].change.significance
        );
    }

    #[test]
    fn a_sentence_that_changes_once_does_not_hold_steady() {
        let digest = Digest::new(
            None,
            statements(&["A held. B will.", "A held. B may.", "A held. B will."]),
            &CompareOptions::default(),
            &DigestOptions::default(),
        );
        let held: Vec<&str> = digest.held_steady.iter().map(|r| &*r.text).collect();
        assert_eq!(held, ["A held."]);
    }
}
