//! Alignment measured on the real series against hand-checked labels
//! (`tests/fixtures/real/`, format and rules in its README).
//!
//! For each series it prints a table per pair and totals (run with
//! `--nocapture`): sentence-link precision, recall and F1 (links are (old, new)
//! sentence pairs, implied unchanged links included, as in `alignment_eval`),
//! the same for moved links, how many decision links redliner reports as one
//! revised change, and how many links got the labeled kind and move. The floors
//! below are the figures measured when the labels were written, minus 0.01:
//! raise them as alignment improves.
//!
//! Every FOMC label must resolve (each substring in exactly one sentence) and
//! account for every sentence. Terms labels name units of the README's
//! definition (a table cell, a heading); while redliner reads a whole table as
//! one sentence some of them cannot resolve, so unresolved terms links are
//! reported per pair and left out of the counts instead of failing.

mod common;

use std::path::{Path, PathBuf};

use common::eval::{Expected, Score, evaluate, f1, prepare, ratio};

struct Floors {
    precision: f64,
    recall: f64,
    f1: f64,
    moved_f1: f64,
    kinds: f64,
    decisions: f64,
}

// Measured: 0.991, 0.680, 0.807, 0.000 (no moved link found), 0.804, 15 of 19.
const FOMC_FLOORS: Floors = Floors {
    precision: 0.981,
    recall: 0.670,
    f1: 0.797,
    moved_f1: 0.0,
    kinds: 0.793,
    decisions: 0.779,
};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests")
}

/// The label files of a series, sorted.
fn label_files(series: &str) -> Vec<PathBuf> {
    let dir = root().join("fixtures/real").join(series);
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    files.sort();
    files
}

#[derive(Default)]
struct Totals {
    pairs: usize,
    hit: usize,
    predicted: usize,
    expected: usize,
    moved_hit: usize,
    moved_predicted: usize,
    moved_expected: usize,
    kinds_right: usize,
    kinds_total: usize,
    decisions: usize,
    decisions_one_revised: usize,
    routine: usize,
    unresolved: usize,
    unlabeled: usize,
}

impl Totals {
    fn add(&mut self, score: &Score) {
        self.pairs += 1;
        self.hit += score.predicted.intersection(&score.expected).count();
        self.predicted += score.predicted.len();
        self.expected += score.expected.len();
        self.moved_hit += score
            .predicted_moved
            .intersection(&score.expected_moved)
            .count();
        self.moved_predicted += score.predicted_moved.len();
        self.moved_expected += score.expected_moved.len();
        self.kinds_right += score.kinds_right;
        self.kinds_total += score.kinds_total;
        self.decisions += score.decisions;
        self.decisions_one_revised += score.decisions_one_revised;
        self.routine += score.routine;
        self.unresolved += score.unresolved.len();
        self.unlabeled += score.unlabeled.len();
    }

    fn precision(&self) -> f64 {
        ratio(self.hit, self.predicted)
    }
    fn recall(&self) -> f64 {
        ratio(self.hit, self.expected)
    }
    fn f1(&self) -> f64 {
        f1(self.precision(), self.recall())
    }
    fn moved_precision(&self) -> f64 {
        ratio(self.moved_hit, self.moved_predicted)
    }
    fn moved_recall(&self) -> f64 {
        ratio(self.moved_hit, self.moved_expected)
    }
    fn moved_f1(&self) -> f64 {
        f1(self.moved_precision(), self.moved_recall())
    }
    fn kinds(&self) -> f64 {
        ratio(self.kinds_right, self.kinds_total)
    }
    fn decisions(&self) -> f64 {
        ratio(self.decisions_one_revised, self.decisions)
    }

    fn print(&self, series: &str) {
        println!(
            "{series}: {} pairs; links: precision {:.3} recall {:.3} F1 {:.3} ({} of {} expected, {} predicted)",
            self.pairs,
            self.precision(),
            self.recall(),
            self.f1(),
            self.hit,
            self.expected,
            self.predicted
        );
        println!(
            "{series}: moved links: precision {:.3} recall {:.3} F1 {:.3} ({} of {} expected, {} predicted)",
            self.moved_precision(),
            self.moved_recall(),
            self.moved_f1(),
            self.moved_hit,
            self.moved_expected,
            self.moved_predicted
        );
        println!(
            "{series}: decision links reported as one revised change: {} of {}; kind and move right for {} of {} links ({:.3}); routine links: {}; unresolved links: {}; unlabeled sentences: {}",
            self.decisions_one_revised,
            self.decisions,
            self.kinds_right,
            self.kinds_total,
            self.kinds(),
            self.routine,
            self.unresolved,
            self.unlabeled
        );
    }

