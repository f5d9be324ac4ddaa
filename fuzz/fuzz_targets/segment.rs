//! Segmentation is lossless for any text: sentences and gaps rebuild it, and
//! gaps hold only white space and Markdown structure.
#![no_main]

use libfuzzer_sys::fuzz_target;
use redliner::segment::{Piece, pieces, segment};

fuzz_target!(|text: &str| {
    let segmentation = segment(text);
    let mut rebuilt = String::with_capacity(text.len());
    for piece in pieces(text, &segmentation) {
        match piece {
            Piece::Sentence(s) => {
                assert!(!s.is_empty() && s.trim() == s, "{s:?}");
                rebuilt.push_str(s);
            }
            Piece::Gap(g) => {
                // Markers, item labels (`12.`, `(b)`, `IV.`), pipes, underlines,
                // quote prefixes, escapes and `<br>` tags.
                assert!(
                    g.chars().all(|c| c.is_whitespace()
                        || c.is_ascii_alphanumeric()
                        || "-*+•⁃◦▪‣#.)(\\|:=_></".contains(c)),
                    "{g:?}"
                );
                rebuilt.push_str(g);
            }
        }
    }
    assert_eq!(rebuilt, text);
    for sentence in &segmentation.sentences {
        let paragraph = &segmentation.paragraphs[sentence.paragraph];
        assert!(paragraph.start <= sentence.span.start && sentence.span.end <= paragraph.end);
    }
});
