//! Reading: a sentence as a reader reads it, Markdown inline syntax read
//! rather than compared.
//!
//! Statements and policies often arrive as Markdown (whatever their file name).
//! A reader of the rendered page sees neither `**` nor `\.` nor a link's
//! address, so neither do comparison, redlines, signals nor reports:
//!
//! - `[text](url)` and `![alt](src)` read as their text; the address is kept
//!   aside as the link's target ([`Link`]): it is no words, no figure and no
//!   name, yet a changed target still changes the sentence (see
//!   [`crate::compare::PreparedSentence::links`]). A link with no text reads
//!   as its address;
//! - emphasis markers (`**b**`, `__b__`, `*e*`, `_e_`) are not words: bold
//!   added or removed alone is no change;
//! - backslash escapes read as the character (`\.` is `.`), entities as theirs
//!   (`&amp;` is `&`), a code span as its content;
//! - `<br>` is a line break, a space to comparison; autolinks (`<https://…>`)
//!   read as their address, as do bare addresses, which stay text;
//! - any other HTML stays text, exactly as written: shown, escaped, never
//!   interpreted.
//!
//! The rules are CommonMark's (`pulldown-cmark` reads the sentence as one
//! paragraph line), so plain text that merely holds a `*`, `_`, `[` or `<`
//! reads as written: an unmatched marker, `a_b`, `[sic]` or `x < y` is text.
//! What would make the line a block instead (`# `, `> `, `- `, `1. `, a fence,
//! an HTML block, a link definition) is text too: a sentence is never a
//! heading or a list of its own. Sentences with none of the characters that
//! begin inline syntax (most of them) are not parsed at all.

use std::borrow::Cow;
use std::ops::Range;

use pulldown_cmark::{Event, LinkType, Options, Parser, Tag, TagEnd};

/// A sentence's reading form, when it differs from its source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reading {
    /// White space collapsed to single spaces, as sentence texts are.
    pub text: String,
    /// Its links, in order.
    pub links: Vec<Link>,
}

/// A link read as its text, and where it points.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    /// What the reader sees (white space collapsed).
    pub text: String,
    /// The link's destination as written, escapes read.
    pub target: String,
}

impl Link {
    /// The target as compared: the case of a scheme and host name
    /// (`HTTPS://Example.ORG/a`, `mailto:info@Example.org`) is no change; the
    /// rest of an address is compared as written.
    pub fn target_key(&self) -> Cow<'_, str> {
        let target = self.target.as_str();
        let mailto = target
            .get(..7)
            .is_some_and(|s| s.eq_ignore_ascii_case("mailto:"));
        // The parts whose case does not count (the second one may be empty).
        let ranges: [Range<usize>; 2] = match target.find("://") {
            Some(scheme) => {
                let host = scheme + 3;
                let end = target[host..]
                    .find(['/', '?', '#'])
                    .map_or(target.len(), |e| host + e);
                [0..end, end..end]
            }
            None if mailto => {
                let end = target.find('?').unwrap_or(target.len());
                let domain = target[..end].rfind('@').unwrap_or(end);
                [0..7, domain..end]
            }
            None => return Cow::Borrowed(target),
        };
        let upper = |r: &Range<usize>| target[r.clone()].bytes().any(|b| b.is_ascii_uppercase());
        if !ranges.iter().any(upper) {
            return Cow::Borrowed(target);
        }
        let mut key = target.to_string();
        for range in ranges {
            key[range].make_ascii_lowercase();
        }
        Cow::Owned(key)
    }
}

