//! The command line: clap definitions and the few lines that run each command.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Result, bail};
use clap::{Parser, Subcommand, ValueEnum};

use crate::compare::{CompareOptions, compare};
use crate::fold::FoldOptions;
use crate::render;
use crate::statement::Statement;
use crate::store::{self, Store};

mod reports;

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
    /// A Markdown (or HTML, or JSON) digest of how a thread of statements evolved.
    #[command(after_help = "Examples:\n  \
        redliner digest ceasefire-talks\n  \
        redliner digest rate-decisions --since 2026-03-01 -o digest.md\n  \
        redliner digest ceasefire-talks --format html -o digest.html")]
    Digest(reports::DigestArgs),
    /// List, show or export the report templates.
    Templates(reports::TemplatesArgs),
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
    #[command(flatten)]
    report: reports::ReportArgs,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    /// wdiff-style `[-deleted-]{+inserted+}` markers, no color.
    Plain,
    /// The report model as JSON (see docs/report.md).
    Json,
    /// Markdown through the `compare.md.j2` template.
    Md,
    /// A self-contained HTML page through the `compare.html.j2` template.
    Html,
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
        Command::Digest(args) => reports::run_digest(&store, args).map(|()| ExitCode::SUCCESS),
        Command::Templates(args) => {
            reports::run_templates(&store, args).map(|()| ExitCode::SUCCESS)
        }
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
    if args.report.template.is_some() && !matches!(args.format, Format::Md | Format::Html) {
        bail!("--template needs --format md or html");
    }
    let report = compare(&old, &new, &options);
    let output = match args.format {
        Format::Plain => render::plain::render(&report),
        Format::Json => render::json(&report),
        Format::Md => reports::render_compare(store, &args.report, &report, "md")?,
        Format::Html => reports::render_compare(store, &args.report, &report, "html")?,
    };
    reports::emit(args.report.output.as_deref(), &output)?;
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
