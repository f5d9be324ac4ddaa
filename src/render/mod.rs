//! Renderers: turn a [`Report`] into text. They see only
//! the report model.

use std::io::Write;

use serde::Serialize;
use serde_json::ser::Formatter;

use crate::parallel;
use crate::report::{Change, Report};

pub mod escape;
pub mod history;
pub mod listing;
pub mod templates;
pub mod terminal;

/// The report as pretty-printed JSON, exactly the model templates receive.
pub fn json(report: &impl serde::Serialize) -> String {
    let mut out = serde_json::to_string_pretty(report).expect("report models serialize");
    out.push('\n');
    out
}

/// `text` left-aligned in `width` display columns (wide characters count two),
/// as a terminal shows it: `format!("{:<width$}")` counts characters instead.
pub(crate) fn pad(text: &str, width: usize) -> String {
    let shown = unicode_width::UnicodeWidthStr::width(text);
    let mut out = String::with_capacity(text.len() + width.saturating_sub(shown));
    out.push_str(text);
    out.extend(std::iter::repeat_n(' ', width.saturating_sub(shown)));
    out
}

/// Changes serialized per round: all threads work on one round while the
/// previous one is already written, so memory stays bounded.
const CHANGES_PER_ROUND: usize = 2048;

/// A report's JSON, byte for byte what [`json`] returns, written as it is
/// produced rather than built whole, with its changes (nearly all of a long
/// statement's JSON) serialized on all threads.
pub fn write_report_json(out: &mut (impl Write + ?Sized), report: &Report) -> std::io::Result<()> {
    // Everything but the changes, serialized as serde lays it out, with
    // `"changes": []` somewhere among the report's top-level fields. The array is
    // written in its place, so the fields around it may come in any order.
    // (Listing every field here makes a new one a compile error, not a loss.)
    let head = Report {
        schema_version: report.schema_version,
        old: report.old.clone(),
        new: report.new.clone(),
        stats: report.stats.clone(),
        changes: Vec::new(),
    };
    let head = serde_json::to_vec_pretty(&head)?;
    // Two spaces deep is the top level; a `"` inside a JSON string is escaped,
    // so this key can only be the report's own.
    const EMPTY_CHANGES: &[u8] = b"\n  \"changes\": []";
    let at = head
        .windows(EMPTY_CHANGES.len())
        .position(|window| window == EMPTY_CHANGES)
        .expect("a report has a top-level `changes` field");
    let (before, after) = (&head[..at], &head[at + EMPTY_CHANGES.len()..]);
    out.write_all(before)?;
    out.write_all(b"\n  \"changes\": ")?;
    if report.changes.is_empty() {
        out.write_all(b"[]")?;
        out.write_all(after)?;
        return out.write_all(b"\n");
    }
    out.write_all(b"[")?;
    let mut first = true;
    for round in report.changes.chunks(CHANGES_PER_ROUND) {
        let threads = parallel::threads_for(round.len(), 512);
        let per_thread = round.len().div_ceil(threads);
        let parts = parallel::map_on(threads, round.chunks(per_thread).collect(), |changes| {
            // A formatter standing one level deep, as `"changes"` does in the
            // report, writes these changes as the report's array would:
            // `[\n    {…},\n    {…}\n  ]`. The brackets are the report's own.
            let formatter = Indented::at_level(1);
            let mut array = Vec::with_capacity(changes.iter().map(json_size_hint).sum());
            changes.serialize(&mut serde_json::Serializer::with_formatter(
                &mut array, formatter,
            ))?;
            Ok::<_, std::io::Error>(array)
        });
        for array in parts {
            let array = array?;
            let elements = array
                .strip_prefix(b"[")
                .and_then(|a| a.strip_suffix(b"\n  ]"))
                .expect("an array of changes one level deep");
            if !std::mem::take(&mut first) {
                out.write_all(b",")?;
            }
            out.write_all(elements)?;
        }
    }
    out.write_all(b"\n  ]")?;
    out.write_all(after)?;
    out.write_all(b"\n")
}

/// `serde_json`'s pretty layout (two spaces per level), writing each line break
/// and its indent at once rather than a level at a time: a long report has
/// hundreds of thousands of lines. Tests hold it byte-equal to `to_string_pretty`.
struct Indented {
    level: usize,
    /// The array or object being closed has elements, so its `]` or `}` goes on a
    /// line of its own. Not reset when a nested one closes: the element that
    /// held it sets it again, as serde's formatter does.
    has_value: bool,
}

impl Indented {
    fn at_level(level: usize) -> Indented {
        Indented {
            level,
            has_value: false,
        }
    }

