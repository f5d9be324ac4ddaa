//! `redliner log` and `redliner blame`: a thread's history, in lines for people
//! or JSON (docs/json.md).

use std::path::Path;

use anyhow::Result;
use serde::Serialize;

use super::{MatchArgs, ResultFormat};
use redliner::config::Config;
use redliner::history::{self, HISTORY_SCHEMA_VERSION, LogEntry};
use redliner::statement::{ReadOptions, Statement};
use redliner::store::{self, Store};

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
        ResultFormat::Json => redliner::render::json(&LogOutput {
            schema_version: HISTORY_SCHEMA_VERSION,
            thread: thread_name(&dir),
            entries: &entries,
        }),
        ResultFormat::Text => redliner::render::history::log(&entries),
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
        ResultFormat::Json => redliner::render::json(&blame),
        ResultFormat::Text => redliner::render::history::blame(&blame),
    };
    super::print(&text)
}

/// `[compare]` of `redliner.toml` decides what counts as a change.
fn options(store: &Store) -> Result<redliner::compare::CompareOptions> {
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
