//! Segmentation: a statement body → paragraphs → sentences, as byte spans.
//!
//! Paragraphs end at blank lines; list items and headings start their own
//! paragraph; a hard line wrap is not a break. Sentences end at `.`, `?`, `!` (and
//! CJK stops) followed by white space, unless the word before the period is an
//! abbreviation, an initial or a dotted acronym. Official prose is dense with those
//! ("U.S.", "Gen.", "Janet L. Yellen", "No. 5", "10 a.m."), so when in doubt we do
//! not split.
//!
//! Segmentation is lossless: the sentences and the gaps between them (white space
//! and Markdown block markers) rebuild the input exactly; see [`pieces`].

use std::ops::Range;

/// One sentence: its byte span in the segmented text and its paragraph.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sentence {
    pub span: Range<usize>,
    /// 0-based index of the paragraph the sentence belongs to.
    pub paragraph: usize,
}

/// Paragraphs and sentences of a text, both as byte spans of that text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Segmentation {
    /// The content of each paragraph (markers and surrounding white space excluded).
    pub paragraphs: Vec<Range<usize>>,
    /// Sentences in reading order; each lies inside its paragraph.
    pub sentences: Vec<Sentence>,
}

/// Segments `text` into paragraphs and sentences.
pub fn segment(text: &str) -> Segmentation {
    let paragraphs = paragraphs(text);
    let mut sentences = Vec::new();
    for (index, paragraph) in paragraphs.iter().enumerate() {
        let content = &text[paragraph.clone()];
        let mut start = 0;
        for end in sentence_ends(content) {
            let lead = content[start..end].len() - content[start..end].trim_start().len();
            sentences.push(Sentence {
                span: paragraph.start + start + lead..paragraph.start + end,
                paragraph: index,
            });
            start = end;
        }
    }
    Segmentation {
        paragraphs,
        sentences,
    }
}

impl Segmentation {
    /// The sentences' texts, taken from `text` (the text that was segmented).
    pub fn sentence_texts<'a>(&self, text: &'a str) -> Vec<&'a str> {
        self.sentences
            .iter()
            .map(|s| &text[s.span.clone()])
            .collect()
    }
}

/// A piece of the segmented text: a sentence, or the gap before/after one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Piece<'a> {
    Sentence(&'a str),
    /// White space and Markdown block markers (`- `, `1. `, `## `) between sentences.
    Gap(&'a str),
}

/// All pieces of `text` in order; concatenated they are exactly `text`.
pub fn pieces<'a>(text: &'a str, segmentation: &Segmentation) -> Vec<Piece<'a>> {
    let mut out = Vec::with_capacity(segmentation.sentences.len() * 2 + 1);
    let mut at = 0;
    for sentence in &segmentation.sentences {
        if sentence.span.start > at {
            out.push(Piece::Gap(&text[at..sentence.span.start]));
        }
        out.push(Piece::Sentence(&text[sentence.span.clone()]));
        at = sentence.span.end;
    }
    if at < text.len() {
        out.push(Piece::Gap(&text[at..]));
    }
    out
}

/// Paragraph content spans: blank lines separate paragraphs, list items and
/// headings start new ones, and other lines continue the current one.
fn paragraphs(text: &str) -> Vec<Range<usize>> {
    let mut out: Vec<Range<usize>> = Vec::new();
    let mut current: Option<Range<usize>> = None;
    let mut previous_was_heading = false;
    let mut current_is_item = false;
    for line_span in lines(text) {
        let line_start = line_span.start;
        let line = &text[line_span];
        let content_len = line.trim_end().len();
        if line.trim().is_empty() {
            out.extend(current.take());
        } else {
            let indent = line.len() - line.trim_start().len();
            let mut marker = block_marker(&line[indent..content_len]);
            // A wrapped line can start with a number ("… citing No.\n5. Then").
            // As in CommonMark, only "1." (or a list already under way) starts a
            // numbered item inside a paragraph.
            if marker.number.is_some_and(|n| n != 1) && current.is_some() && !current_is_item {
                marker = Marker::NONE;
            }
            let content = line_start + indent + marker.len..line_start + content_len;
            let starts_new = marker.kind != MarkerKind::None || previous_was_heading;
            match (&mut current, starts_new) {
                (Some(paragraph), false) => paragraph.end = content.end,
                _ => {
                    out.extend(current.take());
                    // A marker alone on its line (`-`) has no content yet.
                    current = Some(content);
                    current_is_item = marker.kind == MarkerKind::ListItem;
                }
            }
            previous_was_heading = marker.kind == MarkerKind::Heading;
        }
    }
    out.extend(current.take());
    out.retain(|p| !p.is_empty());
    out
}

