//! Segmentation cases from `tests/data/segmentation.txt`: each line marks its
//! sentence boundaries with `<|>`.

use redliner::segment::segment;

const MARKER: &str = "<|>";

#[test]
fn segmentation_cases() {
    let cases = include_str!("data/segmentation.txt");
    let mut failures = Vec::new();
    let mut count = 0;
    for (number, line) in cases.lines().enumerate() {
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        count += 1;
        let input = line.replace(MARKER, "");
        let expected: Vec<&str> = line.split(MARKER).map(str::trim).collect();
        let got = segment(&input).sentence_texts(&input);
        if got != expected {
            failures.push(format!(
                "line {}: {input}\n  expected {expected:?}\n  got      {got:?}",
                number + 1
            ));
        }
    }
    assert!(count >= 40, "only {count} cases");
    assert!(
        failures.is_empty(),
        "{} of {count} cases failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn paragraph_breaks_end_sentences_without_a_period() {
    let text = "## Policy decision\n\nThe rate is unchanged\n\n- first item\n- second item";
    let got = segment(text).sentence_texts(text);
    assert_eq!(
        got,
        [
            "Policy decision",
            "The rate is unchanged",
            "first item",
            "second item"
        ]
    );
}

#[test]
fn crlf_and_hard_wraps_stay_inside_sentences() {
    let text = "The Committee decided\r\nto hold the rate. It will\r\nreview it.\r\n\r\nNext.";
    let seg = segment(text);
    let got = seg.sentence_texts(text);
    assert_eq!(
        got,
        [
            "The Committee decided\r\nto hold the rate.",
            "It will\r\nreview it.",
            "Next."
        ]
    );
    assert_eq!(seg.paragraphs.len(), 2);
}
