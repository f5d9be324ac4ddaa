//! A labeled evaluation of signals on sentence pairs (`tests/data/signals.toml`).
//!
//! Prints precision and recall per signal kind (run with `--nocapture`), requires
//! overall precision ≥ 0.9 and recall ≥ 0.85, every kind found at least once in
//! both its directions, and not one signal on the pairs labeled `expect = []`.

use std::collections::BTreeMap;

use redliner::fold::fold;
use redliner::redline::word_edits;
use redliner::report::{ChangeKind, Signal};
use redliner::signals::{ChangeText, Inventory, SignalConfig, WholeStatement};
use serde::Deserialize;

#[derive(Deserialize)]
struct Data {
    pair: Vec<Pair>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Pair {
    old: String,
    new: String,
    #[serde(default)]
    other: Vec<String>,
    expect: Vec<Expected>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Expected {
    kind: String,
    direction: String,
    old: Option<String>,
    new: Option<String>,
}

impl Expected {
    fn matches(&self, signal: &Signal) -> bool {
        let contains = |got: &Option<String>, want: &Option<String>| match want {
            None => true,
            Some(want) => got
                .as_deref()
                .is_some_and(|got| got.to_lowercase().contains(&want.to_lowercase())),
        };
        signal.kind.as_str() == self.kind
            && signal.direction.map(|d| d.as_str()) == Some(self.direction.as_str())
            && contains(&signal.old, &self.old)
            && contains(&signal.new, &self.new)
    }
}

fn detect(pair: &Pair) -> Vec<Signal> {
    let (old, new) = (fold(&pair.old), fold(&pair.new));
    let kind = match (old.is_empty(), new.is_empty()) {
        (true, _) => ChangeKind::Added,
        (_, true) => ChangeKind::Removed,
        _ => ChangeKind::Revised,
    };
    let edits = if kind == ChangeKind::Revised {
        word_edits(&old, &new)
    } else {
        Vec::new()
    };
    let side = |text: &str| -> Vec<String> {
        if text.is_empty() {
            Vec::new()
        } else {
            vec![text.to_string()]
        }
    };
    let (old, new) = (side(&old), side(&new));
    let (old, new): (Vec<&str>, Vec<&str>) = (
        old.iter().map(String::as_str).collect(),
        new.iter().map(String::as_str).collect(),
    );
    let config = SignalConfig::builtin();
    let other_texts: Vec<String> = pair.other.iter().map(|s| fold(s)).collect();
    let other = config.inventory(other_texts.iter().map(String::as_str));
    let nothing_shared = Inventory::default();
    let other = WholeStatement {
        shared: &nothing_shared,
        own: &other,
    };
    config.detect(&ChangeText {
        kind,
        old: &old,
        new: &new,
        edits: &edits,
        other: (kind != ChangeKind::Revised).then_some(other),
        statements: None,
    })
}

#[derive(Default)]
struct Tally {
    expected: usize,
    found: usize,
    produced: usize,
    correct: usize,
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 { 1.0 } else { a as f64 / b as f64 }
}

#[test]
fn signals_on_labeled_pairs() {
    let data: Data = toml::from_str(include_str!("data/signals.toml")).unwrap();
    assert!(data.pair.len() >= 60, "{} pairs", data.pair.len());
    let mut tally: BTreeMap<String, Tally> = BTreeMap::new();
    let mut directions: BTreeMap<(String, String), usize> = BTreeMap::new();
    let mut misses = Vec::new();
    let mut false_alarms = Vec::new();
    // Pairs labeled `expect = []` that raised a signal.
    let mut noisy = Vec::new();
    for pair in &data.pair {
        let signals = detect(pair);
        if pair.expect.is_empty() && !signals.is_empty() {
            noisy.push(format!("{:?} → {:?}", pair.old, pair.new));
        }
        for want in &pair.expect {
            let t = tally.entry(want.kind.clone()).or_default();
            t.expected += 1;
            if signals.iter().any(|s| want.matches(s)) {
                t.found += 1;
                *directions
                    .entry((want.kind.clone(), want.direction.clone()))
                    .or_default() += 1;
            } else {
                misses.push(format!("{want:?} in {:?} → {:?}", pair.old, pair.new));
            }
        }
        for signal in &signals {
            let t = tally.entry(signal.kind.as_str().to_string()).or_default();
            t.produced += 1;
            if pair.expect.iter().any(|w| w.matches(signal)) {
                t.correct += 1;
            } else {
                false_alarms.push(format!(
                    "{} in {:?} → {:?}",
                    signal.detail, pair.old, pair.new
                ));
            }
        }
    }

    println!("\nkind          expected  produced  precision  recall");
    let mut all = Tally::default();
    for (kind, t) in &tally {
        println!(
            "{kind:<13} {:>8}  {:>8}  {:>9.3}  {:>6.3}",
            t.expected,
            t.produced,
            ratio(t.correct, t.produced),
            ratio(t.found, t.expected)
        );
        all.expected += t.expected;
        all.found += t.found;
        all.produced += t.produced;
        all.correct += t.correct;
    }
    let (precision, recall) = (
        ratio(all.correct, all.produced),
        ratio(all.found, all.expected),
    );
    println!(
        "{:<13} {:>8}  {:>8}  {precision:>9.3}  {recall:>6.3}   ({} pairs)",
        "all",
        all.expected,
        all.produced,
        data.pair.len()
    );
    for miss in &misses {
        println!("missed: {miss}");
    }
    for alarm in &false_alarms {
        println!("false signal: {alarm}");
    }

    assert!(noisy.is_empty(), "signals on no-signal pairs: {noisy:#?}");
    assert!(precision >= 0.9, "precision {precision:.3}");
    assert!(recall >= 0.85, "recall {recall:.3}");
    // Every kind is found, and in both of its directions.
    let both_ways = [
        ("policy", ["increased", "decreased"]),
        ("modality", ["softened", "strengthened"]),
        ("hedge", ["added", "removed"]),
        ("intensifier", ["added", "removed"]),
        ("negation", ["added", "removed"]),
        ("number", ["increased", "decreased"]),
        ("number", ["added", "removed"]),
        ("date", ["added", "removed"]),
        ("timeframe", ["added", "removed"]),
        ("quote", ["added", "removed"]),
        ("actor", ["added", "removed"]),
    ];
    for (kind, ways) in both_ways {
        for way in ways {
            let n = directions.get(&(kind.to_string(), way.to_string()));
            assert!(n.is_some_and(|&n| n > 0), "{kind} {way} never found");
        }
    }
}
