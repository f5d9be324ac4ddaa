//! `redliner log` and `redliner blame`: a thread's history, in lines for people
//! or JSON (docs/json.md).

use std::path::Path;

use anyhow::Result;
use serde::Serialize;

use super::{MatchArgs, ResultFormat};
use crate::config::Config;
use crate::history::{self, Blame, HISTORY_SCHEMA_VERSION, LogEntry};
use crate::report::StatementSummary;
use crate::statement::{ReadOptions, Statement};
use crate::store::{self, Store};
use crate::visible::{visible, visible_name};

#[derive(Debug, clap::Args)]
pub struct LogArgs {
    /// A thread name or a folder of statements.
    thread: String,
    /// Oldest first.
    #[arg(long)]
    reverse: bool,
    #[arg(long, value_enum, default_value_t)]
    format: ResultFormat,
}

#[derive(Debug, clap::Args)]
pub struct BlameArgs {
    /// A statement file (followed back through the statements before it in its
    /// folder), or a thread (its latest statement).
    target: String,
    #[arg(long, value_enum, default_value_t)]
    format: ResultFormat,
}

/// `redliner log --format json`.
#[derive(Debug, Serialize)]
struct LogOutput<'a> {
    schema_version: u32,
    thread: String,
    entries: &'a [LogEntry],
}

pub fn run_log(store: &Store, read: &ReadOptions, args: LogArgs) -> Result<()> {
    let dir = store.thread_dir(&args.thread)?;
    let statements = read_all(&dir, read)?;
    let mut entries = history::log(statements, &options(store)?);
    if !args.reverse {
        entries.reverse();
    }
    let text = match args.format {
        ResultFormat::Json => crate::render::json(&LogOutput {
            schema_version: HISTORY_SCHEMA_VERSION,
            thread: thread_name(&dir),
            entries: &entries,
        }),
        ResultFormat::Text => log_text(&entries),
    };
    super::print(&text)
}

pub fn run_blame(store: &Store, read: &ReadOptions, args: BlameArgs) -> Result<()> {
    let statements = if Path::new(&args.target).is_file() {
        up_to(Path::new(&args.target), read)?
    } else {
        read_all(&store.thread_dir(&args.target)?, read)?
    };
    let blame = history::blame(statements, &options(store)?);
    let text = match args.format {
        ResultFormat::Json => crate::render::json(&blame),
        ResultFormat::Text => blame_text(&blame),
    };
    super::print(&text)
}

/// `[compare]` of `redliner.toml` decides what counts as a change.
fn options(store: &Store) -> Result<crate::compare::CompareOptions> {
    let config = Config::discover(&store.root)?;
    super::compare_options(&MatchArgs::default(), &config)
}

fn read_all(dir: &Path, read: &ReadOptions) -> Result<Vec<Statement>> {
    let statements = store::read_thread(dir, read)?;
    statements.iter().for_each(super::warn_about_encoding);
    Ok(statements)
}

/// A file and the statements before it in its folder, in thread order.
fn up_to(file: &Path, read: &ReadOptions) -> Result<Vec<Statement>> {
    let target = super::read_statement(file, read)?;
    let folder = match file.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    // A file of the folder that does not read is said, not silently skipped.
    let Ok((mut statements, failures)) = store::read_statements_leniently(folder, read) else {
        return Ok(vec![target]);
    };
    if let Some(failure) = failures.first() {
        let others = match failures.len() {
            1 => String::new(),
            n => format!(" (and {} other files)", n - 1),
        };
        eprintln!("warning: {failure:#}{others}; blame follows the other statements of the folder");
    }
    let same =
        |s: &Statement| std::fs::canonicalize(&s.path).ok() == std::fs::canonicalize(file).ok();
    match statements.iter().position(same) {
        Some(at) => {
            statements.truncate(at + 1);
            statements.iter().for_each(super::warn_about_encoding);
            Ok(statements)
        }
        // Not a statement of its folder (another extension): blame it alone.
        None => Ok(vec![target]),
    }
}

