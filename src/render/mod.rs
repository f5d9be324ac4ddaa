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
