//! Scoring redliner's alignment against hand-written link labels: shared by
//! `alignment_eval` (hand-written cases) and `real_eval` (the real series).
//!
//! A label file lists links; each names sentences by substrings (white space
//! collapsed) that must lie in exactly one sentence of their side. Sentences
//! identical on both sides that occur once on each side and are not listed are
//! implied unchanged links. A link is the set of (old sentence, new sentence)
//! pairs it joins; precision and recall are over those pairs.

use std::collections::{BTreeSet, HashMap};
use std::path::Path;

use redliner::compare::{CompareOptions, Prepared, PreparedSentence, compare_prepared};
use redliner::report::{ChangeKind, Report};
use redliner::statement::Statement;
use serde::Deserialize;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Expected {
    /// The labeled files, relative to `tests/data/real/` (real series only).
    pub old: Option<String>,
    pub new: Option<String>,
    #[serde(default)]
    pub link: Vec<ExpectedLink>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExpectedLink {
    pub kind: String,
    pub old: Option<OneOrMany>,
    pub new: Option<OneOrMany>,
    #[serde(default)]
    pub moved: bool,
    /// The link that states the policy decision.
    #[serde(default)]
    pub decision: bool,
    /// The only change is one that happens every round by rule.
    #[serde(default)]
    pub routine: bool,
}

#[derive(Deserialize)]
#[serde(untagged)]
pub enum OneOrMany {
    One(String),
    Many(Vec<String>),
}

impl OneOrMany {
    pub fn all(&self) -> Vec<&str> {
        match self {
            OneOrMany::One(s) => vec![s.as_str()],
            OneOrMany::Many(v) => v.iter().map(String::as_str).collect(),
        }
    }
}

impl ExpectedLink {
    fn kind(&self) -> ChangeKind {
        match self.kind.as_str() {
            "unchanged" => ChangeKind::Unchanged,
            "revised" => ChangeKind::Revised,
            "added" => ChangeKind::Added,
            "removed" => ChangeKind::Removed,
            other => panic!("unknown kind {other:?}"),
        }
    }

    fn describe(&self) -> String {
        let side = |s: &Option<OneOrMany>| s.as_ref().map(|s| s.all().join(" | "));
        format!(
            "{} {:?} -> {:?}",
            self.kind,
            side(&self.old),
            side(&self.new)
        )
    }
}

impl Expected {
    /// Reads a label file, refusing a link whose sides do not fit its kind.
    pub fn read(path: &Path) -> Expected {
        let text = std::fs::read_to_string(path).unwrap();
        let expected: Expected =
            toml::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        for link in &expected.link {
            let (has_old, has_new) = (link.old.is_some(), link.new.is_some());
            let fits = match link.kind() {
                ChangeKind::Added => !has_old && has_new,
                ChangeKind::Removed => has_old && !has_new,
                _ => has_old && has_new,
            };
            assert!(
                fits,
                "{}: the sides of {} do not fit its kind",
                path.display(),
                link.describe()
            );
        }
        expected
    }
}

/// Reads and prepares one statement with the default options.
pub fn prepare(path: &Path) -> Prepared {
    let statement = Statement::read(path, &Default::default())
        .unwrap_or_else(|e| panic!("{}: {e:#}", path.display()));
    Prepared::new(statement, &CompareOptions::default())
}

/// The sentences whose source text (the bytes of the file they span, line
/// wraps collapsed) contains `needle`. Labels quote the source, Markdown and
/// all, while a sentence's `text` is its reading form.
pub fn find(side: &Prepared, needle: &str) -> Vec<usize> {
    let squash = |text: &str| text.split_whitespace().collect::<Vec<_>>().join(" ");
    let needle = squash(needle);
    let file = std::fs::read(&side.path).unwrap_or_else(|e| panic!("{}: {e}", side.path));
    let text = |s: &&PreparedSentence| {
        let [start, end] = s.reference.span;
        squash(&String::from_utf8_lossy(&file[start..end]))
    };
    let hits: Vec<_> = side
        .sentences
        .iter()
        .filter(|s| text(s).contains(&needle))
        .collect();
    // A short heading ("Payment.") is also part of longer sentences: the one
    // it is the whole of (bold marks aside) is the one meant.
    let whole: Vec<_> = hits
        .iter()
        .filter(|s| text(s).trim_matches('*') == needle)
        .collect();
    match whole.len() {
        1 if hits.len() > 1 => vec![whole[0].reference.index],
        _ => hits.iter().map(|s| s.reference.index).collect(),
    }
}

/// (old sentence index, new sentence index) pairs.
pub type Links = BTreeSet<(usize, usize)>;

/// One labeled pair scored against redliner's report.
#[derive(Default)]
pub struct Score {
    /// Every pair joined by one of redliner's changes, both of whose sentences
    /// the labels cover (are in a link or implied unchanged): a sentence the
    /// labels cannot name, such as text repeated on the page, is not scored.
    pub predicted: Links,
    /// Listed links and implied unchanged ones.
    pub expected: Links,
    /// Listed links only (the non-trivial ones).
    pub explicit: Links,
    pub predicted_moved: Links,
    pub expected_moved: Links,
    /// Links (listed and implied) whose every sentence got the labeled kind and move.
    pub kinds_right: usize,
    pub kinds_total: usize,
    pub decisions: usize,
    /// Decision links whose sentences all lie in one revised change.
    pub decisions_one_revised: usize,
    pub routine: usize,
    /// Links left out because a substring is in no sentence or in several.
    pub unresolved: Vec<String>,
    /// Sentences neither in a resolved link nor implied unchanged.
    pub unlabeled: Vec<String>,
    /// What redliner reports as changes (`Change::is_change`).
    pub changes: usize,
    /// Why a link's kind or move was judged wrong (for `--nocapture`).
    pub notes: Vec<String>,
}

/// Scores redliner on one pair. Links that do not resolve are recorded in
/// `unresolved` and left out of every count.
pub fn evaluate(old: &Prepared, new: &Prepared, expected: &Expected) -> (Score, Report) {
    let report = compare_prepared(old, new, &CompareOptions::default());
    let mut score = Score {
        changes: report.changes.iter().filter(|c| c.is_change()).count(),
        ..Score::default()
    };

    // Where the tool put each sentence: its change's number, kind and move.
    let mut old_change = HashMap::new();
    let mut new_change = HashMap::new();
    for (number, change) in report.changes.iter().enumerate() {
        for o in &change.old {
            old_change.insert(o.index, (number, change.kind, change.moved));
            for n in &change.new {
                score.predicted.insert((o.index, n.index));
                if change.moved {
                    score.predicted_moved.insert((o.index, n.index));
                }
            }
        }
        for n in &change.new {
            new_change.insert(n.index, (number, change.kind, change.moved));
        }
    }

    let (mut mentioned_old, mut mentioned_new) = (BTreeSet::new(), BTreeSet::new());
    'links: for link in &expected.link {
        let mut sides = [Vec::new(), Vec::new()];
        for (side, (prepared, needles)) in [(old, &link.old), (new, &link.new)].iter().enumerate() {
            for needle in needles.iter().flat_map(|n| n.all()) {
                let hits = find(prepared, needle);
                if hits.len() != 1 {
                    score.unresolved.push(format!(
                        "{needle:?} is in {} sentences of {}",
                        hits.len(),
                        prepared.path
                    ));
                    continue 'links;
                }
                sides[side].push(hits[0]);
            }
        }
        let [olds, news] = sides;
        mentioned_old.extend(olds.iter().copied());
        mentioned_new.extend(news.iter().copied());
        for &o in &olds {
            for &n in &news {
                score.explicit.insert((o, n));
                if link.moved {
                    score.expected_moved.insert((o, n));
                }
            }
        }

        let got: Vec<_> = olds
            .iter()
            .map(|o| old_change.get(o).copied())
            .chain(news.iter().map(|n| new_change.get(n).copied()))
            .collect();
        let want = (link.kind(), link.moved);
        score.kinds_total += 1;
        if got.iter().all(|g| g.map(|(_, k, m)| (k, m)) == Some(want)) {
            score.kinds_right += 1;
        } else {
            let got: Vec<_> = got.iter().map(|g| g.map(|(_, k, m)| (k, m))).collect();
            score.notes.push(format!(
                "expected {want:?} for {}, got {got:?}",
                link.describe()
            ));
        }
        if link.decision {
            score.decisions += 1;
            let first = got.first().copied().flatten();
            let one_revised = matches!(first, Some((_, ChangeKind::Revised, _)))
                && got
                    .iter()
                    .all(|g| g.map(|(n, _, _)| n) == first.map(|(n, _, _)| n));
            score.decisions_one_revised += usize::from(one_revised);
        }
        score.routine += usize::from(link.routine);
    }

    // Implied links: identical sentences, once on each side, not listed.
    fn count(side: &Prepared) -> HashMap<&str, Vec<usize>> {
        let mut m: HashMap<&str, Vec<usize>> = HashMap::new();
        for (i, k) in side.keys().into_iter().enumerate() {
            m.entry(k).or_default().push(i);
        }
        m
    }
    let (old_keys, new_keys) = (count(old), count(new));
    let mut implied_old = BTreeSet::new();
    let mut implied_new = BTreeSet::new();
    for (key, olds) in &old_keys {
        if let (1, Some(news)) = (olds.len(), new_keys.get(key))
            && news.len() == 1
            && !mentioned_old.contains(&olds[0])
            && !mentioned_new.contains(&news[0])
        {
            score.expected.insert((olds[0], news[0]));
            implied_old.insert(olds[0]);
            implied_new.insert(news[0]);
            score.kinds_total += 1;
            let got = old_change.get(&olds[0]).map(|&(_, k, m)| (k, m));
            if got == Some((ChangeKind::Unchanged, false)) {
                score.kinds_right += 1;
            } else {
                score
                    .notes
                    .push(format!("implied unchanged sentence {key:?} got {got:?}"));
            }
        }
    }
    score.expected.extend(score.explicit.iter().copied());

    let covered_old: BTreeSet<usize> = mentioned_old.union(&implied_old).copied().collect();
    let covered_new: BTreeSet<usize> = mentioned_new.union(&implied_new).copied().collect();
    for (side, covered) in [(old, &covered_old), (new, &covered_new)] {
        for s in &side.sentences {
            if !covered.contains(&s.reference.index) {
                score
                    .unlabeled
                    .push(format!("{}: {:?}", side.path, s.reference.text));
            }
        }
    }
    let scored = |&(o, n): &(usize, usize)| covered_old.contains(&o) && covered_new.contains(&n);
    score.predicted.retain(scored);
    score.predicted_moved.retain(scored);
    (score, report)
}

pub fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 { 1.0 } else { a as f64 / b as f64 }
}

pub fn f1(precision: f64, recall: f64) -> f64 {
    if precision + recall == 0.0 {
        0.0
    } else {
        2.0 * precision * recall / (precision + recall)
    }
}
