//! What opens a list item or a heading at the start of a line: bullets (`- `,
//! `• `), ordinals (`1. `, `2) `, `3.) `, `1\. `, `(a) `, `b. `, `IV. `), both
//! together (`• 9. `) and ATX hashes (`## `). A marker and the white space after it
//! belong to the gap before the item's text.

/// The punctuation an ordinal is written with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Punctuation {
    /// `1.`
    Dot,
    /// `1)`
    Paren,
    /// `1.)`
    DotParen,
    /// `(1)`
    Parens,
    /// `1\.`: Markdown's escape that keeps a heading number from becoming a list.
    EscapedDot,
    /// `2.3`, `10.1.2.`: a section number, whose parts no list counts on.
    Section,
}

/// The number of a numbered item, as each reading of it gives it: `3` is the
/// number 3; `c` the letter 3; `iv` the Roman 4; `i` both the letter 9 and the
/// Roman 1. A reading that does not apply is 0.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Ordinal {
    punctuation: Punctuation,
    number: u32,
    letter: u32,
    roman: u32,
    upper: bool,
}

impl Ordinal {
    /// Whether `next` is the item after this one ("a." → "b.", "iv)" → "v)").
    pub(super) fn is_followed_by(&self, next: &Ordinal) -> bool {
        let successor = |a: u32, b: u32| a > 0 && b == a + 1;
        self.punctuation == next.punctuation
            && (successor(self.number, next.number)
                || (self.upper == next.upper
                    && (successor(self.letter, next.letter) || successor(self.roman, next.roman))))
    }

    /// `1`, or a lower-case `a` or `i`: what may open a list inside a list item.
    pub(super) fn opens_a_list(&self) -> bool {
        self.number == 1 || (!self.upper && (self.letter == 1 || self.roman == 1))
    }