    /// A line break and the indent of the current level.
    fn new_line<W: ?Sized + Write>(&self, out: &mut W) -> std::io::Result<()> {
        const BREAK_AND_SPACES: &[u8; 65] =
            b"\n                                                                ";
        let width = 1 + 2 * self.level;
        match BREAK_AND_SPACES.get(..width) {
            Some(line) => out.write_all(line),
            None => {
                out.write_all(b"\n")?;
                (0..self.level).try_for_each(|_| out.write_all(b"  "))
            }
        }
    }

    fn open<W: ?Sized + Write>(&mut self, out: &mut W, bracket: &[u8]) -> std::io::Result<()> {
        self.level += 1;
        self.has_value = false;
        out.write_all(bracket)
    }

    fn close<W: ?Sized + Write>(&mut self, out: &mut W, bracket: &[u8]) -> std::io::Result<()> {
        self.level -= 1;
        if self.has_value {
            self.new_line(out)?;
        }
        out.write_all(bracket)
    }

    fn element<W: ?Sized + Write>(&mut self, out: &mut W, first: bool) -> std::io::Result<()> {
        if !first {
            out.write_all(b",")?;
        }
        self.new_line(out)
    }
}

impl Formatter for Indented {
    fn begin_array<W: ?Sized + Write>(&mut self, out: &mut W) -> std::io::Result<()> {
        self.open(out, b"[")
    }

    fn end_array<W: ?Sized + Write>(&mut self, out: &mut W) -> std::io::Result<()> {
        self.close(out, b"]")
    }

    fn begin_array_value<W: ?Sized + Write>(
        &mut self,
        out: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        self.element(out, first)
    }

    fn end_array_value<W: ?Sized + Write>(&mut self, _out: &mut W) -> std::io::Result<()> {
        self.has_value = true;
        Ok(())
    }

    fn begin_object<W: ?Sized + Write>(&mut self, out: &mut W) -> std::io::Result<()> {
        self.open(out, b"{")
    }

    fn end_object<W: ?Sized + Write>(&mut self, out: &mut W) -> std::io::Result<()> {
        self.close(out, b"}")
    }

    fn begin_object_key<W: ?Sized + Write>(
        &mut self,
        out: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        self.element(out, first)
    }

    fn begin_object_value<W: ?Sized + Write>(&mut self, out: &mut W) -> std::io::Result<()> {
        out.write_all(b": ")
    }

    fn end_object_value<W: ?Sized + Write>(&mut self, _out: &mut W) -> std::io::Result<()> {
        self.has_value = true;
        Ok(())
    }
}

/// About how many bytes a change takes as pretty JSON: its texts and the fixed
/// fields around each sentence. Sized up front, a buffer is not copied as it grows.
fn json_size_hint(change: &Change) -> usize {
    let sentences = change.old.iter().chain(&change.new);
    let texts: usize = sentences.map(|s| s.text.len() + 200).sum();
    let edits: usize = change.edits.iter().map(|e| e.text.len() + 60).sum();
    320 + texts + edits + change.signals.len() * 300
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compare::{CompareOptions, compare};
    use crate::statement::Statement;

    fn report(old: &str, new: &str) -> Report {
        let statement = |name: &str, text: &str| Statement::parse(name, text.as_bytes()).unwrap();
        compare(
            statement("old.md", old),
            statement("new.md", new),
            &CompareOptions::default(),
        )
    }

    fn written(report: &Report) -> String {
        let mut out = Vec::new();
        write_report_json(&mut out, report).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn report_json_is_what_serde_writes() {
        let old = "The envoy will return on Friday. \"Talks\" ended.\n\nA second paragraph.";
        let new = "The envoy may return on Monday.\n\nA second paragraph. A new line, with\ttab.";
        for (old, new) in [(old, new), (old, old), ("", ""), ("", new)] {
            let report = report(old, new);
            assert_eq!(written(&report), json(&report), "{old:?} → {new:?}");
        }
    }

    #[test]
    fn the_indented_layout_is_serdes_pretty_layout() {
        let mut deep = serde_json::json!({"leaf": [1, {}, [], "x"]});
        for level in 0..40 {
            deep = serde_json::json!({"level": level, "empty": {}, "inner": [deep, []]});
        }
        let mut written = Vec::new();
        deep.serialize(&mut serde_json::Serializer::with_formatter(
            &mut written,
            Indented::at_level(0),
        ))
        .unwrap();
        assert_eq!(
            String::from_utf8(written).unwrap(),
            serde_json::to_string_pretty(&deep).unwrap()
        );
    }

    #[test]
    fn report_json_of_many_rounds_is_what_serde_writes() {
        // More changes than one round holds, over several threads.
        let sentences: Vec<String> = (0..CHANGES_PER_ROUND + 700)
            .map(|i| format!("Sentence number {i} stands here."))
            .collect();
        let old = sentences.join(" ");
        let new = sentences.join(" ").replace("number 7", "No. 7");
        let report = report(&old, &new);
        assert!(report.changes.len() > CHANGES_PER_ROUND);
        assert_eq!(written(&report), json(&report));
    }
}