    fn assert_floors(&self, series: &str, floors: &Floors) {
        for (what, got, floor) in [
            ("link precision", self.precision(), floors.precision),
            ("link recall", self.recall(), floors.recall),
            ("link F1", self.f1(), floors.f1),
            ("moved-link F1", self.moved_f1(), floors.moved_f1),
            ("kind accuracy", self.kinds(), floors.kinds),
            (
                "decisions as one revised change",
                self.decisions(),
                floors.decisions,
            ),
        ] {
            assert!(got >= floor, "{series}: {what} {got:.3} < floor {floor:.3}");
        }
    }
}

/// Evaluates every labeled pair of a series, printing one row per pair and the
/// totals. `kind_of` names a pair's kind of change, when the series has them.
fn run(series: &str, kind_of: impl Fn(&Expected) -> Option<String>) -> (Totals, Vec<String>) {
    let data = root().join("data/real");
    let mut totals = Totals::default();
    let mut upgrades = Vec::new();
    println!(
        "{:<72} {:>5} {:>5} {:>6} {:>6} {:>6} {:>8} {:>5} {:>7} {:>5} {:>7}",
        series,
        "links",
        "pred",
        "prec",
        "recall",
        "F1",
        "moved",
        "decis",
        "kinds",
        "unres",
        "changes"
    );
    for file in label_files(series) {
        let name = file.file_stem().unwrap().to_string_lossy().into_owned();
        let labels = Expected::read(&file);
        let (Some(old), Some(new)) = (&labels.old, &labels.new) else {
            panic!("{}: `old` and `new` name the labeled files", file.display());
        };
        let (old_side, new_side) = (prepare(&data.join(old)), prepare(&data.join(new)));
        let (score, _) = evaluate(&old_side, &new_side, &labels);
        let hit = score.predicted.intersection(&score.expected).count();
        let (precision, recall) = (
            ratio(hit, score.predicted.len()),
            ratio(hit, score.expected.len()),
        );
        let moved_hit = score
            .predicted_moved
            .intersection(&score.expected_moved)
            .count();
        let kind = kind_of(&labels);
        println!(
            "{:<72} {:>5} {:>5} {:>6.3} {:>6.3} {:>6.3} {:>2}/{:<2}/{:<2} {:>2}/{:<2} {:>3}/{:<3} {:>5} {:>7}{}",
            name,
            score.expected.len(),
            score.predicted.len(),
            precision,
            recall,
            f1(precision, recall),
            moved_hit,
            score.expected_moved.len(),
            score.predicted_moved.len(),
            score.decisions_one_revised,
            score.decisions,
            score.kinds_right,
            score.kinds_total,
            score.unresolved.len(),
            score.changes,
            kind.as_deref()
                .map(|k| format!("  {k}"))
                .unwrap_or_default()
        );
        for note in score.unresolved.iter().chain(&score.unlabeled) {
            println!("    {note}");
        }
        for note in &score.notes {
            eprintln!("{name}: {note}");
        }
        if kind.as_deref() == Some("technical-upgrade") {
            let listed = labels.link.len();
            upgrades.push(format!(
                "{name}: redliner reports {} changes, the labels list {listed}",
                score.changes
            ));
        }
        if series == "fomc" {
            assert!(
                score.unresolved.is_empty(),
                "{name}: every FOMC substring should be in exactly one sentence: {:?}",
                score.unresolved
            );
            assert!(
                score.unlabeled.is_empty(),
                "{name}: every sentence should be in a link or implied unchanged: {:?}",
                score.unlabeled
            );
        }
        totals.add(&score);
    }
    totals.print(series);
    (totals, upgrades)
}

#[test]
fn fomc_links() {
    let (totals, _) = run("fomc", |_| None);
    assert!(
        totals.pairs >= 24,
        "only {} labeled FOMC pairs",
        totals.pairs
    );
    totals.assert_floors("fomc", &FOMC_FLOORS);
}
