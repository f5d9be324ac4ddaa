//! Tokens and phrase matching: what every detector reads.
//!
//! Detectors run on folded text (the form redlines are computed on), so token
//! spans line up with the word edits.

use rustc_hash::FxHashMap as HashMap;
use std::borrow::Cow;

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

/// Splits folded text into tokens. At each position, the first rule that
/// matches wins:
///
/// 1. an acronym of two or more capital-letter-and-period pairs: `U.S.`, `E.U.`;
/// 2. a figure: digits joined by `.`, `,`, `/`, `:` or `-` (`4-1/4`, `1,200`, `10:30`);
/// 3. a word: letters, marks and digits joined by `'` or `-` (`long-term`, `isn't`);
/// 4. any other single non-space character.
pub fn tokenize(text: &str) -> Vec<Token<'_>> {
    let mut tokens = Vec::with_capacity(text.len() / 5);
    tokenize_into(text, &mut tokens);
    tokens
}

/// [`tokenize`] into `tokens` (cleared first), reusing its memory: the
/// inventory of a whole statement tokenizes every sentence in turn.
pub fn tokenize_into<'a>(text: &'a str, tokens: &mut Vec<Token<'a>>) {
    tokens.clear();
    let bytes = text.as_bytes();
    let mut start = 0;
    // Byte positions, decoding a character only where a byte is not ASCII:
    // folded statements are nearly all ASCII.
    while start < bytes.len() {
        let first = char_at(text, start);
        if first.is_whitespace() {
            start += first.len_utf8();
            continue;
        }
        if first == '\x1b' {
            // A terminal escape sequence is no words: `ESC[31m` is not the figure 31.
            start += escape_len(&bytes[start..]);
            continue;
        }
        let rest = &text[start..];
        let len = acronym_len(rest)
            .or_else(|| first.is_ascii_digit().then(|| figure_len(rest)))
            .or_else(|| is_word_char(first).then(|| word_len(rest)))
            .unwrap_or(first.len_utf8());
        let end = start + len;
        let s = &text[start..end];
        let kind = if first.is_ascii_digit() {
            TokenKind::Number
        } else if first.is_alphanumeric() {
            TokenKind::Word
        } else {
            TokenKind::Punct
        };
        tokens.push(Token {
            text: s,
            lower: lowercase(s),
            start,
            end,
            kind,
        });
        start = end;
    }
}

/// Bytes of the escape sequence at the start of `bytes` (which starts with
/// ESC): a CSI (`ESC [` parameters, final byte `@`..`~`), an OSC or other
/// string (`ESC ]`, `P`, `X`, `^`, `_` up to BEL or `ESC \`), else ESC and the
/// character after it. Always ends on a character boundary.
fn escape_len(bytes: &[u8]) -> usize {
    let ascii_end = |from: usize, stop: &dyn Fn(u8) -> bool| {
        bytes[from..]
            .iter()
            .position(|&b| !b.is_ascii() || stop(b))
            .map_or(bytes.len(), |i| from + i)
    };
    match bytes.get(1) {
        Some(b'[') => {
            let end = ascii_end(2, &|b| (0x40..=0x7e).contains(&b));
            if bytes.get(end).is_some_and(u8::is_ascii) {
                end + 1
            } else {
                end
            }
        }
        Some(b']' | b'P' | b'X' | b'^' | b'_') => {
            let end = ascii_end(2, &|b| b == 0x07 || b == 0x1b);
            match (bytes.get(end), bytes.get(end + 1)) {
                (Some(0x07), _) => end + 1,
                (Some(0x1b), Some(b'\\')) => end + 2,
                _ => end,
            }
        }
        // `ESC ( B` and the like: intermediates, then a final byte.
        Some(0x20..=0x2f) => {
            let end = ascii_end(2, &|b| !(0x20..=0x2f).contains(&b));
            if bytes.get(end).is_some_and(u8::is_ascii) {
                end + 1
            } else {
                end
            }
        }
        Some(b) if b.is_ascii() => 2,
        _ => 1,
    }
}

