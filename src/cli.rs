//! The command line: clap definitions and the few lines that run each command.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Result, bail};
use clap::{Parser, Subcommand, ValueEnum};

use crate::console::{self, ColorChoice, Environment};
use redliner::compare::{CompareOptions, compare};
use redliner::config::Config;
use redliner::decode::encoding_for_label;
use redliner::fold::FoldOptions;
use redliner::render::{self, terminal};
use redliner::report::Report;
use redliner::routine::Routine;
use redliner::signals::SignalConfig;
use redliner::statement::{ReadOptions, Statement};
use redliner::store::{self, Store};
use redliner::visible::{visible, visible_name};

mod add;
mod browse;
mod git;
mod history;
mod reports;
mod shell;

/// Sentence-level redlines for official statements: what changed, and which changes matter.
#[derive(Debug, Parser)]
#[command(name = "redliner", version, about, long_about = None)]
pub struct Cli {
    /// Folder of statement threads [default: ./statements].
    #[arg(long, global = true, env = "REDLINER_STORE", value_name = "DIR")]
    store: Option<PathBuf>,

    /// Read statements in this encoding (e.g. windows-1252, utf-16le) instead of detecting it.
    #[arg(long, global = true, value_name = "LABEL")]
    encoding: Option<String>,

    /// Refuse statement files larger than this many bytes.
    #[arg(long, global = true, value_name = "BYTES", default_value_t = redliner::statement::DEFAULT_MAX_BYTES)]
    max_bytes: u64,

    /// Keep mojibake (`â€™` for `’`, `Ã©` for `é`) as it is instead of repairing it.
    #[arg(long, global = true, env = "REDLINER_NO_REPAIR", value_parser = clap::builder::FalseyValueParser::new())]
    no_repair: bool,

    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Compare two statements (or the latest two of a thread).
    ///
    /// Exit status: 0 no changes, 1 changes, 2 trouble.
    #[command(after_help = "Examples:\n  \
        redliner compare march.md april.md           # two statements\n  \
        redliner compare rate-decisions              # a thread's latest two\n  \
        redliner compare rate-decisions -y           # side by side\n  \
        redliner compare old.md - < new.md           # one side from stdin\n  \
        redliner compare a.md b.md --format json     # the report (docs/report.md)")]
    Compare(CompareArgs),

    /// Store a statement in a thread (never overwriting one), from a file, a saved
    /// web page or a URL.
    ///
    /// The statement is normalized to UTF-8 with LF line endings and stored as
    /// `<store>/THREAD/YYYY-MM-DD[-slug].md` with front matter. A taken name gets a
    /// numbered suffix. A statement that says the same as the thread's latest is
    /// refused (exit 1) unless --force.
    #[command(after_help = "Examples:\n  \
        redliner add rate-decisions statement.txt --title 'Policy Statement' --source 'Central Bank' --date 2026-07-29\n  \
        pbpaste | redliner add ceasefire-talks - --title 'Readout of the Fifth Round'\n  \
        redliner add harbor-talks --from-html saved-page.html\n  \
        redliner add rate-decisions --from-url https://bank.example/press/latest   # exit 1 when nothing changed")]
    Add(add::AddArgs),

    /// A Markdown (or HTML, or JSON) digest of how a thread of statements evolved.
    #[command(after_help = "Examples:\n  \
        redliner digest ceasefire-talks\n  \
        redliner digest rate-decisions --since 2026-03-01 -o digest.md\n  \
        redliner digest ceasefire-talks --format html -o digest.html")]
    Digest(reports::DigestArgs),
    /// List, show or export the report templates.
    #[command(after_help = "Examples:\n  \
        redliner templates list\n  \
        redliner templates show digest.md\n  \
        redliner templates export my-templates")]
    Templates(reports::TemplatesArgs),

    /// One line per statement of a thread, newest first: date, what changed
    /// against the one before (+added ~revised -removed ↔moved, similarity),
    /// source and title.
    #[command(after_help = "Examples:\n  \
        redliner log rate-decisions\n  \
        redliner log ceasefire-talks --reverse        # oldest first\n  \
        redliner log rate-decisions --format json")]
    Log(history::LogArgs),

    /// Each sentence of a statement with the statement where its current
    /// wording first appeared (`since`), where the sentence first appeared in
    /// any wording (`first seen`), and how often it was revised (↔: it moved).
    ///
    /// A sentence is followed back through revisions, splits, merges and moves.
    #[command(after_help = "Examples:\n  \
        redliner blame ceasefire-talks                # the thread's latest statement\n  \
        redliner blame statements/rate-decisions/2026-04-29-april.md\n  \
        redliner blame rate-decisions --format json")]
    Blame(history::BlameArgs),

