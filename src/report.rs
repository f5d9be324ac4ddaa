//! The report model: the one contract between analysis and presentation.
//!
//! Renderers (terminal, templates, JSON) see only these types; none of them call
//! `similar`. `redliner compare --format json` prints a [`Report`] as it is.
//! The schema is documented in `docs/report.md`.

use std::sync::Arc;

use serde::{Deserialize, Serialize};

pub use crate::redline::{Edit, EditOp};

/// Bumped whenever a field changes meaning or disappears (adding fields is fine).
pub const SCHEMA_VERSION: u32 = 1;

/// The comparison of two statements.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Report {
    /// [`SCHEMA_VERSION`] of the layout this report was written in.
    pub schema_version: u32,
    /// The earlier statement.
    pub old: StatementSummary,
    /// The later statement.
    pub new: StatementSummary,
    /// Counts over all changes.
    pub stats: Stats,
    /// In reading order of the new statement; removed sentences where they stood.
    pub changes: Vec<Change>,
}

/// Who said what, when: one side of a comparison.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StatementSummary {
    /// The file as it was named on the command line or in the store.
    pub path: String,
    /// `title` from the front matter.
    pub title: Option<String>,
    /// Who issued it (`source` in the front matter).
    pub source: Option<String>,
    /// When it was issued, `YYYY-MM-DD`, from the front matter or the file name.
    pub date: Option<String>,
    /// Where it was fetched from.
    pub url: Option<String>,
    /// Paragraphs (blocks), as segmentation reads them.
    pub paragraphs: usize,
    /// Sentences (units compared), boilerplate included.
    pub sentences: usize,
    /// Words, as the redline counts them.
    pub words: usize,
}

/// Counts over all changes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Stats {
    /// Changes whose sentences are the same on both sides (moved or not).
    pub unchanged: usize,
    /// Revised changes (splits and merges are one each).
    pub revised: usize,
    /// Added sentences.
    pub added: usize,
    /// Removed sentences.
    pub removed: usize,
    /// Changes that moved, of any kind: a moved change is also counted by its kind.
    pub moved: usize,
    /// Words inserted by revisions and in added sentences.
    pub words_added: usize,
    /// Words deleted by revisions and in removed sentences.
    pub words_removed: usize,
    /// Share of words kept: `2 × kept words / (old words + new words)`, 0..1.
    pub similarity: f64,
}

/// What happened to a group of sentences.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
#[non_exhaustive]
pub enum ChangeKind {
    /// The same sentences, after folding (see `docs/report.md`).
    Unchanged,
    /// The same sentences reworded: `edits` holds the word redline.
    Revised,
    /// Sentences only in the new statement.
    Added,
    /// Sentences only in the old statement.
    Removed,
    /// Matched an `--ignore` pattern (boilerplate such as a dateline): not compared.
    Ignored,
}

/// One group of sentences: unchanged, revised (possibly split or merged), added
/// or removed, and whether it moved.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Change {
    /// What happened to the sentences.
    pub kind: ChangeKind,
    /// The sentences stand elsewhere relative to their unchanged neighbours.
    pub moved: bool,
    /// Word similarity of the old and new sides, 0..1.
    pub similarity: f64,
    /// Empty for added; two or more entries for a merge.
    pub old: Vec<SentenceRef>,
    /// Empty for removed; two or more entries for a split.
    pub new: Vec<SentenceRef>,
    /// The paragraph of the new statement (0-based) this change is read in: that
    /// of its first new sentence; for a removed sentence, the new paragraph that
    /// continues the old paragraph it stood in. `None` when no sentence of that
    /// old paragraph was kept.
    #[serde(default)]
    pub new_paragraph: Option<usize>,
    /// Word-level redline for revised changes; empty otherwise.
    pub edits: Vec<Edit>,
    /// What kind of change this is for an editor (see `docs/signals.md`), most
    /// prominent first; empty for unchanged sentences.
    #[serde(default)]
    pub signals: Vec<Signal>,
    /// How much this change matters, 0..1 (formula in `docs/signals.md`); 0 for
    /// unchanged sentences that did not move.
    #[serde(default)]
    pub significance: f64,
    /// An edit the thread makes every round (the month of the last meeting, a
    /// roster), learned from the thread's history (see `routine`): it ranks
    /// last and stays out of key shifts.
    #[serde(default)]
    pub routine: bool,
}

impl Change {
    /// Anything but an unchanged sentence in its place (or ignored boilerplate).
    pub fn is_change(&self) -> bool {
        match self.kind {
            ChangeKind::Unchanged => self.moved,
            ChangeKind::Ignored => false,
            _ => true,
        }
    }

    /// A change worth showing at a significance threshold (`--min-significance`).
    pub fn is_shown(&self, min_significance: f64) -> bool {
        self.is_change() && self.significance >= min_significance
    }
}

