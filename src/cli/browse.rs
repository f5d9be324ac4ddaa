//! `redliner list` (the threads of the store) and `redliner show` (one
//! statement of a thread).

use std::path::Path;

use anyhow::{Result, bail};
use serde::Serialize;

use super::ResultFormat;
use crate::statement::{Meta, ReadOptions, Statement};
use crate::store::{self, Store};
use crate::visible::{visible, visible_name};

#[derive(Debug, clap::Args)]
pub struct ListArgs {
    #[arg(long, value_enum, default_value_t)]
    format: ResultFormat,
}

#[derive(Debug, clap::Args)]
pub struct ShowArgs {
    /// A thread name or a folder of statements.
    thread: String,
    /// The statement's date (YYYY-MM-DD) or file name [default: the latest].
    date: Option<String>,
    #[arg(long, value_enum, default_value_t)]
    format: ResultFormat,
}

/// A thread as `list --format json` shows it.
#[derive(Debug, Serialize)]
struct ThreadSummary {
    thread: String,
    path: String,
    statements: usize,
    first_date: Option<String>,
    last_date: Option<String>,
    /// The latest statement's file and metadata.
    latest: Option<Shown>,
}

#[derive(Debug, Serialize)]
struct ListOutput {
    store: String,
    threads: Vec<ThreadSummary>,
}

/// One statement as `show --format json` shows it.
#[derive(Debug, Serialize)]
struct Shown {
    path: String,
    meta: Meta,
    /// The text after the front matter (`show` only).
    #[serde(skip_serializing_if = "Option::is_none")]
    body: Option<String>,
}

pub fn run_list(store: &Store, read: &ReadOptions, args: ListArgs) -> Result<()> {
    let mut threads = Vec::new();
    for name in store.thread_names()? {
        let dir = store.root.join(&name);
        let statements = store::read_statements(&dir, read)?;
        let dates = || statements.iter().filter_map(|s| s.meta.date.clone());
        threads.push(ThreadSummary {
            path: dir.display().to_string(),
            statements: statements.len(),
            first_date: dates().min(),
            last_date: dates().max(),
            latest: statements.last().map(|s| Shown {
                path: s.path.clone(),
                meta: s.meta.clone(),
                body: None,
            }),
            thread: name,
        });
    }
    let text = match args.format {
        ResultFormat::Json => crate::render::json(&ListOutput {
            store: store.root.display().to_string(),
            threads,
        }),
        ResultFormat::Text => list_text(&threads),
    };
    super::print(&text)
}

/// `ceasefire-talks  4 statements  2026-02-10 … 2026-03-04  Readout of the Fourth Round`
fn list_text(threads: &[ThreadSummary]) -> String {
    let width = threads
        .iter()
        .map(|t| t.thread.chars().count())
        .max()
        .unwrap_or(0);
    let mut out = String::new();
    for t in threads {
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
            "{:<width$}  {count:>13}  {range}  {}\n",
            visible_name(&t.thread),
            visible_name(title)
        ));
    }
    out
}

pub fn run_show(store: &Store, read: &ReadOptions, args: ShowArgs) -> Result<()> {
    let dir = store.thread_dir(&args.thread)?;
    let statements = store::read_thread(&dir, read)?;
    let statement = pick(&dir, statements, args.date.as_deref())?;
    super::warn_about_encoding(&statement);
    let text = match args.format {
        ResultFormat::Json => crate::render::json(&Shown {
            path: statement.path.clone(),
            meta: statement.meta.clone(),
            body: Some(statement.body().to_string()),
        }),
        // The file as it is, with control characters made visible line by line.
        ResultFormat::Text => statement
            .text
            .lines()
            .map(|line| format!("{}\n", visible(line)))
            .collect(),
    };
    super::print(&text)
}

/// The statement of a given date or file name; the latest without one.
fn pick(dir: &Path, mut statements: Vec<Statement>, wanted: Option<&str>) -> Result<Statement> {
    let Some(wanted) = wanted else {
        return Ok(statements.pop().expect("read_thread returns at least one"));
    };
    let file_name = |s: &Statement| {
        Path::new(&s.path)
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default()
    };
    let matches = |s: &Statement| {
        let name = file_name(s);
        s.meta.date.as_deref() == Some(wanted)
            || name == wanted
            || Path::new(&name)
                .file_stem()
                .is_some_and(|stem| stem == wanted)
    };
    let mut found: Vec<Statement> = statements.into_iter().filter(matches).collect();
    match found.len() {
        1 => Ok(found.remove(0)),
        0 => bail!("{}: no statement dated or named {wanted}", dir.display()),
        _ => bail!(
            "{}: {} statements match {wanted} ({}); name one by its file name",
            dir.display(),
            found.len(),
            found.iter().map(file_name).collect::<Vec<_>>().join(", ")
        ),
    }
}
