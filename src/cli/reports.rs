//! The command line of templated reports: `digest`, `templates`, the options
//! `compare --format md|html` shares with them, and where the output goes.

use std::path::{Path, PathBuf};

use anyhow::{Result, bail};
use clap::{Subcommand, ValueEnum};
use serde::Serialize;

use crate::output;
use redliner::config::Config;
use redliner::digest::{Digest, DigestOptions};
use redliner::render::{self, templates::Templates};
use redliner::report::{Change, Hidden, Report};

/// How many changes the "most significant" summary names, as in the terminal.
const MOST_SIGNIFICANT: usize = 3;
use redliner::statement::{ReadOptions, Statement};
use redliner::store::{self, Store};

/// Where a report goes and which template renders it.
#[derive(Debug, Clone, Default, clap::Args)]
pub struct ReportArgs {
    /// Write to FILE instead of standard output (atomically: the file is
    /// replaced only once the whole report is written).
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Template for md/html output: a template name (see `redliner templates
    /// list`) or a template file.
    #[arg(long, value_name = "NAME|PATH")]
    pub template: Option<String>,
    /// Folder of templates that override the built-in ones by name.
    #[arg(long, value_name = "DIR", env = "REDLINER_TEMPLATES")]
    pub templates: Option<PathBuf>,
}

#[derive(Debug, clap::Args)]
pub struct DigestArgs {
    /// A thread name, a folder of statements, or two or more statement files.
    /// Without one, the store's only thread.
    #[arg(value_name = "THREAD | FOLDER | FILES")]
    inputs: Vec<String>,
    /// Only rounds issued on or after DATE (YYYY-MM-DD); the statement just
    /// before stays as their starting point.
    #[arg(long, value_name = "DATE")]
    since: Option<String>,
    /// Only the latest N statements (N ≥ 2).
    #[arg(long, value_name = "N")]
    last: Option<usize>,
    /// Output format [default: md].
    #[arg(long, value_enum)]
    format: Option<DigestFormat>,
    /// List at most N key shifts [default: one and a half per round, 5 to 40].
    #[arg(long, value_name = "N")]
    key_shifts: Option<usize>,
    #[command(flatten)]
    matching: super::MatchArgs,
    #[command(flatten)]
    report: ReportArgs,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum DigestFormat {
    /// Markdown (CommonMark with GitHub tables and strikethrough).
    Md,
    /// One self-contained HTML page.
    Html,
    /// The digest model as JSON, exactly what templates receive.
    Json,
}

#[derive(Debug, clap::Args)]
pub struct TemplatesArgs {
    /// Folder of templates that override the built-in ones by name.
    #[arg(long, global = true, value_name = "DIR", env = "REDLINER_TEMPLATES")]
    templates: Option<PathBuf>,
    #[command(subcommand)]
    command: TemplatesCommand,
}

#[derive(Debug, Subcommand)]
enum TemplatesCommand {
    /// List the templates, and which of them a user folder overrides.
    List {
        #[arg(long, value_enum, default_value_t)]
        format: super::ResultFormat,
    },
    /// Print the source of the template that NAME resolves to.
    Show {
        /// A template name; `builtin/NAME` is always the built-in one.
        name: String,
    },
    /// Write the built-in templates into DIR, as a start for your own.
    Export {
        dir: PathBuf,
        /// Replace files that already exist.
        #[arg(long)]
        force: bool,
    },
}

/// `redliner digest`.
pub fn run_digest(store: &Store, read: &ReadOptions, args: DigestArgs) -> Result<()> {
    let config = Config::discover(&store.root)?;
    let (thread, label, statements) = digest_statements(store, read, &args.inputs)?;
    statements.iter().for_each(super::warn_about_encoding);
    let statements = select(&label, statements, args.since.as_deref(), args.last)?;
    let options = super::compare_options(&args.matching, &config)?;
    let digest = Digest::new(
        thread,
        statements,
        &options,
        &DigestOptions {
            key_shifts: args.key_shifts,
            min_significance: args.matching.min_significance,
        },
    );
    let text = match args.format {
        Some(DigestFormat::Json) => {
            if args.report.template.is_some() {
                bail!("--template has no effect with --format json");
            }
            render::json(&digest)
        }
        format => {
            let extension = match format {
                Some(DigestFormat::Html) => "html",
                _ => "md",
            };
            // `[reports] template` is the default digest template.
            let configured = config.reports.template.as_ref().map(|t| {
                let beside = config.base_dir().map(|dir| dir.join(t));
                match beside {
                    Some(path) if path.is_file() => path.display().to_string(),
                    _ => t.clone(),
                }
            });
            let choice =
                args.report
                    .template
                    .clone()
                    .or(if format.is_none() { configured } else { None });
            let mut templates = Templates::new(user_templates(store, &config, &args.report)?);
            templates.set_html(extension == "html");
            let name = match choice {
                Some(choice) => templates.choose(&choice)?,
                None => format!("digest.{extension}.j2"),
            };
            templates.render(&name, &digest)?
        }
    };
    emit(args.report.output.as_deref(), &text)
}

/// `redliner compare --format md|html`: the report through a template.
/// What compare templates receive (docs/report.md): the report's fields, the
/// changes to read first, and what `--min-significance` left out.
#[derive(Serialize)]
struct CompareContext<'r> {
    #[serde(flatten)]
    report: &'r Report,
    most_significant: Vec<&'r Change>,
    hidden: Option<Hidden>,
}

