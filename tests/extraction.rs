//! Extraction from saved pages (`tests/fixtures/html/NAME.html`): the main text
//! must match `NAME.txt` paragraph for paragraph, with no navigation, cookie
//! banner, share links or footer, and the metadata must come from the page.
//! `cargo test --test extraction -- --nocapture` prints paragraph precision and recall.

use std::path::Path;

use redliner::extract::{Page, extract};

fn page(name: &str) -> (Page, String) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/html");
    let html = std::fs::read_to_string(dir.join(format!("{name}.html"))).unwrap();
    let expected = std::fs::read_to_string(dir.join(format!("{name}.txt"))).unwrap();
    (extract(name, &html, None).unwrap(), expected)
}

fn paragraphs(text: &str) -> Vec<&str> {
    text.split("\n\n")
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect()
}

/// Paragraph precision and recall against the expected text.
fn quality(got: &str, expected: &str) -> (f64, f64) {
    let (got, expected) = (paragraphs(got), paragraphs(expected));
    let hits = got.iter().filter(|p| expected.contains(p)).count() as f64;
    (hits / got.len() as f64, hits / expected.len() as f64)
}

const NAMES: &[&str] = &["ministry-readout", "bank-statement", "budget-release"];

#[test]
fn main_text_matches_paragraph_for_paragraph() {
    let (mut hits, mut got_total, mut expected_total) = (0.0, 0.0, 0.0);
    for name in NAMES {
        let (page, expected) = page(name);
        let (precision, recall) = quality(&page.text, &expected);
        println!("{name}: paragraph precision {precision:.2}, recall {recall:.2}");
        let (g, e) = (
            paragraphs(&page.text).len() as f64,
            paragraphs(&expected).len() as f64,
        );
        hits += precision * g;
        got_total += g;
        expected_total += e;
        assert_eq!(page.text.trim(), expected.trim(), "{name}");
    }
    println!(
        "overall: precision {:.2}, recall {:.2}",
        hits / got_total,
        hits / expected_total
    );
}

#[test]
fn boilerplate_is_left_out() {
    for name in NAMES {
        let (page, _) = page(name);
        let text = page.text.to_lowercase();
        for word in [
            "cookie",
            "privacy",
            "share on",
            "related news",
            "all rights",
            "home",
            "tweet",
            "comments",
            "email this",
        ] {
            assert!(!text.contains(word), "{name}: `{word}` in {text}");
        }
    }
}

#[test]
fn metadata_comes_from_the_page() {
    let (readout, _) = page("ministry-readout");
    assert_eq!(
        readout.title.as_deref(),
        Some("Readout of the Fourth Round of Harbor Talks")
    );
    assert_eq!(
        readout.source.as_deref(),
        Some("Ministry of Coastal Affairs")
    );
    // No published_time meta: the date comes from <time datetime>.
    assert_eq!(readout.date.as_deref(), Some("2026-03-04"));
    assert_eq!(
        readout.byline.as_deref(),
        Some("By the Office of the Spokesperson")
    );

    let (bank, _) = page("bank-statement");
    assert_eq!(
        bank.title.as_deref(),
        Some("Monetary Policy Statement, July 2026")
    );
    assert_eq!(bank.source.as_deref(), Some("Central Bank of Aldoria"));
    assert_eq!(bank.date.as_deref(), Some("2026-07-29"));

    // Only a <title>: the site's suffix is not part of it; no date, no source.
    let (release, _) = page("budget-release");
    assert_eq!(
        release.title.as_deref(),
        Some("Budget office publishes spring revenue estimates")
    );
    assert_eq!(release.date, None);
    assert_eq!(release.source, None);
}

#[test]
fn pages_without_text_are_an_error() {
    let err = extract(
        "empty.html",
        "<html><body><script>var a;</script></body></html>",
        None,
    )
    .unwrap_err()
    .to_string();
    assert_eq!(err, "empty.html: found no statement text in this page");
}
