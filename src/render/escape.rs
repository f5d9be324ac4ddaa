//! Escaping statement text for Markdown, as template filters.
//!
//! Statement text is data, never markup: whatever it holds (`#`, `|`, `*`,
//! backticks, `[links](…)`, `<script>`, a leading `1.` or `>`) must come out as
//! the same characters, inside a paragraph, list item or table cell, without
//! changing the structure around it. HTML needs no filter here: minijinja
//! auto-escapes `.html` templates.

use std::fmt::Write;

/// Characters that can start or end inline markup anywhere in a line.
const INLINE: &[char] = &['\\', '`', '*', '_', '[', ']', '<', '>', '|', '~', '$'];

/// Escapes text for use inline in Markdown (CommonMark + GitHub tables and
/// strikethrough). Line breaks become spaces, so the text stays in its block.
pub fn markdown(text: &str) -> String {
    let text = one_line(text);
    let mut out = String::with_capacity(text.len() + 8);
    let block_start = block_marker_len(&text);
    let mut previous = None;
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let next = chars.peek().map(|&(_, n)| n);
        // `&` only matters where it could start an entity such as `&lt;`.
        let entity = c == '&' && next.is_some_and(|n| n == '#' || n.is_alphanumeric());
        // `_` between two letters or digits ("oai_id") opens and closes nothing.
        let inside_word = c == '_'
            && previous.is_some_and(char::is_alphanumeric)
            && next.is_some_and(char::is_alphanumeric);
        let markup = INLINE.contains(&c) && !inside_word;
        if markup || entity || i < block_start && c.is_ascii_punctuation() {
            out.push('\\');
        }
        out.push(c);
        previous = Some(c);
    }
    out
}

/// Escapes `text` and wraps it in a delimiter (`~~`, `**`) with any leading or
/// trailing white space left outside, where CommonMark needs it to be.
/// `before` and `after` are the texts written right next to it: where the mark
/// starts (ends) with punctuation right after (before) a letter, CommonMark would
/// not read the delimiter as markup, so a space goes between them.
pub fn markdown_mark(
    text: &str,
    delimiter: &str,
    before: Option<&str>,
    after: Option<&str>,
) -> String {
    let core = text.trim();
    if core.is_empty() {
        return text.to_string();
    }
    let mut lead = &text[..text.len() - text.trim_start().len()];
    let mut trail = &text[text.trim_end().len()..];
    let is_word = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric());
    let is_punct = |c: Option<char>| c.is_some_and(|c| !c.is_alphanumeric() && !c.is_whitespace());
    if lead.is_empty()
        && is_punct(core.chars().next())
        && is_word(before.and_then(|b| b.chars().next_back()))
    {
        lead = " ";
    }
    if trail.is_empty()
        && is_punct(core.chars().next_back())
        && is_word(after.and_then(|a| a.chars().next()))
    {
        trail = " ";
    }
    format!("{lead}{delimiter}{}{delimiter}{trail}", markdown(core))
}

/// A word-level redline in Markdown: `~~deleted~~` and `**inserted**` marks
/// placed so that CommonMark reads every one of them as markup and the text
/// reads exactly like the sentence: the marks removed with what they strike
/// give the new sentence, with what they insert the old one (white space
/// aside). `edits` are `(op, text)` pairs, op `equal`, `delete` or `insert`.
///
/// A mark cannot open with punctuation right after a letter (`session**,
/// assisted**`) nor close with it right before one: CommonMark would print the
/// asterisks. There the change takes in the word it touches, on both sides
/// (`the ~~session~~ **session, assisted by her**`). A deletion and an insertion
/// between spaces are set apart by one (`~~keep~~ **lower**`); elsewhere they
/// touch, so no space appears before punctuation.
pub fn markdown_redline(edits: &[(&str, &str)]) -> String {
    let mut segments: Vec<Segment> = Vec::new();
    for &(op, text) in edits {
        if text.is_empty() {
            continue;
        }
        let equal = op == "equal";
        match segments.last_mut() {
            Some(Segment::Kept(kept)) if equal => kept.push_str(text),
            Some(Segment::Changed(deleted, inserted)) if !equal => {
                if op == "delete" {
                    deleted.push_str(text);
                } else {
                    inserted.push_str(text);
                }
            }
            _ if equal => segments.push(Segment::Kept(text.to_string())),
            _ if op == "delete" => segments.push(Segment::Changed(text.to_string(), String::new())),
            _ => segments.push(Segment::Changed(String::new(), text.to_string())),
        }
    }
    let mut i = 0;
    while i < segments.len() {
        if matches!(segments[i], Segment::Changed(..)) {
            i = settle(&mut segments, i);
        }
        i += 1;
    }
    let mut out = String::new();
    for (i, segment) in segments.iter().enumerate() {
        match segment {
            Segment::Kept(kept) => out.push_str(&markdown_piece(kept)),
            Segment::Changed(deleted, inserted) => {
                let before = i.checked_sub(1).and_then(|j| segments[j].last_char());
                let after = segments.get(i + 1).and_then(Segment::first_char);
                let (d, ins) = (deleted.trim(), inserted.trim());
                if d.is_empty() && ins.is_empty() {
                    // White space only: the new side's.
                    out.push_str(inserted);
                    continue;
                }
                let l = layout(before, deleted, inserted, after).unwrap_or(Layout {
                    lead: deleted.starts_with(' ') || inserted.starts_with(' '),
                    sep: !d.is_empty() && !ins.is_empty(),
                    trail: deleted.ends_with(' ') || inserted.ends_with(' '),
                });
                if l.lead {
                    out.push(' ');
                }
                if !d.is_empty() {
                    let _ = write!(out, "~~{}~~", markdown_piece(d));
                }
                if l.sep {
                    out.push(' ');
                }
                if !ins.is_empty() {
                    let _ = write!(out, "**{}**", markdown_piece(ins));
                }
                if l.trail {
                    out.push(' ');
                }
            }
        }
    }
    out
}

