//! The hand-checked segmentation units of real terms documents
//! (`tests/fixtures/real/segmentation/`) are faithful to their sources: each
//! unit is cut, in order, from its document, and nothing with a letter or digit
//! in it lies outside every unit (only markup, underlines and pipes do).

mod common;

use common::units::{inline, labeled_documents, normalise};

#[test]
fn normalisation_strips_markers_and_inline_markup() {
    assert_eq!(
        normalise("1\\. Personal Data we collect"),
        "Personal Data we collect"
    );
    assert_eq!(
        normalise("*   **IV. How We Use Your Data**"),
        "How We Use Your Data"
    );
    assert_eq!(normalise("(a) use the Products;"), "use the Products;");
    assert_eq!(normalise("### 2.1. Data you provide"), "Data you provide");
    assert_eq!(normalise("1.2 Scope"), "Scope");
    assert_eq!(
        normalise("| Account Information<br>  Log Data |"),
        "Account Information Log Data"
    );
    assert_eq!(normalise("_Log Data_: We collect"), "Log Data: We collect");
    assert_eq!(normalise("**15.1.**"), "");
    // Only markup goes: underscores inside a word and ordinary numbers stay.
    assert_eq!(normalise("see decisions_en"), "see decisions_en");
    assert_eq!(normalise("30 days after notice."), "30 days after notice.");
}

#[test]
fn labeled_units_are_cut_in_order_from_their_source() {
    let documents = labeled_documents();
    assert!(
        documents.len() >= 3,
        "only {} labeled documents",
        documents.len()
    );
    for doc in &documents {
        let source = inline(&std::fs::read_to_string(&doc.source).unwrap());
        let mut at = 0;
        for (line, unit) in doc.units.iter().enumerate() {
            let line = line + 1;
            assert!(
                !normalise(unit).is_empty(),
                "{}:{line}: a unit with no text",
                doc.name
            );
            let text = inline(unit);
            let Some(start) = source[at..].find(&text).map(|i| i + at) else {
                panic!(
                    "{}:{line}: {text:?} is not in the source after the previous unit",
                    doc.name
                );
            };
            let gap = &source[at..start];
            assert!(
                !gap.chars().any(char::is_alphanumeric),
                "{}:{line}: text before this unit belongs to no unit: {gap:?}",
                doc.name
            );
            at = start + text.len();
        }
        let rest = &source[at..];
        assert!(
            !rest.chars().any(char::is_alphanumeric),
            "{}: text after the last unit belongs to no unit: {rest:?}",
            doc.name
        );
    }
}
