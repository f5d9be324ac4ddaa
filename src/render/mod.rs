//! Renderers: turn a [`Report`](crate::report::Report) into text. They see only
//! the report model.

pub mod escape;
pub mod templates;
pub mod terminal;

/// The report as pretty-printed JSON, exactly the model templates receive.
pub fn json(report: &impl serde::Serialize) -> String {
    let mut out = serde_json::to_string_pretty(report).expect("report models serialize");
    out.push('\n');
    out
}

/// The same JSON, written as it is produced rather than built whole.
pub fn write_json(
    out: &mut impl std::io::Write,
    report: &impl serde::Serialize,
) -> std::io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, report)?;
    out.write_all(b"\n")
}
