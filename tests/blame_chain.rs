//! `blame` on a long real thread (81 FOMC statements, 1994–2007): for every
//! sentence, *first seen* is a statement holding a sentence linked to it through
//! the chain of revisions and still related to it, and the chain stops only
//! where no related sentence comes before. A chain of weak links once reached
//! a sentence that had nothing to do with it ("Today's action … should help
//! promote moderate growth" first seen in a statement that only said the
//! Committee "is monitoring the situation").

mod common;
use common::{assert_exit, redliner, stdout};

use std::collections::BTreeSet;
use std::path::Path;

use redliner::align::{REVISED_THRESHOLD, similarity};
use redliner::compare::{CompareOptions, compare};
use redliner::fold;
use redliner::report::{ChangeKind, Report};
use redliner::statement::Statement;

const THREAD: &str = "tests/data/real/fomc";

fn files() -> Vec<String> {
    let mut files: Vec<String> =
        std::fs::read_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join(THREAD))
            .unwrap()
            .map(|f| format!("{THREAD}/{}", f.unwrap().file_name().to_string_lossy()))
            .collect();
    files.sort();
    files
}

fn read(file: &str) -> Statement {
    Statement::read(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join(file),
        &Default::default(),
    )
    .unwrap()
}

/// The sentences of statement `k` a sentence of the report's new side is linked
/// to (unchanged, moved or revised), by index.
fn linked(report: &Report, index: usize) -> Vec<(usize, String)> {
    report
        .changes
        .iter()
        .filter(|c| {
            matches!(
                c.kind,
                ChangeKind::Unchanged | ChangeKind::Revised | ChangeKind::Ignored
            )
        })
        .filter(|c| c.new.iter().any(|s| s.index == index))
        .flat_map(|c| c.old.iter().map(|o| (o.index, o.text.to_string())))
        .collect()
}

fn related(a: &str, b: &str) -> bool {
    similarity(&fold::fold(a), &fold::fold(b)) >= REVISED_THRESHOLD
}

#[test]
fn first_seen_is_where_a_related_linked_sentence_appears() {
    let files = files();
    assert_eq!(files.len(), 81);
    let reports: Vec<Report> = files
        .windows(2)
        .map(|pair| compare(read(&pair[0]), read(&pair[1]), &CompareOptions::default()))
        .collect();
    let mut checked = 0;
    // The latest statement, and every tenth one blamed through those before it.
    let blamed: Vec<usize> = (1..files.len())
        .step_by(10)
        .chain([files.len() - 1])
        .collect();
    for last in blamed {
        let output = redliner(&["blame", &files[last], "--format", "json"]);
        assert_exit(&output, 0);
        let blame: serde_json::Value = serde_json::from_str(&stdout(&output)).unwrap();
        assert_eq!(blame["statements"].as_array().unwrap().len(), last + 1);
        for line in blame["lines"].as_array().unwrap() {
            let text = line["sentence"]["text"].as_str().unwrap();
            let index = line["sentence"]["index"].as_u64().unwrap() as usize;
            let field = |name: &str| line[name].as_u64().unwrap() as usize;
            let (origin, since, revisions) = (field("origin"), field("since"), field("revisions"));
            assert!(origin <= since && since <= last, "{line}");
            assert_eq!(revisions == 0, since == origin, "{line}");
            // Walk back: every sentence linked to it (`all`), and those linked
            // through sentences still related to it (`close`).
            let mut all: BTreeSet<usize> = [index].into();
            let mut close: BTreeSet<usize> = [index].into();
            let mut reached = last;
            for k in (origin..last).rev() {
                let report = &reports[k];
                let mut all_before = BTreeSet::new();
                let mut close_before = BTreeSet::new();
                let mut related_here = false;
                for &i in &all {
                    for (o, old) in linked(report, i) {
                        all_before.insert(o);
                        related_here |= related(&old, text);
                    }
                }
                for &i in &close {
                    for (o, old) in linked(report, i) {
                        if related(&old, text) {
                            close_before.insert(o);
                        }
                    }
                }
                if k == origin {
                    assert!(
                        related_here,
                        "{}: {text:?} first seen in {}, where no sentence linked to it is related to it",
                        files[last], files[origin]
                    );
                }
                (all, close) = (all_before, close_before);
                if !close.is_empty() {
                    reached = k;
                }
            }
            assert_eq!(
                reached, origin,
                "{}: {text:?}: the related chain reaches {}",
                files[last], files[reached]
            );
            // It stops there: nothing related before it links to it.
            if origin > 0 {
                let report = &reports[origin - 1];
                for &i in &close {
                    for (_, old) in linked(report, i) {
                        assert!(
                            !related(&old, text),
                            "{}: {text:?} first seen in {}, but {:?} in {} is linked and related",
                            files[last],
                            files[origin],
                            old,
                            files[origin - 1]
                        );
                    }
                }
            }
            checked += 1;
        }
    }
    assert!(checked > 50, "{checked} sentences");
}