pub fn render_compare(
    store: &Store,
    args: &ReportArgs,
    report: &Report,
    min_significance: f64,
    extension: &str,
) -> Result<String> {
    let config = Config::discover(&store.root)?;
    let mut templates = Templates::new(user_templates(store, &config, args)?);
    templates.set_html(extension == "html");
    let name = match &args.template {
        Some(choice) => templates.choose(choice)?,
        None => format!("compare.{extension}.j2"),
    };
    let mut shown = report.clone();
    let hidden = match shown.hide_below(min_significance) {
        0 => None,
        changes => Some(Hidden {
            min_significance,
            changes,
        }),
    };
    let context = CompareContext {
        most_significant: shown
            .most_significant()
            .into_iter()
            .take(MOST_SIGNIFICANT)
            .collect(),
        report: &shown,
        hidden,
    };
    Ok(templates.render(&name, &context)?)
}

/// `redliner templates`.
pub fn run_templates(store: &Store, args: TemplatesArgs) -> Result<()> {
    let config = Config::discover(&store.root)?;
    let report_args = ReportArgs {
        templates: args.templates,
        ..ReportArgs::default()
    };
    let templates = Templates::new(user_templates(store, &config, &report_args)?);
    match args.command {
        TemplatesCommand::List {
            format: super::ResultFormat::Json,
        } => {
            let list: Vec<serde_json::Value> = templates
                .list()
                .into_iter()
                .map(|(name, path)| {
                    serde_json::json!({
                        "name": name,
                        "overridden_by": path.map(|p| p.display().to_string()),
                    })
                })
                .collect();
            super::print(&render::json(&list))
        }
        TemplatesCommand::List { .. } => {
            let mut out = String::new();
            for (name, overridden) in templates.list() {
                match overridden {
                    Some(path) => {
                        out.push_str(&format!("{name}  (overridden by {})\n", path.display()))
                    }
                    None => out.push_str(&format!("{name}\n")),
                }
            }
            super::print(&out)
        }
        TemplatesCommand::Show { name } => {
            let name = if name.ends_with(".j2") {
                name
            } else {
                format!("{name}.j2")
            };
            let (source, _) = templates.source(&name)?;
            super::print(&source)
        }
        TemplatesCommand::Export { dir, force } => export(&dir, force),
    }
}

/// Writes the built-in templates into `dir`; existing files are an error unless forced.
fn export(dir: &Path, force: bool) -> Result<()> {
    std::fs::create_dir_all(dir).map_err(|e| anyhow::anyhow!("{}: {e}", dir.display()))?;
    if !force {
        let existing: Vec<String> = render::templates::BUILTIN
            .iter()
            .map(|(name, _)| dir.join(name))
            .filter(|path| path.exists())
            .map(|path| path.display().to_string())
            .collect();
        if !existing.is_empty() {
            bail!(
                "{}: would replace {} (use --force)",
                dir.display(),
                existing.join(", ")
            );
        }
    }
    for (name, source) in render::templates::BUILTIN {
        output::write_atomic(&dir.join(name), source)?;
    }
    Ok(())
}

