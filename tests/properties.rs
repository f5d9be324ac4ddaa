//! Invariants that hold for any input: segmentation is lossless (plain text and
//! Markdown), sentences lie within their paragraphs and a blank line separates
//! segmentations, every sentence of both statements is accounted for exactly
//! once, redlines rebuild both sentences, and nothing panics.

use proptest::prelude::*;
use redliner::compare::{CompareOptions, compare};
use redliner::fold::fold;
use redliner::redline::{new_text, old_text};
use redliner::report::{ChangeKind, Report};
use redliner::segment::{Piece, Sentence, pieces, segment};
use redliner::statement::Statement;

/// Text shaped like statements: words, abbreviations, stops, quotes, markers,
/// wraps and blank lines, plus any Unicode now and then.
fn statement_text() -> impl Strategy<Value = String> {
    let token = prop_oneof![
        8 => "[A-Za-z]{1,9}",
        2 => Just("U.S.".to_string()),
        1 => Just("Gen.".to_string()),
        1 => Just("No. 5".to_string()),
        1 => Just("2.5".to_string()),
        3 => prop::sample::select(vec![". ", "? ", "! ", ", ", ".\" ", ".) ", "... ", " — "])
            .prop_map(str::to_string),
        2 => prop::sample::select(vec!["\n", "\n\n", "\n- ", "\n## ", "\n1. ", "\r\n", "  "])
            .prop_map(str::to_string),
        4 => Just(" ".to_string()),
        1 => any::<char>().prop_map(|c| c.to_string()),
    ];
    prop::collection::vec(token, 0..80).prop_map(|tokens| tokens.concat())
}

/// Text shaped like Markdown bodies: tables with pipes, escaped pipes and `<br>`,
/// headings, underlines and rules, nested lists, quotes, links and emphasis, with
/// prose in between.
fn markdown_text() -> impl Strategy<Value = String> {
    let token = prop_oneof![
        6 => "[A-Za-z]{1,9}",
        3 => prop::sample::select(vec![". ", "? ", ", ", " ", " ", "... ", ". . . ", "No. 5 "])
            .prop_map(str::to_string),
        3 => prop::sample::select(vec![
            "\n", "\n\n", "\n- ", "\n    * ", "\n1. ", "\n2) ", "\n(a) ", "\nb. ", "\nIV. ",
            "\n• 9. ", "\n1\\. ", "\n## ", "\n> ", "\n> > ", "\n===\n", "\n---\n",
            "\n- - -\n", "\n**", "**", "\n| ", " | ", " |\n", "\n| --- | :-: |\n", "\\|",
            "<br>", "<br><br>", "<BR/>", "<br>*   ", "[", "](#x)", "](https://e.org/a.b)",
            "_", "\r\n", "\t",
        ])
        .prop_map(str::to_string),
        1 => any::<char>().prop_map(|c| c.to_string()),
    ];
    prop::collection::vec(token, 0..60).prop_map(|tokens| tokens.concat())
}

/// A gap holds white space, `<br>` tags and the characters of markers, pipes,
/// underlines and rules; its only words are item labels (`12`, `b`, `iv`).
fn assert_gap_is_structure(gap: &str) -> Result<(), TestCaseError> {
    static BR: std::sync::LazyLock<regex::Regex> =
        std::sync::LazyLock::new(|| regex::Regex::new(r"(?i)<br */?>").unwrap());
    let gap = BR.replace_all(gap, " ");
    for c in gap.chars() {
        prop_assert!(
            c.is_whitespace() || c.is_ascii_alphanumeric() || "-*+•⁃◦▪‣#.)(\\|:=_>".contains(c),
            "{:?} in the gap {:?}",
            c,
            gap
        );
    }
    for word in gap
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        let label = (word.len() <= 3 && word.bytes().all(|b| b.is_ascii_digit()))
            || word.len() == 1
            || word.bytes().all(|b| b"ivxIVX".contains(&b));
        prop_assert!(label, "{:?} in the gap {:?}", word, gap);
    }
    Ok(())
}

