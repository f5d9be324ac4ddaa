//! A small labeled evaluation of sentence alignment.
//!
//! Each `tests/fixtures/eval/<case>/` holds `old.md`, `new.md` and
//! `expected.toml`, which names sentences by a substring found in exactly one
//! sentence. Identical sentences that occur once on each side and are not listed
//! are implied unchanged links. The test reports link precision and recall over
//! all cases (run with `--nocapture` to see the table) and requires both ≥ 0.95.

use std::collections::{BTreeSet, HashMap};
use std::path::Path;

use redliner::compare::{CompareOptions, Prepared, compare_prepared};
use redliner::report::{ChangeKind, Report};
use redliner::statement::Statement;
use serde::Deserialize;

#[derive(Deserialize)]
struct Expected {
    #[serde(default)]
    link: Vec<ExpectedLink>,
}

#[derive(Deserialize)]
struct ExpectedLink {
    kind: String,
    old: Option<OneOrMany>,
    new: Option<OneOrMany>,
    #[serde(default)]
    moved: bool,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum OneOrMany {
    One(String),
    Many(Vec<String>),
}

impl OneOrMany {
    fn all(&self) -> Vec<&str> {
        match self {
            OneOrMany::One(s) => vec![s.as_str()],
            OneOrMany::Many(v) => v.iter().map(String::as_str).collect(),
        }
    }
}

/// The sentence whose text (line wraps collapsed) contains `needle`; it must be
/// exactly one.
fn find(side: &Prepared, needle: &str, case: &str) -> usize {
    let needle = needle.split_whitespace().collect::<Vec<_>>().join(" ");
    let hits: Vec<usize> = side
        .sentences
        .iter()
        .filter(|s| s.reference.text.contains(&needle))
        .map(|s| s.reference.index)
        .collect();
    assert_eq!(
        hits.len(),
        1,
        "{case}: {needle:?} should be in exactly one sentence of {}",
        side.path
    );
    hits[0]
}

type Links = BTreeSet<(usize, usize)>;

struct Score {
    predicted: Links,
    expected: Links,
    explicit: Links,
    kinds_right: usize,
    kinds_total: usize,
}

fn evaluate(dir: &Path) -> (Score, Report) {
    let case = dir.file_name().unwrap().to_string_lossy().into_owned();
    let options = CompareOptions::default();
    let old = Prepared::new(
        Statement::read(&dir.join("old.md"), &Default::default()).unwrap(),
        &options,
    );
    let new = Prepared::new(
        Statement::read(&dir.join("new.md"), &Default::default()).unwrap(),
        &options,
    );
    let expected: Expected =
        toml::from_str(&std::fs::read_to_string(dir.join("expected.toml")).unwrap()).unwrap();
    let report = compare_prepared(&old, &new, &options);

    // Where the tool put each sentence: (kind, moved) of its change.
    let mut old_change = HashMap::new();
    let mut new_change = HashMap::new();
    let mut predicted = Links::new();
    for change in &report.changes {
        for o in &change.old {
            old_change.insert(o.index, (change.kind, change.moved));
            for n in &change.new {
                predicted.insert((o.index, n.index));
            }
        }
        for n in &change.new {
            new_change.insert(n.index, (change.kind, change.moved));
        }
    }

    let mut explicit = Links::new();
    let (mut mentioned_old, mut mentioned_new) = (BTreeSet::new(), BTreeSet::new());
    let (mut kinds_right, mut kinds_total) = (0, 0);
    for link in &expected.link {
        let olds: Vec<usize> = link
            .old
            .iter()
            .flat_map(|o| o.all())
            .map(|s| find(&old, s, &case))
            .collect();
        let news: Vec<usize> = link
            .new
            .iter()
            .flat_map(|n| n.all())
            .map(|s| find(&new, s, &case))
            .collect();
        mentioned_old.extend(olds.iter().copied());
        mentioned_new.extend(news.iter().copied());
        for &o in &olds {
            for &n in &news {
                explicit.insert((o, n));
            }
        }
        let kind = match link.kind.as_str() {
            "unchanged" => ChangeKind::Unchanged,
            "revised" => ChangeKind::Revised,
            "added" => ChangeKind::Added,
            "removed" => ChangeKind::Removed,
            other => panic!("{case}: unknown kind {other}"),
        };
        let want = (kind, link.moved);
        let got_all = olds
            .iter()
            .map(|o| old_change.get(o))
            .chain(news.iter().map(|n| new_change.get(n)));
        kinds_total += 1;
        let mut right = true;
        for got in got_all {
            if got != Some(&want) {
                right = false;
                eprintln!(
                    "{case}: expected {want:?} for {:?}/{:?}, got {got:?}",
                    link.old.as_ref().map(|o| o.all()),
                    link.new.as_ref().map(|n| n.all())
                );
            }
        }
        kinds_right += usize::from(right);
    }

    // Implied links: identical sentences, once on each side, not listed.
    let mut expected_links = explicit.clone();
    fn count(side: &Prepared) -> HashMap<&str, Vec<usize>> {
        let mut m: HashMap<&str, Vec<usize>> = HashMap::new();
        for (i, k) in side.keys().into_iter().enumerate() {
            m.entry(k).or_default().push(i);
        }
        m
    }
    let (old_keys, new_keys) = (count(&old), count(&new));
    for (key, olds) in &old_keys {
        if let (1, Some(news)) = (olds.len(), new_keys.get(key))
            && news.len() == 1
            && !mentioned_old.contains(&olds[0])
            && !mentioned_new.contains(&news[0])
        {
            expected_links.insert((olds[0], news[0]));
            kinds_total += 1;
            if old_change.get(&olds[0]) == Some(&(ChangeKind::Unchanged, false)) {
                kinds_right += 1;
            } else {
                eprintln!(
                    "{case}: implied unchanged sentence {key:?} got {:?}",
                    old_change.get(&olds[0])
                );
            }
        }
    }
    (
        Score {
            predicted,
            expected: expected_links,
            explicit,
            kinds_right,
            kinds_total,
        },
        report,
    )
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 { 1.0 } else { a as f64 / b as f64 }
}

#[test]
fn alignment_precision_and_recall() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/eval");
    let mut cases: Vec<_> = std::fs::read_dir(&root)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir())
        .collect();
    cases.sort();
    assert!(cases.len() >= 12, "only {} evaluation cases", cases.len());

    let (mut hit, mut predicted, mut expected) = (0, 0, 0);
    let (mut hard_hit, mut hard_expected) = (0, 0);
    let (mut kinds_right, mut kinds_total) = (0, 0);
    println!(
        "{:<36} {:>9} {:>9} {:>7}",
        "case", "precision", "recall", "kinds"
    );
    for dir in &cases {
        let (score, report) = evaluate(dir);
        let case_hit = score.predicted.intersection(&score.expected).count();
        println!(
            "{:<36} {:>9.3} {:>9.3} {:>3}/{:<3}",
            dir.file_name().unwrap().to_string_lossy(),
            ratio(case_hit, score.predicted.len()),
            ratio(case_hit, score.expected.len()),
            score.kinds_right,
            score.kinds_total
        );
        hit += case_hit;
        predicted += score.predicted.len();
        expected += score.expected.len();
        hard_hit += score.predicted.intersection(&score.explicit).count();
        hard_expected += score.explicit.len();
        kinds_right += score.kinds_right;
        kinds_total += score.kinds_total;

        // A case that lists no change must report none (reflow, typography).
        let toml = std::fs::read_to_string(dir.join("expected.toml")).unwrap();
        let expected: Expected = toml::from_str(&toml).unwrap();
        if expected
            .link
            .iter()
            .all(|l| l.kind == "unchanged" && !l.moved)
        {
            assert!(report.is_unchanged(), "{}: spurious changes", dir.display());
        }
    }
    let (precision, recall) = (ratio(hit, predicted), ratio(hit, expected));
    println!(
        "all links: precision {precision:.3} recall {recall:.3} ({hit} of {expected} expected, {predicted} predicted)"
    );
    println!(
        "listed (non-trivial) links: recall {:.3} ({hard_hit} of {hard_expected}); kind and move right for {kinds_right} of {kinds_total}",
        ratio(hard_hit, hard_expected)
    );
    assert!(precision >= 0.95, "link precision {precision:.3} < 0.95");
    assert!(recall >= 0.95, "link recall {recall:.3} < 0.95");
    assert!(
        ratio(kinds_right, kinds_total) >= 0.9,
        "kinds right for only {kinds_right} of {kinds_total}"
    );
}