/// The user's template folder: `--templates`, else `[reports] templates` in
/// `redliner.toml` (relative to that file), else a `templates/` folder next to
/// the statements folder (the store).
fn user_templates(store: &Store, config: &Config, args: &ReportArgs) -> Result<Option<PathBuf>> {
    if let Some(dir) = &args.templates {
        if !dir.is_dir() {
            bail!("{}: no such templates folder", dir.display());
        }
        return Ok(Some(dir.clone()));
    }
    if let Some(dir) = &config.reports.templates {
        let dir = match config.base_dir() {
            Some(base) => base.join(dir),
            None => dir.clone(),
        };
        if !dir.is_dir() {
            let file = config
                .path
                .as_deref()
                .unwrap_or(Path::new(redliner::config::FILE_NAME));
            bail!(
                "{}: [reports] templates: {}: no such folder",
                file.display(),
                dir.display()
            );
        }
        return Ok(Some(dir));
    }
    let beside = store
        .root
        .parent()
        .unwrap_or(Path::new(""))
        .join("templates");
    Ok(beside.is_dir().then_some(beside))
}

/// The statements a digest covers, in thread order, with the thread's name (if
/// it is one) and a label for errors.
fn digest_statements(
    store: &Store,
    read: &ReadOptions,
    inputs: &[String],
) -> Result<(Option<String>, String, Vec<Statement>)> {
    match inputs {
        [] => {
            let names = store.thread_names().unwrap_or_default();
            match names.as_slice() {
                [only] => digest_statements(store, read, std::slice::from_ref(only)),
                [] => bail!(
                    "{}: no threads to digest; name a thread, a folder or files",
                    store.root.display()
                ),
                _ => bail!(
                    "{}: several threads; name one of {}",
                    store.root.display(),
                    names.join(", ")
                ),
            }
        }
        [one] if !Path::new(one).is_file() => {
            let dir = store.thread_dir(one)?;
            let name = dir
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .filter(|n| !n.is_empty() && n != "." && n != "..");
            let statements = store::read_thread(&dir, read)?;
            Ok((name, dir.display().to_string(), statements))
        }
        files => {
            let mut statements = files
                .iter()
                .map(|f| Statement::read(Path::new(f), read))
                .collect::<redliner::error::Result<Vec<_>>>()?;
            store::sort_thread(&mut statements);
            Ok((common_folder(files), files.join(", "), statements))
        }
    }
}

/// The name of the folder all `files` are in, if they share one: the thread
/// they belong to (`digest statements/talks/a.md statements/talks/b.md` is a
/// digest of `talks`).
fn common_folder(files: &[String]) -> Option<String> {
    let folder = |f: &String| {
        let path = std::fs::canonicalize(f).ok()?;
        path.parent().map(Path::to_path_buf)
    };
    let first = folder(files.first()?)?;
    files[1..]
        .iter()
        .all(|f| folder(f).as_ref() == Some(&first))
        .then(|| first.file_name().map(|n| n.to_string_lossy().into_owned()))
        .flatten()
}

/// Applies `--since` and `--last`; at least two statements must remain.
fn select(
    label: &str,
    mut statements: Vec<Statement>,
    since: Option<&str>,
    last: Option<usize>,
) -> Result<Vec<Statement>> {
    if let Some(since) = since {
        if !redliner::statement::is_iso_date(since) {
            bail!("--since {since}: expected a date as YYYY-MM-DD");
        }
        // Undated statements sort last and count as recent.
        let before = statements
            .iter()
            .filter(|s| s.meta.date.as_deref().is_some_and(|d| d < since))
            .count();
        if before == statements.len() {
            bail!("{label}: no statements on or after {since}");
        }
        // Keep the last statement before DATE: the rounds since DATE start from it.
        statements.drain(..before.saturating_sub(1));
    }
    if let Some(last) = last {
        if last < 2 {
            bail!("--last {last}: a digest needs at least two statements");
        }
        let skip = statements.len().saturating_sub(last);
        statements.drain(..skip);
    }
    if statements.len() < 2 {
        bail!(
            "{label}: a digest needs at least two statements, found {}",
            statements.len()
        );
    }
    Ok(statements)
}

/// Prints the report, or writes it atomically to `-o FILE`.
pub fn emit(output: Option<&Path>, text: &str) -> Result<()> {
    match output {
        Some(path) => output::write_atomic(path, text),
        None => super::print(text),
    }
}
