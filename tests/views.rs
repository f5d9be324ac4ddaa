//! What an editor reads in the terminal views: side by side keeps the signals
//! and paragraph headings, a deletion never runs into an insertion, no line
//! starts with the full stop of the line before, the header and summary fit
//! the width, moves inside a paragraph say so, `--stat` counts each change once,
//! `--full` says where `--min-significance` left changes out, and the compare
//! help fits a terminal.

mod common;
use common::{assert_exit, redliner, stdout};

use std::path::Path;

use redliner::compare::{CompareOptions, compare};
use redliner::render::terminal::{Ink, Layout, ViewOptions, render};
use redliner::report::{ChangeKind, EditOp, Report};
use redliner::statement::Statement;
use unicode_width::UnicodeWidthStr;

fn report(old: &str, new: &str) -> Report {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let old = Statement::read(&root.join(old), &Default::default()).unwrap();
    let new = Statement::read(&root.join(new), &Default::default()).unwrap();
    compare(old, new, &CompareOptions::default())
}

/// Every pair of neighbours in the sample threads.
fn sample_reports() -> Vec<Report> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut reports = Vec::new();
    for thread in ["ceasefire-talks", "rate-decisions", "budget-press"] {
        let mut files: Vec<String> = std::fs::read_dir(root.join("statements").join(thread))
            .unwrap()
            .map(|f| {
                format!(
                    "statements/{thread}/{}",
                    f.unwrap().file_name().to_string_lossy()
                )
            })
            .collect();
        files.sort();
        for pair in files.windows(2) {
            reports.push(report(&pair[0], &pair[1]));
        }
    }
    reports
}

fn view(layout: Layout, width: Option<usize>, ink: Ink) -> ViewOptions {
    ViewOptions {
        layout,
        context: Some(1),
        width,
        min_significance: 0.0,
        ink,
    }
}

/// The colored view as a reader sees it: escape codes removed.
fn without_color(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(at) = rest.find('\u{1b}') {
        out.push_str(&rest[..at]);
        let end = rest[at..].find('m').expect("a color code ends with m");
        rest = &rest[at + end + 1..];
    }
    out.push_str(rest);
    out
}

#[test]
fn side_by_side_shows_signals_and_paragraph_headings() {
    for report in sample_reports() {
        let out = render(&report, &view(Layout::SideBySide, Some(100), Ink::Plain));
        let inline = render(&report, &view(Layout::Inline, Some(100), Ink::Plain));
        let headings = |text: &str| -> Vec<String> {
            text.lines()
                .filter(|l| l.starts_with('¶'))
                .map(str::to_string)
                .collect()
        };
        assert_eq!(headings(&out), headings(&inline), "{out}");
        for change in report.changes.iter().filter(|c| c.is_change()) {
            for signal in &change.signals {
                // Details wrap; their first words start a line.
                let start: String = signal.detail.chars().take(20).collect();
                assert!(out.contains(&start), "{} missing:\n{out}", signal.detail);
            }
        }
        let marks = out
            .lines()
            .filter(|l| l.trim_start().starts_with('!'))
            .count();
        let signalled = report
            .changes
            .iter()
            .filter(|c| c.is_change() && !c.signals.is_empty())
            .count();
        assert_eq!(marks, signalled, "{out}");
    }
}

#[test]
fn a_deletion_never_runs_into_an_insertion_in_color() {
    let mut pairs = 0;
    for report in sample_reports() {
        let out = without_color(&render(&report, &view(Layout::Inline, None, Ink::Color)));
        for change in report
            .changes
            .iter()
            .filter(|c| c.kind == ChangeKind::Revised)
        {
            for pair in change.edits.windows(2) {
                let (a, b) = (&pair[0], &pair[1]);
                if a.op == EditOp::Delete
                    && b.op == EditOp::Insert
                    && !a.text.ends_with(' ')
                    && b.text.starts_with(char::is_alphanumeric)
                {
                    pairs += 1;
                    let spaced = format!("{} {}", a.text, b.text);
                    assert!(out.contains(&spaced), "{spaced:?} not in\n{out}");
                }
            }
        }
    }
    assert!(pairs > 10, "only {pairs} replacements");
}

#[test]
fn no_line_starts_with_the_punctuation_of_the_line_before() {
    for report in sample_reports() {
        for width in 30..=110 {
            for ink in [Ink::Plain, Ink::Color] {
                for layout in [Layout::Inline, Layout::SideBySide] {
                    let out = without_color(&render(&report, &view(layout, Some(width), ink)));
                    for line in out.lines() {
                        // The text after the gutter ("12 14 ~ " or its blank).
                        let cells: Vec<&str> = line.split(" │ ").collect();
                        for cell in cells {
                            // A first line starts with its line numbers.
                            let text = cell.trim_start();
                            // A first word of punctuation only, other than the
                            // view's own marks, is the end of the word above.
                            let first = text.split(' ').next().unwrap_or("");
                            let own = ["~", "+", "-", ">", "!", "!!", "⋯", "·", "|", "│", "→", "—"];
                            let glued = !first.is_empty()
                                && !first.chars().any(char::is_alphanumeric)
                                && !own.contains(&first);
                            assert!(
                                !glued,
                                "width {width}: a line starts with punctuation: {line:?}\n{out}"
                            );
                        }
                    }
                }
            }
        }
    }
}