/// The character starting at byte `at` (a character boundary).
#[inline]
fn char_at(text: &str, at: usize) -> char {
    match text.as_bytes()[at] {
        b if b.is_ascii() => char::from(b),
        _ => text[at..].chars().next().expect("a character starts here"),
    }
}

/// Borrowed when there is nothing to lowercase (most tokens).
fn lowercase(s: &str) -> Cow<'_, str> {
    if s.is_ascii() {
        if s.bytes().any(|b| b.is_ascii_uppercase()) {
            Cow::Owned(s.to_ascii_lowercase())
        } else {
            Cow::Borrowed(s)
        }
    } else if s.chars().any(char::is_uppercase) {
        Cow::Owned(s.to_lowercase())
    } else {
        Cow::Borrowed(s)
    }
}

/// Rule 1: `(\p{Lu}\.){2,}`.
fn acronym_len(text: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    if bytes[0].is_ascii() && bytes.get(1) != Some(&b'.') {
        return None;
    }
    let mut chars = text.chars();
    let mut len = 0;
    let mut pairs = 0;
    while let (Some(letter), Some('.')) = (chars.next(), chars.next()) {
        if !letter.is_uppercase() {
            break;
        }
        len += letter.len_utf8() + 1;
        pairs += 1;
    }
    (pairs >= 2).then_some(len)
}

/// Rule 2: `\d+([.,/:-]\d+)*` (ASCII digits).
fn figure_len(text: &str) -> usize {
    let bytes = text.as_bytes();
    let digits = |from: usize| {
        bytes[from..]
            .iter()
            .take_while(|b| b.is_ascii_digit())
            .count()
    };
    let mut len = digits(0);
    while len + 1 < bytes.len()
        && matches!(bytes[len], b'.' | b',' | b'/' | b':' | b'-')
        && bytes[len + 1].is_ascii_digit()
    {
        len += 1 + digits(len + 1);
    }
    len
}

/// Rule 3: `[\p{L}\p{M}\p{N}]+(['-][\p{L}\p{M}\p{N}]+)*`.
fn word_len(text: &str) -> usize {
    let bytes = text.as_bytes();
    let (mut at, mut len) = (0, 0);
    while at < bytes.len() {
        if bytes[at].is_ascii_alphanumeric() {
            at += 1;
            len = at;
            continue;
        }
        let c = char_at(text, at);
        if is_word_char(c) {
            at += c.len_utf8();
            len = at;
        } else if (c == '\'' || c == '-')
            && at == len
            && at + 1 < bytes.len()
            && is_word_char(char_at(text, at + 1))
        {
            at += 1;
        } else {
            break;
        }
    }
    len
}

/// Letters, digits and combining marks.
#[inline]
fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    c.is_alphanumeric()
        || matches!(c,
            '\u{0300}'..='\u{036F}' | '\u{0483}'..='\u{0489}' | '\u{0591}'..='\u{05C7}'
            | '\u{0610}'..='\u{061A}' | '\u{064B}'..='\u{065F}' | '\u{0670}'
            | '\u{06D6}'..='\u{06ED}' | '\u{0900}'..='\u{0903}' | '\u{093A}'..='\u{094F}'
            | '\u{0951}'..='\u{0957}' | '\u{0962}'..='\u{0963}' | '\u{1AB0}'..='\u{1AFF}'
            | '\u{1DC0}'..='\u{1DFF}' | '\u{20D0}'..='\u{20FF}' | '\u{FE00}'..='\u{FE0F}'
            | '\u{FE20}'..='\u{FE2F}')
}