fn thread_name(dir: &Path) -> String {
    dir.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| dir.display().to_string())
}

/// A statement's date, else its file name: how lines name statements.
fn label(statement: &StatementSummary) -> String {
    statement.date.clone().unwrap_or_else(|| {
        Path::new(&statement.path)
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| statement.path.clone())
    })
}

/// `2026-06-17  +0 ~6 -2 ↔0   83%  Central Bank · Policy Statement, June`: the
/// tallies, the similarity and the description each start in their own column,
/// whatever the number of digits; below, indented, the most significant signal
/// and how many changes are routine.
fn log_text(entries: &[LogEntry]) -> String {
    let tallies: Vec<String> = entries
        .iter()
        .map(|entry| match &entry.changes {
            Some(s) => format!("+{} ~{} -{} ↔{}", s.added, s.revised, s.removed, s.moved),
            None => "first".to_string(),
        })
        .collect();
    let labels: Vec<String> = entries.iter().map(|e| label(&e.statement)).collect();
    let width = |column: &[String]| column.iter().map(|c| c.chars().count()).max().unwrap_or(0);
    let (label_width, tally_width) = (width(&labels), width(&tallies));
    let mut out = String::new();
    for ((entry, label), tally) in entries.iter().zip(&labels).zip(&tallies) {
        let s = &entry.statement;
        let about: Vec<&str> = [s.source.as_deref(), s.title.as_deref()]
            .into_iter()
            .flatten()
            .collect();
        let about = if about.is_empty() {
            s.path.clone()
        } else {
            about.join(" · ")
        };
        let similarity = entry
            .changes
            .as_ref()
            .map(|c| format!("{:.0}%", c.similarity * 100.0))
            .unwrap_or_default();
        out.push_str(&format!(
            "{label:<label_width$}  {tally:<tally_width$}  {similarity:>4}  {}\n",
            visible_name(&about)
        ));
        // What changed most, and how much of the rest is routine, indented below.
        let routine = (entry.routine > 0).then(|| format!("{} routine", entry.routine));
        let below: Vec<String> = entry
            .headline
            .as_deref()
            .map(|h| visible(h).into_owned())
            .into_iter()
            .chain(routine)
            .collect();
        if !below.is_empty() {
            out.push_str(&format!("{:label_width$}  {}\n", "", below.join(" · ")));
        }
    }
    out
}

/// `since  first seen  revs  sentence`, one line per sentence, paragraphs apart.
fn blame_text(blame: &Blame) -> String {
    let labels: Vec<String> = blame.statements.iter().map(label).collect();
    let width = labels
        .iter()
        .map(|l| l.chars().count())
        .max()
        .unwrap_or(0)
        .max(10);
    let last = blame.statements.last().expect("one statement");
    let mut out = format!(
        "blame of {} ({} statement{} followed)\n{:<width$}  {:<width$}  revs  sentence\n",
        visible_name(&last.path),
        blame.statements.len(),
        if blame.statements.len() == 1 { "" } else { "s" },
        "since",
        "first seen",
    );
    let mut paragraph = None;
    for line in &blame.lines {
        if paragraph.is_some_and(|p| p != line.sentence.paragraph) {
            out.push('\n');
        }
        paragraph = Some(line.sentence.paragraph);
        let revisions = match (line.revisions, line.moved) {
            (0, None) => String::new(),
            (n, None) => n.to_string(),
            (0, Some(_)) => "↔".to_string(),
            (n, Some(_)) => format!("{n}↔"),
        };
        let (since, origin) = if line.ignored {
            ("(ignored)", "")
        } else {
            (labels[line.since].as_str(), labels[line.origin].as_str())
        };
        out.push_str(&format!(
            "{since:<width$}  {origin:<width$}  {revisions:>4}  {}\n",
            visible(&line.sentence.text)
        ));
    }
    out
}
