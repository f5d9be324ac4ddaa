//! Sentence bounds inside one block of prose (a paragraph, a list item, a table
//! cell): `.`, `?`, `!` and CJK stops followed by white space end a sentence unless
//! the rules below say the period belongs to the sentence. They follow the
//! Pragmatic Segmenter's "Golden Rules" where official prose agrees:
//!
//! - abbreviations, initials and dotted acronyms ("Gen.", "Janet L. Yellen",
//!   "U.S.") continue a sentence unless the next word cannot begin a name;
//!   "I." after a lower-case word is the pronoun ("you and I. Did");
//! - a number after "No.", "Sec.", "N°." continues ("No. 5"), after a plain word it
//!   starts a sentence; a section number ("1.1.", "**15.1.**", "IV.") opens the
//!   sentence after it and never stands alone;
//! - ellipses: "..." or "…" before a capital ends a sentence; a spaced ellipsis
//!   (". . .") inside a sentence does not; four spaced dots after a space are an
//!   omission and a period (". . . . Next"); a period right after a word and then a
//!   spaced ellipsis ends the sentence at the period, and the ellipsis opens the
//!   next one ("compounds. . . . The practice"); "[...]" is never a stop;
//! - "At 5 a.m." alone is no sentence: a time with its preposition opens one;
//! - a period glued to a capitalized word after a plain lower-case word
//!   ("standards.We sign") is a typo for a sentence end;
//! - no boundary falls inside a Markdown link `[text](target)` (its text is kept
//!   as it is in the source); a bold passage of two sentences is two sentences,
//!   as a reader sees it.
//!
//! `<br>` tags count as white space between sentences, so "Done.<br>Next" is two.

use super::abbreviations::{
    MAY_BE_FINAL, NEVER_FINAL, NUMBERED, TITLES, is_abbreviation, is_all_caps, is_dotted_acronym,
    is_starter, is_weekday_or_month, listed,
};
use std::ops::Range;

/// End offsets (exclusive) of the sentences in one block of prose.
/// The last end is always the end of the block.
pub(super) fn sentence_ends(content: &str) -> Vec<usize> {
    let mut ends = Vec::new();
    let bytes = content.as_bytes();
    let ascii = content.is_ascii();
    let mut protected = Protected::new(content);
    // Only the bytes that can start a terminator are looked at: `.`, `?`, `!`
    // and the lead bytes of `…` (E2), `。` (E3), `！` and `？` (EF).
    let next_candidate = |from: usize| {
        let rest = &bytes[from..];
        let found = if ascii {
            memchr::memchr3(b'.', b'?', b'!', rest)
        } else {
            rest.iter()
                .position(|b| matches!(b, b'.' | b'?' | b'!' | 0xE2 | 0xE3 | 0xEF))
        };
        found.map(|offset| from + offset)
    };
    let mut sentence_start = 0;
    let mut at = 0;
    while let Some(candidate) = next_candidate(at) {
        let c = content[candidate..]
            .chars()
            .next()
            .expect("a character starts here");
        at = candidate + c.len_utf8();
        if !is_terminator(c) {
            continue;
        }
        if c == '.'
            && let Some(ellipsis) = SpacedEllipsis::at(content, candidate)
        {
            at = ellipsis.end;
            if let Some(end) = ellipsis.sentence_end(content)
                && !protected.covers(end)
            {
                ends.push(end);
                sentence_start = end;
            }
            continue;
        }
        let run_start = candidate;
        // The whole run of terminators ("?!", "...") and closing quotes/brackets.
        let mut end = at;
        let mut dots_end = at;
        let mut run_is_single_period = c == '.';
        for next in content[end..].chars() {
            if is_terminator(next) {
                run_is_single_period = false;
                dots_end = end + next.len_utf8();
            } else if !is_closer(next) {
                break;
            }
            end += next.len_utf8();
        }
        at = end;
        if is_bracketed(content, run_start, dots_end) {
            continue;
        }
        let rest = &content[end..];
        let gap = gap_len(rest);
        let cjk_stop = matches!(c, '。' | '！' | '？');
        if gap == 0
            && run_is_single_period
            && rest.starts_with(|c: char| c.is_uppercase())
            && is_glued_sentence(word_before(content, run_start), rest)
            && !protected.covers(end)
        {
            ends.push(end);
            sentence_start = end;
            continue;
        }
        if gap == rest.len() || (!cjk_stop && gap == 0) || protected.covers(end) {
            continue;
        }
        let candidate = Candidate {
            terminator: c,
            single_period: run_is_single_period,
            before: word_before(content, run_start),
            after: next_word(&rest[gap..]),
            sentence: &content[sentence_start..run_start],
        };
        if candidate.ends_sentence() {
            ends.push(end);
            sentence_start = end;
        }
    }
    ends.push(content.len());
    ends
}