/// Byte ranges of the runs of non-space text that are addresses or codes, not
/// prose: web addresses (`https://…`, `www.…`), e-mail addresses, file names with
/// a digit (`report-2026.pdf`) and identifiers or hashes that mix letters and
/// digits (`FOMC20240131a`, `3f9c2e1a`). Trailing sentence punctuation is not
/// part of the run.
pub fn addresses(text: &str) -> impl Iterator<Item = std::ops::Range<usize>> + '_ {
    let bytes = text.as_bytes();
    // Every sentence comes here, and most hold no address: one pass tells.
    let mut at = if may_hold_address(bytes) {
        0
    } else {
        bytes.len()
    };
    std::iter::from_fn(move || {
        while at < bytes.len() {
            while at < bytes.len() && bytes[at].is_ascii_whitespace() {
                at += 1;
            }
            let start = at;
            while at < bytes.len() && !bytes[at].is_ascii_whitespace() {
                at += 1;
            }
            // Brackets, quotes and closing punctuation around the run are not
            // part of it (all ASCII: trimmed byte by byte, the common case being
            // nothing to trim).
            let (mut from, mut to) = (start, at);
            while from < to && matches!(bytes[from], b'(' | b'[' | b'"' | b'\'' | b'<') {
                from += 1;
            }
            while from < to
                && matches!(
                    bytes[to - 1],
                    b'.' | b',' | b';' | b':' | b')' | b']' | b'"' | b'\'' | b'!' | b'?' | b'>'
                )
            {
                to -= 1;
            }
            if from < to && is_address(&text[from..to]) {
                return Some(from..to);
            }
        }
        None
    })
}

/// False only when no run of `bytes` can be an address: every address has a
/// digit, an `@`, a `:` (of `://`) or starts with `www.` (see [`is_address`]).
fn may_hold_address(bytes: &[u8]) -> bool {
    bytes
        .iter()
        .any(|&b| b.is_ascii_digit() || b == b'@' || b == b':')
        || memchr::memchr_iter(b'.', bytes)
            .any(|i| i >= 3 && bytes[i - 3..i].eq_ignore_ascii_case(b"www"))
}