/// A piece of a redline.
#[derive(Debug)]
enum Segment {
    Kept(String),
    /// Deleted and inserted text.
    Changed(String, String),
}

impl Segment {
    fn first_char(&self) -> Option<char> {
        match self {
            Segment::Kept(k) => k.chars().next(),
            Segment::Changed(d, i) if d.is_empty() => i.chars().next(),
            Segment::Changed(d, _) => d.chars().next(),
        }
    }

    fn last_char(&self) -> Option<char> {
        match self {
            Segment::Kept(k) => k.chars().next_back(),
            Segment::Changed(d, i) if i.is_empty() => d.chars().next_back(),
            Segment::Changed(_, i) => i.chars().next_back(),
        }
    }
}

/// How a change is written between its neighbours: a space before its marks,
/// between the deletion and the insertion, after them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Layout {
    lead: bool,
    sep: bool,
    trail: bool,
}

/// The layout that writes a change (`deleted`, `inserted`, their white space
/// moved outside the marks) so that both marks are markup and each side reads
/// as its text, white space runs aside; `None` when there is none: the change
/// must take in a neighbouring word. `before` and `after` are the characters
/// next to it.
fn layout(
    before: Option<char>,
    deleted: &str,
    inserted: &str,
    after: Option<char>,
) -> Option<Layout> {
    let is_word = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
    let (d, i) = (deleted.trim(), inserted.trim());
    let first = if d.is_empty() { i } else { d }.chars().next();
    let last = if i.is_empty() { d } else { i }.chars().next_back();
    let spaced_start = [deleted, inserted]
        .iter()
        .any(|m| m.starts_with(char::is_whitespace));
    let spaced_end = [deleted, inserted]
        .iter()
        .any(|m| m.ends_with(char::is_whitespace));
    let both = !d.is_empty() && !i.is_empty();
    // One side as a reader reads it: the other side's mark dropped.
    let side = |raw: &str, core: &str, old: bool, l: Layout| {
        let mut shown = String::new();
        shown.extend(before);
        if l.lead {
            shown.push(' ');
        }
        let sep = if l.sep && both { " " } else { "" };
        if old {
            shown.push_str(core);
            shown.push_str(sep);
        } else {
            shown.push_str(sep);
            shown.push_str(core);
        }
        if l.trail {
            shown.push(' ');
        }
        shown.extend(after);
        let mut expected = String::new();
        expected.extend(before);
        expected.push_str(raw);
        expected.extend(after);
        collapse(&shown) == collapse(&expected)
    };
    let mut candidates = Vec::with_capacity(8);
    for sep in [both, false] {
        for lead in [spaced_start, !spaced_start] {
            for trail in [spaced_end, !spaced_end] {
                candidates.push(Layout { lead, sep, trail });
            }
        }
    }
    candidates.into_iter().find(|&l| {
        // A mark opening on punctuation right after a letter (closing on it
        // right before one) is no markup.
        let opens = l.lead || !is_word(before) || is_word(first);
        let closes = l.trail || !is_word(after) || is_word(last);
        opens && closes && side(deleted, d, true, l) && side(inserted, i, false, l)
    })
}