fn is_terminator(c: char) -> bool {
    matches!(c, '.' | '?' | '!' | '…' | '。' | '！' | '？')
}

fn is_closer(c: char) -> bool {
    matches!(
        c,
        '"' | '\'' | '”' | '’' | '»' | '›' | ')' | ']' | '}' | '*' | '_'
    )
}

fn is_opener(c: char) -> bool {
    matches!(
        c,
        '"' | '\'' | '“' | '‘' | '„' | '«' | '‹' | '(' | '[' | '{' | '*' | '_' | '¿' | '¡'
    )
}

/// "certifications.We sign": a period with no space after it, between a lower-case
/// word and a capitalized one, is a typo for a sentence end. File names, domains,
/// addresses and acronyms ("ChatGPT.Plus", "example.com", "U.S.A") are not: their
/// parts are not plain words.
fn is_glued_sentence(before: &str, rest: &str) -> bool {
    let next = &rest[..rest.find(char::is_whitespace).unwrap_or(rest.len())];
    let mut next_chars = next.chars();
    before.chars().count() >= 3
        && before.chars().all(|c| c.is_lowercase())
        && next_chars.next().is_some_and(char::is_uppercase)
        && next_chars.next().is_some_and(char::is_lowercase)
        && next
            .chars()
            .all(|c| c.is_alphabetic() || matches!(c, '\'' | '’' | ',' | ';' | ':'))
}

/// "[...]", "(…)": an omission in a quotation, never a stop.
fn is_bracketed(content: &str, dots_start: usize, dots_end: usize) -> bool {
    content[..dots_start].ends_with(['[', '('])
        && content[dots_end..].starts_with([']', ')'])
        && content[dots_start..dots_end]
            .chars()
            .all(|c| matches!(c, '.' | '…'))
}

/// Dots with single spaces between them (". . ."), at least three.
struct SpacedEllipsis {
    first: usize,
    /// After the last dot and any closing quotes or brackets.
    end: usize,
    dots: usize,
    /// The first dot follows a word ("compounds. . . ."), not a space.
    attached: bool,
}

impl SpacedEllipsis {
    fn at(content: &str, first: usize) -> Option<SpacedEllipsis> {
        let bytes = content.as_bytes();
        let mut last = first;
        let mut dots = 1;
        while bytes.get(last + 1) == Some(&b' ') && bytes.get(last + 2) == Some(&b'.') {
            last += 2;
            dots += 1;
        }
        if dots < 3 {
            return None;
        }
        let after = last + 1;
        let closers = content[after..]
            .chars()
            .take_while(|&c| is_closer(c))
            .map(char::len_utf8)
            .sum::<usize>();
        Some(SpacedEllipsis {
            first,
            end: after + closers,
            dots,
            attached: content[..first]
                .chars()
                .next_back()
                .is_some_and(|c| !c.is_whitespace()),
        })
    }

    /// Where the sentence ends, if it does: only before a word that is not lower
    /// case, and not at an omission inside a sentence (" . . . ").
    fn sentence_end(&self, content: &str) -> Option<usize> {
        let rest = &content[self.end..];
        let gap = gap_len(rest);
        if gap == 0 || gap == rest.len() {
            return None;
        }
        if next_word(&rest[gap..])
            .chars()
            .next()
            .is_some_and(char::is_lowercase)
        {
            return None;
        }
        match (self.attached, self.dots) {
            (false, 3) => None,
            (true, 4..) => Some(self.first + 1),
            _ => Some(self.end),
        }
    }
}