/// The reading form of a sentence (its source text, line breaks and all), or
/// `None` when it reads exactly as written, white space aside.
pub fn read(source: &str) -> Option<Reading> {
    if !may_hold_markup(source.as_bytes()) {
        return None;
    }
    let line = one_paragraph_line(source);
    let mut text = String::with_capacity(line.len());
    let mut links = Vec::new();
    // For each open link, where its text began and its target (`None` for an
    // autolink, whose text is its address).
    let mut open: Vec<Option<(usize, String)>> = Vec::new();
    // Consecutive text events, which may split a run of `*` between them.
    let mut pending = String::new();
    for event in Parser::new_ext(&line, Options::empty()) {
        if let Event::Text(t) = &event {
            pending.push_str(t);
            continue;
        }
        push_without_strong_marks(&mut text, &pending);
        pending.clear();
        match event {
            Event::Text(t) | Event::Code(t) => text.push_str(&t),
            Event::Html(html) | Event::InlineHtml(html) if is_line_break(&html) => text.push(' '),
            Event::Html(html) | Event::InlineHtml(html) => text.push_str(&html),
            Event::SoftBreak | Event::HardBreak => text.push(' '),
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                ..
            }) => {
                let autolink = matches!(link_type, LinkType::Autolink | LinkType::Email);
                open.push((!autolink).then(|| (text.len(), dest_url.into_string())));
            }
            Event::Start(Tag::Image { dest_url, .. }) => {
                open.push(Some((text.len(), dest_url.into_string())));
            }
            Event::End(TagEnd::Link | TagEnd::Image) => {
                let Some(Some((start, target))) = open.pop() else {
                    continue;
                };
                let mut shown = squash(&text[start..]);
                if shown.is_empty() {
                    text.push_str(&target);
                    shown.clone_from(&target);
                }
                links.push(Link {
                    text: shown,
                    target,
                });
            }
            // Emphasis, strong emphasis and the paragraph itself are no text;
            // nothing else is enabled.
            _ => {}
        }
    }
    push_without_strong_marks(&mut text, &pending);
    let text = squash(&text);
    if text.is_empty() {
        // Markup alone (a lone `<br>`): keep what was written.
        return None;
    }
    Some(Reading { text, links })
}

/// Pushes `t` without the runs of two or more `*` that CommonMark left as
/// text and that stand against a word or at an end of the sentence (`**
/// 3.5 Scope.**`, `emailing** x`): an export cut a bold passage there, and a
/// broken marker is no word. A run with spaces on both sides inside the
/// sentence ("a lone ** marks nothing") is text.
fn push_without_strong_marks(text: &mut String, t: &str) {
    let mut rest = t;
    while let Some(at) = rest.find("**") {
        let run = rest[at..].bytes().take_while(|&b| b == b'*').count();
        let before = text.len() + at;
        let spaced_before = rest[..at].ends_with(' ') || (at == 0 && text.ends_with(' '));
        let after = &rest[at + run..];
        let at_start = before == 0;
        let at_end = after.is_empty();
        let standalone = spaced_before && after.starts_with(' ');
        text.push_str(&rest[..at]);
        if standalone && !at_start && !at_end {
            text.push_str(&rest[at..at + run]);
        }
        rest = after;
    }
    text.push_str(rest);
}

/// Whether the text holds a byte that may begin inline syntax (escapes,
/// emphasis, code, links and images, HTML and autolinks, entities): three
/// vectorised scans, as most sentences hold none.
fn may_hold_markup(bytes: &[u8]) -> bool {
    memchr::memchr3(b'\\', b'*', b'_', bytes).is_some()
        || memchr::memchr3(b'`', b'[', b'<', bytes).is_some()
        || memchr::memchr(b'&', bytes).is_some()
}

/// The sentence on one line (a line break is a space; a backslash before one
/// is a hard break, a space too), its start escaped where it would open a
/// block rather than a paragraph.
fn one_paragraph_line(source: &str) -> String {
    let mut line = String::with_capacity(source.len() + 1);
    let mut parts = source.lines().peekable();
    while let Some(part) = parts.next() {
        let part = part.trim();
        match part.strip_suffix('\\') {
            Some(broken) if parts.peek().is_some() => line.push_str(broken),
            _ => line.push_str(part),
        }
        line.push(' ');
    }
    let line = without_dangling_strong(line.trim());
    match block_marker_end(line) {
        Some(at) => format!("{}\\{}", &line[..at], &line[at..]),
        None => line.to_string(),
    }
}

/// A sentence cut from a bold passage of several sentences keeps only one of
/// the passage's `**` (or `__`): that marker, at its start or end, is dropped,
/// so that it reads as the rest of the passage does.
fn without_dangling_strong(line: &str) -> &str {
    let has_words = line.bytes().any(|b| b.is_ascii_alphanumeric()) || !line.is_ascii();
    for marker in ["**", "__"] {
        if has_words && line.matches(marker).count() % 2 == 1 {
            if let Some(rest) = line.strip_prefix(marker) {
                return rest;
            }
            if let Some(rest) = line.strip_suffix(marker) {
                return rest;
            }
        }
    }
    line
}

