//! A small labeled evaluation of sentence alignment.
//!
//! Each `tests/fixtures/eval/<case>/` holds `old.md`, `new.md` and
//! `expected.toml`, which names sentences by a substring found in exactly one
//! sentence. Identical sentences that occur once on each side and are not listed
//! are implied unchanged links. The test reports link precision and recall over
//! all cases (run with `--nocapture` to see the table) and requires both ≥ 0.95.
//! The scoring is shared with `real_eval` (`tests/common/eval.rs`).

mod common;

use std::path::Path;

use common::eval::{Expected, evaluate, prepare, ratio};

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
        let case = dir.file_name().unwrap().to_string_lossy().into_owned();
        let labels = Expected::read(&dir.join("expected.toml"));
        let (old, new) = (prepare(&dir.join("old.md")), prepare(&dir.join("new.md")));
        let (score, report) = evaluate(&old, &new, &labels);
        assert!(
            score.unresolved.is_empty(),
            "{case}: every substring should be in exactly one sentence: {:?}",
            score.unresolved
        );
        for note in &score.notes {
            eprintln!("{case}: {note}");
        }
        let case_hit = score.predicted.intersection(&score.expected).count();
        println!(
            "{:<36} {:>9.3} {:>9.3} {:>3}/{:<3}",
            case,
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
        if labels
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