/// One terminator run that may end a sentence, with what surrounds it.
struct Candidate<'a> {
    terminator: char,
    single_period: bool,
    /// The word the terminator ends, without leading quotes or brackets.
    before: &'a str,
    /// The next word, without leading quotes or brackets.
    after: &'a str,
    /// The sentence so far, up to the terminator.
    sentence: &'a str,
}

impl Candidate<'_> {
    fn ends_sentence(&self) -> bool {
        let (before, after) = (self.before, self.after);
        let Some(first) = after.chars().next() else {
            // The next sentence starts with punctuation or a symbol ("— ", "$5"): a
            // break unless the word before is a known abbreviation.
            return !self.single_period || !is_abbreviation(before);
        };
        if first.is_lowercase() {
            return false;
        }
        if !self.single_period || self.terminator != '.' {
            return true;
        }
        if self.is_label() {
            return false;
        }
        if first.is_ascii_digit() {
            // "No. 5", "Sec. 4(b)", "Jan. 5", "p. 12", "U.S. 10-year": a number after
            // an abbreviation continues the sentence; after a plain word it starts one.
            return !is_abbreviation(before);
        }
        if listed(TITLES, before) || listed(NEVER_FINAL, before) {
            return false;
        }
        if listed(&["a.m", "p.m"], before) {
            // "10 a.m. Friday", "5 p.m. EST" continue; "10 a.m. Officials said" starts
            // anew, unless the time was all the sentence had ("At 5 a.m. Mr. Smith").
            return !(is_weekday_or_month(after) || is_all_caps(after) || self.is_bare_time());
        }
        if before == "I" && self.follows_lower_case_word() && !is_initial(after) {
            // "you and I. Did": the pronoun, not an initial ("Albert I. Jones").
            return true;
        }
        if is_initial(before)
            || is_dotted_acronym(before)
            || listed(MAY_BE_FINAL, before)
            || listed(NUMBERED, before)
        {
            // "Janet L. Yellen", "U.S. officials", "Acme Inc. said": only a word that
            // cannot begin a name ("The", "It", "We") shows a new sentence began.
            return is_starter(after);
        }
        true
    }

    /// "1.1", "**15.1", "IV": the sentence so far is only a section's number, which
    /// opens the sentence after it ("**1.1. Scope.** Any access …").
    fn is_label(&self) -> bool {
        // Most words are no label: only then is the whole sentence looked at.
        if !self
            .before
            .bytes()
            .all(|b| b.is_ascii_digit() || b"*_.IVXivx".contains(&b))
        {
            return false;
        }
        let label = self
            .sentence
            .trim_start_matches(|c: char| c == '*' || c == '_' || c.is_whitespace());
        let numbered = label
            .split('.')
            .all(|part| (1..=3).contains(&part.len()) && part.bytes().all(|b| b.is_ascii_digit()));
        let roman = (2..=6).contains(&label.len())
            && (label.bytes().all(|b| matches!(b, b'I' | b'V' | b'X'))
                || label.bytes().all(|b| matches!(b, b'i' | b'v' | b'x')));
        numbered || roman
    }

    /// "At 5 a.m", "by 10 p.m": a preposition, a number and the time, no more.
    fn is_bare_time(&self) -> bool {
        const PREPOSITIONS: &[&str] = &[
            "at", "by", "from", "until", "till", "after", "before", "around", "about", "since",
        ];
        let mut words = self.sentence.split_whitespace();
        matches!(
            (words.next(), words.next(), words.next(), words.next()),
            (Some(preposition), Some(number), Some(_), None)
                if listed(PREPOSITIONS, preposition)
                    && number.starts_with(|c: char| c.is_ascii_digit())
        )
    }

    fn follows_lower_case_word(&self) -> bool {
        self.sentence
            .split_whitespace()
            .nth_back(1)
            .and_then(|word| word.trim_start_matches(is_opener).chars().next())
            .is_some_and(char::is_lowercase)
    }
}

