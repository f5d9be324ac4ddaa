//! Text made safe to print: nothing a file, a folder name or a page holds can
//! move the cursor, recolor the terminal, reorder a line or hide itself.
//!
//! [`visible`] is for statement text: control characters (escape sequences
//! included), bidirectional controls and line separators become visible
//! escapes (`\x1b`, `\u{202e}`). [`visible_name`] is for what names a
//! statement — titles, sources, file and thread names, error messages — and
//! also shows zero-width and other invisible format characters, which in a
//! name only serve to make two different names look the same.

use std::borrow::Cow;
use std::fmt::Write;

/// Characters that change how a line reads without being seen: bidirectional
/// embeddings, overrides, isolates and marks (Arabic letter mark U+061C too),
/// and the Unicode line and paragraph separators.
pub fn is_reordering(c: char) -> bool {
    matches!(
        c,
        '\u{061C}'
            | '\u{200E}'
            | '\u{200F}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2066}'..='\u{2069}'
            | '\u{2028}'
            | '\u{2029}'
    )
}

/// Invisible characters of no width: zero-width space, joiners, word joiner,
/// invisible operators, the BOM used as a zero-width no-break space, soft hyphen.
pub fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}' | '\u{180E}' | '\u{200B}'..='\u{200D}' | '\u{2060}'..='\u{2064}' | '\u{FEFF}'
    )
}

/// Statement text for a terminal: control characters, escape sequences,
/// bidirectional controls and line separators become visible escapes.
pub fn visible(text: &str) -> Cow<'_, str> {
    escape(text, |c| c.is_control() || is_reordering(c))
}

/// Text for a page (Markdown, HTML): as [`visible`], but line breaks and tabs
/// stay, as the page's own escaping deals with them.
pub fn visible_text(text: &str) -> Cow<'_, str> {
    escape(text, |c| {
        (c.is_control() && !matches!(c, '\n' | '\r' | '\t')) || is_reordering(c)
    })
}

/// A name (title, source, path, thread, error message) for a terminal: as
/// [`visible`], and zero-width characters shown too.
pub fn visible_name(text: &str) -> Cow<'_, str> {
    escape(text, |c| {
        c.is_control() || is_reordering(c) || is_invisible(c)
    })
}

fn escape(text: &str, hidden: impl Fn(char) -> bool) -> Cow<'_, str> {
    if !text.contains(&hidden) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if !hidden(c) {
            out.push(c);
        } else if (c as u32) < 0x100 {
            let _ = write!(out, "\\x{:02x}", c as u32);
        } else {
            let _ = write!(out, "\\u{{{:04x}}}", c as u32);
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_and_reordering_are_shown() {
        assert_eq!(visible("a\x1b[2Jb"), "a\\x1b[2Jb");
        assert_eq!(visible("a\u{1b}]0;x\u{7}b"), "a\\x1b]0;x\\x07b");
        assert_eq!(visible("plain “text”"), "plain “text”");
        assert_eq!(
            visible("x\u{202E}y\u{061C}z\u{2028}"),
            "x\\u{202e}y\\u{061c}z\\u{2028}"
        );
        // Statement text keeps its zero-width spaces (folding ignores them)…
        assert_eq!(visible("a\u{200B}b"), "a\u{200B}b");
        // …a name does not.
        assert_eq!(visible_name("a\u{200B}b\u{FEFF}"), "a\\u{200b}b\\u{feff}");
        assert!(matches!(visible_name("Readout, 2 March"), Cow::Borrowed(_)));
    }
}
