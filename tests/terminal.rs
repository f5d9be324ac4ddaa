//! Snapshot tests of the terminal view: the colored view through its tagged
//! form, the plain view, side by side at 80 and 120 columns, `--stat`, context
//! collapsing, wide characters and hostile escape sequences.

use std::path::Path;

use redliner::compare::{CompareOptions, compare};
use redliner::render::terminal::{Ink, Layout, ViewOptions, render};
use redliner::report::Report;
use redliner::statement::Statement;

fn report(old: &str, new: &str) -> Report {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let old = Statement::read(&root.join(old), &Default::default()).unwrap();
    let new = Statement::read(&root.join(new), &Default::default()).unwrap();
    let mut report = compare(old, new, &CompareOptions::default());
    // Snapshots should not depend on where the repository is checked out.
    let prefix = format!("{}/", root.display());
    report.old.path = report.old.path.trim_start_matches(&prefix).to_string();
    report.new.path = report.new.path.trim_start_matches(&prefix).to_string();
    report
}

fn ceasefire() -> Report {
    report(
        "statements/ceasefire-talks/2026-02-20-third-round.md",
        "statements/ceasefire-talks/2026-03-04-fourth-round.md",
    )
}

fn rates() -> Report {
    report(
        "statements/rate-decisions/2026-01-28-january.md",
        "statements/rate-decisions/2026-03-18-march.md",
    )
}

fn view(layout: Layout, context: Option<usize>, width: Option<usize>, ink: Ink) -> ViewOptions {
    ViewOptions {
        layout,
        context,
        width,
        min_significance: 0.0,
        ink,
    }
}

#[test]
fn colored_view_through_tags() {
    let out = render(
        &ceasefire(),
        &view(Layout::Inline, Some(1), Some(100), Ink::Tagged),
    );
    insta::assert_snapshot!("inline_tagged_ceasefire", out);
}

#[test]
fn plain_view_has_wdiff_markers() {
    let out = render(&rates(), &view(Layout::Inline, Some(1), None, Ink::Plain));
    assert!(out.contains("[-") && out.contains("{+"));
    insta::assert_snapshot!("inline_plain_rates", out);
}

#[test]
fn side_by_side_at_80_and_120_columns() {
    for width in [80, 120] {
        let out = render(
            &ceasefire(),
            &view(Layout::SideBySide, Some(0), Some(width), Ink::Plain),
        );
        for line in out.lines().skip(5) {
            assert!(
                unicode_width::UnicodeWidthStr::width(line) <= width,
                "wider than {width}: {line}"
            );
        }
        insta::assert_snapshot!(format!("side_by_side_{width}"), out);
    }
}

#[test]
fn stat_has_per_paragraph_counts() {
    let out = render(&ceasefire(), &view(Layout::Stat, None, None, Ink::Tagged));
    insta::assert_snapshot!("stat_ceasefire", out);
}

#[test]
fn context_collapses_unchanged_sentences() {
    let none = render(&rates(), &view(Layout::Inline, Some(0), None, Ink::Plain));
    let two = render(&rates(), &view(Layout::Inline, Some(2), None, Ink::Plain));
    let full = render(&rates(), &view(Layout::Inline, None, None, Ink::Plain));
    assert!(none.contains("unchanged sentences"));
    assert!(!full.contains("unchanged sentence"));
    assert!(none.lines().count() < two.lines().count());
    assert!(two.lines().count() <= full.lines().count());
    assert!(none.lines().count() < full.lines().count());
    insta::assert_snapshot!("context_0_rates", none);
}

#[test]
fn wide_characters_are_measured() {
    let report = report(
        "tests/fixtures/terminal/wide-old.md",
        "tests/fixtures/terminal/wide-new.md",
    );
    let out = render(
        &report,
        &view(Layout::SideBySide, None, Some(60), Ink::Plain),
    );
    for line in out.lines().skip(5) {
        assert!(unicode_width::UnicodeWidthStr::width(line) <= 60, "{line}");
    }
    insta::assert_snapshot!("wide_side_by_side_60", out);
    let inline = render(&report, &view(Layout::Inline, None, Some(40), Ink::Tagged));
    insta::assert_snapshot!("wide_inline_40", inline);
}

#[test]
fn escape_sequences_are_shown_not_sent() {
    let report = report(
        "tests/fixtures/terminal/escape-old.md",
        "tests/fixtures/terminal/escape-new.md",
    );
    for ink in [Ink::Plain, Ink::Tagged, Ink::Color] {
        let out = render(&report, &view(Layout::Inline, None, None, ink));
        // The only escapes in the output are our own color codes (`ESC [ … m`).
        let mut rest = out.as_str();
        while let Some(at) = rest.find('\u{1b}') {
            let seq = &rest[at + 1..];
            let end = seq.find('m').expect("color sequence ends with m");
            assert!(
                seq.starts_with('[') && seq[1..end].chars().all(|c| c.is_ascii_digit() || c == ';'),
                "raw escape sequence in output: {:?}",
                &seq[..end.min(12)]
            );
            rest = &seq[end..];
        }
        assert!(!out.contains('\u{7}') && !out.contains('\r'), "{out:?}");
        assert!(out.contains("\\x1b]0;pwned\\x07"), "{out}");
    }
    let out = render(&report, &view(Layout::Inline, None, None, Ink::Plain));
    insta::assert_snapshot!("escapes_plain", out);
}