    /// The number `1.` or `1)` written as CommonMark lists are: the only ordinal
    /// that starts a list in the middle of running text.
    pub(super) fn is_plain_one(&self) -> bool {
        self.number == 1 && matches!(self.punctuation, Punctuation::Dot | Punctuation::Paren)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum MarkerKind {
    None,
    ListItem,
    Heading,
}

#[derive(Debug, Clone, Copy)]
pub(super) struct Marker {
    pub(super) kind: MarkerKind,
    /// Bytes of the marker including the white space after it.
    pub(super) len: usize,
    pub(super) ordinal: Option<Ordinal>,
    /// The bullet before the ordinal, or alone (`-`, `•`).
    pub(super) bullet: Option<char>,
}

impl Marker {
    pub(super) const NONE: Marker = Marker {
        kind: MarkerKind::None,
        len: 0,
        ordinal: None,
        bullet: None,
    };
}

/// Bullets that open a list item when white space follows them.
const BULLETS: &[char] = &['-', '*', '+', '•', '⁃', '◦', '▪', '‣'];
/// Bullets that can stand right before an ordinal (`⁃9.`), where an ASCII
/// hyphen would be a minus sign.
const TIGHT_BULLETS: &[char] = &['•', '⁃', '◦', '▪', '‣'];

/// The marker at the start of `line` (its indentation already removed), or
/// [`Marker::NONE`]. An ATX heading's marker includes an ordinal after the hashes
/// (`## 2. Scope`): a heading's number is a marker too.
pub(super) fn marker(line: &str) -> Marker {
    let hashes = line.bytes().take_while(|&b| b == b'#').count();
    if (1..=6).contains(&hashes) {
        let Some(len) = spaced(line, hashes) else {
            return Marker::NONE;
        };
        let mut marker = Marker {
            kind: MarkerKind::Heading,
            len,
            ..Marker::NONE
        };
        if let Some((ordinal, more)) = ordinal(&line[len..]).or_else(|| section(&line[len..])) {
            marker.ordinal = Some(ordinal);
            marker.len += more;
        }
        return marker;
    }
    if let Some(first) = line.chars().next()
        && BULLETS.contains(&first)
    {
        let after = first.len_utf8();
        let (len, tight) = match spaced(line, after) {
            Some(len) => (len, false),
            None if TIGHT_BULLETS.contains(&first) => (after, true),
            // `**2.3 Fees.**`: a strong section number.
            None => return section(line).map_or(Marker::NONE, numbered),
        };
        let mut marker = Marker {
            kind: MarkerKind::ListItem,
            len,
            bullet: Some(first),
            ordinal: None,
        };
        match ordinal(&line[len..]) {
            Some((ordinal, more)) => {
                marker.ordinal = Some(ordinal);
                marker.len += more;
            }
            None if tight => return Marker::NONE,
            None => {}
        }
        return marker;
    }
    ordinal(line)
        .or_else(|| section(line))
        .map_or(Marker::NONE, numbered)
}

/// The marker of an item that opens with a number alone.
fn numbered((ordinal, len): (Ordinal, usize)) -> Marker {
    Marker {
        kind: MarkerKind::ListItem,
        len,
        ordinal: Some(ordinal),
        bullet: None,
    }
}

/// The length of `line[..n]` and the white space after it, when white space (or
/// the end of the line) follows.
fn spaced(line: &str, n: usize) -> Option<usize> {
    let rest = &line[n..];
    if rest.is_empty() || rest.starts_with(char::is_whitespace) {
        Some(n + rest.len() - rest.trim_start().len())
    } else {
        None
    }
}

/// An ordinal at the start of `line` and its length with the white space after
/// it: digits (up to three), one letter or a Roman numeral (up to `xxxix`), with
/// its punctuation.
pub(super) fn ordinal(line: &str) -> Option<(Ordinal, usize)> {
    let bytes = line.as_bytes();
    let parenthesized = bytes.first() == Some(&b'(');
    let start = usize::from(parenthesized);
    let token_len = bytes[start..]
        .iter()
        .take_while(|b| b.is_ascii_alphanumeric())
        .count();
    let token = &line[start..start + token_len];
    let after = &bytes[start + token_len..];
    let (punctuation, punctuation_len) = if parenthesized {
        (after.first() == Some(&b')')).then_some((Punctuation::Parens, 1))?
    } else if after.starts_with(b".)") {
        (Punctuation::DotParen, 2)
    } else if after.starts_with(b"\\.") {
        (Punctuation::EscapedDot, 2)
    } else if after.first() == Some(&b'.') {
        (Punctuation::Dot, 1)
    } else if after.first() == Some(&b')') {
        (Punctuation::Paren, 1)
    } else {
        return None;
    };
    let ordinal = read_token(token, punctuation)?;
    let len = spaced(line, start + token_len + punctuation_len)?;
    // "J. R. R. Tolkien": a capital and a period before another initial is a name.
    let rest = &line.as_bytes()[len..];
    if punctuation == Punctuation::Dot
        && ordinal.upper
        && token_len == 1
        && rest.len() >= 2
        && rest[0].is_ascii_uppercase()
        && rest[1] == b'.'
    {
        return None;
    }
    Some((ordinal, len))
}

/// Words a figure is counted in: "2.5 Million" opens no section.
const MAGNITUDES: &[&str] = &[
    "million", "billion", "trillion", "thousand", "hundred", "percent", "per", "pct",
];

/// A section number at the start of `line` and its length with the white space
/// after it: two to four parts of up to three digits (`2.3`, `10.1.2`, `9.2.`,
/// `4\.1`), then a capitalised word, as legal texts number their clauses. A
/// strong marker may stand before it (`**2.3 Fees.** …`, as exports of such
/// texts write it); it is part of the marker. A plain decimal ("2.5 percent",
/// "1.5 Million") is a figure, not a number of a section.
pub(super) fn section(line: &str) -> Option<(Ordinal, usize)> {
    let strong = ["**", "__"]
        .iter()
        .find(|mark| line.starts_with(*mark))
        .map_or(0, |mark| mark.len());
    let bytes = &line.as_bytes()[strong..];
    let mut at = 0;
    let mut parts = 0;
    loop {
        let digits = bytes[at..]
            .iter()
            .take_while(|b| b.is_ascii_digit())
            .count();
        if !(1..=3).contains(&digits) {
            return None;
        }
        at += digits;
        parts += 1;
        let dot = if bytes[at..].starts_with(b"\\.") {
            2
        } else {
            1
        };
        match bytes.get(at + dot - 1) {
            Some(b'.') if bytes.get(at + dot).is_some_and(u8::is_ascii_digit) => at += dot,
            Some(b'.') => {
                at += dot;
                break;
            }
            _ => break,
        }
    }
    if !(2..=4).contains(&parts) {
        return None;
    }
    let len = spaced(line, strong + at)?;
    let next = next_word(&line[len..]);
    let capitalised = next.chars().next().is_some_and(char::is_uppercase);
    if !capitalised || len == line.len() {
        return None;
    }
    if parts == 2 && MAGNITUDES.iter().any(|m| next.eq_ignore_ascii_case(m)) {
        return None;
    }
    let ordinal = Ordinal {
        punctuation: Punctuation::Section,
        number: 0,
        letter: 0,
        roman: 0,
        upper: false,
    };
    Some((ordinal, len))
}

/// The first word of `text`, emphasis and quotes before it skipped.
fn next_word(text: &str) -> &str {
    let text = text.trim_start_matches(['*', '_', '"', '“', '(']);
    let end = text
        .find(|c: char| !c.is_alphanumeric())
        .unwrap_or(text.len());
    &text[..end]
}

fn read_token(token: &str, punctuation: Punctuation) -> Option<Ordinal> {
    let mut ordinal = Ordinal {
        punctuation,
        number: 0,
        letter: 0,
        roman: 0,
        upper: false,
    };
    if token.bytes().all(|b| b.is_ascii_digit()) {
        if !(1..=3).contains(&token.len()) {
            return None;
        }
        ordinal.number = token.parse().ok()?;
        return Some(ordinal);
    }
    let upper = token.bytes().all(|b| b.is_ascii_uppercase());
    if !upper && !token.bytes().all(|b| b.is_ascii_lowercase()) {
        return None;
    }
    ordinal.upper = upper;
    let lower = token.to_ascii_lowercase();
    if token.len() == 1 {
        ordinal.letter = u32::from(lower.as_bytes()[0] - b'a') + 1;
    }
    ordinal.roman = roman(&lower);
    (ordinal.letter > 0 || ordinal.roman > 0).then_some(ordinal)
}

/// The value of a lower-case Roman numeral from `i` to `xxxix`, or 0.
fn roman(token: &str) -> u32 {
    const ONES: [&str; 10] = ["", "i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix"];
    let tens = token.bytes().take_while(|&b| b == b'x').count();
    if tens > 3 {
        return 0;
    }
    match ONES.iter().position(|&ones| ones == &token[tens..]) {
        Some(ones) if tens + ones > 0 => (tens * 10 + ones) as u32,
        _ => 0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ordinal_of(line: &str) -> Ordinal {
        ordinal(line).expect("an ordinal").0
    }

    #[test]
    fn ordinals_and_their_successors() {
        for (a, b) in [
            ("1. x", "2. x"),
            ("9) x", "10) x"),
            ("1.) x", "2.) x"),
            ("1\\. x", "2\\. x"),
            ("(a) x", "(b) x"),
            ("h. x", "i. x"),
            ("i. x", "ii. x"),
            ("IV. x", "V. x"),
        ] {
            assert!(ordinal_of(a).is_followed_by(&ordinal_of(b)), "{a} → {b}");
        }
        for (a, b) in [("1. x", "3. x"), ("1. x", "2) x"), ("a. x", "B. x")] {
            assert!(!ordinal_of(a).is_followed_by(&ordinal_of(b)), "{a} ↛ {b}");
        }
    }

    #[test]
    fn what_is_not_an_ordinal() {
        for line in [
            "No. 5",
            "U.S. rates",
            "1234. x",
            "2.5 percent",
            "ab. x",
            "Mr. X",
            "(1)x",
            "J. R. Smith",
        ] {
            assert!(ordinal(line).is_none(), "{line}");
        }
    }

    #[test]
    fn markers_include_the_white_space_after_them() {
        let cases = [
            ("- item", 2),
            ("*   item", 4),
            ("• 9. item", "• 9. ".len()),
            ("⁃10. item", "⁃10. ".len()),
            ("## 2. Scope", 6),
            ("(iv) item", 5),
            ("1\\. About us", 4),
        ];
        for (line, len) in cases {
            assert_eq!(marker(line).len, len, "{line}");
        }
        assert_eq!(marker("#hashtag").kind, MarkerKind::None);
        assert_eq!(marker("-5 degrees").kind, MarkerKind::None);
    }

    #[test]
    fn section_numbers_open_items() {
        let cases = [
            ("2.3 Fees apply.", "2.3 ".len()),
            ("10.1.2 Company may send", "10.1.2 ".len()),
            ("9.2. Limitation of Liability.", "9.2. ".len()),
            ("4\\.1 Scope", "4\\.1 ".len()),
            ("**10.1 Shop With Pro.** If you", "**10.1 ".len()),
            ("## 2.1 Scope", "## 2.1 ".len()),
            ("1.1.1 “Input” means", "1.1.1 ".len()),
        ];
        for (line, len) in cases {
            let found = marker(line);
            let kind = if line.starts_with('#') {
                MarkerKind::Heading
            } else {
                MarkerKind::ListItem
            };
            assert_eq!(found.kind, kind, "{line}");
            assert_eq!(found.len, len, "{line}");
        }
        for line in [
            "2.5 percent growth",
            "2.5 Percent Growth",
            "1.5 Million jobs",
            "3.25 to 3.5",
            "1.2.3.4.5 Too deep",
            "1234.5 Large",
            "2.3 ",
            "**2.3**",
            "2.3 the rate",
        ] {
            assert_eq!(marker(line).kind, MarkerKind::None, "{line}");
        }
        assert_eq!(marker("-5 degrees").kind, MarkerKind::None);
    }
}