    /// Print one statement of a thread, by date or file name (the latest by default).
    #[command(after_help = "Examples:\n  \
        redliner show rate-decisions 2026-03-18\n  \
        redliner show ceasefire-talks                 # the latest\n  \
        redliner show rate-decisions 2026-03-18 --format json")]
    Show(browse::ShowArgs),

    /// The threads of the store, with how many statements each holds and the
    /// dates they span.
    #[command(after_help = "Examples:\n  \
        redliner list\n  \
        redliner --store ~/archive list --format json")]
    List(browse::ListArgs),

    /// Print a completion script for a shell.
    #[command(after_help = "Examples:\n  \
        redliner completions bash > ~/.local/share/bash-completion/completions/redliner\n  \
        redliner completions zsh > ~/.zfunc/_redliner\n  \
        redliner completions fish > ~/.config/fish/completions/redliner.fish\n  \
        redliner completions powershell >> $PROFILE")]
    Completions(shell::CompletionsArgs),

    /// Print the manual page (roff), or write one page per command into a folder.
    #[command(after_help = "Examples:\n  \
        redliner man | man -l -\n  \
        redliner man --dir ~/.local/share/man/man1")]
    Man(shell::ManArgs),

    /// Git's external diff driver: `git diff` on a repository of statements
    /// shows redliner's view. Always exits 0, as git expects.
    #[command(after_help = "Set up (see the README):\n  \
        git config diff.redliner.command 'redliner git-diff'\n  \
        echo '*.md diff=redliner' >> .gitattributes\n\n\
        Or once:\n  \
        GIT_EXTERNAL_DIFF='redliner git-diff' git diff HEAD~1 -- statements/\n\n\
        As a difftool:\n  \
        git config difftool.redliner.cmd 'redliner compare \"$LOCAL\" \"$REMOTE\"'\n  \
        git difftool -t redliner HEAD~1")]
    GitDiff(git::GitDiffArgs),
}

#[derive(Debug, clap::Args)]
struct CompareArgs {
    /// The old statement file (`-` for standard input), or a thread whose latest two
    /// statements are compared.
    old: String,
    /// The new statement file (`-` for standard input).
    new: Option<String>,

    /// Output format [default: the terminal view; plain when not a terminal].
    #[arg(long, value_enum)]
    format: Option<Format>,
    /// Two columns: old on the left, new on the right.
    #[arg(short = 'y', long)]
    side_by_side: bool,
    /// Only the summary, with per-paragraph counts.
    #[arg(long, conflicts_with = "side_by_side")]
    stat: bool,
    /// Unchanged sentences shown around each change [default: 1]; more than a
    /// statement holds shows all of it.
    #[arg(long, value_name = "N", env = "REDLINER_CONTEXT")]
    context: Option<usize>,
    /// Show every sentence, unchanged ones too.
    #[arg(long, conflicts_with = "context")]
    full: bool,
    /// Wrap at this many columns, 20 to 1000 [default: $COLUMNS, else the terminal's width].
    #[arg(long, value_name = "COLUMNS", value_parser = width)]
    width: Option<usize>,
    /// When to color.
    #[arg(long, value_enum, value_name = "WHEN", env = "REDLINER_COLOR")]
    color: Option<ColorChoice>,
    /// Never page, even when the output is taller than the terminal.
    #[arg(long)]
    no_pager: bool,

    #[command(flatten)]
    matching: MatchArgs,
    #[command(flatten)]
    report: reports::ReportArgs,
}

/// What counts as a change; shared by `compare` and `digest`.
#[derive(Debug, Clone, Default, clap::Args)]
pub struct MatchArgs {
    /// Case differences are not changes.
    #[arg(long)]
    ignore_case: bool,
    /// Punctuation differences are not changes.
    #[arg(long)]
    ignore_punctuation: bool,
    /// Sentences matching this regular expression (e.g. a dateline) are boilerplate,
    /// left out of the comparison. Repeatable.
    #[arg(long, value_name = "REGEX")]
    ignore: Vec<String>,
    /// Show only changes at least this significant (0..1), in every view and
    /// digest; refused for a JSON compare, which keeps every change.
    #[arg(long, value_name = "X", default_value_t = 0.0, value_parser = significance)]
    min_significance: f64,
    /// Signal word lists to apply on top of the built-in ones and `redliner.toml`.
    #[arg(long, value_name = "FILE", env = "REDLINER_SIGNALS_CONFIG")]
    signals_config: Option<PathBuf>,
}