/// Where a backslash stops `line` from opening a block: before its first
/// character, or before the `.` of `1. `. `None` when it opens a paragraph.
fn block_marker_end(line: &str) -> Option<usize> {
    let bytes = line.as_bytes();
    let first = *bytes.first()?;
    let ends_marker = |at: usize| bytes.get(at).is_none_or(|&b| b == b' ');
    let run = |b: u8| bytes.iter().take_while(|&&c| c == b).count();
    let opens = match first {
        // ATX heading, block quote, bullet item, thematic break.
        b'#' => run(b'#') <= 6 && ends_marker(run(b'#')),
        b'>' => true,
        b'-' | b'+' | b'*' => ends_marker(1) || is_thematic_break(line),
        b'_' => is_thematic_break(line),
        // Fenced code.
        b'`' => run(b'`') >= 3 && !line[run(b'`')..].contains('`'),
        b'~' => run(b'~') >= 3,
        // A link reference definition: `[label]: destination`.
        b'[' => line
            .find("]:")
            .is_some_and(|end| !line[1..end].contains(['[', ']'])),
        b'<' => opens_html_block(line),
        b'0'..=b'9' => {
            let digits = bytes.iter().take_while(|b| b.is_ascii_digit()).count();
            let ordered = digits <= 9
                && matches!(bytes.get(digits), Some(b'.' | b')'))
                && ends_marker(digits + 1);
            return ordered.then_some(digits);
        }
        _ => false,
    };
    opens.then_some(0)
}

/// `***`, `- - -`, `___`: three or more of one mark, and spaces.
fn is_thematic_break(line: &str) -> bool {
    let mark = line.as_bytes()[0];
    let marks = line.bytes().filter(|&b| b == mark).count();
    marks >= 3 && line.bytes().all(|b| b == mark || b == b' ')
}

/// An HTML block start (CommonMark's seven kinds, broadly): a comment, a
/// declaration or processing instruction, or a tag other than `<br>` and
/// autolinks, which are inline.
fn opens_html_block(line: &str) -> bool {
    let rest = &line[1..];
    let Some(next) = rest.chars().next() else {
        return false;
    };
    let name: String = rest
        .trim_start_matches('/')
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '-')
        .collect();
    let autolink = rest.find('>').is_some_and(|end| {
        let inner = &rest[..end];
        inner.contains([':', '@']) && !inner.contains([' ', '<'])
    });
    let tag = (next.is_ascii_alphabetic() || next == '/') && !name.is_empty();
    matches!(next, '!' | '?') || (tag && !autolink && !name.eq_ignore_ascii_case("br"))
}

/// `<br>`, `<br/>`, `<BR />`.
fn is_line_break(html: &str) -> bool {
    let inner = html
        .trim()
        .strip_prefix('<')
        .and_then(|h| h.strip_suffix('>'))
        .map(|h| h.trim_end_matches('/').trim());
    inner.is_some_and(|tag| tag.eq_ignore_ascii_case("br"))
}

