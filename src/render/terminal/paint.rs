//! Styled text and how it is painted: ANSI colors, readable tags, or plain
//! wdiff-style markers.

use std::fmt::Write;

use super::Ink;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Style {
    Plain,
    Bold,
    Dim,
    /// A gutter or rule.
    Frame,
    /// A whole added sentence.
    Added,
    /// A whole removed sentence.
    Removed,
    /// Inserted words inside a revised sentence.
    Inserted,
    /// Deleted words inside a revised sentence.
    Deleted,
    /// Notes such as "moved from ¶4".
    Note,
    /// Counts and gutter marks of additions (green, never wrapped in markers).
    Good,
    /// Counts and gutter marks of removals (red, never wrapped in markers).
    Bad,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Span {
    pub(super) style: Style,
    pub(super) text: String,
}

pub(super) type Row = Vec<Span>;

pub(super) fn span(style: Style, text: impl Into<String>) -> Span {
    Span {
        style,
        text: text.into(),
    }
}

pub(super) fn paint(rows: &[Row], ink: Ink) -> String {
    let mut out = String::new();
    for row in rows {
        for s in row {
            paint_span(&mut out, s, ink);
        }
        // No trailing blanks: padding only matters between columns.
        let trimmed = out.trim_end_matches(' ').len();
        out.truncate(trimmed);
        out.push('\n');
    }
    out
}

pub(super) fn paint_span(out: &mut String, s: &Span, ink: Ink) {
    if s.text.is_empty() {
        return;
    }
    match ink {
        // Markers were added to the text before wrapping (see `change_spans`).
        Ink::Plain => out.push_str(&s.text),
        Ink::Tagged => {
            let tag = match s.style {
                Style::Plain | Style::Frame => None,
                Style::Bold => Some("b"),
                Style::Dim => Some("dim"),
                Style::Added => Some("add"),
                Style::Removed => Some("rem"),
                Style::Inserted => Some("ins"),
                Style::Deleted => Some("del"),
                Style::Note => Some("note"),
                Style::Good => Some("good"),
                Style::Bad => Some("bad"),
            };
            match tag {
                Some(tag) => {
                    let _ = write!(out, "<{tag}>{}</{tag}>", s.text);
                }
                None => out.push_str(&s.text),
            }
        }
        Ink::Color => {
            use anstyle::{AnsiColor, Style as Ansi};
            let fg = |c: AnsiColor| Ansi::new().fg_color(Some(c.into()));
            let style = match s.style {
                Style::Plain => Ansi::new(),
                Style::Bold => Ansi::new().bold(),
                Style::Dim | Style::Frame => Ansi::new().dimmed(),
                Style::Added | Style::Good => fg(AnsiColor::Green),
                Style::Removed | Style::Bad => fg(AnsiColor::Red),
                Style::Inserted => fg(AnsiColor::Green).bold().underline(),
                Style::Deleted => fg(AnsiColor::Red).strikethrough(),
                Style::Note => fg(AnsiColor::Yellow),
            };
            let _ = write!(out, "{}{}{}", style.render(), s.text, style.render_reset());
        }
    }
}
