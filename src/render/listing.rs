//! The store views for people: `list` (its threads) and `show` (one
//! statement as it is). Everything printed passes through [`crate::visible`];
//! columns are measured in display width.

use unicode_width::UnicodeWidthStr;

use super::pad;
use crate::store::ThreadSummary;
use crate::visible::{visible, visible_name};

/// `ceasefire-talks  4 statements  2026-02-10 … 2026-03-04  Readout of the Fourth Round`
pub fn threads(threads: &[ThreadSummary]) -> String {
    let names: Vec<String> = threads
        .iter()
        .map(|t| visible_name(&t.thread).into_owned())
        .collect();
    let width = names.iter().map(|n| n.width()).max().unwrap_or(0);
    let mut out = String::new();
    for (t, name) in threads.iter().zip(&names) {
        let count = match t.statements {
            1 => "1 statement ".to_string(),
            n => format!("{n} statements"),
        };
        let range = match (&t.first_date, &t.last_date) {
            (Some(first), Some(last)) if first == last => format!("{first:<23}"),
            (Some(first), Some(last)) => format!("{first} … {last}"),
            _ => format!("{:<23}", "undated"),
        };
        let title = t
            .latest
            .as_ref()
            .and_then(|s| s.meta.title.as_deref())
            .unwrap_or("");
        out.push_str(&format!(
            "{}  {count:>13}  {range}  {}\n",
            pad(name, width),
            visible_name(title)
        ));
    }
    out
}

/// A statement file as it is, with control characters made visible line by line.
pub fn statement(text: &str) -> String {
    text.lines()
        .map(|line| format!("{}\n", visible(line)))
        .collect()
}
