//! `redliner list` (the threads of the store) and `redliner show` (one
//! statement of a thread).

use std::path::Path;

use anyhow::{Result, bail};
use serde::Serialize;

use super::ResultFormat;
use redliner::statement::{ReadOptions, Statement};
use redliner::store::{self, Shown, Store, ThreadSummary};

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

#[derive(Debug, Serialize)]
struct ListOutput {
    store: String,
    threads: Vec<ThreadSummary>,
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
        ResultFormat::Json => redliner::render::json(&ListOutput {
            store: store.root.display().to_string(),
            threads,
        }),
        ResultFormat::Text => redliner::render::listing::threads(&threads),
    };
    super::print(&text)
}

pub fn run_show(store: &Store, read: &ReadOptions, args: ShowArgs) -> Result<()> {
    let dir = store.thread_dir(&args.thread)?;
    let statements = store::read_thread(&dir, read)?;
    let statement = pick(&dir, statements, args.date.as_deref())?;
    super::warn_about_encoding(&statement);
    let text = match args.format {
        ResultFormat::Json => redliner::render::json(&Shown {
            path: statement.path.clone(),
            meta: statement.meta.clone(),
            body: Some(statement.body().to_string()),
        }),
        ResultFormat::Text => redliner::render::listing::statement(&statement.text),
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