fn is_address(run: &str) -> bool {
    let bytes = run.as_bytes();
    // Every word of every sentence comes here: most have no digit, `@` or `:`
    // and do not start with "www.", and are no address. Tell them in one pass
    // (without allocating), before the checks below.
    let (mut has_digit, mut has_at, mut has_colon) = (false, false, false);
    for &b in bytes {
        has_digit |= b.is_ascii_digit();
        has_at |= b == b'@';
        has_colon |= b == b':';
    }
    let www = bytes
        .get(..4)
        .is_some_and(|s| s.eq_ignore_ascii_case(b"www."));
    if www || (has_colon && run.contains("://")) {
        return true;
    }
    if !has_digit && !has_at {
        return false;
    }
    if let Some((user, host)) = run.split_once('@') {
        return !user.is_empty() && host.contains('.') && !host.starts_with('.');
    }
    // A file name: an extension of two to four letters after a name with a digit.
    if let Some((name, extension)) = run.rsplit_once('.') {
        let is_extension = (2..=4).contains(&extension.len())
            && extension.bytes().all(|b| b.is_ascii_alphabetic());
        let name_like = !name.is_empty()
            && name
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'/' | b'.'));
        if is_extension
            && name_like
            && has_digit
            && !extension.bytes().any(|b| b.is_ascii_uppercase())
        {
            return true;
        }
    }
    // An identifier or hash: letters and digits, at least two of each, eight long.
    let letters = run.bytes().filter(u8::is_ascii_alphabetic).count();
    let digits = run.bytes().filter(u8::is_ascii_digit).count();
    run.len() >= 8 && letters >= 2 && digits >= 2 && letters + digits == run.len()
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

    /// The lowercase first tokens of its phrases.
    pub fn first_tokens(&self) -> impl Iterator<Item = &str> {
        self.by_first.keys().map(String::as_str)
    }

    /// Every non-overlapping match, left to right, around claimed tokens.
    pub fn find_all(&self, tokens: &[Token<'_>], claimed: &[bool]) -> Vec<(usize, usize, T)> {
        self.find_all_where(tokens, claimed, |_| true)
    }

    /// As [`Self::find_all`], trying only the tokens `may_start` lets through
    /// (a caller that knows which tokens begin no phrase saves the lookups).
    pub fn find_all_where(
        &self,
        tokens: &[Token<'_>],
        claimed: &[bool],
        may_start: impl Fn(usize) -> bool,
    ) -> Vec<(usize, usize, T)> {
        let mut found = Vec::new();
        let mut i = 0;
        while i < tokens.len() {
            if !may_start(i) {
                i += 1;
                continue;
            }
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
    fn addresses_and_codes_are_found_in_prose() {
        let text = "See https://x.example/a-2026/b?id=7, mail desk@bank.example or \
                    read report-2026.pdf (ref FOMC20240131a). The rate is 4.5 percent in 2026.";
        let found: Vec<&str> = addresses(text).map(|r| &text[r]).collect();
        assert_eq!(
            found,
            [
                "https://x.example/a-2026/b?id=7",
                "desk@bank.example",
                "report-2026.pdf",
                "FOMC20240131a"
            ]
        );
        // Figures, acronyms, ordinals and short codes are prose.
        for prose in [
            "4.5", "U.S.", "21st", "G7", "COVID-19", "2.5%", "e.g.", "10:30",
        ] {
            assert_eq!(addresses(prose).count(), 0, "{prose}");
        }
        // The quick pass before the scan lets through what has no digit, `@`
        // or `:` but starts with www., in any case.
        for text in [
            "Visit WWW.Bank.Example today.",
            "(www.gov.example)",
            "See Www.x.org.",
        ] {
            assert_eq!(addresses(text).count(), 1, "{text}");
        }
        assert!(!may_hold_address(b"The committee met on Tuesday."));
        assert!(may_hold_address(b"see www.example.org"));
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

    /// Token spans as the regular expression the tokenizer replaced finds them.
    fn oracle(text: &str) -> Vec<(usize, usize)> {
        let pattern = regex::Regex::new(concat!(
            r"(?:\p{Lu}\.){2,}",
            r"|[0-9]+(?:[.,/:\-][0-9]+)*",
            r"|[\p{L}\p{M}\p{N}]+(?:['\-][\p{L}\p{M}\p{N}]+)*",
            r"|\S",
        ))
        .unwrap();
        pattern
            .find_iter(text)
            .map(|m| (m.start(), m.end()))
            .collect()
    }

    fn spans(text: &str) -> Vec<(usize, usize)> {
        tokenize(text).iter().map(|t| (t.start, t.end)).collect()
    }

    #[test]
    fn tokenizer_matches_its_regular_expression() {
        for text in [
            "The U.S. and E.U. agreed on 4-1/4 to 4-1/2 percent, 1,200 people at 10:30.",
            "Long-term talks isn't over -- don't - stop' 'quote' U.S.-brokered A.B 2.5.",
            "Café naïve e\u{301}t\u{301} 東京 会談 ٣٤٥ G7 COVID-19 x-y- -z 3- 4.",
            "A.B.C. a.b. Gen. No. 5 ... \"quoted,\" (parens) [x] $1.2 billion 50%",
        ] {
            assert_eq!(spans(text), oracle(text), "{text}");
        }
    }

    #[test]
    fn escape_sequences_are_no_tokens() {
        let words = |text: &str| -> Vec<String> {
            tokenize(text).iter().map(|t| t.text.to_string()).collect()
        };
        assert_eq!(words("up \x1b[31mred\x1b[0m 5"), ["up", "red", "5"]);
        assert_eq!(words("\x1b]0;title 7\x07ok \x1b]8;;u\x1b\\x"), ["ok", "x"]);
        assert_eq!(words("\x1b(B9 \x1b"), ["9"]);
        // Cut short before a non-ASCII character: it is text again.
        assert_eq!(words("\x1b[3é"), ["é"]);
    }

    proptest::proptest! {
        #[test]
        fn tokenizer_matches_its_regular_expression_on_any_text(
            text in "[a-zA-Z0-9 .,/:'\\-\"()éü東\u{301}٣\t]{0,40}"
        ) {
            proptest::prop_assert_eq!(spans(&text), oracle(&text));
        }
    }
}