/// `--width`: a number of columns a terminal can have (`console::MAX_WIDTH`).
fn width(text: &str) -> Result<usize, String> {
    match text.trim().parse::<usize>() {
        Ok(w) if (1..=console::MAX_WIDTH).contains(&w) => Ok(w),
        _ => Err(format!(
            "expected a number of columns from 1 to {} (below 20 wraps at 20)",
            console::MAX_WIDTH
        )),
    }
}

/// Unchanged sentences around each change: the flag, else `redliner.toml`, else 1.
/// Clamped where `i + context` cannot overflow; any larger number already shows
/// every sentence of a statement.
pub fn context_of(flag: Option<usize>, config: &Config) -> usize {
    flag.or(config.terminal.context)
        .unwrap_or(1)
        .min(u32::MAX as usize)
}

fn significance(text: &str) -> Result<f64, String> {
    match text.parse::<f64>() {
        Ok(x) if (0.0..=1.0).contains(&x) => Ok(x),
        _ => Err("expected a number from 0 to 1".into()),
    }
}

/// Output of commands that print a result: text for people, or JSON.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, ValueEnum)]
pub enum ResultFormat {
    /// Lines for people.
    #[default]
    Text,
    /// JSON for programs (docs/json.md).
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    /// The layout of the terminal view without color; wdiff-style `[-deleted-]{+inserted+}`.
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
    match run(cli, &Environment::capture()) {
        Ok(code) => code,
        Err(error) => {
            // Names and messages come from files and folders: nothing raw reaches the terminal.
            eprintln!("error: {}", visible_name(&format!("{error:#}")));
            ExitCode::from(2)
        }
    }
}

fn run(cli: Cli, env: &Environment) -> Result<ExitCode> {
    let store = Store::new(cli.store);
    let read = ReadOptions {
        encoding: cli
            .encoding
            .as_deref()
            .map(encoding_for_label)
            .transpose()?,
        max_bytes: cli.max_bytes,
        repair: !cli.no_repair && repair_from_config(&store, &cli.command)?,
    };
    match cli.command {
        Command::Compare(args) => run_compare(&store, &read, args, env),
        Command::Add(args) => add::run_add(&store, &read, args, env),
        Command::Digest(args) => {
            reports::run_digest(&store, &read, args).map(|()| ExitCode::SUCCESS)
        }
        Command::Templates(args) => {
            reports::run_templates(&store, args).map(|()| ExitCode::SUCCESS)
        }
        Command::Log(args) => history::run_log(&store, &read, args).map(|()| ExitCode::SUCCESS),
        Command::Blame(args) => history::run_blame(&store, &read, args).map(|()| ExitCode::SUCCESS),
        Command::Show(args) => browse::run_show(&store, &read, args).map(|()| ExitCode::SUCCESS),
        Command::Completions(args) => shell::run_completions(args).map(|()| ExitCode::SUCCESS),
        Command::Man(args) => shell::run_man(args).map(|()| ExitCode::SUCCESS),
        Command::GitDiff(args) => git::run_git_diff(&store, &read, args, env),
        Command::List(args) => browse::run_list(&store, &read, args).map(|()| ExitCode::SUCCESS),
    }
}

/// `[read] repair` in `redliner.toml`, for the commands that read statements
/// (`--no-repair` and `REDLINER_NO_REPAIR` win over it).
fn repair_from_config(store: &Store, command: &Command) -> Result<bool> {
    if matches!(
        command,
        Command::Templates(_) | Command::Completions(_) | Command::Man(_)
    ) {
        return Ok(true);
    }
    Ok(Config::discover(&store.root)?.read.repair.unwrap_or(true))
}

/// Reads one statement, warning on stderr about what reading it took and
/// when it is no statement but a redirect notice (`add` refuses to store one).
fn read_statement(path: &Path, read: &ReadOptions) -> Result<Statement> {
    let statement = Statement::read(path, read)?;
    warn_about_encoding(&statement);
    if let Some(notice) = redliner::statement::redirect_notice(statement.body()) {
        eprintln!(
            "warning: {}: only a redirect notice (\"{}\"), not a statement: \
             compare the page it points to",
            visible_name(&statement.path),
            visible(notice),
        );
    }
    Ok(statement)
}

/// Warns when a statement's encoding had to be guessed or its mojibake was repaired.
fn warn_about_encoding(statement: &Statement) {
    warn_about_reading(statement, "");
}

