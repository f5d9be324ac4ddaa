//! Wrapping styled text at word boundaries to a width in display columns.

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

use super::paint::{Span, Style, span};

pub(super) fn spans_width(spans: &[Span]) -> usize {
    spans.iter().map(|s| s.text.width()).sum()
}

/// Wraps styled text at word boundaries to `width` display columns (wide
/// characters count two); words longer than a line are broken. A word is
/// everything between two spaces, whatever its styles: `{+4.6 percent+}.` keeps
/// its full stop, which never starts a line of its own.
pub(super) fn wrap(spans: &[Span], width: Option<usize>) -> Vec<Vec<Span>> {
    let Some(width) = width else {
        return vec![spans.to_vec()];
    };
    let mut lines: Vec<Vec<Span>> = vec![Vec::new()];
    let mut used = 0;
    // Starts a new line; the finished one keeps no trailing blanks.
    let break_line = |lines: &mut Vec<Vec<Span>>| {
        if let Some(last) = lines.last_mut().and_then(|l| l.last_mut()) {
            let trimmed = last.text.trim_end_matches(' ').len();
            last.text.truncate(trimmed);
        }
        lines.push(Vec::new());
    };
    let push = |lines: &mut Vec<Vec<Span>>, style: Style, text: &str| {
        let line = lines.last_mut().expect("one line at least");
        match line.last_mut() {
            Some(last) if last.style == style => last.text.push_str(text),
            _ => line.push(span(style, text)),
        }
    };
    for (is_space, word) in words(spans) {
        let w: usize = word.iter().map(|(_, t)| t.width()).sum();
        if used + w <= width {
            word.iter()
                .for_each(|(style, t)| push(&mut lines, *style, t));
            used += w;
        } else if is_space {
            // A break: the space is not carried to the next line.
            break_line(&mut lines);
            used = 0;
        } else {
            if used > 0 {
                break_line(&mut lines);
                used = 0;
            }
            if w <= width {
                word.iter()
                    .for_each(|(style, t)| push(&mut lines, *style, t));
                used = w;
                continue;
            }
            // Broken where the line is full, but a word's closing punctuation
            // (`-].`) takes the letter before it along rather than stand alone.
            let chars: Vec<(Style, char)> = word
                .iter()
                .flat_map(|(style, piece)| piece.chars().map(move |c| (*style, c)))
                .collect();
            let mut breaks = Vec::new();
            let (mut start, mut line_used) = (0, 0);
            for (i, &(_, c)) in chars.iter().enumerate() {
                let cw = c.width().unwrap_or(0);
                if line_used + cw > width && i > start {
                    let tail_is_punctuation = chars[i..].iter().all(|(_, c)| !c.is_alphanumeric());
                    // The last letter or digit goes down with the punctuation after it.
                    let letter = (start + 1..i).rev().find(|&j| chars[j].1.is_alphanumeric());
                    let at = match letter {
                        Some(j) if tail_is_punctuation => j,
                        _ => i,
                    };
                    breaks.push(at);
                    start = at;
                    line_used = chars[at..i]
                        .iter()
                        .map(|(_, c)| c.width().unwrap_or(0))
                        .sum();
                }
                line_used += cw;
            }
            let mut next_break = breaks.into_iter().peekable();
            for (i, (style, c)) in chars.into_iter().enumerate() {
                if next_break.peek() == Some(&i) {
                    next_break.next();
                    break_line(&mut lines);
                    used = 0;
                }
                let mut buf = [0u8; 4];
                push(&mut lines, style, c.encode_utf8(&mut buf));
                used += c.width().unwrap_or(0);
            }
        }
    }
    lines
}

/// Styled text cut into runs of spaces and words (pieces of one or more
/// spans between spaces), each flagged as spaces or not.
pub(super) fn words(spans: &[Span]) -> Vec<(bool, Vec<(Style, &str)>)> {
    let mut out: Vec<(bool, Vec<(Style, &str)>)> = Vec::new();
    for s in spans {
        for piece in split_keeping_spaces(&s.text) {
            let is_space = piece.starts_with(' ');
            match out.last_mut() {
                Some((space, word)) if *space == is_space => word.push((s.style, piece)),
                _ => out.push((is_space, vec![(s.style, piece)])),
            }
        }
    }
    out
}

/// "a  b c" → ["a", "  ", "b", " ", "c"].
pub(super) fn split_keeping_spaces(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut in_space = None;
    for (i, c) in text.char_indices() {
        let space = c == ' ';
        if in_space.is_some_and(|s| s != space) {
            out.push(&text[start..i]);
            start = i;
        }
        in_space = Some(space);
    }
    if start < text.len() {
        out.push(&text[start..]);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrapping_measures_wide_characters() {
        let spans = vec![span(Style::Plain, "会談は 月曜日に 再開された")];
        let lines = wrap(&spans, Some(8));
        for line in &lines {
            assert!(spans_width(line) <= 8, "{line:?}");
        }
        let rebuilt: String = lines
            .iter()
            .flat_map(|l| l.iter().map(|s| s.text.replace(' ', "")))
            .collect();
        assert_eq!(rebuilt, "会談は月曜日に再開された");
    }

    #[test]
    fn long_words_are_broken() {
        let lines = wrap(&[span(Style::Plain, "abcdefghij")], Some(4));
        assert_eq!(lines.len(), 3);
    }
}
