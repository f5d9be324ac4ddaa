//! Escaping statement text for Markdown, as template filters.
//!
//! Statement text is data, never markup: whatever it holds (`#`, `|`, `*`,
//! backticks, `[links](…)`, `<script>`, a leading `1.` or `>`) must come out as
//! the same characters, inside a paragraph, list item or table cell, without
//! changing the structure around it. HTML needs no filter here: minijinja
//! auto-escapes `.html` templates.

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
    fn only_plain_web_links_are_links() {
        assert!(is_http_url(Some("https://example.org/a?b=c#d")));
        assert!(!is_http_url(None));
        assert!(!is_http_url(Some("javascript:alert(1)")));
        assert!(!is_http_url(Some("https://example.org/\"onmouseover=x")));
        assert!(!is_http_url(Some("https://example.org/a b")));
    }
}