/// Byte ranges of lines, each with its terminator: `\n`, `\r\n`, or a lone `\r`
/// (old Mac files and text pasted from some editors).
pub fn lines(text: &str) -> impl Iterator<Item = Range<usize>> + '_ {
    let bytes = text.as_bytes();
    let mut start = 0;
    std::iter::from_fn(move || {
        if start >= bytes.len() {
            return None;
        }
        let mut end =
            memchr::memchr2(b'\n', b'\r', &bytes[start..]).map_or(bytes.len(), |i| start + i + 1);
        if bytes[end - 1] == b'\r' && bytes.get(end) == Some(&b'\n') {
            end += 1;
        }
        let line = start..end;
        start = end;
        Some(line)
    })
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum MarkerKind {
    None,
    ListItem,
    Heading,
}

struct Marker {
    kind: MarkerKind,
    /// Bytes of the marker including the white space after it.
    len: usize,
    /// The number of a numbered item (`3.` → 3).
    number: Option<u32>,
}

impl Marker {
    const NONE: Marker = Marker {
        kind: MarkerKind::None,
        len: 0,
        number: None,
    };
}

/// Recognizes `- `, `* `, `+ `, `• `, `1. `, `1) ` and `#`–`######` headings.
fn block_marker(line: &str) -> Marker {
    let bytes = line.as_bytes();
    let after = |n: usize, kind: MarkerKind, number: Option<u32>| -> Marker {
        let rest = &line[n..];
        if rest.is_empty() || rest.starts_with([' ', '\t']) {
            let ws = rest.len() - rest.trim_start().len();
            Marker {
                kind,
                len: n + ws,
                number,
            }
        } else {
            Marker::NONE
        }
    };
    let hashes = bytes.iter().take_while(|&&b| b == b'#').count();
    if (1..=6).contains(&hashes) {
        return after(hashes, MarkerKind::Heading, None);
    }
    if let Some(first) = line.chars().next()
        && matches!(first, '-' | '*' | '+' | '•')
    {
        return after(first.len_utf8(), MarkerKind::ListItem, None);
    }
    let digits = bytes.iter().take_while(|b| b.is_ascii_digit()).count();
    if (1..=3).contains(&digits) && matches!(bytes.get(digits), Some(b'.' | b')')) {
        let number = line[..digits].parse().ok();
        return after(digits + 1, MarkerKind::ListItem, number);
    }
    Marker::NONE
}