/// One thing an editor should know about a change: a commitment softened, a
/// negation added, a figure or a name changed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Signal {
    /// What the signal is about.
    pub kind: SignalKind,
    /// Which way it moved; `null` when there is no direction to tell.
    pub direction: Option<Direction>,
    /// The words on the old side (`null` when the signal only adds).
    pub old: Option<String>,
    /// The words on the new side (`null` when the signal only removes).
    pub new: Option<String>,
    /// A short line for people: `softened: will → may`.
    pub detail: String,
}

/// What a signal is about, in order of prominence (a policy action first).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
#[non_exhaustive]
pub enum SignalKind {
    /// A decision verb changed: keep → lower, begin → conclude.
    Policy,
    /// A negator added or removed: the polarity of the sentence flipped.
    Negation,
    /// Commitment moved on the scale will › should › may.
    Modality,
    /// Figures, percentages, ranges, money, counts.
    Number,
    /// Calendar dates, weekdays, times of day.
    Date,
    /// Relative time: "next week", "in the near term".
    Timeframe,
    /// Text in quotation marks.
    Quote,
    /// People, organizations, countries named.
    Actor,
    /// A link that points elsewhere (its text is compared as words).
    Link,
    /// Softening words: "some", "roughly".
    Hedge,
    /// Hardening words: "serious", "fully".
    Intensifier,
}

/// Which way a signal moved.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
#[non_exhaustive]
pub enum Direction {
    /// A stronger commitment (`may → will`) or a harder word.
    Strengthened,
    /// A weaker commitment (`will → may`) or a hedge.
    Softened,
    /// Only in the new sentence.
    Added,
    /// Only in the old sentence.
    Removed,
    /// Changed with no up or down (a name, a date, a policy action).
    Changed,
    /// A figure went up.
    Increased,
    /// A figure went down.
    Decreased,
}

impl SignalKind {
    /// The name used in JSON and in reports (`policy`, `modality`, …).
    pub fn as_str(self) -> &'static str {
        match self {
            SignalKind::Policy => "policy",
            SignalKind::Negation => "negation",
            SignalKind::Modality => "modality",
            SignalKind::Number => "number",
            SignalKind::Date => "date",
            SignalKind::Timeframe => "timeframe",
            SignalKind::Quote => "quote",
            SignalKind::Actor => "actor",
            SignalKind::Link => "link",
            SignalKind::Hedge => "hedge",
            SignalKind::Intensifier => "intensifier",
        }
    }
}

impl Direction {
    /// The name used in JSON and in reports (`softened`, `increased`, …).
    pub fn as_str(self) -> &'static str {
        match self {
            Direction::Strengthened => "strengthened",
            Direction::Softened => "softened",
            Direction::Added => "added",
            Direction::Removed => "removed",
            Direction::Changed => "changed",
            Direction::Increased => "increased",
            Direction::Decreased => "decreased",
        }
    }
}

/// A sentence and where it stands in its file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SentenceRef {
    /// 0-based sentence index in its statement.
    pub index: usize,
    /// 0-based paragraph index in its statement.
    pub paragraph: usize,
    /// Byte range in the original file, front matter (and any BOM) included.
    pub span: [usize; 2],
    /// 1-based line of the span's start.
    pub line: usize,
    /// 1-based column (in characters) of the span's start.
    pub column: usize,
    /// The sentence with white space collapsed (line wraps removed). Shared, not
    /// copied, between a prepared statement and the reports that quote it.
    pub text: Arc<str>,
}

impl Report {
    /// True when the two statements say the same thing in the same order.
    pub fn is_unchanged(&self) -> bool {
        !self.changes.iter().any(Change::is_change)
    }

    /// The changes an editor should read first: those with signals, not
    /// routine, most significant first (equals keep reading order).
    pub fn most_significant(&self) -> Vec<&Change> {
        let mut ranked: Vec<&Change> = self
            .changes
            .iter()
            .filter(|c| c.is_change() && !c.routine && !c.signals.is_empty())
            .collect();
        ranked.sort_by(|a, b| b.significance.total_cmp(&a.significance));
        ranked
    }

    /// How many changes are routine (see `routine`).
    pub fn routine_changes(&self) -> usize {
        self.changes
            .iter()
            .filter(|c| c.is_change() && c.routine)
            .count()
    }

    /// Leaves out the changes below `min_significance` (`--min-significance`),
    /// keeping unchanged sentences; returns how many were left out. `stats`
    /// still count every change.
    pub fn hide_below(&mut self, min_significance: f64) -> usize {
        let before = self.changes.len();
        self.changes
            .retain(|c| !c.is_change() || c.is_shown(min_significance));
        before - self.changes.len()
    }
}

/// Changes left out of a view by `--min-significance`.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Hidden {
    /// The threshold given.
    pub min_significance: f64,
    /// How many.
    pub changes: usize,
}

/// Rounds a ratio for stable, readable output.
pub fn round_ratio(x: f64) -> f64 {
    (x * 10_000.0).round() / 10_000.0
}
