//! The command line: clap definitions and the few lines that run each command.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Result, bail};
use clap::{Parser, Subcommand, ValueEnum};

use crate::compare::{CompareOptions, compare};
use crate::config::Config;
use crate::fold::FoldOptions;
use crate::render;
use crate::signals::SignalConfig;
use crate::statement::Statement;
use crate::store::{self, Store};

/// Sentence-level redlines for official statements: what changed, and which changes matter.
#[derive(Debug, Parser)]
#[command(name = "redliner", version, about, long_about = None)]
pub struct Cli {
    /// Folder of statement threads.
    #[arg(long, global = true, env = "REDLINER_STORE", value_name = "DIR")]
    store: Option<PathBuf>,

    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Compare two statements (or the latest two of a thread).
    ///
    /// Exit status: 0 no changes, 1 changes, 2 trouble.
    #[command(after_help = "Examples:\n  \
        redliner compare statements/rate-decisions/2026-03-18-march.md statements/rate-decisions/2026-04-29-april.md\n  \
        redliner compare rate-decisions --format json")]
    Compare(CompareArgs),
}

#[derive(Debug, clap::Args)]
struct CompareArgs {
    /// The old statement file, or a thread (its latest two statements are compared).
    old: String,
    /// The new statement file.
    new: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Plain)]
    format: Format,
    /// Case differences are not changes.
    #[arg(long)]
    ignore_case: bool,
    /// Punctuation differences are not changes.
    #[arg(long)]
    ignore_punctuation: bool,
    /// Show only changes at least this significant (0..1); JSON keeps every change.
    #[arg(long, value_name = "X", default_value_t = 0.0, value_parser = significance)]
    min_significance: f64,
    /// Signal word lists to apply on top of the built-in ones and `redliner.toml`.
    #[arg(long, value_name = "FILE")]
    signals_config: Option<PathBuf>,
}

fn significance(text: &str) -> Result<f64, String> {
    match text.parse::<f64>() {
        Ok(x) if (0.0..=1.0).contains(&x) => Ok(x),
        _ => Err("expected a number from 0 to 1".into()),
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    /// wdiff-style `[-deleted-]{+inserted+}` markers, no color.
    Plain,
    /// The report model as JSON (see docs/report.md).
    Json,
}

/// Parses the command line, runs it, prints errors as one line, returns the exit code.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        Err(error) => {
            eprintln!("error: {error:#}");
            ExitCode::from(2)
        }
    }
}

fn run(cli: Cli) -> Result<ExitCode> {
    let store = Store::new(cli.store);
    match cli.command {
        Command::Compare(args) => run_compare(&store, args),
    }
}

fn run_compare(store: &Store, args: CompareArgs) -> Result<ExitCode> {
    let (old, new) = match &args.new {
        Some(new) => (
            Statement::read(Path::new(&args.old))?,
            Statement::read(Path::new(new))?,
        ),
        None => {
            let dir = store.thread_dir(&args.old)?;
            let mut statements = store::read_thread(&dir)?;
            if statements.len() < 2 {
                bail!(
                    "{}: a thread needs two statements to compare",
                    dir.display()
                );
            }
            let new = statements.pop().expect("two statements");
            (statements.pop().expect("two statements"), new)
        }
    };
    let options = CompareOptions {
        fold: FoldOptions {
            ignore_case: args.ignore_case,
            ignore_punctuation: args.ignore_punctuation,
        },
    };
    let config = Config::discover(&store.root)?;
    let signals = SignalConfig::load(&config, args.signals_config.as_deref())?;
    let report = compare(&old, &new, &options, &signals);
    let output = match args.format {
        Format::Plain => render::plain::render(&report, args.min_significance),
        Format::Json => render::json(&report),
    };
    print(&output)?;
    Ok(if report.is_unchanged() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

/// Writes to stdout; a closed pipe (`| head`) is not an error.
fn print(text: &str) -> Result<()> {
    let mut stdout = std::io::stdout().lock();
    match stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.flush())
    {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(e.into()),
        _ => Ok(()),
    }
}