/// [`warn_about_encoding`], with `also` said of a repair (see [`warn_about_repair`]).
fn warn_about_reading(statement: &Statement, also: &str) {
    if let (true, Some(encoding)) = (statement.encoding_guessed, statement.decoded_from) {
        eprintln!(
            "warning: {}: not UTF-8; read as {encoding} (use --encoding to choose another)",
            visible_name(&statement.path)
        );
    }
    if let Some(repair) = &statement.repair {
        warn_about_repair(&statement.path, repair.sequences(), repair.example(), also);
    }
}

/// `warning: FILE: repaired mojibake (N sequences, e.g. "â€™" → "’")…`, with
/// `also` (what else follows from it, e.g. for `add`) before the way out.
fn warn_about_repair(name: &str, sequences: usize, (from, to): (&str, char), also: &str) {
    let plural = if sequences == 1 { "" } else { "s" };
    eprintln!(
        "warning: {}: repaired mojibake ({sequences} sequence{plural}, e.g. \"{}\" → \"{}\"){also}; \
         --no-repair to keep the text as it is",
        visible_name(name),
        visible(from),
        visible(to.encode_utf8(&mut [0; 4])),
    );
}

fn run_compare(
    store: &Store,
    read: &ReadOptions,
    args: CompareArgs,
    env: &Environment,
) -> Result<ExitCode> {
    let config = Config::discover(&store.root)?;
    if args.report.template.is_some() && !matches!(args.format, Some(Format::Md | Format::Html)) {
        bail!("--template needs --format md or html");
    }
    if args.format == Some(Format::Json) && args.matching.min_significance > 0.0 {
        bail!(
            "--min-significance filters the views (plain, md, html); the JSON report keeps every \
             change with its significance: filter that instead"
        );
    }
    let report = compared(
        store,
        read,
        &args,
        &compare_options(&args.matching, &config)?,
    )?;

    let text = match args.format {
        Some(Format::Json) => {
            // Streamed: the JSON of a long statement can be several times its size.
            match &args.report.output {
                Some(path) => crate::output::write_atomic_with(path, |out| {
                    render::write_report_json(out, &report)
                })?,
                None => console::stream(|out| render::write_report_json(out, &report))?,
            }
            return Ok(exit_code(&report));
        }
        Some(Format::Md | Format::Html) => {
            let extension = if args.format == Some(Format::Md) {
                "md"
            } else {
                "html"
            };
            let min = args.matching.min_significance;
            reports::render_compare(store, &args.report, &report, min, extension)?
        }
        Some(Format::Plain) | None => terminal::render(&report, &view_options(&args, &config, env)),
    };
    // Only the terminal view is paged, and only when it goes to the terminal.
    let pager = match (args.format, &args.report.output) {
        (Some(Format::Plain) | None, None) => {
            console::pager(env, args.no_pager, terminal::height(&text))
        }
        _ => None,
    };
    match &args.report.output {
        Some(path) => crate::output::write_atomic(path, &text)?,
        None => console::show(&text, pager.as_deref())?,
    }
    Ok(exit_code(&report))
}

/// The terminal view as flags, environment and `redliner.toml` ask for it.
fn view_options(args: &CompareArgs, config: &Config, env: &Environment) -> terminal::ViewOptions {
    let color = args
        .color
        .or_else(|| color_from_config(config))
        .unwrap_or_default();
    let writes_file = args.report.output.is_some();
    let ink =
        if args.format == Some(Format::Plain) || writes_file || !console::use_color(color, env) {
            terminal::Ink::Plain
        } else {
            terminal::Ink::Color
        };
    let context = context_of(args.context, config);
    terminal::ViewOptions {
        layout: if args.stat {
            terminal::Layout::Stat
        } else if args.side_by_side {
            terminal::Layout::SideBySide
        } else {
            terminal::Layout::Inline
        },
        context: (!args.full).then_some(context),
        width: if writes_file {
            args.width
        } else {
            console::width(args.width, env)
        },
        min_significance: args.matching.min_significance,
        ink,
    }
}

/// Writes to stdout, unpaged; a closed pipe (`| head`) is not an error.
fn print(text: &str) -> Result<()> {
    console::show(text, None)
}

/// diff(1) conventions: 0 same, 1 different.
fn exit_code(report: &Report) -> ExitCode {
    if report.is_unchanged() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}