fn is_initial(word: &str) -> bool {
    let mut chars = word.chars();
    chars.next().is_some_and(char::is_alphabetic) && chars.next().is_none()
}

/// The word that ends right before a terminator, without leading quotes or brackets.
fn word_before(content: &str, terminator: usize) -> &str {
    let before = &content[..terminator];
    let start = before.rfind(char::is_whitespace).map_or(0, |i| {
        i + before[i..].chars().next().map_or(1, char::len_utf8)
    });
    before[start..].trim_start_matches(is_opener)
}

/// The word at the start of `rest`, without leading quotes or brackets.
fn next_word(rest: &str) -> &str {
    let rest = rest.trim_start_matches(is_opener);
    let end = rest
        .find(|c: char| c.is_whitespace() || (c.is_ascii_punctuation() && c != '-' && c != '\''))
        .unwrap_or(rest.len());
    &rest[..end]
}

/// The length of a `<br>` tag (`<br/>`, `<br />`, any case) at the start of `s`, or 0.
pub(super) fn br_len(s: &str) -> usize {
    let bytes = s.as_bytes();
    if bytes.len() < 4 || bytes[0] != b'<' || !bytes[1..3].eq_ignore_ascii_case(b"br") {
        return 0;
    }
    let mut i = 3;
    while bytes.get(i) == Some(&b' ') {
        i += 1;
    }
    if bytes.get(i) == Some(&b'/') {
        i += 1;
    }
    if bytes.get(i) == Some(&b'>') {
        i + 1
    } else {
        0
    }
}

/// The length of the white space and `<br>` tags at the start of `s`.
pub(super) fn gap_len(s: &str) -> usize {
    br_run(s).0
}

/// The length of the white space and `<br>` tags at the start of `s`, and how
/// many tags there are.
pub(super) fn br_run(s: &str) -> (usize, usize) {
    let bytes = s.as_bytes();
    let (mut at, mut tags) = (0, 0);
    // Called at every candidate stop: ASCII white space is skipped byte by byte.
    while at < bytes.len() {
        match bytes[at] {
            b' ' | b'\t' | b'\n' | b'\r' | b'\x0b' | b'\x0c' => at += 1,
            b'<' => match br_len(&s[at..]) {
                0 => break,
                tag => {
                    at += tag;
                    tags += 1;
                }
            },
            b if b < 0x80 => break,
            _ => match s[at..].chars().next() {
                Some(c) if c.is_whitespace() => at += c.len_utf8(),
                _ => break,
            },
        }
    }
    (at, tags)
}

/// `s` without the white space and `<br>` tags at its end.
pub(super) fn trim_end_gap(s: &str) -> &str {
    let mut s = s.trim_end();
    while s.ends_with('>') {
        let Some(open) = s.rfind('<') else { break };
        if br_len(&s[open..]) != s.len() - open {
            break;
        }
        s = s[..open].trim_end();
    }
    s
}

/// Spans no sentence boundary falls inside: Markdown links `[text](target)`.
struct Protected {
    spans: Vec<Range<usize>>,
    next: usize,
}

impl Protected {
    fn new(content: &str) -> Protected {
        let bytes = content.as_bytes();
        let mut spans = Vec::new();
        if memchr::memchr(b'[', bytes).is_some() {
            links(bytes, &mut spans);
        }
        Protected { spans, next: 0 }
    }

    /// Whether `at` lies strictly inside a span. `at` never decreases between calls.
    fn covers(&mut self, at: usize) -> bool {
        while self.spans.get(self.next).is_some_and(|s| s.end <= at) {
            self.next += 1;
        }
        self.spans.get(self.next).is_some_and(|s| s.start < at)
    }
}