/// White space runs as one space, none at the ends.
fn collapse(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Widens the change at `at` to the words it touches until it has a
/// [`layout`]. Returns the index the change ends at (changes merge when a
/// widening meets another).
fn settle(segments: &mut Vec<Segment>, mut at: usize) -> usize {
    let is_space = |c: Option<char>| c.is_none_or(char::is_whitespace);
    let is_word = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
    loop {
        let before = at.checked_sub(1).and_then(|j| segments[j].last_char());
        let after = segments.get(at + 1).and_then(Segment::first_char);
        let Segment::Changed(deleted, inserted) = &segments[at] else {
            unreachable!("a change")
        };
        if deleted.trim().is_empty() && inserted.trim().is_empty() {
            return at;
        }
        if layout(before, deleted, inserted, after).is_some() {
            return at;
        }
        let first = [deleted, inserted]
            .into_iter()
            .find(|m| !m.is_empty())
            .and_then(|m| m.chars().next());
        let spaced_start = [deleted, inserted]
            .iter()
            .any(|m| m.starts_with(char::is_whitespace));
        let (can_left, can_right) = (!is_space(before), !is_space(after));
        let left_bad = can_left && (spaced_start || (is_word(before) && !is_word(first)));
        if (left_bad || !can_right) && can_left {
            at = take_word_before(segments, at);
        } else if can_right {
            take_word_after(segments, at);
        } else {
            return at;
        }
    }
}

/// Moves the word that ends the kept text before the change at `at` into both
/// sides of the change; returns where the change now is.
fn take_word_before(segments: &mut Vec<Segment>, at: usize) -> usize {
    let Some(Segment::Kept(kept)) = at.checked_sub(1).map(|j| &mut segments[j]) else {
        return at;
    };
    let cut = kept.trim_end_matches(|c: char| !c.is_whitespace()).len();
    let cut = if cut == kept.len() {
        kept.trim_end().len()
    } else {
        cut
    };
    let word = kept.split_off(cut);
    let emptied = kept.is_empty();
    if let Segment::Changed(deleted, inserted) = &mut segments[at] {
        deleted.insert_str(0, &word);
        inserted.insert_str(0, &word);
    }
    if !emptied {
        return at;
    }
    segments.remove(at - 1);
    let at = at - 1;
    // Met the change before: one change now.
    if let Some(j) = at.checked_sub(1)
        && let Segment::Changed(..) = segments[j]
    {
        let Segment::Changed(d, i) = segments.remove(at) else {
            unreachable!("a change")
        };
        if let Segment::Changed(deleted, inserted) = &mut segments[j] {
            deleted.push_str(&d);
            inserted.push_str(&i);
        }
        return j;
    }
    at
}

/// Moves the word that starts the kept text after the change at `at` into both
/// sides of the change.
fn take_word_after(segments: &mut Vec<Segment>, at: usize) {
    let Some(Segment::Kept(kept)) = segments.get_mut(at + 1) else {
        return;
    };
    let rest = kept.trim_start_matches(|c: char| !c.is_whitespace());
    let rest = if rest.len() == kept.len() {
        kept.trim_start()
    } else {
        rest
    };
    let word = kept[..kept.len() - rest.len()].to_string();
    kept.replace_range(..word.len(), "");
    let emptied = kept.is_empty();
    if let Segment::Changed(deleted, inserted) = &mut segments[at] {
        deleted.push_str(&word);
        inserted.push_str(&word);
    }
    if emptied {
        segments.remove(at + 1);
        if let Some(Segment::Changed(..)) = segments.get(at + 1) {
            let Segment::Changed(d, i) = segments.remove(at + 1) else {
                unreachable!("a change")
            };
            if let Segment::Changed(deleted, inserted) = &mut segments[at] {
                deleted.push_str(&d);
                inserted.push_str(&i);
            }
        }
    }
}

/// [`markdown`] for a piece of a line: a `&` at its end could start an entity
/// with the next piece, so it is escaped too.
fn markdown_piece(text: &str) -> String {
    let mut out = markdown(text);
    if out.ends_with('&') && !out.ends_with("\\&") {
        out.pop();
        out.push_str("\\&");
    }
    out
}

/// Replaces each run of white space that holds a line break or other control
/// character by one space: a value never ends a line or a block early.
fn one_line(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut run = String::new();
    for c in text.chars() {
        if c.is_whitespace() || c.is_control() {
            run.push(c);
            continue;
        }
        flush(&mut out, &mut run);
        out.push(c);
    }
    flush(&mut out, &mut run);
    out
}

fn flush(out: &mut String, run: &mut String) {
    if run.chars().any(char::is_control) {
        out.push(' ');
    } else {
        out.push_str(run);
    }
    run.clear();
}

/// How many leading bytes could read as a block marker at the start of a line
/// (a heading, quote, list item, rule or setext underline): their punctuation
/// is escaped. A list item's text is itself at the start of a block.
fn block_marker_len(text: &str) -> usize {
    let trimmed = text.trim_start();
    let lead = text.len() - trimmed.len();
    let digits = trimmed.bytes().take_while(u8::is_ascii_digit).count();
    if digits > 0 {
        // `1.` or `1)` followed by space or the end starts an ordered list.
        let after = &trimmed[digits..];
        let ordered = after.starts_with(['.', ')'])
            && after[1..].chars().next().is_none_or(char::is_whitespace);
        return if ordered { lead + digits + 1 } else { 0 };
    }
    match trimmed.chars().next() {
        Some('#' | '>' | '-' | '+' | '=' | '*' | '_' | '`' | '~') => lead + 1,
        _ => 0,
    }
}

/// A link target safe to put in an `href` or a Markdown `(<…>)` destination:
/// http(s) only (no `javascript:`), no white space, quotes, angle brackets,
/// backslashes or backticks.
pub fn is_http_url(url: Option<&str>) -> bool {
    let Some(url) = url else {
        return false;
    };
    let lower = url.to_ascii_lowercase();
    (lower.starts_with("https://") || lower.starts_with("http://"))
        && !url
            .chars()
            .any(|c| c.is_whitespace() || c.is_control() || "<>\"'\\`".contains(c))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inline_markup_is_escaped() {
        assert_eq!(
            markdown("a *b* _c_ `d` [e](f) <g> | ~~h~~ &amp;"),
            r"a \*b\* \_c\_ \`d\` \[e\](f) \<g\> \| \~\~h\~\~ \&amp;"
        );
        assert_eq!(markdown("U.S. & E.U.!"), "U.S. & E.U.!");
        // An underscore inside a word is no markup: no backslash.
        assert_eq!(
            markdown("oai_age_token _x_ a_ _b"),
            r"oai_age_token \_x\_ a\_ \_b"
        );
    }

    #[test]
    fn block_markers_are_escaped_only_at_the_start() {
        assert_eq!(markdown("# Title"), r"\# Title");
        assert_eq!(markdown("> quote"), r"\> quote");
        assert_eq!(markdown("1. First"), r"1\. First");
        assert_eq!(markdown("2) Second"), r"2\) Second");
        assert_eq!(markdown("2.5 percent"), "2.5 percent");
        assert_eq!(markdown("- item - dash"), r"\- item - dash");
        assert_eq!(markdown("issue #5"), "issue #5");
    }

    #[test]
    fn line_breaks_cannot_open_a_block() {
        assert_eq!(markdown("one\n# two \r\n"), "one # two ");
    }

    #[test]
    fn marks_keep_white_space_outside() {
        assert_eq!(
            markdown_mark(" further, ", "**", None, None),
            " **further,** "
        );
        assert_eq!(markdown_mark("a*b\\", "~~", None, None), r"~~a\*b\\~~");
        assert_eq!(markdown_mark("  ", "**", None, None), "  ");
    }

    #[test]
    fn marks_next_to_words_stay_markup() {
        // `quote**, still**` would print its asterisks.
        assert_eq!(
            markdown_mark(", still", "**", Some("a quote"), Some(".")),
            " **, still**"
        );
        assert_eq!(
            markdown_mark("(b)", "~~", Some("a"), Some("c")),
            " ~~(b)~~ "
        );
        assert_eq!(markdown_mark("b", "~~", Some("a"), Some("c")), "~~b~~");
    }

    #[test]
    fn redline_marks_take_in_the_word_they_touch_before_punctuation() {
        let redline = |edits: &[(&str, &str)]| markdown_redline(edits);
        assert_eq!(
            redline(&[
                ("equal", "chaired the session"),
                ("insert", ", assisted by her deputy"),
                ("equal", "."),
            ]),
            "chaired the ~~session~~**session, assisted by her deputy**."
        );
        // Between spaces, a replacement reads as two words.
        assert_eq!(
            redline(&[
                ("equal", "to "),
                ("delete", "keep"),
                ("insert", "lower"),
                ("equal", " the")
            ]),
            "to ~~keep~~ **lower** the"
        );
        // Before a full stop, no space: "steadied ." would be a stray.
        assert_eq!(
            redline(&[
                ("equal", "has "),
                ("delete", "steadied"),
                ("insert", "slowed"),
                ("equal", ".")
            ]),
            "has ~~steadied~~**slowed**."
        );
        // White space at a mark's edge goes outside it.
        assert_eq!(
            redline(&[
                ("equal", "Talks "),
                ("insert", "will "),
                ("equal", "resume.")
            ]),
            "Talks **will** resume."
        );
        assert_eq!(
            redline(&[("equal", "a&"), ("insert", "amp;")]),
            r"a\&**amp;**"
        );
    }

    #[test]
    fn only_plain_web_links_are_links() {
        assert!(is_http_url(Some("https://example.org/a?b=c#d")));
        assert!(!is_http_url(None));
        assert!(!is_http_url(Some("javascript:alert(1)")));
        assert!(!is_http_url(Some("https://example.org/\"onmouseover=x")));
        assert!(!is_http_url(Some("https://example.org/a b")));
    }
}
