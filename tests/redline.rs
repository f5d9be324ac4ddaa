//! Redlines on real statements: a figure changes as a whole (the FOMC series),
//! through the library and the binary.

mod common;
use common::{assert_exit, redliner, stdout};

use std::path::Path;

use redliner::compare::{CompareOptions, compare};
use redliner::report::{ChangeKind, EditOp, Report};
use redliner::statement::{ReadOptions, Statement};

const FOMC: &str = "tests/data/real/fomc";

fn fomc(name: &str) -> Statement {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(FOMC).join(name);
    Statement::read(&path, &ReadOptions::default()).unwrap()
}

/// Digits joined by figure glue: `1-3/4`, `2.5`, `1,200`, `10:30`, `3 1/2`.
fn figures(text: &str) -> Vec<(usize, usize)> {
    let figure = regex::Regex::new(r"\d+(?:[.,/:-]\d+)*(?: \d+/\d+)?").unwrap();
    figure
        .find_iter(text)
        .map(|m| (m.start(), m.end()))
        .collect()
}

/// The revised changes of a report whose redline cuts into a figure, on either
/// side, as (old text, new text).
fn split_figures(report: &Report) -> Vec<(String, String)> {
    let mut split = Vec::new();
    for change in report
        .changes
        .iter()
        .filter(|c| c.kind == ChangeKind::Revised)
    {
        for skip in [EditOp::Insert, EditOp::Delete] {
            let (mut text, mut bounds) = (String::new(), vec![0]);
            for edit in change.edits.iter().filter(|e| e.op != skip) {
                text.push_str(&edit.text);
                bounds.push(text.len());
            }
            let inside = figures(&text)
                .into_iter()
                .any(|(start, end)| bounds.iter().any(|&b| start < b && b < end));
            if inside {
                split.push((
                    redliner::redline::old_text(&change.edits),
                    redliner::redline::new_text(&change.edits),
                ));
            }
        }
    }
    split
}

#[test]
fn no_redline_of_the_fomc_series_splits_a_figure() {
    let mut names: Vec<String> =
        std::fs::read_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join(FOMC))
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.ends_with(".txt"))
            .collect();
    names.sort();
    let (mut revised, mut with_figures) = (0, 0);
    for pair in names.windows(2) {
        let report = compare(fomc(&pair[0]), fomc(&pair[1]), &CompareOptions::default());
        let split = split_figures(&report);
        assert!(split.is_empty(), "{} → {}: {split:#?}", pair[0], pair[1]);
        for change in report
            .changes
            .iter()
            .filter(|c| c.kind == ChangeKind::Revised)
        {
            revised += 1;
            let changed = change.edits.iter().filter(|e| e.op != EditOp::Equal);
            with_figures += usize::from(changed.into_iter().any(|e| !figures(&e.text).is_empty()));
        }
    }
    println!("{revised} revised sentences, {with_figures} with a figure changed, none split");
    // The rate sentences ("… to 1-3/4 percent") are among them.
    assert!(with_figures >= 12, "{with_figures}");
}

#[test]
fn a_rate_change_reads_whole_in_every_view() {
    let (old, new) = (
        format!("{FOMC}/2004-08-10.txt"),
        format!("{FOMC}/2004-09-21.txt"),
    );
    let plain = redliner(&["compare", &old, &new, "--format", "plain", "--no-pager"]);
    assert_exit(&plain, 1);
    let plain = stdout(&plain);
    for whole in [
        "to [-1-1/2-]{+1-3/4+} percent.",
        "discount rate to [-2-1/2-]{+2-3/4+} percent.",
    ] {
        assert!(plain.contains(whole), "{whole} not in\n{plain}");
    }

    let json = stdout(&redliner(&["compare", &old, &new, "--format", "json"]));
    let report: Report = serde_json::from_str(&json).unwrap();
    assert!(split_figures(&report).is_empty());

    let md = stdout(&redliner(&["compare", &old, &new, "--format", "md"]));
    assert!(md.contains("~~1-1/2~~ **1-3/4** percent"), "{md}");
    let html = stdout(&redliner(&["compare", &old, &new, "--format", "html"]));
    assert!(
        html.contains("<del>1-1&#x2f;2</del> <ins>1-3&#x2f;4</ins> percent"),
        "{html}"
    );
}