/// `[text](target)` spans (images too). Link texts nest brackets; a target nests
/// parentheses and stays on one line.
fn links(bytes: &[u8], spans: &mut Vec<Range<usize>>) {
    const MAX_TARGET: usize = 4096;
    let mut open: Vec<usize> = Vec::new();
    for i in memchr::memchr2_iter(b'[', b']', bytes) {
        if i > 0 && bytes[i - 1] == b'\\' {
            continue;
        }
        if bytes[i] == b'[' {
            open.push(i);
            continue;
        }
        let Some(start) = open.pop() else { continue };
        if bytes.get(i + 1) != Some(&b'(') {
            continue;
        }
        let mut depth = 0;
        for (j, &b) in bytes[i + 1..].iter().enumerate().take(MAX_TARGET) {
            match b {
                b'(' => depth += 1,
                b')' => {
                    depth -= 1;
                    if depth == 0 {
                        spans.push(start..i + 2 + j);
                        break;
                    }
                }
                b'\n' | b'\r' => break,
                _ => {}
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(content: &str) -> Vec<&str> {
        let mut start = 0;
        sentence_ends(content)
            .into_iter()
            .map(|end| {
                let sentence = &content[start..end];
                start = end;
                &sentence[gap_len(sentence)..]
            })
            .collect()
    }

    #[test]
    fn spaced_ellipses() {
        assert_eq!(
            split("Growth slowed . . . and then it recovered."),
            ["Growth slowed . . . and then it recovered."]
        );
        assert_eq!(
            split("Rates held . . . Officials said more later."),
            ["Rates held . . . Officials said more later."]
        );
        assert_eq!(
            split("The vote was close . . . . The Board approved it."),
            ["The vote was close . . . .", "The Board approved it."]
        );
        assert_eq!(
            split("The Board approved it. . . . The rate stays."),
            ["The Board approved it.", ". . . The rate stays."]
        );
        assert_eq!(
            split("It ends “so that prices hold. . . .”"),
            ["It ends “so that prices hold. . . .”"]
        );
    }

    #[test]
    fn a_period_glued_to_the_next_sentence() {
        assert_eq!(
            split(
                "It met the standards.We sign an agreement. See example.com or ChatGPT.Plus now."
            ),
            [
                "It met the standards.",
                "We sign an agreement.",
                "See example.com or ChatGPT.Plus now."
            ]
        );
    }

    #[test]
    fn a_section_number_opens_its_sentence() {
        assert_eq!(
            split("**1.1. Scope.** Any access is logged. 12.4. Fees apply. IV. Terms end."),
            [
                "**1.1. Scope.**",
                "Any access is logged.",
                "12.4. Fees apply.",
                "IV. Terms end."
            ]
        );
    }

    #[test]
    fn bracketed_omissions_are_no_stops() {
        assert_eq!(
            split("The Committee [...] decided (Minutes, p. 3)."),
            ["The Committee [...] decided (Minutes, p. 3)."]
        );
    }

    #[test]
    fn no_boundary_inside_links_but_bold_sentences_are_sentences() {
        // A reader sees two sentences in a bold passage (the reading form drops
        // the lone `**` each keeps; see `reading`).
        assert_eq!(
            split("See [Part 2. Scope](#part-2) now. **Part one. Rules apply.** Done."),
            [
                "See [Part 2. Scope](#part-2) now.",
                "**Part one.",
                "Rules apply.**",
                "Done."
            ]
        );
    }

    #[test]
    fn br_tags_are_white_space_between_sentences() {
        assert_eq!(
            split("Rates held.<br>Prices rose."),
            ["Rates held.", "Prices rose."]
        );
        assert_eq!(gap_len(" <br> <BR/>x"), 11);
        assert_eq!(trim_end_gap("text <br />  "), "text");
    }

    #[test]
    fn the_pronoun_i_and_bare_times() {
        assert_eq!(
            split("The envoy and I. Did you see Albert I. Jones?"),
            ["The envoy and I.", "Did you see Albert I. Jones?"]
        );
        assert_eq!(
            split("At 9 a.m. Mr. Falk arrived. He left at 5 p.m. Mr. Falk then spoke."),
            [
                "At 9 a.m. Mr. Falk arrived.",
                "He left at 5 p.m.",
                "Mr. Falk then spoke."
            ]
        );
    }
}