#[test]
fn header_and_summary_fit_the_width() {
    let wide = report(
        "tests/fixtures/terminal/wide-old.md",
        "tests/fixtures/terminal/wide-new.md",
    );
    let mut reports = sample_reports();
    reports.push(wide);
    for report in &reports {
        for width in [30, 40, 60, 80] {
            for layout in [Layout::Inline, Layout::SideBySide, Layout::Stat] {
                // Two columns of at least 10 and their gutters need 33.
                if layout == Layout::SideBySide && width < 40 {
                    continue;
                }
                let out = render(report, &view(layout, Some(width), Ink::Plain));
                for line in out.lines() {
                    assert!(line.width() <= width, "wider than {width}: {line:?}\n{out}");
                }
            }
        }
    }
}

#[test]
fn summary_counts_are_not_broken_across_lines() {
    let report = report(
        "tests/fixtures/terminal/wide-old.md",
        "tests/fixtures/terminal/wide-new.md",
    );
    let out = render(&report, &view(Layout::Inline, Some(40), Ink::Plain));
    for count in [
        "3 revised",
        "0 added",
        "0 removed",
        "0 moved",
        "93% similar",
    ] {
        assert!(out.contains(count), "{count}:\n{out}");
    }
}

const MOVED_OLD: &str = "tests/fixtures/terminal/moved-old.md";
const MOVED_NEW: &str = "tests/fixtures/terminal/moved-new.md";

#[test]
fn a_reorder_inside_a_paragraph_is_not_a_move_from_it() {
    let out = stdout(&redliner(&["compare", MOVED_OLD, MOVED_NEW, "--full"]));
    assert!(!out.contains("moved from"), "{out}");
    assert_eq!(
        out.matches("(moved within the paragraph)").count(),
        3,
        "{out}"
    );
    let md = stdout(&redliner(&[
        "compare", MOVED_OLD, MOVED_NEW, "--format", "md",
    ]));
    assert!(md.contains("*(moved within paragraph 1)*"), "{md}");
    assert!(!md.contains("from paragraph 1 to paragraph 1"), "{md}");
    let html = stdout(&redliner(&[
        "compare", MOVED_OLD, MOVED_NEW, "--format", "html",
    ]));
    assert!(
        html.contains("title=\"moved within paragraph 1\""),
        "{html}"
    );
    assert!(!html.contains("moved from paragraph 1 to 1"), "{html}");
}

#[test]
fn stat_counts_each_change_once() {
    let report = report(MOVED_OLD, MOVED_NEW);
    let out = render(&report, &view(Layout::Stat, None, Ink::Plain));
    // ¶2: a sentence moved, one revised and moved, one revised.
    let line = out.lines().find(|l| l.starts_with("¶2")).unwrap();
    let total: usize = line
        .split('|')
        .nth(1)
        .unwrap()
        .split_whitespace()
        .next()
        .unwrap()
        .parse()
        .unwrap();
    let in_paragraph = report
        .changes
        .iter()
        .filter(|c| c.is_change() && c.new_paragraph == Some(1))
        .count();
    assert_eq!(total, in_paragraph, "{out}");
    let bar = line.split_whitespace().last().unwrap();
    assert_eq!(bar.chars().count(), in_paragraph, "{out}");
}

#[test]
fn full_view_says_where_changes_were_left_out() {
    let output = redliner(&[
        "compare",
        MOVED_OLD,
        MOVED_NEW,
        "--full",
        "--min-significance",
        "0.5",
        "--width",
        "100",
    ]);
    assert_exit(&output, 1);
    let out = stdout(&output);
    // The two moves in ¶1 and ¶2 (significance below 0.5) are marked in place.
    let lines: Vec<&str> = out.lines().collect();
    let p1 = lines.iter().position(|l| *l == "¶1").unwrap();
    assert!(
        lines[p1 + 1].contains("⋯ 1 change below significance 0.5"),
        "{out}"
    );
    assert_eq!(
        out.matches("change below significance 0.5").count(),
        2,
        "{out}"
    );
    // With context, the same marks.
    let out = stdout(&redliner(&[
        "compare",
        MOVED_OLD,
        MOVED_NEW,
        "--min-significance",
        "0.5",
    ]));
    assert_eq!(
        out.matches("change below significance 0.5").count(),
        2,
        "{out}"
    );
}

#[test]
fn compare_help_examples_fit_a_terminal() {
    let out = stdout(&redliner(&["compare", "--help"]));
    let examples = out.split("Examples:").nth(1).expect("examples");
    for line in examples.lines().filter(|l| !l.trim().is_empty()) {
        assert!(
            line.starts_with("  redliner "),
            "an example wraps: {line:?}\n{out}"
        );
        assert!(line.width() <= 80, "wider than 80: {line:?}");
    }
}