/// What is wrong with a pattern, on one line: `unclosed group at column 1`.
fn regex_message(pattern: &str, error: &regex::Error) -> String {
    let at = |span: &regex_syntax::ast::Span| span.start.column;
    match regex_syntax::Parser::new().parse(pattern) {
        Err(regex_syntax::Error::Parse(e)) => format!("{} at column {}", e.kind(), at(e.span())),
        Err(regex_syntax::Error::Translate(e)) => {
            format!("{} at column {}", e.kind(), at(e.span()))
        }
        // Parses, but too large once compiled, say.
        _ => error
            .to_string()
            .lines()
            .last()
            .unwrap_or_default()
            .to_string(),
    }
}

fn color_from_config(config: &Config) -> Option<ColorChoice> {
    config.terminal.color
}

/// Flags over `redliner.toml` (patterns from both apply).
pub fn compare_options(args: &MatchArgs, config: &Config) -> Result<CompareOptions> {
    let mut ignore = Vec::new();
    for (pattern, origin) in config
        .compare
        .ignore
        .iter()
        .map(|p| (p, config.path.as_deref()))
        .chain(args.ignore.iter().map(|p| (p, None)))
    {
        let regex = regex::Regex::new(pattern).map_err(|e| {
            let place = match origin {
                Some(path) => format!("{}: ignore pattern `{pattern}`", path.display()),
                None => format!("--ignore `{pattern}`"),
            };
            anyhow::anyhow!("{place}: {}", regex_message(pattern, &e))
        })?;
        ignore.push(regex);
    }
    let signals = SignalConfig::load(config, args.signals_config.as_deref())?;
    Ok(CompareOptions {
        fold: FoldOptions {
            ignore_case: args.ignore_case || config.compare.ignore_case.unwrap_or(false),
            ignore_punctuation: args.ignore_punctuation
                || config.compare.ignore_punctuation.unwrap_or(false),
        },
        ignore,
        signals,
    })
}

/// The comparison `compare` shows: of two files, or of a thread's latest two
/// statements. When the statements are part of a thread of the store, what the
/// thread changes every round is marked routine (learned from all its rounds).
fn compared(
    store: &Store,
    read: &ReadOptions,
    args: &CompareArgs,
    options: &CompareOptions,
) -> Result<Report> {
    let Some(new) = &args.new else {
        let dir = store.thread_dir(&args.old)?;
        let statements = store::read_thread(&dir, read)?;
        statements.iter().for_each(warn_about_encoding);
        if statements.len() < 2 {
            bail!(
                "{}: a thread needs two statements to compare",
                dir.display()
            );
        }
        let prepared = redliner::compare::prepare_all(statements, options);
        let mut rounds = redliner::compare::rounds(&prepared, options);
        let routine = Routine::learn(&rounds);
        let mut latest = rounds.pop().expect("two statements make a round");
        routine.apply(&mut latest);
        return Ok(latest);
    };
    if args.old == "-" && new == "-" {
        bail!("only one side can be read from standard input (-)");
    }
    let (old_path, new_path) = (Path::new(&args.old), Path::new(new));
    let (old, new) = (
        read_statement(old_path, read)?,
        read_statement(new_path, read)?,
    );
    let Some(dir) = store_thread_of(store, old_path, new_path) else {
        return Ok(compare(old, new, options));
    };
    // Two statements of one thread: its history says what is routine. A thread
    // that cannot be read (another file fails to parse) only costs the marks.
    let Ok(statements) = store::read_thread(&dir, read) else {
        return Ok(compare(old, new, options));
    };
    let canonical = |p: &Path| std::fs::canonicalize(p).ok();
    let position = |path: &Path| {
        let path = canonical(path);
        statements
            .iter()
            .position(|s| canonical(Path::new(&s.path)) == path)
    };
    let (Some(i), Some(j)) = (position(old_path), position(new_path)) else {
        return Ok(compare(old, new, options));
    };
    let prepared = redliner::compare::prepare_all(statements, options);
    let routine = Routine::learn(&redliner::compare::rounds(&prepared, options));
    let mut report = redliner::compare::compare_prepared(&prepared[i], &prepared[j], options);
    routine.apply(&mut report);
    // The thread was read from its canonical folder: name the files as the user did.
    (report.old.path, report.new.path) = (old.path, new.path);
    Ok(report)
}

/// The thread folder of the store holding both files, if they are in one.
fn store_thread_of(store: &Store, old: &Path, new: &Path) -> Option<PathBuf> {
    let folder = |p: &Path| {
        std::fs::canonicalize(p)
            .ok()?
            .parent()
            .map(Path::to_path_buf)
    };
    let (old_dir, new_dir) = (folder(old)?, folder(new)?);
    let root = std::fs::canonicalize(&store.root).ok()?;
    (old_dir == new_dir && old_dir.parent() == Some(root.as_path())).then_some(old_dir)
}