/// A list of short sentences to build statements and edits from.
fn sentences() -> impl Strategy<Value = Vec<String>> {
    prop::collection::vec(
        // Two letters at least, from letters that spell no abbreviation: "A. B." is
        // rightly one sentence ("A." reads as an initial).
        prop::collection::vec("[g-k]{2,4}", 1..8).prop_map(|words| {
            let mut s = words.join(" ");
            s[..1].make_ascii_uppercase();
            s.push('.');
            s
        }),
        0..25,
    )
}

#[derive(Debug, Clone)]
enum Edit {
    Keep,
    Drop,
    Reword(String),
    Insert(String),
    MoveToTop,
}

fn edits() -> impl Strategy<Value = Vec<Edit>> {
    prop::collection::vec(
        prop_oneof![
            6 => Just(Edit::Keep),
            1 => Just(Edit::Drop),
            2 => "[a-e]{1,3}".prop_map(Edit::Reword),
            1 => "[a-e]{1,3}( [a-e]{1,3}){0,5}".prop_map(|s| Edit::Insert(format!("Z{s}."))),
            1 => Just(Edit::MoveToTop),
        ],
        0..25,
    )
}

fn apply(old: &[String], edits: &[Edit]) -> Vec<String> {
    let mut new: Vec<String> = Vec::new();
    for (i, sentence) in old.iter().enumerate() {
        match edits.get(i).unwrap_or(&Edit::Keep) {
            Edit::Keep => new.push(sentence.clone()),
            Edit::Drop => {}
            Edit::Reword(word) => new.push(format!("{} {word}.", sentence.trim_end_matches('.'))),
            Edit::Insert(extra) => {
                new.push(sentence.clone());
                new.push(extra.clone());
            }
            Edit::MoveToTop => new.insert(0, sentence.clone()),
        }
    }
    new
}

fn statement(sentences: &[String], per_paragraph: usize) -> Statement {
    let text = sentences
        .chunks(per_paragraph.max(1))
        .map(|p| p.join(" "))
        .collect::<Vec<_>>()
        .join("\n\n");
    Statement::parse("p.md", text.as_bytes()).unwrap()
}

/// Every sentence index of both sides appears in exactly one change.
fn assert_accounted_once(report: &Report) {
    let mut old_seen = vec![0; report.old.sentences];
    let mut new_seen = vec![0; report.new.sentences];
    for change in &report.changes {
        for r in &change.old {
            old_seen[r.index] += 1;
        }
        for r in &change.new {
            new_seen[r.index] += 1;
        }
        match change.kind {
            ChangeKind::Added => assert!(change.old.is_empty() && change.new.len() == 1),
            ChangeKind::Removed => assert!(change.new.is_empty() && change.old.len() == 1),
            _ => assert!(!change.old.is_empty() && !change.new.is_empty()),
        }
    }
    assert!(old_seen.iter().all(|&n| n == 1), "old: {old_seen:?}");
    assert!(new_seen.iter().all(|&n| n == 1), "new: {new_seen:?}");
}

