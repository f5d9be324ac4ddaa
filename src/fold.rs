//! Folding: the form of a sentence that alignment compares.
//!
//! Reflowed lines, runs of white space, curly vs straight quotes, dash variants,
//! non-breaking and zero-width spaces, soft hyphens and Unicode normalization
//! forms (a precomposed "é" or "e" + combining accent) are typography, not
//! changes. Folding maps them all to one spelling so that only a change in words
//! makes two sentences differ.

use unicode_segmentation::UnicodeSegmentation;

/// What else, beyond typography, counts as "no change".
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct FoldOptions {
    /// "Talks" and "talks" are the same word.
    pub ignore_case: bool,
    /// Punctuation is dropped before comparing.
    pub ignore_punctuation: bool,
}

/// Folds typography: collapses white space, straightens quotes, unifies dashes and
/// drops invisible characters. The result is what word edits are computed on.
pub fn fold(text: &str) -> String {
    let composed: String;
    let text = if text.is_ascii() {
        text
    } else {
        composed = unicode_normalization::UnicodeNormalization::nfc(text).collect();
        &composed
    };
    let mut out = String::with_capacity(text.len());
    // Set after a dash: white space that follows it is dropped.
    let mut after_dash = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}' | '\u{00AD}' => {}
            c if c.is_whitespace() => {
                if !after_dash && !out.is_empty() && !out.ends_with(' ') {
                    out.push(' ');
                }
            }
            '“' | '”' | '„' | '‟' | '«' | '»' | '″' => {
                push(&mut out, '"', &mut after_dash)
            }
            '‘' | '’' | '‚' | '‛' | '′' | '‹' | '›' => {
                push(&mut out, '\'', &mut after_dash)
            }
            '…' => {
                out.push_str("...");
                after_dash = false;
            }
            // Em dash and its stand-ins ("--", a spaced en dash or hyphen) are one
            // dash, whatever spacing surrounds them.
            '—' | '―' => push_dash(&mut out, &mut after_dash),
            '-' if chars.peek() == Some(&'-') => {
                while chars.peek() == Some(&'-') {
                    chars.next();
                }
                push_dash(&mut out, &mut after_dash);
            }
            '–' | '-' | '‒' | '−'
                if out.ends_with(' ') && chars.peek().is_some_and(|n| n.is_whitespace()) =>
            {
                push_dash(&mut out, &mut after_dash)
            }
            '–' | '‒' | '−' | '‐' | '‑' => push(&mut out, '-', &mut after_dash),
            c => push(&mut out, c, &mut after_dash),
        }
    }
    if out.ends_with(' ') {
        out.pop();
    }
    out
}

fn push(out: &mut String, c: char, after_dash: &mut bool) {
    out.push(c);
    *after_dash = false;
}

fn push_dash(out: &mut String, after_dash: &mut bool) {
    if out.ends_with(' ') {
        out.pop();
    }
    out.push('—');
    *after_dash = true;
}

/// Whether white-space-squashed `text` is already folded: plain ASCII with no
/// dash stand-ins (`--`, or a hyphen with a space on either side). The common
/// case, checked cheaply so that folding can be skipped.
pub fn is_folded(text: &str) -> bool {
    let bytes = text.as_bytes();
    // Most sentences have no hyphen at all: find the few there are and look at
    // their neighbours (`--`, ` -` and `- ` are the stand-ins).
    let stands_in = |at: usize| {
        let next = bytes.get(at + 1).copied();
        next == Some(b'-') || next == Some(b' ') || (at > 0 && bytes[at - 1] == b' ')
    };
    text.is_ascii() && !memchr::memchr_iter(b'-', bytes).any(stands_in)
}