/// End offsets (exclusive) of the sentences in one paragraph's content.
/// The last end is always the end of the content.
fn sentence_ends(content: &str) -> Vec<usize> {
    let mut ends = Vec::new();
    let bytes = content.as_bytes();
    let ascii = content.is_ascii();
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
        let run_start = candidate;
        // The whole run of terminators ("?!", "...") and closing quotes/brackets.
        let mut end = at;
        let mut run_is_single_period = c == '.';
        for next in content[end..].chars() {
            if is_terminator(next) {
                run_is_single_period = false;
            } else if !is_closer(next) {
                break;
            }
            end += next.len_utf8();
        }
        at = end;
        let rest = &content[end..];
        let cjk_stop = matches!(c, '。' | '！' | '？');
        if rest.trim_start().is_empty() || (!cjk_stop && !rest.starts_with(char::is_whitespace)) {
            continue;
        }
        let word = word_before(content, run_start);
        if ends_sentence(c, run_is_single_period, word, next_word(rest)) {
            ends.push(end);
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

/// The word that ends right before a terminator, without leading quotes or brackets.
fn word_before(content: &str, terminator: usize) -> &str {
    let before = &content[..terminator];
    let start = before.rfind(char::is_whitespace).map_or(0, |i| {
        i + before[i..].chars().next().map_or(1, char::len_utf8)
    });
    before[start..].trim_start_matches(is_opener)
}

/// The next word after white space, without leading quotes or brackets.
fn next_word(rest: &str) -> &str {
    let rest = rest.trim_start().trim_start_matches(is_opener);
    let end = rest
        .find(|c: char| c.is_whitespace() || (c.is_ascii_punctuation() && c != '-' && c != '\''))
        .unwrap_or(rest.len());
    &rest[..end]
}

/// Decides whether a terminator run ends a sentence, given the word before it and
/// the word after the white space that follows it.
fn ends_sentence(terminator: char, single_period: bool, before: &str, after: &str) -> bool {
    let Some(first) = after.chars().next() else {
        // The next sentence starts with punctuation or a symbol ("— ", "$5"): a break
        // unless the word before is a known abbreviation.
        return !single_period || !is_abbreviation(before);
    };
    if first.is_lowercase() {
        return false;
    }
    if !single_period || terminator != '.' {
        return true;
    }
    let lower = before.to_lowercase();
    let lower = lower.as_str();
    if first.is_ascii_digit() {
        // "No. 5", "Sec. 4(b)", "Jan. 5", "p. 12", "U.S. 10-year": a number after an
        // abbreviation continues the sentence; after a plain word it starts one.
        return !is_abbreviation(before);
    }
    if TITLES.contains(&lower) || NEVER_FINAL.contains(&lower) {
        return false;
    }
    if matches!(lower, "a.m" | "p.m") {
        // "10 a.m. Friday", "5 p.m. EST" continue; "10 a.m. Officials said" starts anew.
        return !(is_weekday_or_month(after) || is_all_caps(after));
    }
    let is_initial = before.chars().count() == 1 && before.chars().all(char::is_alphabetic);
    let is_acronym = is_dotted_acronym(before);
    if is_initial || is_acronym || MAY_BE_FINAL.contains(&lower) || NUMBERED.contains(&lower) {
        // "Janet L. Yellen", "U.S. officials", "Acme Inc. said": only a word that
        // cannot begin a name ("The", "It", "We") shows a new sentence began.
        return is_starter(after);
    }
    true
}

fn is_abbreviation(word: &str) -> bool {
    let lower = word.to_lowercase();
    let lower = lower.as_str();
    TITLES.contains(&lower)
        || NEVER_FINAL.contains(&lower)
        || MAY_BE_FINAL.contains(&lower)
        || NUMBERED.contains(&lower)
        || (word.chars().count() == 1 && word.chars().all(char::is_alphabetic))
        || is_dotted_acronym(word)
}

/// "U.S", "a.m", "Ph.D" (the final period not included) — but not a URL, an
/// e-mail address or a file name, whose parts are longer.
fn is_dotted_acronym(word: &str) -> bool {
    let mut parts = 0;
    for part in word.split('.') {
        let letters = part.chars().count();
        if !(1..=3).contains(&letters) || !part.chars().all(char::is_alphabetic) {
            return false;
        }
        parts += 1;
    }
    parts >= 2
}

fn is_all_caps(word: &str) -> bool {
    word.chars().count() >= 2 && word.chars().all(|c| c.is_uppercase())
}

fn is_weekday_or_month(word: &str) -> bool {
    const NAMES: &[&str] = &[
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    NAMES.contains(&word.to_lowercase().as_str())
}

/// Words that begin sentences but never names: after "U.S." or "Inc." they show
/// that a new sentence began.
fn is_starter(word: &str) -> bool {
    const STARTERS: &[&str] = &[
        "a",
        "after",
        "all",
        "also",
        "an",
        "and",
        "as",
        "at",
        "before",
        "both",
        "but",
        "by",
        "during",
        "each",
        "for",
        "from",
        "he",
        "her",
        "his",
        "how",
        "however",
        "i",
        "if",
        "in",
        "it",
        "its",
        "meanwhile",
        "most",
        "no",
        "on",
        "our",
        "she",
        "since",
        "so",
        "some",
        "that",
        "the",
        "then",
        "their",
        "there",
        "these",
        "they",
        "this",
        "those",
        "to",
        "today",
        "tomorrow",
        "we",
        "what",
        "when",
        "where",
        "while",
        "who",
        "why",
        "with",
        "yesterday",
        "yet",
        "you",
    ];
    STARTERS.contains(&word.to_lowercase().as_str())
}

/// Titles that always precede a name: never the end of a sentence.
const TITLES: &[&str] = &[
    "adm", "amb", "ambs", "atty", "brig", "capt", "cdr", "cmdr", "col", "cpl", "dr", "drs", "fr",
    "gen", "gens", "gov", "govs", "hon", "insp", "lt", "maj", "messrs", "mme", "mmes", "mr", "mrs",
    "ms", "msgr", "pres", "prof", "pvt", "rep", "reps", "rev", "sen", "sens", "sgt", "sr", "st",
    "supt",
];

/// Abbreviations that introduce something and are (almost) never sentence-final.
const NEVER_FINAL: &[&str] = &["e.g", "i.e", "cf", "viz", "approx", "vs", "ca"];

/// Abbreviations that often precede a number ("No. 5", "Sec. 4(b)", "Jan. 5").
const NUMBERED: &[&str] = &[
    "no", "nos", "art", "arts", "sec", "secs", "para", "paras", "p", "pp", "vol", "vols", "ch",
    "chap", "fig", "figs", "op", "cl", "reg", "res", "doc", "sess", "jan", "feb", "mar", "apr",
    "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "tel", "ext",
];

/// Abbreviations that can also end a sentence ("… of Acme Inc. The company …").
const MAY_BE_FINAL: &[&str] = &[
    "inc", "ltd", "co", "corp", "llc", "plc", "jr", "bros", "etc", "al", "est", "dept", "univ",
    "assn", "ave", "blvd", "mt", "ft", "govt", "intl",
];

#[cfg(test)]
mod tests {
    use super::*;

    fn sentences(text: &str) -> Vec<&str> {
        segment(text).sentence_texts(text)
    }

    #[test]
    fn a_wrapped_line_starting_with_a_number_is_no_list_item() {
        let text = "The talks resume before Jan.\n15. The envoy agreed.\n\n1. first\n2. second";
        assert_eq!(
            sentences(text),
            [
                "The talks resume before Jan.\n15.",
                "The envoy agreed.",
                "first",
                "second"
            ]
        );
    }

    #[test]
    fn paragraphs_split_on_blank_lines_not_on_wraps() {
        let text = "First line\nwraps here.\n\nSecond paragraph.\n";
        let seg = segment(text);
        assert_eq!(seg.paragraphs.len(), 2);
        assert_eq!(&text[seg.paragraphs[0].clone()], "First line\nwraps here.");
    }

    #[test]
    fn lone_carriage_returns_break_lines() {
        let text = "First paragraph.\r\rSecond\r\nparagraph.\n";
        let seg = segment(text);
        assert_eq!(seg.paragraphs.len(), 2);
        let spans: Vec<_> = lines(text).map(|l| &text[l]).collect();
        assert_eq!(
            spans,
            ["First paragraph.\r", "\r", "Second\r\n", "paragraph.\n"]
        );
    }

    #[test]
    fn list_items_and_headings_are_paragraphs() {
        let text = "## Decision\nThe rate stays\n- one item\n- two items\n  wrapped\n1. first";
        let seg = segment(text);
        let paras: Vec<_> = seg.paragraphs.iter().map(|p| &text[p.clone()]).collect();
        assert_eq!(
            paras,
            [
                "Decision",
                "The rate stays",
                "one item",
                "two items\n  wrapped",
                "first"
            ]
        );
    }

    #[test]
    fn pieces_rebuild_the_text() {
        let text = "  - A. B? C!\n\n# Head\n\nTail without stop";
        let seg = segment(text);
        let rebuilt: String = pieces(text, &seg)
            .iter()
            .map(|p| match p {
                Piece::Sentence(s) | Piece::Gap(s) => *s,
            })
            .collect();
        assert_eq!(rebuilt, text);
    }

    #[test]
    fn basic_splits() {
        assert_eq!(
            sentences("Talks ended. Both sides left? Yes!"),
            ["Talks ended.", "Both sides left?", "Yes!"]
        );
    }

    #[test]
    fn am_pm_followed_by_a_day_continues() {
        assert_eq!(sentences("We meet at 10 a.m. Friday in Geneva.").len(), 1);
        assert_eq!(sentences("We met at 10 a.m. Officials then left.").len(), 2);
    }
}