/// White space collapsed to single spaces, none at either end.
fn squash(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sentence_cut_from_a_bold_passage_reads_without_its_lone_marker() {
        let first = read("**We have updated the terms. ").expect("markup");
        assert_eq!(first.text, "We have updated the terms.");
        let second = read("See the summary.**").expect("markup");
        assert_eq!(second.text, "See the summary.");
        // A balanced passage is emphasis, as always.
        assert_eq!(read("**Both** kept.").expect("markup").text, "Both kept.");
    }

    /// The reading text, or the source when it reads as written.
    fn text(source: &str) -> String {
        read(source).map_or_else(|| squash(source), |r| r.text)
    }

    fn links(source: &str) -> Vec<(String, String)> {
        read(source)
            .map(|r| r.links)
            .unwrap_or_default()
            .into_iter()
            .map(|l| (l.text, l.target))
            .collect()
    }

    #[test]
    fn links_read_as_their_text_and_keep_their_target() {
        let source =
            "Read the [Memory FAQ](https://example.org/memory?a=1) and [terms](/terms \"T\").";
        assert_eq!(text(source), "Read the Memory FAQ and terms.");
        assert_eq!(
            links(source),
            [
                ("Memory FAQ".into(), "https://example.org/memory?a=1".into()),
                ("terms".into(), "/terms".into())
            ]
        );
        // An image reads as its description; a link with no text as its address.
        assert_eq!(
            text("A ![chart of rates](rates.png) here."),
            "A chart of rates here."
        );
        assert_eq!(
            text("[](https://example.org/legal)"),
            "https://example.org/legal"
        );
        // The text of a link is read too.
        assert_eq!(text("[**1\\. About us**](#about)"), "1. About us");
    }

    #[test]
    fn the_case_of_a_host_name_is_no_change_of_target() {
        let key = |target: &str| {
            let link = Link {
                text: String::new(),
                target: target.into(),
            };
            link.target_key().into_owned()
        };
        assert_eq!(
            key("HTTPS://Example.ORG/Path?Q=1"),
            "https://example.org/Path?Q=1"
        );
        assert_eq!(key("mailto:Support@X.AI"), "mailto:Support@x.ai");
        assert_eq!(
            key("MAILTO:a@B.org?subject=Hi"),
            "mailto:a@b.org?subject=Hi"
        );
        assert_eq!(key("#Section-2"), "#Section-2");
    }

    #[test]
    fn emphasis_markers_are_not_words() {
        assert_eq!(
            text("The **Service** is _provided_ __as is__ and *without* warranty."),
            "The Service is provided as is and without warranty."
        );
        assert_eq!(text("(the \"**Terms**\")"), "(the \"Terms\")");
        // Marks CommonMark leaves as text are broken markup, not words either.
        assert_eq!(text("** 3.5 Scope.**"), "3.5 Scope.");
        assert_eq!(
            text("by emailing** [**a@b.org**](mailto:a@b.org)**."),
            "by emailing a@b.org."
        );
    }

    #[test]
    fn escapes_entities_and_code_read_as_characters() {
        assert_eq!(
            text("1\\. Scope \\[draft\\] oai\\_id\\*"),
            "1. Scope [draft] oai_id*"
        );
        assert_eq!(text("R&amp;D &lt;b&gt; and `x_y`"), "R&D <b> and x_y");
    }

    #[test]
    fn line_breaks_are_spaces_and_other_html_is_text() {
        assert_eq!(
            text("Session<br>30 minutes<br/>or<BR />more"),
            "Session 30 minutes or more"
        );
        assert_eq!(
            text("Runs <script>alert(1)</script> and <b>bold</b> and ttcsid\\_<pixelID>."),
            "Runs <script>alert(1)</script> and <b>bold</b> and ttcsid_<pixelID>."
        );
        assert_eq!(
            text("A hard\\\nbreak and a soft\nbreak."),
            "A hard break and a soft break."
        );
        // Markup alone reads as written.
        assert_eq!(text("<br>"), "<br>");
    }

    #[test]
    fn addresses_read_as_written() {
        let source = "See <https://example.org/a_b> or https://example.org/c_d_e.";
        assert_eq!(
            text(source),
            "See https://example.org/a_b or https://example.org/c_d_e."
        );
        assert!(links(source).is_empty());
        // A hostile target is kept aside, never shown as text.
        assert_eq!(text("[click](javascript:alert(1))"), "click");
        assert_eq!(
            links("[click](javascript:alert(1))")[0].1,
            "javascript:alert(1)"
        );
    }

    #[test]
    fn plain_text_with_markdown_characters_reads_as_written() {
        for source in [
            "The rate_of_change fell * and rose.",
            "Rates [sic] held; x < y and y > z.",
            "Profits at AT&T rose 5% & more.",
            "A lone ** or __ marks nothing.",
            "C:\\Users\\board is a folder.",
            "<5 percent of users.",
        ] {
            assert_eq!(text(source), source, "{source}");
        }
    }

    #[test]
    fn a_sentence_is_never_a_block() {
        for (source, reading) in [
            ("# of *users* rose.", "# of users rose."),
            ("> 5 *percent* of users.", "> 5 percent of users."),
            ("- 3 *points* lower.", "- 3 points lower."),
            ("* Note: see *this*.", "* Note: see this."),
            ("1. The *first* item.", "1. The first item."),
            ("2) The *second* one.", "2) The second one."),
            ("```fenced``` *code*", "fenced code"),
            ("~~~ *tilde*", "~~~ tilde"),
            ("[a]: https://example.org *b*", "[a]: https://example.org b"),
            ("<div>*Block*</div>", "<div>Block</div>"),
            (
                "<https://example.org> is *it*.",
                "https://example.org is it.",
            ),
            ("<br>*Next* line.", "Next line."),
            ("***", "***"),
            ("___", "___"),
        ] {
            assert_eq!(text(source), reading, "{source}");
        }
    }
}