/// The alignment key: folded text, further folded by the options.
pub fn key(folded: &str, options: FoldOptions) -> String {
    if !options.ignore_case && !options.ignore_punctuation {
        return folded.to_string();
    }
    let mut out = String::with_capacity(folded.len());
    for c in folded.chars() {
        if options.ignore_punctuation && !c.is_alphanumeric() && !c.is_whitespace() {
            continue;
        }
        if c == ' ' && (out.is_empty() || out.ends_with(' ')) {
            continue;
        }
        if options.ignore_case {
            out.extend(c.to_lowercase());
        } else {
            out.push(c);
        }
    }
    if out.ends_with(' ') {
        out.pop();
    }
    out
}

/// Words (Unicode word boundaries, punctuation left out), as used for similarity
/// and word counts. Plain ASCII text (nearly every sentence) is split by a byte
/// scanner that finds the same words without the Unicode tables or
/// `unicode_words`' per-segment filtering (proptests hold the two equal).
pub fn words(text: &str) -> Words<'_> {
    if text.is_ascii() {
        Words::Ascii(AsciiWords { text, at: 0 })
    } else {
        Words::Unicode(text.unicode_words())
    }
}

/// How many words `text` has.
pub fn count_words(text: &str) -> usize {
    words(text).count()
}

/// The words of a text: see [`words`].
pub enum Words<'a> {
    /// ASCII text, split by hand: the common case, and much faster.
    Ascii(AsciiWords<'a>),
    /// Anything else, split by Unicode's word boundaries.
    Unicode(unicode_segmentation::UnicodeWords<'a>),
}

impl<'a> Iterator for Words<'a> {
    type Item = &'a str;

    fn next(&mut self) -> Option<&'a str> {
        match self {
            Words::Ascii(words) => words.next(),
            Words::Unicode(words) => words.next(),
        }
    }
}

/// UAX #29 words of ASCII text (see `ascii_word_end`).
pub struct AsciiWords<'a> {
    text: &'a str,
    at: usize,
}

impl<'a> Iterator for AsciiWords<'a> {
    type Item = &'a str;

    fn next(&mut self) -> Option<&'a str> {
        let bytes = self.text.as_bytes();
        while self.at < bytes.len() {
            let start = self.at;
            if !WORD_BYTES[usize::from(bytes[start])] {
                self.at += 1;
                continue;
            }
            let (end, alphanumeric) = ascii_word_end(bytes, start);
            self.at = end;
            if alphanumeric {
                return Some(&self.text[start..end]);
            }
        }
        None
    }
}

/// Where the ASCII word starting at `start` ends, and whether it holds a letter
/// or digit (a run of `_` alone is no word). Words (UAX #29) are runs of
/// letters, digits and `_`, joined across `.` or `'` between two letters or two
/// digits ("U.S", "don't", "2.5"), `:` between letters, `,` or `;` between
/// digits ("1,200"). Redlines cut ASCII text into words with it too.
#[inline]
pub(crate) fn ascii_word_end(bytes: &[u8], start: usize) -> (usize, bool) {
    let joins = |previous: u8, joiner: u8, next: u8| {
        let letters = previous.is_ascii_alphabetic() && next.is_ascii_alphabetic();
        let digits = previous.is_ascii_digit() && next.is_ascii_digit();
        match joiner {
            b'.' | b'\'' => letters || digits,
            b':' => letters,
            b',' | b';' => digits,
            _ => false,
        }
    };
    let (mut at, mut alphanumeric) = (start, false);
    loop {
        while at < bytes.len() && WORD_BYTES[usize::from(bytes[at])] {
            alphanumeric |= bytes[at] != b'_';
            at += 1;
        }
        if at + 1 < bytes.len() && joins(bytes[at - 1], bytes[at], bytes[at + 1]) {
            at += 1;
        } else {
            return (at, alphanumeric);
        }
    }
}

/// Whether an ASCII byte is a letter, digit or `_`: the bytes words are made of.
#[inline]
pub(crate) fn is_word_byte(b: u8) -> bool {
    WORD_BYTES[usize::from(b)]
}

/// ASCII letters, digits and `_`, looked up rather than tested range by range.
static WORD_BYTES: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 128 {
        table[b] = (b as u8).is_ascii_alphanumeric() || b as u8 == b'_';
        b += 1;
    }
    table
};