/// Redlines rebuild the folded text of both sides.
fn assert_redlines_rebuild(report: &Report) {
    for change in report
        .changes
        .iter()
        .filter(|c| c.kind == ChangeKind::Revised)
    {
        let join = |refs: &[redliner::report::SentenceRef]| {
            refs.iter()
                .map(|r| fold(&r.text))
                .collect::<Vec<_>>()
                .join(" ")
        };
        assert_eq!(old_text(&change.edits), join(&change.old));
        assert_eq!(new_text(&change.edits), join(&change.new));
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn segmentation_is_lossless(text in statement_text()) {
        let seg = segment(&text);
        let mut rebuilt = String::new();
        for piece in pieces(&text, &seg) {
            match piece {
                Piece::Sentence(s) => {
                    prop_assert!(!s.is_empty());
                    prop_assert_eq!(s.trim(), s, "sentences carry no outer white space");
                    rebuilt.push_str(s);
                }
                Piece::Gap(g) => {
                    assert_gap_is_structure(g)?;
                    rebuilt.push_str(g);
                }
            }
        }
        prop_assert_eq!(rebuilt, text);
    }

    #[test]
    fn markdown_segmentation_is_lossless(text in markdown_text()) {
        let seg = segment(&text);
        let mut rebuilt = String::new();
        for piece in pieces(&text, &seg) {
            match piece {
                Piece::Sentence(s) => {
                    prop_assert!(!s.is_empty());
                    prop_assert_eq!(s.trim(), s, "sentences carry no outer white space");
                    rebuilt.push_str(s);
                }
                Piece::Gap(g) => {
                    assert_gap_is_structure(g)?;
                    rebuilt.push_str(g);
                }
            }
        }
        prop_assert_eq!(rebuilt, text);
    }

    #[test]
    fn sentences_lie_within_their_paragraphs(text in markdown_text()) {
        let seg = segment(&text);
        for pair in seg.paragraphs.windows(2) {
            prop_assert!(pair[0].end <= pair[1].start, "paragraphs in order: {:?}", seg.paragraphs);
        }
        let mut seen = vec![0; seg.paragraphs.len()];
        for sentence in &seg.sentences {
            let paragraph = &seg.paragraphs[sentence.paragraph];
            prop_assert!(
                paragraph.start <= sentence.span.start && sentence.span.end <= paragraph.end,
                "{:?} outside its paragraph {:?}", sentence, paragraph
            );
            seen[sentence.paragraph] += 1;
        }
        prop_assert!(seen.iter().all(|&n| n > 0), "a paragraph without sentences: {:?}", seen);
    }

    #[test]
    fn a_blank_line_separates_segmentations(a in markdown_text(), b in markdown_text()) {
        let whole = format!("{a}\n\n{b}");
        let (first, second) = (segment(&a), segment(&b));
        let shift = a.len() + 2;
        let paragraphs = first.paragraphs.len();
        let mut expected = first.clone();
        expected
            .paragraphs
            .extend(second.paragraphs.iter().map(|p| p.start + shift..p.end + shift));
        expected.sentences.extend(second.sentences.iter().map(|s| Sentence {
            span: s.span.start + shift..s.span.end + shift,
            paragraph: s.paragraph + paragraphs,
        }));
        prop_assert_eq!(segment(&whole), expected);
    }

    #[test]
    fn every_sentence_is_accounted_for_once(
        old in sentences(), edits in edits(), a in 1usize..5, b in 1usize..5
    ) {
        let new = apply(&old, &edits);
        let report = compare(statement(&old, a), statement(&new, b), &CompareOptions::default());
        assert_accounted_once(&report);
        assert_redlines_rebuild(&report);
    }

    #[test]
    fn arbitrary_text_never_panics(old in statement_text(), new in statement_text()) {
        // NUL bytes and unclosed front matter are errors, reported, not panics.
        let (Ok(old), Ok(new)) = (
            Statement::parse("a.md", old.as_bytes()),
            Statement::parse("b.md", new.as_bytes()),
        ) else {
            return Ok(());
        };
        let report = compare(old, new, &CompareOptions::default());
        assert_accounted_once(&report);
        assert_redlines_rebuild(&report);
    }

    #[test]
    fn fast_word_count_matches_unicode_words(text in "[a-zA-Z0-9_ .,;:'$%()-]{0,60}") {
        prop_assert_eq!(
            redliner::fold::count_words(&text),
            redliner::fold::words(&text).count(),
            "{:?}", text
        );
    }

    #[test]
    fn the_folding_shortcut_agrees_with_folding(text in "[a-z \t\n.,'\"-]{0,40}") {
        let squashed = text.split_whitespace().collect::<Vec<_>>().join(" ");
        if redliner::fold::is_folded(&squashed) {
            prop_assert_eq!(fold(&text), squashed);
        }
    }

    #[test]
    fn a_statement_equals_itself_reflowed(old in sentences(), a in 1usize..5, b in 1usize..5) {
        let report = compare(statement(&old, a), statement(&old, b), &CompareOptions::default());
        // Paragraph breaks move, sentences do not change.
        prop_assert!(report.is_unchanged(), "{:#?}", report.changes);
    }
}
