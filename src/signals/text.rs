//! Tokens and phrase matching: what every detector reads.
//!
//! Detectors run on folded text (the form redlines are computed on), so token
//! spans line up with the word edits.

use rustc_hash::FxHashMap as HashMap;
use std::borrow::Cow;
use std::sync::LazyLock;

use regex::Regex;

/// A word, a figure or one punctuation character, with its byte span.
#[derive(Debug, Clone)]
pub struct Token<'a> {
    pub text: &'a str,
    /// Lowercase text; borrowed when the token has no capitals (most do).
    pub lower: Cow<'a, str>,
    pub start: usize,
    pub end: usize,
    pub kind: TokenKind,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenKind {
    Word,
    Number,
    Punct,
}

impl Token<'_> {
    pub fn is_word(&self) -> bool {
        self.kind == TokenKind::Word
    }

    /// Starts with a capital letter ("Okafor", "U.S.").
    pub fn is_capitalized(&self) -> bool {
        self.is_word() && self.text.starts_with(char::is_uppercase)
    }
}

static TOKEN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"(?:\p{Lu}\.){2,}",                                // U.S., E.U.
        r"|\d+(?:[.,/:\-]\d+)*",                            // 4-1/4, 1,200, 2.5, 10:30
        r"|[\p{L}\p{M}\p{N}]+(?:['\-][\p{L}\p{M}\p{N}]+)*", // long-term, isn't, Ost-Mirel
        r"|\S",
    ))
    .expect("valid token pattern")
});

/// Splits folded text into tokens.
pub fn tokenize(text: &str) -> Vec<Token<'_>> {
    TOKEN
        .find_iter(text)
        .map(|m| {
            let s = m.as_str();
            let first = s.chars().next().expect("matches are not empty");
            let kind = if first.is_ascii_digit() {
                TokenKind::Number
            } else if first.is_alphanumeric() {
                TokenKind::Word
            } else {
                TokenKind::Punct
            };
            Token {
                text: s,
                lower: if s.chars().any(char::is_uppercase) {
                    Cow::Owned(s.to_lowercase())
                } else {
                    Cow::Borrowed(s)
                },
                start: m.start(),
                end: m.end(),
                kind,
            }
        })
        .collect()
}

/// A phrase's tokens as matched: lowercase texts.
pub fn phrase_tokens(phrase: &str) -> Vec<String> {
    tokenize(phrase)
        .into_iter()
        .map(|t| t.lower.into_owned())
        .collect()
}

/// Phrases (one or more tokens) matched case-insensitively, longest first.
#[derive(Debug, Clone)]
pub struct PhraseSet<T> {
    by_first: HashMap<String, Vec<(Vec<String>, T)>>,
}

impl<T: Clone> PhraseSet<T> {
    pub fn new<'a>(entries: impl IntoIterator<Item = (&'a str, T)>) -> PhraseSet<T> {
        let mut by_first: HashMap<String, Vec<(Vec<String>, T)>> = HashMap::default();
        for (phrase, value) in entries {
            let tokens = phrase_tokens(phrase);
            if let Some(first) = tokens.first() {
                by_first
                    .entry(first.clone())
                    .or_default()
                    .push((tokens, value));
            }
        }
        for candidates in by_first.values_mut() {
            candidates.sort_by_key(|(tokens, _)| std::cmp::Reverse(tokens.len()));
        }
        PhraseSet { by_first }
    }

    /// The longest phrase starting at token `i`: its length in tokens and value.
    pub fn match_at(&self, tokens: &[Token<'_>], i: usize) -> Option<(usize, &T)> {
        self.match_free(tokens, i, &[])
    }

    /// The longest phrase at `i` that covers no claimed token.
    fn match_free(&self, tokens: &[Token<'_>], i: usize, claimed: &[bool]) -> Option<(usize, &T)> {
        let candidates = self.by_first.get(tokens.get(i)?.lower.as_ref())?;
        candidates.iter().find_map(|(phrase, value)| {
            let window = tokens.get(i..i + phrase.len())?;
            let free = !(i..i + phrase.len()).any(|j| claimed.get(j).copied().unwrap_or(false));
            (free && window.iter().zip(phrase).all(|(t, p)| t.lower == *p))
                .then_some((phrase.len(), value))
        })
    }

    /// Every non-overlapping match, left to right, around claimed tokens.
    pub fn find_all(&self, tokens: &[Token<'_>], claimed: &[bool]) -> Vec<(usize, usize, T)> {
        let mut found = Vec::new();
        let mut i = 0;
        while i < tokens.len() {
            match self.match_free(tokens, i, claimed) {
                Some((len, value)) => {
                    found.push((i, len, value.clone()));
                    i += len;
                }
                None => i += 1,
            }
        }
        found
    }

    pub fn contains(&self, tokens: &[Token<'_>], i: usize) -> bool {
        self.match_at(tokens, i).is_some()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_keep_figures_abbreviations_and_contractions_whole() {
        let texts: Vec<&str> =
            tokenize("The U.S. range is 4-1/4 to 4-1/2 percent, isn't it? Gen. Ost-Mirel")
                .iter()
                .map(|t| t.text)
                .collect();
        assert_eq!(
            texts,
            [
                "The",
                "U.S.",
                "range",
                "is",
                "4-1/4",
                "to",
                "4-1/2",
                "percent",
                ",",
                "isn't",
                "it",
                "?",
                "Gen",
                ".",
                "Ost-Mirel"
            ]
        );
    }

    #[test]
    fn phrases_match_longest_first_and_respect_claims() {
        let set = PhraseSet::new([("will", 3), ("will consider", 1), ("may", 1)]);
        let tokens = tokenize("They will consider it and will act, as may others.");
        let found: Vec<(usize, usize, i32)> = set.find_all(&tokens, &vec![false; tokens.len()]);
        assert_eq!(found, [(1, 2, 1), (5, 1, 3), (9, 1, 1)]);
        let mut claimed = vec![false; tokens.len()];
        claimed[2] = true;
        assert_eq!(set.find_all(&tokens, &claimed)[0], (1, 1, 3));
    }
}