/// Function words too common to tell one sentence from another (lowercase input).
pub fn is_stopword(word: &str) -> bool {
    STOPWORDS.binary_search(&word).is_ok()
}

/// Sorted: looked up by binary search.
const STOPWORDS: &[&str] = &[
    "a", "about", "after", "all", "also", "an", "and", "any", "are", "as", "at", "be", "been",
    "being", "but", "by", "do", "for", "from", "had", "has", "have", "he", "her", "him", "his",
    "i", "in", "into", "is", "it", "its", "of", "on", "or", "our", "she", "so", "than", "that",
    "the", "their", "them", "there", "these", "they", "this", "those", "to", "us", "was", "we",
    "were", "what", "when", "where", "which", "who", "will", "with", "would",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn white_space_and_wraps_collapse() {
        assert_eq!(
            fold("  The talks\n  resumed\u{00A0}today. "),
            "The talks resumed today."
        );
    }

    #[test]
    fn quotes_and_dashes_fold() {
        assert_eq!(
            fold("“Real” progress — they said – isn’t done"),
            fold("\"Real\" progress--they said - isn't done")
        );
        assert_eq!(fold("2024–2025"), "2024-2025");
        assert_eq!(fold("4-1/4 percent"), "4-1/4 percent");
    }

    #[test]
    fn already_folded_text_is_recognized() {
        for text in ["The talks resumed.", "4-1/4 percent", "well-known"] {
            assert!(is_folded(text));
            assert_eq!(fold(text), text);
        }
        for text in ["a -- b", "a - b", "“quoted”", "a -b", "a- b", "a--b", "- a"] {
            assert!(!is_folded(text), "{text}");
        }
    }

    #[test]
    fn normalization_forms_fold() {
        assert_eq!(fold("Cafe\u{301}"), fold("Café"));
    }

    #[test]
    fn invisible_characters_vanish() {
        assert_eq!(fold("co\u{00AD}operation\u{200B}"), "cooperation");
    }

    fn unicode_words(text: &str) -> Vec<&str> {
        text.unicode_words().collect()
    }

    #[test]
    fn ascii_words_are_the_unicode_words() {
        for text in [
            "The envoy's 2.5 percent rise, 1,200 people and U.S. talks at 10:30.",
            "don't stop -- it's over; e.g. a.m. x_y 4-1/4 $1.2 billion",
            "  ",
            "A. B? C!",
            "__ _a_ a_1 a.1 1.a 1'000 a:b 1:2 1;2 a;b",
        ] {
            assert_eq!(
                words(text).collect::<Vec<_>>(),
                unicode_words(text),
                "{text}"
            );
            assert_eq!(count_words(text), unicode_words(text).len(), "{text}");
        }
    }

    proptest::proptest! {
        #[test]
        fn ascii_words_are_the_unicode_words_on_any_ascii(
            text in "[a-zA-Z0-9 .,:;'_\\-\t\n]{0,40}"
        ) {
            proptest::prop_assert_eq!(words(&text).collect::<Vec<_>>(), unicode_words(&text));
        }

        #[test]
        fn the_hyphen_scan_finds_exactly_the_dash_stand_ins(text in "[ab é-]{0,12}") {
            let stand_in = text.contains("--") || text.contains(" -") || text.contains("- ");
            proptest::prop_assert_eq!(is_folded(&text), text.is_ascii() && !stand_in);
        }
    }

    #[test]
    fn stopwords_are_sorted_for_binary_search() {
        assert!(STOPWORDS.windows(2).all(|w| w[0] < w[1]));
        assert!(is_stopword("the") && is_stopword("would") && !is_stopword("ceasefire"));
    }

    #[test]
    fn key_options() {
        let options = FoldOptions {
            ignore_case: true,
            ignore_punctuation: true,
        };
        assert_eq!(key("The Talks, resumed.", options), "the talks resumed");
        assert_eq!(key("As is.", FoldOptions::default()), "As is.");
    }
}
