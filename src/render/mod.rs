//! Renderers: turn a [`Report`](crate::report::Report) into text. They see only
//! the report model.

use std::io::Write;

use serde::Serialize;
use serde_json::ser::{Formatter, PrettyFormatter};

use crate::parallel;
use crate::report::{Change, Report};

pub mod escape;
pub mod templates;
pub mod terminal;

/// The report as pretty-printed JSON, exactly the model templates receive.
pub fn json(report: &impl serde::Serialize) -> String {
    let mut out = serde_json::to_string_pretty(report).expect("report models serialize");
    out.push('\n');
    out
}

/// Changes serialized per round: all threads work on one round while the
/// previous one is already written, so memory stays bounded.
const CHANGES_PER_ROUND: usize = 2048;

/// A report's JSON, byte for byte what [`json`] returns, written as it is
/// produced rather than built whole, with its changes (nearly all of a long
/// statement's JSON) serialized on all threads.
pub fn write_report_json(out: &mut (impl Write + ?Sized), report: &Report) -> std::io::Result<()> {
    // Everything but the changes, ending in `"changes": []` and the closing brace.
    let head = Report {
        schema_version: report.schema_version,
        old: report.old.clone(),
        new: report.new.clone(),
        stats: report.stats.clone(),
        changes: Vec::new(),
    };
    let head = serde_json::to_vec_pretty(&head)?;
    let open = head
        .strip_suffix(b"[]\n}")
        .expect("`changes` is the report's last field");
    out.write_all(open)?;
    if report.changes.is_empty() {
        return out.write_all(b"[]\n}\n");
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
            let mut formatter = PrettyFormatter::new();
            formatter.begin_object(&mut std::io::sink())?;
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
    out.write_all(b"\n  ]\n}\n")
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
